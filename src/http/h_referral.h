/*
 * h_referral.h - from the plan to the service (docs/referrals.md): finding
 * a local service for a person, signposting and referring, a person's
 * referrals, one referral and its status, the activities pack, and the
 * referrals worklist.  Every route needs CAP_REFERRALS (routes_ref.def).
 */
#ifndef CP_H_REFERRAL_H
#define CP_H_REFERRAL_H

#include "req.h"

void h_ref_search(struct req *r);         /* GET /episodes/:id/services */
void h_referral_new(struct req *r);       /* GET /episodes/:id/referrals/new?service=N */
void h_referral_create(struct req *r);    /* POST /episodes/:id/referrals/new (a signpost or a referral) */
void h_referrals_episode(struct req *r);  /* GET /episodes/:id/referrals */
void h_pack_pdf(struct req *r);           /* GET /episodes/:id/activities-pack.pdf?service=N&service=M */
void h_referral(struct req *r);           /* GET /referrals/:id */
void h_referral_status(struct req *r);    /* POST /referrals/:id/status */
void h_referrals_worklist(struct req *r); /* GET /referrals */

#endif
