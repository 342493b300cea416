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

#endif
