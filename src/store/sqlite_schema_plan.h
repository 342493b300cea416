/*
 * sqlite_schema_plan.h - migration 5: the care and support plan.
 *
 * care_plan is one per episode.  Its status is "draft" until it is agreed
 * with the person (or their representative), then "agreed"; version goes up
 * by one with every saved change (optimistic concurrency: a save names the
 * version it was made from).  next_review_date is kept in step with the
 * agreed review interval and moved on by each review.
 *
 * Stable columns (other areas read them; add columns, never rename or drop):
 *   care_plan(id, episode_id, status, version, agreed_date,
 *             review_interval_days, next_review_date, review_by_user_id)
 *   plan_goal(id, plan_id, position, title, status, gas_baseline,
 *             gas_m2, gas_m1, gas_0, gas_p1, gas_p2)
 *   plan_action(id, plan_id, goal_id, what, who_kind, who_user_id,
 *               who_name, due_date, rrule, status, confidence)
 * Status codes are those of src/domain/goal_status.def and
 * action_status.def.  GAS: goal attainment scaling, -2 (much less than
 * expected) to +2 (much more), 0 the expected outcome; gas_baseline is the
 * level at the start (usually -1 or -2), NULL when the goal does not use GAS.
 *
 * Added by this migration beyond the core:
 *   care_plan.review_date     a review date typed at agreement (NULL when the
 *                             interval decides next_review_date)
 *   plan_action.who_contact_id the carer (a contact of the person) for who_kind 'carer'
 *   plan_item / plan_value    the other sections (issues, equipment, contingency
 *                             plans, treatment escalation, advance care plan,
 *                             budget and its spend lines, timetable, contacts,
 *                             SOS route): one item per entry (one per plan for
 *                             single sections), its fields as name/value text
 *                             (names and checks in src/domain/plan_field.def;
 *                             money as whole pence)
 *   plan_version              one canonical snapshot per saved version
 *                             (plan_snapshot in src/domain/plan.c), for comparing
 */
#ifndef CP_SQLITE_SCHEMA_PLAN_H
#define CP_SQLITE_SCHEMA_PLAN_H

#define SQLITE_MIGRATION_PLAN                                                                                   \
	"CREATE TABLE care_plan ("                                                                              \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  episode_id INTEGER NOT NULL UNIQUE REFERENCES episode(id),"                                          \
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed')),"                         \
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"                                            \
	"  carried_from_plan_id INTEGER REFERENCES care_plan(id),"                                              \
	"  agreed_with TEXT CHECK (agreed_with IS NULL OR agreed_with IN ('person', 'representative')),"       \
	"  agreed_by_name TEXT,"                                                                                \
	"  agreed_date TEXT,"                                                                                   \
	"  review_interval_days INTEGER CHECK (review_interval_days IS NULL OR review_interval_days BETWEEN 1 AND 730)," \
	"  next_review_date TEXT,"                                                                              \
	"  review_by_user_id INTEGER REFERENCES users(id),"                                                     \
	"  created_ms INTEGER NOT NULL,"                                                                        \
	"  updated_ms INTEGER NOT NULL,"                                                                        \
	"  updated_by_user_id INTEGER REFERENCES users(id));"                                                   \
	"CREATE INDEX care_plan_review ON care_plan(next_review_date) WHERE status = 'agreed';"                 \
	"CREATE TABLE plan_goal ("                                                                              \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  plan_id INTEGER NOT NULL REFERENCES care_plan(id),"                                                  \
	"  position INTEGER NOT NULL DEFAULT 0,"                                                                \
	"  title TEXT NOT NULL,"                                                                                \
	"  status TEXT NOT NULL DEFAULT 'active',"                                                              \
	"  target_date TEXT,"                                                                                   \
	"  gas_baseline INTEGER CHECK (gas_baseline IS NULL OR gas_baseline BETWEEN -2 AND 2),"                  \
	"  gas_m2 TEXT, gas_m1 TEXT, gas_0 TEXT, gas_p1 TEXT, gas_p2 TEXT);"                                    \
	"CREATE INDEX plan_goal_plan ON plan_goal(plan_id, position);"                                          \
	"CREATE TABLE plan_action ("                                                                            \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  plan_id INTEGER NOT NULL REFERENCES care_plan(id),"                                                  \
	"  goal_id INTEGER REFERENCES plan_goal(id),"                                                           \
	"  position INTEGER NOT NULL DEFAULT 0,"                                                                \
	"  what TEXT NOT NULL,"                                                                                 \
	"  who_kind TEXT NOT NULL CHECK (who_kind IN ('person', 'carer', 'member', 'service')),"               \
	"  who_user_id INTEGER REFERENCES users(id),"                                                           \
	"  who_name TEXT,"                                                                                      \
	"  due_date TEXT, rrule TEXT,"                                                                          \
	"  status TEXT NOT NULL DEFAULT 'not_started',"                                                         \
	"  confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 10));"                      \
	"CREATE INDEX plan_action_plan ON plan_action(plan_id, position);"                                      \
	"CREATE INDEX plan_action_goal ON plan_action(goal_id);"                                                 \
	"ALTER TABLE care_plan ADD COLUMN review_date TEXT;"                                                    \
	"ALTER TABLE plan_action ADD COLUMN who_contact_id INTEGER REFERENCES contact(id);"                     \
	"CREATE TABLE plan_item ("                                                                              \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  plan_id INTEGER NOT NULL REFERENCES care_plan(id),"                                                  \
	"  section TEXT NOT NULL,"                                                                              \
	"  position INTEGER NOT NULL DEFAULT 0);"                                                               \
	"CREATE INDEX plan_item_plan ON plan_item(plan_id, section, position);"                                 \
	"CREATE TABLE plan_value ("                                                                             \
	"  item_id INTEGER NOT NULL REFERENCES plan_item(id),"                                                  \
	"  name TEXT NOT NULL,"                                                                                 \
	"  value TEXT NOT NULL,"                                                                                \
	"  PRIMARY KEY (item_id, name)) WITHOUT ROWID;"                                                         \
	"CREATE TABLE plan_version ("                                                                           \
	"  plan_id INTEGER NOT NULL REFERENCES care_plan(id),"                                                  \
	"  version INTEGER NOT NULL CHECK (version >= 1),"                                                      \
	"  saved_ms INTEGER NOT NULL,"                                                                          \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  status TEXT NOT NULL,"                                                                               \
	"  snapshot TEXT NOT NULL,"                                                                             \
	"  PRIMARY KEY (plan_id, version)) WITHOUT ROWID;"

#endif
