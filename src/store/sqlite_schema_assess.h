/*
 * sqlite_schema_assess.h - migration 4: the holistic assessment (the
 * person's story, professionals' stories, agreed outcomes, needs, risks and
 * strengths by domain, carers' own needs, instrument results, medicines).
 * Included by sqlite_schema.h only.
 *
 * Every row belongs to one episode.  The person's story keeps every version
 * it has had: a change is a new row at version + 1, and UNIQUE (episode_id,
 * version) makes two changes from the same version collide, so the second is
 * refused rather than lost.  Codes are the domain's: src/domain/assess.c
 * (kinds, severities, likelihoods, who recorded the story),
 * assess_domain.def (domains), discipline.def, instrument.c.  Medicines are
 * never deleted: a stopped one keeps its row with stopped_date.
 */
#ifndef CP_SQLITE_SCHEMA_ASSESS_H
#define CP_SQLITE_SCHEMA_ASSESS_H

#define SQLITE_MIGRATION_ASSESS                                                                  \
	"CREATE TABLE assess_story ("                                                            \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  version INTEGER NOT NULL CHECK (version >= 1),"                                       \
	"  whats_new TEXT, whats_good TEXT, whats_tough TEXT, matters_most TEXT,"                \
	"  recorded_by TEXT NOT NULL CHECK (recorded_by IN ('person', 'with_professional')),"    \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  time_ms INTEGER NOT NULL,"                                                            \
	"  UNIQUE (episode_id, version));"                                                       \
	"CREATE TABLE assess_pro_story ("                                                        \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  discipline TEXT NOT NULL,"                                                            \
	"  issues TEXT NOT NULL, evidence TEXT, experience TEXT,"                                \
	"  story_date TEXT NOT NULL,"                                                            \
	"  created_ms INTEGER NOT NULL);"                                                        \
	"CREATE INDEX assess_pro_story_episode ON assess_pro_story(episode_id, id);"             \
	"CREATE TABLE assess_outcome ("                                                          \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  outcome TEXT NOT NULL, agreed_by TEXT NOT NULL, agreed_date TEXT NOT NULL,"           \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  created_ms INTEGER NOT NULL);"                                                        \
	"CREATE INDEX assess_outcome_episode ON assess_outcome(episode_id, id);"                 \
	"CREATE TABLE assess_entry ("                                                            \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  kind TEXT NOT NULL CHECK (kind IN ('need', 'risk', 'strength')),"                     \
	"  domain TEXT NOT NULL,"                                                                \
	"  description TEXT NOT NULL,"                                                           \
	"  severity TEXT CHECK (severity IS NULL OR severity IN ('low', 'moderate', 'high')),"   \
	"  likelihood TEXT CHECK (likelihood IS NULL OR likelihood IN ('unlikely', 'possible', 'likely'))," \
	"  mitigation TEXT,"                                                                     \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  created_ms INTEGER NOT NULL,"                                                         \
	"  CHECK ((kind = 'strength') = (severity IS NULL)),"                                    \
	"  CHECK ((kind = 'risk') = (likelihood IS NOT NULL)));"                                 \
	"CREATE INDEX assess_entry_episode ON assess_entry(episode_id, domain, id);"             \
	"CREATE TABLE assess_carer_need ("                                                       \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  contact_id INTEGER NOT NULL REFERENCES contact(id),"                                  \
	"  needs TEXT NOT NULL, what_helps TEXT,"                                                \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  created_ms INTEGER NOT NULL);"                                                        \
	"CREATE INDEX assess_carer_need_episode ON assess_carer_need(episode_id, id);"           \
	"CREATE TABLE assess_instrument ("                                                       \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'ucla3')),"            \
	"  taken_date TEXT NOT NULL,"                                                            \
	"  items TEXT NOT NULL,"                                                                 \
	"  total INTEGER NOT NULL, band TEXT NOT NULL,"                                          \
	"  safety INTEGER NOT NULL DEFAULT 0,"                                                   \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  created_ms INTEGER NOT NULL);"                                                        \
	"CREATE INDEX assess_instrument_episode ON assess_instrument(episode_id, instrument, taken_date, id);" \
	"CREATE TABLE assess_medicine ("                                                         \
	"  id INTEGER PRIMARY KEY,"                                                              \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                  \
	"  name TEXT NOT NULL, dose TEXT NOT NULL, purpose TEXT,"                                \
	"  needs_review INTEGER NOT NULL DEFAULT 0, review_reason TEXT,"                         \
	"  stopped_date TEXT, stopped_reason TEXT,"                                              \
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"                             \
	"  user_id INTEGER REFERENCES users(id),"                                                \
	"  updated_ms INTEGER NOT NULL,"                                                         \
	"  CHECK (needs_review = 0 OR review_reason IS NOT NULL));"                              \
	"CREATE INDEX assess_medicine_episode ON assess_medicine(episode_id, id);"

#endif
