/*
 * test_plan_pdf.c - the PDF layout (src/export/pdf.c, included to reach its
 * placing pass) and the person-held plan's words (src/export/plan_pdf.c):
 * every line is placed inside the text area whatever its length, pages
 * follow in order, large print is 16 pt, the running head and footer say
 * who and which version, and a carer's copy holds only its sections.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/share.h"
#include "export/pdf.c"
#include "export/plan_pdf.h"

/* Lays d out (the first pass only) and checks every line's place. */
static int placed_pages(const struct pdf_doc *d, bool check)
{
	struct render r = {.d = d};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(NULL, NULL, PDF_A4_W, PDF_A4_H);
	r.cr = cairo_create(s);
	r.pc = pango_cairo_create_context(r.cr);
	r.placed = calloc(d->n ? d->n : 1, sizeof *r.placed);
	double chrome_h = chrome_pt(&d->o) * 1.6;
	r.top = PDF_MARGIN + chrome_h + CHROME_GAP;
	r.bottom = PDF_A4_H - PDF_MARGIN - chrome_h - CHROME_GAP;
	assert_int_equal(place(&r), CP_OK);
	int last = 1;
	double last_y = 0;
	for (size_t b = 0; check && b < d->n; b++) {
		const struct placed *pl = &r.placed[b];
		for (int i = 0; i < pl->n_lines; i++) {
			const struct line_pos *lp = &pl->lines[i];
			assert_true(lp->y >= r.top - 0.001);
			assert_true(lp->y + lp->h <= r.bottom + 0.001);
			assert_true(pl->left + lp->x >= PDF_MARGIN - 0.001);
			assert_true(lp->page >= last);
			if (lp->page == last)
				assert_true(lp->y >= last_y);
			last = lp->page;
			last_y = lp->y + lp->h;
		}
	}
	int pages = r.pages;
	for (size_t i = 0; i < d->n; i++) {
		if (r.placed[i].layout)
			g_object_unref(r.placed[i].layout);
		free(r.placed[i].lines);
	}
	free(r.placed);
	g_object_unref(r.pc);
	cairo_destroy(r.cr);
	cairo_surface_destroy(s);
	return pages;
}

static char *repeat(struct arena *a, const char *s, int n)
{
	size_t len = strlen(s);
	char *out = arena_alloc(a, len * (size_t)n + 1);
	for (int i = 0; i < n; i++)
		memcpy(out + len * (size_t)i, s, len);
	out[len * (size_t)n] = '\0';
	return out;
}

static void test_long_words_rtl_and_long_paragraphs_stay_inside_the_text_area(void **state)
{
	(void)state;
	struct arena *a = arena_new(4 << 20);
	struct pdf_options o = {0};
	struct pdf_doc *d = pdf_doc_new(a, &o, "t", "head", "foot");
	pdf_add(d, PDF_TITLE, "A title");
	pdf_add(d, PDF_BODY, repeat(a, "x", 3000));                          /* one word, many lines */
	pdf_add(d, PDF_BULLET, repeat(a, "אני רוצה ללכת לחנות לבד שוב ", 200)); /* right to left, pages of it */
	pdf_add(d, PDF_URGENT, repeat(a, "Ring the team's SOS number. ", 300));
	for (int i = 0; i < 40; i++) {
		pdf_add(d, PDF_H2, "Zoë-Éléonore Ñúñez");
		pdf_add(d, PDF_LABEL, "أريد أن أمشي إلى المتجر");
	}
	int pages = placed_pages(d, true);
	assert_true(pages > 3);
	struct buf out;
	buf_init(&out, 8u << 20);
	size_t n = 0;
	assert_int_equal(pdf_render(d, &out, &n), CP_OK);
	assert_int_equal((int)n, pages);
	assert_memory_equal(out.data, "%PDF-", 5);
	buf_free(&out);
	arena_free(a);
}

static void test_large_print_is_16_pt_and_takes_more_pages(void **state)
{
	(void)state;
	struct pdf_options normal = {0}, large = {.large = true};
	assert_true(pdf_body_pt(&normal) < 16.0);
	assert_true(pdf_body_pt(&large) >= 16.0);
	for (int k = 0; k < PDF_BLOCK_KIND__MAX; k++)
		assert_true(style_of(&large, (enum pdf_block_kind)k).size >= 16.0);
	struct arena *a = arena_new(1 << 20);
	struct pdf_doc *dn = pdf_doc_new(a, &normal, "t", "h", "f"), *dl = pdf_doc_new(a, &large, "t", "h", "f");
	for (int i = 0; i < 60; i++) {
		pdf_add(dn, PDF_BODY, "A paragraph of ordinary length that wraps onto a second line at the normal size.");
		pdf_add(dl, PDF_BODY, "A paragraph of ordinary length that wraps onto a second line at the normal size.");
	}
	assert_true(placed_pages(dl, true) > placed_pages(dn, true));
	arena_free(a);
}

static void test_a_page_break_and_a_heading_never_left_at_the_foot(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	struct pdf_options o = {0};
	struct pdf_doc *d = pdf_doc_new(a, &o, "t", "h", "f");
	pdf_add(d, PDF_BODY, "page one");
	pdf_page_break(d);
	pdf_add(d, PDF_BODY, "page two");
	assert_int_equal(placed_pages(d, true), 2);
	/* Fill a page to just above the foot, then a heading: it goes over with its text. */
	struct pdf_doc *e = pdf_doc_new(a, &o, "t", "h", "f");
	int lines = 0;
	while (placed_pages(e, false) == 1 && lines < 200) {
		pdf_add(e, PDF_BODY, "line");
		lines++;
	}
	/* e now spills by one line: drop back to a full first page. */
	e->n--;
	pdf_add(e, PDF_H1, "A heading");
	pdf_add(e, PDF_BODY, "Its text");
	assert_int_equal(placed_pages(e, true), 2);
	arena_free(a);
}

static void test_empty_text_adds_nothing_and_too_many_blocks_fail(void **state)
{
	(void)state;
	struct arena *a = arena_new(4 << 20);
	struct pdf_options o = {0};
	struct pdf_doc *d = pdf_doc_new(a, &o, "t", "h", "f");
	pdf_add(d, PDF_BODY, NULL);
	pdf_add(d, PDF_BODY, "");
	assert_int_equal((int)d->n, 0);
	for (int i = 0; i < PDF_BLOCKS_MAX + 1; i++)
		pdf_add(d, PDF_BODY, "x");
	struct buf out;
	buf_init(&out, 1 << 20);
	assert_int_equal(pdf_render(d, &out, NULL), CP_ENOMEM);
	buf_free(&out);
	arena_free(a);
}

/* A plan with one goal, one action, an advance care plan and an SOS route. */
static void view(struct arena *a, struct my_view *v, enum access_basis b, unsigned mask)
{
	memset(v, 0, sizeof *v);
	v->person = (struct store_person){.id = 7, .given_name = "Zoë", .family_name = "Ñúñez O'Brien",
					  .birth_date = "1941-03-03"};
	v->basis = b;
	v->mask = mask;
	v->has_episode = true;
	v->plan.exists = true;
	v->plan.cp = (struct store_care_plan){.id = 3, .version = 4, .status = "agreed", .agreed_date = "2026-05-12",
					      .next_review_date = "2026-11-12"};
	struct plan_item *it = arena_zalloc(a, 3 * sizeof *it);
	it[0] = (struct plan_item){.id = 1, .section = PLS_GOAL};
	it[0].v[PLF_GOAL_TITLE] = "Walk to the shops";
	it[0].v[PLF_GOAL_STATUS] = "active";
	it[1] = (struct plan_item){.id = 2, .section = PLS_ACTION};
	it[1].v[PLF_ACTION_WHAT] = "Walk to the corner";
	it[1].v[PLF_ACTION_GOAL] = "1";
	it[1].v[PLF_ACTION_WHO] = "person";
	it[2] = (struct plan_item){.id = 0, .section = PLS_ACP};
	it[2].v[PLF_ACP_MATTERS] = "Being at home";
	v->plan.items = it;
	v->plan.n_items = 3;
}

static void test_head_foot_and_file_name(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	struct my_view v;
	view(a, &v, ACCESS_SELF, ~0u);
	assert_string_equal(plan_pdf_head(a, &v), "Zoë Ñúñez O'Brien, born 3 March 1941");
	assert_string_equal(plan_pdf_foot(a, &v), "Plan version 4, agreed on 12 May 2026");
	assert_string_equal(plan_pdf_filename(a, &v), "plan-ez-obrien-v4.pdf");
	v.plan.cp.status = "draft";
	assert_string_equal(plan_pdf_foot(a, &v), "Plan version 4, not yet agreed");
	v.person.family_name = "בן דוד";
	assert_string_equal(plan_pdf_filename(a, &v), "plan-v4.pdf");
	arena_free(a);
}

static void test_the_plan_writes_and_no_plan_is_not_found(void **state)
{
	(void)state;
	struct arena *a = arena_new(4 << 20);
	struct my_view v;
	struct pdf_options o = {.large = true, .plain = true};
	view(a, &v, ACCESS_CARER, SHARE_BIT(SHARE_GOALS));
	struct buf out;
	buf_init(&out, 8u << 20);
	size_t pages = 0;
	assert_int_equal(plan_pdf_write(a, &v, &o, 1778000000000LL, &out, &pages), CP_OK);
	assert_true(pages >= 2);
	assert_memory_equal(out.data, "%PDF-", 5);
	v.plan.exists = false;
	buf_reset(&out);
	assert_int_equal(plan_pdf_write(a, &v, &o, 1778000000000LL, &out, &pages), CP_ENOTFOUND);
	assert_int_equal((int)pages, 0);
	buf_free(&out);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_words_rtl_and_long_paragraphs_stay_inside_the_text_area),
		cmocka_unit_test(test_large_print_is_16_pt_and_takes_more_pages),
		cmocka_unit_test(test_a_page_break_and_a_heading_never_left_at_the_foot),
		cmocka_unit_test(test_empty_text_adds_nothing_and_too_many_blocks_fail),
		cmocka_unit_test(test_head_foot_and_file_name),
		cmocka_unit_test(test_the_plan_writes_and_no_plan_is_not_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
