/* plain.c - plain-language advice: glossary matching and reading ease. */
#include "plain.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct plain_entry {
	const char *term;
	const char *plain; /* "" : plain enough */
};

static const struct plain_entry builtin_entries[] = {
#define GLOSSARY(term, plain) {term, plain},
#include "glossary.def"
#undef GLOSSARY
};

struct plain_glossary {
	const struct plain_entry *e;
	size_t n;
	struct plain_entry *owned; /* NULL for the built-in one */
	char *text;                /* the loaded file's bytes, which entries point into */
};

static const struct plain_glossary builtin = {
	.e = builtin_entries,
	.n = sizeof builtin_entries / sizeof builtin_entries[0],
};

static const struct plain_glossary *current = &builtin;

const struct plain_glossary *plain_glossary_builtin(void)
{
	return &builtin;
}

const struct plain_glossary *plain_current(void)
{
	return current;
}

void plain_use(const struct plain_glossary *g)
{
	current = g ? g : &builtin;
}

size_t plain_glossary_size(const struct plain_glossary *g)
{
	return g->n;
}

void plain_glossary_entry(const struct plain_glossary *g, size_t i, const char **term, const char **plain)
{
	*term = g->e[i].term;
	*plain = g->e[i].plain;
}

void plain_glossary_free(struct plain_glossary *g)
{
	if (!g || g == &builtin)
		return;
	if (current == g)
		current = &builtin;
	free(g->owned);
	free(g->text);
	free(g);
}

/* ---- loading an organisation's file ------------------------------------- */

#define TERM_MAX 60
#define LINES_MAX 10000

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	bool ok = buf != NULL;
	while (ok) {
		if (n + 1 >= cap) {
			char *bigger = cap < (1u << 22) ? realloc(buf, cap * 2) : NULL;
			if (!bigger) {
				ok = false;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	ok = ok && !ferror(f);
	fclose(f);
	if (!ok) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

enum cp_err plain_glossary_load(const char *path, struct plain_glossary **out, char *msg, size_t msgn)
{
	*out = NULL;
	size_t len = 0;
	char *text = read_file(path, &len);
	if (!text) {
		snprintf(msg, msgn, "glossary %s: cannot read it", path);
		return CP_EIO;
	}
	if (strlen(text) != len) {
		free(text);
		snprintf(msg, msgn, "glossary %s: the file contains a NUL byte", path);
		return CP_EINVAL;
	}
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	if (lines > LINES_MAX) {
		free(text);
		snprintf(msg, msgn, "glossary %s: more than %d lines", path, LINES_MAX);
		return CP_EINVAL;
	}
	struct plain_glossary *g = calloc(1, sizeof *g);
	struct plain_entry *e = calloc(builtin.n + lines, sizeof *e);
	if (!g || !e) {
		free(g);
		free(e);
		free(text);
		snprintf(msg, msgn, "glossary %s: out of memory", path);
		return CP_ENOMEM;
	}
	memcpy(e, builtin_entries, builtin.n * sizeof *e);
	size_t n = builtin.n;
	char *line = text;
	for (size_t no = 1; line; no++) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *t = trim(line);
		line = next;
		if (*t == '\0' || *t == '#')
			continue;
		char *tab = strchr(t, '\t');
		if (!tab) {
			snprintf(msg, msgn, "glossary %s, line %zu: expected a term, a tab, then its plain alternative",
				 path, no);
			goto fail;
		}
		*tab = '\0';
		char *term = trim(t), *alt = trim(tab + 1);
		if (*term == '\0' || strlen(term) > TERM_MAX || strchr(alt, '\t')) {
			snprintf(msg, msgn, "glossary %s, line %zu: the term must be 1 to %d bytes, then one tab", path,
				 no, TERM_MAX);
			goto fail;
		}
		size_t i = 0;
		while (i < n && strcmp(e[i].term, term) != 0)
			i++;
		e[i].term = term;
		e[i].plain = alt;
		if (i == n)
			n++;
	}
	g->e = e;
	g->owned = e;
	g->n = n;
	g->text = text;
	*out = g;
	return CP_OK;
fail:
	free(e);
	free(g);
	free(text);
	return CP_EINVAL;
}

/* ---- words ------------------------------------------------------------ */

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static unsigned char lower(unsigned char c)
{
	return is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool is_vowel(unsigned char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Joiners inside a word: "self-care", "A&E", "N/V", "don't". */
static bool is_joiner(unsigned char c)
{
	return c == '-' || c == '/' || c == '&' || c == '\'';
}

struct token {
	size_t start, end;
};

/* The next word at or after *pos; false at the end. */
static bool next_token(const char *s, size_t *pos, struct token *t)
{
	size_t i = *pos;
	while (s[i] && !is_alnum((unsigned char)s[i]))
		i++;
	if (!s[i])
		return false;
	t->start = i;
	while (s[i] && (is_alnum((unsigned char)s[i]) ||
			(is_joiner((unsigned char)s[i]) && is_alnum((unsigned char)s[i + 1]))))
		i++;
	t->end = i;
	*pos = i;
	return true;
}

int plain_syllables(const char *word, size_t n)
{
	int total = 0;
	size_t i = 0;
	/* Each part of a joined word ("self-management") is counted alone. */
	while (i < n) {
		unsigned char w[64];
		size_t k = 0;
		for (; i < n && !is_joiner((unsigned char)word[i]); i++) {
			unsigned char c = (unsigned char)word[i];
			if ((is_upper(c) || is_lower(c)) && k < sizeof w - 1)
				w[k++] = lower(c);
		}
		i++; /* the joiner */
		if (k == 0)
			continue;
		if (k <= 3) {
			total++;
			continue;
		}
		int count = 0;
		bool prev_vowel = false;
		for (size_t j = 0; j < k; j++) {
			bool v = is_vowel(w[j]) || (w[j] == 'y' && j > 0);
			if (v && !prev_vowel)
				count++;
			prev_vowel = v;
		}
		unsigned char z = w[k - 1], y = w[k - 2], x = w[k - 3];
		/* A silent ending: the e of "make" (but not "table"), the ed of
		 * "used" (but not "wanted"), the es of "makes" (but not "boxes",
		 * "wishes"). */
		bool silent = (z == 'e' && !(y == 'l' && !is_vowel(x) && x != 'y')) ||
			      (z == 'd' && y == 'e' && x != 't' && x != 'd') ||
			      (z == 's' && y == 'e' && x != 's' && x != 'x' && x != 'z' && x != 'c' && x != 'g' &&
			       !(x == 'h' && (w[k - 4] == 'c' || w[k - 4] == 's')));
		if (silent && count > 1)
			count--;
		total += count;
	}
	return total < 1 ? 1 : total;
}

/* ---- matching ------------------------------------------------------------ */

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (is_upper((unsigned char)*s))
			return true;
	return false;
}

/* True when bytes [a, a+an) equal the word w of wn bytes: exactly when
 * exact, else in any case; exact words may also take a plural "s". */
static bool word_equal(const char *a, size_t an, const char *w, size_t wn, bool exact)
{
	if (exact) {
		if (an == wn + 1 && a[wn] == 's')
			an = wn;
		return an == wn && memcmp(a, w, wn) == 0;
	}
	if (an != wn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)w[i]))
			return false;
	return true;
}

/* How many tokens from tk[i] the term matches (0: none). */
static size_t match_term(const char *s, const struct token *tk, size_t ntk, size_t i, const char *term)
{
	bool exact = has_upper(term);
	size_t k = 0;
	const char *w = term;
	while (*w) {
		const char *end = strchr(w, ' ');
		size_t wn = end ? (size_t)(end - w) : strlen(w);
		if (i + k >= ntk ||
		    !word_equal(s + tk[i + k].start, tk[i + k].end - tk[i + k].start, w, wn, exact))
			return 0;
		k++;
		w += wn;
		while (*w == ' ')
			w++;
	}
	return k;
}

static bool already_found(const struct plain_report *r, const char *term)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->found[i].term && strcmp(r->found[i].term, term) == 0)
			return true;
	return false;
}

static bool unknown_abbreviation(const char *s, const struct token *t)
{
	size_t n = t->end - t->start, caps = 0;
	if (n < 2 || n > 6)
		return false;
	for (size_t i = t->start; i < t->end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_lower(c) || c >= 0x80)
			return false;
		caps += is_upper(c);
	}
	return caps >= 2;
}

#define TOKENS_MAX 4096

void plain_check(const struct plain_glossary *g, const char *text, struct plain_report *out)
{
	memset(out, 0, sizeof *out);
	static _Thread_local struct token tk[TOKENS_MAX];
	size_t ntk = 0, pos = 0, upper = 0, lowers = 0;
	struct token t;
	while (ntk < TOKENS_MAX && next_token(text, &pos, &t))
		tk[ntk++] = t;
	for (const char *p = text; *p; p++) {
		upper += is_upper((unsigned char)*p);
		lowers += is_lower((unsigned char)*p);
	}
	bool shouting = upper > lowers;

	/* Reading ease: words, sentences (ended by . ! ? before a space or the
	 * end, or by the end of a line), syllables. */
	size_t since_end = 0, next = 0;
	for (size_t i = 0; text[i]; i++) {
		if (next < ntk && i == tk[next].start) {
			since_end++;
			out->syllables += plain_syllables(text + tk[next].start, tk[next].end - tk[next].start);
			i = tk[next].end - 1;
			next++;
			continue;
		}
		char c = text[i], after = text[i + 1];
		bool stop = (c == '.' || c == '!' || c == '?') &&
			    (after == '\0' || after == ' ' || after == '\n' || after == '\r' || after == '"');
		if ((stop || c == '\n') && since_end) {
			out->sentences++;
			since_end = 0;
		}
	}
	if (since_end)
		out->sentences++;
	out->words = (int)ntk;
	if (out->words)
		out->ease = 206.835 - 1.015 * ((double)out->words / out->sentences) -
			    84.6 * ((double)out->syllables / out->words);

	/* Jargon: at each word the longest glossary term that starts there. */
	for (size_t i = 0; i < ntk;) {
		size_t best = 0;
		const struct plain_entry *hit = NULL;
		for (size_t j = 0; j < g->n; j++) {
			size_t k = match_term(text, tk, ntk, i, g->e[j].term);
			if (k > best) {
				best = k;
				hit = &g->e[j];
			}
		}
		if (hit) {
			if (hit->plain[0] && !already_found(out, hit->term) && out->n < PLAIN_FINDINGS_MAX)
				out->found[out->n++] = (struct plain_finding){
					.offset = tk[i].start,
					.len = tk[i + best - 1].end - tk[i].start,
					.term = hit->term,
					.plain = hit->plain,
				};
			i += best;
			continue;
		}
		if (!shouting && unknown_abbreviation(text, &tk[i]) && out->n < PLAIN_FINDINGS_MAX) {
			bool seen = false;
			for (size_t j = 0; j < out->n && !seen; j++)
				seen = !out->found[j].plain && out->found[j].len == tk[i].end - tk[i].start &&
				       memcmp(text + out->found[j].offset, text + tk[i].start, out->found[j].len) == 0;
			if (!seen)
				out->found[out->n++] = (struct plain_finding){
					.offset = tk[i].start,
					.len = tk[i].end - tk[i].start,
					.term = NULL,
					.plain = NULL,
				};
		}
		i++;
	}
}

const char *plain_ease_band(double ease)
{
	return ease >= 90   ? "very easy"
	       : ease >= 80 ? "easy"
	       : ease >= 70 ? "fairly easy"
	       : ease >= 60 ? "plain English"
	       : ease >= 50 ? "fairly difficult"
	       : ease >= 30 ? "difficult"
			    : "very difficult";
}

int plain_ease_is_hard(double ease)
{
	return ease < 60;
}
