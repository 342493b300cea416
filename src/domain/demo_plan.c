/*
 * demo_plan.c - the demo's care and support plans (demo.h).
 *
 * Margaret Hughes gets a full plan in three saved versions: a draft put
 * together with her and David, the version agreed 85 days ago (review every
 * 90 days, so her review falls due within the fortnight), and a later
 * change (a goal achieved, an action done, a new spending line), so that
 * comparing versions shows something.  Other episodes at planning, active,
 * review and maintenance get lighter plans fitting their stage, agreed on
 * dates that spread their next reviews from overdue to due soon.
 *
 * Everything goes through plan_apply, so the demo's plans pass the same
 * checks as what people type.  All names and numbers are fictional.
 */
#include "demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "caldate.h"
#include "episode.h"
#include "plan_service.h"

#define DAY_MS 86400000LL

struct dp {
	const struct demo_ctx *d;
	struct arena *a;
	struct audit_actor who; /* the key worker, at the CLI */
	int64_t episode;
	int today;              /* days since 1970 */
};

static const char *day_text(struct dp *x, int days_from_today)
{
	struct caldate d;
	char out[CALDATE_STR];
	if (caldate_from_days(x->today + days_from_today, &d))
		return NULL;
	caldate_format(d, out, sizeof out);
	return arena_strdup(x->a, out);
}

static const char *id_text(struct dp *x, int64_t id)
{
	return arena_printf(x->a, "%lld", (long long)id);
}

/* Saves one entry of section s from pairs of field and value (ending at
 * PLF__MAX), in the batch of version `at` days from today (no new
 * version).  *id gets the entry's id. */
static enum cp_err put(struct dp *x, int at, enum plan_section s, int64_t *id, ...)
{
	struct plan_input in = {0};
	va_list ap;
	va_start(ap, id);
	for (;;) {
		int f = va_arg(ap, int);
		if (f >= PLF__MAX)
			break;
		in.v[f] = va_arg(ap, const char *);
	}
	va_end(ap);
	struct person_errors errs;
	struct plan_result res;
	memset(&res, 0, sizeof res);
	struct arena *a = arena_new(4u * 1024 * 1024);
	if (!a)
		return CP_ENOMEM;
	enum cp_err err = plan_apply(x->d->c, a, &x->who, x->d->now_ms + (int64_t)at * DAY_MS, x->episode, s, 0, -1,
				     &in, false, &errs, &res);
	if (err == CP_EINVAL) {
		for (size_t i = 0; i < errs.n; i++)
			fprintf(stderr, "demo plan: %s: %s\n", errs.e[i].field, errs.e[i].message);
	}
	arena_free(a);
	if (id)
		*id = res.item_id;
	return err;
}

static enum cp_err version(struct dp *x, int at, bool bump)
{
	struct arena *a = arena_new(4u * 1024 * 1024);
	if (!a)
		return CP_ENOMEM;
	int64_t ms = x->d->now_ms + (int64_t)at * DAY_MS;
	enum cp_err err = plan_new_version(x->d->c, a, &x->who, ms, x->episode, bump);
	struct store_care_plan cp;
	if (!err)
		err = store_plan_by_episode(x->d->c, a, x->episode, &cp);
	if (!err) {
		/* One audit row a saved version: the batch of entries it closes. */
		struct store_episode e;
		err = store_episode_get(x->d->c, a, x->episode, &e);
		struct audit_event ev = {.action = "plan.save", .object_type = "care_plan", .object_id = cp.id,
					 .person_id = e.person_id, .reason = "demo data"};
		if (!err)
			err = audit_record(x->d->c, &x->who, &ev, ms);
	}
	arena_free(a);
	return err;
}

#define END PLF__MAX

static enum cp_err margaret(struct dp *x, int64_t carer)
{
	const int64_t *u = x->d->user_ids;
	enum cp_err err;
	int64_t g_walk, g_breath, g_mood, g_sugar, g_david;
	const char *sam = id_text(x, u[2]), *nurse = id_text(x, u[5]), *social = id_text(x, u[6]),
		   *pharm = id_text(x, u[8]), *david = id_text(x, carer);
	int v1 = -92;
	/* Version 1: the draft, with Margaret and David at home. */
	if ((err = put(x, v1, PLS_ISSUE, NULL, PLF_ISSUE_WHAT, "Getting out of breath walking to the shops", PLF_ISSUE_IMPORTANCE, "9", PLF_ISSUE_RANKED_BY, "person", END)) ||
	    (err = put(x, v1, PLS_ISSUE, NULL, PLF_ISSUE_WHAT, "Feeling low and stuck indoors", PLF_ISSUE_IMPORTANCE, "8", PLF_ISSUE_RANKED_BY, "together", END)) ||
	    (err = put(x, v1, PLS_ISSUE, NULL, PLF_ISSUE_WHAT, "Blood sugar up and down", PLF_ISSUE_IMPORTANCE, "6", PLF_ISSUE_RANKED_BY, "professional", PLF_ISSUE_RANKED_NAME, "Dr Helen Carter", END)) ||
	    (err = put(x, v1, PLS_ISSUE, NULL, PLF_ISSUE_WHAT, "David is tired and needs a break", PLF_ISSUE_IMPORTANCE, "7", PLF_ISSUE_RANKED_BY, "together", END)) ||
	    (err = put(x, v1, PLS_GOAL, &g_walk, PLF_GOAL_TITLE, "I want to walk to the corner shop and back on my own", PLF_GOAL_STATUS, "active", PLF_GOAL_TARGET, day_text(x, 60),
		       PLF_GOAL_GAS_BASELINE, "-1", PLF_GOAL_GAS_M2, "Cannot leave the house without help", PLF_GOAL_GAS_M1, "Gets to the garden gate",
		       PLF_GOAL_GAS_0, "Walks to the corner shop and back with one rest", PLF_GOAL_GAS_P1, "Walks to the shop without a rest",
		       PLF_GOAL_GAS_P2, "Walks to the park and back", END)) ||
	    (err = put(x, v1, PLS_GOAL, &g_breath, PLF_GOAL_TITLE, "I want to know what to do when my chest gets bad, so I don't end up in A&E", PLF_GOAL_STATUS, "active", PLF_GOAL_TARGET, day_text(x, -60), END)) ||
	    (err = put(x, v1, PLS_GOAL, &g_mood, PLF_GOAL_TITLE, "I want to get back to the Tuesday lunch club", PLF_GOAL_STATUS, "active", PLF_GOAL_TARGET, day_text(x, 30),
		       PLF_GOAL_GAS_BASELINE, "-2", PLF_GOAL_GAS_M2, "Has not been out socially", PLF_GOAL_GAS_M1, "Has been once with David",
		       PLF_GOAL_GAS_0, "Goes most weeks with David", PLF_GOAL_GAS_P1, "Goes every week", PLF_GOAL_GAS_P2, "Goes every week and has joined another group", END)) ||
	    (err = put(x, v1, PLS_GOAL, &g_sugar, PLF_GOAL_TITLE, "I want my sugars steadier so I feel less tired", PLF_GOAL_STATUS, "active", PLF_GOAL_TARGET, day_text(x, 90), END)))
		return err;
	if ((err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Walk a little further each day, using the breathing exercises", PLF_ACTION_GOAL, id_text(x, g_walk), PLF_ACTION_WHO, "person", PLF_ACTION_RRULE, "FREQ=DAILY", PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "7", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Refer to pulmonary rehabilitation", PLF_ACTION_GOAL, id_text(x, g_walk), PLF_ACTION_WHO, "member", PLF_ACTION_WHO_USER, sam, PLF_ACTION_DUE, day_text(x, -80), PLF_ACTION_STATUS, "done", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Attend the pulmonary rehabilitation classes", PLF_ACTION_GOAL, id_text(x, g_walk), PLF_ACTION_WHO, "service", PLF_ACTION_WHO_NAME, "Pulmonary rehabilitation team (fictional)", PLF_ACTION_RRULE, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "6", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Write a COPD self-management plan with Margaret and David", PLF_ACTION_GOAL, id_text(x, g_breath), PLF_ACTION_WHO, "member", PLF_ACTION_WHO_USER, nurse, PLF_ACTION_DUE, day_text(x, -70), PLF_ACTION_STATUS, "done", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Keep the rescue pack in the kitchen drawer and check the dates", PLF_ACTION_GOAL, id_text(x, g_breath), PLF_ACTION_WHO, "carer", PLF_ACTION_WHO_CARER, david, PLF_ACTION_RRULE, "FREQ=MONTHLY;BYMONTHDAY=1", PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "9", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Review inhalers and check technique", PLF_ACTION_GOAL, id_text(x, g_breath), PLF_ACTION_WHO, "member", PLF_ACTION_WHO_USER, pharm, PLF_ACTION_DUE, day_text(x, -50), PLF_ACTION_STATUS, "done", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Ring the lunch club and ask about transport", PLF_ACTION_GOAL, id_text(x, g_mood), PLF_ACTION_WHO, "carer", PLF_ACTION_WHO_CARER, david, PLF_ACTION_DUE, day_text(x, -75), PLF_ACTION_STATUS, "done", PLF_ACTION_CONFIDENCE, "8", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Go to the Tuesday lunch club", PLF_ACTION_GOAL, id_text(x, g_mood), PLF_ACTION_WHO, "person", PLF_ACTION_RRULE, "FREQ=WEEKLY;BYDAY=TU", PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "5", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Talking therapy for low mood (self-referral)", PLF_ACTION_GOAL, id_text(x, g_mood), PLF_ACTION_WHO, "service", PLF_ACTION_WHO_NAME, "Talking therapies service (fictional)", PLF_ACTION_DUE, day_text(x, -40), PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "4", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Check blood sugar before breakfast and write it in the diary", PLF_ACTION_GOAL, id_text(x, g_sugar), PLF_ACTION_WHO, "person", PLF_ACTION_RRULE, "FREQ=DAILY", PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "8", END)) ||
	    (err = put(x, v1, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Look at the sugar diary together at each visit", PLF_ACTION_GOAL, id_text(x, g_sugar), PLF_ACTION_WHO, "member", PLF_ACTION_WHO_USER, nurse, PLF_ACTION_RRULE, "FREQ=WEEKLY;BYDAY=WE", PLF_ACTION_STATUS, "in_progress", END)) ||
	    (err = version(x, v1, false)))
		return err;
	/* Version 2: the rest, agreed with Margaret and David. */
	int v2 = -85;
	if ((err = put(x, v2, PLS_GOAL, &g_david, PLF_GOAL_TITLE, "David wants one afternoon a week to himself", PLF_GOAL_STATUS, "active", PLF_GOAL_TARGET, day_text(x, -20), END)) ||
	    (err = put(x, v2, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Carer's assessment for David and a sitting service on Thursdays", PLF_ACTION_GOAL, id_text(x, g_david), PLF_ACTION_WHO, "member", PLF_ACTION_WHO_USER, social, PLF_ACTION_DUE, day_text(x, -60), PLF_ACTION_STATUS, "in_progress", END)) ||
	    (err = put(x, v2, PLS_EQUIP, NULL, PLF_EQUIP_ITEM, "Perching stool for the kitchen", PLF_EQUIP_PROVIDER, "Community equipment service (fictional)", PLF_EQUIP_ISSUED, day_text(x, -88), END)) ||
	    (err = put(x, v2, PLS_EQUIP, NULL, PLF_EQUIP_ITEM, "Rail by the back door step", PLF_EQUIP_PROVIDER, "Council adaptations team (fictional)", PLF_EQUIP_ISSUED, day_text(x, -86), END)) ||
	    (err = put(x, v2, PLS_EQUIP, NULL, PLF_EQUIP_ITEM, "Pulse oximeter", PLF_EQUIP_PROVIDER, "Community nursing team", END)) ||
	    (err = put(x, v2, PLS_CONTINGENCY, NULL, PLF_CONT_SITUATION, "A COPD flare-up", PLF_CONT_TRIGGERS, "Colds, damp weather, smoky rooms",
		       PLF_CONT_SIGNS, "More breathless than usual, a change in the colour of phlegm, needing the blue inhaler more than four times a day",
		       PLF_CONT_DO, "Start the rescue pack as the written plan says and ring the practice the same day; if breathless at rest or confused, call 999",
		       PLF_CONT_CONTACT, "Riverside Surgery (fictional), then NHS 111 out of hours", PLF_CONT_COPING, "Sit forward, use pursed-lip breathing, use the hand-held fan",
		       PLF_CONT_MEDICINES, "Rescue pack: steroid tablets and antibiotics, kept in the kitchen drawer", PLF_CONT_EQUIPMENT, "Pulse oximeter; hand-held fan", END)) ||
	    (err = put(x, v2, PLS_CONTINGENCY, NULL, PLF_CONT_SITUATION, "Low mood getting worse", PLF_CONT_TRIGGERS, "Dark evenings, not getting out, poor sleep",
		       PLF_CONT_SIGNS, "Staying in bed, not wanting to see anyone, stopping the sugar diary",
		       PLF_CONT_DO, "David rings Sam; Sam arranges a visit within two working days", PLF_CONT_CONTACT, "Sam Okafor, key worker; out of hours the crisis line",
		       PLF_CONT_COPING, "A short walk, ringing her sister, the radio in the morning", END)) ||
	    (err = put(x, v2, PLS_TEP, NULL, PLF_TEP_CEILING, "ward", PLF_TEP_DETAILS, "Hospital treatment for a severe flare-up, but Margaret does not want to go to intensive care",
		       PLF_TEP_DISCUSSED, "yes", PLF_TEP_BY, "Dr Helen Carter with Margaret and David", PLF_TEP_DATE, day_text(x, -86), END)) ||
	    (err = put(x, v2, PLS_ACP, NULL, PLF_ACP_MATTERS, "Being at home with David and the cat; seeing her grandchildren", PLF_ACP_PLACE_CARE, "Home",
		       PLF_ACP_PLACE_DEATH, "Home", PLF_ACP_LPA_HEALTH, "yes", PLF_ACP_LPA_HEALTH_WHO, "David Hughes (husband)", PLF_ACP_LPA_PROPERTY, "yes",
		       PLF_ACP_LPA_PROPERTY_WHO, "David Hughes (husband)", PLF_ACP_ADRT, "no", PLF_ACP_RESUS, "not_discussed", END)) ||
	    (err = put(x, v2, PLS_BUDGET, NULL, PLF_BUDGET_ALLOCATION, "5200.00", PLF_BUDGET_SOURCE, "council", PLF_BUDGET_DIRECT, "yes", END)) ||
	    (err = put(x, v2, PLS_SPEND, NULL, PLF_SPEND_WHAT, "Sitting service for David, Thursday afternoons", PLF_SPEND_AMOUNT, "2860.00", PLF_SPEND_GOAL, id_text(x, g_david), END)) ||
	    (err = put(x, v2, PLS_SPEND, NULL, PLF_SPEND_WHAT, "Taxi to and from the lunch club", PLF_SPEND_AMOUNT, "1040.00", PLF_SPEND_GOAL, id_text(x, g_mood), END)) ||
	    (err = put(x, v2, PLS_SERVICE, NULL, PLF_SERVICE_WHAT, "Home care: help getting up, washed and dressed", PLF_SERVICE_PROVIDER, "Home care agency (fictional)",
		       PLF_SERVICE_HOURS, "45 minutes every morning, 5 hours 15 minutes a week", PLF_SERVICE_CHARGE, "42.50", END)) ||
	    (err = put(x, v2, PLS_VISIT, NULL, PLF_VISIT_WHAT, "Help getting up, washed and dressed", PLF_VISIT_WHO, "Home care agency (fictional)", PLF_VISIT_RRULE, "FREQ=DAILY", PLF_VISIT_START, day_text(x, -84), PLF_VISIT_TIME, "08:30", PLF_VISIT_MINUTES, "45", PLF_VISIT_EXCEPT, arena_printf(x->a, "%s, %s", day_text(x, 2), day_text(x, 3)), END)) ||
	    (err = put(x, v2, PLS_VISIT, NULL, PLF_VISIT_WHAT, "District nurse: leg dressings and sugar diary", PLF_VISIT_WHO, "Community nursing team", PLF_VISIT_RRULE, "FREQ=WEEKLY;BYDAY=WE", PLF_VISIT_START, day_text(x, -84), PLF_VISIT_TIME, "10:00", PLF_VISIT_MINUTES, "30", END)) ||
	    (err = put(x, v2, PLS_VISIT, NULL, PLF_VISIT_WHAT, "Pulmonary rehabilitation class", PLF_VISIT_WHO, "Pulmonary rehabilitation team (fictional)", PLF_VISIT_RRULE, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", PLF_VISIT_START, day_text(x, -30), PLF_VISIT_TIME, "13:30", PLF_VISIT_MINUTES, "90", END)) ||
	    (err = put(x, v2, PLS_VISIT, NULL, PLF_VISIT_WHAT, "Sitting service so David can go out", PLF_VISIT_WHO, "Carers' support service (fictional)", PLF_VISIT_RRULE, "FREQ=WEEKLY;BYDAY=TH", PLF_VISIT_START, day_text(x, -60), PLF_VISIT_TIME, "14:00", PLF_VISIT_MINUTES, "180", END)) ||
	    (err = put(x, v2, PLS_VISIT, NULL, PLF_VISIT_WHAT, "Key worker visit", PLF_VISIT_WHO, "Sam Okafor", PLF_VISIT_RRULE, "FREQ=MONTHLY;BYDAY=1MO", PLF_VISIT_START, day_text(x, -84), PLF_VISIT_TIME, "11:00", PLF_VISIT_MINUTES, "60", END)) ||
	    (err = put(x, v2, PLS_CONTACT, NULL, PLF_CONTACT_NAME, "Sam Okafor, key worker", PLF_CONTACT_KIND, "daytime", PLF_CONTACT_PHONE, "0117 496 0123", PLF_CONTACT_WHEN, "Weekdays 9am to 5pm", END)) ||
	    (err = put(x, v2, PLS_CONTACT, NULL, PLF_CONTACT_NAME, "Riverside Surgery (fictional)", PLF_CONTACT_KIND, "daytime", PLF_CONTACT_PHONE, "0117 496 0456", PLF_CONTACT_WHEN, "Weekdays 8am to 6:30pm", END)) ||
	    (err = put(x, v2, PLS_CONTACT, NULL, PLF_CONTACT_NAME, "NHS 111", PLF_CONTACT_KIND, "out_of_hours", PLF_CONTACT_PHONE, "111", PLF_CONTACT_WHEN, "Evenings, nights and weekends", END)) ||
	    (err = put(x, v2, PLS_CONTACT, NULL, PLF_CONTACT_NAME, "Emergency services", PLF_CONTACT_KIND, "emergency", PLF_CONTACT_PHONE, "999", PLF_CONTACT_WHEN, "Breathless at rest, chest pain, confused", END)) ||
	    (err = put(x, v2, PLS_CONTACT, NULL, PLF_CONTACT_NAME, "David Hughes (husband)", PLF_CONTACT_KIND, "other", PLF_CONTACT_PHONE, "07700 900123", END)) ||
	    (err = put(x, v2, PLS_SOS, NULL, PLF_SOS_ROUTE, "Ring the team's SOS number and say you are on Sam's caseload: someone rings back the same working day, and you do not need a new referral", PLF_SOS_PHONE, "0117 496 0999", END)) ||
	    (err = put(x, v2, PLS_AGREE, NULL, PLF_AGREE_WITH, "person", PLF_AGREE_DATE, day_text(x, v2), PLF_AGREE_INTERVAL, "90", PLF_AGREE_REVIEWER, sam, END)) ||
	    (err = version(x, v2, true)))
		return err;
	/* Version 3: a month ago, after the first weeks. */
	int v3 = -30;
	struct plan_input in = {.v = {[PLF_GOAL_TITLE] = "I want to know what to do when my chest gets bad, so I don't end up in A&E",
				      [PLF_GOAL_STATUS] = "achieved", [PLF_GOAL_TARGET] = day_text(x, -60)}};
	struct person_errors errs;
	struct plan_result res;
	if ((err = plan_apply(x->d->c, x->a, &x->who, x->d->now_ms + v3 * DAY_MS, x->episode, PLS_GOAL, g_breath, -1, &in,
			      false, &errs, &res)) ||
	    (err = put(x, v3, PLS_SPEND, NULL, PLF_SPEND_WHAT, "Gym sessions after pulmonary rehabilitation", PLF_SPEND_AMOUNT, "480.00", PLF_SPEND_GOAL, id_text(x, g_walk), END)) ||
	    (err = version(x, v3, true)))
		return err;
	return CP_OK;
}

/* A lighter plan for the k-th other episode, fitting its stage. */
static enum cp_err other(struct dp *x, int k, enum episode_stage st)
{
	const int64_t *u = x->d->user_ids;
	static const char *const goals[] = {
		"I want to get up the stairs without stopping", "I want to go back to the allotment",
		"I want to sleep through the night", "I want to manage my own medicines",
		"I want to see my friends at the community centre again", "I want fewer trips to A&E this winter",
	};
	static const char *const issues[] = {"Falls at home", "Breathlessness", "Loneliness", "Medicines confusing",
					     "Carer worn out", "Blood sugar"};
	int at = -100 + (k % 7);
	enum cp_err err;
	int64_t g1, g2;
	struct store_team_member lead;
	const char *kw = id_text(x, store_team_key_worker(x->d->c, x->a, x->episode, &lead) == CP_OK ? lead.user_id : u[2]);
	if ((err = put(x, at, PLS_ISSUE, NULL, PLF_ISSUE_WHAT, issues[k % 6], PLF_ISSUE_IMPORTANCE, k % 2 ? "8" : "9", PLF_ISSUE_RANKED_BY, "person", END)) ||
	    (err = put(x, at, PLS_GOAL, &g1, PLF_GOAL_TITLE, goals[k % 6], PLF_GOAL_STATUS, "active", PLF_GOAL_TARGET, day_text(x, 40 + k), END)) ||
	    (err = put(x, at, PLS_GOAL, &g2, PLF_GOAL_TITLE, goals[(k + 3) % 6], PLF_GOAL_STATUS, st == STAGE_PLANNING ? "proposed" : "active",
		       PLF_GOAL_GAS_BASELINE, "-1", PLF_GOAL_GAS_0, "Manages it most days", END)) ||
	    (err = put(x, at, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Practise the exercises the physiotherapist showed", PLF_ACTION_GOAL, id_text(x, g1), PLF_ACTION_WHO, "person", PLF_ACTION_RRULE, "FREQ=DAILY", PLF_ACTION_STATUS, "in_progress", PLF_ACTION_CONFIDENCE, "6", END)) ||
	    (err = put(x, at, PLS_ACTION, NULL, PLF_ACTION_WHAT, "Arrange a medicines review", PLF_ACTION_GOAL, id_text(x, g2), PLF_ACTION_WHO, "service", PLF_ACTION_WHO_NAME, "Community pharmacy (fictional)", PLF_ACTION_DUE, day_text(x, 14), PLF_ACTION_STATUS, "not_started", END)) ||
	    (err = put(x, at, PLS_CONTACT, NULL, PLF_CONTACT_NAME, "NHS 111", PLF_CONTACT_KIND, "out_of_hours", PLF_CONTACT_PHONE, "111", END)) ||
	    (err = put(x, at, PLS_SOS, NULL, PLF_SOS_ROUTE, "Ring the team's SOS number; someone rings back the same working day", PLF_SOS_PHONE, "0117 496 0999", END)))
		return err;
	if (st == STAGE_PLANNING)
		return version(x, at, false);
	/* Agreed: next reviews from about three weeks overdue to a month away. */
	int agreed = -60 - (k * 13) % 50;
	if ((err = version(x, at, false)) ||
	    (err = put(x, agreed, PLS_AGREE, NULL, PLF_AGREE_WITH, k % 5 == 2 ? "representative" : "person", PLF_AGREE_NAME, k % 5 == 2 ? "Their daughter" : NULL,
		       PLF_AGREE_DATE, day_text(x, agreed), PLF_AGREE_INTERVAL, "90", PLF_AGREE_REVIEWER, kw, END)) ||
	    (err = version(x, agreed, true)))
		return err;
	return CP_OK;
}

enum cp_err demo_plan(const struct demo_ctx *d)
{
	struct arena *a = arena_new(16u * 1024 * 1024);
	if (!a)
		return CP_ENOMEM;
	struct dp x = {.d = d, .a = a,
		       .who = {.user_id = d->user_ids[2], .role = "key_worker", .client = d->who->client},
		       .today = (int)(d->now_ms / DAY_MS)};
	enum cp_err err = CP_OK;
	int k = 0;
	for (size_t i = 0; i < DEMO_PEOPLE && !err; i++) {
		struct store_episode *eps;
		size_t n;
		if ((err = store_episode_list(d->c, a, d->person_ids[i], 4, &eps, &n)))
			break;
		if (!n)
			continue;
		enum episode_stage st = episode_stage_from_code(eps[0].stage);
		if (st != STAGE_PLANNING && st != STAGE_ACTIVE && st != STAGE_REVIEW && st != STAGE_MAINTENANCE)
			continue;
		x.episode = eps[0].id;
		if (i == 0) {
			struct store_contact *ks;
			size_t nk;
			int64_t carer = 0;
			if ((err = store_contact_list(d->c, a, d->person_ids[0], 20, &ks, &nk)))
				break;
			for (size_t j = 0; j < nk && !carer; j++)
				if (ks[j].is_carer)
					carer = ks[j].id;
			err = margaret(&x, carer);
		} else {
			err = other(&x, k++, st);
		}
	}
	arena_free(a);
	return err;
}
