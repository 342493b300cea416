/* lists_csv.c - worklists and actions as CSV (lists_csv.h). */
#include "lists_csv.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../domain/episode.h"
#include "csv.h"

/* "In 3 days", "Today", "2 days overdue", "Open for 5 days": as the page. */
static const char *when_text(struct arena *a, enum worklist_section s, const struct worklist_item *it)
{
	if (s == WL_NOT_AGREED || s == WL_NO_KEY)
		return arena_printf(a, "Open for %d %s", -it->days, it->days == -1 ? "day" : "days");
	if (!it->date)
		return "No date set";
	if (it->days == 0)
		return "Today";
	if (it->days > 0)
		return arena_printf(a, "In %d %s", it->days, it->days == 1 ? "day" : "days");
	return arena_printf(a, "%d %s overdue", -it->days, it->days == -1 ? "day" : "days");
}

static const char *utc_day(struct arena *a, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void csv_worklist(struct buf *b, struct arena *a, const struct worklist *w, enum worklist_section only)
{
	struct csv_row row = {0};
	static const char *const head[] = {"Section", "Person",     "Person ID", "Episode ID", "Stage",
					   "Level",   "Key worker", "Date",      "When"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_cell(b, &row, head[i]);
	csv_end_row(b, &row);
	for (int s = 0; s < WL__MAX; s++) {
		if (only != WL__MAX && s != (int)only)
			continue;
		for (size_t i = 0; i < w->n[s]; i++) {
			const struct worklist_item *it = &w->items[s][i];
			const struct store_worklist_row *r = it->row;
			csv_cell(b, &row, worklist_section_label((enum worklist_section)s));
			csv_cell(b, &row, arena_printf(a, "%s %s", r->given_name ? r->given_name : "",
						       r->family_name ? r->family_name : ""));
			csv_cell_i64(b, &row, r->person_id);
			csv_cell_i64(b, &row, r->episode_id);
			csv_cell(b, &row, r->stage ? episode_stage_label(episode_stage_from_code(r->stage)) : "");
			csv_cell_i64(b, &row, r->level);
			csv_cell(b, &row, r->key_worker_name ? r->key_worker_name : "None");
			if (s == WL_NOT_AGREED || s == WL_NO_KEY)
				csv_cell(b, &row, utc_day(a, r->started_ms));
			else
				csv_cell(b, &row, it->date);
			csv_cell(b, &row, when_text(a, (enum worklist_section)s, it));
			csv_end_row(b, &row);
		}
	}
}

/* Who does action it: the carer's, member's or service's name, else the
 * kind in words ("The person"). */
static const char *who_text(struct arena *a, const struct plan_item *it, const struct plan_refs *refs)
{
	const char *kind = it->v[PLF_ACTION_WHO];
	if (!kind)
		return NULL;
	const char *name = NULL;
	if (strcmp(kind, "carer") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_CARER, refs);
	else if (strcmp(kind, "member") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_USER, refs);
	else if (strcmp(kind, "service") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_NAME, refs);
	return name ? name : plan_display(a, it, PLF_ACTION_WHO, refs);
}

void csv_actions(struct buf *b, struct arena *a, const struct plan_record *rec)
{
	struct csv_row row = {0};
	static const char *const head[] = {"Goal",     "What will be done", "Who does it", "By when",
					   "How often", "Status",           "Confidence (0 to 10)"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_cell(b, &row, head[i]);
	csv_end_row(b, &row);
	if (!plan_shown(rec, PLS_ACTION))
		return;
	static const enum plan_field cols[] = {PLF_ACTION_GOAL, PLF_ACTION_WHAT,   PLF_ACTION_WHO,
					       PLF_ACTION_DUE,  PLF_ACTION_RRULE,  PLF_ACTION_STATUS,
					       PLF_ACTION_CONFIDENCE};
	for (size_t i = 0; i < rec->n_items; i++) {
		const struct plan_item *it = &rec->items[i];
		if (it->section != PLS_ACTION)
			continue;
		for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
			if (cols[k] == PLF_ACTION_WHO)
				csv_cell(b, &row, who_text(a, it, &rec->refs));
			else
				csv_cell(b, &row, it->v[cols[k]] ? plan_display(a, it, cols[k], &rec->refs) : NULL);
		}
		csv_end_row(b, &row);
	}
}
