/*
 * test_csvread.c - the streaming CSV reader (src/util/csvread.c): quotes,
 * doubled quotes, CRLF, line breaks inside quotes, line numbers, refused rows
 * and the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "util/csvread.h"

/* A reader over the text s (kept open in *f). */
static struct csvread *over(const char *s, FILE **f, size_t max_bytes, size_t max_cells)
{
	*f = fmemopen((void *)s, strlen(s), "r");
	assert_non_null(*f);
	struct csvread *r = csvread_open(*f, max_bytes, max_cells);
	assert_non_null(r);
	return r;
}

static void plain_rows_split_on_commas_with_line_numbers(void **state)
{
	(void)state;
	FILE *f;
	struct csvread *r = over("a,b,c\n1,,3\nlast", &f, 1024, 8);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 1);
	assert_null(row.error);
	assert_int_equal(row.n, 3);
	assert_string_equal(row.cells[0], "a");
	assert_string_equal(row.cells[2], "c");
	assert_int_equal(row.line, 1);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_int_equal(row.n, 3);
	assert_string_equal(row.cells[1], "");
	assert_int_equal(row.line, 2);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_int_equal(row.n, 1);
	assert_string_equal(row.cells[0], "last"); /* no line end at the end of the file */
	assert_int_equal(row.line, 3);
	assert_int_equal(csvread_next(r, &row), 0);
	csvread_free(r);
	fclose(f);
}

static void quotes_hold_commas_doubled_quotes_and_line_breaks(void **state)
{
	(void)state;
	FILE *f;
	struct csvread *r = over("\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nnext,row\r\n", &f, 1024, 8);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 1);
	assert_null(row.error);
	assert_int_equal(row.n, 3);
	assert_string_equal(row.cells[0], "x, y");
	assert_string_equal(row.cells[1], "say \"hi\"");
	assert_string_equal(row.cells[2], "two\r\nlines");
	assert_int_equal(row.line, 1);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_int_equal(row.line, 3); /* the quoted line break moved the count on */
	assert_int_equal(row.n, 2);
	assert_string_equal(row.cells[1], "row"); /* CRLF: no CR left in the cell */
	assert_int_equal(csvread_next(r, &row), 0);
	csvread_free(r);
	fclose(f);
}

static void a_byte_order_mark_is_skipped(void **state)
{
	(void)state;
	FILE *f;
	struct csvread *r = over("\xEF\xBB\xBFnhs_number,kind\n", &f, 1024, 8);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 1);
	assert_string_equal(row.cells[0], "nhs_number");
	csvread_free(r);
	fclose(f);
}

static void a_bad_row_is_refused_and_reading_goes_on_at_the_next_line(void **state)
{
	(void)state;
	FILE *f;
	struct csvread *r = over("ok,1\n\"closed\"junk,2\na,b,c,d,e\n0123456789012345678901234567890123456789\nok,2\n",
				 &f, 32, 4);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 1);
	assert_null(row.error);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_string_equal(row.error, "text follows a closing quote in a cell");
	assert_int_equal(row.line, 2);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_string_equal(row.error, "the row has too many cells");
	assert_int_equal(row.line, 3);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_string_equal(row.error, "the row is too long");
	assert_int_equal(row.line, 4);
	assert_int_equal(csvread_next(r, &row), 1);
	assert_null(row.error);
	assert_int_equal(row.line, 5);
	assert_string_equal(row.cells[1], "2");
	assert_int_equal(csvread_next(r, &row), 0);
	csvread_free(r);
	fclose(f);
}

static void a_row_ending_exactly_at_the_limit_leaves_the_next_row_alone(void **state)
{
	(void)state;
	FILE *f;
	/* "abcdefg" is 7 bytes and its NUL the 8th: the limit of 7 is reached
	 * by the line end itself. */
	struct csvread *r = over("abcdefg\nnext\n", &f, 7, 4);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 1);
	assert_string_equal(row.error, "the row is too long");
	assert_int_equal(csvread_next(r, &row), 1);
	assert_null(row.error);
	assert_string_equal(row.cells[0], "next");
	assert_int_equal(row.line, 2);
	assert_int_equal(csvread_next(r, &row), 0);
	csvread_free(r);
	fclose(f);
}

static void an_unclosed_quote_at_the_end_is_refused(void **state)
{
	(void)state;
	FILE *f;
	struct csvread *r = over("a,\"never closed\nstill inside", &f, 1024, 8);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 1);
	assert_string_equal(row.error, "a quoted cell is not closed before the end of the file");
	assert_int_equal(row.line, 1);
	assert_int_equal(csvread_next(r, &row), 0);
	csvread_free(r);
	fclose(f);
}

static void an_empty_file_has_no_rows(void **state)
{
	(void)state;
	FILE *f = fmemopen((void *)"x", 1, "r");
	assert_non_null(f);
	assert_int_equal(getc(f), 'x'); /* now at the end */
	struct csvread *r = csvread_open(f, 16, 2);
	struct csvread_row row;
	assert_int_equal(csvread_next(r, &row), 0);
	csvread_free(r);
	csvread_free(NULL);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_rows_split_on_commas_with_line_numbers),
		cmocka_unit_test(quotes_hold_commas_doubled_quotes_and_line_breaks),
		cmocka_unit_test(a_byte_order_mark_is_skipped),
		cmocka_unit_test(a_bad_row_is_refused_and_reading_goes_on_at_the_next_line),
		cmocka_unit_test(a_row_ending_exactly_at_the_limit_leaves_the_next_row_alone),
		cmocka_unit_test(an_unclosed_quote_at_the_end_is_refused),
		cmocka_unit_test(an_empty_file_has_no_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
