/*
 * person.c - validating a person's details, their contacts and searches for
 * them, and the audited operations on people (see person.h).
 *
 * Validation never stops at the first problem: every field is checked and
 * each bad one gets one message, so a form can be put right in one go.
 * Messages name the field and say what is wrong with it in the words of the
 * NHS.UK design system ("Enter ...", "... must be ...").
 */
#include "person.h"
#include "form.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "nhsnum.h"

static const struct person_field_info person_fields[PF__MAX] = {
#define PERSON_FIELD(e, name, label, max, kind, missing) [PF_##e] = {#name, label, max, kind, missing},
#include "person_field.def"
#undef PERSON_FIELD
};

static const struct person_field_info contact_fields[CF__MAX] = {
#define CONTACT_FIELD(e, name, label, max, kind, missing) [CF_##e] = {#name, label, max, kind, missing},
#include "contact_field.def"
#undef CONTACT_FIELD
};

/* The search checks dates and NHS numbers as the person form does, but
 * nothing is required. */
static const struct person_field_info search_fields[PS__MAX] = {
	[PS_NAME] = {"name", "Name", 100, PK_LINE, NULL},
	[PS_BIRTH_DATE] = {"birth_date", "Date of birth", 10, PK_DATE, NULL},
	[PS_NHS_NUMBER] = {"nhs_number", "NHS number", 12, PK_NHS, NULL},
};

/* The oldest date of birth taken: anything earlier is a typing mistake. */
#define OLDEST_BIRTH_YEAR 1900

const struct person_field_info *person_field(enum person_field f)
{
	return (unsigned)f < PF__MAX ? &person_fields[f] : NULL;
}

const struct person_field_info *contact_field(enum contact_field f)
{
	return (unsigned)f < CF__MAX ? &contact_fields[f] : NULL;
}

const struct person_field_info *person_search_field(enum person_search_field f)
{
	return (unsigned)f < PS__MAX ? &search_fields[f] : NULL;
}

const char *person_error_for(const struct person_errors *errs, const char *field)
{
	for (size_t i = 0; errs && i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return errs->e[i].message;
	return NULL;
}

const char *person_nhs_spaced(char out[16], const char *nhs)
{
	size_t n = nhs ? strlen(nhs) : 0;
	bool digits = n == 10;
	for (size_t i = 0; digits && i < n; i++)
		digits = nhs[i] >= '0' && nhs[i] <= '9';
	if (digits)
		snprintf(out, 16, "%.3s %.3s %.4s", nhs, nhs + 3, nhs + 6);
	else
		snprintf(out, 16, "%s", nhs ? nhs : "");
	return out;
}

/* ---- validation ------------------------------------------------------------- */

/* Digits [p, p+n) as a number, or -1 when any is not a digit. */
static int digits(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* True when y-m-d is a day of the Gregorian calendar. */
static bool date_real(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* The UTC date of ms as YYYY-MM-DD (days to civil date, proleptic Gregorian). */
static void date_of_ms(int64_t ms, char out[16])
{
	int64_t z = (ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000) + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	snprintf(out, 16, "%04d-%02d-%02d", (int)(y % 10000), (int)m, (int)d);
}

/* A date of birth: YYYY-MM-DD, a real day, not before OLDEST_BIRTH_YEAR and
 * not after today (UTC). */
static char *check_date(struct form_check *v, const struct person_field_info *f, char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4) < 0 || digits(s + 5, 2) < 0 ||
	    digits(s + 8, 2) < 0) {
		form_error(v, f->name,
			  arena_printf(v->a, "%s must be written as year-month-day, like 1953-01-22", f->label));
		return NULL;
	}
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (!date_real(y, m, d)) {
		form_error(v, f->name, arena_printf(v->a, "%s must be a real date, and %s is not", f->label, s));
		return NULL;
	}
	if (y < OLDEST_BIRTH_YEAR) {
		form_error(v, f->name, arena_printf(v->a, "%s must be in %d or later", f->label, OLDEST_BIRTH_YEAR));
		return NULL;
	}
	char today[16];
	date_of_ms(v->now_ms, today);
	if (strcmp(s, today) > 0) {
		form_error(v, f->name, arena_printf(v->a, "%s must be today or in the past", f->label));
		return NULL;
	}
	return s;
}

/* An NHS number: 10 digits, spaces anywhere allowed and dropped, with a
 * check digit that matches. */
static char *check_nhs(struct form_check *v, const struct person_field_info *f, const char *s)
{
	char *out = arena_alloc(v->a, 11);
	if (!out) {
		v->oom = true;
		return NULL;
	}
	size_t n = 0;
	bool ok = true;
	for (const char *p = s; *p && ok; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == 10)
			ok = false;
		else
			out[n++] = *p;
	}
	out[n] = '\0';
	if (!ok || n != 10) {
		form_error(v, f->name, arena_printf(v->a, "%s must be 10 digits, like 999 123 4567", f->label));
		return NULL;
	}
	if (!nhsnum_valid(out)) {
		char sp[16];
		form_error(v, f->name,
			  arena_printf(v->a,
				       "%s %s is not valid: its check digit (the last digit) does not match the "
				       "others. Check it was typed correctly",
				       f->label, person_nhs_spaced(sp, out)));
		return NULL;
	}
	return out;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	const char *dom = at + 1;
	const char *dot = strrchr(dom, '.');
	if (!dot || dom[0] == '.' || dot[1] == '\0' || strstr(dom, ".."))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr(",;:<>()[]\\\"", *p))
			return false;
	return true;
}

/* Checks one field's value as typed; returns the value to store (in the
 * arena) or NULL when it is empty or wrong (then an error is added, unless
 * an optional field is just empty). */
static char *check(struct form_check *v, const struct person_field_info *f, const char *raw)
{
	char *s = form_clean(v, raw);
	if (!s) {
		if (f->missing && !v->oom)
			form_error(v, f->name, f->missing);
		return NULL;
	}
	size_t len = strlen(s);
	if (!utf8_text_valid(s, len)) {
		form_error(v, f->name, arena_printf(v->a, "%s must be text without control characters", f->label));
		return NULL;
	}
	if (f->kind == PK_DATE)
		return check_date(v, f, s);
	if (f->kind == PK_NHS)
		return check_nhs(v, f, s);
	if (utf8_count(s, len) > f->max) {
		form_error(v, f->name, arena_printf(v->a, "%s must be %zu characters or fewer", f->label, f->max));
		return NULL;
	}
	if (f->kind != PK_LINES && strchr(s, '\n')) {
		form_error(v, f->name, arena_printf(v->a, "%s must be on one line", f->label));
		return NULL;
	}
	switch (f->kind) {
	case PK_POSTCODE:
		for (char *p = s; *p; p++) {
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == ' ')) {
				form_error(v, f->name,
					  arena_printf(v->a, "%s must contain only letters, numbers and spaces",
						       f->label));
				return NULL;
			}
		}
		break;
	case PK_PHONE: {
		bool any = false;
		for (const char *p = s; *p; p++) {
			any |= *p >= '0' && *p <= '9';
			if (!((*p >= '0' && *p <= '9') || strchr(" +()-", *p))) {
				any = false;
				break;
			}
		}
		if (!any) {
			form_error(v, f->name,
				  arena_printf(v->a, "%s must contain only numbers, spaces and + ( ) -, like 01632 960123",
					       f->label));
			return NULL;
		}
		break;
	}
	case PK_EMAIL:
		if (!email_ok(s)) {
			form_error(v, f->name,
				  arena_printf(v->a, "Enter the %s in the right format, like name@example.com",
					       f->label[0] == 'E' ? "email address" : f->label));
			return NULL;
		}
		break;
	default:
		break;
	}
	return s;
}

static enum cp_err vresult(const struct form_check *v)
{
	if (v->oom)
		return CP_ENOMEM;
	return v->errs->n ? CP_EINVAL : CP_OK;
}

enum cp_err person_validate(struct arena *a, const struct person_input *in, int64_t now_ms, struct store_person *out,
			    struct person_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	memset(out, 0, sizeof *out);
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	const char *val[PF__MAX];
	for (int f = 0; f < PF__MAX; f++)
		val[f] = check(&v, &person_fields[f], in->v[f]);
	out->given_name = val[PF_GIVEN_NAME];
	out->family_name = val[PF_FAMILY_NAME];
	out->preferred_name = val[PF_PREFERRED_NAME];
	out->birth_date = val[PF_BIRTH_DATE];
	out->nhs_number = val[PF_NHS_NUMBER];
	out->address = val[PF_ADDRESS];
	out->postcode = val[PF_POSTCODE];
	out->phone = val[PF_PHONE];
	out->email = val[PF_EMAIL];
	out->gp_practice = val[PF_GP_PRACTICE];
	out->communication_needs = val[PF_COMMUNICATION_NEEDS];
	out->reasonable_adjustments = val[PF_REASONABLE_ADJUSTMENTS];
	return vresult(&v);
}

enum cp_err contact_validate(struct arena *a, const struct contact_input *in, struct store_contact *out,
			     struct person_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	memset(out, 0, sizeof *out);
	struct form_check v = {.a = a, .errs = errs};
	const char *val[CF__MAX];
	for (int f = 0; f < CF__MAX; f++)
		val[f] = check(&v, &contact_fields[f], in->v[f]);
	out->name = val[CF_NAME];
	out->relationship = val[CF_RELATIONSHIP];
	out->phone = val[CF_PHONE];
	out->email = val[CF_EMAIL];
	out->is_carer = in->is_carer;
	out->is_representative = in->is_representative;
	out->is_next_of_kin = in->is_next_of_kin;
	out->is_emergency = in->is_emergency;
	return vresult(&v);
}

enum cp_err person_query_validate(struct arena *a, const struct person_query_input *in, int64_t now_ms,
				  struct store_person_query *out, bool *empty, struct person_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	memset(out, 0, sizeof *out);
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	char *name = check(&v, &search_fields[PS_NAME], in->name);
	/* Words separated by spaces (check() has made it one line), each the
	 * start of one of the names. */
	size_t n = 0;
	for (char *p = name; p && *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (n == STORE_NAME_TERMS) {
			form_error(&v, search_fields[PS_NAME].name,
				  arena_printf(v.a, "Enter at most %d words of the name, like Margaret Hughes",
					       STORE_NAME_TERMS));
			memset(out->name, 0, sizeof out->name);
			break;
		}
		out->name[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	out->birth_date = check(&v, &search_fields[PS_BIRTH_DATE], in->birth_date);
	out->nhs_number = check(&v, &search_fields[PS_NHS_NUMBER], in->nhs_number);
	*empty = !v.errs->n && !out->name[0] && !out->birth_date && !out->nhs_number;
	return vresult(&v);
}

const char *person_field_value(const struct store_person *p, enum person_field f)
{
	switch (f) {
	case PF_GIVEN_NAME: return p->given_name;
	case PF_FAMILY_NAME: return p->family_name;
	case PF_PREFERRED_NAME: return p->preferred_name;
	case PF_BIRTH_DATE: return p->birth_date;
	case PF_NHS_NUMBER: return p->nhs_number;
	case PF_ADDRESS: return p->address;
	case PF_POSTCODE: return p->postcode;
	case PF_PHONE: return p->phone;
	case PF_EMAIL: return p->email;
	case PF_GP_PRACTICE: return p->gp_practice;
	case PF_COMMUNICATION_NEEDS: return p->communication_needs;
	case PF_REASONABLE_ADJUSTMENTS: return p->reasonable_adjustments;
	case PF__MAX: break;
	}
	return NULL;
}

/* ---- operations ---------------------------------------------------------------- */

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

enum cp_err person_create(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_person *p, int64_t *id, int64_t *existing_id)
{
	*id = 0;
	*existing_id = 0;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	/* Inside the transaction (which holds the write lock) so nobody can add
	 * the same number between this look and the insert. */
	struct store_person other;
	err = store_person_by_nhs(c, a, p->nhs_number, &other);
	if (err == CP_OK) {
		*existing_id = other.id;
		err = CP_ECONFLICT;
		goto fail;
	}
	if (err != CP_ENOTFOUND)
		goto fail;
	if ((err = store_person_insert(c, p, id)))
		goto fail;
	struct audit_event ev = {.action = "person.create", .object_type = "person", .object_id = *id,
				 .person_id = *id};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	if ((err = store_commit(c)))
		*id = 0;
	return err;
fail:
	store_rollback(c);
	*id = 0;
	return err;
}

enum cp_err person_update(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_person *p, int64_t expected_version, int64_t *existing_id,
			  int64_t *current_version)
{
	*existing_id = 0;
	*current_version = 0;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_person cur;
	if ((err = store_person_get(c, a, p->id, &cur)))
		goto fail;
	*current_version = cur.version;
	if (cur.version != expected_version) {
		err = CP_ECONFLICT;
		goto fail;
	}
	if (strcmp(cur.nhs_number, p->nhs_number) != 0) {
		struct store_person other;
		err = store_person_by_nhs(c, a, p->nhs_number, &other);
		if (err == CP_OK) {
			*existing_id = other.id;
			err = CP_ECONFLICT;
			goto fail;
		}
		if (err != CP_ENOTFOUND)
			goto fail;
	}
	struct store_person next = *p;
	next.updated_ms = now_ms;
	if ((err = store_person_update(c, &next, expected_version)))
		goto fail;
	/* The audit row names what changed, never the old or new values. */
	char reason[400];
	size_t len = (size_t)snprintf(reason, sizeof reason, "changed:");
	bool any = false;
	for (int f = 0; f < PF__MAX; f++) {
		if (same(person_field_value(&cur, (enum person_field)f), person_field_value(p, (enum person_field)f)))
			continue;
		if (len < sizeof reason)
			len += (size_t)snprintf(reason + len, sizeof reason - len, "%s %s", any ? "," : "",
						person_fields[f].name);
		any = true;
	}
	struct audit_event ev = {.action = "person.update", .object_type = "person", .object_id = p->id,
				 .person_id = p->id, .reason = any ? reason : "no changes"};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	if ((err = store_commit(c)))
		return err;
	*current_version = expected_version + 1;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

enum cp_err person_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t id, const char *why, struct person_record *out)
{
	memset(out, 0, sizeof *out);
	/* Consent-based sharing plugs in here: once people say who may see
	 * their record, the reader (who) is checked against it before anything
	 * is read, and refused with CP_EFORBIDDEN (audited as refused). */
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	if ((err = store_person_get(c, a, id, &out->person)) ||
	    (err = store_contact_list(c, a, id, PERSON_CONTACTS_MAX, &out->contacts, &out->n_contacts))) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	struct audit_event ev = {.action = "person.read", .object_type = "person", .object_id = id,
				 .person_id = id, .reason = why};
	return audit_read(c, who, &ev, now_ms);
}

enum cp_err person_search(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_person_query *q, size_t max, struct store_person **out, size_t *n,
			  int64_t *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	/* Consent-based sharing plugs in here too: people who have not agreed
	 * to share with the searcher will be left out of the results. */
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_person_search(c, a, q, max, out, n, total);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	if (err)
		goto fail;
	/* Which fields were searched by and how many matched; never what was
	 * typed, which may be a name or an NHS number. */
	char reason[128];
	snprintf(reason, sizeof reason, "by %s%s%s%s%s; %lld found", q->name[0] ? "name" : "",
		 q->name[0] && (q->birth_date || q->nhs_number) ? ", " : "", q->birth_date ? "date of birth" : "",
		 q->birth_date && q->nhs_number ? ", " : "", q->nhs_number ? "NHS number" : "", (long long)*total);
	struct audit_event ev = {.action = "person.search", .reason = reason};
	if (!(err = audit_read(c, who, &ev, now_ms)))
		return CP_OK;
fail:
	*n = 0;
	*total = 0;
	return err;
}

enum cp_err contact_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			const struct store_contact *k, int64_t *id)
{
	*id = 0;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_person p;
	if ((err = store_person_get(c, a, k->person_id, &p)) || (err = store_contact_insert(c, k, id)))
		goto fail;
	struct audit_event ev = {.action = "contact.create", .object_type = "contact", .object_id = *id,
				 .person_id = k->person_id};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	if ((err = store_commit(c)))
		*id = 0;
	return err;
fail:
	store_rollback(c);
	*id = 0;
	return err;
}
