/* store_sqlite_dir.c - the directory of local resources (store_dir.h). */
#include <math.h>

#include "sqlite_internal.h"

static const char *col_text0(struct arena *a, sqlite3_stmt *s, int i)
{
	const char *t = col_text(a, s, i);
	return t ? t : "";
}

static void bind_age(sqlite3_stmt *s, int i, int64_t v)
{
	if (v >= 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static int64_t col_age(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, i);
}

/* ---- reading an entry ---------------------------------------------------- */

static enum cp_err org_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_org *o = out;
	o->id = sqlite3_column_int64(s, 0);
	o->ext_id = col_text(a, s, 1);
	o->name = col_text0(a, s, 2);
	o->description = col_text0(a, s, 3);
	o->email = col_text(a, s, 4);
	o->url = col_text(a, s, 5);
	o->phone = col_text(a, s, 6);
	o->updated_ms = sqlite3_column_int64(s, 7);
	return CP_OK;
}

static enum cp_err svc_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_service *v = out;
	v->id = sqlite3_column_int64(s, 0);
	v->ext_id = col_text(a, s, 1);
	v->organisation_id = sqlite3_column_int64(s, 2);
	v->name = col_text0(a, s, 3);
	v->description = col_text0(a, s, 4);
	v->url = col_text(a, s, 5);
	v->email = col_text(a, s, 6);
	v->phone = col_text(a, s, 7);
	v->status = col_text0(a, s, 8);
	v->eligibility = col_text0(a, s, 9);
	v->accessibility = col_text0(a, s, 10);
	v->how_to_access = col_text0(a, s, 11);
	v->min_age = col_age(s, 12);
	v->max_age = col_age(s, 13);
	v->free = sqlite3_column_int64(s, 14) != 0;
	v->fees = col_text0(a, s, 15);
	v->reviewed_ms = sqlite3_column_int64(s, 16);
	v->reviewed_by = sqlite3_column_int64(s, 17);
	v->created_ms = sqlite3_column_int64(s, 18);
	v->updated_ms = sqlite3_column_int64(s, 19);
	return CP_OK;
}

static enum cp_err loc_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_location *l = out;
	l->id = sqlite3_column_int64(s, 0);
	l->ext_id = col_text(a, s, 1);
	l->name = col_text0(a, s, 2);
	l->address = col_text0(a, s, 3);
	l->town = col_text0(a, s, 4);
	l->postcode = col_text0(a, s, 5);
	l->latitude = col_text(a, s, 6);
	l->longitude = col_text(a, s, 7);
	l->accessibility = col_text0(a, s, 8);
	return CP_OK;
}

static enum cp_err contact_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_contact *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->ext_id = col_text(a, s, 1);
	x->name = col_text0(a, s, 2);
	x->title = col_text0(a, s, 3);
	x->phone = col_text(a, s, 4);
	x->email = col_text(a, s, 5);
	return CP_OK;
}

static enum cp_err sched_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_schedule *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->ext_id = col_text(a, s, 1);
	x->rrule = col_text(a, s, 2);
	x->dtstart = col_text(a, s, 3);
	x->opens_at = col_text(a, s, 4);
	x->closes_at = col_text(a, s, 5);
	x->description = col_text0(a, s, 6);
	return CP_OK;
}

static enum cp_err cost_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_cost *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->ext_id = col_text(a, s, 1);
	x->option = col_text0(a, s, 2);
	x->amount = col_text(a, s, 3);
	x->amount_description = col_text0(a, s, 4);
	return CP_OK;
}

static enum cp_err area_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_area *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->ext_id = col_text(a, s, 1);
	x->name = col_text0(a, s, 2);
	x->description = col_text0(a, s, 3);
	return CP_OK;
}

static enum cp_err term_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_term *x = out;
	x->id = sqlite3_column_int64(s, 0);
	x->ext_id = col_text(a, s, 1);
	x->name = col_text0(a, s, 2);
	x->vocabulary = col_text0(a, s, 3);
	return CP_OK;
}

static enum cp_err domain_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	const char **d = out;
	*d = col_text(a, s, 0);
	return *d ? CP_OK : CP_ENOMEM;
}

/* Reads the rows of statement id for service into dst (max records of sz). */
static enum cp_err children(struct store_conn *c, struct arena *a, enum stmt_id id, int64_t service, size_t max,
			    size_t sz, row_fn row, void *dst, size_t *n)
{
	sqlite3_stmt *s = S(c, id);
	sqlite3_bind_int64(s, 1, service);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, id, s, a, max, sz, row, &p, n);
	if (!err && *n)
		memcpy(dst, p, *n * sz);
	return err;
}

enum cp_err store_dir_entry_get(struct store_conn *c, struct arena *a, int64_t id, struct store_dir_entry *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = S(c, ST_DIR_SVC_GET);
	sqlite3_bind_int64(s, 1, id);
	enum cp_err err = one(c, ST_DIR_SVC_GET, s, a, svc_row, &out->svc);
	if (err)
		return err;
	s = S(c, ST_DIR_ORG_GET);
	sqlite3_bind_int64(s, 1, out->svc.organisation_id);
	err = one(c, ST_DIR_ORG_GET, s, a, org_row, &out->org);
	if (err == CP_ENOTFOUND)
		err = CP_EDB; /* a foreign key holds this */
	if (!err)
		err = children(c, a, ST_DIR_LOC_LIST, id, STORE_DIR_LOC_MAX, sizeof out->loc[0], loc_row, out->loc,
			       &out->n_loc);
	if (!err)
		err = children(c, a, ST_DIR_CONTACT_LIST, id, STORE_DIR_CHILD_MAX, sizeof out->contact[0],
			       contact_row, out->contact, &out->n_contact);
	if (!err)
		err = children(c, a, ST_DIR_SCHED_LIST, id, STORE_DIR_CHILD_MAX, sizeof out->sched[0], sched_row,
			       out->sched, &out->n_sched);
	if (!err)
		err = children(c, a, ST_DIR_COST_LIST, id, STORE_DIR_CHILD_MAX, sizeof out->cost[0], cost_row,
			       out->cost, &out->n_cost);
	if (!err)
		err = children(c, a, ST_DIR_AREA_LIST, id, STORE_DIR_CHILD_MAX, sizeof out->area[0], area_row,
			       out->area, &out->n_area);
	if (!err)
		err = children(c, a, ST_DIR_TERM_LIST, id, STORE_DIR_TERM_MAX, sizeof out->term[0], term_row,
			       out->term, &out->n_term);
	if (!err)
		err = children(c, a, ST_DIR_DOMAIN_LIST, id, STORE_DIR_DOMAIN_MAX, sizeof out->domain[0], domain_row,
			       out->domain, &out->n_domain);
	return err;
}

/* ---- finding and saving -------------------------------------------------- */

enum cp_err store_dir_find(struct store_conn *c, enum store_dir_kind k, const char *ext, int64_t *id)
{
	static const enum stmt_id by_ext[STORE_DIR_KIND__MAX] = {
		[STORE_DIR_ORG] = ST_DIR_ORG_FIND, [STORE_DIR_SERVICE] = ST_DIR_SVC_FIND,
		[STORE_DIR_LOCATION] = ST_DIR_LOC_FIND, [STORE_DIR_TERM] = ST_DIR_TERM_FIND};
	static const enum stmt_id local[STORE_DIR_KIND__MAX] = {
		[STORE_DIR_ORG] = ST_DIR_ORG_LOCAL, [STORE_DIR_SERVICE] = ST_DIR_SVC_LOCAL,
		[STORE_DIR_LOCATION] = ST_DIR_LOC_LOCAL, [STORE_DIR_TERM] = ST_DIR_TERM_LOCAL};
	if (k >= STORE_DIR_KIND__MAX)
		return CP_EINVAL;
	enum stmt_id st = ext ? by_ext[k] : local[k];
	sqlite3_stmt *s = S(c, st);
	if (ext)
		bind_text(s, 1, ext);
	else
		sqlite3_bind_int64(s, 1, *id);
	return run_i64(c, st, s, id);
}

enum cp_err store_dir_org_by_name(struct store_conn *c, const char *name, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_DIR_ORG_BY_NAME);
	bind_text(s, 1, name);
	return run_i64(c, ST_DIR_ORG_BY_NAME, s, id);
}

enum cp_err store_dir_service_by_name(struct store_conn *c, const char *name_like, int64_t *id)
{
	sqlite3_stmt *s = S(c, ST_DIR_SVC_BY_NAME);
	bind_text(s, 1, name_like);
	return run_i64(c, ST_DIR_SVC_BY_NAME, s, id);
}

/* id when set, else the record of kind k with ext_id ext, else 0. */
static enum cp_err resolve(struct store_conn *c, enum store_dir_kind k, int64_t id, const char *ext, int64_t *out)
{
	*out = id;
	if (id > 0 || !ext)
		return CP_OK;
	enum cp_err err = store_dir_find(c, k, ext, out);
	if (err == CP_ENOTFOUND) {
		*out = 0;
		return CP_OK;
	}
	return err;
}

static enum cp_err save_org(struct store_conn *c, const struct store_dir_org *o, int64_t *id)
{
	enum cp_err err = resolve(c, STORE_DIR_ORG, o->id, o->ext_id, id);
	if (err)
		return err;
	enum stmt_id st = *id ? ST_DIR_ORG_UPDATE : ST_DIR_ORG_INSERT;
	sqlite3_stmt *s = S(c, st);
	int k = 1;
	if (*id)
		sqlite3_bind_int64(s, k++, *id);
	bind_text(s, k++, o->ext_id);
	bind_text(s, k++, o->name);
	bind_text(s, k++, o->description ? o->description : "");
	bind_text(s, k++, o->email);
	bind_text(s, k++, o->url);
	bind_text(s, k++, o->phone);
	sqlite3_bind_int64(s, k, o->updated_ms);
	return *id ? run(c, st, s) : run_insert(c, st, s, id);
}

static enum cp_err save_svc(struct store_conn *c, const struct store_dir_service *v, int64_t org, int64_t *id)
{
	enum cp_err err = resolve(c, STORE_DIR_SERVICE, v->id, v->ext_id, id);
	if (err)
		return err;
	enum stmt_id st = *id ? ST_DIR_SVC_UPDATE : ST_DIR_SVC_INSERT;
	sqlite3_stmt *s = S(c, st);
	bind_text(s, 1, v->ext_id);
	sqlite3_bind_int64(s, 2, org);
	bind_text(s, 3, v->name);
	bind_text(s, 4, v->description ? v->description : "");
	bind_text(s, 5, v->url);
	bind_text(s, 6, v->email);
	bind_text(s, 7, v->phone);
	bind_text(s, 8, v->status ? v->status : "active");
	bind_text(s, 9, v->eligibility ? v->eligibility : "");
	bind_text(s, 10, v->accessibility ? v->accessibility : "");
	bind_text(s, 11, v->how_to_access ? v->how_to_access : "");
	bind_age(s, 12, v->min_age);
	bind_age(s, 13, v->max_age);
	sqlite3_bind_int(s, 14, v->free ? 1 : 0);
	bind_text(s, 15, v->fees ? v->fees : "");
	sqlite3_bind_int64(s, 16, v->reviewed_ms);
	bind_ref(s, 17, v->reviewed_by);
	if (*id) {
		sqlite3_bind_int64(s, 19, v->updated_ms);
		sqlite3_bind_int64(s, 20, *id);
		return run(c, st, s);
	}
	sqlite3_bind_int64(s, 18, v->created_ms);
	sqlite3_bind_int64(s, 19, v->updated_ms);
	return run_insert(c, st, s, id);
}

static enum cp_err save_loc(struct store_conn *c, const struct store_dir_location *l, int64_t *id)
{
	enum cp_err err = resolve(c, STORE_DIR_LOCATION, l->id, l->ext_id, id);
	if (err)
		return err;
	enum stmt_id st = *id ? ST_DIR_LOC_UPDATE : ST_DIR_LOC_INSERT;
	sqlite3_stmt *s = S(c, st);
	bind_text(s, 1, l->ext_id);
	bind_text(s, 2, l->name ? l->name : "");
	bind_text(s, 3, l->address ? l->address : "");
	bind_text(s, 4, l->town ? l->town : "");
	bind_text(s, 5, l->postcode ? l->postcode : "");
	bind_text(s, 6, l->latitude);
	bind_text(s, 7, l->longitude);
	bind_text(s, 8, l->accessibility ? l->accessibility : "");
	if (*id) {
		sqlite3_bind_int64(s, 9, *id);
		return run(c, st, s);
	}
	return run_insert(c, st, s, id);
}

static enum cp_err save_term(struct store_conn *c, const struct store_dir_term *t, int64_t *id)
{
	enum cp_err err = resolve(c, STORE_DIR_TERM, t->id, t->ext_id, id);
	if (err)
		return err;
	const char *voc = t->vocabulary ? t->vocabulary : "";
	if (!*id && !t->ext_id) {
		sqlite3_stmt *s = S(c, ST_DIR_TERM_BY_NAME);
		bind_text(s, 1, t->name);
		bind_text(s, 2, voc);
		err = run_i64(c, ST_DIR_TERM_BY_NAME, s, id);
		if (err == CP_ENOTFOUND)
			*id = 0;
		else if (err)
			return err;
		else
			return CP_OK;
	}
	if (*id) {
		sqlite3_stmt *s = S(c, ST_DIR_TERM_UPDATE);
		sqlite3_bind_int64(s, 1, *id);
		bind_text(s, 2, t->name);
		bind_text(s, 3, voc);
		return run(c, ST_DIR_TERM_UPDATE, s);
	}
	sqlite3_stmt *s = S(c, ST_DIR_TERM_INSERT);
	bind_text(s, 1, t->ext_id);
	bind_text(s, 2, t->name);
	bind_text(s, 3, voc);
	return run_insert(c, ST_DIR_TERM_INSERT, s, id);
}

static enum cp_err link2(struct store_conn *c, enum stmt_id st, int64_t a, int64_t b)
{
	sqlite3_stmt *s = S(c, st);
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	return run(c, st, s);
}

static enum cp_err clear(struct store_conn *c, int64_t service)
{
	static const enum stmt_id sts[] = {ST_DIR_CLEAR_CONTACTS, ST_DIR_CLEAR_SCHEDS, ST_DIR_CLEAR_COSTS,
					   ST_DIR_CLEAR_AREAS,    ST_DIR_CLEAR_LOCS,   ST_DIR_CLEAR_TERMS,
					   ST_DIR_CLEAR_DOMAINS};
	for (size_t i = 0; i < sizeof sts / sizeof sts[0]; i++) {
		sqlite3_stmt *s = S(c, sts[i]);
		sqlite3_bind_int64(s, 1, service);
		enum cp_err err = run(c, sts[i], s);
		if (err)
			return err;
	}
	return CP_OK;
}

static enum cp_err save_children(struct store_conn *c, const struct store_dir_entry *e, int64_t sid)
{
	enum cp_err err = CP_OK;
	for (size_t i = 0; !err && i < e->n_contact; i++) {
		const struct store_dir_contact *x = &e->contact[i];
		sqlite3_stmt *s = S(c, ST_DIR_CONTACT_INSERT);
		bind_text(s, 1, x->ext_id);
		sqlite3_bind_int64(s, 2, sid);
		bind_text(s, 3, x->name ? x->name : "");
		bind_text(s, 4, x->title ? x->title : "");
		bind_text(s, 5, x->phone);
		bind_text(s, 6, x->email);
		err = run(c, ST_DIR_CONTACT_INSERT, s);
	}
	for (size_t i = 0; !err && i < e->n_sched; i++) {
		const struct store_dir_schedule *x = &e->sched[i];
		sqlite3_stmt *s = S(c, ST_DIR_SCHED_INSERT);
		bind_text(s, 1, x->ext_id);
		sqlite3_bind_int64(s, 2, sid);
		bind_text(s, 3, x->rrule);
		bind_text(s, 4, x->dtstart);
		bind_text(s, 5, x->opens_at);
		bind_text(s, 6, x->closes_at);
		bind_text(s, 7, x->description ? x->description : "");
		err = run(c, ST_DIR_SCHED_INSERT, s);
	}
	for (size_t i = 0; !err && i < e->n_cost; i++) {
		const struct store_dir_cost *x = &e->cost[i];
		sqlite3_stmt *s = S(c, ST_DIR_COST_INSERT);
		bind_text(s, 1, x->ext_id);
		sqlite3_bind_int64(s, 2, sid);
		bind_text(s, 3, x->option ? x->option : "");
		bind_text(s, 4, x->amount);
		bind_text(s, 5, x->amount_description ? x->amount_description : "");
		err = run(c, ST_DIR_COST_INSERT, s);
	}
	for (size_t i = 0; !err && i < e->n_area; i++) {
		const struct store_dir_area *x = &e->area[i];
		sqlite3_stmt *s = S(c, ST_DIR_AREA_INSERT);
		bind_text(s, 1, x->ext_id);
		sqlite3_bind_int64(s, 2, sid);
		bind_text(s, 3, x->name);
		bind_text(s, 4, x->description ? x->description : "");
		err = run(c, ST_DIR_AREA_INSERT, s);
	}
	for (size_t i = 0; !err && i < e->n_loc; i++) {
		int64_t lid = 0;
		err = save_loc(c, &e->loc[i], &lid);
		if (!err)
			err = link2(c, ST_DIR_LOC_LINK, sid, lid);
	}
	for (size_t i = 0; !err && i < e->n_term; i++) {
		int64_t tid = 0;
		err = save_term(c, &e->term[i], &tid);
		if (!err)
			err = link2(c, ST_DIR_TERM_LINK, sid, tid);
	}
	for (size_t i = 0; !err && i < e->n_domain; i++) {
		sqlite3_stmt *s = S(c, ST_DIR_DOMAIN_INSERT);
		sqlite3_bind_int64(s, 1, sid);
		bind_text(s, 2, e->domain[i]);
		err = run(c, ST_DIR_DOMAIN_INSERT, s);
	}
	return err;
}

/* Rewrites the full-text rows of the services whose text may have changed
 * with service sid (the statements say which). */
static enum cp_err fts_refresh(struct store_conn *c, int64_t sid)
{
	sqlite3_stmt *s = S(c, ST_DIR_FTS_DELETE);
	sqlite3_bind_int64(s, 1, sid);
	enum cp_err err = run(c, ST_DIR_FTS_DELETE, s);
	if (err)
		return err;
	s = S(c, ST_DIR_FTS_INSERT);
	sqlite3_bind_int64(s, 1, sid);
	return run(c, ST_DIR_FTS_INSERT, s);
}

enum cp_err store_dir_entry_save(struct store_conn *c, const struct store_dir_entry *e, int64_t *service_id)
{
	int64_t org = 0, sid = 0;
	enum cp_err err = save_org(c, &e->org, &org);
	if (!err)
		err = save_svc(c, &e->svc, org, &sid);
	if (!err)
		err = clear(c, sid);
	if (!err)
		err = save_children(c, e, sid);
	if (!err)
		err = fts_refresh(c, sid);
	if (!err && service_id)
		*service_id = sid;
	return err;
}

enum cp_err store_dir_mark_reviewed(struct store_conn *c, int64_t id, int64_t user_id, int64_t ms)
{
	sqlite3_stmt *s = S(c, ST_DIR_SVC_REVIEWED);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, ms);
	bind_ref(s, 3, user_id);
	enum cp_err err = run(c, ST_DIR_SVC_REVIEWED, s);
	if (!err && sqlite3_changes(c->db) == 0)
		err = CP_ENOTFOUND;
	return err;
}

/* ---- searching ----------------------------------------------------------- */

static enum cp_err hit_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct store_dir_hit *h = out;
	h->id = sqlite3_column_int64(s, 0);
	h->name = col_text0(a, s, 1);
	h->description = col_text0(a, s, 2);
	h->organisation = col_text0(a, s, 3);
	h->town = col_text0(a, s, 4);
	h->status = col_text0(a, s, 5);
	h->fees = col_text0(a, s, 6);
	h->free = sqlite3_column_int64(s, 7) != 0;
	h->reviewed_ms = sqlite3_column_int64(s, 8);
	h->miles = sqlite3_column_type(s, 9) == SQLITE_NULL ? -1 : sqlite3_column_double(s, 9);
	h->domains = col_text(a, s, 11);
	return CP_OK;
}

enum cp_err store_dir_search(struct store_conn *c, struct arena *a, const struct store_dir_query *q, size_t max,
			     struct store_dir_hit **out, size_t *n, int64_t *total)
{
	enum stmt_id st = q->match ? ST_DIR_SEARCH_FTS : ST_DIR_SEARCH_ALL;
	sqlite3_stmt *s = S(c, st);
	bind_text(s, 1, q->match);
	bind_ref(s, 2, q->taxonomy_id);
	bind_text(s, 3, q->domain);
	sqlite3_bind_int(s, 4, q->free_only ? 1 : 0);
	if (q->near) {
		/* A degree of latitude is 69 miles; of longitude, 69 * cos(latitude). */
		double dlat = q->miles / 69.0, clat = cos(q->lat * 3.14159265358979323846 / 180.0);
		double dlon = q->miles / (69.0 * (clat > 0.01 ? clat : 0.01));
		sqlite3_bind_double(s, 5, q->lat - dlat);
		sqlite3_bind_double(s, 6, q->lat + dlat);
		sqlite3_bind_double(s, 7, q->lon - dlon);
		sqlite3_bind_double(s, 8, q->lon + dlon);
		sqlite3_bind_double(s, 9, q->lat);
		sqlite3_bind_double(s, 10, q->lon);
		sqlite3_bind_double(s, 11, q->miles);
	}
	if (q->stale_before_ms > 0)
		sqlite3_bind_int64(s, 12, q->stale_before_ms);
	sqlite3_bind_int64(s, 13, (int64_t)max);
	sqlite3_bind_int64(s, 14, (int64_t)q->offset);
	sqlite3_bind_int(s, 15, q->active_only ? 1 : 0);
	*total = 0;
	*n = 0;
	*out = max ? arena_zalloc(a, max * sizeof **out) : NULL;
	if (max && !*out) {
		sqlite3_reset(s);
		return CP_ENOMEM;
	}
	int rc;
	enum cp_err err = CP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		*total = sqlite3_column_int64(s, 10);
		if ((err = hit_row(a, s, &(*out)[*n])))
			break;
		(*n)++;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = db_fail(c, st, rc);
	sqlite3_reset(s);
	if (!err && *n == 0 && q->offset > 0)
		*total = -1; /* past the end: the caller asks again from the start to count */
	return err;
}

static enum cp_err id_row(struct arena *a, sqlite3_stmt *s, void *out)
{
	(void)a;
	*(int64_t *)out = sqlite3_column_int64(s, 0);
	return CP_OK;
}

enum cp_err store_dir_ids(struct store_conn *c, struct arena *a, int64_t after_id, size_t max, int64_t **out,
			  size_t *n)
{
	sqlite3_stmt *s = S(c, ST_DIR_SVC_IDS);
	sqlite3_bind_int64(s, 1, after_id);
	sqlite3_bind_int64(s, 2, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_DIR_SVC_IDS, s, a, max, sizeof **out, id_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_dir_terms(struct store_conn *c, struct arena *a, size_t max, struct store_dir_term **out,
			    size_t *n)
{
	sqlite3_stmt *s = S(c, ST_DIR_TERM_ALL);
	sqlite3_bind_int64(s, 1, (int64_t)max);
	void *p = NULL;
	enum cp_err err = many(c, ST_DIR_TERM_ALL, s, a, max, sizeof **out, term_row, &p, n);
	*out = p;
	return err;
}

enum cp_err store_dir_district_get(struct store_conn *c, const char *district, double *lat, double *lon)
{
	sqlite3_stmt *s = S(c, ST_DIR_DISTRICT_GET);
	bind_text(s, 1, district);
	int rc = sqlite3_step(s);
	enum cp_err err = CP_OK;
	if (rc == SQLITE_ROW) {
		*lat = sqlite3_column_double(s, 0);
		*lon = sqlite3_column_double(s, 1);
	} else {
		err = rc == SQLITE_DONE ? CP_ENOTFOUND : db_fail(c, ST_DIR_DISTRICT_GET, rc);
	}
	sqlite3_reset(s);
	return err;
}

enum cp_err store_dir_district_put(struct store_conn *c, const char *district, double lat, double lon)
{
	sqlite3_stmt *s = S(c, ST_DIR_DISTRICT_PUT);
	bind_text(s, 1, district);
	sqlite3_bind_double(s, 2, lat);
	sqlite3_bind_double(s, 3, lon);
	return run(c, ST_DIR_DISTRICT_PUT, s);
}

enum cp_err store_dir_term_by_name(struct store_conn *c, struct arena *a, const char *name,
				   struct store_dir_term *out)
{
	sqlite3_stmt *s = S(c, ST_DIR_TERM_BY_NAME_ANY);
	bind_text(s, 1, name);
	return one(c, ST_DIR_TERM_BY_NAME_ANY, s, a, term_row, out);
}
