/*
 * fuzz_casefind.c - libFuzzer target for the case-finding rules parser
 * (src/domain/casefind.c).
 *
 * Input: any bytes as a rules file.  What casefind.h promises: a refused
 * file comes with a message naming the file; an accepted one has 1 to
 * CASEFIND_RULES_MAX rules, each with 1 to CASEFIND_TERMS_MAX tests, a
 * weight of 1 to 100 and an explanation; evaluating it on any register row
 * gives a score equal to the weights of the rules in its mask.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/casefind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	static struct casefind_rules r;
	char msg[CASEFIND_MSG];
	if (casefind_parse("fuzz.rules", (const char *)data, size, &r, msg, sizeof msg) != CP_OK) {
		if (strncmp(msg, "fuzz.rules", 10) != 0)
			abort();
		return 0;
	}
	if (r.n < 1 || r.n > CASEFIND_RULES_MAX)
		abort();
	static const struct store_register_entry rows[] = {
		{.birth_date = "1940-02-29", .conditions = "COPD;Heart failure", .n_conditions = 2, .frailty = "severe",
		 .emergency_admissions = 3, .ae_attendances = 4, .lives_alone = true, .is_carer = true},
		{.birth_date = "2020-01-01", .conditions = "", .frailty = NULL},
		{.birth_date = "not a date", .conditions = ";;", .frailty = "fit", .has_carer = true},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int64_t score, want = 0;
		uint64_t mask;
		casefind_eval(&r, &rows[i], (struct caldate){2026, 11, 22}, &score, &mask);
		for (int k = 0; k < r.n; k++) {
			if (r.rule[k].n_terms < 1 || r.rule[k].weight < 1 || r.rule[k].weight > 100 || !r.rule[k].explain[0])
				abort();
			if ((mask >> k) & 1u)
				want += r.rule[k].weight;
		}
		if (score != want)
			abort();
	}
	return 0;
}
