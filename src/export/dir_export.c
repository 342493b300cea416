/* dir_export.c - the directory as CSV (dir_export.h). */
#include "dir_export.h"

#include <string.h>

#include "../domain/caldate.h"
#include "../domain/dir_csv.h"
#include "../domain/directory.h"
#include "csv.h"

#include <stdio.h>

/* "a; b; c" in the arena. */
static const char *joined(struct arena *a, const char *const *v, size_t n)
{
	struct buf b;
	buf_init(&b, 8192);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, "; ");
		buf_puts(&b, v[i]);
	}
	const char *out = b.err ? NULL : b.data ? arena_strndup(a, b.data, b.len) : "";
	buf_free(&b);
	return out;
}

static void row(struct buf *b, struct arena *a, const struct store_dir_entry *e)
{
	const char *v[DIR_CSV__MAX] = {0};
	char age1[24] = "", age2[24] = "", day[CALDATE_STR] = "";
	const struct store_dir_service *s = &e->svc;
	v[DIR_CSV_ID] = s->ext_id ? s->ext_id : dir_local_id(a, "service", s->id);
	v[DIR_CSV_NAME] = s->name;
	v[DIR_CSV_DESCRIPTION] = s->description;
	v[DIR_CSV_STATUS] = s->status;
	v[DIR_CSV_URL] = s->url;
	v[DIR_CSV_EMAIL] = s->email;
	v[DIR_CSV_PHONE] = s->phone;
	v[DIR_CSV_ELIGIBILITY] = s->eligibility;
	v[DIR_CSV_ACCESSIBILITY] = s->accessibility;
	v[DIR_CSV_HOW_TO_ACCESS] = s->how_to_access;
	if (s->min_age >= 0)
		snprintf(age1, sizeof age1, "%lld", (long long)s->min_age);
	if (s->max_age >= 0)
		snprintf(age2, sizeof age2, "%lld", (long long)s->max_age);
	v[DIR_CSV_MIN_AGE] = age1;
	v[DIR_CSV_MAX_AGE] = age2;
	v[DIR_CSV_FEES] = s->fees;
	struct caldate d;
	if (s->reviewed_ms && caldate_from_days((int)(s->reviewed_ms / 86400000), &d) == CP_OK)
		caldate_format(d, day, sizeof day);
	v[DIR_CSV_REVIEWED] = day;
	v[DIR_CSV_ORG_ID] = e->org.ext_id ? e->org.ext_id : dir_local_id(a, "organisation", e->org.id);
	v[DIR_CSV_ORG] = e->org.name;
	v[DIR_CSV_ORG_DESCRIPTION] = e->org.description;
	v[DIR_CSV_ORG_URL] = e->org.url;
	v[DIR_CSV_ORG_EMAIL] = e->org.email;
	v[DIR_CSV_ORG_PHONE] = e->org.phone;
	if (e->n_loc) {
		const struct store_dir_location *l = &e->loc[0];
		v[DIR_CSV_LOC_ID] = l->ext_id ? l->ext_id : dir_local_id(a, "location", l->id);
		v[DIR_CSV_LOC_NAME] = l->name;
		v[DIR_CSV_ADDRESS] = l->address;
		v[DIR_CSV_TOWN] = l->town;
		v[DIR_CSV_POSTCODE] = l->postcode;
		v[DIR_CSV_LATITUDE] = l->latitude;
		v[DIR_CSV_LONGITUDE] = l->longitude;
		v[DIR_CSV_LOC_ACCESSIBILITY] = l->accessibility;
	}
	if (e->n_contact) {
		v[DIR_CSV_CONTACT_NAME] = e->contact[0].name;
		v[DIR_CSV_CONTACT_TITLE] = e->contact[0].title;
		v[DIR_CSV_CONTACT_PHONE] = e->contact[0].phone;
		v[DIR_CSV_CONTACT_EMAIL] = e->contact[0].email;
	}
	if (e->n_sched) {
		v[DIR_CSV_RRULE] = e->sched[0].rrule;
		v[DIR_CSV_START_DATE] = e->sched[0].dtstart;
		v[DIR_CSV_OPENS_AT] = e->sched[0].opens_at;
		v[DIR_CSV_CLOSES_AT] = e->sched[0].closes_at;
		v[DIR_CSV_WHEN] = e->sched[0].description;
	}
	if (e->n_cost) {
		v[DIR_CSV_COST_OPTION] = e->cost[0].option;
		v[DIR_CSV_COST_AMOUNT] = e->cost[0].amount;
		v[DIR_CSV_COST_DESCRIPTION] = e->cost[0].amount_description;
	}
	if (e->n_area)
		v[DIR_CSV_AREA] = e->area[0].name;
	const char *names[STORE_DIR_TERM_MAX];
	for (size_t i = 0; i < e->n_term; i++)
		names[i] = e->term[i].name;
	v[DIR_CSV_CATEGORIES] = joined(a, names, e->n_term);
	v[DIR_CSV_DOMAINS] = joined(a, e->domain, e->n_domain);
	struct csv_row r = {0};
	for (int k = 0; k < DIR_CSV__MAX; k++)
		csv_cell(b, &r, v[k]);
	csv_end_row(b, &r);
}

enum cp_err dir_export_csv(struct store_conn *c, struct buf *out)
{
	struct csv_row h = {0};
	for (int k = 0; k < DIR_CSV__MAX; k++)
		csv_cell(out, &h, dir_csv_header((enum dir_csv_col)k));
	csv_end_row(out, &h);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	int64_t after = 0;
	struct arena *ids_a = arena_new(1024 * 1024);
	if (!ids_a)
		err = CP_ENOMEM;
	while (!err && !out->err) {
		int64_t *ids = NULL;
		size_t n = 0;
		err = store_dir_ids(c, ids_a, after, 500, &ids, &n);
		if (err || n == 0)
			break;
		for (size_t i = 0; !err && i < n; i++) {
			struct arena *a = arena_new(1024 * 1024);
			struct store_dir_entry *e = a ? arena_alloc(a, sizeof *e) : NULL;
			err = e ? store_dir_entry_get(c, a, ids[i], e) : CP_ENOMEM;
			if (!err)
				row(out, a, e);
			arena_free(a);
		}
		after = ids[n - 1];
	}
	arena_free(ids_a);
	store_rollback(c);
	return err ? err : out->err;
}
