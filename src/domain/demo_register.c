/*
 * demo_register.c - the demo's population register (demo.h): DEMO_REGISTER
 * rows imported through the register's own CSV importer (register.h), so
 * the case-finding worklist is believable and the importer is what filled
 * it.  The first rows are the demo's people (Margaret Hughes first: row 1,
 * already entered, so she is not on the worklist); the rest are fictional
 * people not yet known to the team, with NHS numbers from the 999 test
 * range (check digits right) and ZZ99 pseudo-postcodes.  Runs after the
 * rest of the demo has been committed: the importer commits in batches of
 * its own.
 */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "casefind.h"
#include "nhsnum.h"
#include "register.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static unsigned next(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static const char *const given[] = {"Alan",   "Brenda", "Colin",  "Dorothy", "Eileen", "Frank",  "Gwen",
				    "Harold", "Iris",   "Jamal",  "Kathleen", "Leonard", "Mavis", "Nasreen",
				    "Owen",   "Pauline", "Quentin", "Rita",  "Stanley", "Teresa", "Usha",
				    "Vernon", "Winifred", "Yusuf", "Zofia"};
static const char *const family[] = {"Ashworth", "Bradley", "Chowdhury", "Dixon",  "Ellis",   "Fraser",
				     "Gallagher", "Hussain", "Iqbal",    "Jackson", "Kowalski", "Lewis",
				     "Morgan",   "Nolan",   "Okonkwo",  "Price",  "Quinn",   "Rahman",
				     "Shaw",     "Turner",  "Usman",    "Vaughan", "Wilson",  "Yates"};
static const char *const conditions[] = {"Type 2 diabetes", "COPD",     "Heart failure", "Atrial fibrillation",
					 "Hypertension",    "Asthma",   "Dementia",      "Depression",
					 "Osteoarthritis",  "Stroke",   "Parkinson's disease", "Chronic kidney disease"};
static const char *const frailty[] = {"", "", "fit", "fit", "fit", "fit", "mild", "mild", "moderate", "severe"};
static const int n_conditions[] = {0, 0, 0, 1, 1, 1, 1, 2, 2, 3};

/* One row's values after the NHS number and names; birth is the birth
 * date (NULL: drawn). */
static void person_values(struct buf *b, unsigned *seed, const char *birth, int k_conditions)
{
	char dob[11];
	snprintf(dob, sizeof dob, "%04u-%02u-%02u", 1930u + next(seed) % 60u, 1u + next(seed) % 12u,
		 1u + next(seed) % 28u);
	buf_printf(b, ",%s,ZZ99 %u%c%c,", birth ? birth : dob, 1u + next(seed) % 9u, 'A' + next(seed) % 26,
		   'A' + next(seed) % 26);
	unsigned base = next(seed) % N(conditions);
	for (int j = 0; j < k_conditions; j++)
		buf_printf(b, "%s%s", j ? ";" : "", conditions[(base + (unsigned)j * 5) % N(conditions)]);
	unsigned adm = next(seed) % 20u;
	buf_printf(b, ",%s,%u,%u,%s,%s,%s\r\n", frailty[next(seed) % N(frailty)], adm < 16 ? 0 : adm - 15,
		   next(seed) % 10u < 8 ? 0 : next(seed) % 6u, next(seed) % 3u ? "no" : "yes",
		   next(seed) % 8u ? "no" : "yes", next(seed) % 5u ? "no" : "yes");
}

enum cp_err demo_register(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, char *msg,
			  size_t msgn)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	struct arena *a = arena_new(1u << 20);
	if (!a)
		return CP_ENOMEM;
	buf_puts(&b, "nhs_number,given_name,family_name,birth_date,postcode,conditions,frailty,"
		     "emergency_admissions_12m,ae_attendances_12m,lives_alone,is_carer,has_carer\r\n");
	unsigned seed = 20261123u;
	enum cp_err err = store_begin_read(c);
	if (err)
		goto done;
	char taken[DEMO_PEOPLE][11];
	for (int i = 0; i < DEMO_PEOPLE; i++) {
		struct store_person p;
		if ((err = store_person_get(c, a, i + 1, &p)))
			break;
		snprintf(taken[i], sizeof taken[i], "%s", p.nhs_number);
		/* Names may hold a quote (O'Brien) but never a comma or a double
		 * quote: written as they are. */
		buf_printf(&b, "%s,%s,%s", p.nhs_number, p.given_name, p.family_name);
		if (i == 0) {
			/* Margaret: as in her record; already entered. */
			buf_printf(&b, ",%s,%s,Type 2 diabetes;COPD;Depression,moderate,2,3,no,no,yes\r\n", p.birth_date,
				   p.postcode ? p.postcode : "");
			continue;
		}
		/* The others keep their own birth dates: a register agrees
		 * with the record. */
		person_values(&b, &seed, p.birth_date, 1 + (int)(next(&seed) % 3u));
	}
	store_rollback(c);
	if (err)
		goto done;
	for (int i = DEMO_PEOPLE; i < DEMO_REGISTER; i++) {
		char nhs[11];
		for (;;) {
			snprintf(nhs, sizeof nhs, "9997%05u", (unsigned)(i * 37) % 100000u + next(&seed) % 7u);
			int cd = nhsnum_check_digit(nhs);
			if (cd < 0)
				continue;
			nhs[9] = (char)('0' + cd);
			nhs[10] = '\0';
			bool clash = false;
			for (int j = 0; j < DEMO_PEOPLE; j++)
				clash = clash || strcmp(taken[j], nhs) == 0;
			if (!clash)
				break;
		}
		buf_printf(&b, "%s,%s,%s", nhs, given[next(&seed) % N(given)], family[next(&seed) % N(family)]);
		person_values(&b, &seed, NULL, n_conditions[next(&seed) % N(n_conditions)]);
	}
	if (b.err) {
		err = b.err;
		goto done;
	}
	FILE *in = fmemopen(b.data, b.len, "r");
	if (!in) {
		err = CP_ENOMEM;
		goto done;
	}
	struct register_report rep;
	err = register_import(c, in, "demo register", who, now_ms, casefind_rules(), NULL, NULL, &rep, msg, msgn);
	fclose(in);
	if (!err && rep.refused) {
		snprintf(msg, msgn, "the demo register had %lld refused rows", (long long)rep.refused);
		err = CP_EINVAL;
	}
done:
	arena_free(a);
	buf_free(&b);
	return err;
}
