/*
 * assess.h - the rules of the holistic assessment: its code lists (domains,
 * kinds of entry, severities, likelihoods, who wrote the person's story
 * down) and the validation of each of its forms into store records.
 *
 * Validation follows episode_service.h: what was typed comes in as borrowed
 * strings (NULL when absent), comes out trimmed and checked against declared
 * limits into a store record, and every problem gets one message naming its
 * field (struct person_errors, in form order); nothing is half-validated:
 * on CP_EINVAL the record must not be written.  Instruments are scored by
 * instrument.h, never here.  Records and messages live in the caller's
 * arena; episode_id, user_id and times are left for the service to set.
 */
#ifndef CP_ASSESS_H
#define CP_ASSESS_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "instrument.h"
#include "person.h"

/* ---- code lists ------------------------------------------------------------------ */

enum assess_domain {
#define ADOMAIN(e, code, label, hint) ADOMAIN_##e,
#include "assess_domain.def"
#undef ADOMAIN
	ADOMAIN__MAX
};

/* Code, label and hint of domain d ("" out of range); code -> enum
 * (ADOMAIN__MAX for NULL or unknown). */
const char *assess_domain_code(enum assess_domain d);
const char *assess_domain_label(enum assess_domain d);
const char *assess_domain_hint(enum assess_domain d);
enum assess_domain assess_domain_from_code(const char *code);

enum assess_kind { AKIND_NEED, AKIND_RISK, AKIND_STRENGTH, AKIND__MAX };
const char *assess_kind_code(enum assess_kind k);  /* "need", ... */
const char *assess_kind_label(enum assess_kind k); /* "Need", ... */
enum assess_kind assess_kind_from_code(const char *code);

/* Severity (needs and risks) and likelihood (risks): three steps each. */
#define ASSESS_LEVELS 3
extern const char *const assess_severity_codes[ASSESS_LEVELS];   /* low, moderate, high */
extern const char *const assess_severity_labels[ASSESS_LEVELS];
extern const char *const assess_likelihood_codes[ASSESS_LEVELS]; /* unlikely, possible, likely */
extern const char *const assess_likelihood_labels[ASSESS_LEVELS];
/* The label of a severity or likelihood code ("" when unknown or NULL). */
const char *assess_level_label(const char *code);

/* Who wrote the person's story down: the person ("person") or a
 * professional with them ("with_professional"). */
const char *assess_recorded_by_label(const char *code);

/* Limits, in characters. */
#define ASSESS_STORY_MAX 4000 /* each part of a story */
#define ASSESS_TEXT_MAX 2000  /* descriptions, issues, needs */
#define ASSESS_SHORT_MAX 200  /* names, doses, who agreed */

/* ---- forms ------------------------------------------------------------------------- */

/* The person's story as typed. */
struct assess_story_input {
	const char *whats_new, *whats_good, *whats_tough, *matters_most;
	const char *recorded_by; /* "person" or "with_professional" */
};
/* At least one of the four parts; each at most ASSESS_STORY_MAX; who wrote
 * it down.  Fields: whats_new (also "write at least one"), whats_good,
 * whats_tough, matters_most, recorded_by. */
enum cp_err assess_story_validate(struct arena *a, const struct assess_story_input *in, struct store_story *out,
				  struct person_errors *errs);

struct assess_pro_input {
	const char *issues, *evidence, *experience, *story_date;
};
/* Issues required; evidence and experience optional; a date not after
 * today.  discipline is the author's (NULL: error on field "discipline",
 * the account has none). */
enum cp_err assess_pro_validate(struct arena *a, const struct assess_pro_input *in, const char *discipline,
				int64_t now_ms, struct store_pro_story *out, struct person_errors *errs);

struct assess_outcome_input {
	const char *outcome, *agreed_by, *agreed_date;
};
/* All three required; the date not after today.  Fields: outcome, agreed_by, agreed_date. */
enum cp_err assess_outcome_validate(struct arena *a, const struct assess_outcome_input *in, int64_t now_ms,
				    struct store_outcome *out, struct person_errors *errs);

struct assess_entry_input {
	const char *kind, *domain, *description, *severity, *likelihood, *mitigation;
};
/* Kind and domain from their lists; a description; a severity for needs
 * and risks (ignored for strengths); likelihood and what reduces it for
 * risks (ignored otherwise). */
enum cp_err assess_entry_validate(struct arena *a, const struct assess_entry_input *in, struct store_assess_entry *out,
				  struct person_errors *errs);

struct assess_carer_input {
	const char *contact_id, *needs, *what_helps;
};
/* The carer must be one of contacts[0..n) marked is_carer (field
 * "contact_id"); needs required (field "carer_needs"), what helps optional
 * (field "what_helps"). */
enum cp_err assess_carer_validate(struct arena *a, const struct assess_carer_input *in,
				  const struct store_contact *contacts, size_t n, struct store_carer_need *out,
				  struct person_errors *errs);

struct assess_instrument_input {
	const char *instrument;                   /* code */
	const char *taken_date;
	const char *item[INSTRUMENT_ITEMS_MAX];   /* item[0] is item 1 */
};
/* Form field names of the items: "item1" .. "item9". */
const char *assess_item_field(int item);
/* A known instrument (field "instrument"), the date it was completed, not
 * after today (field "taken_date"), and every item answered within range
 * (fields "item1".., the message naming the item).  Scores it with
 * instrument_score: out gets total, band, safety and the items text. */
enum cp_err assess_instrument_validate(struct arena *a, const struct assess_instrument_input *in, int64_t now_ms,
				       struct store_instrument_result *out, struct person_errors *errs);

/* The answers of a stored result ("0,1,3") into answers (at most max);
 * the number read, or -1 when the text is not such a list. */
int assess_items_parse(const char *items, int *answers, int max);

struct assess_medicine_input {
	const char *name, *dose, *purpose;
	const char *needs_review;  /* "yes" when flagged */
	const char *review_reason; /* required when flagged */
};
/* Fields: med_name, med_dose, med_purpose, review_reason. */
enum cp_err assess_medicine_validate(struct arena *a, const struct assess_medicine_input *in,
				     struct store_medicine *out, struct person_errors *errs);

/* Stopping a medicine: a date not after today (field "stopped_date") and an
 * optional reason (field "stopped_reason").  *date and *reason in the arena. */
enum cp_err assess_stop_validate(struct arena *a, const char *date_in, const char *reason_in, int64_t now_ms,
				 const char **date, const char **reason, struct person_errors *errs);

/* Today's date (UTC) of now_ms as YYYY-MM-DD into out (16 bytes). */
void assess_today(int64_t now_ms, char out[16]);

#endif
