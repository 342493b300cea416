/*
 * csvread.h - a streaming CSV reader (RFC 4180): one row at a time from a
 * FILE*, so a file of any length is read in bounded memory.
 *
 * Accepted: cells separated by commas; a cell in double quotes may hold
 * commas, CR, LF and doubled double quotes ("" is one "); rows end in LF or
 * CRLF (a lone CR inside an unquoted cell is kept as text); the last row may
 * lack its line end; a UTF-8 byte order mark at the very start is skipped.
 * Not accepted (the row is refused with a reason and reading goes on at the
 * next line): text after a closing quote other than a comma or the line
 * end, a row longer than the reader's byte limit, more cells than its cell
 * limit.  An unterminated quote at the end of the file is an error too.
 * A blank line is a row of one empty cell (the caller decides).
 *
 * Ownership: the reader owns one growable buffer (capped by max_bytes); a
 * row's cells point into it and are borrowed until the next csvread_next()
 * or csvread_free().  The FILE* stays the caller's.
 */
#ifndef CP_CSVREAD_H
#define CP_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

struct csvread;

/* One row: n cells, each a NUL-terminated string (borrowed, see above). */
struct csvread_row {
	const char **cells;
	size_t n;
	long line;          /* line number (1-based) where the row begins */
	const char *error;  /* NULL, or why the row was refused (a static string) */
};

/* A reader over f, rows up to max_bytes bytes and max_cells cells.  NULL
 * when out of memory.  Caller frees with csvread_free(). */
struct csvread *csvread_open(FILE *f, size_t max_bytes, size_t max_cells);

/* Reads the next row into *row.  1: a row (row->error set when the row was
 * refused: its cells are then not valid); 0: end of file; -1: the file could
 * not be read or memory ran out. */
int csvread_next(struct csvread *r, struct csvread_row *row);

/* Frees the reader; NULL is a no-op. */
void csvread_free(struct csvread *r);

#endif
