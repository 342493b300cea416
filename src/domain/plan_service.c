/*
 * plan_service.c - the audited operations on care and support plans (see
 * plan_service.h).
 *
 * Each operation loads the whole plan inside its transaction (which holds
 * the write lock, store_begin), checks the version the form was made from,
 * writes, loads the plan again to render the new version's snapshot, and
 * audits; so the check, the change, its snapshot and its audit row commit
 * together or not at all.
 */
#include "plan_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "episode.h"

#define MEMBERS_MAX 100
#define CONTACTS_MAX 100
#define GOALS_MAX 100
#define ACTIONS_MAX 200

static void say(struct plan_result *res, const char *text)
{
	if (res)
		snprintf(res->msg, sizeof res->msg, "%s", text);
}

static const char *i64s(struct arena *a, int64_t v)
{
	return arena_printf(a, "%lld", (long long)v);
}

/* ---- loading ---------------------------------------------------------------- */

static void goal_to_item(struct arena *a, const struct store_plan_goal *g, struct plan_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = g->id;
	it->section = PLS_GOAL;
	it->position = g->position;
	it->v[PLF_GOAL_TITLE] = g->title;
	it->v[PLF_GOAL_STATUS] = g->status;
	it->v[PLF_GOAL_TARGET] = g->target_date;
	if (g->has_gas)
		it->v[PLF_GOAL_GAS_BASELINE] = i64s(a, g->gas_baseline);
	for (int i = 0; i < STORE_GAS_LEVELS; i++)
		it->v[PLF_GOAL_GAS_M2 + i] = g->gas[i];
}

static void action_to_item(struct arena *a, const struct store_plan_action *x, struct plan_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = x->id;
	it->section = PLS_ACTION;
	it->position = x->position;
	it->v[PLF_ACTION_WHAT] = x->what;
	it->v[PLF_ACTION_GOAL] = x->goal_id ? i64s(a, x->goal_id) : NULL;
	it->v[PLF_ACTION_WHO] = x->who_kind;
	it->v[PLF_ACTION_WHO_CARER] = x->who_contact_id ? i64s(a, x->who_contact_id) : NULL;
	it->v[PLF_ACTION_WHO_USER] = x->who_user_id ? i64s(a, x->who_user_id) : NULL;
	it->v[PLF_ACTION_WHO_NAME] = strcmp(x->who_kind, "service") == 0 ? x->who_name : NULL;
	it->v[PLF_ACTION_DUE] = x->due_date;
	it->v[PLF_ACTION_RRULE] = x->rrule;
	it->v[PLF_ACTION_STATUS] = x->status;
	it->v[PLF_ACTION_CONFIDENCE] = x->confidence >= 0 ? i64s(a, x->confidence) : NULL;
}

static void generic_to_item(const struct store_plan_item *s, enum plan_section sec, struct plan_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = s->id;
	it->section = sec;
	it->position = s->position;
	for (size_t i = 0; i < s->n_values; i++) {
		enum plan_field f = plan_field_from_name(s->values[i].name);
		if (f < PLF__MAX && plan_field(f)->section == sec)
			it->v[f] = s->values[i].value;
	}
}

static void agreement_to_item(struct arena *a, const struct store_care_plan *cp, struct plan_item *it)
{
	memset(it, 0, sizeof *it);
	it->section = PLS_AGREE;
	it->v[PLF_AGREE_WITH] = cp->agreed_with;
	it->v[PLF_AGREE_NAME] = cp->agreed_by_name;
	it->v[PLF_AGREE_DATE] = cp->agreed_date;
	it->v[PLF_AGREE_INTERVAL] = cp->review_interval_days > 0 ? i64s(a, cp->review_interval_days) : NULL;
	it->v[PLF_AGREE_REVIEW_DATE] = cp->review_date;
	it->v[PLF_AGREE_REVIEWER] = cp->review_by_user_id ? i64s(a, cp->review_by_user_id) : NULL;
}

static int64_t importance(const struct plan_item *it)
{
	int64_t n = 0;
	return it->v[PLF_ISSUE_IMPORTANCE] && !str_to_i64(it->v[PLF_ISSUE_IMPORTANCE], 0, 10, &n) ? n : 0;
}

/* Page order: issues by importance (most first), then as added. */
static int item_cmp(const void *x, const void *y)
{
	const struct plan_item *a = x, *b = y;
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->section == PLS_ISSUE && importance(a) != importance(b))
		return importance(a) > importance(b) ? -1 : 1;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Adds user id to rec->users when it is not there (an assignee who has
 * left the care team is still shown by name). */
static void add_user(struct store_conn *c, struct arena *a, struct plan_record *rec, int64_t id)
{
	if (!id || rec->refs.n_users >= PLAN_REFS_MAX || plan_ref_name(rec->users, rec->refs.n_users, id))
		return;
	struct store_user u;
	if (store_user_by_id(c, a, id, &u) == CP_OK)
		rec->users[rec->refs.n_users++] = (struct plan_ref){id, u.display_name};
}

static enum cp_err load(struct store_conn *c, struct arena *a, int64_t episode_id, struct plan_record *rec)
{
	memset(rec, 0, sizeof *rec);
	enum cp_err err;
	if ((err = store_episode_get(c, a, episode_id, &rec->ep)) ||
	    (err = store_person_get(c, a, rec->ep.person_id, &rec->person)))
		return err;
	rec->read_only = !episode_stage_open(episode_stage_from_code(rec->ep.stage));
	rec->users = arena_zalloc(a, PLAN_REFS_MAX * sizeof *rec->users);
	rec->carers = arena_zalloc(a, PLAN_REFS_MAX * sizeof *rec->carers);
	rec->goals = arena_zalloc(a, PLAN_REFS_MAX * sizeof *rec->goals);
	if (!rec->users || !rec->carers || !rec->goals)
		return CP_ENOMEM;
	rec->refs.users = rec->users;
	rec->refs.carers = rec->carers;
	rec->refs.goals = rec->goals;
	struct store_team_member *m;
	size_t nm;
	if ((err = store_team_member_list(c, a, episode_id, MEMBERS_MAX, &m, &nm)))
		return err;
	for (size_t i = 0; i < nm; i++)
		if (m[i].user_id && !m[i].to_date && !plan_ref_name(rec->users, rec->refs.n_users, m[i].user_id))
			rec->users[rec->refs.n_users++] = (struct plan_ref){m[i].user_id, m[i].user_name};
	struct store_contact *k;
	size_t nk;
	if ((err = store_contact_list(c, a, rec->person.id, CONTACTS_MAX, &k, &nk)))
		return err;
	for (size_t i = 0; i < nk && rec->refs.n_carers < PLAN_REFS_MAX; i++)
		if (k[i].is_carer)
			rec->carers[rec->refs.n_carers++] = (struct plan_ref){k[i].id, k[i].name};
	err = store_plan_by_episode(c, a, episode_id, &rec->cp);
	if (err == CP_ENOTFOUND) {
		memset(&rec->cp, 0, sizeof rec->cp);
		return CP_OK;
	}
	if (err)
		return err;
	rec->exists = true;
	struct store_plan_goal *g;
	struct store_plan_action *x;
	struct store_plan_item *o;
	size_t ng, nx, no;
	if ((err = store_plan_goal_list(c, a, rec->cp.id, GOALS_MAX, &g, &ng)) ||
	    (err = store_plan_action_list(c, a, rec->cp.id, ACTIONS_MAX, &x, &nx)) ||
	    (err = store_plan_item_list(c, a, rec->cp.id, PLAN_ITEMS_MAX, &o, &no)) ||
	    (err = store_plan_version_list(c, a, rec->cp.id, PLAN_VERSIONS_MAX, &rec->versions, &rec->n_versions)))
		return err;
	rec->items = arena_zalloc(a, (ng + nx + no + 1) * sizeof *rec->items);
	if (!rec->items)
		return CP_ENOMEM;
	for (size_t i = 0; i < ng; i++) {
		goal_to_item(a, &g[i], &rec->items[rec->n_items++]);
		if (rec->refs.n_goals < PLAN_REFS_MAX)
			rec->goals[rec->refs.n_goals++] = (struct plan_ref){g[i].id, g[i].title};
	}
	for (size_t i = 0; i < nx; i++) {
		action_to_item(a, &x[i], &rec->items[rec->n_items++]);
		add_user(c, a, rec, x[i].who_user_id);
		if (x[i].who_contact_id && !plan_ref_name(rec->carers, rec->refs.n_carers, x[i].who_contact_id) &&
		    rec->refs.n_carers < PLAN_REFS_MAX)
			rec->carers[rec->refs.n_carers++] = (struct plan_ref){x[i].who_contact_id, x[i].who_name};
	}
	for (size_t i = 0; i < no; i++) {
		enum plan_section s = plan_section_from_code(o[i].section);
		if (s == PLS__MAX || s == PLS_GOAL || s == PLS_ACTION || s == PLS_AGREE)
			continue;
		generic_to_item(&o[i], s, &rec->items[rec->n_items++]);
	}
	if (rec->cp.agreed_date) {
		agreement_to_item(a, &rec->cp, &rec->items[rec->n_items++]);
		add_user(c, a, rec, rec->cp.review_by_user_id);
	}
	qsort(rec->items, rec->n_items, sizeof *rec->items, item_cmp);
	return CP_OK;
}

enum cp_err plan_load(struct store_conn *c, struct arena *a, int64_t episode_id, struct plan_record *out)
{
	return load(c, a, episode_id, out);
}

const struct plan_item *plan_find(const struct plan_record *rec, enum plan_section s, int64_t item_id)
{
	for (size_t i = 0; i < rec->n_items; i++)
		if (rec->items[i].section == s && (plan_section_single(s) || rec->items[i].id == item_id))
			return &rec->items[i];
	return NULL;
}

int64_t plan_spend_total(const struct plan_record *rec)
{
	int64_t total = 0, n;
	for (size_t i = 0; i < rec->n_items; i++)
		if (rec->items[i].section == PLS_SPEND && rec->items[i].v[PLF_SPEND_AMOUNT] &&
		    !str_to_i64(rec->items[i].v[PLF_SPEND_AMOUNT], 0, PLAN_MONEY_MAX, &n))
			total += n;
	return total;
}

enum share_section plan_section_share(enum plan_section s)
{
	switch (s) {
	case PLS_ISSUE:
	case PLS_GOAL:
	case PLS_ACTION:
	case PLS_EQUIP:
	case PLS_VISIT:
	case PLS_CONTACT:
	case PLS_AGREE: return SHARE_GOALS;
	case PLS_CONTINGENCY:
	case PLS_SOS: return SHARE_CONTINGENCY;
	case PLS_TEP:
	case PLS_ACP: return SHARE_ACP;
	case PLS_BUDGET:
	case PLS_SPEND: return SHARE_BUDGET;
	case PLS_SERVICE: return SHARE_SERVICE;
	default: return SHARE__MAX; /* a section nobody mapped: shown to nobody */
	}
}

void plan_restrict(struct plan_record *rec, unsigned share_mask)
{
	for (int s = 0; s < PLS__MAX; s++) {
		enum share_section sh = plan_section_share((enum plan_section)s);
		if (sh == SHARE__MAX || !(share_mask & SHARE_BIT(sh)))
			rec->hidden |= PLAN_BIT(s);
	}
	size_t k = 0;
	for (size_t i = 0; i < rec->n_items; i++)
		if (!(rec->hidden & PLAN_BIT(rec->items[i].section)))
			rec->items[k++] = rec->items[i];
	rec->n_items = k;
	if (rec->hidden & PLAN_BIT(PLS_GOAL)) {
		rec->refs.goals = NULL;
		rec->refs.n_goals = 0;
		/* Nor does a shown entry point at a withheld goal. */
		for (size_t i = 0; i < rec->n_items; i++)
			for (int f = 0; f < PLF__MAX; f++)
				if (plan_field((enum plan_field)f)->kind == PLK_GOAL)
					rec->items[i].v[f] = NULL;
	}
}

bool plan_shown(const struct plan_record *rec, enum plan_section s)
{
	return s < PLS__MAX && !(rec->hidden & PLAN_BIT(s));
}

void plan_comparison_restrict(struct plan_comparison *cmp, const struct plan_record *rec)
{
	size_t k = 0;
	for (size_t i = 0; i < cmp->n; i++)
		if (cmp->changes[i].section == PLS__MAX || plan_shown(rec, cmp->changes[i].section))
			cmp->changes[k++] = cmp->changes[i];
	cmp->n = k;
}

int64_t plan_service_charge_total(const struct plan_record *rec)
{
	int64_t total = 0, n;
	for (size_t i = 0; i < rec->n_items; i++)
		if (rec->items[i].section == PLS_SERVICE && rec->items[i].v[PLF_SERVICE_CHARGE] &&
		    !str_to_i64(rec->items[i].v[PLF_SERVICE_CHARGE], 0, PLAN_MONEY_MAX, &n))
			total += n;
	return total;
}

enum cp_err plan_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		      int64_t episode_id, const char *why, struct plan_record *out)
{
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	if ((err = load(c, a, episode_id, out)))
		goto fail;
	struct audit_event ev = {.action = "plan.read",
				 .object_type = out->exists ? "care_plan" : "episode",
				 .object_id = out->exists ? out->cp.id : episode_id,
				 .person_id = out->person.id,
				 .reason = why};
	if ((err = store_commit(c)))
		return err;
	return audit_read(c, who, &ev, now_ms);
fail:
	store_rollback(c);
	return err;
}

/* ---- writing ------------------------------------------------------------------ */

static int64_t next_position(const struct plan_record *rec, enum plan_section s)
{
	int64_t p = 0;
	for (size_t i = 0; i < rec->n_items; i++)
		if (rec->items[i].section == s && rec->items[i].position >= p)
			p = rec->items[i].position + 1;
	return p;
}

static int64_t num(const char *s)
{
	int64_t n = 0;
	return s && !str_to_i64(s, INT64_MIN + 1, INT64_MAX, &n) ? n : 0;
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static enum cp_err write_goal(struct store_conn *c, int64_t plan_id, const struct plan_item *it, int64_t *id)
{
	struct store_plan_goal g = {.id = it->id, .plan_id = plan_id, .position = it->position,
				    .title = it->v[PLF_GOAL_TITLE], .status = it->v[PLF_GOAL_STATUS],
				    .target_date = it->v[PLF_GOAL_TARGET], .has_gas = it->v[PLF_GOAL_GAS_BASELINE] != NULL,
				    .gas_baseline = (int)num(it->v[PLF_GOAL_GAS_BASELINE])};
	for (int i = 0; i < STORE_GAS_LEVELS; i++)
		g.gas[i] = it->v[PLF_GOAL_GAS_M2 + i];
	if (it->id) {
		*id = it->id;
		return store_plan_goal_update(c, &g);
	}
	return store_plan_goal_insert(c, &g, id);
}

static enum cp_err write_action(struct store_conn *c, const struct plan_record *rec, int64_t plan_id,
				const struct plan_item *it, int64_t *id)
{
	const char *kind = it->v[PLF_ACTION_WHO];
	struct store_plan_action x = {.id = it->id, .plan_id = plan_id, .goal_id = num(it->v[PLF_ACTION_GOAL]),
				      .position = it->position, .what = it->v[PLF_ACTION_WHAT], .who_kind = kind,
				      .who_user_id = num(it->v[PLF_ACTION_WHO_USER]),
				      .who_contact_id = num(it->v[PLF_ACTION_WHO_CARER]),
				      .who_name = it->v[PLF_ACTION_WHO_NAME], .due_date = it->v[PLF_ACTION_DUE],
				      .rrule = it->v[PLF_ACTION_RRULE], .status = it->v[PLF_ACTION_STATUS],
				      .confidence = it->v[PLF_ACTION_CONFIDENCE] ? (int)num(it->v[PLF_ACTION_CONFIDENCE]) : -1};
	/* Keep the name of whoever does it beside the id, for other pages. */
	if (x.who_user_id)
		x.who_name = plan_ref_name(rec->users, rec->refs.n_users, x.who_user_id);
	if (x.who_contact_id)
		x.who_name = plan_ref_name(rec->carers, rec->refs.n_carers, x.who_contact_id);
	if (it->id) {
		*id = it->id;
		return store_plan_action_update(c, &x);
	}
	return store_plan_action_insert(c, &x, id);
}

static enum cp_err write_generic(struct store_conn *c, struct arena *a, int64_t plan_id, const struct plan_item *it,
				 int64_t *id)
{
	enum plan_field f0, f1;
	plan_section_fields(it->section, &f0, &f1);
	struct store_plan_value *vals = arena_zalloc(a, ((size_t)(f1 - f0) + 1) * sizeof *vals);
	if (!vals)
		return CP_ENOMEM;
	struct store_plan_item s = {.id = it->id, .plan_id = plan_id, .section = plan_section_code(it->section),
				    .position = it->position, .values = vals};
	for (enum plan_field f = f0; f < f1; f++)
		if (it->v[f])
			vals[s.n_values++] = (struct store_plan_value){plan_field(f)->name, it->v[f]};
	if (it->id) {
		*id = it->id;
		return store_plan_item_update(c, &s);
	}
	return store_plan_item_insert(c, &s, id);
}

/* Sets the agreement of cp from it (see plan_save for the review date). */
static void agree(struct store_care_plan *cp, const struct plan_item *it, char next[CALDATE_STR])
{
	int interval = (int)num(it->v[PLF_AGREE_INTERVAL]);
	const char *given = it->v[PLF_AGREE_REVIEW_DATE];
	bool recompute = strcmp(cp->status, "agreed") != 0 || !cp->next_review_date ||
			 interval != cp->review_interval_days || !same(given, cp->review_date);
	cp->status = "agreed";
	cp->agreed_with = it->v[PLF_AGREE_WITH];
	cp->agreed_by_name = it->v[PLF_AGREE_NAME];
	cp->agreed_date = it->v[PLF_AGREE_DATE];
	cp->review_interval_days = interval;
	cp->review_date = given;
	cp->review_by_user_id = num(it->v[PLF_AGREE_REVIEWER]);
	if (!recompute)
		return;
	if (given)
		cp->next_review_date = given;
	else if (plan_next_review(cp->agreed_date, interval, next, CALDATE_STR) == CP_OK)
		cp->next_review_date = next;
}

enum cp_err plan_new_version(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, bool bump)
{
	struct plan_record rec;
	enum cp_err err = load(c, a, episode_id, &rec);
	if (err)
		return err;
	if (!rec.exists)
		return CP_ENOTFOUND;
	if (bump) {
		struct store_care_plan cp = rec.cp;
		cp.version = rec.cp.version + 1;
		cp.updated_ms = now_ms;
		cp.updated_by_user_id = who->user_id;
		if ((err = store_plan_update(c, &cp, rec.cp.version)))
			return err;
		rec.cp.version = cp.version;
	}
	char *snap = plan_snapshot(a, rec.cp.status, rec.items, rec.n_items, &rec.refs);
	if (!snap)
		return CP_ENOMEM;
	struct store_plan_version v = {.plan_id = rec.cp.id, .version = rec.cp.version, .saved_ms = now_ms,
				       .user_id = who->user_id, .status = rec.cp.status, .snapshot = snap};
	return store_plan_version_insert(c, &v);
}

/* Refuses a save on an ended episode or against an old version; true when
 * it may go on. */
static bool may_change(const struct plan_record *rec, int64_t expected_version, struct plan_result *res,
		       struct arena *a, enum cp_err *err)
{
	if (rec->read_only) {
		say(res, "This episode has ended, so its plan can no longer change. Start a new episode to plan again.");
		*err = CP_EINVAL;
		return false;
	}
	int64_t current = rec->exists ? rec->cp.version : 0;
	if (expected_version >= 0 && expected_version != current) {
		char hhmm[6];
		plan_london_hhmm(rec->cp.updated_ms, hhmm);
		const char *by = rec->cp.updated_by_name ? rec->cp.updated_by_name : "Someone else";
		if (res) {
			snprintf(res->msg, sizeof res->msg,
				 "%s saved this plan at %s (version %lld), after you opened this form. Your changes are "
				 "below and have not been saved: check the plan as it is now, then save again.",
				 by, hhmm, (long long)current);
			res->saved_ms = rec->cp.updated_ms;
			res->saved_by = arena_strdup(a, by);
			res->version = current;
		}
		*err = CP_ECONFLICT;
		return false;
	}
	return true;
}

enum cp_err plan_apply(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		       int64_t episode_id, enum plan_section s, int64_t item_id, int64_t expected_version,
		       const struct plan_input *in, bool new_version, struct person_errors *errs,
		       struct plan_result *res)
{
	errs->n = 0;
	struct plan_record rec;
	enum cp_err err = load(c, a, episode_id, &rec);
	if (err)
		return err;
	if ((unsigned)s >= PLS__MAX)
		return CP_ENOTFOUND;
	const struct plan_item *old = NULL;
	if (plan_section_single(s) || item_id) {
		old = plan_find(&rec, s, item_id);
		if (!old && item_id)
			return CP_ENOTFOUND;
	}
	if (!may_change(&rec, expected_version, res, a, &err))
		return err;
	struct plan_item it;
	if ((err = plan_validate(a, s, in, &rec.refs, now_ms, &it, errs)))
		return err;
	it.id = plan_section_single(s) ? (old ? old->id : 0) : item_id;
	it.position = old ? old->position : next_position(&rec, s);
	bool created = !rec.exists;
	if (created) {
		rec.cp = (struct store_care_plan){.episode_id = episode_id, .status = "draft", .version = 1,
						  .created_ms = now_ms, .updated_ms = now_ms,
						  .updated_by_user_id = who->user_id};
		if ((err = store_plan_insert(c, &rec.cp, &rec.cp.id)))
			return err;
	}
	int64_t id = 0;
	char next[CALDATE_STR];
	if (s == PLS_GOAL) {
		err = write_goal(c, rec.cp.id, &it, &id);
	} else if (s == PLS_ACTION) {
		err = write_action(c, &rec, rec.cp.id, &it, &id);
	} else if (s == PLS_AGREE) {
		struct store_care_plan cp = rec.cp;
		agree(&cp, &it, next);
		cp.updated_ms = now_ms;
		cp.updated_by_user_id = who->user_id;
		err = store_plan_update(c, &cp, rec.cp.version);
	} else {
		err = write_generic(c, a, rec.cp.id, &it, &id);
	}
	if (err)
		return err;
	if (new_version && (err = plan_new_version(c, a, who, now_ms, episode_id, !created)))
		return err;
	if (!new_version)
		goto done; /* a batch: its closing version is audited by the caller */
	char why[48];
	snprintf(why, sizeof why, "%s%s", plan_section_code(s), created ? " (new plan)" : "");
	struct audit_event ev = {.action = s == PLS_AGREE ? "plan.agree" : "plan.save", .object_type = "care_plan",
				 .object_id = rec.cp.id, .person_id = rec.person.id, .reason = why};
	if ((err = audit_record(c, who, &ev, now_ms)))
		return err;
done:
	if (res) {
		res->item_id = id;
		res->version = created ? 1 : rec.cp.version + (new_version ? 1 : 0);
	}
	return CP_OK;
}

enum cp_err plan_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		      int64_t episode_id, enum plan_section s, int64_t item_id, int64_t expected_version,
		      const struct plan_input *in, struct person_errors *errs, struct plan_result *res)
{
	say(res, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	if ((err = plan_apply(c, a, who, now_ms, episode_id, s, item_id, expected_version < 0 ? 0 : expected_version,
			      in, true, errs, res))) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}

enum cp_err plan_remove(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, int64_t item_id, int64_t expected_version, struct plan_result *res)
{
	say(res, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct plan_record rec;
	if ((err = load(c, a, episode_id, &rec)))
		goto fail;
	const struct plan_item *it = NULL;
	for (size_t i = 0; i < rec.n_items && !it; i++)
		if (rec.items[i].id == item_id && !plan_section_single(rec.items[i].section) &&
		    rec.items[i].section != PLS_GOAL && rec.items[i].section != PLS_ACTION)
			it = &rec.items[i];
	if (!it) {
		err = CP_ENOTFOUND;
		goto fail;
	}
	if (!may_change(&rec, expected_version < 0 ? 0 : expected_version, res, a, &err))
		goto fail;
	enum plan_section s = it->section;
	if ((err = store_plan_item_delete(c, item_id)) || (err = plan_new_version(c, a, who, now_ms, episode_id, true)))
		goto fail;
	struct audit_event ev = {.action = "plan.remove", .object_type = "care_plan", .object_id = rec.cp.id,
				 .person_id = rec.person.id, .reason = plan_section_code(s)};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	if (res)
		res->version = rec.cp.version + 1;
	return store_commit(c);
fail:
	store_rollback(c);
	return err;
}

enum cp_err plan_compare(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t episode_id, int64_t from, int64_t to, struct plan_record *rec,
			 struct plan_comparison *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	if ((err = load(c, a, episode_id, rec)))
		goto fail;
	if (!rec->exists) {
		err = CP_ENOTFOUND;
		goto fail;
	}
	if ((err = store_plan_version_get(c, a, rec->cp.id, from, &out->from)) ||
	    (err = store_plan_version_get(c, a, rec->cp.id, to, &out->to)) ||
	    (err = plan_diff(a, out->from.snapshot, out->to.snapshot, &out->changes, &out->n)))
		goto fail;
	char why[64];
	snprintf(why, sizeof why, "plan compare %lld-%lld", (long long)from, (long long)to);
	struct audit_event ev = {.action = "plan.read", .object_type = "care_plan", .object_id = rec->cp.id,
				 .person_id = rec->person.id, .reason = why};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	return store_commit(c);
fail:
	store_rollback(c);
	return err;
}

enum cp_err plan_carry_forward(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t previous_id, int64_t new_id)
{
	struct plan_record old;
	enum cp_err err = load(c, a, previous_id, &old);
	if (err)
		return err;
	if (!old.exists)
		return CP_OK;
	struct store_care_plan cp = {.episode_id = new_id, .status = "draft", .version = 1,
				     .carried_from_plan_id = old.cp.id, .created_ms = now_ms, .updated_ms = now_ms,
				     .updated_by_user_id = who->user_id};
	if ((err = store_plan_insert(c, &cp, &cp.id)))
		return err;
	/* Goals first, so actions and spend lines can point at their copies. */
	int64_t *map_from = arena_zalloc(a, (old.n_items + 1) * sizeof *map_from);
	int64_t *map_to = arena_zalloc(a, (old.n_items + 1) * sizeof *map_to);
	if (!map_from || !map_to)
		return CP_ENOMEM;
	size_t nmap = 0;
	for (size_t i = 0; i < old.n_items; i++) {
		struct plan_item it = old.items[i];
		if (it.section != PLS_GOAL)
			continue;
		int64_t was = it.id, id = 0;
		it.id = 0;
		if ((err = write_goal(c, cp.id, &it, &id)))
			return err;
		map_from[nmap] = was;
		map_to[nmap++] = id;
	}
	for (size_t i = 0; i < old.n_items; i++) {
		struct plan_item it = old.items[i];
		if (it.section == PLS_GOAL || it.section == PLS_AGREE)
			continue;
		enum plan_field gf = it.section == PLS_ACTION ? PLF_ACTION_GOAL : it.section == PLS_SPEND ? PLF_SPEND_GOAL : PLF__MAX;
		if (gf < PLF__MAX && it.v[gf]) {
			int64_t g = num(it.v[gf]);
			it.v[gf] = NULL;
			for (size_t k = 0; k < nmap; k++)
				if (map_from[k] == g)
					it.v[gf] = i64s(a, map_to[k]);
		}
		it.id = 0;
		int64_t id = 0;
		err = it.section == PLS_ACTION ? write_action(c, &old, cp.id, &it, &id) : write_generic(c, a, cp.id, &it, &id);
		if (err)
			return err;
	}
	if ((err = plan_new_version(c, a, who, now_ms, new_id, false)))
		return err;
	struct audit_event ev = {.action = "plan.carry_forward", .object_type = "care_plan", .object_id = cp.id,
				 .person_id = old.person.id, .reason = "re-entry"};
	return audit_record(c, who, &ev, now_ms);
}
