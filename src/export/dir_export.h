/*
 * dir_export.h - writes the directory as CSV, one row per service in
 * id order, with the columns of src/domain/dir_csv.def (docs/directory.md).
 * Cells are escaped and neutralised for spreadsheets by csv.c; the
 * importer (src/domain/dir_csv.c) reads them back as they were.
 */
#ifndef CP_DIR_EXPORT_H
#define CP_DIR_EXPORT_H

#include "../store/store.h"
#include "../util/buf.h"

/* Every service into out, in a read transaction of its own.  CP_ENOMEM
 * when out's cap is reached; CP_EDB. */
enum cp_err dir_export_csv(struct store_conn *c, struct buf *out);

#endif
