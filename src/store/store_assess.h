/*
 * store_assess.h - storage of the holistic assessment.  Part of store.h (which
 * includes it); implemented in store_sqlite_assess.c.
 *
 * Every record belongs to one episode (episode_id).  Codes are the domain's
 * (src/domain/assess.h): kinds, domains, severities, likelihoods, who
 * recorded the person's story; discipline.def; instrument.h.  Nothing here
 * checks them beyond the schema's CHECKs: the domain validates first.
 * Strings of records read are in the caller's arena; records passed in are
 * borrowed for the call.  "At most max": lists stop there.
 */
#ifndef CP_STORE_ASSESS_H
#define CP_STORE_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One version of the person's story, in their own words.  A change adds a
 * version; older ones stay. */
struct store_story {
	int64_t id;
	int64_t episode_id;
	int64_t version;          /* 1, 2, ... within the episode */
	const char *whats_new;    /* each may be NULL, but not all four */
	const char *whats_good;
	const char *whats_tough;
	const char *matters_most;
	const char *recorded_by;  /* "person" (they wrote it) or "with_professional" (written down with them) */
	int64_t user_id;          /* who saved this version */
	int64_t time_ms;
	const char *user_name;    /* read only */
};

/* A professional's story: their view of the issues, evidence and experience. */
struct store_pro_story {
	int64_t id;
	int64_t episode_id;
	int64_t user_id;          /* the author */
	const char *discipline;   /* discipline.def code, the author's */
	const char *issues;       /* required */
	const char *evidence;     /* may be NULL */
	const char *experience;   /* may be NULL */
	const char *story_date;   /* YYYY-MM-DD */
	int64_t created_ms;
	const char *user_name;    /* read only */
};

/* An outcome the person and the professionals agree the process should achieve. */
struct store_outcome {
	int64_t id;
	int64_t episode_id;
	const char *outcome;
	const char *agreed_by;    /* who agreed, in words */
	const char *agreed_date;  /* YYYY-MM-DD */
	int64_t user_id;
	int64_t created_ms;
};

/* A need, risk or strength in one domain. */
struct store_assess_entry {
	int64_t id;
	int64_t episode_id;
	const char *kind;        /* "need", "risk", "strength" */
	const char *domain;      /* assess_domain.def code */
	const char *description;
	const char *severity;    /* "low", "moderate", "high"; NULL for a strength */
	const char *likelihood;  /* risks only: "unlikely", "possible", "likely"; else NULL */
	const char *mitigation;  /* risks only: what reduces it; else NULL */
	int64_t user_id;
	int64_t created_ms;
};

/* A carer's own needs (the carer is one of the person's contacts). */
struct store_carer_need {
	int64_t id;
	int64_t episode_id;
	int64_t contact_id;
	const char *needs;
	const char *what_helps;   /* may be NULL */
	int64_t user_id;
	int64_t created_ms;
	const char *carer_name;   /* read only */
	const char *relationship; /* read only */
};

/* A scored questionnaire. */
struct store_instrument_result {
	int64_t id;
	int64_t episode_id;
	const char *instrument;  /* instrument code: "phq9", "gad7", "ucla3" */
	const char *taken_date;  /* YYYY-MM-DD, the day it was completed */
	const char *items;       /* the answers in item order, comma separated: "0,1,3" */
	int total;
	const char *band;        /* band code */
	bool safety;             /* PHQ-9 item 9 above 0 */
	int64_t user_id;
	int64_t created_ms;
};

/* A medicine the person takes (or took: stopped_date set). */
struct store_medicine {
	int64_t id;
	int64_t episode_id;
	const char *name;
	const char *dose;          /* dose and how it is taken */
	const char *purpose;       /* what it is for; may be NULL */
	bool needs_review;
	const char *review_reason; /* required when needs_review, else NULL */
	const char *stopped_date;  /* YYYY-MM-DD, NULL while taken */
	const char *stopped_reason; /* may be NULL */
	int64_t version;           /* read only: 1, then one more with each change */
	int64_t user_id;           /* who last changed it */
	int64_t updated_ms;
};

/* The story: s->version must be one more than the newest (1 for the first);
 * CP_ECONFLICT when that version exists (someone saved meanwhile). */
enum cp_err store_story_insert(struct store_conn *c, const struct store_story *s, int64_t *id);
/* The newest version; CP_ENOTFOUND when there is none. */
enum cp_err store_story_current(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_story *out);
/* Every version, newest first. */
enum cp_err store_story_history(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				struct store_story **out, size_t *n);

enum cp_err store_pro_story_insert(struct store_conn *c, const struct store_pro_story *p, int64_t *id);
/* Newest story date first. */
enum cp_err store_pro_story_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				 struct store_pro_story **out, size_t *n);

enum cp_err store_outcome_insert(struct store_conn *c, const struct store_outcome *o, int64_t *id);
/* In the order added. */
enum cp_err store_outcome_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
			       struct store_outcome **out, size_t *n);

enum cp_err store_assess_entry_insert(struct store_conn *c, const struct store_assess_entry *e, int64_t *id);
/* By domain code, then risks, needs, strengths, then in the order added. */
enum cp_err store_assess_entry_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				    struct store_assess_entry **out, size_t *n);

enum cp_err store_carer_need_insert(struct store_conn *c, const struct store_carer_need *k, int64_t *id);
/* In the order added, with each carer's name. */
enum cp_err store_carer_need_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				  struct store_carer_need **out, size_t *n);

enum cp_err store_instrument_insert(struct store_conn *c, const struct store_instrument_result *r, int64_t *id);
/* By instrument code, then oldest date first. */
enum cp_err store_instrument_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				  struct store_instrument_result **out, size_t *n);

/* Adds m at version 1 (m->version ignored). */
enum cp_err store_medicine_insert(struct store_conn *c, const struct store_medicine *m, int64_t *id);
enum cp_err store_medicine_get(struct store_conn *c, struct arena *a, int64_t id, struct store_medicine *out);
/* Taken ones first, then stopped ones, each in the order added. */
enum cp_err store_medicine_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				struct store_medicine **out, size_t *n);
/* Replaces m->id's fields (not episode_id) with m's while its version is
 * expected_version, moving the version on.  CP_ENOTFOUND when there is no
 * such medicine, CP_ECONFLICT when the version moved on. */
enum cp_err store_medicine_update(struct store_conn *c, const struct store_medicine *m, int64_t expected_version);

#endif
