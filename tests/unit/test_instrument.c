/* test_instrument.c - PHQ-9, GAD-7 and UCLA-3 scoring (src/domain/instrument.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "domain/instrument.h"

/* Answers for instrument i that add up to total: fill items from the first
 * with the largest answer until the total is reached. */
static void answers_for(enum instrument i, int total, int *out)
{
	int n = instrument_items(i), lo = instrument_item_min(i), hi = instrument_item_max(i);
	int left = total - n * lo;
	for (int k = 0; k < n; k++) {
		int add = left < hi - lo ? left : hi - lo;
		out[k] = lo + add;
		left -= add;
	}
	assert_int_equal(left, 0);
}

static struct instrument_result score_total(enum instrument i, int total)
{
	int a[INSTRUMENT_ITEMS_MAX];
	answers_for(i, total, a);
	struct instrument_result r;
	char msg[INSTRUMENT_MSG_MAX];
	if (instrument_score(i, a, (size_t)instrument_items(i), &r, msg, sizeof msg) != CP_OK)
		fail_msg("%s total %d: %s", instrument_code(i), total, msg);
	assert_int_equal(r.total, total);
	assert_int_equal(r.instrument, i);
	return r;
}

static void each_instrument_has_its_published_items_and_ranges(void **state)
{
	(void)state;
	assert_int_equal(INSTRUMENT__MAX, 3);
	assert_int_equal(instrument_items(INSTRUMENT_PHQ9), 9);
	assert_int_equal(instrument_items(INSTRUMENT_GAD7), 7);
	assert_int_equal(instrument_items(INSTRUMENT_UCLA3), 3);
	assert_int_equal(instrument_item_min(INSTRUMENT_PHQ9), 0);
	assert_int_equal(instrument_item_max(INSTRUMENT_PHQ9), 3);
	assert_int_equal(instrument_item_min(INSTRUMENT_GAD7), 0);
	assert_int_equal(instrument_item_max(INSTRUMENT_GAD7), 3);
	assert_int_equal(instrument_item_min(INSTRUMENT_UCLA3), 1);
	assert_int_equal(instrument_item_max(INSTRUMENT_UCLA3), 3);
	assert_int_equal(instrument_total_min(INSTRUMENT_PHQ9), 0);
	assert_int_equal(instrument_total_max(INSTRUMENT_PHQ9), 27);
	assert_int_equal(instrument_total_min(INSTRUMENT_GAD7), 0);
	assert_int_equal(instrument_total_max(INSTRUMENT_GAD7), 21);
	assert_int_equal(instrument_total_min(INSTRUMENT_UCLA3), 3);
	assert_int_equal(instrument_total_max(INSTRUMENT_UCLA3), 9);
	for (int i = 0; i < INSTRUMENT__MAX; i++)
		assert_true(instrument_items((enum instrument)i) <= INSTRUMENT_ITEMS_MAX);
}

static void every_band_boundary_falls_on_the_right_side(void **state)
{
	(void)state;
	/* Every boundary, both sides, and one past each end of the range. */
	static const struct {
		enum instrument i;
		int total;
		enum instrument_band band;
	} cases[] = {
		{INSTRUMENT_PHQ9, -1, BAND__MAX},
		{INSTRUMENT_PHQ9, 0, BAND_MINIMAL},
		{INSTRUMENT_PHQ9, 4, BAND_MINIMAL},
		{INSTRUMENT_PHQ9, 5, BAND_MILD},
		{INSTRUMENT_PHQ9, 9, BAND_MILD},
		{INSTRUMENT_PHQ9, 10, BAND_MODERATE},
		{INSTRUMENT_PHQ9, 14, BAND_MODERATE},
		{INSTRUMENT_PHQ9, 15, BAND_MODERATELY_SEVERE},
		{INSTRUMENT_PHQ9, 19, BAND_MODERATELY_SEVERE},
		{INSTRUMENT_PHQ9, 20, BAND_SEVERE},
		{INSTRUMENT_PHQ9, 27, BAND_SEVERE},
		{INSTRUMENT_PHQ9, 28, BAND__MAX},
		{INSTRUMENT_GAD7, -1, BAND__MAX},
		{INSTRUMENT_GAD7, 0, BAND_MINIMAL},
		{INSTRUMENT_GAD7, 4, BAND_MINIMAL},
		{INSTRUMENT_GAD7, 5, BAND_MILD},
		{INSTRUMENT_GAD7, 9, BAND_MILD},
		{INSTRUMENT_GAD7, 10, BAND_MODERATE},
		{INSTRUMENT_GAD7, 14, BAND_MODERATE},
		{INSTRUMENT_GAD7, 15, BAND_SEVERE},
		{INSTRUMENT_GAD7, 21, BAND_SEVERE},
		{INSTRUMENT_GAD7, 22, BAND__MAX},
		{INSTRUMENT_UCLA3, 2, BAND__MAX},
		{INSTRUMENT_UCLA3, 3, BAND_NOT_LONELY},
		{INSTRUMENT_UCLA3, 5, BAND_NOT_LONELY},
		{INSTRUMENT_UCLA3, 6, BAND_LONELY},
		{INSTRUMENT_UCLA3, 9, BAND_LONELY},
		{INSTRUMENT_UCLA3, 10, BAND__MAX},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		enum instrument_band got = instrument_band_for_total(cases[k].i, cases[k].total);
		if (got != cases[k].band)
			fail_msg("%s total %d: band %s, expected %s", instrument_code(cases[k].i), cases[k].total,
				 instrument_band_code(got), instrument_band_code(cases[k].band));
		/* The same through scoring a whole questionnaire, where possible. */
		if (cases[k].band != BAND__MAX)
			assert_int_equal(score_total(cases[k].i, cases[k].total).band, cases[k].band);
	}
}

/* The published cut-offs, written independently of the tables. */
static enum instrument_band expected_band(enum instrument i, int t)
{
	switch (i) {
	case INSTRUMENT_PHQ9:
		return t < 5 ? BAND_MINIMAL : t < 10 ? BAND_MILD : t < 15 ? BAND_MODERATE
		     : t < 20 ? BAND_MODERATELY_SEVERE : BAND_SEVERE;
	case INSTRUMENT_GAD7:
		return t < 5 ? BAND_MINIMAL : t < 10 ? BAND_MILD : t < 15 ? BAND_MODERATE : BAND_SEVERE;
	case INSTRUMENT_UCLA3:
		return t < 6 ? BAND_NOT_LONELY : BAND_LONELY;
	case INSTRUMENT__MAX:
		break;
	}
	return BAND__MAX;
}

static void every_possible_total_scores_into_its_band(void **state)
{
	(void)state;
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		enum instrument in = (enum instrument)i;
		for (int t = instrument_total_min(in); t <= instrument_total_max(in); t++)
			assert_int_equal(score_total(in, t).band, expected_band(in, t));
	}
}

static void the_bands_of_each_instrument_cover_its_range_without_gaps(void **state)
{
	(void)state;
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		enum instrument in = (enum instrument)i;
		int next = instrument_total_min(in), used = 0;
		for (int b = 0; b < BAND__MAX; b++) {
			int lo = -100, hi = -100;
			if (!instrument_band_range(in, (enum instrument_band)b, &lo, &hi)) {
				assert_int_equal(lo, -100); /* untouched */
				continue;
			}
			used++;
			assert_int_equal(lo, next);
			assert_true(hi >= lo);
			assert_int_equal(instrument_band_for_total(in, lo), b);
			assert_int_equal(instrument_band_for_total(in, hi), b);
			next = hi + 1;
		}
		assert_int_equal(next, instrument_total_max(in) + 1);
		assert_int_equal(used, i == INSTRUMENT_PHQ9 ? 5 : i == INSTRUMENT_GAD7 ? 4 : 2);
	}
	int lo, hi;
	assert_false(instrument_band_range(INSTRUMENT_GAD7, BAND_MODERATELY_SEVERE, &lo, &hi));
	assert_false(instrument_band_range(INSTRUMENT_PHQ9, BAND_LONELY, &lo, &hi));
	assert_false(instrument_band_range(INSTRUMENT__MAX, BAND_MILD, &lo, &hi));
	assert_true(instrument_band_range(INSTRUMENT_PHQ9, BAND_MODERATELY_SEVERE, &lo, &hi));
	assert_int_equal(lo, 15);
	assert_int_equal(hi, 19);
}

static void an_answer_just_outside_the_range_is_refused_for_every_item(void **state)
{
	(void)state;
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		enum instrument in = (enum instrument)i;
		int n = instrument_items(in), lo = instrument_item_min(in), hi = instrument_item_max(in);
		for (int item = 1; item <= n; item++) {
			int bad[] = {lo - 1, hi + 1, INT_MIN, INT_MAX, 100};
			for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
				char msg[INSTRUMENT_MSG_MAX], want[INSTRUMENT_MSG_MAX];
				assert_int_equal(instrument_check_item(in, item, bad[b], msg, sizeof msg), CP_EINVAL);
				if (bad[b] == INSTRUMENT_UNANSWERED)
					snprintf(want, sizeof want, "%s item %d has no answer: choose an answer from %d to %d.",
						 instrument_name(in), item, lo, hi);
				else
					snprintf(want, sizeof want, "%s item %d: the answer must be from %d to %d, not %d.",
						 instrument_name(in), item, lo, hi, bad[b]);
				assert_string_equal(msg, want);

				/* The same answer in a whole questionnaire: refused, named, nothing scored. */
				int a[INSTRUMENT_ITEMS_MAX];
				answers_for(in, instrument_total_min(in), a);
				a[item - 1] = bad[b];
				struct instrument_result r = {.total = -7};
				assert_int_equal(instrument_score(in, a, (size_t)n, &r, msg, sizeof msg), CP_EINVAL);
				assert_string_equal(msg, want);
				assert_int_equal(r.total, -7);
			}
			for (int v = lo; v <= hi; v++) {
				char msg[INSTRUMENT_MSG_MAX] = "x";
				assert_int_equal(instrument_check_item(in, item, v, msg, sizeof msg), CP_OK);
				assert_string_equal(msg, "");
			}
		}
	}
}

static void the_messages_name_the_item_and_the_range(void **state)
{
	(void)state;
	char msg[INSTRUMENT_MSG_MAX];
	instrument_check_item(INSTRUMENT_PHQ9, 3, 4, msg, sizeof msg);
	assert_string_equal(msg, "PHQ-9 item 3: the answer must be from 0 to 3, not 4.");
	instrument_check_item(INSTRUMENT_GAD7, 7, -2, msg, sizeof msg);
	assert_string_equal(msg, "GAD-7 item 7: the answer must be from 0 to 3, not -2.");
	instrument_check_item(INSTRUMENT_UCLA3, 1, 0, msg, sizeof msg);
	assert_string_equal(msg, "UCLA-3 item 1: the answer must be from 1 to 3, not 0.");
	instrument_check_item(INSTRUMENT_UCLA3, 2, INSTRUMENT_UNANSWERED, msg, sizeof msg);
	assert_string_equal(msg, "UCLA-3 item 2 has no answer: choose an answer from 1 to 3.");
	assert_int_equal(instrument_check_item(INSTRUMENT_GAD7, 8, 0, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "GAD-7 has items 1 to 7; there is no item 8.");
	assert_int_equal(instrument_check_item(INSTRUMENT_PHQ9, 0, 0, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "PHQ-9 has items 1 to 9; there is no item 0.");
	assert_int_equal(instrument_check_item(INSTRUMENT__MAX, 1, 0, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "The questionnaire is not known.");
	/* The longest message fits the declared size. */
	instrument_check_item(INSTRUMENT_UCLA3, INT_MIN, 0, msg, sizeof msg);
	assert_true(strlen(msg) + 1 < sizeof msg);
	instrument_check_item(INSTRUMENT_UCLA3, 3, INT_MIN, msg, sizeof msg);
	assert_true(strlen(msg) + 1 < sizeof msg);
}

static void the_first_bad_item_is_the_one_reported(void **state)
{
	(void)state;
	char msg[INSTRUMENT_MSG_MAX];
	struct instrument_result r;
	int a[] = {0, 1, 2, 3, 9, INSTRUMENT_UNANSWERED, 0};
	assert_int_equal(instrument_score(INSTRUMENT_GAD7, a, 7, &r, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "GAD-7 item 5: the answer must be from 0 to 3, not 9.");
}

static void a_wrong_number_of_answers_is_refused(void **state)
{
	(void)state;
	int a[INSTRUMENT_ITEMS_MAX + 1] = {0};
	for (size_t k = 0; k < sizeof a / sizeof a[0]; k++)
		a[k] = 1;
	char msg[INSTRUMENT_MSG_MAX];
	struct instrument_result r;
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		enum instrument in = (enum instrument)i;
		size_t n = (size_t)instrument_items(in);
		size_t wrong[] = {0, n - 1, n + 1};
		for (size_t w = 0; w < sizeof wrong / sizeof wrong[0]; w++)
			assert_int_equal(instrument_score(in, a, wrong[w], &r, msg, sizeof msg), CP_EINVAL);
		assert_int_equal(instrument_score(in, a, n, &r, msg, sizeof msg), CP_OK);
	}
	instrument_score(INSTRUMENT_PHQ9, a, 8, &r, msg, sizeof msg);
	assert_string_equal(msg, "PHQ-9 has 9 items; 8 answers were given.");
	assert_int_equal(instrument_score(INSTRUMENT__MAX, a, 9, &r, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(instrument_score((enum instrument)-1, a, 9, &r, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "The questionnaire is not known.");
}

static void any_answer_above_zero_to_phq9_item_9_raises_the_safety_flag(void **state)
{
	(void)state;
	char msg[INSTRUMENT_MSG_MAX];
	struct instrument_result r;
	for (int v = 0; v <= 3; v++) {
		/* Alone, with the lowest possible total otherwise. */
		int a[9] = {0, 0, 0, 0, 0, 0, 0, 0, v};
		assert_int_equal(instrument_score(INSTRUMENT_PHQ9, a, 9, &r, msg, sizeof msg), CP_OK);
		assert_int_equal(r.safety, v > 0);
		assert_int_equal(r.total, v);
		assert_int_equal(r.band, BAND_MINIMAL); /* the flag is independent of the band */
	}
	/* The highest total without item 9 raises no flag. */
	int high[9] = {3, 3, 3, 3, 3, 3, 3, 3, 0};
	assert_int_equal(instrument_score(INSTRUMENT_PHQ9, high, 9, &r, msg, sizeof msg), CP_OK);
	assert_false(r.safety);
	assert_int_equal(r.total, 24);
	assert_int_equal(r.band, BAND_SEVERE);
	/* No other instrument has a safety item. */
	for (int t = 0; t <= 21; t++)
		assert_false(score_total(INSTRUMENT_GAD7, t).safety);
	for (int t = 3; t <= 9; t++)
		assert_false(score_total(INSTRUMENT_UCLA3, t).safety);
	int g[7] = {3, 3, 3, 3, 3, 3, 3};
	assert_int_equal(instrument_score(INSTRUMENT_GAD7, g, 7, &r, msg, sizeof msg), CP_OK);
	assert_false(r.safety);
	assert_true(strstr(instrument_item_text(INSTRUMENT_PHQ9, 9), "harm") != NULL);
}

static void a_worked_example_scores_as_by_hand(void **state)
{
	(void)state;
	char msg[INSTRUMENT_MSG_MAX];
	struct instrument_result r;
	int phq[9] = {2, 2, 1, 3, 1, 2, 1, 0, 0};
	assert_int_equal(instrument_score(INSTRUMENT_PHQ9, phq, 9, &r, msg, sizeof msg), CP_OK);
	assert_int_equal(r.total, 12);
	assert_int_equal(r.band, BAND_MODERATE);
	assert_false(r.safety);
	int gad[7] = {1, 1, 1, 1, 0, 1, 0};
	assert_int_equal(instrument_score(INSTRUMENT_GAD7, gad, 7, &r, msg, sizeof msg), CP_OK);
	assert_int_equal(r.total, 5);
	assert_int_equal(r.band, BAND_MILD);
	int ucla[3] = {2, 2, 1};
	assert_int_equal(instrument_score(INSTRUMENT_UCLA3, ucla, 3, &r, msg, sizeof msg), CP_OK);
	assert_int_equal(r.total, 5);
	assert_int_equal(r.band, BAND_NOT_LONELY);
	ucla[2] = 2;
	assert_int_equal(instrument_score(INSTRUMENT_UCLA3, ucla, 3, &r, msg, sizeof msg), CP_OK);
	assert_int_equal(r.total, 6);
	assert_int_equal(r.band, BAND_LONELY);
}

static void every_item_has_distinct_text_and_every_answer_words(void **state)
{
	(void)state;
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		enum instrument in = (enum instrument)i;
		int n = instrument_items(in);
		for (int k = 1; k <= n; k++) {
			const char *t = instrument_item_text(in, k);
			assert_true(strlen(t) > 10);
			for (int q = 1; q < k; q++)
				assert_string_not_equal(t, instrument_item_text(in, q));
		}
		assert_string_equal(instrument_item_text(in, 0), "");
		assert_string_equal(instrument_item_text(in, n + 1), "");
		for (int v = instrument_item_min(in); v <= instrument_item_max(in); v++)
			assert_true(strlen(instrument_answer_label(in, v)) > 0);
		assert_string_equal(instrument_answer_label(in, instrument_item_min(in) - 1), "");
		assert_string_equal(instrument_answer_label(in, instrument_item_max(in) + 1), "");
		assert_true(strlen(instrument_stem(in)) > 0);
		assert_true(strlen(instrument_about(in)) > 0);
	}
	assert_string_equal(instrument_answer_label(INSTRUMENT_PHQ9, 0), "Not at all");
	assert_string_equal(instrument_answer_label(INSTRUMENT_PHQ9, 3), "Nearly every day");
	assert_string_equal(instrument_answer_label(INSTRUMENT_UCLA3, 1), "Hardly ever or never");
	assert_string_equal(instrument_answer_label(INSTRUMENT_UCLA3, 3), "Often");
	assert_string_equal(instrument_item_text(INSTRUMENT__MAX, 1), "");
	assert_string_equal(instrument_answer_label(INSTRUMENT__MAX, 1), "");
	assert_string_equal(instrument_stem(INSTRUMENT__MAX), "");
}

static void codes_round_trip_and_unknowns_are_safe(void **state)
{
	(void)state;
	assert_string_equal(instrument_code(INSTRUMENT_PHQ9), "phq9");
	assert_string_equal(instrument_code(INSTRUMENT_GAD7), "gad7");
	assert_string_equal(instrument_code(INSTRUMENT_UCLA3), "ucla3");
	assert_string_equal(instrument_name(INSTRUMENT_PHQ9), "PHQ-9");
	assert_string_equal(instrument_name(INSTRUMENT_GAD7), "GAD-7");
	assert_string_equal(instrument_name(INSTRUMENT_UCLA3), "UCLA-3");
	for (int i = 0; i < INSTRUMENT__MAX; i++)
		assert_int_equal(instrument_from_code(instrument_code((enum instrument)i)), i);
	assert_int_equal(instrument_from_code(NULL), INSTRUMENT__MAX);
	assert_int_equal(instrument_from_code(""), INSTRUMENT__MAX);
	assert_int_equal(instrument_from_code("PHQ-9"), INSTRUMENT__MAX);
	assert_string_equal(instrument_code(INSTRUMENT__MAX), "");
	assert_string_equal(instrument_name(INSTRUMENT__MAX), "Unknown questionnaire");
	assert_string_equal(instrument_about(INSTRUMENT__MAX), "");
	assert_int_equal(instrument_items(INSTRUMENT__MAX), 0);
	assert_true(instrument_item_min(INSTRUMENT__MAX) > instrument_item_max(INSTRUMENT__MAX));
	assert_true(instrument_total_min(INSTRUMENT__MAX) > instrument_total_max(INSTRUMENT__MAX));
	assert_int_equal(instrument_band_for_total(INSTRUMENT__MAX, 0), BAND__MAX);

	static const char *const band_codes[BAND__MAX] = {
		"minimal", "mild", "moderate", "moderately_severe", "severe", "not_lonely", "lonely",
	};
	for (int b = 0; b < BAND__MAX; b++) {
		assert_string_equal(instrument_band_code((enum instrument_band)b), band_codes[b]);
		assert_int_equal(instrument_band_from_code(band_codes[b]), b);
		assert_true(strlen(instrument_band_label((enum instrument_band)b)) > 0);
	}
	assert_string_equal(instrument_band_label(BAND_MODERATELY_SEVERE), "Moderately severe");
	assert_int_equal(instrument_band_from_code("Severe"), BAND__MAX);
	assert_int_equal(instrument_band_from_code(NULL), BAND__MAX);
	assert_string_equal(instrument_band_code(BAND__MAX), "");
	assert_string_equal(instrument_band_label(BAND__MAX), "Unknown band");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_instrument_has_its_published_items_and_ranges),
		cmocka_unit_test(every_band_boundary_falls_on_the_right_side),
		cmocka_unit_test(every_possible_total_scores_into_its_band),
		cmocka_unit_test(the_bands_of_each_instrument_cover_its_range_without_gaps),
		cmocka_unit_test(an_answer_just_outside_the_range_is_refused_for_every_item),
		cmocka_unit_test(the_messages_name_the_item_and_the_range),
		cmocka_unit_test(the_first_bad_item_is_the_one_reported),
		cmocka_unit_test(a_wrong_number_of_answers_is_refused),
		cmocka_unit_test(any_answer_above_zero_to_phq9_item_9_raises_the_safety_flag),
		cmocka_unit_test(a_worked_example_scores_as_by_hand),
		cmocka_unit_test(every_item_has_distinct_text_and_every_answer_words),
		cmocka_unit_test(codes_round_trip_and_unknowns_are_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
