/*
 * view_my.h - the "My plan" pages (v_my.c): the person's own view of their
 * plan, and the same pages read only for a carer.  Every page shows only
 * the sections in d->v->mask (share.h): nothing of a hidden section, not
 * its heading, rows or count.  What the person or a carer wrote is marked
 * as theirs.
 */
#ifndef CP_VIEW_MY_H
#define CP_VIEW_MY_H

#include "../domain/myplan.h"
#include "view.h"

struct v_my {
	struct arena *a;                  /* the request's, for values formatted for people */
	const struct my_view *v;
	const char *base;                 /* "/my", or "/cared-for/ID" for a carer */
	bool can_write;                   /* the person themself */
	const char *csrf;
	int64_t now_ms;
	const char *notice;               /* after a save, or NULL */
	const char *error;                /* a refusal not about one field, or NULL */
	const struct person_errors *errs; /* of the form named by form */
	const char *form;                 /* "about", "goal", "story", "question", "confidence" or NULL */
	int64_t err_action;               /* the action whose confidence form errs belong to */
	const char *const *about_in;      /* ABOUT__MAX as typed, or NULL */
	const struct my_goal_input *goal_in;
	const char *story_in, *question_in, *confidence_in;
};

void v_my_front(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_about(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_goals(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_review(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_team(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_timetable(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_worse(struct buf *b, const struct view_page *p, const struct v_my *d);
void v_my_acp(struct buf *b, const struct view_page *p, const struct v_my *d);

/* /cared-for: the people who let this carer see their plan. */
void v_cared_for(struct buf *b, const struct view_page *p, const struct store_grant *g, size_t n);

/* "Written by NAME (the person)" / "(their carer)", for any page. */
void v_written_by(struct buf *b, const char *name, const char *writer, int64_t ms);

/* The person's About me on a professional's page (a card), or nothing. */
void v_about_card(struct buf *b, const struct store_about_me *m);

/* The person's story and questions for review on the review page. */
void v_review_written(struct buf *b, const struct store_review_story *story, bool has_story,
		      const struct store_review_question *q, size_t n);

#endif
