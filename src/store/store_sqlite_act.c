/* store_sqlite_act.c - activity events and the outcome figures' rows (store_act.h). */
#include "sqlite_internal.h"

enum cp_err store_activity_event_add(struct store_conn *c, const struct store_activity_event *ev, int *added)
{
	sqlite3_stmt *s = S(c, ST_EVENT_INSERT);
	bind_text(s, 1, ev->nhs_number);
	bind_text(s, 2, ev->kind);
	bind_text(s, 3, ev->event_date);
	bind_text(s, 4, ev->source_ref ? ev->source_ref : "");
	bind_text(s, 5, ev->batch);
	sqlite3_bind_int64(s, 6, ev->imported_ms);
	enum cp_err err = run(c, ST_EVENT_INSERT, s);
	*added = !err && sqlite3_changes(c->db) > 0;
	return err;
}

static const enum stmt_id outcome_stmt[STORE_OQ__MAX] = {
	[STORE_OQ_OPEN] = ST_OUT_OPEN,
	[STORE_OQ_PLANS] = ST_OUT_PLANS,
	[STORE_OQ_REVIEWS] = ST_OUT_REVIEWS,
	[STORE_OQ_GAS] = ST_OUT_GAS,
	[STORE_OQ_INSTRUMENTS] = ST_OUT_INSTRUMENTS,
	[STORE_OQ_ACT] = ST_OUT_ACT,
	[STORE_OQ_FEEDBACK] = ST_OUT_FEEDBACK,
};

enum cp_err store_outcome_rows(struct store_conn *c, enum store_outcome_query q, const struct store_outcome_scope *sc,
			       store_outcome_fn fn, void *ctx)
{
	if (q >= STORE_OQ__MAX || !sc->from || !sc->to)
		return CP_EINVAL;
	enum stmt_id id = outcome_stmt[q];
	sqlite3_stmt *s = S(c, id);
	int np = sqlite3_bind_parameter_count(s);
	/* The teams as a range, so one statement and one index serve one team and every team. */
	sqlite3_bind_int64(s, 1, sc->team_id);
	bind_text(s, 2, sc->from);
	bind_text(s, 3, sc->to);
	if (np >= 4)
		bind_text(s, 4, sc->cutoff ? sc->cutoff : sc->to);
	if (np >= 5)
		sqlite3_bind_int64(s, 5, sc->team_id ? sc->team_id : INT64_MAX);
	int rc;
	enum cp_err err = CP_OK;
	int ncol = sqlite3_column_count(s);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_outcome_row row = {
			.team_id = sqlite3_column_int64(s, 0),
			.level = sqlite3_column_int(s, 1),
			.key = col_borrow(s, 2),
			.month = col_borrow(s, 3),
		};
		for (int i = 4; i < ncol && i < 10; i++)
			row.v[i - 4] = sqlite3_column_double(s, i);
		if ((err = fn(ctx, q, &row)))
			break;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, id, rc);
	sqlite3_reset(s);
	return err;
}

static enum cp_err team_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_team *t = out;
	t->id = sqlite3_column_int64(s, 0);
	t->org_id = sqlite3_column_int64(s, 1);
	t->name = col_text(a, s, 2);
	t->org_name = col_text(a, s, 3);
	return t->name && t->org_name ? CP_OK : CP_ENOMEM;
}

enum cp_err store_outcome_teams(struct store_conn *c, struct arena *a, size_t max, struct store_team **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_OUT_TEAMS);
	sqlite3_bind_int64(s, 1, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_OUT_TEAMS, s, a, max, sizeof **out, team_row, &p, n);
	*out = p;
	return err;
}
