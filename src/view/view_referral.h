/*
 * view_referral.h - the pages from the plan to the service (v_referral.c):
 * finding a local service for a person, the referral form, the person's
 * signposts and referrals, one referral with its history and the form to
 * change its status, the link worker's worklist, and the plan page's part
 * that leads to them.  Views read what handlers hand them and do no I/O.
 */
#ifndef CP_VIEW_REFERRAL_H
#define CP_VIEW_REFERRAL_H

#include "../domain/plan_service.h"
#include "../domain/referral.h"
#include "view.h"

struct v_ref_search {
	const char *csrf;
	const struct ref_search *s;
	const struct person_errors *errs; /* NULL or empty when none */
	const char *msg;                  /* a problem not of one field, or NULL */
};
void v_ref_search(struct buf *b, const struct view_page *p, const struct v_ref_search *d);

/* The referral form for one service (also shown again with errors). */
struct v_ref_form {
	const char *csrf;
	int64_t episode_id;
	const char *person_name;
	const char *by_name;              /* the signed-in user: who refers */
	const struct store_dir_entry *svc; /* the service whole */
	const struct ref_input *in;       /* what to show in the fields */
	const char *today;                /* YYYY-MM-DD, the date's default */
	const struct person_errors *errs;
	const char *msg;                  /* a problem not of one field, or NULL */
};
void v_ref_form(struct buf *b, const struct view_page *p, const struct v_ref_form *d);

struct v_ref_episode {
	const struct ref_episode *e;
	const char *notice; /* just done, or NULL */
	const char *error;  /* the pack could not be made: why, or NULL */
};
void v_ref_episode(struct buf *b, const struct view_page *p, const struct v_ref_episode *d);

struct v_ref_one {
	const char *csrf;
	const struct ref_one *o;
	const char *notice;
	const struct ref_change_input *in; /* what was typed, on error; NULL */
	const struct person_errors *errs;
	const char *msg;                   /* a refusal or conflict, or NULL */
};
void v_ref_one(struct buf *b, const struct view_page *p, const struct v_ref_one *d);

struct v_ref_worklist {
	const struct ref_worklist *w;
	int64_t now_ms;
};
void v_ref_worklist(struct buf *b, const struct view_page *p, const struct v_ref_worklist *d);

/* The plan page's "Local services" part: the person's referrals and
 * signposts, and a way to find a service for each action and each need. */
struct v_plan_services {
	const struct ref_episode *e;
	bool show_needs; /* the reader may see the assessment: links for its needs */
};
void v_plan_services(struct buf *b, const struct plan_record *rec, const struct v_plan_services *d);

#endif
