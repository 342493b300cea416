/*
 * role.h - roles, disciplines and what each role may do.
 *
 * Deny by default: a capability not listed for a role in role.c is refused.
 * Every route names the capability it needs; nothing else grants access.
 */
#ifndef CP_ROLE_H
#define CP_ROLE_H

#include <stdbool.h>

enum role {
#define ROLE(e, code, label, about) ROLE_##e,
#include "role.def"
#undef ROLE
	ROLE__MAX
};

enum discipline {
	DISC_NONE = 0,
#define DISC(e, code, label, sector) DISC_##e,
#include "discipline.def"
#undef DISC
	DISC__MAX
};

/* What a signed-in user may do.  One row per capability in role.c. */
enum cap {
	CAP_HOME,            /* see their own home page */
	CAP_PEOPLE,          /* find and view people; add and change people and their contacts */
	CAP_USERS_VIEW,      /* list every user account */
	CAP_TEAM_VIEW,       /* see their team's members and caseload size */
	CAP_OWN_RECORD,      /* see their own record (a person) */
	CAP_CARED_FOR,       /* see the people who granted them access (a carer) */
	CAP_SERVICE_FIGURES, /* aggregate figures with no identifiable data */
	CAP_FEEDBACK_GIVE,   /* give feedback on their care planning (a person or carer) */
	CAP_FEEDBACK_READ,   /* read the team's feedback (a team manager) */
	CAP_ACCESS_REVIEW,   /* review break-glass access to the team's people (a team manager) */
	CAP_REFERRALS,       /* signpost and refer people to local services; the referrals worklist */
	CAP_SELF_ASSESS,     /* record and compare the team's self-assessments against the toolkit (a team manager) */
	CAP_DIRECTORY,       /* search and read the directory of local resources */
	CAP_DIRECTORY_EDIT,  /* maintain the directory: administrators, and link workers (the handlers
			      * narrow professionals to that discipline: directory_may_edit) */
	CAP_CASE_FINDING,    /* the worklist of people on the register who may need care planning, and entry from it */
	CAP_REGISTER_IMPORT, /* import the population register (identifies people: audited) */
	CAP_DASHBOARD,       /* the team's evaluation dashboard, exact counts (a team manager) */
	CAP_EVENTS_IMPORT,   /* import activity events for evaluation (managers, administrators) */
	CAP__MAX
};

/* Code <-> enum.  role_from_code returns ROLE__MAX for an unknown code;
 * discipline_from_code returns DISC__MAX for an unknown code and DISC_NONE
 * for NULL or "". */
const char *role_code(enum role r);
const char *role_label(enum role r);
const char *role_about(enum role r);
enum role role_from_code(const char *code);
const char *discipline_code(enum discipline d);
const char *discipline_label(enum discipline d);
enum discipline discipline_from_code(const char *code);

/* True when role r has capability c. */
bool role_can(enum role r, enum cap c);
/* A short code for capability c, e.g. "people" ("" when unknown). */
const char *cap_code(enum cap c);
/* A sentence for people describing capability c, e.g. "See your team ...". */
const char *cap_label(enum cap c);
/* True when the role is a member of the care team (needs a discipline only
 * for ROLE_PROFESSIONAL). */
bool role_needs_discipline(enum role r);

#endif
