/*
 * h_plan.c - the care and support plan's pages: the plan, the form of one
 * entry of one section (adding, changing, removing), and the comparison of
 * two versions.  Every route needs CAP_PEOPLE (routes_plan.def).
 *
 * The section and entry travel as ?section=goal&item=12 (and as hidden
 * fields of the form), with the episode as the route's one :id; the
 * service finds the entry in that episode's plan or answers not found, so
 * an entry of another episode can never be reached through this one.
 * Outcomes: a save answers 303 to the plan's section; wrong input shows the
 * form again with 400 and what was typed; a save made after someone
 * else's shows the form again with 409, the conflict message and what was
 * typed; a change to an ended episode's plan is refused with 409.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/plain.h"
#include "../domain/plan_service.h"
#include "../util/str.h"
#include "../view/view_plan.h"
#include "h_plan.h"
#include "../domain/myplan.h"
#include "../domain/referral.h"
#include "../domain/role.h"
#include "../view/view_referral.h"
#include "h_share.h"
#include "resp.h"

#define PLAN_PRINT_GRANTS 20 /* carers' copies the plan page offers */

static const char *const NO_EPISODE = "There is no episode recorded at this address.";
static const char *const NO_ITEM = "There is no such entry in this plan.";

static void page_status(struct req *r, int status)
{
	resp_html(r);
	r->status = status;
}

static bool read_plan(struct req *r, const char *why, struct plan_record *rec)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = plan_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, why, rec);
	unsigned mask = 0;
	if (!err)
		err = h_share_mask(r, rec->person.id, &mask);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The plan could not be read.");
		return false;
	}
	/* Consent-based sharing: what the person has not shared with this
	 * reader leaves the record before any page sees it. */
	plan_restrict(rec, mask);
	return true;
}

/* Whether the reader may change section s of episode r->route_id's plan;
 * when not, the request has been refused (audited, 404, nothing written). */
static bool may_change(struct req *r, enum plan_section s)
{
	int64_t person = 0;
	unsigned mask = 0;
	enum cp_err err = store_person_of(req_db(r), "episode", r->route_id, &person);
	if (err == CP_ENOTFOUND)
		return true; /* the service answers "no such episode" itself */
	if (!err)
		err = h_share_mask(r, person, &mask);
	if (err) {
		resp_error(r, resp_status_for(err), "The plan could not be read.");
		return false;
	}
	enum share_section sh = plan_section_share(s);
	if (sh == SHARE__MAX || !(mask & SHARE_BIT(sh))) {
		h_share_hidden(r, person, sh);
		return false;
	}
	return true;
}

static void plan_page(struct req *r, int status, const char *error)
{
	struct plan_record rec;
	if (!read_plan(r, "plan page", &rec))
		return;
	struct v_plan d = {.a = r->arena, .csrf = r->session->csrf, .rec = &rec, .now_ms = r->now_ms, .error = error};
	/* Marks on what the person added themself: part of the goals section. */
	struct store_plan_own *own = NULL;
	if (rec.exists && my_own_of(req_db(r), r->arena, rec.cp.id, &own, &d.n_own) == CP_OK)
		d.own = own;
	/* Carers who may see the plan now: each can be printed a copy of their own. */
	struct store_grant *g = NULL;
	size_t ng = 0;
	if (rec.exists && !rec.read_only &&
	    store_grant_list_person(req_db(r), r->arena, rec.person.id, PLAN_PRINT_GRANTS, &g, &ng) == CP_OK) {
		size_t live = 0;
		for (size_t i = 0; i < ng; i++)
			if (!g[i].withdrawn_ms)
				g[live++] = g[i];
		d.grants = g;
		d.n_grants = live;
	}
	/* Local services found with the person: part of the goals and
	 * actions, for those who may signpost and refer. */
	struct ref_episode *re = arena_zalloc(r->arena, sizeof *re);
	struct v_plan_services *vs = arena_zalloc(r->arena, sizeof *vs);
	unsigned mask = 0;
	if (re && vs && role_can(r->role, CAP_REFERRALS) && plan_shown(&rec, PLS_ACTION) &&
	    h_share_mask(r, rec.person.id, &mask) == CP_OK) {
		struct audit_actor who = req_actor(r);
		enum cp_err err = ref_episode_read(req_db(r), r->arena, &who, r->now_ms, rec.ep.id, "plan page", re);
		if (err) {
			resp_error(r, resp_status_for(err), "The plan could not be read.");
			return;
		}
		*vs = (struct v_plan_services){.e = re, .show_needs = (mask & SHARE_BIT(SHARE_ASSESSMENT)) != 0};
		d.services = vs;
	}
	page_status(r, status);
	struct view_page p = resp_page(r, error ? "Error: Care and support plan" : "Care and support plan", "people");
	v_plan(&r->body, &p, &d);
}

void h_plan(struct req *r)
{
	plan_page(r, 200, NULL);
}

/* An id from text: 0 when absent, -1 when not a positive whole number. */
static int64_t id_of(const char *s)
{
	int64_t v = 0;
	if (!s || !*s)
		return 0;
	return str_to_i64(s, 0, INT64_MAX, &v) ? -1 : v;
}

static void form_page(struct req *r, int status, const struct plan_record *rec, enum plan_section s, int64_t item,
		      int64_t version, const struct plan_input *in, const struct person_errors *errs,
		      const char *conflict)
{
	const char *saved = req_query(r, "saved");
	struct v_plan_form d = {.a = r->arena, .csrf = r->session->csrf, .rec = rec, .section = s, .item_id = item,
				.version = version, .in = in, .errs = errs, .conflict = conflict,
				.saved = status == 200 && saved && strcmp(saved, "1") == 0};
	page_status(r, status);
	const char *title = plan_section_label(s);
	struct view_page p = resp_page(r, status == 200 ? title : arena_printf(r->arena, "Error: %s", title), "people");
	v_plan_form(&r->body, &p, &d);
}

void h_plan_form(struct req *r)
{
	enum plan_section s = plan_section_from_code(req_query(r, "section"));
	int64_t item = id_of(req_query(r, "item"));
	if (s == PLS__MAX || item < 0) {
		resp_error(r, 404, "There is no such part of the plan.");
		return;
	}
	struct plan_record rec;
	if (!read_plan(r, "plan form", &rec))
		return;
	if (!plan_shown(&rec, s)) {
		h_share_hidden(r, rec.person.id, plan_section_share(s));
		return;
	}
	if (rec.read_only) {
		resp_error(r, 409, "This episode has ended, so its plan can be read but not changed.");
		return;
	}
	const struct plan_item *it = NULL;
	if (item || plan_section_single(s)) {
		it = plan_find(&rec, s, item);
		if (!it && item) {
			resp_error(r, 404, NO_ITEM);
			return;
		}
		item = it && !plan_section_single(s) ? it->id : 0;
	}
	struct plan_input in = {0};
	enum plan_field f0, f1;
	plan_section_fields(s, &f0, &f1);
	for (enum plan_field f = f0; it && f < f1; f++)
		in.v[f] = plan_form_value(r->arena, it, f);
	if (s == PLS_GOAL && !it)
		in.v[PLF_GOAL_STATUS] = "active";
	if (s == PLS_ACTION && !it)
		in.v[PLF_ACTION_STATUS] = "not_started";
	form_page(r, 200, &rec, s, item, rec.exists ? rec.cp.version : 0, &in, NULL, NULL);
}

static bool version_of(struct req *r, int64_t *version)
{
	const char *vs = req_field(r, "plan_version");
	if (!vs || str_to_i64(vs, 0, INT64_MAX, version)) {
		resp_error(r, 400, "The form did not say which version of the plan it changes. Go back, reload the "
				   "page and try again.");
		return false;
	}
	return true;
}

void h_plan_save(struct req *r)
{
	enum plan_section s = plan_section_from_code(req_field(r, "section"));
	int64_t item = id_of(req_field(r, "item"));
	int64_t version = 0;
	if (s == PLS__MAX || item < 0) {
		resp_error(r, 400, "The form did not say which part of the plan it changes.");
		return;
	}
	if (!version_of(r, &version) || !may_change(r, s))
		return;
	struct plan_input in = {0};
	enum plan_field f0, f1;
	plan_section_fields(s, &f0, &f1);
	for (enum plan_field f = f0; f < f1; f++)
		in.v[f] = req_field(r, plan_field(f)->name);
	struct person_errors errs = {0};
	struct plan_result *res = arena_zalloc(r->arena, sizeof *res);
	if (!res) {
		resp_error(r, 500, "The plan could not be saved.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = plan_save(req_db(r), r->arena, &who, r->now_ms, r->route_id, s, item, version, &in, &errs, res);
	if (err == CP_OK) {
		/* Words the person may find hard: back to the entry, with advice. */
		bool advice = false;
		for (enum plan_field f = f0; f < f1 && !advice; f++) {
			enum plan_kind k = plan_field(f)->kind;
			if ((k == PLK_TEXT || k == PLK_AREA) && in.v[f]) {
				struct plain_report pr;
				plain_check(plain_current(), in.v[f], &pr);
				advice = pr.n > 0 || (pr.words >= 10 && plain_ease_is_hard(pr.ease));
			}
		}
		if (advice)
			resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/plan/edit?section=%s&item=%lld&saved=1",
						      (long long)r->route_id, plan_section_code(s),
						      (long long)(plan_section_single(s) ? 0 : res->item_id)));
		else
			resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/plan#%s", (long long)r->route_id,
						      plan_section_code(s)));
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, item ? NO_ITEM : NO_EPISODE);
		return;
	}
	if (err == CP_EINVAL && !errs.n) {
		resp_error(r, 409, res->msg[0] ? res->msg : "The plan could not be changed.");
		return;
	}
	if (err != CP_EINVAL && err != CP_ECONFLICT) {
		resp_error(r, resp_status_for(err), "The plan could not be saved.");
		return;
	}
	struct plan_record rec;
	if (!read_plan(r, "plan form", &rec))
		return;
	if (err == CP_EINVAL)
		form_page(r, 400, &rec, s, item, version, &in, &errs, NULL);
	else
		form_page(r, 409, &rec, s, item, rec.exists ? rec.cp.version : 0, &in, NULL, res->msg);
}

void h_plan_remove(struct req *r)
{
	int64_t item = id_of(req_field(r, "item"));
	int64_t version = 0;
	if (item <= 0) {
		resp_error(r, 400, "The form did not say which entry to remove.");
		return;
	}
	if (!version_of(r, &version))
		return;
	/* The entry's section, read without the reader's restriction, so an
	 * entry of a hidden section is refused rather than "not found". */
	struct plan_record whole;
	struct audit_actor reader = req_actor(r);
	enum cp_err rerr = plan_read(req_db(r), r->arena, &reader, r->now_ms, r->route_id, "plan remove", &whole);
	if (rerr && rerr != CP_ENOTFOUND) {
		resp_error(r, resp_status_for(rerr), "The entry could not be removed.");
		return;
	}
	for (size_t i = 0; !rerr && i < whole.n_items; i++)
		if (whole.items[i].id == item && !may_change(r, whole.items[i].section))
			return;
	struct plan_result *res = arena_zalloc(r->arena, sizeof *res);
	if (!res) {
		resp_error(r, 500, "The entry could not be removed.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = plan_remove(req_db(r), r->arena, &who, r->now_ms, r->route_id, item, version, res);
	if (err == CP_OK)
		resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/plan", (long long)r->route_id));
	else if (err == CP_ENOTFOUND)
		resp_error(r, 404, NO_ITEM);
	else if (err == CP_EINVAL)
		resp_error(r, 409, res->msg);
	else if (err == CP_ECONFLICT)
		plan_page(r, 409, res->msg);
	else
		resp_error(r, resp_status_for(err), "The entry could not be removed.");
}

void h_plan_compare(struct req *r)
{
	int64_t from = id_of(req_query(r, "from")), to = id_of(req_query(r, "to"));
	struct plan_record rec;
	struct plan_comparison cmp;
	struct v_plan_compare d = {.a = r->arena, .rec = &rec};
	if (from < 0 || to < 0) {
		resp_error(r, 400, "Choose the versions to compare from the lists.");
		return;
	}
	if (!from || !to) {
		if (!read_plan(r, "plan compare", &rec))
			return;
		/* Without a choice: the version before the latest against the latest. */
		d.to = rec.exists ? rec.cp.version : 0;
		d.from = d.to > 1 ? d.to - 1 : d.to;
		if (rec.n_versions < 2) {
			page_status(r, 200);
			struct view_page p = resp_page(r, "Compare versions of the plan", "people");
			v_plan_compare(&r->body, &p, &d);
			return;
		}
		from = d.from;
		to = d.to;
	}
	d.from = from;
	d.to = to;
	struct audit_actor who = req_actor(r);
	enum cp_err err = plan_compare(req_db(r), r->arena, &who, r->now_ms, r->route_id, from, to, &rec, &cmp);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no such plan or version of it.");
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The versions could not be compared.");
		return;
	}
	unsigned mask = 0;
	if ((err = h_share_mask(r, rec.person.id, &mask))) {
		resp_error(r, resp_status_for(err), "The versions could not be compared.");
		return;
	}
	plan_restrict(&rec, mask);
	plan_comparison_restrict(&cmp, &rec);
	d.cmp = &cmp;
	page_status(r, 200);
	struct view_page p = resp_page(r, "Compare versions of the plan", "people");
	v_plan_compare(&r->body, &p, &d);
}
