/* outcomes.c - the evaluation figures (outcomes.h, docs/outcomes.md). */
#include "outcomes.h"

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caldate.h"
#include "gas.h"
#include "worklist.h"

static const struct {
	const char *code, *label;
} event_kinds[OEV__MAX] = {
	[OEV_ADMISSION] = {"emergency_admission", "Emergency admissions"},
	[OEV_AE] = {"ae_attendance", "A&E attendances"},
};

const char *outcomes_event_code(enum outcomes_event_kind k)
{
	return k < OEV__MAX ? event_kinds[k].code : "";
}

const char *outcomes_event_label(enum outcomes_event_kind k)
{
	return k < OEV__MAX ? event_kinds[k].label : "";
}

enum outcomes_event_kind outcomes_event_from_code(const char *code)
{
	for (int k = 0; code && k < OEV__MAX; k++)
		if (strcmp(code, event_kinds[k].code) == 0)
			return (enum outcomes_event_kind)k;
	return OEV__MAX;
}

/* ---- the filter ---------------------------------------------------------- */

/* A whole number 1..max written as plain digits, else -1. */
static int64_t small_number(const char *s, int64_t max)
{
	int64_t v = 0;
	if (!s || !*s || strlen(s) > 18)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v >= 1 && v <= max ? v : -1;
}

enum cp_err outcomes_filter_parse(const char *level, const char *months, const char *team, bool allow_team,
				  struct outcomes_filter *f, char *msg, size_t msgn)
{
	f->level = 0;
	f->months = 12;
	if (level && *level) {
		int64_t v = small_number(level, CARE_LEVEL__MAX);
		if (v < 0) {
			snprintf(msg, msgn, "Level of care must be 1, 2 or 3, or every level.");
			return CP_EINVAL;
		}
		f->level = (int)v;
	}
	if (months && *months) {
		int64_t v = small_number(months, OUTCOMES_MONTHS_MAX);
		if (v != 3 && v != 6 && v != 12 && v != 24) {
			snprintf(msg, msgn, "Period must be the last 3, 6, 12 or 24 months.");
			return CP_EINVAL;
		}
		f->months = (int)v;
	}
	if (team && *team) {
		int64_t v = allow_team ? small_number(team, INT64_MAX / 10) : -1;
		if (v < 0) {
			snprintf(msg, msgn, allow_team ? "Team must be one of the teams listed, or every team."
						       : "Team cannot be chosen here: the dashboard shows your own team.");
			return CP_EINVAL;
		}
		f->team_id = v;
	}
	return CP_OK;
}

double outcomes_rate(int64_t events, double days)
{
	return days > 0 ? (double)events / days * 365.25 : -1;
}

/* ---- suppression --------------------------------------------------------- */

int outcomes_hide_small(const int64_t *cells, size_t n, bool total_shown, bool *hidden)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		hidden[i] = !outcomes_count_shown(cells[i]);
		k += hidden[i];
	}
	if (total_shown && k == 1) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!hidden[i] && cells[i] > 0 && (best == n || cells[i] < cells[best]))
				best = i;
		if (best < n) {
			hidden[best] = true;
			k++;
		}
	}
	return k;
}

/* One complementary step on a line of cells (stride apart) with its total:
 * true when it hid another cell. */
static bool grid_line(const int64_t *cells, bool *hidden, size_t n, size_t stride, bool total_hidden)
{
	if (total_hidden)
		return false;
	int k = 0;
	size_t best = n;
	for (size_t i = 0; i < n; i++) {
		if (hidden[i * stride])
			k++;
		else if (cells[i * stride] > 0 && (best == n || cells[i * stride] < cells[best * stride]))
			best = i;
	}
	if (k != 1 || best == n)
		return false;
	hidden[best * stride] = true;
	return true;
}

void outcomes_hide_grid(const int64_t *cells, size_t rows, size_t cols, const int64_t *row_tot,
			const int64_t *col_tot, bool *hidden, bool *row_hidden, bool *col_hidden)
{
	for (size_t i = 0; i < rows * cols; i++)
		hidden[i] = !outcomes_count_shown(cells[i]);
	for (size_t r = 0; r < rows; r++)
		row_hidden[r] = !outcomes_count_shown(row_tot[r]);
	for (size_t c = 0; c < cols; c++)
		col_hidden[c] = !outcomes_count_shown(col_tot[c]);
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t r = 0; r < rows; r++)
			changed |= grid_line(cells + r * cols, hidden + r * cols, cols, 1, row_hidden[r]);
		for (size_t c = 0; c < cols; c++)
			changed |= grid_line(cells + c, hidden + c, rows, cols, col_hidden[c]);
	}
}

int64_t outcomes_open_total(const struct outcomes *o, int level)
{
	int64_t n = 0;
	for (int s = 0; s < STAGE__MAX; s++)
		n += o->open[level][s];
	return n;
}

/* A pair that adds up to a shown total: if either part is small, both go. */
static void hide_pair(int64_t part, int64_t total, bool *part_hidden)
{
	int64_t cells[2] = {part, total - part};
	bool hid[2];
	outcomes_hide_small(cells, 2, true, hid);
	*part_hidden = *part_hidden || hid[0];
}

/* The levels 1..3 with their shown total at index 0. */
static void hide_levels(const int64_t v[OUTCOMES_LEVELS], bool h[OUTCOMES_LEVELS])
{
	outcomes_hide_small(v + 1, OUTCOMES_LEVELS - 1, outcomes_count_shown(v[0]), h + 1);
	h[0] = !outcomes_count_shown(v[0]);
}

/* A column of per-team counts (stride apart in struct outcomes_team) with
 * the every-team total shown. */
static enum cp_err hide_teams(const struct outcomes *o, struct arena *a, size_t offset, int64_t total, bool **out)
{
	size_t n = o->n_teams;
	int64_t *cells = arena_alloc(a, (n ? n : 1) * sizeof *cells);
	*out = arena_zalloc(a, (n ? n : 1) * sizeof **out);
	if (!cells || !*out)
		return CP_ENOMEM;
	for (size_t i = 0; i < n; i++)
		memcpy(&cells[i], (const char *)&o->teams[i] + offset, sizeof cells[i]);
	outcomes_hide_small(cells, n, outcomes_count_shown(total), *out);
	return CP_OK;
}

enum cp_err outcomes_suppress(const struct outcomes *o, struct arena *a, struct outcomes_hidden *h)
{
	memset(h, 0, sizeof *h);
	/* Open episodes: levels 1..3 x stages, margins shown. */
	int64_t cells[3 * STAGE__MAX], rt[3], ct[STAGE__MAX];
	bool hid[3 * STAGE__MAX], rh[3], ch[STAGE__MAX];
	for (int l = 1; l <= 3; l++) {
		rt[l - 1] = outcomes_open_total(o, l);
		for (int s = 0; s < STAGE__MAX; s++)
			cells[(l - 1) * STAGE__MAX + s] = o->open[l][s];
	}
	for (int s = 0; s < STAGE__MAX; s++)
		ct[s] = o->open[0][s];
	outcomes_hide_grid(cells, 3, STAGE__MAX, rt, ct, hid, rh, ch);
	for (int l = 1; l <= 3; l++) {
		h->open_level[l] = rh[l - 1];
		for (int s = 0; s < STAGE__MAX; s++)
			h->open[l][s] = hid[(l - 1) * STAGE__MAX + s];
	}
	for (int s = 0; s < STAGE__MAX; s++)
		h->open[0][s] = ch[s];
	h->open_level[0] = !outcomes_count_shown(outcomes_open_total(o, 0));

	hide_levels(o->overdue, h->overdue);
	hide_levels(o->plans, h->plans);
	hide_levels(o->plans_person, h->plans_person);
	hide_levels(o->on_time, h->on_time);
	hide_levels(o->late, h->late);
	for (int l = 0; l < OUTCOMES_LEVELS; l++)
		hide_pair(o->plans_person[l], o->plans[l], &h->plans_person[l]);
	int n = o->n_months;
	outcomes_hide_small(o->plans_m, (size_t)n, !h->plans[0], h->plans_m);
	outcomes_hide_small(o->plans_person_m, (size_t)n, !h->plans_person[0], h->plans_person_m);
	for (int m = 0; m < n; m++)
		hide_pair(o->plans_person_m[m], o->plans_m[m], &h->plans_person_m[m]);
	outcomes_hide_small(o->on_time_m, (size_t)n, !h->on_time[0], h->on_time_m);
	outcomes_hide_small(o->late_m, (size_t)n, !h->late[0], h->late_m);
	outcomes_hide_small(o->feedback_m, (size_t)n, outcomes_count_shown(o->feedback_q[0].n), h->feedback_m);

	enum cp_err err;
	if ((err = hide_teams(o, a, offsetof(struct outcomes_team, open), outcomes_open_total(o, 0), &h->team_open)) ||
	    (err = hide_teams(o, a, offsetof(struct outcomes_team, plans), o->plans[0], &h->team_plans)) ||
	    (err = hide_teams(o, a, offsetof(struct outcomes_team, on_time), o->on_time[0], &h->team_on_time)) ||
	    (err = hide_teams(o, a, offsetof(struct outcomes_team, late), o->late[0], &h->team_late)) ||
	    (err = hide_teams(o, a, offsetof(struct outcomes_team, overdue), o->overdue[0], &h->team_overdue)))
		return err;
	return CP_OK;
}

/* ---- reading ------------------------------------------------------------- */

/* Growable list of doubles in the arena, for medians. */
struct dlist {
	double *v;
	size_t n, cap;
};

static enum cp_err dlist_push(struct arena *a, struct dlist *l, double x)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		double *nv = arena_alloc(a, cap * sizeof *nv);
		if (!nv)
			return CP_ENOMEM;
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof *nv);
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = x;
	return CP_OK;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(struct dlist *l)
{
	qsort(l->v, l->n, sizeof *l->v, cmp_double);
	return l->n % 2 ? l->v[l->n / 2] : (l->v[l->n / 2 - 1] + l->v[l->n / 2]) / 2;
}

struct fold {
	struct arena *a;
	struct outcomes *o;
	struct dlist days[OUTCOMES_LEVELS];
	/* GAS: the goals of the review being read. */
	int64_t gas_review;
	int gas_level, gas_month;
	int gas_x[64];
	size_t gas_n;
};

static int month_index(const struct outcomes *o, const char *month)
{
	if (!month)
		return -1;
	for (int i = 0; i < o->n_months; i++)
		if (strcmp(o->month[i], month) == 0)
			return i;
	return -1;
}

static struct outcomes_team *team_of(struct outcomes *o, int64_t id)
{
	for (size_t i = 0; i < o->n_teams; i++)
		if (o->teams[i].team_id == id)
			return &o->teams[i];
	return NULL;
}

static void mean_add(struct outcomes_mean *m, double x)
{
	m->n++;
	m->sum += x;
}

/* The T-score of the review just read, into the level and month. */
static void gas_flush(struct fold *f)
{
	double t;
	if (f->gas_n && gas_tscore(f->gas_x, f->gas_n, &t) == CP_OK) {
		mean_add(&f->o->gas[f->gas_level], t);
		if (f->gas_level)
			mean_add(&f->o->gas[0], t);
		if (f->gas_month >= 0)
			mean_add(&f->o->gas_m[f->gas_month], t);
	}
	f->gas_n = 0;
	f->gas_review = 0;
}

static enum cp_err fold_row(void *ctx, enum store_outcome_query q, const struct store_outcome_row *row)
{
	struct fold *f = ctx;
	struct outcomes *o = f->o;
	int lv = row->level;
	if (q != STORE_OQ_FEEDBACK) {
		if (lv < 1 || lv > 3)
			return CP_OK;
		if (o->filter.level && lv != o->filter.level)
			return CP_OK;
	}
	int m = month_index(o, row->month);
	struct outcomes_team *t = team_of(o, row->team_id);
	int64_t v0 = llround(row->v[0]), v1 = llround(row->v[1]);
	switch (q) {
	case STORE_OQ_OPEN: {
		enum episode_stage s = episode_stage_from_code(row->key);
		if (s >= STAGE__MAX)
			return CP_OK;
		o->open[lv][s] += v0;
		o->open[0][s] += v0;
		o->overdue[lv] += v1;
		o->overdue[0] += v1;
		if (t) {
			t->open += v0;
			t->overdue += v1;
		}
		break;
	}
	case STORE_OQ_PLANS: {
		o->plans[lv]++;
		o->plans[0]++;
		o->plans_person[lv] += v1;
		o->plans_person[0] += v1;
		if (m >= 0) {
			o->plans_m[m]++;
			o->plans_person_m[m] += v1;
		}
		if (t) {
			t->plans++;
			t->plans_person += v1;
		}
		enum cp_err err = dlist_push(f->a, &f->days[lv], row->v[0]);
		if (!err)
			err = dlist_push(f->a, &f->days[0], row->v[0]);
		return err;
	}
	case STORE_OQ_REVIEWS:
		o->on_time[lv] += v0;
		o->on_time[0] += v0;
		o->late[lv] += v1;
		o->late[0] += v1;
		if (m >= 0) {
			o->on_time_m[m] += v0;
			o->late_m[m] += v1;
		}
		if (t) {
			t->on_time += v0;
			t->late += v1;
		}
		break;
	case STORE_OQ_GAS:
		if (v0 != f->gas_review)
			gas_flush(f);
		f->gas_review = v0;
		f->gas_level = lv;
		f->gas_month = m;
		if (f->gas_n < sizeof f->gas_x / sizeof f->gas_x[0] && gas_level_valid((int)v1))
			f->gas_x[f->gas_n++] = (int)v1;
		break;
	case STORE_OQ_INSTRUMENTS: {
		enum instrument in = instrument_from_code(row->key);
		if (in >= INSTRUMENT__MAX)
			return CP_OK;
		mean_add(&o->instr_first[in][lv], row->v[0]);
		mean_add(&o->instr_first[in][0], row->v[0]);
		mean_add(&o->instr_change[in][lv], row->v[1] - row->v[0]);
		mean_add(&o->instr_change[in][0], row->v[1] - row->v[0]);
		break;
	}
	case STORE_OQ_ACT:
		o->act_people[lv]++;
		o->act_people[0]++;
		o->act_days_after[lv] += row->v[0];
		o->act_days_after[0] += row->v[0];
		for (int k = 0; k < OEV__MAX; k++) {
			int64_t before = llround(row->v[1 + k]), after = llround(row->v[3 + k]);
			o->act_before[k][lv] += before;
			o->act_before[k][0] += before;
			o->act_after[k][lv] += after;
			o->act_after[k][0] += after;
		}
		break;
	case STORE_OQ_FEEDBACK:
		if (m >= 0)
			o->feedback_m[m] += v0;
		for (int i = 0; i < 3; i++) {
			o->feedback_q[i].n += v0;
			o->feedback_q[i].sum += row->v[1 + i];
		}
		break;
	case STORE_OQ__MAX:
		break;
	}
	return CP_OK;
}

/* ---- the cache ------------------------------------------------------------
 * Working the figures out reads every episode, plan, review, questionnaire
 * and hospital event in scope: about a second for a whole region on two
 * busy CPUs.  The figures are monthly, so each filter's figures are kept
 * for OUTCOMES_CACHE_MS and read again after that (or on a new day).  Every
 * read is still audited.  Entries own copies of their teams and names. */

#define CACHE_SLOTS 32

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	bool used;
	int64_t made_ms;
	struct outcomes o; /* o.teams malloc'd, names inside the same block */
} cache[CACHE_SLOTS];

static bool same_filter(const struct outcomes_filter *a, const struct outcomes_filter *b)
{
	return a->team_id == b->team_id && a->level == b->level && a->months == b->months;
}

/* Copies a cached entry for f (made today, fresh) into out, teams in a. */
static bool cache_get(const struct outcomes_filter *f, const char *today, int64_t now_ms, struct arena *a,
		      struct outcomes *out)
{
	bool hit = false;
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_SLOTS && !hit; i++) {
		if (!cache[i].used || !same_filter(&cache[i].o.filter, f) || strcmp(cache[i].o.to, today) != 0 ||
		    now_ms - cache[i].made_ms >= OUTCOMES_CACHE_MS || now_ms < cache[i].made_ms)
			continue;
		*out = cache[i].o;
		size_t n = out->n_teams;
		out->teams = arena_alloc(a, (n ? n : 1) * sizeof *out->teams);
		if (out->teams) {
			memcpy(out->teams, cache[i].o.teams, n * sizeof *out->teams);
			for (size_t k = 0; k < n && out->teams; k++)
				if (!(out->teams[k].name = arena_strdup(a, cache[i].o.teams[k].name)))
					out->teams = NULL;
		}
		hit = out->teams != NULL;
	}
	pthread_mutex_unlock(&cache_mu);
	return hit;
}

/* Keeps a copy of o made at now_ms, in the oldest slot.  Out of memory: not kept. */
static void cache_put(const struct outcomes *o, int64_t now_ms)
{
	size_t n = o->n_teams, names = 0;
	for (size_t k = 0; k < n; k++)
		names += strlen(o->teams[k].name) + 1;
	struct outcomes_team *t = malloc((n ? n : 1) * sizeof *t + names);
	if (!t)
		return;
	char *p = (char *)(t + (n ? n : 1));
	for (size_t k = 0; k < n; k++) {
		t[k] = o->teams[k];
		size_t len = strlen(o->teams[k].name) + 1;
		memcpy(p, o->teams[k].name, len);
		t[k].name = p;
		p += len;
	}
	pthread_mutex_lock(&cache_mu);
	int slot = 0;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (cache[i].used && same_filter(&cache[i].o.filter, &o->filter)) {
			slot = i;
			break;
		}
		if (!cache[i].used || (cache[slot].used && cache[i].made_ms < cache[slot].made_ms))
			slot = i;
	}
	if (cache[slot].used)
		free(cache[slot].o.teams);
	cache[slot].used = true;
	cache[slot].made_ms = now_ms;
	cache[slot].o = *o;
	cache[slot].o.teams = t;
	pthread_mutex_unlock(&cache_mu);
}

/* The service's people, carers, teams and conditions (store_stats), kept
 * the same way: counting people by condition reads a row a condition. */
static struct {
	bool used;
	int64_t made_ms;
	struct store_stats s; /* s.conditions malloc'd, names inside the same block */
} stats_cache;

enum cp_err outcomes_stats(struct store_conn *c, struct arena *a, int64_t now_ms, struct store_stats *out)
{
	pthread_mutex_lock(&cache_mu);
	bool hit = stats_cache.used && now_ms >= stats_cache.made_ms &&
		   now_ms - stats_cache.made_ms < OUTCOMES_CACHE_MS;
	if (hit) {
		*out = stats_cache.s;
		size_t n = out->n_conditions;
		out->conditions = arena_alloc(a, (n ? n : 1) * sizeof *out->conditions);
		for (size_t k = 0; k < n && out->conditions; k++) {
			out->conditions[k] = stats_cache.s.conditions[k];
			if (!(out->conditions[k].name = arena_strdup(a, stats_cache.s.conditions[k].name)))
				out->conditions = NULL;
		}
		hit = out->conditions != NULL;
	}
	pthread_mutex_unlock(&cache_mu);
	if (hit)
		return CP_OK;
	enum cp_err err = store_stats(c, a, out);
	if (err)
		return err;
	size_t n = out->n_conditions, names = 0;
	for (size_t k = 0; k < n; k++)
		names += strlen(out->conditions[k].name) + 1;
	struct store_condition_count *copy = malloc((n ? n : 1) * sizeof *copy + names);
	if (!copy)
		return CP_OK; /* not kept; the figures are still right */
	char *p = (char *)(copy + (n ? n : 1));
	for (size_t k = 0; k < n; k++) {
		size_t len = strlen(out->conditions[k].name) + 1;
		copy[k] = out->conditions[k];
		memcpy(p, out->conditions[k].name, len);
		copy[k].name = p;
		p += len;
	}
	pthread_mutex_lock(&cache_mu);
	if (stats_cache.used)
		free(stats_cache.s.conditions);
	stats_cache.used = true;
	stats_cache.made_ms = now_ms;
	stats_cache.s = *out;
	stats_cache.s.conditions = copy;
	pthread_mutex_unlock(&cache_mu);
	return CP_OK;
}

void outcomes_cache_clear(void)
{
	pthread_mutex_lock(&cache_mu);
	if (stats_cache.used)
		free(stats_cache.s.conditions);
	stats_cache.used = false;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (cache[i].used)
			free(cache[i].o.teams);
		cache[i].used = false;
	}
	pthread_mutex_unlock(&cache_mu);
}

static void day_str(struct caldate d, char out[11])
{
	caldate_format(d, out, 11);
}

enum cp_err outcomes_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct outcomes_filter *flt, struct outcomes *out)
{
	memset(out, 0, sizeof *out);
	out->filter = *flt;
	int months = flt->months >= 1 && flt->months <= OUTCOMES_MONTHS_MAX ? flt->months : 12;
	out->filter.months = months;
	out->n_months = months;
	struct caldate today = worklist_today(now_ms), first = {today.y, today.m, 1}, d, back, cutoff;
	for (int i = 0; i < months; i++) {
		if (caldate_add_months(first, i - (months - 1), &d) != CP_OK)
			return CP_EINVAL;
		snprintf(out->month[i], sizeof out->month[i], "%04d-%02d", d.y, d.m);
		if (i == 0)
			day_str(d, out->from);
	}
	day_str(today, out->to);
	if (caldate_add_days(today, -OUTCOMES_ACT_BACK_DAYS, &back) != CP_OK ||
	    caldate_add_days(today, -OUTCOMES_AFTER_MIN_DAYS, &cutoff) != CP_OK)
		return CP_EINVAL;
	char back_s[11], cutoff_s[11];
	day_str(back, back_s);
	day_str(cutoff, cutoff_s);

	struct audit_event ev = {.action = "outcomes.read", .object_type = "team", .object_id = flt->team_id,
				 .reason = "aggregate"};
	if (cache_get(&out->filter, out->to, now_ms, a, out))
		return audit_read(c, who, &ev, now_ms);
	struct fold f = {.a = a, .o = out, .gas_month = -1};
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	struct store_team *teams = NULL;
	size_t n_teams = 0;
	if ((err = store_outcome_teams(c, a, OUTCOMES_TEAMS_MAX, &teams, &n_teams)))
		goto fail;
	out->teams = arena_zalloc(a, (n_teams ? n_teams : 1) * sizeof *out->teams);
	if (!out->teams) {
		err = CP_ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < n_teams; i++) {
		if (flt->team_id && teams[i].id != flt->team_id)
			continue;
		out->teams[out->n_teams].team_id = teams[i].id;
		out->teams[out->n_teams].name = teams[i].name;
		out->n_teams++;
	}
	struct store_outcome_scope sc = {.team_id = flt->team_id, .from = out->from, .to = out->to};
	struct store_outcome_scope act = {.team_id = flt->team_id, .from = back_s, .to = out->to, .cutoff = cutoff_s};
	for (int q = 0; q < STORE_OQ__MAX && !err; q++) {
		bool is_act = q == STORE_OQ_ACT;
		err = store_outcome_rows(c, (enum store_outcome_query)q, is_act ? &act : &sc, fold_row, &f);
		if (!err && q == STORE_OQ_GAS)
			gas_flush(&f);
	}
	if (err)
		goto fail;
	if ((err = store_commit(c)))
		return err;
	for (int l = 0; l < OUTCOMES_LEVELS; l++) {
		out->days_n[l] = (int64_t)f.days[l].n;
		if (f.days[l].n)
			out->days_median[l] = median(&f.days[l]);
	}
	if ((err = audit_read(c, who, &ev, now_ms)))
		return err;
	cache_put(out, now_ms);
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}
