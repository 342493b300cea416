/* h_sat.h - the self-assessment handlers (h_sat.c; docs/self-assessment.md). */
#ifndef CP_H_SAT_H
#define CP_H_SAT_H

#include "req.h"

void h_sat_list(struct req *r);        /* GET /self-assessments */
void h_sat_start(struct req *r);       /* POST /self-assessments */
void h_sat_compare(struct req *r);     /* GET /self-assessments/compare?a=&b= */
void h_sat_compare_csv(struct req *r); /* GET /self-assessments/compare.csv?a=&b= */
void h_sat_compare_pdf(struct req *r); /* GET /self-assessments/compare.pdf?a=&b= */
void h_sat_view(struct req *r);        /* GET /self-assessments/:id */
void h_sat_form(struct req *r);        /* GET /self-assessments/:id/answers */
void h_sat_answers(struct req *r);     /* POST /self-assessments/:id/answers */
void h_sat_action_add(struct req *r);  /* POST /self-assessments/:id/actions */
void h_sat_action_done(struct req *r); /* POST /self-assessments/:id/actions/done */
void h_sat_pdf(struct req *r);         /* GET /self-assessments/:id/self-assessment.pdf */
void h_sat_csv(struct req *r);         /* GET /self-assessments/:id/self-assessment.csv */

#endif
