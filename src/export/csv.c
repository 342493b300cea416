/* csv.c - CSV files (csv.h). */
#include "csv.h"

#include <string.h>

bool csv_needs_neutral(const char *text)
{
	return text && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
			text[0] == '\r');
}

void csv_cell(struct buf *b, struct csv_row *row, const char *text)
{
	if (row->started)
		buf_putc(b, ',');
	row->started = true;
	if (!text)
		return;
	bool quote = strpbrk(text, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (csv_needs_neutral(text))
		buf_putc(b, '\'');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

void csv_cell_i64(struct buf *b, struct csv_row *row, int64_t v)
{
	if (row->started)
		buf_putc(b, ',');
	row->started = true;
	buf_put_i64(b, v);
}

void csv_end_row(struct buf *b, struct csv_row *row)
{
	buf_puts(b, "\r\n");
	row->started = false;
}
