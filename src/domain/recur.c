/*
 * recur.c - recurrence rules through libical (see recur.h).
 *
 * A rule is read in three passes, so that a person is told which part is
 * wrong and why: our own pass over the text (characters, NAME=VALUE parts,
 * known names, no repeats, FREQ, INTERVAL, COUNT, UNTIL and every item of
 * every BY list within its range, as libical does not check numbers for
 * overflow), then libical on each part alone (to name any part it still
 * refuses), then libical on the whole rule, followed by the RFC 5545 rules
 * for which parts go with which FREQ and a trial iterator.
 *
 * Occurrences come from libical's iterator over floating local times (no
 * zone: the series recurs on the London wall clock), and each is turned into
 * UTC here.  UNTIL is applied here, not by libical: libical compares a date
 * UNTIL with the start's time of day and so drops the last day, and compares
 * a floating start with a UTC UNTIL as if both were UTC.
 */
#include "recur.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libical/ical.h>

/* The parts of a rule (RFC 5545 3.3.10 and RFC 7529). */
enum part {
	PART_FREQ,
	PART_UNTIL,
	PART_COUNT,
	PART_INTERVAL,
	PART_BYSECOND,
	PART_BYMINUTE,
	PART_BYHOUR,
	PART_BYDAY,
	PART_BYMONTHDAY,
	PART_BYYEARDAY,
	PART_BYWEEKNO,
	PART_BYMONTH,
	PART_BYSETPOS,
	PART_WKST,
	PART_RSCALE,
	PART_SKIP,
	PART__MAX
};
static_assert(PART_BYSECOND + 2 == PART_BYHOUR, "analyse refuses BYSECOND..BYHOUR as a range");

/* How a part's value is checked before libical sees it.  libical reads
 * numbers with no overflow check (BYMONTHDAY=99999999999 becomes -1, the
 * last day), so every list is checked here, item by item. */
enum value_kind {
	VALUE_OWN,     /* checked by its own code in analyse */
	VALUE_REFUSED, /* the part is not supported */
	VALUE_NUMBERS, /* comma-separated whole numbers, 1..max, maybe negative */
	VALUE_DAYS,    /* comma-separated weekdays, each maybe numbered 1..max (or negative) */
	VALUE__MAX
};

static const struct {
	const char *name;
	enum value_kind kind;
	int max;       /* VALUE_NUMBERS, VALUE_DAYS: the largest number allowed in an item */
	bool negative; /* VALUE_NUMBERS, VALUE_DAYS: items may be negative, counting from the end */
	const char *hint; /* what a valid value looks like; NULL for refused parts */
} parts[PART__MAX] = {
	[PART_FREQ] = {"FREQ", VALUE_OWN, 0, false, "use DAILY, WEEKLY, MONTHLY or YEARLY"},
	[PART_UNTIL] = {"UNTIL", VALUE_OWN, 0, false,
			"write a date as YYYYMMDD, for example UNTIL=20261231"},
	[PART_COUNT] = {"COUNT", VALUE_OWN, 0, false, "use a whole number from 1 to 1000"},
	[PART_INTERVAL] = {"INTERVAL", VALUE_OWN, 0, false, "use a whole number from 1 to 366"},
	[PART_BYSECOND] = {"BYSECOND", VALUE_REFUSED, 0, false, NULL},
	[PART_BYMINUTE] = {"BYMINUTE", VALUE_REFUSED, 0, false, NULL},
	[PART_BYHOUR] = {"BYHOUR", VALUE_REFUSED, 0, false, NULL},
	[PART_BYDAY] = {"BYDAY", VALUE_DAYS, 53, true,
			"use MO, TU, WE, TH, FR, SA or SU separated by commas, numbered like 1MO or "
			"-1FR only with FREQ=MONTHLY or YEARLY"},
	[PART_BYMONTHDAY] = {"BYMONTHDAY", VALUE_NUMBERS, 31, true,
			     "use days from 1 to 31, or -1 (the last day) to -31, separated by commas"},
	[PART_BYYEARDAY] = {"BYYEARDAY", VALUE_NUMBERS, 366, true,
			    "use days of the year from 1 to 366, or -1 to -366"},
	[PART_BYWEEKNO] = {"BYWEEKNO", VALUE_NUMBERS, 53, true,
			   "use ISO weeks from 1 to 53, or -1 to -53"},
	[PART_BYMONTH] = {"BYMONTH", VALUE_NUMBERS, 12, false,
			  "use months from 1 to 12, separated by commas"},
	[PART_BYSETPOS] = {"BYSETPOS", VALUE_NUMBERS, 366, true,
			   "use positions from 1 to 366, or -1 to -366"},
	[PART_WKST] = {"WKST", VALUE_OWN, 0, false, "use MO, TU, WE, TH, FR, SA or SU"},
	[PART_RSCALE] = {"RSCALE", VALUE_REFUSED, 0, false, NULL},
	[PART_SKIP] = {"SKIP", VALUE_REFUSED, 0, false, NULL},
};

/* The kinds of UNTIL. */
enum until_kind {
	UNTIL_NONE,
	UNTIL_DATE,  /* UNTIL=YYYYMMDD: through the end of that London day */
	UNTIL_LOCAL, /* UNTIL=YYYYMMDDTHHMMSS: London wall-clock time */
	UNTIL_UTC,   /* UNTIL=YYYYMMDDTHHMMSSZ */
	UNTIL__MAX
};

struct until {
	enum until_kind kind;
	struct caldate date; /* valid unless kind is UNTIL_NONE */
	int sec;             /* seconds into the day, 0..86399; 0 for UNTIL_DATE */
};

/* A run of characters inside struct parsed's text. */
struct span {
	const char *p; /* NULL when the part is absent */
	int n;         /* bytes, 0..RECUR_TEXT_MAX - 1 */
};

/* A rule taken apart.  r.rscale is always NULL (RSCALE is refused before
 * libical sees the rule), so nothing here needs freeing. */
struct parsed {
	char text[RECUR_TEXT_MAX];  /* the input upper-cased, without "RRULE:" */
	struct span val[PART__MAX]; /* each part's value, in text */
	struct icalrecurrencetype r;
	struct until until;
};

/* Day numbers (caldate_to_days) of the first and last days occurrences are
 * computed for. */
#define DAY_FIRST (-25567)  /* 1900-01-01 */
#define DAY_LAST 193943     /* 2500-12-31 */
#define SEC_DAY 86400
#define CLIP 40             /* the most characters of input repeated in a message */
#define TRIAL_YEAR 2024     /* see trial_start */

/* Writes a message and returns CP_EINVAL.  fmt is always a literal; input
 * reaches it only as %.*s arguments. */
__attribute__((format(printf, 3, 4))) static enum cp_err refuse(char *msg, size_t msgn,
							      const char *fmt, ...)
{
	if (msgn > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, msgn, fmt, ap);
		va_end(ap);
	}
	return CP_EINVAL;
}

static void ok_msg(char *msg, size_t msgn)
{
	if (msgn > 0)
		msg[0] = '\0';
}

static int clip(int n)
{
	return n < CLIP ? n : CLIP;
}

/* a / b rounded towards minus infinity; b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return a % b != 0 && a < 0 ? q - 1 : q;
}

static char upper(char c)
{
	if (c >= 'a' && c <= 'z')
		return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c - 'a'];
	return c;
}

/* True when the n bytes at s start with `prefix`, ignoring case. */
static bool has_prefix(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (upper(s[i]) != prefix[i])
			return false;
	return true;
}

static bool span_is(struct span v, const char *s)
{
	size_t n = strlen(s);
	return v.p && (size_t)v.n == n && memcmp(v.p, s, n) == 0;
}

/* The value of v as a whole number: -1 when it is empty or has anything but
 * digits, and 1000000000 when it has more than nine digits. */
static long number(struct span v)
{
	if (v.n == 0)
		return -1;
	long x = 0;
	for (int i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return -1;
		if (i < 9)
			x = x * 10 + (v.p[i] - '0');
	}
	return v.n > 9 ? 1000000000L : x;
}

/* True when the two characters at s are a weekday code (MO..SU). */
static bool is_weekday(const char *s)
{
	static const char codes[] = "MOTUWETHFRSASU";
	for (int i = 0; i < 14; i += 2)
		if (s[0] == codes[i] && s[1] == codes[i + 1])
			return true;
	return false;
}

/* True when v is a comma-separated list of items for parts[k] (a
 * VALUE_NUMBERS or VALUE_DAYS part): [+|-]digits, or [[+|-]digits]weekday,
 * each number 1..max. */
static bool list_ok(struct span v, int k)
{
	bool days = parts[k].kind == VALUE_DAYS;
	for (int i = 0;;) {
		bool sign = i < v.n && (v.p[i] == '+' || v.p[i] == '-');
		if (sign && !parts[k].negative)
			return false;
		i += sign;
		int x = 0, nd = 0;
		for (; i < v.n && v.p[i] >= '0' && v.p[i] <= '9'; i++, nd++) {
			if (nd == 3)
				return false;
			x = x * 10 + (v.p[i] - '0');
		}
		if ((nd == 0 && (sign || !days)) || (nd > 0 && (x < 1 || x > parts[k].max)))
			return false;
		if (days) {
			if (i + 2 > v.n || !is_weekday(v.p + i))
				return false;
			i += 2;
		}
		if (i == v.n)
			return true;
		if (v.p[i] != ',')
			return false;
		i++;
	}
}

/* Reads UNTIL's value: YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ. */
static bool read_until(struct span v, struct until *u)
{
	if (v.n != 8 && v.n != 15 && v.n != 16)
		return false;
	int f[6] = {0};
	static const int at[6] = {0, 4, 6, 9, 11, 13}, len[6] = {4, 2, 2, 2, 2, 2};
	for (int k = 0; k < (v.n == 8 ? 3 : 6); k++)
		for (int i = at[k]; i < at[k] + len[k]; i++) {
			if (v.p[i] < '0' || v.p[i] > '9')
				return false;
			f[k] = f[k] * 10 + (v.p[i] - '0');
		}
	if (v.n > 8 && v.p[8] != 'T')
		return false;
	if (v.n == 16 && v.p[15] != 'Z')
		return false;
	struct caldate d = {f[0], f[1], f[2]};
	if (!caldate_valid(d) || f[3] > 23 || f[4] > 59 || f[5] > 59)
		return false;
	u->kind = v.n == 8 ? UNTIL_DATE : v.n == 15 ? UNTIL_LOCAL : UNTIL_UTC;
	u->date = d;
	u->sec = f[3] * 3600 + f[4] * 60 + f[5];
	return true;
}

/* How many values a libical BY list of `size` entries holds: they end at
 * the first ICAL_RECURRENCE_ARRAY_MAX, or at the end when it is full. */
static size_t by_len(const short *list, size_t size)
{
	size_t n = 0;
	while (n < size && list[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}
#define BY_N(arr) by_len((arr), sizeof(arr) / sizeof((arr)[0]))

static bool has_numbered_byday(const struct icalrecurrencetype *r)
{
	size_t n = BY_N(r->by_day);
	for (size_t i = 0; i < n; i++)
		if (icalrecurrencetype_day_position(r->by_day[i]) != 0)
			return true;
	return false;
}

/* True when some BYMONTH and BYMONTHDAY pair is a date in some year. */
static bool month_days_meet(const struct icalrecurrencetype *r)
{
	size_t nm = BY_N(r->by_month), nd = BY_N(r->by_month_day);
	for (size_t i = 0; i < nm; i++) {
		/* TRIAL_YEAR is a leap year: February has 29 days. */
		int dim = caldate_days_in_month(TRIAL_YEAR, icalrecurrencetype_month_month(r->by_month[i]));
		for (size_t j = 0; j < nd; j++) {
			int d = r->by_month_day[j];
			if ((d > 0 ? d : -d) <= dim)
				return true;
		}
	}
	return false;
}

/* A floating (zone-less) libical date-time. */
static struct icaltimetype ical_local(struct caldate d, int sec)
{
	struct icaltimetype t = icaltime_null_time();
	t.year = d.y;
	t.month = d.m;
	t.day = d.d;
	t.hour = sec / 3600;
	t.minute = sec / 60 % 60;
	t.second = sec % 60;
	t.is_date = 0;
	return t;
}

/* The start of the trial iterators: 1 January of a leap year (and a
 * Monday), so that a rule for 29 February every fourth year passes. */
static struct icaltimetype trial_start(void)
{
	return ical_local((struct caldate){TRIAL_YEAR, 1, 1}, 9 * 3600);
}

/* True when libical finds a first date for r from trial_start().  Only
 * meaningful with INTERVAL=1, where every day, week, month or year is tried
 * and the answer does not depend on the start.  UNTIL is left out, as it may
 * rightly be past. */
static bool gives_a_date(const struct icalrecurrencetype *r)
{
	struct icalrecurrencetype t = *r;
	t.until = icaltime_null_time();
	icalrecur_iterator *it = icalrecur_iterator_new(t, trial_start());
	if (!it)
		return false;
	struct icaltimetype first = icalrecur_iterator_next(it);
	icalrecur_iterator_free(it);
	return !icaltime_is_null_time(first);
}

/*
 * Reads and checks the rule s into *p: every check but the trial iterator
 * (recur_parse adds that).  CP_OK, or CP_EINVAL and msg.
 */
static enum cp_err analyse(const char *s, struct parsed *p, char *msg, size_t msgn)
{
	memset(p, 0, sizeof *p);
	if (!s)
		s = "";
	size_t n = strnlen(s, RECUR_TEXT_MAX + 8);
	if (has_prefix(s, n, "RRULE:")) {
		s += 6;
		n -= 6;
	}
	if (n == 0)
		return refuse(msg, msgn, "Recurrence is missing: enter a rule such as FREQ=WEEKLY;BYDAY=MO,TH.");
	if (n >= RECUR_TEXT_MAX)
		return refuse(msg, msgn, "Recurrence is too long: a rule may have at most %d characters.",
			      RECUR_TEXT_MAX - 1);
	for (size_t i = 0; i < n; i++) {
		char c = upper(s[i]);
		bool allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' ||
			       c == ';' || c == ',' || c == '+' || c == '-';
		if (c == ' ' || c == '\t')
			return refuse(msg, msgn, "Recurrence has a space in it: write the rule without spaces, "
						 "for example FREQ=WEEKLY;BYDAY=MO,TH.");
		if (!allowed)
			return refuse(msg, msgn, "Recurrence has a character other than letters, digits and "
						 "= ; , + -: write it like FREQ=WEEKLY;BYDAY=MO,TH.");
		p->text[i] = c;
	}
	/* From here the text is printable and may be repeated, in clips. */

	/* NAME=VALUE parts, each name known and given once. */
	for (const char *q = p->text;;) {
		const char *end = strchr(q, ';');
		if (!end)
			end = q + strlen(q);
		int len = (int)(end - q);
		if (len == 0)
			return refuse(msg, msgn, "Recurrence has an empty part: separate NAME=VALUE parts with "
						 "single semicolons, with none at the start or end.");
		const char *eq = memchr(q, '=', (size_t)len);
		if (!eq || eq == q || eq == end - 1)
			return refuse(msg, msgn, "Recurrence: \"%.*s\" is not in the form NAME=VALUE, "
						 "for example INTERVAL=2.",
				      clip(len), q);
		int nl = (int)(eq - q);
		int k = 0;
		while (k < PART__MAX &&
		       !(strlen(parts[k].name) == (size_t)nl && memcmp(parts[k].name, q, (size_t)nl) == 0))
			k++;
		if (k == PART__MAX)
			return refuse(msg, msgn, "Recurrence: %.*s is not a part of a recurrence rule; use FREQ, "
						 "INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY or BYMONTH.",
				      clip(nl), q);
		if (p->val[k].p)
			return refuse(msg, msgn, "Recurrence: %s is given twice.", parts[k].name);
		p->val[k] = (struct span){eq + 1, (int)(end - eq - 1)};
		if (!*end)
			break;
		q = end + 1;
	}

	for (int k = PART_BYSECOND; k <= PART_BYHOUR; k++)
		if (p->val[k].p)
			return refuse(msg, msgn, "Recurrence: %s is not supported: the time of day is the visit's "
						 "start time; add a separate visit for each time of day.",
				      parts[k].name);
	if (p->val[PART_RSCALE].p || p->val[PART_SKIP].p)
		return refuse(msg, msgn, "Recurrence: %s is not supported: rules use the Gregorian calendar.",
			      parts[p->val[PART_RSCALE].p ? PART_RSCALE : PART_SKIP].name);

	struct span f = p->val[PART_FREQ];
	if (!f.p)
		return refuse(msg, msgn, "Recurrence: FREQ is missing; start the rule with FREQ=DAILY, WEEKLY, "
					 "MONTHLY or YEARLY.");
	if (span_is(f, "SECONDLY") || span_is(f, "MINUTELY") || span_is(f, "HOURLY"))
		return refuse(msg, msgn, "Recurrence: FREQ=%.*s is too frequent for a visit; use DAILY, "
					 "WEEKLY, MONTHLY or YEARLY.",
			      f.n, f.p);
	if (!span_is(f, "DAILY") && !span_is(f, "WEEKLY") && !span_is(f, "MONTHLY") &&
	    !span_is(f, "YEARLY"))
		return refuse(msg, msgn, "Recurrence: FREQ=%.*s is not a frequency; use DAILY, WEEKLY, "
					 "MONTHLY or YEARLY.",
			      clip(f.n), f.p);

	struct span v = p->val[PART_INTERVAL];
	if (v.p) {
		long x = number(v);
		if (x < 1)
			return refuse(msg, msgn, "Recurrence: INTERVAL=%.*s is not valid: use a whole number "
						 "from 1 to %d.",
				      clip(v.n), v.p, RECUR_INTERVAL_MAX);
		if (x > RECUR_INTERVAL_MAX)
			return refuse(msg, msgn, "Recurrence: INTERVAL=%.*s is more than %d; use a whole number "
						 "from 1 to %d.",
				      clip(v.n), v.p, RECUR_INTERVAL_MAX, RECUR_INTERVAL_MAX);
	}
	v = p->val[PART_COUNT];
	if (v.p) {
		long x = number(v);
		if (x < 1)
			return refuse(msg, msgn, "Recurrence: COUNT=%.*s is not valid: use a whole number from 1 "
						 "to %d.",
				      clip(v.n), v.p, RECUR_COUNT_MAX);
		if (x > RECUR_COUNT_MAX)
			return refuse(msg, msgn, "Recurrence: COUNT=%.*s is more than %d; a series may have at "
						 "most %d visits (leave COUNT out for one with no end).",
				      clip(v.n), v.p, RECUR_COUNT_MAX, RECUR_COUNT_MAX);
	}
	if (p->val[PART_COUNT].p && p->val[PART_UNTIL].p)
		return refuse(msg, msgn, "Recurrence: give COUNT or UNTIL, not both.");
	v = p->val[PART_UNTIL];
	if (v.p && !read_until(v, &p->until))
		return refuse(msg, msgn, "Recurrence: UNTIL=%.*s is not a date: write it as YYYYMMDD, for "
					 "example UNTIL=20261231.",
			      clip(v.n), v.p);

	v = p->val[PART_WKST];
	if (v.p && (v.n != 2 || !is_weekday(v.p)))
		return refuse(msg, msgn, "Recurrence: WKST=%.*s is not valid: %s.", clip(v.n), v.p,
			      parts[PART_WKST].hint);
	for (int k = 0; k < PART__MAX; k++) {
		v = p->val[k];
		if (v.p && (parts[k].kind == VALUE_NUMBERS || parts[k].kind == VALUE_DAYS) &&
		    !list_ok(v, k))
			return refuse(msg, msgn, "Recurrence: %s=%.*s is not valid: %s.", parts[k].name,
				      clip(v.n), v.p, parts[k].hint);
	}

	/* libical on each part alone, to name any it still refuses. */
	for (int k = 0; k < PART__MAX; k++) {
		v = p->val[k];
		if (k == PART_FREQ || !v.p)
			continue;
		char one[RECUR_TEXT_MAX + 16];
		snprintf(one, sizeof one, "FREQ=%.*s;%s=%.*s", f.n, f.p, parts[k].name, v.n, v.p);
		struct icalrecurrencetype r1 = icalrecurrencetype_from_string(one);
		assert(!r1.rscale);
		if (r1.freq == ICAL_NO_RECURRENCE)
			return refuse(msg, msgn, "Recurrence: %s=%.*s is not valid: %s.", parts[k].name,
				      clip(v.n), v.p, parts[k].hint);
	}
	p->r = icalrecurrencetype_from_string(p->text);
	assert(!p->r.rscale);
	if (p->r.freq == ICAL_NO_RECURRENCE)
		return refuse(msg, msgn, "Recurrence could not be read: write it like "
					 "FREQ=MONTHLY;BYMONTHDAY=-1 or FREQ=WEEKLY;BYDAY=MO,TH.");

	/* RFC 5545 3.3.10: which parts go with which FREQ. */
	icalrecurrencetype_frequency fr = p->r.freq;
	for (size_t i = 0, nm = BY_N(p->r.by_month); i < nm; i++) {
		int m = icalrecurrencetype_month_month(p->r.by_month[i]);
		if (icalrecurrencetype_month_is_leap(p->r.by_month[i]) || m < 1 || m > 12)
			return refuse(msg, msgn, "Recurrence: BYMONTH=%.*s is not valid: %s.",
				      clip(p->val[PART_BYMONTH].n), p->val[PART_BYMONTH].p,
				      parts[PART_BYMONTH].hint);
	}
	if (p->val[PART_BYWEEKNO].p && fr != ICAL_YEARLY_RECURRENCE)
		return refuse(msg, msgn, "Recurrence: BYWEEKNO can only be used with FREQ=YEARLY.");
	if (p->val[PART_BYYEARDAY].p && fr != ICAL_YEARLY_RECURRENCE)
		return refuse(msg, msgn, "Recurrence: BYYEARDAY can only be used with FREQ=YEARLY.");
	if (p->val[PART_BYMONTHDAY].p && fr == ICAL_WEEKLY_RECURRENCE)
		return refuse(msg, msgn, "Recurrence: BYMONTHDAY cannot be used with FREQ=WEEKLY; use BYDAY "
					 "for days of the week, or FREQ=MONTHLY.");
	if (has_numbered_byday(&p->r)) {
		if (fr == ICAL_DAILY_RECURRENCE || fr == ICAL_WEEKLY_RECURRENCE)
			return refuse(msg, msgn, "Recurrence: a numbered BYDAY such as 1MO or -1FR needs "
						 "FREQ=MONTHLY or FREQ=YEARLY.");
		if (p->val[PART_BYWEEKNO].p)
			return refuse(msg, msgn, "Recurrence: a numbered BYDAY such as 1MO or -1FR cannot be "
						 "used with BYWEEKNO.");
	}
	if (p->val[PART_BYSETPOS].p) {
		if (fr != ICAL_MONTHLY_RECURRENCE && fr != ICAL_YEARLY_RECURRENCE)
			return refuse(msg, msgn, "Recurrence: BYSETPOS can only be used with FREQ=MONTHLY or "
						 "FREQ=YEARLY.");
		if (!p->val[PART_BYDAY].p && !p->val[PART_BYMONTHDAY].p && !p->val[PART_BYYEARDAY].p &&
		    !p->val[PART_BYWEEKNO].p && !p->val[PART_BYMONTH].p)
			return refuse(msg, msgn, "Recurrence: BYSETPOS needs another BY part to choose from, "
						 "such as BYDAY.");
	}
	if (p->val[PART_BYMONTH].p && p->val[PART_BYMONTHDAY].p && !month_days_meet(&p->r))
		return refuse(msg, msgn, "Recurrence: BYMONTHDAY=%.*s never falls in BYMONTH=%.*s, so the "
					 "rule gives no dates.",
			      clip(p->val[PART_BYMONTHDAY].n), p->val[PART_BYMONTHDAY].p,
			      clip(p->val[PART_BYMONTH].n), p->val[PART_BYMONTH].p);

	/* Anything else libical will not expand.  libical looks for the first
	 * date here, and gives up on combinations that never meet (1MO with
	 * BYMONTHDAY=8) after searching to its last year: up to a second or so,
	 * once, in recur_parse; a rule that passed is as quick again here. */
	icalrecur_iterator *it = icalrecur_iterator_new(p->r, trial_start());
	if (!it)
		return refuse(msg, msgn, "Recurrence: these parts cannot be used together, or never fall "
					 "on the same date; simplify the rule, for example "
					 "FREQ=MONTHLY;BYDAY=1MO.");
	icalrecur_iterator_free(it);
	ok_msg(msg, msgn);
	return CP_OK;
}

/* ---- Time zone ---------------------------------------------------------- */

/* The day of the month of the last Sunday of month m of year y. */
static int last_sunday(int y, int m)
{
	struct caldate last = {y, m, caldate_days_in_month(y, m)};
	return last.d - caldate_weekday(last) % 7;
}

/* The UK's offset from UTC in seconds at utc_s (seconds since the epoch), by
 * the rule in force since 1996: BST (+3600) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October. */
static int uk_offset(int64_t utc_s)
{
	int64_t day = floor_div(utc_s, SEC_DAY);
	struct caldate d;
	if (day < DAY_FIRST - 2 || day > DAY_LAST + 2 || caldate_from_days((int)day, &d) != CP_OK)
		return 0;
	int64_t on = (int64_t)caldate_to_days((struct caldate){d.y, 3, last_sunday(d.y, 3)}) * SEC_DAY + 3600;
	int64_t off = (int64_t)caldate_to_days((struct caldate){d.y, 10, last_sunday(d.y, 10)}) * SEC_DAY + 3600;
	return utc_s >= on && utc_s < off ? 3600 : 0;
}

/* The offset at utc_s from libical's zone z, or from the UK rule when z is
 * NULL. */
static int offset_at(icaltimezone *z, int64_t utc_s)
{
	if (!z)
		return uk_offset(utc_s);
	int64_t day = floor_div(utc_s, SEC_DAY);
	struct caldate d;
	if (day < DAY_FIRST - 2 || day > DAY_LAST + 2 || caldate_from_days((int)day, &d) != CP_OK)
		return 0;
	struct icaltimetype t = ical_local(d, (int)(utc_s - day * SEC_DAY));
	t.zone = icaltimezone_get_utc_timezone();
	return icaltimezone_get_utc_offset_of_utc_time(z, &t, NULL);
}

/* libical's Europe/London, or NULL when it is missing or plainly wrong (GMT
 * all year, as a zone without its rules would be): checked at noon UTC on
 * 15 January and 15 July 2026. */
static icaltimezone *london(void)
{
	icaltimezone *z = icaltimezone_get_builtin_timezone(RECUR_ZONE);
	if (!z)
		return NULL;
	int64_t jan = (int64_t)caldate_to_days((struct caldate){2026, 1, 15}) * SEC_DAY + 43200;
	int64_t jul = (int64_t)caldate_to_days((struct caldate){2026, 7, 15}) * SEC_DAY + 43200;
	return offset_at(z, jan) == 0 && offset_at(z, jul) == 3600 ? z : NULL;
}

const char *recur_zone_source(void)
{
	return london() ? "libical builtin " RECUR_ZONE " (system tzdata)" : "UK rule since 1996 (recur.c)";
}

/*
 * The UTC instant (seconds) of London wall-clock time `sec` seconds into day
 * `day` (a day number).  A time in the spring gap takes the offset before
 * the change; one in the autumn overlap is the earlier instant.  Both follow
 * from trying the offsets a day before and a day after, which works because
 * London's changes are months apart.
 */
static int64_t local_to_utc(icaltimezone *z, int64_t day, int sec)
{
	int64_t l = day * SEC_DAY + sec;
	int before = offset_at(z, l - SEC_DAY), after = offset_at(z, l + SEC_DAY);
	int64_t u1 = l - before, u2 = l - after;
	bool ok1 = offset_at(z, u1) == before, ok2 = offset_at(z, u2) == after;
	if (ok1 && ok2)
		return u1 < u2 ? u1 : u2;
	if (ok2)
		return u2;
	return u1; /* valid, or in the gap: the offset before the change */
}

/* ---- The exported functions --------------------------------------------- */

enum cp_err recur_parse(const char *s, struct recur_rule *out, char *msg, size_t msgn)
{
	struct parsed p;
	enum cp_err err = analyse(s, &p, msg, msgn);
	if (err != CP_OK)
		return err;
	/* A rule that never gives a date would make libical search to its last
	 * year (2582) on every later call, up to half a second; analyse catches
	 * most, and this the rest with INTERVAL=1.  With a larger INTERVAL
	 * whether there is a date may depend on the start
	 * (FREQ=YEARLY;INTERVAL=4 on 29 February), so it is not tried. */
	if (p.r.interval == 1 && !gives_a_date(&p.r))
		return refuse(msg, msgn, "Recurrence: the rule never gives a date; check that its BYMONTH, "
					 "BYMONTHDAY, BYDAY and BYSETPOS can fall together.");
	char *text = icalrecurrencetype_as_string_r(&p.r);
	if (!text)
		return refuse(msg, msgn, "Recurrence could not be read: write it like "
					 "FREQ=MONTHLY;BYMONTHDAY=-1 or FREQ=WEEKLY;BYDAY=MO,TH.");
	size_t n = strlen(text);
	if (n < RECUR_TEXT_MAX)
		memcpy(out->text, text, n + 1);
	icalmemory_free_buffer(text);
	if (n >= RECUR_TEXT_MAX)
		return refuse(msg, msgn, "Recurrence is too long: a rule may have at most %d characters.",
			      RECUR_TEXT_MAX - 1);
	ok_msg(msg, msgn);
	return CP_OK;
}

enum cp_err recur_next(const struct recur_rule *rule, struct recur_local start, int64_t from_ms,
		       size_t max, struct recur_occ *out, size_t *n, char *msg, size_t msgn)
{
	assert(n && (out || max == 0));
	*n = 0;
	struct parsed p;
	if (!rule || analyse(rule->text, &p, msg, msgn) != CP_OK)
		return refuse(msg, msgn, "Recurrence: the rule was not checked; check it with recur_parse.");
	if (max > RECUR_LIST_MAX)
		return refuse(msg, msgn, "Recurrence: at most %d visits can be listed at once.", RECUR_LIST_MAX);
	if (!caldate_valid(start.date) || start.hour < 0 || start.hour > 23 || start.minute < 0 ||
	    start.minute > 59)
		return refuse(msg, msgn, "Recurrence: the start is not a date and a time of day from 00:00 "
					 "to 23:59.");
	if (start.date.y < RECUR_YEAR_MIN || start.date.y > RECUR_YEAR_MAX)
		return refuse(msg, msgn, "Recurrence: the start must be in a year from %d to %d.",
			      RECUR_YEAR_MIN, RECUR_YEAR_MAX);
	ok_msg(msg, msgn);
	/* No occurrence after 2500-12-31 23:59 London time is computed. */
	if (max == 0 || from_ms / 1000 > (int64_t)(DAY_LAST + 1) * SEC_DAY)
		return CP_OK;

	icaltimezone *z = london();
	int start_sec = start.hour * 3600 + start.minute * 60;
	struct caldate first = start.date;
	/* A daily or weekly series with no COUNT repeats every `period` days in
	 * step with its start, so it may start whole periods later, as long as
	 * the new start is more than a period (and a week, for BYDAY) before
	 * `from` - what libical does differently in its first period is then
	 * before `from` too.  A COUNT is counted from the real start. */
	if (p.r.count == 0 &&
	    (p.r.freq == ICAL_DAILY_RECURRENCE || p.r.freq == ICAL_WEEKLY_RECURRENCE)) {
		int64_t period = p.r.interval * (p.r.freq == ICAL_WEEKLY_RECURRENCE ? 7 : 1);
		int64_t gap = floor_div(floor_div(from_ms, 1000), SEC_DAY) -
			      caldate_to_days(start.date) - period - 8;
		if (gap > 0) {
			enum cp_err e = caldate_add_days(start.date, (int)(gap / period * period), &first);
			assert(e == CP_OK); /* no later than the day of from_ms, which is in range */
			(void)e;
		}
	}

	struct icalrecurrencetype r = p.r;
	r.until = icaltime_null_time(); /* applied below */
	icalrecur_iterator *it = icalrecur_iterator_new(r, ical_local(first, start_sec));
	if (!it)
		return refuse(msg, msgn, "Recurrence: the rule gives no dates from this start; check the "
					 "start date against the rule.");
	int64_t until_s = 0;
	if (p.until.kind == UNTIL_UTC)
		until_s = (int64_t)caldate_to_days(p.until.date) * SEC_DAY + p.until.sec;
	else if (p.until.kind == UNTIL_LOCAL)
		until_s = local_to_utc(z, caldate_to_days(p.until.date), p.until.sec);
	enum cp_err err = CP_OK;
	for (int steps = 0; *n < max; steps++) {
		if (steps == RECUR_STEPS_MAX) {
			err = CP_ETOOBIG;
			refuse(msg, msgn, "Recurrence: the series starts too long before the time asked for; "
					  "give it a later start.");
			break;
		}
		struct icaltimetype t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t) || t.year > RECUR_YEAR_MAX)
			break;
		struct caldate d = {t.year, t.month, t.day};
		if (!caldate_valid(d))
			break;
		int64_t day = caldate_to_days(d);
		int sec = t.hour * 3600 + t.minute * 60 + t.second;
		int64_t utc_s = local_to_utc(z, day, sec);
		if ((p.until.kind == UNTIL_DATE && caldate_cmp(d, p.until.date) > 0) ||
		    (p.until.kind != UNTIL_NONE && p.until.kind != UNTIL_DATE && utc_s > until_s))
			break;
		if (utc_s * 1000 < from_ms)
			continue;
		/* The wall clock at that instant: the same as t but in the gap. */
		int64_t wall = utc_s + offset_at(z, utc_s);
		struct recur_occ *o = &out[(*n)++];
		enum cp_err e = caldate_from_days((int)floor_div(wall, SEC_DAY), &o->local.date);
		assert(e == CP_OK);
		(void)e;
		int wsec = (int)(wall - floor_div(wall, SEC_DAY) * SEC_DAY);
		o->local.hour = wsec / 3600;
		o->local.minute = wsec / 60 % 60;
		o->utc_ms = utc_s * 1000;
	}
	icalrecur_iterator_free(it);
	return err;
}

/* ---- Summary in words ----------------------------------------------------- */

/* A capped line: append freely, check `over` once. */
struct line {
	char *p;
	size_t cap, len;
	bool over;
};

__attribute__((format(printf, 2, 3))) static void put(struct line *l, const char *fmt, ...)
{
	if (l->over)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(l->p + l->len, l->cap - l->len, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= l->cap - l->len) {
		l->over = true;
		return;
	}
	l->len += (size_t)w;
}

/* ", " or " and " before item i of n (nothing before the first). */
static void sep(struct line *l, int i, int n)
{
	if (i > 0)
		put(l, "%s", i == n - 1 ? " and " : ", ");
}

static const char *const weekday_names[8] = {
	[ICAL_SUNDAY_WEEKDAY] = "Sunday",       [ICAL_MONDAY_WEEKDAY] = "Monday",
	[ICAL_TUESDAY_WEEKDAY] = "Tuesday",     [ICAL_WEDNESDAY_WEEKDAY] = "Wednesday",
	[ICAL_THURSDAY_WEEKDAY] = "Thursday",   [ICAL_FRIDAY_WEEKDAY] = "Friday",
	[ICAL_SATURDAY_WEEKDAY] = "Saturday",
};

static const char *const month_names[13] = {
	"", "January", "February", "March",     "April",   "May",      "June",
	"July", "August", "September", "October", "November", "December",
};

/* "1st", "2nd", "3rd", "4th", "11th", "21st", ... */
static const char *ordinal_suffix(int k)
{
	if (k % 100 >= 11 && k % 100 <= 13)
		return "th";
	return k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
}

static const char *const position_words[6] = {"", "first", "second", "third", "fourth", "fifth"};

/* "Monday and Thursday" (Monday first) for plain BYDAY values; false for
 * numbered ones. */
static bool put_weekdays(struct line *l, const struct icalrecurrencetype *r)
{
	bool on[8] = {false};
	int n = 0;
	for (size_t i = 0, nday = BY_N(r->by_day); i < nday; i++) {
		if (icalrecurrencetype_day_position(r->by_day[i]) != 0)
			return false;
		int w = icalrecurrencetype_day_day_of_week(r->by_day[i]);
		if (w < ICAL_SUNDAY_WEEKDAY || w > ICAL_SATURDAY_WEEKDAY)
			return false;
		n += !on[w];
		on[w] = true;
	}
	static const int order[7] = {ICAL_MONDAY_WEEKDAY,   ICAL_TUESDAY_WEEKDAY, ICAL_WEDNESDAY_WEEKDAY,
				     ICAL_THURSDAY_WEEKDAY, ICAL_FRIDAY_WEEKDAY,  ICAL_SATURDAY_WEEKDAY,
				     ICAL_SUNDAY_WEEKDAY};
	if (n == 5 && !on[ICAL_SATURDAY_WEEKDAY] && !on[ICAL_SUNDAY_WEEKDAY]) {
		put(l, " on Monday to Friday");
		return true;
	}
	put(l, " on ");
	for (int i = 0, k = 0; i < 7; i++)
		if (on[order[i]]) {
			sep(l, k++, n);
			put(l, "%s", weekday_names[order[i]]);
		}
	return true;
}

/* "the 1st", "the last day", "the 2nd to last day". */
static void put_monthday(struct line *l, int d)
{
	if (d > 0)
		put(l, "the %d%s", d, ordinal_suffix(d));
	else if (d == -1)
		put(l, "the last day");
	else
		put(l, "the %d%s to last day", -d, ordinal_suffix(-d));
}

/* "the first Monday", "the last Friday", "the second to last Sunday"; false
 * for positions beyond fifth. */
static bool put_nth_weekday(struct line *l, short by_day)
{
	int pos = icalrecurrencetype_day_position(by_day);
	int w = icalrecurrencetype_day_day_of_week(by_day);
	if (pos == 0 || pos > 5 || pos < -5 || w < ICAL_SUNDAY_WEEKDAY || w > ICAL_SATURDAY_WEEKDAY)
		return false;
	if (pos > 0)
		put(l, "the %s %s", position_words[pos], weekday_names[w]);
	else if (pos == -1)
		put(l, "the last %s", weekday_names[w]);
	else
		put(l, "the %s to last %s", position_words[-pos], weekday_names[w]);
	return true;
}

/* ", 10 times", ", until 31 December 2026" or ", until 31 December 2026 at
 * 17:00" (London time). */
static void put_end(struct line *l, const struct parsed *p)
{
	if (p->r.count == 1)
		put(l, ", once");
	else if (p->r.count > 1)
		put(l, ", %d times", p->r.count);
	if (p->until.kind == UNTIL_NONE)
		return;
	struct caldate d = p->until.date;
	int sec = p->until.sec;
	if (p->until.kind == UNTIL_UTC) {
		int64_t s = (int64_t)caldate_to_days(d) * SEC_DAY + sec;
		s += offset_at(london(), s);
		if (caldate_from_days((int)floor_div(s, SEC_DAY), &d) != CP_OK)
			d = p->until.date;
		sec = (int)(s - floor_div(s, SEC_DAY) * SEC_DAY);
	}
	char h[CALDATE_HUMAN_MAX];
	caldate_format_human(d, h, sizeof h);
	put(l, ", until %s", h);
	if (p->until.kind != UNTIL_DATE)
		put(l, " at %02d:%02d", sec / 3600, sec / 60 % 60);
}

/* The words for p into l; false when the rule is not a common shape. */
static bool words(struct line *l, const struct parsed *p)
{
	const struct icalrecurrencetype *r = &p->r;
	const struct span *v = p->val;
	static const char *const unit[2][4] = {
		{"day", "week", "month", "year"},
		{"days", "weeks", "months", "years"},
	};
	/* Parts no summary describes: the rule's text says it best. */
	if (v[PART_BYYEARDAY].p || v[PART_BYWEEKNO].p || v[PART_BYSETPOS].p)
		return false;
	/* WKST changes nothing for a weekly rule with INTERVAL=1. */
	if (v[PART_WKST].p && !(r->freq == ICAL_WEEKLY_RECURRENCE && r->interval == 1))
		return false;
	int nmonth = (int)BY_N(r->by_month), nmday = (int)BY_N(r->by_month_day),
	    nday = (int)BY_N(r->by_day);
	int u = (int)r->freq - (int)ICAL_DAILY_RECURRENCE;
	/* DAILY with BYDAY and INTERVAL=1 is weekly on those days. */
	if (r->freq == ICAL_DAILY_RECURRENCE && nday > 0) {
		if (r->interval != 1 || nmonth || nmday)
			return false;
		u = 1;
	}
	if (r->interval == 1)
		put(l, "Every %s", unit[0][u]);
	else
		put(l, "Every %d %s", r->interval, unit[1][u]);
	switch (r->freq) {
	case ICAL_DAILY_RECURRENCE:
		if (nmonth || nmday)
			return false;
		if (nday && !put_weekdays(l, r))
			return false;
		break;
	case ICAL_WEEKLY_RECURRENCE:
		if (nmonth)
			return false;
		if (nday && !put_weekdays(l, r))
			return false;
		break;
	case ICAL_MONTHLY_RECURRENCE:
		if (nmonth || (nday && nmday))
			return false;
		if (nmday) {
			put(l, " on ");
			for (int i = 0; i < nmday; i++) {
				sep(l, i, nmday);
				put_monthday(l, r->by_month_day[i]);
			}
		} else if (nday) {
			put(l, " on ");
			for (int i = 0; i < nday; i++) {
				sep(l, i, nday);
				if (!put_nth_weekday(l, r->by_day[i]))
					return false;
			}
		}
		break;
	case ICAL_YEARLY_RECURRENCE:
		if (!nmonth && !nmday && !nday)
			break;
		if (nmonth != 1)
			return false;
		int m = icalrecurrencetype_month_month(r->by_month[0]);
		if (nmday == 1 && !nday && r->by_month_day[0] > 0)
			put(l, " on %d %s", r->by_month_day[0], month_names[m]);
		else if (nmday == 1 && !nday && r->by_month_day[0] == -1)
			put(l, " on the last day of %s", month_names[m]);
		else if (nday == 1 && !nmday) {
			put(l, " on ");
			if (!put_nth_weekday(l, r->by_day[0]))
				return false;
			put(l, " of %s", month_names[m]);
		} else
			return false;
		break;
	default:
		return false;
	}
	put_end(l, p);
	return !l->over;
}

bool recur_summary(const struct recur_rule *rule, char *out, size_t n)
{
	if (n == 0)
		return false;
	out[0] = '\0';
	struct parsed p;
	if (!rule || analyse(rule->text, &p, NULL, 0) != CP_OK)
		return false;
	struct line l = {out, n, 0, false};
	if (words(&l, &p))
		return true;
	snprintf(out, n, "%s", rule->text);
	return false;
}

enum cp_err recur_ical(const struct recur_rule *rule, char *out, size_t n)
{
	if (n > 0)
		out[0] = '\0';
	struct parsed p;
	if (!rule || analyse(rule->text, &p, NULL, 0) != CP_OK)
		return CP_EINVAL;
	if (p.until.kind == UNTIL_DATE || p.until.kind == UNTIL_LOCAL) {
		int sec = p.until.kind == UNTIL_DATE ? SEC_DAY - 1 : p.until.sec;
		int64_t s = local_to_utc(london(), caldate_to_days(p.until.date), sec);
		struct caldate d;
		if (caldate_from_days((int)floor_div(s, SEC_DAY), &d) != CP_OK)
			return CP_EINVAL;
		p.r.until = ical_local(d, (int)(s - floor_div(s, SEC_DAY) * SEC_DAY));
		p.r.until.zone = icaltimezone_get_utc_timezone();
	}
	char *text = icalrecurrencetype_as_string_r(&p.r);
	if (!text)
		return CP_EINVAL;
	size_t len = strlen(text);
	enum cp_err err = CP_OK;
	if (len < n)
		memcpy(out, text, len + 1);
	else
		err = CP_ETOOBIG;
	icalmemory_free_buffer(text);
	return err;
}
