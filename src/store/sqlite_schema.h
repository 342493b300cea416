/*
 * sqlite_schema.h - the numbered migrations of the SQLite backend.
 * Migration i (1-based) moves a database from user_version i-1 to i; each runs
 * in one transaction together with the version bump.  Never edit a released
 * migration: add the next one.
 */
#ifndef CP_SQLITE_SCHEMA_H
#define CP_SQLITE_SCHEMA_H

#include "sqlite_schema_assess.h"
#include "sqlite_schema_plan.h"
#include "sqlite_schema_review.h"
#include "sqlite_schema_my.h"
#include "sqlite_schema_cal.h"
#include "sqlite_schema_letter.h"
#include "sqlite_schema_dir.h"
#include "sqlite_schema_ref.h"
#include "sqlite_schema_sat.h"
#include "sqlite_schema_reg.h"
#include "sqlite_schema_act.h"

static const char *const sqlite_migrations[] = {
	/* 1: organisations, teams, users, sessions, failed sign-ins, audit trail,
	 *    people with their conditions and contacts. */
	"CREATE TABLE organisation ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	"  ods_code TEXT);"
	"CREATE TABLE team ("
	"  id INTEGER PRIMARY KEY,"
	"  organisation_id INTEGER NOT NULL REFERENCES organisation(id),"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200));"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  nhs_number TEXT NOT NULL UNIQUE CHECK (length(nhs_number) = 10),"
	"  given_name TEXT NOT NULL, family_name TEXT NOT NULL, preferred_name TEXT,"
	"  birth_date TEXT NOT NULL, address TEXT, postcode TEXT, phone TEXT, email TEXT,"
	"  gp_practice TEXT, team_id INTEGER REFERENCES team(id),"
	"  created_ms INTEGER NOT NULL);"
	"CREATE INDEX person_team ON person(team_id);"
	"CREATE INDEX person_name ON person(family_name, given_name);"
	"CREATE TABLE person_condition ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  name TEXT NOT NULL);"
	"CREATE INDEX person_condition_person ON person_condition(person_id);"
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE,"
	"  display_name TEXT NOT NULL,"
	"  role TEXT NOT NULL, discipline TEXT,"
	"  team_id INTEGER REFERENCES team(id),"
	"  person_id INTEGER REFERENCES person(id),"
	"  password_hash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_ms INTEGER NOT NULL,"
	"  last_signin_ms INTEGER NOT NULL DEFAULT 0,"
	"  prev_signin_ms INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX users_team ON users(team_id);"
	"CREATE TABLE contact ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  name TEXT NOT NULL, relationship TEXT NOT NULL,"
	"  is_carer INTEGER NOT NULL DEFAULT 0, phone TEXT,"
	"  user_id INTEGER REFERENCES users(id));"
	"CREATE INDEX contact_person ON contact(person_id);"
	"CREATE INDEX contact_user ON contact(user_id);"
	"CREATE TABLE session ("
	"  token_hash BLOB PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  csrf TEXT NOT NULL,"
	"  created_ms INTEGER NOT NULL,"
	"  last_seen_ms INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE auth_failure ("
	"  id INTEGER PRIMARY KEY,"
	"  time_ms INTEGER NOT NULL, username TEXT NOT NULL, client TEXT NOT NULL,"
	/* Set when the username signs in: the failure no longer counts against
	 * the username, but still counts against the client address. */
	"  user_cleared INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX auth_failure_user ON auth_failure(username, time_ms);"
	"CREATE INDEX auth_failure_client ON auth_failure(client, time_ms);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  time_ms INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT,"
	"  action TEXT NOT NULL, object_type TEXT, object_id INTEGER NOT NULL,"
	"  person_id INTEGER NOT NULL, reason TEXT, request_id TEXT, client TEXT,"
	"  prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
	"CREATE INDEX audit_person ON audit(person_id, id) WHERE person_id <> 0;"
	"CREATE TABLE audit_head ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  last_id INTEGER NOT NULL, last_hash BLOB NOT NULL);"
	"INSERT INTO audit_head(id, last_id, last_hash) VALUES (1, 0, zeroblob(32));"
	/* Append-only: the program never updates or deletes audit rows.  Someone
	 * with the file can drop these triggers; the hash chain shows it. */
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",

	/* 2: what a person needs to take part (communication needs, reasonable
	 *    adjustments), a version for optimistic concurrency (starts at 1,
	 *    goes up by one with each change), when the person was last changed;
	 *    a contact's roles beyond carer, and their email.  An index for
	 *    finding people by date of birth; a search by name prefix is
	 *    case-insensitive and reads the table (bounded by its size, a
	 *    service's caseload). */
	"ALTER TABLE person ADD COLUMN communication_needs TEXT;"
	"ALTER TABLE person ADD COLUMN reasonable_adjustments TEXT;"
	"ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);"
	"ALTER TABLE person ADD COLUMN updated_ms INTEGER NOT NULL DEFAULT 0;"
	"UPDATE person SET updated_ms = created_ms;"
	"ALTER TABLE contact ADD COLUMN is_representative INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE contact ADD COLUMN is_next_of_kin INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE contact ADD COLUMN is_emergency INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE contact ADD COLUMN email TEXT;"
	"CREATE INDEX person_birth ON person(birth_date);",

	/* 3: episodes of care planning with the history of their stage and level
	 *    changes, how each came in (a referral, or identified by the team),
	 *    the consents given for it, and its care team.  Codes are those of
	 *    src/domain/stage.def, closure.def and care_level.def.  A person has
	 *    at most one open episode (every stage but discharged and closed): a
	 *    partial unique index keeps it so even if two requests race.  A care
	 *    team row is one period of one member in one capacity: becoming or
	 *    ceasing to be key worker ends the row and starts another, so the
	 *    history stays. */
	"CREATE TABLE episode ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  stage TEXT NOT NULL,"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
	"  closure TEXT,"
	"  previous_episode_id INTEGER REFERENCES episode(id),"
	"  reached_active INTEGER NOT NULL DEFAULT 0,"
	"  started_ms INTEGER NOT NULL,"
	"  ended_ms INTEGER NOT NULL DEFAULT 0,"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
	"  updated_ms INTEGER NOT NULL);"
	"CREATE INDEX episode_person ON episode(person_id, id);"
	"CREATE UNIQUE INDEX episode_one_open ON episode(person_id)"
	"  WHERE stage NOT IN ('discharged', 'closed');"
	"CREATE TABLE episode_event ("
	"  id INTEGER PRIMARY KEY,"
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"
	"  time_ms INTEGER NOT NULL,"
	"  user_id INTEGER REFERENCES users(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('stage', 'level', 'keyworker')),"
	"  from_value TEXT, to_value TEXT NOT NULL, closure TEXT,"
	"  reason TEXT NOT NULL);"
	"CREATE INDEX episode_event_episode ON episode_event(episode_id, id);"
	"CREATE TABLE referral ("
	"  id INTEGER PRIMARY KEY,"
	"  episode_id INTEGER NOT NULL UNIQUE REFERENCES episode(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('referral', 'team')),"
	"  source TEXT, reason TEXT NOT NULL,"
	"  urgency TEXT CHECK (urgency IS NULL OR urgency IN ('routine', 'soon', 'urgent')),"
	"  referral_date TEXT);"
	"CREATE TABLE consent ("
	"  id INTEGER PRIMARY KEY,"
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('assessment', 'sharing')),"
	"  given_by TEXT NOT NULL CHECK (given_by IN ('person', 'representative')),"
	"  representative TEXT, given_date TEXT NOT NULL, scope TEXT NOT NULL,"
	"  UNIQUE (episode_id, kind));"
	"CREATE TABLE care_team_member ("
	"  id INTEGER PRIMARY KEY,"
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"
	"  user_id INTEGER REFERENCES users(id),"
	"  name TEXT, organisation TEXT,"
	"  role TEXT NOT NULL,"
	"  from_date TEXT NOT NULL, to_date TEXT,"
	"  is_key_worker INTEGER NOT NULL DEFAULT 0,"
	"  CHECK (user_id IS NOT NULL OR name IS NOT NULL));"
	"CREATE INDEX care_team_episode ON care_team_member(episode_id, id);",

	/* 4: the holistic assessment (sqlite_schema_assess.h). */
	SQLITE_MIGRATION_ASSESS,
	/* 5: the care and support plan (sqlite_schema_plan.h). */
	SQLITE_MIGRATION_PLAN,
	/* 6: implementation, reviews and exit (sqlite_schema_review.h). */
	SQLITE_MIGRATION_REVIEW,

	/* 7: finding people by name without reading the whole table.  Each
	 *    person's family, given and preferred names, lower-cased, one row
	 *    each in person_name, kept in step by triggers; a name term is a
	 *    range over its index (prefix .. prefix || U+10FFFF). */
	"CREATE TABLE person_name_term ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  name TEXT NOT NULL);"
	"CREATE INDEX person_name_prefix ON person_name_term(name, person_id);"
	"CREATE INDEX person_name_person ON person_name_term(person_id, name);"
	"INSERT INTO person_name_term(person_id, name)"
	"  SELECT id, lower(family_name) FROM person"
	"  UNION ALL SELECT id, lower(given_name) FROM person"
	"  UNION ALL SELECT id, lower(preferred_name) FROM person WHERE preferred_name IS NOT NULL;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  INSERT INTO person_name_term(person_id, name) VALUES (NEW.id, lower(NEW.family_name)), (NEW.id, lower(NEW.given_name));"
	"  INSERT INTO person_name_term(person_id, name) SELECT NEW.id, lower(NEW.preferred_name)"
	"    WHERE NEW.preferred_name IS NOT NULL;"
	"END;"
	"CREATE TRIGGER person_name_update AFTER UPDATE OF family_name, given_name, preferred_name ON person BEGIN"
	"  DELETE FROM person_name_term WHERE person_id = OLD.id;"
	"  INSERT INTO person_name_term(person_id, name) VALUES (NEW.id, lower(NEW.family_name)), (NEW.id, lower(NEW.given_name));"
	"  INSERT INTO person_name_term(person_id, name) SELECT NEW.id, lower(NEW.preferred_name)"
	"    WHERE NEW.preferred_name IS NOT NULL;"
	"END;"
	"CREATE TRIGGER person_name_delete BEFORE DELETE ON person BEGIN"
	"  DELETE FROM person_name_term WHERE person_id = OLD.id;"
	"END;",

	/* 8: invitations for a person or a carer to make their own login, and
	 *    the grants by which a person lets a carer see their record.  Only
	 *    a hash of an invitation code is kept; a code is used at most once
	 *    (used_ms) and not after expires_ms.  A grant is live until it is
	 *    withdrawn; at most one live grant per person and carer. */
	"CREATE TABLE invitation ("
	"  id INTEGER PRIMARY KEY,"
	"  code_hash BLOB NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('person', 'carer')),"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  contact_id INTEGER REFERENCES contact(id),"
	"  created_by INTEGER NOT NULL REFERENCES users(id),"
	"  created_ms INTEGER NOT NULL,"
	"  expires_ms INTEGER NOT NULL,"
	"  used_ms INTEGER NOT NULL DEFAULT 0,"
	"  used_by INTEGER REFERENCES users(id),"
	"  CHECK ((kind = 'carer') = (contact_id IS NOT NULL)));"
	"CREATE INDEX invitation_person ON invitation(person_id, id);"
	"CREATE TABLE carer_grant ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  carer_user_id INTEGER NOT NULL REFERENCES users(id),"
	"  contact_id INTEGER REFERENCES contact(id),"
	"  granted_ms INTEGER NOT NULL,"
	"  granted_by INTEGER REFERENCES users(id),"
	"  withdrawn_ms INTEGER NOT NULL DEFAULT 0,"
	"  withdrawn_by INTEGER REFERENCES users(id));"
	"CREATE UNIQUE INDEX carer_grant_live ON carer_grant(person_id, carer_user_id) WHERE withdrawn_ms = 0;"
	"CREATE INDEX carer_grant_carer ON carer_grant(carer_user_id, withdrawn_ms);"
	"CREATE INDEX users_person ON users(person_id) WHERE person_id IS NOT NULL;"
	/* Carers who already had a login linked to a contact keep their access. */
	"INSERT INTO carer_grant(person_id, carer_user_id, contact_id, granted_ms)"
	"  SELECT person_id, user_id, id, 0 FROM contact WHERE user_id IS NOT NULL;",

	/* 9: feedback from people and carers on their care planning: three
	 *    statements rated 1 (strongly disagree) to 5 (strongly agree) and
	 *    optional words, attributed to the team responsible for the person. */
	"CREATE TABLE feedback ("
	"  id INTEGER PRIMARY KEY,"
	"  team_id INTEGER REFERENCES team(id),"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  giver TEXT NOT NULL CHECK (giver IN ('person', 'carer')),"
	"  involved INTEGER NOT NULL CHECK (involved BETWEEN 1 AND 5),"
	"  listened INTEGER NOT NULL CHECK (listened BETWEEN 1 AND 5),"
	"  useful INTEGER NOT NULL CHECK (useful BETWEEN 1 AND 5),"
	"  comment TEXT,"
	"  created_ms INTEGER NOT NULL);"
	"CREATE INDEX feedback_team ON feedback(team_id, id);",

	/* 10: finding the episode that re-entered from another (the episode
	 *     page reads it) without reading every episode. */
	"CREATE INDEX episode_previous ON episode(previous_episode_id) WHERE previous_episode_id IS NOT NULL;",

	/* 11: a search by name sorts its matches by the names' index alone:
	 *     each person_name_term row carries its person's sort key (family
	 *     then given name, lower-cased, joined by U+0001 so that "Smith"
	 *     comes before "Smithers"), and the index holds name, person and
	 *     key, so the first page of matches needs no person rows. */
	"ALTER TABLE person_name_term ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
	"UPDATE person_name_term SET sort_key = (SELECT lower(p.family_name) || char(1) || lower(p.given_name)"
	"  FROM person p WHERE p.id = person_name_term.person_id);"
	"DROP INDEX person_name_prefix;"
	"CREATE INDEX person_name_prefix ON person_name_term(name, person_id, sort_key);"
	"DROP TRIGGER person_name_insert;"
	"DROP TRIGGER person_name_update;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  INSERT INTO person_name_term(person_id, name, sort_key)"
	"    SELECT NEW.id, n, lower(NEW.family_name) || char(1) || lower(NEW.given_name) FROM"
	"    (SELECT lower(NEW.family_name) AS n UNION ALL SELECT lower(NEW.given_name)"
	"     UNION ALL SELECT lower(NEW.preferred_name) WHERE NEW.preferred_name IS NOT NULL);"
	"END;"
	"CREATE TRIGGER person_name_update AFTER UPDATE OF family_name, given_name, preferred_name ON person BEGIN"
	"  DELETE FROM person_name_term WHERE person_id = OLD.id;"
	"  INSERT INTO person_name_term(person_id, name, sort_key)"
	"    SELECT NEW.id, n, lower(NEW.family_name) || char(1) || lower(NEW.given_name) FROM"
	"    (SELECT lower(NEW.family_name) AS n UNION ALL SELECT lower(NEW.given_name)"
	"     UNION ALL SELECT lower(NEW.preferred_name) WHERE NEW.preferred_name IS NOT NULL);"
	"END;",

	/* 12: "break glass": a professional without a care relationship who
	 *     needs a person's record now gives a reason and is let in for a
	 *     limited time; the reason is shown to the person and to the team
	 *     manager. */
	"CREATE TABLE break_glass ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),"
	"  granted_ms INTEGER NOT NULL,"
	"  expires_ms INTEGER NOT NULL CHECK (expires_ms > granted_ms));"
	"CREATE INDEX break_glass_user ON break_glass(user_id, person_id, expires_ms);"
	"CREATE INDEX break_glass_time ON break_glass(granted_ms);",

	/* 13: a team's open episodes straight from an index: each episode
	 *     carries the team responsible for its person, kept in step by
	 *     triggers, so the team worklist reads the team's open episodes
	 *     rather than every person of the team. */
	"ALTER TABLE episode ADD COLUMN team_id INTEGER REFERENCES team(id);"
	"UPDATE episode SET team_id = (SELECT p.team_id FROM person p WHERE p.id = episode.person_id);"
	"CREATE INDEX episode_team_open ON episode(team_id, id) WHERE stage NOT IN ('discharged', 'closed');"
	"CREATE TRIGGER episode_team_insert AFTER INSERT ON episode BEGIN"
	"  UPDATE episode SET team_id = (SELECT p.team_id FROM person p WHERE p.id = NEW.person_id) WHERE id = NEW.id;"
	"END;"
	"CREATE TRIGGER episode_team_follow AFTER UPDATE OF team_id ON person BEGIN"
	"  UPDATE episode SET team_id = NEW.team_id WHERE person_id = NEW.id;"
	"END;",

	/* 14: consent-based sharing (domain/share.h).  share_setting holds a
	 *     person's agreed audiences for a section (a mask of share.h's SA_*
	 *     bits); a section without a row follows its documented default.
	 *     share_carer holds a named carer's own yes or no for a section,
	 *     which overrides the "every carer" bit.  share_history keeps every
	 *     change: carer_user_id NULL for the audiences mask (before and
	 *     after are masks, before NULL when it followed the default), else
	 *     the carer's row (before and after 0 or 1, before NULL when unset). */
	"CREATE TABLE share_setting ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  section TEXT NOT NULL CHECK (length(section) BETWEEN 1 AND 40),"
	"  audiences INTEGER NOT NULL CHECK (audiences BETWEEN 0 AND 31),"
	"  changed_by INTEGER REFERENCES users(id),"
	"  changed_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (person_id, section)) WITHOUT ROWID;"
	"CREATE TABLE share_carer ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  section TEXT NOT NULL CHECK (length(section) BETWEEN 1 AND 40),"
	"  carer_user_id INTEGER NOT NULL REFERENCES users(id),"
	"  allowed INTEGER NOT NULL CHECK (allowed IN (0, 1)),"
	"  changed_by INTEGER REFERENCES users(id),"
	"  changed_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (person_id, carer_user_id, section)) WITHOUT ROWID;"
	"CREATE TABLE share_history ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  section TEXT NOT NULL,"
	"  carer_user_id INTEGER REFERENCES users(id),"
	"  before INTEGER, after INTEGER NOT NULL,"
	"  changed_by INTEGER REFERENCES users(id),"
	"  changed_ms INTEGER NOT NULL);"
	"CREATE INDEX share_history_person ON share_history(person_id, id);"
	/*     A search by name or date of birth lists only the people the
	 *     searcher may see, checked inside the query: each name row carries
	 *     its person's team (kept in step by triggers) inside the names'
	 *     index, and a user's care team periods are found by user. */
	"ALTER TABLE person_name_term ADD COLUMN team_id INTEGER;"
	"UPDATE person_name_term SET team_id = (SELECT p.team_id FROM person p WHERE p.id = person_name_term.person_id);"
	"DROP INDEX person_name_prefix;"
	"CREATE INDEX person_name_prefix ON person_name_term(name, person_id, sort_key, team_id);"
	"DROP TRIGGER person_name_insert;"
	"DROP TRIGGER person_name_update;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  INSERT INTO person_name_term(person_id, name, sort_key, team_id)"
	"    SELECT NEW.id, n, lower(NEW.family_name) || char(1) || lower(NEW.given_name), NEW.team_id FROM"
	"    (SELECT lower(NEW.family_name) AS n UNION ALL SELECT lower(NEW.given_name)"
	"     UNION ALL SELECT lower(NEW.preferred_name) WHERE NEW.preferred_name IS NOT NULL);"
	"END;"
	"CREATE TRIGGER person_name_update AFTER UPDATE OF family_name, given_name, preferred_name ON person BEGIN"
	"  DELETE FROM person_name_term WHERE person_id = OLD.id;"
	"  INSERT INTO person_name_term(person_id, name, sort_key, team_id)"
	"    SELECT NEW.id, n, lower(NEW.family_name) || char(1) || lower(NEW.given_name), NEW.team_id FROM"
	"    (SELECT lower(NEW.family_name) AS n UNION ALL SELECT lower(NEW.given_name)"
	"     UNION ALL SELECT lower(NEW.preferred_name) WHERE NEW.preferred_name IS NOT NULL);"
	"END;"
	"CREATE TRIGGER person_name_team AFTER UPDATE OF team_id ON person BEGIN"
	"  UPDATE person_name_term SET team_id = NEW.team_id WHERE person_id = NEW.id;"
	"END;"
	"CREATE INDEX care_team_user ON care_team_member(user_id, episode_id);",

	/* 15: what the person writes themself: About me, their own goals and
	 *     actions, their story and questions for the next review
	 *     (sqlite_schema_my.h). */
	SQLITE_MIGRATION_MY,

	/* 16: calendar feeds, each a secret address of which only a hash is
	 *     kept (sqlite_schema_cal.h). */
	SQLITE_MIGRATION_CAL,

	/* 17: readings, review appointments and pre-review letters produced
	 *     (sqlite_schema_letter.h). */
	SQLITE_MIGRATION_LETTER,

	/* 18: the directory of local resources: organisations, services,
	 *     locations, contacts, schedules, costs, areas, categories, the
	 *     assessment domains each service meets, postcode district centres
	 *     and the full-text index (sqlite_schema_dir.h). */
	SQLITE_MIGRATION_DIR,

	/* 19: signposts and referrals from the plan to services of the
	 *     directory, with their status history (sqlite_schema_ref.h). */
	SQLITE_MIGRATION_REF,

	/* 20: the organisation's self-assessments against the care planning
	 *     toolkit, their answers with the evidence then, and agreed
	 *     actions (sqlite_schema_sat.h). */
	SQLITE_MIGRATION_SAT,

	/* 21: the population register case finding reads, its imports and
	 *     the fingerprint of the rules its scores were computed with
	 *     (sqlite_schema_reg.h). */
	SQLITE_MIGRATION_REG,

	/* 22: activity events for evaluation (sqlite_schema_act.h). */
	SQLITE_MIGRATION_ACT,
};

#define SQLITE_MIGRATION_COUNT ((int)(sizeof sqlite_migrations / sizeof sqlite_migrations[0]))

#endif
