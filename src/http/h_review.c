/*
 * h_review.c - implementation (action status, the activity log), reviews,
 * maintenance check-ins and the worklists.  Every route needs CAP_PEOPLE
 * (routes_review.def).
 *
 * As h_episodes.c: handlers read forms into the domain's inputs, the domain
 * validates and does the audited work; a form with problems is shown again
 * with what was typed and status 400, a change the episode's state refuses
 * (ended, not at review) with 409 and its message; nothing is written then.
 * A change answers 303 back to its page.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/activity.h"
#include "../domain/review.h"
#include "../domain/worklist.h"
#include "../export/lists_csv.h"
#include "../util/str.h"
#include "../view/view_review.h"
#include "h_review.h"
#include "../domain/myplan.h"
#include "../domain/share.h"
#include "resp.h"
#include "router.h"

static const char *const NO_EPISODE = "There is no episode recorded at this address.";

static const char *today_text(struct req *r)
{
	char *t = arena_alloc(r->arena, CALDATE_STR);
	if (t)
		caldate_format(review_today(r->now_ms), t, CALDATE_STR);
	return t ? t : "";
}

static char *msg_buf(struct req *r)
{
	char *m = arena_alloc(r->arena, REVIEW_MSG);
	if (m)
		m[0] = '\0';
	return m;
}

/* ---- implementation ---------------------------------------------------------------- */

/* Reads the activity page of episode_id; answers the request itself on failure. */
static bool activity_read(struct req *r, int64_t episode_id, struct activity_page *pg)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = activity_page_read(req_db(r), r->arena, &who, r->now_ms, episode_id, pg);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The episode's actions could not be read.");
		return false;
	}
	return true;
}

static void activity_show(struct req *r, int status, struct v_activity *d)
{
	resp_html(r);
	r->status = status;
	d->csrf = r->session->csrf;
	d->today = today_text(r);
	const char *title = status == 200 ? "Implementation: actions and activity"
					  : "Error: Implementation: actions and activity";
	struct view_page p = resp_page(r, title, "people");
	v_activity(&r->body, &p, d);
}

void h_activity(struct req *r)
{
	struct activity_page pg;
	if (!activity_read(r, r->route_id, &pg))
		return;
	struct v_activity d = {.page = &pg};
	activity_show(r, 200, &d);
}

void h_activity_create(struct req *r)
{
	struct activity_input in = {
		.date = req_field(r, "activity_date"),
		.kind = req_field(r, "activity_kind"),
		.who = req_field(r, "activity_who"),
		.minutes = req_field(r, "activity_minutes"),
		.note = req_field(r, "activity_note"),
		.action = req_field(r, "activity_action"),
	};
	struct activity_page pg;
	if (!activity_read(r, r->route_id, &pg))
		return;
	struct person_errors errs = {0};
	struct store_activity v;
	struct v_activity d = {.page = &pg, .log_in = &in, .log_errs = &errs};
	enum cp_err err = activity_validate(r->arena, &in, r->now_ms, pg.actions, pg.n_actions, &v, &errs);
	if (err == CP_EINVAL) {
		activity_show(r, 400, &d);
		return;
	}
	char *msg = msg_buf(r);
	if (!err && !msg)
		err = CP_ENOMEM;
	int64_t id = 0;
	if (!err) {
		v.episode_id = r->route_id;
		struct audit_actor who = req_actor(r);
		err = activity_add(req_db(r), r->arena, &who, r->now_ms, &v, &id, msg, REVIEW_MSG);
	}
	if (err == CP_OK) {
		resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/activity#log", (long long)r->route_id));
	} else if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
	} else if (err == CP_EINVAL) {
		d.error = msg;
		activity_show(r, 409, &d);
	} else {
		resp_error(r, resp_status_for(err), "The activity could not be recorded.");
	}
}

void h_action_status(struct req *r)
{
	struct action_status_input in = {.status = req_field(r, "action_status"),
					 .confidence = req_field(r, "confidence")};
	struct store_rv_action x;
	enum cp_err err = store_rv_action_get(req_db(r), r->arena, r->route_id, &x);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? "There is no action of a plan at this address."
					       : "The action could not be read.");
		return;
	}
	struct person_errors errs = {0};
	enum episode_action_status status;
	int confidence;
	err = action_status_validate(&in, &status, &confidence, &errs);
	char *msg = msg_buf(r);
	if (!msg) {
		resp_error(r, 500, "The action could not be changed.");
		return;
	}
	int64_t episode_id = x.episode_id;
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = action_status_set(req_db(r), r->arena, &who, r->now_ms, r->route_id, status, confidence,
					&episode_id, msg, REVIEW_MSG);
	}
	if (err == CP_OK) {
		resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/activity#action-%lld", (long long)episode_id,
					      (long long)r->route_id));
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no action of a plan at this address.");
		return;
	}
	if (err != CP_EINVAL) {
		resp_error(r, resp_status_for(err), "The action could not be changed.");
		return;
	}
	struct activity_page pg;
	if (!activity_read(r, episode_id, &pg))
		return;
	struct v_activity d = {.page = &pg, .error_action = r->route_id, .status_errs = &errs, .status_in = &in};
	if (errs.n) {
		activity_show(r, 400, &d);
		return;
	}
	d.error = msg;
	d.error_action = 0;
	activity_show(r, 409, &d);
}

/* ---- reviews ----------------------------------------------------------------------- */

static bool reviews_read(struct req *r, struct review_page *pg)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = review_page_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, pg);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The episode's reviews could not be read.");
		return false;
	}
	return true;
}

static void reviews_show(struct req *r, int status, struct v_reviews *d)
{
	resp_html(r);
	r->status = status;
	d->csrf = r->session->csrf;
	d->today = today_text(r);
	char *next = arena_alloc(r->arena, CALDATE_STR);
	if (next) {
		next[0] = '\0';
		if (d->page->has_plan && d->page->plan.review_interval_days > 0)
			review_next_date(d->in && d->in->held_date ? d->in->held_date : d->today,
					 d->page->plan.review_interval_days, next);
	}
	d->default_next_review = next;
	/* The person's story and questions for this review, when they share them. */
	bool shared = false, has = false;
	struct store_review_story *story = arena_zalloc(r->arena, sizeof *story);
	struct store_review_question *qs = NULL;
	size_t nq = 0;
	if (story &&
	    my_shows(req_db(r), &r->session->user, r->now_ms, d->page->person.id, SHARE_BIT(SHARE_ASSESSMENT),
		     &shared) == CP_OK &&
	    shared && my_review_written(req_db(r), r->arena, d->page->ep.id, story, &has, &qs, &nq) == CP_OK) {
		d->story = has ? story : NULL;
		d->questions = qs;
		d->n_questions = nq;
	}
	struct view_page p = resp_page(r, status == 200 ? "Reviews" : "Error: Reviews", "people");
	v_reviews(&r->body, &p, d);
}

void h_reviews(struct req *r)
{
	struct review_page pg;
	if (!reviews_read(r, &pg))
		return;
	struct v_reviews d = {.page = &pg};
	reviews_show(r, 200, &d);
}

void h_review_create(struct req *r)
{
	int64_t version = 0;
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 1, INT64_MAX, &version)) {
		resp_error(r, 400, "The form did not say which version of the episode it changes. Go back, reload the "
				   "page and try again.");
		return;
	}
	struct review_page pg;
	if (!reviews_read(r, &pg))
		return;
	struct review_input *in = arena_zalloc(r->arena, sizeof *in);
	struct review_valid *v = arena_zalloc(r->arena, sizeof *v);
	char *msg = msg_buf(r);
	if (!in || !v || !msg) {
		resp_error(r, 500, "The review could not be recorded.");
		return;
	}
	in->held_date = req_field(r, "held_date");
	in->person_attended = req_field(r, "person_attended");
	in->carer_attended = req_field(r, "carer_attended");
	in->others = req_field(r, "others");
	in->person_view = req_field(r, "person_view");
	in->what_changed = req_field(r, "what_changed");
	in->decision = req_field(r, "decision");
	in->level = req_field(r, "level");
	in->closure = req_field(r, "closure");
	in->reason = req_field(r, "reason");
	in->next_review = req_field(r, "next_review");
	in->exit = (struct exit_input){.sos_who = req_field(r, "sos_who"), .sos_phone = req_field(r, "sos_phone"),
				       .sos_how = req_field(r, "sos_how"),
				       .checkin_days = req_field(r, "checkin_days"),
				       .next_checkin = req_field(r, "next_checkin")};
	for (size_t i = 0; i < pg.n_goals && i < REVIEW_GOALS_MAX; i++) {
		const char *nf = arena_printf(r->arena, "goal_note_%lld", (long long)pg.goals[i].id);
		const char *gf = arena_printf(r->arena, "goal_gas_%lld", (long long)pg.goals[i].id);
		in->goal_note[i] = nf ? req_field(r, nf) : NULL;
		in->goal_gas[i] = gf ? req_field(r, gf) : NULL;
	}
	for (size_t i = 0; i < r->n_form && in->n_members < REVIEW_MEMBERS_MAX; i++)
		if (strcmp(r->form[i].name, "members") == 0)
			in->members[in->n_members++] = r->form[i].value;
	struct person_errors errs = {0};
	struct review_context ctx = {.ep = &pg.ep, .plan = pg.has_plan ? &pg.plan : NULL, .goals = pg.goals,
				     .n_goals = pg.n_goals, .team = pg.team, .n_team = pg.n_team};
	struct v_reviews d = {.page = &pg, .in = in, .errs = &errs};
	if (review_refused_at(episode_stage_from_code(pg.ep.stage), msg, REVIEW_MSG)) {
		d.error = msg;
		reviews_show(r, 409, &d);
		return;
	}
	enum cp_err err = review_validate(r->arena, in, &ctx, r->now_ms, v, &errs);
	if (err == CP_EINVAL) {
		reviews_show(r, 400, &d);
		return;
	}
	int64_t id = 0;
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = review_hold(req_db(r), r->arena, &who, r->now_ms, r->route_id, version, v, &id, msg, REVIEW_MSG);
	}
	if (err == CP_OK) {
		resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/reviews#past", (long long)r->route_id));
	} else if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
	} else if (err == CP_EINVAL || err == CP_ECONFLICT) {
		errs.n = 0;
		d.error = msg;
		reviews_show(r, 409, &d);
	} else {
		resp_error(r, resp_status_for(err), "The review could not be recorded.");
	}
}

void h_checkin_create(struct req *r)
{
	struct checkin_input in = {.date = req_field(r, "checkin_date"), .note = req_field(r, "checkin_note"),
				   .next = req_field(r, "checkin_next")};
	struct review_page pg;
	if (!reviews_read(r, &pg))
		return;
	struct person_errors errs = {0};
	struct store_checkin k;
	struct v_reviews d = {.page = &pg, .checkin_in = &in, .checkin_errs = &errs};
	char *msg = msg_buf(r);
	if (!msg) {
		resp_error(r, 500, "The check-in could not be recorded.");
		return;
	}
	if (checkin_refused_at(episode_stage_from_code(pg.ep.stage), msg, REVIEW_MSG)) {
		d.error = msg;
		d.checkin_errs = NULL;
		reviews_show(r, 409, &d);
		return;
	}
	enum cp_err err = checkin_validate(r->arena, &in, pg.has_maintenance ? pg.maintenance.interval_days : 0,
					   r->now_ms, &k, &errs);
	if (err == CP_EINVAL) {
		reviews_show(r, 400, &d);
		return;
	}
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = checkin_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &k, msg, REVIEW_MSG);
	}
	if (err == CP_OK) {
		resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/reviews#checkins", (long long)r->route_id));
	} else if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
	} else if (err == CP_EINVAL) {
		errs.n = 0;
		d.error = msg;
		reviews_show(r, 409, &d);
	} else {
		resp_error(r, resp_status_for(err), "The check-in could not be recorded.");
	}
}

/* ---- worklists ------------------------------------------------------------------------ */

static void worklist(struct req *r, bool team)
{
	enum worklist_sort sort = worklist_sort_from_code(req_query(r, "sort"));
	if (sort == WL_SORT__MAX) {
		resp_error(r, 400, "A worklist can be sorted by date or by name only.");
		return;
	}
	const char *sec = req_query(r, "section");
	enum worklist_section only = sec && *sec ? worklist_section_from_code(sec) : WL__MAX;
	if (sec && *sec && only == WL__MAX) {
		resp_error(r, 400, "There is no worklist section of that name: choose one from the worklist.");
		return;
	}
	struct worklist w;
	struct audit_actor who = req_actor(r);
	const struct store_user *u = &r->session->user;
	enum cp_err err = worklist_read(req_db(r), r->arena, &who, r->now_ms, u, team, sort, &w);
	if (err) {
		resp_error(r, resp_status_for(err), "The worklist could not be read.");
		return;
	}
	struct v_worklist d = {.team = team, .w = &w, .sort = sort, .no_team = team && !u->team_id,
			       .only = only == WL__MAX ? -1 : (int)only};
	struct store_team t;
	if (team && u->team_id && store_team_get(req_db(r), r->arena, u->team_id, &t) == CP_OK)
		d.team_name = t.name;
	resp_html(r);
	struct view_page p = resp_page(r, team ? "Team worklist" : "My worklist", "home");
	v_worklist(&r->body, &p, &d);
}

/* The worklist as a CSV file: the same sections and rows as the page,
 * every row of each, read and audited as the page is. */
static void worklist_csv(struct req *r, bool team)
{
	enum worklist_sort sort = worklist_sort_from_code(req_query(r, "sort"));
	const char *sec = req_query(r, "section");
	enum worklist_section only = sec && *sec ? worklist_section_from_code(sec) : WL__MAX;
	if (sort == WL_SORT__MAX || (sec && *sec && only == WL__MAX)) {
		resp_error(r, 400, sort == WL_SORT__MAX ? "A worklist can be sorted by date or by name only."
							: "There is no worklist section of that name: choose one "
							  "from the worklist.");
		return;
	}
	struct worklist w;
	struct audit_actor who = req_actor(r);
	enum cp_err err = worklist_read(req_db(r), r->arena, &who, r->now_ms, &r->session->user, team, sort, &w);
	if (err) {
		resp_error(r, resp_status_for(err), "The worklist could not be read.");
		return;
	}
	resp_attachment(r, "text/csv; charset=utf-8", team ? "team-worklist.csv" : "my-worklist.csv");
	csv_worklist(&r->body, r->arena, &w, only);
}

void h_worklist_csv(struct req *r)
{
	worklist_csv(r, false);
}

void h_worklist_team_csv(struct req *r)
{
	worklist_csv(r, true);
}

void h_worklist(struct req *r)
{
	worklist(r, false);
}

void h_worklist_team(struct req *r)
{
	worklist(r, true);
}
