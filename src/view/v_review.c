/*
 * v_review.c - the implementation page (the plan's actions, their status
 * forms, the activity log), the reviews page (past reviews with goal
 * progress and the GAS summary, the review form, maintenance check-ins, the
 * route back) and the worklists.  NHS.UK frontend markup as v_episode.c.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/gas.h"
#include "html.h"
#include "view_my.h"
#include "view_form.h"
#include "view_review.h"

/* Markup chosen between two literals. */
#define HIF(b, cond, yes, no) /* NOLINT(bugprone-macro-parentheses): yes and no are literals */ \
	do {                           \
		if (cond)              \
			H(b, yes);     \
		else                   \
			H(b, no);      \
	} while (0)

/* ---- pieces ------------------------------------------------------------------- */

/* A labelled text input or text area; id is also the field's name unless
 * name is given. */
static void input(struct buf *b, const char *id, const char *name, const char *label, const char *hint,
		  const char *value, const char *error, bool area, const char *width)
{
	v_text_input(b, &(struct v_text_input){.id = id, .name = name, .label = label, .hint = hint,
					       .value = value, .error = error, .rows = area ? 3 : 0, .width = width});
}

struct choice {
	const char *value, *label, *hint;
};

/* Radios (or checkboxes) named name; the first one's id is id_base so that
 * error links land on it, the others id_base-2, -3... */
static void choices(struct buf *b, bool check, const char *id_base, const char *name, const char *legend,
		    const char *hint, const struct choice *c, size_t n, const char *const *checked, size_t n_checked,
		    const char *error)
{
	v_group_begin(b, error);
	H(b, "<fieldset class=\"nhsuk-fieldset\"");
	v_described(b, id_base, hint, error);
	H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(b, legend);
	H(b, "</legend>\n");
	v_hint(b, id_base, hint);
	v_error_message(b, id_base, error);
	HIF(b, check, "<div class=\"nhsuk-checkboxes\">\n", "<div class=\"nhsuk-radios\">\n");
	for (size_t i = 0; i < n; i++) {
		HIF(b, check, "<div class=\"nhsuk-checkboxes__item\">\n<input class=\"nhsuk-checkboxes__input\" id=\"",
	    "<div class=\"nhsuk-radios__item\">\n<input class=\"nhsuk-radios__input\" id=\"");
		html_text(b, id_base);
		if (i)
			html_textf(b, "-%zu", i + 1);
		H(b, "\" name=\"");
		html_text(b, name);
		HIF(b, check, "\" type=\"checkbox\" value=\"", "\" type=\"radio\" value=\"");
		html_text(b, c[i].value);
		bool on = false;
		for (size_t k = 0; k < n_checked; k++)
			on |= checked[k] && strcmp(checked[k], c[i].value) == 0;
		if (c[i].hint) {
			H(b, "\" aria-describedby=\"");
			html_text(b, id_base);
			html_textf(b, "-%zu-item-hint", i + 1);
		}
		HIF(b, on, "\" checked>\n", "\">\n");
		HIF(b, check, "<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"",
	    "<label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
		html_text(b, id_base);
		if (i)
			html_textf(b, "-%zu", i + 1);
		H(b, "\">");
		html_text(b, c[i].label);
		H(b, "</label>\n");
		if (c[i].hint) {
			HIF(b, check, "<div class=\"nhsuk-hint nhsuk-checkboxes__hint\" id=\"",
	    "<div class=\"nhsuk-hint nhsuk-radios__hint\" id=\"");
			html_text(b, id_base);
			html_textf(b, "-%zu-item-hint", i + 1);
			H(b, "\">");
			html_text(b, c[i].hint);
			H(b, "</div>\n");
		}
		H(b, "</div>\n");
	}
	H(b, "</div>\n</fieldset>\n</div>\n");
}

static const char *day(char out[32], const char *iso)
{
	return iso ? v_date_long(out, iso) : NULL;
}

/* The UTC date of ms as "22 November 2026". */
static void html_time_date(struct buf *b, int64_t ms)
{
	char iso[CALDATE_STR], out[32];
	caldate_format(worklist_today(ms), iso, sizeof iso);
	html_text(b, v_date_long(out, iso));
}

static const char *errf(const struct person_errors *errs, const char *field)
{
	return errs ? person_error_for(errs, field) : NULL;
}

/* The caption and back link every episode part page starts with. */
static void episode_head(struct buf *b, const struct store_person *person, int64_t episode_id, const char *h1)
{
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, episode_id);
	H(b, "\">Back to the episode</a></p>\n<span class=\"nhsuk-caption-l\">");
	html_text(b, person->given_name);
	H(b, " ");
	html_text(b, person->family_name);
	char nhs[16];
	H(b, ", NHS number ");
	html_text(b, person_nhs_spaced(nhs, person->nhs_number));
	H(b, "</span>\n<h1>");
	html_text(b, h1);
	H(b, "</h1>\n");
}

static void inset(struct buf *b, const char *text)
{
	H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span><p>");
	html_text(b, text);
	H(b, "</p></div>\n");
}

static const char *stage_label(const char *code)
{
	return code ? episode_stage_label(episode_stage_from_code(code)) : "";
}

/* ---- implementation --------------------------------------------------------------- */

static const char *who_of(const struct store_rv_action *x)
{
	if (strcmp(x->who_kind, "person") == 0)
		return "The person";
	if (strcmp(x->who_kind, "carer") == 0)
		return x->who_name ? x->who_name : "Their carer";
	if (x->who_user_name)
		return x->who_user_name;
	return x->who_name ? x->who_name : "Not recorded";
}

static void action_card(struct buf *b, const struct v_activity *d, const struct store_rv_action *x, bool open)
{
	const struct activity_page *pg = d->page;
	char dd[32];
	H(b, "<div class=\"nhsuk-card\" id=\"action-");
	html_i64(b, x->id);
	H(b, "\">\n<div class=\"nhsuk-card__content\">\n<h3 class=\"nhsuk-card__heading\">");
	html_text(b, x->what);
	H(b, "</h3>\n<dl class=\"nhsuk-summary-list\">\n");
	v_summary_row(b, "Who", who_of(x));
	v_summary_row(b, "When", x->due_date ? day(dd, x->due_date) : x->rrule);
	v_summary_row(b, "Status", episode_action_status_label(episode_action_status_from_code(x->status)));
	char conf[32] = "";
	if (x->confidence >= 0)
		snprintf(conf, sizeof conf, "%d out of 10", x->confidence);
	v_summary_row(b, "Their confidence", conf);
	v_summary_row(b, "Goal", x->goal_title ? x->goal_title : "Not linked to a goal");
	char act[96];
	if (x->activity_count)
		snprintf(act, sizeof act, "%lld recorded, the last on %s", (long long)x->activity_count,
			 day(dd, x->last_activity_date));
	else
		snprintf(act, sizeof act, "None yet");
	v_summary_row(b, "Activity", act);
	H(b, "</dl>\n");
	/* The activity that carried it out, newest first. */
	bool any = false;
	for (size_t i = 0; i < pg->n_log; i++) {
		const struct store_activity *v = &pg->log[i];
		if (v->action_id != x->id)
			continue;
		if (!any)
			H(b, "<h4>Activity that carried it out</h4>\n<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
		any = true;
		H(b, "<li>");
		html_text(b, day(dd, v->activity_date));
		H(b, ": ");
		html_text(b, activity_kind_label(activity_kind_from_code(v->kind)));
		H(b, " by ");
		html_text(b, v->who);
		H(b, "</li>\n");
	}
	if (any)
		H(b, "</ul>\n");
	if (activity_action_idle(pg, x))
		H(b, "<p><strong class=\"nhsuk-tag nhsuk-tag--orange\">Agreed, no activity yet</strong></p>\n");
	if (open) {
		bool mine = d->error_action == x->id;
		const struct person_errors *errs = mine ? d->status_errs : NULL;
		char sid[48], cid[48];
		snprintf(sid, sizeof sid, "action_status-%lld", (long long)x->id);
		snprintf(cid, sizeof cid, "confidence-%lld", (long long)x->id);
		H(b, "<form action=\"/plan-actions/");
		html_i64(b, x->id);
		H(b, "/status\" method=\"post\" novalidate>\n");
		v_hidden(b, "csrf", d->csrf);
		const char *serr = errf(errs, "action_status");
		v_group_begin(b, serr);
		H(b, "<label class=\"nhsuk-label\" for=\"");
		html_text(b, sid);
		H(b, "\">Status</label>\n");
		v_error_message(b, sid, serr);
		H(b, "<select class=\"nhsuk-select\" id=\"");
		html_text(b, sid);
		H(b, "\" name=\"action_status\"");
		v_described(b, sid, NULL, serr);
		H(b, ">\n");
		const char *cur = mine && d->status_in && d->status_in->status ? d->status_in->status : x->status;
		for (int s = 0; s < ACTION_STATUS__MAX; s++) {
			const char *code = episode_action_status_code((enum episode_action_status)s);
			H(b, "<option value=\"");
			html_text(b, code);
			HIF(b, strcmp(code, cur) == 0, "\" selected>", "\">");
			html_text(b, episode_action_status_label((enum episode_action_status)s));
			H(b, "</option>\n");
		}
		H(b, "</select>\n</div>\n");
		char cv[16] = "";
		if (x->confidence >= 0)
			snprintf(cv, sizeof cv, "%d", x->confidence);
		input(b, cid, "confidence", "How confident they feel about it, from 0 (not at all) to 10 (completely)",
		      NULL, mine && d->status_in ? d->status_in->confidence : cv, errf(errs, "confidence"), false,
		      "nhsuk-input--width-2");
		H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" "
		     "data-module=\"nhsuk-button\">Update<span class=\"nhsuk-u-visually-hidden\"> ");
		html_text(b, x->what);
		H(b, "</span></button>\n</form>\n");
	}
	H(b, "</div>\n</div>\n");
}

static void action_history(struct buf *b, const struct activity_page *pg)
{
	if (!pg->n_events)
		return;
	H(b, "<h2 id=\"history\">Changes to the actions</h2>\n<table class=\"nhsuk-table\">\n"
	     "<caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">Every change of an action's status or "
	     "confidence, newest first</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "When");
	v_th(b, "Action");
	v_th(b, "Who");
	v_th(b, "Status");
	v_th(b, "Confidence");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < pg->n_events; i++) {
		const struct store_action_event *e = &pg->events[i];
		const char *what = "";
		for (size_t k = 0; k < pg->n_actions; k++)
			if (pg->actions[k].id == e->action_id)
				what = pg->actions[k].what;
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_time(b, e->time_ms);
		H(b, "</td>");
		v_td(b, what);
		v_td(b, e->user_name);
		H(b, "<td class=\"nhsuk-table__cell\">");
		if (e->from_status) {
			html_text(b, episode_action_status_label(episode_action_status_from_code(e->from_status)));
			H(b, " to ");
		}
		html_text(b, episode_action_status_label(episode_action_status_from_code(e->to_status)));
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (e->from_confidence >= 0)
			html_textf(b, "%d", e->from_confidence);
		else
			H(b, "none");
		H(b, " to ");
		if (e->to_confidence >= 0)
			html_textf(b, "%d", e->to_confidence);
		else
			H(b, "none");
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody>\n</table>\n");
}

static void activity_log(struct buf *b, const struct activity_page *pg)
{
	H(b, "<h2 id=\"log\">Activity log</h2>\n");
	if (!pg->n_log) {
		H(b, "<p>No activity recorded yet.</p>\n");
		return;
	}
	H(b, "<table class=\"nhsuk-table\">\n<caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
	     "Contacts and services delivered, newest first</caption>\n<thead class=\"nhsuk-table__head\">"
	     "<tr class=\"nhsuk-table__row\">");
	v_th(b, "Date");
	v_th(b, "Kind");
	v_th(b, "Who");
	v_th(b, "Minutes");
	v_th(b, "Carries out");
	v_th(b, "Note");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < pg->n_log; i++) {
		const struct store_activity *v = &pg->log[i];
		char dd[32], mins[16] = "";
		if (v->minutes)
			snprintf(mins, sizeof mins, "%d", v->minutes);
		H(b, "<tr class=\"nhsuk-table__row\">");
		v_td(b, day(dd, v->activity_date));
		v_td(b, activity_kind_label(activity_kind_from_code(v->kind)));
		v_td(b, v->who);
		v_td(b, mins);
		if (v->action_id) {
			v_td(b, v->action_what);
		} else {
			H(b, "<td class=\"nhsuk-table__cell\"><strong class=\"nhsuk-tag nhsuk-tag--grey\">Not in the "
			     "plan</strong></td>");
		}
		v_td(b, v->note);
		H(b, "</tr>\n");
	}
	H(b, "</tbody>\n</table>\n");
}

static void activity_form(struct buf *b, const struct v_activity *d)
{
	const struct activity_page *pg = d->page;
	const struct activity_input *in = d->log_in;
	const struct person_errors *errs = d->log_errs;
	H(b, "<h2 id=\"record\">Record activity</h2>\n<form action=\"/episodes/");
	html_i64(b, pg->ep.id);
	H(b, "/activity\" method=\"post\" novalidate>\n");
	v_hidden(b, "csrf", d->csrf);
	input(b, "activity_date", NULL, "Date", "For example, 2026-03-27", in && in->date ? in->date : d->today,
	      errf(errs, "activity_date"), false, "nhsuk-input--width-10");
	struct choice k[ACTIVITY_KIND__MAX];
	for (int i = 0; i < ACTIVITY_KIND__MAX; i++)
		k[i] = (struct choice){activity_kind_code((enum activity_kind)i),
				       activity_kind_label((enum activity_kind)i), NULL};
	const char *kc = in ? in->kind : NULL;
	choices(b, false, "activity_kind", "activity_kind", "Kind of activity", NULL, k, ACTIVITY_KIND__MAX, &kc, 1,
		errf(errs, "activity_kind"));
	input(b, "activity_who", NULL, "Who carried it out", NULL, in ? in->who : NULL, errf(errs, "activity_who"),
	      false, NULL);
	input(b, "activity_minutes", NULL, "Minutes (optional)", NULL, in ? in->minutes : NULL,
	      errf(errs, "activity_minutes"), false, "nhsuk-input--width-4");
	const char *aerr = errf(errs, "activity_action");
	v_group_begin(b, aerr);
	H(b, "<label class=\"nhsuk-label\" for=\"activity_action\">The action of the plan it carries out</label>\n");
	v_error_message(b, "activity_action", aerr);
	H(b, "<select class=\"nhsuk-select\" id=\"activity_action\" name=\"activity_action\"");
	v_described(b, "activity_action", NULL, aerr);
	H(b, ">\n<option value=\"\">Choose</option>\n");
	const char *chosen = in ? in->action : NULL;
	for (size_t i = 0; i < pg->n_actions; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)pg->actions[i].id);
		H(b, "<option value=\"");
		html_text(b, id);
		HIF(b, chosen && strcmp(chosen, id) == 0, "\" selected>", "\">");
		html_text(b, pg->actions[i].what);
		H(b, "</option>\n");
	}
	H(b, "<option value=\"" ACTIVITY_NONE "\"");
	HIF(b, chosen && strcmp(chosen, ACTIVITY_NONE) == 0, " selected>", ">");
	H(b, "Not in the plan</option>\n</select>\n</div>\n");
	input(b, "activity_note", NULL, "Note (optional)", NULL, in ? in->note : NULL, errf(errs, "activity_note"), true,
	      NULL);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Record activity</button>\n"
	     "</form>\n");
}

void v_activity(struct buf *b, const struct view_page *p, const struct v_activity *d)
{
	const struct activity_page *pg = d->page;
	v_page_begin(b, p);
	const struct person_errors *errs = d->error_action ? d->status_errs : d->log_errs;
	v_error_summary_full(b, NULL, d->error, errs);
	episode_head(b, &pg->person, pg->ep.id, "Implementation: actions and activity");
	bool open = episode_stage_open(episode_stage_from_code(pg->ep.stage));
	if (!open)
		inset(b, "This episode has ended: its actions and activity can be read but not changed.");
	if (!pg->has_plan) {
		inset(b, "This episode has no care and support plan yet. Its actions show here once the plan has them.");
	} else if (strcmp(pg->plan.status, "agreed") != 0) {
		inset(b, "The plan has not been agreed yet.");
	}
	size_t unlinked = 0, idle = 0;
	activity_followups(pg, &unlinked, &idle);
	H(b, "<h2 id=\"follow\">Do services follow the plan?</h2>\n<ul class=\"nhsuk-list nhsuk-list--bullet\">\n<li>");
	html_textf(b, "%zu agreed %s with no activity yet", idle, idle == 1 ? "action" : "actions");
	H(b, "</li>\n<li>");
	html_textf(b, "%zu %s of activity not linked to the plan", unlinked, unlinked == 1 ? "entry" : "entries");
	H(b, "</li>\n</ul>\n<h2 id=\"actions\">Actions</h2>\n");
	if (!pg->n_actions)
		H(b, "<p>No actions yet.</p>\n");
	for (size_t i = 0; i < pg->n_actions; i++)
		action_card(b, d, &pg->actions[i], open);
	action_history(b, pg);
	activity_log(b, pg);
	if (open)
		activity_form(b, d);
	v_page_end(b, p);
}

/* ---- reviews ----------------------------------------------------------------------- */

static void gas_summary(struct buf *b, const struct review_page *pg, int64_t review_id)
{
	double t = 0;
	size_t n = 0;
	if (!review_gas_tscore(pg->progress, pg->n_progress, review_id, &t, &n))
		return;
	H(b, "<p class=\"cp-gas\"><strong>");
	html_textf(b, "GAS T-score: %.1f", t);
	H(b, "</strong> ");
	html_textf(b, "across %zu %s scored (50 means the goals were met as expected overall).", n,
		   n == 1 ? "goal" : "goals");
	H(b, "</p>\n");
}

static void past_review(struct buf *b, const struct review_page *pg, const struct store_review *r)
{
	char dd[32];
	H(b, "<h3>Review on ");
	html_text(b, day(dd, r->held_date));
	H(b, "</h3>\n<dl class=\"nhsuk-summary-list\">\n");
	struct buf who;
	buf_init(&who, 4096);
	bool any = false;
	if (r->person_attended) {
		buf_add(&who, "The person", 10);
		any = true;
	}
	if (r->carer_attended) {
		if (any)
			buf_add(&who, ", ", 2);
		buf_add(&who, "their carer", 11);
		any = true;
	}
	for (size_t i = 0; i < pg->n_attendees; i++) {
		if (pg->attendees[i].review_id != r->id)
			continue;
		if (any)
			buf_add(&who, ", ", 2);
		buf_add(&who, pg->attendees[i].name, strlen(pg->attendees[i].name));
		any = true;
	}
	if (r->others) {
		if (any)
			buf_add(&who, ", ", 2);
		buf_add(&who, r->others, strlen(r->others));
	}
	v_summary_row(b, "Who came", who.data && !who.err ? who.data : NULL);
	buf_free(&who);
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">The person's view"
	     "</dt><dd class=\"nhsuk-summary-list__value\">");
	if (r->person_view) {
		H(b, "<blockquote class=\"cp-own-words\"><p>");
		html_text(b, r->person_view);
		H(b, "</p></blockquote><p class=\"nhsuk-body-s\">In their own words</p>");
	} else {
		H(b, "Not recorded");
	}
	H(b, "</dd></div>\n");
	v_summary_row(b, "What has changed", r->what_changed);
	v_summary_row(b, "Decision", episode_decision_label(episode_decision_from_code(r->decision)));
	if (r->level_to != r->level_from) {
		char lv[96];
		snprintf(lv, sizeof lv, "From %s to %s", episode_level_label(episode_level_from_number(r->level_from)),
			 episode_level_label(episode_level_from_number(r->level_to)));
		v_summary_row(b, "Level of care", lv);
	}
	if (r->closure)
		v_summary_row(b, "Closure reason", episode_closure_label(episode_closure_from_code(r->closure)));
	v_summary_row(b, "Why", r->reason);
	v_summary_row(b, "Next review", r->next_review_date ? day(dd, r->next_review_date) : "None: the cycle ended here");
	v_summary_row(b, "Recorded by", r->user_name);
	H(b, "</dl>\n");
	bool any_goal = false;
	for (size_t i = 0; i < pg->n_progress; i++)
		any_goal |= pg->progress[i].review_id == r->id;
	if (!any_goal)
		return;
	H(b, "<table class=\"nhsuk-table\">\n<caption class=\"nhsuk-table__caption\">Progress on each goal</caption>\n"
	     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "Goal");
	v_th(b, "Progress");
	v_th(b, "GAS level reached");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < pg->n_progress; i++) {
		const struct store_review_goal *g = &pg->progress[i];
		if (g->review_id != r->id)
			continue;
		H(b, "<tr class=\"nhsuk-table__row\">");
		v_td(b, g->title);
		v_td(b, g->note);
		H(b, "<td class=\"nhsuk-table__cell\">");
		if (g->has_gas && g->has_level) {
			html_textf(b, "%+d: %s (started at %+d)", g->gas_level, gas_level_label(g->gas_level),
				   g->gas_baseline);
		} else if (g->has_gas) {
			H(b, "Not scored");
		} else {
			H(b, "Not a GAS goal");
		}
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody>\n</table>\n");
	gas_summary(b, pg, r->id);
}

static void exit_fields(struct buf *b, const struct exit_input *in, const struct person_errors *errs,
			const char *legend_route, const char *legend_checkin)
{
	H(b, "<fieldset class=\"nhsuk-fieldset\">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(b, legend_route);
	H(b, "</legend>\n");
	input(b, "sos_who", NULL, "Who to call", NULL, in ? in->sos_who : NULL, errf(errs, "sos_who"), false, NULL);
	input(b, "sos_phone", NULL, "Their phone number", NULL, in ? in->sos_phone : NULL, errf(errs, "sos_phone"),
	      false, "nhsuk-input--width-20");
	input(b, "sos_how", NULL, "How and when to get back in touch", NULL, in ? in->sos_how : NULL,
	      errf(errs, "sos_how"), true, NULL);
	H(b, "</fieldset>\n<fieldset class=\"nhsuk-fieldset\">\n"
	     "<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(b, legend_checkin);
	H(b, "</legend>\n");
	input(b, "checkin_days", NULL, "Days between check-ins", "For example, 28 for about once a month",
	      in ? in->checkin_days : NULL, errf(errs, "checkin_days"), false, "nhsuk-input--width-4");
	input(b, "next_checkin", NULL, "Next check-in date", "Leave empty to count from today",
	      in ? in->next_checkin : NULL, errf(errs, "next_checkin"), false, "nhsuk-input--width-10");
	H(b, "</fieldset>\n");
}

static void review_form(struct buf *b, const struct v_reviews *d)
{
	const struct review_page *pg = d->page;
	const struct review_input *in = d->in;
	const struct person_errors *errs = d->errs;
	H(b, "<h2 id=\"hold\">Record this review</h2>\n<form action=\"/episodes/");
	html_i64(b, pg->ep.id);
	H(b, "/reviews\" method=\"post\" novalidate>\n");
	v_hidden(b, "csrf", d->csrf);
	v_hidden_i64(b, "version", pg->ep.version);
	input(b, "held_date", NULL, "Date of the review", "For example, 2026-03-27",
	      in && in->held_date ? in->held_date : d->today, errf(errs, "held_date"), false, "nhsuk-input--width-10");
	/* Who came. */
	struct choice att[2 + REVIEW_MEMBERS_MAX];
	char ids[REVIEW_MEMBERS_MAX][24];
	size_t na = 0;
	for (size_t i = 0; i < pg->n_team && na < REVIEW_MEMBERS_MAX; i++) {
		const struct store_team_member *m = &pg->team[i];
		if (m->to_date)
			continue;
		snprintf(ids[na], sizeof ids[na], "%lld", (long long)m->id);
		att[na] = (struct choice){ids[na], m->user_name ? m->user_name : m->name, m->role};
		na++;
	}
	struct choice pc[2] = {{"yes", "The person came", NULL}, {"yes", "Their carer came", NULL}};
	const char *pchk = in && in->person_attended ? "yes" : NULL;
	const char *cchk = in && in->carer_attended ? "yes" : NULL;
	H(b, "<h3>Who came</h3>\n");
	choices(b, true, "person_attended", "person_attended", "The person", NULL, &pc[0], 1, &pchk, 1, NULL);
	choices(b, true, "carer_attended", "carer_attended", "Their carer", NULL, &pc[1], 1, &cchk, 1, NULL);
	if (na)
		choices(b, true, "members", "members", "Members of the care team who came", NULL, att, na,
			in ? in->members : NULL, in ? in->n_members : 0, errf(errs, "members"));
	input(b, "others", NULL, "Anyone else who came", "Names and who they are", in ? in->others : NULL,
	      errf(errs, "others"), false, NULL);
	input(b, "person_view", NULL, "The person's view, in their own words",
	      "Write down what they said, as they said it", in ? in->person_view : NULL, errf(errs, "person_view"),
	      true, NULL);
	/* Progress on each goal. */
	if (pg->n_goals)
		H(b, "<h3>Progress on each goal</h3>\n");
	for (size_t i = 0; i < pg->n_goals && i < REVIEW_GOALS_MAX; i++) {
		const struct store_rv_goal *g = &pg->goals[i];
		char nid[40], gid[40];
		snprintf(nid, sizeof nid, "goal_note_%lld", (long long)g->id);
		snprintf(gid, sizeof gid, "goal_gas_%lld", (long long)g->id);
		H(b, "<div class=\"nhsuk-card\"><div class=\"nhsuk-card__content\">\n<h4 class=\"nhsuk-card__heading\">");
		html_text(b, g->title);
		H(b, "</h4>\n");
		char label[64];
		snprintf(label, sizeof label, "Progress on goal %zu", i + 1);
		input(b, nid, NULL, label, NULL, in ? in->goal_note[i] : NULL, errf(errs, nid), true, NULL);
		if (g->has_gas) {
			struct choice lv[5];
			char vals[5][4];
			for (int k = 0; k < 5; k++) {
				snprintf(vals[k], sizeof vals[k], "%d", k - 2);
				lv[k] = (struct choice){vals[k], gas_level_label(k - 2), g->gas[k] ? g->gas[k] : NULL};
			}
			char hint[64];
			snprintf(hint, sizeof hint, "At the start it was at %+d: %s", g->gas_baseline,
				 gas_level_label(g->gas_baseline));
			const char *chk = in ? in->goal_gas[i] : NULL;
			char legend[64];
			snprintf(legend, sizeof legend, "Level reached on goal %zu (goal attainment scaling)", i + 1);
			choices(b, false, gid, gid, legend, hint, lv, 5, &chk, 1, errf(errs, gid));
		}
		H(b, "</div></div>\n");
	}
	input(b, "what_changed", NULL, "What has changed since the plan was agreed", NULL, in ? in->what_changed : NULL,
	      errf(errs, "what_changed"), true, NULL);
	/* The decision. */
	struct choice dc[DECISION__MAX];
	for (int k = 0; k < DECISION__MAX; k++)
		dc[k] = (struct choice){episode_decision_code((enum episode_decision)k),
					episode_decision_label((enum episode_decision)k), NULL};
	const char *dchk = in ? in->decision : NULL;
	choices(b, false, "decision", "decision", "What the review decided", NULL, dc, DECISION__MAX, &dchk, 1,
		errf(errs, "decision"));
	struct choice lc[CARE_LEVEL__MAX];
	char nums[CARE_LEVEL__MAX][4];
	size_t nl = 0;
	for (int l = 0; l < CARE_LEVEL__MAX; l++) {
		int num = episode_level_number((enum episode_level)l);
		if (num == pg->ep.level)
			continue;
		snprintf(nums[nl], sizeof nums[nl], "%d", num);
		lc[nl] = (struct choice){nums[nl], episode_level_label((enum episode_level)l), NULL};
		nl++;
	}
	const char *lchk = in ? in->level : NULL;
	choices(b, false, "level", "level", "New level of care (only when changing the level)", NULL, lc, nl, &lchk, 1,
		errf(errs, "level"));
	const char *cerr = errf(errs, "closure");
	v_group_begin(b, cerr);
	H(b, "<label class=\"nhsuk-label\" for=\"closure\">Closure reason (only when closing)</label>\n");
	v_error_message(b, "closure", cerr);
	H(b, "<select class=\"nhsuk-select\" id=\"closure\" name=\"closure\"");
	v_described(b, "closure", NULL, cerr);
	H(b, ">\n<option value=\"\">Not closing</option>\n");
	for (int k = 1; k < CLOSURE__MAX; k++) {
		const char *code = episode_closure_code((enum episode_closure)k);
		H(b, "<option value=\"");
		html_text(b, code);
		HIF(b, in && in->closure && strcmp(in->closure, code) == 0, "\" selected>", "\">");
		html_text(b, episode_closure_label((enum episode_closure)k));
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
	input(b, "reason", NULL, "Why", "This is kept in the episode's history", in ? in->reason : NULL,
	      errf(errs, "reason"), true, NULL);
	char hint[160];
	if (d->default_next_review && *d->default_next_review)
		snprintf(hint, sizeof hint,
			 "When continuing, changing the plan or the level. Leave empty for %s (the plan's review "
			 "interval from the review date)",
			 d->default_next_review);
	else
		snprintf(hint, sizeof hint, "When continuing, changing the plan or the level, for example 2026-06-27");
	input(b, "next_review", NULL, "Next review date", hint, in ? in->next_review : NULL, errf(errs, "next_review"),
	      false, "nhsuk-input--width-10");
	exit_fields(b, in ? &in->exit : NULL, errs, "The route back (only when discharging to self-care)",
		    "Check-ins (only when moving to maintenance)");
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Record the review</button>\n"
	     "</form>\n");
}

static void maintenance(struct buf *b, const struct v_reviews *d)
{
	const struct review_page *pg = d->page;
	bool at = strcmp(pg->ep.stage, "maintenance") == 0;
	if (!at && !pg->has_maintenance && !pg->n_checkins)
		return;
	char dd[32];
	H(b, "<h2 id=\"checkins\">Maintenance check-ins</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	if (pg->has_maintenance) {
		char every[32];
		snprintf(every, sizeof every, "Every %d days", pg->maintenance.interval_days);
		v_summary_row(b, "How often", every);
		v_summary_row(b, "Next check-in", day(dd, pg->maintenance.next_checkin_date));
	} else {
		v_summary_row(b, "Next check-in", NULL);
	}
	H(b, "</dl>\n");
	if (pg->n_checkins) {
		H(b, "<table class=\"nhsuk-table\">\n<caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Check-ins, newest first</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
		v_th(b, "Date");
		v_th(b, "What was said");
		v_th(b, "Next check-in");
		v_th(b, "By");
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < pg->n_checkins; i++) {
			const struct store_checkin *k = &pg->checkins[i];
			char d2[32];
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, day(dd, k->checkin_date));
			v_td(b, k->note);
			v_td(b, day(d2, k->next_checkin_date));
			v_td(b, k->user_name);
			H(b, "</tr>\n");
		}
		H(b, "</tbody>\n</table>\n");
	}
	if (!at)
		return;
	const struct checkin_input *in = d->checkin_in;
	const struct person_errors *errs = d->checkin_errs;
	H(b, "<h3>Record a check-in</h3>\n<form action=\"/episodes/");
	html_i64(b, pg->ep.id);
	H(b, "/checkins\" method=\"post\" novalidate>\n");
	v_hidden(b, "csrf", d->csrf);
	input(b, "checkin_date", NULL, "Date of the check-in", NULL, in && in->date ? in->date : d->today,
	      errf(errs, "checkin_date"), false, "nhsuk-input--width-10");
	input(b, "checkin_note", NULL, "What was said (optional)", NULL, in ? in->note : NULL, errf(errs, "checkin_note"),
	      true, NULL);
	input(b, "checkin_next", NULL, "Next check-in date", "Leave empty to add the usual interval",
	      in ? in->next : NULL, errf(errs, "checkin_next"), false, "nhsuk-input--width-10");
	H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" data-module=\"nhsuk-button\">"
	     "Record check-in</button>\n</form>\n");
}

void v_reviews(struct buf *b, const struct view_page *p, const struct v_reviews *d)
{
	const struct review_page *pg = d->page;
	v_page_begin(b, p);
	const struct person_errors *errs = d->errs && d->errs->n ? d->errs : d->checkin_errs;
	v_error_summary_full(b, NULL, d->error, errs);
	episode_head(b, &pg->person, pg->ep.id, "Reviews");
	enum episode_stage st = episode_stage_from_code(pg->ep.stage);
	char dd[32];
	H(b, "<dl class=\"nhsuk-summary-list\">\n");
	v_summary_row(b, "Stage", stage_label(pg->ep.stage));
	v_summary_row(b, "Level of care", episode_level_label(episode_level_from_number(pg->ep.level)));
	if (pg->has_plan) {
		v_summary_row(b, "Plan", strcmp(pg->plan.status, "agreed") == 0 ? "Agreed" : "Draft, not yet agreed");
		v_summary_row(b, "Next review", day(dd, pg->plan.next_review_date));
	} else {
		v_summary_row(b, "Plan", "No plan yet");
	}
	H(b, "</dl>\n");
	if (pg->has_plan && pg->plan.next_review_date) {
		H(b, "<p><a href=\"/episodes/");
		html_i64(b, pg->ep.id);
		H(b, "/review-letter\">Letter before the review: its time and place, readings, and the letter to print"
		     "</a></p>\n");
	}
	if (pg->has_exit) {
		H(b, "<div class=\"nhsuk-card nhsuk-card--feature\" id=\"route-back\"><div class=\"nhsuk-card__content "
		     "nhsuk-card__content--feature\">\n<h2 class=\"nhsuk-card__heading nhsuk-card__heading--feature\">"
		     "The route back</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		v_summary_row(b, "Who to call", pg->exit.sos_who);
		v_summary_row(b, "Their number", pg->exit.sos_phone);
		v_summary_row(b, "How", pg->exit.sos_how);
		H(b, "</dl>\n</div></div>\n");
	}
	if (d->story || d->n_questions)
		v_review_written(b, d->story, d->story != NULL, d->questions, d->n_questions);
	if (st == STAGE_REVIEW) {
		review_form(b, d);
	} else if (episode_stage_open(st)) {
		H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span><p>"
		     "A review is recorded when the episode is at the review stage; it is at ");
		html_text(b, stage_label(pg->ep.stage));
		H(b, ".");
		if (episode_transition_allowed(st, STAGE_REVIEW)) {
			H(b, " <a href=\"/episodes/");
			html_i64(b, pg->ep.id);
			H(b, "#move\">Move it to review</a> first.");
		}
		H(b, "</p></div>\n");
	} else {
		inset(b, "This episode has ended: its reviews can be read but no new one recorded.");
	}
	maintenance(b, d);
	H(b, "<h2 id=\"past\">Past reviews</h2>\n");
	if (!pg->n_reviews)
		H(b, "<p>No reviews recorded yet.</p>\n");
	for (size_t i = 0; i < pg->n_reviews; i++)
		past_review(b, pg, &pg->reviews[i]);
	v_page_end(b, p);
}

/* ---- worklists ------------------------------------------------------------------------ */

static void days_text(struct buf *b, enum worklist_section s, const struct worklist_item *it)
{
	if (s == WL_NOT_AGREED || s == WL_NO_KEY) {
		html_textf(b, "Open for %d %s", -it->days, it->days == -1 ? "day" : "days");
		return;
	}
	if (!it->date) {
		H(b, "No date set");
		return;
	}
	if (it->days == 0)
		H(b, "Today");
	else if (it->days > 0)
		html_textf(b, "In %d %s", it->days, it->days == 1 ? "day" : "days");
	else
		html_textf(b, "%d %s overdue", -it->days, it->days == -1 ? "day" : "days");
}

/* base?sort=S[&section=CODE] (section < 0: the whole worklist). */
static void section_href(struct buf *b, const char *base, enum worklist_sort sort, int section)
{
	html_text(b, base);
	H(b, "?sort=");
	html_text(b, worklist_sort_code(sort));
	if (section >= 0) {
		H(b, "&amp;section=");
		html_text(b, worklist_section_code((enum worklist_section)section));
	}
}

void v_worklist(struct buf *b, const struct view_page *p, const struct v_worklist *d)
{
	v_page_begin(b, p);
	H(b, "<h1>");
	HIF(b, d->team, "Team worklist", "My worklist");
	H(b, "</h1>\n<p>");
	if (d->team) {
		H(b, "Every open episode of the people your team is responsible for");
		if (d->team_name) {
			H(b, " (");
			html_text(b, d->team_name);
			H(b, ")");
		}
		H(b, ". <a href=\"/worklist\">Go to my worklist</a></p>\n");
	} else {
		H(b, "The open episodes where you are the key worker. <a href=\"/worklist/team\">Go to the team "
		     "worklist</a></p>\n");
	}
	if (d->no_team)
		inset(b, "You do not belong to a team, so there is no team worklist to show.");
	const char *base = d->team ? "/worklist/team" : "/worklist";
	/* Every row of the sections shown, not only the first WORKLIST_SHOW. */
	H(b, "<p><a href=\"");
	html_text(b, d->team ? "/worklist/team.csv" : "/worklist.csv");
	H(b, "?sort=");
	html_text(b, worklist_sort_code(d->sort));
	if (d->only >= 0) {
		H(b, "&amp;section=");
		html_text(b, worklist_section_code((enum worklist_section)d->only));
	}
	H(b, "\" download>Download this worklist as a spreadsheet (CSV file)</a>");
	if (!d->team)
		H(b, " | <a href=\"/my-calendar\">Put my reviews and check-ins in my calendar</a>");
	else
		H(b, " | <a href=\"/worklist/letters\">Letters before reviews</a>");
	H(b, "</p>\n");
	H(b, "<nav aria-label=\"Sort\"><p>Sort by: ");
	for (int s = 0; s < WL_SORT__MAX; s++) {
		if (s)
			H(b, " | ");
		const char *label = s == WL_SORT_DATE ? "date" : "person's name";
		if ((int)d->sort == s) {
			H(b, "<strong aria-current=\"true\">");
			html_text(b, label);
			H(b, "</strong>");
		} else {
			H(b, "<a href=\"");
			section_href(b, base, (enum worklist_sort)s, d->only);
			H(b, "\">");
			html_text(b, label);
			H(b, "</a>");
		}
	}
	H(b, "</p></nav>\n");
	if (d->w->capped)
		inset(b, "There are more open episodes than one page can show: only the first 2000 were looked at.");
	H(b, "<dl class=\"nhsuk-summary-list\" id=\"counts\">\n");
	for (int s = 0; s < WL__MAX; s++) {
		H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\"><a href=\"");
		if (d->only < 0) {
			H(b, "#");
			html_text(b, worklist_section_code((enum worklist_section)s));
		} else {
			section_href(b, base, d->sort, s);
		}
		H(b, "\">");
		html_text(b, worklist_section_label((enum worklist_section)s));
		H(b, "</a></dt><dd class=\"nhsuk-summary-list__value\" data-count=\"");
		html_text(b, worklist_section_code((enum worklist_section)s));
		H(b, "\">");
		html_textf(b, "%zu", d->w->n[s]);
		H(b, "</dd></div>\n");
	}
	H(b, "</dl>\n");
	if (d->only >= 0) {
		H(b, "<p><a href=\"");
		section_href(b, base, d->sort, -1);
		H(b, "\">Back to the whole worklist</a></p>\n");
	}
	for (int s = 0; s < WL__MAX; s++) {
		if (d->only >= 0 && s != d->only)
			continue;
		size_t shown = d->w->n[s];
		if (d->only < 0 && shown > WORKLIST_SHOW)
			shown = WORKLIST_SHOW;
		H(b, "<h2 id=\"");
		html_text(b, worklist_section_code((enum worklist_section)s));
		H(b, "\">");
		html_text(b, worklist_section_label((enum worklist_section)s));
		html_textf(b, " (%zu)", d->w->n[s]);
		H(b, "</h2>\n");
		if (!d->w->n[s]) {
			H(b, "<p>None.</p>\n");
			continue;
		}
		H(b, "<table class=\"nhsuk-table\">\n<caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
		html_text(b, worklist_section_label((enum worklist_section)s));
		H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
		v_th(b, "Person");
		v_th(b, "Stage");
		v_th(b, "Level");
		v_th(b, "Key worker");
		v_th(b, s == WL_CHECKIN ? "Next check-in" : s == WL_DUE || s == WL_OVERDUE ? "Review date" : "Episode");
		v_th(b, "When");
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		if (shown < d->w->n[s]) {
			H(b, "<p>");
			html_textf(b, "The first %zu of %zu, ", shown, d->w->n[s]);
			HIF(b, d->sort == WL_SORT_NAME, "by name", "soonest or longest waiting first");
			H(b, ". <a href=\"");
			section_href(b, base, d->sort, s);
			H(b, "\">");
			html_textf(b, "Show all %zu", d->w->n[s]);
			H(b, "<span class=\"nhsuk-u-visually-hidden\"> in ");
			html_text(b, worklist_section_label((enum worklist_section)s));
			H(b, "</span></a></p>\n");
		}
		for (size_t i = 0; i < shown; i++) {
			const struct worklist_item *it = &d->w->items[s][i];
			const struct store_worklist_row *w = it->row;
			char dd[32], lv[8];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"/people/");
			html_i64(b, w->person_id);
			H(b, "\">");
			html_text(b, w->given_name);
			H(b, " ");
			html_text(b, w->family_name);
			H(b, "</a> (<a href=\"/episodes/");
			html_i64(b, w->episode_id);
			H(b, "\">episode</a>)</td>");
			v_td(b, stage_label(w->stage));
			snprintf(lv, sizeof lv, "%d", w->level);
			v_td(b, lv);
			v_td(b, w->key_worker_name ? w->key_worker_name : "None");
			if (s == WL_NOT_AGREED || s == WL_NO_KEY) {
				H(b, "<td class=\"nhsuk-table__cell\">Started ");
				html_time_date(b, w->started_ms);
				H(b, "</td>");
			} else {
				v_td(b, it->date ? day(dd, it->date) : NULL);
			}
			H(b, "<td class=\"nhsuk-table__cell\">");
			days_text(b, (enum worklist_section)s, it);
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody>\n</table>\n");
	}
	v_page_end(b, p);
}
