/* store_sqlite_letter.c - readings, review appointments, letters produced (store_letter.h). */
#include "sqlite_internal.h"

enum cp_err store_reading_insert(struct store_conn *c, const struct store_reading *r, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_READING_INSERT);
	sqlite3_bind_int64(s, 1, r->episode_id);
	bind_text(s, 2, r->kind);
	bind_text(s, 3, r->taken_date);
	sqlite3_bind_int64(s, 4, r->value);
	bind_ref(s, 5, r->value2);
	sqlite3_bind_int64(s, 6, r->user_id);
	sqlite3_bind_int64(s, 7, r->created_ms);
	return run_insert(c, ST_READING_INSERT, s, id);
}

static enum cp_err reading_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_reading *r = out;
	r->id = sqlite3_column_int64(s, 0);
	r->episode_id = sqlite3_column_int64(s, 1);
	r->kind = col_text(a, s, 2);
	r->taken_date = col_text(a, s, 3);
	r->value = sqlite3_column_int64(s, 4);
	r->value2 = sqlite3_column_int64(s, 5);
	r->user_id = sqlite3_column_int64(s, 6);
	r->created_ms = sqlite3_column_int64(s, 7);
	r->user_name = col_text(a, s, 8);
	return r->kind && r->taken_date ? CP_OK : CP_ENOMEM;
}

enum cp_err store_reading_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_reading **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_READING_LIST);
	sqlite3_bind_int64(s, 1, episode_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_READING_LIST, s, a, max, sizeof **out, reading_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_review_appt_set(struct store_conn *c, const struct store_review_appt *ap)
{
	sqlite3_stmt *s = S(c, ST_APPT_SET);
	sqlite3_bind_int64(s, 1, ap->episode_id);
	bind_text(s, 2, ap->review_date);
	bind_text(s, 3, ap->review_time);
	bind_text(s, 4, ap->place);
	sqlite3_bind_int64(s, 5, ap->user_id);
	sqlite3_bind_int64(s, 6, ap->updated_ms);
	return run(c, ST_APPT_SET, s);
}

static enum cp_err appt_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_review_appt *ap = out;
	ap->episode_id = sqlite3_column_int64(s, 0);
	ap->review_date = col_text(a, s, 1);
	ap->review_time = col_text(a, s, 2);
	ap->place = col_text(a, s, 3);
	ap->user_id = sqlite3_column_int64(s, 4);
	ap->updated_ms = sqlite3_column_int64(s, 5);
	return ap->review_date && ap->review_time && ap->place ? CP_OK : CP_ENOMEM;
}

enum cp_err store_review_appt_get(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_review_appt *out)
{
	sqlite3_stmt *s = S(c, ST_APPT_GET);
	sqlite3_bind_int64(s, 1, episode_id);
	return one(c, ST_APPT_GET, s, a, appt_row, out);
}

enum cp_err store_letter_insert(struct store_conn *c, int64_t episode_id, const char *review_date, int64_t user_id,
				int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_LETTER_INSERT);
	sqlite3_bind_int64(s, 1, episode_id);
	bind_text(s, 2, review_date);
	sqlite3_bind_int64(s, 3, user_id);
	sqlite3_bind_int64(s, 4, ms);
	int64_t id = 0;
	return run_insert(c, ST_LETTER_INSERT, s, &id);
}

enum cp_err store_letter_last(struct store_conn *c, int64_t episode_id, const char *review_date, int64_t *ms)
{
	sqlite3_stmt *s = S(c, ST_LETTER_LAST);
	sqlite3_bind_int64(s, 1, episode_id);
	bind_text(s, 2, review_date);
	*ms = 0;
	return run_i64(c, ST_LETTER_LAST, s, ms);
}
