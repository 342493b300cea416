/*
 * test_store_people.c - people and contacts in the SQLite store
 * (src/store/store_sqlite.c, migration 2): the new columns and what an older
 * database gets when it is upgraded, finding a person by NHS number, the
 * search by name, date of birth and NHS number, updating with optimistic
 * concurrency, and a person's contacts.
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

/* Test NHS numbers (999 range) with valid check digits. */
#define NHS_A "9998219132"
#define NHS_B "9434765919"
#define NHS_C "9990001006"

/* Adds a person with the given names and date of birth; returns the id. */
static int64_t add(struct store_conn *c, const char *nhs, const char *given, const char *family,
		   const char *preferred, const char *dob)
{
	struct store_person p = {.nhs_number = nhs, .given_name = given, .family_name = family,
				 .preferred_name = preferred, .birth_date = dob, .created_ms = 1000};
	int64_t id = 0;
	assert_int_equal(store_person_insert(c, &p, &id), CP_OK);
	assert_true(id > 0);
	return id;
}

/* Puts every person without a team in team 1 (made when missing) and
 * scopes q to a member of it, so a search may find them all: searches by
 * name or date of birth keep to the people the searcher may see. */
static void scope_to_everyone(sqlite3 *db, struct store_person_query *q)
{
	assert_int_equal(sqlite3_exec(db,
				      "INSERT OR IGNORE INTO organisation(id, name) VALUES (1, 'Org');"
				      "INSERT OR IGNORE INTO team(id, organisation_id, name) VALUES (1, 1, 'Team');"
				      "UPDATE person SET team_id = 1 WHERE team_id IS NULL;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	q->user_id = 1;
	q->team_id = 1;
	q->today = "2026-11-22";
	q->now_ms = 1795348800000LL;
}

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

/* ---- migration 2 --------------------------------------------------------------- */

static void a_database_at_version_1_is_upgraded_keeping_its_people(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "old.db");
	/* A database as the first release left it: migration 1 only. */
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sqlite_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA user_version = 1;"
				      "INSERT INTO person(nhs_number, given_name, family_name, birth_date, created_ms) "
				      "VALUES ('" NHS_A "', 'Margaret', 'Hughes', '1953-01-22', 777);"
				      "INSERT INTO contact(person_id, name, relationship, is_carer) "
				      "VALUES (1, 'David Hughes', 'husband', 1);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	struct store *st = NULL;
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_OK);
	struct store_conn *c = store_acquire(st);
	struct arena *a = arena_new(1 << 16);
	assert_int_equal(store_schema_version(c), STORE_SCHEMA_VERSION);
	struct store_person p;
	assert_int_equal(store_person_get(c, a, 1, &p), CP_OK);
	assert_string_equal(p.given_name, "Margaret");
	assert_int_equal(p.version, 1);
	assert_int_equal(p.updated_ms, 777); /* last changed when created */
	assert_null(p.communication_needs);
	assert_null(p.reasonable_adjustments);
	struct store_contact *k;
	size_t n;
	assert_int_equal(store_contact_list(c, a, 1, 10, &k, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_true(k[0].is_carer);
	assert_false(k[0].is_representative || k[0].is_next_of_kin || k[0].is_emergency);
	assert_null(k[0].email);
	/* People from before migration 7 are found by name too. */
	struct store_person_query q = {.name = {"hug", "marg", NULL}};
	scope_to_everyone(c->db, &q);
	struct store_person *found;
	int64_t total = 0;
	assert_int_equal(store_person_search(c, a, &q, 10, &found, &n, &total), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(found[0].id, 1);
	arena_free(a);
	store_release(st, c);
	store_close(st);
	fx_rmdir(dir);
}

static void version_must_be_at_least_one(void **state)
{
	struct fx *f = *state;
	add(f->c, NHS_A, "Ann", "Other", NULL, "1960-01-01");
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE person SET version = 0", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(raw_i64(f->path, "SELECT version FROM person"), 1);
}

/* ---- one person --------------------------------------------------------------------- */

static void a_person_round_trips_with_every_field(void **state)
{
	struct fx *f = *state;
	struct store_person in = {
		.nhs_number = NHS_A, .given_name = "Margaret", .family_name = "Hughes", .preferred_name = "Maggie",
		.birth_date = "1953-01-22", .address = "101 Orchard Close\nKingsmead", .postcode = "ZZ99 7AC",
		.phone = "01632 960538", .email = "maggie@example.org", .gp_practice = "Riverside Surgery",
		.communication_needs = "Hard of hearing: face her when speaking",
		.reasonable_adjustments = "Longer appointments", .created_ms = 5000,
		.updated_ms = 1, .version = 9, /* ignored on insert */
	};
	int64_t id = 0;
	assert_int_equal(store_person_insert(f->c, &in, &id), CP_OK);
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, id, &p), CP_OK);
	assert_int_equal(p.id, id);
	assert_string_equal(p.nhs_number, NHS_A);
	assert_string_equal(p.preferred_name, "Maggie");
	assert_string_equal(p.address, "101 Orchard Close\nKingsmead");
	assert_string_equal(p.email, "maggie@example.org");
	assert_string_equal(p.communication_needs, "Hard of hearing: face her when speaking");
	assert_string_equal(p.reasonable_adjustments, "Longer appointments");
	assert_int_equal(p.team_id, 0);
	assert_int_equal(p.created_ms, 5000);
	assert_int_equal(p.updated_ms, 5000);
	assert_int_equal(p.version, 1);
}

static void a_person_is_found_by_nhs_number(void **state)
{
	struct fx *f = *state;
	int64_t a = add(f->c, NHS_A, "Margaret", "Hughes", NULL, "1953-01-22");
	add(f->c, NHS_B, "John", "Patel", NULL, "1948-06-30");
	struct store_person p;
	assert_int_equal(store_person_by_nhs(f->c, f->a, NHS_A, &p), CP_OK);
	assert_int_equal(p.id, a);
	assert_string_equal(p.family_name, "Hughes");
	assert_int_equal(store_person_by_nhs(f->c, f->a, NHS_C, &p), CP_ENOTFOUND);
	assert_int_equal(store_person_by_nhs(f->c, f->a, "999 821 9132", &p), CP_ENOTFOUND);
}

static void a_taken_nhs_number_is_a_conflict(void **state)
{
	struct fx *f = *state;
	add(f->c, NHS_A, "Margaret", "Hughes", NULL, "1953-01-22");
	struct store_person p = {.nhs_number = NHS_A, .given_name = "Ann", .family_name = "Other",
				 .birth_date = "1960-01-01", .created_ms = 1};
	int64_t id = 0;
	assert_int_equal(store_person_insert(f->c, &p, &id), CP_ECONFLICT);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM person"), 1);
}

/* ---- updating -------------------------------------------------------------------------- */

static struct store_person changed(int64_t id, const char *nhs, const char *family)
{
	struct store_person p = {.id = id, .nhs_number = nhs, .given_name = "Margaret", .family_name = family,
				 .birth_date = "1953-01-22", .address = "2 Mill Lane", .phone = "01632 960001",
				 .communication_needs = "Large print", .updated_ms = 9000,
				 .team_id = 99, .created_ms = 1, /* neither is changed by an update */
				 .version = 42 /* nor this: expected_version decides */};
	return p;
}

static void an_update_at_the_current_version_changes_the_details_and_moves_the_version_on(void **state)
{
	struct fx *f = *state;
	int64_t org = 0, team = 0;
	struct store_org o = {.name = "Org"};
	assert_int_equal(store_org_insert(f->c, &o, &org), CP_OK);
	struct store_team t = {.org_id = org, .name = "Team"};
	assert_int_equal(store_team_insert(f->c, &t, &team), CP_OK);
	struct store_person in = {.nhs_number = NHS_A, .given_name = "Margaret", .family_name = "Hughes",
				  .preferred_name = "Maggie", .birth_date = "1953-01-22", .email = "m@example.org",
				  .team_id = team, .created_ms = 1000};
	int64_t id = 0;
	assert_int_equal(store_person_insert(f->c, &in, &id), CP_OK);

	struct store_person up = changed(id, NHS_B, "Jones");
	assert_int_equal(store_person_update(f->c, &up, 1), CP_OK);
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, id, &p), CP_OK);
	assert_int_equal(p.version, 2);
	assert_int_equal(p.updated_ms, 9000);
	assert_string_equal(p.nhs_number, NHS_B);
	assert_string_equal(p.family_name, "Jones");
	assert_null(p.preferred_name); /* cleared */
	assert_null(p.email);
	assert_string_equal(p.address, "2 Mill Lane");
	assert_string_equal(p.communication_needs, "Large print");
	assert_int_equal(p.team_id, team);
	assert_int_equal(p.created_ms, 1000);

	up.family_name = "Smith";
	assert_int_equal(store_person_update(f->c, &up, 2), CP_OK);
	assert_int_equal(raw_i64(f->path, "SELECT version FROM person"), 3);
}

static void an_update_at_an_old_version_is_a_conflict_and_changes_nothing(void **state)
{
	struct fx *f = *state;
	int64_t id = add(f->c, NHS_A, "Margaret", "Hughes", NULL, "1953-01-22");
	struct store_person first = changed(id, NHS_A, "Jones");
	assert_int_equal(store_person_update(f->c, &first, 1), CP_OK);
	/* A second editor who also read version 1. */
	struct store_person second = changed(id, NHS_A, "Smith");
	assert_int_equal(store_person_update(f->c, &second, 1), CP_ECONFLICT);
	/* Or who claims a version not reached yet. */
	assert_int_equal(store_person_update(f->c, &second, 3), CP_ECONFLICT);
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, id, &p), CP_OK);
	assert_string_equal(p.family_name, "Jones");
	assert_int_equal(p.version, 2);
}

static void an_update_of_nobody_is_not_found(void **state)
{
	struct fx *f = *state;
	struct store_person up = changed(77, NHS_A, "Jones");
	assert_int_equal(store_person_update(f->c, &up, 1), CP_ENOTFOUND);
	assert_int_equal(raw_i64(f->path, "SELECT count(*) FROM person"), 0);
}

static void an_update_to_another_persons_nhs_number_is_a_conflict(void **state)
{
	struct fx *f = *state;
	int64_t a = add(f->c, NHS_A, "Margaret", "Hughes", NULL, "1953-01-22");
	add(f->c, NHS_B, "John", "Patel", NULL, "1948-06-30");
	struct store_person up = changed(a, NHS_B, "Hughes");
	struct fx_capture cap; /* the store logs the failed statement */
	assert_int_equal(fx_capture_begin(&cap), 0);
	enum cp_err err = store_person_update(f->c, &up, 1);
	char *log = fx_capture_end(&cap);
	assert_int_equal(err, CP_ECONFLICT);
	assert_non_null(strstr(log, "PERSON_UPDATE"));
	assert_null(strstr(log, NHS_B)); /* never its values */
	free(log);
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, a, &p), CP_OK);
	assert_string_equal(p.nhs_number, NHS_A);
	assert_int_equal(p.version, 1);
}

/* ---- search --------------------------------------------------------------------------------- */

/* A small register to search: ids in insertion order. */
static void register_of_five(struct store_conn *c, int64_t ids[5])
{
	ids[0] = add(c, NHS_A, "Margaret", "Hughes", "Maggie", "1953-01-22");
	ids[1] = add(c, NHS_B, "Elizabeth", "Hughes", NULL, "1950-11-14");
	ids[2] = add(c, NHS_C, "John", "Patel", NULL, "1953-01-22");
	ids[3] = add(c, "9990001022", "Hugh", "Wright", NULL, "1970-05-05");
	ids[4] = add(c, "9990001030", "Siobhan", "O'Brien", "Shiv", "1988-08-08");
}

/* Runs a search and returns the ids found, in order, as "a,b,c". */
static const char *found(struct fx *f, const char *n1, const char *n2, const char *dob, const char *nhs,
			 size_t max, int64_t *total)
{
	struct store_person_query q = {.name = {n1, n2, NULL}, .birth_date = dob, .nhs_number = nhs};
	scope_to_everyone(f->c->db, &q);
	struct store_person *out;
	size_t n = 99;
	int64_t t = -1;
	assert_int_equal(store_person_search(f->c, f->a, &q, max, &out, &n, &t), CP_OK);
	assert_true(n <= max);
	char *s = arena_zalloc(f->a, 256);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(s);
		snprintf(s + len, 256 - len, "%s%lld", i ? "," : "", (long long)out[i].id);
	}
	if (total)
		*total = t;
	return s;
}

static void search_by_name_matches_the_start_of_any_name_without_regard_to_case(void **state)
{
	struct fx *f = *state;
	int64_t id[5];
	register_of_five(f->c, id);
	/* Ordered by family name then given name: Elizabeth before Margaret. */
	assert_string_equal(found(f, "hughes", NULL, NULL, NULL, 10, NULL), "2,1");
	/* "Hug" starts two family names and one given name. */
	assert_string_equal(found(f, "HUG", NULL, NULL, NULL, 10, NULL), "2,1,4");
	/* Preferred names count too. */
	assert_string_equal(found(f, "Mag", NULL, NULL, NULL, 10, NULL), "1");
	assert_string_equal(found(f, "shiv", NULL, NULL, NULL, 10, NULL), "5");
	assert_string_equal(found(f, "O'B", NULL, NULL, NULL, 10, NULL), "5");
	/* The middle of a name is not its start. */
	assert_string_equal(found(f, "ughes", NULL, NULL, NULL, 10, NULL), "");
	/* Every term must match some name. */
	assert_string_equal(found(f, "marg", "hug", NULL, NULL, 10, NULL), "1");
	assert_string_equal(found(f, "marg", "patel", NULL, NULL, 10, NULL), "");
}

static void search_follows_a_change_of_name_and_terms_in_any_slot(void **state)
{
	struct fx *f = *state;
	int64_t id[5];
	register_of_five(f->c, id);
	/* A name term given only in the second slot is still a name term. */
	assert_string_equal(found(f, NULL, "patel", NULL, NULL, 10, NULL), "3");
	/* After a change of name the new one finds her and the old one does not. */
	struct store_person p;
	assert_int_equal(store_person_get(f->c, f->a, id[1], &p), CP_OK);
	p.family_name = "Okoro";
	p.preferred_name = "Liz";
	assert_int_equal(store_person_update(f->c, &p, p.version), CP_OK);
	assert_string_equal(found(f, "hughes", NULL, NULL, NULL, 10, NULL), "1");
	assert_string_equal(found(f, "okoro", "liz", NULL, NULL, 10, NULL), "2");
	assert_string_equal(found(f, "eliz", "oko", NULL, NULL, 10, NULL), "2");
	/* A name that starts another (Hugh, Hughes) matches both, once each. */
	assert_string_equal(found(f, "hugh", NULL, NULL, NULL, 10, NULL), "1,4");
}

static void search_wildcards_are_plain_characters(void **state)
{
	struct fx *f = *state;
	int64_t id[5];
	register_of_five(f->c, id);
	assert_string_equal(found(f, "%", NULL, NULL, NULL, 10, NULL), "");
	assert_string_equal(found(f, "_ughes", NULL, NULL, NULL, 10, NULL), "");
	assert_string_equal(found(f, "H%", NULL, NULL, NULL, 10, NULL), "");
	assert_string_equal(found(f, "'", NULL, NULL, NULL, 10, NULL), "");
}

static void search_by_date_of_birth_and_nhs_number_is_exact(void **state)
{
	struct fx *f = *state;
	int64_t id[5];
	register_of_five(f->c, id);
	assert_string_equal(found(f, NULL, NULL, "1953-01-22", NULL, 10, NULL), "1,3");
	assert_string_equal(found(f, NULL, NULL, "1953-01-2", NULL, 10, NULL), "");
	assert_string_equal(found(f, NULL, NULL, NULL, NHS_C, 10, NULL), "3");
	assert_string_equal(found(f, NULL, NULL, NULL, "999000100", 10, NULL), "");
	/* Together, every one must match. */
	assert_string_equal(found(f, "hughes", NULL, "1953-01-22", NULL, 10, NULL), "1");
	assert_string_equal(found(f, "patel", NULL, NULL, NHS_A, 10, NULL), "");
}

static void search_is_bounded_and_counts_every_match(void **state)
{
	struct fx *f = *state;
	int64_t id[5];
	register_of_five(f->c, id);
	int64_t total = 0;
	assert_string_equal(found(f, "h", NULL, NULL, NULL, 2, &total), "2,1");
	assert_int_equal(total, 3);
	assert_string_equal(found(f, "h", NULL, NULL, NULL, 0, &total), "");
	assert_int_equal(total, 3);
}

/* Runs a search scoped as q_scope and returns how many it found. */
static int64_t found_as(struct fx *f, const char *name, const char *dob, const char *nhs, int64_t user, int64_t team)
{
	struct store_person_query q = {.name = {name, NULL, NULL}, .birth_date = dob, .nhs_number = nhs,
				       .user_id = user, .team_id = team, .today = "2026-11-22",
				       .now_ms = 1795348800000LL};
	struct store_person *out;
	size_t n = 99;
	int64_t t = -1;
	assert_int_equal(store_person_search(f->c, f->a, &q, 10, &out, &n, &t), CP_OK);
	assert_int_equal((int64_t)n, t);
	return t;
}

static void search_keeps_to_the_people_the_searcher_may_see(void **state)
{
	struct fx *f = *state;
	int64_t ids[5];
	register_of_five(f->c, ids);
	assert_int_equal(sqlite3_exec(f->c->db,
				      "INSERT INTO organisation(id, name) VALUES (1, 'Org');"
				      "INSERT INTO team(id, organisation_id, name) VALUES (1, 1, 'North'), (2, 1, 'South');"
				      "INSERT INTO users(id, username, display_name, role, team_id, password_hash, created_ms)"
				      "  VALUES (7, 'sw', 'Sue', 'professional', 2, 'x', 1);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	/* Margaret and Elizabeth Hughes belong to team 1; John Patel to team 2. */
	char sql[300];
	snprintf(sql, sizeof sql, "UPDATE person SET team_id = 1 WHERE id IN (%lld, %lld);"
		 "UPDATE person SET team_id = 2 WHERE id = %lld;", (long long)ids[0], (long long)ids[1], (long long)ids[2]);
	assert_int_equal(sqlite3_exec(f->c->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(found_as(f, "hughes", NULL, NULL, 7, 1), 2); /* their team's, with no episode yet */
	assert_int_equal(found_as(f, "hughes", NULL, NULL, 7, 2), 0);
	assert_int_equal(found_as(f, NULL, "1953-01-22", NULL, 7, 2), 1); /* John, not Margaret */
	/* Nobody's search finds nobody. */
	assert_int_equal(found_as(f, "hughes", NULL, NULL, 0, 0), 0);
	/* A discharged person of the team is no longer the team's to find. */
	snprintf(sql, sizeof sql, "INSERT INTO episode(person_id, stage, level, started_ms, updated_ms, version)"
		 " VALUES (%lld, 'discharged', 1, 1, 1, 1);", (long long)ids[1]);
	assert_int_equal(sqlite3_exec(f->c->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(found_as(f, "hughes", NULL, NULL, 7, 1), 1);
	/* A care team period of user 7 on that episode lets them find her again. */
	snprintf(sql, sizeof sql, "INSERT INTO care_team_member(episode_id, user_id, role, from_date)"
		 " SELECT id, 7, 'Social worker', '2026-01-01' FROM episode WHERE person_id = %lld;", (long long)ids[1]);
	assert_int_equal(sqlite3_exec(f->c->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(found_as(f, "elizabeth", NULL, NULL, 7, 2), 1);
	/* Live break-glass access finds someone; expired does not. */
	snprintf(sql, sizeof sql, "INSERT INTO break_glass(user_id, person_id, reason, granted_ms, expires_ms)"
		 " VALUES (7, %lld, 'A reason given', 1, 1795348800001);", (long long)ids[3]);
	assert_int_equal(sqlite3_exec(f->c->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(found_as(f, "wright", NULL, NULL, 7, 2), 1);
	struct store_person_query later = {.name = {"wright", NULL, NULL}, .user_id = 7, .team_id = 2,
					   .today = "2026-11-23", .now_ms = 1795348800001LL};
	struct store_person *out;
	size_t n;
	int64_t t;
	assert_int_equal(store_person_search(f->c, f->a, &later, 10, &out, &n, &t), CP_OK);
	assert_int_equal(t, 0);
	/* An exact NHS number is not limited: its caller checks the match. */
	assert_int_equal(found_as(f, NULL, NULL, NHS_A, 0, 0), 1);
}

static void a_search_that_uses_nothing_is_refused(void **state)
{
	struct fx *f = *state;
	struct store_person_query q = {0};
	struct store_person *out = (struct store_person *)1;
	size_t n = 5;
	int64_t t = 5;
	assert_int_equal(store_person_search(f->c, f->a, &q, 10, &out, &n, &t), CP_EINVAL);
	assert_null(out);
	assert_int_equal(n, 0);
	assert_int_equal(t, 0);
}

/* ---- contacts ------------------------------------------------------------------------------ */

static void contacts_keep_their_roles_and_email_and_list_in_the_order_added(void **state)
{
	struct fx *f = *state;
	int64_t p = add(f->c, NHS_A, "Margaret", "Hughes", NULL, "1953-01-22");
	int64_t q = add(f->c, NHS_B, "John", "Patel", NULL, "1948-06-30");
	struct store_contact k1 = {.person_id = p, .name = "David Hughes", .relationship = "husband",
				   .is_carer = true, .is_next_of_kin = true, .phone = "07700 900123"};
	struct store_contact k2 = {.person_id = p, .name = "Anna Hughes", .relationship = "daughter",
				   .is_representative = true, .is_emergency = true, .email = "anna@example.org"};
	struct store_contact k3 = {.person_id = q, .name = "Sunita Patel", .relationship = "wife"};
	int64_t id1, id2, id3;
	assert_int_equal(store_contact_insert(f->c, &k1, &id1), CP_OK);
	assert_int_equal(store_contact_insert(f->c, &k2, &id2), CP_OK);
	assert_int_equal(store_contact_insert(f->c, &k3, &id3), CP_OK);

	struct store_contact *k;
	size_t n;
	assert_int_equal(store_contact_list(f->c, f->a, p, 10, &k, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(k[0].id, id1);
	assert_string_equal(k[0].name, "David Hughes");
	assert_true(k[0].is_carer && k[0].is_next_of_kin);
	assert_false(k[0].is_representative || k[0].is_emergency);
	assert_string_equal(k[0].phone, "07700 900123");
	assert_null(k[0].email);
	assert_int_equal(k[1].id, id2);
	assert_true(k[1].is_representative && k[1].is_emergency);
	assert_false(k[1].is_carer || k[1].is_next_of_kin);
	assert_string_equal(k[1].email, "anna@example.org");
	assert_null(k[1].phone);

	assert_int_equal(store_contact_list(f->c, f->a, p, 1, &k, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(k[0].id, id1);
	assert_int_equal(store_contact_list(f->c, f->a, 12345, 10, &k, &n), CP_OK);
	assert_int_equal(n, 0);
}

static void a_contact_for_nobody_is_refused(void **state)
{
	struct fx *f = *state;
	struct store_contact k = {.person_id = 404, .name = "Nobody", .relationship = "friend"};
	int64_t id = 0;
	struct fx_capture cap;
	assert_int_equal(fx_capture_begin(&cap), 0);
	enum cp_err err = store_contact_insert(f->c, &k, &id);
	free(fx_capture_end(&cap));
	assert_int_equal(err, CP_EDB); /* a broken foreign key is a failure, not a conflict */
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_database_at_version_1_is_upgraded_keeping_its_people),
		T(version_must_be_at_least_one),
		T(a_person_round_trips_with_every_field),
		T(a_person_is_found_by_nhs_number),
		T(a_taken_nhs_number_is_a_conflict),
		T(an_update_at_the_current_version_changes_the_details_and_moves_the_version_on),
		T(an_update_at_an_old_version_is_a_conflict_and_changes_nothing),
		T(an_update_of_nobody_is_not_found),
		T(an_update_to_another_persons_nhs_number_is_a_conflict),
		T(search_by_name_matches_the_start_of_any_name_without_regard_to_case),
		T(search_follows_a_change_of_name_and_terms_in_any_slot),
		T(search_wildcards_are_plain_characters),
		T(search_by_date_of_birth_and_nhs_number_is_exact),
		T(search_is_bounded_and_counts_every_match),
		T(search_keeps_to_the_people_the_searcher_may_see),
		T(a_search_that_uses_nothing_is_refused),
		T(contacts_keep_their_roles_and_email_and_list_in_the_order_added),
		T(a_contact_for_nobody_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
