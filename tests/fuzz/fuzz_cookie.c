/*
 * fuzz_cookie.c - libFuzzer target for req_cookie() (src/http/req.c).
 *
 * Input: "NAME\nHEADER" - the cookie name to look for, a newline, then the
 * Cookie header value; without a newline the whole input is the header and
 * the name is "cp_session", as the server asks.  Both are made NUL-terminated
 * (the server hands libmicrohttpd's terminated strings), so an embedded NUL
 * simply ends them early.
 *
 * Checked beyond ASan/UBSan: a cookie found is a copy no longer than the
 * header, and the lookup is deterministic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > REQ_COOKIE_MAX + 128) /* the server refuses larger Cookie headers */
		return 0;
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	const char *name = "cp_session", *header = copy;
	char *nl = memchr(copy, '\n', size);
	if (nl) {
		*nl = '\0';
		name = copy;
		header = nl + 1;
	}
	struct arena *a = arena_new(64 * 1024);
	if (!a) {
		free(copy);
		return 0;
	}
	const char *v = req_cookie(a, header, name);
	if (v) {
		if (strlen(v) > strlen(header))
			abort();
		const char *again = req_cookie(a, header, name);
		if (!again || strcmp(v, again) != 0)
			abort();
	}
	if (req_cookie(a, NULL, name) != NULL)
		abort();
	arena_free(a);
	free(copy);
	return 0;
}
