/* transparency.c - a person's audit trail in plain words (transparency.h). */
#include "transparency.h"

#include <string.h>

#include "role.h"
#include "share.h"

#define TRANSPARENCY_ROUNDS 10 /* pages read at most to fill one */

static const struct {
	const char *action, *what;
} seen[] = {
#define SEEN(action, what) {action, what},
#include "transparency.def"
#undef SEEN
};

const char *transparency_what(const char *action)
{
	if (!action)
		return "did something with your record";
	for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++)
		if (strcmp(seen[i].action, action) == 0)
			return seen[i].what;
	const char *dot = strrchr(action, '.');
	if (dot && (strcmp(dot, ".read") == 0 || strcmp(dot, ".view") == 0))
		return "looked at your record";
	return "changed your record";
}

/* Longest prefix first where prefixes nest ("assessment.medicine." before
 * "assessment."). */
static const struct {
	const char *prefix;
	int section;
} about[] = {
	{"assessment.medicine.", SHARE_MEDICINES},
	{"assessment.instrument", SHARE_INSTRUMENTS},
	{"assessment.", SHARE_ASSESSMENT},
	{"review_story.", SHARE_ASSESSMENT},
	{"review_question.", SHARE_ASSESSMENT},
	{"aboutme.", SHARE_ABOUT},
	{"plan.", SHARE_GOALS},
	{"action.", SHARE_GOALS},
	{"review.", SHARE_GOALS},
	{"myplan.", SHARE_GOALS},
	{"activity.", SHARE_NOTES},
	{"checkin.", SHARE_NOTES},
	{"share.", TRANSPARENCY_PERSON_ONLY},
	{"grant.", TRANSPARENCY_PERSON_ONLY},
	{"invitation.", TRANSPARENCY_PERSON_ONLY},
	{"user.", TRANSPARENCY_PERSON_ONLY},
	{"feedback.", TRANSPARENCY_PERSON_ONLY},
};

int transparency_section(const char *action)
{
	for (size_t i = 0; action && i < sizeof about / sizeof about[0]; i++)
		if (strncmp(action, about[i].prefix, strlen(about[i].prefix)) == 0)
			return about[i].section;
	return TRANSPARENCY_RECORD;
}

bool transparency_visible(const char *action, bool person, unsigned mask)
{
	if (person)
		return true;
	int s = transparency_section(action);
	if (s == TRANSPARENCY_RECORD)
		return mask != 0; /* anyone who may see a part of the record */
	return s >= 0 && (mask & SHARE_BIT(s));
}

const char *transparency_who(struct arena *a, const struct store_audit_seen *row, int64_t viewer_user_id)
{
	if (row->user_id && row->user_id == viewer_user_id)
		return "You";
	if (!row->user_id || !row->who_name)
		return "Careplan (the system itself)";
	enum role r = role_from_code(row->role);
	if (r == ROLE__MAX)
		return arena_strdup(a, row->who_name);
	return arena_printf(a, "%s (%s)", row->who_name, role_label(r));
}

enum cp_err transparency_list(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t person_id, int64_t before_id, bool person, unsigned mask,
			      struct store_audit_seen **out, size_t *n, bool *more)
{
	*n = 0;
	*more = false;
	*out = NULL;
	/* Pages of one more than shown say whether older rows remain; rows the
	 * reader may not see are dropped, and a few more pages read to fill
	 * the page (bounded: a carer's page can come out short). */
	struct store_audit_seen *kept = arena_zalloc(a, TRANSPARENCY_PAGE * sizeof *kept);
	if (!kept)
		return CP_ENOMEM;
	enum cp_err err = CP_OK;
	for (int round = 0; round < TRANSPARENCY_ROUNDS && *n < TRANSPARENCY_PAGE; round++) {
		struct store_audit_seen *rows = NULL;
		size_t got = 0;
		if ((err = store_audit_for_person(c, a, person_id, before_id, TRANSPARENCY_PAGE + 1, &rows, &got)))
			return err;
		size_t used = 0;
		for (; used < got && used < TRANSPARENCY_PAGE && *n < TRANSPARENCY_PAGE; used++)
			if (transparency_visible(rows[used].action, person, mask))
				kept[(*n)++] = rows[used];
		*more = got > used;
		if (!*more)
			break;
		before_id = rows[used - 1].id;
	}
	*out = kept;
	if ((err = store_begin(c)))
		return err;
	struct audit_event ev = {.action = "record_log.read", .object_type = "person", .object_id = person_id,
				 .person_id = person_id};
	err = audit_record(c, who, &ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}
