/* outcomes_csv.c - the evaluation figures as CSV (outcomes_csv.h). */
#include "outcomes_csv.h"

#include <stdio.h>

#include "csv.h"

struct out {
	struct buf *b;
	const struct outcomes *o;
	const struct outcomes_hidden *h;
	const char *team;
};

static const char *level_code(const struct outcomes *o, int l, char buf[4])
{
	if (l == 0 && !o->filter.level)
		return "all";
	snprintf(buf, 4, "%d", l ? l : o->filter.level);
	return buf;
}

/* A count row. */
static void count_row(const struct out *w, const char *fig, const char *team, int l, const char *month,
		      const char *breakdown, int64_t v, bool hidden)
{
	struct csv_row r = {0};
	char lv[4];
	csv_cell(w->b, &r, fig);
	csv_cell(w->b, &r, team);
	csv_cell(w->b, &r, level_code(w->o, l, lv));
	csv_cell(w->b, &r, month);
	csv_cell(w->b, &r, breakdown);
	if (w->h && hidden)
		csv_cell(w->b, &r, "");
	else
		csv_cell_i64(w->b, &r, v);
	csv_cell(w->b, &r, "");
	csv_cell(w->b, &r, w->h && hidden ? "fewer than 5" : "");
	csv_end_row(w->b, &r);
}

/* A median, mean or rate over n people. */
static void value_row(const struct out *w, const char *fig, int l, const char *month, const char *breakdown,
		      double v, int64_t n)
{
	struct csv_row r = {0};
	char lv[4], num[32];
	bool small = w->h && n > 0 && n < OUTCOMES_SMALL;
	csv_cell(w->b, &r, fig);
	csv_cell(w->b, &r, w->team);
	csv_cell(w->b, &r, level_code(w->o, l, lv));
	csv_cell(w->b, &r, month);
	csv_cell(w->b, &r, breakdown);
	if (n == 0 || small) {
		csv_cell(w->b, &r, "");
	} else {
		snprintf(num, sizeof num, "%.2f", v);
		csv_cell(w->b, &r, num);
	}
	if (small)
		csv_cell(w->b, &r, "");
	else
		csv_cell_i64(w->b, &r, n);
	csv_cell(w->b, &r, small ? "fewer than 5 people" : n == 0 ? "no one counted" : "");
	csv_end_row(w->b, &r);
}

static bool level_wanted(const struct outcomes *o, int l)
{
	return l == 0 || !o->filter.level || o->filter.level == l;
}

void csv_outcomes(struct buf *b, const struct outcomes *o, const struct outcomes_hidden *h, const char *team_name)
{
	struct out w = {.b = b, .o = o, .h = h, .team = team_name ? team_name : "Every team"};
	struct csv_row r = {0};
	static const char *const head[] = {"figure", "team", "level", "month", "breakdown", "value", "people", "note"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_cell(b, &r, head[i]);
	csv_end_row(b, &r);
	for (int l = 0; l < OUTCOMES_LEVELS; l++) {
		if (!level_wanted(o, l) || (l == 0 && o->filter.level))
			continue;
		for (int s = 0; s < STAGE__MAX; s++)
			if (episode_stage_open((enum episode_stage)s))
				count_row(&w, "open_episodes", w.team, l, "", episode_stage_code((enum episode_stage)s),
					  o->open[l][s], h && h->open[l][s]);
		if (l)
			count_row(&w, "open_episodes", w.team, l, "", "every_stage", outcomes_open_total(o, l),
				  h && h->open_level[l]);
		count_row(&w, "reviews_overdue_now", w.team, l, "", "", o->overdue[l], h && h->overdue[l]);
		count_row(&w, "plans_agreed", w.team, l, "", "", o->plans[l], h && h->plans[l]);
		count_row(&w, "plans_agreed_with_person", w.team, l, "", "", o->plans_person[l],
			  h && h->plans_person[l]);
		count_row(&w, "reviews_on_time", w.team, l, "", "", o->on_time[l], h && h->on_time[l]);
		count_row(&w, "reviews_late", w.team, l, "", "", o->late[l], h && h->late[l]);
		value_row(&w, "median_days_entry_to_agreed_plan", l, "", "", o->days_median[l], o->days_n[l]);
		const struct outcomes_mean *g = &o->gas[l];
		value_row(&w, "gas_mean_tscore", l, "", "", g->n ? g->sum / (double)g->n : 0, g->n);
		for (int i = 0; i < INSTRUMENT__MAX; i++) {
			const struct outcomes_mean *f = &o->instr_first[i][l], *c = &o->instr_change[i][l];
			value_row(&w, "questionnaire_first_mean", l, "", instrument_code((enum instrument)i),
				  f->n ? f->sum / (double)f->n : 0, f->n);
			value_row(&w, "questionnaire_change_mean", l, "", instrument_code((enum instrument)i),
				  c->n ? c->sum / (double)c->n : 0, c->n);
		}
		for (int k = 0; k < OEV__MAX; k++) {
			int64_t n = o->act_people[l];
			value_row(&w, "activity_per_person_year_before", l, "", outcomes_event_code((enum outcomes_event_kind)k),
				  outcomes_rate(o->act_before[k][l], 365.25 * (double)n), n);
			value_row(&w, "activity_per_person_year_after", l, "", outcomes_event_code((enum outcomes_event_kind)k),
				  outcomes_rate(o->act_after[k][l], o->act_days_after[l]), n);
		}
	}
	for (int m = 0; m < o->n_months; m++) {
		const char *mo = o->month[m];
		count_row(&w, "plans_agreed", w.team, 0, mo, "", o->plans_m[m], h && h->plans_m[m]);
		count_row(&w, "plans_agreed_with_person", w.team, 0, mo, "", o->plans_person_m[m],
			  h && h->plans_person_m[m]);
		count_row(&w, "reviews_on_time", w.team, 0, mo, "", o->on_time_m[m], h && h->on_time_m[m]);
		count_row(&w, "reviews_late", w.team, 0, mo, "", o->late_m[m], h && h->late_m[m]);
		const struct outcomes_mean *g = &o->gas_m[m];
		value_row(&w, "gas_mean_tscore", 0, mo, "", g->n ? g->sum / (double)g->n : 0, g->n);
		count_row(&w, "feedback_answers", w.team, 0, mo, "", o->feedback_m[m], h && h->feedback_m[m]);
	}
	static const char *const qs[3] = {"involved", "listened", "useful"};
	for (int i = 0; i < 3; i++) {
		const struct outcomes_mean *q = &o->feedback_q[i];
		value_row(&w, "feedback_mean", 0, "", qs[i], q->n ? q->sum / (double)q->n : 0, q->n);
	}
	if (o->n_teams > 1)
		for (size_t i = 0; i < o->n_teams; i++) {
			const struct outcomes_team *t = &o->teams[i];
			count_row(&w, "open_episodes", t->name, 0, "", "every_stage", t->open, h && h->team_open[i]);
			count_row(&w, "plans_agreed", t->name, 0, "", "", t->plans, h && h->team_plans[i]);
			count_row(&w, "reviews_on_time", t->name, 0, "", "", t->on_time, h && h->team_on_time[i]);
			count_row(&w, "reviews_late", t->name, 0, "", "", t->late, h && h->team_late[i]);
			count_row(&w, "reviews_overdue_now", t->name, 0, "", "", t->overdue, h && h->team_overdue[i]);
		}
}
