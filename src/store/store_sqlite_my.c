/* store_sqlite_my.c - what the person writes themself (store_my.h). */
#include "sqlite_internal.h"

static enum cp_err about_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_about_me *m = out;
	m->id = sqlite3_column_int64(s, 0);
	m->person_id = sqlite3_column_int64(s, 1);
	m->version = sqlite3_column_int64(s, 2);
	for (int i = 0; i < STORE_ABOUT_ITEMS; i++) {
		m->item[i] = col_text(a, s, 3 + i);
		if (sqlite3_column_type(s, 3 + i) != SQLITE_NULL && !m->item[i])
			return CP_ENOMEM;
	}
	m->user_id = sqlite3_column_int64(s, 10);
	m->writer = col_text(a, s, 11);
	m->saved_ms = sqlite3_column_int64(s, 12);
	m->user_name = col_text(a, s, 13);
	return m->writer ? CP_OK : CP_ENOMEM;
}

enum cp_err store_about_me_current(struct store_conn *c, struct arena *a, int64_t person_id,
				   struct store_about_me *out)
{
	sqlite3_stmt *s = S(c, ST_ABOUT_CURRENT);
	sqlite3_bind_int64(s, 1, person_id);
	return one(c, ST_ABOUT_CURRENT, s, a, about_row, out);
}

enum cp_err store_about_me_insert(struct store_conn *c, const struct store_about_me *m, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_ABOUT_INSERT);
	sqlite3_bind_int64(s, 1, m->person_id);
	sqlite3_bind_int64(s, 2, m->version);
	for (int i = 0; i < STORE_ABOUT_ITEMS; i++)
		bind_text(s, 3 + i, m->item[i]);
	sqlite3_bind_int64(s, 10, m->user_id);
	bind_text(s, 11, m->writer);
	sqlite3_bind_int64(s, 12, m->saved_ms);
	return run_insert(c, ST_ABOUT_INSERT, s, id);
}

enum cp_err store_about_me_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				struct store_about_me **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_ABOUT_LIST);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_ABOUT_LIST, s, a, max, sizeof **out, about_row, (void **)out, n);
}

enum cp_err store_plan_own_insert(struct store_conn *c, const struct store_plan_own *o)
{
	sqlite3_stmt *s = S(c, ST_PLAN_OWN_INSERT);
	sqlite3_bind_int64(s, 1, o->plan_id);
	bind_text(s, 2, o->section);
	sqlite3_bind_int64(s, 3, o->object_id);
	sqlite3_bind_int64(s, 4, o->user_id);
	bind_text(s, 5, o->writer);
	sqlite3_bind_int64(s, 6, o->created_ms);
	return run(c, ST_PLAN_OWN_INSERT, s);
}

static enum cp_err own_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_plan_own *o = out;
	o->plan_id = sqlite3_column_int64(s, 0);
	o->section = col_text(a, s, 1);
	o->object_id = sqlite3_column_int64(s, 2);
	o->user_id = sqlite3_column_int64(s, 3);
	o->writer = col_text(a, s, 4);
	o->created_ms = sqlite3_column_int64(s, 5);
	o->user_name = col_text(a, s, 6);
	return o->section && o->writer ? CP_OK : CP_ENOMEM;
}

enum cp_err store_plan_own_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				struct store_plan_own **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_PLAN_OWN_LIST);
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_PLAN_OWN_LIST, s, a, max, sizeof **out, own_row, (void **)out, n);
}

static enum cp_err story_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_review_story *r = out;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->version = sqlite3_column_int64(s, 2);
	r->story = col_text(a, s, 3);
	r->user_id = sqlite3_column_int64(s, 4);
	r->writer = col_text(a, s, 5);
	r->saved_ms = sqlite3_column_int64(s, 6);
	r->user_name = col_text(a, s, 7);
	return r->story && r->writer ? CP_OK : CP_ENOMEM;
}

enum cp_err store_review_story_current(struct store_conn *c, struct arena *a, int64_t episode_id,
				       struct store_review_story *out)
{
	sqlite3_stmt *s = S(c, ST_STORY_CURRENT);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_STORY_CURRENT, s, a, story_row, out);
}

enum cp_err store_review_story_insert(struct store_conn *c, const struct store_review_story *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_STORY_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	sqlite3_bind_int64(s, 2, r->version);
	bind_text(s, 3, r->story);
	sqlite3_bind_int64(s, 4, r->user_id);
	bind_text(s, 5, r->writer);
	sqlite3_bind_int64(s, 6, r->saved_ms);
	return run_insert(c, ST_STORY_INSERT, s, id);
}

enum cp_err store_review_question_insert(struct store_conn *c, const struct store_review_question *q, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_QUESTION_INSERT);
	sqlite3_bind_int64(s, 1, q->episode_id);
	bind_text(s, 2, q->question);
	sqlite3_bind_int64(s, 3, q->user_id);
	bind_text(s, 4, q->writer);
	sqlite3_bind_int64(s, 5, q->created_ms);
	return run_insert(c, ST_QUESTION_INSERT, s, id);
}

static enum cp_err question_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_review_question *q = out;
	q->id = sqlite3_column_int64(s, 0);
	q->episode_id = sqlite3_column_int64(s, 1);
	q->question = col_text(a, s, 2);
	q->user_id = sqlite3_column_int64(s, 3);
	q->writer = col_text(a, s, 4);
	q->created_ms = sqlite3_column_int64(s, 5);
	q->removed_ms = sqlite3_column_int64(s, 6);
	q->user_name = col_text(a, s, 7);
	return q->question && q->writer ? CP_OK : CP_ENOMEM;
}

enum cp_err store_review_question_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				       struct store_review_question **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_QUESTION_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	return many(c, ST_QUESTION_LIST, s, a, max, sizeof **out, question_row, (void **)out, n);
}

enum cp_err store_review_question_remove(struct store_conn *c, int64_t id, int64_t episode_id, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_QUESTION_REMOVE);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, episode_id);
	sqlite3_bind_int64(s, 3, ms);
	enum cp_err err = run(c, ST_QUESTION_REMOVE, s);
	if (!err && sqlite3_changes(c->db) == 0)
		return CP_ENOTFOUND;
	return err;
}
