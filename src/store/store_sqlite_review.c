/*
 * store_sqlite_review.c - the SQLite implementation of store_review.h:
 * implementation (action status and its history, the activity log), reviews,
 * exit and the worklists.  Statements are in sqlite_stmt_review.def.
 */
#include "sqlite_internal.h"

static int col_opt_int(sqlite3_stmt *s, int i, int none)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? none : sqlite3_column_int(s, i);
}

static void bind_opt_int(sqlite3_stmt *s, int i, bool has, int v)
{
	if (has)
		sqlite3_bind_int(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* ---- plans ------------------------------------------------------------------ */

static enum cp_err plan_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_rv_plan *p = out;
	p->id = sqlite3_column_int64(s, 0);
	p->episode_id = sqlite3_column_int64(s, 1);
	p->status = col_text(a, s, 2);
	p->version = sqlite3_column_int64(s, 3);
	p->agreed_date = col_text(a, s, 4);
	p->review_interval_days = col_opt_int(s, 5, 0);
	p->next_review_date = col_text(a, s, 6);
	return p->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_rv_plan_of(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_rv_plan *out)
{
	sqlite3_stmt *s = S(c, ST_RV_PLAN_OF);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_RV_PLAN_OF, s, a, plan_row, out);
}

enum cp_err store_rv_plan_insert(struct store_conn *c, const struct store_rv_plan *p, int64_t now_ms, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_RV_PLAN_INSERT);
	sqlite3_bind_int64(s, 1, p->episode_id);
	bind_text(s, 2, p->status ? p->status : "draft");
	bind_text(s, 3, p->agreed_date);
	bind_opt_int(s, 4, p->review_interval_days > 0, p->review_interval_days);
	bind_text(s, 5, p->next_review_date);
	sqlite3_bind_int64(s, 6, now_ms);
	return run_insert(c, ST_RV_PLAN_INSERT, s, id);
}

enum cp_err store_rv_plan_set_next_review(struct store_conn *c, int64_t plan_id, const char *date)
{
	sqlite3_stmt *s = S(c, ST_RV_PLAN_SET_NEXT_REVIEW);
	sqlite3_bind_int64(s, 1, plan_id);
	bind_text(s, 2, date);
	return run(c, ST_RV_PLAN_SET_NEXT_REVIEW, s);
}

static enum cp_err goal_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_rv_goal *g = out;
	g->id = sqlite3_column_int64(s, 0);
	g->plan_id = sqlite3_column_int64(s, 1);
	g->position = sqlite3_column_int(s, 2);
	g->title = col_text(a, s, 3);
	g->status = col_text(a, s, 4);
	g->has_gas = sqlite3_column_type(s, 5) != SQLITE_NULL;
	g->gas_baseline = sqlite3_column_int(s, 5);
	for (int i = 0; i < 5; i++)
		g->gas[i] = col_text(a, s, 6 + i);
	return g->title && g->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_rv_goal_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
			       struct store_rv_goal **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_RV_GOAL_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_RV_GOAL_LIST, s, a, max, sizeof **out, goal_row, (void **)out, n);
}

enum cp_err store_rv_goal_insert(struct store_conn *c, const struct store_rv_goal *g, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_RV_GOAL_INSERT);
	sqlite3_bind_int64(s, 1, g->plan_id);
	sqlite3_bind_int(s, 2, g->position);
	bind_text(s, 3, g->title);
	bind_text(s, 4, g->status ? g->status : "active");
	bind_opt_int(s, 5, g->has_gas, g->gas_baseline);
	for (int i = 0; i < 5; i++)
		bind_text(s, 6 + i, g->gas[i]);
	return run_insert(c, ST_RV_GOAL_INSERT, s, id);
}

static enum cp_err action_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_rv_action *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->plan_id = sqlite3_column_int64(s, 1);
	x->goal_id = sqlite3_column_int64(s, 2);
	x->what = col_text(a, s, 3);
	x->who_kind = col_text(a, s, 4);
	x->who_user_id = sqlite3_column_int64(s, 5);
	x->who_name = col_text(a, s, 6);
	x->who_user_name = col_text(a, s, 7);
	x->due_date = col_text(a, s, 8);
	x->rrule = col_text(a, s, 9);
	x->status = col_text(a, s, 10);
	x->confidence = col_opt_int(s, 11, -1);
	x->goal_title = col_text(a, s, 12);
	x->episode_id = sqlite3_column_int64(s, 13);
	x->activity_count = sqlite3_column_int64(s, 14);
	x->last_activity_date = col_text(a, s, 15);
	return x->what && x->who_kind && x->status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_rv_action_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				 struct store_rv_action **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_RV_ACTION_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_RV_ACTION_LIST, s, a, max, sizeof **out, action_row, (void **)out, n);
}

enum cp_err store_rv_action_get(struct store_conn *c, struct arena *a, int64_t id, struct store_rv_action *out)
{
	sqlite3_stmt *s = S(c, ST_RV_ACTION_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_RV_ACTION_GET, s, a, action_row, out);
}

enum cp_err store_rv_action_insert(struct store_conn *c, const struct store_rv_action *x, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_RV_ACTION_INSERT);
	sqlite3_bind_int64(s, 1, x->plan_id);
	bind_ref(s, 2, x->goal_id);
	sqlite3_bind_int64(s, 3, 0);
	bind_text(s, 4, x->what);
	bind_text(s, 5, x->who_kind);
	bind_ref(s, 6, x->who_user_id);
	bind_text(s, 7, x->who_name);
	bind_text(s, 8, x->due_date);
	bind_text(s, 9, x->rrule);
	bind_text(s, 10, x->status ? x->status : "not_started");
	bind_opt_int(s, 11, x->confidence >= 0, x->confidence);
	return run_insert(c, ST_RV_ACTION_INSERT, s, id);
}

enum cp_err store_rv_action_set(struct store_conn *c, int64_t id, const char *status, int confidence)
{
	sqlite3_stmt *s = S(c, ST_RV_ACTION_SET);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, status);
	bind_opt_int(s, 3, confidence >= 0, confidence);
	enum cp_err err = run(c, ST_RV_ACTION_SET, s);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ENOTFOUND;
	return err;
}

/* ---- action history ---------------------------------------------------------- */

enum cp_err store_action_event_insert(struct store_conn *c, const struct store_action_event *e, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_ACTION_EVENT_INSERT);
	sqlite3_bind_int64(s, 1, e->action_id);
	sqlite3_bind_int64(s, 2, e->time_ms);
	bind_ref(s, 3, e->user_id);
	bind_text(s, 4, e->from_status);
	bind_text(s, 5, e->to_status);
	bind_opt_int(s, 6, e->from_confidence >= 0, e->from_confidence);
	bind_opt_int(s, 7, e->to_confidence >= 0, e->to_confidence);
	return run_insert(c, ST_ACTION_EVENT_INSERT, s, id);
}

static enum cp_err action_event_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_action_event *e = out;
	e->id = sqlite3_column_int64(s, 0);
	e->action_id = sqlite3_column_int64(s, 1);
	e->time_ms = sqlite3_column_int64(s, 2);
	e->user_id = sqlite3_column_int64(s, 3);
	e->from_status = col_text(a, s, 4);
	e->to_status = col_text(a, s, 5);
	e->from_confidence = col_opt_int(s, 6, -1);
	e->to_confidence = col_opt_int(s, 7, -1);
	e->user_name = col_text(a, s, 8);
	return e->to_status ? CP_OK : CP_ENOMEM;
}

enum cp_err store_action_event_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				    struct store_action_event **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_ACTION_EVENT_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_ACTION_EVENT_LIST, s, a, max, sizeof **out, action_event_row, (void **)out, n);
}

/* ---- the activity log -------------------------------------------------------- */

enum cp_err store_activity_insert(struct store_conn *c, const struct store_activity *v, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_ACTIVITY_INSERT);
	sqlite3_bind_int64(s, 1, v->episode_id);
	bind_ref(s, 2, v->action_id);
	bind_text(s, 3, v->activity_date);
	bind_text(s, 4, v->kind);
	bind_text(s, 5, v->who);
	bind_opt_int(s, 6, v->minutes > 0, v->minutes);
	bind_text(s, 7, v->note);
	bind_ref(s, 8, v->user_id);
	sqlite3_bind_int64(s, 9, v->created_ms);
	return run_insert(c, ST_ACTIVITY_INSERT, s, id);
}

static enum cp_err activity_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_activity *v = out;
	v->id = sqlite3_column_int64(s, 0);
	v->episode_id = sqlite3_column_int64(s, 1);
	v->action_id = sqlite3_column_int64(s, 2);
	v->activity_date = col_text(a, s, 3);
	v->kind = col_text(a, s, 4);
	v->who = col_text(a, s, 5);
	v->minutes = col_opt_int(s, 6, 0);
	v->note = col_text(a, s, 7);
	v->user_id = sqlite3_column_int64(s, 8);
	v->created_ms = sqlite3_column_int64(s, 9);
	v->action_what = col_text(a, s, 10);
	return v->activity_date && v->kind && v->who ? CP_OK : CP_ENOMEM;
}

enum cp_err store_activity_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				struct store_activity **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_ACTIVITY_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_ACTIVITY_LIST, s, a, max, sizeof **out, activity_row, (void **)out, n);
}

/* ---- reviews ------------------------------------------------------------------- */

enum cp_err store_review_insert(struct store_conn *c, const struct store_review *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_REVIEW_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->held_date);
	sqlite3_bind_int(s, 3, r->person_attended);
	sqlite3_bind_int(s, 4, r->carer_attended);
	bind_text(s, 5, r->others);
	bind_text(s, 6, r->person_view);
	bind_text(s, 7, r->what_changed);
	bind_text(s, 8, r->decision);
	sqlite3_bind_int(s, 9, r->level_from);
	sqlite3_bind_int(s, 10, r->level_to);
	bind_text(s, 11, r->closure);
	bind_text(s, 12, r->reason);
	bind_text(s, 13, r->next_review_date);
	bind_ref(s, 14, r->user_id);
	sqlite3_bind_int64(s, 15, r->created_ms);
	return run_insert(c, ST_REVIEW_INSERT, s, id);
}

static enum cp_err review_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_review *r = out;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->held_date = col_text(a, s, 2);
	r->person_attended = sqlite3_column_int(s, 3) != 0;
	r->carer_attended = sqlite3_column_int(s, 4) != 0;
	r->others = col_text(a, s, 5);
	r->person_view = col_text(a, s, 6);
	r->what_changed = col_text(a, s, 7);
	r->decision = col_text(a, s, 8);
	r->level_from = sqlite3_column_int(s, 9);
	r->level_to = sqlite3_column_int(s, 10);
	r->closure = col_text(a, s, 11);
	r->reason = col_text(a, s, 12);
	r->next_review_date = col_text(a, s, 13);
	r->user_id = sqlite3_column_int64(s, 14);
	r->created_ms = sqlite3_column_int64(s, 15);
	r->user_name = col_text(a, s, 16);
	return r->held_date && r->decision && r->reason ? CP_OK : CP_ENOMEM;
}

enum cp_err store_review_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			      struct store_review **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_REVIEW_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_REVIEW_LIST, s, a, max, sizeof **out, review_row, (void **)out, n);
}

enum cp_err store_review_goal_insert(struct store_conn *c, const struct store_review_goal *g)
{
	sqlite3_stmt *s = S(c, ST_REVIEW_GOAL_INSERT);
	sqlite3_bind_int64(s, 1, g->review_id);
	sqlite3_bind_int64(s, 2, g->goal_id);
	bind_text(s, 3, g->title);
	bind_text(s, 4, g->note);
	bind_opt_int(s, 5, g->has_gas, g->gas_baseline);
	bind_opt_int(s, 6, g->has_level, g->gas_level);
	return run(c, ST_REVIEW_GOAL_INSERT, s);
}

static enum cp_err review_goal_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_review_goal *g = out;
	g->review_id = sqlite3_column_int64(s, 0);
	g->goal_id = sqlite3_column_int64(s, 1);
	g->title = col_text(a, s, 2);
	g->note = col_text(a, s, 3);
	g->has_gas = sqlite3_column_type(s, 4) != SQLITE_NULL;
	g->gas_baseline = sqlite3_column_int(s, 4);
	g->has_level = sqlite3_column_type(s, 5) != SQLITE_NULL;
	g->gas_level = sqlite3_column_int(s, 5);
	return g->title ? CP_OK : CP_ENOMEM;
}

enum cp_err store_review_goal_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				   struct store_review_goal **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_REVIEW_GOAL_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_REVIEW_GOAL_LIST, s, a, max, sizeof **out, review_goal_row, (void **)out, n);
}

enum cp_err store_review_attendee_insert(struct store_conn *c, const struct store_review_attendee *t)
{
	sqlite3_stmt *s = S(c, ST_REVIEW_ATTENDEE_INSERT);
	sqlite3_bind_int64(s, 1, t->review_id);
	bind_ref(s, 2, t->user_id);
	bind_text(s, 3, t->name);
	return run(c, ST_REVIEW_ATTENDEE_INSERT, s);
}

static enum cp_err attendee_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_review_attendee *t = out;
	t->review_id = sqlite3_column_int64(s, 0);
	t->user_id = sqlite3_column_int64(s, 1);
	t->name = col_text(a, s, 2);
	return t->name ? CP_OK : CP_ENOMEM;
}

enum cp_err store_review_attendee_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				       struct store_review_attendee **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_REVIEW_ATTENDEE_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_REVIEW_ATTENDEE_LIST, s, a, max, sizeof **out, attendee_row, (void **)out, n);
}

/* ---- exit ----------------------------------------------------------------------- */

enum cp_err store_exit_put(struct store_conn *c, const struct store_exit *x)
{
	sqlite3_stmt *s = S(c, ST_EXIT_PUT);
	sqlite3_bind_int64(s, 1, x->episode_id);
	bind_text(s, 2, x->sos_who);
	bind_text(s, 3, x->sos_phone);
	bind_text(s, 4, x->sos_how);
	bind_ref(s, 5, x->user_id);
	sqlite3_bind_int64(s, 6, x->recorded_ms);
	return run(c, ST_EXIT_PUT, s);
}

static enum cp_err exit_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_exit *x = out;
	x->episode_id = sqlite3_column_int64(s, 0);
	x->sos_who = col_text(a, s, 1);
	x->sos_phone = col_text(a, s, 2);
	x->sos_how = col_text(a, s, 3);
	x->user_id = sqlite3_column_int64(s, 4);
	x->recorded_ms = sqlite3_column_int64(s, 5);
	return x->sos_who && x->sos_phone && x->sos_how ? CP_OK : CP_ENOMEM;
}

enum cp_err store_exit_get(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_exit *out)
{
	sqlite3_stmt *s = S(c, ST_EXIT_GET);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_EXIT_GET, s, a, exit_row, out);
}

enum cp_err store_exit_of_person(struct store_conn *c, struct arena *a, int64_t person_id, struct store_exit *out)
{
	sqlite3_stmt *s = S(c, ST_EXIT_OF_PERSON);
	sqlite3_bind_int64(s, 1, person_id);
	return one(c, ST_EXIT_OF_PERSON, s, a, exit_row, out);
}

enum cp_err store_maintenance_put(struct store_conn *c, const struct store_maintenance *m)
{
	sqlite3_stmt *s = S(c, ST_MAINTENANCE_PUT);
	sqlite3_bind_int64(s, 1, m->episode_id);
	sqlite3_bind_int(s, 2, m->interval_days);
	bind_text(s, 3, m->next_checkin_date);
	sqlite3_bind_int64(s, 4, m->updated_ms);
	return run(c, ST_MAINTENANCE_PUT, s);
}

static enum cp_err maintenance_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_maintenance *m = out;
	m->episode_id = sqlite3_column_int64(s, 0);
	m->interval_days = sqlite3_column_int(s, 1);
	m->next_checkin_date = col_text(a, s, 2);
	m->updated_ms = sqlite3_column_int64(s, 3);
	return m->next_checkin_date ? CP_OK : CP_ENOMEM;
}

enum cp_err store_maintenance_get(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_maintenance *out)
{
	sqlite3_stmt *s = S(c, ST_MAINTENANCE_GET);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_MAINTENANCE_GET, s, a, maintenance_row, out);
}

enum cp_err store_checkin_insert(struct store_conn *c, const struct store_checkin *k, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_CHECKIN_INSERT);
	sqlite3_bind_int64(s, 1, k->episode_id);
	bind_text(s, 2, k->checkin_date);
	bind_text(s, 3, k->note);
	bind_text(s, 4, k->next_checkin_date);
	bind_ref(s, 5, k->user_id);
	sqlite3_bind_int64(s, 6, k->created_ms);
	return run_insert(c, ST_CHECKIN_INSERT, s, id);
}

static enum cp_err checkin_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_checkin *k = out;
	k->id = sqlite3_column_int64(s, 0);
	k->episode_id = sqlite3_column_int64(s, 1);
	k->checkin_date = col_text(a, s, 2);
	k->note = col_text(a, s, 3);
	k->next_checkin_date = col_text(a, s, 4);
	k->user_id = sqlite3_column_int64(s, 5);
	k->created_ms = sqlite3_column_int64(s, 6);
	k->user_name = col_text(a, s, 7);
	return k->checkin_date && k->next_checkin_date ? CP_OK : CP_ENOMEM;
}

enum cp_err store_checkin_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_checkin **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_CHECKIN_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_CHECKIN_LIST, s, a, max, sizeof **out, checkin_row, (void **)out, n);
}

/* ---- worklists ------------------------------------------------------------------- */

static enum cp_err worklist_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_worklist_row *w = out;
	w->episode_id = sqlite3_column_int64(s, 0);
	w->person_id = sqlite3_column_int64(s, 1);
	w->given_name = col_text(a, s, 2);
	w->family_name = col_text(a, s, 3);
	w->stage = col_text(a, s, 4);
	w->level = sqlite3_column_int(s, 5);
	w->key_worker_id = sqlite3_column_int64(s, 6);
	w->key_worker_name = col_text(a, s, 7);
	w->plan_status = col_text(a, s, 8);
	w->next_review_date = col_text(a, s, 9);
	w->next_checkin_date = col_text(a, s, 10);
	w->started_ms = sqlite3_column_int64(s, 11);
	return w->given_name && w->family_name && w->stage ? CP_OK : CP_ENOMEM;
}

enum cp_err store_worklist_mine(struct store_conn *c, struct arena *a, int64_t user_id, size_t max,
				struct store_worklist_row **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_WORKLIST_MINE);
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_WORKLIST_MINE, s, a, max, sizeof **out, worklist_row, (void **)out, n);
}

enum cp_err store_worklist_team(struct store_conn *c, struct arena *a, int64_t team_id, const char *due_by,
				size_t max, struct store_worklist_row **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_WORKLIST_TEAM);
	sqlite3_bind_int64(s, 1, team_id);
	bind_text(s, 2, due_by);
	sqlite3_bind_int64(s, 3, (int64_t)max);
	return many(c, ST_WORKLIST_TEAM, s, a, max, sizeof **out, worklist_row, (void **)out, n);
}
