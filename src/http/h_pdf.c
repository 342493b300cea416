/*
 * h_pdf.c - the plan printed as PDF (h_pdf.h).
 *
 * Each copy is read as My plan reads it for its reader (my_read for the
 * person or carer asking; my_read_copy for the reader a professional
 * prints for), so sharing is honoured the same way on paper as on screen:
 * the plan's sections outside the reader's mask leave the record before
 * the PDF is made.  A professional's print is further limited to what the
 * professional may see themself.  Every copy made is audited (plan.print:
 * who printed which version for whom, with the options) before a byte is
 * sent; the response is never cached.
 */
#include "h_pdf.h"

#include <stdio.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/myplan.h"
#include "../domain/share.h"
#include "../export/plan_pdf.h"
#include "../util/str.h"
#include "h_share.h"
#include "resp.h"

static const char *const NO_PAGE = "There is no page at this address.";

/* A yes/no option of the query: absent or "0" no, "1" yes; anything else
 * answers 400 naming the option and returns false. */
static bool flag(struct req *r, const char *name, bool *out)
{
	const char *s = req_query(r, name);
	*out = false;
	if (!s || strcmp(s, "0") == 0 || !*s)
		return true;
	if (strcmp(s, "1") == 0) {
		*out = true;
		return true;
	}
	resp_error(r, 400,
		   strcmp(name, "large") == 0 ? "Large print (large) must be 1 for yes or 0 for no."
					      : "Black and white (plain) must be 1 for yes or 0 for no.");
	return false;
}

/* Makes the PDF of v, audits the copy, and answers with it. */
static void send(struct req *r, struct my_view *v, const struct my_print *p)
{
	plan_restrict(&v->plan, v->mask);
	struct pdf_options o = {.large = p->large, .plain = p->plain};
	struct buf pdf;
	buf_init(&pdf, RESP_BODY_MAX);
	enum cp_err err = plan_pdf_write(r->arena, v, &o, r->now_ms, &pdf, NULL);
	if (err == CP_ENOTFOUND) {
		buf_free(&pdf);
		resp_error(r, 404, "There is no care plan to print yet.");
		return;
	}
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = my_print_audit(req_db(r), r->arena, &who, r->now_ms, v, p);
	}
	if (err) {
		buf_free(&pdf);
		resp_error(r, resp_status_for(err), "The plan could not be printed. Try again in a moment.");
		return;
	}
	r->status = 200;
	r->resp_type = "application/pdf";
	const char *fn = plan_pdf_filename(r->arena, v);
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "inline; filename=\"%s\"", fn ? fn : "plan.pdf"));
	buf_reset(&r->body);
	buf_add(&r->body, pdf.data, pdf.len);
	buf_free(&pdf);
}

void h_my_plan_pdf(struct req *r)
{
	const struct store_user *u = &r->session->user;
	int64_t pid = r->route_id ? r->route_id : u->person_id;
	struct my_print p = {0};
	if (!flag(r, "large", &p.large) || !flag(r, "plain", &p.plain))
		return;
	if (pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return;
	}
	enum access_basis basis = ACCESS_NONE;
	enum cp_err err = access_to_person(req_db(r), u, r->now_ms, pid, &basis);
	if (!err && basis != ACCESS_SELF && basis != ACCESS_CARER)
		err = CP_ENOTFOUND; /* as My plan: for the person and their carers only */
	struct audit_actor who = req_actor(r);
	struct my_view v;
	if (!err)
		err = my_read(req_db(r), r->arena, &who, r->now_ms, u, basis, pid, "plan pdf", &v);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PAGE : "Your plan could not be read.");
		return;
	}
	p.for_whom = basis == ACCESS_SELF ? "person" : "carer";
	p.carer_user_id = basis == ACCESS_CARER ? u->id : 0;
	send(r, &v, &p);
}

void h_episode_plan_pdf(struct req *r)
{
	struct my_print p = {.for_whom = "person"};
	if (!flag(r, "large", &p.large) || !flag(r, "plain", &p.plain))
		return;
	const char *f = req_query(r, "for");
	if (f && *f && strcmp(f, "person") != 0) {
		if (strncmp(f, "carer-", 6) != 0 || str_to_i64(f + 6, 1, INT64_MAX, &p.carer_user_id)) {
			resp_error(r, 400, "Who the copy is for (for) must be \"person\" or \"carer-\" and the carer's "
					   "number, as the plan page links to it.");
			return;
		}
		p.for_whom = "carer";
	}
	struct store_episode ep;
	enum cp_err err = store_episode_get(req_db(r), r->arena, r->route_id, &ep);
	unsigned mine = 0;
	if (!err)
		err = h_share_mask(r, ep.person_id, &mine);
	struct audit_actor who = req_actor(r);
	struct my_view v;
	if (!err)
		err = my_read_copy(req_db(r), r->arena, &who, r->now_ms, ep.person_id, p.carer_user_id,
				   p.carer_user_id ? "plan pdf for a carer" : "plan pdf for the person", &v);
	if (err == CP_ENOTFOUND && p.carer_user_id) {
		resp_error(r, 404, "That carer cannot see this person's plan now, so there is no copy to print for "
				   "them.");
		return;
	}
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? "There is no episode recorded at this address."
					       : "The plan could not be read.");
		return;
	}
	if (!v.has_episode || v.ep.id != ep.id) {
		resp_error(r, 404, "Only the person's current plan can be printed. Open it from their current "
				   "episode.");
		return;
	}
	/* Nothing on paper that the professional could not read on screen. */
	v.mask &= mine;
	send(r, &v, &p);
}
