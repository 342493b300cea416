/* share.c - consent-based sharing, section by section (share.h). */
#include "share.h"

#include <string.h>

#include "role.h"

static const struct {
	const char *code, *heading, *about;
	unsigned def;
} sections[SHARE__MAX] = {
#define SHARE(e, code, heading, about, def) [SHARE_##e] = {code, heading, about, def},
#include "share.def"
#undef SHARE
};

enum sector { SECTOR_NONE, SECTOR_HEALTH, SECTOR_SOCIAL, SECTOR_COMMUNITY };

static enum sector sector_of(const char *discipline)
{
	static const struct {
		const char *code;
		enum sector sector;
	} table[] = {
#define DISC(e, code, label, sector) {code, SECTOR_##sector},
#include "discipline.def"
#undef DISC
	};
	if (!discipline)
		return SECTOR_NONE;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].code, discipline) == 0)
			return table[i].sector;
	return SECTOR_NONE;
}

const char *share_code(enum share_section s)
{
	return s < SHARE__MAX ? sections[s].code : "";
}

const char *share_heading(enum share_section s)
{
	return s < SHARE__MAX ? sections[s].heading : "";
}

const char *share_about(enum share_section s)
{
	return s < SHARE__MAX ? sections[s].about : "";
}

enum share_section share_from_code(const char *code)
{
	for (int s = 0; code && s < SHARE__MAX; s++)
		if (strcmp(sections[s].code, code) == 0)
			return (enum share_section)s;
	return SHARE__MAX;
}

unsigned share_default(enum share_section s)
{
	return s < SHARE__MAX ? sections[s].def : 0;
}

unsigned share_audiences_of(const struct store_user *u, enum access_basis b)
{
	switch (b) {
	case ACCESS_SELF: return SA_PERSON;
	case ACCESS_CARER: return SA_CARER;
	case ACCESS_CARE_TEAM:
		switch (sector_of(u->discipline)) {
		case SECTOR_HEALTH: return SA_TEAM | SA_HEALTH;
		case SECTOR_SOCIAL: return SA_TEAM | SA_SOCIAL;
		default: return SA_TEAM;
		}
	case ACCESS_TEAM:
	case ACCESS_BREAK_GLASS: return SA_TEAM;
	default: return 0;
	}
}

enum cp_err share_visible_sections(struct store_conn *c, const struct store_user *u, enum access_basis b,
				   int64_t person_id, unsigned *mask)
{
	(void)c;
	(void)person_id;
	*mask = 0;
	unsigned who = share_audiences_of(u, b);
	for (int s = 0; s < SHARE__MAX; s++)
		if (share_default((enum share_section)s) & who)
			*mask |= SHARE_BIT(s);
	return CP_OK;
}
