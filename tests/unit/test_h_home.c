/* test_h_home.c - the home page handler (src/http/h_home.c) for each demo
 * login, through the router, against the demo database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "fixture.h"
#include "http/router.h"

#define CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct fx_demo demo;

static int group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	return fx_demo_open(&demo);
}

static int group_teardown(void **state)
{
	(void)state;
	fx_demo_close(&demo);
	return 0;
}

/* GET / as username; the caller frees the request. */
static struct req *home_as(const char *username)
{
	struct req *r = fx_req_new(&demo.app, HTTP_GET, "/");
	assert_non_null(r);
	assert_int_equal(fx_sign_in(r, username, CSRF), 0);
	router_dispatch(r);
	return r;
}

static int64_t audit_count(const char *action)
{
	struct store_conn *c = store_acquire(demo.st);
	int64_t n = -1;
	assert_int_equal(store_audit_count(c, action, &n), CP_OK);
	store_release(demo.st, c);
	return n;
}

/* Margaret Hughes's NHS number (the demo's first person), as stored. */
static const char *margaret_nhs(struct arena *a)
{
	struct store_conn *c = store_acquire(demo.st);
	struct store_person p;
	assert_int_equal(store_person_get(c, a, 1, &p), CP_OK);
	store_release(demo.st, c);
	assert_string_equal(p.given_name, "Margaret");
	return p.nhs_number;
}

/* True when page shows NHS number nhs, as stored or in 3-3-4 groups. */
static bool shows_nhs(const char *page, const char *nhs)
{
	char spaced[16];
	snprintf(spaced, sizeof spaced, "%.3s %.3s %.4s", nhs, nhs + 3, nhs + 6);
	return strstr(page, nhs) || strstr(page, spaced);
}

/* Gives back connections a failed test left taken. */
static int free_leftovers(void **state)
{
	(void)state;
	fx_req_free_all();
	return 0;
}

static void person_sees_their_own_record_and_the_read_is_audited(void **state)
{
	(void)state;
	int64_t before = audit_count("person.read");
	struct req *r = home_as("person");
	assert_int_equal(r->status, 200);
	assert_string_equal(r->resp_type, "text/html; charset=utf-8");
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "<h1>Hello, Margaret Hughes</h1>"));
	assert_non_null(strstr(b, "<h2 id=\"my-record\">Your record</h2>"));
	assert_non_null(strstr(b, "Maggie"));
	assert_true(shows_nhs(b, margaret_nhs(r->arena)));
	assert_non_null(strstr(b, "<li>COPD</li><li>Depression</li><li>Type 2 diabetes</li>"));
	assert_non_null(strstr(b, "Kingsmead Integrated Care Team"));
	assert_null(strstr(b, "People you care for"));
	assert_null(strstr(b, "The service at a glance"));
	fx_req_free(r);
	assert_int_equal(audit_count("person.read"), before + 1);
}

static void carer_sees_the_people_they_care_for(void **state)
{
	(void)state;
	int64_t before = audit_count("person.read");
	struct req *r = home_as("carer");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "<h2 id=\"cared-for\">People you care for</h2>"));
	assert_non_null(strstr(b, "<td class=\"nhsuk-table__cell\">Margaret Hughes</td>"
				  "<td class=\"nhsuk-table__cell\">husband</td>"));
	assert_true(shows_nhs(b, margaret_nhs(r->arena)));
	assert_null(strstr(b, "Your record"));
	fx_req_free(r);
	assert_int_equal(audit_count("person.read"), before + 1);
}

static void key_worker_sees_the_team_at_a_glance(void **state)
{
	(void)state;
	int64_t before = audit_count("person.read");
	struct req *r = home_as("keyworker");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "You are signed in as Key worker (Nurse)."));
	assert_non_null(strstr(b, "Kingsmead Integrated Care Team (Kingsmead Community Health and Care (fictional)) "
				  "is responsible for 40 people and has 9 members."));
	assert_non_null(strstr(b, "<a href=\"/team\">"));
	assert_null(strstr(b, "<a href=\"/users\">"));
	assert_null(strstr(b, "The service at a glance"));
	fx_req_free(r);
	assert_int_equal(audit_count("person.read"), before); /* no one's record was read */
}

static void administrator_sees_exact_figures_and_no_records(void **state)
{
	(void)state;
	struct req *r = home_as("admin");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "The service at a glance"));
	assert_non_null(strstr(b, "People</dt><dd class=\"nhsuk-summary-list__value\">40</dd>"));
	assert_non_null(strstr(b, "Teams</dt><dd class=\"nhsuk-summary-list__value\">1</dd>"));
	assert_non_null(strstr(b, "<a href=\"/users\">"));
	assert_non_null(strstr(b, "<a href=\"/service\">"));
	assert_null(strstr(b, "Your record"));
	assert_null(strstr(b, "Your team"));
	assert_false(shows_nhs(b, margaret_nhs(r->arena)));
	fx_req_free(r);
}

static void commissioner_sees_small_counts_blurred(void **state)
{
	(void)state;
	struct req *r = home_as("commissioner");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "People</dt><dd class=\"nhsuk-summary-list__value\">40</dd>"));
	assert_non_null(strstr(b, "Teams</dt><dd class=\"nhsuk-summary-list__value\">fewer than 5</dd>"));
	assert_null(strstr(b, "Margaret"));
	assert_false(shows_nhs(b, margaret_nhs(r->arena)));
	fx_req_free(r);
}

static void every_login_gets_a_home_page_with_a_sign_out_form(void **state)
{
	(void)state;
	size_t n;
	const struct demo_login *l = demo_logins(&n);
	for (size_t i = 0; i < n; i++) {
		struct req *r = home_as(l[i].username);
		if (r->status != 200)
			fail_msg("%s got %d", l[i].username, r->status);
		assert_non_null(strstr(fx_body(r), "action=\"/logout\" method=\"post\"><input type=\"hidden\" "
						   "name=\"csrf\" value=\"" CSRF "\">"));
		assert_false(r->body.err);
		fx_req_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(person_sees_their_own_record_and_the_read_is_audited, free_leftovers),
		cmocka_unit_test_teardown(carer_sees_the_people_they_care_for, free_leftovers),
		cmocka_unit_test_teardown(key_worker_sees_the_team_at_a_glance, free_leftovers),
		cmocka_unit_test_teardown(administrator_sees_exact_figures_and_no_records, free_leftovers),
		cmocka_unit_test_teardown(commissioner_sees_small_counts_blurred, free_leftovers),
		cmocka_unit_test_teardown(every_login_gets_a_home_page_with_a_sign_out_form, free_leftovers),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
