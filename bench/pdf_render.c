/*
 * pdf_render.c - how long the person-held plan takes to render as PDF.
 *
 *   build/release/pdf_render [--pages N] [--runs N] [--large] [--plain]
 *
 * Builds, in memory, a plan of the demo's kind (About me, issues, goals
 * with three steps each, a care team, visits, contingency plans, an
 * advance care plan) with as many goals as it takes to fill N pages (default
 * 10) in the layout asked for, then renders it --runs times (default 50,
 * at most 1000) after 3 runs not counted, each as a request would: a fresh
 * arena, plan_pdf_write into a fresh buffer.  Prints one line of figures in
 * milliseconds (min, median, p95, max) with the pages and bytes.  No
 * database: this measures the layout and PDF writing alone (the read is
 * the same as the My plan page's, measured by bench/region.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/domain/share.h"
#include "../src/export/plan_pdf.h"

#define RUNS_MAX 1000
#define GOALS_MAX 200

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

static const char *const ABOUT_TEXT[ABOUT__MAX] = {
	"My husband David, our cat, and getting out to the lunch club on Tuesdays.",
	"David; my daughter Claire, who rings on Sundays; Joan next door.",
	"I hear better on my right. Give me time to get my breath before I answer.",
	"A short walk every day keeps me well. Cold damp weather makes my chest worse.",
	"Please do tell me what is happening and why. Please don't talk over me to David.",
	"Mornings are slow: after ten is best. I like to do what I can myself.",
	"I was a primary school teacher for thirty years and still love a crossword.",
};

/* A plan with goals goals (three steps each) into v, in arena a. */
static void make_view(struct arena *a, struct my_view *v, int goals)
{
	memset(v, 0, sizeof *v);
	v->person = (struct store_person){.id = 1, .given_name = "Margaret", .family_name = "Hughes",
					  .birth_date = "1953-01-22"};
	v->basis = ACCESS_SELF;
	v->mask = ~0u & ~SHARE_BIT(SHARE_NOTES);
	v->has_episode = true;
	v->has_about = true;
	for (int i = 0; i < ABOUT__MAX; i++)
		v->about.item[i] = ABOUT_TEXT[i];
	v->has_key_worker = true;
	v->key_worker = (struct store_team_member){.user_name = "Sam Okafor", .role = "Key worker", .is_key_worker = true};
	static struct store_team_member team[4] = {
		{.user_name = "Sam Okafor", .role = "Key worker", .organisation = "Community team", .is_key_worker = true},
		{.user_name = "Grace Mensah", .role = "District nurse", .organisation = "Community nursing"},
		{.user_name = "Joe Walsh", .role = "Social worker", .organisation = "Adult social care"},
		{.name = "Dr Priya Shah", .role = "GP", .organisation = "Riverside Surgery"},
	};
	v->team = team;
	v->n_team = 4;
	v->plan.exists = true;
	v->plan.cp = (struct store_care_plan){.id = 1, .version = 3, .status = "agreed", .agreed_date = "2026-08-29",
					      .next_review_date = "2026-11-27"};
	size_t n = (size_t)goals * 4 + 16, k = 0;
	struct plan_item *it = arena_zalloc(a, n * sizeof *it);
	static const char *const issues[] = {"Getting breathless on the stairs", "Feeling low in the winter",
					     "David is tired from caring"};
	for (size_t i = 0; i < 3; i++) {
		it[k] = (struct plan_item){.id = (int64_t)k + 1, .section = PLS_ISSUE};
		it[k++].v[PLF_ISSUE_WHAT] = issues[i];
	}
	for (int g = 0; g < goals; g++) {
		it[k] = (struct plan_item){.id = 100 + g, .section = PLS_GOAL};
		it[k].v[PLF_GOAL_TITLE] = arena_printf(a, "Goal %d: walk to the shops and back on my own, with a rest "
							  "on the bench by the post office if I need one", g + 1);
		it[k].v[PLF_GOAL_STATUS] = "active";
		it[k++].v[PLF_GOAL_TARGET] = "2027-03-01";
	}
	for (int g = 0; g < goals; g++)
		for (int s = 0; s < 3; s++) {
			it[k] = (struct plan_item){.id = 1000 + g * 3 + s, .section = PLS_ACTION};
			it[k].v[PLF_ACTION_WHAT] = arena_printf(a, "Step %d of goal %d: a little further each day, using "
								   "the breathing exercises the physiotherapist showed me",
								s + 1, g + 1);
			it[k].v[PLF_ACTION_GOAL] = arena_printf(a, "%d", 100 + g);
			it[k].v[PLF_ACTION_WHO] = "person";
			it[k].v[PLF_ACTION_STATUS] = "in_progress";
			it[k++].v[PLF_ACTION_DUE] = "2026-12-31";
		}
	it[k] = (struct plan_item){.id = 5000, .section = PLS_CONTINGENCY};
	it[k].v[PLF_CONT_SITUATION] = "My chest gets worse";
	it[k].v[PLF_CONT_SIGNS] = "More breathless than usual, a cough with green phlegm, a temperature";
	it[k++].v[PLF_CONT_DO] = "Start the rescue pack and ring the surgery the same day";
	it[k] = (struct plan_item){.section = PLS_ACP};
	it[k++].v[PLF_ACP_MATTERS] = "Being at home with David and the cat; seeing my grandchildren";
	it[k] = (struct plan_item){.section = PLS_SOS};
	it[k].v[PLF_SOS_ROUTE] = "Ring the team's SOS number and say you are on Sam's caseload";
	it[k++].v[PLF_SOS_PHONE] = "0117 496 0999";
	it[k] = (struct plan_item){.id = 6000, .section = PLS_CONTACT};
	it[k].v[PLF_CONTACT_NAME] = "NHS 111";
	it[k].v[PLF_CONTACT_PHONE] = "111";
	it[k++].v[PLF_CONTACT_WHEN] = "Evenings, nights and weekends";
	v->plan.items = it;
	v->plan.n_items = k;
}

/* Renders once; the pages and bytes into *pages and *bytes. */
static int render(int goals, const struct pdf_options *o, size_t *pages, size_t *bytes)
{
	struct arena *a = arena_new(16u << 20);
	struct my_view v;
	struct buf out;
	if (!a)
		return -1;
	make_view(a, &v, goals);
	buf_init(&out, 32u << 20);
	enum cp_err err = plan_pdf_write(a, &v, o, 1795000000000LL, &out, pages);
	*bytes = out.len;
	buf_free(&out);
	arena_free(a);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	long want = 10, runs = 50;
	struct pdf_options o = {0};
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--pages") == 0 && i + 1 < argc)
			want = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--large") == 0)
			o.large = true;
		else if (strcmp(argv[i], "--plain") == 0)
			o.plain = true;
		else {
			fprintf(stderr, "usage: pdf_render [--pages N] [--runs N] [--large] [--plain]\n");
			return 2;
		}
	}
	if (want < 1 || want > 100 || runs < 1 || runs > RUNS_MAX) {
		fprintf(stderr, "pdf_render: --pages is 1 to 100 and --runs 1 to %d\n", RUNS_MAX);
		return 2;
	}
	/* The fewest goals that fill the pages asked for. */
	int goals = 0;
	size_t pages = 0, bytes = 0;
	while (goals < GOALS_MAX) {
		if (render(goals, &o, &pages, &bytes)) {
			fprintf(stderr, "pdf_render: the plan could not be rendered\n");
			return 1;
		}
		if ((long)pages >= want)
			break;
		goals++;
	}
	for (int i = 0; i < 3; i++)
		render(goals, &o, &pages, &bytes);
	double *t = calloc((size_t)runs, sizeof *t);
	if (!t)
		return 1;
	for (long i = 0; i < runs; i++) {
		double t0 = now_ms();
		if (render(goals, &o, &pages, &bytes)) {
			free(t);
			return 1;
		}
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof *t, cmp);
	printf("pages=%zu goals=%d bytes=%zu runs=%ld min=%.1f median=%.1f p95=%.1f max=%.1f\n", pages, goals, bytes,
	       runs, t[0], t[runs / 2], t[(runs * 95) / 100 < runs ? (runs * 95) / 100 : runs - 1], t[runs - 1]);
	free(t);
	return 0;
}
