/*
 * instrument.h - standardised questionnaires and their published scoring:
 * PHQ-9 (depression), GAD-7 (anxiety) and the three-item UCLA loneliness
 * scale.
 *
 * Each instrument has a fixed number of items (questions), each answered with
 * a whole number in the instrument's range (PHQ-9 and GAD-7 0..3, UCLA-3
 * 1..3).  The total is the sum of the answers and falls in exactly one
 * severity band; the bands of an instrument cover its whole range of totals
 * without gaps or overlaps.  PHQ-9 item 9 asks about thoughts of death or
 * self-harm: any answer above 0 raises the safety flag, whatever the total,
 * and must be followed up by a clinician the same day.
 *
 * The item texts here are our own plain-English wording of what each item
 * asks, not the published wording; the scoring is the published scoring.
 * Pure: no I/O, no allocation; every string returned is static.  Messages go
 * into the caller's buffer (msg, msgn bytes, terminated when msgn > 0);
 * INSTRUMENT_MSG_MAX bytes hold any of them.
 */
#ifndef CP_INSTRUMENT_H
#define CP_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"

#define INSTRUMENT_ITEMS_MAX 9     /* the most items any instrument has */
#define INSTRUMENT_UNANSWERED (-1) /* an answer the person has not given */
#define INSTRUMENT_MSG_MAX 200     /* bytes that hold any message from this module */

enum instrument {
	INSTRUMENT_PHQ9,  /* Patient Health Questionnaire, 9 items: depression */
	INSTRUMENT_GAD7,  /* Generalised Anxiety Disorder scale, 7 items: anxiety */
	INSTRUMENT_UCLA3, /* UCLA loneliness scale, 3-item version: loneliness */
	INSTRUMENT__MAX
};

/* Severity bands across all instruments; each instrument uses some of them. */
enum instrument_band {
	BAND_MINIMAL,           /* PHQ-9 0-4, GAD-7 0-4 */
	BAND_MILD,              /* PHQ-9 5-9, GAD-7 5-9 */
	BAND_MODERATE,          /* PHQ-9 10-14, GAD-7 10-14 */
	BAND_MODERATELY_SEVERE, /* PHQ-9 15-19 */
	BAND_SEVERE,            /* PHQ-9 20-27, GAD-7 15-21 */
	BAND_NOT_LONELY,        /* UCLA-3 3-5 */
	BAND_LONELY,            /* UCLA-3 6-9 */
	BAND__MAX
};

/* A scored questionnaire. */
struct instrument_result {
	enum instrument instrument;
	int total;                 /* sum of the answers: instrument_total_min..max */
	enum instrument_band band; /* the band total falls in */
	bool safety;               /* PHQ-9 item 9 > 0; always false for others */
};

/* Code <-> enum.  instrument_code gives the code stored in the database
 * ("phq9"), instrument_name the short name people know ("PHQ-9") and
 * instrument_about what it measures, in a sentence.  Out of range: "" (the
 * name: "Unknown questionnaire").  instrument_from_code returns
 * INSTRUMENT__MAX for NULL, "" or an unknown code. */
const char *instrument_code(enum instrument i);
const char *instrument_name(enum instrument i);
const char *instrument_about(enum instrument i);
enum instrument instrument_from_code(const char *code);

/* The question put before every item ("In the last two weeks, how often
 * ..."); "" for an unknown instrument. */
const char *instrument_stem(enum instrument i);

/* Number of items (0 for an unknown instrument), and the smallest and largest
 * answer to any item (0 and -1 for an unknown instrument, an empty range). */
int instrument_items(enum instrument i);
int instrument_item_min(enum instrument i);
int instrument_item_max(enum instrument i);

/* The smallest and largest possible totals (0 and -1 when unknown). */
int instrument_total_min(enum instrument i);
int instrument_total_max(enum instrument i);

/* The text of item `item`, counted from 1 as on the form, or "" when there
 * is no such item. */
const char *instrument_item_text(enum instrument i, int item);

/* The words for answer `value` ("Nearly every day"), or "" when value is out
 * of the instrument's range. */
const char *instrument_answer_label(enum instrument i, int value);

/* Band code <-> enum and label for people; "" / "Unknown band" out of range,
 * BAND__MAX for an unknown code. */
const char *instrument_band_code(enum instrument_band b);
const char *instrument_band_label(enum instrument_band b);
enum instrument_band instrument_band_from_code(const char *code);

/* The band a total of instrument i falls in, or BAND__MAX when the total is
 * outside instrument_total_min..max or i is unknown. */
enum instrument_band instrument_band_for_total(enum instrument i, int total);

/* The lowest and highest totals of band b in instrument i into *lo and *hi.
 * False (and *lo, *hi untouched) when i does not use b. */
bool instrument_band_range(enum instrument i, enum instrument_band b, int *lo, int *hi);

/* Validates one answer: CP_OK when item (from 1) exists and value is within
 * the instrument's range.  Otherwise CP_EINVAL and msg names the item and the
 * allowed range ("PHQ-9 item 3: the answer must be from 0 to 3, not 4."). */
enum cp_err instrument_check_item(enum instrument i, int item, int value, char *msg, size_t msgn);

/* Scores a completed questionnaire: answers[0..n) are the answers to items 1
 * to n.  CP_OK and *out filled when n is the instrument's number of items and
 * every answer is valid; otherwise CP_EINVAL, *out untouched, and msg says
 * what is wrong about the first bad item (an unknown instrument, a wrong
 * count, INSTRUMENT_UNANSWERED, or an answer out of range).  answers is
 * borrowed for the call. */
enum cp_err instrument_score(enum instrument i, const int *answers, size_t n,
			     struct instrument_result *out, char *msg, size_t msgn);

#endif
