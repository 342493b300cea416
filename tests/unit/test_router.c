/*
 * test_router.c - the route table and access control (src/http/router.c).
 *
 * Requests are built by hand as server.c would build them; the cases here
 * are decided before any handler touches the database (404, 405, 303, 403),
 * or reach handlers that need none (the sign-in form, its validation, assets
 * without an assets folder).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "fixture.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/server.h"
#include "util/str.h"

#define CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct server_config cfg;
static struct app app = {.cfg = &cfg};

static int group_setup(void **state)
{
	(void)state;
	auth_config_default(&cfg.auth);
	return 0;
}

static struct req *make(enum http_method m, const char *path)
{
	struct req *r = fx_req_new(&app, m, path);
	assert_non_null(r);
	return r;
}

/* Signs r in as a user with role (ROLE__MAX: a role code the program does
 * not know) and the session CSRF token CSRF. */
static void sign_in_as(struct req *r, enum role role)
{
	struct auth_session *s = arena_zalloc(r->arena, sizeof *s);
	s->user.id = 5;
	s->user.username = "someone";
	s->user.display_name = "Some One";
	s->user.role = role < ROLE__MAX ? role_code(role) : "wizard";
	memcpy(s->csrf, CSRF, sizeof s->csrf);
	r->session = s;
	r->role = role;
}

static void form(struct req *r, const char *body)
{
	const char *msg;
	assert_int_equal(req_parse_form(r, body, strlen(body), &msg), 0);
}

/* ---- 404 and 405 ----------------------------------------------------------------- */

static void unknown_path_is_not_found(void **state)
{
	(void)state;
	const char *paths[] = {"/nothing", "/users/", "/Users", "/assets", "/assetsx/a.css", "//", "/login/x",
			       "/people/", "/people/abc", "/people/0", "/people/01", "/people/-1", "/people/+1",
			       "/people/1x", "/people/1.0", "/people/1/", "/people//edit", "/people/x/edit",
			       "/people/0/contacts/new", "/people/1/contacts", "/people/1/edit/x",
			       "/people/1234567890123456789", "/people/99999999999999999999", "/people/new/edit"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct req *r = make(HTTP_GET, paths[i]);
		router_dispatch(r);
		assert_int_equal(r->status, 404);
		assert_non_null(strstr(fx_body(r), "<h1>Page not found</h1>"));
		fx_req_free(r);
	}
}

static void known_path_with_the_wrong_method_is_405_with_allow(void **state)
{
	(void)state;
	const struct {
		enum http_method m;
		const char *path;
	} cases[] = {{HTTP_POST, "/users"}, {HTTP_GET, "/logout"}, {HTTP_OTHER, "/"}, {HTTP_POST, "/assets/a.css"},
		     {HTTP_HEAD, "/logout"}, {HTTP_POST, "/people"}, {HTTP_POST, "/people/7"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct req *r = make(cases[i].m, cases[i].path);
		sign_in_as(r, ROLE_ADMIN); /* even for someone allowed the page */
		router_dispatch(r);
		assert_int_equal(r->status, 405);
		assert_string_equal(fx_resp_header(r, "Allow"), "GET, HEAD, POST");
		fx_req_free(r);
	}
}

/* ---- not signed in --------------------------------------------------------------- */

static void private_page_sends_a_visitor_to_sign_in(void **state)
{
	(void)state;
	const char *paths[] = {"/", "/users", "/team", "/service", "/people", "/people/new", "/people/3",
			       "/people/3/edit", "/people/3/contacts/new"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct req *r = make(HTTP_GET, paths[i]);
		router_dispatch(r);
		assert_int_equal(r->status, 303);
		assert_string_equal(fx_resp_header(r, "Location"), "/login");
		assert_null(fx_resp_header(r, "Set-Cookie"));
		fx_req_free(r);
	}
}

static void head_is_answered_like_get(void **state)
{
	(void)state;
	struct req *r = make(HTTP_HEAD, "/");
	router_dispatch(r);
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/login");
	fx_req_free(r);
}

static void ended_session_is_told_and_its_cookie_cleared(void **state)
{
	(void)state;
	struct req *r = make(HTTP_GET, "/team");
	r->session_ended = true;
	router_dispatch(r);
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/login?ended=1");
	assert_string_equal(fx_resp_header(r, "Set-Cookie"),
			    "cp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	fx_req_free(r);
}

static void private_post_without_a_session_is_forbidden_not_redirected(void **state)
{
	(void)state;
	struct req *r = make(HTTP_POST, "/logout");
	form(r, "csrf=" CSRF);
	router_dispatch(r);
	assert_int_equal(r->status, 403);
	assert_null(fx_resp_header(r, "Location"));
	assert_non_null(strstr(fx_body(r), "Sign in first."));
	fx_req_free(r);

	r = make(HTTP_POST, "/logout");
	r->session_ended = true;
	router_dispatch(r);
	assert_int_equal(r->status, 403);
	assert_non_null(strstr(fx_body(r), "Your session has ended."));
	assert_string_equal(fx_resp_header(r, "Set-Cookie"),
			    "cp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	fx_req_free(r);
}

/* ---- CSRF ------------------------------------------------------------------------- */

static void people_posts_without_the_sessions_token_never_reach_a_handler(void **state)
{
	(void)state;
	const char *paths[] = {"/people/new", "/people/5/edit", "/people/5/contacts/new"};
	const char *forms[] = {"given_name=A", "csrf=wrong&given_name=A",
			       "csrf=f123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		for (size_t j = 0; j < sizeof forms / sizeof forms[0]; j++) {
			struct req *r = make(HTTP_POST, paths[i]);
			sign_in_as(r, ROLE_KEYWORKER);
			form(r, forms[j]);
			router_dispatch(r); /* the app has no store: a handler would crash */
			assert_int_equal(r->status, 403);
			assert_non_null(strstr(fx_body(r), "This form has expired"));
			fx_req_free(r);
		}
}

static void post_without_csrf_is_forbidden(void **state)
{
	(void)state;
	struct req *r = make(HTTP_POST, "/login");
	r->cookie_csrf = CSRF;
	form(r, "username=alice&password=x");
	router_dispatch(r);
	assert_int_equal(r->status, 403);
	assert_non_null(strstr(fx_body(r), "This form has expired"));
	fx_req_free(r);
}

static void sign_in_post_needs_the_csrf_cookie_to_match(void **state)
{
	(void)state;
	const struct {
		const char *cookie, *body;
	} bad[] = {
		{NULL, "csrf=" CSRF "&username=a"},                  /* no cookie */
		{CSRF, "csrf=" CSRF "0&username=a"},                 /* longer */
		{CSRF, "csrf=" "f123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{"", "csrf=&username=a"},                            /* both empty */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct req *r = make(HTTP_POST, "/login");
		r->cookie_csrf = bad[i].cookie;
		form(r, bad[i].body);
		router_dispatch(r);
		assert_int_equal(r->status, 403);
		fx_req_free(r);
	}
}

static void sign_in_post_with_matching_csrf_reaches_the_handler(void **state)
{
	(void)state;
	struct req *r = make(HTTP_POST, "/login");
	r->cookie_csrf = CSRF;
	form(r, "csrf=" CSRF "&username=&password=x");
	router_dispatch(r);
	/* The handler ran: it asks for the username. */
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(fx_body(r), "Enter your username"));
	fx_req_free(r);
}

static void signed_in_post_must_carry_the_sessions_token(void **state)
{
	(void)state;
	struct req *r = make(HTTP_POST, "/logout");
	sign_in_as(r, ROLE_CARER);
	r->cookie_csrf = "f123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	form(r, "csrf=f123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	router_dispatch(r);
	/* The pre-sign-in cookie does not stand in for the session's token. */
	assert_int_equal(r->status, 403);
	fx_req_free(r);
}

/* ---- roles --------------------------------------------------------------------------- */

static void roles_without_the_capability_are_refused(void **state)
{
	(void)state;
	const struct {
		const char *path;
		enum cap cap;
	} routes[] = {{"/users", CAP_USERS_VIEW},       {"/team", CAP_TEAM_VIEW},
		      {"/service", CAP_SERVICE_FIGURES}, {"/people", CAP_PEOPLE},
		      {"/people/new", CAP_PEOPLE},       {"/people/1", CAP_PEOPLE},
		      {"/people/1/edit", CAP_PEOPLE},    {"/people/1/contacts/new", CAP_PEOPLE}};
	int denied = 0;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	for (int role = 0; role < ROLE__MAX; role++) {
		for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
			if (role_can((enum role)role, routes[i].cap))
				continue;
			/* A person or carer naming a record in the address is
			 * checked against the store (404 when it is someone
			 * else's): tests/integ/authz.test.mjs. */
			if (strstr(routes[i].path, "/1") && (role == ROLE_PERSON || role == ROLE_CARER))
				continue;
			struct req *r = make(HTTP_GET, routes[i].path);
			sign_in_as(r, (enum role)role);
			router_dispatch(r);
			int status = r->status;
			bool said = strstr(fx_body(r), "Your role does not include this page.") != NULL;
			fx_req_free(r);
			if (status != 403 || !said) {
				free(fx_capture_end(&c));
				fail_msg("%s could open %s", role_code((enum role)role), routes[i].path);
			}
			denied++;
		}
	}
	char *log = fx_capture_end(&c);
	/* Every refusal is logged once. */
	int lines = 0;
	for (const char *p = log; (p = strstr(p, "\"event\":\"access.denied\"")); p++)
		lines++;
	assert_int_equal(lines, denied);
	assert_true(denied >= 10);
	assert_non_null(strstr(log, "\"user\":5,\"path\":\"/users\""));
	free(log);
}

static void unknown_role_is_refused_everything(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	struct req *r = make(HTTP_GET, "/");
	sign_in_as(r, ROLE__MAX);
	router_dispatch(r);
	int status = r->status;
	fx_req_free(r);
	free(fx_capture_end(&c));
	assert_int_equal(status, 403);
}

/* ---- public routes that need no database ------------------------------------------- */

static void sign_in_form_sets_a_csrf_cookie_once(void **state)
{
	(void)state;
	struct req *r = make(HTTP_GET, "/login");
	router_dispatch(r);
	assert_int_equal(r->status, 200);
	const char *cookie = fx_resp_header(r, "Set-Cookie");
	assert_non_null(cookie);
	assert_true(str_starts(cookie, "cp_csrf="));
	assert_null(strstr(cookie, "Max-Age")); /* ends with the browser session */
	char token[65];
	memcpy(token, cookie + 8, 64);
	token[64] = '\0';
	char field[128];
	snprintf(field, sizeof field, "name=\"csrf\" value=\"%s\"", token);
	assert_non_null(strstr(fx_body(r), field));
	fx_req_free(r);

	/* A browser that already has the cookie keeps it. */
	r = make(HTTP_GET, "/login");
	r->cookie_csrf = CSRF;
	router_dispatch(r);
	assert_null(fx_resp_header(r, "Set-Cookie"));
	assert_non_null(strstr(fx_body(r), "value=\"" CSRF "\""));
	fx_req_free(r);
}

static void sign_in_form_replaces_a_malformed_csrf_cookie(void **state)
{
	(void)state;
	struct req *r = make(HTTP_GET, "/login");
	r->cookie_csrf = "short";
	router_dispatch(r);
	assert_non_null(fx_resp_header(r, "Set-Cookie"));
	assert_null(strstr(fx_body(r), "value=\"short\""));
	fx_req_free(r);
}

static void sign_in_form_shows_only_fixed_notices(void **state)
{
	(void)state;
	struct req *r = make(HTTP_GET, "/login");
	r->log_path = "/login?ended=";
	r->session_ended = true;
	router_dispatch(r);
	assert_non_null(strstr(fx_body(r), "Your session has ended. Sign in again to carry on."));
	assert_non_null(fx_resp_header(r, "Set-Cookie")); /* the ended session's, cleared */
	fx_req_free(r);

	r = make(HTTP_GET, "/login");
	r->log_path = "/login?signed_out=";
	router_dispatch(r);
	assert_non_null(strstr(fx_body(r), "You have signed out."));
	fx_req_free(r);
}

static void signed_in_visitor_to_the_sign_in_form_goes_home(void **state)
{
	(void)state;
	struct req *r = make(HTTP_GET, "/login");
	sign_in_as(r, ROLE_PERSON);
	router_dispatch(r);
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/");
	fx_req_free(r);
}

static void assets_are_public_and_missing_ones_are_404(void **state)
{
	(void)state;
	struct req *r = make(HTTP_GET, "/assets/careplan.css");
	router_dispatch(r);
	assert_int_equal(r->status, 404); /* no assets loaded */
	assert_non_null(strstr(fx_body(r), "There is no file at this address."));
	fx_req_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unknown_path_is_not_found),
		cmocka_unit_test(known_path_with_the_wrong_method_is_405_with_allow),
		cmocka_unit_test(private_page_sends_a_visitor_to_sign_in),
		cmocka_unit_test(head_is_answered_like_get),
		cmocka_unit_test(ended_session_is_told_and_its_cookie_cleared),
		cmocka_unit_test(private_post_without_a_session_is_forbidden_not_redirected),
		cmocka_unit_test(post_without_csrf_is_forbidden),
		cmocka_unit_test(people_posts_without_the_sessions_token_never_reach_a_handler),
		cmocka_unit_test(sign_in_post_needs_the_csrf_cookie_to_match),
		cmocka_unit_test(sign_in_post_with_matching_csrf_reaches_the_handler),
		cmocka_unit_test(signed_in_post_must_carry_the_sessions_token),
		cmocka_unit_test(roles_without_the_capability_are_refused),
		cmocka_unit_test(unknown_role_is_refused_everything),
		cmocka_unit_test(sign_in_form_sets_a_csrf_cookie_once),
		cmocka_unit_test(sign_in_form_replaces_a_malformed_csrf_cookie),
		cmocka_unit_test(sign_in_form_shows_only_fixed_notices),
		cmocka_unit_test(signed_in_visitor_to_the_sign_in_form_goes_home),
		cmocka_unit_test(assets_are_public_and_missing_ones_are_404),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
