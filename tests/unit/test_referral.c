/* test_referral.c - the statuses of a referral and the moves between them
 * (src/domain/referral.def): every allowed move allowed, every other pair
 * refused, signposts never move; the FTS5 query made from typed words
 * (every term quoted, so nothing typed is syntax); a signpost or referral
 * as typed, each refusal naming its field; and a schedule in words for
 * the activities pack. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/directory.h"
#include "domain/referral.h"

/* 2026-11-22 12:00 UTC */
#define NOW (1795348800000LL)

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new(1u << 18);
	return A ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

/* The allowed moves written out again by hand (docs/referrals.md): a change
 * to referral.def not also made here fails. */
static const struct {
	const char *from, *to;
} ALLOWED[] = {
	{"sent", "accepted"},        {"sent", "declined"},          {"sent", "attended"},
	{"accepted", "attended"},    {"accepted", "did_not_attend"}, {"accepted", "declined"},
	{"did_not_attend", "sent"},  {"did_not_attend", "attended"}, {"declined", "sent"},
};

static bool listed(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof ALLOWED / sizeof ALLOWED[0]; i++)
		if (strcmp(ALLOWED[i].from, from) == 0 && strcmp(ALLOWED[i].to, to) == 0)
			return true;
	return false;
}

static void test_every_move_allowed_and_every_other_refused(void **state)
{
	(void)state;
	assert_int_equal(REF__MAX, 6);
	size_t allowed = 0;
	for (int f = 0; f < REF__MAX; f++) {
		for (int t = 0; t < REF__MAX; t++) {
			const char *fc = ref_status_code((enum ref_status)f), *tc = ref_status_code((enum ref_status)t);
			bool want = listed(fc, tc);
			assert_int_equal(ref_move_allowed((enum ref_status)f, (enum ref_status)t), want);
			assert_int_equal(ref_move_label((enum ref_status)f, (enum ref_status)t) != NULL, want);
			allowed += want;
		}
		/* What the form offers is exactly what is allowed. */
		enum ref_status out[REF__MAX];
		size_t n = ref_moves_from((enum ref_status)f, out);
		size_t expect = 0;
		for (size_t i = 0; i < sizeof ALLOWED / sizeof ALLOWED[0]; i++)
			expect += strcmp(ALLOWED[i].from, ref_status_code((enum ref_status)f)) == 0;
		assert_int_equal(n, expect);
		for (size_t i = 0; i < n; i++)
			assert_true(ref_move_allowed((enum ref_status)f, out[i]));
	}
	assert_int_equal(allowed, sizeof ALLOWED / sizeof ALLOWED[0]);
	/* Out of range is refused, never read past the table. */
	assert_false(ref_move_allowed(REF__MAX, REF_SENT));
	assert_false(ref_move_allowed(REF_SENT, REF__MAX));
	assert_false(ref_move_allowed((enum ref_status)-1, REF_SENT));
}

static void test_signposts_never_move_and_attended_is_the_end(void **state)
{
	(void)state;
	enum ref_status out[REF__MAX];
	assert_int_equal(ref_moves_from(REF_GIVEN, out), 0);
	assert_int_equal(ref_moves_from(REF_ATTENDED, out), 0);
	for (int s = 0; s < REF__MAX; s++) {
		assert_false(ref_move_allowed((enum ref_status)s, REF_GIVEN));
		assert_false(ref_move_allowed(REF_GIVEN, (enum ref_status)s));
	}
	/* A move to the same status is no move. */
	for (int s = 0; s < REF__MAX; s++)
		assert_false(ref_move_allowed((enum ref_status)s, (enum ref_status)s));
}

static void test_codes_labels_and_open_statuses(void **state)
{
	(void)state;
	for (int s = 0; s < REF__MAX; s++)
		assert_int_equal(ref_status_from_code(ref_status_code((enum ref_status)s)), s);
	assert_int_equal(ref_status_from_code(NULL), REF__MAX);
	assert_int_equal(ref_status_from_code("Sent"), REF__MAX);
	assert_string_equal(ref_status_code(REF_DNA), "did_not_attend");
	assert_string_equal(ref_status_label(REF__MAX), "");
	assert_string_equal(ref_status_code(REF__MAX), "");
	assert_true(ref_status_open(REF_SENT));
	assert_true(ref_status_open(REF_ACCEPTED));
	assert_true(ref_status_open(REF_DNA));
	assert_false(ref_status_open(REF_GIVEN));
	assert_false(ref_status_open(REF_ATTENDED));
	assert_false(ref_status_open(REF_DECLINED));
	assert_false(ref_status_open(REF__MAX));
}

/* The referral search's query (the directory's builder, any word may
 * match): NULL when there is no word. */
static const char *any(const char *words)
{
	const char *q = "unset";
	assert_int_equal(dir_fts_query_any(A, words, REF_QUERY_TERMS, &q), CP_OK);
	return q;
}

static void test_search_words_become_quoted_terms(void **state)
{
	(void)state;
	assert_string_equal(any("walking group"), "\"walking\" OR \"group\"");
	/* FTS5 syntax typed is only separators or words. */
	assert_string_equal(any("walk\" OR * NEAR(lunch)"), "\"walk\" OR \"NEAR\" OR \"lunch\"");
	assert_string_equal(any("^club AND -tea: col:x"), "\"club\" OR \"tea\" OR \"col\" OR \"x\"");
	/* Common words tell services apart no better than nothing: left out,
	 * unless they are all there is. */
	assert_string_equal(any("Go to the Tuesday lunch club"),
			    "\"Tuesday\" OR \"lunch\" OR \"club\"");
	assert_string_equal(any("Ring THE lunch club and ask about transport"),
			    "\"Ring\" OR \"lunch\" OR \"club\" OR \"transport\"");
	assert_string_equal(any("to the"), "\"to\" OR \"the\"");
	assert_string_equal(any("tot thee"), "\"tot\" OR \"thee\"");
	assert_string_equal(any("to the a an of in on at by it is be to the a an of walk"), "\"walk\"");
	assert_string_equal(any("café  Zoë"), "\"café\" OR \"Zoë\"");
	assert_null(any("\"*()^:-+"));
	assert_null(any(""));
	assert_null(any(NULL));
	/* At most REF_QUERY_TERMS terms. */
	const char *q = any("b c d e f g h j k l m n o p q r");
	size_t terms = 1;
	for (const char *p = q; (p = strstr(p, " OR ")); p += 4)
		terms++;
	assert_int_equal(terms, REF_QUERY_TERMS);
}

static enum cp_err check(const char *kind, const char *service, const char *action, const char *need,
			 const char *reason, const char *date, struct store_sref *out, struct person_errors *errs)
{
	struct ref_input in = {.kind = kind, .service = service, .action = action, .need = need, .reason = reason,
			       .referral_date = date};
	memset(out, 0, sizeof *out);
	return ref_validate(A, NOW, &in, out, errs);
}

static void test_a_referral_as_typed(void **state)
{
	(void)state;
	struct store_sref r;
	struct person_errors e;
	assert_int_equal(check("referral", "12", "3", "social", "  Lonely  ", "2026-11-20", &r, &e), CP_OK);
	assert_string_equal(r.kind, "referral");
	assert_string_equal(r.status, "sent");
	assert_int_equal(r.service_id, 12);
	assert_int_equal(r.plan_action_id, 3);
	assert_string_equal(r.need, "social");
	assert_string_equal(r.reason, "Lonely");
	assert_string_equal(r.referral_date, "2026-11-20");
	/* The date defaults to today; a signpost needs no reason. */
	assert_int_equal(check("signpost", "12", "", "", NULL, "", &r, &e), CP_OK);
	assert_string_equal(r.status, "given");
	assert_string_equal(r.referral_date, "2026-11-22");
	assert_int_equal(r.plan_action_id, 0);
	assert_null(r.need);
	assert_string_equal(r.reason, "");
	/* Each refusal names its field. */
	static const struct {
		const char *kind, *service, *action, *need, *reason, *date, *field, *says;
	} bad[] = {
		{"referral", "12", NULL, NULL, "", NULL, "reason", "Enter the reason for the referral"},
		{"refer", "12", NULL, NULL, "x", NULL, "kind", "Choose whether to signpost or to refer"},
		{NULL, "12", NULL, NULL, "x", NULL, "kind", "Choose whether"},
		{"referral", "", NULL, NULL, "x", NULL, "service", "Choose a service from the directory"},
		{"referral", "0", NULL, NULL, "x", NULL, "service", "Choose a service"},
		{"referral", "12x", NULL, NULL, "x", NULL, "service", "Choose a service"},
		{"referral", "12", "-1", NULL, "x", NULL, "action", "not a plan action"},
		{"referral", "12", NULL, "lonely", "x", NULL, "need", "not one of the assessment"},
		{"referral", "12", NULL, NULL, "x", "2026-11-23", "referral_date", "today or in the past"},
		{"referral", "12", NULL, NULL, "x", "22/11/2026", "referral_date", "Date of the referral"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(check(bad[i].kind, bad[i].service, bad[i].action, bad[i].need, bad[i].reason, bad[i].date,
				       &r, &e),
				 CP_EINVAL);
		const char *m = person_error_for(&e, bad[i].field);
		assert_non_null(m);
		assert_non_null(strstr(m, bad[i].says));
	}
	char long_reason[REF_REASON_MAX + 2];
	memset(long_reason, 'x', sizeof long_reason - 1);
	long_reason[sizeof long_reason - 1] = '\0';
	assert_int_equal(check("referral", "12", NULL, NULL, long_reason, NULL, &r, &e), CP_EINVAL);
	assert_non_null(person_error_for(&e, "reason"));
	long_reason[REF_REASON_MAX] = '\0';
	assert_int_equal(check("referral", "12", NULL, NULL, long_reason, NULL, &r, &e), CP_OK);
}

static void test_a_schedule_in_words(void **state)
{
	(void)state;
	struct store_dir_schedule s = {.rrule = "FREQ=WEEKLY;BYDAY=WE", .dtstart = "2026-01-07", .opens_at = "10:00",
				       .closes_at = "11:00", .description = ""};
	assert_string_equal(pack_when(A, &s), "Every week on Wednesday, 10:00 to 11:00");
	s.description = "Not on bank holidays";
	assert_string_equal(pack_when(A, &s), "Every week on Wednesday, 10:00 to 11:00. Not on bank holidays");
	s = (struct store_dir_schedule){.rrule = NULL, .description = "Ring for a time"};
	assert_string_equal(pack_when(A, &s), "Ring for a time");
	s = (struct store_dir_schedule){.rrule = "FREQ=WEEKLY;BYDAY=MO,TH", .opens_at = "09:30", .description = ""};
	assert_string_equal(pack_when(A, &s), "Every week on Monday and Thursday, from 09:30");
	/* A rule that is not a rule says nothing of itself. */
	s = (struct store_dir_schedule){.rrule = "nonsense", .description = ""};
	assert_null(pack_when(A, &s));
}

/* The pack says what a service costs once, in the directory's own words
 * where it has them. */
static void test_the_cost_in_words(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	struct store_dir_cost session = {.option = "Each session", .amount = "4.50", .amount_description = ""};
	struct store_dir_cost lunch = {.option = "Lunch", .amount = "4.50", .amount_description = "lunch and a hot drink"};
	struct store_dir_cost nothing = {.option = "Free", .amount = "0", .amount_description = ""};
	static struct store_dir_entry e;
	e.svc.fees = "£4.50 a session";
	e.cost[0] = session;
	e.n_cost = 1;
	assert_string_equal(ref_cost_words(a, &e), "£4.50 a session");
	e.svc.free = true;
	e.svc.fees = "Free";
	e.cost[0] = nothing;
	assert_string_equal(ref_cost_words(a, &e), "Free");
	e.svc.fees = "Donations welcome";
	assert_string_equal(ref_cost_words(a, &e), "Free. Donations welcome");
	e.svc.fees = "";
	assert_string_equal(ref_cost_words(a, &e), "Free");
	e.svc.free = false;
	e.cost[0] = session;
	assert_string_equal(ref_cost_words(a, &e), "Each session: £4.50");
	e.cost[0] = lunch;
	assert_string_equal(ref_cost_words(a, &e), "£4.50 for lunch and a hot drink");
	e.n_cost = 0;
	assert_string_equal(ref_cost_words(a, &e), "Ask the service");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_move_allowed_and_every_other_refused),
		cmocka_unit_test(test_signposts_never_move_and_attended_is_the_end),
		cmocka_unit_test(test_codes_labels_and_open_statuses),
		cmocka_unit_test(test_search_words_become_quoted_terms),
		cmocka_unit_test(test_a_referral_as_typed),
		cmocka_unit_test(test_a_schedule_in_words),
		cmocka_unit_test(test_the_cost_in_words),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
