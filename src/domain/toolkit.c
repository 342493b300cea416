/* toolkit.c - the self-assessment toolkit and self-assessments (toolkit.h). */
#include "toolkit.h"

#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "form.h"

static const struct {
	const char *code, *label;
} stages[TK_STAGE__MAX] = {
	[TK_STAGE_ENTRY] = {"entry", "Entry"},
	[TK_STAGE_ASSESSMENT] = {"assessment", "Assessment"},
	[TK_STAGE_PLAN] = {"plan", "Development of the care plan"},
	[TK_STAGE_IMPLEMENT] = {"implementation", "Implementation"},
	[TK_STAGE_REVIEW] = {"review", "Review"},
	[TK_STAGE_EXIT] = {"exit", "Exit and re-entry"},
	[TK_STAGE_OVERALL] = {"overall", "Over-arching elements and principles"},
};

static const struct {
	const char *code;
	enum tk_stage stage;
	const char *text;
	enum sat_figure fig;
} items[TK_ITEM__MAX] = {
#define ITEM(e, c, st, t, f) [TK_ITEM_##e] = {c, TK_STAGE_##st, t, f},
#include "toolkit.def"
#undef ITEM
};

static const struct {
	const char *code, *label;
} answers[TK_ANSWER__MAX] = {
	[TK_ANSWER_YES] = {"yes", "Yes"},
	[TK_ANSWER_PARTLY] = {"partly", "Partly"},
	[TK_ANSWER_NO] = {"no", "No"},
};

const char *toolkit_stage_code(enum tk_stage s)
{
	return s < TK_STAGE__MAX ? stages[s].code : "";
}

const char *toolkit_stage_label(enum tk_stage s)
{
	return s < TK_STAGE__MAX ? stages[s].label : "";
}

enum tk_stage toolkit_stage_from_code(const char *code)
{
	for (int s = 0; code && s < TK_STAGE__MAX; s++)
		if (strcmp(stages[s].code, code) == 0)
			return (enum tk_stage)s;
	return TK_STAGE__MAX;
}

const char *toolkit_item_code(enum tk_item i)
{
	return i < TK_ITEM__MAX ? items[i].code : "";
}

const char *toolkit_item_text(enum tk_item i)
{
	return i < TK_ITEM__MAX ? items[i].text : "";
}

enum tk_stage toolkit_item_stage(enum tk_item i)
{
	return i < TK_ITEM__MAX ? items[i].stage : TK_STAGE__MAX;
}

enum sat_figure toolkit_item_figure(enum tk_item i)
{
	return i < TK_ITEM__MAX ? items[i].fig : SAT_FIG__MAX;
}

enum tk_item toolkit_item_from_code(const char *code)
{
	for (int i = 0; code && i < TK_ITEM__MAX; i++)
		if (strcmp(items[i].code, code) == 0)
			return (enum tk_item)i;
	return TK_ITEM__MAX;
}

const char *toolkit_answer_code(enum tk_answer x)
{
	return x < TK_ANSWER__MAX ? answers[x].code : "";
}

const char *toolkit_answer_label(enum tk_answer x)
{
	return x < TK_ANSWER__MAX ? answers[x].label : "";
}

enum tk_answer toolkit_answer_from_code(const char *code)
{
	for (int x = 0; code && x < TK_ANSWER__MAX; x++)
		if (strcmp(answers[x].code, code) == 0)
			return (enum tk_answer)x;
	return TK_ANSWER__MAX;
}

const char *toolkit_answer_field(struct arena *a, enum tk_item i)
{
	return arena_printf(a, "answer-%s", toolkit_item_code(i));
}

const char *toolkit_comment_field(struct arena *a, enum tk_item i)
{
	return arena_printf(a, "comment-%s", toolkit_item_code(i));
}

/* Today (UTC) as YYYY-MM-DD into out. */
static void today(int64_t now_ms, char out[CALDATE_STR])
{
	struct caldate d;
	out[0] = '\0';
	if (caldate_from_days((int)(now_ms / 86400000LL), &d) == CP_OK)
		caldate_format(d, out, CALDATE_STR);
}

static void too_long(struct form_check *v, const char *field, const char *s, size_t max, const char *what)
{
	if (s && utf8_count(s, strlen(s)) > max)
		form_error(v, field, arena_printf(v->a, "%s must be %zu characters or fewer", what, max));
}

/* Ends a change: the audit row, then commit; rolls back on any failure. */
static enum cp_err finish(struct store_conn *c, enum cp_err err, const struct audit_actor *who, const char *action,
			  const char *type, int64_t object_id, int64_t now_ms)
{
	struct audit_event ev = {.action = action, .object_type = type, .object_id = object_id};
	if (!err)
		err = audit_record(c, who, &ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

enum cp_err toolkit_start(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *user, const struct tk_start_input *in, struct person_errors *errs,
			  int64_t *id)
{
	*id = 0;
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	char *title = form_clean(&v, in->title);
	char *notes = form_clean(&v, in->notes);
	char *date = form_clean(&v, in->assessed_on);
	if (user->team_id <= 0)
		form_error(&v, "title", "You are not a member of a team, so there is no team to assess");
	else if (!title)
		form_error(&v, "title", "Enter a title for the self-assessment");
	else
		too_long(&v, "title", title, TK_TITLE_MAX, "The title");
	struct caldate d;
	char msg[256], now[CALDATE_STR];
	today(now_ms, now);
	if (!date)
		form_error(&v, "assessed_on", "Enter the date the self-assessment is for");
	else if (caldate_parse(date, "The date of the self-assessment", &d, msg, sizeof msg) != CP_OK)
		form_error(&v, "assessed_on", arena_strdup(a, msg));
	else if (strcmp(date, now) > 0)
		form_error(&v, "assessed_on", "The date of the self-assessment must be today or in the past");
	too_long(&v, "notes", notes, TK_NOTES_MAX, "The notes");
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	struct store_sat s = {.team_id = user->team_id,
			      .title = title,
			      .notes = notes,
			      .assessed_on = date,
			      .created_by = user->id,
			      .created_ms = now_ms};
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	err = store_sat_insert(c, &s, id);
	return finish(c, err, who, "selfassess.create", "self_assessment", *id, now_ms);
}

/* The assessment, when it is user's team's. */
static enum cp_err own(struct store_conn *c, struct arena *a, const struct store_user *user, int64_t id,
		       struct store_sat *out)
{
	enum cp_err err = store_sat_get(c, a, id, out);
	if (!err && (user->team_id <= 0 || out->team_id != user->team_id))
		err = CP_ENOTFOUND;
	return err;
}

enum cp_err toolkit_save_stage(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       const struct store_user *user, int64_t id, const struct tk_stage_input *in,
			       struct person_errors *errs, size_t *saved)
{
	*saved = 0;
	errs->n = 0;
	struct store_sat s;
	enum cp_err err = own(c, a, user, id, &s);
	if (err)
		return err;
	if (in->stage >= TK_STAGE__MAX)
		return CP_EINVAL;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	struct store_sat_answer an[TK_ITEM__MAX];
	bool set[TK_ITEM__MAX] = {false};
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		if (items[i].stage != in->stage)
			continue;
		const char *afield = toolkit_answer_field(a, (enum tk_item)i);
		const char *cfield = toolkit_comment_field(a, (enum tk_item)i);
		if (!afield || !cfield)
			return CP_ENOMEM;
		char *comment = form_clean(&v, in->comment[i]);
		const char *code = in->answer[i];
		enum tk_answer x = toolkit_answer_from_code(code);
		if (code && *code && x == TK_ANSWER__MAX)
			form_error(&v, afield,
				   arena_printf(a, "Item %s: choose yes, partly or no", items[i].code));
		else if ((!code || !*code) && comment)
			form_error(&v, afield,
				   arena_printf(a, "Item %s: choose yes, partly or no for the comment to be kept",
						items[i].code));
		too_long(&v, cfield, comment, TK_COMMENT_MAX, arena_printf(a, "Item %s: the comment", items[i].code));
		if (x == TK_ANSWER__MAX)
			continue;
		an[i] = (struct store_sat_answer){.item = items[i].code, .answer = answers[x].code, .comment = comment};
		set[i] = true;
	}
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	/* The evidence is read before the write transaction, so the write
	 * lock is held only for the writes. */
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		if (!set[i])
			continue;
		struct tk_figure fg;
		if ((err = toolkit_figure(c, a, items[i].fig, s.team_id, s.assessed_on, &fg)))
			return err;
		an[i].has_ev = fg.has;
		an[i].ev_num = fg.num;
		an[i].ev_den = fg.den;
		an[i].ev_extra = fg.extra;
		an[i].ev_asof = fg.has ? s.assessed_on : NULL;
	}
	if ((err = store_begin(c)))
		return err;
	for (int i = 0; i < TK_ITEM__MAX && !err; i++)
		if (set[i] && !(err = store_sat_answer_set(c, id, &an[i], user->id, now_ms)))
			(*saved)++;
	return finish(c, err, who, "selfassess.answers", "self_assessment", id, now_ms);
}

enum cp_err toolkit_action_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       const struct store_user *user, int64_t id, const struct tk_action_input *in,
			       struct person_errors *errs, int64_t *action_id)
{
	*action_id = 0;
	errs->n = 0;
	struct store_sat s;
	enum cp_err err = own(c, a, user, id, &s);
	if (err)
		return err;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	enum tk_item item = toolkit_item_from_code(in->item);
	if (item == TK_ITEM__MAX)
		form_error(&v, "item", "Choose the item of the toolkit the action is for");
	char *what = form_clean(&v, in->what);
	if (!what)
		form_error(&v, "what", "Enter the action agreed");
	else
		too_long(&v, "what", what, TK_ACTION_MAX, "The action");
	char *name = form_clean(&v, in->owner_name);
	int64_t owner = 0;
	if (in->owner_user && *in->owner_user) {
		struct store_user *members = NULL;
		size_t n = 0;
		if (str_to_i64(in->owner_user, 1, INT64_MAX, &owner) == CP_OK &&
		    (err = store_team_members(c, a, s.team_id, 500, &members, &n)))
			return err;
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = members[i].id == owner;
		if (!found) {
			owner = 0;
			form_error(&v, "owner_user", "Choose a member of the team, or type the name of someone else");
		} else if (name) {
			form_error(&v, "owner_user", "Choose a member of the team or type a name, not both");
		}
	} else if (!name) {
		form_error(&v, "owner_user", "Choose who owns the action, or type the name of someone else");
	}
	too_long(&v, "owner_name", name, TK_OWNER_MAX, "The owner's name");
	char *due = form_clean(&v, in->due_date);
	struct caldate d;
	char msg[256];
	if (due && caldate_parse(due, "The due date", &d, msg, sizeof msg) != CP_OK)
		form_error(&v, "due_date", arena_strdup(a, msg));
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	struct store_sat_action x = {.assessment_id = id,
				     .item = items[item].code,
				     .what = what,
				     .owner_user_id = owner,
				     .owner_name = owner ? NULL : name,
				     .due_date = due,
				     .created_ms = now_ms};
	if ((err = store_begin(c)))
		return err;
	err = store_sat_action_insert(c, &x, user->id, action_id);
	return finish(c, err, who, "selfassess.action", "self_assessment_action", *action_id, now_ms);
}

enum cp_err toolkit_action_done(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
				const struct store_user *user, int64_t id, int64_t action_id)
{
	struct arena *a = arena_new(64 * 1024);
	if (!a)
		return CP_ENOMEM;
	struct store_sat s;
	enum cp_err err = own(c, a, user, id, &s);
	arena_free(a);
	if (err)
		return err;
	char now[CALDATE_STR];
	today(now_ms, now);
	if ((err = store_begin(c)))
		return err;
	err = store_sat_action_done(c, id, action_id, now);
	return finish(c, err, who, "selfassess.action_done", "self_assessment_action", action_id, now_ms);
}

enum cp_err toolkit_read(struct store_conn *c, struct arena *a, const struct store_user *user, int64_t id,
			 struct tk_record *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = own(c, a, user, id, &out->sat);
	struct store_sat_answer *an = NULL;
	size_t n = 0;
	if (!err)
		err = store_sat_answer_list(c, a, id, TK_ITEM__MAX, &an, &n);
	if (!err)
		err = store_sat_action_list(c, a, id, TK_ACTIONS_MAX, &out->actions, &out->n_actions);
	for (size_t k = 0; !err && k < n; k++) {
		enum tk_item i = toolkit_item_from_code(an[k].item);
		if (i < TK_ITEM__MAX) {
			out->answer[i] = &an[k];
			out->n_answered++;
		}
	}
	return err;
}

enum cp_err toolkit_live(struct store_conn *c, struct arena *a, int64_t team_id, const char *asof,
			 struct tk_figure *out)
{
	for (int i = 0; i < TK_ITEM__MAX; i++) {
		enum cp_err err = toolkit_figure(c, a, items[i].fig, team_id, asof, &out[i]);
		if (err)
			return err;
	}
	return CP_OK;
}

struct tk_figure toolkit_saved_figure(enum tk_item i, const struct store_sat_answer *an)
{
	struct tk_figure fg = {.f = SAT_FIG__MAX, .extra = -1};
	if (!an || !an->has_ev || i >= TK_ITEM__MAX)
		return fg;
	fg.f = items[i].fig;
	fg.has = fg.f < SAT_FIG__MAX;
	fg.num = an->ev_num;
	fg.den = an->ev_den;
	fg.extra = an->ev_extra;
	fg.asof = an->ev_asof;
	return fg;
}

/* yes 2, partly 1, no 0. */
static int rank(const struct store_sat_answer *an)
{
	enum tk_answer x = toolkit_answer_from_code(an->answer);
	return x == TK_ANSWER_YES ? 2 : x == TK_ANSWER_PARTLY ? 1 : 0;
}

enum tk_change toolkit_change(const struct store_sat_answer *before, const struct store_sat_answer *after)
{
	if (!before && !after)
		return TK_NEITHER;
	if (!before)
		return TK_NEWLY;
	if (!after)
		return TK_DROPPED;
	int b = rank(before), x = rank(after);
	return x > b ? TK_BETTER : x < b ? TK_WORSE : TK_SAME;
}

const char *toolkit_change_label(enum tk_change ch)
{
	static const char *const labels[] = {
		[TK_SAME] = "No change",
		[TK_BETTER] = "Better",
		[TK_WORSE] = "Worse",
		[TK_NEWLY] = "Answered only in the later one",
		[TK_DROPPED] = "Answered only in the earlier one",
		[TK_NEITHER] = "Not answered in either",
	};
	return ch <= TK_NEITHER ? labels[ch] : "";
}
