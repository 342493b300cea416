/*
 * h_my.c - the "My plan" pages (h_my.h).
 *
 * One handler serves a page for the person (/my/...: their own record) and
 * for a carer (/cared-for/:id/...: the router has already checked the
 * grant).  Each page names the sharing section it shows; a reader outside
 * it gets the same 404 as for a page that does not exist, so a hidden
 * section is not hinted at.  Only the person writes: a carer's pages are
 * read only (docs/my-plan.md).
 */
#include "h_my.h"

#include <stdint.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/share.h"
#include "../util/str.h"
#include "../view/view_my.h"
#include "resp.h"

#define GRANTS_MAX 50

static const char *const NO_PAGE = "There is no page at this address.";

typedef void (*my_view_fn)(struct buf *b, const struct view_page *p, const struct v_my *d);

/* Reads the My plan of the person the request is about into *v and fills
 * d's common parts; false when the request has been answered.  need: the
 * sharing section the page shows (SHARE__MAX: the front page). */
static bool open_view(struct req *r, const char *page, enum share_section need, struct my_view *v, struct v_my *d)
{
	const struct store_user *u = &r->session->user;
	int64_t pid = r->route_id ? r->route_id : u->person_id;
	if (pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return false;
	}
	enum access_basis basis = ACCESS_NONE;
	enum cp_err err = access_to_person(req_db(r), u, r->now_ms, pid, &basis);
	if (!err && basis != ACCESS_SELF && basis != ACCESS_CARER)
		err = CP_ENOTFOUND; /* My plan is for the person and their carers only */
	struct audit_actor who = req_actor(r);
	if (!err)
		err = my_read(req_db(r), r->arena, &who, r->now_ms, u, basis, pid, page, v);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PAGE : "Your plan could not be read.");
		return false;
	}
	if (need != SHARE__MAX && !(v->mask & SHARE_BIT(need))) {
		resp_error(r, 404, NO_PAGE);
		return false;
	}
	memset(d, 0, sizeof *d);
	d->a = r->arena;
	d->v = v;
	d->csrf = r->session->csrf;
	d->now_ms = r->now_ms;
	d->can_write = basis == ACCESS_SELF;
	d->base = r->route_id ? arena_printf(r->arena, "/cared-for/%lld", (long long)pid) : "/my";
	if (!d->base) {
		resp_error(r, 500, "Your plan could not be read.");
		return false;
	}
	static const struct {
		const char *code, *text;
	} notices[] = {
		{"about", "Saved. About me has been updated."},
		{"goal", "Your goal has been added to your plan."},
		{"done", "Marked as done. Well done."},
		{"confidence", "Saved how confident you feel."},
		{"story", "Your story has been saved. Your key worker will read it before your review."},
		{"question", "Your question has been added."},
		{"removed", "Your question has been taken back."},
	};
	const char *done = req_query(r, "done");
	for (size_t i = 0; done && i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(done, notices[i].code) == 0)
			d->notice = notices[i].text;
	return true;
}

static void show(struct req *r, int status, const char *title, const struct v_my *d, my_view_fn fn)
{
	resp_html(r);
	r->status = status;
	const char *t = status >= 400 ? arena_printf(r->arena, "Error: %s", title) : title;
	struct view_page p = resp_page(r, t ? t : title, "home");
	fn(&r->body, &p, d);
}

static void page(struct req *r, const char *code, enum share_section need, const char *mine, const char *theirs,
		 my_view_fn fn)
{
	struct my_view v;
	struct v_my d;
	if (!open_view(r, code, need, &v, &d))
		return;
	show(r, 200, d.can_write ? mine : theirs, &d, fn);
}

void h_my_front(struct req *r)
{
	page(r, "my plan", SHARE__MAX, "My plan", "Their plan", v_my_front);
}

void h_my_about(struct req *r)
{
	page(r, "about me", SHARE_ABOUT, "About me", "About them", v_my_about);
}

void h_my_goals(struct req *r)
{
	page(r, "goals", SHARE_GOALS, "My goals and actions", "Goals and actions", v_my_goals);
}

void h_my_review(struct req *r)
{
	page(r, "review", SHARE_ASSESSMENT, "My story and questions for my next review",
	     "Their story and questions for the next review", v_my_review);
}

void h_my_team(struct req *r)
{
	page(r, "team", SHARE_GOALS, "My care team and contacts", "Care team and contacts", v_my_team);
}

void h_my_timetable(struct req *r)
{
	page(r, "timetable", SHARE_GOALS, "My timetable of care", "Timetable of care", v_my_timetable);
}

void h_my_worse(struct req *r)
{
	page(r, "if things get worse", SHARE_CONTINGENCY, "What to do if things get worse",
	     "What to do if things get worse", v_my_worse);
}

void h_my_acp(struct req *r)
{
	struct my_view v;
	struct v_my d;
	if (!open_view(r, "advance care plan", SHARE_ACP, &v, &d))
		return;
	/* Only where there is one: otherwise there is no such page. */
	if (!v.plan.exists || (!plan_find(&v.plan, PLS_ACP, 0) && !plan_find(&v.plan, PLS_TEP, 0))) {
		resp_error(r, 404, NO_PAGE);
		return;
	}
	show(r, 200, d.can_write ? "My advance care plan" : "Advance care plan", &d, v_my_acp);
}

void h_cared_for(struct req *r)
{
	struct store_grant *g = NULL;
	size_t n = 0;
	enum cp_err err = store_grant_list_carer(req_db(r), r->arena, r->session->user.id, GRANTS_MAX, &g, &n);
	if (err) {
		resp_error(r, resp_status_for(err), "The people you care for could not be listed.");
		return;
	}
	resp_html(r);
	struct view_page p = resp_page(r, "People you care for", "home");
	v_cared_for(&r->body, &p, g, n);
}

/* ---- writing ---------------------------------------------------------------------- */

/* The form's "version" (0 and up); false when the request has been answered. */
static bool form_version(struct req *r, int64_t *out)
{
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 0, INT64_MAX, out)) {
		resp_error(r, 400, "The form did not say which version it changes. Go back, reload the page and try "
				   "again.");
		return false;
	}
	return true;
}

/* After a save: back to the page on success, or the page again with what
 * went wrong.  form names the form errs belong to. */
static void after(struct req *r, enum cp_err err, const char *path, const char *done, const char *code,
		  enum share_section need, const char *title, my_view_fn fn, struct v_my *in,
		  const struct person_errors *errs, const struct my_result *res)
{
	if (err == CP_OK) {
		resp_redirect(r, arena_printf(r->arena, "%s?done=%s", path, done));
		return;
	}
	if (err == CP_EFORBIDDEN && !res->msg[0]) {
		resp_error(r, 403, "Only the person can change their own plan here.");
		return;
	}
	if (err != CP_EINVAL && err != CP_ECONFLICT && err != CP_EFORBIDDEN &&
	    !(err == CP_ENOTFOUND && res->msg[0])) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PAGE : "What you wrote could not be saved.");
		return;
	}
	struct my_view v;
	struct v_my d;
	if (!open_view(r, code, need, &v, &d))
		return;
	d.errs = errs;
	d.error = res->msg[0] ? res->msg : NULL;
	d.form = in->form;
	d.err_action = in->err_action;
	d.about_in = in->about_in;
	d.goal_in = in->goal_in;
	d.story_in = in->story_in;
	d.question_in = in->question_in;
	d.confidence_in = in->confidence_in;
	int status = err == CP_EINVAL ? 400 : err == CP_ECONFLICT ? 409 : err == CP_EFORBIDDEN ? 403 : 404;
	show(r, status, title, &d, fn);
}

void h_my_about_save(struct req *r)
{
	int64_t version = 0;
	if (!form_version(r, &version))
		return;
	const char **in = arena_zalloc(r->arena, ABOUT__MAX * sizeof *in);
	if (!in) {
		resp_error(r, 500, "About me could not be saved.");
		return;
	}
	for (int i = 0; i < ABOUT__MAX; i++)
		in[i] = req_field(r, about_field((enum about_item)i));
	struct person_errors errs = {0};
	struct my_result res = {0};
	struct audit_actor who = req_actor(r);
	enum cp_err err = my_about_save(req_db(r), r->arena, &who, r->now_ms, &r->session->user, version, in, &errs,
					&res);
	struct v_my keep = {.form = "about", .about_in = in};
	after(r, err, "/my/about", "about", "about me", SHARE_ABOUT, "About me", v_my_about, &keep, &errs, &res);
}

void h_my_goal_add(struct req *r)
{
	int64_t version = 0;
	if (!form_version(r, &version))
		return;
	struct my_goal_input *in = arena_zalloc(r->arena, sizeof *in);
	if (!in) {
		resp_error(r, 500, "Your goal could not be saved.");
		return;
	}
	in->goal = req_field(r, "goal");
	in->step = req_field(r, "step");
	in->step_due = req_field(r, "step_due");
	struct person_errors errs = {0};
	struct my_result res = {0};
	struct audit_actor who = req_actor(r);
	enum cp_err err = my_goal_add(req_db(r), r->arena, &who, r->now_ms, &r->session->user, version, in, &errs,
				      &res);
	struct v_my keep = {.form = "goal", .goal_in = in};
	after(r, err, "/my/goals", "goal", "goals", SHARE_GOALS, "My goals and actions", v_my_goals, &keep, &errs,
	      &res);
}

static void action_change(struct req *r, enum my_action_change what)
{
	int64_t version = 0, action = 0;
	if (!form_version(r, &version))
		return;
	const char *as = req_field(r, "action");
	if (!as || str_to_i64(as, 1, INT64_MAX, &action)) {
		resp_error(r, 404, NO_PAGE);
		return;
	}
	const char *conf = req_field(r, "confidence");
	struct person_errors errs = {0};
	struct my_result res = {0};
	struct audit_actor who = req_actor(r);
	enum cp_err err = my_action_change(req_db(r), r->arena, &who, r->now_ms, &r->session->user, action, version,
					   what, conf, &errs, &res);
	if (err == CP_ENOTFOUND) {
		/* Someone else's action, or none: the same answer either way, and
		 * a try at another person's is audited against their record. */
		int64_t owner = 0;
		if (store_person_of(req_db(r), "plan_action", action, &owner) == CP_OK &&
		    owner != r->session->user.person_id)
			(void)access_refused(req_db(r), &who, r->now_ms, owner);
		resp_error(r, 404, "That action is not in your plan.");
		return;
	}
	struct v_my keep = {.form = "confidence", .err_action = action, .confidence_in = conf};
	after(r, err, "/my/goals", what == MY_ACTION_DONE ? "done" : "confidence", "goals", SHARE_GOALS,
	      "My goals and actions", v_my_goals, &keep, &errs, &res);
}

void h_my_action_done(struct req *r)
{
	action_change(r, MY_ACTION_DONE);
}

void h_my_action_confidence(struct req *r)
{
	action_change(r, MY_ACTION_CONFIDENCE);
}

void h_my_story_save(struct req *r)
{
	int64_t version = 0;
	if (!form_version(r, &version))
		return;
	const char *story = req_field(r, "story");
	struct person_errors errs = {0};
	struct my_result res = {0};
	struct audit_actor who = req_actor(r);
	enum cp_err err = my_story_save(req_db(r), r->arena, &who, r->now_ms, &r->session->user, version, story,
					&errs, &res);
	struct v_my keep = {.form = "story", .story_in = story};
	after(r, err, "/my/review", "story", "review", SHARE_ASSESSMENT, "My story and questions for my next review",
	      v_my_review, &keep, &errs, &res);
}

void h_my_question_add(struct req *r)
{
	const char *q = req_field(r, "question");
	struct person_errors errs = {0};
	struct my_result res = {0};
	struct audit_actor who = req_actor(r);
	enum cp_err err = my_question_add(req_db(r), r->arena, &who, r->now_ms, &r->session->user, q, &errs, &res);
	struct v_my keep = {.form = "question", .question_in = q};
	after(r, err, "/my/review", "question", "review", SHARE_ASSESSMENT,
	      "My story and questions for my next review", v_my_review, &keep, &errs, &res);
}

void h_my_question_remove(struct req *r)
{
	int64_t id = 0;
	const char *qs = req_field(r, "question_id");
	if (!qs || str_to_i64(qs, 1, INT64_MAX, &id)) {
		resp_error(r, 404, "That question is not one of yours.");
		return;
	}
	struct my_result res = {0};
	struct audit_actor who = req_actor(r);
	enum cp_err err = my_question_remove(req_db(r), r->arena, &who, r->now_ms, &r->session->user, id, &res);
	if (err == CP_ENOTFOUND) {
		/* A question of someone else's: audited against their record. */
		int64_t owner = 0;
		if (store_person_of(req_db(r), "review_question", id, &owner) == CP_OK &&
		    owner != r->session->user.person_id)
			(void)access_refused(req_db(r), &who, r->now_ms, owner);
		resp_error(r, 404, res.msg[0] ? res.msg : "That question is not one of yours.");
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "Your question could not be taken back.");
		return;
	}
	resp_redirect(r, "/my/review?done=removed");
}
