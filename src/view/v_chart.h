/*
 * v_chart.h - charts drawn by the server as SVG, each with a text
 * alternative and the data table beside it.
 *
 * Every text (titles, labels, values) goes through the escaping writer
 * (html.h), so a chart is escaped by construction like any page.  An SVG
 * has role="img", an aria-label and <title>/<desc>; series are told apart by
 * fill pattern or marker shape and line dash and named in a legend, never by
 * colour alone, and each bar or point carries its value as text.  A value
 * that is hidden (a small number) or missing draws nothing but a mark
 * saying so, and the table says it in words.
 *
 * Ownership: the chart description is borrowed for the call.
 */
#ifndef CP_V_CHART_H
#define CP_V_CHART_H

#include <stddef.h>

#include "../util/buf.h"

#define V_CHART_SERIES_MAX 4

enum v_chart_mark {
	V_CHART_SHOWN, /* the value is drawn */
	V_CHART_SMALL, /* hidden: a count of 1 to 4, or fewer than 5 people */
	V_CHART_NONE,  /* nothing to show (no one counted) */
};

struct v_chart_series {
	const char *name;         /* legend and table column */
	const double *v;          /* n_cats values */
	const unsigned char *mark; /* n_cats enum v_chart_mark, or NULL: all shown */
};

struct v_chart {
	const char *id;           /* unique on the page: letters, digits and '-' only */
	const char *title;        /* the chart's title, and the table's caption */
	const char *desc;         /* a sentence saying what is counted */
	const char *cat_heading;  /* the table's first column heading, e.g. "Month" */
	const char *const *cats;  /* n_cats category labels */
	size_t n_cats;
	const struct v_chart_series *series;
	size_t n_series;          /* 1..V_CHART_SERIES_MAX */
	int decimals;             /* 0 for counts, 1 for means and rates */
};

/* A grouped bar chart, then its table, side by side. */
void v_chart_bar(struct buf *b, const struct v_chart *c);
/* A line chart (categories along the bottom, usually months), then its table. */
void v_chart_line(struct buf *b, const struct v_chart *c);
/* The data table alone: a <table> with a <caption>. */
void v_chart_table(struct buf *b, const struct v_chart *c);

#endif
