/* test_transparency.c - the audit trail in plain words (src/domain/transparency.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/share.h"
#include "domain/transparency.h"

static void known_actions_read_as_plain_words(void **state)
{
	(void)state;
	assert_string_equal(transparency_what("person.read"), "looked at your details");
	assert_string_equal(transparency_what("plan.save"), "changed your care plan");
	assert_string_equal(transparency_what("plan.print"), "printed a copy of your plan");
	assert_string_equal(transparency_what("grant.withdraw"), "stopped a carer seeing your plan");
	assert_string_equal(transparency_what("assessment.medicine.stop"), "marked a medicine as stopped");
}

/* Every action the demo audits against a person reads as its own words. */
static const char *const audited[] = {
	"activity.create", "assessment.carer_need", "assessment.entry", "assessment.instrument",
	"assessment.medicine.add", "assessment.outcome", "assessment.pro_story", "assessment.story",
	"careteam.add", "checkin.create", "contact.create", "episode.create", "episode.exit", "episode.level",
	"episode.stage", "feedback.create", "grant.create", "person.create", "plan.save", "review.create",
	"user.create", "assessment.medicine.edit", "plan.agree", "action.status",
};

static void every_audited_action_has_its_own_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof audited / sizeof audited[0]; i++) {
		const char *w = transparency_what(audited[i]);
		if (strcmp(w, "changed your record") == 0 || strcmp(w, "looked at your record") == 0)
			fail_msg("%s has no words of its own", audited[i]);
	}
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

static void a_carer_reads_the_rows_of_the_sections_they_may_see(void **state)
{
	(void)state;
	assert_int_equal(transparency_section("assessment.medicine.add"), SHARE_MEDICINES);
	assert_int_equal(transparency_section("assessment.instrument"), SHARE_INSTRUMENTS);
	assert_int_equal(transparency_section("assessment.story"), SHARE_ASSESSMENT);
	assert_int_equal(transparency_section("aboutme.save"), SHARE_ABOUT);
	assert_int_equal(transparency_section("plan.save"), SHARE_GOALS);
	assert_int_equal(transparency_section("activity.read"), SHARE_NOTES);
	assert_int_equal(transparency_section("person.read"), TRANSPARENCY_RECORD);
	assert_int_equal(transparency_section("breakglass.grant"), TRANSPARENCY_RECORD);
	assert_int_equal(transparency_section("grant.withdraw"), TRANSPARENCY_PERSON_ONLY);
	assert_int_equal(transparency_section("share.change"), TRANSPARENCY_PERSON_ONLY);
	assert_int_equal(transparency_section("feedback.create"), TRANSPARENCY_PERSON_ONLY);
	unsigned carer = SHARE_BIT(SHARE_ABOUT) | SHARE_BIT(SHARE_GOALS) | SHARE_BIT(SHARE_CONTINGENCY);
	assert_true(transparency_visible("plan.read", false, carer));
	assert_true(transparency_visible("person.read", false, carer));
	assert_false(transparency_visible("assessment.medicine.add", false, carer));
	assert_false(transparency_visible("activity.create", false, carer));
	assert_false(transparency_visible("grant.create", false, carer));
	assert_false(transparency_visible("person.read", false, 0));
	/* The person sees every row. */
	assert_true(transparency_visible("grant.create", true, 0));
	assert_true(transparency_visible("activity.create", true, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_actions_read_as_plain_words),
		cmocka_unit_test(every_audited_action_has_its_own_words),
		cmocka_unit_test(unknown_actions_fall_back_by_kind),
		cmocka_unit_test(who_is_you_the_system_or_a_named_role),
		cmocka_unit_test(a_carer_reads_the_rows_of_the_sections_they_may_see),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
