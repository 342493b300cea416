/*
 * store_ref.h - storage of signposts and referrals to services (migration
 * 19) and the reads of the directory (migration 18) they need.  Part of
 * store.h (which includes it); implemented in store_sqlite_ref.c.  Strings
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

/* ---- the directory, read ------------------------------------------------ */

/* A service found by a search. */
struct store_sref_hit {
	int64_t id;
	const char *name, *description, *org_name;
	bool free;
	const char *fees;
	const char *domains; /* the assessment domain codes it meets, space separated; NULL when none */
};

/* Active services matching fts (an FTS5 query whose terms are quoted; NULL:
 * every service, by name), meeting domain (NULL: any) and free of charge
 * when free_only; best match first, at most max. */
enum cp_err store_sref_search(struct store_conn *c, struct arena *a, const char *fts, const char *domain,
			     bool free_only, size_t max, struct store_sref_hit **out, size_t *n);

/* A service as a person needs to know it. */
struct store_sref_service {
	int64_t id;
	const char *name, *description, *org_name;
	const char *url, *email, *phone; /* the service's; NULL when none */
	const char *status;              /* HSDS: "active", "inactive", ... */
	const char *eligibility, *accessibility, *how_to_access;
	bool free;
	const char *fees;
	const char *org_phone, *org_email, *org_url; /* the organisation's, where the service has none */
};
struct store_sref_location {
	const char *name, *address, *town, *postcode, *accessibility;
};
struct store_sref_schedule {
	const char *rrule, *dtstart;       /* NULL when only described */
	const char *opens_at, *closes_at;  /* HH:MM or NULL */
	const char *description;
};
struct store_sref_contact {
	const char *name, *title, *phone, *email;
};
struct store_sref_cost {
	const char *option, *amount, *amount_description;
};

/* One service; CP_ENOTFOUND when none. */
enum cp_err store_sref_service_get(struct store_conn *c, struct arena *a, int64_t id, struct store_sref_service *out);
/* A service id by its ext_id, or failing that the first active service
 * whose name is LIKE name_like (SQL LIKE: % any run, case-insensitive for
 * ASCII); CP_ENOTFOUND when neither (the demo looks services up so). */
enum cp_err store_sref_service_find(struct store_conn *c, const char *ext_id, const char *name_like, int64_t *id);
/* A service's locations, schedules, contacts and costs, at most max each. */
enum cp_err store_sref_locations_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
				   struct store_sref_location **out, size_t *n);
enum cp_err store_sref_schedules_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
				   struct store_sref_schedule **out, size_t *n);
enum cp_err store_sref_contacts_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
				  struct store_sref_contact **out, size_t *n);
enum cp_err store_sref_costs_of(struct store_conn *c, struct arena *a, int64_t id, size_t max,
			       struct store_sref_cost **out, size_t *n);

#endif
