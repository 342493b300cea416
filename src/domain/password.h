/*
 * password.h - the password policy and argon2id hashing (libsodium).
 *
 * Policy: at least PASSWORD_MIN_LEN characters (code points), at most
 * PASSWORD_MAX_BYTES bytes, valid UTF-8, not on the common list, not the
 * username.  Hashes use argon2id with at least 19 MiB of memory and 2 passes;
 * a stored hash made with weaker settings is reported by password_needs_rehash.
 * sodium_init() must have succeeded before any call here.
 */
#ifndef CP_PASSWORD_H
#define CP_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"

#define PASSWORD_MIN_LEN 10
#define PASSWORD_MAX_BYTES 256
#define PASSWORD_HASH_MAX 128 /* bytes of an encoded hash, NUL included */

/* CP_OK when pw may be used by username (may be NULL).  Otherwise CP_EINVAL
 * and msg says why in words for the person choosing it. */
enum cp_err password_check(const char *pw, const char *username, char *msg, size_t msgn);

/* True when pw (lower-cased) is a common password or stem + digits. */
bool password_is_common(const char *pw);

/* Encodes an argon2id hash of pw into out (PASSWORD_HASH_MAX bytes).
 * CP_ENOMEM when the hashing memory cannot be had. */
enum cp_err password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);

/* True when pw matches the encoded hash. */
bool password_verify(const char *hash, const char *pw);

/* Spends the same time as a verification, for unknown usernames, so that
 * response times do not tell which usernames exist. */
void password_verify_dummy(const char *pw);

#endif
