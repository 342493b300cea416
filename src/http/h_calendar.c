/*
 * h_calendar.c - calendar feeds and CSV downloads (h_calendar.h).
 *
 * The pages that manage a feed name no other record than the reader's own
 * (or, for a carer, one the router has already checked): the owner of
 * every feed made here is the signed-in user.
 */
#include "h_calendar.h"

#include <string.h>

#include "../domain/access.h"
#include "../domain/calfeed.h"
#include "../domain/myplan.h"
#include "../domain/plan_service.h"
#include "../domain/role.h"
#include "../domain/share.h"
#include "../domain/worklist.h"
#include "../export/ical_feed.h"
#include "../export/lists_csv.h"
#include "../view/view_calendar.h"
#include "h_share.h"
#include "resp.h"
#include "server.h"

static const char *const NO_PAGE = "There is no page at this address.";

/* The address of a feed, from the configured public address, else the
 * listening one (as invitation letters do). */
static const char *feed_url(struct req *r, const char *token)
{
	const struct server_config *cfg = r->app->cfg;
	if (cfg->public_url && *cfg->public_url) {
		size_t n = strlen(cfg->public_url);
		bool slash = cfg->public_url[n - 1] == '/';
		return arena_printf(r->arena, "%s%scalendar/%s.ics", cfg->public_url, slash ? "" : "/", token);
	}
	const char *host = cfg->listen_host;
	bool v6 = strchr(host, ':') != NULL;
	return arena_printf(r->arena, "%s://%s%s%s:%u/calendar/%s.ics", r->app->tls ? "https" : "http",
			    v6 ? "[" : "", host, v6 ? "]" : "", (unsigned)cfg->port, token);
}

/* ---- the feed ------------------------------------------------------------------------- */

/* 404, audited as calendar.refused against f's owner. */
static void refuse_feed(struct req *r, const struct audit_actor *who, const struct store_calfeed *f,
			const char *reason)
{
	if (calfeed_audit(req_db(r), who, r->now_ms, f, false, reason))
		resp_error(r, 500, "The calendar could not be read.");
	else
		resp_error(r, 404, NO_PAGE);
}

void h_calendar_feed(struct req *r)
{
	static const char prefix[] = "/calendar/", suffix[] = ".ics";
	const char *p = r->path + sizeof prefix - 1;
	size_t n = strlen(p);
	char token[CALFEED_TOKEN_TEXT];
	if (strncmp(r->path, prefix, sizeof prefix - 1) != 0 || n != CALFEED_TOKEN_CHARS + sizeof suffix - 1 ||
	    strcmp(p + CALFEED_TOKEN_CHARS, suffix) != 0) {
		resp_error(r, 404, NO_PAGE);
		return;
	}
	memcpy(token, p, CALFEED_TOKEN_CHARS);
	token[CALFEED_TOKEN_CHARS] = '\0';
	struct store_calfeed f;
	enum cp_err err = calfeed_find(req_db(r), r->arena, token, &f);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PAGE : "The calendar could not be read.");
		return;
	}
	struct store_user owner;
	err = store_user_by_id(req_db(r), r->arena, f.owner_user_id, &owner);
	if (err) {
		resp_error(r, resp_status_for(err), "The calendar could not be read.");
		return;
	}
	/* No session: the feed's owner is who reads. */
	struct audit_actor who = {.user_id = owner.id, .role = owner.role, .request_id = r->id, .client = r->client};
	if (f.revoked_ms) {
		refuse_feed(r, &who, &f, "revoked");
		return;
	}
	if (owner.disabled) {
		refuse_feed(r, &who, &f, "login disabled");
		return;
	}
	struct buf *b = &r->body;
	if (strcmp(f.kind, CALFEED_KEYWORKER) == 0) {
		if (!role_can(role_from_code(owner.role), CAP_PEOPLE)) {
			refuse_feed(r, &who, &f, "no access");
			return;
		}
		struct worklist w;
		if ((err = calfeed_audit(req_db(r), &who, r->now_ms, &f, true, "feed")) ||
		    (err = worklist_read(req_db(r), r->arena, &who, r->now_ms, &owner, false, WL_SORT_DATE, &w))) {
			resp_error(r, resp_status_for(err), "The calendar could not be read.");
			return;
		}
		r->status = 200;
		r->resp_type = "text/calendar; charset=utf-8";
		ical_feed_worklist(b, r->arena, &w, r->now_ms);
		return;
	}
	enum access_basis basis = ACCESS_NONE;
	if ((err = access_to_person(req_db(r), &owner, r->now_ms, f.person_id, &basis))) {
		resp_error(r, resp_status_for(err), "The calendar could not be read.");
		return;
	}
	bool self = strcmp(f.kind, CALFEED_PERSON) == 0;
	if (basis != (self ? ACCESS_SELF : ACCESS_CARER)) {
		refuse_feed(r, &who, &f, "no access");
		return;
	}
	struct my_view v;
	if ((err = calfeed_audit(req_db(r), &who, r->now_ms, &f, true, "feed")) ||
	    (err = my_read(req_db(r), r->arena, &who, r->now_ms, &owner, basis, f.person_id, "calendar feed", &v))) {
		resp_error(r, resp_status_for(err), "The calendar could not be read.");
		return;
	}
	r->status = 200;
	r->resp_type = "text/calendar; charset=utf-8";
	ical_feed_plan(b, r->arena, &v, self, r->now_ms);
}

/* ---- the person's and carer's page ---------------------------------------------------- */

struct cal_ctx {
	struct my_view v;
	bool self;
	int64_t pid;
	const char *base; /* "/my" or "/cared-for/ID" */
};

/* Reads whose calendar this is (audited as a My plan read of the page
 * "calendar"); false when the request has been answered. */
static bool open_cal(struct req *r, struct cal_ctx *x)
{
	const struct store_user *u = &r->session->user;
	x->pid = r->route_id ? r->route_id : u->person_id;
	if (x->pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return false;
	}
	enum access_basis basis = ACCESS_NONE;
	enum cp_err err = access_to_person(req_db(r), u, r->now_ms, x->pid, &basis);
	if (!err && basis != ACCESS_SELF && basis != ACCESS_CARER)
		err = CP_ENOTFOUND;
	struct audit_actor who = req_actor(r);
	if (!err)
		err = my_read(req_db(r), r->arena, &who, r->now_ms, u, basis, x->pid, "calendar", &x->v);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PAGE : "Your calendar could not be read.");
		return false;
	}
	x->self = basis == ACCESS_SELF;
	x->base = r->route_id ? arena_printf(r->arena, "/cared-for/%lld", (long long)x->pid) : "/my";
	if (!x->base) {
		resp_error(r, 500, "Your calendar could not be read.");
		return false;
	}
	return true;
}

static void cal_show(struct req *r, const struct cal_ctx *x, const char *new_url, const char *notice)
{
	struct store_calfeed f;
	bool has = false;
	enum cp_err err = calfeed_live(req_db(r), r->arena, r->session->user.id, x->pid, &f, &has);
	if (err) {
		resp_error(r, resp_status_for(err), "Your calendar could not be read.");
		return;
	}
	const char *name = x->v.person.given_name ? x->v.person.given_name : "";
	bool goals = (x->v.mask & SHARE_BIT(SHARE_GOALS)) != 0;
	struct v_calendar d = {
		.csrf = r->session->csrf,
		.heading = x->self ? "My calendar" : arena_printf(r->arena, "Calendar of %s's care", name),
		.what = x->self ? "Your calendar has the visits and services of your timetable of care, and the date "
				  "of your next review."
			: goals ? arena_printf(r->arena, "This calendar has the visits and services of %s's timetable "
						       "of care, and the date of their next review.", name)
				: arena_printf(r->arena, "%s has not shared their goals and timetable with you, so this "
							 "calendar stays empty unless they do.", name),
		.action = arena_printf(r->arena, "%s/calendar", x->base),
		.has = has,
		.created_ms = has ? f.created_ms : 0,
		.new_url = new_url,
		.notice = notice,
		.back_href = x->base,
		.back_text = x->self ? "Back to my plan" : "Back to their plan",
	};
	if (!d.heading || !d.what || !d.action) {
		resp_error(r, 500, "Your calendar could not be read.");
		return;
	}
	resp_html(r);
	struct view_page p = resp_page(r, d.heading, "home");
	v_calendar(&r->body, &p, &d);
}

void h_my_calendar(struct req *r)
{
	struct cal_ctx x;
	if (!open_cal(r, &x))
		return;
	const char *done = req_query(r, "done");
	const char *notice = NULL;
	if (done && strcmp(done, "revoked") == 0)
		notice = "The calendar address has been revoked. Calendars that used it get no more updates.";
	cal_show(r, &x, NULL, notice);
}

void h_my_calendar_renew(struct req *r)
{
	struct cal_ctx x;
	if (!open_cal(r, &x))
		return;
	char token[CALFEED_TOKEN_TEXT];
	int64_t id = 0;
	struct audit_actor who = req_actor(r);
	enum cp_err err = calfeed_renew(req_db(r), &who, r->now_ms, r->session->user.id,
					x.self ? CALFEED_PERSON : CALFEED_CARER, x.pid, token, &id);
	if (err) {
		resp_error(r, resp_status_for(err), "The calendar address could not be made.");
		return;
	}
	const char *url = feed_url(r, token);
	cal_show(r, &x, url ? url : "", "A new calendar address has been made. Any address made before has stopped "
					"working.");
}

void h_my_calendar_revoke(struct req *r)
{
	struct cal_ctx x;
	if (!open_cal(r, &x))
		return;
	struct audit_actor who = req_actor(r);
	enum cp_err err = calfeed_revoke(req_db(r), &who, r->now_ms, r->session->user.id, x.pid);
	if (err && err != CP_ENOTFOUND) {
		resp_error(r, resp_status_for(err), "The calendar address could not be revoked.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "%s/calendar?done=revoked", x.base));
}

/* ---- the key worker's page ------------------------------------------------------------ */

static void worker_show(struct req *r, const char *new_url, const char *notice)
{
	struct store_calfeed f;
	bool has = false;
	enum cp_err err = calfeed_live(req_db(r), r->arena, r->session->user.id, 0, &f, &has);
	if (err) {
		resp_error(r, resp_status_for(err), "Your calendar could not be read.");
		return;
	}
	struct v_calendar d = {
		.csrf = r->session->csrf,
		.heading = "My calendar of reviews and check-ins",
		.what = "This calendar has the reviews due or overdue and the check-ins due of the people for whom "
			"you are the key worker, as your worklist shows them, with each person's name.",
		.action = "/my-calendar",
		.has = has,
		.created_ms = has ? f.created_ms : 0,
		.new_url = new_url,
		.notice = notice,
		.back_href = "/worklist",
		.back_text = "Go to my worklist",
	};
	resp_html(r);
	struct view_page p = resp_page(r, d.heading, "home");
	v_calendar(&r->body, &p, &d);
}

void h_worker_calendar(struct req *r)
{
	const char *done = req_query(r, "done");
	worker_show(r, NULL, done && strcmp(done, "revoked") == 0
				     ? "The calendar address has been revoked. Calendars that used it get no more "
				       "updates."
				     : NULL);
}

void h_worker_calendar_renew(struct req *r)
{
	char token[CALFEED_TOKEN_TEXT];
	int64_t id = 0;
	struct audit_actor who = req_actor(r);
	enum cp_err err =
		calfeed_renew(req_db(r), &who, r->now_ms, r->session->user.id, CALFEED_KEYWORKER, 0, token, &id);
	if (err) {
		resp_error(r, resp_status_for(err), "The calendar address could not be made.");
		return;
	}
	const char *url = feed_url(r, token);
	worker_show(r, url ? url : "", "A new calendar address has been made. Any address made before has stopped "
				       "working.");
}

void h_worker_calendar_revoke(struct req *r)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = calfeed_revoke(req_db(r), &who, r->now_ms, r->session->user.id, 0);
	if (err && err != CP_ENOTFOUND) {
		resp_error(r, resp_status_for(err), "The calendar address could not be revoked.");
		return;
	}
	resp_redirect(r, "/my-calendar?done=revoked");
}

/* ---- actions as CSV ------------------------------------------------------------------- */

void h_my_actions_csv(struct req *r)
{
	const struct store_user *u = &r->session->user;
	if (u->person_id <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return;
	}
	enum access_basis basis = ACCESS_NONE;
	enum cp_err err = access_to_person(req_db(r), u, r->now_ms, u->person_id, &basis);
	struct my_view v;
	struct audit_actor who = req_actor(r);
	if (!err && basis != ACCESS_SELF)
		err = CP_ENOTFOUND;
	if (!err)
		err = my_read(req_db(r), r->arena, &who, r->now_ms, u, basis, u->person_id, "actions csv", &v);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PAGE : "Your actions could not be read.");
		return;
	}
	plan_restrict(&v.plan, v.mask);
	resp_attachment(r, "text/csv; charset=utf-8", "my-actions.csv");
	csv_actions(&r->body, r->arena, &v.plan);
}

void h_plan_actions_csv(struct req *r)
{
	struct plan_record rec;
	struct audit_actor who = req_actor(r);
	enum cp_err err = plan_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, "actions csv", &rec);
	unsigned mask = 0;
	if (!err)
		err = h_share_mask(r, rec.person.id, &mask);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? "There is no episode recorded at this address."
					       : "The plan could not be read.");
		return;
	}
	plan_restrict(&rec, mask);
	resp_attachment(r, "text/csv; charset=utf-8", "plan-actions.csv");
	csv_actions(&r->body, r->arena, &rec);
}
