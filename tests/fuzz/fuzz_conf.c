/*
 * fuzz_conf.c - libFuzzer target for conf_parse() (src/util/conf.c).
 *
 * Input: the bytes of a configuration file (conf_load reads at most 64 KiB,
 * not NUL-terminated).  The callback checks what conf.h promises: a key is
 * non-empty, and neither key nor value holds a newline or surrounding blanks
 * (a value may keep blanks inside its quotes).  It refuses the key "reject"
 * to exercise the callback-error path.  Errors must come with a "line N: "
 * message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	size_t calls;
	int has_nul; /* the input holds a NUL byte, which cuts a key or value short */
};

static int on_setting(void *ctx, const char *key, const char *value, char *msg, size_t msgn)
{
	struct seen *s = ctx;
	s->calls++;
	size_t kl = strlen(key), vl = strlen(value);
	if (kl >= 1024 || vl >= 1024 || strchr(key, '\n') || strchr(value, '\n'))
		abort();
	/* Keys are trimmed.  A NUL byte in the file ends the C string early, so
	 * a blank before it stays at the end: only check the end without one. */
	if (kl && (key[0] == ' ' || key[0] == '\t'))
		abort();
	if (kl && !s->has_nul && (key[kl - 1] == ' ' || key[kl - 1] == '\t'))
		abort();
	if (strcmp(key, "reject") == 0) {
		snprintf(msg, msgn, "setting %s is refused by the fuzzer", key);
		return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024) /* conf_load's limit */
		return 0;
	struct seen s = {.has_nul = memchr(data, '\0', size) != NULL};
	char msg[300];
	memset(msg, 'x', sizeof msg);
	enum cp_err err = conf_parse((const char *)data, size, on_setting, &s, msg, sizeof msg);
	if (err != CP_OK) {
		if (err != CP_EINVAL || !memchr(msg, '\0', sizeof msg) || strncmp(msg, "line ", 5) != 0)
			abort();
	}
	return 0;
}
