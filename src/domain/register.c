/* register.c - the population register: import, scores, worklist, entry
 * (register.h). */
#include "register.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../util/csvread.h"
#include "../util/str.h"
#include "episode_service.h"
#include "nhsnum.h"

#define MS_PER_DAY 86400000LL

static const char *const column_names[RC__MAX] = {
	[RC_NHS_NUMBER] = "nhs_number",
	[RC_GIVEN_NAME] = "given_name",
	[RC_FAMILY_NAME] = "family_name",
	[RC_BIRTH_DATE] = "birth_date",
	[RC_POSTCODE] = "postcode",
	[RC_CONDITIONS] = "conditions",
	[RC_FRAILTY] = "frailty",
	[RC_EMERGENCY] = "emergency_admissions_12m",
	[RC_AE] = "ae_attendances_12m",
	[RC_LIVES_ALONE] = "lives_alone",
	[RC_IS_CARER] = "is_carer",
	[RC_HAS_CARER] = "has_carer",
};

const char *register_column_name(enum register_column c)
{
	return c < RC__MAX ? column_names[c] : "";
}

static struct caldate today_of(int64_t now_ms)
{
	struct caldate d;
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	if (caldate_from_days((int)days, &d) != CP_OK)
		d = (struct caldate){1970, 1, 1};
	return d;
}

/* ---- one row --------------------------------------------------------------- */

static char ascii_upper(char c)
{
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	return c;
}

static char ascii_lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	return c;
}

/* s without the spaces and tabs around it, in the arena. */
static char *trimmed(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

/* True when s (n bytes) is UTF-8 text without control characters. */
static bool plain_text(const char *s, size_t n)
{
	if (!utf8_text_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

__attribute__((format(printf, 2, 3))) static enum cp_err refuse(char *reason, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, REGISTER_REASON_MAX, fmt, ap);
	va_end(ap);
	return CP_EINVAL;
}

static enum cp_err name_field(struct arena *a, const char *raw, enum register_column c, const char **out,
			      char *reason)
{
	char *v = trimmed(a, raw);
	if (!v)
		return CP_ENOMEM;
	size_t n = strlen(v);
	if (n == 0)
		return refuse(reason, "%s is empty", column_names[c]);
	if (!plain_text(v, n) || utf8_count(v, n) > 100)
		return refuse(reason, "%s must be 1 to 100 characters of text", column_names[c]);
	*out = v;
	return CP_OK;
}

/* A count of the last 12 months: empty is 0. */
static enum cp_err count_field(const char *raw, enum register_column c, int *out, char *reason)
{
	while (*raw == ' ')
		raw++;
	if (!*raw) {
		*out = 0;
		return CP_OK;
	}
	int64_t v;
	if (raw[0] == '-' && str_to_i64(raw, INT64_MIN / 2, -1, &v) == CP_OK)
		return refuse(reason, "%s is negative: a count must be 0 or more", column_names[c]);
	char buf[16];
	size_t n = strlen(raw);
	while (n && raw[n - 1] == ' ')
		n--;
	if (n >= sizeof buf || (memcpy(buf, raw, n), buf[n] = '\0', str_to_i64(buf, 0, 999, &v)))
		return refuse(reason, "%s must be a whole number from 0 to 999", column_names[c]);
	*out = (int)v;
	return CP_OK;
}

/* yes/no: yes, y, true, 1; no, n, false, 0 or empty (any capitals). */
static enum cp_err yes_no_field(const char *raw, enum register_column c, bool *out, char *reason)
{
	char v[8];
	while (*raw == ' ')
		raw++;
	size_t n = strlen(raw);
	while (n && raw[n - 1] == ' ')
		n--;
	if (n >= sizeof v)
		return refuse(reason, "%s must be yes or no", column_names[c]);
	memcpy(v, raw, n);
	v[n] = '\0';
	static const char *const yes[] = {"yes", "y", "true", "1"};
	static const char *const no[] = {"no", "n", "false", "0", ""};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return CP_OK;
		}
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return CP_OK;
		}
	return refuse(reason, "%s must be yes or no", column_names[c]);
}

/* A UK postcode, any spacing and capitals: 5 to 7 letters and digits,
 * stored in capitals with one space before the last three.  Empty is none. */
static enum cp_err postcode_field(struct arena *a, const char *raw, const char **out, char *reason)
{
	char v[8];
	size_t n = 0;
	for (const char *p = raw; *p; p++) {
		if (*p == ' ')
			continue;
		char ch = ascii_upper(*p);
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) || n == 7)
			return refuse(reason, "%s is not a UK postcode", column_names[RC_POSTCODE]);
		v[n++] = ch;
	}
	if (n == 0) {
		*out = NULL;
		return CP_OK;
	}
	if (n < 5 || v[n - 3] < '0' || v[n - 3] > '9' || v[0] < 'A' || v[0] > 'Z')
		return refuse(reason, "%s is not a UK postcode", column_names[RC_POSTCODE]);
	*out = arena_printf(a, "%.*s %.3s", (int)(n - 3), v, v + n - 3);
	return *out ? CP_OK : CP_ENOMEM;
}

/* The ';'-separated conditions, each trimmed, empty items dropped. */
static enum cp_err conditions_field(struct arena *a, const char *raw, const char **out, int *count, char *reason)
{
	size_t rl = strlen(raw);
	char *o = arena_alloc(a, rl + 1);
	if (!o)
		return CP_ENOMEM;
	size_t k = 0;
	int n = 0;
	const char *p = raw;
	while (*p) {
		const char *e = strchr(p, ';');
		const char *s = p, *t = e ? e : p + strlen(p);
		while (s < t && (*s == ' ' || *s == '\t'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		size_t l = (size_t)(t - s);
		if (l) {
			if (!plain_text(s, l) || utf8_count(s, l) > CASEFIND_NAME_MAX)
				return refuse(reason, "%s: each condition must be 1 to %d characters of text",
					      column_names[RC_CONDITIONS], CASEFIND_NAME_MAX);
			if (++n > REGISTER_CONDITIONS_MAX)
				return refuse(reason, "%s: more than %d conditions", column_names[RC_CONDITIONS],
					      REGISTER_CONDITIONS_MAX);
			if (k)
				o[k++] = ';';
			memcpy(o + k, s, l);
			k += l;
		}
		if (!e)
			break;
		p = e + 1;
	}
	o[k] = '\0';
	*out = o;
	*count = n;
	return CP_OK;
}

enum cp_err register_row_validate(struct arena *a, const char *const *fields, size_t n, const int col[RC__MAX],
				  int64_t now_ms, struct store_register_entry *e, char *reason)
{
	(void)n;
	memset(e, 0, sizeof *e);
	enum cp_err err;
	/* The NHS number: spaces allowed (the 3-3-4 groups), then 10 digits
	 * with a correct check digit. */
	char nhs[11];
	size_t k = 0;
	for (const char *p = fields[col[RC_NHS_NUMBER]]; *p; p++) {
		if (*p == ' ')
			continue;
		if (k == 10)
			return refuse(reason, "%s must be 10 digits", column_names[RC_NHS_NUMBER]);
		nhs[k++] = *p;
	}
	nhs[k] = '\0';
	if (k == 0)
		return refuse(reason, "%s is empty", column_names[RC_NHS_NUMBER]);
	for (size_t i = 0; i < k; i++)
		if (nhs[i] < '0' || nhs[i] > '9')
			return refuse(reason, "%s must be 10 digits", column_names[RC_NHS_NUMBER]);
	if (k != 10)
		return refuse(reason, "%s must be 10 digits", column_names[RC_NHS_NUMBER]);
	if (!nhsnum_valid(nhs))
		return refuse(reason, "%s is not a valid NHS number: its check digit is wrong",
			      column_names[RC_NHS_NUMBER]);
	if (!(e->nhs_number = arena_strndup(a, nhs, 10)))
		return CP_ENOMEM;
	if ((err = name_field(a, fields[col[RC_GIVEN_NAME]], RC_GIVEN_NAME, &e->given_name, reason)) ||
	    (err = name_field(a, fields[col[RC_FAMILY_NAME]], RC_FAMILY_NAME, &e->family_name, reason)))
		return err;
	char *bd = trimmed(a, fields[col[RC_BIRTH_DATE]]);
	if (!bd)
		return CP_ENOMEM;
	struct caldate d;
	char dmsg[CALDATE_MSG_MAX];
	if (!*bd)
		return refuse(reason, "%s is empty", column_names[RC_BIRTH_DATE]);
	if (caldate_parse(bd, column_names[RC_BIRTH_DATE], &d, dmsg, sizeof dmsg))
		return refuse(reason, "%s", dmsg[0] ? dmsg : "birth_date is not a date");
	if (caldate_cmp(d, today_of(now_ms)) > 0)
		return refuse(reason, "%s is in the future", column_names[RC_BIRTH_DATE]);
	if (d.y < 1900)
		return refuse(reason, "%s is before 1900", column_names[RC_BIRTH_DATE]);
	e->birth_date = bd;
	if ((err = postcode_field(a, fields[col[RC_POSTCODE]], &e->postcode, reason)) ||
	    (err = conditions_field(a, fields[col[RC_CONDITIONS]], &e->conditions, &e->n_conditions, reason)))
		return err;
	char fr[16];
	const char *fraw = fields[col[RC_FRAILTY]];
	while (*fraw == ' ')
		fraw++;
	size_t fl = strlen(fraw);
	while (fl && fraw[fl - 1] == ' ')
		fl--;
	if (fl >= sizeof fr)
		return refuse(reason, "%s must be fit, mild, moderate or severe (or empty when not known)",
			      column_names[RC_FRAILTY]);
	for (size_t i = 0; i < fl; i++)
		fr[i] = ascii_lower(fraw[i]);
	fr[fl] = '\0';
	enum casefind_frailty f = casefind_frailty_from_code(fr);
	if (f == FRAILTY__MAX)
		return refuse(reason, "%s must be fit, mild, moderate or severe (or empty when not known)",
			      column_names[RC_FRAILTY]);
	e->frailty = casefind_frailty_code(f);
	if ((err = count_field(fields[col[RC_EMERGENCY]], RC_EMERGENCY, &e->emergency_admissions, reason)) ||
	    (err = count_field(fields[col[RC_AE]], RC_AE, &e->ae_attendances, reason)) ||
	    (err = yes_no_field(fields[col[RC_LIVES_ALONE]], RC_LIVES_ALONE, &e->lives_alone, reason)) ||
	    (err = yes_no_field(fields[col[RC_IS_CARER]], RC_IS_CARER, &e->is_carer, reason)) ||
	    (err = yes_no_field(fields[col[RC_HAS_CARER]], RC_HAS_CARER, &e->has_carer, reason)))
		return err;
	return CP_OK;
}

static bool same_text(const char *x, const char *y)
{
	if (!x || !y)
		return x == y;
	return strcmp(x, y) == 0;
}

/* Whether the stored row has every value of the new one. */
static bool same_values(const struct store_register_entry *old, const struct store_register_entry *e)
{
	return same_text(old->given_name, e->given_name) && same_text(old->family_name, e->family_name) &&
	       same_text(old->birth_date, e->birth_date) && same_text(old->postcode, e->postcode) &&
	       same_text(old->conditions, e->conditions) && old->n_conditions == e->n_conditions &&
	       same_text(old->frailty, e->frailty) && old->emergency_admissions == e->emergency_admissions &&
	       old->ae_attendances == e->ae_attendances && old->lives_alone == e->lives_alone &&
	       old->is_carer == e->is_carer && old->has_carer == e->has_carer && old->score == e->score &&
	       old->rules_mask == e->rules_mask;
}

/* ---- import -------------------------------------------------------------- */

/* The header's columns into col; CP_EINVAL naming what is wrong. */
static enum cp_err read_header(const char *const *fields, size_t n, int col[RC__MAX], char *msg, size_t msgn)
{
	for (int c = 0; c < RC__MAX; c++)
		col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		char name[64];
		const char *s = fields[i];
		while (*s == ' ')
			s++;
		size_t l = strlen(s);
		while (l && s[l - 1] == ' ')
			l--;
		if (l >= sizeof name)
			continue;
		for (size_t j = 0; j < l; j++)
			name[j] = ascii_lower(s[j]);
		name[l] = '\0';
		for (int c = 0; c < RC__MAX; c++) {
			if (strcmp(name, column_names[c]) != 0)
				continue;
			if (col[c] >= 0) {
				snprintf(msg, msgn, "line 1: the column %s is in the header twice", column_names[c]);
				return CP_EINVAL;
			}
			col[c] = (int)i;
		}
	}
	char missing[512] = "";
	size_t k = 0;
	int nm = 0;
	for (int c = 0; c < RC__MAX; c++) {
		if (col[c] >= 0)
			continue;
		int w = snprintf(missing + k, sizeof missing - k, "%s%s", nm ? ", " : "", column_names[c]);
		if (w > 0 && (size_t)w < sizeof missing - k)
			k += (size_t)w;
		nm++;
	}
	if (nm) {
		snprintf(msg, msgn, "line 1: the header has no column %s, so nothing was imported (the header must name every column: see docs/case-finding.md)",
			 missing);
		return CP_EINVAL;
	}
	return CP_OK;
}

struct import_state {
	struct store_conn *c;
	int64_t import_id;
	int64_t in_batch;
	bool open; /* a transaction is open */
};

static enum cp_err batch_step(struct import_state *s)
{
	if (++s->in_batch < REGISTER_BATCH)
		return CP_OK;
	s->in_batch = 0;
	enum cp_err err = store_commit(s->c);
	s->open = false;
	if (err)
		return err;
	if ((err = store_begin(s->c)))
		return err;
	s->open = true;
	return CP_OK;
}

enum cp_err register_import(struct store_conn *c, FILE *f, const char *source, const struct audit_actor *who,
			    int64_t now_ms, const struct casefind_rules *rules, register_refusal_fn refused, void *ctx,
			    struct register_report *rep, char *msg, size_t msgn)
{
	memset(rep, 0, sizeof *rep);
	msg[0] = '\0';
	struct csvread *rd = csvread_new(f);
	struct arena *a = arena_new(256 * 1024);
	struct import_state s = {.c = c};
	enum cp_err err = CP_OK;
	if (!rd || !a) {
		err = CP_ENOMEM;
		goto done;
	}
	const char *const *fields;
	size_t n;
	long line;
	const char *cmsg;
	int col[RC__MAX];
	enum csvread_result res = csvread_next(rd, &fields, &n, &line, &cmsg);
	if (res == CSVREAD_END) {
		snprintf(msg, msgn, "%s", "the file is empty: it needs a header row naming the columns");
		err = CP_EINVAL;
		goto done;
	}
	if (res == CSVREAD_EIO) {
		snprintf(msg, msgn, "%s", cmsg ? cmsg : "the file could not be read");
		err = cmsg ? CP_EINVAL : CP_EIO;
		goto done;
	}
	if (res == CSVREAD_BAD) {
		snprintf(msg, msgn, "line %ld: the header row is not CSV: %s", line, cmsg);
		err = CP_EINVAL;
		goto done;
	}
	if ((err = read_header(fields, n, col, msg, msgn)))
		goto done;
	size_t n_header = n;

	/* Scores must come from these rules: score every row again first when
	 * the register's were computed with others. */
	int64_t rescored = 0;
	bool rescore_ran = false;
	if ((err = register_rescore(c, rules, now_ms, &rescored, &rescore_ran)))
		goto done;
	rep->rescored = rescore_ran && rescored > 0;

	if ((err = store_begin(c)))
		goto done;
	s.open = true;
	struct store_register_import im = {.user_id = who->user_id, .source = source, .started_ms = now_ms};
	if ((err = store_register_import_insert(c, &im, &s.import_id)))
		goto done;
	rep->import_id = s.import_id;
	struct audit_event ev = {.action = "register.import", .object_type = "register_import",
				 .object_id = s.import_id, .reason = who->user_id ? "upload" : "command line"};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto done;
	struct caldate today = today_of(now_ms);
	char reason[REGISTER_REASON_MAX];
	for (;;) {
		arena_reset(a);
		res = csvread_next(rd, &fields, &n, &line, &cmsg);
		if (res == CSVREAD_END)
			break;
		if (res == CSVREAD_EIO) {
			snprintf(msg, msgn, "reading stopped at line %ld: %s", csvread_lines(rd),
				 cmsg ? cmsg : "the file could not be read");
			err = CP_EIO;
			goto done;
		}
		rep->rows_read++;
		if (res == CSVREAD_BAD) {
			rep->refused++;
			if (refused)
				refused(ctx, line, cmsg);
			continue;
		}
		if (n != n_header) {
			rep->refused++;
			snprintf(reason, sizeof reason, "the row has %zu fields; the header has %zu", n, n_header);
			if (refused)
				refused(ctx, line, reason);
			continue;
		}
		struct store_register_entry e;
		err = register_row_validate(a, fields, n, col, now_ms, &e, reason);
		if (err == CP_EINVAL) {
			rep->refused++;
			if (refused)
				refused(ctx, line, reason);
			continue;
		}
		if (err)
			goto done;
		casefind_eval(rules, &e, today, &e.score, &e.rules_mask);
		struct store_register_entry old;
		int64_t last_import = 0;
		err = store_register_by_nhs(c, a, e.nhs_number, &old, &last_import);
		if (err == CP_OK) {
			if (last_import == s.import_id) {
				rep->refused++;
				if (refused)
					refused(ctx, line, "the same NHS number is on an earlier row of this file");
				continue;
			}
			if (same_values(&old, &e)) {
				err = store_register_touch(c, old.id, s.import_id);
				rep->unchanged++;
			} else {
				e.id = old.id;
				e.updated_ms = now_ms;
				err = store_register_update(c, &e, s.import_id);
				rep->updated++;
			}
		} else if (err == CP_ENOTFOUND) {
			e.imported_ms = now_ms;
			int64_t id;
			err = store_register_insert(c, &e, s.import_id, &id);
			rep->added++;
		}
		if (err || (err = batch_step(&s)))
			goto done;
	}
	im.id = s.import_id;
	im.finished_ms = now_ms;
	im.rows_read = rep->rows_read;
	im.added = rep->added;
	im.updated = rep->updated;
	im.unchanged = rep->unchanged;
	im.refused = rep->refused;
	if ((err = store_register_import_finish(c, &im)))
		goto done;
	err = store_commit(c);
	s.open = false;
done:
	if (s.open)
		store_rollback(c);
	if (err && !msg[0])
		snprintf(msg, msgn, "the import stopped: %s", cp_strerror(err));
	csvread_free(rd);
	arena_free(a);
	return err;
}

/* ---- scores ---------------------------------------------------------------- */

struct rescore_ctx {
	struct store_conn *c;
	const struct casefind_rules *rules;
	struct caldate today;
	int64_t changed;
};

static enum cp_err rescore_one(void *ctx, const struct store_register_entry *e)
{
	struct rescore_ctx *r = ctx;
	int64_t score;
	uint64_t mask;
	casefind_eval(r->rules, e, r->today, &score, &mask);
	if (score == e->score && mask == e->rules_mask)
		return CP_OK;
	r->changed++;
	return store_register_set_score(r->c, e->id, score, mask);
}

enum cp_err register_rescore(struct store_conn *c, const struct casefind_rules *rules, int64_t now_ms,
			     int64_t *changed, bool *done)
{
	if (changed)
		*changed = 0;
	*done = false;
	struct arena *a = arena_new(4096);
	if (!a)
		return CP_ENOMEM;
	const char *fp = "";
	enum cp_err err = store_begin_read(c);
	if (!err) {
		err = store_register_fingerprint(c, a, &fp);
		store_rollback(c);
	}
	bool same = !err && strcmp(fp, rules->fingerprint) == 0;
	arena_free(a);
	if (err || same)
		return err;
	struct rescore_ctx r = {.c = c, .rules = rules, .today = today_of(now_ms)};
	int64_t after = 0;
	for (;;) {
		if ((err = store_begin(c)))
			return err;
		int64_t last = after;
		if ((err = store_register_walk(c, after, REGISTER_BATCH, rescore_one, &r, &last))) {
			store_rollback(c);
			return err;
		}
		if (last == after) {
			/* The end: store whose rules the scores are now. */
			if ((err = store_register_set_fingerprint(c, rules->fingerprint))) {
				store_rollback(c);
				return err;
			}
			if ((err = store_commit(c)))
				return err;
			break;
		}
		if ((err = store_commit(c)))
			return err;
		after = last;
	}
	if (changed)
		*changed = r.changed;
	*done = true;
	return CP_OK;
}

/* ---- worklist -------------------------------------------------------------- */

enum cp_err register_worklist(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int rule_index, int page, struct store_register_entry **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	*more = false;
	if (page < 1 || page > REGISTER_PAGES_MAX)
		return CP_EINVAL;
	uint64_t mask = rule_index >= 0 && rule_index < CASEFIND_RULES_MAX ? 1ull << rule_index : 0;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	/* One more than a page, to know whether there is a next one. */
	err = store_register_worklist(c, a, mask, (size_t)(page - 1) * REGISTER_PAGE, REGISTER_PAGE + 1, out, n);
	store_rollback(c);
	if (err)
		return err;
	if (*n > REGISTER_PAGE) {
		*more = true;
		*n = REGISTER_PAGE;
	}
	char *why = arena_printf(a, "case-finding worklist page %d: %zu shown", page, *n);
	struct audit_event ev = {.action = "register.read", .object_type = "register", .reason = why};
	return audit_read(c, who, &ev, now_ms);
}

const char *register_reasons(struct arena *a, const struct casefind_rules *rules, uint64_t mask)
{
	size_t len = 1;
	for (int i = 0; i < rules->n; i++)
		if ((mask >> i) & 1u)
			len += strlen(rules->rule[i].explain) + 2;
	char *o = arena_alloc(a, len);
	if (!o)
		return NULL;
	size_t k = 0;
	for (int i = 0; i < rules->n; i++) {
		if (!((mask >> i) & 1u))
			continue;
		if (k) {
			memcpy(o + k, "; ", 2);
			k += 2;
		}
		size_t l = strlen(rules->rule[i].explain);
		memcpy(o + k, rules->rule[i].explain, l);
		k += l;
	}
	o[k] = '\0';
	return o;
}

/* ---- the step to entry --------------------------------------------------- */

enum cp_err register_start(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   const struct casefind_rules *rules, int64_t entry_id, int64_t team_id, int64_t user_id,
			   int64_t *person_id, int64_t *episode_id)
{
	*person_id = 0;
	*episode_id = 0;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_register_entry e;
	if ((err = store_register_get(c, a, entry_id, &e)))
		goto fail;
	int64_t pid = e.person_id;
	if (!pid) {
		struct store_person other;
		err = store_person_by_nhs(c, a, e.nhs_number, &other);
		if (err == CP_OK) {
			pid = other.id; /* already recorded: link, never duplicate */
		} else if (err == CP_ENOTFOUND) {
			struct store_person p = {.nhs_number = e.nhs_number, .given_name = e.given_name,
						 .family_name = e.family_name, .birth_date = e.birth_date,
						 .postcode = e.postcode, .team_id = team_id, .created_ms = now_ms};
			if ((err = store_person_insert(c, &p, &pid)))
				goto fail;
			struct audit_event pev = {.action = "person.create", .object_type = "person", .object_id = pid,
						  .person_id = pid, .reason = "from the register (case finding)"};
			if ((err = audit_record(c, who, &pev, now_ms)))
				goto fail;
		} else {
			goto fail;
		}
	}
	struct store_episode open;
	err = store_episode_open_of(c, a, pid, &open);
	if (err == CP_OK) {
		*episode_id = open.id;
		*person_id = pid;
		err = CP_ECONFLICT;
		goto fail;
	}
	if (err != CP_ENOTFOUND)
		goto fail;
	if (e.person_id != pid) {
		if ((err = store_register_link(c, e.id, pid)))
			goto fail;
		struct audit_event lev = {.action = "register.link", .object_type = "register_entry",
					  .object_id = e.id, .person_id = pid};
		if ((err = audit_record(c, who, &lev, now_ms)))
			goto fail;
	}
	const char *reasons = register_reasons(a, rules, e.rules_mask);
	/* The register's list, "COPD;Asthma", read as "COPD, Asthma". */
	size_t cl = strlen(e.conditions), extra = 0;
	for (size_t i = 0; i < cl; i++)
		extra += e.conditions[i] == ';';
	char *conds = arena_alloc(a, cl + extra + 1);
	if (conds) {
		size_t k = 0;
		for (size_t i = 0; i < cl; i++) {
			if (e.conditions[i] == ';') {
				conds[k++] = ',';
				conds[k++] = ' ';
			} else {
				conds[k++] = e.conditions[i];
			}
		}
		conds[k] = '\0';
	}
	const char *why = conds ? arena_printf(a, "Found by case finding: %s.%s%s",
					       reasons && *reasons ? reasons : "on the register",
					       *conds ? " Long-term conditions on the register: " : "", conds)
				: NULL;
	if (!reasons || !why) {
		err = CP_ENOMEM;
		goto fail;
	}
	struct episode_start s = {
		.ep = {.level = 1, .updated_ms = now_ms},
		.referral = {.kind = "team", .reason = why},
	};
	int64_t open_id = 0;
	if ((err = episode_start_in_tx(c, a, who, now_ms, pid, &s, user_id, "Key worker", episode_id, &open_id))) {
		if (open_id)
			*episode_id = open_id;
		goto fail;
	}
	if ((err = store_commit(c)))
		goto fail_committed;
	*person_id = pid;
	return CP_OK;
fail:
	store_rollback(c);
fail_committed:
	if (err != CP_ECONFLICT) {
		*person_id = 0;
		*episode_id = 0;
	}
	return err;
}
