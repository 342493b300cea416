/* test_role.c - roles, disciplines and capabilities (src/domain/role.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/role.h"

/* The access table written out again by hand: a change to role.c that is not
 * also made here fails, so widening access is always a visible decision. */
static const bool expected[ROLE__MAX][CAP__MAX] = {
	/*                      HOME   PEOPLE USERS  TEAM   OWN    CARED  FIGURES FB_GIVE FB_READ GLASS  REFERRALS SELF   DIR    DIR_EDIT CASEFIND REG_IMPORT DASH   EVENTS */
	[ROLE_ADMIN] =        {true,  false, true,  false, false, false, true,   false,  false, false, false,    false, true,  true,    false,   true,      false, true},
	[ROLE_MANAGER] =      {true,  true,  false, true,  false, false, true,   false,  true,  true,  true,     true,  true,  false,   true,    true,      true,  true},
	[ROLE_KEYWORKER] =    {true,  true,  false, true,  false, false, false,  false,  false, false, true,     false, true,  false,   true,    false,     false, false},
	[ROLE_PROFESSIONAL] = {true,  true,  false, true,  false, false, false,  false,  false, false, true,     false, true,  true,    false,   false,     false, false},
	[ROLE_PERSON] =       {true,  false, false, false, true,  false, false,  true,   false, false, false,    false, false, false,   false,   false,     false, false},
	[ROLE_CARER] =        {true,  false, false, false, false, true,  false,  true,   false, false, false,    false, false, false,   false,   false,     false, false},
	[ROLE_COMMISSIONER] = {true,  false, false, false, false, false, true,   false,  false, false, false,    false, false, false,   false,   false,     false, false},
};

static void every_role_and_capability_pair_is_as_designed(void **state)
{
	(void)state;
	assert_int_equal(CAP__MAX, 18);
	assert_int_equal(ROLE__MAX, 7);
	for (int r = 0; r < ROLE__MAX; r++)
		for (int c = 0; c < CAP__MAX; c++) {
			if (role_can((enum role)r, (enum cap)c) != expected[r][c])
				fail_msg("role %s, capability %d: expected %s", role_code((enum role)r), c,
					 expected[r][c] ? "allowed" : "denied");
		}
}

static void unknown_roles_and_capabilities_are_denied(void **state)
{
	(void)state;
	for (int c = 0; c <= CAP__MAX; c++)
		assert_false(role_can(ROLE__MAX, (enum cap)c));
	for (int r = 0; r < ROLE__MAX; r++) {
		assert_false(role_can((enum role)r, CAP__MAX));
		assert_false(role_can((enum role)r, (enum cap)31));
	}
	assert_false(role_can((enum role)-1, CAP_HOME));
	assert_false(role_can((enum role)40, CAP_HOME));
}

static void commissioners_see_nothing_that_names_people(void **state)
{
	(void)state;
	/* A commissioner sees figures and nothing that names a person. */
	assert_false(role_can(ROLE_COMMISSIONER, CAP_USERS_VIEW));
	assert_false(role_can(ROLE_COMMISSIONER, CAP_TEAM_VIEW));
	assert_false(role_can(ROLE_COMMISSIONER, CAP_OWN_RECORD));
	assert_false(role_can(ROLE_COMMISSIONER, CAP_CARED_FOR));
	assert_false(role_can(ROLE_COMMISSIONER, CAP_PEOPLE));
}

static void role_codes_round_trip(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__MAX; r++) {
		const char *code = role_code((enum role)r);
		assert_true(strlen(code) > 0);
		assert_int_equal(role_from_code(code), r);
		assert_true(strlen(role_label((enum role)r)) > 0);
		assert_true(strlen(role_about((enum role)r)) > 0);
		for (int q = 0; q < r; q++)
			assert_string_not_equal(code, role_code((enum role)q));
	}
}

static void role_codes_stored_in_the_database_do_not_change(void **state)
{
	(void)state;
	/* Stored in users.role and named in SQL (TEAM_MEMBERS). */
	assert_string_equal(role_code(ROLE_ADMIN), "administrator");
	assert_string_equal(role_code(ROLE_MANAGER), "team_manager");
	assert_string_equal(role_code(ROLE_KEYWORKER), "key_worker");
	assert_string_equal(role_code(ROLE_PROFESSIONAL), "professional");
	assert_string_equal(role_code(ROLE_PERSON), "person");
	assert_string_equal(role_code(ROLE_CARER), "carer");
	assert_string_equal(role_code(ROLE_COMMISSIONER), "commissioner");
}

static void unknown_role_codes_map_to_max(void **state)
{
	(void)state;
	assert_int_equal(role_from_code(NULL), ROLE__MAX);
	assert_int_equal(role_from_code(""), ROLE__MAX);
	assert_int_equal(role_from_code("Administrator"), ROLE__MAX);
	assert_int_equal(role_from_code("admin"), ROLE__MAX);
	assert_int_equal(role_from_code("administrator "), ROLE__MAX);
	assert_string_equal(role_code(ROLE__MAX), "");
	assert_string_equal(role_label(ROLE__MAX), "Unknown role");
	assert_string_equal(role_about(ROLE__MAX), "");
}

static void discipline_codes_round_trip(void **state)
{
	(void)state;
	assert_int_equal(discipline_from_code(NULL), DISC_NONE);
	assert_int_equal(discipline_from_code(""), DISC_NONE);
	assert_string_equal(discipline_code(DISC_NONE), "");
	for (int d = 1; d < DISC__MAX; d++) {
		const char *code = discipline_code((enum discipline)d);
		assert_true(strlen(code) > 0);
		assert_int_equal(discipline_from_code(code), d);
		assert_true(strlen(discipline_label((enum discipline)d)) > 0);
	}
	assert_int_equal(discipline_from_code("gp"), DISC_GP);
	assert_int_equal(discipline_from_code("occupational_therapist"), DISC_OT);
	assert_int_equal(discipline_from_code("surgeon"), DISC__MAX);
	assert_int_equal(discipline_from_code("GP"), DISC__MAX);
	assert_string_equal(discipline_code(DISC__MAX), "");
	assert_string_equal(discipline_label(DISC__MAX), "Unknown discipline");
}

static void every_capability_has_a_sentence(void **state)
{
	(void)state;
	for (int c = 0; c < CAP__MAX; c++)
		assert_true(strlen(cap_label((enum cap)c)) > 10);
	assert_string_equal(cap_label(CAP__MAX), "");
}

static void only_professionals_need_a_discipline(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__MAX; r++)
		assert_int_equal(role_needs_discipline((enum role)r), r == ROLE_PROFESSIONAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_role_and_capability_pair_is_as_designed),
		cmocka_unit_test(unknown_roles_and_capabilities_are_denied),
		cmocka_unit_test(commissioners_see_nothing_that_names_people),
		cmocka_unit_test(role_codes_round_trip),
		cmocka_unit_test(role_codes_stored_in_the_database_do_not_change),
		cmocka_unit_test(unknown_role_codes_map_to_max),
		cmocka_unit_test(discipline_codes_round_trip),
		cmocka_unit_test(every_capability_has_a_sentence),
		cmocka_unit_test(only_professionals_need_a_discipline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
