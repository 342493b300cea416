/* test_ical.c - the iCalendar writer (src/export/ical.c): CRLF, folding at
 * 75 octets outside UTF-8 sequences, TEXT escaping, and a calendar libical
 * reads back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <libical/ical.h>
#include <string.h>

#include "export/ical.h"

/* Every physical line of s ends in CRLF, is at most 75 octets, and starts
 * with valid UTF-8 (no continuation byte right after a fold). */
static void assert_well_formed(const char *s)
{
	const char *p = s;
	while (*p) {
		const char *crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		assert_true(crlf - p <= ICAL_FOLD);
		assert_null(memchr(p, '\n', (size_t)(crlf - p)));
		if (p != s && *p == ' ')
			assert_int_not_equal((unsigned char)p[1] & 0xC0u, 0x80u);
		p = crlf + 2;
	}
}

/* s unfolded: every CRLF followed by a space removed. */
static void unfold(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = s; *p && k + 1 < n; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		out[k++] = *p;
	}
	out[k] = '\0';
}

static void text_escapes_backslash_semicolon_comma_and_newlines(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	ical_text(&b, "SUMMARY", "a\\b;c,d\ne\r\nf\rg\x01h");
	assert_int_equal(b.err, CP_OK);
	assert_string_equal(b.data, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ngh\r\n");
	buf_free(&b);
}

static void a_short_line_is_not_folded(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	char v[75 - 8 + 1];
	memset(v, 'x', sizeof v - 1);
	v[sizeof v - 1] = '\0';
	ical_line(&b, "SUMMARY", v); /* "SUMMARY:" + 67 = 75 octets exactly */
	assert_int_equal(b.len, 77);
	assert_non_null(strstr(b.data, "\r\n"));
	assert_ptr_equal(strstr(b.data, "\r\n"), b.data + 75);
	buf_free(&b);
}

static void long_ascii_is_folded_at_75_octets(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8192);
	char v[304];
	for (int i = 0; i < 300; i++)
		v[i] = (char)('a' + i % 26);
	v[300] = '\0';
	ical_text(&b, "DESCRIPTION", v);
	assert_well_formed(b.data);
	assert_int_equal(strstr(b.data, "\r\n") - b.data, 75);
	char back[1024];
	unfold(b.data, back, sizeof back);
	assert_string_equal(back + strlen("DESCRIPTION:"), strcat(v, "\r\n"));
	buf_free(&b);
}

static void multibyte_text_is_never_split_inside_a_character(void **state)
{
	(void)state;
	/* 2-, 3- and 4-octet characters at every offset against the fold */
	static const char *const pieces[] = {"é", "€", "😀", "مرحبا", "Zoë"};
	for (size_t shift = 0; shift < 5; shift++) {
		char v[2048] = "";
		for (size_t i = 0; i < shift; i++)
			strcat(v, "x");
		for (int i = 0; i < 40; i++)
			strcat(v, pieces[(size_t)i % 5]);
		struct buf b;
		buf_init(&b, 8192);
		ical_text(&b, "SUMMARY", v);
		assert_int_equal(b.err, CP_OK);
		assert_well_formed(b.data);
		char back[4096];
		unfold(b.data, back, sizeof back);
		assert_int_equal(strncmp(back + 8, v, strlen(v)), 0);
		/* every physical line is valid UTF-8 on its own */
		for (const char *p = b.data; *p;) {
			const char *e = strstr(p, "\r\n");
			size_t k = 0, n = (size_t)(e - p);
			while (k < n) {
				unsigned char c = (unsigned char)p[k];
				size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
				assert_true(c < 0x80 || c >= 0xC0);
				assert_true(k + len <= n);
				k += len;
			}
			p = e + 2;
		}
		buf_free(&b);
	}
}

static void uids_are_stable_and_host_independent(void **state)
{
	(void)state;
	char a[96], b[96];
	ical_uid(a, sizeof a, "visit", 42);
	ical_uid(b, sizeof b, "visit", 42);
	assert_string_equal(a, b);
	assert_string_equal(a, "visit-42@careplan.invalid");
	char t[17];
	ical_utc(t, 1764806400000LL);
	assert_string_equal(t, "20251204T000000Z");
}

static void a_calendar_with_hard_text_parses_back_in_libical(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 65536);
	ical_begin(&b, "Zoë's care; visits, reviews");
	ical_line(&b, "BEGIN", "VEVENT");
	ical_line(&b, "UID", "visit-1@careplan.invalid");
	ical_line(&b, "DTSTAMP", "20260101T000000Z");
	ical_line(&b, "DTSTART;TZID=Europe/London", "20260105T090000");
	ical_line(&b, "RRULE", "FREQ=WEEKLY;BYDAY=MO,TH");
	const char *summary = "Help with getting up, washing; dressing \\ and a long line of text that is folded "
			      "with accents éèê and Arabic مرحبا\nsecond line";
	ical_text(&b, "SUMMARY", summary);
	ical_line(&b, "END", "VEVENT");
	ical_end(&b);
	assert_int_equal(b.err, CP_OK);
	assert_well_formed(b.data);
	icalcomponent *cal = icalparser_parse_string(b.data);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_summary(ev), summary);
	assert_string_equal(icalcomponent_get_uid(ev), "visit-1@careplan.invalid");
	icalcomponent_free(cal);
	buf_free(&b);
}

static void libical_reports_a_broken_value_so_the_check_above_means_something(void **state)
{
	(void)state;
	icalcomponent *cal = icalparser_parse_string("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n"
						     "END:VEVENT\r\nEND:VCALENDAR\r\n");
	assert_non_null(cal);
	assert_true(icalcomponent_count_errors(cal) > 0);
	icalcomponent_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escapes_backslash_semicolon_comma_and_newlines),
		cmocka_unit_test(a_short_line_is_not_folded),
		cmocka_unit_test(long_ascii_is_folded_at_75_octets),
		cmocka_unit_test(multibyte_text_is_never_split_inside_a_character),
		cmocka_unit_test(uids_are_stable_and_host_independent),
		cmocka_unit_test(a_calendar_with_hard_text_parses_back_in_libical),
		cmocka_unit_test(libical_reports_a_broken_value_so_the_check_above_means_something),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
