/* v_chart.c - server-drawn SVG charts with text alternatives (v_chart.h). */
#include "v_chart.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "html.h"

#define W 640
#define HGT 280
#define LEFT 56
#define RIGHT 16
#define TOP 16
#define BOTTOM 56

static enum v_chart_mark mark_of(const struct v_chart_series *s, size_t i)
{
	return s->mark ? (enum v_chart_mark)s->mark[i] : V_CHART_SHOWN;
}

/* Numbers into attributes: each element's start with its coordinates, the
 * caller adding the rest as literals. */
static void num(struct buf *b, int v)
{
	html_i64(b, v);
}

static void line_el(struct buf *b, int x1, int y1, int x2, int y2)
{
	H(b, "<line x1=\"");
	num(b, x1);
	H(b, "\" y1=\"");
	num(b, y1);
	H(b, "\" x2=\"");
	num(b, x2);
	H(b, "\" y2=\"");
	num(b, y2);
	H(b, "\"");
}

static void text_el(struct buf *b, int x, int y)
{
	H(b, "<text x=\"");
	num(b, x);
	H(b, "\" y=\"");
	num(b, y);
	H(b, "\"");
}

static void rect_el(struct buf *b, int x, int y, int w, int h)
{
	H(b, "<rect x=\"");
	num(b, x);
	H(b, "\" y=\"");
	num(b, y);
	H(b, "\" width=\"");
	num(b, w);
	H(b, "\" height=\"");
	num(b, h);
	H(b, "\"");
}

/* A path's point: "M" to start, "L" to draw a line to it. */
static void pt(struct buf *b, bool move, int x, int y)
{
	if (move)
		H(b, "M");
	else
		H(b, " L");
	num(b, x);
	H(b, ",");
	num(b, y);
}

static void value_text(struct buf *b, double v, int decimals)
{
	if (decimals > 0)
		html_textf(b, "%.1f", v);
	else
		html_textf(b, "%.0f", v);
}

/* The top of the y axis: a round number at or above the largest shown value. */
static double axis_max(const struct v_chart *c)
{
	double mx = 0;
	for (size_t s = 0; s < c->n_series; s++)
		for (size_t i = 0; i < c->n_cats; i++)
			if (mark_of(&c->series[s], i) == V_CHART_SHOWN && c->series[s].v[i] > mx)
				mx = c->series[s].v[i];
	if (mx <= 0)
		return 4;
	double step = pow(10, floor(log10(mx)));
	double top = ceil(mx / step) * step;
	if (top < 4 && c->decimals == 0)
		top = 4;
	return top;
}

/* The <svg> element's start, its title and its text alternative. */
static void svg_begin(struct buf *b, const struct v_chart *c)
{
	H(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cp-chart\" role=\"img\" viewBox=\"0 0 640 280\" "
	     "width=\"100%\" aria-describedby=\"");
	html_text(b, c->id);
	H(b, "-desc\" aria-label=\"");
	html_text(b, c->title);
	H(b, "\"><title id=\"");
	html_text(b, c->id);
	H(b, "-title\">");
	html_text(b, c->title);
	H(b, "</title><desc id=\"");
	html_text(b, c->id);
	H(b, "-desc\">");
	html_text(b, c->desc);
	for (size_t s = 0; s < c->n_series; s++) {
		H(b, " ");
		html_text(b, c->series[s].name);
		H(b, ":");
		for (size_t i = 0; i < c->n_cats; i++) {
			if (i)
				H(b, ";");
			H(b, " ");
			html_text(b, c->cats[i]);
			H(b, " ");
			switch (mark_of(&c->series[s], i)) {
			case V_CHART_SHOWN: value_text(b, c->series[s].v[i], c->decimals); break;
			case V_CHART_SMALL: H(b, "fewer than 5"); break;
			case V_CHART_NONE: H(b, "none to show"); break;
			}
		}
		H(b, ".");
	}
	H(b, " The same figures are in the table beside the chart.</desc>\n");
	/* Patterns tell series apart without colour: solid, diagonal hatching,
	 * dots, cross-hatching. */
	H(b, "<defs>");
	for (size_t s = 1; s < c->n_series && s < V_CHART_SERIES_MAX; s++) {
		H(b, "<pattern id=\"");
		html_text(b, c->id);
		html_textf(b, "-p%zu", s);
		H(b, "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
		     "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>");
		if (s == 1)
			H(b, "<path d=\"M0,6 L6,0\" stroke=\"#005eb8\" stroke-width=\"2\"/>");
		else if (s == 2)
			H(b, "<circle cx=\"3\" cy=\"3\" r=\"1.6\" fill=\"#330072\"/>");
		else
			H(b, "<path d=\"M0,0 L6,6 M0,6 L6,0\" stroke=\"#212b32\" stroke-width=\"1\"/>");
		H(b, "</pattern>");
	}
	H(b, "</defs>\n");
}

static void fill_of(struct buf *b, const struct v_chart *c, size_t s)
{
	if (s == 0) {
		H(b, "#005eb8");
		return;
	}
	H(b, "url(#");
	html_text(b, c->id);
	html_textf(b, "-p%zu", s);
	H(b, ")");
}

/* Axes, grid lines with their values, category labels, legend. */
static void frame(struct buf *b, const struct v_chart *c, double top, bool line)
{
	const int ph = HGT - TOP - BOTTOM, pw = W - LEFT - RIGHT;
	for (int k = 0; k <= 4; k++) {
		double v = top * k / 4;
		int y = TOP + ph - (int)lround(ph * k / 4.0);
		line_el(b, LEFT, y, W - RIGHT, y);
		H(b, " stroke=\"#d8dde0\"/>");
		text_el(b, LEFT - 6, y + 4);
		H(b, " text-anchor=\"end\" font-size=\"12\" fill=\"#212b32\">");
		value_text(b, v, c->decimals && top < 10 ? 1 : 0);
		H(b, "</text>");
	}
	line_el(b, LEFT, TOP + ph, W - RIGHT, TOP + ph);
	H(b, " stroke=\"#212b32\"/>");
	size_t every = c->n_cats > 12 ? 3 : 1;
	for (size_t i = 0; i < c->n_cats; i++) {
		if (i % every)
			continue;
		double slot = (double)pw / (double)(c->n_cats ? c->n_cats : 1);
		int x = LEFT + (int)lround(slot * ((double)i + 0.5));
		text_el(b, x, TOP + ph + 16);
		H(b, " text-anchor=\"middle\" font-size=\"11\" fill=\"#212b32\">");
		html_text(b, c->cats[i]);
		H(b, "</text>");
	}
	int lx = LEFT;
	for (size_t s = 0; s < c->n_series; s++) {
		int ly = HGT - 14;
		if (line) {
			line_el(b, lx, ly - 4, lx + 20, ly - 4);
			H(b, " stroke=\"#212b32\" stroke-width=\"2\"");
			if (s % 2)
				H(b, " stroke-dasharray=\"5 3\"");
			H(b, "/>");
		} else {
			rect_el(b, lx, ly - 11, 14, 14);
			H(b, " stroke=\"#212b32\" fill=\"");
			fill_of(b, c, s);
			H(b, "\"/>");
		}
		text_el(b, lx + 24, ly);
		H(b, " font-size=\"12\" fill=\"#212b32\">");
		html_text(b, c->series[s].name);
		H(b, "</text>");
		lx += 24 + 8 * (int)strlen(c->series[s].name) + 16;
	}
}

/* What a hidden or missing value shows where its bar or point would be. */
static void gap_text(struct buf *b, enum v_chart_mark m, int x, int y)
{
	text_el(b, x, y);
	H(b, " text-anchor=\"middle\" font-size=\"10\" fill=\"#4c6272\">");
	html_text(b, m == V_CHART_SMALL ? "<5" : "\xe2\x80\x93"); /* "<5", or an en dash: nothing to show */
	H(b, "</text>");
}

static void wrap_begin(struct buf *b)
{
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-one-half\">");
}

static void wrap_middle(struct buf *b)
{
	H(b, "</svg></div><div class=\"nhsuk-grid-column-one-half\">");
}

static void wrap_end(struct buf *b)
{
	H(b, "</div></div>\n");
}

void v_chart_bar(struct buf *b, const struct v_chart *c)
{
	const int ph = HGT - TOP - BOTTOM, pw = W - LEFT - RIGHT;
	double top = axis_max(c);
	wrap_begin(b);
	svg_begin(b, c);
	frame(b, c, top, false);
	double slot = (double)pw / (double)(c->n_cats ? c->n_cats : 1);
	double bw = slot * 0.8 / (double)(c->n_series ? c->n_series : 1);
	for (size_t i = 0; i < c->n_cats; i++) {
		for (size_t s = 0; s < c->n_series; s++) {
			int x = LEFT + (int)lround(slot * (double)i + slot * 0.1 + bw * (double)s);
			int w = (int)lround(bw) > 1 ? (int)lround(bw) - 1 : 1;
			enum v_chart_mark m = mark_of(&c->series[s], i);
			if (m != V_CHART_SHOWN) {
				gap_text(b, m, x + w / 2, TOP + ph - 3);
				continue;
			}
			double v = c->series[s].v[i] > 0 ? c->series[s].v[i] : 0;
			int h = (int)lround(ph * v / top);
			rect_el(b, x, TOP + ph - h, w, h);
			H(b, " stroke=\"#212b32\" fill=\"");
			fill_of(b, c, s);
			H(b, "\"/>");
			if (w >= 14) {
				text_el(b, x + w / 2, TOP + ph - h - 3);
				H(b, " text-anchor=\"middle\" font-size=\"10\" fill=\"#212b32\">");
				value_text(b, c->series[s].v[i], c->decimals);
				H(b, "</text>");
			}
		}
	}
	wrap_middle(b);
	v_chart_table(b, c);
	wrap_end(b);
}

void v_chart_line(struct buf *b, const struct v_chart *c)
{
	const int ph = HGT - TOP - BOTTOM, pw = W - LEFT - RIGHT;
	double top = axis_max(c);
	wrap_begin(b);
	svg_begin(b, c);
	frame(b, c, top, true);
	double slot = (double)pw / (double)(c->n_cats ? c->n_cats : 1);
	for (size_t s = 0; s < c->n_series; s++) {
		/* One path per run of shown values: a hidden month breaks the line. */
		bool open = false;
		for (size_t i = 0; i < c->n_cats; i++) {
			int x = LEFT + (int)lround(slot * ((double)i + 0.5));
			if (mark_of(&c->series[s], i) != V_CHART_SHOWN) {
				if (open)
					H(b, "\"/>");
				open = false;
				continue;
			}
			double v = c->series[s].v[i] > 0 ? c->series[s].v[i] : 0;
			int y = TOP + ph - (int)lround(ph * v / top);
			if (!open) {
				H(b, "<path fill=\"none\" stroke=\"#212b32\" stroke-width=\"2\"");
				if (s % 2)
					H(b, " stroke-dasharray=\"5 3\"");
				H(b, " d=\"");
				pt(b, true, x, y);
				open = true;
			} else {
				pt(b, false, x, y);
			}
		}
		if (open)
			H(b, "\"/>");
		for (size_t i = 0; i < c->n_cats; i++) {
			int x = LEFT + (int)lround(slot * ((double)i + 0.5));
			enum v_chart_mark m = mark_of(&c->series[s], i);
			if (m != V_CHART_SHOWN) {
				if (s == 0)
					gap_text(b, m, x, TOP + ph - 3);
				continue;
			}
			double v = c->series[s].v[i] > 0 ? c->series[s].v[i] : 0;
			int y = TOP + ph - (int)lround(ph * v / top);
			/* Markers differ by shape: circle, square, triangle, diamond. */
			switch (s % 4) {
			case 0:
				H(b, "<path d=\"");
				pt(b, true, x - 4, y);
				H(b, " a4,4 0 1,0 8,0 a4,4 0 1,0 -8,0\" fill=\"#005eb8\"/>");
				break;
			case 1:
				rect_el(b, x - 4, y - 4, 8, 8);
				H(b, " fill=\"#330072\"/>");
				break;
			case 2:
				H(b, "<path d=\"");
				pt(b, true, x, y - 5);
				pt(b, false, x + 5, y + 4);
				pt(b, false, x - 5, y + 4);
				H(b, " Z\" fill=\"#212b32\"/>");
				break;
			default:
				H(b, "<path d=\"");
				pt(b, true, x, y - 5);
				pt(b, false, x + 5, y);
				pt(b, false, x, y + 5);
				pt(b, false, x - 5, y);
				H(b, " Z\" fill=\"#212b32\"/>");
				break;
			}
			text_el(b, x, y - 8);
			H(b, " text-anchor=\"middle\" font-size=\"10\" fill=\"#212b32\">");
			value_text(b, c->series[s].v[i], c->decimals);
			H(b, "</text>");
		}
	}
	wrap_middle(b);
	v_chart_table(b, c);
	wrap_end(b);
}

void v_chart_table(struct buf *b, const struct v_chart *c)
{
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">");
	html_text(b, c->title);
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">");
	html_text(b, c->cat_heading);
	H(b, "</th>");
	for (size_t s = 0; s < c->n_series; s++) {
		H(b, "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">");
		html_text(b, c->series[s].name);
		H(b, "</th>");
	}
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < c->n_cats; i++) {
		H(b, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\">");
		html_text(b, c->cats[i]);
		H(b, "</th>");
		for (size_t s = 0; s < c->n_series; s++) {
			H(b, "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
			switch (mark_of(&c->series[s], i)) {
			case V_CHART_SHOWN: value_text(b, c->series[s].v[i], c->decimals); break;
			case V_CHART_SMALL: H(b, "fewer than 5"); break;
			case V_CHART_NONE: H(b, "none to show"); break;
			}
			H(b, "</td>");
		}
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table>\n");
}
