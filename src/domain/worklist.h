/*
 * worklist.h - what needs doing across a caseload: the sections of a
 * worklist, which open episodes belong in each, and reading one (audited).
 *
 * Sections (an episode may be in more than one):
 *   due        an agreed plan's review falls in the next WORKLIST_HORIZON days
 *              (today included), the episode at active or review;
 *   overdue    that review date has passed;
 *   not_agreed an episode at planning, active or review with no agreed plan
 *              (no plan at all included);
 *   no_key     an open episode without a current key worker;
 *   checkin    an episode in maintenance whose next check-in is due within
 *              the horizon or overdue (or has no date at all).
 * "Mine" is the open episodes where the user is the current key worker;
 * "team" is every open episode of the people of the user's team.
 *
 * Sorting is by a whitelisted key only (worklist_sort_from_code).
 */
#ifndef CP_WORKLIST_H
#define CP_WORKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "caldate.h"

#define WORKLIST_HORIZON 14   /* days ahead a review or check-in counts as due */
#define WORKLIST_ROWS_MAX 2000 /* episodes read for one worklist */
#define WORKLIST_SHOW 50       /* rows a section shows on the whole worklist (then "show all") */
#define WORKLIST_WITHHELD_MAX 20000 /* people read who withhold a section from the reader */

enum worklist_section { WL_DUE, WL_OVERDUE, WL_NOT_AGREED, WL_NO_KEY, WL_CHECKIN, WL__MAX };

enum worklist_sort { WL_SORT_DATE, WL_SORT_NAME, WL_SORT__MAX };

/* Section code ("due", ...) and heading; "" for an unknown section. */
const char *worklist_section_code(enum worklist_section s);
/* WL__MAX for an unknown code or NULL. */
enum worklist_section worklist_section_from_code(const char *code);
const char *worklist_section_label(enum worklist_section s);

/* "date" or "name" (NULL or "" is date); WL_SORT__MAX for anything else. */
enum worklist_sort worklist_sort_from_code(const char *code);
const char *worklist_sort_code(enum worklist_sort s);

/* One row of a section: the episode, the date that matters there and days
 * from today to it (negative when past).  The review and check-in sections
 * use the review or check-in date (NULL when none is set, days 0); "not
 * agreed" and "no key worker" have no due date (NULL) and days is minus the
 * days since the episode started, so the longest waiting sort first. */
struct worklist_item {
	const struct store_worklist_row *row;
	const char *date;
	int days;
};

/* Which sections w belongs in on `today`: bit (1u << section) set for each.
 * For each such section with a date, date[s] and days[s] are set. */
unsigned worklist_classify(const struct store_worklist_row *w, struct caldate today, const char *date[WL__MAX],
			   int days[WL__MAX]);

struct worklist {
	struct worklist_item *items[WL__MAX]; /* in the arena */
	size_t n[WL__MAX];
	bool capped;                          /* more episodes than WORKLIST_ROWS_MAX */
};

/* Sorts rows (n) into sections, each sorted by `sort` (date: soonest or
 * most overdue first, then name; name: family then given name), into *out
 * (arena).  CP_ENOMEM. */
enum cp_err worklist_build(struct arena *a, const struct store_worklist_row *rows, size_t n, struct caldate today,
			   enum worklist_sort sort, struct worklist *out);

/* Reads the worklist of user (team: the user's team, 0 giving an empty
 * list), auditing worklist.read ("mine" or "team").  today from now_ms. */
enum cp_err worklist_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *user, bool team, enum worklist_sort sort, struct worklist *out);

/* The UTC date of now_ms. */
struct caldate worklist_today(int64_t now_ms);

#endif
