/* test_v_plain.c - the plain-language advice beside a field (src/view/v_plain.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "util/buf.h"
#include "view/view_plain.h"

/* The advice for text, in b (freed first: b starts zeroed by the caller). */
static const char *advice(struct buf *b, const char *label, const char *text)
{
	buf_free(b);
	buf_init(b, 4096);
	v_plain_advice(b, label, text);
	return b->len ? b->data : "";
}

static void plain_text_gets_no_advice(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(advice(&b, "Goal", "Walk to the shop and back twice a week."), "");
	assert_string_equal(advice(&b, "Goal", NULL), "");
	assert_string_equal(advice(&b, "Goal", ""), "");
	buf_free(&b);
}

static void jargon_is_listed_with_its_alternative_and_escaped(void **state)
{
	(void)state;
	struct buf b = {0};
	const char *h = advice(&b, "What to do <now>", "If SOB, use the GTN & call the CGA team.");
	assert_non_null(strstr(h, "<strong>Plain words</strong> for What to do &lt;now&gt;."));
	assert_non_null(strstr(h, "<li>\"SOB\": try \"short of breath\"</li>"));
	assert_non_null(strstr(h, "<li>\"GTN\": try \"spray or tablet for chest pain\"</li>"));
	assert_non_null(strstr(h, "<li>\"CGA\": say what it stands for</li>"));
	assert_null(strstr(h, "reading ease"));
	buf_free(&b);
}

static void hard_text_gets_its_score(void **state)
{
	(void)state;
	struct buf b = {0};
	const char *h = advice(&b, "Summary",
			       "The multidisciplinary team will facilitate an assessment of your comorbidities "
			       "prior to commencing domiciliary care.");
	/* The score is below zero and shown as 0. */
	assert_non_null(strstr(h, "It scores 0 for reading ease (very difficult); aim for 60 or more"));
	assert_non_null(strstr(h, "<li>\"prior to\": try \"before\"</li>"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_gets_no_advice),
		cmocka_unit_test(jargon_is_listed_with_its_alternative_and_escaped),
		cmocka_unit_test(hard_text_gets_its_score),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
