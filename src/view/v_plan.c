/*
 * v_plan.c - the care and support plan's pages: the plan (status and next
 * review at the top, then every section with its entries as tables or
 * summary lists and a "Change" link to each entry's form), the form of one
 * entry, and the comparison of two saved versions.
 *
 * Every form carries the plan version it was made from (plan_version), so
 * a save made after someone else's is refused rather than overwriting it.
 * An ended episode's plan shows no links to change it.  Markup follows the
 * NHS.UK design system as v_episode.c does.
 */
#include <string.h>

#include "../domain/caldate.h"
#include "../domain/recur.h"
#include "../util/str.h"
#include "html.h"
#include "view_my.h"
#include "view_form.h"
#include "view_plain.h"
#include "view_plan.h"
#include "view_referral.h"

#define NEXT_VISITS 3

/* ---- pieces -------------------------------------------------------------------- */

static void date_long(struct buf *b, const char *iso)
{
	struct caldate d;
	char msg[CALDATE_MSG_MAX], out[CALDATE_HUMAN_MAX];
	if (iso && caldate_parse(iso, NULL, &d, msg, sizeof msg) == CP_OK) {
		caldate_format_human(d, out, sizeof out);
		html_text(b, out);
	} else {
		html_text(b, iso ? iso : "Not set");
	}
}

static void change_link(struct buf *b, int64_t episode, enum plan_section s, int64_t item, const char *text,
			const char *what)
{
	H(b, "<a href=\"/episodes/");
	html_i64(b, episode);
	H(b, "/plan/edit?section=");
	html_text(b, plan_section_code(s));
	if (item) {
		H(b, "&amp;item=");
		html_i64(b, item);
	}
	H(b, "\">");
	html_text(b, text);
	if (what && *what) {
		H(b, "<span class=\"nhsuk-u-visually-hidden\"> ");
		html_text(b, what);
		H(b, "</span>");
	}
	H(b, "</a>");
}

static const char *who_text(struct arena *a, const struct plan_item *it, const struct plan_refs *refs)
{
	const char *kind = it->v[PLF_ACTION_WHO];
	if (!kind)
		return NULL;
	const char *label = plan_display(a, it, PLF_ACTION_WHO, refs);
	const char *name = NULL;
	if (strcmp(kind, "carer") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_CARER, refs);
	else if (strcmp(kind, "member") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_USER, refs);
	else if (strcmp(kind, "service") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_NAME, refs);
	return name ? arena_printf(a, "%s: %s", label, name) : label;
}

static const char *when_text(struct arena *a, const struct plan_item *it, const struct plan_refs *refs)
{
	if (it->v[PLF_ACTION_RRULE])
		return plan_display(a, it, PLF_ACTION_RRULE, refs);
	const char *d = plan_display(a, it, PLF_ACTION_DUE, refs);
	return d ? arena_printf(a, "By %s", d) : NULL;
}

static const char *gas_text(struct arena *a, const struct plan_item *it, const struct plan_refs *refs)
{
	if (!it->v[PLF_GOAL_GAS_BASELINE])
		return "Not used";
	return arena_printf(a, "Started at %s. Expected (0): %s", plan_display(a, it, PLF_GOAL_GAS_BASELINE, refs),
			    it->v[PLF_GOAL_GAS_0] ? it->v[PLF_GOAL_GAS_0] : "");
}

/* "a goal", "an action", "the advance care plan" (one-per-plan sections). */
static const char *with_article(struct arena *a, enum plan_section s)
{
	const char *noun = plan_section_noun(s);
	if (plan_section_single(s))
		return arena_printf(a, "the %s", noun);
	return arena_printf(a, "%s %s", strchr("aeiou", noun[0]) ? "an" : "a", noun);
}

/* ---- the plan page ---------------------------------------------------------------- */

/* Pseudo columns beyond the fields. */
enum { COL_WHO = PLF__MAX + 1, COL_WHEN, COL_GAS, COL_RANKED, COL_VISIT_WHEN, COL_NEXT };

struct column {
	int f;
	const char *label;
};

static const struct column issue_cols[] = {
	{PLF_ISSUE_WHAT, "Issue"}, {PLF_ISSUE_IMPORTANCE, "Importance"}, {COL_RANKED, "Ranked by"}};
static const struct column goal_cols[] = {{PLF_GOAL_TITLE, "Goal"},
					  {PLF_GOAL_STATUS, "Status"},
					  {PLF_GOAL_TARGET, "Target date"},
					  {COL_GAS, "Goal attainment scaling"}};
static const struct column action_cols[] = {{PLF_ACTION_WHAT, "What"},   {COL_WHO, "Who"},
					    {COL_WHEN, "When"},          {PLF_ACTION_STATUS, "Status"},
					    {PLF_ACTION_CONFIDENCE, "Confidence"}, {PLF_ACTION_GOAL, "Goal"}};
static const struct column equip_cols[] = {
	{PLF_EQUIP_ITEM, "Item"}, {PLF_EQUIP_PROVIDER, "Provided by"}, {PLF_EQUIP_ISSUED, "Issued"}};
static const struct column spend_cols[] = {
	{PLF_SPEND_WHAT, "What it pays for"}, {PLF_SPEND_AMOUNT, "Amount a year"}, {PLF_SPEND_GOAL, "Goal"}};
static const struct column service_cols[] = {{PLF_SERVICE_WHAT, "Service"},
					     {PLF_SERVICE_PROVIDER, "Provider"},
					     {PLF_SERVICE_HOURS, "How often"},
					     {PLF_SERVICE_CHARGE, "Weekly charge"}};
static const struct column visit_cols[] = {
	{PLF_VISIT_WHAT, "Visit or service"}, {PLF_VISIT_WHO, "Who"}, {COL_VISIT_WHEN, "When"}, {COL_NEXT, "Next visits"}};
static const struct column contact_cols[] = {{PLF_CONTACT_NAME, "Name or service"},
					     {PLF_CONTACT_KIND, "Kind"},
					     {PLF_CONTACT_PHONE, "Phone"},
					     {PLF_CONTACT_WHEN, "When to use it"}};

#define N(x) (sizeof(x) / sizeof((x)[0]))

static const struct column *columns_of(enum plan_section s, size_t *n)
{
	switch (s) {
	case PLS_ISSUE: *n = N(issue_cols); return issue_cols;
	case PLS_GOAL: *n = N(goal_cols); return goal_cols;
	case PLS_ACTION: *n = N(action_cols); return action_cols;
	case PLS_EQUIP: *n = N(equip_cols); return equip_cols;
	case PLS_SPEND: *n = N(spend_cols); return spend_cols;
	case PLS_SERVICE: *n = N(service_cols); return service_cols;
	case PLS_VISIT: *n = N(visit_cols); return visit_cols;
	case PLS_CONTACT: *n = N(contact_cols); return contact_cols;
	default: *n = 0; return NULL;
	}
}

static void next_visits(struct buf *b, const struct plan_item *it, int64_t now_ms)
{
	struct recur_occ occ[NEXT_VISITS];
	size_t n = 0;
	H(b, "<td class=\"nhsuk-table__cell\">");
	if (plan_visit_next(it, now_ms, occ, NEXT_VISITS, &n) != CP_OK || !n) {
		H(b, "None to come");
	} else {
		H(b, "<ul class=\"nhsuk-list nhsuk-u-margin-bottom-0\">");
		for (size_t i = 0; i < n; i++) {
			char day[CALDATE_HUMAN_MAX];
			caldate_format_human(occ[i].local.date, day, sizeof day);
			H(b, "<li>");
			html_text(b, day);
			html_textf(b, " at %02d:%02d", occ[i].local.hour % 24, occ[i].local.minute % 60);
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	H(b, "</td>");
}

static void cell(struct buf *b, struct arena *a, const struct plan_item *it, int col, const struct plan_refs *refs,
		 int64_t now_ms)
{
	switch (col) {
	case COL_WHO: v_td(b, who_text(a, it, refs)); return;
	case COL_WHEN: v_td(b, when_text(a, it, refs)); return;
	case COL_GAS: v_td(b, gas_text(a, it, refs)); return;
	case COL_RANKED: {
		const char *by = plan_display(a, it, PLF_ISSUE_RANKED_BY, refs);
		const char *name = it->v[PLF_ISSUE_RANKED_NAME];
		v_td(b, name ? arena_printf(a, "%s: %s", by ? by : "", name) : by);
		return;
	}
	case COL_VISIT_WHEN:
		v_td(b, arena_printf(a, "%s, from %s at %s for %s minutes", plan_display(a, it, PLF_VISIT_RRULE, refs),
				   plan_display(a, it, PLF_VISIT_START, refs), it->v[PLF_VISIT_TIME],
				   it->v[PLF_VISIT_MINUTES]));
		return;
	case COL_NEXT: next_visits(b, it, now_ms); return;
	default: v_td(b, plan_display(a, it, (enum plan_field)col, refs)); return;
	}
}

/* The mark on entry id of section s when the person added it, or NULL. */
static const struct store_plan_own *plan_own_mark(const struct v_plan *d, enum plan_section s, int64_t id)
{
	const char *code = s == PLS_GOAL ? "goal" : s == PLS_ACTION ? "action" : NULL;
	for (size_t i = 0; code && i < d->n_own; i++)
		if (d->own[i].object_id == id && strcmp(d->own[i].section, code) == 0)
			return &d->own[i];
	return NULL;
}

static void section_table(struct buf *b, struct arena *a, const struct v_plan *d, enum plan_section s, bool can)
{
	const struct plan_record *rec = d->rec;
	size_t nc, count = 0;
	const struct column *cols = columns_of(s, &nc);
	for (size_t i = 0; i < rec->n_items; i++)
		count += rec->items[i].section == s;
	if (!count) {
		H(b, "<p>None recorded yet.</p>\n");
		return;
	}
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
	html_text(b, plan_section_label(s));
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	for (size_t c = 0; c < nc; c++)
		v_th(b, cols[c].label);
	if (can)
		v_th(b, "Change");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < rec->n_items; i++) {
		const struct plan_item *it = &rec->items[i];
		if (it->section != s)
			continue;
		H(b, "<tr class=\"nhsuk-table__row\">");
		for (size_t c = 0; c < nc; c++)
			cell(b, a, it, cols[c].f, &rec->refs, d->now_ms);
		if (can) {
			H(b, "<td class=\"nhsuk-table__cell\">");
			enum plan_field f0, f1;
			plan_section_fields(s, &f0, &f1);
			change_link(b, rec->ep.id, s, it->id, "Change", it->v[f0] ? it->v[f0] : plan_section_noun(s));
			H(b, "</td>");
		}
		H(b, "</tr>\n");
		const struct store_plan_own *o = plan_own_mark(d, s, it->id);
		if (o) {
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\" colspan=\"");
			html_i64(b, (int64_t)(nc + (can ? 1 : 0)));
			H(b, "\">");
			H(b, "<strong class=\"nhsuk-tag nhsuk-tag--blue\">Added by ");
			html_text(b, o->user_name ? o->user_name : "the person");
			html_text(b, strcmp(o->writer, "carer") == 0 ? " (their carer)" : " (the person)");
			H(b, "</strong></td></tr>\n");
		}
	}
	if (s == PLS_SERVICE) {
		char t[PLAN_MONEY_STR];
		plan_money_format(plan_service_charge_total(rec), t, sizeof t);
		H(b, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\" colspan=\"3\">"
		     "Total charge to the person a week</th>");
		v_td(b, t);
		if (can)
			H(b, "<td class=\"nhsuk-table__cell\"></td>");
		H(b, "</tr>\n");
	}
	if (s == PLS_SPEND) {
		const struct plan_item *bud = plan_find(rec, PLS_BUDGET, 0);
		int64_t total = plan_spend_total(rec), alloc = 0;
		char t[PLAN_MONEY_STR];
		plan_money_format(total, t, sizeof t);
		H(b, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\">Total planned</th>");
		v_td(b, t);
		H(b, "<td class=\"nhsuk-table__cell\"");
		if (can)
			H(b, " colspan=\"2\"");
		H(b, ">");
		if (bud && bud->v[PLF_BUDGET_ALLOCATION] &&
		    !str_to_i64(bud->v[PLF_BUDGET_ALLOCATION], 0, PLAN_MONEY_MAX, &alloc)) {
			char m[PLAN_MONEY_STR];
			if (total > alloc) {
				plan_money_format(total - alloc, m, sizeof m);
				H(b, "<strong class=\"nhsuk-tag nhsuk-tag--red\">Over the allocation by ");
				html_text(b, m);
				H(b, "</strong>");
			} else {
				plan_money_format(alloc - total, m, sizeof m);
				html_text(b, m);
				H(b, " of the allocation left");
			}
		} else {
			H(b, "No allocation recorded");
		}
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody></table>\n");
}

static void section_cards(struct buf *b, struct arena *a, const struct v_plan *d, enum plan_section s, bool can)
{
	const struct plan_record *rec = d->rec;
	enum plan_field f0, f1;
	plan_section_fields(s, &f0, &f1);
	bool any = false;
	for (size_t i = 0; i < rec->n_items; i++) {
		const struct plan_item *it = &rec->items[i];
		if (it->section != s)
			continue;
		any = true;
		if (!plan_section_single(s)) {
			H(b, "<h3>");
			html_text(b, it->v[f0]);
			H(b, "</h3>\n");
		}
		const struct store_plan_own *o = plan_own_mark(d, s, it->id);
		if (o)
			v_written_by(b, o->user_name, o->writer, o->created_ms);
		H(b, "<dl class=\"nhsuk-summary-list\">\n");
		for (enum plan_field f = plan_section_single(s) ? f0 : f0 + 1; f < f1; f++)
			v_summary_row(b, plan_field(f)->label, plan_display(a, it, f, &rec->refs));
		H(b, "</dl>\n");
		if (can && s != PLS_AGREE) {
			H(b, "<p>");
			change_link(b, rec->ep.id, s, it->id, "Change", it->v[f0] ? it->v[f0] : plan_section_noun(s));
			H(b, "</p>\n");
		}
	}
	if (!any)
		H(b, "<p>None recorded yet.</p>\n");
}

void v_plan(struct buf *b, const struct view_page *p, const struct v_plan *d)
{
	const struct plan_record *rec = d->rec;
	const struct store_care_plan *cp = &rec->cp;
	struct arena *a = d->a;
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->error, NULL);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "\">Back to the episode</a></p>\n<span class=\"nhsuk-caption-l\">");
	html_text(b, rec->person.given_name);
	H(b, " ");
	html_text(b, rec->person.family_name);
	H(b, "</span>\n<h1>Care and support plan</h1>\n");
	bool can = !rec->read_only;
	if (rec->read_only)
		H(b, "<div class=\"nhsuk-inset-text\"><p>This episode has ended, so its plan can be read but not "
		     "changed.</p></div>\n");
	H(b, "<dl class=\"nhsuk-summary-list\" id=\"plan-status\">\n");
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Status</dt>"
	     "<dd class=\"nhsuk-summary-list__value\">");
	if (!rec->exists) {
		H(b, "No plan saved yet");
	} else if (strcmp(cp->status, "agreed") == 0) {
		H(b, "Agreed, version ");
		html_i64(b, cp->version);
		H(b, " (agreed on ");
		date_long(b, cp->agreed_date);
		H(b, ")");
	} else {
		H(b, "Draft, version ");
		html_i64(b, cp->version);
	}
	H(b, "</dd></div>\n");
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Next review</dt>"
	     "<dd class=\"nhsuk-summary-list__value\">");
	if (cp->next_review_date) {
		date_long(b, cp->next_review_date);
		char today[CALDATE_STR];
		struct caldate t;
		int64_t days = d->now_ms / 86400000LL;
		if (caldate_from_days((int)days, &t) == CP_OK) {
			caldate_format(t, today, sizeof today);
			if (strcmp(cp->next_review_date, today) < 0)
				H(b, " <strong class=\"nhsuk-tag nhsuk-tag--red\">Overdue</strong>");
		}
	} else {
		H(b, "Not set");
	}
	H(b, "</dd></div>\n");
	if (cp->review_by_name)
		v_summary_row(b, "Review led by", cp->review_by_name);
	if (rec->exists) {
		H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Last saved</dt>"
		     "<dd class=\"nhsuk-summary-list__value\">");
		html_time(b, cp->updated_ms);
		if (cp->updated_by_name) {
			H(b, " by ");
			html_text(b, cp->updated_by_name);
		}
		H(b, "</dd></div>\n");
	}
	if (cp->carried_from_plan_id && rec->ep.previous_episode_id) {
		H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Carried forward</dt>"
		     "<dd class=\"nhsuk-summary-list__value\">From <a href=\"/episodes/");
		html_i64(b, rec->ep.previous_episode_id);
		H(b, "/plan\">the plan of the previous episode</a>, for review</dd></div>\n");
	}
	H(b, "</dl>\n");
	if (rec->n_versions >= 2) {
		H(b, "<p><a href=\"/episodes/");
		html_i64(b, rec->ep.id);
		H(b, "/plan/compare\">Compare versions</a> (");
		html_i64(b, (int64_t)rec->n_versions);
		H(b, " saved)</p>\n");
	}
	if (rec->exists) {
		/* Printed copies (h_pdf.c): the person's, and each carer's as sharing allows. */
		H(b, "<h2 id=\"print\">Print the plan</h2>\n<ul class=\"nhsuk-list\">\n");
		static const struct {
			const char *query, *text;
		} kinds[] = {
			{"", "(PDF)"},
			{"&large=1", "in large print (PDF)"},
			{"&plain=1", "in black and white for photocopying (PDF)"},
		};
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			H(b, "<li><a href=\"/episodes/");
			html_i64(b, rec->ep.id);
			H(b, "/plan.pdf?for=person");
			html_text(b, kinds[k].query);
			H(b, "\">");
			html_text(b, arena_printf(a, "The person's copy %s", kinds[k].text));
			H(b, "</a></li>\n");
		}
		for (size_t g = 0; g < d->n_grants; g++) {
			H(b, "<li><a href=\"/episodes/");
			html_i64(b, rec->ep.id);
			H(b, "/plan.pdf?for=carer-");
			html_i64(b, d->grants[g].carer_user_id);
			H(b, "\">");
			html_text(b, arena_printf(a, "The copy for %s, their carer (PDF)",
						  d->grants[g].carer_name ? d->grants[g].carer_name : "a carer"));
			H(b, "</a>: only the parts of the plan shared with them</li>\n");
		}
		H(b, "</ul>\n");
	}
	/* Contents, for a long plan. */
	H(b, "<nav aria-label=\"Sections of the plan\"><ul class=\"nhsuk-contents-list__list\">\n");
	for (int s = 0; s < PLS__MAX; s++) {
		if (!plan_shown(rec, (enum plan_section)s))
			continue; /* not shared with this reader: not even its name */
		H(b, "<li class=\"nhsuk-contents-list__item\"><a class=\"nhsuk-contents-list__link\" href=\"#");
		html_text(b, plan_section_code((enum plan_section)s));
		H(b, "\">");
		html_text(b, plan_section_label((enum plan_section)s));
		H(b, "</a></li>\n");
	}
	H(b, "</ul></nav>\n");
	for (int si = 0; si < PLS__MAX; si++) {
		enum plan_section s = (enum plan_section)si;
		if (!plan_shown(rec, s))
			continue;
		H(b, "<h2 id=\"");
		html_text(b, plan_section_code(s));
		H(b, "\">");
		html_text(b, plan_section_label(s));
		H(b, "</h2>\n");
		size_t nc;
		if (columns_of(s, &nc))
			section_table(b, a, d, s, can);
		else
			section_cards(b, a, d, s, can);
		if (s == PLS_ACTION) {
			H(b, "<p><a href=\"/episodes/");
			html_i64(b, rec->ep.id);
			H(b, "/plan/actions.csv\" download>Download the actions as a spreadsheet (CSV file)</a></p>\n");
		}
		if (s == PLS_ACTION && d->services)
			v_plan_services(b, rec, d->services); /* after the actions' own links, which stay below them */
		if (!can)
			continue;
		bool have = plan_find(rec, s, 0) != NULL;
		H(b, "<p>");
		if (s == PLS_AGREE)
			change_link(b, rec->ep.id, s, 0, have ? "Change the agreement and review" : "Record the agreement",
				    "");
		else if (!plan_section_single(s) || !have)
			change_link(b, rec->ep.id, s, 0, arena_printf(a, "Add %s", with_article(a, s)), "");
		H(b, "</p>\n");
	}
	v_page_end(b, p);
}

/* ---- one entry's form ------------------------------------------------------------ */

static void label(struct buf *b, const char *id, const char *text)
{
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, id);
	H(b, "\">");
	html_text(b, text);
	H(b, "</label>\n");
}

static void option(struct buf *b, const char *value, const char *text, const char *selected)
{
	H(b, "<option value=\"");
	html_text(b, value);
	if (selected && strcmp(selected, value) == 0)
		H(b, "\" selected>");
	else
		H(b, "\">");
	html_text(b, text);
	H(b, "</option>\n");
}

static void field_input(struct buf *b, struct arena *a, const struct plan_refs *refs, enum plan_field f,
			const char *value, const char *error)
{
	const struct plan_field_info *fi = plan_field(f);
	const char *id = fi->name;
	v_group_begin(b, error);
	if (fi->kind == PLK_CHOICE) {
		size_t n;
		const struct plan_choice *c = plan_choices((enum plan_choice_set)fi->lo, &n);
		H(b, "<fieldset class=\"nhsuk-fieldset\"");
		v_described(b, id, fi->hint, error);
		H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
		html_text(b, fi->label);
		H(b, "</legend>\n");
		v_hint(b, id, fi->hint);
		v_error_message(b, id, error);
		H(b, "<div class=\"nhsuk-radios\">\n");
		for (size_t i = 0; i < n; i++) {
			const char *rid = i ? arena_printf(a, "%s-%zu", id, i + 1) : id;
			H(b, "<div class=\"nhsuk-radios__item\">\n<input class=\"nhsuk-radios__input\" id=\"");
			html_text(b, rid);
			H(b, "\" name=\"");
			html_text(b, id);
			H(b, "\" type=\"radio\" value=\"");
			html_text(b, c[i].code);
			if (value && strcmp(value, c[i].code) == 0)
				H(b, "\" checked>\n");
			else
				H(b, "\">\n");
			H(b, "<label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
			html_text(b, rid);
			H(b, "\">");
			html_text(b, c[i].label);
			H(b, "</label>\n</div>\n");
		}
		H(b, "</div>\n</fieldset>\n</div>\n");
		return;
	}
	label(b, id, fi->label);
	v_hint(b, id, fi->hint);
	v_error_message(b, id, error);
	if (fi->kind == PLK_USER || fi->kind == PLK_CARER || fi->kind == PLK_GOAL) {
		const struct plan_ref *r = fi->kind == PLK_USER ? refs->users : fi->kind == PLK_CARER ? refs->carers : refs->goals;
		size_t n = fi->kind == PLK_USER ? refs->n_users : fi->kind == PLK_CARER ? refs->n_carers : refs->n_goals;
		H(b, "<select class=\"nhsuk-select");
		if (error)
			H(b, " nhsuk-select--error");
		H(b, "\" id=\"");
		html_text(b, id);
		H(b, "\" name=\"");
		html_text(b, id);
		H(b, "\"");
		v_described(b, id, fi->hint, error);
		H(b, ">\n");
		option(b, "", fi->kind == PLK_GOAL ? "No particular goal" : "Choose", value);
		for (size_t i = 0; i < n; i++)
			option(b, arena_printf(a, "%lld", (long long)r[i].id), r[i].name, value);
		H(b, "</select>\n</div>\n");
		return;
	}
	bool area = fi->kind == PLK_AREA;
	if (area)
		H(b, "<textarea class=\"nhsuk-textarea");
	else
		H(b, "<input class=\"nhsuk-input");
	if (error && area)
		H(b, " nhsuk-textarea--error");
	else if (error)
		H(b, " nhsuk-input--error");
	switch (fi->kind) {
	case PLK_DATE: H(b, " nhsuk-input--width-10"); break;
	case PLK_INT: H(b, " nhsuk-input--width-4"); break;
	case PLK_TIME: H(b, " nhsuk-input--width-5"); break;
	case PLK_MONEY: H(b, " nhsuk-input--width-10"); break;
	case PLK_TEXT: H(b, " nhsuk-u-width-two-thirds"); break;
	default: break;
	}
	H(b, "\" id=\"");
	html_text(b, id);
	H(b, "\" name=\"");
	html_text(b, id);
	H(b, "\"");
	v_described(b, id, fi->hint, error);
	if (area) {
		H(b, " rows=\"3\">");
		html_text(b, value);
		H(b, "</textarea>\n</div>\n");
		return;
	}
	H(b, " type=\"text\" autocomplete=\"off\" value=\"");
	html_text(b, value);
	H(b, "\">\n</div>\n");
}

void v_plan_form(struct buf *b, const struct view_page *p, const struct v_plan_form *d)
{
	const struct plan_record *rec = d->rec;
	enum plan_section s = d->section;
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	v_error_summary_full(b, d->conflict ? "plan-form" : NULL, d->conflict, d->errs);
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, rec->person.given_name);
	H(b, " ");
	html_text(b, rec->person.family_name);
	H(b, ": care and support plan</span>\n<h1>");
	if (plan_section_single(s))
		html_text(b, plan_section_label(s));
	else if (d->item_id)
		html_textf(b, "Change this %s", plan_section_noun(s));
	else
		html_textf(b, "Add %s", with_article(d->a, s));
	H(b, "</h1>\n");
	if (d->saved)
		H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span>"
		     "<p>Saved. Some of the words may be hard for the person to read: see the advice below each "
		     "field. Change them and save again if you can, or go back to the plan.</p></div>\n");
	if (s == PLS_AGREE)
		H(b, "<p>Saving this marks the plan as agreed. The next review date is the date agreed plus the "
		     "interval, unless you give a review date.</p>\n");
	H(b, "<form id=\"plan-form\" action=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "/plan/edit\" method=\"post\" novalidate>\n");
	v_hidden(b, "csrf", d->csrf);
	v_hidden(b, "section", plan_section_code(s));
	v_hidden_i64(b, "item", d->item_id);
	v_hidden_i64(b, "plan_version", d->version);
	enum plan_field f0, f1;
	plan_section_fields(s, &f0, &f1);
	for (enum plan_field f = f0; f < f1; f++) {
		const char *value = d->in ? d->in->v[f] : NULL;
		field_input(b, d->a, &rec->refs, f, value, person_error_for(d->errs, plan_field(f)->name));
		/* The person reads the plan: advice on its words, never a refusal. */
		enum plan_kind k = plan_field(f)->kind;
		if (!d->errs && !d->conflict && (k == PLK_TEXT || k == PLK_AREA))
			v_plain_advice(b, plan_field(f)->label, value);
	}
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Save</button>\n</form>\n");
	if (d->item_id && s != PLS_GOAL && s != PLS_ACTION && !plan_section_single(s)) {
		H(b, "<form action=\"/episodes/");
		html_i64(b, rec->ep.id);
		H(b, "/plan/remove\" method=\"post\" novalidate>\n");
		v_hidden(b, "csrf", d->csrf);
		v_hidden_i64(b, "item", d->item_id);
		v_hidden_i64(b, "plan_version", d->version);
		H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" data-module=\"nhsuk-button\">"
		     "Remove this ");
		html_text(b, plan_section_noun(s));
		H(b, "</button>\n</form>\n");
	}
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "/plan#");
	html_text(b, plan_section_code(s));
	H(b, "\">Back to the plan without saving</a></p>\n</div></div>\n");
	v_page_end(b, p);
}

/* ---- comparing versions ---------------------------------------------------------- */

static void version_select(struct buf *b, struct arena *a, const char *id, const char *text,
			   const struct plan_record *rec, int64_t selected)
{
	H(b, "<div class=\"nhsuk-form-group\">\n");
	label(b, id, text);
	H(b, "<select class=\"nhsuk-select\" id=\"");
	html_text(b, id);
	H(b, "\" name=\"");
	html_text(b, id);
	H(b, "\">\n");
	const char *sel = arena_printf(a, "%lld", (long long)selected);
	for (size_t i = 0; i < rec->n_versions; i++) {
		const struct store_plan_version *v = &rec->versions[i];
		option(b, arena_printf(a, "%lld", (long long)v->version),
		       arena_printf(a, "Version %lld (%s)", (long long)v->version,
				    strcmp(v->status, "agreed") == 0 ? "agreed" : "draft"),
		       sel);
	}
	H(b, "</select>\n</div>\n");
}

static void saved_row(struct buf *b, const char *key, const struct store_plan_version *v)
{
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
	html_text(b, key);
	H(b, "</dt><dd class=\"nhsuk-summary-list__value\">Version ");
	html_i64(b, v->version);
	H(b, ", saved ");
	html_time(b, v->saved_ms);
	H(b, " by ");
	html_text(b, v->user_name ? v->user_name : "the system");
	H(b, "</dd></div>\n");
}

void v_plan_compare(struct buf *b, const struct view_page *p, const struct v_plan_compare *d)
{
	const struct plan_record *rec = d->rec;
	v_page_begin(b, p);
	v_error_summary_full(b, "from", d->error, NULL);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "/plan\">Back to the plan</a></p>\n<span class=\"nhsuk-caption-l\">");
	html_text(b, rec->person.given_name);
	H(b, " ");
	html_text(b, rec->person.family_name);
	H(b, "</span>\n<h1>Compare versions of the plan</h1>\n");
	if (rec->n_versions < 2) {
		H(b, "<p>There is only one saved version so far, so there is nothing to compare.</p>\n");
		v_page_end(b, p);
		return;
	}
	H(b, "<form action=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "/plan/compare\" method=\"get\" novalidate>\n");
	version_select(b, d->a, "from", "Earlier version", rec, d->from);
	version_select(b, d->a, "to", "Later version", rec, d->to);
	H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\" data-module=\"nhsuk-button\">"
	     "Compare</button>\n</form>\n");
	/* Every saved version, so people can pick the ones to compare. */
	H(b, "<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\"><span "
	     "class=\"nhsuk-details__summary-text\">Every saved version</span></summary>\n<div "
	     "class=\"nhsuk-details__text\"><table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
	     "nhsuk-u-visually-hidden\">Saved versions, newest first</caption>\n<thead class=\"nhsuk-table__head\">"
	     "<tr class=\"nhsuk-table__row\">");
	v_th(b, "Version");
	v_th(b, "Status");
	v_th(b, "Saved");
	v_th(b, "By");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < rec->n_versions; i++) {
		const struct store_plan_version *v = &rec->versions[i];
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_i64(b, v->version);
		H(b, "</td>");
		v_td(b, strcmp(v->status, "agreed") == 0 ? "Agreed" : "Draft");
		H(b, "<td class=\"nhsuk-table__cell\">");
		html_time(b, v->saved_ms);
		H(b, "</td>");
		v_td(b, v->user_name);
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table></div></details>\n");
	const struct plan_comparison *cmp = d->cmp;
	if (!cmp) {
		v_page_end(b, p);
		return;
	}
	H(b, "<dl class=\"nhsuk-summary-list\">\n");
	saved_row(b, "From", &cmp->from);
	saved_row(b, "To", &cmp->to);
	H(b, "</dl>\n");
	if (!cmp->n) {
		H(b, "<p>These two versions say the same.</p>\n");
		v_page_end(b, p);
		return;
	}
	int section = -2;
	const char *key = NULL;
	for (size_t i = 0; i < cmp->n; i++) {
		const struct plan_change *c = &cmp->changes[i];
		int sec = c->section == PLS__MAX ? -1 : (int)c->section;
		bool new_sec = sec != section, new_key = new_sec || !key || strcmp(key, c->key) != 0;
		if (new_key && key)
			H(b, "</tbody></table>\n");
		if (new_sec) {
			H(b, "<h2>");
			html_text(b, sec < 0 ? "The plan" : plan_section_label(c->section));
			H(b, "</h2>\n");
			section = sec;
		}
		if (new_key) {
			H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">");
			html_text(b, c->title);
			if (c->item_added)
				H(b, " <strong class=\"nhsuk-tag nhsuk-tag--green\">Added</strong>");
			else if (c->item_removed)
				H(b, " <strong class=\"nhsuk-tag nhsuk-tag--red\">Removed</strong>");
			else
				H(b, " <strong class=\"nhsuk-tag nhsuk-tag--blue\">Changed</strong>");
			H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
			v_th(b, "What");
			v_th(b, arena_printf(d->a, "Version %lld", (long long)cmp->from.version));
			v_th(b, arena_printf(d->a, "Version %lld", (long long)cmp->to.version));
			H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
			key = c->key;
		}
		H(b, "<tr class=\"nhsuk-table__row\">");
		v_td(b, c->field_label);
		H(b, "<td class=\"nhsuk-table__cell\">");
		if (c->before) {
			if (c->kind == PLAN_REMOVED)
				H(b, "<del>");
			html_text(b, c->before);
			if (c->kind == PLAN_REMOVED)
				H(b, "</del>");
		} else {
			H(b, "(none)");
		}
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (c->after) {
			H(b, "<ins>");
			html_text(b, c->after);
			H(b, "</ins>");
		} else {
			H(b, "(none)");
		}
		H(b, "</td></tr>\n");
	}
	if (key)
		H(b, "</tbody></table>\n");
	v_page_end(b, p);
}
