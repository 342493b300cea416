/*
 * str.h - byte-string helpers: UTF-8 validation, URL decoding, number parsing.
 * None of these allocate except url_decode (into the caller's arena).
 */
#ifndef CP_STR_H
#define CP_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

/* Length (1-4) of the well-formed UTF-8 sequence at p (at most n bytes
 * available), or 0 when it is not well formed (overlong, surrogate, > U+10FFFF,
 * truncated). */
size_t utf8_seq_len(const unsigned char *p, size_t n);

/* True when the n bytes at s are well-formed UTF-8 with no NUL and no C0
 * control other than tab, LF and CR. */
bool utf8_text_valid(const char *s, size_t n);

/* Number of code points in valid UTF-8 s (n bytes). */
size_t utf8_count(const char *s, size_t n);

/* Decodes application/x-www-form-urlencoded s (n bytes): '+' is a space and
 * %XX a byte.  *out is NUL-terminated, in the arena, *out_len its length.
 * CP_EINVAL on a bad or truncated escape, CP_ENOMEM when the arena is full. */
enum cp_err url_decode(struct arena *a, const char *s, size_t n, char **out, size_t *out_len);

/* Parses a whole decimal integer within [min, max].  CP_EINVAL when s is empty,
 * has anything but an optional '-' and digits, or is out of range. */
enum cp_err str_to_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* True when s starts with prefix. */
bool str_starts(const char *s, const char *prefix);

/* The n bytes of s as lower-case hex into out (2n+1 bytes, terminated). */
void str_hex(char *out, const unsigned char *s, size_t n);

#endif
