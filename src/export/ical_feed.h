/*
 * ical_feed.h - the calendar feeds' files (ical.h): a person's timetable of
 * care and review dates, and a key worker's reviews and check-ins due.
 *
 * Events and their UIDs (stable, so a calendar client that fetches again
 * updates an event rather than adding a second one):
 *   visit-<item id>@...           a visit of the timetable of care, with its
 *                                 recurrence as an RRULE, in Europe/London;
 *   plan-review-<plan id>@...     the plan's next review (a whole day);
 *   kw-review-<episode id>@...    a review due on a key worker's worklist;
 *   kw-checkin-<episode id>@...   a check-in due on a key worker's worklist.
 * A series' DTSTART is its first occurrence (RFC 5545 leaves a start that
 * its rule does not give undefined), so every reader expands it to the
 * dates the timetable page lists.
 *
 * What is in the file is what the reader may see: the plan's visits and
 * review date only when v->mask has SHARE_GOALS (the page "timetable" is
 * that section's), nothing when there is no plan.
 *
 * Ownership: strings in the caller's arena; the file goes into the
 * caller's buf, whose sticky error says whether it fitted.
 */
#ifndef CP_ICAL_FEED_H
#define CP_ICAL_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "../domain/myplan.h"
#include "../domain/worklist.h"
#include "../util/buf.h"

/* The calendar of v's timetable and next review; self: the reader is the
 * person (the words say "my"), else a carer ("<name>'s"). */
void ical_feed_plan(struct buf *b, struct arena *a, const struct my_view *v, bool self, int64_t now_ms);

/* The calendar of a key worker's reviews due or overdue and check-ins due
 * on worklist w. */
void ical_feed_worklist(struct buf *b, struct arena *a, const struct worklist *w, int64_t now_ms);

#endif
