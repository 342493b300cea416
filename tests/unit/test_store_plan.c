/*
 * test_store_plan.c - the care and support plan in the SQLite store
 * (src/store/store_sqlite_plan.c, migration 5): one plan an episode, the
 * plan's optimistic concurrency, goals and actions round trip with their
 * optional values, items keep their values and are replaced or removed
 * whole, and versions keep their snapshots.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "fixture.h"
#include "store/store_sqlite.c"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t person, user, episode, plan;
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
	f->a = arena_new(1 << 20);
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Store",
				 .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000};
	if (store_person_insert(f->c, &p, &f->person) || store_user_insert(f->c, &u, &f->user))
		return -1;
	struct store_episode e = {.person_id = f->person, .stage = "planning", .level = 2, .started_ms = 5000};
	if (store_episode_insert(f->c, &e, &f->episode))
		return -1;
	struct store_care_plan cp = {.episode_id = f->episode, .status = "draft", .version = 1, .created_ms = 7000,
				     .updated_ms = 7000, .updated_by_user_id = f->user};
	if (store_plan_insert(f->c, &cp, &f->plan))
		return -1;
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

static void a_plan_round_trips_one_an_episode(void **state)
{
	struct fx *f = *state;
	struct store_care_plan p;
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &p), CP_OK);
	assert_int_equal(p.id, f->plan);
	assert_string_equal(p.status, "draft");
	assert_int_equal(p.version, 1);
	assert_null(p.agreed_date);
	assert_int_equal(p.review_interval_days, 0);
	assert_null(p.next_review_date);
	assert_string_equal(p.updated_by_name, "Sam Okafor");
	assert_null(p.review_by_name);
	struct store_care_plan again = {.episode_id = f->episode, .status = "draft", .version = 1};
	assert_int_equal(store_plan_insert(f->c, &again, NULL), CP_ECONFLICT);
	assert_int_equal(store_plan_by_episode(f->c, f->a, 999, &p), CP_ENOTFOUND);
}

static void an_update_needs_the_current_version(void **state)
{
	struct fx *f = *state;
	struct store_care_plan p;
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &p), CP_OK);
	p.status = "agreed";
	p.version = 2;
	p.agreed_with = "person";
	p.agreed_date = "2026-09-01";
	p.review_interval_days = 90;
	p.next_review_date = "2026-11-30";
	p.review_by_user_id = f->user;
	p.updated_ms = 8000;
	assert_int_equal(store_plan_update(f->c, &p, 1), CP_OK);
	p.version = 3;
	p.next_review_date = "2027-01-01";
	assert_int_equal(store_plan_update(f->c, &p, 1), CP_ECONFLICT); /* stale */
	struct store_care_plan got;
	assert_int_equal(store_plan_by_episode(f->c, f->a, f->episode, &got), CP_OK);
	assert_int_equal(got.version, 2);
	assert_string_equal(got.status, "agreed");
	assert_string_equal(got.next_review_date, "2026-11-30");
	assert_int_equal(got.review_interval_days, 90);
	assert_string_equal(got.review_by_name, "Sam Okafor");
	p.id = 999;
	assert_int_equal(store_plan_update(f->c, &p, 2), CP_ENOTFOUND);
	p.id = f->plan;
	p.status = "finished"; /* the CHECK refuses it */
	assert_int_equal(store_plan_update(f->c, &p, 2), CP_EDB);
}

static void goals_and_actions_round_trip_with_optional_values(void **state)
{
	struct fx *f = *state;
	struct store_plan_goal g = {.plan_id = f->plan, .position = 0, .title = "Walk", .status = "active",
				    .has_gas = true, .gas_baseline = -1, .gas = {NULL, "Gate", "Shop", NULL, NULL}};
	int64_t gid = 0, g2 = 0;
	assert_int_equal(store_plan_goal_insert(f->c, &g, &gid), CP_OK);
	struct store_plan_goal plain = {.plan_id = f->plan, .position = 1, .title = "Sleep", .status = "proposed"};
	assert_int_equal(store_plan_goal_insert(f->c, &plain, &g2), CP_OK);
	struct store_plan_goal *gs;
	size_t n;
	assert_int_equal(store_plan_goal_list(f->c, f->a, f->plan, 10, &gs, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(gs[0].id, gid);
	assert_true(gs[0].has_gas);
	assert_int_equal(gs[0].gas_baseline, -1);
	assert_null(gs[0].gas[0]);
	assert_string_equal(gs[0].gas[2], "Shop");
	assert_false(gs[1].has_gas);
	g.id = gid;
	g.status = "achieved";
	g.has_gas = false;
	assert_int_equal(store_plan_goal_update(f->c, &g), CP_OK);
	assert_int_equal(store_plan_goal_list(f->c, f->a, f->plan, 10, &gs, &n), CP_OK);
	assert_string_equal(gs[0].status, "achieved");
	assert_false(gs[0].has_gas);
	g.id = 999;
	assert_int_equal(store_plan_goal_update(f->c, &g), CP_ENOTFOUND);

	struct store_plan_action x = {.plan_id = f->plan, .goal_id = gid, .what = "Practise", .who_kind = "member",
				      .who_user_id = f->user, .who_name = "Sam Okafor", .rrule = "FREQ=DAILY",
				      .status = "in_progress", .confidence = 0};
	struct store_plan_action y = {.plan_id = f->plan, .position = 1, .what = "Ring", .who_kind = "person",
				      .due_date = "2026-10-01", .status = "not_started", .confidence = -1};
	int64_t xid = 0;
	assert_int_equal(store_plan_action_insert(f->c, &x, &xid), CP_OK);
	assert_int_equal(store_plan_action_insert(f->c, &y, NULL), CP_OK);
	struct store_plan_action *xs;
	assert_int_equal(store_plan_action_list(f->c, f->a, f->plan, 10, &xs, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(xs[0].goal_id, gid);
	assert_int_equal(xs[0].confidence, 0);
	assert_string_equal(xs[0].rrule, "FREQ=DAILY");
	assert_int_equal(xs[1].goal_id, 0);
	assert_int_equal(xs[1].confidence, -1);
	assert_null(xs[1].rrule);
	x.id = xid;
	x.status = "done";
	x.goal_id = 0;
	assert_int_equal(store_plan_action_update(f->c, &x), CP_OK);
	assert_int_equal(store_plan_action_list(f->c, f->a, f->plan, 1, &xs, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(xs[0].status, "done");
	assert_int_equal(xs[0].goal_id, 0);
	struct store_plan_action bad = y;
	bad.who_kind = "dog";
	assert_int_equal(store_plan_action_insert(f->c, &bad, NULL), CP_EDB);
}

static void items_keep_their_values_and_are_replaced_or_removed_whole(void **state)
{
	struct fx *f = *state;
	struct store_plan_value v1[] = {{"equip_item", "Stool"}, {"equip_provider", "Council"}, {"equip_issued", NULL}};
	struct store_plan_item it = {.plan_id = f->plan, .section = "equipment", .position = 0, .values = v1, .n_values = 3};
	int64_t a_id = 0, b_id = 0;
	assert_int_equal(store_plan_item_insert(f->c, &it, &a_id), CP_OK);
	struct store_plan_value v2[] = {{"sos_route", "Ring us"}};
	struct store_plan_item sos = {.plan_id = f->plan, .section = "sos", .values = v2, .n_values = 1};
	assert_int_equal(store_plan_item_insert(f->c, &sos, &b_id), CP_OK);
	struct store_plan_item *items;
	size_t n;
	assert_int_equal(store_plan_item_list(f->c, f->a, f->plan, 10, &items, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].section, "equipment");
	assert_int_equal(items[0].n_values, 2); /* NULL values are not stored */
	assert_string_equal(items[1].values[0].value, "Ring us");
	struct store_plan_value v3[] = {{"equip_item", "Rail"}};
	struct store_plan_item changed = {.id = a_id, .plan_id = f->plan, .section = "equipment", .position = 4,
					  .values = v3, .n_values = 1};
	assert_int_equal(store_plan_item_update(f->c, &changed), CP_OK);
	assert_int_equal(store_plan_item_list(f->c, f->a, f->plan, 10, &items, &n), CP_OK);
	for (size_t i = 0; i < n; i++)
		if (items[i].id == a_id) {
			assert_int_equal(items[i].n_values, 1);
			assert_string_equal(items[i].values[0].value, "Rail");
			assert_int_equal(items[i].position, 4);
		}
	assert_int_equal(store_plan_item_delete(f->c, a_id), CP_OK);
	assert_int_equal(store_plan_item_delete(f->c, a_id), CP_ENOTFOUND);
	changed.id = 999;
	assert_int_equal(store_plan_item_update(f->c, &changed), CP_ENOTFOUND);
	assert_int_equal(store_plan_item_list(f->c, f->a, f->plan, 10, &items, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, b_id);
}

static void versions_keep_snapshots_newest_first(void **state)
{
	struct fx *f = *state;
	for (int v = 1; v <= 3; v++) {
		struct store_plan_version pv = {.plan_id = f->plan, .version = v, .saved_ms = 1000 * v, .user_id = f->user,
						.status = v == 3 ? "agreed" : "draft", .snapshot = v == 1 ? "plan\tstatus\tDraft\n" : "x"};
		assert_int_equal(store_plan_version_insert(f->c, &pv), CP_OK);
	}
	struct store_plan_version dup = {.plan_id = f->plan, .version = 2, .status = "draft", .snapshot = "y"};
	assert_int_equal(store_plan_version_insert(f->c, &dup), CP_ECONFLICT);
	struct store_plan_version got;
	assert_int_equal(store_plan_version_get(f->c, f->a, f->plan, 1, &got), CP_OK);
	assert_string_equal(got.snapshot, "plan\tstatus\tDraft\n");
	assert_string_equal(got.user_name, "Sam Okafor");
	assert_int_equal(got.saved_ms, 1000);
	assert_int_equal(store_plan_version_get(f->c, f->a, f->plan, 4, &got), CP_ENOTFOUND);
	struct store_plan_version *list;
	size_t n;
	assert_int_equal(store_plan_version_list(f->c, f->a, f->plan, 2, &list, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].version, 3);
	assert_string_equal(list[0].status, "agreed");
	assert_null(list[0].snapshot);
	assert_int_equal(list[1].version, 2);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_plan_round_trips_one_an_episode),
		T(an_update_needs_the_current_version),
		T(goals_and_actions_round_trip_with_optional_values),
		T(items_keep_their_values_and_are_replaced_or_removed_whole),
		T(versions_keep_snapshots_newest_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
