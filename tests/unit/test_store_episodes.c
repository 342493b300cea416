/*
 * test_store_episodes.c - episodes, their history, referrals, consents and
 * care team periods in the SQLite store (src/store/store_sqlite.c,
 * migration 3): round trips, one open episode a person, optimistic
 * concurrency, the order of lists, and ending a care team period.
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
	int64_t person, user;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	if (!f->dir)
		return -1;
	fx_path(f->path, sizeof f->path, f->dir, "care.db");
	char msg[512];
	if (store_open(f->path, 1, &f->st, msg, sizeof msg) != CP_OK) {
		fprintf(stderr, "store_open: %s\n", msg);
		return -1;
	}
	f->c = store_acquire(f->st);
	f->a = arena_new(1 << 20);
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Store",
				 .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000};
	if (store_person_insert(f->c, &p, &f->person) || store_user_insert(f->c, &u, &f->user))
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

static int64_t add_episode(struct fx *f, const char *stage, int64_t previous)
{
	struct store_episode e = {.person_id = f->person, .stage = stage, .level = 2, .previous_episode_id = previous,
				  .started_ms = 5000, .closure = strcmp(stage, "closed") == 0 ? "died" : NULL};
	int64_t id = 0;
	assert_int_equal(store_episode_insert(f->c, &e, &id), CP_OK);
	assert_true(id > 0);
	return id;
}

static void the_migrations_bring_the_schema_to_the_current_version(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_schema_version(f->c), STORE_SCHEMA_VERSION);
}

static void an_episode_round_trips_and_knows_the_episode_that_followed_it(void **state)
{
	struct fx *f = *state;
	int64_t first = add_episode(f, "discharged", 0);
	int64_t second = add_episode(f, "entry", first);
	struct store_episode e;
	assert_int_equal(store_episode_get(f->c, f->a, second, &e), CP_OK);
	assert_int_equal(e.person_id, f->person);
	assert_string_equal(e.stage, "entry");
	assert_int_equal(e.level, 2);
	assert_null(e.closure);
	assert_int_equal(e.previous_episode_id, first);
	assert_int_equal(e.next_episode_id, 0);
	assert_int_equal(e.version, 1);
	assert_int_equal(e.updated_ms, 5000);
	assert_int_equal(store_episode_get(f->c, f->a, first, &e), CP_OK);
	assert_int_equal(e.next_episode_id, second);
	assert_int_equal(store_episode_get(f->c, f->a, 999, &e), CP_ENOTFOUND);
}

static void a_person_has_at_most_one_open_episode(void **state)
{
	struct fx *f = *state;
	add_episode(f, "closed", 0);
	add_episode(f, "discharged", 0);
	int64_t open = add_episode(f, "assessment", 0);
	struct store_episode e = {.person_id = f->person, .stage = "maintenance", .level = 1, .started_ms = 1};
	int64_t id = 0;
	assert_int_equal(store_episode_insert(f->c, &e, &id), CP_ECONFLICT);
	struct store_episode got;
	assert_int_equal(store_episode_open_of(f->c, f->a, f->person, &got), CP_OK);
	assert_int_equal(got.id, open);
	assert_int_equal(store_episode_latest_of(f->c, f->a, f->person, &got), CP_OK);
	assert_int_equal(got.id, open);
	assert_int_equal(store_episode_open_of(f->c, f->a, f->person + 1, &got), CP_ENOTFOUND);
}

static void an_update_needs_the_current_version_and_changes_nothing_otherwise(void **state)
{
	struct fx *f = *state;
	int64_t id = add_episode(f, "entry", 0);
	struct store_episode e;
	assert_int_equal(store_episode_get(f->c, f->a, id, &e), CP_OK);
	e.stage = "assessment";
	e.updated_ms = 7000;
	assert_int_equal(store_episode_update(f->c, &e, 1), CP_OK);
	e.stage = "planning";
	assert_int_equal(store_episode_update(f->c, &e, 1), CP_ECONFLICT);
	struct store_episode now;
	assert_int_equal(store_episode_get(f->c, f->a, id, &now), CP_OK);
	assert_string_equal(now.stage, "assessment");
	assert_int_equal(now.version, 2);
	assert_int_equal(now.updated_ms, 7000);
	e.id = 999;
	assert_int_equal(store_episode_update(f->c, &e, 1), CP_ENOTFOUND);
}

static void a_persons_episodes_list_the_open_one_first_then_newest(void **state)
{
	struct fx *f = *state;
	int64_t a = add_episode(f, "closed", 0);
	int64_t b = add_episode(f, "active", 0);
	int64_t c = add_episode(f, "discharged", 0);
	struct store_episode *list;
	size_t n = 0;
	assert_int_equal(store_episode_list(f->c, f->a, f->person, 10, &list, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].id, b);
	assert_int_equal(list[1].id, c);
	assert_int_equal(list[2].id, a);
	assert_int_equal(store_episode_list(f->c, f->a, f->person, 1, &list, &n), CP_OK);
	assert_int_equal(n, 1);
}

static void history_lists_in_order_with_who_made_each_change(void **state)
{
	struct fx *f = *state;
	int64_t id = add_episode(f, "entry", 0);
	struct store_episode_event ev = {.episode_id = id, .time_ms = 1, .user_id = f->user, .kind = "stage",
					 .to_value = "entry", .reason = "Referral received"};
	assert_int_equal(store_episode_event_insert(f->c, &ev, NULL), CP_OK);
	ev = (struct store_episode_event){.episode_id = id, .time_ms = 2, .kind = "level", .from_value = "2",
					  .to_value = "3", .reason = "More needs"};
	assert_int_equal(store_episode_event_insert(f->c, &ev, NULL), CP_OK);
	struct store_episode_event *list;
	size_t n = 0;
	assert_int_equal(store_episode_event_list(f->c, f->a, id, 10, &list, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].kind, "stage");
	assert_null(list[0].from_value);
	assert_string_equal(list[0].user_name, "Sam Okafor");
	assert_string_equal(list[1].from_value, "2");
	assert_string_equal(list[1].reason, "More needs");
	assert_null(list[1].user_name);
	ev.kind = "gossip";
	assert_int_equal(store_episode_event_insert(f->c, &ev, NULL), CP_EDB);
}

static void a_referral_and_one_consent_of_each_kind_round_trip(void **state)
{
	struct fx *f = *state;
	int64_t id = add_episode(f, "entry", 0);
	struct store_referral r;
	assert_int_equal(store_referral_get(f->c, f->a, id, &r), CP_ENOTFOUND);
	struct store_referral in = {.episode_id = id, .kind = "referral", .source = "GP", .reason = "Falls",
				    .urgency = "urgent", .referral_date = "2026-01-10"};
	assert_int_equal(store_referral_insert(f->c, &in, NULL), CP_OK);
	assert_int_equal(store_referral_get(f->c, f->a, id, &r), CP_OK);
	assert_string_equal(r.urgency, "urgent");
	assert_string_equal(r.referral_date, "2026-01-10");
	in.urgency = "whenever";
	in.episode_id = add_episode(f, "closed", 0);
	assert_int_equal(store_referral_insert(f->c, &in, NULL), CP_EDB);

	struct store_consent k = {.episode_id = id, .kind = "sharing", .given_by = "representative",
				  .representative = "David", .given_date = "2026-01-12", .scope = "GP"};
	assert_int_equal(store_consent_insert(f->c, &k, NULL), CP_OK);
	assert_int_equal(store_consent_insert(f->c, &k, NULL), CP_ECONFLICT);
	k.kind = "assessment";
	k.given_by = "person";
	k.representative = NULL;
	assert_int_equal(store_consent_insert(f->c, &k, NULL), CP_OK);
	struct store_consent *list;
	size_t n = 0;
	assert_int_equal(store_consent_list(f->c, f->a, id, 5, &list, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].kind, "assessment");
	assert_string_equal(list[1].representative, "David");
}

static void care_team_periods_list_running_key_worker_first_and_end_once(void **state)
{
	struct fx *f = *state;
	int64_t id = add_episode(f, "entry", 0);
	struct store_team_member ext = {.episode_id = id, .name = "Jo Lake", .organisation = "Age UK",
					.role = "Befriender", .from_date = "2026-01-01"};
	struct store_team_member kw = {.episode_id = id, .user_id = f->user, .role = "Key worker",
				       .from_date = "2026-01-02", .is_key_worker = true};
	int64_t ext_id = 0, kw_id = 0;
	assert_int_equal(store_team_member_insert(f->c, &ext, &ext_id), CP_OK);
	assert_int_equal(store_team_member_insert(f->c, &kw, &kw_id), CP_OK);
	struct store_team_member *list, got;
	size_t n = 0;
	assert_int_equal(store_team_member_list(f->c, f->a, id, 10, &list, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, kw_id);
	assert_string_equal(list[0].user_name, "Sam Okafor");
	assert_string_equal(list[1].organisation, "Age UK");
	assert_int_equal(store_team_key_worker(f->c, f->a, id, &got), CP_OK);
	assert_int_equal(got.id, kw_id);

	assert_int_equal(store_team_member_end(f->c, kw_id, "2026-02-01"), CP_OK);
	assert_int_equal(store_team_member_end(f->c, kw_id, "2026-03-01"), CP_ENOTFOUND);
	assert_int_equal(store_team_key_worker(f->c, f->a, id, &got), CP_ENOTFOUND);
	assert_int_equal(store_team_member_get(f->c, f->a, kw_id, &got), CP_OK);
	assert_string_equal(got.to_date, "2026-02-01");
	assert_int_equal(store_team_member_list(f->c, f->a, id, 10, &list, &n), CP_OK);
	assert_int_equal(list[0].id, ext_id);
	assert_int_equal(list[1].id, kw_id);
	struct store_team_member nobody = {.episode_id = id, .role = "X", .from_date = "2026-01-01"};
	assert_int_equal(store_team_member_insert(f->c, &nobody, NULL), CP_EDB);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(the_migrations_bring_the_schema_to_the_current_version),
		T(an_episode_round_trips_and_knows_the_episode_that_followed_it),
		T(a_person_has_at_most_one_open_episode),
		T(an_update_needs_the_current_version_and_changes_nothing_otherwise),
		T(a_persons_episodes_list_the_open_one_first_then_newest),
		T(history_lists_in_order_with_who_made_each_change),
		T(a_referral_and_one_consent_of_each_kind_round_trip),
		T(care_team_periods_list_running_key_worker_first_and_end_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
