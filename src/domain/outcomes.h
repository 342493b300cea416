/*
 * outcomes.h - the evaluation figures of the dashboard and the
 * commissioner's view (docs/outcomes.md defines each one): what the care
 * planning cycle did, by team, by level of care and by month.
 *
 * outcomes_read() runs one grouped query per figure (store_act.h) inside
 * one read transaction, folds the rows into struct outcomes, and writes the
 * read's audit row ("outcomes.read", an aggregate: no person id).  Nothing
 * here names a person: the rows hold counts, sums and days, never ids of
 * people.
 *
 * Small numbers: outcomes_hide_small() and outcomes_hide_grid() are the one
 * suppression rule (a count of 1 to 4 is hidden, and a second cell is
 * hidden wherever a shown total would let a hidden one be worked back);
 * OUTCOMES_SMALL is also the fewest people a median, mean or change is
 * shown over.  The commissioner's pages and CSV apply them; the team
 * manager's own dashboard shows exact counts.
 *
 * Ownership: struct outcomes and everything it points to live in the arena
 * passed to outcomes_read().
 */
#ifndef CP_OUTCOMES_H
#define CP_OUTCOMES_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "episode.h"
#include "instrument.h"

#define OUTCOMES_SMALL 5           /* counts 1..OUTCOMES_SMALL-1 are hidden from commissioners */
#define OUTCOMES_MONTHS_MAX 24     /* the longest period offered */
#define OUTCOMES_LEVELS 4          /* index 0 = every level chosen, 1..3 = care_level.def numbers */
#define OUTCOMES_TEAMS_MAX 500     /* teams listed */
#define OUTCOMES_AFTER_MIN_DAYS 60 /* a plan agreed fewer days ago than this has no "after" yet */
#define OUTCOMES_ACT_BACK_DAYS 730 /* activity: plans agreed at most this many days ago */
#define OUTCOMES_CACHE_MS 60000    /* a filter's figures are worked out again after this long */

enum outcomes_event_kind { OEV_ADMISSION, OEV_AE, OEV__MAX };

/* "emergency_admission" / "ae_attendance" and their labels; from_code gives
 * OEV__MAX for anything else. */
const char *outcomes_event_code(enum outcomes_event_kind k);
const char *outcomes_event_label(enum outcomes_event_kind k);
enum outcomes_event_kind outcomes_event_from_code(const char *code);

/* What the reader asked for, validated by outcomes_filter_parse(). */
struct outcomes_filter {
	int64_t team_id; /* 0 = every team */
	int level;       /* 0 = every level, else 1..3 */
	int months;      /* 3, 6, 12 or 24 */
};

/* Reads the query values level ("", "1".."3"), months ("", "3", "6", "12",
 * "24"; "" is 12) and team ("" or a team id: only when allow_team) into
 * *f (team_id left as the caller set it when team is ""). CP_EINVAL with a
 * message naming the field in msg when a value is not one of those. */
enum cp_err outcomes_filter_parse(const char *level, const char *months, const char *team, bool allow_team,
				  struct outcomes_filter *f, char *msg, size_t msgn);

/* A mean over n people (sum / n); n < OUTCOMES_SMALL is hidden from commissioners. */
struct outcomes_mean {
	int64_t n;
	double sum;
};

/* One team's headline counts over the period (the level filter applied). */
struct outcomes_team {
	int64_t team_id;
	const char *name;
	int64_t open, plans, plans_person, on_time, late, overdue;
};

struct outcomes {
	struct outcomes_filter filter;
	char from[11], to[11];          /* the period: first day, today */
	int n_months;                   /* = filter.months */
	char month[OUTCOMES_MONTHS_MAX][8]; /* YYYY-MM, oldest first */
	/* Now: open episodes by level and stage, and agreed plans past their review date. */
	int64_t open[OUTCOMES_LEVELS][STAGE__MAX];
	int64_t overdue[OUTCOMES_LEVELS];
	/* Over the period, by level (index 0 = all chosen) and by month. */
	int64_t plans[OUTCOMES_LEVELS], plans_person[OUTCOMES_LEVELS];
	int64_t plans_m[OUTCOMES_MONTHS_MAX], plans_person_m[OUTCOMES_MONTHS_MAX];
	int64_t on_time[OUTCOMES_LEVELS], late[OUTCOMES_LEVELS];
	int64_t on_time_m[OUTCOMES_MONTHS_MAX], late_m[OUTCOMES_MONTHS_MAX];
	double days_median[OUTCOMES_LEVELS]; /* entry to agreed plan; valid when days_n > 0 */
	int64_t days_n[OUTCOMES_LEVELS];
	struct outcomes_mean gas[OUTCOMES_LEVELS];                      /* GAS T-scores, one per person */
	struct outcomes_mean gas_m[OUTCOMES_MONTHS_MAX];
	struct outcomes_mean instr_first[INSTRUMENT__MAX][OUTCOMES_LEVELS]; /* n = people with 2+ results */
	struct outcomes_mean instr_change[INSTRUMENT__MAX][OUTCOMES_LEVELS]; /* latest - first */
	/* Activity: people with a plan agreed 60..730 days ago, their events in
	 * the 365 days before agreement and after it (up to 365 days or today). */
	int64_t act_people[OUTCOMES_LEVELS];
	double act_days_after[OUTCOMES_LEVELS];
	int64_t act_before[OEV__MAX][OUTCOMES_LEVELS], act_after[OEV__MAX][OUTCOMES_LEVELS];
	/* Feedback (every level: it is given about the team). */
	int64_t feedback_m[OUTCOMES_MONTHS_MAX];
	struct outcomes_mean feedback_q[3]; /* involved, listened, useful: 1..5 */
	/* By team (every team the scope covers). */
	struct outcomes_team *teams;
	size_t n_teams;
};

/* Works out every figure for f at today (now_ms) and audits the read as
 * who.  The figures of a filter are kept in memory and given again for
 * OUTCOMES_CACHE_MS (never past the day's end): the dashboard may lag a
 * change by up to a minute; every read is audited all the same.
 * CP_OK, CP_ENOMEM, CP_EDB. */
enum cp_err outcomes_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct outcomes_filter *f, struct outcomes *out);

/* The service's counts (store_stats: people, carers, teams, people by
 * condition), kept like the figures for OUTCOMES_CACHE_MS.  Conditions in
 * the arena.  CP_OK, CP_ENOMEM, CP_EDB. */
enum cp_err outcomes_stats(struct store_conn *c, struct arena *a, int64_t now_ms, struct store_stats *out);

/* Forgets every kept figure (tests; a process that wants fresh figures at once). */
void outcomes_cache_clear(void);

/* Rates per person-year: events / person-days * 365.25.  -1 when days <= 0. */
double outcomes_rate(int64_t events, double days);

/* The suppression rule on a group of cells that add up to a total that is
 * shown (total_shown) or not.  hidden[i] is set for each count 1..4; then,
 * if the total is shown and exactly one cell is hidden, the smallest other
 * non-zero cell is hidden too (so the hidden one cannot be worked out by
 * subtraction).  Returns how many cells were hidden. */
int outcomes_hide_small(const int64_t *cells, size_t n, bool total_shown, bool *hidden);

/* The rule on a table of rows x cols cells whose row totals and column
 * totals are shown: hides 1..4 everywhere (totals too), then repeats the
 * complementary step over every row and column until nothing changes.
 * cells is row-major; row_tot[rows], col_tot[cols]; hidden is rows*cols,
 * row_hidden[rows], col_hidden[cols]. */
void outcomes_hide_grid(const int64_t *cells, size_t rows, size_t cols, const int64_t *row_tot,
			const int64_t *col_tot, bool *hidden, bool *row_hidden, bool *col_hidden);

/* Which counts the commissioner's view hides (outcomes_suppress), group by
 * group: the level tables with their total, the monthly series with the
 * period's total, the open episodes' level x stage table with both
 * margins, each pair that adds up to a shown total (plans agreed with the
 * person and with a representative), and each column of the by-team table
 * with the every-team total. */
struct outcomes_hidden {
	bool open[OUTCOMES_LEVELS][STAGE__MAX]; /* [0][s]: the stage's total over levels */
	bool open_level[OUTCOMES_LEVELS];       /* a level's open episodes, every stage */
	bool overdue[OUTCOMES_LEVELS];
	bool plans[OUTCOMES_LEVELS], plans_person[OUTCOMES_LEVELS];
	bool plans_m[OUTCOMES_MONTHS_MAX], plans_person_m[OUTCOMES_MONTHS_MAX];
	bool on_time[OUTCOMES_LEVELS], late[OUTCOMES_LEVELS];
	bool on_time_m[OUTCOMES_MONTHS_MAX], late_m[OUTCOMES_MONTHS_MAX];
	bool feedback_m[OUTCOMES_MONTHS_MAX];
	/* By team, one bool per team (arena): open, plans, on time, late, overdue. */
	bool *team_open, *team_plans, *team_on_time, *team_late, *team_overdue;
};

/* Fills *h for o; the by-team arrays in a.  CP_ENOMEM. */
enum cp_err outcomes_suppress(const struct outcomes *o, struct arena *a, struct outcomes_hidden *h);

/* A level's open episodes, every open stage. */
int64_t outcomes_open_total(const struct outcomes *o, int level);

/* True when count n is shown to a commissioner. */
static inline bool outcomes_count_shown(int64_t n)
{
	return n <= 0 || n >= OUTCOMES_SMALL;
}

#endif
