/* store_sqlite_sat.c - self-assessments and their live evidence (store_sat.h). */
#include "sqlite_internal.h"

enum cp_err store_sat_insert(struct store_conn *c, const struct store_sat *s, int64_t *id)
{
	sqlite3_stmt *st = S(c, ST_SAT_INSERT);
	sqlite3_bind_int64(st, 1, s->team_id);
	bind_text(st, 2, s->title);
	bind_text(st, 3, s->notes);
	bind_text(st, 4, s->assessed_on);
	sqlite3_bind_int64(st, 5, s->created_by);
	sqlite3_bind_int64(st, 6, s->created_ms);
	return run_insert(c, ST_SAT_INSERT, st, id);
}

static enum cp_err sat_row(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_sat *s = out;
	s->id = sqlite3_column_int64(st, 0);
	s->team_id = sqlite3_column_int64(st, 1);
	s->title = col_text(a, st, 2);
	s->notes = col_text(a, st, 3);
	s->assessed_on = col_text(a, st, 4);
	s->created_by = sqlite3_column_int64(st, 5);
	s->created_ms = sqlite3_column_int64(st, 6);
	s->created_name = col_text(a, st, 7);
	s->team_name = col_text(a, st, 8);
	if (sqlite3_column_count(st) > 10) {
		s->n_answers = sqlite3_column_int64(st, 9);
		s->n_open_actions = sqlite3_column_int64(st, 10);
	}
	return s->title && s->assessed_on && s->team_name ? CP_OK : CP_ENOMEM;
}

enum cp_err store_sat_get(struct store_conn *c, struct arena *a, int64_t id, struct store_sat *out)
{
	sqlite3_stmt *st = S(c, ST_SAT_GET);
	sqlite3_bind_int64(st, 1, id);
	memset(out, 0, sizeof *out);
	return one(c, ST_SAT_GET, st, a, sat_row, out);
}

enum cp_err store_sat_list(struct store_conn *c, struct arena *a, int64_t team_id, size_t max,
			   struct store_sat **out, size_t *n)
{
	sqlite3_stmt *st = S(c, ST_SAT_LIST);
	sqlite3_bind_int64(st, 1, team_id);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_SAT_LIST, st, a, max, sizeof **out, sat_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sat_answer_set(struct store_conn *c, int64_t assessment_id, const struct store_sat_answer *an,
				 int64_t updated_by, int64_t updated_ms)
{
	sqlite3_stmt *st = S(c, ST_SAT_ANSWER_SET);
	sqlite3_bind_int64(st, 1, assessment_id);
	bind_text(st, 2, an->item);
	bind_text(st, 3, an->answer);
	bind_text(st, 4, an->comment);
	if (an->has_ev) {
		sqlite3_bind_int64(st, 5, an->ev_num);
		sqlite3_bind_int64(st, 6, an->ev_den);
		if (an->ev_extra >= 0)
			sqlite3_bind_int64(st, 7, an->ev_extra);
		bind_text(st, 8, an->ev_asof);
	}
	sqlite3_bind_int64(st, 9, updated_by);
	sqlite3_bind_int64(st, 10, updated_ms);
	return run(c, ST_SAT_ANSWER_SET, st);
}

static enum cp_err answer_row(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_sat_answer *an = out;
	an->item = col_text(a, st, 0);
	an->answer = col_text(a, st, 1);
	an->comment = col_text(a, st, 2);
	an->has_ev = sqlite3_column_type(st, 3) != SQLITE_NULL;
	an->ev_num = sqlite3_column_int64(st, 3);
	an->ev_den = sqlite3_column_int64(st, 4);
	an->ev_extra = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5);
	an->ev_asof = col_text(a, st, 6);
	an->updated_ms = sqlite3_column_int64(st, 7);
	return an->item && an->answer ? CP_OK : CP_ENOMEM;
}

enum cp_err store_sat_answer_list(struct store_conn *c, struct arena *a, int64_t assessment_id, size_t max,
				  struct store_sat_answer **out, size_t *n)
{
	sqlite3_stmt *st = S(c, ST_SAT_ANSWER_LIST);
	sqlite3_bind_int64(st, 1, assessment_id);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_SAT_ANSWER_LIST, st, a, max, sizeof **out, answer_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sat_action_insert(struct store_conn *c, const struct store_sat_action *x, int64_t created_by,
				    int64_t *id)
{
	sqlite3_stmt *st = S(c, ST_SAT_ACTION_INSERT);
	sqlite3_bind_int64(st, 1, x->assessment_id);
	bind_text(st, 2, x->item);
	bind_text(st, 3, x->what);
	bind_ref(st, 4, x->owner_user_id);
	bind_text(st, 5, x->owner_name);
	bind_text(st, 6, x->due_date);
	bind_text(st, 7, x->done_date);
	sqlite3_bind_int64(st, 8, created_by);
	sqlite3_bind_int64(st, 9, x->created_ms);
	return run_insert(c, ST_SAT_ACTION_INSERT, st, id);
}

static enum cp_err action_row(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_sat_action *x = out;
	x->id = sqlite3_column_int64(st, 0);
	x->assessment_id = sqlite3_column_int64(st, 1);
	x->item = col_text(a, st, 2);
	x->what = col_text(a, st, 3);
	x->owner_user_id = sqlite3_column_int64(st, 4);
	x->owner_name = col_text(a, st, 5);
	x->due_date = col_text(a, st, 6);
	x->done_date = col_text(a, st, 7);
	x->created_ms = sqlite3_column_int64(st, 8);
	x->owner_user_name = col_text(a, st, 9);
	return x->item && x->what ? CP_OK : CP_ENOMEM;
}

enum cp_err store_sat_action_list(struct store_conn *c, struct arena *a, int64_t assessment_id, size_t max,
				  struct store_sat_action **out, size_t *n)
{
	sqlite3_stmt *st = S(c, ST_SAT_ACTION_LIST);
	sqlite3_bind_int64(st, 1, assessment_id);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_SAT_ACTION_LIST, st, a, max, sizeof **out, action_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_sat_action_done(struct store_conn *c, int64_t assessment_id, int64_t id, const char *done_date)
{
	sqlite3_stmt *st = S(c, ST_SAT_ACTION_DONE);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, assessment_id);
	bind_text(st, 3, done_date);
	enum cp_err err = run(c, ST_SAT_ACTION_DONE, st);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ENOTFOUND;
	return err;
}

/* The statement of each figure, in sat_figure.def's order. */
static const enum stmt_id figure_stmt[SAT_FIG__MAX] = {
#define FIGURE(e, code) [SAT_FIG_##e] = ST_SAT_FIG_##e,
#include "sat_figure.def"
#undef FIGURE
};

enum cp_err store_sat_figure(struct store_conn *c, enum sat_figure f, int64_t team_id, const char *asof,
			     int64_t domains, int64_t *num, int64_t *den)
{
	*num = *den = 0;
	if (f >= SAT_FIG__MAX)
		return CP_EINVAL;
	enum stmt_id id = figure_stmt[f];
	sqlite3_stmt *st = S(c, id);
	sqlite3_bind_int64(st, 1, team_id);
	bind_text(st, 2, asof);
	if (f == SAT_FIG_ALL_DOMAINS)
		sqlite3_bind_int64(st, 3, domains);
	int rc = sqlite3_step(st);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		*num = sqlite3_column_int64(st, 0);
		*den = sqlite3_column_int64(st, 1);
	} else {
		err = db_fail(c, id, rc);
	}
	sqlite3_reset(st);
	return err;
}

static enum cp_err ms_row(struct arena *a, sqlite3_stmt *st, void *out)
{
	(void)a;
	*(int64_t *)out = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
	return CP_OK;
}

enum cp_err store_sat_reentry_ms(struct store_conn *c, struct arena *a, int64_t team_id, const char *asof,
				 size_t max, int64_t **out, size_t *n)
{
	sqlite3_stmt *st = S(c, ST_SAT_REENTRY_DAYS);
	sqlite3_bind_int64(st, 1, team_id);
	bind_text(st, 2, asof);
	sqlite3_bind_int64(st, 3, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_SAT_REENTRY_DAYS, st, a, max, sizeof **out, ms_row, &p, n);
	*out = p;
	return err;
}
