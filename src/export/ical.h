/*
 * ical.h - iCalendar files (RFC 5545) for the calendar feeds: the writing
 * of content lines, with escaping and folding, into a caller's buf.
 *
 * Invariants of what is written: every line ends in CRLF; a content line
 * longer than 75 octets is folded (CRLF and one space) so that no physical
 * line exceeds 75 octets, and a fold never falls inside a UTF-8 sequence;
 * TEXT values have backslash, semicolon and comma escaped and line breaks
 * (LF, CR or CRLF) written as "\n"; other control characters are dropped
 * (RFC 5545 3.3.11 does not allow them).  Property names and parameters
 * are the program's own literals, never user data.
 *
 * Ownership: nothing is kept; text is borrowed for the call; the buf's
 * sticky error says whether the whole calendar fitted.
 */
#ifndef CP_ICAL_H
#define CP_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

#define ICAL_FOLD 75           /* octets of a physical line, CRLF not counted */
#define ICAL_LINE_MAX 65536    /* octets of one unfolded content line */
#define ICAL_UID_DOMAIN "careplan.invalid" /* the constant right of "@" in every UID */

/* Appends the content line "name:value" (value written as given: for
 * values of the program's own making, such as dates and RRULEs), folded. */
void ical_line(struct buf *b, const char *name, const char *value);
/* Appends "name:" and text escaped as a TEXT value, folded; NULL is "". */
void ical_text(struct buf *b, const char *name, const char *text);

/* Escapes text as a TEXT value into b (no folding, no line end). */
void ical_escape(struct buf *b, const char *text);

/* Appends the calendar's header: BEGIN:VCALENDAR, VERSION, PRODID,
 * CALSCALE, METHOD:PUBLISH, the calendar's name (X-WR-CALNAME) and the
 * Europe/London VTIMEZONE that DTSTART;TZID=Europe/London refers to. */
void ical_begin(struct buf *b, const char *calname);
/* Appends END:VCALENDAR. */
void ical_end(struct buf *b);

/* A stable UID for an object: "<kind>-<id>@careplan.invalid" into out (n
 * bytes; 96 is enough for a kind of up to 40 characters).  The same object
 * always gets the same UID, whichever host serves the feed, so a calendar
 * client updates the event rather than adding a second one. */
void ical_uid(char *out, size_t n, const char *kind, int64_t id);

/* ms since the epoch as a UTC date-time "YYYYMMDDTHHMMSSZ" (out: 17 bytes). */
void ical_utc(char out[17], int64_t ms);

#endif
