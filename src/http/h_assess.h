/*
 * h_assess.h - the handlers of the holistic assessment (h_assess.c); their routes are in
 * routes_assess.def.
 */
#ifndef CP_H_ASSESS_H
#define CP_H_ASSESS_H

#include "req.h"

/* GET /episodes/:id/assessment: the assessment with its summary. */
void h_assessment(struct req *r);
/* GET /episodes/:id/assessment/questionnaires: every result over time. */
void h_assess_results(struct req *r);
/* GET and POST of each form under /episodes/:id/assessment/. */
void h_assess_story_form(struct req *r);
void h_assess_story_save(struct req *r);
void h_assess_pro_form(struct req *r);
void h_assess_pro_add(struct req *r);
void h_assess_outcome_form(struct req *r);
void h_assess_outcome_add(struct req *r);
void h_assess_entry_form(struct req *r);
void h_assess_entry_add(struct req *r);
void h_assess_carer_form(struct req *r);
void h_assess_carer_add(struct req *r);
void h_assess_instrument_form(struct req *r);
void h_assess_instrument_add(struct req *r);
void h_assess_medicine_form(struct req *r);
void h_assess_medicine_add(struct req *r);
/* /assessment-medicines/:id/edit (GET, POST) and /stop (POST): :id is the medicine's. */
void h_assess_medicine_edit_form(struct req *r);
void h_assess_medicine_edit(struct req *r);
void h_assess_medicine_stop(struct req *r);

#endif
