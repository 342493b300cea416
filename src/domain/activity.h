/*
 * activity.h - implementation: the plan's actions as they are carried out
 * (status and the person's confidence, with the history of each change) and
 * the activity log (contacts and services delivered, each linked to the
 * action it carries out or said to be outside the plan).
 *
 * "Services follow the plan": the implementation page shows, per action,
 * the activity that carried it out, flags agreed actions with no activity
 * yet and activity not linked to the plan (activity_followups).
 *
 * Any team member with access (CAP_PEOPLE) may change an action's status
 * or record activity; both need the episode open.  Operations run one
 * transaction each with their audit row (action.status, activity.create,
 * activity.read).  Audit rows hold codes and ids only.
 */
#ifndef CP_ACTIVITY_H
#define CP_ACTIVITY_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "episode.h"
#include "person.h"

#define ACTIVITY_WHO_MAX 200
#define ACTIVITY_NOTE_MAX 2000
#define ACTIVITY_MINUTES_MAX 1440
#define ACTIVITY_LIST_MAX 200
#define ACTIVITY_ACTIONS_MAX 100
#define ACTIVITY_EVENTS_MAX 200
#define ACTIVITY_NONE "none" /* the action field's value for "not in the plan" */

enum activity_kind {
	ACTIVITY_HOME_VISIT,
	ACTIVITY_PHONE_CALL,
	ACTIVITY_CLINIC,
	ACTIVITY_SERVICE,
	ACTIVITY_MESSAGE,
	ACTIVITY_KIND__MAX
};

const char *activity_kind_code(enum activity_kind k);
const char *activity_kind_label(enum activity_kind k);
enum activity_kind activity_kind_from_code(const char *code);

/* ---- action status ---- */

struct action_status_input {
	const char *status;     /* action_status.def code */
	const char *confidence; /* 0..10, empty: not recorded */
};

/* Checks the form into *status and *confidence (-1: none).  CP_OK or
 * CP_EINVAL with errs (fields action_status, confidence; reset first). */
enum cp_err action_status_validate(const struct action_status_input *in, enum episode_action_status *status,
				   int *confidence, struct person_errors *errs);

/* Sets action_id's status and confidence; a change of either is kept in the
 * history (who, when, from, to).  *episode_id gets the action's episode.
 * CP_ENOTFOUND when there is no such action; CP_EINVAL with msg when its
 * episode has ended.  Audits action.status. */
enum cp_err action_status_set(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t action_id, enum episode_action_status status, int confidence,
			      int64_t *episode_id, char *msg, size_t msgn);

/* ---- the activity log ---- */

struct activity_input {
	const char *date, *kind, *who, *minutes, *note;
	const char *action; /* an action id of the episode's plan, or ACTIVITY_NONE */
};

/* Checks an entry against the episode's actions (n): date real and not in
 * the future, a kind, who did it, minutes optional 1..1440, note optional,
 * and an action chosen (or "not in the plan").  Fields activity_date,
 * activity_kind, activity_who, activity_minutes, activity_note,
 * activity_action.  CP_OK, CP_EINVAL with errs (reset first), CP_ENOMEM. */
enum cp_err activity_validate(struct arena *a, const struct activity_input *in, int64_t now_ms,
			      const struct store_rv_action *actions, size_t n, struct store_activity *out,
			      struct person_errors *errs);

/* Adds entry v (episode_id set) to the log.  CP_ENOTFOUND; CP_EINVAL with
 * msg when the episode has ended or the action is not of its plan.  Audits
 * activity.create. */
enum cp_err activity_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 const struct store_activity *v, int64_t *id, char *msg, size_t msgn);

/* ---- the page ---- */

struct activity_page {
	struct store_episode ep;
	struct store_person person;
	bool has_plan;
	struct store_rv_plan plan;
	struct store_rv_action *actions;
	size_t n_actions;
	struct store_action_event *events; /* newest first */
	size_t n_events;
	struct store_activity *log;        /* newest first */
	size_t n_log;
};

/* Reads the page, auditing activity.read.  CP_ENOTFOUND (no audit row). */
enum cp_err activity_page_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t episode_id, struct activity_page *out);

/* How the log follows the plan: the entries not linked to an action, and
 * the actions of an agreed plan with no activity yet (open ones only: not
 * done or stopped). */
void activity_followups(const struct activity_page *p, size_t *unlinked, size_t *idle_actions);

/* True when action x counts as agreed with no activity yet. */
bool activity_action_idle(const struct activity_page *p, const struct store_rv_action *x);

#endif
