/*
 * form.h - shared pieces of form validation in the domain layer.
 *
 * A struct form_check is one validation pass: where the messages go (a
 * struct person_errors, one message per field, in form order), the arena
 * cleaned values live in, the time "now" for date checks, and whether the
 * arena ran out (then the caller answers CP_ENOMEM, not CP_EINVAL).
 */
#ifndef CP_FORM_H
#define CP_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/arena.h"
#include "person.h"

struct form_check {
	struct arena *a;
	struct person_errors *errs;
	int64_t now_ms; /* UTC ms, for "not in the future" checks; 0 when unused */
	bool oom;       /* the arena ran out while validating */
};

/* Adds msg (static or in the arena) for field; a NULL msg means the arena
 * ran out, which sets v->oom.  Messages past PERSON_ERRORS_MAX are dropped. */
void form_error(struct form_check *v, const char *field, const char *msg);

/* What was typed, trimmed of white space at both ends, with line breaks as
 * LF (browsers send CRLF) and tabs as spaces; NULL when nothing is left or
 * the arena is full (then v->oom).  In the arena. */
char *form_clean(struct form_check *v, const char *s);

#endif
