/* store_sqlite_reg.c - the population register (store_reg.h). */
#include "sqlite_internal.h"

/* Reads the 20 columns of a register row (REG_GET's order) with text
 * either copied to a (a non-NULL) or borrowed from the statement. */
static enum cp_err reg_fill(struct arena *a, sqlite3_stmt *s, struct store_register_entry *e, int64_t *last_import)
{
#define TXT(i) (a ? col_text(a, s, (i)) : col_borrow(s, (i)))
	e->id = sqlite3_column_int64(s, 0);
	e->nhs_number = TXT(1);
	e->given_name = TXT(2);
	e->family_name = TXT(3);
	e->birth_date = TXT(4);
	e->postcode = TXT(5);
	e->conditions = TXT(6);
	e->n_conditions = sqlite3_column_int(s, 7);
	e->frailty = TXT(8);
	e->emergency_admissions = sqlite3_column_int(s, 9);
	e->ae_attendances = sqlite3_column_int(s, 10);
	e->lives_alone = sqlite3_column_int(s, 11) != 0;
	e->is_carer = sqlite3_column_int(s, 12) != 0;
	e->has_carer = sqlite3_column_int(s, 13) != 0;
	e->score = sqlite3_column_int64(s, 14);
	e->rules_mask = (uint64_t)sqlite3_column_int64(s, 15);
	e->person_id = sqlite3_column_int64(s, 16);
	e->imported_ms = sqlite3_column_int64(s, 17);
	e->updated_ms = sqlite3_column_int64(s, 18);
	if (last_import)
		*last_import = sqlite3_column_int64(s, 19);
#undef TXT
	return e->nhs_number && e->given_name && e->family_name && e->birth_date && e->conditions ? CP_OK : CP_ENOMEM;
}

static enum cp_err reg_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	return reg_fill(a, s, out, NULL);
}

enum cp_err store_register_by_nhs(struct store_conn *c, struct arena *a, const char *nhs_number,
				  struct store_register_entry *out, int64_t *last_import)
{
	sqlite3_stmt *s = S(c, ST_REG_BY_NHS);
	bind_text(s, 1, nhs_number);
	int rc = sqlite3_step(s);
	enum cp_err err;
	if (rc == SQLITE_ROW)
		err = reg_fill(a, s, out, last_import);
	else
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, ST_REG_BY_NHS, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_register_get(struct store_conn *c, struct arena *a, int64_t id, struct store_register_entry *out)
{
	sqlite3_stmt *s = S(c, ST_REG_GET);
	sqlite3_bind_int64(s, 1, id);
	return one(c, ST_REG_GET, s, a, reg_row, out);
}

/* Binds e's values in REG_UPDATE's order from ?2 (REG_INSERT's from ?1 is
 * the same list shifted by one). */
static void bind_values(sqlite3_stmt *s, int first, const struct store_register_entry *e)
{
	bind_text(s, first, e->given_name);
	bind_text(s, first + 1, e->family_name);
	bind_text(s, first + 2, e->birth_date);
	bind_text(s, first + 3, e->postcode);
	bind_text(s, first + 4, e->conditions ? e->conditions : "");
	sqlite3_bind_int(s, first + 5, e->n_conditions);
	bind_text(s, first + 6, e->frailty);
	sqlite3_bind_int(s, first + 7, e->emergency_admissions);
	sqlite3_bind_int(s, first + 8, e->ae_attendances);
	sqlite3_bind_int(s, first + 9, e->lives_alone);
	sqlite3_bind_int(s, first + 10, e->is_carer);
	sqlite3_bind_int(s, first + 11, e->has_carer);
	sqlite3_bind_int64(s, first + 12, e->score);
	sqlite3_bind_int64(s, first + 13, (int64_t)e->rules_mask);
}

enum cp_err store_register_insert(struct store_conn *c, const struct store_register_entry *e, int64_t import_id,
				  int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_REG_INSERT);
	bind_text(s, 1, e->nhs_number);
	bind_values(s, 2, e);
	bind_ref(s, 16, import_id);
	sqlite3_bind_int64(s, 17, e->imported_ms);
	return run_insert(c, ST_REG_INSERT, s, id);
}

enum cp_err store_register_update(struct store_conn *c, const struct store_register_entry *e, int64_t import_id)
{
	sqlite3_stmt *s = S(c, ST_REG_UPDATE);
	sqlite3_bind_int64(s, 1, e->id);
	bind_values(s, 2, e);
	bind_ref(s, 16, import_id);
	sqlite3_bind_int64(s, 17, e->updated_ms);
	return run(c, ST_REG_UPDATE, s);
}

enum cp_err store_register_touch(struct store_conn *c, int64_t id, int64_t import_id)
{
	sqlite3_stmt *s = S(c, ST_REG_TOUCH);
	sqlite3_bind_int64(s, 1, id);
	bind_ref(s, 2, import_id);
	return run(c, ST_REG_TOUCH, s);
}

enum cp_err store_register_set_score(struct store_conn *c, int64_t id, int64_t score, uint64_t mask)
{
	sqlite3_stmt *s = S(c, ST_REG_SET_SCORE);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, score);
	sqlite3_bind_int64(s, 3, (int64_t)mask);
	return run(c, ST_REG_SET_SCORE, s);
}

enum cp_err store_register_link(struct store_conn *c, int64_t id, int64_t person_id)
{
	sqlite3_stmt *s = S(c, ST_REG_LINK);
	sqlite3_bind_int64(s, 1, id);
	bind_ref(s, 2, person_id);
	return run(c, ST_REG_LINK, s);
}

enum cp_err store_register_walk(struct store_conn *c, int64_t after_id, size_t max, store_register_fn fn,
				void *ctx, int64_t *last_id)
{
	*last_id = after_id;
	sqlite3_stmt *s = S(c, ST_REG_WALK);
	sqlite3_bind_int64(s, 1, after_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	int rc;
	enum cp_err err = CP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_register_entry e;
		if ((err = reg_fill(NULL, s, &e, NULL)) || (err = fn(ctx, &e)))
			break;
		*last_id = e.id;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, ST_REG_WALK, rc);
	sqlite3_reset(s);
	return err;
}

enum cp_err store_register_worklist(struct store_conn *c, struct arena *a, uint64_t rule_mask, size_t offset,
				    size_t max, struct store_register_entry **out, size_t *n)
{
	sqlite3_stmt *s = S(c, ST_REG_WORKLIST);
	sqlite3_bind_int64(s, 1, (int64_t)rule_mask);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	sqlite3_bind_int64(s, 3, (int64_t)offset);
	void *p = NULL;
	enum cp_err err = many(c, ST_REG_WORKLIST, s, a, max, sizeof **out, reg_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_register_any(struct store_conn *c, bool *any)
{
	sqlite3_stmt *s = S(c, ST_REG_ANY);
	int64_t n = 0;
	enum cp_err err = run_i64(c, ST_REG_ANY, s, &n);
	*any = n != 0;
	return err;
}

enum cp_err store_register_import_insert(struct store_conn *c, const struct store_register_import *im, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_REG_IMPORT_INSERT);
	bind_ref(s, 1, im->user_id);
	bind_text(s, 2, im->source);
	sqlite3_bind_int64(s, 3, im->started_ms);
	return run_insert(c, ST_REG_IMPORT_INSERT, s, id);
}

enum cp_err store_register_import_finish(struct store_conn *c, const struct store_register_import *im)
{
	sqlite3_stmt *s = S(c, ST_REG_IMPORT_FINISH);
	sqlite3_bind_int64(s, 1, im->id);
	sqlite3_bind_int64(s, 2, im->finished_ms);
	sqlite3_bind_int64(s, 3, im->rows_read);
	sqlite3_bind_int64(s, 4, im->added);
	sqlite3_bind_int64(s, 5, im->updated);
	sqlite3_bind_int64(s, 6, im->unchanged);
	sqlite3_bind_int64(s, 7, im->refused);
	return run(c, ST_REG_IMPORT_FINISH, s);
}

static enum cp_err import_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_register_import *im = out;
	im->id = sqlite3_column_int64(s, 0);
	im->user_id = sqlite3_column_int64(s, 1);
	im->source = col_text(a, s, 2);
	im->started_ms = sqlite3_column_int64(s, 3);
	im->finished_ms = sqlite3_column_int64(s, 4);
	im->rows_read = sqlite3_column_int64(s, 5);
	im->added = sqlite3_column_int64(s, 6);
	im->updated = sqlite3_column_int64(s, 7);
	im->unchanged = sqlite3_column_int64(s, 8);
	im->refused = sqlite3_column_int64(s, 9);
	return im->source ? CP_OK : CP_ENOMEM;
}

enum cp_err store_register_import_latest(struct store_conn *c, struct arena *a, struct store_register_import *out)
{
	sqlite3_stmt *s = S(c, ST_REG_IMPORT_LATEST);
	return one(c, ST_REG_IMPORT_LATEST, s, a, import_row, out);
}

enum cp_err store_register_fingerprint(struct store_conn *c, struct arena *a, const char **out)
{
	sqlite3_stmt *s = S(c, ST_REG_FINGERPRINT);
	*out = "";
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		*out = col_text(a, s, 0);
		if (!*out)
			err = CP_ENOMEM;
	} else if (rc != SQLITE_DONE) {
		err = db_fail(c, ST_REG_FINGERPRINT, rc);
	}
	sqlite3_reset(s);
	return err;
}

enum cp_err store_register_set_fingerprint(struct store_conn *c, const char *fp)
{
	sqlite3_stmt *s = S(c, ST_REG_SET_FINGERPRINT);
	bind_text(s, 1, fp);
	return run(c, ST_REG_SET_FINGERPRINT, s);
}
