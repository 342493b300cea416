/*
 * test_events.c - the activity events import (src/domain/events.c): broken
 * rows refused one by one with their line and reason (wrong column count,
 * bad NHS number, bad or future date, unknown kind, a bad quote), good rows
 * stored, a second import of the same file adding nothing, one audit row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/events.h"
#include "fixture.h"

#define NOW_MS 1795176000000LL /* 2026-11-20 12:00 UTC */

static struct {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
} D;

static int setup(void **state)
{
	(void)state;
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "events.db");
	char msg[256];
	if (store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	D.c = store_acquire(D.st);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_release(D.st, D.c);
	store_close(D.st);
	fx_rmdir(D.dir);
	return 0;
}

struct seen {
	long line[16];
	char reason[16][EVENTS_REASON_MAX];
	int n;
};

static void note(void *ctx, long line, const char *reason)
{
	struct seen *s = ctx;
	if (s->n < 16) {
		s->line[s->n] = line;
		snprintf(s->reason[s->n], EVENTS_REASON_MAX, "%s", reason);
		s->n++;
	}
}

static const struct audit_actor WHO = {.user_id = 0, .client = "cli"};

static enum cp_err import(const char *text, struct seen *s, struct events_report *rep)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	memset(s, 0, sizeof *s);
	enum cp_err err = events_import(D.c, &WHO, NOW_MS, f, "test", note, s, rep);
	fclose(f);
	return err;
}

static int64_t rows(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_open(D.path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static const char *const FILE_TEXT =
	"nhs_number,kind,date,source_ref\r\n"                      /* 1: header, skipped */
	"9434765919,emergency_admission,2026-03-14,ADM-1\r\n"      /* 2: good */
	"943 476 5919,ae_attendance,2026-03-14\r\n"                /* 3: good, spaces in the number */
	"9434765918,ae_attendance,2026-03-14\r\n"                  /* 4: check digit wrong */
	"9434765919,walk_in,2026-03-14\r\n"                        /* 5: unknown kind */
	"9434765919,ae_attendance,2026-02-30\r\n"                  /* 6: not a date */
	"9434765919,ae_attendance\r\n"                             /* 7: too few cells */
	"9434765919,ae_attendance,2026-03-15,R,extra\r\n"          /* 8: too many cells */
	"9434765919,ae_attendance,2026-12-01\r\n"                  /* 9: after today */
	"\"9434765919\"x,ae_attendance,2026-03-15\r\n"             /* 10: text after a closing quote */
	"\r\n"                                                     /* 11: blank, skipped */
	"9434765919,ae_attendance,2026-03-14,\"two\nlines\"\r\n"   /* 12-13: good, a quoted line break */
	"9434765919,emergency_admission,2026-03-14,ADM-1\r\n";     /* 14: the same as line 2 */

static void broken_rows_are_refused_by_line_and_good_ones_stored(void **state)
{
	(void)state;
	struct seen s;
	struct events_report rep;
	assert_int_equal(import(FILE_TEXT, &s, &rep), CP_OK);
	assert_int_equal(rep.rows, 11);
	assert_int_equal(rep.added, 3);
	assert_int_equal(rep.already, 1);
	assert_int_equal(rep.refused, 7);
	assert_int_equal(s.n, 7);
	static const long lines[] = {4, 5, 6, 7, 8, 9, 10};
	for (int i = 0; i < 7; i++)
		assert_int_equal(s.line[i], lines[i]);
	assert_string_equal(s.reason[0],
			    "NHS number \"9434765918\" is not a valid NHS number (ten digits with a right check digit)");
	assert_string_equal(s.reason[1], "kind \"walk_in\" is not known: use emergency_admission or ae_attendance");
	assert_non_null(strstr(s.reason[2], "Date 2026-02-30 is not a date"));
	assert_string_equal(s.reason[3],
			    "the row has 2 cells; it needs 3 or 4 (NHS number, kind, date, and a source reference if any)");
	assert_non_null(strstr(s.reason[4], "the row has 5 cells"));
	assert_string_equal(s.reason[5], "Date 2026-12-01 is after today");
	assert_string_equal(s.reason[6], "there is text after a closing quote");
	assert_int_equal(rows("SELECT count(*) FROM activity_event"), 3);
	assert_int_equal(rows("SELECT count(*) FROM activity_event WHERE source_ref = 'two\nlines'"), 1);
	assert_int_equal(rows("SELECT count(*) FROM audit WHERE action = 'events.import' AND "
			      "reason = '3 added, 1 already stored, 7 refused'"),
			 1);
}

static void a_second_import_of_the_same_file_changes_nothing(void **state)
{
	(void)state;
	int64_t before = rows("SELECT count(*) FROM activity_event");
	struct seen s;
	struct events_report rep;
	assert_int_equal(import(FILE_TEXT, &s, &rep), CP_OK);
	assert_int_equal(rep.added, 0);
	assert_int_equal(rep.already, 4);
	assert_int_equal(rows("SELECT count(*) FROM activity_event"), before);
}

static void a_row_is_checked_on_its_own(void **state)
{
	(void)state;
	char nhs[11], msg[EVENTS_REASON_MAX];
	struct store_activity_event ev;
	const char *const good[] = {"9434765919", "ae_attendance", "2026-01-02", "X-1"};
	assert_int_equal(events_check_row(good, 4, "2026-11-20", nhs, &ev, msg, sizeof msg), CP_OK);
	assert_string_equal(ev.nhs_number, "9434765919");
	assert_string_equal(ev.kind, "ae_attendance");
	assert_string_equal(ev.source_ref, "X-1");
	const char *const control[] = {"94347\x01""65919", "ae_attendance", "2026-01-02"};
	assert_int_equal(events_check_row(control, 3, "2026-11-20", nhs, &ev, msg, sizeof msg), CP_EINVAL);
	/* A value that is not plain short text is not repeated back. */
	assert_string_equal(msg, "the NHS number is not a valid NHS number (ten digits with a right check digit)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(broken_rows_are_refused_by_line_and_good_ones_stored),
		cmocka_unit_test(a_second_import_of_the_same_file_changes_nothing),
		cmocka_unit_test(a_row_is_checked_on_its_own),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
