/* resp.c - statuses, headers and cookies for handlers. */
#include "resp.h"

#include <stdio.h>
#include <string.h>

#include "../view/view.h"
#include "server.h"

static const int err_status[CP_ERR__MAX] = {
	[CP_OK] = 200,
	[CP_ENOMEM] = 503,
	[CP_EINVAL] = 400,
	[CP_ENOTFOUND] = 404,
	[CP_ECONFLICT] = 409,
	[CP_EFORBIDDEN] = 403,
	[CP_EDB] = 500,
	[CP_EIO] = 500,
	[CP_ETOOBIG] = 413,
	[CP_ELOCKED] = 429,
	[CP_EVERSION] = 500,
};

int resp_status_for(enum cp_err err)
{
	return (unsigned)err < CP_ERR__MAX ? err_status[err] : 500;
}

const char *resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

bool resp_header(struct req *r, const char *name, const char *value)
{
	if (r->n_headers == RESP_HEADERS_MAX)
		return false;
	const char *v = arena_strdup(r->arena, value);
	if (!v)
		return false;
	r->headers[r->n_headers].name = name;
	r->headers[r->n_headers].value = v;
	r->n_headers++;
	return true;
}

void resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	resp_header(r, "Location", location);
	r->resp_type = "text/plain; charset=utf-8";
	buf_reset(&r->body);
	buf_puts(&r->body, "See other\n");
}

void resp_cookie(struct req *r, const char *name, const char *value, long max_age_s)
{
	char age[48] = "";
	if (max_age_s >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age_s);
	const char *c = arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
				     r->tls ? "; Secure" : "", age);
	if (c)
		resp_header(r, "Set-Cookie", c);
}

struct view_page resp_page(const struct req *r, const char *title, const char *nav)
{
	struct view_page p = {.title = title, .role = ROLE__MAX, .nav = nav};
	if (r->session) {
		p.user_name = r->session->user.display_name;
		p.role = r->role;
		p.csrf = r->session->csrf;
	}
	return p;
}

void resp_html(struct req *r)
{
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
}

void resp_attachment(struct req *r, const char *type, const char *filename)
{
	r->status = 200;
	r->resp_type = type;
	const char *v = arena_printf(r->arena, "attachment; filename=\"%s\"", filename);
	resp_header(r, "Content-Disposition", v ? v : "attachment");
}

void resp_error(struct req *r, int status, const char *message)
{
	static const struct {
		int status;
		const char *title;
	} titles[] = {
		{400, "There is a problem with the request"},
		{403, "You do not have access to this page"},
		{404, "Page not found"},
		{405, "This page cannot be used that way"},
		{413, "What was sent is too large"},
		{414, "The address is too long"},
		{415, "The form was sent in a way Careplan does not accept"},
		{429, "Too many attempts"},
		{431, "The request headers are too large"},
		{500, "Sorry, there is a problem with the service"},
		{503, "Sorry, the service is busy"},
	};
	const char *title = resp_reason(status);
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (titles[i].status == status)
			title = titles[i].title;
	r->status = status;
	r->resp_type = "text/html; charset=utf-8";
	r->static_body = NULL;
	r->cacheable = false;
	buf_reset(&r->body);
	struct view_page p = resp_page(r, title, NULL);
	v_error(&r->body, &p, status, title, message);
}
