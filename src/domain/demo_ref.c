/*
 * demo_ref.c - the demo's signposts and referrals to local services
 * (demo.h, docs/referrals.md).
 *
 * The services come from the directory's own demo data, looked up by name
 * (the first active service whose name is like the pattern), so this adds
 * nothing when the directory is empty or has no such service:
 *   "%lunch club%"    Margaret Hughes (person_ids[0]) was given information
 *                     about it, for her action to go to the Tuesday lunch
 *                     club (need: social)
 *   "%walking%"       Margaret was referred to it 21 days ago (loneliness:
 *                     need mental_wellbeing); it accepted her 14 days ago
 *   "%befriend%"      the next person with an open episode was referred 9
 *                     days ago and is waiting for an answer
 * All by Rosa Lopez, the link worker (login 9).  Each history row has its
 * audit row (signpost.give, referral.create, referral.status), as d->who.
 */
#include "demo.h"

#include <string.h>

#include "caldate.h"
#include "episode.h"
#include "referral.h"
#include "review.h"

#define L_LINK 9
#define DAY_MS 86400000LL

/* Records one signpost or referral with its history: statuses[0] at
 * days_ago[0], each next one at days_ago[i]. */
static enum cp_err one(const struct demo_ctx *d, const struct store_episode *ep, int64_t service,
		       int64_t action, const char *need, const char *kind, const char *reason, const char *const *statuses,
		       const int *days_ago, size_t n, const char *outcome)
{
	int64_t by = d->user_ids[L_LINK];
	int64_t t0 = d->now_ms - (int64_t)days_ago[0] * DAY_MS;
	char iso[CALDATE_STR];
	caldate_format(review_today(t0), iso, sizeof iso);
	struct store_sref r = {.episode_id = ep->id, .plan_action_id = action, .need = need, .service_id = service,
			       .kind = kind, .reason = reason, .referral_date = iso, .status = statuses[0],
			       .outcome = "", .created_by = by, .created_ms = t0};
	int64_t id = 0;
	enum cp_err err = store_sref_insert(d->c, &r, &id);
	struct store_sref_event e = {.referral_id = id, .to_status = statuses[0], .user_id = by, .time_ms = t0,
				     .note = reason};
	if (!err)
		err = store_sref_event_insert(d->c, &e);
	struct audit_event ev = {.action = strcmp(kind, "referral") == 0 ? "referral.create" : "signpost.give",
				 .object_type = "referral", .object_id = id, .person_id = ep->person_id,
				 .reason = "demo data"};
	if (!err)
		err = audit_record(d->c, d->who, &ev, d->now_ms);
	for (size_t i = 1; !err && i < n; i++) {
		int64_t t = d->now_ms - (int64_t)days_ago[i] * DAY_MS;
		err = store_sref_set_status(d->c, id, (int64_t)i, statuses[i], i + 1 == n ? outcome : "", t);
		struct store_sref_event e2 = {.referral_id = id, .from_status = statuses[i - 1], .to_status = statuses[i],
					      .user_id = by, .time_ms = t, .note = ""};
		if (!err)
			err = store_sref_event_insert(d->c, &e2);
		struct audit_event ev2 = {.action = "referral.status", .object_type = "referral", .object_id = id,
					  .person_id = ep->person_id, .reason = "demo data"};
		if (!err)
			err = audit_record(d->c, d->who, &ev2, d->now_ms);
	}
	return err;
}

/* The id of the first action of ep's plan whose words start with prefix; 0 when none. */
static int64_t action_like(const struct demo_ctx *d, struct arena *a, int64_t episode_id, const char *prefix)
{
	struct store_care_plan cp;
	if (store_plan_by_episode(d->c, a, episode_id, &cp) != CP_OK)
		return 0;
	struct store_plan_action *acts = NULL;
	size_t n = 0;
	if (store_plan_action_list(d->c, a, cp.id, 100, &acts, &n) != CP_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (acts[i].what && strncmp(acts[i].what, prefix, strlen(prefix)) == 0)
			return acts[i].id;
	return 0;
}

enum cp_err demo_ref(const struct demo_ctx *d)
{
	int64_t lunch = 0, walk = 0, befriend = 0;
	if (store_dir_service_by_name(d->c, "%lunch club%", &lunch) != CP_OK)
		lunch = 0;
	if (store_dir_service_by_name(d->c, "%walking%", &walk) != CP_OK)
		walk = 0;
	if (store_dir_service_by_name(d->c, "%befriend%", &befriend) != CP_OK)
		befriend = 0;
	if (!lunch && !walk && !befriend)
		return CP_OK; /* no directory yet: nothing to refer to */
	struct arena *a = arena_new(1u << 20);
	if (!a)
		return CP_ENOMEM;
	struct store_episode ep;
	enum cp_err err = store_episode_latest_of(d->c, a, d->person_ids[0], &ep);
	if (err == CP_ENOTFOUND)
		err = CP_OK;
	else if (!err && lunch) {
		static const char *const given[] = {"given"};
		static const int at[] = {28};
		err = one(d, &ep, lunch, action_like(d, a, ep.id, "Go to the Tuesday lunch club"), "social",
			  "signpost", "Gave Margaret and David the lunch club's leaflet and phone number", given, at, 1,
			  "");
	}
	if (!err && walk && ep.id) {
		static const char *const path[] = {"sent", "accepted"};
		static const int at[] = {21, 14};
		err = one(d, &ep, walk, 0, "mental_wellbeing", "referral",
			  "Lonely and low since her sister died; wants to get out and meet people, at her own pace",
			  path, at, 2, "A place on the Wednesday walk; a volunteer will meet her at the gate");
	}
	/* The next person with an open episode: waiting for an answer. */
	for (int i = 1; !err && befriend && i < DEMO_PEOPLE; i++) {
		struct store_episode other;
		err = store_episode_latest_of(d->c, a, d->person_ids[i], &other);
		if (err == CP_ENOTFOUND) {
			err = CP_OK;
			continue;
		}
		if (err || !episode_stage_open(episode_stage_from_code(other.stage)))
			continue;
		static const char *const sent[] = {"sent"};
		static const int at[] = {9};
		err = one(d, &other, befriend, 0, "social", "referral",
			  "Lives alone and rarely sees anyone between visits; would like a regular call", sent, at, 1, "");
		break;
	}
	arena_free(a);
	return err;
}
