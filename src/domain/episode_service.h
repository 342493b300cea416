/*
 * episode_service.h - the audited operations on episodes of care planning
 * and their care teams: starting an episode (with how it came in and the
 * consents given), reading it, moving its stage, changing its level of care,
 * and adding, promoting and ending care team members.
 *
 * The rules of stages and levels are episode.h's; this file applies them
 * inside one transaction each, together with the change, its history row
 * (episode_event) and its audit row: episode.create, episode.read,
 * episode.stage, episode.level, careteam.add, careteam.keyworker,
 * careteam.end.  Audit rows name codes and ids only, never what was typed
 * (a reason, a scope, a referral's words).
 *
 * Validation of what someone typed happens here too, into store records,
 * one message a field (struct person_errors, shared with person.h); nothing
 * is written when any field is wrong.
 *
 * Access: callers have checked CAP_PEOPLE.  Memory: records and messages in
 * the caller's arena; inputs borrowed for the call.
 */
#ifndef CP_EPISODE_SERVICE_H
#define CP_EPISODE_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "episode.h"
#include "person.h"

enum episode_field {
#define EPISODE_FIELD(e, name, label, max, missing) EF_##e,
#include "episode_field.def"
#undef EPISODE_FIELD
	EF__MAX
};
_Static_assert(EF__MAX <= PERSON_ERRORS_MAX, "one error a field fits in person_errors");

/* Form name of field f ("" when out of range). */
const char *episode_field_name(enum episode_field f);
const char *episode_field_label(enum episode_field f);

/* The start form as typed (NULL when absent).  Borrowed. */
struct episode_start_input {
	const char *v[EF__MAX];
};

/* A validated start: the episode (stage entry; person_id, times and
 * previous_episode_id for the caller or episode_start to set), how it came
 * in and its two consents ([0] assessment, [1] sharing). */
struct episode_start {
	struct store_episode ep;
	struct store_referral referral;
	struct store_consent consent[2];
};

/* Checks in: origin "referral" needs source, urgency (routine, soon,
 * urgent) and a referral date that is a real date not after the day of
 * now_ms (UTC); "team" needs only the reason.  Level 1..3.  Each consent
 * needs who gave it ("person" or "representative", then the
 * representative's name), a date not in the future and its scope.  CP_OK
 * and *out filled, CP_EINVAL with errs listing every problem (reset first),
 * CP_ENOMEM. */
enum cp_err episode_start_validate(struct arena *a, const struct episode_start_input *in, int64_t now_ms,
				   struct episode_start *out, struct person_errors *errs);

/* The add-a-member form as typed. */
struct team_member_input {
	const char *kind;         /* "user" or "external" */
	const char *user_id;      /* kind "user": the user's id, a member of team_id */
	const char *name;         /* kind "external" */
	const char *organisation; /* kind "external", optional */
	const char *role;         /* required */
	const char *from_date;    /* required, YYYY-MM-DD */
	const char *to_date;      /* optional, not before from_date */
};

/* Checks a member.  A user must be one of the users (of n) offered.
 * CP_OK and *out filled (episode_id 0), CP_EINVAL with errs, CP_ENOMEM. */
enum cp_err team_member_validate(struct arena *a, const struct team_member_input *in,
				 const struct store_user *users, size_t n, struct store_team_member *out,
				 struct person_errors *errs);

/* ---- operations (each one transaction, audited) -------------------------- */

#define EPISODE_LIST_MAX 50    /* episodes a person's page shows */
#define EPISODE_EVENTS_MAX 200 /* history rows an episode page shows */
#define EPISODE_TEAM_MAX 100   /* care team periods an episode page shows */
#define EPISODE_MSG 400        /* bytes of the message buffers below */

/* An episode as its page shows it. */
struct episode_record {
	struct store_episode ep;
	struct store_person person;
	bool has_referral;
	struct store_referral referral;
	struct store_consent *consents;
	size_t n_consents;
	struct store_episode_event *events;  /* oldest first */
	size_t n_events;
	struct store_team_member *members;   /* running periods first, the key worker first */
	size_t n_members;
	const struct store_team_member *key_worker; /* into members, NULL when none */
};

/* Starts validated episode s for person_id at entry.  When the person's
 * newest episode is in maintenance or discharged, the new one is linked to
 * it (previous_episode_id); a maintenance episode is then closed in the same
 * transaction ("no longer needed": a new episode replaces it), so the person
 * still has one open episode.  key_worker_user (0: none) becomes the key
 * worker from today in role kw_role.  *id gets the new id.  CP_ENOTFOUND when
 * there is no such person; CP_ECONFLICT when the person has another open
 * episode (*open_id its id) and nothing is written.  Audits episode.create. */
enum cp_err episode_start(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  int64_t person_id, const struct episode_start *s, int64_t key_worker_user,
			  const char *kw_role, int64_t *id, int64_t *open_id);

/* As episode_start, inside a transaction the caller has begun (store_begin)
 * and commits or rolls back: so another change (a person created from the
 * register) and the episode are one transaction.  A consent whose kind is
 * NULL is not recorded (not sought yet).  On error the caller rolls back. */
enum cp_err episode_start_in_tx(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
				int64_t person_id, const struct episode_start *s, int64_t key_worker_user,
				const char *kw_role, int64_t *id, int64_t *open_id);

/* Reads episode id with its person, referral, consents, history and care
 * team, auditing episode.read with reason why.  CP_ENOTFOUND (no audit row)
 * when there is none. */
enum cp_err episode_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t id, const char *why, struct episode_record *out);

/* A person's episodes, the open one first, then newest first (no audit:
 * the caller reads the person, which is audited). */
enum cp_err episode_list_of(struct store_conn *c, struct arena *a, int64_t person_id,
			    struct store_episode **out, size_t *n);

/* Moves episode id to stage `to` with closure and reason, provided it is
 * still at expected_version.  CP_ENOTFOUND; CP_ECONFLICT when the version
 * moved on (msg says so); CP_EINVAL when episode_check_transition refuses
 * (msg is its message, naming the allowed stages).  *stage_now gets the
 * stage it was found at.  Nothing is written on error.  Audits
 * episode.stage. */
enum cp_err episode_move(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t id, int64_t expected_version, enum episode_stage to, enum episode_closure closure,
			 const char *reason, enum episode_stage *stage_now, char *msg, size_t msgn);

/* As episode_move, and a move to discharged or maintenance also needs what
 * it carries (x: the route back, or the check-in plan; review_exit.h):
 * without it CP_EINVAL and msg says what to record.  x is written in the
 * move's transaction.  The stage form uses this. */
struct exit_details;
enum cp_err episode_move_exit(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t id, int64_t expected_version, enum episode_stage to,
			      enum episode_closure closure, const char *reason, const struct exit_details *x,
			      enum episode_stage *stage_now, char *msg, size_t msgn);

/* The work of a move and of a level change inside the CALLER's transaction
 * (so that a review can apply its decision with its own rows): cur is the
 * episode as read in that transaction and becomes the row written (version
 * one more).  Checks, history row and audit row as episode_move and
 * episode_change_level; require_exit as episode_move_exit.  On error the
 * caller rolls back. */
enum cp_err episode_move_in(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			    struct store_episode *cur, enum episode_stage to, enum episode_closure closure,
			    const char *reason, const struct exit_details *x, bool require_exit, char *msg, size_t msgn);
enum cp_err episode_level_in(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			     struct store_episode *cur, enum episode_level to, const char *reason, char *msg,
			     size_t msgn);

/* Changes episode id's level of care to `to` with reason, as episode_move
 * does (a closed or discharged episode's level cannot change).  Audits
 * episode.level. */
enum cp_err episode_change_level(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, int64_t expected_version, enum episode_level to,
				 const char *reason, char *msg, size_t msgn);

/* Adds validated member m to episode m->episode_id (open episodes only:
 * CP_EINVAL with msg otherwise).  CP_ENOTFOUND.  Audits careteam.add. */
enum cp_err careteam_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 const struct store_team_member *m, int64_t *id, char *msg, size_t msgn);

/* Makes the member of period member_id (running, of episode_id) the key
 * worker from today: the current key worker's key-worker period ends today
 * and they carry on as a member; member_id's period ends and a key-worker
 * period starts.  The history gets a "keyworker" row.  CP_ENOTFOUND when
 * the period is not a running one of that episode; CP_EINVAL (msg) when they
 * are key worker already or the episode is not open.  Audits
 * careteam.keyworker. */
enum cp_err careteam_make_key_worker(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				     int64_t now_ms, int64_t episode_id, int64_t member_id, char *msg, size_t msgn);

/* Ends period member_id of episode_id on to_date (YYYY-MM-DD, not before
 * its start).  The key worker's period cannot end (make someone else key
 * worker first).  CP_ENOTFOUND; CP_EINVAL with msg.  Audits careteam.end. */
enum cp_err careteam_end(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t episode_id, int64_t member_id, const char *to_date, char *msg, size_t msgn);

/* The name to show for a member: the user's display name or the contact's. */
const char *careteam_member_name(const struct store_team_member *m);

/* Labels for codes of referral urgency, origin and consent giver ("" when unknown). */
const char *episode_urgency_label(const char *code);

#endif
