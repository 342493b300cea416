/*
 * audit.h - the append-only, hash-chained audit trail.
 *
 * Every row's hash is SHA-256 over the previous row's hash and this row's
 * fields in a fixed, length-prefixed encoding (audit_hash).  The newest id and
 * hash are also kept beside the table, so a removed last row shows too.
 * audit_record() must be called inside the transaction of the change it
 * records, so the two commit or fail together.
 *
 * Never put health content in reason: it names why (e.g. "wrong password"),
 * not what the record says.
 */
#ifndef CP_AUDIT_H
#define CP_AUDIT_H

#include <stdint.h>

#include "../store/store.h"

/* Who is acting, from where, in which request.  Borrowed for each call. */
struct audit_actor {
	int64_t user_id;        /* 0 when nobody is signed in */
	const char *role;       /* role code or NULL */
	const char *request_id; /* NULL outside HTTP */
	const char *client;     /* client address, or "cli" */
};

/* What happened.  Strings are borrowed for the call. */
struct audit_event {
	const char *action;      /* required, e.g. "signin" */
	const char *object_type; /* NULL or e.g. "user", "session", "person" */
	int64_t object_id;
	int64_t person_id;       /* whose data was touched, 0 when none */
	const char *reason;      /* NULL or a short reason */
};

/* Appends one row at now_ms.  Must run inside an open transaction. */
enum cp_err audit_record(struct store_conn *c, const struct audit_actor *who, const struct audit_event *ev,
			 int64_t now_ms);

/* Ends a write transaction the caller opened with store_begin: when err is
 * CP_OK, appends ev and commits; otherwise, or when either of those fails,
 * rolls back.  Returns err, or the first failure after it, so a handler can
 * write `return audit_finish(c, who, &ev, now_ms, err);` after its writes. */
enum cp_err audit_finish(struct store_conn *c, const struct audit_actor *who, const struct audit_event *ev,
			 int64_t now_ms, enum cp_err err);

/* Records the audit row of a read in a transaction of its own, after the
 * read's own (read-only) transaction has ended (store_begin_relaxed: a
 * reader holds the write lock only for the row, and waits for no flush to
 * disk).  Callers show nothing they read unless this succeeds. */
enum cp_err audit_read(struct store_conn *c, const struct audit_actor *who, const struct audit_event *ev,
		       int64_t now_ms);

/* Computes r's hash from r->prev_hash and its fields into out. */
void audit_hash(const struct store_audit *r, unsigned char out[STORE_HASH_LEN]);

struct audit_verify_result {
	int64_t rows;    /* rows checked */
	int64_t bad_id;  /* the first id where the trail differs from what was written (a changed
			  * row, the first missing row, the first row added after the head), 0
			  * when the chain holds */
	char msg[256];   /* what is wrong with it, for people */
};

/* Walks the whole trail.  CP_OK when the chain holds, CP_ECONFLICT when it
 * does not (res says where and how), CP_EDB when it cannot be read. */
enum cp_err audit_verify(struct store_conn *c, struct audit_verify_result *res);

#endif
