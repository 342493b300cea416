/*
 * test_share_store.c - a person's stored sharing settings (migration 14,
 * src/store/store_sqlite_access.c) and what share.c makes of them: sections
 * never set follow the defaults, a named carer's own row overrides the
 * "every carer" setting, a withdrawn grant sees nothing, and share_change
 * writes the settings, their history and one audit row together, or
 * nothing at all when the form is stale, unagreed or forged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/access.h"
#include "domain/share.h"
#include "fixture.h"
#include "store/store_sqlite.c"

#define NOW 1795348800000LL /* 2026-11-22 12:00 UTC */

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t team, person, kw, carer, carer2, grant, grant2;
	struct store_user carer_u, carer2_u, person_u, kw_u;
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
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Store",
				 .birth_date = "1950-01-01", .created_ms = 1000, .team_id = f->team};
	if (store_person_insert(f->c, &p, &f->person))
		return -1;
	f->kw_u = (struct store_user){.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
				      .discipline = "social_worker", .password_hash = "x", .created_ms = 1000,
				      .team_id = f->team};
	f->carer_u = (struct store_user){.username = "cara", .display_name = "Cara Store", .role = "carer",
					 .password_hash = "x", .created_ms = 1000};
	f->carer2_u = (struct store_user){.username = "carl", .display_name = "Carl Store", .role = "carer",
					  .password_hash = "x", .created_ms = 1000};
	if (store_user_insert(f->c, &f->kw_u, &f->kw) || store_user_insert(f->c, &f->carer_u, &f->carer) ||
	    store_user_insert(f->c, &f->carer2_u, &f->carer2))
		return -1;
	f->kw_u.id = f->kw;
	f->carer_u.id = f->carer;
	f->carer2_u.id = f->carer2;
	f->person_u = (struct store_user){.id = 99, .role = "person", .person_id = f->person};
	struct store_grant g = {.person_id = f->person, .carer_user_id = f->carer, .granted_ms = 1000};
	struct store_grant g2 = {.person_id = f->person, .carer_user_id = f->carer2, .granted_ms = 1000};
	if (store_grant_insert(f->c, &g, &f->grant) || store_grant_insert(f->c, &g2, &f->grant2))
		return -1;
	f->who = (struct audit_actor){.user_id = f->kw, .role = "key_worker", .client = "test"};
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

static unsigned visible(struct fx *f, const struct store_user *u, enum access_basis b)
{
	unsigned m = 0xffffffffu;
	assert_int_equal(share_visible_sections(f->c, u, b, f->person, &m), CP_OK);
	return m;
}

static unsigned defaults_for(unsigned audiences)
{
	unsigned m = 0;
	for (int s = 0; s < SHARE__MAX; s++)
		if (share_default((enum share_section)s) & audiences)
			m |= SHARE_BIT(s);
	return m;
}

static enum cp_err save(struct fx *f, const char *const *names, size_t n, int64_t version, bool agreed,
			size_t *changes, char *msg)
{
	struct share_form form = {.names = names, .n = n, .version = version, .need_agreement = true,
				  .agreed = agreed, .person_name = "Ann Store"};
	return share_change(f->c, f->a, &f->who, NOW, f->person, &form, changes, msg, 300);
}

static void never_set_sections_follow_the_defaults(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_schema_version(f->c), STORE_SCHEMA_VERSION);
	assert_int_equal(visible(f, &f->kw_u, ACCESS_CARE_TEAM), defaults_for(SA_TEAM | SA_SOCIAL));
	assert_int_equal(visible(f, &f->carer_u, ACCESS_CARER), defaults_for(SA_CARER));
	assert_int_equal(visible(f, &f->person_u, ACCESS_SELF), defaults_for(SA_PERSON));
	struct store_user gp = {.id = 50, .role = "professional", .discipline = "gp"};
	assert_false(visible(f, &gp, ACCESS_CARE_TEAM) & SHARE_BIT(SHARE_SERVICE));
	assert_true(visible(f, &f->kw_u, ACCESS_CARE_TEAM) & SHARE_BIT(SHARE_SERVICE));
}

static void no_access_basis_sees_nothing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(visible(f, &f->carer_u, ACCESS_NONE), 0);
	assert_int_equal(visible(f, &f->kw_u, ACCESS_NONE), 0);
}

static void stored_mask_replaces_the_default(void **state)
{
	struct fx *f = *state;
	/* The budget for the person alone: the team no longer sees it. */
	assert_int_equal(store_share_set(f->c, f->person, "budget", SA_PERSON, f->kw, NOW), CP_OK);
	assert_false(visible(f, &f->kw_u, ACCESS_CARE_TEAM) & SHARE_BIT(SHARE_BUDGET));
	assert_true(visible(f, &f->person_u, ACCESS_SELF) & SHARE_BIT(SHARE_BUDGET));
	/* Set again: one row, the new value. */
	assert_int_equal(store_share_set(f->c, f->person, "budget", SA_PERSON | SA_TEAM, f->kw, NOW), CP_OK);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_setting"), 1);
	assert_true(visible(f, &f->kw_u, ACCESS_CARE_TEAM) & SHARE_BIT(SHARE_BUDGET));
}

static void a_carers_own_row_overrides_every_carer(void **state)
{
	struct fx *f = *state;
	/* Every carer sees goals by default; Cara is told no. */
	assert_int_equal(store_share_carer_set(f->c, f->person, "goals", f->carer, false, f->kw, NOW), CP_OK);
	assert_false(visible(f, &f->carer_u, ACCESS_CARER) & SHARE_BIT(SHARE_GOALS));
	assert_true(visible(f, &f->carer2_u, ACCESS_CARER) & SHARE_BIT(SHARE_GOALS));
	/* Cara alone may see the budget, which carers do not see by default. */
	assert_int_equal(store_share_carer_set(f->c, f->person, "budget", f->carer, true, f->kw, NOW), CP_OK);
	assert_true(visible(f, &f->carer_u, ACCESS_CARER) & SHARE_BIT(SHARE_BUDGET));
	assert_false(visible(f, &f->carer2_u, ACCESS_CARER) & SHARE_BIT(SHARE_BUDGET));
	/* The row is not a team audience: the team's view is unchanged. */
	assert_int_equal(visible(f, &f->kw_u, ACCESS_CARE_TEAM), defaults_for(SA_TEAM | SA_SOCIAL));
}

static void a_withdrawn_grant_sees_nothing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_share_carer_set(f->c, f->person, "budget", f->carer, true, f->kw, NOW), CP_OK);
	assert_int_equal(store_grant_withdraw(f->c, f->grant, f->person, f->person, NOW), CP_OK);
	enum access_basis b = ACCESS_CARER;
	assert_int_equal(access_to_person(f->c, &f->carer_u, NOW, f->person, &b), CP_OK);
	assert_int_equal(b, ACCESS_NONE);
	assert_int_equal(visible(f, &f->carer_u, b), 0);
	/* Nor is the carer a column of the settings page any more. */
	struct share_settings st;
	assert_int_equal(share_settings_read(f->c, f->a, &f->who, NOW, f->person, "test", &st), CP_OK);
	assert_int_equal(st.n_carers, 1);
	assert_int_equal(st.carers[0].user_id, f->carer2);
}

static void change_writes_settings_history_and_audit_together(void **state)
{
	struct fx *f = *state;
	int64_t audits = raw_i64(f, "SELECT count(*) FROM audit");
	char msg[300];
	size_t changes = 9;
	char cara_goals[40], keep[4][40];
	snprintf(cara_goals, sizeof cara_goals, "c.goals.%lld", (long long)f->carer);
	snprintf(keep[0], sizeof keep[0], "c.about_me.%lld", (long long)f->carer);
	snprintf(keep[1], sizeof keep[1], "c.contingency.%lld", (long long)f->carer);
	snprintf(keep[2], sizeof keep[2], "c.about_me.%lld", (long long)f->carer2);
	snprintf(keep[3], sizeof keep[3], "c.contingency.%lld", (long long)f->carer2);
	/* Team off the notes (only the social members), Cara keeps goals, Carl
	 * loses them because his box is not ticked. */
	const char *names[] = {"a.about_me.carer", "a.about_me.team", "a.assessment.team", "a.goals.team",
			       "a.goals.carer", cara_goals, "a.contingency.carer", "a.contingency.team",
			       "a.acp.team", "a.budget.team", "a.service_plan.social", "a.medicines.team",
			       "a.instruments.team", "a.notes.social", keep[0], keep[1], keep[2], keep[3]};
	assert_int_equal(save(f, names, sizeof names / sizeof names[0], 0, true, &changes, msg), CP_OK);
	assert_int_equal(changes, 2); /* the notes' mask and Carl's goals */
	assert_int_equal(raw_i64(f, "SELECT audiences FROM share_setting WHERE section = 'notes'"), SA_SOCIAL);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_carer"), 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_history"), 2);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_history WHERE section = 'notes' AND before IS NULL"
				    " AND after = 8"), 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit") - audits, 1);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'share.change'"), 1);
	assert_false(visible(f, &f->carer2_u, ACCESS_CARER) & SHARE_BIT(SHARE_GOALS));
	assert_true(visible(f, &f->carer_u, ACCESS_CARER) & SHARE_BIT(SHARE_GOALS));
	struct store_user gp = {.id = 50, .role = "professional", .discipline = "gp"};
	assert_false(visible(f, &gp, ACCESS_CARE_TEAM) & SHARE_BIT(SHARE_NOTES));
	assert_true(visible(f, &f->kw_u, ACCESS_CARE_TEAM) & SHARE_BIT(SHARE_NOTES));

	/* The same form again, from the old version: stale, nothing written. */
	assert_int_equal(save(f, names, 1, 0, true, &changes, msg), CP_ECONFLICT);
	assert_non_null(strstr(msg, "changed by someone else"));
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_history"), 2);

	/* The read is audited and shows the history, newest first. */
	struct share_settings st;
	assert_int_equal(share_settings_read(f->c, f->a, &f->who, NOW, f->person, "test", &st), CP_OK);
	assert_int_equal(st.n_history, 2);
	assert_int_equal(st.version, st.history[0].id);
	assert_true(st.stored[SHARE_NOTES]);
	assert_false(st.stored[SHARE_GOALS]);
	assert_string_equal(st.history[0].carer_name, "Carl Store");
	assert_string_equal(st.history[0].who_name, "Sam Okafor");
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'share.read'"), 1);
}

static void unagreed_or_forged_forms_write_nothing(void **state)
{
	struct fx *f = *state;
	char msg[300];
	size_t changes = 9;
	const char *one[] = {"a.notes.social"};
	assert_int_equal(save(f, one, 1, 0, false, &changes, msg), CP_EINVAL);
	assert_non_null(strstr(msg, "I have agreed this with Ann Store"));
	assert_int_equal(changes, 0);

	const char *unknown_section[] = {"a.nonsense.team"};
	assert_int_equal(save(f, unknown_section, 1, 0, true, &changes, msg), CP_EFORBIDDEN);
	assert_non_null(strstr(msg, "a.nonsense.team"));
	const char *unknown_audience[] = {"a.notes.everyone"};
	assert_int_equal(save(f, unknown_audience, 1, 0, true, &changes, msg), CP_EFORBIDDEN);
	/* The person's own box does not exist where it is fixed on. */
	const char *fixed[] = {"a.assessment.person"};
	assert_int_equal(save(f, fixed, 1, 0, true, &changes, msg), CP_EFORBIDDEN);
	/* A carer with no live grant from this person. */
	assert_int_equal(store_grant_withdraw(f->c, f->grant, f->person, f->person, NOW), CP_OK);
	char forged[40];
	snprintf(forged, sizeof forged, "c.goals.%lld", (long long)f->carer);
	const char *names[] = {forged};
	assert_int_equal(save(f, names, 1, 0, true, &changes, msg), CP_EFORBIDDEN);
	assert_non_null(strstr(msg, "carer who cannot see this plan"));
	snprintf(forged, sizeof forged, "c.goals.%lld", (long long)f->kw);
	assert_int_equal(save(f, names, 1, 0, true, &changes, msg), CP_EFORBIDDEN);

	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_setting"), 0);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_carer"), 0);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM share_history"), 0);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'share.refused'"), 5);
	assert_int_equal(raw_i64(f, "SELECT count(*) FROM audit WHERE action = 'share.change'"), 0);
}

static void the_person_may_open_the_notes_to_themself(void **state)
{
	struct fx *f = *state;
	assert_true(share_person_fixed(SHARE_ASSESSMENT));
	assert_false(share_person_fixed(SHARE_NOTES));
	assert_false(visible(f, &f->person_u, ACCESS_SELF) & SHARE_BIT(SHARE_NOTES));
	assert_int_equal(store_share_set(f->c, f->person, "notes", SA_TEAM | SA_PERSON, f->kw, NOW), CP_OK);
	assert_true(visible(f, &f->person_u, ACCESS_SELF) & SHARE_BIT(SHARE_NOTES));
	/* A stored mask without the person cannot hide their own plan from them. */
	assert_int_equal(store_share_set(f->c, f->person, "goals", SA_TEAM, f->kw, NOW), CP_OK);
	assert_true(visible(f, &f->person_u, ACCESS_SELF) & SHARE_BIT(SHARE_GOALS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(never_set_sections_follow_the_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(no_access_basis_sees_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(stored_mask_replaces_the_default, setup, teardown),
		cmocka_unit_test_setup_teardown(a_carers_own_row_overrides_every_carer, setup, teardown),
		cmocka_unit_test_setup_teardown(a_withdrawn_grant_sees_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(change_writes_settings_history_and_audit_together, setup, teardown),
		cmocka_unit_test_setup_teardown(unagreed_or_forged_forms_write_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(the_person_may_open_the_notes_to_themself, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
