/*
 * user.h - creating user accounts and changing passwords, with validation and
 * audit.  Used by the command line today and by the admin pages later.
 */
#ifndef CP_USER_H
#define CP_USER_H

#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"

#define USER_NAME_MIN 3
#define USER_NAME_MAX 64
#define USER_DISPLAY_MAX 200

struct user_new {
	const char *username;     /* 3..64 of [a-z0-9._-], starting with a letter or digit */
	const char *display_name; /* 1..200 characters */
	const char *role;         /* a role code */
	const char *discipline;   /* a discipline code; required for "professional" */
	const char *password;     /* checked by password_check() */
	int64_t team_id;          /* 0 for none */
	int64_t person_id;        /* for role "person": their own record */
};

/* Validates u; CP_EINVAL with msg naming the field and the problem. */
enum cp_err user_validate(const struct user_new *u, char *msg, size_t msgn);

/* Validates, hashes and stores u, and audits "user.create", in one
 * transaction.  CP_ECONFLICT when the username is taken (msg says so). */
enum cp_err user_create(struct store_conn *c, const struct user_new *u, const struct audit_actor *who,
			int64_t now_ms, int64_t *id, char *msg, size_t msgn);

/* Checks and sets a new password for username, audits "user.password".
 * CP_ENOTFOUND when there is no such user. */
enum cp_err user_set_password(struct store_conn *c, struct arena *a, const char *username,
			      const char *password, const struct audit_actor *who, int64_t now_ms, char *msg,
			      size_t msgn);

#endif
