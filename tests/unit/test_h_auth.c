/* test_h_auth.c - the sign-in page, signing in and signing out
 * (src/http/h_auth.c), through the router, against the demo database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "fixture.h"
#include "http/router.h"
#include "util/clock.h"
#include "util/str.h"

#define CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static int setup(void **state)
{
	struct fx_demo *d = calloc(1, sizeof *d);
	*state = d;
	return fx_demo_open(d);
}

static int teardown(void **state)
{
	fx_demo_close(*state);
	free(*state);
	return 0;
}

/* POST /login with the CSRF cookie and field set, and body appended. */
static struct req *post_login(struct fx_demo *d, const char *fields)
{
	struct req *r = fx_req_new(&d->app, HTTP_POST, "/login");
	assert_non_null(r);
	r->cookie_csrf = CSRF;
	char body[1024];
	snprintf(body, sizeof body, "csrf=" CSRF "&%s", fields);
	const char *msg;
	assert_int_equal(req_parse_form(r, body, strlen(body), &msg), 0);
	router_dispatch(r);
	return r;
}

/* The Set-Cookie header that starts with name=, or NULL. */
static const char *set_cookie(const struct req *r, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < r->n_headers; i++)
		if (strcmp(r->headers[i].name, "Set-Cookie") == 0 && strncmp(r->headers[i].value, name, n) == 0 &&
		    r->headers[i].value[n] == '=')
			return r->headers[i].value;
	return NULL;
}

static int64_t count(struct fx_demo *d, const char *action)
{
	struct store_conn *c = store_acquire(d->st);
	int64_t n = -1;
	assert_int_equal(store_audit_count(c, action, &n), CP_OK);
	store_release(d->st, c);
	return n;
}

static void right_password_sets_the_session_cookie_and_goes_home(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = post_login(d, "username=manager&password=demo-careplan-2026");
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/");
	const char *sc = set_cookie(r, "cp_session");
	assert_non_null(sc);
	/* 64 hex characters, then the attributes; it lasts the session lifetime. */
	assert_int_equal(strcspn(sc + 11, ";"), 64);
	assert_string_equal(sc + 11 + 64, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
	assert_string_equal(set_cookie(r, "cp_csrf"), "cp_csrf=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");

	/* The cookie opens a live session. */
	char token[65];
	memcpy(token, sc + 11, 64);
	token[64] = '\0';
	struct auth_session s;
	assert_int_equal(auth_session_get(req_db(r), r->arena, &d->cfg.auth, token, r->now_ms, &s), CP_OK);
	assert_string_equal(s.user.username, "manager");
	fx_req_free(r);
	assert_int_equal(count(d, "signin"), 1);
}

static void wrong_password_is_401_and_keeps_the_username(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = post_login(d, "username=manager&password=not-the-password");
	assert_int_equal(r->status, 401);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "<title>Error: Sign in - Careplan</title>"));
	assert_non_null(strstr(b, "The username or password is not right. Check them and try again"));
	assert_non_null(strstr(b, "name=\"username\" type=\"text\" autocomplete=\"username\" autocapitalize=\"none\" "
				  "spellcheck=\"false\" value=\"manager\""));
	assert_null(strstr(b, "not-the-password"));
	assert_non_null(strstr(b, "id=\"password-error\""));
	assert_null(set_cookie(r, "cp_session"));
	fx_req_free(r);
	assert_int_equal(count(d, "signin.failed"), 1);
}

static void unknown_username_gets_the_same_page(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = post_login(d, "username=nobody&password=demo-careplan-2026");
	assert_int_equal(r->status, 401);
	assert_non_null(strstr(fx_body(r), "The username or password is not right"));
	fx_req_free(r);
}

static void missing_fields_are_named(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = post_login(d, "username=&password=x");
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(fx_body(r), "<a href=\"#username\">Enter your username</a>"));
	fx_req_free(r);

	r = post_login(d, "password=x");
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(fx_body(r), "Enter your username"));
	fx_req_free(r);

	r = post_login(d, "username=manager");
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(fx_body(r), "<a href=\"#password\">Enter your password</a>"));
	assert_non_null(strstr(fx_body(r), "value=\"manager\""));
	fx_req_free(r);
	assert_int_equal(count(d, "signin.failed"), 0); /* nothing was tried */
}

static void overlong_username_is_refused_and_not_echoed(void **state)
{
	struct fx_demo *d = *state;
	char fields[256];
	char name[80];
	memset(name, 'q', 65);
	name[65] = '\0';
	snprintf(fields, sizeof fields, "username=%s&password=x", name);
	struct req *r = post_login(d, fields);
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(fx_body(r), "Username must be 64 characters or fewer"));
	assert_null(strstr(fx_body(r), name));
	fx_req_free(r);
}

static void typed_username_is_escaped_when_shown_again(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = post_login(d, "username=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&password=x");
	assert_int_equal(r->status, 401);
	assert_null(strstr(fx_body(r), "<script>"));
	assert_non_null(strstr(fx_body(r), "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
	fx_req_free(r);
}

static void throttled_sign_in_says_when_to_try_again(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = fx_req_new(&d->app, HTTP_GET, "/");
	int64_t oldest = r->now_ms - 5 * 60 * 1000;
	for (int i = 0; i < 10; i++)
		assert_int_equal(store_authfail_add(req_db(r), oldest + i, "manager", "198.51.100.7"), CP_OK);
	fx_req_free(r);

	r = post_login(d, "username=manager&password=demo-careplan-2026");
	assert_int_equal(r->status, 429);
	char hm[8], want[160];
	time_fmt_hm(hm, sizeof hm, oldest + d->cfg.auth.window_ms);
	snprintf(want, sizeof want, "Too many failed sign-ins. For your security, try again at %s (UTC)", hm);
	assert_non_null(strstr(fx_body(r), want));
	assert_null(set_cookie(r, "cp_session"));
	fx_req_free(r);
	assert_int_equal(count(d, "signin.throttled"), 1);
}

static void sign_out_ends_the_session_and_clears_the_cookie(void **state)
{
	struct fx_demo *d = *state;
	/* A real session, as the server would find it from the cookie. */
	struct req *r = fx_req_new(&d->app, HTTP_POST, "/logout");
	struct audit_actor who = req_actor(r);
	struct auth_signin in;
	assert_int_equal(auth_sign_in(req_db(r), r->arena, &d->cfg.auth, "carer", DEMO_PASSWORD, &who, r->now_ms, &in),
			 CP_OK);
	struct auth_session *s = arena_zalloc(r->arena, sizeof *s);
	assert_int_equal(auth_session_get(req_db(r), r->arena, &d->cfg.auth, in.token, r->now_ms, s), CP_OK);
	r->session = s;
	r->role = role_from_code(s->user.role);
	char body[128];
	snprintf(body, sizeof body, "csrf=%s", s->csrf);
	const char *msg;
	assert_int_equal(req_parse_form(r, body, strlen(body), &msg), 0);
	router_dispatch(r);
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/login?signed_out=1");
	assert_string_equal(set_cookie(r, "cp_session"), "cp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	struct auth_session again;
	assert_int_equal(auth_session_get(req_db(r), r->arena, &d->cfg.auth, in.token, r->now_ms, &again),
			 CP_ENOTFOUND);
	fx_req_free(r);
	assert_int_equal(count(d, "signout"), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(right_password_sets_the_session_cookie_and_goes_home),
		T(wrong_password_is_401_and_keeps_the_username),
		T(unknown_username_gets_the_same_page),
		T(missing_fields_are_named),
		T(overlong_username_is_refused_and_not_echoed),
		T(typed_username_is_escaped_when_shown_again),
		T(throttled_sign_in_says_when_to_try_again),
		T(sign_out_ends_the_session_and_clears_the_cookie),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
