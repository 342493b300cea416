/*
 * review.h - reviews of an episode's plan, and maintenance check-ins.
 *
 * A review is held when the episode is at stage review.  It records the date,
 * who came (the person, their carer, named members of the care team, others
 * in words), the person's view in their own words, progress on each goal of
 * the plan (a note and, for a goal that uses goal attainment scaling, the
 * level reached, -2..+2), what changed, and the decision (review_decision.def).
 * review_hold applies the decision with the episode's own moves
 * (episode_level_in, episode_move_in) in ONE transaction with the review's
 * rows and its audit row (review.create): a change of level first when the
 * decision is to change it, then the move to the decision's stage; a close
 * carries its closure reason, a discharge its route back and maintenance its
 * check-in plan (review_exit.h).  The next review date (default: the review
 * date plus the plan's review interval) goes to the review row and to
 * care_plan.next_review_date, and only that column; decisions that end the
 * cycle (maintenance, discharge, close) clear it.
 *
 * Reading the reviews page audits review.read; a check-in audits
 * checkin.create.  Audit rows hold codes and ids only.
 *
 * Memory: records and messages in the caller's arena; inputs borrowed.
 */
#ifndef CP_REVIEW_H
#define CP_REVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "caldate.h"
#include "episode.h"
#include "form.h"
#include "person.h"
#include "review_exit.h"

#define REVIEW_GOALS_MAX 20    /* goals a review form scores */
#define REVIEW_MEMBERS_MAX 30  /* care team members a review form offers */
#define REVIEW_LIST_MAX 50     /* past reviews a page shows */
#define REVIEW_TEXT_MAX 4000   /* characters in the person's view, what changed */
#define REVIEW_NOTE_MAX 2000   /* characters in a goal's note, a check-in's note */
#define REVIEW_OTHERS_MAX 500  /* characters naming others who came */
#define REVIEW_MSG 400         /* bytes of the message buffers below */

/* ---- shared pieces of validation (also used by activity.c, review_exit.c) --- */

/* A text field: trimmed, valid UTF-8, at most max characters; NULL when
 * empty (then the `missing` message is added, when not NULL) or wrong. */
char *review_text(struct form_check *v, const char *field, const char *label, size_t max, const char *raw,
		  const char *missing);

/* A date field: a real YYYY-MM-DD, not after today when past_only; NULL
 * when empty (missing added when not NULL) or wrong. */
char *review_date(struct form_check *v, const char *field, const char *label, const char *raw, const char *missing,
		  bool past_only);

/* The UTC date of now_ms. */
struct caldate review_today(int64_t now_ms);

/* The default next review date: held plus interval_days (1..730), into out
 * (CALDATE_STR bytes).  CP_EINVAL when held is not a date or the interval is
 * out of range (out is then ""). */
enum cp_err review_next_date(const char *held, int interval_days, char *out);

/* ---- the review form ------------------------------------------------------------ */

struct review_input {
	const char *held_date, *person_attended, *carer_attended, *others, *person_view, *what_changed;
	const char *decision, *level, *closure, *reason, *next_review;
	const char *goal_note[REVIEW_GOALS_MAX]; /* for context goals[i] */
	const char *goal_gas[REVIEW_GOALS_MAX];
	const char *members[REVIEW_MEMBERS_MAX]; /* care team period ids ticked */
	size_t n_members;
	struct exit_input exit;
};

/* What the form is checked against. */
struct review_context {
	const struct store_episode *ep;
	const struct store_rv_plan *plan;        /* NULL when the episode has no plan */
	const struct store_rv_goal *goals;       /* the plan's goals, at most REVIEW_GOALS_MAX */
	size_t n_goals;
	const struct store_team_member *team;    /* the care team's periods */
	size_t n_team;
};

struct review_valid {
	struct store_review r;                   /* episode_id, user and times for review_hold to set */
	struct store_review_goal goals[REVIEW_GOALS_MAX];
	size_t n_goals;
	struct store_review_attendee att[REVIEW_MEMBERS_MAX];
	size_t n_att;
	enum episode_decision decision;
	enum episode_level level_new;            /* CHANGE_LEVEL only */
	enum episode_closure closure;            /* CLOSE only */
	struct exit_details exit;
};

/* Checks the form: held date (a real date, not in the future), the
 * decision, a new level different from the current one (change the level),
 * a closure reason (close), why (1..EPISODE_REASON_MAX characters), each
 * goal's note and GAS level (-2..2, only for goals that use GAS), the
 * ticked members (periods of ctx's team), the next review date (decisions
 * that continue the cycle: after the review date; empty takes the default
 * from the plan's interval, and without one it is required), and the exit
 * details of a discharge or maintenance.  CP_OK, CP_EINVAL with errs (one a
 * field, reset first), CP_ENOMEM. */
enum cp_err review_validate(struct arena *a, const struct review_input *in, const struct review_context *ctx,
			    int64_t now_ms, struct review_valid *out, struct person_errors *errs);

/* True (msg says why) when a review cannot be recorded for an episode at
 * st: it has ended, or it is not at review. */
bool review_refused_at(enum episode_stage st, char *msg, size_t msgn);
/* True (msg says why) when a check-in cannot be recorded at st (anything
 * but maintenance). */
bool checkin_refused_at(enum episode_stage st, char *msg, size_t msgn);

/* Records review v for episode_id and applies its decision, provided the
 * episode is at review and at expected_version.  *review_id gets the new id.
 * CP_ENOTFOUND; CP_ECONFLICT (stale version, msg says so); CP_EINVAL with
 * msg when the episode is not at review (ended or elsewhere in the cycle)
 * or the move is refused.  Nothing is written on error. */
enum cp_err review_hold(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, int64_t expected_version, const struct review_valid *v,
			int64_t *review_id, char *msg, size_t msgn);

/* ---- check-ins ------------------------------------------------------------------- */

struct checkin_input {
	const char *date, *note, *next; /* next empty: date plus the interval */
};

/* Checks a check-in: its date (real, not in the future), note (optional,
 * REVIEW_NOTE_MAX) and next date (after the check-in; default date plus
 * interval_days, 28 when 0).  Fields checkin_date, checkin_note,
 * checkin_next.  CP_OK, CP_EINVAL with errs (reset first), CP_ENOMEM. */
enum cp_err checkin_validate(struct arena *a, const struct checkin_input *in, int interval_days, int64_t now_ms,
			     struct store_checkin *out, struct person_errors *errs);

/* Records check-in k for episode_id (at maintenance: CP_EINVAL with msg
 * otherwise) and moves the maintenance plan's next check-in date to it.
 * CP_ENOTFOUND.  Audits checkin.create. */
enum cp_err checkin_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, const struct store_checkin *k, char *msg, size_t msgn);

/* ---- the reviews page -------------------------------------------------------------- */

struct review_page {
	struct store_episode ep;
	struct store_person person;
	bool has_plan;
	struct store_rv_plan plan;
	struct store_rv_goal *goals;
	size_t n_goals;
	struct store_team_member *team;
	size_t n_team;
	struct store_review *reviews;          /* newest first */
	size_t n_reviews;
	struct store_review_goal *progress;    /* of every review, by review */
	size_t n_progress;
	struct store_review_attendee *attendees;
	size_t n_attendees;
	bool has_maintenance;
	struct store_maintenance maintenance;
	struct store_checkin *checkins;
	size_t n_checkins;
	bool has_exit;
	struct store_exit exit;
};

/* Reads all the page shows for episode_id, auditing review.read.
 * CP_ENOTFOUND (no audit row) when there is no such episode. */
enum cp_err review_page_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, struct review_page *out);

/* The GAS T-score of review_id's progress rows (of n), for the goals that
 * recorded a level; false when none did. */
bool review_gas_tscore(const struct store_review_goal *progress, size_t n, int64_t review_id, double *t,
		       size_t *goals);

#endif
