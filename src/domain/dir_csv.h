/*
 * dir_csv.h - the directory as CSV, one row per service (dir_csv.def lists
 * the columns; docs/directory.md describes them).  Categories and domains
 * are lists separated by semicolons; a category is found by its name.  A
 * cell the CSV writer neutralised for spreadsheets ("'-1.5760") is read
 * back without its quote mark.  Importing reports each record by the line
 * it starts on; rules as for HSDS (dir_hsds.h).
 */
#ifndef CP_DIR_CSV_H
#define CP_DIR_CSV_H

#include "dir_hsds.h"

enum dir_csv_col {
#define COL(e, header) DIR_CSV_##e,
#include "dir_csv.def"
#undef COL
	DIR_CSV__MAX
};

/* The column's header ("id", "name", ...); "" out of range. */
const char *dir_csv_header(enum dir_csv_col c);

/* Imports CSV text; otherwise as dir_import_hsds. */
enum cp_err dir_import_csv(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t user_id, const char *text, size_t len, struct dir_report *r);

#endif
