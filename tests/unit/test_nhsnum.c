/* test_nhsnum.c - NHS number check digits (src/domain/nhsnum.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/nhsnum.h"

static void known_valid_number_passes(void **state)
{
	(void)state;
	assert_true(nhsnum_valid("9434765919"));
	assert_int_equal(nhsnum_check_digit("943476591"), 9);
}

static void wrong_check_digit_fails(void **state)
{
	(void)state;
	for (char d = '0'; d <= '9'; d++) {
		char s[11] = "943476591";
		s[9] = d;
		s[10] = '\0';
		if (d == '9')
			assert_true(nhsnum_valid(s));
		else
			assert_false(nhsnum_valid(s));
	}
}

static void transposed_digits_fail(void **state)
{
	(void)state;
	assert_false(nhsnum_valid("4934765919"));
	assert_false(nhsnum_valid("9443765919"));
}

static void only_ten_plain_digits_are_accepted(void **state)
{
	(void)state;
	assert_false(nhsnum_valid(NULL));
	assert_false(nhsnum_valid(""));
	assert_false(nhsnum_valid("943476591"));
	assert_false(nhsnum_valid("94347659190"));
	assert_false(nhsnum_valid("943 476 5919"));
	assert_false(nhsnum_valid("943-476-5919"));
	assert_false(nhsnum_valid("94347659l9"));
	assert_false(nhsnum_valid(" 9434765919"));
	assert_false(nhsnum_valid("943476591\xC2\xB9"));
}

static void test_range_numbers_follow_the_same_rule(void **state)
{
	(void)state;
	/* 999 numbers are set aside for testing; worked out by hand. */
	assert_int_equal(nhsnum_check_digit("999000001"), 8);
	assert_true(nhsnum_valid("9990000018"));
	assert_int_equal(nhsnum_check_digit("999000002"), 6);
	assert_true(nhsnum_valid("9990000026"));
	assert_int_equal(nhsnum_check_digit("999999999"), 9);
	assert_true(nhsnum_valid("9999999999"));
	assert_false(nhsnum_valid("9990000019"));
}

static void remainder_of_eleven_gives_zero(void **state)
{
	(void)state;
	assert_int_equal(nhsnum_check_digit("999000005"), 0);
	assert_true(nhsnum_valid("9990000050"));
}

static void nine_digits_that_would_need_ten_have_no_valid_number(void **state)
{
	(void)state;
	assert_int_equal(nhsnum_check_digit("999000000"), -1);
	assert_int_equal(nhsnum_check_digit("999123456"), -1);
	for (char d = '0'; d <= '9'; d++) {
		char s[11];
		snprintf(s, sizeof s, "999000000%c", d);
		assert_false(nhsnum_valid(s));
	}
}

static void check_digit_refuses_non_digits(void **state)
{
	(void)state;
	assert_int_equal(nhsnum_check_digit("99900000x"), -1);
	assert_int_equal(nhsnum_check_digit("99900 001"), -1);
}

static void about_one_in_eleven_prefixes_has_no_number(void **state)
{
	(void)state;
	/* Over a run of prefixes the check digits spread evenly over 0..9 and
	 * "none"; every prefix with a digit makes a valid number. */
	int seen[11] = {0};
	for (int i = 0; i < 1100; i++) {
		char nine[16];
		snprintf(nine, sizeof nine, "999%06d", i);
		int c = nhsnum_check_digit(nine);
		assert_true(c >= -1 && c <= 9);
		seen[c + 1]++;
		if (c >= 0) {
			char ten[32];
			snprintf(ten, sizeof ten, "%s%d", nine, c);
			assert_true(nhsnum_valid(ten));
		}
	}
	for (int k = 0; k < 11; k++)
		assert_in_range(seen[k], 95, 105);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_valid_number_passes),
		cmocka_unit_test(wrong_check_digit_fails),
		cmocka_unit_test(transposed_digits_fail),
		cmocka_unit_test(only_ten_plain_digits_are_accepted),
		cmocka_unit_test(test_range_numbers_follow_the_same_rule),
		cmocka_unit_test(remainder_of_eleven_gives_zero),
		cmocka_unit_test(nine_digits_that_would_need_ten_have_no_valid_number),
		cmocka_unit_test(check_digit_refuses_non_digits),
		cmocka_unit_test(about_one_in_eleven_prefixes_has_no_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
