/* store_sqlite_ref.c - signposts and referrals (store_ref.h). */
#include "sqlite_internal.h"

enum cp_err store_sref_insert(struct store_conn *c, const struct store_sref *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_SREF_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_ref(s, 2, r->plan_action_id);
	bind_text(s, 3, r->need);
	sqlite3_bind_int64(s, 4, r->service_id);
	bind_text(s, 5, r->kind);
	bind_text(s, 6, r->reason ? r->reason : "");
	bind_text(s, 7, r->referral_date);
	bind_text(s, 8, r->status);
	bind_text(s, 9, r->outcome ? r->outcome : "");
	sqlite3_bind_int64(s, 10, r->created_by);
	sqlite3_bind_int64(s, 11, r->created_ms);
	return run_insert(c, ST_SREF_INSERT, s, id);
}

static enum cp_err sref_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref *r = out;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->plan_action_id = sqlite3_column_int64(s, 2);
	r->need = col_text(a, s, 3);
	r->service_id = sqlite3_column_int64(s, 4);
	r->kind = col_text(a, s, 5);
	r->reason = col_text(a, s, 6);
	r->referral_date = col_text(a, s, 7);
	r->status = col_text(a, s, 8);
	r->outcome = col_text(a, s, 9);
	r->created_by = sqlite3_column_int64(s, 10);
	r->created_ms = sqlite3_column_int64(s, 11);
	r->status_ms = sqlite3_column_int64(s, 12);
	r->version = sqlite3_column_int64(s, 13);
	r->service_name = col_text(a, s, 14);
	r->org_name = col_text(a, s, 15);
	r->created_by_name = col_text(a, s, 16);
	r->action_what = col_text(a, s, 17);
	r->person_id = sqlite3_column_int64(s, 18);
	r->person_name = col_text(a, s, 19);
	return r->kind && r->reason && r->referral_date && r->status && r->outcome && r->service_name && r->org_name &&
			       r->person_name
		       ? CP_OK
		       : CP_ENOMEM;
}

enum cp_err store_sref_get(struct store_conn *c, struct arena *a, int64_t id, struct store_sref *out)
{
	sqlite3_stmt *s = S(c, ST_SREF_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_SREF_GET, s, a, sref_row, out);
}

static enum cp_err sref_many(struct store_conn *c, enum stmt_id id, sqlite3_stmt *s, struct arena *a, size_t max,
			     struct store_sref **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = many(c, id, s, a, max, sizeof **out, sref_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sref_list_episode(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				    struct store_sref **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_SREF_LIST_EPISODE);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return sref_many(c, ST_SREF_LIST_EPISODE, s, a, max, out, n);
}

enum cp_err store_sref_set_status(struct store_conn *c, int64_t id, int64_t version, const char *status,
				  const char *outcome, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_SREF_SET_STATUS);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, version);
	bind_text(s, 3, status);
	bind_text(s, 4, outcome ? outcome : "");
	sqlite3_bind_int64(s, 5, ms);
	enum cp_err err = run(c, ST_SREF_SET_STATUS, s);
	return err ? err : sqlite3_changes(c->db) == 1 ? CP_OK : CP_ECONFLICT;
}

enum cp_err store_sref_event_insert(struct store_conn *c, const struct store_sref_event *e)
{
	sqlite3_stmt *s = S(c, ST_SREF_EVENT_INSERT);
	sqlite3_bind_int64(s, 1, e->referral_id);
	bind_text(s, 2, e->from_status);
	bind_text(s, 3, e->to_status);
	bind_ref(s, 4, e->user_id);
	sqlite3_bind_int64(s, 5, e->time_ms);
	bind_text(s, 6, e->note ? e->note : "");
	return run_insert(c, ST_SREF_EVENT_INSERT, s, NULL);
}

static enum cp_err event_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_event *e = out;
	e->id = sqlite3_column_int64(s, 0);
	e->referral_id = sqlite3_column_int64(s, 1);
	e->from_status = col_text(a, s, 2);
	e->to_status = col_text(a, s, 3);
	e->user_id = sqlite3_column_int64(s, 4);
	e->time_ms = sqlite3_column_int64(s, 5);
	e->note = col_text(a, s, 6);
	e->user_name = col_text(a, s, 7);
	return e->to_status && e->note ? CP_OK : CP_ENOMEM;
}

static enum cp_err event_many(struct store_conn *c, enum stmt_id id, int64_t key, struct arena *a, size_t max,
			      struct store_sref_event **out, size_t *n)
{
	sqlite3_stmt *s = S(c, id);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, id, s, a, max, sizeof **out, event_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sref_event_list(struct store_conn *c, struct arena *a, int64_t referral_id, size_t max,
				  struct store_sref_event **out, size_t *n)
{
	return event_many(c, ST_SREF_EVENT_LIST, referral_id, a, max, out, n);
}

enum cp_err store_sref_event_list_episode(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
					  struct store_sref_event **out, size_t *n)
{
	return event_many(c, ST_SREF_EVENT_LIST_EPISODE, episode_id, a, max, out, n);
}

enum cp_err store_sref_worklist(struct store_conn *c, struct arena *a, int64_t user_id, int64_t team_id,
				int64_t since_ms, size_t max, struct store_sref **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_SREF_WORKLIST);
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, team_id);
	sqlite3_bind_int64(s, 3, since_ms);
	sqlite3_bind_int64(s, 4, (int64_t)max);
	return sref_many(c, ST_SREF_WORKLIST, s, a, max, out, n);
}

enum cp_err store_sref_action_of(struct store_conn *c, struct arena *a, int64_t action_id, int64_t episode_id,
				 const char **what)
{
	sqlite3_stmt *s = S(c, ST_SREF_ACTION_OF);
	sqlite3_bind_int64(s, 1, action_id);
	sqlite3_bind_int64(s, 2, episode_id);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		*what = col_text(a, s, 0);
		if (!*what)
			err = CP_ENOMEM;
	} else {
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, ST_SREF_ACTION_OF, rc);
	}
	sqlite3_reset(s);
	return err;
}

static enum cp_err text_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	const char **t = out;
	*t = col_text(a, s, 0);
	return *t ? CP_OK : CP_ENOMEM;
}

enum cp_err store_sref_needs_of(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				const char ***out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_SREF_NEEDS_OF);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_SREF_NEEDS_OF, s, a, max, sizeof **out, text_row, &p, n);
	*out = p;
	return err;
}
