/*
 * clock.h - wall-clock time as milliseconds since the Unix epoch (UTC), and
 * its formatting.  All stored times are UTC milliseconds (int64_t).
 */
#ifndef CP_CLOCK_H
#define CP_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Milliseconds since 1970-01-01T00:00:00Z. */
int64_t time_now_ms(void);

/* Milliseconds from a monotonic clock, for durations only. */
int64_t time_mono_ms(void);

/* "2026-11-22T16:01:39.123Z" into out (at least 25 bytes). */
void time_fmt_iso(char *out, size_t n, int64_t ms);

/* "16:01" (UTC) into out (at least 6 bytes). */
void time_fmt_hm(char *out, size_t n, int64_t ms);

/* "22 November 2026 at 16:01 UTC" into out (at least 40 bytes). */
void time_fmt_human(char *out, size_t n, int64_t ms);

#endif
