/*
 * test_access.c - who may see a person's record (src/domain/access.c) on a
 * temporary database: the person, carers with and without a live grant, the
 * care team (running and ended periods), the responsible team (with an open
 * episode, none yet, or only ended ones), break glass and its expiry, and
 * roles that never may.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/access.h"
#include "fixture.h"

#define NOW 1795366800000LL /* 2026-11-22 17:00 UTC */
#define HOUR 3600000LL

static struct {
	struct arena *a;
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	int64_t team, other_team, ann, bob, cal, dee;
	struct store_user me, carer, kw, gp_team, gp_far, admin, comm;
} D;

static int64_t person(const char *nhs, const char *given, int64_t team)
{
	struct store_person p = {.nhs_number = nhs, .given_name = given, .family_name = "Test",
				 .birth_date = "1950-01-01", .team_id = team, .created_ms = 1};
	int64_t id = 0;
	assert_int_equal(store_person_insert(D.c, &p, &id), CP_OK);
	return id;
}

static void user(const char *name, const char *role, int64_t team, int64_t pid, struct store_user *out)
{
	struct store_user u = {.username = name, .display_name = name, .role = role, .team_id = team,
			       .person_id = pid, .password_hash = "x", .created_ms = 1,
			       .discipline = strcmp(role, "professional") == 0 ? "gp" : NULL};
	int64_t id = 0;
	assert_int_equal(store_user_insert(D.c, &u, &id), CP_OK);
	assert_int_equal(store_user_by_id(D.c, D.a, id, out), CP_OK);
}

static int64_t episode(int64_t pid, const char *stage)
{
	struct store_episode e = {.person_id = pid, .stage = stage, .level = 2, .started_ms = 1,
				  .closure = strcmp(stage, "closed") == 0 ? "died" : NULL};
	int64_t id = 0;
	assert_int_equal(store_episode_insert(D.c, &e, &id), CP_OK);
	return id;
}

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	D.a = arena_new(1 << 20);
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "access.db");
	char msg[512];
	if (!D.a || !D.dir || store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	D.c = store_acquire(D.st);
	int64_t org;
	struct store_org o = {.name = "Org"};
	struct store_team t1 = {.name = "North"}, t2 = {.name = "South"};
	if (store_org_insert(D.c, &o, &org))
		return -1;
	t1.org_id = t2.org_id = org;
	if (store_team_insert(D.c, &t1, &D.team) || store_team_insert(D.c, &t2, &D.other_team))
		return -1;
	D.ann = person("9998219132", "Ann", D.team);   /* open episode, Kim in its care team */
	D.bob = person("9990001022", "Bob", D.team);   /* never had an episode */
	D.cal = person("9990001030", "Cal", D.team);   /* only a closed episode */
	D.dee = person("9990001049", "Dee", D.other_team); /* another team's, open */
	user("ann", "person", D.team, D.ann, &D.me);
	user("carer", "carer", 0, 0, &D.carer);
	user("kim", "key_worker", D.other_team, 0, &D.kw);
	user("gp.near", "professional", D.team, 0, &D.gp_team);
	user("gp.far", "professional", D.other_team, 0, &D.gp_far);
	user("admin", "administrator", D.team, 0, &D.admin);
	user("comm", "commissioner", D.team, 0, &D.comm);
	int64_t e_ann = episode(D.ann, "active"), e_cal = episode(D.cal, "closed");
	episode(D.dee, "active");
	struct store_team_member m = {.episode_id = e_ann, .user_id = D.kw.id, .role = "key worker",
				      .from_date = "2026-01-01", .is_key_worker = true};
	struct store_team_member ended = {.episode_id = e_cal, .user_id = D.kw.id, .role = "key worker",
					  .from_date = "2025-01-01", .to_date = "2026-06-30"};
	int64_t id;
	if (store_team_member_insert(D.c, &m, &id) || store_team_member_insert(D.c, &ended, &id))
		return -1;
	struct store_grant g = {.person_id = D.ann, .carer_user_id = D.carer.id, .granted_ms = 1};
	return store_grant_insert(D.c, &g, &id) ? -1 : 0;
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

static enum access_basis basis(const struct store_user *u, int64_t pid, int64_t now)
{
	enum access_basis b = ACCESS_SELF;
	assert_int_equal(access_to_person(D.c, u, now, pid, &b), CP_OK);
	return b;
}

static void a_person_sees_only_their_own_record(void **state)
{
	(void)state;
	assert_int_equal(basis(&D.me, D.ann, NOW), ACCESS_SELF);
	assert_int_equal(basis(&D.me, D.bob, NOW), ACCESS_NONE);
}

static void a_carer_needs_a_live_grant(void **state)
{
	(void)state;
	assert_int_equal(basis(&D.carer, D.ann, NOW), ACCESS_CARER);
	assert_int_equal(basis(&D.carer, D.bob, NOW), ACCESS_NONE);
	struct store_grant *g;
	size_t n;
	assert_int_equal(store_grant_list_person(D.c, D.a, D.ann, 5, &g, &n), CP_OK);
	assert_int_equal(store_grant_withdraw(D.c, g[0].id, D.ann, D.me.id, NOW), CP_OK);
	assert_int_equal(basis(&D.carer, D.ann, NOW), ACCESS_NONE);
}

static void the_care_team_while_its_period_runs(void **state)
{
	(void)state;
	/* Kim is in another team but in Ann's care team. */
	assert_int_equal(basis(&D.kw, D.ann, NOW), ACCESS_CARE_TEAM);
	/* Kim's period on Cal's closed episode ended in June. */
	assert_int_equal(basis(&D.kw, D.cal, NOW), ACCESS_NONE);
	/* Before it ended, it counted. */
	assert_int_equal(basis(&D.kw, D.cal, 1782000000000LL /* 2026-06-21 */), ACCESS_CARE_TEAM);
}

static void the_responsible_team_with_an_open_referral_or_none_yet(void **state)
{
	(void)state;
	assert_int_equal(basis(&D.gp_team, D.ann, NOW), ACCESS_TEAM); /* open episode */
	assert_int_equal(basis(&D.gp_team, D.bob, NOW), ACCESS_TEAM); /* being taken in */
	assert_int_equal(basis(&D.gp_team, D.cal, NOW), ACCESS_NONE); /* only a closed episode */
	assert_int_equal(basis(&D.gp_team, D.dee, NOW), ACCESS_NONE); /* another team's */
	assert_int_equal(basis(&D.gp_far, D.ann, NOW), ACCESS_NONE);
}

static void administrators_and_commissioners_never(void **state)
{
	(void)state;
	assert_int_equal(basis(&D.admin, D.ann, NOW), ACCESS_NONE);
	assert_int_equal(basis(&D.comm, D.bob, NOW), ACCESS_NONE);
	struct audit_actor who = {.user_id = D.admin.id, .role = "administrator", .client = "c"};
	int64_t until;
	const char *msg;
	assert_int_equal(access_break_glass(D.c, D.a, &who, NOW, &D.admin, D.ann, "I would like to look please", &until,
					    &msg),
			 CP_EFORBIDDEN);
}

static void break_glass_needs_a_reason_and_ends(void **state)
{
	(void)state;
	struct audit_actor who = {.user_id = D.gp_far.id, .role = "professional", .client = "c"};
	int64_t until = 0;
	const char *msg = NULL;
	assert_int_equal(access_break_glass(D.c, D.a, &who, NOW, &D.gp_far, D.ann, "  ", &until, &msg), CP_EINVAL);
	assert_string_equal(msg, "Enter why you need to see this record now");
	assert_int_equal(access_break_glass(D.c, D.a, &who, NOW, &D.gp_far, D.ann, "urgent", &until, &msg), CP_EINVAL);
	assert_int_equal(access_break_glass(D.c, D.a, &who, NOW, &D.gp_far, 9999, "Seen in clinic today", &until, &msg),
			 CP_ENOTFOUND);
	int64_t audits = 0;
	assert_int_equal(store_audit_count(D.c, "breakglass.grant", &audits), CP_OK);
	assert_int_equal(audits, 0);
	assert_int_equal(access_break_glass(D.c, D.a, &who, NOW, &D.gp_far, D.ann, "Seen in clinic today", &until, &msg),
			 CP_OK);
	assert_int_equal(until, NOW + ACCESS_GLASS_HOURS * HOUR);
	assert_int_equal(basis(&D.gp_far, D.ann, NOW + HOUR), ACCESS_BREAK_GLASS);
	assert_int_equal(basis(&D.gp_far, D.ann, until), ACCESS_NONE);
	assert_int_equal(basis(&D.gp_far, D.dee, NOW + HOUR), ACCESS_TEAM); /* Dee is their own team's */
	assert_int_equal(store_audit_count(D.c, "breakglass.grant", &audits), CP_OK);
	assert_int_equal(audits, 1);
	struct store_break_glass *g;
	size_t n;
	assert_int_equal(store_break_glass_list(D.c, D.a, D.team, 0, 10, &g, &n), CP_OK);
	assert_int_equal(n, 1); /* Ann is North's */
	assert_string_equal(g[0].reason, "Seen in clinic today");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_person_sees_only_their_own_record),
		T(a_carer_needs_a_live_grant),
		T(the_care_team_while_its_period_runs),
		T(the_responsible_team_with_an_open_referral_or_none_yet),
		T(administrators_and_commissioners_never),
		T(break_glass_needs_a_reason_and_ends),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
