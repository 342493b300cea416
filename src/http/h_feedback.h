/* h_feedback.h - feedback handlers (h_feedback.c). */
#ifndef CP_H_FEEDBACK_H
#define CP_H_FEEDBACK_H

#include "req.h"

void h_feedback_form(struct req *r);    /* GET /feedback */
void h_feedback_give(struct req *r);    /* POST /feedback */
void h_team_feedback(struct req *r);    /* GET /team/feedback */
void h_service_feedback(struct req *r); /* GET /service/feedback */

#endif
