/* invite.c - invitations and carers' grants (invite.h). */
#include "invite.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "password.h"
#include "user.h"

#define MS_PER_DAY 86400000LL

/* 32 letters and digits, without the look-alikes 0, O, 1 and I. */
static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

void invite_code_new(char out[INVITE_CODE_TEXT])
{
	unsigned char r[INVITE_CODE_CHARS];
	randombytes_buf(r, sizeof r);
	size_t k = 0;
	for (int i = 0; i < INVITE_CODE_CHARS; i++) {
		if (i && i % 4 == 0)
			out[k++] = '-';
		out[k++] = alphabet[r[i] & 31u]; /* 256 is a multiple of 32: no bias */
	}
	out[k] = '\0';
	sodium_memzero(r, sizeof r);
}

bool invite_code_hash(const char *code, unsigned char out[STORE_HASH_LEN])
{
	char norm[INVITE_CODE_CHARS + 1];
	size_t n = 0;
	for (const char *p = code ? code : ""; *p; p++) {
		char ch = *p;
		if (ch == ' ' || ch == '-' || ch == '\t')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (n == INVITE_CODE_CHARS || !strchr(alphabet, ch) || ch == '\0')
			return false;
		norm[n++] = ch;
	}
	if (n != INVITE_CODE_CHARS)
		return false;
	norm[n] = '\0';
	auth_token_hash(norm, out);
	sodium_memzero(norm, sizeof norm);
	return true;
}

static enum cp_err audit(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, const char *action,
			 const char *type, int64_t id, int64_t person_id, const char *reason)
{
	struct audit_event ev = {
		.action = action, .object_type = type, .object_id = id, .person_id = person_id, .reason = reason};
	return audit_record(c, who, &ev, now_ms);
}

/* ---- creating ------------------------------------------------------------ */

static enum cp_err refuse(char *msg, size_t msgn, const char *why)
{
	snprintf(msg, msgn, "%s", why);
	return CP_EINVAL;
}

enum cp_err invite_create(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  int64_t person_id, const char *kind, int64_t contact_id, bool agreed,
			  char code[INVITE_CODE_TEXT], int64_t *expires_ms, char *msg, size_t msgn)
{
	code[0] = '\0';
	*expires_ms = 0;
	bool carer = kind && strcmp(kind, "carer") == 0;
	if (!kind || (!carer && strcmp(kind, "person") != 0))
		return refuse(msg, msgn, "Choose whom to invite: the person or one of their carers");
	struct store_person p;
	enum cp_err err = store_person_get(c, a, person_id, &p);
	if (err) {
		snprintf(msg, msgn, "%s", err == CP_ENOTFOUND ? "There is no such person" : "Cannot read the person");
		return err;
	}
	int64_t uid = 0;
	if (!carer) {
		err = store_user_of_person(c, person_id, &uid);
		if (!err)
			return refuse(msg, msgn, "They already have a login: they can sign in, or ask an administrator "
						 "to reset their password");
		if (err != CP_ENOTFOUND)
			return err;
	} else {
		struct store_contact k;
		err = contact_id > 0 ? store_contact_get(c, a, contact_id, &k) : CP_ENOTFOUND;
		if (err == CP_ENOTFOUND || (!err && k.person_id != person_id))
			return refuse(msg, msgn, "Choose one of their carers");
		if (err)
			return err;
		if (!k.is_carer && !k.is_representative)
			return refuse(msg, msgn, "Only a carer or a representative can be invited to see the plan");
		if (k.user_id)
			return refuse(msg, msgn, "This carer already has a login");
		if (!agreed)
			return refuse(msg, msgn, "Confirm that the person agrees this carer may see their plan");
	}
	struct store_invitation v = {
		.kind = carer ? "carer" : "person",
		.person_id = person_id,
		.contact_id = carer ? contact_id : 0,
		.created_by = who->user_id,
		.created_ms = now_ms,
		.expires_ms = now_ms + INVITE_DAYS * MS_PER_DAY,
	};
	char fresh[INVITE_CODE_TEXT];
	invite_code_new(fresh);
	invite_code_hash(fresh, v.code_hash);
	int64_t id = 0;
	if ((err = store_begin(c)))
		return err;
	err = store_invitation_insert(c, &v, &id);
	if (!err)
		err = audit(c, who, now_ms, "invitation.create", "invitation", id, person_id, v.kind);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	if (err) {
		sodium_memzero(fresh, sizeof fresh);
		snprintf(msg, msgn, "Cannot save the invitation: %s", cp_strerror(err));
		return err;
	}
	memcpy(code, fresh, INVITE_CODE_TEXT);
	sodium_memzero(fresh, sizeof fresh);
	*expires_ms = v.expires_ms;
	return CP_OK;
}

/* ---- using --------------------------------------------------------------- */

static void add_error(struct person_errors *errs, const char *field, const char *msg)
{
	if (errs->n < PERSON_ERRORS_MAX)
		errs->e[errs->n++] = (struct person_error){.field = field, .message = msg};
}

static enum cp_err refused(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t id,
			   int64_t person_id, const char *why)
{
	enum cp_err err = store_begin(c);
	if (!err)
		err = audit(c, who, now_ms, "invitation.refused", "invitation", id, person_id, why);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

/* The code's invitation, or a message for the code field (and an audit row). */
static enum cp_err find_invitation(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				   int64_t now_ms, const char *code, struct store_invitation *v, const char **why)
{
	*why = NULL;
	unsigned char hash[STORE_HASH_LEN];
	if (!code || !*code) {
		*why = "Enter the invitation code from your letter";
		return CP_EINVAL;
	}
	if (!invite_code_hash(code, hash)) {
		*why = "The invitation code is 12 letters and numbers, like ABCD-EFGH-JKLM";
		return CP_EINVAL;
	}
	enum cp_err err = store_invitation_by_hash(c, a, hash, v);
	if (err == CP_ENOTFOUND) {
		*why = "This invitation code is not right. Check it against your letter, or ask your care team "
		       "for a new one";
		if ((err = refused(c, who, now_ms, 0, 0, "unknown code")))
			return err;
		return CP_EINVAL;
	}
	if (err)
		return err;
	if (v->used_ms) {
		*why = "This invitation code has already been used. If you made your login with it, sign in; "
		       "if not, ask your care team for a new code";
		return (err = refused(c, who, now_ms, v->id, v->person_id, "used")) ? err : CP_EINVAL;
	}
	if (now_ms >= v->expires_ms) {
		*why = "This invitation code has expired (codes last 14 days). Ask your care team for a new one";
		return (err = refused(c, who, now_ms, v->id, v->person_id, "expired")) ? err : CP_EINVAL;
	}
	return CP_OK;
}

enum cp_err invite_redeem(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct invite_redeem_input *in, int64_t *user_id, struct person_errors *errs)
{
	*user_id = 0;
	errs->n = 0;
	struct store_invitation v;
	const char *why;
	enum cp_err err = find_invitation(c, a, who, now_ms, in->code, &v, &why);
	if (err && err != CP_EINVAL)
		return err;
	if (why)
		add_error(errs, "code", why);

	char msg[256];
	const char *username = in->username ? in->username : "";
	struct user_new u = {.username = username, .display_name = "x", .role = "person", .password = in->password};
	if (user_validate(&u, msg, sizeof msg)) {
		char *m = arena_strdup(a, msg);
		if (!m)
			return CP_ENOMEM;
		add_error(errs, "username", m);
	}
	if (!in->password || !*in->password) {
		add_error(errs, "password", "Enter a password");
	} else if (password_check(in->password, username, msg, sizeof msg)) {
		char *m = arena_strdup(a, msg);
		if (!m)
			return CP_ENOMEM;
		add_error(errs, "password", m);
	} else if (!in->confirm || strcmp(in->password, in->confirm) != 0) {
		add_error(errs, "confirm", "The two passwords are not the same: type it again");
	}
	if (errs->n)
		return CP_EINVAL;

	/* Who the login is for. */
	struct store_person p;
	if ((err = store_person_get(c, a, v.person_id, &p)))
		return err;
	bool carer = strcmp(v.kind, "carer") == 0;
	const char *name;
	if (carer) {
		name = v.contact_name;
	} else {
		name = arena_printf(a, "%s %s", p.preferred_name ? p.preferred_name : p.given_name, p.family_name);
		if (!name)
			return CP_ENOMEM;
	}
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(in->password, hash))
		return CP_ENOMEM;
	struct store_user su = {
		.username = username,
		.display_name = name,
		.role = carer ? "carer" : "person",
		.team_id = p.team_id,
		.person_id = carer ? 0 : v.person_id,
		.password_hash = hash,
		.created_ms = now_ms,
	};
	if ((err = store_begin(c)))
		return err;
	int64_t uid = 0, gid = 0, existing = 0;
	if (!carer && store_user_of_person(c, v.person_id, &existing) == CP_OK) {
		add_error(errs, "code", "You already have a login: sign in with it");
		err = CP_EINVAL;
	}
	if (!err) {
		err = store_user_insert(c, &su, &uid);
		if (err == CP_ECONFLICT) {
			add_error(errs, "username", "This username is taken: choose another");
			err = CP_EINVAL;
		}
	}
	if (!err) {
		/* Two people racing with one code: the second finds it used. */
		err = store_invitation_use(c, v.id, uid, now_ms);
		if (err == CP_ECONFLICT) {
			add_error(errs, "code", "This invitation code has just been used. If you made your login "
						"with it, sign in");
			err = CP_EINVAL;
		}
	}
	if (!err && carer) {
		err = store_contact_set_user(c, v.contact_id, uid);
		if (err == CP_ECONFLICT) {
			add_error(errs, "code", "This carer already has a login: sign in with it");
			err = CP_EINVAL;
		}
		struct store_grant g = {.person_id = v.person_id,
					.carer_user_id = uid,
					.contact_id = v.contact_id,
					.granted_ms = now_ms,
					.granted_by = v.created_by};
		if (!err)
			err = store_grant_insert(c, &g, &gid);
	}
	struct audit_actor self = *who;
	self.user_id = uid;
	self.role = su.role;
	if (!err)
		err = audit(c, &self, now_ms, "invitation.use", "invitation", v.id, v.person_id, v.kind);
	if (!err)
		err = audit(c, &self, now_ms, "user.create", "user", uid, v.person_id, "invitation");
	if (!err && carer)
		err = audit(c, &self, now_ms, "grant.create", "grant", gid, v.person_id, NULL);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	sodium_memzero(hash, sizeof hash);
	if (!err)
		*user_id = uid;
	return err;
}

enum cp_err invite_grant_withdraw(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
				  int64_t person_id, int64_t grant_id)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	err = store_grant_withdraw(c, grant_id, person_id, who->user_id, now_ms);
	if (!err)
		err = audit(c, who, now_ms, "grant.withdraw", "grant", grant_id, person_id, NULL);
	if (!err)
		return store_commit(c);
	store_rollback(c);
	if (err != CP_ENOTFOUND)
		return err;
	/* Not a live grant of this person: withdrawn already, or a form naming
	 * someone else's.  Nothing changes; the attempt is audited. */
	if ((err = store_begin(c)))
		return err;
	if ((err = audit(c, who, now_ms, "grant.refused", "grant", grant_id, person_id, "not a live grant of this person"))) {
		store_rollback(c);
		return err;
	}
	return (err = store_commit(c)) ? err : CP_ENOTFOUND;
}
