/* test_html.c - the escaping HTML writer (src/view/html.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "view/html.h"

static int setup(void **state)
{
	struct buf *b = calloc(1, sizeof *b);
	buf_init(b, 1 << 16);
	*state = b;
	return 0;
}

static int teardown(void **state)
{
	struct buf *b = *state;
	buf_free(b);
	free(b);
	return 0;
}

static const char *text(struct buf *b)
{
	return b->data ? b->data : "";
}

static void text_escapes_the_five_special_characters(void **state)
{
	struct buf *b = *state;
	html_text(b, "&<>\"'");
	assert_string_equal(text(b), "&amp;&lt;&gt;&quot;&#39;");
}

static void text_escapes_in_place_and_keeps_the_rest(void **state)
{
	struct buf *b = *state;
	html_text(b, "<script>alert('x & y')</script> caf\xC3\xA9 \"ok\"");
	assert_string_equal(text(b), "&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt; caf\xC3\xA9 &quot;ok&quot;");
}

static void text_without_specials_is_unchanged(void **state)
{
	struct buf *b = *state;
	html_text(b, "Margaret Hughes, 9434765919");
	assert_string_equal(text(b), "Margaret Hughes, 9434765919");
}

static void attribute_breakout_is_neutralised(void **state)
{
	struct buf *b = *state;
	H(b, "<input value=\"");
	html_text(b, "\" onfocus=\"alert(1)");
	H(b, "\">");
	assert_string_equal(text(b), "<input value=\"&quot; onfocus=&quot;alert(1)\">");
	buf_reset(b);
	H(b, "<a title='");
	html_text(b, "' onclick='x");
	H(b, "'>");
	assert_string_equal(text(b), "<a title='&#39; onclick=&#39;x'>");
}

static void null_and_empty_text_write_nothing(void **state)
{
	struct buf *b = *state;
	html_text(b, NULL);
	html_text(b, "");
	assert_int_equal(b->len, 0);
	assert_int_equal(b->err, CP_OK);
}

static void already_escaped_text_is_escaped_again(void **state)
{
	struct buf *b = *state;
	html_text(b, "&amp;");
	assert_string_equal(text(b), "&amp;amp;");
}

static void literals_are_written_as_they_are(void **state)
{
	struct buf *b = *state;
	H(b, "<p class=\"x\">");
	H(b, "a & b");
	assert_string_equal(text(b), "<p class=\"x\">a & b");
}

static void textf_escapes_the_whole_result(void **state)
{
	struct buf *b = *state;
	html_textf(b, "%s has %d <conditions> & %s", "O'Brien", 3, "\"quotes\"");
	assert_string_equal(text(b), "O&#39;Brien has 3 &lt;conditions&gt; &amp; &quot;quotes&quot;");
}

static void textf_that_does_not_fit_sets_the_error_and_writes_nothing(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 16);
	H(&b, "<p>");
	html_textf(&b, "%s", "this is longer than sixteen bytes");
	assert_int_equal(b.err, CP_ETOOBIG);
	assert_string_equal(b.data, "<p>");
	buf_free(&b);
}

static void escaping_that_grows_past_max_sets_the_error(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	html_text(&b, "<<<"); /* 12 bytes escaped */
	assert_int_equal(b.err, CP_ETOOBIG);
	buf_free(&b);
}

static void integers_are_written_in_decimal(void **state)
{
	struct buf *b = *state;
	html_i64(b, -42);
	H(b, " ");
	html_i64(b, INT64_MAX);
	assert_string_equal(text(b), "-42 9223372036854775807");
}

static void times_are_human_and_zero_is_never(void **state)
{
	struct buf *b = *state;
	html_time(b, 1795363299123LL);
	assert_string_equal(text(b), "22 November 2026 at 16:01 UTC");
	buf_reset(b);
	html_time(b, 0);
	assert_string_equal(text(b), "never");
	buf_reset(b);
	html_time(b, -5);
	assert_string_equal(text(b), "never");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(text_escapes_the_five_special_characters),
		T(text_escapes_in_place_and_keeps_the_rest),
		T(text_without_specials_is_unchanged),
		T(attribute_breakout_is_neutralised),
		T(null_and_empty_text_write_nothing),
		T(already_escaped_text_is_escaped_again),
		T(literals_are_written_as_they_are),
		T(textf_escapes_the_whole_result),
		cmocka_unit_test(textf_that_does_not_fit_sets_the_error_and_writes_nothing),
		cmocka_unit_test(escaping_that_grows_past_max_sets_the_error),
		T(integers_are_written_in_decimal),
		T(times_are_human_and_zero_is_never),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
