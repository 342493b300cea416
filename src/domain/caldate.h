/*
 * caldate.h - civil calendar dates (proleptic Gregorian, no time of day, no
 * time zone) and their arithmetic: parsing and formatting "YYYY-MM-DD",
 * month lengths, adding days and months, days between dates, and the next
 * review date from an interval.
 *
 * A valid struct caldate has y in CALDATE_YEAR_MIN..CALDATE_YEAR_MAX, m in
 * 1..12 and d in 1..caldate_days_in_month(y, m); caldate_valid says so.
 * Arithmetic goes through a day number (days since 1970-01-01, negative
 * before it) computed with integers only, so there is no time zone, daylight
 * saving or time_t range to go wrong.  Results outside the year range are
 * refused with CP_EINVAL, never wrapped.
 *
 * Pure: no I/O, no allocation.  Messages go into the caller's buffer (msg,
 * msgn bytes, terminated when msgn > 0); CALDATE_MSG_MAX bytes hold any
 * (given a field name `what` of up to 40 bytes).
 */
#ifndef CP_CALDATE_H
#define CP_CALDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"

#define CALDATE_YEAR_MIN 1
#define CALDATE_YEAR_MAX 9999
#define CALDATE_STR 11        /* bytes of "YYYY-MM-DD" and its NUL */
#define CALDATE_HUMAN_MAX 20  /* bytes of "30 September 2026" and its NUL */
#define CALDATE_MSG_MAX 200   /* bytes for any message, with a `what` of up to 40 */
#define CALDATE_WEEKS_MAX 104 /* the longest review interval in weeks (two years) */
#define CALDATE_MONTHS_MAX 24 /* the longest review interval in months (two years) */

struct caldate {
	int y; /* year, CALDATE_YEAR_MIN..CALDATE_YEAR_MAX */
	int m; /* month, 1 (January)..12 */
	int d; /* day of the month, 1..caldate_days_in_month(y, m) */
};

/* The unit of a review interval. */
enum caldate_unit {
	CALDATE_WEEKS,
	CALDATE_MONTHS,
	CALDATE_UNIT__MAX
};

/* True in Gregorian leap years: divisible by 4, except centuries not
 * divisible by 400 (1900 is not a leap year, 2000 is). */
bool caldate_is_leap(int y);

/* Days in month m (1..12) of year y: 28..31, or 0 when m is not a month. */
int caldate_days_in_month(int y, int m);

/* True when d is a date in the year range (see the file comment). */
bool caldate_valid(struct caldate d);

/* Parses exactly "YYYY-MM-DD": ten characters, four-digit year, two-digit
 * month and day, hyphens between; no spaces, signs or other forms.  CP_OK and
 * *out set, or CP_EINVAL, *out untouched, and msg naming the field `what`
 * (e.g. "Review date"; NULL means "Date") and the problem: "Review date
 * 2026-02-30 is not a date: the day must be from 01 to 28 in February 2026."
 * The input is repeated in the message only when it is short printable
 * ASCII. */
enum cp_err caldate_parse(const char *s, const char *what, struct caldate *out, char *msg,
			  size_t msgn);

/* Writes "YYYY-MM-DD" into out (n bytes; CALDATE_STR is enough), or "" when
 * d is not valid. */
void caldate_format(struct caldate d, char *out, size_t n);

/* Writes "31 January 2026" into out (n bytes; CALDATE_HUMAN_MAX is enough),
 * or "" when d is not valid. */
void caldate_format_human(struct caldate d, char *out, size_t n);

/* Days since 1970-01-01 (negative before).  d must be valid (asserted). */
int caldate_to_days(struct caldate d);

/* The date `days` days after 1970-01-01.  CP_EINVAL when it falls outside
 * the year range (*out untouched). */
enum cp_err caldate_from_days(int days, struct caldate *out);

/* d plus n days (n may be negative).  CP_EINVAL when d is not valid or the
 * result is outside the year range. */
enum cp_err caldate_add_days(struct caldate d, int n, struct caldate *out);

/* d plus n calendar months (n may be negative), keeping the day of the month
 * but clamping it to the length of the month reached: 2026-01-31 plus one
 * month is 2026-02-28, and 2024-01-31 plus one month is 2024-02-29.  Always
 * counted from d, so adding 1 twice can differ from adding 2.  CP_EINVAL when
 * d is not valid or the result is outside the year range. */
enum cp_err caldate_add_months(struct caldate d, int n, struct caldate *out);

/* Days from a to b: positive when b is later.  Both must be valid. */
int caldate_days_between(struct caldate a, struct caldate b);

/* -1, 0 or 1 as a is before, the same as or after b (by field, so any values
 * compare consistently). */
int caldate_cmp(struct caldate a, struct caldate b);

/* ISO day of the week: 1 Monday .. 7 Sunday.  d must be valid. */
int caldate_weekday(struct caldate d);

/* Unit code <-> enum ("weeks", "months"); "" and CALDATE_UNIT__MAX when
 * unknown. */
const char *caldate_unit_code(enum caldate_unit u);
enum caldate_unit caldate_unit_from_code(const char *code);

/* The next review date: `interval` weeks (1..CALDATE_WEEKS_MAX) or months
 * (1..CALDATE_MONTHS_MAX, clamped to the month end as caldate_add_months)
 * after `from`.  CP_OK and *out set, or CP_EINVAL and msg saying what is wrong
 * (a date that is not valid, an unknown unit, an interval out of range, or a
 * result after the last year). */
enum cp_err caldate_next_review(struct caldate from, int interval, enum caldate_unit unit,
				struct caldate *out, char *msg, size_t msgn);

#endif
