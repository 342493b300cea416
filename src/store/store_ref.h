/*
 * store_ref.h - storage of signposts and referrals to services (migration
 * 19).  Part of store.h (which includes it); implemented in
 * store_sqlite_ref.c.  The directory they point to is read through its own
 * API (store_dir.h: store_dir_search, store_dir_entry_get).  Strings
 * returned are in the caller's arena; records passed in are borrowed.
 */
#ifndef CP_STORE_REF_H
#define CP_STORE_REF_H

/* A signpost or referral (service_referral). */
struct store_sref {
	int64_t id;
	int64_t episode_id;
	int64_t plan_action_id;    /* 0 when it serves no action */
	const char *need;          /* assessment domain code, NULL when none */
	int64_t service_id;
	const char *kind;          /* "signpost" or "referral" */
	const char *reason;        /* "" for most signposts */
	const char *referral_date; /* YYYY-MM-DD */
	const char *status;        /* referral.def code */
	const char *outcome;       /* "" until something came of it */
	int64_t created_by;
	int64_t created_ms;
	int64_t status_ms;         /* the last change of status (created_ms at first) */
	int64_t version;           /* 1 and up: each change adds one */
	/* Read only. */
	const char *service_name, *org_name;
	const char *created_by_name; /* NULL when the user is gone */
	const char *action_what;     /* the action's words, NULL when none or no longer in the plan */
	int64_t person_id;
	const char *person_name;     /* given and family name */
};

/* One status a referral had (service_referral_event). */
struct store_sref_event {
	int64_t id;
	int64_t referral_id;
	const char *from_status; /* NULL for the first */
	const char *to_status;
	int64_t user_id;
	int64_t time_ms;
	const char *note;        /* "" when none */
	const char *user_name;   /* read only; NULL when the user is gone */
};

/* Adds r (its status_ms is created_ms; version 1; read-only fields ignored). */
enum cp_err store_sref_insert(struct store_conn *c, const struct store_sref *r, int64_t *id);
/* One; CP_ENOTFOUND when none. */
enum cp_err store_sref_get(struct store_conn *c, struct arena *a, int64_t id, struct store_sref *out);
/* An episode's referrals, then its signposts, newest first, at most max. */
enum cp_err store_sref_list_episode(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				    struct store_sref **out, size_t *n);
/* Sets referral id's status and outcome at ms, when it is still at
 * version; CP_ECONFLICT when it is not (someone changed it first) or it is a
 * signpost. */
enum cp_err store_sref_set_status(struct store_conn *c, int64_t id, int64_t version, const char *status,
				  const char *outcome, int64_t ms);
/* Adds e (id and user_name ignored). */
enum cp_err store_sref_event_insert(struct store_conn *c, const struct store_sref_event *e);
/* A referral's history, oldest first; or every event of an episode's
 * referrals, by referral then oldest first.  At most max. */
enum cp_err store_sref_event_list(struct store_conn *c, struct arena *a, int64_t referral_id, size_t max,
				  struct store_sref_event **out, size_t *n);
enum cp_err store_sref_event_list_episode(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
					  struct store_sref_event **out, size_t *n);
/* Referrals user_id made or that are for people of team_id (0: none): the
 * open ones and those whose status changed since since_ms; the oldest
 * change first, at most max. */
enum cp_err store_sref_worklist(struct store_conn *c, struct arena *a, int64_t user_id, int64_t team_id,
				int64_t since_ms, size_t max, struct store_sref **out, size_t *n);
/* The words of action_id when it is an action of episode_id's plan;
 * CP_ENOTFOUND otherwise. */
enum cp_err store_sref_action_of(struct store_conn *c, struct arena *a, int64_t action_id, int64_t episode_id,
				 const char **what);
/* The assessment domains with needs recorded in episode_id, at most max. */
enum cp_err store_sref_needs_of(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				const char ***out, size_t *n);

#endif
