/*
 * test_register.c - the population register (src/domain/register.c): the
 * streamed import on broken rows, a header missing a column writing
 * nothing, re-import updating in place and leaving unchanged rows alone,
 * the worklist's order, exclusions and audit, and the one step to entry
 * (a new person, an existing person linked, an open episode refused with
 * nothing written).
 */
/* fopencookie: a stream that fails on purpose. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/episode_service.h"
#include "domain/nhsnum.h"
#include "domain/register.h"
#include "fixture.h"

#define NOW 1795348800000LL /* 2026-11-22 12:00 UTC */

#define HEADER                                                                                                       \
	"nhs_number,given_name,family_name,birth_date,postcode,conditions,frailty,emergency_admissions_12m,"          \
	"ae_attendances_12m,lives_alone,is_carer,has_carer\n"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t team, user;
	struct audit_actor who;
	char refusals[4096];
};

static int64_t q_i64(struct fx *f, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;
	if (sqlite3_open(f->path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	if (!f->dir)
		return -1;
	fx_path(f->path, sizeof f->path, f->dir, "care.db");
	char msg[512];
	if (store_open(f->path, 1, &f->st, msg, sizeof msg) != CP_OK)
		return -1;
	f->c = store_acquire(f->st);
	f->a = arena_new(4 << 20);
	int64_t org;
	struct store_org o = {.name = "Org"};
	if (store_org_insert(f->c, &o, &org))
		return -1;
	struct store_team t = {.org_id = org, .name = "North"};
	if (store_team_insert(f->c, &t, &f->team))
		return -1;
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000, .team_id = f->team};
	if (store_user_insert(f->c, &u, &f->user))
		return -1;
	f->who = (struct audit_actor){.user_id = f->user, .role = "key_worker", .client = "test"};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_release(f->st, f->c);
	store_close(f->st);
	arena_free(f->a);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static void collect(void *ctx, long line, const char *reason)
{
	struct fx *f = ctx;
	size_t k = strlen(f->refusals);
	snprintf(f->refusals + k, sizeof f->refusals - k, "%ld: %s\n", line, reason);
}

static enum cp_err import_text(struct fx *f, const char *text, int64_t now, struct register_report *rep, char *msg)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(in);
	f->refusals[0] = '\0';
	enum cp_err err = register_import(f->c, in, "test.csv", &f->who, now, casefind_builtin(), collect, f, rep, msg,
					  512);
	fclose(in);
	return err;
}

static void broken_rows_are_refused_with_line_and_reason_and_good_rows_kept(void **state)
{
	struct fx *f = *state;
	struct register_report rep;
	char msg[512];
	assert_int_equal(import_text(f,
				     HEADER "9990000018,Ann,Able,1940-02-03,ls6 1aa,COPD;Diabetes,Moderate,2,1,yes,no,no\n"
					    "9990000026,Bob,Bell,1950-13-01,,,,0,0,no,no,no\n"
					    "9990000018,Ann,Again,1940-02-03,,,,0,0,no,no,no\n"
					    "9990000019,Cy,Coe,1950-01-01,,,,0,0,no,no,no\n"
					    "9990000034,Di,Dee,1960-01-01,,Asthma,severe,-1,0,no,no,no\n"
					    "9990000042,Ed,Eve,1960-01-01,,,frail,0,0,no,no,no\n"
					    "9990000050,Fay,Fox,1960-01-01\n"
					    "\"9990000069\",\"Gus, \"\"Junior\"\"\",Gale,1960-01-01,,\"Heart\nfailure\",,0,0,no,no,maybe\n"
					    "9990000077,Hal,Hope,2027-01-01,,,,0,0,no,no,no\n"
					    "9990000085,Ida,Ivy,1961-01-01,,,fit,0,0,no,no,no\n",
				     NOW, &rep, msg),
			 CP_OK);
	assert_int_equal(rep.rows_read, 10);
	assert_int_equal(rep.added, 2);
	assert_int_equal(rep.refused, 8);
	assert_string_equal(f->refusals,
			    "3: birth_date 1950-13-01 is not a date: the month must be from 01 to 12.\n"
			    "4: the same NHS number is on an earlier row of this file\n"
			    "5: nhs_number is not a valid NHS number: its check digit is wrong\n"
			    "6: emergency_admissions_12m is negative: a count must be 0 or more\n"
			    "7: frailty must be fit, mild, moderate or severe (or empty when not known)\n"
			    "8: the row has 4 fields; the header has 12\n"
			    "9: conditions: each condition must be 1 to 60 characters of text\n"
			    "11: birth_date is in the future\n");
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_entry"), 2);
	assert_int_equal(q_i64(f, "SELECT score FROM register_entry WHERE nhs_number = '9990000018'"), 13);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_entry WHERE postcode = 'LS6 1AA' AND frailty = 'moderate'"), 1);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM audit WHERE action = 'register.import'"), 1);
}

static void a_header_missing_a_column_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct register_report rep;
	char msg[512];
	assert_int_equal(import_text(f, "nhs_number,given_name,family_name,birth_date\n9990000018,Ann,Able,1940-02-03\n",
				     NOW, &rep, msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "line 1: the header has no column postcode, conditions, frailty"));
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_entry"), 0);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_import"), 0);
	assert_int_equal(import_text(f, "", NOW, &rep, msg), CP_EINVAL);
	assert_non_null(strstr(msg, "empty"));
}

static void columns_in_any_order_and_reimport_updates_in_place(void **state)
{
	struct fx *f = *state;
	struct register_report rep;
	char msg[512];
	assert_int_equal(import_text(f, HEADER "9990000018,Ann,Able,1940-02-03,,COPD,,0,0,no,no,no\n"
					       "9990000026,Bob,Bell,1950-01-01,,,,0,0,no,no,no\n",
				     NOW, &rep, msg),
			 CP_OK);
	assert_int_equal(rep.added, 2);
	int64_t id = q_i64(f, "SELECT id FROM register_entry WHERE nhs_number = '9990000018'");
	/* The same people with the columns shuffled; Ann has a new condition
	 * and two admissions, Bob is the same. */
	assert_int_equal(import_text(f,
				     "Family_Name, has_carer ,given_name,is_carer,lives_alone,ae_attendances_12m,"
				     "emergency_admissions_12m,frailty,conditions,postcode,birth_date,nhs_number\n"
				     "Able,no,Ann,no,no,0,2,,COPD;Diabetes,,1940-02-03,999 000 0018\n"
				     "Bell,no,Bob,no,no,0,0,,,,1950-01-01,9990000026\n",
				     NOW + 1000, &rep, msg),
			 CP_OK);
	assert_int_equal(rep.added, 0);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.unchanged, 1);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_entry"), 2);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT score FROM register_entry WHERE id = %lld", (long long)id);
	assert_int_equal(q_i64(f, sql), 7);
	snprintf(sql, sizeof sql, "SELECT updated_ms - imported_ms FROM register_entry WHERE id = %lld", (long long)id);
	assert_int_equal(q_i64(f, sql), 1000);
	assert_int_equal(q_i64(f, "SELECT updated_ms - imported_ms FROM register_entry WHERE nhs_number = '9990000026'"), 0);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_import WHERE finished_ms IS NOT NULL"), 2);
}

/* Three people: Ann scores 13, Cy 4 (admissions), Bob 0. */
static void load_three(struct fx *f)
{
	struct register_report rep;
	char msg[512];
	assert_int_equal(import_text(f, HEADER "9990000018,Ann,Able,1940-02-03,,COPD;Diabetes,moderate,2,1,yes,no,no\n"
					       "9990000026,Bob,Bell,1950-01-01,,,,0,0,no,no,no\n"
					       "9990000034,Cy,Coe,1950-01-01,LS1 4AP,Asthma,,3,0,no,no,no\n",
				     NOW, &rep, msg),
			 CP_OK);
	assert_int_equal(rep.added, 3);
}

static void worklist_is_ranked_with_reasons_and_audited(void **state)
{
	struct fx *f = *state;
	load_three(f);
	struct store_register_entry *rows;
	size_t n;
	bool more;
	assert_int_equal(register_worklist(f->c, f->a, &f->who, NOW, -1, 1, &rows, &n, &more), CP_OK);
	assert_int_equal(n, 2);
	assert_false(more);
	assert_string_equal(rows[0].given_name, "Ann");
	assert_string_equal(rows[1].given_name, "Cy");
	assert_string_equal(register_reasons(f->a, casefind_builtin(), rows[1].rules_mask),
			    "Had two or more emergency admissions in the last year");
	assert_int_equal(q_i64(f, "SELECT count(*) FROM audit WHERE action = 'register.read'"), 1);
	/* Only those meeting the frailty rule (index 1). */
	assert_int_equal(register_worklist(f->c, f->a, &f->who, NOW, 1, 1, &rows, &n, &more), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].given_name, "Ann");
	assert_int_equal(register_worklist(f->c, f->a, &f->who, NOW, -1, 0, &rows, &n, &more), CP_EINVAL);
}

static void changed_rules_score_every_row_again(void **state)
{
	struct fx *f = *state;
	load_three(f);
	struct casefind_rules r;
	char msg[CASEFIND_MSG];
	const char *text = "rule everyone\nwhen conditions >= 0\nweight 1\nexplain Everyone\n";
	assert_int_equal(casefind_parse("t", text, strlen(text), &r, msg, sizeof msg), CP_OK);
	int64_t changed;
	bool done;
	assert_int_equal(register_rescore(f->c, &r, NOW, &changed, &done), CP_OK);
	assert_true(done);
	assert_int_equal(changed, 3);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_entry WHERE score = 1 AND rules_mask = 1"), 3);
	assert_int_equal(register_rescore(f->c, &r, NOW, &changed, &done), CP_OK);
	assert_false(done);
}

static void start_creates_person_and_episode_in_one_step(void **state)
{
	struct fx *f = *state;
	load_three(f);
	int64_t cy = q_i64(f, "SELECT id FROM register_entry WHERE given_name = 'Cy'");
	int64_t person, episode;
	assert_int_equal(register_start(f->c, f->a, &f->who, NOW, casefind_builtin(), cy, f->team, f->user, &person,
					&episode),
			 CP_OK);
	assert_true(person > 0 && episode > 0);
	char sql[300];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM person WHERE id = %lld AND nhs_number = '9990000034' AND given_name = 'Cy' "
		 "AND family_name = 'Coe' AND birth_date = '1950-01-01' AND postcode = 'LS1 4AP' AND team_id = %lld",
		 (long long)person, (long long)f->team);
	assert_int_equal(q_i64(f, sql), 1);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM episode e JOIN referral r ON r.episode_id = e.id WHERE e.id = %lld AND "
		 "e.stage = 'entry' AND r.kind = 'team' AND r.reason LIKE '%%emergency admissions%%register: Asthma'",
		 (long long)episode);
	assert_int_equal(q_i64(f, sql), 1);
	snprintf(sql, sizeof sql, "SELECT person_id FROM register_entry WHERE id = %lld", (long long)cy);
	assert_int_equal(q_i64(f, sql), person);
	/* Off the worklist now. */
	struct store_register_entry *rows;
	size_t n;
	bool more;
	assert_int_equal(register_worklist(f->c, f->a, &f->who, NOW, -1, 1, &rows, &n, &more), CP_OK);
	assert_int_equal(n, 1);
	/* Again: refused, the open episode named, nothing more written. */
	int64_t audits = q_i64(f, "SELECT count(*) FROM audit");
	int64_t p2, e2;
	assert_int_equal(register_start(f->c, f->a, &f->who, NOW, casefind_builtin(), cy, f->team, f->user, &p2, &e2),
			 CP_ECONFLICT);
	assert_int_equal(e2, episode);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM person"), 1);
	assert_int_equal(register_start(f->c, f->a, &f->who, NOW, casefind_builtin(), 999, f->team, f->user, &p2, &e2),
			 CP_ENOTFOUND);
}

static void start_links_a_person_already_recorded(void **state)
{
	struct fx *f = *state;
	struct store_person p = {.nhs_number = "9990000018", .given_name = "Ann", .family_name = "Able",
				 .birth_date = "1940-02-03", .created_ms = 1000, .team_id = f->team};
	int64_t existing;
	assert_int_equal(store_person_insert(f->c, &p, &existing), CP_OK);
	load_three(f);
	/* The import matched her by NHS number. */
	assert_int_equal(q_i64(f, "SELECT person_id FROM register_entry WHERE given_name = 'Ann'"), existing);
	int64_t ann = q_i64(f, "SELECT id FROM register_entry WHERE given_name = 'Ann'");
	int64_t person, episode;
	assert_int_equal(register_start(f->c, f->a, &f->who, NOW, casefind_builtin(), ann, f->team, f->user, &person,
					&episode),
			 CP_OK);
	assert_int_equal(person, existing);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM person"), 1);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM audit WHERE action = 'person.create'"), 0);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM episode"), 1);
}


/* A stream of the text that fails (EIO) once `fail_at` bytes have been read. */
struct failing {
	const char *text;
	size_t len, pos, fail_at;
};

static ssize_t failing_read(void *cookie, char *buf, size_t n)
{
	struct failing *f = cookie;
	if (f->pos >= f->fail_at) {
		errno = EIO;
		return -1;
	}
	size_t k = f->len - f->pos;
	if (k > n)
		k = n;
	if (k > f->fail_at - f->pos)
		k = f->fail_at - f->pos;
	memcpy(buf, f->text + f->pos, k);
	f->pos += k;
	return (ssize_t)k;
}

static void a_failure_midway_keeps_every_batch_committed_before_it(void **state)
{
	struct fx *f = *state;
	/* REGISTER_BATCH + 100 good rows; the stream fails partway through the
	 * second batch. */
	size_t rows = REGISTER_BATCH + 100, cap = 80 * rows + 200, k = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	k += (size_t)snprintf(text, cap, "%s", HEADER);
	size_t fail_at = 0;
	for (size_t i = 0, n = 0; n < rows; i++) {
		char nine[10];
		snprintf(nine, sizeof nine, "%09zu", 400000000 + i);
		int cd = nhsnum_check_digit(nine);
		if (cd < 0)
			continue;
		k += (size_t)snprintf(text + k, cap - k, "%s%d,A,B,1950-01-01,,,,0,0,no,no,no\n", nine, cd);
		if (++n == REGISTER_BATCH + 50)
			fail_at = k;
	}
	struct failing src = {.text = text, .len = k, .fail_at = fail_at};
	FILE *in = fopencookie(&src, "r", (cookie_io_functions_t){.read = failing_read});
	assert_non_null(in);
	struct register_report rep;
	char msg[512];
	assert_int_equal(register_import(f->c, in, "test.csv", &f->who, NOW, casefind_builtin(), NULL, NULL, &rep, msg,
					 sizeof msg),
			 CP_EIO);
	fclose(in);
	free(text);
	assert_non_null(strstr(msg, "reading stopped at line"));
	/* The first batch is kept; the one in progress is not. */
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_entry"), REGISTER_BATCH);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM register_import WHERE finished_ms IS NULL"), 1);
	assert_int_equal(q_i64(f, "SELECT count(*) FROM audit WHERE action = 'register.import'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(broken_rows_are_refused_with_line_and_reason_and_good_rows_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_header_missing_a_column_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(columns_in_any_order_and_reimport_updates_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(worklist_is_ranked_with_reasons_and_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_rules_score_every_row_again, setup, teardown),
		cmocka_unit_test_setup_teardown(start_creates_person_and_episode_in_one_step, setup, teardown),
		cmocka_unit_test_setup_teardown(start_links_a_person_already_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failure_midway_keeps_every_batch_committed_before_it, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
