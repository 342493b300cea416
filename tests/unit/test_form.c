/* test_form.c - the shared form validation pieces (src/domain/form.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/form.h"

static void typed_text_is_trimmed_with_lf_line_breaks_and_spaces_for_tabs(void **state)
{
	(void)state;
	struct arena *a = arena_new(64 * 1024);
	struct person_errors errs = {0};
	struct form_check v = {.a = a, .errs = &errs};
	assert_string_equal(form_clean(&v, "  Falls at home \r\n"), "Falls at home");
	assert_string_equal(form_clean(&v, "line one\r\nline two\rthree"), "line one\nline two\nthree");
	assert_string_equal(form_clean(&v, "a\tb"), "a b");
	assert_null(form_clean(&v, " \t\r\n "));
	assert_null(form_clean(&v, NULL));
	assert_false(v.oom);
	arena_free(a);
}

static void errors_keep_form_order_and_a_null_message_means_out_of_memory(void **state)
{
	(void)state;
	struct person_errors errs = {0};
	struct form_check v = {.errs = &errs};
	form_error(&v, "given_name", "Enter their given name");
	form_error(&v, "birth_date", "Enter their date of birth");
	assert_int_equal(errs.n, 2);
	assert_string_equal(errs.e[0].field, "given_name");
	assert_string_equal(errs.e[1].message, "Enter their date of birth");
	assert_false(v.oom);
	form_error(&v, "nhs_number", NULL);
	assert_true(v.oom);
	assert_int_equal(errs.n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typed_text_is_trimmed_with_lf_line_breaks_and_spaces_for_tabs),
		cmocka_unit_test(errors_keep_form_order_and_a_null_message_means_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
