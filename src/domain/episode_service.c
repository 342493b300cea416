/*
 * episode_service.c - validating the forms of episodes and care teams, and
 * the audited, transactional operations on them (see episode_service.h).
 *
 * Each operation reads what it changes inside its transaction (which holds
 * the write lock, store_begin), so the checks and the write cannot be
 * overtaken; the history row and the audit row commit with the change.
 */
#include "episode_service.h"
#include "form.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "plan_service.h"
#include "review_exit.h"

static const struct {
	const char *name, *label;
	size_t max;
	const char *missing;
} fields[EF__MAX] = {
#define EPISODE_FIELD(e, name, label, max, missing) [EF_##e] = {#name, label, max, missing},
#include "episode_field.def"
#undef EPISODE_FIELD
};

static const char *const urgencies[][2] = {
	{"routine", "Routine"},
	{"soon", "Soon"},
	{"urgent", "Urgent"},
};

#define MS_PER_DAY 86400000LL

const char *episode_field_name(enum episode_field f)
{
	return (unsigned)f < EF__MAX ? fields[f].name : "";
}

const char *episode_field_label(enum episode_field f)
{
	return (unsigned)f < EF__MAX ? fields[f].label : "";
}

const char *episode_urgency_label(const char *code)
{
	for (size_t i = 0; code && i < sizeof urgencies / sizeof urgencies[0]; i++)
		if (strcmp(code, urgencies[i][0]) == 0)
			return urgencies[i][1];
	return "";
}

const char *careteam_member_name(const struct store_team_member *m)
{
	if (m->user_name)
		return m->user_name;
	return m->name ? m->name : "";
}

/* ---- validation ------------------------------------------------------------- */


/* A text field: trimmed, valid UTF-8 of at most max characters, required
 * when missing is set.  NULL when empty or wrong (the error is added). */
static char *text(struct form_check *v, const char *field, const char *label, size_t max, const char *raw,
		  const char *missing)
{
	char *s = form_clean(v, raw);
	if (!s) {
		if (missing)
			form_error(v, field, missing);
		return NULL;
	}
	size_t n = strlen(s);
	if (!utf8_text_valid(s, n)) {
		form_error(v, field, arena_printf(v->a, "%s must be text", label));
		return NULL;
	}
	if (utf8_count(s, n) > max) {
		form_error(v, field, arena_printf(v->a, "%s must be %zu characters or fewer", label, max));
		return NULL;
	}
	return s;
}

static void today(int64_t now_ms, struct caldate *d)
{
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	if (caldate_from_days((int)days, d) != CP_OK)
		*d = (struct caldate){1970, 1, 1};
}

static void today_text(int64_t now_ms, char out[16])
{
	struct caldate d;
	today(now_ms, &d);
	caldate_format(d, out, 16);
}

/* A date field: a real YYYY-MM-DD, and not after today when past_only. */
static char *date(struct form_check *v, const char *field, const char *label, const char *raw, const char *missing,
		  bool past_only, int64_t now_ms)
{
	char *s = form_clean(v, raw);
	if (!s) {
		if (missing)
			form_error(v, field, missing);
		return NULL;
	}
	struct caldate d;
	char msg[256];
	if (caldate_parse(s, label, &d, msg, sizeof msg) != CP_OK) {
		form_error(v, field, arena_strdup(v->a, msg));
		return NULL;
	}
	struct caldate t;
	today(now_ms, &t);
	if (past_only && caldate_to_days(d) > caldate_to_days(t)) {
		form_error(v, field, arena_printf(v->a, "%s must be today or in the past", label));
		return NULL;
	}
	return s;
}

static enum cp_err vresult(const struct form_check *v)
{
	if (v->oom)
		return CP_ENOMEM;
	return v->errs->n ? CP_EINVAL : CP_OK;
}

#define F(e) fields[EF_##e].name, fields[EF_##e].label, fields[EF_##e].max

static void consent_of(struct form_check *v, const struct episode_start_input *in, int by, int rep, int when, int scope,
		       const char *kind, int64_t now_ms, struct store_consent *out)
{
	out->kind = kind;
	const char *giver = in->v[by];
	if (giver && (strcmp(giver, "person") == 0 || strcmp(giver, "representative") == 0))
		out->given_by = strcmp(giver, "person") == 0 ? "person" : "representative";
	else
		form_error(v, fields[by].name, fields[by].missing);
	if (out->given_by && strcmp(out->given_by, "representative") == 0)
		out->representative = text(v, fields[rep].name, fields[rep].label, fields[rep].max, in->v[rep],
					   strcmp(kind, "assessment") == 0
						   ? "Enter the name of the representative who gave consent to assessment"
						   : "Enter the name of the representative who gave consent to sharing");
	out->given_date = date(v, fields[when].name, fields[when].label, in->v[when], fields[when].missing, true, now_ms);
	out->scope = text(v, fields[scope].name, fields[scope].label, fields[scope].max, in->v[scope],
			  fields[scope].missing);
}

enum cp_err episode_start_validate(struct arena *a, const struct episode_start_input *in, int64_t now_ms,
				   struct episode_start *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs};
	const char *origin = in->v[EF_ORIGIN];
	bool referral = origin && strcmp(origin, "referral") == 0;
	bool team = origin && strcmp(origin, "team") == 0;
	if (!referral && !team)
		form_error(&v, fields[EF_ORIGIN].name, fields[EF_ORIGIN].missing);
	out->referral.kind = referral ? "referral" : "team";
	if (referral) {
		out->referral.source = text(&v, F(SOURCE), in->v[EF_SOURCE], "Enter who referred them");
		const char *u = in->v[EF_URGENCY];
		for (size_t i = 0; u && i < sizeof urgencies / sizeof urgencies[0]; i++)
			if (strcmp(u, urgencies[i][0]) == 0)
				out->referral.urgency = urgencies[i][0];
		if (!out->referral.urgency)
			form_error(&v, fields[EF_URGENCY].name, "Select how urgent the referral is");
		out->referral.referral_date = date(&v, fields[EF_REFERRAL_DATE].name, fields[EF_REFERRAL_DATE].label,
						   in->v[EF_REFERRAL_DATE], "Enter the date of referral", true, now_ms);
	}
	out->referral.reason = text(&v, F(REASON), in->v[EF_REASON], fields[EF_REASON].missing);
	int64_t level = 0;
	if (!in->v[EF_LEVEL] || str_to_i64(in->v[EF_LEVEL], 1, 3, &level))
		form_error(&v, fields[EF_LEVEL].name, fields[EF_LEVEL].missing);
	consent_of(&v, in, EF_ASSESS_BY, EF_ASSESS_REP, EF_ASSESS_DATE, EF_ASSESS_SCOPE, "assessment", now_ms,
		   &out->consent[0]);
	consent_of(&v, in, EF_SHARE_BY, EF_SHARE_REP, EF_SHARE_DATE, EF_SHARE_SCOPE, "sharing", now_ms,
		   &out->consent[1]);
	out->ep.stage = episode_stage_code(STAGE_ENTRY);
	out->ep.level = (int)level;
	return vresult(&v);
}

enum cp_err team_member_validate(struct arena *a, const struct team_member_input *in,
				 const struct store_user *users, size_t n, struct store_team_member *out,
				 struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs};
	bool user = in->kind && strcmp(in->kind, "user") == 0;
	bool external = in->kind && strcmp(in->kind, "external") == 0;
	if (!user && !external)
		form_error(&v, "member_kind", "Select whether they are in the team or from outside it");
	if (user) {
		int64_t id = 0;
		bool found = false;
		if (in->user_id && !str_to_i64(in->user_id, 1, INT64_MAX, &id))
			for (size_t i = 0; i < n; i++)
				found |= users[i].id == id;
		if (found)
			out->user_id = id;
		else
			form_error(&v, "member_user", "Select a member of the team");
	}
	if (external) {
		out->name = text(&v, "member_name", "Name", 200, in->name, "Enter their name");
		out->organisation = text(&v, "member_org", "Organisation", 200, in->organisation, NULL);
	}
	out->role = text(&v, "member_role", "Role or discipline", 100, in->role, "Enter their role or discipline");
	out->from_date = date(&v, "member_from", "From date", in->from_date, "Enter the date they joined", false, 0);
	out->to_date = date(&v, "member_to", "To date", in->to_date, NULL, false, 0);
	if (out->from_date && out->to_date && strcmp(out->to_date, out->from_date) < 0)
		form_error(&v, "member_to", "To date must be the same as or after the from date");
	return vresult(&v);
}

/* ---- operations ---------------------------------------------------------------- */

static void say(char *msg, size_t msgn, const char *text_)
{
	if (msg && msgn)
		snprintf(msg, msgn, "%s", text_);
}

static enum cp_err add_event(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t episode_id,
			     const char *kind, const char *from, const char *to, const char *closure,
			     const char *reason)
{
	struct store_episode_event ev = {.episode_id = episode_id, .time_ms = now_ms, .user_id = who->user_id,
					 .kind = kind, .from_value = from, .to_value = to, .closure = closure,
					 .reason = reason};
	return store_episode_event_insert(c, &ev, NULL);
}

static enum cp_err add_key_worker(struct store_conn *c, int64_t episode_id, int64_t user_id, const char *role,
				  const char *from)
{
	struct store_team_member m = {.episode_id = episode_id, .user_id = user_id,
				      .role = role && *role ? role : "Key worker", .from_date = from,
				      .is_key_worker = true};
	return store_team_member_insert(c, &m, NULL);
}

enum cp_err episode_start_in_tx(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
				int64_t person_id, const struct episode_start *s, int64_t key_worker_user,
				const char *kw_role, int64_t *id, int64_t *open_id)
{
	*id = 0;
	*open_id = 0;
	enum cp_err err;
	struct store_person p;
	if ((err = store_person_get(c, a, person_id, &p)))
		goto fail;
	struct store_episode latest;
	int64_t previous = 0;
	bool close_latest = false;
	err = store_episode_latest_of(c, a, person_id, &latest);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	if (err == CP_OK) {
		enum episode_stage st = episode_stage_from_code(latest.stage);
		if (episode_can_reenter(st)) {
			previous = latest.id;
			close_latest = st == STAGE_MAINTENANCE;
		}
	}
	struct store_episode open;
	err = store_episode_open_of(c, a, person_id, &open);
	if (err == CP_OK && !(close_latest && open.id == latest.id)) {
		*open_id = open.id;
		err = CP_ECONFLICT;
		goto fail;
	}
	if (err && err != CP_ENOTFOUND)
		goto fail;
	if (close_latest) {
		/* Re-entry from maintenance: the new episode replaces the old one. */
		struct store_episode next = latest;
		next.stage = episode_stage_code(STAGE_CLOSED);
		next.closure = episode_closure_code(CLOSURE_NOT_NEEDED);
		next.ended_ms = now_ms;
		next.updated_ms = now_ms;
		if ((err = store_episode_update(c, &next, latest.version)) ||
		    (err = add_event(c, who, now_ms, latest.id, "stage", latest.stage, next.stage, next.closure,
				     "Replaced by a new episode")))
			goto fail;
		struct audit_event cev = {.action = "episode.stage", .object_type = "episode", .object_id = latest.id,
					  .person_id = person_id, .reason = "maintenance -> closed (re-entry)"};
		if ((err = audit_record(c, who, &cev, now_ms)))
			goto fail;
	}
	struct store_episode e = s->ep;
	e.person_id = person_id;
	e.stage = episode_stage_code(STAGE_ENTRY);
	e.closure = NULL;
	e.previous_episode_id = previous;
	e.reached_active = false;
	e.started_ms = now_ms;
	e.ended_ms = 0;
	if ((err = store_episode_insert(c, &e, id)))
		goto fail;
	struct store_referral r = s->referral;
	r.episode_id = *id;
	if ((err = store_referral_insert(c, &r, NULL)))
		goto fail;
	for (int i = 0; i < 2; i++) {
		struct store_consent k = s->consent[i];
		if (!k.kind)
			continue; /* not sought yet (an episode started from case finding) */
		k.episode_id = *id;
		if ((err = store_consent_insert(c, &k, NULL)))
			goto fail;
	}
	char day[16];
	today_text(now_ms, day);
	if (key_worker_user && (err = add_key_worker(c, *id, key_worker_user, kw_role, day)))
		goto fail;
	if (previous && (err = plan_carry_forward(c, a, who, now_ms, previous, *id)))
		goto fail;
	char level[4];
	snprintf(level, sizeof level, "%d", e.level);
	if ((err = add_event(c, who, now_ms, *id, "stage", NULL, e.stage, NULL,
			     strcmp(r.kind, "referral") == 0 ? "Referral received" : "Identified by the team")))
		goto fail;
	struct audit_event ev = {.action = "episode.create", .object_type = "episode", .object_id = *id,
				 .person_id = person_id,
				 .reason = previous ? "re-entry" : strcmp(r.kind, "referral") == 0 ? "referral" : "identified by the team"};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	return CP_OK;
fail:
	*id = 0;
	return err;
}

enum cp_err episode_start(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  int64_t person_id, const struct episode_start *s, int64_t key_worker_user,
			  const char *kw_role, int64_t *id, int64_t *open_id)
{
	*id = 0;
	*open_id = 0;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	err = episode_start_in_tx(c, a, who, now_ms, person_id, s, key_worker_user, kw_role, id, open_id);
	if (!err) {
		if ((err = store_commit(c)))
			*id = 0;
		return err;
	}
	store_rollback(c);
	*id = 0;
	if (err == CP_ECONFLICT && !*open_id) {
		/* Lost a race to another start: the index refused the second. */
		struct store_episode o;
		if (store_episode_open_of(c, a, person_id, &o) == CP_OK)
			*open_id = o.id;
	}
	return err;
}

enum cp_err episode_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t id, const char *why, struct episode_record *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	if ((err = store_episode_get(c, a, id, &out->ep)) ||
	    (err = store_person_get(c, a, out->ep.person_id, &out->person)))
		goto fail;
	err = store_referral_get(c, a, id, &out->referral);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_referral = err == CP_OK;
	if ((err = store_consent_list(c, a, id, 2, &out->consents, &out->n_consents)) ||
	    (err = store_episode_event_list(c, a, id, EPISODE_EVENTS_MAX, &out->events, &out->n_events)) ||
	    (err = store_team_member_list(c, a, id, EPISODE_TEAM_MAX, &out->members, &out->n_members)))
		goto fail;
	for (size_t i = 0; i < out->n_members && !out->key_worker; i++)
		if (out->members[i].is_key_worker && !out->members[i].to_date)
			out->key_worker = &out->members[i];
	if ((err = store_commit(c)))
		return err;
	struct audit_event ev = {.action = "episode.read", .object_type = "episode", .object_id = id,
				 .person_id = out->ep.person_id, .reason = why};
	return audit_read(c, who, &ev, now_ms);
fail:
	store_rollback(c);
	return err;
}

enum cp_err episode_list_of(struct store_conn *c, struct arena *a, int64_t person_id,
			    struct store_episode **out, size_t *n)
{
	return store_episode_list(c, a, person_id, EPISODE_LIST_MAX, out, n);
}

static const char *const STALE = "Someone else changed this episode while you were looking at it, so your change has "
				 "not been saved. Check the episode as it is now and try again.";

/* The move of episode_move inside the caller's transaction (see
 * episode_service.h).  A move to discharged or maintenance writes x's route
 * back or check-in plan, and when require_exit is set refuses without it. */
enum cp_err episode_move_in(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			    struct store_episode *cur, enum episode_stage to, enum episode_closure closure,
			    const char *reason, const struct exit_details *x, bool require_exit, char *msg, size_t msgn)
{
	enum episode_stage from = episode_stage_from_code(cur->stage);
	enum cp_err err = episode_check_transition(from, to, closure, reason, msg, msgn);
	if (err)
		return err;
	if (require_exit && !exit_complete(to, x)) {
		say(msg, msgn, to == STAGE_DISCHARGED ? "Record the route back before discharging to self-care: who to "
							 "call, their number and how to get back in touch."
						       : "Record how often to check in and the next check-in date before "
							 "moving to maintenance.");
		return CP_EINVAL;
	}
	struct store_episode next = *cur;
	next.stage = episode_stage_code(to);
	next.closure = to == STAGE_CLOSED ? episode_closure_code(closure) : NULL;
	next.reached_active = cur->reached_active || to == STAGE_ACTIVE;
	next.ended_ms = episode_stage_open(to) ? 0 : now_ms;
	next.updated_ms = now_ms;
	if ((err = store_episode_update(c, &next, cur->version)))
		return err;
	if ((err = add_event(c, who, now_ms, cur->id, "stage", cur->stage, next.stage, next.closure, reason)))
		return err;
	if ((to == STAGE_DISCHARGED || to == STAGE_MAINTENANCE) && (err = exit_write(c, cur->id, x, who->user_id, now_ms)))
		return err;
	char why[80];
	snprintf(why, sizeof why, "%s -> %s%s%s", cur->stage, next.stage, next.closure ? ": " : "",
		 next.closure ? next.closure : "");
	struct audit_event ev = {.action = "episode.stage", .object_type = "episode", .object_id = cur->id,
				 .person_id = cur->person_id, .reason = why};
	if ((err = audit_record(c, who, &ev, now_ms)))
		return err;
	next.version = cur->version + 1;
	*cur = next;
	return CP_OK;
}

static enum cp_err move_tx(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t id, int64_t expected_version, enum episode_stage to, enum episode_closure closure,
			   const char *reason, const struct exit_details *x, bool require_exit,
			   enum episode_stage *stage_now, char *msg, size_t msgn)
{
	*stage_now = STAGE__MAX;
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode cur;
	if ((err = store_episode_get(c, a, id, &cur)))
		goto fail;
	*stage_now = episode_stage_from_code(cur.stage);
	if (cur.version != expected_version) {
		say(msg, msgn, STALE);
		err = CP_ECONFLICT;
		goto fail;
	}
	if ((err = episode_move_in(c, who, now_ms, &cur, to, closure, reason, x, require_exit, msg, msgn)))
		goto fail;
	if ((err = store_commit(c)))
		return err;
	*stage_now = to;
	return CP_OK;
fail:
	store_rollback(c);
	if (err == CP_ECONFLICT && msg && !*msg)
		say(msg, msgn, STALE);
	return err;
}

enum cp_err episode_move(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t id, int64_t expected_version, enum episode_stage to, enum episode_closure closure,
			 const char *reason, enum episode_stage *stage_now, char *msg, size_t msgn)
{
	return move_tx(c, a, who, now_ms, id, expected_version, to, closure, reason, NULL, false, stage_now, msg,
		       msgn);
}

enum cp_err episode_move_exit(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t id, int64_t expected_version, enum episode_stage to,
			      enum episode_closure closure, const char *reason, const struct exit_details *x,
			      enum episode_stage *stage_now, char *msg, size_t msgn)
{
	return move_tx(c, a, who, now_ms, id, expected_version, to, closure, reason, x, true, stage_now, msg, msgn);
}

/* The level change of episode_change_level inside the caller's transaction. */
enum cp_err episode_level_in(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			     struct store_episode *cur, enum episode_level to, const char *reason, char *msg,
			     size_t msgn)
{
	if (!episode_stage_open(episode_stage_from_code(cur->stage))) {
		say(msg, msgn, "The level of care cannot change: this episode has ended. Start a new episode instead.");
		return CP_EINVAL;
	}
	enum cp_err err = episode_check_level_change(episode_level_from_number(cur->level), to, reason, msg, msgn);
	if (err)
		return err;
	struct store_episode next = *cur;
	next.level = episode_level_number(to);
	next.updated_ms = now_ms;
	char from_s[12], to_s[12];
	snprintf(from_s, sizeof from_s, "%d", cur->level);
	snprintf(to_s, sizeof to_s, "%d", next.level);
	if ((err = store_episode_update(c, &next, cur->version)) ||
	    (err = add_event(c, who, now_ms, cur->id, "level", from_s, to_s, NULL, reason)))
		return err;
	char why[40];
	snprintf(why, sizeof why, "level %s -> %s", from_s, to_s);
	struct audit_event ev = {.action = "episode.level", .object_type = "episode", .object_id = cur->id,
				 .person_id = cur->person_id, .reason = why};
	if ((err = audit_record(c, who, &ev, now_ms)))
		return err;
	next.version = cur->version + 1;
	*cur = next;
	return CP_OK;
}

enum cp_err episode_change_level(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, int64_t expected_version, enum episode_level to,
				 const char *reason, char *msg, size_t msgn)
{
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode cur;
	if ((err = store_episode_get(c, a, id, &cur)))
		goto fail;
	if (cur.version != expected_version) {
		say(msg, msgn, STALE);
		err = CP_ECONFLICT;
		goto fail;
	}
	if ((err = episode_level_in(c, who, now_ms, &cur, to, reason, msg, msgn)))
		goto fail;
	return store_commit(c);
fail:
	store_rollback(c);
	if (err == CP_ECONFLICT && msg && !*msg)
		say(msg, msgn, STALE);
	return err;
}

/* Reads an open episode for a care team change; CP_EINVAL (msg) when it has ended. */
static enum cp_err open_episode(struct store_conn *c, struct arena *a, int64_t id, struct store_episode *e, char *msg,
				size_t msgn)
{
	enum cp_err err = store_episode_get(c, a, id, e);
	if (err)
		return err;
	if (!episode_stage_open(episode_stage_from_code(e->stage))) {
		say(msg, msgn, "The care team cannot change: this episode has ended.");
		return CP_EINVAL;
	}
	return CP_OK;
}

enum cp_err careteam_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 const struct store_team_member *m, int64_t *id, char *msg, size_t msgn)
{
	*id = 0;
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode e;
	if ((err = open_episode(c, a, m->episode_id, &e, msg, msgn)))
		goto fail;
	struct store_team_member row = *m;
	row.is_key_worker = false;
	if ((err = store_team_member_insert(c, &row, id)))
		goto fail;
	struct audit_event ev = {.action = "careteam.add", .object_type = "care_team_member", .object_id = *id,
				 .person_id = e.person_id, .reason = m->user_id ? "user" : "external"};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	if ((err = store_commit(c)))
		*id = 0;
	return err;
fail:
	store_rollback(c);
	*id = 0;
	return err;
}

/* Ends period m today and starts the same member's next period as key worker or not. */
static enum cp_err split(struct store_conn *c, const struct store_team_member *m, const char *day, bool key)
{
	enum cp_err err = store_team_member_end(c, m->id, day);
	if (err)
		return err;
	struct store_team_member next = *m;
	next.id = 0;
	next.from_date = day;
	next.to_date = NULL;
	next.is_key_worker = key;
	return store_team_member_insert(c, &next, NULL);
}

enum cp_err careteam_make_key_worker(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				     int64_t now_ms, int64_t episode_id, int64_t member_id, char *msg, size_t msgn)
{
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode e;
	struct store_team_member m, old;
	/* An unknown period is "not found" even on an episode that has ended. */
	if ((err = store_team_member_get(c, a, member_id, &m)))
		goto fail;
	if (m.episode_id != episode_id || m.to_date) {
		err = CP_ENOTFOUND;
		goto fail;
	}
	if ((err = open_episode(c, a, episode_id, &e, msg, msgn)))
		goto fail;
	if (m.is_key_worker) {
		say(msg, msgn, "They are the key worker already.");
		err = CP_EINVAL;
		goto fail;
	}
	char day[16];
	today_text(now_ms, day);
	err = store_team_key_worker(c, a, episode_id, &old);
	bool had = err == CP_OK;
	if (err && err != CP_ENOTFOUND)
		goto fail;
	if ((had && (err = split(c, &old, day, false))) || (err = split(c, &m, day, true)))
		goto fail;
	if ((err = add_event(c, who, now_ms, episode_id, "keyworker", had ? careteam_member_name(&old) : NULL,
			     careteam_member_name(&m), NULL, "Key worker changed")))
		goto fail;
	struct audit_event ev = {.action = "careteam.keyworker", .object_type = "care_team_member",
				 .object_id = member_id, .person_id = e.person_id};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	return store_commit(c);
fail:
	store_rollback(c);
	return err;
}

enum cp_err careteam_end(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t episode_id, int64_t member_id, const char *to_date, char *msg, size_t msgn)
{
	say(msg, msgn, "");
	struct caldate d;
	if (!to_date || !*to_date) {
		say(msg, msgn, "Enter the date their part in the care team ends");
		return CP_EINVAL;
	}
	if (caldate_parse(to_date, "End date", &d, msg, msgn) != CP_OK)
		return CP_EINVAL;
	char day[16];
	caldate_format(d, day, sizeof day);
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode e;
	struct store_team_member m;
	if ((err = store_episode_get(c, a, episode_id, &e)) || (err = store_team_member_get(c, a, member_id, &m)))
		goto fail;
	if (m.episode_id != episode_id || m.to_date) {
		err = CP_ENOTFOUND;
		goto fail;
	}
	if (m.is_key_worker && episode_stage_open(episode_stage_from_code(e.stage))) {
		say(msg, msgn, "The key worker's period cannot end: make someone else the key worker first.");
		err = CP_EINVAL;
		goto fail;
	}
	if (strcmp(day, m.from_date) < 0) {
		say(msg, msgn, "End date must be the same as or after the date they joined");
		err = CP_EINVAL;
		goto fail;
	}
	if ((err = store_team_member_end(c, member_id, day)))
		goto fail;
	struct audit_event ev = {.action = "careteam.end", .object_type = "care_team_member", .object_id = member_id,
				 .person_id = e.person_id};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	return store_commit(c);
fail:
	store_rollback(c);
	return err;
}
