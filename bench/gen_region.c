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
 * plan with goals and actions for every episode past assessment, and
 * 2 000 000 audit rows whose hash chain `careplan audit verify` accepts.
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
 * Extension points: the holistic assessment, reviews and the activity log
 * are being designed on other branches; gen_assessments(), gen_reviews() and
 * gen_activity() below are where their rows go once they are merged.
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
	S_MEMBER, S_PLAN, S_GOAL, S_ACTION, S_AUDIT, S_AUDIT_HEAD, S__MAX
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
		   "updated_by_user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[S_GOAL] = "INSERT INTO plan_goal(id, plan_id, position, title, status, target_date, gas_baseline, "
		   "gas_m2, gas_m1, gas_0, gas_p1, gas_p2) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_ACTION] = "INSERT INTO plan_action(plan_id, goal_id, position, what, who_kind, who_user_id, who_name, "
		     "due_date, rrule, status, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_AUDIT] = "INSERT INTO audit(id, time_ms, user_id, role, action, object_type, object_id, person_id, "
		    "reason, request_id, client, prev_hash, hash) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[S_AUDIT_HEAD] = "UPDATE audit_head SET last_id = ?1, last_hash = ?2 WHERE id = 1",
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
	long stage[8];
	long open_with_kw, open_without_kw, overdue, due_soon;
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

static void gen_people(const struct opts *o, int64_t t0)
{
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
};

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
static void gen_plan(const struct epi *e, int64_t now_ms);

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

static long plan_id, goal_id;

static void gen_plan(const struct epi *e, int64_t now_ms)
{
	int today = (int)(now_ms / MS_PER_DAY);
	bool agreed = e->reached_active;
	char agreed_d[CALDATE_STR], next_d[CALDATE_STR];
	int interval = (int)(const int[]){28, 56, 91, 91, 91, 182}[rnd(6)];
	bool open = e->stage != ST_DISCHARGED && e->stage != ST_CLOSED;
	if (agreed) {
		day_text(e->day_active, agreed_d);
		/* Next review: spread from 60 days overdue to 120 days ahead. */
		int next = today - 60 + (int)rnd(181);
		day_text(next, next_d);
		if (open && next < today)
			made.overdue++;
		else if (open && next <= today + 14)
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
	b_text(&r, agreed && open ? next_d : NULL);
	b_int(&r, kw);
	b_int(&r, day_ms(e->day_planning));
	b_int(&r, day_ms(e->day_active ? e->day_active : e->day_planning));
	b_int(&r, kw);
	run(&r);
	made.plans++;
	made.plans_agreed += agreed;

	int ng = 3 + (int)rnd(3); /* 3..5, about 4 */
	long goal_ids[5];
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
		b_text(&r, goals[rnd((long)N(goals))]);
		b_text(&r, status);
		b_text(&r, target);
		if (gas)
			b_int(&r, chance(60) ? -1 : -2);
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
	for (int a = 0; a < na; a++) {
		static const char *const kinds[] = {"person", "person", "carer", "member", "member", "service"};
		const char *kind = kinds[rnd(6)];
		int who = 0;
		if (strcmp(kind, "member") == 0)
			who = e->n_members ? e->members[rnd(e->n_members)] : kw;
		char due[CALDATE_STR];
		bool recurring = chance(30);
		day_text(e->day_planning + 7 + (int)rnd(120), due);
		static const char *const ast[] = {"not_started", "in_progress", "in_progress", "done", "stopped"};
		r = row(S_ACTION);
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
		b_text(&r, agreed ? ast[rnd(5)] : "not_started");
		if (chance(70))
			b_int(&r, 3 + rnd(8));
		else
			b_null(&r);
		run(&r);
		made.actions++;
	}
}

/* ---- extension points: areas designed on other branches ------------------------------------
 * Each runs after the episodes and plans exist, inside the bulk transaction,
 * with the episode list (eps, n) and today's day number.  The lead fills them
 * in after merging the assess and review branches: add the statements to
 * stmt_sql[] above and write the rows here (count them in `made` and print
 * them in main). */

/* Holistic assessments (branch assess, migration 4): one per episode past
 * entry; complete for every episode past assessment. */
static void gen_assessments(const struct epi *eps, long n, int today)
{
	(void)eps, (void)n, (void)today;
}

/* Reviews (branch review, migration 6): for episodes at review, maintenance
 * or discharged, the reviews held (one per review interval since the plan
 * was agreed), each moving next_review_date on. */
static void gen_reviews(const struct epi *eps, long n, int today)
{
	(void)eps, (void)n, (void)today;
}

/* Implementation activity log and maintenance check-ins (branch review,
 * migration 6): entries against plan actions since the plan was agreed. */
static void gen_activity(const struct epi *eps, long n, int today)
{
	(void)eps, (void)n, (void)today;
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
	printf("  %ld audit rows (hash chain head at %" PRId64 ")\n", made.audit, audit_id);
	printf("  biggest caseload: %s (team %d), %ld open episodes; their episode %ld (person %ld) has an agreed plan\n",
	       users[big].username, users[big].team, users[big].caseload, plan_ep, plan_person);
	printf("  time: %.1f s (people %.1f s, episodes and plans %.1f s, audit %.1f s, close %.1f s)\n",
	       secs, t_people, t_eps, t_audit, t_fin);
	printf("  size: %.0f MiB (%lld bytes)\n", (double)sb.st_size / 1048576.0, (long long)sb.st_size);
	free(eps);
	return 0;
}
