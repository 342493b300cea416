/*
 * test_review.c - the forms of implementation, reviews and exit
 * (src/domain/review.c, review_exit.c, activity.c): the next review date
 * across month ends and leap years, each field's message, defaults, and
 * what a valid form becomes.  Pure validation: no database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/activity.h"
#include "domain/review.h"

/* 2026-11-22 12:00 UTC */
#define NOW 1795348800000LL

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new(1 << 20);
	return A ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static const char *msg_for(const struct person_errors *e, const char *field)
{
	const char *m = person_error_for(e, field);
	return m ? m : "(none)";
}

static void next_review(const char *held, int days, const char *want)
{
	char out[CALDATE_STR];
	assert_int_equal(review_next_date(held, days, out), CP_OK);
	assert_string_equal(out, want);
}

static void the_next_review_date_counts_days_across_month_ends_and_leap_years(void **state)
{
	(void)state;
	next_review("2024-02-01", 28, "2024-02-29"); /* leap year */
	next_review("2023-02-01", 28, "2023-03-01");
	next_review("2026-01-31", 30, "2026-03-02");
	next_review("2025-12-20", 14, "2026-01-03");
	next_review("2026-03-25", 7, "2026-04-01");  /* across the clock change: dates only */
	next_review("2026-10-20", 7, "2026-10-27");
	next_review("2000-02-28", 1, "2000-02-29");  /* 2000 is a leap year */
	next_review("1900-02-28", 1, "1900-03-01");  /* 1900 is not */
	next_review("2026-11-22", 730, "2028-11-21");
	char out[CALDATE_STR];
	assert_int_equal(review_next_date("2026-02-30", 28, out), CP_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(review_next_date("2026-01-01", 0, out), CP_EINVAL);
	assert_int_equal(review_next_date("2026-01-01", 731, out), CP_EINVAL);
	assert_int_equal(review_next_date(NULL, 28, out), CP_EINVAL);
}

/* ---- the review form ---- */

static struct store_episode ep = {.id = 7, .person_id = 3, .stage = "review", .level = 2, .version = 4};
static struct store_rv_plan plan = {.id = 9, .episode_id = 7, .status = "agreed", .review_interval_days = 28};
static struct store_rv_goal goals[2] = {
	{.id = 11, .title = "Walk to the shop", .status = "active", .has_gas = true, .gas_baseline = -1},
	{.id = 12, .title = "Sleep better", .status = "active"},
};
static struct store_team_member team[1] = {{.id = 21, .episode_id = 7, .user_id = 5, .role = "Key worker",
					     .from_date = "2026-01-01", .is_key_worker = true,
					     .user_name = "Sam Okafor"}};

static struct review_context ctx(void)
{
	return (struct review_context){.ep = &ep, .plan = &plan, .goals = goals, .n_goals = 2, .team = team,
				       .n_team = 1};
}

static void an_empty_review_form_names_each_missing_field_and_nothing_is_kept(void **state)
{
	(void)state;
	struct review_input in = {0};
	struct review_valid v;
	struct person_errors e;
	struct review_context c = ctx();
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "held_date"), "Enter the date the review was held");
	assert_string_equal(msg_for(&e, "decision"), "Select what the review decided");
	assert_string_equal(msg_for(&e, "reason"), "Enter why the review decided this");
}

static void review_fields_are_checked_one_message_each(void **state)
{
	(void)state;
	struct review_input in = {.held_date = "2999-01-01", .decision = "change_level", .level = "2",
				  .reason = "x", .next_review = "soon", .members = {"99"}, .n_members = 1};
	in.goal_gas[0] = "+3";
	struct review_valid v;
	struct person_errors e;
	struct review_context c = ctx();
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "held_date"), "Date of the review must be today or in the past");
	assert_string_equal(msg_for(&e, "level"), "The new level of care must differ from the current one");
	assert_non_null(strstr(msg_for(&e, "goal_gas_11"), "Walk to the shop"));
	assert_string_equal(msg_for(&e, "members"), "Select members of the care team from the list");
	assert_non_null(strstr(msg_for(&e, "next_review"), "Next review date"));

	struct review_input close = {.held_date = "2026-11-20", .decision = "close", .reason = "x"};
	assert_int_equal(review_validate(A, &close, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "closure"), "Select why the episode is closing");
}

static void a_valid_review_takes_the_default_next_date_and_scores_only_gas_goals(void **state)
{
	(void)state;
	struct review_input in = {.held_date = "2026-11-20", .decision = "continue", .reason = "Going well",
				  .person_attended = "yes", .person_view = "  I feel better  ",
				  .members = {"21", "21"}, .n_members = 2};
	in.goal_note[0] = "Twice a week";
	in.goal_gas[0] = "1";
	in.goal_gas[1] = "2"; /* not a GAS goal: ignored */
	struct review_valid v;
	struct person_errors e;
	struct review_context c = ctx();
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_OK);
	assert_string_equal(v.r.next_review_date, "2026-12-18");
	assert_string_equal(v.r.person_view, "I feel better");
	assert_true(v.r.person_attended);
	assert_false(v.r.carer_attended);
	assert_int_equal(v.n_goals, 2);
	assert_true(v.goals[0].has_level);
	assert_int_equal(v.goals[0].gas_level, 1);
	assert_false(v.goals[1].has_level);
	assert_int_equal(v.n_att, 1); /* ticked twice, counted once */
	assert_string_equal(v.att[0].name, "Sam Okafor");
	assert_int_equal(v.decision, DECISION_CONTINUE);

	/* Without a plan interval the next date is required; before the review it is refused. */
	struct store_rv_plan none = plan;
	none.review_interval_days = 0;
	c.plan = &none;
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "next_review"), "Enter the date of the next review");
	in.next_review = "2026-11-20";
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "next_review"), "Next review date must be after the date of the review");
}

static void ending_decisions_need_their_exit_details(void **state)
{
	(void)state;
	struct review_input in = {.held_date = "2026-11-20", .decision = "discharge", .reason = "Managing well"};
	struct review_valid v;
	struct person_errors e;
	struct review_context c = ctx();
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "sos_who"), "Enter who they should call if they need help again");
	assert_string_equal(msg_for(&e, "sos_phone"), "Enter the phone number to call");
	assert_string_equal(msg_for(&e, "sos_how"), "Enter how and when to get back in touch");
	in.exit = (struct exit_input){.sos_who = "Sam", .sos_phone = "call me", .sos_how = "Weekdays"};
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_EINVAL);
	assert_non_null(strstr(msg_for(&e, "sos_phone"), "only numbers"));
	in.exit.sos_phone = "0113 496 0000";
	assert_int_equal(review_validate(A, &in, &c, NOW, &v, &e), CP_OK);
	assert_true(exit_complete(STAGE_DISCHARGED, &v.exit));
	assert_null(v.r.next_review_date);

	struct review_input m = {.held_date = "2026-11-20", .decision = "maintenance", .reason = "Goals met"};
	assert_int_equal(review_validate(A, &m, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "checkin_days"), "Enter how many days between check-ins");
	m.exit.checkin_days = "0";
	assert_int_equal(review_validate(A, &m, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "checkin_days"), "Days between check-ins must be a whole number from 1 to 365");
	m.exit.checkin_days = "28";
	m.exit.next_checkin = "2026-11-01";
	assert_int_equal(review_validate(A, &m, &c, NOW, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "next_checkin"), "Next check-in date must be today or in the future");
	m.exit.next_checkin = NULL;
	assert_int_equal(review_validate(A, &m, &c, NOW, &v, &e), CP_OK);
	assert_string_equal(v.exit.maintenance.next_checkin_date, "2026-12-20");
	assert_int_equal(v.exit.maintenance.interval_days, 28);
	assert_false(exit_complete(STAGE_DISCHARGED, &v.exit));
	assert_true(exit_complete(STAGE_ACTIVE, NULL));
}

static void reviews_and_checkins_are_refused_at_the_wrong_stage(void **state)
{
	(void)state;
	char msg[REVIEW_MSG];
	assert_false(review_refused_at(STAGE_REVIEW, msg, sizeof msg));
	assert_true(review_refused_at(STAGE_ACTIVE, msg, sizeof msg));
	assert_non_null(strstr(msg, "it is at Active. Move it to review first."));
	assert_true(review_refused_at(STAGE_CLOSED, msg, sizeof msg));
	assert_non_null(strstr(msg, "This episode has ended"));
	assert_false(checkin_refused_at(STAGE_MAINTENANCE, msg, sizeof msg));
	assert_true(checkin_refused_at(STAGE_DISCHARGED, msg, sizeof msg));
	assert_non_null(strstr(msg, "has ended"));
}

static void a_checkin_defaults_its_next_date_from_the_interval(void **state)
{
	(void)state;
	struct checkin_input in = {.date = "2026-11-20"};
	struct store_checkin k;
	struct person_errors e;
	assert_int_equal(checkin_validate(A, &in, 14, NOW, &k, &e), CP_OK);
	assert_string_equal(k.next_checkin_date, "2026-12-04");
	assert_int_equal(checkin_validate(A, &in, 0, NOW, &k, &e), CP_OK);
	assert_string_equal(k.next_checkin_date, "2026-12-18");
	struct checkin_input bad = {.date = "", .next = "2026-02-29"};
	assert_int_equal(checkin_validate(A, &bad, 14, NOW, &k, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "checkin_date"), "Enter the date of the check-in");
	assert_non_null(strstr(msg_for(&e, "checkin_next"), "is not a date"));
	struct checkin_input before = {.date = "2026-11-20", .next = "2026-11-19"};
	assert_int_equal(checkin_validate(A, &before, 14, NOW, &k, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "checkin_next"), "Next check-in date must be after the date of the check-in");
}

/* ---- implementation ---- */

static void action_status_and_confidence_are_checked(void **state)
{
	(void)state;
	enum episode_action_status s;
	int conf;
	struct person_errors e;
	struct action_status_input ok = {.status = "done", .confidence = "10"};
	assert_int_equal(action_status_validate(&ok, &s, &conf, &e), CP_OK);
	assert_int_equal(s, ACTION_STATUS_DONE);
	assert_int_equal(conf, 10);
	struct action_status_input none = {.status = "stopped", .confidence = ""};
	assert_int_equal(action_status_validate(&none, &s, &conf, &e), CP_OK);
	assert_int_equal(conf, -1);
	struct action_status_input bad = {.status = "DONE", .confidence = "-1"};
	assert_int_equal(action_status_validate(&bad, &s, &conf, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "action_status"), "Select the status of the action");
	assert_string_equal(msg_for(&e, "confidence"), "Confidence must be a whole number from 0 to 10");
}

static void an_activity_entry_is_checked_against_the_plans_actions(void **state)
{
	(void)state;
	struct store_rv_action acts[1] = {{.id = 31, .what = "Falls class", .who_kind = "service", .status = "not_started"}};
	struct store_activity v;
	struct person_errors e;
	struct activity_input bad = {.date = "2026-11-23", .kind = "visit", .who = "", .minutes = "0", .action = "32"};
	assert_int_equal(activity_validate(A, &bad, NOW, acts, 1, &v, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "activity_date"), "Date must be today or in the past");
	assert_string_equal(msg_for(&e, "activity_kind"), "Select what kind of activity it was");
	assert_string_equal(msg_for(&e, "activity_who"), "Enter who carried it out");
	assert_string_equal(msg_for(&e, "activity_minutes"), "Minutes must be a whole number from 1 to 1440");
	assert_string_equal(msg_for(&e, "activity_action"),
			    "Select the action of the plan this carries out, or that it is not in the plan");
	struct activity_input ok = {.date = "2026-11-22", .kind = "clinic", .who = "Nurse Reid", .action = "31"};
	assert_int_equal(activity_validate(A, &ok, NOW, acts, 1, &v, &e), CP_OK);
	assert_int_equal(v.action_id, 31);
	assert_int_equal(v.minutes, 0);
	struct activity_input out = {.date = "2026-11-22", .kind = "message", .who = "Sam", .minutes = "5",
				     .action = ACTIVITY_NONE};
	assert_int_equal(activity_validate(A, &out, NOW, acts, 1, &v, &e), CP_OK);
	assert_int_equal(v.action_id, 0);
	assert_int_equal(v.minutes, 5);
	assert_string_equal(activity_kind_label(activity_kind_from_code("home_visit")), "Home visit");
	assert_int_equal(activity_kind_from_code("HOME_VISIT"), ACTIVITY_KIND__MAX);
}

static void services_follow_the_plan_counts_idle_actions_and_unlinked_activity(void **state)
{
	(void)state;
	struct store_rv_action acts[3] = {
		{.id = 1, .what = "a", .who_kind = "person", .status = "not_started", .activity_count = 0},
		{.id = 2, .what = "b", .who_kind = "person", .status = "in_progress", .activity_count = 2},
		{.id = 3, .what = "c", .who_kind = "person", .status = "done", .activity_count = 0},
	};
	struct store_activity log[2] = {{.action_id = 2}, {.action_id = 0}};
	struct activity_page p = {.has_plan = true, .plan = {.status = "agreed"}, .actions = acts, .n_actions = 3,
				  .log = log, .n_log = 2};
	size_t unlinked, idle;
	activity_followups(&p, &unlinked, &idle);
	assert_int_equal(unlinked, 1);
	assert_int_equal(idle, 1);
	p.plan.status = "draft"; /* not agreed yet: nothing is overdue for activity */
	activity_followups(&p, &unlinked, &idle);
	assert_int_equal(idle, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_next_review_date_counts_days_across_month_ends_and_leap_years),
		cmocka_unit_test(an_empty_review_form_names_each_missing_field_and_nothing_is_kept),
		cmocka_unit_test(review_fields_are_checked_one_message_each),
		cmocka_unit_test(a_valid_review_takes_the_default_next_date_and_scores_only_gas_goals),
		cmocka_unit_test(ending_decisions_need_their_exit_details),
		cmocka_unit_test(reviews_and_checkins_are_refused_at_the_wrong_stage),
		cmocka_unit_test(a_checkin_defaults_its_next_date_from_the_interval),
		cmocka_unit_test(action_status_and_confidence_are_checked),
		cmocka_unit_test(an_activity_entry_is_checked_against_the_plans_actions),
		cmocka_unit_test(services_follow_the_plan_counts_idle_actions_and_unlinked_activity),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
