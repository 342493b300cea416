/* test_str.c - UTF-8, URL decoding and number parsing (src/util/str.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "util/str.c"

#define U(s) ((const unsigned char *)(s))

static void seq_len_accepts_each_well_formed_length(void **state)
{
	(void)state;
	assert_int_equal(utf8_seq_len(U("A"), 1), 1);
	assert_int_equal(utf8_seq_len(U("\xC2\x80"), 2), 2);           /* U+0080 */
	assert_int_equal(utf8_seq_len(U("\xDF\xBF"), 2), 2);           /* U+07FF */
	assert_int_equal(utf8_seq_len(U("\xE0\xA0\x80"), 3), 3);       /* U+0800 */
	assert_int_equal(utf8_seq_len(U("\xED\x9F\xBF"), 3), 3);       /* U+D7FF */
	assert_int_equal(utf8_seq_len(U("\xEE\x80\x80"), 3), 3);       /* U+E000 */
	assert_int_equal(utf8_seq_len(U("\xEF\xBF\xBF"), 3), 3);       /* U+FFFF */
	assert_int_equal(utf8_seq_len(U("\xF0\x90\x80\x80"), 4), 4);   /* U+10000 */
	assert_int_equal(utf8_seq_len(U("\xF4\x8F\xBF\xBF"), 4), 4);   /* U+10FFFF */
}

static void seq_len_rejects_malformed_sequences(void **state)
{
	(void)state;
	assert_int_equal(utf8_seq_len(U(""), 0), 0);
	assert_int_equal(utf8_seq_len(U("\x80"), 1), 0);              /* lone continuation */
	assert_int_equal(utf8_seq_len(U("\xC0\xAF"), 2), 0);          /* overlong '/' */
	assert_int_equal(utf8_seq_len(U("\xC1\xBF"), 2), 0);          /* overlong */
	assert_int_equal(utf8_seq_len(U("\xE0\x9F\xBF"), 3), 0);      /* overlong 3-byte */
	assert_int_equal(utf8_seq_len(U("\xF0\x8F\xBF\xBF"), 4), 0);  /* overlong 4-byte */
	assert_int_equal(utf8_seq_len(U("\xED\xA0\x80"), 3), 0);      /* surrogate U+D800 */
	assert_int_equal(utf8_seq_len(U("\xED\xBF\xBF"), 3), 0);      /* surrogate U+DFFF */
	assert_int_equal(utf8_seq_len(U("\xF4\x90\x80\x80"), 4), 0);  /* U+110000 */
	assert_int_equal(utf8_seq_len(U("\xF5\x80\x80\x80"), 4), 0);
	assert_int_equal(utf8_seq_len(U("\xFF"), 1), 0);
	assert_int_equal(utf8_seq_len(U("\xE2\x82\xAC"), 2), 0);      /* truncated by n */
	assert_int_equal(utf8_seq_len(U("\xE2\x28\xAC"), 3), 0);      /* bad continuation */
}

static void text_valid_allows_tab_lf_cr_and_refuses_other_controls(void **state)
{
	(void)state;
	assert_true(utf8_text_valid("", 0));
	assert_true(utf8_text_valid("a\tb\nc\r\n", 7));
	assert_true(utf8_text_valid("Zo\xC3\xAB \xE2\x82\xAC", 8));
	assert_false(utf8_text_valid("a\0b", 3));
	assert_false(utf8_text_valid("a\x01", 2));
	assert_false(utf8_text_valid("a\x1b[0m", 5));
	assert_false(utf8_text_valid("a\x7f", 2));
	assert_false(utf8_text_valid("a\xC3", 2));
	/* Only the first n bytes count. */
	assert_true(utf8_text_valid("ok\x01", 2));
}

static void count_counts_code_points_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count("abc", 3), 3);
	assert_int_equal(utf8_count("\xC3\xA9t\xC3\xA9", 5), 3);
	assert_int_equal(utf8_count("\xF0\x9F\x98\x80", 4), 1);
}

static void url_decode_turns_plus_into_space_and_decodes_escapes(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	char *out;
	size_t n;
	const char *in = "a+b%20c%2Bd%2fe%C3%A9";
	assert_int_equal(url_decode(a, in, strlen(in), &out, &n), CP_OK);
	assert_string_equal(out, "a b c+d/e\xC3\xA9");
	assert_int_equal(n, strlen("a b c+d/e\xC3\xA9"));
	assert_int_equal(url_decode(a, "", 0, &out, &n), CP_OK);
	assert_string_equal(out, "");
	assert_int_equal(n, 0);
	arena_free(a);
}

static void url_decode_keeps_nul_bytes_counted(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	char *out;
	size_t n;
	assert_int_equal(url_decode(a, "a%00b", 5, &out, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_memory_equal(out, "a\0b", 3);
	arena_free(a);
}

static void url_decode_refuses_bad_or_truncated_escapes(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	char *out = NULL;
	size_t n = 0;
	const char *bad[] = {"%", "%2", "a%2", "%zz", "%2g", "%g2", "abc%"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(url_decode(a, bad[i], strlen(bad[i]), &out, &n), CP_EINVAL);
	/* Only the first n bytes are read: "%41" cut to "%4" is truncated. */
	assert_int_equal(url_decode(a, "%41", 2, &out, &n), CP_EINVAL);
	arena_free(a);
}

static void url_decode_reports_a_full_arena(void **state)
{
	(void)state;
	struct arena *a = arena_new(1024);
	static char big[4096];
	memset(big, 'x', sizeof big);
	char *out;
	size_t n;
	assert_int_equal(url_decode(a, big, sizeof big, &out, &n), CP_ENOMEM);
	arena_free(a);
}

static void hexval_reads_both_cases(void **state)
{
	(void)state;
	assert_int_equal(hexval('0'), 0);
	assert_int_equal(hexval('9'), 9);
	assert_int_equal(hexval('a'), 10);
	assert_int_equal(hexval('F'), 15);
	assert_int_equal(hexval('g'), -1);
	assert_int_equal(hexval(' '), -1);
}

static void to_i64_parses_whole_numbers_in_range(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(str_to_i64("0", 0, 10, &v), CP_OK);
	assert_int_equal(v, 0);
	assert_int_equal(str_to_i64("-5", -10, 10, &v), CP_OK);
	assert_int_equal(v, -5);
	assert_int_equal(str_to_i64("007", 0, 10, &v), CP_OK);
	assert_int_equal(v, 7);
	assert_int_equal(str_to_i64("9223372036854775807", 0, INT64_MAX, &v), CP_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(str_to_i64("-9223372036854775808", INT64_MIN, 0, &v), CP_OK);
	assert_true(v == INT64_MIN);
}

static void to_i64_refuses_junk_and_out_of_range(void **state)
{
	(void)state;
	int64_t v = 123;
	const char *bad[] = {"", "-", "+1", " 1", "1 ", "1a", "0x10", "1.0", "--1", "1e3"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(str_to_i64(bad[i], INT64_MIN, INT64_MAX, &v), CP_EINVAL);
	assert_int_equal(str_to_i64(NULL, 0, 1, &v), CP_EINVAL);
	assert_int_equal(str_to_i64("11", 0, 10, &v), CP_EINVAL);
	assert_int_equal(str_to_i64("-1", 0, 10, &v), CP_EINVAL);
	assert_int_equal(str_to_i64("9223372036854775808", INT64_MIN, INT64_MAX, &v), CP_EINVAL);
	assert_int_equal(str_to_i64("99999999999999999999999", INT64_MIN, INT64_MAX, &v), CP_EINVAL);
	assert_int_equal(v, 123); /* untouched on failure */
}

static void starts_matches_prefixes(void **state)
{
	(void)state;
	assert_true(str_starts("/assets/x.css", "/assets/"));
	assert_true(str_starts("abc", ""));
	assert_true(str_starts("abc", "abc"));
	assert_false(str_starts("ab", "abc"));
	assert_false(str_starts("/asset", "/assets/"));
}

static void hex_writes_lower_case_and_terminates(void **state)
{
	(void)state;
	char out[9];
	memset(out, '#', sizeof out);
	const unsigned char in[] = {0xde, 0xad, 0x0b, 0xef};
	str_hex(out, in, sizeof in);
	assert_string_equal(out, "dead0bef");
	str_hex(out, in, 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seq_len_accepts_each_well_formed_length),
		cmocka_unit_test(seq_len_rejects_malformed_sequences),
		cmocka_unit_test(text_valid_allows_tab_lf_cr_and_refuses_other_controls),
		cmocka_unit_test(count_counts_code_points_not_bytes),
		cmocka_unit_test(url_decode_turns_plus_into_space_and_decodes_escapes),
		cmocka_unit_test(url_decode_keeps_nul_bytes_counted),
		cmocka_unit_test(url_decode_refuses_bad_or_truncated_escapes),
		cmocka_unit_test(url_decode_reports_a_full_arena),
		cmocka_unit_test(hexval_reads_both_cases),
		cmocka_unit_test(to_i64_parses_whole_numbers_in_range),
		cmocka_unit_test(to_i64_refuses_junk_and_out_of_range),
		cmocka_unit_test(starts_matches_prefixes),
		cmocka_unit_test(hex_writes_lower_case_and_terminates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
