/*
 * html.h - the escaping HTML writer: the only way Careplan emits HTML.
 *
 * Markup goes in through H(b, "<literal>"), which accepts string literals
 * only ("" lit "" fails to compile for anything else), so markup can never
 * carry data.  Data goes in through html_text()/html_textf(), which escape
 * & < > " ' always, so it is safe in element text and in quoted attribute
 * values alike.
 */
#ifndef CP_HTML_H
#define CP_HTML_H

#include <stdint.h>

#include "../util/buf.h"

/* Markup from a string literal of the program's own. */
#define H(b, lit) html_lit_((b), "" lit "")
void html_lit_(struct buf *b, const char *lit);

/* Escaped text (NULL writes nothing). */
void html_text(struct buf *b, const char *s);
/* printf with a literal format; the whole result is escaped. */
void html_textf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_i64(struct buf *b, int64_t v);
/* A UTC time as "22 November 2026 at 16:01 UTC", or "never" for 0. */
void html_time(struct buf *b, int64_t ms);

#endif
