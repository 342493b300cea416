/* test_demo_ref.c - the demo's signposts and referrals (src/domain/demo_ref.c):
 * with services in the directory, Margaret has information given about a
 * lunch club for her lunch club action and a referral to a walking group
 * that was accepted, with its history, and another person waits for an
 * answer from a befriending scheme, every history row audited and the
 * chain whole; the demo's own directory gives the same three. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "domain/demo.h"
#include "fixture.h"

static const struct audit_actor cli = {.client = "cli"};

static int64_t raw_i64(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s\n", err ? err : "?");
	assert_int_equal(rc, SQLITE_OK);
	sqlite3_free(err);
	sqlite3_close(db);
}

/* A demo database at dir/name, with the directory's services first when
 * services is true. */
static void make(const char *dir, const char *name, bool services, char *path, size_t n)
{
	fx_path(path, n, dir, name);
	struct store *st;
	char msg[512] = "";
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_OK);
	if (services)
		raw_exec(path, "INSERT INTO dir_organisation(id, name, updated_ms) VALUES (1, 'Kingsmead Community (test)', 1);"
			       "INSERT INTO dir_service(id, organisation_id, name, reviewed_ms, created_ms, updated_ms) VALUES "
			       "(1, 1, 'Old Lunch Club', 1, 1, 1), (2, 1, 'St Anne''s Lunch Club', 1, 1, 1),"
			       "(3, 1, 'Wednesday Walking Group', 1, 1, 1), (4, 1, 'Phone Befriending', 1, 1, 1);"
			       "UPDATE dir_service SET status = 'defunct' WHERE id = 1;");
	struct store_conn *c = store_acquire(st);
	assert_int_equal(demo_create(c, &cli, 1790000000000LL, msg, sizeof msg), CP_OK);
	store_release(st, c);
	store_close(st);
}

static void test_the_demo_refers_margaret_and_another_person(void **state)
{
	(void)state;
	assert_true(sodium_init() >= 0);
	char *dir = fx_tmpdir();
	char path[600];
	make(dir, "demo.db", true, path, sizeof path);
	/* Margaret: information given about the running lunch club, for her action. */
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral r JOIN episode e ON e.id = r.episode_id "
				       "JOIN plan_action a ON a.id = r.plan_action_id WHERE e.person_id = 1 AND r.kind = "
				       "'signpost' AND r.status = 'given' AND r.service_id = 2 AND a.what LIKE 'Go to the "
				       "Tuesday lunch club%'"),
			 1);
	/* A walking group: sent, then accepted, with both in the history. */
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral r JOIN episode e ON e.id = r.episode_id "
				       "WHERE e.person_id = 1 AND r.kind = 'referral' AND r.service_id = 3 AND r.status = "
				       "'accepted' AND r.version = 2 AND r.need = 'mental_wellbeing'"),
			 1);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral_event v JOIN service_referral r ON "
				       "r.id = v.referral_id WHERE r.service_id = 3"),
			 2);
	/* Someone else waits for an answer; all by the link worker. */
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral r JOIN episode e ON e.id = r.episode_id "
				       "WHERE e.person_id <> 1 AND r.status = 'sent' AND r.service_id = 4"),
			 1);
	assert_int_equal(raw_i64(path, "SELECT count(DISTINCT created_by) FROM service_referral"), 1);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral r JOIN users u ON u.id = r.created_by "
				       "WHERE u.username = 'link.lopez'"),
			 3);
	/* One audit row a history row, the chain whole. */
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM audit WHERE action IN ('signpost.give', "
				       "'referral.create', 'referral.status')"),
			 raw_i64(path, "SELECT count(*) FROM service_referral_event"));
	struct store *st;
	char msg[512];
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_OK);
	struct store_conn *c = store_acquire(st);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(c, &res), CP_OK);
	store_release(st, c);
	store_close(st);
	fx_rmdir(dir);
}

/* With only the demo's own directory (demo_dir.c runs first), the same three
 * are made, to the demo's lunch club, walking group and befriending scheme. */
static void test_the_demo_directory_gives_the_demo_referrals(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600];
	make(dir, "own.db", false, path, sizeof path);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral"), 3);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM service_referral r JOIN dir_service s ON s.id = r.service_id "
				       "WHERE (r.kind = 'signpost' AND s.name LIKE '%lunch club%') OR (r.status = "
				       "'accepted' AND s.name LIKE '%walking%') OR (r.status = 'sent' AND s.name LIKE "
				       "'%befriend%')"),
			 3);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM audit WHERE action LIKE 'referral.%' OR action = "
				       "'signpost.give'"),
			 raw_i64(path, "SELECT count(*) FROM service_referral_event"));
	fx_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_demo_refers_margaret_and_another_person),
		cmocka_unit_test(test_the_demo_directory_gives_the_demo_referrals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
