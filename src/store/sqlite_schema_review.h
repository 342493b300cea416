/*
 * sqlite_schema_review.h - migration 6: implementation (the activity log of
 * contacts and services delivered, each linked to the plan action it carries
 * out), reviews (attendance, the person's view, progress on each goal, the
 * decision, the next review date) and exit (the route back after discharge,
 * maintenance check-ins).  Included by sqlite_schema.h only.
 *
 * action_event: every change of an action's status or confidence (who, when,
 *   from, to); plan_action keeps the current values.
 * activity: action_id NULL means "not in the plan", said on purpose.
 * review + review_goal (progress per goal, the goal's title as it was) +
 *   review_attendee (named care team members who came).
 * episode_exit: the route back of a discharged episode, one per episode.
 * maintenance: the check-in interval and next check-in date of an episode in
 *   maintenance, one per episode; checkin: each check-in recorded.
 * Indexes serve the worklists (store_worklist_*): the key worker's running
 * period by user, the next check-in date.
 */
#ifndef CP_SQLITE_SCHEMA_REVIEW_H
#define CP_SQLITE_SCHEMA_REVIEW_H

#define SQLITE_MIGRATION_REVIEW                                                                                 \
	"CREATE TABLE action_event ("                                                                           \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  action_id INTEGER NOT NULL REFERENCES plan_action(id),"                                              \
	"  time_ms INTEGER NOT NULL,"                                                                           \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  from_status TEXT, to_status TEXT NOT NULL,"                                                          \
	"  from_confidence INTEGER, to_confidence INTEGER);"                                                    \
	"CREATE INDEX action_event_action ON action_event(action_id, id);"                                      \
	"CREATE TABLE activity ("                                                                               \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                                 \
	"  action_id INTEGER REFERENCES plan_action(id),"                                                       \
	"  activity_date TEXT NOT NULL,"                                                                        \
	"  kind TEXT NOT NULL CHECK (kind IN ('home_visit', 'phone_call', 'clinic', 'service', 'message')),"   \
	"  who TEXT NOT NULL,"                                                                                  \
	"  minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 1440),"                              \
	"  note TEXT,"                                                                                          \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  created_ms INTEGER NOT NULL);"                                                                       \
	"CREATE INDEX activity_episode ON activity(episode_id, activity_date);"                                 \
	"CREATE INDEX activity_action ON activity(action_id);"                                                  \
	"CREATE TABLE review ("                                                                                 \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                                 \
	"  held_date TEXT NOT NULL,"                                                                            \
	"  person_attended INTEGER NOT NULL DEFAULT 0,"                                                         \
	"  carer_attended INTEGER NOT NULL DEFAULT 0,"                                                          \
	"  others TEXT,"                                                                                        \
	"  person_view TEXT,"                                                                                   \
	"  what_changed TEXT,"                                                                                  \
	"  decision TEXT NOT NULL,"                                                                             \
	"  level_from INTEGER, level_to INTEGER,"                                                               \
	"  closure TEXT,"                                                                                       \
	"  reason TEXT NOT NULL,"                                                                               \
	"  next_review_date TEXT,"                                                                              \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  created_ms INTEGER NOT NULL);"                                                                       \
	"CREATE INDEX review_episode ON review(episode_id, held_date);"                                         \
	"CREATE TABLE review_goal ("                                                                            \
	"  review_id INTEGER NOT NULL REFERENCES review(id),"                                                   \
	"  goal_id INTEGER NOT NULL REFERENCES plan_goal(id),"                                                  \
	"  title TEXT NOT NULL,"                                                                                \
	"  note TEXT,"                                                                                          \
	"  gas_baseline INTEGER,"                                                                               \
	"  gas_level INTEGER CHECK (gas_level IS NULL OR gas_level BETWEEN -2 AND 2),"                          \
	"  PRIMARY KEY (review_id, goal_id));"                                                                  \
	"CREATE TABLE review_attendee ("                                                                        \
	"  review_id INTEGER NOT NULL REFERENCES review(id),"                                                   \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  name TEXT NOT NULL);"                                                                                \
	"CREATE INDEX review_attendee_review ON review_attendee(review_id);"                                    \
	"CREATE TABLE episode_exit ("                                                                           \
	"  episode_id INTEGER PRIMARY KEY REFERENCES episode(id),"                                              \
	"  sos_who TEXT NOT NULL, sos_phone TEXT NOT NULL, sos_how TEXT NOT NULL,"                              \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  recorded_ms INTEGER NOT NULL);"                                                                      \
	"CREATE TABLE maintenance ("                                                                            \
	"  episode_id INTEGER PRIMARY KEY REFERENCES episode(id),"                                              \
	"  interval_days INTEGER NOT NULL CHECK (interval_days BETWEEN 1 AND 365),"                             \
	"  next_checkin_date TEXT NOT NULL,"                                                                    \
	"  updated_ms INTEGER NOT NULL);"                                                                       \
	"CREATE INDEX maintenance_next ON maintenance(next_checkin_date);"                                      \
	"CREATE TABLE checkin ("                                                                                \
	"  id INTEGER PRIMARY KEY,"                                                                             \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                                 \
	"  checkin_date TEXT NOT NULL,"                                                                         \
	"  note TEXT,"                                                                                          \
	"  next_checkin_date TEXT NOT NULL,"                                                                    \
	"  user_id INTEGER REFERENCES users(id),"                                                               \
	"  created_ms INTEGER NOT NULL);"                                                                       \
	"CREATE INDEX checkin_episode ON checkin(episode_id, id);"                                              \
	"CREATE INDEX care_team_key_worker ON care_team_member(user_id, episode_id)"                            \
	"  WHERE is_key_worker AND to_date IS NULL;"                                                            \
	"CREATE INDEX care_team_running_key ON care_team_member(episode_id)"                                    \
	"  WHERE is_key_worker AND to_date IS NULL;"

#endif
