/* transparency.c - a person's audit trail in plain words (transparency.h). */
#include "transparency.h"

#include <string.h>

#include "role.h"

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
			      int64_t person_id, int64_t before_id, struct store_audit_seen **out, size_t *n,
			      bool *more)
{
	*n = 0;
	*more = false;
	/* One more than a page says whether older rows remain. */
	enum cp_err err = store_audit_for_person(c, a, person_id, before_id, TRANSPARENCY_PAGE + 1, out, n);
	if (err)
		return err;
	if (*n > TRANSPARENCY_PAGE) {
		*n = TRANSPARENCY_PAGE;
		*more = true;
	}
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
