/*
 * store_reg.h - storage of the population register that case finding reads
 * (migration 21, sqlite_schema_reg.h).  Part of store.h (which includes it);
 * implemented in store_sqlite_reg.c.  Strings returned are in the caller's
 * arena unless said otherwise.
 */
#ifndef CP_STORE_REG_H
#define CP_STORE_REG_H

/* One row of the register. */
struct store_register_entry {
	int64_t id;
	const char *nhs_number;  /* 10 digits, check digit right */
	const char *given_name;  /* 1..100 characters */
	const char *family_name; /* 1..100 characters */
	const char *birth_date;  /* YYYY-MM-DD */
	const char *postcode;    /* NULL when not given */
	const char *conditions;  /* ';'-separated, "" when none */
	int n_conditions;
	const char *frailty;     /* "fit", "mild", "moderate", "severe"; NULL when not known */
	int emergency_admissions; /* last 12 months, 0..999 */
	int ae_attendances;       /* last 12 months, 0..999 */
	bool lives_alone, is_carer, has_carer;
	int64_t score;            /* sum of the weights of the rules met */
	uint64_t rules_mask;      /* bit i: rule i of the rules file was met */
	int64_t person_id;        /* the person entered from this row, 0 when none */
	int64_t imported_ms, updated_ms;
};

/* The counts of one import. */
struct store_register_import {
	int64_t id;
	int64_t user_id;     /* 0 for the command line */
	const char *source;  /* file name or "upload" */
	int64_t started_ms, finished_ms;
	int64_t rows_read, added, updated, unchanged, refused;
};

/* The row with nhs_number, CP_ENOTFOUND when none.  *last_import gets the
 * import that last read it (0 when none). */
enum cp_err store_register_by_nhs(struct store_conn *c, struct arena *a, const char *nhs_number,
				  struct store_register_entry *out, int64_t *last_import);
enum cp_err store_register_get(struct store_conn *c, struct arena *a, int64_t id, struct store_register_entry *out);
/* Adds e (its id, person_id are ignored; person_id is found by NHS number
 * among people already recorded) as read by import_id.  *id gets its id. */
enum cp_err store_register_insert(struct store_conn *c, const struct store_register_entry *e, int64_t import_id,
				  int64_t *id);
/* Replaces the values of row e->id (not imported_ms, person_id) as read by
 * import_id. */
enum cp_err store_register_update(struct store_conn *c, const struct store_register_entry *e, int64_t import_id);
/* Marks row id as read by import_id without changing its values. */
enum cp_err store_register_touch(struct store_conn *c, int64_t id, int64_t import_id);
/* Sets row id's score and rules mask. */
enum cp_err store_register_set_score(struct store_conn *c, int64_t id, int64_t score, uint64_t mask);
/* Links row id to person_id. */
enum cp_err store_register_link(struct store_conn *c, int64_t id, int64_t person_id);

/* Calls fn for every row in id order, from the row after after_id, at most
 * max rows; *last_id gets the last id seen (after_id when none).  The
 * entry given to fn is borrowed for the call.  fn returning non-zero stops
 * the walk with that error. */
typedef enum cp_err (*store_register_fn)(void *ctx, const struct store_register_entry *e);
enum cp_err store_register_walk(struct store_conn *c, int64_t after_id, size_t max, store_register_fn fn,
				void *ctx, int64_t *last_id);

/* The worklist: rows with a score above zero whose person (if any) has no
 * open episode, meeting at least one rule of rule_mask (0: any), in rank
 * order (score, then emergency admissions, highest first, then family and
 * given name), skipping `offset`, at most max. */
enum cp_err store_register_worklist(struct store_conn *c, struct arena *a, uint64_t rule_mask, size_t offset,
				    size_t max, struct store_register_entry **out, size_t *n);
/* Whether the register has any row (cheap at any size, unlike a count). */
enum cp_err store_register_any(struct store_conn *c, bool *any);

enum cp_err store_register_import_insert(struct store_conn *c, const struct store_register_import *im, int64_t *id);
enum cp_err store_register_import_finish(struct store_conn *c, const struct store_register_import *im);
/* The latest import, CP_ENOTFOUND when none. */
enum cp_err store_register_import_latest(struct store_conn *c, struct arena *a, struct store_register_import *out);

/* The stored rules fingerprint ("" when none is stored; in the arena). */
enum cp_err store_register_fingerprint(struct store_conn *c, struct arena *a, const char **out);
enum cp_err store_register_set_fingerprint(struct store_conn *c, const char *fp);

#endif
