/*
 * review_exit.h - leaving the active cycle: the route back recorded when an
 * episode is discharged to self-care (who to call, their number, how), and
 * the check-in plan recorded when it moves to maintenance (every how many
 * days, the next check-in date).  Both are required by those moves
 * (episode_move_exit, review_hold) and written in the move's transaction.
 *
 * Form fields: sos_who, sos_phone, sos_how, checkin_days, next_checkin.
 * Memory: validated strings in the caller's arena.
 */
#ifndef CP_REVIEW_EXIT_H
#define CP_REVIEW_EXIT_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "episode.h"
#include "person.h"

#define EXIT_WHO_MAX 200      /* characters */
#define EXIT_PHONE_MAX 40
#define EXIT_HOW_MAX 1000
#define EXIT_INTERVAL_MAX 365 /* days between check-ins */

/* As typed (NULL when absent).  Borrowed. */
struct exit_input {
	const char *sos_who, *sos_phone, *sos_how;
	const char *checkin_days, *next_checkin;
};

/* What a move to `to` carries. */
struct exit_details {
	bool has_route;              /* discharged */
	struct store_exit route;     /* episode_id, user_id, recorded_ms set when written */
	bool has_maintenance;        /* maintenance */
	struct store_maintenance maintenance;
};

/* Validates what a move to `to` needs, adding one message a field to errs
 * (which is not reset, so it can follow another form's checks): to
 * discharged, all three parts of the route back; to maintenance, the
 * interval (1..365 days) and the next check-in date (a real date, not before
 * today; empty means today plus the interval).  Other stages need nothing.
 * CP_OK, CP_EINVAL, CP_ENOMEM. */
enum cp_err exit_validate(struct arena *a, enum episode_stage to, const struct exit_input *in, int64_t now_ms,
			  struct exit_details *out, struct person_errors *errs);

/* True when x carries what a move to `to` needs (a route back for
 * discharged, a check-in plan for maintenance). */
bool exit_complete(enum episode_stage to, const struct exit_details *x);

/* Writes x for episode_id, inside the caller's transaction. */
enum cp_err exit_write(struct store_conn *c, int64_t episode_id, const struct exit_details *x, int64_t user_id,
		       int64_t now_ms);

#endif
