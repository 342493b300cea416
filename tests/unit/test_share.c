/*
 * test_share.c - sharing sections, their documented defaults and the
 * audiences each kind of viewer is in (src/domain/share.c).  The stored
 * settings are tested with the store in test_share_store.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "domain/share.h"

static void codes_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < SHARE__MAX; s++) {
		assert_int_equal(share_from_code(share_code((enum share_section)s)), s);
		assert_true(share_heading((enum share_section)s)[0]);
		assert_true(share_about((enum share_section)s)[0]);
	}
	assert_int_equal(share_from_code("nonsense"), SHARE__MAX);
	assert_int_equal(share_from_code(NULL), SHARE__MAX);
	assert_int_equal(SHARE__MAX, 10);
}

static void defaults_follow_the_documented_table(void **state)
{
	(void)state;
	/* The service plan and charges: social care only (and the person). */
	assert_int_equal(share_default(SHARE_SERVICE), SA_PERSON | SA_SOCIAL);
	/* The team's notes are professional only. */
	assert_int_equal(share_default(SHARE_NOTES), SA_TEAM);
	/* A carer sees about me, goals and actions and contingency, no more. */
	for (int s = 0; s < SHARE__MAX; s++) {
		bool carer = s == SHARE_ABOUT || s == SHARE_GOALS || s == SHARE_CONTINGENCY;
		assert_int_equal((share_default((enum share_section)s) & SA_CARER) != 0, carer);
		/* The person sees everything but the notes. */
		assert_int_equal((share_default((enum share_section)s) & SA_PERSON) != 0, s != SHARE_NOTES);
	}
}

static void audiences_by_basis_and_discipline(void **state)
{
	(void)state;
	struct store_user gp = {.role = "professional", .discipline = "gp"};
	struct store_user sw = {.role = "key_worker", .discipline = "social_worker"};
	struct store_user lw = {.role = "professional", .discipline = "link_worker"};
	struct store_user none = {.role = "team_manager"};
	assert_int_equal(share_audiences_of(&gp, ACCESS_CARE_TEAM), SA_TEAM | SA_HEALTH);
	assert_int_equal(share_audiences_of(&sw, ACCESS_CARE_TEAM), SA_TEAM | SA_SOCIAL);
	assert_int_equal(share_audiences_of(&lw, ACCESS_CARE_TEAM), SA_TEAM);
	assert_int_equal(share_audiences_of(&none, ACCESS_CARE_TEAM), SA_TEAM);
	/* Outside the care team the discipline does not count. */
	assert_int_equal(share_audiences_of(&gp, ACCESS_TEAM), SA_TEAM);
	assert_int_equal(share_audiences_of(&sw, ACCESS_BREAK_GLASS), SA_TEAM);
	assert_int_equal(share_audiences_of(&gp, ACCESS_SELF), SA_PERSON);
	assert_int_equal(share_audiences_of(&gp, ACCESS_CARER), SA_CARER);
	assert_int_equal(share_audiences_of(&gp, ACCESS_NONE), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_round_trip),
		cmocka_unit_test(defaults_follow_the_documented_table),
		cmocka_unit_test(audiences_by_basis_and_discipline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
