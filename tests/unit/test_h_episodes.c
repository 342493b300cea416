/*
 * test_h_episodes.c - the episode pages (src/http/h_episodes.c and
 * src/view/v_episode.c) through the router against the demo database:
 * starting an episode, the errors of a wrong form, the episode page offering
 * only the allowed moves, refused and stale moves, escaping of what was
 * typed, unknown ids and roles without access.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/episode_service.h"
#include "fixture.h"
#include "http/router.h"

#define CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct fx_demo demo;
static int64_t kenneth; /* Kenneth Kelly, a demo person with no episode */
static struct req *last; /* the newest request, freed by the next */

static int group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || fx_demo_open(&demo))
		return -1;
	struct store_conn *c = store_acquire(demo.st);
	struct arena *a = arena_new(1 << 16);
	struct store_person p;
	enum cp_err err = store_person_by_nhs(c, a, "9996822788", &p);
	kenneth = p.id;
	arena_free(a);
	store_release(demo.st, c);
	return err ? -1 : 0;
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

/* A request to path as user (a form body for POST, the session's token
 * added), dispatched.  The request before it is freed once this one exists
 * (its strings may be this one's path), so at most two hold a connection. */

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
	router_dispatch(r);
	return r;
}

static bool has(const struct req *r, const char *text)
{
	return strstr(fx_body(r), text) != NULL;
}

/* fmt (a literal with one %lld) with id, in one of a few rotating buffers. */
static char pbuf[4][160];
static int pnext;
#define path(fmt, id) \
	(pnext = (pnext + 1) % 4, snprintf(pbuf[pnext], sizeof pbuf[pnext], fmt, (long long)(id)), pbuf[pnext])

static int64_t episodes(void)
{
	struct store_conn *c = store_acquire(demo.st);
	struct arena *a = arena_new(1 << 16);
	struct store_episode *list;
	size_t n = 0;
	assert_int_equal(store_episode_list(c, a, kenneth, 50, &list, &n), CP_OK);
	arena_free(a);
	store_release(demo.st, c);
	return (int64_t)n;
}

#define GOOD                                                                                                   \
	"origin=referral&source=GP&urgency=routine&referral_date=2026-01-10&reason=%3Cscript%3Efalls&level=2"   \
	"&assessment_by=person&assessment_date=2026-01-12&assessment_scope=Home+visit&sharing_by=person"       \
	"&sharing_date=2026-01-12&sharing_scope=GP"

static int64_t started;

static void a_wrong_start_form_lists_every_problem_and_writes_nothing(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/people/%lld", kenneth), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "Start an episode<span class=\"nhsuk-u-visually-hidden\"> for Kenneth Kelly"));
	r = as("keyworker", HTTP_GET, path("/people/%lld/episodes/new", kenneth), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<label class=\"nhsuk-label\" for=\"referral_date\">Date of referral</label>"));
	r = as("keyworker", HTTP_POST, path("/people/%lld/episodes/new", kenneth), "origin=referral&level=9");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Start an episode - Careplan</title>"));
	assert_true(has(r, "<a href=\"#source\">Enter who referred them</a>"));
	assert_true(has(r, "<a href=\"#level\">Select the level of care</a>"));
	assert_true(has(r, "aria-describedby=\"reason-hint reason-error\""));
	assert_int_equal(episodes(), 0);
}

static void a_started_episode_offers_only_the_allowed_moves_and_escapes_what_was_typed(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_POST, path("/people/%lld/episodes/new", kenneth), GOOD);
	assert_int_equal(r->status, 303);
	const char *loc = fx_resp_header(r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/episodes/", 10), 0);
	started = strtoll(loc + 10, NULL, 10);
	assert_true(started > 0);
	r = as("keyworker", HTTP_GET, loc, NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "&lt;script&gt;falls"));
	assert_false(has(r, "<script>falls"));
	assert_true(has(r, "name=\"to_stage\" type=\"radio\" value=\"assessment\""));
	assert_true(has(r, "name=\"to_stage\" type=\"radio\" value=\"closed\""));
	assert_false(has(r, "value=\"planning\""));
	assert_true(has(r, "<input type=\"hidden\" name=\"version\" value=\"1\">"));
	r = as("keyworker", HTTP_GET, path("/people/%lld/episodes/new", kenneth), NULL);
	assert_int_equal(r->status, 409);
	assert_true(has(r, path("<a href=\"/episodes/%lld\">Go to their open episode</a>", started)));
}

static void a_forged_or_stale_move_is_refused(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/stage", started),
			   "version=1&to_stage=active&stage_reason=skip");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "From entry the episode can move to: assessment, closed."));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/stage", started),
	       "version=4&to_stage=assessment&stage_reason=ok");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "Someone else changed this episode"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/stage", started), "version=1&stage_reason=ok");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#to_stage\">Select the stage to move the episode to</a>"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/stage", started),
	       "version=1&to_stage=assessment&stage_reason=Visit+booked");
	assert_int_equal(r->status, 303);
}

static void unknown_episodes_are_404_and_other_roles_are_refused(void **state)
{
	(void)state;
	assert_int_equal(as("keyworker", HTTP_GET, "/episodes/999999", NULL)->status, 404);
	assert_int_equal(as("keyworker", HTTP_GET, "/people/999999/episodes/new", NULL)->status, 404);
	/* Not Margaret's: to her it is not there. */
	assert_int_equal(as("person", HTTP_GET, path("/episodes/%lld", started), NULL)->status, 404);
	assert_int_equal(as("commissioner", HTTP_POST, path("/episodes/%lld/level", started),
			    "version=2&level=3&level_reason=x")->status,
			 403);
	assert_int_equal(as("manager", HTTP_GET, path("/episodes/%lld", started), NULL)->status, 200);
}

#define T(fn) cmocka_unit_test_teardown(fn, free_leftovers)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_wrong_start_form_lists_every_problem_and_writes_nothing),
		T(a_started_episode_offers_only_the_allowed_moves_and_escapes_what_was_typed),
		T(a_forged_or_stale_move_is_refused),
		T(unknown_episodes_are_404_and_other_roles_are_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
