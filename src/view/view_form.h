/*
 * view_form.h - pieces of markup every form page shares (v_form.c): the
 * error summary at the top, a field's error message, the CSRF field and an
 * information notice, all in the NHS.UK frontend's markup.
 */
#ifndef CP_VIEW_FORM_H
#define CP_VIEW_FORM_H

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
/* The hidden CSRF field of a form. */
void v_hidden_csrf(struct buf *b, const char *csrf);
/* An information inset; nothing when text is NULL. */
void v_notice(struct buf *b, const char *text);

#endif
