/* v_login.c - the sign-in page. */
#include <string.h>

#include "html.h"
#include "view.h"

void v_login(struct buf *b, const struct view_page *p, const struct v_login *d)
{
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-one-half\">\n");
	if (d->error) {
		H(b, "<div class=\"nhsuk-error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\" "
		     "tabindex=\"-1\">\n<h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">"
		     "There is a problem</h2>\n<div class=\"nhsuk-error-summary__body\">\n"
		     "<ul class=\"nhsuk-list nhsuk-error-summary__list\">\n<li><a href=\"#");
		html_text(b, d->error_field ? d->error_field : "username");
		H(b, "\">");
		html_text(b, d->error);
		H(b, "</a></li>\n</ul>\n</div>\n</div>\n");
	}
	if (d->notice) {
		H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span><p>");
		html_text(b, d->notice);
		H(b, "</p></div>\n");
	}
	H(b, "<h1>Sign in to Careplan</h1>\n"
	     "<form action=\"/login\" method=\"post\" novalidate>\n"
	     "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, d->csrf);
	H(b, "\">\n");
	bool uerr = d->error && d->error_field && strcmp(d->error_field, "username") == 0;
	bool perr = d->error && d->error_field && strcmp(d->error_field, "password") == 0;
	if (uerr)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<label class=\"nhsuk-label\" for=\"username\">Username</label>\n");
	if (uerr) {
		H(b, "<span class=\"nhsuk-error-message\" id=\"username-error\">"
		     "<span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(b, d->error);
		H(b, "</span>\n<input class=\"nhsuk-input nhsuk-input--error nhsuk-u-width-two-thirds\" "
		     "aria-describedby=\"username-error\" ");
	} else {
		H(b, "<input class=\"nhsuk-input nhsuk-u-width-two-thirds\" ");
	}
	H(b, "id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" "
	     "autocapitalize=\"none\" spellcheck=\"false\" value=\"");
	html_text(b, d->username);
	H(b, "\">\n</div>\n");
	if (perr)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<label class=\"nhsuk-label\" for=\"password\">Password</label>\n");
	if (perr) {
		H(b, "<span class=\"nhsuk-error-message\" id=\"password-error\">"
		     "<span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(b, d->error);
		H(b, "</span>\n<input class=\"nhsuk-input nhsuk-input--error nhsuk-u-width-two-thirds\" "
		     "aria-describedby=\"password-error\" ");
	} else {
		H(b, "<input class=\"nhsuk-input nhsuk-u-width-two-thirds\" ");
	}
	H(b, "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n"
	     "</div>\n"
	     "<button class=\"nhsuk-button\" type=\"submit\" data-module=\"nhsuk-button\">Sign in</button>\n"
	     "</form>\n"
	     "<p>If you have forgotten your password, ask your team's administrator to set a new one.</p>\n"
	     "</div></div>\n");
	v_page_end(b, p);
}
