/* test_casefind.c - case-finding rules: the parser's refusals naming the
 * line, evaluation on a known register, and the shipped file being the
 * built-in rules (src/domain/casefind.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/casefind.h"

static const struct caldate TODAY = {2026, 11, 22};

static struct casefind_rules rules;

/* Parses text; returns the error with msg filled. */
static enum cp_err parse(const char *text, char *msg)
{
	return casefind_parse("test.rules", text, strlen(text), &rules, msg, CASEFIND_MSG);
}

static void shipped_file_is_the_built_in_rules(void **state)
{
	(void)state;
	FILE *f = fopen("etc/case-finding.rules", "rb");
	assert_non_null(f);
	static char text[CASEFIND_FILE_MAX];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_string_equal(text, casefind_builtin_text());
	const struct casefind_rules *b = casefind_builtin();
	assert_int_equal(b->n, 6);
	assert_string_equal(b->rule[0].id, "multimorbidity");
	assert_int_equal(b->rule[0].weight, 3);
	assert_string_equal(b->rule[0].explain, "Has two or more long-term conditions");
	assert_int_equal(strlen(b->fingerprint), 16);
}

static void every_test_form_parses(void **state)
{
	(void)state;
	char msg[CASEFIND_MSG];
	assert_int_equal(parse("# c\n"
			       "rule a\n when conditions >= 2 and emergency_admissions > 1 and ae_attendances != 0\n"
			       " weight 5\n explain A\n\n"
			       "rule b\nwhen frailty in mild,severe and frailty >= moderate and age < 90\nweight 1\nexplain B\n"
			       "rule c\r\nwhen not lives_alone and is_carer and has_carer and has_condition \"Heart failure\"\r\n"
			       "weight 100\r\nexplain C\r\n",
			       msg),
			 CP_OK);
	assert_int_equal(rules.n, 3);
	assert_int_equal(rules.rule[0].n_terms, 3);
	assert_int_equal(rules.rule[0].terms[1].op, CFO_GT);
	assert_int_equal(rules.rule[1].terms[0].subject, CFS_FRAILTY_IN);
	assert_int_equal(rules.rule[1].terms[0].frailty_set, (1u << FRAILTY_MILD) | (1u << FRAILTY_SEVERE));
	assert_int_equal(rules.rule[1].terms[1].value, FRAILTY_MODERATE);
	assert_true(rules.rule[2].terms[0].negate);
	assert_string_equal(rules.rule[2].terms[3].name, "Heart failure");
	assert_int_equal(rules.rule[2].line, 11);
}

/* Each broken file is refused with its line and a message holding want. */
static void broken_files_are_refused_naming_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"rule a\nwhen conditions >= two\nweight 1\nexplain x\n", "test.rules line 2: conditions must be compared"},
		{"rule a\nwhen conditions >= 2\nweight 0\nexplain x\n", "line 3: rule a: weight must be a whole number from 1 to 100"},
		{"rule a\nwhen conditions >= 2\nweight 1\n", "line 1: rule a has no \"explain\" line"},
		{"rule a\nwhen frailty in frail\nweight 1\nexplain x\n", "line 2: \"frail\" is not a frailty category"},
		{"rule a\nwhen income > 2\nweight 1\nexplain x\n", "line 2: \"income\" is not something a rule can test"},
		{"rule a\nwhen conditions >= 2 or lives_alone\nweight 1\nexplain x\n", "line 2: tests must be joined by \"and\""},
		{"rule a\nwhen lives_alone\nweight 1\nexplain x\nrule a\nwhen is_carer\nweight 1\nexplain y\n",
		 "line 5: there is already a rule called a"},
		{"rule A-1\n", "line 1: a rule's id must be"},
		{"when lives_alone\n", "line 1: expected \"rule ID\""},
		{"rule a\nwhen has_condition COPD\nweight 1\nexplain x\n", "line 2: has_condition needs a name in double quotes"},
		{"rule a\nwhen not age > 3\nweight 1\nexplain x\n", "line 2: \"not\" can only come before"},
		{"rule a\nwhen lives_alone\nwhen is_carer\n", "line 3: rule a has two \"when\" lines"},
		{"rule a\nwhen lives_alone\nweight 1\nexplain x\nDROP TABLE person;\n", "line 5: \"DROP\" is not a rule line"},
		{"# nothing\n", "the file has no rules"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char msg[CASEFIND_MSG] = "";
		assert_int_equal(parse(cases[i].text, msg), CP_EINVAL);
		if (!strstr(msg, cases[i].want))
			fail_msg("case %zu: \"%s\" does not contain \"%s\"", i, msg, cases[i].want);
	}
}

/* A known register of five people, scored by the built-in rules by hand. */
static void known_register_scores_as_worked_by_hand(void **state)
{
	(void)state;
	const struct casefind_rules *b = casefind_builtin();
	static const struct {
		struct store_register_entry e;
		int64_t score;
		uint64_t mask;
	} reg[] = {
		/* COPD and diabetes (3), moderate frailty (4), 2 admissions (4), alone and frail (2) */
		{{.birth_date = "1940-02-03", .conditions = "COPD;Diabetes", .n_conditions = 2, .frailty = "moderate",
		  .emergency_admissions = 2, .ae_attendances = 1, .lives_alone = true},
		 13, 1 | 2 | 4 | 16},
		/* fit, one condition, a carer (1) */
		{{.birth_date = "1970-05-05", .conditions = "Asthma", .n_conditions = 1, .frailty = "fit", .is_carer = true},
		 1, 32},
		/* frailty unknown: no frailty rule; 3 A&E (2) */
		{{.birth_date = "1980-01-01", .conditions = "", .ae_attendances = 3, .lives_alone = true}, 2, 8},
		/* mild frailty, alone (2); severe would be 4 more */
		{{.birth_date = "1935-12-31", .conditions = "", .frailty = "mild", .lives_alone = true}, 2, 16},
		/* nobody: 1 admission, 2 A&E */
		{{.birth_date = "2000-01-01", .conditions = "", .emergency_admissions = 1, .ae_attendances = 2}, 0, 0},
	};
	for (size_t i = 0; i < sizeof reg / sizeof reg[0]; i++) {
		int64_t score;
		uint64_t mask;
		casefind_eval(b, &reg[i].e, TODAY, &score, &mask);
		assert_int_equal(score, reg[i].score);
		assert_int_equal(mask, reg[i].mask);
	}
}

static void age_and_condition_names_are_tested_exactly(void **state)
{
	(void)state;
	char msg[CASEFIND_MSG];
	assert_int_equal(parse("rule old\nwhen age >= 75 and has_condition \"copd\"\nweight 2\nexplain Old\n", msg), CP_OK);
	struct store_register_entry e = {.birth_date = "1951-11-22", .conditions = "Asthma; COPD ;Diabetes"};
	/* 75 today exactly */
	assert_true(casefind_rule_met(&rules.rule[0], &e, TODAY));
	e.birth_date = "1951-11-23"; /* 75 tomorrow */
	assert_false(casefind_rule_met(&rules.rule[0], &e, TODAY));
	e.birth_date = "1951-11-22";
	e.conditions = "COPD-like;Asthma"; /* not the same name */
	assert_false(casefind_rule_met(&rules.rule[0], &e, TODAY));
}

static void a_file_that_cannot_be_read_says_so(void **state)
{
	(void)state;
	struct casefind_rules *r = NULL;
	char msg[CASEFIND_MSG];
	assert_int_equal(casefind_load("/nonexistent/x.rules", &r, msg, sizeof msg), CP_EIO);
	assert_null(r);
	assert_non_null(strstr(msg, "/nonexistent/x.rules"));
	assert_int_equal(casefind_load("etc/case-finding.rules", &r, msg, sizeof msg), CP_OK);
	assert_string_equal(r->fingerprint, casefind_builtin()->fingerprint);
	casefind_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_file_is_the_built_in_rules),
		cmocka_unit_test(every_test_form_parses),
		cmocka_unit_test(broken_files_are_refused_naming_the_line),
		cmocka_unit_test(known_register_scores_as_worked_by_hand),
		cmocka_unit_test(age_and_condition_names_are_tested_exactly),
		cmocka_unit_test(a_file_that_cannot_be_read_says_so),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
