/* toolkit_pdf.c - self-assessments as PDF (toolkit_pdf.h). */
#include "toolkit_pdf.h"

#include <string.h>

#include "../domain/caldate.h"

static const char *human(struct arena *a, const char *iso)
{
	struct caldate d;
	char msg[8];
	if (!iso || caldate_parse(iso, NULL, &d, msg, sizeof msg) != CP_OK)
		return iso ? iso : "";
	char out[CALDATE_HUMAN_MAX];
	caldate_format_human(d, out, sizeof out);
	return arena_strdup(a, out);
}

static const char *today(struct arena *a, int64_t now_ms)
{
	struct caldate d;
	char out[CALDATE_HUMAN_MAX] = "";
	if (caldate_from_days((int)(now_ms / 86400000LL), &d) == CP_OK)
		caldate_format_human(d, out, sizeof out);
	return arena_strdup(a, out);
}

static const char *answer_words(const struct store_sat_answer *an)
{
	return an ? toolkit_answer_label(toolkit_answer_from_code(an->answer)) : "Not answered";
}

static void item_actions(struct pdf_doc *d, struct arena *a, const struct tk_record *rec, enum tk_item i)
{
	for (size_t k = 0; k < rec->n_actions; k++) {
		const struct store_sat_action *x = &rec->actions[k];
		if (strcmp(x->item, toolkit_item_code(i)) != 0)
			continue;
		const char *owner = x->owner_user_name ? x->owner_user_name : x->owner_name ? x->owner_name : "";
		const char *due = x->due_date ? arena_printf(a, "; due %s", human(a, x->due_date)) : "";
		const char *done = x->done_date ? arena_printf(a, "; done on %s", human(a, x->done_date)) : "; open";
		pdf_addf(d, PDF_BULLET, "Action: %s (owner: %s%s%s)", x->what, owner, due ? due : "", done ? done : "");
	}
}

enum cp_err toolkit_pdf_write(struct arena *a, const struct tk_record *rec, int64_t now_ms, struct buf *out,
			      size_t *pages)
{
	struct pdf_options o = {0};
	const char *head = arena_printf(a, "%s: self-assessment of %s", rec->sat.team_name,
					human(a, rec->sat.assessed_on));
	const char *foot = arena_printf(a, "Printed from Careplan on %s", today(a, now_ms));
	struct pdf_doc *d = pdf_doc_new(a, &o, rec->sat.title, head, foot);
	if (!d || !head || !foot)
		return CP_ENOMEM;
	pdf_add(d, PDF_TITLE, rec->sat.title);
	pdf_addf(d, PDF_BODY, "Self-assessment of care planning by %s for %s. %zu of %d items answered.",
		 rec->sat.team_name, human(a, rec->sat.assessed_on), rec->n_answered, (int)TK_ITEM__MAX);
	if (rec->sat.notes)
		pdf_add(d, PDF_BODY, rec->sat.notes);
	pdf_add(d, PDF_NOTE, "The evidence beside each answer is what the team's records said when the answer was "
			     "saved.");
	for (int s = 0; s < TK_STAGE__MAX; s++) {
		pdf_add(d, PDF_H1, toolkit_stage_label((enum tk_stage)s));
		for (int i = 0; i < TK_ITEM__MAX; i++) {
			if ((int)toolkit_item_stage((enum tk_item)i) != s)
				continue;
			const struct store_sat_answer *an = rec->answer[i];
			pdf_addf(d, PDF_LABEL, "%s. %s", toolkit_item_code((enum tk_item)i),
				 toolkit_item_text((enum tk_item)i));
			pdf_addf(d, PDF_BODY, "Answer: %s", answer_words(an));
			if (an && an->comment)
				pdf_addf(d, PDF_BODY, "Comment: %s", an->comment);
			if (an) {
				struct tk_figure fg = toolkit_saved_figure((enum tk_item)i, an);
				pdf_addf(d, PDF_NOTE, "Evidence: %s", toolkit_figure_text(a, &fg));
			}
			item_actions(d, a, rec, (enum tk_item)i);
		}
	}
	return pdf_render(d, out, pages);
}

enum cp_err toolkit_pdf_compare(struct arena *a, const struct tk_record *x, const struct tk_record *y,
				int64_t now_ms, struct buf *out, size_t *pages)
{
	struct pdf_options o = {0};
	const char *head = arena_printf(a, "%s: self-assessments of %s and %s compared", x->sat.team_name,
					human(a, x->sat.assessed_on), human(a, y->sat.assessed_on));
	const char *foot = arena_printf(a, "Printed from Careplan on %s", today(a, now_ms));
	struct pdf_doc *d = pdf_doc_new(a, &o, "Two self-assessments compared", head, foot);
	if (!d || !head || !foot)
		return CP_ENOMEM;
	pdf_add(d, PDF_TITLE, "Two self-assessments compared");
	pdf_addf(d, PDF_BODY, "Earlier: %s (%s). Later: %s (%s).", x->sat.title, human(a, x->sat.assessed_on),
		 y->sat.title, human(a, y->sat.assessed_on));
	for (int s = 0; s < TK_STAGE__MAX; s++) {
		pdf_add(d, PDF_H1, toolkit_stage_label((enum tk_stage)s));
		for (int i = 0; i < TK_ITEM__MAX; i++) {
			if ((int)toolkit_item_stage((enum tk_item)i) != s)
				continue;
			const struct store_sat_answer *p = x->answer[i], *q = y->answer[i];
			pdf_addf(d, PDF_LABEL, "%s. %s", toolkit_item_code((enum tk_item)i),
				 toolkit_item_text((enum tk_item)i));
			pdf_addf(d, PDF_BODY, "%s. Earlier: %s. Later: %s.",
				 toolkit_change_label(toolkit_change(p, q)), answer_words(p), answer_words(q));
			if (p) {
				struct tk_figure fg = toolkit_saved_figure((enum tk_item)i, p);
				pdf_addf(d, PDF_NOTE, "Evidence then (earlier): %s", toolkit_figure_text(a, &fg));
			}
			if (q) {
				struct tk_figure fg = toolkit_saved_figure((enum tk_item)i, q);
				pdf_addf(d, PDF_NOTE, "Evidence then (later): %s", toolkit_figure_text(a, &fg));
			}
		}
	}
	return pdf_render(d, out, pages);
}
