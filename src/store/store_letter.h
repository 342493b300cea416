/*
 * store_letter.h - storage of readings, review appointments and pre-review
 * letters produced (migration 17).  Part of store.h (which includes it);
 * implemented in store_sqlite_letter.c.  Strings returned are in the
 * caller's arena.
 */
#ifndef CP_STORE_LETTER_H
#define CP_STORE_LETTER_H

struct store_reading {
	int64_t id;
	int64_t episode_id;
	const char *kind;       /* "hba1c", "bp" or "weight" */
	const char *taken_date; /* YYYY-MM-DD */
	int64_t value;          /* tenths of the unit; systolic for "bp" */
	int64_t value2;         /* diastolic tenths for "bp", else 0 */
	int64_t user_id;
	int64_t created_ms;
	const char *user_name;  /* who recorded it (read only) */
};

struct store_review_appt {
	int64_t episode_id;
	const char *review_date; /* the plan's next_review_date when it was set */
	const char *review_time; /* HH:MM */
	const char *place;
	int64_t user_id;
	int64_t updated_ms;
};

enum cp_err store_reading_insert(struct store_conn *c, const struct store_reading *r, int64_t *id);
/* By kind, then oldest date first. */
enum cp_err store_reading_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_reading **out, size_t *n);
/* Sets (or replaces) episode_id's appointment. */
enum cp_err store_review_appt_set(struct store_conn *c, const struct store_review_appt *ap);
/* CP_ENOTFOUND when none has been set. */
enum cp_err store_review_appt_get(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_review_appt *out);
/* Records that user_id produced episode_id's letter for review_date at ms. */
enum cp_err store_letter_insert(struct store_conn *c, int64_t episode_id, const char *review_date, int64_t user_id,
				int64_t ms);
/* When episode_id's letter for review_date was last produced; 0 never. */
enum cp_err store_letter_last(struct store_conn *c, int64_t episode_id, const char *review_date, int64_t *ms);

#endif
