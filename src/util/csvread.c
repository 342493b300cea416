/* csvread.c - streaming RFC 4180 reader (csvread.h). */
#include "csvread.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct csvread {
	FILE *f;
	size_t max_bytes, max_cells;
	char *buf;          /* the row's cells, each NUL-terminated, back to back */
	size_t len, cap;    /* bytes used and allocated; cap <= max_bytes + 1 */
	size_t *starts;     /* offset of each cell in buf; max_cells of them */
	const char **cells; /* pointers made from starts once the row is complete */
	long line;          /* the line number the next character is on */
	bool started;       /* past the byte order mark check */
};

struct csvread *csvread_open(FILE *f, size_t max_bytes, size_t max_cells)
{
	if (!f || max_bytes == 0 || max_bytes > SIZE_MAX / 2 || max_cells == 0 || max_cells > SIZE_MAX / 16)
		return NULL;
	struct csvread *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->f = f;
	r->max_bytes = max_bytes;
	r->max_cells = max_cells;
	r->starts = calloc(max_cells, sizeof *r->starts);
	r->cells = calloc(max_cells, sizeof *r->cells);
	r->line = 1;
	if (!r->starts || !r->cells) {
		csvread_free(r);
		return NULL;
	}
	return r;
}

void csvread_free(struct csvread *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->starts);
	free(r->cells);
	free(r);
}

/* Appends one byte; false when the row would pass max_bytes (or no memory:
 * *oom is set). */
static bool put(struct csvread *r, char ch, bool *oom)
{
	if (r->len >= r->max_bytes)
		return false;
	if (r->len + 1 >= r->cap) {
		size_t limit = r->max_bytes + 1; /* > len + 1: max_bytes <= SIZE_MAX / 2 (csvread_open) */
		size_t cap = r->cap ? r->cap * 2 : 256;
		if (cap > limit)
			cap = limit;
		if (cap <= r->len + 1)
			return false;
		char *nb = realloc(r->buf, cap);
		if (!nb) {
			*oom = true;
			return false;
		}
		r->buf = nb;
		r->cap = cap;
	}
	r->buf[r->len++] = ch;
	return true;
}

/* Skips to the end of the current line (after a refused row). */
static void skip_line(struct csvread *r)
{
	int ch;
	while ((ch = getc(r->f)) != EOF && ch != '\n')
		;
	if (ch == '\n')
		r->line++;
}

int csvread_next(struct csvread *r, struct csvread_row *row)
{
	memset(row, 0, sizeof *row);
	if (!r->started) {
		r->started = true;
		int b0 = getc(r->f);
		if (b0 == 0xEF) {
			int b1 = getc(r->f), b2 = getc(r->f);
			if (b1 != 0xBB || b2 != 0xBF) {
				row->line = r->line;
				row->error = "the file starts with bytes that are not text";
				skip_line(r);
				return 1;
			}
		} else if (b0 != EOF) {
			ungetc(b0, r->f);
		}
	}
	int ch = getc(r->f);
	if (ch == EOF)
		return ferror(r->f) ? -1 : 0;
	row->line = r->line;
	r->len = 0;
	size_t n = 0;
	bool oom = false, quoted = false, after_quote = false;
	r->starts[n++] = 0;
	for (;; ch = getc(r->f)) {
		if (quoted) {
			if (ch == EOF) {
				row->error = "a quoted cell is not closed before the end of the file";
				return ferror(r->f) ? -1 : 1;
			}
			if (ch == '"') {
				int nx = getc(r->f);
				if (nx == '"') {
					if (!put(r, '"', &oom))
						goto too_long;
					continue;
				}
				if (nx != EOF)
					ungetc(nx, r->f);
				quoted = false;
				after_quote = true;
				continue;
			}
			if (ch == '\n')
				r->line++;
			if (!put(r, (char)ch, &oom))
				goto too_long;
			continue;
		}
		if (ch == EOF || ch == '\n' || ch == ',') {
			if (!put(r, '\0', &oom))
				goto too_long;
			if (ch == ',') {
				if (n >= r->max_cells) {
					row->error = "the row has too many cells";
					skip_line(r);
					return 1;
				}
				r->starts[n++] = r->len;
				after_quote = false;
				continue;
			}
			if (ch == '\n')
				r->line++;
			break;
		}
		if (ch == '\r') {
			int nx = getc(r->f);
			if (nx == '\n' || nx == EOF) {
				if (nx == '\n')
					ungetc(nx, r->f);
				continue; /* CRLF: the LF ends the row */
			}
			ungetc(nx, r->f);
		}
		if (after_quote) {
			row->error = "text follows a closing quote in a cell";
			if (ch != '\n')
				skip_line(r);
			return 1;
		}
		if (ch == '"' && r->len == r->starts[n - 1]) {
			quoted = true;
			continue;
		}
		if (!put(r, (char)ch, &oom))
			goto too_long;
	}
	for (size_t i = 0; i < n; i++)
		r->cells[i] = r->buf + r->starts[i];
	row->cells = r->cells;
	row->n = n;
	return 1;
too_long:
	if (oom)
		return -1;
	row->error = "the row is too long";
	if (!quoted) {
		/* The limit can be reached by the very line end that closes the row. */
		if (ch == '\n')
			r->line++;
		else if (ch != EOF)
			skip_line(r);
	} else {
		/* Finish the quoted cell and its line, so the next row starts clean. */
		int c2;
		bool in_q = true;
		while ((c2 = getc(r->f)) != EOF) {
			if (c2 == '"')
				in_q = !in_q;
			if (c2 == '\n') {
				r->line++;
				if (!in_q)
					break;
			}
		}
	}
	return 1;
}
