/*
 * plan_service.h - the audited operations on an episode's care and support
 * plan: reading it, saving one entry of one section (creating the plan, as
 * a draft, on the first save), removing an entry, agreeing it, comparing
 * two saved versions, and carrying the plan forward into a new episode on
 * re-entry.
 *
 * Every save is one transaction: the change, the plan's version moved on by
 * one, the snapshot of the new version (plan_version) and the audit row
 * (plan.save, plan.remove; plan.read for pages, forms and comparisons;
 * plan.carry_forward).  Audit rows carry section codes and ids, never what
 * was typed.  A save names the version it was made from: when the plan has
 * moved on since, nothing is written (CP_ECONFLICT, with who saved it and
 * when).  An ended episode's plan is read only (CP_EINVAL, msg says so).
 *
 * Access: callers have checked CAP_PEOPLE.  Memory: records and messages in
 * the caller's arena; inputs borrowed for the call.
 */
#ifndef CP_PLAN_SERVICE_H
#define CP_PLAN_SERVICE_H

#include "../store/store.h"
#include "audit.h"
#include "plan.h"
#include "share.h"

#define PLAN_MSG 400          /* bytes of res->msg */
#define PLAN_VERSIONS_MAX 200 /* versions a page lists */
#define PLAN_REFS_MAX 200     /* users, carers or goals offered */

/* An episode's plan as its pages show it. */
struct plan_record {
	struct store_episode ep;
	struct store_person person;
	bool read_only;                 /* the episode has ended */
	bool exists;                    /* a plan has been saved */
	struct store_care_plan cp;      /* zero (version 0) when none */
	struct plan_item *items;        /* page order: by section, then position (issues by importance) */
	size_t n_items;
	struct plan_ref *users, *carers, *goals;
	struct plan_refs refs;          /* into the three above */
	struct store_plan_version *versions; /* newest first, without snapshots */
	size_t n_versions;
	unsigned hidden;                /* PLAN_BIT()s of sections withheld from the reader (plan_restrict) */
};

#define PLAN_BIT(s) (1u << (s))

/* The sharing section (share.def) that plan section s belongs to. */
enum share_section plan_section_share(enum plan_section s);

/* Withholds from rec every plan section whose sharing section is outside
 * share_mask (SHARE_BIT()s, share_visible_sections): its entries leave
 * rec->items, their goals leave the references, and rec->hidden marks the
 * section so pages leave out its heading, counts and links too. */
void plan_restrict(struct plan_record *rec, unsigned share_mask);
/* Whether a page may show section s of rec. */
bool plan_shown(const struct plan_record *rec, enum plan_section s);

/* What became of a save. */
struct plan_result {
	char msg[PLAN_MSG];   /* why it was refused, for people; "" on success */
	int64_t version;      /* the plan's version after the save (or now, on a conflict) */
	int64_t item_id;      /* the entry saved */
	int64_t saved_ms;     /* on a conflict: when the plan was last saved */
	const char *saved_by; /* on a conflict: by whom (arena), or NULL */
};

/* Reads episode_id's plan (exists false when there is none yet), auditing
 * plan.read with reason why.  CP_ENOTFOUND when there is no such episode. */
enum cp_err plan_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		      int64_t episode_id, const char *why, struct plan_record *out);

/* As plan_read inside the caller's transaction, without an audit row (the
 * caller audits what it shows): for My plan, which reads the plan with
 * the person's own writing in one read. */
enum cp_err plan_load(struct store_conn *c, struct arena *a, int64_t episode_id, struct plan_record *out);

/* The entry of section s with id item_id in rec (the one entry of a
 * one-per-plan section whatever item_id), or NULL. */
const struct plan_item *plan_find(const struct plan_record *rec, enum plan_section s, int64_t item_id);

/* Saves what was typed into entry item_id (0: a new one) of section s of
 * episode_id's plan, which the form read at expected_version (0: no plan
 * yet).  Agreement (PLS_AGREE) marks the plan agreed and sets its next
 * review date to the date agreed plus the interval, or the review date
 * given; later saves keep the next review date unless the interval or the
 * review date given changes.  CP_OK (res: version, item_id); CP_EINVAL with
 * errs (what was typed is wrong) or with res->msg (the episode has ended);
 * CP_ECONFLICT (res: msg, saved_ms, saved_by, version); CP_ENOTFOUND (no
 * such episode, or entry of that section in this plan).  Nothing is written
 * on error.  Audits plan.save. */
enum cp_err plan_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		      int64_t episode_id, enum plan_section s, int64_t item_id, int64_t expected_version,
		      const struct plan_input *in, struct person_errors *errs, struct plan_result *res);

/* As plan_save inside the caller's transaction (no begin/commit), for the
 * demo: expected_version < 0 skips the version check; new_version false
 * writes the entry without moving the version on (plan_new_version then
 * closes the batch) and writes no audit row (the caller audits the batch). */
enum cp_err plan_apply(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		       int64_t episode_id, enum plan_section s, int64_t item_id, int64_t expected_version,
		       const struct plan_input *in, bool new_version, struct person_errors *errs,
		       struct plan_result *res);
/* Inside the caller's transaction: moves episode_id's plan to a new
 * version (bump; or records the current one when false) saved at now_ms
 * by who, with its snapshot. */
enum cp_err plan_new_version(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, bool bump);

/* Removes entry item_id (not a goal or an action: those end by their
 * status) of episode_id's plan, as plan_save.  Audits plan.remove. */
enum cp_err plan_remove(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, int64_t item_id, int64_t expected_version, struct plan_result *res);

/* Two versions of a plan and what changed between them. */
struct plan_comparison {
	struct store_plan_version from, to;
	struct plan_change *changes;
	size_t n;
};

/* Leaves out of cmp the changes to sections rec withholds. */
void plan_comparison_restrict(struct plan_comparison *cmp, const struct plan_record *rec);

/* Compares versions from and to of episode_id's plan (rec is read as
 * plan_read does, auditing plan.read "plan compare").  CP_ENOTFOUND when
 * there is no such episode, plan or version. */
enum cp_err plan_compare(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t episode_id, int64_t from, int64_t to, struct plan_record *rec,
			 struct plan_comparison *out);

/* Inside episode_start's transaction: copies the newest plan of episode
 * previous_id (when it has one) into new_id as a draft for review, with
 * carried_from_plan_id set, goals and actions with their statuses, every
 * other section, and no agreement.  Audits plan.carry_forward. */
enum cp_err plan_carry_forward(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t previous_id, int64_t new_id);

/* Total planned spending of rec's spend lines, in pence. */
int64_t plan_spend_total(const struct plan_record *rec);
/* Total weekly charge to the person of rec's service lines, in pence. */
int64_t plan_service_charge_total(const struct plan_record *rec);

#endif
