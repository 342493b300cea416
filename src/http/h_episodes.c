/*
 * h_episodes.c - starting an episode of care planning, its page, moving its
 * stage, changing its level of care, and its care team.  Every route needs
 * CAP_PEOPLE (router.c).
 *
 * Handlers read forms into the domain's inputs; episode_service.c validates,
 * applies the rules of episode.h and does the audited work.  A form with
 * problems is shown again on its page with status 400, a refused stage move
 * with 409 (the episode is not where the form thought: the message names the
 * stages allowed), a stale version with 409; nothing is written then.  A
 * change answers 303 to the episode's page.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/episode_service.h"
#include "../domain/review_exit.h"
#include "../util/str.h"
#include "h_share.h"
#include "resp.h"
#include "router.h"

#define WHY_PAGE "episode page"
#define WHY_FORM "episode form"
#define WHY_START "start episode form"

static const char *const NO_PERSON = "There is no person recorded at this address.";
static const char *const NO_EPISODE = "There is no episode recorded at this address.";

static const char *full_name(struct req *r, const struct store_person *p)
{
	const char *n = arena_printf(r->arena, "%s %s", p->given_name, p->family_name);
	return n ? n : p->family_name;
}

static void page_status(struct req *r, int status)
{
	resp_html(r);
	r->status = status;
}

/* ---- starting an episode ----------------------------------------------------------- */

static void start_form(struct req *r, int status, const struct v_episode_form *d)
{
	page_status(r, status);
	struct view_page p = resp_page(r, status == 200 ? "Start an episode" : "Error: Start an episode", "people");
	v_episode_form(&r->body, &p, d);
}

/* Reads the person of the route and what their episodes say about a new
 * one, answering the request itself on failure.  true when filled. */
static bool start_context(struct req *r, struct person_record *rec, int64_t *open_id, int64_t *previous_id)
{
	struct audit_actor who = req_actor(r);
	enum cp_err err = person_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, WHY_START, rec);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PERSON : "The person's record could not be read.");
		return false;
	}
	*open_id = *previous_id = 0;
	struct store_episode *eps;
	size_t n = 0;
	if (episode_list_of(req_db(r), r->arena, r->route_id, &eps, &n)) {
		resp_error(r, 500, "The person's episodes could not be read.");
		return false;
	}
	/* The newest episode decides: re-entry links to it (maintenance is
	 * replaced by the new episode), any other open one blocks. */
	int64_t newest = 0;
	for (size_t i = 0; i < n; i++) {
		enum episode_stage st = episode_stage_from_code(eps[i].stage);
		if (episode_stage_open(st) && st != STAGE_MAINTENANCE)
			*open_id = eps[i].id;
		if (eps[i].id > newest) {
			newest = eps[i].id;
			*previous_id = episode_can_reenter(st) ? eps[i].id : 0;
		}
	}
	return true;
}

void h_episode_new(struct req *r)
{
	struct person_record rec;
	int64_t open_id, previous_id;
	if (!start_context(r, &rec, &open_id, &previous_id))
		return;
	struct episode_start_input in = {0};
	struct v_episode_form d = {.csrf = r->session->csrf, .person_id = rec.person.id,
				   .person_name = full_name(r, &rec.person), .previous_id = previous_id,
				   .open_id = open_id, .in = &in};
	start_form(r, open_id ? 409 : 200, &d);
}

void h_episode_create(struct req *r)
{
	struct episode_start_input in;
	for (int f = 0; f < EF__MAX; f++)
		in.v[f] = req_field(r, episode_field_name((enum episode_field)f));
	struct person_record rec;
	int64_t open_id, previous_id;
	if (!start_context(r, &rec, &open_id, &previous_id))
		return;
	struct person_errors errs;
	struct episode_start s;
	struct v_episode_form d = {.csrf = r->session->csrf, .person_id = rec.person.id,
				   .person_name = full_name(r, &rec.person), .previous_id = previous_id,
				   .open_id = open_id, .in = &in, .errs = &errs};
	if (open_id) {
		start_form(r, 409, &d);
		return;
	}
	enum cp_err err = episode_start_validate(r->arena, &in, r->now_ms, &s, &errs);
	if (err == CP_EINVAL) {
		start_form(r, 400, &d);
		return;
	}
	int64_t id = 0;
	if (!err) {
		struct audit_actor who = req_actor(r);
		err = episode_start(req_db(r), r->arena, &who, r->now_ms, rec.person.id, &s, r->session->user.id,
				    "Key worker", &id, &d.open_id);
	}
	if (err == CP_ECONFLICT && d.open_id) {
		start_form(r, 409, &d);
		return;
	}
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_PERSON : "The episode could not be started.");
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/episodes/%lld", (long long)id));
}

/* ---- an episode's page ---------------------------------------------------------------- */

/* Shows the episode's page (read again, audited) with status and d's
 * problems; answers 404 itself when there is no such episode. */
static void episode_page(struct req *r, int status, const struct v_episode *d)
{
	struct episode_record rec;
	struct audit_actor who = req_actor(r);
	enum cp_err err = episode_read(req_db(r), r->arena, &who, r->now_ms, r->route_id, WHY_PAGE, &rec);
	if (err) {
		resp_error(r, err == CP_ENOTFOUND ? 404 : resp_status_for(err),
			   err == CP_ENOTFOUND ? NO_EPISODE : "The episode could not be read.");
		return;
	}
	struct store_user *users = NULL;
	size_t n = 0;
	if (r->session->user.team_id &&
	    store_team_members(req_db(r), r->arena, r->session->user.team_id, EPISODE_TEAM_MAX, &users, &n))
		n = 0;
	struct v_episode view = *d;
	if ((err = h_share_mask(r, rec.person.id, &view.share_mask))) {
		resp_error(r, resp_status_for(err), "The episode could not be read.");
		return;
	}
	view.activity_needs = h_share_route_needs("/episodes/:id/activity");
	view.reviews_needs = h_share_route_needs("/episodes/:id/reviews");
	view.csrf = r->session->csrf;
	view.rec = &rec;
	view.users = users;
	view.n_users = n;
	page_status(r, status);
	const char *title = status == 200 ? "Episode of care planning" : "Error: Episode of care planning";
	struct view_page p = resp_page(r, title, "people");
	v_episode(&r->body, &p, &view);
}

void h_episode(struct req *r)
{
	struct v_episode d = {0};
	episode_page(r, 200, &d);
}

static bool version_of(struct req *r, int64_t *version)
{
	const char *vs = req_field(r, "version");
	if (!vs || str_to_i64(vs, 1, INT64_MAX, version)) {
		resp_error(r, 400, "The form did not say which version of the episode it changes. Go back, reload the "
				   "page and try again.");
		return false;
	}
	return true;
}

static void back_to_episode(struct req *r, const char *anchor)
{
	resp_redirect(r, arena_printf(r->arena, "/episodes/%lld%s", (long long)r->route_id, anchor));
}

void h_episode_stage(struct req *r)
{
	int64_t version = 0;
	if (!version_of(r, &version))
		return;
	const char *to_s = req_field(r, "to_stage");
	const char *closure_s = req_field(r, "closure");
	const char *reason = req_field(r, "stage_reason");
	enum episode_stage to = episode_stage_from_code(to_s);
	enum episode_closure closure = episode_closure_from_code(closure_s);
	char *msg = arena_alloc(r->arena, EPISODE_MSG);
	if (!msg) {
		resp_error(r, 500, "The stage could not be changed.");
		return;
	}
	msg[0] = '\0';
	enum episode_stage now = STAGE__MAX;
	struct audit_actor who = req_actor(r);
	enum cp_err err;
	if (!to_s || !*to_s) {
		err = CP_EINVAL;
		snprintf(msg, EPISODE_MSG, "Select the stage to move the episode to");
		struct store_episode e;
		if (store_episode_get(req_db(r), r->arena, r->route_id, &e) == CP_OK)
			now = episode_stage_from_code(e.stage);
		else
			err = CP_ENOTFOUND;
	} else {
		/* Leaving the active cycle needs the route back or the check-in plan:
		 * their problems show on the form when the move itself is allowed. */
		struct exit_input xin = {.sos_who = req_field(r, "sos_who"), .sos_phone = req_field(r, "sos_phone"),
					 .sos_how = req_field(r, "sos_how"),
					 .checkin_days = req_field(r, "checkin_days"),
					 .next_checkin = req_field(r, "next_checkin")};
		struct exit_details x;
		struct person_errors xerrs = {0};
		struct store_episode e;
		if (exit_validate(r->arena, to, &xin, r->now_ms, &x, &xerrs) == CP_EINVAL &&
		    store_episode_get(req_db(r), r->arena, r->route_id, &e) == CP_OK &&
		    episode_transition_allowed(episode_stage_from_code(e.stage), to)) {
			struct v_episode d = {.stage_reason = reason, .to_stage = to_s, .exit_in = &xin,
					      .exit_errs = &xerrs};
			episode_page(r, 400, &d);
			return;
		}
		err = episode_move_exit(req_db(r), r->arena, &who, r->now_ms, r->route_id, version, to, closure, reason,
					&x, &now, msg, EPISODE_MSG);
	}
	if (err == CP_OK) {
		back_to_episode(r, "");
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
		return;
	}
	struct v_episode d = {.error = msg, .stage_reason = reason, .error_field = "move"};
	int status = resp_status_for(err);
	if (err == CP_EINVAL) {
		status = 400;
		if (!to_s || !*to_s || !episode_transition_allowed(now, to)) {
			d.error_field = "to_stage";
			/* A move the rules refuse: the episode is not where the form
			 * thought, or the form was forged. */
			if (to_s && *to_s)
				status = 409;
		} else if ((to == STAGE_CLOSED) != (closure != CLOSURE_NONE)) {
			d.error_field = "closure";
		} else {
			d.error_field = "stage_reason";
		}
		if (!episode_stage_open(now))
			d.error_field = "maincontent";
	} else if (err == CP_ECONFLICT) {
		status = 409;
		d.error_field = "move";
	}
	episode_page(r, status, &d);
}

void h_episode_level(struct req *r)
{
	int64_t version = 0;
	if (!version_of(r, &version))
		return;
	const char *level_s = req_field(r, "level");
	const char *reason = req_field(r, "level_reason");
	int64_t num = 0;
	enum episode_level to = CARE_LEVEL__MAX;
	if (level_s && !str_to_i64(level_s, 1, 3, &num))
		to = episode_level_from_number((int)num);
	char *msg = arena_alloc(r->arena, EPISODE_MSG);
	if (!msg) {
		resp_error(r, 500, "The level of care could not be changed.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = episode_change_level(req_db(r), r->arena, &who, r->now_ms, r->route_id, version, to, reason,
					       msg, EPISODE_MSG);
	if (err == CP_OK) {
		back_to_episode(r, "");
		return;
	}
	if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
		return;
	}
	struct v_episode d = {.error = msg, .level_reason = reason, .error_field = "change-level"};
	int status = resp_status_for(err);
	if (err == CP_EINVAL) {
		status = 400;
		bool blank = true;
		for (const char *c = reason; c && *c && blank; c++)
			blank = *c == ' ' || *c == '\t' || *c == '\r' || *c == '\n';
		d.error_field = to != CARE_LEVEL__MAX && blank ? "level_reason" : "level";
	} else if (err == CP_ECONFLICT) {
		status = 409;
	}
	episode_page(r, status, &d);
}

/* ---- the care team ------------------------------------------------------------------------ */

void h_careteam_add(struct req *r)
{
	struct team_member_input in = {
		.kind = req_field(r, "member_kind"),
		.user_id = req_field(r, "member_user"),
		.name = req_field(r, "member_name"),
		.organisation = req_field(r, "member_org"),
		.role = req_field(r, "member_role"),
		.from_date = req_field(r, "member_from"),
		.to_date = req_field(r, "member_to"),
	};
	struct store_user *users = NULL;
	size_t n = 0;
	if (r->session->user.team_id &&
	    store_team_members(req_db(r), r->arena, r->session->user.team_id, EPISODE_TEAM_MAX, &users, &n))
		n = 0;
	struct person_errors errs;
	struct store_team_member m;
	enum cp_err err = team_member_validate(r->arena, &in, users, n, &m, &errs);
	char *msg = arena_alloc(r->arena, EPISODE_MSG);
	if (!msg) {
		resp_error(r, 500, "The care team could not be changed.");
		return;
	}
	msg[0] = '\0';
	if (err == CP_EINVAL) {
		struct store_episode e;
		if (store_episode_get(req_db(r), r->arena, r->route_id, &e) == CP_ENOTFOUND) {
			resp_error(r, 404, NO_EPISODE);
			return;
		}
		struct v_episode d = {.member_errs = &errs, .member_in = &in};
		episode_page(r, 400, &d);
		return;
	}
	if (!err) {
		m.episode_id = r->route_id;
		struct audit_actor who = req_actor(r);
		int64_t id = 0;
		err = careteam_add(req_db(r), r->arena, &who, r->now_ms, &m, &id, msg, EPISODE_MSG);
	}
	if (err == CP_OK) {
		back_to_episode(r, "#care-team");
	} else if (err == CP_ENOTFOUND) {
		resp_error(r, 404, NO_EPISODE);
	} else if (err == CP_EINVAL) {
		struct v_episode d = {.error = msg, .error_field = "care-team"};
		episode_page(r, 400, &d);
	} else {
		resp_error(r, resp_status_for(err), "The care team could not be changed.");
	}
}

/* The member_id field of a care team form, answering 400 itself when wrong. */
static bool member_of(struct req *r, int64_t *id)
{
	const char *s = req_field(r, "member_id");
	if (!s || str_to_i64(s, 1, INT64_MAX, id)) {
		resp_error(r, 400, "The form did not say which member of the care team it is about.");
		return false;
	}
	return true;
}

static void team_outcome(struct req *r, enum cp_err err, const char *msg)
{
	if (err == CP_OK) {
		back_to_episode(r, "#care-team");
	} else if (err == CP_ENOTFOUND) {
		resp_error(r, 404, "There is no such episode, or no such running member of its care team.");
	} else if (err == CP_EINVAL) {
		struct v_episode d = {.error = msg, .error_field = "care-team"};
		episode_page(r, 400, &d);
	} else {
		resp_error(r, resp_status_for(err), "The care team could not be changed.");
	}
}

void h_careteam_keyworker(struct req *r)
{
	int64_t member = 0;
	if (!member_of(r, &member))
		return;
	char *msg = arena_alloc(r->arena, EPISODE_MSG);
	if (!msg) {
		resp_error(r, 500, "The care team could not be changed.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = careteam_make_key_worker(req_db(r), r->arena, &who, r->now_ms, r->route_id, member, msg,
						   EPISODE_MSG);
	team_outcome(r, err, msg);
}

void h_careteam_end(struct req *r)
{
	int64_t member = 0;
	if (!member_of(r, &member))
		return;
	char *msg = arena_alloc(r->arena, EPISODE_MSG);
	if (!msg) {
		resp_error(r, 500, "The care team could not be changed.");
		return;
	}
	struct audit_actor who = req_actor(r);
	enum cp_err err = careteam_end(req_db(r), r->arena, &who, r->now_ms, r->route_id, member,
				       req_field(r, "to_date"), msg, EPISODE_MSG);
	team_outcome(r, err, msg);
}
