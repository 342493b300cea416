/* v_calendar.c - the page that manages a calendar feed (view_calendar.h). */
#include "html.h"
#include "view_calendar.h"
#include "view_form.h"

static void button_form(struct buf *b, const char *csrf, const char *action, const char *suffix, const char *label,
			bool secondary)
{
	H(b, "<form method=\"post\" action=\"");
	html_text(b, action);
	html_text(b, suffix);
	H(b, "\" novalidate>\n");
	v_hidden_csrf(b, csrf);
	H(b, "<button class=\"nhsuk-button");
	if (secondary)
		H(b, " nhsuk-button--secondary");
	H(b, "\" data-module=\"nhsuk-button\" type=\"submit\">");
	html_text(b, label);
	H(b, "</button>\n</form>\n");
}

void v_calendar(struct buf *b, const struct view_page *p, const struct v_calendar *d)
{
	v_page_begin(b, p);
	H(b, "<h1>");
	html_text(b, d->heading);
	H(b, "</h1>\n");
	if (d->notice)
		v_notice(b, d->notice);
	H(b, "<p>");
	html_text(b, d->what);
	H(b, "</p>\n<p>A calendar app on your phone or computer (such as Apple Calendar, Google Calendar or Outlook) "
	     "can subscribe to a private address and keep these dates up to date by itself.</p>\n");
	if (d->new_url) {
		H(b, "<div class=\"nhsuk-card nhsuk-card--feature\"><div class=\"nhsuk-card__content nhsuk-card__content"
		     "--feature\"><h2 class=\"nhsuk-card__heading nhsuk-card__heading--feature\">Your calendar address"
		     "</h2>\n<p>Copy this address into your calendar app now, as a calendar to subscribe to. It is "
		     "shown only this once.</p>\n<p><label class=\"nhsuk-label\" for=\"calendar-url\">Calendar address"
		     "</label><input class=\"nhsuk-input\" id=\"calendar-url\" name=\"calendar-url\" type=\"text\" "
		     "readonly spellcheck=\"false\" value=\"");
		html_text(b, d->new_url);
		H(b, "\"></p>\n<p>Anyone who has this address can see these dates. Keep it to yourself. If you think "
		     "someone else has it, revoke it here and make a new one.</p></div></div>\n");
	}
	H(b, "<h2>Your calendar address</h2>\n");
	if (d->has) {
		H(b, "<p>You have a calendar address, made on ");
		html_time(b, d->created_ms);
		H(b, ". For your privacy it is not shown again.</p>\n");
		button_form(b, d->csrf, d->action, "", "Make a new address (the old one stops working)", false);
		button_form(b, d->csrf, d->action, "/revoke", "Revoke the address", true);
	} else {
		H(b, "<p>You do not have a calendar address at the moment.</p>\n");
		button_form(b, d->csrf, d->action, "", "Make a calendar address", false);
	}
	if (d->back_href) {
		H(b, "<p><a href=\"");
		html_text(b, d->back_href);
		H(b, "\">");
		html_text(b, d->back_text);
		H(b, "</a></p>\n");
	}
	v_page_end(b, p);
}
