/*
 * pdf.c - a flowing A4 document as PDF with cairo and pango (pdf.h).
 *
 * Layout is done once per document: every block becomes a PangoLayout
 * whose lines are placed on pages (struct line_pos) in a first pass that
 * draws nothing; the second pass draws those lines on a cairo PDF surface
 * knowing how many pages there are.  Lines are the unit of page breaking,
 * so a paragraph of any length flows across pages and no line is ever cut.
 * All drawing is clipped to the page inside its margins as a last guard.
 */
#include "pdf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glib's and pango's headers are not written for -Wstrict-prototypes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#pragma GCC diagnostic pop

#define FONT_FAMILY "DejaVu Sans"
#define CONTENT_W (PDF_A4_W - 2 * PDF_MARGIN)
#define BULLET_INDENT 16.0 /* points a bullet's text is indented by */
#define URGENT_PAD 10.0    /* points between an urgent box's rule and its text */
#define CHROME_GAP 10.0    /* points between the running head or footer and the text */

struct block {
	enum pdf_block_kind kind;
	const char *text;   /* arena */
	bool page_before;   /* pdf_page_break was asked for before this block */
	int part;           /* index into pdf_doc.parts */
};

struct part {
	const char *head, *foot; /* borrowed */
};

struct pdf_doc {
	struct arena *a;
	struct pdf_options o;
	const char *title;               /* borrowed */
	struct part *parts;              /* arena; n_parts (at least 1) */
	int n_parts;
	struct block *blocks;            /* arena; n of cap used */
	size_t n, cap;
	bool pending_break;
	bool failed;
};

/* How a kind of block is set: sizes are in points at normal print and
 * scaled for large print by style_of. */
struct style {
	double size;        /* points */
	bool bold;
	bool accent;        /* in colour unless plain */
	double indent;      /* points from the left margin */
	double before, after; /* space above and below, points */
	bool keep_next;     /* never the last thing on a page */
};

/* Body text 12 pt: the least that clear-print guidance for people's own
 * documents asks for. */
static const struct style STYLES[PDF_BLOCK_KIND__MAX] = {
	[PDF_TITLE] = {.size = 20, .bold = true, .accent = true, .before = 0, .after = 8, .keep_next = true},
	[PDF_H1] = {.size = 16, .bold = true, .accent = true, .before = 14, .after = 6, .keep_next = true},
	[PDF_H2] = {.size = 13.5, .bold = true, .before = 8, .after = 3, .keep_next = true},
	[PDF_BODY] = {.size = 12, .after = 5},
	[PDF_LABEL] = {.size = 12, .bold = true, .before = 2, .after = 1, .keep_next = true},
	[PDF_BULLET] = {.size = 12, .indent = BULLET_INDENT, .after = 3},
	[PDF_URGENT] = {.size = 12, .bold = true, .indent = URGENT_PAD, .before = 4, .after = 8},
	[PDF_NOTE] = {.size = 10, .after = 5},
	[PDF_WRITE] = {.size = 12, .before = 12, .after = 0},
};

/* Large print: body 16 pt and nothing smaller; headings in proportion. */
static struct style style_of(const struct pdf_options *o, enum pdf_block_kind k)
{
	struct style s = STYLES[k];
	if (o->large) {
		double f = 16.0 / 12.0;
		s.size = s.size * f < 16.0 ? 16.0 : s.size * f;
		s.before *= f;
		s.after *= f;
		s.indent *= f;
	}
	return s;
}

double pdf_body_pt(const struct pdf_options *o)
{
	return style_of(o, PDF_BODY).size;
}

static double chrome_pt(const struct pdf_options *o)
{
	return o->large ? 14.0 : 9.0;
}

struct pdf_doc *pdf_doc_new(struct arena *a, const struct pdf_options *o, const char *title, const char *head,
			    const char *foot)
{
	struct pdf_doc *d = arena_zalloc(a, sizeof *d);
	if (!d)
		return NULL;
	d->a = a;
	d->o = *o;
	d->title = title ? title : "";
	d->parts = arena_zalloc(a, PDF_PARTS_MAX * sizeof *d->parts);
	if (!d->parts)
		return NULL;
	d->parts[0] = (struct part){head ? head : "", foot ? foot : ""};
	d->n_parts = 1;
	return d;
}

void pdf_add(struct pdf_doc *d, enum pdf_block_kind k, const char *text)
{
	if (!d || d->failed || !text || !*text || k >= PDF_BLOCK_KIND__MAX)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		if (cap > PDF_BLOCKS_MAX)
			cap = PDF_BLOCKS_MAX;
		if (d->n >= cap) {
			d->failed = true;
			return;
		}
		struct block *nb = arena_alloc(d->a, cap * sizeof *nb);
		if (!nb) {
			d->failed = true;
			return;
		}
		if (d->n)
			memcpy(nb, d->blocks, d->n * sizeof *nb);
		d->blocks = nb;
		d->cap = cap;
	}
	d->blocks[d->n++] = (struct block){.kind = k, .text = text, .page_before = d->pending_break,
				       .part = d->n_parts - 1};
	d->pending_break = false;
}

void pdf_addf(struct pdf_doc *d, enum pdf_block_kind k, const char *fmt, ...)
{
	if (!d || d->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	char tmp[1];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
	va_end(ap2);
	char *s = n >= 0 ? arena_alloc(d->a, (size_t)n + 1) : NULL;
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (!s) {
		d->failed = true;
		return;
	}
	pdf_add(d, k, s);
}

void pdf_page_break(struct pdf_doc *d)
{
	if (d)
		d->pending_break = true;
}

void pdf_part(struct pdf_doc *d, const char *head, const char *foot)
{
	if (!d || d->failed)
		return;
	if (d->n == 0) { /* nothing yet: the first part is this one */
		d->parts[0] = (struct part){head ? head : "", foot ? foot : ""};
		return;
	}
	if (d->n_parts >= PDF_PARTS_MAX) {
		d->failed = true;
		return;
	}
	d->parts[d->n_parts++] = (struct part){head ? head : "", foot ? foot : ""};
	d->pending_break = true;
}

void pdf_add_lines(struct pdf_doc *d, int n)
{
	for (int i = 0; i < n; i++)
		pdf_add(d, PDF_WRITE, " ");
}

/* ---- layout ------------------------------------------------------------------------ */

/* Where one line of a block goes. */
struct line_pos {
	int page;      /* 1-based */
	double y;      /* top of the line's logical box, points from the page top */
	double h;      /* height of the line's logical box */
	double x;      /* left of the line within the block's width (RTL lines are right-aligned) */
	double base;   /* baseline below the top of the line */
};

struct placed {
	PangoLayout *layout; /* owned; NULL for a block that failed */
	struct line_pos *lines; /* malloc'd, n_lines of them */
	int n_lines;
	double left;         /* page x of the block's left edge */
};

struct render {
	const struct pdf_doc *d;
	cairo_t *cr;
	PangoContext *pc;
	struct placed *placed; /* d->n of them */
	int pages;             /* after placing: how many */
	int page_part[PDF_PAGES_MAX + 2]; /* after placing: the part of each page (1-based index) */
	int part_first[PDF_PARTS_MAX];    /* the first page of each part */
	int part_pages[PDF_PARTS_MAX];    /* how many pages each part takes */
	double top, bottom;    /* the text area, points from the page top */
};

static void set_colour(cairo_t *cr, const struct pdf_options *o, bool accent)
{
	if (o->plain)
		cairo_set_source_rgb(cr, 0, 0, 0);
	else if (accent)
		cairo_set_source_rgb(cr, 0.0, 0.369, 0.722); /* NHS blue #005EB8 */
	else
		cairo_set_source_rgb(cr, 0.129, 0.169, 0.196); /* NHS text #212B32 */
}

static PangoLayout *make_layout(PangoContext *pc, const char *text, double size, bool bold, double width,
				bool one_line)
{
	PangoLayout *l = pango_layout_new(pc);
	if (!l)
		return NULL;
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT_FAMILY);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	if (one_line) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, -1);
	} else {
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_auto_dir(l, TRUE);
	if (g_utf8_validate(text, -1, NULL)) {
		pango_layout_set_text(l, text, -1);
	} else {
		gchar *ok = g_utf8_make_valid(text, -1);
		pango_layout_set_text(l, ok, -1);
		g_free(ok);
	}
	return l;
}

/* The lines of l with their heights, x and baselines (page and y unset). */
static int measure(PangoLayout *l, struct line_pos **out)
{
	int n = pango_layout_get_line_count(l);
	struct line_pos *p = calloc((size_t)(n > 0 ? n : 1), sizeof *p);
	if (!p)
		return -1;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		if (i < n) {
			p[i].h = (double)logical.height / PANGO_SCALE;
			p[i].x = (double)logical.x / PANGO_SCALE;
			p[i].base = (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		}
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	*out = p;
	return n;
}

/* First pass: a layout for every block and a place for every line. */
static enum cp_err place(struct render *r)
{
	const struct pdf_doc *d = r->d;
	int page = 1;
	double y = r->top;
	/* Every block's lines first, so that a heading can keep with it the
	 * lines that really follow it. */
	for (size_t b = 0; b < d->n; b++) {
		const struct block *bk = &d->blocks[b];
		struct style s = style_of(&d->o, bk->kind);
		struct placed *pl = &r->placed[b];
		pl->left = PDF_MARGIN + s.indent;
		double width = CONTENT_W - s.indent - (bk->kind == PDF_URGENT ? URGENT_PAD : 0);
		pl->layout = make_layout(r->pc, bk->text, s.size, s.bold, width, false);
		if (!pl->layout)
			return CP_ENOMEM;
		pl->n_lines = measure(pl->layout, &pl->lines);
		if (pl->n_lines < 0)
			return CP_ENOMEM;
	}
	for (size_t b = 0; b < d->n; b++) {
		const struct block *bk = &d->blocks[b];
		struct style s = style_of(&d->o, bk->kind);
		struct placed *pl = &r->placed[b];
		if (bk->page_before && y > r->top) {
			page++;
			y = r->top;
		}
		if (page > PDF_PAGES_MAX)
			return CP_ENOMEM;
		if (b == 0 || d->blocks[b - 1].part != bk->part)
			r->part_first[bk->part] = page;
		double need = s.before;
		for (int i = 0; i < pl->n_lines && i < 3; i++)
			need += pl->lines[i].h;
		if (s.keep_next && b + 1 < d->n) {
			/* A heading or label keeps what follows as that block will
			 * keep itself: its space before and up to three lines. */
			const struct placed *next = &r->placed[b + 1];
			need += s.after + style_of(&d->o, d->blocks[b + 1].kind).before;
			for (int i = 0; i < next->n_lines && i < 3; i++)
				need += next->lines[i].h;
		}
		if (y > r->top && y + need > r->bottom) {
			page++;
			y = r->top;
		}
		if (y > r->top)
			y += s.before;
		for (int i = 0; i < pl->n_lines; i++) {
			if (y + pl->lines[i].h > r->bottom && y > r->top) {
				page++;
				y = r->top;
			}
			pl->lines[i].page = page;
			pl->lines[i].y = y;
			y += pl->lines[i].h;
		}
		y += s.after;
		if (page > PDF_PAGES_MAX)
			return CP_ENOMEM;
	}
	r->pages = page;
	/* Which part each page belongs to, and how many pages each part has. */
	for (int p = 0; p < d->n_parts; p++)
		if (r->part_first[p] == 0)
			r->part_first[p] = p ? r->part_first[p - 1] : 1;
	for (int pg = 1, p = 0; pg <= page; pg++) {
		while (p + 1 < d->n_parts && r->part_first[p + 1] <= pg)
			p++;
		r->page_part[pg] = p;
		r->part_pages[p]++;
	}
	return CP_OK;
}

/* The running head and footer of page p of r->pages. */
static void chrome(struct render *r, int p)
{
	const struct pdf_options *o = &r->d->o;
	cairo_t *cr = r->cr;
	double pt = chrome_pt(o);
	const struct part *pt_ = &r->d->parts[r->page_part[p]];
	char num[48];
	snprintf(num, sizeof num, "Page %d of %d", p - r->part_first[r->page_part[p]] + 1,
		 r->part_pages[r->page_part[p]]);
	PangoLayout *pn = make_layout(r->pc, num, pt, false, CONTENT_W, true);
	int nw = 0, nh = 0;
	if (pn)
		pango_layout_get_size(pn, &nw, &nh);
	double numw = (double)nw / PANGO_SCALE;

	PangoLayout *head = make_layout(r->pc, pt_->head, pt, true, CONTENT_W, true);
	PangoLayout *foot = make_layout(r->pc, pt_->foot, pt, false, CONTENT_W - numw - 12, true);
	set_colour(cr, o, false);
	if (head) {
		cairo_move_to(cr, PDF_MARGIN, PDF_MARGIN);
		pango_cairo_show_layout(cr, head);
		int hw, hh;
		pango_layout_get_size(head, &hw, &hh);
		double ly = PDF_MARGIN + (double)hh / PANGO_SCALE + 3;
		set_colour(cr, o, true);
		cairo_set_line_width(cr, 0.75);
		cairo_move_to(cr, PDF_MARGIN, ly);
		cairo_line_to(cr, PDF_A4_W - PDF_MARGIN, ly);
		cairo_stroke(cr);
		set_colour(cr, o, false);
	}
	double fy = PDF_A4_H - PDF_MARGIN - (double)nh / PANGO_SCALE;
	cairo_set_line_width(cr, 0.75);
	cairo_move_to(cr, PDF_MARGIN, fy - 3);
	cairo_line_to(cr, PDF_A4_W - PDF_MARGIN, fy - 3);
	cairo_stroke(cr);
	if (foot) {
		cairo_move_to(cr, PDF_MARGIN, fy);
		pango_cairo_show_layout(cr, foot);
	}
	if (pn) {
		cairo_move_to(cr, PDF_A4_W - PDF_MARGIN - numw, fy);
		pango_cairo_show_layout(cr, pn);
	}
	if (pn)
		g_object_unref(pn);
	if (head)
		g_object_unref(head);
	if (foot)
		g_object_unref(foot);
}

/* Moves the surface on to page p, drawing each new page's head and foot. */
static void turn_to(struct render *r, int *on, int p)
{
	while (*on < p) {
		cairo_show_page(r->cr);
		(*on)++;
		chrome(r, *on);
	}
}

/* The box of an urgent block's lines from..to (one page): a fill unless
 * plain, and a thick rule on the left. */
static void urgent_box(struct render *r, const struct placed *pl, int from, int to)
{
	cairo_t *cr = r->cr;
	double y0 = pl->lines[from].y - 4, y1 = pl->lines[to].y + pl->lines[to].h + 4;
	double x0 = PDF_MARGIN, w = CONTENT_W;
	if (!r->d->o.plain) {
		cairo_set_source_rgb(cr, 1.0, 0.957, 0.8); /* a pale warm yellow */
		cairo_rectangle(cr, x0, y0, w, y1 - y0);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.835, 0.157, 0.106); /* NHS red #D5281B */
	} else {
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1.0);
		cairo_rectangle(cr, x0 + 0.5, y0, w - 1.0, y1 - y0);
		cairo_stroke(cr);
	}
	cairo_rectangle(cr, x0, y0, 4, y1 - y0);
	cairo_fill(cr);
}

/* Second pass: draws every placed line. */
static void draw(struct render *r)
{
	const struct pdf_doc *d = r->d;
	cairo_t *cr = r->cr;
	int on = 1;
	chrome(r, 1);
	for (size_t b = 0; b < d->n; b++) {
		const struct block *bk = &d->blocks[b];
		const struct placed *pl = &r->placed[b];
		struct style s = style_of(&d->o, bk->kind);
		PangoLayoutIter *it = pango_layout_get_iter(pl->layout);
		for (int i = 0; i < pl->n_lines; i++) {
			const struct line_pos *lp = &pl->lines[i];
			turn_to(r, &on, lp->page);
			if (bk->kind == PDF_URGENT && (i == 0 || pl->lines[i - 1].page != lp->page)) {
				int j = i;
				while (j + 1 < pl->n_lines && pl->lines[j + 1].page == lp->page)
					j++;
				urgent_box(r, pl, i, j);
			}
			if (bk->kind == PDF_BULLET && i == 0) {
				set_colour(cr, &d->o, false);
				cairo_new_path(cr); /* show_layout_line leaves a current point */
				cairo_arc(cr, PDF_MARGIN + s.indent / 3, lp->y + lp->base - s.size * 0.3, s.size * 0.17, 0,
					  6.2832);
				cairo_fill(cr);
			}
			if (bk->kind == PDF_WRITE) {
				/* A line to write on, in place of the text. */
				set_colour(cr, &d->o, false);
				cairo_new_path(cr);
				cairo_set_line_width(cr, 0.5);
				cairo_move_to(cr, PDF_MARGIN, lp->y + lp->h);
				cairo_line_to(cr, PDF_A4_W - PDF_MARGIN, lp->y + lp->h);
				cairo_stroke(cr);
				pango_layout_iter_next_line(it);
				continue;
			}
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			set_colour(cr, &d->o, s.accent);
			cairo_move_to(cr, pl->left + lp->x, lp->y + lp->base);
			pango_cairo_show_layout_line(cr, line);
			pango_layout_iter_next_line(it);
		}
		pango_layout_iter_free(it);
		if (bk->kind == PDF_H1 && pl->n_lines > 0) {
			/* A rule under a section heading. */
			const struct line_pos *lp = &pl->lines[pl->n_lines - 1];
			set_colour(cr, &d->o, true);
			cairo_set_line_width(cr, 1.5);
			cairo_move_to(cr, PDF_MARGIN, lp->y + lp->h + 1.5);
			cairo_line_to(cr, PDF_A4_W - PDF_MARGIN, lp->y + lp->h + 1.5);
			cairo_stroke(cr);
		}
	}
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	struct buf *out = closure;
	buf_add(out, data, length);
	return out->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum cp_err pdf_render(const struct pdf_doc *d, struct buf *out, size_t *pages)
{
	if (pages)
		*pages = 0;
	if (!d || d->failed)
		return CP_ENOMEM;
	enum cp_err err = CP_OK;
	struct render r = {.d = d};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, out, PDF_A4_W, PDF_A4_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return CP_EIO;
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Careplan");
	r.cr = cairo_create(s);
	r.pc = pango_cairo_create_context(r.cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r.pc, fo);
	cairo_font_options_destroy(fo);
	r.placed = calloc(d->n ? d->n : 1, sizeof *r.placed);
	if (!r.placed) {
		err = CP_ENOMEM;
		goto done;
	}
	/* The text area: below the running head, above the footer. */
	double chrome_h = chrome_pt(&d->o) * 1.6;
	r.top = PDF_MARGIN + chrome_h + CHROME_GAP;
	r.bottom = PDF_A4_H - PDF_MARGIN - chrome_h - CHROME_GAP;
	if ((err = place(&r)))
		goto done;
	cairo_rectangle(r.cr, PDF_MARGIN, PDF_MARGIN, CONTENT_W, PDF_A4_H - 2 * PDF_MARGIN);
	cairo_clip(r.cr);
	draw(&r);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || cairo_status(r.cr) != CAIRO_STATUS_SUCCESS)
		err = out->err ? CP_ENOMEM : CP_EIO;
	else if (out->err)
		err = CP_ENOMEM;
	if (!err && pages)
		*pages = (size_t)r.pages;
done:
	if (r.placed) {
		for (size_t i = 0; i < d->n; i++) {
			if (r.placed[i].layout)
				g_object_unref(r.placed[i].layout);
			free(r.placed[i].lines);
		}
		free(r.placed);
	}
	g_object_unref(r.pc);
	cairo_destroy(r.cr);
	cairo_surface_destroy(s);
	return err;
}

#ifdef __SANITIZE_ADDRESS__
/* fontconfig keeps its configuration and font list for the life of the
 * process and never frees them (FcFini is not safe while pango's per-thread
 * font maps live): not a leak of ours, so LeakSanitizer is told to pass it
 * over.  The sanitizer runtime looks this function up by name. */
const char *__lsan_default_suppressions(void); /* NOLINT(bugprone-reserved-identifier) */
const char *__lsan_default_suppressions(void) /* NOLINT(bugprone-reserved-identifier) */
{
	return "leak:libfontconfig.so\n";
}
/* ...and not to list the suppression it used in every test's output. */
const char *__lsan_default_options(void); /* NOLINT(bugprone-reserved-identifier) */
const char *__lsan_default_options(void) /* NOLINT(bugprone-reserved-identifier) */
{
	return "print_suppressions=0";
}
#endif
