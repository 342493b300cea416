/* csv_read.c - the CSV reader (csv_read.h). */
#include "csv_read.h"

#include <stdbool.h>
#include <string.h>

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->line = 1;
	/* A UTF-8 byte order mark, as spreadsheets write, is not text. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

enum cp_err csv_read_row(struct csv_reader *r, struct arena *a, const char **cells, size_t max, size_t *n,
			 size_t *line)
{
	*n = 0;
	*line = r->line;
	if (r->p >= r->end)
		return CP_ENOTFOUND;
	for (;;) {
		/* One cell: first find its end, then copy it. */
		const char *q = r->p;
		size_t size = 0;
		bool quoted = q < r->end && *q == '"';
		if (quoted) {
			q++;
			while (q < r->end && !(*q == '"' && !(q + 1 < r->end && q[1] == '"'))) {
				q += *q == '"' ? 2 : 1;
				size++;
			}
			if (q >= r->end) {
				r->p = r->end;
				return CP_EINVAL;
			}
		} else {
			while (q < r->end && *q != ',' && *q != '\n' && *q != '\r')
				q++;
			size = (size_t)(q - r->p);
		}
		char *cell = arena_alloc(a, size + 1);
		if (!cell)
			return CP_ENOMEM;
		size_t k = 0;
		if (quoted) {
			r->p++;
			for (;;) {
				char ch = *r->p++;
				if (ch == '"') {
					if (r->p < r->end && *r->p == '"') {
						cell[k++] = '"';
						r->p++;
						continue;
					}
					break;
				}
				if (ch == '\n')
					r->line++;
				cell[k++] = ch;
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
				r->p = r->end;
				return CP_EINVAL;
			}
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
				cell[k++] = *r->p++;
		}
		cell[k] = '\0';
		if (*n == max) {
			r->p = r->end;
			return CP_EINVAL;
		}
		cells[(*n)++] = cell;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		r->line++;
		return CP_OK;
	}
}
