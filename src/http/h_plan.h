/*
 * h_plan.h - the handlers of the care and support plan (h_plan.c); their routes are in
 * routes_plan.def.
 */
#ifndef CP_H_PLAN_H
#define CP_H_PLAN_H

#include "req.h"

void h_plan(struct req *r);           /* GET  /episodes/:id/plan */
void h_plan_form(struct req *r);      /* GET  /episodes/:id/plan/edit?section=&item= */
void h_plan_save(struct req *r);      /* POST /episodes/:id/plan/edit */
void h_plan_remove(struct req *r);    /* POST /episodes/:id/plan/remove */
void h_plan_compare(struct req *r);   /* GET  /episodes/:id/plan/compare?from=&to= */

#endif
