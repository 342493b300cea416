/*
 * recur.h - recurring visits and services in the care plan's timetable of
 * care: RFC 5545 recurrence rules (the value of an RRULE, for example
 * "FREQ=WEEKLY;BYDAY=MO,TH"), checked through libical, with their next
 * occurrences in Europe/London local time and UTC, a summary in words for the
 * person's page, and the RRULE value for iCalendar export.
 *
 * A rule is checked once, at the edge, by recur_parse into a struct
 * recur_rule holding libical's normalised text; that text is what is stored,
 * and the other functions take the struct.  Accepted: FREQ DAILY, WEEKLY,
 * MONTHLY or YEARLY; INTERVAL 1..RECUR_INTERVAL_MAX; COUNT
 * 1..RECUR_COUNT_MAX, or UNTIL, or neither (a series with no end); BYDAY,
 * BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS and WKST, each with the
 * frequencies RFC 5545 allows (BYSETPOS only with MONTHLY or YEARLY, as there
 * is one visit a day at most), every item of every list within its range.
 * Refused: anything libical cannot read or expand, FREQ SECONDLY, MINUTELY
 * or HOURLY, BYHOUR, BYMINUTE and BYSECOND (the time of day is the visit's
 * start time), RSCALE and SKIP (Gregorian calendar only), and rules that
 * never give a date (BYMONTH=2;BYMONTHDAY=30).
 *
 * Times.  A series starts at a civil date and local time in Europe/London
 * (DTSTART;TZID=Europe/London) and recurs in local time: a weekly visit at
 * 09:00 stays at 09:00 across the changes to and from British Summer Time,
 * so its UTC instant moves by an hour.  A local time that does not exist
 * (01:00-01:59 on the last Sunday of March) is read with the offset before
 * the change, as RFC 5545 says, so 01:30 is 01:30 UTC and shown as 02:30
 * BST; one that happens twice (01:00-01:59 on the last Sunday of October) is
 * the first of the two, in BST.  UTC offsets come from libical's builtin
 * Europe/London zone, which on Debian is built from the system's tzdata
 * (/usr/share/zoneinfo/Europe/London, read by libical on first use and then
 * cached for the life of the process: the only I/O behind this module).
 * Where that zone is missing or wrong, the UK rule in force since 1996 is
 * used instead: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC
 * on the last Sunday of October.  recur_zone_source says which.
 *
 * The start is the first possible occurrence, not necessarily one: a rule
 * with BYDAY=MO started on a Wednesday first occurs on the Monday after
 * (libical's reading; RFC 5545 leaves a start that does not match its rule
 * undefined).  COUNT counts occurrences from the start.  UNTIL is inclusive:
 * a date (UNTIL=20261231) includes the whole of that local day, a local
 * date-time (UNTIL=20261231T170000) is London time, and one ending in Z is
 * UTC.  Occurrences are computed for years RECUR_YEAR_MIN..RECUR_YEAR_MAX.
 *
 * Bounds: one call of recur_next returns at most RECUR_LIST_MAX occurrences
 * and takes at most RECUR_STEPS_MAX steps of libical's iterator; daily and
 * weekly series with no COUNT are moved forward to just before `from`
 * first, so only a monthly or yearly series started centuries earlier, or a
 * forged rule, can reach that bound.
 *
 * Ownership: nothing is allocated for the caller.  Results go into the
 * caller's structs and buffers, every libical object is freed before each
 * function returns, and libical's cache of the zone belongs to libical.
 * Messages go into the caller's buffer (msg, msgn bytes, terminated when
 * msgn > 0, "" on success); RECUR_MSG_MAX bytes hold any.  Safe to call
 * from several threads: libical 3.0 locks its zone cache, and nothing here
 * keeps state.
 */
#ifndef CP_RECUR_H
#define CP_RECUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/err.h"
#include "caldate.h"

#define RECUR_TEXT_MAX 256     /* bytes of a rule's text and its NUL */
#define RECUR_ICAL_MAX 264     /* bytes of recur_ical's text: UNTIL may grow by "T235959Z" */
#define RECUR_SUMMARY_MAX 256  /* bytes of any summary, in words or the rule's text */
#define RECUR_MSG_MAX 240      /* bytes of any message */
#define RECUR_INTERVAL_MAX 366 /* the largest INTERVAL */
#define RECUR_COUNT_MAX 1000   /* the largest COUNT */
#define RECUR_LIST_MAX 100     /* the most occurrences one call of recur_next returns */
#define RECUR_STEPS_MAX 5000   /* the most steps of libical's iterator in one call */
#define RECUR_YEAR_MIN 1900    /* the first year of a start */
#define RECUR_YEAR_MAX 2500    /* the last year of a start or an occurrence */
#define RECUR_ZONE "Europe/London"

/* A rule that recur_parse accepted. */
struct recur_rule {
	char text[RECUR_TEXT_MAX]; /* the RRULE value as libical writes it back: upper case,
				      parts in libical's order, no "RRULE:"; NUL-terminated */
};

/* A wall-clock time in Europe/London. */
struct recur_local {
	struct caldate date; /* local civil date */
	int hour;            /* 0..23, local */
	int minute;          /* 0..59 */
};

/* One occurrence of a series. */
struct recur_occ {
	struct recur_local local; /* the London wall-clock time of the visit (see the file comment
				     for times that do not exist) */
	int64_t utc_ms;           /* the same instant: milliseconds since 1970-01-01T00:00:00Z */
};

/* Checks the rule s (an RRULE value, at most RECUR_TEXT_MAX - 1 characters;
 * a leading "RRULE:" and lower case are accepted) against the rules in the
 * file comment.  CP_OK and out->text set to libical's normalised form, or
 * CP_EINVAL, *out untouched, and msg naming the part and the problem:
 * "Recurrence: FREQ=HOURLY is too frequent for a visit; use DAILY, WEEKLY,
 * MONTHLY or YEARLY."  Pieces of s of at most 40 characters are repeated in
 * the message, and only once s is known to hold nothing but letters, digits
 * and = ; , + -.  Parts whose dates never meet (BYDAY=1MO;BYMONTHDAY=8) can
 * take libical up to about a second to refuse, here, once; a rule that is
 * accepted is quick from then on. */
enum cp_err recur_parse(const char *s, struct recur_rule *out, char *msg, size_t msgn);

/* The occurrences of `rule` started at `start` whose instant is at or after
 * from_ms, earliest first: at most max (0..RECUR_LIST_MAX) of them into
 * out[0..*n) (out may be NULL when max is 0).  CP_OK with *n from 0 (the
 * series has ended, or none before the end of RECUR_YEAR_MAX) to max.
 * CP_EINVAL, *n = 0 and msg when rule did not come from recur_parse, start
 * is not a date and time in RECUR_YEAR_MIN..RECUR_YEAR_MAX, max is over
 * RECUR_LIST_MAX, or libical finds no date at all from this start (possible
 * only with an INTERVAL over 1: FREQ=YEARLY;INTERVAL=4 on 29 February from
 * a start in 2026).  CP_ETOOBIG and msg when RECUR_STEPS_MAX steps did not
 * reach max occurrences (*n says how many were found).  Each occurrence is
 * start's local time of day, except in the spring gap (see the file
 * comment). */
enum cp_err recur_next(const struct recur_rule *rule, struct recur_local start, int64_t from_ms,
		       size_t max, struct recur_occ *out, size_t *n, char *msg, size_t msgn);

/* A summary of the rule in words into out (n bytes; RECUR_SUMMARY_MAX is
 * enough): "Every week on Monday and Thursday", "Every 2 days, 10 times",
 * "Every month on the last day", "Every year on 29 February, until 31
 * December 2030".  The time of day is not included (it is the start's).
 * True when in words; false when the rule is not one of the common shapes
 * (or the words would not fit) and out holds the rule's text instead, or ""
 * when rule did not come from recur_parse. */
bool recur_summary(const struct recur_rule *rule, char *out, size_t n);

/* The RRULE value for an iCalendar file whose DTSTART is
 * "DTSTART;TZID=Europe/London:<start>" (RFC 5545 3.3.10): rule->text, with
 * an UNTIL that is a date or a local date-time rewritten as the UTC
 * date-time of its end ("UNTIL=20261231" becomes "UNTIL=20261231T235959Z").
 * Not escaped: the value has only letters, digits and = ; , + -.  CP_OK and
 * out set (n bytes; RECUR_ICAL_MAX is enough), or CP_EINVAL when rule did
 * not come from recur_parse, or CP_ETOOBIG when n is too small; out is ""
 * on error (when n > 0). */
enum cp_err recur_ical(const struct recur_rule *rule, char *out, size_t n);

/* Where UTC offsets come from, for the startup log: "libical builtin
 * Europe/London (system tzdata)" or "UK rule since 1996 (recur.c)".  Never
 * NULL; static storage.  The first call may read the zone file. */
const char *recur_zone_source(void);

#endif
