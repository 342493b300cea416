/*
 * h_pdf.h - the plan printed as PDF (docs/person-held-plan.md): the
 * person's own copy, a carer's copy, and a professional printing either.
 * Options ?large=1 (large print) and ?plain=1 (black and white).
 */
#ifndef CP_H_PDF_H
#define CP_H_PDF_H

#include "req.h"

void h_my_plan_pdf(struct req *r);      /* GET /my/plan.pdf, /cared-for/:id/plan.pdf */
void h_episode_plan_pdf(struct req *r); /* GET /episodes/:id/plan.pdf?for=person|carer-N */

#endif
