/*
 * view_invite.h - pages for letting a person or carer into Careplan
 * (v_invite.c): a person's access page for the team, the invitation letter,
 * the page where an invitation is used, and the person's own list of carers
 * who may see their record.
 */
#ifndef CP_VIEW_INVITE_H
#define CP_VIEW_INVITE_H

#include <stdbool.h>

#include "../domain/person.h"
#include "../store/store.h"
#include "view.h"

/* The team's page about a person's access (/people/:id/access). */
struct v_access {
	const char *csrf;
	const struct person_record *rec;
	bool has_login;                           /* the person has their own login */
	const struct store_invitation *invites;   /* newest first */
	size_t n_invites;
	const struct store_grant *grants;         /* live first */
	size_t n_grants;
	int64_t now_ms;
	const char *error;       /* NULL, or what was wrong with the invitation form */
	const char *error_field; /* "kind", "contact", "agreed" */
	const char *kind;        /* what was chosen, kept on error */
	int64_t contact_id;
	const char *notice;      /* e.g. "Access withdrawn." */
};
void v_access(struct buf *b, const struct view_page *p, const struct v_access *d);

/* The invitation letter, with the code shown this once. */
struct v_invite_letter {
	const char *to_name;     /* who the letter is for */
	const char *about_name;  /* the person whose plan it is */
	bool carer;
	const char *code;
	int64_t expires_ms;
	const char *url;         /* where to use it, e.g. "http://127.0.0.1:8080/invitation" */
	int64_t person_id;
};
void v_invite_letter(struct buf *b, const struct view_page *p, const struct v_invite_letter *d);

/* The public page where an invitation is used (/invitation). */
struct v_redeem {
	const char *csrf;
	const char *code;     /* kept on error */
	const char *username; /* kept on error */
	const struct person_errors *errs;
	const char *notice;
};
void v_redeem(struct buf *b, const struct view_page *p, const struct v_redeem *d);

/* A person's own list of carers who may see their record (/my/access). */
struct v_my_access {
	const char *csrf;
	const struct store_grant *grants; /* live first */
	size_t n_grants;
	const char *notice;
};
void v_my_access(struct buf *b, const struct view_page *p, const struct v_my_access *d);

/* "Who has seen or changed my record" (/my/record-log). */
struct v_record_log {
	const struct store_audit_seen *rows; /* newest first */
	size_t n;
	const char *const *who;              /* n of them: who did it, in plain words */
	bool more;                           /* older rows remain */
	int64_t older_than;                  /* the id to ask for older rows below */
	bool first_page;
	const char *base;                    /* this list's address: /my/record-log or a carer's */
	const char *person_name;             /* a carer's list: whose record; NULL for the person's own */
};
void v_record_log(struct buf *b, const struct view_page *p, const struct v_record_log *d);

#endif
