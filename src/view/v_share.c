/* v_share.c - the sharing settings page (view_share.h). */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "view_form.h"
#include "view_share.h"

/* The audiences a form shows besides the named carers, in order, with how
 * the person and the team read them. */
static const struct {
	unsigned bit;
	const char *own, *team;
} audiences[] = {
	{SA_PERSON, "You", "The person themself"},
	{SA_CARER, "Any carer you let see your plan later", "Any carer they let see their plan later"},
	{SA_HEALTH, "Health staff in your care team (such as nurses, doctors and therapists)",
	 "Health staff in their care team (such as nurses, doctors and therapists)"},
	{SA_SOCIAL, "Social care staff in your care team", "Social care staff in their care team"},
	{SA_TEAM, "Everyone in the team working with you", "Everyone in the team working with them"},
};

static bool sent(const struct v_share *d, const char *name)
{
	for (size_t i = 0; i < d->n_ticked; i++)
		if (strcmp(d->ticked[i], name) == 0)
			return true;
	return false;
}

static void checkbox(struct buf *b, const char *name, bool checked, const char *label, const char *extra)
{
	H(b, "<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"");
	html_text(b, name);
	H(b, "\" name=\"");
	html_text(b, name);
	H(b, "\" type=\"checkbox\" value=\"yes\"");
	if (checked)
		H(b, " checked");
	H(b, "><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"");
	html_text(b, name);
	H(b, "\">");
	html_text(b, label);
	if (extra)
		html_text(b, extra);
	H(b, "</label></div>\n");
}

/* Who a mask lets in, in plain words, e.g. "you, social care staff". */
static void mask_words(struct buf *b, const struct v_share *d, int64_t mask)
{
	bool any = false;
	for (size_t i = 0; i < sizeof audiences / sizeof audiences[0]; i++) {
		if (!(mask & audiences[i].bit))
			continue;
		if (any)
			H(b, "; ");
		const char *w = d->own ? audiences[i].own : audiences[i].team;
		html_text(b, w);
		any = true;
	}
	if (!any)
		H(b, "nobody");
}

static void section_fieldset(struct buf *b, const struct v_share *d, enum share_section s)
{
	const struct share_settings *st = d->st;
	const char *code = share_code(s);
	char name[96];
	H(b, "<div class=\"nhsuk-form-group\">\n<fieldset class=\"nhsuk-fieldset\" aria-describedby=\"");
	html_text(b, code);
	H(b, "-hint\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--m\">"
	     "<h2 class=\"nhsuk-fieldset__heading\">");
	html_text(b, share_heading(s));
	H(b, "</h2></legend>\n<div class=\"nhsuk-hint\" id=\"");
	html_text(b, code);
	H(b, "-hint\">");
	html_text(b, d->own ? "This is " : "What it holds, in the words the person reads: ");
	html_text(b, share_about(s));
	H(b, ".");
	if (!st->stored[s])
		H(b, " Still as Careplan first set it.");
	H(b, "</div>\n");
	if (share_person_fixed(s) && d->own)
		H(b, "<p>You can always see this part: it is your plan.</p>\n");
	else if (share_person_fixed(s))
		H(b, "<p>The person can always see this part: it is their plan.</p>\n");
	H(b, "<div class=\"nhsuk-checkboxes\">\n");
	for (size_t i = 0; i < sizeof audiences / sizeof audiences[0]; i++) {
		unsigned bit = audiences[i].bit;
		if (bit == SA_PERSON && share_person_fixed(s))
			continue;
		snprintf(name, sizeof name, "a.%s.%s", code, share_audience_code(bit));
		bool on = d->ticked ? sent(d, name) : (st->mask[s] & bit) != 0;
		checkbox(b, name, on, d->own ? audiences[i].own : audiences[i].team, NULL);
	}
	for (size_t k = 0; k < st->n_carers; k++) {
		snprintf(name, sizeof name, "c.%s.%lld", code, (long long)st->carers[k].user_id);
		bool on = d->ticked ? sent(d, name) : st->carer_allowed[k * SHARE__MAX + (size_t)s];
		checkbox(b, name, on, st->carers[k].name, d->own ? ", your carer" : ", their carer");
	}
	H(b, "</div>\n</fieldset>\n</div>\n");
}

static void history(struct buf *b, const struct v_share *d)
{
	const struct share_settings *st = d->st;
	H(b, "<h2>Changes</h2>\n");
	if (st->n_history == 0) {
		H(b, "<p>Nobody has changed these settings yet: every part is as Careplan first set it.</p>\n");
		return;
	}
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
	     "Changes to who can see each part</caption>\n<thead class=\"nhsuk-table__head\">"
	     "<tr class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">When</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Who</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Part</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Before</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">After</th></tr></thead>\n"
	     "<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < st->n_history; i++) {
		const struct store_share_change *h = &st->history[i];
		enum share_section s = share_from_code(h->section);
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_time(b, h->changed_ms);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		html_text(b, h->who_name ? h->who_name : "Careplan");
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		html_text(b, s < SHARE__MAX ? share_heading(s) : h->section);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (h->carer_user_id) {
			html_text(b, h->carer_name ? h->carer_name : "a carer");
			html_text(b, h->before < 0 ? ": as for any carer" : h->before ? ": may see it" : ": may not see it");
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, h->carer_name ? h->carer_name : "a carer");
			html_text(b, h->after ? ": may see it" : ": may not see it");
		} else {
			if (h->before < 0)
				H(b, "As Careplan first set it: ");
			mask_words(b, d, h->before < 0 ? (int64_t)share_default(s) : h->before);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			mask_words(b, d, h->after);
		}
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody></table>\n");
}

void v_share(struct buf *b, const struct view_page *p, const struct v_share *d)
{
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, d->error_field, d->error);
	v_notice(b, d->notice);
	if (d->own) {
		H(b, "<h1>Who can see each part of my plan</h1>\n<p>Your plan has parts. For each part, tick who may see "
		     "it. Your care team can help you decide. A change works straight away.</p>\n"
		     "<p>\"Everyone in the team working with you\" includes the health and social care staff in your "
		     "care team.</p>\n");
	} else {
		H(b, "<h1>Who can see each part of ");
		html_text(b, d->person_name);
		H(b, "'s plan</h1>\n<p>Record here what the person has agreed. Their carers and the team see only the "
		     "parts ticked for them; the person can change this themself at any time.</p>\n"
		     "<p>\"Everyone in the team working with them\" includes the health and social care staff in their "
		     "care team.</p>\n");
	}
	H(b, "<form method=\"post\" action=\"");
	html_text(b, d->action);
	H(b, "\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)d->st->version);
	v_hidden(b, "version", v);
	for (int s = 0; s < SHARE__MAX; s++)
		section_fieldset(b, d, (enum share_section)s);
	if (!d->own) {
		bool aerr = d->error && d->error_field && strcmp(d->error_field, "agreed") == 0;
		v_group_begin(b, aerr ? d->error : NULL);
		H(b, "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">"
		     "Agreement</legend>\n");
		if (aerr)
			v_error_message(b, "agreed", d->error);
		H(b, "<div class=\"nhsuk-checkboxes\">");
		checkbox(b, "agreed", false, "I have agreed this with ", d->person_name);
		H(b, "</div>\n</fieldset>\n</div>\n");
	}
	H(b, "<button class=\"nhsuk-button\" type=\"submit\">Save who can see each part</button>\n</form>\n");
	history(b, d);
	if (d->own)
		H(b, "<p><a href=\"/\">Back to my home page</a></p>\n");
	else {
		H(b, "<p><a href=\"/people/");
		html_i64(b, d->person_id);
		H(b, "\">Back to ");
		html_text(b, d->person_name);
		H(b, "</a></p>\n");
	}
	v_page_end(b, p);
}
