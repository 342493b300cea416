/*
 * view_plan.h - the pages of the care and support plan (v_plan.c): the plan
 * with every section, the form of one section's entry, and the comparison
 * of two versions.  Views read what handlers hand them and do no I/O.
 */
#ifndef CP_VIEW_PLAN_H
#define CP_VIEW_PLAN_H

#include "../domain/plan_service.h"
#include "view.h"

struct v_plan_services;

struct v_plan {
	struct arena *a;   /* the request's, for values formatted for people */
	const char *csrf;
	const struct plan_record *rec;
	int64_t now_ms;    /* for overdue reviews and the next visits */
	const char *error; /* a refused removal, or NULL */
	const struct store_plan_own *own; /* goals and actions the person added (My plan) */
	size_t n_own;
	const struct store_grant *grants; /* the person's carers who may see the plan now, for their printed copies */
	size_t n_grants;
	const struct v_plan_services *services; /* local services (view_referral.h), or NULL: not shown */
};
void v_plan(struct buf *b, const struct view_page *p, const struct v_plan *d);

/* Adding (item_id 0) or changing one entry of a section. */
struct v_plan_form {
	struct arena *a;
	const char *csrf;
	const struct plan_record *rec;
	enum plan_section section;
	int64_t item_id;
	int64_t version;                  /* the plan version the form is made from */
	const struct plan_input *in;      /* what to show in the fields */
	const struct person_errors *errs; /* NULL or empty when none */
	const char *conflict;             /* someone else saved meanwhile: the message, or NULL */
	bool saved;                       /* just saved: say so above the plain-words advice */
};
void v_plan_form(struct buf *b, const struct view_page *p, const struct v_plan_form *d);

/* Two versions side by side.  cmp NULL: only the choice of versions. */
struct v_plan_compare {
	struct arena *a;
	const struct plan_record *rec;
	const struct plan_comparison *cmp;
	int64_t from, to;
	const char *error;
};
void v_plan_compare(struct buf *b, const struct view_page *p, const struct v_plan_compare *d);

#endif
