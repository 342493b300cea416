/*
 * req.h - one HTTP request from arrival to completion, and what handlers see.
 *
 * A struct req is created when libmicrohttpd first reports a request and
 * destroyed when the response has been sent (or the connection dropped).
 * It owns one bounded arena: everything a handler takes from r->arena is
 * freed at once at the end.  Handlers see only validated input: the path is
 * valid UTF-8, form fields are decoded, valid UTF-8 and within the limits
 * below; a request that breaks a limit never reaches a handler.
 *
 * A handler fills the response part (status, content type, body, extra
 * headers) with the resp_* functions in resp.h; server.c adds the headers
 * every response carries and queues it.
 */
#ifndef CP_REQ_H
#define CP_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../domain/auth.h"
#include "../domain/role.h"
#include "../store/store.h"
#include "../util/arena.h"
#include "../util/buf.h"

/* Hard limits on what a client may send. */
#define REQ_ARENA_MAX (4u * 1024 * 1024) /* bytes of per-request memory */
#define REQ_HEADERS_MAX (16u * 1024)     /* bytes of all header names and values */
#define REQ_HEADER_COUNT_MAX 64          /* header lines */
#define REQ_COOKIE_MAX 4096              /* bytes of the Cookie header */
#define REQ_URL_MAX 2048                 /* bytes of path and query */
#define REQ_BODY_MAX (64u * 1024)        /* bytes of a request body */
#define REQ_DISCARD_MAX (1024u * 1024)   /* bytes of an over-limit body read and dropped */
#define REQ_FIELDS_MAX 64                /* form fields in one body */
#define REQ_FIELD_MAX (16u * 1024)       /* bytes of one decoded form value */
#define REQ_FIELD_NAME_MAX 64            /* bytes of a form field name */
#define RESP_BODY_MAX (8u * 1024 * 1024) /* bytes of a generated response */
#define RESP_HEADERS_MAX 8               /* extra headers a handler may add */

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER, HTTP_METHOD__MAX };

struct form_field {
	const char *name;  /* decoded, NUL-terminated, in the arena */
	const char *value; /* decoded, NUL-terminated, in the arena */
	size_t len;        /* bytes of value */
};

struct resp_header {
	const char *name;
	const char *value; /* in the arena */
};

struct app; /* server-wide, read-only while serving: see server.h */

struct req {
	/* ---- the request, read-only for handlers ---- */
	struct arena *arena;
	const struct app *app;
	char id[17];                /* 16 hex chars, on every response and log line */
	enum http_method method;
	const char *method_text;    /* as sent, for logs */
	const char *path;           /* decoded, valid UTF-8 */
	const char *log_path;       /* path plus query keys without their values */
	const char *client;         /* the client's address as text */
	bool tls;
	int64_t start_mono_ms;      /* for the duration in the access log */
	int64_t now_ms;             /* wall clock at arrival (UTC ms) */
	const char *cookie_session; /* cp_session cookie or NULL */
	const char *cookie_csrf;    /* cp_csrf cookie (before sign-in) or NULL */
	const char *content_type;
	const char *if_none_match;
	struct form_field *form;    /* POST fields, n_form of them */
	size_t n_form;
	struct form_field *query;   /* fields of the query string, decoded and valid UTF-8, n_query of
				     * them (at most REQ_FIELDS_MAX, bounded in size by REQ_URL_MAX) */
	size_t n_query;
	int64_t route_id;           /* a ":id" path segment, 0 when none */

	/* ---- who is asking: set by the server before the handler runs ---- */
	struct auth_session *session; /* NULL when not signed in */
	enum role role;               /* ROLE__MAX when not signed in */
	bool session_ended;           /* a session cookie came but its session has ended */

	/* ---- the response, filled by the handler ---- */
	int status;
	const char *resp_type; /* Content-Type */
	struct buf body;
	struct resp_header headers[RESP_HEADERS_MAX];
	size_t n_headers;
	bool cacheable;        /* static asset: may be cached; otherwise no-store */
	const void *static_body; /* borrowed body (assets); overrides body */
	size_t static_len;

	/* ---- server internals ---- */
	struct buf upload;       /* raw body as it arrives */
	int reject_status;       /* a limit broken on arrival, 0 when none */
	size_t discarded;        /* body bytes dropped after reject_status was set */
	const char *reject_msg;  /* what was wrong, for people */
	struct store_conn *db;   /* taken by req_db(), given back at completion */
	bool responded;
};

/* The request's database connection, taken from the pool on first use. */
struct store_conn *req_db(struct req *r);

/* The decoded value of form field name, or NULL when absent. */
const char *req_field(const struct req *r, const char *name);

/* The decoded value of query string field name ("" for "?name"), or NULL
 * when absent. */
const char *req_query(const struct req *r, const char *name);

/* Adds a query string field (decoded, copied to the arena).  false when
 * there are already REQ_FIELDS_MAX or the arena is full. */
bool req_add_query(struct req *r, const char *name, const char *value);

/* The audit actor for this request (user, role, request id, client). */
struct audit_actor req_actor(const struct req *r);

/* Parses an application/x-www-form-urlencoded body into r->form.
 * 0 on success; otherwise an HTTP status (400 or 413) with *msg naming the
 * problem and the field. */
int req_parse_form(struct req *r, const char *body, size_t n, const char **msg);

/* Finds cookie name in a Cookie header value; returns it (in the arena) or
 * NULL.  Malformed pairs are skipped. */
const char *req_cookie(struct arena *a, const char *header, const char *name);

#endif
