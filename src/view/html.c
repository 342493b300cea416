/* html.c - escaping writer. */
#include "html.h"

#include <stdarg.h>
#include <string.h>

#include "../util/clock.h"

void html_lit_(struct buf *b, const char *lit)
{
	buf_puts(b, lit);
}

void html_text(struct buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(p - run));
		buf_puts(b, rep);
		run = p + 1;
	}
	buf_puts(b, run);
}

void html_textf(struct buf *b, const char *fmt, ...)
{
	struct buf t;
	buf_init(&t, b->max);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	if (t.err) {
		if (!b->err)
			b->err = t.err;
	} else {
		html_text(b, t.data ? t.data : "");
	}
	buf_free(&t);
}

void html_i64(struct buf *b, int64_t v)
{
	buf_put_i64(b, v);
}

void html_time(struct buf *b, int64_t ms)
{
	if (ms <= 0) {
		H(b, "never");
		return;
	}
	char t[64];
	time_fmt_human(t, sizeof t, ms);
	html_text(b, t);
}
