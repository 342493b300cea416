/*
 * assets.h - static files served at /assets, read into memory at start.
 *
 * Only files with a known type are served; the whole set is capped in count
 * and size.  Each has a strong ETag (part of its SHA-256).
 */
#ifndef CP_ASSETS_H
#define CP_ASSETS_H

#include <stddef.h>

#include "../util/err.h"

#define ASSETS_MAX_FILES 256
#define ASSETS_MAX_BYTES (16u * 1024 * 1024)

struct asset {
	char *path;       /* URL path below /assets, e.g. "/images/favicon.ico" */
	const char *type; /* Content-Type */
	unsigned char *data;
	size_t len;
	char etag[24];    /* "\"" + 16 hex + "\"" */
};

struct assets;

/* Loads every servable file below dir.  CP_EIO/CP_ETOOBIG with msg.
 * Caller owns *out: free with assets_free(). */
enum cp_err assets_load(const char *dir, struct assets **out, char *msg, size_t msgn);
void assets_free(struct assets *as);

/* The asset at path (below /assets), or NULL.  Borrowed until assets_free. */
const struct asset *assets_find(const struct assets *as, const char *path);

/* Number of files loaded. */
size_t assets_count(const struct assets *as);

#endif
