/*
 * view_calendar.h - the page that manages one calendar feed (v_calendar.c):
 * the person's (/my/calendar), a carer's for a person who granted them
 * access (/cared-for/:id/calendar) and a key worker's (/my-calendar).  It
 * says whether there is a live address and since when, shows a new
 * address once (right after it is made: only its hash is kept), and has
 * the buttons to make, renew and revoke it.
 */
#ifndef CP_VIEW_CALENDAR_H
#define CP_VIEW_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/buf.h"
#include "view.h"

struct v_calendar {
	const char *csrf;
	const char *heading;     /* "My calendar", "Calendar of Mary's care", ... */
	const char *what;        /* what the calendar holds, one sentence for the reader */
	const char *action;      /* the form's address: POST makes or renews; action + "/revoke" revokes */
	bool has;                /* a live address exists */
	int64_t created_ms;      /* when it was made, when has */
	const char *new_url;     /* the address just made, shown once; NULL otherwise */
	const char *notice;      /* e.g. "Your calendar address has been revoked."; NULL when none */
	const char *back_href, *back_text;
};
void v_calendar(struct buf *b, const struct view_page *p, const struct v_calendar *d);

#endif
