/* h_register.c - case finding and the register's import page (h_register.h). */
#include "h_register.h"

#include <stdio.h>
#include <string.h>

#include "../domain/register.h"
#include "../view/view_register.h"
#include "../util/str.h"
#include "resp.h"

#define REFUSALS_SHOWN 200 /* refused rows an import's report lists */

void h_case_finding(struct req *r)
{
	const struct casefind_rules *rules = casefind_rules();
	struct v_case_finding d = {.csrf = r->session->csrf, .rules = rules, .page = 1};
	int rule_index = -1;
	const char *rule = req_query(r, "rule");
	const char *page = req_query(r, "page");
	int status = 200;
	if (rule && *rule) {
		rule_index = casefind_find(rules, rule);
		if (rule_index < 0) {
			d.error = "Select a rule from the list";
			d.error_field = "rule";
			status = 400;
		} else {
			d.rule = rules->rule[rule_index].id;
		}
	}
	int64_t pg = 1;
	if (!d.error && page && *page && str_to_i64(page, 1, REGISTER_PAGES_MAX, &pg)) {
		d.error = arena_printf(r->arena, "The page must be a whole number from 1 to %d", REGISTER_PAGES_MAX);
		d.error_field = "rule";
		status = 400;
	}
	d.page = (int)pg;
	enum cp_err err = CP_OK;
	struct store_register_entry *rows = NULL;
	if (!d.error) {
		struct audit_actor who = req_actor(r);
		err = register_worklist(req_db(r), r->arena, &who, r->now_ms, rule_index, d.page, &rows, &d.n, &d.more);
		if (!err && store_begin_read(req_db(r)) == CP_OK) {
			err = store_register_any(req_db(r), &d.register_any);
			store_rollback(req_db(r));
		}
	} else {
		d.register_any = true; /* show the form with its error, not the empty register */
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The case-finding worklist could not be read.");
		return;
	}
	const char **reasons = d.n ? arena_zalloc(r->arena, d.n * sizeof *reasons) : NULL;
	for (size_t i = 0; i < d.n; i++) {
		reasons[i] = register_reasons(r->arena, rules, rows[i].rules_mask);
		if (!reasons[i]) {
			resp_error(r, 500, "The case-finding worklist is too large to show.");
			return;
		}
	}
	d.rows = rows;
	d.reasons = reasons;
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, d.error ? "Error: People who may need care planning"
						  : "People who may need care planning",
				       "home");
	v_case_finding(&r->body, &p, &d);
}

void h_case_finding_start(struct req *r)
{
	struct audit_actor who = req_actor(r);
	int64_t person = 0, episode = 0;
	enum cp_err err = register_start(req_db(r), r->arena, &who, r->now_ms, casefind_rules(), r->route_id,
					 r->session->user.team_id, r->session->user.id, &person, &episode);
	if (err == CP_ECONFLICT && episode) {
		struct store_register_entry e;
		const char *name = "This person";
		if (store_begin_read(req_db(r)) == CP_OK) {
			if (store_register_get(req_db(r), r->arena, r->route_id, &e) == CP_OK)
				name = arena_printf(r->arena, "%s %s", e.given_name, e.family_name);
			store_rollback(req_db(r));
		}
		resp_html(r);
		r->status = 409;
		struct view_page p = resp_page(r, "Already has an open episode", "home");
		v_case_finding_open(&r->body, &p, name ? name : "This person", episode);
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no such row on the register. It may have been imported again: go back to "
				   "the worklist.");
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "Care planning could not be started. Nothing was changed.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/episodes/%lld", (long long)episode));
}

static void import_page(struct req *r, int status, struct v_register_import *d)
{
	d->csrf = r->session->csrf;
	d->max_kb = REQ_FIELD_MAX / 1024;
	if (!d->report && store_begin_read(req_db(r)) == CP_OK) {
		d->has_latest = store_register_import_latest(req_db(r), r->arena, &d->latest) == CP_OK;
		store_rollback(req_db(r));
	}
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, d->error ? "Error: Import the population register"
				       : d->report ? "The register was imported"
						   : "Import the population register",
				       "home");
	v_register_import(&r->body, &p, d);
}

void h_register_import_form(struct req *r)
{
	struct v_register_import d = {0};
	import_page(r, 200, &d);
}

struct refusals {
	struct arena *a;
	struct v_refusal *list;
	size_t n;
};

static void keep_refusal(void *ctx, long line, const char *reason)
{
	struct refusals *k = ctx;
	if (k->n == REFUSALS_SHOWN)
		return;
	const char *copy = arena_strdup(k->a, reason);
	if (!copy)
		return;
	k->list[k->n++] = (struct v_refusal){.line = line, .reason = copy};
}

void h_register_import(struct req *r)
{
	const char *csv = req_field(r, "csv");
	struct v_register_import d = {.csv = csv};
	if (!csv || !*csv) {
		d.error = "Paste the register, as CSV with a header row";
		import_page(r, 400, &d);
		return;
	}
	struct refusals k = {.a = r->arena, .list = arena_zalloc(r->arena, REFUSALS_SHOWN * sizeof *k.list)};
	FILE *in = k.list ? fmemopen((void *)csv, strlen(csv), "r") : NULL;
	if (!in) {
		resp_error(r, 500, "The register could not be read.");
		return;
	}
	struct audit_actor who = req_actor(r);
	struct register_report rep;
	char msg[512];
	enum cp_err err = register_import(req_db(r), in, "upload", &who, r->now_ms, casefind_rules(), keep_refusal, &k,
					  &rep, msg, sizeof msg);
	fclose(in);
	if (err == CP_EINVAL) {
		d.error = arena_strdup(r->arena, msg);
		import_page(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The import stopped. Rows before the stop were kept.");
		return;
	}
	d.csv = NULL;
	d.report = &rep;
	d.refusals = k.list;
	d.n_refusals = k.n;
	import_page(r, 200, &d);
}
