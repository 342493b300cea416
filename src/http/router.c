/* router.c - the route table and access control. */
#include "router.h"

#include <assert.h>
#include <string.h>

#include "../domain/role.h"
#include "../util/log.h"
#include "h_assess.h"
#include "h_calendar.h"
#include "h_dashboard.h"
#include "../domain/access.h"
#include "h_feedback.h"
#include "h_glass.h"
#include "h_invite.h"
#include "h_my.h"
#include "h_letter.h"
#include "h_pdf.h"
#include "h_plan.h"
#include "h_review.h"
#include "h_share.h"
#include "h_referral.h"
#include "h_sat.h"
#include "h_dir.h"
#include "h_register.h"
#include "resp.h"

/* MATCH_EXACT: the path is the route's path.  MATCH_PREFIX: the path starts
 * with it.  MATCH_ID: the route's path has one segment ":id", which matches a
 * positive decimal integer (no sign, no leading zero, at most 18 digits)
 * given to the handler as r->route_id; the rest matches exactly. */
enum route_match { MATCH_EXACT, MATCH_PREFIX, MATCH_ID };

static const struct route {
	enum http_method method; /* GET also answers HEAD */
	enum route_match match;
	const char *path;
	bool public;             /* true: no sign-in needed */
	enum cap cap;            /* needed when not public */
	route_handler handler;
} routes[] = {
	{HTTP_GET, MATCH_EXACT, "/", false, CAP_HOME, h_home},
	{HTTP_GET, MATCH_EXACT, "/login", true, CAP__MAX, h_login_form},
	{HTTP_POST, MATCH_EXACT, "/login", true, CAP__MAX, h_login},
	{HTTP_POST, MATCH_EXACT, "/logout", false, CAP_HOME, h_logout},
	{HTTP_GET, MATCH_EXACT, "/users", false, CAP_USERS_VIEW, h_users},
	{HTTP_GET, MATCH_EXACT, "/team", false, CAP_TEAM_VIEW, h_team},
	{HTTP_GET, MATCH_EXACT, "/service", false, CAP_SERVICE_FIGURES, h_service},
	{HTTP_GET, MATCH_EXACT, "/people", false, CAP_PEOPLE, h_people},
	{HTTP_GET, MATCH_EXACT, "/people/new", false, CAP_PEOPLE, h_person_new},
	{HTTP_POST, MATCH_EXACT, "/people/new", false, CAP_PEOPLE, h_person_create},
	{HTTP_GET, MATCH_ID, "/people/:id", false, CAP_PEOPLE, h_person},
	{HTTP_GET, MATCH_ID, "/people/:id/edit", false, CAP_PEOPLE, h_person_edit},
	{HTTP_POST, MATCH_ID, "/people/:id/edit", false, CAP_PEOPLE, h_person_update},
	{HTTP_GET, MATCH_ID, "/people/:id/contacts/new", false, CAP_PEOPLE, h_contact_new},
	{HTTP_POST, MATCH_ID, "/people/:id/contacts/new", false, CAP_PEOPLE, h_contact_create},
	{HTTP_GET, MATCH_ID, "/people/:id/episodes/new", false, CAP_PEOPLE, h_episode_new},
	{HTTP_POST, MATCH_ID, "/people/:id/episodes/new", false, CAP_PEOPLE, h_episode_create},
	{HTTP_POST, MATCH_ID, "/people/:id/break-glass", false, CAP_PEOPLE, h_break_glass},
	{HTTP_GET, MATCH_EXACT, "/team/break-glass", false, CAP_ACCESS_REVIEW, h_glass_list},
	{HTTP_GET, MATCH_ID, "/people/:id/access", false, CAP_PEOPLE, h_access},
	{HTTP_POST, MATCH_ID, "/people/:id/invitations", false, CAP_PEOPLE, h_invitation_create},
	{HTTP_POST, MATCH_ID, "/people/:id/access/withdraw", false, CAP_PEOPLE, h_access_withdraw},
	{HTTP_GET, MATCH_EXACT, "/my/access", false, CAP_OWN_RECORD, h_my_access},
	{HTTP_POST, MATCH_EXACT, "/my/access/withdraw", false, CAP_OWN_RECORD, h_my_access_withdraw},
	{HTTP_GET, MATCH_EXACT, "/my/record-log", false, CAP_OWN_RECORD, h_record_log},
	{HTTP_GET, MATCH_EXACT, "/my/sharing", false, CAP_OWN_RECORD, h_my_sharing},
	{HTTP_POST, MATCH_EXACT, "/my/sharing", false, CAP_OWN_RECORD, h_my_sharing_save},
	{HTTP_GET, MATCH_ID, "/people/:id/sharing", false, CAP_PEOPLE, h_person_sharing},
	{HTTP_POST, MATCH_ID, "/people/:id/sharing", false, CAP_PEOPLE, h_person_sharing_save},
	{HTTP_GET, MATCH_EXACT, "/feedback", false, CAP_FEEDBACK_GIVE, h_feedback_form},
	{HTTP_POST, MATCH_EXACT, "/feedback", false, CAP_FEEDBACK_GIVE, h_feedback_give},
	{HTTP_GET, MATCH_EXACT, "/team/feedback", false, CAP_FEEDBACK_READ, h_team_feedback},
	{HTTP_GET, MATCH_EXACT, "/service/feedback", false, CAP_SERVICE_FIGURES, h_service_feedback},
	{HTTP_GET, MATCH_EXACT, "/invitation", true, CAP__MAX, h_invitation_form},
	{HTTP_POST, MATCH_EXACT, "/invitation", true, CAP__MAX, h_invitation_use},
	{HTTP_GET, MATCH_ID, "/episodes/:id", false, CAP_PEOPLE, h_episode},
	{HTTP_POST, MATCH_ID, "/episodes/:id/stage", false, CAP_PEOPLE, h_episode_stage},
	{HTTP_POST, MATCH_ID, "/episodes/:id/level", false, CAP_PEOPLE, h_episode_level},
	{HTTP_POST, MATCH_ID, "/episodes/:id/team", false, CAP_PEOPLE, h_careteam_add},
	{HTTP_POST, MATCH_ID, "/episodes/:id/keyworker", false, CAP_PEOPLE, h_careteam_keyworker},
	{HTTP_POST, MATCH_ID, "/episodes/:id/team/end", false, CAP_PEOPLE, h_careteam_end},
#include "routes_assess.def"
#include "routes_plan.def"
#include "routes_review.def"
#include "routes_my.def"
#include "routes_ref.def"
#include "routes_sat.def"
#include "routes_dir.def"
#include "routes_reg.def"
#include "routes_dash.def"
	/* A calendar feed: the secret token in the address is the credential
	 * (a calendar app has no session); h_calendar_feed checks it. */
	{HTTP_GET, MATCH_PREFIX, "/calendar/", true, CAP__MAX, h_calendar_feed},
	{HTTP_GET, MATCH_EXACT, "/healthz", true, CAP__MAX, h_health},
	{HTTP_GET, MATCH_PREFIX, "/assets/", true, CAP__MAX, h_asset},
};

/* The id in the n bytes at p: a positive decimal integer without a leading
 * zero; 0 when it is anything else. */
static int64_t parse_id(const char *p, size_t n)
{
	if (n == 0 || n > 18 || p[0] == '0')
		return 0;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* True when path is rt's; *id gets the ":id" segment's value for MATCH_ID. */
static bool path_matches(const struct route *rt, const char *path, int64_t *id)
{
	*id = 0;
	if (rt->match == MATCH_EXACT)
		return strcmp(rt->path, path) == 0;
	if (rt->match == MATCH_PREFIX)
		return strncmp(rt->path, path, strlen(rt->path)) == 0;
	const char *mark = strstr(rt->path, ":id");
	assert(mark);
	size_t before = (size_t)(mark - rt->path);
	const char *after = mark + 3;
	if (strncmp(rt->path, path, before) != 0)
		return false;
	const char *seg = path + before, *end = strchr(seg, '/');
	if (!end)
		end = seg + strlen(seg);
	if (strcmp(end, after) != 0)
		return false;
	*id = parse_id(seg, (size_t)(end - seg));
	return *id > 0;
}

static bool method_matches(const struct route *rt, enum http_method m)
{
	return rt->method == m || (rt->method == HTTP_GET && m == HTTP_HEAD);
}

/* Whose record each kind of ":id" is part of.  A ":id" route whose path
 * starts with none of these is refused: every new one must say.  Kind
 * KIND_ORGANISATION is the organisation's own records (directory entries,
 * self-assessments and the like): no person's data, so the capability alone
 * decides, and the handler answers 404 for an id that is not there. */
#define KIND_ORGANISATION "organisation"
static const struct {
	const char *prefix, *kind;
} id_kinds[] = {
	{"/people/:id", "person"},
	{"/episodes/:id", "episode"},
	{"/plan-actions/:id", "plan_action"},
	{"/assessment-medicines/:id", "assess_medicine"},
	{"/cared-for/:id", "person"},
	{"/referrals/:id", "referral"},
	{"/self-assessments/:id", KIND_ORGANISATION},
	{"/directory/services/:id", KIND_ORGANISATION},
	{"/case-finding/:id", KIND_ORGANISATION},
};

/* The id_kinds row for a ":id" route's path, NULL when none. */
static const char *kind_of(const char *path)
{
	for (size_t i = 0; i < sizeof id_kinds / sizeof id_kinds[0]; i++)
		if (strncmp(path, id_kinds[i].prefix, strlen(id_kinds[i].prefix)) == 0)
			return id_kinds[i].kind;
	return NULL;
}

bool router_route_info(size_t i, struct route_info *out)
{
	if (i >= sizeof routes / sizeof routes[0])
		return false;
	const struct route *rt = &routes[i];
	const char *kind = rt->match == MATCH_ID ? kind_of(rt->path) : "";
	*out = (struct route_info){.method = rt->method == HTTP_POST ? "POST" : "GET",
				   .path = rt->path,
				   .public = rt->public,
				   .cap = rt->public ? "" : cap_code(rt->cap),
				   .kind = kind ? kind : "?"};
	return true;
}

/* The one access check for a person's data: true when the handler may run
 * (there is no such object, and it will say so, or the user has a
 * legitimate relationship with its person); otherwise the request has been
 * answered with the refusal page. */
static bool may_see(struct req *r, const struct route *rt, int64_t id)
{
	if (rt->match != MATCH_ID || rt->handler == h_break_glass)
		return true;
	const char *kind = kind_of(rt->path);
	if (kind && strcmp(kind, KIND_ORGANISATION) == 0)
		return true;
	if (!kind) {
		log_msg(LOG_ERROR, "access.unmapped", rt->path);
		resp_error(r, 403, "This page is not open to anyone yet.");
		return false;
	}
	int64_t person = 0;
	enum cp_err err = store_person_of(req_db(r), kind, id, &person);
	if (err == CP_ENOTFOUND)
		return true; /* the handler answers 404 in its own words */
	enum access_basis basis = ACCESS_NONE;
	if (!err)
		err = access_to_person(req_db(r), &r->session->user, r->now_ms, person, &basis);
	if (err) {
		resp_error(r, resp_status_for(err), "Your access could not be checked.");
		return false;
	}
	if (basis == ACCESS_NONE) {
		if (r->role == ROLE_PERSON || r->role == ROLE_CARER) {
			/* Someone's own account asking for another person's object:
			 * audited, and answered as if there were nothing there. */
			struct audit_actor who = req_actor(r);
			if (access_refused(req_db(r), &who, r->now_ms, person))
				log_msg(LOG_ERROR, "access.refused", "not audited");
			resp_error(r, 404, "There is no page at this address.");
		} else {
			h_access_denied(r, person);
		}
		return false;
	}
	/* Consent-based sharing: a route that is one section alone is refused
	 * when the person has not shared that section with this user. */
	return h_share_route_allowed(r, rt->path, basis, person);
}

/* A person or carer naming, in an address, an object of someone whose
 * record they may not see is answered as for a missing object (404), and the
 * attempt is audited against that person.  True when answered so; false
 * otherwise (their own object, or one that does not exist: the route's
 * usual refusal follows). */
static bool guessed_elsewhere(struct req *r, const struct route *rt, int64_t id)
{
	if (rt->match != MATCH_ID || (r->role != ROLE_PERSON && r->role != ROLE_CARER))
		return false;
	const char *kind = kind_of(rt->path);
	int64_t person = 0;
	enum access_basis basis = ACCESS_NONE;
	if (!kind || strcmp(kind, KIND_ORGANISATION) == 0 || store_person_of(req_db(r), kind, id, &person) != CP_OK ||
	    access_to_person(req_db(r), &r->session->user, r->now_ms, person, &basis) != CP_OK || basis != ACCESS_NONE)
		return false;
	struct audit_actor who = req_actor(r);
	if (access_refused(req_db(r), &who, r->now_ms, person))
		log_msg(LOG_ERROR, "access.refused", "not audited");
	resp_error(r, 404, "There is no page at this address.");
	return true;
}

static bool csrf_ok(const struct req *r)
{
	const char *sent = req_field(r, "csrf");
	if (!sent)
		return false;
	if (r->session)
		return auth_token_equal(sent, r->session->csrf);
	return r->cookie_csrf && auth_token_equal(sent, r->cookie_csrf);
}

void router_dispatch(struct req *r)
{
	const struct route *found = NULL;
	bool path_known = false;
	int64_t id = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (!path_matches(&routes[i], r->path, &id))
			continue;
		path_known = true;
		if (method_matches(&routes[i], r->method)) {
			found = &routes[i];
			break;
		}
	}
	if (!found) {
		if (path_known) {
			resp_error(r, 405, "This address does not accept that kind of request.");
			resp_header(r, "Allow", "GET, HEAD, POST");
		} else {
			resp_error(r, 404, "There is no page at this address.");
		}
		return;
	}
	if (!found->public) {
		if (!r->session) {
			if (r->session_ended)
				resp_cookie(r, "cp_session", "", 0);
			if (r->method == HTTP_POST) {
				resp_error(r, 403, r->session_ended ? "Your session has ended. Sign in again, then "
								      "repeat what you were doing."
								    : "Sign in first.");
				return;
			}
			resp_redirect(r, r->session_ended ? "/login?ended=1" : "/login");
			return;
		}
		if (!role_can(r->role, found->cap)) {
			if (guessed_elsewhere(r, found, id))
				return;
			struct buf b;
			buf_init(&b, 2048);
			log_begin(&b, LOG_WARN, "access.denied"); /* carries "req" from the server */
			log_field_i64(&b, "user", r->session->user.id);
			log_field_str(&b, "path", r->log_path);
			log_end(&b, LOG_WARN);
			resp_error(r, 403, "Your role does not include this page.");
			return;
		}
	}
	if (r->method == HTTP_POST && !csrf_ok(r)) {
		resp_error(r, 403, "This form has expired or did not come from Careplan. Go back, reload the "
				   "page and try again.");
		return;
	}
	r->status = 200;
	r->route_id = id;
	if (!found->public && !may_see(r, found, id))
		return;
	found->handler(r);
}
