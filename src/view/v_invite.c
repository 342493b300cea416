/* v_invite.c - access pages: invitations and carers' grants (view_invite.h). */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "../domain/transparency.h"
#include "view_form.h"
#include "view_invite.h"

static void person_name(struct buf *b, const struct store_person *p)
{
	html_text(b, p->given_name);
	H(b, " ");
	html_text(b, p->family_name);
}

/* The table of a person's carers' grants; with_withdraw adds a withdraw
 * button to each live one, posting to action. */
static void grants_table(struct buf *b, const char *csrf, const struct store_grant *g, size_t n, const char *action,
			 const char *caption)
{
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
	html_text(b, caption);
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Carer</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Access</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\"><span class=\"nhsuk-u-visually-hidden\">Action"
	     "</span></th></tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(b, g[i].carer_name);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (g[i].withdrawn_ms) {
			H(b, "Withdrawn on ");
			html_time(b, g[i].withdrawn_ms);
		} else {
			H(b, "Can see the plan");
			if (g[i].granted_ms) {
				H(b, " since ");
				html_time(b, g[i].granted_ms);
			}
		}
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (!g[i].withdrawn_ms) {
			H(b, "<form action=\"");
			html_text(b, action);
			H(b, "\" method=\"post\">\n");
			v_hidden_csrf(b, csrf);
			H(b, "<input type=\"hidden\" name=\"grant\" value=\"");
			html_i64(b, g[i].id);
			H(b, "\">\n<button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0\" "
			     "type=\"submit\">Withdraw access<span class=\"nhsuk-u-visually-hidden\"> for ");
			html_text(b, g[i].carer_name);
			H(b, "</span></button>\n</form>");
		}
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody></table>\n");
}

void v_access(struct buf *b, const struct view_page *p, const struct v_access *d)
{
	const struct store_person *ps = &d->rec->person;
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, d->error_field ? d->error_field : "kind", d->error);
	v_notice(b, d->notice);
	H(b, "<p><a href=\"/people/");
	html_i64(b, ps->id);
	H(b, "\">Back to ");
	person_name(b, ps);
	H(b, "</a></p>\n<span class=\"nhsuk-caption-l\">");
	person_name(b, ps);
	H(b, "</span>\n<h1>Access to Careplan</h1>\n"
	     "<p>People can read their own plan and write in it, and can let their carers see it. Give them an "
	     "invitation code: they use it once, within 14 days, to make their own login.</p>\n"
	     "<h2>Their own login</h2>\n<p>");
	if (d->has_login) {
		person_name(b, ps);
		H(b, " has a login.");
	} else {
		person_name(b, ps);
		H(b, " has no login yet.");
	}
	H(b, "</p>\n<h2>Carers who can see the plan</h2>\n");
	if (d->n_grants == 0) {
		H(b, "<p>No carer can see the plan.</p>\n");
	} else {
		char action[64];
		snprintf(action, sizeof action, "/people/%lld/access/withdraw", (long long)ps->id);
		grants_table(b, d->csrf, d->grants, d->n_grants, action, "Carers who can see the plan");
	}

	H(b, "<h2>Invitations</h2>\n");
	if (d->n_invites == 0) {
		H(b, "<p>No invitations yet.</p>\n");
	} else {
		H(b, "<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
		for (size_t i = 0; i < d->n_invites; i++) {
			const struct store_invitation *v = &d->invites[i];
			H(b, "<li>For ");
			if (strcmp(v->kind, "carer") == 0)
				html_text(b, v->contact_name);
			else
				person_name(b, ps);
			H(b, ", made ");
			html_time(b, v->created_ms);
			H(b, ": ");
			if (v->used_ms) {
				H(b, "used ");
				html_time(b, v->used_ms);
			} else if (d->now_ms >= v->expires_ms) {
				H(b, "expired ");
				html_time(b, v->expires_ms);
			} else {
				H(b, "waiting, works until ");
				html_time(b, v->expires_ms);
			}
			H(b, "</li>\n");
		}
		H(b, "</ul>\n");
	}

	/* The form: whom to invite. */
	size_t carers = 0;
	for (size_t i = 0; i < d->rec->n_contacts; i++) {
		const struct store_contact *k = &d->rec->contacts[i];
		carers += (k->is_carer || k->is_representative) && !k->user_id;
	}
	if (d->has_login && carers == 0) {
		H(b, "<p>Everyone who could be invited already has a login. To invite a carer, first add them as a "
		     "contact and mark them as a carer.</p>\n");
		v_page_end(b, p);
		return;
	}
	H(b, "<h2 id=\"invite\">Make an invitation</h2>\n<form action=\"/people/");
	html_i64(b, ps->id);
	H(b, "/invitations\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	bool kerr = d->error && d->error_field && strcmp(d->error_field, "kind") == 0;
	if (kerr)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<fieldset class=\"nhsuk-fieldset\"");
	if (kerr)
		H(b, " aria-describedby=\"kind-error\"");
	H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">Who is the invitation for?"
	     "</legend>\n");
	if (kerr)
		v_error_message(b, "kind", d->error);
	H(b, "<div class=\"nhsuk-radios\">\n");
	bool first = true;
	if (!d->has_login) {
		H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"kind\" name=\"who\" "
		     "type=\"radio\" value=\"person\"");
		if (d->kind && strcmp(d->kind, "person") == 0)
			H(b, " checked");
		H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"kind\">");
		person_name(b, ps);
		H(b, " (the person)</label></div>\n");
		first = false;
	}
	for (size_t i = 0; i < d->rec->n_contacts; i++) {
		const struct store_contact *k = &d->rec->contacts[i];
		if (!(k->is_carer || k->is_representative) || k->user_id)
			continue;
		H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"");
		if (first)
			H(b, "kind");
		else
			html_textf(b, "who-%lld", (long long)k->id);
		H(b, "\" name=\"who\" type=\"radio\" value=\"");
		html_textf(b, "carer-%lld", (long long)k->id);
		H(b, "\"");
		if (d->kind && strcmp(d->kind, "carer") == 0 && d->contact_id == k->id)
			H(b, " checked");
		H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
		if (first)
			H(b, "kind");
		else
			html_textf(b, "who-%lld", (long long)k->id);
		H(b, "\">");
		html_text(b, k->name);
		H(b, " (");
		html_text(b, k->relationship);
		if (k->is_carer)
			H(b, ", carer)");
		else
			H(b, ", representative)");
		H(b, "</label></div>\n");
		first = false;
	}
	H(b, "</div>\n</fieldset>\n</div>\n");
	bool aerr = d->error && d->error_field && strcmp(d->error_field, "agreed") == 0;
	if (aerr)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">"
	     "For a carer</legend>\n");
	if (aerr)
		v_error_message(b, "agreed", d->error);
	H(b, "<div class=\"nhsuk-checkboxes\"><div class=\"nhsuk-checkboxes__item\">"
	     "<input class=\"nhsuk-checkboxes__input\" id=\"agreed\" name=\"agreed\" type=\"checkbox\" value=\"yes\">"
	     "<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"agreed\">");
	person_name(b, ps);
	H(b, " agrees that this carer may see their plan</label></div></div>\n</fieldset>\n</div>\n"
	     "<button class=\"nhsuk-button\" type=\"submit\">Make the invitation</button>\n</form>\n");
	v_page_end(b, p);
}

void v_invite_letter(struct buf *b, const struct view_page *p, const struct v_invite_letter *d)
{
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-warning-callout cp-no-print\"><h2 class=\"nhsuk-warning-callout__label\">"
	     "<span role=\"text\"><span class=\"nhsuk-u-visually-hidden\">Important: </span>Shown only once</span>"
	     "</h2>\n<p>This code is not kept anywhere in a form anyone can read. Print this letter or give the code "
	     "to them now. If it is lost, make a new invitation.</p></div>\n"
	     "<p class=\"cp-no-print\"><a href=\"/people/");
	html_i64(b, d->person_id);
	H(b, "/access\">Back to access to Careplan</a></p>\n<div class=\"cp-letter\">\n<h1>Your invitation to Careplan"
	     "</h1>\n<p>Dear ");
	html_text(b, d->to_name);
	H(b, ",</p>\n<p>");
	if (d->carer) {
		html_text(b, d->about_name);
		H(b, " would like you to be able to see their care and support plan. ");
	}
	H(b, "You can use Careplan to read ");
	if (d->carer)
		H(b, "the plan");
	else
		H(b, "your care and support plan");
	H(b, ", see who to contact and when the next review is, and write in it yourself.</p>\n"
	     "<h2>How to start</h2>\n<ol class=\"nhsuk-list nhsuk-list--number\">\n<li>Go to <strong>");
	html_text(b, d->url);
	H(b, "</strong></li>\n<li>Type in this code:<p class=\"cp-code\"><strong>");
	html_text(b, d->code);
	H(b, "</strong></p></li>\n<li>Choose a username and a password that only you know.</li>\n</ol>\n"
	     "<p>The code works once, until ");
	html_time(b, d->expires_ms);
	H(b, ". If it stops working, ask your care team for a new one.</p>\n"
	     "<p>Keep this letter private: anyone with the code could make the login before you.</p>\n</div>\n");
	v_page_end(b, p);
}

static void redeem_field(struct buf *b, const struct person_errors *errs, const char *id, const char *label,
			 const char *hint, const char *type, const char *autocomplete, const char *value)
{
	const char *err = errs ? person_error_for(errs, id) : NULL;
	if (err)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, id);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>\n");
	if (hint) {
		H(b, "<div class=\"nhsuk-hint\" id=\"");
		html_text(b, id);
		H(b, "-hint\">");
		html_text(b, hint);
		H(b, "</div>\n");
	}
	if (err)
		v_error_message(b, id, err);
	H(b, "<input class=\"nhsuk-input nhsuk-u-width-two-thirds");
	if (err)
		H(b, " nhsuk-input--error");
	H(b, "\" id=\"");
	html_text(b, id);
	H(b, "\" name=\"");
	html_text(b, id);
	H(b, "\" type=\"");
	html_text(b, type);
	H(b, "\" autocomplete=\"");
	html_text(b, autocomplete);
	H(b, "\" spellcheck=\"false\"");
	if (hint || err) {
		H(b, " aria-describedby=\"");
		if (hint) {
			html_text(b, id);
			H(b, "-hint");
		}
		if (err) {
			if (hint)
		H(b, " ");
	else
		H(b, "");
			html_text(b, id);
			H(b, "-error");
		}
		H(b, "\"");
	}
	if (value) {
		H(b, " value=\"");
		html_text(b, value);
		H(b, "\"");
	}
	H(b, ">\n</div>\n");
}

void v_redeem(struct buf *b, const struct view_page *p, const struct v_redeem *d)
{
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	v_error_summary(b, d->errs);
	v_notice(b, d->notice);
	H(b, "<h1>Use your invitation</h1>\n"
	     "<p>Your care team gave you a code, on a letter or in person. Use it to make your own login.</p>\n"
	     "<form action=\"/invitation\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	redeem_field(b, d->errs, "code", "Invitation code", "12 letters and numbers, for example ABCD-EFGH-JKLM",
		     "text", "off", d->code);
	redeem_field(b, d->errs, "username", "Choose a username",
		     "3 to 64 small letters, numbers, dots, dashes or underscores", "text", "username", d->username);
	redeem_field(b, d->errs, "password", "Choose a password",
		     "At least 10 characters. Three or four unrelated words make a good one", "password",
		     "new-password", NULL);
	redeem_field(b, d->errs, "confirm", "Type the password again", NULL, "password", "new-password", NULL);
	H(b, "<button class=\"nhsuk-button\" type=\"submit\">Make my login</button>\n</form>\n"
	     "<p>Already have a login? <a href=\"/login\">Sign in</a>.</p>\n</div></div>\n");
	v_page_end(b, p);
}

void v_my_access(struct buf *b, const struct view_page *p, const struct v_my_access *d)
{
	v_page_begin(b, p);
	v_notice(b, d->notice);
	H(b, "<h1>Who can see my plan</h1>\n<p>These carers can see your care and support plan because you said they "
	     "could. You can stop that at any time: it works straight away.</p>\n");
	if (d->n_grants == 0)
		H(b, "<p>No carer can see your plan.</p>\n");
	else
		grants_table(b, d->csrf, d->grants, d->n_grants, "/my/access/withdraw", "Carers who can see my plan");
	H(b, "<p>To let another carer see your plan, ask your key worker for an invitation for them.</p>\n");
	v_page_end(b, p);
}

void v_record_log(struct buf *b, const struct view_page *p, const struct v_record_log *d)
{
	v_page_begin(b, p);
	if (d->person_name) {
		H(b, "<h1>Who has seen or changed ");
		html_text(b, d->person_name);
		H(b, "'s record</h1>\n<p>Every time someone looks at ");
		html_text(b, d->person_name);
		H(b, "'s record or changes it, Careplan writes it down. Here are the entries about the parts of the "
		     "record you may see, newest first, worded as ");
		html_text(b, d->person_name);
		H(b, " reads them: \"your\" means ");
		html_text(b, d->person_name);
		H(b, "'s.</p>\n");
	} else {
		H(b, "<h1>Who has seen or changed my record</h1>\n<p>Every time someone looks at your record or "
		     "changes it, Careplan writes it down. This is that list, newest first. If something here worries "
		     "you, talk to your key worker or ask the service how to raise a concern.</p>\n");
	}
	if (d->n == 0) {
		if (d->first_page)
			H(b, "<p>Nobody has looked at or changed this record yet.</p>\n");
		else
			H(b, "<p>There is nothing older.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Who has seen or changed my record</caption>\n<thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">When</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Who</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">What they did</th></tr></thead>\n"
		     "<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->n; i++) {
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_time(b, d->rows[i].time_ms);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, d->who[i]);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, transparency_what(d->rows[i].action));
			if (d->rows[i].glass_reason) {
				H(b, ". The reason they gave: \"");
				html_text(b, d->rows[i].glass_reason);
				H(b, "\"");
			}
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	if (d->more) {
		H(b, "<p><a href=\"");
		html_text(b, d->base);
		H(b, "?before=");
		html_i64(b, d->older_than);
		H(b, "\">Show older entries</a></p>\n");
	}
	if (!d->first_page)
	{
		H(b, "<p><a href=\"");
		html_text(b, d->base);
		H(b, "\">Back to the newest</a></p>\n");
	}
	v_page_end(b, p);
}
