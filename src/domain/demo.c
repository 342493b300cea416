/* demo.c - fictional demo data. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "caldate.h"
#include "episode.h"
#include "nhsnum.h"
#include "password.h"
#include "role.h"

static const struct demo_login logins[] = {
	{"admin", "Alex Morgan", "administrator", NULL, "user accounts and the service"},
	{"manager", "Priya Shah", "team_manager", NULL, "the team's process quality"},
	{"keyworker", "Sam Okafor", "key_worker", "nurse", "a key worker's caseload"},
	{"gp.carter", "Dr Helen Carter", "professional", "gp", "GP"},
	{"nurse.reid", "Tom Reid", "professional", "nurse", "practice nurse"},
	{"cnurse.mensah", "Grace Mensah", "professional", "nurse", "community nurse"},
	{"social.walsh", "Joe Walsh", "professional", "social_worker", "social worker"},
	{"ot.rahman", "Aisha Rahman", "professional", "occupational_therapist", "occupational therapist"},
	{"pharm.kim", "Daniel Kim", "professional", "pharmacist", "pharmacist"},
	{"link.lopez", "Rosa Lopez", "professional", "link_worker", "link worker, social prescribing"},
	{"person", "Margaret Hughes", "person", NULL, "a person with long-term conditions"},
	{"carer", "David Hughes", "carer", NULL, "Margaret Hughes's carer"},
	{"commissioner", "Neil Foster", "commissioner", NULL, "figures for the service, no names"},
};

const struct demo_login *demo_logins(size_t *n)
{
	*n = sizeof logins / sizeof logins[0];
	return logins;
}

static const char *const given[] = {"Margaret", "John", "Patricia", "Robert", "Linda", "Michael", "Barbara",
				    "William", "Elizabeth", "David", "Susan", "Richard", "Jean", "Joseph",
				    "Maureen", "Thomas", "Irene", "Charles", "Doreen", "Kenneth", "Ayesha",
				    "Mohammed", "Mei", "Kwame", "Siobhan", "Tariq", "Olga", "Rajesh",
				    "Fatima", "Desmond"};
static const char *const family[] = {"Hughes", "Patel", "Evans", "O'Brien", "Thompson", "Khan", "Roberts",
				     "Nowak", "Campbell", "Begum", "Wright", "Chen", "Mensah", "Davies",
				     "Kelly", "Ahmed", "Walker", "Green", "Murphy", "Singh"};
static const char *const streets[] = {"Willow Road", "Mill Lane", "Station Street", "Orchard Close",
				      "Church View", "Canal Side", "Park Terrace", "Beech Avenue"};
static const char *const conditions[] = {"Type 2 diabetes",     "COPD",   "Heart failure",
					 "Parkinson's disease", "Multiple sclerosis", "Stroke",
					 "Dementia",            "Depression"};
static const char *const practices[] = {"Riverside Surgery (fictional)", "Kingsmead Health Centre (fictional)"};
static const char *const relationships[] = {"daughter", "son", "husband", "wife", "partner", "neighbour"};

/* A small deterministic generator so every demo database is the same. */
static unsigned next(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Every fourth person from the fourth on has no episode (ten of forty). */
static bool demo_has_no_episode(int i)
{
	return i % 4 == 3;
}

/* Ten-digit NHS number in the 999 test range with a valid check digit. */
static void make_nhs(char out[11], unsigned *seed)
{
	for (;;) {
		snprintf(out, 11, "999%06u", (next(seed) * 32768u + next(seed)) % 1000000u);
		int cd = nhsnum_check_digit(out);
		if (cd >= 0) {
			out[9] = (char)('0' + cd);
			out[10] = '\0';
			return;
		}
	}
}

static enum cp_err audit_create(struct store_conn *c, const struct audit_actor *who, const char *type,
				int64_t id, int64_t person_id, int64_t now_ms)
{
	char action[64];
	snprintf(action, sizeof action, "%s.create", type);
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .person_id = person_id,
				 .reason = "demo data"};
	return audit_record(c, who, &ev, now_ms);
}

/* ---- episodes of care planning -------------------------------------------
 *
 * Written with the store's functions inside demo_create's one transaction
 * (the episode_service operations each open their own), with the same rows
 * the service writes: the episode, its referral and consents, its key worker
 * from the start, a history row and an audit row for each start, move and
 * change of level (episode.create, episode.stage, episode.level), and an
 * audit row for each care team member added (careteam.add).  History and
 * dates tell the story over the past year; audit rows carry now_ms, when the
 * rows were written. */

#define MS_PER_DAY 86400000LL

/* The demo logins by their place in logins[]. */
enum { L_KEYWORKER = 2, L_GP = 3, L_NURSE = 4, L_CNURSE = 5, L_SOCIAL = 6, L_OT = 7, L_PHARM = 8, L_LINK = 9 };

struct ep {
	struct store_conn *c;
	const struct audit_actor *who;
	int64_t now_ms;
	struct store_episode e; /* as stored, id and version included */
	int64_t key_worker;     /* the story's author of each change: the key worker */
};

/* 10:00 UTC on day number `day`. */
static int64_t day_ms(int day)
{
	return (int64_t)day * MS_PER_DAY + 10LL * 3600000LL;
}

static enum cp_err day_text(int day, char out[CALDATE_STR])
{
	struct caldate d;
	if (caldate_from_days(day, &d))
		return CP_EINVAL;
	caldate_format(d, out, CALDATE_STR);
	return CP_OK;
}

static enum cp_err ep_event(struct ep *x, int64_t t, const char *kind, const char *from, const char *to,
			    const char *closure, const char *reason)
{
	/* The history tells the story as the key worker would have recorded it;
	 * the audit rows say truthfully that the demo command wrote them. */
	struct store_episode_event ev = {.episode_id = x->e.id, .time_ms = t,
					 .user_id = x->key_worker ? x->key_worker : x->who->user_id,
					 .kind = kind, .from_value = from, .to_value = to, .closure = closure,
					 .reason = reason};
	return store_episode_event_insert(x->c, &ev, NULL);
}

struct ep_start {
	int64_t person_id;
	int level;
	int day;               /* day number of the referral and of the start */
	const char *source;    /* NULL: identified by the team */
	const char *urgency;
	const char *reason;
	const char *representative; /* NULL: the person consented */
	int64_t key_worker;    /* user id */
};

static enum cp_err ep_start(struct ep *x, const struct ep_start *s)
{
	enum cp_err err;
	char day[CALDATE_STR];
	if ((err = day_text(s->day, day)))
		return err;
	int64_t t = day_ms(s->day);
	x->e = (struct store_episode){.person_id = s->person_id, .stage = episode_stage_code(STAGE_ENTRY),
				      .level = s->level, .started_ms = t, .updated_ms = t};
	if ((err = store_episode_insert(x->c, &x->e, &x->e.id)))
		return err;
	x->e.version = 1;
	bool referral = s->source != NULL;
	struct store_referral r = {.episode_id = x->e.id, .kind = referral ? "referral" : "team",
				   .source = s->source, .reason = s->reason,
				   .urgency = referral ? s->urgency : NULL, .referral_date = referral ? day : NULL};
	if ((err = store_referral_insert(x->c, &r, NULL)))
		return err;
	static const char *const kinds[2] = {"assessment", "sharing"};
	static const char *const scopes[2] = {
		"Assessment of health, care and support needs by the care team, at home",
		"Sharing the assessment and care plan with the GP practice, community nursing and social care"};
	for (int i = 0; i < 2; i++) {
		struct store_consent k = {.episode_id = x->e.id, .kind = kinds[i],
					  .given_by = s->representative ? "representative" : "person",
					  .representative = s->representative, .given_date = day, .scope = scopes[i]};
		if ((err = store_consent_insert(x->c, &k, NULL)))
			return err;
	}
	struct store_team_member kw = {.episode_id = x->e.id, .user_id = s->key_worker, .role = "Key worker",
				       .from_date = day, .is_key_worker = true};
	x->key_worker = s->key_worker;
	if ((err = store_team_member_insert(x->c, &kw, NULL)) ||
	    (err = ep_event(x, t, "stage", NULL, x->e.stage, NULL,
			    referral ? "Referral received" : "Identified by the team")))
		return err;
	struct audit_event ev = {.action = "episode.create", .object_type = "episode", .object_id = x->e.id,
				 .person_id = s->person_id,
				 .reason = referral ? "referral" : "identified by the team"};
	return audit_record(x->c, x->who, &ev, x->now_ms);
}

static enum cp_err ep_move(struct ep *x, int day, enum episode_stage to, enum episode_closure closure,
			   const char *reason)
{
	char msg[EPISODE_MSG_MAX];
	enum cp_err err = episode_check_transition(episode_stage_from_code(x->e.stage), to, closure, reason, msg,
						   sizeof msg);
	if (err)
		return err;
	int64_t t = day_ms(day);
	struct store_episode next = x->e;
	next.stage = episode_stage_code(to);
	next.closure = to == STAGE_CLOSED ? episode_closure_code(closure) : NULL;
	next.reached_active = x->e.reached_active || to == STAGE_ACTIVE;
	next.ended_ms = episode_stage_open(to) ? 0 : t;
	next.updated_ms = t;
	if ((err = store_episode_update(x->c, &next, x->e.version)) ||
	    (err = ep_event(x, t, "stage", x->e.stage, next.stage, next.closure, reason)))
		return err;
	char why[80];
	snprintf(why, sizeof why, "%s -> %s%s%s", x->e.stage, next.stage, next.closure ? ": " : "",
		 next.closure ? next.closure : "");
	struct audit_event ev = {.action = "episode.stage", .object_type = "episode", .object_id = x->e.id,
				 .person_id = x->e.person_id, .reason = why};
	if ((err = audit_record(x->c, x->who, &ev, x->now_ms)))
		return err;
	next.version = x->e.version + 1;
	x->e = next;
	return CP_OK;
}

static enum cp_err ep_level(struct ep *x, int day, int to, const char *reason)
{
	char msg[EPISODE_MSG_MAX];
	enum cp_err err = episode_check_level_change(episode_level_from_number(x->e.level),
						     episode_level_from_number(to), reason, msg, sizeof msg);
	if (err)
		return err;
	int64_t t = day_ms(day);
	struct store_episode next = x->e;
	next.level = to;
	next.updated_ms = t;
	char from_s[12], to_s[12];
	snprintf(from_s, sizeof from_s, "%d", x->e.level);
	snprintf(to_s, sizeof to_s, "%d", to);
	if ((err = store_episode_update(x->c, &next, x->e.version)) ||
	    (err = ep_event(x, t, "level", from_s, to_s, NULL, reason)))
		return err;
	char why[40];
	snprintf(why, sizeof why, "level %s -> %s", from_s, to_s);
	struct audit_event ev = {.action = "episode.level", .object_type = "episode", .object_id = x->e.id,
				 .person_id = x->e.person_id, .reason = why};
	if ((err = audit_record(x->c, x->who, &ev, x->now_ms)))
		return err;
	next.version = x->e.version + 1;
	x->e = next;
	return CP_OK;
}

static enum cp_err ep_member(struct ep *x, int64_t user_id, const char *role, int day)
{
	char from[CALDATE_STR];
	enum cp_err err = day_text(day, from);
	if (err)
		return err;
	struct store_team_member m = {.episode_id = x->e.id, .user_id = user_id, .role = role, .from_date = from};
	int64_t id;
	if ((err = store_team_member_insert(x->c, &m, &id)))
		return err;
	struct audit_event ev = {.action = "careteam.add", .object_type = "care_team_member", .object_id = id,
				 .person_id = x->e.person_id, .reason = "user"};
	return audit_record(x->c, x->who, &ev, x->now_ms);
}

/* Margaret Hughes: referred by her GP four months ago, now active at level 3
 * (case management) with Sam Okafor as key worker and four others. */
static enum cp_err margaret_episode(struct ep *x, int today, int64_t pid, const int64_t *uid)
{
	int d0 = today - 120;
	enum cp_err err;
	struct ep_start s = {.person_id = pid, .level = 2, .day = d0,
			     .source = "Dr Helen Carter, GP, Riverside Surgery (fictional)", .urgency = "soon",
			     .reason = "Breathless more often, low in mood and finding her diabetes harder to manage; "
				       "several services involved and she would like one plan",
			     .key_worker = uid[L_KEYWORKER]};
	if ((err = ep_start(x, &s)) ||
	    (err = ep_move(x, d0 + 7, STAGE_ASSESSMENT, CLOSURE_NONE, "Agreed to an assessment; first home visit booked")) ||
	    (err = ep_member(x, uid[L_GP], "GP", d0 + 7)) ||
	    (err = ep_member(x, uid[L_CNURSE], "Community nurse", d0 + 7)) ||
	    (err = ep_member(x, uid[L_SOCIAL], "Social worker", d0 + 10)) ||
	    (err = ep_member(x, uid[L_PHARM], "Pharmacist", d0 + 10)) ||
	    (err = ep_level(x, d0 + 14, 3, "Needs from several services that change often; case management agreed")) ||
	    (err = ep_move(x, d0 + 21, STAGE_PLANNING, CLOSURE_NONE, "Assessment complete; ready to agree a plan")) ||
	    (err = ep_move(x, d0 + 35, STAGE_ACTIVE, CLOSURE_NONE,
			   "Care plan agreed with Margaret and David; review in three months")))
		return err;
	return CP_OK;
}

static const char *const reasons[] = {
	"Two falls at home in the last month; finding the stairs hard",
	"More breathless on exertion; several missed appointments",
	"Home from hospital last week; medicines changed and confusing",
	"Low mood since a bereavement; not going out much",
	"Blood sugar poorly controlled; asked for help managing it",
	"Carer finding it hard to cope and asking for support",
	"Memory getting worse; family worried about safety at home",
	"Several conditions and many services involved; wants one plan",
	"Frequent visits to A&E over the winter",
	"Wants to get back to the walking group and the allotment",
};
static const struct {
	const char *source, *urgency;
} sources[] = {
	{"GP, Riverside Surgery (fictional)", "routine"},
	{"Discharge team, Kingsmead General Hospital (fictional)", "urgent"},
	{"Self-referral by telephone", "routine"},
	{"Carer, by telephone", "soon"},
	{"Adult social care (fictional)", "soon"},
	{"Community pharmacy (fictional)", "routine"},
	{"Community mental health team (fictional)", "soon"},
	{"GP, Kingsmead Health Centre (fictional)", "urgent"},
	{NULL, NULL}, /* identified by the team */
};
/* Who else may be key worker, and the role each brings to a care team. */
static const struct {
	int login;
	const char *role;
} members[] = {
	{L_NURSE, "Practice nurse"},   {L_CNURSE, "Community nurse"},     {L_SOCIAL, "Social worker"},
	{L_OT, "Occupational therapist"}, {L_LINK, "Link worker"},        {L_PHARM, "Pharmacist"},
	{L_GP, "GP"},
};
/* The stages the others' episodes reach, in turn. */
static const enum episode_stage spread[] = {STAGE_ENTRY,  STAGE_ASSESSMENT,  STAGE_PLANNING,   STAGE_ACTIVE,
					    STAGE_REVIEW, STAGE_MAINTENANCE, STAGE_DISCHARGED, STAGE_CLOSED};

/* The k-th of the other episodes, for person pid (family name family). */
static enum cp_err other_episode(struct ep *x, int today, int k, int64_t pid, const char *surname,
				 const int64_t *uid)
{
	enum episode_stage target = spread[k % N(spread)];
	int si = (int)(k % N(spread));
	int span = 8 + 40 * si + (k * 11) % 35; /* days since the referral, under a year */
	int d0 = today - span;
	int level = 1 + (k * 2 + k / 3) % 3;
	size_t src = (size_t)(k * 5) % N(sources);
	char rep[64];
	snprintf(rep, sizeof rep, "Ruth %s", surname);
	int64_t kw = k % 2 == 0 ? uid[L_KEYWORKER] : uid[members[(k / 2) % 5].login];
	struct ep_start s = {.person_id = pid, .level = level, .day = d0, .source = sources[src].source,
			     .urgency = sources[src].urgency, .reason = reasons[(size_t)k % N(reasons)],
			     .representative = k % 7 == 3 ? rep : NULL, .key_worker = kw};
	enum cp_err err = ep_start(x, &s);
	if (err || target == STAGE_ENTRY)
		return err;
	/* The moves, evenly spaced, the last a few days ago. */
	enum episode_stage path[6];
	int n = 0;
	path[n++] = STAGE_ASSESSMENT;
	if (target == STAGE_CLOSED) {
		if (k % 2 == 0)
			path[n++] = STAGE_PLANNING;
	} else {
		for (int st = STAGE_PLANNING; st <= (int)target && st <= STAGE_REVIEW; st++)
			path[n++] = (enum episode_stage)st;
		if (target == STAGE_MAINTENANCE || target == STAGE_DISCHARGED)
			path[n++] = target;
	}
	if (target == STAGE_CLOSED)
		path[n++] = STAGE_CLOSED;
	int step = (span - 3) / (n + 1);
	int day = d0;
	for (int j = 0; j < n; j++) {
		day += step;
		enum episode_stage to = path[j];
		const char *why;
		enum episode_closure closure = CLOSURE_NONE;
		switch (to) {
		case STAGE_ASSESSMENT:
			why = "Agreed to an assessment; first home visit booked";
			break;
		case STAGE_PLANNING:
			why = "Assessment complete; ready to agree a plan";
			break;
		case STAGE_ACTIVE:
			why = "Care plan agreed with the person; review date set";
			break;
		case STAGE_REVIEW:
			why = "Review date reached; goals checked with the person";
			break;
		case STAGE_MAINTENANCE:
			why = "Most goals met; monthly check-ins from now on";
			break;
		case STAGE_DISCHARGED:
			why = "Managing well with their own plan; discharged to self-care";
			break;
		default:
			closure = (k / 8) % 3 == 0   ? CLOSURE_MOVED_AWAY
				  : (k / 8) % 3 == 1 ? CLOSURE_DECLINED
						     : CLOSURE_NOT_NEEDED;
			why = closure == CLOSURE_MOVED_AWAY ? "Moved to live with family in another area"
			      : closure == CLOSURE_DECLINED ? "Decided not to go ahead with care planning for now"
							    : "Needs met by the GP practice alone";
			break;
		}
		if ((err = ep_move(x, day, to, closure, why)))
			return err;
		/* One or two others join once the assessment starts. */
		if (to == STAGE_ASSESSMENT) {
			size_t m = (size_t)(k + 2) % N(members);
			if (uid[members[m].login] != kw &&
			    (err = ep_member(x, uid[members[m].login], members[m].role, day)))
				return err;
			size_t m2 = (size_t)(k + 5) % N(members);
			if (k % 3 == 0 && uid[members[m2].login] != kw &&
			    (err = ep_member(x, uid[members[m2].login], members[m2].role, day)))
				return err;
		}
		/* Needs often change at a review. */
		if (to == STAGE_REVIEW && target == STAGE_MAINTENANCE && x->e.level > 1 &&
		    (err = ep_level(x, day, 1, "Fewer needs now; supported self-care is enough")))
			return err;
		if (to == STAGE_REVIEW && target == STAGE_REVIEW && x->e.level < 3 && k % 3 == 1 &&
		    (err = ep_level(x, day, x->e.level + 1, "Health has worsened; more support needed for now")))
			return err;
	}
	return CP_OK;
}

/* Episodes for DEMO_EPISODES of the people: Margaret's, then one for every
 * person but each fourth (from the fourth on), who have none. */
static enum cp_err fill_episodes(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
				 const int64_t *pids, const char *const *families, const int64_t *uid)
{
	struct ep x = {.c = c, .who = who, .now_ms = now_ms};
	int today = (int)(now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0));
	enum cp_err err = margaret_episode(&x, today, pids[0], uid);
	int k = 0;
	for (int i = 1; !err && i < DEMO_PEOPLE; i++)
		if (!demo_has_no_episode(i))
			err = other_episode(&x, today, k++, pids[i], families[i], uid);
	return err;
}

static enum cp_err fill(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, char *msg,
			size_t msgn)
{
	enum cp_err err;
	int64_t org_id, team_id;
	struct store_org org = {.name = "Kingsmead Community Health and Care (fictional)", .ods_code = "ZZZ01"};
	if ((err = store_org_insert(c, &org, &org_id)) ||
	    (err = audit_create(c, who, "organisation", org_id, 0, now_ms)))
		return err;
	struct store_team team = {.org_id = org_id, .name = "Kingsmead Integrated Care Team"};
	if ((err = store_team_insert(c, &team, &team_id)) || (err = audit_create(c, who, "team", team_id, 0, now_ms)))
		return err;

	char hash[PASSWORD_HASH_MAX];
	if (password_hash(DEMO_PASSWORD, hash)) {
		snprintf(msg, msgn, "cannot hash the demo password: out of memory");
		return CP_ENOMEM;
	}

	unsigned seed = 20261122u;
	int64_t first_person = 0, person_user = 0, carer_user = 0;
	int64_t pids[DEMO_PEOPLE];
	const char *families[DEMO_PEOPLE];
	int64_t uids[N(logins)];
	for (int i = 0; i < DEMO_PEOPLE; i++) {
		char nhs[11], dob[11], address[96], phone[20], email[64];
		make_nhs(nhs, &seed);
		const char *g = i == 0 ? "Margaret" : given[next(&seed) % N(given)];
		const char *f = i == 0 ? "Hughes" : family[next(&seed) % N(family)];
		snprintf(dob, sizeof dob, "%04u-%02u-%02u", 1934u + next(&seed) % 52u, 1u + next(&seed) % 12u,
			 1u + next(&seed) % 28u);
		snprintf(address, sizeof address, "%u %s, Kingsmead", 1u + next(&seed) % 120u,
			 streets[next(&seed) % N(streets)]);
		snprintf(phone, sizeof phone, "01632 960%03u", next(&seed) % 1000u);
		snprintf(email, sizeof email, "person%02d@example.org", i + 1);
		char postcode[12];
		snprintf(postcode, sizeof postcode, "ZZ99 %u%c%c", 1u + next(&seed) % 9u, 'A' + next(&seed) % 26,
			 'A' + next(&seed) % 26);
		struct store_person p = {
			.nhs_number = nhs, .given_name = g, .family_name = f,
			.preferred_name = i == 0 ? "Maggie" : NULL, .birth_date = dob, .address = address,
			.postcode = postcode, .phone = phone, .email = i % 3 ? email : NULL,
			.gp_practice = practices[i % N(practices)], .team_id = team_id, .created_ms = now_ms,
		};
		int64_t pid;
		err = store_person_insert(c, &p, &pid);
		if (err == CP_ECONFLICT) { /* the same test number twice: draw again */
			i--;
			continue;
		}
		if (err || (err = audit_create(c, who, "person", pid, pid, now_ms)))
			return err;
		if (i == 0)
			first_person = pid;
		pids[i] = pid;
		families[i] = f;
		/* One to three conditions; the first person's are fixed for the walkthrough. */
		unsigned k = i == 0 ? 3 : 1 + next(&seed) % 3;
		unsigned base = i == 0 ? 0 : next(&seed) % N(conditions);
		for (unsigned j = 0; j < k; j++) {
			const char *cond = i == 0 ? (const char *[]){"Type 2 diabetes", "COPD", "Depression"}[j]
						  : conditions[(base + j * 3) % N(conditions)];
			if ((err = store_condition_insert(c, pid, cond)))
				return err;
		}
		/* Every fourth person has a carer; Margaret's (David, with his own
		 * login) is added with the users below. */
		if (i % 4 == 1) {
			char cname[64], cphone[20];
			snprintf(cname, sizeof cname, "%s %s", given[next(&seed) % N(given)], f);
			snprintf(cphone, sizeof cphone, "07700 900%03u", next(&seed) % 1000u);
			struct store_contact k2 = {.person_id = pid, .name = cname,
						   .relationship = relationships[next(&seed) % N(relationships)],
						   .is_carer = true, .phone = cphone};
			int64_t cid;
			if ((err = store_contact_insert(c, &k2, &cid)) ||
			    (err = audit_create(c, who, "contact", cid, pid, now_ms)))
				return err;
		}
	}

	for (size_t i = 0; i < N(logins); i++) {
		const struct demo_login *l = &logins[i];
		enum role r = role_from_code(l->role);
		struct store_user u = {
			.username = l->username, .display_name = l->name, .role = l->role,
			.discipline = l->discipline, .password_hash = hash, .created_ms = now_ms,
			.team_id = (r == ROLE_MANAGER || r == ROLE_KEYWORKER || r == ROLE_PROFESSIONAL) ? team_id : 0,
			.person_id = r == ROLE_PERSON ? first_person : 0,
		};
		int64_t uid;
		if ((err = store_user_insert(c, &u, &uid)) ||
		    (err = audit_create(c, who, "user", uid, u.person_id, now_ms)))
			return err;
		uids[i] = uid;
		if (r == ROLE_PERSON)
			person_user = uid;
		if (r == ROLE_CARER)
			carer_user = uid;
	}
	/* The carer's login is linked from Margaret's contact entry for David. */
	struct store_contact link = {.person_id = first_person, .name = "David Hughes", .relationship = "husband",
				     .is_carer = true, .phone = "07700 900123", .user_id = carer_user};
	int64_t lid;
	if ((err = store_contact_insert(c, &link, &lid)) ||
	    (err = audit_create(c, who, "contact", lid, first_person, now_ms)))
		return err;
	/* Feedback from Margaret and David over the year (7 responses, so
	 * the team's figures are shown to commissioners). */
	static const struct {
		bool carer;
		int involved, listened, useful, days_ago;
		const char *comment;
	} said[] = {
		{false, 3, 4, 3, 300, "It was a lot of forms at first, but Sam explained them."},
		{true, 4, 4, 4, 280, NULL},
		{false, 4, 5, 4, 200, "I like having one person to ring."},
		{true, 5, 4, 4, 150, "Good to be asked how I am managing too."},
		{false, 5, 5, 4, 90, NULL},
		{false, 4, 5, 5, 30, "The walking group has made a real difference."},
		{true, 4, 3, 4, 10, "Letters about appointments sometimes come late."},
	};
	for (size_t i = 0; i < N(said); i++) {
		struct store_feedback f = {.team_id = team_id,
					   .person_id = first_person,
					   .user_id = said[i].carer ? carer_user : person_user,
					   .giver = said[i].carer ? "carer" : "person",
					   .involved = said[i].involved,
					   .listened = said[i].listened,
					   .useful = said[i].useful,
					   .comment = said[i].comment,
					   .created_ms = now_ms - (int64_t)said[i].days_ago * 86400000LL};
		int64_t fid;
		if ((err = store_feedback_insert(c, &f, &fid)) ||
		    (err = audit_create(c, who, "feedback", fid, first_person, now_ms)))
			return err;
	}
	/* Margaret lets David see her plan. */
	struct store_grant grant = {.person_id = first_person, .carer_user_id = carer_user, .contact_id = lid,
				    .granted_ms = now_ms};
	int64_t gid;
	if ((err = store_grant_insert(c, &grant, &gid)) || (err = audit_create(c, who, "grant", gid, first_person, now_ms)))
		return err;
	if ((err = fill_episodes(c, who, now_ms, pids, families, uids))) {
		snprintf(msg, msgn, "cannot create the demo episodes: %s", cp_strerror(err));
		return err;
	}
	/* Each part of the cycle fills in its own records for the episodes
	 * above (demo_<area>.c), in the order the cycle runs. */
	static const struct {
		const char *what;
		enum cp_err (*fill)(const struct demo_ctx *d);
	} areas[] = {
		{"assessments", demo_assess},
		{"care plans", demo_plan},
		{"activity and reviews", demo_review},
		{"About me and questions for review", demo_my},
		{"readings and review appointments", demo_letter},
		{"directory of local services", demo_dir},
		{"signposts and referrals to local services", demo_ref},
		{"self-assessments", demo_sat},
		{"hospital activity events", demo_events},
	};
	struct demo_ctx d = {.c = c, .who = who, .now_ms = now_ms, .person_ids = pids, .user_ids = uids};
	for (size_t i = 0; i < N(areas); i++) {
		if ((err = areas[i].fill(&d))) {
			snprintf(msg, msgn, "cannot create the demo %s: %s", areas[i].what, cp_strerror(err));
			return err;
		}
	}
	return CP_OK;
}

enum cp_err demo_create(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, char *msg,
			size_t msgn)
{
	struct arena *a = arena_new(64 * 1024);
	if (!a) {
		snprintf(msg, msgn, "out of memory");
		return CP_ENOMEM;
	}
	struct store_user *users;
	size_t n = 0;
	enum cp_err err = store_user_list(c, a, 1, &users, &n);
	arena_free(a);
	if (err) {
		snprintf(msg, msgn, "cannot read the user list: %s", cp_strerror(err));
		return err;
	}
	if (n > 0) {
		snprintf(msg, msgn, "the database already has users; demo data goes only into an empty database");
		return CP_ECONFLICT;
	}
	if ((err = store_begin(c))) {
		snprintf(msg, msgn, "cannot start a transaction: %s", cp_strerror(err));
		return err;
	}
	msg[0] = '\0';
	err = fill(c, who, now_ms, msg, msgn);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	if (!err && (err = demo_register(c, who, now_ms, msg, msgn)) && !msg[0])
		snprintf(msg, msgn, "cannot import the demo register: %s", cp_strerror(err));
	if (err && !msg[0])
		snprintf(msg, msgn, "cannot create demo data: %s", cp_strerror(err));
	return err;
}
