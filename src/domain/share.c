/* share.c - consent-based sharing, section by section (share.h). */
#include "share.h"

#include <stdio.h>
#include <string.h>

#include "../util/arena.h"

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

/* ---- stored settings -------------------------------------------------- */

static const struct {
	unsigned bit;
	const char *code;
} audience_codes[] = {
	{SA_PERSON, "person"}, {SA_CARER, "carer"}, {SA_HEALTH, "health"}, {SA_SOCIAL, "social"}, {SA_TEAM, "team"},
};

const char *share_audience_code(unsigned audience)
{
	for (size_t i = 0; i < sizeof audience_codes / sizeof audience_codes[0]; i++)
		if (audience_codes[i].bit == audience)
			return audience_codes[i].code;
	return "";
}

unsigned share_audience_from_code(const char *code)
{
	for (size_t i = 0; code && i < sizeof audience_codes / sizeof audience_codes[0]; i++)
		if (strcmp(audience_codes[i].code, code) == 0)
			return audience_codes[i].bit;
	return 0;
}

bool share_person_fixed(enum share_section s)
{
	return s < SHARE__MAX && (share_default(s) & SA_PERSON) != 0;
}

/* The agreed masks of person_id: the default where never set.  mask has
 * SHARE__MAX entries; stored (may be NULL) says which were set. */
static enum cp_err read_masks(struct store_conn *c, struct arena *a, int64_t person_id, unsigned *mask,
			      bool *stored)
{
	for (int s = 0; s < SHARE__MAX; s++) {
		mask[s] = share_default((enum share_section)s);
		if (stored)
			stored[s] = false;
	}
	struct store_share_setting *rows = NULL;
	size_t n = 0;
	enum cp_err err = store_share_list(c, a, person_id, SHARE__MAX * 2, &rows, &n);
	for (size_t i = 0; !err && i < n; i++) {
		enum share_section s = share_from_code(rows[i].section);
		if (s == SHARE__MAX)
			continue; /* a section this build no longer has: deny by default */
		mask[s] = rows[i].audiences;
		if (share_person_fixed(s))
			mask[s] |= SA_PERSON;
		if (stored)
			stored[s] = true;
	}
	return err;
}

enum cp_err share_visible_for(struct store_conn *c, unsigned audiences, int64_t carer_user_id, int64_t person_id,
			      unsigned *out)
{
	*out = 0;
	if (!audiences)
		return CP_OK;
	struct arena *a = arena_new(16 * 1024);
	if (!a)
		return CP_ENOMEM;
	unsigned mask[SHARE__MAX];
	bool carer_set[SHARE__MAX] = {false}, carer_yes[SHARE__MAX] = {false};
	enum cp_err err = read_masks(c, a, person_id, mask, NULL);
	if (!err && (audiences & SA_CARER) && carer_user_id > 0) {
		struct store_share_carer *rows = NULL;
		size_t n = 0;
		err = store_share_carer_list(c, a, person_id, carer_user_id, SHARE__MAX * 2, &rows, &n);
		for (size_t i = 0; !err && i < n; i++) {
			enum share_section s = share_from_code(rows[i].section);
			if (s < SHARE__MAX) {
				carer_set[s] = true;
				carer_yes[s] = rows[i].allowed;
			}
		}
	}
	for (int s = 0; !err && s < SHARE__MAX; s++) {
		unsigned m = mask[s];
		if (carer_set[s])
			m = carer_yes[s] ? m | SA_CARER : m & ~(unsigned)SA_CARER;
		if (m & audiences)
			*out |= SHARE_BIT(s);
	}
	arena_free(a);
	if (err)
		*out = 0;
	return err;
}

enum cp_err share_visible_sections(struct store_conn *c, const struct store_user *u, enum access_basis b,
				   int64_t person_id, unsigned *mask)
{
	*mask = 0;
	unsigned who = share_audiences_of(u, b);
	if (!who)
		return CP_OK;
	return share_visible_for(c, who, b == ACCESS_CARER ? u->id : 0, person_id, mask);
}

/* ---- the settings page --------------------------------------------------- */

/* Fills the page's settings of person_id (inside a read transaction). */
static enum cp_err read_settings(struct store_conn *c, struct arena *a, int64_t person_id, struct share_settings *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = read_masks(c, a, person_id, out->mask, out->stored);
	struct store_grant *g = NULL;
	size_t ng = 0;
	if (!err)
		err = store_grant_list_person(c, a, person_id, SHARE_CARERS_MAX * 4, &g, &ng);
	if (!err) {
		out->carers = arena_zalloc(a, (ng ? ng : 1) * sizeof *out->carers);
		if (!out->carers)
			err = CP_ENOMEM;
	}
	for (size_t i = 0; !err && i < ng && out->n_carers < SHARE_CARERS_MAX; i++) {
		if (g[i].withdrawn_ms)
			continue;
		bool seen = false; /* one column per carer, however many grants */
		for (size_t j = 0; j < out->n_carers; j++)
			seen = seen || out->carers[j].user_id == g[i].carer_user_id;
		if (!seen)
			out->carers[out->n_carers++] = (struct share_carer_col){g[i].carer_user_id, g[i].carer_name};
	}
	if (!err) {
		out->carer_allowed = arena_zalloc(a, (out->n_carers ? out->n_carers : 1) * SHARE__MAX * sizeof(bool));
		if (!out->carer_allowed)
			err = CP_ENOMEM;
	}
	for (size_t i = 0; !err && i < out->n_carers; i++)
		for (int s = 0; s < SHARE__MAX; s++)
			out->carer_allowed[i * SHARE__MAX + (size_t)s] = (out->mask[s] & SA_CARER) != 0;
	struct store_share_carer *rows = NULL;
	size_t n = 0;
	if (!err)
		err = store_share_carer_list(c, a, person_id, 0, SHARE_CARERS_MAX * SHARE__MAX * 4, &rows, &n);
	for (size_t r = 0; !err && r < n; r++) {
		enum share_section s = share_from_code(rows[r].section);
		for (size_t i = 0; s < SHARE__MAX && i < out->n_carers; i++)
			if (out->carers[i].user_id == rows[r].carer_user_id)
				out->carer_allowed[i * SHARE__MAX + (size_t)s] = rows[r].allowed;
	}
	if (!err)
		err = store_share_history_list(c, a, person_id, SHARE_HISTORY_MAX, &out->history, &out->n_history);
	if (!err)
		err = store_share_version(c, person_id, &out->version);
	return err;
}

enum cp_err share_settings_read(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				int64_t now_ms, int64_t person_id, const char *why, struct share_settings *out)
{
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	struct store_person p;
	err = store_person_get(c, a, person_id, &p);
	if (!err)
		err = read_settings(c, a, person_id, out);
	if (!err && !(out->person_name = arena_printf(a, "%s %s", p.given_name, p.family_name)))
		err = CP_ENOMEM;
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	struct audit_event ev = {.action = "share.read", .object_type = "person", .object_id = person_id,
				 .person_id = person_id, .reason = why};
	return audit_read(c, who, &ev, now_ms);
}

/* Records a forged form in a transaction of its own. */
static enum cp_err refused(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, int64_t person_id,
			   const char *reason)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct audit_event ev = {.action = "share.refused", .object_type = "person", .object_id = person_id,
				 .person_id = person_id, .reason = reason};
	err = audit_record(c, who, &ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

/* Reads one ticked box's name into its section and either an audience or a
 * carer's user id.  false when it is not a box the page draws. */
static bool parse_box(const char *name, enum share_section *s, unsigned *aud, int64_t *carer)
{
	*aud = 0;
	*carer = 0;
	if (!name || (name[0] != 'a' && name[0] != 'c') || name[1] != '.')
		return false;
	const char *sec = name + 2, *dot = strchr(sec, '.');
	if (!dot || dot - sec > 40)
		return false;
	char code[48];
	memcpy(code, sec, (size_t)(dot - sec));
	code[dot - sec] = '\0';
	if ((*s = share_from_code(code)) == SHARE__MAX)
		return false;
	const char *rest = dot + 1;
	if (name[0] == 'a') {
		*aud = share_audience_from_code(rest);
		/* The person's own box exists only where it is not fixed on. */
		return *aud && !(*aud == SA_PERSON && share_person_fixed(*s));
	}
	int64_t v = 0;
	size_t n = strlen(rest);
	if (n == 0 || n > 18 || rest[0] == '0')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (rest[i] < '0' || rest[i] > '9')
			return false;
		v = v * 10 + (rest[i] - '0');
	}
	*carer = v;
	return true;
}

enum cp_err share_change(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			 int64_t person_id, const struct share_form *f, size_t *changes, char *msg, size_t msgn)
{
	*changes = 0;
	msg[0] = '\0';
	if (f->n > SHARE_FIELDS_MAX) {
		snprintf(msg, msgn, "The form sent more settings than the page has.");
		refused(c, who, now_ms, person_id, "too many settings");
		return CP_EFORBIDDEN;
	}
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_person p;
	struct share_settings cur;
	err = store_person_get(c, a, person_id, &p);
	if (!err)
		err = read_settings(c, a, person_id, &cur);
	if (err) {
		store_rollback(c);
		return err;
	}
	/* The new state: the masks' editable bits and each carer's boxes. */
	unsigned want[SHARE__MAX];
	for (int s = 0; s < SHARE__MAX; s++)
		want[s] = share_person_fixed((enum share_section)s) ? SA_PERSON : 0;
	bool *carer_want = arena_zalloc(a, (cur.n_carers ? cur.n_carers : 1) * SHARE__MAX * sizeof(bool));
	if (!carer_want) {
		store_rollback(c);
		return CP_ENOMEM;
	}
	const char *forged = NULL;
	for (size_t i = 0; i < f->n && !forged; i++) {
		enum share_section s;
		unsigned aud;
		int64_t carer;
		if (!parse_box(f->names[i], &s, &aud, &carer)) {
			forged = "unknown setting";
			snprintf(msg, msgn, "The form named a setting this page does not have (\"%.60s\"). Nothing was saved.",
				 f->names[i] ? f->names[i] : "");
			break;
		}
		if (aud) {
			want[s] |= aud;
			continue;
		}
		size_t k = 0;
		while (k < cur.n_carers && cur.carers[k].user_id != carer)
			k++;
		if (k == cur.n_carers) {
			forged = "carer without a live grant";
			snprintf(msg, msgn,
				 "The form named a carer who cannot see this plan (there is no live permission for them). "
				 "Nothing was saved.");
			break;
		}
		carer_want[k * SHARE__MAX + (size_t)s] = true;
	}
	if (forged) {
		store_rollback(c);
		refused(c, who, now_ms, person_id, forged);
		return CP_EFORBIDDEN;
	}
	if (f->version != cur.version) {
		store_rollback(c);
		snprintf(msg, msgn,
			 "These settings were changed by someone else after you opened this page. The page now shows "
			 "them as they are: make your changes again.");
		return CP_ECONFLICT;
	}
	if (f->need_agreement && !f->agreed) {
		store_rollback(c);
		snprintf(msg, msgn, "Tick \"I have agreed this with %s %s\" to save: the settings are the person's to agree.",
			 p.given_name, p.family_name);
		return CP_EINVAL;
	}
	int64_t hid = 0;
	for (int s = 0; !err && s < SHARE__MAX; s++) {
		if (want[s] == cur.mask[s])
			continue;
		struct store_share_change h = {.person_id = person_id, .section = share_code((enum share_section)s),
					       .before = cur.stored[s] ? (int64_t)cur.mask[s] : -1,
					       .after = want[s], .changed_by = who->user_id, .changed_ms = now_ms};
		err = store_share_set(c, person_id, h.section, want[s], who->user_id, now_ms);
		if (!err)
			err = store_share_history_insert(c, &h, &hid);
		(*changes)++;
	}
	/* A carer's box that differs from what the new "every carer" setting
	 * gives them, or from their own row, is kept as their own row. */
	struct store_share_carer *rows = NULL;
	size_t n = 0;
	if (!err)
		err = store_share_carer_list(c, a, person_id, 0, SHARE_CARERS_MAX * SHARE__MAX * 4, &rows, &n);
	for (size_t i = 0; !err && i < cur.n_carers; i++)
		for (int s = 0; !err && s < SHARE__MAX; s++) {
			bool w = carer_want[i * SHARE__MAX + (size_t)s];
			int64_t own = -1;
			for (size_t r = 0; r < n; r++)
				if (rows[r].carer_user_id == cur.carers[i].user_id &&
				    share_from_code(rows[r].section) == (enum share_section)s)
					own = rows[r].allowed;
			bool now_gets = own >= 0 ? own != 0 : (want[s] & SA_CARER) != 0;
			if (w == now_gets)
				continue;
			struct store_share_change h = {.person_id = person_id,
						       .section = share_code((enum share_section)s),
						       .carer_user_id = cur.carers[i].user_id,
						       .before = own, .after = w, .changed_by = who->user_id,
						       .changed_ms = now_ms};
			err = store_share_carer_set(c, person_id, h.section, h.carer_user_id, w, who->user_id, now_ms);
			if (!err)
				err = store_share_history_insert(c, &h, &hid);
			(*changes)++;
		}
	if (!err && *changes == 0) {
		store_rollback(c);
		return CP_OK;
	}
	if (!err) {
		struct audit_event ev = {.action = "share.change", .object_type = "share", .object_id = hid,
					 .person_id = person_id,
					 .reason = f->need_agreement ? "agreed with the person" : "by the person"};
		err = audit_record(c, who, &ev, now_ms);
	}
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	if (err)
		*changes = 0;
	return err;
}
