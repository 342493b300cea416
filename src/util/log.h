/*
 * log.h - structured logs as JSON lines on stderr.
 *
 * One line per event, written with a single write(2) so lines from several
 * threads never interleave.  Callers never pass passwords, tokens or health
 * data: an event names what happened and the ids involved, nothing more.
 */
#ifndef CP_LOG_H
#define CP_LOG_H

#include <stdint.h>

#include "buf.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_LEVEL__MAX };

/* Only events at or above level are written (default LOG_INFO). */
void log_set_level(enum log_level level);

/* Names the request this thread is working on (borrowed; NULL to clear):
 * every line the thread writes meanwhile carries it as "req", so a database
 * error deep in the store can be tied to the request that met it. */
void log_set_request(const char *request_id);

/* Starts a line {"time":...,"level":...,"event":event into b (b initialised by
 * the caller).  Add fields with log_field_*; finish with log_end(). */
void log_begin(struct buf *b, enum log_level level, const char *event);
void log_field_str(struct buf *b, const char *key, const char *value);
void log_field_i64(struct buf *b, const char *key, int64_t value);
void log_field_ms(struct buf *b, const char *key, double ms);
/* Closes the object, writes the line if level passes, frees b. */
void log_end(struct buf *b, enum log_level level);

/* A one-field message: {"time","level","event","msg"}. */
void log_msg(enum log_level level, const char *event, const char *msg);

#endif
