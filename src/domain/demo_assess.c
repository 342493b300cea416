/*
 * demo_assess.c - the demo's holistic assessments (demo.h).
 *
 * Margaret Hughes's open episode gets a full assessment: her story in her own
 * words (two versions), stories from her GP, community nurse, social worker
 * and pharmacist, agreed outcomes, needs, risks and strengths in most domains
 * (finances left empty, so the page shows a domain still missing), her
 * husband David's own needs as her carer, PHQ-9, GAD-7 and UCLA loneliness
 * results at three dates showing change (the first PHQ-9 with item 9 above
 * 0, followed up since), and her medicines with one flagged for review and
 * one stopped.  Other episodes past entry get lighter assessments.
 *
 * Rows are written with the store's functions inside demo_create's
 * transaction, each with the audit row the service would write (the audit
 * rows say truthfully that the demo wrote them; the records name the
 * professional who would have).  Everything is fictional.
 */
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "caldate.h"
#include "demo.h"
#include "episode.h"

#define MS_PER_DAY 86400000LL

/* The demo logins by their place in demo_logins() (see demo.c). */
enum { L_KEYWORKER = 2, L_GP = 3, L_NURSE = 4, L_CNURSE = 5, L_SOCIAL = 6, L_OT = 7, L_PHARM = 8, L_LINK = 9 };

struct ax {
	const struct demo_ctx *d;
	int64_t episode_id;
	int64_t person_id;
	int today; /* day number of d->now_ms */
};

/* "YYYY-MM-DD" of `ago` days before today, in a static ring of buffers. */
static const char *ago(const struct ax *x, int days)
{
	static char ring[8][CALDATE_STR];
	static unsigned next;
	char *out = ring[next++ % 8];
	struct caldate c;
	if (caldate_from_days(x->today - days, &c))
		c = (struct caldate){2026, 1, 1};
	caldate_format(c, out, CALDATE_STR);
	return out;
}

static int64_t ago_ms(const struct ax *x, int days)
{
	return (int64_t)(x->today - days) * MS_PER_DAY + 11LL * 3600000LL;
}

static enum cp_err audit(const struct ax *x, const char *action, const char *type, int64_t id, const char *reason)
{
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .person_id = x->person_id,
				 .reason = reason};
	return audit_record(x->d->c, x->d->who, &ev, x->d->now_ms);
}

static enum cp_err story(const struct ax *x, int64_t version, int days, int64_t user, const char *by,
			 const char *new_, const char *good, const char *tough, const char *matters)
{
	struct store_story s = {.episode_id = x->episode_id, .version = version, .whats_new = new_,
				.whats_good = good, .whats_tough = tough, .matters_most = matters, .recorded_by = by,
				.user_id = user, .time_ms = ago_ms(x, days)};
	int64_t id;
	enum cp_err err = store_story_insert(x->d->c, &s, &id);
	return err ? err : audit(x, "assessment.story", "assess_story", id, version == 1 ? "version 1" : "version 2");
}

static enum cp_err pro(const struct ax *x, int64_t user, const char *disc, int days, const char *issues,
		       const char *evidence, const char *experience)
{
	struct store_pro_story p = {.episode_id = x->episode_id, .user_id = user, .discipline = disc, .issues = issues,
				    .evidence = evidence, .experience = experience, .story_date = ago(x, days),
				    .created_ms = ago_ms(x, days)};
	int64_t id;
	enum cp_err err = store_pro_story_insert(x->d->c, &p, &id);
	return err ? err : audit(x, "assessment.pro_story", "assess_pro_story", id, disc);
}

static enum cp_err outcome(const struct ax *x, int64_t user, int days, const char *what, const char *who)
{
	struct store_outcome o = {.episode_id = x->episode_id, .outcome = what, .agreed_by = who,
				  .agreed_date = ago(x, days), .user_id = user, .created_ms = ago_ms(x, days)};
	int64_t id;
	enum cp_err err = store_outcome_insert(x->d->c, &o, &id);
	return err ? err : audit(x, "assessment.outcome", "assess_outcome", id, NULL);
}

/* kind: 'n' need, 'r' risk, 's' strength. */
static enum cp_err entry(const struct ax *x, int64_t user, int days, char kind, const char *domain,
			 const char *what, const char *severity, const char *likelihood, const char *mitigation)
{
	struct store_assess_entry e = {.episode_id = x->episode_id,
				       .kind = kind == 'n' ? "need" : kind == 'r' ? "risk" : "strength",
				       .domain = domain, .description = what, .severity = kind == 's' ? NULL : severity,
				       .likelihood = kind == 'r' ? likelihood : NULL,
				       .mitigation = kind == 'r' ? mitigation : NULL, .user_id = user,
				       .created_ms = ago_ms(x, days)};
	int64_t id;
	enum cp_err err = store_assess_entry_insert(x->d->c, &e, &id);
	char why[64];
	snprintf(why, sizeof why, "%s %s", e.kind, domain);
	return err ? err : audit(x, "assessment.entry", "assess_entry", id, why);
}

/* Scores the answers with instrument.c and stores the result. */
static enum cp_err result(const struct ax *x, int64_t user, enum instrument ins, int days, const int *answers)
{
	int n = instrument_items(ins);
	struct instrument_result res;
	char msg[INSTRUMENT_MSG_MAX];
	enum cp_err err = instrument_score(ins, answers, (size_t)n, &res, msg, sizeof msg);
	if (err)
		return err;
	char items[INSTRUMENT_ITEMS_MAX * 3 + 1];
	size_t k = 0;
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(items + k, sizeof items - k, i ? ",%d" : "%d", answers[i]);
	struct store_instrument_result r = {.episode_id = x->episode_id, .instrument = instrument_code(ins),
					    .taken_date = ago(x, days), .items = items, .total = res.total,
					    .band = instrument_band_code(res.band), .safety = res.safety,
					    .user_id = user, .created_ms = ago_ms(x, days)};
	int64_t id;
	if ((err = store_instrument_insert(x->d->c, &r, &id)))
		return err;
	return audit(x, "assessment.instrument", "assess_instrument", id, r.instrument);
}

static enum cp_err medicine(const struct ax *x, int64_t user, int days, const char *name, const char *dose,
			    const char *purpose, const char *review, const char *stopped_why, int stopped_ago)
{
	struct store_medicine m = {.episode_id = x->episode_id, .name = name, .dose = dose, .purpose = purpose,
				   .needs_review = review != NULL, .review_reason = review,
				   .stopped_date = stopped_why ? ago(x, stopped_ago) : NULL,
				   .stopped_reason = stopped_why, .user_id = user, .updated_ms = ago_ms(x, days)};
	int64_t id;
	enum cp_err err = store_medicine_insert(x->d->c, &m, &id);
	return err ? err : audit(x, "assessment.medicine.add", "assess_medicine", id, review ? "needs review" : NULL);
}

/* ---- Margaret Hughes ------------------------------------------------------------------------ */

static enum cp_err margaret(struct ax *x, const int64_t *uid, struct arena *a)
{
	const struct demo_ctx *d = x->d;
	struct store_episode ep;
	enum cp_err err = store_episode_open_of(d->c, a, d->person_ids[0], &ep);
	if (err)
		return err;
	x->episode_id = ep.id;
	x->person_id = ep.person_id;
	int64_t kw = uid[L_KEYWORKER];
	/* Her episode started 120 days ago; assessment ran from day 113 to day 99. */
	if ((err = story(x, 1, 112, kw, "with_professional",
			 "I've been more out of breath since the summer and I don't get out like I used to.",
			 "David. And my granddaughter Lily rings every Sunday.",
			 "My sugars are all over the place and I get muddled with all the tablets. Some days I "
			 "can't see the point of getting dressed.",
			 "Getting back to the church coffee morning on Thursdays, and not being a worry to David.")) ||
	    (err = story(x, 2, 100, kw, "with_professional",
			 "I've been more out of breath since the summer and I don't get out like I used to. The "
			 "new inhaler is helping a bit.",
			 "David. And my granddaughter Lily rings every Sunday. I still do the crossword every day.",
			 "My sugars are all over the place and I get muddled with all the tablets. Some days I "
			 "can't see the point of getting dressed, and I miss my friends from church.",
			 "Getting back to the church coffee morning on Thursdays, and not being a worry to David. "
			 "I want to stay in my own home.")))
		return err;
	if ((err = pro(x, uid[L_GP], "gp", 110,
		       "Type 2 diabetes with HbA1c rising over a year; COPD with two exacerbations last winter; "
		       "moderate depression.",
		       "HbA1c 68 mmol/mol (was 58 a year ago). Spirometry shows moderate obstruction. PHQ-9 of 14.",
		       "Low mood often makes it harder to keep up with diabetes care; treating both together tends "
		       "to work better than either alone.")) ||
	    (err = pro(x, uid[L_CNURSE], "nurse", 108,
		       "Breathless on the stairs; inhaler technique poor; one fall in the bathroom in June.",
		       "Watched her use both inhalers: she does not hold her breath after the dose. Bath has no "
		       "grab rail.",
		       "A spacer and practice at each visit usually helps within a few weeks.")) ||
	    (err = pro(x, uid[L_SOCIAL], "social_worker", 105,
		       "Lonely since she stopped going to church activities; David is doing more and more and is "
		       "tired.",
		       "David says he has not had a full night's sleep for weeks. UCLA loneliness score 8.",
		       "Carers often wait too long to ask for help; a carer's assessment early makes a difference.")) ||
	    (err = pro(x, uid[L_PHARM], "pharmacist", 102,
		       "Nine regular medicines at four times of day; confusion about which is which.",
		       "Two boxes of gliclazide half used; she reported two episodes of shakiness before lunch.",
		       "A simpler regimen and a reminder chart reduce mistakes; the gliclazide dose needs a "
		       "look given the hypos.")))
		return err;
	if ((err = outcome(x, kw, 99, "Margaret is back at the Thursday coffee morning at least twice a month",
			   "Margaret, David and Sam Okafor")) ||
	    (err = outcome(x, kw, 99, "Fewer days when she feels too low to get dressed",
			   "Margaret and Dr Helen Carter")) ||
	    (err = outcome(x, kw, 99, "Taking her medicines safely with a routine she and David understand",
			   "Margaret, David and Daniel Kim")) ||
	    (err = outcome(x, kw, 99, "David gets a regular break and a good night's sleep",
			   "David and Joe Walsh")))
		return err;
	static const struct {
		int who;
		char kind;
		const char *domain, *what, *severity, *likelihood, *mitigation;
	} es[] = {
		{L_GP, 'n', "clinical", "Blood sugar running high; diabetes review and a plan she can manage", "moderate", NULL, NULL},
		{L_CNURSE, 'n', "clinical", "Better control of breathlessness, including inhaler technique", "moderate", NULL, NULL},
		{L_CNURSE, 'r', "clinical", "Chest infection turning into a flare-up of COPD over the winter", "high", "possible",
		 "Rescue pack at home, flu and pneumonia vaccines, a clear plan for who to call"},
		{L_PHARM, 'r', "medicines", "Low blood sugar from the gliclazide dose", "high", "likely",
		 "Medicines review with the GP; know the signs; glucose tablets in her bag"},
		{L_PHARM, 'n', "medicines", "A simpler routine for taking her medicines", "moderate", NULL, NULL},
		{L_GP, 'n', "mental_wellbeing", "Low mood most days (depression); wants talking therapy", "moderate", NULL, NULL},
		{L_SOCIAL, 'n', "mental_wellbeing", "Loneliness since she stopped going out", "moderate", NULL, NULL},
		{L_KEYWORKER, 's', "mental_wellbeing", "Keeps her mind busy: the crossword every day", NULL, NULL, NULL},
		{L_SOCIAL, 's', "social", "Close to David and her granddaughter Lily; a church she belongs to", NULL, NULL, NULL},
		{L_SOCIAL, 'n', "social", "Transport and company to get to the coffee morning", "low", NULL, NULL},
		{L_KEYWORKER, 'n', "lifestyle", "Gentle activity that does not leave her breathless", "low", NULL, NULL},
		{L_CNURSE, 'r', "daily_living", "A fall getting in and out of the bath", "high", "possible",
		 "Grab rail and bath seat from occupational therapy; a shower instead of a bath"},
		{L_KEYWORKER, 's', "daily_living", "Still does her own cooking with David's help", NULL, NULL, NULL},
		{L_KEYWORKER, 'n', "housing", "Stairs are hard; bedroom and bathroom are upstairs", "moderate", NULL, NULL},
		{L_SOCIAL, 'n', "carer", "David needs regular breaks and sleep to keep caring", "high", NULL, NULL},
		{L_SOCIAL, 's', "carer", "David wants to keep caring and knows her well", NULL, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof es / sizeof es[0]; i++)
		if ((err = entry(x, uid[es[i].who], 106 - (int)i / 3, es[i].kind, es[i].domain, es[i].what, es[i].severity,
				 es[i].likelihood, es[i].mitigation)))
			return err;
	/* David, her husband and carer, is one of her contacts. */
	struct store_contact *ks = NULL;
	size_t nk = 0;
	if ((err = store_contact_list(d->c, a, x->person_id, 20, &ks, &nk)))
		return err;
	for (size_t i = 0; i < nk; i++) {
		if (!ks[i].is_carer || strcmp(ks[i].name, "David Hughes") != 0)
			continue;
		struct store_carer_need k = {.episode_id = x->episode_id, .contact_id = ks[i].id,
					     .needs = "Sleep broken most nights helping Margaret to the toilet; no time for "
						      "himself; his own back pain is getting worse.",
					     .what_helps = "A carer's assessment; a sitting service one afternoon a week so he "
							   "can go to the bowls club; advice about a commode for nights.",
					     .user_id = uid[L_SOCIAL], .created_ms = ago_ms(x, 104)};
		int64_t id;
		if ((err = store_carer_need_insert(d->c, &k, &id)) ||
		    (err = audit(x, "assessment.carer_need", "assess_carer_need", id, NULL)))
			return err;
	}
	/* Questionnaires at the start of assessment, two months on and last week. */
	static const int phq[3][9] = {{2, 2, 2, 2, 1, 2, 1, 1, 1}, {2, 1, 2, 2, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1, 1, 0, 0}};
	static const int gad[3][7] = {{2, 2, 2, 1, 1, 2, 1}, {1, 2, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 1, 1}};
	static const int ucla[3][3] = {{3, 2, 3}, {2, 2, 3}, {2, 1, 2}};
	static const int when[3] = {111, 60, 7};
	for (int i = 0; i < 3; i++)
		if ((err = result(x, kw, INSTRUMENT_PHQ9, when[i], phq[i])) ||
		    (err = result(x, kw, INSTRUMENT_GAD7, when[i], gad[i])) ||
		    (err = result(x, uid[L_SOCIAL], INSTRUMENT_UCLA3, when[i] - 1, ucla[i])))
			return err;
	int64_t pharm = uid[L_PHARM];
	if ((err = medicine(x, pharm, 102, "Metformin", "500 mg tablet, two a day with breakfast and evening meal",
			    "Type 2 diabetes", NULL, NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Gliclazide", "80 mg tablet, one in the morning with breakfast",
			    "Type 2 diabetes",
			    "Two episodes of shakiness before lunch that sound like low blood sugar; dose to be "
			    "reviewed with the GP",
			    NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Beclometasone and formoterol inhaler", "Two puffs twice a day, with a spacer",
			    "COPD: keeps the airways open", NULL, NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Salbutamol inhaler", "One or two puffs when breathless, up to four times a day",
			    "COPD: relief when breathless", NULL, NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Sertraline", "50 mg tablet, one a day in the morning", "Depression", NULL,
			    NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Atorvastatin", "20 mg tablet, one at night", "Lowering cholesterol", NULL,
			    NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Ramipril", "5 mg capsule, one a day", "Blood pressure and kidney protection",
			    NULL, NULL, 0)) ||
	    (err = medicine(x, pharm, 102, "Citalopram", "20 mg tablet, one a day", "Depression", NULL,
			    "Changed to sertraline by her GP", 95)))
		return err;
	return CP_OK;
}

/* ---- lighter assessments for others --------------------------------------------------------- */

static const char *const news[] = {
	"I came home from hospital last week and everything feels different.",
	"My legs have got weaker and I worry about the stairs.",
	"I've been feeling low since my wife died in the spring.",
	"The new tablets make me feel sick in the mornings.",
};
static const char *const goods[] = {
	"My daughter pops in most days.", "I still get to the allotment when the weather is dry.",
	"The neighbours are very kind.", "I like my own company and my radio.",
};
static const char *const toughs[] = {
	"Getting to appointments without a car.", "Sleeping: I'm up three or four times a night.",
	"Remembering what the different doctors told me.", "Money is tight since the heating bill went up.",
};
static const char *const matters[] = {
	"Staying in my own home.", "Getting back to my walking group.", "Seeing my grandchildren.",
	"Not ending up in hospital again.",
};
static const struct {
	char kind;
	const char *domain, *what, *severity, *likelihood, *mitigation;
} others_entries[] = {
	{'n', "daily_living", "Help with washing and dressing in the mornings", "moderate", NULL, NULL},
	{'r', "daily_living", "Falls at home, especially at night", "high", "possible",
	 "Night light, pendant alarm, occupational therapy home visit"},
	{'s', "social", "A close family who visit often", NULL, NULL, NULL},
	{'n', "finances", "Check whether they can claim Attendance Allowance", "low", NULL, NULL},
	{'n', "mental_wellbeing", "Low mood and loneliness since a bereavement", "moderate", NULL, NULL},
	{'r', "medicines", "Mixing up tablets after the hospital changes", "moderate", "likely",
	 "Pharmacist review and a blister pack"},
	{'s', "lifestyle", "Walks every day and eats well", NULL, NULL, NULL},
	{'n', "housing", "Cold house: the boiler is old and costly to run", "moderate", NULL, NULL},
};

static enum cp_err other(struct ax *x, const struct store_episode *ep, int k, const int64_t *uid)
{
	x->episode_id = ep->id;
	x->person_id = ep->person_id;
	int started = (int)((x->d->now_ms - ep->started_ms) / MS_PER_DAY);
	int when = started > 10 ? started - 5 : 3; /* a few days into the assessment */
	int64_t kw = uid[L_KEYWORKER];
	size_t m = (size_t)k % 4;
	enum cp_err err = story(x, 1, when, kw, k % 3 == 0 ? "person" : "with_professional", news[m], goods[m],
				toughs[(m + 1) % 4], matters[(m + 2) % 4]);
	if (err)
		return err;
	static const struct {
		int login;
		const char *disc;
	} pros[] = {{L_NURSE, "nurse"}, {L_OT, "occupational_therapist"}, {L_LINK, "link_worker"}, {L_GP, "gp"}};
	size_t p = (size_t)k % 4;
	if ((err = pro(x, uid[pros[p].login], pros[p].disc, when > 1 ? when - 1 : 0,
		       "Several long-term conditions and the services involved do not talk to each other enough.",
		       "Three different appointments last month; two missed.",
		       "One named person to coordinate usually helps.")))
		return err;
	for (int i = 0; i < 3; i++) {
		size_t e = (size_t)(k * 3 + i) % (sizeof others_entries / sizeof others_entries[0]);
		if ((err = entry(x, kw, when, others_entries[e].kind, others_entries[e].domain, others_entries[e].what,
				 others_entries[e].severity, others_entries[e].likelihood, others_entries[e].mitigation)))
			return err;
	}
	if (k % 2 == 0) {
		int phq[9] = {1, 1, 2, 1, 0, 1, 1, 0, 0};
		phq[(size_t)k % 8] = 2;
		if ((err = result(x, kw, INSTRUMENT_PHQ9, when, phq)))
			return err;
	}
	if (k % 3 == 1 && (err = medicine(x, uid[L_PHARM], when, "Paracetamol", "500 mg tablets, two up to four times a day",
					  "Pain", NULL, NULL, 0)))
		return err;
	return CP_OK;
}

enum cp_err demo_assess(const struct demo_ctx *d)
{
	struct arena *a = arena_new(1 << 20);
	if (!a)
		return CP_ENOMEM;
	struct ax x = {.d = d, .today = (int)(d->now_ms / MS_PER_DAY)};
	enum cp_err err = margaret(&x, d->user_ids, a);
	int k = 0;
	for (int i = 1; !err && i < DEMO_PEOPLE; i++) {
		struct store_episode ep;
		err = store_episode_latest_of(d->c, a, d->person_ids[i], &ep);
		if (err == CP_ENOTFOUND) {
			err = CP_OK;
			continue;
		}
		if (err)
			break;
		/* Lighter assessments for about two thirds of those past entry. */
		if (episode_stage_from_code(ep.stage) != STAGE_ENTRY && k++ % 3 != 2)
			err = other(&x, &ep, k, d->user_ids);
	}
	arena_free(a);
	return err;
}
