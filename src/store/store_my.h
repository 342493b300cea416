/*
 * store_my.h - storage of what the person (or their carer) writes
 * themself: About me, the marks on goals and actions they added, their
 * story and questions for the next review.  Part of store.h (which
 * includes it); implemented in store_sqlite_my.c; tables in
 * sqlite_schema_my.h.
 *
 * About me and the story are kept as versions: each save is a new row with
 * the next version number, and the newest is current.  Strings returned
 * are in the caller's arena; records passed in are borrowed for the call.
 */
#ifndef CP_STORE_MY_H
#define CP_STORE_MY_H

#define STORE_ABOUT_ITEMS 7 /* the items of src/domain/about_me.def, in its order */

struct store_about_me {
	int64_t id;
	int64_t person_id;
	int64_t version;                      /* 1 for the first save */
	const char *item[STORE_ABOUT_ITEMS];  /* NULL when left empty */
	int64_t user_id;                      /* who saved it */
	const char *writer;                   /* "person" or "carer" */
	int64_t saved_ms;
	const char *user_name;                /* read only */
};

/* The newest version of person_id's About me; CP_ENOTFOUND when none. */
enum cp_err store_about_me_current(struct store_conn *c, struct arena *a, int64_t person_id,
				   struct store_about_me *out);
/* Adds version m->version (CP_ECONFLICT when that version exists). */
enum cp_err store_about_me_insert(struct store_conn *c, const struct store_about_me *m, int64_t *id);
/* person_id's versions, newest first, at most max. */
enum cp_err store_about_me_list(struct store_conn *c, struct arena *a, int64_t person_id, size_t max,
				struct store_about_me **out, size_t *n);

/* A goal or action the person (or a carer) added. */
struct store_plan_own {
	int64_t plan_id;
	const char *section; /* "goal" or "action" */
	int64_t object_id;   /* plan_goal.id or plan_action.id */
	int64_t user_id;
	const char *writer;  /* "person" or "carer" */
	int64_t created_ms;
	const char *user_name; /* read only */
};

enum cp_err store_plan_own_insert(struct store_conn *c, const struct store_plan_own *o);
/* The marks of plan_id, at most max. */
enum cp_err store_plan_own_list(struct store_conn *c, struct arena *a, int64_t plan_id, size_t max,
				struct store_plan_own **out, size_t *n);

struct store_review_story {
	int64_t id;
	int64_t episode_id;
	int64_t version;     /* 1 for the first save */
	const char *story;
	int64_t user_id;
	const char *writer;  /* "person" or "carer" */
	int64_t saved_ms;
	const char *user_name; /* read only */
};

/* The newest story for episode_id's next review; CP_ENOTFOUND when none. */
enum cp_err store_review_story_current(struct store_conn *c, struct arena *a, int64_t episode_id,
				       struct store_review_story *out);
/* Adds version s->version (CP_ECONFLICT when that version exists). */
enum cp_err store_review_story_insert(struct store_conn *c, const struct store_review_story *s, int64_t *id);

struct store_review_question {
	int64_t id;
	int64_t episode_id;
	const char *question;
	int64_t user_id;
	const char *writer;  /* "person" or "carer" */
	int64_t created_ms;
	int64_t removed_ms;  /* 0 while asked */
	const char *user_name; /* read only */
};

enum cp_err store_review_question_insert(struct store_conn *c, const struct store_review_question *q, int64_t *id);
/* episode_id's questions still asked, oldest first, at most max. */
enum cp_err store_review_question_list(struct store_conn *c, struct arena *a, int64_t episode_id, size_t max,
				       struct store_review_question **out, size_t *n);
/* Takes question id of episode_id back at ms; CP_ENOTFOUND when there is no
 * such question still asked for that episode. */
enum cp_err store_review_question_remove(struct store_conn *c, int64_t id, int64_t episode_id, int64_t ms);

#endif
