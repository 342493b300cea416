/*
 * demo.h - a believable, entirely fictional service for trying Careplan.
 *
 * One organisation, one multidisciplinary team, a login for every role, about
 * forty people with long-term conditions and some carers.  Thirty of them
 * have an episode of care planning, between them at every stage of the
 * cycle; Margaret Hughes (the person login) is active at level 3 with Sam
 * Okafor as her key worker.  NHS numbers come from the 999 test range with
 * valid check digits; phone numbers from the ranges set aside for drama;
 * postcodes from the ZZ99 pseudo-postcode area.
 *
 * Everything is written in one transaction: a demo database is complete or
 * not made at all.
 */
#ifndef CP_DEMO_H
#define CP_DEMO_H

#include <stddef.h>

#include "../store/store.h"
#include "audit.h"

#define DEMO_PASSWORD "demo-careplan-2026"
#define DEMO_PEOPLE 40
#define DEMO_REGISTER 300 /* rows of the population register: the demo's people, then others */
#define DEMO_EPISODES 30 /* people with an episode of care planning; the rest have none */

struct demo_login {
	const char *username;
	const char *name;
	const char *role;       /* role code */
	const char *discipline; /* discipline code or NULL */
	const char *what;       /* what this login is good for, for the printed list */
};

/* The demo logins, in the order they are printed; *n gets how many. */
const struct demo_login *demo_logins(size_t *n);

/* Fills an empty database.  CP_ECONFLICT (msg says so) when it already holds
 * users, so a real database is never touched. */
enum cp_err demo_create(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, char *msg,
			size_t msgn);

/* ---- per-area demo records ------------------------------------------------
 * After the people, logins and episodes exist, each area adds its records
 * within the same transaction, through d->c, auditing each as d->who.
 * person_ids[0] is Margaret Hughes; user_ids[i] is the login demo_logins()
 * lists at i.  Each area finds the episodes with the store's functions. */
struct demo_ctx {
	struct store_conn *c;
	const struct audit_actor *who;
	int64_t now_ms;
	const int64_t *person_ids; /* DEMO_PEOPLE of them */
	const int64_t *user_ids;   /* one per demo login */
};

enum cp_err demo_assess(const struct demo_ctx *d); /* demo_assess.c */
enum cp_err demo_plan(const struct demo_ctx *d);   /* demo_plan.c */
enum cp_err demo_review(const struct demo_ctx *d); /* demo_review.c */
enum cp_err demo_my(const struct demo_ctx *d);     /* demo_my.c */
enum cp_err demo_letter(const struct demo_ctx *d); /* demo_letter.c */
enum cp_err demo_dir(const struct demo_ctx *d);    /* demo_dir.c: the directory, through its importer */
/* The built-in demo files: 0 the HSDS JSON of the demo directory, 1 the
 * postcode district centres; *len gets the length.  Static storage. */
const char *demo_dir_file(int which, size_t *len);
enum cp_err demo_ref(const struct demo_ctx *d);    /* demo_ref.c: after the directory's demo */
enum cp_err demo_sat(const struct demo_ctx *d);    /* demo_sat.c */

/* The population register, imported through the register's importer
 * after the rest is committed (its batches are transactions of their own). */
enum cp_err demo_register(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, char *msg,
			  size_t msgn); /* demo_register.c */
enum cp_err demo_events(const struct demo_ctx *d); /* demo_events.c */

#endif
