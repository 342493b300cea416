/*
 * review.c - the review form, holding a review with its decision in one
 * transaction, maintenance check-ins and the reviews page (review.h).
 */
#include "review.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "episode_service.h"
#include "gas.h"

#define MS_PER_DAY 86400000LL
#define DEFAULT_CHECKIN_DAYS 28

/* ---- shared validation ----------------------------------------------------------- */

/* Adds an error unless the list is full (then the form is still refused:
 * the caller counts its own failures through v->errs->n or `bad`). */
static void add_error(struct form_check *v, const char *field, const char *msg)
{
	if (!msg) {
		v->oom = true;
		return;
	}
	if (v->errs->n < PERSON_ERRORS_MAX)
		form_error(v, field, msg);
}

char *review_text(struct form_check *v, const char *field, const char *label, size_t max, const char *raw,
		  const char *missing)
{
	char *s = form_clean(v, raw);
	if (!s) {
		if (missing)
			add_error(v, field, missing);
		return NULL;
	}
	size_t n = strlen(s);
	if (!utf8_text_valid(s, n)) {
		add_error(v, field, arena_printf(v->a, "%s must be text", label));
		return NULL;
	}
	if (utf8_count(s, n) > max) {
		add_error(v, field, arena_printf(v->a, "%s must be %zu characters or fewer", label, max));
		return NULL;
	}
	return s;
}

struct caldate review_today(int64_t now_ms)
{
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	struct caldate d = {1970, 1, 1};
	if (caldate_from_days((int)days, &d) != CP_OK)
		d = (struct caldate){1970, 1, 1};
	return d;
}

char *review_date(struct form_check *v, const char *field, const char *label, const char *raw, const char *missing,
		  bool past_only)
{
	char *s = form_clean(v, raw);
	if (!s) {
		if (missing)
			add_error(v, field, missing);
		return NULL;
	}
	struct caldate d;
	char msg[CALDATE_MSG_MAX];
	if (caldate_parse(s, label, &d, msg, sizeof msg) != CP_OK) {
		add_error(v, field, arena_strdup(v->a, msg));
		return NULL;
	}
	if (past_only && caldate_cmp(d, review_today(v->now_ms)) > 0) {
		add_error(v, field, arena_printf(v->a, "%s must be today or in the past", label));
		return NULL;
	}
	return s;
}

enum cp_err review_next_date(const char *held, int interval_days, char *out)
{
	out[0] = '\0';
	struct caldate h, n;
	if (!held || interval_days < 1 || interval_days > 730 || caldate_parse(held, NULL, &h, NULL, 0) != CP_OK ||
	    caldate_add_days(h, interval_days, &n) != CP_OK)
		return CP_EINVAL;
	caldate_format(n, out, CALDATE_STR);
	return CP_OK;
}

static enum cp_err vresult(const struct form_check *v, bool bad)
{
	if (v->oom)
		return CP_ENOMEM;
	return bad || v->errs->n ? CP_EINVAL : CP_OK;
}

/* ---- the review form --------------------------------------------------------------- */

static bool yes(const char *s)
{
	return s && (strcmp(s, "yes") == 0 || strcmp(s, "on") == 0);
}

enum cp_err review_validate(struct arena *a, const struct review_input *in, const struct review_context *ctx,
			    int64_t now_ms, struct review_valid *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	bool bad = false;
	struct store_review *r = &out->r;
	r->held_date = review_date(&v, "held_date", "Date of the review", in->held_date,
				   "Enter the date the review was held", true);
	r->person_attended = yes(in->person_attended);
	r->carer_attended = yes(in->carer_attended);
	r->others = review_text(&v, "others", "Others who came", REVIEW_OTHERS_MAX, in->others, NULL);
	r->person_view = review_text(&v, "person_view", "The person's view", REVIEW_TEXT_MAX, in->person_view, NULL);
	r->what_changed = review_text(&v, "what_changed", "What has changed", REVIEW_TEXT_MAX, in->what_changed, NULL);
	out->decision = episode_decision_from_code(in->decision);
	if (out->decision == DECISION__MAX)
		add_error(&v, "decision", "Select what the review decided");
	r->decision = episode_decision_code(out->decision);
	r->level_from = r->level_to = ctx->ep->level;
	out->level_new = CARE_LEVEL__MAX;
	if (out->decision == DECISION_CHANGE_LEVEL) {
		int64_t lv = 0;
		if (!in->level || str_to_i64(in->level, 1, 3, &lv))
			add_error(&v, "level", "Select the new level of care");
		else if (lv == ctx->ep->level)
			add_error(&v, "level", "The new level of care must differ from the current one");
		else {
			out->level_new = episode_level_from_number((int)lv);
			r->level_to = (int)lv;
		}
	}
	out->closure = CLOSURE_NONE;
	if (out->decision == DECISION_CLOSE) {
		out->closure = episode_closure_from_code(in->closure);
		if (out->closure == CLOSURE_NONE || out->closure == CLOSURE__MAX) {
			add_error(&v, "closure", "Select why the episode is closing");
			out->closure = CLOSURE_NONE;
		}
		r->closure = episode_closure_code(out->closure);
		if (r->closure && !*r->closure)
			r->closure = NULL;
	}
	r->reason = review_text(&v, "reason", "Why", EPISODE_REASON_MAX, in->reason,
				"Enter why the review decided this");
	/* Progress on each goal. */
	size_t ng = ctx->n_goals < REVIEW_GOALS_MAX ? ctx->n_goals : REVIEW_GOALS_MAX;
	for (size_t i = 0; i < ng; i++) {
		const struct store_rv_goal *g = &ctx->goals[i];
		struct store_review_goal *p = &out->goals[out->n_goals++];
		p->goal_id = g->id;
		p->title = g->title;
		p->has_gas = g->has_gas;
		p->gas_baseline = g->gas_baseline;
		const char *nf = arena_printf(a, "goal_note_%lld", (long long)g->id);
		const char *gf = arena_printf(a, "goal_gas_%lld", (long long)g->id);
		if (!nf || !gf)
			return CP_ENOMEM;
		p->note = review_text(&v, nf, "A goal's progress note", REVIEW_NOTE_MAX, in->goal_note[i], NULL);
		/* Refused text that did not fit in the full error list still refuses the form. */
		bad |= !p->note && errs->n >= PERSON_ERRORS_MAX;
		const char *gs = form_clean(&v, in->goal_gas[i]);
		if (g->has_gas && gs) {
			int64_t lv = 0;
			if (str_to_i64(gs, GAS_MIN, GAS_MAX, &lv)) {
				add_error(&v, gf,
					  arena_printf(a, "Select the level reached for the goal \"%s\" (from -2 to +2)",
						       g->title));
				bad = true;
			} else {
				p->has_level = true;
				p->gas_level = (int)lv;
			}
		}
	}
	/* Who came from the care team. */
	for (size_t i = 0; i < in->n_members && i < REVIEW_MEMBERS_MAX; i++) {
		int64_t id = 0;
		const struct store_team_member *m = NULL;
		if (in->members[i] && !str_to_i64(in->members[i], 1, INT64_MAX, &id))
			for (size_t k = 0; k < ctx->n_team && !m; k++)
				if (ctx->team[k].id == id)
					m = &ctx->team[k];
		if (!m) {
			add_error(&v, "members", "Select members of the care team from the list");
			bad = true;
			break;
		}
		bool dup = false;
		const char *name = m->user_name ? m->user_name : m->name;
		for (size_t k = 0; k < out->n_att; k++)
			dup |= (m->user_id && out->att[k].user_id == m->user_id) || strcmp(out->att[k].name, name) == 0;
		if (!dup)
			out->att[out->n_att++] = (struct store_review_attendee){.user_id = m->user_id, .name = name};
	}
	/* The next review, for decisions that carry on with the cycle. */
	enum episode_stage to = episode_decision_stage(out->decision);
	if (to == STAGE_ACTIVE) {
		struct caldate next, held;
		const char *ns = form_clean(&v, in->next_review);
		if (ns) {
			char msg[CALDATE_MSG_MAX];
			if (caldate_parse(ns, "Next review date", &next, msg, sizeof msg) != CP_OK)
				add_error(&v, "next_review", arena_strdup(a, msg));
			else if (r->held_date && caldate_parse(r->held_date, NULL, &held, NULL, 0) == CP_OK &&
				 caldate_cmp(next, held) <= 0)
				add_error(&v, "next_review", "Next review date must be after the date of the review");
			else
				r->next_review_date = ns;
		} else if (r->held_date && ctx->plan && ctx->plan->review_interval_days > 0) {
			char *d = arena_alloc(a, CALDATE_STR);
			if (!d)
				return CP_ENOMEM;
			if (review_next_date(r->held_date, ctx->plan->review_interval_days, d) == CP_OK)
				r->next_review_date = d;
		} else if (r->held_date) {
			add_error(&v, "next_review", "Enter the date of the next review");
		}
	}
	if (to == STAGE_DISCHARGED || to == STAGE_MAINTENANCE) {
		enum cp_err e = exit_validate(a, to, &in->exit, now_ms, &out->exit, errs);
		if (e == CP_ENOMEM)
			return e;
		bad |= e == CP_EINVAL;
	}
	return vresult(&v, bad);
}

static void say(char *msg, size_t msgn, const char *text)
{
	if (msg && msgn)
		snprintf(msg, msgn, "%s", text);
}

bool review_refused_at(enum episode_stage st, char *msg, size_t msgn)
{
	if (!episode_stage_open(st)) {
		say(msg, msgn, "This episode has ended, so no review can be recorded. Start a new episode instead.");
		return true;
	}
	if (st != STAGE_REVIEW) {
		if (msg && msgn)
			snprintf(msg, msgn,
				 "A review can be recorded only when the episode is at the review stage; it is at %s. "
				 "Move it to review first.",
				 episode_stage_label(st));
		return true;
	}
	return false;
}

bool checkin_refused_at(enum episode_stage st, char *msg, size_t msgn)
{
	if (st == STAGE_MAINTENANCE)
		return false;
	say(msg, msgn, episode_stage_open(st) ? "Check-ins are recorded only while the episode is in maintenance."
					      : "This episode has ended, so no check-in can be recorded.");
	return true;
}

enum cp_err review_hold(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, int64_t expected_version, const struct review_valid *v,
			int64_t *review_id, char *msg, size_t msgn)
{
	*review_id = 0;
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode cur;
	if ((err = store_episode_get(c, a, episode_id, &cur)))
		goto fail;
	if (review_refused_at(episode_stage_from_code(cur.stage), msg, msgn)) {
		err = CP_EINVAL;
		goto fail;
	}
	if (cur.version != expected_version) {
		say(msg, msgn, "Someone else changed this episode while you were looking at it, so the review has not "
			       "been saved. Check the episode as it is now and try again.");
		err = CP_ECONFLICT;
		goto fail;
	}
	struct episode_review chk = {.decision = v->decision, .level_now = episode_level_from_number(cur.level),
				     .level_new = v->level_new, .closure = v->closure, .reason = v->r.reason};
	if ((err = episode_check_review(&chk, msg, msgn)))
		goto fail;
	struct store_review row = v->r;
	row.episode_id = episode_id;
	row.level_from = cur.level;
	row.level_to = v->decision == DECISION_CHANGE_LEVEL ? episode_level_number(v->level_new) : cur.level;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	enum episode_stage to = episode_decision_stage(v->decision);
	if (to != STAGE_ACTIVE)
		row.next_review_date = NULL;
	if ((err = store_review_insert(c, &row, review_id)))
		goto fail;
	for (size_t i = 0; i < v->n_goals; i++) {
		struct store_review_goal g = v->goals[i];
		g.review_id = *review_id;
		if ((err = store_review_goal_insert(c, &g)))
			goto fail;
	}
	for (size_t i = 0; i < v->n_att; i++) {
		struct store_review_attendee t = v->att[i];
		t.review_id = *review_id;
		if ((err = store_review_attendee_insert(c, &t)))
			goto fail;
	}
	if (v->decision == DECISION_CHANGE_LEVEL &&
	    (err = episode_level_in(c, who, now_ms, &cur, v->level_new, v->r.reason, msg, msgn)))
		goto fail;
	if ((err = episode_move_in(c, who, now_ms, &cur, to, v->closure, v->r.reason, &v->exit, true, msg, msgn)))
		goto fail;
	struct store_rv_plan plan;
	err = store_rv_plan_of(c, a, episode_id, &plan);
	if (err == CP_OK)
		err = store_rv_plan_set_next_review(c, plan.id, row.next_review_date);
	else if (err == CP_ENOTFOUND)
		err = CP_OK;
	if (err)
		goto fail;
	struct audit_event ev = {.action = "review.create", .object_type = "review", .object_id = *review_id,
				 .person_id = cur.person_id, .reason = row.decision};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	if ((err = store_commit(c)))
		*review_id = 0;
	return err;
fail:
	store_rollback(c);
	*review_id = 0;
	return err;
}

/* ---- check-ins ----------------------------------------------------------------------- */

enum cp_err checkin_validate(struct arena *a, const struct checkin_input *in, int interval_days, int64_t now_ms,
			     struct store_checkin *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	out->checkin_date = review_date(&v, "checkin_date", "Date of the check-in", in->date,
					"Enter the date of the check-in", true);
	out->note = review_text(&v, "checkin_note", "What was said", REVIEW_NOTE_MAX, in->note, NULL);
	const char *ns = form_clean(&v, in->next);
	struct caldate d, next;
	if (ns) {
		char msg[CALDATE_MSG_MAX];
		if (caldate_parse(ns, "Next check-in date", &next, msg, sizeof msg) != CP_OK)
			add_error(&v, "checkin_next", arena_strdup(a, msg));
		else if (out->checkin_date && caldate_parse(out->checkin_date, NULL, &d, NULL, 0) == CP_OK &&
			 caldate_cmp(next, d) <= 0)
			add_error(&v, "checkin_next", "Next check-in date must be after the date of the check-in");
		else
			out->next_checkin_date = ns;
	} else if (out->checkin_date && caldate_parse(out->checkin_date, NULL, &d, NULL, 0) == CP_OK &&
		   caldate_add_days(d, interval_days > 0 ? interval_days : DEFAULT_CHECKIN_DAYS, &next) == CP_OK) {
		char buf[CALDATE_STR];
		caldate_format(next, buf, sizeof buf);
		out->next_checkin_date = arena_strdup(a, buf);
	}
	return vresult(&v, false);
}

enum cp_err checkin_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, const struct store_checkin *k, char *msg, size_t msgn)
{
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode e;
	if ((err = store_episode_get(c, a, episode_id, &e)))
		goto fail;
	if (checkin_refused_at(episode_stage_from_code(e.stage), msg, msgn)) {
		err = CP_EINVAL;
		goto fail;
	}
	struct store_maintenance m;
	err = store_maintenance_get(c, a, episode_id, &m);
	if (err == CP_ENOTFOUND) {
		m = (struct store_maintenance){.episode_id = episode_id, .interval_days = DEFAULT_CHECKIN_DAYS};
		err = CP_OK;
	}
	if (err)
		goto fail;
	struct store_checkin row = *k;
	row.episode_id = episode_id;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	int64_t id = 0;
	if ((err = store_checkin_insert(c, &row, &id)))
		goto fail;
	m.next_checkin_date = row.next_checkin_date;
	m.updated_ms = now_ms;
	if ((err = store_maintenance_put(c, &m)))
		goto fail;
	struct audit_event ev = {.action = "checkin.create", .object_type = "checkin", .object_id = id,
				 .person_id = e.person_id};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	return store_commit(c);
fail:
	store_rollback(c);
	return err;
}

/* ---- the reviews page ------------------------------------------------------------------ */

enum cp_err review_page_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, struct review_page *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	if ((err = store_episode_get(c, a, episode_id, &out->ep)) ||
	    (err = store_person_get(c, a, out->ep.person_id, &out->person)))
		goto fail;
	err = store_rv_plan_of(c, a, episode_id, &out->plan);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_plan = err == CP_OK;
	if (out->has_plan && (err = store_rv_goal_list(c, a, out->plan.id, REVIEW_GOALS_MAX, &out->goals, &out->n_goals)))
		goto fail;
	if ((err = store_team_member_list(c, a, episode_id, REVIEW_MEMBERS_MAX, &out->team, &out->n_team)) ||
	    (err = store_review_list(c, a, episode_id, REVIEW_LIST_MAX, &out->reviews, &out->n_reviews)) ||
	    (err = store_review_goal_list(c, a, episode_id, REVIEW_LIST_MAX * REVIEW_GOALS_MAX, &out->progress,
					  &out->n_progress)) ||
	    (err = store_review_attendee_list(c, a, episode_id, REVIEW_LIST_MAX * REVIEW_MEMBERS_MAX, &out->attendees,
					      &out->n_attendees)) ||
	    (err = store_checkin_list(c, a, episode_id, REVIEW_LIST_MAX, &out->checkins, &out->n_checkins)))
		goto fail;
	err = store_maintenance_get(c, a, episode_id, &out->maintenance);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_maintenance = err == CP_OK;
	err = store_exit_get(c, a, episode_id, &out->exit);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_exit = err == CP_OK;
	struct audit_event ev = {.action = "review.read", .object_type = "episode", .object_id = episode_id,
				 .person_id = out->ep.person_id};
	if ((err = store_commit(c)))
		return err;
	return audit_read(c, who, &ev, now_ms);
fail:
	store_rollback(c);
	return err;
}

bool review_gas_tscore(const struct store_review_goal *progress, size_t n, int64_t review_id, double *t,
		       size_t *goals)
{
	int x[REVIEW_GOALS_MAX];
	size_t k = 0;
	for (size_t i = 0; i < n && k < REVIEW_GOALS_MAX; i++)
		if (progress[i].review_id == review_id && progress[i].has_gas && progress[i].has_level)
			x[k++] = progress[i].gas_level;
	*goals = k;
	return k > 0 && gas_tscore(x, k, t) == CP_OK;
}
