/*
 * view_letter.h - the pre-review letter pages (v_letter.c): an episode's
 * letter page (/episodes/:id/review-letter: the time and place of the next
 * review, the readings with a form to add one, the letter to print) and the
 * team's letters worklist (/worklist/letters).
 */
#ifndef CP_VIEW_LETTER_H
#define CP_VIEW_LETTER_H

#include <stdbool.h>
#include <stdint.h>

#include "../domain/letter.h"
#include "../util/buf.h"
#include "view.h"

struct v_letter_page {
	struct arena *arena;                /* for the readings' texts */
	const char *csrf;
	int64_t episode_id;
	const char *person_name;
	const char *review_date;            /* YYYY-MM-DD, NULL when none */
	bool has_appt;
	const char *review_time, *place;    /* the appointment, or what was typed */
	int64_t sent_ms;                    /* letter for review_date last produced; 0 never */
	bool show_readings;                 /* SHARE_ASSESSMENT */
	const struct store_reading *readings;
	size_t n_readings;
	const struct reading_input *reading_in; /* what was typed, on a refusal */
	const struct person_errors *appt_errs, *reading_errs;
	const char *appt_msg;               /* refused, not about one field */
	const char *notice;
};
void v_letter_page(struct buf *b, const struct view_page *p, const struct v_letter_page *d);

struct v_letter_list {
	const char *csrf;
	const struct letter_due *due;
	size_t n;
	const char *notice;
};
void v_letter_list(struct buf *b, const struct view_page *p, const struct v_letter_list *d);

#endif
