/* test_assets.c - the in-memory static file table (src/http/assets.c),
 * loaded from temporary folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "http/assets.h"

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static void mkdirs(const char *dir, const char *rel)
{
	char path[4096];
	fx_path(path, sizeof path, dir, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void put(const char *dir, const char *rel, const char *text)
{
	assert_int_equal(fx_write(dir, rel, text, strlen(text)), 0);
}

/* A sparse file of n bytes. */
static void put_sized(const char *dir, const char *rel, off_t n)
{
	char path[4096];
	fx_path(path, sizeof path, dir, rel);
	assert_int_equal(fx_write(dir, rel, "", 0), 0);
	assert_int_equal(truncate(path, n), 0);
}

static struct assets *load_ok(const char *dir)
{
	struct assets *as = NULL;
	char msg[512] = "";
	if (assets_load(dir, &as, msg, sizeof msg) != CP_OK)
		fail_msg("assets_load: %s", msg);
	return as;
}

static void servable_files_load_with_their_types(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	mkdirs(dir, "images");
	put(dir, "careplan.css", "body{color:#212b32}");
	put(dir, "images/logo.svg", "<svg/>");
	put(dir, "images/favicon.ico", "ICO");
	put(dir, "images/icon.png", "\x89PNG");
	put(dir, "font.woff2", "w2");
	put(dir, "font.woff", "w1");
	put(dir, "manifest.json", "{}");
	put(dir, "robots.txt", "User-agent: *");
	struct assets *as = load_ok(dir);
	assert_int_equal(assets_count(as), 8);
	const struct {
		const char *path, *type;
	} want[] = {
		{"/careplan.css", "text/css; charset=utf-8"},
		{"/images/logo.svg", "image/svg+xml"},
		{"/images/favicon.ico", "image/x-icon"},
		{"/images/icon.png", "image/png"},
		{"/font.woff2", "font/woff2"},
		{"/font.woff", "font/woff"},
		{"/manifest.json", "application/manifest+json"},
		{"/robots.txt", "text/plain; charset=utf-8"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct asset *a = assets_find(as, want[i].path);
		if (!a)
			fail_msg("%s was not loaded", want[i].path);
		assert_string_equal(a->type, want[i].type);
	}
	const struct asset *css = assets_find(as, "/careplan.css");
	assert_int_equal(css->len, strlen("body{color:#212b32}"));
	assert_memory_equal(css->data, "body{color:#212b32}", css->len);
	assets_free(as);
	fx_rmdir(dir);
}

static void other_files_are_skipped(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	put(dir, "app.js", "alert(1)");
	put(dir, "index.html", "<p>");
	put(dir, "README", "x");
	put(dir, "notes.CSS", "x"); /* extensions match exactly */
	put(dir, "archive.css.bak", "x");
	put(dir, ".hidden.css", "x");
	mkdirs(dir, ".git");
	put(dir, ".git/config.txt", "x");
	put(dir, "ok.css", "x");
	struct assets *as = load_ok(dir);
	assert_int_equal(assets_count(as), 1);
	assert_non_null(assets_find(as, "/ok.css"));
	assert_null(assets_find(as, "/app.js"));
	assert_null(assets_find(as, "/.hidden.css"));
	assert_null(assets_find(as, "/.git/config.txt"));
	assets_free(as);
	fx_rmdir(dir);
}

static void empty_file_loads(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	put(dir, "empty.css", "");
	struct assets *as = load_ok(dir);
	const struct asset *a = assets_find(as, "/empty.css");
	assert_non_null(a);
	assert_int_equal(a->len, 0);
	assert_non_null(a->data);
	assets_free(as);
	fx_rmdir(dir);
}

static void etag_is_the_start_of_the_sha256_and_stable(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	put(dir, "a.css", "abc");
	put(dir, "same.css", "abc");
	put(dir, "b.css", "abd");
	struct assets *as = load_ok(dir);
	const struct asset *a = assets_find(as, "/a.css");
	/* SHA-256("abc") starts ba7816bf8f01cfea. */
	assert_string_equal(a->etag, "\"ba7816bf8f01cfea\"");
	assert_int_equal(strlen(a->etag), 18);
	assert_string_equal(assets_find(as, "/same.css")->etag, a->etag);
	assert_string_not_equal(assets_find(as, "/b.css")->etag, a->etag);
	struct assets *again = load_ok(dir);
	assert_string_equal(assets_find(again, "/a.css")->etag, a->etag);
	assets_free(again);
	assets_free(as);
	fx_rmdir(dir);
}

static void folders_are_walked_four_levels_deep(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	mkdirs(dir, "a");
	mkdirs(dir, "a/b");
	mkdirs(dir, "a/b/c");
	mkdirs(dir, "a/b/c/d");
	mkdirs(dir, "a/b/c/d/e");
	put(dir, "a/b/c/d/four.css", "4");
	put(dir, "a/b/c/d/e/five.css", "5");
	struct assets *as = load_ok(dir);
	assert_non_null(assets_find(as, "/a/b/c/d/four.css"));
	assert_null(assets_find(as, "/a/b/c/d/e/five.css"));
	assert_int_equal(assets_count(as), 1);
	assets_free(as);
	fx_rmdir(dir);
}

static void empty_folder_loads_nothing(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	struct assets *as = load_ok(dir);
	assert_int_equal(assets_count(as), 0);
	assert_null(assets_find(as, "/a.css"));
	assets_free(as);
	fx_rmdir(dir);
}

static void missing_folder_is_an_io_error_naming_it(void **state)
{
	(void)state;
	struct assets *as = (struct assets *)1;
	char msg[512] = "";
	assert_int_equal(assets_load("/nonexistent/assets", &as, msg, sizeof msg), CP_EIO);
	assert_null(as);
	assert_non_null(strstr(msg, "/nonexistent/assets"));
}

static void more_than_256_files_are_refused(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	for (int i = 0; i <= ASSETS_MAX_FILES; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%03d.txt", i);
		put(dir, name, "x");
	}
	struct assets *as = (struct assets *)1;
	char msg[512] = "";
	assert_int_equal(assets_load(dir, &as, msg, sizeof msg), CP_ETOOBIG);
	assert_null(as);
	assert_string_equal(msg, "more than 256 asset files");
	/* One fewer is fine. */
	char path[4096];
	unlink(fx_path(path, sizeof path, dir, "f000.txt"));
	as = load_ok(dir);
	assert_int_equal(assets_count(as), ASSETS_MAX_FILES);
	assets_free(as);
	fx_rmdir(dir);
}

static void more_than_16_mib_in_all_is_refused(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	put_sized(dir, "huge.css", (off_t)ASSETS_MAX_BYTES + 1);
	struct assets *as = (struct assets *)1;
	char msg[512] = "";
	assert_int_equal(assets_load(dir, &as, msg, sizeof msg), CP_ETOOBIG);
	assert_null(as);
	assert_non_null(strstr(msg, "huge.css"));
	fx_rmdir(dir);

	/* Two files that fit alone but not together. */
	dir = fx_tmpdir();
	mkdirs(dir, "x");
	put_sized(dir, "x/nine.png", 9 * 1024 * 1024);
	put_sized(dir, "eight.png", 8 * 1024 * 1024);
	assert_int_equal(assets_load(dir, &as, msg, sizeof msg), CP_ETOOBIG);
	assert_null(as);
	fx_rmdir(dir);
}

static void null_table_is_handled(void **state)
{
	(void)state;
	assert_null(assets_find(NULL, "/a.css"));
	assert_int_equal(assets_count(NULL), 0);
	assets_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(servable_files_load_with_their_types),
		cmocka_unit_test(other_files_are_skipped),
		cmocka_unit_test(empty_file_loads),
		cmocka_unit_test(etag_is_the_start_of_the_sha256_and_stable),
		cmocka_unit_test(folders_are_walked_four_levels_deep),
		cmocka_unit_test(empty_folder_loads_nothing),
		cmocka_unit_test(missing_folder_is_an_io_error_naming_it),
		cmocka_unit_test(more_than_256_files_are_refused),
		cmocka_unit_test(more_than_16_mib_in_all_is_refused),
		cmocka_unit_test(null_table_is_handled),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
