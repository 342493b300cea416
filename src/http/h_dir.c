/* h_dir.c - the directory's pages (h_dir.h). */
#include "h_dir.h"

#include <stdio.h>
#include <string.h>

#include "../domain/dir_csv.h"
#include "../domain/dir_hsds.h"
#include "../domain/directory.h"
#include "../export/dir_export.h"
#include "../util/log.h"
#include "../view/view_dir.h"
#include "resp.h"

#define TERMS_MAX 500 /* categories offered in the search form */
#define STALE_MAX 500 /* entries listed as stale */

static const char *const NO_SERVICE = "There is no service in the directory at this address.";

bool h_dir_may_edit(struct req *r)
{
	if (directory_may_edit(r->session->user.role, r->session->user.discipline))
		return true;
	struct buf b;
	buf_init(&b, 2048);
	log_begin(&b, LOG_WARN, "access.denied");
	log_field_i64(&b, "user", r->session->user.id);
	log_field_str(&b, "path", r->log_path);
	log_end(&b, LOG_WARN);
	resp_error(r, 403, "Your role does not include this page.");
	return false;
}

static bool may_edit_quiet(const struct req *r)
{
	return directory_may_edit(r->session->user.role, r->session->user.discipline);
}

void h_dir_search(struct req *r)
{
	struct dir_search_input in = {.q = req_query(r, "q"),
				      .category = req_query(r, "category"),
				      .domain = req_query(r, "domain"),
				      .free = req_query(r, "free"),
				      .postcode = req_query(r, "postcode"),
				      .miles = req_query(r, "miles"),
				      .page = req_query(r, "page")};
	struct v_dir_search d = {.in = &in, .now_ms = r->now_ms, .may_edit = may_edit_quiet(r)};
	d.asked = r->n_query > 0;
	struct person_errors errs = {0};
	struct store_dir_query q;
	struct store_conn *c = req_db(r);
	enum cp_err err = store_begin_read(c);
	if (!err) {
		struct store_dir_term *terms = NULL;
		err = store_dir_terms(c, r->arena, TERMS_MAX, &terms, &d.n_terms);
		d.terms = terms;
	}
	if (!err)
		err = dir_search_check(c, r->arena, &in, &q, &d.page, &d.district, &errs);
	if (!err && d.asked) {
		struct store_dir_hit *hits = NULL;
		err = store_dir_search(c, r->arena, &q, DIR_PAGE_SIZE, &hits, &d.n, &d.total);
		if (!err && d.total < 0) { /* a page past the end: count from the start */
			q.offset = 0;
			size_t n0 = 0;
			struct store_dir_hit *h0 = NULL;
			err = store_dir_search(c, r->arena, &q, 1, &h0, &n0, &d.total);
		}
		d.hits = hits;
	}
	store_rollback(c);
	if (err && err != CP_EINVAL) {
		resp_error(r, resp_status_for(err), "The directory could not be searched. Try again in a moment.");
		return;
	}
	d.errs = &errs;
	resp_html(r);
	r->status = err ? 400 : 200;
	struct view_page p = resp_page(r, err ? "Error: Find a local service or group" : "Find a local service or group",
				       "directory");
	v_dir_search(&r->body, &p, &d);
}

/* Reads the entry of the route's id; false when answered. */
static bool read_entry(struct req *r, struct store_dir_entry *e, const char **reviewer)
{
	struct store_conn *c = req_db(r);
	enum cp_err err = store_begin_read(c);
	if (!err)
		err = store_dir_entry_get(c, r->arena, r->route_id, e);
	if (!err && reviewer && e->svc.reviewed_by) {
		struct store_user u;
		if (store_user_by_id(c, r->arena, e->svc.reviewed_by, &u) == CP_OK)
			*reviewer = u.display_name;
	}
	store_rollback(c);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_SERVICE);
		return false;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The directory entry could not be read. Try again in a moment.");
		return false;
	}
	return true;
}

void h_dir_service(struct req *r)
{
	struct store_dir_entry *e = arena_alloc(r->arena, sizeof *e);
	if (!e) {
		resp_error(r, 500, "The directory entry could not be read.");
		return;
	}
	struct v_dir_service d = {.e = e, .csrf = r->session->csrf, .may_edit = may_edit_quiet(r)};
	if (!read_entry(r, e, &d.reviewer))
		return;
	d.stale = dir_is_stale(e->svc.reviewed_ms, r->now_ms);
	const char *done = req_query(r, "done");
	if (done && strcmp(done, "saved") == 0)
		d.notice = "The entry has been saved.";
	else if (done && strcmp(done, "reviewed") == 0)
		d.notice = "The entry has been marked as checked today.";
	resp_html(r);
	struct view_page p = resp_page(r, e->svc.name, "directory");
	v_dir_service(&r->body, &p, &d);
}

static void form_page(struct req *r, int status, int64_t id, const struct dir_form *f,
		      const struct person_errors *errs)
{
	struct v_dir_form d = {.csrf = r->session->csrf, .id = id, .f = f, .errs = errs};
	resp_html(r);
	r->status = status;
	const char *title = id ? "Change a directory entry" : "Add a service to the directory";
	struct view_page p = resp_page(r, errs && errs->n ? arena_printf(r->arena, "Error: %s", title) : title,
				       "directory");
	v_dir_form(&r->body, &p, &d);
}

void h_dir_new(struct req *r)
{
	if (!h_dir_may_edit(r))
		return;
	struct dir_form f = {0};
	f.v[DIR_F_STATUS] = "active";
	form_page(r, 200, 0, &f, NULL);
}

void h_dir_edit(struct req *r)
{
	if (!h_dir_may_edit(r))
		return;
	struct store_dir_entry *e = arena_alloc(r->arena, sizeof *e);
	if (!e) {
		resp_error(r, 500, "The directory entry could not be read.");
		return;
	}
	if (!read_entry(r, e, NULL))
		return;
	struct dir_form f;
	dir_form_from_entry(r->arena, e, &f);
	form_page(r, 200, r->route_id, &f, NULL);
}

static void form_read(const struct req *r, struct dir_form *f)
{
	memset(f, 0, sizeof *f);
	for (int i = 0; i < DIR_F__MAX; i++)
		f->v[i] = req_field(r, dir_field((enum dir_field)i)->name);
	for (int k = 0; k < ADOMAIN__MAX; k++) {
		char name[48];
		snprintf(name, sizeof name, "domain_%s", assess_domain_code((enum assess_domain)k));
		const char *v = req_field(r, name);
		f->domain[k] = v && strcmp(v, "yes") == 0;
	}
}

static void save(struct req *r, int64_t id)
{
	if (!h_dir_may_edit(r))
		return;
	struct store_dir_entry *e = arena_zalloc(r->arena, sizeof *e);
	if (!e) {
		resp_error(r, 500, "The entry could not be saved.");
		return;
	}
	if (id && !read_entry(r, e, NULL))
		return;
	if (!id) {
		e->svc.min_age = e->svc.max_age = -1;
	}
	struct dir_form f;
	form_read(r, &f);
	struct person_errors errs = {0};
	struct store_conn *c = req_db(r);
	enum cp_err err = dir_form_to_entry(c, r->arena, &f, e, &errs);
	if (err == CP_EINVAL) {
		form_page(r, 400, id, &f, &errs);
		return;
	}
	enum dir_outcome out = DIR_REFUSED;
	int64_t sid = 0;
	struct audit_actor who = req_actor(r);
	if (!err)
		err = dir_entry_save(c, r->arena, &who, r->now_ms, r->session->user.id, e, &out, &sid);
	if (err) {
		resp_error(r, resp_status_for(err), "The entry could not be saved. Try again in a moment.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/directory/services/%lld?done=saved", (long long)sid));
}

void h_dir_create(struct req *r)
{
	save(r, 0);
}

void h_dir_update(struct req *r)
{
	save(r, r->route_id);
}

void h_dir_reviewed(struct req *r)
{
	if (!h_dir_may_edit(r))
		return;
	struct audit_actor who = req_actor(r);
	enum cp_err err = dir_mark_reviewed(req_db(r), &who, r->now_ms, r->session->user.id, r->route_id);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_SERVICE);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The entry could not be marked as checked. Try again in a moment.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/directory/services/%lld?done=reviewed", (long long)r->route_id));
}

static void import_page(struct req *r, int status, const struct v_dir_import *d)
{
	resp_html(r);
	r->status = status;
	bool bad = d->errs && d->errs->n;
	struct view_page p = resp_page(r, bad ? "Error: Import services into the directory"
					      : "Import services into the directory",
				       "directory");
	v_dir_import(&r->body, &p, d);
}

void h_dir_import_form(struct req *r)
{
	if (!h_dir_may_edit(r))
		return;
	struct v_dir_import d = {.csrf = r->session->csrf};
	import_page(r, 200, &d);
}

void h_dir_import(struct req *r)
{
	if (!h_dir_may_edit(r))
		return;
	const char *format = req_field(r, "format");
	const char *text = req_field(r, "file");
	struct person_errors errs = {0};
	struct v_dir_import d = {.csrf = r->session->csrf, .format = format, .text = text, .errs = &errs};
	if (!format || (strcmp(format, "hsds") != 0 && strcmp(format, "csv") != 0)) {
		errs.e[errs.n++] = (struct person_error){"format", "Format of the file: choose HSDS JSON or CSV"};
	}
	if (!text || !text[strspn(text, " \t\r\n")])
		errs.e[errs.n++] = (struct person_error){"file", "The file's contents: paste the file here"};
	if (errs.n) {
		import_page(r, 400, &d);
		return;
	}
	struct dir_report rep;
	struct audit_actor who = req_actor(r);
	size_t len = strlen(text);
	enum cp_err err = strcmp(format, "csv") == 0
				  ? dir_import_csv(req_db(r), r->arena, &who, r->now_ms, r->session->user.id, text, len, &rep)
				  : dir_import_hsds(req_db(r), r->arena, &who, r->now_ms, r->session->user.id, text, len,
						    false, &rep);
	if (err) {
		resp_error(r, resp_status_for(err), "The file could not be imported. Try again in a moment.");
		return;
	}
	if (rep.error) {
		errs.e[errs.n++] = (struct person_error){"file", arena_printf(r->arena, "The file's contents: %s",
										 rep.error)};
		import_page(r, 400, &d);
		return;
	}
	d.report = &rep;
	d.text = NULL;
	d.errs = NULL;
	import_page(r, 200, &d);
}

static void export(struct req *r, bool csv)
{
	enum cp_err err = csv ? dir_export_csv(req_db(r), &r->body) : dir_export_hsds(req_db(r), r->arena, &r->body);
	if (err) {
		buf_reset(&r->body);
		resp_error(r, resp_status_for(err), "The directory could not be exported. Try again in a moment.");
		return;
	}
	resp_attachment(r, csv ? "text/csv; charset=utf-8" : "application/json",
			csv ? "directory.csv" : "directory.json");
}

void h_dir_export_csv(struct req *r)
{
	export(r, true);
}

void h_dir_export_json(struct req *r)
{
	export(r, false);
}

void h_dir_stale(struct req *r)
{
	if (!h_dir_may_edit(r))
		return;
	struct store_dir_query q = {.stale_before_ms = r->now_ms - DIR_STALE_MS};
	struct v_dir_stale d = {.now_ms = r->now_ms};
	struct store_dir_hit *hits = NULL;
	struct store_conn *c = req_db(r);
	enum cp_err err = store_begin_read(c);
	if (!err)
		err = store_dir_search(c, r->arena, &q, STALE_MAX, &hits, &d.n, &d.total);
	store_rollback(c);
	if (err) {
		resp_error(r, resp_status_for(err), "The directory could not be read. Try again in a moment.");
		return;
	}
	d.hits = hits;
	resp_html(r);
	struct view_page p = resp_page(r, "Entries to check", "directory");
	v_dir_stale(&r->body, &p, &d);
}
