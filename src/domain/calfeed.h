/*
 * calfeed.h - calendar feeds: secret addresses of iCalendar files.
 *
 * A feed belongs to one login (its owner) and shows one of: a person's own
 * timetable of care and review dates ("person"), the same for a carer the
 * person has granted access to, within what the person shares with them
 * ("carer"), or a key worker's reviews and check-ins due ("keyworker").
 * Its address is /calendar/<token>.ics, the token CALFEED_TOKEN_BYTES
 * random bytes from libsodium in URL-safe base64; only the SHA-256 of the
 * token is stored (as for invitation codes, invite.h), so the address is
 * shown once, when it is made.  Renewing makes a new address and revokes
 * the old one in the same transaction; revoking ends it at once.  Each is
 * audited (calendar.create, calendar.renew, calendar.revoke), and so is
 * each opening of a feed (calendar.read) and each use of a revoked address
 * or of a feed whose owner may no longer see what it shows
 * (calendar.refused), against the owner, since a calendar client has no
 * session.
 *
 * Memory: records in the caller's arena; tokens in the caller's buffer.
 */
#ifndef CP_CALFEED_H
#define CP_CALFEED_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"

#define CALFEED_TOKEN_BYTES 32 /* random bytes of a token */
#define CALFEED_TOKEN_CHARS 43 /* their URL-safe base64, unpadded */
#define CALFEED_TOKEN_TEXT 44  /* with the NUL */

/* kind codes, as stored */
#define CALFEED_PERSON "person"
#define CALFEED_CARER "carer"
#define CALFEED_KEYWORKER "keyworker"

/* The SHA-256 of token into out; false (out untouched) when token is not
 * CALFEED_TOKEN_CHARS characters of URL-safe base64. */
bool calfeed_token_hash(const char *token, unsigned char out[STORE_HASH_LEN]);

/* Makes a new feed of kind for owner_user_id and person_id (0 for a key
 * worker's), revoking the live one if any: one transaction, audited as
 * calendar.create (none before) or calendar.renew.  token gets the secret
 * (show it once).  CP_EINVAL for an unknown kind. */
enum cp_err calfeed_renew(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t owner_user_id,
			  const char *kind, int64_t person_id, char token[CALFEED_TOKEN_TEXT], int64_t *id);

/* Revokes owner's live feed of person_id, audited as calendar.revoke;
 * CP_ENOTFOUND (nothing written) when there is none. */
enum cp_err calfeed_revoke(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			   int64_t owner_user_id, int64_t person_id);

/* owner's live feed of person_id: *has false when there is none. */
enum cp_err calfeed_live(struct store_conn *c, struct arena *a, int64_t owner_user_id, int64_t person_id,
			 struct store_calfeed *out, bool *has);

/* The feed of token, live or revoked (revoked_ms says); CP_ENOTFOUND when
 * token is malformed or names no feed. */
enum cp_err calfeed_find(struct store_conn *c, struct arena *a, const char *token, struct store_calfeed *out);

/* Audits calendar.read (ok) or calendar.refused with reason (a fixed
 * phrase: "revoked", "no access", ...) against feed f's owner (who). */
enum cp_err calfeed_audit(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			  const struct store_calfeed *f, bool ok, const char *reason);

#endif
