/* test_myplan.c - "My plan" (src/domain/myplan.c) on the demo database:
 * checking what the person typed (each field named, nothing written),
 * About me and the story kept as versions with stale saves refused, the
 * person's own goal and step going into the plan as one version marked as
 * theirs, done and confidence on their actions, another person's action
 * not found, a carer refused, and the sections a reader may see deciding
 * what is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>

#include <stdio.h>
#include <string.h>

#include "domain/myplan.h"
#include "domain/share.h"
#include "fixture.h"

#define NOW (1790000000000LL + 3600000LL)

static struct {
	struct fx_demo demo;
	struct store_conn *c;
	struct arena *a;
	struct store_user me, carer, kw;
	struct audit_actor who;
} D;

static int64_t i64(const char *sql)
{
	return fx_demo_i64(&D.demo, sql);
}

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	if (fx_demo_open(&D.demo))
		return -1;
	D.c = store_acquire(D.demo.st);
	D.a = arena_new(4 << 20);
	if (!D.c || !D.a || store_user_by_username(D.c, D.a, "person", &D.me) ||
	    store_user_by_username(D.c, D.a, "carer", &D.carer) || store_user_by_username(D.c, D.a, "keyworker", &D.kw))
		return -1;
	D.who = (struct audit_actor){.user_id = D.me.id, .role = "person", .client = "test"};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(D.a);
	store_release(D.demo.st, D.c);
	fx_demo_close(&D.demo);
	return 0;
}

static void about_me_needs_one_item_and_limits_each(void **state)
{
	(void)state;
	const char *in[ABOUT__MAX] = {0}, *out[ABOUT__MAX];
	struct person_errors errs;
	in[ABOUT_ALSO] = "   \n ";
	assert_int_equal(my_about_validate(D.a, in, out, &errs), CP_EINVAL);
	assert_non_null(strstr(person_error_for(&errs, "important"), "at least one part"));
	char *big = arena_zalloc(D.a, MY_ABOUT_MAX + 2);
	memset(big, 'a', MY_ABOUT_MAX + 1);
	in[ABOUT_WELLNESS] = big;
	in[ABOUT_SUPPORT] = "  Mornings  ";
	assert_int_equal(my_about_validate(D.a, in, out, &errs), CP_EINVAL);
	assert_int_equal(errs.n, 1);
	assert_string_equal(person_error_for(&errs, "wellness"), "My wellness must be 2000 characters or fewer");
	big[MY_ABOUT_MAX] = '\0';
	assert_int_equal(my_about_validate(D.a, in, out, &errs), CP_OK);
	assert_string_equal(out[ABOUT_SUPPORT], "Mornings");
	assert_null(out[ABOUT_ALSO]);
}

static void confidence_is_a_whole_number_from_one_to_ten(void **state)
{
	(void)state;
	int v = 0;
	const char *msg = NULL;
	assert_false(my_confidence_parse(NULL, &v, &msg));
	assert_string_equal(msg, "Choose how confident you feel, from 1 to 10");
	assert_false(my_confidence_parse("0", &v, &msg));
	assert_false(my_confidence_parse("11", &v, &msg));
	assert_false(my_confidence_parse("7.5", &v, &msg));
	assert_string_equal(msg, "How confident you feel must be a whole number from 1 to 10");
	assert_true(my_confidence_parse("10", &v, &msg));
	assert_int_equal(v, 10);
}

static void about_me_saves_versions_and_refuses_a_stale_one(void **state)
{
	(void)state;
	const char *in[ABOUT__MAX] = {[ABOUT_IMPORTANT] = "My garden"};
	struct person_errors errs;
	struct my_result res;
	int64_t audits0 = i64("SELECT count(*) FROM audit WHERE action = 'aboutme.save'");
	/* The demo saved version 1. */
	assert_int_equal(my_about_save(D.c, D.a, &D.who, NOW, &D.me, 0, in, &errs, &res), CP_ECONFLICT);
	assert_non_null(strstr(res.msg, "Margaret Hughes saved About me at"));
	assert_int_equal(res.version, 1);
	assert_int_equal(my_about_save(D.c, D.a, &D.who, NOW, &D.me, 1, in, &errs, &res), CP_OK);
	assert_int_equal(res.version, 2);
	assert_int_equal(i64("SELECT count(*) FROM about_me"), 2);
	assert_int_equal(i64("SELECT count(*) FROM audit WHERE action = 'aboutme.save'"), audits0 + 1);
	/* A carer reads only. */
	assert_int_equal(my_about_save(D.c, D.a, &D.who, NOW, &D.carer, 2, in, &errs, &res), CP_EFORBIDDEN);
	assert_int_equal(i64("SELECT count(*) FROM about_me"), 2);
}

static void a_goal_and_its_step_make_one_plan_version_marked_as_the_persons(void **state)
{
	(void)state;
	int64_t versions = i64("SELECT count(*) FROM plan_version"), goals = i64("SELECT count(*) FROM plan_goal");
	int64_t version = i64("SELECT p.version FROM care_plan p JOIN episode e ON e.id = p.episode_id WHERE e.person_id "
			      "= 1 AND e.stage NOT IN ('discharged', 'closed')");
	struct person_errors errs;
	struct my_result res;
	struct my_goal_input bad = {.goal = "", .step = "Ring Claire", .step_due = "2026-13-01"};
	assert_int_equal(my_goal_add(D.c, D.a, &D.who, NOW, &D.me, version, &bad, &errs, &res), CP_EINVAL);
	assert_non_null(person_error_for(&errs, "goal"));
	assert_non_null(person_error_for(&errs, "step_due"));
	struct my_goal_input nodate = {.goal = "Garden", .step = "Ring Claire"};
	assert_int_equal(my_goal_add(D.c, D.a, &D.who, NOW, &D.me, version, &nodate, &errs, &res), CP_EINVAL);
	assert_non_null(person_error_for(&errs, "step_due"));
	struct my_goal_input ok = {.goal = "Go to the garden centre", .step = "Ring Claire", .step_due = "2027-01-15"};
	assert_int_equal(my_goal_add(D.c, D.a, &D.who, NOW, &D.me, version - 1, &ok, &errs, &res), CP_ECONFLICT);
	assert_int_equal(i64("SELECT count(*) FROM plan_goal"), goals);
	assert_int_equal(my_goal_add(D.c, D.a, &D.who, NOW, &D.me, version, &ok, &errs, &res), CP_OK);
	assert_int_equal(res.version, version + 1);
	assert_int_equal(i64("SELECT count(*) FROM plan_version"), versions + 1);
	assert_int_equal(i64("SELECT count(*) FROM plan_own WHERE writer = 'person'"), 2);
	int64_t step = i64("SELECT object_id FROM plan_own WHERE section = 'action'");
	assert_int_equal(i64("SELECT count(*) FROM plan_action WHERE who_kind = 'person' AND status = 'not_started' "
			     "AND due_date = '2027-01-15'"),
			 1);

	/* Confidence, then done, each a version of its own. */
	assert_int_equal(my_action_change(D.c, D.a, &D.who, NOW, &D.me, step, version + 1, MY_ACTION_CONFIDENCE, "0",
					  &errs, &res),
			 CP_EINVAL);
	assert_non_null(person_error_for(&errs, "confidence"));
	assert_int_equal(my_action_change(D.c, D.a, &D.who, NOW, &D.me, step, version + 1, MY_ACTION_CONFIDENCE, "6",
					  &errs, &res),
			 CP_OK);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT confidence FROM plan_action WHERE id = %lld", (long long)step);
	assert_int_equal(i64(sql), 6);
	assert_int_equal(my_action_change(D.c, D.a, &D.who, NOW, &D.me, step, version + 2, MY_ACTION_DONE, NULL, &errs,
					  &res),
			 CP_OK);
	snprintf(sql, sizeof sql, "SELECT status = 'done' FROM plan_action WHERE id = %lld", (long long)step);
	assert_int_equal(i64(sql), 1);

	/* An action the carer does cannot be marked done by the person; another person's is not found. */
	int64_t carers = i64("SELECT a.id FROM plan_action a JOIN care_plan p ON p.id = a.plan_id JOIN episode e ON "
			     "e.id = p.episode_id WHERE e.person_id = 1 AND a.who_kind = 'carer' AND a.status <> 'done' "
			     "LIMIT 1");
	assert_int_equal(my_action_change(D.c, D.a, &D.who, NOW, &D.me, carers, version + 3, MY_ACTION_DONE, NULL, &errs,
					  &res),
			 CP_EFORBIDDEN);
	int64_t other = i64("SELECT a.id FROM plan_action a JOIN care_plan p ON p.id = a.plan_id JOIN episode e ON "
			    "e.id = p.episode_id WHERE e.person_id <> 1 LIMIT 1");
	assert_int_equal(my_action_change(D.c, D.a, &D.who, NOW, &D.me, other, version + 3, MY_ACTION_CONFIDENCE, "5",
					  &errs, &res),
			 CP_ENOTFOUND);
	assert_int_equal(i64("SELECT count(*) FROM plan_version"), versions + 3);
}

static void the_story_is_versioned_and_questions_come_and_go(void **state)
{
	(void)state;
	struct person_errors errs;
	struct my_result res;
	assert_int_equal(my_story_save(D.c, D.a, &D.who, NOW, &D.me, 0, " ", &errs, &res), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "story"), "Write your story before you save it");
	assert_int_equal(my_story_save(D.c, D.a, &D.who, NOW, &D.me, 0, "A hard winter", &errs, &res), CP_OK);
	assert_int_equal(my_story_save(D.c, D.a, &D.who, NOW, &D.me, 0, "Again", &errs, &res), CP_ECONFLICT);
	assert_int_equal(my_story_save(D.c, D.a, &D.who, NOW, &D.me, 1, "A better spring", &errs, &res), CP_OK);
	assert_int_equal(i64("SELECT count(*) FROM review_story"), 2);
	int64_t qs = i64("SELECT count(*) FROM review_question");
	assert_int_equal(my_question_add(D.c, D.a, &D.who, NOW, &D.me, "", &errs, &res), CP_EINVAL);
	assert_int_equal(my_question_add(D.c, D.a, &D.who, NOW, &D.me, "Can visits be later?", &errs, &res), CP_OK);
	int64_t id = i64("SELECT max(id) FROM review_question");
	assert_int_equal(my_question_remove(D.c, D.a, &D.who, NOW, &D.me, id + 1, &res), CP_ENOTFOUND);
	assert_int_equal(my_question_remove(D.c, D.a, &D.who, NOW, &D.me, id, &res), CP_OK);
	assert_int_equal(my_question_remove(D.c, D.a, &D.who, NOW, &D.me, id, &res), CP_ENOTFOUND);
	assert_int_equal(i64("SELECT count(*) FROM review_question WHERE removed_ms = 0"), qs);
}

static void a_reader_gets_only_the_sections_in_their_mask(void **state)
{
	(void)state;
	struct my_view v;
	assert_int_equal(my_read(D.c, D.a, &D.who, NOW, &D.me, ACCESS_SELF, 1, "test", &v), CP_OK);
	assert_true(v.has_about);
	assert_true(v.n_questions > 0);
	assert_true(v.plan.exists);
	struct audit_actor cw = {.user_id = D.carer.id, .role = "carer", .client = "test"};
	assert_int_equal(my_read(D.c, D.a, &cw, NOW, &D.carer, ACCESS_CARER, 1, "test", &v), CP_OK);
	/* Carers' defaults (share.def): About me yes, the story and questions (assessment) no. */
	assert_true(v.mask & SHARE_BIT(SHARE_ABOUT));
	assert_false(v.mask & SHARE_BIT(SHARE_ASSESSMENT));
	assert_true(v.has_about);
	assert_false(v.has_story);
	assert_int_equal(v.n_questions, 0);
	assert_int_equal(my_read(D.c, D.a, &cw, NOW, &D.carer, ACCESS_NONE, 1, "test", &v), CP_EFORBIDDEN);
	assert_int_equal(i64("SELECT count(*) FROM audit WHERE action = 'myplan.read' AND reason = 'test'"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(about_me_needs_one_item_and_limits_each),
		cmocka_unit_test(confidence_is_a_whole_number_from_one_to_ten),
		cmocka_unit_test(about_me_saves_versions_and_refuses_a_stale_one),
		cmocka_unit_test(a_goal_and_its_step_make_one_plan_version_marked_as_the_persons),
		cmocka_unit_test(the_story_is_versioned_and_questions_come_and_go),
		cmocka_unit_test(a_reader_gets_only_the_sections_in_their_mask),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
