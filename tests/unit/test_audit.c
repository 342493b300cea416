/*
 * test_audit.c - the hash-chained audit trail (src/domain/audit.c).
 *
 * Tampering is done the way someone with the database file would: a raw
 * sqlite3 connection that drops the audit_no_update / audit_no_delete
 * triggers, then changes, deletes or inserts rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "domain/audit.h"
#include "fixture.h"

#define ROWS 5

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
};

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static const struct audit_actor actor = {.user_id = 7, .role = "administrator", .request_id = "r1", .client = "cli"};

static enum cp_err record(struct store_conn *c, const char *action, int64_t person_id, int64_t now_ms)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct audit_event ev = {.action = action, .object_type = "person", .object_id = person_id,
				 .person_id = person_id, .reason = person_id % 2 ? "odd" : NULL};
	err = audit_record(c, &actor, &ev, now_ms);
	if (err) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}

/* A store holding ROWS audit rows. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	fx_path(f->path, sizeof f->path, f->dir, "audit.db");
	char msg[512];
	if (!f->dir || store_open(f->path, 1, &f->st, msg, sizeof msg))
		return -1;
	f->c = store_acquire(f->st);
	for (int i = 1; i <= ROWS; i++)
		if (record(f->c, i % 2 ? "person.read" : "person.update", i, 1000 * i))
			return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

/* Runs sql on the file as an outsider, with the append-only triggers gone. */
static void tamper(struct fx *f, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *e = NULL;
	int rc = sqlite3_exec(db, "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;",
			      NULL, NULL, &e);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &e);
	if (rc != SQLITE_OK)
		fprintf(stderr, "tamper: %s\n", e ? e : "?");
	sqlite3_free(e);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
}

/* Reads row id back (strings copied into the caller's buffers). */
struct row_copy {
	struct store_audit r;
	char role[64], action[64], object_type[64], reason[64], request_id[64], client[64];
	int64_t want;
	bool found;
};

static int copy_row(void *ctx, const struct store_audit *r)
{
	struct row_copy *k = ctx;
	if (r->id != k->want)
		return 0;
	k->r = *r;
#define KEEP(field)                                                                                                \
	do {                                                                                                       \
		snprintf(k->field, sizeof k->field, "%s", r->field ? r->field : "");                               \
		k->r.field = r->field ? k->field : NULL;                                                          \
	} while (0)
	KEEP(role);
	KEEP(action);
	KEEP(object_type);
	KEEP(reason);
	KEEP(request_id);
	KEEP(client);
#undef KEEP
	k->found = true;
	return 1;
}

/* Fills *k with row id (its string fields point into *k). */
static void read_row(struct store_conn *c, int64_t id, struct row_copy *k)
{
	memset(k, 0, sizeof *k);
	k->want = id;
	assert_int_equal(store_audit_walk(c, copy_row, k), CP_OK);
	assert_true(k->found);
}

/* INSERT of a complete row, blobs as hex literals. */
static void insert_row_sql(char *out, size_t n, const struct store_audit *r)
{
	char prev[2 * STORE_HASH_LEN + 1], hash[2 * STORE_HASH_LEN + 1];
	sodium_bin2hex(prev, sizeof prev, r->prev_hash, STORE_HASH_LEN);
	sodium_bin2hex(hash, sizeof hash, r->hash, STORE_HASH_LEN);
	snprintf(out, n,
		 "INSERT INTO audit(id, time_ms, user_id, role, action, object_type, object_id, person_id, reason, "
		 "request_id, client, prev_hash, hash) VALUES (%lld, %lld, %lld, '%s', '%s', '%s', %lld, %lld, NULL, "
		 "'%s', '%s', x'%s', x'%s')",
		 (long long)r->id, (long long)r->time_ms, (long long)r->user_id, r->role, r->action, r->object_type,
		 (long long)r->object_id, (long long)r->person_id, r->request_id, r->client, prev, hash);
}

/* A forged row that links correctly to row prev_id. */
static struct store_audit forged_after(struct store_conn *c, int64_t prev_id, int64_t id)
{
	struct row_copy p;
	read_row(c, prev_id, &p);
	struct store_audit r;
	memset(&r, 0, sizeof r);
	r.id = id;
	r.time_ms = 424242;
	r.user_id = 1;
	r.role = "administrator";
	r.action = "person.read";
	r.object_type = "person";
	r.object_id = 9;
	r.person_id = 9;
	r.request_id = "forged";
	r.client = "cli";
	memcpy(r.prev_hash, p.r.hash, STORE_HASH_LEN);
	audit_hash(&r, r.hash);
	return r;
}

/* ---- recording -------------------------------------------------------------- */

static void empty_trail_verifies(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512];
	fx_path(path, sizeof path, dir, "empty.db");
	struct store *st;
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_OK);
	struct store_conn *c = store_acquire(st);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(c, &res), CP_OK);
	assert_int_equal(res.rows, 0);
	assert_int_equal(res.bad_id, 0);
	store_release(st, c);
	store_close(st);
	fx_rmdir(dir);
}

static void recorded_rows_carry_the_event_and_the_actor(void **state)
{
	struct fx *f = *state;
	struct row_copy k;
	read_row(f->c, 3, &k);
	assert_int_equal(k.r.time_ms, 3000);
	assert_int_equal(k.r.user_id, 7);
	assert_string_equal(k.r.role, "administrator");
	assert_string_equal(k.r.action, "person.read");
	assert_string_equal(k.r.object_type, "person");
	assert_int_equal(k.r.object_id, 3);
	assert_int_equal(k.r.person_id, 3);
	assert_string_equal(k.r.reason, "odd");
	assert_string_equal(k.r.request_id, "r1");
	assert_string_equal(k.r.client, "cli");
	read_row(f->c, 2, &k);
	assert_null(k.r.reason);
}

static void rows_are_chained_from_a_zero_hash(void **state)
{
	struct fx *f = *state;
	unsigned char prev[STORE_HASH_LEN] = {0};
	for (int64_t id = 1; id <= ROWS; id++) {
		struct row_copy k;
		read_row(f->c, id, &k);
		assert_memory_equal(k.r.prev_hash, prev, STORE_HASH_LEN);
		unsigned char h[STORE_HASH_LEN];
		audit_hash(&k.r, h);
		assert_memory_equal(h, k.r.hash, STORE_HASH_LEN);
		memcpy(prev, k.r.hash, STORE_HASH_LEN);
	}
	int64_t last;
	unsigned char head[STORE_HASH_LEN];
	assert_int_equal(store_audit_head(f->c, &last, head), CP_OK);
	assert_int_equal(last, ROWS);
	assert_memory_equal(head, prev, STORE_HASH_LEN);
}

static void intact_chain_verifies(void **state)
{
	struct fx *f = *state;
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_OK);
	assert_int_equal(res.rows, ROWS);
	assert_int_equal(res.bad_id, 0);
	assert_string_equal(res.msg, "5 rows verified; the chain is intact");
}

static void record_without_an_actor_writes_nobody(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c), CP_OK);
	struct audit_event ev = {.action = "system.start"};
	assert_int_equal(audit_record(f->c, NULL, &ev, 1), CP_OK);
	assert_int_equal(store_commit(f->c), CP_OK);
	struct row_copy k;
	read_row(f->c, ROWS + 1, &k);
	assert_int_equal(k.r.user_id, 0);
	assert_null(k.r.role);
	assert_null(k.r.client);
	assert_null(k.r.object_type);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_OK);
	assert_int_equal(res.rows, ROWS + 1);
}

static void rolled_back_record_leaves_no_row_and_no_head(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c), CP_OK);
	struct audit_event ev = {.action = "user.create"};
	assert_int_equal(audit_record(f->c, &actor, &ev, 1), CP_OK);
	store_rollback(f->c);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_OK);
	assert_int_equal(res.rows, ROWS);
}

/* audit_finish: a write that went well gets its row and is committed; one
 * that failed is rolled back with no row, and its error comes back. */
static void finish_commits_with_the_row_or_rolls_back(void **state)
{
	struct fx *f = *state;
	struct audit_event ev = {.action = "user.create"};
	assert_int_equal(store_begin(f->c), CP_OK);
	assert_int_equal(audit_finish(f->c, &actor, &ev, 1, CP_OK), CP_OK);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_OK);
	assert_int_equal(res.rows, ROWS + 1);
	assert_int_equal(store_begin(f->c), CP_OK);
	assert_int_equal(audit_finish(f->c, &actor, &ev, 2, CP_ECONFLICT), CP_ECONFLICT);
	assert_int_equal(audit_verify(f->c, &res), CP_OK);
	assert_int_equal(res.rows, ROWS + 1);
	/* The transaction is over either way: a new one can begin. */
	assert_int_equal(store_begin(f->c), CP_OK);
	store_rollback(f->c);
}

static void hash_covers_every_field(void **state)
{
	(void)state;
	struct store_audit base;
	memset(&base, 0, sizeof base);
	base.id = 4;
	base.time_ms = 5;
	base.user_id = 6;
	base.role = "r";
	base.action = "a";
	base.object_type = "t";
	base.object_id = 7;
	base.person_id = 8;
	base.reason = "why";
	base.request_id = "req";
	base.client = "cli";
	unsigned char h0[STORE_HASH_LEN], h[STORE_HASH_LEN];
	audit_hash(&base, h0);
	audit_hash(&base, h);
	assert_memory_equal(h0, h, STORE_HASH_LEN); /* deterministic */
	for (int field = 0; field < 12; field++) {
		struct store_audit r = base;
		switch (field) {
		case 0: r.id++; break;
		case 1: r.time_ms++; break;
		case 2: r.user_id++; break;
		case 3: r.role = "R"; break;
		case 4: r.action = "A"; break;
		case 5: r.object_type = NULL; break;
		case 6: r.object_id++; break;
		case 7: r.person_id++; break;
		case 8: r.reason = ""; break; /* "" is not NULL */
		case 9: r.request_id = NULL; break;
		case 10: r.client = "cl"; break;
		case 11: r.prev_hash[31] ^= 1; break;
		}
		audit_hash(&r, h);
		assert_memory_not_equal(h, h0, STORE_HASH_LEN);
	}
}

static void hash_is_not_fooled_by_moving_bytes_between_fields(void **state)
{
	(void)state;
	struct store_audit a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.role = "ab";
	a.action = "c";
	b.role = "a";
	b.action = "bc";
	unsigned char ha[STORE_HASH_LEN], hb[STORE_HASH_LEN];
	audit_hash(&a, ha);
	audit_hash(&b, hb);
	assert_memory_not_equal(ha, hb, STORE_HASH_LEN);
}

/* ---- tampering ---------------------------------------------------------------- */

static void changed_field_is_found_at_its_row(void **state)
{
	struct fx *f = *state;
	tamper(f, "UPDATE audit SET person_id = 99 WHERE id = 3");
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 3);
	assert_non_null(strstr(res.msg, "row 3: its content was changed"));
}

static void changed_row_with_a_recomputed_hash_breaks_the_next_link(void **state)
{
	struct fx *f = *state;
	struct row_copy k;
	read_row(f->c, 2, &k);
	k.r.reason = "edited";
	audit_hash(&k.r, k.r.hash);
	char hex[2 * STORE_HASH_LEN + 1], sql[512];
	sodium_bin2hex(hex, sizeof hex, k.r.hash, STORE_HASH_LEN);
	snprintf(sql, sizeof sql, "UPDATE audit SET reason = 'edited', hash = x'%s' WHERE id = 2", hex);
	tamper(f, sql);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 3);
	assert_non_null(strstr(res.msg, "row 3: its link to the previous row is broken"));
}

static void deleted_middle_row_is_found(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit WHERE id = 3");
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 3);
	assert_non_null(strstr(res.msg, "expected row 3 here"));
}

static void deleted_first_row_is_found(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit WHERE id = 1");
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 1);
}

static void deleted_last_row_is_found_through_the_head(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit WHERE id = 5");
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 5);
	assert_int_equal(res.rows, 4);
	assert_non_null(strstr(res.msg, "the trail ends at row 4 but 5 rows were written"));
}

static void deleting_every_row_is_found(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit");
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 1);
	assert_int_equal(res.rows, 0);
}

static void replaced_last_row_is_found_through_the_head(void **state)
{
	struct fx *f = *state;
	struct store_audit r = forged_after(f->c, 4, 5);
	char sql[1024];
	insert_row_sql(sql, sizeof sql, &r);
	tamper(f, "DELETE FROM audit WHERE id = 5");
	tamper(f, sql);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 5);
}

static void row_added_at_the_end_with_a_valid_link_is_found(void **state)
{
	struct fx *f = *state;
	struct store_audit r = forged_after(f->c, 5, 6);
	char sql[1024];
	insert_row_sql(sql, sizeof sql, &r);
	tamper(f, sql);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 6);
	assert_int_equal(res.rows, 6);
	assert_non_null(strstr(res.msg, "added at the end"));
}

static void row_added_at_the_end_with_a_made_up_hash_is_found(void **state)
{
	struct fx *f = *state;
	struct store_audit r = forged_after(f->c, 5, 6);
	r.hash[0] ^= 0xFF;
	char sql[1024];
	insert_row_sql(sql, sizeof sql, &r);
	tamper(f, sql);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 6);
	assert_non_null(strstr(res.msg, "content was changed"));
}

static void row_inserted_in_the_middle_is_found(void **state)
{
	struct fx *f = *state;
	/* Make room at 3 by moving rows 3..5 up one, then insert a row that links
	 * correctly to row 2.  The forged row itself is consistent; the row after
	 * it no longer links, and that is where the break shows. */
	struct store_audit r = forged_after(f->c, 2, 3);
	char sql[1024];
	insert_row_sql(sql, sizeof sql, &r);
	tamper(f, "UPDATE audit SET id = id + 100 WHERE id >= 3; UPDATE audit SET id = id - 99 WHERE id >= 100;");
	tamper(f, sql);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 4);
	assert_non_null(strstr(res.msg, "link to the previous row is broken"));
}

static void row_inserted_before_the_first_is_found_at_position_one(void **state)
{
	struct fx *f = *state;
	struct store_audit r = forged_after(f->c, 1, 0);
	memset(r.prev_hash, 0, STORE_HASH_LEN);
	audit_hash(&r, r.hash);
	char sql[1024];
	insert_row_sql(sql, sizeof sql, &r);
	tamper(f, sql);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_ECONFLICT);
	assert_int_equal(res.bad_id, 1); /* never 0, which would mean "intact" */
	assert_non_null(strstr(res.msg, "row 0: expected row 1 here"));
}

static void unreadable_trail_is_a_database_error(void **state)
{
	struct fx *f = *state;
	tamper(f, "DROP TABLE audit");
	struct audit_verify_result res;
	assert_int_equal(audit_verify(f->c, &res), CP_EDB);
	assert_string_equal(res.msg, "cannot read the audit trail");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_trail_verifies),
		T(recorded_rows_carry_the_event_and_the_actor),
		T(rows_are_chained_from_a_zero_hash),
		T(intact_chain_verifies),
		T(record_without_an_actor_writes_nobody),
		T(rolled_back_record_leaves_no_row_and_no_head),
		T(finish_commits_with_the_row_or_rolls_back),
		cmocka_unit_test(hash_covers_every_field),
		cmocka_unit_test(hash_is_not_fooled_by_moving_bytes_between_fields),
		T(changed_field_is_found_at_its_row),
		T(changed_row_with_a_recomputed_hash_breaks_the_next_link),
		T(deleted_middle_row_is_found),
		T(deleted_first_row_is_found),
		T(deleted_last_row_is_found_through_the_head),
		T(deleting_every_row_is_found),
		T(replaced_last_row_is_found_through_the_head),
		T(row_added_at_the_end_with_a_valid_link_is_found),
		T(row_added_at_the_end_with_a_made_up_hash_is_found),
		T(row_inserted_in_the_middle_is_found),
		T(row_inserted_before_the_first_is_found_at_position_one),
		T(unreadable_trail_is_a_database_error),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
