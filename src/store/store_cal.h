/*
 * store_cal.h - storage of calendar feeds (migration 16).  Part of store.h
 * (which includes it); implemented in store_sqlite_cal.c.  Strings returned
 * are in the caller's arena.
 */
#ifndef CP_STORE_CAL_H
#define CP_STORE_CAL_H

struct store_calfeed {
	int64_t id;
	const char *kind;        /* "person", "carer" or "keyworker" */
	int64_t owner_user_id;   /* whose feed: the person's, carer's or key worker's login */
	int64_t person_id;       /* whose record; 0 for "keyworker" */
	unsigned char token_hash[STORE_HASH_LEN]; /* insert only: SHA-256 of the token */
	int64_t created_ms;
	int64_t revoked_ms;      /* 0 while live */
};

enum cp_err store_calfeed_insert(struct store_conn *c, const struct store_calfeed *f, int64_t *id);
/* The feed whose token hashes to hash, live or revoked; CP_ENOTFOUND. */
enum cp_err store_calfeed_by_hash(struct store_conn *c, struct arena *a, const unsigned char hash[STORE_HASH_LEN],
				  struct store_calfeed *out);
/* owner's live feed of person_id (0: the key worker's own); CP_ENOTFOUND. */
enum cp_err store_calfeed_live(struct store_conn *c, struct arena *a, int64_t owner_user_id, int64_t person_id,
			       struct store_calfeed *out);
/* Revokes owner's live feed of person_id at ms; *n gets how many (0 or 1). */
enum cp_err store_calfeed_revoke(struct store_conn *c, int64_t owner_user_id, int64_t person_id, int64_t ms,
				 int *n);

#endif
