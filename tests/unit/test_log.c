/* test_log.c - JSON lines on stderr (src/util/log.c).  stderr is sent to a
 * temporary file around each call so what was written can be read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "util/log.c"

/* What line looks like after its 24-character timestamp. */
static void assert_line(const char *text, const char *after_time)
{
	assert_non_null(text);
	assert_int_equal(strncmp(text, "{\"time\":\"", 9), 0);
	const char *ts = text + 9;
	/* 2026-11-22T16:01:39.123Z */
	assert_true(strlen(ts) > 25);
	assert_int_equal(ts[4], '-');
	assert_int_equal(ts[10], 'T');
	assert_int_equal(ts[19], '.');
	assert_int_equal(ts[23], 'Z');
	assert_int_equal(ts[24], '"');
	assert_string_equal(ts + 25, after_time);
}

static int reset_level(void **state)
{
	(void)state;
	log_set_level(LOG_INFO);
	return 0;
}

static void msg_writes_one_json_line(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	log_msg(LOG_INFO, "server.start", "listening on 127.0.0.1:8080");
	char *out = fx_capture_end(&c);
	assert_line(out, ",\"level\":\"info\",\"event\":\"server.start\",\"msg\":\"listening on 127.0.0.1:8080\"}\n");
	free(out);
}

static void events_below_the_level_are_not_written(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	log_msg(LOG_DEBUG, "hidden.by.default", "x");
	log_set_level(LOG_WARN);
	log_msg(LOG_INFO, "hidden", "x");
	log_msg(LOG_WARN, "shown", "y");
	log_msg(LOG_ERROR, "shown2", "z");
	char *out = fx_capture_end(&c);
	assert_null(strstr(out, "hidden"));
	assert_non_null(strstr(out, "\"level\":\"warn\",\"event\":\"shown\""));
	assert_non_null(strstr(out, "\"level\":\"error\",\"event\":\"shown2\""));
	/* Two lines, each ending in a newline. */
	char *nl = strchr(out, '\n');
	assert_non_null(nl);
	assert_non_null(strchr(nl + 1, '\n'));
	assert_string_equal(strchr(nl + 1, '\n'), "\n");
	free(out);
}

static void debug_level_shows_everything(void **state)
{
	(void)state;
	struct fx_capture c;
	log_set_level(LOG_DEBUG);
	assert_int_equal(fx_capture_begin(&c), 0);
	log_msg(LOG_DEBUG, "detail", "d");
	char *out = fx_capture_end(&c);
	assert_non_null(strstr(out, "\"level\":\"debug\",\"event\":\"detail\""));
	free(out);
}

static void fields_are_typed(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	struct buf b;
	buf_init(&b, 4096);
	log_begin(&b, LOG_INFO, "http");
	log_field_str(&b, "path", "/login");
	log_field_str(&b, "user", NULL);
	log_field_i64(&b, "status", 303);
	log_field_i64(&b, "big", -9000000000LL);
	log_field_ms(&b, "ms", 1.23456);
	log_end(&b, LOG_INFO);
	char *out = fx_capture_end(&c);
	assert_null(b.data); /* log_end frees the buffer */
	assert_line(out, ",\"level\":\"info\",\"event\":\"http\",\"path\":\"/login\",\"user\":null,"
			 "\"status\":303,\"big\":-9000000000,\"ms\":1.235}\n");
	free(out);
}

static void values_cannot_break_the_line_or_the_json(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	log_msg(LOG_WARN, "ev\"il", "two\nlines \"quoted\" \\ \x01");
	char *out = fx_capture_end(&c);
	assert_line(out, ",\"level\":\"warn\",\"event\":\"ev\\\"il\",\"msg\":\"two\\nlines \\\"quoted\\\" \\\\ "
			 "\\u0001\"}\n");
	assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
	free(out);
}

static void lines_carry_the_current_request_id_until_cleared(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	log_set_request("0123456789abcdef");
	log_msg(LOG_ERROR, "db.error", "disk full");
	log_set_request(NULL);
	log_msg(LOG_INFO, "stopping", "SIGTERM");
	char *out = fx_capture_end(&c);
	char *second = strchr(out, '\n');
	assert_non_null(second);
	*second++ = '\0';
	assert_non_null(strstr(out, "\"event\":\"db.error\",\"req\":\"0123456789abcdef\",\"msg\""));
	assert_null(strstr(second, "\"req\""));
	free(out);
}

static void overflowing_line_is_dropped_not_truncated(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	struct buf b;
	buf_init(&b, 64);
	log_begin(&b, LOG_ERROR, "too.big");
	log_field_str(&b, "msg", "this value does not fit in sixty-four bytes together with the time");
	log_end(&b, LOG_ERROR);
	char *out = fx_capture_end(&c);
	assert_null(b.data);
	assert_string_equal(out, "");
	free(out);
}

static void unknown_level_is_named_error(void **state)
{
	(void)state;
	struct fx_capture c;
	assert_int_equal(fx_capture_begin(&c), 0);
	log_msg((enum log_level)42, "odd", "x");
	char *out = fx_capture_end(&c);
	assert_non_null(strstr(out, "\"level\":\"error\",\"event\":\"odd\""));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(msg_writes_one_json_line, reset_level),
		cmocka_unit_test_teardown(events_below_the_level_are_not_written, reset_level),
		cmocka_unit_test_teardown(debug_level_shows_everything, reset_level),
		cmocka_unit_test_teardown(fields_are_typed, reset_level),
		cmocka_unit_test_teardown(values_cannot_break_the_line_or_the_json, reset_level),
		cmocka_unit_test_teardown(lines_carry_the_current_request_id_until_cleared, reset_level),
		cmocka_unit_test_teardown(overflowing_line_is_dropped_not_truncated, reset_level),
		cmocka_unit_test_teardown(unknown_level_is_named_error, reset_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
