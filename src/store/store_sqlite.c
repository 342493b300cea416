/*
 * store_sqlite.c - the SQLite implementation of store.h.
 *
 * Each connection is opened with WAL, synchronous=FULL (a committed
 * transaction survives power loss), foreign keys on and a busy timeout, and
 * prepares every statement of sqlite_stmt.def once.  The pool hands a
 * connection to one thread at a time (mutex + condition variable).
 *
 * Invariant: a released connection has no open transaction and every
 * statement reset.
 */
#include "store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/log.h"
#include "sqlite_internal.h"
#include "sqlite_schema.h"

#define BUSY_TIMEOUT_MS 5000

static const char *const stmt_sql[ST__MAX] = {
/* sql is always a string literal, which needs no parentheses. */
#define STMT(name, sql) [ST_##name] = sql, /* NOLINT(bugprone-macro-parentheses) */
#include "sqlite_stmt.def"
#undef STMT
};

const char *const sqlite_stmt_name[ST__MAX] = {
#define STMT(name, sql) [ST_##name] = #name,
#include "sqlite_stmt.def"
#undef STMT
};

struct store {
	char *path;
	int n;
	struct store_conn *conns;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* ---- opening, pool, migrations --------------------------------------------- */

static enum cp_err exec_script(sqlite3 *db, const char *sql, char *msg, size_t msgn)
{
	char *e = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK) {
		snprintf(msg, msgn, "%s", e ? e : sqlite3_errmsg(db));
		sqlite3_free(e);
		return CP_EDB;
	}
	return CP_OK;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static enum cp_err migrate(sqlite3 *db, const char *path, char *msg, size_t msgn)
{
	char inner[256];
	/* Serialise migrating processes: take the write lock before reading the version. */
	if (exec_script(db, "BEGIN IMMEDIATE", inner, sizeof inner)) {
		snprintf(msg, msgn, "database %s: cannot lock for migration: %s", path, inner);
		return CP_EDB;
	}
	int v = user_version(db);
	if (v < 0) {
		exec_script(db, "ROLLBACK", inner, sizeof inner);
		snprintf(msg, msgn, "database %s: cannot read its schema version: %s", path, sqlite3_errmsg(db));
		return CP_EDB;
	}
	if (v > SQLITE_MIGRATION_COUNT) {
		exec_script(db, "ROLLBACK", inner, sizeof inner);
		snprintf(msg, msgn,
			 "database %s has schema version %d, but this careplan knows only up to %d: "
			 "it was written by a newer version; upgrade careplan",
			 path, v, SQLITE_MIGRATION_COUNT);
		return CP_EVERSION;
	}
	for (int i = v; i < SQLITE_MIGRATION_COUNT; i++) {
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", i + 1);
		if (exec_script(db, sqlite_migrations[i], inner, sizeof inner) ||
		    exec_script(db, bump, inner, sizeof inner)) {
			char ignore[64];
			exec_script(db, "ROLLBACK", ignore, sizeof ignore);
			snprintf(msg, msgn, "database %s: migration %d failed: %s", path, i + 1, inner);
			return CP_EDB;
		}
	}
	if (exec_script(db, "COMMIT", inner, sizeof inner)) {
		snprintf(msg, msgn, "database %s: cannot commit migration: %s", path, inner);
		return CP_EDB;
	}
	return CP_OK;
}

/* Waiting for another connection's write lock.  SQLite's own busy timeout
 * sleeps in steps of up to 100 ms, long beside the fraction of a millisecond
 * a write here holds the lock, so a page could idle for tens of
 * milliseconds behind a one-row audit write.  This waits in short sleeps
 * (50 us, growing to 1 ms) up to BUSY_TIMEOUT_MS in all. */
static int busy_wait(void *ctx, int count)
{
	(void)ctx;
	/* The sleeps so far: 50 us each for the first 20, then 1 ms each. */
	long waited_us = count <= 20 ? count * 50L : 20 * 50L + (count - 20) * 1000L;
	if (waited_us >= BUSY_TIMEOUT_MS * 1000L)
		return 0;
	struct timespec ts = {0, count < 20 ? 50000L : 1000000L};
	nanosleep(&ts, NULL);
	return 1;
}

static void conn_close(struct store_conn *c)
{
	for (int i = 0; i < ST__MAX; i++) {
		sqlite3_finalize(c->st[i]);
		c->st[i] = NULL;
	}
	if (c->db)
		sqlite3_close(c->db);
	c->db = NULL;
}

static enum cp_err conn_open(struct store_conn *c, const char *path, bool first, char *msg, size_t msgn)
{
	int rc = sqlite3_open_v2(path, &c->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, msgn, "cannot open database %s: %s", path,
			 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		return CP_EDB;
	}
	sqlite3_busy_handler(c->db, busy_wait, NULL);
	sqlite3_extended_result_codes(c->db, 1);
	char inner[256];
	if (exec_script(c->db,
			"PRAGMA journal_mode = WAL;"
			"PRAGMA synchronous = FULL;"
			"PRAGMA foreign_keys = ON;"
			"PRAGMA trusted_schema = OFF;",
			inner, sizeof inner)) {
		snprintf(msg, msgn, "database %s: cannot configure: %s", path, inner);
		return CP_EDB;
	}
	if (first) {
		enum cp_err err = migrate(c->db, path, msg, msgn);
		if (err)
			return err;
	}
	for (int i = 0; i < ST__MAX; i++) {
		if (sqlite3_prepare_v3(c->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &c->st[i], NULL) !=
		    SQLITE_OK) {
			snprintf(msg, msgn, "database %s: statement %s does not fit the schema: %s", path,
				 sqlite_stmt_name[i], sqlite3_errmsg(c->db));
			return CP_EDB;
		}
	}
	return CP_OK;
}

enum cp_err store_open(const char *path, int pool_size, struct store **out, char *msg, size_t msgn)
{
	*out = NULL;
	if (pool_size < 1)
		pool_size = 1;
	struct store *st = calloc(1, sizeof *st);
	if (!st) {
		snprintf(msg, msgn, "out of memory opening %s", path);
		return CP_ENOMEM;
	}
	st->path = strdup(path);
	st->n = pool_size;
	st->conns = calloc((size_t)pool_size, sizeof *st->conns);
	pthread_mutex_init(&st->mu, NULL);
	pthread_cond_init(&st->cv, NULL);
	if (!st->path || !st->conns) {
		store_close(st);
		snprintf(msg, msgn, "out of memory opening %s", path);
		return CP_ENOMEM;
	}
	for (int i = 0; i < pool_size; i++) {
		enum cp_err err = conn_open(&st->conns[i], path, i == 0, msg, msgn);
		if (err) {
			store_close(st);
			return err;
		}
	}
	*out = st;
	return CP_OK;
}

enum cp_err store_set_cache(struct store *st, int mib)
{
	if (mib < STORE_CACHE_MIB_MIN || mib > STORE_CACHE_MIB_MAX)
		return CP_EINVAL;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", mib * 1024); /* negative: KiB */
	enum cp_err err = CP_OK;
	pthread_mutex_lock(&st->mu);
	for (int i = 0; i < st->n && !err; i++) {
		if (st->conns[i].busy)
			err = CP_ECONFLICT; /* called while connections are handed out */
		else if (sqlite3_exec(st->conns[i].db, sql, NULL, NULL, NULL) != SQLITE_OK) /* lint-ok: one checked int, PRAGMA takes no parameter */
			err = CP_EDB;
	}
	pthread_mutex_unlock(&st->mu);
	return err;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	pthread_mutex_lock(&st->mu);
	for (;;) {
		bool busy = false;
		for (int i = 0; st->conns && i < st->n; i++)
			busy |= st->conns[i].busy;
		if (!busy)
			break;
		pthread_cond_wait(&st->cv, &st->mu);
	}
	pthread_mutex_unlock(&st->mu);
	if (st->conns && st->conns[0].db) {
		/* Fold the WAL back into the database so the file stands alone. */
		sqlite3_wal_checkpoint_v2(st->conns[0].db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	}
	for (int i = 0; st->conns && i < st->n; i++)
		conn_close(&st->conns[i]);
	pthread_cond_destroy(&st->cv);
	pthread_mutex_destroy(&st->mu);
	free(st->conns);
	free(st->path);
	free(st);
}

struct store_conn *store_acquire(struct store *st)
{
	pthread_mutex_lock(&st->mu);
	for (;;) {
		for (int i = 0; i < st->n; i++) {
			if (!st->conns[i].busy) {
				st->conns[i].busy = true;
				pthread_mutex_unlock(&st->mu);
				return &st->conns[i];
			}
		}
		pthread_cond_wait(&st->cv, &st->mu);
	}
}

void store_release(struct store *st, struct store_conn *c)
{
	if (!c)
		return;
	if (c->in_tx)
		store_rollback(c);
	pthread_mutex_lock(&st->mu);
	c->busy = false;
	pthread_cond_broadcast(&st->cv);
	pthread_mutex_unlock(&st->mu);
}

int store_schema_version(struct store_conn *c)
{
	return user_version(c->db);
}

enum cp_err store_begin(struct store_conn *c)
{
	if (c->in_tx)
		return CP_EDB;
	enum cp_err err = run(c, ST_BEGIN, S(c, ST_BEGIN));
	if (!err)
		c->in_tx = true;
	return err;
}

enum cp_err store_begin_read(struct store_conn *c)
{
	if (c->in_tx)
		return CP_EDB;
	enum cp_err err = run(c, ST_BEGIN_READ, S(c, ST_BEGIN_READ));
	if (!err)
		c->in_tx = true;
	return err;
}

/* Back to full durability after a relaxed transaction. */
static void end_relaxed(struct store_conn *c)
{
	if (c->relaxed) {
		run(c, ST_SYNC_FULL, S(c, ST_SYNC_FULL));
		c->relaxed = false;
	}
}

enum cp_err store_begin_relaxed(struct store_conn *c)
{
	if (c->in_tx)
		return CP_EDB;
	enum cp_err err = run(c, ST_SYNC_NORMAL, S(c, ST_SYNC_NORMAL));
	if (err)
		return err;
	c->relaxed = true;
	if ((err = run(c, ST_BEGIN, S(c, ST_BEGIN)))) {
		end_relaxed(c);
		return err;
	}
	c->in_tx = true;
	return CP_OK;
}

enum cp_err store_commit(struct store_conn *c)
{
	enum cp_err err = run(c, ST_COMMIT, S(c, ST_COMMIT));
	if (err) {
		store_rollback(c);
		return err;
	}
	c->in_tx = false;
	end_relaxed(c);
	return CP_OK;
}

void store_rollback(struct store_conn *c)
{
	if (sqlite3_get_autocommit(c->db) == 0)
		run(c, ST_ROLLBACK, S(c, ST_ROLLBACK));
	c->in_tx = false;
	end_relaxed(c);
}

enum cp_err store_backup(struct store *st, const char *path, char *msg, size_t msgn)
{
	sqlite3 *dst = NULL;
	enum cp_err err = CP_OK;
	/* Write to a temporary file first so a failed backup never leaves a
	 * half-written file where a good one is expected. */
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.partial", path) >= (int)sizeof tmp) {
		snprintf(msg, msgn, "backup path is too long");
		return CP_EINVAL;
	}
	remove(tmp);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(msg, msgn, "cannot create backup file %s: %s", tmp, dst ? sqlite3_errmsg(dst) : "?");
		sqlite3_close(dst);
		return CP_EIO;
	}
	struct store_conn *c = store_acquire(st);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", c->db, "main");
	if (!b) {
		snprintf(msg, msgn, "cannot start backup to %s: %s", path, sqlite3_errmsg(dst));
		err = CP_EIO;
		goto out;
	}
	/* Copy in steps so writers are not held off for the whole copy; a change
	 * made meanwhile by another connection restarts the copy, which keeps
	 * the result consistent. */
	int rc;
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(msg, msgn, "backup to %s failed: %s", path, sqlite3_errstr(rc));
		err = CP_EIO;
		goto out;
	}
	/* The copy is in WAL mode like its source; make it one self-contained file. */
	sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
out:
	store_release(st, c);
	if (sqlite3_close(dst) != SQLITE_OK && !err) {
		snprintf(msg, msgn, "cannot close backup file %s", tmp);
		err = CP_EIO;
	}
	if (!err && rename(tmp, path) != 0) {
		snprintf(msg, msgn, "cannot move backup into place at %s", path);
		err = CP_EIO;
	}
	if (err)
		remove(tmp);
	return err;
}

enum cp_err store_integrity_check(struct store_conn *c, char *msg, size_t msgn)
{
	sqlite3_stmt *s = NULL;
	enum cp_err err = CP_EDB;
	if (sqlite3_prepare_v2(c->db, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(s, 0);
		snprintf(msg, msgn, "%s", r ? r : "?");
		err = r && strcmp(r, "ok") == 0 ? CP_OK : CP_EDB;
	} else {
		snprintf(msg, msgn, "%s", sqlite3_errmsg(c->db));
	}
	sqlite3_finalize(s);
	return err;
}

/* ---- organisations and teams ---------------------------------------------- */

enum cp_err store_org_insert(struct store_conn *c, const struct store_org *o, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_ORG_INSERT);
	bind_text(s, 1, o->name);
	bind_text(s, 2, o->ods_code);
	return run_insert(c, ST_ORG_INSERT, s, id);
}

enum cp_err store_team_insert(struct store_conn *c, const struct store_team *t, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_TEAM_INSERT);
	sqlite3_bind_int64(s, 1, t->org_id);
	bind_text(s, 2, t->name);
	return run_insert(c, ST_TEAM_INSERT, s, id);
}

enum cp_err store_team_get(struct store_conn *c, struct arena *a, int64_t id, struct store_team *out)
{
	sqlite3_stmt *s = S(c, ST_TEAM_GET);
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->org_id = sqlite3_column_int64(s, 1);
		out->name = col_text(a, s, 2);
		out->org_name = col_text(a, s, 3);
		if (!out->name || !out->org_name)
			err = CP_ENOMEM;
	} else {
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, ST_TEAM_GET, rc);
	}
	sqlite3_reset(s);
	return err;
}

/* ---- users ------------------------------------------------------------- */

enum cp_err store_user_insert(struct store_conn *c, const struct store_user *u, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_USER_INSERT);
	bind_text(s, 1, u->username);
	bind_text(s, 2, u->display_name);
	bind_text(s, 3, u->role);
	bind_text(s, 4, u->discipline);
	bind_ref(s, 5, u->team_id);
	bind_ref(s, 6, u->person_id);
	bind_text(s, 7, u->password_hash);
	sqlite3_bind_int(s, 8, u->disabled);
	sqlite3_bind_int64(s, 9, u->created_ms);
	return run_insert(c, ST_USER_INSERT, s, id);
}

static enum cp_err user_row(struct arena *a, sqlite3_stmt *s, struct store_user *u)
{
	u->id = sqlite3_column_int64(s, 0);
	u->username = col_text(a, s, 1);
	u->display_name = col_text(a, s, 2);
	u->role = col_text(a, s, 3);
	u->discipline = col_text(a, s, 4);
	u->team_id = sqlite3_column_int64(s, 5);
	u->person_id = sqlite3_column_int64(s, 6);
	u->password_hash = col_text(a, s, 7);
	u->disabled = sqlite3_column_int(s, 8) != 0;
	u->created_ms = sqlite3_column_int64(s, 9);
	u->last_signin_ms = sqlite3_column_int64(s, 10);
	u->prev_signin_ms = sqlite3_column_int64(s, 11);
	return u->username && u->display_name && u->role && u->password_hash ? CP_OK : CP_ENOMEM;
}

static enum cp_err user_one(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a,
			    struct store_user *out)
{
	int rc = sqlite3_step(s);
	enum cp_err err;
	if (rc == SQLITE_ROW)
		err = user_row(a, s, out);
	else
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_user_by_username(struct store_conn *c, struct arena *a, const char *username,
				   struct store_user *out)
{
	sqlite3_stmt *s = S(c, ST_USER_BY_NAME);
	bind_text(s, 1, username);
	return user_one(c, ST_USER_BY_NAME, s, a, out);
}

enum cp_err store_user_by_id(struct store_conn *c, struct arena *a, int64_t id, struct store_user *out)
{
	sqlite3_stmt *s = S(c, ST_USER_BY_ID);
	sqlite3_bind_int64(s, 1, id);
	return user_one(c, ST_USER_BY_ID, s, a, out);
}

enum cp_err store_user_set_password(struct store_conn *c, int64_t id, const char *hash)
{
	sqlite3_stmt *s = S(c, ST_USER_SET_PASSWORD);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, hash);
	enum cp_err err = run(c, ST_USER_SET_PASSWORD, s);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ENOTFOUND;
	return err;
}

enum cp_err store_user_set_last_signin(struct store_conn *c, int64_t id, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_USER_SET_SIGNIN);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, ms);
	return run(c, ST_USER_SET_SIGNIN, s);
}

static enum cp_err user_many(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a,
			     size_t max, struct store_user **out, size_t *n)
{
	*n = 0;
	*out = max ? arena_zalloc(a, max * sizeof **out) : NULL;
	if (max && !*out)
		return CP_ENOMEM;
	enum cp_err err = CP_OK;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		err = user_row(a, s, &(*out)[*n]);
		if (err)
			break;
		(*n)++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_user_list(struct store_conn *c, struct arena *a, size_t max, struct store_user **out,
			    size_t *n)
{
	sqlite3_stmt *s = S(c, ST_USER_LIST);
	sqlite3_bind_int64(s, 1, (int64_t)max);
	return user_many(c, ST_USER_LIST, s, a, max, out, n);
}

enum cp_err store_team_members(struct store_conn *c, struct arena *a, int64_t team_id, size_t max,
			       struct store_user **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_TEAM_MEMBERS);
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return user_many(c, ST_TEAM_MEMBERS, s, a, max, out, n);
}

/* ---- sessions ------------------------------------------------------------ */

enum cp_err store_session_insert(struct store_conn *c, const struct store_session *x)
{
	sqlite3_stmt *s = S(c, ST_SESSION_INSERT);
	sqlite3_bind_blob(s, 1, x->token_hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, x->user_id);
	bind_text(s, 3, x->csrf);
	sqlite3_bind_int64(s, 4, x->created_ms);
	sqlite3_bind_int64(s, 5, x->last_seen_ms);
	return run(c, ST_SESSION_INSERT, s);
}

enum cp_err store_session_get(struct store_conn *c, const unsigned char hash[STORE_HASH_LEN],
			      struct store_session *out)
{
	sqlite3_stmt *s = S(c, ST_SESSION_GET);
	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		memcpy(out->token_hash, hash, STORE_HASH_LEN);
		out->user_id = sqlite3_column_int64(s, 0);
		const unsigned char *t = sqlite3_column_text(s, 1);
		snprintf(out->csrf, sizeof out->csrf, "%s", t ? (const char *)t : "");
		out->created_ms = sqlite3_column_int64(s, 2);
		out->last_seen_ms = sqlite3_column_int64(s, 3);
	} else {
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, ST_SESSION_GET, rc);
	}
	sqlite3_reset(s);
	return err;
}

enum cp_err store_session_touch(struct store_conn *c, const unsigned char hash[STORE_HASH_LEN], int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_SESSION_TOUCH);
	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, ms);
	return run(c, ST_SESSION_TOUCH, s);
}

enum cp_err store_session_delete(struct store_conn *c, const unsigned char hash[STORE_HASH_LEN])
{
	sqlite3_stmt *s = S(c, ST_SESSION_DELETE);
	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	return run(c, ST_SESSION_DELETE, s);
}

enum cp_err store_session_purge(struct store_conn *c, int64_t idle_before, int64_t created_before,
				int64_t *n)
{
	sqlite3_stmt *s = S(c, ST_SESSION_PURGE);
	sqlite3_bind_int64(s, 1, idle_before);
	sqlite3_bind_int64(s, 2, created_before);
	enum cp_err err = run(c, ST_SESSION_PURGE, s);
	if (n)
		*n = err ? 0 : sqlite3_changes(c->db);
	return err;
}

/* ---- failed sign-ins ---------------------------------------------------- */

enum cp_err store_authfail_add(struct store_conn *c, int64_t ms, const char *username, const char *addr)
{
	sqlite3_stmt *s = S(c, ST_AUTHFAIL_ADD);
	sqlite3_bind_int64(s, 1, ms);
	bind_text(s, 2, username);
	bind_text(s, 3, addr);
	return run(c, ST_AUTHFAIL_ADD, s);
}

enum cp_err store_authfail_window(struct store_conn *c, enum store_authfail_key kind, const char *key,
				  int64_t since_ms, int64_t nth, int64_t *count, int64_t *nth_ms)
{
	enum stmt_id cid = kind == STORE_AUTHFAIL_USERNAME ? ST_AUTHFAIL_COUNT_USER : ST_AUTHFAIL_COUNT_ADDR;
	enum stmt_id nid = kind == STORE_AUTHFAIL_USERNAME ? ST_AUTHFAIL_NTH_USER : ST_AUTHFAIL_NTH_ADDR;
	sqlite3_stmt *s = S(c, cid);
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, since_ms);
	enum cp_err err = run_i64(c, cid, s, count);
	if (err)
		return err;
	*nth_ms = 0;
	s = S(c, nid);
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, since_ms);
	sqlite3_bind_int64(s, 3, nth);
	err = run_i64(c, nid, s, nth_ms);
	return err == CP_ENOTFOUND ? CP_OK : err;
}

enum cp_err store_authfail_clear_user(struct store_conn *c, const char *username)
{
	sqlite3_stmt *s = S(c, ST_AUTHFAIL_CLEAR_USER);
	bind_text(s, 1, username);
	return run(c, ST_AUTHFAIL_CLEAR_USER, s);
}

/* ---- audit ---------------------------------------------------------------- */

enum cp_err store_audit_head(struct store_conn *c, int64_t *last_id, unsigned char hash[STORE_HASH_LEN])
{
	sqlite3_stmt *s = S(c, ST_AUDIT_HEAD);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 1) == STORE_HASH_LEN) {
		*last_id = sqlite3_column_int64(s, 0);
		memcpy(hash, sqlite3_column_blob(s, 1), STORE_HASH_LEN);
	} else {
		err = rc == SQLITE_ROW || rc == SQLITE_DONE ? CP_EDB : db_fail(c, ST_AUDIT_HEAD, rc);
	}
	sqlite3_reset(s);
	return err;
}

enum cp_err store_audit_append(struct store_conn *c, const struct store_audit *r)
{
	sqlite3_stmt *s = S(c, ST_AUDIT_INSERT);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int64(s, 2, r->time_ms);
	sqlite3_bind_int64(s, 3, r->user_id);
	bind_text(s, 4, r->role);
	bind_text(s, 5, r->action);
	bind_text(s, 6, r->object_type);
	sqlite3_bind_int64(s, 7, r->object_id);
	sqlite3_bind_int64(s, 8, r->person_id);
	bind_text(s, 9, r->reason);
	bind_text(s, 10, r->request_id);
	bind_text(s, 11, r->client);
	sqlite3_bind_blob(s, 12, r->prev_hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(s, 13, r->hash, STORE_HASH_LEN, SQLITE_STATIC);
	enum cp_err err = run(c, ST_AUDIT_INSERT, s);
	if (err)
		return err;
	s = S(c, ST_AUDIT_SET_HEAD);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_blob(s, 2, r->hash, STORE_HASH_LEN, SQLITE_STATIC);
	return run(c, ST_AUDIT_SET_HEAD, s);
}

static void col_hash(sqlite3_stmt *s, int i, unsigned char out[STORE_HASH_LEN])
{
	memset(out, 0, STORE_HASH_LEN);
	int n = sqlite3_column_bytes(s, i);
	const void *p = sqlite3_column_blob(s, i);
	if (p)
		memcpy(out, p, n < STORE_HASH_LEN ? (size_t)n : STORE_HASH_LEN);
}

enum cp_err store_audit_walk(struct store_conn *c, store_audit_cb cb, void *ctx)
{
	sqlite3_stmt *s = S(c, ST_AUDIT_WALK);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_audit r;
		r.id = sqlite3_column_int64(s, 0);
		r.time_ms = sqlite3_column_int64(s, 1);
		r.user_id = sqlite3_column_int64(s, 2);
		r.role = col_borrow(s, 3);
		r.action = col_borrow(s, 4);
		r.object_type = col_borrow(s, 5);
		r.object_id = sqlite3_column_int64(s, 6);
		r.person_id = sqlite3_column_int64(s, 7);
		r.reason = col_borrow(s, 8);
		r.request_id = col_borrow(s, 9);
		r.client = col_borrow(s, 10);
		col_hash(s, 11, r.prev_hash);
		col_hash(s, 12, r.hash);
		if (cb(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum cp_err err = rc == SQLITE_DONE ? CP_OK : db_fail(c, ST_AUDIT_WALK, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_audit_count(struct store_conn *c, const char *action, int64_t *n)
{
	sqlite3_stmt *s = S(c, ST_AUDIT_COUNT);
	bind_text(s, 1, action);
	return run_i64(c, ST_AUDIT_COUNT, s, n);
}

/* ---- people ------------------------------------------------------------- */

enum cp_err store_person_insert(struct store_conn *c, const struct store_person *p, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_PERSON_INSERT);
	bind_text(s, 1, p->nhs_number);
	bind_text(s, 2, p->given_name);
	bind_text(s, 3, p->family_name);
	bind_text(s, 4, p->preferred_name);
	bind_text(s, 5, p->birth_date);
	bind_text(s, 6, p->address);
	bind_text(s, 7, p->postcode);
	bind_text(s, 8, p->phone);
	bind_text(s, 9, p->email);
	bind_text(s, 10, p->gp_practice);
	bind_ref(s, 11, p->team_id);
	sqlite3_bind_int64(s, 12, p->created_ms);
	bind_text(s, 13, p->communication_needs);
	bind_text(s, 14, p->reasonable_adjustments);
	return run_insert(c, ST_PERSON_INSERT, s, id);
}

/* One row of the person columns (sqlite_stmt.def) into *p, strings in a. */
static enum cp_err person_row(struct arena *a, sqlite3_stmt *s, struct store_person *p)
{
	p->id = sqlite3_column_int64(s, 0);
	p->nhs_number = col_text(a, s, 1);
	p->given_name = col_text(a, s, 2);
	p->family_name = col_text(a, s, 3);
	p->preferred_name = col_text(a, s, 4);
	p->birth_date = col_text(a, s, 5);
	p->address = col_text(a, s, 6);
	p->postcode = col_text(a, s, 7);
	p->phone = col_text(a, s, 8);
	p->email = col_text(a, s, 9);
	p->gp_practice = col_text(a, s, 10);
	p->team_id = sqlite3_column_int64(s, 11);
	p->created_ms = sqlite3_column_int64(s, 12);
	p->communication_needs = col_text(a, s, 13);
	p->reasonable_adjustments = col_text(a, s, 14);
	p->version = sqlite3_column_int64(s, 15);
	p->updated_ms = sqlite3_column_int64(s, 16);
	return p->nhs_number && p->given_name && p->family_name && p->birth_date ? CP_OK : CP_ENOMEM;
}

static enum cp_err person_one(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a,
			      struct store_person *out)
{
	int rc = sqlite3_step(s);
	enum cp_err err;
	if (rc == SQLITE_ROW)
		err = person_row(a, s, out);
	else
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_person_get(struct store_conn *c, struct arena *a, int64_t id, struct store_person *out)
{
	sqlite3_stmt *s = S(c, ST_PERSON_GET);
	sqlite3_bind_int64(s, 1, id);
	return person_one(c, ST_PERSON_GET, s, a, out);
}

enum cp_err store_person_by_nhs(struct store_conn *c, struct arena *a, const char *nhs, struct store_person *out)
{
	sqlite3_stmt *s = S(c, ST_PERSON_BY_NHS);
	bind_text(s, 1, nhs);
	return person_one(c, ST_PERSON_BY_NHS, s, a, out);
}

enum cp_err store_person_update(struct store_conn *c, const struct store_person *p, int64_t expected_version)
{
	sqlite3_stmt *s = S(c, ST_PERSON_UPDATE);
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, 2, expected_version);
	bind_text(s, 3, p->nhs_number);
	bind_text(s, 4, p->given_name);
	bind_text(s, 5, p->family_name);
	bind_text(s, 6, p->preferred_name);
	bind_text(s, 7, p->birth_date);
	bind_text(s, 8, p->address);
	bind_text(s, 9, p->postcode);
	bind_text(s, 10, p->phone);
	bind_text(s, 11, p->email);
	bind_text(s, 12, p->gp_practice);
	bind_text(s, 13, p->communication_needs);
	bind_text(s, 14, p->reasonable_adjustments);
	sqlite3_bind_int64(s, 15, p->updated_ms);
	enum cp_err err = run(c, ST_PERSON_UPDATE, s);
	if (err || sqlite3_changes(c->db) == 1)
		return err;
	/* No row changed: either there is no such person or its version moved on. */
	int64_t v = 0;
	s = S(c, ST_PERSON_VERSION);
	sqlite3_bind_int64(s, 1, p->id);
	err = run_i64(c, ST_PERSON_VERSION, s, &v);
	return err ? err : CP_ECONFLICT;
}

/* Binds q to a search statement (both share their parameters). */
/* Binds q's terms to ?1..?5, the name terms first and packed together, so
 * that ?1 is a name term whenever q has one. */
static void bind_query(sqlite3_stmt *s, const struct store_person_query *q)
{
	int k = 0;
	for (int i = 0; i < STORE_NAME_TERMS; i++)
		if (q->name[i])
			bind_text(s, 1 + k++, q->name[i]);
	for (; k < STORE_NAME_TERMS; k++)
		bind_text(s, 1 + k, NULL);
	bind_text(s, 4, q->birth_date);
	bind_text(s, 5, q->nhs_number);
}

/* Who is searching, for the statements that keep to the people they may see. */
static void bind_scope(sqlite3_stmt *s, const struct store_person_query *q)
{
	sqlite3_bind_int64(s, 7, q->user_id);
	sqlite3_bind_int64(s, 8, q->team_id);
	bind_text(s, 9, q->today ? q->today : "9999-12-31");
	sqlite3_bind_int64(s, 10, q->now_ms);
}

enum cp_err store_person_search(struct store_conn *c, struct arena *a, const struct store_person_query *q,
				size_t max, struct store_person **out, size_t *n, int64_t *total)
{
	*n = 0;
	*total = 0;
	*out = NULL;
	bool used = q->birth_date || q->nhs_number, named = false;
	for (int i = 0; i < STORE_NAME_TERMS; i++)
		named |= q->name[i] != NULL;
	if (!used && !named)
		return CP_EINVAL;
	/* Each search starts from the narrowest index it can: the NHS
	 * number's, then the date of birth's, then the names'. */
	enum stmt_id count_id = q->nhs_number ? ST_PERSON_SEARCH_NHS_COUNT
				: q->birth_date ? ST_PERSON_SEARCH_DOB_COUNT
						: ST_PERSON_SEARCH_NAME_COUNT;
	enum stmt_id rows_id = q->nhs_number ? ST_PERSON_SEARCH_NHS
			       : q->birth_date ? ST_PERSON_SEARCH_DOB
					       : ST_PERSON_SEARCH_NAME;
	sqlite3_stmt *s = S(c, count_id);
	bind_query(s, q);
	if (count_id != ST_PERSON_SEARCH_NHS_COUNT)
		bind_scope(s, q);
	enum cp_err err = run_i64(c, count_id, s, total);
	if (err)
		return err;
	*out = max ? arena_zalloc(a, max * sizeof **out) : NULL;
	if (max && !*out)
		return CP_ENOMEM;
	s = S(c, rows_id);
	bind_query(s, q);
	sqlite3_bind_int64(s, 6, (int64_t)max);
	if (rows_id != ST_PERSON_SEARCH_NHS)
		bind_scope(s, q);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		if ((err = person_row(a, s, &(*out)[*n])))
			break;
		(*n)++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, rows_id, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_condition_insert(struct store_conn *c, int64_t person_id, const char *name)
{
	sqlite3_stmt *s = S(c, ST_CONDITION_INSERT);
	sqlite3_bind_int64(s, 1, person_id);
	bind_text(s, 2, name);
	return run(c, ST_CONDITION_INSERT, s);
}

enum cp_err store_condition_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				 const char ***out, size_t *n)
{
	*n = 0;
	*out = max ? arena_zalloc(a, max * sizeof **out) : NULL;
	if (max && !*out)
		return CP_ENOMEM;
	sqlite3_stmt *s = S(c, ST_CONDITION_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	int rc;
	enum cp_err err = CP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		(*out)[*n] = col_text(a, s, 0);
		if (!(*out)[*n]) {
			err = CP_ENOMEM;
			break;
		}
		(*n)++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, ST_CONDITION_LIST, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_contact_insert(struct store_conn *c, const struct store_contact *k, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_CONTACT_INSERT);
	sqlite3_bind_int64(s, 1, k->person_id);
	bind_text(s, 2, k->name);
	bind_text(s, 3, k->relationship);
	sqlite3_bind_int(s, 4, k->is_carer);
	bind_text(s, 5, k->phone);
	bind_ref(s, 6, k->user_id);
	sqlite3_bind_int(s, 7, k->is_representative);
	sqlite3_bind_int(s, 8, k->is_next_of_kin);
	sqlite3_bind_int(s, 9, k->is_emergency);
	bind_text(s, 10, k->email);
	return run_insert(c, ST_CONTACT_INSERT, s, id);
}

/* Runs a statement of contact rows (the contact columns of sqlite_stmt.def)
 * into at most max records in the arena. */
static enum cp_err contact_many(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a,
				size_t max, struct store_contact **out, size_t *n)
{
	*n = 0;
	*out = max ? arena_zalloc(a, max * sizeof **out) : NULL;
	if (max && !*out) {
		sqlite3_reset(s);
		return CP_ENOMEM;
	}
	int rc;
	enum cp_err err = CP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		struct store_contact *k = &(*out)[*n];
		k->id = sqlite3_column_int64(s, 0);
		k->person_id = sqlite3_column_int64(s, 1);
		k->name = col_text(a, s, 2);
		k->relationship = col_text(a, s, 3);
		k->is_carer = sqlite3_column_int(s, 4) != 0;
		k->phone = col_text(a, s, 5);
		k->user_id = sqlite3_column_int64(s, 6);
		k->is_representative = sqlite3_column_int(s, 7) != 0;
		k->is_next_of_kin = sqlite3_column_int(s, 8) != 0;
		k->is_emergency = sqlite3_column_int(s, 9) != 0;
		k->email = col_text(a, s, 10);
		if (!k->name || !k->relationship) {
			err = CP_ENOMEM;
			break;
		}
		(*n)++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_contact_get(struct store_conn *c, struct arena *a, int64_t id, struct store_contact *out)
{
	sqlite3_stmt *s = S(c, ST_CONTACT_GET);
	sqlite3_bind_int64(s, 1, id);
	struct store_contact *k;
	size_t n;
	enum cp_err err = contact_many(c, ST_CONTACT_GET, s, a, 1, &k, &n);
	if (!err && n == 0)
		err = CP_ENOTFOUND;
	if (!err)
		*out = k[0];
	return err;
}

enum cp_err store_contacts_of_user(struct store_conn *c, struct arena *a, int64_t user_id, size_t max,
				   struct store_contact **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_CONTACTS_OF_USER);
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return contact_many(c, ST_CONTACTS_OF_USER, s, a, max, out, n);
}

enum cp_err store_contact_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
			       struct store_contact **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_CONTACT_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return contact_many(c, ST_CONTACT_LIST, s, a, max, out, n);
}

enum cp_err store_stats(struct store_conn *c, struct arena *a, struct store_stats *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = S(c, ST_STATS_COUNTS);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		enum cp_err err = db_fail(c, ST_STATS_COUNTS, rc);
		sqlite3_reset(s);
		return err;
	}
	out->people = sqlite3_column_int64(s, 0);
	out->carers = sqlite3_column_int64(s, 1);
	out->teams = sqlite3_column_int64(s, 2);
	out->users = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	const size_t max = 50;
	out->conditions = arena_zalloc(a, max * sizeof *out->conditions);
	if (!out->conditions)
		return CP_ENOMEM;
	s = S(c, ST_STATS_CONDITIONS);
	enum cp_err err = CP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && out->n_conditions < max) {
		struct store_condition_count *k = &out->conditions[out->n_conditions];
		k->name = col_text(a, s, 0);
		k->people = sqlite3_column_int64(s, 1);
		if (!k->name) {
			err = CP_ENOMEM;
			break;
		}
		out->n_conditions++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, ST_STATS_CONDITIONS, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_team_caseload(struct store_conn *c, int64_t team_id, int64_t *n)
{
	sqlite3_stmt *s = S(c, ST_TEAM_CASELOAD);
	sqlite3_bind_int64(s, 1, team_id);
	return run_i64(c, ST_TEAM_CASELOAD, s, n);
}

/* ---- episodes and care teams --------------------------------------------- */

static enum cp_err episode_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_episode *e = out;
	e->id = sqlite3_column_int64(s, 0);
	e->person_id = sqlite3_column_int64(s, 1);
	e->stage = col_text(a, s, 2);
	e->level = sqlite3_column_int(s, 3);
	e->closure = col_text(a, s, 4);
	e->previous_episode_id = sqlite3_column_int64(s, 5);
	e->reached_active = sqlite3_column_int(s, 6) != 0;
	e->started_ms = sqlite3_column_int64(s, 7);
	e->ended_ms = sqlite3_column_int64(s, 8);
	e->version = sqlite3_column_int64(s, 9);
	e->updated_ms = sqlite3_column_int64(s, 10);
	e->next_episode_id = sqlite3_column_int64(s, 11);
	return e->stage ? CP_OK : CP_ENOMEM;
}

enum cp_err store_episode_insert(struct store_conn *c, const struct store_episode *e, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_INSERT);
	sqlite3_bind_int64(s, 1, e->person_id);
	bind_text(s, 2, e->stage);
	sqlite3_bind_int(s, 3, e->level);
	bind_text(s, 4, e->closure);
	bind_ref(s, 5, e->previous_episode_id);
	sqlite3_bind_int(s, 6, e->reached_active);
	sqlite3_bind_int64(s, 7, e->started_ms);
	sqlite3_bind_int64(s, 8, e->ended_ms);
	return run_insert(c, ST_EPISODE_INSERT, s, id);
}

enum cp_err store_episode_get(struct store_conn *c, struct arena *a, int64_t id, struct store_episode *out)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_EPISODE_GET, s, a, episode_row, out);
}

enum cp_err store_episode_open_of(struct store_conn *c, struct arena *a, int64_t person_id,
				  struct store_episode *out)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_OPEN_OF_PERSON);
	sqlite3_bind_int64(s, 1, person_id);
	return one(c, ST_EPISODE_OPEN_OF_PERSON, s, a, episode_row, out);
}

enum cp_err store_episode_latest_of(struct store_conn *c, struct arena *a, int64_t person_id,
				    struct store_episode *out)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_LATEST_OF_PERSON);
	sqlite3_bind_int64(s, 1, person_id);
	return one(c, ST_EPISODE_LATEST_OF_PERSON, s, a, episode_row, out);
}

enum cp_err store_episode_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
			       struct store_episode **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_EPISODE_LIST, s, a, max, sizeof **out, episode_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_episode_update(struct store_conn *c, const struct store_episode *e, int64_t expected_version)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_UPDATE);
	sqlite3_bind_int64(s, 1, e->id);
	sqlite3_bind_int64(s, 2, expected_version);
	bind_text(s, 3, e->stage);
	sqlite3_bind_int(s, 4, e->level);
	bind_text(s, 5, e->closure);
	sqlite3_bind_int(s, 6, e->reached_active);
	sqlite3_bind_int64(s, 7, e->ended_ms);
	sqlite3_bind_int64(s, 8, e->updated_ms);
	enum cp_err err = run(c, ST_EPISODE_UPDATE, s);
	if (err || sqlite3_changes(c->db) == 1)
		return err;
	/* No row changed: either there is no such episode or its version moved on. */
	int64_t v = 0;
	s = S(c, ST_EPISODE_VERSION);
	sqlite3_bind_int64(s, 1, e->id);
	err = run_i64(c, ST_EPISODE_VERSION, s, &v);
	return err ? err : CP_ECONFLICT;
}

enum cp_err store_episode_event_insert(struct store_conn *c, const struct store_episode_event *ev, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_EVENT_INSERT);
	sqlite3_bind_int64(s, 1, ev->episode_id);
	sqlite3_bind_int64(s, 2, ev->time_ms);
	bind_ref(s, 3, ev->user_id);
	bind_text(s, 4, ev->kind);
	bind_text(s, 5, ev->from_value);
	bind_text(s, 6, ev->to_value);
	bind_text(s, 7, ev->closure);
	bind_text(s, 8, ev->reason);
	return run_insert(c, ST_EPISODE_EVENT_INSERT, s, id);
}

static enum cp_err event_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_episode_event *ev = out;
	ev->id = sqlite3_column_int64(s, 0);
	ev->episode_id = sqlite3_column_int64(s, 1);
	ev->time_ms = sqlite3_column_int64(s, 2);
	ev->user_id = sqlite3_column_int64(s, 3);
	ev->kind = col_text(a, s, 4);
	ev->from_value = col_text(a, s, 5);
	ev->to_value = col_text(a, s, 6);
	ev->closure = col_text(a, s, 7);
	ev->reason = col_text(a, s, 8);
	ev->user_name = col_text(a, s, 9);
	return ev->kind && ev->to_value && ev->reason ? CP_OK : CP_ENOMEM;
}

enum cp_err store_episode_event_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				     struct store_episode_event **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_EPISODE_EVENT_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_EPISODE_EVENT_LIST, s, a, max, sizeof **out, event_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_referral_insert(struct store_conn *c, const struct store_referral *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_REFERRAL_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->kind);
	bind_text(s, 3, r->source);
	bind_text(s, 4, r->reason);
	bind_text(s, 5, r->urgency);
	bind_text(s, 6, r->referral_date);
	return run_insert(c, ST_REFERRAL_INSERT, s, id);
}

static enum cp_err referral_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_referral *r = out;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->kind = col_text(a, s, 2);
	r->source = col_text(a, s, 3);
	r->reason = col_text(a, s, 4);
	r->urgency = col_text(a, s, 5);
	r->referral_date = col_text(a, s, 6);
	return r->kind && r->reason ? CP_OK : CP_ENOMEM;
}

enum cp_err store_referral_get(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_referral *out)
{
	sqlite3_stmt *s = S(c, ST_REFERRAL_GET);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_REFERRAL_GET, s, a, referral_row, out);
}

enum cp_err store_consent_insert(struct store_conn *c, const struct store_consent *k, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_CONSENT_INSERT);
	sqlite3_bind_int64(s, 1, k->episode_id);
	bind_text(s, 2, k->kind);
	bind_text(s, 3, k->given_by);
	bind_text(s, 4, k->representative);
	bind_text(s, 5, k->given_date);
	bind_text(s, 6, k->scope);
	return run_insert(c, ST_CONSENT_INSERT, s, id);
}

static enum cp_err consent_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_consent *k = out;
	k->id = sqlite3_column_int64(s, 0);
	k->episode_id = sqlite3_column_int64(s, 1);
	k->kind = col_text(a, s, 2);
	k->given_by = col_text(a, s, 3);
	k->representative = col_text(a, s, 4);
	k->given_date = col_text(a, s, 5);
	k->scope = col_text(a, s, 6);
	return k->kind && k->given_by && k->given_date && k->scope ? CP_OK : CP_ENOMEM;
}

enum cp_err store_consent_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_consent **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_CONSENT_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_CONSENT_LIST, s, a, max, sizeof **out, consent_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_team_member_insert(struct store_conn *c, const struct store_team_member *m, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_MEMBER_INSERT);
	sqlite3_bind_int64(s, 1, m->episode_id);
	bind_ref(s, 2, m->user_id);
	bind_text(s, 3, m->name);
	bind_text(s, 4, m->organisation);
	bind_text(s, 5, m->role);
	bind_text(s, 6, m->from_date);
	bind_text(s, 7, m->to_date);
	sqlite3_bind_int(s, 8, m->is_key_worker);
	return run_insert(c, ST_MEMBER_INSERT, s, id);
}

static enum cp_err member_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_team_member *m = out;
	m->id = sqlite3_column_int64(s, 0);
	m->episode_id = sqlite3_column_int64(s, 1);
	m->user_id = sqlite3_column_int64(s, 2);
	m->name = col_text(a, s, 3);
	m->organisation = col_text(a, s, 4);
	m->role = col_text(a, s, 5);
	m->from_date = col_text(a, s, 6);
	m->to_date = col_text(a, s, 7);
	m->is_key_worker = sqlite3_column_int(s, 8) != 0;
	m->user_name = col_text(a, s, 9);
	return m->role && m->from_date ? CP_OK : CP_ENOMEM;
}

enum cp_err store_team_member_get(struct store_conn *c, struct arena *a, int64_t id, struct store_team_member *out)
{
	sqlite3_stmt *s = S(c, ST_MEMBER_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_MEMBER_GET, s, a, member_row, out);
}

enum cp_err store_team_member_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				   struct store_team_member **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_MEMBER_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_MEMBER_LIST, s, a, max, sizeof **out, member_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_team_key_worker(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_team_member *out)
{
	sqlite3_stmt *s = S(c, ST_MEMBER_KEY_WORKER);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_MEMBER_KEY_WORKER, s, a, member_row, out);
}

enum cp_err store_team_member_end(struct store_conn *c, int64_t id, const char *to_date)
{
	sqlite3_stmt *s = S(c, ST_MEMBER_END);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, to_date);
	enum cp_err err = run(c, ST_MEMBER_END, s);
	if (err)
		return err;
	return sqlite3_changes(c->db) == 1 ? CP_OK : CP_ENOTFOUND;
}
