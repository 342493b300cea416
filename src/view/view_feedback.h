/*
 * view_feedback.h - feedback pages (v_feedback.c): the form for a person or
 * carer, the team manager's page, and the commissioner's totals.
 */
#ifndef CP_VIEW_FEEDBACK_H
#define CP_VIEW_FEEDBACK_H

#include "../domain/feedback.h"
#include "view.h"

struct v_feedback_form {
	const char *csrf;
	const struct feedback_input *in;  /* kept on error */
	const struct person_errors *errs;
	const struct store_grant *about;  /* a carer's people (more than one: a choice), else NULL */
	size_t n_about;
	bool thanks;                      /* just given */
};
void v_feedback_form(struct buf *b, const struct view_page *p, const struct v_feedback_form *d);

struct v_team_feedback {
	const char *team_name;
	struct store_feedback_totals totals;
	const struct store_feedback *items; /* newest first */
	size_t n;
};
void v_team_feedback(struct buf *b, const struct view_page *p, const struct v_team_feedback *d);

struct v_service_feedback {
	struct store_feedback_totals all;
	const struct store_feedback_totals *teams;
	size_t n_teams;
};
void v_service_feedback(struct buf *b, const struct view_page *p, const struct v_service_feedback *d);

#endif
