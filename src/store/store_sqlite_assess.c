/*
 * store_sqlite_assess.c - the SQLite backend of store_assess.h: the holistic
 * assessment's rows (migration 4, sqlite_schema_assess.h; statements in
 * sqlite_stmt_assess.def).
 *
 * Row readers copy every string into the caller's arena; a NULL column stays
 * NULL, and a copy the arena cannot hold is CP_ENOMEM.
 */
#include "sqlite_internal.h"

/* Column i as text in the arena; NULL when the column is NULL.  *oom is set
 * when the arena could not hold a non-NULL value. */
static const char *txt(struct arena *a, sqlite3_stmt *s, int i, bool *oom)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NULL;
	const char *t = col_text(a, s, i);
	if (!t)
		*oom = true;
	return t;
}

#define DONE(oom) ((oom) ? CP_ENOMEM : CP_OK)

/* Runs a list statement bound to (episode_id, max) with row reader fn. */
static enum cp_err list(struct store_conn *c, enum stmt_id id, struct arena *a, int64_t episode_id, size_t max,
			size_t sz, row_fn fn, void **out, size_t *n)
{
	sqlite3_stmt *s = S(c, id);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, id, s, a, max, sz, fn, out, n);
}

/* ---- the person's story ------------------------------------------------------ */

static enum cp_err story_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_story *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->version = sqlite3_column_int64(s, 2);
	r->whats_new = txt(a, s, 3, &oom);
	r->whats_good = txt(a, s, 4, &oom);
	r->whats_tough = txt(a, s, 5, &oom);
	r->matters_most = txt(a, s, 6, &oom);
	r->recorded_by = txt(a, s, 7, &oom);
	r->user_id = sqlite3_column_int64(s, 8);
	r->time_ms = sqlite3_column_int64(s, 9);
	r->user_name = txt(a, s, 10, &oom);
	return DONE(oom);
}

enum cp_err store_story_insert(struct store_conn *c, const struct store_story *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_ASTORY_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	sqlite3_bind_int64(s, 2, r->version);
	bind_text(s, 3, r->whats_new);
	bind_text(s, 4, r->whats_good);
	bind_text(s, 5, r->whats_tough);
	bind_text(s, 6, r->matters_most);
	bind_text(s, 7, r->recorded_by);
	bind_ref(s, 8, r->user_id);
	sqlite3_bind_int64(s, 9, r->time_ms);
	return run_insert(c, ST_ASTORY_INSERT, s, id);
}

enum cp_err store_story_current(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_story *out)
{
	sqlite3_stmt *s = S(c, ST_ASTORY_CURRENT);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_ASTORY_CURRENT, s, a, story_row, out);
}

enum cp_err store_story_history(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				struct store_story **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_ASTORY_HISTORY, a, episode_id, max, sizeof **out, story_row, &p, n);
	*out = p;
	return err;
}

/* ---- professionals' stories ---------------------------------------------------- */

static enum cp_err pro_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_pro_story *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->user_id = sqlite3_column_int64(s, 2);
	r->discipline = txt(a, s, 3, &oom);
	r->issues = txt(a, s, 4, &oom);
	r->evidence = txt(a, s, 5, &oom);
	r->experience = txt(a, s, 6, &oom);
	r->story_date = txt(a, s, 7, &oom);
	r->created_ms = sqlite3_column_int64(s, 8);
	r->user_name = txt(a, s, 9, &oom);
	return DONE(oom);
}

enum cp_err store_pro_story_insert(struct store_conn *c, const struct store_pro_story *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_APRO_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_ref(s, 2, r->user_id);
	bind_text(s, 3, r->discipline);
	bind_text(s, 4, r->issues);
	bind_text(s, 5, r->evidence);
	bind_text(s, 6, r->experience);
	bind_text(s, 7, r->story_date);
	sqlite3_bind_int64(s, 8, r->created_ms);
	return run_insert(c, ST_APRO_INSERT, s, id);
}

enum cp_err store_pro_story_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				 struct store_pro_story **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_APRO_LIST, a, episode_id, max, sizeof **out, pro_row, &p, n);
	*out = p;
	return err;
}

/* ---- agreed outcomes ----------------------------------------------------------- */

static enum cp_err outcome_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_outcome *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->outcome = txt(a, s, 2, &oom);
	r->agreed_by = txt(a, s, 3, &oom);
	r->agreed_date = txt(a, s, 4, &oom);
	r->user_id = sqlite3_column_int64(s, 5);
	r->created_ms = sqlite3_column_int64(s, 6);
	return DONE(oom);
}

enum cp_err store_outcome_insert(struct store_conn *c, const struct store_outcome *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_AOUTCOME_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->outcome);
	bind_text(s, 3, r->agreed_by);
	bind_text(s, 4, r->agreed_date);
	bind_ref(s, 5, r->user_id);
	sqlite3_bind_int64(s, 6, r->created_ms);
	return run_insert(c, ST_AOUTCOME_INSERT, s, id);
}

enum cp_err store_outcome_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_outcome **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_AOUTCOME_LIST, a, episode_id, max, sizeof **out, outcome_row, &p, n);
	*out = p;
	return err;
}

/* ---- needs, risks and strengths ------------------------------------------------- */

static enum cp_err entry_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_assess_entry *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->kind = txt(a, s, 2, &oom);
	r->domain = txt(a, s, 3, &oom);
	r->description = txt(a, s, 4, &oom);
	r->severity = txt(a, s, 5, &oom);
	r->likelihood = txt(a, s, 6, &oom);
	r->mitigation = txt(a, s, 7, &oom);
	r->user_id = sqlite3_column_int64(s, 8);
	r->created_ms = sqlite3_column_int64(s, 9);
	return DONE(oom);
}

enum cp_err store_assess_entry_insert(struct store_conn *c, const struct store_assess_entry *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_AENTRY_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->kind);
	bind_text(s, 3, r->domain);
	bind_text(s, 4, r->description);
	bind_text(s, 5, r->severity);
	bind_text(s, 6, r->likelihood);
	bind_text(s, 7, r->mitigation);
	bind_ref(s, 8, r->user_id);
	sqlite3_bind_int64(s, 9, r->created_ms);
	return run_insert(c, ST_AENTRY_INSERT, s, id);
}

enum cp_err store_assess_entry_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				    struct store_assess_entry **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_AENTRY_LIST, a, episode_id, max, sizeof **out, entry_row, &p, n);
	*out = p;
	return err;
}

/* ---- carers' own needs ------------------------------------------------------------ */

static enum cp_err carer_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_carer_need *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->contact_id = sqlite3_column_int64(s, 2);
	r->needs = txt(a, s, 3, &oom);
	r->what_helps = txt(a, s, 4, &oom);
	r->user_id = sqlite3_column_int64(s, 5);
	r->created_ms = sqlite3_column_int64(s, 6);
	r->carer_name = txt(a, s, 7, &oom);
	r->relationship = txt(a, s, 8, &oom);
	return DONE(oom);
}

enum cp_err store_carer_need_insert(struct store_conn *c, const struct store_carer_need *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_ACARER_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	sqlite3_bind_int64(s, 2, r->contact_id);
	bind_text(s, 3, r->needs);
	bind_text(s, 4, r->what_helps);
	bind_ref(s, 5, r->user_id);
	sqlite3_bind_int64(s, 6, r->created_ms);
	return run_insert(c, ST_ACARER_INSERT, s, id);
}

enum cp_err store_carer_need_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				  struct store_carer_need **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_ACARER_LIST, a, episode_id, max, sizeof **out, carer_row, &p, n);
	*out = p;
	return err;
}

/* ---- instrument results --------------------------------------------------------------- */

static enum cp_err instr_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_instrument_result *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->instrument = txt(a, s, 2, &oom);
	r->taken_date = txt(a, s, 3, &oom);
	r->items = txt(a, s, 4, &oom);
	r->total = sqlite3_column_int(s, 5);
	r->band = txt(a, s, 6, &oom);
	r->safety = sqlite3_column_int(s, 7) != 0;
	r->user_id = sqlite3_column_int64(s, 8);
	r->created_ms = sqlite3_column_int64(s, 9);
	return DONE(oom);
}

enum cp_err store_instrument_insert(struct store_conn *c, const struct store_instrument_result *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_AINSTR_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->instrument);
	bind_text(s, 3, r->taken_date);
	bind_text(s, 4, r->items);
	sqlite3_bind_int(s, 5, r->total);
	bind_text(s, 6, r->band);
	sqlite3_bind_int(s, 7, r->safety);
	bind_ref(s, 8, r->user_id);
	sqlite3_bind_int64(s, 9, r->created_ms);
	return run_insert(c, ST_AINSTR_INSERT, s, id);
}

enum cp_err store_instrument_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				  struct store_instrument_result **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_AINSTR_LIST, a, episode_id, max, sizeof **out, instr_row, &p, n);
	*out = p;
	return err;
}

/* ---- medicines ------------------------------------------------------------------------- */

static enum cp_err med_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_medicine *r = out;
	bool oom = false;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->name = txt(a, s, 2, &oom);
	r->dose = txt(a, s, 3, &oom);
	r->purpose = txt(a, s, 4, &oom);
	r->needs_review = sqlite3_column_int(s, 5) != 0;
	r->review_reason = txt(a, s, 6, &oom);
	r->stopped_date = txt(a, s, 7, &oom);
	r->stopped_reason = txt(a, s, 8, &oom);
	r->version = sqlite3_column_int64(s, 9);
	r->user_id = sqlite3_column_int64(s, 10);
	r->updated_ms = sqlite3_column_int64(s, 11);
	return DONE(oom);
}

enum cp_err store_medicine_insert(struct store_conn *c, const struct store_medicine *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_AMED_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->name);
	bind_text(s, 3, r->dose);
	bind_text(s, 4, r->purpose);
	sqlite3_bind_int(s, 5, r->needs_review);
	bind_text(s, 6, r->review_reason);
	bind_text(s, 7, r->stopped_date);
	bind_text(s, 8, r->stopped_reason);
	bind_ref(s, 9, r->user_id);
	sqlite3_bind_int64(s, 10, r->updated_ms);
	return run_insert(c, ST_AMED_INSERT, s, id);
}

enum cp_err store_medicine_get(struct store_conn *c, struct arena *a, int64_t id, struct store_medicine *out)
{
	sqlite3_stmt *s = S(c, ST_AMED_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_AMED_GET, s, a, med_row, out);
}

enum cp_err store_medicine_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				struct store_medicine **out, size_t *n)
{
	void *p = NULL;
	enum cp_err err = list(c, ST_AMED_LIST, a, episode_id, max, sizeof **out, med_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_medicine_update(struct store_conn *c, const struct store_medicine *r, int64_t expected_version)
{
	sqlite3_stmt *s = S(c, ST_AMED_UPDATE);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int64(s, 2, expected_version);
	bind_text(s, 3, r->name);
	bind_text(s, 4, r->dose);
	bind_text(s, 5, r->purpose);
	sqlite3_bind_int(s, 6, r->needs_review);
	bind_text(s, 7, r->review_reason);
	bind_text(s, 8, r->stopped_date);
	bind_text(s, 9, r->stopped_reason);
	bind_ref(s, 10, r->user_id);
	sqlite3_bind_int64(s, 11, r->updated_ms);
	enum cp_err err = run(c, ST_AMED_UPDATE, s);
	if (err || sqlite3_changes(c->db) == 1)
		return err;
	int64_t k = 0;
	s = S(c, ST_AMED_EXISTS);
	sqlite3_bind_int64(s, 1, r->id);
	if ((err = run_i64(c, ST_AMED_EXISTS, s, &k)))
		return err;
	return k ? CP_ECONFLICT : CP_ENOTFOUND;
}
