/* conf.c - "key = value" configuration files. */
#include "conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONF_MAX_FILE (64 * 1024)
#define CONF_MAX_LINE 1024

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
		(*e)--;
}

enum cp_err conf_parse(const char *text, size_t n, conf_cb cb, void *ctx, char *msg, size_t msgn)
{
	const char *p = text, *end = text + n;
	int lineno = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		lineno++;
		const char *s = p, *e = eol;
		p = eol < end ? eol + 1 : end;
		trim(&s, &e);
		if (s == e || *s == '#')
			continue;
		if (e - s >= CONF_MAX_LINE) {
			snprintf(msg, msgn, "line %d: longer than %d characters", lineno, CONF_MAX_LINE);
			return CP_EINVAL;
		}
		const char *eq = memchr(s, '=', (size_t)(e - s));
		if (!eq) {
			snprintf(msg, msgn, "line %d: expected \"key = value\"", lineno);
			return CP_EINVAL;
		}
		const char *ks = s, *ke = eq, *vs = eq + 1, *ve = e;
		trim(&ks, &ke);
		trim(&vs, &ve);
		if (ks == ke) {
			snprintf(msg, msgn, "line %d: the key before '=' is empty", lineno);
			return CP_EINVAL;
		}
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		char key[CONF_MAX_LINE], value[CONF_MAX_LINE];
		memcpy(key, ks, (size_t)(ke - ks));
		key[ke - ks] = '\0';
		memcpy(value, vs, (size_t)(ve - vs));
		value[ve - vs] = '\0';
		char cbmsg[256] = "";
		if (cb(ctx, key, value, cbmsg, sizeof cbmsg)) {
			snprintf(msg, msgn, "line %d: %s", lineno, cbmsg);
			return CP_EINVAL;
		}
	}
	return CP_OK;
}

enum cp_err conf_load(const char *path, conf_cb cb, void *ctx, char *msg, size_t msgn)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, msgn, "cannot open config file %s: %s", path, strerror(errno));
		return CP_EIO;
	}
	char *text = malloc(CONF_MAX_FILE + 1);
	if (!text) {
		fclose(f);
		snprintf(msg, msgn, "out of memory reading %s", path);
		return CP_ENOMEM;
	}
	size_t n = fread(text, 1, CONF_MAX_FILE + 1, f);
	int bad = ferror(f);
	fclose(f);
	enum cp_err err;
	if (bad) {
		snprintf(msg, msgn, "cannot read config file %s", path);
		err = CP_EIO;
	} else if (n > CONF_MAX_FILE) {
		snprintf(msg, msgn, "config file %s is larger than %d bytes", path, CONF_MAX_FILE);
		err = CP_ETOOBIG;
	} else {
		char inner[300] = "";
		err = conf_parse(text, n, cb, ctx, inner, sizeof inner);
		if (err)
			snprintf(msg, msgn, "config file %s, %s", path, inner);
	}
	free(text);
	return err;
}
