/*
 * test_store_assess.c - the holistic assessment in the SQLite store
 * (src/store/store_sqlite_assess.c, migration 4): round trips of every kind
 * of record with their NULLs, the order of each list, the story's versions
 * (a second save of the same version is a conflict), a medicine's optimistic
 * concurrency and stopping, and the schema's own checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "fixture.h"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t person, user, episode, other_episode, carer;
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
			       .discipline = "nurse", .password_hash = "x", .created_ms = 1000};
	struct store_episode e = {.stage = "assessment", .level = 2, .started_ms = 1000};
	struct store_episode e2 = {.stage = "closed", .closure = "declined", .level = 1, .started_ms = 500,
				   .ended_ms = 900};
	struct store_contact k = {.name = "Bob Store", .relationship = "husband", .is_carer = true};
	if (store_person_insert(f->c, &p, &f->person) || store_user_insert(f->c, &u, &f->user))
		return -1;
	e.person_id = e2.person_id = k.person_id = f->person;
	if (store_episode_insert(f->c, &e, &f->episode) || store_episode_insert(f->c, &e2, &f->other_episode) ||
	    store_contact_insert(f->c, &k, &f->carer))
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

static void the_story_keeps_every_version_and_refuses_a_second_save_of_one(void **state)
{
	struct fx *f = *state;
	struct store_story s;
	assert_int_equal(store_story_current(f->c, f->a, f->episode, &s), CP_ENOTFOUND);
	struct store_story v1 = {.episode_id = f->episode, .version = 1, .whats_new = "New hip",
				 .matters_most = "My garden", .recorded_by = "person", .user_id = f->user,
				 .time_ms = 2000};
	int64_t id1 = 0, id2 = 0;
	assert_int_equal(store_story_insert(f->c, &v1, &id1), CP_OK);
	struct store_story v2 = v1;
	v2.version = 2;
	v2.whats_good = "Walking again";
	v2.recorded_by = "with_professional";
	v2.time_ms = 3000;
	assert_int_equal(store_story_insert(f->c, &v2, &id2), CP_OK);
	/* Someone else saving from version 1 as well collides. */
	assert_int_equal(store_story_insert(f->c, &v2, NULL), CP_ECONFLICT);
	assert_int_equal(store_story_current(f->c, f->a, f->episode, &s), CP_OK);
	assert_int_equal(s.id, id2);
	assert_int_equal(s.version, 2);
	assert_string_equal(s.whats_new, "New hip");
	assert_string_equal(s.whats_good, "Walking again");
	assert_null(s.whats_tough);
	assert_string_equal(s.recorded_by, "with_professional");
	assert_string_equal(s.user_name, "Sam Okafor");
	assert_int_equal(s.time_ms, 3000);
	struct store_story *all;
	size_t n = 0;
	assert_int_equal(store_story_history(f->c, f->a, f->episode, 10, &all, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(all[0].version, 2);
	assert_int_equal(all[1].version, 1);
	assert_null(all[1].whats_good);
	/* Another episode has none. */
	assert_int_equal(store_story_current(f->c, f->a, f->other_episode, &s), CP_ENOTFOUND);
	/* The schema refuses an unknown recorder. */
	struct store_story bad = v1;
	bad.version = 3;
	bad.recorded_by = "neighbour";
	assert_int_equal(store_story_insert(f->c, &bad, NULL), CP_EDB);
}

static void professional_stories_and_outcomes_round_trip_newest_story_first(void **state)
{
	struct fx *f = *state;
	struct store_pro_story p1 = {.episode_id = f->episode, .user_id = f->user, .discipline = "nurse",
				     .issues = "Breathless", .story_date = "2026-01-02", .created_ms = 10};
	struct store_pro_story p2 = {.episode_id = f->episode, .user_id = f->user, .discipline = "gp",
				     .issues = "HbA1c up", .evidence = "68", .experience = "Seen it before",
				     .story_date = "2026-02-01", .created_ms = 11};
	assert_int_equal(store_pro_story_insert(f->c, &p1, NULL), CP_OK);
	assert_int_equal(store_pro_story_insert(f->c, &p2, NULL), CP_OK);
	struct store_pro_story *ps;
	size_t n = 0;
	assert_int_equal(store_pro_story_list(f->c, f->a, f->episode, 10, &ps, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ps[0].discipline, "gp");
	assert_string_equal(ps[0].evidence, "68");
	assert_string_equal(ps[0].user_name, "Sam Okafor");
	assert_null(ps[1].evidence);
	assert_null(ps[1].experience);
	assert_int_equal(store_pro_story_list(f->c, f->a, f->episode, 1, &ps, &n), CP_OK);
	assert_int_equal(n, 1);

	struct store_outcome o = {.episode_id = f->episode, .outcome = "Back to the garden", .agreed_by = "Ann and Sam",
				  .agreed_date = "2026-02-02", .user_id = f->user, .created_ms = 12};
	int64_t oid = 0;
	assert_int_equal(store_outcome_insert(f->c, &o, &oid), CP_OK);
	struct store_outcome *os;
	assert_int_equal(store_outcome_list(f->c, f->a, f->episode, 10, &os, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(os[0].id, oid);
	assert_string_equal(os[0].outcome, "Back to the garden");
	assert_string_equal(os[0].agreed_by, "Ann and Sam");
	assert_string_equal(os[0].agreed_date, "2026-02-02");
	assert_int_equal(store_outcome_list(f->c, f->a, f->other_episode, 10, &os, &n), CP_OK);
	assert_int_equal(n, 0);
}

static void entries_list_by_domain_then_risks_needs_strengths_and_the_schema_checks_their_shape(void **state)
{
	struct fx *f = *state;
	struct store_assess_entry s = {.episode_id = f->episode, .kind = "strength", .domain = "social",
				       .description = "Close family", .created_ms = 1};
	struct store_assess_entry n1 = {.episode_id = f->episode, .kind = "need", .domain = "clinical",
					.description = "Diabetes review", .severity = "moderate", .created_ms = 2};
	struct store_assess_entry r = {.episode_id = f->episode, .kind = "risk", .domain = "clinical",
				       .description = "Chest infection", .severity = "high", .likelihood = "possible",
				       .mitigation = "Rescue pack", .created_ms = 3};
	assert_int_equal(store_assess_entry_insert(f->c, &s, NULL), CP_OK);
	assert_int_equal(store_assess_entry_insert(f->c, &n1, NULL), CP_OK);
	assert_int_equal(store_assess_entry_insert(f->c, &r, NULL), CP_OK);
	struct store_assess_entry *es;
	size_t n = 0;
	assert_int_equal(store_assess_entry_list(f->c, f->a, f->episode, 10, &es, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(es[0].kind, "risk");
	assert_string_equal(es[0].likelihood, "possible");
	assert_string_equal(es[0].mitigation, "Rescue pack");
	assert_string_equal(es[1].kind, "need");
	assert_null(es[1].likelihood);
	assert_string_equal(es[2].domain, "social");
	assert_null(es[2].severity);
	/* A strength with a severity, or a risk without a likelihood, is refused. */
	struct store_assess_entry bad = s;
	bad.severity = "low";
	assert_int_equal(store_assess_entry_insert(f->c, &bad, NULL), CP_EDB);
	bad = r;
	bad.likelihood = NULL;
	assert_int_equal(store_assess_entry_insert(f->c, &bad, NULL), CP_EDB);
}

static void carer_needs_carry_the_carers_name_and_results_list_by_instrument_then_date(void **state)
{
	struct fx *f = *state;
	struct store_carer_need k = {.episode_id = f->episode, .contact_id = f->carer, .needs = "Sleep",
				     .created_ms = 5};
	assert_int_equal(store_carer_need_insert(f->c, &k, NULL), CP_OK);
	struct store_carer_need *ks;
	size_t n = 0;
	assert_int_equal(store_carer_need_list(f->c, f->a, f->episode, 10, &ks, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ks[0].carer_name, "Bob Store");
	assert_string_equal(ks[0].relationship, "husband");
	assert_null(ks[0].what_helps);

	struct store_instrument_result a1 = {.episode_id = f->episode, .instrument = "phq9", .taken_date = "2026-03-01",
					     .items = "0,0,0,0,0,0,0,0,1", .total = 1, .band = "minimal", .safety = true,
					     .created_ms = 1};
	struct store_instrument_result a0 = a1;
	a0.taken_date = "2026-01-01";
	a0.items = "1,1,1,1,1,1,1,1,0";
	a0.total = 8;
	a0.band = "mild";
	a0.safety = false;
	struct store_instrument_result g = {.episode_id = f->episode, .instrument = "gad7", .taken_date = "2026-05-01",
					    .items = "0,0,0,0,0,0,0", .total = 0, .band = "minimal", .created_ms = 1};
	assert_int_equal(store_instrument_insert(f->c, &a1, NULL), CP_OK);
	assert_int_equal(store_instrument_insert(f->c, &g, NULL), CP_OK);
	assert_int_equal(store_instrument_insert(f->c, &a0, NULL), CP_OK);
	struct store_instrument_result *rs;
	assert_int_equal(store_instrument_list(f->c, f->a, f->episode, 10, &rs, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rs[0].instrument, "gad7");
	assert_string_equal(rs[1].taken_date, "2026-01-01");
	assert_false(rs[1].safety);
	assert_string_equal(rs[2].taken_date, "2026-03-01");
	assert_true(rs[2].safety);
	assert_int_equal(rs[2].total, 1);
	assert_string_equal(rs[2].items, "0,0,0,0,0,0,0,0,1");
	struct store_instrument_result bad = g;
	bad.instrument = "mmse";
	assert_int_equal(store_instrument_insert(f->c, &bad, NULL), CP_EDB);
}

static void a_medicine_changes_only_from_its_current_version_and_stays_listed_when_stopped(void **state)
{
	struct fx *f = *state;
	struct store_medicine m = {.episode_id = f->episode, .name = "Metformin", .dose = "500 mg twice a day",
				   .user_id = f->user, .updated_ms = 1};
	struct store_medicine m2 = {.episode_id = f->episode, .name = "Gliclazide", .dose = "80 mg", .purpose = "Diabetes",
				    .needs_review = true, .review_reason = "Hypos", .updated_ms = 1};
	int64_t id = 0, id2 = 0;
	assert_int_equal(store_medicine_insert(f->c, &m, &id), CP_OK);
	assert_int_equal(store_medicine_insert(f->c, &m2, &id2), CP_OK);
	struct store_medicine got;
	assert_int_equal(store_medicine_get(f->c, f->a, id, &got), CP_OK);
	assert_int_equal(got.version, 1);
	assert_null(got.purpose);
	assert_false(got.needs_review);
	assert_null(got.stopped_date);
	/* Stop the first: it moves after the one still taken. */
	got.stopped_date = "2026-04-01";
	got.stopped_reason = "Not needed";
	got.updated_ms = 2;
	assert_int_equal(store_medicine_update(f->c, &got, 1), CP_OK);
	assert_int_equal(store_medicine_update(f->c, &got, 1), CP_ECONFLICT);
	got.id = 9999;
	assert_int_equal(store_medicine_update(f->c, &got, 1), CP_ENOTFOUND);
	struct store_medicine *ms;
	size_t n = 0;
	assert_int_equal(store_medicine_list(f->c, f->a, f->episode, 10, &ms, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ms[0].id, id2);
	assert_true(ms[0].needs_review);
	assert_string_equal(ms[0].review_reason, "Hypos");
	assert_int_equal(ms[1].id, id);
	assert_int_equal(ms[1].version, 2);
	assert_string_equal(ms[1].stopped_date, "2026-04-01");
	assert_string_equal(ms[1].stopped_reason, "Not needed");
	assert_int_equal(store_medicine_get(f->c, f->a, 424242, &got), CP_ENOTFOUND);
	/* Flagged for review without a reason breaks the schema's check. */
	struct store_medicine bad = m2;
	bad.review_reason = NULL;
	assert_int_equal(store_medicine_insert(f->c, &bad, NULL), CP_EDB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_story_keeps_every_version_and_refuses_a_second_save_of_one, setup,
						teardown),
		cmocka_unit_test_setup_teardown(professional_stories_and_outcomes_round_trip_newest_story_first, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			entries_list_by_domain_then_risks_needs_strengths_and_the_schema_checks_their_shape, setup, teardown),
		cmocka_unit_test_setup_teardown(
			carer_needs_carry_the_carers_name_and_results_list_by_instrument_then_date, setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_medicine_changes_only_from_its_current_version_and_stays_listed_when_stopped, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
