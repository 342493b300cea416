/* router.c - the route table and access control. */
#include "router.h"

#include <string.h>

#include "../domain/role.h"
#include "../util/log.h"
#include "resp.h"

enum route_match { MATCH_EXACT, MATCH_PREFIX };

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
	{HTTP_GET, MATCH_EXACT, "/healthz", true, CAP__MAX, h_health},
	{HTTP_GET, MATCH_PREFIX, "/assets/", true, CAP__MAX, h_asset},
};

static bool path_matches(const struct route *rt, const char *path)
{
	if (rt->match == MATCH_EXACT)
		return strcmp(rt->path, path) == 0;
	return strncmp(rt->path, path, strlen(rt->path)) == 0;
}

static bool method_matches(const struct route *rt, enum http_method m)
{
	return rt->method == m || (rt->method == HTTP_GET && m == HTTP_HEAD);
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
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (!path_matches(&routes[i], r->path))
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
	found->handler(r);
}
