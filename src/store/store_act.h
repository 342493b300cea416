/*
 * store_act.h - activity events (emergency admissions, A&E attendances)
 * imported for evaluation, and the grouped rows the outcome figures are
 * made from (docs/outcomes.md).  Included by store.h.
 */
#ifndef CP_STORE_ACT_H
#define CP_STORE_ACT_H

/* One activity event to store.  Strings borrowed for the call. */
struct store_activity_event {
	const char *nhs_number; /* 10 digits, check digit already verified */
	const char *kind;       /* "emergency_admission" or "ae_attendance" */
	const char *event_date; /* YYYY-MM-DD */
	const char *source_ref; /* "" when none */
	const char *batch;      /* names the import */
	int64_t imported_ms;
};

/* Stores ev unless the same (NHS number, kind, date, source reference) is
 * already there; *added is 1 when a row was added, 0 when it was already
 * stored.  Must run inside a transaction (store_begin). */
enum cp_err store_activity_event_add(struct store_conn *c, const struct store_activity_event *ev, int *added);

/* The grouped queries behind the outcome figures, one pass each.  What the
 * columns of a row mean per query: */
enum store_outcome_query {
	STORE_OQ_OPEN,        /* key = stage; v[0] = open episodes, v[1] = of which agreed plans
			       * (active or review stage) past their review date */
	STORE_OQ_PLANS,       /* month; one row a plan agreed in the period: v[0] = days from the
			       * episode's start to the agreement, v[1] = 1 when agreed with the person */
	STORE_OQ_REVIEWS,     /* month; v[0] = reviews held on time, v[1] = held late */
	STORE_OQ_GAS,         /* month; v[0] = review id, v[1] = a goal's GAS level (rows in review order) */
	STORE_OQ_INSTRUMENTS, /* key = instrument; v[0] = first total, v[1] = latest (one row an episode) */
	STORE_OQ_ACT,         /* one row a plan agreed in time: v[0] = its days after, v[1], v[2] =
			       * admissions, A&E attendances in the year before; v[3], v[4] = after */
	STORE_OQ_FEEDBACK,    /* month, level 0; v[0] = answers, v[1..3] = sums of involved, listened, useful */
	STORE_OQ__MAX
};

/* What the rows cover: team 0 is every team.  Dates YYYY-MM-DD. */
struct store_outcome_scope {
	int64_t team_id;
	const char *from;   /* first day counted */
	const char *to;     /* last day counted (today) */
	const char *cutoff; /* activity: plans agreed by this day have a time after */
};

/* One grouped row, borrowed for the callback only. */
struct store_outcome_row {
	int64_t team_id;   /* 0 when none */
	int level;         /* 1..3, 0 when the query has no level */
	const char *key;   /* NULL or the query's key (see above) */
	const char *month; /* NULL or YYYY-MM */
	double v[6];
};

typedef enum cp_err (*store_outcome_fn)(void *ctx, enum store_outcome_query q, const struct store_outcome_row *row);

/* Runs query q over sc, calling fn for each row; the first error fn returns
 * stops the run and is returned.  Run inside store_begin_read. */
enum cp_err store_outcome_rows(struct store_conn *c, enum store_outcome_query q, const struct store_outcome_scope *sc,
			       store_outcome_fn fn, void *ctx);

/* Every team, by name, at most max of them, into the arena. */
enum cp_err store_outcome_teams(struct store_conn *c, struct arena *a, size_t max, struct store_team **out, size_t *n);

#endif
