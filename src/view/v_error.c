/* v_error.c - error pages (400, 403, 404, 405, 413, 500, ...). */
#include "html.h"
#include "view.h"

void v_error(struct buf *b, const struct view_page *p, int status, const char *title, const char *message)
{
	struct view_page q = *p;
	q.title = title;
	v_page_begin(b, &q);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n<h1>");
	html_text(b, title);
	H(b, "</h1>\n<p>");
	html_text(b, message);
	H(b, "</p>\n");
	if (status == 404)
		H(b, "<p>If you typed the address, check it is right. If you followed a link, it may be out "
		     "of date.</p>\n");
	else if (status == 403)
		H(b, "<p>If you think you should have access, ask your team manager or administrator.</p>\n");
	else if (status >= 500)
		H(b, "<p>Nothing you entered was saved. Try again in a few minutes.</p>\n");
	H(b, "<p><a href=\"/\">Go to the home page</a></p>\n");
	if (status != 404 && status != 403) {
		H(b, "<p class=\"nhsuk-body-s\">Error ");
		html_i64(b, status);
		H(b, "</p>\n");
	}
	H(b, "</div></div>\n");
	v_page_end(b, &q);
}
