/*
 * test_plan_service.c - the audited operations on plans
 * (src/domain/plan_service.c) on a fresh database: the first save makes a
 * draft, each save a version with its snapshot and audit row, a stale save
 * writes nothing and says who saved and when, the agreement sets the next
 * review date and later saves keep it, removal, an ended episode refusing
 * changes, and the carry-forward into a new episode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/plan_service.h"
#include "fixture.h"

#define NOW 1790000000000LL /* 2026-09-21T14:13:20Z (15:13 in London) */

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t person, user, other, episode, carer;
	struct audit_actor who;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	if (!f->dir)
		return -1;
	fx_path(f->path, sizeof f->path, f->dir, "care.db");
	char msg[512];
	if (store_open(f->path, 1, &f->st, msg, sizeof msg) != CP_OK)
		return -1;
	f->c = store_acquire(f->st);
	f->a = arena_new(REQ_ARENA_MAX);
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Plan",
				 .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000};
	struct store_user o = {.username = "grace", .display_name = "Grace Mensah", .role = "professional",
			       .password_hash = "x", .created_ms = 1000};
	if (store_person_insert(f->c, &p, &f->person) || store_user_insert(f->c, &u, &f->user) ||
	    store_user_insert(f->c, &o, &f->other))
		return -1;
	struct store_contact k = {.person_id = f->person, .name = "Bill Plan", .relationship = "husband", .is_carer = true};
	struct store_episode e = {.person_id = f->person, .stage = "planning", .level = 2, .started_ms = 5000};
	if (store_contact_insert(f->c, &k, &f->carer) || store_episode_insert(f->c, &e, &f->episode))
		return -1;
	struct store_team_member m = {.episode_id = f->episode, .user_id = f->user, .role = "Key worker",
				      .from_date = "2026-01-01", .is_key_worker = true};
	if (store_team_member_insert(f->c, &m, NULL))
		return -1;
	f->who = (struct audit_actor){.user_id = f->user, .role = "key_worker", .client = "test"};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static enum cp_err save(struct fx *f, int64_t now, enum plan_section s, int64_t item, int64_t version,
			const struct plan_input *in, struct plan_result *res)
{
	struct person_errors errs;
	memset(res, 0, sizeof *res);
	return plan_save(f->c, f->a, &f->who, now, f->episode, s, item, version, in, &errs, res);
}

static int64_t audits(struct fx *f, const char *action)
{
	int64_t n = 0;
	store_audit_count(f->c, action, &n);
	return n;
}

static void saves_make_versions_with_snapshots_and_a_stale_save_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct plan_result res;
	struct plan_input goal = {.v = {[PLF_GOAL_TITLE] = "Walk", [PLF_GOAL_STATUS] = "active"}};
	assert_int_equal(save(f, NOW, PLS_GOAL, 0, 0, &goal, &res), CP_OK);
	assert_int_equal(res.version, 1);
	int64_t gid = res.item_id;
	assert_true(gid > 0);
	struct plan_input act = {.v = {[PLF_ACTION_WHAT] = "Ring", [PLF_ACTION_WHO] = "carer",
				       [PLF_ACTION_WHO_CARER] = arena_printf(f->a, "%lld", (long long)f->carer),
				       [PLF_ACTION_DUE] = "2026-10-01", [PLF_ACTION_STATUS] = "not_started",
				       [PLF_ACTION_GOAL] = arena_printf(f->a, "%lld", (long long)gid)}};
	assert_int_equal(save(f, NOW + 60000, PLS_ACTION, 0, 1, &act, &res), CP_OK);
	assert_int_equal(res.version, 2);
	struct plan_record rec;
	assert_int_equal(plan_read(f->c, f->a, &f->who, NOW, f->episode, "test", &rec), CP_OK);
	assert_true(rec.exists);
	assert_string_equal(rec.cp.status, "draft");
	assert_int_equal(rec.cp.version, 2);
	assert_int_equal(rec.n_versions, 2);
	struct store_plan_action *xs;
	size_t n;
	assert_int_equal(store_plan_action_list(f->c, f->a, rec.cp.id, 5, &xs, &n), CP_OK);
	assert_string_equal(xs[0].who_name, "Bill Plan"); /* the name is kept beside the id */
	struct store_plan_version v2;
	assert_int_equal(store_plan_version_get(f->c, f->a, rec.cp.id, 2, &v2), CP_OK);
	assert_non_null(strstr(v2.snapshot, "\taction_who_carer\tBill Plan\n"));
	assert_non_null(strstr(v2.snapshot, "\taction_goal\tWalk\n"));
	assert_int_equal(audits(f, "plan.save"), 2);

	f->who.user_id = f->other; /* someone else, still at version 1 */
	struct plan_input g2 = {.v = {[PLF_GOAL_TITLE] = "Run", [PLF_GOAL_STATUS] = "active"}};
	assert_int_equal(save(f, NOW, PLS_GOAL, gid, 1, &g2, &res), CP_ECONFLICT);
	assert_non_null(strstr(res.msg, "Sam Okafor saved this plan at 15:14 (version 2)"));
	assert_int_equal(res.version, 2);
	assert_int_equal(audits(f, "plan.save"), 2);
	assert_int_equal(plan_read(f->c, f->a, &f->who, NOW, f->episode, "test", &rec), CP_OK);
	assert_string_equal(plan_find(&rec, PLS_GOAL, gid)->v[PLF_GOAL_TITLE], "Walk");
	assert_int_equal(rec.n_versions, 2);
	/* Wrong input: nothing written either. */
	struct plan_input bad = {.v = {[PLF_GOAL_STATUS] = "active"}};
	assert_int_equal(save(f, NOW, PLS_GOAL, gid, 2, &bad, &res), CP_EINVAL);
	assert_int_equal(save(f, NOW, PLS_GOAL, 999, 2, &g2, &res), CP_ENOTFOUND);
	assert_int_equal(plan_read(f->c, f->a, &f->who, NOW, f->episode, "test", &rec), CP_OK);
	assert_int_equal(rec.cp.version, 2);
	assert_int_equal(audits(f, "plan.read"), 3);
}

static void agreement_sets_the_next_review_and_later_saves_keep_it(void **state)
{
	struct fx *f = *state;
	struct plan_result res;
	const char *sam = arena_printf(f->a, "%lld", (long long)f->user);
	struct plan_input agree = {.v = {[PLF_AGREE_WITH] = "person", [PLF_AGREE_DATE] = "2026-01-31",
					 [PLF_AGREE_INTERVAL] = "29", [PLF_AGREE_REVIEWER] = sam}};
	assert_int_equal(save(f, NOW, PLS_AGREE, 0, 0, &agree, &res), CP_OK);
	struct store_care_plan cp;
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &cp), CP_OK);
	assert_string_equal(cp.status, "agreed");
	assert_string_equal(cp.next_review_date, "2026-03-01");
	assert_int_equal(audits(f, "plan.agree"), 1);
	/* A review moves the date; an ordinary save and the same agreement keep it. */
	cp.next_review_date = "2026-02-20";
	assert_int_equal(store_plan_update(f->c, &cp, cp.version), CP_OK);
	struct plan_input sos = {.v = {[PLF_SOS_ROUTE] = "Ring us"}};
	assert_int_equal(save(f, NOW, PLS_SOS, 0, 1, &sos, &res), CP_OK);
	assert_int_equal(save(f, NOW, PLS_AGREE, 0, 2, &agree, &res), CP_OK);
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &cp), CP_OK);
	assert_string_equal(cp.next_review_date, "2026-02-20");
	assert_int_equal(cp.version, 3);
	/* A new interval counts from the date agreed, across the leap day of 2028. */
	agree.v[PLF_AGREE_DATE] = "2028-02-01";
	agree.v[PLF_AGREE_INTERVAL] = "29";
	assert_int_equal(save(f, NOW, PLS_AGREE, 0, 3, &agree, &res), CP_EINVAL); /* 2028 is in the future */
	agree.v[PLF_AGREE_DATE] = "2024-02-01";
	agree.v[PLF_AGREE_INTERVAL] = "28";
	assert_int_equal(save(f, NOW, PLS_AGREE, 0, 3, &agree, &res), CP_OK);
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &cp), CP_OK);
	assert_string_equal(cp.next_review_date, "2024-02-29");
	/* A review date given wins over the interval. */
	agree.v[PLF_AGREE_REVIEW_DATE] = "2024-06-30";
	assert_int_equal(save(f, NOW, PLS_AGREE, 0, 4, &agree, &res), CP_OK);
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &cp), CP_OK);
	assert_string_equal(cp.next_review_date, "2024-06-30");
	assert_string_equal(cp.review_date, "2024-06-30");
}

static void removing_an_entry_makes_a_version(void **state)
{
	struct fx *f = *state;
	struct plan_result res;
	struct plan_input eq = {.v = {[PLF_EQUIP_ITEM] = "Stool"}};
	assert_int_equal(save(f, NOW, PLS_EQUIP, 0, 0, &eq, &res), CP_OK);
	int64_t item = res.item_id;
	struct plan_input goal = {.v = {[PLF_GOAL_TITLE] = "Walk", [PLF_GOAL_STATUS] = "active"}};
	assert_int_equal(save(f, NOW, PLS_GOAL, 0, 1, &goal, &res), CP_OK);
	/* Removal takes entries of the other sections only: goals end by their status. */
	assert_int_equal(plan_remove(f->c, f->a, &f->who, NOW, f->episode, item + 100, 2, &res), CP_ENOTFOUND);
	assert_int_equal(plan_remove(f->c, f->a, &f->who, NOW, f->episode, item, 1, &res), CP_ECONFLICT);
	assert_int_equal(plan_remove(f->c, f->a, &f->who, NOW, f->episode, item, 2, &res), CP_OK);
	assert_int_equal(res.version, 3);
	assert_int_equal(audits(f, "plan.remove"), 1);
	struct plan_record rec;
	struct plan_comparison cmp;
	assert_int_equal(plan_compare(f->c, f->a, &f->who, NOW, f->episode, 2, 3, &rec, &cmp), CP_OK);
	assert_int_equal(cmp.n, 1);
	assert_true(cmp.changes[0].item_removed);
	assert_string_equal(cmp.changes[0].before, "Stool");
	assert_int_equal(plan_compare(f->c, f->a, &f->who, NOW, f->episode, 2, 9, &rec, &cmp), CP_ENOTFOUND);
}

static void an_ended_episode_refuses_and_a_new_one_gets_a_draft_copy(void **state)
{
	struct fx *f = *state;
	struct plan_result res;
	struct plan_input goal = {.v = {[PLF_GOAL_TITLE] = "Walk", [PLF_GOAL_STATUS] = "achieved"}};
	assert_int_equal(save(f, NOW, PLS_GOAL, 0, 0, &goal, &res), CP_OK);
	const char *gid = arena_printf(f->a, "%lld", (long long)res.item_id);
	struct plan_input act = {.v = {[PLF_ACTION_WHAT] = "Walk daily", [PLF_ACTION_WHO] = "person",
				       [PLF_ACTION_RRULE] = "FREQ=DAILY", [PLF_ACTION_STATUS] = "done", [PLF_ACTION_GOAL] = gid}};
	struct plan_input spend = {.v = {[PLF_SPEND_WHAT] = "Taxi", [PLF_SPEND_AMOUNT] = "10", [PLF_SPEND_GOAL] = gid}};
	const char *sam = arena_printf(f->a, "%lld", (long long)f->user);
	struct plan_input agree = {.v = {[PLF_AGREE_WITH] = "person", [PLF_AGREE_DATE] = "2026-09-01",
					 [PLF_AGREE_INTERVAL] = "30", [PLF_AGREE_REVIEWER] = sam}};
	assert_int_equal(save(f, NOW, PLS_ACTION, 0, 1, &act, &res), CP_OK);
	assert_int_equal(save(f, NOW, PLS_SPEND, 0, 2, &spend, &res), CP_OK);
	assert_int_equal(save(f, NOW, PLS_AGREE, 0, 3, &agree, &res), CP_OK);
	struct store_episode e;
	assert_int_equal(store_episode_get(f->c, f->a, f->episode, &e), CP_OK);
	e.stage = "discharged";
	e.ended_ms = NOW;
	assert_int_equal(store_episode_update(f->c, &e, e.version), CP_OK);
	assert_int_equal(save(f, NOW, PLS_SOS, 0, 4, &(struct plan_input){.v = {[PLF_SOS_ROUTE] = "x"}}, &res), CP_EINVAL);
	assert_non_null(strstr(res.msg, "This episode has ended"));

	struct store_episode next = {.person_id = f->person, .stage = "entry", .level = 2, .previous_episode_id = f->episode,
				     .started_ms = NOW};
	int64_t ep2 = 0;
	assert_int_equal(store_begin(f->c), CP_OK);
	assert_int_equal(store_episode_insert(f->c, &next, &ep2), CP_OK);
	assert_int_equal(plan_carry_forward(f->c, f->a, &f->who, NOW, f->episode, ep2), CP_OK);
	assert_int_equal(store_commit(f->c), CP_OK);
	struct plan_record old, rec;
	assert_int_equal(plan_read(f->c, f->a, &f->who, NOW, f->episode, "test", &old), CP_OK);
	assert_int_equal(plan_read(f->c, f->a, &f->who, NOW, ep2, "test", &rec), CP_OK);
	assert_true(rec.exists);
	assert_string_equal(rec.cp.status, "draft");
	assert_int_equal(rec.cp.version, 1);
	assert_int_equal(rec.cp.carried_from_plan_id, old.cp.id);
	assert_null(rec.cp.agreed_date);
	assert_null(rec.cp.next_review_date);
	assert_null(plan_find(&rec, PLS_AGREE, 0));
	assert_int_equal(rec.n_versions, 1);
	const struct plan_item *g = NULL, *a = NULL, *s = NULL;
	for (size_t i = 0; i < rec.n_items; i++) {
		if (rec.items[i].section == PLS_GOAL)
			g = &rec.items[i];
		if (rec.items[i].section == PLS_ACTION)
			a = &rec.items[i];
		if (rec.items[i].section == PLS_SPEND)
			s = &rec.items[i];
	}
	assert_non_null(g);
	assert_non_null(a);
	assert_non_null(s);
	assert_string_equal(g->v[PLF_GOAL_STATUS], "achieved");
	assert_string_equal(a->v[PLF_ACTION_STATUS], "done");
	const char *new_gid = arena_printf(f->a, "%lld", (long long)g->id);
	assert_string_not_equal(new_gid, gid);
	assert_string_equal(a->v[PLF_ACTION_GOAL], new_gid);
	assert_string_equal(s->v[PLF_SPEND_GOAL], new_gid);
	assert_int_equal(audits(f, "plan.carry_forward"), 1);
	/* An episode with no plan carries nothing forward. */
	assert_int_equal(plan_carry_forward(f->c, f->a, &f->who, NOW, ep2 + 100, ep2), CP_ENOTFOUND);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static void a_withheld_section_leaves_the_record_and_its_comparison(void **state)
{
	(void)state;
	struct plan_item items[] = {
		{.id = 1, .section = PLS_GOAL, .v = {[PLF_GOAL_TITLE] = "Walk to the shop"}},
		{.id = 2, .section = PLS_SPEND, .v = {[PLF_SPEND_WHAT] = "Gym", [PLF_SPEND_GOAL] = "1"}},
		{.id = 3, .section = PLS_SERVICE, .v = {[PLF_SERVICE_WHAT] = "Home care", [PLF_SERVICE_CHARGE] = "4250"}},
		{.id = 4, .section = PLS_ACTION, .v = {[PLF_ACTION_WHAT] = "Book the class"}},
	};
	struct plan_ref goals[] = {{.id = 1, .name = "Walk to the shop"}};
	struct plan_record rec = {.items = items, .n_items = 4};
	rec.refs.goals = goals;
	rec.refs.n_goals = 1;
	/* A health professional who may not see goals (the person said so)
	 * nor, by default, the service plan and charges. */
	plan_restrict(&rec, SHARE_ALL & ~SHARE_BIT(SHARE_GOALS) & ~SHARE_BIT(SHARE_SERVICE));
	assert_int_equal(rec.n_items, 1);
	assert_int_equal(rec.items[0].id, 2);
	assert_null(rec.items[0].v[PLF_SPEND_GOAL]); /* no pointer at a withheld goal */
	assert_int_equal(rec.refs.n_goals, 0);
	assert_false(plan_shown(&rec, PLS_GOAL));
	assert_false(plan_shown(&rec, PLS_ACTION));
	assert_false(plan_shown(&rec, PLS_SERVICE));
	assert_true(plan_shown(&rec, PLS_SPEND));
	assert_int_equal(plan_service_charge_total(&rec), 0);
	struct plan_change ch[] = {{.section = PLS_SERVICE}, {.section = PLS__MAX}, {.section = PLS_SPEND},
				   {.section = PLS_GOAL}};
	struct plan_comparison cmp = {.changes = ch, .n = 4};
	plan_comparison_restrict(&cmp, &rec);
	assert_int_equal(cmp.n, 2);
	assert_int_equal(ch[0].section, PLS__MAX);
	assert_int_equal(ch[1].section, PLS_SPEND);
	/* Every plan section belongs to a sharing section. */
	for (int s = 0; s < PLS__MAX; s++)
		assert_true(plan_section_share((enum plan_section)s) < SHARE__MAX);
	assert_int_equal(plan_section_share(PLS_SERVICE), SHARE_SERVICE);
	assert_int_equal(plan_section_share(PLS_SOS), SHARE_CONTINGENCY);
	assert_int_equal(plan_section_share(PLS_TEP), SHARE_ACP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(saves_make_versions_with_snapshots_and_a_stale_save_writes_nothing),
		cmocka_unit_test(a_withheld_section_leaves_the_record_and_its_comparison),
		T(agreement_sets_the_next_review_and_later_saves_keep_it),
		T(removing_an_entry_makes_a_version),
		T(an_ended_episode_refuses_and_a_new_one_gets_a_draft_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
