/*
 * h_glass.h - the access check's pages (h_glass.c): the refusal with its
 * break-glass form (answered by the router), breaking the glass, and the
 * team manager's review list.
 */
#ifndef CP_H_GLASS_H
#define CP_H_GLASS_H

#include "req.h"

/* Answers a refused look at person_id: audited; a GET gets the 403 page
 * with the break-glass form, a POST a plain 403. */
void h_access_denied(struct req *r, int64_t person_id);
void h_break_glass(struct req *r); /* POST /people/:id/break-glass */
void h_glass_list(struct req *r);  /* GET /team/break-glass */

#endif
