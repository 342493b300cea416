/*
 * csv.h - CSV files (RFC 4180) for spreadsheets: the worklists and the
 * person's action list.
 *
 * A row is written cell by cell into a caller's buf: csv_cell() for each
 * cell, csv_end_row() after the last one.  Every line ends in CRLF; a cell
 * holding a comma, a double quote, CR or LF is quoted, with its quotes
 * doubled.  A cell whose text begins with =, +, - or @ (which a spreadsheet
 * would read as a formula) is neutralised by a single quote in front, so
 * "=HYPERLINK(...)" arrives as the text "'=HYPERLINK(...)".  A tab or CR at
 * the start is neutralised the same way (some spreadsheets strip them and
 * then read what follows as a formula).
 *
 * Ownership: nothing is allocated here; text is borrowed for the call and
 * the buf's sticky error says whether the whole file fitted.
 */
#ifndef CP_CSV_H
#define CP_CSV_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/buf.h"

/* A row being written: whether a cell has been written on it yet. */
struct csv_row {
	bool started;
};

/* Appends one cell (NULL is an empty cell) to the row. */
void csv_cell(struct buf *b, struct csv_row *row, const char *text);
/* Appends a number as a cell. */
void csv_cell_i64(struct buf *b, struct csv_row *row, int64_t v);
/* Ends the row with CRLF and starts the next. */
void csv_end_row(struct buf *b, struct csv_row *row);

/* True when text would be read as a formula and is neutralised. */
bool csv_needs_neutral(const char *text);

#endif
