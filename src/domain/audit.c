/* audit.c - hash-chained audit rows and their verification. */
#include "audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Length-prefixed encodings: a string as 4-byte big-endian length then its
 * bytes (NULL as length 0xFFFFFFFF), an integer as 8 bytes big-endian. */
static void put_i64(crypto_hash_sha256_state *h, int64_t v)
{
	unsigned char b[8];
	uint64_t u = (uint64_t)v;
	for (int i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(u & 0xff);
		u >>= 8;
	}
	crypto_hash_sha256_update(h, b, sizeof b);
}

static void put_str(crypto_hash_sha256_state *h, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : 0xFFFFFFFFu;
	unsigned char b[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
			      (unsigned char)n};
	crypto_hash_sha256_update(h, b, sizeof b);
	if (s)
		crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
}

void audit_hash(const struct store_audit *r, unsigned char out[STORE_HASH_LEN])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)"careplan-audit-v1", 17);
	crypto_hash_sha256_update(&h, r->prev_hash, STORE_HASH_LEN);
	put_i64(&h, r->id);
	put_i64(&h, r->time_ms);
	put_i64(&h, r->user_id);
	put_str(&h, r->role);
	put_str(&h, r->action);
	put_str(&h, r->object_type);
	put_i64(&h, r->object_id);
	put_i64(&h, r->person_id);
	put_str(&h, r->reason);
	put_str(&h, r->request_id);
	put_str(&h, r->client);
	crypto_hash_sha256_final(&h, out);
}

enum cp_err audit_record(struct store_conn *c, const struct audit_actor *who, const struct audit_event *ev,
			 int64_t now_ms)
{
	struct store_audit r;
	memset(&r, 0, sizeof r);
	int64_t last_id = 0;
	enum cp_err err = store_audit_head(c, &last_id, r.prev_hash);
	if (err)
		return err;
	r.id = last_id + 1;
	r.time_ms = now_ms;
	r.user_id = who ? who->user_id : 0;
	r.role = who ? who->role : NULL;
	r.request_id = who ? who->request_id : NULL;
	r.client = who ? who->client : NULL;
	r.action = ev->action;
	r.object_type = ev->object_type;
	r.object_id = ev->object_id;
	r.person_id = ev->person_id;
	r.reason = ev->reason;
	audit_hash(&r, r.hash);
	return store_audit_append(c, &r);
}

enum cp_err audit_finish(struct store_conn *c, const struct audit_actor *who, const struct audit_event *ev,
			 int64_t now_ms, enum cp_err err)
{
	if (!err)
		err = audit_record(c, who, ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

struct verify_state {
	struct audit_verify_result *res;
	int64_t expect_id;
	unsigned char prev[STORE_HASH_LEN];
};

static int verify_row(void *ctx, const struct store_audit *r)
{
	struct verify_state *v = ctx;
	struct audit_verify_result *res = v->res;
	res->rows++;
	if (r->id != v->expect_id) {
		/* The first id that is not as written: a missing row's, or the
		 * position an out-of-order row took (never 0, which means "holds"). */
		res->bad_id = v->expect_id;
		snprintf(res->msg, sizeof res->msg,
			 "row %lld: expected row %lld here; rows are missing or were inserted out of order",
			 (long long)r->id, (long long)v->expect_id);
		return 1;
	}
	if (sodium_memcmp(r->prev_hash, v->prev, STORE_HASH_LEN) != 0) {
		res->bad_id = r->id;
		snprintf(res->msg, sizeof res->msg,
			 "row %lld: its link to the previous row is broken; a row before it was changed, "
			 "removed or inserted",
			 (long long)r->id);
		return 1;
	}
	unsigned char h[STORE_HASH_LEN];
	audit_hash(r, h);
	if (sodium_memcmp(h, r->hash, STORE_HASH_LEN) != 0) {
		res->bad_id = r->id;
		snprintf(res->msg, sizeof res->msg, "row %lld: its content was changed after it was written",
			 (long long)r->id);
		return 1;
	}
	memcpy(v->prev, r->hash, STORE_HASH_LEN);
	v->expect_id++;
	return 0;
}

enum cp_err audit_verify(struct store_conn *c, struct audit_verify_result *res)
{
	memset(res, 0, sizeof *res);
	struct verify_state v = {.res = res, .expect_id = 1};
	memset(v.prev, 0, sizeof v.prev);
	enum cp_err err = store_audit_walk(c, verify_row, &v);
	if (err) {
		snprintf(res->msg, sizeof res->msg, "cannot read the audit trail");
		return err;
	}
	if (res->bad_id)
		return CP_ECONFLICT;
	int64_t head_id = 0;
	unsigned char head_hash[STORE_HASH_LEN];
	err = store_audit_head(c, &head_id, head_hash);
	if (err) {
		snprintf(res->msg, sizeof res->msg, "cannot read the audit trail's head");
		return err;
	}
	int64_t last = v.expect_id - 1;
	if (head_id < last) {
		/* Rows past the recorded head were added from outside the program. */
		res->bad_id = head_id + 1;
		snprintf(res->msg, sizeof res->msg,
			 "the trail ends at row %lld but only %lld rows were written; rows were added at the end",
			 (long long)last, (long long)head_id);
		return CP_ECONFLICT;
	}
	if (head_id != last || sodium_memcmp(head_hash, v.prev, STORE_HASH_LEN) != 0) {
		/* Rows were removed from the end (the first missing one), or the
		 * last row was replaced (that row). */
		res->bad_id = head_id == last && last > 0 ? last : last + 1;
		snprintf(res->msg, sizeof res->msg,
			 "the trail ends at row %lld but %lld rows were written; rows at the end were removed "
			 "or changed",
			 (long long)last, (long long)head_id);
		return CP_ECONFLICT;
	}
	snprintf(res->msg, sizeof res->msg, "%lld rows verified; the chain is intact", (long long)res->rows);
	return CP_OK;
}

enum cp_err audit_read(struct store_conn *c, const struct audit_actor *who, const struct audit_event *ev,
		       int64_t now_ms)
{
	enum cp_err err = store_begin_relaxed(c);
	if (err)
		return err;
	if ((err = audit_record(c, who, ev, now_ms))) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}
