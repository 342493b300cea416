/*
 * pdf.h - a flowing A4 document written as PDF with cairo and pango: the one
 * module that knows about either (plan_pdf.c and any later letter build on
 * it).
 *
 * A document is a list of blocks (headings, paragraphs, labelled values,
 * bullets, an "urgent" box) added in reading order; pdf_render lays them
 * out twice, once to count the pages and once to draw them, so every page
 * can say "Page N of M".  Text is UTF-8 and set by pango in DejaVu Sans
 * (fonts-dejavu-core), embedded in the PDF as subsets and selectable: it
 * wraps at words and, where a word is longer than the line, inside the word;
 * each paragraph takes its direction from its first strong character, so
 * Arabic and Hebrew read right to left.  A paragraph taller than the space
 * left breaks between lines onto the next page; a heading is never left
 * alone at the foot of a page.  Nothing is drawn outside the margins.
 *
 * Every page carries a running head (the person's name and date of birth)
 * and a footer (the plan's version and the page number).  Options: large
 * print (body 16 pt, headings larger) and plain (black on white, no fills or
 * colour, for photocopying).
 *
 * Memory: the document and its blocks live in the caller's arena; texts are
 * borrowed until pdf_render returns.  PDF bytes go to the caller's buffer.
 */
#ifndef CP_PDF_H
#define CP_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/err.h"

/* A4 in PostScript points (1/72 inch). */
#define PDF_A4_W 595.276
#define PDF_A4_H 841.890
#define PDF_MARGIN 56.693   /* 20 mm on every side: nothing is drawn outside */
#define PDF_BLOCKS_MAX 20000 /* blocks in one document (a batch of letters holds many) */
#define PDF_PAGES_MAX 2000   /* pages one document may take */
#define PDF_PARTS_MAX 500    /* parts (letters) in one document */

enum pdf_block_kind {
	PDF_TITLE,   /* the document's title, once, on page 1 */
	PDF_H1,      /* a section heading; starts a new page when asked (pdf_h1_page) */
	PDF_H2,      /* a heading inside a section */
	PDF_BODY,    /* a paragraph */
	PDF_LABEL,   /* a label in bold; the value that follows is a PDF_BODY */
	PDF_BULLET,  /* a paragraph with a bullet, indented */
	PDF_URGENT,  /* a paragraph in a box with a thick rule: what to do in a crisis */
	PDF_NOTE,    /* smaller text: where a section is left out, when printed */
	PDF_WRITE,   /* a ruled line to write on by hand (the text is not drawn) */
	PDF_BLOCK_KIND__MAX
};

struct pdf_options {
	bool large; /* large print: body at least 16 pt */
	bool plain; /* black and white, no fills: photocopies well */
};

struct pdf_doc;

/* A new empty document in arena a; NULL when out of memory.  head and foot
 * (borrowed) are printed on every page: head at the top, foot at the
 * bottom left with "Page N of M" at the bottom right.  title is the PDF's
 * metadata title. */
struct pdf_doc *pdf_doc_new(struct arena *a, const struct pdf_options *o, const char *title, const char *head,
			    const char *foot);

/* Adds a block of kind k with text (borrowed; NULL or "" adds nothing).
 * Past PDF_BLOCKS_MAX or out of memory the document is marked failed and
 * pdf_render says CP_ENOMEM. */
void pdf_add(struct pdf_doc *d, enum pdf_block_kind k, const char *text);
/* As pdf_add, with the text formatted in the arena (the format is a
 * literal; user text goes in as %s arguments only). */
void pdf_addf(struct pdf_doc *d, enum pdf_block_kind k, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The next block starts on a new page (not when the page is still empty). */
void pdf_page_break(struct pdf_doc *d);

/* Starts a new part: the next block starts on a new page, and the pages
 * from there carry head and foot (borrowed) and are numbered "Page N of M"
 * within the part (a batch of letters in one PDF, each its own document on
 * paper).  Past PDF_PARTS_MAX the document is marked failed. */
void pdf_part(struct pdf_doc *d, const char *head, const char *foot);
/* Adds n ruled lines to write on (PDF_WRITE blocks). */
void pdf_add_lines(struct pdf_doc *d, int n);

/* Lays d out on A4 pages and appends the PDF to out; *pages (may be NULL)
 * the number of pages.  CP_ENOMEM (the document or buffer failed, or more
 * than PDF_PAGES_MAX pages), CP_EIO (cairo failed). */
enum cp_err pdf_render(const struct pdf_doc *d, struct buf *out, size_t *pages);

/* Body, heading and small text sizes in points for options o (for tests
 * and the documentation of large print). */
double pdf_body_pt(const struct pdf_options *o);

#endif
