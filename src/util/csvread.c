/* csvread.c - streaming RFC 4180 reader (csvread.h). */
#include "csvread.h"

#include <stdlib.h>

struct csvread {
	FILE *f;
	long line;     /* the physical line being read, from 1 */
	int started;   /* the byte order mark check is done */
	char buf[CSVREAD_FIELDS_MAX * (CSVREAD_FIELD_MAX + 1)]; /* fields, each NUL-ended */
	size_t used;
	const char *fields[CSVREAD_FIELDS_MAX];
	size_t n;
};

struct csvread *csvread_new(FILE *f)
{
	struct csvread *r = calloc(1, sizeof *r);
	if (r) {
		r->f = f;
		r->line = 1;
	}
	return r;
}

void csvread_free(struct csvread *r)
{
	free(r);
}

long csvread_lines(const struct csvread *r)
{
	return r->line;
}

enum field_state { F_START, F_PLAIN, F_QUOTED, F_QUOTE_IN_QUOTED, F_AFTER_QUOTE };

enum csvread_result csvread_next(struct csvread *r, const char *const **fields, size_t *n, long *line,
				 const char **msg)
{
	*fields = NULL;
	*n = 0;
	*msg = NULL;
	if (!r->started) {
		r->started = 1;
		int c0 = getc_unlocked(r->f);
		if (c0 == 0xEF) {
			int c1 = getc_unlocked(r->f), c2 = getc_unlocked(r->f);
			if (c1 != 0xBB || c2 != 0xBF) {
				*line = r->line;
				*msg = "the file starts with bytes that are not text";
				return CSVREAD_EIO;
			}
		} else if (c0 != EOF) {
			ungetc(c0, r->f);
		}
	}
	for (;;) {
		r->used = 0;
		r->n = 0;
		const char *bad = NULL;
		enum field_state st = F_START;
		size_t field_len = 0;
		*line = r->line;
		int any = 0; /* a byte of this record was read */
		r->fields[0] = r->buf;
		for (;;) {
			int c = getc_unlocked(r->f);
			if (c == EOF) {
				if (ferror(r->f))
					return CSVREAD_EIO;
				if (!any)
					return CSVREAD_END;
				if (st == F_QUOTED)
					bad = "a quoted field is not closed before the end of the file";
				c = '\n'; /* the last record without a line end */
				if (st == F_QUOTED)
					st = F_AFTER_QUOTE;
			}
			any = 1;
			if (st == F_QUOTED) {
				if (c == '"') {
					st = F_QUOTE_IN_QUOTED;
					continue;
				}
				if (c == '\n')
					r->line++;
				goto add;
			}
			if (st == F_QUOTE_IN_QUOTED) {
				if (c == '"') {
					st = F_QUOTED;
					goto add;
				}
				st = F_AFTER_QUOTE;
			}
			if (c == '\r') {
				int d = getc_unlocked(r->f);
				if (d == '\n') {
					c = '\n';
				} else {
					if (d != EOF)
						ungetc(d, r->f);
					if (st == F_AFTER_QUOTE) {
						if (!bad)
							bad = "there is text after a closing quote";
						continue;
					}
					st = F_PLAIN;
					goto add; /* a lone CR is data */
				}
			}
			if (c == ',' || c == '\n') {
				/* end of a field */
				if (r->n < CSVREAD_FIELDS_MAX) {
					r->buf[r->used++] = '\0';
					r->n++;
					if (r->n < CSVREAD_FIELDS_MAX)
						r->fields[r->n] = r->buf + r->used;
				} else if (!bad) {
					bad = "the row has too many fields";
				}
				field_len = 0;
				st = F_START;
				if (c == '\n') {
					r->line++;
					break;
				}
				continue;
			}
			if (st == F_AFTER_QUOTE) {
				if (!bad)
					bad = "there is text after a closing quote";
				continue;
			}
			if (c == '"') {
				if (st == F_START) {
					st = F_QUOTED;
					continue;
				}
				if (!bad)
					bad = "a double quote is inside a field that does not start with one";
				continue;
			}
			st = F_PLAIN;
		add:
			if (r->n >= CSVREAD_FIELDS_MAX)
				continue;
			if (field_len >= CSVREAD_FIELD_MAX) {
				if (!bad)
					bad = "a field is too long";
				continue;
			}
			r->buf[r->used++] = (char)c;
			field_len++;
		}
		if (bad) {
			*msg = bad;
			return CSVREAD_BAD;
		}
		if (r->n == 1 && r->fields[0][0] == '\0')
			continue; /* a blank line */
		*fields = r->fields;
		*n = r->n;
		return CSVREAD_RECORD;
	}
}
