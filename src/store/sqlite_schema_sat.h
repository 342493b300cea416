/*
 * sqlite_schema_sat.h - migration 20: the organisation's self-assessments
 * against the care planning toolkit (docs/self-assessment.md).
 *
 *   self_assessment         one dated self-assessment of a team's care
 *                           planning: its title, the date it speaks for
 *                           (assessed_on), who started it and when.
 *   self_assessment_answer  an item's answer (toolkit.def code): yes, no or
 *                           partly, a comment, and the live evidence as it
 *                           stood when the answer was saved: ev_num of
 *                           ev_den (both NULL when Careplan holds no data on
 *                           the item; ev_den 0 with ev_num a count for a
 *                           figure that is a count alone), ev_extra (a
 *                           second number some figures carry, e.g. median
 *                           days) and ev_asof (the date the figure was
 *                           worked out for).  One row per item.
 *   self_assessment_action  an action agreed against an item: what, who
 *                           owns it (a user or a name), when it is due and
 *                           when it was done (NULL while open).
 *
 * Nothing here names a person who receives care: these are the
 * organisation's own records.
 */
#ifndef CP_SQLITE_SCHEMA_SAT_H
#define CP_SQLITE_SCHEMA_SAT_H

#define SQLITE_MIGRATION_SAT                                                                                       \
	"CREATE TABLE self_assessment ("                                                                           \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  team_id INTEGER NOT NULL REFERENCES team(id),"                                                          \
	"  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),"                                           \
	"  notes TEXT,"                                                                                            \
	"  assessed_on TEXT NOT NULL CHECK (length(assessed_on) = 10),"                                            \
	"  created_by INTEGER NOT NULL REFERENCES users(id),"                                                      \
	"  created_ms INTEGER NOT NULL);"                                                                          \
	"CREATE INDEX self_assessment_team ON self_assessment(team_id, assessed_on);"                              \
	"CREATE TABLE self_assessment_answer ("                                                                    \
	"  assessment_id INTEGER NOT NULL REFERENCES self_assessment(id),"                                         \
	"  item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 20),"                                              \
	"  answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'partly')),"                                        \
	"  comment TEXT,"                                                                                          \
	"  ev_num INTEGER, ev_den INTEGER, ev_extra INTEGER, ev_asof TEXT,"                                        \
	"  updated_by INTEGER NOT NULL REFERENCES users(id),"                                                      \
	"  updated_ms INTEGER NOT NULL,"                                                                           \
	"  CHECK ((ev_num IS NULL) = (ev_den IS NULL)),"                                                           \
	"  PRIMARY KEY (assessment_id, item)) WITHOUT ROWID;"                                                      \
	"CREATE TABLE self_assessment_action ("                                                                    \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  assessment_id INTEGER NOT NULL REFERENCES self_assessment(id),"                                         \
	"  item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 20),"                                              \
	"  what TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),"                                            \
	"  owner_user_id INTEGER REFERENCES users(id),"                                                            \
	"  owner_name TEXT,"                                                                                       \
	"  due_date TEXT,"                                                                                         \
	"  done_date TEXT,"                                                                                        \
	"  created_by INTEGER NOT NULL REFERENCES users(id),"                                                      \
	"  created_ms INTEGER NOT NULL,"                                                                           \
	"  CHECK (owner_user_id IS NOT NULL OR owner_name IS NOT NULL));"                                          \
	"CREATE INDEX self_assessment_action_a ON self_assessment_action(assessment_id, item);"

#endif
