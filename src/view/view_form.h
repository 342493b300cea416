/*
 * view_form.h - pieces of markup every form page shares (v_form.c): the
 * error summary at the top, a field's error message, the CSRF field and an
 * information notice, all in the NHS.UK frontend's markup.
 */
#ifndef CP_VIEW_FORM_H
#define CP_VIEW_FORM_H

#include "../domain/person.h"
#include "../util/buf.h"

/* "There is a problem", then each error as a link to its field; nothing
 * when errs is NULL or empty. */
void v_error_summary(struct buf *b, const struct person_errors *errs);
/* The same with a single error for field. */
void v_error_summary_one(struct buf *b, const char *field, const char *msg);
/* The message under a field's label; its element id is "<id>-error". */
void v_error_message(struct buf *b, const char *id, const char *msg);
/* The hidden CSRF field of a form. */
void v_hidden_csrf(struct buf *b, const char *csrf);
/* An information inset; nothing when text is NULL. */
void v_notice(struct buf *b, const char *text);

#endif
