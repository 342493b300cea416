/*
 * episode.c - the tables of stages, closure reasons, levels of care, review
 * decisions and goal and action statuses, and the rules for moving between
 * stages.  Every table is sized by its enum and filled from its .def file.
 */
#include "episode.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "../util/str.h"

static const struct {
	const char *code, *label, *fhir;
} stages[STAGE__MAX] = {
#define STAGE(e, code, label, fhir) [STAGE_##e] = {code, label, fhir},
#include "stage.def"
#undef STAGE
};

/* The moves of the cycle: a row per stage, a bit per stage it may move to.
 * Closure is not listed: every open stage may also move to STAGE_CLOSED (see
 * episode_transition_allowed). */
#define TO(s) (1u << STAGE_##s)
static const unsigned moves[STAGE__MAX] = {
	[STAGE_ENTRY] = TO(ASSESSMENT),
	[STAGE_ASSESSMENT] = TO(PLANNING),
	[STAGE_PLANNING] = TO(ACTIVE),
	[STAGE_ACTIVE] = TO(REVIEW),
	[STAGE_REVIEW] = TO(ACTIVE) | TO(MAINTENANCE) | TO(DISCHARGED) | TO(CLOSED),
	[STAGE_MAINTENANCE] = TO(REVIEW), /* a check-in that finds a need leads to review */
	[STAGE_DISCHARGED] = 0,           /* final; re-entry is a new episode */
	[STAGE_CLOSED] = 0,               /* final */
};
#undef TO
_Static_assert(STAGE__MAX <= 32, "moves[] holds one bit per stage in an unsigned");

static const struct {
	const char *code, *label;
} closures[CLOSURE__MAX] = {
	[CLOSURE_NONE] = {"", "No closure reason"},
#define CLOSURE(e, code, label) [CLOSURE_##e] = {code, label},
#include "closure.def"
#undef CLOSURE
};

static const struct {
	int num;
	const char *code, *label;
} levels[CARE_LEVEL__MAX] = {
#define CARE_LEVEL(e, num, code, label) [CARE_LEVEL_##e] = {num, code, label},
#include "care_level.def"
#undef CARE_LEVEL
};

static const struct {
	const char *code, *label;
	enum episode_stage stage;
} decisions[DECISION__MAX] = {
#define DECISION(e, code, label, stage) [DECISION_##e] = {code, label, STAGE_##stage},
#include "review_decision.def"
#undef DECISION
};

static const struct {
	const char *code, *label, *lifecycle, *achievement;
} goal_statuses[GOAL_STATUS__MAX] = {
#define GOAL_STATUS(e, code, label, lifecycle, achievement) \
	[GOAL_STATUS_##e] = {code, label, lifecycle, achievement},
#include "goal_status.def"
#undef GOAL_STATUS
};

static const struct {
	const char *code, *label, *fhir;
} action_statuses[ACTION_STATUS__MAX] = {
#define ACTION_STATUS(e, code, label, fhir) [ACTION_STATUS_##e] = {code, label, fhir},
#include "action_status.def"
#undef ACTION_STATUS
};

/* ---- writing messages ---- */

/* A message being written into a caller's buffer: appends are cut at the end
 * of the buffer and set cut; the text is always terminated when n > 0. */
struct msgbuf {
	char *p;
	size_t n, len;
	bool cut;
};

static void msg_init(struct msgbuf *m, char *p, size_t n)
{
	*m = (struct msgbuf){p, n, 0, false};
	if (n > 0)
		p[0] = '\0';
	else
		m->cut = true;
}

static void put(struct msgbuf *m, const char *s)
{
	size_t l = strlen(s);
	if (m->n == 0) {
		m->cut = m->cut || l > 0;
		return;
	}
	size_t room = m->n - 1 - m->len;
	if (l > room) {
		l = room;
		m->cut = true;
	}
	memcpy(m->p + m->len, s, l);
	m->len += l;
	m->p[m->len] = '\0';
}

/* A label with its first letter in lower case, for the middle of a sentence:
 * "Discharged to self-care" -> "discharged to self-care". */
static void put_lower(struct msgbuf *m, const char *label)
{
	char first[2] = {label[0], '\0'};
	if (first[0] >= 'A' && first[0] <= 'Z')
		first[0] = (char)(first[0] - 'A' + 'a');
	put(m, first);
	if (label[0])
		put(m, label + 1);
}

static void put_int(struct msgbuf *m, long v)
{
	char num[24];
	snprintf(num, sizeof num, "%ld", v);
	put(m, num);
}

/* "from assessment to planning" */
static void put_move(struct msgbuf *m, enum episode_stage from, enum episode_stage to)
{
	put(m, "from ");
	put_lower(m, stages[from].label);
	put(m, " to ");
	put_lower(m, stages[to].label);
}

/* Checks a reason given in words for `what` (a phrase such as "moving the
 * episode from assessment to planning"): present, valid text, not all white
 * space, at most EPISODE_REASON_MAX characters.  Writes the message into m. */
static enum cp_err check_reason(const char *reason, const char *what, struct msgbuf *m)
{
	/* Read no further than the longest reason could be (4 bytes a character)
	 * plus one, so that a huge input costs no more than a long one. */
	size_t cap = (size_t)EPISODE_REASON_MAX * 4 + 1;
	size_t bytes = reason ? strnlen(reason, cap) : 0;
	bool blank = true;
	for (size_t i = 0; i < bytes && blank; i++)
		blank = strchr(" \t\r\n", reason[i]) != NULL;
	if (blank) {
		put(m, "Give a reason for ");
		put(m, what);
		put(m, ".");
		return CP_EINVAL;
	}
	if (bytes < cap && !utf8_text_valid(reason, bytes)) {
		put(m, "The reason for ");
		put(m, what);
		put(m, " contains characters that cannot be used.");
		return CP_EINVAL;
	}
	/* At the cap the text has more than EPISODE_REASON_MAX characters
	 * whatever it holds; only its length is reported. */
	size_t chars = bytes < cap ? utf8_count(reason, bytes) : 0;
	if (bytes == cap || chars > EPISODE_REASON_MAX) {
		put(m, "The reason for ");
		put(m, what);
		put(m, " must be at most ");
		put_int(m, EPISODE_REASON_MAX);
		put(m, " characters long");
		if (chars > 0) {
			put(m, "; it has ");
			put_int(m, (long)chars);
		}
		put(m, ".");
		return CP_EINVAL;
	}
	return CP_OK;
}

/* Write the phrase that names what a reason is for, as check_reason takes
 * it, into out (WHAT_MAX bytes, enough for the longest stage names). */
#define WHAT_MAX 96

static void what_move(char *out, enum episode_stage from, enum episode_stage to)
{
	struct msgbuf w;
	msg_init(&w, out, WHAT_MAX);
	put(&w, "moving the episode ");
	put_move(&w, from, to);
	assert(!w.cut);
}

static void what_level(char *out, enum episode_level from, enum episode_level to)
{
	struct msgbuf w;
	msg_init(&w, out, WHAT_MAX);
	put(&w, "changing the level of care from ");
	put_int(&w, levels[from].num);
	put(&w, " to ");
	put_int(&w, levels[to].num);
	assert(!w.cut);
}

/* ---- stages ---- */

const char *episode_stage_code(enum episode_stage s)
{
	return (unsigned)s < STAGE__MAX ? stages[s].code : "";
}

const char *episode_stage_label(enum episode_stage s)
{
	return (unsigned)s < STAGE__MAX ? stages[s].label : "Unknown stage";
}

enum episode_stage episode_stage_from_code(const char *code)
{
	for (int i = 0; code && i < STAGE__MAX; i++)
		if (strcmp(code, stages[i].code) == 0)
			return (enum episode_stage)i;
	return STAGE__MAX;
}

const char *episode_fhir_status(enum episode_stage s, bool reached_active)
{
	if ((unsigned)s >= STAGE__MAX)
		return "";
	if (s == STAGE_CLOSED && !reached_active)
		return "cancelled";
	return stages[s].fhir;
}

bool episode_stage_open(enum episode_stage s)
{
	return (unsigned)s < STAGE__MAX && s != STAGE_DISCHARGED && s != STAGE_CLOSED;
}

bool episode_can_reenter(enum episode_stage s)
{
	return s == STAGE_MAINTENANCE || s == STAGE_DISCHARGED;
}

bool episode_transition_allowed(enum episode_stage from, enum episode_stage to)
{
	if ((unsigned)from >= STAGE__MAX || (unsigned)to >= STAGE__MAX || from == to)
		return false;
	if (to == STAGE_CLOSED)
		return episode_stage_open(from);
	return (moves[from] >> to) & 1u;
}

static void put_next_stages(struct msgbuf *m, enum episode_stage from)
{
	put(m, "From ");
	put_lower(m, stages[from].label);
	int n = 0;
	for (int to = 0; to < STAGE__MAX; to++) {
		if (!episode_transition_allowed(from, (enum episode_stage)to))
			continue;
		put(m, n++ ? ", " : " the episode can move to: ");
		put_lower(m, stages[to].label);
	}
	if (n == 0)
		put(m, " the episode cannot move to another stage");
	if (n == 0 && episode_can_reenter(from))
		put(m, "; a new episode can be started.");
	else if (episode_can_reenter(from))
		put(m, ". A new episode can also be started.");
	else
		put(m, ".");
}

enum cp_err episode_next_stages_text(enum episode_stage from, char *msg, size_t msgn)
{
	struct msgbuf m;
	msg_init(&m, msg, msgn);
	if ((unsigned)from >= STAGE__MAX) {
		put(&m, "The episode's stage is not known.");
		return CP_EINVAL;
	}
	put_next_stages(&m, from);
	return m.cut ? CP_ENOMEM : CP_OK;
}

enum cp_err episode_check_transition(enum episode_stage from, enum episode_stage to,
				     enum episode_closure closure, const char *reason, char *msg,
				     size_t msgn)
{
	struct msgbuf m;
	msg_init(&m, msg, msgn);
	if ((unsigned)from >= STAGE__MAX) {
		put(&m, "The episode's present stage is not known.");
		return CP_EINVAL;
	}
	if ((unsigned)to >= STAGE__MAX) {
		put(&m, "The stage to move the episode to is not known.");
		return CP_EINVAL;
	}
	if (from == to) {
		put(&m, "The episode is already at ");
		put_lower(&m, stages[to].label);
		put(&m, ". ");
		put_next_stages(&m, from);
		return CP_EINVAL;
	}
	if (!episode_transition_allowed(from, to)) {
		put(&m, "The episode cannot move ");
		put_move(&m, from, to);
		put(&m, ". ");
		put_next_stages(&m, from);
		return CP_EINVAL;
	}
	if ((unsigned)closure >= CLOSURE__MAX) {
		put(&m, "The reason for closing the episode is not known.");
		return CP_EINVAL;
	}
	if (to == STAGE_CLOSED && closure == CLOSURE_NONE) {
		put(&m, "Choose why the episode is being closed: ");
		for (int c = 1; c < CLOSURE__MAX; c++) {
			if (c > 1)
				put(&m, c + 1 < CLOSURE__MAX ? ", " : " or ");
			put_lower(&m, closures[c].label);
		}
		put(&m, ".");
		return CP_EINVAL;
	}
	if (to != STAGE_CLOSED && closure != CLOSURE_NONE) {
		put(&m, "A closure reason is given only when closing the episode, not when moving it ");
		put_move(&m, from, to);
		put(&m, ".");
		return CP_EINVAL;
	}
	char what[WHAT_MAX];
	what_move(what, from, to);
	return check_reason(reason, what, &m);
}

/* ---- closure reasons ---- */

const char *episode_closure_code(enum episode_closure c)
{
	return (unsigned)c < CLOSURE__MAX ? closures[c].code : "";
}

const char *episode_closure_label(enum episode_closure c)
{
	return (unsigned)c < CLOSURE__MAX ? closures[c].label : "Unknown closure reason";
}

enum episode_closure episode_closure_from_code(const char *code)
{
	if (!code || !*code)
		return CLOSURE_NONE;
	for (int i = 1; i < CLOSURE__MAX; i++)
		if (strcmp(code, closures[i].code) == 0)
			return (enum episode_closure)i;
	return CLOSURE__MAX;
}

/* ---- levels of care ---- */

const char *episode_level_code(enum episode_level l)
{
	return (unsigned)l < CARE_LEVEL__MAX ? levels[l].code : "";
}

const char *episode_level_label(enum episode_level l)
{
	return (unsigned)l < CARE_LEVEL__MAX ? levels[l].label : "Unknown level of care";
}

int episode_level_number(enum episode_level l)
{
	return (unsigned)l < CARE_LEVEL__MAX ? levels[l].num : 0;
}

enum episode_level episode_level_from_code(const char *code)
{
	for (int i = 0; code && i < CARE_LEVEL__MAX; i++)
		if (strcmp(code, levels[i].code) == 0)
			return (enum episode_level)i;
	return CARE_LEVEL__MAX;
}

enum episode_level episode_level_from_number(int n)
{
	for (int i = 0; i < CARE_LEVEL__MAX; i++)
		if (levels[i].num == n)
			return (enum episode_level)i;
	return CARE_LEVEL__MAX;
}

enum cp_err episode_check_level_change(enum episode_level from, enum episode_level to,
				       const char *reason, char *msg, size_t msgn)
{
	struct msgbuf m;
	msg_init(&m, msg, msgn);
	if ((unsigned)from >= CARE_LEVEL__MAX) {
		put(&m, "The present level of care is not known.");
		return CP_EINVAL;
	}
	if ((unsigned)to >= CARE_LEVEL__MAX) {
		put(&m, "Choose a level of care from 1 to ");
		put_int(&m, levels[CARE_LEVEL__MAX - 1].num);
		put(&m, ".");
		return CP_EINVAL;
	}
	if (from == to) {
		put(&m, "The level of care is already ");
		put_lower(&m, levels[to].label);
		put(&m, "; choose a different level.");
		return CP_EINVAL;
	}
	char what[WHAT_MAX];
	what_level(what, from, to);
	return check_reason(reason, what, &m);
}

/* ---- review decisions ---- */

const char *episode_decision_code(enum episode_decision d)
{
	return (unsigned)d < DECISION__MAX ? decisions[d].code : "";
}

const char *episode_decision_label(enum episode_decision d)
{
	return (unsigned)d < DECISION__MAX ? decisions[d].label : "Unknown review decision";
}

enum episode_decision episode_decision_from_code(const char *code)
{
	for (int i = 0; code && i < DECISION__MAX; i++)
		if (strcmp(code, decisions[i].code) == 0)
			return (enum episode_decision)i;
	return DECISION__MAX;
}

enum episode_stage episode_decision_stage(enum episode_decision d)
{
	return (unsigned)d < DECISION__MAX ? decisions[d].stage : STAGE__MAX;
}

enum cp_err episode_check_review(const struct episode_review *r, char *msg, size_t msgn)
{
	if ((unsigned)r->decision >= DECISION__MAX) {
		struct msgbuf m;
		msg_init(&m, msg, msgn);
		put(&m, "Choose what the review decided.");
		return CP_EINVAL;
	}
	enum cp_err err = episode_check_transition(STAGE_REVIEW, decisions[r->decision].stage,
						   r->closure, r->reason, msg, msgn);
	if (err == CP_OK && r->decision == DECISION_CHANGE_LEVEL)
		err = episode_check_level_change(r->level_now, r->level_new, r->reason, msg, msgn);
	return err;
}

/* ---- goals and actions ---- */

const char *episode_goal_status_code(enum episode_goal_status s)
{
	return (unsigned)s < GOAL_STATUS__MAX ? goal_statuses[s].code : "";
}

const char *episode_goal_status_label(enum episode_goal_status s)
{
	return (unsigned)s < GOAL_STATUS__MAX ? goal_statuses[s].label : "Unknown goal status";
}

enum episode_goal_status episode_goal_status_from_code(const char *code)
{
	for (int i = 0; code && i < GOAL_STATUS__MAX; i++)
		if (strcmp(code, goal_statuses[i].code) == 0)
			return (enum episode_goal_status)i;
	return GOAL_STATUS__MAX;
}

const char *episode_goal_status_fhir_lifecycle(enum episode_goal_status s)
{
	return (unsigned)s < GOAL_STATUS__MAX ? goal_statuses[s].lifecycle : "";
}

const char *episode_goal_status_fhir_achievement(enum episode_goal_status s)
{
	return (unsigned)s < GOAL_STATUS__MAX ? goal_statuses[s].achievement : "";
}

const char *episode_action_status_code(enum episode_action_status s)
{
	return (unsigned)s < ACTION_STATUS__MAX ? action_statuses[s].code : "";
}

const char *episode_action_status_label(enum episode_action_status s)
{
	return (unsigned)s < ACTION_STATUS__MAX ? action_statuses[s].label : "Unknown action status";
}

enum episode_action_status episode_action_status_from_code(const char *code)
{
	for (int i = 0; code && i < ACTION_STATUS__MAX; i++)
		if (strcmp(code, action_statuses[i].code) == 0)
			return (enum episode_action_status)i;
	return ACTION_STATUS__MAX;
}

const char *episode_action_status_fhir(enum episode_action_status s)
{
	return (unsigned)s < ACTION_STATUS__MAX ? action_statuses[s].fhir : "";
}
