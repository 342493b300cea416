/*
 * letter_pdf.h - the pre-review letter as PDF (docs/review-letters.md),
 * laid out with pdf.h in the look of the plan PDF (plan_pdf.h): the
 * person's name and date of birth on every page.
 *
 * In order: the date, time and place of the review; the latest results
 * (readings and questionnaire scores, each with the previous value beside
 * it, only those the letter may show: letter.h); the goals of the plan with
 * their status; and a question sheet with the questions the person has
 * already written for the review and ruled lines to write more.
 *
 * A batch puts many letters in one PDF, each starting on a new page with
 * its own running head and page numbers.
 *
 * Memory: texts in the caller's arena; PDF bytes appended to out.
 */
#ifndef CP_LETTER_PDF_H
#define CP_LETTER_PDF_H

#include <stdint.h>

#include "../domain/letter.h"
#include "pdf.h"

/* Adds letter l to d as a part of its own, as written on now_ms. */
void letter_pdf_add(struct pdf_doc *d, struct arena *a, const struct letter *l, int64_t now_ms);

/* Writes the n letters ls as one PDF into out (pages may be NULL).  As
 * pdf_render. */
enum cp_err letter_pdf_write(struct arena *a, struct letter *const *ls, size_t n, const struct pdf_options *o,
			     int64_t now_ms, struct buf *out, size_t *pages);

#endif
