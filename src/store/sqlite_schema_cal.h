/*
 * sqlite_schema_cal.h - migration 16: calendar feeds.
 *
 *   calendar_feed  one secret address (an iCalendar feed) of one owner:
 *                  kind "person" (the person's own timetable and reviews,
 *                  person_id their record), "carer" (a carer's copy of a
 *                  person's, person_id that person) or "keyworker" (a key
 *                  worker's reviews and check-ins due, person_id NULL).
 *                  Only the SHA-256 of the token is kept, as for
 *                  invitations: the address is shown once, when made.
 *                  revoked_ms > 0 once revoked (or replaced on renewal); the
 *                  row stays so a revoked address is recognised and its use
 *                  audited.  At most one live feed per owner and person.
 */
#ifndef CP_SQLITE_SCHEMA_CAL_H
#define CP_SQLITE_SCHEMA_CAL_H

#define SQLITE_MIGRATION_CAL                                                                                       \
	"CREATE TABLE calendar_feed ("                                                                             \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  kind TEXT NOT NULL CHECK (kind IN ('person', 'carer', 'keyworker')),"                                   \
	"  owner_user_id INTEGER NOT NULL REFERENCES users(id),"                                                   \
	"  person_id INTEGER REFERENCES person(id),"                                                               \
	"  token_hash BLOB NOT NULL UNIQUE,"                                                                       \
	"  created_ms INTEGER NOT NULL,"                                                                           \
	"  revoked_ms INTEGER NOT NULL DEFAULT 0,"                                                                 \
	"  CHECK ((kind = 'keyworker') = (person_id IS NULL)));"                                                   \
	"CREATE UNIQUE INDEX calendar_feed_live ON calendar_feed(owner_user_id, ifnull(person_id, 0))"             \
	"  WHERE revoked_ms = 0;"                                                                                  \
	"CREATE INDEX calendar_feed_owner ON calendar_feed(owner_user_id, id);"

#endif
