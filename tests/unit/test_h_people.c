/*
 * test_h_people.c - the people pages (src/http/h_people.c and
 * src/view/v_people.c) through the router against the demo database: the
 * search, a record, adding and changing a person, adding a contact, what a
 * form shows when something is wrong, and the audit rows each leaves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/person.h"
#include "fixture.h"
#include "http/router.h"
#include "util/str.h"

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

static int free_leftovers(void **state)
{
	(void)state;
	fx_req_free_all();
	return 0;
}

/* A request to path as the key worker; query "k=v&k=v" (values plain) for
 * GET, a form body for POST (the session's token added). */
static struct req *as(const char *user, enum http_method m, const char *path, const char *params)
{
	struct req *r = fx_req_new(&demo.app, m, path);
	assert_non_null(r);
	assert_int_equal(fx_sign_in(r, user, CSRF), 0);
	if (m == HTTP_POST) {
		const char *body = arena_printf(r->arena, "csrf=" CSRF "%s%s", params ? "&" : "", params ? params : "");
		const char *msg;
		assert_int_equal(req_parse_form(r, body, strlen(body), &msg), 0);
	} else if (params) {
		char *copy = arena_strdup(r->arena, params);
		for (char *p = copy; p && *p;) {
			char *amp = strchr(p, '&');
			if (amp)
				*amp = '\0';
			char *eq = strchr(p, '=');
			if (eq)
				*eq = '\0';
			assert_true(req_add_query(r, p, eq ? eq + 1 : ""));
			p = amp ? amp + 1 : NULL;
		}
	}
	router_dispatch(r);
	return r;
}

static struct req *get(const char *path, const char *query)
{
	return as("keyworker", HTTP_GET, path, query);
}

static struct req *post(const char *path, const char *form)
{
	return as("keyworker", HTTP_POST, path, form);
}

static int64_t audit_count(const char *action)
{
	struct store_conn *c = store_acquire(demo.st);
	int64_t n = -1;
	assert_int_equal(store_audit_count(c, action, &n), CP_OK);
	store_release(demo.st, c);
	return n;
}

static int64_t people(void)
{
	struct store_conn *c = store_acquire(demo.st);
	struct store_stats s;
	struct arena *a = arena_new(1 << 16);
	assert_int_equal(store_stats(c, a, &s), CP_OK);
	arena_free(a);
	store_release(demo.st, c);
	return s.people;
}

static bool has(const struct req *r, const char *text)
{
	return strstr(fx_body(r), text) != NULL;
}

/* ---- search -------------------------------------------------------------------- */

static void an_empty_search_shows_the_form_only_and_records_nothing(void **state)
{
	(void)state;
	int64_t before = audit_count("person.search");
	struct req *r = get("/people", NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Find a person</h1>"));
	assert_true(has(r, "<form action=\"/people\" method=\"get\" novalidate>"));
	assert_false(has(r, "id=\"results\""));
	assert_true(has(r, "<title>Find a person - Careplan</title>"));
	assert_true(has(r, "aria-current=\"page\" href=\"/people\">People</a>"));
	fx_req_free(r);
	r = get("/people", "name=&birth_date=&nhs_number=");
	assert_int_equal(r->status, 200);
	assert_false(has(r, "id=\"results\""));
	fx_req_free(r);
	assert_int_equal(audit_count("person.search"), before);
}

static void a_search_by_name_lists_people_with_their_nhs_numbers(void **state)
{
	(void)state;
	int64_t before = audit_count("person.search");
	struct req *r = get("/people", "name=marg hug");
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h2 id=\"results\">1 person found</h2>"));
	assert_true(has(r, "<a href=\"/people/1\">Hughes, Margaret (Maggie)</a>"));
	assert_true(has(r, "999 821 9132"));
	assert_true(has(r, "22 January 1953"));
	assert_true(has(r, "value=\"marg hug\"")); /* the form keeps the search */
	fx_req_free(r);
	assert_int_equal(audit_count("person.search"), before + 1);

	r = get("/people", "name=zzzz");
	assert_true(has(r, "<h2 id=\"results\">No one found</h2>"));
	fx_req_free(r);
	r = get("/people", "nhs_number=999 821 9132");
	assert_true(has(r, "1 person found"));
	fx_req_free(r);
	r = get("/people", "birth_date=1953-01-22");
	assert_true(has(r, "Hughes, Margaret"));
	fx_req_free(r);
}

static void a_search_wider_than_a_page_says_how_many_it_shows(void **state)
{
	(void)state;
	/* More people called Zedd than a page shows. */
	struct store_conn *c = store_acquire(demo.st);
	for (int i = 0; i < PERSON_SEARCH_MAX + 5; i++) {
		char nhs[24], given[24];
		snprintf(nhs, sizeof nhs, "8880%06d", i);
		snprintf(given, sizeof given, "Zoe%02d", i);
		struct store_person p = {.nhs_number = nhs, .given_name = given, .family_name = "Zedd",
					 .birth_date = "1940-01-01", .created_ms = 1, .team_id = 1}; /* the searcher's team */
		int64_t id;
		assert_int_equal(store_person_insert(c, &p, &id), CP_OK);
	}
	store_release(demo.st, c);
	struct req *r = get("/people", "name=zedd");
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h2 id=\"results\">55 people found</h2>"));
	assert_true(has(r, "<p>Showing the first 50."));
	assert_true(has(r, ">Zedd, Zoe00</a>"));
	assert_true(has(r, ">Zedd, Zoe49</a>"));
	assert_false(has(r, ">Zedd, Zoe50</a>"));
	fx_req_free(r);
}

static void a_bad_search_is_400_with_an_error_summary(void **state)
{
	(void)state;
	int64_t before = audit_count("person.search");
	struct req *r = get("/people", "name=Hughes&birth_date=2026-02-30&nhs_number=999 821 9133");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Find a person - Careplan</title>"));
	assert_true(has(r, "<li><a href=\"#birth_date\">Date of birth must be a real date, and 2026-02-30 is not</a></li>"));
	assert_true(has(r, "<li><a href=\"#nhs_number\">NHS number 999 821 9133 is not valid"));
	assert_true(has(r, "id=\"birth_date-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span>"));
	assert_true(has(r, "aria-describedby=\"birth_date-hint birth_date-error\""));
	assert_true(has(r, "value=\"2026-02-30\""));
	assert_false(has(r, "id=\"results\""));
	fx_req_free(r);
	assert_int_equal(audit_count("person.search"), before);
}

/* ---- a record ------------------------------------------------------------------------ */

static void a_record_shows_details_and_contacts_and_is_audited(void **state)
{
	(void)state;
	int64_t before = audit_count("person.read");
	struct req *r = get("/people/1", NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<title>Margaret Hughes - Careplan</title>"));
	assert_true(has(r, "<h1>Margaret Hughes</h1>"));
	assert_true(has(r, "<dl class=\"nhsuk-summary-list\">"));
	assert_true(has(r, "NHS number</dt><dd class=\"nhsuk-summary-list__value\">999 821 9132</dd>"));
	assert_true(has(r, "Date of birth</dt><dd class=\"nhsuk-summary-list__value\">22 January 1953</dd>"));
	assert_true(has(r, "Care team</dt><dd class=\"nhsuk-summary-list__value\">Kingsmead Integrated Care Team</dd>"));
	assert_true(has(r, "<td class=\"nhsuk-table__cell\">David Hughes</td><td class=\"nhsuk-table__cell\">husband"
			   "</td><td class=\"nhsuk-table__cell\">Carer</td>"));
	assert_true(has(r, "<a href=\"/people/1/edit\">"));
	assert_true(has(r, "<a href=\"/people/1/contacts/new\">"));
	fx_req_free(r);
	assert_int_equal(audit_count("person.read"), before + 1);
}

static void an_unknown_person_is_404_and_nothing_is_audited(void **state)
{
	(void)state;
	int64_t before = audit_count(NULL);
	const char *paths[] = {"/people/4040", "/people/4040/edit", "/people/4040/contacts/new"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct req *r = get(paths[i], NULL);
		assert_int_equal(r->status, 404);
		assert_true(has(r, "There is no person recorded at this address."));
		fx_req_free(r);
	}
	struct req *r = post("/people/4040/edit", "version=1&given_name=A&family_name=B&birth_date=1950-01-01"
						  "&nhs_number=9434765919");
	assert_int_equal(r->status, 404);
	fx_req_free(r);
	r = post("/people/4040/contacts/new", "name=A&relationship=friend");
	assert_int_equal(r->status, 404);
	fx_req_free(r);
	assert_int_equal(audit_count(NULL), before);
}

/* ---- adding a person ---------------------------------------------------------------------- */

static void a_bad_new_person_is_400_keeps_what_was_typed_and_writes_nothing(void **state)
{
	(void)state;
	int64_t n = people(), rows = audit_count(NULL);
	struct req *r = post("/people/new", "given_name=Ann+%3Cb%3E&family_name=&birth_date=2026-02-30"
					    "&nhs_number=999+821+9133&address=1+Mill+Lane%0D%0AKingsmead");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Add a person - Careplan</title>"));
	assert_true(has(r, "<div class=\"nhsuk-error-summary\""));
	assert_true(has(r, "<li><a href=\"#family_name\">Enter their family name</a></li>"));
	assert_true(has(r, "<li><a href=\"#nhs_number\">"));
	assert_true(has(r, "check digit"));
	assert_true(has(r, "value=\"Ann &lt;b&gt;\""));      /* kept, escaped */
	assert_true(has(r, "value=\"999 821 9133\""));
	assert_true(has(r, ">1 Mill Lane\r\nKingsmead</textarea>"));
	assert_true(has(r, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n<label class=\"nhsuk-label\" "
			   "for=\"family_name\">"));
	assert_true(has(r, "name=\"csrf\" value=\"" CSRF "\""));
	fx_req_free(r);
	assert_int_equal(people(), n);
	assert_int_equal(audit_count(NULL), rows);
}

static void a_new_person_is_added_and_the_browser_sent_to_their_record(void **state)
{
	(void)state;
	int64_t n = people(), created = audit_count("person.create");
	struct req *r = post("/people/new", "given_name=Ann&family_name=Other&birth_date=1960-02-29"
					    "&nhs_number=943+476+5919&postcode=zz99+1aa"
					    "&communication_needs=Uses+BSL");
	assert_int_equal(r->status, 303);
	const char *loc = fx_resp_header(r, "Location");
	assert_non_null(loc);
	assert_true(str_starts(loc, "/people/"));
	int64_t id = 0;
	assert_int_equal(str_to_i64(loc + 8, 1, INT64_MAX, &id), CP_OK);
	fx_req_free(r);
	assert_int_equal(people(), n + 1);
	assert_int_equal(audit_count("person.create"), created + 1);

	char path[64];
	snprintf(path, sizeof path, "/people/%lld", (long long)id);
	r = get(path, NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Ann Other</h1>"));
	assert_true(has(r, "943 476 5919"));
	assert_true(has(r, "ZZ99 1AA"));
	assert_true(has(r, "Uses BSL"));
	assert_true(has(r, "Kingsmead Integrated Care Team")); /* the key worker's team */
	assert_true(has(r, "No contacts recorded."));
	fx_req_free(r);
}

static void a_duplicate_nhs_number_is_409_with_a_link_to_the_existing_record(void **state)
{
	(void)state;
	int64_t n = people();
	struct req *r = post("/people/new", "given_name=Maggie&family_name=Hughes&birth_date=1953-01-22"
					    "&nhs_number=9998219132");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "<a href=\"/people/1\">go to their record</a>"));
	assert_true(has(r, "<li><a href=\"#nhs_number\">A person with this NHS number is already recorded</a></li>"));
	assert_true(has(r, "value=\"Maggie\""));
	fx_req_free(r);
	assert_int_equal(people(), n);
}

/* ---- changing a person ---------------------------------------------------------------------- */

/* The version the edit form of person id carries. */
static int64_t form_version(const char *path)
{
	struct req *r = get(path, NULL);
	assert_int_equal(r->status, 200);
	const char *v = strstr(fx_body(r), "name=\"version\" value=\"");
	assert_non_null(v);
	int64_t version = 0;
	for (v += 22; *v >= '0' && *v <= '9'; v++)
		version = version * 10 + (*v - '0');
	fx_req_free(r);
	return version;
}

static void the_edit_form_shows_the_record_and_its_version(void **state)
{
	(void)state;
	struct req *r = get("/people/2/edit", NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Change personal details</h1>"));
	assert_true(has(r, "<form action=\"/people/2/edit\" method=\"post\" novalidate>"));
	assert_true(has(r, "name=\"version\" value=\"1\""));
	assert_true(has(r, "id=\"nhs_number\" name=\"nhs_number\""));
	fx_req_free(r);
}

static void a_change_is_saved_and_a_stale_one_is_refused_keeping_what_was_typed(void **state)
{
	(void)state;
	int64_t v = form_version("/people/3/edit");
	struct req *r = get("/people/3", NULL);
	static const char key[] = "NHS number</dt><dd class=\"nhsuk-summary-list__value\">";
	const char *nhs_at = strstr(fx_body(r), key);
	assert_non_null(nhs_at);
	char nhs[16] = "";
	memcpy(nhs, nhs_at + strlen(key), 12); /* "999 123 4567" */
	nhs[3] = nhs[7] = '+';
	fx_req_free(r);

	char body[512];
	snprintf(body, sizeof body,
		 "version=%lld&given_name=Patricia&family_name=Newname&birth_date=1950-01-01&nhs_number=%s",
		 (long long)v, nhs);
	int64_t updates = audit_count("person.update");
	r = post("/people/3/edit", body);
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/people/3");
	fx_req_free(r);
	assert_int_equal(audit_count("person.update"), updates + 1);
	assert_int_equal(form_version("/people/3/edit"), v + 1);

	/* The same form again: its version is now stale. */
	snprintf(body, sizeof body,
		 "version=%lld&given_name=Patricia&family_name=Stale&birth_date=1950-01-01&nhs_number=%s",
		 (long long)v, nhs);
	r = post("/people/3/edit", body);
	assert_int_equal(r->status, 409);
	assert_true(has(r, "Someone else changed these details"));
	assert_true(has(r, "value=\"Stale\""));
	assert_true(has(r, "<li>Family name: Newname</li>"));
	char want[64];
	snprintf(want, sizeof want, "name=\"version\" value=\"%lld\"", (long long)v + 1);
	assert_true(has(r, want)); /* saving again replaces the other change, knowingly */
	fx_req_free(r);
	assert_int_equal(audit_count("person.update"), updates + 1);
	r = get("/people/3", NULL);
	assert_true(has(r, "Newname"));
	assert_false(has(r, "Stale"));
	fx_req_free(r);
}

static void a_bad_change_is_400_and_a_missing_version_is_refused(void **state)
{
	(void)state;
	int64_t updates = audit_count("person.update");
	struct req *r = post("/people/2/edit", "version=1&given_name=&family_name=Hughes&birth_date=2099-01-01"
						"&nhs_number=9998219132&email=nope");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "<title>Error: Change personal details - Careplan</title>"));
	assert_true(has(r, "Enter their given name"));
	assert_true(has(r, "Date of birth must be today or in the past"));
	assert_true(has(r, "value=\"nope\""));
	assert_true(has(r, "name=\"version\" value=\"1\""));
	fx_req_free(r);
	const char *bad[] = {"given_name=A", "version=&given_name=A", "version=abc", "version=0", "version=-3"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = post("/people/2/edit", bad[i]);
		assert_int_equal(r->status, 400);
		assert_true(has(r, "did not say which version"));
		fx_req_free(r);
	}
	/* Margaret's number for person 2: someone else's. */
	r = post("/people/2/edit", "version=1&given_name=Elizabeth&family_name=Hughes&birth_date=1950-11-14"
				   "&nhs_number=999+821+9132");
	assert_int_equal(r->status, 409);
	assert_true(has(r, "<a href=\"/people/1\">go to their record</a>"));
	fx_req_free(r);
	assert_int_equal(audit_count("person.update"), updates);
}

/* ---- contacts -------------------------------------------------------------------------------- */

static void a_contact_is_added_and_shown_on_the_record(void **state)
{
	(void)state;
	int64_t before = audit_count("contact.create");
	struct req *r = get("/people/5/contacts/new", NULL);
	assert_int_equal(r->status, 200);
	assert_true(has(r, "<h1>Add a contact</h1>"));
	assert_true(has(r, "<fieldset class=\"nhsuk-fieldset\" aria-describedby=\"roles-hint\">"));
	assert_true(has(r, "<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"is_next_of_kin\">"));
	fx_req_free(r);

	r = post("/people/5/contacts/new", "name=&relationship=&is_carer=yes&phone=0770+abc");
	assert_int_equal(r->status, 400);
	assert_true(has(r, "Enter the contact&#39;s full name"));
	assert_true(has(r, "id=\"is_carer\" name=\"is_carer\" type=\"checkbox\" value=\"yes\" checked>"));
	assert_true(has(r, "value=\"0770 abc\""));
	fx_req_free(r);
	assert_int_equal(audit_count("contact.create"), before);

	r = post("/people/5/contacts/new", "name=Rita+Begum&relationship=sister&is_next_of_kin=yes"
					   "&is_emergency=yes&phone=07700+900456&email=rita%40example.org");
	assert_int_equal(r->status, 303);
	assert_string_equal(fx_resp_header(r, "Location"), "/people/5");
	fx_req_free(r);
	assert_int_equal(audit_count("contact.create"), before + 1);
	r = get("/people/5", NULL);
	assert_true(has(r, "<td class=\"nhsuk-table__cell\">Rita Begum</td><td class=\"nhsuk-table__cell\">sister"
			   "</td><td class=\"nhsuk-table__cell\">Next of kin<br>Emergency contact</td>"));
	assert_true(has(r, "rita@example.org"));
	fx_req_free(r);
}

/* ---- who may ----------------------------------------------------------------------------------- */

static void only_the_care_team_may_find_people(void **state)
{
	(void)state;
	const char *allowed[] = {"manager", "keyworker", "gp.carter", "link.lopez"};
	const char *refused[] = {"person", "carer", "commissioner", "admin"};
	struct fx_capture cap;
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
		struct req *r = as(allowed[i], HTTP_GET, "/people/1", NULL);
		assert_int_equal(r->status, 200);
		fx_req_free(r);
	}
	assert_int_equal(fx_capture_begin(&cap), 0);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct req *r = as(refused[i], HTTP_GET, "/people", "name=hughes");
		int s1 = r->status;
		fx_req_free(r);
		r = as(refused[i], HTTP_GET, "/people/1", NULL);
		int s2 = r->status;
		fx_req_free(r);
		if (s1 != 403 || s2 != 403) {
			free(fx_capture_end(&cap));
			fail_msg("%s: %d %d", refused[i], s1, s2);
		}
	}
	free(fx_capture_end(&cap));
}

#define T(fn) cmocka_unit_test_teardown(fn, free_leftovers)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(an_empty_search_shows_the_form_only_and_records_nothing),
		T(a_search_by_name_lists_people_with_their_nhs_numbers),
		T(a_search_wider_than_a_page_says_how_many_it_shows),
		T(a_bad_search_is_400_with_an_error_summary),
		T(a_record_shows_details_and_contacts_and_is_audited),
		T(an_unknown_person_is_404_and_nothing_is_audited),
		T(a_bad_new_person_is_400_keeps_what_was_typed_and_writes_nothing),
		T(a_new_person_is_added_and_the_browser_sent_to_their_record),
		T(a_duplicate_nhs_number_is_409_with_a_link_to_the_existing_record),
		T(the_edit_form_shows_the_record_and_its_version),
		T(a_change_is_saved_and_a_stale_one_is_refused_keeping_what_was_typed),
		T(a_bad_change_is_400_and_a_missing_version_is_refused),
		T(a_contact_is_added_and_shown_on_the_record),
		T(only_the_care_team_may_find_people),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
