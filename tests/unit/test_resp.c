/* test_resp.c - statuses, headers, cookies and error pages
 * (src/http/resp.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "fixture.h"
#include "http/resp.h"
#include "util/str.h"

static int setup(void **state)
{
	struct req *r = fx_req_new(NULL, HTTP_GET, "/");
	*state = r;
	return r ? 0 : -1;
}

static int teardown(void **state)
{
	fx_req_free(*state);
	return 0;
}

static void every_error_maps_to_its_status(void **state)
{
	(void)state;
	const int want[CP_ERR__MAX] = {
		[CP_OK] = 200,        [CP_ENOMEM] = 503,    [CP_EINVAL] = 400,   [CP_ENOTFOUND] = 404,
		[CP_ECONFLICT] = 409, [CP_EFORBIDDEN] = 403, [CP_EDB] = 500,      [CP_EIO] = 500,
		[CP_ETOOBIG] = 413,   [CP_ELOCKED] = 429,   [CP_EVERSION] = 500,
	};
	for (int e = 0; e < CP_ERR__MAX; e++) {
		assert_int_not_equal(want[e], 0); /* a new error must be added here */
		assert_int_equal(resp_status_for((enum cp_err)e), want[e]);
	}
	assert_int_equal(resp_status_for(CP_ERR__MAX), 500);
	assert_int_equal(resp_status_for((enum cp_err)-1), 500);
}

static void every_status_the_program_sends_has_its_reason(void **state)
{
	(void)state;
	const struct {
		int status;
		const char *reason;
	} want[] = {
		{200, "OK"},
		{303, "See Other"},
		{304, "Not Modified"},
		{400, "Bad Request"},
		{401, "Unauthorized"},
		{403, "Forbidden"},
		{404, "Not Found"},
		{405, "Method Not Allowed"},
		{409, "Conflict"},
		{413, "Content Too Large"},
		{414, "URI Too Long"},
		{415, "Unsupported Media Type"},
		{429, "Too Many Requests"},
		{431, "Request Header Fields Too Large"},
		{500, "Internal Server Error"},
		{503, "Service Unavailable"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_string_equal(resp_reason(want[i].status), want[i].reason);
	assert_string_equal(resp_reason(418), "Error");
	assert_string_equal(resp_reason(0), "Error");
}

static void header_value_is_copied_into_the_arena(void **state)
{
	struct req *r = *state;
	char value[] = "\"abc\"";
	assert_true(resp_header(r, "ETag", value));
	value[1] = 'X';
	assert_string_equal(fx_resp_header(r, "ETag"), "\"abc\"");
	assert_int_equal(r->n_headers, 1);
}

static void header_table_refuses_a_ninth_header(void **state)
{
	struct req *r = *state;
	for (int i = 0; i < RESP_HEADERS_MAX; i++)
		assert_true(resp_header(r, "X-N", "v"));
	assert_false(resp_header(r, "X-Last", "v"));
	assert_int_equal(r->n_headers, RESP_HEADERS_MAX);
	assert_null(fx_resp_header(r, "X-Last"));
}

static void redirect_is_a_303_with_a_location(void **state)
{
	struct req *r = *state;
	buf_puts(&r->body, "<p>half a page</p>");
	resp_redirect(r, "/login?ended=1");
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/login?ended=1");
	assert_string_equal(r->resp_type, "text/plain; charset=utf-8");
	assert_string_equal(fx_body(r), "See other\n");
}

static void cookies_are_http_only_strict_and_secure_under_tls(void **state)
{
	struct req *r = *state;
	resp_cookie(r, "cp_csrf", "t0k", -1);
	assert_string_equal(fx_resp_header(r, "Set-Cookie"), "cp_csrf=t0k; Path=/; HttpOnly; SameSite=Strict");
	r->n_headers = 0;
	resp_cookie(r, "cp_session", "abc", 43200);
	assert_string_equal(fx_resp_header(r, "Set-Cookie"),
			    "cp_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
	r->n_headers = 0;
	r->tls = true;
	resp_cookie(r, "cp_session", "", 0);
	assert_string_equal(fx_resp_header(r, "Set-Cookie"),
			    "cp_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

static void page_frame_names_who_is_signed_in(void **state)
{
	struct req *r = *state;
	struct view_page p = resp_page(r, "Home", "home");
	assert_string_equal(p.title, "Home");
	assert_string_equal(p.nav, "home");
	assert_null(p.user_name);
	assert_null(p.csrf);
	assert_int_equal(p.role, ROLE__MAX);
	struct auth_session s;
	memset(&s, 0, sizeof s);
	s.user.display_name = "Priya Shah";
	snprintf(s.csrf, sizeof s.csrf, "%s", "c5rf");
	r->session = &s;
	r->role = ROLE_MANAGER;
	p = resp_page(r, "Team", NULL);
	assert_string_equal(p.user_name, "Priya Shah");
	assert_string_equal(p.csrf, "c5rf");
	assert_int_equal(p.role, ROLE_MANAGER);
	r->session = NULL;
}

static void html_marks_a_200_html_page(void **state)
{
	struct req *r = *state;
	r->status = 0;
	resp_html(r);
	assert_int_equal(r->status, 200);
	assert_string_equal(r->resp_type, "text/html; charset=utf-8");
}

static void error_page_replaces_whatever_was_built(void **state)
{
	struct req *r = *state;
	buf_puts(&r->body, "SECRET PARTIAL OUTPUT");
	r->static_body = "asset";
	r->static_len = 5;
	r->cacheable = true;
	resp_error(r, 404, "There is no <b>page</b> at this address.");
	assert_int_equal(r->status, 404);
	assert_string_equal(r->resp_type, "text/html; charset=utf-8");
	assert_null(r->static_body);
	assert_false(r->cacheable);
	const char *body = fx_body(r);
	assert_null(strstr(body, "SECRET"));
	assert_true(str_starts(body, "<!DOCTYPE html>"));
	assert_non_null(strstr(body, "<title>Page not found - Careplan</title>"));
	assert_non_null(strstr(body, "<h1>Page not found</h1>"));
	assert_non_null(strstr(body, "There is no &lt;b&gt;page&lt;/b&gt; at this address."));
	assert_null(strstr(body, "Error 404")); /* the title says it */
}

static void error_page_titles_follow_the_status(void **state)
{
	struct req *r = *state;
	const struct {
		int status;
		const char *h1;
	} want[] = {
		{400, "There is a problem with the request"},
		{403, "You do not have access to this page"},
		{405, "This page cannot be used that way"},
		{413, "What was sent is too large"},
		{414, "The address is too long"},
		{415, "The form was sent in a way Careplan does not accept"},
		{429, "Too many attempts"},
		{431, "The request headers are too large"},
		{500, "Sorry, there is a problem with the service"},
		{503, "Sorry, the service is busy"},
		{409, "Conflict"}, /* no title of its own: the reason phrase */
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		resp_error(r, want[i].status, "m");
		char h1[128];
		snprintf(h1, sizeof h1, "<h1>%s</h1>", want[i].h1);
		assert_non_null(strstr(fx_body(r), h1));
		assert_int_equal(r->status, want[i].status);
	}
	resp_error(r, 500, "m");
	assert_non_null(strstr(fx_body(r), "Error 500"));
	assert_non_null(strstr(fx_body(r), "Nothing you entered was saved"));
}

static void error_page_for_a_signed_in_user_keeps_the_header(void **state)
{
	struct req *r = *state;
	struct auth_session s;
	memset(&s, 0, sizeof s);
	s.user.display_name = "Sam <Okafor>";
	snprintf(s.csrf, sizeof s.csrf, "%s", "0123abcd");
	r->session = &s;
	r->role = ROLE_KEYWORKER;
	resp_error(r, 403, "Your role does not include this page.");
	const char *body = fx_body(r);
	assert_non_null(strstr(body, "Sam &lt;Okafor&gt; (Key worker)"));
	assert_non_null(strstr(body, "name=\"csrf\" value=\"0123abcd\""));
	r->session = NULL;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_error_maps_to_its_status),
		cmocka_unit_test(every_status_the_program_sends_has_its_reason),
		T(header_value_is_copied_into_the_arena),
		T(header_table_refuses_a_ninth_header),
		T(redirect_is_a_303_with_a_location),
		T(cookies_are_http_only_strict_and_secure_under_tls),
		T(page_frame_names_who_is_signed_in),
		T(html_marks_a_200_html_page),
		T(error_page_replaces_whatever_was_built),
		T(error_page_titles_follow_the_status),
		T(error_page_for_a_signed_in_user_keeps_the_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
