/* casefind.c - case-finding rules: parsing and evaluation (casefind.h). */
#include "casefind.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/str.h"

/* The text of etc/case-finding.rules (tests/unit/test_casefind.c checks
 * that the two are the same). */
static const char builtin_text[] =
	"# Case-finding rules: who on the population register may need care planning.\n"
	"#\n"
	"# Each rule is a stanza of four lines (indentation is optional):\n"
	"#   rule ID          a short name: lower-case letters, digits and _\n"
	"#   when CONDITION   what a register row must meet (see below)\n"
	"#   weight N         how much meeting it counts, 1 to 100\n"
	"#   explain TEXT     the reason shown on the worklist, in plain words\n"
	"# A person's place on the worklist is the sum of the weights of the rules\n"
	"# they meet.  Lines starting with # are comments.\n"
	"#\n"
	"# A condition is one or more tests joined by \"and\":\n"
	"#   conditions >= 2               long-term conditions recorded (also >, <=, <, =, !=)\n"
	"#   emergency_admissions >= 2     emergency admissions in the last 12 months\n"
	"#   ae_attendances >= 3           A&E attendances in the last 12 months\n"
	"#   age >= 75                     age in whole years today\n"
	"#   frailty in moderate, severe   eFI category: fit, mild, moderate, severe\n"
	"#   frailty >= moderate           the same, by order (an unknown category never matches)\n"
	"#   lives_alone                   also is_carer, has_carer; \"not lives_alone\" for the opposite\n"
	"#   has_condition \"COPD\"          a condition of that name (capitals do not matter)\n"
	"\n"
	"rule multimorbidity\n"
	"  when conditions >= 2\n"
	"  weight 3\n"
	"  explain Has two or more long-term conditions\n"
	"\n"
	"rule frailty\n"
	"  when frailty in moderate, severe\n"
	"  weight 4\n"
	"  explain Has moderate or severe frailty\n"
	"\n"
	"rule admissions\n"
	"  when emergency_admissions >= 2\n"
	"  weight 4\n"
	"  explain Had two or more emergency admissions in the last year\n"
	"\n"
	"rule ae\n"
	"  when ae_attendances >= 3\n"
	"  weight 2\n"
	"  explain Went to A&E three or more times in the last year\n"
	"\n"
	"rule alone_and_frail\n"
	"  when lives_alone and frailty >= mild\n"
	"  weight 2\n"
	"  explain Lives alone and is becoming frail\n"
	"\n"
	"rule carer_with_conditions\n"
	"  when is_carer and conditions >= 1\n"
	"  weight 1\n"
	"  explain Is a carer and has a long-term condition themself\n";

static const char *const frailty_codes[FRAILTY__MAX] = {
	[FRAILTY_UNKNOWN] = NULL,
	[FRAILTY_FIT] = "fit",
	[FRAILTY_MILD] = "mild",
	[FRAILTY_MODERATE] = "moderate",
	[FRAILTY_SEVERE] = "severe",
};

static const char *const frailty_labels[FRAILTY__MAX] = {
	[FRAILTY_UNKNOWN] = "Not known",
	[FRAILTY_FIT] = "Fit",
	[FRAILTY_MILD] = "Mild frailty",
	[FRAILTY_MODERATE] = "Moderate frailty",
	[FRAILTY_SEVERE] = "Severe frailty",
};

enum casefind_frailty casefind_frailty_from_code(const char *code)
{
	if (!code || !*code)
		return FRAILTY_UNKNOWN;
	for (int i = FRAILTY_FIT; i < FRAILTY__MAX; i++)
		if (strcmp(code, frailty_codes[i]) == 0)
			return (enum casefind_frailty)i;
	return FRAILTY__MAX;
}

const char *casefind_frailty_code(enum casefind_frailty f)
{
	return f < FRAILTY__MAX ? frailty_codes[f] : NULL;
}

const char *casefind_frailty_label(enum casefind_frailty f)
{
	return f < FRAILTY__MAX ? frailty_labels[f] : "";
}

/* ---- parsing ------------------------------------------------------------- */

/* Numeric subjects by name. */
static const struct {
	const char *name;
	enum casefind_subject subject;
} subjects[] = {
	{"conditions", CFS_CONDITIONS},
	{"emergency_admissions", CFS_EMERGENCY},
	{"ae_attendances", CFS_AE},
	{"age", CFS_AGE},
	{"lives_alone", CFS_LIVES_ALONE},
	{"is_carer", CFS_IS_CARER},
	{"has_carer", CFS_HAS_CARER},
};

static const char *const op_text[CFO__MAX] = {
	[CFO_GE] = ">=", [CFO_GT] = ">", [CFO_LE] = "<=", [CFO_LT] = "<", [CFO_EQ] = "=", [CFO_NE] = "!=",
};

/* A cursor over one condition's text. */
struct cur {
	const char *p;
	int line;
	char *msg;
	size_t msgn;
	const char *file;
};

static void skip_space(struct cur *c)
{
	while (*c->p == ' ' || *c->p == '\t')
		c->p++;
}

/* A word of [a-z0-9_] into w (n bytes); false when none. */
static bool word(struct cur *c, char *w, size_t n)
{
	skip_space(c);
	size_t k = 0;
	while ((*c->p >= 'a' && *c->p <= 'z') || (*c->p >= '0' && *c->p <= '9') || *c->p == '_') {
		if (k + 1 >= n)
			return false;
		w[k++] = *c->p++;
	}
	w[k] = '\0';
	return k > 0;
}

__attribute__((format(printf, 2, 3))) static enum cp_err fail(struct cur *c, const char *fmt, ...)
{
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(c->msg, c->msgn, "%s line %d: %s", c->file, c->line, what);
	return CP_EINVAL;
}

static bool op(struct cur *c, enum casefind_op *out)
{
	skip_space(c);
	/* Two-character operators first so ">=" is not read as ">". */
	static const enum casefind_op order[] = {CFO_GE, CFO_LE, CFO_NE, CFO_GT, CFO_LT, CFO_EQ};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		size_t l = strlen(op_text[order[i]]);
		if (strncmp(c->p, op_text[order[i]], l) == 0) {
			c->p += l;
			*out = order[i];
			return true;
		}
	}
	return false;
}

static enum cp_err frailty_word(struct cur *c, int *out)
{
	char w[16];
	if (!word(c, w, sizeof w))
		return fail(c, "%s", "expected a frailty category: fit, mild, moderate or severe");
	enum casefind_frailty f = casefind_frailty_from_code(w);
	if (f == FRAILTY__MAX || f == FRAILTY_UNKNOWN)
		return fail(c, "\"%s\" is not a frailty category: use fit, mild, moderate or severe", w);
	*out = (int)f;
	return CP_OK;
}

/* One test at c->p into *t. */
static enum cp_err term(struct cur *c, struct casefind_term *t)
{
	memset(t, 0, sizeof *t);
	char w[48];
	if (!word(c, w, sizeof w))
		return fail(c, "%s", "expected a test such as \"conditions >= 2\"");
	if (strcmp(w, "not") == 0) {
		t->negate = true;
		if (!word(c, w, sizeof w))
			return fail(c, "%s", "\"not\" must be followed by lives_alone, is_carer or has_carer");
	}
	if (strcmp(w, "frailty") == 0 && !t->negate) {
		skip_space(c);
		if (strncmp(c->p, "in", 2) == 0 && (c->p[2] == ' ' || c->p[2] == '\t')) {
			c->p += 2;
			t->subject = CFS_FRAILTY_IN;
			for (;;) {
				int f;
				enum cp_err err = frailty_word(c, &f);
				if (err)
					return err;
				t->frailty_set |= 1u << f;
				skip_space(c);
				if (*c->p != ',')
					return CP_OK;
				c->p++;
			}
		}
		t->subject = CFS_FRAILTY_CMP;
		if (!op(c, &t->op))
			return fail(c, "%s", "after frailty write \"in\" and categories, or a comparison such as >= moderate");
		return frailty_word(c, &t->value);
	}
	if (strcmp(w, "has_condition") == 0 && !t->negate) {
		t->subject = CFS_HAS_CONDITION;
		skip_space(c);
		if (*c->p != '"')
			return fail(c, "%s", "has_condition needs a name in double quotes, such as has_condition \"COPD\"");
		const char *s = ++c->p;
		while (*c->p && *c->p != '"')
			c->p++;
		if (*c->p != '"')
			return fail(c, "%s", "the condition's name has no closing double quote");
		size_t l = (size_t)(c->p - s);
		c->p++;
		if (l == 0 || !utf8_text_valid(s, l) || utf8_count(s, l) > CASEFIND_NAME_MAX || memchr(s, ';', l))
			return fail(c, "the condition's name must be 1 to %d characters, without ;", CASEFIND_NAME_MAX);
		memcpy(t->name, s, l);
		t->name[l] = '\0';
		return CP_OK;
	}
	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
		if (strcmp(w, subjects[i].name) != 0)
			continue;
		t->subject = subjects[i].subject;
		bool yes_no = t->subject == CFS_LIVES_ALONE || t->subject == CFS_IS_CARER || t->subject == CFS_HAS_CARER;
		if (yes_no)
			return CP_OK;
		if (t->negate)
			return fail(c, "\"not\" can only come before lives_alone, is_carer or has_carer, not %s", w);
		if (!op(c, &t->op))
			return fail(c, "%s must be followed by a comparison: >=, >, <=, <, = or !=", w);
		char num[8];
		int64_t v;
		if (!word(c, num, sizeof num) || str_to_i64(num, 0, 999, &v))
			return fail(c, "%s must be compared with a whole number from 0 to 999", w);
		t->value = (int)v;
		return CP_OK;
	}
	return fail(c, "\"%s\" is not something a rule can test (see the comments at the top of the shipped file)", w);
}

/* The condition text at s (NUL-terminated) into r's terms. */
static enum cp_err condition(struct cur *c, struct casefind_rule *r, const char *s)
{
	c->p = s;
	r->n_terms = 0;
	for (;;) {
		if (r->n_terms == CASEFIND_TERMS_MAX)
			return fail(c, "a condition may join at most %d tests", CASEFIND_TERMS_MAX);
		enum cp_err err = term(c, &r->terms[r->n_terms]);
		if (err)
			return err;
		r->n_terms++;
		skip_space(c);
		if (*c->p == '\0')
			return CP_OK;
		char w[8];
		if (!word(c, w, sizeof w) || strcmp(w, "and") != 0)
			return fail(c, "%s", "tests must be joined by \"and\"");
	}
}

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* Checks the rule being finished (when there is one). */
static enum cp_err finish(struct cur *c, struct casefind_rule *r, bool has_when, bool has_weight, bool has_explain)
{
	int here = c->line;
	c->line = r->line; /* a missing line is reported at its rule's start */
	enum cp_err err = CP_OK;
	if (!has_when)
		err = fail(c, "rule %s has no \"when\" line", r->id);
	else if (!has_weight)
		err = fail(c, "rule %s has no \"weight\" line", r->id);
	else if (!has_explain)
		err = fail(c, "rule %s has no \"explain\" line", r->id);
	c->line = here;
	return err;
}

enum cp_err casefind_parse(const char *name, const char *text, size_t n, struct casefind_rules *out, char *msg,
			   size_t msgn)
{
	memset(out, 0, sizeof *out);
	struct cur c = {.msg = msg, .msgn = msgn, .file = name, .line = 0};
	if (memchr(text, '\0', n))
		return fail(&c, "%s", "the file contains a NUL byte");
	if (!utf8_text_valid(text, n))
		return fail(&c, "%s", "the file is not UTF-8 text");
	snprintf(out->fingerprint, sizeof out->fingerprint, "%016llx", (unsigned long long)fnv1a(text, n));
	char line[1024];
	const char *p = text, *end = text + n;
	struct casefind_rule *r = NULL;
	bool has_when = false, has_weight = false, has_explain = false;
	enum cp_err err;
	while (p < end) {
		c.line++;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *next = nl ? nl + 1 : end;
		if (l && p[l - 1] == '\r')
			l--;
		if (l >= sizeof line)
			return fail(&c, "the line is longer than %zu bytes", sizeof line - 1);
		memcpy(line, p, l);
		line[l] = '\0';
		p = next;
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		size_t sl = strlen(s);
		while (sl && (s[sl - 1] == ' ' || s[sl - 1] == '\t'))
			s[--sl] = '\0';
		if (*s == '\0' || *s == '#')
			continue;
		char key[16];
		size_t k = 0;
		while (s[k] && s[k] != ' ' && s[k] != '\t' && k + 1 < sizeof key) {
			key[k] = s[k];
			k++;
		}
		key[k] = '\0';
		char *rest = s + k;
		while (*rest == ' ' || *rest == '\t')
			rest++;
		if (strcmp(key, "rule") == 0) {
			if (r && (err = finish(&c, r, has_when, has_weight, has_explain)))
				return err;
			if (out->n == CASEFIND_RULES_MAX)
				return fail(&c, "there may be at most %d rules", CASEFIND_RULES_MAX);
			size_t il = strlen(rest);
			bool ok = il >= 1 && il <= CASEFIND_ID_MAX;
			for (size_t i = 0; ok && i < il; i++)
				ok = (rest[i] >= 'a' && rest[i] <= 'z') || (rest[i] >= '0' && rest[i] <= '9') || rest[i] == '_';
			if (!ok)
				return fail(&c, "a rule's id must be 1 to %d lower-case letters, digits or _", CASEFIND_ID_MAX);
			if (casefind_find(out, rest) >= 0)
				return fail(&c, "there is already a rule called %s", rest);
			r = &out->rule[out->n++];
			memcpy(r->id, rest, il + 1);
			r->line = c.line;
			has_when = has_weight = has_explain = false;
			continue;
		}
		if (!r)
			return fail(&c, "expected \"rule ID\" to start a rule, found \"%s\"", key);
		if (strcmp(key, "when") == 0) {
			if (has_when)
				return fail(&c, "rule %s has two \"when\" lines", r->id);
			if (!*rest)
				return fail(&c, "rule %s: \"when\" needs a condition", r->id);
			if ((err = condition(&c, r, rest)))
				return err;
			has_when = true;
		} else if (strcmp(key, "weight") == 0) {
			int64_t w;
			if (has_weight)
				return fail(&c, "rule %s has two \"weight\" lines", r->id);
			if (str_to_i64(rest, 1, 100, &w))
				return fail(&c, "rule %s: weight must be a whole number from 1 to 100", r->id);
			r->weight = (int)w;
			has_weight = true;
		} else if (strcmp(key, "explain") == 0) {
			size_t el = strlen(rest);
			if (has_explain)
				return fail(&c, "rule %s has two \"explain\" lines", r->id);
			if (el == 0 || utf8_count(rest, el) > CASEFIND_EXPLAIN_MAX)
				return fail(&c, "rule %s: explain needs 1 to %d characters of plain words", r->id,
					    CASEFIND_EXPLAIN_MAX);
			memcpy(r->explain, rest, el + 1);
			has_explain = true;
		} else {
			return fail(&c, "\"%s\" is not a rule line: use rule, when, weight or explain", key);
		}
	}
	if (r)
		return finish(&c, r, has_when, has_weight, has_explain);
	c.line = c.line ? c.line : 1;
	return fail(&c, "%s", "the file has no rules");
}

enum cp_err casefind_load(const char *path, struct casefind_rules **out, char *msg, size_t msgn)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, msgn, "case-finding rules %s: cannot read it", path);
		return CP_EIO;
	}
	char *text = malloc(CASEFIND_FILE_MAX + 1);
	struct casefind_rules *r = malloc(sizeof *r);
	if (!text || !r) {
		fclose(f);
		free(text);
		free(r);
		snprintf(msg, msgn, "case-finding rules %s: out of memory", path);
		return CP_ENOMEM;
	}
	size_t n = fread(text, 1, CASEFIND_FILE_MAX + 1, f);
	bool bad = ferror(f) != 0;
	fclose(f);
	enum cp_err err = CP_OK;
	if (bad) {
		snprintf(msg, msgn, "case-finding rules %s: cannot read it", path);
		err = CP_EIO;
	} else if (n > CASEFIND_FILE_MAX) {
		snprintf(msg, msgn, "case-finding rules %s: larger than %d bytes", path, CASEFIND_FILE_MAX);
		err = CP_ETOOBIG;
	} else {
		err = casefind_parse(path, text, n, r, msg, msgn);
	}
	free(text);
	if (err) {
		free(r);
		return err;
	}
	*out = r;
	return CP_OK;
}

void casefind_free(struct casefind_rules *r)
{
	free(r);
}

const char *casefind_builtin_text(void)
{
	return builtin_text;
}

static struct casefind_rules builtin;
static bool builtin_ready;
static const struct casefind_rules *in_use;

const struct casefind_rules *casefind_builtin(void)
{
	/* Parsed on first use; the server calls casefind_rules() before it
	 * starts its threads (main.c), so this is never raced. */
	if (!builtin_ready) {
		char msg[CASEFIND_MSG];
		enum cp_err err = casefind_parse("built-in rules", builtin_text, sizeof builtin_text - 1, &builtin, msg,
						 sizeof msg);
		assert(err == CP_OK); /* test_casefind parses the same text */
		(void)err;
		builtin_ready = true;
	}
	return &builtin;
}

void casefind_use(const struct casefind_rules *r)
{
	in_use = r;
}

const struct casefind_rules *casefind_rules(void)
{
	return in_use ? in_use : casefind_builtin();
}

int casefind_find(const struct casefind_rules *rules, const char *id)
{
	for (int i = 0; i < rules->n; i++)
		if (strcmp(rules->rule[i].id, id) == 0)
			return i;
	return -1;
}

/* ---- evaluation ---------------------------------------------------------- */

static bool compare(int a, enum casefind_op o, int b)
{
	switch (o) {
	case CFO_GE: return a >= b;
	case CFO_GT: return a > b;
	case CFO_LE: return a <= b;
	case CFO_LT: return a < b;
	case CFO_EQ: return a == b;
	case CFO_NE: return a != b;
	case CFO__MAX: break;
	}
	return false;
}

/* Age in whole years on today; -1 when the birth date is not a date. */
static int age_on(const char *birth, struct caldate today)
{
	struct caldate b;
	char msg[CALDATE_MSG_MAX];
	if (!birth || caldate_parse(birth, NULL, &b, msg, sizeof msg))
		return -1;
	int age = today.y - b.y;
	if (today.m < b.m || (today.m == b.m && today.d < b.d))
		age--;
	return age;
}

/* Whether the ';'-separated list holds name, ignoring ASCII case and the
 * spaces around each item. */
static bool list_has(const char *list, const char *name)
{
	size_t nl = strlen(name);
	const char *p = list;
	while (p && *p) {
		const char *e = strchr(p, ';');
		const char *s = p, *t = e ? e : p + strlen(p);
		while (s < t && *s == ' ')
			s++;
		while (t > s && t[-1] == ' ')
			t--;
		if ((size_t)(t - s) == nl && strncasecmp(s, name, nl) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

static bool term_met(const struct casefind_term *t, const struct store_register_entry *e, struct caldate today)
{
	enum casefind_frailty f;
	switch (t->subject) {
	case CFS_CONDITIONS: return compare(e->n_conditions, t->op, t->value);
	case CFS_EMERGENCY: return compare(e->emergency_admissions, t->op, t->value);
	case CFS_AE: return compare(e->ae_attendances, t->op, t->value);
	case CFS_AGE: {
		int age = age_on(e->birth_date, today);
		return age >= 0 && compare(age, t->op, t->value);
	}
	case CFS_FRAILTY_IN:
		f = casefind_frailty_from_code(e->frailty);
		return f != FRAILTY_UNKNOWN && f != FRAILTY__MAX && (t->frailty_set >> f) & 1u;
	case CFS_FRAILTY_CMP:
		f = casefind_frailty_from_code(e->frailty);
		return f != FRAILTY_UNKNOWN && f != FRAILTY__MAX && compare((int)f, t->op, t->value);
	case CFS_LIVES_ALONE: return e->lives_alone != t->negate;
	case CFS_IS_CARER: return e->is_carer != t->negate;
	case CFS_HAS_CARER: return e->has_carer != t->negate;
	case CFS_HAS_CONDITION: return list_has(e->conditions, t->name);
	case CFS__MAX: break;
	}
	return false;
}

bool casefind_rule_met(const struct casefind_rule *r, const struct store_register_entry *e, struct caldate today)
{
	for (int i = 0; i < r->n_terms; i++)
		if (!term_met(&r->terms[i], e, today))
			return false;
	return r->n_terms > 0;
}

void casefind_eval(const struct casefind_rules *rules, const struct store_register_entry *e, struct caldate today,
		   int64_t *score, uint64_t *mask)
{
	*score = 0;
	*mask = 0;
	for (int i = 0; i < rules->n; i++) {
		if (casefind_rule_met(&rules->rule[i], e, today)) {
			*score += rules->rule[i].weight;
			*mask |= 1ull << i;
		}
	}
}
