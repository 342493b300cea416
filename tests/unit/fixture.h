/*
 * fixture.h - helpers shared by the unit tests: temporary folders and files,
 * a store on a temporary database, a hand-built struct req, and stderr
 * captured into a file.
 *
 * Everything here is static inline so a test that does not use a helper does
 * not warn about it.  Ownership: fx_tmpdir() returns a malloc'd path that
 * fx_rmdir() removes and frees; fx_req_new() returns a request whose arena
 * owns it, released by fx_req_free().
 */
#ifndef CP_TEST_FIXTURE_H
#define CP_TEST_FIXTURE_H

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>

#include "domain/demo.h"
#include "domain/outcomes.h"
#include "http/req.h"
#include "http/server.h"
#include "store/store.h"
#include "util/arena.h"

/* A new empty folder under $TMPDIR or /tmp; caller removes it with fx_rmdir. */
static inline char *fx_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];
	snprintf(tmpl, sizeof tmpl, "%s/careplan-unit-XXXXXX", base && *base ? base : "/tmp");
	char *d = mkdtemp(tmpl);
	return d ? strdup(d) : NULL;
}

/* Removes path and everything below it. */
static inline void fx_rm_tree(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d))) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				char sub[4096];
				if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
					fx_rm_tree(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Removes the folder made by fx_tmpdir and frees its name. */
static inline void fx_rmdir(char *dir)
{
	if (!dir)
		return;
	fx_rm_tree(dir);
	free(dir);
}

/* Writes n bytes to the file dir/name (its folder must exist).  0 on success. */
static inline int fx_write(const char *dir, const char *name, const void *data, size_t n)
{
	char path[4096];
	if (!dir || snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
		return -1;
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = n ? fwrite(data, 1, n, f) : 0;
	return fclose(f) == 0 && w == n ? 0 : -1;
}

/* dir/name into out (n bytes). */
static inline const char *fx_path(char *out, size_t n, const char *dir, const char *name)
{
	snprintf(out, n, "%s/%s", dir ? dir : ".", name);
	return out;
}

/* ---- requests --------------------------------------------------------- */

/* Requests not yet freed, so a teardown can give back their connections
 * after a failed assertion jumped over fx_req_free (store_close would
 * otherwise wait for them for ever). */
__attribute__((unused)) static struct req *fx_live[32];

/* A request as server.c would make it before routing: arena, id, method,
 * path, client, empty response.  Not signed in (role ROLE__MAX). */
static inline struct req *fx_req_new(const struct app *app, enum http_method m, const char *path)
{
	struct arena *a = arena_new(REQ_ARENA_MAX);
	if (!a)
		return NULL;
	struct req *r = arena_zalloc(a, sizeof *r);
	if (!r) {
		arena_free(a);
		return NULL;
	}
	static const char *const names[HTTP_METHOD__MAX] = {"GET", "HEAD", "POST", "PUT"};
	r->arena = a;
	r->app = app;
	memcpy(r->id, "00112233aabbccdd", 17);
	r->method = m;
	r->method_text = names[m];
	r->path = arena_strdup(a, path);
	r->log_path = r->path;
	r->client = "192.0.2.1";
	r->now_ms = 1790000000000LL;
	r->role = ROLE__MAX;
	buf_init(&r->body, RESP_BODY_MAX);
	buf_init(&r->upload, REQ_BODY_MAX);
	for (size_t i = 0; i < sizeof fx_live / sizeof fx_live[0]; i++)
		if (!fx_live[i]) {
			fx_live[i] = r;
			break;
		}
	return r;
}

/* Gives back the db connection (if taken) and frees everything. */
static inline void fx_req_free(struct req *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < sizeof fx_live / sizeof fx_live[0]; i++)
		if (fx_live[i] == r)
			fx_live[i] = NULL;
	if (r->db)
		store_release(r->app->store, r->db);
	buf_free(&r->body);
	buf_free(&r->upload);
	arena_free(r->arena);
}

/* Frees every request still alive (for teardowns). */
static inline void fx_req_free_all(void)
{
	for (size_t i = 0; i < sizeof fx_live / sizeof fx_live[0]; i++)
		fx_req_free(fx_live[i]);
}

/* The value of response header name, or NULL. */
static inline const char *fx_resp_header(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->n_headers; i++)
		if (strcmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

/* The response body as a string ("" when empty). */
static inline const char *fx_body(const struct req *r)
{
	return r->body.data ? r->body.data : "";
}

/* Signs r in as username (read from r's database), with session CSRF token
 * csrf, as server.c does after auth_session_get.  0 on success. */
static inline int fx_sign_in(struct req *r, const char *username, const char *csrf)
{
	struct auth_session *s = arena_zalloc(r->arena, sizeof *s);
	if (!s || store_user_by_username(req_db(r), r->arena, username, &s->user) != CP_OK)
		return -1;
	s->user.password_hash = NULL;
	snprintf(s->csrf, sizeof s->csrf, "%s", csrf);
	s->created_ms = r->now_ms;
	r->session = s;
	r->role = role_from_code(s->user.role);
	return 0;
}

/* ---- a demo database behind an app ----------------------------------------------- */

struct fx_demo {
	char *dir;
	char path[600];
	struct store *st;
	struct server_config cfg;
	struct app app;
};

/* A temporary database filled by demo_create, and an app serving it with
 * default settings and no assets.  0 on success; free with fx_demo_close. */
static inline int fx_demo_open(struct fx_demo *d)
{
	memset(d, 0, sizeof *d);
	d->dir = fx_tmpdir();
	if (!d->dir)
		return -1;
	fx_path(d->path, sizeof d->path, d->dir, "demo.db");
	char msg[512] = "";
	if (store_open(d->path, 2, &d->st, msg, sizeof msg) != CP_OK)
		return -1;
	struct store_conn *c = store_acquire(d->st);
	struct audit_actor cli = {.client = "cli"};
	enum cp_err err = demo_create(c, &cli, 1790000000000LL, msg, sizeof msg);
	store_release(d->st, c);
	if (err) {
		fprintf(stderr, "demo_create: %s\n", msg);
		return -1;
	}
	auth_config_default(&d->cfg.auth);
	d->app.store = d->st;
	d->app.cfg = &d->cfg;
	return 0;
}

static inline void fx_demo_close(struct fx_demo *d)
{
	fx_req_free_all();
	outcomes_cache_clear(); /* the figures kept are of this database */
	store_close(d->st);
	fx_rmdir(d->dir);
	d->dir = NULL;
	d->st = NULL;
}

/* The first column of the first row of sql, read from d's database file
 * on a connection of its own (so it sees what the store has committed);
 * -1 when there is no row or the statement fails. */
static inline int64_t fx_demo_i64(const struct fx_demo *d, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int64_t v = -1;
	sqlite3 *db = NULL;
	if (sqlite3_open(d->path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* ---- stderr capture ----------------------------------------------------- */

struct fx_capture {
	int saved;    /* the real stderr, restored by fx_capture_end */
	char path[512];
};

/* Sends stderr into a temporary file until fx_capture_end. */
static inline int fx_capture_begin(struct fx_capture *c)
{
	const char *base = getenv("TMPDIR");
	snprintf(c->path, sizeof c->path, "%s/careplan-stderr-XXXXXX", base && *base ? base : "/tmp");
	int fd = mkstemp(c->path);
	if (fd < 0)
		return -1;
	fflush(stderr);
	c->saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	return 0;
}

/* Restores stderr and returns what was written (caller frees). */
static inline char *fx_capture_end(struct fx_capture *c)
{
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	FILE *f = fopen(c->path, "rb");
	char *text = NULL;
	if (f) {
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		text = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
		if (text && n > 0 && fread(text, 1, (size_t)n, f) != (size_t)n)
			text[0] = '\0';
		fclose(f);
	}
	unlink(c->path);
	return text;
}

#endif
