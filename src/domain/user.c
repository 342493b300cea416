/* user.c - user accounts: validation, creation, password changes. */
#include "user.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "password.h"
#include "role.h"

static bool username_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < USER_NAME_MIN || n > USER_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		if (!alnum && !(i > 0 && (ch == '.' || ch == '_' || ch == '-')))
			return false;
	}
	return true;
}

enum cp_err user_validate(const struct user_new *u, char *msg, size_t msgn)
{
	if (!u->username || !username_ok(u->username)) {
		snprintf(msg, msgn,
			 "username \"%s\" is not valid: use %d to %d lower-case letters, digits, '.', '_' or '-', "
			 "starting with a letter or digit",
			 u->username ? u->username : "", USER_NAME_MIN, USER_NAME_MAX);
		return CP_EINVAL;
	}
	size_t dn = u->display_name ? strlen(u->display_name) : 0;
	if (dn == 0 || !utf8_text_valid(u->display_name, dn) || utf8_count(u->display_name, dn) > USER_DISPLAY_MAX ||
	    strpbrk(u->display_name, "\r\n\t")) {
		snprintf(msg, msgn, "name is required: 1 to %d characters on one line", USER_DISPLAY_MAX);
		return CP_EINVAL;
	}
	enum role r = role_from_code(u->role);
	if (r == ROLE__MAX) {
		char list[256] = "";
		for (int i = 0; i < ROLE__MAX; i++) {
			strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
			strncat(list, role_code((enum role)i), sizeof list - strlen(list) - 1);
		}
		snprintf(msg, msgn, "role \"%s\" is not known; choose one of: %s", u->role ? u->role : "", list);
		return CP_EINVAL;
	}
	enum discipline d = discipline_from_code(u->discipline);
	if (d == DISC__MAX || (role_needs_discipline(r) && d == DISC_NONE)) {
		char list[512] = "";
		for (int i = 1; i < DISC__MAX; i++) {
			strncat(list, i > 1 ? ", " : "", sizeof list - strlen(list) - 1);
			strncat(list, discipline_code((enum discipline)i), sizeof list - strlen(list) - 1);
		}
		snprintf(msg, msgn, "discipline \"%s\" is %s; choose one of: %s", u->discipline ? u->discipline : "",
			 d == DISC__MAX ? "not known" : "required for a professional", list);
		return CP_EINVAL;
	}
	char pmsg[200];
	if (!u->password || password_check(u->password, u->username, pmsg, sizeof pmsg)) {
		snprintf(msg, msgn, "password: %s", u->password ? pmsg : "is required");
		return CP_EINVAL;
	}
	return CP_OK;
}

enum cp_err user_create(struct store_conn *c, const struct user_new *u, const struct audit_actor *who,
			int64_t now_ms, int64_t *id, char *msg, size_t msgn)
{
	enum cp_err err = user_validate(u, msg, msgn);
	if (err)
		return err;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(u->password, hash)) {
		snprintf(msg, msgn, "cannot hash the password: out of memory");
		return CP_ENOMEM;
	}
	struct store_user su = {
		.username = u->username,
		.display_name = u->display_name,
		.role = u->role,
		.discipline = u->discipline && *u->discipline ? u->discipline : NULL,
		.team_id = u->team_id,
		.person_id = u->person_id,
		.password_hash = hash,
		.created_ms = now_ms,
	};
	if ((err = store_begin(c))) {
		snprintf(msg, msgn, "cannot start a transaction to add user %s", u->username);
		return err;
	}
	err = store_user_insert(c, &su, id);
	if (!err) {
		struct audit_event ev = {.action = "user.create", .object_type = "user", .object_id = *id,
					 .person_id = u->person_id};
		err = audit_record(c, who, &ev, now_ms);
	}
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	if (err == CP_ECONFLICT)
		snprintf(msg, msgn, "username \"%s\" is already taken", u->username);
	else if (err)
		snprintf(msg, msgn, "cannot add user %s: %s", u->username, cp_strerror(err));
	return err;
}

enum cp_err user_set_password(struct store_conn *c, struct arena *a, const char *username,
			      const char *password, const struct audit_actor *who, int64_t now_ms, char *msg,
			      size_t msgn)
{
	struct store_user u;
	enum cp_err err = store_user_by_username(c, a, username, &u);
	if (err) {
		snprintf(msg, msgn, err == CP_ENOTFOUND ? "no user is called \"%s\"" : "cannot look up user \"%s\"",
			 username);
		return err;
	}
	char pmsg[200];
	if (password_check(password, username, pmsg, sizeof pmsg)) {
		snprintf(msg, msgn, "password: %s", pmsg);
		return CP_EINVAL;
	}
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash)) {
		snprintf(msg, msgn, "cannot hash the password: out of memory");
		return CP_ENOMEM;
	}
	if ((err = store_begin(c)))
		return err;
	struct audit_event ev = {.action = "user.password", .object_type = "user", .object_id = u.id};
	if (!(err = store_user_set_password(c, u.id, hash)) && !(err = audit_record(c, who, &ev, now_ms)))
		err = store_commit(c);
	else
		store_rollback(c);
	if (err)
		snprintf(msg, msgn, "cannot change the password of \"%s\": %s", username, cp_strerror(err));
	return err;
}
