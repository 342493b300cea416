/* test_directory.c - the directory of local resources (src/domain/
 * directory.c, dir_hsds.c, dir_csv.c, src/export/dir_export.c,
 * src/store/store_sqlite_dir.c): who may maintain it; the FTS5 query built
 * from hostile words; postcode districts and distances; checks that name
 * their field; HSDS and CSV import reporting each record (by id or line),
 * refused records writing nothing, re-import changing nothing, export then
 * import byte-stable; search relevance and filters; the full-text row
 * following the organisation's name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/demo.h"
#include "domain/dir_csv.h"
#include "domain/dir_hsds.h"
#include "domain/directory.h"
#include "export/dir_export.h"
#include "fixture.h"

/* 2026-11-22 12:00 UTC */
#define NOW (1795348800000LL)

struct fx {
	char *dir;
	struct store *st;
	struct store_conn *c;
	struct arena *a;
};

static const struct audit_actor cli = {.client = "cli"};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[600], msg[256];
	if (!f || !(f->dir = fx_tmpdir()))
		return -1;
	fx_path(path, sizeof path, f->dir, "dir.db");
	if (store_open(path, 1, &f->st, msg, sizeof msg) != CP_OK) {
		fprintf(stderr, "%s\n", msg);
		return -1;
	}
	f->c = store_acquire(f->st);
	f->a = arena_new(64u << 20);
	*state = f;
	return f->a ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t i64(struct fx *f, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char path[600];
	fx_path(path, sizeof path, f->dir, "dir.db");
	int64_t v = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static struct dir_report import_json(struct fx *f, const char *text)
{
	struct dir_report r;
	assert_int_equal(dir_import_hsds(f->c, f->a, &cli, NOW, 0, text, strlen(text), false, &r), CP_OK);
	return r;
}

static struct dir_report import_csv(struct fx *f, const char *text)
{
	struct dir_report r;
	assert_int_equal(dir_import_csv(f->c, f->a, &cli, NOW, 0, text, strlen(text), &r), CP_OK);
	return r;
}

static void load_demo(struct fx *f)
{
	size_t len = 0, n = 0;
	const char *d = demo_dir_file(1, &len);
	char msg[200];
	assert_int_equal(dir_districts_load(f->c, d, len, false, &n, msg, sizeof msg), CP_OK);
	assert_int_equal(n, 24);
	const char *j = demo_dir_file(0, &len);
	struct dir_report r;
	assert_int_equal(dir_import_hsds(f->c, f->a, &cli, NOW, 0, j, len, false, &r), CP_OK);
	assert_null(r.error);
	assert_int_equal(r.count[DIR_IMPORTED], 100);
}

/* ---- who ------------------------------------------------------------------------ */

static void only_administrators_and_link_workers_maintain_the_directory(void **state)
{
	(void)state;
	assert_true(directory_may_edit("administrator", NULL));
	assert_true(directory_may_edit("professional", "link_worker"));
	assert_false(directory_may_edit("professional", "gp"));
	assert_false(directory_may_edit("professional", NULL));
	assert_false(directory_may_edit("key_worker", "link_worker"));
	assert_false(directory_may_edit("team_manager", NULL));
	assert_false(directory_may_edit("person", NULL));
	assert_false(directory_may_edit(NULL, "link_worker"));
	assert_true(role_can(ROLE_PROFESSIONAL, CAP_DIRECTORY_EDIT));
	assert_false(role_can(ROLE_KEYWORKER, CAP_DIRECTORY_EDIT));
	assert_true(role_can(ROLE_KEYWORKER, CAP_DIRECTORY));
	assert_false(role_can(ROLE_PERSON, CAP_DIRECTORY));
}

/* ---- the FTS query ---------------------------------------------------------------- */

static void search_words_become_quoted_terms_with_a_prefix_on_the_last(void **state)
{
	struct fx *f = *state;
	const char *q = NULL;
	assert_int_equal(dir_fts_query(f->a, "walking group", &q), CP_OK);
	assert_string_equal(q, "\"walking\" \"group\"*");
	assert_int_equal(dir_fts_query(f->a, "  Befriending ", &q), CP_OK);
	assert_string_equal(q, "\"Befriending\"*");
	assert_int_equal(dir_fts_query(f->a, "caf\xC3\xA9 d'or", &q), CP_OK);
	assert_string_equal(q, "\"caf\xC3\xA9\" \"d\" \"or\"*");
	assert_int_equal(dir_fts_query(f->a, "\" * - ^ : ( )", &q), CP_OK);
	assert_null(q);
	assert_int_equal(dir_fts_query(f->a, NULL, &q), CP_OK);
	assert_null(q);
	assert_int_equal(dir_fts_query(f->a, "a b c d e f g h i j k", &q), CP_OK);
	assert_string_equal(q, "\"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\"*");
}

static void no_input_reaches_fts_syntax(void **state)
{
	struct fx *f = *state;
	load_demo(f);
	static const char *const hostile[] = {
		"\"", "*", "NEAR(", "NEAR(walk group, 2)", "-", "AND", "OR", "NOT", "walk AND", "AND walk",
		"\"walk", "walk\"", "name:walk", "{name description}: walk", "^walk", "walk*", "(walk", "walk)",
		"+walk", "walk -group", "''", "\\", "; DROP TABLE dir_service; --", "\xC2\xA0", "NEAR", "walk NOT group",
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct store_dir_query q = {0};
		assert_int_equal(dir_fts_query(f->a, hostile[i], &q.match), CP_OK);
		struct store_dir_hit *h = NULL;
		size_t n = 0;
		int64_t total = 0;
		enum cp_err err = store_dir_search(f->c, f->a, &q, 20, &h, &n, &total);
		if (err)
			fail_msg("search for [%s] as [%s] failed: %d", hostile[i], q.match ? q.match : "(all)", err);
	}
	/* Operators are words like any other: "and" finds text with "and". */
	struct store_dir_query q = {0};
	assert_int_equal(dir_fts_query(f->a, "NEAR(", &q.match), CP_OK);
	assert_string_equal(q.match, "\"NEAR\"*");
}

/* ---- places ----------------------------------------------------------------------- */

static void postcodes_give_their_district(void **state)
{
	struct fx *f = *state;
	assert_string_equal(dir_district_of(f->a, "ls6"), "LS6");
	assert_string_equal(dir_district_of(f->a, "ls6 3ab"), "LS6");
	assert_string_equal(dir_district_of(f->a, "LS63AB"), "LS6");
	assert_string_equal(dir_district_of(f->a, "SW1A 1AA"), "SW1A");
	assert_string_equal(dir_district_of(f->a, "M1"), "M1");
	assert_null(dir_district_of(f->a, "LS"));
	assert_null(dir_district_of(f->a, "6LS"));
	assert_null(dir_district_of(f->a, "LS6 3AB X"));
	assert_null(dir_district_of(f->a, ""));
	assert_null(dir_district_of(f->a, "<script>"));
}

static void search_checks_name_their_field(void **state)
{
	struct fx *f = *state;
	load_demo(f);
	struct dir_search_input in = {.q = "walk", .postcode = "ZZ9", .miles = "500", .domain = "astrology",
				      .category = "x", .page = "0"};
	struct store_dir_query q;
	int page;
	const char *district;
	struct person_errors e;
	assert_int_equal(dir_search_check(f->c, f->a, &in, &q, &page, &district, &e), CP_EINVAL);
	assert_non_null(person_error_for(&e, "postcode"));
	assert_non_null(strstr(person_error_for(&e, "postcode"), "ZZ9"));
	assert_non_null(person_error_for(&e, "miles"));
	assert_non_null(person_error_for(&e, "domain"));
	assert_non_null(person_error_for(&e, "category"));
	assert_non_null(person_error_for(&e, "page"));
	in = (struct dir_search_input){.q = "walk", .postcode = "ls6 3ab", .miles = "2", .page = "2"};
	assert_int_equal(dir_search_check(f->c, f->a, &in, &q, &page, &district, &e), CP_OK);
	assert_string_equal(district, "LS6");
	assert_true(q.near);
	assert_true(q.miles == 2.0);
	assert_int_equal(page, 2);
	assert_int_equal(q.offset, DIR_PAGE_SIZE);
}

/* ---- checking an entry ------------------------------------------------------------ */

static struct store_dir_entry good_entry(void)
{
	struct store_dir_entry e = {0};
	e.org = (struct store_dir_org){.ext_id = "org-t", .name = "Test Trust"};
	e.svc = (struct store_dir_service){.ext_id = "svc-t", .name = " Test Walk ", .min_age = -1, .max_age = -1};
	e.loc[0] = (struct store_dir_location){.ext_id = "loc-t", .postcode = "ls6 3ab", .latitude = "53.8195",
					       .longitude = "-1.5760"};
	e.n_loc = 1;
	e.sched[0] = (struct store_dir_schedule){.rrule = "freq=weekly;byday=tu", .opens_at = "10:00",
						 .closes_at = "11:30"};
	e.n_sched = 1;
	e.cost[0] = (struct store_dir_cost){.amount = "0.00"};
	e.n_cost = 1;
	e.domain[0] = "social";
	e.domain[1] = "lifestyle";
	e.n_domain = 2;
	return e;
}

static void a_good_entry_is_normalised(void **state)
{
	struct fx *f = *state;
	struct store_dir_entry e = good_entry();
	struct person_errors errs;
	assert_int_equal(dir_entry_check(f->a, &e, &errs), CP_OK);
	assert_string_equal(e.svc.name, "Test Walk");
	assert_string_equal(e.svc.status, "active");
	assert_string_equal(e.loc[0].postcode, "LS6 3AB");
	assert_string_equal(e.sched[0].rrule, "FREQ=WEEKLY;BYDAY=TU");
	assert_true(e.svc.free);
	assert_string_equal(e.domain[0], "social"); /* in the assessment's order */
	assert_string_equal(e.domain[1], "lifestyle");
	e.cost[0].amount = "3.50";
	assert_int_equal(dir_entry_check(f->a, &e, &errs), CP_OK);
	assert_false(e.svc.free);
	e.n_cost = 0;
	assert_int_equal(dir_entry_check(f->a, &e, &errs), CP_OK);
	assert_false(e.svc.free); /* nothing said about cost is not "free" */
}

static void every_bad_field_is_named(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *field, *words;
	} cases[] = {
		{"name", "Service name"},       {"email", "Email"},          {"url", "Website"},
		{"phone", "Phone"},             {"status", "Status"},        {"loc_postcode", "Postcode"},
		{"loc_latitude", "Latitude"},   {"loc_longitude", "Longitude"}, {"sched_rrule", "How often"},
		{"sched_opens", "Opens at"},    {"sched_closes", "Closes at"}, {"cost_amount", "Amount"},
		{"domains", "Needs it helps with"}, {"max_age", "Oldest age"}, {"sched_start", "First date"},
	};
	struct store_dir_entry e = good_entry();
	e.svc.name = "  ";
	e.svc.email = "not an email";
	e.svc.url = "javascript:alert(1)";
	e.svc.phone = "call me";
	e.svc.status = "open";
	e.loc[0].postcode = "LS6";
	e.loc[0].latitude = "95.1";
	e.loc[0].longitude = "-1,576";
	e.sched[0].rrule = "FREQ=HOURLY";
	e.sched[0].opens_at = "25:00";
	e.sched[0].closes_at = "9am";
	e.sched[0].dtstart = "2026-02-30";
	e.cost[0].amount = "3.505";
	e.domain[0] = "astrology";
	e.svc.min_age = 60;
	e.svc.max_age = 18;
	struct person_errors errs;
	assert_int_equal(dir_entry_check(f->a, &e, &errs), CP_EINVAL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *m = person_error_for(&errs, cases[i].field);
		if (!m)
			fail_msg("no message for %s", cases[i].field);
		if (!strstr(m, cases[i].words))
			fail_msg("%s: \"%s\" does not name \"%s\"", cases[i].field, m, cases[i].words);
	}
	/* A rule with parts HSDS cannot carry is refused by name. */
	e = good_entry();
	e.sched[0].rrule = "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2";
	assert_int_equal(dir_entry_check(f->a, &e, &errs), CP_EINVAL);
	assert_non_null(strstr(person_error_for(&errs, "sched_rrule"), "BYMONTHDAY"));
}

/* ---- import ----------------------------------------------------------------------- */

static void the_demo_file_imports_and_again_changes_nothing(void **state)
{
	struct fx *f = *state;
	load_demo(f);
	int64_t audits = i64(f, "SELECT count(*) FROM audit"), updated = i64(f, "SELECT sum(updated_ms) FROM dir_service");
	assert_int_equal(audits, 100);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service_fts"), 100);
	assert_int_equal(i64(f, "SELECT count(DISTINCT domain) FROM dir_service_domain"), 9);
	assert_int_equal(i64(f, "SELECT id FROM dir_service WHERE ext_id = 'svc-001'"), 1);
	size_t len = 0;
	const char *j = demo_dir_file(0, &len);
	struct dir_report r;
	assert_int_equal(dir_import_hsds(f->c, f->a, &cli, NOW + 86400000, 0, j, len, false, &r), CP_OK);
	assert_int_equal(r.count[DIR_UNCHANGED], 100);
	assert_int_equal(r.n, 100);
	assert_int_equal(i64(f, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(i64(f, "SELECT sum(updated_ms) FROM dir_service"), updated);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_location"), 100);
	/* Amounts and coordinates stay as written. */
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_cost WHERE amount = '4.50'"), 4);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_location WHERE latitude NOT LIKE '53.%' OR longitude NOT LIKE '-1.%'"), 0);
}

/* A file of six records: good, then one broken in each of five ways, and
 * a good one after them. */
static const char BROKEN[] =
	"{\"services\": [\n"
	" {\"id\": \"ok-1\", \"name\": \"Good Walk\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"},\n"
	"  \"cost_options\": [{\"amount\": 0}]},\n"
	" {\"id\": \"bad-name\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"}},\n"
	" {\"id\": \"bad-rrule\", \"name\": \"Odd times\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"},\n"
	"  \"schedules\": [{\"freq\": \"HOURLY\"}]},\n"
	" {\"id\": \"bad-org\", \"name\": \"Orphan\"},\n"
	" {\"id\": \"bad-loc\", \"name\": \"Lost\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"},\n"
	"  \"service_at_locations\": [{\"location\": {\"id\": \"l9\", \"latitude\": 123.5, \"longitude\": 1}}]},\n"
	" {\"id\": \"bad-domain\", \"name\": \"Stars\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"},\n"
	"  \"attributes\": [{\"taxonomy_term\": {\"code\": \"astrology\", \"taxonomy\": \"careplan-assessment-domain\"}}]},\n"
	" {\"name\": \"No id\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"}},\n"
	" {\"id\": \"ok-2\", \"name\": \"Good Lunch\", \"organization\": {\"id\": \"o1\", \"name\": \"Org\"}}\n"
	"]}\n";

static const char *message_of(const struct dir_report *r, const char *ref)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->rows[i].ref && strcmp(r->rows[i].ref, ref) == 0)
			return r->rows[i].outcome == DIR_REFUSED ? r->rows[i].message : "(not refused)";
	return "(not reported)";
}

static void a_broken_file_reports_each_bad_record_by_id_and_writes_none_of_them(void **state)
{
	struct fx *f = *state;
	struct dir_report r = import_json(f, BROKEN);
	assert_null(r.error);
	assert_int_equal(r.n, 8);
	assert_int_equal(r.count[DIR_IMPORTED], 2);
	assert_int_equal(r.count[DIR_REFUSED], 6);
	assert_non_null(strstr(message_of(&r, "bad-name"), "Service name"));
	assert_non_null(strstr(message_of(&r, "bad-rrule"), "How often"));
	assert_non_null(strstr(message_of(&r, "bad-org"), "organization"));
	assert_non_null(strstr(message_of(&r, "bad-loc"), "Latitude"));
	assert_non_null(strstr(message_of(&r, "bad-domain"), "astrology"));
	assert_non_null(strstr(message_of(&r, "record 7"), "id"));
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service"), 2);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_location"), 0);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_schedule"), 0);
	assert_int_equal(i64(f, "SELECT count(*) FROM audit WHERE action = 'directory.service.import'"), 2);
	assert_int_equal(i64(f, "SELECT free FROM dir_service WHERE ext_id = 'ok-1'"), 1);
	/* The same file again: the good ones unchanged, the bad ones refused again. */
	r = import_json(f, BROKEN);
	assert_int_equal(r.count[DIR_UNCHANGED], 2);
	assert_int_equal(r.count[DIR_REFUSED], 6);
}

static void a_file_that_is_not_json_says_where(void **state)
{
	struct fx *f = *state;
	struct dir_report r = import_json(f, "{\"services\": [\n{\"id\": \"a\",\n\"name\": }\n]}");
	assert_non_null(r.error);
	assert_non_null(strstr(r.error, "line 3"));
	r = import_json(f, "{\"people\": []}");
	assert_non_null(strstr(r.error, "services"));
	r = import_json(f, "\xff\xfe");
	assert_non_null(strstr(r.error, "UTF-8"));
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service"), 0);
}

static void a_changed_record_is_updated_and_audited(void **state)
{
	struct fx *f = *state;
	import_json(f, BROKEN);
	int64_t before = i64(f, "SELECT updated_ms FROM dir_service WHERE ext_id = 'ok-2'");
	const char *changed = "[{\"id\": \"ok-2\", \"name\": \"Good Lunch Club\", \"organization\": {\"id\": \"o1\", "
			      "\"name\": \"Org\"}}]";
	struct dir_report r;
	assert_int_equal(dir_import_hsds(f->c, f->a, &cli, NOW + 5000, 0, changed, strlen(changed), false, &r), CP_OK);
	assert_int_equal(r.count[DIR_UPDATED], 1);
	assert_int_equal(i64(f, "SELECT updated_ms FROM dir_service WHERE ext_id = 'ok-2'"), before + 5000);
	assert_int_equal(i64(f, "SELECT count(*) FROM audit WHERE action = 'directory.service.import_update'"), 1);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service_fts WHERE dir_service_fts MATCH 'club'"), 1);
}

static void a_broken_csv_reports_each_bad_row_by_line(void **state)
{
	struct fx *f = *state;
	const char *csv = "id,name,organisation_id,organisation,postcode,location_id,rrule,domains,cost_amount\r\n"
			  "c1,Knit and Natter,o1,Org,LS6 3AB,l1,FREQ=WEEKLY;BYDAY=MO,social,0\r\n"
			  "c2,\"A name\nover two lines\",o1,Org,,,,,\r\n"
			  "c3,Bad Place,o1,Org,NOT A POSTCODE,l3,,,\r\n"
			  ",No id,o1,Org,,,,,\r\n"
			  "c5,Bad Rule,o1,Org,,,FREQ=SECONDLY,,\r\n"
			  "c6,Bad Domain,o1,Org,,,,astrology,\r\n"
			  "c7,Bad Cost,o1,Org,,,,,'-3\r\n";
	struct dir_report r = import_csv(f, csv);
	assert_null(r.error);
	assert_int_equal(r.count[DIR_IMPORTED], 2);
	assert_non_null(strstr(message_of(&r, "line 5"), "Postcode"));
	assert_non_null(strstr(message_of(&r, "line 6"), "id"));
	assert_non_null(strstr(message_of(&r, "line 7"), "How often"));
	assert_non_null(strstr(message_of(&r, "line 8"), "astrology"));
	assert_non_null(strstr(message_of(&r, "line 9"), "Amount"));
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service"), 2);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_location"), 1);
	r = import_csv(f, csv);
	assert_int_equal(r.count[DIR_UNCHANGED], 2);
	r = import_csv(f, "id,name,colour\r\n1,x,red\r\n");
	assert_non_null(strstr(r.error, "colour"));
	r = import_csv(f, "id,name,organisation_id,organisation\r\nc9,\"never closed,o1,Org\r\n");
	assert_int_equal(r.count[DIR_REFUSED], 1);
	assert_non_null(strstr(message_of(&r, "line 2"), "quote"));
	/* A broken record is refused by its line and the reader goes on with
	 * the next; a row of more cells than there are columns is refused. */
	char wide[2 * DIR_CSV__MAX + 1];
	size_t k = 0;
	for (int i = 0; i < DIR_CSV__MAX; i++) {
		wide[k++] = ',';
		wide[k++] = 'x';
	}
	wide[k] = '\0';
	const char *broken = arena_printf(f->a, "id,name,organisation_id,organisation\r\n"
						"c10,\"Closed\"x,o1,Org\r\n"
						"c11,\"Two\nlines\",o1,Org\r\n"
						"\r\n"
						"c12,Wide,o1,Org%s\r\n"
						"c13,After,o1,Org\r\n",
					  wide);
	r = import_csv(f, broken);
	assert_null(r.error);
	assert_int_equal(r.count[DIR_REFUSED], 2);
	assert_int_equal(r.count[DIR_IMPORTED], 2);
	assert_non_null(strstr(message_of(&r, "line 2"), "closing quote"));
	assert_non_null(strstr(message_of(&r, "line 6"), "more cells"));
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service WHERE ext_id IN ('c11', 'c13')"), 2);
}

static void export_then_import_is_byte_stable_in_both_formats(void **state)
{
	struct fx *f = *state;
	load_demo(f);
	/* An entry made here, with no ids from a file, goes round too. */
	struct store_dir_entry e = good_entry();
	e.org.ext_id = e.svc.ext_id = e.loc[0].ext_id = NULL;
	struct person_errors errs;
	assert_int_equal(dir_entry_check(f->a, &e, &errs), CP_OK);
	enum dir_outcome o;
	int64_t id = 0;
	assert_int_equal(dir_entry_save(f->c, f->a, &cli, NOW, 0, &e, &o, &id), CP_OK);
	assert_int_equal(o, DIR_IMPORTED);
	struct buf j1, c1;
	buf_init(&j1, 64u << 20);
	buf_init(&c1, 64u << 20);
	assert_int_equal(dir_export_hsds(f->c, f->a, &j1), CP_OK);
	assert_int_equal(dir_export_csv(f->c, &c1), CP_OK);
	assert_non_null(strstr(j1.data, "\"careplan-service-101\""));
	assert_non_null(strstr(j1.data, "\"amount\": 4.50"));
	/* Into the same database: nothing changes. */
	struct dir_report r = import_json(f, j1.data);
	assert_int_equal(r.count[DIR_UNCHANGED], 101);
	r = import_csv(f, c1.data);
	assert_int_equal(r.count[DIR_UNCHANGED], 101);
	/* Into an empty one: the same files come out. */
	struct fx g;
	void *gs = &g;
	assert_int_equal(setup(&gs), 0);
	struct fx *h = gs;
	struct dir_report r2;
	assert_int_equal(dir_import_hsds(h->c, h->a, &cli, NOW, 0, j1.data, j1.len, false, &r2), CP_OK);
	assert_int_equal(r2.count[DIR_IMPORTED], 101);
	struct buf j2, c2;
	buf_init(&j2, 64u << 20);
	buf_init(&c2, 64u << 20);
	assert_int_equal(dir_export_hsds(h->c, h->a, &j2), CP_OK);
	assert_int_equal(j1.len, j2.len);
	assert_memory_equal(j1.data, j2.data, j1.len);
	teardown(&gs);
	assert_int_equal(setup(&gs), 0);
	h = gs;
	assert_int_equal(dir_import_csv(h->c, h->a, &cli, NOW, 0, c1.data, c1.len, &r2), CP_OK);
	assert_int_equal(r2.count[DIR_IMPORTED], 101);
	assert_int_equal(dir_export_csv(h->c, &c2), CP_OK);
	assert_int_equal(c1.len, c2.len);
	assert_memory_equal(c1.data, c2.data, c1.len);
	teardown(&gs);
	buf_free(&j1);
	buf_free(&c1);
	buf_free(&j2);
	buf_free(&c2);
}

/* ---- search ---------------------------------------------------------------------- */

static const char KNOWN[] =
	"[{\"id\": \"k1\", \"name\": \"Lunch Club\", \"description\": \"A hot lunch, then a short walking "
	"tour of the garden.\", \"organization\": {\"id\": \"o\", \"name\": \"Org\"},"
	" \"service_at_locations\": [{\"location\": {\"id\": \"lf\", \"latitude\": 53.9500, \"longitude\": -1.5000}}]},"
	" {\"id\": \"k2\", \"name\": \"Meanwood Walking Group\", \"description\": \"Friendly walks.\","
	" \"organization\": {\"id\": \"o\", \"name\": \"Org\"}, \"cost_options\": [{\"amount\": 0}],"
	" \"attributes\": [{\"taxonomy_term\": {\"id\": \"t-walk\", \"name\": \"Walking\", \"taxonomy\": \"x\"}},"
	" {\"taxonomy_term\": {\"code\": \"social\", \"taxonomy\": \"careplan-assessment-domain\"}}],"
	" \"service_at_locations\": [{\"location\": {\"id\": \"ln\", \"latitude\": 53.8200, \"longitude\": -1.5780}}]},"
	" {\"id\": \"k3\", \"name\": \"Benefits Advice\", \"description\": \"Help with forms.\","
	" \"organization\": {\"id\": \"o2\", \"name\": \"Money Matters\"}}]";

static int64_t first_hit(struct fx *f, struct store_dir_query *q, size_t *n)
{
	struct store_dir_hit *h = NULL;
	int64_t total = 0;
	assert_int_equal(store_dir_search(f->c, f->a, q, 20, &h, n, &total), CP_OK);
	assert_int_equal((int64_t)*n, total);
	return *n ? h[0].id : 0;
}

static void the_service_named_for_it_ranks_above_one_that_mentions_it(void **state)
{
	struct fx *f = *state;
	struct dir_report r = import_json(f, KNOWN);
	assert_int_equal(r.count[DIR_IMPORTED], 3);
	assert_int_equal(store_dir_district_put(f->c, "LS6", 53.819, -1.577), CP_OK);
	int64_t k1 = i64(f, "SELECT id FROM dir_service WHERE ext_id = 'k1'");
	int64_t k2 = i64(f, "SELECT id FROM dir_service WHERE ext_id = 'k2'");
	size_t n = 0;
	struct store_dir_query q = {0};
	assert_int_equal(dir_fts_query(f->a, "walking", &q.match), CP_OK);
	assert_int_equal(first_hit(f, &q, &n), k2);
	assert_int_equal(n, 2);
	/* Porter stemming: "walks" finds both too; a prefix finds "walking". */
	assert_int_equal(dir_fts_query(f->a, "walks", &q.match), CP_OK);
	assert_int_equal(first_hit(f, &q, &n), k2);
	assert_int_equal(dir_fts_query(f->a, "wal", &q.match), CP_OK);
	assert_int_equal(first_hit(f, &q, &n), k2);
	/* Filters: free, domain, category, distance. */
	assert_int_equal(dir_fts_query(f->a, "walking", &q.match), CP_OK);
	q.free_only = true;
	assert_int_equal(first_hit(f, &q, &n), k2);
	assert_int_equal(n, 1);
	q = (struct store_dir_query){.domain = "social"};
	assert_int_equal(first_hit(f, &q, &n), k2);
	assert_int_equal(n, 1);
	q = (struct store_dir_query){.taxonomy_id = i64(f, "SELECT id FROM dir_taxonomy WHERE ext_id = 't-walk'")};
	assert_int_equal(first_hit(f, &q, &n), k2);
	assert_int_equal(n, 1);
	/* LS6's centre is under a mile from k2 and about 9 from k1. */
	struct store_dir_hit *h = NULL;
	int64_t total = 0;
	q = (struct store_dir_query){.near = true, .lat = 53.819, .lon = -1.577, .miles = 1};
	assert_int_equal(store_dir_search(f->c, f->a, &q, 20, &h, &n, &total), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, k2);
	assert_true(h[0].miles > 0.0 && h[0].miles < 0.2);
	q.miles = 10;
	assert_int_equal(store_dir_search(f->c, f->a, &q, 20, &h, &n, &total), CP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].id, k2); /* nearest first */
	assert_int_equal(h[1].id, k1);
	assert_true(h[1].miles > 8.0 && h[1].miles < 10.0);
	/* What the referral search asks of it: each hit's domains, any of the
	 * words (dir_fts_query_any), services running now only; and the demo's
	 * lookup of a running service by name. */
	q = (struct store_dir_query){.domain = "social"};
	assert_int_equal(store_dir_search(f->c, f->a, &q, 20, &h, &n, &total), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].domains, "social");
	q = (struct store_dir_query){0};
	assert_int_equal(dir_fts_query_any(f->a, "the garden or forms", 12, &q.match), CP_OK);
	assert_int_equal(store_dir_search(f->c, f->a, &q, 20, &h, &n, &total), CP_OK);
	assert_int_equal(n, 2);
	assert_null(h[0].domains);
	int64_t k3 = i64(f, "SELECT id FROM dir_service WHERE ext_id = 'k3'"), id = 0;
	assert_int_equal(store_dir_service_by_name(f->c, "%benefits%", &id), CP_OK);
	assert_int_equal(id, k3);
	r = import_json(f, "[{\"id\": \"k3\", \"name\": \"Benefits Advice\", \"description\": \"Help with forms.\","
			   " \"status\": \"inactive\", \"organization\": {\"id\": \"o2\", \"name\": \"Money Matters\"}}]");
	assert_int_equal(r.count[DIR_UPDATED], 1);
	assert_int_equal(store_dir_search(f->c, f->a, &q, 20, &h, &n, &total), CP_OK);
	assert_int_equal(n, 2);
	q.active_only = true;
	assert_int_equal(store_dir_search(f->c, f->a, &q, 20, &h, &n, &total), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, k1);
	assert_int_equal(store_dir_service_by_name(f->c, "%benefits%", &id), CP_ENOTFOUND);
}

static void renaming_an_organisation_rewrites_its_services_search_text(void **state)
{
	struct fx *f = *state;
	import_json(f, KNOWN);
	const char *renamed = "[{\"id\": \"k3\", \"name\": \"Benefits Advice\", \"description\": \"Help with forms.\","
			      " \"organization\": {\"id\": \"o\", \"name\": \"Harehills Hub\"}}]";
	struct dir_report r = import_json(f, renamed);
	assert_int_equal(r.count[DIR_UPDATED], 1);
	/* k1 and k2 belong to "o" too and were not in the file: found by its new name. */
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service_fts WHERE dir_service_fts MATCH 'organisation:harehills'"), 3);
	assert_int_equal(i64(f, "SELECT count(*) FROM dir_service_fts WHERE dir_service_fts MATCH 'organisation:org'"), 0);
}

static void stale_entries_are_those_not_checked_for_a_year(void **state)
{
	struct fx *f = *state;
	load_demo(f);
	assert_true(dir_is_stale(NOW - DIR_STALE_MS - 1, NOW));
	assert_false(dir_is_stale(NOW - DIR_STALE_MS + 1, NOW));
	int64_t want = i64(f, "SELECT count(*) FROM dir_service WHERE reviewed_ms < 1795348800000 - 31536000000");
	assert_true(want >= 5);
	struct store_dir_query q = {.stale_before_ms = NOW - DIR_STALE_MS};
	struct store_dir_hit *h = NULL;
	size_t n = 0;
	int64_t total = 0;
	assert_int_equal(store_dir_search(f->c, f->a, &q, 500, &h, &n, &total), CP_OK);
	assert_int_equal(total, want);
	int64_t id = h[0].id;
	assert_int_equal(dir_mark_reviewed(f->c, &cli, NOW, 0, id), CP_OK);
	assert_int_equal(store_dir_search(f->c, f->a, &q, 500, &h, &n, &total), CP_OK);
	assert_int_equal(total, want - 1);
	assert_int_equal(dir_mark_reviewed(f->c, &cli, NOW, 0, 99999), CP_ENOTFOUND);
	assert_int_equal(i64(f, "SELECT count(*) FROM audit WHERE action = 'directory.service.review'"), 1);
}

static void the_form_round_trips_an_entry_and_names_bad_ages(void **state)
{
	struct fx *f = *state;
	load_demo(f);
	struct store_dir_entry *e = arena_alloc(f->a, sizeof *e);
	assert_int_equal(store_dir_entry_get(f->c, f->a, 1, e), CP_OK);
	struct dir_form form;
	dir_form_from_entry(f->a, e, &form);
	assert_string_equal(form.v[DIR_F_NAME], "City Centre Walking Group");
	assert_string_equal(form.v[DIR_F_CATEGORIES], "Walking; Physical activity");
	assert_true(form.domain[ADOMAIN_SOCIAL]);
	struct person_errors errs;
	assert_int_equal(dir_form_to_entry(f->c, f->a, &form, e, &errs), CP_OK);
	enum dir_outcome o;
	int64_t id = 0;
	assert_int_equal(dir_entry_save(f->c, f->a, &cli, NOW, 0, e, &o, &id), CP_OK);
	assert_int_equal(o, DIR_UNCHANGED);
	form.v[DIR_F_MIN_AGE] = "sixty";
	for (int d = 0; d < ADOMAIN__MAX; d++)
		form.domain[d] = false;
	assert_int_equal(dir_form_to_entry(f->c, f->a, &form, e, &errs), CP_EINVAL);
	assert_non_null(person_error_for(&errs, "min_age"));
	assert_non_null(person_error_for(&errs, "domains"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_administrators_and_link_workers_maintain_the_directory),
		cmocka_unit_test_setup_teardown(search_words_become_quoted_terms_with_a_prefix_on_the_last, setup,
						teardown),
		cmocka_unit_test_setup_teardown(no_input_reaches_fts_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(postcodes_give_their_district, setup, teardown),
		cmocka_unit_test_setup_teardown(search_checks_name_their_field, setup, teardown),
		cmocka_unit_test_setup_teardown(a_good_entry_is_normalised, setup, teardown),
		cmocka_unit_test_setup_teardown(every_bad_field_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(the_demo_file_imports_and_again_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(a_broken_file_reports_each_bad_record_by_id_and_writes_none_of_them,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_file_that_is_not_json_says_where, setup, teardown),
		cmocka_unit_test_setup_teardown(a_changed_record_is_updated_and_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(a_broken_csv_reports_each_bad_row_by_line, setup, teardown),
		cmocka_unit_test_setup_teardown(export_then_import_is_byte_stable_in_both_formats, setup, teardown),
		cmocka_unit_test_setup_teardown(the_service_named_for_it_ranks_above_one_that_mentions_it, setup,
						teardown),
		cmocka_unit_test_setup_teardown(renaming_an_organisation_rewrites_its_services_search_text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(stale_entries_are_those_not_checked_for_a_year, setup, teardown),
		cmocka_unit_test_setup_teardown(the_form_round_trips_an_entry_and_names_bad_ages, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
