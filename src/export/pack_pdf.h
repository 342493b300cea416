/*
 * pack_pdf.h - the activities pack as PDF (docs/referrals.md): a printed
 * list of local services chosen for a person, in plain words, laid out
 * with pdf.h.  The person's name and the date are at the top and on every
 * page; then, for each service, its name as a heading, what it is, who
 * runs it, where, when, what it costs, who it is for, how to get a place
 * and how to get in touch.  A part the directory does not hold is left
 * out rather than shown empty, except where and when, which say to ask.
 *
 * Memory: texts in the caller's arena; PDF bytes appended to out.
 */
#ifndef CP_PACK_PDF_H
#define CP_PACK_PDF_H

#include "../domain/referral.h"
#include "pdf.h"

/* Adds pack p to d, its title first. */
void pack_pdf_add(struct pdf_doc *d, const struct pack *p);

/* Writes pack p as one PDF into out (pages may be NULL).  As pdf_render. */
enum cp_err pack_pdf_write(struct arena *a, const struct pack *p, const struct pdf_options *o, struct buf *out,
			   size_t *pages);

#endif
