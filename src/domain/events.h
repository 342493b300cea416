/*
 * events.h - importing activity events (emergency admissions and A&E
 * attendances, with dates) from a CSV file, for the before-and-after figure
 * of the outcomes (docs/outcomes.md has the file's format).
 *
 * The file is read one row at a time (util/csvread.h), so its length does
 * not matter to memory.  Columns: nhs_number, kind, date and an optional
 * source reference; a first row whose first cell is "nhs_number" is a
 * header and skipped.  Each row is checked on its own: a refused row is
 * reported with its line number and the reason, and the rest are still
 * imported.  Rows already stored (same NHS number, kind, date and source
 * reference) are counted, not added again, so importing a file twice
 * changes nothing.  Everything the import adds is written in one
 * transaction with its audit row ("events.import"); a database failure
 * writes nothing.
 */
#ifndef CP_EVENTS_H
#define CP_EVENTS_H

#include <stdint.h>
#include <stdio.h>

#include "../store/store.h"
#include "audit.h"

#define EVENTS_REF_MAX 100     /* characters of a source reference */
#define EVENTS_REASON_MAX 200  /* bytes of a refusal's reason */

/* What an import did. */
struct events_report {
	int64_t rows;     /* data rows read (not the header) */
	int64_t added;    /* events stored */
	int64_t already;  /* rows already stored before */
	int64_t refused;  /* rows refused */
};

/* Told of each refused row: its line number and why (borrowed for the call). */
typedef void (*events_refused_fn)(void *ctx, long line, const char *reason);

/* Checks one row's cells; CP_OK and *ev filled (strings borrowed from
 * cells, nhs_number from nhs_out, at least 11 bytes), or CP_EINVAL and
 * the reason in msg.  today (YYYY-MM-DD): a later date is refused. */
enum cp_err events_check_row(const char *const *cells, size_t n, const char *today, char *nhs_out,
			     struct store_activity_event *ev, char *msg, size_t msgn);

/* Imports the CSV rows of f, naming the import batch (e.g. the file's
 * name), as who at now_ms.  refused (may be NULL) hears of each refused
 * row.  CP_OK (even when rows were refused), CP_EIO when the file cannot be
 * read, CP_ENOMEM, CP_EDB (nothing written). */
enum cp_err events_import(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, FILE *f,
			  const char *batch, events_refused_fn refused, void *ctx, struct events_report *rep);

#endif
