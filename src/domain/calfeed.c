/* calfeed.c - calendar feeds (calfeed.h). */
#include "calfeed.h"

#include <sodium.h>
#include <string.h>

#include "auth.h"

bool calfeed_token_hash(const char *token, unsigned char out[STORE_HASH_LEN])
{
	if (!token || strlen(token) != CALFEED_TOKEN_CHARS)
		return false;
	for (const char *p = token; *p; p++) {
		char ch = *p;
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
		      ch == '_'))
			return false;
	}
	auth_token_hash(token, out);
	return true;
}

static enum cp_err audit(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, const char *action,
			 int64_t id, int64_t person_id, const char *reason)
{
	struct audit_event ev = {.action = action,
				 .object_type = "calendar_feed",
				 .object_id = id,
				 .person_id = person_id,
				 .reason = reason};
	return audit_record(c, who, &ev, now_ms);
}

enum cp_err calfeed_renew(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t owner_user_id,
			  const char *kind, int64_t person_id, char token[CALFEED_TOKEN_TEXT], int64_t *id)
{
	token[0] = '\0';
	*id = 0;
	if (!kind || (strcmp(kind, CALFEED_PERSON) != 0 && strcmp(kind, CALFEED_CARER) != 0 &&
		      strcmp(kind, CALFEED_KEYWORKER) != 0))
		return CP_EINVAL;
	if ((strcmp(kind, CALFEED_KEYWORKER) == 0) != (person_id == 0))
		return CP_EINVAL;
	unsigned char raw[CALFEED_TOKEN_BYTES];
	char fresh[CALFEED_TOKEN_TEXT + 4];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(fresh, sizeof fresh, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	struct store_calfeed f = {.kind = kind, .owner_user_id = owner_user_id, .person_id = person_id,
				  .created_ms = now_ms};
	if (!calfeed_token_hash(fresh, f.token_hash))
		return CP_EINVAL; /* cannot happen: 32 bytes are 43 characters */
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	int revoked = 0;
	if ((err = store_calfeed_revoke(c, owner_user_id, person_id, now_ms, &revoked)) ||
	    (err = store_calfeed_insert(c, &f, id)) ||
	    (err = audit(c, who, now_ms, revoked ? "calendar.renew" : "calendar.create", *id, person_id, kind)) ||
	    (err = store_commit(c))) {
		store_rollback(c);
		*id = 0;
		sodium_memzero(fresh, sizeof fresh);
		return err;
	}
	memcpy(token, fresh, CALFEED_TOKEN_TEXT);
	token[CALFEED_TOKEN_CHARS] = '\0';
	sodium_memzero(fresh, sizeof fresh);
	return CP_OK;
}

enum cp_err calfeed_revoke(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			   int64_t owner_user_id, int64_t person_id)
{
	struct arena *a = arena_new(1024);
	if (!a)
		return CP_ENOMEM;
	enum cp_err err = store_begin(c);
	if (err) {
		arena_free(a);
		return err;
	}
	struct store_calfeed f;
	int n = 0;
	if ((err = store_calfeed_live(c, a, owner_user_id, person_id, &f)) ||
	    (err = store_calfeed_revoke(c, owner_user_id, person_id, now_ms, &n)) ||
	    (err = audit(c, who, now_ms, "calendar.revoke", f.id, person_id, f.kind)) || (err = store_commit(c)))
		store_rollback(c);
	arena_free(a);
	return err;
}

enum cp_err calfeed_live(struct store_conn *c, struct arena *a, int64_t owner_user_id, int64_t person_id,
			 struct store_calfeed *out, bool *has)
{
	*has = false;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_calfeed_live(c, a, owner_user_id, person_id, out);
	store_rollback(c);
	*has = err == CP_OK;
	return err == CP_ENOTFOUND ? CP_OK : err;
}

enum cp_err calfeed_find(struct store_conn *c, struct arena *a, const char *token, struct store_calfeed *out)
{
	unsigned char h[STORE_HASH_LEN];
	if (!calfeed_token_hash(token, h))
		return CP_ENOTFOUND;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_calfeed_by_hash(c, a, h, out);
	store_rollback(c);
	return err;
}

enum cp_err calfeed_audit(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			  const struct store_calfeed *f, bool ok, const char *reason)
{
	struct audit_event ev = {.action = ok ? "calendar.read" : "calendar.refused",
				 .object_type = "calendar_feed",
				 .object_id = f->id,
				 .person_id = f->person_id,
				 .reason = reason};
	return audit_read(c, who, &ev, now_ms);
}
