/*
 * csvread.h - a streaming reader of CSV files (RFC 4180), record by record.
 *
 * Reads from a FILE* one record at a time into a buffer of bounded size, so
 * a file of any length is read in constant memory.  Accepts: fields
 * separated by commas; records ended by LF or CRLF (a lone CR is kept as
 * data); fields in double quotes, which may hold commas, CR, LF and doubled
 * quotes (""); a UTF-8 byte order mark before the first record (skipped);
 * blank lines (skipped, but counted).  Line numbers count physical lines
 * from 1, so a quoted field holding a line break makes its record span two
 * lines and the next record's number is one more.
 *
 * A record that breaks a rule (a quote inside an unquoted field, text after
 * a closing quote, a field over CSVREAD_FIELD_MAX, more than
 * CSVREAD_FIELDS_MAX fields) is read to its end and reported as bad, with
 * its first line and a message, and the next call goes on with the record
 * after it.  An unterminated quote at the end of the file is bad too (the
 * rest of the file was that record).  Bytes are not checked as UTF-8 here:
 * the caller validates each field it uses.
 *
 * Ownership: csvread_new() returns a reader the caller frees with
 * csvread_free() (NULL is a no-op); the FILE stays the caller's.  Fields
 * returned are borrowed until the next csvread_next() call.
 */
#ifndef CP_CSVREAD_H
#define CP_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

#define CSVREAD_FIELD_MAX 4096 /* bytes of one field */
#define CSVREAD_FIELDS_MAX 64  /* fields in one record */

enum csvread_result {
	CSVREAD_RECORD, /* a record: fields, n_fields and line are set */
	CSVREAD_BAD,    /* a broken record, skipped: line and msg are set */
	CSVREAD_END,    /* no more records */
	CSVREAD_EIO,    /* reading the file failed */
};

struct csvread;

/* A reader of f; NULL when out of memory. */
struct csvread *csvread_new(FILE *f);
void csvread_free(struct csvread *r);

/* The next record.  On CSVREAD_RECORD *fields points to n NUL-terminated
 * fields (n >= 1); on CSVREAD_BAD *msg (static) says what was wrong; on
 * both *line is the record's first line. */
enum csvread_result csvread_next(struct csvread *r, const char *const **fields, size_t *n, long *line,
				 const char **msg);

/* Lines read so far (the last line number seen). */
long csvread_lines(const struct csvread *r);

#endif
