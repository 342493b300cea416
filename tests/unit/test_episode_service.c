/*
 * test_episode_service.c - src/domain/episode_service.c: validating the
 * start-an-episode and add-a-member forms, and the audited operations on a
 * real (temporary) database: starting with its one-open rule, re-entry,
 * moves the rules refuse and stale versions writing nothing, level changes,
 * key worker changes keeping both periods, and reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/episode_service.c"
#include "fixture.h"

/* 2026-11-22 17:00 UTC, the tests' "now". */
#define NOW 1795366800000LL

static struct {
	struct arena *a;
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	int64_t person, user, nurse;
	struct audit_actor who;
} D;

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	D.a = arena_new(1 << 20);
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "episodes.db");
	char msg[512];
	if (!D.a || !D.dir || store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	D.c = store_acquire(D.st);
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Service",
				 .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000};
	struct store_user n = {.username = "tom", .display_name = "Tom Reid", .role = "professional",
			       .password_hash = "x", .created_ms = 1000};
	if (store_person_insert(D.c, &p, &D.person) || store_user_insert(D.c, &u, &D.user) ||
	    store_user_insert(D.c, &n, &D.nurse))
		return -1;
	D.who = (struct audit_actor){.user_id = D.user, .role = "key_worker", .request_id = "00112233aabbccdd",
				     .client = "192.0.2.1"};
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

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static int64_t audits(const char *action)
{
	int64_t n = -1;
	assert_int_equal(store_audit_count(D.c, action, &n), CP_OK);
	return n;
}

static struct episode_start_input good_input(void)
{
	struct episode_start_input in = {0};
	in.v[EF_ORIGIN] = "referral";
	in.v[EF_SOURCE] = " Dr Carter ";
	in.v[EF_URGENCY] = "urgent";
	in.v[EF_REFERRAL_DATE] = "2026-11-22";
	in.v[EF_REASON] = "Falls";
	in.v[EF_LEVEL] = "3";
	in.v[EF_ASSESS_BY] = "person";
	in.v[EF_ASSESS_DATE] = "2026-11-20";
	in.v[EF_ASSESS_SCOPE] = "Assessment";
	in.v[EF_SHARE_BY] = "representative";
	in.v[EF_SHARE_REP] = "David Hughes";
	in.v[EF_SHARE_DATE] = "2026-11-20";
	in.v[EF_SHARE_SCOPE] = "With the GP";
	return in;
}

static int64_t start(void)
{
	struct episode_start_input in = good_input();
	struct episode_start s;
	struct person_errors errs;
	assert_int_equal(episode_start_validate(D.a, &in, NOW, &s, &errs), CP_OK);
	int64_t id = 0, open = 0;
	assert_int_equal(episode_start(D.c, D.a, &D.who, NOW, D.person, &s, D.user, "Key worker", &id, &open), CP_OK);
	assert_true(id > 0);
	return id;
}

static int64_t version_of(int64_t id)
{
	struct store_episode e;
	assert_int_equal(store_episode_get(D.c, D.a, id, &e), CP_OK);
	return e.version;
}

static enum cp_err move(int64_t id, enum episode_stage to, enum episode_closure closure, const char *reason)
{
	char msg[EPISODE_MSG];
	enum episode_stage now;
	return episode_move(D.c, D.a, &D.who, NOW, id, version_of(id), to, closure, reason, &now, msg, sizeof msg);
}

/* ---- validation ---------------------------------------------------------------- */

static void a_complete_referral_validates_into_typed_values(void **state)
{
	(void)state;
	struct episode_start_input in = good_input();
	struct episode_start s;
	struct person_errors errs;
	assert_int_equal(episode_start_validate(D.a, &in, NOW, &s, &errs), CP_OK);
	assert_int_equal(errs.n, 0);
	assert_string_equal(s.referral.source, "Dr Carter");
	assert_string_equal(s.referral.urgency, "urgent");
	assert_int_equal(s.ep.level, 3);
	assert_string_equal(s.ep.stage, "entry");
	assert_string_equal(s.consent[0].kind, "assessment");
	assert_null(s.consent[0].representative);
	assert_string_equal(s.consent[1].representative, "David Hughes");
}

static void identified_by_the_team_needs_only_a_reason(void **state)
{
	(void)state;
	struct episode_start_input in = good_input();
	in.v[EF_ORIGIN] = "team";
	in.v[EF_SOURCE] = in.v[EF_URGENCY] = in.v[EF_REFERRAL_DATE] = NULL;
	struct episode_start s;
	struct person_errors errs;
	assert_int_equal(episode_start_validate(D.a, &in, NOW, &s, &errs), CP_OK);
	assert_string_equal(s.referral.kind, "team");
	assert_null(s.referral.source);
	assert_null(s.referral.urgency);
}

static void every_wrong_field_gets_its_own_message(void **state)
{
	(void)state;
	struct episode_start_input in = {0};
	in.v[EF_ORIGIN] = "referral";
	in.v[EF_URGENCY] = "whenever";
	in.v[EF_REFERRAL_DATE] = "2026-11-23"; /* tomorrow */
	in.v[EF_LEVEL] = "4";
	in.v[EF_ASSESS_BY] = "representative";
	in.v[EF_ASSESS_DATE] = "2026-02-30";
	in.v[EF_SHARE_BY] = "neighbour";
	struct episode_start s;
	struct person_errors errs;
	assert_int_equal(episode_start_validate(D.a, &in, NOW, &s, &errs), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "source"), "Enter who referred them");
	assert_string_equal(person_error_for(&errs, "urgency"), "Select how urgent the referral is");
	assert_string_equal(person_error_for(&errs, "referral_date"), "Date of referral must be today or in the past");
	assert_string_equal(person_error_for(&errs, "reason"), "Enter the reason");
	assert_string_equal(person_error_for(&errs, "level"), "Select the level of care");
	assert_non_null(person_error_for(&errs, "assessment_rep"));
	assert_non_null(strstr(person_error_for(&errs, "assessment_date"), "is not a date"));
	assert_non_null(person_error_for(&errs, "assessment_scope"));
	assert_string_equal(person_error_for(&errs, "sharing_by"), "Select who gave consent to sharing information");
	assert_null(person_error_for(&errs, "sharing_rep"));
	in.v[EF_ORIGIN] = NULL;
	assert_int_equal(episode_start_validate(D.a, &in, NOW, &s, &errs), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "origin"), "Select how they came to us");
}

static void a_member_must_be_an_offered_user_or_a_named_contact(void **state)
{
	(void)state;
	struct store_user users[1] = {{.id = 7, .display_name = "Tom"}};
	struct team_member_input in = {.kind = "user", .user_id = "8", .role = "Nurse", .from_date = "2026-01-01"};
	struct store_team_member m;
	struct person_errors errs;
	assert_int_equal(team_member_validate(D.a, &in, users, 1, &m, &errs), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "member_user"), "Select a member of the team");
	in.user_id = "7";
	assert_int_equal(team_member_validate(D.a, &in, users, 1, &m, &errs), CP_OK);
	assert_int_equal(m.user_id, 7);
	in = (struct team_member_input){.kind = "external", .role = " ", .from_date = "2026-02-01",
					.to_date = "2026-01-01"};
	assert_int_equal(team_member_validate(D.a, &in, users, 1, &m, &errs), CP_EINVAL);
	assert_string_equal(person_error_for(&errs, "member_name"), "Enter their name");
	assert_string_equal(person_error_for(&errs, "member_role"), "Enter their role or discipline");
	assert_non_null(person_error_for(&errs, "member_to"));
	in.kind = NULL;
	assert_int_equal(team_member_validate(D.a, &in, users, 1, &m, &errs), CP_EINVAL);
	assert_non_null(person_error_for(&errs, "member_kind"));
}

/* ---- operations ------------------------------------------------------------------- */

static void starting_writes_the_episode_its_referral_consents_key_worker_history_and_audit(void **state)
{
	(void)state;
	int64_t id = start();
	struct episode_record rec;
	assert_int_equal(episode_read(D.c, D.a, &D.who, NOW, id, "test", &rec), CP_OK);
	assert_string_equal(rec.ep.stage, "entry");
	assert_int_equal(rec.ep.level, 3);
	assert_true(rec.has_referral);
	assert_string_equal(rec.referral.source, "Dr Carter");
	assert_int_equal(rec.n_consents, 2);
	assert_int_equal(rec.n_events, 1);
	assert_non_null(rec.key_worker);
	assert_int_equal(rec.key_worker->user_id, D.user);
	assert_string_equal(rec.key_worker->from_date, "2026-11-22");
	assert_string_equal(rec.person.family_name, "Service");
	assert_int_equal(audits("episode.create"), 1);
	assert_int_equal(audits("episode.read"), 1);
}

static void a_second_open_episode_is_refused_naming_the_open_one_and_writing_nothing(void **state)
{
	(void)state;
	int64_t first = start();
	struct episode_start_input in = good_input();
	struct episode_start s;
	struct person_errors errs;
	assert_int_equal(episode_start_validate(D.a, &in, NOW, &s, &errs), CP_OK);
	int64_t id = 0, open = 0;
	assert_int_equal(episode_start(D.c, D.a, &D.who, NOW, D.person, &s, D.user, NULL, &id, &open), CP_ECONFLICT);
	assert_int_equal(open, first);
	assert_int_equal(id, 0);
	assert_int_equal(audits("episode.create"), 1);
	assert_int_equal(episode_start(D.c, D.a, &D.who, NOW, D.person + 99, &s, 0, NULL, &id, &open), CP_ENOTFOUND);
}

static void refused_and_stale_moves_write_nothing(void **state)
{
	(void)state;
	int64_t id = start();
	char msg[EPISODE_MSG];
	enum episode_stage now;
	assert_int_equal(episode_move(D.c, D.a, &D.who, NOW, id, 1, STAGE_ACTIVE, CLOSURE_NONE, "skip", &now, msg,
				      sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "assessment, closed"));
	assert_int_equal(now, STAGE_ENTRY);
	assert_int_equal(episode_move(D.c, D.a, &D.who, NOW, id, 2, STAGE_ASSESSMENT, CLOSURE_NONE, "ok", &now, msg,
				      sizeof msg),
			 CP_ECONFLICT);
	assert_non_null(strstr(msg, "Someone else changed this episode"));
	assert_int_equal(move(id, STAGE_ASSESSMENT, CLOSURE_NONE, ""), CP_EINVAL);
	assert_int_equal(move(id, STAGE_CLOSED, CLOSURE_NONE, "gone"), CP_EINVAL);
	assert_int_equal(episode_move(D.c, D.a, &D.who, NOW, 999, 1, STAGE_ASSESSMENT, CLOSURE_NONE, "x", &now, msg,
				      sizeof msg),
			 CP_ENOTFOUND);
	assert_int_equal(version_of(id), 1);
	assert_int_equal(audits("episode.stage"), 0);
}

static void the_cycle_runs_to_discharge_and_a_final_stage_cannot_move(void **state)
{
	(void)state;
	int64_t id = start();
	const enum episode_stage cycle[] = {STAGE_ASSESSMENT, STAGE_PLANNING, STAGE_ACTIVE,    STAGE_REVIEW,
					    STAGE_MAINTENANCE, STAGE_REVIEW,  STAGE_DISCHARGED};
	for (size_t i = 0; i < sizeof cycle / sizeof cycle[0]; i++)
		assert_int_equal(move(id, cycle[i], CLOSURE_NONE, "next"), CP_OK);
	struct store_episode e;
	assert_int_equal(store_episode_get(D.c, D.a, id, &e), CP_OK);
	assert_string_equal(e.stage, "discharged");
	assert_true(e.reached_active);
	assert_int_equal(e.ended_ms, NOW);
	assert_int_equal(e.version, 8);
	assert_int_equal(audits("episode.stage"), 7);
	assert_int_equal(move(id, STAGE_REVIEW, CLOSURE_NONE, "again"), CP_EINVAL);
	char msg[EPISODE_MSG];
	assert_int_equal(episode_change_level(D.c, D.a, &D.who, NOW, id, 8, CARE_LEVEL_SELF_CARE, "x", msg, sizeof msg),
			 CP_EINVAL);
	assert_int_equal(version_of(id), 8);
}

static void re_entry_from_maintenance_closes_the_old_episode_and_links_the_new(void **state)
{
	(void)state;
	int64_t old = start();
	const enum episode_stage path[] = {STAGE_ASSESSMENT, STAGE_PLANNING, STAGE_ACTIVE, STAGE_REVIEW,
					   STAGE_MAINTENANCE};
	for (size_t i = 0; i < sizeof path / sizeof path[0]; i++)
		assert_int_equal(move(old, path[i], CLOSURE_NONE, "next"), CP_OK);
	int64_t fresh = start();
	struct store_episode e;
	assert_int_equal(store_episode_get(D.c, D.a, fresh, &e), CP_OK);
	assert_int_equal(e.previous_episode_id, old);
	assert_int_equal(store_episode_get(D.c, D.a, old, &e), CP_OK);
	assert_string_equal(e.stage, "closed");
	assert_string_equal(e.closure, "no_longer_needed");
	assert_int_equal(e.next_episode_id, fresh);
}

static void closing_needs_a_closure_reason_and_records_it(void **state)
{
	(void)state;
	int64_t id = start();
	assert_int_equal(move(id, STAGE_CLOSED, CLOSURE_NONE, "moved"), CP_EINVAL);
	assert_int_equal(move(id, STAGE_CLOSED, CLOSURE_MOVED_AWAY, "moved"), CP_OK);
	struct store_episode e;
	assert_int_equal(store_episode_get(D.c, D.a, id, &e), CP_OK);
	assert_string_equal(e.closure, "moved_away");
	assert_false(e.reached_active);
	/* A closed episode is not re-entered: the next one stands alone. */
	int64_t next = start();
	assert_int_equal(store_episode_get(D.c, D.a, next, &e), CP_OK);
	assert_int_equal(e.previous_episode_id, 0);
}

static void the_level_changes_with_a_reason_and_its_history(void **state)
{
	(void)state;
	int64_t id = start();
	char msg[EPISODE_MSG];
	assert_int_equal(episode_change_level(D.c, D.a, &D.who, NOW, id, 1, CARE_LEVEL_CASE, "same", msg, sizeof msg),
			 CP_EINVAL);
	assert_int_equal(episode_change_level(D.c, D.a, &D.who, NOW, id, 1, CARE_LEVEL_DISEASE, "", msg, sizeof msg),
			 CP_EINVAL);
	assert_int_equal(episode_change_level(D.c, D.a, &D.who, NOW, id, 7, CARE_LEVEL_DISEASE, "x", msg, sizeof msg),
			 CP_ECONFLICT);
	assert_int_equal(audits("episode.level"), 0);
	assert_int_equal(
		episode_change_level(D.c, D.a, &D.who, NOW, id, 1, CARE_LEVEL_DISEASE, "Fewer needs", msg, sizeof msg),
		CP_OK);
	struct store_episode_event *ev;
	size_t n;
	assert_int_equal(store_episode_event_list(D.c, D.a, id, 10, &ev, &n), CP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ev[1].kind, "level");
	assert_string_equal(ev[1].from_value, "3");
	assert_string_equal(ev[1].to_value, "2");
	assert_string_equal(ev[1].reason, "Fewer needs");
	assert_int_equal(audits("episode.level"), 1);
}

static void a_new_key_worker_ends_the_old_key_worker_period_and_keeps_them_in_the_team(void **state)
{
	(void)state;
	int64_t id = start();
	struct store_team_member m = {.episode_id = id, .user_id = D.nurse, .role = "Nurse", .from_date = "2026-11-01"};
	int64_t mid = 0;
	char msg[EPISODE_MSG];
	assert_int_equal(careteam_add(D.c, D.a, &D.who, NOW, &m, &mid, msg, sizeof msg), CP_OK);
	assert_int_equal(careteam_make_key_worker(D.c, D.a, &D.who, NOW, id, mid, msg, sizeof msg), CP_OK);
	assert_int_equal(careteam_make_key_worker(D.c, D.a, &D.who, NOW, id, mid, msg, sizeof msg), CP_ENOTFOUND);
	struct episode_record rec;
	assert_int_equal(episode_read(D.c, D.a, &D.who, NOW, id, "test", &rec), CP_OK);
	assert_int_equal(rec.key_worker->user_id, D.nurse);
	assert_int_equal(rec.n_members, 4); /* two ended periods, two running */
	int running_sam = 0, ended_sam_kw = 0;
	for (size_t i = 0; i < rec.n_members; i++) {
		const struct store_team_member *x = &rec.members[i];
		running_sam += x->user_id == D.user && !x->to_date && !x->is_key_worker;
		ended_sam_kw += x->user_id == D.user && x->to_date && x->is_key_worker &&
				strcmp(x->to_date, "2026-11-22") == 0;
	}
	assert_int_equal(running_sam, 1);
	assert_int_equal(ended_sam_kw, 1);
	assert_string_equal(rec.events[rec.n_events - 1].kind, "keyworker");
	assert_string_equal(rec.events[rec.n_events - 1].from_value, "Sam Okafor");
	assert_string_equal(rec.events[rec.n_events - 1].to_value, "Tom Reid");
	assert_int_equal(audits("careteam.keyworker"), 1);

	/* The key worker's period cannot end; another member's can, once. */
	assert_int_equal(careteam_end(D.c, D.a, &D.who, NOW, id, rec.key_worker->id, "2026-11-30", msg, sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "key worker"));
	int64_t sam = 0;
	for (size_t i = 0; i < rec.n_members; i++)
		if (rec.members[i].user_id == D.user && !rec.members[i].to_date)
			sam = rec.members[i].id;
	assert_int_equal(careteam_end(D.c, D.a, &D.who, NOW, id, sam, "2026-01-01", msg, sizeof msg), CP_EINVAL);
	assert_int_equal(careteam_end(D.c, D.a, &D.who, NOW, id, sam, "2026-12-31", msg, sizeof msg), CP_OK);
	assert_int_equal(careteam_end(D.c, D.a, &D.who, NOW, id, sam, "2026-12-31", msg, sizeof msg), CP_ENOTFOUND);
	assert_int_equal(careteam_end(D.c, D.a, &D.who, NOW, id, sam, "soon", msg, sizeof msg), CP_EINVAL);
	assert_int_equal(audits("careteam.end"), 1);
	assert_int_equal(audits("careteam.add"), 1);
}

static void reading_nothing_is_not_found_and_not_audited(void **state)
{
	(void)state;
	struct episode_record rec;
	assert_int_equal(episode_read(D.c, D.a, &D.who, NOW, 42, "test", &rec), CP_ENOTFOUND);
	assert_int_equal(audits("episode.read"), 0);
}

#define TD(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TD(a_complete_referral_validates_into_typed_values),
		TD(identified_by_the_team_needs_only_a_reason),
		TD(every_wrong_field_gets_its_own_message),
		TD(a_member_must_be_an_offered_user_or_a_named_contact),
		TD(starting_writes_the_episode_its_referral_consents_key_worker_history_and_audit),
		TD(a_second_open_episode_is_refused_naming_the_open_one_and_writing_nothing),
		TD(refused_and_stale_moves_write_nothing),
		TD(the_cycle_runs_to_discharge_and_a_final_stage_cannot_move),
		TD(re_entry_from_maintenance_closes_the_old_episode_and_links_the_new),
		TD(closing_needs_a_closure_reason_and_records_it),
		TD(the_level_changes_with_a_reason_and_its_history),
		TD(a_new_key_worker_ends_the_old_key_worker_period_and_keeps_them_in_the_team),
		TD(reading_nothing_is_not_found_and_not_audited),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
