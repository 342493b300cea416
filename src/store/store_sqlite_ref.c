/* store_sqlite_ref.c - signposts, referrals and the directory's reads (store_ref.h). */
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

/* ---- the directory, read ------------------------------------------------ */

static enum cp_err hit_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_hit *h = out;
	h->id = sqlite3_column_int64(s, 0);
	h->name = col_text(a, s, 1);
	h->description = col_text(a, s, 2);
	h->org_name = col_text(a, s, 3);
	h->free = sqlite3_column_int(s, 4) != 0;
	h->fees = col_text(a, s, 5);
	h->domains = col_text(a, s, 6);
	return h->name && h->description && h->org_name && h->fees ? CP_OK : CP_ENOMEM;
}

enum cp_err store_sref_search(struct store_conn *c, struct arena *a, const char *fts, const char *domain,
			     bool free_only, size_t max, struct store_sref_hit **out, size_t *n)
{
	enum stmt_id id = fts ? ST_SREF_DIR_SEARCH_TEXT : ST_SREF_DIR_SEARCH_ALL;
	sqlite3_stmt *s = S(c, id);
	bind_text(s, 1, fts);
	bind_text(s, 2, domain);
	sqlite3_bind_int(s, 3, free_only ? 1 : 0);
	sqlite3_bind_int64(s, 4, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, id, s, a, max, sizeof **out, hit_row, &p, n);
	*out = p;
	return err;
}

static enum cp_err service_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_service *v = out;
	v->id = sqlite3_column_int64(s, 0);
	v->name = col_text(a, s, 1);
	v->description = col_text(a, s, 2);
	v->org_name = col_text(a, s, 3);
	v->url = col_text(a, s, 4);
	v->email = col_text(a, s, 5);
	v->phone = col_text(a, s, 6);
	v->status = col_text(a, s, 7);
	v->eligibility = col_text(a, s, 8);
	v->accessibility = col_text(a, s, 9);
	v->how_to_access = col_text(a, s, 10);
	v->free = sqlite3_column_int(s, 11) != 0;
	v->fees = col_text(a, s, 12);
	v->org_phone = col_text(a, s, 13);
	v->org_email = col_text(a, s, 14);
	v->org_url = col_text(a, s, 15);
	return v->name && v->description && v->org_name && v->status && v->eligibility && v->accessibility &&
			       v->how_to_access && v->fees
		       ? CP_OK
		       : CP_ENOMEM;
}

enum cp_err store_sref_service_get(struct store_conn *c, struct arena *a, int64_t id, struct store_sref_service *out)
{
	sqlite3_stmt *s = S(c, ST_SREF_DIR_SERVICE_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_SREF_DIR_SERVICE_GET, s, a, service_row, out);
}

enum cp_err store_sref_service_find(struct store_conn *c, const char *ext_id, const char *name_like, int64_t *id)
{
	enum cp_err err = CP_ENOTFOUND;
	if (ext_id) {
		sqlite3_stmt *s = S(c, ST_SREF_DIR_SERVICE_BY_EXT);
		bind_text(s, 1, ext_id);
		err = run_i64(c, ST_SREF_DIR_SERVICE_BY_EXT, s, id);
	}
	if (err == CP_ENOTFOUND && name_like) {
		sqlite3_stmt *s = S(c, ST_SREF_DIR_SERVICE_BY_NAME);
		bind_text(s, 1, name_like);
		err = run_i64(c, ST_SREF_DIR_SERVICE_BY_NAME, s, id);
	}
	return err;
}

static enum cp_err location_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_location *l = out;
	l->name = col_text(a, s, 0);
	l->address = col_text(a, s, 1);
	l->town = col_text(a, s, 2);
	l->postcode = col_text(a, s, 3);
	l->accessibility = col_text(a, s, 4);
	return l->name && l->address && l->town && l->postcode && l->accessibility ? CP_OK : CP_ENOMEM;
}

static enum cp_err schedule_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_schedule *v = out;
	v->rrule = col_text(a, s, 0);
	v->dtstart = col_text(a, s, 1);
	v->opens_at = col_text(a, s, 2);
	v->closes_at = col_text(a, s, 3);
	v->description = col_text(a, s, 4);
	return v->description ? CP_OK : CP_ENOMEM;
}

static enum cp_err contact_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_contact *k = out;
	k->name = col_text(a, s, 0);
	k->title = col_text(a, s, 1);
	k->phone = col_text(a, s, 2);
	k->email = col_text(a, s, 3);
	return k->name && k->title ? CP_OK : CP_ENOMEM;
}

static enum cp_err cost_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_sref_cost *k = out;
	k->option = col_text(a, s, 0);
	k->amount = col_text(a, s, 1);
	k->amount_description = col_text(a, s, 2);
	return k->option && k->amount_description ? CP_OK : CP_ENOMEM;
}

static enum cp_err parts_of(struct store_conn *c, enum stmt_id id, struct arena *a, int64_t service_id, size_t max,
			    size_t sz, row_fn row, void **out, size_t *n)
{
	sqlite3_stmt *s = S(c, id);
	sqlite3_bind_int64(s, 1, service_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, id, s, a, max, sz, row, out, n);
}

enum cp_err store_sref_locations_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
				   struct store_sref_location **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = parts_of(c, ST_SREF_DIR_LOCATIONS_OF, a, id, max, sizeof **out, location_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sref_schedules_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
				   struct store_sref_schedule **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = parts_of(c, ST_SREF_DIR_SCHEDULES_OF, a, id, max, sizeof **out, schedule_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sref_contacts_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
				  struct store_sref_contact **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = parts_of(c, ST_SREF_DIR_CONTACTS_OF, a, id, max, sizeof **out, contact_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sref_costs_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
			       struct store_sref_cost **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = parts_of(c, ST_SREF_DIR_COSTS_OF, a, id, max, sizeof **out, cost_row, &p, n);
	*out = p;
	return err;
}
