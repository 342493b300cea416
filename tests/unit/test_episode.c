/* test_episode.c - episode stages, transitions, closure, levels of care,
 * review decisions and goal and action statuses (src/domain/episode.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/episode.h"

#define E(s) STAGE_##s

/* The transition table written out again by hand: a change to episode.c that
 * is not also made here fails, so every new move is a visible decision.
 * Rows are from, columns to, in the order of stage.def. */
static const bool expected[STAGE__MAX][STAGE__MAX] = {
	/*                    ENTRY  ASSESS PLAN   ACTIVE REVIEW MAINT  DISCH  CLOSED */
	[E(ENTRY)] =        {false, true,  false, false, false, false, false, true},
	[E(ASSESSMENT)] =   {false, false, true,  false, false, false, false, true},
	[E(PLANNING)] =     {false, false, false, true,  false, false, false, true},
	[E(ACTIVE)] =       {false, false, false, false, true,  false, false, true},
	[E(REVIEW)] =       {false, false, false, true,  false, true,  true,  true},
	[E(MAINTENANCE)] =  {false, false, false, false, true,  false, false, true},
	[E(DISCHARGED)] =   {false, false, false, false, false, false, false, false},
	[E(CLOSED)] =       {false, false, false, false, false, false, false, false},
};

/* A reason of n copies of the UTF-8 character ch into out. */
static char *repeat(char *out, const char *ch, int n)
{
	size_t l = strlen(ch);
	for (int i = 0; i < n; i++)
		memcpy(out + (size_t)i * l, ch, l);
	out[(size_t)n * l] = '\0';
	return out;
}

static void the_stages_are_the_cycle_in_order(void **state)
{
	(void)state;
	assert_int_equal(STAGE__MAX, 8);
	static const char *const codes[] = {"entry",  "assessment",  "planning",   "active",
					    "review", "maintenance", "discharged", "closed"};
	for (int s = 0; s < STAGE__MAX; s++)
		assert_string_equal(episode_stage_code((enum episode_stage)s), codes[s]);
}

static void every_from_to_pair_is_allowed_or_refused_as_designed(void **state)
{
	(void)state;
	int allowed = 0;
	for (int f = 0; f < STAGE__MAX; f++)
		for (int t = 0; t < STAGE__MAX; t++) {
			bool got = episode_transition_allowed((enum episode_stage)f, (enum episode_stage)t);
			if (got != expected[f][t])
				fail_msg("%s -> %s: expected %s", episode_stage_code((enum episode_stage)f),
					 episode_stage_code((enum episode_stage)t),
					 expected[f][t] ? "allowed" : "refused");
			allowed += got;
		}
	assert_int_equal(allowed, 14); /* 2 from each of the five other open stages, 4 from review */
}

static void every_pair_is_checked_the_same_way_with_a_reason(void **state)
{
	(void)state;
	for (int f = 0; f < STAGE__MAX; f++)
		for (int t = 0; t < STAGE__MAX; t++) {
			char msg[EPISODE_MSG_MAX];
			enum episode_closure c = t == STAGE_CLOSED ? CLOSURE_DECLINED : CLOSURE_NONE;
			enum cp_err err = episode_check_transition((enum episode_stage)f, (enum episode_stage)t, c,
								   "Agreed with the person at the visit", msg,
								   sizeof msg);
			if (expected[f][t]) {
				if (err != CP_OK)
					fail_msg("%d -> %d refused: %s", f, t, msg);
				assert_string_equal(msg, "");
			} else {
				assert_int_equal(err, CP_EINVAL);
				/* A refusal names what is allowed instead. */
				char next[EPISODE_MSG_MAX];
				assert_int_equal(episode_next_stages_text((enum episode_stage)f, next, sizeof next), CP_OK);
				assert_non_null(strstr(msg, next));
				assert_true(strlen(msg) + 1 < sizeof msg);
			}
		}
}

static void a_refused_move_says_which_moves_are_allowed(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	assert_int_equal(episode_check_transition(STAGE_ASSESSMENT, STAGE_ACTIVE, CLOSURE_NONE, "Keen to start",
						  msg, sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "The episode cannot move from assessment to active. "
				 "From assessment the episode can move to: planning, closed.");
	assert_int_equal(episode_check_transition(STAGE_CLOSED, STAGE_ENTRY, CLOSURE_NONE, "Back again", msg,
						  sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "The episode cannot move from closed to entry. "
				 "From closed the episode cannot move to another stage.");
	assert_int_equal(episode_check_transition(STAGE_REVIEW, STAGE_REVIEW, CLOSURE_NONE, "Again", msg,
						  sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "The episode is already at review. From review the episode can move to: "
				 "active, maintenance, discharged to self-care, closed.");
}

static void the_next_stages_sentence_for_every_stage(void **state)
{
	(void)state;
	static const char *const want[STAGE__MAX] = {
		[E(ENTRY)] = "From entry the episode can move to: assessment, closed.",
		[E(ASSESSMENT)] = "From assessment the episode can move to: planning, closed.",
		[E(PLANNING)] = "From planning the episode can move to: active, closed.",
		[E(ACTIVE)] = "From active the episode can move to: review, closed.",
		[E(REVIEW)] = "From review the episode can move to: active, maintenance, "
			      "discharged to self-care, closed.",
		[E(MAINTENANCE)] = "From maintenance the episode can move to: review, closed. "
				   "A new episode can also be started.",
		[E(DISCHARGED)] = "From discharged to self-care the episode cannot move to another "
				  "stage; a new episode can be started.",
		[E(CLOSED)] = "From closed the episode cannot move to another stage.",
	};
	for (int s = 0; s < STAGE__MAX; s++) {
		char msg[EPISODE_MSG_MAX];
		assert_int_equal(episode_next_stages_text((enum episode_stage)s, msg, sizeof msg), CP_OK);
		assert_string_equal(msg, want[s]);
	}
}

static void the_next_stages_sentence_is_cut_safely_in_a_small_buffer(void **state)
{
	(void)state;
	char small[12];
	memset(small, 'x', sizeof small);
	assert_int_equal(episode_next_stages_text(STAGE_REVIEW, small, sizeof small), CP_ENOMEM);
	assert_string_equal(small, "From review");
	char one[1] = {'x'};
	assert_int_equal(episode_next_stages_text(STAGE_REVIEW, one, sizeof one), CP_ENOMEM);
	assert_string_equal(one, "");
	assert_int_equal(episode_next_stages_text(STAGE_REVIEW, NULL, 0), CP_ENOMEM);
	/* Exactly the length needed fits. */
	char full[EPISODE_MSG_MAX];
	assert_int_equal(episode_next_stages_text(STAGE_ENTRY, full, sizeof full), CP_OK);
	char exact[64];
	assert_true(strlen(full) + 1 <= sizeof exact);
	assert_int_equal(episode_next_stages_text(STAGE_ENTRY, exact, strlen(full) + 1), CP_OK);
	assert_string_equal(exact, full);
	assert_int_equal(episode_next_stages_text(STAGE_ENTRY, exact, strlen(full)), CP_ENOMEM);
}

static void unknown_stages_are_refused_everywhere(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	enum episode_stage bad[] = {STAGE__MAX, (enum episode_stage)-1, (enum episode_stage)40};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		for (int s = 0; s < STAGE__MAX; s++) {
			assert_false(episode_transition_allowed(bad[i], (enum episode_stage)s));
			assert_false(episode_transition_allowed((enum episode_stage)s, bad[i]));
			assert_int_equal(episode_check_transition(bad[i], (enum episode_stage)s, CLOSURE_NONE, "x",
								  msg, sizeof msg),
					 CP_EINVAL);
			assert_string_equal(msg, "The episode's present stage is not known.");
			assert_int_equal(episode_check_transition((enum episode_stage)s, bad[i], CLOSURE_NONE, "x",
								  msg, sizeof msg),
					 CP_EINVAL);
			assert_string_equal(msg, "The stage to move the episode to is not known.");
		}
		assert_int_equal(episode_next_stages_text(bad[i], msg, sizeof msg), CP_EINVAL);
		assert_string_equal(msg, "The episode's stage is not known.");
		assert_false(episode_stage_open(bad[i]));
		assert_false(episode_can_reenter(bad[i]));
		assert_string_equal(episode_stage_code(bad[i]), "");
		assert_string_equal(episode_stage_label(bad[i]), "Unknown stage");
		assert_string_equal(episode_fhir_status(bad[i], true), "");
	}
}

static void stage_codes_round_trip_and_unknown_codes_map_to_max(void **state)
{
	(void)state;
	for (int s = 0; s < STAGE__MAX; s++) {
		const char *code = episode_stage_code((enum episode_stage)s);
		assert_int_equal(episode_stage_from_code(code), s);
		assert_true(strlen(episode_stage_label((enum episode_stage)s)) > 0);
		for (int q = 0; q < s; q++)
			assert_string_not_equal(code, episode_stage_code((enum episode_stage)q));
	}
	assert_int_equal(episode_stage_from_code(NULL), STAGE__MAX);
	assert_int_equal(episode_stage_from_code(""), STAGE__MAX);
	assert_int_equal(episode_stage_from_code("Review"), STAGE__MAX);
	assert_int_equal(episode_stage_from_code("review "), STAGE__MAX);
	assert_int_equal(episode_stage_from_code("discharged_to_self_care"), STAGE__MAX);
	assert_string_equal(episode_stage_label(STAGE_DISCHARGED), "Discharged to self-care");
}

static void each_stage_maps_to_its_fhir_episode_status(void **state)
{
	(void)state;
	static const char *const want[STAGE__MAX] = {
		[E(ENTRY)] = "planned",        [E(ASSESSMENT)] = "active", [E(PLANNING)] = "active",
		[E(ACTIVE)] = "active",        [E(REVIEW)] = "active",     [E(MAINTENANCE)] = "onhold",
		[E(DISCHARGED)] = "finished",  [E(CLOSED)] = "finished",
	};
	for (int s = 0; s < STAGE__MAX; s++) {
		assert_string_equal(episode_fhir_status((enum episode_stage)s, true), want[s]);
		if (s != STAGE_CLOSED)
			assert_string_equal(episode_fhir_status((enum episode_stage)s, false), want[s]);
	}
	/* Closed before the plan ever started: cancelled, not finished. */
	assert_string_equal(episode_fhir_status(STAGE_CLOSED, false), "cancelled");
}

static void only_discharged_and_closed_are_final_and_only_maintenance_and_discharged_reenter(void **state)
{
	(void)state;
	for (int s = 0; s < STAGE__MAX; s++) {
		assert_int_equal(episode_stage_open((enum episode_stage)s), s != STAGE_DISCHARGED && s != STAGE_CLOSED);
		assert_int_equal(episode_can_reenter((enum episode_stage)s),
				 s == STAGE_MAINTENANCE || s == STAGE_DISCHARGED);
		/* Open is the same as "may be closed". */
		assert_int_equal(episode_stage_open((enum episode_stage)s),
				 episode_transition_allowed((enum episode_stage)s, STAGE_CLOSED));
	}
}

static void closing_needs_a_closure_reason_and_nothing_else_takes_one(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_CLOSED, CLOSURE_NONE, "Family said so", msg,
						  sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "Choose why the episode is being closed: died, moved away, "
				 "declined care planning or no longer needed.");
	for (int c = 1; c < CLOSURE__MAX; c++) {
		assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_CLOSED, (enum episode_closure)c,
							  "Family said so", msg, sizeof msg),
				 CP_OK);
		/* A closure reason on a move that is not a closure is refused. */
		assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, (enum episode_closure)c,
							  "Review due", msg, sizeof msg),
				 CP_EINVAL);
		assert_string_equal(msg, "A closure reason is given only when closing the episode, not when "
					 "moving it from active to review.");
	}
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_CLOSED, CLOSURE__MAX, "x", msg, sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "The reason for closing the episode is not known.");
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_CLOSED, (enum episode_closure)-1, "x", msg,
						  sizeof msg),
			 CP_EINVAL);
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, (enum episode_closure)77, "x", msg,
						  sizeof msg),
			 CP_EINVAL);
}

static void a_refused_move_is_reported_before_a_missing_closure_reason(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	/* Closed cannot be closed again, whatever the closure reason. */
	assert_int_equal(episode_check_transition(STAGE_CLOSED, STAGE_CLOSED, CLOSURE_DIED, "x", msg, sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "already at closed"));
	assert_int_equal(episode_check_transition(STAGE_DISCHARGED, STAGE_CLOSED, CLOSURE_DIED, "Died at home",
						  msg, sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "cannot move from discharged to self-care to closed"));
}

static void every_move_needs_a_reason_in_words(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	const char *missing[] = {NULL, "", " ", "\t\r\n  "};
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
		assert_int_equal(episode_check_transition(STAGE_ENTRY, STAGE_ASSESSMENT, CLOSURE_NONE, missing[i],
							  msg, sizeof msg),
				 CP_EINVAL);
		assert_string_equal(msg, "Give a reason for moving the episode from entry to assessment.");
	}
	assert_int_equal(episode_check_transition(STAGE_ENTRY, STAGE_ASSESSMENT, CLOSURE_NONE, "x", msg, sizeof msg),
			 CP_OK);
	/* The longest pair of stage names. */
	assert_int_equal(episode_check_transition(STAGE_REVIEW, STAGE_DISCHARGED, CLOSURE_NONE, "", msg, sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "Give a reason for moving the episode from review to discharged to self-care.");
	assert_int_equal(episode_check_transition(STAGE_ENTRY, STAGE_ASSESSMENT, CLOSURE_NONE, " Referred by GP\n",
						  msg, sizeof msg),
			 CP_OK);
}

static void a_reason_is_at_most_five_hundred_characters_not_bytes(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	static char reason[8 * 1024];
	struct {
		const char *ch;
		int n;
		enum cp_err want;
	} cases[] = {
		{"a", 1, CP_OK},
		{"a", 499, CP_OK},
		{"a", 500, CP_OK},
		{"a", 501, CP_EINVAL},
		{"\xC3\xA9", 500, CP_OK},             /* e-acute: 1000 bytes */
		{"\xC3\xA9", 501, CP_EINVAL},
		{"\xE2\x82\xAC", 500, CP_OK},         /* euro sign: 1500 bytes */
		{"\xF0\x9F\x98\x80", 500, CP_OK},     /* an emoji: 2000 bytes */
		{"\xF0\x9F\x98\x80", 501, CP_EINVAL}, /* 2004 bytes: over the byte cap */
		{"a", 5000, CP_EINVAL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		repeat(reason, cases[i].ch, cases[i].n);
		enum cp_err err = episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, CLOSURE_NONE, reason, msg,
							   sizeof msg);
		if (err != cases[i].want)
			fail_msg("case %zu: got %d (%s)", i, err, msg);
		if (err != CP_OK)
			assert_non_null(strstr(msg, "must be at most 500 characters long"));
	}
	repeat(reason, "a", 501);
	episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, CLOSURE_NONE, reason, msg, sizeof msg);
	assert_string_equal(msg, "The reason for moving the episode from active to review must be at most "
				 "500 characters long; it has 501.");
}

static void a_reason_must_be_text(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	const char *bad[] = {
		"bad \xFF byte", "cut \xC3", "overlong \xC0\xAF", "bell \x07", "escape \x1B[31m", "del \x7F",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, CLOSURE_NONE, bad[i], msg,
							  sizeof msg),
				 CP_EINVAL);
		assert_string_equal(msg, "The reason for moving the episode from active to review contains "
					 "characters that cannot be used.");
	}
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, CLOSURE_NONE,
						  "Line one\r\n\tLine two: caf\xC3\xA9", msg, sizeof msg),
			 CP_OK);
}

static void checks_write_nothing_when_given_no_buffer(void **state)
{
	(void)state;
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_ENTRY, CLOSURE_NONE, "x", NULL, 0), CP_EINVAL);
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, CLOSURE_NONE, NULL, NULL, 0), CP_EINVAL);
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_REVIEW, CLOSURE_NONE, "x", NULL, 0), CP_OK);
	assert_int_equal(episode_check_level_change(CARE_LEVEL_SELF_CARE, CARE_LEVEL_CASE, "", NULL, 0), CP_EINVAL);
	char tiny[8];
	assert_int_equal(episode_check_transition(STAGE_ACTIVE, STAGE_ENTRY, CLOSURE_NONE, "x", tiny, sizeof tiny),
			 CP_EINVAL);
	assert_string_equal(tiny, "The epi");
}

static void every_message_fits_the_declared_buffer(void **state)
{
	(void)state;
	static char longest[600];
	repeat(longest, "a", 501);
	const char *reasons[] = {NULL, "ok", longest, "\xFF"};
	for (int f = 0; f <= STAGE__MAX; f++)
		for (int t = 0; t <= STAGE__MAX; t++)
			for (int c = 0; c <= CLOSURE__MAX; c++)
				for (size_t r = 0; r < sizeof reasons / sizeof reasons[0]; r++) {
					char msg[EPISODE_MSG_MAX + 64];
					episode_check_transition((enum episode_stage)f, (enum episode_stage)t,
								 (enum episode_closure)c, reasons[r], msg, sizeof msg);
					assert_true(strlen(msg) < EPISODE_MSG_MAX);
				}
	for (int f = 0; f <= CARE_LEVEL__MAX; f++)
		for (int t = 0; t <= CARE_LEVEL__MAX; t++)
			for (size_t r = 0; r < sizeof reasons / sizeof reasons[0]; r++) {
				char msg[EPISODE_MSG_MAX + 64];
				episode_check_level_change((enum episode_level)f, (enum episode_level)t, reasons[r], msg,
							   sizeof msg);
				assert_true(strlen(msg) < EPISODE_MSG_MAX);
			}
}

static void closure_codes_round_trip_and_none_is_empty(void **state)
{
	(void)state;
	assert_int_equal(CLOSURE__MAX, 5);
	assert_string_equal(episode_closure_code(CLOSURE_NONE), "");
	assert_int_equal(episode_closure_from_code(NULL), CLOSURE_NONE);
	assert_int_equal(episode_closure_from_code(""), CLOSURE_NONE);
	/* Stored in the database: these do not change. */
	assert_string_equal(episode_closure_code(CLOSURE_DIED), "died");
	assert_string_equal(episode_closure_code(CLOSURE_MOVED_AWAY), "moved_away");
	assert_string_equal(episode_closure_code(CLOSURE_DECLINED), "declined");
	assert_string_equal(episode_closure_code(CLOSURE_NOT_NEEDED), "no_longer_needed");
	for (int c = 1; c < CLOSURE__MAX; c++) {
		assert_int_equal(episode_closure_from_code(episode_closure_code((enum episode_closure)c)), c);
		assert_true(strlen(episode_closure_label((enum episode_closure)c)) > 0);
	}
	assert_int_equal(episode_closure_from_code("dead"), CLOSURE__MAX);
	assert_int_equal(episode_closure_from_code("Died"), CLOSURE__MAX);
	assert_string_equal(episode_closure_code(CLOSURE__MAX), "");
	assert_string_equal(episode_closure_label(CLOSURE__MAX), "Unknown closure reason");
}

static void levels_of_care_are_numbered_one_to_three(void **state)
{
	(void)state;
	assert_int_equal(CARE_LEVEL__MAX, 3);
	assert_int_equal(episode_level_number(CARE_LEVEL_SELF_CARE), 1);
	assert_int_equal(episode_level_number(CARE_LEVEL_DISEASE), 2);
	assert_int_equal(episode_level_number(CARE_LEVEL_CASE), 3);
	assert_string_equal(episode_level_code(CARE_LEVEL_SELF_CARE), "supported_self_care");
	assert_string_equal(episode_level_code(CARE_LEVEL_DISEASE), "disease_management");
	assert_string_equal(episode_level_code(CARE_LEVEL_CASE), "case_management");
	assert_string_equal(episode_level_label(CARE_LEVEL_SELF_CARE), "Level 1: supported self-care");
	assert_string_equal(episode_level_label(CARE_LEVEL_DISEASE), "Level 2: disease-specific care management");
	assert_string_equal(episode_level_label(CARE_LEVEL_CASE), "Level 3: case management");
	for (int l = 0; l < CARE_LEVEL__MAX; l++) {
		assert_int_equal(episode_level_from_number(episode_level_number((enum episode_level)l)), l);
		assert_int_equal(episode_level_from_code(episode_level_code((enum episode_level)l)), l);
	}
	int bad_numbers[] = {0, 4, -1, 100};
	for (size_t i = 0; i < sizeof bad_numbers / sizeof bad_numbers[0]; i++)
		assert_int_equal(episode_level_from_number(bad_numbers[i]), CARE_LEVEL__MAX);
	assert_int_equal(episode_level_from_code(NULL), CARE_LEVEL__MAX);
	assert_int_equal(episode_level_from_code(""), CARE_LEVEL__MAX);
	assert_int_equal(episode_level_from_code("2"), CARE_LEVEL__MAX);
	assert_int_equal(episode_level_number(CARE_LEVEL__MAX), 0);
	assert_string_equal(episode_level_code(CARE_LEVEL__MAX), "");
	assert_string_equal(episode_level_label(CARE_LEVEL__MAX), "Unknown level of care");
}

static void a_level_change_needs_a_different_level_and_a_reason(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	for (int f = 0; f < CARE_LEVEL__MAX; f++)
		for (int t = 0; t < CARE_LEVEL__MAX; t++) {
			enum cp_err err = episode_check_level_change((enum episode_level)f, (enum episode_level)t,
								     "Two admissions this winter", msg, sizeof msg);
			assert_int_equal(err, f == t ? CP_EINVAL : CP_OK);
			err = episode_check_level_change((enum episode_level)f, (enum episode_level)t, "", msg,
							 sizeof msg);
			assert_int_equal(err, CP_EINVAL);
		}
	episode_check_level_change(CARE_LEVEL_DISEASE, CARE_LEVEL_DISEASE, "x", msg, sizeof msg);
	assert_string_equal(msg, "The level of care is already level 2: disease-specific care management; "
				 "choose a different level.");
	episode_check_level_change(CARE_LEVEL_DISEASE, CARE_LEVEL_CASE, NULL, msg, sizeof msg);
	assert_string_equal(msg, "Give a reason for changing the level of care from 2 to 3.");
	assert_int_equal(episode_check_level_change(CARE_LEVEL_DISEASE, CARE_LEVEL__MAX, "x", msg, sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "Choose a level of care from 1 to 3.");
	assert_int_equal(episode_check_level_change(CARE_LEVEL__MAX, CARE_LEVEL_CASE, "x", msg, sizeof msg),
			 CP_EINVAL);
	assert_string_equal(msg, "The present level of care is not known.");
	assert_int_equal(episode_check_level_change((enum episode_level)-1, CARE_LEVEL_CASE, "x", msg, sizeof msg),
			 CP_EINVAL);
}

static void each_review_decision_leads_to_its_stage(void **state)
{
	(void)state;
	static const enum episode_stage want[DECISION__MAX] = {
		[DECISION_CONTINUE] = STAGE_ACTIVE,     [DECISION_MODIFY_PLAN] = STAGE_ACTIVE,
		[DECISION_CHANGE_LEVEL] = STAGE_ACTIVE, [DECISION_MAINTENANCE] = STAGE_MAINTENANCE,
		[DECISION_DISCHARGE] = STAGE_DISCHARGED, [DECISION_CLOSE] = STAGE_CLOSED,
	};
	assert_int_equal(DECISION__MAX, 6);
	for (int d = 0; d < DECISION__MAX; d++) {
		assert_int_equal(episode_decision_stage((enum episode_decision)d), want[d]);
		assert_true(episode_transition_allowed(STAGE_REVIEW, want[d]));
		const char *code = episode_decision_code((enum episode_decision)d);
		assert_int_equal(episode_decision_from_code(code), d);
		assert_true(strlen(episode_decision_label((enum episode_decision)d)) > 0);
	}
	/* Every move out of review is some decision's. */
	for (int s = 0; s < STAGE__MAX; s++) {
		bool some = false;
		for (int d = 0; d < DECISION__MAX; d++)
			some |= (int)want[d] == s;
		assert_int_equal(some, episode_transition_allowed(STAGE_REVIEW, (enum episode_stage)s));
	}
	assert_int_equal(episode_decision_stage(DECISION__MAX), STAGE__MAX);
	assert_int_equal(episode_decision_from_code("discharged"), DECISION__MAX);
	assert_int_equal(episode_decision_from_code(NULL), DECISION__MAX);
	assert_string_equal(episode_decision_code(DECISION__MAX), "");
	assert_string_equal(episode_decision_label(DECISION__MAX), "Unknown review decision");
	assert_string_equal(episode_decision_code(DECISION_MODIFY_PLAN), "modify_plan");
}

static void a_review_outcome_is_checked_as_its_move_and_level_change(void **state)
{
	(void)state;
	char msg[EPISODE_MSG_MAX];
	struct episode_review r = {DECISION_CONTINUE, CARE_LEVEL_DISEASE, CARE_LEVEL_DISEASE, CLOSURE_NONE,
				   "Going well"};
	for (int d = 0; d < DECISION__MAX; d++) {
		r.decision = (enum episode_decision)d;
		r.closure = d == DECISION_CLOSE ? CLOSURE_NOT_NEEDED : CLOSURE_NONE;
		r.level_new = d == DECISION_CHANGE_LEVEL ? CARE_LEVEL_CASE : CARE_LEVEL__MAX;
		if (episode_check_review(&r, msg, sizeof msg) != CP_OK)
			fail_msg("decision %s: %s", episode_decision_code(r.decision), msg);
	}
	r = (struct episode_review){DECISION_CHANGE_LEVEL, CARE_LEVEL_DISEASE, CARE_LEVEL_DISEASE, CLOSURE_NONE,
				    "Needs more help"};
	assert_int_equal(episode_check_review(&r, msg, sizeof msg), CP_EINVAL);
	assert_non_null(strstr(msg, "already level 2"));
	r.level_new = CARE_LEVEL_SELF_CARE;
	assert_int_equal(episode_check_review(&r, msg, sizeof msg), CP_OK);
	r.reason = "";
	assert_int_equal(episode_check_review(&r, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Give a reason for moving the episode from review to active.");

	r = (struct episode_review){DECISION_CLOSE, CARE_LEVEL_CASE, CARE_LEVEL_CASE, CLOSURE_NONE, "Moved to Leeds"};
	assert_int_equal(episode_check_review(&r, msg, sizeof msg), CP_EINVAL);
	assert_non_null(strstr(msg, "Choose why the episode is being closed"));
	r = (struct episode_review){DECISION_DISCHARGE, CARE_LEVEL_CASE, CARE_LEVEL_CASE, CLOSURE_DIED, "x"};
	assert_int_equal(episode_check_review(&r, msg, sizeof msg), CP_EINVAL);
	r = (struct episode_review){DECISION__MAX, CARE_LEVEL_CASE, CARE_LEVEL_CASE, CLOSURE_NONE, "x"};
	assert_int_equal(episode_check_review(&r, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Choose what the review decided.");
}

static void goal_statuses_map_to_fhir_goal_codes(void **state)
{
	(void)state;
	static const struct {
		enum episode_goal_status s;
		const char *code, *lifecycle, *achievement;
	} want[] = {
		{GOAL_STATUS_PROPOSED, "proposed", "proposed", ""},
		{GOAL_STATUS_ACTIVE, "active", "active", "in-progress"},
		{GOAL_STATUS_ACHIEVED, "achieved", "completed", "achieved"},
		{GOAL_STATUS_NOT_ACHIEVED, "not_achieved", "completed", "not-achieved"},
		{GOAL_STATUS_CANCELLED, "cancelled", "cancelled", ""},
	};
	assert_int_equal(GOAL_STATUS__MAX, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_string_equal(episode_goal_status_code(want[i].s), want[i].code);
		assert_string_equal(episode_goal_status_fhir_lifecycle(want[i].s), want[i].lifecycle);
		assert_string_equal(episode_goal_status_fhir_achievement(want[i].s), want[i].achievement);
		assert_int_equal(episode_goal_status_from_code(want[i].code), want[i].s);
		assert_true(strlen(episode_goal_status_label(want[i].s)) > 0);
	}
	assert_int_equal(episode_goal_status_from_code("completed"), GOAL_STATUS__MAX);
	assert_int_equal(episode_goal_status_from_code(NULL), GOAL_STATUS__MAX);
	assert_string_equal(episode_goal_status_code(GOAL_STATUS__MAX), "");
	assert_string_equal(episode_goal_status_label(GOAL_STATUS__MAX), "Unknown goal status");
	assert_string_equal(episode_goal_status_fhir_lifecycle(GOAL_STATUS__MAX), "");
	assert_string_equal(episode_goal_status_fhir_achievement(GOAL_STATUS__MAX), "");
}

static void action_statuses_map_to_fhir_activity_codes(void **state)
{
	(void)state;
	static const struct {
		enum episode_action_status s;
		const char *code, *fhir;
	} want[] = {
		{ACTION_STATUS_NOT_STARTED, "not_started", "not-started"},
		{ACTION_STATUS_IN_PROGRESS, "in_progress", "in-progress"},
		{ACTION_STATUS_DONE, "done", "completed"},
		{ACTION_STATUS_STOPPED, "stopped", "stopped"},
	};
	assert_int_equal(ACTION_STATUS__MAX, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_string_equal(episode_action_status_code(want[i].s), want[i].code);
		assert_string_equal(episode_action_status_fhir(want[i].s), want[i].fhir);
		assert_int_equal(episode_action_status_from_code(want[i].code), want[i].s);
		assert_true(strlen(episode_action_status_label(want[i].s)) > 0);
	}
	assert_int_equal(episode_action_status_from_code("completed"), ACTION_STATUS__MAX);
	assert_int_equal(episode_action_status_from_code(""), ACTION_STATUS__MAX);
	assert_string_equal(episode_action_status_code(ACTION_STATUS__MAX), "");
	assert_string_equal(episode_action_status_label(ACTION_STATUS__MAX), "Unknown action status");
	assert_string_equal(episode_action_status_fhir((enum episode_action_status)-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_stages_are_the_cycle_in_order),
		cmocka_unit_test(every_from_to_pair_is_allowed_or_refused_as_designed),
		cmocka_unit_test(every_pair_is_checked_the_same_way_with_a_reason),
		cmocka_unit_test(a_refused_move_says_which_moves_are_allowed),
		cmocka_unit_test(the_next_stages_sentence_for_every_stage),
		cmocka_unit_test(the_next_stages_sentence_is_cut_safely_in_a_small_buffer),
		cmocka_unit_test(unknown_stages_are_refused_everywhere),
		cmocka_unit_test(stage_codes_round_trip_and_unknown_codes_map_to_max),
		cmocka_unit_test(each_stage_maps_to_its_fhir_episode_status),
		cmocka_unit_test(only_discharged_and_closed_are_final_and_only_maintenance_and_discharged_reenter),
		cmocka_unit_test(closing_needs_a_closure_reason_and_nothing_else_takes_one),
		cmocka_unit_test(a_refused_move_is_reported_before_a_missing_closure_reason),
		cmocka_unit_test(every_move_needs_a_reason_in_words),
		cmocka_unit_test(a_reason_is_at_most_five_hundred_characters_not_bytes),
		cmocka_unit_test(a_reason_must_be_text),
		cmocka_unit_test(checks_write_nothing_when_given_no_buffer),
		cmocka_unit_test(every_message_fits_the_declared_buffer),
		cmocka_unit_test(closure_codes_round_trip_and_none_is_empty),
		cmocka_unit_test(levels_of_care_are_numbered_one_to_three),
		cmocka_unit_test(a_level_change_needs_a_different_level_and_a_reason),
		cmocka_unit_test(each_review_decision_leads_to_its_stage),
		cmocka_unit_test(a_review_outcome_is_checked_as_its_move_and_level_change),
		cmocka_unit_test(goal_statuses_map_to_fhir_goal_codes),
		cmocka_unit_test(action_statuses_map_to_fhir_activity_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
