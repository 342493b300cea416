/* v_form.c - markup shared by form pages (view_form.h). */
#include "view_form.h"

#include "html.h"

static void summary_begin(struct buf *b)
{
	H(b, "<div class=\"nhsuk-error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\" "
	     "tabindex=\"-1\">\n<h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">"
	     "There is a problem</h2>\n<div class=\"nhsuk-error-summary__body\">\n"
	     "<ul class=\"nhsuk-list nhsuk-error-summary__list\">\n");
}

static void summary_item(struct buf *b, const char *field, const char *msg)
{
	H(b, "<li><a href=\"#");
	html_text(b, field);
	H(b, "\">");
	html_text(b, msg);
	H(b, "</a></li>\n");
}

static void summary_end(struct buf *b)
{
	H(b, "</ul>\n</div>\n</div>\n");
}

void v_error_summary_full(struct buf *b, const char *field, const char *message, const struct person_errors *errs)
{
	if (!message && !(errs && errs->n))
		return;
	summary_begin(b);
	if (message)
		summary_item(b, field ? field : "maincontent", message);
	for (size_t i = 0; errs && i < errs->n; i++)
		summary_item(b, errs->e[i].field, errs->e[i].message);
	summary_end(b);
}

void v_error_summary(struct buf *b, const struct person_errors *errs)
{
	v_error_summary_full(b, NULL, NULL, errs);
}

void v_error_summary_one(struct buf *b, const char *field, const char *msg)
{
	summary_begin(b);
	summary_item(b, field, msg);
	summary_end(b);
}

void v_error_message(struct buf *b, const char *id, const char *msg)
{
	if (!msg)
		return;
	H(b, "<span class=\"nhsuk-error-message\" id=\"");
	html_text(b, id);
	H(b, "-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
	html_text(b, msg);
	H(b, "</span>\n");
}

void v_hidden_csrf(struct buf *b, const char *csrf)
{
	H(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, csrf);
	H(b, "\">\n");
}

void v_notice(struct buf *b, const char *text)
{
	if (!text)
		return;
	H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span><p>");
	html_text(b, text);
	H(b, "</p></div>\n");
}

void v_group_begin(struct buf *b, const char *error)
{
	if (error)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
}

void v_hint(struct buf *b, const char *id, const char *hint)
{
	if (!hint)
		return;
	H(b, "<div class=\"nhsuk-hint\" id=\"");
	html_text(b, id);
	H(b, "-hint\">");
	html_text(b, hint);
	H(b, "</div>\n");
}

void v_described(struct buf *b, const char *id, const char *hint, const char *error)
{
	if (!hint && !error)
		return;
	H(b, " aria-describedby=\"");
	if (hint) {
		html_text(b, id);
		H(b, "-hint");
	}
	if (error) {
		if (hint)
			H(b, " ");
		html_text(b, id);
		H(b, "-error");
	}
	H(b, "\"");
}

void v_hidden(struct buf *b, const char *name, const char *value)
{
	H(b, "<input type=\"hidden\" name=\"");
	html_text(b, name);
	H(b, "\" value=\"");
	html_text(b, value);
	H(b, "\">\n");
}
