/*
 * store_dir.h - storage of the directory of local resources (migration 18,
 * sqlite_schema_dir.h; docs/directory.md).  Part of store.h (which includes
 * it); implemented in store_sqlite_dir.c.
 *
 * A directory entry is one service with everything about it: its
 * organisation, locations, contacts, schedules, cost options, service
 * areas, categories (taxonomy terms) and assessment domains.  The entry is
 * read and saved whole: store_dir_entry_save replaces the service's
 * contacts, schedules, costs, areas, categories, domains and links to
 * locations with those given, updates or adds its organisation and
 * locations, and rewrites the full-text row of every service whose text it
 * may have changed (the service, the other services of its organisation,
 * the other services at its locations).  It runs inside the caller's
 * transaction; the caller audits.
 *
 * Strings returned are in the caller's arena.  Optional text is NULL when
 * not recorded; the free-text columns the schema makes NOT NULL come back
 * as "" when empty.
 */
#ifndef CP_STORE_DIR_H
#define CP_STORE_DIR_H

#define STORE_DIR_LOC_MAX 8     /* locations of one service */
#define STORE_DIR_CHILD_MAX 8   /* contacts, schedules, costs or areas of one service */
#define STORE_DIR_TERM_MAX 16   /* categories of one service */
#define STORE_DIR_DOMAIN_MAX 9  /* assessment domains of one service (assess_domain.def) */

struct store_dir_org {
	int64_t id;          /* 0: not stored yet */
	const char *ext_id;  /* the id in the file it came from; NULL when made here */
	const char *name;    /* 1..200 characters */
	const char *description;
	const char *email, *url, *phone; /* NULL when none */
	int64_t updated_ms;
};

struct store_dir_service {
	int64_t id;          /* 0: not stored yet */
	const char *ext_id;
	int64_t organisation_id;
	const char *name;    /* 1..200 characters */
	const char *description;
	const char *url, *email, *phone; /* NULL when none */
	const char *status;  /* "active", "inactive", "defunct" or "temporarily closed" */
	const char *eligibility, *accessibility, *how_to_access;
	int64_t min_age, max_age; /* years; -1 when none */
	bool free;           /* costs nothing to use */
	const char *fees;    /* the costs in words */
	int64_t reviewed_ms; /* when last checked to be right */
	int64_t reviewed_by; /* user id, 0 when none (an import) */
	int64_t created_ms, updated_ms;
};

struct store_dir_location {
	int64_t id;
	const char *ext_id;
	const char *name, *address, *town, *postcode;
	const char *latitude, *longitude; /* decimal text as given; both or neither NULL */
	const char *accessibility;
};

struct store_dir_contact {
	int64_t id;
	const char *ext_id;
	const char *name, *title;
	const char *phone, *email; /* NULL when none */
};

struct store_dir_schedule {
	int64_t id;
	const char *ext_id;
	const char *rrule;             /* recur_parse's text, NULL when only described */
	const char *dtstart;           /* YYYY-MM-DD or NULL */
	const char *opens_at, *closes_at; /* HH:MM or NULL */
	const char *description;
};

struct store_dir_cost {
	int64_t id;
	const char *ext_id;
	const char *option;
	const char *amount;            /* pounds as decimal text, NULL when not given */
	const char *amount_description;
};

struct store_dir_area {
	int64_t id;
	const char *ext_id;
	const char *name;
	const char *description;
};

struct store_dir_term {
	int64_t id;
	const char *ext_id;
	const char *name;
	const char *vocabulary;
};

/* One service with all that belongs to it. */
struct store_dir_entry {
	struct store_dir_org org;
	struct store_dir_service svc;
	struct store_dir_location loc[STORE_DIR_LOC_MAX];
	size_t n_loc;
	struct store_dir_contact contact[STORE_DIR_CHILD_MAX];
	size_t n_contact;
	struct store_dir_schedule sched[STORE_DIR_CHILD_MAX];
	size_t n_sched;
	struct store_dir_cost cost[STORE_DIR_CHILD_MAX];
	size_t n_cost;
	struct store_dir_area area[STORE_DIR_CHILD_MAX];
	size_t n_area;
	struct store_dir_term term[STORE_DIR_TERM_MAX];
	size_t n_term;
	const char *domain[STORE_DIR_DOMAIN_MAX]; /* assess_domain.def codes, in code order */
	size_t n_domain;
};

/* Reads service id whole.  CP_ENOTFOUND when there is none. */
enum cp_err store_dir_entry_get(struct store_conn *c, struct arena *a, int64_t id, struct store_dir_entry *out);

/* The kinds of record an ext_id names. */
enum store_dir_kind { STORE_DIR_ORG, STORE_DIR_SERVICE, STORE_DIR_LOCATION, STORE_DIR_TERM, STORE_DIR_KIND__MAX };
/* The local id of the record of kind k whose ext_id is ext; CP_ENOTFOUND
 * when none.  With ext NULL, whether local id *id exists with no ext_id
 * (an entry made here): CP_OK or CP_ENOTFOUND. */
enum cp_err store_dir_find(struct store_conn *c, enum store_dir_kind k, const char *ext, int64_t *id);
/* The first service running now (status "active") whose name is LIKE
 * name_like (SQL LIKE: % any run, case-insensitive for ASCII), by id;
 * CP_ENOTFOUND when none (the demo looks services up so). */
enum cp_err store_dir_service_by_name(struct store_conn *c, const char *name_like, int64_t *id);
/* The id of the organisation called name (exactly); CP_ENOTFOUND when none. */
enum cp_err store_dir_org_by_name(struct store_conn *c, const char *name, int64_t *id);

/* Saves e as described in the file comment.  An id of 0 (organisation,
 * service, location, category) means: find it by ext_id, else add it; a
 * category with neither id nor ext_id is found by name and vocabulary.
 * *service_id gets the service's id.  CP_ECONFLICT when an ext_id is held by
 * another record's child; CP_EDB otherwise.  Must run in a transaction. */
enum cp_err store_dir_entry_save(struct store_conn *c, const struct store_dir_entry *e, int64_t *service_id);

/* Records that user_id checked service id at ms.  CP_ENOTFOUND when none. */
enum cp_err store_dir_mark_reviewed(struct store_conn *c, int64_t id, int64_t user_id, int64_t ms);

/* A search of the directory.  Every filter is optional. */
struct store_dir_query {
	const char *match;     /* an FTS5 query (directory.c builds it safely), NULL: every service */
	int64_t taxonomy_id;   /* in this category, 0: any */
	const char *domain;    /* meets this assessment domain code, NULL: any */
	bool free_only;
	bool near;             /* within miles of (lat, lon) */
	double lat, lon, miles;
	int64_t stale_before_ms; /* reviewed before this, 0: any */
	bool active_only;      /* only services running now (status "active"): those a referral may go to */
	size_t offset;
};

/* A row of results. */
struct store_dir_hit {
	int64_t id;
	const char *name, *description, *organisation, *town, *status, *fees;
	bool free;
	int64_t reviewed_ms;
	double miles;          /* to the nearest location, when the query was near; else -1 */
	const char *domains;   /* the assessment domain codes it meets, space separated; NULL when none */
};

/* Services matching q: best match first when q->match, else by name; at
 * most max from q->offset, *total all that match.  Defunct services are
 * left out. */
enum cp_err store_dir_search(struct store_conn *c, struct arena *a, const struct store_dir_query *q, size_t max,
			     struct store_dir_hit **out, size_t *n, int64_t *total);

/* Every service id in id order, from after_id, at most max. */
enum cp_err store_dir_ids(struct store_conn *c, struct arena *a, int64_t after_id, size_t max, int64_t **out,
			  size_t *n);

/* Every category, by name, at most max. */
enum cp_err store_dir_terms(struct store_conn *c, struct arena *a, size_t max, struct store_dir_term **out,
			    size_t *n);

/* The first category called name, in any vocabulary; CP_ENOTFOUND when none. */
enum cp_err store_dir_term_by_name(struct store_conn *c, struct arena *a, const char *name,
				   struct store_dir_term *out);

/* A postcode district's centre: CP_ENOTFOUND when not known. */
enum cp_err store_dir_district_get(struct store_conn *c, const char *district, double *lat, double *lon);
/* Adds or replaces a district's centre. */
enum cp_err store_dir_district_put(struct store_conn *c, const char *district, double lat, double lon);

#endif
