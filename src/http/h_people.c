/*
 * h_people.c - finding a person, their record, adding and changing a person,
 * and adding their contacts.  Every route here needs CAP_PEOPLE (router.c).
 *
 * Each handler reads the form or query into the domain's input structs, lets
 * person.c validate it into typed values and do the audited work, and hands
 * the outcome to a view.  A form with problems is shown again with status
 * 400 (409 when the NHS number is someone else's or the record changed
 * meanwhile), its error summary and what was typed; nothing is written.  A
 * successful change answers 303 to the person's page.
 */
#include <string.h>

#include "../domain/access.h"
#include "../domain/audit.h"
#include "../domain/caldate.h"
#include "../domain/episode_service.h"
#include "../domain/person.h"
#include "../util/str.h"
#include "../domain/myplan.h"
#include "../domain/share.h"
#include "resp.h"
#include "router.h"

/* Why a record is read, as the audit row says. */
#define WHY_RECORD "record page"
#define WHY_EDIT "edit form"
#define WHY_CONTACT "contact form"

static const char *const NOT_FOUND = "There is no person recorded at this address.";

static void person_input_of(const struct req *r, struct person_input *in)
{
	for (int f = 0; f < PF__MAX; f++)
		in->v[f] = req_field(r, person_field((enum person_field)f)->name);
}

/* A record as the fields of the form that changes it. */
static void person_input_from(const struct store_person *p, struct person_input *in, char nhs[16])
{
	for (int f = 0; f < PF__MAX; f++)
		in->v[f] = person_field_value(p, (enum person_field)f);
	in->v[PF_NHS_NUMBER] = person_nhs_spaced(nhs, p->nhs_number);
}

static bool ticked(const struct req *r, const char *name)
{
	const char *v = req_field(r, name);
	return v && *v;
}

static void contact_input_of(const struct req *r, struct contact_input *in)
{
	for (int f = 0; f < CF__MAX; f++)
		in->v[f] = req_field(r, contact_field((enum contact_field)f)->name);
	in->is_carer = ticked(r, "is_carer");
	in->is_representative = ticked(r, "is_representative");
	in->is_next_of_kin = ticked(r, "is_next_of_kin");
	in->is_emergency = ticked(r, "is_emergency");
}

/* Appends an error for field (the domain's list has room: one per field). */
static void add_error(struct person_errors *errs, const char *field, const char *message)
{
	if (errs->n < PERSON_ERRORS_MAX) {
		errs->e[errs->n].field = field;
		errs->e[errs->n].message = message;
		errs->n++;
	}
}

static const char *full_name(struct req *r, const struct store_person *p)
{
	const char *n = arena_printf(r->arena, "%s %s", p->given_name, p->family_name);
	return n ? n : p->family_name;
}

/* Reads the person of the route for a form, answering the request itself
 * (404, 500) when that fails.  true when *rec is filled. */
static bool read_for_page(struct req *r, const char *why, struct person_record *rec)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = person_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, why, rec);
	if (err == CP_ENOTFOUND)
		resp_error(r, 404, NOT_FOUND);
	else if (err)
		resp_error(r, resp_status_for(err), "The person's record could not be read.");
	return err == CP_OK;
}

static void page_status(struct req *r, int status)
{
	resp_html(r);
	r->status = status;
}

/* ---- GET /people ------------------------------------------------------------ */

void h_people(struct req *r)
{
	struct person_query_input in = {
		.name = req_query(r, "name"),
		.birth_date = req_query(r, "birth_date"),
		.nhs_number = req_query(r, "nhs_number"),
	};
	struct person_errors errs;
	struct store_person_query q;
	bool empty = true;
	struct v_people_search d = {.in = &in, .errs = &errs};
	enum cp_err err = person_query_validate(r->arena, &in, r->now_ms, &q, &empty, &errs);
	if (err && err != CP_EINVAL) {
		resp_error(r, resp_status_for(err), "The search could not be made.");
		return;
	}
	if (!err && !empty) {
		struct audit_actor who = req_actor(r);
		struct store_person *found;
		char today[CALDATE_STR];
		/* Only the people in the searcher's care, checked inside the
		 * query; anyone else only by their exact NHS number. */
		access_search_scope(&r->session->user, r->now_ms, &q, today);
		err = person_search(req_db(r), r->arena, &who, r->now_ms, &q, PERSON_SEARCH_MAX, &found, &d.n,
				    &d.total);
		bool *outside = d.n ? arena_zalloc(r->arena, d.n * sizeof *outside) : NULL;
		if (!err && d.n && !outside)
			err = CP_ENOMEM;
		for (size_t i = 0; !err && q.nhs_number && i < d.n; i++) {
			enum access_basis b = ACCESS_NONE;
			err = access_to_person(req_db(r), &r->session->user, r->now_ms, found[i].id, &b);
			if (!err && b == ACCESS_NONE) {
				/* Their name and date of birth are shown to someone
				 * outside their care: the person sees that in their
				 * record log. */
				struct audit_event ev = {.action = "person.search", .object_type = "person",
							 .object_id = found[i].id, .person_id = found[i].id,
							 .reason = "by exact NHS number; not in their care"};
				err = audit_read(req_db(r), &who, &ev, r->now_ms);
				outside[i] = true;
				struct store_person *ps = &found[i];
				*ps = (struct store_person){.id = ps->id, .nhs_number = ps->nhs_number,
							    .given_name = ps->given_name, .family_name = ps->family_name,
							    .birth_date = ps->birth_date};
			}
		}
		if (err) {
			resp_error(r, resp_status_for(err), "The search could not be made.");
			return;
		}
		d.found = found;
		d.outside = outside;
		d.searched = true;
	}
	page_status(r, errs.n ? 400 : 200);
	struct view_page p = resp_page(r, errs.n ? "Error: Find a person" : "Find a person", "people");
	v_people_search(&r->body, &p, &d);
}

/* ---- adding a person ---------------------------------------------------------- */

static void person_form(struct req *r, int status, const struct v_person_form *d)
{
	page_status(r, status);
	const char *title = d->id ? "Change personal details" : "Add a person";
	if (status != 200)
		title = arena_printf(r->arena, "Error: %s", title);
	struct view_page p = resp_page(r, title ? title : "Error", "people");
	v_person_form(&r->body, &p, d);
}

void h_person_new(struct req *r)
{
	struct person_input in = {0};
	struct v_person_form d = {.csrf = r->session->csrf, .in = &in};
	person_form(r, 200, &d);
}

void h_person_create(struct req *r)
{
	struct person_input in;
	person_input_of(r, &in);
	struct person_errors errs;
	struct store_person p;
	struct v_person_form d = {.csrf = r->session->csrf, .in = &in, .errs = &errs};
	enum cp_err err = person_validate(r->arena, &in, r->now_ms, &p, &errs);
	if (err == CP_EINVAL) {
		person_form(r, 400, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The person could not be added.");
		return;
	}
	/* The adding professional's team is responsible until someone says
	 * otherwise. */
	p.team_id = r->session->user.team_id;
	p.created_ms = r->now_ms;
	struct audit_actor who = req_actor(r);
	int64_t id = 0, existing = 0;
	err = person_create(req_db(r), r->arena, &who, r->now_ms, &p, &id, &existing);
	if (err == CP_ECONFLICT && existing) {
		add_error(&errs, "nhs_number", "A person with this NHS number is already recorded");
		d.existing_id = existing;
		person_form(r, 409, &d);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The person could not be added.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/people/%lld", (long long)id));
}

/* ---- a person's record -------------------------------------------------------------- */

void h_person(struct req *r)
{
	struct person_record rec;
	if (!read_for_page(r, WHY_RECORD, &rec))
		return;
	struct v_person d = {.rec = &rec};
	struct store_episode *eps = NULL;
	if (episode_list_of(req_db(r), r->arena, rec.person.id, &eps, &d.n_episodes) != CP_OK) {
		resp_error(r, 500, "The person's episodes could not be read.");
		return;
	}
	d.episodes = eps;
	/* The route back shows while the newest episode is a discharge. */
	struct store_exit route;
	if (d.n_episodes && strcmp(eps[0].stage, "discharged") == 0 &&
	    store_exit_of_person(req_db(r), r->arena, rec.person.id, &route) == CP_OK && route.episode_id == eps[0].id)
		d.route_back = &route;
	struct store_team team;
	if (rec.person.team_id && store_team_get(req_db(r), r->arena, rec.person.team_id, &team) == CP_OK)
		d.team_name = team.name;
	/* About me, written by the person, when they share it with this reader. */
	struct store_about_me about;
	bool shared = false, has = false;
	if (my_shows(req_db(r), &r->session->user, r->now_ms, rec.person.id, SHARE_BIT(SHARE_ABOUT), &shared) ==
		    CP_OK &&
	    shared && my_about_of(req_db(r), r->arena, rec.person.id, &about, &has) == CP_OK && has)
		d.about = &about;
	resp_html(r);
	struct view_page p = resp_page(r, full_name(r, &rec.person), "people");
	v_person(&r->body, &p, &d);
}

/* ---- changing a person's details ------------------------------------------------------- */

void h_person_edit(struct req *r)
{
	struct person_record rec;
	if (!read_for_page(r, WHY_EDIT, &rec))
		return;
	struct person_input in;
	char nhs[16];
	person_input_from(&rec.person, &in, nhs);
	struct v_person_form d = {.csrf = r->session->csrf, .id = rec.person.id, .version = rec.person.version,
				  .name = full_name(r, &rec.person), .in = &in};
	person_form(r, 200, &d);
}

void h_person_update(struct req *r)
{
	int64_t version = 0;
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 1, INT64_MAX, &version)) {
		resp_error(r, 400, "The form did not say which version of the record it changes. Go back, reload "
				   "the page and try again.");
		return;
	}
	struct person_input in;
	person_input_of(r, &in);
	struct person_errors errs;
	struct store_person p;
	struct v_person_form d = {.csrf = r->session->csrf, .id = r->route_id, .version = version, .in = &in,
				  .errs = &errs};
	enum cp_err err = person_validate(r->arena, &in, r->now_ms, &p, &errs);
	if (err && err != CP_EINVAL) {
		resp_error(r, resp_status_for(err), "The changes could not be saved.");
		return;
	}
	int status = 400;
	if (!err) {
		p.id = r->route_id;
		struct audit_actor who = req_actor(r);
		int64_t existing = 0, current = 0;
		err = person_update(req_db(r), r->arena, &who, r->now_ms, &p, version, &existing, &current);
		if (err == CP_OK) {
			resp_redirect(r, arena_printf(r->arena, "/people/%lld", (long long)r->route_id));
			return;
		}
		if (err == CP_ENOTFOUND) {
			resp_error(r, 404, NOT_FOUND);
			return;
		}
		if (err != CP_ECONFLICT) {
			resp_error(r, resp_status_for(err), "The changes could not be saved.");
			return;
		}
		status = 409;
		if (existing) {
			add_error(&errs, "nhs_number", "Another person is already recorded with this NHS number");
			d.existing_id = existing;
		} else {
			/* Saving again means replacing what the other person saved:
			 * the form will carry the version they left (below). */
			d.conflict = true;
		}
	}
	/* The caption names the person as recorded (an audited read); an
	 * unknown person is a 404 even when the form had problems. */
	struct person_record rec;
	if (!read_for_page(r, WHY_EDIT, &rec))
		return;
	d.name = full_name(r, &rec.person);
	bool differs[PF__MAX];
	if (d.conflict) {
		for (int f = 0; f < PF__MAX; f++) {
			const char *now = person_field_value(&rec.person, (enum person_field)f);
			const char *typed = person_field_value(&p, (enum person_field)f);
			differs[f] = !(now == typed || (now && typed && strcmp(now, typed) == 0));
		}
		d.current = &rec.person;
		d.differs = differs;
		d.version = rec.person.version; /* the version shown as "now" */
	}
	person_form(r, status, &d);
}

/* ---- adding a contact -------------------------------------------------------------------- */

static void contact_form(struct req *r, int status, const struct person_record *rec, const struct contact_input *in,
			 const struct person_errors *errs)
{
	page_status(r, status);
	struct v_contact_form d = {.csrf = r->session->csrf, .person_id = rec->person.id,
				   .person_name = full_name(r, &rec->person), .in = in, .errs = errs};
	struct view_page p = resp_page(r, status == 200 ? "Add a contact" : "Error: Add a contact", "people");
	v_contact_form(&r->body, &p, &d);
}

void h_contact_new(struct req *r)
{
	struct person_record rec;
	if (!read_for_page(r, WHY_CONTACT, &rec))
		return;
	struct contact_input in = {0};
	contact_form(r, 200, &rec, &in, NULL);
}

void h_contact_create(struct req *r)
{
	struct contact_input in;
	contact_input_of(r, &in);
	struct person_errors errs;
	struct store_contact k;
	enum cp_err err = contact_validate(r->arena, &in, &k, &errs);
	if (err == CP_EINVAL) {
		struct person_record rec;
		if (read_for_page(r, WHY_CONTACT, &rec))
			contact_form(r, 400, &rec, &in, &errs);
		return;
	}
	if (!err) {
		k.person_id = r->route_id;
		struct audit_actor who = req_actor(r);
		int64_t id = 0;
		err = contact_add(req_db(r), r->arena, &who, r->now_ms, &k, &id);
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NOT_FOUND);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The contact could not be added.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/people/%lld", (long long)r->route_id));
}
