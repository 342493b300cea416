/*
 * sqlite_schema_act.h - migration 22: activity events imported for the
 * evaluation of care planning (docs/outcomes.md).
 *
 *   activity_event  one emergency admission or A&E attendance of someone,
 *                   known by NHS number (checked with the modulus 11 check
 *                   digit before it is stored), on event_date (YYYY-MM-DD).
 *                   source_ref is the sender's own reference for the event
 *                   ('' when the file gave none): two events of one kind on
 *                   one day are told apart by it.  batch names the import
 *                   (the file's name and the time of the import),
 *                   imported_ms when the row was first stored.  The unique
 *                   key makes a second import of the same file change
 *                   nothing.  Events are linked to people at query time
 *                   through person.nhs_number, so events may arrive before
 *                   the person is entered and count once they are.
 *
 * Indexes for the outcome figures (domain/outcomes.c): agreed plans by
 * agreement date, and people by condition (the service figures count them
 * from the index alone).  No second index on episode.team_id: the team
 * worklist's partial index (migration 13) must stay the one it uses.
 */
#ifndef CP_SQLITE_SCHEMA_ACT_H
#define CP_SQLITE_SCHEMA_ACT_H

#define SQLITE_MIGRATION_ACT                                                                                      \
	"CREATE TABLE activity_event ("                                                                           \
	"  id INTEGER PRIMARY KEY,"                                                                               \
	"  nhs_number TEXT NOT NULL CHECK (length(nhs_number) = 10),"                                             \
	"  kind TEXT NOT NULL CHECK (kind IN ('emergency_admission', 'ae_attendance')),"                          \
	"  event_date TEXT NOT NULL CHECK (length(event_date) = 10),"                                             \
	"  source_ref TEXT NOT NULL DEFAULT '',"                                                                  \
	"  batch TEXT NOT NULL,"                                                                                  \
	"  imported_ms INTEGER NOT NULL,"                                                                         \
	"  UNIQUE (nhs_number, kind, event_date, source_ref));"                                                   \
	/* The dashboard reads plans by agreement date. */                                                        \
	"CREATE INDEX care_plan_agreed ON care_plan(agreed_date) WHERE status = 'agreed';"                         \
	/* The service figures count people by condition from the index alone. */                                 \
	"CREATE INDEX person_condition_name ON person_condition(name, person_id);"

#endif
