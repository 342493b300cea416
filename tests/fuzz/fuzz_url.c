/*
 * fuzz_url.c - libFuzzer target for url_decode() and the UTF-8 checks
 * (src/util/str.c) that every path, query value and form field goes through.
 *
 * Input: any bytes, treated as an urlencoded string (not NUL-terminated).
 * Checked beyond ASan/UBSan:
 *   - url_decode's output is NUL-terminated, no longer than its input, and
 *     CP_EINVAL exactly when a '%' lacks two hex digits (a reference decoder);
 *   - utf8_text_valid() agrees with a separate table-driven reference built
 *     from Unicode's table of well-formed byte sequences (Table 3-7), on both
 *     the raw and the decoded bytes, and utf8_count() counts the reference's
 *     code points on valid text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Code points in the well-formed UTF-8 text at p (n bytes), or -1 when it is
 * not well formed or holds a C0 control other than tab/LF/CR, or DEL. */
static long ref_text_points(const unsigned char *p, size_t n)
{
	long points = 0;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
		size_t len;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
				return -1;
			len = 1;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c == 0xE0) {
			len = 3, lo = 0xA0;
		} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
			len = 3;
		} else if (c == 0xED) {
			len = 3, hi = 0x9F;
		} else if (c == 0xF0) {
			len = 4, lo = 0x90;
		} else if (c >= 0xF1 && c <= 0xF3) {
			len = 4;
		} else if (c == 0xF4) {
			len = 4, hi = 0x8F;
		} else {
			return -1;
		}
		if (n - i < len)
			return -1;
		for (size_t k = 1; k < len; k++) {
			unsigned b = p[i + k];
			unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
			if (b < l || b > h)
				return -1;
		}
		i += len;
		points++;
	}
	return points;
}

static int hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* True when every '%' in s (n bytes) starts a complete %XX escape. */
static int ref_escapes_ok(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%')
			continue;
		if (n - i < 3 || !hex(s[i + 1]) || !hex(s[i + 2]))
			return 0;
		i += 2;
	}
	return 1;
}

static void check_text(const char *s, size_t n)
{
	long ref = ref_text_points((const unsigned char *)s, n);
	if (utf8_text_valid(s, n) != (ref >= 0))
		abort();
	if (ref >= 0 && utf8_count(s, n) != (size_t)ref)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	const char *s = (const char *)data;
	check_text(s, size);
	struct arena *a = arena_new(4 * size + 4096);
	if (!a)
		return 0;
	char *out = NULL;
	size_t len = 0;
	enum cp_err err = url_decode(a, s, size, &out, &len);
	if (err == CP_OK) {
		if (!ref_escapes_ok(data, size) || !out || len > size || out[len] != '\0')
			abort();
		check_text(out, len);
	} else if (err != CP_EINVAL || ref_escapes_ok(data, size)) {
		abort();
	}
	arena_free(a);
	return 0;
}
