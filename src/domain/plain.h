/*
 * plain.h - plain-language advice for text the person will read.
 *
 * When a professional writes something the person reads, Careplan points
 * out jargon and abbreviations with a plainer way to say them, and reports
 * how easy the text is to read (the Flesch reading-ease score).  It is
 * advice beside the field; saving is never blocked.
 *
 * The glossary is the built-in list (glossary.def) plus, optionally, an
 * organisation's own file of "term<TAB>plain alternative" lines (blank lines
 * and lines starting with '#' are ignored; an empty alternative marks an
 * abbreviation as plain enough; a term already in the list takes the
 * file's alternative).  Matching rules are glossary.def's.
 *
 * Abbreviations not in the glossary (two to six capitals, such as "CGA")
 * are flagged too, without an alternative, unless the text is mostly in
 * capitals.
 *
 * Thread safety: a loaded glossary is read-only and may be shared.
 */
#ifndef CP_PLAIN_H
#define CP_PLAIN_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/err.h"

struct plain_glossary;

/* The built-in glossary alone.  Never NULL; never freed. */
const struct plain_glossary *plain_glossary_builtin(void);

/* The built-in glossary extended by the file at path.  CP_EIO when the file
 * cannot be read, CP_EINVAL with msg naming the line when a line is not
 * "term<TAB>alternative" or a term is longer than 60 bytes, CP_ENOMEM. */
enum cp_err plain_glossary_load(const char *path, struct plain_glossary **out, char *msg, size_t msgn);
void plain_glossary_free(struct plain_glossary *g);

/* Number of entries (built-in and added), and entry i (< size) of them:
 * its term and plain alternative ("" when plain enough). */
size_t plain_glossary_size(const struct plain_glossary *g);
void plain_glossary_entry(const struct plain_glossary *g, size_t i, const char **term, const char **plain);

/* The glossary the server uses: the built-in one unless plain_use() was
 * given another before serving started. */
const struct plain_glossary *plain_current(void);
void plain_use(const struct plain_glossary *g);

/* One word or phrase to reconsider: bytes [offset, offset+len) of the text,
 * the glossary's term, and its plain alternative (NULL: an abbreviation the
 * glossary does not know; say it in full). */
struct plain_finding {
	size_t offset, len;
	const char *term;
	const char *plain;
};

#define PLAIN_FINDINGS_MAX 50

struct plain_report {
	int words, sentences, syllables;
	double ease;    /* Flesch reading ease; 0 when there are no words */
	size_t n;       /* findings, in text order, each term at most once */
	struct plain_finding found[PLAIN_FINDINGS_MAX];
};

/* Checks text (UTF-8, NUL-terminated) against g. */
void plain_check(const struct plain_glossary *g, const char *text, struct plain_report *out);

/* Syllables in the n bytes of word (English, by rule of thumb; at least 1). */
int plain_syllables(const char *word, size_t n);

/* A reading-ease score in words: "very easy" (90 and over), "easy" (80),
 * "fairly easy" (70), "plain English" (60), "fairly difficult" (50),
 * "difficult" (30), "very difficult" (under 30). */
const char *plain_ease_band(double ease);

/* True when the score is below plain English (60): the advice says so. */
int plain_ease_is_hard(double ease);

#endif
