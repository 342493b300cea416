/* clock.c - UTC milliseconds and their formats. */
#include "clock.h"

#include <stdio.h>
#include <time.h>

int64_t time_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t time_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The millisecond within its second, 0..999 also before 1970 (C's % keeps
 * the dividend's sign). */
static int ms_part(int64_t ms)
{
	return (int)(((ms % 1000) + 1000) % 1000);
}

static void to_tm(int64_t ms, struct tm *tm)
{
	int64_t s = ms / 1000;
	if (ms % 1000 < 0) /* round down, not toward zero */
		s--;
	time_t t = (time_t)s;
	gmtime_r(&t, tm);
}

void time_fmt_iso(char *out, size_t n, int64_t ms)
{
	struct tm tm;
	to_tm(ms, &tm);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms_part(ms));
}

void time_fmt_hm(char *out, size_t n, int64_t ms)
{
	struct tm tm;
	to_tm(ms, &tm);
	snprintf(out, n, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

void time_fmt_human(char *out, size_t n, int64_t ms)
{
	static const char *const month[12] = {"January", "February", "March",     "April",
					      "May",     "June",     "July",      "August",
					      "September", "October", "November", "December"};
	struct tm tm;
	to_tm(ms, &tm);
	snprintf(out, n, "%d %s %04d at %02d:%02d UTC", tm.tm_mday, month[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}
