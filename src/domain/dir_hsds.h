/*
 * dir_hsds.h - the directory as Open Referral UK / HSDS JSON
 * (docs/directory.md has the mapping): one service object with its
 * organization, service_at_locations, contacts, schedules, cost_options,
 * service_areas and attributes (taxonomy terms; assessment domains are the
 * terms of the vocabulary DIR_TAXONOMY_DOMAIN).  A file is an array of
 * service objects, or an object whose "services" (or "content", as an ORUK
 * API page) is one.
 *
 * Numbers (costs, coordinates) are kept as written: json-c keeps a
 * decimal's text, and it is stored and written back as text.
 *
 * Importing: each service is one record, one transaction: it is imported,
 * updated, unchanged or refused with the reason (and then writes nothing).
 * Importing the same file again changes nothing.
 *
 * Memory: reports, entries and text in the caller's arena.
 */
#ifndef CP_DIR_HSDS_H
#define CP_DIR_HSDS_H

#include <stdbool.h>

#include "../store/store.h"
#include "../util/buf.h"
#include "audit.h"
#include "directory.h"

/* One record's outcome. */
struct dir_report_row {
	enum dir_outcome outcome;
	const char *ref;     /* the record's id in the file, or "line 7" (CSV) or "record 3" */
	const char *name;    /* the service's name, when known */
	const char *message; /* why it was refused; NULL otherwise */
	int64_t id;          /* the service's id here, 0 when refused */
};

struct dir_report {
	struct dir_report_row *rows; /* n of them, in file order */
	size_t n, cap;
	size_t count[DIR_OUTCOME__MAX];
	const char *error;           /* the whole file was refused (not JSON, no header...): why */
};

/* Adds a row to r (arena); false when the arena is full. */
bool dir_report_add(struct arena *a, struct dir_report *r, enum dir_outcome o, const char *ref, const char *name,
		    const char *message, int64_t id);

/* The entry's JSON, canonical, for deciding "unchanged": the HSDS object
 * without the ids of contacts, schedules, costs, areas and categories.
 * *out in the arena.  CP_ENOMEM. */
enum cp_err dir_hsds_compare_text(struct arena *a, const struct store_dir_entry *e, char **out);

/* Imports the HSDS JSON text (len bytes).  Each record in a transaction of
 * its own, or, with in_tx, in the caller's (the demo: then the first
 * refused record stops the import with CP_EINVAL).  Audits
 * directory.service.import / directory.service.import_update.  CP_OK with
 * the report (which may hold refusals, or r->error for a file that is not
 * HSDS JSON); CP_ENOMEM, CP_EDB. */
enum cp_err dir_import_hsds(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t user_id, const char *text, size_t len, bool in_tx, struct dir_report *r);

/* Checks and applies one entry read from a file (read_msg: what was wrong
 * with its shape, or NULL), adding its row, named ref, to rep (strings
 * copied to a); scratch holds the working memory.  Used by both importers. */
enum cp_err dir_import_one(struct store_conn *c, struct arena *a, struct arena *scratch,
			   const struct audit_actor *who, int64_t now_ms, int64_t user_id, struct store_dir_entry *e,
			   const char *ref, const char *read_msg, bool in_tx, struct dir_report *rep);

/* Writes every service, in id order, as an HSDS JSON file into out (a
 * read transaction of its own).  CP_ENOMEM when out's cap is reached;
 * CP_EDB. */
enum cp_err dir_export_hsds(struct store_conn *c, struct arena *a, struct buf *out);

#endif
