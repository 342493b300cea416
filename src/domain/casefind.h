/*
 * casefind.h - case-finding rules: which rows of the population register
 * may be people in need of care planning, how much each reason counts, and
 * the plain words that say why (docs/case-finding.md).
 *
 * The rules live in a text file an organisation edits (etc/case-finding.rules
 * is the shipped one; the same text is built in).  A rule is a stanza:
 *
 *     rule ID            lower-case letters, digits, _; 1..40; unique
 *     when CONDITION     tests joined by "and" (at most CASEFIND_TERMS_MAX)
 *     weight N           1..100
 *     explain TEXT       1..200 characters
 *
 * A test is one of: FIELD OP N for conditions, emergency_admissions,
 * ae_attendances and age (OP one of >= > <= < = !=, N 0..999); frailty in
 * CAT, CAT...; frailty OP CAT (by order fit < mild < moderate < severe; a
 * row whose frailty is not known meets no frailty test); lives_alone,
 * is_carer, has_carer, each optionally after "not"; has_condition "NAME"
 * (a listed condition equal to NAME, ignoring case).  The file is never SQL
 * and nothing in it reaches the database as text: it is parsed here into
 * the structures below and evaluated in C.
 *
 * Evaluation gives a score (the sum of the weights of the rules met) and a
 * mask (bit i: rule i met), which the register keeps per row so the
 * worklist reads an index.  The rules' fingerprint (a hash of the text)
 * tells the register when its scores were computed with other rules.
 *
 * Ownership: casefind_parse fills a caller's struct; casefind_load returns
 * rules the caller frees with casefind_free (NULL is a no-op).
 */
#ifndef CP_CASEFIND_H
#define CP_CASEFIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "caldate.h"

#define CASEFIND_RULES_MAX 60  /* rules in one file (each a bit of a 64-bit mask) */
#define CASEFIND_TERMS_MAX 8   /* tests in one condition */
#define CASEFIND_ID_MAX 40     /* characters of a rule id */
#define CASEFIND_EXPLAIN_MAX 200 /* characters of an explanation */
#define CASEFIND_NAME_MAX 60   /* characters of a condition name */
#define CASEFIND_FILE_MAX (256 * 1024) /* bytes of a rules file */
#define CASEFIND_MSG 300       /* bytes of a message buffer */

/* eFI frailty categories, in order; FRAILTY_UNKNOWN for none recorded. */
enum casefind_frailty { FRAILTY_UNKNOWN, FRAILTY_FIT, FRAILTY_MILD, FRAILTY_MODERATE, FRAILTY_SEVERE, FRAILTY__MAX };

enum casefind_subject {
	CFS_CONDITIONS,
	CFS_EMERGENCY,
	CFS_AE,
	CFS_AGE,
	CFS_FRAILTY_IN,  /* frailty in a set */
	CFS_FRAILTY_CMP, /* frailty OP category */
	CFS_LIVES_ALONE,
	CFS_IS_CARER,
	CFS_HAS_CARER,
	CFS_HAS_CONDITION,
	CFS__MAX
};

enum casefind_op { CFO_GE, CFO_GT, CFO_LE, CFO_LT, CFO_EQ, CFO_NE, CFO__MAX };

struct casefind_term {
	enum casefind_subject subject;
	enum casefind_op op;   /* numeric and frailty comparisons */
	int value;             /* the number, or the frailty category */
	unsigned frailty_set;  /* CFS_FRAILTY_IN: bit per enum casefind_frailty */
	bool negate;           /* "not" before a yes/no field */
	char name[CASEFIND_NAME_MAX * 4 + 1]; /* CFS_HAS_CONDITION, UTF-8 */
};

struct casefind_rule {
	char id[CASEFIND_ID_MAX + 1];
	struct casefind_term terms[CASEFIND_TERMS_MAX];
	int n_terms;
	int weight; /* 1..100 */
	char explain[CASEFIND_EXPLAIN_MAX * 4 + 1];
	int line;   /* where the rule starts in its file */
};

struct casefind_rules {
	struct casefind_rule rule[CASEFIND_RULES_MAX];
	int n;
	char fingerprint[17]; /* 16 hex digits of a hash of the text */
};

/* The eFI category for code ("fit", ...; NULL or "" is FRAILTY_UNKNOWN);
 * FRAILTY__MAX for anything else.  Codes are lower case. */
enum casefind_frailty casefind_frailty_from_code(const char *code);
/* "fit", ... ; NULL for FRAILTY_UNKNOWN. */
const char *casefind_frailty_code(enum casefind_frailty f);
/* "Fit", "Mild frailty", ...; "Not known" for FRAILTY_UNKNOWN. */
const char *casefind_frailty_label(enum casefind_frailty f);

/* Parses n bytes of rules text.  CP_OK and *out filled; CP_EINVAL with msg
 * naming the line and the problem ("line 12: weight must be a whole number
 * from 1 to 100"); name is the file's name for messages. */
enum cp_err casefind_parse(const char *name, const char *text, size_t n, struct casefind_rules *out, char *msg,
			   size_t msgn);

/* Reads and parses the file at path into *out (caller frees with
 * casefind_free).  CP_EIO when it cannot be read, CP_EINVAL as above,
 * CP_ENOMEM, CP_ETOOBIG over CASEFIND_FILE_MAX. */
enum cp_err casefind_load(const char *path, struct casefind_rules **out, char *msg, size_t msgn);
void casefind_free(struct casefind_rules *r);

/* The built-in rules (the text of etc/case-finding.rules). */
const char *casefind_builtin_text(void);
const struct casefind_rules *casefind_builtin(void);

/* The rules the server uses: the built-in ones unless casefind_use() gave
 * others (call before any thread reads them; r stays the caller's). */
void casefind_use(const struct casefind_rules *r);
const struct casefind_rules *casefind_rules(void);

/* Whether e meets rule r, with ages counted on today. */
bool casefind_rule_met(const struct casefind_rule *r, const struct store_register_entry *e, struct caldate today);

/* The score and mask of e under rules. */
void casefind_eval(const struct casefind_rules *rules, const struct store_register_entry *e, struct caldate today,
		   int64_t *score, uint64_t *mask);

/* The index of the rule with id, -1 when none. */
int casefind_find(const struct casefind_rules *rules, const char *id);

#endif
