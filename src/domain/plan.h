/*
 * plan.h - the care and support plan's rules, with no I/O: its sections and
 * fields (plan_section.def, plan_field.def), validating what was typed into
 * one entry, money in whole pence, the next review date, the canonical
 * snapshot of a whole plan, and the difference between two snapshots.
 *
 * An entry (struct plan_item) holds every field of its section as
 * normalised text: dates YYYY-MM-DD, whole numbers in decimal, money as whole
 * pence in decimal, choices as codes, recurrences as recur_parse writes
 * them, times HH:MM, references to users, carers and goals as ids.  NULL
 * means not recorded.
 *
 * The snapshot is one line a field, "key\tfield\tvalue\n", keyed by the
 * section and the entry's stable id ("goal:12\tgoal_title\tWalk to the
 * shops"; one-per-plan sections have no id: "acp\tacp_place_care\tHome"),
 * with the value as people read it (names, labels, "£1,250.00", dates in
 * words) and tab, line feed and backslash escaped as \t \n \\.  Two
 * snapshots compare line by line (plan_diff).
 *
 * Memory: results in the caller's arena; inputs borrowed for the call.
 */
#ifndef CP_PLAN_H
#define CP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"
#include "person.h"

enum plan_section {
#define PLAN_SECTION(e, code, label, single, noun) PLS_##e,
#include "plan_section.def"
#undef PLAN_SECTION
	PLS__MAX
};

enum plan_kind { PLK_TEXT, PLK_AREA, PLK_DATE, PLK_INT, PLK_MONEY, PLK_CHOICE, PLK_RRULE, PLK_TIME, PLK_USER, PLK_CARER, PLK_GOAL };

enum plan_choice_set {
	PCS_RANKED,
	PCS_GOAL_STATUS,
	PCS_WHO,
	PCS_ACTION_STATUS,
	PCS_CEILING,
	PCS_YESNO,
	PCS_RESUS,
	PCS_FUNDING,
	PCS_CONTACT_KIND,
	PCS_AGREED_WITH,
	PCS__MAX
};

enum plan_field {
#define PLAN_FIELD(sec, e, name, label, kind, lo, hi, missing, hint) PLF_##e,
#include "plan_field.def"
#undef PLAN_FIELD
	PLF__MAX
};

struct plan_field_info {
	enum plan_section section;
	const char *name, *label;
	enum plan_kind kind;
	int lo, hi;
	const char *missing; /* NULL: optional */
	const char *hint;
};

struct plan_choice {
	const char *code, *label;
};

#define PLAN_MONEY_MAX 100000000000LL /* pence: a billion pounds */
#define PLAN_MONEY_STR 32             /* bytes of "£1,000,000,000.00" and more */
#define PLAN_ITEMS_MAX 400            /* entries of all sections a plan holds */

const char *plan_section_code(enum plan_section s);
const char *plan_section_label(enum plan_section s);
const char *plan_section_noun(enum plan_section s);
bool plan_section_single(enum plan_section s);
/* PLS__MAX when unknown. */
enum plan_section plan_section_from_code(const char *code);
/* NULL when out of range. */
const struct plan_field_info *plan_field(enum plan_field f);
/* PLF__MAX when unknown. */
enum plan_field plan_field_from_name(const char *name);
/* The first and one past the last field of section s. */
void plan_section_fields(enum plan_section s, enum plan_field *first, enum plan_field *end);
/* The choices of set cs; *n how many. */
const struct plan_choice *plan_choices(enum plan_choice_set cs, size_t *n);
/* The label of code in set cs, "" when unknown. */
const char *plan_choice_label(enum plan_choice_set cs, const char *code);

/* Something a field may refer to: a user, a carer (contact) or a goal. */
struct plan_ref {
	int64_t id;
	const char *name;
};

/* What references may point at: the care team's users, the person's
 * carers, the plan's goals. */
struct plan_refs {
	const struct plan_ref *users;
	size_t n_users;
	const struct plan_ref *carers;
	size_t n_carers;
	const struct plan_ref *goals;
	size_t n_goals;
};

/* The name of id in refs, or NULL. */
const char *plan_ref_name(const struct plan_ref *r, size_t n, int64_t id);

/* One entry of a section. */
struct plan_item {
	int64_t id;                /* 0 for one-per-plan sections and new entries */
	enum plan_section section;
	int64_t position;
	const char *v[PLF__MAX];   /* normalised (file comment); only the section's fields */
};

/* A form as typed, by field (NULL when absent).  Borrowed. */
struct plan_input {
	const char *v[PLF__MAX];
};

/* Checks in (section s's fields) against the rules of plan_field.def and
 * the section's own (a named professional needs a name; goal attainment
 * scaling needs the expected level's words and a baseline; an action's
 * carer, member or service must be named for its kind, and it has a date or
 * a recurrence, not both; attorneys and advance decisions need their who or
 * details when "yes"; a resuscitation decision needs its review date; an
 * agreement with a representative needs their name, an interval or a review
 * date, a date agreed not after today and a review date not before it).
 * now_ms: the request's clock.  CP_OK and out filled (id 0, position 0),
 * CP_EINVAL with one message a field in errs, CP_ENOMEM. */
enum cp_err plan_validate(struct arena *a, enum plan_section s, const struct plan_input *in,
			  const struct plan_refs *refs, int64_t now_ms, struct plan_item *out, struct person_errors *errs);

/* "1250", "1,250.5", "£1,250.50" as pence (125050).  At most two decimal
 * places, commas only between groups of three digits, up to
 * PLAN_MONEY_MAX.  true when *pence set. */
bool plan_money_parse(const char *s, int64_t *pence);
/* pence as "£1,250.50" (negative as "-£3.00") into out (PLAN_MONEY_STR bytes). */
void plan_money_format(int64_t pence, char *out, size_t n);

/* The next review date: agreed (YYYY-MM-DD) plus days (1..730) into out
 * (CALDATE_STR bytes).  CP_EINVAL when either is wrong. */
enum cp_err plan_next_review(const char *agreed, int days, char *out, size_t n);

/* The London wall-clock time of ms as "HH:MM" (BST from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October). */
void plan_london_hhmm(int64_t ms, char out[6]);

/* The value of field f of it as people read it (see the file comment), in
 * the arena; NULL when not recorded. */
const char *plan_display(struct arena *a, const struct plan_item *it, enum plan_field f, const struct plan_refs *refs);
/* The value of field f as a form shows it for changing (money in pounds). */
const char *plan_form_value(struct arena *a, const struct plan_item *it, enum plan_field f);

/* The canonical snapshot of a plan whose status is status ("draft",
 * "agreed") and whose entries are items[0..n) (in page order), in the
 * arena; NULL when out of memory. */
char *plan_snapshot(struct arena *a, const char *status, const struct plan_item *items, size_t n,
		    const struct plan_refs *refs);

/* One difference between two snapshots. */
enum plan_change_kind { PLAN_ADDED, PLAN_REMOVED, PLAN_CHANGED };
struct plan_change {
	enum plan_change_kind kind;
	enum plan_section section;  /* PLS__MAX for the plan's own lines (status) */
	const char *key;            /* "goal:12", "acp", "plan" */
	const char *title;          /* the entry's first field (newest), or the section's noun */
	const char *field_label;    /* the field's label */
	const char *before, *after; /* unescaped; NULL when absent */
	bool item_added, item_removed; /* the whole entry is new / gone */
};

/* The differences from snapshot `from` to `to`, by section in page order,
 * then by entry in the order of `to` (removed entries after), then field:
 * *out in the arena, *n of them.  Lines that are not of the snapshot form
 * are ignored.  CP_ENOMEM. */
enum cp_err plan_diff(struct arena *a, const char *from, const char *to, struct plan_change **out, size_t *n);

/* The next occurrences (at most max) at or after from_ms of visit it
 * (PLS_VISIT: recurrence, first date, time), into out[0..*n), leaving out
 * the dates it is off (PLF_VISIT_EXCEPT, at most PLAN_EXCEPT_MAX).
 * CP_EINVAL when it is not a visit with all three. */
struct recur_occ;
#define PLAN_EXCEPT_MAX 30

enum cp_err plan_visit_next(const struct plan_item *it, int64_t from_ms, struct recur_occ *out, size_t max,
			    size_t *n);

#endif
