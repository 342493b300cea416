/*
 * assess.c - the holistic assessment's code lists and the validation of its
 * forms (see assess.h).  Pure: no I/O; what is kept lives in the arena.
 */
#include "assess.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "form.h"
#include "role.h"

/* ---- code lists ------------------------------------------------------------------ */

static const struct {
	const char *code, *label, *hint;
} domains[ADOMAIN__MAX] = {
#define ADOMAIN(e, code, label, hint) [ADOMAIN_##e] = {code, label, hint},
#include "assess_domain.def"
#undef ADOMAIN
};

const char *assess_domain_code(enum assess_domain d)
{
	return (unsigned)d < ADOMAIN__MAX ? domains[d].code : "";
}

const char *assess_domain_label(enum assess_domain d)
{
	return (unsigned)d < ADOMAIN__MAX ? domains[d].label : "";
}

const char *assess_domain_hint(enum assess_domain d)
{
	return (unsigned)d < ADOMAIN__MAX ? domains[d].hint : "";
}

enum assess_domain assess_domain_from_code(const char *code)
{
	for (int d = 0; code && d < ADOMAIN__MAX; d++)
		if (strcmp(code, domains[d].code) == 0)
			return (enum assess_domain)d;
	return ADOMAIN__MAX;
}

static const char *const kinds[AKIND__MAX][2] = {
	[AKIND_NEED] = {"need", "Need"},
	[AKIND_RISK] = {"risk", "Risk"},
	[AKIND_STRENGTH] = {"strength", "Strength"},
};

const char *assess_kind_code(enum assess_kind k)
{
	return (unsigned)k < AKIND__MAX ? kinds[k][0] : "";
}

const char *assess_kind_label(enum assess_kind k)
{
	return (unsigned)k < AKIND__MAX ? kinds[k][1] : "";
}

enum assess_kind assess_kind_from_code(const char *code)
{
	for (int k = 0; code && k < AKIND__MAX; k++)
		if (strcmp(code, kinds[k][0]) == 0)
			return (enum assess_kind)k;
	return AKIND__MAX;
}

const char *const assess_severity_codes[ASSESS_LEVELS] = {"low", "moderate", "high"};
const char *const assess_severity_labels[ASSESS_LEVELS] = {"Low", "Moderate", "High"};
const char *const assess_likelihood_codes[ASSESS_LEVELS] = {"unlikely", "possible", "likely"};
const char *const assess_likelihood_labels[ASSESS_LEVELS] = {"Unlikely", "Possible", "Likely"};

const char *assess_level_label(const char *code)
{
	for (int i = 0; code && i < ASSESS_LEVELS; i++) {
		if (strcmp(code, assess_severity_codes[i]) == 0)
			return assess_severity_labels[i];
		if (strcmp(code, assess_likelihood_codes[i]) == 0)
			return assess_likelihood_labels[i];
	}
	return "";
}

const char *assess_recorded_by_label(const char *code)
{
	if (code && strcmp(code, "person") == 0)
		return "Written by the person themself";
	if (code && strcmp(code, "with_professional") == 0)
		return "Written down with the person by a professional";
	return "";
}

/* ---- validation helpers --------------------------------------------------------------- */

#define MS_PER_DAY 86400000LL

void assess_today(int64_t now_ms, char out[16])
{
	int64_t days = now_ms / MS_PER_DAY - (now_ms < 0 && now_ms % MS_PER_DAY ? 1 : 0);
	struct caldate d;
	if (caldate_from_days((int)days, &d) != CP_OK)
		d = (struct caldate){1970, 1, 1};
	caldate_format(d, out, 16);
}

/* A text field: trimmed, valid UTF-8 of at most max characters, required
 * when missing is set.  NULL when empty or wrong (the error is added). */
static const char *text(struct form_check *v, const char *field, const char *label, size_t max, const char *raw,
			const char *missing)
{
	char *s = form_clean(v, raw);
	if (!s) {
		if (missing)
			form_error(v, field, missing);
		return NULL;
	}
	size_t n = strlen(s);
	if (!utf8_text_valid(s, n)) {
		form_error(v, field, arena_printf(v->a, "%s must be text", label));
		return NULL;
	}
	if (utf8_count(s, n) > max) {
		form_error(v, field, arena_printf(v->a, "%s must be %zu characters or fewer", label, max));
		return NULL;
	}
	return s;
}

/* A required date, a real YYYY-MM-DD not after today. */
static const char *past_date(struct form_check *v, const char *field, const char *label, const char *raw,
			     const char *missing)
{
	char *s = form_clean(v, raw);
	if (!s) {
		form_error(v, field, missing);
		return NULL;
	}
	struct caldate d;
	char msg[256];
	if (caldate_parse(s, label, &d, msg, sizeof msg) != CP_OK) {
		form_error(v, field, arena_strdup(v->a, msg));
		return NULL;
	}
	char today[16], mine[CALDATE_STR];
	assess_today(v->now_ms, today);
	caldate_format(d, mine, sizeof mine);
	if (strcmp(mine, today) > 0) {
		form_error(v, field, arena_printf(v->a, "%s must be today or in the past", label));
		return NULL;
	}
	return arena_strdup(v->a, mine);
}

/* The code in codes[0..n) that raw is, or NULL (with missing as the error). */
static const char *one_of(struct form_check *v, const char *field, const char *raw, const char *const *codes,
			  size_t n, const char *missing)
{
	for (size_t i = 0; raw && i < n; i++)
		if (strcmp(raw, codes[i]) == 0)
			return codes[i];
	form_error(v, field, missing);
	return NULL;
}

static enum cp_err result(const struct form_check *v)
{
	if (v->oom)
		return CP_ENOMEM;
	return v->errs->n ? CP_EINVAL : CP_OK;
}

static struct form_check begin(struct arena *a, struct person_errors *errs, int64_t now_ms)
{
	errs->n = 0;
	return (struct form_check){.a = a, .errs = errs, .now_ms = now_ms};
}

/* ---- forms ------------------------------------------------------------------------------ */

enum cp_err assess_story_validate(struct arena *a, const struct assess_story_input *in, struct store_story *out,
				  struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, 0);
	out->whats_new = text(&v, "whats_new", "What's new", ASSESS_STORY_MAX, in->whats_new, NULL);
	out->whats_good = text(&v, "whats_good", "What's good", ASSESS_STORY_MAX, in->whats_good, NULL);
	out->whats_tough = text(&v, "whats_tough", "What's tough", ASSESS_STORY_MAX, in->whats_tough, NULL);
	out->matters_most = text(&v, "matters_most", "What matters most to me", ASSESS_STORY_MAX, in->matters_most,
				 NULL);
	if (!v.errs->n && !out->whats_new && !out->whats_good && !out->whats_tough && !out->matters_most)
		form_error(&v, "whats_new", "Write at least one part of their story, in their own words");
	static const char *const by[] = {"person", "with_professional"};
	out->recorded_by = one_of(&v, "recorded_by", in->recorded_by, by, 2, "Select who wrote the story down");
	return result(&v);
}

enum cp_err assess_pro_validate(struct arena *a, const struct assess_pro_input *in, const char *discipline,
				int64_t now_ms, struct store_pro_story *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, now_ms);
	enum discipline disc = discipline_from_code(discipline);
	if (disc == DISC_NONE || disc == DISC__MAX)
		form_error(&v, "discipline", "Your account has no discipline recorded, so your story cannot be "
					     "tagged with one. Ask an administrator to add it.");
	out->discipline = disc == DISC_NONE || disc == DISC__MAX ? NULL : discipline_code(disc);
	out->issues = text(&v, "issues", "Issues", ASSESS_TEXT_MAX, in->issues, "Enter the issues as you see them");
	out->evidence = text(&v, "evidence", "Evidence", ASSESS_TEXT_MAX, in->evidence, NULL);
	out->experience = text(&v, "experience", "Experience", ASSESS_TEXT_MAX, in->experience, NULL);
	out->story_date = past_date(&v, "story_date", "Date", in->story_date, "Enter the date of your story");
	return result(&v);
}

enum cp_err assess_outcome_validate(struct arena *a, const struct assess_outcome_input *in, int64_t now_ms,
				    struct store_outcome *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, now_ms);
	out->outcome = text(&v, "outcome", "Outcome", ASSESS_TEXT_MAX, in->outcome,
			    "Enter the outcome that was agreed");
	out->agreed_by = text(&v, "agreed_by", "Who agreed", ASSESS_SHORT_MAX, in->agreed_by, "Enter who agreed it");
	out->agreed_date = past_date(&v, "agreed_date", "Date agreed", in->agreed_date,
				     "Enter the date it was agreed");
	return result(&v);
}

enum cp_err assess_entry_validate(struct arena *a, const struct assess_entry_input *in, struct store_assess_entry *out,
				  struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, 0);
	enum assess_kind k = assess_kind_from_code(in->kind);
	if (k == AKIND__MAX)
		form_error(&v, "kind", "Select whether it is a need, a risk or a strength");
	else
		out->kind = assess_kind_code(k);
	enum assess_domain d = assess_domain_from_code(in->domain);
	if (d == ADOMAIN__MAX)
		form_error(&v, "domain", "Select the domain it belongs to");
	else
		out->domain = assess_domain_code(d);
	out->description = text(&v, "description", "Description", ASSESS_TEXT_MAX, in->description,
				"Enter a description");
	if (k == AKIND_NEED || k == AKIND_RISK)
		out->severity = one_of(&v, "severity", in->severity, assess_severity_codes, ASSESS_LEVELS,
				       k == AKIND_RISK ? "Select how serious the risk is" : "Select how serious the need is");
	if (k == AKIND_RISK) {
		out->likelihood = one_of(&v, "likelihood", in->likelihood, assess_likelihood_codes, ASSESS_LEVELS,
					 "Select how likely the risk is");
		out->mitigation = text(&v, "mitigation", "What reduces the risk", ASSESS_TEXT_MAX, in->mitigation,
				       "Enter what reduces the risk");
	}
	return result(&v);
}

enum cp_err assess_carer_validate(struct arena *a, const struct assess_carer_input *in,
				  const struct store_contact *contacts, size_t n, struct store_carer_need *out,
				  struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, 0);
	int64_t id = 0;
	if (in->contact_id && !str_to_i64(in->contact_id, 1, INT64_MAX, &id))
		for (size_t i = 0; i < n && !out->contact_id; i++)
			if (contacts[i].id == id && contacts[i].is_carer)
				out->contact_id = id;
	if (!out->contact_id)
		form_error(&v, "contact_id", "Select the carer these needs are theirs");
	out->needs = text(&v, "carer_needs", "The carer's needs", ASSESS_TEXT_MAX, in->needs,
			  "Enter the carer's own needs");
	out->what_helps = text(&v, "what_helps", "What would help", ASSESS_TEXT_MAX, in->what_helps, NULL);
	return result(&v);
}

const char *assess_item_field(int item)
{
	static const char *const names[INSTRUMENT_ITEMS_MAX] = {"item1", "item2", "item3", "item4", "item5",
								  "item6", "item7", "item8", "item9"};
	return item >= 1 && item <= INSTRUMENT_ITEMS_MAX ? names[item - 1] : "";
}

enum cp_err assess_instrument_validate(struct arena *a, const struct assess_instrument_input *in, int64_t now_ms,
				       struct store_instrument_result *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, now_ms);
	enum instrument ins = instrument_from_code(in->instrument);
	if (ins == INSTRUMENT__MAX) {
		form_error(&v, "instrument", "Select the questionnaire");
		return result(&v);
	}
	out->instrument = instrument_code(ins);
	out->taken_date = past_date(&v, "taken_date", "Date completed", in->taken_date,
				    "Enter the date the questionnaire was completed");
	int n = instrument_items(ins);
	int answers[INSTRUMENT_ITEMS_MAX];
	for (int i = 1; i <= n; i++) {
		const char *raw = in->item[i - 1];
		char msg[INSTRUMENT_MSG_MAX];
		int64_t val = 0;
		answers[i - 1] = INSTRUMENT_UNANSWERED;
		if (!raw || !*raw) {
			form_error(&v, assess_item_field(i),
				   arena_printf(a, "%s item %d: select an answer", instrument_name(ins), i));
			continue;
		}
		if (str_to_i64(raw, -1000, 1000, &val) ||
		    instrument_check_item(ins, i, (int)val, msg, sizeof msg) != CP_OK) {
			if (str_to_i64(raw, -1000, 1000, &val))
				snprintf(msg, sizeof msg, "%s item %d: the answer must be a whole number from %d to %d.",
					 instrument_name(ins), i, instrument_item_min(ins), instrument_item_max(ins));
			form_error(&v, assess_item_field(i), arena_strdup(a, msg));
			continue;
		}
		answers[i - 1] = (int)val;
	}
	if (v.errs->n || v.oom)
		return result(&v);
	struct instrument_result res;
	char msg[INSTRUMENT_MSG_MAX];
	if (instrument_score(ins, answers, (size_t)n, &res, msg, sizeof msg) != CP_OK) {
		form_error(&v, "instrument", arena_strdup(a, msg));
		return result(&v);
	}
	char items[INSTRUMENT_ITEMS_MAX * 3 + 1];
	size_t k = 0;
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(items + k, sizeof items - k, i ? ",%d" : "%d", answers[i]);
	out->items = arena_strdup(a, items);
	if (!out->items)
		v.oom = true;
	out->total = res.total;
	out->band = instrument_band_code(res.band);
	out->safety = res.safety;
	return result(&v);
}

int assess_items_parse(const char *items, int *answers, int max)
{
	int n = 0;
	const char *p = items;
	if (!p || !*p)
		return -1;
	for (;;) {
		if (*p < '0' || *p > '9' || n >= max)
			return -1;
		int val = 0;
		while (*p >= '0' && *p <= '9' && val < 100)
			val = val * 10 + (*p++ - '0');
		answers[n++] = val;
		if (!*p)
			return n;
		if (*p++ != ',')
			return -1;
	}
}

enum cp_err assess_medicine_validate(struct arena *a, const struct assess_medicine_input *in,
				     struct store_medicine *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = begin(a, errs, 0);
	out->name = text(&v, "med_name", "Medicine", ASSESS_SHORT_MAX, in->name, "Enter the name of the medicine");
	out->dose = text(&v, "med_dose", "Dose and how it is taken", ASSESS_SHORT_MAX, in->dose,
			 "Enter the dose and how it is taken");
	out->purpose = text(&v, "med_purpose", "What it is for", ASSESS_SHORT_MAX, in->purpose, NULL);
	out->needs_review = in->needs_review && strcmp(in->needs_review, "yes") == 0;
	if (out->needs_review)
		out->review_reason = text(&v, "review_reason", "Why it needs a review", ASSESS_TEXT_MAX,
					  in->review_reason, "Enter why the medicine needs a review");
	return result(&v);
}

enum cp_err assess_stop_validate(struct arena *a, const char *date_in, const char *reason_in, int64_t now_ms,
				 const char **date, const char **reason, struct person_errors *errs)
{
	struct form_check v = begin(a, errs, now_ms);
	*date = past_date(&v, "stopped_date", "Date stopped", date_in, "Enter the date the medicine was stopped");
	*reason = text(&v, "stopped_reason", "Why it was stopped", ASSESS_TEXT_MAX, reason_in, NULL);
	return result(&v);
}
