/*
 * test_h_assess.c - the assessment pages (src/http/h_assess.c and
 * src/view/v_assess.c) through the router against the demo database:
 * Margaret Hughes's full assessment and its summary, each form's errors
 * shown with what was typed and nothing written, the story's stale-version
 * refusal, a PHQ-9 with item 9 above 0 bringing the safety callout, a
 * medicine changed and stopped, an ended episode read-only with its changes
 * refused, escaping, unknown ids and roles without access.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/assess_service.h"
#include "fixture.h"
#include "http/router.h"

#define CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct fx_demo demo;
static int64_t margaret_ep; /* Margaret Hughes's open episode */
static int64_t ended_ep;    /* some demo person's closed or discharged episode */
static struct req *last;

static int group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || fx_demo_open(&demo))
		return -1;
	struct store_conn *c = store_acquire(demo.st);
	struct arena *a = arena_new(1 << 16);
	struct store_person p;
	struct store_episode e;
	enum cp_err err = store_person_by_nhs(c, a, "9998219132", &p);
	if (!err)
		err = store_episode_open_of(c, a, p.id, &e);
	margaret_ep = err ? 0 : e.id;
	for (int64_t id = 1; id < 200 && !ended_ep; id++)
		if (store_episode_get(c, a, id, &e) == CP_OK &&
		    (strcmp(e.stage, "closed") == 0 || strcmp(e.stage, "discharged") == 0))
			ended_ep = id;
	arena_free(a);
	store_release(demo.st, c);
	return err || !ended_ep ? -1 : 0;
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
	const char *q = strchr(path, '?');
	if (q) {
		/* The router sees the path; the query goes in as the server would put it. */
		r->path = arena_strndup(r->arena, path, (size_t)(q - path));
		const char *eq = strchr(q + 1, '=');
		assert_non_null(eq);
		assert_true(req_add_query(r, arena_strndup(r->arena, q + 1, (size_t)(eq - q - 1)), eq + 1));
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

/* printf into one of a few rotating buffers, so two can be used in one call. */
__attribute__((format(printf, 1, 2))) static const char *fmt_(const char *fmt, ...)
{
	static char pbuf[4][300];
	static int pnext;
	pnext = (pnext + 1) % 4;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pbuf[pnext], sizeof pbuf[pnext], fmt, ap);
	va_end(ap);
	return pbuf[pnext];
}
#define path(fmt, id) fmt_(fmt, (long long)(id))

static int64_t story_version(int64_t ep)
{
	struct store_conn *c = store_acquire(demo.st);
	struct arena *a = arena_new(1 << 16);
	struct store_story s;
	int64_t v = store_story_current(c, a, ep, &s) == CP_OK ? s.version : 0;
	arena_free(a);
	store_release(demo.st, c);
	return v;
}

static int64_t audits(const char *action)
{
	struct store_conn *c = store_acquire(demo.st);
	int64_t n = -1;
	assert_int_equal(store_audit_count(c, action, &n), CP_OK);
	store_release(demo.st, c);
	return n;
}

static size_t entries(int64_t ep)
{
	struct store_conn *c = store_acquire(demo.st);
	struct arena *a = arena_new(1 << 20);
	struct store_assess_entry *es;
	size_t n = 0;
	assert_int_equal(store_assess_entry_list(c, a, ep, 500, &es, &n), CP_OK);
	arena_free(a);
	store_release(demo.st, c);
	return n;
}

static void margarets_assessment_shows_her_words_a_summary_and_the_domain_still_missing(void **state)
{
	(void)state;
	int64_t reads = audits("assessment.read");
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_int_equal(audits("assessment.read"), reads + 1);
	assert_true(has(r, "<title>Holistic assessment - Careplan</title>"));
	assert_true(has(r, "In Margaret&rsquo;s own words"));
	assert_true(has(r, "Written down with Margaret by Sam Okafor"));
	assert_true(has(r, "Earlier versions of their story"));
	assert_true(has(r, "Dr Helen Carter, GP"));
	assert_true(has(r, "Daniel Kim, Pharmacist"));
	assert_true(has(r, "No entry yet for 1 domain:"));
	assert_true(has(r, path("<li><a href=\"/episodes/%lld/assessment/entry?domain=finances\">Finances<span", margaret_ep)));
	assert_true(has(r, "covering 8 of 9 domains"));
	assert_true(has(r, "David Hughes (husband)"));
	assert_true(has(r, "Needs review</strong>"));
	assert_true(has(r, "Stopped</strong>"));
	assert_true(has(r, "7 taken now, 1 needing review"));
	assert_true(has(r, "Down 4 (lower is better)"));
	/* Her latest PHQ-9 has item 9 at 0: no safety prompt on this page. */
	assert_false(has(r, "cp-safety"));
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment/questionnaires", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "A later PHQ-9 has been recorded since"));
	assert_false(has(r, "Ask them about it today"));
}

static void a_wrong_story_is_shown_again_with_what_was_typed_and_nothing_is_saved(void **state)
{
	(void)state;
	int64_t v = story_version(margaret_ep);
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/story", margaret_ep),
			   path("version=%lld&whats_new=%%3Cb%%3ENew+knee%%3C%%2Fb%%3E", v));
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Change their story - Careplan</title>"));
	assert_true(has(r, "<a href=\"#recorded_by\">Select who wrote the story down</a>"));
	assert_true(has(r, "&lt;b&gt;New knee&lt;/b&gt;"));
	assert_false(has(r, "<b>New knee"));
	assert_int_equal(story_version(margaret_ep), v);
	/* A form read before someone else saved is refused, and keeps the text. */
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/story", margaret_ep),
	       path("version=%lld&whats_new=Mine&recorded_by=person", v - 1));
	assert_int_equal(r->status, 409);
	assert_true(has(r, "Someone else changed the person&#39;s story"));
	assert_true(has(r, ">Mine</textarea>"));
	assert_true(has(r, "Their story as saved now"));
	assert_true(has(r, "In Margaret&rsquo;s own words"));
	assert_true(has(r, path("name=\"version\" value=\"%lld\"", v)));
	assert_int_equal(story_version(margaret_ep), v);
	int64_t saves = audits("assessment.story");
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/story", margaret_ep),
	       path("version=%lld&whats_new=A+new+knee&recorded_by=person", v));
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), path("/episodes/%lld/assessment#story", margaret_ep));
	assert_int_equal(story_version(margaret_ep), v + 1);
	assert_int_equal(audits("assessment.story"), saves + 1);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment", margaret_ep), NULL);
	assert_true(has(r, "Written by Margaret themself"));
}

static void each_form_names_its_bad_fields_and_writes_nothing(void **state)
{
	(void)state;
	size_t before = entries(margaret_ep);
	int64_t all = audits(NULL), reads = audits("assessment.read");
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/entry", margaret_ep),
			   "kind=risk&domain=finances&description=Scam+calls");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#severity\">Select how serious the risk is</a>"));
	assert_true(has(r, "<a href=\"#likelihood\">Select how likely the risk is</a>"));
	assert_true(has(r, "<a href=\"#mitigation\">Enter what reduces the risk</a>"));
	assert_true(has(r, "value=\"finances\" checked"));
	assert_true(has(r, ">Scam calls</textarea>"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/professional", margaret_ep), "story_date=2999-01-01");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#issues\">Enter the issues as you see them</a>"));
	assert_true(has(r, "Date must be today or in the past"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/outcome", margaret_ep), "outcome=Dancing");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#agreed_by\">Enter who agreed it</a>"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/carer", margaret_ep), "contact_id=999&carer_needs=x");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#contact_id\">Select the carer these needs are theirs</a>"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/medicine", margaret_ep),
	       "med_name=Aspirin&needs_review=yes");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#med_dose\">Enter the dose and how it is taken</a>"));
	assert_true(has(r, "<a href=\"#review_reason\">Enter why the medicine needs a review</a>"));
	assert_true(has(r, "value=\"yes\" checked"));
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/questionnaire", margaret_ep),
	       "instrument=gad7&taken_date=2026-09-01&item1=0&item2=5&item3=1&item4=1&item5=1&item6=1");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#item2\">GAD-7 item 2: the answer must be from 0 to 3, not 5.</a>"));
	assert_true(has(r, "<a href=\"#item7\">GAD-7 item 7: select an answer</a>"));
	assert_true(has(r, "id=\"item1\" name=\"item1\" type=\"radio\" value=\"0\" checked"));
	assert_int_equal(entries(margaret_ep), before);
	/* Only the reads of the forms shown again were audited: one a form. */
	assert_int_equal(audits("assessment.read") - reads, 6);
	assert_int_equal(audits(NULL) - all, 6);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment/entry?domain=housing", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "value=\"housing\" checked"));
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment/questionnaire?instrument=mmse", margaret_ep), NULL);
	assert_int_equal(r->status, 404);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment/questionnaire?instrument=ucla3", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<title>Record a UCLA-3"));
}

static void a_phq9_with_item_9_above_0_brings_the_safety_prompt(void **state)
{
	(void)state;
	int64_t n = audits("assessment.instrument");
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/questionnaire", margaret_ep),
			   "instrument=phq9&taken_date=2026-09-21&item1=1&item2=2&item3=1&item4=1&item5=0&item6=1"
			   "&item7=0&item8=0&item9=1");
	assert_int_equal(r->status, 303);
	const char *loc = fx_resp_header(r, "Location");
	assert_non_null(strstr(loc, "/assessment/questionnaires#result-"));
	assert_int_equal(audits("assessment.instrument"), n + 1);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment/questionnaires", margaret_ep), NULL);
	assert_true(has(r, "nhsuk-card--warning"));
	assert_true(has(r, "Ask them about it today"));
	assert_true(has(r, "No change"));
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment", margaret_ep), NULL);
	assert_true(has(r, "id=\"safety\""));
	assert_true(has(r, "Ask them about it today"));
	assert_true(has(r, "local safety procedure"));
}

static void a_medicine_is_changed_then_stopped_and_then_stays_as_it_is(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/medicine", margaret_ep),
			   "med_name=Senna&med_dose=Two+at+night&med_purpose=Constipation");
	assert_int_equal(r->status, 303);
	struct store_conn *c = store_acquire(demo.st);
	struct arena *a = arena_new(1 << 20);
	struct store_medicine *ms;
	size_t n = 0;
	assert_int_equal(store_medicine_list(c, a, margaret_ep, 100, &ms, &n), CP_OK);
	int64_t med = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ms[i].name, "Senna") == 0)
			med = ms[i].id;
	arena_free(a);
	store_release(demo.st, c);
	assert_true(med > 0);
	r = as("keyworker", HTTP_GET, path("/assessment-medicines/%lld/edit", med), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "value=\"Senna\""));
	r = as("keyworker", HTTP_POST, path("/assessment-medicines/%lld/edit", med),
	       "version=1&med_name=Senna&med_dose=One+at+night&needs_review=yes");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "Enter why the medicine needs a review"));
	r = as("keyworker", HTTP_POST, path("/assessment-medicines/%lld/edit", med),
	       "version=1&med_name=Senna&med_dose=One+at+night&needs_review=yes&review_reason=Still+needed%3F");
	assert_int_equal(r->status, 303);
	r = as("keyworker", HTTP_POST, path("/assessment-medicines/%lld/edit", med),
	       "version=1&med_name=Senna&med_dose=Three");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "Someone else changed this medicine"));
	assert_true(has(r, "As recorded now"));
	assert_true(has(r, "Still needed?"));
	assert_true(has(r, "value=\"Three\""));
	r = as("keyworker", HTTP_POST, path("/assessment-medicines/%lld/stop", med), "version=2&stopped_date=2999-01-01");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "Date stopped must be today or in the past"));
	r = as("keyworker", HTTP_POST, path("/assessment-medicines/%lld/stop", med),
	       "version=2&stopped_date=2026-09-20&stopped_reason=Settled");
	assert_int_equal(r->status, 303);
	r = as("keyworker", HTTP_GET, path("/assessment-medicines/%lld/edit", med), NULL);
	assert_int_equal(r->status, 409);
	r = as("keyworker", HTTP_POST, path("/assessment-medicines/%lld/edit", med), "version=3&med_name=S&med_dose=T");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "has been stopped"));
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment", margaret_ep), NULL);
	assert_true(has(r, "Stopped</strong> 20 September 2026: Settled"));
	assert_int_equal(as("keyworker", HTTP_GET, "/assessment-medicines/999999/edit", NULL)->status, 404);
}

static void an_ended_episode_is_read_only_and_refuses_changes(void **state)
{
	(void)state;
	struct req *r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment", ended_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "This episode has ended. Its assessment can be read but not changed."));
	assert_false(has(r, "/assessment/story\""));
	assert_false(has(r, "Add a medicine"));
	int64_t all = audits(NULL), reads = audits("assessment.read");
	size_t before = entries(ended_ep);
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/entry", ended_ep),
	       "kind=strength&domain=social&description=Friends");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "This episode has ended"));
	assert_int_equal(entries(ended_ep), before);
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/entry", ended_ep), "kind=strength");
	assert_int_equal(r->status, 409);
	r = as("keyworker", HTTP_POST, path("/episodes/%lld/assessment/story", ended_ep),
	       "version=0&whats_new=x&recorded_by=person");
	assert_int_equal(r->status, 409);
	r = as("keyworker", HTTP_GET, path("/episodes/%lld/assessment/story", ended_ep), NULL);
	assert_int_equal(r->status, 409);
	/* Only reads were audited (the form shown again reads the assessment). */
	assert_int_equal(audits(NULL) - all, audits("assessment.read") - reads);
}

static void unknown_episodes_are_404_and_other_roles_are_refused(void **state)
{
	(void)state;
	assert_int_equal(as("keyworker", HTTP_GET, "/episodes/999999/assessment", NULL)->status, 404);
	assert_int_equal(as("keyworker", HTTP_POST, "/episodes/999999/assessment/outcome",
			    "outcome=x&agreed_by=y&agreed_date=2026-01-01")->status,
			 404);
	assert_int_equal(as("person", HTTP_GET, path("/episodes/%lld/assessment", margaret_ep), NULL)->status, 403);
	assert_int_equal(as("carer", HTTP_POST, path("/episodes/%lld/assessment/outcome", margaret_ep),
			    "outcome=x&agreed_by=y&agreed_date=2026-01-01")->status,
			 403);
	assert_int_equal(as("commissioner", HTTP_GET, path("/episodes/%lld/assessment/questionnaires", margaret_ep),
			    NULL)->status,
			 403);
	assert_int_equal(as("gp.carter", HTTP_GET, path("/episodes/%lld/assessment", margaret_ep), NULL)->status, 200);
	/* A professional's story is tagged with the author's discipline. */
	struct req *r = as("pharm.kim", HTTP_POST, path("/episodes/%lld/assessment/professional", margaret_ep),
			   "issues=Too+many+tablets&story_date=2026-09-21");
	assert_int_equal(r->status, 303);
	r = as("manager", HTTP_GET, path("/episodes/%lld/assessment/professional", margaret_ep), NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "No discipline recorded"));
	r = as("manager", HTTP_POST, path("/episodes/%lld/assessment/professional", margaret_ep),
	       "issues=x&story_date=2026-09-21");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<a href=\"#discipline\">"));
}

#define T(fn) cmocka_unit_test_teardown(fn, free_leftovers)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(margarets_assessment_shows_her_words_a_summary_and_the_domain_still_missing),
		T(a_wrong_story_is_shown_again_with_what_was_typed_and_nothing_is_saved),
		T(each_form_names_its_bad_fields_and_writes_nothing),
		T(a_phq9_with_item_9_above_0_brings_the_safety_prompt),
		T(a_medicine_is_changed_then_stopped_and_then_stays_as_it_is),
		T(an_ended_episode_is_read_only_and_refuses_changes),
		T(unknown_episodes_are_404_and_other_roles_are_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
