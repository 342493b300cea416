/* log.c - JSON lines on stderr. */
#include "log.h"

#include <unistd.h>

#include "clock.h"

static enum log_level log_min = LOG_INFO;
static _Thread_local const char *log_request;

void log_set_request(const char *request_id)
{
	log_request = request_id;
}

static const char *const log_level_name[LOG_LEVEL__MAX] = {
	[LOG_DEBUG] = "debug",
	[LOG_INFO] = "info",
	[LOG_WARN] = "warn",
	[LOG_ERROR] = "error",
};

void log_set_level(enum log_level level)
{
	log_min = level;
}

void log_begin(struct buf *b, enum log_level level, const char *event)
{
	char ts[32];
	time_fmt_iso(ts, sizeof ts, time_now_ms());
	buf_puts(b, "{\"time\":");
	buf_json_str(b, ts);
	buf_puts(b, ",\"level\":");
	buf_json_str(b, log_level_name[level < LOG_LEVEL__MAX ? level : LOG_ERROR]);
	buf_puts(b, ",\"event\":");
	buf_json_str(b, event);
	if (log_request) {
		buf_puts(b, ",\"req\":");
		buf_json_str(b, log_request);
	}
}

void log_field_str(struct buf *b, const char *key, const char *value)
{
	buf_putc(b, ',');
	buf_json_str(b, key);
	buf_putc(b, ':');
	if (value)
		buf_json_str(b, value);
	else
		buf_puts(b, "null");
}

void log_field_i64(struct buf *b, const char *key, int64_t value)
{
	buf_putc(b, ',');
	buf_json_str(b, key);
	buf_putc(b, ':');
	buf_put_i64(b, value);
}

void log_field_ms(struct buf *b, const char *key, double ms)
{
	buf_putc(b, ',');
	buf_json_str(b, key);
	buf_printf(b, ":%.3f", ms);
}

void log_end(struct buf *b, enum log_level level)
{
	buf_puts(b, "}\n");
	if (level >= log_min && !b->err) {
		size_t off = 0;
		while (off < b->len) {
			ssize_t w = write(STDERR_FILENO, b->data + off, b->len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
	}
	buf_free(b);
}

void log_msg(enum log_level level, const char *event, const char *msg)
{
	struct buf b;
	buf_init(&b, 8192);
	log_begin(&b, level, event);
	log_field_str(&b, "msg", msg);
	log_end(&b, level);
}
