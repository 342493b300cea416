/*
 * fuzz_export.c - libFuzzer target for the iCalendar and CSV writers
 * (src/export/ical.c, src/export/csv.c), which take text people typed.
 *
 * Input: any bytes as one TEXT value and one CSV cell.  What ical.h
 * promises: every physical line ends in CRLF and has at most 75 octets; a
 * fold never starts inside a UTF-8 sequence when the input is valid UTF-8;
 * unfolding and unescaping gives back the input with CR and CRLF read as
 * LF and other control characters dropped.  What csv.h promises: reading
 * the cell back by RFC 4180 gives the input, with a single quote in front
 * when it begins with = + - @ tab or CR.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export/csv.h"
#include "export/ical.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

static void check_ical(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	ical_text(&b, "SUMMARY", s);
	if (b.err)
		abort();
	bool utf8 = valid_utf8((const unsigned char *)s, n);
	/* physical lines */
	char *un = malloc(b.len + 1);
	size_t k = 0;
	for (size_t i = 0; i < b.len;) {
		const char *e = strstr(b.data + i, "\r\n");
		if (!e)
			abort();
		size_t len = (size_t)(e - (b.data + i));
		if (len > ICAL_FOLD)
			abort();
		size_t from = i;
		if (i > 0) {
			if (b.data[i] != ' ')
				abort();
			from++;
			if (utf8 && from < b.len && ((unsigned char)b.data[from] & 0xC0) == 0x80)
				abort();
		}
		memcpy(un + k, b.data + from, (size_t)(e - (b.data + from)));
		k += (size_t)(e - (b.data + from));
		i = (size_t)(e - b.data) + 2;
	}
	un[k] = '\0';
	if (strncmp(un, "SUMMARY:", 8) != 0)
		abort();
	/* unescape and compare with the input as the writer reads it */
	char *want = malloc(n + 1), *got = malloc(k + 1);
	size_t w = 0, g = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') {
			want[w++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
			want[w++] = (char)c;
		}
	}
	for (size_t i = 8; i < k; i++) {
		if (un[i] == '\\') {
			char x = un[++i];
			if (x == 'n')
				got[g++] = '\n';
			else if (x == '\\' || x == ';' || x == ',')
				got[g++] = x;
			else
				abort();
		} else if (un[i] == ';' || un[i] == ',' || un[i] == '\n' || un[i] == '\r') {
			abort(); /* must have been escaped */
		} else {
			got[g++] = un[i];
		}
	}
	if (w != g || memcmp(want, got, w) != 0)
		abort();
	free(want);
	free(got);
	free(un);
	buf_free(&b);
}

static void check_csv(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	struct csv_row row = {0};
	csv_cell(&b, &row, s);
	csv_end_row(&b, &row);
	if (b.err || b.len < 2 || memcmp(b.data + b.len - 2, "\r\n", 2) != 0)
		abort();
	size_t end = b.len - 2;
	char *got = malloc(end + 1);
	size_t g = 0;
	if (end && b.data[0] == '"') {
		if (end < 2 || b.data[end - 1] != '"')
			abort();
		for (size_t i = 1; i < end - 1; i++) {
			if (b.data[i] == '"') {
				if (b.data[i + 1] != '"')
					abort();
				i++;
			}
			got[g++] = b.data[i];
		}
	} else {
		for (size_t i = 0; i < end; i++) {
			if (b.data[i] == '"' || b.data[i] == ',' || b.data[i] == '\r' || b.data[i] == '\n')
				abort(); /* must have been quoted */
			got[g++] = b.data[i];
		}
	}
	size_t off = csv_needs_neutral(s) ? 1 : 0;
	if (off && (g == 0 || got[0] != '\''))
		abort();
	if (g - off != n || memcmp(got + off, s, n) != 0)
		abort();
	free(got);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	size_t n = strlen(s); /* the writers take C strings */
	check_ical(s, n);
	check_csv(s, n);
	free(s);
	return 0;
}
