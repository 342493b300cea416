/*
 * h_letter.h - the pre-review letter (docs/review-letters.md): an episode's
 * letter page with the review's time and place and the readings, the
 * letter as PDF, and the team's letters worklist that produces them all.
 */
#ifndef CP_H_LETTER_H
#define CP_H_LETTER_H

#include "req.h"

void h_review_letter(struct req *r);      /* GET /episodes/:id/review-letter */
void h_review_appt_set(struct req *r);    /* POST /episodes/:id/review-appointment */
void h_reading_add(struct req *r);        /* POST /episodes/:id/readings */
void h_review_letter_pdf(struct req *r);  /* GET /episodes/:id/review-letter.pdf */
void h_letters_worklist(struct req *r);   /* GET /worklist/letters */
void h_letters_batch(struct req *r);      /* POST /worklist/letters: every letter due as one PDF */

#endif
