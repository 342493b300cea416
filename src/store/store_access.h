/*
 * store_access.h - invitations (a one-time code with which a person or a
 * carer makes their own login) and carers' grants (a person letting a carer
 * see their record, until they withdraw it).  Part of store.h; implemented
 * in store_sqlite_access.c.
 */
#ifndef CP_STORE_ACCESS_H
#define CP_STORE_ACCESS_H

struct store_invitation {
	int64_t id;
	unsigned char code_hash[STORE_HASH_LEN];
	const char *kind;   /* "person" or "carer" */
	int64_t person_id;
	int64_t contact_id; /* kind "carer": the person's contact who is invited */
	int64_t created_by;
	int64_t created_ms, expires_ms;
	int64_t used_ms; /* 0 until used */
	int64_t used_by;
	const char *contact_name; /* read only: the contact's name, NULL for kind "person" */
};

struct store_grant {
	int64_t id;
	int64_t person_id;
	int64_t carer_user_id;
	int64_t contact_id; /* 0 when none */
	int64_t granted_ms;
	int64_t granted_by;   /* 0: the person themself or a migration */
	int64_t withdrawn_ms; /* 0 while live */
	int64_t withdrawn_by;
	const char *carer_name;  /* read only: the carer's display name */
	const char *person_name; /* read only: the person's given and family name */
};

/* Adds v (id, used_ms, used_by and contact_name are ignored). */
enum cp_err store_invitation_insert(struct store_conn *c, const struct store_invitation *v, int64_t *id);
/* The invitation whose code hashes to hash; CP_ENOTFOUND when none. */
enum cp_err store_invitation_by_hash(struct store_conn *c, struct arena *a, const unsigned char hash[STORE_HASH_LEN],
				     struct store_invitation *out);
/* Marks invitation id used by user_id at ms; CP_ECONFLICT when it already was. */
enum cp_err store_invitation_use(struct store_conn *c, int64_t id, int64_t user_id, int64_t ms);
/* A person's invitations, newest first, at most max. */
enum cp_err store_invitation_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				  struct store_invitation **out, size_t *n);

/* Adds a live grant (withdrawn_* and names ignored); CP_ECONFLICT when the
 * carer already has a live grant from the person. */
enum cp_err store_grant_insert(struct store_conn *c, const struct store_grant *g, int64_t *id);
/* Withdraws person_id's live grant id; CP_ENOTFOUND when there is no such
 * live grant of that person (so nobody withdraws another's). */
enum cp_err store_grant_withdraw(struct store_conn *c, int64_t id, int64_t person_id, int64_t by, int64_t ms);
/* A person's grants, live ones first then newest first, at most max. */
enum cp_err store_grant_list_person(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				    struct store_grant **out, size_t *n);
/* A carer's live grants (the people they may see), by name, at most max. */
enum cp_err store_grant_list_carer(struct store_conn *c, struct arena *a, int64_t carer_user_id, size_t max,
				   struct store_grant **out, size_t *n);
/* Whether carer_user_id holds a live grant from person_id now. */
enum cp_err store_grant_live(struct store_conn *c, int64_t person_id, int64_t carer_user_id, bool *live);

/* The login of the person with record person_id; CP_ENOTFOUND when none. */
enum cp_err store_user_of_person(struct store_conn *c, int64_t person_id, int64_t *user_id);
/* One contact; CP_ENOTFOUND when none. */
enum cp_err store_contact_get(struct store_conn *c, struct arena *a, int64_t id, struct store_contact *out);
/* Links contact id to login user_id; CP_ECONFLICT when it already has one. */
enum cp_err store_contact_set_user(struct store_conn *c, int64_t id, int64_t user_id);

/* Feedback on care planning from a person or carer (migration 9). */
struct store_feedback {
	int64_t id;
	int64_t team_id; /* 0 when the person has no team */
	int64_t person_id;
	int64_t user_id;
	const char *giver; /* "person" or "carer" */
	int involved, listened, useful; /* 1..5 */
	const char *comment; /* NULL when none */
	int64_t created_ms;
};

/* Totals of feedback: responses, the sum of each rating and how many
 * agreed (4 or 5) with each statement. */
struct store_feedback_totals {
	int64_t team_id; /* per-team totals; 0 for the whole service */
	const char *team_name;
	int64_t n;
	int64_t sum[3];
	int64_t agree[3];
};

enum cp_err store_feedback_insert(struct store_conn *c, const struct store_feedback *f, int64_t *id);
/* A team's feedback, newest first, at most max. */
enum cp_err store_feedback_list(struct store_conn *c, struct arena *a, int64_t team_id, size_t max,
				struct store_feedback **out, size_t *n);
/* Totals since since_ms: for team_id, or for the whole service when 0. */
enum cp_err store_feedback_totals(struct store_conn *c, int64_t team_id, int64_t since_ms,
				  struct store_feedback_totals *out);
/* Totals since since_ms per team, by team name, at most max teams. */
enum cp_err store_feedback_by_team(struct store_conn *c, struct arena *a, int64_t since_ms, size_t max,
				   struct store_feedback_totals **out, size_t *n);

/* ---- who may see a person's record (domain/access.h) ---- */

/* The ways professional user_id may be related to person_id on day today
 * (YYYY-MM-DD) at now_ms: *care_team when they hold a care team period of
 * one of the person's episodes that has not ended; *team when the person
 * belongs to their team (team_id) and has an open episode or none yet;
 * *glass when they hold break-glass access that has not expired. */
enum cp_err store_access_professional(struct store_conn *c, int64_t person_id, int64_t user_id, int64_t team_id,
				      const char *today, int64_t now_ms, bool *care_team, bool *team, bool *glass);
/* The person an object belongs to: kind "person" (the person themself),
 * "episode", "plan_action", "assess_medicine" or "review_question".  CP_ENOTFOUND when there is
 * no such object. */
enum cp_err store_person_of(struct store_conn *c, const char *kind, int64_t id, int64_t *person_id);

struct store_break_glass {
	int64_t id;
	int64_t user_id;
	int64_t person_id;
	const char *reason;
	int64_t granted_ms, expires_ms;
	const char *user_name;   /* read only */
	const char *user_role;   /* read only: role code */
	const char *person_name; /* read only */
};
enum cp_err store_break_glass_insert(struct store_conn *c, const struct store_break_glass *g, int64_t *id);
/* Grants since since_ms to users of team_id or for people of team_id,
 * newest first, at most max. */
enum cp_err store_break_glass_list(struct store_conn *c, struct arena *a, int64_t team_id, int64_t since_ms,
				   size_t max, struct store_break_glass **out, size_t *n);

/* One audit row about a person, with the name of who made it. */
struct store_audit_seen {
	int64_t id;
	int64_t time_ms;
	int64_t user_id;
	const char *role;        /* role code, NULL for the system */
	const char *action;
	const char *object_type;
	const char *reason;
	const char *who_name;    /* the user's display name, NULL for the system */
	const char *glass_reason; /* a break-glass grant's reason, else NULL */
};

/* person_id's audit rows with id below before_id (0: no bound), newest
 * first, at most max. */
enum cp_err store_audit_for_person(struct store_conn *c, struct arena *a, int64_t person_id, int64_t before_id,
				   size_t max, struct store_audit_seen **out, size_t *n);

/* ---- sharing settings, section by section (migration 14; domain/share.h) ---- */

/* A person's agreed audiences for one section. */
struct store_share_setting {
	const char *section; /* share.def code */
	unsigned audiences;  /* share.h SA_* bits */
	int64_t changed_by;  /* 0: none recorded */
	int64_t changed_ms;
};

/* A named carer's own yes or no for one section. */
struct store_share_carer {
	const char *section;
	int64_t carer_user_id;
	bool allowed;
	int64_t changed_by;
	int64_t changed_ms;
};

/* One change of a setting. */
struct store_share_change {
	int64_t id;
	int64_t person_id;
	const char *section;
	int64_t carer_user_id; /* 0: the audiences mask; else that carer's row */
	int64_t before;        /* -1 when it followed the default (mask) or was unset (carer) */
	int64_t after;         /* a mask, or 0/1 for a carer */
	int64_t changed_by;
	int64_t changed_ms;
	const char *who_name;   /* read only: who changed it, NULL when nobody recorded */
	const char *carer_name; /* read only: the carer's name, NULL for a mask */
};

/* person_id's stored audiences, at most max (one per section). */
enum cp_err store_share_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
			     struct store_share_setting **out, size_t *n);
/* person_id's named carers' rows, at most max; carer_user_id 0 for every
 * carer, else only that carer's. */
enum cp_err store_share_carer_list(struct store_conn *c, struct arena *a, int64_t person_id, int64_t carer_user_id,
				   size_t max, struct store_share_carer **out, size_t *n);
/* Sets (inserts or replaces) person_id's audiences for section. */
enum cp_err store_share_set(struct store_conn *c, int64_t person_id, const char *section, unsigned audiences,
			    int64_t by, int64_t ms);
/* Sets (inserts or replaces) a carer's own yes or no for section. */
enum cp_err store_share_carer_set(struct store_conn *c, int64_t person_id, const char *section,
				  int64_t carer_user_id, bool allowed, int64_t by, int64_t ms);
/* Appends h (id and names ignored); *id gets its id. */
enum cp_err store_share_history_insert(struct store_conn *c, const struct store_share_change *h, int64_t *id);
/* person_id's changes, newest first, at most max. */
enum cp_err store_share_history_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				     struct store_share_change **out, size_t *n);
/* The people (of team team_id; 0: of every team) whose agreed audiences
 * for section leave out every audience in audiences, ascending, at most
 * max: what a worklist leaves out for a reader in those audiences. */
enum cp_err store_share_withheld(struct store_conn *c, struct arena *a, const char *section, unsigned audiences,
				 int64_t team_id, size_t max, int64_t **person_ids, size_t *n);
/* The version of person_id's settings: the id of their newest change, 0
 * when never changed.  A form carries it to find a stale save. */
enum cp_err store_share_version(struct store_conn *c, int64_t person_id, int64_t *version);

#endif
