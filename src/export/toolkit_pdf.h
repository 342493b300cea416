/*
 * toolkit_pdf.h - a self-assessment, and two compared, as PDF through
 * pdf.h (the layout of plan_pdf.h and letter_pdf.h): the team and date on
 * every page; each stage a section; per item the statement, the answer,
 * the comment, the evidence as saved with the answer and the actions
 * agreed.
 *
 * Memory: texts in the caller's arena; PDF bytes appended to out.
 */
#ifndef CP_TOOLKIT_PDF_H
#define CP_TOOLKIT_PDF_H

#include "../domain/toolkit.h"
#include "pdf.h"

/* One self-assessment; now_ms for the footer.  As pdf_render. */
enum cp_err toolkit_pdf_write(struct arena *a, const struct tk_record *rec, int64_t now_ms, struct buf *out,
			      size_t *pages);
/* x the earlier, y the later.  As pdf_render. */
enum cp_err toolkit_pdf_compare(struct arena *a, const struct tk_record *x, const struct tk_record *y,
				int64_t now_ms, struct buf *out, size_t *pages);

#endif
