/*
 * demo_events.c - the demo's activity events (demo.h): emergency admissions
 * and A&E attendances for the demo people, so the dashboard's before-and-
 * after figure and its charts have something believable to show.
 *
 * People whose plan is agreed had more hospital use in the year before the
 * agreement than after it (not everyone is out of hospital after: every third
 * person has an A&E visit); people without an agreed plan have events spread
 * over the last two years.  The dates follow from each person's place in
 * the demo and the plan's agreement date, so every run makes the same
 * events relative to now.  One audit row records the import of them all,
 * as a real import would.
 */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "caldate.h"
#include "outcomes.h"
#include "worklist.h"

/* Adds the event days_from `from` (negative: earlier), unless after today. */
static enum cp_err add(const struct demo_ctx *d, const char *nhs, enum outcomes_event_kind k, struct caldate from,
		       int days, struct caldate today, const char *ref, int *added)
{
	struct caldate on;
	if (caldate_add_days(from, days, &on) != CP_OK || caldate_cmp(on, today) > 0)
		return CP_OK;
	char date[CALDATE_STR];
	caldate_format(on, date, sizeof date);
	struct store_activity_event ev = {.nhs_number = nhs, .kind = outcomes_event_code(k), .event_date = date,
					  .source_ref = ref, .batch = "demo data", .imported_ms = d->now_ms};
	int one = 0;
	enum cp_err err = store_activity_event_add(d->c, &ev, &one);
	*added += one;
	return err;
}

enum cp_err demo_events(const struct demo_ctx *d)
{
	struct arena *a = arena_new(1u << 20);
	if (!a)
		return CP_ENOMEM;
	struct caldate today = worklist_today(d->now_ms);
	enum cp_err err = CP_OK;
	int added = 0;
	for (int i = 0; i < DEMO_PEOPLE && !err; i++) {
		struct store_person p;
		if ((err = store_person_get(d->c, a, d->person_ids[i], &p)))
			break;
		struct store_episode *eps = NULL;
		size_t n = 0;
		struct store_care_plan plan = {0};
		bool agreed = false;
		if ((err = store_episode_list(d->c, a, d->person_ids[i], 1, &eps, &n)))
			break;
		if (n && store_plan_by_episode(d->c, a, eps[0].id, &plan) == CP_OK && plan.agreed_date &&
		    strcmp(plan.status, "agreed") == 0)
			agreed = true;
		struct caldate at = today;
		if (agreed && caldate_parse(plan.agreed_date, NULL, &at, NULL, 0) != CP_OK)
			agreed = false;
		char ref[32];
		if (agreed) {
			/* Before: two to four admissions and A&E visits in the year before. */
			int before = 2 + i % 3;
			for (int k = 0; k < before && !err; k++) {
				snprintf(ref, sizeof ref, "DEMO-%d-B%d", i, k);
				err = add(d, p.nhs_number, k % 2 ? OEV_AE : OEV_ADMISSION, at, -(30 + 83 * k + 7 * i % 40),
					  today, ref, &added);
			}
			/* After: fewer for most, one A&E visit for every third person. */
			int after = i % 3 == 0 ? 1 : 0;
			for (int k = 0; k < after && !err; k++) {
				snprintf(ref, sizeof ref, "DEMO-%d-A%d", i, k);
				err = add(d, p.nhs_number, OEV_AE, at, 9 + 21 * k + i % 11, today, ref, &added);
			}
		} else if (i % 3 != 2) {
			/* No agreed plan: a few events spread over two years. */
			for (int k = 0; k < 1 + i % 3 && !err; k++) {
				snprintf(ref, sizeof ref, "DEMO-%d-N%d", i, k);
				err = add(d, p.nhs_number, k % 2 ? OEV_ADMISSION : OEV_AE, today, -(20 + 97 * k + 13 * i), today,
					  ref, &added);
			}
		}
	}
	if (!err) {
		struct audit_event ev = {.action = "events.import", .object_type = "activity_event", .object_id = added,
					 .reason = "demo data"};
		err = audit_record(d->c, d->who, &ev, d->now_ms);
	}
	arena_free(a);
	return err;
}
