/*
 * auth.h - signing in and out, sessions, CSRF tokens and throttling.
 *
 * A session token is 32 random bytes (256 bits) sent to the browser as 64 hex
 * characters; the database keeps only its SHA-256, so a copy of the database
 * does not let anyone sign in.  Each session has its own CSRF token.
 * Sessions end after idle_ms without a request or lifetime_ms after sign-in,
 * whichever comes first.
 *
 * Throttling: once max_failures sign-ins have failed within window_ms for a
 * username or for a client address, further attempts for it are refused
 * (without checking the password) until the oldest of those failures leaves
 * the window.  Every failure and refusal is audited.
 */
#ifndef CP_AUTH_H
#define CP_AUTH_H

#include <stdint.h>

#include "../store/store.h"
#include "audit.h"

#define AUTH_TOKEN_HEX 64 /* characters of a session or CSRF token */

struct auth_config {
	int64_t idle_ms;     /* default 30 minutes */
	int64_t lifetime_ms; /* default 12 hours */
	int64_t max_failures; /* default 10 */
	int64_t window_ms;   /* default 15 minutes */
};

/* The defaults above. */
void auth_config_default(struct auth_config *cfg);

struct auth_signin {
	char token[AUTH_TOKEN_HEX + 1]; /* the new session's cookie value */
	struct store_user user;         /* strings in the caller's arena */
	int64_t retry_at_ms;            /* with CP_ELOCKED: when to try again */
};

/* Checks username and password and starts a session.
 *   CP_OK          signed in; out->token and out->user are set.
 *   CP_EFORBIDDEN  wrong username or password, or account disabled (one
 *                  answer for all, so usernames cannot be probed).
 *   CP_ELOCKED     throttled; out->retry_at_ms says until when.
 *   CP_EDB, CP_ENOMEM on failure.
 * who->client must be set (the client address). */
enum cp_err auth_sign_in(struct store_conn *c, struct arena *a, const struct auth_config *cfg,
			 const char *username, const char *password, const struct audit_actor *who,
			 int64_t now_ms, struct auth_signin *out);

struct auth_session {
	unsigned char token_hash[STORE_HASH_LEN];
	char csrf[AUTH_TOKEN_HEX + 1];
	int64_t created_ms;
	struct store_user user; /* strings in the caller's arena */
};

/* Finds the live session for a cookie token and its user, refreshing its idle
 * timer.  CP_ENOTFOUND for an unknown, malformed or expired token (an expired
 * one is deleted) or a disabled user. */
enum cp_err auth_session_get(struct store_conn *c, struct arena *a, const struct auth_config *cfg,
			     const char *token, int64_t now_ms, struct auth_session *out);

/* Ends the session (idempotent) and audits it. */
enum cp_err auth_sign_out(struct store_conn *c, const struct auth_session *s, const struct audit_actor *who,
			  int64_t now_ms);

/* 32 random bytes as 64 hex characters into out (65 bytes). */
void auth_random_token(char out[AUTH_TOKEN_HEX + 1]);

/* SHA-256 of a token string. */
void auth_token_hash(const char *token, unsigned char out[STORE_HASH_LEN]);

/* Constant-time comparison of two NUL-terminated tokens. */
bool auth_token_equal(const char *a, const char *b);

#endif
