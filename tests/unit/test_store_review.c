/*
 * test_store_review.c - the storage of implementation, reviews, worklists and
 * exit (src/store/store_sqlite_review.c, migration 6) and the transactional
 * operations on it (review.c, activity.c, episode_service.c's move path):
 * round trips, the worklist queries' plans (indexes, no full scans), a review
 * applying its decision in one transaction and writing nothing when refused,
 * the plan's next review date the only plan column written, action history,
 * activity refused on an ended episode or for another plan's action.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/activity.h"
#include "domain/episode_service.h"
#include "domain/review.h"
#include "domain/worklist.h"
#include "fixture.h"
#include "store/store_sqlite.c"

#define NOW 1795348800000LL /* 2026-11-22 12:00 UTC */

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t team, person, user, ep, plan, goal_gas, goal_plain, action;
	struct audit_actor who;
};

static int64_t raw_i64(struct fx *f, const char *q)
{
	sqlite3_stmt *s;
	int64_t v = -1;
	if (sqlite3_prepare_v2(f->c->db, q, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static const char *raw_text(struct fx *f, const char *q)
{
	sqlite3_stmt *s;
	const char *v = NULL;
	if (sqlite3_prepare_v2(f->c->db, q, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_text(s, 0))
		v = arena_strdup(f->a, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v ? v : "(null)";
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
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Store",
				 .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000};
	if (store_team_insert(f->c, &t, &f->team))
		return -1;
	p.team_id = f->team;
	u.team_id = f->team;
	if (store_person_insert(f->c, &p, &f->person) || store_user_insert(f->c, &u, &f->user))
		return -1;
	struct store_episode e = {.person_id = f->person, .stage = "review", .level = 2, .reached_active = true,
				  .started_ms = 5000};
	if (store_episode_insert(f->c, &e, &f->ep))
		return -1;
	struct store_team_member kw = {.episode_id = f->ep, .user_id = f->user, .role = "Key worker",
				       .from_date = "2026-01-01", .is_key_worker = true};
	struct store_rv_plan pl = {.episode_id = f->ep, .status = "agreed", .review_interval_days = 28,
				   .next_review_date = "2026-11-30"};
	if (store_team_member_insert(f->c, &kw, NULL) || store_rv_plan_insert(f->c, &pl, 1000, &f->plan))
		return -1;
	struct store_rv_goal g1 = {.plan_id = f->plan, .position = 1, .title = "Walk", .has_gas = true,
				   .gas_baseline = -1, .gas = {"a", "b", "c", "d", "e"}};
	struct store_rv_goal g2 = {.plan_id = f->plan, .position = 2, .title = "Sleep"};
	if (store_rv_goal_insert(f->c, &g1, &f->goal_gas) || store_rv_goal_insert(f->c, &g2, &f->goal_plain))
		return -1;
	struct store_rv_action x = {.plan_id = f->plan, .goal_id = f->goal_gas, .what = "Falls class",
				    .who_kind = "service", .who_name = "Falls service", .confidence = -1};
	if (store_rv_action_insert(f->c, &x, &f->action))
		return -1;
	f->who = (struct audit_actor){.user_id = f->user, .role = "key_worker", .client = "test"};
	*state = f;
	return 0;
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

static void the_schema_is_at_migration_six(void **state)
{
	struct fx *f = *state;
	assert_true(store_schema_version(f->c) >= 6);
	assert_int_equal(store_schema_version(f->c), STORE_SCHEMA_VERSION);
}

/* The plan of statement id, each line "detail". */
static const char *plan_of(struct fx *f, enum stmt_id id)
{
	const char *q = arena_printf(f->a, "EXPLAIN QUERY PLAN %s", stmt_sql[id]);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(f->c->db, q, -1, &s, NULL), SQLITE_OK);
	struct buf b;
	buf_init(&b, 1 << 16);
	while (sqlite3_step(s) == SQLITE_ROW) {
		buf_puts(&b, (const char *)sqlite3_column_text(s, 3));
		buf_putc(&b, '\n');
	}
	sqlite3_finalize(s);
	const char *out = arena_strdup(f->a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void worklist_and_page_queries_use_indexes_and_scan_no_table(void **state)
{
	struct fx *f = *state;
	static const enum stmt_id ids[] = {ST_WORKLIST_MINE, ST_WORKLIST_TEAM, ST_RV_ACTION_LIST, ST_RV_ACTION_GET,
					   ST_ACTIVITY_LIST, ST_REVIEW_LIST, ST_REVIEW_GOAL_LIST,
					   ST_REVIEW_ATTENDEE_LIST, ST_EXIT_OF_PERSON, ST_CHECKIN_LIST,
					   ST_ACTION_EVENT_LIST, ST_RV_GOAL_LIST, ST_RV_PLAN_OF};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const char *p = plan_of(f, ids[i]);
		if (strstr(p, "SCAN "))
			fail_msg("%s scans a table:\n%s", sqlite_stmt_name[ids[i]], p);
	}
	assert_non_null(strstr(plan_of(f, ST_WORKLIST_MINE), "care_team_key_worker"));
	assert_non_null(strstr(plan_of(f, ST_WORKLIST_TEAM), "episode_team_open"));
}

static void worklists_find_the_key_workers_and_the_teams_episodes(void **state)
{
	struct fx *f = *state;
	struct store_worklist_row *w;
	size_t n;
	assert_int_equal(store_worklist_mine(f->c, f->a, f->user, 10, &w, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(w[0].episode_id, f->ep);
	assert_string_equal(w[0].key_worker_name, "Sam Okafor");
	assert_string_equal(w[0].plan_status, "agreed");
	assert_string_equal(w[0].next_review_date, "2026-11-30");
	assert_int_equal(store_worklist_team(f->c, f->a, f->team, "2026-12-06", 10, &w, &n), CP_OK);
	assert_int_equal(n, 1);
	/* A review further off is not a candidate for the team list. */
	assert_int_equal(store_worklist_team(f->c, f->a, f->team, "2026-11-29", 10, &w, &n), CP_OK);
	assert_int_equal(n, 0);
	struct worklist wl;
	struct store_user u = {.id = f->user, .team_id = f->team};
	int64_t before = raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'worklist.read'");
	assert_int_equal(worklist_read(f->c, f->a, &f->who, NOW, &u, false, WL_SORT_DATE, &wl), CP_OK);
	assert_int_equal(wl.n[WL_DUE], 1);
	assert_int_equal(wl.items[WL_DUE][0].days, 8);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'worklist.read'"), before + 1);
}

static void an_action_status_change_keeps_its_history(void **state)
{
	struct fx *f = *state;
	char msg[REVIEW_MSG];
	int64_t ep;
	assert_int_equal(action_status_set(f->c, f->a, &f->who, NOW, f->action, ACTION_STATUS_IN_PROGRESS, 6, &ep, msg,
					   sizeof msg),
			 CP_OK);
	assert_int_equal(ep, f->ep);
	/* The same again changes nothing and adds no history. */
	assert_int_equal(action_status_set(f->c, f->a, &f->who, NOW, f->action, ACTION_STATUS_IN_PROGRESS, 6, &ep, msg,
					   sizeof msg),
			 CP_OK);
	struct store_action_event *ev;
	size_t n;
	assert_int_equal(store_action_event_list(f->c, f->a, f->plan, 10, &ev, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].from_status, "not_started");
	assert_string_equal(ev[0].to_status, "in_progress");
	assert_int_equal(ev[0].from_confidence, -1);
	assert_int_equal(ev[0].to_confidence, 6);
	assert_string_equal(ev[0].user_name, "Sam Okafor");
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'action.status'"), 2);
	assert_int_equal(action_status_set(f->c, f->a, &f->who, NOW, 999, ACTION_STATUS_DONE, -1, &ep, msg, sizeof msg),
			 CP_ENOTFOUND);
}

static void activity_links_to_its_action_or_to_none(void **state)
{
	struct fx *f = *state;
	char msg[REVIEW_MSG];
	int64_t id;
	struct store_activity v = {.episode_id = f->ep, .action_id = f->action, .activity_date = "2026-11-20",
				   .kind = "clinic", .who = "Nurse Reid", .minutes = 20};
	assert_int_equal(activity_add(f->c, f->a, &f->who, NOW, &v, &id, msg, sizeof msg), CP_OK);
	v.action_id = 0;
	v.minutes = 0;
	assert_int_equal(activity_add(f->c, f->a, &f->who, NOW, &v, &id, msg, sizeof msg), CP_OK);
	v.action_id = 9999;
	assert_int_equal(activity_add(f->c, f->a, &f->who, NOW, &v, &id, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "The action chosen is not part of this episode's plan.");
	struct activity_page pg;
	assert_int_equal(activity_page_read(f->c, f->a, &f->who, NOW, f->ep, &pg), CP_OK);
	assert_int_equal(pg.n_log, 2);
	assert_int_equal(pg.n_actions, 1);
	assert_int_equal(pg.actions[0].activity_count, 1);
	assert_string_equal(pg.actions[0].last_activity_date, "2026-11-20");
	assert_string_equal(pg.actions[0].goal_title, "Walk");
	size_t unlinked, idle;
	activity_followups(&pg, &unlinked, &idle);
	assert_int_equal(unlinked, 1);
	assert_int_equal(idle, 0);
}

static struct review_valid *valid(struct fx *f, const char *decision, const char *level, const char *closure,
				  const struct exit_input *x)
{
	struct review_page pg;
	assert_int_equal(review_page_read(f->c, f->a, &f->who, NOW, f->ep, &pg), CP_OK);
	struct review_input in = {.held_date = "2026-11-20", .decision = decision, .level = level,
				  .closure = closure, .reason = "Because", .person_view = "Fine"};
	in.goal_gas[0] = "1";
	if (x)
		in.exit = *x;
	struct review_context ctx = {.ep = &pg.ep, .plan = &pg.plan, .goals = pg.goals, .n_goals = pg.n_goals,
				     .team = pg.team, .n_team = pg.n_team};
	struct review_valid *v = arena_zalloc(f->a, sizeof *v);
	struct person_errors e;
	assert_int_equal(review_validate(f->a, &in, &ctx, NOW, v, &e), CP_OK);
	return v;
}

static int64_t version(struct fx *f)
{
	return raw_i64(f, arena_printf(f->a, "SELECT version FROM episode WHERE id = %lld", (long long)f->ep));
}

static void a_review_applies_its_decision_in_one_transaction(void **state)
{
	struct fx *f = *state;
	char msg[REVIEW_MSG];
	int64_t id;
	/* Stale: nothing written. */
	struct review_valid *v = valid(f, "change_level", "3", NULL, NULL);
	assert_int_equal(review_hold(f->c, f->a, &f->who, NOW, f->ep, version(f) - 1, v, &id, msg, sizeof msg),
			 CP_ECONFLICT);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM review"), 0);
	assert_int_equal(review_hold(f->c, f->a, &f->who, NOW, f->ep, version(f), v, &id, msg, sizeof msg), CP_OK);
	assert_string_equal(raw_text(f, "SELECT stage || '|' || level FROM episode"), "active|3");
	assert_string_equal(raw_text(f, "SELECT group_concat(kind || ':' || to_value, ',') FROM episode_event"),
			    "level:3,stage:active");
	assert_string_equal(raw_text(f, "SELECT level_from || '>' || level_to || '|' || next_review_date FROM review"),
			    "2>3|2026-12-18");
	assert_string_equal(raw_text(f, "SELECT next_review_date || '|' || version || '|' || status FROM care_plan"),
			    "2026-12-18|1|agreed");
	assert_string_equal(raw_text(f, "SELECT group_concat(ifnull(gas_level, 'x'), ',') FROM review_goal"), "1,x");
	/* At active a review is refused and writes nothing. */
	assert_int_equal(review_hold(f->c, f->a, &f->who, NOW, f->ep, version(f), v, &id, msg, sizeof msg), CP_EINVAL);
	assert_non_null(strstr(msg, "Move it to review first"));
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM review"), 1);
	double t;
	size_t n;
	struct review_page pg;
	assert_int_equal(review_page_read(f->c, f->a, &f->who, NOW, f->ep, &pg), CP_OK);
	assert_true(review_gas_tscore(pg.progress, pg.n_progress, pg.reviews[0].id, &t, &n));
	assert_int_equal(n, 1);
	assert_float_equal(t, 60.0, 0.0001);
}

static void moving_to_maintenance_or_discharge_needs_and_writes_the_exit_details(void **state)
{
	struct fx *f = *state;
	char msg[REVIEW_MSG];
	enum episode_stage now;
	/* review -> discharged without the route back: refused, nothing written. */
	struct exit_details none = {0};
	assert_int_equal(episode_move_exit(f->c, f->a, &f->who, NOW, f->ep, version(f), STAGE_DISCHARGED, CLOSURE_NONE,
					   "Managing", &none, &now, msg, sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "Record the route back"));
	assert_string_equal(raw_text(f, "SELECT stage FROM episode"), "review");
	/* A review deciding maintenance writes the check-in plan; a check-in moves it on. */
	struct exit_input x = {.checkin_days = "14"};
	struct review_valid *v = valid(f, "maintenance", NULL, NULL, &x);
	int64_t id;
	assert_int_equal(review_hold(f->c, f->a, &f->who, NOW, f->ep, version(f), v, &id, msg, sizeof msg), CP_OK);
	assert_string_equal(raw_text(f, "SELECT stage FROM episode"), "maintenance");
	assert_string_equal(raw_text(f, "SELECT interval_days || '|' || next_checkin_date FROM maintenance"),
			    "14|2026-12-06");
	assert_string_equal(raw_text(f, "SELECT ifnull(next_review_date, '-') FROM care_plan"), "-");
	struct store_checkin k = {.checkin_date = "2026-11-22", .next_checkin_date = "2026-12-06"};
	assert_int_equal(checkin_add(f->c, f->a, &f->who, NOW, f->ep, &k, msg, sizeof msg), CP_OK);
	/* maintenance -> review -> discharged with the route back. */
	assert_int_equal(episode_move(f->c, f->a, &f->who, NOW, f->ep, version(f), STAGE_REVIEW, CLOSURE_NONE, "Check",
				      &now, msg, sizeof msg),
			 CP_OK);
	struct exit_details route = {.has_route = true,
				     .route = {.sos_who = "Sam", .sos_phone = "0113 496 0000", .sos_how = "Ring"}};
	assert_int_equal(episode_move_exit(f->c, f->a, &f->who, NOW, f->ep, version(f), STAGE_DISCHARGED, CLOSURE_NONE,
					   "Managing", &route, &now, msg, sizeof msg),
			 CP_OK);
	struct store_exit e;
	assert_int_equal(store_exit_of_person(f->c, f->a, f->person, &e), CP_OK);
	assert_string_equal(e.sos_phone, "0113 496 0000");
	/* Ended: no check-in, no activity, no status change. */
	assert_int_equal(checkin_add(f->c, f->a, &f->who, NOW, f->ep, &k, msg, sizeof msg), CP_EINVAL);
	struct store_activity a = {.episode_id = f->ep, .activity_date = "2026-11-22", .kind = "clinic", .who = "x"};
	assert_int_equal(activity_add(f->c, f->a, &f->who, NOW, &a, &id, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "This episode has ended, so no activity can be recorded for it.");
	int64_t ep;
	assert_int_equal(action_status_set(f->c, f->a, &f->who, NOW, f->action, ACTION_STATUS_DONE, -1, &ep, msg,
					   sizeof msg),
			 CP_EINVAL);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM checkin"), 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM activity"), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(the_schema_is_at_migration_six),
		T(worklist_and_page_queries_use_indexes_and_scan_no_table),
		T(worklists_find_the_key_workers_and_the_teams_episodes),
		T(an_action_status_change_keeps_its_history),
		T(activity_links_to_its_action_or_to_none),
		T(a_review_applies_its_decision_in_one_transaction),
		T(moving_to_maintenance_or_discharge_needs_and_writes_the_exit_details),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
