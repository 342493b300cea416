/* assets.c - the in-memory static file table. */
#include "assets.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/str.h"

struct assets {
	struct asset files[ASSETS_MAX_FILES];
	size_t n;
	size_t bytes;
};

static const struct {
	const char *ext, *type;
} types[] = {
	{".css", "text/css; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".woff", "font/woff"},
	{".json", "application/manifest+json"},
	{".txt", "text/plain; charset=utf-8"},
};

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return NULL;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

static enum cp_err load_file(struct assets *as, const char *full, const char *rel, const char *type, char *msg,
			     size_t msgn)
{
	if (as->n == ASSETS_MAX_FILES) {
		snprintf(msg, msgn, "more than %d asset files", ASSETS_MAX_FILES);
		return CP_ETOOBIG;
	}
	FILE *f = fopen(full, "rb");
	if (!f) {
		snprintf(msg, msgn, "cannot open asset %s: %s", full, strerror(errno));
		return CP_EIO;
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) != 0 || sb.st_size < 0 ||
	    (size_t)sb.st_size > ASSETS_MAX_BYTES - as->bytes) {
		fclose(f);
		snprintf(msg, msgn, "assets are larger than %u bytes (at %s)", ASSETS_MAX_BYTES, full);
		return CP_ETOOBIG;
	}
	struct asset *a = &as->files[as->n];
	a->len = (size_t)sb.st_size;
	a->data = malloc(a->len ? a->len : 1);
	a->path = strdup(rel);
	if (!a->data || !a->path || fread(a->data, 1, a->len, f) != a->len) {
		fclose(f);
		free(a->data);
		free(a->path);
		snprintf(msg, msgn, "cannot read asset %s", full);
		return CP_EIO;
	}
	fclose(f);
	a->type = type;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, a->data, a->len);
	char hex[17];
	str_hex(hex, h, 8);
	snprintf(a->etag, sizeof a->etag, "\"%s\"", hex);
	as->bytes += a->len;
	as->n++;
	return CP_OK;
}

static enum cp_err walk(struct assets *as, const char *dir, const char *rel, int depth, char *msg, size_t msgn)
{
	if (depth > 4)
		return CP_OK;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(msg, msgn, "cannot open assets folder %s: %s", dir, strerror(errno));
		return CP_EIO;
	}
	enum cp_err err = CP_OK;
	struct dirent *e;
	/* cppcheck-suppress readdirCalled ; readdir_r is deprecated, and this DIR is read by one thread only */
	while (!err && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char full[4096], sub[1024];
		if (snprintf(full, sizeof full, "%s/%s", dir, e->d_name) >= (int)sizeof full ||
		    snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name) >= (int)sizeof sub)
			continue;
		struct stat sb;
		if (stat(full, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			err = walk(as, full, sub, depth + 1, msg, msgn);
		} else if (S_ISREG(sb.st_mode)) {
			const char *type = type_of(e->d_name);
			if (type)
				err = load_file(as, full, sub, type, msg, msgn);
		}
	}
	closedir(d);
	return err;
}

enum cp_err assets_load(const char *dir, struct assets **out, char *msg, size_t msgn)
{
	*out = NULL;
	struct assets *as = calloc(1, sizeof *as);
	if (!as) {
		snprintf(msg, msgn, "out of memory loading assets");
		return CP_ENOMEM;
	}
	enum cp_err err = walk(as, dir, "", 0, msg, msgn);
	if (err) {
		assets_free(as);
		return err;
	}
	*out = as;
	return CP_OK;
}

void assets_free(struct assets *as)
{
	if (!as)
		return;
	for (size_t i = 0; i < as->n; i++) {
		free(as->files[i].data);
		free(as->files[i].path);
	}
	free(as);
}

const struct asset *assets_find(const struct assets *as, const char *path)
{
	for (size_t i = 0; as && i < as->n; i++)
		if (strcmp(as->files[i].path, path) == 0)
			return &as->files[i];
	return NULL;
}

size_t assets_count(const struct assets *as)
{
	return as ? as->n : 0;
}
