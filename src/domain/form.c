/*
 * form.c - what every form's validation shares: collecting one message per
 * bad field, and cleaning what was typed.  Used by person.c and
 * episode_service.c, and by the forms to come.
 */
#include "form.h"

#include <assert.h>
#include <string.h>


void form_error(struct form_check *v, const char *field, const char *msg)
{
	if (!msg) {
		v->oom = true;
		return;
	}
	assert(v->errs->n < PERSON_ERRORS_MAX);
	if (v->errs->n < PERSON_ERRORS_MAX) {
		v->errs->e[v->errs->n].field = field;
		v->errs->e[v->errs->n].message = msg;
		v->errs->n++;
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* What was typed, trimmed of white space at both ends, with line breaks as
 * LF (browsers send CRLF) and tabs as spaces; NULL when nothing is left or
 * the arena is full (then v->oom).  In the arena. */
char *form_clean(struct form_check *v, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s), i = 0;
	while (n > 0 && is_space(s[n - 1]))
		n--;
	while (i < n && is_space(s[i]))
		i++;
	if (i == n)
		return NULL;
	char *out = arena_alloc(v->a, n - i + 1);
	if (!out) {
		v->oom = true;
		return NULL;
	}
	size_t k = 0;
	for (size_t j = i; j < n; j++) {
		char ch = s[j];
		if (ch == '\r') {
			ch = '\n';
			if (j + 1 < n && s[j + 1] == '\n')
				j++;
		} else if (ch == '\t') {
			ch = ' ';
		}
		out[k++] = ch;
	}
	out[k] = '\0';
	return out;
}

