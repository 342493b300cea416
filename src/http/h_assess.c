/*
 * h_assess.c - the holistic assessment of an episode: its page, the page of
 * questionnaire results, and the form of each kind of record.  Every route
 * needs CAP_PEOPLE (routes_assess.def).
 *
 * Handlers read forms into assess.h's inputs; assess.h validates and
 * assess_service.h does the audited work.  A form with problems is shown
 * again with what was typed and status 400; nothing is written then.  A
 * change to an ended episode is refused with 409 and a page saying why; a
 * story or medicine changed by someone else meanwhile is shown again with
 * 409.  Success answers 303 to the part of the assessment that changed.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/assess_service.h"
#include "../util/str.h"
#include "../view/view_assess.h"
#include "h_assess.h"
#include "h_share.h"
#include "resp.h"

#define WHY_PAGE "assessment page"
#define WHY_FORM "assessment form"
#define WHY_RESULTS "questionnaire results"

static const char *const NO_EPISODE = "There is no episode recorded at this address.";
static const char *const NO_MEDICINE = "There is no medicine recorded at this address.";
static const char *const ENDED = "This episode has ended, so its assessment can be read but not changed. "
				 "Start a new episode to assess the person again.";

/* Reads the assessment of episode id (audited with why), answering the
 * request itself on failure.  true when *rec is filled. */
static bool load(struct req *r, int64_t id, const char *why, struct assess_record *rec)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = assess_read(req_db(r), r->arena, &who, r->now_ms, id, why, rec);
	unsigned mask = 0;
	if (!err)
		err = h_share_mask(r, rec->person.id, &mask);
	if (!err)
		assess_restrict(rec, mask); /* what is not shared with the reader leaves the record */
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The assessment could not be read.");
		return false;
	}
	return true;
}

/* As load, and refuses (409) when the episode has ended. */
static bool load_open(struct req *r, int64_t id, struct assess_record *rec)
{
	if (!load(r, id, WHY_FORM, rec))
		return false;
	if (!rec->open) {
		resp_error(r, 409, ENDED);
		return false;
	}
	return true;
}

static void show_form(struct req *r, int status, struct v_assess_form *d)
{
	resp_html(r);
	r->status = status;
	d->csrf = r->session->csrf;
	const char *title = v_assess_form_title(d->form, d->form == VAF_STORY ? d->story_version > 0 : d->med != NULL);
	if (d->form == VAF_INSTRUMENT && d->instrument) {
		enum instrument ins = instrument_from_code(d->instrument->instrument);
		if (ins != INSTRUMENT__MAX)
			title = arena_printf(r->arena, "Record a %s", instrument_name(ins));
	}
	if (status != 200)
		title = arena_printf(r->arena, "Error: %s", title ? title : "Assessment");
	struct view_page p = resp_page(r, title ? title : "Assessment", "people");
	v_assess_form(&r->body, &p, d);
}

static void back_to(struct req *r, int64_t episode_id, const char *rest)
{
	resp_redirect(r, arena_printf(r->arena, "/episodes/%lld/assessment%s", (long long)episode_id, rest));
}

/* The outcome of a service call that adds a record: 303 to rest, or the
 * refusal.  Validation problems are handled before. */
static void added(struct req *r, enum cp_err err, const char *rest, const char *what)
{
	if (err == CP_OK)
		back_to(r, r->route_id, rest);
	else if (err == CP_ENOTFOUND)
		resp_error(r, 404, NO_EPISODE);
	else if (err == CP_EFORBIDDEN)
		resp_error(r, 409, ENDED);
	else
		resp_error(r, resp_status_for(err), what);
}

/* A buffer for the service's message, or NULL (the request answered). */
static char *msg_buf(struct req *r)
{
	char *m = arena_alloc(r->arena, ASSESS_MSG);
	if (!m)
		resp_error(r, 500, "Out of memory.");
	else
		m[0] = '\0';
	return m;
}

/* ---- pages ------------------------------------------------------------------------------ */

void h_assessment(struct req *r)
{
	struct assess_record rec;
	if (!load(r, r->route_id, WHY_PAGE, &rec))
		return;
	resp_html(r);
	struct view_page p = resp_page(r, "Holistic assessment", "people");
	struct v_assessment d = {.csrf = r->session->csrf, .rec = &rec};
	v_assessment(&r->body, &p, &d);
}

void h_assess_results(struct req *r)
{
	struct assess_record rec;
	if (!load(r, r->route_id, WHY_RESULTS, &rec))
		return;
	resp_html(r);
	struct view_page p = resp_page(r, "Questionnaire results", "people");
	v_assess_results(&r->body, &p, &rec);
}

/* ---- the person's story -------------------------------------------------------------------- */

static void story_input_of(struct req *r, struct assess_story_input *in)
{
	in->whats_new = req_field(r, "whats_new");
	in->whats_good = req_field(r, "whats_good");
	in->whats_tough = req_field(r, "whats_tough");
	in->matters_most = req_field(r, "matters_most");
	in->recorded_by = req_field(r, "recorded_by");
}

void h_assess_story_form(struct req *r)
{
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct assess_story_input in = {0};
	if (rec.has_story)
		in = (struct assess_story_input){rec.story.whats_new, rec.story.whats_good, rec.story.whats_tough,
						 rec.story.matters_most, rec.story.recorded_by};
	struct v_assess_form d = {.rec = &rec, .form = VAF_STORY, .story = &in,
				  .story_version = rec.has_story ? rec.story.version : 0};
	show_form(r, 200, &d);
}

void h_assess_story_save(struct req *r)
{
	int64_t version = -1;
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 0, INT64_MAX, &version)) {
		resp_error(r, 400, "The form did not say which version of the story it changes. Go back, reload the "
				   "page and try again.");
		return;
	}
	struct assess_story_input in;
	story_input_of(r, &in);
	struct person_errors errs;
	struct store_story s;
	enum cp_err err = assess_story_validate(r->arena, &in, &s, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	int64_t now_version = 0;
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = assess_story_save(req_db(r), r->arena, &who, r->now_ms, r->route_id, version, &s, &now_version,
					msg, ASSESS_MSG);
		if (err != CP_EINVAL && err != CP_ECONFLICT) {
			added(r, err, "#story", "The story could not be saved.");
			return;
		}
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_STORY, .story = &in, .story_version = version};
	if (err == CP_ECONFLICT) {
		/* Show what they typed against the version saved meanwhile; saving
		 * again replaces it knowingly. */
		d.error = msg;
		d.story_version = rec.has_story ? rec.story.version : 0;
		show_form(r, 409, &d);
		return;
	}
	if (err == CP_EINVAL)
		d.errs = &errs;
	show_form(r, err == CP_EINVAL ? 400 : resp_status_for(err), &d);
}

/* ---- professionals' stories, outcomes, entries ------------------------------------------------- */

void h_assess_pro_form(struct req *r)
{
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	char today[16];
	assess_today(r->now_ms, today);
	struct assess_pro_input in = {.story_date = today};
	struct v_assess_form d = {.rec = &rec, .form = VAF_PRO, .pro = &in, .discipline = r->session->user.discipline};
	show_form(r, 200, &d);
}

void h_assess_pro_add(struct req *r)
{
	struct assess_pro_input in = {req_field(r, "issues"), req_field(r, "evidence"), req_field(r, "experience"),
				      req_field(r, "story_date")};
	struct person_errors errs;
	struct store_pro_story s;
	enum cp_err err = assess_pro_validate(r->arena, &in, r->session->user.discipline, r->now_ms, &s, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_pro_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &s, &id, msg, ASSESS_MSG);
		added(r, err, "#professionals", "The story could not be added.");
		return;
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_PRO, .pro = &in, .errs = &errs,
				  .discipline = r->session->user.discipline};
	show_form(r, 400, &d);
}

void h_assess_outcome_form(struct req *r)
{
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	char today[16];
	assess_today(r->now_ms, today);
	struct assess_outcome_input in = {.agreed_date = today};
	struct v_assess_form d = {.rec = &rec, .form = VAF_OUTCOME, .outcome = &in};
	show_form(r, 200, &d);
}

void h_assess_outcome_add(struct req *r)
{
	struct assess_outcome_input in = {req_field(r, "outcome"), req_field(r, "agreed_by"),
					  req_field(r, "agreed_date")};
	struct person_errors errs;
	struct store_outcome o;
	enum cp_err err = assess_outcome_validate(r->arena, &in, r->now_ms, &o, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_outcome_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &o, &id, msg,
						 ASSESS_MSG);
		added(r, err, "#outcomes", "The outcome could not be added.");
		return;
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_OUTCOME, .outcome = &in, .errs = &errs};
	show_form(r, 400, &d);
}

void h_assess_entry_form(struct req *r)
{
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct assess_entry_input in = {.domain = req_query(r, "domain")};
	struct v_assess_form d = {.rec = &rec, .form = VAF_ENTRY, .entry = &in};
	show_form(r, 200, &d);
}

void h_assess_entry_add(struct req *r)
{
	struct assess_entry_input in = {req_field(r, "kind"),     req_field(r, "domain"),
					req_field(r, "description"), req_field(r, "severity"),
					req_field(r, "likelihood"), req_field(r, "mitigation")};
	struct person_errors errs;
	struct store_assess_entry e;
	enum cp_err err = assess_entry_validate(r->arena, &in, &e, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_entry_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &e, &id, msg,
					       ASSESS_MSG);
		added(r, err, err ? "" : arena_printf(r->arena, "#domain-%s", e.domain), "The entry could not be added.");
		return;
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_ENTRY, .entry = &in, .errs = &errs};
	show_form(r, 400, &d);
}

/* ---- carers' needs ----------------------------------------------------------------------------- */

void h_assess_carer_form(struct req *r)
{
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct assess_carer_input in = {0};
	struct v_assess_form d = {.rec = &rec, .form = VAF_CARER, .carer = &in};
	show_form(r, 200, &d);
}

void h_assess_carer_add(struct req *r)
{
	struct assess_carer_input in = {req_field(r, "contact_id"), req_field(r, "carer_needs"),
					req_field(r, "what_helps")};
	/* The carers to choose from are the person's: read them first. */
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct person_errors errs;
	struct store_carer_need k;
	enum cp_err err = assess_carer_validate(r->arena, &in, rec.contacts, rec.n_contacts, &k, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_carer_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &k, &id, msg,
					       ASSESS_MSG);
		if (err != CP_EINVAL) {
			added(r, err, "#carers", "The carer's needs could not be recorded.");
			return;
		}
		errs.n = 0;
		errs.e[errs.n++] = (struct person_error){"contact_id", msg};
	}
	struct v_assess_form d = {.rec = &rec, .form = VAF_CARER, .carer = &in, .errs = &errs};
	show_form(r, 400, &d);
}

/* ---- questionnaires ------------------------------------------------------------------------------ */

void h_assess_instrument_form(struct req *r)
{
	const char *code = req_query(r, "instrument");
	if (instrument_from_code(code) == INSTRUMENT__MAX) {
		resp_error(r, 404, "There is no such questionnaire. Choose PHQ-9, GAD-7 or the UCLA loneliness scale "
				   "from the assessment page.");
		return;
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	char today[16];
	assess_today(r->now_ms, today);
	struct assess_instrument_input in = {.instrument = code, .taken_date = today};
	struct v_assess_form d = {.rec = &rec, .form = VAF_INSTRUMENT, .instrument = &in};
	show_form(r, 200, &d);
}

void h_assess_instrument_add(struct req *r)
{
	struct assess_instrument_input in = {.instrument = req_field(r, "instrument"),
					     .taken_date = req_field(r, "taken_date")};
	for (int i = 1; i <= INSTRUMENT_ITEMS_MAX; i++)
		in.item[i - 1] = req_field(r, assess_item_field(i));
	if (instrument_from_code(in.instrument) == INSTRUMENT__MAX) {
		resp_error(r, 400, "The form did not say which questionnaire it is. Go back to the assessment and "
				   "choose one.");
		return;
	}
	struct person_errors errs;
	struct store_instrument_result res;
	enum cp_err err = assess_instrument_validate(r->arena, &in, r->now_ms, &res, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_instrument_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &res, &id, msg,
						    ASSESS_MSG);
		const char *rest = err ? ""
				   : res.safety ? arena_printf(r->arena, "/questionnaires#result-%lld", (long long)id)
						: arena_printf(r->arena, "/questionnaires#%s", res.instrument);
		added(r, err, rest, "The questionnaire could not be saved.");
		return;
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_INSTRUMENT, .instrument = &in, .errs = &errs};
	show_form(r, 400, &d);
}

/* ---- medicines ------------------------------------------------------------------------------------ */

static void medicine_input_of(struct req *r, struct assess_medicine_input *in)
{
	in->name = req_field(r, "med_name");
	in->dose = req_field(r, "med_dose");
	in->purpose = req_field(r, "med_purpose");
	in->needs_review = req_field(r, "needs_review");
	in->review_reason = req_field(r, "review_reason");
}

void h_assess_medicine_form(struct req *r)
{
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct assess_medicine_input in = {0};
	struct v_assess_form d = {.rec = &rec, .form = VAF_MEDICINE, .medicine = &in};
	show_form(r, 200, &d);
}

void h_assess_medicine_add(struct req *r)
{
	struct assess_medicine_input in;
	medicine_input_of(r, &in);
	struct person_errors errs;
	struct store_medicine m;
	enum cp_err err = assess_medicine_validate(r->arena, &in, &m, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_medicine_add(req_db(r), r->arena, &who, r->now_ms, r->route_id, &m, &id, msg,
						  ASSESS_MSG);
		added(r, err, "#medicines", "The medicine could not be added.");
		return;
	}
	struct assess_record rec;
	if (!load_open(r, r->route_id, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_MEDICINE, .medicine = &in, .errs = &errs};
	show_form(r, 400, &d);
}

/* Reads medicine r->route_id and its episode's assessment for its own page,
 * answering the request itself on failure (404, or 409 when it cannot
 * change).  true when filled. */
static bool load_medicine(struct req *r, struct store_medicine *m, struct assess_record *rec)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = assess_medicine_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, WHY_FORM, m, rec);
	unsigned mask = 0;
	if (!err)
		err = h_share_mask(r, rec->person.id, &mask);
	if (!err)
		assess_restrict(rec, mask);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_MEDICINE : "The medicine could not be read.");
		return false;
	}
	if (!rec->open) {
		resp_error(r, 409, ENDED);
		return false;
	}
	if (m->stopped_date) {
		resp_error(r, 409, "This medicine has been stopped, so it cannot change. Add it again if it is "
				   "started again.");
		return false;
	}
	return true;
}

void h_assess_medicine_edit_form(struct req *r)
{
	struct store_medicine m;
	struct assess_record rec;
	if (!load_medicine(r, &m, &rec))
		return;
	struct assess_medicine_input in = {m.name, m.dose, m.purpose, m.needs_review ? "yes" : NULL, m.review_reason};
	struct v_assess_form d = {.rec = &rec, .form = VAF_MEDICINE, .medicine = &in, .med = &m};
	show_form(r, 200, &d);
}

static bool med_version(struct req *r, int64_t *v)
{
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 1, INT64_MAX, v)) {
		resp_error(r, 400, "The form did not say which version of the medicine it changes. Go back, reload "
				   "the page and try again.");
		return false;
	}
	return true;
}

/* The outcome of a change to a medicine: 303, a refusal, or the form again. */
static void med_changed(struct req *r, enum cp_err err, int64_t episode_id, const char *msg,
			const struct assess_medicine_input *in, const char *sdate, const char *sreason)
{
	if (err == CP_OK) {
		back_to(r, episode_id, "#medicines");
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_MEDICINE);
		return;
	}
	if (err == CP_EFORBIDDEN || err == CP_EINVAL) {
		resp_error(r, 409, msg && *msg ? msg : ENDED);
		return;
	}
	if (err != CP_ECONFLICT) {
		resp_error(r, resp_status_for(err), "The medicine could not be changed.");
		return;
	}
	struct store_medicine m;
	struct assess_record rec;
	if (!load_medicine(r, &m, &rec))
		return;
	struct assess_medicine_input now = {m.name, m.dose, m.purpose, m.needs_review ? "yes" : NULL, m.review_reason};
	struct v_assess_form d = {.rec = &rec, .form = VAF_MEDICINE, .medicine = in ? in : &now, .med = &m, .error = msg,
				  .stopped_date = sdate, .stopped_reason = sreason};
	show_form(r, 409, &d);
}

void h_assess_medicine_edit(struct req *r)
{
	int64_t version = 0;
	if (!med_version(r, &version))
		return;
	struct assess_medicine_input in;
	medicine_input_of(r, &in);
	struct person_errors errs;
	struct store_medicine m;
	enum cp_err err = assess_medicine_validate(r->arena, &in, &m, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t episode_id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_medicine_edit(req_db(r), r->arena, &who, r->now_ms, r->route_id, version, &m,
						   &episode_id, msg, ASSESS_MSG);
		med_changed(r, err, episode_id, msg, &in, NULL, NULL);
		return;
	}
	struct store_medicine cur;
	struct assess_record rec;
	if (!load_medicine(r, &cur, &rec))
		return;
	struct v_assess_form d = {.rec = &rec, .form = VAF_MEDICINE, .medicine = &in, .med = &cur, .errs = &errs};
	show_form(r, 400, &d);
}

void h_assess_medicine_stop(struct req *r)
{
	int64_t version = 0;
	if (!med_version(r, &version))
		return;
	const char *date_in = req_field(r, "stopped_date");
	const char *reason_in = req_field(r, "stopped_reason");
	struct person_errors errs;
	const char *date = NULL, *reason = NULL;
	enum cp_err err = assess_stop_validate(r->arena, date_in, reason_in, r->now_ms, &date, &reason, &errs);
	char *msg = msg_buf(r);
	if (!msg)
		return;
	if (err != CP_EINVAL) {
		int64_t episode_id = 0;
		struct audit_actor who = req_actor(r);
		if (!err)
			err = assess_medicine_stop(req_db(r), r->arena, &who, r->now_ms, r->route_id, version, date,
						   reason, &episode_id, msg, ASSESS_MSG);
		med_changed(r, err, episode_id, msg, NULL, date_in, reason_in);
		return;
	}
	struct store_medicine cur;
	struct assess_record rec;
	if (!load_medicine(r, &cur, &rec))
		return;
	struct assess_medicine_input in = {cur.name, cur.dose, cur.purpose, cur.needs_review ? "yes" : NULL,
					   cur.review_reason};
	struct v_assess_form d = {.rec = &rec, .form = VAF_MEDICINE, .medicine = &in, .med = &cur,
				  .stop_errs = &errs, .stopped_date = date_in, .stopped_reason = reason_in};
	show_form(r, 400, &d);
}
