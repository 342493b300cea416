/* v_plain.c - plain-language advice beside a field (view_plain.h). */
#include "view_plain.h"

#include <stdbool.h>

#include "html.h"

void v_plain_advice(struct buf *b, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	struct plain_report r;
	plain_check(plain_current(), text, &r);
	bool hard = r.words >= 10 && plain_ease_is_hard(r.ease);
	if (r.n == 0 && !hard)
		return;
	H(b, "<div class=\"nhsuk-inset-text cp-plain\">\n<span class=\"nhsuk-u-visually-hidden\">Advice: </span>\n"
	     "<p><strong>Plain words</strong> for ");
	html_text(b, label);
	H(b, ". The person will read this.");
	if (hard) {
		H(b, " It scores ");
		html_textf(b, "%.0f", r.ease < 0 ? 0.0 : r.ease);
		H(b, " for reading ease (");
		html_text(b, plain_ease_band(r.ease));
		H(b, "); aim for 60 or more with shorter sentences and words.");
	}
	H(b, "</p>\n");
	if (r.n) {
		H(b, "<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
		for (size_t i = 0; i < r.n; i++) {
			H(b, "<li>\"");
			html_textf(b, "%.*s", (int)r.found[i].len, text + r.found[i].offset);
			if (r.found[i].plain) {
				H(b, "\": try \"");
				html_text(b, r.found[i].plain);
				H(b, "\"</li>\n");
			} else {
				H(b, "\": say what it stands for</li>\n");
			}
		}
		H(b, "</ul>\n");
	}
	H(b, "</div>\n");
}
