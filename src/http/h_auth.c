/* h_auth.c - the sign-in page, signing in and signing out. */
#include <string.h>

#include "../domain/auth.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "resp.h"
#include "router.h"
#include "server.h"

#define LOGIN_USERNAME_MAX 64

const char *h_login_csrf(struct req *r)
{
	if (r->cookie_csrf && strlen(r->cookie_csrf) == AUTH_TOKEN_HEX)
		return r->cookie_csrf;
	char *t = arena_alloc(r->arena, AUTH_TOKEN_HEX + 1);
	if (!t)
		return "";
	auth_random_token(t);
	resp_cookie(r, "cp_csrf", t, -1);
	return t;
}

static void login_page(struct req *r, int status, const struct v_login *d)
{
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, d->error ? "Error: Sign in" : "Sign in", NULL);
	v_login(&r->body, &p, d);
}

void h_login_form(struct req *r)
{
	if (r->session) {
		resp_redirect(r, "/");
		return;
	}
	struct v_login d = {.csrf = h_login_csrf(r)};
	/* The query says why the person is here; only fixed words are shown. */
	const char *q = strchr(r->log_path, '?');
	if (q && strstr(q, "ended="))
		d.notice = "Your session has ended. Sign in again to carry on.";
	else if (q && strstr(q, "signed_out="))
		d.notice = "You have signed out.";
	if (r->session_ended)
		resp_cookie(r, "cp_session", "", 0);
	login_page(r, 200, &d);
}

void h_login(struct req *r)
{
	const char *username = req_field(r, "username");
	const char *password = req_field(r, "password");
	struct v_login d = {.csrf = h_login_csrf(r), .username = username};
	if (!username || !*username) {
		d.error = "Enter your username";
		d.error_field = "username";
		login_page(r, 400, &d);
		return;
	}
	if (strlen(username) > LOGIN_USERNAME_MAX) {
		d.error = "Username must be 64 characters or fewer";
		d.error_field = "username";
		d.username = NULL;
		login_page(r, 400, &d);
		return;
	}
	if (!password || !*password) {
		d.error = "Enter your password";
		d.error_field = "password";
		login_page(r, 400, &d);
		return;
	}
	struct audit_actor who = req_actor(r);
	struct auth_signin out;
	enum cp_err err = auth_sign_in(req_db(r), r->arena, &r->app->cfg->auth, username, password, &who, r->now_ms,
				       &out);
	if (err == CP_ELOCKED) {
		char hm[8];
		time_fmt_hm(hm, sizeof hm, out.retry_at_ms);
		d.error = arena_printf(r->arena,
				       "Too many failed sign-ins. For your security, try again at %s (UTC), "
				       "or ask your administrator for help",
				       hm);
		login_page(r, 429, &d);
		return;
	}
	if (err == CP_EFORBIDDEN) {
		d.error = "The username or password is not right. Check them and try again";
		d.error_field = "password";
		login_page(r, 401, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "Signing in failed because of a problem with the service.");
		return;
	}
	resp_cookie(r, "cp_session", out.token, r->app->cfg->auth.lifetime_ms / 1000);
	resp_cookie(r, "cp_csrf", "", 0);
	resp_redirect(r, "/");
}

void h_logout(struct req *r)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = auth_sign_out(req_db(r), r->session, &who, r->now_ms);
	if (err) {
		resp_error(r, resp_status_for(err), "Signing out failed because of a problem with the service.");
		return;
	}
	resp_cookie(r, "cp_session", "", 0);
	resp_redirect(r, "/login?signed_out=1");
}
