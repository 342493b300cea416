/*
 * view_glass.h - the pages of the access check (v_glass.c): the refusal
 * with its break-glass form, and the team manager's review list.
 */
#ifndef CP_VIEW_GLASS_H
#define CP_VIEW_GLASS_H

#include "view.h"

struct v_glass_form {
	const char *csrf;
	int64_t person_id;
	const char *back;   /* where to go once let in (a path on this site) */
	const char *reason; /* kept on error */
	const char *error;
};
/* 403: not in this person's care team; the form to break the glass. */
void v_glass_form(struct buf *b, const struct view_page *p, const struct v_glass_form *d);

struct v_glass_list {
	const struct store_break_glass *items; /* newest first */
	size_t n;
	int64_t now_ms;
	int days;
};
void v_glass_list(struct buf *b, const struct view_page *p, const struct v_glass_list *d);

#endif
