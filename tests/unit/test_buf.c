/* test_buf.c - the growable, capped, sticky-error buffer (src/util/buf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void new_buffer_is_empty_without_memory(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 100);
	assert_int_equal(b.err, CP_OK);
	buf_free(&b);
	buf_free(&b); /* twice is harmless */
}

static void appends_concatenate_and_stay_terminated(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	buf_puts(&b, "care");
	buf_putc(&b, ' ');
	buf_add(&b, "planXXX", 4);
	buf_puts(&b, NULL);
	buf_add(&b, NULL, 0);
	assert_int_equal(b.err, CP_OK);
	assert_int_equal(b.len, 9);
	assert_string_equal(b.data, "care plan");
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
}

static void grows_past_its_first_allocation(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[100];
	memset(chunk, 'x', sizeof chunk);
	for (int i = 0; i < 1000; i++)
		buf_add(&b, chunk, sizeof chunk);
	assert_int_equal(b.err, CP_OK);
	assert_int_equal(b.len, 100000);
	assert_true(b.cap > b.len);
	assert_int_equal(strlen(b.data), 100000);
	buf_free(&b);
}

static void filling_to_exactly_max_is_allowed(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 5);
	buf_puts(&b, "12345");
	assert_int_equal(b.err, CP_OK);
	assert_string_equal(b.data, "12345");
	buf_add(&b, "", 0);
	assert_int_equal(b.err, CP_OK);
	buf_free(&b);
}

static void passing_max_sets_a_sticky_error(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	buf_puts(&b, "12345");
	buf_puts(&b, "6789"); /* would make 9 */
	assert_int_equal(b.err, CP_ETOOBIG);
	assert_string_equal(b.data, "12345"); /* the failed append added nothing */
	buf_putc(&b, 'a');                    /* fits, but the error is sticky */
	buf_printf(&b, "%d", 1);
	assert_int_equal(b.err, CP_ETOOBIG);
	assert_int_equal(b.len, 5);
	buf_free(&b);
}

static void reset_empties_and_clears_the_error(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4);
	buf_puts(&b, "abcdef");
	assert_int_equal(b.err, CP_ETOOBIG);
	buf_reset(&b);
	assert_int_equal(b.err, CP_OK);
	assert_int_equal(b.len, 0);
	buf_puts(&b, "ab");
	assert_string_equal(b.data, "ab");
	char *keep = b.data;
	buf_reset(&b);
	assert_ptr_equal(b.data, keep); /* memory kept */
	assert_string_equal(b.data, "");
	buf_free(&b);
}

static void detach_hands_over_the_data(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	buf_puts(&b, "hello");
	size_t n = 99;
	char *p = buf_detach(&b, &n);
	assert_string_equal(p, "hello");
	assert_int_equal(n, 5);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(p);
	buf_free(&b);
}

static void detach_of_an_empty_buffer_gives_an_empty_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	size_t n = 99;
	char *p = buf_detach(&b, &n);
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(n, 0);
	free(p);
}

static void detach_after_an_error_gives_null_and_frees(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 3);
	buf_puts(&b, "ab");
	buf_puts(&b, "cd");
	size_t n = 99;
	assert_null(buf_detach(&b, &n));
	assert_int_equal(n, 0);
	assert_null(b.data);
}

static void printf_appends_formatted_text(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	buf_puts(&b, "n=");
	buf_printf(&b, "%d/%s/%05.1f", 42, "x", 3.14159);
	assert_string_equal(b.data, "n=42/x/003.1");
	assert_int_equal(b.len, strlen("n=42/x/003.1"));
	buf_free(&b);
}

static void printf_past_max_appends_nothing(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	buf_puts(&b, "abc");
	buf_printf(&b, "%s", "0123456789");
	assert_int_equal(b.err, CP_ETOOBIG);
	assert_string_equal(b.data, "abc");
	buf_free(&b);
}

static void put_i64_writes_extremes(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	buf_put_i64(&b, INT64_MIN);
	buf_putc(&b, ' ');
	buf_put_i64(&b, INT64_MAX);
	buf_putc(&b, ' ');
	buf_put_i64(&b, 0);
	assert_string_equal(b.data, "-9223372036854775808 9223372036854775807 0");
	buf_free(&b);
}

static void json_str_escapes_quotes_backslashes_and_controls(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	buf_json_str(&b, "a\"b\\c\nd\re\tf\x01g\x1fh\x7fi/");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\\u007fi/\"");
	buf_free(&b);
}

static void json_str_keeps_valid_utf8_and_replaces_invalid_bytes(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	buf_json_str(&b, "caf\xC3\xA9 \xF0\x9F\x98\x80");
	assert_string_equal(b.data, "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
	buf_reset(&b);
	/* A lone continuation byte, an overlong '/', a truncated sequence. */
	buf_json_str(&b, "a\x80z\xC0\xAFz\xE2\x82");
	assert_string_equal(b.data, "\"a\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD\"");
	buf_free(&b);
}

static void json_str_of_null_is_an_empty_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	buf_json_str(&b, NULL);
	assert_string_equal(b.data, "\"\"");
	buf_free(&b);
}

static void hex_is_lower_case(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	const unsigned char bytes[] = {0x00, 0x0f, 0xa0, 0xff};
	buf_hex(&b, bytes, sizeof bytes);
	assert_string_equal(b.data, "000fa0ff");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_buffer_is_empty_without_memory),
		cmocka_unit_test(appends_concatenate_and_stay_terminated),
		cmocka_unit_test(grows_past_its_first_allocation),
		cmocka_unit_test(filling_to_exactly_max_is_allowed),
		cmocka_unit_test(passing_max_sets_a_sticky_error),
		cmocka_unit_test(reset_empties_and_clears_the_error),
		cmocka_unit_test(detach_hands_over_the_data),
		cmocka_unit_test(detach_of_an_empty_buffer_gives_an_empty_string),
		cmocka_unit_test(detach_after_an_error_gives_null_and_frees),
		cmocka_unit_test(printf_appends_formatted_text),
		cmocka_unit_test(printf_past_max_appends_nothing),
		cmocka_unit_test(put_i64_writes_extremes),
		cmocka_unit_test(json_str_escapes_quotes_backslashes_and_controls),
		cmocka_unit_test(json_str_keeps_valid_utf8_and_replaces_invalid_bytes),
		cmocka_unit_test(json_str_of_null_is_an_empty_string),
		cmocka_unit_test(hex_is_lower_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
