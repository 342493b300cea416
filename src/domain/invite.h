/*
 * invite.h - letting a person or their carer into Careplan.
 *
 * A team member creates an invitation: a one-time code, valid for 14 days,
 * shown once (and printable on a letter), with which the person or carer
 * makes their own login and password.  Only a hash of the code is stored.
 * A carer's invitation needs the person's agreement that the carer may see
 * their record: using it creates the carer's grant.  The person (or a team
 * member for them) can withdraw a grant at any time; it takes effect at the
 * carer's next request, because every request checks for a live grant.
 *
 * Audit rows: invitation.create, invitation.use, invitation.refused (a
 * wrong, used or expired code), grant.create, grant.withdraw, user.create.
 * Codes and passwords are never logged or audited.
 */
#ifndef CP_INVITE_H
#define CP_INVITE_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "person.h"

#define INVITE_DAYS 14
#define INVITE_CODE_CHARS 12 /* from a 32-letter alphabet: 60 bits */
#define INVITE_CODE_TEXT 15  /* "ABCD-EFGH-JKLM" and its NUL */

/* A new code, grouped in fours ("ABCD-EFGH-JKLM"); letters and digits that
 * look alike (0 O 1 I) are left out. */
void invite_code_new(char out[INVITE_CODE_TEXT]);

/* The hash of code as typed: case, spaces and hyphens do not matter.
 * False when it is not INVITE_CODE_CHARS letters of the alphabet. */
bool invite_code_hash(const char *code, unsigned char out[STORE_HASH_LEN]);

/* Creates an invitation for person_id (kind "person") or for their contact
 * contact_id (kind "carer": a carer or representative of that person, and
 * agreed must be true).  Refused with msg (CP_EINVAL) when the kind is
 * unknown, the person already has a login, the contact is not theirs, is
 * neither carer nor representative, already has a login, or agreement is
 * missing; CP_ENOTFOUND for an unknown person.  On success code holds the
 * code to show once and *expires_ms when it stops working. */
enum cp_err invite_create(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  int64_t person_id, const char *kind, int64_t contact_id, bool agreed,
			  char code[INVITE_CODE_TEXT], int64_t *expires_ms, char *msg, size_t msgn);

/* The form with which an invitation is used, as typed.  Borrowed. */
struct invite_redeem_input {
	const char *code;
	const char *username;
	const char *password;
	const char *confirm;
};

/* Uses an invitation: makes the login (role person, linked to their record;
 * or role carer, linked to the contact, with a live grant from the person),
 * marks the invitation used.  One transaction.  CP_EINVAL with errs naming
 * each field ("code", "username", "password", "confirm"); a wrong, used or
 * expired code is audited as invitation.refused (in its own transaction) and
 * nothing else is written.  *user_id gets the new login. */
enum cp_err invite_redeem(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct invite_redeem_input *in, int64_t *user_id, struct person_errors *errs);

/* Withdraws person_id's live grant grant_id (by the person or a team
 * member), audited grant.withdraw.  CP_ENOTFOUND when it is not a live grant
 * of that person (withdrawn already, or a forged form naming another
 * person's grant): nothing changes and grant.refused is audited. */
enum cp_err invite_grant_withdraw(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
				  int64_t person_id, int64_t grant_id);

#endif
