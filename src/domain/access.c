/* access.c - who may see a person's record (access.h). */
#include "access.h"

#include <stdio.h>

#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "form.h"
#include "role.h"

#define MS_PER_DAY 86400000LL
#define MS_PER_HOUR 3600000LL

static bool professional(enum role r)
{
	return r == ROLE_MANAGER || r == ROLE_KEYWORKER || r == ROLE_PROFESSIONAL;
}

enum cp_err access_to_person(struct store_conn *c, const struct store_user *u, int64_t now_ms, int64_t person_id,
			     enum access_basis *out)
{
	*out = ACCESS_NONE;
	enum role r = role_from_code(u->role);
	if (r == ROLE_PERSON) {
		if (u->person_id > 0 && u->person_id == person_id)
			*out = ACCESS_SELF;
		return CP_OK;
	}
	if (r == ROLE_CARER) {
		bool live = false;
		enum cp_err err = store_grant_live(c, person_id, u->id, &live);
		if (!err && live)
			*out = ACCESS_CARER;
		return err;
	}
	if (!professional(r))
		return CP_OK;
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	struct caldate d;
	char today[CALDATE_STR];
	if (caldate_from_days((int)days, &d) != CP_OK)
		return CP_EINVAL;
	caldate_format(d, today, sizeof today);
	bool care_team, team, glass;
	enum cp_err err = store_access_professional(c, person_id, u->id, u->team_id, today, now_ms, &care_team, &team,
						    &glass);
	if (err)
		return err;
	*out = care_team ? ACCESS_CARE_TEAM : team ? ACCESS_TEAM : glass ? ACCESS_BREAK_GLASS : ACCESS_NONE;
	return CP_OK;
}

void access_search_scope(const struct store_user *u, int64_t now_ms, struct store_person_query *q, char today[11])
{
	q->user_id = 0;
	q->team_id = 0;
	q->now_ms = now_ms;
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	struct caldate d;
	snprintf(today, 11, "9999-12-31");
	if (caldate_from_days((int)days, &d) == CP_OK)
		caldate_format(d, today, 11);
	q->today = today;
	if (!professional(role_from_code(u->role)))
		return;
	q->user_id = u->id;
	q->team_id = u->team_id;
}

const char *access_basis_label(enum access_basis b)
{
	switch (b) {
	case ACCESS_SELF: return "their own record";
	case ACCESS_CARER: return "a carer the person has let see their plan";
	case ACCESS_CARE_TEAM: return "in the care team";
	case ACCESS_TEAM: return "in the team responsible for the person";
	case ACCESS_BREAK_GLASS: return "break-glass access";
	default: return "no access";
	}
}

static enum cp_err audited(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			   const struct audit_event *ev)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	if ((err = audit_record(c, who, ev, now_ms))) {
		store_rollback(c);
		return err;
	}
	return store_commit(c);
}

enum cp_err access_refused(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t person_id)
{
	struct audit_event ev = {.action = "access.refused", .object_type = "person", .object_id = person_id,
				 .person_id = person_id};
	return audited(c, who, now_ms, &ev);
}

enum cp_err access_break_glass(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       const struct store_user *u, int64_t person_id, const char *reason,
			       int64_t *expires_ms, const char **msg)
{
	*expires_ms = 0;
	*msg = NULL;
	if (!professional(role_from_code(u->role))) {
		*msg = "Only members of a care team can ask for break-glass access";
		return CP_EFORBIDDEN;
	}
	struct person_errors errs = {0};
	struct form_check v = {.a = a, .errs = &errs, .now_ms = now_ms};
	char *why = form_clean(&v, reason);
	if (v.oom)
		return CP_ENOMEM;
	size_t n = why ? utf8_count(why, strlen(why)) : 0;
	if (n < ACCESS_REASON_MIN || n > ACCESS_REASON_MAX) {
		*msg = n ? "Give your reason in 10 to 500 characters" : "Enter why you need to see this record now";
		return CP_EINVAL;
	}
	struct store_person p;
	enum cp_err err = store_person_get(c, a, person_id, &p);
	if (err)
		return err;
	struct store_break_glass g = {.user_id = u->id,
				      .person_id = person_id,
				      .reason = why,
				      .granted_ms = now_ms,
				      .expires_ms = now_ms + ACCESS_GLASS_HOURS * MS_PER_HOUR};
	if ((err = store_begin(c)))
		return err;
	int64_t id = 0;
	err = store_break_glass_insert(c, &g, &id);
	/* The audit row names the grant; its reason is in the grant, shown to
	 * the person and the team manager. */
	struct audit_event ev = {.action = "breakglass.grant", .object_type = "break_glass", .object_id = id,
				 .person_id = person_id};
	if (!err)
		err = audit_record(c, who, &ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	if (!err)
		*expires_ms = g.expires_ms;
	return err;
}
