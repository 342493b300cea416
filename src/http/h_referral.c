/*
 * h_referral.c - the pages from the plan to the service (h_referral.h).
 *
 * Access: the router lets the :id routes run only for someone with access
 * to the person (an episode's, or a referral's through store_person_of
 * kind "referral"), and h_share.c's route table asks for the Goals and
 * actions section, where referrals belong.  Reads are audited by the
 * domain (referral.h); the pack is audited (pack.print) before a byte is
 * sent.  Outcomes: a save answers 303; wrong input shows the form again
 * with 400, each message naming its field; a change made after someone
 * else's shows the page again with 409; an ended episode refuses changes
 * with 409.  Nothing is written on any error.
 */
#include "h_referral.h"

#include <string.h>

#include "../domain/caldate.h"
#include "../domain/review.h"
#include "../domain/share.h"
#include "../export/pack_pdf.h"
#include "../util/str.h"
#include "../view/view_referral.h"
#include "h_share.h"
#include "resp.h"

static const char *const NO_EPISODE = "There is no episode recorded at this address.";
static const char *const NO_REFERRAL = "There is no referral recorded at this address.";

static void page(struct req *r, int status)
{
	resp_html(r);
	r->status = status;
}

static const char *title_of(struct req *r, int status, const char *title)
{
	return status >= 400 ? arena_printf(r->arena, "Error: %s", title) : title;
}

/* ---- the search ---------------------------------------------------------------- */

/* errs, when given, are the problems of what was typed (in holds the
 * page's starting point then, and typed_q the words as typed). */
static void search_page(struct req *r, int status, const struct ref_search_input *in,
			const struct person_errors *errs, const char *typed_q)
{
	int64_t person = 0;
	unsigned mask = 0;
	enum cp_err err = store_person_of(req_db(r), "episode", r->route_id, &person);
	if (!err)
		err = h_share_mask(r, person, &mask);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The search could not be made.");
		return;
	}
	struct ref_search s;
	struct person_errors mine;
	const char *msg = NULL;
	struct audit_actor who = req_actor(r);
	err = ref_search_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, in,
			      (mask & SHARE_BIT(SHARE_ASSESSMENT)) != 0, &s, &mine, &msg);
	if (err == CP_EINVAL && !errs) {
		/* Show the page as it starts, with what was wrong. */
		struct person_errors *keep = arena_zalloc(r->arena, sizeof *keep);
		if (!keep) {
			resp_error(r, 500, "The search could not be made.");
			return;
		}
		*keep = mine;
		struct ref_search_input none = {.q = "", .domain = "", .action = NULL, .need = NULL};
		search_page(r, 400, &none, keep, in->q);
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, msg ? msg : NO_EPISODE);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The search could not be made. Try again in a moment.");
		return;
	}
	if (errs)
		s.q = typed_q; /* what was typed stays in the box */
	page(r, status);
	struct v_ref_search d = {.csrf = r->session->csrf, .s = &s, .errs = errs};
	struct view_page p = resp_page(r, title_of(r, status, "Find a local service"), "people");
	v_ref_search(&r->body, &p, &d);
}

void h_ref_search(struct req *r)
{
	struct ref_search_input in = {.q = req_query(r, "q"), .domain = req_query(r, "domain"),
				      .free = req_query(r, "free"), .action = req_query(r, "action"),
				      .need = req_query(r, "need")};
	search_page(r, 200, &in, NULL, NULL);
}

/* ---- signposting and referring ------------------------------------------------------ */

static void form_page(struct req *r, int status, const struct ref_input *in, const struct person_errors *errs,
		      const char *msg)
{
	int64_t service = 0;
	if (!in->service || str_to_i64(in->service, 1, INT64_MAX, &service)) {
		resp_error(r, status == 200 ? 404 : 400, "Choose a service from the directory first.");
		return;
	}
	struct store_episode ep;
	struct store_person person;
	struct store_dir_entry svc;
	bool missing = false;
	struct audit_actor who = req_actor(r);
	enum cp_err err = ref_form_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, service, &ep, &person,
					&svc, &missing);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, missing ? "There is no such service in the directory." : NO_EPISODE);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The referral form could not be shown.");
		return;
	}
	char today[CALDATE_STR];
	caldate_format(review_today(r->now_ms), today, sizeof today);
	page(r, status);
	struct v_ref_form d = {.csrf = r->session->csrf,
			       .episode_id = r->route_id,
			       .person_name = arena_printf(r->arena, "%s %s", person.given_name, person.family_name),
			       .by_name = r->session->user.display_name,
			       .svc = &svc,
			       .in = in,
			       .today = today,
			       .errs = errs,
			       .msg = msg};
	struct view_page p = resp_page(r, title_of(r, status, "Refer to a service"), "people");
	v_ref_form(&r->body, &p, &d);
}

void h_referral_new(struct req *r)
{
	struct ref_input in = {.kind = "referral", .service = req_query(r, "service"),
			       .action = req_query(r, "action"), .need = req_query(r, "need")};
	form_page(r, 200, &in, NULL, NULL);
}

void h_referral_create(struct req *r)
{
	struct ref_input in = {.kind = req_field(r, "kind"), .service = req_field(r, "service"),
			       .action = req_field(r, "action"), .need = req_field(r, "need"),
			       .reason = req_field(r, "reason"), .referral_date = req_field(r, "referral_date")};
	struct person_errors errs;
	const char *msg = NULL;
	int64_t id = 0;
	struct audit_actor who = req_actor(r);
	enum cp_err err = ref_create(req_db(r), r->arena, &who, r->now_ms, r->route_id, &in, &errs, &msg, &id);
	bool referral = in.kind && strcmp(in.kind, "referral") == 0;
	if (!err) {
		if (referral)
			resp_redirect(r, arena_printf(r->arena, "/referrals/%lld?done=created", (long long)id));
		else
			resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/referrals?done=signpost#signposts",
						      (long long)r->route_id));
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
		return;
	}
	if (err == CP_EINVAL && msg) {
		resp_error(r, 409, msg);
		return;
	}
	if (err != CP_EINVAL) {
		resp_error(r, resp_status_for(err), "Nothing was saved: try again in a moment.");
		return;
	}
	/* A referral's form again, with what was typed; a signpost has no form
	 * of its own, so its refusal names the field on an error page. */
	if (referral && !person_error_for(&errs, "service") && !person_error_for(&errs, "kind")) {
		form_page(r, 400, &in, &errs, NULL);
		return;
	}
	resp_error(r, 400, arena_printf(r->arena, "Nothing was saved. %s.", errs.n ? errs.e[0].message : "The form was not complete"));
}

/* ---- a person's referrals, and the pack ------------------------------------------------ */

static void episode_page(struct req *r, int status, const char *notice, const char *error)
{
	struct ref_episode e;
	struct audit_actor who = req_actor(r);
	enum cp_err err = ref_episode_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, "referrals page", &e);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The referrals could not be read.");
		return;
	}
	page(r, status);
	struct v_ref_episode d = {.e = &e, .notice = notice, .error = error};
	struct view_page p = resp_page(r, title_of(r, status, "Local services"), "people");
	v_ref_episode(&r->body, &p, &d);
}

void h_referrals_episode(struct req *r)
{
	const char *done = req_query(r, "done");
	episode_page(r, 200, done && strcmp(done, "signpost") == 0 ? "The information given has been recorded." : NULL,
		     NULL);
}

void h_pack_pdf(struct req *r)
{
	int64_t *ids = arena_zalloc(r->arena, (r->n_query ? r->n_query : 1) * sizeof *ids);
	size_t n = 0;
	if (!ids) {
		resp_error(r, 500, "The pack could not be made.");
		return;
	}
	for (size_t i = 0; i < r->n_query; i++) {
		if (strcmp(r->query[i].name, "service") != 0)
			continue;
		if (str_to_i64(r->query[i].value, 1, INT64_MAX, &ids[n])) {
			episode_page(r, 400, NULL, "Nothing was made: a service chosen is not one of the directory's.");
			return;
		}
		n++;
	}
	struct pack pk;
	const char *msg = NULL;
	enum cp_err err = pack_read(req_db(r), r->arena, r->now_ms, r->route_id, ids, n, &pk, &msg);
	if (err == CP_EINVAL) {
		episode_page(r, 400, NULL, msg);
		return;
	}
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The pack could not be made.");
		return;
	}
	int64_t person = 0;
	struct pdf_options o = {.large = req_query(r, "large") != NULL};
	struct buf pdf;
	buf_init(&pdf, RESP_BODY_MAX);
	err = pack_pdf_write(r->arena, &pk, &o, &pdf, NULL);
	if (!err)
		err = store_person_of(req_db(r), "episode", r->route_id, &person);
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = pack_mark(req_db(r), &who, r->now_ms, r->route_id, person, pk.n);
	}
	if (err) {
		buf_free(&pdf);
		resp_error(r, resp_status_for(err), "The pack could not be made. Try again in a moment.");
		return;
	}
	r->status = 200;
	r->resp_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"activities-pack.pdf\"");
	buf_reset(&r->body);
	buf_add(&r->body, pdf.data, pdf.len);
	buf_free(&pdf);
}

/* ---- one referral ------------------------------------------------------------------------ */

static void one_page(struct req *r, int status, const char *notice, const struct ref_change_input *in,
		     const struct person_errors *errs, const char *msg)
{
	struct ref_one o;
	struct audit_actor who = req_actor(r);
	enum cp_err err = ref_read_one(req_db(r), r->arena, &who, r->now_ms, r->route_id, &o);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_REFERRAL : "The referral could not be read.");
		return;
	}
	page(r, status);
	struct v_ref_one d = {.csrf = r->session->csrf, .o = &o, .notice = notice, .in = in, .errs = errs, .msg = msg};
	struct view_page p = resp_page(r, title_of(r, status, strcmp(o.r.kind, "referral") == 0 ? "Referral"
												 : "Information given"),
				       "people");
	v_ref_one(&r->body, &p, &d);
}

void h_referral(struct req *r)
{
	const char *done = req_query(r, "done");
	const char *notice = NULL;
	if (done && strcmp(done, "created") == 0)
		notice = "The referral has been recorded as sent.";
	else if (done && strcmp(done, "status") == 0)
		notice = "What has happened has been saved.";
	one_page(r, 200, notice, NULL, NULL, NULL);
}

void h_referral_status(struct req *r)
{
	struct ref_change_input in = {.status = req_field(r, "status"), .note = req_field(r, "note"),
				      .outcome = req_field(r, "outcome"), .version = req_field(r, "version")};
	struct person_errors errs;
	const char *msg = NULL;
	struct audit_actor who = req_actor(r);
	enum cp_err err = ref_change(req_db(r), r->arena, &who, r->now_ms, r->route_id, &in, &errs, &msg);
	if (!err) {
		resp_redirect(r, arena_printf(r->arena, "/referrals/%lld?done=status", (long long)r->route_id));
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_REFERRAL);
		return;
	}
	if (err == CP_EINVAL && !msg) {
		one_page(r, 400, NULL, &in, &errs, NULL);
		return;
	}
	if (err == CP_EINVAL || err == CP_ECONFLICT) {
		one_page(r, 409, NULL, err == CP_ECONFLICT ? &in : NULL, NULL, msg);
		return;
	}
	resp_error(r, resp_status_for(err), "Nothing was saved: try again in a moment.");
}

/* ---- the worklist ------------------------------------------------------------------------- */

void h_referrals_worklist(struct req *r)
{
	struct ref_worklist w;
	struct audit_actor who = req_actor(r);
	enum cp_err err = ref_worklist_read(req_db(r), r->arena, &who, r->now_ms, &r->session->user, &w);
	if (err) {
		resp_error(r, resp_status_for(err), "The referrals could not be read. Try again in a moment.");
		return;
	}
	page(r, 200);
	struct v_ref_worklist d = {.w = &w, .now_ms = r->now_ms};
	struct view_page p = resp_page(r, "Referrals to follow up", "home");
	v_ref_worklist(&r->body, &p, &d);
}
