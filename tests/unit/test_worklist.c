/*
 * test_worklist.c - which worklist sections an open episode belongs in, the
 * days to go or overdue, sorting by the whitelisted keys only
 * (src/domain/worklist.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/worklist.h"

static const struct caldate TODAY = {2026, 11, 22};

static unsigned sections(const struct store_worklist_row *w, const char *date[WL__MAX], int days[WL__MAX])
{
	return worklist_classify(w, TODAY, date, days);
}

#define BIT(s) (1u << (s))

static void reviews_are_due_within_fourteen_days_or_overdue_once_past(void **state)
{
	(void)state;
	const char *date[WL__MAX];
	int days[WL__MAX];
	struct store_worklist_row w = {.stage = "active", .level = 2, .key_worker_id = 5, .plan_status = "agreed",
				       .next_review_date = "2026-12-06"};
	assert_int_equal(sections(&w, date, days), BIT(WL_DUE));
	assert_int_equal(days[WL_DUE], 14);
	assert_string_equal(date[WL_DUE], "2026-12-06");
	w.next_review_date = "2026-12-07";
	assert_int_equal(sections(&w, date, days), 0);
	w.next_review_date = "2026-11-22";
	assert_int_equal(sections(&w, date, days), BIT(WL_DUE));
	assert_int_equal(days[WL_DUE], 0);
	w.next_review_date = "2026-10-31"; /* across a month end */
	assert_int_equal(sections(&w, date, days), BIT(WL_OVERDUE));
	assert_int_equal(days[WL_OVERDUE], -22);
	w.stage = "review";
	assert_int_equal(sections(&w, date, days), BIT(WL_OVERDUE));
	w.stage = "planning"; /* a review date of a plan not yet live does not count */
	assert_int_equal(sections(&w, date, days), 0);
}

static void plans_not_agreed_include_episodes_with_no_plan(void **state)
{
	(void)state;
	const char *date[WL__MAX];
	int days[WL__MAX];
	struct store_worklist_row w = {.stage = "planning", .key_worker_id = 5,
				       .started_ms = 1793880000000LL /* 2026-11-05 */};
	assert_int_equal(sections(&w, date, days), BIT(WL_NOT_AGREED));
	assert_null(date[WL_NOT_AGREED]);
	assert_int_equal(days[WL_NOT_AGREED], -17); /* open for 17 days */
	w.plan_status = "draft";
	w.stage = "active";
	assert_int_equal(sections(&w, date, days), BIT(WL_NOT_AGREED));
	w.stage = "assessment"; /* too early to expect a plan */
	assert_int_equal(sections(&w, date, days), 0);
	w.key_worker_id = 0;
	assert_int_equal(sections(&w, date, days), BIT(WL_NO_KEY));
	w.stage = "closed"; /* ended episodes are on no worklist */
	assert_int_equal(sections(&w, date, days), 0);
}

static void maintenance_checkins_due_overdue_or_without_a_date(void **state)
{
	(void)state;
	const char *date[WL__MAX];
	int days[WL__MAX];
	struct store_worklist_row w = {.stage = "maintenance", .key_worker_id = 5, .plan_status = "agreed",
				       .next_review_date = "2026-01-01", .next_checkin_date = "2026-11-19"};
	assert_int_equal(sections(&w, date, days), BIT(WL_CHECKIN));
	assert_int_equal(days[WL_CHECKIN], -3);
	w.next_checkin_date = "2027-01-01";
	assert_int_equal(sections(&w, date, days), 0);
	w.next_checkin_date = NULL;
	assert_int_equal(sections(&w, date, days), BIT(WL_CHECKIN));
	assert_null(date[WL_CHECKIN]);
}

static void sections_sort_by_date_or_name(void **state)
{
	(void)state;
	struct store_worklist_row rows[3] = {
		{.episode_id = 1, .given_name = "Ann", .family_name = "Young", .stage = "active", .key_worker_id = 1,
		 .plan_status = "agreed", .next_review_date = "2026-11-25"},
		{.episode_id = 2, .given_name = "Bob", .family_name = "Adams", .stage = "active", .key_worker_id = 1,
		 .plan_status = "agreed", .next_review_date = "2026-12-01"},
		{.episode_id = 3, .given_name = "Cy", .family_name = "Moss", .stage = "review", .key_worker_id = 1,
		 .plan_status = "agreed", .next_review_date = "2026-11-23"},
	};
	struct arena *a = arena_new(1 << 16);
	struct worklist w;
	assert_int_equal(worklist_build(a, rows, 3, TODAY, WL_SORT_DATE, &w), CP_OK);
	assert_int_equal(w.n[WL_DUE], 3);
	assert_int_equal(w.items[WL_DUE][0].row->episode_id, 3);
	assert_int_equal(w.items[WL_DUE][1].row->episode_id, 1);
	assert_int_equal(w.items[WL_DUE][2].row->episode_id, 2);
	assert_int_equal(w.items[WL_DUE][2].days, 9);
	assert_int_equal(worklist_build(a, rows, 3, TODAY, WL_SORT_NAME, &w), CP_OK);
	assert_string_equal(w.items[WL_DUE][0].row->family_name, "Adams");
	assert_string_equal(w.items[WL_DUE][1].row->family_name, "Moss");
	assert_string_equal(w.items[WL_DUE][2].row->family_name, "Young");
	assert_int_equal(w.n[WL_OVERDUE] + w.n[WL_NOT_AGREED] + w.n[WL_NO_KEY] + w.n[WL_CHECKIN], 0);
	assert_int_equal(worklist_build(a, NULL, 0, TODAY, WL_SORT_DATE, &w), CP_OK);
	arena_free(a);
}

static void only_whitelisted_sort_keys_are_accepted(void **state)
{
	(void)state;
	assert_int_equal(worklist_sort_from_code(NULL), WL_SORT_DATE);
	assert_int_equal(worklist_sort_from_code(""), WL_SORT_DATE);
	assert_int_equal(worklist_sort_from_code("date"), WL_SORT_DATE);
	assert_int_equal(worklist_sort_from_code("name"), WL_SORT_NAME);
	assert_int_equal(worklist_sort_from_code("family_name"), WL_SORT__MAX);
	assert_int_equal(worklist_sort_from_code("name desc"), WL_SORT__MAX);
	assert_string_equal(worklist_section_code(WL_NO_KEY), "no-key-worker");
	assert_string_equal(worklist_section_code(WL__MAX), "");
}

static void today_is_the_utc_date(void **state)
{
	(void)state;
	struct caldate d = worklist_today(1795348800000LL); /* 2026-11-22 12:00 UTC */
	assert_int_equal(caldate_cmp(d, TODAY), 0);
	d = worklist_today(1795391999999LL); /* the last millisecond of that day */
	assert_int_equal(caldate_cmp(d, TODAY), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reviews_are_due_within_fourteen_days_or_overdue_once_past),
		cmocka_unit_test(plans_not_agreed_include_episodes_with_no_plan),
		cmocka_unit_test(maintenance_checkins_due_overdue_or_without_a_date),
		cmocka_unit_test(sections_sort_by_date_or_name),
		cmocka_unit_test(only_whitelisted_sort_keys_are_accepted),
		cmocka_unit_test(today_is_the_utc_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
