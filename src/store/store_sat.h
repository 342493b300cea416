/*
 * store_sat.h - storage of self-assessments against the care planning
 * toolkit (migration 20) and the queries behind the toolkit's live
 * evidence.  Part of store.h (which includes it); implemented in
 * store_sqlite_sat.c.  Strings returned are in the caller's arena.
 */
#ifndef CP_STORE_SAT_H
#define CP_STORE_SAT_H

/* The live evidence figures (sat_figure.def). */
enum sat_figure {
#define FIGURE(e, code) SAT_FIG_##e,
#include "sat_figure.def"
#undef FIGURE
	SAT_FIG__MAX
};

struct store_sat {
	int64_t id;
	int64_t team_id;
	const char *title;
	const char *notes;        /* may be NULL */
	const char *assessed_on;  /* YYYY-MM-DD: the date it speaks for */
	int64_t created_by;
	int64_t created_ms;
	const char *created_name; /* read only: who started it */
	const char *team_name;    /* read only */
	int64_t n_answers;        /* read only (lists): items answered */
	int64_t n_open_actions;   /* read only (lists): actions not yet done */
};

/* An item's answer and the evidence as it stood when it was saved.
 * has_ev false when Careplan held no figure for the item; ev_den 0 for a
 * figure that is a count alone (ev_num). */
struct store_sat_answer {
	const char *item;    /* toolkit.def code */
	const char *answer;  /* "yes", "no" or "partly" */
	const char *comment; /* may be NULL */
	bool has_ev;
	int64_t ev_num, ev_den;
	int64_t ev_extra;    /* a second number some figures carry, -1 when none */
	const char *ev_asof; /* YYYY-MM-DD the figure was worked out for; NULL without a figure */
	int64_t updated_ms;
};

struct store_sat_action {
	int64_t id;
	int64_t assessment_id;
	const char *item;
	const char *what;
	int64_t owner_user_id;   /* 0 when owned by a name */
	const char *owner_name;  /* NULL when owned by a user */
	const char *due_date;    /* may be NULL */
	const char *done_date;   /* NULL while open */
	int64_t created_ms;
	const char *owner_user_name; /* read only: the owner user's name */
};

enum cp_err store_sat_insert(struct store_conn *c, const struct store_sat *s, int64_t *id);
/* CP_ENOTFOUND when there is none. */
enum cp_err store_sat_get(struct store_conn *c, struct arena *a, int64_t id, struct store_sat *out);
/* A team's, newest date first. */
enum cp_err store_sat_list(struct store_conn *c, struct arena *a, int64_t team_id, size_t max,
			   struct store_sat **out, size_t *n);
/* Sets (or replaces) an item's answer, with updated_by and updated_ms. */
enum cp_err store_sat_answer_set(struct store_conn *c, int64_t assessment_id, const struct store_sat_answer *an,
				 int64_t updated_by, int64_t updated_ms);
/* By item code. */
enum cp_err store_sat_answer_list(struct store_conn *c, struct arena *a, int64_t assessment_id, size_t max,
				  struct store_sat_answer **out, size_t *n);
enum cp_err store_sat_action_insert(struct store_conn *c, const struct store_sat_action *x, int64_t created_by,
				    int64_t *id);
/* Oldest first. */
enum cp_err store_sat_action_list(struct store_conn *c, struct arena *a, int64_t assessment_id, size_t max,
				  struct store_sat_action **out, size_t *n);
/* Marks action id of assessment_id done on done_date; CP_ENOTFOUND when
 * there is no such open action. */
enum cp_err store_sat_action_done(struct store_conn *c, int64_t assessment_id, int64_t id, const char *done_date);

/* Figure f for team_id on asof (YYYY-MM-DD): *num of *den.  domains is the
 * number of assessment domains (SAT_FIG_ALL_DOMAINS; ignored otherwise). */
enum cp_err store_sat_figure(struct store_conn *c, enum sat_figure f, int64_t team_id, const char *asof,
			     int64_t domains, int64_t *num, int64_t *den);
/* The team's re-entries started in the year to asof: per re-entry, the
 * milliseconds from its start until it moved on from entry, -1 when it has
 * not.  At most max; *out in the arena. */
enum cp_err store_sat_reentry_ms(struct store_conn *c, struct arena *a, int64_t team_id, const char *asof,
				 size_t max, int64_t **out, size_t *n);

#endif
