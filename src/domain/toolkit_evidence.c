/* toolkit_evidence.c - the toolkit's live evidence (toolkit_evidence.h). */
#include "toolkit_evidence.h"

#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "caldate.h"

/* Each figure's words: title; what is counted (plural), with " in the year
 * to <date>" after it when windowed; and what the counted ones have. */
static const struct {
	const char *code, *title, *noun, *what;
	bool windowed;
} words[SAT_FIG__MAX] = {
#define FIGURE(e, c) [SAT_FIG_##e] = {.code = (c)},
#include "../store/sat_figure.def"
#undef FIGURE
};

static const struct {
	enum sat_figure f;
	const char *title, *noun, *what;
	bool windowed;
} rows[] = {
	{SAT_FIG_TEAM_FOUND, "Found by the team", "episodes started", "were found by the team itself rather than referred", true},
	{SAT_FIG_CONTACT, "Contact details in one place", "people with an open episode",
	 "have an address and a phone number or email address recorded", false},
	{SAT_FIG_CARER_SHARED, "Plans shared with carers", "people with an open episode who have a carer",
	 "let a carer see their plan (a carer's access is live and the goals and actions are shared with them)", false},
	{SAT_FIG_KEY_WORKER, "Key worker", "active episodes", "have a named key worker now", false},
	{SAT_FIG_OUTCOMES, "Outcomes agreed", "active episodes", "have at least one intended outcome agreed with the person",
	 false},
	{SAT_FIG_CARER_NEEDS, "Carers' own needs", "active episodes of people with a carer",
	 "have the carer's own needs recorded in the assessment", false},
	{SAT_FIG_BOTH_STORIES, "Both kinds of knowledge", "active episodes",
	 "have both the person's own story and a professional's story in the assessment", false},
	{SAT_FIG_ALL_DOMAINS, "Every area of life", "active episodes",
	 "have an assessment with a need, risk or strength in every one of its areas of life", false},
	{SAT_FIG_ACTIONS_BOTH, "Actions for the person and the service", "agreed plans of active episodes",
	 "have actions for the person and actions for the team or a service", false},
	{SAT_FIG_AGREED, "Plans agreed with the person", "active episodes at planning, active or review",
	 "have a plan agreed with the person or their representative", false},
	{SAT_FIG_OWN_ACCESS, "People who can see their own plan", "people with an open episode",
	 "can sign in to Careplan to see their own plan", false},
	{SAT_FIG_MULTI_TEAM, "Care teams", "active episodes", "have two or more people in their care team now", false},
	{SAT_FIG_ACTIVITY_LINKED, "Activity that follows the plan", "contacts and services recorded",
	 "were carrying out an action of the person's plan", true},
	{SAT_FIG_NEXT_REVIEW, "Review date set", "agreed plans of episodes at active or review",
	 "have a date set for the next review", false},
	{SAT_FIG_REVIEWS_ON_TIME, "Reviews on time", "reviews that fell due", "were held on or before the date set",
	 true},
	{SAT_FIG_REENTRY, "Coming back", "", "", true},
	{SAT_FIG_ACP, "End of life plans", "people at level 3 with an open episode and a plan",
	 "have an advance care plan in it", false},
	{SAT_FIG_PRIOR_SELF, "Earlier self-assessments", "", "", false},
	{SAT_FIG_SHARING_CONSENT, "Consent to share", "active episodes",
	 "have the person's consent to sharing information recorded", false},
	{SAT_FIG_LISTENED, "Feeling listened to", "feedback responses",
	 "agreed that the team listened to what matters to them", true},
	{SAT_FIG_INVOLVED, "Feeling involved", "feedback responses",
	 "agreed that they were as involved as they wanted to be in making the plan", true},
	{SAT_FIG_WELLBEING, "Emotional wellbeing asked about", "active episodes",
	 "have a wellbeing questionnaire (PHQ-9, GAD-7 or the loneliness scale) recorded", false},
	{SAT_FIG_REVIEWED, "Reviews after agreement", "plans agreed three months or more before the date",
	 "have had at least one review since (episodes at active, review or maintenance)", false},
};

static bool row_of(enum sat_figure f, size_t *i)
{
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
		if (rows[k].f == f) {
			*i = k;
			return true;
		}
	return false;
}

const char *toolkit_figure_title(enum sat_figure f)
{
	size_t i;
	return f < SAT_FIG__MAX && row_of(f, &i) ? rows[i].title : "";
}

const char *toolkit_figure_code(enum sat_figure f)
{
	return f < SAT_FIG__MAX ? words[f].code : "";
}

int toolkit_percent(int64_t num, int64_t den)
{
	return den > 0 ? (int)((num * 200 + den) / (2 * den)) : -1;
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

enum cp_err toolkit_figure(struct store_conn *c, struct arena *a, enum sat_figure f, int64_t team_id,
			   const char *asof, struct tk_figure *out)
{
	*out = (struct tk_figure){.f = f, .extra = -1, .asof = asof};
	if (f >= SAT_FIG__MAX) {
		out->f = SAT_FIG__MAX;
		return CP_OK;
	}
	out->has = true;
	if (f != SAT_FIG_REENTRY)
		return store_sat_figure(c, f, team_id, asof, ADOMAIN__MAX, &out->num, &out->den);
	/* Re-entries: how many, how many seen within TK_SEEN_DAYS, and the
	 * median wait of those seen. */
	int64_t *ms = NULL;
	size_t n = 0;
	enum cp_err err = store_sat_reentry_ms(c, a, team_id, asof, TK_REENTRY_MAX, &ms, &n);
	if (err)
		return err;
	size_t seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (ms[i] < 0)
			continue;
		if (ms[i] <= (int64_t)TK_SEEN_DAYS * 86400000LL)
			out->num++;
		ms[seen++] = ms[i] / 86400000LL; /* whole days, kept at the front */
	}
	out->den = (int64_t)n;
	if (seen) {
		qsort(ms, seen, sizeof *ms, cmp_i64);
		/* The median; of an even count, the lower of the middle two
		 * rounded to whole days as (a + b) / 2. */
		out->extra = seen % 2 ? ms[seen / 2] : (ms[seen / 2 - 1] + ms[seen / 2]) / 2;
	}
	return CP_OK;
}

static const char *human(struct arena *a, const char *iso)
{
	struct caldate d;
	char msg[8];
	if (!iso || caldate_parse(iso, NULL, &d, msg, sizeof msg) != CP_OK)
		return iso ? iso : "";
	char out[CALDATE_HUMAN_MAX];
	caldate_format_human(d, out, sizeof out);
	return arena_strdup(a, out);
}

const char *toolkit_figure_text(struct arena *a, const struct tk_figure *fg)
{
	size_t i;
	if (!fg->has || fg->f >= SAT_FIG__MAX || !row_of(fg->f, &i))
		return TOOLKIT_NO_DATA;
	const char *when = human(a, fg->asof);
	if (fg->f == SAT_FIG_PRIOR_SELF) {
		if (fg->num == 0)
			return arena_printf(a, "No earlier self-assessment of this team was recorded before %s.", when);
		return arena_printf(a, "%lld earlier self-assessment%s of this team %s recorded before %s.",
				    (long long)fg->num, fg->num == 1 ? "" : "s", fg->num == 1 ? "was" : "were", when);
	}
	if (fg->f == SAT_FIG_REENTRY) {
		if (fg->den == 0)
			return arena_printf(a, "Nobody came back to the team after leaving in the year to %s.", when);
		const char *median =
			fg->extra >= 0 ? arena_printf(a, " Of those seen, the middle wait (median) was %lld day%s.",
						      (long long)fg->extra, fg->extra == 1 ? "" : "s")
				       : " None of them has moved on from entry yet.";
		return arena_printf(a, "%lld %s came back after leaving in the year to %s; %lld of them (%d%%) moved on "
				       "from entry within %d days.%s",
				    (long long)fg->den, fg->den == 1 ? "person" : "people", when, (long long)fg->num,
				    toolkit_percent(fg->num, fg->den), TK_SEEN_DAYS, median ? median : "");
	}
	const char *noun = rows[i].windowed ? arena_printf(a, "%s in the year to %s", rows[i].noun, when)
					    : rows[i].noun;
	if (!noun)
		return NULL;
	if (fg->den == 0)
		return arena_printf(a, "There are no %s to count yet (as at %s).", noun, when);
	if (rows[i].windowed)
		return arena_printf(a, "%lld of %lld %s (%d%%) %s.", (long long)fg->num, (long long)fg->den, noun,
				    toolkit_percent(fg->num, fg->den), rows[i].what);
	return arena_printf(a, "%lld of %lld %s (%d%%) %s, as at %s.", (long long)fg->num, (long long)fg->den, noun,
			    toolkit_percent(fg->num, fg->den), rows[i].what, when);
}
