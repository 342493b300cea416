/* test_conf.c - "key = value" configuration files (src/util/conf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "util/conf.h"

/* Collects settings as "key=value;" into text. */
struct seen {
	char text[4096];
	int calls;
	const char *refuse_key; /* the callback refuses this key */
};

static int collect(void *ctx, const char *key, const char *value, char *msg, size_t msgn)
{
	struct seen *s = ctx;
	s->calls++;
	if (s->refuse_key && strcmp(key, s->refuse_key) == 0) {
		snprintf(msg, msgn, "%s must be a number", key);
		return 1;
	}
	size_t n = strlen(s->text);
	snprintf(s->text + n, sizeof s->text - n, "%s=%s;", key, value);
	return 0;
}

static enum cp_err parse(const char *text, struct seen *s, char *msg, size_t msgn)
{
	msg[0] = '\0';
	return conf_parse(text, strlen(text), collect, s, msg, msgn);
}

static void keys_and_values_are_trimmed(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("  db =  var/x.db  \n\tlisten\t=\t127.0.0.1:8080\t\n", &s, msg, sizeof msg), CP_OK);
	assert_string_equal(s.text, "db=var/x.db;listen=127.0.0.1:8080;");
}

static void comments_and_blank_lines_are_ignored(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("# a comment\n\n   \n  # indented comment = not a setting\nthreads = 4\n", &s, msg,
			       sizeof msg),
			 CP_OK);
	assert_string_equal(s.text, "threads=4;");
	assert_int_equal(s.calls, 1);
}

static void crlf_line_ends_and_a_missing_last_newline_are_accepted(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("a = 1\r\nb = 2", &s, msg, sizeof msg), CP_OK);
	assert_string_equal(s.text, "a=1;b=2;");
}

static void double_quotes_around_a_value_are_removed(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("a = \" spaced value \"\nb = \"\"\nc = \"half\nd = x\"\n", &s, msg, sizeof msg), CP_OK);
	assert_string_equal(s.text, "a= spaced value ;b=;c=\"half;d=x\";");
}

static void value_may_be_empty_or_hold_equals_and_hashes(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("a =\nb = x=y\nc = p # q\n", &s, msg, sizeof msg), CP_OK);
	assert_string_equal(s.text, "a=;b=x=y;c=p # q;");
}

static void line_without_equals_is_refused_with_its_number(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("a = 1\n\njust words\n", &s, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "line 3: expected \"key = value\"");
}

static void empty_key_is_refused(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse("  = value\n", &s, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "line 1: the key before '=' is empty");
	assert_int_equal(s.calls, 0);
}

static void overlong_line_is_refused(void **state)
{
	(void)state;
	static char text[2100];
	memcpy(text, "k = ", 4);
	memset(text + 4, 'v', 1020); /* 1024 characters in all */
	text[1024] = '\0';
	struct seen s = {0};
	char msg[256];
	assert_int_equal(parse(text, &s, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "line 1: longer than 1024 characters");
	text[1023] = '\0'; /* 1023 fits */
	assert_int_equal(parse(text, &s, msg, sizeof msg), CP_OK);
	assert_int_equal(s.calls, 1);
}

static void callback_refusal_stops_with_its_message(void **state)
{
	(void)state;
	struct seen s = {.refuse_key = "threads"};
	char msg[256];
	assert_int_equal(parse("db = x\nthreads = many\nlisten = :1\n", &s, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "line 2: threads must be a number");
	assert_int_equal(s.calls, 2); /* nothing after the refusal */
}

static void empty_text_is_fine(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[256];
	assert_int_equal(conf_parse("", 0, collect, &s, msg, sizeof msg), CP_OK);
	assert_int_equal(s.calls, 0);
}

static void load_reads_a_file(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	assert_non_null(dir);
	const char *text = "db = a.db\nthreads = 2\n";
	assert_int_equal(fx_write(dir, "c.conf", text, strlen(text)), 0);
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "c.conf");
	struct seen s = {0};
	assert_int_equal(conf_load(path, collect, &s, msg, sizeof msg), CP_OK);
	assert_string_equal(s.text, "db=a.db;threads=2;");
	fx_rmdir(dir);
}

static void load_of_a_missing_file_names_it(void **state)
{
	(void)state;
	struct seen s = {0};
	char msg[512] = "";
	assert_int_equal(conf_load("/nonexistent/careplan.conf", collect, &s, msg, sizeof msg), CP_EIO);
	assert_non_null(strstr(msg, "/nonexistent/careplan.conf"));
}

static void load_refuses_a_file_over_64k(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	size_t n = 64 * 1024 + 1;
	char *big = malloc(n);
	memset(big, '#', n);
	assert_int_equal(fx_write(dir, "big.conf", big, n), 0);
	free(big);
	char path[600], msg[512] = "";
	fx_path(path, sizeof path, dir, "big.conf");
	struct seen s = {0};
	assert_int_equal(conf_load(path, collect, &s, msg, sizeof msg), CP_ETOOBIG);
	assert_non_null(strstr(msg, "larger than 65536 bytes"));
	fx_rmdir(dir);
}

static void load_prefixes_parse_errors_with_the_file(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	const char *text = "db = a.db\nnonsense\n";
	assert_int_equal(fx_write(dir, "c.conf", text, strlen(text)), 0);
	char path[600], msg[1024] = "", want[1024];
	fx_path(path, sizeof path, dir, "c.conf");
	struct seen s = {0};
	assert_int_equal(conf_load(path, collect, &s, msg, sizeof msg), CP_EINVAL);
	snprintf(want, sizeof want, "config file %s, line 2: expected \"key = value\"", path);
	assert_string_equal(msg, want);
	fx_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_and_values_are_trimmed),
		cmocka_unit_test(comments_and_blank_lines_are_ignored),
		cmocka_unit_test(crlf_line_ends_and_a_missing_last_newline_are_accepted),
		cmocka_unit_test(double_quotes_around_a_value_are_removed),
		cmocka_unit_test(value_may_be_empty_or_hold_equals_and_hashes),
		cmocka_unit_test(line_without_equals_is_refused_with_its_number),
		cmocka_unit_test(empty_key_is_refused),
		cmocka_unit_test(overlong_line_is_refused),
		cmocka_unit_test(callback_refusal_stops_with_its_message),
		cmocka_unit_test(empty_text_is_fine),
		cmocka_unit_test(load_reads_a_file),
		cmocka_unit_test(load_of_a_missing_file_names_it),
		cmocka_unit_test(load_refuses_a_file_over_64k),
		cmocka_unit_test(load_prefixes_parse_errors_with_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
