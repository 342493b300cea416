/*
 * view_sat.h - the self-assessment pages (v_sat.c): the team's list with
 * the form to start one, the answers form with the live evidence beside
 * each item, one self-assessment read back, and two side by side.
 */
#ifndef CP_VIEW_SAT_H
#define CP_VIEW_SAT_H

#include "../domain/toolkit.h"
#include "view.h"

struct v_sat_list {
	const char *csrf;
	const char *team_name;
	const struct store_sat *items; /* newest date first */
	size_t n;
	const struct tk_start_input *in;  /* the start form as typed (on error) */
	const struct person_errors *errs; /* NULL or empty when none */
	const char *today;                /* YYYY-MM-DD, the start form's default date */
};
void v_sat_list(struct buf *b, const struct view_page *p, const struct v_sat_list *d);

struct v_sat_form {
	struct arena *arena;
	const char *csrf;
	const struct tk_record *rec;
	const struct tk_figure *live;          /* TK_ITEM__MAX figures worked out now */
	const struct tk_stage_input *in;       /* a stage's answers as typed (on error) */
	const struct person_errors *errs;      /* the stage form's problems */
	const struct tk_action_input *action_in;
	const struct person_errors *action_errs;
	const struct store_user *members;      /* who may own an action */
	size_t n_members;
	const char *notice;
};
void v_sat_form(struct buf *b, const struct view_page *p, const struct v_sat_form *d);

struct v_sat_view {
	struct arena *arena;
	const char *csrf;
	const struct tk_record *rec;
	const char *notice;
	const char *error; /* a refused action change */
};
void v_sat_view(struct buf *b, const struct view_page *p, const struct v_sat_view *d);

struct v_sat_compare {
	struct arena *arena;
	const struct store_sat *list; /* the team's, to choose from */
	size_t n;
	const char *a, *b;            /* as asked (query), kept in the choosers */
	const char *error;            /* what is wrong with the choice, NULL when fine */
	const struct tk_record *before, *after; /* both set when there is a comparison */
};
void v_sat_compare(struct buf *b, const struct view_page *p, const struct v_sat_compare *d);

#endif
