/* v_letter.c - the pre-review letter pages (view_letter.h). */
#include <stdio.h>
#include <string.h>

#include "../domain/caldate.h"
#include "html.h"
#include "view_form.h"
#include "view_letter.h"

static const char *errf(const struct person_errors *e, const char *field)
{
	return e ? person_error_for(e, field) : NULL;
}

static void input(struct buf *b, const char *id, const char *label, const char *hint, const char *value,
		  const char *error, const char *width)
{
	v_text_input(b, &(struct v_text_input){.id = id, .label = label, .hint = hint, .value = value,
					       .error = error, .width = width});
}

static void day(struct buf *b, const char *iso)
{
	struct caldate d;
	char msg[8], out[CALDATE_HUMAN_MAX];
	if (iso && caldate_parse(iso, NULL, &d, msg, sizeof msg) == CP_OK) {
		caldate_format_human(d, out, sizeof out);
		html_text(b, out);
	} else {
		html_text(b, iso);
	}
}

static void appt_form(struct buf *b, const struct v_letter_page *d)
{
	H(b, "<h2 id=\"appointment\">Time and place of the review</h2>\n");
	if (!d->review_date) {
		H(b, "<p>There is no review date in the plan yet. Set the next review date when the plan is agreed or "
		     "reviewed, then add its time and place here.</p>\n");
		return;
	}
	H(b, "<p>The next review is on ");
	day(b, d->review_date);
	H(b, ", the plan's review date.");
	if (d->has_appt) {
		H(b, " It is at ");
		html_text(b, d->review_time);
		H(b, ", ");
		html_text(b, d->place);
		H(b, ".");
	} else {
		H(b, " No time or place has been set for it yet.");
	}
	H(b, "</p>\n<form method=\"post\" action=\"/episodes/");
	html_i64(b, d->episode_id);
	H(b, "/review-appointment\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	input(b, "review_time", "Time", "24-hour clock, for example 14:30", d->review_time,
	      errf(d->appt_errs, "review_time"), "nhsuk-input--width-5");
	input(b, "place", "Place", "For example, Riverside Surgery, room 2, or At home", d->place,
	      errf(d->appt_errs, "place"), "nhsuk-u-width-two-thirds");
	H(b, "<button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\">Save the time and place"
	     "</button>\n</form>\n");
}

static void readings(struct buf *b, const struct v_letter_page *d, struct arena *a)
{
	if (!d->show_readings)
		return;
	H(b, "<h2 id=\"readings\">Readings</h2>\n");
	if (!d->n_readings) {
		H(b, "<p>No readings have been recorded yet.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\">\n<caption class=\"nhsuk-table__caption\">Readings recorded, by kind"
		     "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\"><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">What</th><th scope=\"col\" class=\"nhsuk-table__header\">Date</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Result</th><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">Recorded by</th></tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->n_readings; i++) {
			const struct store_reading *r = &d->readings[i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_text(b, reading_label(reading_from_code(r->kind)));
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			day(b, r->taken_date);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, reading_text(a, r));
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, r->user_name);
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody>\n</table>\n");
	}
	const struct reading_input *in = d->reading_in;
	const char *kind_err = errf(d->reading_errs, "kind");
	H(b, "<h3>Add a reading</h3>\n<form method=\"post\" action=\"/episodes/");
	html_i64(b, d->episode_id);
	H(b, "/readings\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	v_group_begin(b, kind_err);
	H(b, "<fieldset class=\"nhsuk-fieldset\"");
	v_described(b, "kind", NULL, kind_err);
	H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">What was measured</legend>\n");
	v_error_message(b, "kind", kind_err);
	H(b, "<div class=\"nhsuk-radios\">\n");
	for (int k = 0; k < READING__MAX; k++) {
		const char *code = reading_code((enum reading_kind)k);
		H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"kind");
		if (k)
			html_textf(b, "-%d", k + 1);
		H(b, "\" name=\"kind\" type=\"radio\" value=\"");
		html_text(b, code);
		H(b, "\"");
		if (in && in->kind && strcmp(in->kind, code) == 0)
			H(b, " checked");
		H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"kind");
		if (k)
			html_textf(b, "-%d", k + 1);
		H(b, "\">");
		html_text(b, reading_label((enum reading_kind)k));
		H(b, "</label></div>\n");
	}
	H(b, "</div>\n</fieldset>\n</div>\n");
	input(b, "taken_date", "Date measured", "For example, 2026-11-03", in ? in->taken_date : NULL,
	      errf(d->reading_errs, "taken_date"), "nhsuk-input--width-10");
	input(b, "value", "Result", "HbA1c in mmol/mol, the top number of a blood pressure in mmHg, or weight in kg "
				    "(for example 72.4)",
	      in ? in->value : NULL, errf(d->reading_errs, "value"), "nhsuk-input--width-5");
	input(b, "value2", "Bottom number (blood pressure only)", "The diastolic pressure in mmHg, for example 84",
	      in ? in->value2 : NULL, errf(d->reading_errs, "value2"), "nhsuk-input--width-5");
	H(b, "<button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\">Add the reading</button>\n"
	     "</form>\n");
}

void v_letter_page(struct buf *b, const struct view_page *p, const struct v_letter_page *d)
{
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->appt_msg, d->appt_errs && d->appt_errs->n ? d->appt_errs : d->reading_errs);
	H(b, "<h1>Letter before the review: ");
	html_text(b, d->person_name);
	H(b, "</h1>\n");
	if (d->notice)
		v_notice(b, d->notice);
	H(b, "<p>Before a review the person gets a letter with its date, time and place, their latest results, "
	     "their goals and a sheet to write down what they want to talk about.</p>\n");
	appt_form(b, d);
	readings(b, d, d->arena);
	H(b, "<h2 id=\"letter\">The letter</h2>\n<p>");
	if (d->sent_ms) {
		H(b, "The letter for this review was last produced on ");
		html_time(b, d->sent_ms);
		H(b, ".");
	} else {
		H(b, "The letter for this review has not been produced yet.");
	}
	H(b, "</p>\n<p><a href=\"/episodes/");
	html_i64(b, d->episode_id);
	H(b, "/review-letter.pdf\">Print the letter (PDF)</a></p>\n<p><a href=\"/episodes/");
	html_i64(b, d->episode_id);
	H(b, "/reviews\">Back to reviews</a></p>\n");
	v_page_end(b, p);
}

void v_letter_list(struct buf *b, const struct view_page *p, const struct v_letter_list *d)
{
	v_page_begin(b, p);
	H(b, "<h1>Letters before reviews</h1>\n");
	if (d->notice)
		v_notice(b, d->notice);
	H(b, "<p>Reviews of your team's people in the next 14 days whose letter has not been produced yet.</p>\n");
	if (!d->n) {
		H(b, "<p>There are no letters to produce.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\">\n<caption class=\"nhsuk-table__caption\">Letters to produce</caption>\n"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\"><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">Person</th><th scope=\"col\" class=\"nhsuk-table__header\">Review"
		     "</th><th scope=\"col\" class=\"nhsuk-table__header\">Key worker</th></tr></thead>\n<tbody "
		     "class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->n; i++) {
			const struct letter_due *l = &d->due[i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"/episodes/");
			html_i64(b, l->row->episode_id);
			H(b, "/review-letter\">");
			html_text(b, l->row->given_name);
			H(b, " ");
			html_text(b, l->row->family_name);
			H(b, "</a></td><td class=\"nhsuk-table__cell\">");
			day(b, l->date);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, l->row->key_worker_name ? l->row->key_worker_name : "None");
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody>\n</table>\n<form method=\"post\" action=\"/worklist/letters\" novalidate>\n");
		v_hidden_csrf(b, d->csrf);
		H(b, "<button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\">Produce all ");
		html_textf(b, "%zu", d->n);
		html_text(b, d->n == 1 ? " letter" : " letters");
		H(b, " as one PDF</button>\n</form>\n");
	}
	H(b, "<p><a href=\"/worklist/team\">Back to the team worklist</a></p>\n");
	v_page_end(b, p);
}
