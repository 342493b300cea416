/*
 * referral.c - signposts, referrals, their statuses, the worklist and the
 * activities pack (referral.h).
 */
#include "referral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "access.h"
#include "assess.h"
#include "caldate.h"
#include "directory.h"
#include "episode.h"
#include "recur.h"
#include "review.h"
#include "share.h"

#include "../util/buf.h"
#include "../util/str.h"

#define MS_PER_DAY 86400000LL

/* ---- statuses and moves --------------------------------------------------- */

static const struct {
	const char *code, *label;
	bool open;
} STATUS[REF__MAX] = {
#define REF_STATUS(e, c, l, o) [REF_##e] = {c, l, o},
#include "referral.def"
};

static const struct {
	enum ref_status from, to;
	const char *label;
} MOVES[] = {
#define REF_MOVE(f, t, l) {REF_##f, REF_##t, l},
#include "referral.def"
};

#define N_MOVES (sizeof MOVES / sizeof MOVES[0])

const char *ref_status_code(enum ref_status s)
{
	return (unsigned)s < REF__MAX ? STATUS[s].code : "";
}

const char *ref_status_label(enum ref_status s)
{
	return (unsigned)s < REF__MAX ? STATUS[s].label : "";
}

enum ref_status ref_status_from_code(const char *code)
{
	for (int s = 0; code && s < REF__MAX; s++)
		if (strcmp(code, STATUS[s].code) == 0)
			return (enum ref_status)s;
	return REF__MAX;
}

bool ref_status_open(enum ref_status s)
{
	return (unsigned)s < REF__MAX && STATUS[s].open;
}

const char *ref_move_label(enum ref_status from, enum ref_status to)
{
	for (size_t i = 0; i < N_MOVES; i++)
		if (MOVES[i].from == from && MOVES[i].to == to)
			return MOVES[i].label;
	return NULL;
}

bool ref_move_allowed(enum ref_status from, enum ref_status to)
{
	return ref_move_label(from, to) != NULL;
}

size_t ref_moves_from(enum ref_status from, enum ref_status out[REF__MAX])
{
	size_t n = 0;
	for (size_t i = 0; i < N_MOVES && n < REF__MAX; i++)
		if (MOVES[i].from == from)
			out[n++] = MOVES[i].to;
	return n;
}

/* ---- small helpers ----------------------------------------------------------- */

static enum cp_err audited_read(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
				const char *action, const char *type, int64_t id, int64_t person_id, const char *why)
{
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .person_id = person_id,
				 .reason = why};
	return audit_read(c, who, &ev, now_ms);
}

/* An id typed: 0 when empty, -1 when not a positive whole number. */
static int64_t id_of(const char *s)
{
	int64_t v = 0;
	if (!s || !*s)
		return 0;
	return str_to_i64(s, 1, INT64_MAX, &v) ? -1 : v;
}

static bool episode_ended(const struct store_episode *ep)
{
	return !episode_stage_open(episode_stage_from_code(ep->stage));
}

/* ---- the search -------------------------------------------------------------- */

enum cp_err ref_search_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t episode_id, const struct ref_search_input *in, bool show_needs,
			    struct ref_search *out, struct person_errors *errs, const char **msg)
{
	memset(out, 0, sizeof *out);
	memset(errs, 0, sizeof *errs);
	*msg = NULL;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	const char *q = form_clean(&v, in->q);
	const char *domain = form_clean(&v, in->domain);
	const char *need = form_clean(&v, in->need);
	int64_t action = id_of(in->action);
	if (q && utf8_count(q, strlen(q)) > REF_QUERY_MAX)
		form_error(&v, "q", "What to search for must be 200 characters or fewer");
	if (domain && assess_domain_from_code(domain) == ADOMAIN__MAX)
		form_error(&v, "domain", "Choose a need from the list");
	if (need && assess_domain_from_code(need) == ADOMAIN__MAX)
		form_error(&v, "need", "The need this search is for is not one of the assessment's");
	if (action < 0)
		form_error(&v, "action", "The action this search is for is not a plan action");
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_episode_get(c, a, episode_id, &out->ep);
	if (!err)
		err = store_person_get(c, a, out->ep.person_id, &out->person);
	if (!err && action) {
		err = store_sref_action_of(c, a, action, episode_id, &out->action_what);
		if (err == CP_ENOTFOUND)
			*msg = "There is no such action in this person's plan.";
	}
	if (!err && show_needs)
		err = store_sref_needs_of(c, a, episode_id, ADOMAIN__MAX, &out->needs, &out->n_needs);
	/* With nothing typed, the search starts from what it is for. */
	if (!err && !q && !domain && in->q == NULL && in->domain == NULL) {
		if (out->action_what)
			q = out->action_what;
		else if (need)
			domain = need;
	}
	/* The directory's own search, ranked as the directory page ranks,
	 * for services running now; any word may match. */
	struct store_dir_query dq = {.domain = domain, .active_only = true};
	if (!err && dir_fts_query_any(a, q, REF_QUERY_TERMS, &dq.match))
		err = CP_ENOMEM;
	out->q = q;
	out->domain = domain;
	out->free_only = dq.free_only = in->free && strcmp(in->free, "1") == 0;
	out->searched = dq.match || domain;
	int64_t total = 0;
	if (!err && out->searched)
		err = store_dir_search(c, a, &dq, REF_RESULTS_MAX, &out->hits, &out->n_hits, &total);
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	out->action_id = action;
	out->need = need;
	out->read_only = episode_ended(&out->ep);
	return audited_read(c, who, now_ms, "referral.search", "episode", episode_id, out->ep.person_id,
			    out->searched ? "directory search" : "search page");
}

/* ---- signposting and referring ---------------------------------------------- */

enum cp_err ref_validate(struct arena *a, int64_t now_ms, const struct ref_input *in, struct store_sref *out,
			 struct person_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	const char *kind = form_clean(&v, in->kind);
	const char *reason = form_clean(&v, in->reason);
	const char *date = form_clean(&v, in->referral_date);
	const char *need = form_clean(&v, in->need);
	int64_t service = id_of(in->service), action = id_of(in->action);
	bool referral = kind && strcmp(kind, "referral") == 0;
	if (!kind || (!referral && strcmp(kind, "signpost") != 0))
		form_error(&v, "kind", "Choose whether to signpost or to refer");
	if (service <= 0)
		form_error(&v, "service", "Choose a service from the directory");
	if (action < 0)
		form_error(&v, "action", "The action this is for is not a plan action");
	if (need && assess_domain_from_code(need) == ADOMAIN__MAX)
		form_error(&v, "need", "The need this is for is not one of the assessment's");
	if (referral && !reason)
		form_error(&v, "reason", "Enter the reason for the referral");
	else if (reason && utf8_count(reason, strlen(reason)) > REF_REASON_MAX)
		form_error(&v, "reason", "The reason must be 1000 characters or fewer");
	struct caldate today = review_today(now_ms), d = today;
	char iso[CALDATE_STR];
	if (date) {
		char m[CALDATE_MSG_MAX];
		if (caldate_parse(date, "Date of the referral", &d, m, sizeof m) != CP_OK)
			form_error(&v, "referral_date", arena_strdup(a, m));
		else if (caldate_to_days(d) > caldate_to_days(today))
			form_error(&v, "referral_date", "Date of the referral must be today or in the past");
	}
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	caldate_format(d, iso, sizeof iso);
	out->kind = referral ? "referral" : "signpost";
	out->status = referral ? ref_status_code(REF_SENT) : ref_status_code(REF_GIVEN);
	out->service_id = service;
	out->plan_action_id = action;
	out->need = need;
	out->reason = reason ? reason : "";
	out->referral_date = arena_strdup(a, iso);
	out->outcome = "";
	return out->referral_date ? CP_OK : CP_ENOMEM;
}

enum cp_err ref_create(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		       int64_t episode_id, const struct ref_input *in, struct person_errors *errs, const char **msg,
		       int64_t *id)
{
	*msg = NULL;
	*id = 0;
	struct store_sref r = {0};
	enum cp_err err = ref_validate(a, now_ms, in, &r, errs);
	if (err)
		return err;
	r.episode_id = episode_id;
	r.created_by = who->user_id;
	r.created_ms = now_ms;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	if ((err = store_begin(c)))
		return err;
	struct store_episode ep = {0};
	struct store_dir_entry *svc = arena_zalloc(a, sizeof *svc);
	if (!svc) {
		store_rollback(c);
		return CP_ENOMEM;
	}
	err = store_episode_get(c, a, episode_id, &ep);
	if (!err && episode_ended(&ep)) {
		*msg = "This episode has ended, so nothing new can be arranged from it.";
		err = CP_EINVAL;
	}
	if (!err) {
		err = store_dir_entry_get(c, a, r.service_id, svc);
		if (err == CP_ENOTFOUND || (!err && strcmp(svc->svc.status, "active") != 0)) {
			form_error(&v, "service", "Choose a service that is in the directory and running now");
			err = CP_EINVAL;
		}
	}
	if (!err && r.plan_action_id) {
		const char *what = NULL;
		err = store_sref_action_of(c, a, r.plan_action_id, episode_id, &what);
		if (err == CP_ENOTFOUND) {
			form_error(&v, "action", "The action this is for is not in this person's plan");
			err = CP_EINVAL;
		}
	}
	if (!err && v.oom)
		err = CP_ENOMEM;
	if (!err)
		err = store_sref_insert(c, &r, id);
	if (!err) {
		struct store_sref_event e = {.referral_id = *id, .to_status = r.status, .user_id = who->user_id,
					     .time_ms = now_ms, .note = r.reason};
		err = store_sref_event_insert(c, &e);
	}
	bool referral = strcmp(r.kind, "referral") == 0;
	struct audit_event ev = {.action = referral ? "referral.create" : "signpost.give",
				 .object_type = "referral", .object_id = *id, .person_id = ep.person_id,
				 .reason = referral ? "referred to a service" : "information given"};
	err = audit_finish(c, who, &ev, now_ms, err);
	if (err)
		*id = 0;
	return err;
}

enum cp_err ref_change(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		       int64_t id, const struct ref_change_input *in, struct person_errors *errs, const char **msg)
{
	memset(errs, 0, sizeof *errs);
	*msg = NULL;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	const char *to_code = form_clean(&v, in->status);
	const char *note = form_clean(&v, in->note);
	const char *outcome = form_clean(&v, in->outcome);
	int64_t version = 0;
	enum ref_status to = ref_status_from_code(to_code);
	if (!to_code)
		form_error(&v, "status", "Choose what has happened with the referral");
	else if (to == REF__MAX || to == REF_GIVEN)
		form_error(&v, "status", "Choose what has happened from the list");
	if (note && utf8_count(note, strlen(note)) > REF_REASON_MAX)
		form_error(&v, "note", "The note must be 1000 characters or fewer");
	if (outcome && utf8_count(outcome, strlen(outcome)) > REF_REASON_MAX)
		form_error(&v, "outcome", "What came of it must be 1000 characters or fewer");
	if (!in->version || str_to_i64(in->version, 1, INT64_MAX, &version))
		form_error(&v, "version", "The form did not say which version of the referral it changes: go back, "
					  "reload the page and try again");
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_sref r = {0};
	struct store_episode ep = {0};
	err = store_sref_get(c, a, id, &r);
	if (!err)
		err = store_episode_get(c, a, r.episode_id, &ep);
	enum ref_status from = err ? REF__MAX : ref_status_from_code(r.status);
	if (!err && from == REF_GIVEN) {
		*msg = "This is a signpost (information given): it has no status to change.";
		err = CP_EINVAL;
	} else if (!err && episode_ended(&ep)) {
		*msg = "This episode has ended, so its referrals can be read but not changed.";
		err = CP_EINVAL;
	} else if (!err && r.version != version) {
		*msg = "Someone else changed this referral after you opened the page. Its status is shown as it is "
		       "now: check it, then record what has happened again.";
		err = CP_ECONFLICT;
	} else if (!err && !ref_move_allowed(from, to)) {
		form_error(&v, "status",
			   arena_printf(a, "A referral that is \"%s\" cannot become \"%s\": choose one of the choices "
					   "shown",
					ref_status_label(from), ref_status_label(to)));
		err = v.oom ? CP_ENOMEM : CP_EINVAL;
	}
	if (!err)
		err = store_sref_set_status(c, id, version, ref_status_code(to), outcome ? outcome : r.outcome, now_ms);
	if (err == CP_ECONFLICT && !*msg)
		*msg = "Someone else changed this referral after you opened the page. Check it, then try again.";
	if (!err) {
		struct store_sref_event e = {.referral_id = id, .from_status = r.status, .to_status = ref_status_code(to),
					     .user_id = who->user_id, .time_ms = now_ms, .note = note ? note : ""};
		err = store_sref_event_insert(c, &e);
	}
	struct audit_event ev = {.action = "referral.status", .object_type = "referral", .object_id = id,
				 .person_id = ep.person_id, .reason = ref_status_code(to)};
	return audit_finish(c, who, &ev, now_ms, err);
}

/* ---- reading ----------------------------------------------------------------------- */

enum cp_err ref_read_one(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t id, struct ref_one *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	struct store_episode ep;
	err = store_sref_get(c, a, id, &out->r);
	if (!err)
		err = store_episode_get(c, a, out->r.episode_id, &ep);
	if (!err)
		err = store_sref_event_list(c, a, id, REF_EVENTS_MAX, &out->events, &out->n_events);
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	out->read_only = episode_ended(&ep);
	return audited_read(c, who, now_ms, "referral.read", "referral", id, out->r.person_id, "referral page");
}

enum cp_err ref_episode_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, const char *why, struct ref_episode *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_episode_get(c, a, episode_id, &out->ep);
	if (!err)
		err = store_person_get(c, a, out->ep.person_id, &out->person);
	if (!err)
		err = store_sref_list_episode(c, a, episode_id, REF_LIST_MAX, &out->refs, &out->n);
	if (!err)
		err = store_sref_event_list_episode(c, a, episode_id, REF_EVENTS_MAX, &out->events, &out->n_events);
	if (!err)
		err = store_sref_needs_of(c, a, episode_id, ADOMAIN__MAX, &out->needs, &out->n_needs);
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	out->read_only = episode_ended(&out->ep);
	return audited_read(c, who, now_ms, "referral.read", "episode", episode_id, out->ep.person_id, why);
}

enum cp_err ref_form_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  int64_t episode_id, int64_t service_id, struct store_episode *ep, struct store_person *person,
			  struct store_dir_entry *svc, bool *svc_missing)
{
	*svc_missing = false;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_episode_get(c, a, episode_id, ep);
	if (!err)
		err = store_person_get(c, a, ep->person_id, person);
	if (!err) {
		err = store_dir_entry_get(c, a, service_id, svc);
		*svc_missing = err == CP_ENOTFOUND;
	}
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	return audited_read(c, who, now_ms, "referral.read", "episode", episode_id, ep->person_id, "referral form");
}

/* ---- the worklist ------------------------------------------------------------------- */

/* Whether user may see person_id's goals and actions now. */
static enum cp_err may_see_goals(struct store_conn *c, const struct store_user *user, int64_t now_ms,
				 int64_t person_id, bool *ok)
{
	enum access_basis b = ACCESS_NONE;
	unsigned mask = 0;
	*ok = false;
	enum cp_err err = access_to_person(c, user, now_ms, person_id, &b);
	if (!err && b != ACCESS_NONE)
		err = share_visible_sections(c, user, b, person_id, &mask);
	if (!err)
		*ok = (mask & SHARE_BIT(SHARE_GOALS)) != 0;
	return err;
}

enum cp_err ref_worklist_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      const struct store_user *user, struct ref_worklist *out)
{
	memset(out, 0, sizeof *out);
	struct store_sref *rows = NULL;
	size_t n = 0;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	err = store_sref_worklist(c, a, user->id, user->team_id, now_ms - REF_RECENT_DAYS * MS_PER_DAY,
				  REF_WORKLIST_MAX + 1, &rows, &n);
	if (!err && n > REF_WORKLIST_MAX) {
		out->truncated = true;
		n = REF_WORKLIST_MAX;
	}
	for (int g = 0; !err && g < RG__MAX; g++) {
		out->items[g] = arena_zalloc(a, (n ? n : 1) * sizeof *out->items[g]);
		if (!out->items[g])
			err = CP_ENOMEM;
	}
	/* Who may be shown: one check per person, remembered. */
	int64_t *seen = arena_zalloc(a, (n ? n : 1) * sizeof *seen);
	bool *seen_ok = arena_zalloc(a, (n ? n : 1) * sizeof *seen_ok);
	size_t n_seen = 0;
	if (!err && (!seen || !seen_ok))
		err = CP_ENOMEM;
	for (size_t i = 0; !err && i < n; i++) {
		const struct store_sref *r = &rows[i];
		size_t k = 0;
		while (k < n_seen && seen[k] != r->person_id)
			k++;
		if (k == n_seen) {
			seen[k] = r->person_id;
			if ((err = may_see_goals(c, user, now_ms, r->person_id, &seen_ok[k])))
				break;
			n_seen++;
		}
		if (!seen_ok[k])
			continue;
		enum ref_status s = ref_status_from_code(r->status);
		enum ref_group g = s == REF_SENT ? RG_WAITING : s == REF_ACCEPTED ? RG_ACCEPTED : s == REF_DNA ? RG_DNA
												       : RG_RECENT;
		int64_t days = (now_ms - r->status_ms) / MS_PER_DAY;
		out->items[g][out->n[g]++] = (struct ref_work_item){.r = r, .days = days < 0 ? 0 : (int)days};
	}
	if (err) {
		store_rollback(c);
		memset(out, 0, sizeof *out);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	/* Outcomes newest first; the rest came oldest first. */
	struct ref_work_item *rec = out->items[RG_RECENT];
	for (size_t i = 0, j = out->n[RG_RECENT]; i + 1 < j; i++, j--) {
		struct ref_work_item t = rec[i];
		rec[i] = rec[j - 1];
		rec[j - 1] = t;
	}
	return audited_read(c, who, now_ms, "worklist.read", "user", user->id, 0, "referrals");
}

/* ---- the activities pack ------------------------------------------------------------- */

const char *pack_when(struct arena *a, const struct store_dir_schedule *s)
{
	char words[RECUR_SUMMARY_MAX] = "";
	if (s->rrule) {
		struct recur_rule rule;
		char m[RECUR_MSG_MAX];
		if (recur_parse(s->rrule, &rule, m, sizeof m) == CP_OK && !recur_summary(&rule, words, sizeof words))
			words[0] = '\0'; /* not in words: the rule's text would mean nothing to the person */
	}
	const char *times = NULL;
	if (s->opens_at && s->closes_at)
		times = arena_printf(a, "%s to %s", s->opens_at, s->closes_at);
	else if (s->opens_at)
		times = arena_printf(a, "from %s", s->opens_at);
	const char *desc = s->description && *s->description ? s->description : NULL;
	struct buf b;
	buf_init(&b, 1024);
	if (words[0])
		buf_add(&b, words, strlen(words));
	if (times) {
		if (b.len)
			buf_add(&b, ", ", 2);
		buf_add(&b, times, strlen(times));
	}
	if (desc) {
		if (b.len)
			buf_add(&b, ". ", 2);
		buf_add(&b, desc, strlen(desc));
	}
	const char *out = !b.err && b.len ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	return out;
}

static const char *join(struct arena *a, const char *const *parts, size_t n, const char *sep)
{
	struct buf b;
	buf_init(&b, 2048);
	for (size_t i = 0; i < n; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (b.len)
			buf_add(&b, sep, strlen(sep));
		buf_add(&b, parts[i], strlen(parts[i]));
	}
	const char *out = !b.err && b.len ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	return out;
}

const char *ref_cost_words(struct arena *a, const struct store_dir_entry *e)
{
	const struct store_dir_service *s = &e->svc;
	if (s->fees && *s->fees) {
		if (s->free && strncasecmp(s->fees, "free", 4) != 0)
			return arena_printf(a, "Free. %s", s->fees);
		return s->fees;
	}
	if (s->free)
		return "Free";
	const char *parts[PACK_PARTS_MAX] = {0};
	size_t m = 0;
	for (size_t i = 0; i < e->n_cost && m < PACK_PARTS_MAX; i++) {
		const struct store_dir_cost *k = &e->cost[i];
		if (!k->amount || strtod(k->amount, NULL) == 0.0)
			continue;
		if (k->amount_description && *k->amount_description)
			parts[m++] = arena_printf(a, "£%s for %s", k->amount, k->amount_description);
		else if (k->option && *k->option)
			parts[m++] = arena_printf(a, "%s: £%s", k->option, k->amount);
		else
			parts[m++] = arena_printf(a, "£%s", k->amount);
	}
	const char *w = join(a, parts, m, ". ");
	return w ? w : "Ask the service";
}

/* Ways to get in touch, one line each. */
static enum cp_err contact_lines(struct arena *a, const struct store_dir_entry *e, struct pack_service *out)
{
	const struct store_dir_service *s = &e->svc;
	const struct store_dir_contact *k = e->contact;
	size_t n = e->n_contact;
	const char **lines = arena_zalloc(a, (n + 3) * sizeof *lines);
	if (!lines)
		return CP_ENOMEM;
	size_t m = 0;
	const char *phone = s->phone ? s->phone : e->org.phone;
	const char *email = s->email ? s->email : e->org.email;
	const char *url = s->url ? s->url : e->org.url;
	if (phone)
		lines[m++] = arena_printf(a, "Phone: %s", phone);
	if (email)
		lines[m++] = arena_printf(a, "Email: %s", email);
	if (url)
		lines[m++] = arena_printf(a, "Website: %s", url);
	for (size_t i = 0; i < n; i++) {
		const char *who = *k[i].title ? arena_printf(a, "%s (%s)", *k[i].name ? k[i].name : "Contact", k[i].title)
					      : (*k[i].name ? k[i].name : "Contact");
		const char *bits[2] = {k[i].phone, k[i].email};
		const char *how = join(a, bits, 2, ", ");
		if (how)
			lines[m++] = arena_printf(a, "%s: %s", who, how);
	}
	for (size_t i = 0; i < m; i++)
		if (!lines[i])
			return CP_ENOMEM;
	out->contact = lines;
	out->n_contact = m;
	return CP_OK;
}

static enum cp_err pack_service_read(struct store_conn *c, struct arena *a, int64_t id, struct pack_service *ps)
{
	enum cp_err err = store_dir_entry_get(c, a, id, &ps->e);
	if (err)
		return err;
	const struct store_dir_entry *e = &ps->e;
	ps->where = arena_zalloc(a, (e->n_loc ? e->n_loc : 1) * sizeof *ps->where);
	ps->when = arena_zalloc(a, (e->n_sched ? e->n_sched : 1) * sizeof *ps->when);
	if (!ps->where || !ps->when)
		return CP_ENOMEM;
	for (size_t i = 0; i < e->n_loc; i++) {
		const struct store_dir_location *l = &e->loc[i];
		const char *bits[4] = {l->name, l->address, l->town, l->postcode};
		const char *w = join(a, bits, 4, ", ");
		if (w)
			ps->where[ps->n_where++] = w;
	}
	for (size_t i = 0; i < e->n_sched; i++) {
		const char *w = pack_when(a, &e->sched[i]);
		if (w)
			ps->when[ps->n_when++] = w;
	}
	ps->cost = ref_cost_words(a, e);
	return contact_lines(a, e, ps);
}

enum cp_err pack_read(struct store_conn *c, struct arena *a, int64_t now_ms, int64_t episode_id,
		      const int64_t *ids, size_t n, struct pack *out, const char **msg)
{
	memset(out, 0, sizeof *out);
	*msg = NULL;
	if (!n) {
		*msg = "Choose at least one service for the pack.";
		return CP_EINVAL;
	}
	if (n > PACK_SERVICES_MAX) {
		*msg = "A pack can hold at most 20 services: choose fewer.";
		return CP_EINVAL;
	}
	out->s = arena_zalloc(a, n * sizeof *out->s);
	if (!out->s)
		return CP_ENOMEM;
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	struct store_episode ep;
	struct store_person p;
	err = store_episode_get(c, a, episode_id, &ep);
	if (!err)
		err = store_person_get(c, a, ep.person_id, &p);
	for (size_t i = 0; !err && i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = ids[j] == ids[i];
		if (seen)
			continue;
		err = pack_service_read(c, a, ids[i], &out->s[out->n]);
		if (err == CP_ENOTFOUND) {
			*msg = "One of the services chosen is not in the directory. Go back and choose again.";
			err = CP_EINVAL;
		}
		if (!err)
			out->n++;
	}
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	const char *given = p.preferred_name && *p.preferred_name ? p.preferred_name : p.given_name;
	out->person_name = arena_printf(a, "%s %s", given ? given : "", p.family_name ? p.family_name : "");
	char day[CALDATE_HUMAN_MAX];
	caldate_format_human(review_today(now_ms), day, sizeof day);
	out->date = arena_strdup(a, day);
	return out->person_name && out->date ? CP_OK : CP_ENOMEM;
}

enum cp_err pack_mark(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t episode_id,
		      int64_t person_id, size_t n)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	char why[48];
	snprintf(why, sizeof why, "%zu service%s", n, n == 1 ? "" : "s");
	struct audit_event ev = {.action = "pack.print", .object_type = "episode", .object_id = episode_id,
				 .person_id = person_id, .reason = why};
	return audit_finish(c, who, &ev, now_ms, CP_OK);
}
