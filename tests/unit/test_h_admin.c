/* test_h_admin.c - user accounts, the care team and service figures
 * (src/http/h_admin.c), through the router, against the demo database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "fixture.h"
#include "http/router.h"

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

static struct req *get_as(struct fx_demo *d, const char *path, const char *username)
{
	struct req *r = fx_req_new(&d->app, HTTP_GET, path);
	assert_non_null(r);
	assert_int_equal(fx_sign_in(r, username, CSRF), 0);
	router_dispatch(r);
	return r;
}

static void raw_exec(struct fx_demo *d, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(d->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void user_list_shows_every_account_without_secrets(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = get_as(d, "/users", "admin");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	size_t n;
	const struct demo_login *l = demo_logins(&n);
	char want[64];
	snprintf(want, sizeof want, "<p>%zu accounts.", n);
	assert_non_null(strstr(b, want));
	for (size_t i = 0; i < n; i++) {
		snprintf(want, sizeof want, "<td class=\"nhsuk-table__cell\">%s</td>", l[i].username);
		assert_non_null(strstr(b, want));
	}
	assert_non_null(strstr(b, "<td class=\"nhsuk-table__cell\">Occupational therapist</td>"));
	assert_null(strstr(b, "argon2"));
	assert_non_null(strstr(b, "aria-current=\"page\" href=\"/users\""));
	fx_req_free(r);
}

static void team_page_lists_the_care_team_only(void **state)
{
	struct fx_demo *d = *state;
	struct req *r = get_as(d, "/team", "gp.carter");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "<title>Kingsmead Integrated Care Team - Careplan</title>"));
	assert_non_null(strstr(b, "<span class=\"nhsuk-caption-l\">Kingsmead Community Health and Care (fictional)"));
	assert_non_null(strstr(b, "The team is responsible for 40 people."));
	assert_non_null(strstr(b, "<td class=\"nhsuk-table__cell\">Dr Helen Carter</td>"
				  "<td class=\"nhsuk-table__cell\">Professional</td>"
				  "<td class=\"nhsuk-table__cell\">GP</td>"));
	assert_non_null(strstr(b, "Priya Shah"));
	assert_null(strstr(b, "Margaret Hughes")); /* a person, not a member */
	assert_null(strstr(b, "David Hughes"));    /* a carer */
	assert_null(strstr(b, "Alex Morgan"));     /* the administrator has no team */
	fx_req_free(r);
}

static void professional_without_a_team_is_told_so(void **state)
{
	struct fx_demo *d = *state;
	raw_exec(d, "UPDATE users SET team_id = NULL WHERE username = 'ot.rahman'");
	struct req *r = get_as(d, "/team", "ot.rahman");
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(fx_body(r), "You are not a member of a team yet."));
	fx_req_free(r);
}

static void service_figures_hide_small_counts_for_managers_too(void **state)
{
	struct fx_demo *d = *state;
	/* One condition held by a single person.  The service figures are the
	 * commissioner's view whoever reads them; managers have exact counts of
	 * their own team on the dashboard (test_outcomes.c, dashboard.test.mjs). */
	raw_exec(d, "INSERT INTO person_condition(person_id, name) VALUES (2, 'Rare condition')");
	struct req *r = get_as(d, "/service", "manager");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "<h1>Service figures</h1>"));
	assert_non_null(strstr(b, "<th scope=\"row\" class=\"nhsuk-table__header\">Rare condition</th>"
				  "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">fewer than 5</td>"));
	assert_non_null(strstr(b, "<p>People: 40."));
	fx_req_free(r);
}

static void service_figures_blur_small_counts_for_commissioners(void **state)
{
	struct fx_demo *d = *state;
	raw_exec(d, "INSERT INTO person_condition(person_id, name) VALUES (2, 'Rare condition')");
	struct req *r = get_as(d, "/service", "commissioner");
	assert_int_equal(r->status, 200);
	const char *b = fx_body(r);
	assert_non_null(strstr(b, "counts under 5 are shown as \"fewer than 5\""));
	assert_non_null(strstr(b, "<th scope=\"row\" class=\"nhsuk-table__header\">Rare condition</th>"
				  "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">fewer than 5</td>"));
	assert_null(strstr(b, "Margaret"));
	fx_req_free(r);
}

static void unreadable_figures_are_a_500_page(void **state)
{
	struct fx_demo *d = *state;
	raw_exec(d, "DROP TABLE person_condition");
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0); /* the store logs the failure */
	struct req *r = get_as(d, "/service", "manager");
	int status = r->status;
	bool said = strstr(fx_body(r), "The service figures could not be worked out.") != NULL;
	fx_req_free(r);
	char *log = fx_capture_end(&c);
	assert_int_equal(status, 500);
	assert_true(said);
	assert_non_null(strstr(log, "\"event\":\"db.error\""));
	free(log);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(user_list_shows_every_account_without_secrets),
		T(team_page_lists_the_care_team_only),
		T(professional_without_a_team_is_told_so),
		T(service_figures_hide_small_counts_for_managers_too),
		T(service_figures_blur_small_counts_for_commissioners),
		T(unreadable_figures_are_a_500_page),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
