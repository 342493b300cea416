/*
 * sqlite_internal.h - what the SQLite backend's files share: the statement
 * ids of sqlite_stmt.def (and the per-area files it includes), the
 * connection, and the small helpers for binding, stepping and reading rows.
 * Included only by src/store/store_sqlite*.c.
 */
#ifndef CP_SQLITE_INTERNAL_H
#define CP_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/log.h"
#include "store.h"

enum stmt_id {
#define STMT(name, sql) ST_##name,
#include "sqlite_stmt.def"
#undef STMT
	ST__MAX
};

/* The statements' names, for error messages (store_sqlite.c). */
extern const char *const sqlite_stmt_name[ST__MAX];

struct store_conn {
	sqlite3 *db;
	sqlite3_stmt *st[ST__MAX];
	bool in_tx;
	bool relaxed; /* the open transaction commits with synchronous=NORMAL */
	bool busy; /* handed out by store_acquire */
};

/* ---- helpers ----------------------------------------------------------- */

static inline enum cp_err db_fail(struct store_conn *c, enum stmt_id id, int rc)
{
	struct buf b;
	buf_init(&b, 2048);
	log_begin(&b, LOG_ERROR, "db.error");
	log_field_str(&b, "statement", sqlite_stmt_name[id]);
	log_field_str(&b, "sqlite", sqlite3_errmsg(c->db));
	log_end(&b, LOG_ERROR);
	/* Only a taken unique key is a conflict; a broken foreign key, CHECK or
	 * NOT NULL is a failure like any other (store.h). */
	return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? CP_ECONFLICT : CP_EDB;
}

static inline sqlite3_stmt *S(struct store_conn *c, enum stmt_id id)
{
	sqlite3_stmt *s = c->st[id];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static inline void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Foreign keys: 0 means none and is stored as NULL. */
static inline void bind_ref(sqlite3_stmt *s, int i, int64_t v)
{
	if (v > 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static inline const char *col_text(struct arena *a, sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (!t)
		return NULL;
	return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
}

/* Runs a statement that returns no rows. */
static inline enum cp_err run(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	enum cp_err err = rc == SQLITE_DONE ? CP_OK : db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

/* Runs an INSERT and returns the new rowid. */
static inline enum cp_err run_insert(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, int64_t *rowid)
{
	enum cp_err err = run(c, id, s);
	if (!err && rowid)
		*rowid = sqlite3_last_insert_rowid(c->db);
	return err;
}

/* Runs a statement that returns one integer. */
static inline enum cp_err run_i64(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, int64_t *out)
{
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		err = CP_ENOTFOUND;
	else
		err = db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

/* A column's text, borrowed: valid until the statement steps or resets. */
static inline const char *col_borrow(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Runs a statement of rows into at most max records of size sz in the arena,
 * reading each with row(); *n counts them. */
typedef enum cp_err (*row_fn)(struct arena *a, sqlite3_stmt *s, void *out);

static inline enum cp_err many(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a, size_t max,
			size_t sz, row_fn row, void **out, size_t *n)
{
	*n = 0;
	*out = max ? arena_zalloc(a, max * sz) : NULL;
	if (max && !*out) {
		sqlite3_reset(s);
		return CP_ENOMEM;
	}
	int rc;
	enum cp_err err = CP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		if ((err = row(a, s, (char *)*out + *n * sz)))
			break;
		(*n)++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

/* Runs a statement of at most one row into *out; CP_ENOTFOUND when none. */
static inline enum cp_err one(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a, row_fn row,
		       void *out)
{
	int rc = sqlite3_step(s);
	enum cp_err err;
	if (rc == SQLITE_ROW)
		err = row(a, s, out);
	else
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

#endif
