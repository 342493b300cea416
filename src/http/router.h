/*
 * router.h - the one route table, and dispatch with access control.
 *
 * Deny by default: a route is public only when its row says so; every other
 * route needs a signed-in user whose role has the route's capability.  Every
 * POST must carry the right CSRF token (the session's, or before sign-in the
 * cp_csrf cookie's) or it is refused before its handler runs.
 */
#ifndef CP_ROUTER_H
#define CP_ROUTER_H

#include "req.h"

typedef void (*route_handler)(struct req *r);

/* Runs the handler for r's method and path, or answers 303 (sign in first),
 * 403, 404 or 405 itself. */
void router_dispatch(struct req *r);

/* The route table as data, for `careplan routes` and the authorisation
 * matrix test: false once i is past the last row. */
struct route_info {
	const char *method; /* "GET" (also HEAD) or "POST" */
	const char *path;   /* with ":id" where an id goes */
	bool public;
	const char *cap;    /* cap_code() of the capability needed; "" when public */
	const char *kind;   /* whose record ":id" is part of ("person", ...); "" without an id */
};
bool router_route_info(size_t i, struct route_info *out);

/* Handlers, one file per area (h_<area>.c). */
void h_login_form(struct req *r);
void h_login(struct req *r);
void h_logout(struct req *r);
void h_home(struct req *r);
void h_users(struct req *r);
void h_team(struct req *r);
/* People and their contacts (h_people.c); ":id" handlers read r->route_id. */
void h_people(struct req *r);
void h_person_new(struct req *r);
void h_person_create(struct req *r);
void h_person(struct req *r);
void h_person_edit(struct req *r);
void h_person_update(struct req *r);
void h_contact_new(struct req *r);
void h_contact_create(struct req *r);
/* Episodes of care planning and their care teams (h_episodes.c). */
void h_episode_new(struct req *r);
void h_episode_create(struct req *r);
void h_episode(struct req *r);
void h_episode_stage(struct req *r);
void h_episode_level(struct req *r);
void h_careteam_add(struct req *r);
void h_careteam_keyworker(struct req *r);
void h_careteam_end(struct req *r);
void h_asset(struct req *r);
void h_health(struct req *r);

/* The cp_csrf cookie value for the sign-in form, setting a new cookie when
 * the request has none.  In the arena. */
const char *h_login_csrf(struct req *r);

#endif
