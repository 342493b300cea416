/*
 * test_store_sqlite.c - the SQLite store (src/store/store_sqlite.c) on a
 * temporary database file: migrations, version refusal, constraints, every
 * record type, sessions, the failed sign-in window, the audit table, backup,
 * the connection pool and transactions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "fixture.h"
#include "store/store_sqlite.c"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	if (!f->dir)
		return -1;
	fx_path(f->path, sizeof f->path, f->dir, "care.db");
	char msg[512];
	if (store_open(f->path, 2, &f->st, msg, sizeof msg) != CP_OK) {
		fprintf(stderr, "store_open: %s\n", msg);
		return -1;
	}
	f->c = store_acquire(f->st);
	f->a = arena_new(1 << 20);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	if (f->c)
		store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

/* An organisation and a team; returns the team's id. */
static int64_t add_team(struct store_conn *c, const char *name)
{
	int64_t org = 0, team = 0;
	struct store_org o = {.name = "Org", .ods_code = "ZZZ01"};
	assert_int_equal(store_org_insert(c, &o, &org), CP_OK);
	struct store_team t = {.org_id = org, .name = name};
	assert_int_equal(store_team_insert(c, &t, &team), CP_OK);
	return team;
}

static int64_t add_user(struct store_conn *c, const char *username, const char *name, const char *role,
			int64_t team_id)
{
	struct store_user u = {.username = username, .display_name = name, .role = role, .team_id = team_id,
			       .password_hash = "$argon2id$not-a-real-hash", .created_ms = 1000};
	int64_t id = 0;
	assert_int_equal(store_user_insert(c, &u, &id), CP_OK);
	assert_true(id > 0);
	return id;
}

static int64_t add_person(struct store_conn *c, const char *nhs, const char *given, int64_t team_id)
{
	struct store_person p = {.nhs_number = nhs, .given_name = given, .family_name = "Tester",
				 .birth_date = "1950-01-02", .address = "1 Mill Lane", .postcode = "ZZ99 1AA",
				 .phone = "01632 960000", .gp_practice = "Riverside", .team_id = team_id,
				 .created_ms = 5};
	int64_t id = 0;
	assert_int_equal(store_person_insert(c, &p, &id), CP_OK);
	return id;
}

/* Runs one SQL statement on the file with its own connection. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *e = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &e);
	if (rc != SQLITE_OK)
		fprintf(stderr, "raw_exec: %s\n", e ? e : "?");
	sqlite3_free(e);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
}

/* One integer from a query on the file with its own connection. */
static int64_t raw_i64(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* ---- opening and migrations ----------------------------------------------- */

static void open_creates_the_schema_at_the_latest_version(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_schema_version(f->c), STORE_SCHEMA_VERSION);
	assert_int_equal(STORE_SCHEMA_VERSION, SQLITE_MIGRATION_COUNT);
	assert_int_equal(raw_i64(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
					  "('organisation','team','person','users','session','auth_failure',"
					  "'audit','audit_head','contact','person_condition')"),
			 10);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"), 2);
	char msg[256];
	assert_int_equal(store_integrity_check(f->c, msg, sizeof msg), CP_OK);
	assert_string_equal(msg, "ok");
}

static int64_t cache_kib(sqlite3 *db)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void the_page_cache_is_set_on_every_connection(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_set_cache(f->st, 0), CP_EINVAL);
	assert_int_equal(store_set_cache(f->st, STORE_CACHE_MIB_MAX + 1), CP_EINVAL);
	/* The fixture holds a connection: setting it now would race a request. */
	assert_int_equal(store_set_cache(f->st, 16), CP_ECONFLICT);
	store_release(f->st, f->c);
	f->c = NULL;
	assert_int_equal(store_set_cache(f->st, 16), CP_OK);
	for (int i = 0; i < f->st->n; i++)
		assert_int_equal(cache_kib(f->st->conns[i].db), -16 * 1024);
	f->c = store_acquire(f->st);
}

static void reopening_keeps_data_and_does_not_migrate_again(void **state)
{
	struct fx *f = *state;
	int64_t team = add_team(f->c, "Kingsmead");
	store_release(f->st, f->c);
	f->c = NULL;
	store_close(f->st);
	f->st = NULL;
	char msg[512];
	assert_int_equal(store_open(f->path, 1, &f->st, msg, sizeof msg), CP_OK);
	f->c = store_acquire(f->st);
	struct store_team t;
	assert_int_equal(store_team_get(f->c, f->a, team, &t), CP_OK);
	assert_string_equal(t.name, "Kingsmead");
	assert_string_equal(t.org_name, "Org");
	assert_int_equal(store_schema_version(f->c), STORE_SCHEMA_VERSION);
}

static void newer_schema_version_is_refused_with_eversion(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "newer.db");
	raw_exec(path, "CREATE TABLE future(x); PRAGMA user_version = 99;");
	struct store *st = (struct store *)1;
	assert_int_equal(store_open(path, 2, &st, msg, sizeof msg), CP_EVERSION);
	assert_null(st);
	assert_non_null(strstr(msg, "schema version 99"));
	assert_non_null(strstr(msg, path));
	/* Nothing was changed. */
	assert_int_equal(raw_i64(path, "PRAGMA user_version"), 99);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM sqlite_master WHERE name = 'users'"), 0);
	fx_rmdir(dir);
}

static void failed_migration_changes_nothing(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "clash.db");
	/* A table migration 1 wants to create is already there. */
	raw_exec(path, "CREATE TABLE users(x);");
	struct store *st = NULL;
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_EDB);
	assert_null(st);
	assert_non_null(strstr(msg, "migration 1 failed"));
	assert_int_equal(raw_i64(path, "PRAGMA user_version"), 0);
	assert_int_equal(raw_i64(path, "SELECT count(*) FROM sqlite_master WHERE name = 'organisation'"), 0);
	fx_rmdir(dir);
}

static void unopenable_path_is_refused_naming_it(void **state)
{
	(void)state;
	char msg[512] = "";
	struct store *st = NULL;
	assert_int_equal(store_open("/nonexistent-dir/x/care.db", 1, &st, msg, sizeof msg), CP_EDB);
	assert_null(st);
	assert_non_null(strstr(msg, "/nonexistent-dir/x/care.db"));
}

static void file_that_is_not_a_database_is_refused(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "junk.db");
	static char junk[8192];
	memset(junk, 'J', sizeof junk);
	assert_int_equal(fx_write(dir, "junk.db", junk, sizeof junk), 0);
	struct store *st = NULL;
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_EDB);
	assert_null(st);
	assert_non_null(strstr(msg, path));
	fx_rmdir(dir);
}

static void pool_size_below_one_means_one(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "one.db");
	struct store *st = NULL;
	assert_int_equal(store_open(path, 0, &st, msg, sizeof msg), CP_OK);
	assert_int_equal(st->n, 1);
	struct store_conn *c = store_acquire(st);
	assert_non_null(c);
	store_release(st, c);
	store_close(st);
	store_close(NULL);
	fx_rmdir(dir);
}

static void close_folds_the_wal_into_the_file(void **state)
{
	struct fx *f = *state;
	add_team(f->c, "T");
	store_release(f->st, f->c);
	f->c = NULL;
	store_close(f->st);
	f->st = NULL;
	char wal[700];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	struct stat sb;
	assert_true(stat(wal, &sb) != 0 || sb.st_size == 0);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM team"), 1);
}

/* ---- constraints ----------------------------------------------------------- */

static void taken_username_is_a_conflict(void **state)
{
	struct fx *f = *state;
	add_user(f->c, "alice", "Alice", "key_worker", 0);
	struct store_user u = {.username = "alice", .display_name = "Other Alice", .role = "carer",
			       .password_hash = "h", .created_ms = 1};
	int64_t id = 0;
	assert_int_equal(store_user_insert(f->c, &u, &id), CP_ECONFLICT);
	struct store_user *list;
	size_t n;
	assert_int_equal(store_user_list(f->c, f->a, 10, &list, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].display_name, "Alice");
}

static void taken_nhs_number_is_a_conflict(void **state)
{
	struct fx *f = *state;
	add_person(f->c, "9434765919", "Ann", 0);
	struct store_person p = {.nhs_number = "9434765919", .given_name = "B", .family_name = "C",
				 .birth_date = "2000-01-01", .created_ms = 1};
	int64_t id;
	assert_int_equal(store_person_insert(f->c, &p, &id), CP_ECONFLICT);
}

static void missing_referenced_row_is_a_database_error_not_a_conflict(void **state)
{
	struct fx *f = *state;
	/* A team in an organisation that does not exist breaks a foreign key,
	 * which is not "a unique key is taken". */
	struct store_team t = {.org_id = 999, .name = "Orphans"};
	int64_t id = 0;
	assert_int_equal(store_team_insert(f->c, &t, &id), CP_EDB);
	struct store_user u = {.username = "bob", .display_name = "Bob", .role = "key_worker", .team_id = 42,
			       .password_hash = "h", .created_ms = 1};
	assert_int_equal(store_user_insert(f->c, &u, &id), CP_EDB);
}

static void check_constraints_refuse_empty_names(void **state)
{
	struct fx *f = *state;
	struct store_org o = {.name = ""};
	int64_t id;
	assert_int_equal(store_org_insert(f->c, &o, &id), CP_EDB);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM organisation"), 0);
}

/* ---- records ------------------------------------------------------------- */

static void user_round_trips_by_name_and_id(void **state)
{
	struct fx *f = *state;
	int64_t team = add_team(f->c, "T");
	struct store_user in = {.username = "gp.carter", .display_name = "Dr Helen Carter", .role = "professional",
				.discipline = "gp", .team_id = team, .password_hash = "$argon2id$x",
				.disabled = true, .created_ms = 1234};
	int64_t id;
	assert_int_equal(store_user_insert(f->c, &in, &id), CP_OK);
	struct store_user u;
	assert_int_equal(store_user_by_username(f->c, f->a, "gp.carter", &u), CP_OK);
	assert_int_equal(u.id, id);
	assert_string_equal(u.display_name, "Dr Helen Carter");
	assert_string_equal(u.role, "professional");
	assert_string_equal(u.discipline, "gp");
	assert_int_equal(u.team_id, team);
	assert_int_equal(u.person_id, 0);
	assert_string_equal(u.password_hash, "$argon2id$x");
	assert_true(u.disabled);
	assert_int_equal(u.created_ms, 1234);
	assert_int_equal(u.last_signin_ms, 0);
	struct store_user v;
	assert_int_equal(store_user_by_id(f->c, f->a, id, &v), CP_OK);
	assert_string_equal(v.username, "gp.carter");
	assert_int_equal(store_user_by_username(f->c, f->a, "GP.CARTER", &u), CP_ENOTFOUND);
	assert_int_equal(store_user_by_id(f->c, f->a, id + 100, &u), CP_ENOTFOUND);
}

static void user_without_discipline_reads_back_null(void **state)
{
	struct fx *f = *state;
	add_user(f->c, "admin", "Admin", "administrator", 0);
	struct store_user u;
	assert_int_equal(store_user_by_username(f->c, f->a, "admin", &u), CP_OK);
	assert_null(u.discipline);
	assert_int_equal(u.team_id, 0);
	assert_false(u.disabled);
}

static void password_and_last_signin_can_be_changed(void **state)
{
	struct fx *f = *state;
	int64_t id = add_user(f->c, "alice", "Alice", "carer", 0);
	assert_int_equal(store_user_set_password(f->c, id, "$argon2id$new"), CP_OK);
	assert_int_equal(store_user_set_last_signin(f->c, id, 777), CP_OK);
	struct store_user u;
	assert_int_equal(store_user_by_id(f->c, f->a, id, &u), CP_OK);
	assert_string_equal(u.password_hash, "$argon2id$new");
	assert_int_equal(u.last_signin_ms, 777);
	assert_int_equal(u.prev_signin_ms, 0);
	assert_int_equal(store_user_set_password(f->c, id + 1, "h"), CP_ENOTFOUND);
	/* The next sign-in moves the last one to prev, for "your previous sign-in". */
	assert_int_equal(store_user_set_last_signin(f->c, id, 888), CP_OK);
	assert_int_equal(store_user_by_id(f->c, f->a, id, &u), CP_OK);
	assert_int_equal(u.last_signin_ms, 888);
	assert_int_equal(u.prev_signin_ms, 777);
}

static void user_list_is_ordered_by_role_then_name_and_capped(void **state)
{
	struct fx *f = *state;
	add_user(f->c, "u1", "Zed", "key_worker", 0);
	add_user(f->c, "u2", "Amy", "key_worker", 0);
	add_user(f->c, "u3", "Bob", "administrator", 0);
	add_user(f->c, "u4", "Cat", "carer", 0);
	struct store_user *list;
	size_t n;
	assert_int_equal(store_user_list(f->c, f->a, 100, &list, &n), CP_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].username, "u3"); /* administrator */
	assert_string_equal(list[1].username, "u4"); /* carer */
	assert_string_equal(list[2].username, "u2"); /* key_worker, Amy */
	assert_string_equal(list[3].username, "u1"); /* key_worker, Zed */
	assert_string_equal(list[0].password_hash, ""); /* lists never carry hashes */
	assert_int_equal(store_user_list(f->c, f->a, 2, &list, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_user_list(f->c, f->a, 0, &list, &n), CP_OK);
	assert_int_equal(n, 0);
}

static void team_members_are_the_care_team_only(void **state)
{
	struct fx *f = *state;
	int64_t t1 = add_team(f->c, "One"), t2 = add_team(f->c, "Two");
	add_user(f->c, "kw", "Kim", "key_worker", t1);
	add_user(f->c, "mgr", "Ann", "team_manager", t1);
	add_user(f->c, "per", "Pat", "person", t1);
	add_user(f->c, "car", "Cal", "carer", t1);
	add_user(f->c, "other", "Oli", "key_worker", t2);
	struct store_user *m;
	size_t n;
	assert_int_equal(store_team_members(f->c, f->a, t1, 100, &m, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].display_name, "Ann");
	assert_string_equal(m[1].display_name, "Kim");
	assert_int_equal(store_team_members(f->c, f->a, t1, 1, &m, &n), CP_OK);
	assert_int_equal(n, 1);
}

static void team_get_of_a_missing_team_is_not_found(void **state)
{
	struct fx *f = *state;
	struct store_team t;
	assert_int_equal(store_team_get(f->c, f->a, 12345, &t), CP_ENOTFOUND);
}

static void strings_that_do_not_fit_the_arena_are_enomem(void **state)
{
	struct fx *f = *state;
	char name[1001];
	memset(name, 'n', 1000);
	name[1000] = '\0';
	add_user(f->c, "long", name, "carer", 0);
	struct arena *small = arena_new(1024);
	struct store_user u;
	assert_int_equal(store_user_by_username(f->c, small, "long", &u), CP_ENOMEM);
	arena_free(small);
	/* The statement was reset: the connection still works. */
	assert_int_equal(store_user_by_username(f->c, f->a, "long", &u), CP_OK);
	assert_int_equal(strlen(u.display_name), 1000);
}

static void person_conditions_and_contacts_round_trip(void **state)
{
	struct fx *f = *state;
	int64_t team = add_team(f->c, "T");
	struct store_person in = {.nhs_number = "9434765919", .given_name = "Margaret", .family_name = "Hughes",
				  .preferred_name = "Maggie", .birth_date = "1941-03-09", .address = "3 Willow Road",
				  .postcode = "ZZ99 3AB", .phone = "01632 960001", .email = NULL,
				  .gp_practice = "Riverside", .team_id = team, .created_ms = 99};
	int64_t pid;
	assert_int_equal(store_person_insert(f->c, &in, &pid), CP_OK);
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, pid, &p), CP_OK);
	assert_int_equal(p.id, pid);
	assert_string_equal(p.nhs_number, "9434765919");
	assert_string_equal(p.given_name, "Margaret");
	assert_string_equal(p.preferred_name, "Maggie");
	assert_string_equal(p.birth_date, "1941-03-09");
	assert_string_equal(p.postcode, "ZZ99 3AB");
	assert_null(p.email);
	assert_int_equal(p.team_id, team);
	assert_int_equal(p.created_ms, 99);
	assert_int_equal(store_person_get(f->c, f->a, pid + 1, &p), CP_ENOTFOUND);

	assert_int_equal(store_condition_insert(f->c, pid, "COPD"), CP_OK);
	assert_int_equal(store_condition_insert(f->c, pid, "Asthma"), CP_OK);
	assert_int_equal(store_condition_insert(f->c, pid, "Depression"), CP_OK);
	const char **conds;
	size_t n;
	assert_int_equal(store_condition_list(f->c, f->a, pid, 10, &conds, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(conds[0], "Asthma");
	assert_string_equal(conds[1], "COPD");
	assert_string_equal(conds[2], "Depression");
	assert_int_equal(store_condition_list(f->c, f->a, pid, 2, &conds, &n), CP_OK);
	assert_int_equal(n, 2);

	int64_t carer = add_user(f->c, "david", "David", "carer", 0);
	struct store_contact k = {.person_id = pid, .name = "David Hughes", .relationship = "husband",
				  .is_carer = true, .phone = "07700 900123", .user_id = carer};
	struct store_contact k2 = {.person_id = pid, .name = "Neighbour", .relationship = "neighbour"};
	int64_t kid, kid2;
	assert_int_equal(store_contact_insert(f->c, &k, &kid), CP_OK);
	assert_int_equal(store_contact_insert(f->c, &k2, &kid2), CP_OK);
	struct store_contact *ks;
	assert_int_equal(store_contacts_of_user(f->c, f->a, carer, 10, &ks, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ks[0].id, kid);
	assert_int_equal(ks[0].person_id, pid);
	assert_string_equal(ks[0].relationship, "husband");
	assert_true(ks[0].is_carer);
	assert_int_equal(ks[0].user_id, carer);
	assert_int_equal(store_contacts_of_user(f->c, f->a, carer + 1, 10, &ks, &n), CP_OK);
	assert_int_equal(n, 0);
}

static void stats_count_without_names(void **state)
{
	struct fx *f = *state;
	int64_t team = add_team(f->c, "T");
	int64_t p1 = add_person(f->c, "9000000001", "A", team);
	int64_t p2 = add_person(f->c, "9000000002", "B", team);
	add_person(f->c, "9000000003", "C", 0);
	assert_int_equal(store_condition_insert(f->c, p1, "COPD"), CP_OK);
	assert_int_equal(store_condition_insert(f->c, p2, "COPD"), CP_OK);
	assert_int_equal(store_condition_insert(f->c, p2, "Asthma"), CP_OK);
	assert_int_equal(store_condition_insert(f->c, p2, "COPD"), CP_OK); /* one person twice */
	struct store_contact k = {.person_id = p1, .name = "K", .relationship = "son", .is_carer = true};
	int64_t kid;
	assert_int_equal(store_contact_insert(f->c, &k, &kid), CP_OK);
	add_user(f->c, "u", "U", "administrator", 0);
	struct store_stats s;
	assert_int_equal(store_stats(f->c, f->a, &s), CP_OK);
	assert_int_equal(s.people, 3);
	assert_int_equal(s.carers, 1);
	assert_int_equal(s.teams, 1);
	assert_int_equal(s.users, 1);
	assert_int_equal(s.n_conditions, 2);
	assert_string_equal(s.conditions[0].name, "COPD");
	assert_int_equal(s.conditions[0].people, 2);
	assert_string_equal(s.conditions[1].name, "Asthma");
	assert_int_equal(s.conditions[1].people, 1);
	int64_t load = -1;
	assert_int_equal(store_team_caseload(f->c, team, &load), CP_OK);
	assert_int_equal(load, 2);
}

/* ---- sessions -------------------------------------------------------------- */

static void session_round_trips_touches_and_deletes(void **state)
{
	struct fx *f = *state;
	int64_t uid = add_user(f->c, "alice", "Alice", "carer", 0);
	struct store_session s = {.user_id = uid, .created_ms = 1000, .last_seen_ms = 1500};
	memset(s.token_hash, 0xAB, sizeof s.token_hash);
	memset(s.csrf, 'c', 64);
	s.csrf[64] = '\0';
	assert_int_equal(store_session_insert(f->c, &s), CP_OK);
	assert_int_equal(store_session_insert(f->c, &s), CP_ECONFLICT);

	struct store_session g;
	memset(&g, 0, sizeof g);
	assert_int_equal(store_session_get(f->c, s.token_hash, &g), CP_OK);
	assert_memory_equal(g.token_hash, s.token_hash, STORE_HASH_LEN);
	assert_int_equal(g.user_id, uid);
	assert_string_equal(g.csrf, s.csrf);
	assert_int_equal(g.created_ms, 1000);
	assert_int_equal(g.last_seen_ms, 1500);

	assert_int_equal(store_session_touch(f->c, s.token_hash, 2500), CP_OK);
	assert_int_equal(store_session_get(f->c, s.token_hash, &g), CP_OK);
	assert_int_equal(g.last_seen_ms, 2500);
	assert_int_equal(g.created_ms, 1000);

	unsigned char other[STORE_HASH_LEN];
	memset(other, 0xCD, sizeof other);
	assert_int_equal(store_session_get(f->c, other, &g), CP_ENOTFOUND);

	assert_int_equal(store_session_delete(f->c, s.token_hash), CP_OK);
	assert_int_equal(store_session_get(f->c, s.token_hash, &g), CP_ENOTFOUND);
	assert_int_equal(store_session_delete(f->c, s.token_hash), CP_OK); /* idempotent */
}

static void session_purge_removes_idle_and_old_sessions(void **state)
{
	struct fx *f = *state;
	int64_t uid = add_user(f->c, "alice", "Alice", "carer", 0);
	/* created, last seen */
	const int64_t times[4][2] = {{100, 900}, {100, 200}, {10, 950}, {500, 990}};
	struct store_session s[4];
	for (int i = 0; i < 4; i++) {
		memset(&s[i], 0, sizeof s[i]);
		memset(s[i].token_hash, i + 1, STORE_HASH_LEN);
		s[i].user_id = uid;
		snprintf(s[i].csrf, sizeof s[i].csrf, "%s", "x");
		s[i].created_ms = times[i][0];
		s[i].last_seen_ms = times[i][1];
		assert_int_equal(store_session_insert(f->c, &s[i]), CP_OK);
	}
	int64_t n = -1;
	/* Idle since before 500, or created before 50. */
	assert_int_equal(store_session_purge(f->c, 500, 50, &n), CP_OK);
	assert_int_equal(n, 2);
	struct store_session g;
	assert_int_equal(store_session_get(f->c, s[0].token_hash, &g), CP_OK);
	assert_int_equal(store_session_get(f->c, s[1].token_hash, &g), CP_ENOTFOUND);
	assert_int_equal(store_session_get(f->c, s[2].token_hash, &g), CP_ENOTFOUND);
	assert_int_equal(store_session_get(f->c, s[3].token_hash, &g), CP_OK);
	assert_int_equal(store_session_purge(f->c, 0, 0, NULL), CP_OK);
}

static void session_of_a_missing_user_is_refused(void **state)
{
	struct fx *f = *state;
	struct store_session s = {.user_id = 4242, .created_ms = 1, .last_seen_ms = 1};
	snprintf(s.csrf, sizeof s.csrf, "%s", "x");
	assert_int_equal(store_session_insert(f->c, &s), CP_EDB);
}

/* ---- failed sign-ins ----------------------------------------------------------- */

static void authfail_window_counts_since_and_finds_the_nth(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_authfail_add(f->c, 100, "alice", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, 300, "alice", "10.0.0.2"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, 200, "alice", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, 400, "bob", "10.0.0.1"), CP_OK);
	int64_t count = -1, nth = -1;
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "alice", 0, 0, &count, &nth), CP_OK);
	assert_int_equal(count, 3);
	assert_int_equal(nth, 100); /* oldest first, whatever the insertion order */
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "alice", 0, 1, &count, &nth), CP_OK);
	assert_int_equal(nth, 200);
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "alice", 200, 0, &count, &nth), CP_OK);
	assert_int_equal(count, 2); /* since is inclusive */
	assert_int_equal(nth, 200);
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "alice", 0, 5, &count, &nth), CP_OK);
	assert_int_equal(count, 3);
	assert_int_equal(nth, 0); /* not that many */
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_ADDR, "10.0.0.1", 150, 0, &count, &nth), CP_OK);
	assert_int_equal(count, 2);
	assert_int_equal(nth, 200);
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "carol", 0, 0, &count, &nth), CP_OK);
	assert_int_equal(count, 0);
	assert_int_equal(nth, 0);
}

static void authfail_clear_forgets_one_username_only(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_authfail_add(f->c, 100, "alice", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, 100, "bob", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_clear_user(f->c, "alice"), CP_OK);
	int64_t count, nth;
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "alice", 0, 0, &count, &nth), CP_OK);
	assert_int_equal(count, 0);
	assert_int_equal(store_authfail_window(f->c, STORE_AUTHFAIL_USERNAME, "bob", 0, 0, &count, &nth), CP_OK);
	assert_int_equal(count, 1);
}

/* ---- audit ------------------------------------------------------------------- */

static struct store_audit audit_row(int64_t id, const char *action)
{
	struct store_audit r;
	memset(&r, 0, sizeof r);
	r.id = id;
	r.time_ms = 1000 + id;
	r.user_id = 7;
	r.role = "administrator";
	r.action = action;
	r.object_type = "user";
	r.object_id = 3;
	r.person_id = 0;
	r.reason = id == 2 ? "because" : NULL;
	r.request_id = "req";
	r.client = "cli";
	memset(r.prev_hash, (int)id - 1, STORE_HASH_LEN);
	memset(r.hash, (int)id, STORE_HASH_LEN);
	return r;
}

struct walked {
	int64_t ids[16];
	char actions[16][32];
	bool reason_null[16];
	unsigned char hash[16];
	int n;
	int stop_after;
};

static int walk_cb(void *ctx, const struct store_audit *r)
{
	struct walked *w = ctx;
	w->ids[w->n] = r->id;
	snprintf(w->actions[w->n], sizeof w->actions[w->n], "%s", r->action);
	w->reason_null[w->n] = r->reason == NULL;
	w->hash[w->n] = r->hash[0];
	w->n++;
	return w->stop_after && w->n >= w->stop_after;
}

static void audit_head_of_an_empty_trail_is_zero(void **state)
{
	struct fx *f = *state;
	int64_t last = -1;
	unsigned char h[STORE_HASH_LEN], zero[STORE_HASH_LEN] = {0};
	memset(h, 0xFF, sizeof h);
	assert_int_equal(store_audit_head(f->c, &last, h), CP_OK);
	assert_int_equal(last, 0);
	assert_memory_equal(h, zero, STORE_HASH_LEN);
}

static void audit_append_moves_the_head_and_walk_reads_in_order(void **state)
{
	struct fx *f = *state;
	const char *actions[] = {"signin", "person.read", "signin", "signout"};
	for (int i = 0; i < 4; i++) {
		struct store_audit r = audit_row(i + 1, actions[i]);
		assert_int_equal(store_audit_append(f->c, &r), CP_OK);
	}
	int64_t last;
	unsigned char h[STORE_HASH_LEN], four[STORE_HASH_LEN];
	memset(four, 4, sizeof four);
	assert_int_equal(store_audit_head(f->c, &last, h), CP_OK);
	assert_int_equal(last, 4);
	assert_memory_equal(h, four, STORE_HASH_LEN);

	struct walked w = {0};
	assert_int_equal(store_audit_walk(f->c, walk_cb, &w), CP_OK);
	assert_int_equal(w.n, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(w.ids[i], i + 1);
		assert_string_equal(w.actions[i], actions[i]);
		assert_int_equal(w.hash[i], i + 1);
	}
	assert_true(w.reason_null[0]);
	assert_false(w.reason_null[1]);

	int64_t n = -1;
	assert_int_equal(store_audit_count(f->c, NULL, &n), CP_OK);
	assert_int_equal(n, 4);
	assert_int_equal(store_audit_count(f->c, "signin", &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_audit_count(f->c, "nothing", &n), CP_OK);
	assert_int_equal(n, 0);
}

static void audit_walk_stops_when_asked(void **state)
{
	struct fx *f = *state;
	for (int i = 1; i <= 5; i++) {
		struct store_audit r = audit_row(i, "x");
		assert_int_equal(store_audit_append(f->c, &r), CP_OK);
	}
	struct walked w = {.stop_after = 2};
	assert_int_equal(store_audit_walk(f->c, walk_cb, &w), CP_OK);
	assert_int_equal(w.n, 2);
	/* A stopped walk leaves the statement usable. */
	struct walked all = {0};
	assert_int_equal(store_audit_walk(f->c, walk_cb, &all), CP_OK);
	assert_int_equal(all.n, 5);
}

static void audit_rows_cannot_be_reused_changed_or_deleted(void **state)
{
	struct fx *f = *state;
	struct store_audit r = audit_row(1, "signin");
	assert_int_equal(store_audit_append(f->c, &r), CP_OK);
	assert_int_equal(store_audit_append(f->c, &r), CP_ECONFLICT); /* same id */
	store_release(f->st, f->c);
	f->c = NULL;
	/* The triggers refuse changes even from outside the program. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET action = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM audit WHERE action = 'signin'"), 1);
}

/* ---- transactions -------------------------------------------------------------- */

static void rollback_writes_nothing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c), CP_OK);
	add_user(f->c, "ghost", "Ghost", "carer", 0);
	struct store_audit r = audit_row(1, "user.create");
	assert_int_equal(store_audit_append(f->c, &r), CP_OK);
	store_rollback(f->c);
	struct store_user u;
	assert_int_equal(store_user_by_username(f->c, f->a, "ghost", &u), CP_ENOTFOUND);
	int64_t n = -1, last = -1;
	unsigned char h[STORE_HASH_LEN];
	assert_int_equal(store_audit_count(f->c, NULL, &n), CP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_audit_head(f->c, &last, h), CP_OK);
	assert_int_equal(last, 0);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM users"), 0);
}

static void commit_makes_writes_visible_to_other_connections(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c), CP_OK);
	add_user(f->c, "kept", "Kept", "carer", 0);
	/* Not yet visible from outside. */
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM users"), 0);
	assert_int_equal(store_commit(f->c), CP_OK);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM users"), 1);
	struct store_conn *c2 = store_acquire(f->st);
	struct store_user u;
	assert_int_equal(store_user_by_username(c2, f->a, "kept", &u), CP_OK);
	store_release(f->st, c2);
}

static void begin_inside_a_transaction_is_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c), CP_OK);
	assert_int_equal(store_begin(f->c), CP_EDB);
	store_rollback(f->c);
	assert_int_equal(store_begin(f->c), CP_OK);
	assert_int_equal(store_commit(f->c), CP_OK);
}

static void release_rolls_back_a_forgotten_transaction(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c), CP_OK);
	add_team(f->c, "Forgotten");
	store_release(f->st, f->c);
	f->c = store_acquire(f->st);
	assert_false(f->c->in_tx);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM team"), 0);
	/* The other connection can take the write lock at once. */
	struct store_conn *c2 = store_acquire(f->st);
	assert_ptr_not_equal(c2, f->c);
	assert_int_equal(store_begin(c2), CP_OK);
	assert_int_equal(store_commit(c2), CP_OK);
	store_release(f->st, c2);
	store_release(f->st, NULL); /* harmless */
}

/* ---- pool -------------------------------------------------------------------- */

struct waiter {
	struct store *st;
	struct store_conn *got;
	int done; /* atomic */
};

static void *acquire_thread(void *arg)
{
	struct waiter *w = arg;
	w->got = store_acquire(w->st);
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void acquire_waits_until_a_connection_is_released(void **state)
{
	struct fx *f = *state;
	struct store_conn *c2 = store_acquire(f->st); /* the pool of 2 is now empty */
	assert_ptr_not_equal(c2, f->c);
	assert_true(f->c->busy && c2->busy);
	struct waiter w = {.st = f->st};
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, acquire_thread, &w), 0);
	struct timespec ts = {0, 50 * 1000 * 1000};
	nanosleep(&ts, NULL);
	assert_int_equal(__atomic_load_n(&w.done, __ATOMIC_SEQ_CST), 0);
	store_release(f->st, c2);
	pthread_join(th, NULL);
	assert_int_equal(w.done, 1);
	assert_ptr_equal(w.got, c2);
	store_release(f->st, w.got);
	assert_false(c2->busy);
}

/* ---- waiting for the write lock -------------------------------------------------- */

static void busy_waits_give_up_after_the_timeout(void **state)
{
	(void)state;
	assert_int_equal(busy_wait(NULL, 0), 1);
	assert_int_equal(busy_wait(NULL, 20), 1);
	/* 20 short sleeps (1 ms) then 1 ms each: the 5 s are used up at 5019. */
	assert_int_equal(busy_wait(NULL, 5018), 1);
	assert_int_equal(busy_wait(NULL, 5019), 0);
}

struct holder {
	struct store_conn *c;
	int hold_ms;
};

static void *hold_then_commit(void *arg)
{
	struct holder *h = arg;
	struct timespec ts = {0, (long)h->hold_ms * 1000 * 1000};
	nanosleep(&ts, NULL);
	store_commit(h->c);
	return NULL;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void a_writer_gets_the_lock_soon_after_it_is_let_go(void **state)
{
	struct fx *f = *state;
	struct store_conn *c2 = store_acquire(f->st);
	assert_int_equal(store_begin(f->c), CP_OK); /* f->c holds the write lock */
	struct holder h = {.c = f->c, .hold_ms = 30};
	pthread_t th;
	int64_t t0 = mono_ms();
	assert_int_equal(pthread_create(&th, NULL, hold_then_commit, &h), 0);
	assert_int_equal(store_begin(c2), CP_OK);
	int64_t waited = mono_ms() - t0;
	pthread_join(th, NULL);
	store_rollback(c2);
	store_release(f->st, c2);
	/* It waited for the holder, and not much longer (SQLite's own busy
	 * timeout could add up to 100 ms). */
	assert_true(waited >= 25);
	assert_true(waited < 80);
}

/* ---- backup ------------------------------------------------------------------ */

static void backup_produces_a_database_with_the_same_rows(void **state)
{
	struct fx *f = *state;
	int64_t team = add_team(f->c, "T");
	add_user(f->c, "alice", "Alice", "key_worker", team);
	add_person(f->c, "9434765919", "Ann", team);
	struct store_audit r = audit_row(1, "x");
	assert_int_equal(store_audit_append(f->c, &r), CP_OK);
	store_release(f->st, f->c); /* backup takes a connection of its own */
	f->c = NULL;

	char dst[700], partial[800], msg[512] = "";
	fx_path(dst, sizeof dst, f->dir, "backup.db");
	assert_int_equal(fx_write(f->dir, "backup.db", "old", 3), 0); /* replaced */
	assert_int_equal(store_backup(f->st, dst, msg, sizeof msg), CP_OK);
	snprintf(partial, sizeof partial, "%s.partial", dst);
	assert_int_not_equal(access(partial, F_OK), 0);

	const char *tables[] = {"SELECT count(*) FROM users", "SELECT count(*) FROM person",
				"SELECT count(*) FROM team", "SELECT count(*) FROM audit",
				"SELECT last_id FROM audit_head", "PRAGMA user_version"};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		assert_int_equal(raw_i64(dst, tables[i]), raw_i64(f->path, tables[i]));
	assert_int_equal(raw_i64(dst, "SELECT count(*) FROM users WHERE username = 'alice'"), 1);

	/* A self-contained file: not in WAL mode. */
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(dst, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "delete");
	sqlite3_finalize(s);
	sqlite3_close(db);

	/* The store can open it like any other. */
	struct store *st2;
	assert_int_equal(store_open(dst, 1, &st2, msg, sizeof msg), CP_OK);
	struct store_conn *c2 = store_acquire(st2);
	struct store_user u;
	assert_int_equal(store_user_by_username(c2, f->a, "alice", &u), CP_OK);
	store_release(st2, c2);
	store_close(st2);
	f->c = store_acquire(f->st);
}

static void backup_to_an_unwritable_place_fails_cleanly(void **state)
{
	struct fx *f = *state;
	store_release(f->st, f->c);
	f->c = NULL;
	char msg[512] = "";
	assert_int_equal(store_backup(f->st, "/nonexistent-dir/backup.db", msg, sizeof msg), CP_EIO);
	assert_non_null(strstr(msg, "/nonexistent-dir/backup.db"));
	/* Every connection was given back. */
	for (int i = 0; i < f->st->n; i++)
		assert_false(f->st->conns[i].busy);
	f->c = store_acquire(f->st);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(open_creates_the_schema_at_the_latest_version),
		T(reopening_keeps_data_and_does_not_migrate_again),
		T(the_page_cache_is_set_on_every_connection),
		cmocka_unit_test(newer_schema_version_is_refused_with_eversion),
		cmocka_unit_test(failed_migration_changes_nothing),
		cmocka_unit_test(unopenable_path_is_refused_naming_it),
		cmocka_unit_test(file_that_is_not_a_database_is_refused),
		cmocka_unit_test(pool_size_below_one_means_one),
		T(close_folds_the_wal_into_the_file),
		T(taken_username_is_a_conflict),
		T(taken_nhs_number_is_a_conflict),
		T(missing_referenced_row_is_a_database_error_not_a_conflict),
		T(check_constraints_refuse_empty_names),
		T(user_round_trips_by_name_and_id),
		T(user_without_discipline_reads_back_null),
		T(password_and_last_signin_can_be_changed),
		T(user_list_is_ordered_by_role_then_name_and_capped),
		T(team_members_are_the_care_team_only),
		T(team_get_of_a_missing_team_is_not_found),
		T(strings_that_do_not_fit_the_arena_are_enomem),
		T(person_conditions_and_contacts_round_trip),
		T(stats_count_without_names),
		T(session_round_trips_touches_and_deletes),
		T(session_purge_removes_idle_and_old_sessions),
		T(session_of_a_missing_user_is_refused),
		T(authfail_window_counts_since_and_finds_the_nth),
		T(authfail_clear_forgets_one_username_only),
		T(audit_head_of_an_empty_trail_is_zero),
		T(audit_append_moves_the_head_and_walk_reads_in_order),
		T(audit_walk_stops_when_asked),
		T(audit_rows_cannot_be_reused_changed_or_deleted),
		T(rollback_writes_nothing),
		T(commit_makes_writes_visible_to_other_connections),
		T(begin_inside_a_transaction_is_refused),
		T(release_rolls_back_a_forgotten_transaction),
		T(acquire_waits_until_a_connection_is_released),
		cmocka_unit_test(busy_waits_give_up_after_the_timeout),
		T(a_writer_gets_the_lock_soon_after_it_is_let_go),
		T(backup_produces_a_database_with_the_same_rows),
		T(backup_to_an_unwritable_place_fails_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
