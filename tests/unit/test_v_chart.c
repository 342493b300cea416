/*
 * test_v_chart.c - server-drawn SVG charts (src/view/v_chart.c): the output
 * is well-formed XML, every text is escaped, there is a text alternative
 * and a table with a caption, and hidden values are said in words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "util/buf.h"
#include "view/v_chart.h"

/* A small well-formedness check: elements nest and close in order, every
 * '&' starts an entity, no '<' in text or attribute values, quotes balance.
 * Returns NULL when well-formed, else where it went wrong. */
static const char *well_formed(const char *s)
{
	const char *stack[256];
	size_t lens[256], depth = 0;
	while (*s) {
		if (*s == '&') {
			const char *semi = strchr(s, ';');
			if (!semi || semi - s > 8)
				return s;
			s = semi + 1;
			continue;
		}
		if (*s != '<') {
			if (*s == '>')
				return s;
			s++;
			continue;
		}
		bool closing = s[1] == '/';
		const char *name = s + 1 + closing;
		size_t n = strcspn(name, " />");
		const char *p = name + n;
		bool self = false;
		while (*p && *p != '>') {
			if (*p == '"') {
				const char *q = strchr(p + 1, '"');
				if (!q || memchr(p + 1, '<', (size_t)(q - p - 1)))
					return p;
				p = q + 1;
				continue;
			}
			if (*p == '/' && p[1] == '>')
				self = true;
			p++;
		}
		if (!*p)
			return s;
		if (closing) {
			if (!depth || lens[depth - 1] != n || strncmp(stack[depth - 1], name, n) != 0)
				return s;
			depth--;
		} else if (!self) {
			if (depth == 256)
				return s;
			stack[depth] = name;
			lens[depth++] = n;
		}
		s = p + 1;
	}
	return depth ? "unclosed element" : NULL;
}

static const char *const CATS[] = {"Jan 2026", "Feb <2026>", "Mar 2026"};
static const double V0[] = {3, 12, 7}, V1[] = {1, 0, 4};
static const unsigned char M1[] = {V_CHART_SMALL, V_CHART_NONE, V_CHART_SHOWN};

static struct v_chart chart(const struct v_chart_series *s, size_t n)
{
	return (struct v_chart){.id = "chart-t", .title = "Plans & \"reviews\"", .desc = "What <is> counted.",
				.cat_heading = "Month", .cats = CATS, .n_cats = 3, .series = s, .n_series = n};
}

static void check(void (*draw)(struct buf *, const struct v_chart *))
{
	struct v_chart_series s[2] = {{"Agreed", V0, NULL}, {"With the <person>", V1, M1}};
	struct v_chart c = chart(s, 2);
	struct buf b;
	buf_init(&b, 1u << 20);
	draw(&b, &c);
	assert_int_equal(b.err, CP_OK);
	const char *out = b.data;
	const char *bad = well_formed(out);
	if (bad)
		fail_msg("not well-formed at: %.60s", bad);
	assert_non_null(strstr(out, "role=\"img\""));
	assert_non_null(strstr(out, "aria-label=\"Plans &amp; &quot;reviews&quot;\""));
	assert_non_null(strstr(out, "<title id=\"chart-t-title\">Plans &amp; &quot;reviews&quot;</title>"));
	assert_non_null(strstr(out, "<desc id=\"chart-t-desc\">What &lt;is&gt; counted."));
	assert_non_null(strstr(out, "With the &lt;person&gt;: Jan 2026 fewer than 5; Feb &lt;2026&gt; none to show; "
				    "Mar 2026 4."));
	assert_null(strstr(out, "<person>"));
	assert_null(strstr(out, "<2026>"));
	/* The table beside it: a caption, headers, hidden values in words. */
	assert_non_null(strstr(out, "<caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">Plans &amp; "
				    "&quot;reviews&quot;</caption>"));
	assert_non_null(strstr(out, "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">"
				    "With the &lt;person&gt;</th>"));
	assert_non_null(strstr(out, ">fewer than 5</td>"));
	assert_non_null(strstr(out, ">none to show</td>"));
	buf_free(&b);
}

static void a_bar_chart_is_well_formed_escaped_and_has_its_table(void **state)
{
	(void)state;
	check(v_chart_bar);
	struct v_chart_series s[2] = {{"Agreed", V0, NULL}, {"Other", V1, M1}};
	struct v_chart c = chart(s, 2);
	struct buf b;
	buf_init(&b, 1u << 20);
	v_chart_bar(&b, &c);
	/* The second series is hatched, not only another colour, and named in the legend. */
	assert_non_null(strstr(b.data, "fill=\"url(#chart-t-p1)\""));
	assert_non_null(strstr(b.data, "<pattern id=\"chart-t-p1\""));
	assert_non_null(strstr(b.data, ">Other</text>"));
	/* A hidden bar is marked "<5" (escaped), not drawn. */
	assert_non_null(strstr(b.data, ">&lt;5</text>"));
	buf_free(&b);
}

static void a_line_chart_is_well_formed_escaped_and_has_its_table(void **state)
{
	(void)state;
	check(v_chart_line);
	struct v_chart_series s[2] = {{"Agreed", V0, NULL}, {"Other", V1, M1}};
	struct v_chart c = chart(s, 2);
	struct buf b;
	buf_init(&b, 1u << 20);
	v_chart_line(&b, &c);
	/* The second line is dashed, its markers square. */
	assert_non_null(strstr(b.data, "stroke-dasharray=\"5 3\""));
	assert_non_null(strstr(b.data, "fill=\"#330072\"/>"));
	assert_non_null(strstr(b.data, " d=\"M"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_bar_chart_is_well_formed_escaped_and_has_its_table),
		cmocka_unit_test(a_line_chart_is_well_formed_escaped_and_has_its_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
