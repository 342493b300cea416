/*
 * test_outcomes.c - the evaluation figures (src/domain/outcomes.c) on a
 * small database whose every figure is worked out by hand below, the filter
 * checks, and the small-number suppression rule with its complementary cell.
 *
 * The database, "today" being 2026-11-20 (period of 12 months: 2025-12-01
 * to 2026-11-20):
 *
 *   team 1 North: P1..P4; team 2 South: P5.
 *   E1 P1 level 1 active,   started 2026-01-01, plan agreed 2026-02-01 with the
 *      person (31 days), every 90 days, next review 2026-10-30 (overdue).
 *      Reviews: R1 2026-04-20 (due 2026-05-02: on time; GAS -1, -1), next
 *      2026-07-20; R2 2026-08-01 (late; GAS 0, +1: T = 50 + 10 / sqrt(2.6)
 *      = 56.2017), next 2026-10-30.  PHQ-9 15 on 2026-01-10, 9 on 2026-09-01.
 *   E2 P2 level 2 review,   started 2026-03-01, agreed 2026-03-11 with a
 *      representative (10 days), every 60 days (due 2026-05-10), next review
 *      2027-01-01.  R3 2026-05-10 (on time, the day it was due; GAS 0: T = 50).
 *      GAD-7 12, 7, 7 on 03-05, 06-01, 10-01 (first 12, change -5); PHQ-9
 *      once only (not counted).
 *   E3 P3 level 2 planning, started 2026-10-01, no plan.
 *   E4 P4 level 3 closed,   started 2026-05-01, agreed 2026-06-01 with the
 *      person (31 days).
 *   E5 P5 level 1 active (South), started 2025-06-01, agreed 2025-07-01 (before
 *      the period), next review 2026-12-01.
 *
 * Expected, every team, every level:
 *   open: level 1 active 2 (E1, E5), level 2 review 1, planning 1; overdue 1 (E1).
 *   plans agreed in the period 3 (Feb, Mar, Jun), 2 with the person;
 *   median days 31 (10, 31, 31); level 2 alone 10.
 *   reviews on time 2 (Apr, May), late 1 (Aug).
 *   GAS: 2 people, mean (56.2017 + 50) / 2 = 53.1009; level 1 56.2017.
 *   PHQ-9: 1 person (level 1), change -6; GAD-7: 1 person (level 2), first 12, change -5.
 *   activity: plans agreed 2024-11-20 .. 2026-09-21: E1, E2, E4, E5 = 4 people;
 *   days after 292 + 254 + 172 + 365 = 1083.  P1: admission 2025-06-01 and
 *   A&E 2026-01-31 before, A&E 2026-03-01 after, admission 2024-12-01 too
 *   early; P5: admission 2025-01-01 before, admission 2026-08-01 after its
 *   year after (not counted).  So admissions before 2, A&E before 1, A&E
 *   after 1, admissions after 0: admissions 2 / 4 person-years = 0.5 a
 *   person-year before; A&E after 1 / 1083 days * 365.25 = 0.3373.
 *   feedback: 2 answers in October 2026 (involved 4, 5: mean 4.5), one in 2024.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "domain/outcomes.h"
#include "fixture.h"

#define NOW_MS 1795176000000LL /* 2026-11-20 12:00 UTC */

static const char *const FIXTURE_SQL =
	"INSERT INTO organisation(id, name) VALUES (1, 'Org');"
	"INSERT INTO team(id, organisation_id, name) VALUES (1, 1, 'North'), (2, 1, 'South');"
	"INSERT INTO users(id, username, display_name, role, team_id, password_hash, created_ms) VALUES"
	"  (1, 'm', 'M', 'team_manager', 1, 'x', 0);"
	"INSERT INTO person(id, nhs_number, given_name, family_name, birth_date, team_id, created_ms) VALUES"
	"  (1, '9434765919', 'A', 'One', '1950-01-01', 1, 0), (2, '9434765870', 'B', 'Two', '1950-01-01', 1, 0),"
	"  (3, '9434765862', 'C', 'Three', '1950-01-01', 1, 0), (4, '9434765854', 'D', 'Four', '1950-01-01', 1, 0),"
	"  (5, '9434765846', 'E', 'Five', '1950-01-01', 2, 0);"
	"INSERT INTO episode(id, person_id, stage, level, started_ms, updated_ms) VALUES"
	"  (1, 1, 'active', 1, strftime('%s', '2026-01-01') * 1000, 0),"
	"  (2, 2, 'review', 2, strftime('%s', '2026-03-01') * 1000, 0),"
	"  (3, 3, 'planning', 2, strftime('%s', '2026-10-01') * 1000, 0),"
	"  (4, 4, 'closed', 3, strftime('%s', '2026-05-01') * 1000, 0),"
	"  (5, 5, 'active', 1, strftime('%s', '2025-06-01') * 1000, 0);"
	"INSERT INTO care_plan(id, episode_id, status, agreed_with, agreed_date, review_interval_days, next_review_date,"
	"  created_ms, updated_ms) VALUES"
	"  (1, 1, 'agreed', 'person', '2026-02-01', 90, '2026-10-30', 0, 0),"
	"  (2, 2, 'agreed', 'representative', '2026-03-11', 60, '2027-01-01', 0, 0),"
	"  (4, 4, 'agreed', 'person', '2026-06-01', 90, '2026-08-30', 0, 0),"
	"  (5, 5, 'agreed', 'person', '2025-07-01', 90, '2026-12-01', 0, 0);"
	"INSERT INTO review(id, episode_id, held_date, decision, reason, next_review_date, created_ms) VALUES"
	"  (1, 1, '2026-04-20', 'continue', 'r', '2026-07-20', 0),"
	"  (2, 1, '2026-08-01', 'continue', 'r', '2026-10-30', 0),"
	"  (3, 2, '2026-05-10', 'continue', 'r', '2027-01-01', 0);"
	"INSERT INTO review_goal(review_id, goal_id, title, gas_level) VALUES"
	"  (1, 1, 'g1', -1), (1, 2, 'g2', -1), (2, 1, 'g1', 0), (2, 2, 'g2', 1), (3, 3, 'g3', 0);"
	"INSERT INTO assess_instrument(episode_id, instrument, taken_date, items, total, band, created_ms) VALUES"
	"  (1, 'phq9', '2026-01-10', '', 15, 'b', 0), (1, 'phq9', '2026-09-01', '', 9, 'b', 0),"
	"  (2, 'phq9', '2026-03-05', '', 10, 'b', 0),"
	"  (2, 'gad7', '2026-03-05', '', 12, 'b', 0), (2, 'gad7', '2026-06-01', '', 7, 'b', 0),"
	"  (2, 'gad7', '2026-10-01', '', 7, 'b', 0);"
	"INSERT INTO activity_event(nhs_number, kind, event_date, batch, imported_ms) VALUES"
	"  ('9434765919', 'emergency_admission', '2025-06-01', 't', 0),"
	"  ('9434765919', 'ae_attendance', '2026-01-31', 't', 0),"
	"  ('9434765919', 'ae_attendance', '2026-03-01', 't', 0),"
	"  ('9434765919', 'emergency_admission', '2024-12-01', 't', 0),"
	"  ('9434765846', 'emergency_admission', '2025-01-01', 't', 0),"
	"  ('9434765846', 'emergency_admission', '2026-08-01', 't', 0),"
	"  ('4010232137', 'ae_attendance', '2026-03-01', 't', 0);"
	"INSERT INTO feedback(team_id, person_id, user_id, giver, involved, listened, useful, created_ms) VALUES"
	"  (1, 1, 1, 'person', 4, 3, 4, strftime('%s', '2026-10-05') * 1000),"
	"  (1, 2, 1, 'person', 5, 5, 4, strftime('%s', '2026-10-20') * 1000),"
	"  (1, 2, 1, 'person', 1, 1, 1, strftime('%s', '2024-10-20') * 1000);";

static struct {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
} D;

static int setup(void **state)
{
	(void)state;
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "outcomes.db");
	char msg[256];
	if (store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	sqlite3 *db = NULL;
	char *err = NULL;
	if (sqlite3_open(D.path, &db) != SQLITE_OK || sqlite3_exec(db, FIXTURE_SQL, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_close(db);
	D.c = store_acquire(D.st);
	D.a = arena_new(1u << 20);
	return D.a ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(D.a);
	store_release(D.st, D.c);
	store_close(D.st);
	fx_rmdir(D.dir);
	return 0;
}

static const struct audit_actor WHO = {.user_id = 1, .role = "team_manager", .client = "test"};

static void read_figures(int64_t team, int level, struct outcomes *o)
{
	struct outcomes_filter f = {.team_id = team, .level = level, .months = 12};
	assert_int_equal(outcomes_read(D.c, D.a, &WHO, NOW_MS, &f, o), CP_OK);
}

static void every_figure_matches_the_hand_worked_values(void **state)
{
	(void)state;
	struct outcomes o;
	read_figures(0, 0, &o);
	assert_string_equal(o.from, "2025-12-01");
	assert_string_equal(o.to, "2026-11-20");
	assert_string_equal(o.month[0], "2025-12");
	assert_string_equal(o.month[11], "2026-11");
	assert_int_equal(o.open[1][STAGE_ACTIVE], 2);
	assert_int_equal(o.open[2][STAGE_REVIEW], 1);
	assert_int_equal(o.open[2][STAGE_PLANNING], 1);
	assert_int_equal(o.open[3][STAGE_CLOSED], 0);
	assert_int_equal(outcomes_open_total(&o, 0), 4);
	assert_int_equal(o.overdue[0], 1);
	assert_int_equal(o.overdue[1], 1);
	assert_int_equal(o.plans[0], 3);
	assert_int_equal(o.plans_person[0], 2);
	assert_int_equal(o.plans_m[2], 1); /* February */
	assert_int_equal(o.plans_m[3], 1); /* March */
	assert_int_equal(o.plans_m[6], 1); /* June */
	assert_int_equal(o.plans_person_m[3], 0);
	assert_int_equal(o.days_n[0], 3);
	assert_true(fabs(o.days_median[0] - 31) < 1e-9);
	assert_true(fabs(o.days_median[2] - 10) < 1e-9);
	assert_int_equal(o.on_time[0], 2);
	assert_int_equal(o.late[0], 1);
	assert_int_equal(o.on_time[1], 1);
	assert_int_equal(o.late[1], 1);
	assert_int_equal(o.on_time_m[4], 1); /* April */
	assert_int_equal(o.on_time_m[5], 1); /* May */
	assert_int_equal(o.late_m[8], 1);    /* August */
	assert_int_equal(o.gas[0].n, 2);
	assert_true(fabs(o.gas[0].sum / 2 - 53.1009) < 1e-4);
	assert_true(fabs(o.gas[1].sum - 56.2017) < 1e-4);
	assert_int_equal(o.gas_m[8].n, 1);
	assert_int_equal(o.instr_change[INSTRUMENT_PHQ9][0].n, 1);
	assert_true(fabs(o.instr_change[INSTRUMENT_PHQ9][1].sum - -6) < 1e-9);
	assert_int_equal(o.instr_change[INSTRUMENT_GAD7][2].n, 1);
	assert_true(fabs(o.instr_first[INSTRUMENT_GAD7][2].sum - 12) < 1e-9);
	assert_true(fabs(o.instr_change[INSTRUMENT_GAD7][2].sum - -5) < 1e-9);
	assert_int_equal(o.act_people[0], 4);
	assert_true(fabs(o.act_days_after[0] - 1083) < 1e-6);
	assert_int_equal(o.act_before[OEV_ADMISSION][0], 2);
	assert_int_equal(o.act_before[OEV_AE][0], 1);
	assert_int_equal(o.act_after[OEV_AE][0], 1);
	assert_int_equal(o.act_after[OEV_ADMISSION][0], 0);
	assert_true(fabs(outcomes_rate(o.act_before[OEV_ADMISSION][0], 365.25 * 4) - 0.5) < 1e-9);
	assert_true(fabs(outcomes_rate(o.act_after[OEV_AE][0], o.act_days_after[0]) - 0.33726) < 1e-4);
	assert_int_equal(o.feedback_m[10], 2);
	assert_int_equal(o.feedback_q[0].n, 2);
	assert_true(fabs(o.feedback_q[0].sum - 9) < 1e-9);
	assert_int_equal(o.n_teams, 2);
	assert_string_equal(o.teams[0].name, "North");
	assert_int_equal(o.teams[0].open, 3);
	assert_int_equal(o.teams[1].open, 1);
	assert_int_equal(o.teams[0].plans, 3);
	assert_int_equal(o.teams[0].overdue, 1);
}

static void a_team_and_a_level_narrow_every_figure(void **state)
{
	(void)state;
	struct outcomes o;
	read_figures(2, 0, &o);
	assert_int_equal(outcomes_open_total(&o, 0), 1);
	assert_int_equal(o.plans[0], 0);
	assert_int_equal(o.act_people[0], 1);
	assert_int_equal(o.act_before[OEV_ADMISSION][0], 1);
	assert_int_equal(o.feedback_q[0].n, 0);
	assert_int_equal(o.n_teams, 1);
	read_figures(0, 2, &o);
	assert_int_equal(outcomes_open_total(&o, 0), 2);
	assert_int_equal(o.open[1][STAGE_ACTIVE], 0);
	assert_int_equal(o.plans[0], 1);
	assert_int_equal(o.plans_person[0], 0);
	assert_true(fabs(o.days_median[0] - 10) < 1e-9);
	assert_int_equal(o.on_time[0], 1);
	assert_int_equal(o.late[0], 0);
	assert_int_equal(o.gas[0].n, 1);
	assert_true(fabs(o.gas[0].sum - 50) < 1e-9);
}

static void each_read_is_audited_as_an_aggregate(void **state)
{
	(void)state;
	int64_t before = 0, after = 0;
	assert_int_equal(store_audit_count(D.c, "outcomes.read", &before), CP_OK);
	struct outcomes o;
	read_figures(1, 0, &o);
	assert_int_equal(store_audit_count(D.c, "outcomes.read", &after), CP_OK);
	assert_int_equal(after, before + 1);
}

static void the_filter_names_a_bad_value(void **state)
{
	(void)state;
	struct outcomes_filter f = {.team_id = 7};
	char msg[160];
	assert_int_equal(outcomes_filter_parse("", "", "", false, &f, msg, sizeof msg), CP_OK);
	assert_int_equal(f.months, 12);
	assert_int_equal(f.level, 0);
	assert_int_equal(f.team_id, 7);
	assert_int_equal(outcomes_filter_parse("3", "24", "2", true, &f, msg, sizeof msg), CP_OK);
	assert_int_equal(f.level, 3);
	assert_int_equal(f.months, 24);
	assert_int_equal(f.team_id, 2);
	assert_int_equal(outcomes_filter_parse("4", "", "", true, &f, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Level of care must be 1, 2 or 3, or every level.");
	assert_int_equal(outcomes_filter_parse("1; drop", "", "", true, &f, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(outcomes_filter_parse("", "7", "", true, &f, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Period must be the last 3, 6, 12 or 24 months.");
	assert_int_equal(outcomes_filter_parse("", "-12", "", true, &f, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(outcomes_filter_parse("", "", "x", true, &f, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Team must be one of the teams listed, or every team.");
	assert_int_equal(outcomes_filter_parse("", "", "2", false, &f, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Team cannot be chosen here: the dashboard shows your own team.");
}

/* ---- suppression ----------------------------------------------------------------- */

static void counts_of_one_to_four_are_hidden_and_zero_is_not(void **state)
{
	(void)state;
	const int64_t cells[] = {0, 1, 4, 5, 120};
	bool h[5];
	assert_int_equal(outcomes_hide_small(cells, 5, false, h), 2);
	assert_false(h[0]);
	assert_true(h[1]);
	assert_true(h[2]);
	assert_false(h[3]);
	assert_false(h[4]);
}

static void a_lone_hidden_cell_beside_a_shown_total_takes_the_smallest_other_with_it(void **state)
{
	(void)state;
	/* 3 + 10 + 12 = 25 shown: 3 alone hidden would be 25 - 10 - 12, so 10 goes too. */
	const int64_t cells[] = {3, 12, 10};
	bool h[3];
	assert_int_equal(outcomes_hide_small(cells, 3, true, h), 2);
	assert_true(h[0]);
	assert_false(h[1]);
	assert_true(h[2]);
	/* Zeros are not a disguise: the next non-zero cell is chosen. */
	const int64_t z[] = {0, 2, 0, 9};
	bool hz[4];
	assert_int_equal(outcomes_hide_small(z, 4, true, hz), 2);
	assert_false(hz[0]);
	assert_true(hz[1]);
	assert_true(hz[3]);
	/* Two hidden already protect each other; no total, no complement. */
	const int64_t two[] = {2, 3, 40};
	bool h2[3];
	assert_int_equal(outcomes_hide_small(two, 3, true, h2), 2);
	assert_false(h2[2]);
	assert_int_equal(outcomes_hide_small(cells, 3, false, h), 1);
	assert_false(h[2]);
}

static void a_table_with_both_margins_hides_a_complement_in_each_row_and_column(void **state)
{
	(void)state;
	/*       c0  c1  c2 | row total
	 *  r0    2  10  20 |  32
	 *  r1    6   7  30 |  43
	 *  ----------------
	 *        8  17  50
	 * 2 is hidden; r0 then hides 10 (its smallest other); column c1 now has
	 * 10 alone hidden, so 7 goes; row r1 has 7 alone hidden, so 6 goes;
	 * column c0 has 2 and 6 hidden: done. */
	const int64_t cells[] = {2, 10, 20, 6, 7, 30};
	const int64_t rt[] = {32, 43}, ct[] = {8, 17, 50};
	bool h[6], rh[2], ch[3];
	outcomes_hide_grid(cells, 2, 3, rt, ct, h, rh, ch);
	assert_true(h[0]);
	assert_true(h[1]);
	assert_false(h[2]);
	assert_true(h[3]);
	assert_true(h[4]);
	assert_false(h[5]);
	assert_false(rh[0] || rh[1] || ch[0] || ch[1] || ch[2]);
	/* Every row and column with a shown total has no lone hidden cell. */
	for (int r = 0; r < 2; r++)
		assert_int_not_equal(h[r * 3] + h[r * 3 + 1] + h[r * 3 + 2], 1);
	for (int c = 0; c < 3; c++)
		assert_int_not_equal(h[c] + h[3 + c], 1);
}

static void the_commissioners_view_hides_the_fixtures_small_counts(void **state)
{
	(void)state;
	struct outcomes o;
	struct outcomes_hidden h;
	read_figures(0, 0, &o);
	assert_int_equal(outcomes_suppress(&o, D.a, &h), CP_OK);
	assert_true(h.open[1][STAGE_ACTIVE]); /* 2 */
	assert_false(h.open[1][STAGE_ENTRY]); /* 0 */
	assert_true(h.plans[0]);              /* 3 */
	assert_true(h.plans_person[0]);
	assert_true(h.on_time_m[4]);
	assert_true(h.team_open[0] && h.team_open[1]); /* 3 and 1 */
	assert_true(h.feedback_m[10]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_figure_matches_the_hand_worked_values),
		cmocka_unit_test(a_team_and_a_level_narrow_every_figure),
		cmocka_unit_test(each_read_is_audited_as_an_aggregate),
		cmocka_unit_test(the_filter_names_a_bad_value),
		cmocka_unit_test(counts_of_one_to_four_are_hidden_and_zero_is_not),
		cmocka_unit_test(a_lone_hidden_cell_beside_a_shown_total_takes_the_smallest_other_with_it),
		cmocka_unit_test(a_table_with_both_margins_hides_a_complement_in_each_row_and_column),
		cmocka_unit_test(the_commissioners_view_hides_the_fixtures_small_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
