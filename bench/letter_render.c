/*
 * letter_render.c - how long the pre-review letters for a team take to
 * render as one PDF, as the letters worklist's button makes them.
 *
 *   build/release/letter_render [--letters N] [--runs N]
 *
 * Builds, in memory, N letters (default 200, at most LETTER_BATCH_MAX) of
 * the demo's kind: a review date, time and place, a reading of each kind
 * and a score of each questionnaire with the previous value, five goals and
 * two questions the person wrote.  Renders them --runs times (default 5, at
 * most 100) after 1 run not counted, each as the batch request does: a
 * fresh arena, letter_pdf_write of all N into a fresh buffer.  Prints one
 * line of figures in milliseconds (min, median, max) with pages and bytes.
 * No database: the reads (one my_read_copy per letter) are measured by the
 * My plan page's figures in bench/region.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/domain/share.h"
#include "../src/export/letter_pdf.h"

#define RUNS_MAX 100

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static const char *const GOALS[] = {
	"I want to walk to the corner shop and back on my own.",
	"I want to know what to do when my chest gets bad, so I don't end up in A&E.",
	"I want to get back to the Tuesday lunch club.",
	"I want my sugars steadier so I feel less tired.",
	"David wants one afternoon a week to himself.",
};

static void make_letter(struct arena *a, struct letter *l, int i)
{
	memset(l, 0, sizeof *l);
	struct my_view *v = &l->v;
	v->person = (struct store_person){.id = i + 1, .given_name = "Margaret",
					  .family_name = arena_printf(a, "Hughes-%d", i), .birth_date = "1953-01-22"};
	v->basis = ACCESS_SELF;
	v->mask = ~0u & ~SHARE_BIT(SHARE_NOTES);
	v->has_episode = true;
	v->has_key_worker = true;
	v->key_worker = (struct store_team_member){.user_name = "Sam Okafor", .role = "Key worker", .is_key_worker = true};
	v->plan.exists = true;
	v->plan.cp = (struct store_care_plan){.id = i + 1, .version = 3, .status = "agreed",
					      .agreed_date = "2026-08-29", .next_review_date = "2026-11-27"};
	size_t ng = sizeof GOALS / sizeof GOALS[0];
	struct plan_item *it = arena_zalloc(a, ng * sizeof *it);
	for (size_t g = 0; g < ng; g++) {
		it[g] = (struct plan_item){.id = (int64_t)g + 1, .section = PLS_GOAL};
		it[g].v[PLF_GOAL_TITLE] = GOALS[g];
		it[g].v[PLF_GOAL_STATUS] = g == 1 ? "achieved" : "active";
	}
	v->plan.items = it;
	v->plan.n_items = ng;
	static struct store_review_question qs[2] = {
		{.question = "Could the walking group meet closer to home in the winter?"},
		{.question = "Can I have my flu jab at the same visit?"},
	};
	v->questions = qs;
	v->n_questions = 2;
	l->review_date = "2026-11-27";
	l->has_appt = true;
	l->appt = (struct store_review_appt){.review_date = "2026-11-27", .review_time = "10:30",
					     .place = "Riverside Surgery, room 2"};
	l->show_readings = l->show_scores = true;
	static const struct store_reading rd[] = {
		{.kind = "hba1c", .taken_date = "2026-05-16", .value = 560},
		{.kind = "hba1c", .taken_date = "2026-10-27", .value = 510},
		{.kind = "bp", .taken_date = "2026-05-16", .value = 1480, .value2 = 900},
		{.kind = "bp", .taken_date = "2026-10-27", .value = 1360, .value2 = 820},
		{.kind = "weight", .taken_date = "2026-05-16", .value = 682},
		{.kind = "weight", .taken_date = "2026-10-27", .value = 669},
	};
	for (int k = 0; k < READING__MAX; k++)
		l->readings[k] = (struct letter_result){.previous = &rd[2 * k], .latest = &rd[2 * k + 1]};
	static const struct store_instrument_result ir[] = {
		{.instrument = "phq9", .taken_date = "2026-09-23", .total = 11, .band = "moderate"},
		{.instrument = "phq9", .taken_date = "2026-11-15", .total = 7, .band = "mild"},
		{.instrument = "gad7", .taken_date = "2026-09-23", .total = 8, .band = "mild"},
		{.instrument = "gad7", .taken_date = "2026-11-15", .total = 6, .band = "mild"},
		{.instrument = "ucla3", .taken_date = "2026-09-24", .total = 7, .band = "lonely"},
		{.instrument = "ucla3", .taken_date = "2026-11-16", .total = 5, .band = "not_lonely"},
	};
	for (int k = 0; k < INSTRUMENT__MAX; k++)
		l->scores[k] = (struct letter_score){.previous = &ir[2 * k], .latest = &ir[2 * k + 1]};
}

/* Renders the batch once; pages and bytes into *pages and *bytes. */
static int render(int n, size_t *pages, size_t *bytes)
{
	struct arena *a = arena_new(64u << 20);
	if (!a)
		return -1;
	struct letter *ls = arena_zalloc(a, (size_t)n * sizeof *ls);
	struct letter **ps = arena_zalloc(a, (size_t)n * sizeof *ps);
	if (!ls || !ps) {
		arena_free(a);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		make_letter(a, &ls[i], i);
		ps[i] = &ls[i];
	}
	struct buf out;
	buf_init(&out, 256u << 20);
	struct pdf_options o = {0};
	enum cp_err err = letter_pdf_write(a, ps, (size_t)n, &o, 1795000000000LL, &out, pages);
	*bytes = out.len;
	buf_free(&out);
	arena_free(a);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	long n = 200, runs = 5;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--letters") == 0 && i + 1 < argc)
			n = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = strtol(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: letter_render [--letters N] [--runs N]\n");
			return 2;
		}
	}
	if (n < 1 || n > LETTER_BATCH_MAX || runs < 1 || runs > RUNS_MAX) {
		fprintf(stderr, "letter_render: --letters is 1 to %d and --runs 1 to %d\n", LETTER_BATCH_MAX, RUNS_MAX);
		return 2;
	}
	size_t pages = 0, bytes = 0;
	if (render((int)n, &pages, &bytes)) {
		fprintf(stderr, "letter_render: the letters could not be rendered\n");
		return 1;
	}
	double *t = calloc((size_t)runs, sizeof *t);
	if (!t)
		return 1;
	for (long i = 0; i < runs; i++) {
		double t0 = now_ms();
		if (render((int)n, &pages, &bytes)) {
			fprintf(stderr, "letter_render: the letters could not be rendered\n");
			free(t);
			return 1;
		}
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof *t, cmp);
	printf("letters=%ld pages=%zu bytes=%zu runs=%ld min=%.1f median=%.1f max=%.1f\n", n, pages, bytes, runs, t[0],
	       t[runs / 2], t[runs - 1]);
	free(t);
	return 0;
}
