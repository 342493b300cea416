/*
 * sqlite_schema_letter.h - migration 17: readings, review appointments and
 * pre-review letters (docs/review-letters.md).
 *
 *   reading             a measurement recorded by a professional in an
 *                       episode: kind "hba1c" (mmol/mol), "bp" (systolic
 *                       and diastolic, mmHg) or "weight" (kg).  Values are
 *                       whole numbers in tenths of the unit (weight 72.4 kg
 *                       is 724; HbA1c and blood pressure are whole numbers,
 *                       kept as tenths too), so nothing is lost to floats.
 *                       value2 is the diastolic pressure, NULL for others.
 *   review_appointment  the time and place of an episode's next review.
 *                       review_date is the plan's next_review_date when the
 *                       appointment was set: the appointment holds only
 *                       while the two are equal (a new review date makes
 *                       it stale, and the letter then says no time and
 *                       place have been set).  One row per episode.
 *   letter_sent         the pre-review letter produced for an episode's
 *                       review on review_date: when and by whom.  A review
 *                       whose letter has a row here leaves the letters
 *                       worklist; reprinting adds another row.
 */
#ifndef CP_SQLITE_SCHEMA_LETTER_H
#define CP_SQLITE_SCHEMA_LETTER_H

#define SQLITE_MIGRATION_LETTER                                                                                    \
	"CREATE TABLE reading ("                                                                                   \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                                    \
	"  kind TEXT NOT NULL CHECK (kind IN ('hba1c', 'bp', 'weight')),"                                          \
	"  taken_date TEXT NOT NULL,"                                                                              \
	"  value_tenths INTEGER NOT NULL CHECK (value_tenths > 0),"                                                \
	"  value2_tenths INTEGER CHECK ((kind = 'bp') = (value2_tenths IS NOT NULL)),"                             \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                         \
	"  created_ms INTEGER NOT NULL);"                                                                          \
	"CREATE INDEX reading_episode ON reading(episode_id, kind, taken_date, id);"                               \
	"CREATE TABLE review_appointment ("                                                                        \
	"  episode_id INTEGER PRIMARY KEY REFERENCES episode(id),"                                                 \
	"  review_date TEXT NOT NULL,"                                                                             \
	"  review_time TEXT NOT NULL,"                                                                             \
	"  place TEXT NOT NULL,"                                                                                   \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                         \
	"  updated_ms INTEGER NOT NULL);"                                                                          \
	"CREATE TABLE letter_sent ("                                                                               \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  episode_id INTEGER NOT NULL REFERENCES episode(id),"                                                    \
	"  review_date TEXT NOT NULL,"                                                                             \
	"  user_id INTEGER NOT NULL REFERENCES users(id),"                                                         \
	"  sent_ms INTEGER NOT NULL);"                                                                             \
	"CREATE INDEX letter_sent_episode ON letter_sent(episode_id, review_date);"

#endif
