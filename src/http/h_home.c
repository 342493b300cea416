/* h_home.c - the home page: who you are and what you can do next. */
#include "../domain/audit.h"
#include "resp.h"
#include "router.h"
#include "server.h"

/* Records that this request read a person's data. */
static enum cp_err home_audit_read(struct req *r, int64_t person_id, const char *why)
{
	struct audit_actor who = req_actor(r);
	struct audit_event ev = {.action = "person.read", .object_type = "person", .object_id = person_id,
				 .person_id = person_id, .reason = why};
	return audit_read(req_db(r), &who, &ev, r->now_ms);
}

void h_home(struct req *r)
{
	struct store_conn *c = req_db(r);
	const struct store_user *u = &r->session->user;
	struct v_home d = {.user = u, .idle_minutes = (r->app->cfg->auth.idle_ms + 59999) / 60000};
	enum cp_err err = CP_OK;

	struct store_team team;
	if (u->team_id && !(err = store_team_get(c, r->arena, u->team_id, &team))) {
		d.team_name = team.name;
		d.org_name = team.org_name;
	}
	if (!err && role_can(r->role, CAP_TEAM_VIEW) && u->team_id) {
		struct store_user *members;
		size_t n;
		if (!(err = store_team_caseload(c, u->team_id, &d.team_people)) &&
		    !(err = store_team_members(c, r->arena, u->team_id, 500, &members, &n)))
			d.team_members = (int64_t)n;
	}
	if (!err && role_can(r->role, CAP_OWN_RECORD) && u->person_id) {
		struct store_person *p = arena_zalloc(r->arena, sizeof *p);
		const char **conds;
		if (!p)
			err = CP_ENOMEM;
		else if (!(err = store_person_get(c, r->arena, u->person_id, p)) &&
			 !(err = store_condition_list(c, r->arena, p->id, 50, &conds, &d.n_conditions))) {
			d.person = p;
			d.conditions = conds;
			struct store_team pt;
			if (p->team_id && store_team_get(c, r->arena, p->team_id, &pt) == CP_OK)
				d.team_name = pt.name;
			err = home_audit_read(r, p->id, "own record on home page");
		}
	}
	if (!err && role_can(r->role, CAP_CARED_FOR)) {
		/* Only the people whose grant is live now: a withdrawn grant
		 * takes effect at once. */
		struct store_grant *gs;
		size_t n;
		if (!(err = store_grant_list_carer(c, r->arena, u->id, 50, &gs, &n))) {
			struct v_cared_for *cf = n ? arena_zalloc(r->arena, n * sizeof *cf) : NULL;
			if (n && !cf)
				err = CP_ENOMEM;
			for (size_t i = 0; !err && i < n; i++) {
				struct store_person p;
				if ((err = store_person_get(c, r->arena, gs[i].person_id, &p)))
					break;
				struct store_contact k;
				cf[i].name = arena_printf(r->arena, "%s %s", p.given_name, p.family_name);
				cf[i].relationship = gs[i].contact_id && store_contact_get(c, r->arena, gs[i].contact_id,
											   &k) == CP_OK
							     ? k.relationship
							     : "carer";
				cf[i].nhs_number = p.nhs_number;
				err = home_audit_read(r, p.id, "carer's home page");
			}
			d.cared = cf;
			d.n_cared = n;
		}
	}
	struct store_stats stats;
	if (!err && role_can(r->role, CAP_SERVICE_FIGURES) && !(err = store_stats(c, r->arena, &stats)))
		d.stats = &stats;
	if (err) {
		resp_error(r, resp_status_for(err), "Your home page could not be put together.");
		return;
	}
	resp_html(r);
	struct view_page p = resp_page(r, "Home", "home");
	v_home(&r->body, &p, &d);
}
