/* test_letter.c - readings as typed (src/domain/letter.c): each kind's
 * range, decimals only for weight and kept as whole tenths, the diastolic
 * below the systolic and only for blood pressure, dates in the past; every
 * refusal names its field; and how a reading reads back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/letter.h"

/* 2026-11-22 12:00 UTC */
#define NOW (1795348800000LL)

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new(1u << 16);
	return A ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

/* Validates; CP_OK with *out, or the message of field (NULL when none). */
static enum cp_err check(const char *kind, const char *date, const char *v, const char *v2,
			 struct store_reading *out, struct person_errors *errs)
{
	struct reading_input in = {.kind = kind, .taken_date = date, .value = v, .value2 = v2};
	memset(out, 0, sizeof *out);
	return reading_validate(A, NOW, &in, out, errs);
}

static void good_readings_are_kept_in_tenths(void **state)
{
	(void)state;
	struct store_reading r;
	struct person_errors e;
	assert_int_equal(check("weight", "2026-11-22", " 72.4 ", NULL, &r, &e), CP_OK);
	assert_string_equal(r.kind, "weight");
	assert_int_equal(r.value, 724);
	assert_int_equal(r.value2, 0);
	assert_string_equal(reading_text(A, &r), "72.4 kg");
	assert_int_equal(check("weight", "2026-11-01", "72", "", &r, &e), CP_OK);
	assert_int_equal(r.value, 720);
	assert_string_equal(reading_text(A, &r), "72 kg");
	assert_int_equal(check("hba1c", "2026-01-01", "48", NULL, &r, &e), CP_OK);
	assert_int_equal(r.value, 480);
	assert_string_equal(reading_text(A, &r), "48 mmol/mol");
	assert_int_equal(check("bp", "2026-11-22", "132", "84", &r, &e), CP_OK);
	assert_int_equal(r.value, 1320);
	assert_int_equal(r.value2, 840);
	assert_string_equal(reading_text(A, &r), "132/84 mmHg");
	/* The ends of each range are allowed. */
	assert_int_equal(check("hba1c", "2026-11-22", "20", NULL, &r, &e), CP_OK);
	assert_int_equal(check("hba1c", "2026-11-22", "195", NULL, &r, &e), CP_OK);
	assert_int_equal(check("weight", "2026-11-22", "2.0", NULL, &r, &e), CP_OK);
	assert_int_equal(check("weight", "2026-11-22", "350", NULL, &r, &e), CP_OK);
	assert_int_equal(check("bp", "2026-11-22", "260", "160", &r, &e), CP_OK);
}

static void each_refusal_names_its_field(void **state)
{
	(void)state;
	struct store_reading r;
	struct person_errors e;
	static const struct {
		const char *kind, *date, *v, *v2, *field, *msg;
	} bad[] = {
		{NULL, "2026-11-22", "60", NULL, "kind", "Select what was measured"},
		{"height", "2026-11-22", "60", NULL, "kind", "Select what was measured"},
		{"weight", NULL, "60", NULL, "taken_date", "Enter the date it was measured"},
		{"weight", "2026-11-23", "60", NULL, "taken_date", "Date measured must be today or in the past"},
		{"weight", "22/11/2026", "60", NULL, "taken_date", "Date measured"},
		{"weight", "2026-11-22", NULL, NULL, "value", "Enter the Weight"},
		{"weight", "2026-11-22", "72.45", NULL, "value", "Weight must be a number with at most one decimal place"},
		{"weight", "2026-11-22", "72.", NULL, "value", "Weight must be a number"},
		{"weight", "2026-11-22", "-5", NULL, "value", "Weight must be a number"},
		{"weight", "2026-11-22", "1e2", NULL, "value", "Weight must be a number"},
		{"weight", "2026-11-22", "1.9", NULL, "value", "Weight must be between 2 and 350 kg"},
		{"weight", "2026-11-22", "350.1", NULL, "value", "Weight must be between 2 and 350 kg"},
		{"weight", "2026-11-22", "99999999", NULL, "value", "Weight must be a number"},
		{"weight", "2026-11-22", "70", "80", "value2", "Leave the bottom number empty"},
		{"hba1c", "2026-11-22", "48.5", NULL, "value", "HbA1c must be a number without decimals"},
		{"hba1c", "2026-11-22", "19", NULL, "value", "HbA1c must be between 20 and 195 mmol/mol"},
		{"hba1c", "2026-11-22", "196", NULL, "value", "HbA1c must be between 20 and 195 mmol/mol"},
		{"bp", "2026-11-22", "120", NULL, "value2", "Enter the Diastolic blood pressure"},
		{"bp", "2026-11-22", "59", "40", "value", "Systolic blood pressure (the top number) must be between 60 and 260"},
		{"bp", "2026-11-22", "120", "29", "value2", "Diastolic blood pressure (the bottom number) must be between 30"},
		{"bp", "2026-11-22", "120", "120", "value2", "must be lower than the systolic"},
		{"bp", "2026-11-22", "120/80", NULL, "value", "must be a number without decimals"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(check(bad[i].kind, bad[i].date, bad[i].v, bad[i].v2, &r, &e), CP_EINVAL);
		const char *m = person_error_for(&e, bad[i].field);
		if (!m || !strstr(m, bad[i].msg))
			fail_msg("case %zu: %s: %s", i, bad[i].field, m ? m : "(no message)");
		assert_null(r.kind); /* nothing given back */
	}
}

static void codes_and_labels(void **state)
{
	(void)state;
	for (int k = 0; k < READING__MAX; k++) {
		assert_int_equal(reading_from_code(reading_code((enum reading_kind)k)), k);
		assert_true(*reading_label((enum reading_kind)k));
	}
	assert_int_equal(reading_from_code(NULL), READING__MAX);
	assert_int_equal(reading_from_code("BP"), READING__MAX);
	assert_string_equal(reading_code(READING__MAX), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_readings_are_kept_in_tenths),
		cmocka_unit_test(each_refusal_names_its_field),
		cmocka_unit_test(codes_and_labels),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
