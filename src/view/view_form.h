/*
 * view_form.h - pieces of markup every form page shares (v_form.c): the
 * error summary at the top, a field's error message, the CSRF field, an
 * information notice, labelled text inputs, summary-list rows and table
 * cells, all in the NHS.UK frontend's markup.
 */
#ifndef CP_VIEW_FORM_H
#define CP_VIEW_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "../domain/person.h"
#include "../util/buf.h"

/* "There is a problem", then message (when not NULL) linked to field (or,
 * when field is NULL, to the main content), then each of errs linked to its
 * field; nothing when there is neither. */
void v_error_summary_full(struct buf *b, const char *field, const char *message, const struct person_errors *errs);
/* The same with errs alone. */
void v_error_summary(struct buf *b, const struct person_errors *errs);
/* The same with a single error for field. */
void v_error_summary_one(struct buf *b, const char *field, const char *msg);
/* The message under a field's label; its element id is "<id>-error".
 * Nothing when msg is NULL. */
void v_error_message(struct buf *b, const char *id, const char *msg);
/* Opens a form group, marked as in error when error is not NULL. */
void v_group_begin(struct buf *b, const char *error);
/* A field's hint, its element id "<id>-hint"; nothing when hint is NULL. */
void v_hint(struct buf *b, const char *id, const char *hint);
/* The aria-describedby attribute naming the hint and the error that are
 * there; nothing when neither is. */
void v_described(struct buf *b, const char *id, const char *hint, const char *error);
/* A hidden form field. */
void v_hidden(struct buf *b, const char *name, const char *value);
/* A hidden form field holding a number. */
void v_hidden_i64(struct buf *b, const char *name, int64_t value);
/* The hidden CSRF field of a form. */
void v_hidden_csrf(struct buf *b, const char *csrf);
/* An information inset; nothing when text is NULL. */
void v_notice(struct buf *b, const char *text);

/* A labelled text input (or, when rows > 0, a textarea of that many rows)
 * in its form group: the label, the hint (id "<id>-hint") and the error
 * message (id "<id>-error") when there are, the field marked in error and
 * described by both.  Fields left out of the initialiser are NULL, 0 or
 * false. */
struct v_text_input {
	const char *id;    /* the element id, and the name unless name is set */
	const char *name;  /* the form field name when it differs from id */
	const char *label;
	const char *hint;  /* NULL: no hint */
	const char *value; /* NULL: empty */
	const char *error; /* NULL: not in error */
	const char *width; /* an NHS.UK width class (input or textarea), NULL: none */
	int rows;          /* > 0: a textarea of so many rows */
	bool bold_label;   /* the small bold label (nhsuk-label--s) */
	bool autofill;     /* let the browser offer to fill an input (no autocomplete="off") */
};
void v_text_input(struct buf *b, const struct v_text_input *f);

/* A summary-list row: key, then value, or "Not recorded" when value is
 * NULL or empty. */
void v_summary_row(struct buf *b, const char *key, const char *value);
/* The same with empty as the text for a NULL or empty value. */
void v_summary_row_or(struct buf *b, const char *key, const char *value, const char *empty);
/* The same with a number as the value. */
void v_summary_row_i64(struct buf *b, const char *key, int64_t value);
/* A summary-list row's start, up to the value's opening tag, and its end:
 * for a value written some other way. */
void v_summary_row_begin(struct buf *b, const char *key);
void v_summary_row_end(struct buf *b);

/* A column heading of a table. */
void v_th(struct buf *b, const char *label);
/* The same for a column of numbers (aligned right). */
void v_th_numeric(struct buf *b, const char *label);
/* A table cell: value, or "-" when value is NULL or empty. */
void v_td(struct buf *b, const char *value);

#endif
