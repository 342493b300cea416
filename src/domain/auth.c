/* auth.c - sign-in, sessions and throttling. */
#include "auth.h"

#include <sodium.h>
#include <string.h>

#include "../util/str.h"
#include "password.h"
#include "role.h"

void auth_config_default(struct auth_config *cfg)
{
	cfg->idle_ms = 30LL * 60 * 1000;
	cfg->lifetime_ms = 12LL * 60 * 60 * 1000;
	cfg->max_failures = 10;
	cfg->window_ms = 15LL * 60 * 1000;
}

void auth_random_token(char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char b[AUTH_TOKEN_HEX / 2];
	randombytes_buf(b, sizeof b);
	str_hex(out, b, sizeof b);
	sodium_memzero(b, sizeof b);
}

void auth_token_hash(const char *token, unsigned char out[STORE_HASH_LEN])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

bool auth_token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n == 0 || n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

static bool token_well_formed(const char *t)
{
	if (strlen(t) != AUTH_TOKEN_HEX)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* When throttled for (kind, key): CP_ELOCKED with *retry_at. */
static enum cp_err throttled(struct store_conn *c, const struct auth_config *cfg, enum store_authfail_key kind,
			     const char *key, int64_t now_ms, int64_t *retry_at)
{
	/* A failure is in the window while it is younger than window_ms, so the
	 * oldest leaves it, and retry_at (its time + window_ms) is open, exactly
	 * window_ms after it happened. */
	int64_t count = 0, nth = 0, since = now_ms - cfg->window_ms + 1;
	/* The failure whose leaving the window brings the count below the limit is
	 * number (count - max) from the oldest; ask for it once we know count. */
	enum cp_err err = store_authfail_window(c, kind, key, since, 0, &count, &nth);
	if (err)
		return err;
	if (count < cfg->max_failures)
		return CP_OK;
	err = store_authfail_window(c, kind, key, since, count - cfg->max_failures, &count, &nth);
	if (err)
		return err;
	int64_t at = nth + cfg->window_ms;
	if (at > *retry_at)
		*retry_at = at;
	return CP_ELOCKED;
}

static enum cp_err audit_one(struct store_conn *c, const struct audit_actor *who, const char *action,
			     int64_t object_id, const char *reason, int64_t now_ms)
{
	struct audit_event ev = {.action = action, .object_type = "user", .object_id = object_id, .reason = reason};
	return audit_record(c, who, &ev, now_ms);
}

/* Records a failed attempt (and its audit row) in one transaction. */
static enum cp_err record_failure(struct store_conn *c, const char *username, const struct audit_actor *who,
				  int64_t user_id, const char *action, const char *reason, int64_t now_ms)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	if (strcmp(action, "signin.failed") == 0)
		err = store_authfail_add(c, now_ms, username, who->client);
	if (!err)
		err = audit_one(c, who, action, user_id, reason, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

enum cp_err auth_sign_in(struct store_conn *c, struct arena *a, const struct auth_config *cfg,
			 const char *username, const char *password, const struct audit_actor *who,
			 int64_t now_ms, struct auth_signin *out)
{
	memset(out, 0, sizeof *out);
	struct store_user u;
	enum cp_err err = store_user_by_username(c, a, username, &u);
	if (err && err != CP_ENOTFOUND)
		return err;
	bool known = err == CP_OK;
	int64_t uid = known ? u.id : 0;

	int64_t retry_at = 0;
	enum cp_err t1 = throttled(c, cfg, STORE_AUTHFAIL_USERNAME, username, now_ms, &retry_at);
	enum cp_err t2 = throttled(c, cfg, STORE_AUTHFAIL_ADDR, who->client, now_ms, &retry_at);
	if (t1 == CP_ELOCKED || t2 == CP_ELOCKED) {
		out->retry_at_ms = retry_at;
		err = record_failure(c, username, who, uid, "signin.throttled",
				     t1 == CP_ELOCKED ? "too many failed sign-ins for this username"
						      : "too many failed sign-ins from this address",
				     now_ms);
		return err ? err : CP_ELOCKED;
	}
	if (t1 || t2)
		return t1 ? t1 : t2;

	bool ok;
	if (known && !u.disabled) {
		ok = password_verify(u.password_hash, password);
	} else {
		password_verify_dummy(password);
		ok = false;
	}
	if (!ok) {
		const char *why = !known ? "unknown username" : u.disabled ? "account disabled" : "wrong password";
		err = record_failure(c, username, who, uid, "signin.failed", why, now_ms);
		return err ? err : CP_EFORBIDDEN;
	}

	struct store_session s;
	memset(&s, 0, sizeof s);
	auth_random_token(out->token);
	auth_token_hash(out->token, s.token_hash);
	auth_random_token(s.csrf);
	s.user_id = u.id;
	s.created_ms = s.last_seen_ms = now_ms;

	err = store_begin(c);
	if (err)
		return err;
	struct audit_actor me = *who;
	me.user_id = u.id;
	me.role = u.role;
	if (!(err = store_session_insert(c, &s)) && !(err = store_user_set_last_signin(c, u.id, now_ms)) &&
	    !(err = store_authfail_clear_user(c, username)) &&
	    !(err = audit_one(c, &me, "signin", u.id, NULL, now_ms)))
		err = store_commit(c);
	else
		store_rollback(c);
	sodium_memzero(&s, sizeof s);
	if (err) {
		sodium_memzero(out->token, sizeof out->token);
		return err;
	}
	out->user = u;
	out->user.password_hash = NULL;
	return CP_OK;
}

enum cp_err auth_session_get(struct store_conn *c, struct arena *a, const struct auth_config *cfg,
			     const char *token, int64_t now_ms, struct auth_session *out)
{
	memset(out, 0, sizeof *out);
	if (!token || !token_well_formed(token))
		return CP_ENOTFOUND;
	struct store_session s;
	auth_token_hash(token, out->token_hash);
	enum cp_err err = store_session_get(c, out->token_hash, &s);
	if (err)
		return err;
	if (now_ms - s.last_seen_ms >= cfg->idle_ms || now_ms - s.created_ms >= cfg->lifetime_ms) {
		(void)store_session_delete(c, out->token_hash);
		return CP_ENOTFOUND;
	}
	err = store_user_by_id(c, a, s.user_id, &out->user);
	if (err)
		return err;
	if (out->user.disabled) {
		(void)store_session_delete(c, out->token_hash);
		return CP_ENOTFOUND;
	}
	out->user.password_hash = NULL;
	memcpy(out->csrf, s.csrf, sizeof out->csrf);
	out->created_ms = s.created_ms;
	/* Refresh the idle timer, but not on every request: a write per page view
	 * would serialise readers for no gain in precision. */
	int64_t slack = cfg->idle_ms / 8;
	if (slack > 30000)
		slack = 30000;
	if (now_ms - s.last_seen_ms >= slack)
		err = store_session_touch(c, out->token_hash, now_ms);
	return err;
}

enum cp_err auth_sign_out(struct store_conn *c, const struct auth_session *s, const struct audit_actor *who,
			  int64_t now_ms)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	if (!(err = store_session_delete(c, s->token_hash)) &&
	    !(err = audit_one(c, who, "signout", s->user.id, NULL, now_ms)))
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}
