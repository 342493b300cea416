/*
 * episode.h - an episode of care planning: its stages and the moves between
 * them, why it closed, the level of care, what a review decides, and the
 * statuses of goals and actions.
 *
 * An episode is one period of a person's care planning.  It moves through the
 * cycle entry -> assessment -> planning -> active -> review, and from review
 * back to active, on to maintenance (with check-ins that lead to another
 * review), to discharge to self-care, or to closed.  Any open stage (every
 * stage but discharged and closed) may be closed, with a closure reason.
 * Discharged and closed are final.  A person in maintenance or discharged who
 * needs care planning again starts a NEW episode (episode_can_reenter); that
 * is not a transition of the old one.
 *
 * Every move needs a reason in words (1..EPISODE_REASON_MAX characters), as
 * does every change of the level of care.  These rules live here only: the
 * HTTP layer validates with the episode_check_* functions, the store records
 * the codes, and FHIR reads the FHIR columns of the tables.
 *
 * Pure: no I/O, no allocation.  Every string returned is static.  Messages are
 * written into the caller's buffer (msg, msgn bytes, always terminated when
 * msgn > 0); EPISODE_MSG_MAX bytes hold any of them untruncated.
 */
#ifndef CP_EPISODE_H
#define CP_EPISODE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"

#define EPISODE_REASON_MAX 500 /* characters (code points) in a reason */
#define EPISODE_MSG_MAX 320    /* bytes that hold any message from this module */

enum episode_stage {
#define STAGE(e, code, label, fhir) STAGE_##e,
#include "stage.def"
#undef STAGE
	STAGE__MAX
};

/* Why an episode was closed.  CLOSURE_NONE is "no reason given" and is what
 * every move other than to closed carries. */
enum episode_closure {
	CLOSURE_NONE = 0,
#define CLOSURE(e, code, label) CLOSURE_##e,
#include "closure.def"
#undef CLOSURE
	CLOSURE__MAX
};

enum episode_level {
#define CARE_LEVEL(e, num, code, label) CARE_LEVEL_##e,
#include "care_level.def"
#undef CARE_LEVEL
	CARE_LEVEL__MAX
};

enum episode_decision {
#define DECISION(e, code, label, stage) DECISION_##e,
#include "review_decision.def"
#undef DECISION
	DECISION__MAX
};

enum episode_goal_status {
#define GOAL_STATUS(e, code, label, lifecycle, achievement) GOAL_STATUS_##e,
#include "goal_status.def"
#undef GOAL_STATUS
	GOAL_STATUS__MAX
};

enum episode_action_status {
#define ACTION_STATUS(e, code, label, fhir) ACTION_STATUS_##e,
#include "action_status.def"
#undef ACTION_STATUS
	ACTION_STATUS__MAX
};

/* ---- stages ---- */

/* Code <-> enum.  The _code functions return "" and the _label functions a
 * "Unknown ..." label for a value out of range; _from_code returns the __MAX
 * value for NULL, "" or an unknown code (codes are exact and lower case). */
const char *episode_stage_code(enum episode_stage s);
const char *episode_stage_label(enum episode_stage s);
enum episode_stage episode_stage_from_code(const char *code);

/* The FHIR R4 EpisodeOfCare.status for an episode at stage s: the column of
 * stage.def, except that a closed episode that never reached STAGE_ACTIVE
 * (reached_active false) was "cancelled" before it started.  reached_active
 * is ignored for other stages.  "" for an unknown stage. */
const char *episode_fhir_status(enum episode_stage s, bool reached_active);

/* True when the episode is still open at s: every stage but discharged and
 * closed.  False for an unknown stage. */
bool episode_stage_open(enum episode_stage s);

/* True when a person whose episode is at s may start a new episode
 * (maintenance and discharged).  False for every other or unknown stage. */
bool episode_can_reenter(enum episode_stage s);

/* True when an episode at `from` may move to `to`: a move of the cycle (see
 * the file comment) or closure of an open stage.  False for staying put and
 * for any unknown stage. */
bool episode_transition_allowed(enum episode_stage from, enum episode_stage to);

/* Writes a sentence naming the stages an episode at `from` may move to, in
 * the order of stage.def, e.g. "From assessment the episode can move to:
 * planning, closed."; for a final stage it says the episode cannot move, and
 * where a new episode may be started it says so.  CP_OK when the sentence fit
 * in msg; CP_ENOMEM when it was cut short (still terminated); CP_EINVAL for an
 * unknown stage (msg says so). */
enum cp_err episode_next_stages_text(enum episode_stage from, char *msg, size_t msgn);

/* Validates a move of an episode from `from` to `to`: CP_OK when the move is
 * allowed, closure is a closure reason exactly when `to` is STAGE_CLOSED
 * (CLOSURE_NONE otherwise), and reason is valid UTF-8 text of
 * 1..EPISODE_REASON_MAX characters that is not all white space.  Otherwise
 * CP_EINVAL and msg (msgn bytes) says what is wrong for the person making the
 * move; a refused move names the stages that are allowed.  reason may be
 * NULL (refused as missing).  Checks run in that order; the first failure
 * is reported. */
enum cp_err episode_check_transition(enum episode_stage from, enum episode_stage to,
				     enum episode_closure closure, const char *reason, char *msg,
				     size_t msgn);

/* ---- closure reasons ---- */

/* Code <-> enum.  CLOSURE_NONE has code ""; episode_closure_from_code returns
 * CLOSURE_NONE for NULL or "" and CLOSURE__MAX for an unknown code. */
const char *episode_closure_code(enum episode_closure c);
const char *episode_closure_label(enum episode_closure c);
enum episode_closure episode_closure_from_code(const char *code);

/* ---- levels of care ---- */

/* Code <-> enum, as for stages.  episode_level_number gives 1, 2 or 3 (0 for
 * an unknown level); episode_level_from_number is its inverse and returns
 * CARE_LEVEL__MAX for any other number. */
const char *episode_level_code(enum episode_level l);
const char *episode_level_label(enum episode_level l);
int episode_level_number(enum episode_level l);
enum episode_level episode_level_from_code(const char *code);
enum episode_level episode_level_from_number(int n);

/* Validates a change of the level of care from `from` to `to`: CP_OK when
 * both are levels, they differ, and reason is as for a transition.  Otherwise
 * CP_EINVAL and msg says what is wrong. */
enum cp_err episode_check_level_change(enum episode_level from, enum episode_level to,
				       const char *reason, char *msg, size_t msgn);

/* ---- review decisions ---- */

/* Code <-> enum, as for stages. */
const char *episode_decision_code(enum episode_decision d);
const char *episode_decision_label(enum episode_decision d);
enum episode_decision episode_decision_from_code(const char *code);

/* The stage the episode moves to from review on decision d, or STAGE__MAX
 * for an unknown decision.  Every decision's stage is allowed from review. */
enum episode_stage episode_decision_stage(enum episode_decision d);

/* What a review decided, as entered; borrowed strings. */
struct episode_review {
	enum episode_decision decision;
	enum episode_level level_now; /* the level of care before the review */
	enum episode_level level_new; /* read only for DECISION_CHANGE_LEVEL */
	enum episode_closure closure; /* a reason for DECISION_CLOSE, else CLOSURE_NONE */
	const char *reason;           /* why, in words: 1..EPISODE_REASON_MAX characters */
};

/* Validates a review's outcome: the move from review to the decision's stage
 * as episode_check_transition does, and for DECISION_CHANGE_LEVEL the level
 * change as episode_check_level_change does (with the same reason).  CP_OK or
 * CP_EINVAL with msg saying what is wrong (an unknown decision included). */
enum cp_err episode_check_review(const struct episode_review *r, char *msg, size_t msgn);

/* ---- goals and actions ---- */

/* Code <-> enum, as for stages.  The FHIR functions return "" for an unknown
 * status; episode_goal_status_fhir_achievement also returns "" for a status
 * that sends no achievementStatus (proposed, cancelled). */
const char *episode_goal_status_code(enum episode_goal_status s);
const char *episode_goal_status_label(enum episode_goal_status s);
enum episode_goal_status episode_goal_status_from_code(const char *code);
const char *episode_goal_status_fhir_lifecycle(enum episode_goal_status s);
const char *episode_goal_status_fhir_achievement(enum episode_goal_status s);

const char *episode_action_status_code(enum episode_action_status s);
const char *episode_action_status_label(enum episode_action_status s);
enum episode_action_status episode_action_status_from_code(const char *code);
const char *episode_action_status_fhir(enum episode_action_status s);

#endif
