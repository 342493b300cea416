/* test_err.c - descriptions of enum cp_err (src/util/err.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "util/err.h"

static void every_error_has_its_own_description(void **state)
{
	(void)state;
	for (int i = 0; i < CP_ERR__MAX; i++) {
		const char *s = cp_strerror((enum cp_err)i);
		assert_non_null(s);
		assert_true(strlen(s) > 0);
		assert_string_not_equal(s, "unknown error");
		for (int j = 0; j < i; j++)
			assert_string_not_equal(s, cp_strerror((enum cp_err)j));
	}
}

static void known_errors_read_as_documented(void **state)
{
	(void)state;
	assert_string_equal(cp_strerror(CP_OK), "ok");
	assert_string_equal(cp_strerror(CP_ENOTFOUND), "not found");
	assert_string_equal(cp_strerror(CP_ECONFLICT), "conflict");
	assert_string_equal(cp_strerror(CP_EVERSION), "database is from a newer version");
}

static void out_of_range_values_are_unknown(void **state)
{
	(void)state;
	assert_string_equal(cp_strerror(CP_ERR__MAX), "unknown error");
	assert_string_equal(cp_strerror((enum cp_err)-1), "unknown error");
	assert_string_equal(cp_strerror((enum cp_err)1000), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_error_has_its_own_description),
		cmocka_unit_test(known_errors_read_as_documented),
		cmocka_unit_test(out_of_range_values_are_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
