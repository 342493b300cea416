/*
 * store_plan.h - storage of the care and support plan.  Part of store.h (which
 * includes it); implemented in store_sqlite_plan.c.
 *
 * One care_plan per episode; goals and actions in their own tables; every
 * other section's entries as items with name/value fields (the domain,
 * src/domain/plan.h, knows the names); one snapshot per saved version.
 * Strings returned are in the caller's arena; records passed in are
 * borrowed for the call.
 */
#ifndef CP_STORE_PLAN_H
#define CP_STORE_PLAN_H

#define STORE_GAS_LEVELS 5 /* -2, -1, 0, +1, +2 */

struct store_care_plan {
	int64_t id;
	int64_t episode_id;
	const char *status;            /* "draft" or "agreed" */
	int64_t version;               /* 1 when created; read only for update (moves on by one) */
	int64_t carried_from_plan_id;  /* 0 when none */
	const char *agreed_with;       /* "person", "representative" or NULL */
	const char *agreed_by_name;    /* the representative's name, or NULL */
	const char *agreed_date;       /* YYYY-MM-DD or NULL */
	int review_interval_days;      /* 1..730, 0 when none */
	const char *review_date;       /* the review date typed at agreement, or NULL */
	const char *next_review_date;  /* YYYY-MM-DD or NULL */
	int64_t review_by_user_id;     /* 0 when none */
	int64_t created_ms;
	int64_t updated_ms;
	int64_t updated_by_user_id;    /* 0 when none */
	const char *review_by_name;    /* read only */
	const char *updated_by_name;   /* read only */
};

struct store_plan_goal {
	int64_t id;
	int64_t plan_id;
	int64_t position;
	const char *title;
	const char *status;        /* goal_status.def code */
	const char *target_date;   /* or NULL */
	bool has_gas;              /* gas_baseline is set */
	int gas_baseline;          /* -2..2 when has_gas */
	const char *gas[STORE_GAS_LEVELS]; /* [0] is -2 .. [4] is +2; NULL when none */
};

struct store_plan_action {
	int64_t id;
	int64_t plan_id;
	int64_t goal_id;        /* 0 when none */
	int64_t position;
	const char *what;
	const char *who_kind;   /* "person", "carer", "member", "service" */
	int64_t who_user_id;    /* member: 0 otherwise */
	int64_t who_contact_id; /* carer: 0 otherwise */
	const char *who_name;   /* service (or the carer's / member's name as shown), or NULL */
	const char *due_date;   /* or NULL */
	const char *rrule;      /* normalised by recur_parse, or NULL */
	const char *status;     /* action_status.def code */
	int confidence;         /* 0..10, -1 when not asked */
};

struct store_plan_value {
	const char *name;
	const char *value;
};

struct store_plan_item {
	int64_t id;
	int64_t plan_id;
	const char *section;    /* a section code of plan_section.def */
	int64_t position;
	struct store_plan_value *values;
	size_t n_values;
};

struct store_plan_version {
	int64_t plan_id;
	int64_t version;
	int64_t saved_ms;
	int64_t user_id;
	const char *status;     /* the plan's status then */
	const char *snapshot;   /* NULL in lists */
	const char *user_name;  /* read only */
};

/* The plan of episode_id; CP_ENOTFOUND when it has none. */
enum cp_err store_plan_by_episode(struct store_conn *c, struct arena *a, int64_t episode_id,
				  struct store_care_plan *out);
/* Adds p at version p->version (>= 1). */
enum cp_err store_plan_insert(struct store_conn *c, const struct store_care_plan *p, int64_t *id);
/* Sets every column but id, episode_id, carried_from_plan_id and
 * created_ms to p's, version to p->version, only while the stored version
 * is expected_version: CP_ECONFLICT otherwise (CP_ENOTFOUND: no such plan). */
enum cp_err store_plan_update(struct store_conn *c, const struct store_care_plan *p, int64_t expected_version);

enum cp_err store_plan_goal_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				 struct store_plan_goal **out, size_t *n);
enum cp_err store_plan_goal_insert(struct store_conn *c, const struct store_plan_goal *g, int64_t *id);
enum cp_err store_plan_goal_update(struct store_conn *c, const struct store_plan_goal *g);

enum cp_err store_plan_action_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				   struct store_plan_action **out, size_t *n);
enum cp_err store_plan_action_insert(struct store_conn *c, const struct store_plan_action *x, int64_t *id);
enum cp_err store_plan_action_update(struct store_conn *c, const struct store_plan_action *x);

/* The plan's other items with their values, by section then position. */
enum cp_err store_plan_item_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				 struct store_plan_item **out, size_t *n);
/* Adds it with its values. */
enum cp_err store_plan_item_insert(struct store_conn *c, const struct store_plan_item *it, int64_t *id);
/* Replaces item it->id's position and values with it's. */
enum cp_err store_plan_item_update(struct store_conn *c, const struct store_plan_item *it);
/* Removes item id and its values; CP_ENOTFOUND when none. */
enum cp_err store_plan_item_delete(struct store_conn *c, int64_t id);

enum cp_err store_plan_version_insert(struct store_conn *c, const struct store_plan_version *v);
/* One version with its snapshot; CP_ENOTFOUND when none. */
enum cp_err store_plan_version_get(struct store_conn *c, struct arena *a, int64_t plan_id, int64_t version,
				   struct store_plan_version *out);
/* A plan's versions, newest first, without snapshots, at most max. */
enum cp_err store_plan_version_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				    struct store_plan_version **out, size_t *n);

#endif
