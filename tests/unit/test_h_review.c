/*
 * test_h_review.c - the pages of implementation, reviews and worklists
 * (src/http/h_review.c, src/view/v_review.c) through the router against the
 * demo database: the worklists and their sort whitelist, Margaret's
 * activity log and past review, a wrong activity form kept and escaped with
 * nothing written, the refused review at the wrong stage, the route back on
 * a discharged person's record, unknown ids and roles without access.
 */
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

static struct fx_demo demo;
static struct req *last;
static int64_t margaret_ep, discharged_person;

static int64_t raw_i64(const char *q)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;
	if (sqlite3_open_v2(demo.path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

static int group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || fx_demo_open(&demo))
		return -1;
	margaret_ep = raw_i64("SELECT e.id FROM episode e JOIN users u ON u.person_id = e.person_id "
			      "WHERE u.username = 'person' ORDER BY e.id DESC LIMIT 1");
	discharged_person = raw_i64("SELECT e.person_id FROM episode e JOIN episode_exit x ON x.episode_id = e.id "
				    "WHERE e.stage = 'discharged' LIMIT 1");
	return margaret_ep > 0 && discharged_person > 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	fx_demo_close(&demo);
	return 0;
}

static int free_leftovers(void **state)
{
	(void)state;
	fx_req_free_all();
	last = NULL;
	return 0;
}

static struct req *as(const char *user, enum http_method m, const char *path, const char *form)
{
	struct req *r = fx_req_new(&demo.app, m, path);
	assert_non_null(r);
	fx_req_free(last);
	last = r;
	assert_int_equal(fx_sign_in(r, user, CSRF), 0);
	if (m == HTTP_POST) {
		const char *body = arena_printf(r->arena, "csrf=" CSRF "%s%s", form ? "&" : "", form ? form : "");
		const char *msg;
		assert_int_equal(req_parse_form(r, body, strlen(body), &msg), 0);
	}
	const char *q = strchr(path, '?');
	if (q) {
		/* the router sees the path; the query's one field is added by hand */
		r->path = arena_strndup(r->arena, path, (size_t)(q - path));
		const char *eq = strchr(q + 1, '=');
		assert_true(req_add_query(r, arena_strndup(r->arena, q + 1, (size_t)(eq - q - 1)), eq + 1));
	}
	router_dispatch(r);
	return r;
}

static bool has(const struct req *r, const char *text)
{
	return strstr(fx_body(r), text) != NULL;
}

static char pbuf[4][160];
static int pnext;
#define path(fmt, id) \
	(pnext = (pnext + 1) % 4, snprintf(pbuf[pnext], sizeof pbuf[pnext], fmt, (long long)(id)), pbuf[pnext])

static void the_key_workers_worklists_show_sections_with_counts(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, "/worklist", NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>My worklist</h1>"));
	assert_true(has(r, "data-count=\"due\">"));
	assert_true(has(r, "<h2 id=\"checkin\">Maintenance check-ins due or overdue"));
	r = as("keyworker", HTTP_GET, "/worklist/team?sort=name", NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Team worklist</h1>"));
	assert_true(has(r, "<strong aria-current=\"true\">person"));
	assert_true(has(r, "<a href=\"/worklist/team?sort=date\">date</a>"));
	/* Demo maintenance episodes with a check-in three days overdue. */
	assert_true(has(r, "3 days overdue"));
	r = as("keyworker", HTTP_GET, "/worklist?sort=id", NULL);
	assert_int_equal(r->status, 400);
	r = as("person", HTTP_GET, "/worklist", NULL);
	assert_int_equal(r->status, 403);
	r = as("keyworker", HTTP_GET, "/", NULL);
	assert_true(has(r, "href=\"/worklist\""));
}

static void margarets_activity_and_reviews_show_what_the_demo_recorded(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/activity", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "Went through the plan together at home"));
	assert_true(has(r, "Not in the plan</strong>"));
	assert_true(has(r, "name=\"activity_action\""));
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/reviews", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "I feel steadier on my feet"));
	assert_true(has(r, "Move it to review</a> first"));
	assert_false(has(r, "Record this review"));
}

static void a_wrong_activity_form_keeps_and_escapes_what_was_typed_and_writes_nothing(void **state)
{
	(void)state;
	int64_t before = raw_i64("SELECT count(*) FROM activity");
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/activity", margaret_ep),
			   "activity_date=2026-13-01&activity_who=%3Cscript%3Ex&activity_kind=visit");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Implementation: actions and activity - Careplan</title>"));
	assert_true(has(r, "<a href=\"#activity_kind\">Select what kind of activity it was</a>"));
	assert_true(has(r, "<a href=\"#activity_action\">"));
	assert_true(has(r, "value=\"&lt;script&gt;x\""));
	assert_false(has(r, "<script>x"));
	assert_int_equal(raw_i64("SELECT count(*) FROM activity"), before);
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/reviews", margaret_ep),
	       "version=1&held_date=2026-01-01&decision=continue&reason=x");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "Move it to review first"));
}

static void a_discharged_persons_record_shows_the_route_back_first(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/people/%lld", discharged_person), NULL);
	assert_int_equal(r->status, 200);
	const char *body = fx_body(r);
	const char *route = strstr(body, "the route back</h2>");
	const char *details = strstr(body, "Personal details");
	assert_non_null(route);
	assert_non_null(details);
	assert_true(route < details);
	assert_true(has(r, "0113 496 0000"));
}

static void unknown_ids_are_not_found(void **state)
{
	(void)state;
	assert_int_equal(as("keyworker", HTTP_GET, "/episodes/99999999/activity", NULL)->status, 404);
	assert_int_equal(as("keyworker", HTTP_GET, "/episodes/99999999/reviews", NULL)->status, 404);
	assert_int_equal(as("keyworker", HTTP_POST, "/plan-actions/99999999/status", "action_status=done")->status, 404);
	assert_int_equal(as("keyworker", HTTP_POST, "/episodes/99999999/checkins", "checkin_date=2026-01-01")->status,
			 404);
	assert_int_equal(as("commissioner", HTTP_GET, path("/episodes/%lld/activity", margaret_ep), NULL)->status, 403);
}

int main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, free_leftovers)
	const struct CMUnitTest tests[] = {
		T(the_key_workers_worklists_show_sections_with_counts),
		T(margarets_activity_and_reviews_show_what_the_demo_recorded),
		T(a_wrong_activity_form_keeps_and_escapes_what_was_typed_and_writes_nothing),
		T(a_discharged_persons_record_shows_the_route_back_first),
		T(unknown_ids_are_not_found),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
