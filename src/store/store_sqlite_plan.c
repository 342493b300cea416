/*
 * store_sqlite_plan.c - the care and support plan in SQLite (store_plan.h).
 *
 * Items of the generic sections are read in two statements (the items, then
 * every value of the plan's items) and joined here, so a plan of any size
 * costs two steps through the database rather than one per item.
 */
#include "sqlite_internal.h"

static void bind_opt_int(sqlite3_stmt *s, int i, bool set, int64_t v)
{
	if (set)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static enum cp_err plan_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_care_plan *p = out;
	p->id = sqlite3_column_int64(s, 0);
	p->episode_id = sqlite3_column_int64(s, 1);
	p->status = col_text(a, s, 2);
	p->version = sqlite3_column_int64(s, 3);
	p->carried_from_plan_id = sqlite3_column_int64(s, 4);
	p->agreed_with = col_text(a, s, 5);
	p->agreed_by_name = col_text(a, s, 6);
	p->agreed_date = col_text(a, s, 7);
	p->review_interval_days = sqlite3_column_int(s, 8);
	p->review_date = col_text(a, s, 9);
	p->next_review_date = col_text(a, s, 10);
	p->review_by_user_id = sqlite3_column_int64(s, 11);
	p->created_ms = sqlite3_column_int64(s, 12);
	p->updated_ms = sqlite3_column_int64(s, 13);
	p->updated_by_user_id = sqlite3_column_int64(s, 14);
	p->review_by_name = col_text(a, s, 15);
	p->updated_by_name = col_text(a, s, 16);
	return p->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_plan_by_episode(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_care_plan *out)
{
	sqlite3_stmt *s = S(c, ST_PLAN_BY_EPISODE);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_PLAN_BY_EPISODE, s, a, plan_row, out);
}

enum cp_err store_plan_insert(struct store_conn *c, const struct store_care_plan *p, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_PLAN_INSERT);
	sqlite3_bind_int64(s, 1, p->episode_id);
	bind_text(s, 2, p->status);
	sqlite3_bind_int64(s, 3, p->version > 0 ? p->version : 1);
	bind_ref(s, 4, p->carried_from_plan_id);
	bind_text(s, 5, p->agreed_with);
	bind_text(s, 6, p->agreed_by_name);
	bind_text(s, 7, p->agreed_date);
	bind_opt_int(s, 8, p->review_interval_days > 0, p->review_interval_days);
	bind_text(s, 9, p->review_date);
	bind_text(s, 10, p->next_review_date);
	bind_ref(s, 11, p->review_by_user_id);
	sqlite3_bind_int64(s, 12, p->created_ms);
	sqlite3_bind_int64(s, 13, p->updated_ms);
	bind_ref(s, 14, p->updated_by_user_id);
	return run_insert(c, ST_PLAN_INSERT, s, id);
}

enum cp_err store_plan_update(struct store_conn *c, const struct store_care_plan *p, int64_t expected_version)
{
	sqlite3_stmt *s = S(c, ST_PLAN_UPDATE);
	sqlite3_bind_int64(s, 1, p->id);
	bind_text(s, 2, p->status);
	sqlite3_bind_int64(s, 3, p->version);
	bind_text(s, 4, p->agreed_with);
	bind_text(s, 5, p->agreed_by_name);
	bind_text(s, 6, p->agreed_date);
	bind_opt_int(s, 7, p->review_interval_days > 0, p->review_interval_days);
	bind_text(s, 8, p->review_date);
	bind_text(s, 9, p->next_review_date);
	bind_ref(s, 10, p->review_by_user_id);
	sqlite3_bind_int64(s, 11, p->updated_ms);
	bind_ref(s, 12, p->updated_by_user_id);
	sqlite3_bind_int64(s, 13, expected_version);
	enum cp_err err = run(c, ST_PLAN_UPDATE, s);
	if (err)
		return err;
	if (sqlite3_changes(c->db) == 1)
		return CP_OK;
	sqlite3_stmt *e = S(c, ST_PLAN_EXISTS);
	sqlite3_bind_int64(e, 1, p->id);
	int64_t v = 0;
	err = run_i64(c, ST_PLAN_EXISTS, e, &v);
	return err == CP_OK ? CP_ECONFLICT : err;
}

/* ---- goals ---- */

static enum cp_err goal_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_plan_goal *g = out;
	g->id = sqlite3_column_int64(s, 0);
	g->plan_id = sqlite3_column_int64(s, 1);
	g->position = sqlite3_column_int64(s, 2);
	g->title = col_text(a, s, 3);
	g->status = col_text(a, s, 4);
	g->target_date = col_text(a, s, 5);
	g->has_gas = sqlite3_column_type(s, 6) != SQLITE_NULL;
	g->gas_baseline = sqlite3_column_int(s, 6);
	for (int i = 0; i < STORE_GAS_LEVELS; i++)
		g->gas[i] = col_text(a, s, 7 + i);
	return g->title && g->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_plan_goal_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				 struct store_plan_goal **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_PLAN_GOAL_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_PLAN_GOAL_LIST, s, a, max, sizeof **out, goal_row, (void **)out, n);
}

static void bind_goal(sqlite3_stmt *s, int first, const struct store_plan_goal *g)
{
	sqlite3_bind_int64(s, first, g->position);
	bind_text(s, first + 1, g->title);
	bind_text(s, first + 2, g->status);
	bind_text(s, first + 3, g->target_date);
	bind_opt_int(s, first + 4, g->has_gas, g->gas_baseline);
	for (int i = 0; i < STORE_GAS_LEVELS; i++)
		bind_text(s, first + 5 + i, g->gas[i]);
}

enum cp_err store_plan_goal_insert(struct store_conn *c, const struct store_plan_goal *g, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_PLAN_GOAL_INSERT);
	sqlite3_bind_int64(s, 1, g->plan_id);
	bind_goal(s, 2, g);
	return run_insert(c, ST_PLAN_GOAL_INSERT, s, id);
}

enum cp_err store_plan_goal_update(struct store_conn *c, const struct store_plan_goal *g)
{
	sqlite3_stmt *s = S(c, ST_PLAN_GOAL_UPDATE);
	sqlite3_bind_int64(s, 1, g->id);
	bind_goal(s, 2, g);
	enum cp_err err = run(c, ST_PLAN_GOAL_UPDATE, s);
	return err ? err : sqlite3_changes(c->db) == 1 ? CP_OK : CP_ENOTFOUND;
}

/* ---- actions ---- */

static enum cp_err action_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_plan_action *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->plan_id = sqlite3_column_int64(s, 1);
	x->goal_id = sqlite3_column_int64(s, 2);
	x->position = sqlite3_column_int64(s, 3);
	x->what = col_text(a, s, 4);
	x->who_kind = col_text(a, s, 5);
	x->who_user_id = sqlite3_column_int64(s, 6);
	x->who_contact_id = sqlite3_column_int64(s, 7);
	x->who_name = col_text(a, s, 8);
	x->due_date = col_text(a, s, 9);
	x->rrule = col_text(a, s, 10);
	x->status = col_text(a, s, 11);
	x->confidence = sqlite3_column_type(s, 12) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 12);
	return x->what && x->who_kind && x->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_plan_action_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				   struct store_plan_action **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_PLAN_ACTION_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_PLAN_ACTION_LIST, s, a, max, sizeof **out, action_row, (void **)out, n);
}

static void bind_action(sqlite3_stmt *s, const struct store_plan_action *x)
{
	bind_ref(s, 2, x->goal_id);
	sqlite3_bind_int64(s, 3, x->position);
	bind_text(s, 4, x->what);
	bind_text(s, 5, x->who_kind);
	bind_ref(s, 6, x->who_user_id);
	bind_ref(s, 7, x->who_contact_id);
	bind_text(s, 8, x->who_name);
	bind_text(s, 9, x->due_date);
	bind_text(s, 10, x->rrule);
	bind_text(s, 11, x->status);
	bind_opt_int(s, 12, x->confidence >= 0, x->confidence);
}

enum cp_err store_plan_action_insert(struct store_conn *c, const struct store_plan_action *x, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_PLAN_ACTION_INSERT);
	sqlite3_bind_int64(s, 1, x->plan_id);
	bind_action(s, x);
	return run_insert(c, ST_PLAN_ACTION_INSERT, s, id);
}

enum cp_err store_plan_action_update(struct store_conn *c, const struct store_plan_action *x)
{
	sqlite3_stmt *s = S(c, ST_PLAN_ACTION_UPDATE);
	sqlite3_bind_int64(s, 1, x->id);
	bind_action(s, x);
	enum cp_err err = run(c, ST_PLAN_ACTION_UPDATE, s);
	return err ? err : sqlite3_changes(c->db) == 1 ? CP_OK : CP_ENOTFOUND;
}

/* ---- other items ---- */

static enum cp_err item_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_plan_item *it = out;
	it->id = sqlite3_column_int64(s, 0);
	it->plan_id = sqlite3_column_int64(s, 1);
	it->section = col_text(a, s, 2);
	it->position = sqlite3_column_int64(s, 3);
	return it->section ? CP_OK : CP_ENOMEM;
}

#define VALUES_PER_ITEM_MAX 32

enum cp_err store_plan_item_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				 struct store_plan_item **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_PLAN_ITEM_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	enum cp_err err = many(c, ST_PLAN_ITEM_LIST, s, a, max, sizeof **out, item_row, (void **)out, n);
	if (err)
		return err;
	s = S(c, ST_PLAN_VALUE_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	int rc;
	size_t at = 0; /* the item of the last value: values come grouped by item */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t item = sqlite3_column_int64(s, 0);
		struct store_plan_item *it = NULL;
		if (at < *n && (*out)[at].id == item)
			it = &(*out)[at];
		for (size_t i = 0; !it && i < *n; i++)
			if ((*out)[i].id == item) {
				it = &(*out)[i];
				at = i;
			}
		if (!it)
			continue; /* past max */
		if (!it->values) {
			it->values = arena_zalloc(a, VALUES_PER_ITEM_MAX * sizeof *it->values);
			if (!it->values) {
				err = CP_ENOMEM;
				break;
			}
		}
		if (it->n_values >= VALUES_PER_ITEM_MAX)
			continue;
		struct store_plan_value *v = &it->values[it->n_values];
		v->name = col_text(a, s, 1);
		v->value = col_text(a, s, 2);
		if (!v->name || !v->value) {
			err = CP_ENOMEM;
			break;
		}
		it->n_values++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, ST_PLAN_VALUE_LIST, rc);
	sqlite3_reset(s);
	return err;
}

static enum cp_err insert_values(struct store_conn *c, int64_t item_id, const struct store_plan_item *it)
{
	for (size_t i = 0; i < it->n_values; i++) {
		if (!it->values[i].value)
			continue;
		sqlite3_stmt *s = S(c, ST_PLAN_VALUE_INSERT);
		sqlite3_bind_int64(s, 1, item_id);
		bind_text(s, 2, it->values[i].name);
		bind_text(s, 3, it->values[i].value);
		enum cp_err err = run(c, ST_PLAN_VALUE_INSERT, s);
		if (err)
			return err;
	}
	return CP_OK;
}

enum cp_err store_plan_item_insert(struct store_conn *c, const struct store_plan_item *it, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_PLAN_ITEM_INSERT);
	sqlite3_bind_int64(s, 1, it->plan_id);
	bind_text(s, 2, it->section);
	sqlite3_bind_int64(s, 3, it->position);
	int64_t rowid = 0;
	enum cp_err err = run_insert(c, ST_PLAN_ITEM_INSERT, s, &rowid);
	if (!err)
		err = insert_values(c, rowid, it);
	if (!err && id)
		*id = rowid;
	return err;
}

static enum cp_err clear_values(struct store_conn *c, int64_t id)
{
	sqlite3_stmt *s = S(c, ST_PLAN_VALUE_CLEAR);
	sqlite3_bind_int64(s, 1, id);
	return run(c, ST_PLAN_VALUE_CLEAR, s);
}

enum cp_err store_plan_item_update(struct store_conn *c, const struct store_plan_item *it)
{
	sqlite3_stmt *s = S(c, ST_PLAN_ITEM_UPDATE);
	sqlite3_bind_int64(s, 1, it->id);
	sqlite3_bind_int64(s, 2, it->position);
	enum cp_err err = run(c, ST_PLAN_ITEM_UPDATE, s);
	if (err)
		return err;
	if (sqlite3_changes(c->db) != 1)
		return CP_ENOTFOUND;
	if ((err = clear_values(c, it->id)))
		return err;
	return insert_values(c, it->id, it);
}

enum cp_err store_plan_item_delete(struct store_conn *c, int64_t id)
{
	enum cp_err err = clear_values(c, id);
	if (err)
		return err;
	sqlite3_stmt *s = S(c, ST_PLAN_ITEM_DELETE);
	sqlite3_bind_int64(s, 1, id);
	if ((err = run(c, ST_PLAN_ITEM_DELETE, s)))
		return err;
	return sqlite3_changes(c->db) == 1 ? CP_OK : CP_ENOTFOUND;
}

/* ---- versions ---- */

static enum cp_err version_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_plan_version *v = out;
	v->plan_id = sqlite3_column_int64(s, 0);
	v->version = sqlite3_column_int64(s, 1);
	v->saved_ms = sqlite3_column_int64(s, 2);
	v->user_id = sqlite3_column_int64(s, 3);
	v->status = col_text(a, s, 4);
	v->snapshot = col_text(a, s, 5);
	v->user_name = col_text(a, s, 6);
	return v->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_plan_version_insert(struct store_conn *c, const struct store_plan_version *v)
{
	sqlite3_stmt *s = S(c, ST_PLAN_VERSION_INSERT);
	sqlite3_bind_int64(s, 1, v->plan_id);
	sqlite3_bind_int64(s, 2, v->version);
	sqlite3_bind_int64(s, 3, v->saved_ms);
	bind_ref(s, 4, v->user_id);
	bind_text(s, 5, v->status);
	bind_text(s, 6, v->snapshot ? v->snapshot : "");
	return run(c, ST_PLAN_VERSION_INSERT, s);
}

enum cp_err store_plan_version_get(struct store_conn *c, struct arena *a, int64_t plan_id, int64_t version,
				   struct store_plan_version *out)
{
	sqlite3_stmt *s = S(c, ST_PLAN_VERSION_GET);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, version);
	return one(c, ST_PLAN_VERSION_GET, s, a, version_row, out);
}

enum cp_err store_plan_version_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				    struct store_plan_version **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_PLAN_VERSION_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_PLAN_VERSION_LIST, s, a, max, sizeof **out, version_row, (void **)out, n);
}
