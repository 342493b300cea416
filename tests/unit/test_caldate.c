/* test_caldate.c - civil date parsing and arithmetic (src/domain/caldate.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "domain/caldate.h"

#define D(y, m, d) ((struct caldate){y, m, d})

static void assert_date(struct caldate got, struct caldate want)
{
	if (caldate_cmp(got, want) != 0)
		fail_msg("got %04d-%02d-%02d, expected %04d-%02d-%02d", got.y, got.m, got.d, want.y, want.m,
			 want.d);
}

static void leap_years_follow_the_gregorian_rule(void **state)
{
	(void)state;
	int leap[] = {4, 400, 1600, 1996, 2000, 2004, 2024, 2028, 2400, 9996};
	int common[] = {1, 100, 1700, 1800, 1900, 2001, 2023, 2025, 2026, 2100, 2200, 2300, 9999};
	for (size_t i = 0; i < sizeof leap / sizeof leap[0]; i++)
		assert_true(caldate_is_leap(leap[i]));
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		assert_false(caldate_is_leap(common[i]));
}

static void months_have_their_lengths_and_february_follows_leap_years(void **state)
{
	(void)state;
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(caldate_days_in_month(2025, m), len[m - 1]);
		assert_int_equal(caldate_days_in_month(2024, m), m == 2 ? 29 : len[m - 1]);
	}
	assert_int_equal(caldate_days_in_month(1900, 2), 28);
	assert_int_equal(caldate_days_in_month(2000, 2), 29);
	assert_int_equal(caldate_days_in_month(2100, 2), 28);
	assert_int_equal(caldate_days_in_month(2026, 0), 0);
	assert_int_equal(caldate_days_in_month(2026, 13), 0);
	assert_int_equal(caldate_days_in_month(2026, -1), 0);
}

static void valid_dates_parse(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		struct caldate want;
	} ok[] = {
		{"2026-03-31", {2026, 3, 31}}, {"2024-02-29", {2024, 2, 29}}, {"2000-02-29", {2000, 2, 29}},
		{"1900-02-28", {1900, 2, 28}}, {"0001-01-01", {1, 1, 1}},     {"9999-12-31", {9999, 12, 31}},
		{"2025-12-31", {2025, 12, 31}}, {"2026-01-01", {2026, 1, 1}}, {"2026-04-30", {2026, 4, 30}},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct caldate d = {0, 0, 0};
		char msg[CALDATE_MSG_MAX] = "x";
		if (caldate_parse(ok[i].s, "Review date", &d, msg, sizeof msg) != CP_OK)
			fail_msg("%s: %s", ok[i].s, msg);
		assert_date(d, ok[i].want);
		assert_string_equal(msg, "");
	}
}

static void impossible_dates_are_refused_naming_the_problem(void **state)
{
	(void)state;
	static const struct {
		const char *s, *msg;
	} bad[] = {
		{"2026-02-30", "Review date 2026-02-30 is not a date: the day must be from 01 to 28 in February 2026."},
		{"2025-02-29", "Review date 2025-02-29 is not a date: 2025 is not a leap year, so February has 28 days."},
		{"1900-02-29", "Review date 1900-02-29 is not a date: 1900 is not a leap year, so February has 28 days."},
		{"2024-02-30", "Review date 2024-02-30 is not a date: the day must be from 01 to 29 in February 2024."},
		{"2026-04-31", "Review date 2026-04-31 is not a date: the day must be from 01 to 30 in April 2026."},
		{"2026-12-32", "Review date 2026-12-32 is not a date: the day must be from 01 to 31 in December 2026."},
		{"2026-01-00", "Review date 2026-01-00 is not a date: the day must be from 01 to 31 in January 2026."},
		{"2026-13-01", "Review date 2026-13-01 is not a date: the month must be from 01 to 12."},
		{"2026-00-10", "Review date 2026-00-10 is not a date: the month must be from 01 to 12."},
		{"2026-99-99", "Review date 2026-99-99 is not a date: the month must be from 01 to 12."},
		{"0000-01-01", "Review date 0000-01-01 is not a date: the year must be from 0001 to 9999."},
		{"2026-0a-01", "Review date 2026-0a-01 is not a date: the month must be two digits."},
		{"20x6-01-01", "Review date 20x6-01-01 is not a date: the year must be four digits."},
		{"2026-01-1 ", "Review date 2026-01-1  is not a date: the day must be two digits."},
		{"+026-01-01", "Review date +026-01-01 is not a date: the year must be four digits."},
		{"2026/01/01", "Review date 2026/01/01 is not a date: write it as YYYY-MM-DD, with a hyphen "
			       "between year, month and day."},
		{"2026-01--1", "Review date 2026-01--1 is not a date: the day must be two digits."},
		{"2026-1-001", "Review date 2026-1-001 is not a date: write it as YYYY-MM-DD, with a hyphen "
			       "between year, month and day."},
		{"2026-1-1", "Review date \"2026-1-1\" is not in the form YYYY-MM-DD, for example 2026-03-31."},
		{"20260101", "Review date \"20260101\" is not in the form YYYY-MM-DD, for example 2026-03-31."},
		{"2026-01-011", "Review date \"2026-01-011\" is not in the form YYYY-MM-DD, for example 2026-03-31."},
		{" 2026-01-01", "Review date \" 2026-01-01\" is not in the form YYYY-MM-DD, for example 2026-03-31."},
		{"12026-01-01", "Review date \"12026-01-01\" is not in the form YYYY-MM-DD, for example 2026-03-31."},
		{"", "Review date is missing: enter it as YYYY-MM-DD, for example 2026-03-31."},
		{"2026-01-0\n", "Review date is not in the form YYYY-MM-DD: it has characters other than digits "
				"and hyphens."},
		{"2026-\xC2\xB9-01", /* a superscript one: ten bytes */
		 "Review date is not in the form YYYY-MM-DD: it has characters other than digits and hyphens."},
		{"\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x96", /* full-width digits, 12 bytes */
		 "Review date is not in the form YYYY-MM-DD, for example 2026-03-31."},
		{"2026-01-01T00:00:00Z", "Review date \"2026-01-01T00:00:00Z\" is not in the form YYYY-MM-DD, "
					 "for example 2026-03-31."},
		{"2026-01-01 and a great deal more text after it",
		 "Review date is not in the form YYYY-MM-DD, for example 2026-03-31."},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct caldate d = {7, 7, 7};
		char msg[CALDATE_MSG_MAX];
		assert_int_equal(caldate_parse(bad[i].s, "Review date", &d, msg, sizeof msg), CP_EINVAL);
		assert_string_equal(msg, bad[i].msg);
		assert_date(d, D(7, 7, 7));
	}
	char msg[CALDATE_MSG_MAX];
	struct caldate d;
	assert_int_equal(caldate_parse(NULL, "Date of birth", &d, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Date of birth is missing: enter it as YYYY-MM-DD, for example 2026-03-31.");
	assert_int_equal(caldate_parse("2026-02-30", NULL, &d, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Date 2026-02-30 is not a date: the day must be from 01 to 28 in February 2026.");
	assert_int_equal(caldate_parse("2026-02-30", NULL, &d, NULL, 0), CP_EINVAL);
}

static void every_parse_message_fits_the_declared_buffer(void **state)
{
	(void)state;
	const char *what = "Date the person would next like to meet"; /* 39 bytes */
	const char *bad[] = {
		NULL, "", "2026-09-31", "2025-02-29", "2026-13-01", "0000-01-01", "2026/01/01",
		"2026-0a-01", "x2026-01-01T00:00:00.000Z+01:00", "2026-01-0\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char msg[CALDATE_MSG_MAX + 64];
		struct caldate d;
		assert_int_equal(caldate_parse(bad[i], what, &d, msg, sizeof msg), CP_EINVAL);
		assert_true(strlen(msg) + 1 < CALDATE_MSG_MAX);
		assert_non_null(strstr(msg, what));
	}
}

static void every_day_of_four_centuries_formats_and_parses_back(void **state)
{
	(void)state;
	/* 1900-01-01 to 2299-12-31 by day number: each date is valid, follows the
	 * one before by exactly one calendar day, and round-trips as text. */
	struct caldate prev = D(1899, 12, 31), d;
	int first = caldate_to_days(D(1900, 1, 1)), last = caldate_to_days(D(2299, 12, 31));
	assert_int_equal(last - first + 1, 146097); /* 400 years; 1900, 2100, 2200 are not leap, 2000 is */
	for (int n = first; n <= last; n++) {
		assert_int_equal(caldate_from_days(n, &d), CP_OK);
		assert_true(caldate_valid(d));
		bool next_day = d.y == prev.y && d.m == prev.m && d.d == prev.d + 1;
		bool next_month = d.y == prev.y && d.m == prev.m + 1 && d.d == 1 &&
				  prev.d == caldate_days_in_month(prev.y, prev.m);
		bool next_year = d.y == prev.y + 1 && d.m == 1 && d.d == 1 && prev.m == 12 && prev.d == 31;
		if (!(next_day || next_month || next_year))
			fail_msg("day %d: %04d-%02d-%02d does not follow %04d-%02d-%02d", n, d.y, d.m, d.d, prev.y,
				 prev.m, prev.d);
		assert_int_equal(caldate_to_days(d), n);
		char s[CALDATE_STR];
		caldate_format(d, s, sizeof s);
		struct caldate back;
		char msg[CALDATE_MSG_MAX];
		assert_int_equal(caldate_parse(s, "Date", &back, msg, sizeof msg), CP_OK);
		assert_date(back, d);
		prev = d;
	}
}

static void day_numbers_match_known_dates_and_the_range_ends(void **state)
{
	(void)state;
	assert_int_equal(caldate_to_days(D(1970, 1, 1)), 0);
	assert_int_equal(caldate_to_days(D(1969, 12, 31)), -1);
	assert_int_equal(caldate_to_days(D(2000, 1, 1)), 10957);
	assert_int_equal(caldate_to_days(D(2026, 3, 1)), 20513);
	assert_int_equal(caldate_to_days(D(1, 1, 1)), -719162);
	assert_int_equal(caldate_to_days(D(9999, 12, 31)), 2932896);
	struct caldate d = {7, 7, 7};
	assert_int_equal(caldate_from_days(-719162, &d), CP_OK);
	assert_date(d, D(1, 1, 1));
	assert_int_equal(caldate_from_days(2932896, &d), CP_OK);
	assert_date(d, D(9999, 12, 31));
	assert_int_equal(caldate_from_days(0, &d), CP_OK);
	assert_date(d, D(1970, 1, 1));
	d = D(7, 7, 7);
	assert_int_equal(caldate_from_days(-719163, &d), CP_EINVAL);
	assert_int_equal(caldate_from_days(2932897, &d), CP_EINVAL);
	assert_int_equal(caldate_from_days(INT_MIN, &d), CP_EINVAL);
	assert_int_equal(caldate_from_days(INT_MAX, &d), CP_EINVAL);
	assert_date(d, D(7, 7, 7));
}

static void adding_days_crosses_month_ends_leap_days_and_year_ends(void **state)
{
	(void)state;
	static const struct {
		struct caldate from;
		int n;
		struct caldate want;
	} cases[] = {
		{{2026, 1, 31}, 1, {2026, 2, 1}},    {{2026, 2, 1}, -1, {2026, 1, 31}},
		{{2026, 4, 30}, 1, {2026, 5, 1}},    {{2024, 2, 28}, 1, {2024, 2, 29}},
		{{2024, 2, 29}, 1, {2024, 3, 1}},    {{2025, 2, 28}, 1, {2025, 3, 1}},
		{{1900, 2, 28}, 1, {1900, 3, 1}},    {{2000, 2, 28}, 1, {2000, 2, 29}},
		{{2100, 2, 28}, 1, {2100, 3, 1}},    {{2025, 12, 31}, 1, {2026, 1, 1}},
		{{2026, 1, 1}, -1, {2025, 12, 31}},  {{2024, 1, 1}, 365, {2024, 12, 31}},
		{{2024, 1, 1}, 366, {2025, 1, 1}},   {{2025, 1, 1}, 365, {2026, 1, 1}},
		{{2024, 3, 1}, -1, {2024, 2, 29}},   {{2023, 3, 1}, -1, {2023, 2, 28}},
		{{2026, 1, 1}, 42, {2026, 2, 12}},   {{2024, 2, 29}, 364, {2025, 2, 27}},
		{{2026, 3, 14}, 0, {2026, 3, 14}},   {{1999, 12, 31}, 1, {2000, 1, 1}},
		{{2026, 12, 25}, -1030, {2024, 2, 29}},
		{{1, 1, 1}, 3652058, {9999, 12, 31}}, {{9999, 12, 31}, -3652058, {1, 1, 1}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct caldate got;
		assert_int_equal(caldate_add_days(cases[i].from, cases[i].n, &got), CP_OK);
		assert_date(got, cases[i].want);
	}
}

static void adding_days_outside_the_calendar_is_refused(void **state)
{
	(void)state;
	struct caldate got = {7, 7, 7};
	assert_int_equal(caldate_add_days(D(9999, 12, 31), 1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(1, 1, 1), -1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(2026, 1, 1), INT_MAX, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(2026, 1, 1), INT_MIN, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(1, 1, 1), 3652059, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(2026, 2, 30), 1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(2026, 13, 1), 1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_days(D(0, 1, 1), 1, &got), CP_EINVAL);
	assert_date(got, D(7, 7, 7));
}

static void adding_months_clamps_to_the_end_of_the_month(void **state)
{
	(void)state;
	static const struct {
		struct caldate from;
		int n;
		struct caldate want;
	} cases[] = {
		{{2026, 1, 31}, 1, {2026, 2, 28}},   {{2024, 1, 31}, 1, {2024, 2, 29}},
		{{2000, 1, 31}, 1, {2000, 2, 29}},   {{1900, 1, 31}, 1, {1900, 2, 28}},
		{{2026, 1, 31}, 2, {2026, 3, 31}},   {{2026, 1, 31}, 3, {2026, 4, 30}},
		{{2026, 3, 31}, 1, {2026, 4, 30}},   {{2026, 3, 31}, -1, {2026, 2, 28}},
		{{2026, 5, 31}, -1, {2026, 4, 30}},  {{2026, 1, 30}, 1, {2026, 2, 28}},
		{{2026, 1, 28}, 1, {2026, 2, 28}},   {{2026, 1, 15}, 1, {2026, 2, 15}},
		{{2025, 12, 15}, 1, {2026, 1, 15}},  {{2026, 1, 15}, -1, {2025, 12, 15}},
		{{2025, 12, 31}, 2, {2026, 2, 28}},  {{2025, 11, 30}, 3, {2026, 2, 28}},
		{{2026, 1, 31}, -13, {2024, 12, 31}}, {{2024, 2, 29}, 12, {2025, 2, 28}},
		{{2024, 2, 29}, 48, {2028, 2, 29}},  {{2024, 2, 29}, -12, {2023, 2, 28}},
		{{2000, 2, 29}, 1200, {2100, 2, 28}}, {{2026, 8, 31}, 6, {2027, 2, 28}},
		{{2026, 6, 30}, 0, {2026, 6, 30}},   {{2026, 10, 31}, 1, {2026, 11, 30}},
		{{1, 1, 31}, 119987, {9999, 12, 31}}, {{9999, 12, 31}, -119987, {1, 1, 31}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct caldate got;
		assert_int_equal(caldate_add_months(cases[i].from, cases[i].n, &got), CP_OK);
		assert_date(got, cases[i].want);
	}
}

static void adding_months_outside_the_calendar_is_refused(void **state)
{
	(void)state;
	struct caldate got = {7, 7, 7};
	assert_int_equal(caldate_add_months(D(9999, 12, 1), 1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_months(D(1, 1, 31), -1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_months(D(2026, 1, 1), INT_MAX, &got), CP_EINVAL);
	assert_int_equal(caldate_add_months(D(2026, 1, 1), INT_MIN, &got), CP_EINVAL);
	assert_int_equal(caldate_add_months(D(2026, 1, 1), 96000, &got), CP_EINVAL);
	assert_int_equal(caldate_add_months(D(2025, 2, 29), 1, &got), CP_EINVAL);
	assert_int_equal(caldate_add_months(D(2026, 0, 1), 1, &got), CP_EINVAL);
	assert_date(got, D(7, 7, 7));
}

static void days_between_counts_leap_years_and_is_antisymmetric(void **state)
{
	(void)state;
	assert_int_equal(caldate_days_between(D(2024, 1, 1), D(2025, 1, 1)), 366);
	assert_int_equal(caldate_days_between(D(2025, 1, 1), D(2026, 1, 1)), 365);
	assert_int_equal(caldate_days_between(D(1900, 1, 1), D(1901, 1, 1)), 365);
	assert_int_equal(caldate_days_between(D(2000, 1, 1), D(2001, 1, 1)), 366);
	assert_int_equal(caldate_days_between(D(2026, 2, 28), D(2026, 3, 1)), 1);
	assert_int_equal(caldate_days_between(D(2024, 2, 28), D(2024, 3, 1)), 2);
	assert_int_equal(caldate_days_between(D(2025, 12, 31), D(2026, 1, 1)), 1);
	assert_int_equal(caldate_days_between(D(2024, 2, 29), D(2026, 12, 25)), 1030);
	assert_int_equal(caldate_days_between(D(2026, 12, 25), D(2024, 2, 29)), -1030);
	assert_int_equal(caldate_days_between(D(2026, 3, 14), D(2026, 3, 14)), 0);
	assert_int_equal(caldate_days_between(D(1, 1, 1), D(9999, 12, 31)), 3652058);
	/* 400 Gregorian years are exactly 146097 days. */
	assert_int_equal(caldate_days_between(D(1600, 3, 1), D(2000, 3, 1)), 146097);
}

static void dates_compare_by_year_then_month_then_day(void **state)
{
	(void)state;
	assert_int_equal(caldate_cmp(D(2026, 3, 14), D(2026, 3, 14)), 0);
	assert_int_equal(caldate_cmp(D(2026, 3, 14), D(2026, 3, 15)), -1);
	assert_int_equal(caldate_cmp(D(2026, 3, 15), D(2026, 3, 14)), 1);
	assert_int_equal(caldate_cmp(D(2025, 12, 31), D(2026, 1, 1)), -1);
	assert_int_equal(caldate_cmp(D(2026, 1, 31), D(2026, 2, 1)), -1);
	assert_int_equal(caldate_cmp(D(2027, 1, 1), D(2026, 12, 31)), 1);
	assert_int_equal(caldate_cmp(D(2026, 2, 1), D(2026, 1, 31)), 1);
}

static void dates_format_with_leading_zeros_and_in_words(void **state)
{
	(void)state;
	char s[CALDATE_STR];
	caldate_format(D(2026, 3, 1), s, sizeof s);
	assert_string_equal(s, "2026-03-01");
	caldate_format(D(1, 1, 1), s, sizeof s);
	assert_string_equal(s, "0001-01-01");
	caldate_format(D(2026, 2, 30), s, sizeof s);
	assert_string_equal(s, "");
	caldate_format(D(10000, 1, 1), s, sizeof s);
	assert_string_equal(s, "");
	char h[CALDATE_HUMAN_MAX];
	caldate_format_human(D(2026, 9, 30), h, sizeof h);
	assert_string_equal(h, "30 September 2026");
	caldate_format_human(D(2024, 2, 29), h, sizeof h);
	assert_string_equal(h, "29 February 2024");
	caldate_format_human(D(2026, 1, 1), h, sizeof h);
	assert_string_equal(h, "1 January 2026");
	caldate_format_human(D(2025, 2, 29), h, sizeof h);
	assert_string_equal(h, "");
	/* The longest in words fits. */
	caldate_format_human(D(9999, 9, 30), h, sizeof h);
	assert_string_equal(h, "30 September 9999");
}

static void weekdays_are_iso_numbered(void **state)
{
	(void)state;
	assert_int_equal(caldate_weekday(D(1970, 1, 1)), 4); /* Thursday */
	assert_int_equal(caldate_weekday(D(1969, 12, 29)), 1); /* Monday, before day 0 */
	assert_int_equal(caldate_weekday(D(1969, 12, 28)), 7); /* Sunday */
	assert_int_equal(caldate_weekday(D(2000, 1, 1)), 6);   /* Saturday */
	assert_int_equal(caldate_weekday(D(2024, 2, 29)), 4);
	assert_int_equal(caldate_weekday(D(2026, 1, 1)), 4);
	assert_int_equal(caldate_weekday(D(1, 1, 1)), 1);
	assert_int_equal(caldate_weekday(D(9999, 12, 31)), 5);
}

static void the_next_review_date_counts_weeks_or_months_from_a_date(void **state)
{
	(void)state;
	static const struct {
		struct caldate from;
		int interval;
		enum caldate_unit unit;
		struct caldate want;
	} cases[] = {
		{{2026, 1, 1}, 6, CALDATE_WEEKS, {2026, 2, 12}},
		{{2025, 12, 25}, 2, CALDATE_WEEKS, {2026, 1, 8}},
		{{2024, 2, 29}, 52, CALDATE_WEEKS, {2025, 2, 27}},
		{{2025, 3, 1}, 52, CALDATE_WEEKS, {2026, 2, 28}},
		{{2026, 1, 1}, 104, CALDATE_WEEKS, {2027, 12, 30}},
		{{2026, 1, 31}, 1, CALDATE_MONTHS, {2026, 2, 28}},
		{{2024, 1, 31}, 1, CALDATE_MONTHS, {2024, 2, 29}},
		{{2025, 11, 30}, 3, CALDATE_MONTHS, {2026, 2, 28}},
		{{2024, 2, 29}, 12, CALDATE_MONTHS, {2025, 2, 28}},
		{{2025, 8, 31}, 6, CALDATE_MONTHS, {2026, 2, 28}},
		{{2026, 1, 15}, 24, CALDATE_MONTHS, {2028, 1, 15}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct caldate got;
		char msg[CALDATE_MSG_MAX] = "x";
		if (caldate_next_review(cases[i].from, cases[i].interval, cases[i].unit, &got, msg, sizeof msg) != CP_OK)
			fail_msg("case %zu: %s", i, msg);
		assert_date(got, cases[i].want);
		assert_string_equal(msg, "");
	}
}

static void a_review_interval_out_of_range_is_refused(void **state)
{
	(void)state;
	struct caldate got = {7, 7, 7};
	char msg[CALDATE_MSG_MAX];
	static const struct {
		int interval;
		enum caldate_unit unit;
		const char *msg;
	} bad[] = {
		{0, CALDATE_WEEKS, "The review interval must be from 1 to 104 weeks."},
		{105, CALDATE_WEEKS, "The review interval must be from 1 to 104 weeks."},
		{-1, CALDATE_WEEKS, "The review interval must be from 1 to 104 weeks."},
		{INT_MAX, CALDATE_WEEKS, "The review interval must be from 1 to 104 weeks."},
		{0, CALDATE_MONTHS, "The review interval must be from 1 to 24 months."},
		{25, CALDATE_MONTHS, "The review interval must be from 1 to 24 months."},
		{INT_MIN, CALDATE_MONTHS, "The review interval must be from 1 to 24 months."},
		{3, CALDATE_UNIT__MAX, "Choose whether the review interval is in weeks or months."},
		{3, (enum caldate_unit)-1, "Choose whether the review interval is in weeks or months."},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(caldate_next_review(D(2026, 1, 1), bad[i].interval, bad[i].unit, &got, msg, sizeof msg),
				 CP_EINVAL);
		assert_string_equal(msg, bad[i].msg);
	}
	assert_int_equal(caldate_next_review(D(2026, 2, 29), 1, CALDATE_WEEKS, &got, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "The date to count the review interval from is not a date.");
	assert_int_equal(caldate_next_review(D(9999, 12, 1), 1, CALDATE_MONTHS, &got, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "The review date would be after 31 December 9999.");
	assert_int_equal(caldate_next_review(D(9999, 12, 30), 1, CALDATE_WEEKS, &got, msg, sizeof msg), CP_EINVAL);
	assert_date(got, D(7, 7, 7));
}

static void unit_codes_round_trip(void **state)
{
	(void)state;
	assert_string_equal(caldate_unit_code(CALDATE_WEEKS), "weeks");
	assert_string_equal(caldate_unit_code(CALDATE_MONTHS), "months");
	for (int u = 0; u < CALDATE_UNIT__MAX; u++)
		assert_int_equal(caldate_unit_from_code(caldate_unit_code((enum caldate_unit)u)), u);
	assert_int_equal(caldate_unit_from_code("days"), CALDATE_UNIT__MAX);
	assert_int_equal(caldate_unit_from_code(""), CALDATE_UNIT__MAX);
	assert_int_equal(caldate_unit_from_code(NULL), CALDATE_UNIT__MAX);
	assert_string_equal(caldate_unit_code(CALDATE_UNIT__MAX), "");
}

static void validity_checks_every_field(void **state)
{
	(void)state;
	assert_true(caldate_valid(D(2024, 2, 29)));
	assert_false(caldate_valid(D(2025, 2, 29)));
	assert_false(caldate_valid(D(2026, 0, 1)));
	assert_false(caldate_valid(D(2026, 13, 1)));
	assert_false(caldate_valid(D(2026, 1, 0)));
	assert_false(caldate_valid(D(2026, 1, 32)));
	assert_false(caldate_valid(D(0, 1, 1)));
	assert_false(caldate_valid(D(10000, 1, 1)));
	assert_false(caldate_valid(D(-2026, 1, 1)));
	assert_false(caldate_valid(D(INT_MIN, INT_MIN, INT_MIN)));
	assert_true(caldate_valid(D(1, 1, 1)));
	assert_true(caldate_valid(D(9999, 12, 31)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leap_years_follow_the_gregorian_rule),
		cmocka_unit_test(months_have_their_lengths_and_february_follows_leap_years),
		cmocka_unit_test(valid_dates_parse),
		cmocka_unit_test(impossible_dates_are_refused_naming_the_problem),
		cmocka_unit_test(every_parse_message_fits_the_declared_buffer),
		cmocka_unit_test(every_day_of_four_centuries_formats_and_parses_back),
		cmocka_unit_test(day_numbers_match_known_dates_and_the_range_ends),
		cmocka_unit_test(adding_days_crosses_month_ends_leap_days_and_year_ends),
		cmocka_unit_test(adding_days_outside_the_calendar_is_refused),
		cmocka_unit_test(adding_months_clamps_to_the_end_of_the_month),
		cmocka_unit_test(adding_months_outside_the_calendar_is_refused),
		cmocka_unit_test(days_between_counts_leap_years_and_is_antisymmetric),
		cmocka_unit_test(dates_compare_by_year_then_month_then_day),
		cmocka_unit_test(dates_format_with_leading_zeros_and_in_words),
		cmocka_unit_test(weekdays_are_iso_numbered),
		cmocka_unit_test(the_next_review_date_counts_weeks_or_months_from_a_date),
		cmocka_unit_test(a_review_interval_out_of_range_is_refused),
		cmocka_unit_test(unit_codes_round_trip),
		cmocka_unit_test(validity_checks_every_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
