/*
 * letter_pdf.c - the pre-review letter as PDF (letter_pdf.h).
 */
#include "letter_pdf.h"

#include <stdio.h>
#include <string.h>

#include "../domain/caldate.h"
#include "../domain/instrument.h"
#include "../domain/share.h"
#include "plan_pdf.h"

#define QUESTION_LINES 14 /* ruled lines on the question sheet */

static const char *human(struct arena *a, const char *iso)
{
	struct caldate d;
	char msg[8];
	if (!iso || caldate_parse(iso, NULL, &d, msg, sizeof msg) != CP_OK)
		return iso;
	char out[CALDATE_HUMAN_MAX];
	caldate_format_human(d, out, sizeof out);
	return arena_strdup(a, out);
}

static void when_where(struct pdf_doc *d, struct arena *a, const struct letter *l)
{
	pdf_add(d, PDF_H1, "Your review");
	if (!l->review_date) {
		pdf_add(d, PDF_BODY, "No date has been set for your next review yet. Your key worker will let you know.");
		return;
	}
	pdf_add(d, PDF_LABEL, "Date");
	pdf_add(d, PDF_BODY, human(a, l->review_date));
	pdf_add(d, PDF_LABEL, "Time");
	pdf_add(d, PDF_BODY, l->has_appt ? l->appt.review_time : "Not set yet: your key worker will let you know.");
	pdf_add(d, PDF_LABEL, "Place");
	pdf_add(d, PDF_BODY, l->has_appt ? l->appt.place : "Not set yet: your key worker will let you know.");
	if (l->v.has_key_worker) {
		const char *kw = l->v.key_worker.user_name ? l->v.key_worker.user_name : l->v.key_worker.name;
		if (kw)
			pdf_addf(d, PDF_BODY, "If you cannot come, or would like someone with you, tell your key worker, "
					      "%s.",
				 kw);
	}
}

static void results(struct pdf_doc *d, struct arena *a, const struct letter *l)
{
	if (!l->show_readings && !l->show_scores)
		return;
	pdf_add(d, PDF_H1, "Your latest results");
	pdf_add(d, PDF_BODY, "Each result shows the one before it, so you can see what has changed. We will talk "
			     "about them at the review.");
	size_t shown = 0;
	for (int k = 0; l->show_readings && k < READING__MAX; k++) {
		const struct letter_result *r = &l->readings[k];
		if (!r->latest)
			continue;
		shown++;
		pdf_add(d, PDF_LABEL, reading_label((enum reading_kind)k));
		const char *prev = r->previous ? arena_printf(a, "Before that: %s on %s.", reading_text(a, r->previous),
							      human(a, r->previous->taken_date))
					       : "There is no earlier result.";
		pdf_addf(d, PDF_BODY, "%s on %s. %s", reading_text(a, r->latest), human(a, r->latest->taken_date), prev);
	}
	for (int k = 0; l->show_scores && k < INSTRUMENT__MAX; k++) {
		const struct letter_score *s = &l->scores[k];
		if (!s->latest)
			continue;
		shown++;
		enum instrument in = (enum instrument)k;
		pdf_addf(d, PDF_LABEL, "%s questionnaire score", instrument_name(in));
		const char *prev =
			s->previous ? arena_printf(a, "Before that: %d on %s.", s->previous->total,
						   human(a, s->previous->taken_date))
				    : "There is no earlier score.";
		pdf_addf(d, PDF_BODY, "%d out of %d (%s) on %s. %s", s->latest->total, instrument_total_max(in),
			 instrument_band_label(instrument_band_from_code(s->latest->band)),
			 human(a, s->latest->taken_date), prev);
	}
	if (!shown)
		pdf_add(d, PDF_BODY, "No results have been recorded yet.");
}

static void goals(struct pdf_doc *d, struct arena *a, const struct letter *l)
{
	const struct my_view *v = &l->v;
	if (!(v->mask & SHARE_BIT(SHARE_GOALS)))
		return;
	pdf_add(d, PDF_H1, "What your goals were");
	size_t n = 0;
	for (size_t i = 0; v->plan.exists && i < v->plan.n_items; i++) {
		const struct plan_item *g = &v->plan.items[i];
		if (g->section != PLS_GOAL)
			continue;
		n++;
		const char *st = plan_display(a, g, PLF_GOAL_STATUS, &v->plan.refs);
		pdf_addf(d, PDF_BULLET, "%s. Status: %s", g->v[PLF_GOAL_TITLE] ? g->v[PLF_GOAL_TITLE] : "",
			 st ? st : "not set");
	}
	if (!n)
		pdf_add(d, PDF_BODY, "There are no goals in your plan yet. You can talk about what you would like to "
				     "work on at the review.");
	else
		pdf_add(d, PDF_BODY, "At the review we will look at how each goal has gone and whether to keep, change "
				     "or finish it.");
}

static void question_sheet(struct pdf_doc *d, const struct letter *l)
{
	pdf_page_break(d);
	pdf_add(d, PDF_H1, "What I want to talk about");
	pdf_add(d, PDF_BODY, "Write down anything you want to ask or talk about at your review, and bring this "
			     "sheet with you.");
	if (l->v.n_questions) {
		pdf_add(d, PDF_LABEL, "Questions you have already written");
		for (size_t i = 0; i < l->v.n_questions; i++)
			pdf_add(d, PDF_BULLET, l->v.questions[i].question);
	}
	pdf_add(d, PDF_LABEL, "My questions and notes");
	pdf_add_lines(d, QUESTION_LINES);
}

void letter_pdf_add(struct pdf_doc *d, struct arena *a, const struct letter *l, int64_t now_ms)
{
	char today[CALDATE_HUMAN_MAX] = "";
	struct caldate td;
	if (caldate_from_days((int)(now_ms / 86400000LL), &td) == CP_OK)
		caldate_format_human(td, today, sizeof today);
	pdf_part(d, plan_pdf_head(a, &l->v), arena_printf(a, "Letter before your review, written on %s", today));
	pdf_add(d, PDF_TITLE, "Before your review");
	const char *given = l->v.person.given_name;
	pdf_addf(d, PDF_BODY, "Dear %s,", given && *given ? given : "Sir or Madam");
	pdf_add(d, PDF_BODY, "It is nearly time to review your care and support plan together. This letter tells you "
			     "when and where, shows your latest results and your goals, and has a sheet to write down "
			     "what you want to talk about.");
	when_where(d, a, l);
	results(d, a, l);
	goals(d, a, l);
	question_sheet(d, l);
}

enum cp_err letter_pdf_write(struct arena *a, struct letter *const *ls, size_t n, const struct pdf_options *o,
			     int64_t now_ms, struct buf *out, size_t *pages)
{
	struct pdf_doc *d = pdf_doc_new(a, o, n == 1 ? "Before your review" : "Letters before reviews", "", "");
	if (!d)
		return CP_ENOMEM;
	for (size_t i = 0; i < n; i++)
		letter_pdf_add(d, a, ls[i], now_ms);
	return pdf_render(d, out, pages);
}
