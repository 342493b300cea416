/*
 * demo_letter.c - the demo's readings and review appointment (demo.h).
 *
 * Margaret Hughes (person_ids[0]) has two readings of each kind (HbA1c,
 * blood pressure, weight), so her letter shows the previous value beside
 * the latest, and a time and place for her plan's next review when it has
 * a review date.  Every row is audited as d->who.
 */
#include "demo.h"

#include <stdio.h>

#include "caldate.h"
#include "letter.h"
#include "review.h"

static enum cp_err audit(const struct demo_ctx *d, const char *action, const char *type, int64_t id,
			 int64_t person_id)
{
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .person_id = person_id,
				 .reason = "demo data"};
	return audit_record(d->c, d->who, &ev, d->now_ms);
}

enum cp_err demo_letter(const struct demo_ctx *d)
{
	struct arena *a = arena_new(1u << 20);
	if (!a)
		return CP_ENOMEM;
	struct store_episode *eps;
	size_t n = 0;
	enum cp_err err = store_episode_list(d->c, a, d->person_ids[0], 1, &eps, &n);
	if (err || !n)
		goto done;
	const struct store_episode *e = &eps[0];
	static const struct {
		int ago;
		const char *kind;
		int64_t value, value2; /* tenths */
	} rs[] = {
		{190, "hba1c", 560, 0}, {26, "hba1c", 510, 0},   {190, "bp", 1480, 900},
		{26, "bp", 1360, 820},  {190, "weight", 682, 0}, {26, "weight", 669, 0},
	};
	struct caldate today = review_today(d->now_ms);
	for (size_t i = 0; i < sizeof rs / sizeof rs[0] && !err; i++) {
		struct caldate day;
		char iso[CALDATE_STR];
		if (caldate_add_days(today, -rs[i].ago, &day) != CP_OK)
			day = today;
		caldate_format(day, iso, sizeof iso);
		struct store_reading r = {.episode_id = e->id, .kind = rs[i].kind, .taken_date = iso,
					  .value = rs[i].value, .value2 = rs[i].value2, .user_id = d->user_ids[2],
					  .created_ms = d->now_ms};
		int64_t id = 0;
		if (!(err = store_reading_insert(d->c, &r, &id)))
			err = audit(d, "reading.add", "reading", id, e->person_id);
	}
	struct store_rv_plan plan;
	if (!err && store_rv_plan_of(d->c, a, e->id, &plan) == CP_OK && plan.next_review_date) {
		struct store_review_appt ap = {.episode_id = e->id, .review_date = plan.next_review_date,
					       .review_time = "10:30", .place = "Riverside Surgery, room 2",
					       .user_id = d->user_ids[2], .updated_ms = d->now_ms};
		if (!(err = store_review_appt_set(d->c, &ap)))
			err = audit(d, "review_appointment.set", "episode", e->id, e->person_id);
	}
done:
	arena_free(a);
	return err;
}
