/*
 * store.h - the one storage API the rest of Careplan sees.
 *
 * Nothing outside src/store knows which database is behind this: SQLite today
 * (store_sqlite.c), PostgreSQL later as a second implementation of the same
 * functions.  Callers never see SQL.
 *
 * Model: a struct store is an opened database with a pool of connections;
 * a struct store_conn is one connection, taken with store_acquire() by one
 * thread at a time (one per HTTP request) and given back with store_release().
 * Writes happen between store_begin() and store_commit()/store_rollback(); an
 * audit row for a change is written inside the same transaction.
 *
 * Memory: strings in the records returned here are copied into the caller's
 * arena and live as long as it.  Records passed in are borrowed for the call.
 * Times are UTC milliseconds since the epoch.  Ids are positive int64.
 *
 * Errors: every function returns enum cp_err: CP_ENOTFOUND when the object
 * does not exist, CP_ECONFLICT when a unique key is taken, CP_EDB for any
 * other database failure (logged with the statement's name, never its values).
 */
#ifndef CP_STORE_H
#define CP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"

#define STORE_HASH_LEN 32  /* SHA-256 digests: session token hashes, audit chain */
#define STORE_SCHEMA_VERSION 22
#define STORE_SCHEMA_VERSION 22
#define STORE_SCHEMA_VERSION 22

struct store;
struct store_conn;

/* Opens (creating if needed) the database at path with pool_size connections
 * (>= 1) and applies pending migrations.  A database whose schema is newer
 * than this program knows is refused with CP_EVERSION.  On failure msg names
 * the file and the problem.  Caller owns *out: close with store_close(). */
enum cp_err store_open(const char *path, int pool_size, struct store **out, char *msg, size_t msgn);

/* Sets each connection's page cache to mib MiB (SQLite's own default is
 * about 2 MiB): pages a request reads from the cache cost no system call.
 * A cache grows only as pages are read, up to the size set, so memory use
 * can reach pool_size x mib on a big database.  Call it before handing
 * out connections (CP_ECONFLICT when one is in use); CP_EINVAL outside
 * STORE_CACHE_MIB_MIN..MAX. */
#define STORE_CACHE_MIB_MIN 1
#define STORE_CACHE_MIB_MAX 4096
enum cp_err store_set_cache(struct store *st, int mib);

/* Waits for every connection to be released, checkpoints and closes them.
 * store_close(NULL) is a no-op. */
void store_close(struct store *st);

/* Takes a free connection, waiting while all are in use.  Never NULL. */
struct store_conn *store_acquire(struct store *st);
/* Gives c back; rolls back a transaction left open by mistake. */
void store_release(struct store *st, struct store_conn *c);

/* The schema version of the open database. */
int store_schema_version(struct store_conn *c);

/* Transactions.  store_begin() takes the write lock at once so that a
 * read-then-write sequence cannot be overtaken. */
enum cp_err store_begin(struct store_conn *c);
/* A read-only transaction: the reads in it see one state of the database
 * and take no write lock, so readers never queue behind one another.  It
 * must not write; end it with store_commit or store_rollback. */
enum cp_err store_begin_read(struct store_conn *c);
/* Like store_begin, for the audit rows of reads only: its commit is not
 * flushed to disk at once (WAL with synchronous=NORMAL), so it survives a
 * crash of Careplan but a power cut in the next moments could lose it.
 * Changes to data always use store_begin.  Commit or rollback restores full
 * durability for what follows. */
enum cp_err store_begin_relaxed(struct store_conn *c);
enum cp_err store_commit(struct store_conn *c);
void store_rollback(struct store_conn *c);

/* Consistent copy of the live database into the file at path (replaced if it
 * exists), made while other connections keep working. */
enum cp_err store_backup(struct store *st, const char *path, char *msg, size_t msgn);

/* Runs the database's own integrity check; CP_OK when it reports none. */
enum cp_err store_integrity_check(struct store_conn *c, char *msg, size_t msgn);

/* ---- organisations and teams ---------------------------------------- */

struct store_org {
	int64_t id;
	const char *name;     /* 1..200 chars */
	const char *ods_code; /* may be NULL */
};

struct store_team {
	int64_t id;
	int64_t org_id;
	const char *name;     /* 1..200 chars */
	const char *org_name; /* read only: the organisation's name */
};

enum cp_err store_org_insert(struct store_conn *c, const struct store_org *o, int64_t *id);
enum cp_err store_team_insert(struct store_conn *c, const struct store_team *t, int64_t *id);
enum cp_err store_team_get(struct store_conn *c, struct arena *a, int64_t id, struct store_team *out);

/* ---- users ------------------------------------------------------------- */

struct store_user {
	int64_t id;
	const char *username;      /* unique, 3..64 chars of [a-z0-9._-] */
	const char *display_name;  /* 1..200 chars */
	const char *role;          /* a role code from domain/role.c */
	const char *discipline;    /* a discipline code, or NULL */
	int64_t team_id;           /* 0 when none */
	int64_t person_id;         /* the person's own record for role "person", else 0 */
	const char *password_hash; /* argon2id encoded string */
	bool disabled;
	int64_t created_ms;
	int64_t last_signin_ms;    /* 0 when never */
	int64_t prev_signin_ms;    /* the sign-in before the last one, 0 when none */
};

enum cp_err store_user_insert(struct store_conn *c, const struct store_user *u, int64_t *id);
enum cp_err store_user_by_username(struct store_conn *c, struct arena *a, const char *username,
				   struct store_user *out);
enum cp_err store_user_by_id(struct store_conn *c, struct arena *a, int64_t id, struct store_user *out);
enum cp_err store_user_set_password(struct store_conn *c, int64_t id, const char *hash);
/* Records a sign-in at ms; the one before moves to prev_signin_ms. */
enum cp_err store_user_set_last_signin(struct store_conn *c, int64_t id, int64_t ms);
/* All users ordered by role then name (at most max); *out in the arena. */
enum cp_err store_user_list(struct store_conn *c, struct arena *a, size_t max, struct store_user **out,
			    size_t *n);
/* Members of a team ordered by name (at most max). */
enum cp_err store_team_members(struct store_conn *c, struct arena *a, int64_t team_id, size_t max,
			       struct store_user **out, size_t *n);

/* ---- sessions ------------------------------------------------------------ */

struct store_session {
	unsigned char token_hash[STORE_HASH_LEN]; /* SHA-256 of the cookie token */
	int64_t user_id;
	char csrf[65];                            /* 64 hex chars */
	int64_t created_ms;
	int64_t last_seen_ms;
};

enum cp_err store_session_insert(struct store_conn *c, const struct store_session *s);
enum cp_err store_session_get(struct store_conn *c, const unsigned char hash[STORE_HASH_LEN],
			      struct store_session *out);
enum cp_err store_session_touch(struct store_conn *c, const unsigned char hash[STORE_HASH_LEN], int64_t ms);
enum cp_err store_session_delete(struct store_conn *c, const unsigned char hash[STORE_HASH_LEN]);
/* Deletes sessions idle since before idle_before or created before
 * created_before; *n gets how many. */
enum cp_err store_session_purge(struct store_conn *c, int64_t idle_before, int64_t created_before,
				int64_t *n);

/* ---- failed sign-ins ---------------------------------------------------- */

enum store_authfail_key { STORE_AUTHFAIL_USERNAME, STORE_AUTHFAIL_ADDR, STORE_AUTHFAIL__MAX };

enum cp_err store_authfail_add(struct store_conn *c, int64_t ms, const char *username, const char *addr);
/* Number of failures for key since since_ms, and the time of the failure at
 * position nth (0 = oldest) among them, or 0 when there are not that many. */
enum cp_err store_authfail_window(struct store_conn *c, enum store_authfail_key kind, const char *key,
				  int64_t since_ms, int64_t nth, int64_t *count, int64_t *nth_ms);
/* Stops counting a username's failures against it (after it signs in);
 * they still count against the addresses they came from. */
enum cp_err store_authfail_clear_user(struct store_conn *c, const char *username);

/* ---- audit trail (append-only) ------------------------------------------- */

struct store_audit {
	int64_t id;             /* assigned in order, 1, 2, 3, ... */
	int64_t time_ms;
	int64_t user_id;        /* 0 when nobody is signed in */
	const char *role;       /* role code, or NULL */
	const char *action;     /* e.g. "signin", "signin.failed", "person.read" */
	const char *object_type; /* NULL when none */
	int64_t object_id;      /* 0 when none */
	int64_t person_id;      /* whose data, 0 when none */
	const char *reason;     /* NULL or a short reason; never health content */
	const char *request_id; /* NULL outside HTTP */
	const char *client;     /* client address or "cli" */
	unsigned char prev_hash[STORE_HASH_LEN];
	unsigned char hash[STORE_HASH_LEN];
};

/* The id and hash of the newest row, as recorded beside the table (all zero
 * when the trail is empty). */
enum cp_err store_audit_head(struct store_conn *c, int64_t *last_id, unsigned char hash[STORE_HASH_LEN]);
/* Appends r (r->id must be head+1) and moves the head to it. */
enum cp_err store_audit_append(struct store_conn *c, const struct store_audit *r);
/* Calls cb for every row in id order; cb's strings live until it returns.
 * A non-zero return from cb stops the walk (CP_OK is still returned). */
typedef int (*store_audit_cb)(void *ctx, const struct store_audit *r);
enum cp_err store_audit_walk(struct store_conn *c, store_audit_cb cb, void *ctx);
/* Number of rows and the number with a given action. */
enum cp_err store_audit_count(struct store_conn *c, const char *action, int64_t *n);

/* ---- people ------------------------------------------------------------- */

struct store_person {
	int64_t id;
	const char *nhs_number;     /* 10 digits with a valid check digit, unique */
	const char *given_name;     /* 1..100 chars */
	const char *family_name;    /* 1..100 chars */
	const char *preferred_name; /* may be NULL */
	const char *birth_date;     /* YYYY-MM-DD */
	const char *address;        /* may be NULL, as may the rest unless said */
	const char *postcode;
	const char *phone;
	const char *email;
	const char *gp_practice;
	const char *communication_needs;    /* how to communicate with them, up to 2000 chars */
	const char *reasonable_adjustments; /* what services should change for them, up to 2000 chars */
	int64_t team_id;            /* the team responsible, 0 when none */
	int64_t created_ms;
	int64_t updated_ms;         /* the last change; created_ms until the first */
	int64_t version;            /* 1 when created, one more with each change; read only */
};

struct store_contact {
	int64_t id;
	int64_t person_id;
	const char *name;
	const char *relationship; /* e.g. "daughter", "husband" */
	bool is_carer;            /* gives them care and support */
	bool is_representative;   /* speaks for them (e.g. lasting power of attorney) */
	bool is_next_of_kin;
	bool is_emergency;        /* to call in an emergency */
	const char *phone;        /* may be NULL */
	const char *email;        /* may be NULL */
	int64_t user_id;          /* the contact's own login, 0 when none */
};

/* What to find people by; NULL members are not used, and at least one must
 * be set.  Every name term must be the start (compared without regard to
 * case for A-Z) of the person's family, given or preferred name. */
#define STORE_NAME_TERMS 3
struct store_person_query {
	const char *name[STORE_NAME_TERMS];
	const char *birth_date; /* YYYY-MM-DD, matched exactly */
	const char *nhs_number; /* 10 digits, matched exactly */
	/* Whose access limits a search by name or date of birth to the people
	 * they may see (domain/access.h; access_search_scope fills these): a
	 * search without an NHS number finds nobody else.  The NHS number's
	 * search is exact and not limited: its caller checks its one match. */
	int64_t user_id;   /* 0: nobody's, so nobody is found */
	int64_t team_id;   /* the searcher's team, 0 when none */
	const char *today; /* YYYY-MM-DD, for care team periods that have ended */
	int64_t now_ms;    /* for break-glass access that has expired */
};

/* Adds p (p->version and p->updated_ms are ignored: the new row is at
 * version 1, updated at p->created_ms).  CP_ECONFLICT when the NHS number is
 * taken. */
enum cp_err store_person_insert(struct store_conn *c, const struct store_person *p, int64_t *id);
enum cp_err store_person_get(struct store_conn *c, struct arena *a, int64_t id, struct store_person *out);
/* The person with NHS number nhs (10 digits), CP_ENOTFOUND when none. */
enum cp_err store_person_by_nhs(struct store_conn *c, struct arena *a, const char *nhs, struct store_person *out);
/* Replaces person p->id's details (not team_id or created_ms) with p's,
 * sets updated_ms to p->updated_ms and moves the version on by one, but only
 * while the stored version is expected_version.  CP_ENOTFOUND when there is
 * no such person; CP_ECONFLICT when the version has moved on (someone else
 * changed the person since expected_version was read) or the new NHS number
 * is another person's.  Nothing changes on error. */
enum cp_err store_person_update(struct store_conn *c, const struct store_person *p, int64_t expected_version);
/* People matching q, ordered by family then given name (without regard to
 * case), at most max; *out in the arena, *n how many were returned, *total
 * how many match (may be more than max).  CP_EINVAL when q uses nothing. */
enum cp_err store_person_search(struct store_conn *c, struct arena *a, const struct store_person_query *q,
				size_t max, struct store_person **out, size_t *n, int64_t *total);
enum cp_err store_condition_insert(struct store_conn *c, int64_t person_id, const char *name);
/* The person's conditions (at most max), in the arena. */
enum cp_err store_condition_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				 const char ***out, size_t *n);
enum cp_err store_contact_insert(struct store_conn *c, const struct store_contact *k, int64_t *id);
/* The contacts whose login is user_id (a carer's cared-for people), at most max. */
enum cp_err store_contacts_of_user(struct store_conn *c, struct arena *a, int64_t user_id, size_t max,
				   struct store_contact **out, size_t *n);
/* A person's contacts in the order they were added, at most max; *out in
 * the arena.  An unknown person has none. */
enum cp_err store_contact_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
			       struct store_contact **out, size_t *n);

/* ---- episodes of care planning and their care teams ---------------------- */

/* One period of a person's care planning.  Codes are the domain's
 * (domain/episode.h): stage, closure.  Open: every stage but "discharged"
 * and "closed"; a person has at most one open episode (store-enforced). */
struct store_episode {
	int64_t id;
	int64_t person_id;
	const char *stage;           /* a stage code */
	int level;                   /* level of care, 1..3 */
	const char *closure;         /* a closure code when closed, else NULL */
	int64_t previous_episode_id; /* the episode this one re-entered from, 0 when none */
	int64_t next_episode_id;     /* read only: the episode that re-entered from this one, 0 when none */
	bool reached_active;         /* has ever been at stage active */
	int64_t started_ms;
	int64_t ended_ms;            /* when it became discharged or closed, 0 while open */
	int64_t version;             /* 1 when created, one more with each change; read only */
	int64_t updated_ms;
};

/* One change in an episode's history. */
struct store_episode_event {
	int64_t id;
	int64_t episode_id;
	int64_t time_ms;
	int64_t user_id;          /* who made it, 0 when unknown */
	const char *kind;         /* "stage", "level" or "keyworker" */
	const char *from_value;   /* stage code, level number, key worker's name; NULL when none */
	const char *to_value;     /* likewise, required */
	const char *closure;      /* a closure code for a move to closed, else NULL */
	const char *reason;       /* why, in words, 1..500 chars */
	const char *user_name;    /* read only: who made it */
};

/* How an episode came in.  kind "referral" has source, urgency and date;
 * kind "team" (identified by the team) has only a reason. */
struct store_referral {
	int64_t id;
	int64_t episode_id;
	const char *kind;          /* "referral" or "team" */
	const char *source;        /* who referred, NULL for "team" */
	const char *reason;        /* required */
	const char *urgency;       /* "routine", "soon", "urgent"; NULL for "team" */
	const char *referral_date; /* YYYY-MM-DD, not in the future; NULL for "team" */
};

/* A consent given for an episode: one of each kind at most. */
struct store_consent {
	int64_t id;
	int64_t episode_id;
	const char *kind;           /* "assessment" or "sharing" */
	const char *given_by;       /* "person" or "representative" */
	const char *representative; /* the representative's name; NULL when given_by is "person" */
	const char *given_date;     /* YYYY-MM-DD */
	const char *scope;          /* what was agreed, in words */
};

/* One period of one care team member in one capacity: a user of Careplan
 * (user_id) or an outside contact (name, organisation). */
struct store_team_member {
	int64_t id;
	int64_t episode_id;
	int64_t user_id;           /* 0 for an outside contact */
	const char *name;          /* the outside contact's name; NULL for a user */
	const char *organisation;  /* may be NULL */
	const char *role;          /* role or discipline in the team, required */
	const char *from_date;     /* YYYY-MM-DD */
	const char *to_date;       /* YYYY-MM-DD; NULL while the period runs */
	bool is_key_worker;        /* the key worker during this period */
	const char *user_name;     /* read only: the user's display name */
};

/* Adds e (id, next_episode_id, version and updated_ms are ignored: the new
 * row is at version 1, updated at started_ms).  CP_ECONFLICT when e is open
 * and the person already has an open episode. */
enum cp_err store_episode_insert(struct store_conn *c, const struct store_episode *e, int64_t *id);
enum cp_err store_episode_get(struct store_conn *c, struct arena *a, int64_t id, struct store_episode *out);
/* The person's open episode; CP_ENOTFOUND when none. */
enum cp_err store_episode_open_of(struct store_conn *c, struct arena *a, int64_t person_id,
				  struct store_episode *out);
/* The person's newest episode; CP_ENOTFOUND when none. */
enum cp_err store_episode_latest_of(struct store_conn *c, struct arena *a, int64_t person_id,
				    struct store_episode *out);
/* A person's episodes, the open one first then newest first, at most max. */
enum cp_err store_episode_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
			       struct store_episode **out, size_t *n);
/* Sets e->id's stage, level, closure, reached_active, ended_ms and
 * updated_ms to e's and moves the version on by one, but only while the
 * stored version is expected_version.  CP_ENOTFOUND when there is no such
 * episode, CP_ECONFLICT when its version moved on.  Nothing changes on
 * error. */
enum cp_err store_episode_update(struct store_conn *c, const struct store_episode *e, int64_t expected_version);
enum cp_err store_episode_event_insert(struct store_conn *c, const struct store_episode_event *ev, int64_t *id);
/* An episode's history, oldest first, at most max. */
enum cp_err store_episode_event_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				     struct store_episode_event **out, size_t *n);
enum cp_err store_referral_insert(struct store_conn *c, const struct store_referral *r, int64_t *id);
/* The episode's referral; CP_ENOTFOUND when none. */
enum cp_err store_referral_get(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_referral *out);
/* CP_ECONFLICT when the episode already has a consent of that kind. */
enum cp_err store_consent_insert(struct store_conn *c, const struct store_consent *k, int64_t *id);
enum cp_err store_consent_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_consent **out, size_t *n);
enum cp_err store_team_member_insert(struct store_conn *c, const struct store_team_member *m, int64_t *id);
enum cp_err store_team_member_get(struct store_conn *c, struct arena *a, int64_t id, struct store_team_member *out);
/* An episode's care team periods: running ones first (the key worker
 * first), then ended ones, each in the order added; at most max. */
enum cp_err store_team_member_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				   struct store_team_member **out, size_t *n);
/* The running key worker period of an episode; CP_ENOTFOUND when none. */
enum cp_err store_team_key_worker(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_team_member *out);
/* Ends period id on to_date (YYYY-MM-DD).  CP_ENOTFOUND when there is no
 * such period or it has already ended. */
enum cp_err store_team_member_end(struct store_conn *c, int64_t id, const char *to_date);

/* Aggregate figures with no identifiable data. */
struct store_condition_count {
	const char *name;
	int64_t people;
};
struct store_stats {
	int64_t people, carers, teams, users;
	struct store_condition_count *conditions; /* in the arena, most common first */
	size_t n_conditions;
};
enum cp_err store_stats(struct store_conn *c, struct arena *a, struct store_stats *out);
/* Number of people for whom team_id is responsible. */
enum cp_err store_team_caseload(struct store_conn *c, int64_t team_id, int64_t *n);

/* ---- per-area parts of the API ------------------------------------------ */

#include "store_assess.h" /* the holistic assessment */
#include "store_plan.h"   /* the care and support plan */
#include "store_review.h" /* implementation, reviews, worklists and exit */
#include "store_access.h" /* invitations and carers' grants */
#include "store_my.h"     /* what the person writes themself: About me, own goals, review questions */
#include "store_cal.h"    /* calendar feeds */
#include "store_letter.h" /* readings, review appointments, letters produced */
#include "store_ref.h"    /* signposts and referrals to services; the directory, read */
#include "store_sat.h"    /* self-assessments against the care planning toolkit */
#include "store_dir.h"    /* the directory of local resources */
#include "store_reg.h"    /* the population register case finding reads */
#include "store_act.h"    /* activity events and the outcome figures' rows */

#endif
