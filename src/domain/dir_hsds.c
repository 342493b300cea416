/*
 * dir_hsds.c - the directory as HSDS JSON (dir_hsds.h): reading a service
 * object into an entry, writing an entry as one, importing and exporting
 * whole files.  json-c objects are freed before each function returns.
 */
#include "dir_hsds.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/str.h"
#include "assess.h"
#include "caldate.h"
#include "recur.h"

#define RECORD_ARENA (1024 * 1024) /* scratch for one record */

bool dir_report_add(struct arena *a, struct dir_report *r, enum dir_outcome o, const char *ref, const char *name,
		    const char *message, int64_t id)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct dir_report_row *rows = arena_alloc(a, cap * sizeof *rows);
		if (!rows)
			return false;
		if (r->n)
			memcpy(rows, r->rows, r->n * sizeof *rows);
		r->rows = rows;
		r->cap = cap;
	}
	struct dir_report_row *row = &r->rows[r->n];
	row->outcome = o;
	row->ref = ref ? arena_strndup(a, ref, strlen(ref)) : NULL;
	row->name = name ? arena_strndup(a, name, strlen(name)) : NULL;
	row->message = message ? arena_strndup(a, message, strlen(message)) : NULL;
	row->id = id;
	if ((ref && !row->ref) || (name && !row->name) || (message && !row->message))
		return false;
	r->n++;
	r->count[o]++;
	return true;
}

/* ---- writing ---------------------------------------------------------------- */

/* json-c's add never fails but on allocation; a NULL value is a missing
 * field, which the caller's final check of the whole tree cannot see, so
 * every string goes through here and failures are counted. */
struct jw {
	int oom;
};

static void put_str(struct jw *w, json_object *o, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	json_object *s = json_object_new_string(v);
	if (!s || json_object_object_add(o, key, s))
		w->oom++;
}

static void put_int(struct jw *w, json_object *o, const char *key, int64_t v)
{
	json_object *s = json_object_new_int64(v);
	if (!s || json_object_object_add(o, key, s))
		w->oom++;
}

/* A decimal as the number it was written as. */
static void put_dec(struct jw *w, json_object *o, const char *key, const char *v)
{
	if (!v)
		return;
	json_object *s = json_object_new_double_s(strtod(v, NULL), v);
	if (!s || json_object_object_add(o, key, s))
		w->oom++;
}

static json_object *add_obj(struct jw *w, json_object *parent, const char *key)
{
	json_object *o = json_object_new_object();
	if (!o || (json_object_is_type(parent, json_type_array) ? json_object_array_add(parent, o)
								  : json_object_object_add(parent, key, o))) {
		json_object_put(o);
		w->oom++;
		return NULL;
	}
	return o;
}

static json_object *add_arr(struct jw *w, json_object *parent, const char *key)
{
	json_object *o = json_object_new_array();
	if (!o || json_object_object_add(parent, key, o)) {
		w->oom++;
		return NULL;
	}
	return o;
}

static void put_phones(struct jw *w, json_object *o, const char *number)
{
	if (!number)
		return;
	json_object *arr = add_arr(w, o, "phones");
	json_object *p = arr ? add_obj(w, arr, NULL) : NULL;
	if (p)
		put_str(w, p, "number", number);
}

static const char *ext_or_local(struct arena *a, const char *ext, const char *kind, int64_t id)
{
	return ext ? ext : dir_local_id(a, kind, id);
}

static int by_id_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The RRULE's parts as HSDS schedule fields. */
static void put_rrule(struct jw *w, json_object *o, const char *rrule)
{
	char part[RECUR_TEXT_MAX];
	for (const char *p = rrule; p && *p;) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		if (n < sizeof part) {
			memcpy(part, p, n);
			part[n] = '\0';
			char *eq = strchr(part, '=');
			if (eq) {
				*eq = '\0';
				const char *v = eq + 1;
				if (strcmp(part, "FREQ") == 0)
					put_str(w, o, "freq", v);
				else if (strcmp(part, "INTERVAL") == 0)
					put_int(w, o, "interval", strtoll(v, NULL, 10));
				else if (strcmp(part, "BYDAY") == 0)
					put_str(w, o, "byday", v);
				else if (strcmp(part, "BYMONTHDAY") == 0)
					put_str(w, o, "bymonthday", v);
				else if (strcmp(part, "COUNT") == 0)
					put_int(w, o, "count", strtoll(v, NULL, 10));
				else if (strcmp(part, "UNTIL") == 0)
					put_str(w, o, "until", v);
				else if (strcmp(part, "WKST") == 0)
					put_str(w, o, "wkst", v);
			}
		}
		p = semi ? semi + 1 : NULL;
	}
}

/* The service object of e; NULL when memory ran out.  Free with
 * json_object_put.  full: with every child's id and the review date. */
static json_object *entry_json(struct arena *a, const struct store_dir_entry *e, bool full)
{
	struct jw w = {0};
	json_object *o = json_object_new_object();
	if (!o)
		return NULL;
	const struct store_dir_service *s = &e->svc;
	put_str(&w, o, "id", ext_or_local(a, s->ext_id, "service", s->id));
	put_str(&w, o, "name", s->name);
	put_str(&w, o, "description", s->description);
	put_str(&w, o, "url", s->url);
	put_str(&w, o, "email", s->email);
	put_str(&w, o, "status", s->status);
	put_str(&w, o, "fees_description", s->fees);
	put_str(&w, o, "eligibility_description", s->eligibility);
	put_str(&w, o, "application_process", s->how_to_access);
	put_str(&w, o, "accessibility", s->accessibility);
	if (s->min_age >= 0)
		put_int(&w, o, "minimum_age", s->min_age);
	if (s->max_age >= 0)
		put_int(&w, o, "maximum_age", s->max_age);
	if (s->reviewed_ms) {
		struct caldate d;
		char day[CALDATE_STR];
		if (caldate_from_days((int)(s->reviewed_ms / 86400000), &d) == CP_OK) {
			caldate_format(d, day, sizeof day);
			put_str(&w, o, "assured_date", day);
		}
	}
	put_phones(&w, o, s->phone);
	json_object *org = add_obj(&w, o, "organization");
	if (org) {
		put_str(&w, org, "id", ext_or_local(a, e->org.ext_id, "organisation", e->org.id));
		put_str(&w, org, "name", e->org.name);
		put_str(&w, org, "description", e->org.description);
		put_str(&w, org, "email", e->org.email);
		put_str(&w, org, "website", e->org.url);
		put_phones(&w, org, e->org.phone);
	}
	/* Locations and categories in id order, so the file's order does not
	 * make a difference. */
	const char *lid[STORE_DIR_LOC_MAX];
	for (size_t i = 0; i < e->n_loc; i++)
		lid[i] = ext_or_local(a, e->loc[i].ext_id, "location", e->loc[i].id);
	size_t order[STORE_DIR_LOC_MAX];
	for (size_t i = 0; i < e->n_loc; i++)
		order[i] = i;
	for (size_t i = 1; i < e->n_loc; i++)
		for (size_t j = i; j > 0 && lid[order[j - 1]] && lid[order[j]] &&
				   strcmp(lid[order[j - 1]], lid[order[j]]) > 0;
		     j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	json_object *sal = e->n_loc ? add_arr(&w, o, "service_at_locations") : NULL;
	for (size_t k = 0; sal && k < e->n_loc; k++) {
		const struct store_dir_location *l = &e->loc[order[k]];
		json_object *at = add_obj(&w, sal, NULL);
		json_object *lo = at ? add_obj(&w, at, "location") : NULL;
		if (!lo)
			continue;
		put_str(&w, lo, "id", lid[order[k]]);
		put_str(&w, lo, "name", l->name);
		if ((l->address && *l->address) || (l->town && *l->town) || (l->postcode && *l->postcode)) {
			json_object *adr = add_arr(&w, lo, "addresses");
			json_object *ad = adr ? add_obj(&w, adr, NULL) : NULL;
			if (ad) {
				put_str(&w, ad, "address_1", l->address);
				put_str(&w, ad, "city", l->town);
				put_str(&w, ad, "postal_code", l->postcode);
			}
		}
		put_dec(&w, lo, "latitude", l->latitude);
		put_dec(&w, lo, "longitude", l->longitude);
		if (l->accessibility && *l->accessibility) {
			json_object *acc = add_arr(&w, lo, "accessibility");
			json_object *ac = acc ? add_obj(&w, acc, NULL) : NULL;
			if (ac)
				put_str(&w, ac, "description", l->accessibility);
		}
	}
	json_object *arr = e->n_contact ? add_arr(&w, o, "contacts") : NULL;
	for (size_t i = 0; arr && i < e->n_contact; i++) {
		const struct store_dir_contact *x = &e->contact[i];
		json_object *c = add_obj(&w, arr, NULL);
		if (!c)
			continue;
		if (full)
			put_str(&w, c, "id", ext_or_local(a, x->ext_id, "contact", x->id));
		put_str(&w, c, "name", x->name);
		put_str(&w, c, "title", x->title);
		put_str(&w, c, "email", x->email);
		put_phones(&w, c, x->phone);
	}
	arr = e->n_sched ? add_arr(&w, o, "schedules") : NULL;
	for (size_t i = 0; arr && i < e->n_sched; i++) {
		const struct store_dir_schedule *x = &e->sched[i];
		json_object *c = add_obj(&w, arr, NULL);
		if (!c)
			continue;
		if (full)
			put_str(&w, c, "id", ext_or_local(a, x->ext_id, "schedule", x->id));
		put_rrule(&w, c, x->rrule);
		put_str(&w, c, "dtstart", x->dtstart);
		put_str(&w, c, "opens_at", x->opens_at);
		put_str(&w, c, "closes_at", x->closes_at);
		put_str(&w, c, "description", x->description);
	}
	arr = e->n_cost ? add_arr(&w, o, "cost_options") : NULL;
	for (size_t i = 0; arr && i < e->n_cost; i++) {
		const struct store_dir_cost *x = &e->cost[i];
		json_object *c = add_obj(&w, arr, NULL);
		if (!c)
			continue;
		if (full)
			put_str(&w, c, "id", ext_or_local(a, x->ext_id, "cost", x->id));
		put_str(&w, c, "option", x->option);
		put_dec(&w, c, "amount", x->amount);
		if (x->amount)
			put_str(&w, c, "currency", "GBP");
		put_str(&w, c, "amount_description", x->amount_description);
	}
	arr = e->n_area ? add_arr(&w, o, "service_areas") : NULL;
	for (size_t i = 0; arr && i < e->n_area; i++) {
		const struct store_dir_area *x = &e->area[i];
		json_object *c = add_obj(&w, arr, NULL);
		if (!c)
			continue;
		if (full)
			put_str(&w, c, "id", ext_or_local(a, x->ext_id, "area", x->id));
		put_str(&w, c, "name", x->name);
		put_str(&w, c, "description", x->description);
	}
	/* Categories then domains, each as a taxonomy term, in a fixed order. */
	const char *keys[STORE_DIR_TERM_MAX + STORE_DIR_DOMAIN_MAX];
	size_t nk = 0;
	for (size_t i = 0; i < e->n_term; i++)
		keys[nk++] = arena_printf(a, "%s\x1f%s\x1f%s", e->term[i].vocabulary ? e->term[i].vocabulary : "",
					  e->term[i].name, ext_or_local(a, e->term[i].ext_id, "taxonomy", e->term[i].id));
	for (size_t i = 0; i < nk; i++)
		if (!keys[i])
			w.oom++;
	if (!w.oom)
		qsort(keys, nk, sizeof keys[0], by_id_str);
	arr = nk || e->n_domain ? add_arr(&w, o, "attributes") : NULL;
	for (size_t i = 0; arr && !w.oom && i < nk; i++) {
		char *k = arena_strndup(a, keys[i], strlen(keys[i]));
		char *f1 = k ? strchr(k, '\x1f') : NULL, *f2 = f1 ? strchr(f1 + 1, '\x1f') : NULL;
		if (!f2) {
			w.oom++;
			break;
		}
		*f1 = *f2 = '\0';
		json_object *at = add_obj(&w, arr, NULL);
		json_object *t = at ? add_obj(&w, at, "taxonomy_term") : NULL;
		if (!t)
			continue;
		if (full)
			put_str(&w, t, "id", f2 + 1);
		put_str(&w, t, "name", f1 + 1);
		put_str(&w, t, "taxonomy", k);
	}
	/* Domains in the assessment's order, whatever order they came in. */
	for (int d = 0; arr && d < ADOMAIN__MAX; d++) {
		const char *code = assess_domain_code((enum assess_domain)d);
		bool has = false;
		for (size_t i = 0; i < e->n_domain && !has; i++)
			has = e->domain[i] && strcmp(e->domain[i], code) == 0;
		if (!has)
			continue;
		json_object *at = add_obj(&w, arr, NULL);
		json_object *t = at ? add_obj(&w, at, "taxonomy_term") : NULL;
		if (!t)
			continue;
		if (full)
			put_str(&w, t, "id", arena_printf(a, "careplan-domain-%s", code));
		put_str(&w, t, "code", code);
		put_str(&w, t, "name", assess_domain_label((enum assess_domain)d));
		put_str(&w, t, "taxonomy", DIR_TAXONOMY_DOMAIN);
	}
	if (w.oom) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

enum cp_err dir_hsds_compare_text(struct arena *a, const struct store_dir_entry *e, char **out)
{
	json_object *o = entry_json(a, e, false);
	if (!o)
		return CP_ENOMEM;
	const char *t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	*out = t ? arena_strndup(a, t, strlen(t)) : NULL;
	json_object_put(o);
	return *out ? CP_OK : CP_ENOMEM;
}

/* ---- reading ---------------------------------------------------------------- */

struct jr {
	struct arena *a;
	const char *msg; /* the first problem, naming the field */
};

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v) ||
	    json_object_is_type(v, json_type_null))
		return NULL;
	return v;
}

/* A string field (a number is taken as its text, as written); NULL when absent. */
static const char *get_str(struct jr *r, json_object *o, const char *key, const char *where)
{
	json_object *v = get(o, key);
	if (!v)
		return NULL;
	if (!json_object_is_type(v, json_type_string) && !json_object_is_type(v, json_type_double) &&
	    !json_object_is_type(v, json_type_int)) {
		if (!r->msg)
			r->msg = arena_printf(r->a, "%s%s: should be text", where, key);
		return NULL;
	}
	const char *s = json_object_get_string(v);
	return s ? arena_strndup(r->a, s, strlen(s)) : NULL;
}

/* A decimal field as written (a number, or text holding one). */
static const char *get_dec(struct jr *r, json_object *o, const char *key, const char *where)
{
	return get_str(r, o, key, where);
}

static int64_t get_age(struct jr *r, json_object *o, const char *key)
{
	json_object *v = get(o, key);
	if (!v)
		return -1;
	if (!json_object_is_type(v, json_type_int)) {
		if (!r->msg)
			r->msg = arena_printf(r->a, "%s: should be a whole number of years", key);
		return -1;
	}
	int64_t n = json_object_get_int64(v);
	return n < 0 ? -2 : n; /* dir_entry_check refuses it */
}

static json_object *get_arr(struct jr *r, json_object *o, const char *key, const char *where)
{
	json_object *v = get(o, key);
	if (v && !json_object_is_type(v, json_type_array)) {
		if (!r->msg)
			r->msg = arena_printf(r->a, "%s%s: should be a list", where, key);
		return NULL;
	}
	return v;
}

/* The first phone number in o's "phones". */
static const char *get_phone(struct jr *r, json_object *o, const char *where)
{
	json_object *arr = get_arr(r, o, "phones", where);
	if (!arr || json_object_array_length(arr) == 0)
		return NULL;
	return get_str(r, json_object_array_get_idx(arr, 0), "number", where);
}

static size_t bounded(struct jr *r, json_object *arr, size_t max, const char *what)
{
	size_t n = arr ? json_object_array_length(arr) : 0;
	if (n > max && !r->msg)
		r->msg = arena_printf(r->a, "%s: at most %zu", what, max);
	return n > max ? max : n;
}

/* The RRULE value of a schedule's parts, NULL when it has no freq. */
static const char *schedule_rrule(struct jr *r, json_object *o, const char *where)
{
	const char *freq = get_str(r, o, "freq", where);
	const char *x = get_str(r, o, "rrule", where); /* a whole rule, as some files give it */
	if (x && !freq)
		return x;
	if (!freq)
		return NULL;
	char rule[RECUR_TEXT_MAX * 2];
	int k = snprintf(rule, sizeof rule, "FREQ=%s", freq);
	static const char *const parts[][2] = {{"interval", "INTERVAL"}, {"byday", "BYDAY"},
					       {"bymonthday", "BYMONTHDAY"}, {"count", "COUNT"},
					       {"until", "UNTIL"},     {"wkst", "WKST"}};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const char *v = get_str(r, o, parts[i][0], where);
		if (v && k > 0 && (size_t)k < sizeof rule)
			k += snprintf(rule + k, sizeof rule - (size_t)k, ";%s=%s", parts[i][1], v);
	}
	if (k < 0 || (size_t)k >= sizeof rule)
		return arena_strndup(r->a, rule, RECUR_TEXT_MAX); /* recur_parse says it is too long */
	return arena_strndup(r->a, rule, (size_t)k);
}

/* Reads service object o into e (zeroed first).  false with r->msg when a
 * field has the wrong shape; values are checked by dir_entry_check. */
static bool entry_read(struct jr *r, json_object *o, struct store_dir_entry *e)
{
	memset(e, 0, sizeof *e);
	if (!json_object_is_type(o, json_type_object)) {
		r->msg = "the record is not an object";
		return false;
	}
	struct store_dir_service *s = &e->svc;
	s->ext_id = get_str(r, o, "id", "");
	s->name = get_str(r, o, "name", "");
	s->description = get_str(r, o, "description", "");
	s->url = get_str(r, o, "url", "");
	s->email = get_str(r, o, "email", "");
	s->status = get_str(r, o, "status", "");
	s->fees = get_str(r, o, "fees_description", "");
	if (!s->fees)
		s->fees = get_str(r, o, "fees", "");
	s->eligibility = get_str(r, o, "eligibility_description", "");
	s->how_to_access = get_str(r, o, "application_process", "");
	s->accessibility = get_str(r, o, "accessibility", "");
	s->min_age = get_age(r, o, "minimum_age");
	s->max_age = get_age(r, o, "maximum_age");
	s->phone = get_phone(r, o, "");
	const char *assured = get_str(r, o, "assured_date", "");
	if (assured) {
		struct caldate d;
		char msg[160];
		if (strlen(assured) > 10 && assured[10] == 'T')
			assured = arena_strndup(r->a, assured, 10);
		if (!assured || caldate_parse(assured, "assured_date", &d, msg, sizeof msg)) {
			if (!r->msg)
				r->msg = assured ? arena_printf(r->a, "%s", msg) : "out of memory";
		} else {
			s->reviewed_ms = (int64_t)caldate_to_days(d) * 86400000;
		}
	}
	if (!s->ext_id && !r->msg)
		r->msg = "id: every service needs its id";
	json_object *org = get(o, "organization");
	if (!org || !json_object_is_type(org, json_type_object)) {
		if (!r->msg)
			r->msg = "organization: every service needs its organisation";
	} else {
		e->org.ext_id = get_str(r, org, "id", "organization.");
		e->org.name = get_str(r, org, "name", "organization.");
		e->org.description = get_str(r, org, "description", "organization.");
		e->org.email = get_str(r, org, "email", "organization.");
		e->org.url = get_str(r, org, "website", "organization.");
		if (!e->org.url)
			e->org.url = get_str(r, org, "url", "organization.");
		e->org.phone = get_phone(r, org, "organization.");
		if (!e->org.ext_id && !r->msg)
			r->msg = "organization.id: every organisation needs its id";
	}
	json_object *arr = get_arr(r, o, "service_at_locations", "");
	e->n_loc = bounded(r, arr, STORE_DIR_LOC_MAX, "service_at_locations");
	for (size_t i = 0; i < e->n_loc; i++) {
		json_object *at = json_object_array_get_idx(arr, i);
		json_object *lo = get(at, "location");
		if (!lo)
			lo = at;
		struct store_dir_location *l = &e->loc[i];
		l->ext_id = get_str(r, lo, "id", "location.");
		l->name = get_str(r, lo, "name", "location.");
		json_object *adr = get_arr(r, lo, "addresses", "location.");
		json_object *ad = adr && json_object_array_length(adr) ? json_object_array_get_idx(adr, 0)
								       : get(lo, "physical_address");
		l->address = get_str(r, ad, "address_1", "location.address.");
		l->town = get_str(r, ad, "city", "location.address.");
		l->postcode = get_str(r, ad, "postal_code", "location.address.");
		l->latitude = get_dec(r, lo, "latitude", "location.");
		l->longitude = get_dec(r, lo, "longitude", "location.");
		json_object *acc = get_arr(r, lo, "accessibility", "location.");
		if (acc && json_object_array_length(acc))
			l->accessibility = get_str(r, json_object_array_get_idx(acc, 0), "description",
						   "location.accessibility.");
		if (!l->ext_id && !r->msg)
			r->msg = "location.id: every location needs its id";
	}
	arr = get_arr(r, o, "contacts", "");
	e->n_contact = bounded(r, arr, STORE_DIR_CHILD_MAX, "contacts");
	for (size_t i = 0; i < e->n_contact; i++) {
		json_object *c = json_object_array_get_idx(arr, i);
		struct store_dir_contact *x = &e->contact[i];
		x->ext_id = get_str(r, c, "id", "contact.");
		x->name = get_str(r, c, "name", "contact.");
		x->title = get_str(r, c, "title", "contact.");
		x->email = get_str(r, c, "email", "contact.");
		x->phone = get_phone(r, c, "contact.");
	}
	arr = get_arr(r, o, "schedules", "");
	if (!arr)
		arr = get_arr(r, o, "regular_schedules", "");
	e->n_sched = bounded(r, arr, STORE_DIR_CHILD_MAX, "schedules");
	for (size_t i = 0; i < e->n_sched; i++) {
		json_object *c = json_object_array_get_idx(arr, i);
		struct store_dir_schedule *x = &e->sched[i];
		x->ext_id = get_str(r, c, "id", "schedule.");
		x->rrule = schedule_rrule(r, c, "schedule.");
		x->dtstart = get_str(r, c, "dtstart", "schedule.");
		x->opens_at = get_str(r, c, "opens_at", "schedule.");
		x->closes_at = get_str(r, c, "closes_at", "schedule.");
		x->description = get_str(r, c, "description", "schedule.");
		/* "09:30:00" as HSDS allows: the minutes are what is kept. */
		if (x->opens_at && strlen(x->opens_at) == 8 && x->opens_at[5] == ':')
			x->opens_at = arena_strndup(r->a, x->opens_at, 5);
		if (x->closes_at && strlen(x->closes_at) == 8 && x->closes_at[5] == ':')
			x->closes_at = arena_strndup(r->a, x->closes_at, 5);
	}
	arr = get_arr(r, o, "cost_options", "");
	e->n_cost = bounded(r, arr, STORE_DIR_CHILD_MAX, "cost_options");
	for (size_t i = 0; i < e->n_cost; i++) {
		json_object *c = json_object_array_get_idx(arr, i);
		struct store_dir_cost *x = &e->cost[i];
		x->ext_id = get_str(r, c, "id", "cost_option.");
		x->option = get_str(r, c, "option", "cost_option.");
		x->amount = get_dec(r, c, "amount", "cost_option.");
		x->amount_description = get_str(r, c, "amount_description", "cost_option.");
	}
	arr = get_arr(r, o, "service_areas", "");
	e->n_area = bounded(r, arr, STORE_DIR_CHILD_MAX, "service_areas");
	for (size_t i = 0; i < e->n_area; i++) {
		json_object *c = json_object_array_get_idx(arr, i);
		struct store_dir_area *x = &e->area[i];
		x->ext_id = get_str(r, c, "id", "service_area.");
		x->name = get_str(r, c, "name", "service_area.");
		if (!x->name)
			x->name = get_str(r, c, "service_area", "service_area.");
		x->description = get_str(r, c, "description", "service_area.");
	}
	arr = get_arr(r, o, "attributes", "");
	size_t na = arr ? json_object_array_length(arr) : 0;
	for (size_t i = 0; i < na && !r->msg; i++) {
		json_object *at = json_object_array_get_idx(arr, i);
		json_object *t = get(at, "taxonomy_term");
		if (!t)
			t = at;
		const char *voc = get_str(r, t, "taxonomy", "taxonomy_term.");
		if (voc && strcmp(voc, DIR_TAXONOMY_DOMAIN) == 0) {
			if (e->n_domain == STORE_DIR_DOMAIN_MAX) {
				r->msg = "attributes: more domains than there are";
				break;
			}
			const char *code = get_str(r, t, "code", "taxonomy_term.");
			e->domain[e->n_domain++] = code ? code : "";
			continue;
		}
		if (e->n_term == STORE_DIR_TERM_MAX) {
			r->msg = arena_printf(r->a, "attributes: at most %d categories", STORE_DIR_TERM_MAX);
			break;
		}
		struct store_dir_term *x = &e->term[e->n_term++];
		x->ext_id = get_str(r, t, "id", "taxonomy_term.");
		x->name = get_str(r, t, "name", "taxonomy_term.");
		if (!x->name)
			x->name = get_str(r, t, "term", "taxonomy_term.");
		x->vocabulary = voc;
	}
	return r->msg == NULL;
}

/* The message of errs, every field's joined by "; ". */
static const char *join_errors(struct arena *a, const struct person_errors *errs)
{
	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < errs->n; i++) {
		if (i)
			buf_puts(&b, "; ");
		buf_puts(&b, errs->e[i].message);
	}
	const char *out = b.err || !b.data ? "the record is not valid" : arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}

enum cp_err dir_import_one(struct store_conn *c, struct arena *a, struct arena *scratch,
			      const struct audit_actor *who, int64_t now_ms, int64_t user_id, struct store_dir_entry *e,
			      const char *ref, const char *read_msg, bool in_tx, struct dir_report *rep)
{
	const char *name = e->svc.name;
	if (read_msg)
		return dir_report_add(a, rep, DIR_REFUSED, ref, name, read_msg, 0) ? CP_OK : CP_ENOMEM;
	struct person_errors errs;
	enum cp_err err = dir_entry_check(scratch, e, &errs);
	if (err == CP_EINVAL)
		return dir_report_add(a, rep, DIR_REFUSED, ref, name, join_errors(scratch, &errs), 0) ? CP_OK
												      : CP_ENOMEM;
	if (err)
		return err;
	if (!in_tx && (err = store_begin(c)))
		return err;
	enum dir_outcome outcome = DIR_REFUSED;
	int64_t id = 0;
	err = dir_entry_apply(c, scratch, who, now_ms, user_id, e, "directory.service.import",
			      "directory.service.import_update", &outcome, &id);
	if (!in_tx) {
		if (err)
			store_rollback(c);
		else
			err = store_commit(c);
	}
	if (err == CP_ECONFLICT && !in_tx)
		return dir_report_add(a, rep, DIR_REFUSED, ref, name,
				      "an id in this record (a contact, schedule, cost or area) belongs to another "
				      "service",
				      0)
			       ? CP_OK
			       : CP_ENOMEM;
	if (err)
		return err;
	return dir_report_add(a, rep, outcome, ref, name, NULL, id) ? CP_OK : CP_ENOMEM;
}

enum cp_err dir_import_hsds(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t user_id, const char *text, size_t len, bool in_tx, struct dir_report *rep)
{
	memset(rep, 0, sizeof *rep);
	if (!utf8_text_valid(text, len)) {
		rep->error = "The file is not UTF-8 text.";
		return CP_OK;
	}
	json_tokener *tok = json_tokener_new_ex(64);
	if (!tok)
		return CP_ENOMEM;
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t at = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!root || jerr != json_tokener_success) {
		json_object_put(root);
		size_t line = 1;
		for (size_t i = 0; i < at && i < len; i++)
			line += text[i] == '\n';
		rep->error = arena_printf(a, "The file is not JSON: %s, at line %zu.",
					  jerr == json_tokener_continue ? "it ends too soon"
									: json_tokener_error_desc(jerr),
					  line);
		return rep->error ? CP_OK : CP_ENOMEM;
	}
	json_object *list = root;
	if (json_object_is_type(root, json_type_object)) {
		list = get(root, "services");
		if (!list)
			list = get(root, "content");
	}
	if (!list || !json_object_is_type(list, json_type_array)) {
		json_object_put(root);
		rep->error = "The file is not a list of services: give an array of HSDS service objects, or an "
			     "object with one under \"services\".";
		return CP_OK;
	}
	enum cp_err err = CP_OK;
	size_t n = json_object_array_length(list);
	for (size_t i = 0; !err && i < n; i++) {
		struct arena *scratch = arena_new(RECORD_ARENA);
		struct store_dir_entry *e = scratch ? arena_alloc(scratch, sizeof *e) : NULL;
		if (!e) {
			arena_free(scratch);
			err = CP_ENOMEM;
			break;
		}
		struct jr r = {.a = scratch};
		entry_read(&r, json_object_array_get_idx(list, i), e);
		const char *ref = e->svc.ext_id ? e->svc.ext_id : arena_printf(scratch, "record %zu", i + 1);
		err = dir_import_one(c, a, scratch, who, now_ms, user_id, e, ref, r.msg, in_tx, rep);
		arena_free(scratch);
		if (!err && in_tx && rep->count[DIR_REFUSED])
			err = CP_EINVAL;
	}
	json_object_put(root);
	return err;
}

enum cp_err dir_export_hsds(struct store_conn *c, struct arena *a, struct buf *out)
{
	json_object *root = json_object_new_object();
	json_object *list = json_object_new_array();
	if (!root || !list || json_object_object_add(root, "services", list)) {
		json_object_put(root);
		json_object_put(list);
		return CP_ENOMEM;
	}
	enum cp_err err = store_begin_read(c);
	bool began = !err;
	int64_t after = 0;
	while (!err) {
		int64_t *ids = NULL;
		size_t n = 0;
		err = store_dir_ids(c, a, after, 500, &ids, &n);
		if (err || n == 0)
			break;
		for (size_t i = 0; !err && i < n; i++) {
			struct arena *scratch = arena_new(RECORD_ARENA);
			struct store_dir_entry *e = scratch ? arena_alloc(scratch, sizeof *e) : NULL;
			err = e ? store_dir_entry_get(c, scratch, ids[i], e) : CP_ENOMEM;
			json_object *o = err ? NULL : entry_json(scratch, e, true);
			if (!err && (!o || json_object_array_add(list, o))) {
				json_object_put(o);
				err = CP_ENOMEM;
			}
			arena_free(scratch);
		}
		after = ids[n - 1];
	}
	if (began)
		store_rollback(c);
	if (!err) {
		const char *t = json_object_to_json_string_ext(
			root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
		if (!t)
			err = CP_ENOMEM;
		else {
			buf_puts(out, t);
			buf_putc(out, '\n');
			err = out->err;
		}
	}
	json_object_put(root);
	return err;
}
