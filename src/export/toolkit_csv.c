/* toolkit_csv.c - self-assessments as CSV (toolkit_csv.h). */
#include "toolkit_csv.h"

#include "csv.h"

/* The answer's cells: answer, comment, numerator, denominator, per cent,
 * as at, evidence in words. */
static void answer_cells(struct buf *b, struct arena *a, struct csv_row *row, enum tk_item i,
			 const struct store_sat_answer *an)
{
	csv_cell(b, row, an ? toolkit_answer_label(toolkit_answer_from_code(an->answer)) : "Not answered");
	csv_cell(b, row, an ? an->comment : NULL);
	struct tk_figure fg = toolkit_saved_figure(i, an);
	if (an && fg.has) {
		csv_cell_i64(b, row, fg.num);
		csv_cell_i64(b, row, fg.den);
		int pc = toolkit_percent(fg.num, fg.den);
		if (pc >= 0)
			csv_cell_i64(b, row, pc);
		else
			csv_cell(b, row, NULL);
		csv_cell(b, row, fg.asof);
	} else {
		for (int k = 0; k < 4; k++)
			csv_cell(b, row, NULL);
	}
	csv_cell(b, row, an ? toolkit_figure_text(a, &fg) : NULL);
}

static void actions(struct buf *b, const struct tk_record *rec, const char *label)
{
	struct csv_row row = {0};
	csv_end_row(b, &row);
	static const char *const head[] = {"Actions of", "Item", "Action", "Owner", "Due", "Done"};
	for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
		csv_cell(b, &row, head[k]);
	csv_end_row(b, &row);
	for (size_t k = 0; k < rec->n_actions; k++) {
		const struct store_sat_action *x = &rec->actions[k];
		csv_cell(b, &row, label);
		csv_cell(b, &row, x->item);
		csv_cell(b, &row, x->what);
		csv_cell(b, &row, x->owner_user_name ? x->owner_user_name : x->owner_name);
		csv_cell(b, &row, x->due_date);
		csv_cell(b, &row, x->done_date);
		csv_end_row(b, &row);
	}
}

void csv_self_assessment(struct buf *b, struct arena *a, const struct tk_record *rec)
{
	struct csv_row row = {0};
	static const char *const head[] = {"Self-assessment", "Date", "Stage", "Item", "Statement", "Answer", "Comment",
					   "Evidence numerator", "Evidence denominator", "Evidence per cent",
					   "Evidence as at", "Evidence in words"};
	for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
		csv_cell(b, &row, head[k]);
	csv_end_row(b, &row);
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		csv_cell(b, &row, rec->sat.title);
		csv_cell(b, &row, rec->sat.assessed_on);
		csv_cell(b, &row, toolkit_stage_label(toolkit_item_stage((enum tk_item)i)));
		csv_cell(b, &row, toolkit_item_code((enum tk_item)i));
		csv_cell(b, &row, toolkit_item_text((enum tk_item)i));
		answer_cells(b, a, &row, (enum tk_item)i, rec->answer[i]);
		csv_end_row(b, &row);
	}
	actions(b, rec, rec->sat.title);
}

void csv_self_assessment_compare(struct buf *b, struct arena *a, const struct tk_record *x,
				 const struct tk_record *y)
{
	struct csv_row row = {0};
	const char *ex = arena_printf(a, "Earlier (%s)", x->sat.assessed_on);
	const char *ly = arena_printf(a, "Later (%s)", y->sat.assessed_on);
	const char *cols[] = {"answer", "comment", "evidence numerator", "evidence denominator", "evidence per cent",
			      "evidence as at", "evidence in words"};
	csv_cell(b, &row, "Stage");
	csv_cell(b, &row, "Item");
	csv_cell(b, &row, "Statement");
	for (int side = 0; side < 2; side++)
		for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
			csv_cell(b, &row, arena_printf(a, "%s: %s", side ? ly : ex, cols[k]));
	csv_cell(b, &row, "What changed");
	csv_end_row(b, &row);
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		csv_cell(b, &row, toolkit_stage_label(toolkit_item_stage((enum tk_item)i)));
		csv_cell(b, &row, toolkit_item_code((enum tk_item)i));
		csv_cell(b, &row, toolkit_item_text((enum tk_item)i));
		answer_cells(b, a, &row, (enum tk_item)i, x->answer[i]);
		answer_cells(b, a, &row, (enum tk_item)i, y->answer[i]);
		csv_cell(b, &row, toolkit_change_label(toolkit_change(x->answer[i], y->answer[i])));
		csv_end_row(b, &row);
	}
	actions(b, x, ex);
	actions(b, y, ly);
}
