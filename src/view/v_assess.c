/*
 * v_assess.c - the holistic assessment's pages (view_assess.h): the
 * assessment of an episode with a summary of what is recorded and what is
 * missing, the forms of each kind of record, questionnaire results over time
 * and a medicine's own page.
 *
 * The person's story is always shown as theirs: "In <name>'s own words",
 * with who wrote it down.  Where PHQ-9 item 9 was answered above 0 a warning
 * callout asks the professional to ask about it today.  An ended episode's
 * assessment shows no forms or links to change it.  Markup follows the
 * NHS.UK design system as v_episode.c does; data goes only through
 * html_text()/html_i64().
 */
#include <stdio.h>
#include <string.h>

#include "../domain/instrument.h"
#include "html.h"
#include "view_form.h"
#include "view_assess.h"

/* ---- pieces (as in v_episode.c) ------------------------------------------------- */

/* A labelled text input (rows 0) or text area (rows > 0). */
static void input(struct buf *b, const char *id, const char *label, const char *hint, const char *value,
		  const char *error, int rows, const char *width)
{
	v_text_input(b, &(struct v_text_input){.id = id, .label = label, .hint = hint, .value = value,
					       .error = error, .rows = rows, .width = width});
}

static void date_input(struct buf *b, const char *id, const char *label, const char *value, const char *error)
{
	input(b, id, label, "Year, month and day, like 2026-01-22", value, error, 0, "nhsuk-input--width-10");
}

struct choice {
	const char *value, *label;
};

/* Radios named name; the first radio's id is name so that error links land on it. */
static void radios(struct buf *b, const char *name, const char *legend, const char *hint, const struct choice *c,
		   size_t n, const char *checked, const char *error, bool inline_)
{
	v_group_begin(b, error);
	H(b, "<fieldset class=\"nhsuk-fieldset\"");
	v_described(b, name, hint, error);
	H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(b, legend);
	H(b, "</legend>\n");
	v_hint(b, name, hint);
	v_error_message(b, name, error);
	if (inline_)
		H(b, "<div class=\"nhsuk-radios nhsuk-radios--inline\">\n");
	else
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

static void table_begin(struct buf *b, const char *caption)
{
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
	html_text(b, caption);
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
}

static void table_body(struct buf *b)
{
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
}

static void table_end(struct buf *b)
{
	H(b, "</tbody></table>\n");
}

/* A link to a page of this episode's assessment: /episodes/<id>/assessment<rest>. */
static void assess_link(struct buf *b, int64_t episode_id, const char *rest, const char *text, const char *hidden_text)
{
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, episode_id);
	H(b, "/assessment");
	html_text(b, rest);
	H(b, "\">");
	html_text(b, text);
	if (hidden_text) {
		H(b, "<span class=\"nhsuk-u-visually-hidden\"> ");
		html_text(b, hidden_text);
		H(b, "</span>");
	}
	H(b, "</a></p>\n");
}

static void caption(struct buf *b, const struct assess_record *rec)
{
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, rec->person.given_name);
	H(b, " ");
	html_text(b, rec->person.family_name);
	char nhs[16];
	H(b, ", NHS number ");
	html_text(b, person_nhs_spaced(nhs, rec->person.nhs_number));
	H(b, "</span>\n");
}

static void back_to_assessment(struct buf *b, int64_t episode_id)
{
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, episode_id);
	H(b, "/assessment\">Back to the assessment</a></p>\n");
}

static const char *disc_label(const char *code)
{
	enum discipline d = discipline_from_code(code);
	return d == DISC_NONE || d == DISC__MAX ? "No discipline recorded" : discipline_label(d);
}

/* The NHS.UK warning callout for a PHQ-9 result whose item 9 was above 0. */
static void safety_callout(struct buf *b, const struct store_instrument_result *r, const char *id, bool latest)
{
	int answers[INSTRUMENT_ITEMS_MAX];
	int n = assess_items_parse(r->items, answers, INSTRUMENT_ITEMS_MAX);
	char day[32];
	H(b, "<div class=\"nhsuk-card nhsuk-card--warning nhsuk-warning-callout cp-safety\" id=\"");
	html_text(b, id);
	H(b, "\">\n<div class=\"nhsuk-card__content\">\n<h3 class=\"nhsuk-card__heading nhsuk-warning-callout__label\">"
	     "<span role=\"text\"><span class=\"nhsuk-u-visually-hidden\">Important: </span>Safety: PHQ-9 item 9</span>"
	     "</h3>\n<p>On ");
	html_text(b, v_date_long(day, r->taken_date));
	H(b, " the answer to item 9 (thoughts that they would be better off dead, or of hurting themselves) was &ldquo;");
	html_text(b, n == 9 ? instrument_answer_label(INSTRUMENT_PHQ9, answers[8]) : "above 0");
	if (latest)
		H(b, "&rdquo;.</p>\n<p><strong>Ask them about it today</strong>, and follow your organisation's local "
		     "safety procedure for thoughts of suicide or self-harm. Record what you did.</p>\n</div>\n</div>\n");
	else
		H(b, "&rdquo;.</p>\n<p>A later PHQ-9 has been recorded since. Check that this answer was followed up "
		     "under your local safety procedure, and ask how they are now.</p>\n</div>\n</div>\n");
}

/* ---- the assessment page -------------------------------------------------------------- */

static void own_words(struct buf *b, const struct assess_record *rec)
{
	H(b, "<strong class=\"nhsuk-tag nhsuk-tag--blue\">In ");
	html_text(b, rec->person.given_name);
	H(b, "&rsquo;s own words</strong>");
}

static void story_parts(struct buf *b, const struct store_story *s)
{
	H(b, "<dl class=\"nhsuk-summary-list\">\n");
	v_summary_row(b, "What's new", s->whats_new);
	v_summary_row(b, "What's good", s->whats_good);
	v_summary_row(b, "What's tough", s->whats_tough);
	v_summary_row(b, "What matters most to me", s->matters_most);
	H(b, "</dl>\n");
}

static void recorded_line(struct buf *b, const struct assess_record *rec, const struct store_story *s)
{
	H(b, "<p class=\"nhsuk-body-s\">");
	if (strcmp(s->recorded_by, "person") == 0) {
		H(b, "Written by ");
		html_text(b, rec->person.given_name);
		H(b, " themself");
		if (s->user_name) {
			H(b, ", saved by ");
			html_text(b, s->user_name);
		}
	} else {
		H(b, "Written down with ");
		html_text(b, rec->person.given_name);
		H(b, " by ");
		html_text(b, s->user_name ? s->user_name : "a professional");
	}
	H(b, ", ");
	html_time(b, s->time_ms);
	H(b, " (version ");
	html_i64(b, s->version);
	H(b, ")</p>\n");
}

static void story_section(struct buf *b, const struct assess_record *rec)
{
	H(b, "<h2 id=\"story\">Their story</h2>\n");
	if (!rec->has_story) {
		H(b, "<p>Their story has not been recorded yet.</p>\n");
		if (rec->open)
			assess_link(b, rec->ep.id, "/story", "Record their story", NULL);
		return;
	}
	H(b, "<p>");
	own_words(b, rec);
	H(b, "</p>\n");
	story_parts(b, &rec->story);
	recorded_line(b, rec, &rec->story);
	if (rec->open)
		assess_link(b, rec->ep.id, "/story", "Change their story", NULL);
	if (rec->n_story_versions > 1) {
		H(b, "<details class=\"nhsuk-details\">\n<summary class=\"nhsuk-details__summary\">"
		     "<span class=\"nhsuk-details__summary-text\">Earlier versions of their story</span></summary>\n"
		     "<div class=\"nhsuk-details__text\">\n");
		for (size_t i = 1; i < rec->n_story_versions; i++) {
			const struct store_story *s = &rec->story_versions[i];
			H(b, "<h3 class=\"nhsuk-heading-s\">Version ");
			html_i64(b, s->version);
			H(b, "</h3>\n<p>");
			own_words(b, rec);
			H(b, "</p>\n");
			story_parts(b, s);
			recorded_line(b, rec, s);
		}
		H(b, "</div>\n</details>\n");
	}
}

static void pros_section(struct buf *b, const struct assess_record *rec)
{
	H(b, "<h2 id=\"professionals\">Professionals' stories</h2>\n");
	if (!rec->n_pros)
		H(b, "<p>No professional has added their story yet.</p>\n");
	for (size_t i = 0; i < rec->n_pros; i++) {
		const struct store_pro_story *s = &rec->pros[i];
		char day[32];
		H(b, "<div class=\"nhsuk-card\">\n<div class=\"nhsuk-card__content\">\n<h3 class=\"nhsuk-card__heading "
		     "nhsuk-heading-s\">");
		html_text(b, s->user_name ? s->user_name : "Unknown author");
		H(b, ", ");
		html_text(b, disc_label(s->discipline));
		H(b, "</h3>\n<p class=\"nhsuk-body-s\">");
		html_text(b, v_date_long(day, s->story_date));
		H(b, "</p>\n<dl class=\"nhsuk-summary-list nhsuk-u-margin-bottom-0\">\n");
		v_summary_row(b, "Issues", s->issues);
		v_summary_row(b, "Evidence", s->evidence);
		v_summary_row(b, "Experience", s->experience);
		H(b, "</dl>\n</div>\n</div>\n");
	}
	if (rec->open)
		assess_link(b, rec->ep.id, "/professional", "Add your story as a professional", NULL);
}

static void outcomes_section(struct buf *b, const struct assess_record *rec)
{
	H(b, "<h2 id=\"outcomes\">Agreed outcomes</h2>\n<p>What the person and the professionals agree the care "
	     "planning should achieve.</p>\n");
	if (!rec->n_outcomes) {
		H(b, "<p>No outcomes have been agreed yet.</p>\n");
	} else {
		table_begin(b, "Agreed outcomes");
		v_th(b, "Outcome");
		v_th(b, "Who agreed");
		v_th(b, "Date agreed");
		table_body(b);
		for (size_t i = 0; i < rec->n_outcomes; i++) {
			const struct store_outcome *o = &rec->outcomes[i];
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, o->outcome);
			v_td(b, o->agreed_by);
			char day[32];
			v_td(b, v_date_long(day, o->agreed_date));
			H(b, "</tr>\n");
		}
		table_end(b);
	}
	if (rec->open)
		assess_link(b, rec->ep.id, "/outcome", "Add an agreed outcome", NULL);
}

static void entries_section(struct buf *b, const struct assess_record *rec, const struct assess_coverage *cov)
{
	H(b, "<h2 id=\"domains\">Needs, risks and strengths</h2>\n");
	if (cov->domains_missing) {
		H(b, "<div class=\"nhsuk-inset-text\" id=\"domains-missing\">\n<span class=\"nhsuk-u-visually-hidden\">"
		     "Information: </span>\n<p>No entry yet for ");
		html_i64(b, (int64_t)cov->domains_missing);
		if (cov->domains_missing == 1)
			H(b, " domain:</p>\n<ul>\n");
		else
			H(b, " domains:</p>\n<ul>\n");
		for (int d = 0; d < ADOMAIN__MAX; d++) {
			if (cov->domain_covered[d])
				continue;
			if (!rec->open) {
				H(b, "<li>");
				html_text(b, assess_domain_label((enum assess_domain)d));
				H(b, "</li>\n");
				continue;
			}
			H(b, "<li><a href=\"/episodes/");
			html_i64(b, rec->ep.id);
			H(b, "/assessment/entry?domain=");
			html_text(b, assess_domain_code((enum assess_domain)d));
			H(b, "\">");
			html_text(b, assess_domain_label((enum assess_domain)d));
			H(b, "<span class=\"nhsuk-u-visually-hidden\">: add a need, risk or strength</span></a></li>\n");
		}
		H(b, "</ul>\n</div>\n");
	} else {
		H(b, "<p>Every domain has at least one entry.</p>\n");
	}
	for (int d = 0; d < ADOMAIN__MAX; d++) {
		if (!cov->domain_covered[d])
			continue;
		const char *code = assess_domain_code((enum assess_domain)d);
		H(b, "<h3 id=\"domain-");
		html_text(b, code);
		H(b, "\">");
		html_text(b, assess_domain_label((enum assess_domain)d));
		H(b, "</h3>\n");
		table_begin(b, assess_domain_label((enum assess_domain)d));
		v_th(b, "Kind");
		v_th(b, "Description");
		v_th(b, "Severity");
		v_th(b, "Likelihood");
		v_th(b, "What reduces it");
		table_body(b);
		for (size_t i = 0; i < rec->n_entries; i++) {
			const struct store_assess_entry *e = &rec->entries[i];
			if (strcmp(e->domain, code) != 0)
				continue;
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, assess_kind_label(assess_kind_from_code(e->kind)));
			v_td(b, e->description);
			v_td(b, assess_level_label(e->severity));
			v_td(b, assess_level_label(e->likelihood));
			v_td(b, e->mitigation);
			H(b, "</tr>\n");
		}
		table_end(b);
	}
	if (rec->open)
		assess_link(b, rec->ep.id, "/entry", "Add a need, risk or strength", NULL);
}

static void carers_section(struct buf *b, const struct assess_record *rec, const struct assess_coverage *cov)
{
	H(b, "<h2 id=\"carers\">Carers' own needs</h2>\n");
	if (!cov->carers) {
		H(b, "<p>None of their contacts is recorded as a carer. <a href=\"/people/");
		html_i64(b, rec->person.id);
		H(b, "\">Their record</a> lists their contacts.</p>\n");
		return;
	}
	if (!rec->n_carer_needs) {
		H(b, "<p>No carer's needs have been recorded yet.</p>\n");
	} else {
		table_begin(b, "Carers' own needs");
		v_th(b, "Carer");
		v_th(b, "Their needs");
		v_th(b, "What would help");
		table_body(b);
		for (size_t i = 0; i < rec->n_carer_needs; i++) {
			const struct store_carer_need *k = &rec->carer_needs[i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_text(b, k->carer_name);
			if (k->relationship) {
				H(b, " (");
				html_text(b, k->relationship);
				H(b, ")");
			}
			H(b, "</td>");
			v_td(b, k->needs);
			v_td(b, k->what_helps);
			H(b, "</tr>\n");
		}
		table_end(b);
	}
	if (rec->open)
		assess_link(b, rec->ep.id, "/carer", "Record a carer's needs", NULL);
}

/* The change from the result before, in words: "Up 3", "Down 2", "No change", or "First result". */
static void change_text(struct buf *b, const struct store_instrument_result *prev, const struct store_instrument_result *r)
{
	if (!prev) {
		H(b, "First result");
		return;
	}
	int delta = r->total - prev->total;
	if (delta > 0)
		html_textf(b, "Up %d (higher is worse)", delta);
	else if (delta < 0)
		html_textf(b, "Down %d (lower is better)", -delta);
	else
		H(b, "No change");
}

static void instruments_section(struct buf *b, const struct assess_record *rec, const struct assess_coverage *cov)
{
	H(b, "<h2 id=\"questionnaires\">Questionnaires</h2>\n");
	table_begin(b, "The latest result of each questionnaire");
	v_th(b, "Questionnaire");
	v_th(b, "Latest");
	v_th(b, "Score");
	v_th(b, "Band");
	v_th(b, "Change since the one before");
	table_body(b);
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		const struct store_instrument_result *last = NULL, *prev = NULL;
		for (size_t k = 0; k < rec->n_results; k++)
			if (strcmp(rec->results[k].instrument, instrument_code((enum instrument)i)) == 0) {
				prev = last;
				last = &rec->results[k];
			}
		H(b, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\">");
		html_text(b, instrument_name((enum instrument)i));
		H(b, "<span class=\"nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal\">");
		html_text(b, instrument_about((enum instrument)i));
		H(b, "</span></th>");
		if (!last) {
			v_td(b, "Not done yet");
			v_td(b, "");
			v_td(b, "");
			v_td(b, "");
		} else {
			char day[32];
			v_td(b, v_date_long(day, last->taken_date));
			H(b, "<td class=\"nhsuk-table__cell\">");
			html_i64(b, last->total);
			H(b, " out of ");
			html_i64(b, instrument_total_max((enum instrument)i));
			H(b, "</td>");
			v_td(b, instrument_band_label(instrument_band_from_code(last->band)));
			H(b, "<td class=\"nhsuk-table__cell\">");
			change_text(b, prev, last);
			H(b, "</td>");
		}
		H(b, "</tr>\n");
	}
	table_end(b);
	if (cov->results)
		assess_link(b, rec->ep.id, "/questionnaires", "See every questionnaire result", NULL);
	if (!rec->open)
		return;
	H(b, "<ul class=\"nhsuk-list\">\n");
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		H(b, "<li><a href=\"/episodes/");
		html_i64(b, rec->ep.id);
		H(b, "/assessment/questionnaire?instrument=");
		html_text(b, instrument_code((enum instrument)i));
		H(b, "\">Record a ");
		html_text(b, instrument_name((enum instrument)i));
		H(b, "</a></li>\n");
	}
	H(b, "</ul>\n");
}

static void medicines_section(struct buf *b, const struct assess_record *rec)
{
	H(b, "<h2 id=\"medicines\">Medicines</h2>\n");
	if (!rec->n_medicines) {
		H(b, "<p>No medicines have been recorded yet.</p>\n");
	} else {
		table_begin(b, "Medicines, those taken now first");
		v_th(b, "Medicine");
		v_th(b, "Dose and how taken");
		v_th(b, "What it is for");
		v_th(b, "Review");
		v_th(b, "Status");
		if (rec->open)
			v_th(b, "Change");
		table_body(b);
		for (size_t i = 0; i < rec->n_medicines; i++) {
			const struct store_medicine *m = &rec->medicines[i];
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, m->name);
			v_td(b, m->dose);
			v_td(b, m->purpose);
			H(b, "<td class=\"nhsuk-table__cell\">");
			if (m->needs_review) {
				H(b, "<strong class=\"nhsuk-tag nhsuk-tag--orange\">Needs review</strong> ");
				html_text(b, m->review_reason);
			} else {
				H(b, "-");
			}
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			if (m->stopped_date) {
				char day[32];
				H(b, "<strong class=\"nhsuk-tag nhsuk-tag--grey\">Stopped</strong> ");
				html_text(b, v_date_long(day, m->stopped_date));
				if (m->stopped_reason) {
					H(b, ": ");
					html_text(b, m->stopped_reason);
				}
			} else {
				H(b, "Taken now");
			}
			H(b, "</td>");
			if (rec->open) {
				H(b, "<td class=\"nhsuk-table__cell\">");
				if (!m->stopped_date) {
					H(b, "<a href=\"/assessment-medicines/");
					html_i64(b, m->id);
					H(b, "/edit\">Change or stop<span class=\"nhsuk-u-visually-hidden\"> ");
					html_text(b, m->name);
					H(b, "</span></a>");
				}
				H(b, "</td>");
			}
			H(b, "</tr>\n");
		}
		table_end(b);
	}
	if (rec->open)
		assess_link(b, rec->ep.id, "/medicine", "Add a medicine", NULL);
}

static void summary_section(struct buf *b, const struct assess_record *rec, const struct assess_coverage *cov)
{
	/* Only the parts shared with the reader: a withheld part is neither
	 * counted nor listed as missing. */
	bool as = assess_shown(rec, SHARE_ASSESSMENT), ins = assess_shown(rec, SHARE_INSTRUMENTS),
	     med = assess_shown(rec, SHARE_MEDICINES);
	H(b, "<h2 id=\"summary\">Summary</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	char t[160];
	if (as) {
		v_summary_row(b, "Their story", cov->story ? "Recorded, in their own words" : "Not recorded yet");
		snprintf(t, sizeof t, "%zu", cov->pros);
		v_summary_row(b, "Professionals' stories", t);
		snprintf(t, sizeof t, "%zu", cov->outcomes);
		v_summary_row(b, "Agreed outcomes", t);
		snprintf(t, sizeof t, "%zu, covering %d of %d domains", cov->entries,
			 ADOMAIN__MAX - (int)cov->domains_missing, ADOMAIN__MAX);
		v_summary_row(b, "Needs, risks and strengths", t);
		if (cov->carers) {
			snprintf(t, sizeof t, "%zu", cov->carer_needs);
			v_summary_row(b, "Carers' needs recorded", t);
		}
	}
	if (ins) {
		snprintf(t, sizeof t, "%zu", cov->results);
		v_summary_row(b, "Questionnaire results", t);
	}
	if (med) {
		snprintf(t, sizeof t, "%zu taken now, %zu needing review", cov->medicines, cov->medicines_for_review);
		v_summary_row(b, "Medicines", t);
	}
	H(b, "</dl>\n");
	if (!as && !ins && !med) {
		H(b, "<p id=\"missing\">The person has not shared their assessment with you.</p>\n");
		return;
	}
	size_t missing = (as ? !cov->story + !cov->pros + !cov->outcomes + (cov->domains_missing > 0) +
				       (cov->carers && !cov->carer_needs)
			     : 0) +
			 (med && !rec->n_medicines);
	for (int i = 0; ins && i < INSTRUMENT__MAX; i++)
		missing += !cov->instrument_done[i];
	if (!missing) {
		H(b, "<p id=\"missing\">Every part of the assessment has something recorded.</p>\n");
		return;
	}
	H(b, "<h3 id=\"missing\">Still missing</h3>\n<ul>\n");
	if (as && !cov->story)
		H(b, "<li>Their story, in their own words</li>\n");
	if (as && !cov->pros)
		H(b, "<li>A professional's story</li>\n");
	if (as && !cov->outcomes)
		H(b, "<li>Agreed outcomes</li>\n");
	if (as && cov->domains_missing) {
		H(b, "<li>Needs, risks or strengths in ");
		html_i64(b, (int64_t)cov->domains_missing);
		if (cov->domains_missing == 1)
			H(b, " domain</li>\n");
		else
			H(b, " domains</li>\n");
	}
	if (as && cov->carers && !cov->carer_needs)
		H(b, "<li>The carer's own needs</li>\n");
	for (int i = 0; ins && i < INSTRUMENT__MAX; i++) {
		if (cov->instrument_done[i])
			continue;
		H(b, "<li>");
		html_text(b, instrument_name((enum instrument)i));
		H(b, "</li>\n");
	}
	if (med && !rec->n_medicines)
		H(b, "<li>Their medicines</li>\n");
	H(b, "</ul>\n");
}

void v_assessment(struct buf *b, const struct view_page *p, const struct v_assessment *d)
{
	const struct assess_record *rec = d->rec;
	struct assess_coverage cov;
	assess_coverage_of(rec, &cov);
	v_page_begin(b, p);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "\">Back to the episode</a></p>\n");
	caption(b, rec);
	H(b, "<h1>Holistic assessment</h1>\n");
	if (!rec->open)
		H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span>\n"
		     "<p>This episode has ended. Its assessment can be read but not changed.</p>\n</div>\n");
	if (cov.latest_phq9 && cov.latest_phq9->safety)
		safety_callout(b, cov.latest_phq9, "safety", true);
	static const struct {
		const char *anchor, *label;
		enum share_section share; /* SHARE__MAX: always shown */
	} parts[] = {
		{"#summary", "Summary", SHARE__MAX},
		{"#story", "Their story", SHARE_ASSESSMENT},
		{"#professionals", "Professionals' stories", SHARE_ASSESSMENT},
		{"#outcomes", "Agreed outcomes", SHARE_ASSESSMENT},
		{"#domains", "Needs, risks and strengths", SHARE_ASSESSMENT},
		{"#carers", "Carers' own needs", SHARE_ASSESSMENT},
		{"#questionnaires", "Questionnaires", SHARE_INSTRUMENTS},
		{"#medicines", "Medicines", SHARE_MEDICINES},
	};
	H(b, "<nav class=\"nhsuk-contents-list\" aria-label=\"Parts of the assessment\">\n"
	     "<ol class=\"nhsuk-contents-list__list\">\n");
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (parts[i].share != SHARE__MAX && !assess_shown(rec, parts[i].share))
			continue;
		H(b, "<li class=\"nhsuk-contents-list__item\"><a class=\"nhsuk-contents-list__link\" href=\"");
		html_text(b, parts[i].anchor);
		H(b, "\">");
		html_text(b, parts[i].label);
		H(b, "</a></li>\n");
	}
	H(b, "</ol>\n</nav>\n");
	summary_section(b, rec, &cov);
	if (assess_shown(rec, SHARE_ASSESSMENT)) {
		story_section(b, rec);
		pros_section(b, rec);
		outcomes_section(b, rec);
		entries_section(b, rec, &cov);
		carers_section(b, rec, &cov);
	}
	if (assess_shown(rec, SHARE_INSTRUMENTS))
		instruments_section(b, rec, &cov);
	if (assess_shown(rec, SHARE_MEDICINES))
		medicines_section(b, rec);
	v_page_end(b, p);
}

/* ---- questionnaire results ----------------------------------------------------------- */

void v_assess_results(struct buf *b, const struct view_page *p, const struct assess_record *rec)
{
	v_page_begin(b, p);
	back_to_assessment(b, rec->ep.id);
	caption(b, rec);
	H(b, "<h1>Questionnaire results</h1>\n<p>Each result with the change from the one before it. For every "
	     "questionnaire here a higher score means more difficulty.</p>\n");
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		const char *code = instrument_code((enum instrument)i);
		H(b, "<h2 id=\"");
		html_text(b, code);
		H(b, "\">");
		html_text(b, instrument_name((enum instrument)i));
		H(b, "</h2>\n<p>");
		html_text(b, instrument_about((enum instrument)i));
		H(b, "</p>\n");
		size_t n = 0, last = 0;
		for (size_t k = 0; k < rec->n_results; k++)
			if (strcmp(rec->results[k].instrument, code) == 0) {
				n++;
				last = k;
			}
		/* Newest first, so the one to act on today comes first. */
		for (size_t k = rec->n_results; k-- > 0;)
			if (strcmp(rec->results[k].instrument, code) == 0 && rec->results[k].safety) {
				char id[32];
				snprintf(id, sizeof id, "result-%lld", (long long)rec->results[k].id);
				safety_callout(b, &rec->results[k], id, k == last);
			}
		if (!n) {
			H(b, "<p>Not done yet.</p>\n");
		} else {
			table_begin(b, instrument_name((enum instrument)i));
			v_th(b, "Date completed");
			v_th(b, "Answers, item by item");
			v_th(b, "Score");
			v_th(b, "Band");
			v_th(b, "Change");
			table_body(b);
			const struct store_instrument_result *prev = NULL;
			for (size_t k = 0; k < rec->n_results; k++) {
				const struct store_instrument_result *r = &rec->results[k];
				if (strcmp(r->instrument, code) != 0)
					continue;
				char day[32];
				H(b, "<tr class=\"nhsuk-table__row\" id=\"row-");
				html_i64(b, r->id);
				H(b, "\">");
				v_td(b, v_date_long(day, r->taken_date));
				v_td(b, r->items);
				H(b, "<td class=\"nhsuk-table__cell\">");
				html_i64(b, r->total);
				H(b, " out of ");
				html_i64(b, instrument_total_max((enum instrument)i));
				H(b, "</td>");
				v_td(b, instrument_band_label(instrument_band_from_code(r->band)));
				H(b, "<td class=\"nhsuk-table__cell\">");
				change_text(b, prev, r);
				H(b, "</td></tr>\n");
				prev = r;
			}
			table_end(b);
		}
		if (rec->open) {
			H(b, "<p><a href=\"/episodes/");
			html_i64(b, rec->ep.id);
			H(b, "/assessment/questionnaire?instrument=");
			html_text(b, code);
			H(b, "\">Record a ");
			html_text(b, instrument_name((enum instrument)i));
			H(b, "</a></p>\n");
		}
	}
	v_page_end(b, p);
}

/* ---- forms -------------------------------------------------------------------------------- */

const char *v_assess_form_title(enum vaf f, bool changing)
{
	switch (f) {
	case VAF_STORY: return changing ? "Change their story" : "Record their story";
	case VAF_PRO: return "Add your story as a professional";
	case VAF_OUTCOME: return "Add an agreed outcome";
	case VAF_ENTRY: return "Add a need, risk or strength";
	case VAF_CARER: return "Record a carer's needs";
	case VAF_INSTRUMENT: return "Record a questionnaire";
	case VAF_MEDICINE: return changing ? "Change or stop a medicine" : "Add a medicine";
	default: return "Assessment";
	}
}

static const char *err_of(const struct v_assess_form *d, const char *field)
{
	return person_error_for(d->errs, field);
}

static void form_open(struct buf *b, const struct v_assess_form *d, const char *action_prefix, int64_t id,
		      const char *rest)
{
	H(b, "<form action=\"");
	html_text(b, action_prefix);
	html_i64(b, id);
	html_text(b, rest);
	H(b, "\" method=\"post\" novalidate>\n");
	v_hidden(b, "csrf", d->csrf);
}

static void submit(struct buf *b, const char *label, bool secondary)
{
	if (secondary)
		H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" data-module=\"nhsuk-button\">");
	else
		H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">");
	html_text(b, label);
	H(b, "</button>\n");
}

static void story_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_record *rec = d->rec;
	const struct assess_story_input *in = d->story;
	const char *name = rec->person.given_name;
	H(b, "<p>Write down what ");
	html_text(b, name);
	H(b, " says, in ");
	html_text(b, name);
	H(b, "&rsquo;s own words. Leave out any part they do not want to talk about.</p>\n");
	if (d->error && rec->has_story) {
		/* A stale save: show the version saved meanwhile beside what they typed. */
		H(b, "<h2 id=\"saved-now\">Their story as saved now</h2>\n<p>");
		own_words(b, rec);
		H(b, "</p>\n");
		story_parts(b, &rec->story);
		recorded_line(b, rec, &rec->story);
		H(b, "<h2>Your version</h2>\n");
	}
	form_open(b, d, "/episodes/", rec->ep.id, "/assessment/story");
	v_hidden_i64(b, "version", d->story_version);
	input(b, "whats_new", "What's new", "Since they last talked with the team, or since things changed",
	      in ? in->whats_new : NULL, err_of(d, "whats_new"), 4, NULL);
	input(b, "whats_good", "What's good", "What is going well for them", in ? in->whats_good : NULL,
	      err_of(d, "whats_good"), 4, NULL);
	input(b, "whats_tough", "What's tough", "What is hard for them at the moment", in ? in->whats_tough : NULL,
	      err_of(d, "whats_tough"), 4, NULL);
	input(b, "matters_most", "What matters most to me", "In their words, what matters most to them",
	      in ? in->matters_most : NULL, err_of(d, "matters_most"), 4, NULL);
	struct choice by[2] = {{"person", "They wrote it themself"},
			       {"with_professional", "I wrote it down with them, in their words"}};
	radios(b, "recorded_by", "Who wrote it down?", NULL, by, 2, in ? in->recorded_by : NULL,
	       err_of(d, "recorded_by"), false);
	submit(b, "Save their story", false);
	H(b, "</form>\n");
}

static void pro_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_pro_input *in = d->pro;
	const char *derr = err_of(d, "discipline");
	H(b, "<p id=\"discipline\">Your story is tagged with your discipline: <strong>");
	html_text(b, disc_label(d->discipline));
	H(b, "</strong>.</p>\n");
	if (derr)
		v_error_message(b, "discipline", derr);
	form_open(b, d, "/episodes/", d->rec->ep.id, "/assessment/professional");
	input(b, "issues", "Issues", "The issues as you see them from your discipline", in ? in->issues : NULL,
	      err_of(d, "issues"), 5, NULL);
	input(b, "evidence", "Evidence (optional)", "Results, observations or records that show them",
	      in ? in->evidence : NULL, err_of(d, "evidence"), 4, NULL);
	input(b, "experience", "Experience (optional)", "What you have seen work, or not, for people like them",
	      in ? in->experience : NULL, err_of(d, "experience"), 4, NULL);
	date_input(b, "story_date", "Date", in ? in->story_date : NULL, err_of(d, "story_date"));
	submit(b, "Add your story", false);
	H(b, "</form>\n");
}

static void outcome_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_outcome_input *in = d->outcome;
	form_open(b, d, "/episodes/", d->rec->ep.id, "/assessment/outcome");
	input(b, "outcome", "Outcome", "What the person and the professionals agree care planning should achieve",
	      in ? in->outcome : NULL, err_of(d, "outcome"), 3, NULL);
	input(b, "agreed_by", "Who agreed", "For example, Margaret, David and the care team", in ? in->agreed_by : NULL,
	      err_of(d, "agreed_by"), 0, "nhsuk-u-width-two-thirds");
	date_input(b, "agreed_date", "Date agreed", in ? in->agreed_date : NULL, err_of(d, "agreed_date"));
	submit(b, "Add outcome", false);
	H(b, "</form>\n");
}

static void entry_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_entry_input *in = d->entry;
	form_open(b, d, "/episodes/", d->rec->ep.id, "/assessment/entry");
	struct choice kinds_[AKIND__MAX];
	for (int k = 0; k < AKIND__MAX; k++)
		kinds_[k] = (struct choice){assess_kind_code((enum assess_kind)k), assess_kind_label((enum assess_kind)k)};
	radios(b, "kind", "Is it a need, a risk or a strength?", NULL, kinds_, AKIND__MAX, in ? in->kind : NULL,
	       err_of(d, "kind"), true);
	struct choice doms[ADOMAIN__MAX];
	for (int k = 0; k < ADOMAIN__MAX; k++)
		doms[k] = (struct choice){assess_domain_code((enum assess_domain)k),
					  assess_domain_label((enum assess_domain)k)};
	radios(b, "domain", "Domain", NULL, doms, ADOMAIN__MAX, in ? in->domain : NULL, err_of(d, "domain"), false);
	input(b, "description", "Description", NULL, in ? in->description : NULL, err_of(d, "description"), 3, NULL);
	struct choice sev[ASSESS_LEVELS], lik[ASSESS_LEVELS];
	for (int k = 0; k < ASSESS_LEVELS; k++) {
		sev[k] = (struct choice){assess_severity_codes[k], assess_severity_labels[k]};
		lik[k] = (struct choice){assess_likelihood_codes[k], assess_likelihood_labels[k]};
	}
	radios(b, "severity", "Severity", "For needs and risks; a strength has none", sev, ASSESS_LEVELS,
	       in ? in->severity : NULL, err_of(d, "severity"), true);
	H(b, "<h2 class=\"nhsuk-heading-s\">Only for a risk</h2>\n");
	radios(b, "likelihood", "How likely is it?", NULL, lik, ASSESS_LEVELS, in ? in->likelihood : NULL,
	       err_of(d, "likelihood"), true);
	input(b, "mitigation", "What reduces the risk", NULL, in ? in->mitigation : NULL, err_of(d, "mitigation"), 3,
	      NULL);
	submit(b, "Add entry", false);
	H(b, "</form>\n");
}

static void carer_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_record *rec = d->rec;
	const struct assess_carer_input *in = d->carer;
	size_t carers = 0;
	for (size_t i = 0; i < rec->n_contacts; i++)
		carers += rec->contacts[i].is_carer;
	if (!carers) {
		H(b, "<p>None of their contacts is recorded as a carer. Add the carer to <a href=\"/people/");
		html_i64(b, rec->person.id);
		H(b, "\">their record</a> first.</p>\n");
		return;
	}
	form_open(b, d, "/episodes/", rec->ep.id, "/assessment/carer");
	struct choice c[ASSESS_CONTACTS_MAX];
	char ids[ASSESS_CONTACTS_MAX][24];
	size_t n = 0;
	for (size_t i = 0; i < rec->n_contacts && n < ASSESS_CONTACTS_MAX; i++) {
		const struct store_contact *k = &rec->contacts[i];
		if (!k->is_carer)
			continue;
		snprintf(ids[n], sizeof ids[n], "%lld", (long long)k->id);
		c[n] = (struct choice){ids[n], k->name};
		n++;
	}
	radios(b, "contact_id", "Which carer?", NULL, c, n, in ? in->contact_id : NULL, err_of(d, "contact_id"), false);
	input(b, "carer_needs", "The carer's own needs", "What the carer needs for themself, in their words if they like",
	      in ? in->needs : NULL, err_of(d, "carer_needs"), 4, NULL);
	input(b, "what_helps", "What would help (optional)", "For example, a break, a carer's assessment, a support group",
	      in ? in->what_helps : NULL, err_of(d, "what_helps"), 3, NULL);
	submit(b, "Record carer's needs", false);
	H(b, "</form>\n");
}

static void instrument_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_instrument_input *in = d->instrument;
	enum instrument ins = instrument_from_code(in ? in->instrument : NULL);
	if (!in || ins == INSTRUMENT__MAX)
		return;
	H(b, "<p>");
	html_text(b, instrument_about(ins));
	H(b, " Careplan adds up the answers and works out the band.</p>\n");
	form_open(b, d, "/episodes/", d->rec->ep.id, "/assessment/questionnaire");
	v_hidden(b, "instrument", instrument_code(ins));
	date_input(b, "taken_date", "Date completed", in->taken_date, err_of(d, "taken_date"));
	H(b, "<p class=\"nhsuk-body-l\">");
	html_text(b, instrument_stem(ins));
	H(b, "</p>\n");
	int lo = instrument_item_min(ins), hi = instrument_item_max(ins);
	struct choice c[8];
	char vals[8][4];
	size_t n = 0;
	for (int v = lo; v <= hi && n < 8; v++, n++) {
		snprintf(vals[n], sizeof vals[n], "%d", v);
		c[n] = (struct choice){vals[n], instrument_answer_label(ins, v)};
	}
	for (int i = 1; i <= instrument_items(ins); i++) {
		char legend[300];
		snprintf(legend, sizeof legend, "%d. %s", i, instrument_item_text(ins, i));
		radios(b, assess_item_field(i), legend, NULL, c, n, in->item[i - 1], err_of(d, assess_item_field(i)),
		       false);
	}
	submit(b, "Save and score", false);
	H(b, "</form>\n");
}

static void medicine_form(struct buf *b, const struct v_assess_form *d)
{
	const struct assess_medicine_input *in = d->medicine;
	if (d->med)
		form_open(b, d, "/assessment-medicines/", d->med->id, "/edit");
	else
		form_open(b, d, "/episodes/", d->rec->ep.id, "/assessment/medicine");
	if (d->med && d->error) {
		H(b, "<h2 id=\"saved-now\">As recorded now</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		v_summary_row(b, "Medicine", d->med->name);
		v_summary_row(b, "Dose and how it is taken", d->med->dose);
		v_summary_row(b, "What it is for", d->med->purpose);
		v_summary_row(b, "Review", d->med->needs_review ? d->med->review_reason : "Not needed");
		H(b, "</dl>\n<h2>Your change</h2>\n");
	}
	if (d->med)
		v_hidden_i64(b, "version", d->med->version);
	input(b, "med_name", "Medicine", NULL, in ? in->name : NULL, err_of(d, "med_name"), 0, "nhsuk-u-width-two-thirds");
	input(b, "med_dose", "Dose and how it is taken", "For example, 500 mg twice a day with food",
	      in ? in->dose : NULL, err_of(d, "med_dose"), 0, "nhsuk-u-width-two-thirds");
	input(b, "med_purpose", "What it is for (optional)", NULL, in ? in->purpose : NULL, err_of(d, "med_purpose"), 0,
	      "nhsuk-u-width-two-thirds");
	v_group_begin(b, NULL);
	H(b, "<fieldset class=\"nhsuk-fieldset\">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">"
	     "Review</legend>\n<div class=\"nhsuk-checkboxes\">\n<div class=\"nhsuk-checkboxes__item\">\n"
	     "<input class=\"nhsuk-checkboxes__input\" id=\"needs_review\" name=\"needs_review\" type=\"checkbox\" "
	     "value=\"yes\"");
	if (in && in->needs_review && strcmp(in->needs_review, "yes") == 0)
		H(b, " checked");
	H(b, ">\n<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"needs_review\">This medicine needs a "
	     "review</label>\n</div>\n</div>\n</fieldset>\n</div>\n");
	input(b, "review_reason", "Why it needs a review", "Needed when the medicine needs a review",
	      in ? in->review_reason : NULL, err_of(d, "review_reason"), 3, NULL);
	submit(b, d->med ? "Save changes" : "Add medicine", false);
	H(b, "</form>\n");
	if (!d->med)
		return;
	const struct person_errors *se = d->stop_errs;
	H(b, "<h2 id=\"stop\">Stop this medicine</h2>\n<p>A stopped medicine stays in the list, marked as stopped.</p>\n");
	v_error_summary_full(b, NULL, NULL, se);
	form_open(b, d, "/assessment-medicines/", d->med->id, "/stop");
	v_hidden_i64(b, "version", d->med->version);
	date_input(b, "stopped_date", "Date stopped", d->stopped_date, person_error_for(se, "stopped_date"));
	input(b, "stopped_reason", "Why it was stopped (optional)", NULL, d->stopped_reason,
	      person_error_for(se, "stopped_reason"), 2, NULL);
	submit(b, "Stop medicine", true);
	H(b, "</form>\n");
}

void v_assess_form(struct buf *b, const struct view_page *p, const struct v_assess_form *d)
{
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	back_to_assessment(b, d->rec->ep.id);
	v_error_summary_full(b, NULL, d->error, d->errs);
	caption(b, d->rec);
	H(b, "<h1>");
	if (d->form == VAF_INSTRUMENT) {
		enum instrument ins = instrument_from_code(d->instrument ? d->instrument->instrument : NULL);
		H(b, "Record a ");
		html_text(b, ins == INSTRUMENT__MAX ? "questionnaire" : instrument_name(ins));
	} else {
		html_text(b, v_assess_form_title(d->form, d->form == VAF_STORY ? d->story_version > 0 : d->med != NULL));
	}
	H(b, "</h1>\n");
	switch (d->form) {
	case VAF_STORY: story_form(b, d); break;
	case VAF_PRO: pro_form(b, d); break;
	case VAF_OUTCOME: outcome_form(b, d); break;
	case VAF_ENTRY: entry_form(b, d); break;
	case VAF_CARER: carer_form(b, d); break;
	case VAF_INSTRUMENT: instrument_form(b, d); break;
	case VAF_MEDICINE: medicine_form(b, d); break;
	default: break;
	}
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, d->rec->ep.id);
	H(b, "/assessment\">Cancel</a></p>\n</div></div>\n");
	v_page_end(b, p);
}
