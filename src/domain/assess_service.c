/*
 * assess_service.c - the audited, transactional operations of the holistic
 * assessment (see assess_service.h).
 *
 * Each change reads the episode inside its transaction (store_begin holds
 * the write lock), so "has it ended?" and the write cannot be overtaken; the
 * audit row commits with the change.
 */
#include "assess_service.h"

#include <stdio.h>
#include <string.h>

#include "episode.h"

static const char *const ENDED = "This episode has ended, so its assessment can be read but not changed. "
				 "Start a new episode to assess the person again.";
static const char *const STALE_STORY = "Someone else changed the person's story while you were writing, so "
				       "your version has not been saved. Their version is shown below; add "
				       "your changes to it and save again.";
static const char *const STALE_MED = "Someone else changed this medicine while you were looking at it, so "
				     "your change has not been saved. Check it as it is now and try again.";

static void say(char *msg, size_t msgn, const char *text)
{
	if (msg && msgn)
		snprintf(msg, msgn, "%s", text);
}

static bool episode_open(const struct store_episode *e)
{
	return episode_stage_open(episode_stage_from_code(e->stage));
}

enum cp_err assess_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, const char *why, struct assess_record *out)
{
	memset(out, 0, sizeof *out);
	enum cp_err err = store_begin_read(c);
	if (err)
		return err;
	if ((err = store_episode_get(c, a, episode_id, &out->ep)) ||
	    (err = store_person_get(c, a, out->ep.person_id, &out->person)))
		goto fail;
	out->open = episode_open(&out->ep);
	err = store_story_current(c, a, episode_id, &out->story);
	if (err && err != CP_ENOTFOUND)
		goto fail;
	out->has_story = err == CP_OK;
	if ((err = store_story_history(c, a, episode_id, ASSESS_LIST_MAX, &out->story_versions,
				       &out->n_story_versions)) ||
	    (err = store_pro_story_list(c, a, episode_id, ASSESS_LIST_MAX, &out->pros, &out->n_pros)) ||
	    (err = store_outcome_list(c, a, episode_id, ASSESS_LIST_MAX, &out->outcomes, &out->n_outcomes)) ||
	    (err = store_assess_entry_list(c, a, episode_id, ASSESS_LIST_MAX, &out->entries, &out->n_entries)) ||
	    (err = store_contact_list(c, a, out->ep.person_id, ASSESS_CONTACTS_MAX, &out->contacts,
				      &out->n_contacts)) ||
	    (err = store_carer_need_list(c, a, episode_id, ASSESS_LIST_MAX, &out->carer_needs,
					 &out->n_carer_needs)) ||
	    (err = store_instrument_list(c, a, episode_id, ASSESS_LIST_MAX, &out->results, &out->n_results)) ||
	    (err = store_medicine_list(c, a, episode_id, ASSESS_LIST_MAX, &out->medicines, &out->n_medicines)))
		goto fail;
	struct audit_event ev = {.action = "assessment.read", .object_type = "episode", .object_id = episode_id,
				 .person_id = out->ep.person_id, .reason = why};
	if ((err = store_commit(c)))
		return err;
	return audit_read(c, who, &ev, now_ms);
fail:
	store_rollback(c);
	return err;
}

void assess_coverage_of(const struct assess_record *rec, struct assess_coverage *out)
{
	memset(out, 0, sizeof *out);
	out->story = rec->has_story;
	out->pros = rec->n_pros;
	out->outcomes = rec->n_outcomes;
	out->entries = rec->n_entries;
	out->carer_needs = rec->n_carer_needs;
	out->results = rec->n_results;
	for (size_t i = 0; i < rec->n_contacts; i++)
		out->carers += rec->contacts[i].is_carer;
	for (size_t i = 0; i < rec->n_entries; i++) {
		enum assess_domain d = assess_domain_from_code(rec->entries[i].domain);
		if (d != ADOMAIN__MAX)
			out->domain_covered[d] = true;
	}
	for (int d = 0; d < ADOMAIN__MAX; d++)
		out->domains_missing += !out->domain_covered[d];
	for (size_t i = 0; i < rec->n_results; i++) {
		const struct store_instrument_result *r = &rec->results[i];
		enum instrument ins = instrument_from_code(r->instrument);
		if (ins == INSTRUMENT__MAX)
			continue;
		out->instrument_done[ins] = true;
		/* Oldest first within an instrument: the last PHQ-9 seen is the newest. */
		if (ins == INSTRUMENT_PHQ9)
			out->latest_phq9 = r;
	}
	for (size_t i = 0; i < rec->n_medicines; i++) {
		const struct store_medicine *m = &rec->medicines[i];
		if (!m->stopped_date)
			out->medicines++;
		if (!m->stopped_date && m->needs_review)
			out->medicines_for_review++;
	}
}

/* Begins a change to episode_id: the transaction, the episode, and the
 * refusal when it has ended.  On error the transaction is rolled back. */
static enum cp_err begin_change(struct store_conn *c, struct arena *a, int64_t episode_id, struct store_episode *e,
				char *msg, size_t msgn)
{
	say(msg, msgn, "");
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	if ((err = store_episode_get(c, a, episode_id, e)))
		goto fail;
	if (!episode_open(e)) {
		say(msg, msgn, ENDED);
		err = CP_EFORBIDDEN;
		goto fail;
	}
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

/* Audits and commits a change begun by begin_change; rolls back on error. */
static enum cp_err finish(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, const char *action,
			  const char *type, int64_t id, int64_t person_id, const char *reason)
{
	struct audit_event ev = {.action = action, .object_type = type, .object_id = id, .person_id = person_id,
				 .reason = reason};
	enum cp_err err = audit_record(c, who, &ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

enum cp_err assess_story_save(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			      int64_t episode_id, int64_t expected_version, const struct store_story *s,
			      int64_t *version, char *msg, size_t msgn)
{
	*version = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_story cur;
	int64_t have = 0;
	err = store_story_current(c, a, episode_id, &cur);
	if (err == CP_OK)
		have = cur.version;
	else if (err != CP_ENOTFOUND)
		goto fail;
	if (have != expected_version) {
		say(msg, msgn, STALE_STORY);
		err = CP_ECONFLICT;
		goto fail;
	}
	struct store_story next = *s;
	next.episode_id = episode_id;
	next.version = have + 1;
	next.user_id = who->user_id;
	next.time_ms = now_ms;
	int64_t id = 0;
	if ((err = store_story_insert(c, &next, &id))) {
		if (err == CP_ECONFLICT)
			say(msg, msgn, STALE_STORY);
		goto fail;
	}
	char why[40];
	snprintf(why, sizeof why, "version %lld", (long long)next.version);
	if ((err = finish(c, who, now_ms, "assessment.story", "assess_story", id, e.person_id, why)))
		return err;
	*version = next.version;
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

enum cp_err assess_pro_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			   int64_t episode_id, const struct store_pro_story *p, int64_t *id, char *msg, size_t msgn)
{
	*id = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_pro_story row = *p;
	row.episode_id = episode_id;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	if ((err = store_pro_story_insert(c, &row, id))) {
		store_rollback(c);
		return err;
	}
	return finish(c, who, now_ms, "assessment.pro_story", "assess_pro_story", *id, e.person_id, row.discipline);
}

enum cp_err assess_outcome_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			       int64_t episode_id, const struct store_outcome *o, int64_t *id, char *msg,
			       size_t msgn)
{
	*id = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_outcome row = *o;
	row.episode_id = episode_id;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	if ((err = store_outcome_insert(c, &row, id))) {
		store_rollback(c);
		return err;
	}
	return finish(c, who, now_ms, "assessment.outcome", "assess_outcome", *id, e.person_id, NULL);
}

enum cp_err assess_entry_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, const struct store_assess_entry *x, int64_t *id, char *msg,
			     size_t msgn)
{
	*id = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_assess_entry row = *x;
	row.episode_id = episode_id;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	if ((err = store_assess_entry_insert(c, &row, id))) {
		store_rollback(c);
		return err;
	}
	char why[64];
	snprintf(why, sizeof why, "%s %s", row.kind ? row.kind : "", row.domain ? row.domain : "");
	return finish(c, who, now_ms, "assessment.entry", "assess_entry", *id, e.person_id, why);
}

enum cp_err assess_carer_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			     int64_t episode_id, const struct store_carer_need *k, int64_t *id, char *msg,
			     size_t msgn)
{
	*id = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_contact *contacts = NULL;
	size_t n = 0;
	if ((err = store_contact_list(c, a, e.person_id, ASSESS_CONTACTS_MAX, &contacts, &n)))
		goto fail;
	bool carer = false;
	for (size_t i = 0; i < n && !carer; i++)
		carer = contacts[i].id == k->contact_id && contacts[i].is_carer;
	if (!carer) {
		say(msg, msgn, "Select one of the person's carers");
		err = CP_EINVAL;
		goto fail;
	}
	struct store_carer_need row = *k;
	row.episode_id = episode_id;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	if ((err = store_carer_need_insert(c, &row, id)))
		goto fail;
	return finish(c, who, now_ms, "assessment.carer_need", "assess_carer_need", *id, e.person_id, NULL);
fail:
	store_rollback(c);
	*id = 0;
	return err;
}

enum cp_err assess_instrument_add(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				  int64_t now_ms, int64_t episode_id, const struct store_instrument_result *r,
				  int64_t *id, char *msg, size_t msgn)
{
	*id = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_instrument_result row = *r;
	row.episode_id = episode_id;
	row.user_id = who->user_id;
	row.created_ms = now_ms;
	if ((err = store_instrument_insert(c, &row, id))) {
		store_rollback(c);
		return err;
	}
	/* The code of the questionnaire only: never its score. */
	return finish(c, who, now_ms, "assessment.instrument", "assess_instrument", *id, e.person_id, row.instrument);
}

enum cp_err assess_medicine_add(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				int64_t now_ms, int64_t episode_id, const struct store_medicine *m, int64_t *id,
				char *msg, size_t msgn)
{
	*id = 0;
	struct store_episode e;
	enum cp_err err = begin_change(c, a, episode_id, &e, msg, msgn);
	if (err)
		return err;
	struct store_medicine row = *m;
	row.episode_id = episode_id;
	row.stopped_date = NULL;
	row.stopped_reason = NULL;
	row.user_id = who->user_id;
	row.updated_ms = now_ms;
	if ((err = store_medicine_insert(c, &row, id))) {
		store_rollback(c);
		return err;
	}
	return finish(c, who, now_ms, "assessment.medicine.add", "assess_medicine", *id, e.person_id,
		      row.needs_review ? "needs review" : NULL);
}

enum cp_err assess_medicine_read(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, const char *why, struct store_medicine *out,
				 struct assess_record *rec)
{
	enum cp_err err = store_medicine_get(c, a, id, out);
	if (err)
		return err;
	return assess_read(c, a, who, now_ms, out->episode_id, why, rec);
}

/* Begins a change to medicine id at expected_version: *cur as stored. */
static enum cp_err begin_medicine(struct store_conn *c, struct arena *a, int64_t id, int64_t expected_version,
				  struct store_medicine *cur, struct store_episode *e, int64_t *episode_id, char *msg,
				  size_t msgn)
{
	*episode_id = 0;
	say(msg, msgn, "");
	enum cp_err err = store_medicine_get(c, a, id, cur);
	if (err)
		return err;
	*episode_id = cur->episode_id;
	if ((err = begin_change(c, a, cur->episode_id, e, msg, msgn)))
		return err;
	/* Read again under the lock taken by begin_change. */
	if ((err = store_medicine_get(c, a, id, cur)))
		goto fail;
	if (cur->version != expected_version) {
		say(msg, msgn, STALE_MED);
		err = CP_ECONFLICT;
		goto fail;
	}
	if (cur->stopped_date) {
		say(msg, msgn, "This medicine has been stopped, so it cannot change. Add it again if it is started again.");
		err = CP_EINVAL;
		goto fail;
	}
	return CP_OK;
fail:
	store_rollback(c);
	return err;
}

enum cp_err assess_medicine_edit(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, int64_t expected_version, const struct store_medicine *m,
				 int64_t *episode_id, char *msg, size_t msgn)
{
	struct store_medicine cur;
	struct store_episode e;
	enum cp_err err = begin_medicine(c, a, id, expected_version, &cur, &e, episode_id, msg, msgn);
	if (err)
		return err;
	struct store_medicine next = cur;
	next.name = m->name;
	next.dose = m->dose;
	next.purpose = m->purpose;
	next.needs_review = m->needs_review;
	next.review_reason = m->needs_review ? m->review_reason : NULL;
	next.user_id = who->user_id;
	next.updated_ms = now_ms;
	if ((err = store_medicine_update(c, &next, expected_version))) {
		if (err == CP_ECONFLICT)
			say(msg, msgn, STALE_MED);
		store_rollback(c);
		return err;
	}
	return finish(c, who, now_ms, "assessment.medicine.edit", "assess_medicine", id, e.person_id,
		      next.needs_review ? "needs review" : NULL);
}

enum cp_err assess_medicine_stop(struct store_conn *c, struct arena *a, const struct audit_actor *who,
				 int64_t now_ms, int64_t id, int64_t expected_version, const char *date,
				 const char *reason, int64_t *episode_id, char *msg, size_t msgn)
{
	struct store_medicine cur;
	struct store_episode e;
	enum cp_err err = begin_medicine(c, a, id, expected_version, &cur, &e, episode_id, msg, msgn);
	if (err)
		return err;
	struct store_medicine next = cur;
	next.stopped_date = date;
	next.stopped_reason = reason;
	next.user_id = who->user_id;
	next.updated_ms = now_ms;
	if ((err = store_medicine_update(c, &next, expected_version))) {
		if (err == CP_ECONFLICT)
			say(msg, msgn, STALE_MED);
		store_rollback(c);
		return err;
	}
	return finish(c, who, now_ms, "assessment.medicine.stop", "assess_medicine", id, e.person_id, NULL);
}

void assess_restrict(struct assess_record *rec, unsigned share_mask)
{
	rec->withheld = SHARE_ALL & ~share_mask;
	if (!assess_shown(rec, SHARE_ASSESSMENT)) {
		rec->has_story = false;
		memset(&rec->story, 0, sizeof rec->story);
		rec->story_versions = NULL;
		rec->n_story_versions = 0;
		rec->pros = NULL;
		rec->n_pros = 0;
		rec->outcomes = NULL;
		rec->n_outcomes = 0;
		rec->entries = NULL;
		rec->n_entries = 0;
		rec->carer_needs = NULL;
		rec->n_carer_needs = 0;
	}
	if (!assess_shown(rec, SHARE_MEDICINES)) {
		rec->medicines = NULL;
		rec->n_medicines = 0;
	}
	if (!assess_shown(rec, SHARE_INSTRUMENTS)) {
		rec->results = NULL;
		rec->n_results = 0;
	}
}

bool assess_shown(const struct assess_record *rec, enum share_section s)
{
	return s < SHARE__MAX && !(rec->withheld & SHARE_BIT(s));
}
