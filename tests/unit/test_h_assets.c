/* test_h_assets.c - static files and the health check (src/http/h_assets.c),
 * through the router. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "fixture.h"

/* The schema version as a string literal. */
#define CP_STR_(x) #x
#define CP_STR(x) CP_STR_(x)
#include "http/assets.h"
#include "http/router.h"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct server_config cfg;
	struct app app;
};

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	struct fx *f = calloc(1, sizeof *f);
	*state = f;
	f->dir = fx_tmpdir();
	if (!f->dir)
		return -1;
	char adir[700], msg[512];
	fx_path(adir, sizeof adir, f->dir, "assets");
	if (mkdir(adir, 0700) || fx_write(adir, "careplan.css", "main{}", 6) ||
	    assets_load(adir, &f->app.assets, msg, sizeof msg))
		return -1;
	fx_path(f->path, sizeof f->path, f->dir, "h.db");
	if (store_open(f->path, 1, &f->st, msg, sizeof msg))
		return -1;
	auth_config_default(&f->cfg.auth);
	f->app.store = f->st;
	f->app.cfg = &f->cfg;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	fx_req_free_all();
	assets_free(f->app.assets);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static struct req *get(struct fx *f, enum http_method m, const char *path, const char *if_none_match)
{
	struct req *r = fx_req_new(&f->app, m, path);
	r->if_none_match = if_none_match;
	router_dispatch(r);
	return r;
}

static void asset_is_served_from_memory_with_its_etag(void **state)
{
	struct fx *f = *state;
	struct req *r = get(f, HTTP_GET, "/assets/careplan.css", NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(r->resp_type, "text/css; charset=utf-8");
	assert_true(r->cacheable);
	assert_int_equal(r->static_len, 6);
	assert_memory_equal(r->static_body, "main{}", 6);
	const struct asset *a = assets_find(f->app.assets, "/careplan.css");
	assert_string_equal(fx_resp_header(r, "ETag"), a->etag);
	assert_int_equal(r->body.len, 0);
	fx_req_free(r);
}

static void head_gets_the_same_answer(void **state)
{
	struct fx *f = *state;
	struct req *r = get(f, HTTP_HEAD, "/assets/careplan.css", NULL);
	assert_int_equal(r->status, 200);
	assert_int_equal(r->static_len, 6);
	fx_req_free(r);
}

static void matching_etag_is_not_modified(void **state)
{
	struct fx *f = *state;
	const struct asset *a = assets_find(f->app.assets, "/careplan.css");
	struct req *r = get(f, HTTP_GET, "/assets/careplan.css", a->etag);
	assert_int_equal(r->status, 304);
	assert_int_equal(r->static_len, 0);
	assert_non_null(fx_resp_header(r, "ETag"));
	fx_req_free(r);
	r = get(f, HTTP_GET, "/assets/careplan.css", "\"0000000000000000\"");
	assert_int_equal(r->status, 200);
	fx_req_free(r);
}

static void unknown_or_climbing_paths_are_404(void **state)
{
	struct fx *f = *state;
	const char *paths[] = {"/assets/", "/assets/missing.css", "/assets/../h.db", "/assets/x/../careplan.css",
			       "/assets/careplan.css/"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct req *r = get(f, HTTP_GET, paths[i], NULL);
		assert_int_equal(r->status, 404);
		assert_null(r->static_body);
		assert_false(r->cacheable);
		fx_req_free(r);
	}
}

static void health_check_is_ok_at_the_current_schema(void **state)
{
	struct fx *f = *state;
	struct req *r = get(f, HTTP_GET, "/healthz", NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(r->resp_type, "application/json");
	assert_string_equal(fx_body(r), "{\"status\":\"ok\",\"schema\":" CP_STR(STORE_SCHEMA_VERSION) "}\n");
	fx_req_free(r);
}

static void health_check_is_unavailable_at_another_schema(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct req *r = get(f, HTTP_GET, "/healthz", NULL);
	assert_int_equal(r->status, 503);
	assert_string_equal(fx_body(r), "{\"status\":\"unavailable\",\"reason\":\"database\"}\n");
	fx_req_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(asset_is_served_from_memory_with_its_etag),
		T(head_gets_the_same_answer),
		T(matching_etag_is_not_modified),
		T(unknown_or_climbing_paths_are_404),
		T(health_check_is_ok_at_the_current_schema),
		T(health_check_is_unavailable_at_another_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
