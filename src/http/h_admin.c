/* h_admin.c - user accounts and the care team (service figures: h_dashboard.c). */
#include "../domain/audit.h"
#include "resp.h"
#include "router.h"

#define USERS_PAGE_MAX 1000
#define TEAM_MAX 500

void h_users(struct req *r)
{
	struct store_user *users;
	size_t n;
	enum cp_err err = store_user_list(req_db(r), r->arena, USERS_PAGE_MAX, &users, &n);
	if (err) {
		resp_error(r, resp_status_for(err), "The list of user accounts could not be read.");
		return;
	}
	resp_html(r);
	struct view_page p = resp_page(r, "User accounts", "users");
	v_users(&r->body, &p, users, n);
}

void h_team(struct req *r)
{
	struct store_conn *c = req_db(r);
	const struct store_user *u = &r->session->user;
	struct store_team team;
	struct store_user *members = NULL;
	size_t n = 0;
	int64_t people = 0;
	enum cp_err err = CP_OK;
	bool has_team = u->team_id != 0;
	if (has_team && !(err = store_team_get(c, r->arena, u->team_id, &team)) &&
	    !(err = store_team_members(c, r->arena, u->team_id, TEAM_MAX, &members, &n)))
		err = store_team_caseload(c, u->team_id, &people);
	if (err) {
		resp_error(r, resp_status_for(err), "The care team could not be read.");
		return;
	}
	resp_html(r);
	struct view_page p = resp_page(r, has_team ? team.name : "Care team", "team");
	v_team(&r->body, &p, has_team ? &team : NULL, members, n, people);
}
