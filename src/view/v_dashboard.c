/*
 * v_dashboard.c - the evaluation figures as a page: a filter form, then
 * each figure as a chart with its table (v_chart.h) or as a table alone.
 * With d->hide set (the commissioner's view) every count the suppression
 * rule hides reads "fewer than 5", and every median, mean or rate over
 * fewer than 5 people reads "not shown"; nothing on it names a person.
 */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "v_chart.h"
#include "view_dashboard.h"
#include "view_form.h"

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "2026-03" as "Mar 2026" into out (16 bytes). */
static const char *month_label(const char *ym, char *out)
{
	bool digits = strlen(ym) == 7 && ym[4] == '-';
	for (int i = 0; digits && i < 7; i++)
		digits = i == 4 || (ym[i] >= '0' && ym[i] <= '9');
	int m = digits ? (ym[5] - '0') * 10 + (ym[6] - '0') : 0;
	if (m >= 1 && m <= 12)
		snprintf(out, 16, "%s %.4s", month_names[m - 1], ym);
	else
		snprintf(out, 16, "%s", ym);
	return out;
}

static void row_head(struct buf *b, const char *t)
{
	H(b, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\">");
	html_text(b, t);
	H(b, "</th>");
}

static void count_cell(struct buf *b, int64_t n, bool hidden)
{
	H(b, "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
	if (hidden)
		H(b, "fewer than 5");
	else
		html_i64(b, n);
	H(b, "</td>");
}

/* A mean or median over n people, with decimals; "not shown" when a
 * commissioner would see it over fewer than 5, "none" when n is 0. */
static void value_cell(struct buf *b, const struct v_dashboard *d, int64_t n, double v, bool signed_value)
{
	H(b, "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
	if (n == 0)
		H(b, "none");
	else if (d->hide && n < OUTCOMES_SMALL)
		H(b, "not shown (fewer than 5 people)");
	else
		html_textf(b, signed_value ? "%+.1f" : "%.1f", v);
	H(b, "</td>");
}

static const char *level_name(int l)
{
	return l == 0 ? "Every level" : episode_level_label(episode_level_from_number(l));
}

static bool level_in(const struct v_dashboard *d, int l)
{
	return d->o->filter.level == 0 || d->o->filter.level == l;
}

static void table_begin(struct buf *b, const char *caption)
{
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">");
	html_text(b, caption);
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
}

static void table_body(struct buf *b)
{
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
}

static void table_end(struct buf *b)
{
	H(b, "</tbody></table>\n");
}

/* ---- the filter form ---------------------------------------------------- */

static void option_i(struct buf *b, int64_t value, const char *label, bool selected)
{
	H(b, "<option value=\"");
	if (value)
		html_i64(b, value);
	H(b, "\"");
	if (selected)
		H(b, " selected");
	H(b, ">");
	html_text(b, label);
	H(b, "</option>");
}

static void select_begin(struct buf *b, const struct v_dashboard *d, const char *name, const char *label)
{
	bool err = d->error_field && strcmp(d->error_field, name) == 0;
	H(b, "<div class=\"nhsuk-form-group");
	if (err)
		H(b, " nhsuk-form-group--error");
	H(b, "\"><label class=\"nhsuk-label\" for=\"");
	html_text(b, name);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>");
	if (err)
		v_error_message(b, name, d->error);
	H(b, "<select class=\"nhsuk-select\" id=\"");
	html_text(b, name);
	H(b, "\" name=\"");
	html_text(b, name);
	H(b, "\"");
	if (err) {
		H(b, " aria-describedby=\"");
		html_text(b, name);
		H(b, "-error\"");
	}
	H(b, ">");
}

static void filter_form(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes_filter *f = &d->filter;
	H(b, "<form method=\"get\" action=\"");
	html_text(b, d->action);
	H(b, "\" novalidate>\n<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend "
	     "nhsuk-fieldset__legend--s\">Choose the figures</legend>\n");
	if (d->teams) {
		select_begin(b, d, "team", "Team");
		option_i(b, 0, "Every team", f->team_id == 0);
		for (size_t i = 0; i < d->n_teams; i++)
			option_i(b, d->teams[i].id, d->teams[i].name, f->team_id == d->teams[i].id);
		H(b, "</select></div>\n");
	}
	select_begin(b, d, "level", "Level of care");
	option_i(b, 0, "Every level", f->level == 0);
	for (int l = 1; l <= 3; l++)
		option_i(b, l, level_name(l), f->level == l);
	H(b, "</select></div>\n");
	select_begin(b, d, "months", "Period");
	static const int periods[] = {3, 6, 12, 24};
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		char lab[32];
		snprintf(lab, sizeof lab, "The last %d months", periods[i]);
		option_i(b, periods[i], lab, f->months == periods[i]);
	}
	H(b, "</select></div>\n</fieldset>\n<button class=\"nhsuk-button\" type=\"submit\">Show figures</button>\n"
	     "</form>\n");
}

/* ---- the figures -------------------------------------------------------- */

static void open_episodes(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	const struct outcomes_hidden *h = d->hide;
	H(b, "<h2 id=\"open\">Open episodes now, by level and stage</h2>\n");
	static const char *cat[STAGE__MAX];
	double v[STAGE__MAX];
	unsigned char mk[STAGE__MAX];
	size_t n = 0;
	for (int s = 0; s < STAGE__MAX; s++) {
		if (!episode_stage_open((enum episode_stage)s))
			continue;
		cat[n] = episode_stage_label((enum episode_stage)s);
		v[n] = (double)o->open[0][s];
		mk[n] = h && h->open[0][s] ? V_CHART_SMALL : V_CHART_SHOWN;
		n++;
	}
	struct v_chart_series ser = {.name = "Open episodes", .v = v, .mark = mk};
	struct v_chart c = {.id = "chart-open", .title = "Open episodes by stage",
			    .desc = "Episodes of care planning open today, by the stage each has reached.",
			    .cat_heading = "Stage", .cats = cat, .n_cats = n, .series = &ser, .n_series = 1};
	v_chart_bar(b, &c);
	table_begin(b, "Open episodes by level of care and stage");
	v_th(b, "Level of care");
	for (int s = 0; s < STAGE__MAX; s++)
		if (episode_stage_open((enum episode_stage)s))
			v_th_numeric(b, episode_stage_label((enum episode_stage)s));
	v_th_numeric(b, "Every stage");
	table_body(b);
	for (int l = 1; l <= 3; l++) {
		if (!level_in(d, l))
			continue;
		row_head(b, level_name(l));
		for (int s = 0; s < STAGE__MAX; s++)
			if (episode_stage_open((enum episode_stage)s))
				count_cell(b, o->open[l][s], h && h->open[l][s]);
		count_cell(b, outcomes_open_total(o, l), h && h->open_level[l]);
		H(b, "</tr>\n");
	}
	if (!o->filter.level) {
		row_head(b, "Every level");
		for (int s = 0; s < STAGE__MAX; s++)
			if (episode_stage_open((enum episode_stage)s))
				count_cell(b, o->open[0][s], h && h->open[0][s]);
		if (h)
			H(b, "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">see the columns</td>");
		else
			count_cell(b, outcomes_open_total(o, 0), false);
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void month_cats(const struct outcomes *o, char labels[][16], const char **cats)
{
	for (int m = 0; m < o->n_months; m++)
		cats[m] = month_label(o->month[m], labels[m]);
}

static void series_of(const int64_t *v, const bool *hidden, int n, double *out, unsigned char *mk)
{
	for (int i = 0; i < n; i++) {
		out[i] = (double)v[i];
		mk[i] = hidden && hidden[i] ? V_CHART_SMALL : V_CHART_SHOWN;
	}
}

static void plans(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	const struct outcomes_hidden *h = d->hide;
	char labels[OUTCOMES_MONTHS_MAX][16];
	const char *cats[OUTCOMES_MONTHS_MAX];
	month_cats(o, labels, cats);
	double v0[OUTCOMES_MONTHS_MAX], v1[OUTCOMES_MONTHS_MAX];
	unsigned char m0[OUTCOMES_MONTHS_MAX], m1[OUTCOMES_MONTHS_MAX];
	series_of(o->plans_m, h ? h->plans_m : NULL, o->n_months, v0, m0);
	series_of(o->plans_person_m, h ? h->plans_person_m : NULL, o->n_months, v1, m1);
	H(b, "<h2 id=\"plans\">Plans agreed</h2>\n");
	struct v_chart_series ser[2] = {{"Plans agreed", v0, m0}, {"Agreed with the person themself", v1, m1}};
	struct v_chart c = {.id = "chart-plans", .title = "Plans agreed each month",
			    .desc = "Care plans agreed in each month, and how many of them were agreed with the "
				    "person themself rather than a representative.",
			    .cat_heading = "Month", .cats = cats, .n_cats = (size_t)o->n_months, .series = ser,
			    .n_series = 2};
	v_chart_bar(b, &c);
	table_begin(b, "Plans agreed in the period, by level of care");
	v_th(b, "Level of care");
	v_th_numeric(b, "Plans agreed");
	v_th_numeric(b, "Agreed with the person");
	v_th_numeric(b, "Share agreed with the person");
	v_th_numeric(b, "Median days from entry to agreed plan");
	table_body(b);
	for (int l = 1; l <= 4; l++) {
		int lv = l % 4; /* levels 1..3, then every level */
		if (lv && !level_in(d, lv))
			continue;
		if (!lv && o->filter.level)
			continue;
		row_head(b, level_name(lv));
		count_cell(b, o->plans[lv], h && h->plans[lv]);
		count_cell(b, o->plans_person[lv], h && h->plans_person[lv]);
		H(b, "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
		if (o->plans[lv] == 0)
			H(b, "none");
		else if (h && (h->plans[lv] || h->plans_person[lv]))
			H(b, "not shown");
		else
			html_textf(b, "%.0f%%", 100.0 * (double)o->plans_person[lv] / (double)o->plans[lv]);
		H(b, "</td>");
		value_cell(b, d, o->days_n[lv], o->days_median[lv], false);
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void reviews(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	const struct outcomes_hidden *h = d->hide;
	char labels[OUTCOMES_MONTHS_MAX][16];
	const char *cats[OUTCOMES_MONTHS_MAX];
	month_cats(o, labels, cats);
	double v0[OUTCOMES_MONTHS_MAX], v1[OUTCOMES_MONTHS_MAX];
	unsigned char m0[OUTCOMES_MONTHS_MAX], m1[OUTCOMES_MONTHS_MAX];
	series_of(o->on_time_m, h ? h->on_time_m : NULL, o->n_months, v0, m0);
	series_of(o->late_m, h ? h->late_m : NULL, o->n_months, v1, m1);
	H(b, "<h2 id=\"reviews\">Reviews</h2>\n");
	struct v_chart_series ser[2] = {{"Held on time", v0, m0}, {"Held late", v1, m1}};
	struct v_chart c = {.id = "chart-reviews", .title = "Reviews held each month, on time and late",
			    .desc = "Reviews held in each month: on time means on or before the review date in "
				    "force when it was held.",
			    .cat_heading = "Month", .cats = cats, .n_cats = (size_t)o->n_months, .series = ser,
			    .n_series = 2};
	v_chart_bar(b, &c);
	table_begin(b, "Reviews by level of care");
	v_th(b, "Level of care");
	v_th_numeric(b, "Held on time in the period");
	v_th_numeric(b, "Held late in the period");
	v_th_numeric(b, "Overdue now");
	table_body(b);
	for (int l = 1; l <= 4; l++) {
		int lv = l % 4;
		if ((lv && !level_in(d, lv)) || (!lv && o->filter.level))
			continue;
		row_head(b, level_name(lv));
		count_cell(b, o->on_time[lv], h && h->on_time[lv]);
		count_cell(b, o->late[lv], h && h->late[lv]);
		count_cell(b, o->overdue[lv], h && h->overdue[lv]);
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void goals(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	char labels[OUTCOMES_MONTHS_MAX][16];
	const char *cats[OUTCOMES_MONTHS_MAX];
	month_cats(o, labels, cats);
	double v[OUTCOMES_MONTHS_MAX];
	unsigned char mk[OUTCOMES_MONTHS_MAX];
	for (int m = 0; m < o->n_months; m++) {
		const struct outcomes_mean *g = &o->gas_m[m];
		v[m] = g->n ? g->sum / (double)g->n : 0;
		mk[m] = g->n == 0 ? V_CHART_NONE : d->hide && g->n < OUTCOMES_SMALL ? V_CHART_SMALL : V_CHART_SHOWN;
	}
	H(b, "<h2 id=\"goals\">Goal attainment</h2>\n<p>Goals scored with goal attainment scaling (GAS) at a "
	     "review give a T-score for each person: 50 means their goals were met as expected, above 50 better "
	     "than expected, below 50 less well. Each person counts once, at their latest review in the "
	     "period.</p>\n");
	struct v_chart_series ser = {"Average T-score", v, mk};
	struct v_chart c = {.id = "chart-gas", .title = "Average goal attainment T-score by month of review",
			    .desc = "The average GAS T-score of the people whose latest review in the period fell "
				    "in each month.",
			    .cat_heading = "Month", .cats = cats, .n_cats = (size_t)o->n_months, .series = &ser,
			    .n_series = 1, .decimals = 1};
	v_chart_line(b, &c);
	table_begin(b, "Goal attainment by level of care");
	v_th(b, "Level of care");
	v_th_numeric(b, "People scored");
	v_th_numeric(b, "Average T-score");
	table_body(b);
	for (int l = 1; l <= 4; l++) {
		int lv = l % 4;
		if ((lv && !level_in(d, lv)) || (!lv && o->filter.level))
			continue;
		const struct outcomes_mean *g = &o->gas[lv];
		row_head(b, level_name(lv));
		count_cell(b, g->n, d->hide && !outcomes_count_shown(g->n));
		value_cell(b, d, g->n, g->n ? g->sum / (double)g->n : 0, false);
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void questionnaires(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	H(b, "<h2 id=\"questionnaires\">Questionnaire scores, first and latest</h2>\n<p>For people with two or "
	     "more results of a questionnaire, the latest in the period: the change from their first score. On "
	     "all three a lower score is better, so a fall (a negative change) is an improvement.</p>\n");
	table_begin(b, "Change in questionnaire scores between the first and the latest");
	v_th(b, "Questionnaire");
	v_th(b, "Level of care");
	v_th_numeric(b, "People");
	v_th_numeric(b, "Average first score");
	v_th_numeric(b, "Average change");
	table_body(b);
	for (int i = 0; i < INSTRUMENT__MAX; i++)
		for (int l = 1; l <= 4; l++) {
			int lv = l % 4;
			if ((lv && !level_in(d, lv)) || (!lv && o->filter.level))
				continue;
			const struct outcomes_mean *f = &o->instr_first[i][lv], *c = &o->instr_change[i][lv];
			row_head(b, instrument_name((enum instrument)i));
			H(b, "<td class=\"nhsuk-table__cell\">");
			html_text(b, level_name(lv));
			H(b, "</td>");
			count_cell(b, f->n, d->hide && !outcomes_count_shown(f->n));
			value_cell(b, d, f->n, f->n ? f->sum / (double)f->n : 0, false);
			value_cell(b, d, c->n, c->n ? c->sum / (double)c->n : 0, true);
			H(b, "</tr>\n");
		}
	table_end(b);
}

static void activity(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	H(b, "<h2 id=\"activity\">Hospital use before and after the plan</h2>\n<p>People whose plan was agreed "
	     "between 2 years and 60 days ago: their emergency admissions and A&amp;E attendances in the year "
	     "before the plan was agreed, and after it (up to a year, or to today). Rates are per person per "
	     "year, so a shorter time after is counted fairly.</p>\n");
	const char *cats[OEV__MAX];
	double before[OEV__MAX], after[OEV__MAX];
	unsigned char mb[OEV__MAX], ma[OEV__MAX];
	int64_t people = o->act_people[0];
	for (int k = 0; k < OEV__MAX; k++) {
		cats[k] = outcomes_event_label((enum outcomes_event_kind)k);
		before[k] = outcomes_rate(o->act_before[k][0], 365.25 * (double)people);
		after[k] = outcomes_rate(o->act_after[k][0], o->act_days_after[0]);
		unsigned char m = people == 0 ? V_CHART_NONE : d->hide && people < OUTCOMES_SMALL ? V_CHART_SMALL
												 : V_CHART_SHOWN;
		mb[k] = ma[k] = m;
	}
	struct v_chart_series ser[2] = {{"Year before the plan", before, mb}, {"After the plan", after, ma}};
	struct v_chart c = {.id = "chart-activity", .title = "Hospital use per person per year, before and after the plan",
			    .desc = "Emergency admissions and A&E attendances per person per year, in the year "
				    "before each plan was agreed and after it.",
			    .cat_heading = "Kind", .cats = cats, .n_cats = OEV__MAX, .series = ser, .n_series = 2,
			    .decimals = 1};
	v_chart_bar(b, &c);
	table_begin(b, "Hospital use before and after the plan, by level of care");
	v_th(b, "Level of care");
	v_th_numeric(b, "People");
	for (int k = 0; k < OEV__MAX; k++) {
		char t[96];
		snprintf(t, sizeof t, "%s per person per year, before", outcomes_event_label((enum outcomes_event_kind)k));
		v_th_numeric(b, t);
		snprintf(t, sizeof t, "%s per person per year, after", outcomes_event_label((enum outcomes_event_kind)k));
		v_th_numeric(b, t);
	}
	table_body(b);
	for (int l = 1; l <= 4; l++) {
		int lv = l % 4;
		if ((lv && !level_in(d, lv)) || (!lv && o->filter.level))
			continue;
		int64_t n = o->act_people[lv];
		row_head(b, level_name(lv));
		count_cell(b, n, d->hide && !outcomes_count_shown(n));
		for (int k = 0; k < OEV__MAX; k++) {
			value_cell(b, d, n, outcomes_rate(o->act_before[k][lv], 365.25 * (double)n), false);
			value_cell(b, d, n, outcomes_rate(o->act_after[k][lv], o->act_days_after[lv]), false);
		}
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void feedback(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	char labels[OUTCOMES_MONTHS_MAX][16];
	const char *cats[OUTCOMES_MONTHS_MAX];
	month_cats(o, labels, cats);
	double v[OUTCOMES_MONTHS_MAX];
	unsigned char mk[OUTCOMES_MONTHS_MAX];
	series_of(o->feedback_m, d->hide ? d->hide->feedback_m : NULL, o->n_months, v, mk);
	H(b, "<h2 id=\"feedback\">Feedback from people and carers</h2>\n<p>Feedback is given about the team, so "
	     "it is not split by level of care.</p>\n");
	struct v_chart_series ser = {"Answers", v, mk};
	struct v_chart c = {.id = "chart-feedback", .title = "Feedback answers each month",
			    .desc = "How many people and carers gave feedback in each month.", .cat_heading = "Month",
			    .cats = cats, .n_cats = (size_t)o->n_months, .series = &ser, .n_series = 1};
	v_chart_line(b, &c);
	static const char *const qs[3] = {"I was as involved as I wanted to be",
					  "The team listened to what matters to me", "My plan is useful to me"};
	table_begin(b, "Average agreement with each statement, from 1 (strongly disagree) to 5 (strongly agree)");
	v_th(b, "Statement");
	v_th_numeric(b, "Answers");
	v_th_numeric(b, "Average");
	table_body(b);
	for (int i = 0; i < 3; i++) {
		const struct outcomes_mean *q = &o->feedback_q[i];
		row_head(b, qs[i]);
		count_cell(b, q->n, d->hide && !outcomes_count_shown(q->n));
		value_cell(b, d, q->n, q->n ? q->sum / (double)q->n : 0, false);
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void by_team(struct buf *b, const struct v_dashboard *d)
{
	const struct outcomes *o = d->o;
	const struct outcomes_hidden *h = d->hide;
	if (o->n_teams < 2)
		return;
	H(b, "<h2 id=\"teams\">By team</h2>\n");
	table_begin(b, "Headline figures by team");
	v_th(b, "Team");
	v_th_numeric(b, "Open episodes");
	v_th_numeric(b, "Plans agreed in the period");
	v_th_numeric(b, "Reviews on time");
	v_th_numeric(b, "Reviews late");
	v_th_numeric(b, "Reviews overdue now");
	table_body(b);
	for (size_t i = 0; i < o->n_teams; i++) {
		const struct outcomes_team *t = &o->teams[i];
		row_head(b, t->name);
		count_cell(b, t->open, h && h->team_open[i]);
		count_cell(b, t->plans, h && h->team_plans[i]);
		count_cell(b, t->on_time, h && h->team_on_time[i]);
		count_cell(b, t->late, h && h->team_late[i]);
		count_cell(b, t->overdue, h && h->team_overdue[i]);
		H(b, "</tr>\n");
	}
	table_end(b);
}

static void conditions(struct buf *b, const struct v_dashboard *d)
{
	const struct store_stats *s = d->stats;
	H(b, "<h2 id=\"conditions\">People with each long-term condition</h2>\n");
	table_begin(b, "People with each long-term condition");
	v_th(b, "Condition");
	v_th_numeric(b, "People");
	table_body(b);
	for (size_t i = 0; i < s->n_conditions; i++) {
		row_head(b, s->conditions[i].name);
		count_cell(b, s->conditions[i].people, !outcomes_count_shown(s->conditions[i].people));
		H(b, "</tr>\n");
	}
	table_end(b);
	H(b, "<p>People: ");
	if (outcomes_count_shown(s->people))
		html_i64(b, s->people);
	else
		H(b, "fewer than 5");
	H(b, ". Teams: ");
	html_i64(b, s->teams);
	H(b, ".</p>\n");
}

static void csv_link(struct buf *b, const struct v_dashboard *d)
{
	H(b, "<p><a href=\"");
	html_text(b, d->action);
	H(b, ".csv?months=");
	html_i64(b, d->o->filter.months);
	if (d->o->filter.level) {
		H(b, "&amp;level=");
		html_i64(b, d->o->filter.level);
	}
	if (d->teams && d->o->filter.team_id) {
		H(b, "&amp;team=");
		html_i64(b, d->o->filter.team_id);
	}
	H(b, "\" download>Download these figures as a spreadsheet (CSV)</a></p>\n");
}

void v_dashboard(struct buf *b, const struct view_page *p, const struct v_dashboard *d)
{
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, d->error_field, d->error);
	if (d->teams)
		H(b, "<h1>Service figures</h1>\n<p class=\"nhsuk-lede-text\">");
	else
		H(b, "<h1>Team dashboard</h1>\n<p class=\"nhsuk-lede-text\">");
	if (d->team_name)
		html_text(b, d->team_name);
	else
		H(b, "Every team");
	if (d->o) {
		char a[32], z[32];
		H(b, ": from ");
		html_text(b, v_date_long(a, d->o->from));
		H(b, " to ");
		html_text(b, v_date_long(z, d->o->to));
	}
	H(b, ".</p>\n");
	if (d->hide)
		H(b, "<p>No one can be named from these figures: counts under 5 are shown as \"fewer than 5\", and "
		     "where a total would let one be worked out, one more count is hidden too. Averages, medians "
		     "and rates over fewer than 5 people are not shown.</p>\n");
	else
		H(b, "<p>Your team's own figures, counted exactly. The guide for managers says how each figure is "
		     "worked out.</p>\n");
	filter_form(b, d);
	if (d->o) {
		csv_link(b, d);
		open_episodes(b, d);
		plans(b, d);
		reviews(b, d);
		goals(b, d);
		questionnaires(b, d);
		activity(b, d);
		feedback(b, d);
		if (d->teams)
			by_team(b, d);
		if (d->stats)
			conditions(b, d);
		if (d->teams)
			H(b, "<p><a href=\"/service/feedback\">Feedback from people and carers</a>, as totals.</p>\n");
	}
	v_page_end(b, p);
}

/* ---- the import page ---------------------------------------------------- */

void v_events_import(struct buf *b, const struct view_page *p, const struct v_events_import *d)
{
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, "events", d->error);
	H(b, "<h1>Import hospital activity</h1>\n");
	if (d->rep) {
		H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span>"
		     "<p>");
		html_i64(b, d->rep->rows);
		html_text(b, d->rep->rows == 1 ? " row read: " : " rows read: ");
		html_i64(b, d->rep->added);
		H(b, " events added, ");
		html_i64(b, d->rep->already);
		H(b, " already stored, ");
		html_i64(b, d->rep->refused);
		H(b, " refused.</p></div>\n");
		if (d->n_refused) {
			table_begin(b, "Rows refused");
			v_th_numeric(b, "Line");
			v_th(b, "Why");
			table_body(b);
			for (size_t i = 0; i < d->n_refused; i++) {
				H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
				html_i64(b, d->refused[i].line);
				H(b, "</td><td class=\"nhsuk-table__cell\">");
				html_text(b, d->refused[i].reason);
				H(b, "</td></tr>\n");
			}
			table_end(b);
			if ((int64_t)d->n_refused < d->rep->refused)
				H(b, "<p>Only the first refused rows are listed.</p>\n");
		}
	}
	H(b, "<p>Emergency admissions and A&amp;E attendances, with their dates, let the dashboard compare "
	     "hospital use before and after each person's plan was agreed. Paste the rows of a CSV file below: "
	     "one event a line, as <code>nhs_number,kind,date</code> and, if the sender has one, a reference. "
	     "Kind is <code>emergency_admission</code> or <code>ae_attendance</code>; dates are YYYY-MM-DD. "
	     "Importing the same rows again changes nothing. A large file is imported with "
	     "<code>careplan events import</code> on the server.</p>\n");
	H(b, "<form method=\"post\" action=\"/events/import\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	H(b, "<div class=\"nhsuk-form-group");
	if (d->error)
		H(b, " nhsuk-form-group--error");
	H(b, "\"><label class=\"nhsuk-label\" for=\"events\">Activity events (CSV)</label>");
	v_hint(b, "events-hint", "For example: 9434765919,emergency_admission,2026-03-14,ADM-2231");
	v_error_message(b, "events", d->error);
	H(b, "<textarea class=\"nhsuk-textarea");
	if (d->error)
		H(b, " nhsuk-textarea--error");
	H(b, "\" id=\"events\" name=\"events\" rows=\"10\" aria-describedby=\"events-hint");
	if (d->error)
		H(b, " events-error");
	H(b, "\">");
	if (d->text)
		html_text(b, d->text);
	H(b, "</textarea></div>\n<button class=\"nhsuk-button\" type=\"submit\">Import events</button>\n</form>\n");
	v_page_end(b, p);
}
