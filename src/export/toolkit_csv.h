/*
 * toolkit_csv.h - a self-assessment, and two compared, as CSV (csv.h) for
 * spreadsheets (docs/self-assessment.md lists the columns).
 *
 * One row an item in the toolkit's order; the evidence as saved with the
 * answer: numerator, denominator, per cent, the date it was worked out for
 * and the sentence.  Actions follow the items, one row each.  Memory: text
 * in the caller's arena; the buf's sticky error says whether it fitted.
 */
#ifndef CP_TOOLKIT_CSV_H
#define CP_TOOLKIT_CSV_H

#include "../domain/toolkit.h"
#include "../util/buf.h"

void csv_self_assessment(struct buf *b, struct arena *a, const struct tk_record *rec);
/* x the earlier, y the later. */
void csv_self_assessment_compare(struct buf *b, struct arena *a, const struct tk_record *x,
				 const struct tk_record *y);

#endif
