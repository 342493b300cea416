/* test_feedback.c - feedback on care planning (src/domain/feedback.c) on a
 * temporary database: validation naming each field and writing nothing, a
 * person's and a carer's feedback attributed to the person's team, and the
 * small-number rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/feedback.h"
#include "fixture.h"

#define NOW 1795366800000LL

static struct {
	struct arena *a;
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	int64_t team, person, other;
	struct store_user me, carer, lonely_carer;
	struct audit_actor who;
} D;

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	D.a = arena_new(1 << 20);
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "feedback.db");
	char msg[512];
	if (!D.a || !D.dir || store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	D.c = store_acquire(D.st);
	int64_t org;
	struct store_org o = {.name = "Org"};
	if (store_org_insert(D.c, &o, &org))
		return -1;
	struct store_team t = {.org_id = org, .name = "North"};
	if (store_team_insert(D.c, &t, &D.team))
		return -1;
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Bell",
				 .birth_date = "1950-01-01", .team_id = D.team, .created_ms = 1};
	struct store_person q = {.nhs_number = "9990001022", .given_name = "Bob", .family_name = "Cole",
				 .birth_date = "1950-01-01", .team_id = D.team, .created_ms = 1};
	if (store_person_insert(D.c, &p, &D.person) || store_person_insert(D.c, &q, &D.other))
		return -1;
	struct store_user me = {.username = "ann", .display_name = "Ann Bell", .role = "person",
				.person_id = D.person, .password_hash = "x", .created_ms = 1};
	struct store_user ca = {.username = "cara", .display_name = "Cara", .role = "carer", .password_hash = "x",
				.created_ms = 1};
	struct store_user lo = {.username = "lone", .display_name = "Lone", .role = "carer", .password_hash = "x",
				.created_ms = 1};
	int64_t id;
	if (store_user_insert(D.c, &me, &id) || store_user_by_id(D.c, D.a, id, &D.me) ||
	    store_user_insert(D.c, &ca, &id) || store_user_by_id(D.c, D.a, id, &D.carer) ||
	    store_user_insert(D.c, &lo, &id) || store_user_by_id(D.c, D.a, id, &D.lonely_carer))
		return -1;
	/* Cara cares for both. */
	struct store_grant g1 = {.person_id = D.person, .carer_user_id = D.carer.id, .granted_ms = 1};
	struct store_grant g2 = {.person_id = D.other, .carer_user_id = D.carer.id, .granted_ms = 1};
	if (store_grant_insert(D.c, &g1, &id) || store_grant_insert(D.c, &g2, &id))
		return -1;
	D.who = (struct audit_actor){.user_id = D.me.id, .role = "person", .client = "192.0.2.1"};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_release(D.st, D.c);
	store_close(D.st);
	fx_rmdir(D.dir);
	arena_free(D.a);
	return 0;
}

static int64_t rows(void)
{
	struct store_feedback_totals t;
	assert_int_equal(store_feedback_totals(D.c, 0, 0, &t), CP_OK);
	return t.n;
}

static void a_person_gives_feedback_for_their_team(void **state)
{
	(void)state;
	struct feedback_input in = {.rating = {"4", "5", "3"}, .comment = "  Sam was kind.\r\n"};
	struct person_errors errs;
	int64_t id;
	assert_int_equal(feedback_give(D.c, D.a, &D.who, NOW, &D.me, &in, &errs, &id), CP_OK);
	struct store_feedback *f;
	size_t n;
	assert_int_equal(store_feedback_list(D.c, D.a, D.team, 10, &f, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].giver, "person");
	assert_int_equal(f[0].person_id, D.person);
	assert_int_equal(f[0].involved, 4);
	assert_int_equal(f[0].useful, 3);
	assert_string_equal(f[0].comment, "Sam was kind.");
	int64_t audits;
	assert_int_equal(store_audit_count(D.c, "feedback.create", &audits), CP_OK);
	assert_int_equal(audits, 1);
}

static void bad_feedback_names_each_field_and_writes_nothing(void **state)
{
	(void)state;
	char *long_comment = arena_zalloc(D.a, FEEDBACK_COMMENT_MAX + 2);
	memset(long_comment, 'a', FEEDBACK_COMMENT_MAX + 1);
	struct feedback_input in = {.rating = {NULL, "6", "x"}, .comment = long_comment};
	struct person_errors errs;
	int64_t id;
	assert_int_equal(feedback_give(D.c, D.a, &D.who, NOW, &D.me, &in, &errs, &id), CP_EINVAL);
	assert_non_null(strstr(person_error_for(&errs, "involved"), "Choose how much you agree"));
	assert_string_equal(person_error_for(&errs, "listened"), "Choose one of the five answers");
	assert_string_equal(person_error_for(&errs, "useful"), "Choose one of the five answers");
	assert_non_null(strstr(person_error_for(&errs, "comment"), "2000 characters or fewer"));
	assert_int_equal(rows(), 0);
}

static void a_carer_says_whose_care_planning_and_must_have_a_grant(void **state)
{
	(void)state;
	struct audit_actor cw = {.user_id = D.carer.id, .role = "carer", .client = "c"};
	struct feedback_input in = {.rating = {"2", "2", "2"}};
	struct person_errors errs;
	int64_t id;
	/* Two people: the carer must choose. */
	assert_int_equal(feedback_give(D.c, D.a, &cw, NOW, &D.carer, &in, &errs, &id), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "about"), "Choose whose care planning this is about");
	char forged[24];
	snprintf(forged, sizeof forged, "%lld", (long long)(D.other + 100));
	in.about = forged;
	assert_int_equal(feedback_give(D.c, D.a, &cw, NOW, &D.carer, &in, &errs, &id), CP_EINVAL);
	char other[24];
	snprintf(other, sizeof other, "%lld", (long long)D.other);
	in.about = other;
	assert_int_equal(feedback_give(D.c, D.a, &cw, NOW, &D.carer, &in, &errs, &id), CP_OK);
	struct store_feedback *f;
	size_t n;
	assert_int_equal(store_feedback_list(D.c, D.a, D.team, 10, &f, &n), CP_OK);
	assert_int_equal(f[0].person_id, D.other);
	assert_string_equal(f[0].giver, "carer");
	/* A carer nobody has granted access has nothing to give feedback on. */
	struct feedback_input none = {.rating = {"2", "2", "2"}};
	assert_int_equal(feedback_give(D.c, D.a, &cw, NOW, &D.lonely_carer, &none, &errs, &id), CP_EINVAL);
	assert_non_null(strstr(person_error_for(&errs, "about"), "Nobody has let you see their plan"));
	assert_int_equal(rows(), 1);
}

static void totals_count_agreement_and_small_numbers_are_suppressed(void **state)
{
	(void)state;
	static const char *const r[][3] = {{"5", "4", "3"}, {"4", "4", "2"}, {"1", "5", "4"}, {"4", "2", "5"}};
	struct person_errors errs;
	int64_t id;
	for (size_t i = 0; i < 4; i++) {
		struct feedback_input in = {.rating = {r[i][0], r[i][1], r[i][2]}};
		assert_int_equal(feedback_give(D.c, D.a, &D.who, NOW, &D.me, &in, &errs, &id), CP_OK);
	}
	struct store_feedback_totals t;
	assert_int_equal(store_feedback_totals(D.c, D.team, 0, &t), CP_OK);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.sum[FQ_INVOLVED], 14);
	assert_int_equal(t.agree[FQ_INVOLVED], 3);
	assert_int_equal(t.agree[FQ_LISTENED], 3);
	assert_int_equal(t.agree[FQ_USEFUL], 2);
	assert_int_equal(feedback_percent(t.agree[FQ_INVOLVED], t.n), 75);
	assert_int_equal(feedback_percent(1, 3), 33);
	assert_int_equal(feedback_percent(2, 3), 67);
	assert_int_equal(feedback_percent(1, 8), 13); /* 12.5 rounds half up */
	assert_int_equal(feedback_percent(0, 0), 0);
	assert_true(feedback_suppressed(t.n));
	assert_false(feedback_suppressed(5));
	struct store_feedback_totals *teams;
	size_t n;
	assert_int_equal(store_feedback_by_team(D.c, D.a, 0, 10, &teams, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(teams[0].team_name, "North");
	assert_int_equal(teams[0].n, 4);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_person_gives_feedback_for_their_team),
		T(bad_feedback_names_each_field_and_writes_nothing),
		T(a_carer_says_whose_care_planning_and_must_have_a_grant),
		T(totals_count_agreement_and_small_numbers_are_suppressed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
