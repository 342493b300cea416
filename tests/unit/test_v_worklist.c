/*
 * test_v_worklist.c - the worklist page (src/view/v_review.c): a section
 * longer than WORKLIST_SHOW shows its first rows and a link to the whole
 * section, every count stays whole, and ?section= shows one section only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/worklist.h"
#include "util/arena.h"
#include "util/buf.h"
#include "view/view_review.h"

#define OVERDUE (WORKLIST_SHOW + 13)

static size_t count(const char *h, const char *needle)
{
	size_t n = 0;
	for (const char *p = h; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

struct fx {
	struct arena *a;
	struct store_worklist_row rows[OVERDUE + 1];
	char names[OVERDUE + 1][24];
	struct worklist w;
};

static int setup(void **state)
{
	static struct fx f;
	memset(&f, 0, sizeof f);
	f.a = arena_new(1 << 16);
	struct caldate today = {2026, 11, 22};
	for (int i = 0; i <= OVERDUE; i++) {
		snprintf(f.names[i], sizeof f.names[i], "Family%03d", i);
		f.rows[i] = (struct store_worklist_row){.episode_id = i + 1, .person_id = 100 + i, .given_name = "Ann",
							 .family_name = f.names[i], .stage = "active", .level = 2,
							 .key_worker_id = 7, .key_worker_name = "Kay Worker",
							 .plan_status = "agreed", .next_review_date = "2026-10-01"};
	}
	/* One not agreed: a short section stays whole. */
	f.rows[OVERDUE].plan_status = "draft";
	f.rows[OVERDUE].next_review_date = NULL;
	assert_int_equal(worklist_build(f.a, f.rows, OVERDUE + 1, today, WL_SORT_NAME, &f.w), CP_OK);
	assert_int_equal(f.w.n[WL_OVERDUE], OVERDUE);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	return 0;
}

static const char *render(struct buf *b, const struct worklist *w, int only)
{
	buf_free(b);
	buf_init(b, 1 << 16);
	struct view_page p = {.title = "Team worklist", .user_name = "T", .role = ROLE_MANAGER, .csrf = "x", .nav = "home"};
	struct v_worklist d = {.team = true, .w = w, .sort = WL_SORT_NAME, .team_name = "North", .only = only};
	v_worklist(b, &p, &d);
	assert_non_null(b->data);
	return b->data;
}

static void a_long_section_shows_its_first_rows_and_a_link_to_all(void **state)
{
	struct fx *f = *state;
	struct buf b = {0};
	const char *h = render(&b, &f->w, -1);
	char want[160];
	/* The count is the whole section's. */
	snprintf(want, sizeof want, "data-count=\"overdue\">%d</dd>", OVERDUE);
	assert_non_null(strstr(h, want));
	snprintf(want, sizeof want, "<p>The first %d of %d, by name.", WORKLIST_SHOW, OVERDUE);
	assert_non_null(strstr(h, want));
	snprintf(want, sizeof want, "<a href=\"/worklist/team?sort=name&amp;section=overdue\">Show all %d", OVERDUE);
	assert_non_null(strstr(h, want));
	/* Rows: 50 overdue plus the one not agreed. */
	assert_int_equal(count(h, "\">episode</a>)"), WORKLIST_SHOW + 1);
	assert_non_null(strstr(h, "Family049"));
	assert_null(strstr(h, "Family050"));
	/* The short section has no "show all". */
	assert_null(strstr(h, "section=not-agreed"));
	buf_free(&b);
}

static void one_section_shows_every_row_and_the_way_back(void **state)
{
	struct fx *f = *state;
	struct buf b = {0};
	const char *h = render(&b, &f->w, WL_OVERDUE);
	assert_int_equal(count(h, "\">episode</a>)"), OVERDUE);
	assert_non_null(strstr(h, "Family062"));
	assert_null(strstr(h, "<h2 id=\"not-agreed\""));
	assert_null(strstr(h, "Show all"));
	assert_non_null(strstr(h, "<a href=\"/worklist/team?sort=name\">Back to the whole worklist</a>"));
	/* Sorting keeps to the section; the counts link to their sections. */
	assert_non_null(strstr(h, "<a href=\"/worklist/team?sort=date&amp;section=overdue\">date</a>"));
	assert_non_null(strstr(h, "<a href=\"/worklist/team?sort=name&amp;section=not-agreed\">"));
	buf_free(&b);
}

static void section_codes_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < WL__MAX; s++)
		assert_int_equal(worklist_section_from_code(worklist_section_code((enum worklist_section)s)), s);
	assert_int_equal(worklist_section_from_code("overdue;drop"), WL__MAX);
	assert_int_equal(worklist_section_from_code(NULL), WL__MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_long_section_shows_its_first_rows_and_a_link_to_all, setup, teardown),
		cmocka_unit_test_setup_teardown(one_section_shows_every_row_and_the_way_back, setup, teardown),
		cmocka_unit_test(section_codes_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
