/*
 * h_dashboard.c - the evaluation figures (docs/outcomes.md) for a team
 * manager (/dashboard: their own team, exact counts) and for commissioners
 * and the service (/service: every team or one chosen, the suppression rule
 * applied, nothing that names a person), each also as CSV, and the import
 * of activity events from pasted CSV rows.
 *
 * Filters arrive in the query string and are checked before anything is
 * read: a bad value answers 400 with the form and a message naming the
 * field.  Each read of the figures is audited as an aggregate read
 * (outcomes_read).
 */
#include "h_dashboard.h"

#include <stdio.h>
#include <string.h>

#include "../domain/events.h"
#include "../domain/outcomes.h"
#include "../export/outcomes_csv.h"
#include "../view/view_dashboard.h"
#include "resp.h"

#define FILTER_MSG 160
#define REFUSED_SHOWN 100

/* Which of the two views, and what it shows. */
struct dash {
	bool service;
	struct v_dashboard d;
	struct outcomes o;
	struct outcomes_hidden h;
	struct store_team team;
	struct store_team *teams;
	size_t n_teams;
	struct store_stats stats;
	char msg[FILTER_MSG];
};

static const char *error_field(const char *msg)
{
	if (strncmp(msg, "Level", 5) == 0)
		return "level";
	if (strncmp(msg, "Period", 6) == 0)
		return "months";
	return "team";
}

/* Reads the filter and the figures into *x; false when a page (an error)
 * has been sent. */
static bool dash_read(struct req *r, struct dash *x, bool csv)
{
	struct store_conn *c = req_db(r);
	struct outcomes_filter f = {.team_id = x->service ? 0 : r->session->user.team_id};
	x->d.action = x->service ? "/service" : "/dashboard";
	if (!x->service && !f.team_id) {
		resp_error(r, 404, "You are not a member of a team, so there is no team dashboard to show.");
		return false;
	}
	if (x->service && store_outcome_teams(c, r->arena, OUTCOMES_TEAMS_MAX, &x->teams, &x->n_teams) != CP_OK) {
		resp_error(r, 500, "The service figures could not be worked out.");
		return false;
	}
	x->d.teams = x->service ? x->teams : NULL;
	x->d.n_teams = x->n_teams;
	enum cp_err err = outcomes_filter_parse(req_query(r, "level"), req_query(r, "months"), req_query(r, "team"),
						x->service, &f, x->msg, sizeof x->msg);
	if (!err && x->service && f.team_id) {
		bool known = false;
		for (size_t i = 0; i < x->n_teams; i++)
			known |= x->teams[i].id == f.team_id;
		if (!known) {
			snprintf(x->msg, sizeof x->msg, "Team must be one of the teams listed, or every team.");
			err = CP_EINVAL;
		}
	}
	x->d.filter = f;
	if (err) {
		if (csv) {
			resp_error(r, 400, x->msg);
			return false;
		}
		x->d.error = x->msg;
		x->d.error_field = error_field(x->msg);
		if (f.months < 3)
			x->d.filter.months = 12;
		resp_html(r);
		r->status = 400;
		struct view_page p = resp_page(r, x->service ? "Error: Service figures" : "Error: Team dashboard",
					       x->service ? "service" : "team");
		v_dashboard(&r->body, &p, &x->d);
		return false;
	}
	if (f.team_id) {
		if ((err = store_team_get(c, r->arena, f.team_id, &x->team))) {
			resp_error(r, resp_status_for(err), "The team could not be read.");
			return false;
		}
		x->d.team_name = x->team.name;
	}
	struct audit_actor who = req_actor(r);
	err = outcomes_read(c, r->arena, &who, r->now_ms, &f, &x->o);
	if (!err && x->service)
		err = outcomes_suppress(&x->o, r->arena, &x->h);
	if (!err && x->service && !csv)
		err = outcomes_stats(c, r->arena, r->now_ms, &x->stats);
	if (err) {
		resp_error(r, resp_status_for(err), x->service ? "The service figures could not be worked out."
							       : "The team's figures could not be worked out.");
		return false;
	}
	x->d.o = &x->o;
	x->d.hide = x->service ? &x->h : NULL;
	x->d.stats = x->service && !csv ? &x->stats : NULL;
	return true;
}

static void page(struct req *r, bool service)
{
	struct dash *x = arena_zalloc(r->arena, sizeof *x);
	if (!x) {
		resp_error(r, 500, "The figures could not be worked out.");
		return;
	}
	x->service = service;
	if (!dash_read(r, x, false))
		return;
	resp_html(r);
	struct view_page p = resp_page(r, service ? "Service figures" : "Team dashboard", service ? "service" : "team");
	v_dashboard(&r->body, &p, &x->d);
}

static void csv(struct req *r, bool service)
{
	struct dash *x = arena_zalloc(r->arena, sizeof *x);
	if (!x) {
		resp_error(r, 500, "The figures could not be worked out.");
		return;
	}
	x->service = service;
	if (!dash_read(r, x, true))
		return;
	resp_attachment(r, "text/csv; charset=utf-8", service ? "service-figures.csv" : "team-dashboard.csv");
	csv_outcomes(&r->body, &x->o, service ? &x->h : NULL, x->d.team_name);
}

void h_dashboard(struct req *r)
{
	page(r, false);
}

void h_dashboard_csv(struct req *r)
{
	csv(r, false);
}

void h_service(struct req *r)
{
	page(r, true);
}

void h_service_csv(struct req *r)
{
	csv(r, true);
}

/* ---- importing activity events ------------------------------------------ */

struct refusals {
	struct arena *a;
	struct v_events_refusal *v;
	size_t n;
};

static void collect(void *ctx, long line, const char *reason)
{
	struct refusals *k = ctx;
	if (k->n >= REFUSED_SHOWN)
		return;
	k->v[k->n].line = line;
	k->v[k->n].reason = arena_strdup(k->a, reason);
	if (k->v[k->n].reason)
		k->n++;
}

static void import_page(struct req *r, int status, const struct v_events_import *d)
{
	resp_html(r);
	r->status = status;
	struct view_page p = resp_page(r, d->error ? "Error: Import hospital activity" : "Import hospital activity",
				       "home");
	v_events_import(&r->body, &p, d);
}

void h_events_form(struct req *r)
{
	struct v_events_import d = {.csrf = r->session->csrf};
	import_page(r, 200, &d);
}

void h_events_import(struct req *r)
{
	const char *text = req_field(r, "events");
	struct v_events_import d = {.csrf = r->session->csrf, .text = text};
	if (!text || !*text) {
		d.error = "Activity events: paste the rows of a CSV file, one event a line";
		import_page(r, 400, &d);
		return;
	}
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct refusals k = {.a = r->arena, .v = arena_zalloc(r->arena, REFUSED_SHOWN * sizeof *k.v)};
	if (!f || !k.v) {
		if (f)
			fclose(f);
		resp_error(r, 500, "The events could not be imported.");
		return;
	}
	char batch[96];
	snprintf(batch, sizeof batch, "upload by user %lld at %lld", (long long)r->session->user.id,
		 (long long)r->now_ms);
	struct audit_actor who = req_actor(r);
	struct events_report rep;
	enum cp_err err = events_import(req_db(r), &who, r->now_ms, f, batch, collect, &k, &rep);
	fclose(f);
	if (err) {
		resp_error(r, resp_status_for(err), "The events could not be imported: nothing was stored.");
		return;
	}
	d.rep = &rep;
	d.refused = k.v;
	d.n_refused = k.n;
	if (rep.added + rep.already == 0) {
		d.error = "Activity events: no row could be imported; the rows refused are listed with why";
		import_page(r, 400, &d);
		return;
	}
	d.text = NULL;
	import_page(r, 200, &d);
}
