/*
 * server.c - libmicrohttpd glue: request lifecycle, limits, common headers,
 * the access log and graceful shutdown.
 *
 * Request lifecycle (one struct req per request):
 *   1st callback   create the req; read headers, check limits; no response
 *                  yet (queuing on the first callback makes libmicrohttpd
 *                  close the connection, losing keep-alive), unless a limit
 *                  is already broken: then answer at once, body unread.
 *   body chunks    append to r->upload up to REQ_BODY_MAX; past it, read
 *                  and drop up to REQ_DISCARD_MAX more, then hang up
 *                  (libmicrohttpd takes no response while a body arrives).
 *   last callback  reject, or authenticate, route and run the handler; queue.
 *   completed      write the access log line, give back the db connection,
 *                  free the arena.
 */
#include "server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../util/clock.h"
#include "../util/log.h"
#include "../util/str.h"
#include "assets.h"
#include "req.h"
#include "resp.h"
#include "router.h"

struct server {
	struct MHD_Daemon *d;
	struct app app;
	char *tls_cert_pem, *tls_key_pem;
	uint16_t port;
	int inflight; /* requests begun and not completed (atomic) */
};

/* Every response carries these.  No inline script or style anywhere, so the
 * policy needs no 'unsafe-inline'. */
#define CSP                                                                                            \
	"default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "                \
	"manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

static const char *const common_headers[][2] = {
	{"Content-Security-Policy", CSP},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"},
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
};

static enum http_method method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

static void reject(struct req *r, int status, const char *msg)
{
	if (!r->reject_status) {
		r->reject_status = status;
		r->reject_msg = msg;
	}
}

struct header_scan {
	struct req *r;
	size_t bytes;
	size_t count;
	const char *cookie;
	size_t cookie_len;
	const char *content_length;
};

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct header_scan *h = cls;
	size_t vl = value ? strlen(value) : 0;
	h->bytes += strlen(key) + vl + 4;
	h->count++;
	if (strcasecmp(key, "Cookie") == 0) {
		h->cookie = value;
		h->cookie_len = vl;
	} else if (strcasecmp(key, "Content-Type") == 0) {
		h->r->content_type = value;
	} else if (strcasecmp(key, "Content-Length") == 0) {
		h->content_length = value;
	} else if (strcasecmp(key, "If-None-Match") == 0) {
		h->r->if_none_match = value;
	}
	if (value && !utf8_text_valid(value, vl))
		reject(h->r, 400, "A request header is not valid text");
	return MHD_YES;
}

struct query_scan {
	struct req *r;
	struct buf *log;
	bool first;
	bool bad;     /* a key or value is not valid UTF-8 */
	bool full;    /* more fields than REQ_FIELDS_MAX, or the arena is full */
	size_t bytes; /* of the decoded query, with its '?', '=' and '&' */
};

static enum MHD_Result scan_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct query_scan *q = cls;
	size_t kl = strlen(key), vl = value ? strlen(value) : 0;
	q->bytes += 1 + kl + (value ? 1 + vl : 0);
	/* The access log keeps the keys, never the values (they may be names). */
	buf_putc(q->log, q->first ? '?' : '&');
	buf_puts(q->log, key);
	buf_putc(q->log, '=');
	q->first = false;
	if (!utf8_text_valid(key, kl) || (value && !utf8_text_valid(value, vl)))
		q->bad = true;
	else if (!q->full && !req_add_query(q->r, key, value))
		q->full = true;
	return MHD_YES;
}

static void client_text(struct MHD_Connection *conn, struct req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char host[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, host, sizeof host);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, host,
				  sizeof host);
	}
	r->client = arena_strdup(r->arena, host);
}

/* The first callback: a new struct req, headers read and checked. */
static struct req *req_begin(struct server *s, struct MHD_Connection *conn, const char *url, const char *method)
{
	struct arena *a = arena_new(REQ_ARENA_MAX);
	if (!a)
		return NULL;
	struct req *r = arena_zalloc(a, sizeof *r);
	if (!r) {
		arena_free(a);
		return NULL;
	}
	r->arena = a;
	r->app = &s->app;
	r->tls = s->app.tls;
	r->start_mono_ms = time_mono_ms();
	r->now_ms = time_now_ms();
	r->role = ROLE__MAX;
	unsigned char idb[8];
	randombytes_buf(idb, sizeof idb);
	str_hex(r->id, idb, sizeof idb);
	buf_init(&r->body, RESP_BODY_MAX);
	buf_init(&r->upload, REQ_BODY_MAX);
	r->method = method_of(method);
	r->method_text = arena_strndup(a, method, strlen(method) > 16 ? 16 : strlen(method));
	client_text(conn, r);

	/* libmicrohttpd hands over the path and the query apart, both decoded;
	 * the limit is on the two together. */
	size_t ul = strlen(url);
	r->path = arena_strdup(a, url);
	struct buf lp;
	buf_init(&lp, 4096);
	/* A calendar feed's address is its credential: the log never has it. */
	if (strncmp(url, "/calendar/", 10) == 0)
		buf_puts(&lp, "/calendar/(secret)");
	else
		buf_puts(&lp, ul > 256 ? "(long path)" : url);
	struct query_scan q = {.r = r, .log = &lp, .first = true};
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, scan_query, &q);
	r->log_path = lp.err ? "(unloggable path)" : arena_strdup(a, lp.data ? lp.data : url);
	buf_free(&lp);
	if (ul + q.bytes > REQ_URL_MAX)
		reject(r, 414, "The address is too long");
	else if (!utf8_text_valid(url, ul) || url[0] != '/')
		reject(r, 400, "The address is not a valid path");
	else if (q.bad)
		reject(r, 400, "The address has a query value that is not valid UTF-8 text");
	else if (q.full)
		reject(r, 414, arena_printf(a, "The address has more than %d query fields", REQ_FIELDS_MAX));

	struct header_scan h = {.r = r};
	MHD_get_connection_values(conn, MHD_HEADER_KIND, scan_header, &h);
	if (h.bytes > REQ_HEADERS_MAX)
		reject(r, 431, arena_printf(a, "The request headers are larger than %u bytes",
					    (unsigned)REQ_HEADERS_MAX));
	else if (h.count > REQ_HEADER_COUNT_MAX)
		reject(r, 431, arena_printf(a, "The request has more than %d headers", REQ_HEADER_COUNT_MAX));
	else if (h.cookie_len > REQ_COOKIE_MAX)
		reject(r, 431, arena_printf(a, "The Cookie header is larger than %d bytes", REQ_COOKIE_MAX));
	if (h.cookie && h.cookie_len <= REQ_COOKIE_MAX) {
		r->cookie_session = req_cookie(a, h.cookie, "cp_session");
		r->cookie_csrf = req_cookie(a, h.cookie, "cp_csrf");
	}
	if (h.content_length) {
		int64_t cl = 0;
		if (str_to_i64(h.content_length, 0, INT64_MAX, &cl))
			reject(r, 400, "The Content-Length header is not a number");
		else if (cl > (int64_t)REQ_BODY_MAX)
			reject(r, 413, arena_printf(a, "The request body is larger than %u bytes",
						    (unsigned)REQ_BODY_MAX));
	}
	if (r->method == HTTP_POST && !r->reject_status) {
		const char *ct = r->content_type ? r->content_type : "";
		if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
		    (ct[33] != '\0' && ct[33] != ';'))
			reject(r, 415, "Forms must be sent as application/x-www-form-urlencoded");
	}
	return r;
}

/* Signs the request in from its session cookie, if any.  false when the
 * session could not be checked (the database is busy or failing): then the
 * request is answered 503 and the session is left alone, because only a
 * session that is really gone ends. */
static bool authenticate(struct req *r)
{
	if (!r->cookie_session)
		return true;
	struct auth_session *s = arena_zalloc(r->arena, sizeof *s);
	if (!s)
		return false;
	enum cp_err err = auth_session_get(req_db(r), r->arena, &r->app->cfg->auth, r->cookie_session, r->now_ms, s);
	if (err == CP_ENOTFOUND) {
		r->session_ended = true;
		return true;
	}
	if (err)
		return false;
	r->session = s;
	r->role = role_from_code(s->user.role);
	return true;
}

static void add_headers(struct req *r, struct MHD_Response *resp)
{
	for (size_t i = 0; i < sizeof common_headers / sizeof common_headers[0]; i++)
		MHD_add_response_header(resp, common_headers[i][0], common_headers[i][1]);
	if (r->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
	MHD_add_response_header(resp, "X-Request-Id", r->id);
	if (r->resp_type)
		MHD_add_response_header(resp, "Content-Type", r->resp_type);
	MHD_add_response_header(resp, "Cache-Control", r->cacheable ? "public, max-age=3600" : "no-store");
	for (size_t i = 0; i < r->n_headers; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
}

static enum MHD_Result respond(struct MHD_Connection *conn, struct req *r)
{
	r->responded = true;
	if (r->reject_status) {
		resp_error(r, r->reject_status, r->reject_msg ? r->reject_msg : "The request was not accepted");
		if (r->reject_status == 405 || r->method == HTTP_OTHER)
			resp_header(r, "Allow", "GET, HEAD, POST");
	} else {
		log_set_request(r->id);
		if (authenticate(r))
			router_dispatch(r);
		else
			resp_error(r, 503, "Careplan is very busy and could not check your sign-in. Wait a moment and "
					   "try again: you are still signed in.");
		log_set_request(NULL);
	}
	if (r->body.err && !r->static_body) {
		buf_free(&r->body);
		buf_init(&r->body, RESP_BODY_MAX);
		r->n_headers = 0;
		resp_error(r, 500, "The page was too large to build");
	}
	struct MHD_Response *resp;
	if (r->static_body) {
		resp = MHD_create_response_from_buffer(r->static_len, (void *)r->static_body, MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = 0;
		char *data = buf_detach(&r->body, &len);
		if (!data)
			return MHD_NO;
		resp = MHD_create_response_from_buffer_with_free_callback(len, data, free);
		if (!resp)
			free(data);
	}
	if (!resp)
		return MHD_NO;
	add_headers(r, resp);
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct req *r = *con_cls;
	if (!r) {
		r = req_begin(s, conn, url, method);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		__atomic_add_fetch(&s->inflight, 1, __ATOMIC_SEQ_CST);
		/* Refused on arrival: answer now, the one moment besides the last
		 * callback when libmicrohttpd accepts a response; it then reads
		 * none of the body and closes the connection. */
		return r->reject_status ? respond(conn, r) : MHD_YES;
	}
	if (r->responded) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (!r->reject_status && *upload_data_size > REQ_BODY_MAX - r->upload.len)
			reject(r, 413, arena_printf(r->arena, "The request body is larger than %u bytes",
						    (unsigned)REQ_BODY_MAX));
		if (!r->reject_status) {
			buf_add(&r->upload, upload_data, *upload_data_size);
		} else {
			/* libmicrohttpd refuses a response while a body is still
			 * arriving (a chunked upload over the limit), so the rest
			 * is read and dropped and the 413 sent at the end; past
			 * REQ_DISCARD_MAX the connection is dropped instead. */
			r->discarded += *upload_data_size;
			if (r->discarded > REQ_DISCARD_MAX)
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!r->reject_status && r->method == HTTP_POST) {
		const char *msg = NULL;
		int st = req_parse_form(r, r->upload.data ? r->upload.data : "", r->upload.len, &msg);
		if (st)
			reject(r, st, msg);
	}
	return respond(conn, r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	struct server *s = cls;
	struct req *r = *con_cls;
	if (!r)
		return;
	*con_cls = NULL;
	struct buf b;
	buf_init(&b, 8192);
	log_begin(&b, LOG_INFO, "http");
	log_field_str(&b, "req", r->id);
	log_field_str(&b, "method", r->method_text);
	log_field_str(&b, "path", r->log_path);
	log_field_i64(&b, "status", r->responded ? r->status : 0);
	log_field_ms(&b, "ms", (double)(time_mono_ms() - r->start_mono_ms));
	if (r->session)
		log_field_i64(&b, "user", r->session->user.id);
	else
		log_field_str(&b, "user", NULL);
	log_field_str(&b, "client", r->client);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		log_field_str(&b, "ended", "aborted");
	log_end(&b, LOG_INFO);
	if (r->db)
		store_release(s->app.store, r->db);
	buf_free(&r->body);
	buf_free(&r->upload);
	arena_free(r->arena);
	__atomic_sub_fetch(&s->inflight, 1, __ATOMIC_SEQ_CST);
}

/* fmt comes from libmicrohttpd, a literal of its own. */
__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	struct buf m;
	buf_init(&m, 2048);
	buf_vprintf(&m, fmt, ap);
	while (m.len && (m.data[m.len - 1] == '\n' || m.data[m.len - 1] == '\r'))
		m.data[--m.len] = '\0';
	log_msg(LOG_WARN, "httpd", m.data ? m.data : "");
	buf_free(&m);
}

enum cp_err server_parse_listen(const char *text, struct server_config *cfg, char *msg, size_t msgn)
{
	const char *colon = strrchr(text, ':');
	if (!colon) {
		snprintf(msg, msgn, "listen address \"%s\" needs a port, as in 127.0.0.1:8080", text);
		return CP_EINVAL;
	}
	int64_t port;
	if (str_to_i64(colon + 1, 0, 65535, &port)) {
		snprintf(msg, msgn, "listen address \"%s\": port must be a number from 0 to 65535", text);
		return CP_EINVAL;
	}
	const char *h = text, *he = colon;
	if (he - h >= 2 && *h == '[' && he[-1] == ']') {
		h++;
		he--;
	} else if (memchr(h, ':', (size_t)(he - h))) {
		snprintf(msg, msgn, "listen address \"%s\": put an IPv6 address in brackets, as in [::1]:8080", text);
		return CP_EINVAL;
	}
	size_t hl = (size_t)(he - h);
	if (hl >= sizeof cfg->listen_host) {
		snprintf(msg, msgn, "listen address \"%s\" is too long", text);
		return CP_EINVAL;
	}
	char host[sizeof cfg->listen_host];
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (hl == 0)
		snprintf(host, sizeof host, "0.0.0.0");
	unsigned char tmp[sizeof(struct in6_addr)];
	if (inet_pton(AF_INET, host, tmp) != 1 && inet_pton(AF_INET6, host, tmp) != 1) {
		snprintf(msg, msgn, "listen address \"%s\": \"%s\" is not a numeric IPv4 or IPv6 address", text, host);
		return CP_EINVAL;
	}
	memcpy(cfg->listen_host, host, hl + 1 > sizeof host ? sizeof host : strlen(host) + 1);
	cfg->port = (uint16_t)port;
	return CP_OK;
}

static char *read_pem(const char *path, char *msg, size_t msgn)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, msgn, "cannot open TLS file %s", path);
		return NULL;
	}
	char *data = malloc(65537);
	size_t n = data ? fread(data, 1, 65536, f) : 0;
	fclose(f);
	if (!data || n == 0 || n == 65536) {
		free(data);
		snprintf(msg, msgn, "cannot read TLS file %s (empty or over 64 KiB)", path);
		return NULL;
	}
	data[n] = '\0';
	return data;
}

enum cp_err server_start(const struct server_config *cfg, struct store *st, struct server **out, char *msg,
			 size_t msgn)
{
	*out = NULL;
	struct server *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(msg, msgn, "out of memory starting the server");
		return CP_ENOMEM;
	}
	s->app.store = st;
	s->app.cfg = cfg;
	enum cp_err err = assets_load(cfg->assets_dir, &s->app.assets, msg, msgn);
	if (err) {
		free(s);
		return err;
	}
	if (assets_count(s->app.assets) == 0)
		log_msg(LOG_WARN, "assets", "no asset files found: pages will have no styles");

	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	memset(&sa, 0, sizeof sa);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (inet_pton(AF_INET, cfg->listen_host, &sa.v4.sin_addr) == 1) {
		sa.v4.sin_family = AF_INET;
		sa.v4.sin_port = htons(cfg->port);
	} else if (inet_pton(AF_INET6, cfg->listen_host, &sa.v6.sin6_addr) == 1) {
		sa.v6.sin6_family = AF_INET6;
		sa.v6.sin6_port = htons(cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(msg, msgn, "listen address %s is not numeric", cfg->listen_host);
		assets_free(s->app.assets);
		free(s);
		return CP_EINVAL;
	}
	if (cfg->tls_cert || cfg->tls_key) {
		if (!cfg->tls_cert || !cfg->tls_key) {
			snprintf(msg, msgn, "TLS needs both --tls-cert and --tls-key");
			err = CP_EINVAL;
		} else if (!(s->tls_cert_pem = read_pem(cfg->tls_cert, msg, msgn)) ||
			   !(s->tls_key_pem = read_pem(cfg->tls_key, msg, msgn))) {
			err = CP_EIO;
		}
		if (err) {
			free(s->tls_cert_pem);
			assets_free(s->app.assets);
			free(s);
			return err;
		}
		flags |= MHD_USE_TLS;
		s->app.tls = true;
	}
	struct MHD_OptionItem opts[] = {
		{MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, NULL},
		{MHD_OPTION_SOCK_ADDR, 0, &sa},
		{MHD_OPTION_THREAD_POOL_SIZE, cfg->threads > 1 ? cfg->threads : 0, NULL},
		{MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, s},
		/* Room for REQ_HEADERS_MAX of headers and body chunks; larger
		 * header blocks are refused by libmicrohttpd itself. */
		{MHD_OPTION_CONNECTION_MEMORY_LIMIT, 128 * 1024, NULL},
		{MHD_OPTION_CONNECTION_LIMIT, 1000, NULL},
		{MHD_OPTION_CONNECTION_TIMEOUT, 30, NULL},
		{MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, NULL},
		{s->app.tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, s->tls_cert_pem},
		{s->app.tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, s->tls_key_pem},
		{MHD_OPTION_END, 0, NULL},
	};
	s->d = MHD_start_daemon(flags, cfg->port, NULL, NULL, on_request, s, MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (!s->d) {
		snprintf(msg, msgn,
			 "cannot listen on %s port %u (address in use, not allowed, or a bad TLS key/certificate)",
			 cfg->listen_host, (unsigned)cfg->port);
		free(s->tls_cert_pem);
		free(s->tls_key_pem);
		assets_free(s->app.assets);
		free(s);
		return CP_EIO;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	*out = s;
	return CP_OK;
}

uint16_t server_port(const struct server *s)
{
	return s->port;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	/* Stop accepting; requests already in flight run to completion. */
	MHD_socket ls = MHD_quiesce_daemon(s->d);
	for (int i = 0; i < 1000 && __atomic_load_n(&s->inflight, __ATOMIC_SEQ_CST) > 0; i++)
		usleep(10 * 1000);
	MHD_stop_daemon(s->d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	free(s->tls_cert_pem);
	if (s->tls_key_pem)
		sodium_memzero(s->tls_key_pem, strlen(s->tls_key_pem));
	free(s->tls_key_pem);
	assets_free(s->app.assets);
	free(s);
}
