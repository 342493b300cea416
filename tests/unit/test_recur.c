/* test_recur.c - recurrence rules, their occurrences across British Summer
 * Time, summaries and iCalendar form (src/domain/recur.c).  Includes the
 * file under test to compare libical's Europe/London with the UK rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <inttypes.h>
#include <string.h>

#include "domain/recur.c"

#define D(y, m, d) ((struct caldate){y, m, d})
#define AT(y, m, d, h, min) ((struct recur_local){{y, m, d}, h, min})
#define MIN_MS INT64_C(60000)
#define HOUR_MS INT64_C(3600000)
#define DAY_MS INT64_C(86400000)

/* UTC milliseconds of a UTC date and time, by caldate's day numbers. */
static int64_t utc(int y, int m, int d, int h, int min)
{
	return caldate_to_days(D(y, m, d)) * DAY_MS + h * HOUR_MS + min * MIN_MS;
}

static struct recur_rule rule(const char *s)
{
	struct recur_rule r;
	char msg[RECUR_MSG_MAX];
	if (recur_parse(s, &r, msg, sizeof msg) != CP_OK)
		fail_msg("%s: %s", s, msg);
	assert_string_equal(msg, "");
	return r;
}

/* Up to max occurrences of s from `start` at or after from_ms, which must
 * succeed. */
static size_t next(const char *s, struct recur_local start, int64_t from_ms, size_t max,
		   struct recur_occ *out)
{
	struct recur_rule r = rule(s);
	size_t n = 999;
	char msg[RECUR_MSG_MAX] = "x";
	if (recur_next(&r, start, from_ms, max, out, &n, msg, sizeof msg) != CP_OK)
		fail_msg("%s: %s", s, msg);
	assert_string_equal(msg, "");
	assert_true(n <= max);
	return n;
}

static void assert_occ(struct recur_occ o, struct recur_local want, int64_t want_ms)
{
	if (caldate_cmp(o.local.date, want.date) != 0 || o.local.hour != want.hour ||
	    o.local.minute != want.minute || o.utc_ms != want_ms)
		fail_msg("got %04d-%02d-%02d %02d:%02d (%" PRId64 "), expected %04d-%02d-%02d %02d:%02d "
			 "(%" PRId64 ")",
			 o.local.date.y, o.local.date.m, o.local.date.d, o.local.hour, o.local.minute,
			 o.utc_ms, want.date.y, want.date.m, want.date.d, want.hour, want.minute, want_ms);
}

/* The local dates of out[0..n) against want[0..n), all at hh:mm local. */
static void assert_dates(const struct recur_occ *out, size_t n, const struct caldate *want,
			 size_t nwant, int hh, int mm)
{
	if (n != nwant)
		fail_msg("got %zu occurrences, expected %zu", n, nwant);
	for (size_t i = 0; i < n; i++) {
		if (caldate_cmp(out[i].local.date, want[i]) != 0 || out[i].local.hour != hh ||
		    out[i].local.minute != mm)
			fail_msg("occurrence %zu: got %04d-%02d-%02d %02d:%02d, expected %04d-%02d-%02d "
				 "%02d:%02d",
				 i, out[i].local.date.y, out[i].local.date.m, out[i].local.date.d,
				 out[i].local.hour, out[i].local.minute, want[i].y, want[i].m, want[i].d,
				 hh, mm);
		if (i > 0 && out[i].utc_ms <= out[i - 1].utc_ms)
			fail_msg("occurrence %zu is not after the one before", i);
	}
}

#define N(a) (sizeof(a) / sizeof(a)[0])

/* ---- Parsing ----------------------------------------------------------- */

static void valid_rules_are_accepted_in_libicals_normal_form(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} ok[] = {
		{"FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=WEEKLY;BYDAY=MO,TH"},
		{"FREQ=DAILY;INTERVAL=2;COUNT=10", "FREQ=DAILY;COUNT=10;INTERVAL=2"},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=-1"},
		{"FREQ=DAILY", "FREQ=DAILY"},
		{"rrule:freq=weekly;byday=mo", "FREQ=WEEKLY;BYDAY=MO"},
		{"RRULE:FREQ=YEARLY", "FREQ=YEARLY"},
		{"INTERVAL=2;FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2"},
		{"FREQ=DAILY;INTERVAL=1", "FREQ=DAILY"},
		{"FREQ=DAILY;INTERVAL=366", "FREQ=DAILY;INTERVAL=366"},
		{"FREQ=DAILY;INTERVAL=007", "FREQ=DAILY;INTERVAL=7"},
		{"FREQ=DAILY;COUNT=1000", "FREQ=DAILY;COUNT=1000"},
		{"FREQ=DAILY;COUNT=1", "FREQ=DAILY;COUNT=1"},
		{"FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231", "FREQ=WEEKLY;UNTIL=20261231;BYDAY=FR"},
		{"FREQ=WEEKLY;UNTIL=20261231T170000", "FREQ=WEEKLY;UNTIL=20261231T170000"},
		{"FREQ=WEEKLY;UNTIL=20261231T170000Z", "FREQ=WEEKLY;UNTIL=20261231T170000Z"},
		{"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"},
		{"FREQ=MONTHLY;BYDAY=+1MO", "FREQ=MONTHLY;BYDAY=1MO"},
		{"FREQ=MONTHLY;BYMONTHDAY=1,15", "FREQ=MONTHLY;BYMONTHDAY=1,15"},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		 "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"},
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTHDAY=29;BYMONTH=2"},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"},
		{"FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=1"},
		{"FREQ=YEARLY;BYYEARDAY=100", "FREQ=YEARLY;BYYEARDAY=100"},
		{"FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,SA", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA;WKST=SU"},
		{"FREQ=DAILY;BYMONTH=12;BYMONTHDAY=25", "FREQ=DAILY;BYMONTHDAY=25;BYMONTH=12"},
	};
	for (size_t i = 0; i < N(ok); i++) {
		struct recur_rule r = rule(ok[i].in);
		if (strcmp(r.text, ok[i].want) != 0)
			fail_msg("%s: got %s, expected %s", ok[i].in, r.text, ok[i].want);
		/* The normal form is a fixed point. */
		struct recur_rule again = rule(r.text);
		assert_string_equal(again.text, r.text);
	}
}

static void refused_rules_say_which_part_is_wrong(void **state)
{
	(void)state;
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{"", "Recurrence is missing: enter a rule such as FREQ=WEEKLY;BYDAY=MO,TH."},
		{"RRULE:", "Recurrence is missing: enter a rule such as FREQ=WEEKLY;BYDAY=MO,TH."},
		{"FREQ=HOURLY", "Recurrence: FREQ=HOURLY is too frequent for a visit; use DAILY, WEEKLY, "
				"MONTHLY or YEARLY."},
		{"FREQ=minutely;COUNT=5", "Recurrence: FREQ=MINUTELY is too frequent for a visit; use "
					  "DAILY, WEEKLY, MONTHLY or YEARLY."},
		{"FREQ=SECONDLY", "Recurrence: FREQ=SECONDLY is too frequent for a visit; use DAILY, "
				  "WEEKLY, MONTHLY or YEARLY."},
		{"FREQ=FORTNIGHTLY", "Recurrence: FREQ=FORTNIGHTLY is not a frequency; use DAILY, WEEKLY, "
				     "MONTHLY or YEARLY."},
		{"BYDAY=MO", "Recurrence: FREQ is missing; start the rule with FREQ=DAILY, WEEKLY, "
			     "MONTHLY or YEARLY."},
		{"garbage", "Recurrence: \"GARBAGE\" is not in the form NAME=VALUE, for example "
			    "INTERVAL=2."},
		{"FREQ=", "Recurrence: \"FREQ=\" is not in the form NAME=VALUE, for example INTERVAL=2."},
		{"=DAILY", "Recurrence: \"=DAILY\" is not in the form NAME=VALUE, for example "
			   "INTERVAL=2."},
		{"FREQ=DAILY;;COUNT=2", "Recurrence has an empty part: separate NAME=VALUE parts with "
					"single semicolons, with none at the start or end."},
		{"FREQ=DAILY;", "Recurrence has an empty part: separate NAME=VALUE parts with single "
				"semicolons, with none at the start or end."},
		{"FREQ=DAILY; COUNT=2", "Recurrence has a space in it: write the rule without spaces, for "
					"example FREQ=WEEKLY;BYDAY=MO,TH."},
		{"FREQ=DAILY\n", "Recurrence has a character other than letters, digits and = ; , + -: "
				 "write it like FREQ=WEEKLY;BYDAY=MO,TH."},
		{"FREQ=DAILY;EVERY=2", "Recurrence: EVERY is not a part of a recurrence rule; use FREQ, "
				       "INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY or BYMONTH."},
		{"FREQ=DAILY;INTERVAL=2;INTERVAL=3", "Recurrence: INTERVAL is given twice."},
		{"FREQ=DAILY;INTERVAL=367", "Recurrence: INTERVAL=367 is more than 366; use a whole "
					    "number from 1 to 366."},
		{"FREQ=DAILY;INTERVAL=99999999999", "Recurrence: INTERVAL=99999999999 is more than 366; "
						    "use a whole number from 1 to 366."},
		{"FREQ=DAILY;INTERVAL=0", "Recurrence: INTERVAL=0 is not valid: use a whole number from 1 "
					  "to 366."},
		{"FREQ=DAILY;INTERVAL=-2", "Recurrence: INTERVAL=-2 is not valid: use a whole number from "
					   "1 to 366."},
		{"FREQ=DAILY;COUNT=1001", "Recurrence: COUNT=1001 is more than 1000; a series may have at "
					  "most 1000 visits (leave COUNT out for one with no end)."},
		{"FREQ=DAILY;COUNT=0", "Recurrence: COUNT=0 is not valid: use a whole number from 1 to "
				       "1000."},
		{"FREQ=DAILY;COUNT=TEN", "Recurrence: COUNT=TEN is not valid: use a whole number from 1 "
					 "to 1000."},
		{"FREQ=DAILY;COUNT=3;UNTIL=20261231", "Recurrence: give COUNT or UNTIL, not both."},
		{"FREQ=DAILY;UNTIL=20260230", "Recurrence: UNTIL=20260230 is not a date: write it as "
					      "YYYYMMDD, for example UNTIL=20261231."},
		{"FREQ=DAILY;UNTIL=2026-12-31", "Recurrence: UNTIL=2026-12-31 is not a date: write it as "
						"YYYYMMDD, for example UNTIL=20261231."},
		{"FREQ=DAILY;UNTIL=20261231T250000Z", "Recurrence: UNTIL=20261231T250000Z is not a date: "
						      "write it as YYYYMMDD, for example "
						      "UNTIL=20261231."},
		{"FREQ=DAILY;BYHOUR=9,17", "Recurrence: BYHOUR is not supported: the time of day is the "
					   "visit's start time; add a separate visit for each time of "
					   "day."},
		{"FREQ=DAILY;BYMINUTE=30", "Recurrence: BYMINUTE is not supported: the time of day is the "
					   "visit's start time; add a separate visit for each time of "
					   "day."},
		{"RSCALE=GREGORIAN;FREQ=DAILY", "Recurrence: RSCALE is not supported: rules use the "
						"Gregorian calendar."},
		{"FREQ=WEEKLY;BYDAY=XX", "Recurrence: BYDAY=XX is not valid: use MO, TU, WE, TH, FR, SA "
					 "or SU separated by commas, numbered like 1MO or -1FR only "
					 "with FREQ=MONTHLY or YEARLY."},
		{"FREQ=MONTHLY;BYMONTHDAY=32", "Recurrence: BYMONTHDAY=32 is not valid: use days from 1 "
					       "to 31, or -1 (the last day) to -31, separated by "
					       "commas."},
		{"FREQ=MONTHLY;BYMONTHDAY=0", "Recurrence: BYMONTHDAY=0 is not valid: use days from 1 to "
					      "31, or -1 (the last day) to -31, separated by commas."},
		{"FREQ=YEARLY;BYMONTH=13", "Recurrence: BYMONTH=13 is not valid: use months from 1 to "
					   "12, separated by commas."},
		{"FREQ=YEARLY;BYMONTH=5L", "Recurrence: BYMONTH=5L is not valid: use months from 1 to 12, "
					   "separated by commas."},
		{"FREQ=WEEKLY;WKST=XY", "Recurrence: WKST=XY is not valid: use MO, TU, WE, TH, FR, SA or "
					"SU."},
		{"FREQ=WEEKLY;BYMONTHDAY=3", "Recurrence: BYMONTHDAY cannot be used with FREQ=WEEKLY; use "
					     "BYDAY for days of the week, or FREQ=MONTHLY."},
		{"FREQ=MONTHLY;BYWEEKNO=3", "Recurrence: BYWEEKNO can only be used with FREQ=YEARLY."},
		{"FREQ=DAILY;BYYEARDAY=3", "Recurrence: BYYEARDAY can only be used with FREQ=YEARLY."},
		{"FREQ=WEEKLY;BYDAY=1MO", "Recurrence: a numbered BYDAY such as 1MO or -1FR needs "
					  "FREQ=MONTHLY or FREQ=YEARLY."},
		{"FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "Recurrence: a numbered BYDAY such as 1MO or -1FR "
						      "cannot be used with BYWEEKNO."},
		{"FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=1", "Recurrence: BYSETPOS can only be used with "
						       "FREQ=MONTHLY or FREQ=YEARLY."},
		{"FREQ=MONTHLY;BYSETPOS=1", "Recurrence: BYSETPOS needs another BY part to choose from, "
					    "such as BYDAY."},
		{"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "Recurrence: BYMONTHDAY=30 never falls in "
							 "BYMONTH=2, so the rule gives no dates."},
		{"FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31,-31", "Recurrence: BYMONTHDAY=31,-31 never falls "
							     "in BYMONTH=4,6, so the rule gives no "
							     "dates."},
		{"FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1", "Recurrence: these parts cannot be used together, "
							"or never fall on the same date; simplify the "
							"rule, for example FREQ=MONTHLY;BYDAY=1MO."},
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=1MO", "Recurrence: these parts cannot be used "
								  "together, or never fall on the same "
								  "date; simplify the rule, for example "
								  "FREQ=MONTHLY;BYDAY=1MO."},
		{"FREQ=MONTHLY;BYMONTHDAY=99999999999", "Recurrence: BYMONTHDAY=99999999999 is not valid: "
							"use days from 1 to 31, or -1 (the last day) "
							"to -31, separated by commas."},
		{"FREQ=MONTHLY;BYMONTHDAY=1,", "Recurrence: BYMONTHDAY=1, is not valid: use days from 1 to "
					       "31, or -1 (the last day) to -31, separated by commas."},
		{"FREQ=MONTHLY;BYMONTHDAY=1000", "Recurrence: BYMONTHDAY=1000 is not valid: use days from "
						 "1 to 31, or -1 (the last day) to -31, separated by "
						 "commas."},
		{"FREQ=YEARLY;BYMONTH=-1", "Recurrence: BYMONTH=-1 is not valid: use months from 1 to 12, "
					   "separated by commas."},
		{"FREQ=MONTHLY;BYDAY=+MO", "Recurrence: BYDAY=+MO is not valid: use MO, TU, WE, TH, FR, SA "
					   "or SU separated by commas, numbered like 1MO or -1FR only "
					   "with FREQ=MONTHLY or YEARLY."},
		{"FREQ=MONTHLY;BYDAY=MON", "Recurrence: BYDAY=MON is not valid: use MO, TU, WE, TH, FR, SA "
					   "or SU separated by commas, numbered like 1MO or -1FR only "
					   "with FREQ=MONTHLY or YEARLY."},
		{"FREQ=YEARLY;BYDAY=54MO", "Recurrence: BYDAY=54MO is not valid: use MO, TU, WE, TH, FR, SA "
					   "or SU separated by commas, numbered like 1MO or -1FR only "
					   "with FREQ=MONTHLY or YEARLY."},
		{"FREQ=YEARLY;BYYEARDAY=367", "Recurrence: BYYEARDAY=367 is not valid: use days of the "
					      "year from 1 to 366, or -1 to -366."},
		{"FREQ=YEARLY;BYWEEKNO=-54", "Recurrence: BYWEEKNO=-54 is not valid: use ISO weeks from 1 "
					     "to 53, or -1 to -53."},
		{"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "Recurrence: BYSETPOS=0 is not valid: use positions "
						     "from 1 to 366, or -1 to -366."},
	};
	for (size_t i = 0; i < N(bad); i++) {
		struct recur_rule r;
		memset(r.text, 'k', sizeof r.text);
		char msg[RECUR_MSG_MAX];
		if (recur_parse(bad[i].in, &r, msg, sizeof msg) != CP_EINVAL)
			fail_msg("%s was accepted", bad[i].in);
		if (strcmp(msg, bad[i].msg) != 0)
			fail_msg("%s: got \"%s\"", bad[i].in, msg);
		assert_int_equal(r.text[0], 'k'); /* untouched */
	}
	char msg[RECUR_MSG_MAX];
	struct recur_rule r;
	assert_int_equal(recur_parse(NULL, &r, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Recurrence is missing: enter a rule such as FREQ=WEEKLY;BYDAY=MO,TH.");
	/* No message buffer is fine. */
	assert_int_equal(recur_parse("FREQ=HOURLY", &r, NULL, 0), CP_EINVAL);
}

static void long_input_is_refused_and_clipped_in_messages(void **state)
{
	(void)state;
	char s[RECUR_TEXT_MAX + 20], msg[RECUR_MSG_MAX];
	struct recur_rule r;
	/* 255 characters is the most: a list of days of the year, the first
	 * few made negative to make up the length exactly. */
	const char *head = "FREQ=YEARLY;BYYEARDAY=";
	size_t room = RECUR_TEXT_MAX - 1 - strlen(head), used = 0;
	int k = 0;
	for (;;) {
		size_t item = (k ? 1 : 0) + (size_t)snprintf(NULL, 0, "%d", k + 1);
		if (used + item > room)
			break;
		used += item;
		k++;
	}
	int pad = (int)(room - used);
	assert_true(pad <= k);
	snprintf(s, sizeof s, "%s", head);
	for (int i = 1; i <= k; i++)
		snprintf(s + strlen(s), sizeof s - strlen(s), "%s%s%d", i > 1 ? "," : "", i <= pad ? "-" : "", i);
	assert_int_equal(strlen(s), RECUR_TEXT_MAX - 1);
	if (recur_parse(s, &r, msg, sizeof msg) != CP_OK)
		fail_msg("%s", msg);
	assert_true(strlen(r.text) <= RECUR_TEXT_MAX - 1);
	snprintf(s + strlen(s), sizeof s - strlen(s), "1");
	assert_int_equal(recur_parse(s, &r, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Recurrence is too long: a rule may have at most 255 characters.");

	/* Each message repeats at most 40 characters of input and fits. */
	static const struct {
		const char *before, *after;
	} frames[] = {
		{"FREQ=DAILY;", "=1"}, {"FREQ=", ""}, {"FREQ=DAILY;INTERVAL=", ""},
		{"FREQ=DAILY;COUNT=", ""}, {"FREQ=DAILY;UNTIL=", ""}, {"FREQ=WEEKLY;BYDAY=", ""},
		{"FREQ=MONTHLY;BYMONTHDAY=", ""}, {"FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=", ""},
		{"FREQ=DAILY;", ""},
	};
	char word[201];
	memset(word, 'X', 200);
	word[200] = '\0';
	char digits[201];
	memset(digits, '9', 200);
	digits[200] = '\0';
	for (size_t i = 0; i < N(frames); i++)
		for (int w = 0; w < 2; w++) {
			snprintf(s, sizeof s, "%s%s%s", frames[i].before, w ? digits : word, frames[i].after);
			assert_int_equal(recur_parse(s, &r, msg, sizeof msg), CP_EINVAL);
			size_t len = strlen(msg);
			if (len < 20 || len >= RECUR_MSG_MAX - 1)
				fail_msg("%s: %s", s, msg);
			assert_null(strstr(msg, w ? "99999999999999999999999999999999999999999"
						   : "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"));
		}
}

/* ---- Occurrences ------------------------------------------------------- */

static void a_weekly_rule_gives_its_weekdays_in_order(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	/* Started on a Wednesday: the first visit is the Thursday after. */
	size_t n = next("FREQ=WEEKLY;BYDAY=MO,TH", AT(2026, 1, 7, 10, 15), 0, 5, o);
	static const struct caldate want[] = {{2026, 1, 8}, {2026, 1, 12}, {2026, 1, 15}, {2026, 1, 19},
					      {2026, 1, 22}};
	assert_dates(o, n, want, N(want), 10, 15);
	assert_occ(o[0], AT(2026, 1, 8, 10, 15), utc(2026, 1, 8, 10, 15));
	/* Without BYDAY: the start's weekday, every other week. */
	n = next("FREQ=WEEKLY;INTERVAL=2", AT(2026, 1, 7, 10, 15), 0, 3, o);
	static const struct caldate fortnightly[] = {{2026, 1, 7}, {2026, 1, 21}, {2026, 2, 4}};
	assert_dates(o, n, fortnightly, N(fortnightly), 10, 15);
	/* Monday to Friday, with a weekend in between. */
	n = next("FREQ=WEEKLY;BYDAY=FR,MO,TU,WE,TH", AT(2026, 1, 8, 8, 0), 0, 4, o);
	static const struct caldate weekdays[] = {{2026, 1, 8}, {2026, 1, 9}, {2026, 1, 12}, {2026, 1, 13}};
	assert_dates(o, n, weekdays, N(weekdays), 8, 0);
}

static void a_daily_rule_counts_its_interval_from_the_start(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	size_t n = next("FREQ=DAILY;INTERVAL=2;COUNT=10", AT(2026, 1, 30, 7, 30), 0, RECUR_LIST_MAX, o);
	static const struct caldate want[] = {{2026, 1, 30}, {2026, 2, 1},  {2026, 2, 3},  {2026, 2, 5},
					      {2026, 2, 7},  {2026, 2, 9},  {2026, 2, 11}, {2026, 2, 13},
					      {2026, 2, 15}, {2026, 2, 17}};
	assert_dates(o, n, want, N(want), 7, 30);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(o[i].utc_ms, utc(2026, 1, 30, 7, 30) + (int64_t)i * 2 * DAY_MS);
	/* Daily, weekdays only, is weekly on those days. */
	n = next("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", AT(2026, 1, 9, 9, 0), 0, 3, o);
	static const struct caldate weekdays[] = {{2026, 1, 9}, {2026, 1, 12}, {2026, 1, 13}};
	assert_dates(o, n, weekdays, N(weekdays), 9, 0);
}

static void monthly_day_31_skips_short_months_and_minus_1_is_the_last_day(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	size_t n = next("FREQ=MONTHLY;BYMONTHDAY=31", AT(2026, 1, 1, 9, 0), 0, 7, o);
	static const struct caldate d31[] = {{2026, 1, 31}, {2026, 3, 31},  {2026, 5, 31}, {2026, 7, 31},
					     {2026, 8, 31}, {2026, 10, 31}, {2026, 12, 31}};
	assert_dates(o, n, d31, N(d31), 9, 0);
	/* The same from a start on the 31st, with no BYMONTHDAY. */
	n = next("FREQ=MONTHLY", AT(2026, 1, 31, 9, 0), 0, 3, o);
	assert_dates(o, n, d31, 3, 9, 0);

	n = next("FREQ=MONTHLY;BYMONTHDAY=-1", AT(2023, 11, 15, 9, 0), 0, 6, o);
	static const struct caldate last[] = {{2023, 11, 30}, {2023, 12, 31}, {2024, 1, 31},
					      {2024, 2, 29},  {2024, 3, 31},  {2024, 4, 30}};
	assert_dates(o, n, last, N(last), 9, 0);
	n = next("FREQ=MONTHLY;BYMONTHDAY=-1", AT(2026, 1, 31, 9, 0), 0, 2, o);
	static const struct caldate last26[] = {{2026, 1, 31}, {2026, 2, 28}};
	assert_dates(o, n, last26, N(last26), 9, 0);

	n = next("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,-1", AT(2026, 1, 1, 9, 0), 0, 4, o);
	static const struct caldate quarter[] = {{2026, 1, 1}, {2026, 1, 31}, {2026, 4, 1}, {2026, 4, 30}};
	assert_dates(o, n, quarter, N(quarter), 9, 0);

	n = next("FREQ=MONTHLY;BYDAY=-1FR", AT(2026, 1, 1, 14, 0), 0, 3, o);
	static const struct caldate fri[] = {{2026, 1, 30}, {2026, 2, 27}, {2026, 3, 27}};
	assert_dates(o, n, fri, N(fri), 14, 0);

	n = next("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", AT(2026, 1, 1, 14, 0), 0, 3, o);
	static const struct caldate lastwd[] = {{2026, 1, 30}, {2026, 2, 27}, {2026, 3, 31}};
	assert_dates(o, n, lastwd, N(lastwd), 14, 0);
}

static void yearly_from_29_february_falls_only_in_leap_years(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	size_t n = next("FREQ=YEARLY", AT(2024, 2, 29, 11, 0), 0, 4, o);
	static const struct caldate leap[] = {{2024, 2, 29}, {2028, 2, 29}, {2032, 2, 29}, {2036, 2, 29}};
	assert_dates(o, n, leap, N(leap), 11, 0);
	/* 2100 is not a leap year. */
	n = next("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", AT(2096, 1, 1, 11, 0), 0, 2, o);
	static const struct caldate century[] = {{2096, 2, 29}, {2104, 2, 29}};
	assert_dates(o, n, century, N(century), 11, 0);
	/* The last day of February is every year. */
	n = next("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", AT(2024, 2, 29, 11, 0), 0, 3, o);
	static const struct caldate feb[] = {{2024, 2, 29}, {2025, 2, 28}, {2026, 2, 28}};
	assert_dates(o, n, feb, N(feb), 11, 0);
}

static void count_ends_the_series(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	size_t n = next("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", AT(2026, 1, 5, 9, 0), 0, RECUR_LIST_MAX, o);
	static const struct caldate want[] = {{2026, 1, 5}, {2026, 1, 8}, {2026, 1, 12}, {2026, 1, 15},
					      {2026, 1, 19}};
	assert_dates(o, n, want, N(want), 9, 0);
	/* COUNT counts from the start, not from `from`. */
	n = next("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", AT(2026, 1, 5, 9, 0), utc(2026, 1, 10, 0, 0),
		 RECUR_LIST_MAX, o);
	assert_dates(o, n, want + 2, 3, 9, 0);
	n = next("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", AT(2026, 1, 5, 9, 0), utc(2026, 1, 19, 9, 1),
		 RECUR_LIST_MAX, o);
	assert_int_equal(n, 0);
	n = next("FREQ=DAILY;COUNT=1", AT(2026, 1, 5, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_int_equal(n, 1);
	/* The longest series, listed from its last visits. */
	n = next("FREQ=DAILY;COUNT=1000", AT(2026, 1, 1, 9, 0), utc(2028, 9, 20, 0, 0), RECUR_LIST_MAX, o);
	struct caldate last;
	assert_int_equal(caldate_add_days(D(2026, 1, 1), 999, &last), CP_OK);
	assert_true(n > 0 && n < RECUR_LIST_MAX);
	assert_int_equal(caldate_cmp(o[n - 1].local.date, last), 0);
}

static void until_is_inclusive_as_a_date_a_local_time_or_utc(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	/* A date includes the whole day (libical alone would drop it). */
	size_t n = next("FREQ=DAILY;UNTIL=20260303", AT(2026, 3, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	static const struct caldate want[] = {{2026, 3, 1}, {2026, 3, 2}, {2026, 3, 3}};
	assert_dates(o, n, want, N(want), 9, 0);
	n = next("FREQ=DAILY;UNTIL=20260303", AT(2026, 3, 1, 23, 59), 0, RECUR_LIST_MAX, o);
	assert_dates(o, n, want, N(want), 23, 59);
	/* A local date-time: 09:00 on the 3rd is included, 09:01 the limit. */
	n = next("FREQ=DAILY;UNTIL=20260303T090000", AT(2026, 3, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_dates(o, n, want, N(want), 9, 0);
	n = next("FREQ=DAILY;UNTIL=20260303T085959", AT(2026, 3, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_dates(o, n, want, 2, 9, 0);
	/* UTC in summer time: 09:00 BST is 08:00Z. */
	n = next("FREQ=DAILY;UNTIL=20260603T080000Z", AT(2026, 6, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_int_equal(n, 3);
	n = next("FREQ=DAILY;UNTIL=20260603T075959Z", AT(2026, 6, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_int_equal(n, 2);
	/* An UNTIL before the start gives nothing. */
	n = next("FREQ=DAILY;UNTIL=20250101", AT(2026, 6, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_int_equal(n, 0);
	/* A long open series with an UNTIL, asked from near its end. */
	n = next("FREQ=WEEKLY;BYDAY=TU;UNTIL=20401231", AT(2026, 1, 6, 9, 0), utc(2040, 12, 1, 0, 0),
		 RECUR_LIST_MAX, o);
	static const struct caldate dec[] = {{2040, 12, 4}, {2040, 12, 11}, {2040, 12, 18}, {2040, 12, 25}};
	assert_dates(o, n, dec, N(dec), 9, 0);
}

static void a_weekly_visit_keeps_its_local_time_across_summer_time(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	/* Monday 09:00: 23 March is GMT (09:00Z), 30 March is BST (08:00Z). */
	size_t n = next("FREQ=WEEKLY;BYDAY=MO", AT(2026, 3, 16, 9, 0), 0, 3, o);
	assert_int_equal(n, 3);
	assert_occ(o[0], AT(2026, 3, 16, 9, 0), INT64_C(1773651600000));
	assert_occ(o[1], AT(2026, 3, 23, 9, 0), INT64_C(1774256400000)); /* 2026-03-23T09:00Z */
	assert_occ(o[2], AT(2026, 3, 30, 9, 0), INT64_C(1774857600000)); /* 2026-03-30T08:00Z */
	assert_int_equal(o[2].utc_ms - o[1].utc_ms, 7 * DAY_MS - HOUR_MS);
	/* And back: 19 October is BST (08:00Z), 26 October GMT (09:00Z). */
	n = next("FREQ=WEEKLY;BYDAY=MO", AT(2026, 3, 16, 9, 0), utc(2026, 10, 19, 0, 0), 2, o);
	assert_int_equal(n, 2);
	assert_occ(o[0], AT(2026, 10, 19, 9, 0), INT64_C(1792396800000)); /* 2026-10-19T08:00Z */
	assert_occ(o[1], AT(2026, 10, 26, 9, 0), INT64_C(1793005200000)); /* 2026-10-26T09:00Z */
	assert_int_equal(o[1].utc_ms - o[0].utc_ms, 7 * DAY_MS + HOUR_MS);
	/* On the Sundays of the changes themselves. */
	n = next("FREQ=WEEKLY;BYDAY=SU", AT(2026, 3, 22, 9, 0), 0, 2, o);
	assert_occ(o[0], AT(2026, 3, 22, 9, 0), utc(2026, 3, 22, 9, 0));
	assert_occ(o[1], AT(2026, 3, 29, 9, 0), INT64_C(1774771200000)); /* 08:00Z */
	n = next("FREQ=WEEKLY;BYDAY=SU", AT(2026, 10, 18, 9, 0), 0, 2, o);
	assert_occ(o[0], AT(2026, 10, 18, 9, 0), utc(2026, 10, 18, 8, 0));
	assert_occ(o[1], AT(2026, 10, 25, 9, 0), INT64_C(1792918800000)); /* 09:00Z */
	/* A whole year of daily visits is always 09:00 local; UTC is 09:00
	 * outside summer time and 08:00 inside it. */
	n = next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), 0, 0, o);
	assert_int_equal(n, 0);
	for (int64_t from = utc(2026, 1, 1, 0, 0); from < utc(2027, 1, 1, 0, 0); from += 100 * DAY_MS) {
		n = next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), from, RECUR_LIST_MAX, o);
		assert_int_equal(n, RECUR_LIST_MAX);
		for (size_t i = 0; i < n; i++) {
			struct caldate d = o[i].local.date;
			bool bst = caldate_cmp(d, D(2026, 3, 29)) >= 0 && caldate_cmp(d, D(2026, 10, 25)) < 0;
			assert_int_equal(o[i].local.hour, 9);
			assert_int_equal(o[i].utc_ms, utc(d.y, d.m, d.d, bst ? 8 : 9, 0));
		}
	}
}

static void times_in_the_spring_gap_move_on_and_in_the_autumn_overlap_come_first(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	/* 01:30 does not exist on 29 March 2026: it is read as GMT, 01:30Z,
	 * which the clock shows as 02:30 BST. */
	size_t n = next("FREQ=DAILY", AT(2026, 3, 28, 1, 30), 0, 3, o);
	assert_int_equal(n, 3);
	assert_occ(o[0], AT(2026, 3, 28, 1, 30), utc(2026, 3, 28, 1, 30));
	assert_occ(o[1], AT(2026, 3, 29, 2, 30), INT64_C(1774747800000)); /* 01:30Z */
	assert_occ(o[2], AT(2026, 3, 30, 1, 30), utc(2026, 3, 30, 0, 30));
	/* 01:30 happens twice on 25 October 2026: the first, in BST. */
	n = next("FREQ=DAILY", AT(2026, 10, 24, 1, 30), 0, 3, o);
	assert_int_equal(n, 3);
	assert_occ(o[0], AT(2026, 10, 24, 1, 30), utc(2026, 10, 24, 0, 30));
	assert_occ(o[1], AT(2026, 10, 25, 1, 30), INT64_C(1792888200000)); /* 00:30Z */
	assert_occ(o[2], AT(2026, 10, 26, 1, 30), utc(2026, 10, 26, 1, 30));
	/* Just either side of each change. */
	n = next("FREQ=YEARLY", AT(2026, 3, 29, 0, 59), 0, 1, o);
	assert_occ(o[0], AT(2026, 3, 29, 0, 59), utc(2026, 3, 29, 0, 59));
	n = next("FREQ=YEARLY", AT(2026, 3, 29, 2, 0), 0, 1, o);
	assert_occ(o[0], AT(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
	n = next("FREQ=YEARLY", AT(2026, 10, 25, 0, 59), 0, 1, o);
	assert_occ(o[0], AT(2026, 10, 25, 0, 59), utc(2026, 10, 24, 23, 59));
	n = next("FREQ=YEARLY", AT(2026, 10, 25, 2, 0), 0, 1, o);
	assert_occ(o[0], AT(2026, 10, 25, 2, 0), utc(2026, 10, 25, 2, 0));
}

static void from_in_the_middle_of_a_series_lists_from_that_instant(void **state)
{
	(void)state;
	struct recur_occ all[RECUR_LIST_MAX], o[RECUR_LIST_MAX];
	size_t n = next("FREQ=DAILY;INTERVAL=2;COUNT=10", AT(2026, 3, 1, 9, 0), 0, RECUR_LIST_MAX, all);
	assert_int_equal(n, 10);
	/* An occurrence's own instant is included; a millisecond later not. */
	size_t m = next("FREQ=DAILY;INTERVAL=2;COUNT=10", AT(2026, 3, 1, 9, 0), all[4].utc_ms,
			RECUR_LIST_MAX, o);
	assert_int_equal(m, 6);
	for (size_t i = 0; i < m; i++)
		assert_occ(o[i], all[4 + i].local, all[4 + i].utc_ms);
	m = next("FREQ=DAILY;INTERVAL=2;COUNT=10", AT(2026, 3, 1, 9, 0), all[4].utc_ms + 1,
		 RECUR_LIST_MAX, o);
	assert_int_equal(m, 5);
	assert_occ(o[0], all[5].local, all[5].utc_ms);
	/* A from before the start lists from the start. */
	m = next("FREQ=DAILY;INTERVAL=2;COUNT=10", AT(2026, 3, 1, 9, 0), INT64_MIN, RECUR_LIST_MAX, o);
	assert_int_equal(m, 10);
	/* A series started years ago, asked about today. */
	m = next("FREQ=WEEKLY;BYDAY=WE", AT(1995, 6, 7, 16, 45), utc(2026, 7, 1, 12, 0), 2, o);
	assert_int_equal(m, 2);
	assert_occ(o[0], AT(2026, 7, 1, 16, 45), utc(2026, 7, 1, 15, 45));
	assert_occ(o[1], AT(2026, 7, 8, 16, 45), utc(2026, 7, 8, 15, 45));
	m = next("FREQ=MONTHLY;BYMONTHDAY=-1", AT(1950, 1, 31, 9, 0), utc(2026, 2, 1, 0, 0), 1, o);
	assert_occ(o[0], AT(2026, 2, 28, 9, 0), utc(2026, 2, 28, 9, 0));
	m = next("FREQ=YEARLY", AT(1900, 5, 1, 9, 0), utc(2026, 5, 2, 0, 0), 1, o);
	assert_occ(o[0], AT(2027, 5, 1, 9, 0), utc(2027, 5, 1, 8, 0));
}

/* Daily and weekly series with no COUNT start whole periods later when
 * `from` is far ahead; the same rule with COUNT=1000 is expanded from its
 * real start, so the two must agree. */
static void moving_a_daily_or_weekly_start_forward_changes_nothing(void **state)
{
	(void)state;
	static const char *const rules[] = {
		"FREQ=DAILY",
		"FREQ=DAILY;INTERVAL=3",
		"FREQ=DAILY;INTERVAL=5;BYDAY=MO,FR",
		"FREQ=DAILY;BYMONTHDAY=1,15,-1",
		"FREQ=DAILY;BYMONTH=3,10",
		"FREQ=WEEKLY",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
		"FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,SA;WKST=SU",
		"FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;WKST=WE",
		"FREQ=WEEKLY;INTERVAL=2;BYMONTH=1,2,3",
	};
	static const struct recur_local starts[] = {
		{{2024, 2, 29}, 9, 0},
		{{2025, 10, 22}, 1, 30},
		{{2025, 12, 31}, 23, 59},
	};
	struct recur_occ ref[RECUR_LIST_MAX], got[RECUR_LIST_MAX];
	for (size_t i = 0; i < N(rules); i++)
		for (size_t j = 0; j < N(starts); j++) {
			char counted[RECUR_TEXT_MAX];
			snprintf(counted, sizeof counted, "%s;COUNT=1000", rules[i]);
			/* from at several points within the first 1000 occurrences. */
			for (int64_t days = 30; days < 900; days += 97) {
				int64_t from = utc(starts[j].date.y, starts[j].date.m, starts[j].date.d, 0, 0) +
					       days * DAY_MS + 7 * HOUR_MS;
				size_t nref = next(counted, starts[j], from, 20, ref);
				size_t ngot = next(rules[i], starts[j], from, 20, got);
				if (nref != 20 || ngot != 20)
					fail_msg("%s from %zu: %zu and %zu occurrences", rules[i], j, nref, ngot);
				for (size_t k = 0; k < 20; k++)
					if (ref[k].utc_ms != got[k].utc_ms)
						fail_msg("%s from start %zu, day %" PRId64 ", occurrence %zu: "
							 "%" PRId64 " and %" PRId64,
							 rules[i], j, days, k, ref[k].utc_ms, got[k].utc_ms);
			}
		}
}

static void at_most_max_occurrences_are_returned(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX + 1];
	assert_int_equal(next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), 0, 3, o), 3);
	assert_int_equal(next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), 0, 1, o), 1);
	assert_int_equal(next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), 0, RECUR_LIST_MAX, o), RECUR_LIST_MAX);
	assert_int_equal(next("FREQ=DAILY;COUNT=10", AT(2026, 1, 1, 9, 0), 0, 3, o), 3);
	assert_int_equal(next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), 0, 0, NULL), 0);
	struct recur_rule r = rule("FREQ=DAILY");
	size_t n = 7;
	char msg[RECUR_MSG_MAX];
	assert_int_equal(recur_next(&r, AT(2026, 1, 1, 9, 0), 0, RECUR_LIST_MAX + 1, o, &n, msg, sizeof msg),
			 CP_EINVAL);
	assert_int_equal(n, 0);
	assert_string_equal(msg, "Recurrence: at most 100 visits can be listed at once.");
}

static void a_bad_start_or_a_forged_rule_is_refused(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	struct recur_rule r = rule("FREQ=DAILY");
	char msg[RECUR_MSG_MAX];
	size_t n;
	static const struct recur_local bad[] = {
		{{2026, 2, 30}, 9, 0}, {{2026, 1, 1}, 24, 0}, {{2026, 1, 1}, 9, 60},
		{{2026, 1, 1}, -1, 0}, {{2026, 13, 1}, 9, 0},
	};
	for (size_t i = 0; i < N(bad); i++) {
		assert_int_equal(recur_next(&r, bad[i], 0, 5, o, &n, msg, sizeof msg), CP_EINVAL);
		assert_string_equal(msg, "Recurrence: the start is not a date and a time of day from 00:00 "
					 "to 23:59.");
		assert_int_equal(n, 0);
	}
	assert_int_equal(recur_next(&r, AT(1899, 12, 31, 9, 0), 0, 5, o, &n, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Recurrence: the start must be in a year from 1900 to 2500.");
	assert_int_equal(recur_next(&r, AT(2501, 1, 1, 9, 0), 0, 5, o, &n, msg, sizeof msg), CP_EINVAL);

	struct recur_rule forged;
	snprintf(forged.text, sizeof forged.text, "FREQ=HOURLY");
	assert_int_equal(recur_next(&forged, AT(2026, 1, 1, 9, 0), 0, 5, o, &n, msg, sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "Recurrence: the rule was not checked; check it with recur_parse.");
	assert_int_equal(recur_next(NULL, AT(2026, 1, 1, 9, 0), 0, 5, o, &n, msg, sizeof msg), CP_EINVAL);
	char s[RECUR_SUMMARY_MAX] = "x";
	assert_false(recur_summary(&forged, s, sizeof s));
	assert_string_equal(s, "");
	char ical[RECUR_ICAL_MAX] = "x";
	assert_int_equal(recur_ical(&forged, ical, sizeof ical), CP_EINVAL);
	assert_string_equal(ical, "");
}

static void nothing_is_computed_after_2500_and_the_steps_are_bounded(void **state)
{
	(void)state;
	struct recur_occ o[RECUR_LIST_MAX];
	assert_int_equal(next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), utc(2600, 1, 1, 0, 0), 5, o), 0);
	assert_int_equal(next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), INT64_MAX, 5, o), 0);
	size_t n = next("FREQ=DAILY", AT(2026, 1, 1, 9, 0), utc(2500, 12, 30, 0, 0), 5, o);
	assert_int_equal(n, 2);
	assert_int_equal(caldate_cmp(o[1].local.date, D(2500, 12, 31)), 0);
	n = next("FREQ=YEARLY", AT(2490, 6, 1, 9, 0), 0, RECUR_LIST_MAX, o);
	assert_int_equal(n, 11);
	/* A monthly series from 1900, asked about 2500: more than
	 * RECUR_STEPS_MAX months to step through. */
	struct recur_rule r = rule("FREQ=MONTHLY");
	char msg[RECUR_MSG_MAX];
	n = 7;
	assert_int_equal(recur_next(&r, AT(1900, 1, 1, 9, 0), utc(2499, 1, 1, 0, 0), 5, o, &n, msg, sizeof msg),
			 CP_ETOOBIG);
	assert_int_equal(n, 0);
	assert_string_equal(msg, "Recurrence: the series starts too long before the time asked for; "
				 "give it a later start.");
	/* But 400 years is fine. */
	assert_int_equal(next("FREQ=MONTHLY", AT(1900, 1, 1, 9, 0), utc(2299, 1, 1, 0, 0), 5, o), 5);
}

static void a_rule_that_never_gives_a_date_is_found_by_trying_it(void **state)
{
	(void)state;
	/* analyse refuses this one first, by comparing BYMONTH and BYMONTHDAY;
	 * the trial finds it too. */
	struct icalrecurrencetype r = icalrecurrencetype_from_string("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30");
	assert_int_equal(r.freq, ICAL_MONTHLY_RECURRENCE);
	assert_false(gives_a_date(&r));
	r = icalrecurrencetype_from_string("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29");
	assert_true(gives_a_date(&r));
	/* An UNTIL in the past does not count. */
	r = icalrecurrencetype_from_string("FREQ=DAILY;UNTIL=20000101");
	assert_true(gives_a_date(&r));
	/* A date every fourth year depends on the start, so INTERVAL>1 is not
	 * tried: this one is accepted and works from a leap year... */
	struct recur_rule rr = rule("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29");
	struct recur_occ o[RECUR_LIST_MAX];
	size_t n = next(rr.text, AT(2028, 2, 29, 9, 0), 0, 2, o);
	static const struct caldate want[] = {{2028, 2, 29}, {2032, 2, 29}};
	assert_dates(o, n, want, N(want), 9, 0);
	/* ...and from any other year says so. */
	char msg[RECUR_MSG_MAX];
	assert_int_equal(recur_next(&rr, AT(2026, 2, 28, 9, 0), 0, 2, o, &n, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Recurrence: the rule gives no dates from this start; check the start "
				 "date against the rule.");
}

static void the_day_numbers_of_the_year_range_are_right(void **state)
{
	(void)state;
	assert_int_equal(DAY_FIRST, caldate_to_days(D(RECUR_YEAR_MIN, 1, 1)));
	assert_int_equal(DAY_LAST, caldate_to_days(D(RECUR_YEAR_MAX, 12, 31)));
}

/* ---- Summary and iCalendar -------------------------------------------- */

static void common_rules_are_summarised_in_words(void **state)
{
	(void)state;
	static const struct {
		const char *rule, *words;
	} cases[] = {
		{"FREQ=WEEKLY;BYDAY=MO,TH", "Every week on Monday and Thursday"},
		{"FREQ=WEEKLY;BYDAY=TH,MO", "Every week on Monday and Thursday"},
		{"FREQ=DAILY;INTERVAL=2;COUNT=10", "Every 2 days, 10 times"},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day"},
		{"FREQ=DAILY", "Every day"},
		{"FREQ=WEEKLY", "Every week"},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "Every 2 weeks on Wednesday"},
		{"FREQ=WEEKLY;BYDAY=SU,MO,WE,FR", "Every week on Monday, Wednesday, Friday and Sunday"},
		{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every week on Monday to Friday"},
		{"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "Every week on Monday to Friday"},
		{"FREQ=WEEKLY;BYDAY=SA,SU;WKST=SU", "Every week on Saturday and Sunday"},
		{"FREQ=MONTHLY", "Every month"},
		{"FREQ=MONTHLY;INTERVAL=3", "Every 3 months"},
		{"FREQ=MONTHLY;BYMONTHDAY=1,15", "Every month on the 1st and the 15th"},
		{"FREQ=MONTHLY;BYMONTHDAY=2,3,11,22,-2", "Every month on the 2nd, the 3rd, the 11th, the "
							 "22nd and the 2nd to last day"},
		{"FREQ=MONTHLY;BYDAY=1MO", "Every month on the first Monday"},
		{"FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR", "Every 2 months on the last Friday"},
		{"FREQ=MONTHLY;BYDAY=2TU,4TU", "Every month on the second Tuesday and the fourth Tuesday"},
		{"FREQ=MONTHLY;BYDAY=-2SU", "Every month on the second to last Sunday"},
		{"FREQ=YEARLY", "Every year"},
		{"FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1", "Every year on 1 April"},
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "Every year on the last day of February"},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "Every year on the last Sunday of March"},
		{"FREQ=YEARLY;INTERVAL=2;BYMONTH=9;BYDAY=1MO", "Every 2 years on the first Monday of "
							       "September"},
		{"FREQ=DAILY;COUNT=1", "Every day, once"},
		{"FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231", "Every week on Friday, until 31 December 2026"},
		{"FREQ=DAILY;UNTIL=20260630T170000", "Every day, until 30 June 2026 at 17:00"},
		{"FREQ=DAILY;UNTIL=20260630T160000Z", "Every day, until 30 June 2026 at 17:00"},
		{"FREQ=DAILY;UNTIL=20261231T160000Z", "Every day, until 31 December 2026 at 16:00"},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct recur_rule r = rule(cases[i].rule);
		char s[RECUR_SUMMARY_MAX];
		bool in_words = recur_summary(&r, s, sizeof s);
		if (!in_words || strcmp(s, cases[i].words) != 0)
			fail_msg("%s: got \"%s\"%s", cases[i].rule, s, in_words ? "" : " (as text)");
	}
}

static void unusual_rules_fall_back_to_their_text(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		"FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
		"FREQ=YEARLY;BYYEARDAY=100",
		"FREQ=DAILY;BYMONTHDAY=25;BYMONTH=12",
		"FREQ=DAILY;INTERVAL=2;BYDAY=MO",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA;WKST=SU",
		"FREQ=WEEKLY;BYDAY=MO;BYMONTH=1",
		"FREQ=MONTHLY;BYDAY=MO",
		"FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
		"FREQ=MONTHLY;BYMONTH=1;BYMONTHDAY=1",
		"FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1",
		"FREQ=YEARLY;BYMONTH=6",
		"FREQ=YEARLY;BYMONTHDAY=1",
		"FREQ=YEARLY;BYDAY=20MO",
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct recur_rule r = rule(cases[i]);
		char s[RECUR_SUMMARY_MAX];
		if (recur_summary(&r, s, sizeof s))
			fail_msg("%s was put in words: \"%s\"", cases[i], s);
		assert_string_equal(s, r.text);
	}
	/* Words that would not fit fall back too. */
	struct recur_rule r = rule("FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,"
				   "19,20,21,22,23,24,25,26,27,28,29,30,31");
	char s[RECUR_SUMMARY_MAX];
	assert_false(recur_summary(&r, s, sizeof s));
	assert_string_equal(s, r.text);
	char small[12];
	r = rule("FREQ=WEEKLY;BYDAY=MO,TH");
	assert_false(recur_summary(&r, small, sizeof small));
	assert_string_equal(small, "FREQ=WEEKLY");
	assert_false(recur_summary(&r, small, 0));
}

static void the_ical_form_puts_until_in_utc(void **state)
{
	(void)state;
	static const struct {
		const char *rule, *ical;
	} cases[] = {
		{"FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=WEEKLY;BYDAY=MO,TH"},
		{"freq=daily;interval=2;count=10", "FREQ=DAILY;COUNT=10;INTERVAL=2"},
		/* The end of the day, London time: GMT in December, BST in June. */
		{"FREQ=WEEKLY;UNTIL=20261231;BYDAY=FR", "FREQ=WEEKLY;UNTIL=20261231T235959Z;BYDAY=FR"},
		{"FREQ=WEEKLY;UNTIL=20260630;BYDAY=FR", "FREQ=WEEKLY;UNTIL=20260630T225959Z;BYDAY=FR"},
		{"FREQ=DAILY;UNTIL=20260630T170000", "FREQ=DAILY;UNTIL=20260630T160000Z"},
		{"FREQ=DAILY;UNTIL=20260630T160000Z", "FREQ=DAILY;UNTIL=20260630T160000Z"},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=-1"},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct recur_rule r = rule(cases[i].rule);
		char ical[RECUR_ICAL_MAX];
		assert_int_equal(recur_ical(&r, ical, sizeof ical), CP_OK);
		if (strcmp(ical, cases[i].ical) != 0)
			fail_msg("%s: got %s", cases[i].rule, ical);
		/* What libical wrote, libical reads back (as a rule we accept). */
		struct recur_rule back = rule(ical);
		assert_string_equal(back.text, ical);
	}
	struct recur_rule r = rule("FREQ=WEEKLY;BYDAY=MO,TH");
	char small[10] = "x";
	assert_int_equal(recur_ical(&r, small, sizeof small), CP_ETOOBIG);
	assert_string_equal(small, "");
	char exact[24];
	assert_int_equal(recur_ical(&r, exact, sizeof exact), CP_OK);
	assert_int_equal(recur_ical(&r, exact, strlen("FREQ=WEEKLY;BYDAY=MO,TH")), CP_ETOOBIG);
}

/* ---- Time zone --------------------------------------------------------- */

static void libical_zone_is_used_here_and_agrees_with_the_uk_rule(void **state)
{
	(void)state;
	icaltimezone *z = london();
	if (!z)
		fail_msg("libical has no usable " RECUR_ZONE " on this machine");
	assert_string_equal(recur_zone_source(), "libical builtin Europe/London (system tzdata)");
	/* Every quarter hour for three hours around each change, and noon on
	 * the 1st of every month, 1996 to 2100. */
	for (int y = 1996; y <= 2100; y++) {
		for (int m = 1; m <= 12; m++) {
			int64_t t = caldate_to_days(D(y, m, 1)) * (int64_t)SEC_DAY + 43200;
			if (offset_at(z, t) != uk_offset(t))
				fail_msg("%04d-%02d-01 noon: libical %d, UK rule %d", y, m, offset_at(z, t),
					 uk_offset(t));
		}
		for (int m = 3; m <= 10; m += 7) {
			int64_t change = caldate_to_days(D(y, m, last_sunday(y, m))) * (int64_t)SEC_DAY + 3600;
			for (int64_t t = change - 7200; t <= change + 3600; t += 900)
				if (offset_at(z, t) != uk_offset(t))
					fail_msg("%" PRId64 ": libical %d, UK rule %d", t, offset_at(z, t),
						 uk_offset(t));
			assert_int_equal(uk_offset(change - 1), m == 3 ? 0 : 3600);
			assert_int_equal(uk_offset(change), m == 3 ? 3600 : 0);
		}
	}
	assert_int_equal(last_sunday(2026, 3), 29);
	assert_int_equal(last_sunday(2026, 10), 25);
	assert_int_equal(last_sunday(2027, 3), 28);
	assert_int_equal(last_sunday(2024, 10), 27);
}

static void local_times_map_to_utc_alike_with_either_source(void **state)
{
	(void)state;
	icaltimezone *zones[2] = {london(), NULL};
	for (int k = 0; k < 2; k++) {
		icaltimezone *z = zones[k];
		int64_t spring = caldate_to_days(D(2026, 3, 29)), autumn = caldate_to_days(D(2026, 10, 25));
		/* Before, in and after the gap. */
		assert_int_equal(local_to_utc(z, spring, 3600 - 60), spring * SEC_DAY + 3600 - 60);
		assert_int_equal(local_to_utc(z, spring, 3600), spring * SEC_DAY + 3600);
		assert_int_equal(local_to_utc(z, spring, 5400), spring * SEC_DAY + 5400);
		assert_int_equal(local_to_utc(z, spring, 7200), spring * SEC_DAY + 3600);
		/* Before, in and after the overlap. */
		assert_int_equal(local_to_utc(z, autumn, 3600 - 60), autumn * SEC_DAY - 60);
		assert_int_equal(local_to_utc(z, autumn, 5400), autumn * SEC_DAY + 1800);
		assert_int_equal(local_to_utc(z, autumn, 7200), autumn * SEC_DAY + 7200);
		/* Midsummer and midwinter. */
		int64_t jul = caldate_to_days(D(2030, 7, 1)), jan = caldate_to_days(D(2030, 1, 1));
		assert_int_equal(local_to_utc(z, jul, 9 * 3600), jul * SEC_DAY + 8 * 3600);
		assert_int_equal(local_to_utc(z, jan, 9 * 3600), jan * SEC_DAY + 9 * 3600);
	}
}

static int teardown(void **state)
{
	(void)state;
	/* libical's cache of zones, so that LeakSanitizer sees nothing left. */
	icaltimezone_free_builtin_timezones();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_rules_are_accepted_in_libicals_normal_form),
		cmocka_unit_test(refused_rules_say_which_part_is_wrong),
		cmocka_unit_test(long_input_is_refused_and_clipped_in_messages),
		cmocka_unit_test(a_weekly_rule_gives_its_weekdays_in_order),
		cmocka_unit_test(a_daily_rule_counts_its_interval_from_the_start),
		cmocka_unit_test(monthly_day_31_skips_short_months_and_minus_1_is_the_last_day),
		cmocka_unit_test(yearly_from_29_february_falls_only_in_leap_years),
		cmocka_unit_test(count_ends_the_series),
		cmocka_unit_test(until_is_inclusive_as_a_date_a_local_time_or_utc),
		cmocka_unit_test(a_weekly_visit_keeps_its_local_time_across_summer_time),
		cmocka_unit_test(times_in_the_spring_gap_move_on_and_in_the_autumn_overlap_come_first),
		cmocka_unit_test(from_in_the_middle_of_a_series_lists_from_that_instant),
		cmocka_unit_test(moving_a_daily_or_weekly_start_forward_changes_nothing),
		cmocka_unit_test(at_most_max_occurrences_are_returned),
		cmocka_unit_test(a_bad_start_or_a_forged_rule_is_refused),
		cmocka_unit_test(nothing_is_computed_after_2500_and_the_steps_are_bounded),
		cmocka_unit_test(a_rule_that_never_gives_a_date_is_found_by_trying_it),
		cmocka_unit_test(the_day_numbers_of_the_year_range_are_right),
		cmocka_unit_test(common_rules_are_summarised_in_words),
		cmocka_unit_test(unusual_rules_fall_back_to_their_text),
		cmocka_unit_test(the_ical_form_puts_until_in_utc),
		cmocka_unit_test(libical_zone_is_used_here_and_agrees_with_the_uk_rule),
		cmocka_unit_test(local_times_map_to_utc_alike_with_either_source),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
