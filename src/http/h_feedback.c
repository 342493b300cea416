/* h_feedback.c - feedback from people and carers (h_feedback.h). */
#include "h_feedback.h"

#include <string.h>

#include "../domain/feedback.h"
#include "../view/view_feedback.h"
#include "resp.h"

#define TEAM_FEEDBACK_MAX 100
#define TEAMS_MAX 200

static void form_page(struct req *r, int status, struct v_feedback_form *d)
{
	/* A carer with several people chooses whose care planning it is about. */
	struct store_grant *g = NULL;
	if (strcmp(r->session->user.role, "carer") == 0 &&
	    store_grant_list_carer(req_db(r), r->arena, r->session->user.id, 50, &g, &d->n_about) == CP_OK)
		d->about = g;
	resp_html(r);
	r->status = status;
	bool err = d->errs && d->errs->n;
	struct view_page p = resp_page(r, err ? "Error: Tell us how care planning is going"
					      : "Tell us how care planning is going",
				       "home");
	v_feedback_form(&r->body, &p, d);
}

void h_feedback_form(struct req *r)
{
	const char *done = req_query(r, "done");
	struct v_feedback_form d = {.csrf = r->session->csrf, .thanks = done && strcmp(done, "1") == 0};
	form_page(r, 200, &d);
}

void h_feedback_give(struct req *r)
{
	struct feedback_input in = {.comment = req_field(r, "comment"), .about = req_field(r, "about")};
	for (int q = 0; q < FQ__MAX; q++)
		in.rating[q] = req_field(r, feedback_field((enum feedback_q)q));
	struct person_errors errs = {0};
	struct audit_actor who = req_actor(r);
	int64_t id = 0;
	enum cp_err err = feedback_give(req_db(r), r->arena, &who, r->now_ms, &r->session->user, &in, &errs, &id);
	if (err == CP_EINVAL) {
		struct v_feedback_form d = {.csrf = r->session->csrf, .in = &in, .errs = &errs};
		form_page(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "Your feedback could not be saved.");
		return;
	}
	resp_redirect(r, "/feedback?done=1");
}

void h_team_feedback(struct req *r)
{
	int64_t team = r->session->user.team_id;
	struct store_team t;
	struct v_team_feedback d = {0};
	struct store_feedback *items = NULL;
	enum cp_err err = team ? store_team_get(req_db(r), r->arena, team, &t) : CP_ENOTFOUND;
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "You are not a member of a team, so there is no team feedback to show.");
		return;
	}
	if (!err)
		err = store_feedback_totals(req_db(r), team, 0, &d.totals);
	if (!err)
		err = store_feedback_list(req_db(r), r->arena, team, TEAM_FEEDBACK_MAX, &items, &d.n);
	if (err) {
		resp_error(r, resp_status_for(err), "The team's feedback could not be read.");
		return;
	}
	d.team_name = t.name;
	d.items = items;
	resp_html(r);
	struct view_page p = resp_page(r, "Feedback from people and carers", "team");
	v_team_feedback(&r->body, &p, &d);
}

void h_service_feedback(struct req *r)
{
	struct v_service_feedback d = {0};
	struct store_feedback_totals *teams = NULL;
	enum cp_err err = store_feedback_totals(req_db(r), 0, 0, &d.all);
	if (!err)
		err = store_feedback_by_team(req_db(r), r->arena, 0, TEAMS_MAX, &teams, &d.n_teams);
	if (err) {
		resp_error(r, resp_status_for(err), "The feedback figures could not be worked out.");
		return;
	}
	d.teams = teams;
	resp_html(r);
	struct view_page p = resp_page(r, "Feedback from people and carers", "service");
	v_service_feedback(&r->body, &p, &d);
}
