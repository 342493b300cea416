/*
 * letter.h - the pre-review letter (docs/review-letters.md): readings
 * recorded in the program, the time and place of the next review, what a
 * letter holds, and which letters the team still has to produce.
 *
 * Readings: HbA1c (mmol/mol, whole numbers 20 to 195), blood pressure
 * (systolic 60 to 260 over diastolic 30 to 160 mmHg, whole numbers,
 * systolic above diastolic) and weight (kg, 2 to 350 with at most one
 * decimal).  Values are kept as whole numbers of tenths, never floats.
 * They belong to the Assessment section of sharing (SHARE_ASSESSMENT).
 *
 * The review appointment: the plan's next_review_date stays the date of
 * record.  An appointment adds a time and a place to that date; it is kept
 * with the date it was made for and counts only while the plan's date is
 * still the same (a new review date needs a new time and place).
 *
 * Writes are one transaction with their audit row (reading.add,
 * review_appointment.set, letter.print) and write nothing on error.
 *
 * Memory: records and messages in the caller's arena; inputs borrowed.
 */
#ifndef CP_LETTER_H
#define CP_LETTER_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "form.h"
#include "instrument.h"
#include "myplan.h"
#include "worklist.h"

#define LETTER_READINGS_MAX 500 /* readings read for one letter */
#define LETTER_INSTR_MAX 500    /* questionnaire results read for one letter */
#define LETTER_PLACE_MAX 200    /* characters of a review's place */
#define LETTER_BATCH_MAX 200    /* letters produced in one batch */

enum reading_kind { READING_HBA1C, READING_BP, READING_WEIGHT, READING__MAX };

/* "hba1c", "bp", "weight"; "" out of range. */
const char *reading_code(enum reading_kind k);
/* READING__MAX for NULL or an unknown code. */
enum reading_kind reading_from_code(const char *code);
/* "HbA1c (blood sugar over the last 2 to 3 months)", "Blood pressure", "Weight". */
const char *reading_label(enum reading_kind k);
/* "48 mmol/mol", "132/84 mmHg", "72.4 kg" (arena). */
const char *reading_text(struct arena *a, const struct store_reading *r);

/* A reading as typed on the form. */
struct reading_input {
	const char *kind;       /* field "kind" */
	const char *taken_date; /* field "taken_date", YYYY-MM-DD, not in the future */
	const char *value;      /* field "value": HbA1c, systolic or weight */
	const char *value2;     /* field "value2": diastolic, blood pressure only */
};

/* Checks in into *out (kind, taken_date, value, value2 set; the rest
 * untouched).  CP_EINVAL with a message per field in errs; CP_ENOMEM. */
enum cp_err reading_validate(struct arena *a, int64_t now_ms, const struct reading_input *in,
			     struct store_reading *out, struct person_errors *errs);

/* Records a reading in episode_id (audit reading.add). */
enum cp_err reading_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, const struct reading_input *in, struct person_errors *errs);

/* The time and place of the next review as typed: fields "review_time"
 * (HH:MM, 24-hour) and "place" (1 to LETTER_PLACE_MAX characters). */
struct appt_input {
	const char *review_time;
	const char *place;
};

/* Sets episode_id's appointment for its plan's next review date (audit
 * review_appointment.set).  CP_ENOTFOUND with *msg when the plan has no
 * review date yet; CP_EINVAL with errs. */
enum cp_err appt_set(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		     int64_t episode_id, const struct appt_input *in, struct person_errors *errs, const char **msg);

/* Latest and previous questionnaire score of one instrument. */
struct letter_score {
	const struct store_instrument_result *latest, *previous; /* NULL when none */
};
/* Latest and previous reading of one kind. */
struct letter_result {
	const struct store_reading *latest, *previous;
};

/* What one letter holds. */
struct letter {
	struct my_view v;               /* the person's own copy, limited to what the professional may see */
	const char *review_date;        /* the plan's next review date; NULL when none */
	bool has_appt;                  /* a time and place set for that date */
	struct store_review_appt appt;
	bool show_readings;             /* SHARE_ASSESSMENT */
	struct letter_result readings[READING__MAX];
	const struct store_reading *all_readings; /* every reading, by kind then date */
	size_t n_readings;
	bool show_scores;               /* SHARE_INSTRUMENTS */
	struct letter_score scores[INSTRUMENT__MAX];
	int64_t sent_ms;                /* when the letter for review_date was last produced; 0 never */
};

/* Reads episode_id's letter for a professional who may see the sections
 * in mine (h_share_mask), auditing myplan.read ("review letter").
 * CP_ENOTFOUND when there is no such episode or it is not the person's
 * current one. */
enum cp_err letter_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, unsigned mine, struct letter *out);

/* Records that the letters were produced: one letter_sent row and one
 * audit row (letter.print) each, in one transaction. */
enum cp_err letter_mark(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			struct letter *const *ls, size_t n);

/* A review on the letters worklist: the due-section row and its date. */
struct letter_due {
	const struct store_worklist_row *row;
	const char *date;
	int days;
};

/* Reviews of user's team in the next WORKLIST_HORIZON days (the worklist's
 * "due" section, so sharing is honoured as there) whose letter has not been
 * produced, soonest first.  Audits worklist.read ("letters"). */
enum cp_err letter_worklist(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    const struct store_user *user, struct letter_due **out, size_t *n);

#endif
