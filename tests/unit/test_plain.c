/* test_plain.c - plain-language advice (src/domain/plain.c): the glossary,
 * the jargon detector and the reading-ease score on known texts, each
 * worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/plain.h"
#include "fixture.h"

static struct plain_report rep;

static const struct plain_report *check(const char *text)
{
	plain_check(plain_glossary_builtin(), text, &rep);
	return &rep;
}

/* The findings as "term=plain;..." with "?" for an unknown abbreviation,
 * each shown as the text it covers. */
static const char *findings(const char *text)
{
	static char out[1024];
	out[0] = '\0';
	check(text);
	for (size_t i = 0; i < rep.n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, sizeof out - len, "%s%.*s=%s", i ? ";" : "", (int)rep.found[i].len,
			 text + rep.found[i].offset, rep.found[i].plain ? rep.found[i].plain : "?");
	}
	return out;
}

static void the_glossary_has_at_least_150_explained_entries(void **state)
{
	(void)state;
	const struct plain_glossary *g = plain_glossary_builtin();
	assert_true(plain_glossary_size(g) >= 150);
	assert_ptr_equal(plain_current(), g);
}

static void a_short_plain_sentence_scores_as_worked_by_hand(void **state)
{
	(void)state;
	/* 6 words, 1 sentence, 6 syllables:
	 * 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145 */
	const struct plain_report *r = check("The cat sat on the mat.");
	assert_int_equal(r->words, 6);
	assert_int_equal(r->sentences, 1);
	assert_int_equal(r->syllables, 6);
	assert_true(fabs(r->ease - 116.145) < 1e-9);
	assert_string_equal(plain_ease_band(r->ease), "very easy");
	assert_int_equal(r->n, 0);
}

static void clinical_shorthand_is_found_with_plain_alternatives(void **state)
{
	(void)state;
	const char *t = "Pt c/o SOB on exertion. Take GTN PRN.";
	assert_string_equal(findings(t), "Pt=patient;c/o=says they have;SOB=short of breath;"
					 "GTN=spray or tablet for chest pain;PRN=when needed");
	/* Offsets point at the words themselves. */
	assert_int_equal(rep.found[2].offset, 7);
	assert_int_equal(rep.found[2].len, 3);
	/* 8 words, 2 sentences; syllables Pt 1, c/o 2, SOB 1, on 1, exertion 3,
	 * Take 1, GTN 1, PRN 1 = 11: 206.835 - 1.015 * 4 - 84.6 * 11 / 8 = 86.45 */
	assert_int_equal(rep.words, 8);
	assert_int_equal(rep.sentences, 2);
	assert_int_equal(rep.syllables, 11);
	assert_true(fabs(rep.ease - 86.45) < 1e-9);
}

static void wordy_professional_text_is_very_difficult(void **state)
{
	(void)state;
	const char *t = "The multidisciplinary team will facilitate an assessment of your comorbidities "
			"prior to commencing domiciliary care.";
	assert_string_equal(findings(t), "multidisciplinary=from different professions;facilitate=help;"
					 "comorbidities=other health conditions;prior to=before;"
					 "domiciliary care=care at home");
	/* 15 words, 1 sentence, 35 syllables (by the rules in plain.c:
	 * multidisciplinary 7, facilitate 4, assessment 3, comorbidities 4,
	 * commencing 3, domiciliary 5, the rest 1 each):
	 * 206.835 - 1.015 * 15 - 84.6 * 35 / 15 = -5.79 */
	assert_int_equal(rep.words, 15);
	assert_int_equal(rep.syllables, 35);
	assert_true(fabs(rep.ease - -5.79) < 1e-9);
	assert_string_equal(plain_ease_band(rep.ease), "very difficult");
	assert_true(plain_ease_is_hard(rep.ease));
}

static void abbreviations_match_as_written_and_words_in_any_case(void **state)
{
	(void)state;
	/* "sob" the verb is not "SOB"; "Chronic" is "chronic". */
	assert_string_equal(findings("I sob at night."), "");
	assert_string_equal(findings("Chronic pain in both knees."), "Chronic=long-term");
	/* A plural abbreviation is still the abbreviation. */
	assert_string_equal(findings("Two UTIs this year."), "UTIs=a urine infection");
	/* The longest phrase wins, and each term is flagged once. */
	assert_string_equal(findings("In order to walk further, and in order to rest."), "In order to=to");
	assert_string_equal(findings("SOB today, SOB yesterday."), "SOB=short of breath");
}

static void unknown_abbreviations_are_flagged_but_plain_ones_and_shouting_are_not(void **state)
{
	(void)state;
	assert_string_equal(findings("Refer for a CGA and check BP."), "CGA=?;BP=blood pressure");
	assert_string_equal(findings("Call NHS 111 or your GP, or go to A&E."), "");
	assert_string_equal(findings("PLEASE CALL THE TEAM"), "");
	/* Lower case or a single capital is not an abbreviation. */
	assert_string_equal(findings("I walk to the shop. A good day."), "");
}

static void syllables_follow_the_rules_of_thumb(void **state)
{
	(void)state;
	static const struct {
		const char *w;
		int n;
	} cases[] = {
		{"make", 1},   {"table", 2},   {"wanted", 2}, {"used", 1},  {"boxes", 2}, {"wishes", 2},
		{"makes", 1},  {"happy", 2},   {"yes", 1},    {"the", 1},   {"a", 1},
		/* A rule of thumb: the silent e inside "management" counts (1 + 4). */
		{"self-management", 5},
		{"2026", 1},   {"breathing", 2}, {"medicine", 3},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = plain_syllables(cases[i].w, strlen(cases[i].w));
		if (got != cases[i].n)
			fail_msg("%s: %d syllables, expected %d", cases[i].w, got, cases[i].n);
	}
}

static void empty_text_has_no_words_and_no_score(void **state)
{
	(void)state;
	const struct plain_report *r = check("  \n ... ");
	assert_int_equal(r->words, 0);
	assert_int_equal(r->sentences, 0);
	assert_true(r->ease == 0);
	assert_int_equal(r->n, 0);
}

static void lines_without_full_stops_are_sentences(void **state)
{
	(void)state;
	const struct plain_report *r = check("Walk daily\nSee the nurse\n\nRest");
	assert_int_equal(r->words, 6);
	assert_int_equal(r->sentences, 3);
}

static void long_text_is_bounded(void **state)
{
	(void)state;
	size_t n = 64 * 1024;
	char *t = malloc(n + 1);
	assert_non_null(t);
	for (size_t i = 0; i < n; i += 4)
		memcpy(t + i, "SOB ", 4);
	t[n] = '\0';
	const struct plain_report *r = check(t);
	assert_true(r->words > 0 && r->words <= 4096);
	assert_int_equal(r->n, 1);
	free(t);
}

/* ---- an organisation's own glossary ------------------------------------- */

static char *write_file(char *dir, const char *text)
{
	static char path[600];
	fx_path(path, sizeof path, dir, "glossary.tsv");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void a_glossary_file_adds_and_overrides_terms(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	const char *path = write_file(dir, "# Kingsmead additions\n"
					   "CGA\tan assessment of all your needs by an older people's team\n"
					   "\n"
					   "SOB\tbreathless\r\n"
					   "KICT\t\n");
	struct plain_glossary *g = NULL;
	char msg[256] = "";
	assert_int_equal(plain_glossary_load(path, &g, msg, sizeof msg), CP_OK);
	assert_int_equal(plain_glossary_size(g), plain_glossary_size(plain_glossary_builtin()) + 2);
	struct plain_report r;
	const char *t = "CGA booked; SOB; KICT will call.";
	plain_check(g, t, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.found[0].plain, "an assessment of all your needs by an older people's team");
	assert_string_equal(r.found[1].plain, "breathless");
	plain_use(g);
	assert_ptr_equal(plain_current(), g);
	plain_glossary_free(g); /* also stops using it */
	assert_ptr_equal(plain_current(), plain_glossary_builtin());
	fx_rmdir(dir);
}

static void a_broken_glossary_file_names_its_line(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	const char *path = write_file(dir, "ABC\tfine\nno tab here\n");
	struct plain_glossary *g = NULL;
	char msg[256] = "";
	assert_int_equal(plain_glossary_load(path, &g, msg, sizeof msg), CP_EINVAL);
	assert_null(g);
	assert_non_null(strstr(msg, "line 2"));
	path = write_file(dir, "\tempty term\n");
	assert_int_equal(plain_glossary_load(path, &g, msg, sizeof msg), CP_EINVAL);
	assert_non_null(strstr(msg, "line 1"));
	assert_int_equal(plain_glossary_load("/nonexistent/glossary.tsv", &g, msg, sizeof msg), CP_EIO);
	assert_non_null(strstr(msg, "cannot read"));
	fx_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_glossary_has_at_least_150_explained_entries),
		cmocka_unit_test(a_short_plain_sentence_scores_as_worked_by_hand),
		cmocka_unit_test(clinical_shorthand_is_found_with_plain_alternatives),
		cmocka_unit_test(wordy_professional_text_is_very_difficult),
		cmocka_unit_test(abbreviations_match_as_written_and_words_in_any_case),
		cmocka_unit_test(unknown_abbreviations_are_flagged_but_plain_ones_and_shouting_are_not),
		cmocka_unit_test(syllables_follow_the_rules_of_thumb),
		cmocka_unit_test(empty_text_has_no_words_and_no_score),
		cmocka_unit_test(lines_without_full_stops_are_sentences),
		cmocka_unit_test(long_text_is_bounded),
		cmocka_unit_test(a_glossary_file_adds_and_overrides_terms),
		cmocka_unit_test(a_broken_glossary_file_names_its_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
