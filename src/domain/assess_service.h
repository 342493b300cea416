/*
 * assess_service.h - the audited operations of the holistic assessment:
 * reading an episode's whole assessment, saving the person's story (a new
 * version each time, refused when someone else saved since the form was
 * read), and adding professionals' stories, agreed outcomes, needs, risks
 * and strengths, carers' needs, questionnaire results and medicines, and
 * changing and stopping medicines.
 *
 * Each operation is one transaction with its audit row: assessment.read,
 * assessment.story, assessment.pro_story, assessment.outcome,
 * assessment.entry, assessment.carer_need, assessment.instrument,
 * assessment.medicine.add, assessment.medicine.edit,
 * assessment.medicine.stop.  Audit rows carry ids and codes only (a domain,
 * an instrument code, a version), never what was typed or scored.
 *
 * An episode that has ended (discharged or closed) keeps its assessment to
 * read; every change to it is refused with CP_EFORBIDDEN and a message, and
 * nothing is written.  Records come in validated (assess.h).
 *
 * Access: callers have checked CAP_PEOPLE.  Memory: records in the caller's
 * arena; inputs borrowed for the call; msg is the caller's (msgn bytes,
 * ASSESS_MSG is enough), "" on success.
 */
#ifndef CP_ASSESS_SERVICE_H
#define CP_ASSESS_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "assess.h"
#include "audit.h"
#include "share.h"

#define ASSESS_MSG 400
#define ASSESS_LIST_MAX 200     /* rows of any one list an assessment page shows */
#define ASSESS_CONTACTS_MAX 50

/* An episode's whole assessment, as its page shows it. */
struct assess_record {
	struct store_episode ep;
	struct store_person person;
	bool open;                          /* the episode has not ended: changes allowed */
	bool has_story;
	struct store_story story;           /* the newest version when has_story */
	struct store_story *story_versions; /* every version, newest first */
	size_t n_story_versions;
	struct store_pro_story *pros;
	size_t n_pros;
	struct store_outcome *outcomes;
	size_t n_outcomes;
	struct store_assess_entry *entries; /* by domain */
	size_t n_entries;
	struct store_contact *contacts;     /* the person's contacts (carers among them) */
	size_t n_contacts;
	struct store_carer_need *carer_needs;
	size_t n_carer_needs;
	struct store_instrument_result *results; /* by instrument, oldest first */
	size_t n_results;
	struct store_medicine *medicines;   /* taken first, then stopped */
	size_t n_medicines;
	unsigned withheld;                  /* SHARE_BIT()s withheld from the reader (assess_restrict) */
};

/* Withholds from rec the sharing sections outside share_mask (share.h):
 * SHARE_ASSESSMENT (the stories, outcomes, needs, risks, strengths and
 * carers' needs), SHARE_MEDICINES and SHARE_INSTRUMENTS.  Their records
 * leave rec and rec->withheld marks them, so pages leave out their
 * headings, counts and links too. */
void assess_restrict(struct assess_record *rec, unsigned share_mask);
/* Whether a page may show sharing section s of rec. */
bool assess_shown(const struct assess_record *rec, enum share_section s);

/* Reads episode id's assessment, auditing assessment.read with reason why
 * (a short fixed text, e.g. "assessment page").  CP_ENOTFOUND (no audit
 * row) when there is no such episode. */
enum cp_err assess_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, const char *why, struct assess_record *out);

/* What the assessment has and lacks, for its summary and for figures. */
struct assess_coverage {
	bool story;
	size_t pros, outcomes, entries, carer_needs, results, medicines;
	size_t carers;                    /* contacts marked as carers */
	bool domain_covered[ADOMAIN__MAX];
	size_t domains_missing;
	bool instrument_done[INSTRUMENT__MAX];
	size_t medicines_for_review;      /* taken and flagged */
	const struct store_instrument_result *latest_phq9; /* NULL when none */
};
void assess_coverage_of(const struct assess_record *rec, struct assess_coverage *out);

/* Saves story s (validated) as the next version of episode_id's story,
 * provided the newest version is still expected_version (0: there is none
 * yet).  CP_ECONFLICT (msg says so) when it moved on; CP_ENOTFOUND;
 * CP_EFORBIDDEN when the episode has ended.  *version gets the new version. */
enum cp_err assess_story_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t episode_id, int64_t expected_version, const struct store_story *s,
			      int64_t *version, char *msg, size_t msgn);

/* Adds a validated record to episode_id (its episode_id, user_id and time
 * are set here: the author is who->user_id).  CP_ENOTFOUND; CP_EFORBIDDEN
 * when the episode has ended.  A carer need's contact must be a carer of the
 * episode's person (CP_EINVAL otherwise).  *id gets the new row's id. */
enum cp_err assess_pro_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t episode_id, const struct store_pro_story *p, int64_t *id, char *msg, size_t msgn);
enum cp_err assess_outcome_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t episode_id, const struct store_outcome *o, int64_t *id, char *msg,
			       size_t msgn);
enum cp_err assess_entry_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, const struct store_assess_entry *e, int64_t *id, char *msg,
			     size_t msgn);
enum cp_err assess_carer_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, const struct store_carer_need *k, int64_t *id, char *msg,
			     size_t msgn);
enum cp_err assess_instrument_add(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				  int64_t now_ms, int64_t episode_id, const struct store_instrument_result *r,
				  int64_t *id, char *msg, size_t msgn);
enum cp_err assess_medicine_add(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				int64_t now_ms, int64_t episode_id, const struct store_medicine *m, int64_t *id,
				char *msg, size_t msgn);

/* Reads medicine id (*out) with its episode's assessment (audited as
 * assess_read with why).  CP_ENOTFOUND when there is no such medicine. */
enum cp_err assess_medicine_read(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, const char *why, struct store_medicine *out,
				 struct assess_record *rec);

/* Changes medicine id's name, dose, purpose and review flag to m's (validated),
 * provided it is still at expected_version.  A stopped medicine cannot
 * change (CP_EINVAL, msg).  CP_ENOTFOUND; CP_ECONFLICT (msg); CP_EFORBIDDEN
 * when its episode has ended.  *episode_id gets its episode (0 if unknown). */
enum cp_err assess_medicine_edit(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, int64_t expected_version, const struct store_medicine *m,
				 int64_t *episode_id, char *msg, size_t msgn);

/* Stops medicine id on date (validated) with reason (may be NULL); it stays
 * in the list as stopped.  Errors as assess_medicine_edit. */
enum cp_err assess_medicine_stop(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, int64_t expected_version, const char *date,
				 const char *reason, int64_t *episode_id, char *msg, size_t msgn);

#endif
