/* v_feedback.c - feedback pages (view_feedback.h). */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "view_feedback.h"
#include "view_form.h"

static void group_begin(struct buf *b, const char *err)
{
	if (err)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
}

void v_feedback_form(struct buf *b, const struct view_page *p, const struct v_feedback_form *d)
{
	v_page_begin(b, p);
	v_error_summary(b, d->errs);
	if (d->thanks)
		H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span>"
		     "<p>Thank you. Your feedback has gone to the team.</p></div>\n");
	H(b, "<h1>Tell us how care planning is going</h1>\n"
	     "<p>Your answers help the team do better. The team manager reads them without your name. "
	     "You can give feedback as often as you like.</p>\n"
	     "<form action=\"/feedback\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	if (d->n_about > 1) {
		const char *err = person_error_for(d->errs, "about");
		group_begin(b, err);
		H(b, "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend "
		     "nhsuk-fieldset__legend--s\">Whose care planning is this about?</legend>\n");
		if (err)
			v_error_message(b, "about", err);
		H(b, "<div class=\"nhsuk-radios\">\n");
		for (size_t i = 0; i < d->n_about; i++) {
			char id[32], val[24];
			if (i)
				snprintf(id, sizeof id, "about-%zu", i);
			else
				snprintf(id, sizeof id, "about");
			snprintf(val, sizeof val, "%lld", (long long)d->about[i].person_id);
			H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"");
			html_text(b, id);
			H(b, "\" name=\"about\" type=\"radio\" value=\"");
			html_text(b, val);
			H(b, "\"");
			if (d->in && d->in->about && strcmp(d->in->about, val) == 0)
				H(b, " checked");
			H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
			html_text(b, id);
			H(b, "\">");
			html_text(b, d->about[i].person_name);
			H(b, "</label></div>\n");
		}
		H(b, "</div>\n</fieldset>\n</div>\n");
	} else if (d->n_about == 0 && person_error_for(d->errs, "about")) {
		H(b, "<p id=\"about\">");
		html_text(b, person_error_for(d->errs, "about"));
		H(b, "</p>\n");
	}
	for (int q = 0; q < FQ__MAX; q++) {
		const char *field = feedback_field((enum feedback_q)q);
		const char *err = person_error_for(d->errs, field);
		const char *was = d->in ? d->in->rating[q] : NULL;
		group_begin(b, err);
		H(b, "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend "
		     "nhsuk-fieldset__legend--s\">");
		html_text(b, feedback_statement((enum feedback_q)q));
		H(b, "</legend>\n");
		if (err)
			v_error_message(b, field, err);
		H(b, "<div class=\"nhsuk-radios\">\n");
		for (int v = 5; v >= 1; v--) {
			char id[48], val[12];
			if (v == 5)
				snprintf(id, sizeof id, "%s", field);
			else
				snprintf(id, sizeof id, "%s-%d", field, v);
			snprintf(val, sizeof val, "%d", v);
			H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"");
			html_text(b, id);
			H(b, "\" name=\"");
			html_text(b, field);
			H(b, "\" type=\"radio\" value=\"");
			html_text(b, val);
			H(b, "\"");
			if (was && strcmp(was, val) == 0)
				H(b, " checked");
			H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
			html_text(b, id);
			H(b, "\">");
			html_text(b, feedback_rating_label(v));
			H(b, "</label></div>\n");
		}
		H(b, "</div>\n</fieldset>\n</div>\n");
	}
	const char *cerr = person_error_for(d->errs, "comment");
	group_begin(b, cerr);
	H(b, "<label class=\"nhsuk-label\" for=\"comment\">Anything else you would like the team to know? "
	     "(optional)</label>\n");
	if (cerr)
		v_error_message(b, "comment", cerr);
	H(b, "<textarea class=\"nhsuk-textarea");
	if (cerr)
		H(b, " nhsuk-textarea--error");
	H(b, "\" id=\"comment\" name=\"comment\" rows=\"5\">");
	html_text(b, d->in ? d->in->comment : NULL);
	H(b, "</textarea>\n</div>\n<button class=\"nhsuk-button\" type=\"submit\">Send feedback</button>\n</form>\n");
	v_page_end(b, p);
}

/* A row of totals: one statement's average and share agreeing. */
static void totals_rows(struct buf *b, const struct store_feedback_totals *t)
{
	for (int q = 0; q < FQ__MAX; q++) {
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(b, feedback_statement((enum feedback_q)q));
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		html_textf(b, "%.1f", t->n ? (double)t->sum[q] / (double)t->n : 0.0);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		html_textf(b, "%d%%", feedback_percent(t->agree[q], t->n));
		H(b, "</td></tr>\n");
	}
}

static void totals_table(struct buf *b, const char *caption, const struct store_feedback_totals *t)
{
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">");
	html_text(b, caption);
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Statement</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Average (1 to 5)</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Agree or strongly agree</th></tr></thead>\n"
	     "<tbody class=\"nhsuk-table__body\">\n");
	totals_rows(b, t);
	H(b, "</tbody></table>\n");
}

void v_team_feedback(struct buf *b, const struct view_page *p, const struct v_team_feedback *d)
{
	v_page_begin(b, p);
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, d->team_name);
	H(b, "</span>\n<h1>Feedback from people and carers</h1>\n<p>");
	html_i64(b, d->totals.n);
	if (d->totals.n == 1)
		H(b, " response. Names are not shown.</p>\n");
	else
		H(b, " responses. Names are not shown.</p>\n");
	if (d->totals.n == 0) {
		v_page_end(b, p);
		return;
	}
	totals_table(b, "All responses", &d->totals);
	H(b, "<h2>Responses, newest first</h2>\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct store_feedback *f = &d->items[i];
		H(b, "<div class=\"nhsuk-card\"><div class=\"nhsuk-card__content\">\n<h3 class=\"nhsuk-card__heading "
		     "nhsuk-heading-s\">From ");
		if (strcmp(f->giver, "carer") == 0)
			H(b, "a carer");
		else
			H(b, "a person");
		H(b, ", ");
		html_time(b, f->created_ms);
		H(b, "</h3>\n<dl class=\"nhsuk-summary-list\">\n");
		int v[FQ__MAX] = {f->involved, f->listened, f->useful};
		for (int q = 0; q < FQ__MAX; q++) {
			H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
			html_text(b, feedback_statement((enum feedback_q)q));
			H(b, "</dt><dd class=\"nhsuk-summary-list__value\">");
			html_text(b, feedback_rating_label(v[q]));
			H(b, "</dd></div>\n");
		}
		H(b, "</dl>\n");
		if (f->comment) {
			H(b, "<p class=\"nhsuk-card__description cp-own-words\">");
			html_text(b, f->comment);
			H(b, "</p>\n");
		}
		H(b, "</div></div>\n");
	}
	v_page_end(b, p);
}

void v_service_feedback(struct buf *b, const struct view_page *p, const struct v_service_feedback *d)
{
	v_page_begin(b, p);
	H(b, "<h1>Feedback from people and carers</h1>\n<p>Totals only. A figure built from fewer than ");
	html_i64(b, FEEDBACK_SMALL);
	H(b, " responses is not shown, so that nobody can be picked out.</p>\n");
	if (feedback_suppressed(d->all.n)) {
		H(b, "<p>Fewer than ");
		html_i64(b, FEEDBACK_SMALL);
		H(b, " responses so far across the service.</p>\n");
	} else {
		H(b, "<p>");
		html_i64(b, d->all.n);
		H(b, " responses across the service.</p>\n");
		totals_table(b, "The whole service", &d->all);
	}
	H(b, "<h2>By team</h2>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
	     "nhsuk-u-visually-hidden\">Feedback by team</caption>\n<thead class=\"nhsuk-table__head\">"
	     "<tr class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">Team</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Responses</th>");
	for (int q = 0; q < FQ__MAX; q++) {
		H(b, "<th scope=\"col\" class=\"nhsuk-table__header\">Agree: ");
		html_text(b, feedback_statement((enum feedback_q)q));
		H(b, "</th>");
	}
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < d->n_teams; i++) {
		const struct store_feedback_totals *t = &d->teams[i];
		bool hide = feedback_suppressed(t->n);
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(b, t->team_name);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (hide) {
			H(b, "fewer than ");
			html_i64(b, FEEDBACK_SMALL);
		} else {
			html_i64(b, t->n);
		}
		H(b, "</td>");
		for (int q = 0; q < FQ__MAX; q++) {
			H(b, "<td class=\"nhsuk-table__cell\">");
			if (hide)
				H(b, "not shown");
			else
				html_textf(b, "%d%%", feedback_percent(t->agree[q], t->n));
			H(b, "</td>");
		}
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table>\n");
	v_page_end(b, p);
}
