/*
 * resp.h - building a response in a handler, and the one table that maps
 * errors to HTTP statuses.
 */
#ifndef CP_RESP_H
#define CP_RESP_H

#include "../util/err.h"
#include "../view/view.h"
#include "req.h"

/* The HTTP status for an error from a lower layer (CP_ENOTFOUND -> 404, ...). */
int resp_status_for(enum cp_err err);

/* The reason phrase for status ("Not Found"). */
const char *resp_reason(int status);

/* Adds a response header (name is a literal; value is copied to the arena).
 * Returns false when the header table is full. */
bool resp_header(struct req *r, const char *name, const char *value);

/* A 303 See Other to location (a path on this site). */
void resp_redirect(struct req *r, const char *location);

/* Sets a cookie: HttpOnly, SameSite=Strict, Path=/, Secure under TLS.
 * max_age_s < 0 means a browser-session cookie; 0 deletes it. */
void resp_cookie(struct req *r, const char *name, const char *value, long max_age_s);

/* The page frame's data (title, who is signed in) for a view. */
struct view_page resp_page(const struct req *r, const char *title, const char *nav);

/* Marks the response as a 200 HTML page (the handler then writes r->body). */
void resp_html(struct req *r);

/* Marks the response as a 200 download of type (a literal, such as
 * "text/csv; charset=utf-8") saved as filename (a literal of letters,
 * digits, '-' and '.'): Content-Disposition attachment.  Cache-Control
 * stays no-store.  The handler then writes r->body. */
void resp_attachment(struct req *r, const char *type, const char *filename);

/* An HTML error page for status with a message for people. */
void resp_error(struct req *r, int status, const char *message);

#endif
