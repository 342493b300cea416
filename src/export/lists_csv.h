/*
 * lists_csv.h - the worklists and a plan's actions as CSV files (csv.h),
 * for spreadsheets.  The files hold what the pages show, row for row: every
 * row of every section (not only the first WORKLIST_SHOW a page lists), and
 * only the plan sections the record in hand still holds (the caller has
 * applied plan_restrict).  Column headings are in the first row.
 *
 * Ownership: strings come from the caller's arena; the file goes into the
 * caller's buf, whose sticky error says whether it fitted.
 */
#ifndef CP_LISTS_CSV_H
#define CP_LISTS_CSV_H

#include "../domain/plan_service.h"
#include "../domain/worklist.h"
#include "../util/arena.h"
#include "../util/buf.h"

/* The worklist w (every section, or only section `only`; WL__MAX: all):
 * Section, Person, Person ID, Episode ID, Stage, Level, Key worker, Date,
 * When.  The Date of "not agreed" and "no key worker" is the day the
 * episode started. */
void csv_worklist(struct buf *b, struct arena *a, const struct worklist *w, enum worklist_section only);

/* The actions of rec (none when the section is withheld): Goal, What will
 * be done, Who does it, By when, How often, Status, Confidence (0 to 10). */
void csv_actions(struct buf *b, struct arena *a, const struct plan_record *rec);

#endif
