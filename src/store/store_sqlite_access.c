/* store_sqlite_access.c - invitations and carers' grants (store_access.h). */
#include "sqlite_internal.h"

enum cp_err store_invitation_insert(struct store_conn *c, const struct store_invitation *v, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_INVITE_INSERT);
	sqlite3_bind_blob(s, 1, v->code_hash, STORE_HASH_LEN, SQLITE_STATIC);
	bind_text(s, 2, v->kind);
	sqlite3_bind_int64(s, 3, v->person_id);
	bind_ref(s, 4, v->contact_id);
	sqlite3_bind_int64(s, 5, v->created_by);
	sqlite3_bind_int64(s, 6, v->created_ms);
	sqlite3_bind_int64(s, 7, v->expires_ms);
	return run_insert(c, ST_INVITE_INSERT, s, id);
}

static enum cp_err invitation_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_invitation *v = out;
	v->id = sqlite3_column_int64(s, 0);
	memset(v->code_hash, 0, STORE_HASH_LEN);
	int n = sqlite3_column_bytes(s, 1);
	const void *h = sqlite3_column_blob(s, 1);
	if (h)
		memcpy(v->code_hash, h, n < STORE_HASH_LEN ? (size_t)n : STORE_HASH_LEN);
	v->kind = col_text(a, s, 2);
	v->person_id = sqlite3_column_int64(s, 3);
	v->contact_id = sqlite3_column_int64(s, 4);
	v->created_by = sqlite3_column_int64(s, 5);
	v->created_ms = sqlite3_column_int64(s, 6);
	v->expires_ms = sqlite3_column_int64(s, 7);
	v->used_ms = sqlite3_column_int64(s, 8);
	v->used_by = sqlite3_column_int64(s, 9);
	v->contact_name = col_text(a, s, 10);
	return v->kind ? CP_OK : CP_ENOMEM;
}

enum cp_err store_invitation_by_hash(struct store_conn *c, struct arena *a, const unsigned char hash[STORE_HASH_LEN],
				     struct store_invitation *out)
{
	sqlite3_stmt *s = S(c, ST_INVITE_BY_HASH);
	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	return one(c, ST_INVITE_BY_HASH, s, a, invitation_row, out);
}

enum cp_err store_invitation_use(struct store_conn *c, int64_t id, int64_t user_id, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_INVITE_USE);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_int64(s, 3, ms);
	enum cp_err err = run(c, ST_INVITE_USE, s);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ECONFLICT;
	return err;
}

enum cp_err store_invitation_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				  struct store_invitation **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_INVITE_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_INVITE_LIST, s, a, max, sizeof **out, invitation_row, (void **)out, n);
}

enum cp_err store_grant_insert(struct store_conn *c, const struct store_grant *g, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_GRANT_INSERT);
	sqlite3_bind_int64(s, 1, g->person_id);
	sqlite3_bind_int64(s, 2, g->carer_user_id);
	bind_ref(s, 3, g->contact_id);
	sqlite3_bind_int64(s, 4, g->granted_ms);
	bind_ref(s, 5, g->granted_by);
	return run_insert(c, ST_GRANT_INSERT, s, id);
}

enum cp_err store_grant_withdraw(struct store_conn *c, int64_t id, int64_t person_id, int64_t by, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_GRANT_WITHDRAW);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, person_id);
	bind_ref(s, 3, by);
	sqlite3_bind_int64(s, 4, ms);
	enum cp_err err = run(c, ST_GRANT_WITHDRAW, s);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ENOTFOUND;
	return err;
}

static enum cp_err grant_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_grant *g = out;
	g->id = sqlite3_column_int64(s, 0);
	g->person_id = sqlite3_column_int64(s, 1);
	g->carer_user_id = sqlite3_column_int64(s, 2);
	g->contact_id = sqlite3_column_int64(s, 3);
	g->granted_ms = sqlite3_column_int64(s, 4);
	g->granted_by = sqlite3_column_int64(s, 5);
	g->withdrawn_ms = sqlite3_column_int64(s, 6);
	g->withdrawn_by = sqlite3_column_int64(s, 7);
	g->carer_name = col_text(a, s, 8);
	g->person_name = col_text(a, s, 9);
	return g->carer_name && g->person_name ? CP_OK : CP_ENOMEM;
}

enum cp_err store_grant_list_person(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				    struct store_grant **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_GRANT_LIST_PERSON);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_GRANT_LIST_PERSON, s, a, max, sizeof **out, grant_row, (void **)out, n);
}

enum cp_err store_grant_list_carer(struct store_conn *c, struct arena *a, int64_t carer_user_id, size_t max,
				   struct store_grant **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_GRANT_LIST_CARER);
	sqlite3_bind_int64(s, 1, carer_user_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_GRANT_LIST_CARER, s, a, max, sizeof **out, grant_row, (void **)out, n);
}

enum cp_err store_grant_live(struct store_conn *c, int64_t person_id, int64_t carer_user_id, bool *live)
{
	sqlite3_stmt *s = S(c, ST_GRANT_LIVE);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, carer_user_id);
	int64_t n = 0;
	enum cp_err err = run_i64(c, ST_GRANT_LIVE, s, &n);
	*live = !err && n > 0;
	return err;
}

enum cp_err store_user_of_person(struct store_conn *c, int64_t person_id, int64_t *user_id)
{
	sqlite3_stmt *s = S(c, ST_USER_OF_PERSON);
	sqlite3_bind_int64(s, 1, person_id);
	return run_i64(c, ST_USER_OF_PERSON, s, user_id);
}

enum cp_err store_contact_set_user(struct store_conn *c, int64_t id, int64_t user_id)
{
	sqlite3_stmt *s = S(c, ST_CONTACT_SET_USER);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, user_id);
	enum cp_err err = run(c, ST_CONTACT_SET_USER, s);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ECONFLICT;
	return err;
}

static enum cp_err seen_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_audit_seen *r = out;
	r->id = sqlite3_column_int64(s, 0);
	r->time_ms = sqlite3_column_int64(s, 1);
	r->user_id = sqlite3_column_int64(s, 2);
	r->role = col_text(a, s, 3);
	r->action = col_text(a, s, 4);
	r->object_type = col_text(a, s, 5);
	r->reason = col_text(a, s, 6);
	r->who_name = col_text(a, s, 7);
	r->glass_reason = col_text(a, s, 8);
	return r->action ? CP_OK : CP_ENOMEM;
}

enum cp_err store_audit_for_person(struct store_conn *c, struct arena *a, int64_t person_id, int64_t before_id,
				   size_t max, struct store_audit_seen **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_AUDIT_FOR_PERSON);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, before_id);
	sqlite3_bind_int64(s, 3, (int64_t)max);
	return many(c, ST_AUDIT_FOR_PERSON, s, a, max, sizeof **out, seen_row, (void **)out, n);
}

/* ---- feedback ------------------------------------------------------------------ */

enum cp_err store_feedback_insert(struct store_conn *c, const struct store_feedback *f, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_FEEDBACK_INSERT);
	bind_ref(s, 1, f->team_id);
	sqlite3_bind_int64(s, 2, f->person_id);
	sqlite3_bind_int64(s, 3, f->user_id);
	bind_text(s, 4, f->giver);
	sqlite3_bind_int(s, 5, f->involved);
	sqlite3_bind_int(s, 6, f->listened);
	sqlite3_bind_int(s, 7, f->useful);
	bind_text(s, 8, f->comment);
	sqlite3_bind_int64(s, 9, f->created_ms);
	return run_insert(c, ST_FEEDBACK_INSERT, s, id);
}

static enum cp_err feedback_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_feedback *f = out;
	f->id = sqlite3_column_int64(s, 0);
	f->team_id = sqlite3_column_int64(s, 1);
	f->person_id = sqlite3_column_int64(s, 2);
	f->user_id = sqlite3_column_int64(s, 3);
	f->giver = col_text(a, s, 4);
	f->involved = sqlite3_column_int(s, 5);
	f->listened = sqlite3_column_int(s, 6);
	f->useful = sqlite3_column_int(s, 7);
	f->comment = col_text(a, s, 8);
	f->created_ms = sqlite3_column_int64(s, 9);
	return f->giver ? CP_OK : CP_ENOMEM;
}

enum cp_err store_feedback_list(struct store_conn *c, struct arena *a, int64_t team_id, size_t max,
				struct store_feedback **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_FEEDBACK_LIST);
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_FEEDBACK_LIST, s, a, max, sizeof **out, feedback_row, (void **)out, n);
}

enum cp_err store_feedback_totals(struct store_conn *c, int64_t team_id, int64_t since_ms,
				  struct store_feedback_totals *out)
{
	memset(out, 0, sizeof *out);
	out->team_id = team_id;
	sqlite3_stmt *s = S(c, ST_FEEDBACK_TOTALS);
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int64(s, 2, since_ms);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		out->n = sqlite3_column_int64(s, 0);
		for (int i = 0; i < 3; i++) {
			out->sum[i] = sqlite3_column_int64(s, 1 + i);
			out->agree[i] = sqlite3_column_int64(s, 4 + i);
		}
	} else {
		err = db_fail(c, ST_FEEDBACK_TOTALS, rc);
	}
	sqlite3_reset(s);
	return err;
}

static enum cp_err totals_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_feedback_totals *t = out;
	t->team_id = sqlite3_column_int64(s, 0);
	t->team_name = col_text(a, s, 1);
	t->n = sqlite3_column_int64(s, 2);
	for (int i = 0; i < 3; i++) {
		t->sum[i] = sqlite3_column_int64(s, 3 + i);
		t->agree[i] = sqlite3_column_int64(s, 6 + i);
	}
	return t->team_name ? CP_OK : CP_ENOMEM;
}

enum cp_err store_feedback_by_team(struct store_conn *c, struct arena *a, int64_t since_ms, size_t max,
				   struct store_feedback_totals **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_FEEDBACK_BY_TEAM);
	sqlite3_bind_int64(s, 1, since_ms);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_FEEDBACK_BY_TEAM, s, a, max, sizeof **out, totals_row, (void **)out, n);
}

/* ---- access ------------------------------------------------------------------------ */

enum cp_err store_access_professional(struct store_conn *c, int64_t person_id, int64_t user_id, int64_t team_id,
				      const char *today, int64_t now_ms, bool *care_team, bool *team, bool *glass)
{
	*care_team = *team = *glass = false;
	sqlite3_stmt *s = S(c, ST_ACCESS_PROFESSIONAL);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, user_id);
	bind_text(s, 3, today);
	sqlite3_bind_int64(s, 4, team_id);
	sqlite3_bind_int64(s, 5, now_ms);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		*care_team = sqlite3_column_int(s, 0) != 0;
		*team = sqlite3_column_int(s, 1) != 0;
		*glass = sqlite3_column_int(s, 2) != 0;
	} else {
		err = db_fail(c, ST_ACCESS_PROFESSIONAL, rc);
	}
	sqlite3_reset(s);
	return err;
}

enum cp_err store_person_of(struct store_conn *c, const char *kind, int64_t id, int64_t *person_id)
{
	enum stmt_id st;
	if (strcmp(kind, "person") == 0) {
		sqlite3_stmt *s = S(c, ST_PERSON_VERSION);
		sqlite3_bind_int64(s, 1, id);
		int64_t v = 0;
		enum cp_err err = run_i64(c, ST_PERSON_VERSION, s, &v);
		if (!err)
			*person_id = id;
		return err;
	}
	if (strcmp(kind, "episode") == 0)
		st = ST_PERSON_OF_EPISODE;
	else if (strcmp(kind, "plan_action") == 0)
		st = ST_PERSON_OF_PLAN_ACTION;
	else if (strcmp(kind, "assess_medicine") == 0)
		st = ST_PERSON_OF_MEDICINE;
	else if (strcmp(kind, "review_question") == 0)
		st = ST_PERSON_OF_REVIEW_QUESTION;
	else if (strcmp(kind, "referral") == 0)
		st = ST_PERSON_OF_SREF;
	else
		return CP_EINVAL;
	sqlite3_stmt *s = S(c, st);
	sqlite3_bind_int64(s, 1, id);
	return run_i64(c, st, s, person_id);
}

enum cp_err store_break_glass_insert(struct store_conn *c, const struct store_break_glass *g, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_BREAK_GLASS_INSERT);
	sqlite3_bind_int64(s, 1, g->user_id);
	sqlite3_bind_int64(s, 2, g->person_id);
	bind_text(s, 3, g->reason);
	sqlite3_bind_int64(s, 4, g->granted_ms);
	sqlite3_bind_int64(s, 5, g->expires_ms);
	return run_insert(c, ST_BREAK_GLASS_INSERT, s, id);
}

static enum cp_err glass_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_break_glass *g = out;
	g->id = sqlite3_column_int64(s, 0);
	g->user_id = sqlite3_column_int64(s, 1);
	g->person_id = sqlite3_column_int64(s, 2);
	g->reason = col_text(a, s, 3);
	g->granted_ms = sqlite3_column_int64(s, 4);
	g->expires_ms = sqlite3_column_int64(s, 5);
	g->user_name = col_text(a, s, 6);
	g->user_role = col_text(a, s, 7);
	g->person_name = col_text(a, s, 8);
	return g->reason && g->user_name && g->person_name ? CP_OK : CP_ENOMEM;
}

enum cp_err store_break_glass_list(struct store_conn *c, struct arena *a, int64_t team_id, int64_t since_ms,
				   size_t max, struct store_break_glass **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_BREAK_GLASS_LIST);
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int64(s, 2, since_ms);
	sqlite3_bind_int64(s, 3, (int64_t)max);
	return many(c, ST_BREAK_GLASS_LIST, s, a, max, sizeof **out, glass_row, (void **)out, n);
}

/* ---- sharing settings (migration 14) ---------------------------------------- */

static enum cp_err share_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_share_setting *v = out;
	v->section = col_text(a, s, 0);
	v->audiences = (unsigned)sqlite3_column_int64(s, 1);
	v->changed_by = sqlite3_column_int64(s, 2);
	v->changed_ms = sqlite3_column_int64(s, 3);
	return v->section ? CP_OK : CP_ENOMEM;
}

enum cp_err store_share_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
			     struct store_share_setting **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_SHARE_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_SHARE_LIST, s, a, max, sizeof **out, share_row, (void **)out, n);
}

static enum cp_err share_carer_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_share_carer *v = out;
	v->section = col_text(a, s, 0);
	v->carer_user_id = sqlite3_column_int64(s, 1);
	v->allowed = sqlite3_column_int64(s, 2) != 0;
	v->changed_by = sqlite3_column_int64(s, 3);
	v->changed_ms = sqlite3_column_int64(s, 4);
	return v->section ? CP_OK : CP_ENOMEM;
}

enum cp_err store_share_carer_list(struct store_conn *c, struct arena *a, int64_t person_id, int64_t carer_user_id,
				   size_t max, struct store_share_carer **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_SHARE_CARER_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, carer_user_id);
	sqlite3_bind_int64(s, 3, (int64_t)max);
	return many(c, ST_SHARE_CARER_LIST, s, a, max, sizeof **out, share_carer_row, (void **)out, n);
}

enum cp_err store_share_set(struct store_conn *c, int64_t person_id, const char *section, unsigned audiences,
			    int64_t by, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_SHARE_SET);
	sqlite3_bind_int64(s, 1, person_id);
	bind_text(s, 2, section);
	sqlite3_bind_int64(s, 3, (int64_t)audiences);
	bind_ref(s, 4, by);
	sqlite3_bind_int64(s, 5, ms);
	return run(c, ST_SHARE_SET, s);
}

enum cp_err store_share_carer_set(struct store_conn *c, int64_t person_id, const char *section,
				  int64_t carer_user_id, bool allowed, int64_t by, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_SHARE_CARER_SET);
	sqlite3_bind_int64(s, 1, person_id);
	bind_text(s, 2, section);
	sqlite3_bind_int64(s, 3, carer_user_id);
	sqlite3_bind_int(s, 4, allowed ? 1 : 0);
	bind_ref(s, 5, by);
	sqlite3_bind_int64(s, 6, ms);
	return run(c, ST_SHARE_CARER_SET, s);
}

enum cp_err store_share_history_insert(struct store_conn *c, const struct store_share_change *h, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_SHARE_HISTORY_INSERT);
	sqlite3_bind_int64(s, 1, h->person_id);
	bind_text(s, 2, h->section);
	bind_ref(s, 3, h->carer_user_id);
	if (h->before >= 0)
		sqlite3_bind_int64(s, 4, h->before);
	else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_int64(s, 5, h->after);
	bind_ref(s, 6, h->changed_by);
	sqlite3_bind_int64(s, 7, h->changed_ms);
	return run_insert(c, ST_SHARE_HISTORY_INSERT, s, id);
}

static enum cp_err share_change_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_share_change *h = out;
	h->id = sqlite3_column_int64(s, 0);
	h->person_id = sqlite3_column_int64(s, 1);
	h->section = col_text(a, s, 2);
	h->carer_user_id = sqlite3_column_int64(s, 3);
	h->before = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 4);
	h->after = sqlite3_column_int64(s, 5);
	h->changed_by = sqlite3_column_int64(s, 6);
	h->changed_ms = sqlite3_column_int64(s, 7);
	h->who_name = col_text(a, s, 8);
	h->carer_name = col_text(a, s, 9);
	return h->section ? CP_OK : CP_ENOMEM;
}

enum cp_err store_share_history_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				     struct store_share_change **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_SHARE_HISTORY_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_SHARE_HISTORY_LIST, s, a, max, sizeof **out, share_change_row, (void **)out, n);
}

enum cp_err store_share_version(struct store_conn *c, int64_t person_id, int64_t *version)
{
	sqlite3_stmt *s = S(c, ST_SHARE_VERSION);
	sqlite3_bind_int64(s, 1, person_id);
	return run_i64(c, ST_SHARE_VERSION, s, version);
}

enum cp_err store_share_withheld(struct store_conn *c, struct arena *a, const char *section, unsigned audiences,
				 int64_t team_id, size_t max, int64_t **person_ids, size_t *n)
{
	*n = 0;
	*person_ids = max ? arena_zalloc(a, max * sizeof **person_ids) : NULL;
	if (max && !*person_ids)
		return CP_ENOMEM;
	sqlite3_stmt *s = S(c, ST_SHARE_WITHHELD);
	bind_text(s, 1, section);
	sqlite3_bind_int64(s, 2, (int64_t)audiences);
	sqlite3_bind_int64(s, 3, team_id);
	sqlite3_bind_int64(s, 4, (int64_t)max);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		(*person_ids)[(*n)++] = sqlite3_column_int64(s, 0);
	enum cp_err err = rc == SQLITE_ROW || rc == SQLITE_DONE ? CP_OK : db_fail(c, ST_SHARE_WITHHELD, rc);
	sqlite3_reset(s);
	return err;
}
