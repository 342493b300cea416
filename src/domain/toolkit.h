/*
 * toolkit.h - the care planning self-assessment toolkit (seed 001,
 * appendix 2) and an organisation's dated self-assessments against it.
 *
 * The items are declared once in toolkit.def, each with a stable code,
 * its stage and the live evidence figure shown beside it
 * (toolkit_evidence.h).  A self-assessment belongs to one team and one
 * date; the team manager answers each item yes, no or partly with a
 * comment, and agrees actions with an owner and a due date.  Saving an
 * answer stores the item's figure as it stands then, so two assessments
 * can be compared later with what the data said each time.
 *
 * Every change is one transaction with its audit row: selfassess.create,
 * selfassess.answers (one row a stage saved), selfassess.action,
 * selfassess.action_done.  These are the organisation's own records: no
 * person's data, so reads are not audited.  A self-assessment of another
 * team is answered as not there (CP_ENOTFOUND).
 */
#ifndef CP_TOOLKIT_H
#define CP_TOOLKIT_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "person.h"
#include "toolkit_evidence.h"

#define TK_TITLE_MAX 200    /* characters */
#define TK_NOTES_MAX 4000   /* characters */
#define TK_COMMENT_MAX 2000 /* characters */
#define TK_ACTION_MAX 2000  /* characters */
#define TK_OWNER_MAX 200    /* characters */
#define TK_LIST_MAX 200     /* self-assessments listed */
#define TK_ACTIONS_MAX 500  /* actions of one self-assessment */

enum tk_stage {
	TK_STAGE_ENTRY,
	TK_STAGE_ASSESSMENT,
	TK_STAGE_PLAN,
	TK_STAGE_IMPLEMENT,
	TK_STAGE_REVIEW,
	TK_STAGE_EXIT,
	TK_STAGE_OVERALL,
	TK_STAGE__MAX
};

enum tk_item {
#define ITEM(e, code, stage, text, fig) TK_ITEM_##e,
#include "toolkit.def"
#undef ITEM
	TK_ITEM__MAX
};

enum tk_answer { TK_ANSWER_YES, TK_ANSWER_PARTLY, TK_ANSWER_NO, TK_ANSWER__MAX };

/* The stage's code ("entry") and heading ("Entry"); "" past the end. */
const char *toolkit_stage_code(enum tk_stage s);
const char *toolkit_stage_label(enum tk_stage s);
/* TK_STAGE__MAX for an unknown code or NULL. */
enum tk_stage toolkit_stage_from_code(const char *code);

const char *toolkit_item_code(enum tk_item i);
const char *toolkit_item_text(enum tk_item i);
enum tk_stage toolkit_item_stage(enum tk_item i);
enum sat_figure toolkit_item_figure(enum tk_item i);
/* TK_ITEM__MAX for an unknown code or NULL. */
enum tk_item toolkit_item_from_code(const char *code);

/* "yes", "partly", "no" and "Yes", "Partly", "No". */
const char *toolkit_answer_code(enum tk_answer x);
const char *toolkit_answer_label(enum tk_answer x);
enum tk_answer toolkit_answer_from_code(const char *code);

/* The form field names of an item's answer and comment: "answer-E1",
 * "comment-E1".  In the arena. */
const char *toolkit_answer_field(struct arena *a, enum tk_item i);
const char *toolkit_comment_field(struct arena *a, enum tk_item i);

/* ---- changes ---------------------------------------------------------------- */

/* Starting a self-assessment, as typed.  Borrowed. */
struct tk_start_input {
	const char *title, *assessed_on, *notes;
};

/* Starts a self-assessment of user's team.  On CP_EINVAL errs names
 * "title", "assessed_on" (a date, not in the future) or "notes"; a user
 * with no team gets CP_EINVAL on "title" saying so.  *id the new one. */
enum cp_err toolkit_start(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *user, const struct tk_start_input *in, struct person_errors *errs,
			  int64_t *id);

/* A stage's answers as typed: per item of the stage, the answer code and
 * the comment (both may be NULL or empty: the item is left as it was).
 * Borrowed. */
struct tk_stage_input {
	enum tk_stage stage;
	const char *answer[TK_ITEM__MAX];
	const char *comment[TK_ITEM__MAX];
};

/* Saves the answers of one stage of assessment id (of user's team), each
 * with its figure worked out now for the assessment's team and date.  On
 * CP_EINVAL errs names each wrong field ("answer-E1": not yes, no or partly,
 * or a comment with no answer; "comment-E1": too long); nothing is
 * written.  CP_ENOTFOUND for an assessment that is not there or not the
 * team's.  *saved counts the answers written. */
enum cp_err toolkit_save_stage(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       const struct store_user *user, int64_t id, const struct tk_stage_input *in,
			       struct person_errors *errs, size_t *saved);

/* An agreed action as typed.  owner_user: a member of the team (a user
 * id) or empty; owner_name: anyone else by name.  Borrowed. */
struct tk_action_input {
	const char *item, *what, *owner_user, *owner_name, *due_date;
};

/* Adds an action to assessment id.  On CP_EINVAL errs names "item",
 * "what", "owner_user" (neither an owner nor a name, or not a member of the
 * team, or both), "owner_name" (too long) or "due_date". */
enum cp_err toolkit_action_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       const struct store_user *user, int64_t id, const struct tk_action_input *in,
			       struct person_errors *errs, int64_t *action_id);

/* Marks action action_id of assessment id done today.  CP_ENOTFOUND when
 * either is not there, not the team's or the action is done already. */
enum cp_err toolkit_action_done(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
				const struct store_user *user, int64_t id, int64_t action_id);

/* ---- reading ---------------------------------------------------------------- */

/* A self-assessment with its answers and actions, by item. */
struct tk_record {
	struct store_sat sat;
	const struct store_sat_answer *answer[TK_ITEM__MAX]; /* NULL where not answered */
	struct store_sat_action *actions;                    /* oldest first */
	size_t n_actions;
	size_t n_answered;
};

/* Reads assessment id of user's team.  CP_ENOTFOUND when it is not there or
 * another team's. */
enum cp_err toolkit_read(struct store_conn *c, struct arena *a, const struct store_user *user, int64_t id,
			 struct tk_record *out);

/* The figures of every item worked out now for team_id on asof
 * (TK_ITEM__MAX of them into out). */
enum cp_err toolkit_live(struct store_conn *c, struct arena *a, int64_t team_id, const char *asof,
			 struct tk_figure *out);

/* The figure saved with an answer (has false when none or an is NULL). */
struct tk_figure toolkit_saved_figure(enum tk_item i, const struct store_sat_answer *an);

/* Comparing two: per item, whether the answer changed and in which
 * direction (better: no -> partly -> yes). */
enum tk_change { TK_SAME, TK_BETTER, TK_WORSE, TK_NEWLY, TK_DROPPED, TK_NEITHER };
enum tk_change toolkit_change(const struct store_sat_answer *before, const struct store_sat_answer *after);
/* "No change", "Better", "Worse", "Answered only in the later one",
 * "Answered only in the earlier one", "Not answered in either". */
const char *toolkit_change_label(enum tk_change ch);

#endif
