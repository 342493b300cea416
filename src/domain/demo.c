/* demo.c - fictional demo data. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

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
		if (r == ROLE_PERSON)
			person_user = uid;
		if (r == ROLE_CARER)
			carer_user = uid;
	}
	(void)person_user;
	/* The carer's login is linked from Margaret's contact entry for David. */
	struct store_contact link = {.person_id = first_person, .name = "David Hughes", .relationship = "husband",
				     .is_carer = true, .phone = "07700 900123", .user_id = carer_user};
	int64_t lid;
	if ((err = store_contact_insert(c, &link, &lid)) ||
	    (err = audit_create(c, who, "contact", lid, first_person, now_ms)))
		return err;
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
	if (err && !msg[0])
		snprintf(msg, msgn, "cannot create demo data: %s", cp_strerror(err));
	return err;
}
