/*
 * h_my.h - the "My plan" pages for the person (/my...) and the same pages
 * read only for a carer (/cared-for/:id...).  routes_my.def lists them.
 */
#ifndef CP_H_MY_H
#define CP_H_MY_H

#include "req.h"

void h_my_front(struct req *r);            /* GET /my, /cared-for/:id */
void h_my_about(struct req *r);            /* GET /my/about, /cared-for/:id/about */
void h_my_about_save(struct req *r);       /* POST /my/about */
void h_my_goals(struct req *r);            /* GET /my/goals, /cared-for/:id/goals */
void h_my_goal_add(struct req *r);         /* POST /my/goals */
void h_my_action_done(struct req *r);      /* POST /my/goals/done */
void h_my_action_confidence(struct req *r); /* POST /my/goals/confidence */
void h_my_review(struct req *r);           /* GET /my/review, /cared-for/:id/review */
void h_my_story_save(struct req *r);       /* POST /my/review/story */
void h_my_question_add(struct req *r);     /* POST /my/review/questions */
void h_my_question_remove(struct req *r);  /* POST /my/review/questions/remove */
void h_my_team(struct req *r);             /* GET /my/team, /cared-for/:id/team */
void h_my_timetable(struct req *r);        /* GET /my/timetable, /cared-for/:id/timetable */
void h_my_worse(struct req *r);            /* GET /my/if-things-get-worse, /cared-for/:id/if-things-get-worse */
void h_my_acp(struct req *r);              /* GET /my/advance-care-plan, /cared-for/:id/advance-care-plan */
void h_cared_for(struct req *r);           /* GET /cared-for */

#endif
