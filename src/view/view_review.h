/*
 * view_review.h - the pages of implementation, reviews and worklists
 * (v_review.c).  Views read what handlers hand them and do no I/O.
 */
#ifndef CP_VIEW_REVIEW_H
#define CP_VIEW_REVIEW_H

#include "../domain/activity.h"
#include "../domain/review.h"
#include "../domain/worklist.h"
#include "view.h"

/* /episodes/:id/activity: the plan's actions with a status form each, the
 * activity log and its form.  At most one problem shows: on the status form
 * of action error_action (errs), or on the activity form (log_errs). */
struct v_activity {
	const char *csrf;
	const struct activity_page *page;
	const char *error;                     /* a problem not about one field (e.g. ended episode) */
	int64_t error_action;                  /* the action whose status form is wrong, 0 when none */
	const struct person_errors *status_errs;
	const struct action_status_input *status_in;
	const struct person_errors *log_errs;
	const struct activity_input *log_in;   /* as typed on the activity form */
	const char *today;                     /* YYYY-MM-DD, the activity form's default date */
};
void v_activity(struct buf *b, const struct view_page *p, const struct v_activity *d);

/* /episodes/:id/reviews: past reviews with goal progress and GAS summary,
 * the review form at stage review, maintenance check-ins. */
struct v_reviews {
	const char *csrf;
	const struct review_page *page;
	const char *error;                      /* a problem not about one field */
	const struct person_errors *errs;       /* the review form's */
	const struct review_input *in;          /* as typed */
	const struct person_errors *checkin_errs;
	const struct checkin_input *checkin_in;
	const char *today;
	const char *default_next_review;        /* today plus the plan's interval, "" when none */
	/* What the person wrote for this review (My plan), when shared with the reader. */
	const struct store_review_story *story; /* NULL when none */
	const struct store_review_question *questions;
	size_t n_questions;
};
void v_reviews(struct buf *b, const struct view_page *p, const struct v_reviews *d);

/* /worklist and /worklist/team. */
struct v_worklist {
	bool team;
	const struct worklist *w;
	enum worklist_sort sort;
	const char *team_name;                  /* team: the team's name, NULL when none */
	bool no_team;                           /* team: the user belongs to no team */
	int only;                               /* -1: every section, its first WORKLIST_SHOW rows;
						   else that section alone, every row */
};
void v_worklist(struct buf *b, const struct view_page *p, const struct v_worklist *d);

#endif
