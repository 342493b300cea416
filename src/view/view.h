/*
 * view.h - every page Careplan renders.  Views write HTML into a buffer
 * through html.h only; they read the data handed to them and do no I/O.
 */
#ifndef CP_VIEW_H
#define CP_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../domain/episode_service.h"
#include "../domain/person.h"
#include "../domain/role.h"
#include "../store/store.h"
#include "../util/buf.h"

/* Who is looking, for the header.  name NULL when not signed in. */
struct view_page {
	const char *title;      /* the page's own title, before " - Careplan" */
	const char *user_name;
	enum role role;         /* ROLE__MAX when not signed in */
	const char *csrf;       /* for the sign-out form */
	const char *nav;        /* current section: "home", "people", "team", "users", "service" */
};

void v_page_begin(struct buf *b, const struct view_page *p);
void v_page_end(struct buf *b, const struct view_page *p);

void v_error(struct buf *b, const struct view_page *p, int status, const char *title, const char *message);

struct v_login {
	const char *csrf;
	const char *username;    /* what was typed, kept on error */
	const char *error;       /* NULL, or the error summary text */
	const char *error_field; /* "username", "password" or NULL for the form */
	const char *notice;      /* e.g. "You have signed out." */
};
void v_login(struct buf *b, const struct view_page *p, const struct v_login *d);

struct v_cared_for {
	const char *name;
	const char *relationship;
	const char *nhs_number;
};

struct v_home {
	const struct store_user *user;
	const char *team_name;            /* NULL when none */
	const char *org_name;
	int64_t team_people;              /* professionals: people the team is responsible for */
	int64_t team_members;
	const struct store_person *person; /* a person's own record */
	const char *const *conditions;
	size_t n_conditions;
	const struct v_cared_for *cared;   /* a carer's people */
	size_t n_cared;
	const struct store_stats *stats;   /* administrators, managers, commissioners */
	int64_t idle_minutes;              /* how long a session may sit idle */
};
void v_home(struct buf *b, const struct view_page *p, const struct v_home *d);

void v_users(struct buf *b, const struct view_page *p, const struct store_user *users, size_t n);

void v_team(struct buf *b, const struct view_page *p, const struct store_team *team, const struct store_user *members,
	    size_t n, int64_t people);

/* "1953-01-22" as "22 January 1953" into out; anything else is returned as
 * it is.  Returns out or iso. */
const char *v_date_long(char out[32], const char *iso);

/* ---- people and their contacts (v_people.c) ---------------------------------- */

/* Find a person: the form, and its results once something was asked. */
struct v_people_search {
	const struct person_query_input *in; /* as typed */
	const struct person_errors *errs;    /* NULL or empty when none */
	bool searched;                       /* results below the form */
	const struct store_person *found;
	size_t n;                            /* rows in found */
	int64_t total;                       /* every match; more than n when capped */
	const bool *outside;                 /* NULL, or per row: not in the searcher's care (found by
					      * its exact NHS number): only the name and date of birth are
					      * shown, with the break-glass route */
};
void v_people_search(struct buf *b, const struct view_page *p, const struct v_people_search *d);

/* A person's record: their details, their contacts, links to change them,
 * their episodes of care planning. */
struct v_person {
	const struct person_record *rec;
	const char *team_name; /* the team responsible, NULL when none */
	const struct store_episode *episodes; /* the open one first, then newest first */
	size_t n_episodes;
	const struct store_exit *route_back;  /* after discharge to self-care: who to call; NULL otherwise */
	const struct store_about_me *about;   /* the person's About me, when written and shared; else NULL */
};
void v_person(struct buf *b, const struct view_page *p, const struct v_person *d);

/* Adding a person (id 0) or changing their details. */
struct v_person_form {
	const char *csrf;
	int64_t id;                       /* 0 when adding */
	int64_t version;                  /* the version being changed (hidden field) */
	const char *name;                 /* changing: their name as recorded, for the caption */
	const struct person_input *in;    /* what to show in the fields */
	const struct person_errors *errs; /* NULL or empty when none */
	int64_t existing_id;              /* another person already has the NHS number */
	bool conflict;                    /* someone else changed the record meanwhile */
	const struct store_person *current; /* on a conflict: the record as it is now */
	const bool *differs;              /* on a conflict: PF__MAX flags, the fields where the record
					   * now says something other than what was typed */
};
void v_person_form(struct buf *b, const struct view_page *p, const struct v_person_form *d);

/* Adding a contact for a person. */
struct v_contact_form {
	const char *csrf;
	int64_t person_id;
	const char *person_name;
	const struct contact_input *in;
	const struct person_errors *errs;
};
void v_contact_form(struct buf *b, const struct view_page *p, const struct v_contact_form *d);

/* ---- episodes and care teams (v_episode.c) ------------------------------------ */

struct exit_input; /* domain/review_exit.h */

/* Starting an episode for a person.  When open_id is set the person has an
 * open episode already: the page says so and links to it instead of the form. */
struct v_episode_form {
	const char *csrf;
	int64_t person_id;
	const char *person_name;
	int64_t previous_id;                    /* the episode this one re-enters from, 0 when none */
	int64_t open_id;
	const struct episode_start_input *in;   /* as typed */
	const struct person_errors *errs;
};
void v_episode_form(struct buf *b, const struct view_page *p, const struct v_episode_form *d);

/* An episode's page with the forms that change it.  At most one form shows
 * a problem: error names the form field in the wrong (its id) and message
 * says what; member_errs are the add-a-member form's. */
struct v_episode {
	const char *csrf;
	const struct episode_record *rec;
	const struct store_user *users;    /* team members who may join the care team */
	size_t n_users;
	const char *error_field;           /* NULL when no problem */
	const char *error;                 /* the problem, for people */
	const struct person_errors *member_errs;
	const struct team_member_input *member_in; /* as typed on the add-a-member form */
	const char *stage_reason;          /* kept when the stage form is shown again */
	const char *level_reason;
	const char *to_stage;              /* the stage chosen, kept when the stage form is shown again */
	const struct exit_input *exit_in;  /* the stage form's route back and check-in fields as typed */
	const struct person_errors *exit_errs; /* their problems (review_exit.h) */
	unsigned share_mask;               /* SHARE_BIT()s the reader may see (share.h) */
	unsigned activity_needs, reviews_needs; /* what those pages need (h_share_route_needs) */
};
void v_episode(struct buf *b, const struct view_page *p, const struct v_episode *d);

/* Counts under this are shown as "fewer than 5" to people who see figures
 * only, so that small groups cannot be singled out. */
#define VIEW_SMALL_NUMBER 5

#endif
