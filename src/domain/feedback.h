/*
 * feedback.h - people and carers telling the team how care planning is
 * going: three statements rated 1 (strongly disagree) to 5 (strongly
 * agree), and words of their own if they want.
 *
 * Feedback belongs to the team responsible for the person.  The team
 * manager reads it without names; commissioners see only totals, and no
 * figure built from fewer than FEEDBACK_SMALL responses.  Giving feedback
 * is audited (feedback.create); the words are never audited or logged.
 */
#ifndef CP_FEEDBACK_H
#define CP_FEEDBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "person.h"

#define FEEDBACK_COMMENT_MAX 2000 /* characters */
#define FEEDBACK_SMALL 5          /* fewer responses than this are not shown as figures */

enum feedback_q { FQ_INVOLVED, FQ_LISTENED, FQ_USEFUL, FQ__MAX };

/* The form field and the statement for question q. */
const char *feedback_field(enum feedback_q q);
const char *feedback_statement(enum feedback_q q);
/* "Strongly disagree" .. "Strongly agree" for 1..5, "" otherwise. */
const char *feedback_rating_label(int v);

/* The form as typed.  Borrowed. */
struct feedback_input {
	const char *rating[FQ__MAX];
	const char *comment;
	const char *about; /* a carer with more than one person: whose care planning (a person id) */
};

/* Checks and records feedback from giver (a person, about their own care
 * planning; or a carer, about a person who has a live grant for them).  On
 * CP_EINVAL errs names each field: "involved", "listened", "useful",
 * "comment", "about".  One transaction with its audit row. */
enum cp_err feedback_give(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *giver, const struct feedback_input *in, struct person_errors *errs,
			  int64_t *id);

/* True when n responses are too few to show as a figure. */
bool feedback_suppressed(int64_t n);

/* The share, in whole per cent rounded half up, of part in n (0 when n is 0). */
int feedback_percent(int64_t part, int64_t n);

#endif
