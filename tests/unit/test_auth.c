/*
 * test_auth.c - signing in and out, sessions, CSRF tokens and throttling
 * (src/domain/auth.c) against a store on a temporary file.  Times are
 * chosen by the tests (now_ms arithmetic), never read from the clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/password.h"
#include "fixture.h"

#define PW "violet tram ladder"
#define NOW 1790000000000LL /* 2026-09-21T14:13:20Z */
#define MIN (60 * 1000LL)

static char pw_hash[PASSWORD_HASH_MAX];

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	struct auth_config cfg;
	int64_t alice, dora;
};

static const struct audit_actor from_a = {.request_id = "r1", .client = "10.0.0.1"};
static const struct audit_actor from_b = {.request_id = "r2", .client = "10.0.0.2"};

static int group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	return password_hash(PW, pw_hash) == CP_OK ? 0 : -1;
}

static int64_t add_user(struct store_conn *c, const char *username, bool disabled)
{
	struct store_user u = {.username = username, .display_name = "Someone", .role = "key_worker",
			       .password_hash = pw_hash, .disabled = disabled, .created_ms = 1};
	int64_t id = 0;
	assert_int_equal(store_user_insert(c, &u, &id), CP_OK);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	fx_path(f->path, sizeof f->path, f->dir, "auth.db");
	char msg[512];
	if (!f->dir || store_open(f->path, 1, &f->st, msg, sizeof msg))
		return -1;
	f->c = store_acquire(f->st);
	f->a = arena_new(1 << 20);
	auth_config_default(&f->cfg);
	f->cfg.max_failures = 3;
	f->alice = add_user(f->c, "alice", false);
	f->dora = add_user(f->c, "dora", true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t audit_count(struct fx *f, const char *action)
{
	int64_t n = -1;
	assert_int_equal(store_audit_count(f->c, action, &n), CP_OK);
	return n;
}

static int64_t failures_for(struct fx *f, enum store_authfail_key k, const char *key)
{
	int64_t count = -1, nth;
	assert_int_equal(store_authfail_window(f->c, k, key, 0, 0, &count, &nth), CP_OK);
	return count;
}

static bool hex64(const char *t)
{
	if (strlen(t) != 64)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* Finds the reason of the newest audit row with action. */
struct find_reason {
	const char *action;
	char reason[128];
	int64_t user_id, object_id;
	bool found;
};

static int find_reason_cb(void *ctx, const struct store_audit *r)
{
	struct find_reason *fr = ctx;
	if (strcmp(r->action, fr->action) == 0) {
		snprintf(fr->reason, sizeof fr->reason, "%s", r->reason ? r->reason : "(null)");
		fr->user_id = r->user_id;
		fr->object_id = r->object_id;
		fr->found = true;
	}
	return 0;
}

static struct find_reason last_audit(struct fx *f, const char *action)
{
	struct find_reason fr = {.action = action};
	assert_int_equal(store_audit_walk(f->c, find_reason_cb, &fr), CP_OK);
	assert_true(fr.found);
	return fr;
}

/* Sessions whose stored key is the token itself (hex or raw): must be none. */
static int64_t raw_count_sessions_with_token(struct fx *f, const char *token)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM session WHERE lower(hex(token_hash)) = '%s' OR token_hash = '%s'", token,
		 token);
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* One integer from sql on the file. */
static int64_t raw_count(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Runs sql on the file with a connection of its own. */
static void raw_exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* ---- signing in --------------------------------------------------------------- */

static void right_password_starts_a_session(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_authfail_add(f->c, NOW - MIN, "alice", "10.0.0.9"), CP_OK);
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, NOW, &out), CP_OK);
	assert_true(hex64(out.token));
	assert_int_equal(out.user.id, f->alice);
	assert_string_equal(out.user.username, "alice");
	assert_string_equal(out.user.role, "key_worker");
	assert_null(out.user.password_hash);

	/* Only the token's hash is stored. */
	unsigned char h[STORE_HASH_LEN];
	auth_token_hash(out.token, h);
	struct store_session s;
	assert_int_equal(store_session_get(f->c, h, &s), CP_OK);
	assert_int_equal(s.user_id, f->alice);
	assert_int_equal(s.created_ms, NOW);
	assert_int_equal(s.last_seen_ms, NOW);
	assert_true(hex64(s.csrf));
	assert_int_equal(raw_count_sessions_with_token(f, out.token), 0);

	struct store_user u;
	assert_int_equal(store_user_by_id(f->c, f->a, f->alice, &u), CP_OK);
	assert_int_equal(u.last_signin_ms, NOW);
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_USERNAME, "alice"), 0);
	assert_int_equal(audit_count(f, "signin"), 1);
	struct find_reason fr = last_audit(f, "signin");
	assert_int_equal(fr.user_id, f->alice);
	assert_int_equal(fr.object_id, f->alice);
}

static void wrong_password_is_refused_and_recorded(void **state)
{
	struct fx *f = *state;
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", "violet tram ladders", &from_a, NOW, &out),
			 CP_EFORBIDDEN);
	assert_string_equal(out.token, "");
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_USERNAME, "alice"), 1);
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_ADDR, "10.0.0.1"), 1);
	assert_int_equal(audit_count(f, "signin"), 0);
	assert_int_equal(audit_count(f, "signin.failed"), 1);
	struct find_reason fr = last_audit(f, "signin.failed");
	assert_string_equal(fr.reason, "wrong password");
	assert_int_equal(fr.object_id, f->alice);
	assert_int_equal(raw_count(f, "SELECT count(*) FROM session"), 0);
}

static void unknown_user_gets_the_same_answer(void **state)
{
	struct fx *f = *state;
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "mallory", PW, &from_a, NOW, &out), CP_EFORBIDDEN);
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_USERNAME, "mallory"), 1);
	struct find_reason fr = last_audit(f, "signin.failed");
	assert_string_equal(fr.reason, "unknown username");
	assert_int_equal(fr.object_id, 0);
	assert_int_equal(fr.user_id, 0);
}

static void disabled_account_gets_the_same_answer(void **state)
{
	struct fx *f = *state;
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "dora", PW, &from_a, NOW, &out), CP_EFORBIDDEN);
	struct find_reason fr = last_audit(f, "signin.failed");
	assert_string_equal(fr.reason, "account disabled");
	assert_int_equal(raw_count(f, "SELECT count(*) FROM session"), 0);
}

/* ---- throttling ---------------------------------------------------------------- */

static void max_failures_for_a_username_lock_it_until_the_oldest_leaves(void **state)
{
	struct fx *f = *state;
	/* Three failures (the maximum) from different addresses in the window. */
	assert_int_equal(store_authfail_add(f->c, NOW - 10 * MIN, "alice", "10.1.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, NOW - 5 * MIN, "alice", "10.1.0.2"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, NOW - 1 * MIN, "alice", "10.1.0.3"), CP_OK);
	struct auth_signin out;
	/* Even the right password is not checked. */
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, NOW, &out), CP_ELOCKED);
	assert_int_equal(out.retry_at_ms, NOW - 10 * MIN + f->cfg.window_ms);
	assert_string_equal(out.token, "");
	assert_int_equal(audit_count(f, "signin.throttled"), 1);
	struct find_reason fr = last_audit(f, "signin.throttled");
	assert_string_equal(fr.reason, "too many failed sign-ins for this username");
	/* A refusal is not a failure: it does not push the window on. */
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_USERNAME, "alice"), 3);

	/* One millisecond before retry_at: still locked, same answer. */
	int64_t at = out.retry_at_ms;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, at - 1, &out), CP_ELOCKED);
	assert_int_equal(out.retry_at_ms, at);
	/* At retry_at the oldest failure has left the window. */
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, at, &out), CP_OK);
}

static void retry_at_waits_for_enough_failures_to_leave(void **state)
{
	struct fx *f = *state;
	/* Five failures with a maximum of three: two more must leave after the
	 * oldest before the count drops below the maximum. */
	const int64_t ago[5] = {14, 12, 9, 4, 2};
	for (int i = 0; i < 5; i++)
		assert_int_equal(store_authfail_add(f->c, NOW - ago[i] * MIN, "alice", "10.1.0.1"), CP_OK);
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_b, NOW, &out), CP_ELOCKED);
	assert_int_equal(out.retry_at_ms, NOW - 9 * MIN + f->cfg.window_ms);
}

static void failures_older_than_the_window_do_not_count(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 5; i++)
		assert_int_equal(store_authfail_add(f->c, NOW - f->cfg.window_ms - i, "alice", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, NOW - MIN, "alice", "10.0.0.1"), CP_OK);
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, NOW, &out), CP_OK);
}

static void max_failures_from_an_address_lock_it_for_every_username(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_authfail_add(f->c, NOW - 3 * MIN, "bob", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, NOW - 2 * MIN, "carol", "10.0.0.1"), CP_OK);
	assert_int_equal(store_authfail_add(f->c, NOW - 1 * MIN, "dave", "10.0.0.1"), CP_OK);
	struct auth_signin out;
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, NOW, &out), CP_ELOCKED);
	assert_int_equal(out.retry_at_ms, NOW - 3 * MIN + f->cfg.window_ms);
	struct find_reason fr = last_audit(f, "signin.throttled");
	assert_string_equal(fr.reason, "too many failed sign-ins from this address");
	/* The same user from elsewhere is not held up. */
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_b, NOW, &out), CP_OK);
}

static void failures_below_the_maximum_do_not_lock(void **state)
{
	struct fx *f = *state;
	struct auth_signin out;
	for (int i = 0; i < 2; i++)
		assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", "wrong wrong wrong", &from_a, NOW + i, &out),
				 CP_EFORBIDDEN);
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, NOW + 2, &out), CP_OK);
	/* Signing in forgets the username's failures as far as the username is
	 * concerned; they still count against the address they came from, so
	 * signing in to one's own account between guesses at others does not
	 * reset the address's count. */
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_USERNAME, "alice"), 0);
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_ADDR, "10.0.0.1"), 2);
	/* One more guess from the address (at bob) reaches the maximum of 3:
	 * the address is locked, even for alice's right password. */
	assert_int_equal(store_authfail_add(f->c, NOW, "bob", "10.0.0.1"), CP_OK);
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_ADDR, "10.0.0.1"), 3);
	assert_int_equal(failures_for(f, STORE_AUTHFAIL_USERNAME, "bob"), 1);
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, NOW + 3, &out), CP_ELOCKED);
}

/* ---- sessions ------------------------------------------------------------------ */

static void signed_in(struct fx *f, int64_t at, struct auth_signin *out)
{
	assert_int_equal(auth_sign_in(f->c, f->a, &f->cfg, "alice", PW, &from_a, at, out), CP_OK);
}

static void session_is_found_by_its_token(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 1000, &s), CP_OK);
	assert_int_equal(s.user.id, f->alice);
	assert_string_equal(s.user.username, "alice");
	assert_null(s.user.password_hash);
	assert_int_equal(s.created_ms, NOW);
	assert_true(hex64(s.csrf));
	unsigned char h[STORE_HASH_LEN];
	auth_token_hash(in.token, h);
	assert_memory_equal(s.token_hash, h, STORE_HASH_LEN);
	struct store_session st;
	assert_int_equal(store_session_get(f->c, h, &st), CP_OK);
	assert_string_equal(s.csrf, st.csrf);
}

static void idle_session_ends_after_idle_ms(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	int64_t idle = f->cfg.idle_ms;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + idle - 1, &s), CP_OK);
	/* That request refreshed the idle timer. */
	int64_t seen = NOW + idle - 1;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, seen + idle - 1, &s), CP_OK);
	seen += idle - 1;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, seen + idle, &s), CP_ENOTFOUND);
	/* An ended session is deleted, not just refused. */
	assert_int_equal(store_session_get(f->c, s.token_hash, &(struct store_session){0}), CP_ENOTFOUND);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, seen + 1, &s), CP_ENOTFOUND);
}

static void session_ends_exactly_at_idle_ms(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + f->cfg.idle_ms, &s), CP_ENOTFOUND);
}

static void busy_session_still_ends_after_lifetime_ms(void **state)
{
	struct fx *f = *state;
	f->cfg.idle_ms = 10 * MIN;
	f->cfg.lifetime_ms = 30 * MIN;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	for (int64_t t = NOW + 9 * MIN; t < NOW + 30 * MIN; t += 9 * MIN)
		assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, t, &s), CP_OK);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 30 * MIN - 1, &s), CP_OK);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 30 * MIN, &s), CP_ENOTFOUND);
}

static void idle_timer_is_refreshed_only_after_some_slack(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	struct store_session st;
	unsigned char h[STORE_HASH_LEN];
	auth_token_hash(in.token, h);
	/* Default idle 30 min: slack is min(idle / 8, 30 s) = 30 s. */
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 29999, &s), CP_OK);
	assert_int_equal(store_session_get(f->c, h, &st), CP_OK);
	assert_int_equal(st.last_seen_ms, NOW);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 30000, &s), CP_OK);
	assert_int_equal(store_session_get(f->c, h, &st), CP_OK);
	assert_int_equal(st.last_seen_ms, NOW + 30000);
}

static void malformed_or_unknown_tokens_find_nothing(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	char upper[65], short_one[64], other[65];
	for (int i = 0; i < 65; i++)
		upper[i] = (char)(in.token[i] >= 'a' && in.token[i] <= 'f' ? in.token[i] - 32 : in.token[i]);
	memcpy(short_one, in.token, 63);
	short_one[63] = '\0';
	auth_random_token(other);
	const char *bad[] = {NULL, "", short_one, upper, other,
			     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, bad[i], NOW + 1, &s), CP_ENOTFOUND);
	if (strcmp(upper, in.token) != 0) /* had letters: must not match */
		assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, upper, NOW + 1, &s), CP_ENOTFOUND);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 1, &s), CP_OK);
}

static void disabling_a_user_ends_their_sessions(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	raw_exec(f, "UPDATE users SET disabled = 1 WHERE username = 'alice'");
	struct auth_session s;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 1, &s), CP_ENOTFOUND);
	assert_int_equal(raw_count(f, "SELECT count(*) FROM session"), 0);
}

static void sign_out_ends_the_session_and_is_audited(void **state)
{
	struct fx *f = *state;
	struct auth_signin in;
	signed_in(f, NOW, &in);
	struct auth_session s;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 1, &s), CP_OK);
	struct audit_actor me = from_a;
	me.user_id = s.user.id;
	me.role = s.user.role;
	assert_int_equal(auth_sign_out(f->c, &s, &me, NOW + 2), CP_OK);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, in.token, NOW + 3, &s), CP_ENOTFOUND);
	assert_int_equal(audit_count(f, "signout"), 1);
	struct find_reason fr = last_audit(f, "signout");
	assert_int_equal(fr.user_id, f->alice);
	/* Signing out twice is harmless. */
	assert_int_equal(auth_sign_out(f->c, &s, &me, NOW + 4), CP_OK);
}

static void each_sign_in_gets_its_own_session_and_csrf(void **state)
{
	struct fx *f = *state;
	struct auth_signin a1, a2;
	signed_in(f, NOW, &a1);
	signed_in(f, NOW + 1, &a2);
	assert_string_not_equal(a1.token, a2.token);
	struct auth_session s1, s2;
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, a1.token, NOW + 2, &s1), CP_OK);
	assert_int_equal(auth_session_get(f->c, f->a, &f->cfg, a2.token, NOW + 2, &s2), CP_OK);
	assert_string_not_equal(s1.csrf, s2.csrf);
	assert_string_not_equal(s1.csrf, a1.token);
}

/* ---- tokens ----------------------------------------------------------------------- */

static void random_tokens_are_64_lower_hex_and_differ(void **state)
{
	(void)state;
	char a[AUTH_TOKEN_HEX + 1], b[AUTH_TOKEN_HEX + 1];
	auth_random_token(a);
	auth_random_token(b);
	assert_true(hex64(a));
	assert_true(hex64(b));
	assert_string_not_equal(a, b);
}

static void token_hash_is_sha256_of_the_text(void **state)
{
	(void)state;
	unsigned char h[STORE_HASH_LEN];
	auth_token_hash("abc", h);
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void csrf_tokens_compare_equal_only_when_identical(void **state)
{
	(void)state;
	char t[AUTH_TOKEN_HEX + 1], u[AUTH_TOKEN_HEX + 1];
	auth_random_token(t);
	memcpy(u, t, sizeof u);
	assert_true(auth_token_equal(t, u));
	u[63] = u[63] == 'a' ? 'b' : 'a';
	assert_false(auth_token_equal(t, u));
	u[63] = t[63];
	u[0] = u[0] == 'a' ? 'b' : 'a';
	assert_false(auth_token_equal(t, u));
	assert_false(auth_token_equal(t, "abc"));
	assert_false(auth_token_equal("abc", t));
	char longer[AUTH_TOKEN_HEX + 2];
	snprintf(longer, sizeof longer, "%sa", t);
	assert_false(auth_token_equal(t, longer));
	/* Two empty tokens are not a match: a missing token never passes. */
	assert_false(auth_token_equal("", ""));
}

static void defaults_are_as_documented(void **state)
{
	(void)state;
	struct auth_config c;
	auth_config_default(&c);
	assert_int_equal(c.idle_ms, 30 * MIN);
	assert_int_equal(c.lifetime_ms, 12 * 60 * MIN);
	assert_int_equal(c.max_failures, 10);
	assert_int_equal(c.window_ms, 15 * MIN);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(right_password_starts_a_session),
		T(wrong_password_is_refused_and_recorded),
		T(unknown_user_gets_the_same_answer),
		T(disabled_account_gets_the_same_answer),
		T(max_failures_for_a_username_lock_it_until_the_oldest_leaves),
		T(retry_at_waits_for_enough_failures_to_leave),
		T(failures_older_than_the_window_do_not_count),
		T(max_failures_from_an_address_lock_it_for_every_username),
		T(failures_below_the_maximum_do_not_lock),
		T(session_is_found_by_its_token),
		T(idle_session_ends_after_idle_ms),
		T(session_ends_exactly_at_idle_ms),
		T(busy_session_still_ends_after_lifetime_ms),
		T(idle_timer_is_refreshed_only_after_some_slack),
		T(malformed_or_unknown_tokens_find_nothing),
		T(disabling_a_user_ends_their_sessions),
		T(sign_out_ends_the_session_and_is_audited),
		T(each_sign_in_gets_its_own_session_and_csrf),
		cmocka_unit_test(random_tokens_are_64_lower_hex_and_differ),
		cmocka_unit_test(token_hash_is_sha256_of_the_text),
		cmocka_unit_test(csrf_tokens_compare_equal_only_when_identical),
		cmocka_unit_test(defaults_are_as_documented),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
