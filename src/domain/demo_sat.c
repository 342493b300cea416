/*
 * demo_sat.c - the demo team's two self-assessments (demo.h).
 *
 * The manager (user_ids[1]) recorded one about six months ago (id 1) and
 * one a fortnight ago (id 2), so the list, the view and the comparison
 * have something to show: progress on some items, an item that slipped,
 * and actions agreed, some done.  The older one's evidence is written as
 * the team's records stood then (smaller figures: fewer key workers, fewer
 * plans agreed); the newer one's is worked out from the demo's records.
 * Each self-assessment and each action is audited as d->who.
 */
#include "demo.h"

#include <string.h>

#include "caldate.h"
#include "review.h"
#include "toolkit.h"

static enum cp_err audit(const struct demo_ctx *d, const char *action, const char *type, int64_t id)
{
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .reason = "demo data"};
	return audit_record(d->c, d->who, &ev, d->now_ms);
}

static void day_iso(const struct demo_ctx *d, int ago, char out[CALDATE_STR])
{
	struct caldate day, today = review_today(d->now_ms);
	if (caldate_add_days(today, -ago, &day) != CP_OK)
		day = today;
	caldate_format(day, out, CALDATE_STR);
}

/* Answers: item, earlier answer, later answer (NULL: not answered), a comment for the later one. */
static const struct {
	const char *item, *then, *now, *comment;
} answers[] = {
	{"E1", "no", "partly", "We now find some people ourselves from the practice lists, but most still come by referral."},
	{"E2", "yes", "yes", NULL},
	{"E3", "partly", "yes", "Sharing is agreed section by section with each person."},
	{"A1", "partly", "yes", NULL},
	{"A2", "partly", "partly", "Outcomes are agreed for most, but not always written down at the start."},
	{"A3", "no", "partly", "Carers' own needs are asked about more often."},
	{"A4", "partly", "yes", NULL},
	{"A5", "partly", "partly", "Housing and finances are often missed."},
	{"P1", "partly", "yes", NULL},
	{"P2", "partly", "yes", NULL},
	{"P4", "no", "partly", "Half the team has done the care planning course."},
	{"P6", "partly", "yes", NULL},
	{"P9", "no", "partly", "More people can now see their plan online."},
	{"I1", "partly", "partly", NULL},
	{"I2", "no", "partly", NULL},
	{"R1", "partly", "yes", NULL},
	{"R2", "yes", "partly", "Some reviews slipped over the winter."},
	{"X1", "partly", "yes", NULL},
	{"X2", "no", "no", "Few people have an end of life plan yet: training is booked."},
	{"O1", "no", "yes", NULL},
	{"O6", NULL, "partly", NULL},
};

/* The earlier assessment's evidence as the records stood then, for the
 * items that have a figure: item, numerator, denominator. */
static const struct {
	const char *item;
	int64_t num, den;
} then_ev[] = {
	{"E1", 0, 4}, {"E2", 20, 30}, {"E3", 0, 3}, {"A1", 12, 20}, {"A2", 8, 20}, {"A3", 0, 4},
	{"A4", 5, 20}, {"A5", 0, 20}, {"P2", 4, 10}, {"P6", 6, 14}, {"P9", 0, 30}, {"I1", 10, 20},
	{"I2", 3, 10}, {"R1", 8, 10}, {"R2", 6, 8}, {"X1", 0, 0}, {"O1", 0, 0},
};

static enum cp_err record(const struct demo_ctx *d, struct arena *a, int64_t team, int64_t manager, int ago,
			  const char *title, const char *notes, bool later, int64_t *id)
{
	char on[CALDATE_STR];
	day_iso(d, ago, on);
	struct store_sat s = {.team_id = team, .title = title, .notes = notes, .assessed_on = on,
			      .created_by = manager, .created_ms = d->now_ms};
	enum cp_err err = store_sat_insert(d->c, &s, id);
	if (!err)
		err = audit(d, "selfassess.create", "self_assessment", *id);
	for (size_t i = 0; i < sizeof answers / sizeof answers[0] && !err; i++) {
		const char *ans = later ? answers[i].now : answers[i].then;
		if (!ans)
			continue;
		enum tk_item item = toolkit_item_from_code(answers[i].item);
		struct store_sat_answer an = {.item = answers[i].item, .answer = ans,
					      .comment = later ? answers[i].comment : NULL, .ev_extra = -1};
		struct tk_figure fg = {0};
		if (later) {
			if ((err = toolkit_figure(d->c, a, toolkit_item_figure(item), team, on, &fg)))
				break;
		} else {
			for (size_t k = 0; k < sizeof then_ev / sizeof then_ev[0]; k++)
				if (strcmp(then_ev[k].item, answers[i].item) == 0)
					fg = (struct tk_figure){.has = true, .num = then_ev[k].num,
								.den = then_ev[k].den, .extra = -1};
		}
		an.has_ev = fg.has;
		an.ev_num = fg.num;
		an.ev_den = fg.den;
		an.ev_extra = fg.extra;
		an.ev_asof = fg.has ? on : NULL;
		err = store_sat_answer_set(d->c, *id, &an, manager, d->now_ms);
	}
	return err;
}

enum cp_err demo_sat(const struct demo_ctx *d)
{
	struct arena *a = arena_new(1u << 20);
	if (!a)
		return CP_ENOMEM;
	struct store_user mgr;
	int64_t manager = d->user_ids[1], first = 0, second = 0;
	enum cp_err err = store_user_by_id(d->c, a, manager, &mgr);
	if (!err)
		err = record(d, a, mgr.team_id, manager, 182, "Self-assessment, spring",
			     "The whole team took part at the away day.", false, &first);
	if (!err)
		err = record(d, a, mgr.team_id, manager, 14, "Self-assessment, autumn",
			     "Six months on: the manager, two key workers and the social worker.", true, &second);
	char due[CALDATE_STR], done[CALDATE_STR], later_due[CALDATE_STR];
	day_iso(d, 90, due);
	day_iso(d, 100, done);
	day_iso(d, -60, later_due);
	const struct {
		int64_t sat;
		const char *item, *what, *owner_name, *due, *done;
		bool by_manager;
	} actions[] = {
		{first, "A1", "Name a key worker for everyone on the caseload at the weekly meeting.", NULL, due, done, true},
		{first, "E1", "Agree with the practices how to find people with several conditions.", "Dr Helen Carter", due,
		 NULL, false},
		{first, "P9", "Invite people to see their own plan online.", NULL, due, done, true},
		{second, "A5", "Add housing and money questions to the first visit.", "Sam Okafor", later_due, NULL, false},
		{second, "X2", "Book end of life care planning training for the team.", NULL, later_due, NULL, true},
		{second, "R2", "Check the overdue reviews list every Monday.", "Sam Okafor", later_due, NULL, false},
	};
	for (size_t i = 0; i < sizeof actions / sizeof actions[0] && !err; i++) {
		struct store_sat_action x = {.assessment_id = actions[i].sat,
					     .item = actions[i].item,
					     .what = actions[i].what,
					     .owner_user_id = actions[i].by_manager ? manager : 0,
					     .owner_name = actions[i].by_manager ? NULL : actions[i].owner_name,
					     .due_date = actions[i].due,
					     .done_date = actions[i].done,
					     .created_ms = d->now_ms};
		int64_t id = 0;
		if (!(err = store_sat_action_insert(d->c, &x, manager, &id)))
			err = audit(d, "selfassess.action", "self_assessment_action", id);
	}
	arena_free(a);
	return err;
}
