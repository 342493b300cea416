/*
 * access.h - who may see a person's record: the one access check.
 *
 * Deny by default.  A person sees their own record; a carer sees the record
 * of a person who has given them a live grant.  A professional (team
 * manager, key worker, professional) needs a legitimate relationship:
 *   - a care team period on one of the person's episodes that has not
 *     ended (the key worker among them), or
 *   - membership of the team responsible for the person while they have an
 *     open episode (an open referral) or none yet (one being taken in);
 * otherwise "break glass": they give a reason and are let in for
 * ACCESS_GLASS_HOURS, audited (breakglass.grant), on the team manager's
 * review list and shown to the person with the reason.  Administrators and
 * commissioners never see a record.
 *
 * The router applies this to every route whose :id names a person or one
 * of their objects (router.c); refusals are audited (access.refused).
 */
#ifndef CP_ACCESS_H
#define CP_ACCESS_H

#include <stdint.h>

#include "../store/store.h"
#include "audit.h"

#define ACCESS_GLASS_HOURS 4
#define ACCESS_REASON_MIN 10  /* characters */
#define ACCESS_REASON_MAX 500

enum access_basis {
	ACCESS_NONE,
	ACCESS_SELF,        /* their own record */
	ACCESS_CARER,       /* a live grant from the person */
	ACCESS_CARE_TEAM,   /* in the care team */
	ACCESS_TEAM,        /* the responsible team, with an open referral */
	ACCESS_BREAK_GLASS, /* break-glass access that has not expired */
};

/* How u may see person_id at now_ms (ACCESS_NONE: not at all). */
enum cp_err access_to_person(struct store_conn *c, const struct store_user *u, int64_t now_ms, int64_t person_id,
			     enum access_basis *out);

/* Limits a search q by name or date of birth to the people professional u
 * may see at now_ms (store.h, store_person_query); today is filled and
 * must outlive q.  Anyone who is not a professional finds nobody. */
void access_search_scope(const struct store_user *u, int64_t now_ms, struct store_person_query *q, char today[11]);

/* Plain words for a basis, e.g. "in the care team". */
const char *access_basis_label(enum access_basis b);

/* Records a refused look at person_id (access.refused). */
enum cp_err access_refused(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t person_id);

/* Breaks the glass for u on person_id with reason (trimmed; between
 * ACCESS_REASON_MIN and ACCESS_REASON_MAX characters, else CP_EINVAL with
 * *msg saying so).  Only professionals may (CP_EFORBIDDEN otherwise), and
 * only for a person who exists (CP_ENOTFOUND).  *expires_ms gets when it
 * ends.  One transaction with its audit row. */
enum cp_err access_break_glass(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       const struct store_user *u, int64_t person_id, const char *reason,
			       int64_t *expires_ms, const char **msg);

#endif
