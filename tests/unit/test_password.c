/* test_password.c - the password policy and argon2id hashing
 * (src/domain/password.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/password.c"

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static enum cp_err check(const char *pw, const char *user, char *msg, size_t n)
{
	msg[0] = '\0';
	return password_check(pw, user, msg, n);
}

/* password_verify with the hash in a full-size buffer, as libsodium declares
 * it (crypto_pwhash_STRBYTES); the stored hashes it sees are never shorter
 * than that to the compiler's eye. */
static bool verify(const char *hash, const char *pw)
{
	char full[PASSWORD_HASH_MAX] = "";
	if (!hash)
		return password_verify(NULL, pw);
	snprintf(full, sizeof full, "%s", hash);
	return password_verify(full, pw);
}

static void good_passwords_pass(void **state)
{
	(void)state;
	char msg[256];
	assert_int_equal(check("violet tram ladder", "alice", msg, sizeof msg), CP_OK);
	assert_int_equal(check("Kq7#vL2p!x", NULL, msg, sizeof msg), CP_OK);
	assert_int_equal(check("correcthorse", "", msg, sizeof msg), CP_OK);
}

static void length_is_counted_in_characters_not_bytes(void **state)
{
	(void)state;
	char msg[256];
	/* 9 characters, 13 bytes: too short. */
	assert_int_equal(check("\xC5\xBC\xC3\xB3\xC5\x82wje\xC5\xBCyk", NULL, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Password must be at least 10 characters long");
	/* 10 characters, 14 bytes. */
	assert_int_equal(check("\xC5\xBC\xC3\xB3\xC5\x82wje\xC5\xBCyki", NULL, msg, sizeof msg), CP_OK);
	/* Nine ASCII characters, then ten. */
	assert_int_equal(check("vt-ladd3r", NULL, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(check("vt-ladd3rs", NULL, msg, sizeof msg), CP_OK);
}

static void over_256_bytes_is_refused(void **state)
{
	(void)state;
	char pw[300], msg[256];
	for (size_t i = 0; i < sizeof pw - 1; i++)
		pw[i] = "violet tram ladder "[i % 19];
	pw[256] = '\0';
	assert_int_equal(check(pw, NULL, msg, sizeof msg), CP_OK);
	pw[256] = 'x';
	pw[257] = '\0';
	assert_int_equal(check(pw, NULL, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Password must be at most 256 bytes long");
}

static void invalid_text_is_refused(void **state)
{
	(void)state;
	char msg[256];
	assert_int_equal(check("violet tram \xFF ladder", NULL, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Password contains characters that cannot be used");
	assert_int_equal(check("violet tram\x01ladder", NULL, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(check("violet tram\x1b[0mladder", NULL, msg, sizeof msg), CP_EINVAL);
}

static void common_passwords_are_refused(void **state)
{
	(void)state;
	char msg[256];
	const char *common_ones[] = {
		"qwertyuiop",     /* on the list */
		"QWERTYUIOP",     /* any case */
		"Password2024!",  /* stem + digits + punctuation */
		"password123456", /* stem + digits */
		"Summer2025!!",
		"Welcome1234",
		"p@ssw0rd2024",
		"Liverpool1892",
		"careplan2026",
		"1234567890",     /* on the list, and a run */
		"aaaaaaaaaaaa",   /* one repeated character */
		"abcdefghijkl",   /* a run up */
		"9876543210",     /* a run down */
		"2024202420!!",   /* nothing but digits and punctuation */
		"!!!!????....",
	};
	for (size_t i = 0; i < sizeof common_ones / sizeof common_ones[0]; i++) {
		assert_true(password_is_common(common_ones[i]));
		assert_int_equal(check(common_ones[i], NULL, msg, sizeof msg), CP_EINVAL);
		assert_non_null(strstr(msg, "too common"));
	}
}

static void uncommon_words_with_a_common_part_are_allowed(void **state)
{
	(void)state;
	assert_false(password_is_common("password-forever-tram"));
	assert_false(password_is_common("mysummerhouse7"));
	assert_false(password_is_common("2024summer"));
	assert_false(password_is_common("violet tram ladder"));
}

static void run_detection_needs_the_whole_string(void **state)
{
	(void)state;
	assert_true(is_run("bbbb"));
	assert_true(is_run("wxyz"));
	assert_true(is_run("dcba"));
	assert_false(is_run("a"));
	assert_false(is_run("abd"));
	assert_false(is_run("aab"));
}

static void password_containing_the_username_is_refused(void **state)
{
	(void)state;
	char msg[256];
	assert_int_equal(check("my-ALICE-garden-77", "alice", msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "Password must not contain the username");
	assert_int_equal(check("gp.carter.violet", "GP.Carter", msg, sizeof msg), CP_EINVAL);
	assert_int_equal(check("my-alic-garden-77", "alice", msg, sizeof msg), CP_OK);
}

static void hash_is_argon2id_with_the_documented_cost(void **state)
{
	(void)state;
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("violet tram ladder", h1), CP_OK);
	assert_true(str_starts(h1, "$argon2id$"));
	assert_true(str_starts(h1, "$argon2id$v=19$m=19456,t=2,p=1$"));
	assert_true(strlen(h1) < PASSWORD_HASH_MAX);
	/* A fresh salt each time. */
	assert_int_equal(password_hash("violet tram ladder", h2), CP_OK);
	assert_string_not_equal(h1, h2);
	assert_true(verify(h1, "violet tram ladder"));
	assert_true(verify(h2, "violet tram ladder"));
	assert_false(verify(h1, "violet tram ladde"));
	assert_false(verify(h1, "Violet tram ladder"));
	assert_false(verify(h1, ""));
}

static void verify_refuses_missing_or_malformed_input(void **state)
{
	(void)state;
	assert_false(verify(NULL, "x"));
	assert_false(verify("$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA", NULL));
	assert_false(verify("", "x"));
	assert_false(verify("not a hash at all", "x"));
	assert_false(verify("$2y$10$abcdefghijklmnopqrstuv", "x"));
}

static void dummy_verification_runs_and_keeps_its_hash(void **state)
{
	(void)state;
	password_verify_dummy("anything at all");
	password_verify_dummy("again");
	assert_true(str_starts(dummy_hash, "$argon2id$"));
	assert_true(verify(dummy_hash, "careplan-dummy-password-for-timing"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_passwords_pass),
		cmocka_unit_test(length_is_counted_in_characters_not_bytes),
		cmocka_unit_test(over_256_bytes_is_refused),
		cmocka_unit_test(invalid_text_is_refused),
		cmocka_unit_test(common_passwords_are_refused),
		cmocka_unit_test(uncommon_words_with_a_common_part_are_allowed),
		cmocka_unit_test(run_detection_needs_the_whole_string),
		cmocka_unit_test(password_containing_the_username_is_refused),
		cmocka_unit_test(hash_is_argon2id_with_the_documented_cost),
		cmocka_unit_test(verify_refuses_missing_or_malformed_input),
		cmocka_unit_test(dummy_verification_runs_and_keeps_its_hash),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
