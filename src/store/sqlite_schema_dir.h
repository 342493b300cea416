/*
 * sqlite_schema_dir.h - migration 18: the directory of local resources
 * (docs/directory.md), shaped on the Human Services Data Specification as
 * Open Referral UK uses it, so an HSDS file maps onto it table by table.
 *
 *   dir_organisation     who runs services (a charity, a council team, a
 *                        surgery).  ext_id is the record's id in the file it
 *                        came from (an HSDS id, often a UUID); NULL for an
 *                        entry made here.  Re-importing a file matches on it.
 *   dir_service          what a person can go to: a walking group, a
 *                        befriending scheme.  status as in HSDS.  free is 1
 *                        when it costs nothing to use (a filter of its own);
 *                        fees says the costs in words.  reviewed_ms is when
 *                        someone last checked the entry was right: an entry
 *                        not reviewed for 12 months is flagged as stale.
 *   dir_location         where: address, postcode, and the latitude and
 *                        longitude as the decimal text given (kept as text so
 *                        an export gives back exactly what was imported).
 *   dir_service_location which services are at which locations.
 *   dir_contact          a named contact, phone or email for a service.
 *   dir_schedule         when: an RFC 5545 recurrence rule (the value of an
 *                        RRULE, checked by recur_parse) from dtstart, open
 *                        from opens_at to closes_at (HH:MM, local time), or
 *                        only a description in words where the times vary.
 *   dir_cost             a cost option: amount as decimal text in pounds,
 *                        with what it is for.
 *   dir_service_area     the area a service covers, in words.
 *   dir_taxonomy         categories: a term of a vocabulary (HSDS taxonomy),
 *                        with an optional parent.
 *   dir_service_taxonomy which categories a service is in.
 *   dir_service_domain   which assessment domains (assess_domain.def codes)
 *                        a service meets: loneliness sits in
 *                        mental_wellbeing and social, so a befriending
 *                        scheme meets those two.
 *   dir_postcode_district the centre of each postcode district (outward
 *                        code, "LS6"), for "within N miles of" searches.
 *   dir_service_fts      the full-text index (FTS5, Porter stemming, so
 *                        "walks" finds "walking"): rowid is the service id;
 *                        the store rewrites a service's row whenever the
 *                        service, its organisation, categories or locations
 *                        change.
 */
#ifndef CP_SQLITE_SCHEMA_DIR_H
#define CP_SQLITE_SCHEMA_DIR_H

#define SQLITE_MIGRATION_DIR                                                                                       \
	"CREATE TABLE dir_organisation ("                                                                          \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"                                             \
	"  description TEXT NOT NULL DEFAULT '',"                                                                  \
	"  email TEXT, url TEXT, phone TEXT,"                                                                      \
	"  updated_ms INTEGER NOT NULL);"                                                                          \
	"CREATE TABLE dir_service ("                                                                               \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  organisation_id INTEGER NOT NULL REFERENCES dir_organisation(id),"                                      \
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"                                             \
	"  description TEXT NOT NULL DEFAULT '',"                                                                  \
	"  url TEXT, email TEXT, phone TEXT,"                                                                      \
	"  status TEXT NOT NULL DEFAULT 'active'"                                                                  \
	"    CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),"                           \
	"  eligibility TEXT NOT NULL DEFAULT '',"                                                                  \
	"  accessibility TEXT NOT NULL DEFAULT '',"                                                                \
	"  how_to_access TEXT NOT NULL DEFAULT '',"                                                                \
	"  min_age INTEGER, max_age INTEGER,"                                                                      \
	"  free INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1)),"                                                \
	"  fees TEXT NOT NULL DEFAULT '',"                                                                         \
	"  reviewed_ms INTEGER NOT NULL,"                                                                          \
	"  reviewed_by INTEGER REFERENCES users(id),"                                                              \
	"  created_ms INTEGER NOT NULL,"                                                                           \
	"  updated_ms INTEGER NOT NULL);"                                                                          \
	"CREATE INDEX dir_service_org ON dir_service(organisation_id);"                                            \
	"CREATE INDEX dir_service_reviewed ON dir_service(reviewed_ms);"                                           \
	"CREATE TABLE dir_location ("                                                                              \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  name TEXT NOT NULL DEFAULT '',"                                                                         \
	"  address TEXT NOT NULL DEFAULT '',"                                                                      \
	"  town TEXT NOT NULL DEFAULT '',"                                                                         \
	"  postcode TEXT NOT NULL DEFAULT '',"                                                                     \
	"  latitude TEXT, longitude TEXT,"                                                                         \
	"  accessibility TEXT NOT NULL DEFAULT '',"                                                                \
	"  CHECK ((latitude IS NULL) = (longitude IS NULL)));"                                                     \
	"CREATE TABLE dir_service_location ("                                                                      \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  location_id INTEGER NOT NULL REFERENCES dir_location(id),"                                              \
	"  PRIMARY KEY (service_id, location_id)) WITHOUT ROWID;"                                                  \
	"CREATE INDEX dir_service_location_loc ON dir_service_location(location_id);"                              \
	"CREATE TABLE dir_contact ("                                                                               \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  name TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',"                                         \
	"  phone TEXT, email TEXT);"                                                                               \
	"CREATE INDEX dir_contact_service ON dir_contact(service_id);"                                             \
	"CREATE TABLE dir_schedule ("                                                                              \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  location_id INTEGER REFERENCES dir_location(id),"                                                       \
	"  rrule TEXT, dtstart TEXT,"                                                                              \
	"  opens_at TEXT CHECK (opens_at IS NULL OR opens_at GLOB '[0-2][0-9]:[0-5][0-9]'),"                       \
	"  closes_at TEXT CHECK (closes_at IS NULL OR closes_at GLOB '[0-2][0-9]:[0-5][0-9]'),"                    \
	"  description TEXT NOT NULL DEFAULT '',"                                                                  \
	"  CHECK (rrule IS NOT NULL OR description <> ''));"                                                       \
	"CREATE INDEX dir_schedule_service ON dir_schedule(service_id);"                                           \
	"CREATE TABLE dir_cost ("                                                                                  \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  option TEXT NOT NULL DEFAULT '',"                                                                       \
	"  amount TEXT,"                                                                                           \
	"  amount_description TEXT NOT NULL DEFAULT '');"                                                          \
	"CREATE INDEX dir_cost_service ON dir_cost(service_id);"                                                   \
	"CREATE TABLE dir_service_area ("                                                                          \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"                                             \
	"  description TEXT NOT NULL DEFAULT '');"                                                                 \
	"CREATE INDEX dir_service_area_service ON dir_service_area(service_id);"                                   \
	"CREATE TABLE dir_taxonomy ("                                                                              \
	"  id INTEGER PRIMARY KEY,"                                                                                \
	"  ext_id TEXT UNIQUE,"                                                                                    \
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"                                             \
	"  vocabulary TEXT NOT NULL DEFAULT '',"                                                                   \
	"  parent_id INTEGER REFERENCES dir_taxonomy(id));"                                                        \
	"CREATE TABLE dir_service_taxonomy ("                                                                      \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  taxonomy_id INTEGER NOT NULL REFERENCES dir_taxonomy(id),"                                              \
	"  PRIMARY KEY (service_id, taxonomy_id)) WITHOUT ROWID;"                                                  \
	"CREATE INDEX dir_service_taxonomy_term ON dir_service_taxonomy(taxonomy_id);"                             \
	"CREATE TABLE dir_service_domain ("                                                                        \
	"  service_id INTEGER NOT NULL REFERENCES dir_service(id),"                                                \
	"  domain TEXT NOT NULL,"                                                                                  \
	"  PRIMARY KEY (service_id, domain)) WITHOUT ROWID;"                                                       \
	"CREATE INDEX dir_service_domain_domain ON dir_service_domain(domain);"                                    \
	"CREATE TABLE dir_postcode_district ("                                                                     \
	"  district TEXT PRIMARY KEY CHECK (district = upper(district) AND length(district) BETWEEN 2 AND 4),"      \
	"  latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),"                                            \
	"  longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180)) WITHOUT ROWID;"                         \
	"CREATE VIRTUAL TABLE dir_service_fts USING fts5("                                                         \
	"  name, description, organisation, categories, place,"                                                    \
	"  tokenize = 'porter unicode61 remove_diacritics 2');"

#endif
