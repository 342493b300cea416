/* store_sqlite_cal.c - calendar feeds (store_cal.h). */
#include "sqlite_internal.h"

enum cp_err store_calfeed_insert(struct store_conn *c, const struct store_calfeed *f, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_CALFEED_INSERT);
	bind_text(s, 1, f->kind);
	sqlite3_bind_int64(s, 2, f->owner_user_id);
	bind_ref(s, 3, f->person_id);
	sqlite3_bind_blob(s, 4, f->token_hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, f->created_ms);
	return run_insert(c, ST_CALFEED_INSERT, s, id);
}

static enum cp_err feed_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_calfeed *f = out;
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->kind = col_text(a, s, 1);
	f->owner_user_id = sqlite3_column_int64(s, 2);
	f->person_id = sqlite3_column_int64(s, 3);
	f->created_ms = sqlite3_column_int64(s, 4);
	f->revoked_ms = sqlite3_column_int64(s, 5);
	return f->kind ? CP_OK : CP_ENOMEM;
}

enum cp_err store_calfeed_by_hash(struct store_conn *c, struct arena *a, const unsigned char hash[STORE_HASH_LEN],
				  struct store_calfeed *out)
{
	sqlite3_stmt *s = S(c, ST_CALFEED_BY_HASH);
	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	return one(c, ST_CALFEED_BY_HASH, s, a, feed_row, out);
}

enum cp_err store_calfeed_live(struct store_conn *c, struct arena *a, int64_t owner_user_id, int64_t person_id,
			       struct store_calfeed *out)
{
	sqlite3_stmt *s = S(c, ST_CALFEED_LIVE);
	sqlite3_bind_int64(s, 1, owner_user_id);
	sqlite3_bind_int64(s, 2, person_id);
	return one(c, ST_CALFEED_LIVE, s, a, feed_row, out);
}

enum cp_err store_calfeed_revoke(struct store_conn *c, int64_t owner_user_id, int64_t person_id, int64_t ms,
				 int *n)
{
	sqlite3_stmt *s = S(c, ST_CALFEED_REVOKE);
	sqlite3_bind_int64(s, 1, owner_user_id);
	sqlite3_bind_int64(s, 2, person_id);
	sqlite3_bind_int64(s, 3, ms);
	enum cp_err err = run(c, ST_CALFEED_REVOKE, s);
	*n = err ? 0 : sqlite3_changes(c->db);
	return err;
}
