/*
 * test_server.c - the HTTP server (src/http/server.c): the listen address
 * parser, and a real server on a free loopback port with a store on a
 * temporary file, spoken to over a plain socket.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "domain/password.h"
#include "fixture.h"

/* The schema version as a string literal. */
#define CP_STR_(x) #x
#define CP_STR(x) CP_STR_(x)
#include "http/server.c"

#define PW "violet tram ladder"

/* ---- server_parse_listen -------------------------------------------------------- */

static void listen_parses(const char *text, const char *host, unsigned port)
{
	struct server_config cfg;
	memset(&cfg, 0, sizeof cfg);
	char msg[512] = "";
	if (server_parse_listen(text, &cfg, msg, sizeof msg) != CP_OK)
		fail_msg("\"%s\" was refused: %s", text, msg);
	assert_string_equal(cfg.listen_host, host);
	assert_int_equal(cfg.port, port);
}

static void listen_refused(const char *text, const char *why)
{
	struct server_config cfg;
	memset(&cfg, 0, sizeof cfg);
	snprintf(cfg.listen_host, sizeof cfg.listen_host, "untouched");
	cfg.port = 1234;
	char msg[512] = "";
	assert_int_equal(server_parse_listen(text, &cfg, msg, sizeof msg), CP_EINVAL);
	if (!strstr(msg, why))
		fail_msg("\"%s\": message \"%s\" does not say \"%s\"", text, msg, why);
	assert_string_equal(cfg.listen_host, "untouched");
	assert_int_equal(cfg.port, 1234);
}

static void ipv4_host_and_port_are_parsed(void **state)
{
	(void)state;
	listen_parses("127.0.0.1:8080", "127.0.0.1", 8080);
	listen_parses("0.0.0.0:65535", "0.0.0.0", 65535);
	listen_parses("10.1.2.3:0", "10.1.2.3", 0);
}

static void bare_port_listens_on_every_ipv4_address(void **state)
{
	(void)state;
	listen_parses(":8080", "0.0.0.0", 8080);
}

static void bracketed_ipv6_is_parsed(void **state)
{
	(void)state;
	listen_parses("[::1]:443", "::1", 443);
	listen_parses("[::]:8080", "::", 8080);
	listen_parses("[2001:db8::1]:80", "2001:db8::1", 80);
}

static void address_without_a_port_is_refused(void **state)
{
	(void)state;
	listen_refused("127.0.0.1", "needs a port");
	listen_refused("", "needs a port");
	listen_refused("[::1]", "port must be a number");
}

static void port_must_be_a_number_up_to_65535(void **state)
{
	(void)state;
	listen_refused("127.0.0.1:", "port must be a number from 0 to 65535");
	listen_refused("127.0.0.1:65536", "port must be a number");
	listen_refused("127.0.0.1:-1", "port must be a number");
	listen_refused("127.0.0.1:80x", "port must be a number");
	listen_refused("127.0.0.1: 80", "port must be a number");
	listen_refused("127.0.0.1:+80", "port must be a number");
}

static void host_must_be_a_numeric_address(void **state)
{
	(void)state;
	listen_refused("localhost:8080", "is not a numeric IPv4 or IPv6 address");
	listen_refused("256.0.0.1:80", "not a numeric");
	listen_refused("127.0.0:80", "not a numeric");
	listen_refused("[::g]:80", "not a numeric");
	listen_refused("[::1:80", "in brackets");
	listen_refused("::1:8080", "in brackets");
	char long_host[400];
	memset(long_host, '1', 300);
	memcpy(long_host + 300, ":80", 4);
	listen_refused(long_host, "is too long");
}

static void methods_are_recognised_exactly(void **state)
{
	(void)state;
	assert_int_equal(method_of("GET"), HTTP_GET);
	assert_int_equal(method_of("HEAD"), HTTP_HEAD);
	assert_int_equal(method_of("POST"), HTTP_POST);
	assert_int_equal(method_of("get"), HTTP_OTHER);
	assert_int_equal(method_of("PUT"), HTTP_OTHER);
	assert_int_equal(method_of("DELETE"), HTTP_OTHER);
	assert_int_equal(method_of(""), HTTP_OTHER);
}

/* ---- a running server --------------------------------------------------------------- */

struct live {
	char *dir;
	char path[600];
	char assets[600];
	struct store *st;
	struct server_config cfg;
	struct server *srv;
	uint16_t port;
};

static int live_setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	struct live *l = calloc(1, sizeof *l);
	l->dir = fx_tmpdir();
	if (!l->dir)
		return -1;
	fx_path(l->path, sizeof l->path, l->dir, "server.db");
	fx_path(l->assets, sizeof l->assets, l->dir, "assets");
	mkdir(l->assets, 0700);
	fx_write(l->assets, "careplan.css", "body{}", 6);
	char msg[512];
	if (store_open(l->path, 2, &l->st, msg, sizeof msg))
		return -1;
	/* One user to sign in with (the hash is made once for all tests). */
	static char hash[PASSWORD_HASH_MAX];
	if (!hash[0] && password_hash(PW, hash))
		return -1;
	struct store_conn *c = store_acquire(l->st);
	struct store_user u = {.username = "alice", .display_name = "Alice <Admin>", .role = "administrator",
			       .password_hash = hash, .created_ms = 1};
	int64_t id;
	enum cp_err err = store_user_insert(c, &u, &id);
	store_release(l->st, c);
	if (err)
		return -1;
	snprintf(l->cfg.listen_host, sizeof l->cfg.listen_host, "127.0.0.1");
	l->cfg.port = 0;
	l->cfg.threads = 2;
	l->cfg.assets_dir = l->assets;
	auth_config_default(&l->cfg.auth);
	log_set_level(LOG_WARN); /* keep the access log out of the test output */
	if (server_start(&l->cfg, l->st, &l->srv, msg, sizeof msg)) {
		fprintf(stderr, "server_start: %s\n", msg);
		return -1;
	}
	l->port = server_port(l->srv);
	*state = l;
	return 0;
}

static int live_teardown(void **state)
{
	struct live *l = *state;
	server_stop(l->srv);
	store_close(l->st);
	fx_rmdir(l->dir);
	free(l);
	log_set_level(LOG_INFO);
	return 0;
}

/* Sends req (whole, with Connection: close) and returns everything the server
 * sent back, NUL-terminated; caller frees. */
static char *http(const struct live *l, const char *req, size_t req_len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct timeval tv = {.tv_sec = 5};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(l->port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	size_t off = 0;
	while (off < req_len) {
		ssize_t w = send(fd, req + off, req_len - off, MSG_NOSIGNAL);
		if (w <= 0)
			break; /* the server may close early on a refused body */
		off += (size_t)w;
	}
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	ssize_t n;
	while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	size_t len;
	char *out = buf_detach(&b, &len);
	assert_non_null(out);
	return out;
}

static char *get(const struct live *l, const char *path, const char *extra_headers)
{
	char req[2048];
	int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\n%sConnection: close\r\n\r\n", path,
			 extra_headers ? extra_headers : "");
	return http(l, req, (size_t)n);
}

static char *post(const struct live *l, const char *path, const char *type, const char *extra, const char *body)
{
	char req[4096];
	int n = snprintf(req, sizeof req,
			 "POST %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s"
			 "Connection: close\r\n\r\n%s",
			 path, type, strlen(body), extra ? extra : "", body);
	return http(l, req, (size_t)n);
}

/* The value of header name (spelt as the server sends it) into out. */
static const char *header(const char *resp, const char *name, char *out, size_t n)
{
	char key[128];
	snprintf(key, sizeof key, "\r\n%s: ", name);
	const char *p = strstr(resp, key);
	if (!p)
		return NULL;
	p += strlen(key);
	const char *e = strstr(p, "\r\n");
	snprintf(out, n, "%.*s", (int)(e - p), p);
	return out;
}

static const char *body_of(const char *resp)
{
	const char *p = strstr(resp, "\r\n\r\n");
	return p ? p + 4 : "";
}

static void health_check_reports_the_schema(void **state)
{
	struct live *l = *state;
	assert_true(l->port > 0);
	char *r = get(l, "/healthz", NULL);
	assert_true(str_starts(r, "HTTP/1.1 200"));
	char v[256];
	assert_string_equal(header(r, "Content-Type", v, sizeof v), "application/json");
	assert_string_equal(body_of(r), "{\"status\":\"ok\",\"schema\":" CP_STR(STORE_SCHEMA_VERSION) "}\n");
	free(r);
}

static void every_response_carries_the_security_headers(void **state)
{
	struct live *l = *state;
	char *r = get(l, "/nowhere", NULL);
	assert_true(str_starts(r, "HTTP/1.1 404"));
	char v[512];
	assert_non_null(header(r, "Content-Security-Policy", v, sizeof v));
	assert_non_null(strstr(v, "default-src 'none'"));
	assert_non_null(strstr(v, "frame-ancestors 'none'"));
	assert_string_equal(header(r, "X-Content-Type-Options", v, sizeof v), "nosniff");
	assert_string_equal(header(r, "X-Frame-Options", v, sizeof v), "DENY");
	assert_string_equal(header(r, "Referrer-Policy", v, sizeof v), "no-referrer");
	assert_string_equal(header(r, "Cache-Control", v, sizeof v), "no-store");
	assert_null(header(r, "Strict-Transport-Security", v, sizeof v)); /* plain HTTP */
	assert_non_null(header(r, "X-Request-Id", v, sizeof v));
	assert_int_equal(strlen(v), 16);
	free(r);
}

static void visitor_is_sent_to_sign_in(void **state)
{
	struct live *l = *state;
	char *r = get(l, "/", NULL);
	assert_true(str_starts(r, "HTTP/1.1 303"));
	char v[256];
	assert_string_equal(header(r, "Location", v, sizeof v), "/login");
	free(r);
}

static void assets_are_cacheable_and_revalidated_by_etag(void **state)
{
	struct live *l = *state;
	char *r = get(l, "/assets/careplan.css", NULL);
	assert_true(str_starts(r, "HTTP/1.1 200"));
	char etag[64], v[256];
	assert_non_null(header(r, "ETag", etag, sizeof etag));
	assert_string_equal(header(r, "Content-Type", v, sizeof v), "text/css; charset=utf-8");
	assert_string_equal(header(r, "Cache-Control", v, sizeof v), "public, max-age=3600");
	assert_string_equal(body_of(r), "body{}");
	free(r);
	char inm[128];
	snprintf(inm, sizeof inm, "If-None-Match: %s\r\n", etag);
	r = get(l, "/assets/careplan.css", inm);
	assert_true(str_starts(r, "HTTP/1.1 304"));
	assert_string_equal(body_of(r), "");
	free(r);
	r = get(l, "/assets/../server.db", NULL);
	assert_true(str_starts(r, "HTTP/1.1 404"));
	free(r);
}

static void forms_must_be_url_encoded(void **state)
{
	struct live *l = *state;
	char *r = post(l, "/login", "text/plain", NULL, "username=alice");
	assert_true(str_starts(r, "HTTP/1.1 415"));
	free(r);
	r = post(l, "/login", "application/x-www-form-urlencodedX", NULL, "username=alice");
	assert_true(str_starts(r, "HTTP/1.1 415"));
	free(r);
}

static void declared_body_over_64_kib_is_refused(void **state)
{
	struct live *l = *state;
	const char *req = "POST /login HTTP/1.1\r\nHost: localhost\r\n"
			  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 70000\r\n"
			  "Connection: close\r\n\r\n";
	char *r = http(l, req, strlen(req));
	assert_true(str_starts(r, "HTTP/1.1 413"));
	free(r);
}

static void bad_form_encoding_is_refused_before_any_handler(void **state)
{
	struct live *l = *state;
	char *r = post(l, "/login", "application/x-www-form-urlencoded; charset=utf-8", NULL, "csrf=%ZZ");
	assert_true(str_starts(r, "HTTP/1.1 400"));
	assert_non_null(strstr(body_of(r), "Form field &quot;csrf&quot; has a bad %-escape"));
	free(r);
}

static void path_that_is_not_utf8_is_refused(void **state)
{
	struct live *l = *state;
	char *r = get(l, "/%FF", NULL);
	assert_true(str_starts(r, "HTTP/1.1 400"));
	free(r);
}

static void more_query_fields_than_a_form_may_have_is_414(void **state)
{
	struct live *l = *state;
	char path[1024] = "/people?";
	for (int i = 0; i < REQ_FIELDS_MAX + 1; i++) {
		size_t n = strlen(path);
		snprintf(path + n, sizeof path - n, "%sk%d=v", i ? "&" : "", i);
	}
	char *r = get(l, path, NULL);
	assert_true(str_starts(r, "HTTP/1.1 414"));
	assert_non_null(strstr(body_of(r), "more than 64 query fields"));
	free(r);
	/* Sixty-four are fine (and here lead to signing in). */
	char *cut = strstr(path, "&k64=v");
	assert_non_null(cut);
	*cut = '\0';
	r = get(l, path, NULL);
	assert_true(str_starts(r, "HTTP/1.1 303"));
	free(r);
}

static void unknown_method_is_405(void **state)
{
	struct live *l = *state;
	const char *req = "DELETE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
	char *r = http(l, req, strlen(req));
	assert_true(str_starts(r, "HTTP/1.1 405"));
	char v[64];
	assert_string_equal(header(r, "Allow", v, sizeof v), "GET, HEAD, POST");
	free(r);
}

/* The value of a Set-Cookie named name, up to its first ';'. */
static const char *cookie_value(const char *resp, const char *name, char *out, size_t n)
{
	char key[64];
	snprintf(key, sizeof key, "\r\nSet-Cookie: %s=", name);
	const char *p = strstr(resp, key);
	if (!p)
		return NULL;
	p += strlen(key);
	size_t k = strcspn(p, ";\r");
	snprintf(out, n, "%.*s", (int)k, p);
	return out;
}

static void sign_in_then_see_home_then_sign_out(void **state)
{
	struct live *l = *state;
	/* The form sets the pre-sign-in CSRF cookie. */
	char *r = get(l, "/login", NULL);
	assert_true(str_starts(r, "HTTP/1.1 200"));
	char csrf[80];
	assert_non_null(cookie_value(r, "cp_csrf", csrf, sizeof csrf));
	assert_int_equal(strlen(csrf), 64);
	free(r);

	char extra[256], body[512];
	snprintf(extra, sizeof extra, "Cookie: cp_csrf=%s\r\n", csrf);
	snprintf(body, sizeof body, "csrf=%s&username=alice&password=violet+tram+ladder", csrf);
	r = post(l, "/login", "application/x-www-form-urlencoded", extra, body);
	assert_true(str_starts(r, "HTTP/1.1 303"));
	char session[80], v[256];
	assert_non_null(cookie_value(r, "cp_session", session, sizeof session));
	assert_int_equal(strlen(session), 64);
	assert_string_equal(header(r, "Location", v, sizeof v), "/");
	free(r);

	snprintf(extra, sizeof extra, "Cookie: cp_session=%s\r\n", session);
	r = get(l, "/", extra);
	assert_true(str_starts(r, "HTTP/1.1 200"));
	assert_non_null(strstr(body_of(r), "Alice &lt;Admin&gt;"));
	/* The page's sign-out form carries the session's CSRF token. */
	const char *f = strstr(body_of(r), "name=\"csrf\" value=\"");
	assert_non_null(f);
	char token[65];
	memcpy(token, f + strlen("name=\"csrf\" value=\""), 64);
	token[64] = '\0';
	free(r);

	snprintf(body, sizeof body, "csrf=%s", token);
	r = post(l, "/logout", "application/x-www-form-urlencoded", extra, body);
	assert_true(str_starts(r, "HTTP/1.1 303"));
	assert_string_equal(header(r, "Location", v, sizeof v), "/login?signed_out=1");
	free(r);

	/* The old cookie no longer works. */
	r = get(l, "/", extra);
	assert_true(str_starts(r, "HTTP/1.1 303"));
	assert_string_equal(header(r, "Location", v, sizeof v), "/login?ended=1");
	free(r);
}

static void wrong_password_is_a_401_page(void **state)
{
	struct live *l = *state;
	char csrf[65];
	auth_random_token(csrf);
	char extra[256], body[512];
	snprintf(extra, sizeof extra, "Cookie: cp_csrf=%s\r\n", csrf);
	snprintf(body, sizeof body, "csrf=%s&username=alice&password=nope+nope+nope", csrf);
	char *r = post(l, "/login", "application/x-www-form-urlencoded", extra, body);
	assert_true(str_starts(r, "HTTP/1.1 401"));
	assert_non_null(strstr(body_of(r), "The username or password is not right"));
	char v[128];
	assert_null(cookie_value(r, "cp_session", v, sizeof v));
	free(r);
}

/* ---- starting and stopping ------------------------------------------------------------ */

static void start_refuses_a_missing_assets_folder(void **state)
{
	(void)state;
	struct server_config cfg = {.listen_host = "127.0.0.1", .threads = 1, .assets_dir = "/nonexistent/assets"};
	struct server *s = (struct server *)1;
	char msg[512] = "";
	assert_int_equal(server_start(&cfg, NULL, &s, msg, sizeof msg), CP_EIO);
	assert_null(s);
	assert_non_null(strstr(msg, "/nonexistent/assets"));
}

static void start_refuses_half_a_tls_setup(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	struct server_config cfg = {.listen_host = "127.0.0.1", .threads = 1, .assets_dir = dir,
				    .tls_cert = "/some/cert.pem"};
	struct server *s = NULL;
	char msg[512] = "";
	assert_int_equal(server_start(&cfg, NULL, &s, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "TLS needs both --tls-cert and --tls-key");
	cfg.tls_key = "/some/key.pem";
	assert_int_equal(server_start(&cfg, NULL, &s, msg, sizeof msg), CP_EIO);
	assert_non_null(strstr(msg, "/some/cert.pem"));
	assert_null(s);
	fx_rmdir(dir);
}

static void start_refuses_a_host_name(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	struct server_config cfg = {.listen_host = "localhost", .threads = 1, .assets_dir = dir};
	struct server *s = NULL;
	char msg[512] = "";
	assert_int_equal(server_start(&cfg, NULL, &s, msg, sizeof msg), CP_EINVAL);
	assert_null(s);
	fx_rmdir(dir);
	server_stop(NULL);
}

#define L(fn) cmocka_unit_test_setup_teardown(fn, live_setup, live_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ipv4_host_and_port_are_parsed),
		cmocka_unit_test(bare_port_listens_on_every_ipv4_address),
		cmocka_unit_test(bracketed_ipv6_is_parsed),
		cmocka_unit_test(address_without_a_port_is_refused),
		cmocka_unit_test(port_must_be_a_number_up_to_65535),
		cmocka_unit_test(host_must_be_a_numeric_address),
		cmocka_unit_test(methods_are_recognised_exactly),
		L(health_check_reports_the_schema),
		L(every_response_carries_the_security_headers),
		L(visitor_is_sent_to_sign_in),
		L(assets_are_cacheable_and_revalidated_by_etag),
		L(forms_must_be_url_encoded),
		L(declared_body_over_64_kib_is_refused),
		L(bad_form_encoding_is_refused_before_any_handler),
		L(path_that_is_not_utf8_is_refused),
		L(more_query_fields_than_a_form_may_have_is_414),
		L(unknown_method_is_405),
		L(sign_in_then_see_home_then_sign_out),
		L(wrong_password_is_a_401_page),
		cmocka_unit_test(start_refuses_a_missing_assets_folder),
		cmocka_unit_test(start_refuses_half_a_tls_setup),
		cmocka_unit_test(start_refuses_a_host_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
