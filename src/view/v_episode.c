/*
 * v_episode.c - starting an episode of care planning, and an episode's page:
 * where it is in the cycle, how it came in, the consents given, its care
 * team, its history, and the forms that move it on.
 *
 * The stage form offers only the stages episode_transition_allowed() allows
 * from where the episode is; the server checks again (a form can be forged).
 * Forms that change the episode carry its version, so a change made by
 * someone else meanwhile is refused rather than overwritten.  Markup follows
 * the NHS.UK design system as v_people.c does.
 */
#include <string.h>

#include "../domain/review_exit.h"
#include "html.h"
#include "view_form.h"
#include "view.h"

/* ---- pieces ------------------------------------------------------------------- */

/* A labelled text input, text area or date input. */
static void input(struct buf *b, const char *id, const char *label, const char *hint, const char *value,
		  const char *error, bool area, const char *width)
{
	v_text_input(b, &(struct v_text_input){.id = id, .label = label, .hint = hint, .value = value,
					       .error = error, .rows = area ? 3 : 0, .width = width});
}

/* A set of radios named name; the first radio's id is name so that error
 * links land on it. */
struct choice {
	const char *value, *label;
};

static void radios(struct buf *b, const char *name, const char *legend, const char *hint, const struct choice *c,
		   size_t n, const char *checked, const char *error)
{
	v_group_begin(b, error);
	H(b, "<fieldset class=\"nhsuk-fieldset\"");
	v_described(b, name, hint, error);
	H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(b, legend);
	H(b, "</legend>\n");
	if (hint) {
		H(b, "<div class=\"nhsuk-hint\" id=\"");
		html_text(b, name);
		H(b, "-hint\">");
		html_text(b, hint);
		H(b, "</div>\n");
	}
	v_error_message(b, name, error);
	H(b, "<div class=\"nhsuk-radios\">\n");
	for (size_t i = 0; i < n; i++) {
		H(b, "<div class=\"nhsuk-radios__item\">\n<input class=\"nhsuk-radios__input\" id=\"");
		html_text(b, name);
		if (i)
			html_textf(b, "-%zu", i + 1);
		H(b, "\" name=\"");
		html_text(b, name);
		H(b, "\" type=\"radio\" value=\"");
		html_text(b, c[i].value);
		if (checked && strcmp(checked, c[i].value) == 0)
			H(b, "\" checked>\n");
		else
			H(b, "\">\n");
		H(b, "<label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
		html_text(b, name);
		if (i)
			html_textf(b, "-%zu", i + 1);
		H(b, "\">");
		html_text(b, c[i].label);
		H(b, "</label>\n</div>\n");
	}
	H(b, "</div>\n</fieldset>\n</div>\n");
}

static void row_link(struct buf *b, const char *key, const char *prefix, int64_t id, const char *text)
{
	v_summary_row_begin(b, key);
	H(b, "<a href=\"");
	html_text(b, prefix);
	html_i64(b, id);
	H(b, "\">");
	html_text(b, text);
	H(b, "</a>");
	v_summary_row_end(b);
}

static const char *level_label(int n)
{
	return episode_level_label(episode_level_from_number(n));
}

static const char *stage_label(const char *code)
{
	return code ? episode_stage_label(episode_stage_from_code(code)) : "";
}

static const char *field_error(const struct person_errors *errs, const char *field)
{
	return person_error_for(errs, field);
}

/* ---- starting an episode --------------------------------------------------------- */

void v_episode_form(struct buf *b, const struct view_page *p, const struct v_episode_form *d)
{
	const struct person_errors *errs = d->errs;
	const char *const *v = d->in ? d->in->v : NULL;
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	if (d->open_id) {
		v_error_summary_full(b, "open-episode", "This person already has an open episode", NULL);
		H(b, "<span class=\"nhsuk-caption-l\">");
		html_text(b, d->person_name);
		H(b, "</span>\n<h1>Start an episode</h1>\n<p id=\"open-episode\">A person has one open episode at a "
		     "time. <a href=\"/episodes/");
		html_i64(b, d->open_id);
		H(b, "\">Go to their open episode</a>, and close or discharge it before starting another.</p>\n"
		     "</div></div>\n");
		v_page_end(b, p);
		return;
	}
	v_error_summary_full(b, NULL, NULL, errs);
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, d->person_name);
	H(b, "</span>\n<h1>Start an episode</h1>\n");
	if (d->previous_id) {
		H(b, "<p>This episode follows <a href=\"/episodes/");
		html_i64(b, d->previous_id);
		H(b, "\">their previous episode</a> and will be linked to it.</p>\n");
	}
	H(b, "<form action=\"/people/");
	html_i64(b, d->person_id);
	H(b, "/episodes/new\" method=\"post\" novalidate>\n");
	v_hidden(b, "csrf", d->csrf);
	static const struct choice origins[] = {{"referral", "A referral"}, {"team", "Identified by the team"}};
	radios(b, "origin", episode_field_label(EF_ORIGIN), NULL, origins, 2, v ? v[EF_ORIGIN] : NULL,
	       field_error(errs, "origin"));
	H(b, "<h2 class=\"nhsuk-heading-m\">The referral</h2>\n<p>Only for a referral.</p>\n");
	input(b, "source", episode_field_label(EF_SOURCE), "For example, their GP or the hospital discharge team",
	      v ? v[EF_SOURCE] : NULL, field_error(errs, "source"), false, "nhsuk-u-width-two-thirds");
	static const struct choice urgencies[] = {{"routine", "Routine"}, {"soon", "Soon"}, {"urgent", "Urgent"}};
	radios(b, "urgency", episode_field_label(EF_URGENCY), NULL, urgencies, 3, v ? v[EF_URGENCY] : NULL,
	       field_error(errs, "urgency"));
	input(b, "referral_date", episode_field_label(EF_REFERRAL_DATE), "Year, month and day, like 2026-01-22",
	      v ? v[EF_REFERRAL_DATE] : NULL, field_error(errs, "referral_date"), false, "nhsuk-input--width-10");
	H(b, "<h2 class=\"nhsuk-heading-m\">Why care planning</h2>\n");
	input(b, "reason", episode_field_label(EF_REASON), "What the referral asks for, or why the team thinks they need care planning",
	      v ? v[EF_REASON] : NULL, field_error(errs, "reason"), true, NULL);
	struct choice levels[CARE_LEVEL__MAX];
	char nums[CARE_LEVEL__MAX][4];
	for (int l = 0; l < CARE_LEVEL__MAX; l++) {
		nums[l][0] = (char)('0' + episode_level_number((enum episode_level)l));
		nums[l][1] = '\0';
		levels[l] = (struct choice){nums[l], episode_level_label((enum episode_level)l)};
	}
	radios(b, "level", episode_field_label(EF_LEVEL), NULL, levels, CARE_LEVEL__MAX, v ? v[EF_LEVEL] : NULL,
	       field_error(errs, "level"));
	static const struct choice givers[] = {{"person", "The person"}, {"representative", "A representative"}};
	H(b, "<h2 class=\"nhsuk-heading-m\">Consent to assessment</h2>\n");
	radios(b, "assessment_by", "Who gave consent to assessment?", NULL, givers, 2, v ? v[EF_ASSESS_BY] : NULL,
	       field_error(errs, "assessment_by"));
	input(b, "assessment_rep", episode_field_label(EF_ASSESS_REP), "Only when a representative gave it",
	      v ? v[EF_ASSESS_REP] : NULL, field_error(errs, "assessment_rep"), false, "nhsuk-u-width-two-thirds");
	input(b, "assessment_date", episode_field_label(EF_ASSESS_DATE), "Year, month and day, like 2026-01-22",
	      v ? v[EF_ASSESS_DATE] : NULL, field_error(errs, "assessment_date"), false, "nhsuk-input--width-10");
	input(b, "assessment_scope", episode_field_label(EF_ASSESS_SCOPE), NULL, v ? v[EF_ASSESS_SCOPE] : NULL,
	      field_error(errs, "assessment_scope"), true, NULL);
	H(b, "<h2 class=\"nhsuk-heading-m\">Consent to sharing information</h2>\n");
	radios(b, "sharing_by", "Who gave consent to sharing information?", NULL, givers, 2, v ? v[EF_SHARE_BY] : NULL,
	       field_error(errs, "sharing_by"));
	input(b, "sharing_rep", episode_field_label(EF_SHARE_REP), "Only when a representative gave it",
	      v ? v[EF_SHARE_REP] : NULL, field_error(errs, "sharing_rep"), false, "nhsuk-u-width-two-thirds");
	input(b, "sharing_date", episode_field_label(EF_SHARE_DATE), "Year, month and day, like 2026-01-22",
	      v ? v[EF_SHARE_DATE] : NULL, field_error(errs, "sharing_date"), false, "nhsuk-input--width-10");
	input(b, "sharing_scope", episode_field_label(EF_SHARE_SCOPE), "For example, with their GP and the district nurses",
	      v ? v[EF_SHARE_SCOPE] : NULL, field_error(errs, "sharing_scope"), true, NULL);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Start episode</button>\n"
	     "</form>\n<p><a href=\"/people/");
	html_i64(b, d->person_id);
	H(b, "\">Cancel</a></p>\n</div></div>\n");
	v_page_end(b, p);
}

/* ---- an episode's page -------------------------------------------------------------- */

static void episode_action(struct buf *b, int64_t id, const char *what)
{
	H(b, "<form action=\"/episodes/");
	html_i64(b, id);
	html_text(b, what);
	H(b, "\" method=\"post\" novalidate>\n");
}

/* What leaving the active cycle needs (review_exit.h): the route back for a
 * discharge, the check-in plan for maintenance; shown when the episode may
 * move there. */
static void exit_fields(struct buf *b, enum episode_stage from, const struct exit_input *in,
			const struct person_errors *errs)
{
	if (episode_transition_allowed(from, STAGE_DISCHARGED)) {
		H(b, "<fieldset class=\"nhsuk-fieldset\">\n<legend class=\"nhsuk-fieldset__legend "
		     "nhsuk-fieldset__legend--s\">The route back (needed when discharging to self-care)</legend>\n");
		input(b, "sos_who", "Who to call", NULL, in ? in->sos_who : NULL, field_error(errs, "sos_who"), false,
		      NULL);
		input(b, "sos_phone", "Their phone number", NULL, in ? in->sos_phone : NULL,
		      field_error(errs, "sos_phone"), false, "nhsuk-input--width-20");
		input(b, "sos_how", "How and when to get back in touch", NULL, in ? in->sos_how : NULL,
		      field_error(errs, "sos_how"), true, NULL);
		H(b, "</fieldset>\n");
	}
	if (episode_transition_allowed(from, STAGE_MAINTENANCE)) {
		H(b, "<fieldset class=\"nhsuk-fieldset\">\n<legend class=\"nhsuk-fieldset__legend "
		     "nhsuk-fieldset__legend--s\">Check-ins (needed when moving to maintenance)</legend>\n");
		input(b, "checkin_days", "Days between check-ins", "For example, 28 for about once a month",
		      in ? in->checkin_days : NULL, field_error(errs, "checkin_days"), false, "nhsuk-input--width-4");
		input(b, "next_checkin", "Next check-in date", "Leave empty to count from today",
		      in ? in->next_checkin : NULL, field_error(errs, "next_checkin"), false, "nhsuk-input--width-10");
		H(b, "</fieldset>\n");
	}
}

static void stage_form(struct buf *b, const struct v_episode *d)
{
	const struct store_episode *e = &d->rec->ep;
	enum episode_stage from = episode_stage_from_code(e->stage);
	struct choice c[STAGE__MAX];
	size_t n = 0;
	for (int s = 0; s < STAGE__MAX; s++)
		if (episode_transition_allowed(from, (enum episode_stage)s))
			c[n++] = (struct choice){episode_stage_code((enum episode_stage)s),
						 episode_stage_label((enum episode_stage)s)};
	if (!n)
		return;
	const char *ef = d->error_field;
	H(b, "<h2 id=\"move\">Move to the next stage</h2>\n");
	episode_action(b, e->id, "/stage");
	v_hidden(b, "csrf", d->csrf);
	v_hidden_i64(b, "version", e->version);
	char hint[EPISODE_MSG_MAX];
	episode_next_stages_text(from, hint, sizeof hint);
	radios(b, "to_stage", "Move the episode to", hint, c, n, d->to_stage,
	       ef && strcmp(ef, "to_stage") == 0 ? d->error : NULL);
	const char *cerr = ef && strcmp(ef, "closure") == 0 ? d->error : NULL;
	v_group_begin(b, cerr);
	H(b, "<label class=\"nhsuk-label\" for=\"closure\">Closure reason (only when closing)</label>\n");
	v_error_message(b, "closure", cerr);
	H(b, "<select class=\"nhsuk-select\" id=\"closure\" name=\"closure\"");
	v_described(b, "closure", NULL, cerr);
	H(b, ">\n<option value=\"\">Not closing</option>\n");
	for (int k = 1; k < CLOSURE__MAX; k++) {
		H(b, "<option value=\"");
		html_text(b, episode_closure_code((enum episode_closure)k));
		H(b, "\">");
		html_text(b, episode_closure_label((enum episode_closure)k));
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
	input(b, "stage_reason", "Why", NULL, d->stage_reason, ef && strcmp(ef, "stage_reason") == 0 ? d->error : NULL,
	      true, NULL);
	exit_fields(b, from, d->exit_in, d->exit_errs);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Move stage</button>\n"
	     "</form>\n");
}

static void level_form(struct buf *b, const struct v_episode *d)
{
	const struct store_episode *e = &d->rec->ep;
	if (!episode_stage_open(episode_stage_from_code(e->stage)))
		return;
	const char *ef = d->error_field;
	struct choice c[CARE_LEVEL__MAX];
	char nums[CARE_LEVEL__MAX][4];
	size_t n = 0;
	for (int l = 0; l < CARE_LEVEL__MAX; l++) {
		int num = episode_level_number((enum episode_level)l);
		if (num == e->level)
			continue;
		nums[n][0] = (char)('0' + num);
		nums[n][1] = '\0';
		c[n] = (struct choice){nums[n], episode_level_label((enum episode_level)l)};
		n++;
	}
	H(b, "<h2 id=\"change-level\">Change the level of care</h2>\n");
	episode_action(b, e->id, "/level");
	v_hidden(b, "csrf", d->csrf);
	v_hidden_i64(b, "version", e->version);
	radios(b, "level", "New level of care", NULL, c, n, NULL, ef && strcmp(ef, "level") == 0 ? d->error : NULL);
	input(b, "level_reason", "Why the level changes", NULL, d->level_reason,
	      ef && strcmp(ef, "level_reason") == 0 ? d->error : NULL, true, NULL);
	H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" data-module=\"nhsuk-button\">"
	     "Change level</button>\n</form>\n");
}

static void team(struct buf *b, const struct v_episode *d)
{
	const struct episode_record *rec = d->rec;
	bool open = episode_stage_open(episode_stage_from_code(rec->ep.stage));
	H(b, "<h2 id=\"care-team\">Care team</h2>\n");
	size_t running = 0;
	for (size_t i = 0; i < rec->n_members; i++)
		running += !rec->members[i].to_date;
	if (!running) {
		H(b, "<p>No one is in the care team.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Care team now</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
		v_th(b, "Name");
		v_th(b, "Organisation");
		v_th(b, "Role");
		v_th(b, "From");
		v_th(b, "Key worker");
		if (open)
			v_th(b, "Change");
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < rec->n_members; i++) {
			const struct store_team_member *m = &rec->members[i];
			if (m->to_date)
				continue;
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, careteam_member_name(m));
			v_td(b, m->organisation);
			v_td(b, m->role);
			v_td(b, m->from_date);
			v_td(b, m->is_key_worker ? "Key worker" : "");
			if (open) {
				H(b, "<td class=\"nhsuk-table__cell\">");
				if (!m->is_key_worker) {
					episode_action(b, rec->ep.id, "/keyworker");
					v_hidden(b, "csrf", d->csrf);
					v_hidden_i64(b, "member_id", m->id);
					H(b, "<button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2\" "
					     "type=\"submit\" data-module=\"nhsuk-button\">Make key worker<span "
					     "class=\"nhsuk-u-visually-hidden\"> ");
					html_text(b, careteam_member_name(m));
					H(b, "</span></button>\n</form>\n");
					episode_action(b, rec->ep.id, "/team/end");
					v_hidden(b, "csrf", d->csrf);
					v_hidden_i64(b, "member_id", m->id);
					H(b, "<label class=\"nhsuk-label\" for=\"end-");
					html_i64(b, m->id);
					H(b, "\">End date<span class=\"nhsuk-u-visually-hidden\"> for ");
					html_text(b, careteam_member_name(m));
					H(b, "</span></label>\n<input class=\"nhsuk-input nhsuk-input--width-10\" id=\"end-");
					html_i64(b, m->id);
					H(b, "\" name=\"to_date\" type=\"text\" autocomplete=\"off\">\n"
					     "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" "
					     "data-module=\"nhsuk-button\">End<span class=\"nhsuk-u-visually-hidden\"> ");
					html_text(b, careteam_member_name(m));
					H(b, "'s period</span></button>\n</form>\n");
				}
				H(b, "</td>");
			}
			H(b, "</tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	if (running < rec->n_members) {
		H(b, "<h3>Earlier periods</h3>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
		     "nhsuk-u-visually-hidden\">Earlier care team periods</caption>\n<thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\">");
		v_th(b, "Name");
		v_th(b, "Role");
		v_th(b, "From");
		v_th(b, "To");
		v_th(b, "Key worker");
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < rec->n_members; i++) {
			const struct store_team_member *m = &rec->members[i];
			if (!m->to_date)
				continue;
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, careteam_member_name(m));
			v_td(b, m->role);
			v_td(b, m->from_date);
			v_td(b, m->to_date);
			v_td(b, m->is_key_worker ? "Key worker" : "");
			H(b, "</tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	if (!open)
		return;
	const struct person_errors *errs = d->member_errs;
	const struct team_member_input *in = d->member_in;
	H(b, "<h3 id=\"add-member\">Add someone to the care team</h3>\n");
	episode_action(b, rec->ep.id, "/team");
	v_hidden(b, "csrf", d->csrf);
	static const struct choice kinds[] = {{"user", "A member of our team"}, {"external", "Someone from outside the team"}};
	radios(b, "member_kind", "Who are they?", NULL, kinds, 2, in ? in->kind : NULL, field_error(errs, "member_kind"));
	const char *uerr = field_error(errs, "member_user");
	v_group_begin(b, uerr);
	H(b, "<label class=\"nhsuk-label\" for=\"member_user\">Member of our team</label>\n");
	v_error_message(b, "member_user", uerr);
	H(b, "<select class=\"nhsuk-select\" id=\"member_user\" name=\"member_user\"");
	v_described(b, "member_user", NULL, uerr);
	H(b, ">\n<option value=\"\">Choose</option>\n");
	for (size_t i = 0; i < d->n_users; i++) {
		H(b, "<option value=\"");
		html_i64(b, d->users[i].id);
		H(b, "\">");
		html_text(b, d->users[i].display_name);
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
	input(b, "member_name", "Name (from outside the team)", NULL, in ? in->name : NULL, field_error(errs, "member_name"),
	      false, "nhsuk-u-width-two-thirds");
	input(b, "member_org", "Organisation (from outside the team, optional)", NULL, in ? in->organisation : NULL,
	      field_error(errs, "member_org"), false, "nhsuk-u-width-two-thirds");
	input(b, "member_role", "Role or discipline", "For example, district nurse or social worker",
	      in ? in->role : NULL, field_error(errs, "member_role"), false, "nhsuk-u-width-one-half");
	input(b, "member_from", "From date", "Year, month and day, like 2026-01-22", in ? in->from_date : NULL,
	      field_error(errs, "member_from"), false, "nhsuk-input--width-10");
	input(b, "member_to", "To date (optional)", NULL, in ? in->to_date : NULL, field_error(errs, "member_to"), false,
	      "nhsuk-input--width-10");
	H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" data-module=\"nhsuk-button\">"
	     "Add to care team</button>\n</form>\n");
}

static void history(struct buf *b, const struct episode_record *rec)
{
	H(b, "<h2 id=\"history\">History</h2>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
	     "nhsuk-u-visually-hidden\">Every change of stage, level and key worker</caption>\n"
	     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "When");
	v_th(b, "Who");
	v_th(b, "Change");
	v_th(b, "Why");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < rec->n_events; i++) {
		const struct store_episode_event *ev = &rec->events[i];
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_time(b, ev->time_ms);
		H(b, "</td>");
		v_td(b, ev->user_name);
		H(b, "<td class=\"nhsuk-table__cell\">");
		if (strcmp(ev->kind, "stage") == 0) {
			H(b, "Stage: ");
			if (ev->from_value) {
				html_text(b, stage_label(ev->from_value));
				H(b, " to ");
			} else {
				H(b, "started at ");
			}
			html_text(b, stage_label(ev->to_value));
			if (ev->closure) {
				H(b, " (");
				html_text(b, episode_closure_label(episode_closure_from_code(ev->closure)));
				H(b, ")");
			}
		} else if (strcmp(ev->kind, "level") == 0) {
			H(b, "Level of care: ");
			html_text(b, ev->from_value);
			H(b, " to ");
			html_text(b, ev->to_value);
		} else {
			H(b, "Key worker: ");
			html_text(b, ev->from_value ? ev->from_value : "none");
			H(b, " to ");
			html_text(b, ev->to_value);
		}
		H(b, "</td>");
		v_td(b, ev->reason);
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table>\n");
}

void v_episode(struct buf *b, const struct view_page *p, const struct v_episode *d)
{
	const struct episode_record *rec = d->rec;
	const struct store_episode *e = &rec->ep;
	v_page_begin(b, p);
	/* An ended episode shows no stage or level form to point at. */
	const char *field = d->error_field;
	if (field && !episode_stage_open(episode_stage_from_code(e->stage)) && strcmp(field, "care-team") != 0)
		field = "maincontent";
	v_error_summary_full(b, field, d->error, d->exit_errs && d->exit_errs->n ? d->exit_errs : d->member_errs);
	H(b, "<p><a href=\"/people/");
	html_i64(b, rec->person.id);
	H(b, "\">Back to ");
	html_text(b, rec->person.given_name);
	H(b, " ");
	html_text(b, rec->person.family_name);
	H(b, "</a></p>\n<span class=\"nhsuk-caption-l\">");
	html_text(b, rec->person.given_name);
	H(b, " ");
	html_text(b, rec->person.family_name);
	char nhs[16];
	H(b, ", NHS number ");
	html_text(b, person_nhs_spaced(nhs, rec->person.nhs_number));
	H(b, "</span>\n<h1>Episode of care planning</h1>\n<dl class=\"nhsuk-summary-list\">\n");
	v_summary_row(b, "Stage", stage_label(e->stage));
	if (e->closure)
		v_summary_row(b, "Closure reason", episode_closure_label(episode_closure_from_code(e->closure)));
	v_summary_row(b, "Level of care", level_label(e->level));
	v_summary_row(b, "Key worker", rec->key_worker ? careteam_member_name(rec->key_worker) : NULL);
	if (e->previous_episode_id)
		row_link(b, "Previous episode", "/episodes/", e->previous_episode_id, "Go to the previous episode");
	if (e->next_episode_id)
		row_link(b, "Next episode", "/episodes/", e->next_episode_id, "Go to the new episode");
	H(b, "</dl>\n");
	/* The parts of the cycle, each on its own page. */
	H(b, "<nav aria-label=\"Parts of this episode\"><ul class=\"nhsuk-list cp-episode-parts\">\n");
	const struct {
		const char *path, *label;
		unsigned needs; /* the sections the page needs shared with the reader */
	} parts[] = {
		{"/assessment", "Holistic assessment", 0},
		{"/plan", "Care and support plan", 0},
		{"/activity", "Implementation: actions and activity", d->activity_needs},
		{"/reviews", "Reviews", d->reviews_needs},
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if ((d->share_mask & parts[i].needs) != parts[i].needs)
			continue; /* not shared with this reader: no link either */
		H(b, "<li><a href=\"/episodes/");
		html_i64(b, e->id);
		html_text(b, parts[i].path);
		H(b, "\">");
		html_text(b, parts[i].label);
		H(b, "</a></li>\n");
	}
	H(b, "</ul></nav>\n");
	if (episode_can_reenter(episode_stage_from_code(e->stage)) && !e->next_episode_id) {
		H(b, "<p><a class=\"nhsuk-button nhsuk-button--secondary\" href=\"/people/");
		html_i64(b, rec->person.id);
		H(b, "/episodes/new\">Start a new episode</a></p>\n");
	}
	H(b, "<h2 id=\"referral\">How they came to us</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	if (rec->has_referral) {
		const struct store_referral *r = &rec->referral;
		bool referral = strcmp(r->kind, "referral") == 0;
		v_summary_row(b, "How", referral ? "A referral" : "Identified by the team");
		if (referral) {
			v_summary_row(b, "Who referred them", r->source);
			v_summary_row(b, "Urgency", episode_urgency_label(r->urgency));
			char day[32];
			v_summary_row(b, "Date of referral", v_date_long(day, r->referral_date));
		}
		v_summary_row(b, "Reason", r->reason);
	}
	H(b, "</dl>\n<h2 id=\"consent\">Consent</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	if (rec->n_consents == 0) /* started from case finding: consent is sought at first contact */
		v_summary_row(b, "Consent to assessment and to sharing", "Not recorded yet: ask at first contact");
	for (size_t i = 0; i < rec->n_consents; i++) {
		const struct store_consent *k = &rec->consents[i];
		bool assess = strcmp(k->kind, "assessment") == 0;
		char day[32];
		v_summary_row(b, assess ? "Consent to assessment given by" : "Consent to sharing given by",
		    strcmp(k->given_by, "person") == 0 ? "The person" : k->representative);
		v_summary_row(b, assess ? "Consent to assessment date" : "Consent to sharing date", v_date_long(day, k->given_date));
		v_summary_row(b, assess ? "Consent to assessment scope" : "Consent to sharing scope", k->scope);
	}
	H(b, "</dl>\n");
	stage_form(b, d);
	level_form(b, d);
	team(b, d);
	history(b, rec);
	v_page_end(b, p);
}
