/*
 * test_h_plan.c - the care and support plan's pages (src/http/h_plan.c and
 * src/view/v_plan.c) through the router against the demo database:
 * Margaret's agreed plan with every section, the forms (prefilled,
 * escaped), a wrong form naming each field and writing nothing, a save, a
 * stale save refused with what was typed, the comparison of versions,
 * unknown sections, entries and episodes, an ended episode's plan, and
 * roles without access.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/plan_service.h"
#include "fixture.h"
#include "http/router.h"
#include "store/sqlite_internal.h"

#define CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct fx_demo demo;
static int64_t margaret_ep; /* Margaret Hughes's open episode */
static int64_t ended_ep;    /* a discharged or closed episode with or without a plan */
static struct req *last;

static int64_t one_i64(const char *sql_)
{
	struct store_conn *c = store_acquire(demo.st);
	sqlite3_stmt *s = NULL;
	int64_t v = 0;
	if (sqlite3_prepare_v2(c->db, sql_, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	store_release(demo.st, c);
	return v;
}

static int group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || fx_demo_open(&demo))
		return -1;
	margaret_ep = one_i64("SELECT e.id FROM episode e JOIN person p ON p.id = e.person_id WHERE p.given_name = "
			      "'Margaret' AND p.family_name = 'Hughes'");
	ended_ep = one_i64("SELECT id FROM episode WHERE stage IN ('discharged', 'closed') LIMIT 1");
	return margaret_ep && ended_ep ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	fx_demo_close(&demo);
	return 0;
}

/* A request to path (with ?query) as user, a form body for POST. */
static struct req *as(const char *user, enum http_method m, const char *url, const char *form)
{
	char p[512];
	snprintf(p, sizeof p, "%s", url);
	char *qs = strchr(p, '?');
	if (qs)
		*qs++ = '\0';
	struct req *r = fx_req_new(&demo.app, m, p);
	assert_non_null(r);
	fx_req_free(last);
	last = r;
	assert_int_equal(fx_sign_in(r, user, CSRF), 0);
	for (char *kv = qs; kv && *kv;) {
		char *amp = strchr(kv, '&');
		if (amp)
			*amp = '\0';
		char *eq = strchr(kv, '=');
		if (eq)
			*eq = '\0';
		assert_true(req_add_query(r, kv, eq ? eq + 1 : ""));
		kv = amp ? amp + 1 : NULL;
	}
	if (m == HTTP_POST) {
		const char *body = arena_printf(r->arena, "csrf=" CSRF "%s%s", form ? "&" : "", form ? form : "");
		const char *msg;
		assert_int_equal(req_parse_form(r, body, strlen(body), &msg), 0);
	}
	router_dispatch(r);
	return r;
}

static bool has(const struct req *r, const char *text)
{
	return strstr(fx_body(r), text) != NULL;
}

/* fmt with its values, in one of a few rotating buffers. */
static const char *path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *path(const char *fmt, ...)
{
	static char pbuf[4][256];
	static int pnext;
	pnext = (pnext + 1) % 4;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pbuf[pnext], sizeof pbuf[pnext], fmt, ap);
	va_end(ap);
	return pbuf[pnext];
}

static int64_t version(void)
{
	char q[160];
	snprintf(q, sizeof q, "SELECT version FROM care_plan WHERE episode_id = %lld", (long long)margaret_ep);
	return one_i64(q);
}

static void margarets_plan_shows_every_section_with_status_and_next_review(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan", (long long)margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Care and support plan</h1>"));
	assert_true(has(r, "Agreed, version 3 (agreed on "));
	assert_true(has(r, "Next review</dt>"));
	for (int s = 0; s < PLS__MAX; s++) {
		char h[120];
		snprintf(h, sizeof h, "<h2 id=\"%s\">", plan_section_code((enum plan_section)s));
		/* The service plan and charges is for social care staff only by
		 * default, and Sam is a nurse: not even its heading. */
		if (s == PLS_SERVICE) {
			if (has(r, h))
				fail_msg("a nurse sees the heading %s", h);
			continue;
		}
		if (!has(r, h))
			fail_msg("no heading %s", h);
	}
	assert_true(has(r, "I want to walk to the corner shop and back on my own"));
	assert_true(has(r, "A carer: David Hughes"));
	assert_true(has(r, "A COPD flare-up"));
	assert_true(has(r, "Every week on Wednesday"));
	assert_true(has(r, "of the allocation left"));
	assert_true(has(r, "/plan/compare\">Compare versions</a>"));
	assert_true(has(r, "/plan/edit?section=goal&amp;item="));
	assert_true(has(r, "\">Add a goal</a>"));
	assert_true(has(r, "\">Change the agreement and review</a>"));
}

static void a_form_is_prefilled_and_a_wrong_one_names_each_field_and_writes_nothing(void **state)
{
	(void)state;
	int64_t goal = one_i64("SELECT id FROM plan_goal WHERE title LIKE 'I want to get back to the Tuesday%'");
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan/edit?section=goal&item=%lld",
						       (long long)margaret_ep, (long long)goal), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Change this goal</h1>"));
	assert_true(has(r, ">I want to get back to the Tuesday lunch club</textarea>"));
	assert_true(has(r, "name=\"goal_gas_baseline\" aria-describedby=\"goal_gas_baseline-hint\" type=\"text\" "
			   "autocomplete=\"off\" value=\"-2\""));
	int64_t v = version(), versions = one_i64("SELECT count(*) FROM plan_version");
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)margaret_ep),
	       path("section=goal&item=%lld&plan_version=%lld&goal_title=%%3Cb%%3ELunch&goal_status=&goal_gas_baseline=9",
		    (long long)goal, (long long)v));
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Goals - Careplan</title>"));
	assert_true(has(r, "<a href=\"#goal_status\">Select the goal&#39;s status</a>"));
	assert_true(has(r, "must be a whole number from -2 to 2"));
	assert_true(has(r, "&lt;b&gt;Lunch</textarea>"));
	assert_false(has(r, "<b>Lunch"));
	assert_int_equal(version(), v);
	assert_int_equal(one_i64("SELECT count(*) FROM plan_version"), versions);
}

static void a_save_moves_the_version_on_and_a_stale_one_is_refused_keeping_what_was_typed(void **state)
{
	(void)state;
	int64_t v = version();
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)margaret_ep),
			   path("section=equipment&item=0&plan_version=%lld&equip_item=Grab+rail", (long long)v));
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), path("/episodes/%lld/plan#equipment", (long long)margaret_ep));
	assert_int_equal(version(), v + 1);
	r = as("gp.carter", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)margaret_ep),
	       path("section=equipment&item=0&plan_version=%lld&equip_item=Bath+lift", (long long)v));
	assert_int_equal(r->status, 409);
	assert_true(has(r, "Sam Okafor saved this plan at "));
	assert_true(has(r, "value=\"Bath lift\""));
	assert_true(has(r, path("name=\"plan_version\" value=\"%lld\"", (long long)(v + 1))));
	assert_int_equal(version(), v + 1);
	assert_int_equal(one_i64("SELECT count(*) FROM plan_value WHERE value = 'Bath lift'"), 0);
	/* Comparing the two versions shows the new equipment. */
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan/compare?from=%lld&to=%lld", (long long)margaret_ep,
					   (long long)v, (long long)(v + 1)), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h2>Equipment and adaptations</h2>"));
	assert_true(has(r, "Grab rail <strong class=\"nhsuk-tag nhsuk-tag--green\">Added</strong>"));
}

static void unknown_sections_entries_and_episodes_are_not_found(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan/edit?section=nope", (long long)margaret_ep), NULL);
	assert_int_equal(r->status, 404);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan/edit?section=goal&item=999999", (long long)margaret_ep), NULL);
	assert_int_equal(r->status, 404);
	r = as("keyworker", HTTP_GET, "/episodes/999999/plan", NULL);
	assert_int_equal(r->status, 404);
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)margaret_ep),
	       "section=goal&item=999999&plan_version=1&goal_title=x&goal_status=active");
	assert_int_equal(r->status, 404);
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)margaret_ep), "section=goal&item=0");
	assert_int_equal(r->status, 400);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan/compare?from=1&to=99", (long long)margaret_ep), NULL);
	assert_int_equal(r->status, 404);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan/compare?from=x", (long long)margaret_ep), NULL);
	assert_int_equal(r->status, 400);
}

static void an_ended_episodes_plan_is_read_only(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/plan", (long long)ended_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "can be read but not changed"));
	assert_false(has(r, "/plan/edit"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)ended_ep),
	       "section=sos&item=0&plan_version=0&sos_route=Ring");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "This episode has ended"));
	char q[160];
	snprintf(q, sizeof q, "SELECT count(*) FROM care_plan WHERE episode_id = %lld", (long long)ended_ep);
	assert_int_equal(one_i64(q), 0);
}

static void roles_without_people_access_are_refused(void **state)
{
	(void)state;
	struct req *r = as("commissioner", HTTP_GET, path("/episodes/%lld/plan", (long long)margaret_ep), NULL);
	assert_int_equal(r->status, 403);
	r = as("person", HTTP_POST, path("/episodes/%lld/plan/edit", (long long)margaret_ep),
	       "section=sos&item=0&plan_version=0&sos_route=Ring");
	assert_int_equal(r->status, 403);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(margarets_plan_shows_every_section_with_status_and_next_review),
		cmocka_unit_test(a_form_is_prefilled_and_a_wrong_one_names_each_field_and_writes_nothing),
		cmocka_unit_test(a_save_moves_the_version_on_and_a_stale_one_is_refused_keeping_what_was_typed),
		cmocka_unit_test(unknown_sections_entries_and_episodes_are_not_found),
		cmocka_unit_test(an_ended_episodes_plan_is_read_only),
		cmocka_unit_test(roles_without_people_access_are_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
