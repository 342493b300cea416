/*
 * gen_region.c - a region-sized Careplan database for benchmarks.
 *
 *   build/release/gen_region [--db FILE] [--seed N] [--people N] [--episodes N]
 *                            [--audit N] [--today YYYY-MM-DD]
 *
 * Makes FILE (default bench/out/region.db) from nothing: the schema of
 * `careplan init` (store_open runs the migrations), then, deterministically
 * from the seed, one organisation, 40 teams, 400 professional logins, 200 000
 * people with conditions and contacts, 40 000 episodes of care planning at
 * every stage with their history, referral, consents and care team, a care
 * plan with goals and actions for every episode past assessment, the
 * holistic assessment (the person's story, professionals' stories, outcomes,
 * needs, risks and strengths, questionnaire results, medicines), the reviews
 * held since each plan was agreed (goal progress, attendees; each moves the
 * review date on, and the last decision fits the stage now), maintenance
 * check-ins, the route back of each discharge, the activity log and the
 * actions' status history, and 2 000 000 audit rows whose hash chain
 * `careplan audit verify` accepts (the records after the plans have no audit
 * rows of their own: the chain is the year of use below).
 * Dates are spread around --today (default: today, UTC), so worklists have
 * overdue and due-soon rows.  Every login has the demo password.
 *
 * It writes into FILE.part and renames it to FILE at the end, so FILE is
 * either complete or absent.  It prints what it made, how long it took, the
 * database's size, and the key worker with the biggest caseload (also kept
 * in FILE.info, one "key=value" a line, for bench/region.sh).
 *
 * WHY THIS FILE HAS SQL: this is a bulk loader for benchmarks, not product
 * code, and it is the one place outside src/store that writes SQL.  The
 * store's API writes one row per call with an audit row each and a head
 * update per audit row; for ~3.5 million rows that would take far longer
 * than the few minutes a benchmark may spend making its data.  So the tables
 * are filled here with prepared statements (constant SQL, values always
 * bound) in large transactions, with synchronous=OFF and no rollback journal
 * during the load; WAL is restored at the end.  The audit rows are hashed
 * with the audit module's own audit_hash(), so the chain is the product's.
 * scripts/lint checks src/ only; this file follows its rules anyway.
 *
 * The holistic assessment (migration 4), reviews, exit and the activity log
 * (migration 6) are written by gen_assessments(), gen_reviews() and
 * gen_activity() after the episodes and plans, from what gen_episode() and
 * gen_plan() kept of each episode (struct epi).
 */
#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../src/domain/audit.h"
#include "../src/domain/caldate.h"
#include "../src/domain/demo.h"
#include "../src/domain/instrument.h"
#include "../src/domain/nhsnum.h"
#include "../src/domain/password.h"
#include "../src/store/store.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MS_PER_DAY 86400000LL
#define TEAMS 40
#define USERS_PER_TEAM 10 /* 1 manager, 4 key workers, 5 professionals: 400 */
#define KW_PER_TEAM 4
#define PRO_PER_TEAM 5
#define BATCH 50000 /* rows per transaction */

/* ---- options ----------------------------------------------------------------- */

struct opts {
	const char *db;
	uint64_t seed;
	long people, episodes, audit;
	int today; /* day number */
};

/* ---- deterministic random numbers (splitmix64) ------------------------------------ */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* 0..n-1 */
static long rnd(long n)
{
	return n <= 1 ? 0 : (long)(rnd64() % (uint64_t)n);
}

/* True with probability pct/100. */
static bool chance(int pct)
{
	return rnd(100) < pct;
}

/* ---- fictional names and words ------------------------------------------------ */

static const char *const given[] = {
	"Margaret", "John",   "Patricia", "Robert",   "Linda",   "Michael", "Barbara", "William", "Elizabeth",
	"David",    "Susan",  "Richard",  "Jean",     "Joseph",  "Maureen", "Thomas",  "Irene",   "Charles",
	"Doreen",   "Kenneth", "Ayesha",  "Mohammed", "Mei",     "Kwame",   "Siobhan", "Tariq",   "Olga",
	"Rajesh",   "Fatima", "Desmond",  "Sarah",    "James",   "Helen",   "Peter",   "Anne",    "Paul",
	"Janet",    "Brian",  "Carol",    "George",   "Sandra",  "Alan",    "Christine", "Keith", "Pauline",
	"Graham",   "Sheila", "Derek",    "Gloria",   "Winston", "Priya",   "Sunita",  "Amrit",   "Zofia",
	"Piotr",    "Aled",   "Bronwen",  "Eilidh",   "Callum",  "Noor"};
/* Family names, most common first: the i-th is drawn about twice as often
 * as the (2i)-th, so a few prefixes ("Smi", "Jon", "Pat") match thousands. */
static const char *const family[] = {
	"Smith",    "Jones",    "Williams", "Taylor",  "Brown",   "Davies",  "Evans",    "Wilson",  "Thomas",
	"Johnson",  "Roberts",  "Robinson", "Thompson", "Wright", "Walker",  "White",    "Edwards", "Hughes",
	"Green",    "Hall",     "Lewis",    "Harris",  "Clarke",  "Patel",   "Jackson",  "Wood",    "Turner",
	"Martin",   "Cooper",   "Hill",     "Ward",    "Morris",  "Moore",   "Clark",    "Lee",     "King",
	"Baker",    "Harrison", "Morgan",   "Allen",   "James",   "Scott",   "Phillips", "Watson",  "Davis",
	"Parker",   "Price",    "Bennett",  "Young",   "Griffiths", "Mitchell", "Kelly", "Cook",    "Carter",
	"Richardson", "Bailey", "Collins",  "Bell",    "Shaw",    "Murphy",  "Miller",   "Cox",     "Richards",
	"Khan",     "Marshall", "Anderson", "Simpson", "Ellis",   "Adams",   "Singh",    "Begum",   "Wilkinson",
	"Foster",   "Chapman",  "Powell",   "Webb",    "Rogers",  "Gray",    "Mason",    "Ali",     "Hunt",
	"Hussain",  "Campbell", "Matthews", "Owen",    "Palmer",  "Holmes",  "Mills",    "Barnes",  "Knight",
	"Lloyd",    "Butler",   "Russell",  "Barker",  "Fisher",  "Stevens", "Jenkins",  "Murray",  "Dixon",
	"Harvey",   "Nowak",    "Chen",     "Mensah",  "O'Brien", "Okafor",  "Ahmed",    "Kowalski", "Nguyen"};
static const char *const streets[] = {"Willow Road", "Mill Lane",    "Station Street", "Orchard Close",
				      "Church View", "Canal Side",   "Park Terrace",   "Beech Avenue",
				      "High Street", "Victoria Road", "Chapel Row",    "Meadow Way",
				      "Kings Drive", "Quarry Hill",  "Bridge End",     "Forge Lane"};
static const char *const towns[] = {"Kingsmead", "Ashby Vale", "Riverford", "Holmbury", "Eastwick",
				    "Northgate", "Saltby",     "Greystone", "Longmoor", "Westcott"};
static const char *const conditions[] = {
	"Type 2 diabetes", "COPD",      "Heart failure",        "Parkinson's disease", "Multiple sclerosis",
	"Stroke",          "Dementia",  "Depression",           "Asthma",              "Chronic kidney disease",
	"Osteoarthritis",  "Epilepsy",  "Atrial fibrillation",  "Hypertension",        "Rheumatoid arthritis",
	"Anxiety",         "Coronary heart disease", "Type 1 diabetes", "Motor neurone disease", "Frailty"};
static const char *const relationships[] = {"daughter", "son", "husband", "wife", "partner", "neighbour",
					    "friend", "sister", "brother", "niece"};
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
	{"GP practice (fictional)", "routine"},
	{"Hospital discharge team (fictional)", "urgent"},
	{"Self-referral by telephone", "routine"},
	{"Carer, by telephone", "soon"},
	{"Adult social care (fictional)", "soon"},
	{"Community pharmacy (fictional)", "routine"},
	{"Community mental health team (fictional)", "soon"},
	{NULL, NULL}, /* identified by the team */
};
static const struct {
	const char *code, *role;
} disciplines[] = {
	{"nurse", "Community nurse"},       {"social_worker", "Social worker"},
	{"occupational_therapist", "Occupational therapist"}, {"physiotherapist", "Physiotherapist"},
	{"pharmacist", "Pharmacist"},       {"link_worker", "Link worker"},
	{"gp", "GP"},                       {"psychologist", "Psychologist"},
	{"voluntary_sector", "Voluntary sector"},
};
static const char *const goals[] = {
	"Walk to the shops and back without stopping",  "Feel less alone; get out of the house twice a week",
	"Understand my medicines and take them safely", "Keep my blood sugar in the range agreed with my nurse",
	"Stay living in my own home",                   "Have no more falls",
	"Get back to the allotment",                    "Sleep through the night most nights",
	"Have a break from caring once a week",         "Manage my breathing when I have a flare-up",
	"Cook a hot meal for myself most days",         "Go to my granddaughter's wedding in the summer"};
static const char *const actions_what[] = {
	"Practise the exercises from the physiotherapist", "Weekly check of blood sugar readings with the nurse",
	"Medicines review with the pharmacist",            "Try the walking group on Tuesdays",
	"Fit a second stair rail and a bath seat",         "Keep a diary of breathlessness",
	"Arrange a carer's assessment",                    "Call from the link worker about local groups",
	"Set up a dosette box with the pharmacy",          "Agree a rescue pack plan with the GP",
	"Try the memory café on Thursdays",                "Book a benefits check with the advice service"};
static const char *const rrules[] = {"FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYMONTHDAY=1",
				     "FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"};

/* A family-name index skewed towards the start of the list. */
static size_t pick_family(void)
{
	/* The minimum of two uniform draws, squared-ish: a smooth skew. */
	long a = rnd((long)N(family)), b = rnd((long)N(family)), c = rnd((long)N(family));
	long m = a < b ? a : b;
	return (size_t)(m < c ? m : c);
}

/* ---- SQL: every statement once, constant text, values bound ------------------------- */

enum stmt_id {
	S_ORG, S_TEAM, S_USER, S_PERSON, S_CONDITION, S_CONTACT, S_EPISODE, S_EVENT, S_REFERRAL, S_CONSENT,
	S_MEMBER, S_PLAN, S_GOAL, S_ACTION, S_AUDIT, S_AUDIT_HEAD,
	/* migration 4: the holistic assessment */
	S_STORY, S_PRO_STORY, S_OUTCOME, S_ENTRY, S_CARER_NEED, S_INSTRUMENT, S_MEDICINE,
	/* migration 6: implementation, reviews, exit */
	S_ACTION_EVENT, S_ACTIVITY, S_REVIEW, S_REVIEW_GOAL, S_REVIEW_ATTENDEE, S_EXIT, S_MAINTENANCE, S_CHECKIN,
	S__MAX
};
static const char *const stmt_sql[S__MAX] = {
	[S_ORG] = "INSERT INTO organisation(id, name, ods_code) VALUES (?1, ?2, ?3)",
	[S_TEAM] = "INSERT INTO team(id, organisation_id, name) VALUES (?1, ?2, ?3)",
	[S_USER] = "INSERT INTO users(id, username, display_name, role, discipline, team_id, person_id, "
		   "password_hash, disabled, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, 0, ?8)",
	[S_PERSON] = "INSERT INTO person(id, nhs_number, given_name, family_name, preferred_name, birth_date, "
		     "address, postcode, phone, email, gp_practice, team_id, created_ms, communication_needs, "
		     "reasonable_adjustments, version, updated_ms) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1, ?13)",
	[S_CONDITION] = "INSERT INTO person_condition(person_id, name) VALUES (?1, ?2)",
	[S_CONTACT] = "INSERT INTO contact(id, person_id, name, relationship, is_carer, phone, user_id, "
		      "is_representative, is_next_of_kin, is_emergency, email) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9, NULL)",
	[S_EPISODE] = "INSERT INTO episode(id, person_id, stage, level, closure, previous_episode_id, "
		      "reached_active, started_ms, ended_ms, version, updated_ms) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9, ?10)",
	[S_EVENT] = "INSERT INTO episode_event(episode_id, time_ms, user_id, kind, from_value, to_value, closure, "
		    "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_REFERRAL] = "INSERT INTO referral(episode_id, kind, source, reason, urgency, referral_date) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_CONSENT] = "INSERT INTO consent(episode_id, kind, given_by, representative, given_date, scope) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_MEMBER] = "INSERT INTO care_team_member(id, episode_id, user_id, name, organisation, role, from_date, "
		     "to_date, is_key_worker) VALUES (?1, ?2, ?3, NULL, NULL, ?4, ?5, ?6, ?7)",
	[S_PLAN] = "INSERT INTO care_plan(id, episode_id, status, version, agreed_with, agreed_by_name, "
		   "agreed_date, review_interval_days, next_review_date, review_by_user_id, created_ms, updated_ms, "
		   "updated_by_user_id, review_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[S_GOAL] = "INSERT INTO plan_goal(id, plan_id, position, title, status, target_date, gas_baseline, "
		   "gas_m2, gas_m1, gas_0, gas_p1, gas_p2) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_ACTION] = "INSERT INTO plan_action(id, plan_id, goal_id, position, what, who_kind, who_user_id, who_name, "
		     "due_date, rrule, status, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_AUDIT] = "INSERT INTO audit(id, time_ms, user_id, role, action, object_type, object_id, person_id, "
		    "reason, request_id, client, prev_hash, hash) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[S_AUDIT_HEAD] = "UPDATE audit_head SET last_id = ?1, last_hash = ?2 WHERE id = 1",
	[S_STORY] = "INSERT INTO assess_story(episode_id, version, whats_new, whats_good, whats_tough, matters_most, "
		    "recorded_by, user_id, time_ms) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_PRO_STORY] = "INSERT INTO assess_pro_story(episode_id, user_id, discipline, issues, evidence, experience, "
			"story_date, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_OUTCOME] = "INSERT INTO assess_outcome(episode_id, outcome, agreed_by, agreed_date, user_id, created_ms) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_ENTRY] = "INSERT INTO assess_entry(episode_id, kind, domain, description, severity, likelihood, mitigation, "
		    "user_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_CARER_NEED] = "INSERT INTO assess_carer_need(episode_id, contact_id, needs, what_helps, user_id, created_ms) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_INSTRUMENT] = "INSERT INTO assess_instrument(episode_id, instrument, taken_date, items, total, band, safety, "
			 "user_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_MEDICINE] = "INSERT INTO assess_medicine(episode_id, name, dose, purpose, needs_review, review_reason, "
		       "stopped_date, stopped_reason, version, user_id, updated_ms) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10)",
	[S_ACTION_EVENT] = "INSERT INTO action_event(action_id, time_ms, user_id, from_status, to_status, "
			   "from_confidence, to_confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_ACTIVITY] = "INSERT INTO activity(episode_id, action_id, activity_date, kind, who, minutes, note, user_id, "
		       "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_REVIEW] = "INSERT INTO review(id, episode_id, held_date, person_attended, carer_attended, others, "
		     "person_view, what_changed, decision, level_from, level_to, closure, reason, next_review_date, "
		     "user_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?12, ?13, ?14, ?15)",
	[S_REVIEW_GOAL] = "INSERT INTO review_goal(review_id, goal_id, title, note, gas_baseline, gas_level) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_REVIEW_ATTENDEE] = "INSERT INTO review_attendee(review_id, user_id, name) VALUES (?1, ?2, ?3)",
	[S_EXIT] = "INSERT INTO episode_exit(episode_id, sos_who, sos_phone, sos_how, user_id, recorded_ms) "
		   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_MAINTENANCE] = "INSERT INTO maintenance(episode_id, interval_days, next_checkin_date, updated_ms) "
			  "VALUES (?1, ?2, ?3, ?4)",
	[S_CHECKIN] = "INSERT INTO checkin(episode_id, checkin_date, note, next_checkin_date, user_id, created_ms) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

static sqlite3 *db;
static sqlite3_stmt *stmts[S__MAX];
static long in_tx; /* rows written in the open transaction */

__attribute__((noreturn, format(printf, 1, 2))) static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen_region: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void exec_sql(const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		die("%s: %s", sql, err ? err : "?");
}

/* Binding: one value per call, in order. */
struct row {
	sqlite3_stmt *s;
	int i;
};

static struct row row(enum stmt_id id)
{
	return (struct row){.s = stmts[id], .i = 0};
}

static void b_int(struct row *r, int64_t v)
{
	sqlite3_bind_int64(r->s, ++r->i, v);
}

static void b_text(struct row *r, const char *v) /* NULL binds NULL */
{
	if (v)
		sqlite3_bind_text(r->s, ++r->i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(r->s, ++r->i);
}

static void b_blob(struct row *r, const void *p, int n)
{
	sqlite3_bind_blob(r->s, ++r->i, p, n, SQLITE_TRANSIENT);
}

static void b_null(struct row *r)
{
	sqlite3_bind_null(r->s, ++r->i);
}

/* Runs the row's statement; commits and opens a new transaction every BATCH rows. */
static void run(struct row *r)
{
	if (sqlite3_step(r->s) != SQLITE_DONE)
		die("insert failed: %s (%s)", sqlite3_errmsg(db), sqlite3_sql(r->s));
	sqlite3_reset(r->s);
	sqlite3_clear_bindings(r->s);
	if (++in_tx >= BATCH) {
		exec_sql("COMMIT; BEGIN");
		in_tx = 0;
	}
}

/* ---- dates --------------------------------------------------------------------- */

static void day_text(int day, char out[CALDATE_STR])
{
	struct caldate d;
	if (caldate_from_days(day, &d))
		die("day %d is out of range", day);
	caldate_format(d, out, CALDATE_STR);
}

/* A time on day `day` in working hours, 09:00 to 17:00 UTC. */
static int64_t day_ms(int day)
{
	return (int64_t)day * MS_PER_DAY + 9LL * 3600000LL + rnd(8 * 3600) * 1000LL;
}

/* ---- what was made ------------------------------------------------------------------ */

struct user {
	char username[40];
	char name[64];
	const char *role;       /* code */
	const char *discipline; /* code or NULL */
	const char *team_role;  /* how they appear in a care team */
	int team;               /* 1..TEAMS, 0 for none */
	long caseload;          /* open episodes they are the current key worker of */
};

static struct user users[1 + TEAMS * USERS_PER_TEAM + 8];
static int n_users;

static struct {
	long orgs, teams, users, people, conditions, contacts, carers, episodes, events, referrals, consents,
		members, plans, plans_agreed, goals, actions, audit;
	long stories, pro_stories, outcomes, entries, carer_needs, instruments, medicines;
	long action_events, activities, reviews, review_goals, attendees, exits, maintenance, checkins;
	long stage[8];
	long open_with_kw, open_without_kw, overdue, due_soon;
	long act_events;
} made;

static const char *const stage_codes[8] = {"entry",  "assessment",  "planning",   "active",
					   "review", "maintenance", "discharged", "closed"};
enum { ST_ENTRY, ST_ASSESSMENT, ST_PLANNING, ST_ACTIVE, ST_REVIEW, ST_MAINTENANCE, ST_DISCHARGED, ST_CLOSED };

/* person id -> team (1..TEAMS); people are spread evenly. */
static int person_team(long pid)
{
	return (int)((pid - 1) % TEAMS) + 1;
}

/* ---- organisation, teams, users ------------------------------------------------------ */

static void gen_org(int64_t t0)
{
	struct row r = row(S_ORG);
	b_int(&r, 1);
	b_text(&r, "North Vale Integrated Care (fictional region)");
	b_text(&r, "ZZR01");
	run(&r);
	made.orgs = 1;
	for (int t = 1; t <= TEAMS; t++) {
		char name[96];
		snprintf(name, sizeof name, "%s %s Care Team", towns[(t - 1) % N(towns)],
			 (const char *[]){"North", "South", "East", "West"}[(t - 1) / (int)N(towns) % 4]);
		r = row(S_TEAM);
		b_int(&r, t);
		b_int(&r, 1);
		b_text(&r, name);
		run(&r);
		made.teams++;
	}
	(void)t0;
}

static void add_user(const char *username, const char *role, const char *disc, const char *team_role, int team)
{
	if (n_users + 1 >= (int)N(users))
		die("too many users");
	struct user *u = &users[++n_users];
	snprintf(u->name, sizeof u->name, "%s %s", given[rnd((long)N(given))], family[rnd((long)N(family))]);
	snprintf(u->username, sizeof u->username, "%s", username);
	u->role = role;
	u->discipline = disc;
	u->team_role = team_role;
	u->team = team;
}

static void gen_users(const char *hash, int64_t t0)
{
	add_user("admin", "administrator", NULL, NULL, 0);
	add_user("commissioner", "commissioner", NULL, NULL, 0);
	for (int t = 1; t <= TEAMS; t++) {
		char un[40];
		snprintf(un, sizeof un, "manager.t%02d", t);
		add_user(un, "team_manager", NULL, "Team manager", t);
		for (int k = 0; k < KW_PER_TEAM; k++) {
			const char *d = k % 2 ? "social_worker" : "nurse";
			snprintf(un, sizeof un, "kw%d.t%02d", k + 1, t);
			add_user(un, "key_worker", d, "Key worker", t);
		}
		for (int k = 0; k < PRO_PER_TEAM; k++) {
			size_t di = (size_t)(t + k * 2) % N(disciplines);
			snprintf(un, sizeof un, "pro%d.t%02d", k + 1, t);
			add_user(un, "professional", disciplines[di].code, disciplines[di].role, t);
		}
	}
	for (int i = 1; i <= n_users; i++) {
		const struct user *u = &users[i];
		struct row r = row(S_USER);
		b_int(&r, i);
		b_text(&r, u->username);
		b_text(&r, u->name);
		b_text(&r, u->role);
		b_text(&r, u->discipline);
		if (u->team)
			b_int(&r, u->team);
		else
			b_null(&r);
		b_text(&r, hash);
		b_int(&r, t0);
		run(&r);
		made.users++;
	}
}

/* The user id of team t's k-th key worker, k-th professional, its manager. */
static int team_manager(int t)
{
	return 2 + (t - 1) * USERS_PER_TEAM + 1;
}
static int team_kw(int t, int k)
{
	return team_manager(t) + 1 + k;
}
static int team_pro(int t, int k)
{
	return team_manager(t) + 1 + KW_PER_TEAM + k;
}

/* ---- people ------------------------------------------------------------------------- */

/* The i-th (from 0) of a run of distinct valid NHS numbers: nine digits
 * from 900000000..989999999 in a seeded, scattered order (an odd multiplier
 * not divisible by 5 is a bijection modulo 10^8), then the check digit;
 * nine-digit starts whose check digit would be 10 are skipped.  The 999
 * test range (used by the demo) is never reached. */
static uint64_t nhs_j;
static void next_nhs(char out[11], uint64_t seed)
{
	for (;;) {
		uint64_t v = (nhs_j++ * 48271ull + seed * 7919ull) % 90000000ull;
		snprintf(out, 11, "%09" PRIu64, (uint64_t)(900000000u + v));
		int cd = nhsnum_check_digit(out);
		if (cd >= 0) {
			out[9] = (char)('0' + cd);
			out[10] = '\0';
			return;
		}
	}
}

/* person id -> the id of their first contact who is a carer, 0 for none. */
static long *carer_of;

static void gen_people(const struct opts *o, int64_t t0)
{
	carer_of = calloc((size_t)o->people + 1, sizeof *carer_of);
	if (!carer_of)
		die("out of memory");
	for (long pid = 1; pid <= o->people; pid++) {
		char nhs[11], dob[CALDATE_STR], address[96], postcode[12], phone[20], email[64], gp[96];
		next_nhs(nhs, o->seed);
		const char *g = given[rnd((long)N(given))];
		const char *f = family[pick_family()];
		/* Aged 18 to 100, older more often. */
		long age_days = 18 * 365 + (rnd(60 * 365) + rnd(60 * 365) + rnd(82 * 365)) / 2;
		day_text(o->today - (int)age_days, dob);
		int team = person_team(pid);
		snprintf(address, sizeof address, "%ld %s, %s", 1 + rnd(180), streets[rnd((long)N(streets))],
			 towns[(team - 1) % N(towns)]);
		snprintf(postcode, sizeof postcode, "ZZ99 %ld%c%c", 1 + rnd(9), (char)('A' + rnd(26)),
			 (char)('A' + rnd(26)));
		snprintf(phone, sizeof phone, "01632 960%03ld", rnd(1000));
		snprintf(email, sizeof email, "person%ld@example.org", pid);
		snprintf(gp, sizeof gp, "%s Medical Practice %d (fictional)", towns[(team - 1) % N(towns)], 1 + (int)rnd(4));
		struct row r = row(S_PERSON);
		b_int(&r, pid);
		b_text(&r, nhs);
		b_text(&r, g);
		b_text(&r, f);
		b_text(&r, chance(8) ? (const char *[]){"Maggie", "Bob", "Bill", "Liz", "Sue", "Ken"}[rnd(6)] : NULL);
		b_text(&r, dob);
		b_text(&r, address);
		b_text(&r, postcode);
		b_text(&r, phone);
		b_text(&r, chance(40) ? email : NULL);
		b_text(&r, gp);
		b_int(&r, team);
		b_int(&r, t0);
		b_text(&r, chance(10) ? "Prefers large print; hard of hearing, face the person when speaking" : NULL);
		b_text(&r, chance(5) ? "Morning visits only; a family member present at appointments" : NULL);
		run(&r);
		made.people++;
		long nc = 1 + rnd(3), base = rnd((long)N(conditions));
		for (long j = 0; j < nc; j++) {
			r = row(S_CONDITION);
			b_int(&r, pid);
			b_text(&r, conditions[(size_t)(base + j * 7) % N(conditions)]);
			run(&r);
			made.conditions++;
		}
		/* Half have a contact; a third of those contacts are carers. */
		long nk = chance(50) ? 1 + rnd(2) : 0;
		for (long j = 0; j < nk; j++) {
			char name[80], cphone[20];
			snprintf(name, sizeof name, "%s %s", given[rnd((long)N(given))], f);
			snprintf(cphone, sizeof cphone, "07700 900%03ld", rnd(1000));
			bool carer = chance(33);
			r = row(S_CONTACT);
			b_int(&r, ++made.contacts);
			b_int(&r, pid);
			b_text(&r, name);
			b_text(&r, relationships[rnd((long)N(relationships))]);
			b_int(&r, carer);
			b_text(&r, cphone);
			b_int(&r, carer && chance(20));
			b_int(&r, j == 0);
			b_int(&r, j == 0 && chance(70));
			run(&r);
			made.carers += carer;
			if (carer && !carer_of[pid])
				carer_of[pid] = made.contacts;
		}
	}
}

/* ---- episodes ------------------------------------------------------------------------- */

struct epi {
	long id;
	long person_id;
	int team;
	int stage;     /* ST_* reached */
	int level;
	int d0;        /* day of the referral */
	int day_planning, day_active, day_end; /* 0 when not reached */
	int kw;        /* current key worker user id, 0 when none */
	int members[4];
	int n_members;
	bool reached_active;
	/* For the assessment, reviews and activity (filled by gen_episode and gen_plan). */
	int level0;                            /* the level before any change at review */
	int day_assess, day_review, day_maint; /* 0 when not reached */
	long plan;                             /* care_plan id, 0 for none */
	int interval;                          /* review interval of an agreed plan */
	int rev_n, rev_day[3], rev_next;       /* past reviews, oldest first; the date the last set */
	long goal0;                            /* first goal id; goals goal0 .. goal0 + ng - 1 */
	int ng;
	int gas[5];                            /* baseline, or -9 when the goal does not use GAS */
	unsigned char goal_title[5];           /* index into goals[] */
	long action0;                          /* first action id; actions action0 .. action0 + na - 1 */
	int na;
	unsigned char act_status[10];          /* index into action_codes[] */
	int act_conf[10];                      /* confidence, -1 for none */
};

static const char *const action_codes[4] = {"not_started", "in_progress", "done", "stopped"};

static void event(const struct epi *e, int64_t t, int user, const char *kind, const char *from, const char *to,
		  const char *closure, const char *reason)
{
	struct row r = row(S_EVENT);
	b_int(&r, e->id);
	b_int(&r, t);
	b_int(&r, user);
	b_text(&r, kind);
	b_text(&r, from);
	b_text(&r, to);
	b_text(&r, closure);
	b_text(&r, reason);
	run(&r);
	made.events++;
}

static long member_id;
static void member(const struct epi *e, int user, const char *role, int from, int to, bool kw)
{
	char fd[CALDATE_STR], td[CALDATE_STR];
	if (to && to < from)
		to = from;
	day_text(from, fd);
	if (to)
		day_text(to, td);
	struct row r = row(S_MEMBER);
	b_int(&r, ++member_id);
	b_int(&r, e->id);
	b_int(&r, user);
	b_text(&r, role);
	b_text(&r, fd);
	b_text(&r, to ? td : NULL);
	b_int(&r, kw);
	run(&r);
	made.members++;
}

/* Which stage each episode reaches: a realistic mix, most of them open. */
static int pick_stage(void)
{
	static const int pct[8] = {5, 9, 9, 36, 10, 11, 12, 8}; /* sums to 100 */
	long x = rnd(100);
	for (int s = 0; s < 8; s++) {
		if (x < pct[s])
			return s;
		x -= pct[s];
	}
	return ST_ACTIVE;
}

/* One plan (draft or agreed) with its goals and actions. */
static void gen_plan(struct epi *e, int64_t now_ms);

static void gen_episode(struct epi *e, const struct opts *o, int64_t now_ms)
{
	int today = o->today;
	int target = e->stage;
	/* How long ago it started grows with how far it got. */
	static const int span_min[8] = {2, 10, 30, 60, 150, 200, 150, 20};
	static const int span_rng[8] = {20, 30, 40, 300, 250, 200, 200, 300};
	int span = span_min[target] + (int)rnd(span_rng[target]);
	e->d0 = today - span;
	e->level = 1 + (int)(chance(30) + chance(40));
	int level0 = e->level;
	e->level0 = level0;
	/* Key worker: usually one of the team's key workers, sometimes a professional. */
	int t = e->team;
	e->kw = chance(75) ? team_kw(t, (int)rnd(KW_PER_TEAM)) : team_pro(t, (int)rnd(PRO_PER_TEAM));
	/* The stages passed through, and the day of each move. */
	int path[8], n = 0;
	if (target == ST_CLOSED) {
		path[n++] = ST_ASSESSMENT;
		if (chance(50))
			path[n++] = ST_PLANNING;
		if (chance(40) && n == 2)
			path[n++] = ST_ACTIVE;
		path[n++] = ST_CLOSED;
	} else {
		for (int s = ST_ASSESSMENT; s <= target && s <= ST_REVIEW; s++)
			path[n++] = s;
		if (target == ST_MAINTENANCE || target == ST_DISCHARGED) {
			path[n++] = ST_MAINTENANCE;
			if (target == ST_DISCHARGED)
				path[n++] = ST_DISCHARGED;
		}
	}
	int step = n ? (span - 1) / (n + 1) : 0;
	if (step < 1)
		step = 1;
	char d0s[CALDATE_STR];
	day_text(e->d0, d0s);
	size_t src = (size_t)rnd((long)N(sources));
	bool referral = sources[src].source != NULL;
	int64_t t_start = day_ms(e->d0);
	/* Where it ends up. */
	int day = e->d0;
	const char *closure = NULL;
	for (int j = 0; j < n; j++) {
		day += step;
		if (path[j] == ST_ASSESSMENT)
			e->day_assess = day;
		if (path[j] == ST_REVIEW)
			e->day_review = day;
		if (path[j] == ST_MAINTENANCE)
			e->day_maint = day;
		if (path[j] == ST_PLANNING)
			e->day_planning = day;
		if (path[j] == ST_ACTIVE) {
			e->day_active = day;
			e->reached_active = true;
		}
		if (path[j] == ST_DISCHARGED || path[j] == ST_CLOSED)
			e->day_end = day;
	}
	if (target == ST_CLOSED)
		closure = (const char *[]){"died", "moved_away", "declined", "no_longer_needed"}[rnd(4)];
	/* Level changes at a review, sometimes. */
	bool level_change = target >= ST_REVIEW && target != ST_CLOSED && chance(35);
	int level_to = level_change ? (e->level > 1 && chance(60) ? e->level - 1 : (e->level < 3 ? e->level + 1 : 2))
				    : e->level;
	int64_t t_last = n ? day_ms(day) : t_start;

	struct row r = row(S_EPISODE);
	b_int(&r, e->id);
	b_int(&r, e->person_id);
	b_text(&r, stage_codes[target]);
	b_int(&r, level_to);
	b_text(&r, closure);
	b_int(&r, e->reached_active);
	b_int(&r, t_start);
	b_int(&r, e->day_end ? day_ms(e->day_end) : 0);
	b_int(&r, 1 + n + (level_change ? 1 : 0));
	b_int(&r, t_last);
	run(&r);
	made.episodes++;
	made.stage[target]++;
	e->level = level_to;

	r = row(S_REFERRAL);
	b_int(&r, e->id);
	b_text(&r, referral ? "referral" : "team");
	b_text(&r, sources[src].source);
	b_text(&r, reasons[rnd((long)N(reasons))]);
	b_text(&r, referral ? sources[src].urgency : NULL);
	b_text(&r, referral ? d0s : NULL);
	run(&r);
	made.referrals++;
	bool rep = chance(12);
	char repname[80];
	snprintf(repname, sizeof repname, "%s %s", given[rnd((long)N(given))], family[pick_family()]);
	for (int k = 0; k < 2; k++) {
		r = row(S_CONSENT);
		b_int(&r, e->id);
		b_text(&r, k ? "sharing" : "assessment");
		b_text(&r, rep ? "representative" : "person");
		b_text(&r, rep ? repname : NULL);
		b_text(&r, d0s);
		b_text(&r, k ? "Sharing the assessment and care plan with the GP practice, community nursing and "
			       "social care"
			     : "Assessment of health, care and support needs by the care team, at home");
		run(&r);
		made.consents++;
	}

	/* History: the start, each move, a level change. */
	event(e, t_start, e->kw, "stage", NULL, "entry", NULL, referral ? "Referral received" : "Identified by the team");
	const char *from = "entry";
	day = e->d0;
	for (int j = 0; j < n; j++) {
		day += step;
		static const char *const why[8] = {
			"", "Agreed to an assessment; first home visit booked", "Assessment complete; ready to agree a plan",
			"Care plan agreed with the person; review date set", "Review date reached; goals checked with the person",
			"Most goals met; monthly check-ins from now on",
			"Managing well with their own plan; discharged to self-care", "Episode closed"};
		event(e, day_ms(day), e->kw, "stage", from, stage_codes[path[j]], path[j] == ST_CLOSED ? closure : NULL,
		      why[path[j]]);
		from = stage_codes[path[j]];
		if (path[j] == ST_REVIEW && level_change) {
			char fs[4], ts[4];
			snprintf(fs, sizeof fs, "%d", level0);
			snprintf(ts, sizeof ts, "%d", level_to);
			event(e, day_ms(day), e->kw, "level", fs, ts, NULL,
			      level_to < level0 ? "Fewer needs now; less support is enough"
						: "Health has worsened; more support needed for now");
		}
	}

	/* Care team: the key worker from the start; one to three others from the
	 * assessment; sometimes the key worker changed along the way, and a few
	 * open episodes are waiting for a new key worker (their old one left). */
	bool open = target != ST_DISCHARGED && target != ST_CLOSED;
	int first_kw = e->kw;
	bool changed = n >= 2 && chance(10);
	bool vacant = open && target > ST_ENTRY && chance(3);
	int change_day = e->d0 + step * 2;
	if (changed) {
		int other = team_kw(t, (int)rnd(KW_PER_TEAM));
		if (other == first_kw)
			other = team_pro(t, (int)rnd(PRO_PER_TEAM));
		member(e, first_kw, "Key worker", e->d0, change_day, true);
		member(e, other, "Key worker", change_day, vacant ? today - (int)rnd(10) - 1 : 0, true);
		event(e, day_ms(change_day), other, "keyworker", users[first_kw].name, users[other].name, NULL,
		      "Key worker changed");
		e->kw = other;
	} else {
		member(e, first_kw, "Key worker", e->d0, vacant ? today - (int)rnd(10) - 1 : 0, true);
	}
	if (vacant)
		e->kw = 0;
	if (n >= 1) {
		int nm = 1 + (int)rnd(3);
		for (int k = 0; k < nm && e->n_members < (int)N(e->members); k++) {
			int u = team_pro(t, (int)rnd(PRO_PER_TEAM));
			bool dup = u == e->kw || u == first_kw;
			for (int q = 0; q < e->n_members; q++)
				dup |= e->members[q] == u;
			if (dup)
				continue;
			e->members[e->n_members++] = u;
			member(e, u, users[u].team_role, e->d0 + step, 0, false);
		}
	}
	if (open) {
		if (e->kw) {
			users[e->kw].caseload++;
			made.open_with_kw++;
		} else {
			made.open_without_kw++;
		}
	}
	if (e->day_planning)
		gen_plan(e, now_ms);
}

/* ---- care plans -------------------------------------------------------------------------- */

static long plan_id, goal_id, action_id;

static void gen_plan(struct epi *e, int64_t now_ms)
{
	int today = (int)(now_ms / MS_PER_DAY);
	bool agreed = e->reached_active;
	char agreed_d[CALDATE_STR], next_d[CALDATE_STR];
	int interval = (int)(const int[]){28, 56, 91, 91, 91, 182}[rnd(6)];
	bool open = e->stage != ST_DISCHARGED && e->stage != ST_CLOSED;
	bool typed = false; /* a review date typed at agreement (care_plan.review_date) */
	/* Maintenance has no review date: the review that moved it there cleared it. */
	bool has_next = agreed && open && e->stage != ST_MAINTENANCE;
	if (agreed) {
		day_text(e->day_active, agreed_d);
		/* Next review: spread from 60 days overdue to 120 days ahead; an
		 * episode at review now has its review date today or overdue. */
		int next = e->stage == ST_REVIEW ? today - (int)rnd(61) : today - 60 + (int)rnd(181);
		/* Past reviews, one per interval back from the date that comes
		 * next (each review moved the date on by the interval), held
		 * after the plan was agreed and before the episode reached the
		 * stage it is at now; 1 to 3 of them at most. */
		int chain = next, limit = today - 1;
		if (e->stage == ST_REVIEW)
			limit = e->day_review - 1;
		else if (e->stage == ST_MAINTENANCE || e->stage == ST_DISCHARGED)
			chain = e->day_review, limit = e->day_review - 1;
		else if (e->stage == ST_CLOSED)
			chain = e->day_end, limit = e->day_end - 1;
		int max = 1 + (int)rnd(3), k = 0, held[3];
		while (k < max && chain - (k + 1) * interval > e->day_active + 14 &&
		       chain - (k + 1) * interval <= limit) {
			held[k] = chain - (k + 1) * interval;
			k++;
		}
		e->rev_n = k;
		for (int j = 0; j < k; j++)
			e->rev_day[j] = held[k - 1 - j];
		e->rev_next = chain;
		/* Without a review, a date other than agreement + interval was typed. */
		typed = has_next && k == 0 && next != e->day_active + interval;
		e->interval = interval;
		day_text(next, next_d);
		if (has_next && next < today)
			made.overdue++;
		else if (has_next && next <= today + 14)
			made.due_soon++;
	}
	int kw = e->kw ? e->kw : team_manager(e->team);
	++plan_id;
	struct row r = row(S_PLAN);
	b_int(&r, plan_id);
	b_int(&r, e->id);
	b_text(&r, agreed ? "agreed" : "draft");
	b_int(&r, 1 + rnd(agreed ? 6 : 3));
	b_text(&r, agreed ? (chance(85) ? "person" : "representative") : NULL);
	b_text(&r, NULL);
	b_text(&r, agreed ? agreed_d : NULL);
	if (agreed)
		b_int(&r, interval);
	else
		b_null(&r);
	b_text(&r, has_next ? next_d : NULL);
	b_int(&r, kw);
	b_int(&r, day_ms(e->day_planning));
	b_int(&r, day_ms(e->day_active ? e->day_active : e->day_planning));
	b_int(&r, kw);
	b_text(&r, typed ? next_d : NULL);
	run(&r);
	e->plan = plan_id;
	made.plans++;
	made.plans_agreed += agreed;

	int ng = 3 + (int)rnd(3); /* 3..5, about 4 */
	long goal_ids[5];
	e->goal0 = goal_id + 1;
	e->ng = ng;
	for (int g = 0; g < ng; g++) {
		char target[CALDATE_STR];
		day_text(e->day_planning + 60 + (int)rnd(240), target);
		bool gas = chance(60);
		static const char *const gst[] = {"active", "active", "active", "achieved", "not_achieved", "cancelled"};
		const char *status = !agreed ? "proposed" : e->stage >= ST_REVIEW ? gst[rnd(6)] : "active";
		goal_ids[g] = ++goal_id;
		r = row(S_GOAL);
		b_int(&r, goal_id);
		b_int(&r, plan_id);
		b_int(&r, g + 1);
		e->goal_title[g] = (unsigned char)rnd((long)N(goals));
		b_text(&r, goals[e->goal_title[g]]);
		b_text(&r, status);
		b_text(&r, target);
		e->gas[g] = gas ? (chance(60) ? -1 : -2) : -9;
		if (gas)
			b_int(&r, e->gas[g]);
		else
			b_null(&r);
		b_text(&r, gas ? "Much less than expected: no change, or worse" : NULL);
		b_text(&r, gas ? "Somewhat less than expected: some progress" : NULL);
		b_text(&r, gas ? "The expected outcome, as agreed" : NULL);
		b_text(&r, gas ? "Somewhat more than expected" : NULL);
		b_text(&r, gas ? "Much more than expected" : NULL);
		run(&r);
		made.goals++;
	}
	int na = 6 + (int)rnd(5); /* 6..10, about 8 */
	e->action0 = action_id + 1;
	e->na = na;
	for (int a = 0; a < na; a++) {
		static const char *const kinds[] = {"person", "person", "carer", "member", "member", "service"};
		const char *kind = kinds[rnd(6)];
		int who = 0;
		if (strcmp(kind, "member") == 0)
			who = e->n_members ? e->members[rnd(e->n_members)] : kw;
		char due[CALDATE_STR];
		bool recurring = chance(30);
		day_text(e->day_planning + 7 + (int)rnd(120), due);
		static const unsigned char ast[] = {0, 1, 1, 2, 3}; /* index into action_codes */
		unsigned char st = agreed ? ast[rnd(5)] : 0;
		e->act_status[a] = st;
		r = row(S_ACTION);
		b_int(&r, ++action_id);
		b_int(&r, plan_id);
		b_int(&r, goal_ids[a % ng]);
		b_int(&r, a + 1);
		b_text(&r, actions_what[rnd((long)N(actions_what))]);
		b_text(&r, kind);
		if (who)
			b_int(&r, who);
		else
			b_null(&r);
		b_text(&r, strcmp(kind, "service") == 0 ? "Community falls service (fictional)"
			   : strcmp(kind, "carer") == 0  ? "Their carer"
							 : NULL);
		b_text(&r, recurring ? NULL : due);
		b_text(&r, recurring ? rrules[rnd((long)N(rrules))] : NULL);
		b_text(&r, action_codes[st]);
		e->act_conf[a] = chance(70) ? 3 + (int)rnd(8) : -1;
		if (e->act_conf[a] >= 0)
			b_int(&r, e->act_conf[a]);
		else
			b_null(&r);
		run(&r);
		made.actions++;
	}
}

/* ---- the holistic assessment, reviews, activity (migrations 4 and 6) -----------------------
 * Each runs after the episodes and plans exist, inside the bulk transaction,
 * with the episode list (eps, n) and today's day number.  No audit rows are
 * written for these records: the audit trail is the year of use gen_audit()
 * makes, and its chain stays the product's. */

/* A user of the episode's team to name as the author: the key worker, or a
 * care team member, or the team manager when the key worker's post is empty. */
static int author(const struct epi *e)
{
	if (e->kw)
		return e->kw;
	return e->n_members ? e->members[0] : team_manager(e->team);
}

/* Someone with a discipline: the key worker or a member (never the manager). */
static int clinician(const struct epi *e)
{
	if (e->n_members && chance(60))
		return e->members[rnd(e->n_members)];
	return e->kw ? e->kw : team_pro(e->team, (int)rnd(PRO_PER_TEAM));
}

static const struct {
	const char *domain, *need, *risk, *mitigation, *strength;
} adomains[] = {
	{"clinical", "Breathless on stairs; needs help to manage flare-ups", "Flare-up leading to an admission",
	 "Rescue pack at home; knows when to ring the practice", "Knows their condition well and spots changes early"},
	{"medicines", "Unsure which tablets are for what since the hospital stay", "Missed or doubled doses",
	 "Dosette box from the pharmacy; weekly check by the carer", "Takes medicines reliably with a routine"},
	{"mental_wellbeing", "Low mood most days; finds it hard to get started", "Isolation making low mood worse",
	 "Link worker to introduce local groups", "Good sense of humour; keeps going"},
	{"social", "Sees nobody most days since their partner died", "Loneliness over the winter",
	 "Befriending call twice a week", "Close to a daughter who visits at weekends"},
	{"lifestyle", "Not eating regular meals", "Weight loss and frailty", "Meals on wheels three days a week",
	 "Enjoys walking when the weather is good"},
	{"daily_living", "Needs help getting in and out of the bath", "Falls at home, especially at night",
	 "Second stair rail, night light, pendant alarm", "Manages dressing and cooking independently"},
	{"housing", "Home is cold; boiler unreliable", "Cold home making breathing worse",
	 "Referral to the warm homes scheme", "Settled in a home they love, near family"},
	{"finances", "Worried about bills; may not get all the benefits due", "Falling behind with rent",
	 "Benefits check with the advice service", "Manages their money carefully"},
	{"carer", "Carer exhausted and not sleeping", "Caring arrangement breaking down",
	 "Carer's assessment and a weekly break", "Carer committed and well informed"},
};
static const char *const pro_issues[] = {
	"Poorly controlled symptoms over the winter; two urgent visits",
	"Falls risk high: unsteady gait, poor lighting, loose rugs",
	"Several medicines with overlapping effects; adherence uncertain",
	"Low mood affecting self-care; would welcome talking therapy",
	"Carer under strain; risk the arrangement breaks down",
	"Managing at home with support; wants to do more for themselves",
};
static const char *const pro_evidence[] = {
	"Home visit; observed transfers and stairs", "Review of the practice record and recent letters",
	"PHQ-9 and conversation at home", "Medicines reconciliation with the pharmacy", NULL,
};
static const struct {
	const char *name, *dose, *purpose;
} medicines[] = {
	{"Metformin", "500 mg tablet, twice a day with meals", "Diabetes"},
	{"Amlodipine", "5 mg tablet, once a day", "Blood pressure"},
	{"Atorvastatin", "20 mg tablet, at night", "Cholesterol"},
	{"Ramipril", "2.5 mg capsule, once a day", "Blood pressure and the heart"},
	{"Bisoprolol", "2.5 mg tablet, each morning", "Heart rate"},
	{"Apixaban", "5 mg tablet, twice a day", "To prevent clots"},
	{"Salbutamol inhaler", "One or two puffs when breathless", "Breathlessness"},
	{"Sertraline", "50 mg tablet, once a day", "Mood"},
	{"Paracetamol", "1 g up to four times a day", "Pain"},
	{"Furosemide", "40 mg tablet, each morning", "Fluid"},
	{"Levodopa and carbidopa", "One tablet, three times a day", "Parkinson's disease"},
	{"Omeprazole", "20 mg capsule, once a day", "Stomach protection"},
};
static const char *const outcomes[] = {
	"Getting out of the house at least twice a week", "No more falls at home",
	"Confident about which medicines to take and when", "Feeling less low most days",
	"Staying in their own home", "Carer has a regular break",
};

/* Scores random answers with the product's instrument module. */
static void instrument_row(const struct epi *e, enum instrument ins, int day, int user)
{
	int n = instrument_items(ins), lo = instrument_item_min(ins), hi = instrument_item_max(ins);
	int ans[INSTRUMENT_ITEMS_MAX];
	int lean = (int)rnd(3); /* how much the person is struggling */
	for (int i = 0; i < n; i++) {
		int v = lo + (int)rnd(hi - lo + 1);
		ans[i] = lean == 0 && v > lo ? v - 1 : lean == 2 && v < hi ? v + 1 : v;
	}
	if (ins == INSTRUMENT_PHQ9 && chance(85))
		ans[8] = 0; /* item 9 above 0 is uncommon */
	struct instrument_result res;
	char msg[INSTRUMENT_MSG_MAX];
	if (instrument_score(ins, ans, (size_t)n, &res, msg, sizeof msg))
		die("instrument: %s", msg);
	char items[INSTRUMENT_ITEMS_MAX * 3 + 1], d[CALDATE_STR];
	size_t k = 0;
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(items + k, sizeof items - k, i ? ",%d" : "%d", ans[i]);
	day_text(day, d);
	struct row r = row(S_INSTRUMENT);
	b_int(&r, e->id);
	b_text(&r, instrument_code(ins));
	b_text(&r, d);
	b_text(&r, items);
	b_int(&r, res.total);
	b_text(&r, instrument_band_code(res.band));
	b_int(&r, res.safety);
	b_int(&r, user);
	b_int(&r, day_ms(day));
	run(&r);
	made.instruments++;
}

/* Holistic assessments (migration 4): every episode that reached assessment
 * has the person's story (one version) and a professional's story; those
 * past assessment (a plan exists) have the full set: 1-2 professional
 * stories, 1-2 agreed outcomes, 3-6 needs, risks and strengths across
 * domains, their carer's own needs (when they have a carer among their
 * contacts), 1-2 questionnaire results and 2-5 medicines.  Dates fall within
 * the assessment (from its start to planning; up to today while it runs). */
static void gen_assessments(const struct epi *eps, long n, int today)
{
	static const char *const news[] = {"I came home from hospital last month and everything feels harder.",
					   "My breathing has got worse since the summer.",
					   "I had two falls and now I'm scared of the stairs.",
					   "Since my husband died I don't go out much."};
	static const char *const goods[] = {"My daughter rings every day.", "I still do the garden when I can.",
					    "The neighbours are kind.", "I like the lunch club when I get there."};
	static const char *const toughs[] = {"Getting washed and dressed takes all morning.",
					     "Remembering all my tablets.", "Being on my own in the evenings.",
					     "Paying the heating bill."};
	static const char *const matters[] = {"Staying in my own home.", "Seeing my grandchildren.",
					      "Getting back to the allotment.", "Not being a burden on my family."};
	for (long i = 0; i < n; i++) {
		const struct epi *e = &eps[i];
		if (!e->day_assess)
			continue;
		int from = e->day_assess;
		int to = e->day_planning ? e->day_planning : e->day_end ? e->day_end : today;
		if (to < from)
			to = from;
		int span = to - from + 1;
		bool full = e->day_planning != 0;
		int kw = author(e);
		struct row r = row(S_STORY);
		int sd = from + (int)rnd(span);
		b_int(&r, e->id);
		b_text(&r, news[rnd(4)]);
		b_text(&r, goods[rnd(4)]);
		b_text(&r, toughs[rnd(4)]);
		b_text(&r, matters[rnd(4)]);
		bool own = chance(30);
		b_text(&r, own ? "person" : "with_professional");
		if (own)
			b_null(&r);
		else
			b_int(&r, kw);
		b_int(&r, day_ms(sd));
		run(&r);
		made.stories++;
		int np = full ? 1 + (int)rnd(2) : (int)rnd(2);
		for (int k = 0; k < np; k++) {
			int u = clinician(e), d = from + (int)rnd(span);
			char ds[CALDATE_STR];
			day_text(d, ds);
			r = row(S_PRO_STORY);
			b_int(&r, e->id);
			b_int(&r, u);
			b_text(&r, users[u].discipline ? users[u].discipline : "nurse");
			b_text(&r, pro_issues[rnd((long)N(pro_issues))]);
			b_text(&r, pro_evidence[rnd((long)N(pro_evidence))]);
			b_text(&r, chance(50) ? "Has coped well before with the right support" : NULL);
			b_text(&r, ds);
			b_int(&r, day_ms(d));
			run(&r);
			made.pro_stories++;
		}
		int ne = full ? 3 + (int)rnd(4) : (int)rnd(3);
		size_t dom = (size_t)rnd((long)N(adomains));
		for (int k = 0; k < ne; k++, dom = (dom + 1 + (size_t)rnd(3)) % N(adomains)) {
			static const char *const sev[] = {"low", "moderate", "high"};
			static const char *const lik[] = {"unlikely", "possible", "likely"};
			long x = rnd(10);
			const char *kind = x < 5 ? "need" : x < 8 ? "risk" : "strength";
			r = row(S_ENTRY);
			b_int(&r, e->id);
			b_text(&r, kind);
			b_text(&r, adomains[dom].domain);
			b_text(&r, kind[0] == 'n' ? adomains[dom].need : kind[0] == 'r' ? adomains[dom].risk
										: adomains[dom].strength);
			b_text(&r, kind[0] == 's' ? NULL : sev[rnd(3)]);
			b_text(&r, kind[0] == 'r' ? lik[rnd(3)] : NULL);
			b_text(&r, kind[0] == 'r' ? adomains[dom].mitigation : NULL);
			b_int(&r, clinician(e));
			b_int(&r, day_ms(from + (int)rnd(span)));
			run(&r);
			made.entries++;
		}
		if (!full)
			continue;
		if (carer_of[e->person_id]) {
			static const char *const cneeds[] = {"Not sleeping; up twice a night to help with the toilet",
							     "No time for themselves; gave up their job to care",
							     "Worried about what happens if they fall ill"};
			static const char *const helps[] = {"A sitting service one afternoon a week",
							    "A carers' group at the library", NULL};
			r = row(S_CARER_NEED);
			b_int(&r, e->id);
			b_int(&r, carer_of[e->person_id]);
			b_text(&r, cneeds[rnd((long)N(cneeds))]);
			b_text(&r, helps[rnd((long)N(helps))]);
			b_int(&r, kw);
			b_int(&r, day_ms(from + (int)rnd(span)));
			run(&r);
			made.carer_needs++;
		}
		int no = 1 + (int)rnd(2);
		size_t oc = (size_t)rnd((long)N(outcomes));
		for (int k = 0; k < no; k++) {
			char ds[CALDATE_STR];
			day_text(to, ds);
			r = row(S_OUTCOME);
			b_int(&r, e->id);
			b_text(&r, outcomes[(oc + (size_t)k * 2) % N(outcomes)]);
			b_text(&r, chance(85) ? "The person and their key worker" : "The person's representative");
			b_text(&r, ds);
			b_int(&r, kw);
			b_int(&r, day_ms(to));
			run(&r);
			made.outcomes++;
		}
		int ni = 1 + (int)rnd(2), first = (int)rnd(INSTRUMENT__MAX);
		for (int k = 0; k < ni; k++)
			instrument_row(e, (enum instrument)((first + k) % INSTRUMENT__MAX), from + (int)rnd(span),
				       clinician(e));
		int nm = 2 + (int)rnd(4);
		size_t m0 = (size_t)rnd((long)N(medicines));
		for (int k = 0; k < nm; k++) {
			size_t m = (m0 + (size_t)k * 5) % N(medicines);
			bool review = chance(10), stopped = !review && chance(8);
			int d = from + (int)rnd(span);
			char sd2[CALDATE_STR];
			day_text(d + (int)rnd(today - d + 1), sd2);
			r = row(S_MEDICINE);
			b_int(&r, e->id);
			b_text(&r, medicines[m].name);
			b_text(&r, medicines[m].dose);
			b_text(&r, medicines[m].purpose);
			b_int(&r, review);
			b_text(&r, review ? "Dizzy on standing; ask the pharmacist about the dose" : NULL);
			b_text(&r, stopped ? sd2 : NULL);
			b_text(&r, stopped ? "Stopped by the GP at the medicines review" : NULL);
			b_int(&r, team_pro(e->team, (int)rnd(PRO_PER_TEAM)));
			b_int(&r, day_ms(d));
			run(&r);
			made.medicines++;
		}
	}
}

static long review_id;

/* One review held on `held` with its goal progress and who came.  next: the
 * review date it set (0 for none: maintenance, discharge).  lift: how far
 * the goals have come since the baseline. */
static void review_row(const struct epi *e, int held, const char *decision, int next, int level, int lift,
		       const char *reason)
{
	static const char *const views[] = {"Things are better than they were.", "I feel steadier on my feet.",
					    "Still finding the evenings hard, but the calls help.",
					    "I'd like to do more for myself now.", NULL};
	static const char *const changed[] = {"Fewer falls; a second stair rail fitted",
					      "Medicines simplified; taking them reliably",
					      "Goes to the lunch club most weeks", "Carer has a break on Wednesdays", NULL};
	static const char *const gnotes[] = {"Good progress; carry on", "Some progress, slower than hoped",
					     "Achieved for now", "No change yet; try another way", NULL};
	char hd[CALDATE_STR], nd[CALDATE_STR];
	day_text(held, hd);
	if (next)
		day_text(next, nd);
	int u = author(e);
	struct row r = row(S_REVIEW);
	b_int(&r, ++review_id);
	b_int(&r, e->id);
	b_text(&r, hd);
	b_int(&r, chance(85));
	b_int(&r, chance(35));
	b_text(&r, chance(15) ? "Daughter, by telephone" : NULL);
	b_text(&r, views[rnd((long)N(views))]);
	b_text(&r, changed[rnd((long)N(changed))]);
	b_text(&r, decision);
	b_int(&r, level);
	b_int(&r, level);
	b_text(&r, reason);
	b_text(&r, next ? nd : NULL);
	b_int(&r, u);
	b_int(&r, day_ms(held));
	run(&r);
	made.reviews++;
	for (int g = 0; g < e->ng; g++) {
		bool gas = e->gas[g] != -9;
		int lv = gas ? e->gas[g] + lift + (int)rnd(2) : 0;
		if (lv > 2)
			lv = 2;
		r = row(S_REVIEW_GOAL);
		b_int(&r, review_id);
		b_int(&r, e->goal0 + g);
		b_text(&r, goals[e->goal_title[g]]);
		b_text(&r, gnotes[rnd((long)N(gnotes))]);
		if (gas) {
			b_int(&r, e->gas[g]);
			b_int(&r, lv);
		} else {
			b_null(&r);
			b_null(&r);
		}
		run(&r);
		made.review_goals++;
	}
	r = row(S_REVIEW_ATTENDEE);
	b_int(&r, review_id);
	b_int(&r, u);
	b_text(&r, users[u].name);
	run(&r);
	made.attendees++;
	if (e->n_members && chance(50)) {
		int m = e->members[rnd(e->n_members)];
		if (m != u) {
			r = row(S_REVIEW_ATTENDEE);
			b_int(&r, review_id);
			b_int(&r, m);
			b_text(&r, users[m].name);
			run(&r);
			made.attendees++;
		}
	}
}

static void checkin_row(const struct epi *e, int day, int next)
{
	static const char *const notes[] = {"All well; no new concerns", "Managing well; one fall, no injury",
					    "Mood better since the lunch club", "Asked about the benefits check again"};
	char d[CALDATE_STR], nd[CALDATE_STR];
	day_text(day, d);
	day_text(next, nd);
	struct row r = row(S_CHECKIN);
	b_int(&r, e->id);
	b_text(&r, d);
	b_text(&r, notes[rnd((long)N(notes))]);
	b_text(&r, nd);
	b_int(&r, author(e));
	b_int(&r, day_ms(day));
	run(&r);
	made.checkins++;
}

/* Reviews (migration 6): for every agreed plan, the past reviews gen_plan
 * scheduled (one per review interval back from the review date that comes
 * next, 0-3 of them, each setting the next one's date, the last one the
 * plan's next_review_date), decision continue or modify_plan; then the
 * review that fits the stage now: "maintenance" for episodes in maintenance
 * or discharged (when they entered maintenance), "discharge" for discharged
 * ones.  Maintenance episodes get their check-in plan (next check-in spread
 * from three weeks overdue to one interval ahead) and the check-ins that
 * led to it; discharged ones get the check-ins of their maintenance and the
 * route back. */
static void gen_reviews(const struct epi *eps, long n, int today)
{
	for (long i = 0; i < n; i++) {
		const struct epi *e = &eps[i];
		if (!e->plan || !e->reached_active)
			continue;
		for (int j = 0; j < e->rev_n; j++) {
			bool modify = chance(20);
			review_row(e, e->rev_day[j], modify ? "modify_plan" : "continue",
				   j + 1 < e->rev_n ? e->rev_day[j + 1] : e->rev_next, e->level0, j,
				   modify ? "One goal achieved; a new action agreed for another"
					  : "Going well; carry on with the plan as agreed");
		}
		if (e->stage == ST_MAINTENANCE || e->stage == ST_DISCHARGED)
			review_row(e, e->day_maint, "maintenance", 0, e->level, 1,
				   "Most goals met; monthly check-ins from now on");
		if (e->stage == ST_DISCHARGED)
			review_row(e, e->day_end, "discharge", 0, e->level, 2,
				   "Managing well with their own plan; discharged to self-care");
		if (e->stage == ST_MAINTENANCE) {
			int interval = (const int[]){28, 28, 42, 56, 91}[rnd(5)];
			int next = today - 21 + (int)rnd(interval + 21);
			int want = 1 + (int)rnd(3), k = 0, days[3];
			while (k < want && next - (k + 1) * interval >= e->day_maint && next - (k + 1) * interval <= today) {
				days[k] = next - (k + 1) * interval;
				k++;
			}
			if (k == 0)
				next = e->day_maint + interval;
			for (int j = k - 1; j >= 0; j--)
				checkin_row(e, days[j], days[j] + interval);
			char nd[CALDATE_STR];
			day_text(next, nd);
			struct row r = row(S_MAINTENANCE);
			b_int(&r, e->id);
			b_int(&r, interval);
			b_text(&r, nd);
			b_int(&r, day_ms(k ? days[0] : e->day_maint));
			run(&r);
			made.maintenance++;
		}
		if (e->stage == ST_DISCHARGED) {
			for (int d = e->day_maint + 28, k = 0; d < e->day_end && k < 2; d += 28, k++)
				checkin_row(e, d, d + 28);
			int u = author(e);
			char who[96];
			snprintf(who, sizeof who, "%s, key worker", users[u].name);
			struct row r = row(S_EXIT);
			b_int(&r, e->id);
			b_text(&r, who);
			b_text(&r, "01632 960000");
			b_text(&r, "Ring on weekdays between 9am and 5pm, or ask the GP practice to refer back; no new "
				   "assessment is needed within a year");
			b_int(&r, u);
			b_int(&r, day_ms(e->day_end));
			run(&r);
			made.exits++;
		}
	}
}

/* Implementation (migration 6): for every agreed plan, the status history
 * of its actions (not_started -> in_progress, then -> done or stopped,
 * ending at plan_action.status) and a few activity log entries since the
 * plan was agreed, most against one of its actions, some "not in the plan". */
static void gen_activity(const struct epi *eps, long n, int today)
{
	static const char *const kinds[] = {"home_visit", "phone_call", "phone_call", "clinic", "service", "message"};
	static const char *const notes[] = {"Went through the plan together at home", "Checked how the new routine is going",
					    "Blood pressure and weight checked", "First class of six",
					    "Letter about the new pill organiser", "Rang about a fall at the weekend; no injury",
					    NULL};
	for (long i = 0; i < n; i++) {
		const struct epi *e = &eps[i];
		if (!e->plan || !e->reached_active)
			continue;
		int from = e->day_active, to = e->day_end ? e->day_end : today;
		if (to < from)
			to = from;
		int span = to - from + 1, u = author(e);
		for (int a = 0; a < e->na; a++) {
			int st = e->act_status[a];
			if (st == 0)
				continue;
			int conf = e->act_conf[a];
			int d1 = from + (int)rnd(span);
			struct row r = row(S_ACTION_EVENT);
			b_int(&r, e->action0 + a);
			b_int(&r, day_ms(d1));
			b_int(&r, u);
			b_text(&r, action_codes[0]);
			b_text(&r, action_codes[1]);
			if (conf >= 0) {
				b_int(&r, conf);
				b_int(&r, conf);
			} else {
				b_null(&r);
				b_null(&r);
			}
			run(&r);
			made.action_events++;
			if (st >= 2) {
				int d2 = d1 + (int)rnd(to - d1 + 1);
				r = row(S_ACTION_EVENT);
				b_int(&r, e->action0 + a);
				b_int(&r, day_ms(d2) + 1);
				b_int(&r, u);
				b_text(&r, action_codes[1]);
				b_text(&r, action_codes[st]);
				if (conf >= 0) {
					b_int(&r, conf);
					b_int(&r, conf);
				} else {
					b_null(&r);
					b_null(&r);
				}
				run(&r);
				made.action_events++;
			}
		}
		bool open = e->stage != ST_DISCHARGED && e->stage != ST_CLOSED;
		int na = open ? 2 + (int)rnd(5) : 1 + (int)rnd(3);
		for (int k = 0; k < na; k++) {
			const char *kind = kinds[rnd((long)N(kinds))];
			int d = from + (int)rnd(span);
			char ds[CALDATE_STR];
			day_text(d, ds);
			bool service = strcmp(kind, "service") == 0;
			int who = e->n_members && chance(40) ? e->members[rnd(e->n_members)] : u;
			struct row r = row(S_ACTIVITY);
			b_int(&r, e->id);
			if (chance(80))
				b_int(&r, e->action0 + rnd(e->na));
			else
				b_null(&r); /* not in the plan */
			b_text(&r, ds);
			b_text(&r, kind);
			b_text(&r, service ? "Falls prevention class (fictional)" : users[who].name);
			if (strcmp(kind, "message") == 0)
				b_null(&r);
			else
				b_int(&r, service ? 45 : strcmp(kind, "home_visit") == 0 ? 30 + rnd(61) : 5 + rnd(26));
			b_text(&r, notes[rnd((long)N(notes))]);
			b_int(&r, who);
			b_int(&r, day_ms(d));
			run(&r);
			made.activities++;
		}
	}
}

/* ---- hospital activity for the evaluation (migration 19) ---------------------------- */

/* Emergency admissions and A&E attendances, as an import would bring them:
 * half the people have one to three events spread over the last two years,
 * and people with an agreed plan one or two more in the year before it was
 * agreed, so the before-and-after figure has the shape a service hopes
 * for.  Statements written here once, values bound. */
static void gen_events(int today)
{
	char today_d[CALDATE_STR];
	day_text(today, today_d);
	static const char *const sql[] = {
		"INSERT INTO activity_event(nhs_number, kind, event_date, source_ref, batch, imported_ms) "
		"SELECT p.nhs_number, CASE WHEN (p.id + k.k) % 3 = 0 THEN 'emergency_admission' ELSE 'ae_attendance' END, "
		"date(?1, '-' || ((p.id * 37 + k.k * 211) % 730) || ' days'), 'G' || k.k, 'gen_region', 0 "
		"FROM person p JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) k "
		"WHERE p.id % 2 = 0 AND k.k <= p.id % 3",
		"INSERT INTO activity_event(nhs_number, kind, event_date, source_ref, batch, imported_ms) "
		"SELECT pe.nhs_number, CASE WHEN (pe.id + k.k) % 2 = 0 THEN 'emergency_admission' ELSE 'ae_attendance' END, "
		"date(cp.agreed_date, '-' || (5 + (pe.id * 13 + k.k * 97) % 350) || ' days'), 'B' || k.k, 'gen_region', 0 "
		"FROM care_plan cp JOIN episode e ON e.id = cp.episode_id JOIN person pe ON pe.id = e.person_id "
		"JOIN (SELECT 0 AS k UNION ALL SELECT 1) k WHERE cp.status = 'agreed' AND k.k <= pe.id % 2",
	};
	for (size_t i = 0; i < N(sql); i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
			die("activity events: %s", sqlite3_errmsg(db));
		sqlite3_bind_text(st, 1, today_d, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("activity events: %s", sqlite3_errmsg(db));
		made.act_events += sqlite3_changes(db);
		sqlite3_finalize(st);
	}
}

/* ---- audit trail ------------------------------------------------------------------------ */

static unsigned char prev_hash[STORE_HASH_LEN];
static int64_t audit_id;

static void audit_row(int64_t t, int user, const char *action, const char *otype, int64_t oid, int64_t person,
		      const char *reason)
{
	struct store_audit a;
	memset(&a, 0, sizeof a);
	char reqid[17], client[24];
	if (user) {
		snprintf(reqid, sizeof reqid, "%016" PRIx64, rnd64());
		snprintf(client, sizeof client, "10.%d.%d.%d", users[user].team, (int)rnd(256), 1 + (int)rnd(254));
	}
	a.id = ++audit_id;
	a.time_ms = t;
	a.user_id = user;
	a.role = user ? users[user].role : NULL;
	a.action = action;
	a.object_type = otype;
	a.object_id = oid;
	a.person_id = person;
	a.reason = reason;
	a.request_id = user ? reqid : NULL;
	a.client = user ? client : "cli";
	memcpy(a.prev_hash, prev_hash, STORE_HASH_LEN);
	audit_hash(&a, a.hash);
	struct row r = row(S_AUDIT);
	b_int(&r, a.id);
	b_int(&r, a.time_ms);
	b_int(&r, a.user_id);
	b_text(&r, a.role);
	b_text(&r, a.action);
	b_text(&r, a.object_type);
	b_int(&r, a.object_id);
	b_int(&r, a.person_id);
	b_text(&r, a.reason);
	b_text(&r, a.request_id);
	b_text(&r, a.client);
	b_blob(&r, a.prev_hash, STORE_HASH_LEN);
	b_blob(&r, a.hash, STORE_HASH_LEN);
	run(&r);
	memcpy(prev_hash, a.hash, STORE_HASH_LEN);
	made.audit++;
}

/* First the rows of the load itself (like `careplan demo`, written by the
 * command line at t0: organisation, teams, users, people), then a year of
 * everyday use up to now: people and episodes read and searched, sign-ins,
 * updates and episode moves, by the team members, until there are
 * o->audit rows in all. */
static void gen_audit(const struct opts *o, const struct epi *eps, long n_eps, int64_t t0, int64_t now_ms)
{
	audit_row(t0, 0, "organisation.create", "organisation", 1, 0, "bench data");
	for (int t = 1; t <= TEAMS && audit_id < o->audit; t++)
		audit_row(t0, 0, "team.create", "team", t, 0, "bench data");
	for (int u = 1; u <= n_users && audit_id < o->audit; u++)
		audit_row(t0, 0, "user.create", "user", u, 0, "bench data");
	for (long p = 1; p <= o->people && audit_id < o->audit; p++)
		audit_row(t0, 0, "person.create", "person", p, p, "bench data");
	int64_t left = o->audit - audit_id;
	if (left <= 0)
		return;
	int64_t t1 = t0 + MS_PER_DAY, span = now_ms - t1;
	for (int64_t i = 0; i < left; i++) {
		int64_t t = t1 + (int64_t)((double)span * (double)i / (double)left);
		/* Most activity concerns people with an episode, in their team. */
		const struct epi *e = &eps[rnd(n_eps)];
		int team = e->team;
		int user = e->kw && chance(60) ? e->kw : 3 + (team - 1) * USERS_PER_TEAM + (int)rnd(USERS_PER_TEAM);
		long x = rnd(1000);
		if (x < 430)
			audit_row(t, user, "person.read", "person", e->person_id, e->person_id, NULL);
		else if (x < 760)
			audit_row(t, user, "episode.read", "episode", e->id, e->person_id, NULL);
		else if (x < 860)
			audit_row(t, user, "person.search", NULL, 0, 0, "by name; 12 found");
		else if (x < 900)
			audit_row(t, user, "signin", "user", user, 0, NULL);
		else if (x < 940)
			audit_row(t, user, "person.update", "person", e->person_id, e->person_id, NULL);
		else if (x < 965)
			audit_row(t, user, "episode.stage", "episode", e->id, e->person_id, "active -> review");
		else if (x < 985)
			audit_row(t, user, "careteam.add", "care_team_member", 1 + rnd(member_id), e->person_id,
				  "user");
		else
			audit_row(t, user, "contact.create", "contact", 1 + rnd(made.contacts > 0 ? made.contacts : 1),
				  e->person_id, NULL);
	}
}

/* ---- main --------------------------------------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long num_arg(const char *name, const char *v, long lo, long hi)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < lo || x > hi)
		die("%s must be a whole number from %ld to %ld, not \"%s\"", name, lo, hi, v);
	return x;
}

static void usage(FILE *f, int code)
{
	fputs("usage: gen_region [--db FILE] [--seed N] [--people N] [--episodes N] [--audit N] [--today YYYY-MM-DD]\n"
	      "defaults: --db bench/out/region.db --seed 1 --people 200000 --episodes 40000 --audit 2000000,\n"
	      "          --today today (UTC)\n",
	      f);
	exit(code);
}

static void parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){.db = "bench/out/region.db", .seed = 1, .people = 200000, .episodes = 40000,
			   .audit = 2000000, .today = (int)(time(NULL) / 86400)};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			usage(stdout, 0);
		if (i + 1 >= argc)
			usage(stderr, 2);
		const char *v = argv[++i];
		if (strcmp(a, "--db") == 0)
			o->db = v;
		else if (strcmp(a, "--seed") == 0)
			o->seed = (uint64_t)num_arg(a, v, 0, 1000000000L);
		else if (strcmp(a, "--people") == 0)
			o->people = num_arg(a, v, 100, 5000000L);
		else if (strcmp(a, "--episodes") == 0)
			o->episodes = num_arg(a, v, 1, 5000000L);
		else if (strcmp(a, "--audit") == 0)
			o->audit = num_arg(a, v, 1, 100000000L);
		else if (strcmp(a, "--today") == 0) {
			struct caldate d;
			char msg[128];
			if (caldate_parse(v, "--today", &d, msg, sizeof msg))
				die("%s", msg);
			o->today = caldate_to_days(d);
		} else
			usage(stderr, 2);
	}
	if (o->episodes > o->people)
		die("--episodes (%ld) cannot be more than --people (%ld): one episode per person", o->episodes,
		    o->people);
}

int main(int argc, char **argv)
{
	struct opts o;
	parse(argc, argv, &o);
	if (sodium_init() < 0)
		die("cannot initialise libsodium");
	rng_state = o.seed * 0x2545F4914F6CDD1Dull + 1;
	double start = now_s();
	int64_t now_ms = (int64_t)o.today * MS_PER_DAY + 12LL * 3600000LL;
	int64_t t0 = (int64_t)(o.today - 400) * MS_PER_DAY + 8LL * 3600000LL; /* the load, before every episode */

	char part[4096], info[4096];
	if (snprintf(part, sizeof part, "%s.part", o.db) >= (int)sizeof part ||
	    snprintf(info, sizeof info, "%s.info", o.db) >= (int)sizeof info)
		die("--db path is too long");
	static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < N(sfx); i++) {
		char p[4200];
		snprintf(p, sizeof p, "%s%s", part, sfx[i]);
		if (unlink(p) && errno != ENOENT)
			die("cannot remove %s: %s", p, strerror(errno));
	}

	/* The schema, exactly as `careplan init` makes it. */
	struct store *st;
	char msg[512];
	if (store_open(part, 1, &st, msg, sizeof msg))
		die("%s", msg);
	store_close(st);

	if (sqlite3_open_v2(part, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die("cannot open %s: %s", part, sqlite3_errmsg(db));
	/* Bulk load: no rollback journal, no syncing, a big page cache. */
	exec_sql("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288;"
		 "PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF");
	for (int i = 0; i < S__MAX; i++)
		if (sqlite3_prepare_v2(db, stmt_sql[i], -1, &stmts[i], NULL) != SQLITE_OK)
			die("cannot prepare \"%s\": %s", stmt_sql[i], sqlite3_errmsg(db));

	char hash[PASSWORD_HASH_MAX];
	if (password_hash(DEMO_PASSWORD, hash))
		die("cannot hash the demo password: out of memory");

	exec_sql("BEGIN");
	gen_org(t0);
	gen_users(hash, t0);
	double t_people = now_s();
	gen_people(&o, t0);
	t_people = now_s() - t_people;

	/* Episodes for a scattered choice of distinct people: person ids
	 * visited with a stride coprime to the count. */
	double t_eps = now_s();
	struct epi *eps = calloc((size_t)o.episodes, sizeof *eps);
	if (!eps)
		die("out of memory");
	long stride = 7919;
	while (o.people % stride == 0)
		stride += 2;
	long start_p = rnd(o.people);
	for (long i = 0; i < o.episodes; i++) {
		struct epi *e = &eps[i];
		e->id = i + 1;
		e->person_id = 1 + (start_p + i * stride) % o.people;
		e->team = person_team(e->person_id);
		e->stage = pick_stage();
		gen_episode(e, &o, now_ms);
	}
	gen_assessments(eps, o.episodes, o.today);
	gen_reviews(eps, o.episodes, o.today);
	gen_activity(eps, o.episodes, o.today);
	gen_events(o.today);
	t_eps = now_s() - t_eps;

	double t_audit = now_s();
	gen_audit(&o, eps, o.episodes, t0, now_ms);
	struct row r = row(S_AUDIT_HEAD);
	b_int(&r, audit_id);
	b_blob(&r, prev_hash, STORE_HASH_LEN);
	run(&r);
	t_audit = now_s() - t_audit;
	exec_sql("COMMIT");

	double t_fin = now_s();
	for (int i = 0; i < S__MAX; i++)
		sqlite3_finalize(stmts[i]);
	/* No ANALYZE: a real database has no sqlite_stat1 unless the product
	 * makes one, and the query plans measured should be the product's. */
	exec_sql("PRAGMA journal_mode = WAL");
	if (sqlite3_close(db) != SQLITE_OK)
		die("cannot close %s", part);
	t_fin = now_s() - t_fin;
	if (rename(part, o.db))
		die("cannot rename %s to %s: %s", part, o.db, strerror(errno));

	/* The key worker with the biggest caseload, for the benchmark to sign in as. */
	int big = 0;
	for (int i = 1; i <= n_users; i++)
		if (strcmp(users[i].role, "key_worker") == 0 && (!big || users[i].caseload > users[big].caseload))
			big = i;
	/* An episode with a full plan (agreed, open, 5 goals would be ideal: any agreed open one). */
	long plan_ep = 0, any_ep = 0, plan_person = 0, any_person = 0;
	for (long i = 0; i < o.episodes && !plan_ep; i++) {
		const struct epi *e = &eps[i];
		if (e->reached_active && e->stage == ST_ACTIVE && e->kw == big) {
			plan_ep = e->id;
			plan_person = e->person_id;
		}
		if (!any_ep && e->kw == big) {
			any_ep = e->id;
			any_person = e->person_id;
		}
	}
	if (!plan_ep) {
		plan_ep = any_ep;
		plan_person = any_person;
	}
	/* The most common family name's first three letters, for a person search. */
	char prefix[4];
	snprintf(prefix, sizeof prefix, "%.3s", family[0]);

	struct stat sb;
	if (stat(o.db, &sb))
		die("cannot stat %s: %s", o.db, strerror(errno));
	double secs = now_s() - start;

	FILE *f = fopen(info, "w");
	if (!f)
		die("cannot write %s: %s", info, strerror(errno));
	fprintf(f, "seed=%" PRIu64 "\ntoday=%d\npeople=%ld\nepisodes=%ld\naudit=%ld\n", o.seed, o.today, made.people,
		made.episodes, made.audit);
	fprintf(f, "keyworker=%s\nkeyworker_caseload=%ld\nkeyworker_team=%d\nplan_episode=%ld\nplan_person=%ld\n",
		users[big].username, users[big].caseload, users[big].team, plan_ep, plan_person);
	fprintf(f, "search_prefix=%s\nseconds=%.1f\nbytes=%lld\n", prefix, secs, (long long)sb.st_size);
	if (fclose(f))
		die("cannot write %s", info);

	char today_s[CALDATE_STR];
	day_text(o.today, today_s);
	printf("gen_region: %s (seed %" PRIu64 ", today %s)\n", o.db, o.seed, today_s);
	printf("  %ld organisation, %ld teams, %ld users (password: %s)\n", made.orgs, made.teams, made.users,
	       DEMO_PASSWORD);
	printf("  %ld people, %ld conditions, %ld contacts (%ld carers)\n", made.people, made.conditions,
	       made.contacts, made.carers);
	printf("  %ld episodes:", made.episodes);
	for (int s = 0; s < 8; s++)
		printf(" %s %ld%s", stage_codes[s], made.stage[s], s < 7 ? "," : "\n");
	printf("  %ld history rows, %ld referrals, %ld consents, %ld care team periods\n", made.events, made.referrals,
	       made.consents, made.members);
	printf("  open episodes: %ld with a current key worker, %ld waiting for one\n", made.open_with_kw,
	       made.open_without_kw);
	printf("  %ld care plans (%ld agreed; %ld reviews overdue, %ld due within 14 days), %ld goals, %ld actions\n",
	       made.plans, made.plans_agreed, made.overdue, made.due_soon, made.goals, made.actions);
	printf("  assessments: %ld stories, %ld professional stories, %ld outcomes, %ld needs/risks/strengths, "
	       "%ld carers' needs, %ld questionnaire results, %ld medicines\n",
	       made.stories, made.pro_stories, made.outcomes, made.entries, made.carer_needs, made.instruments,
	       made.medicines);
	printf("  %ld reviews (%ld goal progress rows, %ld attendees), %ld in maintenance (%ld check-ins), "
	       "%ld routes back\n",
	       made.reviews, made.review_goals, made.attendees, made.maintenance, made.checkins, made.exits);
	printf("  %ld activity log rows, %ld action status changes\n", made.activities, made.action_events);
	printf("  %ld hospital activity events (emergency admissions, A&E attendances)\n", made.act_events);
	printf("  %ld audit rows (hash chain head at %" PRId64 ")\n", made.audit, audit_id);
	printf("  biggest caseload: %s (team %d), %ld open episodes; their episode %ld (person %ld) has an agreed plan\n",
	       users[big].username, users[big].team, users[big].caseload, plan_ep, plan_person);
	printf("  time: %.1f s (people %.1f s, episodes and plans %.1f s, audit %.1f s, close %.1f s)\n",
	       secs, t_people, t_eps, t_audit, t_fin);
	printf("  size: %.0f MiB (%lld bytes)\n", (double)sb.st_size / 1048576.0, (long long)sb.st_size);
	free(eps);
	free(carer_of);
	return 0;
}
