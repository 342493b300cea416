/*
 * plan_pdf.h - the person-held plan as PDF: what My plan shows of a person
 * to one reader (struct my_view, myplan.h), laid out for paper with pdf.h.
 *
 * Page 1 holds what is needed in a hurry: the key actions for this year,
 * who to contact and how (key worker, the SOS route, out-of-hours contacts,
 * 999 and 111) and the next review.  The rest follows in the order of
 * docs/person-held-plan.md: about me, what matters to me, goals and their
 * steps, who does what and when, the care team, the timetable of care, what
 * to do if things get worse, and the advance care plan when there is one.
 *
 * Sharing: a section is printed only when it is in v->mask, and the plan's
 * sections outside it have been taken out of v->plan (plan_restrict), so a
 * carer's copy holds nothing the carer may not see; the person's copy
 * leaves out only what is for the team alone (their notes, which My plan
 * never reads).  The wording follows v->basis: "My ..." for the person's
 * own copy, "Their ..." and the person's name for a carer's.
 *
 * Memory: texts in the caller's arena; PDF bytes appended to out.
 */
#ifndef CP_PLAN_PDF_H
#define CP_PLAN_PDF_H

#include <stdint.h>

#include "../domain/myplan.h"
#include "pdf.h"

/* The running head of every page: "Margaret Hughes, born 3 March 1941"
 * (arena; NULL when out of memory). */
const char *plan_pdf_head(struct arena *a, const struct my_view *v);
/* The footer: "Plan version 4, agreed on 12 May 2026" or "Plan version 4,
 * not yet agreed" (arena; NULL when out of memory). */
const char *plan_pdf_foot(struct arena *a, const struct my_view *v);
/* The file name offered for saving: "plan-hughes-v4.pdf" (ASCII letters,
 * digits and hyphens only, so it is safe in a header; arena). */
const char *plan_pdf_filename(struct arena *a, const struct my_view *v);

/* Writes v's plan as PDF into out (pages: how many, may be NULL), as on
 * today's date now_ms (for "this year" and the next visits).  CP_ENOTFOUND
 * when v has no plan; otherwise as pdf_render. */
enum cp_err plan_pdf_write(struct arena *a, const struct my_view *v, const struct pdf_options *o, int64_t now_ms,
			   struct buf *out, size_t *pages);

#endif
