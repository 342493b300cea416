/*
 * sqlite_schema_ref.h - migration 19: from the plan to the service
 * (docs/referrals.md): signposts and referrals to services of the directory
 * (migration 18), with the history of every status change.
 *
 *   service_referral        one service given to one person in one episode.
 *                           kind "signpost": information about the service
 *                           was given (status "given", never changes);
 *                           kind "referral": the team asked the service to
 *                           take the person on (status sent, accepted,
 *                           declined, attended or did_not_attend; the moves
 *                           allowed are src/domain/referral.def).  The
 *                           table is not called "referral": migration 3's
 *                           referral is how an episode came in.
 *                           plan_action_id is the plan action it serves and
 *                           need the assessment domain (assess_domain.def)
 *                           it meets; either, both or neither.  There is no
 *                           foreign key on plan_action_id: a plan entry may
 *                           be removed from the plan while the referral
 *                           made for it stays on record.  referral_date is
 *                           the day it was made (YYYY-MM-DD, local), status_ms
 *                           when the status last changed (the worklist's
 *                           "days waiting" counts from it), outcome what
 *                           came of it in words.  version counts changes, so
 *                           a change made from a stale page is refused.
 *   service_referral_event  each status a referral has had: from (NULL for
 *                           the first), to, who, when and a note.  Rows are
 *                           only ever added.
 */
#ifndef CP_SQLITE_SCHEMA_REF_H
#define CP_SQLITE_SCHEMA_REF_H

#define SQLITE_MIGRATION_REF                                                                                       \
	"CREATE TABLE service_referral ("                                                                          \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                                    \
	"  plan_action_id INTEGER,"                                                                                \
	"  need TEXT,"                                                                                             \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  kind TEXT NOT NULL CHECK (kind IN ('signpost', 'referral')),"                                           \
	"  reason TEXT NOT NULL DEFAULT '',"                                                                       \
	"  referral_date TEXT NOT NULL,"                                                                           \
	"  status TEXT NOT NULL CHECK (status IN ('given', 'sent', 'accepted', 'declined', 'attended',"            \
	"    'did_not_attend')),"                                                                                  \
	"  outcome TEXT NOT NULL DEFAULT '',"                                                                      \
	"  created_by INTEGER NOT NULL REFERENCES users(id),"                                                      \
	"  created_ms INTEGER NOT NULL,"                                                                           \
	"  status_ms INTEGER NOT NULL,"                                                                            \
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"                                               \
	"  CHECK ((kind = 'signpost') = (status = 'given')));"                                                     \
	"CREATE INDEX service_referral_episode ON service_referral(episode_id, id);"                               \
	"CREATE INDEX service_referral_status ON service_referral(status, status_ms) WHERE kind = 'referral';"     \
	"CREATE INDEX service_referral_creator ON service_referral(created_by, status);"                           \
	"CREATE TABLE service_referral_event ("                                                                    \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  referral_id INTEGER NOT NULL REFERENCES service_referral(id),"                                          \
	"  from_status TEXT,"                                                                                      \
	"  to_status TEXT NOT NULL,"                                                                               \
	"  user_id INTEGER REFERENCES users(id),"                                                                  \
	"  time_ms INTEGER NOT NULL,"                                                                              \
	"  note TEXT NOT NULL DEFAULT '');"                                                                        \
	"CREATE INDEX service_referral_event_ref ON service_referral_event(referral_id, id);"

#endif
