/* test_clock.c - UTC milliseconds and their formats (src/util/clock.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "util/clock.h"

#define T_2026_11_22_16_01_39_123 1795363299123LL /* 2026-11-22T16:01:39.123Z */
#define T_2000_02_29 951782400000LL               /* 2000-02-29T00:00:00Z */

static void now_is_the_wall_clock_in_milliseconds(void **state)
{
	(void)state;
	int64_t before = (int64_t)time(NULL) * 1000;
	int64_t now = time_now_ms();
	int64_t after = (int64_t)time(NULL) * 1000 + 1000;
	assert_true(now >= before);
	assert_true(now <= after);
}

static void monotonic_clock_never_goes_back(void **state)
{
	(void)state;
	int64_t prev = time_mono_ms();
	for (int i = 0; i < 1000; i++) {
		int64_t t = time_mono_ms();
		assert_true(t >= prev);
		prev = t;
	}
}

static void iso_format_has_milliseconds_and_z(void **state)
{
	(void)state;
	char out[32];
	time_fmt_iso(out, sizeof out, T_2026_11_22_16_01_39_123);
	assert_string_equal(out, "2026-11-22T16:01:39.123Z");
	time_fmt_iso(out, sizeof out, 0);
	assert_string_equal(out, "1970-01-01T00:00:00.000Z");
	time_fmt_iso(out, sizeof out, T_2000_02_29 + 7);
	assert_string_equal(out, "2000-02-29T00:00:00.007Z");
}

static void iso_format_of_a_time_before_1970_counts_back(void **state)
{
	(void)state;
	char out[32];
	time_fmt_iso(out, sizeof out, -1);
	assert_string_equal(out, "1969-12-31T23:59:59.999Z");
	time_fmt_iso(out, sizeof out, -1000);
	assert_string_equal(out, "1969-12-31T23:59:59.000Z");
}

static void iso_format_truncates_to_the_buffer(void **state)
{
	(void)state;
	char out[11];
	time_fmt_iso(out, sizeof out, T_2026_11_22_16_01_39_123);
	assert_string_equal(out, "2026-11-22");
}

static void hm_format_is_hours_and_minutes_utc(void **state)
{
	(void)state;
	char out[6];
	time_fmt_hm(out, sizeof out, T_2026_11_22_16_01_39_123);
	assert_string_equal(out, "16:01");
	time_fmt_hm(out, sizeof out, T_2000_02_29 + 59999);
	assert_string_equal(out, "00:00");
}

static void human_format_spells_the_month(void **state)
{
	(void)state;
	char out[40];
	time_fmt_human(out, sizeof out, T_2026_11_22_16_01_39_123);
	assert_string_equal(out, "22 November 2026 at 16:01 UTC");
	time_fmt_human(out, sizeof out, T_2000_02_29);
	assert_string_equal(out, "29 February 2000 at 00:00 UTC");
	time_fmt_human(out, sizeof out, 0);
	assert_string_equal(out, "1 January 1970 at 00:00 UTC");
}

static void human_format_fits_the_documented_size_for_every_month(void **state)
{
	(void)state;
	/* 28 September (the longest month name) in a year with four digits. */
	const int64_t sep_28_2026 = 1790553600000LL; /* 2026-09-28T00:00:00Z */
	char out[40];
	time_fmt_human(out, sizeof out, sep_28_2026 + (23 * 3600 + 59 * 60) * 1000LL);
	assert_string_equal(out, "28 September 2026 at 23:59 UTC");
	assert_true(strlen(out) < sizeof out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(now_is_the_wall_clock_in_milliseconds),
		cmocka_unit_test(monotonic_clock_never_goes_back),
		cmocka_unit_test(iso_format_has_milliseconds_and_z),
		cmocka_unit_test(iso_format_of_a_time_before_1970_counts_back),
		cmocka_unit_test(iso_format_truncates_to_the_buffer),
		cmocka_unit_test(hm_format_is_hours_and_minutes_utc),
		cmocka_unit_test(human_format_spells_the_month),
		cmocka_unit_test(human_format_fits_the_documented_size_for_every_month),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
