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

void v_hidden_i64(struct buf *b, const char *name, int64_t value)
{
	H(b, "<input type=\"hidden\" name=\"");
	html_text(b, name);
	H(b, "\" value=\"");
	html_i64(b, value);
	H(b, "\">\n");
}

void v_hidden(struct buf *b, const char *name, const char *value)
{
	H(b, "<input type=\"hidden\" name=\"");
	html_text(b, name);
	H(b, "\" value=\"");
	html_text(b, value);
	H(b, "\">\n");
}

void v_text_input(struct buf *b, const struct v_text_input *f)
{
	bool area = f->rows > 0;

	v_group_begin(b, f->error);
	if (f->bold_label)
		H(b, "<label class=\"nhsuk-label nhsuk-label--s\" for=\"");
	else
		H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, f->id);
	H(b, "\">");
	html_text(b, f->label);
	H(b, "</label>\n");
	v_hint(b, f->id, f->hint);
	v_error_message(b, f->id, f->error);
	if (area)
		H(b, "<textarea class=\"nhsuk-textarea");
	else
		H(b, "<input class=\"nhsuk-input");
	if (f->error) {
		if (area)
			H(b, " nhsuk-textarea--error");
		else
			H(b, " nhsuk-input--error");
	}
	if (f->width) {
		H(b, " ");
		html_text(b, f->width);
	}
	H(b, "\" id=\"");
	html_text(b, f->id);
	H(b, "\" name=\"");
	html_text(b, f->name ? f->name : f->id);
	H(b, "\"");
	v_described(b, f->id, f->hint, f->error);
	if (area) {
		H(b, " rows=\"");
		html_i64(b, f->rows);
		H(b, "\">");
		html_text(b, f->value);
		H(b, "</textarea>\n</div>\n");
		return;
	}
	if (f->autofill)
		H(b, " type=\"text\" value=\"");
	else
		H(b, " type=\"text\" autocomplete=\"off\" value=\"");
	html_text(b, f->value);
	H(b, "\">\n</div>\n");
}

void v_summary_row_begin(struct buf *b, const char *key)
{
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
	html_text(b, key);
	H(b, "</dt><dd class=\"nhsuk-summary-list__value\">");
}

void v_summary_row_end(struct buf *b)
{
	H(b, "</dd></div>\n");
}

void v_summary_row_or(struct buf *b, const char *key, const char *value, const char *empty)
{
	v_summary_row_begin(b, key);
	html_text(b, value && *value ? value : empty);
	v_summary_row_end(b);
}

void v_summary_row(struct buf *b, const char *key, const char *value)
{
	v_summary_row_or(b, key, value, "Not recorded");
}

void v_summary_row_i64(struct buf *b, const char *key, int64_t value)
{
	v_summary_row_begin(b, key);
	html_i64(b, value);
	v_summary_row_end(b);
}

void v_th(struct buf *b, const char *label)
{
	H(b, "<th scope=\"col\" class=\"nhsuk-table__header\">");
	html_text(b, label);
	H(b, "</th>");
}

void v_th_numeric(struct buf *b, const char *label)
{
	H(b, "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">");
	html_text(b, label);
	H(b, "</th>");
}

void v_td(struct buf *b, const char *value)
{
	H(b, "<td class=\"nhsuk-table__cell\">");
	html_text(b, value && *value ? value : "-");
	H(b, "</td>");
}
