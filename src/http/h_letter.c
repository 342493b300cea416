/*
 * h_letter.c - the pre-review letter pages and PDFs (h_letter.h).
 *
 * Sharing: the router lets these routes run only for someone with access to
 * the person, and h_share.c's route table asks for the Goals section (the
 * letter page and PDF, the appointment) or the Assessment section
 * (readings).  The letter is the person's own copy, further limited to what
 * the professional printing it may see (letter_read).  Every letter made is
 * recorded (letter_sent) and audited (letter.print) before a byte is sent.
 */
#include "h_letter.h"

#include <string.h>

#include "../domain/letter.h"
#include "../export/letter_pdf.h"
#include "../view/view_letter.h"
#include "h_share.h"
#include "resp.h"

static const char *const NO_EPISODE = "There is no episode recorded at this address.";

/* Reads the episode's letter as the signed-in professional may see it;
 * false when the request has been answered. */
static bool read_letter(struct req *r, int64_t episode_id, struct letter *l)
{
	struct store_episode ep;
	enum cp_err err = store_episode_get(req_db(r), r->arena, episode_id, &ep);
	unsigned mine = 0;
	if (!err)
		err = h_share_mask(r, ep.person_id, &mine);
	struct audit_actor who = req_actor(r);
	if (!err)
		err = letter_read(req_db(r), r->arena, &who, r->now_ms, episode_id, mine, l);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no current episode at this address. A letter can be made only from the "
				   "person's current episode.");
		return false;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The letter could not be read. Try again in a moment.");
		return false;
	}
	return true;
}

static void show(struct req *r, int status, struct v_letter_page *d)
{
	struct letter l;
	if (!read_letter(r, r->route_id, &l))
		return;
	d->arena = r->arena;
	d->csrf = r->session->csrf;
	d->episode_id = r->route_id;
	d->person_name = arena_printf(r->arena, "%s %s", l.v.person.given_name ? l.v.person.given_name : "",
				      l.v.person.family_name ? l.v.person.family_name : "");
	d->review_date = l.review_date;
	d->has_appt = l.has_appt;
	if (!d->review_time && l.has_appt) {
		d->review_time = l.appt.review_time;
		d->place = l.appt.place;
	}
	d->sent_ms = l.sent_ms;
	d->show_readings = l.show_readings;
	d->readings = l.all_readings;
	d->n_readings = l.n_readings;
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, "Letter before the review", "people");
	v_letter_page(&r->body, &p, d);
}

void h_review_letter(struct req *r)
{
	const char *done = req_query(r, "done");
	struct v_letter_page d = {0};
	if (done && strcmp(done, "appointment") == 0)
		d.notice = "The time and place of the review have been saved.";
	else if (done && strcmp(done, "reading") == 0)
		d.notice = "The reading has been added.";
	show(r, 200, &d);
}

void h_review_appt_set(struct req *r)
{
	struct appt_input in = {.review_time = req_field(r, "review_time"), .place = req_field(r, "place")};
	struct person_errors errs;
	const char *msg = NULL;
	struct audit_actor who = req_actor(r);
	enum cp_err err = appt_set(req_db(r), r->arena, &who, r->now_ms, r->route_id, &in, &errs, &msg);
	if (!err) {
		resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/review-letter?done=appointment",
					      (long long)r->route_id));
		return;
	}
	if (err == CP_EINVAL || (err == CP_ENOTFOUND && msg)) {
		struct v_letter_page d = {.review_time = in.review_time ? in.review_time : "",
					  .place = in.place ? in.place : "",
					  .appt_errs = err == CP_EINVAL ? &errs : NULL,
					  .appt_msg = err == CP_EINVAL ? NULL : msg};
		show(r, err == CP_EINVAL ? 400 : 409, &d);
		return;
	}
	resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
		   err == CP_ENOTFOUND ? NO_EPISODE : "The time and place could not be saved.");
}

void h_reading_add(struct req *r)
{
	struct reading_input in = {.kind = req_field(r, "kind"),
				   .taken_date = req_field(r, "taken_date"),
				   .value = req_field(r, "value"),
				   .value2 = req_field(r, "value2")};
	struct person_errors errs;
	struct audit_actor who = req_actor(r);
	enum cp_err err = reading_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &in, &errs);
	if (!err) {
		resp_redirect(r,
			      arena_printf(r->arena, "/episodes/%lld/review-letter?done=reading#readings", (long long)r->route_id));
		return;
	}
	if (err == CP_EINVAL) {
		struct v_letter_page d = {.reading_in = &in, .reading_errs = &errs};
		show(r, 400, &d);
		return;
	}
	resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
		   err == CP_ENOTFOUND ? NO_EPISODE : "The reading could not be added.");
}

/* Makes the PDF of the n letters, records them as produced and answers
 * with it. */
static void send(struct req *r, struct letter *const *ls, size_t n, const char *filename)
{
	struct pdf_options o = {0};
	struct buf pdf;
	buf_init(&pdf, RESP_BODY_MAX);
	enum cp_err err = letter_pdf_write(r->arena, ls, n, &o, r->now_ms, &pdf, NULL);
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = letter_mark(req_db(r), &who, r->now_ms, ls, n);
	}
	if (err) {
		buf_free(&pdf);
		resp_error(r, resp_status_for(err), "The letters could not be made. Try again in a moment.");
		return;
	}
	r->status = 200;
	r->resp_type = "application/pdf";
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "inline; filename=\"%s\"", filename));
	buf_reset(&r->body);
	buf_add(&r->body, pdf.data, pdf.len);
	buf_free(&pdf);
}

void h_review_letter_pdf(struct req *r)
{
	struct letter *l = arena_zalloc(r->arena, sizeof *l);
	if (!l) {
		resp_error(r, 500, "The letter could not be made.");
		return;
	}
	if (!read_letter(r, r->route_id, l))
		return;
	send(r, &l, 1, "review-letter.pdf");
}

void h_letters_worklist(struct req *r)
{
	struct letter_due *due = NULL;
	size_t n = 0;
	struct audit_actor who = req_actor(r);
	enum cp_err err = letter_worklist(req_db(r), r->arena, &who, r->now_ms, &r->session->user, &due, &n);
	if (err) {
		resp_error(r, resp_status_for(err), "The letters worklist could not be read.");
		return;
	}
	const char *done = req_query(r, "done");
	struct v_letter_list d = {.csrf = r->session->csrf, .due = due, .n = n,
				  .notice = done && strcmp(done, "none") == 0 ? "There were no letters to produce."
									     : NULL};
	resp_html(r);
	struct view_page p = resp_page(r, "Letters before reviews", "home");
	v_letter_list(&r->body, &p, &d);
}

void h_letters_batch(struct req *r)
{
	struct letter_due *due = NULL;
	size_t n = 0;
	struct audit_actor who = req_actor(r);
	enum cp_err err = letter_worklist(req_db(r), r->arena, &who, r->now_ms, &r->session->user, &due, &n);
	if (err) {
		resp_error(r, resp_status_for(err), "The letters worklist could not be read.");
		return;
	}
	if (n > LETTER_BATCH_MAX)
		n = LETTER_BATCH_MAX;
	struct letter **ls = arena_zalloc(r->arena, (n ? n : 1) * sizeof(struct letter *));
	if (!ls) {
		resp_error(r, 500, "The letters could not be made.");
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned mine = 0;
		struct letter *l = arena_zalloc(r->arena, sizeof *l);
		if (!l) {
			resp_error(r, 500, "The letters could not be made.");
			return;
		}
		/* Someone the user may no longer see is left out, not an error. */
		if (h_share_mask(r, due[i].row->person_id, &mine))
			continue;
		err = letter_read(req_db(r), r->arena, &who, r->now_ms, due[i].row->episode_id, mine, l);
		if (err == CP_ENOTFOUND || err == CP_EFORBIDDEN)
			continue;
		if (err) {
			resp_error(r, resp_status_for(err), "The letters could not be made. Try again in a moment.");
			return;
		}
		ls[k++] = l;
	}
	if (!k) {
		resp_redirect(r, "/worklist/letters?done=none");
		return;
	}
	send(r, ls, k, "review-letters.pdf");
}
