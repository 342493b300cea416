/*
 * letter.c - readings, review appointments and the pre-review letter
 * (letter.h).
 */
#include "letter.h"

#include <stdio.h>
#include <string.h>

#include "caldate.h"
#include "instrument.h"
#include "share.h"

#include "../util/str.h"

static const struct {
	const char *code, *label, *unit;
	int64_t lo, hi;     /* tenths */
	bool decimal;       /* one decimal place allowed */
	const char *what;   /* for messages */
} KINDS[READING__MAX] = {
	[READING_HBA1C] = {"hba1c", "HbA1c (blood sugar over the last 2 to 3 months)", "mmol/mol", 200, 1950, false,
			   "HbA1c"},
	[READING_BP] = {"bp", "Blood pressure", "mmHg", 600, 2600, false, "Systolic blood pressure (the top number)"},
	[READING_WEIGHT] = {"weight", "Weight", "kg", 20, 3500, true, "Weight"},
};
#define DIA_LO 300
#define DIA_HI 1600

const char *reading_code(enum reading_kind k)
{
	return (unsigned)k < READING__MAX ? KINDS[k].code : "";
}

enum reading_kind reading_from_code(const char *code)
{
	for (int k = 0; code && k < READING__MAX; k++)
		if (strcmp(code, KINDS[k].code) == 0)
			return (enum reading_kind)k;
	return READING__MAX;
}

const char *reading_label(enum reading_kind k)
{
	return (unsigned)k < READING__MAX ? KINDS[k].label : "";
}

static const char *tenths(struct arena *a, int64_t v)
{
	return v % 10 ? arena_printf(a, "%lld.%lld", (long long)(v / 10), (long long)(v % 10))
		      : arena_printf(a, "%lld", (long long)(v / 10));
}

const char *reading_text(struct arena *a, const struct store_reading *r)
{
	enum reading_kind k = reading_from_code(r->kind);
	if (k == READING__MAX)
		return NULL;
	if (k == READING_BP)
		return arena_printf(a, "%s/%s %s", tenths(a, r->value), tenths(a, r->value2), KINDS[k].unit);
	return arena_printf(a, "%s %s", tenths(a, r->value), KINDS[k].unit);
}

/* "72.4" or "72" into tenths (724, 720); digits only, at most one decimal
 * when allowed.  false when not such a number. */
static bool parse_tenths(const char *s, bool decimal, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, frac = -1;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (frac >= 0) {
				if (++frac > 1)
					return false;
			} else if (++digits > 6) {
				return false;
			}
			v = v * 10 + (*p - '0');
		} else if (*p == '.' && decimal && frac < 0 && digits) {
			frac = 0;
		} else {
			return false;
		}
	}
	if (!digits || frac == 0)
		return false;
	*out = frac == 1 ? v : v * 10;
	return true;
}

static void check_value(struct form_check *v, const char *field, const char *s, const char *what, const char *unit,
			int64_t lo, int64_t hi, bool decimal, int64_t *out)
{
	if (!s) {
		form_error(v, field, arena_printf(v->a, "Enter the %s", what));
		return;
	}
	if (!parse_tenths(s, decimal, out)) {
		form_error(v, field,
			   arena_printf(v->a, "%s must be a number%s, like %s", what,
					decimal ? " with at most one decimal place" : " without decimals",
					decimal ? "72.4" : tenths(v->a, lo + 100)));
		return;
	}
	if (*out < lo || *out > hi)
		form_error(v, field,
			   arena_printf(v->a, "%s must be between %s and %s %s", what, tenths(v->a, lo), tenths(v->a, hi),
					unit));
}

enum cp_err reading_validate(struct arena *a, int64_t now_ms, const struct reading_input *in,
			     struct store_reading *out, struct person_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	enum reading_kind k = reading_from_code(in->kind);
	if (k == READING__MAX)
		form_error(&v, "kind", "Select what was measured");
	const char *date = form_clean(&v, in->taken_date);
	struct caldate d;
	char msg[160];
	if (!date) {
		form_error(&v, "taken_date", "Enter the date it was measured");
	} else if (caldate_parse(date, "Date measured", &d, msg, sizeof msg) != CP_OK) {
		form_error(&v, "taken_date", arena_strdup(a, msg));
	} else if (caldate_to_days(d) > (int)(now_ms / 86400000LL)) {
		form_error(&v, "taken_date", "Date measured must be today or in the past");
	}
	const char *val = form_clean(&v, in->value), *val2 = form_clean(&v, in->value2);
	int64_t t = 0, t2 = 0;
	if (k != READING__MAX)
		check_value(&v, "value", val, KINDS[k].what, KINDS[k].unit, KINDS[k].lo, KINDS[k].hi, KINDS[k].decimal,
			    &t);
	if (k == READING_BP) {
		check_value(&v, "value2", val2, "Diastolic blood pressure (the bottom number)", "mmHg", DIA_LO, DIA_HI,
			    false, &t2);
		if (!person_error_for(errs, "value") && !person_error_for(errs, "value2") && t2 >= t)
			form_error(&v, "value2", "Diastolic blood pressure (the bottom number) must be lower than the "
						 "systolic (the top number)");
	} else if (k != READING__MAX && val2) {
		form_error(&v, "value2", "Leave the bottom number empty: only blood pressure has two numbers");
	}
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	out->kind = KINDS[k].code;
	out->taken_date = date;
	out->value = t;
	out->value2 = k == READING_BP ? t2 : 0;
	return CP_OK;
}

enum cp_err reading_add(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, const struct reading_input *in, struct person_errors *errs)
{
	struct store_reading r = {.episode_id = episode_id, .user_id = who->user_id, .created_ms = now_ms};
	enum cp_err err = reading_validate(a, now_ms, in, &r, errs);
	if (err)
		return err;
	if ((err = store_begin(c)))
		return err;
	struct store_episode ep = {0};
	int64_t id = 0;
	err = store_episode_get(c, a, episode_id, &ep);
	if (!err)
		err = store_reading_insert(c, &r, &id);
	struct audit_event ev = {.action = "reading.add", .object_type = "reading", .object_id = id,
				 .person_id = err ? 0 : ep.person_id, .reason = r.kind};
	return audit_finish(c, who, &ev, now_ms, err);
}

/* "HH:MM", 00:00 to 23:59. */
static bool time_ok(const char *s)
{
	return s && strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] - '0') * 10 + (s[1] - '0') < 24;
}

enum cp_err appt_set(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
		     int64_t episode_id, const struct appt_input *in, struct person_errors *errs, const char **msg)
{
	memset(errs, 0, sizeof *errs);
	*msg = NULL;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	const char *t = form_clean(&v, in->review_time), *place = form_clean(&v, in->place);
	if (!t)
		form_error(&v, "review_time", "Enter the time of the review, like 14:30");
	else if (!time_ok(t))
		form_error(&v, "review_time", "Time of the review must be a 24-hour time, like 09:15 or 14:30");
	if (!place)
		form_error(&v, "place", "Enter where the review will be held");
	else if (utf8_count(place, strlen(place)) > LETTER_PLACE_MAX)
		form_error(&v, "place", "Where the review will be held must be 200 characters or fewer");
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	struct store_episode ep = {0};
	struct store_rv_plan cp = {0};
	err = store_episode_get(c, a, episode_id, &ep);
	if (!err) {
		err = store_rv_plan_of(c, a, episode_id, &cp);
		if (err == CP_ENOTFOUND || (!err && !cp.next_review_date)) {
			err = CP_ENOTFOUND;
			*msg = "There is no review date in the plan yet. Set the next review date when the plan is agreed "
			       "or reviewed, then add its time and place.";
		}
	}
	struct store_review_appt ap = {.episode_id = episode_id, .review_time = t, .place = place,
				       .user_id = who->user_id, .updated_ms = now_ms};
	if (!err) {
		ap.review_date = cp.next_review_date;
		err = store_review_appt_set(c, &ap);
	}
	struct audit_event ev = {.action = "review_appointment.set", .object_type = "episode", .object_id = episode_id,
				 .person_id = err ? 0 : ep.person_id, .reason = ap.review_date};
	return audit_finish(c, who, &ev, now_ms, err);
}

enum cp_err letter_read(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			int64_t episode_id, unsigned mine, struct letter *out)
{
	memset(out, 0, sizeof *out);
	struct store_episode ep;
	enum cp_err err = store_episode_get(c, a, episode_id, &ep);
	if (!err)
		err = my_read_copy(c, a, who, now_ms, ep.person_id, 0, "review letter", &out->v);
	if (err)
		return err;
	if (!out->v.has_episode || out->v.ep.id != episode_id)
		return CP_ENOTFOUND;
	/* Nothing on paper that the professional could not read on screen. */
	out->v.mask &= mine;
	plan_restrict(&out->v.plan, out->v.mask);
	if (!(out->v.mask & SHARE_BIT(SHARE_ASSESSMENT)))
		out->v.n_questions = 0;
	out->show_readings = (out->v.mask & SHARE_BIT(SHARE_ASSESSMENT)) != 0;
	out->show_scores = (out->v.mask & SHARE_BIT(SHARE_INSTRUMENTS)) != 0;
	out->review_date = out->v.plan.exists && (out->v.mask & SHARE_BIT(SHARE_GOALS))
				   ? out->v.plan.cp.next_review_date
				   : NULL;
	if ((err = store_begin_read(c)))
		return err;
	struct store_reading *rd = NULL;
	struct store_instrument_result *ir = NULL;
	size_t nr = 0, ni = 0;
	err = store_review_appt_get(c, a, episode_id, &out->appt);
	if (!err)
		out->has_appt = out->review_date && strcmp(out->appt.review_date, out->review_date) == 0;
	else if (err == CP_ENOTFOUND)
		err = CP_OK;
	if (!err && out->show_readings)
		err = store_reading_list(c, a, episode_id, LETTER_READINGS_MAX, &rd, &nr);
	if (!err && out->show_scores)
		err = store_instrument_list(c, a, episode_id, LETTER_INSTR_MAX, &ir, &ni);
	if (!err && out->review_date)
		err = store_letter_last(c, episode_id, out->review_date, &out->sent_ms);
	if (err) {
		store_rollback(c);
		return err;
	}
	if ((err = store_commit(c)))
		return err;
	out->all_readings = rd;
	out->n_readings = nr;
	/* Both lists are oldest first within a kind: the last two are the
	 * latest and the one before. */
	for (size_t i = 0; i < nr; i++) {
		enum reading_kind k = reading_from_code(rd[i].kind);
		if (k == READING__MAX)
			continue;
		out->readings[k].previous = out->readings[k].latest;
		out->readings[k].latest = &rd[i];
	}
	for (size_t i = 0; i < ni; i++) {
		enum instrument k = instrument_from_code(ir[i].instrument);
		if (k == INSTRUMENT__MAX)
			continue;
		out->scores[k].previous = out->scores[k].latest;
		out->scores[k].latest = &ir[i];
	}
	return CP_OK;
}

enum cp_err letter_mark(struct store_conn *c, const struct audit_actor *who, int64_t now_ms,
			struct letter *const *ls, size_t n)
{
	enum cp_err err = store_begin(c);
	if (err)
		return err;
	for (size_t i = 0; i < n && !err; i++) {
		const struct letter *l = ls[i];
		if (l->review_date)
			err = store_letter_insert(c, l->v.ep.id, l->review_date, who->user_id, now_ms);
		struct audit_event ev = {.action = "letter.print", .object_type = "episode", .object_id = l->v.ep.id,
					 .person_id = l->v.person.id,
					 .reason = l->review_date ? l->review_date : "no review date"};
		if (!err)
			err = audit_record(c, who, &ev, now_ms);
	}
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}

enum cp_err letter_worklist(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			    const struct store_user *user, struct letter_due **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct worklist w;
	enum cp_err err = worklist_read(c, a, who, now_ms, user, true, WL_SORT_DATE, &w);
	if (err)
		return err;
	size_t due = w.n[WL_DUE];
	if (!due)
		return CP_OK;
	struct letter_due *ld = arena_zalloc(a, due * sizeof *ld);
	if (!ld)
		return CP_ENOMEM;
	if ((err = store_begin_read(c)))
		return err;
	for (size_t i = 0; i < due && !err; i++) {
		const struct worklist_item *it = &w.items[WL_DUE][i];
		int64_t sent = 0;
		if (!it->date)
			continue;
		err = store_letter_last(c, it->row->episode_id, it->date, &sent);
		if (!err && !sent)
			ld[(*n)++] = (struct letter_due){.row = it->row, .date = it->date, .days = it->days};
	}
	if (err) {
		store_rollback(c);
		*n = 0;
		return err;
	}
	*out = ld;
	return store_commit(c);
}
