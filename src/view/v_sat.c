/* v_sat.c - the self-assessment pages (view_sat.h). */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "view_form.h"
#include "view_sat.h"

static void date_long(struct buf *b, const char *iso)
{
	char out[32];
	html_text(b, v_date_long(out, iso));
}

/* A text input, or a two-row textarea when area is set. */
static void text_input(struct buf *b, const char *id, const char *label, const char *hint, const char *value,
		       const char *error, bool area, const char *width)
{
	v_text_input(b, &(struct v_text_input){.id = id, .label = label, .hint = hint, .value = value,
					       .error = error, .rows = area ? 2 : 0, .width = width});
}

static void link_to(struct buf *b, int64_t id, const char *rest)
{
	H(b, "/self-assessments/");
	html_i64(b, id);
	html_text(b, rest);
}

/* ---- the list ---------------------------------------------------------------- */

void v_sat_list(struct buf *b, const struct view_page *p, const struct v_sat_list *d)
{
	v_page_begin(b, p);
	v_error_summary(b, d->errs);
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, d->team_name);
	H(b, "</span>\n<h1>Self-assessments of care planning</h1>\n"
	     "<p>Check how the team's care planning measures up to the toolkit, item by item: yes, partly or no, "
	     "with the actions you agree. Beside each item Careplan shows what the team's own records say.</p>\n");
	if (d->n == 0) {
		H(b, "<p>No self-assessment has been recorded for the team yet.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">The team's "
		     "self-assessments, newest first</caption>\n<thead class=\"nhsuk-table__head\"><tr "
		     "class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">Date</th><th "
		     "scope=\"col\" class=\"nhsuk-table__header\">Title</th><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">Items answered</th><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">Actions still open</th><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">Started by</th></tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->n; i++) {
			const struct store_sat *s = &d->items[i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			date_long(b, s->assessed_on);
			H(b, "</td><td class=\"nhsuk-table__cell\"><a href=\"");
			link_to(b, s->id, "");
			H(b, "\">");
			html_text(b, s->title);
			H(b, "</a></td><td class=\"nhsuk-table__cell\">");
			html_i64(b, s->n_answers);
			H(b, " of ");
			html_i64(b, TK_ITEM__MAX);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_i64(b, s->n_open_actions);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, s->created_name ? s->created_name : "");
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
		if (d->n >= 2)
			H(b, "<p><a href=\"/self-assessments/compare\">Compare two self-assessments</a></p>\n");
	}
	H(b, "<h2 id=\"start\">Start a new self-assessment</h2>\n<form action=\"/self-assessments\" method=\"post\" "
	     "novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	const struct tk_start_input *in = d->in;
	text_input(b, "title", "Title", "For example, Spring review of care planning", in ? in->title : NULL,
		   person_error_for(d->errs, "title"), false, NULL);
	text_input(b, "assessed_on", "Date it is for",
		   "For example, 2026-03-27. The evidence is worked out for this date.",
		   in ? in->assessed_on : d->today, person_error_for(d->errs, "assessed_on"), false,
		   "nhsuk-input--width-10");
	text_input(b, "notes", "Notes (optional)", "Who took part, for example", in ? in->notes : NULL,
		   person_error_for(d->errs, "notes"), true, NULL);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\">Start the self-assessment</button>\n</form>\n");
	v_page_end(b, p);
}

/* ---- pieces of the record ------------------------------------------------------- */

static void heading_caption(struct buf *b, const struct store_sat *s)
{
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, s->team_name);
	H(b, ", ");
	date_long(b, s->assessed_on);
	H(b, "</span>\n");
}

static const char *owner_of(const struct store_sat_action *x)
{
	return x->owner_user_name ? x->owner_user_name : x->owner_name ? x->owner_name : "";
}

/* The actions of item i (every action when i is TK_ITEM__MAX), with a
 * "done" button on open ones when csrf is set. */
static void actions_list(struct buf *b, const struct tk_record *rec, enum tk_item i, const char *csrf)
{
	size_t shown = 0;
	for (size_t k = 0; k < rec->n_actions; k++) {
		const struct store_sat_action *x = &rec->actions[k];
		if (i < TK_ITEM__MAX && strcmp(x->item, toolkit_item_code(i)) != 0)
			continue;
		if (!shown++)
			H(b, "<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
		H(b, "<li>");
		html_text(b, x->what);
		H(b, " <span class=\"nhsuk-body-s\">(owner: ");
		html_text(b, owner_of(x));
		if (x->due_date) {
			H(b, "; due ");
			date_long(b, x->due_date);
		}
		if (x->done_date) {
			H(b, "; <strong>done</strong> on ");
			date_long(b, x->done_date);
		} else {
			H(b, "; <strong>open</strong>");
		}
		H(b, ")</span>");
		if (csrf && !x->done_date) {
			H(b, "\n<form action=\"");
			link_to(b, rec->sat.id, "/actions/done");
			H(b, "\" method=\"post\">");
			v_hidden_csrf(b, csrf);
			H(b, "<input type=\"hidden\" name=\"action_id\" value=\"");
			html_i64(b, x->id);
			H(b, "\"><button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0\" "
			     "type=\"submit\">Mark as done<span class=\"nhsuk-u-visually-hidden\">: ");
			html_text(b, x->what);
			H(b, "</span></button></form>");
		}
		H(b, "</li>\n");
	}
	if (shown)
		H(b, "</ul>\n");
}

static void figure_text(struct buf *b, struct arena *a, const struct tk_figure *fg)
{
	const char *t = toolkit_figure_text(a, fg);
	html_text(b, t ? t : TOOLKIT_NO_DATA);
}

/* ---- the form ---------------------------------------------------------------- */

static void radios(struct buf *b, const char *field, const char *was)
{
	H(b, "<div class=\"nhsuk-radios nhsuk-radios--inline\">\n");
	for (int x = 0; x < TK_ANSWER__MAX; x++) {
		const char *code = toolkit_answer_code((enum tk_answer)x);
		H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"");
		html_text(b, field);
		if (x) {
			H(b, "-");
			html_text(b, code);
		}
		H(b, "\" name=\"");
		html_text(b, field);
		H(b, "\" type=\"radio\" value=\"");
		html_text(b, code);
		H(b, "\"");
		if (was && strcmp(was, code) == 0)
			H(b, " checked");
		H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
		html_text(b, field);
		if (x) {
			H(b, "-");
			html_text(b, code);
		}
		H(b, "\">");
		html_text(b, toolkit_answer_label((enum tk_answer)x));
		H(b, "</label></div>\n");
	}
	H(b, "</div>\n");
}

static void stage_form(struct buf *b, const struct v_sat_form *d, enum tk_stage st)
{
	const struct tk_record *rec = d->rec;
	bool mine = d->in && d->in->stage == st;
	H(b, "<h2 id=\"stage-");
	html_text(b, toolkit_stage_code(st));
	H(b, "\">");
	html_text(b, toolkit_stage_label(st));
	H(b, "</h2>\n<form action=\"");
	link_to(b, rec->sat.id, "/answers");
	H(b, "\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	v_hidden(b, "stage", toolkit_stage_code(st));
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		if (toolkit_item_stage((enum tk_item)i) != st)
			continue;
		const char *code = toolkit_item_code((enum tk_item)i);
		const char *af = toolkit_answer_field(d->arena, (enum tk_item)i);
		const char *cf = toolkit_comment_field(d->arena, (enum tk_item)i);
		if (!af || !cf)
			continue; /* the arena ran out: the buffer's own limit reports it */
		const struct store_sat_answer *an = rec->answer[i];
		const char *aerr = mine ? person_error_for(d->errs, af) : NULL;
		const char *cerr = mine ? person_error_for(d->errs, cf) : NULL;
		const char *was = mine ? d->in->answer[i] : an ? an->answer : NULL;
		const char *comment = mine ? d->in->comment[i] : an ? an->comment : NULL;
		H(b, "<div class=\"nhsuk-card\"><div class=\"nhsuk-card__content\">\n");
		v_group_begin(b, aerr);
		H(b, "<fieldset class=\"nhsuk-fieldset\" aria-describedby=\"evidence-");
		html_text(b, code);
		if (aerr) {
			H(b, " ");
			html_text(b, af);
			H(b, "-error");
		}
		H(b, "\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
		html_text(b, code);
		H(b, ". ");
		html_text(b, toolkit_item_text((enum tk_item)i));
		H(b, "</legend>\n<div class=\"nhsuk-hint\" id=\"evidence-");
		html_text(b, code);
		H(b, "\"><strong>What the records say now");
		enum sat_figure f = toolkit_item_figure((enum tk_item)i);
		if (f < SAT_FIG__MAX) {
			H(b, " (");
			html_text(b, toolkit_figure_title(f));
			H(b, ")");
		}
		H(b, ":</strong> ");
		figure_text(b, d->arena, &d->live[i]);
		if (an && an->has_ev) {
			struct tk_figure then = toolkit_saved_figure((enum tk_item)i, an);
			H(b, " <br>When last saved: ");
			figure_text(b, d->arena, &then);
		}
		H(b, "</div>\n");
		v_error_message(b, af, aerr);
		radios(b, af, was);
		H(b, "</fieldset>\n</div>\n");
		text_input(b, cf, arena_printf(d->arena, "Comment on %s (optional)", code), NULL, comment, cerr, true,
			   NULL);
		H(b, "<h3 class=\"nhsuk-heading-xs\">Actions agreed for ");
		html_text(b, code);
		H(b, "</h3>\n");
		size_t before = b->len;
		actions_list(b, rec, (enum tk_item)i, NULL);
		if (b->len == before)
			H(b, "<p class=\"nhsuk-body-s\">None yet.</p>\n");
		H(b, "</div></div>\n");
	}
	H(b, "<button class=\"nhsuk-button\" type=\"submit\">Save the answers for ");
	html_text(b, toolkit_stage_label(st));
	H(b, "</button>\n</form>\n");
}

static void action_form(struct buf *b, const struct v_sat_form *d)
{
	const struct tk_action_input *in = d->action_in;
	const struct person_errors *e = d->action_errs;
	H(b, "<h2 id=\"add-action\">Agree an action</h2>\n<form action=\"");
	link_to(b, d->rec->sat.id, "/actions");
	H(b, "\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	const char *err = person_error_for(e, "item");
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"item\">Item of the toolkit</label>\n");
	v_error_message(b, "item", err);
	H(b, "<select class=\"nhsuk-select\" id=\"item\" name=\"item\"");
	v_described(b, "item", NULL, err);
	H(b, ">\n<option value=\"\">Choose an item</option>\n");
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		const char *code = toolkit_item_code((enum tk_item)i);
		H(b, "<option value=\"");
		html_text(b, code);
		H(b, "\"");
		if (in && in->item && strcmp(in->item, code) == 0)
			H(b, " selected");
		H(b, ">");
		html_text(b, code);
		H(b, ": ");
		html_text(b, toolkit_item_text((enum tk_item)i));
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
	text_input(b, "what", "What will be done", NULL, in ? in->what : NULL, person_error_for(e, "what"), true, NULL);
	err = person_error_for(e, "owner_user");
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"owner_user\">Who owns it</label>\n");
	v_hint(b, "owner_user", "A member of the team, or choose someone else and type their name below");
	v_error_message(b, "owner_user", err);
	H(b, "<select class=\"nhsuk-select\" id=\"owner_user\" name=\"owner_user\"");
	v_described(b, "owner_user", "hint", err);
	H(b, ">\n<option value=\"\">Someone else</option>\n");
	for (size_t k = 0; k < d->n_members; k++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)d->members[k].id);
		H(b, "<option value=\"");
		html_text(b, id);
		H(b, "\"");
		if (in && in->owner_user && strcmp(in->owner_user, id) == 0)
			H(b, " selected");
		H(b, ">");
		html_text(b, d->members[k].display_name);
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
	text_input(b, "owner_name", "Name of someone else who owns it (optional)", NULL, in ? in->owner_name : NULL,
		   person_error_for(e, "owner_name"), false, NULL);
	text_input(b, "due_date", "Due date (optional)", "For example, 2026-09-30", in ? in->due_date : NULL,
		   person_error_for(e, "due_date"), false, "nhsuk-input--width-10");
	H(b, "<button class=\"nhsuk-button\" type=\"submit\">Add the action</button>\n</form>\n");
}

void v_sat_form(struct buf *b, const struct view_page *p, const struct v_sat_form *d)
{
	v_page_begin(b, p);
	if (d->errs && d->errs->n)
		v_error_summary(b, d->errs);
	else
		v_error_summary(b, d->action_errs);
	v_notice(b, d->notice);
	heading_caption(b, &d->rec->sat);
	H(b, "<h1>Answer the self-assessment: ");
	html_text(b, d->rec->sat.title);
	H(b, "</h1>\n<p>Answer each item yes, partly or no, and save each stage with its own button. Beside each item "
	     "is what the team's records say for ");
	date_long(b, d->rec->sat.assessed_on);
	H(b, "; it is kept with the answer when you save, so a later comparison shows what the data said then. "
	     "Where Careplan holds no data, answer from your own knowledge.</p>\n<p><a href=\"");
	link_to(b, d->rec->sat.id, "");
	H(b, "\">Back to the self-assessment</a> &middot; <a href=\"#add-action\">Agree an action</a></p>\n"
	     "<nav class=\"nhsuk-contents-list\" aria-label=\"Stages\"><h2 class=\"nhsuk-u-visually-hidden\">Stages"
	     "</h2><ol class=\"nhsuk-contents-list__list\">\n");
	for (int s = 0; s < TK_STAGE__MAX; s++) {
		H(b, "<li class=\"nhsuk-contents-list__item\"><a class=\"nhsuk-contents-list__link\" href=\"#stage-");
		html_text(b, toolkit_stage_code((enum tk_stage)s));
		H(b, "\">");
		html_text(b, toolkit_stage_label((enum tk_stage)s));
		H(b, "</a></li>\n");
	}
	H(b, "</ol></nav>\n");
	for (int s = 0; s < TK_STAGE__MAX; s++)
		stage_form(b, d, (enum tk_stage)s);
	action_form(b, d);
	v_page_end(b, p);
}

/* ---- one self-assessment ----------------------------------------------------- */

void v_sat_view(struct buf *b, const struct view_page *p, const struct v_sat_view *d)
{
	const struct tk_record *rec = d->rec;
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, NULL, d->error);
	v_notice(b, d->notice);
	heading_caption(b, &rec->sat);
	H(b, "<h1>");
	html_text(b, rec->sat.title);
	H(b, "</h1>\n<p>");
	html_i64(b, (int64_t)rec->n_answered);
	H(b, " of ");
	html_i64(b, TK_ITEM__MAX);
	H(b, " items answered. Started by ");
	html_text(b, rec->sat.created_name ? rec->sat.created_name : "");
	H(b, " on ");
	html_time(b, rec->sat.created_ms);
	H(b, ".</p>\n");
	if (rec->sat.notes) {
		H(b, "<p class=\"cp-own-words\">");
		html_text(b, rec->sat.notes);
		H(b, "</p>\n");
	}
	H(b, "<p><a class=\"nhsuk-button\" href=\"");
	link_to(b, rec->sat.id, "/answers");
	H(b, "\">Answer or change the answers</a></p>\n<ul class=\"nhsuk-list\">\n<li><a href=\"");
	link_to(b, rec->sat.id, "/self-assessment.pdf");
	H(b, "\">Download as PDF</a></li>\n<li><a href=\"");
	link_to(b, rec->sat.id, "/self-assessment.csv");
	H(b, "\">Download as CSV (spreadsheet)</a></li>\n<li><a href=\"/self-assessments/compare?b=");
	html_i64(b, rec->sat.id);
	H(b, "\">Compare with another self-assessment</a></li>\n</ul>\n");
	for (int s = 0; s < TK_STAGE__MAX; s++) {
		H(b, "<h2>");
		html_text(b, toolkit_stage_label((enum tk_stage)s));
		H(b, "</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		for (int i = 0; i < TK_ITEM__MAX; i++) {
			if ((int)toolkit_item_stage((enum tk_item)i) != s)
				continue;
			const struct store_sat_answer *an = rec->answer[i];
			H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
			html_text(b, toolkit_item_code((enum tk_item)i));
			H(b, ". ");
			html_text(b, toolkit_item_text((enum tk_item)i));
			H(b, "</dt><dd class=\"nhsuk-summary-list__value\"><p><strong>");
			if (an)
				html_text(b, toolkit_answer_label(toolkit_answer_from_code(an->answer)));
			else
				H(b, "Not answered");
			H(b, "</strong></p>\n");
			if (an && an->comment) {
				H(b, "<p class=\"cp-own-words\">");
				html_text(b, an->comment);
				H(b, "</p>\n");
			}
			if (an) {
				struct tk_figure fg = toolkit_saved_figure((enum tk_item)i, an);
				H(b, "<p class=\"nhsuk-body-s\">Evidence when answered: ");
				figure_text(b, d->arena, &fg);
				H(b, "</p>\n");
			}
			actions_list(b, rec, (enum tk_item)i, d->csrf);
			H(b, "</dd></div>\n");
		}
		H(b, "</dl>\n");
	}
	v_page_end(b, p);
}

/* ---- two side by side -------------------------------------------------------- */

static void chooser(struct buf *b, const char *name, const char *label, const struct v_sat_compare *d,
		    const char *sel)
{
	H(b, "<div class=\"nhsuk-form-group\"><label class=\"nhsuk-label\" for=\"");
	html_text(b, name);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>\n<select class=\"nhsuk-select\" id=\"");
	html_text(b, name);
	H(b, "\" name=\"");
	html_text(b, name);
	H(b, "\">\n");
	for (size_t i = 0; i < d->n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)d->list[i].id);
		H(b, "<option value=\"");
		html_text(b, id);
		H(b, "\"");
		if (sel && strcmp(sel, id) == 0)
			H(b, " selected");
		H(b, ">");
		date_long(b, d->list[i].assessed_on);
		H(b, ": ");
		html_text(b, d->list[i].title);
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
}

static void answer_cell(struct buf *b, struct arena *a, enum tk_item i, const struct store_sat_answer *an)
{
	H(b, "<td class=\"nhsuk-table__cell\"><strong>");
	if (an)
		html_text(b, toolkit_answer_label(toolkit_answer_from_code(an->answer)));
	else
		H(b, "Not answered");
	H(b, "</strong>");
	if (an && an->comment) {
		H(b, "<br>");
		html_text(b, an->comment);
	}
	if (an && an->has_ev) {
		struct tk_figure fg = toolkit_saved_figure(i, an);
		H(b, "<br><span class=\"nhsuk-body-s\">");
		figure_text(b, a, &fg);
		H(b, "</span>");
	}
	H(b, "</td>");
}

/* What changed in the figure, in words: "Up from 40% to 80%." */
static void figure_change(struct buf *b, enum tk_item i, const struct store_sat_answer *x,
			  const struct store_sat_answer *y)
{
	if (!x || !y || !x->has_ev || !y->has_ev || x->ev_den <= 0 || y->ev_den <= 0 ||
	    toolkit_item_figure(i) == SAT_FIG_PRIOR_SELF)
		return;
	int p0 = toolkit_percent(x->ev_num, x->ev_den), p1 = toolkit_percent(y->ev_num, y->ev_den);
	if (p1 > p0)
		html_textf(b, " Figure up from %d%% to %d%%.", p0, p1);
	else if (p1 < p0)
		html_textf(b, " Figure down from %d%% to %d%%.", p0, p1);
	else
		html_textf(b, " Figure unchanged at %d%%.", p0);
}

void v_sat_compare(struct buf *b, const struct view_page *p, const struct v_sat_compare *d)
{
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, "a", d->error);
	H(b, "<h1>Compare two self-assessments</h1>\n");
	if (d->n < 2) {
		H(b, "<p>There must be two self-assessments of the team to compare. <a href=\"/self-assessments\">Back "
		     "to the self-assessments</a></p>\n");
		v_page_end(b, p);
		return;
	}
	H(b, "<form action=\"/self-assessments/compare\" method=\"get\">\n");
	chooser(b, "a", "Earlier self-assessment", d, d->a ? d->a : NULL);
	chooser(b, "b", "Later self-assessment", d, d->b ? d->b : NULL);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\">Compare</button>\n</form>\n");
	if (!d->before || !d->after) {
		v_page_end(b, p);
		return;
	}
	const struct tk_record *x = d->before, *y = d->after;
	H(b, "<p>The earlier one is <a href=\"");
	link_to(b, x->sat.id, "");
	H(b, "\">");
	html_text(b, x->sat.title);
	H(b, "</a> (");
	date_long(b, x->sat.assessed_on);
	H(b, "), the later one <a href=\"");
	link_to(b, y->sat.id, "");
	H(b, "\">");
	html_text(b, y->sat.title);
	H(b, "</a> (");
	date_long(b, y->sat.assessed_on);
	H(b, "). Each answer shows the evidence as it stood when it was saved.</p>\n<p><a href=\"/self-assessments/"
	     "compare.csv?a=");
	html_i64(b, x->sat.id);
	H(b, "&amp;b=");
	html_i64(b, y->sat.id);
	H(b, "\">Download the comparison as CSV (spreadsheet)</a> &middot; <a href=\"/self-assessments/"
	     "compare.pdf?a=");
	html_i64(b, x->sat.id);
	H(b, "&amp;b=");
	html_i64(b, y->sat.id);
	H(b, "\">Download the comparison as PDF</a></p>\n");
	size_t counts[TK_NEITHER + 1] = {0};
	for (int i = 0; i < TK_ITEM__MAX; i++)
		counts[toolkit_change(x->answer[i], y->answer[i])]++;
	H(b, "<p>");
	html_textf(b, "Better: %zu. Worse: %zu. No change: %zu. Answered in only one: %zu.", counts[TK_BETTER],
		   counts[TK_WORSE], counts[TK_SAME], counts[TK_NEWLY] + counts[TK_DROPPED]);
	H(b, "</p>\n");
	for (int s = 0; s < TK_STAGE__MAX; s++) {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">");
		html_text(b, toolkit_stage_label((enum tk_stage)s));
		H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\"><th scope=\"col\" "
		     "class=\"nhsuk-table__header\">Item</th><th scope=\"col\" class=\"nhsuk-table__header\">");
		date_long(b, x->sat.assessed_on);
		H(b, "</th><th scope=\"col\" class=\"nhsuk-table__header\">");
		date_long(b, y->sat.assessed_on);
		H(b, "</th><th scope=\"col\" class=\"nhsuk-table__header\">What changed</th></tr></thead>\n"
		     "<tbody class=\"nhsuk-table__body\">\n");
		for (int i = 0; i < TK_ITEM__MAX; i++) {
			if ((int)toolkit_item_stage((enum tk_item)i) != s)
				continue;
			enum tk_change ch = toolkit_change(x->answer[i], y->answer[i]);
			H(b, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__cell\">");
			html_text(b, toolkit_item_code((enum tk_item)i));
			H(b, ". ");
			html_text(b, toolkit_item_text((enum tk_item)i));
			H(b, "</th>");
			answer_cell(b, d->arena, (enum tk_item)i, x->answer[i]);
			answer_cell(b, d->arena, (enum tk_item)i, y->answer[i]);
			H(b, "<td class=\"nhsuk-table__cell\"><strong>");
			html_text(b, toolkit_change_label(ch));
			H(b, "</strong>");
			figure_change(b, (enum tk_item)i, x->answer[i], y->answer[i]);
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	v_page_end(b, p);
}
