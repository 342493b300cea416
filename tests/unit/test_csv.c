/* test_csv.c - the CSV writer (src/export/csv.c): RFC 4180 quoting and
 * neutralised formulas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "export/csv.h"

static void row_of(struct buf *b, const char *const *cells, size_t n)
{
	struct csv_row row = {0};
	for (size_t i = 0; i < n; i++)
		csv_cell(b, &row, cells[i]);
	csv_end_row(b, &row);
}

static void plain_cells_are_comma_separated_and_rows_end_in_crlf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	const char *const r1[] = {"Name", "Date", NULL};
	const char *const r2[] = {"Alice Smith", "2026-03-01", "x"};
	row_of(&b, r1, 3);
	row_of(&b, r2, 3);
	assert_int_equal(b.err, CP_OK);
	assert_string_equal(b.data, "Name,Date,\r\nAlice Smith,2026-03-01,x\r\n");
	buf_free(&b);
}

static void commas_quotes_and_line_breaks_are_quoted_with_quotes_doubled(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	const char *const r[] = {"Smith, Alice", "say \"hi\"", "two\nlines", "cr\rhere", "plain"};
	row_of(&b, r, 5);
	assert_string_equal(b.data, "\"Smith, Alice\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",plain\r\n");
	buf_free(&b);
}

static void cells_that_start_a_formula_get_a_single_quote(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	const char *const r[] = {"=1+2", "+44 20", "-5", "@SUM(A1)", "a=b", "\tx"};
	row_of(&b, r, 6);
	assert_string_equal(b.data, "'=1+2,'+44 20,'-5,'@SUM(A1),a=b,'\tx\r\n");
	buf_free(&b);
}

static void a_neutralised_cell_that_needs_quotes_has_the_mark_inside_them(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	const char *const r[] = {"=HYPERLINK(\"http://x\",\"y\")"};
	row_of(&b, r, 1);
	assert_string_equal(b.data, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
	buf_free(&b);
}

static void numbers_are_written_as_they_are(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	struct csv_row row = {0};
	csv_cell_i64(&b, &row, -3);
	csv_cell_i64(&b, &row, 42);
	csv_end_row(&b, &row);
	assert_string_equal(b.data, "-3,42\r\n");
	assert_false(csv_needs_neutral("Smith"));
	assert_false(csv_needs_neutral(NULL));
	assert_true(csv_needs_neutral("-"));
	buf_free(&b);
}

static void a_file_past_its_maximum_is_an_error(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	const char *const r[] = {"a long cell that does not fit"};
	row_of(&b, r, 1);
	assert_int_not_equal(b.err, CP_OK);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_cells_are_comma_separated_and_rows_end_in_crlf),
		cmocka_unit_test(commas_quotes_and_line_breaks_are_quoted_with_quotes_doubled),
		cmocka_unit_test(cells_that_start_a_formula_get_a_single_quote),
		cmocka_unit_test(a_neutralised_cell_that_needs_quotes_has_the_mark_inside_them),
		cmocka_unit_test(numbers_are_written_as_they_are),
		cmocka_unit_test(a_file_past_its_maximum_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
