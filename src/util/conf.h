/*
 * conf.h - the configuration file format: one "key = value" a line, '#'
 * starts a comment line, blank lines ignored, surrounding spaces trimmed,
 * the value may be wrapped in double quotes.  Keys are the long option names
 * (db, listen, threads, ...).
 */
#ifndef CP_CONF_H
#define CP_CONF_H

#include <stddef.h>

#include "err.h"

/* Called for each setting; key and value are NUL-terminated and borrowed
 * until the callback returns.  A non-zero return stops parsing with CP_EINVAL
 * and the callback's message (written into msg) is kept. */
typedef int (*conf_cb)(void *ctx, const char *key, const char *value, char *msg, size_t msgn);

/* Parses text (n bytes).  On a malformed line returns CP_EINVAL with msg
 * "line N: ..." naming the problem. */
enum cp_err conf_parse(const char *text, size_t n, conf_cb cb, void *ctx, char *msg, size_t msgn);

/* Reads the file at path (at most 64 KiB) and parses it as above.  CP_EIO with
 * msg naming the file when it cannot be read. */
enum cp_err conf_load(const char *path, conf_cb cb, void *ctx, char *msg, size_t msgn);

#endif
