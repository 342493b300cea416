/*
 * directory.h - the directory of local resources (docs/directory.md): who
 * may maintain it, searching it, checking an entry at the edge, saving an
 * entry, marking it reviewed, and which entries are stale.
 *
 * An entry (struct store_dir_entry) is one service with its organisation,
 * locations, contacts, schedules, costs, areas, categories and assessment
 * domains.  Every way in (the web form, an HSDS or CSV import, the demo)
 * checks it with dir_entry_check and saves it with dir_entry_apply, so one
 * set of rules holds everywhere.  Writes are audited (directory.service.*)
 * in the transaction of the change.
 *
 * Ids from files: a record's ext_id is its id in the file it came from.  A
 * record made here has no ext_id and is exported as "careplan-<kind>-<id>"
 * (dir_local_id); importing that id into the same database finds the
 * record again, so export then import changes nothing.
 *
 * Memory: everything returned is in the caller's arena; inputs borrowed.
 */
#ifndef CP_DIRECTORY_H
#define CP_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "assess.h"
#include "audit.h"
#include "person.h"

#define DIR_STALE_MS (365LL * 24 * 3600 * 1000) /* not reviewed for 12 months: stale */
#define DIR_QUERY_MAX 200    /* characters of a search */
#define DIR_QUERY_TERMS 8    /* words of a search used */
#define DIR_PAGE_SIZE 20     /* results a page */
#define DIR_MILES_MAX 50     /* the widest "within" a search allows */
#define DIR_TEXT_MAX 2000    /* characters of a long text (description, eligibility...) */
#define DIR_LINE_MAX 200     /* characters of a short text (name, address...) */
#define DIR_TAXONOMY_DOMAIN "careplan-assessment-domain" /* the vocabulary of domains in a file */

/* May this user maintain the directory?  Administrators, and professionals
 * whose discipline is link work.  The one rule: every handler that changes
 * the directory asks it (the router has let in everyone with
 * CAP_DIRECTORY_EDIT, which is role-based). */
bool directory_may_edit(const char *role, const char *discipline);

/* True when reviewed_ms is more than 12 months before now_ms. */
bool dir_is_stale(int64_t reviewed_ms, int64_t now_ms);

/* "careplan-service-12" (kind "service", "organisation", "location",
 * "taxonomy", "contact", "schedule", "cost", "area"), in the arena. */
const char *dir_local_id(struct arena *a, const char *kind, int64_t id);
/* The id n when ext is "careplan-<kind>-<n>", else 0. */
int64_t dir_local_id_parse(const char *kind, const char *ext);

/* Builds an FTS5 query from what someone typed, so that no input can make
 * a syntax error or reach FTS5's operators: the text is split into words
 * of letters and digits (anything else separates words), at most
 * DIR_QUERY_TERMS of them, each quoted as a string; the last also matches
 * as a prefix ("walk" finds "walking").  *out is NULL when there is no
 * word.  CP_ENOMEM only. */
enum cp_err dir_fts_query(struct arena *a, const char *text, const char **out);
/* The same words, any of which may match ("walk" OR "group"): for a
 * search made from an action's words ("Go to the Tuesday lunch club"),
 * where not every word is in a service's text.  Words too common to tell
 * services apart ("to", "the") are left out unless there is nothing else;
 * at most max_terms words, each quoted, no prefix.  *out is NULL when
 * there is no word.  CP_ENOMEM only. */
enum cp_err dir_fts_query_any(struct arena *a, const char *text, size_t max_terms, const char **out);

/* A search as typed (query string fields; NULL when absent). */
struct dir_search_input {
	const char *q;        /* words */
	const char *category; /* a category id */
	const char *domain;   /* an assessment domain code */
	const char *free;     /* "yes": free of charge only */
	const char *postcode; /* a postcode or its district ("LS6", "LS6 3AB") */
	const char *miles;    /* 1..DIR_MILES_MAX, with postcode */
	const char *page;     /* 1.. */
};

/* Checks in into *out (the district's centre read from the store), *page
 * (1-based) and *district (the outward code, upper case, or NULL).
 * CP_EINVAL with a message per field (q, category, domain, postcode,
 * miles, page); CP_EDB, CP_ENOMEM. */
enum cp_err dir_search_check(struct store_conn *c, struct arena *a, const struct dir_search_input *in,
			     struct store_dir_query *out, int *page, const char **district, struct person_errors *errs);

/* The outward code (district) of a postcode or district typed: "ls6 3ab"
 * and "LS6" both give "LS6"; NULL when it is not one. */
const char *dir_district_of(struct arena *a, const char *s);

/* Checks and normalises e in place: lengths, required fields, status,
 * emails, web addresses, UK postcodes, coordinates, ages, schedules
 * (RRULE through recur_parse, stored as its normalised text; only FREQ,
 * INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL and WKST, as HSDS carries
 * those), times, cost amounts (pounds, up to 2 decimals) and domain codes
 * (assess_domain.def).  Sets e->svc.free: it is free when it has a cost
 * option and every amount given is zero.  Sorts domains by code.  CP_EINVAL
 * with one message a field, named by form field ("name", "org_name",
 * "loc_postcode", "sched_rrule", "cost_amount", "domains", ...): the
 * message itself names the field in words, for import reports.
 * CP_ENOMEM. */
enum cp_err dir_entry_check(struct arena *a, struct store_dir_entry *e, struct person_errors *errs);

/* What an import or a save did with one record. */
enum dir_outcome { DIR_IMPORTED, DIR_UPDATED, DIR_UNCHANGED, DIR_REFUSED, DIR_OUTCOME__MAX };
/* "imported", "updated", "unchanged", "refused". */
const char *dir_outcome_code(enum dir_outcome o);

/* Saves a checked entry inside the caller's transaction.  The service is
 * found by e->svc.id, else by its ext_id (or local id); when the stored
 * entry already says what e says (compared as HSDS JSON without child ids),
 * nothing is written and *out is DIR_UNCHANGED.  Otherwise the entry is
 * written (created_ms, updated_ms now; reviewed_ms from e, or kept when e
 * gives the same day or none, or now for a new one), audited as
 * `action_create` or `action_update`, and *out says which.  *id gets the
 * service id.  CP_ECONFLICT when an id in e belongs to another service's
 * record; CP_EDB. */
enum cp_err dir_entry_apply(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t user_id, struct store_dir_entry *e, const char *action_create,
			    const char *action_update, enum dir_outcome *out, int64_t *id);

/* As dir_entry_apply in a transaction of its own, for the web form
 * (directory.service.create / directory.service.update). */
enum cp_err dir_entry_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t user_id, struct store_dir_entry *e, enum dir_outcome *out, int64_t *id);

/* Records that user_id checked service id now (directory.service.review).
 * CP_ENOTFOUND when there is no such service. */
enum cp_err dir_mark_reviewed(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t user_id,
			      int64_t id);

/* ---- the form that adds or changes an entry (dir_form.def) ---------------- */

enum dir_field {
#define F(e, name, label, kind, hint, section) DIR_F_##e,
#include "dir_form.def"
#undef F
	DIR_F__MAX
};

struct dir_field_info {
	const char *name, *label, *hint, *section; /* hint and section NULL when none */
	char kind;                                 /* as dir_form.def says */
};
/* The row for f; NULL out of range. */
const struct dir_field_info *dir_field(enum dir_field f);

/* What the form holds: each field's text, and the domains ticked. */
struct dir_form {
	const char *v[DIR_F__MAX];
	bool domain[ADOMAIN__MAX];
};

/* The form's fields for entry e (the first of each part). */
void dir_form_from_entry(struct arena *a, const struct store_dir_entry *e, struct dir_form *f);

/* Puts the form into e (the entry as stored, or zeroed for a new one) and
 * checks the result with dir_entry_check.  An organisation named as an
 * existing one is that one (for a new entry); a category is found by its
 * name or added.  CP_EINVAL with errs; CP_ENOMEM, CP_EDB. */
enum cp_err dir_form_to_entry(struct store_conn *c, struct arena *a, const struct dir_form *f,
			      struct store_dir_entry *e, struct person_errors *errs);

/* Loads postcode district centres from text of lines "DISTRICT,lat,lon"
 * ('#' starts a comment line) in one transaction.  *n gets how many.
 * CP_EINVAL with msg naming the line; CP_EDB. */
enum cp_err dir_districts_load(struct store_conn *c, const char *text, size_t len, bool in_tx, size_t *n,
			       char *msg, size_t msgn);

#endif
