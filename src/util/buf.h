/*
 * buf.h - a growable byte buffer with a maximum size and a sticky error.
 *
 * Append freely; check b->err once at the end.  After the first failure
 * (allocation, or growth past max) every later append is a no-op and err stays
 * set, so a half-built output is never mistaken for a whole one.  data is always
 * NUL-terminated when non-NULL (the NUL is not counted in len).
 * Ownership: the caller owns data; release with buf_free() or take it with
 * buf_detach() (then free() it).
 */
#ifndef CP_BUF_H
#define CP_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct buf {
	char *data;        /* NUL-terminated, or NULL while empty */
	size_t len;        /* bytes used, not counting the NUL */
	size_t cap;        /* bytes allocated */
	size_t max;        /* the most len may become */
	enum cp_err err;   /* CP_OK, or the first failure (sticky) */
};

/* Starts an empty buffer that may grow to max bytes. */
void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
/* Empties b (keeps its memory) and clears the error. */
void buf_reset(struct buf *b);
/* Takes ownership of the data (never NULL unless err); b becomes empty.
 * *len gets the length.  Caller frees with free(). */
char *buf_detach(struct buf *b, size_t *len);

void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* fmt is always a literal of the program's own, never user data. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_put_i64(struct buf *b, int64_t v);
/* Appends s as a JSON string literal, quotes included; invalid UTF-8 bytes
 * become U+FFFD so the output is always valid JSON. */
void buf_json_str(struct buf *b, const char *s);
/* Appends n bytes as lower-case hex. */
void buf_hex(struct buf *b, const unsigned char *p, size_t n);

#endif
