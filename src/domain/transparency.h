/*
 * transparency.h - "who has seen or changed my record": the audit trail of
 * one person in plain words, for the person themself.
 *
 * Reading the list is itself audited (record_log.read), so a person can see
 * that they looked.
 */
#ifndef CP_TRANSPARENCY_H
#define CP_TRANSPARENCY_H

#include <stdint.h>

#include "../store/store.h"
#include "audit.h"

/* What someone did, in plain words, for action code (never NULL). */
const char *transparency_what(const char *action);

/* Who did it, for the person viewer_user_id: "You", "Careplan" for rows
 * made by the system (user 0), or "NAME (ROLE)".  In the arena (NULL when
 * it is full). */
const char *transparency_who(struct arena *a, const struct store_audit_seen *row, int64_t viewer_user_id);

#define TRANSPARENCY_PAGE 50

/* The person's rows older than before_id (0: the newest), at most
 * TRANSPARENCY_PAGE, newest first; *more says whether older ones remain.
 * Audits record_log.read. */
enum cp_err transparency_list(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t person_id, int64_t before_id, struct store_audit_seen **out, size_t *n,
			      bool *more);

#endif
