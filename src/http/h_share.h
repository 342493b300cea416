/*
 * h_share.h - consent-based sharing over HTTP (h_share.c): the settings
 * pages, and the one question every page that shows part of a person's
 * record asks before it shows it.
 */
#ifndef CP_H_SHARE_H
#define CP_H_SHARE_H

#include "../domain/share.h"
#include "req.h"

void h_my_sharing(struct req *r);          /* GET /my/sharing */
void h_my_sharing_save(struct req *r);     /* POST /my/sharing */
void h_person_sharing(struct req *r);      /* GET /people/:id/sharing */
void h_person_sharing_save(struct req *r); /* POST /people/:id/sharing */

/* The sections of person_id the signed-in user may see now (share.h), as
 * SHARE_BIT()s; 0 when they have no access basis.  Deny by default: on a
 * failure *mask is 0 and the error is returned. */
enum cp_err h_share_mask(struct req *r, int64_t person_id, unsigned *mask);

/* The router's gate for the routes that are wholly one section (the
 * assessment's forms, the questionnaires, the medicines, the activity log,
 * the reviews, an action's status): true when route_path is none of them
 * or the user, on basis b, may see its section of person_id; otherwise the
 * request has been refused as h_share_hidden does and false returned. */
bool h_share_route_allowed(struct req *r, const char *route_path, enum access_basis b, int64_t person_id);

/* The sections a route shows or changes whole (SHARE_BIT()s; 0 when none):
 * the user must be able to see every one of them. */
unsigned h_share_route_needs(const char *route_path);

/* Refuses a change to section s of person_id that the user may not see:
 * audited share.hidden, answered 404 in plain words.  Nothing is written
 * but the audit row. */
void h_share_hidden(struct req *r, int64_t person_id, enum share_section s);

#endif
