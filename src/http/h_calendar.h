/*
 * h_calendar.h - calendar feeds and CSV downloads (h_calendar.c).
 *
 * The feed itself, GET /calendar/<token>.ics, is public: a calendar app has
 * no session, so the token in the address is the credential.  A token that
 * names no feed is 404; one that names a revoked feed, or a feed whose
 * owner may no longer see what it shows (a carer whose access was
 * withdrawn, a disabled login), is 404 too and audited as
 * calendar.refused against the owner.  A feed that opens is audited as
 * calendar.read against the owner, beside the read of the record itself.
 */
#ifndef CP_H_CALENDAR_H
#define CP_H_CALENDAR_H

#include "req.h"

void h_calendar_feed(struct req *r);        /* GET /calendar/<token>.ics (public) */
void h_my_calendar(struct req *r);          /* GET /my/calendar, /cared-for/:id/calendar */
void h_my_calendar_renew(struct req *r);    /* POST /my/calendar, /cared-for/:id/calendar */
void h_my_calendar_revoke(struct req *r);   /* POST /my/calendar/revoke, /cared-for/:id/calendar/revoke */
void h_worker_calendar(struct req *r);      /* GET /my-calendar (key workers) */
void h_worker_calendar_renew(struct req *r); /* POST /my-calendar */
void h_worker_calendar_revoke(struct req *r); /* POST /my-calendar/revoke */
void h_my_actions_csv(struct req *r);       /* GET /my/actions.csv */
void h_plan_actions_csv(struct req *r);     /* GET /episodes/:id/plan/actions.csv */

#endif
