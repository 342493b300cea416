/* ical_feed.c - the calendar feeds' files (ical_feed.h). */
#include "ical_feed.h"

#include <stdio.h>
#include <string.h>

#include "../domain/caldate.h"
#include "../domain/recur.h"
#include "../domain/share.h"
#include "ical.h"

#define FROM_1900_MS (-2208988800000LL) /* 1900-01-01T00:00:00Z: before any start */

/* "YYYYMMDD" of a YYYY-MM-DD date into out (9 bytes); false when not a date. */
static bool ical_day(const char *iso, char out[9], char next[9])
{
	struct caldate d, e;
	char msg[160];
	if (!iso || caldate_parse(iso, NULL, &d, msg, sizeof msg) || caldate_add_days(d, 1, &e))
		return false;
	snprintf(out, 9, "%04u%02u%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u, (unsigned)d.d % 100u);
	snprintf(next, 9, "%04u%02u%02u", (unsigned)e.y % 10000u, (unsigned)e.m % 100u, (unsigned)e.d % 100u);
	return true;
}

/* A whole-day event on iso (YYYY-MM-DD); nothing when it is not a date. */
static void day_event(struct buf *b, const char *stamp, const char *kind, int64_t id, const char *iso,
		      const char *summary, const char *description)
{
	char day[9], next[9], uid[96];
	if (!ical_day(iso, day, next))
		return;
	ical_uid(uid, sizeof uid, kind, id);
	ical_line(b, "BEGIN", "VEVENT");
	ical_line(b, "UID", uid);
	ical_line(b, "DTSTAMP", stamp);
	ical_line(b, "DTSTART;VALUE=DATE", day);
	ical_line(b, "DTEND;VALUE=DATE", next);
	ical_text(b, "SUMMARY", summary);
	if (description)
		ical_text(b, "DESCRIPTION", description);
	ical_line(b, "TRANSP", "TRANSPARENT");
	ical_line(b, "END", "VEVENT");
}

/* A visit of the timetable as a recurring event; nothing when its rule,
 * start or time is missing or not valid (the page says "None to come"). */
static void visit_event(struct buf *b, struct arena *a, const char *stamp, const struct plan_item *it)
{
	const char *rrule = it->v[PLF_VISIT_RRULE], *start = it->v[PLF_VISIT_START], *t = it->v[PLF_VISIT_TIME];
	struct recur_rule rule;
	struct recur_local from;
	char msg[RECUR_MSG_MAX], rr[RECUR_ICAL_MAX];
	if (!rrule || !start || !t || strlen(t) != 5 || recur_parse(rrule, &rule, msg, sizeof msg) ||
	    caldate_parse(start, NULL, &from.date, msg, sizeof msg) || recur_ical(&rule, rr, sizeof rr))
		return;
	from.hour = (t[0] - '0') * 10 + (t[1] - '0');
	from.minute = (t[3] - '0') * 10 + (t[4] - '0');
	struct recur_occ first;
	size_t n = 0;
	if (recur_next(&rule, from, FROM_1900_MS, 1, &first, &n, msg, sizeof msg) || n != 1)
		return;
	char dt[32], uid[96];
	snprintf(dt, sizeof dt, "%04u%02u%02uT%02u%02u00", (unsigned)first.local.date.y % 10000u,
		 (unsigned)first.local.date.m % 100u, (unsigned)first.local.date.d % 100u,
		 (unsigned)first.local.hour % 100u, (unsigned)first.local.minute % 100u);
	ical_uid(uid, sizeof uid, "visit", it->id);
	ical_line(b, "BEGIN", "VEVENT");
	ical_line(b, "UID", uid);
	ical_line(b, "DTSTAMP", stamp);
	ical_line(b, "DTSTART;TZID=" RECUR_ZONE, dt);
	if (it->v[PLF_VISIT_MINUTES]) {
		const char *dur = arena_printf(a, "PT%sM", it->v[PLF_VISIT_MINUTES]);
		if (dur)
			ical_line(b, "DURATION", dur);
	}
	ical_line(b, "RRULE", rr);
	/* The dates the visit is off, at its time of day (RFC 5545 3.8.5.1:
	 * EXDATE takes the same form as DTSTART). */
	for (const char *e = it->v[PLF_VISIT_EXCEPT]; e && *e;) {
		while (*e == ',' || *e == ' ')
			e++;
		if (strlen(e) < 10)
			break;
		char ex[32];
		snprintf(ex, sizeof ex, "%.4s%.2s%.2sT%.2s%.2s00", e, e + 5, e + 8, t, t + 3);
		ical_line(b, "EXDATE;TZID=" RECUR_ZONE, ex);
		e += 10;
	}
	ical_text(b, "SUMMARY", it->v[PLF_VISIT_WHAT]);
	if (it->v[PLF_VISIT_WHO]) {
		const char *d = arena_printf(a, "Who comes: %s", it->v[PLF_VISIT_WHO]);
		ical_text(b, "DESCRIPTION", d ? d : it->v[PLF_VISIT_WHO]);
	}
	ical_line(b, "END", "VEVENT");
}

void ical_feed_plan(struct buf *b, struct arena *a, const struct my_view *v, bool self, int64_t now_ms)
{
	char stamp[17];
	ical_utc(stamp, now_ms);
	const char *name = v->person.given_name ? v->person.given_name : "";
	const char *cal = self ? "My care plan" : arena_printf(a, "%s's care plan", name);
	ical_begin(b, cal ? cal : "Care plan");
	if (v->plan.exists && (v->mask & SHARE_BIT(SHARE_GOALS))) {
		for (size_t i = 0; i < v->plan.n_items; i++)
			if (v->plan.items[i].section == PLS_VISIT)
				visit_event(b, a, stamp, &v->plan.items[i]);
		const char *s = self ? "Review of my care plan" : arena_printf(a, "Review of %s's care plan", name);
		day_event(b, stamp, "plan-review", v->plan.cp.id, v->plan.cp.next_review_date,
			  s ? s : "Review of the care plan", NULL);
	}
	ical_end(b);
}

void ical_feed_worklist(struct buf *b, struct arena *a, const struct worklist *w, int64_t now_ms)
{
	char stamp[17];
	ical_utc(stamp, now_ms);
	ical_begin(b, "My reviews and check-ins");
	static const struct {
		enum worklist_section s;
		const char *kind, *what;
	} parts[] = {
		{WL_DUE, "kw-review", "Review"},
		{WL_OVERDUE, "kw-review", "Review (overdue)"},
		{WL_CHECKIN, "kw-checkin", "Check-in"},
	};
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		for (size_t i = 0; i < w->n[parts[p].s]; i++) {
			const struct worklist_item *it = &w->items[parts[p].s][i];
			const struct store_worklist_row *r = it->row;
			const char *s = arena_printf(a, "%s: %s %s", parts[p].what, r->given_name ? r->given_name : "",
						     r->family_name ? r->family_name : "");
			day_event(b, stamp, parts[p].kind, r->episode_id, it->date, s ? s : parts[p].what, NULL);
		}
	}
	ical_end(b);
}
