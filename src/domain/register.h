/*
 * register.h - the population register case finding reads: its CSV import,
 * its scores under the case-finding rules, the worklist of people who may
 * need care planning, and the one step from a worklist row to entry
 * (docs/case-finding.md).
 *
 * Import is streamed and row-wise: the file is read record by record
 * (csvread.h) in constant memory and written in batches of
 * REGISTER_BATCH rows, each its own transaction, so a crash keeps every
 * batch committed before it.  A file whose header lacks a required column
 * is refused whole before anything is written.  After that, each row that
 * is wrong is refused (reported with its line number and the reason) and
 * skipped; every good row is kept: a new NHS number is added, a known one
 * is updated in place when any value differs, and left as it is (values
 * and updated_ms) when none does.  A second row with the same NHS number in
 * one file is refused (the first one counts).  Rows not in the file stay on
 * the register.
 *
 * Audit: an import writes register.import (the import's id, never a row's
 * values) in its first batch; reading the worklist writes register.read
 * (audit_read) naming the page; the entry step writes person.create (when a
 * person is created), register.link and episode.create in its one
 * transaction.
 */
#ifndef CP_REGISTER_H
#define CP_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../store/store.h"
#include "../util/arena.h"
#include "audit.h"
#include "casefind.h"

#define REGISTER_BATCH 50000      /* rows per transaction of an import: fewer commits (each an fsync
				   * and a WAL checkpoint) made a million rows 40 % faster than 10 000 */
#define REGISTER_PAGE 50          /* rows per worklist page */
#define REGISTER_PAGES_MAX 2000   /* the deepest page the worklist shows */
#define REGISTER_CONDITIONS_MAX 30 /* conditions on one row */
#define REGISTER_REASON_MAX 300   /* bytes of one refusal's reason */

/* The columns of the register's CSV file, by header name (any order). */
enum register_column {
	RC_NHS_NUMBER,
	RC_GIVEN_NAME,
	RC_FAMILY_NAME,
	RC_BIRTH_DATE,
	RC_POSTCODE,
	RC_CONDITIONS,
	RC_FRAILTY,
	RC_EMERGENCY,
	RC_AE,
	RC_LIVES_ALONE,
	RC_IS_CARER,
	RC_HAS_CARER,
	RC__MAX
};

/* The header name of column c ("nhs_number", ...). */
const char *register_column_name(enum register_column c);

/* What an import did. */
struct register_report {
	int64_t import_id;
	int64_t rows_read; /* data records read (not the header) */
	int64_t added, updated, unchanged, refused;
	bool rescored;     /* the rules had changed, so every row was scored again */
};

/* Called for each refused row: its first line and why (borrowed). */
typedef void (*register_refusal_fn)(void *ctx, long line, const char *reason);

/* Imports the CSV read from f, scoring rows with rules on the day of
 * now_ms.  source names the file for the import's record ("upload" for the
 * web page).  CP_OK with *rep filled (some rows may have been refused);
 * CP_EINVAL when the header is wrong (msg says which column; nothing
 * written); CP_EIO when f fails (batches before stay); CP_EDB, CP_ENOMEM. */
enum cp_err register_import(struct store_conn *c, FILE *f, const char *source, const struct audit_actor *who,
			    int64_t now_ms, const struct casefind_rules *rules, register_refusal_fn refused, void *ctx,
			    struct register_report *rep, char *msg, size_t msgn);

/* Scores every row again with rules when the register's stored fingerprint
 * is not theirs (batches of REGISTER_BATCH), then stores theirs.  *changed
 * (may be NULL) counts rows whose score or mask changed; *done says whether
 * anything was run. */
enum cp_err register_rescore(struct store_conn *c, const struct casefind_rules *rules, int64_t now_ms,
			     int64_t *changed, bool *done);

/* Checks one record of a register file against the header's column map
 * (col[c]: the field index of column c) into *e (strings in a, scoring
 * left to the caller).  CP_OK, or CP_EINVAL with reason (REGISTER_REASON_MAX
 * bytes) naming the column and the problem. */
enum cp_err register_row_validate(struct arena *a, const char *const *fields, size_t n, const int col[RC__MAX],
				  int64_t now_ms, struct store_register_entry *e, char *reason);

/* One worklist page: rows meeting rule rule_index (-1: any), page from 1,
 * with *more true when a later page has rows.  Audits register.read with
 * the page and the number shown. */
enum cp_err register_worklist(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int rule_index, int page, struct store_register_entry **out, size_t *n, bool *more);

/* The one step from worklist row entry_id to entry: in one transaction,
 * finds the person with the row's NHS number or creates them from the row
 * (NHS number, names, birth date, postcode) in team_id, links the row to
 * them, and starts an episode at entry (origin "identified by the team",
 * level 1, the reasons and conditions as the reason; consents not yet
 * sought) with user_id as key worker.  *person_id and *episode_id get the
 * ids.  CP_ENOTFOUND when there is no such row; CP_ECONFLICT when the
 * person already has an open episode (*episode_id gets it) and nothing is
 * written. */
enum cp_err register_start(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   const struct casefind_rules *rules, int64_t entry_id, int64_t team_id, int64_t user_id,
			   int64_t *person_id, int64_t *episode_id);

/* The explanations of the rules in mask joined by "; " (in the arena). */
const char *register_reasons(struct arena *a, const struct casefind_rules *rules, uint64_t mask);

#endif
