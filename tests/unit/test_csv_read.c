/* test_csv_read.c - the streaming CSV reader (src/util/csv_read.c): quoted
 * cells with doubled quotes and line breaks, CRLF and LF, a last line with
 * no end, a byte order mark, the line each record starts on, and refusals
 * of an unclosed quote, text after a closing quote and too many cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "util/csv_read.h"

static void records_cells_and_lines(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 16);
	const char *text = "\xEF\xBB\xBFid,name\r\n1,\"Tea, \"\"cake\"\"\nand chat\"\n2,,\r\n\n3,last";
	struct csv_reader r;
	csv_reader_init(&r, text, strlen(text));
	const char *c[4];
	size_t n = 0, line = 0;
	assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(c[0], "id");
	assert_int_equal(line, 1);
	assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_OK);
	assert_int_equal(line, 2);
	assert_string_equal(c[1], "Tea, \"cake\"\nand chat");
	assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_OK);
	assert_int_equal(line, 4);
	assert_int_equal(n, 3);
	assert_string_equal(c[1], "");
	assert_string_equal(c[2], "");
	assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_OK);
	assert_int_equal(line, 5);
	assert_int_equal(n, 1);
	assert_string_equal(c[0], "");
	assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_OK);
	assert_int_equal(line, 6);
	assert_string_equal(c[1], "last");
	assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_ENOTFOUND);
	arena_free(a);
}

static void broken_records_are_refused_and_reading_stops(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 16);
	static const char *const bad[] = {"a,\"open\nnever closed", "a,\"closed\"x,b\n", "1,2,3,4,5\n"};
	for (size_t i = 0; i < 3; i++) {
		struct csv_reader r;
		csv_reader_init(&r, bad[i], strlen(bad[i]));
		const char *c[4];
		size_t n = 0, line = 0;
		assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_EINVAL);
		assert_int_equal(line, 1);
		assert_int_equal(csv_read_row(&r, a, c, 4, &n, &line), CP_ENOTFOUND);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_cells_and_lines),
		cmocka_unit_test(broken_records_are_refused_and_reading_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
