/*
 * myplan.h - "My plan": the person's own view of their plan, and what they
 * (or a carer) write themself.
 *
 * Reading: my_read gathers, in one read transaction with one audit row
 * (myplan.read, the page as reason), what the My plan pages show of one
 * person to one reader: the person, their current episode (the open one,
 * else the newest), its plan, the care team and key worker, About me with
 * its history, the marks on goals and actions the person added, and the
 * story and questions for the next review.  The sections the reader may
 * see come from share_visible_sections (share.h): what is outside the mask
 * is not read at all, so no page can show it by mistake.
 *
 * Writing: each save is one transaction with its audit row, and writes
 * nothing on error.  About me and the story are kept as versions (a save
 * names the version it was made from; an older one is refused with
 * CP_ECONFLICT and who saved it since).  Goals and actions the person adds
 * go into the plan through plan_apply (plan_service.h), so they pass the
 * plan's own checks and make a plan version like any other save, and are
 * marked as the person's (plan_own).
 *
 * Who writes: the person (role "person", their own record).  A carer reads
 * only (docs/my-plan.md says why); the domain refuses a carer's writes with
 * CP_EFORBIDDEN, whatever the routes allow.
 *
 * Memory: records and messages in the caller's arena; inputs borrowed.
 */
#ifndef CP_MYPLAN_H
#define CP_MYPLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "access.h"
#include "audit.h"
#include "form.h"
#include "plan_service.h"

#define MY_ABOUT_MAX 2000    /* characters of one About me item */
#define MY_STORY_MAX 8000    /* characters of the story for review */
#define MY_QUESTION_MAX 2000 /* characters of one question */
#define MY_GOAL_MAX 500      /* characters of a goal or a step (as plan_field.def) */
#define MY_HISTORY_MAX 50    /* About me versions a page lists */
#define MY_QUESTIONS_MAX 50  /* questions for one review */
#define MY_MSG 400           /* bytes of struct my_result.msg */

enum about_item {
#define ABOUT(e, field, label, hint) ABOUT_##e,
#include "about_me.def"
#undef ABOUT
	ABOUT__MAX
};

const char *about_field(enum about_item i);
const char *about_label(enum about_item i);
const char *about_hint(enum about_item i);

/* "person" for a person, "carer" for anyone else who writes as a carer. */
const char *my_writer(const struct store_user *u);

/* What My plan shows of one person to one reader. */
struct my_view {
	struct store_person person;
	enum access_basis basis;
	unsigned mask;                          /* SHARE_BIT()s the reader may see */
	bool has_episode;
	struct store_episode ep;                /* the open episode, else the newest */
	struct plan_record plan;                /* plan.exists false when none */
	bool has_key_worker;
	struct store_team_member key_worker;
	struct store_team_member *team;         /* current members (no end date) */
	size_t n_team;
	bool has_about;                         /* SHARE_ABOUT and written */
	struct store_about_me about;
	struct store_about_me *history;         /* newest first */
	size_t n_history;
	struct store_plan_own *own;             /* marks of the person's own goals and actions */
	size_t n_own;
	bool has_story;                         /* SHARE_ASSESSMENT and written */
	struct store_review_story story;
	struct store_review_question *questions;
	size_t n_questions;
};

/* Reads person_id's My plan as u sees it on basis b (ACCESS_NONE:
 * CP_EFORBIDDEN), auditing myplan.read with page as the reason.
 * CP_ENOTFOUND when there is no such person. */
enum cp_err my_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		    const struct store_user *u, enum access_basis b, int64_t person_id, const char *page,
		    struct my_view *out);

/* As my_read, for a professional printing someone's copy of the plan: the
 * view person_id's own copy shows (carer_user_id 0) or the one carer
 * carer_user_id's shows (CP_ENOTFOUND when they hold no live grant from the
 * person now), whatever the professional may see themself.  The caller has
 * checked the professional's own access.  Audits myplan.read with page. */
enum cp_err my_read_copy(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t person_id, int64_t carer_user_id, const char *page, struct my_view *out);

/* Who a printed copy of the plan is for. */
struct my_print {
	const char *for_whom;  /* "person" or "carer" */
	int64_t carer_user_id; /* the carer's user id for a carer's copy, else 0 */
	bool large, plain;     /* large print, black and white */
};

/* Records that u printed v's plan (the version v holds) as a copy for
 * p->for_whom: audit plan.print on the care plan, person v's, with the
 * version, the reader and the options as the reason, in a transaction of its
 * own (audit_read).  CP_ENOTFOUND when v has no plan. */
enum cp_err my_print_audit(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   const struct my_view *v, const struct my_print *p);

/* The mark on a goal or action of v's plan the person added, or NULL. */
const struct store_plan_own *my_own(const struct my_view *v, enum plan_section s, int64_t id);

/* For professionals' pages, in a read of its own (the page has audited its
 * own read): the person's current About me (*has false when none), or the
 * story and questions for episode_id's next review. */
enum cp_err my_about_of(struct store_conn *c, struct arena *a, int64_t person_id, struct store_about_me *out,
			bool *has);
enum cp_err my_review_written(struct store_conn *c, struct arena *a, int64_t episode_id,
			      struct store_review_story *story, bool *has_story,
			      struct store_review_question **questions, size_t *n_questions);
/* Whether u may see the section with SHARE_BIT() bit of person_id's record
 * (access.h, then share.h), for professionals' pages that show what the
 * person wrote. */
enum cp_err my_shows(struct store_conn *c, const struct store_user *u, int64_t now_ms, int64_t person_id,
		     unsigned bit, bool *yes);

/* The marks on plan_id's goals and actions the person added. */
enum cp_err my_own_of(struct store_conn *c, struct arena *a, int64_t plan_id, struct store_plan_own **out,
		      size_t *n);

/* What became of a save. */
struct my_result {
	char msg[MY_MSG];    /* why it was refused, not about one field; "" otherwise */
	int64_t version;     /* after the save, or now on a conflict */
};

/* Checks About me as typed (in[i] for item i, NULL when absent): each item
 * at most MY_ABOUT_MAX characters, at least one written (the error is then
 * on "important").  out[i] cleaned, NULL when empty.  CP_EINVAL with errs. */
enum cp_err my_about_validate(struct arena *a, const char *const in[ABOUT__MAX], const char *out[ABOUT__MAX],
			      struct person_errors *errs);

/* Saves a new version of person_id's About me, made from expected_version
 * (0: none yet).  Only the person themself (CP_EFORBIDDEN otherwise).
 * CP_EINVAL (errs), CP_ECONFLICT (res->msg).  Audits aboutme.save. */
enum cp_err my_about_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *u, int64_t expected_version, const char *const in[ABOUT__MAX],
			  struct person_errors *errs, struct my_result *res);

/* Saves the story for the next review of the person's open episode, made
 * from expected_version (0: none yet); CP_ENOTFOUND with res->msg when no
 * episode is open.  Field "story".  Audits review_story.save. */
enum cp_err my_story_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *u, int64_t expected_version, const char *story,
			  struct person_errors *errs, struct my_result *res);

/* Adds a question for the next review (field "question"); takes one back
 * (CP_ENOTFOUND when it is not one of the open episode's).  Audit
 * review_question.add / review_question.remove. */
enum cp_err my_question_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    const struct store_user *u, const char *question, struct person_errors *errs,
			    struct my_result *res);
enum cp_err my_question_remove(struct store_conn *c, struct arena *a, const struct audit_actor *who,
			       int64_t now_ms, const struct store_user *u, int64_t question_id, struct my_result *res);

/* A goal of the person's own, with an optional first step they will do. */
struct my_goal_input {
	const char *goal;     /* field "goal" */
	const char *step;     /* field "step", optional */
	const char *step_due; /* field "step_due", YYYY-MM-DD, optional */
};

/* Adds a goal (status active) and its step (done by the person, not
 * started) to the open episode's plan, which the form read at
 * expected_version: one new plan version, both marked as the person's.
 * CP_ENOTFOUND with res->msg when there is no plan yet.  Audits plan.save
 * ("goal (the person's own)"). */
enum cp_err my_goal_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			const struct store_user *u, int64_t expected_version, const struct my_goal_input *in,
			struct person_errors *errs, struct my_result *res);

enum my_action_change { MY_ACTION_DONE, MY_ACTION_CONFIDENCE };

/* Marks action_id of the open episode's plan done (only an action the
 * person does: CP_EFORBIDDEN with res->msg otherwise) or records how
 * confident the person feels about it (field "confidence", 1 to 10).
 * CP_ENOTFOUND when the action is not in that plan.  Audits plan.save. */
enum cp_err my_action_change(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     const struct store_user *u, int64_t action_id, int64_t expected_version,
			     enum my_action_change what, const char *confidence, struct person_errors *errs,
			     struct my_result *res);

/* Parses a confidence of 1 to 10 into *out; false with a message in *msg. */
bool my_confidence_parse(const char *s, int *out, const char **msg);

#endif
