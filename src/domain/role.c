/* role.c - the role, discipline and capability tables. */
#include "role.h"

#include <string.h>

static const struct {
	const char *code, *label, *about;
} roles[ROLE__MAX] = {
#define ROLE(e, code, label, about) [ROLE_##e] = {code, label, about},
#include "role.def"
#undef ROLE
};

static const struct {
	const char *code, *label;
} disciplines[DISC__MAX] = {
	[DISC_NONE] = {"", "None"},
#define DISC(e, code, label, sector) [DISC_##e] = {code, label},
#include "discipline.def"
#undef DISC
};

/* Who may do what: a row per capability, a column per role.  Anything not
 * marked is denied. */
#define A(r) (1u << ROLE_##r)
static const unsigned cap_roles[CAP__MAX] = {
	[CAP_HOME] = A(ADMIN) | A(MANAGER) | A(KEYWORKER) | A(PROFESSIONAL) | A(PERSON) | A(CARER) |
		     A(COMMISSIONER),
	/* The care team only.  Consent-based sharing will narrow this per
	 * person (person.h says where); persons, carers, commissioners and
	 * administrators never find people this way. */
	[CAP_PEOPLE] = A(MANAGER) | A(KEYWORKER) | A(PROFESSIONAL),
	[CAP_USERS_VIEW] = A(ADMIN),
	[CAP_TEAM_VIEW] = A(MANAGER) | A(KEYWORKER) | A(PROFESSIONAL),
	[CAP_OWN_RECORD] = A(PERSON),
	[CAP_CARED_FOR] = A(CARER),
	[CAP_SERVICE_FIGURES] = A(ADMIN) | A(MANAGER) | A(COMMISSIONER),
	[CAP_FEEDBACK_GIVE] = A(PERSON) | A(CARER),
	[CAP_FEEDBACK_READ] = A(MANAGER),
	[CAP_ACCESS_REVIEW] = A(MANAGER),
	[CAP_REFERRALS] = A(MANAGER) | A(KEYWORKER) | A(PROFESSIONAL),
	[CAP_SELF_ASSESS] = A(MANAGER),
	[CAP_DIRECTORY] = A(ADMIN) | A(MANAGER) | A(KEYWORKER) | A(PROFESSIONAL),
	/* Role-based like every capability; among professionals only link
	 * workers maintain it, which directory_may_edit (directory.h) decides. */
	[CAP_DIRECTORY_EDIT] = A(ADMIN) | A(PROFESSIONAL),
	[CAP_CASE_FINDING] = A(MANAGER) | A(KEYWORKER),
	[CAP_REGISTER_IMPORT] = A(ADMIN) | A(MANAGER),
	[CAP_DASHBOARD] = A(MANAGER),
	[CAP_EVENTS_IMPORT] = A(ADMIN) | A(MANAGER),
};
#undef A

static const char *const cap_codes[CAP__MAX] = {
	[CAP_HOME] = "home",
	[CAP_PEOPLE] = "people",
	[CAP_USERS_VIEW] = "users_view",
	[CAP_TEAM_VIEW] = "team_view",
	[CAP_OWN_RECORD] = "own_record",
	[CAP_CARED_FOR] = "cared_for",
	[CAP_SERVICE_FIGURES] = "service_figures",
	[CAP_FEEDBACK_GIVE] = "feedback_give",
	[CAP_FEEDBACK_READ] = "feedback_read",
	[CAP_ACCESS_REVIEW] = "access_review",
	[CAP_REFERRALS] = "referrals",
	[CAP_SELF_ASSESS] = "self_assess",
	[CAP_DIRECTORY] = "directory",
	[CAP_DIRECTORY_EDIT] = "directory_edit",
	[CAP_CASE_FINDING] = "case_finding",
	[CAP_REGISTER_IMPORT] = "register_import",
	[CAP_DASHBOARD] = "dashboard",
	[CAP_EVENTS_IMPORT] = "events_import",
};

static const char *const cap_labels[CAP__MAX] = {
	[CAP_HOME] = "See this home page",
	[CAP_PEOPLE] = "Find people, see their records, and add or change their details and contacts",
	[CAP_USERS_VIEW] = "See every user account and its role",
	[CAP_TEAM_VIEW] = "See the members of your care team",
	[CAP_OWN_RECORD] = "See your own record and your care team",
	[CAP_CARED_FOR] = "See the people who have asked you to help with their care",
	[CAP_SERVICE_FIGURES] = "See figures for the whole service, with no names",
	[CAP_FEEDBACK_GIVE] = "Tell the team how care planning is going for you",
	[CAP_FEEDBACK_READ] = "Read what people and carers say about the team's care planning",
	[CAP_ACCESS_REVIEW] = "Review break-glass access to your team's people",
	[CAP_REFERRALS] = "Follow up referrals to local services: who is waiting, who went and who to chase",
	[CAP_SELF_ASSESS] = "Assess the team's care planning against the self-assessment toolkit",
	[CAP_DIRECTORY] = "Search the directory of local services and groups",
	[CAP_DIRECTORY_EDIT] = "Add and update entries in the directory of local services (link workers)",
	[CAP_CASE_FINDING] = "See people on the register who may need care planning, and start care planning for them",
	[CAP_REGISTER_IMPORT] = "Import the population register",
	[CAP_DASHBOARD] = "See your team's figures: plans, reviews, goals and outcomes",
	[CAP_EVENTS_IMPORT] = "Import hospital activity (emergency admissions, A&E attendances) for evaluation",
};

const char *role_code(enum role r)
{
	return r < ROLE__MAX ? roles[r].code : "";
}

const char *role_label(enum role r)
{
	return r < ROLE__MAX ? roles[r].label : "Unknown role";
}

const char *role_about(enum role r)
{
	return r < ROLE__MAX ? roles[r].about : "";
}

enum role role_from_code(const char *code)
{
	for (int i = 0; code && i < ROLE__MAX; i++)
		if (strcmp(code, roles[i].code) == 0)
			return (enum role)i;
	return ROLE__MAX;
}

const char *discipline_code(enum discipline d)
{
	return d < DISC__MAX ? disciplines[d].code : "";
}

const char *discipline_label(enum discipline d)
{
	return d < DISC__MAX ? disciplines[d].label : "Unknown discipline";
}

enum discipline discipline_from_code(const char *code)
{
	if (!code || !*code)
		return DISC_NONE;
	for (int i = 1; i < DISC__MAX; i++)
		if (strcmp(code, disciplines[i].code) == 0)
			return (enum discipline)i;
	return DISC__MAX;
}

bool role_can(enum role r, enum cap c)
{
	if (r >= ROLE__MAX || c >= CAP__MAX)
		return false;
	return (cap_roles[c] >> r) & 1u;
}

const char *cap_code(enum cap c)
{
	return c < CAP__MAX && cap_codes[c] ? cap_codes[c] : "";
}

const char *cap_label(enum cap c)
{
	return c < CAP__MAX ? cap_labels[c] : "";
}

bool role_needs_discipline(enum role r)
{
	return r == ROLE_PROFESSIONAL;
}
