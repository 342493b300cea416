/*
 * demo_review.c - the demo's activity logs, reviews and exits (demo.h).
 *
 * Margaret Hughes (person_ids[0]) gets an activity log linked to her plan's
 * actions and one past review with progress on each goal (GAS levels for the
 * goals that use it).  Other episodes: a past review for some of those at
 * active, a check-in plan for each in maintenance (some check-ins due or
 * overdue, so the worklists have something to show), the route back for
 * each discharged one.  Plans are read through the store: when there is none
 * (this area's branch alone) activity is logged as "not in the plan" and
 * reviews have no goal progress.  Every row is audited as d->who.
 */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "activity.h"
#include "caldate.h"
#include "episode.h"
#include "review.h"

/* today + delta as YYYY-MM-DD into out. */
static void day_of(const struct demo_ctx *d, int delta, char out[CALDATE_STR])
{
	struct caldate t = review_today(d->now_ms), r;
	if (caldate_add_days(t, delta, &r) != CP_OK)
		r = t;
	caldate_format(r, out, CALDATE_STR);
}

static enum cp_err audit(const struct demo_ctx *d, const char *action, const char *type, int64_t id,
			 int64_t person_id, const char *reason)
{
	(void)reason; /* demo rows all say so, as the other demo records do */
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .person_id = person_id,
				 .reason = "demo data"};
	return audit_record(d->c, d->who, &ev, d->now_ms);
}

static enum cp_err activity(const struct demo_ctx *d, const struct store_episode *e, int64_t action_id, int ago,
			    enum activity_kind kind, const char *who, int minutes, const char *note)
{
	char day[CALDATE_STR];
	day_of(d, -ago, day);
	struct store_activity v = {.episode_id = e->id, .action_id = action_id, .activity_date = day,
				   .kind = activity_kind_code(kind), .who = who, .minutes = minutes, .note = note,
				   .user_id = d->user_ids[2], .created_ms = d->now_ms};
	int64_t id;
	enum cp_err err = store_activity_insert(d->c, &v, &id);
	return err ? err : audit(d, "activity.create", "activity", id, e->person_id, v.kind);
}

/* A past review with decision "continue", its goal progress (levels cycling
 * from the baseline upwards) and attendance. */
static enum cp_err past_review(const struct demo_ctx *d, struct arena *a, const struct store_episode *e, int ago,
			       const char *view, const char *changed, int lift)
{
	char held[CALDATE_STR], next[CALDATE_STR];
	day_of(d, -ago, held);
	struct store_rv_plan plan;
	enum cp_err err = store_rv_plan_of(d->c, a, e->id, &plan);
	bool has_plan = err == CP_OK;
	if (err && err != CP_ENOTFOUND)
		return err;
	if (review_next_date(held, has_plan && plan.review_interval_days ? plan.review_interval_days : 90, next))
		snprintf(next, sizeof next, "%s", held);
	struct store_review r = {.episode_id = e->id, .held_date = held, .person_attended = true,
				 .carer_attended = ago % 2 == 0, .person_view = view, .what_changed = changed,
				 .decision = episode_decision_code(DECISION_CONTINUE), .level_from = e->level,
				 .level_to = e->level, .reason = "Going well; carry on with the plan as agreed",
				 .next_review_date = next, .user_id = d->user_ids[2], .created_ms = d->now_ms};
	int64_t id;
	if ((err = store_review_insert(d->c, &r, &id)))
		return err;
	struct store_review_attendee t = {.review_id = id, .user_id = d->user_ids[2], .name = "Sam Okafor"};
	if ((err = store_review_attendee_insert(d->c, &t)))
		return err;
	if (has_plan) {
		struct store_rv_goal *g;
		size_t n = 0;
		if ((err = store_rv_goal_list(d->c, a, plan.id, REVIEW_GOALS_MAX, &g, &n)))
			return err;
		static const char *const notes[] = {
			"Walking to the corner shop twice a week now, with a stick",
			"Has missed two of the last ten days; a pill organiser is helping",
			"Joined the Tuesday lunch club and enjoys it",
			"Some progress, slower than hoped",
		};
		for (size_t i = 0; i < n; i++) {
			int lv = g[i].has_gas ? g[i].gas_baseline + lift + (int)(i % 2) : 0;
			if (lv > 2)
				lv = 2;
			struct store_review_goal p = {.review_id = id, .goal_id = g[i].id, .title = g[i].title,
						      .note = notes[i % (sizeof notes / sizeof notes[0])],
						      .has_gas = g[i].has_gas, .gas_baseline = g[i].gas_baseline,
						      .has_level = g[i].has_gas, .gas_level = lv};
			if ((err = store_review_goal_insert(d->c, &p)))
				return err;
		}
	}
	return audit(d, "review.create", "review", id, e->person_id, r.decision);
}

static enum cp_err margaret(const struct demo_ctx *d, struct arena *a, const struct store_episode *e)
{
	struct store_rv_plan plan;
	struct store_rv_action *x = NULL;
	size_t n = 0;
	enum cp_err err = store_rv_plan_of(d->c, a, e->id, &plan);
	if (err == CP_OK)
		err = store_rv_action_list(d->c, a, plan.id, ACTIVITY_ACTIONS_MAX, &x, &n);
	else if (err == CP_ENOTFOUND)
		err = CP_OK;
	if (err)
		return err;
	static const struct {
		int ago;
		enum activity_kind kind;
		const char *who;
		int minutes;
		const char *note;
	} log[] = {
		{40, ACTIVITY_HOME_VISIT, "Sam Okafor", 60, "Went through the plan together at home"},
		{33, ACTIVITY_PHONE_CALL, "Sam Okafor", 15, "Checked how the new walking routine is going"},
		{26, ACTIVITY_CLINIC, "Nurse Reid", 20, "Blood pressure and weight checked"},
		{19, ACTIVITY_SERVICE, "Falls prevention class", 45, "First class of six"},
		{12, ACTIVITY_MESSAGE, "Pharmacist Kim", 0, "Letter about the new pill organiser"},
	};
	for (size_t i = 0; i < sizeof log / sizeof log[0]; i++)
		if ((err = activity(d, e, n ? x[i % n].id : 0, log[i].ago, log[i].kind, log[i].who, log[i].minutes,
				    log[i].note)))
			return err;
	/* One contact outside the plan, so the page has something to flag. */
	if ((err = activity(d, e, 0, 8, ACTIVITY_PHONE_CALL, "Sam Okafor", 10,
			    "David rang about a fall at the weekend; no injury")))
		return err;
	return past_review(d, a, e, 35, "I feel steadier on my feet and I like getting out again.",
			   "Fewer falls; David now has help on Wednesdays", 1);
}

enum cp_err demo_review(const struct demo_ctx *d)
{
	struct arena *a = arena_new(4u << 20);
	if (!a)
		return CP_ENOMEM;
	enum cp_err err = CP_OK;
	int maint = 0, active = 0;
	for (int i = 0; i < DEMO_PEOPLE && !err; i++) {
		struct store_episode *eps;
		size_t n = 0;
		if ((err = store_episode_list(d->c, a, d->person_ids[i], 1, &eps, &n)) || !n)
			continue;
		const struct store_episode *e = &eps[0];
		enum episode_stage st = episode_stage_from_code(e->stage);
		if (i == 0) {
			err = margaret(d, a, e);
		} else if (st == STAGE_ACTIVE && active++ % 2 == 0) {
			err = past_review(d, a, e, 20 + 7 * (i % 5), "Things are better than they were.",
					  "Managing the condition more confidently", 0);
		} else if (st == STAGE_MAINTENANCE) {
			/* Check-ins every four weeks; the first two are due or overdue. */
			static const int next_in[] = {-3, 5, 40, 21};
			char last[CALDATE_STR], next[CALDATE_STR];
			int k = maint++ % 4;
			day_of(d, next_in[k] - 28, last);
			day_of(d, next_in[k], next);
			struct store_checkin c = {.episode_id = e->id, .checkin_date = last,
						  .note = "All well; no new concerns", .next_checkin_date = next,
						  .user_id = d->user_ids[2], .created_ms = d->now_ms};
			struct store_maintenance m = {.episode_id = e->id, .interval_days = 28,
						      .next_checkin_date = next, .updated_ms = d->now_ms};
			int64_t id;
			if (!(err = store_maintenance_put(d->c, &m)) && !(err = store_checkin_insert(d->c, &c, &id)))
				err = audit(d, "checkin.create", "checkin", id, e->person_id, NULL);
		} else if (st == STAGE_DISCHARGED) {
			struct store_exit x = {.episode_id = e->id, .sos_who = "Sam Okafor, key worker",
					       .sos_phone = "0113 496 0000",
					       .sos_how = "Ring on weekdays between 9am and 5pm, or ask the GP practice "
							  "to refer back; no new assessment is needed within a year",
					       .user_id = d->user_ids[2], .recorded_ms = d->now_ms};
			if (!(err = store_exit_put(d->c, &x)))
				err = audit(d, "episode.exit", "episode", e->id, e->person_id, "route back");
		}
	}
	arena_free(a);
	return err;
}
