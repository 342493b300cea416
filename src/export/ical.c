/* ical.c - iCalendar content lines (ical.h). */
#include "ical.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Writes the logical line in (n octets) to b, folded at ICAL_FOLD octets
 * without splitting a UTF-8 sequence, and ends it with CRLF. */
static void fold(struct buf *b, const char *in, size_t n)
{
	size_t pos = 0, room = ICAL_FOLD;
	while (n - pos > room) {
		size_t cut = pos + room;
		/* back off to the start of a UTF-8 sequence (a continuation
		 * byte has its top two bits 10), at most 3 octets */
		while (cut > pos + 1 && ((unsigned char)in[cut] & 0xC0u) == 0x80u)
			cut--;
		buf_add(b, in + pos, cut - pos);
		buf_puts(b, "\r\n ");
		pos = cut;
		room = ICAL_FOLD - 1; /* the leading space counts */
	}
	buf_add(b, in + pos, n - pos);
	buf_puts(b, "\r\n");
}

void ical_escape(struct buf *b, const char *text)
{
	for (const char *p = text ? text : ""; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		switch (ch) {
		case '\\': buf_puts(b, "\\\\"); break;
		case ';': buf_puts(b, "\\;"); break;
		case ',': buf_puts(b, "\\,"); break;
		case '\r':
			buf_puts(b, "\\n");
			if (p[1] == '\n')
				p++;
			break;
		case '\n': buf_puts(b, "\\n"); break;
		default:
			if ((ch < 0x20 && ch != '\t') || ch == 0x7F)
				break; /* not allowed in TEXT */
			buf_putc(b, (char)ch);
		}
	}
}

static void emit(struct buf *b, const char *name, const char *value, int escape)
{
	struct buf line;
	buf_init(&line, ICAL_LINE_MAX);
	buf_puts(&line, name);
	buf_putc(&line, ':');
	if (escape)
		ical_escape(&line, value);
	else
		buf_puts(&line, value ? value : "");
	if (line.err) {
		b->err = b->err ? b->err : line.err;
	} else {
		fold(b, line.data, line.len);
	}
	buf_free(&line);
}

void ical_line(struct buf *b, const char *name, const char *value)
{
	emit(b, name, value, 0);
}

void ical_text(struct buf *b, const char *name, const char *text)
{
	emit(b, name, text, 1);
}

void ical_begin(struct buf *b, const char *calname)
{
	ical_line(b, "BEGIN", "VCALENDAR");
	ical_line(b, "VERSION", "2.0");
	ical_line(b, "PRODID", "-//Careplan//Careplan " CAREPLAN_VERSION "//EN");
	ical_line(b, "CALSCALE", "GREGORIAN");
	ical_line(b, "METHOD", "PUBLISH");
	ical_text(b, "X-WR-CALNAME", calname);
	ical_line(b, "X-WR-TIMEZONE", "Europe/London");
	/* The UK rule since 1996, which recur.c's times follow. */
	static const char *const tz[] = {
		"BEGIN:VTIMEZONE", "TZID:Europe/London", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000",
		"TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
		"DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
	};
	for (size_t i = 0; i < sizeof tz / sizeof tz[0]; i++) {
		buf_puts(b, tz[i]);
		buf_puts(b, "\r\n");
	}
}

void ical_end(struct buf *b)
{
	ical_line(b, "END", "VCALENDAR");
}

void ical_uid(char *out, size_t n, const char *kind, int64_t id)
{
	snprintf(out, n, "%.40s-%lld@" ICAL_UID_DOMAIN, kind, (long long)id);
}

void ical_utc(char out[17], int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
		 (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}
