/* dir_csv.c - importing the directory's CSV (dir_csv.h). */
#include "dir_csv.h"

#include <stdio.h>
#include <string.h>

#include "../util/csvread.h"
#include "../util/str.h"
#include "caldate.h"

static const char *const headers[DIR_CSV__MAX] = {
#define COL(e, header) [DIR_CSV_##e] = (header),
#include "dir_csv.def"
#undef COL
};

const char *dir_csv_header(enum dir_csv_col c)
{
	return c < DIR_CSV__MAX ? headers[c] : "";
}

/* A cell as read: NULL when empty; a leading ' that neutralised a
 * formula character is dropped. */
static const char *cell(const char *const *row, const int *col, size_t n, enum dir_csv_col c)
{
	int i = col[c];
	if (i < 0 || (size_t)i >= n || !row[i] || !*row[i])
		return NULL;
	const char *s = row[i];
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		s++;
	return s;
}

/* Splits a "a; b; c" list into out (at most max, trimmed, non-empty). */
static size_t split(struct arena *a, const char *s, const char **out, size_t max, bool *over)
{
	size_t n = 0;
	*over = false;
	while (s && *s) {
		const char *semi = strchr(s, ';');
		size_t len = semi ? (size_t)(semi - s) : strlen(s);
		while (len && (*s == ' '))
			s++, len--;
		while (len && s[len - 1] == ' ')
			len--;
		if (len) {
			if (n == max) {
				*over = true;
				break;
			}
			out[n++] = arena_strndup(a, s, len);
		}
		s = semi ? semi + 1 : NULL;
	}
	return n;
}

static int64_t age(const char *s, const char **bad_msg, const char *what)
{
	int64_t v = -1;
	if (s && str_to_i64(s, 0, 120, &v)) {
		*bad_msg = what;
		return -2;
	}
	return s ? v : -1;
}

/* Reads one row into e; NULL, or what is wrong with it. */
static const char *row_entry(struct store_conn *c, struct arena *a, const char *const *row, const int *col, size_t n,
			     struct store_dir_entry *e)
{
	memset(e, 0, sizeof *e);
#define V(k) cell(row, col, n, DIR_CSV_##k)
	const char *bad = NULL;
	e->svc.ext_id = V(ID);
	e->svc.name = V(NAME);
	e->svc.description = V(DESCRIPTION);
	e->svc.status = V(STATUS);
	e->svc.url = V(URL);
	e->svc.email = V(EMAIL);
	e->svc.phone = V(PHONE);
	e->svc.eligibility = V(ELIGIBILITY);
	e->svc.accessibility = V(ACCESSIBILITY);
	e->svc.how_to_access = V(HOW_TO_ACCESS);
	e->svc.min_age = age(V(MIN_AGE), &bad, "min_age: enter a whole number of years from 0 to 120");
	e->svc.max_age = age(V(MAX_AGE), &bad, "max_age: enter a whole number of years from 0 to 120");
	e->svc.fees = V(FEES);
	const char *rev = V(REVIEWED);
	if (rev) {
		struct caldate d;
		char msg[160];
		if (caldate_parse(rev, "reviewed", &d, msg, sizeof msg))
			bad = arena_printf(a, "%s", msg);
		else
			e->svc.reviewed_ms = (int64_t)caldate_to_days(d) * 86400000;
	}
	e->org.ext_id = V(ORG_ID);
	e->org.name = V(ORG);
	e->org.description = V(ORG_DESCRIPTION);
	e->org.url = V(ORG_URL);
	e->org.email = V(ORG_EMAIL);
	e->org.phone = V(ORG_PHONE);
	if (!e->svc.ext_id && !bad)
		bad = "id: every service needs its id";
	if (!e->org.ext_id && !bad)
		bad = "organisation_id: every service needs its organisation's id";
	if (V(LOC_ID) || V(ADDRESS) || V(POSTCODE) || V(LATITUDE)) {
		struct store_dir_location *l = &e->loc[e->n_loc++];
		l->ext_id = V(LOC_ID);
		l->name = V(LOC_NAME);
		l->address = V(ADDRESS);
		l->town = V(TOWN);
		l->postcode = V(POSTCODE);
		l->latitude = V(LATITUDE);
		l->longitude = V(LONGITUDE);
		l->accessibility = V(LOC_ACCESSIBILITY);
		if (!l->ext_id && !bad)
			bad = "location_id: a location needs its id";
	}
	if (V(CONTACT_NAME) || V(CONTACT_PHONE) || V(CONTACT_EMAIL) || V(CONTACT_TITLE)) {
		struct store_dir_contact *x = &e->contact[e->n_contact++];
		x->name = V(CONTACT_NAME);
		x->title = V(CONTACT_TITLE);
		x->phone = V(CONTACT_PHONE);
		x->email = V(CONTACT_EMAIL);
	}
	if (V(RRULE) || V(WHEN) || V(OPENS_AT) || V(START_DATE) || V(CLOSES_AT)) {
		struct store_dir_schedule *x = &e->sched[e->n_sched++];
		x->rrule = V(RRULE);
		x->dtstart = V(START_DATE);
		x->opens_at = V(OPENS_AT);
		x->closes_at = V(CLOSES_AT);
		x->description = V(WHEN);
	}
	if (V(COST_OPTION) || V(COST_AMOUNT) || V(COST_DESCRIPTION)) {
		struct store_dir_cost *x = &e->cost[e->n_cost++];
		x->option = V(COST_OPTION);
		x->amount = V(COST_AMOUNT);
		x->amount_description = V(COST_DESCRIPTION);
	}
	if (V(AREA)) {
		e->area[0].name = V(AREA);
		e->n_area = 1;
	}
	bool over = false;
	const char *names[STORE_DIR_TERM_MAX];
	size_t nt = split(a, V(CATEGORIES), names, STORE_DIR_TERM_MAX, &over);
	if (over && !bad)
		bad = arena_printf(a, "categories: at most %d", STORE_DIR_TERM_MAX);
	for (size_t i = 0; i < nt && !bad; i++) {
		struct store_dir_term *t = &e->term[e->n_term++];
		if (!names[i])
			return "out of memory";
		enum cp_err err = store_dir_term_by_name(c, a, names[i], t);
		if (err == CP_ENOTFOUND)
			*t = (struct store_dir_term){.name = names[i]};
		else if (err)
			return "the categories could not be read";
	}
	e->n_domain = split(a, V(DOMAINS), e->domain, STORE_DIR_DOMAIN_MAX, &over);
	if (over && !bad)
		bad = "domains: more than there are";
#undef V
	return bad;
}

static enum cp_err read_rows(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t user_id, struct csvread *rd, struct dir_report *rep)
{
	const char *const *head = NULL, *msg = NULL;
	size_t nh = 0;
	long line = 0;
	switch (csvread_next(rd, &head, &nh, &line, &msg)) {
	case CSVREAD_RECORD:
		break;
	case CSVREAD_END:
		rep->error = "The file is empty.";
		return CP_OK;
	case CSVREAD_BAD:
		rep->error = arena_printf(a, "Line %ld: the header row is not valid CSV: %s.", line, msg);
		return rep->error ? CP_OK : CP_ENOMEM;
	default:
		rep->error = arena_printf(a, "Line %ld: %s.", line, msg ? msg : "the file could not be read");
		return rep->error ? CP_OK : CP_ENOMEM;
	}
	int col[DIR_CSV__MAX];
	for (int k = 0; k < DIR_CSV__MAX; k++)
		col[k] = -1;
	for (size_t i = 0; i < nh; i++) {
		int found = -1;
		for (int k = 0; k < DIR_CSV__MAX && found < 0; k++)
			if (strcmp(head[i], headers[k]) == 0)
				found = k;
		if (found < 0 || col[found] >= 0) {
			rep->error = arena_printf(a, "Line %ld: the column \"%.40s\" is %s.", line, head[i],
						  found < 0 ? "not one this import knows" : "there twice");
			return rep->error ? CP_OK : CP_ENOMEM;
		}
		col[found] = (int)i;
	}
	if (col[DIR_CSV_ID] < 0 || col[DIR_CSV_NAME] < 0 || col[DIR_CSV_ORG] < 0) {
		rep->error = arena_printf(a, "Line %ld: the header row needs at least the columns id, name and "
					     "organisation.", line);
		return rep->error ? CP_OK : CP_ENOMEM;
	}
	for (;;) {
		const char *const *row = NULL;
		size_t n = 0;
		enum csvread_result got = csvread_next(rd, &row, &n, &line, &msg);
		if (got == CSVREAD_END)
			return CP_OK;
		if (got == CSVREAD_EIO) {
			rep->error = arena_printf(a, "Line %ld: %s.", line, msg ? msg : "the file could not be read");
			return rep->error ? CP_OK : CP_ENOMEM;
		}
		if (got == CSVREAD_RECORD && n == 1 && !*row[0])
			continue; /* a line holding only "": as blank as a blank one (which the reader skips) */
		struct arena *scratch = arena_new(1024 * 1024);
		if (!scratch)
			return CP_ENOMEM;
		const char *ref = arena_printf(scratch, "line %ld", line);
		if (!ref) {
			arena_free(scratch);
			return CP_ENOMEM;
		}
		if (got == CSVREAD_BAD || n > DIR_CSV__MAX) {
			/* The reader has skipped the broken record: the rest is read. */
			const char *why = arena_printf(scratch, "not valid CSV: %s",
						       got == CSVREAD_BAD ? msg : "the row has more cells than there are columns");
			bool ok = why && dir_report_add(a, rep, DIR_REFUSED, ref, NULL, why, 0);
			arena_free(scratch);
			if (!ok)
				return CP_ENOMEM;
			continue;
		}
		struct store_dir_entry *e = arena_alloc(scratch, sizeof *e);
		if (!e) {
			arena_free(scratch);
			return CP_ENOMEM;
		}
		const char *bad = row_entry(c, scratch, row, col, n, e);
		enum cp_err err = dir_import_one(c, a, scratch, who, now_ms, user_id, e, ref, bad, false, rep);
		arena_free(scratch);
		if (err)
			return err;
	}
}

enum cp_err dir_import_csv(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t user_id, const char *text, size_t len, struct dir_report *rep)
{
	memset(rep, 0, sizeof *rep);
	if (!utf8_text_valid(text, len)) {
		rep->error = "The file is not UTF-8 text.";
		return CP_OK;
	}
	if (!len) {
		rep->error = "The file is empty.";
		return CP_OK;
	}
	/* The register's streaming reader, over the text in memory. */
	FILE *f = fmemopen((void *)text, len, "r");
	if (!f)
		return CP_ENOMEM;
	struct csvread *rd = csvread_new(f);
	if (!rd) {
		fclose(f);
		return CP_ENOMEM;
	}
	enum cp_err err = read_rows(c, a, who, now_ms, user_id, rd, rep);
	csvread_free(rd);
	fclose(f);
	return err;
}
