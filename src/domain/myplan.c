/*
 * myplan.c - "My plan": the person's own view and what they write
 * themself (myplan.h).
 */
#include "myplan.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "share.h"

#define TEAM_MAX 100
#define OWN_MAX 400

static const struct {
	const char *field, *label, *hint;
} items[ABOUT__MAX] = {
#define ABOUT(e, field, label, hint) [ABOUT_##e] = {field, label, hint},
#include "about_me.def"
#undef ABOUT
};

_Static_assert(ABOUT__MAX == STORE_ABOUT_ITEMS, "about_me.def and STORE_ABOUT_ITEMS agree");

const char *about_field(enum about_item i)
{
	return i < ABOUT__MAX ? items[i].field : "";
}

const char *about_label(enum about_item i)
{
	return i < ABOUT__MAX ? items[i].label : "";
}

const char *about_hint(enum about_item i)
{
	return i < ABOUT__MAX ? items[i].hint : "";
}

const char *my_writer(const struct store_user *u)
{
	return strcmp(u->role, "person") == 0 ? "person" : "carer";
}

static void say(struct my_result *res, const char *text)
{
	if (res)
		snprintf(res->msg, sizeof res->msg, "%s", text);
}

/* Only the person writes (myplan.h). */
static bool is_person(const struct store_user *u)
{
	return strcmp(u->role, "person") == 0 && u->person_id > 0;
}

/* ---- reading -------------------------------------------------------------------- */

static enum cp_err read_masked(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t person_id, const char *page, struct my_view *out);

enum cp_err my_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		    const struct store_user *u, enum access_basis b, int64_t person_id, const char *page,
		    struct my_view *out)
{
	memset(out, 0, sizeof *out);
	if (b == ACCESS_NONE)
		return CP_EFORBIDDEN;
	out->basis = b;
	/* The mask first: share_visible_sections may read in its own way. */
	enum cp_err err = share_visible_sections(c, u, b, person_id, &out->mask);
	if (err)
		return err;
	return read_masked(c, a, who, now_ms, person_id, page, out);
}

enum cp_err my_read_copy(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t person_id, int64_t carer_user_id, const char *page, struct my_view *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err;
	if (carer_user_id > 0) {
		bool live = false;
		if ((err = store_grant_live(c, person_id, carer_user_id, &live)))
			return err;
		if (!live)
			return CP_ENOTFOUND;
		out->basis = ACCESS_CARER;
		err = share_visible_for(c, SA_CARER, carer_user_id, person_id, &out->mask);
	} else {
		out->basis = ACCESS_SELF;
		err = share_visible_for(c, SA_PERSON, 0, person_id, &out->mask);
	}
	if (err)
		return err;
	return read_masked(c, a, who, now_ms, person_id, page, out);
}

/* my_read's body once out->basis and out->mask are set. */
static enum cp_err read_masked(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t person_id, const char *page, struct my_view *out)
{
	enum cp_err err;
	if ((err = store_begin_read(c)))
		return err;
	if ((err = store_person_get(c, a, person_id, &out->person)))
		goto fail;
	err = store_episode_open_of(c, a, person_id, &out->ep);
	if (err == CP_ENOTFOUND)
		err = store_episode_latest_of(c, a, person_id, &out->ep);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_episode = err == CP_OK;
	if (out->has_episode) {
		if ((err = plan_load(c, a, out->ep.id, &out->plan)))
			goto fail;
		if (out->mask & SHARE_BIT(SHARE_GOALS)) {
			struct store_team_member *m;
			size_t n;
			if ((err = store_team_member_list(c, a, out->ep.id, TEAM_MAX, &m, &n)))
				goto fail;
			out->team = m;
			for (size_t i = 0; i < n; i++)
				if (!m[i].to_date)
					out->team[out->n_team++] = m[i];
			err = store_team_key_worker(c, a, out->ep.id, &out->key_worker);
			if (err && err != CP_ENOTFOUND)
				goto fail;
			out->has_key_worker = err == CP_OK;
			if (out->plan.exists &&
			    (err = store_plan_own_list(c, a, out->plan.cp.id, OWN_MAX, &out->own, &out->n_own)))
				goto fail;
		}
		if (out->mask & SHARE_BIT(SHARE_ASSESSMENT)) {
			err = store_review_story_current(c, a, out->ep.id, &out->story);
			if (err && err != CP_ENOTFOUND)
				goto fail;
			out->has_story = err == CP_OK;
			if ((err = store_review_question_list(c, a, out->ep.id, MY_QUESTIONS_MAX, &out->questions,
							      &out->n_questions)))
				goto fail;
		}
	}
	if (out->mask & SHARE_BIT(SHARE_ABOUT)) {
		err = store_about_me_current(c, a, person_id, &out->about);
		if (err && err != CP_ENOTFOUND)
			goto fail;
		out->has_about = err == CP_OK;
		if ((err = store_about_me_list(c, a, person_id, MY_HISTORY_MAX, &out->history, &out->n_history)))
			goto fail;
	}
	if ((err = store_commit(c)))
		return err;
	struct audit_event ev = {.action = "myplan.read", .object_type = "person", .object_id = person_id,
				 .person_id = person_id, .reason = page};
	return audit_read(c, who, &ev, now_ms);
fail:
	store_rollback(c);
	return err;
}

enum cp_err my_print_audit(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   const struct my_view *v, const struct my_print *p)
{
	if (!v->plan.exists)
		return CP_ENOTFOUND;
	const char *reason = arena_printf(a, "version %lld for the %s%s%s%s", (long long)v->plan.cp.version,
					  p->for_whom, p->carer_user_id > 0 ? " " : "",
					  p->carer_user_id > 0 ? arena_printf(a, "(user %lld)", (long long)p->carer_user_id)
							       : "",
					  p->large ? (p->plain ? ", large print, black and white" : ", large print")
						   : (p->plain ? ", black and white" : ""));
	if (!reason)
		return CP_ENOMEM;
	struct audit_event ev = {.action = "plan.print", .object_type = "care_plan", .object_id = v->plan.cp.id,
				 .person_id = v->person.id, .reason = reason};
	return audit_read(c, who, &ev, now_ms);
}

const struct store_plan_own *my_own(const struct my_view *v, enum plan_section s, int64_t id)
{
	const char *code = s == PLS_GOAL ? "goal" : s == PLS_ACTION ? "action" : NULL;
	for (size_t i = 0; code && i < v->n_own; i++)
		if (v->own[i].object_id == id && strcmp(v->own[i].section, code) == 0)
			return &v->own[i];
	return NULL;
}

enum cp_err my_about_of(struct store_conn *c, struct arena *a, int64_t person_id, struct store_about_me *out,
			bool *has)
{
	*has = false;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_about_me_current(c, a, person_id, out);
	store_rollback(c);
	*has = err == CP_OK;
	return err == CP_ENOTFOUND ? CP_OK : err;
}

enum cp_err my_review_written(struct store_conn *c, struct arena *a, int64_t episode_id,
			      struct store_review_story *story, bool *has_story,
			      struct store_review_question **questions, size_t *n_questions)
{
	*has_story = false;
	*n_questions = 0;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_review_story_current(c, a, episode_id, story);
	*has_story = err == CP_OK;
	if (err == CP_ENOTFOUND || !err)
		err = store_review_question_list(c, a, episode_id, MY_QUESTIONS_MAX, questions, n_questions);
	store_rollback(c);
	return err;
}

enum cp_err my_shows(struct store_conn *c, const struct store_user *u, int64_t now_ms, int64_t person_id,
		     unsigned bit, bool *yes)
{
	*yes = false;
	enum access_basis b = ACCESS_NONE;
	unsigned mask = 0;
	enum cp_err err = access_to_person(c, u, now_ms, person_id, &b);
	if (!err && b != ACCESS_NONE)
		err = share_visible_sections(c, u, b, person_id, &mask);
	*yes = (mask & bit) != 0;
	return err;
}

enum cp_err my_own_of(struct store_conn *c, struct arena *a, int64_t plan_id, struct store_plan_own **out,
		      size_t *n)
{
	*n = 0;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_plan_own_list(c, a, plan_id, OWN_MAX, out, n);
	store_rollback(c);
	return err;
}

/* ---- checking what was typed ---------------------------------------------------- */

/* The cleaned text of field (NULL when empty), with a message when it is
 * longer than max characters or required and empty. */
static const char *text(struct form_check *v, const char *field, const char *s, size_t max, const char *what,
			const char *missing)
{
	char *t = form_clean(v, s);
	if (!t && missing)
		form_error(v, field, missing);
	else if (t && utf8_count(t, strlen(t)) > max)
		form_error(v, field, arena_printf(v->a, "%s must be %zu characters or fewer", what, max));
	return t;
}

enum cp_err my_about_validate(struct arena *a, const char *const in[ABOUT__MAX], const char *out[ABOUT__MAX],
			      struct person_errors *errs)
{
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs};
	bool any = false;
	for (int i = 0; i < ABOUT__MAX; i++) {
		out[i] = text(&v, items[i].field, in[i], MY_ABOUT_MAX, items[i].label, NULL);
		any = any || out[i];
	}
	if (!any && !errs->n)
		form_error(&v, items[ABOUT_IMPORTANT].field,
			   "Write something in at least one part of About me, such as what is most important to you");
	if (v.oom)
		return CP_ENOMEM;
	return errs->n ? CP_EINVAL : CP_OK;
}

bool my_confidence_parse(const char *s, int *out, const char **msg)
{
	int64_t v = 0;
	if (!s || !*s) {
		*msg = "Choose how confident you feel, from 1 to 10";
		return false;
	}
	if (str_to_i64(s, 1, 10, &v)) {
		*msg = "How confident you feel must be a whole number from 1 to 10";
		return false;
	}
	*out = (int)v;
	return true;
}

/* ---- writing ------------------------------------------------------------------- */

/* The message of a save refused because someone saved since. */
static void conflict(struct my_result *res, const char *what, const char *by, int64_t saved_ms, int64_t version)
{
	char hhmm[6];
	plan_london_hhmm(saved_ms, hhmm);
	snprintf(res->msg, sizeof res->msg,
		 "%s saved %s at %s, after you opened this page. What you wrote is below and has not been saved: "
		 "read the newest version, then save again.",
		 by ? by : "Someone else", what, hhmm);
	res->version = version;
}

enum cp_err my_about_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *u, int64_t expected_version, const char *const in[ABOUT__MAX],
			  struct person_errors *errs, struct my_result *res)
{
	say(res, "");
	errs->n = 0;
	if (!is_person(u))
		return CP_EFORBIDDEN;
	const char *clean[ABOUT__MAX];
	enum cp_err err = my_about_validate(a, in, clean, errs);
	if (err)
		return err;
	if ((err = store_begin(c)))
		return err;
	struct store_about_me cur;
	int64_t current = 0;
	err = store_about_me_current(c, a, u->person_id, &cur);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	if (!err)
		current = cur.version;
	if (current != expected_version) {
		conflict(res, "About me", cur.user_name, cur.saved_ms, current);
		err = CP_ECONFLICT;
		goto fail;
	}
	struct store_about_me m = {.person_id = u->person_id, .version = current + 1, .user_id = u->id,
				   .writer = my_writer(u), .saved_ms = now_ms};
	for (int i = 0; i < ABOUT__MAX; i++)
		m.item[i] = clean[i];
	int64_t id = 0;
	if ((err = store_about_me_insert(c, &m, &id)))
		goto fail;
	struct audit_event ev = {.action = "aboutme.save", .object_type = "about_me", .object_id = id,
				 .person_id = u->person_id, .reason = current ? NULL : "first version"};
	if ((err = audit_record(c, who, &ev, now_ms)) || (err = store_commit(c)))
		goto fail;
	if (res)
		res->version = m.version;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

/* Inside a transaction: the person's open episode, or CP_ENOTFOUND with a
 * message saying there is none. */
static enum cp_err open_episode(struct store_conn *c, struct arena *a, const struct store_user *u,
				struct store_episode *ep, struct my_result *res)
{
	enum cp_err err = store_episode_open_of(c, a, u->person_id, ep);
	if (err == CP_ENOTFOUND)
		say(res, "You are not being supported by the team at the moment, so there is no review to get ready "
			 "for. Contact the team if you need them again.");
	return err;
}

enum cp_err my_story_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *u, int64_t expected_version, const char *story,
			  struct person_errors *errs, struct my_result *res)
{
	say(res, "");
	errs->n = 0;
	if (!is_person(u))
		return CP_EFORBIDDEN;
	struct form_check v = {.a = a, .errs = errs};
	const char *t = text(&v, "story", story, MY_STORY_MAX, "Your story", "Write your story before you save it");
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode ep;
	if ((err = open_episode(c, a, u, &ep, res)))
		goto fail;
	struct store_review_story cur;
	int64_t current = 0;
	err = store_review_story_current(c, a, ep.id, &cur);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	if (!err)
		current = cur.version;
	if (current != expected_version) {
		conflict(res, "your story", cur.user_name, cur.saved_ms, current);
		err = CP_ECONFLICT;
		goto fail;
	}
	struct store_review_story s = {.episode_id = ep.id, .version = current + 1, .story = t, .user_id = u->id,
				       .writer = my_writer(u), .saved_ms = now_ms};
	int64_t id = 0;
	if ((err = store_review_story_insert(c, &s, &id)))
		goto fail;
	struct audit_event ev = {.action = "review_story.save", .object_type = "review_story", .object_id = id,
				 .person_id = u->person_id};
	if ((err = audit_record(c, who, &ev, now_ms)) || (err = store_commit(c)))
		goto fail;
	if (res)
		res->version = s.version;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

enum cp_err my_question_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    const struct store_user *u, const char *question, struct person_errors *errs,
			    struct my_result *res)
{
	say(res, "");
	errs->n = 0;
	if (!is_person(u))
		return CP_EFORBIDDEN;
	struct form_check v = {.a = a, .errs = errs};
	const char *t = text(&v, "question", question, MY_QUESTION_MAX, "Your question",
			     "Write your question before you add it");
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode ep;
	struct store_review_question *qs;
	size_t n = 0;
	if ((err = open_episode(c, a, u, &ep, res)) ||
	    (err = store_review_question_list(c, a, ep.id, MY_QUESTIONS_MAX, &qs, &n)))
		goto fail;
	if (n >= MY_QUESTIONS_MAX) {
		form_error(&v, "question",
			   arena_printf(a, "You already have %d questions for this review; take one back first",
					MY_QUESTIONS_MAX));
		err = v.oom ? CP_ENOMEM : CP_EINVAL;
		goto fail;
	}
	struct store_review_question q = {.episode_id = ep.id, .question = t, .user_id = u->id,
					  .writer = my_writer(u), .created_ms = now_ms};
	int64_t id = 0;
	if ((err = store_review_question_insert(c, &q, &id)))
		goto fail;
	struct audit_event ev = {.action = "review_question.add", .object_type = "review_question",
				 .object_id = id, .person_id = u->person_id};
	if ((err = audit_record(c, who, &ev, now_ms)) || (err = store_commit(c)))
		goto fail;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

enum cp_err my_question_remove(struct store_conn *c, struct arena *a, const struct audit_actor *who,
			       int64_t now_ms, const struct store_user *u, int64_t question_id, struct my_result *res)
{
	say(res, "");
	if (!is_person(u))
		return CP_EFORBIDDEN;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode ep;
	if ((err = open_episode(c, a, u, &ep, res)) ||
	    (err = store_review_question_remove(c, question_id, ep.id, now_ms)))
		goto fail;
	struct audit_event ev = {.action = "review_question.remove", .object_type = "review_question",
				 .object_id = question_id, .person_id = u->person_id};
	if ((err = audit_record(c, who, &ev, now_ms)) || (err = store_commit(c)))
		goto fail;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

/* Inside a transaction: the open episode's plan at expected_version, or
 * an error with res->msg. */
static enum cp_err plan_for_change(struct store_conn *c, struct arena *a, const struct store_user *u,
				   int64_t expected_version, struct plan_record *rec, struct my_result *res)
{
	struct store_episode ep;
	enum cp_err err = open_episode(c, a, u, &ep, res);
	if (err)
		return err;
	if ((err = plan_load(c, a, ep.id, rec)))
		return err;
	if (!rec->exists) {
		say(res, "There is no plan yet. Your key worker will make one with you; then you can add your own "
			 "goals here.");
		return CP_ENOTFOUND;
	}
	if (rec->cp.version != expected_version) {
		conflict(res, "your plan", rec->cp.updated_by_name, rec->cp.updated_ms, rec->cp.version);
		return CP_ECONFLICT;
	}
	return CP_OK;
}

/* The field names plan_validate uses, as the My plan forms name them. */
static void rename_errors(struct person_errors *errs, const char *const map[][2], size_t n)
{
	for (size_t i = 0; i < errs->n; i++)
		for (size_t k = 0; k < n; k++)
			if (strcmp(errs->e[i].field, map[k][0]) == 0)
				errs->e[i].field = map[k][1];
}

enum cp_err my_goal_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			const struct store_user *u, int64_t expected_version, const struct my_goal_input *in,
			struct person_errors *errs, struct my_result *res)
{
	say(res, "");
	errs->n = 0;
	if (!is_person(u))
		return CP_EFORBIDDEN;
	struct form_check v = {.a = a, .errs = errs};
	const char *goal = text(&v, "goal", in->goal, MY_GOAL_MAX, "Your goal", "Write your goal, in your own words");
	const char *step = text(&v, "step", in->step, MY_GOAL_MAX, "The first step", NULL);
	const char *due = form_clean(&v, in->step_due);
	if (due) {
		struct caldate d;
		char msg[160];
		if (caldate_parse(due, "The date for the first step", &d, msg, sizeof msg))
			form_error(&v, "step_due", arena_strdup(a, msg));
		else if (!step)
			form_error(&v, "step", "Write the first step, or leave its date empty");
	} else if (step) {
		form_error(&v, "step_due", "Enter when you will take the first step, like 2026-01-22");
	}
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct plan_record rec;
	if ((err = plan_for_change(c, a, u, expected_version, &rec, res)))
		goto fail;
	static const char *const map[][2] = {
		{"goal_title", "goal"}, {"action_what", "step"}, {"action_due", "step_due"}};
	struct plan_result pres = {0};
	struct plan_input gi = {0};
	gi.v[PLF_GOAL_TITLE] = goal;
	gi.v[PLF_GOAL_STATUS] = "active";
	if ((err = plan_apply(c, a, who, now_ms, rec.ep.id, PLS_GOAL, 0, expected_version, &gi, false, errs, &pres)))
		goto invalid;
	int64_t goal_id = pres.item_id, step_id = 0;
	if (step) {
		struct plan_input ai = {0};
		ai.v[PLF_ACTION_WHAT] = step;
		ai.v[PLF_ACTION_GOAL] = arena_printf(a, "%lld", (long long)goal_id);
		ai.v[PLF_ACTION_WHO] = "person";
		ai.v[PLF_ACTION_DUE] = due;
		ai.v[PLF_ACTION_STATUS] = "not_started";
		if (!ai.v[PLF_ACTION_GOAL]) {
			err = CP_ENOMEM;
			goto fail;
		}
		if ((err = plan_apply(c, a, who, now_ms, rec.ep.id, PLS_ACTION, 0, -1, &ai, false, errs, &pres)))
			goto invalid;
		step_id = pres.item_id;
	}
	if ((err = plan_new_version(c, a, who, now_ms, rec.ep.id, true)))
		goto fail;
	struct store_plan_own g = {.plan_id = rec.cp.id, .section = "goal", .object_id = goal_id, .user_id = u->id,
				   .writer = my_writer(u), .created_ms = now_ms};
	if ((err = store_plan_own_insert(c, &g)))
		goto fail;
	if (step_id) {
		struct store_plan_own x = g;
		x.section = "action";
		x.object_id = step_id;
		if ((err = store_plan_own_insert(c, &x)))
			goto fail;
	}
	struct audit_event ev = {.action = "plan.save", .object_type = "care_plan", .object_id = rec.cp.id,
				 .person_id = u->person_id, .reason = "goal (the person's own)"};
	if ((err = audit_record(c, who, &ev, now_ms)) || (err = store_commit(c)))
		goto fail;
	if (res)
		res->version = rec.cp.version + 1;
	return CP_OK;
invalid:
	rename_errors(errs, map, sizeof map / sizeof map[0]);
fail:
	store_rollback(c);
	return err;
}

enum cp_err my_action_change(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     const struct store_user *u, int64_t action_id, int64_t expected_version,
			     enum my_action_change what, const char *confidence, struct person_errors *errs,
			     struct my_result *res)
{
	say(res, "");
	errs->n = 0;
	if (!is_person(u))
		return CP_EFORBIDDEN;
	int conf = 0;
	const char *msg = NULL;
	if (what == MY_ACTION_CONFIDENCE && !my_confidence_parse(confidence, &conf, &msg)) {
		struct form_check v = {.a = a, .errs = errs};
		form_error(&v, "confidence", msg);
		return CP_EINVAL;
	}
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct plan_record rec;
	if ((err = plan_for_change(c, a, u, expected_version, &rec, res)))
		goto fail;
	const struct plan_item *it = plan_find(&rec, PLS_ACTION, action_id);
	if (!it) {
		say(res, "That action is not in your plan.");
		err = CP_ENOTFOUND;
		goto fail;
	}
	struct plan_input in = {0};
	enum plan_field f, end;
	plan_section_fields(PLS_ACTION, &f, &end);
	for (; f < end; f++)
		in.v[f] = plan_form_value(a, it, f);
	if (what == MY_ACTION_DONE) {
		if (!it->v[PLF_ACTION_WHO] || strcmp(it->v[PLF_ACTION_WHO], "person") != 0) {
			say(res, "Only actions you do yourself can be marked done here. Tell the person who does it, "
				 "or your key worker.");
			err = CP_EFORBIDDEN;
			goto fail;
		}
		in.v[PLF_ACTION_STATUS] = "done";
	} else {
		in.v[PLF_ACTION_CONFIDENCE] = arena_printf(a, "%d", conf);
		if (!in.v[PLF_ACTION_CONFIDENCE]) {
			err = CP_ENOMEM;
			goto fail;
		}
	}
	struct plan_result pres = {0};
	if ((err = plan_apply(c, a, who, now_ms, rec.ep.id, PLS_ACTION, action_id, expected_version, &in, false, errs,
			      &pres)))
		goto fail;
	if ((err = plan_new_version(c, a, who, now_ms, rec.ep.id, true)))
		goto fail;
	struct audit_event ev = {.action = "plan.save", .object_type = "care_plan", .object_id = rec.cp.id,
				 .person_id = u->person_id,
				 .reason = what == MY_ACTION_DONE ? "action done (by the person)"
								  : "action confidence (by the person)"};
	if ((err = audit_record(c, who, &ev, now_ms)) || (err = store_commit(c)))
		goto fail;
	if (res)
		res->version = rec.cp.version + 1;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}
