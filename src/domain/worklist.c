/*
 * worklist.c - worklist sections, classification and sorting (worklist.h).
 * The store reads the candidate episodes with one indexed query; the rules
 * of which section an episode is in live here only.
 */
#include "worklist.h"

#include "share.h"

#include <stdlib.h>
#include <string.h>

#include "episode.h"

#define MS_PER_DAY 86400000LL

static const struct {
	const char *code, *label;
} sections[WL__MAX] = {
	[WL_DUE] = {"due", "Reviews due in the next 14 days"},
	[WL_OVERDUE] = {"overdue", "Overdue reviews"},
	[WL_NOT_AGREED] = {"not-agreed", "Plans not yet agreed"},
	[WL_NO_KEY] = {"no-key-worker", "Open episodes without a key worker"},
	[WL_CHECKIN] = {"checkin", "Maintenance check-ins due or overdue"},
};

static const char *const sorts[WL_SORT__MAX] = {[WL_SORT_DATE] = "date", [WL_SORT_NAME] = "name"};

const char *worklist_section_code(enum worklist_section s)
{
	return (unsigned)s < WL__MAX ? sections[s].code : "";
}

const char *worklist_section_label(enum worklist_section s)
{
	return (unsigned)s < WL__MAX ? sections[s].label : "";
}

enum worklist_section worklist_section_from_code(const char *code)
{
	for (int i = 0; code && i < WL__MAX; i++)
		if (strcmp(code, sections[i].code) == 0)
			return (enum worklist_section)i;
	return WL__MAX;
}

enum worklist_sort worklist_sort_from_code(const char *code)
{
	if (!code || !*code)
		return WL_SORT_DATE;
	for (int i = 0; i < WL_SORT__MAX; i++)
		if (strcmp(code, sorts[i]) == 0)
			return (enum worklist_sort)i;
	return WL_SORT__MAX;
}

const char *worklist_sort_code(enum worklist_sort s)
{
	return (unsigned)s < WL_SORT__MAX ? sorts[s] : "";
}

struct caldate worklist_today(int64_t now_ms)
{
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	struct caldate d = {1970, 1, 1};
	if (caldate_from_days((int)days, &d) != CP_OK)
		d = (struct caldate){1970, 1, 1};
	return d;
}

/* Days from today to iso, or false when iso is not a date. */
static bool days_to(const char *iso, struct caldate today, int *days)
{
	struct caldate d;
	if (!iso || caldate_parse(iso, NULL, &d, NULL, 0) != CP_OK)
		return false;
	*days = caldate_days_between(today, d);
	return true;
}

unsigned worklist_classify(const struct store_worklist_row *w, struct caldate today, const char *date[WL__MAX],
			   int days[WL__MAX])
{
	for (int s = 0; s < WL__MAX; s++) {
		date[s] = NULL;
		days[s] = 0;
	}
	enum episode_stage st = episode_stage_from_code(w->stage);
	if (!episode_stage_open(st))
		return 0;
	unsigned out = 0;
	bool agreed = w->plan_status && strcmp(w->plan_status, "agreed") == 0;
	int d = 0;
	if (agreed && (st == STAGE_ACTIVE || st == STAGE_REVIEW) && days_to(w->next_review_date, today, &d)) {
		enum worklist_section s = d < 0 ? WL_OVERDUE : WL_DUE;
		if (d <= WORKLIST_HORIZON) {
			out |= 1u << s;
			date[s] = w->next_review_date;
			days[s] = d;
		}
	}
	int open_days = caldate_days_between(worklist_today(w->started_ms), today);
	if (!agreed && (st == STAGE_PLANNING || st == STAGE_ACTIVE || st == STAGE_REVIEW)) {
		out |= 1u << WL_NOT_AGREED;
		days[WL_NOT_AGREED] = -open_days;
	}
	if (!w->key_worker_id) {
		out |= 1u << WL_NO_KEY;
		days[WL_NO_KEY] = -open_days;
	}
	if (st == STAGE_MAINTENANCE) {
		if (!days_to(w->next_checkin_date, today, &d)) {
			out |= 1u << WL_CHECKIN; /* no date: nobody has planned the next check-in */
		} else if (d <= WORKLIST_HORIZON) {
			out |= 1u << WL_CHECKIN;
			date[WL_CHECKIN] = w->next_checkin_date;
			days[WL_CHECKIN] = d;
		}
	}
	return out;
}

static int by_name(const struct worklist_item *x, const struct worklist_item *y)
{
	int c = strcmp(x->row->family_name, y->row->family_name);
	if (!c)
		c = strcmp(x->row->given_name, y->row->given_name);
	if (!c)
		c = x->row->episode_id < y->row->episode_id ? -1 : x->row->episode_id > y->row->episode_id;
	return c;
}

static int cmp_name(const void *a, const void *b)
{
	return by_name(a, b);
}

static int cmp_date(const void *a, const void *b)
{
	const struct worklist_item *x = a, *y = b;
	/* Rows without a date come first: nothing has been planned for them. */
	if (!x->date != !y->date)
		return x->date ? 1 : -1;
	if (x->days != y->days)
		return x->days < y->days ? -1 : 1;
	return by_name(x, y);
}

enum cp_err worklist_build(struct arena *a, const struct store_worklist_row *rows, size_t n, struct caldate today,
			   enum worklist_sort sort, struct worklist *out)
{
	memset(out, 0, sizeof *out);
	for (int s = 0; s < WL__MAX; s++) {
		out->items[s] = n ? arena_zalloc(a, n * sizeof *out->items[s]) : NULL;
		if (n && !out->items[s])
			return CP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const char *date[WL__MAX];
		int days[WL__MAX];
		unsigned in = worklist_classify(&rows[i], today, date, days);
		for (int s = 0; s < WL__MAX; s++)
			if (in & (1u << s))
				out->items[s][out->n[s]++] = (struct worklist_item){&rows[i], date[s], days[s]};
	}
	for (int s = 0; s < WL__MAX; s++)
		if (out->n[s] > 1)
			qsort(out->items[s], out->n[s], sizeof *out->items[s], sort == WL_SORT_NAME ? cmp_name : cmp_date);
	return CP_OK;
}

static bool among(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return true;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Consent-based sharing: a person who has not shared their goals and plan
 * with the reader is left out of the plan's sections (review due, overdue,
 * not agreed), and one who has not shared the team's notes out of the
 * check-ins, so no count or name hints at them.  The reader is in the
 * audiences of a care team member for their own caseload and of the team
 * for the team's.  One query per section, not one per row. */
static enum cp_err withhold(struct store_conn *c, struct arena *a, const struct store_user *user, bool team,
			    struct worklist *out)
{
	static const struct {
		enum share_section share;
		unsigned sections; /* (1u << WL_*) */
	} rules[] = {
		{SHARE_GOALS, (1u << WL_DUE) | (1u << WL_OVERDUE) | (1u << WL_NOT_AGREED)},
		{SHARE_NOTES, 1u << WL_CHECKIN},
	};
	unsigned who = share_audiences_of(user, team ? ACCESS_TEAM : ACCESS_CARE_TEAM);
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
		int64_t *ids = NULL;
		size_t n = 0;
		enum cp_err err = store_share_withheld(c, a, share_code(rules[r].share), who, team ? user->team_id : 0,
						       WORKLIST_WITHHELD_MAX, &ids, &n);
		if (err)
			return err;
		for (int s = 0; n && s < WL__MAX; s++) {
			if (!(rules[r].sections & (1u << s)))
				continue;
			size_t k = 0;
			for (size_t i = 0; i < out->n[s]; i++)
				if (!among(ids, n, out->items[s][i].row->person_id))
					out->items[s][k++] = out->items[s][i];
			out->n[s] = k;
		}
	}
	return CP_OK;
}

enum cp_err worklist_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *user, bool team, enum worklist_sort sort, struct worklist *out)
{
	memset(out, 0, sizeof *out);
	struct caldate today = worklist_today(now_ms), last;
	char due_by[CALDATE_STR];
	if (caldate_add_days(today, WORKLIST_HORIZON, &last) != CP_OK)
		last = today;
	caldate_format(last, due_by, sizeof due_by);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	struct store_worklist_row *rows = NULL;
	size_t n = 0;
	if (team)
		err = user->team_id ? store_worklist_team(c, a, user->team_id, due_by, WORKLIST_ROWS_MAX + 1, &rows, &n)
				    : CP_OK;
	else
		err = store_worklist_mine(c, a, user->id, WORKLIST_ROWS_MAX + 1, &rows, &n);
	if (err)
		goto fail;
	bool capped = n > WORKLIST_ROWS_MAX;
	if (capped)
		n = WORKLIST_ROWS_MAX;
	if ((err = store_commit(c)))
		return err;
	struct audit_event ev = {.action = "worklist.read", .object_type = "worklist",
				 .object_id = team ? user->team_id : user->id, .reason = team ? "team" : "mine"};
	if ((err = audit_read(c, who, &ev, now_ms)))
		return err;
	err = worklist_build(a, rows, n, today, sort, out);
	out->capped = capped;
	if (!err)
		err = withhold(c, a, user, team, out);
	return err;
fail:
	store_rollback(c);
	return err;
}
