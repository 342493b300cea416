/*
 * directory.c - the directory's rules (directory.h): who maintains it, the
 * search, checking an entry, saving it with its outcome, reviews, postcode
 * districts.
 */
#include "directory.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/str.h"
#include "assess.h"
#include "caldate.h"
#include "dir_hsds.h"
#include "form.h"
#include "recur.h"

bool directory_may_edit(const char *role, const char *discipline)
{
	if (!role)
		return false;
	if (strcmp(role, "administrator") == 0)
		return true;
	return strcmp(role, "professional") == 0 && discipline && strcmp(discipline, "link_worker") == 0;
}

bool dir_is_stale(int64_t reviewed_ms, int64_t now_ms)
{
	return now_ms - reviewed_ms > DIR_STALE_MS;
}

const char *dir_local_id(struct arena *a, const char *kind, int64_t id)
{
	return arena_printf(a, "careplan-%s-%lld", kind, (long long)id);
}

int64_t dir_local_id_parse(const char *kind, const char *ext)
{
	if (!ext || !str_starts(ext, "careplan-"))
		return 0;
	const char *p = ext + 9;
	size_t k = strlen(kind);
	if (strncmp(p, kind, k) != 0 || p[k] != '-')
		return 0;
	int64_t v = 0;
	if (str_to_i64(p + k + 1, 1, INT64_MAX, &v) || p[k + 1] == '0' || p[k + 1] == '+')
		return 0;
	return v;
}

const char *dir_outcome_code(enum dir_outcome o)
{
	static const char *const codes[DIR_OUTCOME__MAX] = {"imported", "updated", "unchanged", "refused"};
	return o < DIR_OUTCOME__MAX ? codes[o] : "";
}

/* ---- search ---------------------------------------------------------------- */

static bool word_byte(unsigned char ch)
{
	return isalnum(ch) || ch >= 0x80;
}

enum cp_err dir_fts_query(struct arena *a, const char *text, const char **out)
{
	*out = NULL;
	if (!text)
		return CP_OK;
	size_t n = strlen(text);
	/* Each word grows by its two quotes and a space, the last by a star. */
	char *q = arena_alloc(a, n * 2 + 4 * DIR_QUERY_TERMS + 2);
	if (!q)
		return CP_ENOMEM;
	size_t k = 0, words = 0, i = 0;
	while (i < n && words < DIR_QUERY_TERMS) {
		while (i < n && !word_byte((unsigned char)text[i]))
			i++;
		if (i == n)
			break;
		if (words)
			q[k++] = ' ';
		q[k++] = '"';
		while (i < n && word_byte((unsigned char)text[i]))
			q[k++] = text[i++];
		q[k++] = '"';
		words++;
	}
	if (!words)
		return CP_OK;
	q[k++] = '*';
	q[k] = '\0';
	*out = q;
	return CP_OK;
}

/* Words too common to tell services apart ("Go to the Tuesday lunch club"
 * is about Tuesday, lunch and club): dir_fts_query_any leaves them out
 * unless they are all there is.  Lower case, compared without regard to
 * case. */
static const char *const STOPWORDS[] = {
	"a", "about", "after", "an", "and", "are", "as", "ask", "at", "be", "by", "can", "do", "for", "from",
	"get", "go", "has", "have", "he", "her", "him", "his", "i", "if", "in", "into", "is", "it", "me", "my",
	"of", "on", "or", "our", "she", "so", "some", "that", "the", "their", "them", "they", "this", "to",
	"up", "us", "was", "we", "with", "you", "your",
};

static bool is_stopword(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof STOPWORDS / sizeof STOPWORDS[0]; i++) {
		const char *s = STOPWORDS[i];
		size_t k = 0;
		while (k < n && s[k] && (w[k] | 0x20) == s[k])
			k++;
		if (k == n && !s[k])
			return true;
	}
	return false;
}

enum cp_err dir_fts_query_any(struct arena *a, const char *text, size_t max_terms, const char **out)
{
	*out = NULL;
	if (!text || !max_terms)
		return CP_OK;
	/* The words kept: the common ones only when nothing else is there. */
	const char **wp = arena_alloc(a, max_terms * sizeof *wp);
	size_t *wn = arena_alloc(a, max_terms * sizeof *wn);
	if (!wp || !wn)
		return CP_ENOMEM;
	size_t nw = 0, plain = 0, len = 0;
	for (const char *p = text; *p;) {
		while (*p && !word_byte((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && word_byte((unsigned char)*p))
			p++;
		if (p == start)
			continue;
		bool common = is_stopword(start, (size_t)(p - start));
		if (common && plain)
			continue; /* a word that tells nothing, once there are others */
		if (!common && !plain)
			nw = len = 0; /* the common words before the first real one go */
		plain += !common;
		if (nw == max_terms)
			continue;
		wp[nw] = start;
		wn[nw] = (size_t)(p - start);
		len += wn[nw];
		nw++;
	}
	if (!nw)
		return CP_OK;
	/* Each word in double quotes (inside them FTS5 reads only a string,
	 * and no quote can be in a word), joined by " OR ". */
	char *q = arena_alloc(a, len + 6 * nw + 1);
	if (!q)
		return CP_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < nw; i++) {
		if (i) {
			memcpy(q + k, " OR ", 4);
			k += 4;
		}
		q[k++] = '"';
		memcpy(q + k, wp[i], wn[i]);
		k += wn[i];
		q[k++] = '"';
	}
	q[k] = '\0';
	*out = q;
	return CP_OK;
}

/* "LS6", "M1", "SW1A", "EC1A": letters, a digit, then a digit or letter. */
static bool outward_ok(const char *s)
{
	size_t n = strlen(s), i = 0;
	if (n < 2 || n > 4)
		return false;
	while (i < n && i < 2 && isupper((unsigned char)s[i]))
		i++;
	if (i == 0 || i == n || !isdigit((unsigned char)s[i]))
		return false;
	i++;
	if (i < n && (isdigit((unsigned char)s[i]) || isupper((unsigned char)s[i])))
		i++;
	return i == n;
}

static bool inward_ok(const char *s)
{
	return strlen(s) == 3 && isdigit((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
	       isupper((unsigned char)s[2]);
}

/* s in upper case without spaces into out (n bytes); false when too long. */
static bool squeeze(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (k + 1 >= n)
			return false;
		out[k++] = (char)toupper((unsigned char)*s);
	}
	out[k] = '\0';
	return true;
}

const char *dir_district_of(struct arena *a, const char *s)
{
	char sq[16];
	if (!s || !squeeze(s, sq, sizeof sq))
		return NULL;
	size_t n = strlen(sq);
	if (outward_ok(sq))
		return arena_strndup(a, sq, n);
	if (n >= 5 && inward_ok(sq + n - 3)) {
		sq[n - 3] = '\0';
		if (outward_ok(sq))
			return arena_strndup(a, sq, n - 3);
	}
	return NULL;
}

static void bad(struct form_check *v, const char *field, const char *msg)
{
	if (!msg) {
		v->oom = true;
		return;
	}
	if (v->errs->n >= PERSON_ERRORS_MAX || person_error_for(v->errs, field))
		return;
	form_error(v, field, msg);
}

enum cp_err dir_search_check(struct store_conn *c, struct arena *a, const struct dir_search_input *in,
			     struct store_dir_query *out, int *page, const char **district, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	*page = 1;
	*district = NULL;
	struct form_check v = {.a = a, .errs = errs};
	const char *q = form_clean(&v, in->q);
	if (q && (!utf8_text_valid(q, strlen(q)) || utf8_count(q, strlen(q)) > DIR_QUERY_MAX))
		bad(&v, "q", "Search words: use at most 200 characters");
	else if (dir_fts_query(a, q, &out->match))
		return CP_ENOMEM;
	const char *cat = form_clean(&v, in->category);
	if (cat && str_to_i64(cat, 1, INT64_MAX, &out->taxonomy_id))
		bad(&v, "category", "Category: choose one from the list");
	const char *dom = form_clean(&v, in->domain);
	if (dom) {
		enum assess_domain d = assess_domain_from_code(dom);
		if (d == ADOMAIN__MAX)
			bad(&v, "domain", "Need it helps with: choose one from the list");
		else
			out->domain = assess_domain_code(d);
	}
	const char *fr = form_clean(&v, in->free);
	out->free_only = fr && strcmp(fr, "yes") == 0;
	const char *pc = form_clean(&v, in->postcode);
	const char *mi = form_clean(&v, in->miles);
	int64_t miles = 0;
	if (mi && str_to_i64(mi, 1, DIR_MILES_MAX, &miles))
		bad(&v, "miles", "Distance: choose a number of miles from the list");
	if (pc) {
		const char *d = dir_district_of(a, pc);
		if (!d) {
			bad(&v, "postcode", "Postcode: enter a postcode or the first part of one, like LS6");
		} else {
			enum cp_err err = store_dir_district_get(c, d, &out->lat, &out->lon);
			if (err == CP_ENOTFOUND)
				bad(&v, "postcode",
				    arena_printf(a, "Postcode: %s is not in the area this directory covers", d));
			else if (err)
				return err;
			else {
				out->near = true;
				out->miles = miles ? (double)miles : 5.0;
				*district = d;
			}
		}
	}
	const char *pg = form_clean(&v, in->page);
	int64_t p = 1;
	if (pg && str_to_i64(pg, 1, 10000, &p))
		bad(&v, "page", "Page: that page of results does not exist");
	*page = (int)p;
	out->offset = (size_t)(p - 1) * DIR_PAGE_SIZE;
	if (v.oom)
		return CP_ENOMEM;
	return errs->n ? CP_EINVAL : CP_OK;
}

/* ---- checking an entry ---------------------------------------------------- */

/* *s cleaned: NULL when empty (or "" when keep_empty), else checked for
 * UTF-8 and at most max characters; required adds a message when empty. */
static void text(struct form_check *v, const char *field, const char *label, const char **s, size_t max,
		 bool required)
{
	const char *t = form_clean(v, *s);
	*s = t;
	if (!t) {
		if (required)
			bad(v, field, arena_printf(v->a, "%s: enter it", label));
		return;
	}
	size_t n = strlen(t);
	if (!utf8_text_valid(t, n))
		bad(v, field, arena_printf(v->a, "%s: has characters that are not text", label));
	else if (utf8_count(t, n) > max)
		bad(v, field, arena_printf(v->a, "%s: use at most %zu characters", label, max));
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(s) > 254)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"')
			return false;
	const char *dot = strrchr(at, '.');
	return dot[1] != '\0' && dot != at + 1;
}

static void email(struct form_check *v, const char *field, const char *label, const char **s)
{
	text(v, field, label, s, 254, false);
	if (*s && !email_ok(*s))
		bad(v, field, arena_printf(v->a, "%s: enter an email address like name@example.org", label));
}

static void url(struct form_check *v, const char *field, const char *label, const char **s)
{
	text(v, field, label, s, 500, false);
	if (!*s)
		return;
	bool ok = str_starts(*s, "https://") || str_starts(*s, "http://");
	for (const char *p = *s; ok && *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"')
			ok = false;
	if (!ok)
		bad(v, field, arena_printf(v->a, "%s: enter a web address starting https://", label));
}

static void phone(struct form_check *v, const char *field, const char *label, const char **s)
{
	text(v, field, label, s, 30, false);
	if (!*s)
		return;
	int digits = 0;
	bool ok = true;
	for (const char *p = *s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +()-", *p))
			ok = false;
	}
	if (!ok || digits < 6 || digits > 15)
		bad(v, field, arena_printf(v->a, "%s: enter a phone number, like 01632 960123", label));
}

/* A decimal: optional minus when signed, 1..int_max digits, optionally a
 * point and 1..frac_max digits. */
static bool decimal_ok(const char *s, bool is_signed, int int_max, int frac_max)
{
	if (is_signed && *s == '-')
		s++;
	int n = 0;
	while (isdigit((unsigned char)*s)) {
		s++;
		n++;
	}
	if (n == 0 || n > int_max)
		return false;
	if (*s == '\0')
		return true;
	if (*s++ != '.')
		return false;
	int f = 0;
	while (isdigit((unsigned char)*s)) {
		s++;
		f++;
	}
	return *s == '\0' && f >= 1 && f <= frac_max;
}

/* A UK postcode as "LS6 3AB", or NULL when it is not one. */
static const char *postcode_norm(struct arena *a, const char *s)
{
	char sq[16];
	if (!squeeze(s, sq, sizeof sq))
		return NULL;
	size_t n = strlen(sq);
	if (n < 5 || !inward_ok(sq + n - 3))
		return NULL;
	char out[16];
	snprintf(out, sizeof out, "%.*s %s", (int)(n - 3), sq, sq + n - 3);
	out[n - 3] = '\0';
	if (!outward_ok(out))
		return NULL;
	out[n - 3] = ' ';
	return arena_strndup(a, out, n + 1);
}

static bool hhmm_ok(const char *s)
{
	return strlen(s) == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == ':' &&
	       isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) && (s[0] - '0') * 10 + (s[1] - '0') < 24 &&
	       s[3] < '6';
}

/* Only the RRULE parts HSDS carries, so an export says all the rule says. */
static bool rrule_parts_ok(const char *t)
{
	static const char *const ok[] = {"FREQ=", "INTERVAL=", "BYDAY=", "BYMONTHDAY=", "COUNT=", "UNTIL=", "WKST="};
	const char *p = t;
	while (*p) {
		bool found = false;
		for (size_t i = 0; i < sizeof ok / sizeof ok[0] && !found; i++)
			found = str_starts(p, ok[i]);
		if (!found)
			return false;
		const char *semi = strchr(p, ';');
		if (!semi)
			break;
		p = semi + 1;
	}
	return true;
}

static void check_schedule(struct form_check *v, struct store_dir_schedule *x)
{
	text(v, "sched_rrule", "How often", &x->rrule, RECUR_TEXT_MAX - 1, false);
	text(v, "sched_description", "When, in words", &x->description, DIR_LINE_MAX, false);
	if (x->rrule) {
		struct recur_rule rule;
		char msg[RECUR_MSG_MAX];
		if (recur_parse(x->rrule, &rule, msg, sizeof msg))
			bad(v, "sched_rrule", arena_printf(v->a, "How often: %s", msg));
		else if (!rrule_parts_ok(rule.text))
			bad(v, "sched_rrule",
			    "How often: use only FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL and WKST");
		else
			x->rrule = arena_strndup(v->a, rule.text, strlen(rule.text));
	} else if (!x->description) {
		bad(v, "sched_rrule", "How often: give a repeat rule or say when in words");
	}
	text(v, "sched_start", "First date", &x->dtstart, 10, false);
	if (x->dtstart) {
		struct caldate d;
		char msg[160];
		if (caldate_parse(x->dtstart, "First date", &d, msg, sizeof msg))
			bad(v, "sched_start", arena_printf(v->a, "%s", msg));
	}
	text(v, "sched_opens", "Opens at", &x->opens_at, 5, false);
	if (x->opens_at && !hhmm_ok(x->opens_at))
		bad(v, "sched_opens", "Opens at: enter a time like 09:30");
	text(v, "sched_closes", "Closes at", &x->closes_at, 5, false);
	if (x->closes_at && !hhmm_ok(x->closes_at))
		bad(v, "sched_closes", "Closes at: enter a time like 12:00");
	else if (x->opens_at && x->closes_at && hhmm_ok(x->opens_at) && strcmp(x->closes_at, x->opens_at) <= 0)
		bad(v, "sched_closes", "Closes at: must be after the time it opens");
	text(v, "sched_id", "Schedule id", &x->ext_id, DIR_LINE_MAX, false);
}

static void check_location(struct form_check *v, struct store_dir_location *l)
{
	text(v, "loc_id", "Location id", &l->ext_id, DIR_LINE_MAX, false);
	text(v, "loc_name", "Place name", &l->name, DIR_LINE_MAX, false);
	text(v, "loc_address", "Address", &l->address, DIR_LINE_MAX, false);
	text(v, "loc_town", "Town", &l->town, 100, false);
	text(v, "loc_postcode", "Postcode", &l->postcode, 10, false);
	if (l->postcode) {
		const char *pc = postcode_norm(v->a, l->postcode);
		if (!pc)
			bad(v, "loc_postcode", "Postcode: enter a UK postcode, like LS6 3AB");
		else
			l->postcode = pc;
	}
	text(v, "loc_latitude", "Latitude", &l->latitude, 20, false);
	text(v, "loc_longitude", "Longitude", &l->longitude, 20, false);
	if (l->latitude && (!decimal_ok(l->latitude, true, 2, 8) || fabs(strtod(l->latitude, NULL)) > 90))
		bad(v, "loc_latitude", "Latitude: enter a decimal from -90 to 90, like 53.8195");
	if (l->longitude && (!decimal_ok(l->longitude, true, 3, 8) || fabs(strtod(l->longitude, NULL)) > 180))
		bad(v, "loc_longitude", "Longitude: enter a decimal from -180 to 180, like -1.5760");
	if (!l->latitude != !l->longitude)
		bad(v, l->latitude ? "loc_longitude" : "loc_latitude",
		    "Latitude and longitude: give both or neither");
	text(v, "loc_accessibility", "Access at this place", &l->accessibility, DIR_TEXT_MAX, false);
}

enum cp_err dir_entry_check(struct arena *a, struct store_dir_entry *e, struct person_errors *errs)
{
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs};
	struct store_dir_org *o = &e->org;
	struct store_dir_service *s = &e->svc;
	text(&v, "name", "Service name", &s->name, DIR_LINE_MAX, true);
	text(&v, "ext_id", "Service id", &s->ext_id, DIR_LINE_MAX, false);
	text(&v, "description", "What it is", &s->description, DIR_TEXT_MAX, false);
	text(&v, "org_name", "Organisation name", &o->name, DIR_LINE_MAX, true);
	text(&v, "org_id", "Organisation id", &o->ext_id, DIR_LINE_MAX, false);
	text(&v, "org_description", "About the organisation", &o->description, DIR_TEXT_MAX, false);
	url(&v, "org_url", "Organisation website", &o->url);
	email(&v, "org_email", "Organisation email", &o->email);
	phone(&v, "org_phone", "Organisation phone", &o->phone);
	url(&v, "url", "Website", &s->url);
	email(&v, "email", "Email", &s->email);
	phone(&v, "phone", "Phone", &s->phone);
	static const char *const statuses[] = {"active", "inactive", "defunct", "temporarily closed"};
	if (!s->status || !*s->status) {
		s->status = "active";
	} else {
		bool ok = false;
		for (size_t i = 0; i < 4 && !ok; i++)
			ok = strcmp(s->status, statuses[i]) == 0;
		if (!ok)
			bad(&v, "status", "Status: choose active, inactive, defunct or temporarily closed");
	}
	text(&v, "eligibility", "Who it is for", &s->eligibility, DIR_TEXT_MAX, false);
	text(&v, "accessibility", "Access and adjustments", &s->accessibility, DIR_TEXT_MAX, false);
	text(&v, "how_to_access", "How to get in", &s->how_to_access, DIR_TEXT_MAX, false);
	text(&v, "fees", "Cost in words", &s->fees, DIR_LINE_MAX, false);
	if (s->min_age < -1 || s->min_age > 120)
		bad(&v, "min_age", "Youngest age: enter a whole number of years from 0 to 120");
	if (s->max_age < -1 || s->max_age > 120)
		bad(&v, "max_age", "Oldest age: enter a whole number of years from 0 to 120");
	else if (s->min_age >= 0 && s->max_age >= 0 && s->max_age < s->min_age)
		bad(&v, "max_age", "Oldest age: must not be below the youngest age");
	for (size_t i = 0; i < e->n_loc; i++)
		check_location(&v, &e->loc[i]);
	for (size_t i = 0; i < e->n_contact; i++) {
		struct store_dir_contact *x = &e->contact[i];
		text(&v, "contact_id", "Contact id", &x->ext_id, DIR_LINE_MAX, false);
		text(&v, "contact_name", "Contact name", &x->name, DIR_LINE_MAX, false);
		text(&v, "contact_title", "Contact's role", &x->title, DIR_LINE_MAX, false);
		phone(&v, "contact_phone", "Contact phone", &x->phone);
		email(&v, "contact_email", "Contact email", &x->email);
	}
	for (size_t i = 0; i < e->n_sched; i++)
		check_schedule(&v, &e->sched[i]);
	bool any_cost = false, all_zero = true;
	for (size_t i = 0; i < e->n_cost; i++) {
		struct store_dir_cost *x = &e->cost[i];
		text(&v, "cost_id", "Cost id", &x->ext_id, DIR_LINE_MAX, false);
		text(&v, "cost_option", "What the cost is for", &x->option, DIR_LINE_MAX, false);
		text(&v, "cost_amount", "Amount", &x->amount, 12, false);
		text(&v, "cost_description", "About the cost", &x->amount_description, DIR_LINE_MAX, false);
		if (x->amount && !decimal_ok(x->amount, false, 6, 2))
			bad(&v, "cost_amount", "Amount: enter pounds and pence, like 3.50, or 0 when free");
		any_cost = true;
		if (!x->amount || strtod(x->amount, NULL) != 0.0)
			all_zero = false;
	}
	s->free = any_cost && all_zero;
	for (size_t i = 0; i < e->n_area; i++) {
		text(&v, "area_id", "Area id", &e->area[i].ext_id, DIR_LINE_MAX, false);
		text(&v, "area", "Area covered", &e->area[i].name, DIR_LINE_MAX, true);
		text(&v, "area_description", "About the area", &e->area[i].description, DIR_TEXT_MAX, false);
	}
	for (size_t i = 0; i < e->n_term; i++) {
		text(&v, "term_id", "Category id", &e->term[i].ext_id, DIR_LINE_MAX, false);
		text(&v, "categories", "Category", &e->term[i].name, DIR_LINE_MAX, true);
		text(&v, "term_vocabulary", "Category list", &e->term[i].vocabulary, DIR_LINE_MAX, false);
	}
	/* Domains: known codes, in code order, each once. */
	const char *sorted[STORE_DIR_DOMAIN_MAX] = {0};
	size_t nd = 0;
	for (int d = 0; d < ADOMAIN__MAX && d < STORE_DIR_DOMAIN_MAX; d++) {
		const char *code = assess_domain_code((enum assess_domain)d);
		for (size_t i = 0; i < e->n_domain; i++)
			if (e->domain[i] && strcmp(e->domain[i], code) == 0) {
				sorted[nd++] = code;
				break;
			}
	}
	for (size_t i = 0; i < e->n_domain; i++)
		if (!e->domain[i] || assess_domain_from_code(e->domain[i]) == ADOMAIN__MAX)
			bad(&v, "domains",
			    arena_printf(a, "Needs it helps with: \"%.40s\" is not an assessment domain",
					 e->domain[i] ? e->domain[i] : ""));
	memcpy(e->domain, sorted, nd * sizeof sorted[0]);
	e->n_domain = nd;
	if (v.oom)
		return CP_ENOMEM;
	return errs->n ? CP_EINVAL : CP_OK;
}

/* ---- saving ---------------------------------------------------------------- */

/* An ext_id that is this database's own "careplan-<kind>-<n>" for a record
 * made here becomes that record's id. */
static enum cp_err localise(struct store_conn *c, enum store_dir_kind k, const char *kind, int64_t *id,
			    const char **ext)
{
	if (*id || !*ext)
		return CP_OK;
	int64_t n = dir_local_id_parse(kind, *ext);
	if (!n)
		return CP_OK;
	int64_t found = n;
	enum cp_err err = store_dir_find(c, k, NULL, &found);
	if (err == CP_ENOTFOUND)
		return CP_OK;
	if (err)
		return err;
	*id = n;
	*ext = NULL;
	return CP_OK;
}

static int64_t day_of(int64_t ms)
{
	return ms / 86400000;
}

enum cp_err dir_entry_apply(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t user_id, struct store_dir_entry *e, const char *action_create,
			    const char *action_update, enum dir_outcome *out, int64_t *id)
{
	enum cp_err err = localise(c, STORE_DIR_ORG, "organisation", &e->org.id, &e->org.ext_id);
	if (!err)
		err = localise(c, STORE_DIR_SERVICE, "service", &e->svc.id, &e->svc.ext_id);
	for (size_t i = 0; !err && i < e->n_loc; i++)
		err = localise(c, STORE_DIR_LOCATION, "location", &e->loc[i].id, &e->loc[i].ext_id);
	for (size_t i = 0; !err && i < e->n_term; i++)
		err = localise(c, STORE_DIR_TERM, "taxonomy", &e->term[i].id, &e->term[i].ext_id);
	if (err)
		return err;
	if (!e->org.id && e->org.ext_id) {
		err = store_dir_find(c, STORE_DIR_ORG, e->org.ext_id, &e->org.id);
		if (err == CP_ENOTFOUND)
			e->org.id = 0;
		else if (err)
			return err;
	}
	if (!e->svc.id && e->svc.ext_id) {
		err = store_dir_find(c, STORE_DIR_SERVICE, e->svc.ext_id, &e->svc.id);
		if (err == CP_ENOTFOUND)
			e->svc.id = 0;
		else if (err)
			return err;
	}
	for (size_t i = 0; i < e->n_loc; i++) {
		if (e->loc[i].id || !e->loc[i].ext_id)
			continue;
		err = store_dir_find(c, STORE_DIR_LOCATION, e->loc[i].ext_id, &e->loc[i].id);
		if (err == CP_ENOTFOUND)
			e->loc[i].id = 0;
		else if (err)
			return err;
	}
	bool is_new = e->svc.id == 0;
	if (!is_new) {
		struct store_dir_entry old;
		err = store_dir_entry_get(c, a, e->svc.id, &old);
		if (err)
			return err;
		if (!e->svc.reviewed_ms || day_of(e->svc.reviewed_ms) == day_of(old.svc.reviewed_ms)) {
			e->svc.reviewed_ms = old.svc.reviewed_ms;
			e->svc.reviewed_by = old.svc.reviewed_by;
		}
		e->svc.created_ms = old.svc.created_ms;
		e->svc.updated_ms = old.svc.updated_ms;
		char *was = NULL, *now = NULL;
		err = dir_hsds_compare_text(a, &old, &was);
		if (!err)
			err = dir_hsds_compare_text(a, e, &now);
		if (err)
			return err;
		if (strcmp(was, now) == 0) {
			*out = DIR_UNCHANGED;
			*id = e->svc.id;
			return CP_OK;
		}
	} else {
		e->svc.created_ms = now_ms;
		if (!e->svc.reviewed_ms) {
			e->svc.reviewed_ms = now_ms;
			e->svc.reviewed_by = user_id;
		}
	}
	e->svc.updated_ms = now_ms;
	e->org.updated_ms = now_ms;
	err = store_dir_entry_save(c, e, id);
	if (err)
		return err;
	struct audit_event ev = {.action = is_new ? action_create : action_update, .object_type = "dir_service",
				 .object_id = *id};
	err = audit_record(c, who, &ev, now_ms);
	if (!err)
		*out = is_new ? DIR_IMPORTED : DIR_UPDATED;
	return err;
}

enum cp_err dir_entry_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t user_id, struct store_dir_entry *e, enum dir_outcome *out, int64_t *id)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	err = dir_entry_apply(c, a, who, now_ms, user_id, e, "directory.service.create", "directory.service.update",
			      out, id);
	if (err) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}

enum cp_err dir_mark_reviewed(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t user_id,
			      int64_t id)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	err = store_dir_mark_reviewed(c, id, user_id, now_ms);
	struct audit_event ev = {.action = "directory.service.review", .object_type = "dir_service", .object_id = id};
	if (!err)
		err = audit_record(c, who, &ev, now_ms);
	if (err) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}

enum cp_err dir_districts_load(struct store_conn *c, const char *txt, size_t len, bool in_tx, size_t *n, char *msg,
			       size_t msgn)
{
	*n = 0;
	if (msgn)
		msg[0] = '\0';
	enum cp_err err = in_tx ? CP_OK : store_begin(c);
	if (err)
		return err;
	size_t line = 0, i = 0;
	while (!err && i < len) {
		size_t j = i;
		while (j < len && txt[j] != '\n')
			j++;
		line++;
		char buf[128];
		size_t l = j - i;
		if (l && txt[i + l - 1] == '\r')
			l--;
		if (l >= sizeof buf) {
			snprintf(msg, msgn, "line %zu: longer than %zu characters", line, sizeof buf - 1);
			err = CP_EINVAL;
			break;
		}
		memcpy(buf, txt + i, l);
		buf[l] = '\0';
		i = j + 1;
		if (l == 0 || buf[0] == '#')
			continue;
		char *c1 = strchr(buf, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
		if (!c2) {
			snprintf(msg, msgn, "line %zu: expected DISTRICT,latitude,longitude", line);
			err = CP_EINVAL;
			break;
		}
		*c1 = *c2 = '\0';
		char *end1, *end2;
		double lat = strtod(c1 + 1, &end1), lon = strtod(c2 + 1, &end2);
		if (!outward_ok(buf) || *end1 || *end2 || end1 == c1 + 1 || end2 == c2 + 1 || fabs(lat) > 90 ||
		    fabs(lon) > 180) {
			snprintf(msg, msgn, "line %zu: \"%.20s\" is not a district with a latitude and longitude", line,
				 buf);
			err = CP_EINVAL;
			break;
		}
		err = store_dir_district_put(c, buf, lat, lon);
		if (!err)
			(*n)++;
	}
	if (in_tx)
		return err;
	if (err) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}

/* ---- the form ---------------------------------------------------------------- */

static const struct dir_field_info fields[DIR_F__MAX] = {
#define F(e, name, label, kind, hint, section) [DIR_F_##e] = {name, label, hint, section, kind},
#include "dir_form.def"
#undef F
};

const struct dir_field_info *dir_field(enum dir_field f)
{
	return f < DIR_F__MAX ? &fields[f] : NULL;
}

void dir_form_from_entry(struct arena *a, const struct store_dir_entry *e, struct dir_form *f)
{
	memset(f, 0, sizeof *f);
	const struct store_dir_service *s = &e->svc;
	f->v[DIR_F_NAME] = s->name;
	f->v[DIR_F_DESCRIPTION] = s->description;
	f->v[DIR_F_STATUS] = s->status;
	f->v[DIR_F_ELIGIBILITY] = s->eligibility;
	f->v[DIR_F_HOW_TO_ACCESS] = s->how_to_access;
	f->v[DIR_F_ACCESSIBILITY] = s->accessibility;
	if (s->min_age >= 0)
		f->v[DIR_F_MIN_AGE] = arena_printf(a, "%lld", (long long)s->min_age);
	if (s->max_age >= 0)
		f->v[DIR_F_MAX_AGE] = arena_printf(a, "%lld", (long long)s->max_age);
	f->v[DIR_F_ORG_NAME] = e->org.name;
	f->v[DIR_F_ORG_URL] = e->org.url;
	f->v[DIR_F_ORG_EMAIL] = e->org.email;
	f->v[DIR_F_ORG_PHONE] = e->org.phone;
	f->v[DIR_F_PHONE] = s->phone;
	f->v[DIR_F_EMAIL] = s->email;
	f->v[DIR_F_URL] = s->url;
	if (e->n_contact) {
		f->v[DIR_F_CONTACT_NAME] = e->contact[0].name;
		f->v[DIR_F_CONTACT_TITLE] = e->contact[0].title;
		f->v[DIR_F_CONTACT_PHONE] = e->contact[0].phone;
		f->v[DIR_F_CONTACT_EMAIL] = e->contact[0].email;
	}
	if (e->n_loc) {
		const struct store_dir_location *l = &e->loc[0];
		f->v[DIR_F_LOC_NAME] = l->name;
		f->v[DIR_F_LOC_ADDRESS] = l->address;
		f->v[DIR_F_LOC_TOWN] = l->town;
		f->v[DIR_F_LOC_POSTCODE] = l->postcode;
		f->v[DIR_F_LOC_LATITUDE] = l->latitude;
		f->v[DIR_F_LOC_LONGITUDE] = l->longitude;
		f->v[DIR_F_LOC_ACCESSIBILITY] = l->accessibility;
	}
	if (e->n_sched) {
		f->v[DIR_F_SCHED_RRULE] = e->sched[0].rrule;
		f->v[DIR_F_SCHED_START] = e->sched[0].dtstart;
		f->v[DIR_F_SCHED_OPENS] = e->sched[0].opens_at;
		f->v[DIR_F_SCHED_CLOSES] = e->sched[0].closes_at;
		f->v[DIR_F_SCHED_DESCRIPTION] = e->sched[0].description;
	}
	if (e->n_cost) {
		f->v[DIR_F_COST_AMOUNT] = e->cost[0].amount;
		f->v[DIR_F_COST_OPTION] = e->cost[0].option;
		f->v[DIR_F_COST_DESCRIPTION] = e->cost[0].amount_description;
	}
	f->v[DIR_F_FEES] = s->fees;
	struct buf b;
	buf_init(&b, 8192);
	for (size_t i = 0; i < e->n_term; i++) {
		if (i)
			buf_puts(&b, "; ");
		buf_puts(&b, e->term[i].name);
	}
	f->v[DIR_F_CATEGORIES] = !b.err && b.data ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	for (size_t i = 0; i < e->n_domain; i++) {
		enum assess_domain d = assess_domain_from_code(e->domain[i]);
		if (d < ADOMAIN__MAX)
			f->domain[d] = true;
	}
}

/* True when any of the fields from..to (inclusive) has text. */
static bool any(const struct dir_form *f, enum dir_field from, enum dir_field to)
{
	for (int i = from; i <= (int)to; i++)
		if (f->v[i] && f->v[i][strspn(f->v[i], " \t\r\n")])
			return true;
	return false;
}

/* Removes child 0 of an array of n records of size sz. */
static void drop_first(void *arr, size_t *n, size_t sz)
{
	if (!*n)
		return;
	memmove(arr, (char *)arr + sz, (*n - 1) * sz);
	(*n)--;
}

enum cp_err dir_form_to_entry(struct store_conn *c, struct arena *a, const struct dir_form *f,
			      struct store_dir_entry *e, struct person_errors *errs)
{
	errs->n = 0;
	struct store_dir_service *s = &e->svc;
	s->name = f->v[DIR_F_NAME];
	s->description = f->v[DIR_F_DESCRIPTION];
	s->status = f->v[DIR_F_STATUS];
	s->eligibility = f->v[DIR_F_ELIGIBILITY];
	s->how_to_access = f->v[DIR_F_HOW_TO_ACCESS];
	s->accessibility = f->v[DIR_F_ACCESSIBILITY];
	s->phone = f->v[DIR_F_PHONE];
	s->email = f->v[DIR_F_EMAIL];
	s->url = f->v[DIR_F_URL];
	s->fees = f->v[DIR_F_FEES];
	/* Ages: checked here, as the entry holds numbers. */
	const char *age_msg[2] = {NULL, NULL};
	int64_t *ages[2] = {&s->min_age, &s->max_age};
	const enum dir_field age_f[2] = {DIR_F_MIN_AGE, DIR_F_MAX_AGE};
	struct form_check v = {.a = a, .errs = errs};
	for (int i = 0; i < 2; i++) {
		const char *t = form_clean(&v, f->v[age_f[i]]);
		*ages[i] = -1;
		if (t && str_to_i64(t, 0, 120, ages[i])) {
			*ages[i] = -1;
			age_msg[i] = i ? "Oldest age: enter a whole number of years from 0 to 120"
				       : "Youngest age: enter a whole number of years from 0 to 120";
		}
	}
	e->org.name = f->v[DIR_F_ORG_NAME];
	e->org.url = f->v[DIR_F_ORG_URL];
	e->org.email = f->v[DIR_F_ORG_EMAIL];
	e->org.phone = f->v[DIR_F_ORG_PHONE];
	if (!e->org.id) {
		const char *name = form_clean(&v, e->org.name);
		int64_t id = 0;
		enum cp_err err = name ? store_dir_org_by_name(c, name, &id) : CP_ENOTFOUND;
		if (!err)
			e->org.id = id;
		else if (err != CP_ENOTFOUND) {
			return err;
		}
	}
	if (any(f, DIR_F_CONTACT_NAME, DIR_F_CONTACT_EMAIL)) {
		if (!e->n_contact)
			e->n_contact = 1;
		e->contact[0] = (struct store_dir_contact){.name = f->v[DIR_F_CONTACT_NAME],
							   .title = f->v[DIR_F_CONTACT_TITLE],
							   .phone = f->v[DIR_F_CONTACT_PHONE],
							   .email = f->v[DIR_F_CONTACT_EMAIL],
							   .ext_id = e->contact[0].ext_id};
	} else {
		drop_first(e->contact, &e->n_contact, sizeof e->contact[0]);
	}
	if (any(f, DIR_F_LOC_NAME, DIR_F_LOC_ACCESSIBILITY)) {
		if (!e->n_loc) {
			e->n_loc = 1;
			e->loc[0] = (struct store_dir_location){0};
		}
		struct store_dir_location *l = &e->loc[0];
		l->name = f->v[DIR_F_LOC_NAME];
		l->address = f->v[DIR_F_LOC_ADDRESS];
		l->town = f->v[DIR_F_LOC_TOWN];
		l->postcode = f->v[DIR_F_LOC_POSTCODE];
		l->latitude = f->v[DIR_F_LOC_LATITUDE];
		l->longitude = f->v[DIR_F_LOC_LONGITUDE];
		l->accessibility = f->v[DIR_F_LOC_ACCESSIBILITY];
	} else {
		drop_first(e->loc, &e->n_loc, sizeof e->loc[0]);
	}
	if (any(f, DIR_F_SCHED_RRULE, DIR_F_SCHED_DESCRIPTION)) {
		if (!e->n_sched)
			e->n_sched = 1;
		e->sched[0] = (struct store_dir_schedule){.rrule = f->v[DIR_F_SCHED_RRULE],
							  .dtstart = f->v[DIR_F_SCHED_START],
							  .opens_at = f->v[DIR_F_SCHED_OPENS],
							  .closes_at = f->v[DIR_F_SCHED_CLOSES],
							  .description = f->v[DIR_F_SCHED_DESCRIPTION],
							  .ext_id = e->sched[0].ext_id};
	} else {
		drop_first(e->sched, &e->n_sched, sizeof e->sched[0]);
	}
	if (any(f, DIR_F_COST_AMOUNT, DIR_F_COST_DESCRIPTION)) {
		if (!e->n_cost)
			e->n_cost = 1;
		e->cost[0] = (struct store_dir_cost){.amount = f->v[DIR_F_COST_AMOUNT],
						     .option = f->v[DIR_F_COST_OPTION],
						     .amount_description = f->v[DIR_F_COST_DESCRIPTION],
						     .ext_id = e->cost[0].ext_id};
	} else {
		drop_first(e->cost, &e->n_cost, sizeof e->cost[0]);
	}
	/* Categories by name: an existing one is reused, whatever its list. */
	e->n_term = 0;
	bool too_many = false;
	for (const char *p = f->v[DIR_F_CATEGORIES]; p && *p;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' || p[len - 1] == '\n'))
			len--;
		if (len) {
			if (e->n_term == STORE_DIR_TERM_MAX) {
				too_many = true;
				break;
			}
			char *name = arena_strndup(a, p, len);
			if (!name)
				return CP_ENOMEM;
			struct store_dir_term *t = &e->term[e->n_term++];
			enum cp_err err = store_dir_term_by_name(c, a, name, t);
			if (err == CP_ENOTFOUND)
				*t = (struct store_dir_term){.name = name};
			else if (err)
				return err;
		}
		p = semi ? semi + 1 : NULL;
	}
	e->n_domain = 0;
	for (int d = 0; d < ADOMAIN__MAX && e->n_domain < STORE_DIR_DOMAIN_MAX; d++)
		if (f->domain[d])
			e->domain[e->n_domain++] = assess_domain_code((enum assess_domain)d);
	enum cp_err err = dir_entry_check(a, e, errs);
	if (err && err != CP_EINVAL)
		return err;
	struct form_check w = {.a = a, .errs = errs};
	if (age_msg[0])
		bad(&w, "min_age", age_msg[0]);
	if (age_msg[1])
		bad(&w, "max_age", age_msg[1]);
	if (too_many)
		bad(&w, "categories", arena_printf(a, "Categories: give at most %d", STORE_DIR_TERM_MAX));
	if (!e->n_domain)
		bad(&w, "domains", "Needs it helps with: tick at least one");
	if (v.oom || w.oom)
		return CP_ENOMEM;
	return errs->n ? CP_EINVAL : CP_OK;
}
