/* test_csvread.c - the streaming CSV reader (src/util/csvread.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "util/csvread.h"

/* A reader over the text s (a memory stream). */
struct fx {
	FILE *f;
	struct csvread *r;
	const char *const *fields;
	size_t n;
	long line;
	const char *msg;
};

static void open_text(struct fx *x, const char *s)
{
	x->f = fmemopen((void *)s, strlen(s), "r");
	assert_non_null(x->f);
	x->r = csvread_new(x->f);
	assert_non_null(x->r);
}

static void close_text(struct fx *x)
{
	csvread_free(x->r);
	fclose(x->f);
}

static enum csvread_result next(struct fx *x)
{
	return csvread_next(x->r, &x->fields, &x->n, &x->line, &x->msg);
}

static void plain_fields_split_on_commas_and_lines(void **state)
{
	(void)state;
	struct fx x;
	open_text(&x, "a,b,c\n1,,3\n");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.fields[0], "a");
	assert_string_equal(x.fields[2], "c");
	assert_int_equal(x.line, 1);
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.fields[1], "");
	assert_int_equal(x.line, 2);
	assert_int_equal(next(&x), CSVREAD_END);
	close_text(&x);
}

static void quotes_hold_commas_doubled_quotes_and_line_breaks(void **state)
{
	(void)state;
	struct fx x;
	open_text(&x, "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nnext,\"\"\r\nlast,row");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.fields[0], "x, y");
	assert_string_equal(x.fields[1], "say \"hi\"");
	assert_string_equal(x.fields[2], "two\r\nlines");
	assert_int_equal(x.line, 1);
	/* The quoted line break made the first record two lines long. */
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.line, 3);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.fields[1], "");
	/* No line end after the last record. */
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.line, 4);
	assert_string_equal(x.fields[1], "row");
	assert_int_equal(next(&x), CSVREAD_END);
	close_text(&x);
}

static void byte_order_mark_and_blank_lines_are_skipped_but_counted(void **state)
{
	(void)state;
	struct fx x;
	open_text(&x, "\xEF\xBB\xBFh1,h2\n\n\r\nv1,v2\n");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_string_equal(x.fields[0], "h1");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.line, 4);
	assert_string_equal(x.fields[0], "v1");
	assert_int_equal(next(&x), CSVREAD_END);
	close_text(&x);
}

static void broken_records_are_reported_and_reading_goes_on(void **state)
{
	(void)state;
	struct fx x;
	open_text(&x, "ok,1\nab\"c,2\n\"a\"b,3\nfine,4\n\"never closed,5\nmore\n");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(next(&x), CSVREAD_BAD);
	assert_int_equal(x.line, 2);
	assert_non_null(strstr(x.msg, "double quote"));
	assert_int_equal(next(&x), CSVREAD_BAD);
	assert_int_equal(x.line, 3);
	assert_non_null(strstr(x.msg, "after a closing quote"));
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_string_equal(x.fields[0], "fine");
	assert_int_equal(x.line, 4);
	assert_int_equal(next(&x), CSVREAD_BAD);
	assert_int_equal(x.line, 5);
	assert_non_null(strstr(x.msg, "not closed"));
	assert_int_equal(next(&x), CSVREAD_END);
	close_text(&x);
}

static void over_long_fields_and_too_many_fields_are_refused(void **state)
{
	(void)state;
	static char text[2 * CSVREAD_FIELD_MAX + 4 * CSVREAD_FIELDS_MAX + 64];
	size_t k = 0;
	memset(text, 'x', CSVREAD_FIELD_MAX + 1);
	k = CSVREAD_FIELD_MAX + 1;
	text[k++] = '\n';
	for (int i = 0; i <= CSVREAD_FIELDS_MAX; i++) {
		text[k++] = 'y';
		text[k++] = ',';
	}
	text[k++] = '\n';
	memcpy(text + k, "after\n", 7);
	struct fx x;
	open_text(&x, text);
	assert_int_equal(next(&x), CSVREAD_BAD);
	assert_non_null(strstr(x.msg, "too long"));
	assert_int_equal(next(&x), CSVREAD_BAD);
	assert_int_equal(x.line, 2);
	assert_non_null(strstr(x.msg, "too many fields"));
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_string_equal(x.fields[0], "after");
	assert_int_equal(x.line, 3);
	close_text(&x);
}

static void a_lone_carriage_return_is_data(void **state)
{
	(void)state;
	struct fx x;
	open_text(&x, "a\rb,c\n");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.fields[0], "a\rb");
	close_text(&x);
}

/* From the in-memory reader the directory's import used (csv_read.c, now
 * gone): CRLF and LF mixed in one file, a quoted cell with doubled quotes
 * and a line break, empty cells at the end, a blank line, and a last line
 * with no end; and a quote left open at the very end with no line end. */
static void mixed_line_ends_and_a_last_line_with_no_end(void **state)
{
	(void)state;
	struct fx x;
	open_text(&x, "\xEF\xBB\xBFid,name\r\n1,\"Tea, \"\"cake\"\"\nand chat\"\n2,,\r\n\n3,last");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.fields[0], "id");
	assert_int_equal(x.line, 1);
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.line, 2);
	assert_string_equal(x.fields[1], "Tea, \"cake\"\nand chat");
	assert_int_equal(next(&x), CSVREAD_RECORD);
	assert_int_equal(x.line, 4);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.fields[1], "");
	assert_string_equal(x.fields[2], "");
	assert_int_equal(next(&x), CSVREAD_RECORD); /* the blank line 5 is skipped */
	assert_int_equal(x.line, 6);
	assert_string_equal(x.fields[1], "last");
	assert_int_equal(next(&x), CSVREAD_END);
	close_text(&x);
	open_text(&x, "a,\"open\nnever closed");
	assert_int_equal(next(&x), CSVREAD_BAD);
	assert_int_equal(x.line, 1);
	assert_non_null(strstr(x.msg, "not closed"));
	assert_int_equal(next(&x), CSVREAD_END);
	close_text(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_fields_split_on_commas_and_lines),
		cmocka_unit_test(quotes_hold_commas_doubled_quotes_and_line_breaks),
		cmocka_unit_test(byte_order_mark_and_blank_lines_are_skipped_but_counted),
		cmocka_unit_test(broken_records_are_reported_and_reading_goes_on),
		cmocka_unit_test(over_long_fields_and_too_many_fields_are_refused),
		cmocka_unit_test(a_lone_carriage_return_is_data),
		cmocka_unit_test(mixed_line_ends_and_a_last_line_with_no_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
