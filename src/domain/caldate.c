/*
 * caldate.c - civil dates by integer arithmetic.
 *
 * Day numbers use Howard Hinnant's days_from_civil / civil_from_days
 * ("chrono-Compatible Low-Level Date Algorithms"): shift the year to start in
 * March so that the leap day is the last day of the year, then count 400-year
 * eras of 146097 days.
 */
#include "caldate.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};

static const char *const unit_codes[CALDATE_UNIT__MAX] = {
	[CALDATE_WEEKS] = "weeks",
	[CALDATE_MONTHS] = "months",
};

/* Day numbers of the first and last dates in the year range, worked out by
 * hand and checked by test_caldate.c. */
#define DAYS_MIN (-719162) /* 0001-01-01 */
#define DAYS_MAX 2932896   /* 9999-12-31 */

bool caldate_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int caldate_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && caldate_is_leap(y) ? 29 : days[m - 1];
}

bool caldate_valid(struct caldate d)
{
	return d.y >= CALDATE_YEAR_MIN && d.y <= CALDATE_YEAR_MAX && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= caldate_days_in_month(d.y, d.m);
}

/* Two or four ASCII digits at s as a number, or -1 when any is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* True when the n bytes at s are printable ASCII, safe to repeat. */
static bool printable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

enum cp_err caldate_parse(const char *s, const char *what, struct caldate *out, char *msg,
			  size_t msgn)
{
	if (!what)
		what = "Date";
	size_t n = s ? strnlen(s, 33) : 0;
	if (n == 0) {
		snprintf(msg, msgn, "%s is missing: enter it as YYYY-MM-DD, for example 2026-03-31.",
			 what);
		return CP_EINVAL;
	}
	if (n != 10) {
		if (n <= 32 && printable(s, n))
			snprintf(msg, msgn, "%s \"%s\" is not in the form YYYY-MM-DD, for example 2026-03-31.",
				 what, s);
		else
			snprintf(msg, msgn, "%s is not in the form YYYY-MM-DD, for example 2026-03-31.",
				 what);
		return CP_EINVAL;
	}
	if (!printable(s, n)) {
		snprintf(msg, msgn, "%s is not in the form YYYY-MM-DD: it has characters other than digits and hyphens.",
			 what);
		return CP_EINVAL;
	}
	/* From here s is ten printable characters and may be repeated. */
	const char *problem = NULL;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (s[4] != '-' || s[7] != '-')
		problem = "write it as YYYY-MM-DD, with a hyphen between year, month and day";
	else if (y < 0)
		problem = "the year must be four digits";
	else if (m < 0)
		problem = "the month must be two digits";
	else if (d < 0)
		problem = "the day must be two digits";
	else if (y < CALDATE_YEAR_MIN)
		problem = "the year must be from 0001 to 9999";
	else if (m < 1 || m > 12)
		problem = "the month must be from 01 to 12";
	if (problem) {
		snprintf(msg, msgn, "%s %s is not a date: %s.", what, s, problem);
		return CP_EINVAL;
	}
	int dim = caldate_days_in_month(y, m);
	if (d < 1 || d > dim) {
		if (m == 2 && d == 29)
			snprintf(msg, msgn, "%s %s is not a date: %04d is not a leap year, so February has 28 days.",
				 what, s, y);
		else
			snprintf(msg, msgn, "%s %s is not a date: the day must be from 01 to %d in %s %04d.",
				 what, s, dim, month_names[m - 1], y);
		return CP_EINVAL;
	}
	*out = (struct caldate){y, m, d};
	if (msgn > 0)
		msg[0] = '\0';
	return CP_OK;
}

void caldate_format(struct caldate d, char *out, size_t n)
{
	if (!caldate_valid(d)) {
		if (n > 0)
			out[0] = '\0';
		return;
	}
	snprintf(out, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}

void caldate_format_human(struct caldate d, char *out, size_t n)
{
	if (!caldate_valid(d)) {
		if (n > 0)
			out[0] = '\0';
		return;
	}
	snprintf(out, n, "%d %s %d", d.d, month_names[d.m - 1], d.y);
}

int caldate_to_days(struct caldate d)
{
	assert(caldate_valid(d));
	int y = d.y - (d.m <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;                                    /* 0..399 */
	int doy = (153 * (d.m > 2 ? d.m - 3 : d.m + 9) + 2) / 5 + d.d - 1; /* 0..365 */
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* 0..146096 */
	return era * 146097 + doe - 719468;
}

enum cp_err caldate_from_days(int days, struct caldate *out)
{
	if (days < DAYS_MIN || days > DAYS_MAX)
		return CP_EINVAL;
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;                                      /* 0..146096 */
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
	int mp = (5 * doy + 2) / 153;                                    /* 0..11, from March */
	int m = mp < 10 ? mp + 3 : mp - 9;
	*out = (struct caldate){yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) / 5 + 1};
	return CP_OK;
}

enum cp_err caldate_add_days(struct caldate d, int n, struct caldate *out)
{
	if (!caldate_valid(d))
		return CP_EINVAL;
	/* The range is under 3.7 million days, so a larger n is out of it and
	 * the sum below cannot overflow. */
	if (n < DAYS_MIN - DAYS_MAX || n > DAYS_MAX - DAYS_MIN)
		return CP_EINVAL;
	return caldate_from_days(caldate_to_days(d) + n, out);
}

enum cp_err caldate_add_months(struct caldate d, int n, struct caldate *out)
{
	if (!caldate_valid(d))
		return CP_EINVAL;
	int span = (CALDATE_YEAR_MAX - CALDATE_YEAR_MIN + 1) * 12;
	if (n < -span || n > span)
		return CP_EINVAL;
	/* Months since January of year 0: never negative for a valid d. */
	int mi = d.y * 12 + (d.m - 1) + n;
	if (mi < 0)
		return CP_EINVAL;
	int y = mi / 12, m = mi % 12 + 1;
	if (y < CALDATE_YEAR_MIN || y > CALDATE_YEAR_MAX)
		return CP_EINVAL;
	int dim = caldate_days_in_month(y, m);
	*out = (struct caldate){y, m, d.d < dim ? d.d : dim};
	return CP_OK;
}

int caldate_days_between(struct caldate a, struct caldate b)
{
	return caldate_to_days(b) - caldate_to_days(a);
}

int caldate_cmp(struct caldate a, struct caldate b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int caldate_weekday(struct caldate d)
{
	/* 1970-01-01 was a Thursday (4); % may be negative before it. */
	int r = (caldate_to_days(d) + 3) % 7;
	return (r < 0 ? r + 7 : r) + 1;
}

const char *caldate_unit_code(enum caldate_unit u)
{
	return (unsigned)u < CALDATE_UNIT__MAX ? unit_codes[u] : "";
}

enum caldate_unit caldate_unit_from_code(const char *code)
{
	for (int u = 0; code && u < CALDATE_UNIT__MAX; u++)
		if (strcmp(code, unit_codes[u]) == 0)
			return (enum caldate_unit)u;
	return CALDATE_UNIT__MAX;
}

enum cp_err caldate_next_review(struct caldate from, int interval, enum caldate_unit unit,
				struct caldate *out, char *msg, size_t msgn)
{
	if (!caldate_valid(from)) {
		snprintf(msg, msgn, "The date to count the review interval from is not a date.");
		return CP_EINVAL;
	}
	if ((unsigned)unit >= CALDATE_UNIT__MAX) {
		snprintf(msg, msgn, "Choose whether the review interval is in weeks or months.");
		return CP_EINVAL;
	}
	int max = unit == CALDATE_WEEKS ? CALDATE_WEEKS_MAX : CALDATE_MONTHS_MAX;
	if (interval < 1 || interval > max) {
		snprintf(msg, msgn, "The review interval must be from 1 to %d %s.", max,
			 unit_codes[unit]);
		return CP_EINVAL;
	}
	enum cp_err err = unit == CALDATE_WEEKS ? caldate_add_days(from, interval * 7, out)
						: caldate_add_months(from, interval, out);
	if (err != CP_OK) {
		snprintf(msg, msgn, "The review date would be after 31 December %d.", CALDATE_YEAR_MAX);
		return err;
	}
	if (msgn > 0)
		msg[0] = '\0';
	return CP_OK;
}
