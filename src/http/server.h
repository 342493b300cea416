/*
 * server.h - the HTTP server: libmicrohttpd with a thread pool.
 *
 * Lifecycle: server_start() binds and starts serving; server_stop() stops
 * accepting, lets requests in flight finish (bounded wait) and stops.
 * The caller keeps the store open until server_stop() has returned.
 */
#ifndef CP_SERVER_H
#define CP_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "../domain/auth.h"
#include "../store/store.h"

struct assets;

struct server_config {
	char listen_host[256];  /* numeric IPv4 or IPv6 address */
	uint16_t port;          /* 0 = any free port (see server_port) */
	int threads;            /* worker threads, >= 1 */
	const char *tls_cert;   /* PEM file, or NULL for plain HTTP */
	const char *tls_key;    /* PEM file, or NULL */
	const char *assets_dir; /* folder served at /assets */
	const char *public_url; /* how people reach Careplan, for letters; NULL: the listening address */
	struct auth_config auth;
};

/* What handlers may read while serving.  Read-only after server_start. */
struct app {
	struct store *store;
	const struct server_config *cfg;
	struct assets *assets;
	bool tls;
};

struct server;

/* Starts serving.  On failure msg says what failed (address in use, cannot
 * read the TLS key, ...).  Caller owns *out: stop with server_stop(). */
enum cp_err server_start(const struct server_config *cfg, struct store *st, struct server **out, char *msg,
			 size_t msgn);

/* The port actually bound. */
uint16_t server_port(const struct server *s);

/* Stops accepting, waits up to 10 s for requests in flight, then stops the
 * threads and frees s.  server_stop(NULL) is a no-op. */
void server_stop(struct server *s);

/* Parses "HOST:PORT", "[V6]:PORT" or ":PORT" into cfg.  CP_EINVAL with msg. */
enum cp_err server_parse_listen(const char *text, struct server_config *cfg, char *msg, size_t msgn);

#endif
