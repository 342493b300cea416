/* test_demo.c - the fictional demo service (src/domain/demo.c), created in
 * a store on a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/demo.h"
#include "domain/episode.h"
#include "domain/nhsnum.h"
#include "domain/password.h"
#include "domain/role.h"
#include "fixture.h"
#include "util/str.h"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
};

static const struct audit_actor cli = {.client = "cli"};

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static int open_fx(struct fx *f, const char *name)
{
	f->dir = fx_tmpdir();
	fx_path(f->path, sizeof f->path, f->dir, name);
	char msg[512];
	if (!f->dir || store_open(f->path, 1, &f->st, msg, sizeof msg))
		return -1;
	f->c = store_acquire(f->st);
	f->a = arena_new(1 << 20);
	return 0;
}

static void close_fx(struct fx *f)
{
	arena_free(f->a);
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
}

/* A store already filled with the demo data. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char msg[512] = "";
	if (open_fx(f, "demo.db") || demo_create(f->c, &cli, 1790000000000LL, msg, sizeof msg) != CP_OK) {
		fprintf(stderr, "demo_create: %s\n", msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	close_fx(f);
	free(f);
	return 0;
}

static int64_t raw_i64(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Calls check(text) for every row of a one-column query; returns the rows. */
static int each_text(struct fx *f, const char *sql, void (*check)(const char *))
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	int n = 0;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		check(t ? t : "");
		n++;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static void check_nhs(const char *t)
{
	assert_true(nhsnum_valid(t));
	assert_true(str_starts(t, "999"));
}

static void check_postcode(const char *t)
{
	assert_true(str_starts(t, "ZZ99 "));
}

static void check_phone(const char *t)
{
	/* Ofcom's drama ranges: 01632 960xxx and 07700 900xxx. */
	assert_true(str_starts(t, "01632 960") || str_starts(t, "07700 900"));
}

static void creates_forty_people_with_test_range_nhs_numbers(void **state)
{
	struct fx *f = *state;
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM person"), DEMO_PEOPLE);
	assert_int_equal(DEMO_PEOPLE, 40);
	assert_int_equal(each_text(f, "SELECT nhs_number FROM person", check_nhs), 40);
	assert_int_equal(raw_i64(f, "SELECT count(DISTINCT nhs_number) FROM person"), 40);
	assert_int_equal(each_text(f, "SELECT postcode FROM person", check_postcode), 40);
	assert_int_equal(each_text(f, "SELECT phone FROM person UNION ALL SELECT phone FROM contact", check_phone),
			 40 + raw_i64(f, "SELECT count(*) FROM contact"));
	/* Everyone has one to three conditions and belongs to the one team. */
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM person p WHERE (SELECT count(*) FROM person_condition c "
				    "WHERE c.person_id = p.id) NOT BETWEEN 1 AND 3"),
			 0);
	assert_int_equal(raw_i64(f, "SELECT count(DISTINCT team_id) FROM person"), 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM organisation"), 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM team"), 1);
}

static void there_is_a_login_for_every_role(void **state)
{
	struct fx *f = *state;
	size_t n;
	const struct demo_login *l = demo_logins(&n);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM users"), (int64_t)n);
	bool has[ROLE__MAX] = {0};
	for (size_t i = 0; i < n; i++) {
		struct store_user u;
		assert_int_equal(store_user_by_username(f->c, f->a, l[i].username, &u), CP_OK);
		assert_string_equal(u.role, l[i].role);
		assert_string_equal(u.display_name, l[i].name);
		enum role r = role_from_code(u.role);
		assert_true(r < ROLE__MAX);
		has[r] = true;
		if (role_needs_discipline(r))
			assert_non_null(u.discipline);
		if (u.discipline)
			assert_true(discipline_from_code(u.discipline) < DISC__MAX);
		bool in_team = r == ROLE_MANAGER || r == ROLE_KEYWORKER || r == ROLE_PROFESSIONAL;
		assert_int_equal(u.team_id != 0, in_team);
		assert_int_equal(u.person_id != 0, r == ROLE_PERSON);
		assert_false(u.disabled);
	}
	for (int r = 0; r < ROLE__MAX; r++)
		if (!has[r])
			fail_msg("no demo login for role %s", role_code((enum role)r));
}

static void demo_password_signs_in_every_login_and_passes_the_policy(void **state)
{
	struct fx *f = *state;
	char msg[256];
	assert_int_equal(password_check(DEMO_PASSWORD, "admin", msg, sizeof msg), CP_OK);
	struct store_user u;
	assert_int_equal(store_user_by_username(f->c, f->a, "carer", &u), CP_OK);
	char full[PASSWORD_HASH_MAX] = "";
	snprintf(full, sizeof full, "%s", u.password_hash);
	assert_true(password_verify(full, DEMO_PASSWORD));
	/* One hash for all: the same string everywhere. */
	assert_int_equal(raw_i64(f, "SELECT count(DISTINCT password_hash) FROM users"), 1);
}

static void person_and_carer_logins_are_linked_to_margaret(void **state)
{
	struct fx *f = *state;
	struct store_user person, carer;
	assert_int_equal(store_user_by_username(f->c, f->a, "person", &person), CP_OK);
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, person.person_id, &p), CP_OK);
	assert_string_equal(p.given_name, "Margaret");
	assert_string_equal(p.family_name, "Hughes");
	assert_string_equal(p.preferred_name, "Maggie");
	const char **conds;
	size_t n;
	assert_int_equal(store_condition_list(f->c, f->a, p.id, 10, &conds, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(conds[0], "COPD");
	assert_string_equal(conds[1], "Depression");
	assert_string_equal(conds[2], "Type 2 diabetes");

	assert_int_equal(store_user_by_username(f->c, f->a, "carer", &carer), CP_OK);
	struct store_contact *ks;
	assert_int_equal(store_contacts_of_user(f->c, f->a, carer.id, 10, &ks, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ks[0].person_id, p.id);
	assert_true(ks[0].is_carer);
	assert_string_equal(ks[0].relationship, "husband");
	/* Margaret has let David see her plan. */
	bool live = false;
	assert_int_equal(store_grant_live(f->c, p.id, carer.id, &live), CP_OK);
	assert_true(live);
}

static void every_row_is_audited_and_the_chain_holds(void **state)
{
	struct fx *f = *state;
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_OK);
	/* One row a record, and for episodes one a history row (the start,
	 * each move and change of level) and one a care team member added (the
	 * key worker comes with the start), and one a saved plan version. */
	int64_t expect = raw_i64(f, "SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM team) + "
				    "(SELECT count(*) FROM person) + (SELECT count(*) FROM contact) + "
				    "(SELECT count(*) FROM users) + (SELECT count(*) FROM episode_event) + "
				    "(SELECT count(*) FROM care_team_member WHERE NOT is_key_worker) + "
				    "(SELECT count(*) FROM carer_grant) + (SELECT count(*) FROM feedback) + "
				    /* the assessments: one audit row a record (demo_assess.c) */
				    "(SELECT count(*) FROM assess_story) + (SELECT count(*) FROM assess_pro_story) + "
				    "(SELECT count(*) FROM assess_outcome) + (SELECT count(*) FROM assess_entry) + "
				    "(SELECT count(*) FROM assess_carer_need) + (SELECT count(*) FROM assess_instrument) + "
				    "(SELECT count(*) FROM assess_medicine) + "
				    /* the plans: one audit row a saved version (demo_plan.c) */
				    "(SELECT count(*) FROM plan_version) + "
				    /* implementation, reviews and exit (demo_review.c) */
				    "(SELECT count(*) FROM activity) + (SELECT count(*) FROM review) + "
				    "(SELECT count(*) FROM checkin) + (SELECT count(*) FROM episode_exit) + "
				    /* what the person wrote themself (demo_my.c) */
				    "(SELECT count(*) FROM about_me) + (SELECT count(*) FROM review_question) + "
				    /* readings and the review appointment (demo_letter.c) */
				    "(SELECT count(*) FROM reading) + (SELECT count(*) FROM review_appointment) + "
				    /* signposts and referrals, one a history row (demo_ref.c) */
				    "(SELECT count(*) FROM service_referral_event) + "
				    /* the self-assessments and their actions (demo_sat.c) */
				    "(SELECT count(*) FROM self_assessment) + (SELECT count(*) FROM self_assessment_action) + "
				    /* the directory: one audit row an imported service (demo_dir.c) */
				    "(SELECT count(*) FROM dir_service) + "
				    /* the register: one audit row an import, none a row (demo_register.c) */
				    "(SELECT count(*) FROM register_import) + "
				    /* the activity events: one audit row for the whole import (demo_events.c) */
				    "(SELECT count(*) > 0 FROM activity_event)");
	assert_int_equal(res.rows, expect);
	int64_t n;
	assert_int_equal(store_audit_count(f->c, "person.create", &n), CP_OK);
	assert_int_equal(n, 40);
	assert_int_equal(store_audit_count(f->c, "episode.create", &n), CP_OK);
	assert_int_equal(n, DEMO_EPISODES);
	assert_int_equal(store_audit_count(f->c, "episode.stage", &n), CP_OK);
	assert_int_equal(n, raw_i64(f, "SELECT count(*) FROM episode_event WHERE kind = 'stage' AND from_value IS NOT NULL"));
	assert_int_equal(store_audit_count(f->c, "episode.level", &n), CP_OK);
	assert_int_equal(n, raw_i64(f, "SELECT count(*) FROM episode_event WHERE kind = 'level'"));
	assert_true(n > 0);
	assert_int_equal(store_audit_count(f->c, "careteam.add", &n), CP_OK);
	assert_int_equal(n, raw_i64(f, "SELECT count(*) FROM care_team_member WHERE NOT is_key_worker"));
	/* Records say "demo data"; episode rows carry the service's codes. */
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE reason IS NOT 'demo data' AND action NOT IN "
				    "('episode.create', 'episode.stage', 'episode.level', 'careteam.add', 'register.import') "
				    "AND action NOT LIKE 'assessment.%' "
				    /* the directory goes in through the importer, audited as any import */
				    "AND action NOT LIKE 'directory.%'"),
			 0);
	/* Two self-assessments of the demo team, the first id 1 (the
	 * authorisation matrix asks for /self-assessments/1). */
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM self_assessment WHERE team_id = 1"), 2);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM self_assessment WHERE id = 1"), 1);
	assert_int_equal(store_audit_count(f->c, "selfassess.action", &n), CP_OK);
	assert_int_equal(n, raw_i64(f, "SELECT count(*) FROM self_assessment_action"));
	/* Each change moved the version on by one and left a history row. */
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM episode_event"), raw_i64(f, "SELECT sum(version) FROM episode"));
}

static void episodes_cover_the_whole_cycle(void **state)
{
	struct fx *f = *state;
	assert_int_equal(DEMO_EPISODES, 30);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM episode"), DEMO_EPISODES);
	assert_int_equal(raw_i64(f, "SELECT count(DISTINCT person_id) FROM episode"), DEMO_EPISODES);
	/* A few people have no episode, so one can be started. */
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM person p WHERE NOT EXISTS "
				    "(SELECT 1 FROM episode e WHERE e.person_id = p.id)"),
			 DEMO_PEOPLE - DEMO_EPISODES);
	for (int s = 0; s < STAGE__MAX; s++) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM episode WHERE stage = '%s'",
			 episode_stage_code((enum episode_stage)s));
		if (raw_i64(f, sql) < 1)
			fail_msg("no demo episode at stage %s", episode_stage_code((enum episode_stage)s));
	}
	for (int l = 1; l <= 3; l++) {
		char sql[100];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM episode WHERE level = %d", l);
		assert_true(raw_i64(f, sql) >= 1);
	}
	/* Every episode came in somehow, with both consents and a key worker;
	 * its newest stage row is where it is now. */
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM referral"), DEMO_EPISODES);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM consent"), 2 * DEMO_EPISODES);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM care_team_member WHERE is_key_worker AND to_date IS NULL"),
			 DEMO_EPISODES);
	assert_true(raw_i64(f, "SELECT count(DISTINCT user_id) FROM care_team_member WHERE is_key_worker") > 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM episode e WHERE stage IS NOT (SELECT to_value FROM "
				    "episode_event v WHERE v.episode_id = e.id AND kind = 'stage' ORDER BY id DESC LIMIT 1)"),
			 0);
	assert_true(raw_i64(f, "SELECT count(DISTINCT source) FROM referral") > 3);
	assert_int_equal(raw_i64(f, "SELECT count(DISTINCT urgency) FROM referral"), 3);
	/* Referrals within the year before the day of now_ms (2026-09-21). */
	struct caldate today, year_ago;
	assert_int_equal(caldate_from_days((int)(1790000000000LL / 86400000LL), &today), CP_OK);
	assert_int_equal(caldate_add_days(today, -365, &year_ago), CP_OK);
	char sql[200], a[CALDATE_STR], b[CALDATE_STR];
	caldate_format(year_ago, a, sizeof a);
	caldate_format(today, b, sizeof b);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM referral WHERE kind = 'referral' AND referral_date BETWEEN '%s' AND '%s'", a, b);
	assert_int_equal(raw_i64(f, sql), raw_i64(f, "SELECT count(*) FROM referral WHERE kind = 'referral'"));
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM episode_event WHERE time_ms > 1790000000000"), 0);
}

static void margaret_is_active_at_level_3_with_sam_okafor_as_key_worker(void **state)
{
	struct fx *f = *state;
	struct store_user person, kw;
	assert_int_equal(store_user_by_username(f->c, f->a, "person", &person), CP_OK);
	assert_int_equal(store_user_by_username(f->c, f->a, "keyworker", &kw), CP_OK);
	assert_string_equal(kw.display_name, "Sam Okafor");
	struct store_episode e;
	assert_int_equal(store_episode_open_of(f->c, f->a, person.person_id, &e), CP_OK);
	assert_string_equal(e.stage, "active");
	assert_int_equal(e.level, 3);
	assert_true(e.reached_active);
	struct store_team_member k;
	assert_int_equal(store_team_key_worker(f->c, f->a, e.id, &k), CP_OK);
	assert_int_equal(k.user_id, kw.id);
	struct store_team_member *m;
	size_t n;
	assert_int_equal(store_team_member_list(f->c, f->a, e.id, 20, &m, &n), CP_OK);
	assert_int_equal(n, 5); /* key worker, GP, community nurse, social worker, pharmacist */
	const char *want[] = {"gp.carter", "cnurse.mensah", "social.walsh", "pharm.kim"};
	for (size_t i = 0; i < 4; i++) {
		struct store_user u;
		bool found = false;
		assert_int_equal(store_user_by_username(f->c, f->a, want[i], &u), CP_OK);
		for (size_t j = 0; j < n; j++)
			found |= m[j].user_id == u.id && !m[j].to_date && !m[j].is_key_worker;
		if (!found)
			fail_msg("%s is not in Margaret's care team", want[i]);
	}
	struct store_referral r;
	assert_int_equal(store_referral_get(f->c, f->a, e.id, &r), CP_OK);
	assert_string_equal(r.kind, "referral");
	assert_non_null(strstr(r.source, "GP"));
	struct store_consent *ks;
	assert_int_equal(store_consent_list(f->c, f->a, e.id, 2, &ks, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ks[0].given_by, "person");
	assert_string_equal(ks[1].given_by, "person");
}

static void refuses_a_database_that_has_users(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	int64_t before = raw_i64(f, "SELECT count(*) FROM audit");
	assert_int_equal(demo_create(f->c, &cli, 1, msg, sizeof msg), CP_ECONFLICT);
	assert_string_equal(msg, "the database already has users; demo data goes only into an empty database");
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM person"), 40);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM episode"), DEMO_EPISODES);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit"), before);
}

static void refuses_even_a_single_real_user(void **state)
{
	(void)state;
	struct fx f = {0};
	assert_int_equal(open_fx(&f, "real.db"), 0);
	struct store_user u = {.username = "realadmin", .display_name = "Real", .role = "administrator",
			       .password_hash = "$argon2id$x", .created_ms = 1};
	int64_t id;
	assert_int_equal(store_user_insert(f.c, &u, &id), CP_OK);
	char msg[512] = "";
	assert_int_equal(demo_create(f.c, &cli, 1, msg, sizeof msg), CP_ECONFLICT);
	assert_int_equal(raw_i64(&f, "SELECT count(*) FROM person"), 0);
	assert_int_equal(raw_i64(&f, "SELECT count(*) FROM users"), 1);
	assert_int_equal(raw_i64(&f, "SELECT count(*) FROM episode"), 0);
	close_fx(&f);
}

static void every_demo_database_is_the_same(void **state)
{
	struct fx *f = *state;
	struct fx g = {0};
	assert_int_equal(open_fx(&g, "again.db"), 0);
	char msg[512] = "";
	assert_int_equal(demo_create(g.c, &cli, 1790000000000LL, msg, sizeof msg), CP_OK);
	for (int64_t id = 1; id <= 40; id++) {
		struct store_person a, b;
		assert_int_equal(store_person_get(f->c, f->a, id, &a), CP_OK);
		assert_int_equal(store_person_get(g.c, g.a, id, &b), CP_OK);
		assert_string_equal(a.nhs_number, b.nhs_number);
		assert_string_equal(a.given_name, b.given_name);
		assert_string_equal(a.birth_date, b.birth_date);
	}
	for (int64_t id = 1; id <= DEMO_EPISODES; id++) {
		struct store_episode a, b;
		assert_int_equal(store_episode_get(f->c, f->a, id, &a), CP_OK);
		assert_int_equal(store_episode_get(g.c, g.a, id, &b), CP_OK);
		assert_int_equal(a.person_id, b.person_id);
		assert_string_equal(a.stage, b.stage);
		assert_int_equal(a.level, b.level);
		assert_int_equal(a.started_ms, b.started_ms);
	}
	close_fx(&g);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(creates_forty_people_with_test_range_nhs_numbers),
		T(there_is_a_login_for_every_role),
		T(demo_password_signs_in_every_login_and_passes_the_policy),
		T(person_and_carer_logins_are_linked_to_margaret),
		T(every_row_is_audited_and_the_chain_holds),
		T(episodes_cover_the_whole_cycle),
		T(margaret_is_active_at_level_3_with_sam_okafor_as_key_worker),
		T(refuses_a_database_that_has_users),
		cmocka_unit_test(refuses_even_a_single_real_user),
		T(every_demo_database_is_the_same),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
