/* v_glass.c - the access refusal, break glass and its review (view_glass.h). */
#include "view_glass.h"

#include "../domain/access.h"
#include "../domain/role.h"
#include "html.h"
#include "view_form.h"

void v_glass_form(struct buf *b, const struct view_page *p, const struct v_glass_form *d)
{
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n");
	if (d->error)
		v_error_summary_one(b, "reason", d->error);
	H(b, "<h1>You are not in this person's care team</h1>\n"
	     "<p>Only the people caring for someone can see their record: their care team, and the team "
	     "responsible for them while they are being cared for.</p>\n"
	     "<p>If you need to see it now, for example in an emergency, give your reason below. You will be let "
	     "in for ");
	html_i64(b, ACCESS_GLASS_HOURS);
	H(b, " hours. Your name, the time and your reason are recorded, shown to your team manager and shown "
	     "to the person.</p>\n<form action=\"/people/");
	html_i64(b, d->person_id);
	H(b, "/break-glass\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	H(b, "<input type=\"hidden\" name=\"back\" value=\"");
	html_text(b, d->back);
	H(b, "\">\n");
	if (d->error)
		H(b, "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n");
	else
		H(b, "<div class=\"nhsuk-form-group\">\n");
	H(b, "<label class=\"nhsuk-label\" for=\"reason\">Why do you need to see this record now?</label>\n"
	     "<div class=\"nhsuk-hint\" id=\"reason-hint\">10 to 500 characters. The person will read this.</div>\n");
	if (d->error) {
		v_error_message(b, "reason", d->error);
		H(b, "<textarea class=\"nhsuk-textarea nhsuk-textarea--error\" id=\"reason\" name=\"reason\" "
		     "rows=\"3\" aria-describedby=\"reason-hint reason-error\">");
	} else {
		H(b, "<textarea class=\"nhsuk-textarea\" id=\"reason\" name=\"reason\" rows=\"3\" "
		     "aria-describedby=\"reason-hint\">");
	}
	html_text(b, d->reason);
	H(b, "</textarea>\n</div>\n<button class=\"nhsuk-button nhsuk-button--warning\" type=\"submit\">"
	     "Break the glass and see the record</button>\n</form>\n<p><a href=\"/\">Go to the home page</a></p>\n"
	     "</div></div>\n");
	v_page_end(b, p);
}

void v_glass_list(struct buf *b, const struct view_page *p, const struct v_glass_list *d)
{
	v_page_begin(b, p);
	H(b, "<h1>Break-glass access to review</h1>\n<p>Each time someone outside a person's care team gave a reason "
	     "to see their record, in the last ");
	html_i64(b, d->days);
	H(b, " days: by members of your team, or to people your team is responsible for. Check that each one "
	     "was needed.</p>\n");
	if (d->n == 0) {
		H(b, "<p>Nobody has broken the glass in that time.</p>\n");
		v_page_end(b, p);
		return;
	}
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
	     "Break-glass access</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">When</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Who</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Whose record</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Reason given</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">Access</th></tr></thead>\n"
	     "<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct store_break_glass *g = &d->items[i];
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_time(b, g->granted_ms);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		html_text(b, g->user_name);
		H(b, " (");
		html_text(b, role_label(role_from_code(g->user_role)));
		H(b, ")</td><td class=\"nhsuk-table__cell\"><a href=\"/people/");
		html_i64(b, g->person_id);
		H(b, "\">");
		html_text(b, g->person_name);
		H(b, "</a></td><td class=\"nhsuk-table__cell\">");
		html_text(b, g->reason);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		if (g->expires_ms > d->now_ms) {
			H(b, "Open until ");
			html_time(b, g->expires_ms);
		} else {
			H(b, "Ended");
		}
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody></table>\n");
	v_page_end(b, p);
}
