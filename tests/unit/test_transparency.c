/* test_transparency.c - the audit trail in plain words (src/domain/transparency.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/transparency.h"

static void known_actions_read_as_plain_words(void **state)
{
	(void)state;
	assert_string_equal(transparency_what("person.read"), "looked at your details");
	assert_string_equal(transparency_what("plan.save"), "changed your care plan");
	assert_string_equal(transparency_what("grant.withdraw"), "stopped a carer seeing your plan");
}

static void unknown_actions_fall_back_by_kind(void **state)
{
	(void)state;
	assert_string_equal(transparency_what("letter.read"), "looked at your record");
	assert_string_equal(transparency_what("letter.print"), "changed your record");
	assert_string_equal(transparency_what(NULL), "did something with your record");
}

static void who_is_you_the_system_or_a_named_role(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	struct store_audit_seen row = {.user_id = 7, .role = "key_worker", .who_name = "Sam Okafor"};
	assert_string_equal(transparency_who(a, &row, 3), "Sam Okafor (Key worker)");
	assert_string_equal(transparency_who(a, &row, 7), "You");
	struct store_audit_seen sys = {.user_id = 0};
	assert_string_equal(transparency_who(a, &sys, 0), "Careplan (the system itself)");
	struct store_audit_seen odd = {.user_id = 9, .role = "wizard", .who_name = "Merlin"};
	assert_string_equal(transparency_who(a, &odd, 3), "Merlin");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_actions_read_as_plain_words),
		cmocka_unit_test(unknown_actions_fall_back_by_kind),
		cmocka_unit_test(who_is_you_the_system_or_a_named_role),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
