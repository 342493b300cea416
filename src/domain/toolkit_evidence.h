/*
 * toolkit_evidence.h - the live evidence beside the self-assessment
 * toolkit's items: figures worked out from Careplan's own records for one
 * team and one date, each a numerator and a denominator with a plain
 * sentence (docs/self-assessment.md defines every figure: what is counted,
 * out of what, over which dates).
 *
 * A figure speaks for a date, asof: figures over a period count the year
 * up to and including asof; figures of the state of things (who has a key
 * worker, which plans are agreed) read the records as they stand when the
 * figure is worked out, for episodes that had started by asof.  When an
 * answer is saved its figure is stored with it, so a later comparison
 * shows what the data said then.
 *
 * No figure names a person, and none is audited: they are counts.
 */
#ifndef CP_TOOLKIT_EVIDENCE_H
#define CP_TOOLKIT_EVIDENCE_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"

#define TK_SEEN_DAYS 14      /* a re-entry "seen quickly": moved on from entry within this many days */
#define TK_REENTRY_MAX 10000 /* re-entries read for one figure */

/* One figure.  has false: Careplan holds no data on the item. */
struct tk_figure {
	enum sat_figure f;  /* SAT_FIG__MAX when has is false */
	bool has;
	int64_t num, den;   /* den 0 with a count in num for SAT_FIG_PRIOR_SELF */
	int64_t extra;      /* SAT_FIG_REENTRY: median whole days to being seen, -1 when none was seen; else -1 */
	const char *asof;   /* YYYY-MM-DD; borrowed */
};

/* Works out figure f for team_id on asof (YYYY-MM-DD, borrowed into out).
 * f SAT_FIG__MAX gives has false.  CP_EDB, CP_ENOMEM. */
enum cp_err toolkit_figure(struct store_conn *c, struct arena *a, enum sat_figure f, int64_t team_id,
			   const char *asof, struct tk_figure *out);

/* A short name for the figure ("Key worker"); "" for SAT_FIG__MAX. */
const char *toolkit_figure_title(enum sat_figure f);
/* The figure's code (sat_figure.def); "" for SAT_FIG__MAX. */
const char *toolkit_figure_code(enum sat_figure f);
/* The plain sentence saying what the figure shows, e.g. "4 of 5 active
 * episodes (80%) have a named key worker now."; for has false, the words
 * TOOLKIT_NO_DATA.  In the arena; NULL when it ran out. */
const char *toolkit_figure_text(struct arena *a, const struct tk_figure *fg);
/* The share in whole per cent, rounded half up; -1 when den is 0. */
int toolkit_percent(int64_t num, int64_t den);

#define TOOLKIT_NO_DATA "Careplan holds no data on this; answer from your own knowledge."

#endif
