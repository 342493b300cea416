/*
 * h_invite.h - the handlers of invitations and carers' grants (h_invite.c):
 * the team's access page for a person, making an invitation (its letter),
 * withdrawing a carer's access, the person's own list, and using an
 * invitation before signing in.
 */
#ifndef CP_H_INVITE_H
#define CP_H_INVITE_H

#include "req.h"

void h_access(struct req *r);            /* GET /people/:id/access */
void h_invitation_create(struct req *r); /* POST /people/:id/invitations */
void h_access_withdraw(struct req *r);   /* POST /people/:id/access/withdraw */
void h_my_access(struct req *r);         /* GET /my/access */
void h_my_access_withdraw(struct req *r); /* POST /my/access/withdraw */
void h_record_log(struct req *r);         /* GET /my/record-log */
void h_carer_record_log(struct req *r);   /* GET /cared-for/:id/record-log */
void h_invitation_form(struct req *r);   /* GET /invitation (public) */
void h_invitation_use(struct req *r);    /* POST /invitation (public) */

#endif
