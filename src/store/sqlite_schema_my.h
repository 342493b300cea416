/*
 * sqlite_schema_my.h - migration 15: what the person (or their carer)
 * writes themself for "My plan".
 *
 *   about_me         the PRSB "About me" items, one row a saved version
 *                    (version 1, 2, ... per person); the newest is current,
 *                    the older rows are the change history.  writer says
 *                    whether the person or a carer saved it.
 *   plan_own         goals and actions the person added to their plan
 *                    (plan_goal / plan_action ids), so every page can mark
 *                    them as the person's.
 *   review_story     "my story" for the next review of an episode, one row
 *                    a saved version, as about_me.
 *   review_question  the person's questions for the next review of an
 *                    episode; removed_ms > 0 once they take one back.
 *
 * Stable columns: about_me(person_id, version, user_id, writer, saved_ms),
 * plan_own(section, object_id, user_id, writer), review_story(episode_id,
 * version, story), review_question(episode_id, question, removed_ms).
 */
#ifndef CP_SQLITE_SCHEMA_MY_H
#define CP_SQLITE_SCHEMA_MY_H

#define SQLITE_MIGRATION_MY                                                                                  \
	"CREATE TABLE about_me ("                                                                            \
	"  id INTEGER PRIMARY KEY,"                                                                          \
	"  person_id INTEGER NOT NULL REFERENCES person(id),"                                                \
	"  version INTEGER NOT NULL CHECK (version >= 1),"                                                   \
	"  important TEXT, people TEXT, communicate TEXT, wellness TEXT, do_dont TEXT, support TEXT,"        \
	"  also TEXT,"                                                                                       \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                   \
	"  writer TEXT NOT NULL CHECK (writer IN ('person', 'carer')),"                                      \
	"  saved_ms INTEGER NOT NULL,"                                                                       \
	"  UNIQUE (person_id, version));"                                                                    \
	"CREATE TABLE plan_own ("                                                                            \
	"  id INTEGER PRIMARY KEY,"                                                                          \
	"  plan_id INTEGER NOT NULL REFERENCES care_plan(id),"                                               \
	"  section TEXT NOT NULL CHECK (section IN ('goal', 'action')),"                                     \
	"  object_id INTEGER NOT NULL,"                                                                      \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                   \
	"  writer TEXT NOT NULL CHECK (writer IN ('person', 'carer')),"                                      \
	"  created_ms INTEGER NOT NULL,"                                                                     \
	"  UNIQUE (section, object_id));"                                                                    \
	"CREATE INDEX plan_own_plan ON plan_own(plan_id);"                                                   \
	"CREATE TABLE review_story ("                                                                        \
	"  id INTEGER PRIMARY KEY,"                                                                          \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                              \
	"  version INTEGER NOT NULL CHECK (version >= 1),"                                                   \
	"  story TEXT NOT NULL CHECK (length(story) BETWEEN 1 AND 8000),"                                     \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                   \
	"  writer TEXT NOT NULL CHECK (writer IN ('person', 'carer')),"                                      \
	"  saved_ms INTEGER NOT NULL,"                                                                       \
	"  UNIQUE (episode_id, version));"                                                                   \
	"CREATE TABLE review_question ("                                                                     \
	"  id INTEGER PRIMARY KEY,"                                                                          \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                              \
	"  question TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),"                              \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                   \
	"  writer TEXT NOT NULL CHECK (writer IN ('person', 'carer')),"                                      \
	"  created_ms INTEGER NOT NULL,"                                                                     \
	"  removed_ms INTEGER NOT NULL DEFAULT 0);"                                                          \
	"CREATE INDEX review_question_episode ON review_question(episode_id, removed_ms);"

#endif
