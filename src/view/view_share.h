/*
 * view_share.h - the sharing settings page: who may see each section of a
 * person's plan (v_share.c).  The same page serves the person (/my/sharing)
 * and the team (/people/:id/sharing), where the key worker records what the
 * person agreed.
 */
#ifndef CP_VIEW_SHARE_H
#define CP_VIEW_SHARE_H

#include "../domain/share.h"
#include "../util/buf.h"
#include "view.h"

struct v_share {
	const char *csrf;
	const struct share_settings *st;
	bool own;                /* the person's own page: "you"; else the team's */
	const char *person_name; /* the person's name (the team's page) */
	int64_t person_id;       /* the team's page: for its links */
	const char *action;      /* where the form posts */
	const char *notice;      /* e.g. "Saved." */
	const char *error;       /* the problem, NULL when none */
	const char *error_field; /* "agreed" or NULL for the whole form */
	const char *const *ticked; /* on error: the boxes as sent, n_ticked; NULL: as stored */
	size_t n_ticked;
};
void v_share(struct buf *b, const struct view_page *p, const struct v_share *d);

#endif
