/*
 * person.h - a person and their personal contacts: what is recorded about
 * them, how what someone typed becomes typed values, and the audited
 * operations that find, read, add and change them.
 *
 * Validation happens here, at the edge of the domain: a form's fields come in
 * as typed (struct person_input, contact_input, person_query_input), each is
 * checked against the limits declared once in person_field.def and
 * contact_field.def, and what comes out is a store record with normalised
 * values (NHS number as 10 digits, postcode in capitals, white space
 * trimmed, empty optional fields NULL).  Every problem is reported, one per
 * field, in form order, so a page can list them all at once.
 *
 * Every operation that reads or changes a person's data writes its audit row
 * inside the same transaction (audit.h): person.create, person.update,
 * person.read, person.search, contact.create.  A search's audit row says
 * which fields were searched by, never what was typed in them.
 *
 * Access: callers have checked the capability (CAP_PEOPLE) before calling.
 * Consent-based sharing will narrow who may read whom; it plugs in at
 * person_read() and person_search(), which will take the reader and refuse
 * (or filter out) people who have not agreed to share with them.
 *
 * Memory: strings in records and messages are in the caller's arena; inputs
 * are borrowed for the call.
 */
#ifndef CP_PERSON_H
#define CP_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "../util/arena.h"
#include "audit.h"

/* How a field's value is checked (see person_field.def). */
enum person_kind { PK_LINE, PK_LINES, PK_DATE, PK_NHS, PK_POSTCODE, PK_PHONE, PK_EMAIL, PK__MAX };

enum person_field {
#define PERSON_FIELD(e, name, label, max, kind, missing) PF_##e,
#include "person_field.def"
#undef PERSON_FIELD
	PF__MAX
};

enum contact_field {
#define CONTACT_FIELD(e, name, label, max, kind, missing) CF_##e,
#include "contact_field.def"
#undef CONTACT_FIELD
	CF__MAX
};

/* One row of person_field.def or contact_field.def. */
struct person_field_info {
	const char *name;    /* form field name and element id */
	const char *label;   /* shown beside the field */
	size_t max;          /* most characters (code points) */
	enum person_kind kind;
	const char *missing; /* the message when a required field is empty; NULL: optional */
};

/* The search form's fields: the start of a name, and the date of birth and
 * NHS number of person_field.def, all optional. */
enum person_search_field { PS_NAME, PS_BIRTH_DATE, PS_NHS_NUMBER, PS__MAX };

/* The row for f, or NULL when f is out of range. */
const struct person_field_info *person_field(enum person_field f);
const struct person_field_info *contact_field(enum contact_field f);
const struct person_field_info *person_search_field(enum person_search_field f);

/* Problems found in what someone typed, in form order, at most one a field. */
#define PERSON_ERRORS_MAX 16
struct person_error {
	const char *field;   /* the form field's name (its element id) */
	const char *message; /* for people; names the field; static or in the arena */
};
struct person_errors {
	struct person_error e[PERSON_ERRORS_MAX];
	size_t n;
};

/* The message for field, or NULL when it has none. */
const char *person_error_for(const struct person_errors *errs, const char *field);

/* What was typed, as sent (NULL when absent).  Borrowed. */
struct person_input {
	const char *v[PF__MAX];
};
struct contact_input {
	const char *v[CF__MAX];
	bool is_carer, is_representative, is_next_of_kin, is_emergency;
};
struct person_query_input {
	const char *name;       /* one to STORE_NAME_TERMS words, each the start of a name */
	const char *birth_date; /* YYYY-MM-DD */
	const char *nhs_number; /* spaces allowed */
};

/* Checks in and, when every field is right, fills *out with the typed
 * values (id, team_id, times and version zero: the caller sets what it
 * needs).  now_ms decides which dates are in the future (UTC).  Returns
 * CP_OK, or CP_EINVAL with errs listing every problem (errs is always
 * reset first); CP_ENOMEM when the arena is full. */
enum cp_err person_validate(struct arena *a, const struct person_input *in, int64_t now_ms, struct store_person *out,
			    struct person_errors *errs);

/* As person_validate for a contact; out->person_id and user_id are zero. */
enum cp_err contact_validate(struct arena *a, const struct contact_input *in, struct store_contact *out,
			     struct person_errors *errs);

/* Checks a search.  *empty is true when nothing was asked (every field
 * empty), and then *out uses nothing.  CP_EINVAL with errs as above. */
enum cp_err person_query_validate(struct arena *a, const struct person_query_input *in, int64_t now_ms,
				  struct store_person_query *out, bool *empty, struct person_errors *errs);

/* The value of field f in p (NULL when not recorded). */
const char *person_field_value(const struct store_person *p, enum person_field f);

/* "9998219132" (or anything of 10 digits) as "999 821 9132" into out;
 * anything else is copied as it is.  Returns out. */
const char *person_nhs_spaced(char out[16], const char *nhs);

/* ---- operations (each one transaction, audited) ------------------------- */

#define PERSON_SEARCH_MAX 50   /* rows a search shows */
#define PERSON_CONTACTS_MAX 100 /* contacts a record shows */

/* A person's record as a page shows it. */
struct person_record {
	struct store_person person;
	struct store_contact *contacts; /* in the arena, in the order added */
	size_t n_contacts;
};

/* Adds validated person p (its team_id and created_ms as set by the caller;
 * updated_ms and version are the store's).  *id gets the new id.
 * CP_ECONFLICT when another person has the NHS number: *existing_id gets
 * theirs and nothing is written.  Audits person.create. */
enum cp_err person_create(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_person *p, int64_t *id, int64_t *existing_id);

/* Replaces person p->id's details with validated p, provided the record is
 * still at expected_version (the version the editor read).  CP_ENOTFOUND when
 * there is no such person.  CP_ECONFLICT when nothing could be written
 * because either someone changed the record since (*existing_id 0,
 * *current_version the version now stored) or another person has the new NHS
 * number (*existing_id theirs).  Audits person.update naming the fields that
 * changed (never their values). */
enum cp_err person_update(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_person *p, int64_t expected_version, int64_t *existing_id,
			  int64_t *current_version);

/* Reads person id with their contacts into *out, auditing person.read with
 * reason why (a short fixed phrase saying which page, e.g. "record page").
 * CP_ENOTFOUND (and no audit row) when there is no such person. */
enum cp_err person_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t id, const char *why, struct person_record *out);

/* Finds people matching validated q (at most max, ordered by family then
 * given name; *total counts every match), auditing person.search with the
 * fields used and the number found, never the values searched for. */
enum cp_err person_search(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_person_query *q, size_t max, struct store_person **out, size_t *n,
			  int64_t *total);

/* Adds validated contact k for person k->person_id; *id gets its id.
 * CP_ENOTFOUND when there is no such person.  Audits contact.create. */
enum cp_err contact_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			const struct store_contact *k, int64_t *id);

#endif
