/*
 * view_dashboard.h - the team manager's dashboard (/dashboard) and the
 * commissioner's view of the same figures (/service), and the events import
 * page (/events/import).  docs/outcomes.md defines the figures; their CSV
 * is export/outcomes_csv.h.
 */
#ifndef CP_VIEW_DASHBOARD_H
#define CP_VIEW_DASHBOARD_H

#include "../domain/events.h"
#include "../domain/outcomes.h"
#include "view.h"

struct v_dashboard {
	const struct outcomes *o;           /* NULL when the filter was refused */
	const struct outcomes_hidden *hide; /* NULL: exact counts (the team's own dashboard) */
	const char *action;                 /* "/dashboard" or "/service" */
	const char *team_name;              /* the team shown; NULL for every team */
	const struct store_team *teams;     /* the team filter's choices (service only), else NULL */
	size_t n_teams;
	struct outcomes_filter filter;      /* as asked, for the form */
	const char *error;                  /* a refused filter's message (names the field) */
	const char *error_field;            /* "level", "months" or "team" */
	const struct store_stats *stats;    /* service only: people by condition */
};
void v_dashboard(struct buf *b, const struct view_page *p, const struct v_dashboard *d);

struct v_events_refusal {
	long line;
	const char *reason;
};
struct v_events_import {
	const char *csrf;
	const char *text;                 /* what was pasted, kept on error */
	const char *error;                /* NULL or the message for the field */
	const struct events_report *rep;  /* NULL before an import */
	const struct v_events_refusal *refused; /* the first of them */
	size_t n_refused;
};
void v_events_import(struct buf *b, const struct view_page *p, const struct v_events_import *d);

#endif
