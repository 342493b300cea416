/*
 * plan.c - the care and support plan's sections, fields and checks, money,
 * review dates, snapshots and their differences (see plan.h).  Pure: no
 * I/O beyond what recur.c does to read the time zone once.
 */
#include "plan.h"

#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/str.h"
#include "caldate.h"
#include "form.h"
#include "recur.h"

static const struct {
	const char *code, *label, *noun;
	bool single;
} sections[PLS__MAX] = {
#define PLAN_SECTION(e, code, label, single, noun) [PLS_##e] = {code, label, noun, single},
#include "plan_section.def"
#undef PLAN_SECTION
};

static const struct plan_field_info fields[PLF__MAX] = {
#define PLAN_FIELD(sec, e, name, label, kind, lo, hi, missing, hint)                                          \
	[PLF_##e] = {PLS_##sec, name, label, kind, lo, hi, missing, hint},
#include "plan_field.def"
#undef PLAN_FIELD
};

static const struct plan_choice ranked[] = {
	{"person", "The person"},
	{"together", "The person with the team"},
	{"professional", "A named professional"},
};
static const struct plan_choice goal_statuses[] = {
#define GOAL_STATUS(e, code, label, life, ach) {code, label},
#include "goal_status.def"
#undef GOAL_STATUS
};
static const struct plan_choice whos[] = {
	{"person", "The person"},
	{"carer", "A carer"},
	{"member", "A member of the care team"},
	{"service", "A service"},
};
static const struct plan_choice action_statuses[] = {
#define ACTION_STATUS(e, code, label, fhir) {code, label},
#include "action_status.def"
#undef ACTION_STATUS
};
static const struct plan_choice ceilings[] = {
	{"full", "All treatment that may help, including intensive care"},
	{"ward", "Treatment in hospital, but not intensive care"},
	{"home", "Treatment at home, avoiding hospital where possible"},
	{"comfort", "Comfort and symptom care only"},
};
static const struct plan_choice yesno[] = {{"yes", "Yes"}, {"no", "No"}};
static const struct plan_choice resus[] = {
	{"attempt", "For attempted resuscitation"},
	{"dnacpr", "Not for attempted resuscitation (DNACPR)"},
	{"not_discussed", "Not yet discussed"},
};
static const struct plan_choice funding[] = {
	{"council", "Local council (adult social care)"},
	{"chc", "NHS continuing healthcare"},
	{"joint", "Joint council and NHS"},
	{"other", "Other"},
};
static const struct plan_choice contact_kinds[] = {
	{"emergency", "Emergency"},
	{"out_of_hours", "Out of hours"},
	{"daytime", "Daytime"},
	{"other", "Other"},
};
static const struct plan_choice agreed_withs[] = {
	{"person", "The person"},
	{"representative", "Their representative"},
};

#define N(x) (sizeof(x) / sizeof((x)[0]))

static const struct {
	const struct plan_choice *c;
	size_t n;
} choice_sets[PCS__MAX] = {
	[PCS_RANKED] = {ranked, N(ranked)},
	[PCS_GOAL_STATUS] = {goal_statuses, N(goal_statuses)},
	[PCS_WHO] = {whos, N(whos)},
	[PCS_ACTION_STATUS] = {action_statuses, N(action_statuses)},
	[PCS_CEILING] = {ceilings, N(ceilings)},
	[PCS_YESNO] = {yesno, N(yesno)},
	[PCS_RESUS] = {resus, N(resus)},
	[PCS_FUNDING] = {funding, N(funding)},
	[PCS_CONTACT_KIND] = {contact_kinds, N(contact_kinds)},
	[PCS_AGREED_WITH] = {agreed_withs, N(agreed_withs)},
};

const char *plan_section_code(enum plan_section s)
{
	return (unsigned)s < PLS__MAX ? sections[s].code : "";
}

const char *plan_section_label(enum plan_section s)
{
	return (unsigned)s < PLS__MAX ? sections[s].label : "";
}

const char *plan_section_noun(enum plan_section s)
{
	return (unsigned)s < PLS__MAX ? sections[s].noun : "";
}

bool plan_section_single(enum plan_section s)
{
	return (unsigned)s < PLS__MAX && sections[s].single;
}

enum plan_section plan_section_from_code(const char *code)
{
	for (int s = 0; code && s < PLS__MAX; s++)
		if (strcmp(code, sections[s].code) == 0)
			return (enum plan_section)s;
	return PLS__MAX;
}

const struct plan_field_info *plan_field(enum plan_field f)
{
	return (unsigned)f < PLF__MAX ? &fields[f] : NULL;
}

enum plan_field plan_field_from_name(const char *name)
{
	for (int f = 0; name && f < PLF__MAX; f++)
		if (strcmp(name, fields[f].name) == 0)
			return (enum plan_field)f;
	return PLF__MAX;
}

void plan_section_fields(enum plan_section s, enum plan_field *first, enum plan_field *end)
{
	int i = 0;
	while (i < PLF__MAX && fields[i].section != s)
		i++;
	*first = (enum plan_field)i;
	while (i < PLF__MAX && fields[i].section == s)
		i++;
	*end = (enum plan_field)i;
}

const struct plan_choice *plan_choices(enum plan_choice_set cs, size_t *n)
{
	if ((unsigned)cs >= PCS__MAX) {
		*n = 0;
		return NULL;
	}
	*n = choice_sets[cs].n;
	return choice_sets[cs].c;
}

const char *plan_choice_label(enum plan_choice_set cs, const char *code)
{
	size_t n;
	const struct plan_choice *c = plan_choices(cs, &n);
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(code, c[i].code) == 0)
			return c[i].label;
	return "";
}

const char *plan_ref_name(const struct plan_ref *r, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].id == id)
			return r[i].name;
	return NULL;
}

/* ---- money, dates, times ------------------------------------------------------- */

bool plan_money_parse(const char *s, int64_t *pence)
{
	if (!s)
		return false;
	if (strncmp(s, "\xc2\xa3", 2) == 0) /* £ */
		s += 2;
	int64_t v = 0;
	size_t digits = 0, group = 0;
	bool commas = false;
	for (; *s && *s != '.'; s++) {
		if (*s == ',') {
			if (!digits || (commas && group != 3) || (!commas && group > 3))
				return false;
			commas = true;
			group = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		digits++;
		group++;
		if (v > PLAN_MONEY_MAX)
			return false;
	}
	if (!digits || (commas && group != 3))
		return false;
	int64_t p = 0;
	if (*s == '.') {
		s++;
		size_t k = 0;
		for (; *s && k < 3; s++, k++) {
			if (*s < '0' || *s > '9')
				return false;
			p = p * 10 + (*s - '0');
		}
		if (*s || k == 0 || k > 2)
			return false;
		if (k == 1)
			p *= 10;
	}
	int64_t total = v * 100 + p;
	if (total > PLAN_MONEY_MAX)
		return false;
	*pence = total;
	return true;
}

void plan_money_format(int64_t pence, char *out, size_t n)
{
	bool neg = pence < 0;
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	char digits[32];
	int k = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(u / 100));
	char grouped[48];
	size_t g = 0;
	for (int i = 0; i < k; i++) {
		if (i && (k - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	snprintf(out, n, "%s\xc2\xa3%s.%02u", neg ? "-" : "", grouped, (unsigned)(u % 100));
}

enum cp_err plan_next_review(const char *agreed, int days, char *out, size_t n)
{
	struct caldate d, r;
	char msg[CALDATE_MSG_MAX];
	if (n)
		out[0] = '\0';
	if (!agreed || days < 1 || days > 730 || caldate_parse(agreed, "Date agreed", &d, msg, sizeof msg) ||
	    caldate_add_days(d, days, &r))
		return CP_EINVAL;
	caldate_format(r, out, n);
	return CP_OK;
}

#define MS_PER_DAY 86400000LL

/* Days since 1970 of the last Sunday of month m in year y. */
static int last_sunday(int y, int m)
{
	struct caldate d = {y, m, caldate_days_in_month(y, m)};
	return caldate_to_days(d) - caldate_weekday(d) % 7;
}

void plan_london_hhmm(int64_t ms, char out[6])
{
	int64_t day = ms / MS_PER_DAY - (ms < 0 && ms % MS_PER_DAY ? 1 : 0);
	int64_t in_day = ms - day * MS_PER_DAY;
	struct caldate d;
	if (caldate_from_days((int)day, &d)) {
		snprintf(out, 6, "00:00");
		return;
	}
	int64_t start = (int64_t)last_sunday(d.y, 3) * MS_PER_DAY + 3600000LL;
	int64_t end = (int64_t)last_sunday(d.y, 10) * MS_PER_DAY + 3600000LL;
	if (ms >= start && ms < end)
		in_day += 3600000LL;
	in_day %= MS_PER_DAY;
	unsigned mins = (unsigned)(in_day / 60000LL);
	out[0] = (char)('0' + mins / 600 % 3);
	out[1] = (char)('0' + mins / 60 % 10);
	out[2] = ':';
	out[3] = (char)('0' + mins % 60 / 10);
	out[4] = (char)('0' + mins % 10);
	out[5] = '\0';
}

/* ---- validation ------------------------------------------------------------------- */

static void today(int64_t now_ms, struct caldate *d)
{
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	if (caldate_from_days((int)days, d) != CP_OK)
		*d = (struct caldate){1970, 1, 1};
}

static bool in_refs(const struct plan_ref *r, size_t n, int64_t id)
{
	return plan_ref_name(r, n, id) != NULL;
}

/* The dates a visit is off: YYYY-MM-DD dates separated by commas or
 * spaces, at most PLAN_EXCEPT_MAX, each a real date; kept as
 * "YYYY-MM-DD, YYYY-MM-DD" in the order given.  NULL and an error naming
 * the field and the first wrong date otherwise. */
static const char *visit_exceptions(struct form_check *v, const struct plan_field_info *fi, const char *s)
{
	char out[PLAN_EXCEPT_MAX * 12 + 1] = "";
	size_t used = 0, n = 0;
	for (const char *p = s;;) {
		while (*p == ',' || *p == ' ')
			p++;
		if (!*p)
			break;
		size_t k = strcspn(p, ", ");
		if (++n > PLAN_EXCEPT_MAX) {
			form_error(v, fi->name, arena_printf(v->a, "%s: give at most %d dates", fi->label, PLAN_EXCEPT_MAX));
			return NULL;
		}
		char one[11] = "";
		struct caldate d;
		char msg[CALDATE_MSG_MAX];
		if (k == 10)
			memcpy(one, p, 10);
		if (k != 10 || caldate_parse(one, fi->label, &d, msg, sizeof msg)) {
			form_error(v, fi->name, arena_printf(v->a, "%s: \"%.*s\" is not a date like 2026-12-25", fi->label,
							     (int)(k > 20 ? 20 : k), p));
			return NULL;
		}
		used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", used ? ", " : "", one);
		p += k;
	}
	return used ? arena_strdup(v->a, out) : NULL;
}

static const char *one_field(struct form_check *v, enum plan_field f, const char *raw, const struct plan_refs *refs)
{
	const struct plan_field_info *fi = &fields[f];
	char *s = form_clean(v, raw);
	if (!s) {
		if (fi->missing)
			form_error(v, fi->name, fi->missing);
		return NULL;
	}
	size_t len = strlen(s);
	if (!utf8_text_valid(s, len)) {
		form_error(v, fi->name, arena_printf(v->a, "%s must be text", fi->label));
		return NULL;
	}
	int64_t n = 0;
	switch (fi->kind) {
	case PLK_TEXT:
	case PLK_AREA:
		if (utf8_count(s, len) > (size_t)fi->hi) {
			form_error(v, fi->name, arena_printf(v->a, "%s must be %d characters or fewer", fi->label, fi->hi));
			return NULL;
		}
		if (f == PLF_VISIT_EXCEPT)
			return visit_exceptions(v, fi, s);
		return s;
	case PLK_DATE: {
		struct caldate d;
		char msg[CALDATE_MSG_MAX];
		if (caldate_parse(s, fi->label, &d, msg, sizeof msg)) {
			form_error(v, fi->name, arena_strdup(v->a, msg));
			return NULL;
		}
		return s;
	}
	case PLK_INT:
		if (str_to_i64(s[0] == '+' ? s + 1 : s, fi->lo, fi->hi, &n)) {
			form_error(v, fi->name,
				   arena_printf(v->a, "%s must be a whole number from %d to %d", fi->label, fi->lo, fi->hi));
			return NULL;
		}
		return arena_printf(v->a, "%lld", (long long)n);
	case PLK_MONEY:
		if (!plan_money_parse(s, &n)) {
			form_error(v, fi->name,
				   arena_printf(v->a, "%s must be an amount in pounds and pence, like 1250.00", fi->label));
			return NULL;
		}
		return arena_printf(v->a, "%lld", (long long)n);
	case PLK_CHOICE: {
		size_t k;
		const struct plan_choice *c = plan_choices((enum plan_choice_set)fi->lo, &k);
		for (size_t i = 0; i < k; i++)
			if (strcmp(s, c[i].code) == 0)
				return c[i].code;
		form_error(v, fi->name, fi->missing ? fi->missing : arena_printf(v->a, "%s: choose one of the options", fi->label));
		return NULL;
	}
	case PLK_RRULE: {
		struct recur_rule rule;
		char msg[RECUR_MSG_MAX];
		if (len >= RECUR_TEXT_MAX || recur_parse(s, &rule, msg, sizeof msg)) {
			form_error(v, fi->name,
				   len >= RECUR_TEXT_MAX ? arena_printf(v->a, "%s is too long", fi->label)
							 : arena_printf(v->a, "%s: %s", fi->label, msg));
			return NULL;
		}
		return arena_strdup(v->a, rule.text);
	}
	case PLK_TIME:
		if (len == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[3] >= '0' &&
		    s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] - '0') * 10 + (s[1] - '0') < 24)
			return s;
		form_error(v, fi->name, arena_printf(v->a, "%s must be a time on the 24-hour clock, like 09:30", fi->label));
		return NULL;
	case PLK_USER:
	case PLK_CARER:
	case PLK_GOAL: {
		const struct plan_ref *r = fi->kind == PLK_USER ? refs->users : fi->kind == PLK_CARER ? refs->carers : refs->goals;
		size_t k = fi->kind == PLK_USER ? refs->n_users : fi->kind == PLK_CARER ? refs->n_carers : refs->n_goals;
		if (str_to_i64(s, 1, INT64_MAX, &n) || !in_refs(r, k, n)) {
			form_error(v, fi->name, arena_printf(v->a, "%s: choose one from the list", fi->label));
			return NULL;
		}
		return arena_printf(v->a, "%lld", (long long)n);
	}
	}
	return NULL;
}

static bool bad(const struct person_errors *e, enum plan_field f)
{
	return person_error_for(e, fields[f].name) != NULL;
}

static void need(struct form_check *v, const struct plan_item *o, enum plan_field f, const char *msg)
{
	if (!o->v[f] && !bad(v->errs, f))
		form_error(v, fields[f].name, msg);
}

static bool is(const char *v, const char *code)
{
	return v && strcmp(v, code) == 0;
}

enum cp_err plan_validate(struct arena *a, enum plan_section s, const struct plan_input *in,
			  const struct plan_refs *refs, int64_t now_ms, struct plan_item *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	out->section = s;
	if ((unsigned)s >= PLS__MAX)
		return CP_EINVAL;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	enum plan_field f0, f1;
	plan_section_fields(s, &f0, &f1);
	for (enum plan_field f = f0; f < f1; f++)
		out->v[f] = one_field(&v, f, in->v[f], refs);
	const char *const *o = out->v;
	switch (s) {
	case PLS_ISSUE:
		if (is(o[PLF_ISSUE_RANKED_BY], "professional"))
			need(&v, out, PLF_ISSUE_RANKED_NAME, "Enter the name of the professional who ranked it");
		else
			out->v[PLF_ISSUE_RANKED_NAME] = NULL;
		break;
	case PLS_GOAL: {
		bool gas = o[PLF_GOAL_GAS_BASELINE] || bad(errs, PLF_GOAL_GAS_BASELINE);
		for (enum plan_field f = PLF_GOAL_GAS_M2; f <= PLF_GOAL_GAS_P2; f++)
			gas = gas || o[f];
		if (gas) {
			need(&v, out, PLF_GOAL_GAS_0, "Describe the expected outcome (level 0) to use goal attainment scaling");
			need(&v, out, PLF_GOAL_GAS_BASELINE,
			     "Enter the level at the start, from -2 to +2, to use goal attainment scaling");
		}
		break;
	}
	case PLS_ACTION: {
		const char *who = o[PLF_ACTION_WHO];
		if (is(who, "carer"))
			need(&v, out, PLF_ACTION_WHO_CARER, "Select the carer who does it");
		else
			out->v[PLF_ACTION_WHO_CARER] = NULL;
		if (is(who, "member"))
			need(&v, out, PLF_ACTION_WHO_USER, "Select the member of the care team who does it");
		else
			out->v[PLF_ACTION_WHO_USER] = NULL;
		if (is(who, "service"))
			need(&v, out, PLF_ACTION_WHO_NAME, "Enter the name of the service that does it");
		else
			out->v[PLF_ACTION_WHO_NAME] = NULL;
		bool due = o[PLF_ACTION_DUE] || bad(errs, PLF_ACTION_DUE);
		bool rec = o[PLF_ACTION_RRULE] || bad(errs, PLF_ACTION_RRULE);
		if (!due && !rec)
			form_error(&v, fields[PLF_ACTION_DUE].name, "Enter when: a date, or how often as a recurrence");
		else if (o[PLF_ACTION_DUE] && o[PLF_ACTION_RRULE])
			form_error(&v, fields[PLF_ACTION_RRULE].name,
				   "Enter a date or a recurrence, not both: clear one of them");
		break;
	}
	case PLS_ACP:
		if (is(o[PLF_ACP_LPA_HEALTH], "yes"))
			need(&v, out, PLF_ACP_LPA_HEALTH_WHO, "Enter who holds the lasting power of attorney for health and welfare");
		if (is(o[PLF_ACP_LPA_PROPERTY], "yes"))
			need(&v, out, PLF_ACP_LPA_PROPERTY_WHO,
			     "Enter who holds the lasting power of attorney for property and finance");
		if (is(o[PLF_ACP_ADRT], "yes"))
			need(&v, out, PLF_ACP_ADRT_DETAILS, "Enter the details of the advance decision to refuse treatment");
		if (o[PLF_ACP_RESUS] && !is(o[PLF_ACP_RESUS], "not_discussed"))
			need(&v, out, PLF_ACP_RESUS_REVIEW, "Enter when the resuscitation decision will be reviewed");
		break;
	case PLS_AGREE: {
		if (is(o[PLF_AGREE_WITH], "representative"))
			need(&v, out, PLF_AGREE_NAME, "Enter the name of the representative who agreed the plan");
		else
			out->v[PLF_AGREE_NAME] = NULL;
		struct caldate t, d, r;
		today(now_ms, &t);
		char msg[CALDATE_MSG_MAX];
		bool have_d = o[PLF_AGREE_DATE] && !caldate_parse(o[PLF_AGREE_DATE], NULL, &d, msg, sizeof msg);
		if (have_d && caldate_cmp(d, t) > 0)
			form_error(&v, fields[PLF_AGREE_DATE].name, "Date agreed must be today or in the past");
		if (!o[PLF_AGREE_INTERVAL] && !o[PLF_AGREE_REVIEW_DATE] && !bad(errs, PLF_AGREE_INTERVAL) &&
		    !bad(errs, PLF_AGREE_REVIEW_DATE))
			form_error(&v, fields[PLF_AGREE_INTERVAL].name,
				   "Enter how often the plan is reviewed, in days, or a review date");
		if (have_d && o[PLF_AGREE_REVIEW_DATE] &&
		    !caldate_parse(o[PLF_AGREE_REVIEW_DATE], NULL, &r, msg, sizeof msg) && caldate_cmp(r, d) <= 0)
			form_error(&v, fields[PLF_AGREE_REVIEW_DATE].name, "Review date must be after the date agreed");
		break;
	}
	default:
		break;
	}
	if (v.oom)
		return CP_ENOMEM;
	return errs->n ? CP_EINVAL : CP_OK;
}

/* ---- display -------------------------------------------------------------------- */

const char *plan_display(struct arena *a, const struct plan_item *it, enum plan_field f, const struct plan_refs *refs)
{
	if ((unsigned)f >= PLF__MAX || !it->v[f])
		return NULL;
	const char *s = it->v[f];
	const struct plan_field_info *fi = &fields[f];
	int64_t n = 0;
	switch (fi->kind) {
	case PLK_DATE: {
		struct caldate d;
		char msg[CALDATE_MSG_MAX], out[CALDATE_HUMAN_MAX];
		if (caldate_parse(s, NULL, &d, msg, sizeof msg))
			return s;
		caldate_format_human(d, out, sizeof out);
		return arena_strdup(a, out);
	}
	case PLK_MONEY: {
		char out[PLAN_MONEY_STR];
		if (str_to_i64(s, INT64_MIN + 1, INT64_MAX, &n))
			return s;
		plan_money_format(n, out, sizeof out);
		return arena_strdup(a, out);
	}
	case PLK_CHOICE: {
		const char *l = plan_choice_label((enum plan_choice_set)fi->lo, s);
		return *l ? l : s;
	}
	case PLK_RRULE: {
		struct recur_rule rule;
		char msg[RECUR_MSG_MAX], out[RECUR_SUMMARY_MAX];
		if (recur_parse(s, &rule, msg, sizeof msg))
			return s;
		recur_summary(&rule, out, sizeof out);
		return arena_strdup(a, out);
	}
	case PLK_INT:
		if (f == PLF_GOAL_GAS_BASELINE && s[0] != '-' && strcmp(s, "0") != 0)
			return arena_printf(a, "+%s", s);
		return s;
	case PLK_USER:
	case PLK_CARER:
	case PLK_GOAL: {
		const struct plan_ref *r = fi->kind == PLK_USER ? refs->users : fi->kind == PLK_CARER ? refs->carers : refs->goals;
		size_t k = fi->kind == PLK_USER ? refs->n_users : fi->kind == PLK_CARER ? refs->n_carers : refs->n_goals;
		const char *name = str_to_i64(s, 1, INT64_MAX, &n) ? NULL : plan_ref_name(r, k, n);
		return name ? name : "(no longer listed)";
	}
	default:
		return s;
	}
}

const char *plan_form_value(struct arena *a, const struct plan_item *it, enum plan_field f)
{
	if ((unsigned)f >= PLF__MAX || !it->v[f])
		return NULL;
	int64_t n;
	if (fields[f].kind == PLK_MONEY && !str_to_i64(it->v[f], 0, INT64_MAX, &n))
		return arena_printf(a, "%lld.%02d", (long long)(n / 100), (int)(n % 100));
	return it->v[f];
}

/* ---- snapshots ---------------------------------------------------------------- */

static void put_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			buf_add(b, "\\t", 2);
		else if (*s == '\n')
			buf_add(b, "\\n", 2);
		else if (*s == '\\')
			buf_add(b, "\\\\", 2);
		else
			buf_putc(b, *s);
	}
}

char *plan_snapshot(struct arena *a, const char *status, const struct plan_item *items, size_t n,
		    const struct plan_refs *refs)
{
	struct buf b;
	buf_init(&b, 4u * 1024 * 1024);
	buf_puts(&b, "plan\tstatus\t");
	put_escaped(&b, status && strcmp(status, "agreed") == 0 ? "Agreed" : "Draft");
	buf_puts(&b, "\n");
	for (int s = 0; s < PLS__MAX; s++) {
		for (size_t i = 0; i < n; i++) {
			const struct plan_item *it = &items[i];
			if ((int)it->section != s)
				continue;
			char key[64];
			if (sections[s].single)
				snprintf(key, sizeof key, "%s", sections[s].code);
			else
				snprintf(key, sizeof key, "%s:%lld", sections[s].code, (long long)it->id);
			enum plan_field f0, f1;
			plan_section_fields((enum plan_section)s, &f0, &f1);
			for (enum plan_field f = f0; f < f1; f++) {
				const char *d = plan_display(a, it, f, refs);
				if (!d)
					continue;
				buf_puts(&b, key);
				buf_puts(&b, "\t");
				buf_puts(&b, fields[f].name);
				buf_puts(&b, "\t");
				put_escaped(&b, d);
				buf_puts(&b, "\n");
			}
		}
	}
	char *out = NULL;
	if (!b.err && b.data)
		out = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}

/* ---- differences -------------------------------------------------------------- */

struct line {
	const char *key, *field, *value; /* value unescaped */
	enum plan_section section;       /* PLS__MAX for "plan" */
	enum plan_field f;
	bool matched;
};

static char *unescape(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];
			if (c == 't')
				c = '\t';
			else if (c == 'n')
				c = '\n';
			out[k++] = c;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

static enum cp_err parse(struct arena *a, const char *text, struct line **out, size_t *n)
{
	*n = 0;
	size_t cap = 1;
	for (const char *p = text; p && *p; p++)
		cap += *p == '\n';
	*out = arena_zalloc(a, cap * sizeof **out);
	if (!*out)
		return CP_ENOMEM;
	const char *p = text;
	while (p && *p) {
		const char *end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		const char *t1 = memchr(p, '\t', (size_t)(end - p));
		const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(end - t1 - 1)) : NULL;
		if (t1 && t2 && *n < cap) {
			struct line *l = &(*out)[*n];
			l->key = arena_strndup(a, p, (size_t)(t1 - p));
			l->field = arena_strndup(a, t1 + 1, (size_t)(t2 - t1 - 1));
			l->value = unescape(a, t2 + 1, (size_t)(end - t2 - 1));
			if (!l->key || !l->field || !l->value)
				return CP_ENOMEM;
			char code[32];
			size_t cl = strcspn(l->key, ":");
			snprintf(code, sizeof code, "%.*s", (int)(cl < 31 ? cl : 31), l->key);
			l->section = plan_section_from_code(code);
			l->f = plan_field_from_name(l->field);
			(*n)++;
		}
		p = *end ? end + 1 : end;
	}
	return CP_OK;
}

static bool has_key(const struct line *l, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].key, key) == 0)
			return true;
	return false;
}

/* The entry's title: its first line's value in lines (the section's first field). */
static const char *title_of(const struct line *l, size_t n, const char *key, enum plan_section s)
{
	enum plan_field f0, f1;
	if (s == PLS__MAX && strcmp(key, "plan") == 0)
		return "Plan status";
	if (s < PLS__MAX) {
		plan_section_fields(s, &f0, &f1);
		if (sections[s].single)
			return sections[s].label;
		for (size_t i = 0; i < n; i++)
			if (strcmp(l[i].key, key) == 0 && l[i].f == f0)
				return l[i].value;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].key, key) == 0)
			return l[i].value;
	return "";
}

static const char *label_of(const struct line *l)
{
	if (l->f < PLF__MAX)
		return fields[l->f].label;
	return strcmp(l->field, "status") == 0 ? "Status" : l->field;
}

enum cp_err plan_diff(struct arena *a, const char *from, const char *to, struct plan_change **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct line *fl, *tl;
	size_t fn, tn;
	enum cp_err err;
	if ((err = parse(a, from, &fl, &fn)) || (err = parse(a, to, &tl, &tn)))
		return err;
	*out = arena_zalloc(a, (fn + tn + 1) * sizeof **out);
	if (!*out)
		return CP_ENOMEM;
	/* Pair lines of the same key and field. */
	for (size_t j = 0; j < tn; j++)
		for (size_t i = 0; i < fn; i++)
			if (!fl[i].matched && strcmp(fl[i].key, tl[j].key) == 0 && strcmp(fl[i].field, tl[j].field) == 0) {
				fl[i].matched = tl[j].matched = true;
				if (strcmp(fl[i].value, tl[j].value) != 0)
					(*out)[(*n)++] = (struct plan_change){
						.kind = PLAN_CHANGED, .section = tl[j].section, .key = tl[j].key,
						.title = title_of(tl, tn, tl[j].key, tl[j].section), .field_label = label_of(&tl[j]),
						.before = fl[i].value, .after = tl[j].value};
				break;
			}
	for (size_t j = 0; j < tn; j++)
		if (!tl[j].matched)
			(*out)[(*n)++] = (struct plan_change){
				.kind = PLAN_ADDED, .section = tl[j].section, .key = tl[j].key,
				.title = title_of(tl, tn, tl[j].key, tl[j].section), .field_label = label_of(&tl[j]),
				.after = tl[j].value, .item_added = !has_key(fl, fn, tl[j].key)};
	for (size_t i = 0; i < fn; i++)
		if (!fl[i].matched)
			(*out)[(*n)++] = (struct plan_change){
				.kind = PLAN_REMOVED, .section = fl[i].section, .key = fl[i].key,
				.title = has_key(tl, tn, fl[i].key) ? title_of(tl, tn, fl[i].key, fl[i].section)
								    : title_of(fl, fn, fl[i].key, fl[i].section),
				.field_label = label_of(&fl[i]), .before = fl[i].value,
				.item_removed = !has_key(tl, tn, fl[i].key)};
	/* Order: the plan's own lines first, then by section in page order;
	 * within a section, by entry in the order first met, then as found. */
	struct plan_change *c = *out;
	size_t *grp = arena_alloc(a, (*n + 1) * sizeof *grp);
	if (!grp)
		return CP_ENOMEM;
	for (size_t i = 0; i < *n; i++) {
		grp[i] = i;
		for (size_t k = 0; k < i; k++)
			if (strcmp(c[k].key, c[i].key) == 0) {
				grp[i] = grp[k];
				break;
			}
	}
	for (size_t i = 1; i < *n; i++) {
		struct plan_change x = c[i];
		size_t xg = grp[i];
		int xs = x.section == PLS__MAX ? -1 : (int)x.section;
		size_t j = i;
		while (j > 0) {
			int ps = c[j - 1].section == PLS__MAX ? -1 : (int)c[j - 1].section;
			if (!(xs < ps || (xs == ps && xg < grp[j - 1])))
				break;
			c[j] = c[j - 1];
			grp[j] = grp[j - 1];
			j--;
		}
		c[j] = x;
		grp[j] = xg;
	}
	return CP_OK;
}

enum cp_err plan_visit_next(const struct plan_item *it, int64_t from_ms, struct recur_occ *out, size_t max,
			    size_t *n)
{
	*n = 0;
	if (it->section != PLS_VISIT || !it->v[PLF_VISIT_RRULE] || !it->v[PLF_VISIT_START] || !it->v[PLF_VISIT_TIME])
		return CP_EINVAL;
	struct recur_rule rule;
	char msg[RECUR_MSG_MAX];
	struct recur_local start;
	const char *t = it->v[PLF_VISIT_TIME];
	if (recur_parse(it->v[PLF_VISIT_RRULE], &rule, msg, sizeof msg) ||
	    caldate_parse(it->v[PLF_VISIT_START], NULL, &start.date, msg, sizeof msg) || strlen(t) != 5)
		return CP_EINVAL;
	start.hour = (t[0] - '0') * 10 + (t[1] - '0');
	start.minute = (t[3] - '0') * 10 + (t[4] - '0');
	const char *except = it->v[PLF_VISIT_EXCEPT];
	size_t skip = except ? (strlen(except) + 2) / 12 : 0; /* "YYYY-MM-DD, " each */
	struct recur_occ all[RECUR_LIST_MAX];
	size_t want = max + skip > RECUR_LIST_MAX ? RECUR_LIST_MAX : max + skip, got = 0;
	enum cp_err err = recur_next(&rule, start, from_ms, want, all, &got, msg, sizeof msg);
	if (err && err != CP_ETOOBIG)
		return err;
	/* The dates the visit is off are left out. */
	for (size_t i = 0; i < got && *n < max; i++) {
		char day[CALDATE_STR];
		caldate_format(all[i].local.date, day, sizeof day);
		if (!except || !strstr(except, day))
			out[(*n)++] = all[i];
	}
	return CP_OK;
}
