/*
 * transparency.h - "who has seen or changed my record": the audit trail of
 * one person in plain words, for the person themself.
 *
 * Reading the list is itself audited (record_log.read), so a person can see
 * that they looked.
 */
#ifndef CP_TRANSPARENCY_H
#define CP_TRANSPARENCY_H

#include <stdbool.h>
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

/* What an audited action is about, for deciding who may read its row:
 * a share section (share.h), the record as a whole, or the person's own
 * business (who may see their record, logins, feedback, sharing choices). */
#define TRANSPARENCY_RECORD (-1)
#define TRANSPARENCY_PERSON_ONLY (-2)
int transparency_section(const char *action);

/* Whether a reader with the sections mask (share_visible_sections) may
 * see a row of action; person: the person themself, who sees every row. */
bool transparency_visible(const char *action, bool person, unsigned mask);

/* The person's rows older than before_id (0: the newest), at most
 * TRANSPARENCY_PAGE, newest first, that the reader may see
 * (transparency_visible with person and mask); *more says whether older
 * ones remain.  Audits record_log.read. */
enum cp_err transparency_list(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t person_id, int64_t before_id, bool person, unsigned mask,
			      struct store_audit_seen **out, size_t *n, bool *more);

#endif
