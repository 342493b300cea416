/*
 * test_pack_pdf.c - the activities pack's layout (src/export/pack_pdf.c,
 * with src/export/pdf.c included to read the blocks and reach its placing
 * pass): the title, the person's name and date first; each service a
 * heading with its parts in order; a part the directory lacks left out or
 * said in words; a long pack placed inside the text area; and the PDF
 * made.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "export/pdf.c"
#include "export/pack_pdf.h"

static struct arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new(8u << 20);
	return A ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static const char *where1[] = {"Riverside Park gates, Mill Lane, Kingsmead, KM1 2AB"};
static const char *when1[] = {"Every week on Wednesday, 10:00 to 11:00"};
static const char *contact1[] = {"Phone: 01632 960001", "Jan Morris (walk leader): 01632 960001"};

static struct pack_service walk(void)
{
	return (struct pack_service){
		.e = {.svc = {.name = "Riverside Wednesday Walkers", .description = "Gentle walks, then tea.",
			      .eligibility = "Adults", .accessibility = "", .how_to_access = "Just turn up", .fees = ""},
		      .org = {.name = "Walking for Health"}},
		.where = where1, .n_where = 1, .when = when1, .n_when = 1, .cost = "Free",
		.contact = contact1, .n_contact = 2};
}

/* The blocks of d as "K:text" lines, K the kind's first letter of a code. */
static const char *blocks_of(const struct pdf_doc *d)
{
	static const char kinds[] = {[PDF_TITLE] = 'T', [PDF_H1] = 'H', [PDF_H2] = 'h', [PDF_BODY] = 'B',
				     [PDF_LABEL] = 'L', [PDF_BULLET] = '*', [PDF_URGENT] = 'U', [PDF_NOTE] = 'N',
				     [PDF_WRITE] = 'W'};
	struct buf b;
	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < d->n; i++) {
		buf_putc(&b, kinds[d->blocks[i].kind]);
		buf_putc(&b, ':');
		buf_puts(&b, d->blocks[i].text);
		buf_putc(&b, '\n');
	}
	const char *s = arena_strdup(A, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void test_name_and_date_first_then_each_service_in_order(void **state)
{
	(void)state;
	struct pack_service s[2] = {walk(), walk()};
	s[1].e.svc.name = "Phone Friends";
	s[1].n_where = 0;
	s[1].n_when = 0;
	s[1].n_contact = 0;
	s[1].e.svc.how_to_access = "";
	s[1].e.svc.eligibility = "";
	struct pack p = {.person_name = "Maggie Hughes", .date = "23 November 2026", .s = s, .n = 2};
	struct pdf_options o = {0};
	struct pdf_doc *d = pdf_doc_new(A, &o, "t", "h", "f");
	pack_pdf_add(d, &p);
	const char *got = blocks_of(d);
	const char *want =
		"T:Local activities and services for you\n"
		"B:Made for Maggie Hughes on 23 November 2026.\n"
		"B:These are places near you that we talked about. You can go to as many as you like. If you would "
		"like help to go the first time, or something is not right, tell your link worker or key worker.\n"
		"H:Riverside Wednesday Walkers\n"
		"L:What it is\nB:Gentle walks, then tea.\n"
		"L:Run by\nB:Walking for Health\n"
		"L:Where\nB:Riverside Park gates, Mill Lane, Kingsmead, KM1 2AB\n"
		"L:When\nB:Every week on Wednesday, 10:00 to 11:00\n"
		"L:What it costs\nB:Free\n"
		"L:Who it is for\nB:Adults\n"
		"L:How to join\nB:Just turn up\n"
		"L:How to get in touch\n*:Phone: 01632 960001\n*:Jan Morris (walk leader): 01632 960001\n"
		"H:Phone Friends\n"
		"L:What it is\nB:Gentle walks, then tea.\n"
		"L:Run by\nB:Walking for Health\n"
		"L:Where\nB:Ask the service where to go.\n"
		"L:When\nB:Ask the service when it runs.\n"
		"L:What it costs\nB:Free\n"
		"L:How to get in touch\nB:Ask your link worker or key worker.\n";
	assert_string_equal(got, want);
}

static void test_a_long_pack_stays_inside_the_text_area_and_renders(void **state)
{
	(void)state;
	struct pack_service s[PACK_SERVICES_MAX];
	char longname[600];
	memset(longname, 'W', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	for (size_t i = 0; i < PACK_SERVICES_MAX; i++) {
		s[i] = walk();
		s[i].e.svc.description = "A long description of what happens at the group, who comes, what to bring and "
				     "how the afternoon usually goes, repeated to fill the page with words. "
				     "A long description of what happens at the group, who comes, what to bring.";
	}
	s[3].e.svc.name = longname; /* one word longer than a line */
	s[4].e.svc.name = "مجموعة المشي"; /* right to left */
	struct pack p = {.person_name = "Maggie Hughes", .date = "23 November 2026", .s = s, .n = PACK_SERVICES_MAX};
	struct pdf_options o = {.large = true};
	struct pdf_doc *d = pdf_doc_new(A, &o, "t", "Maggie Hughes - local activities", "Made on 23 November 2026");
	pack_pdf_add(d, &p);
	struct render r = {.d = d};
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(NULL, NULL, PDF_A4_W, PDF_A4_H);
	r.cr = cairo_create(surf);
	r.pc = pango_cairo_create_context(r.cr);
	r.placed = calloc(d->n, sizeof *r.placed);
	double chrome_h = chrome_pt(&d->o) * 1.6;
	r.top = PDF_MARGIN + chrome_h + CHROME_GAP;
	r.bottom = PDF_A4_H - PDF_MARGIN - chrome_h - CHROME_GAP;
	assert_int_equal(place(&r), CP_OK);
	for (size_t b = 0; b < d->n; b++) {
		const struct placed *pl = &r.placed[b];
		for (int i = 0; i < pl->n_lines; i++) {
			assert_true(pl->lines[i].y >= r.top - 0.001);
			assert_true(pl->lines[i].y + pl->lines[i].h <= r.bottom + 0.001);
			assert_true(pl->left + pl->lines[i].x >= PDF_MARGIN - 0.001);
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
	cairo_surface_destroy(surf);
	assert_true(pages > 3);
	/* And the whole PDF. */
	struct buf out;
	buf_init(&out, 32u << 20);
	size_t n = 0;
	assert_int_equal(pack_pdf_write(A, &p, &o, &out, &n), CP_OK);
	assert_true(n > 3);
	assert_memory_equal(out.data, "%PDF-", 5);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_and_date_first_then_each_service_in_order),
		cmocka_unit_test(test_a_long_pack_stays_inside_the_text_area_and_renders),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
