/* h_invite.c - invitations and carers' grants (h_invite.h). */
#include "h_invite.h"

#include <stdio.h>
#include <string.h>

#include "../domain/auth.h"
#include "../domain/invite.h"
#include "../domain/transparency.h"
#include "../domain/share.h"
#include "../domain/access.h"
#include "../util/str.h"
#include "../view/view_invite.h"
#include "resp.h"
#include "router.h"
#include "server.h"

#define NOT_FOUND "There is no such person."
#define GRANTS_MAX 50
#define INVITES_MAX 20

/* ---- the team's access page for a person ------------------------------------ */

/* Fills d for person r->route_id (read and audited with why); answers the
 * request itself and returns false when that fails. */
static bool load_access(struct req *r, const char *why, struct person_record *rec, struct v_access *d)
{
	struct audit_actor who = req_actor(r);
	struct store_conn *c = req_db(r);
	enum cp_err err = person_read(c, r->arena, &who, r->now_ms, r->route_id, why, rec);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NOT_FOUND);
		return false;
	}
	struct store_invitation *inv = NULL;
	struct store_grant *g = NULL;
	int64_t uid = 0;
	enum cp_err lerr = CP_OK;
	if (!err) {
		lerr = store_user_of_person(c, rec->person.id, &uid);
		if (lerr == CP_ENOTFOUND)
			lerr = CP_OK;
		err = lerr;
	}
	*d = (struct v_access){.csrf = r->session->csrf, .rec = rec, .has_login = uid > 0, .now_ms = r->now_ms};
	if (!err)
		err = store_invitation_list(c, r->arena, rec->person.id, INVITES_MAX, &inv, &d->n_invites);
	if (!err)
		err = store_grant_list_person(c, r->arena, rec->person.id, GRANTS_MAX, &g, &d->n_grants);
	if (err) {
		resp_error(r, resp_status_for(err), "The person's access could not be read.");
		return false;
	}
	d->invites = inv;
	d->grants = g;
	return true;
}

static void access_page(struct req *r, int status, const struct v_access *d)
{
	resp_html(r);
	r->status = status;
	const char *title = d->error ? "Error: Access to Careplan" : "Access to Careplan";
	struct view_page p = resp_page(r, title, "people");
	v_access(&r->body, &p, d);
}

void h_access(struct req *r)
{
	struct person_record rec;
	struct v_access d;
	if (!load_access(r, "access page", &rec, &d))
		return;
	const char *done = req_query(r, "done");
	if (done && strcmp(done, "withdrawn") == 0)
		d.notice = "Access withdrawn. The carer can no longer see the plan.";
	access_page(r, 200, &d);
}

/* The letter's address for using an invitation. */
static const char *invitation_url(struct req *r)
{
	const struct server_config *cfg = r->app->cfg;
	if (cfg->public_url && *cfg->public_url) {
		size_t n = strlen(cfg->public_url);
		bool slash = cfg->public_url[n - 1] == '/';
		return arena_printf(r->arena, "%s%sinvitation", cfg->public_url, slash ? "" : "/");
	}
	const char *host = cfg->listen_host;
	bool v6 = strchr(host, ':') != NULL;
	return arena_printf(r->arena, "%s://%s%s%s:%u/invitation", r->app->tls ? "https" : "http", v6 ? "[" : "",
			    host, v6 ? "]" : "", (unsigned)cfg->port);
}

void h_invitation_create(struct req *r)
{
	struct person_record rec;
	struct v_access d;
	if (!load_access(r, "making an invitation", &rec, &d))
		return;
	/* "who" is "person" or "carer-<contact id>". */
	const char *whom = req_field(r, "who");
	const char *agreed = req_field(r, "agreed");
	const char *kind = NULL;
	int64_t contact = 0;
	if (whom && strcmp(whom, "person") == 0)
		kind = "person";
	else if (whom && strncmp(whom, "carer-", 6) == 0 && !str_to_i64(whom + 6, 1, INT64_MAX, &contact))
		kind = "carer";
	d.kind = kind;
	d.contact_id = contact;
	if (!kind) {
		d.error = "Choose who the invitation is for";
		d.error_field = "kind";
		access_page(r, 400, &d);
		return;
	}
	struct audit_actor who = req_actor(r);
	char code[INVITE_CODE_TEXT], msg[256];
	int64_t expires = 0;
	bool yes = agreed && strcmp(agreed, "yes") == 0;
	enum cp_err err = invite_create(req_db(r), r->arena, &who, r->now_ms, rec.person.id, kind, contact, yes, code,
					&expires, msg, sizeof msg);
	if (err == CP_EINVAL) {
		d.error = arena_strdup(r->arena, msg);
		d.error_field = strstr(msg, "agrees") ? "agreed" : "kind";
		access_page(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The invitation could not be made.");
		return;
	}
	struct v_invite_letter l = {
		.carer = strcmp(kind, "carer") == 0,
		.code = code,
		.expires_ms = expires,
		.url = invitation_url(r),
		.person_id = rec.person.id,
		.about_name = arena_printf(r->arena, "%s %s", rec.person.given_name, rec.person.family_name),
	};
	if (l.carer) {
		for (size_t i = 0; i < rec.n_contacts; i++)
			if (rec.contacts[i].id == contact)
				l.to_name = rec.contacts[i].name;
	} else {
		l.to_name = l.about_name;
	}
	resp_html(r);
	r->status = 200;
	struct view_page p = resp_page(r, "Invitation letter", "people");
	v_invite_letter(&r->body, &p, &l);
	memset(code, 0, sizeof code);
}

/* Withdraws a grant named by the form's "grant" for person_id, then
 * redirects to back; 404 when it is not that person's live grant. */
static void withdraw(struct req *r, int64_t person_id, const char *back)
{
	int64_t grant = 0;
	const char *gs = req_field(r, "grant");
	if (!gs || str_to_i64(gs, 1, INT64_MAX, &grant)) {
		resp_error(r, 400, "The form did not say which access to withdraw.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = invite_grant_withdraw(req_db(r), &who, r->now_ms, person_id, grant);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no such access to withdraw: it may have been withdrawn already.");
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The access could not be withdrawn.");
		return;
	}
	resp_redirect(r, back);
}

void h_access_withdraw(struct req *r)
{
	struct store_person p;
	enum cp_err err = store_person_get(req_db(r), r->arena, r->route_id, &p);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err), NOT_FOUND);
		return;
	}
	withdraw(r, p.id, arena_printf(r->arena, "/people/%lld/access?done=withdrawn", (long long)p.id));
}

/* ---- the person's own list ------------------------------------------------------ */

void h_my_access(struct req *r)
{
	int64_t pid = r->session->user.person_id;
	struct store_grant *g = NULL;
	struct v_my_access d = {.csrf = r->session->csrf};
	enum cp_err err = pid > 0 ? store_grant_list_person(req_db(r), r->arena, pid, GRANTS_MAX, &g, &d.n_grants)
				  : CP_ENOTFOUND;
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err), "Your record could not be found.");
		return;
	}
	d.grants = g;
	const char *done = req_query(r, "done");
	if (done && strcmp(done, "withdrawn") == 0)
		d.notice = "Done. That carer can no longer see your plan.";
	resp_html(r);
	struct view_page p = resp_page(r, "Who can see my plan", "home");
	v_my_access(&r->body, &p, &d);
}

void h_my_access_withdraw(struct req *r)
{
	int64_t pid = r->session->user.person_id;
	if (pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return;
	}
	withdraw(r, pid, "/my/access?done=withdrawn");
}

/* ---- using an invitation (before signing in) ---------------------------------------------- */

static void redeem_page(struct req *r, int status, const struct v_redeem *d)
{
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, d->errs && d->errs->n ? "Error: Use your invitation" : "Use your invitation",
				       NULL);
	v_redeem(&r->body, &p, d);
}

void h_invitation_form(struct req *r)
{
	if (r->session) {
		resp_redirect(r, "/");
		return;
	}
	struct v_redeem d = {.csrf = h_login_csrf(r)};
	redeem_page(r, 200, &d);
}

void h_invitation_use(struct req *r)
{
	struct invite_redeem_input in = {
		.code = req_field(r, "code"),
		.username = req_field(r, "username"),
		.password = req_field(r, "password"),
		.confirm = req_field(r, "confirm"),
	};
	struct person_errors errs = {0};
	struct audit_actor who = req_actor(r);
	int64_t uid = 0;
	struct store_conn *c = req_db(r);
	enum cp_err err = invite_redeem(c, r->arena, &who, r->now_ms, &in, &uid, &errs);
	if (err == CP_EINVAL) {
		struct v_redeem d = {.csrf = h_login_csrf(r), .code = in.code, .username = in.username, .errs = &errs};
		redeem_page(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "Your login could not be made because of a problem with the service.");
		return;
	}
	/* Signed in straight away with the new login. */
	struct auth_signin out;
	err = auth_sign_in(c, r->arena, &r->app->cfg->auth, in.username, in.password, &who, r->now_ms, &out);
	if (err) {
		resp_redirect(r, "/login");
		return;
	}
	resp_cookie(r, "cp_session", out.token, r->app->cfg->auth.lifetime_ms / 1000);
	resp_cookie(r, "cp_csrf", "", 0);
	resp_redirect(r, "/");
}

/* ---- who has seen or changed my record ----------------------------------------------- */

/* The record log of person pid for the signed-in user: the person
 * (person = true) sees every row, a carer (carer_name set) the rows of the
 * sections they may see. */
static void record_log(struct req *r, int64_t pid, bool person, unsigned mask, const char *person_name)
{
	int64_t before = 0;
	const char *bs = req_query(r, "before");
	if (bs && str_to_i64(bs, 1, INT64_MAX, &before)) {
		resp_error(r, 400, "The address asks for entries before something that is not a number.");
		return;
	}
	struct audit_actor who = req_actor(r);
	struct store_audit_seen *rows = NULL;
	struct v_record_log d = {.first_page = before == 0, .person_name = person_name};
	d.base = person ? "/my/record-log" : arena_printf(r->arena, "/cared-for/%lld/record-log", (long long)pid);
	enum cp_err err = d.base ? transparency_list(req_db(r), r->arena, &who, r->now_ms, pid, before, person, mask,
						     &rows, &d.n, &d.more)
				 : CP_ENOMEM;
	const char **names = d.n ? arena_zalloc(r->arena, d.n * sizeof *names) : NULL;
	if (!err && d.n && !names)
		err = CP_ENOMEM;
	for (size_t i = 0; !err && i < d.n; i++)
		if (!(names[i] = transparency_who(r->arena, &rows[i], r->session->user.id)))
			err = CP_ENOMEM;
	if (err) {
		resp_error(r, resp_status_for(err), "The list could not be put together.");
		return;
	}
	d.rows = rows;
	d.who = names;
	d.older_than = d.n ? rows[d.n - 1].id : 0;
	resp_html(r);
	const char *title = person ? "Who has seen or changed my record"
				   : arena_printf(r->arena, "Who has seen or changed %s's record", person_name);
	struct view_page p = resp_page(r, title ? title : "Who has seen or changed the record", "home");
	v_record_log(&r->body, &p, &d);
}

void h_record_log(struct req *r)
{
	int64_t pid = r->session->user.person_id;
	if (pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return;
	}
	record_log(r, pid, true, 0, NULL);
}

void h_carer_record_log(struct req *r)
{
	/* The router has checked the carer's live grant for this person. */
	const struct store_user *u = &r->session->user;
	enum access_basis basis = ACCESS_NONE;
	unsigned mask = 0;
	struct store_person p;
	enum cp_err err = store_person_get(req_db(r), r->arena, r->route_id, &p);
	if (!err)
		err = access_to_person(req_db(r), u, r->now_ms, p.id, &basis);
	if (!err && basis != ACCESS_CARER)
		err = CP_ENOTFOUND;
	if (!err)
		err = share_visible_sections(req_db(r), u, basis, p.id, &mask);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? "There is no page at this address." : "The list could not be put together.");
		return;
	}
	record_log(r, p.id, false, mask, p.preferred_name && *p.preferred_name ? p.preferred_name : p.given_name);
}
