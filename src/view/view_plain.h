/*
 * view_plain.h - plain-language advice beside a field the person will read
 * (v_plain.c).  Advice only: it never stops a save.
 */
#ifndef CP_VIEW_PLAIN_H
#define CP_VIEW_PLAIN_H

#include "../domain/plain.h"
#include "../util/buf.h"

/* Writes the advice on text (what was saved in the field labelled label):
 * each glossary term with its plain alternative, each unexplained
 * abbreviation, and the reading-ease score when it is below plain English.
 * Writes nothing when text is NULL or there is nothing to say.  Uses
 * plain_current(). */
void v_plain_advice(struct buf *b, const char *label, const char *text);

#endif
