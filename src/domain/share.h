/*
 * share.h - consent-based sharing, section by section.
 *
 * access.h decides whether a user may see a person's record at all; this
 * decides which sections of it.  Each section in share.def has a setting
 * agreed with the person: which audiences may see it.
 *
 *   SA_PERSON  the person themself
 *   SA_CARER   a carer with a live grant; settings name each carer (a
 *              carer's own row overrides the default for "every carer")
 *   SA_HEALTH  care team members whose discipline is a health one
 *   SA_SOCIAL  care team members whose discipline is social care
 *   SA_TEAM    every professional with access: the care team, the
 *              responsible team, break glass (so SA_TEAM covers the other
 *              two)
 *
 * Deny by default: a viewer sees a section only when one of their
 * audiences is in its setting.  Every way of reading a section (pages,
 * search, worklists, exports, any API) asks share_visible_sections once
 * and shows nothing of a section outside the mask: not its rows, counts
 * or titles.
 */
#ifndef CP_SHARE_H
#define CP_SHARE_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store.h"
#include "../util/err.h"
#include "access.h"
#include "audit.h"

enum share_section {
#define SHARE(e, code, heading, about, def) SHARE_##e,
#include "share.def"
#undef SHARE
	SHARE__MAX
};

enum share_audience {
	SA_PERSON = 1u << 0,
	SA_CARER = 1u << 1,
	SA_HEALTH = 1u << 2,
	SA_SOCIAL = 1u << 3,
	SA_TEAM = 1u << 4,
};

#define SHARE_BIT(sec) (1u << (sec))
#define SHARE_ALL ((1u << SHARE__MAX) - 1u)

const char *share_code(enum share_section s);
const char *share_heading(enum share_section s);
const char *share_about(enum share_section s);
/* SHARE__MAX for an unknown code. */
enum share_section share_from_code(const char *code);
/* The documented default audiences of a section (share.def). */
unsigned share_default(enum share_section s);

/* The audiences user u is in when looking at a record on basis b: a person
 * SA_PERSON, a carer SA_CARER, a care team member SA_TEAM plus SA_HEALTH or
 * SA_SOCIAL by their discipline's sector, any other professional basis
 * SA_TEAM; 0 for ACCESS_NONE. */
unsigned share_audiences_of(const struct store_user *u, enum access_basis b);

/* The sections of person_id's record that u (on basis b) may see, as a
 * mask of SHARE_BIT()s: 0 for ACCESS_NONE.  Reads the person's settings;
 * sections never set use share_default(). */
enum cp_err share_visible_sections(struct store_conn *c, const struct store_user *u, enum access_basis b,
				   int64_t person_id, unsigned *mask);

/* ---- the settings page (migration 14) ---------------------------------- */

#define SHARE_CARERS_MAX 20   /* named carers shown as columns */
#define SHARE_HISTORY_MAX 100 /* changes listed */
#define SHARE_FIELDS_MAX 300  /* ticked boxes in one form */

/* The audiences a settings form may tick, with their form codes; SA_PERSON
 * is fixed on for every section but the team's notes (share_person_fixed). */
const char *share_audience_code(unsigned audience);
/* 0 for an unknown code. */
unsigned share_audience_from_code(const char *code);
/* True when the person always sees section s (it is theirs); the form shows
 * it without a box. */
bool share_person_fixed(enum share_section s);

/* A carer with a live grant, as a column of the page. */
struct share_carer_col {
	int64_t user_id;
	const char *name;
};

/* A person's settings as the page shows them.  Everything in the arena. */
struct share_settings {
	unsigned mask[SHARE__MAX]; /* the audiences agreed (or the default) */
	bool stored[SHARE__MAX];   /* false: still the documented default */
	struct share_carer_col *carers; /* live grants, n_carers of them */
	size_t n_carers;
	bool *carer_allowed;       /* [i * SHARE__MAX + s]: carer i sees section s */
	struct store_share_change *history; /* newest first */
	size_t n_history;
	int64_t version;           /* store_share_version */
	const char *person_name;   /* share_settings_read: given and family name */
};

/* Reads person_id's settings, audited share.read with why.  CP_ENOTFOUND for
 * an unknown person. */
enum cp_err share_settings_read(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				int64_t now_ms, int64_t person_id, const char *why, struct share_settings *out);

/* A saved settings form.  names: the names of the boxes ticked, each
 * "a.<section>.<audience>" or "c.<section>.<carer user id>"; the form is
 * the whole new state of the boxes it shows.  Borrowed. */
struct share_form {
	const char *const *names;
	size_t n;
	int64_t version;       /* the version the form was drawn from */
	bool need_agreement;   /* a professional records what the person agreed */
	bool agreed;           /* "I have agreed this with NAME" is ticked */
	const char *person_name; /* for the message when agreement is missing */
};

/* Saves f as person_id's settings: changed masks and carers' rows, one
 * history row per change and one share.change audit row, in one
 * transaction.  *changes gets how many settings changed (0: nothing to
 * save, nothing written).  Errors, each with msg for people and nothing
 * written: CP_EINVAL the agreement is not ticked; CP_ECONFLICT the settings
 * changed since version; CP_EFORBIDDEN a box the page never shows (an
 * unknown section or audience, a carer without a live grant): audited
 * share.refused in a transaction of its own. */
enum cp_err share_change(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t person_id, const struct share_form *f, size_t *changes, char *msg, size_t msgn);

/* The audiences of sections of person_id for carer_user_id (0: none), for
 * callers that already know their audiences: mask of SHARE_BIT()s. */
enum cp_err share_visible_for(struct store_conn *c, unsigned audiences, int64_t carer_user_id, int64_t person_id,
			      unsigned *mask);

#endif
