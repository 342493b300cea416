/*
 * h_sat.c - the self-assessment pages, PDFs and CSVs (h_sat.h).
 *
 * The router lets these run for a team manager (CAP_SELF_ASSESS); a
 * self-assessment is the organisation's own record (KIND_ORGANISATION), so
 * the capability decides and toolkit.c answers CP_ENOTFOUND for one that is
 * not there or is another team's: 404 here.  Changes are audited in
 * toolkit.c; a refused form writes nothing and is shown again with each
 * problem named at its field.
 */
#include "h_sat.h"

#include <string.h>

#include "../domain/caldate.h"
#include "../domain/toolkit.h"
#include "../export/toolkit_csv.h"
#include "../export/toolkit_pdf.h"
#include "../util/str.h"
#include "../view/view_sat.h"
#include "resp.h"

#define MEMBERS_MAX 500

static const char *const NOT_HERE = "There is no self-assessment of your team at this address.";

static const char *today_iso(struct req *r)
{
	struct caldate d;
	char out[CALDATE_STR] = "";
	if (caldate_from_days((int)(r->now_ms / 86400000LL), &d) == CP_OK)
		caldate_format(d, out, sizeof out);
	return arena_strdup(r->arena, out);
}

static void list_page(struct req *r, int status, const struct tk_start_input *in, const struct person_errors *errs)
{
	int64_t team = r->session->user.team_id;
	struct store_team t;
	enum cp_err err = team > 0 ? store_team_get(req_db(r), r->arena, team, &t) : CP_ENOTFOUND;
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "You are not a member of a team, so there is no team to assess.");
		return;
	}
	struct store_sat *items = NULL;
	size_t n = 0;
	if (!err)
		err = store_sat_list(req_db(r), r->arena, team, TK_LIST_MAX, &items, &n);
	if (err) {
		resp_error(r, resp_status_for(err), "The team's self-assessments could not be read.");
		return;
	}
	struct v_sat_list d = {.csrf = r->session->csrf,
			       .team_name = t.name,
			       .items = items,
			       .n = n,
			       .in = in,
			       .errs = errs,
			       .today = today_iso(r)};
	resp_html(r);
	r->status = status;
	bool bad = errs && errs->n;
	struct view_page p = resp_page(r, bad ? "Error: Self-assessments of care planning"
					      : "Self-assessments of care planning",
				       "team");
	v_sat_list(&r->body, &p, &d);
}

void h_sat_list(struct req *r)
{
	list_page(r, 200, NULL, NULL);
}

void h_sat_start(struct req *r)
{
	struct tk_start_input in = {.title = req_field(r, "title"),
				    .assessed_on = req_field(r, "assessed_on"),
				    .notes = req_field(r, "notes")};
	struct person_errors errs;
	struct audit_actor who = req_actor(r);
	int64_t id = 0;
	enum cp_err err = toolkit_start(req_db(r), r->arena, &who, r->now_ms, &r->session->user, &in, &errs, &id);
	if (err == CP_EINVAL) {
		list_page(r, 400, &in, &errs);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The self-assessment could not be started. Try again in a moment.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/self-assessments/%lld/answers?done=started", (long long)id));
}

/* Reads the route's self-assessment; false when the request has been
 * answered. */
static bool read_rec(struct req *r, int64_t id, struct tk_record *rec)
{
	enum cp_err err = toolkit_read(req_db(r), r->arena, &r->session->user, id, rec);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NOT_HERE);
		return false;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The self-assessment could not be read. Try again in a moment.");
		return false;
	}
	return true;
}

static void form_page(struct req *r, int status, struct v_sat_form *d)
{
	struct tk_record *rec = arena_zalloc(r->arena, sizeof *rec);
	struct tk_figure *live = arena_zalloc(r->arena, TK_ITEM__MAX * sizeof *live);
	if (!rec || !live) {
		resp_error(r, 500, "The self-assessment could not be shown.");
		return;
	}
	if (!read_rec(r, r->route_id, rec))
		return;
	struct store_user *members = NULL;
	size_t n = 0;
	enum cp_err err = toolkit_live(req_db(r), r->arena, rec->sat.team_id, rec->sat.assessed_on, live);
	if (!err)
		err = store_team_members(req_db(r), r->arena, rec->sat.team_id, MEMBERS_MAX, &members, &n);
	if (err) {
		resp_error(r, resp_status_for(err), "The evidence could not be worked out. Try again in a moment.");
		return;
	}
	d->arena = r->arena;
	d->csrf = r->session->csrf;
	d->rec = rec;
	d->live = live;
	d->members = members;
	d->n_members = n;
	resp_html(r);
	r->status = status;
	bool bad = (d->errs && d->errs->n) || (d->action_errs && d->action_errs->n);
	struct view_page p = resp_page(r, bad ? "Error: Answer the self-assessment" : "Answer the self-assessment",
				       "team");
	v_sat_form(&r->body, &p, d);
}

void h_sat_form(struct req *r)
{
	const char *done = req_query(r, "done");
	struct v_sat_form d = {0};
	if (done && strcmp(done, "started") == 0)
		d.notice = "The self-assessment has been started. Answer the items below, a stage at a time.";
	else if (done && strcmp(done, "saved") == 0)
		d.notice = "The answers have been saved, each with the evidence as it stands now.";
	else if (done && strcmp(done, "action") == 0)
		d.notice = "The action has been added.";
	form_page(r, 200, &d);
}

void h_sat_answers(struct req *r)
{
	struct tk_stage_input *in = arena_zalloc(r->arena, sizeof *in);
	struct person_errors *errs = arena_zalloc(r->arena, sizeof *errs);
	if (!in || !errs) {
		resp_error(r, 500, "The answers could not be saved.");
		return;
	}
	in->stage = toolkit_stage_from_code(req_field(r, "stage"));
	if (in->stage == TK_STAGE__MAX) {
		resp_error(r, 400, "The form did not say which stage of the toolkit it answers. Go back to the "
				   "self-assessment and try again.");
		return;
	}
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		if (toolkit_item_stage((enum tk_item)i) != in->stage)
			continue;
		const char *af = toolkit_answer_field(r->arena, (enum tk_item)i);
		const char *cf = toolkit_comment_field(r->arena, (enum tk_item)i);
		if (!af || !cf) {
			resp_error(r, 500, "The answers could not be saved.");
			return;
		}
		in->answer[i] = req_field(r, af);
		in->comment[i] = req_field(r, cf);
	}
	struct audit_actor who = req_actor(r);
	size_t saved = 0;
	enum cp_err err =
		toolkit_save_stage(req_db(r), r->arena, &who, r->now_ms, &r->session->user, r->route_id, in, errs, &saved);
	if (err == CP_EINVAL) {
		struct v_sat_form d = {.in = in, .errs = errs};
		form_page(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NOT_HERE : "The answers could not be saved. Try again in a moment.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/self-assessments/%lld/answers?done=saved#stage-%s",
				      (long long)r->route_id, toolkit_stage_code(in->stage)));
}

void h_sat_action_add(struct req *r)
{
	struct tk_action_input *in = arena_zalloc(r->arena, sizeof *in);
	struct person_errors *errs = arena_zalloc(r->arena, sizeof *errs);
	if (!in || !errs) {
		resp_error(r, 500, "The action could not be added.");
		return;
	}
	*in = (struct tk_action_input){.item = req_field(r, "item"),
				       .what = req_field(r, "what"),
				       .owner_user = req_field(r, "owner_user"),
				       .owner_name = req_field(r, "owner_name"),
				       .due_date = req_field(r, "due_date")};
	struct audit_actor who = req_actor(r);
	int64_t id = 0;
	enum cp_err err =
		toolkit_action_add(req_db(r), r->arena, &who, r->now_ms, &r->session->user, r->route_id, in, errs, &id);
	if (err == CP_EINVAL) {
		struct v_sat_form d = {.action_in = in, .action_errs = errs};
		form_page(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NOT_HERE : "The action could not be added. Try again in a moment.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/self-assessments/%lld/answers?done=action#add-action",
				      (long long)r->route_id));
}

static void view_page(struct req *r, int status, const char *notice, const char *error)
{
	struct tk_record *rec = arena_zalloc(r->arena, sizeof *rec);
	if (!rec) {
		resp_error(r, 500, "The self-assessment could not be shown.");
		return;
	}
	if (!read_rec(r, r->route_id, rec))
		return;
	struct v_sat_view d = {.arena = r->arena, .csrf = r->session->csrf, .rec = rec, .notice = notice, .error = error};
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, error ? arena_printf(r->arena, "Error: %s", rec->sat.title) : rec->sat.title,
				       "team");
	v_sat_view(&r->body, &p, &d);
}

void h_sat_view(struct req *r)
{
	const char *done = req_query(r, "done");
	view_page(r, 200, done && strcmp(done, "action") == 0 ? "The action has been marked as done." : NULL, NULL);
}

void h_sat_action_done(struct req *r)
{
	int64_t action = 0;
	const char *s = req_field(r, "action_id");
	if (!s || str_to_i64(s, 1, INT64_MAX, &action) != CP_OK) {
		view_page(r, 400, NULL, "Choose an action to mark as done: the form did not say which one.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = toolkit_action_done(req_db(r), &who, r->now_ms, &r->session->user, r->route_id, action);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no open action of this self-assessment to mark as done: it may be done "
				   "already.");
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The action could not be marked as done. Try again in a moment.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/self-assessments/%lld?done=action", (long long)r->route_id));
}

static void send_pdf(struct req *r, struct buf *pdf, enum cp_err err, const char *filename)
{
	if (err) {
		buf_free(pdf);
		resp_error(r, resp_status_for(err), "The PDF could not be made. Try again in a moment.");
		return;
	}
	r->status = 200;
	r->resp_type = "application/pdf";
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "inline; filename=\"%s\"", filename));
	buf_reset(&r->body);
	buf_add(&r->body, pdf->data, pdf->len);
	buf_free(pdf);
}

void h_sat_pdf(struct req *r)
{
	struct tk_record *rec = arena_zalloc(r->arena, sizeof *rec);
	if (!rec || !read_rec(r, r->route_id, rec)) {
		if (!rec)
			resp_error(r, 500, "The PDF could not be made.");
		return;
	}
	struct buf pdf;
	buf_init(&pdf, RESP_BODY_MAX);
	enum cp_err err = toolkit_pdf_write(r->arena, rec, r->now_ms, &pdf, NULL);
	send_pdf(r, &pdf, err, "self-assessment.pdf");
}

void h_sat_csv(struct req *r)
{
	struct tk_record *rec = arena_zalloc(r->arena, sizeof *rec);
	if (!rec || !read_rec(r, r->route_id, rec)) {
		if (!rec)
			resp_error(r, 500, "The CSV could not be made.");
		return;
	}
	resp_attachment(r, "text/csv; charset=utf-8", "self-assessment.csv");
	csv_self_assessment(&r->body, r->arena, rec);
}

/* The two self-assessments asked for (?a=&b=), earlier first; false when
 * the request has been answered (as the compare page with the problem when
 * page is true, else an error page). */
static bool read_pair(struct req *r, bool page, struct tk_record **x, struct tk_record **y)
{
	const char *qa = req_query(r, "a"), *qb = req_query(r, "b");
	struct store_sat *list = NULL;
	size_t n = 0;
	int64_t team = r->session->user.team_id;
	enum cp_err err = team > 0 ? store_sat_list(req_db(r), r->arena, team, TK_LIST_MAX, &list, &n) : CP_OK;
	if (err) {
		resp_error(r, resp_status_for(err), "The team's self-assessments could not be read.");
		return false;
	}
	struct v_sat_compare d = {.arena = r->arena, .list = list, .n = n, .a = qa, .b = qb};
	/* Nothing chosen yet: offer the two newest. */
	if (page && (!qa || !*qa) && n >= 2) {
		d.a = arena_printf(r->arena, "%lld", (long long)list[1].id);
		if (!qb || !*qb)
			d.b = arena_printf(r->arena, "%lld", (long long)list[0].id);
	}
	int64_t ia = 0, ib = 0;
	const char *problem = NULL;
	int status = 400;
	if (!qa || !*qa || !qb || !*qb) {
		problem = page ? NULL : "Choose two self-assessments to compare.";
	} else if (str_to_i64(qa, 1, INT64_MAX, &ia) || str_to_i64(qb, 1, INT64_MAX, &ib)) {
		problem = "Choose each self-assessment from the lists.";
	} else if (ia == ib) {
		problem = "Choose two different self-assessments to compare.";
	} else {
		*x = arena_zalloc(r->arena, sizeof **x);
		*y = arena_zalloc(r->arena, sizeof **y);
		if (!*x || !*y) {
			resp_error(r, 500, "The comparison could not be made.");
			return false;
		}
		err = toolkit_read(req_db(r), r->arena, &r->session->user, ia, *x);
		if (!err)
			err = toolkit_read(req_db(r), r->arena, &r->session->user, ib, *y);
		if (err == CP_ENOTFOUND) {
			problem = "One of the self-assessments chosen is not one of your team's.";
			status = 404;
		} else if (err) {
			resp_error(r, resp_status_for(err), "The comparison could not be made. Try again in a moment.");
			return false;
		} else {
			if (strcmp((*x)->sat.assessed_on, (*y)->sat.assessed_on) > 0 ||
			    (strcmp((*x)->sat.assessed_on, (*y)->sat.assessed_on) == 0 && ia > ib)) {
				struct tk_record *t = *x;
				*x = *y;
				*y = t;
			}
			if (!page)
				return true;
			d.before = *x;
			d.after = *y;
		}
	}
	if (!page) {
		resp_error(r, status, problem ? problem : "Choose two self-assessments to compare.");
		return false;
	}
	d.error = problem;
	resp_html(r);
	r->status = problem ? status : 200;
	struct view_page p = resp_page(r, problem ? "Error: Compare two self-assessments"
						  : "Compare two self-assessments",
				       "team");
	v_sat_compare(&r->body, &p, &d);
	return false;
}

void h_sat_compare(struct req *r)
{
	struct tk_record *x = NULL, *y = NULL;
	read_pair(r, true, &x, &y);
}

void h_sat_compare_csv(struct req *r)
{
	struct tk_record *x = NULL, *y = NULL;
	if (!read_pair(r, false, &x, &y))
		return;
	resp_attachment(r, "text/csv; charset=utf-8", "self-assessments-compared.csv");
	csv_self_assessment_compare(&r->body, r->arena, x, y);
}

void h_sat_compare_pdf(struct req *r)
{
	struct tk_record *x = NULL, *y = NULL;
	if (!read_pair(r, false, &x, &y))
		return;
	struct buf pdf;
	buf_init(&pdf, RESP_BODY_MAX);
	enum cp_err err = toolkit_pdf_compare(r->arena, x, y, r->now_ms, &pdf, NULL);
	send_pdf(r, &pdf, err, "self-assessments-compared.pdf");
}
