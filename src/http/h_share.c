/*
 * h_share.c - the sharing settings pages (h_share.h).
 *
 * /my/sharing is the person's own (CAP_OWN_RECORD, their record only:
 * u->person_id); /people/:id/sharing is the team's (CAP_PEOPLE, behind the
 * router's access check), where the key worker records what the person
 * agreed and must say so with a tick.  Every read is audited (share.read),
 * every save is one transaction with its audit row (share.change), and a
 * form naming a box the page never draws is refused, audited
 * (share.refused), with nothing written.
 */
#include "h_share.h"

#include <string.h>

#include "../domain/audit.h"
#include "../util/str.h"
#include "../view/view_share.h"
#include "resp.h"
#include "router.h"

#define MSG_MAX 400

enum cp_err h_share_mask(struct req *r, int64_t person_id, unsigned *mask)
{
	*mask = 0;
	enum access_basis b = ACCESS_NONE;
	enum cp_err err = access_to_person(req_db(r), &r->session->user, r->now_ms, person_id, &b);
	if (!err)
		err = share_visible_sections(req_db(r), &r->session->user, b, person_id, mask);
	if (err)
		*mask = 0;
	return err;
}

/* Routes that show or change whole sections, by their route table path: a
 * route listed more than once needs every section it is listed with (the
 * activity page shows actions and the team's notes; the reviews page goals'
 * progress and check-ins). */
static const struct {
	const char *path;
	enum share_section section;
} route_sections[] = {
	{"/episodes/:id/assessment/story", SHARE_ASSESSMENT},
	{"/episodes/:id/assessment/professional", SHARE_ASSESSMENT},
	{"/episodes/:id/assessment/outcome", SHARE_ASSESSMENT},
	{"/episodes/:id/assessment/entry", SHARE_ASSESSMENT},
	{"/episodes/:id/assessment/carer", SHARE_ASSESSMENT},
	{"/episodes/:id/assessment/questionnaire", SHARE_INSTRUMENTS},
	{"/episodes/:id/assessment/questionnaires", SHARE_INSTRUMENTS},
	{"/episodes/:id/assessment/medicine", SHARE_MEDICINES},
	{"/assessment-medicines/:id/edit", SHARE_MEDICINES},
	{"/assessment-medicines/:id/stop", SHARE_MEDICINES},
	{"/episodes/:id/activity", SHARE_NOTES},
	{"/episodes/:id/activity", SHARE_GOALS},
	{"/episodes/:id/checkins", SHARE_NOTES},
	{"/episodes/:id/reviews", SHARE_GOALS},
	{"/episodes/:id/reviews", SHARE_NOTES},
	{"/plan-actions/:id/status", SHARE_GOALS},
	/* The pre-review letter: the review and goals; readings are the
	 * assessment's. */
	{"/episodes/:id/review-letter", SHARE_GOALS},
	{"/episodes/:id/review-letter.pdf", SHARE_GOALS},
	{"/episodes/:id/review-appointment", SHARE_GOALS},
	{"/episodes/:id/readings", SHARE_ASSESSMENT},
	/* A carer's copy of My plan, page by page (the person's own /my pages
	 * name no one else's record). */
	{"/cared-for/:id/about", SHARE_ABOUT},
	{"/cared-for/:id/goals", SHARE_GOALS},
	{"/cared-for/:id/team", SHARE_GOALS},
	{"/cared-for/:id/timetable", SHARE_GOALS},
	{"/cared-for/:id/review", SHARE_ASSESSMENT},
	{"/cared-for/:id/if-things-get-worse", SHARE_CONTINGENCY},
	{"/cared-for/:id/advance-care-plan", SHARE_ACP},
	/* From the plan to the service: referrals serve the plan's actions. */
	{"/episodes/:id/services", SHARE_GOALS},
	{"/episodes/:id/referrals/new", SHARE_GOALS},
	{"/episodes/:id/referrals", SHARE_GOALS},
	{"/episodes/:id/activities-pack.pdf", SHARE_GOALS},
	{"/referrals/:id", SHARE_GOALS},
	{"/referrals/:id/status", SHARE_GOALS},
};

unsigned h_share_route_needs(const char *route_path)
{
	unsigned need = 0;
	for (size_t i = 0; route_path && i < sizeof route_sections / sizeof route_sections[0]; i++)
		if (strcmp(route_sections[i].path, route_path) == 0)
			need |= SHARE_BIT(route_sections[i].section);
	return need;
}

bool h_share_route_allowed(struct req *r, const char *route_path, enum access_basis b, int64_t person_id)
{
	unsigned need = h_share_route_needs(route_path);
	if (!need)
		return true;
	unsigned mask = 0;
	enum cp_err err = share_visible_sections(req_db(r), &r->session->user, b, person_id, &mask);
	if (err) {
		resp_error(r, resp_status_for(err), "Your access could not be checked.");
		return false;
	}
	if ((mask & need) == need)
		return true;
	enum share_section first = SHARE__MAX;
	for (int s = 0; s < SHARE__MAX && first == SHARE__MAX; s++)
		if ((need & ~mask) & SHARE_BIT(s))
			first = (enum share_section)s;
	h_share_hidden(r, person_id, first);
	return false;
}

void h_share_hidden(struct req *r, int64_t person_id, enum share_section s)
{
	struct audit_actor who = req_actor(r);
	struct store_conn *c = req_db(r);
	struct audit_event ev = {.action = "share.hidden", .object_type = "person", .object_id = person_id,
				 .person_id = person_id, .reason = share_code(s)};
	enum cp_err err = store_begin(c);
	if (!err) {
		err = audit_record(c, &who, &ev, r->now_ms);
		if (!err)
			err = store_commit(c);
		else
			store_rollback(c);
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The change could not be checked.");
		return;
	}
	resp_error(r, 404, r->method == HTTP_POST ? "There is nothing here you can change: this part of the plan is "
						     "not shared with you. Nothing was saved."
						   : "There is nothing here you can see: this part of the plan is not "
						     "shared with you.");
}

/* The ticked boxes of the posted form: every field but the form's own. */
static const char **ticked_of(struct req *r, size_t *n)
{
	*n = 0;
	const char **names = arena_zalloc(r->arena, (r->n_form ? r->n_form : 1) * sizeof *names);
	for (size_t i = 0; names && i < r->n_form; i++) {
		const char *f = r->form[i].name;
		if (strcmp(f, "csrf") == 0 || strcmp(f, "version") == 0 || strcmp(f, "agreed") == 0)
			continue;
		if (!r->form[i].value[0])
			continue; /* an unticked box sends nothing; an empty one says no */
		names[(*n)++] = f;
	}
	return names;
}

static void page(struct req *r, int status, struct v_share *d)
{
	resp_html(r);
	r->status = status;
	const char *title = d->own ? "Who can see each part of my plan" : "Who can see each part of the plan";
	if (d->error)
		title = d->own ? "Error: Who can see each part of my plan" : "Error: Who can see each part of the plan";
	struct view_page p = resp_page(r, title, d->own ? "home" : "people");
	v_share(&r->body, &p, d);
}

/* Shows person_id's page (own: the person's) with notice. */
static void show(struct req *r, int64_t person_id, bool own, int status, const char *notice, const char *error,
		 const char *error_field, const char *const *ticked, size_t n_ticked)
{
	struct audit_actor who = req_actor(r);
	struct share_settings *st = arena_zalloc(r->arena, sizeof *st);
	enum cp_err err = st ? share_settings_read(req_db(r), r->arena, &who, r->now_ms, person_id,
						   own ? "own sharing page" : "sharing page", st)
			     : CP_ENOMEM;
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? "There is no such person." : "The sharing settings could not be read.");
		return;
	}
	struct v_share d = {.csrf = r->session->csrf, .st = st, .own = own, .person_name = st->person_name,
			    .person_id = person_id, .notice = notice, .error = error, .error_field = error_field,
			    .ticked = ticked, .n_ticked = n_ticked};
	d.action = own ? "/my/sharing" : arena_printf(r->arena, "/people/%lld/sharing", (long long)person_id);
	page(r, status, &d);
}

static const char *notice_of(struct req *r)
{
	const char *done = req_query(r, "done");
	if (done && strcmp(done, "saved") == 0)
		return "Saved. The change works straight away.";
	if (done && strcmp(done, "same") == 0)
		return "Nothing was changed: the boxes were as they already were.";
	return NULL;
}

static void save(struct req *r, int64_t person_id, bool own)
{
	int64_t version = -1;
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 0, INT64_MAX, &version)) {
		resp_error(r, 400, "The form did not say which version of the settings it changes. Reload the page and "
				   "try again.");
		return;
	}
	size_t n = 0;
	const char **names = ticked_of(r, &n);
	if (!names) {
		resp_error(r, 500, "The form could not be read.");
		return;
	}
	const char *agreed = req_field(r, "agreed");
	struct share_form f = {.names = names, .n = n, .version = version, .need_agreement = !own,
			       .agreed = agreed && *agreed};
	char *msg = arena_zalloc(r->arena, MSG_MAX);
	if (!msg) {
		resp_error(r, 500, "The form could not be read.");
		return;
	}
	size_t changes = 0;
	struct audit_actor who = req_actor(r);
	enum cp_err err = share_change(req_db(r), r->arena, &who, r->now_ms, person_id, &f, &changes, msg, MSG_MAX);
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no such person.");
		return;
	}
	if (err == CP_EINVAL) {
		show(r, person_id, own, 400, NULL, msg, "agreed", names, n);
		return;
	}
	if (err == CP_ECONFLICT) {
		show(r, person_id, own, 409, NULL, msg, NULL, NULL, 0);
		return;
	}
	if (err == CP_EFORBIDDEN) {
		show(r, person_id, own, 400, NULL, msg, NULL, NULL, 0);
		return;
	}
	if (err) {
		resp_error(r, resp_status_for(err), "The settings could not be saved because of a problem with the "
						    "service. Nothing was changed.");
		return;
	}
	const char *done = changes ? "saved" : "same";
	resp_redirect(r, own ? arena_printf(r->arena, "/my/sharing?done=%s", done)
			     : arena_printf(r->arena, "/people/%lld/sharing?done=%s", (long long)person_id, done));
}

void h_my_sharing(struct req *r)
{
	int64_t pid = r->session->user.person_id;
	if (pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return;
	}
	show(r, pid, true, 200, notice_of(r), NULL, NULL, NULL, 0);
}

void h_my_sharing_save(struct req *r)
{
	int64_t pid = r->session->user.person_id;
	if (pid <= 0) {
		resp_error(r, 404, "Your record could not be found.");
		return;
	}
	save(r, pid, true);
}

void h_person_sharing(struct req *r)
{
	show(r, r->route_id, false, 200, notice_of(r), NULL, NULL, NULL, 0);
}

void h_person_sharing_save(struct req *r)
{
	save(r, r->route_id, false);
}
