/* password.c - password policy and argon2id hashing. */
#include "password.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../util/str.h"

/* argon2id cost: OWASP's minimum is 19 MiB and 2 passes; we use 19 MiB x 2. */
#define PW_OPSLIMIT 2ULL
#define PW_MEMLIMIT (19u * 1024u * 1024u)

static const char *const common[] = {
#define PW(s) s,
#include "common_passwords.def"
#undef PW
};

/* Lower-cases ASCII letters of s into out (n bytes). */
static void lower(char *out, size_t n, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

static bool is_run(const char *s)
{
	size_t n = strlen(s);
	if (n < 2)
		return false;
	bool same = true, up = true, down = true;
	for (size_t i = 1; i < n; i++) {
		/* s[0..n) is initialised (n = strlen(s)); the analyzer does not tie
		 * strlen() to what lower() wrote, and calls s[0] garbage. */
		/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
		same &= s[i] == s[0];
		up &= s[i] == s[i - 1] + 1;
		down &= s[i] == s[i - 1] - 1;
	}
	return same || up || down;
}

bool password_is_common(const char *pw)
{
	char lo[PASSWORD_MAX_BYTES + 1];
	lower(lo, sizeof lo, pw);
	if (is_run(lo))
		return true;
	/* The stem: drop trailing digits and punctuation ("Summer2024!" -> "summer"). */
	char stem[sizeof lo];
	memcpy(stem, lo, sizeof stem);
	size_t n = strlen(stem);
	while (n > 0 && (isdigit((unsigned char)stem[n - 1]) || ispunct((unsigned char)stem[n - 1])))
		stem[--n] = '\0';
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++) {
		if (strcmp(lo, common[i]) == 0 || (n > 0 && strcmp(stem, common[i]) == 0))
			return true;
	}
	return n == 0; /* nothing but digits and punctuation */
}

enum cp_err password_check(const char *pw, const char *username, char *msg, size_t msgn)
{
	size_t bytes = strlen(pw);
	if (bytes > PASSWORD_MAX_BYTES) {
		snprintf(msg, msgn, "Password must be at most %d bytes long", PASSWORD_MAX_BYTES);
		return CP_EINVAL;
	}
	if (!utf8_text_valid(pw, bytes)) {
		snprintf(msg, msgn, "Password contains characters that cannot be used");
		return CP_EINVAL;
	}
	if (utf8_count(pw, bytes) < PASSWORD_MIN_LEN) {
		snprintf(msg, msgn, "Password must be at least %d characters long", PASSWORD_MIN_LEN);
		return CP_EINVAL;
	}
	if (password_is_common(pw)) {
		snprintf(msg, msgn, "Password is too common and easy to guess: choose another, such as three unrelated words");
		return CP_EINVAL;
	}
	if (username && *username) {
		char lu[PASSWORD_MAX_BYTES + 1], lp[PASSWORD_MAX_BYTES + 1];
		lower(lu, sizeof lu, username);
		lower(lp, sizeof lp, pw);
		if (strstr(lp, lu)) {
			snprintf(msg, msgn, "Password must not contain the username");
			return CP_EINVAL;
		}
	}
	return CP_OK;
}

enum cp_err password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return CP_ENOMEM;
	return CP_OK;
}

bool password_verify(const char *hash, const char *pw)
{
	if (!hash || !pw)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	if (password_hash("careplan-dummy-password-for-timing", dummy_hash) != CP_OK)
		dummy_hash[0] = '\0';
}

void password_verify_dummy(const char *pw)
{
	pthread_once(&dummy_once, dummy_make);
	if (dummy_hash[0])
		(void)password_verify(dummy_hash, pw);
}
