/* activity.c - action status, the activity log and the implementation page (activity.h). */
#include "activity.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "form.h"
#include "review.h"

static const char *const kinds[ACTIVITY_KIND__MAX][2] = {
	[ACTIVITY_HOME_VISIT] = {"home_visit", "Home visit"},
	[ACTIVITY_PHONE_CALL] = {"phone_call", "Phone call"},
	[ACTIVITY_CLINIC] = {"clinic", "Clinic appointment"},
	[ACTIVITY_SERVICE] = {"service", "Service delivered"},
	[ACTIVITY_MESSAGE] = {"message", "Message or letter"},
};

const char *activity_kind_code(enum activity_kind k)
{
	return (unsigned)k < ACTIVITY_KIND__MAX ? kinds[k][0] : "";
}

const char *activity_kind_label(enum activity_kind k)
{
	return (unsigned)k < ACTIVITY_KIND__MAX ? kinds[k][1] : "Unknown kind";
}

enum activity_kind activity_kind_from_code(const char *code)
{
	for (int k = 0; code && k < ACTIVITY_KIND__MAX; k++)
		if (strcmp(code, kinds[k][0]) == 0)
			return (enum activity_kind)k;
	return ACTIVITY_KIND__MAX;
}

static void say(char *msg, size_t msgn, const char *text)
{
	if (msg && msgn)
		snprintf(msg, msgn, "%s", text);
}

/* ---- action status ---- */

enum cp_err action_status_validate(const struct action_status_input *in, enum episode_action_status *status,
				   int *confidence, struct person_errors *errs)
{
	errs->n = 0;
	*status = episode_action_status_from_code(in->status);
	*confidence = -1;
	if (*status == ACTION_STATUS__MAX) {
		errs->e[errs->n].field = "action_status";
		errs->e[errs->n++].message = "Select the status of the action";
	}
	const char *cs = in->confidence;
	while (cs && *cs == ' ')
		cs++;
	if (cs && *cs) {
		int64_t v = 0;
		if (str_to_i64(cs, 0, 10, &v)) {
			errs->e[errs->n].field = "confidence";
			errs->e[errs->n++].message = "Confidence must be a whole number from 0 to 10";
		} else {
			*confidence = (int)v;
		}
	}
	return errs->n ? CP_EINVAL : CP_OK;
}

enum cp_err action_status_set(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t action_id, enum episode_action_status status, int confidence,
			      int64_t *episode_id, char *msg, size_t msgn)
{
	*episode_id = 0;
	say(msg, msgn, "");
	if ((unsigned)status >= ACTION_STATUS__MAX || confidence < -1 || confidence > 10)
		return CP_EINVAL;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_rv_action x;
	struct store_episode e;
	if ((err = store_rv_action_get(c, a, action_id, &x)) || (err = store_episode_get(c, a, x.episode_id, &e)))
		goto fail;
	*episode_id = e.id;
	if (!episode_stage_open(episode_stage_from_code(e.stage))) {
		say(msg, msgn, "This episode has ended, so its actions cannot change.");
		err = CP_EINVAL;
		goto fail;
	}
	const char *to = episode_action_status_code(status);
	if (strcmp(x.status, to) != 0 || x.confidence != confidence) {
		if ((err = store_rv_action_set(c, action_id, to, confidence)))
			goto fail;
		struct store_action_event ev = {.action_id = action_id, .time_ms = now_ms, .user_id = who->user_id,
						.from_status = x.status, .to_status = to,
						.from_confidence = x.confidence, .to_confidence = confidence};
		if ((err = store_action_event_insert(c, &ev, NULL)))
			goto fail;
	}
	char why[64];
	snprintf(why, sizeof why, "%s -> %s", x.status, to);
	struct audit_event ev = {.action = "action.status", .object_type = "plan_action", .object_id = action_id,
				 .person_id = e.person_id, .reason = why};
	if ((err = audit_record(c, who, &ev, now_ms)))
		goto fail;
	return store_commit(c);
fail:
	store_rollback(c);
	return err;
}

/* ---- the activity log ---- */

enum cp_err activity_validate(struct arena *a, const struct activity_input *in, int64_t now_ms,
			      const struct store_rv_action *actions, size_t n, struct store_activity *out,
			      struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	out->activity_date = review_date(&v, "activity_date", "Date", in->date, "Enter the date of the activity", true);
	enum activity_kind k = activity_kind_from_code(in->kind);
	if (k == ACTIVITY_KIND__MAX)
		form_error(&v, "activity_kind", "Select what kind of activity it was");
	else
		out->kind = activity_kind_code(k);
	out->who = review_text(&v, "activity_who", "Who", ACTIVITY_WHO_MAX, in->who, "Enter who carried it out");
	const char *ms = form_clean(&v, in->minutes);
	int64_t m = 0;
	if (ms && str_to_i64(ms, 1, ACTIVITY_MINUTES_MAX, &m))
		form_error(&v, "activity_minutes", "Minutes must be a whole number from 1 to 1440");
	out->minutes = (int)m;
	out->note = review_text(&v, "activity_note", "Note", ACTIVITY_NOTE_MAX, in->note, NULL);
	const char *as = in->action;
	if (as && strcmp(as, ACTIVITY_NONE) == 0) {
		out->action_id = 0;
	} else {
		int64_t id = 0;
		bool found = false;
		if (as && !str_to_i64(as, 1, INT64_MAX, &id))
			for (size_t i = 0; i < n; i++)
				found |= actions[i].id == id;
		if (found)
			out->action_id = id;
		else
			form_error(&v, "activity_action",
				   "Select the action of the plan this carries out, or that it is not in the plan");
	}
	if (v.oom)
		return CP_ENOMEM;
	return errs->n ? CP_EINVAL : CP_OK;
}

enum cp_err activity_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 const struct store_activity *v, int64_t *id, char *msg, size_t msgn)
{
	*id = 0;
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode e;
	if ((err = store_episode_get(c, a, v->episode_id, &e)))
		goto fail;
	if (!episode_stage_open(episode_stage_from_code(e.stage))) {
		say(msg, msgn, "This episode has ended, so no activity can be recorded for it.");
		err = CP_EINVAL;
		goto fail;
	}
	if (v->action_id) {
		struct store_rv_action x;
		err = store_rv_action_get(c, a, v->action_id, &x);
		if (err == CP_ENOTFOUND || (!err && x.episode_id != e.id)) {
			say(msg, msgn, "The action chosen is not part of this episode's plan.");
			err = CP_EINVAL;
		}
		if (err)
			goto fail;
	}
	struct store_activity row = *v;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	if ((err = store_activity_insert(c, &row, id)))
		goto fail;
	struct audit_event ev = {.action = "activity.create", .object_type = "activity", .object_id = *id,
				 .person_id = e.person_id, .reason = row.kind};
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

enum cp_err activity_page_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t episode_id, struct activity_page *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	if ((err = store_episode_get(c, a, episode_id, &out->ep)) ||
	    (err = store_person_get(c, a, out->ep.person_id, &out->person)))
		goto fail;
	err = store_rv_plan_of(c, a, episode_id, &out->plan);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_plan = err == CP_OK;
	if (out->has_plan &&
	    ((err = store_rv_action_list(c, a, out->plan.id, ACTIVITY_ACTIONS_MAX, &out->actions, &out->n_actions)) ||
	     (err = store_action_event_list(c, a, out->plan.id, ACTIVITY_EVENTS_MAX, &out->events, &out->n_events))))
		goto fail;
	if ((err = store_activity_list(c, a, episode_id, ACTIVITY_LIST_MAX, &out->log, &out->n_log)))
		goto fail;
	struct audit_event ev = {.action = "activity.read", .object_type = "episode", .object_id = episode_id,
				 .person_id = out->ep.person_id};
	if ((err = store_commit(c)))
		return err;
	return audit_read(c, who, &ev, now_ms);
fail:
	store_rollback(c);
	return err;
}

bool activity_action_idle(const struct activity_page *p, const struct store_rv_action *x)
{
	bool agreed = p->has_plan && strcmp(p->plan.status, "agreed") == 0;
	enum episode_action_status s = episode_action_status_from_code(x->status);
	return agreed && x->activity_count == 0 && s != ACTION_STATUS_DONE && s != ACTION_STATUS_STOPPED;
}

void activity_followups(const struct activity_page *p, size_t *unlinked, size_t *idle_actions)
{
	*unlinked = *idle_actions = 0;
	for (size_t i = 0; i < p->n_log; i++)
		*unlinked += p->log[i].action_id == 0;
	for (size_t i = 0; i < p->n_actions; i++)
		*idle_actions += activity_action_idle(p, &p->actions[i]);
}
