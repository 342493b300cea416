/*
 * fuzz_review.c - libFuzzer target for the forms of implementation, reviews
 * and exit (review_validate, checkin_validate, activity_validate,
 * action_status_validate, exit_validate in src/domain).
 *
 * The input is split at NUL bytes into field values (a missing piece is an
 * absent field): the review form's eleven fields, two goals' note and GAS
 * level, one member, the five exit fields, then the check-in form's three,
 * the activity form's six and the action status form's two.  Beyond
 * ASan/UBSan: a refusal lists at least one error naming a field with a
 * message; an accepted review has a known decision and, when it carries on
 * with the cycle, a next review date after the review; GAS levels stay in
 * -2..2; an accepted discharge or maintenance carries its exit details.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/activity.h"
#include "domain/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW_MS 1795366800000LL /* 2026-11-22T17:00Z */
#define PIECES 36

static void check_errors(const struct person_errors *errs)
{
	if (errs->n == 0 || errs->n > PERSON_ERRORS_MAX)
		abort();
	for (size_t i = 0; i < errs->n; i++)
		if (!errs->e[i].field || !*errs->e[i].field || !errs->e[i].message || !*errs->e[i].message)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	struct arena *a = arena_new(1024 * 1024);
	if (!a)
		return 0;
	char *copy = arena_alloc(a, size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	const char *p[PIECES] = {0};
	size_t n = 0;
	for (char *s = copy; n < PIECES && s <= copy + size; n++) {
		p[n] = s;
		s += strlen(s) + 1;
	}
	struct store_episode ep = {.id = 1, .stage = "review", .level = 2, .version = 1};
	struct store_rv_plan plan = {.id = 1, .status = "agreed", .review_interval_days = 28};
	struct store_rv_goal goals[2] = {{.id = 1, .title = "Walk", .status = "active", .has_gas = true, .gas_baseline = -1},
					 {.id = 2, .title = "Sleep", .status = "active"}};
	struct store_team_member team[1] = {{.id = 5, .user_id = 3, .role = "Key worker", .from_date = "2026-01-01",
					     .user_name = "Sam Okafor"}};
	struct review_input in = {.held_date = p[0], .person_attended = p[1], .carer_attended = p[2], .others = p[3],
				  .person_view = p[4], .what_changed = p[5], .decision = p[6], .level = p[7],
				  .closure = p[8], .reason = p[9], .next_review = p[10],
				  .goal_note = {p[11], p[13]}, .goal_gas = {p[12], p[14]},
				  .members = {p[15]}, .n_members = p[15] ? 1 : 0,
				  .exit = {p[16], p[17], p[18], p[19], p[20]}};
	struct review_context ctx = {.ep = &ep, .plan = &plan, .goals = goals, .n_goals = 2, .team = team, .n_team = 1};
	struct review_valid *v = arena_zalloc(a, sizeof *v);
	struct person_errors errs;
	enum cp_err err = review_validate(a, &in, &ctx, NOW_MS, v, &errs);
	if (err == CP_EINVAL)
		check_errors(&errs);
	if (err == CP_OK) {
		enum episode_stage to = episode_decision_stage(v->decision);
		if (to == STAGE__MAX || !v->r.reason || !v->r.held_date)
			abort();
		if (to == STAGE_ACTIVE && (!v->r.next_review_date || strcmp(v->r.next_review_date, v->r.held_date) <= 0))
			abort();
		if (!exit_complete(to, &v->exit))
			abort();
		for (size_t i = 0; i < v->n_goals; i++)
			if (v->goals[i].has_level && (v->goals[i].gas_level < -2 || v->goals[i].gas_level > 2))
				abort();
	}

	struct checkin_input ci = {p[21], p[22], p[23]};
	struct store_checkin k;
	err = checkin_validate(a, &ci, 14, NOW_MS, &k, &errs);
	if (err == CP_EINVAL)
		check_errors(&errs);
	else if (err == CP_OK && (!k.checkin_date || !k.next_checkin_date ||
				  strcmp(k.next_checkin_date, k.checkin_date) <= 0))
		abort();

	struct store_rv_action acts[1] = {{.id = 9, .what = "Falls class", .who_kind = "service", .status = "not_started"}};
	struct activity_input ai = {p[24], p[25], p[26], p[27], p[28], p[29]};
	struct store_activity av;
	err = activity_validate(a, &ai, NOW_MS, acts, 1, &av, &errs);
	if (err == CP_EINVAL)
		check_errors(&errs);
	else if (err == CP_OK && (!av.who || !av.kind || av.minutes < 0 || av.minutes > 1440 ||
				  (av.action_id != 0 && av.action_id != 9)))
		abort();

	struct action_status_input si = {p[30], p[31]};
	enum episode_action_status st;
	int conf;
	err = action_status_validate(&si, &st, &conf, &errs);
	if (err == CP_EINVAL)
		check_errors(&errs);
	else if (err == CP_OK && (st >= ACTION_STATUS__MAX || conf < -1 || conf > 10))
		abort();
	arena_free(a);
	return 0;
}
