/*
 * v_people.c - finding a person, their record, and the forms that add or
 * change a person and add a contact.
 *
 * Forms follow the NHS.UK design system: every input has a label; a hint is
 * tied to its input with aria-describedby, and so is an error message, which
 * starts with a visually hidden "Error:"; an error summary at the top links
 * to each field in the wrong.  Forms always show what was typed.
 *
 * Field names, labels and limits come from person_field.def and
 * contact_field.def (through person.h); what only a page needs (hints,
 * widths, input types, section headings) is in the tables below, one row a
 * field.  Field names and ids are the program's own constants but go
 * through html_text like any other value.
 */
#include <string.h>

#include "html.h"
#include "view_my.h"
#include "view.h"
#include "view_form.h"

/* How a field looks on a form. */
struct look {
	const char *hint;    /* NULL: none */
	const char *width;   /* a width class, NULL: full width */
	const char *type;    /* input type, NULL: "text"; "textarea" for a text area */
	const char *mode;    /* inputmode, NULL: none */
	bool code;           /* spellcheck off (names, numbers, addresses) */
	const char *section; /* a heading before the field, NULL: none */
};

static const struct look person_look[PF__MAX] = {
	[PF_GIVEN_NAME] = {NULL, "nhsuk-u-width-two-thirds", NULL, NULL, true, "About them"},
	[PF_FAMILY_NAME] = {NULL, "nhsuk-u-width-two-thirds", NULL, NULL, true, NULL},
	[PF_PREFERRED_NAME] = {"What they like to be called, if that is not their given name",
			       "nhsuk-u-width-two-thirds", NULL, NULL, true, NULL},
	[PF_BIRTH_DATE] = {"Year, month and day, like 1953-01-22", "nhsuk-input--width-10", NULL, "numeric", true,
			   NULL},
	[PF_NHS_NUMBER] = {"10 digits, like 999 123 4567", "nhsuk-input--width-10", NULL, "numeric", true, NULL},
	[PF_ADDRESS] = {NULL, NULL, "textarea", NULL, true, "How to reach them"},
	[PF_POSTCODE] = {NULL, "nhsuk-input--width-10", NULL, NULL, true, NULL},
	[PF_PHONE] = {"For example, 01632 960123 or 07700 900123", "nhsuk-input--width-20", "tel", NULL, true, NULL},
	[PF_EMAIL] = {NULL, "nhsuk-u-width-two-thirds", "email", NULL, true, NULL},
	[PF_GP_PRACTICE] = {NULL, "nhsuk-u-width-two-thirds", NULL, NULL, false, NULL},
	[PF_COMMUNICATION_NEEDS] = {"For example, uses British Sign Language, needs large print, or speaks Polish "
				    "and needs an interpreter",
				    NULL, "textarea", NULL, false, "What they need from us"},
	[PF_REASONABLE_ADJUSTMENTS] = {"Changes services should make for them, for example a longer appointment, a "
				       "quiet room, or a carer present",
				       NULL, "textarea", NULL, false, NULL},
};

static const struct look contact_look[CF__MAX] = {
	[CF_NAME] = {NULL, "nhsuk-u-width-two-thirds", NULL, NULL, true, NULL},
	[CF_RELATIONSHIP] = {"For example, daughter, husband, friend or neighbour", "nhsuk-u-width-one-half", NULL,
			     NULL, false, NULL},
	[CF_PHONE] = {"For example, 07700 900123", "nhsuk-input--width-20", "tel", NULL, true, NULL},
	[CF_EMAIL] = {NULL, "nhsuk-u-width-two-thirds", "email", NULL, true, NULL},
};

static const struct look search_name_look = {"Their family, given or preferred name, or the start of it, like "
					     "Hughes or Marg Hug",
					     "nhsuk-u-width-two-thirds", NULL, NULL, true, NULL};

/* ---- pieces ------------------------------------------------------------------- */

static void error_summary_begin(struct buf *b)
{
	H(b, "<div class=\"nhsuk-error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\" "
	     "tabindex=\"-1\">\n<h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">"
	     "There is a problem</h2>\n<div class=\"nhsuk-error-summary__body\">\n");
}

static void error_summary_list(struct buf *b, const struct person_errors *errs)
{
	if (!errs || !errs->n)
		return;
	H(b, "<ul class=\"nhsuk-list nhsuk-error-summary__list\">\n");
	for (size_t i = 0; i < errs->n; i++) {
		H(b, "<li><a href=\"#");
		html_text(b, errs->e[i].field);
		H(b, "\">");
		html_text(b, errs->e[i].message);
		H(b, "</a></li>\n");
	}
	H(b, "</ul>\n");
}

static void error_summary_end(struct buf *b)
{
	H(b, "</div>\n</div>\n");
}

/* One labelled input or text area with its hint and error, keeping value;
 * optional adds "(optional)" to the label. */
static void field(struct buf *b, const struct person_field_info *f, const struct look *lk, const char *value,
		  const char *error, bool optional)
{
	if (lk->section) {
		H(b, "<h2 class=\"nhsuk-heading-m\">");
		html_text(b, lk->section);
		H(b, "</h2>\n");
	}
	if (error)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, f->name);
	H(b, "\">");
	html_text(b, f->label);
	if (optional)
		H(b, " (optional)");
	H(b, "</label>\n");
	if (lk->hint) {
		H(b, "<div class=\"nhsuk-hint\" id=\"");
		html_text(b, f->name);
		H(b, "-hint\">");
		html_text(b, lk->hint);
		H(b, "</div>\n");
	}
	if (error) {
		H(b, "<span class=\"nhsuk-error-message\" id=\"");
		html_text(b, f->name);
		H(b, "-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(b, error);
		H(b, "</span>\n");
	}
	bool area = lk->type && strcmp(lk->type, "textarea") == 0;
	if (area)
		H(b, "<textarea class=\"nhsuk-textarea");
	else
		H(b, "<input class=\"nhsuk-input");
	if (error) {
		if (area)
			H(b, " nhsuk-textarea--error");
		else
			H(b, " nhsuk-input--error");
	}
	if (lk->width) {
		H(b, " ");
		html_text(b, lk->width);
	}
	H(b, "\" id=\"");
	html_text(b, f->name);
	H(b, "\" name=\"");
	html_text(b, f->name);
	H(b, "\"");
	if (lk->hint || error) {
		H(b, " aria-describedby=\"");
		if (lk->hint) {
			html_text(b, f->name);
			H(b, "-hint");
		}
		if (error) {
			if (lk->hint)
				H(b, " ");
			html_text(b, f->name);
			H(b, "-error");
		}
		H(b, "\"");
	}
	/* Someone else's details: the browser must not offer the user's own. */
	H(b, " autocomplete=\"off\"");
	if (lk->code)
		H(b, " spellcheck=\"false\"");
	if (lk->mode) {
		H(b, " inputmode=\"");
		html_text(b, lk->mode);
		H(b, "\"");
	}
	if (area) {
		H(b, " rows=\"4\">");
		html_text(b, value);
		H(b, "</textarea>\n</div>\n");
		return;
	}
	H(b, " type=\"");
	html_text(b, lk->type ? lk->type : "text");
	H(b, "\" value=\"");
	html_text(b, value);
	H(b, "\">\n</div>\n");
}

static void csrf_field(struct buf *b, const char *csrf)
{
	H(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, csrf);
	H(b, "\">\n");
}

/* Text with its line breaks kept. */
static void text_lines(struct buf *b, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		struct buf line;
		buf_init(&line, n + 1);
		buf_add(&line, s, n);
		html_text(b, line.data);
		buf_free(&line);
		if (!nl)
			break;
		H(b, "<br>");
		s = nl + 1;
	}
}

/* A summary-list row whose value, when lines is set, keeps its line breaks. */
static void row(struct buf *b, const char *key, const char *value, bool lines)
{
	if (!lines || !value || !*value) {
		v_summary_row(b, key, value);
		return;
	}
	v_summary_row_begin(b, key);
	text_lines(b, value);
	v_summary_row_end(b);
}

static void person_link(struct buf *b, int64_t id, const char *suffix)
{
	H(b, "/people/");
	html_i64(b, id);
	html_text(b, suffix);
}

/* ---- find a person ------------------------------------------------------------------ */

void v_people_search(struct buf *b, const struct view_page *p, const struct v_people_search *d)
{
	const struct person_errors *errs = d->errs;
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	if (errs && errs->n) {
		error_summary_begin(b);
		error_summary_list(b, errs);
		error_summary_end(b);
	}
	H(b, "<h1>Find a person</h1>\n"
	     "<p>Search by any of these. You find the people in your care: in a care team you are part of, or "
	     "looked after by your team. Someone else is found only by their exact NHS number. Every person "
	     "found is shown with their NHS number so you can be sure you have the right one. Searches are "
	     "recorded.</p>\n"
	     "<form action=\"/people\" method=\"get\" novalidate>\n");
	field(b, person_search_field(PS_NAME), &search_name_look, d->in ? d->in->name : NULL,
	      person_error_for(errs, "name"), false);
	field(b, person_search_field(PS_BIRTH_DATE), &person_look[PF_BIRTH_DATE], d->in ? d->in->birth_date : NULL,
	      person_error_for(errs, "birth_date"), false);
	field(b, person_search_field(PS_NHS_NUMBER), &person_look[PF_NHS_NUMBER], d->in ? d->in->nhs_number : NULL,
	      person_error_for(errs, "nhs_number"), false);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Search</button>\n"
	     "</form>\n"
	     "<p>If they are not recorded yet, <a href=\"/people/new\">add a new person</a>.</p>\n"
	     "</div></div>\n");
	if (d->searched) {
		H(b, "<h2 id=\"results\">");
		if (d->total == 0)
			H(b, "No one found");
		else if (d->total == 1)
			H(b, "1 person found");
		else
			html_textf(b, "%lld people found", (long long)d->total);
		H(b, "</h2>\n");
		if (d->total == 0)
			H(b, "<p>Check the spelling, try the start of the name only, or search by NHS number.</p>\n");
		if ((int64_t)d->n < d->total) {
			H(b, "<p>Showing the first ");
			html_i64(b, (int64_t)d->n);
			H(b, ". Add their date of birth or NHS number to find fewer people.</p>\n");
		}
		if (d->n) {
			H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
			     "People found</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
			v_th(b, "Name");
			v_th(b, "Date of birth");
			v_th(b, "NHS number");
			v_th(b, "Postcode");
			H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
			for (size_t i = 0; i < d->n; i++) {
				const struct store_person *ps = &d->found[i];
				if (d->outside && d->outside[i]) {
					/* Not in the searcher's care: the name and date of
					 * birth to be sure of who it is, and the way in. */
					char dob_text[32];
					H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
					html_text(b, ps->family_name);
					H(b, ", ");
					html_text(b, ps->given_name);
					H(b, "</td>");
					v_td(b, v_date_long(dob_text, ps->birth_date));
					H(b, "<td class=\"nhsuk-table__cell\" colspan=\"2\"><strong class=\"nhsuk-tag "
					     "nhsuk-tag--grey\">Not in your care</strong> You are not in their care team or "
					     "their team. In an emergency, <a href=\"");
					person_link(b, ps->id, "");
					H(b, "\">ask for break-glass access<span class=\"nhsuk-u-visually-hidden\"> to ");
					html_text(b, ps->given_name);
					H(b, " ");
					html_text(b, ps->family_name);
					H(b, "'s record</span></a>: you give a reason, and it is recorded and shown to the "
					     "person and your team manager.</td></tr>\n");
					continue;
				}
				H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"");
				person_link(b, ps->id, "");
				H(b, "\">");
				html_text(b, ps->family_name);
				H(b, ", ");
				html_text(b, ps->given_name);
				if (ps->preferred_name) {
					H(b, " (");
					html_text(b, ps->preferred_name);
					H(b, ")");
				}
				H(b, "</a></td>");
				char dob_text[32], nhs_text[16];
				v_td(b, v_date_long(dob_text, ps->birth_date));
				v_td(b, person_nhs_spaced(nhs_text, ps->nhs_number));
				v_td(b, ps->postcode);
				H(b, "</tr>\n");
			}
			H(b, "</tbody></table>\n");
		}
	}
	v_page_end(b, p);
}

/* ---- a person's record -------------------------------------------------------------- */

static void contact_roles(struct buf *b, const struct store_contact *k)
{
	const char *names[4];
	size_t n = 0;
	if (k->is_carer)
		names[n++] = "Carer";
	if (k->is_representative)
		names[n++] = "Representative";
	if (k->is_next_of_kin)
		names[n++] = "Next of kin";
	if (k->is_emergency)
		names[n++] = "Emergency contact";
	H(b, "<td class=\"nhsuk-table__cell\">");
	if (!n)
		H(b, "-");
	for (size_t i = 0; i < n; i++) {
		if (i)
			H(b, "<br>");
		html_text(b, names[i]);
	}
	H(b, "</td>");
}

/* The person's episodes of care planning, the open one first, and the way
 * to start one when none is open. */
static void episodes(struct buf *b, const struct v_person *d)
{
	const struct store_person *ps = &d->rec->person;
	H(b, "<h2 id=\"episodes\">Episodes of care planning</h2>\n");
	bool open = false;
	if (d->n_episodes == 0) {
		H(b, "<p>No episodes recorded.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Episodes</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
		v_th(b, "Episode");
		v_th(b, "Stage");
		v_th(b, "Level of care");
		v_th(b, "Started");
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->n_episodes; i++) {
			const struct store_episode *e = &d->episodes[i];
			enum episode_stage st = episode_stage_from_code(e->stage);
			open |= episode_stage_open(st);
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"/episodes/");
			html_i64(b, e->id);
			H(b, "\">");
			if (episode_stage_open(st))
				H(b, "Current episode");
			else
				H(b, "Earlier episode");
			H(b, "</a></td>");
			v_td(b, episode_stage_label(st));
			v_td(b, episode_level_label(episode_level_from_number(e->level)));
			H(b, "<td class=\"nhsuk-table__cell\">");
			html_time(b, e->started_ms);
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	if (!open) {
		H(b, "<p><a href=\"");
		person_link(b, ps->id, "/episodes/new");
		H(b, "\">Start an episode<span class=\"nhsuk-u-visually-hidden\"> for ");
		html_text(b, ps->given_name);
		H(b, " ");
		html_text(b, ps->family_name);
		H(b, "</span></a></p>\n");
	}
}

void v_person(struct buf *b, const struct view_page *p, const struct v_person *d)
{
	const struct store_person *ps = &d->rec->person;
	v_page_begin(b, p);
	H(b, "<p><a href=\"/people\">Find another person</a></p>\n"
	     "<span class=\"nhsuk-caption-l\">NHS number ");
	char nhs[16], dob[32];
	html_text(b, person_nhs_spaced(nhs, ps->nhs_number));
	H(b, "</span>\n<h1>");
	html_text(b, ps->given_name);
	H(b, " ");
	html_text(b, ps->family_name);
	H(b, "</h1>\n");
	/* After discharge to self-care the route back comes first: it is what
	 * anyone picking up the record needs to know. */
	if (d->route_back) {
		H(b, "<div class=\"nhsuk-card nhsuk-card--feature\" id=\"route-back\"><div class=\"nhsuk-card__content "
		     "nhsuk-card__content--feature\">\n<h2 class=\"nhsuk-card__heading nhsuk-card__heading--feature\">"
		     "Discharged to self-care: the route back</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		row(b, "Who to call", d->route_back->sos_who, false);
		row(b, "Their number", d->route_back->sos_phone, false);
		row(b, "How", d->route_back->sos_how, true);
		H(b, "</dl>\n</div></div>\n");
	}
	if (d->about)
		v_about_card(b, d->about);
	H(b, "<h2 id=\"details\">Personal details</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	for (int f = 0; f < PF__MAX; f++) {
		const struct person_field_info *fi = person_field((enum person_field)f);
		const char *v = person_field_value(ps, (enum person_field)f);
		if (f == PF_NHS_NUMBER)
			v = person_nhs_spaced(nhs, v);
		else if (f == PF_BIRTH_DATE)
			v = v_date_long(dob, v);
		row(b, fi->label, v, fi->kind == PK_LINES);
	}
	row(b, "Care team", d->team_name, false);
	H(b, "</dl>\n<p><a href=\"");
	person_link(b, ps->id, "/edit");
	H(b, "\">Change personal details<span class=\"nhsuk-u-visually-hidden\"> for ");
	html_text(b, ps->given_name);
	H(b, " ");
	html_text(b, ps->family_name);
	H(b, "</span></a></p>\n<p><a href=\"");
	person_link(b, ps->id, "/access");
	H(b, "\">Access to Careplan: invitations for them and their carers</a></p>\n<p><a href=\"");
	person_link(b, ps->id, "/sharing");
	H(b, "\">Who can see each part of the plan: what they agreed about sharing</a></p>\n"
	     "<h2 id=\"contacts\">Contacts</h2>\n");
	if (d->rec->n_contacts == 0) {
		H(b, "<p>No contacts recorded.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Contacts</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
		v_th(b, "Name");
		v_th(b, "Relationship");
		v_th(b, "Role");
		v_th(b, "Phone");
		v_th(b, "Email");
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->rec->n_contacts; i++) {
			const struct store_contact *k = &d->rec->contacts[i];
			H(b, "<tr class=\"nhsuk-table__row\">");
			v_td(b, k->name);
			v_td(b, k->relationship);
			contact_roles(b, k);
			v_td(b, k->phone);
			v_td(b, k->email);
			H(b, "</tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	H(b, "<p><a href=\"");
	person_link(b, ps->id, "/contacts/new");
	H(b, "\">Add a contact<span class=\"nhsuk-u-visually-hidden\"> for ");
	html_text(b, ps->given_name);
	H(b, " ");
	html_text(b, ps->family_name);
	H(b, "</span></a></p>\n");
	episodes(b, d);
	H(b, "<p class=\"nhsuk-body-s\">Details last changed on ");
	html_time(b, ps->updated_ms);
	H(b, ".</p>\n");
	v_page_end(b, p);
}

/* ---- adding or changing a person -------------------------------------------------------- */

/* On a conflict, what the record says now where it differs from the form. */
static void conflict_list(struct buf *b, const struct v_person_form *d)
{
	if (!d->current || !d->differs)
		return;
	bool any = false;
	for (int f = 0; f < PF__MAX; f++)
		any |= d->differs[f];
	if (!any)
		return;
	H(b, "<p>The record now says:</p>\n<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
	for (int f = 0; f < PF__MAX; f++) {
		if (!d->differs[f])
			continue;
		const char *v = person_field_value(d->current, (enum person_field)f);
		char nhs[16];
		if (f == PF_NHS_NUMBER)
			v = person_nhs_spaced(nhs, v);
		H(b, "<li>");
		html_text(b, person_field((enum person_field)f)->label);
		H(b, ": ");
		if (v)
			text_lines(b, v);
		else
			H(b, "not recorded");
		H(b, "</li>\n");
	}
	H(b, "</ul>\n");
}

void v_person_form(struct buf *b, const struct view_page *p, const struct v_person_form *d)
{
	const struct person_errors *errs = d->errs;
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	if (d->conflict || (errs && errs->n)) {
		error_summary_begin(b);
		if (d->conflict) {
			H(b, "<p>Someone else changed these details while you were working on them, so your "
			     "changes have not been saved. What you typed is still below: check it against the "
			     "record as it is now, then save again to replace their changes with yours.</p>\n");
			conflict_list(b, d);
		}
		if (d->existing_id) {
			H(b, "<p>A person with this NHS number is already recorded: <a href=\"");
			person_link(b, d->existing_id, "");
			H(b, "\">go to their record</a>.</p>\n");
		}
		error_summary_list(b, errs);
		error_summary_end(b);
	}
	if (d->id) {
		H(b, "<span class=\"nhsuk-caption-l\">");
		html_text(b, d->name);
		H(b, "</span>\n<h1>Change personal details</h1>\n<form action=\"");
		person_link(b, d->id, "/edit");
		H(b, "\" method=\"post\" novalidate>\n");
	} else {
		H(b, "<h1>Add a person</h1>\n"
		     "<p>Check they are not recorded already by <a href=\"/people\">finding them</a> first.</p>\n"
		     "<form action=\"/people/new\" method=\"post\" novalidate>\n");
	}
	csrf_field(b, d->csrf);
	if (d->id) {
		H(b, "<input type=\"hidden\" name=\"version\" value=\"");
		html_i64(b, d->version);
		H(b, "\">\n");
	}
	for (int f = 0; f < PF__MAX; f++) {
		const struct person_field_info *fi = person_field((enum person_field)f);
		field(b, fi, &person_look[f], d->in ? d->in->v[f] : NULL, person_error_for(errs, fi->name),
		      !fi->missing);
	}
	if (d->id)
		H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Save changes</button>\n");
	else
		H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Add person</button>\n");
	H(b, "</form>\n<p><a href=\"");
	if (d->id)
		person_link(b, d->id, "");
	else
		H(b, "/people");
	H(b, "\">Cancel</a></p>\n</div></div>\n");
	v_page_end(b, p);
}

/* ---- adding a contact ---------------------------------------------------------------------- */

static void checkbox(struct buf *b, const char *name, const char *label, bool checked)
{
	H(b, "<div class=\"nhsuk-checkboxes__item\">\n<input class=\"nhsuk-checkboxes__input\" id=\"");
	html_text(b, name);
	H(b, "\" name=\"");
	html_text(b, name);
	if (checked)
		H(b, "\" type=\"checkbox\" value=\"yes\" checked>\n");
	else
		H(b, "\" type=\"checkbox\" value=\"yes\">\n");
	H(b, "<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"");
	html_text(b, name);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>\n</div>\n");
}

void v_contact_form(struct buf *b, const struct view_page *p, const struct v_contact_form *d)
{
	const struct person_errors *errs = d->errs;
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	if (errs && errs->n) {
		error_summary_begin(b);
		error_summary_list(b, errs);
		error_summary_end(b);
	}
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, d->person_name);
	H(b, "</span>\n<h1>Add a contact</h1>\n"
	     "<p>A relative, friend or neighbour who is part of their life. Professionals involved in their "
	     "care belong in their care team, not here.</p>\n<form action=\"");
	person_link(b, d->person_id, "/contacts/new");
	H(b, "\" method=\"post\" novalidate>\n");
	csrf_field(b, d->csrf);
	for (int f = 0; f < CF__MAX; f++) {
		const struct person_field_info *fi = contact_field((enum contact_field)f);
		field(b, fi, &contact_look[f], d->in ? d->in->v[f] : NULL, person_error_for(errs, fi->name),
		      !fi->missing);
		if (f == CF_RELATIONSHIP) {
			H(b, "<div class=\"nhsuk-form-group\">\n<fieldset class=\"nhsuk-fieldset\" "
			     "aria-describedby=\"roles-hint\">\n<legend class=\"nhsuk-fieldset__legend "
			     "nhsuk-fieldset__legend--s\">What they do for the person (optional)</legend>\n"
			     "<div class=\"nhsuk-hint\" id=\"roles-hint\">Select all that apply</div>\n"
			     "<div class=\"nhsuk-checkboxes\">\n");
			const struct contact_input *in = d->in;
			checkbox(b, "is_carer", "Carer: gives them care and support", in && in->is_carer);
			checkbox(b, "is_representative", "Representative: may speak for them",
				 in && in->is_representative);
			checkbox(b, "is_next_of_kin", "Next of kin", in && in->is_next_of_kin);
			checkbox(b, "is_emergency", "Emergency contact", in && in->is_emergency);
			H(b, "</div>\n</fieldset>\n</div>\n");
		}
	}
	H(b, "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Add contact</button>\n"
	     "</form>\n<p><a href=\"");
	person_link(b, d->person_id, "");
	H(b, "\">Cancel</a></p>\n</div></div>\n");
	v_page_end(b, p);
}
