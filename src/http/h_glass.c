/* h_glass.c - refusals, break glass and its review (h_glass.h). */
#include "h_glass.h"

#include <string.h>

#include "../domain/access.h"
#include "../view/view_glass.h"
#include "resp.h"

#define GLASS_DAYS 30
#define GLASS_MAX 200

static void glass_page(struct req *r, int status, const struct v_glass_form *d)
{
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, d->error ? "Error: You are not in this person's care team"
						   : "You are not in this person's care team",
				       "people");
	v_glass_form(&r->body, &p, d);
}

void h_access_denied(struct req *r, int64_t person_id)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = access_refused(req_db(r), &who, r->now_ms, person_id);
	if (err) {
		resp_error(r, resp_status_for(err), "Your access could not be checked.");
		return;
	}
	if (r->method == HTTP_POST || r->session == NULL) {
		resp_error(r, 403, "You are not in this person's care team, so this was not saved.");
		return;
	}
	struct v_glass_form d = {.csrf = r->session->csrf, .person_id = person_id, .back = r->path};
	glass_page(r, 403, &d);
}

/* A path on this site to go back to: one that starts with a single "/". */
static bool local_path(const char *s)
{
	return s && s[0] == '/' && s[1] != '/' && s[1] != '\\' && !strpbrk(s, "\r\n") && strlen(s) < 512;
}

void h_break_glass(struct req *r)
{
	const char *reason = req_field(r, "reason");
	const char *back = req_field(r, "back");
	if (!local_path(back))
		back = arena_printf(r->arena, "/people/%lld", (long long)r->route_id);
	struct audit_actor who = req_actor(r);
	int64_t expires = 0;
	const char *msg = NULL;
	enum cp_err err = access_break_glass(req_db(r), r->arena, &who, r->now_ms, &r->session->user, r->route_id,
					     reason, &expires, &msg);
	if (err == CP_EINVAL) {
		struct v_glass_form d = {.csrf = r->session->csrf, .person_id = r->route_id, .back = back,
					 .reason = reason, .error = msg};
		glass_page(r, 400, &d);
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no such person.");
		return;
	}
	if (err) {
		resp_error(r, err == CP_EFORBIDDEN ? 403 : resp_status_for(err),
			   msg ? msg : "Break-glass access could not be recorded.");
		return;
	}
	resp_redirect(r, back);
}

void h_glass_list(struct req *r)
{
	struct store_break_glass *items = NULL;
	struct v_glass_list d = {.now_ms = r->now_ms, .days = GLASS_DAYS};
	enum cp_err err = store_break_glass_list(req_db(r), r->arena, r->session->user.team_id,
						 r->now_ms - (int64_t)GLASS_DAYS * 86400000LL, GLASS_MAX, &items, &d.n);
	if (err) {
		resp_error(r, resp_status_for(err), "The list could not be read.");
		return;
	}
	d.items = items;
	resp_html(r);
	struct view_page p = resp_page(r, "Break-glass access to review", "team");
	v_glass_list(&r->body, &p, &d);
}
