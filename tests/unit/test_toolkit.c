/*
 * test_toolkit.c - the self-assessment toolkit (src/domain/toolkit.c) and
 * its live evidence (src/domain/toolkit_evidence.c) on a small database
 * built by hand, so that every figure's numerator and denominator can be
 * worked out on paper (below, figure by figure); the items table; the
 * forms' validation naming each field and writing nothing; what changed
 * between two answers.
 *
 * The database (team 1 "North"; team 2 "South" holds rows that must never
 * be counted).  The date every figure is asked for is D = 2026-06-30, so
 * the year's window is 2025-07-01 .. 2026-06-30.
 *
 *   people (team 1)  p1 address+phone, carer contact, own login (u4)
 *                    p2 address+email, carer contact
 *                    p3 address only, a contact who is not a carer
 *                    p4 nothing
 *                    p5 address+phone
 *   people (team 2)  p6
 *
 *   episodes  e1 p1 active      level 3  started 2026-01-10  referral "team"
 *             e2 p2 review      level 3  started 2025-09-01  referral "referral"; re-entry from e10,
 *                                        moved on from entry on 2025-09-21 (20 days)
 *             e3 p3 assessment  level 1  started 2026-05-01  referral "team"; re-entry from e5,
 *                                        moved on from entry on 2026-05-08 (7 days)
 *             e4 p4 planning    level 1  started 2026-07-15 (after D: counted nowhere); re-entry from e8
 *             e5 p3 discharged  level 1  started 2025-03-01
 *             e6 p5 maintenance level 2  started 2025-06-01 (before the window)
 *             e7 p6 active      (team 2)
 *             e8 p4 closed      started 2025-01-01
 *             e10 p2 closed     started 2025-01-01
 *
 *   Active (assessment, planning, active, review; started by D): e1 e2 e3  = 3
 *   Open (not discharged or closed; started by D): e1 e2 e3 e6, people p1 p2 p3 p5 = 4
 *
 * Hand-worked figures:
 *   team_found       e1 e2 e3 started in the window; e1 and e3 found by the team      2 of 3
 *   contact          p1 p2 p5 have an address and a phone or email; p3 not           3 of 4
 *   carer_shared     p1 p2 have a carer; p1's grant is live, goals default-shared;
 *                    p2's grant is live but goals are set without carers (29)         1 of 2
 *   key_worker       e1 current key worker; e2's ended; e3 none                        1 of 3
 *   outcomes         e1 and e3 have an outcome                                         2 of 3
 *   carer_needs      e1 e2 (carers); e1 has the carer's needs                          1 of 2
 *   both_stories     e1 has both stories; e2 the person's only                          1 of 3
 *   all_domains      e1 all 9 domains; e2 8 of 9                                       1 of 3
 *   actions_both     agreed plans e1 (person + member action) e2 (person only)          1 of 2
 *   agreed           e1 e2 at planning/active/review; both agreed (person, representative) 2 of 2
 *   own_access       of p1 p2 p3 p5 only p1 has a login                                1 of 4
 *   multi_team       e1 two current members; e2 one (key worker ended); e3 none        1 of 3
 *   activity_linked  in the window on team 1: e1 2026-02-01 linked, 2026-03-01 not;
 *                    e2's 2025-05-01 is before the window; e7 is team 2                 1 of 2
 *   next_review      agreed plans at active/review: e1 no date, e2 2026-06-01          1 of 2
 *   reviews_on_time  e2's reviews: r1 2025-10-01 (first: no due date) sets 2026-01-01;
 *                    r2 held 2025-12-20 on time, sets 2026-04-01; r3 held 2026-04-15
 *                    late; e2's plan's next review 2026-06-01 is past D-1: late         1 of 3
 *   reentry          e2 (20 days) and e3 (7 days) in the window; e4 after D;
 *                    seen within 14 days: e3; median of 7 and 20 = 13 whole days       1 of 2, 13
 *   acp              level 3 open with a plan: e1 (has acp), e2 (none)                1 of 2
 *   prior_self       team 1 self-assessments before D: 2026-01-01 (2026-06-30 is not
 *                    before; team 2's 2025-01-01 is another team's)                    1 (count)
 *   sharing_consent  e1 sharing consent; e2 only assessment consent                    1 of 3
 *   listened         team 1 feedback in the window: f1 listened 5, f2 3; f3 2025-01-01
 *                    outside; team 2's not counted                                     1 of 2
 *   involved         f1 involved 2, f2 4                                               1 of 2
 *   wellbeing        e3 has a PHQ-9                                                    1 of 3
 *   reviewed         agreed on or before 2026-03-30 at active/review/maintenance:
 *                    e1 (2026-02-01, no review), e2 (2025-09-15, reviewed),
 *                    e6 (2025-07-01, no review)                                        1 of 3
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/toolkit.h"
#include "fixture.h"

#define NOW 1782864000000LL /* 2026-07-01 00:00 UTC */
#define D_ASOF "2026-06-30"

static struct {
	struct arena *a;
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct store_user manager, lone;
	struct audit_actor who;
} D;

#define MS(day) "(CAST(strftime('%s', '" day "') AS INTEGER) * 1000)"

static const char *const fixture_sql =
	"INSERT INTO organisation(id, name) VALUES (1, 'Org');"
	"INSERT INTO team(id, organisation_id, name) VALUES (1, 1, 'North'), (2, 1, 'South');"
	"INSERT INTO person(id, nhs_number, given_name, family_name, birth_date, address, phone, email, team_id, created_ms) VALUES"
	" (1, '9000000001', 'A', 'One', '1950-01-01', '1 Road', '0100', NULL, 1, 1),"
	" (2, '9000000002', 'B', 'Two', '1950-01-01', '2 Road', NULL, 'b@example.org', 1, 1),"
	" (3, '9000000003', 'C', 'Three', '1950-01-01', '3 Road', NULL, NULL, 1, 1),"
	" (4, '9000000004', 'D', 'Four', '1950-01-01', NULL, NULL, NULL, 1, 1),"
	" (5, '9000000005', 'E', 'Five', '1950-01-01', '5 Road', '0500', NULL, 1, 1),"
	" (6, '9000000006', 'F', 'Six', '1950-01-01', '6 Road', '0600', NULL, 2, 1);"
	"INSERT INTO users(id, username, display_name, role, discipline, team_id, person_id, password_hash, created_ms) VALUES"
	" (1, 'mgr', 'Mo Manager', 'team_manager', NULL, 1, NULL, 'x', 1),"
	" (2, 'kw', 'Kay Worker', 'key_worker', 'nurse', 1, NULL, 'x', 1),"
	" (3, 'sw', 'Sol Worker', 'professional', 'social_worker', 1, NULL, 'x', 1),"
	" (4, 'p1', 'A One', 'person', NULL, NULL, 1, 'x', 1),"
	" (5, 'carer', 'Cara', 'carer', NULL, NULL, NULL, 'x', 1),"
	" (6, 'lone', 'No Team', 'team_manager', NULL, NULL, NULL, 'x', 1),"
	" (7, 'mgr2', 'South Manager', 'team_manager', NULL, 2, NULL, 'x', 1);"
	"INSERT INTO contact(id, person_id, name, relationship, is_carer) VALUES"
	" (1, 1, 'Cara', 'daughter', 1), (2, 2, 'Bo', 'husband', 1), (3, 3, 'Cy', 'friend', 0);"
	"INSERT INTO episode(id, person_id, stage, level, previous_episode_id, started_ms, updated_ms) VALUES"
	" (5, 3, 'discharged', 1, NULL, " MS("2025-03-01") ", 1),"
	" (8, 4, 'closed', 1, NULL, " MS("2025-01-01") ", 1),"
	" (10, 2, 'closed', 1, NULL, " MS("2025-01-01") ", 1),"
	" (1, 1, 'active', 3, NULL, " MS("2026-01-10") ", 1),"
	" (2, 2, 'review', 3, 10, " MS("2025-09-01") ", 1),"
	" (3, 3, 'assessment', 1, 5, " MS("2026-05-01") ", 1),"
	" (4, 4, 'planning', 1, 8, " MS("2026-07-15") ", 1),"
	" (6, 5, 'maintenance', 2, NULL, " MS("2025-06-01") ", 1),"
	" (7, 6, 'active', 2, NULL, " MS("2026-01-01") ", 1);"
	"INSERT INTO episode_event(episode_id, time_ms, kind, from_value, to_value, reason) VALUES"
	" (2, " MS("2025-09-01") ", 'stage', NULL, 'entry', 'start'),"
	" (2, " MS("2025-09-21") ", 'stage', 'entry', 'assessment', 'seen'),"
	" (2, " MS("2025-10-30") ", 'stage', 'assessment', 'planning', 'on'),"
	" (3, " MS("2026-05-01") ", 'stage', NULL, 'entry', 'start'),"
	" (3, " MS("2026-05-08") ", 'stage', 'entry', 'assessment', 'seen');"
	"INSERT INTO referral(episode_id, kind, reason) VALUES"
	" (1, 'team', 'r'), (2, 'referral', 'r'), (3, 'team', 'r'), (4, 'team', 'r'), (6, 'team', 'r'), (7, 'team', 'r');"
	"INSERT INTO consent(episode_id, kind, given_by, given_date, scope) VALUES"
	" (1, 'sharing', 'person', '2026-01-10', 's'), (2, 'assessment', 'person', '2025-09-01', 's');"
	"INSERT INTO care_team_member(episode_id, user_id, role, from_date, to_date, is_key_worker) VALUES"
	" (1, 2, 'key worker', '2026-01-10', NULL, 1), (1, 3, 'social worker', '2026-01-10', NULL, 0),"
	" (2, 2, 'key worker', '2025-09-01', '2026-02-01', 1), (2, 3, 'social worker', '2025-09-01', NULL, 0),"
	" (7, 2, 'key worker', '2026-01-01', NULL, 1);"
	"INSERT INTO carer_grant(person_id, carer_user_id, contact_id, granted_ms) VALUES (1, 5, 1, 1), (2, 5, 2, 1);"
	"INSERT INTO share_setting(person_id, section, audiences, changed_ms) VALUES (2, 'goals', 29, 1);"
	"INSERT INTO assess_outcome(episode_id, outcome, agreed_by, agreed_date, created_ms) VALUES"
	" (1, 'o', 'person', '2026-01-20', 1), (3, 'o', 'person', '2026-05-20', 1);"
	"INSERT INTO assess_carer_need(episode_id, contact_id, needs, created_ms) VALUES (1, 1, 'rest', 1);"
	"INSERT INTO assess_story(episode_id, version, whats_new, recorded_by, time_ms) VALUES"
	" (1, 1, 'n', 'person', 1), (2, 1, 'n', 'person', 1);"
	"INSERT INTO assess_pro_story(episode_id, discipline, issues, story_date, created_ms) VALUES (1, 'nurse', 'i', '2026-01-20', 1);"
	"INSERT INTO assess_entry(episode_id, kind, domain, description, created_ms) SELECT 1, 'strength', d, 'x', 1 FROM"
	" (SELECT 'clinical' AS d UNION ALL SELECT 'medicines' UNION ALL SELECT 'mental_wellbeing' UNION ALL SELECT 'social'"
	"  UNION ALL SELECT 'lifestyle' UNION ALL SELECT 'daily_living' UNION ALL SELECT 'housing' UNION ALL SELECT 'finances'"
	"  UNION ALL SELECT 'carer');"
	"INSERT INTO assess_entry(episode_id, kind, domain, description, created_ms) SELECT 2, 'strength', domain, 'x', 1"
	" FROM assess_entry WHERE episode_id = 1 AND domain <> 'carer';"
	"INSERT INTO assess_instrument(episode_id, instrument, taken_date, items, total, band, created_ms) VALUES"
	" (3, 'phq9', '2026-05-20', '000000000', 0, 'none', 1);"
	"INSERT INTO care_plan(id, episode_id, status, agreed_with, agreed_date, next_review_date, created_ms, updated_ms) VALUES"
	" (1, 1, 'agreed', 'person', '2026-02-01', NULL, 1, 1),"
	" (2, 2, 'agreed', 'representative', '2025-09-15', '2026-06-01', 1, 1),"
	" (6, 6, 'agreed', 'person', '2025-07-01', NULL, 1, 1),"
	" (7, 7, 'agreed', 'person', '2026-01-05', '2026-02-01', 1, 1);"
	"INSERT INTO plan_action(id, plan_id, what, who_kind) VALUES"
	" (1, 1, 'walk', 'person'), (2, 1, 'visit', 'member'), (3, 2, 'walk', 'person'), (7, 7, 'x', 'service');"
	"INSERT INTO plan_item(plan_id, section) VALUES (1, 'acp');"
	"INSERT INTO activity(episode_id, action_id, activity_date, kind, who, created_ms) VALUES"
	" (1, 2, '2026-02-01', 'home_visit', 'kw', 1), (1, NULL, '2026-03-01', 'phone_call', 'kw', 1),"
	" (2, 3, '2025-05-01', 'home_visit', 'kw', 1), (7, 7, '2026-02-01', 'service', 'x', 1);"
	"INSERT INTO review(id, episode_id, held_date, decision, reason, next_review_date, created_ms) VALUES"
	" (1, 2, '2025-10-01', 'continue', 'r', '2026-01-01', 1),"
	" (2, 2, '2025-12-20', 'continue', 'r', '2026-04-01', 1),"
	" (3, 2, '2026-04-15', 'continue', 'r', NULL, 1),"
	" (4, 7, '2026-01-01', 'continue', 'r', '2026-03-01', 1);"
	"INSERT INTO feedback(team_id, person_id, user_id, giver, involved, listened, useful, created_ms) VALUES"
	" (1, 1, 4, 'person', 2, 5, 3, " MS("2026-02-01") "),"
	" (1, 2, 4, 'person', 4, 3, 3, " MS("2026-03-01") "),"
	" (1, 1, 4, 'person', 5, 5, 5, " MS("2025-01-01") "),"
	" (2, 6, 4, 'person', 5, 5, 5, " MS("2026-02-01") ");"
	"INSERT INTO self_assessment(team_id, title, assessed_on, created_by, created_ms) VALUES"
	" (1, 'Earlier', '2026-01-01', 1, 1), (1, 'Same day', '2026-06-30', 1, 1), (2, 'Theirs', '2025-01-01', 7, 1);";

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	D.a = arena_new(4 << 20);
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "toolkit.db");
	char msg[512];
	if (!D.a || !D.dir || store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	sqlite3 *db = NULL;
	char *err = NULL;
	if (sqlite3_open(D.path, &db) != SQLITE_OK || sqlite3_exec(db, fixture_sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_close(db);
	D.c = store_acquire(D.st);
	if (store_user_by_id(D.c, D.a, 1, &D.manager) || store_user_by_id(D.c, D.a, 6, &D.lone))
		return -1;
	D.who = (struct audit_actor){.user_id = 1, .role = "team_manager", .client = "192.0.2.1"};
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

static int64_t raw(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;
	if (sqlite3_open(D.path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void check(enum sat_figure f, int64_t num, int64_t den)
{
	struct tk_figure fg;
	assert_int_equal(toolkit_figure(D.c, D.a, f, 1, D_ASOF, &fg), CP_OK);
	if (fg.num != num || fg.den != den)
		fail_msg("figure %s: got %lld of %lld, worked by hand %lld of %lld", toolkit_figure_code(f),
			 (long long)fg.num, (long long)fg.den, (long long)num, (long long)den);
	assert_true(fg.has);
}

static void every_figure_matches_its_hand_worked_value(void **state)
{
	(void)state;
	check(SAT_FIG_TEAM_FOUND, 2, 3);
	check(SAT_FIG_CONTACT, 3, 4);
	check(SAT_FIG_CARER_SHARED, 1, 2);
	check(SAT_FIG_KEY_WORKER, 1, 3);
	check(SAT_FIG_OUTCOMES, 2, 3);
	check(SAT_FIG_CARER_NEEDS, 1, 2);
	check(SAT_FIG_BOTH_STORIES, 1, 3);
	check(SAT_FIG_ALL_DOMAINS, 1, 3);
	check(SAT_FIG_ACTIONS_BOTH, 1, 2);
	check(SAT_FIG_AGREED, 2, 2);
	check(SAT_FIG_OWN_ACCESS, 1, 4);
	check(SAT_FIG_MULTI_TEAM, 1, 3);
	check(SAT_FIG_ACTIVITY_LINKED, 1, 2);
	check(SAT_FIG_NEXT_REVIEW, 1, 2);
	check(SAT_FIG_REVIEWS_ON_TIME, 1, 3);
	check(SAT_FIG_REENTRY, 1, 2);
	check(SAT_FIG_ACP, 1, 2);
	check(SAT_FIG_PRIOR_SELF, 1, 0);
	check(SAT_FIG_SHARING_CONSENT, 1, 3);
	check(SAT_FIG_LISTENED, 1, 2);
	check(SAT_FIG_INVOLVED, 1, 2);
	check(SAT_FIG_WELLBEING, 1, 3);
	check(SAT_FIG_REVIEWED, 1, 3);
	/* The median wait of the re-entries seen: 7 and 20 days, 13. */
	struct tk_figure fg;
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_REENTRY, 1, D_ASOF, &fg), CP_OK);
	assert_int_equal(fg.extra, 13);
	/* The other team's figures come from its own rows only. */
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_KEY_WORKER, 2, D_ASOF, &fg), CP_OK);
	assert_int_equal(fg.num, 1);
	assert_int_equal(fg.den, 1);
}

static void an_earlier_date_moves_the_windows(void **state)
{
	(void)state;
	/* On 2026-03-31 e3 had not started: active are e1 and e2, and of the
	 * re-entries only e2 (20 days) is in the year. */
	struct tk_figure fg;
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_KEY_WORKER, 1, "2026-03-31", &fg), CP_OK);
	assert_int_equal(fg.num, 1);
	assert_int_equal(fg.den, 2);
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_REENTRY, 1, "2026-03-31", &fg), CP_OK);
	assert_int_equal(fg.num, 0);
	assert_int_equal(fg.den, 1);
	assert_int_equal(fg.extra, 20);
}

static void figures_read_as_plain_sentences(void **state)
{
	(void)state;
	struct tk_figure fg;
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_KEY_WORKER, 1, D_ASOF, &fg), CP_OK);
	assert_string_equal(toolkit_figure_text(D.a, &fg),
			    "1 of 3 active episodes (33%) have a named key worker now, as at 30 June 2026.");
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_LISTENED, 1, D_ASOF, &fg), CP_OK);
	assert_string_equal(toolkit_figure_text(D.a, &fg),
			    "1 of 2 feedback responses in the year to 30 June 2026 (50%) agreed that the team listened "
			    "to what matters to them.");
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_REENTRY, 1, D_ASOF, &fg), CP_OK);
	assert_string_equal(toolkit_figure_text(D.a, &fg),
			    "2 people came back after leaving in the year to 30 June 2026; 1 of them (50%) moved on "
			    "from entry within 14 days. Of those seen, the middle wait (median) was 13 days.");
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_PRIOR_SELF, 1, D_ASOF, &fg), CP_OK);
	assert_string_equal(toolkit_figure_text(D.a, &fg),
			    "1 earlier self-assessment of this team was recorded before 30 June 2026.");
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG_KEY_WORKER, 1, "2020-01-01", &fg), CP_OK);
	assert_string_equal(toolkit_figure_text(D.a, &fg),
			    "There are no active episodes to count yet (as at 1 January 2020).");
	assert_int_equal(toolkit_figure(D.c, D.a, SAT_FIG__MAX, 1, D_ASOF, &fg), CP_OK);
	assert_false(fg.has);
	assert_string_equal(toolkit_figure_text(D.a, &fg), TOOLKIT_NO_DATA);
	assert_int_equal(toolkit_percent(2, 3), 67);
	assert_int_equal(toolkit_percent(1, 0), -1);
}

static void the_items_cover_every_stage_with_unique_codes(void **state)
{
	(void)state;
	assert_int_equal(TK_ITEM__MAX, 33);
	int per_stage[TK_STAGE__MAX] = {0};
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		const char *code = toolkit_item_code((enum tk_item)i);
		assert_true(strlen(code) >= 2 && strlen(code) <= 20);
		assert_int_equal(toolkit_item_from_code(code), i);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(code, toolkit_item_code((enum tk_item)j));
		assert_true(toolkit_item_stage((enum tk_item)i) < TK_STAGE__MAX);
		per_stage[toolkit_item_stage((enum tk_item)i)]++;
		assert_true(strlen(toolkit_item_text((enum tk_item)i)) > 20);
		assert_true(toolkit_item_figure((enum tk_item)i) <= SAT_FIG__MAX);
		/* Items stay in stage order. */
		if (i)
			assert_true(toolkit_item_stage((enum tk_item)i) >= toolkit_item_stage((enum tk_item)(i - 1)));
	}
	static const int expect[TK_STAGE__MAX] = {3, 5, 10, 2, 2, 2, 9};
	for (int s = 0; s < TK_STAGE__MAX; s++) {
		assert_int_equal(per_stage[s], expect[s]);
		assert_int_equal(toolkit_stage_from_code(toolkit_stage_code((enum tk_stage)s)), s);
	}
	/* Every figure is beside some item. */
	for (int f = 0; f < SAT_FIG__MAX; f++) {
		bool used = false;
		for (int i = 0; i < TK_ITEM__MAX; i++)
			used = used || toolkit_item_figure((enum tk_item)i) == (enum sat_figure)f;
		assert_true(used);
		assert_true(*toolkit_figure_title((enum sat_figure)f));
	}
	assert_int_equal(toolkit_item_from_code("Z9"), TK_ITEM__MAX);
	assert_int_equal(toolkit_item_from_code(NULL), TK_ITEM__MAX);
	assert_int_equal(toolkit_answer_from_code("maybe"), TK_ANSWER__MAX);
}

static void starting_checks_each_field_and_writes_nothing_when_wrong(void **state)
{
	(void)state;
	int64_t before = raw("SELECT count(*) FROM self_assessment");
	struct person_errors errs;
	int64_t id = 0;
	struct tk_start_input bad = {.title = "  ", .assessed_on = "2026-07-02"};
	assert_int_equal(toolkit_start(D.c, D.a, &D.who, NOW, &D.manager, &bad, &errs, &id), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "title"), "Enter a title for the self-assessment");
	assert_string_equal(person_error_for(&errs, "assessed_on"),
			    "The date of the self-assessment must be today or in the past");
	bad = (struct tk_start_input){.title = "T", .assessed_on = "30/06/2026"};
	assert_int_equal(toolkit_start(D.c, D.a, &D.who, NOW, &D.manager, &bad, &errs, &id), CP_EINVAL);
	assert_non_null(strstr(person_error_for(&errs, "assessed_on"), "The date of the self-assessment"));
	assert_int_equal(toolkit_start(D.c, D.a, &D.who, NOW, &D.lone, &(struct tk_start_input){.title = "T",
			 .assessed_on = D_ASOF}, &errs, &id), CP_EINVAL);
	assert_non_null(strstr(person_error_for(&errs, "title"), "not a member of a team"));
	assert_int_equal(raw("SELECT count(*) FROM self_assessment"), before);
	assert_int_equal(raw("SELECT count(*) FROM audit"), 0);

	struct tk_start_input ok = {.title = " Summer ", .assessed_on = D_ASOF, .notes = "All of us"};
	assert_int_equal(toolkit_start(D.c, D.a, &D.who, NOW, &D.manager, &ok, &errs, &id), CP_OK);
	assert_int_equal(raw("SELECT count(*) FROM self_assessment WHERE title = 'Summer' AND team_id = 1"), 1);
	assert_int_equal(raw("SELECT count(*) FROM audit WHERE action = 'selfassess.create'"), 1);
}

static void saving_a_stage_keeps_the_evidence_then(void **state)
{
	(void)state;
	struct person_errors errs;
	int64_t id = 0;
	struct tk_start_input st = {.title = "Stage test", .assessed_on = D_ASOF};
	assert_int_equal(toolkit_start(D.c, D.a, &D.who, NOW, &D.manager, &st, &errs, &id), CP_OK);
	struct tk_stage_input in = {.stage = TK_STAGE_ASSESSMENT};
	in.answer[TK_ITEM_A1] = "perhaps";
	in.comment[TK_ITEM_A2] = "a comment with no answer";
	size_t saved = 0;
	assert_int_equal(toolkit_save_stage(D.c, D.a, &D.who, NOW, &D.manager, id, &in, &errs, &saved), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "answer-A1"), "Item A1: choose yes, partly or no");
	assert_non_null(person_error_for(&errs, "answer-A2"));
	assert_int_equal(raw("SELECT count(*) FROM self_assessment_answer"), 0);

	memset(&in, 0, sizeof in);
	in.stage = TK_STAGE_ASSESSMENT;
	in.answer[TK_ITEM_A1] = "partly";
	in.comment[TK_ITEM_A1] = "  Getting there ";
	in.answer[TK_ITEM_E1] = "yes"; /* not this stage: ignored */
	assert_int_equal(toolkit_save_stage(D.c, D.a, &D.who, NOW, &D.manager, id, &in, &errs, &saved), CP_OK);
	assert_int_equal(saved, 1);
	struct tk_record rec;
	assert_int_equal(toolkit_read(D.c, D.a, &D.manager, id, &rec), CP_OK);
	assert_int_equal(rec.n_answered, 1);
	const struct store_sat_answer *an = rec.answer[TK_ITEM_A1];
	assert_non_null(an);
	assert_string_equal(an->answer, "partly");
	assert_string_equal(an->comment, "Getting there");
	assert_true(an->has_ev);
	assert_int_equal(an->ev_num, 1);
	assert_int_equal(an->ev_den, 3);
	assert_string_equal(an->ev_asof, D_ASOF);
	assert_null(rec.answer[TK_ITEM_E1]);
	/* An item with no data is saved with no figure. */
	memset(&in, 0, sizeof in);
	in.stage = TK_STAGE_PLAN;
	in.answer[TK_ITEM_P4] = "no";
	assert_int_equal(toolkit_save_stage(D.c, D.a, &D.who, NOW, &D.manager, id, &in, &errs, &saved), CP_OK);
	assert_int_equal(raw("SELECT count(*) FROM self_assessment_answer WHERE item = 'P4' AND ev_num IS NULL"), 1);
	/* Another team's manager, and a manager with no team, find nothing. */
	struct store_user south;
	assert_int_equal(store_user_by_id(D.c, D.a, 7, &south), CP_OK);
	assert_int_equal(toolkit_read(D.c, D.a, &south, id, &rec), CP_ENOTFOUND);
	assert_int_equal(toolkit_save_stage(D.c, D.a, &D.who, NOW, &D.lone, id, &in, &errs, &saved), CP_ENOTFOUND);
	assert_int_equal(raw("SELECT count(*) FROM audit WHERE action = 'selfassess.answers'"), 2);
}

static void actions_need_an_item_words_and_an_owner(void **state)
{
	(void)state;
	struct person_errors errs;
	int64_t id = 0, aid = 0;
	struct tk_start_input st = {.title = "Action test", .assessed_on = D_ASOF};
	assert_int_equal(toolkit_start(D.c, D.a, &D.who, NOW, &D.manager, &st, &errs, &id), CP_OK);
	struct tk_action_input bad = {.item = "Q1", .what = " ", .due_date = "2026-13-01"};
	assert_int_equal(toolkit_action_add(D.c, D.a, &D.who, NOW, &D.manager, id, &bad, &errs, &aid), CP_EINVAL);
	assert_non_null(person_error_for(&errs, "item"));
	assert_string_equal(person_error_for(&errs, "what"), "Enter the action agreed");
	assert_non_null(person_error_for(&errs, "owner_user"));
	assert_non_null(person_error_for(&errs, "due_date"));
	/* South's manager is not in team 1; and a user and a name both is one too many. */
	bad = (struct tk_action_input){.item = "A1", .what = "x", .owner_user = "7"};
	assert_int_equal(toolkit_action_add(D.c, D.a, &D.who, NOW, &D.manager, id, &bad, &errs, &aid), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "owner_user"),
			    "Choose a member of the team, or type the name of someone else");
	bad = (struct tk_action_input){.item = "A1", .what = "x", .owner_user = "2", .owner_name = "Someone"};
	assert_int_equal(toolkit_action_add(D.c, D.a, &D.who, NOW, &D.manager, id, &bad, &errs, &aid), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "owner_user"), "Choose a member of the team or type a name, not both");
	assert_int_equal(raw("SELECT count(*) FROM self_assessment_action"), 0);

	struct tk_action_input ok = {.item = "A1", .what = "Name key workers", .owner_user = "2", .due_date = "2026-09-30"};
	assert_int_equal(toolkit_action_add(D.c, D.a, &D.who, NOW, &D.manager, id, &ok, &errs, &aid), CP_OK);
	struct tk_action_input named = {.item = "P4", .what = "Book training", .owner_name = "Practice lead"};
	int64_t aid2 = 0;
	assert_int_equal(toolkit_action_add(D.c, D.a, &D.who, NOW, &D.manager, id, &named, &errs, &aid2), CP_OK);
	assert_int_equal(toolkit_action_done(D.c, &D.who, NOW, &D.manager, id, aid), CP_OK);
	assert_int_equal(toolkit_action_done(D.c, &D.who, NOW, &D.manager, id, aid), CP_ENOTFOUND);
	assert_int_equal(toolkit_action_done(D.c, &D.who, NOW, &D.manager, id + 1000, aid2), CP_ENOTFOUND);
	struct tk_record rec;
	assert_int_equal(toolkit_read(D.c, D.a, &D.manager, id, &rec), CP_OK);
	assert_int_equal(rec.n_actions, 2);
	assert_string_equal(rec.actions[0].owner_user_name, "Kay Worker");
	assert_string_equal(rec.actions[0].done_date, "2026-07-01");
	assert_string_equal(rec.actions[1].owner_name, "Practice lead");
	assert_null(rec.actions[1].done_date);
	assert_int_equal(raw("SELECT count(*) FROM audit WHERE action IN ('selfassess.action', 'selfassess.action_done')"), 3);
}

static void changes_are_named_in_words(void **state)
{
	(void)state;
	struct store_sat_answer yes = {.answer = "yes"}, partly = {.answer = "partly"}, no = {.answer = "no"};
	assert_int_equal(toolkit_change(&no, &partly), TK_BETTER);
	assert_int_equal(toolkit_change(&partly, &yes), TK_BETTER);
	assert_int_equal(toolkit_change(&yes, &no), TK_WORSE);
	assert_int_equal(toolkit_change(&partly, &partly), TK_SAME);
	assert_int_equal(toolkit_change(NULL, &yes), TK_NEWLY);
	assert_int_equal(toolkit_change(&yes, NULL), TK_DROPPED);
	assert_int_equal(toolkit_change(NULL, NULL), TK_NEITHER);
	assert_string_equal(toolkit_change_label(TK_BETTER), "Better");
	assert_string_equal(toolkit_change_label(TK_NEWLY), "Answered only in the later one");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_figure_matches_its_hand_worked_value, setup, teardown),
		cmocka_unit_test_setup_teardown(an_earlier_date_moves_the_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(figures_read_as_plain_sentences, setup, teardown),
		cmocka_unit_test(the_items_cover_every_stage_with_unique_codes),
		cmocka_unit_test_setup_teardown(starting_checks_each_field_and_writes_nothing_when_wrong, setup, teardown),
		cmocka_unit_test_setup_teardown(saving_a_stage_keeps_the_evidence_then, setup, teardown),
		cmocka_unit_test_setup_teardown(actions_need_an_item_words_and_an_owner, setup, teardown),
		cmocka_unit_test(changes_are_named_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
