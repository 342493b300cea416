/*
 * csv_read.h - a streaming reader of CSV (RFC 4180) held in memory: one
 * record at a time, quoted cells with doubled quotes and line breaks
 * inside, lines ending in CRLF or LF, and a last line with or without an
 * end.  It reports the line each record starts on, for messages.
 *
 * Ownership: the text is borrowed for the reader's life; cells are copied
 * into the caller's arena.
 */
#ifndef CP_CSV_READ_H
#define CP_CSV_READ_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

struct csv_reader {
	const char *p, *end; /* what is left to read */
	size_t line;         /* the line the next record starts on, from 1 */
};

void csv_reader_init(struct csv_reader *r, const char *text, size_t len);

/* Reads the next record into cells[0..*n) (at most max cells, each
 * NUL-terminated in the arena) and *line, the line it starts on.  CP_OK
 * with a record; CP_ENOTFOUND at the end; CP_EINVAL for a quote that is
 * never closed, text after a closing quote, or more than max cells (the
 * reader then stops: *line says where); CP_ENOMEM. */
enum cp_err csv_read_row(struct csv_reader *r, struct arena *a, const char **cells, size_t max, size_t *n,
			 size_t *line);

#endif
