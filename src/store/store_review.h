/*
 * store_review.h - storage of implementation, reviews, worklists and exit.  Part of store.h (which
 * includes it); implemented in store_sqlite_review.c.
 *
 * Conventions as store.h: strings in the caller's arena, records passed in
 * borrowed, CP_ENOTFOUND for no such row.  Optional numbers say how "none"
 * is kept (a has_ flag or -1).  Nothing here checks rules: the domain
 * (review_service.h) does, inside its transactions.
 */
#ifndef CP_STORE_REVIEW_H
#define CP_STORE_REVIEW_H

/* ---- the core plan tables (migration 5), as this area reads them --------- */

struct store_rv_plan {
	int64_t id;
	int64_t episode_id;
	const char *status;           /* "draft" or "agreed" */
	int64_t version;
	const char *agreed_date;      /* YYYY-MM-DD or NULL */
	int review_interval_days;     /* 1..730, 0 when not set */
	const char *next_review_date; /* YYYY-MM-DD or NULL */
};

struct store_rv_goal {
	int64_t id;
	int64_t plan_id;
	int position;
	const char *title;
	const char *status;    /* goal_status.def code */
	bool has_gas;          /* gas_baseline not NULL: the goal uses GAS */
	int gas_baseline;      /* -2..2 when has_gas */
	const char *gas[5];    /* the level descriptions, [0] is -2 .. [4] is +2; each may be NULL */
};

struct store_rv_action {
	int64_t id;
	int64_t plan_id;
	int64_t goal_id;          /* 0 when not linked to a goal */
	const char *what;
	const char *who_kind;     /* person, carer, member, service */
	int64_t who_user_id;      /* 0 when none */
	const char *who_name;     /* may be NULL */
	const char *who_user_name; /* read only: the user's display name, NULL when none */
	const char *due_date;     /* may be NULL */
	const char *rrule;        /* may be NULL */
	const char *status;       /* action_status.def code */
	int confidence;           /* 0..10, -1 when not recorded */
	const char *goal_title;   /* read only, NULL when no goal */
	int64_t episode_id;       /* read only: the plan's episode */
	int64_t activity_count;   /* read only: activity log entries linked to it */
	const char *last_activity_date; /* read only: the newest of them, NULL when none */
};

enum cp_err store_rv_plan_of(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_rv_plan *out);
/* Adds a plan (tests and the demo; the plan pages own plan content). */
enum cp_err store_rv_plan_insert(struct store_conn *c, const struct store_rv_plan *p, int64_t now_ms, int64_t *id);
/* Sets only care_plan.next_review_date (NULL clears it). */
enum cp_err store_rv_plan_set_next_review(struct store_conn *c, int64_t plan_id, const char *date);
enum cp_err store_rv_goal_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
			       struct store_rv_goal **out, size_t *n);
enum cp_err store_rv_goal_insert(struct store_conn *c, const struct store_rv_goal *g, int64_t *id);
enum cp_err store_rv_action_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				 struct store_rv_action **out, size_t *n);
enum cp_err store_rv_action_get(struct store_conn *c, struct arena *a, int64_t id, struct store_rv_action *out);
enum cp_err store_rv_action_insert(struct store_conn *c, const struct store_rv_action *x, int64_t *id);
/* Sets an action's status and confidence (-1: none). */
enum cp_err store_rv_action_set(struct store_conn *c, int64_t id, const char *status, int confidence);

/* ---- action history ---------------------------------------------------------- */

struct store_action_event {
	int64_t id;
	int64_t action_id;
	int64_t time_ms;
	int64_t user_id;
	const char *from_status;  /* NULL when none */
	const char *to_status;
	int from_confidence;      /* -1 when none */
	int to_confidence;        /* -1 when none */
	const char *user_name;    /* read only */
};

enum cp_err store_action_event_insert(struct store_conn *c, const struct store_action_event *e, int64_t *id);
/* The history of every action of plan_id, newest first. */
enum cp_err store_action_event_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				    struct store_action_event **out, size_t *n);

/* ---- the activity log -------------------------------------------------------- */

struct store_activity {
	int64_t id;
	int64_t episode_id;
	int64_t action_id;         /* 0: not in the plan */
	const char *activity_date; /* YYYY-MM-DD */
	const char *kind;          /* activity kind code (activity.h) */
	const char *who;           /* who did it, 1..200 characters */
	int minutes;               /* 1..1440, 0 when not recorded */
	const char *note;          /* may be NULL */
	int64_t user_id;           /* who recorded it */
	int64_t created_ms;
	const char *action_what;   /* read only: the linked action's words */
};

enum cp_err store_activity_insert(struct store_conn *c, const struct store_activity *v, int64_t *id);
/* An episode's activity, newest first. */
enum cp_err store_activity_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				struct store_activity **out, size_t *n);

/* ---- reviews ------------------------------------------------------------------- */

struct store_review {
	int64_t id;
	int64_t episode_id;
	const char *held_date;
	bool person_attended;
	bool carer_attended;
	const char *others;        /* others who came, free text, may be NULL */
	const char *person_view;   /* the person's own words, may be NULL */
	const char *what_changed;  /* may be NULL */
	const char *decision;      /* review_decision.def code */
	int level_from;            /* 1..3 */
	int level_to;              /* 1..3, the same as level_from unless the level changed */
	const char *closure;       /* closure code for "close", else NULL */
	const char *reason;
	const char *next_review_date; /* NULL when no further review */
	int64_t user_id;
	int64_t created_ms;
	const char *user_name;     /* read only */
};

struct store_review_goal {
	int64_t review_id;
	int64_t goal_id;
	const char *title;     /* as at the review */
	const char *note;      /* may be NULL */
	bool has_gas;          /* the goal used GAS at the review */
	int gas_baseline;
	bool has_level;        /* a GAS level was recorded */
	int gas_level;         /* -2..2 */
};

struct store_review_attendee {
	int64_t review_id;
	int64_t user_id; /* 0 when not a user */
	const char *name;
};

enum cp_err store_review_insert(struct store_conn *c, const struct store_review *r, int64_t *id);
enum cp_err store_review_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			      struct store_review **out, size_t *n);
enum cp_err store_review_goal_insert(struct store_conn *c, const struct store_review_goal *g);
/* Progress rows of every review of episode_id, by review then goal. */
enum cp_err store_review_goal_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				   struct store_review_goal **out, size_t *n);
enum cp_err store_review_attendee_insert(struct store_conn *c, const struct store_review_attendee *t);
enum cp_err store_review_attendee_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				       struct store_review_attendee **out, size_t *n);

/* ---- exit ----------------------------------------------------------------------- */

struct store_exit {
	int64_t episode_id;
	const char *sos_who;   /* who to call */
	const char *sos_phone; /* their number */
	const char *sos_how;   /* how to get back in touch, when */
	int64_t user_id;
	int64_t recorded_ms;
};

struct store_maintenance {
	int64_t episode_id;
	int interval_days;             /* 1..365 */
	const char *next_checkin_date; /* YYYY-MM-DD */
	int64_t updated_ms;
};

struct store_checkin {
	int64_t id;
	int64_t episode_id;
	const char *checkin_date;
	const char *note;              /* may be NULL */
	const char *next_checkin_date;
	int64_t user_id;
	int64_t created_ms;
	const char *user_name;         /* read only */
};

/* Records (or replaces) the route back of an episode. */
enum cp_err store_exit_put(struct store_conn *c, const struct store_exit *x);
enum cp_err store_exit_get(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_exit *out);
/* The route back of the person's newest discharged episode. */
enum cp_err store_exit_of_person(struct store_conn *c, struct arena *a, int64_t person_id, struct store_exit *out);
enum cp_err store_maintenance_put(struct store_conn *c, const struct store_maintenance *m);
enum cp_err store_maintenance_get(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_maintenance *out);
enum cp_err store_checkin_insert(struct store_conn *c, const struct store_checkin *k, int64_t *id);
enum cp_err store_checkin_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_checkin **out, size_t *n);

/* ---- worklists ------------------------------------------------------------------- */

/* An open episode as a worklist sees it. */
struct store_worklist_row {
	int64_t episode_id;
	int64_t person_id;
	const char *given_name;
	const char *family_name;
	const char *stage;
	int level;
	int64_t key_worker_id;         /* 0 when there is no key worker */
	const char *key_worker_name;   /* NULL when none */
	const char *plan_status;       /* NULL when the episode has no plan */
	const char *next_review_date;  /* the plan's, NULL when none */
	const char *next_checkin_date; /* maintenance, NULL when none */
	int64_t started_ms;            /* when the episode started */
};

/* The open episodes whose current key worker is user_id (at most max). */
enum cp_err store_worklist_mine(struct store_conn *c, struct arena *a, int64_t user_id, size_t max,
				struct store_worklist_row **out, size_t *n);
/* The open episodes of team_id's people that belong in a worklist section,
 * with reviews and check-ins "due" up to and including due_by (YYYY-MM-DD). */
enum cp_err store_worklist_team(struct store_conn *c, struct arena *a, int64_t team_id, const char *due_by,
				size_t max, struct store_worklist_row **out, size_t *n);

#endif
