/*
 * h_review.h - the handlers of implementation, reviews, worklists and exit (h_review.c); their routes are in
 * routes_review.def.
 */
#ifndef CP_H_REVIEW_H
#define CP_H_REVIEW_H

#include "req.h"

void h_activity(struct req *r);        /* GET  /episodes/:id/activity */
void h_activity_create(struct req *r); /* POST /episodes/:id/activity */
void h_action_status(struct req *r);   /* POST /plan-actions/:id/status */
void h_reviews(struct req *r);         /* GET  /episodes/:id/reviews */
void h_review_create(struct req *r);   /* POST /episodes/:id/reviews */
void h_checkin_create(struct req *r);  /* POST /episodes/:id/checkins */
void h_worklist(struct req *r);        /* GET  /worklist */
void h_worklist_team(struct req *r);   /* GET  /worklist/team */
void h_worklist_csv(struct req *r);    /* GET  /worklist.csv: every row of every section */
void h_worklist_team_csv(struct req *r); /* GET  /worklist/team.csv */

#endif
