/*
 * sqlite_schema_reg.h - migration 21: the population register that case
 * finding reads (docs/case-finding.md).
 *
 *   register_entry   one row per person on the register, keyed by NHS
 *                    number (10 digits, check digit right).  conditions is
 *                    the long-term conditions as a ';'-separated list in the
 *                    order given (trimmed, each 1..60 characters), with
 *                    n_conditions their count: a text list, not a child
 *                    table, so an import writes one row per person and the
 *                    worklist reads one row per line.  frailty is an eFI
 *                    category code or NULL when not known.  Counts are of
 *                    the last 12 months, 0..999.  score and rules_mask are
 *                    precomputed from the case-finding rules (casefind.h):
 *                    the sum of the weights of the rules the row meets and a
 *                    bit per rule (bit i: the file's rule i), recomputed
 *                    when a row changes and whenever the rules change, so
 *                    the worklist reads an index in rank order and never
 *                    evaluates a rule per request.  The rank index also
 *                    holds rules_mask and person_id, so the worklist's
 *                    filters (and the rows a later page skips) are decided
 *                    from the index without reading the table.  person_id is the person
 *                    the row was entered as (or matched by NHS number), NULL
 *                    until then.  last_import_id is the import that last
 *                    read the row: a second row with the same NHS number in
 *                    one file finds its own import there and is refused.
 *                    imported_ms: when the row was first imported;
 *                    updated_ms: when its values last changed.
 *   register_import  one row per import: who, when, from what, and the
 *                    counts of its report.
 *   register_meta    one row: the fingerprint of the rules that score and
 *                    rules_mask were computed with.
 */
#ifndef CP_SQLITE_SCHEMA_REG_H
#define CP_SQLITE_SCHEMA_REG_H

#define SQLITE_MIGRATION_REG                                                                                       \
	"CREATE TABLE register_entry ("                                                                            \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  nhs_number TEXT NOT NULL UNIQUE CHECK (length(nhs_number) = 10),"                                       \
	"  given_name TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),"                                 \
	"  family_name TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),"                               \
	"  birth_date TEXT NOT NULL,"                                                                              \
	"  postcode TEXT,"                                                                                         \
	"  conditions TEXT NOT NULL DEFAULT '',"                                                                   \
	"  n_conditions INTEGER NOT NULL DEFAULT 0 CHECK (n_conditions >= 0),"                                     \
	"  frailty TEXT CHECK (frailty IS NULL OR frailty IN ('fit', 'mild', 'moderate', 'severe')),"             \
	"  emergency_admissions INTEGER NOT NULL DEFAULT 0 CHECK (emergency_admissions BETWEEN 0 AND 999),"      \
	"  ae_attendances INTEGER NOT NULL DEFAULT 0 CHECK (ae_attendances BETWEEN 0 AND 999),"                    \
	"  lives_alone INTEGER NOT NULL DEFAULT 0 CHECK (lives_alone IN (0, 1)),"                                  \
	"  is_carer INTEGER NOT NULL DEFAULT 0 CHECK (is_carer IN (0, 1)),"                                        \
	"  has_carer INTEGER NOT NULL DEFAULT 0 CHECK (has_carer IN (0, 1)),"                                      \
	"  score INTEGER NOT NULL DEFAULT 0,"                                                                      \
	"  rules_mask INTEGER NOT NULL DEFAULT 0,"                                                                 \
	"  person_id INTEGER REFERENCES person(id),"                                                               \
	"  last_import_id INTEGER,"                                                                                \
	"  imported_ms INTEGER NOT NULL,"                                                                          \
	"  updated_ms INTEGER NOT NULL);"                                                                          \
	"CREATE INDEX register_rank ON register_entry(score DESC, emergency_admissions DESC, family_name,"         \
	"  given_name, id, rules_mask, person_id) WHERE score > 0;"                                                \
	"CREATE INDEX register_person ON register_entry(person_id) WHERE person_id IS NOT NULL;"                   \
	"CREATE TABLE register_import ("                                                                           \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  user_id INTEGER REFERENCES users(id),"                                                                  \
	"  source TEXT NOT NULL,"                                                                                  \
	"  started_ms INTEGER NOT NULL,"                                                                           \
	"  finished_ms INTEGER,"                                                                                   \
	"  rows_read INTEGER NOT NULL DEFAULT 0,"                                                                  \
	"  added INTEGER NOT NULL DEFAULT 0,"                                                                      \
	"  updated INTEGER NOT NULL DEFAULT 0,"                                                                    \
	"  unchanged INTEGER NOT NULL DEFAULT 0,"                                                                  \
	"  refused INTEGER NOT NULL DEFAULT 0);"                                                                   \
	"CREATE TABLE register_meta ("                                                                             \
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"                                                                 \
	"  rules_fingerprint TEXT NOT NULL);"

#endif
