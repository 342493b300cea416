/*
 * referral.h - from the plan to the service (docs/referrals.md): finding a
 * local service in the directory for an action or a need of a person's
 * plan, signposting (information given) or referring them to it, the
 * referral's status as it goes on (referral.def), the link worker's
 * worklist, and what an activities pack holds.
 *
 * Referrals belong to the Goals and actions section of sharing
 * (SHARE_GOALS): they serve the plan's actions.  Callers (h_referral.c)
 * check the section; the worklist checks it per person itself.
 *
 * Every read is audited (referral.read, referral.search, worklist.read),
 * every write is one transaction with its audit row (signpost.give,
 * referral.create, referral.status) and writes nothing on error.
 *
 * Memory: records, messages and texts in the caller's arena; inputs
 * borrowed.
 */
#ifndef CP_REFERRAL_H
#define CP_REFERRAL_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "audit.h"
#include "form.h"

#define REF_REASON_MAX 1000   /* characters of a reason, note or outcome */
#define REF_QUERY_MAX 200     /* characters of the words searched for */
#define REF_QUERY_TERMS 12    /* words of a search used (the rest are left out) */
#define REF_RESULTS_MAX 25    /* services a search shows */
#define REF_LIST_MAX 200      /* referrals of one episode read */
#define REF_EVENTS_MAX 2000   /* status changes of one episode read */
#define REF_WORKLIST_MAX 500  /* referrals the worklist reads */
#define REF_RECENT_DAYS 30    /* outcomes stay on the worklist this long */
#define PACK_SERVICES_MAX 20  /* services in one activities pack */
#define PACK_PARTS_MAX 10     /* locations, times, contacts and costs of one service in a pack */

enum ref_status {
#define REF_STATUS(e, code, label, open) REF_##e,
#include "referral.def"
	REF__MAX
};

/* "sent", ...; "" out of range. */
const char *ref_status_code(enum ref_status s);
/* "Sent, waiting for an answer", ...; "" out of range. */
const char *ref_status_label(enum ref_status s);
/* REF__MAX for NULL or an unknown code. */
enum ref_status ref_status_from_code(const char *code);
/* Whether a referral at s still needs the team's attention. */
bool ref_status_open(enum ref_status s);
/* Whether referral.def allows from -> to. */
bool ref_move_allowed(enum ref_status from, enum ref_status to);
/* The words of the choice from -> to; NULL when not allowed. */
const char *ref_move_label(enum ref_status from, enum ref_status to);
/* The statuses a referral at from may move to, in referral.def's order,
 * into out (REF__MAX entries are enough); returns how many. */
size_t ref_moves_from(enum ref_status from, enum ref_status out[REF__MAX]);

/* ---- finding a service ---------------------------------------------------- */

/* A search as typed: fields "q" (words), "domain" (assessment domain code
 * or empty), "free" ("1": free of charge only), "action" and "need" (what
 * it is for, carried to the signpost or referral). */
struct ref_search_input {
	const char *q, *domain, *free, *action, *need;
};

/* What the search page shows. */
struct ref_search {
	struct store_episode ep;
	struct store_person person;
	bool read_only;               /* the episode has ended: nothing can be made from it */
	int64_t action_id;            /* 0 when the search is not for an action */
	const char *action_what;      /* its words */
	const char *need;             /* assessment domain code the search is for, or NULL */
	const char *q;                /* the words searched for (cleaned), or NULL */
	const char *domain;           /* filter, or NULL */
	bool free_only;
	bool searched;                /* words or a domain were given */
	struct store_dir_hit *hits;   /* the directory's search (store_dir_search), services running now */
	size_t n_hits;
	const char **needs;           /* domains with needs recorded (only when the assessment is shared) */
	size_t n_needs;
};

/* Reads episode_id's search page: with no words and no domain given, the
 * words of the action (field "action") or the domain of the need (field
 * "need") fill the search.  show_needs: the reader may see the
 * assessment (the needs recorded are listed to choose from).  Audits
 * referral.search.  CP_ENOTFOUND (no such episode, or the action is not one
 * of its plan: *msg says which); CP_EINVAL with errs for a bad field. */
enum cp_err ref_search_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    int64_t episode_id, const struct ref_search_input *in, bool show_needs,
			    struct ref_search *out, struct person_errors *errs, const char **msg);

/* ---- signposting and referring -------------------------------------------- */

/* A signpost or referral as typed: fields "kind" ("signpost" or
 * "referral"), "service" (a directory service id), "action" (a plan action
 * id or empty), "need" (assessment domain code or empty), "reason"
 * (needed for a referral), "referral_date" (YYYY-MM-DD, not after today;
 * empty: today). */
struct ref_input {
	const char *kind, *service, *action, *need, *reason, *referral_date;
};

/* Checks in (without the store): CP_EINVAL with a message per field;
 * out gets kind, service_id, plan_action_id, need, reason, referral_date
 * and status. */
enum cp_err ref_validate(struct arena *a, int64_t now_ms, const struct ref_input *in, struct store_sref *out,
			 struct person_errors *errs);

/* Records a signpost or referral for episode_id by who (audit
 * signpost.give or referral.create).  CP_EINVAL with errs (a field) or *msg
 * (the episode has ended); CP_ENOTFOUND when there is no such episode.
 * *id gets the new record's id. */
enum cp_err ref_create(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		       int64_t episode_id, const struct ref_input *in, struct person_errors *errs, const char **msg,
		       int64_t *id);

/* A change of status as typed: fields "status" (the code to move to),
 * "note" (optional), "outcome" (optional: what came of it so far; empty
 * keeps the one recorded) and "version" (the version the page showed). */
struct ref_change_input {
	const char *status, *note, *outcome, *version;
};

/* Moves referral id on (audit referral.status; a history row).
 * CP_EINVAL with errs (a field: a move referral.def does not allow names
 * "status"); CP_ECONFLICT with *msg (someone changed it first); CP_EINVAL
 * with *msg (a signpost, or the episode has ended); CP_ENOTFOUND. */
enum cp_err ref_change(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		       int64_t id, const struct ref_change_input *in, struct person_errors *errs, const char **msg);

/* ---- reading ---------------------------------------------------------------- */

/* One referral with its history. */
struct ref_one {
	struct store_sref r;
	struct store_sref_event *events; /* oldest first */
	size_t n_events;
	bool read_only;                  /* its episode has ended */
};

/* Reads referral id (audit referral.read).  CP_ENOTFOUND when none. */
enum cp_err ref_read_one(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t id, struct ref_one *out);

/* An episode's signposts and referrals with their histories. */
struct ref_episode {
	struct store_episode ep;
	struct store_person person;
	bool read_only;
	struct store_sref *refs; /* referrals, then signposts, newest first */
	size_t n;
	struct store_sref_event *events; /* by referral, oldest first */
	size_t n_events;
	const char **needs; /* assessment domains with needs recorded: show only where the assessment is shared */
	size_t n_needs;
};

/* Reads them (audit referral.read with reason why).  CP_ENOTFOUND when
 * there is no such episode. */
enum cp_err ref_episode_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, const char *why, struct ref_episode *out);

/* What the referral form shows: the episode, its person and the service,
 * read as one (audit referral.read, "referral form").  CP_ENOTFOUND when
 * there is no such episode (*svc_missing false) or service (true). */
enum cp_err ref_form_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  int64_t episode_id, int64_t service_id, struct store_episode *ep, struct store_person *person,
			  struct store_dir_entry *svc, bool *svc_missing);

/* ---- the worklist ---------------------------------------------------------- */

enum ref_group { RG_WAITING, RG_ACCEPTED, RG_DNA, RG_RECENT, RG__MAX };

struct ref_work_item {
	const struct store_sref *r;
	int days; /* whole days since its status last changed */
};

struct ref_worklist {
	struct ref_work_item *items[RG__MAX];
	size_t n[RG__MAX];
	bool truncated; /* more than REF_WORKLIST_MAX were found */
};

/* The referrals user made or that are for their team's people: waiting
 * for an answer (sent, oldest first), accepted and not yet attended, did
 * not attend (to chase), and outcomes (attended, declined) of the last
 * REF_RECENT_DAYS days, newest first.  Someone the user may no longer see,
 * or who has not shared their goals and actions with them, is left out.
 * Audits worklist.read ("referrals"). */
enum cp_err ref_worklist_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      const struct store_user *user, struct ref_worklist *out);

/* ---- the activities pack ------------------------------------------------- */

/* One service of a pack, in plain words. */
struct pack_service {
	struct store_dir_entry e;    /* the service whole (store_dir_entry_get) */
	const char **where;  /* each location in one line */
	size_t n_where;
	const char **when;   /* each time in words: "Every week on Tuesday, 10:00 to 11:30" */
	size_t n_when;
	const char *cost;    /* "Free", or the costs in words */
	const char **contact; /* each way to get in touch in one line */
	size_t n_contact;
};

struct pack {
	const char *person_name; /* given (or preferred) and family name */
	const char *date;        /* today, in words */
	struct pack_service *s;
	size_t n;
};

/* The words of one schedule: its rule in words (recur_summary), its
 * opening times and its description ("Every week on Tuesday, 10:00 to
 * 11:30"), in the arena; NULL when it says nothing. */
const char *pack_when(struct arena *a, const struct store_dir_schedule *s);

/* What a service costs, in words for the pack: its fees as the directory
 * gives them ("£4.50 a session"), with "Free. " before them when it is free
 * and they do not say so; else "Free"; else each cost option with an
 * amount ("£4.50 for lunch and a hot drink", "Each session: £4.50");
 * else "Ask the service".  In the arena. */
const char *ref_cost_words(struct arena *a, const struct store_dir_entry *e);

/* Reads the pack of services ids (n of them, 1..PACK_SERVICES_MAX, each a
 * service of the directory; repeats count once) for episode_id's person.
 * CP_EINVAL with *msg (none chosen, too many, or an id that is no
 * service); CP_ENOTFOUND (no such episode).  Does not audit: the caller
 * audits the pack it produces (pack_mark). */
enum cp_err pack_read(struct store_conn *c, struct arena *a, int64_t now_ms, int64_t episode_id,
		      const int64_t *ids, size_t n, struct pack *out, const char **msg);

/* Records that who produced episode_id's pack of n services (audit
 * pack.print). */
enum cp_err pack_mark(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t episode_id,
		      int64_t person_id, size_t n);

#endif
