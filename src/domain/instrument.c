/*
 * instrument.c - the questionnaire tables and their scoring.
 *
 * Scoring as published: PHQ-9 (Kroenke, Spitzer and Williams 2001) and GAD-7
 * (Spitzer et al. 2006) sum items scored 0..3; the three-item UCLA loneliness
 * scale (Hughes et al. 2004) sums items scored 1..3, and a total of 6 or
 * more is read as lonely, the cut-off most often used with it.  Item texts are
 * paraphrases in our own words; keep them that way when editing.
 */
#include "instrument.h"

#include <stdio.h>
#include <string.h>

/* A band of totals, lo..hi inclusive. */
struct band_row {
	int lo, hi;
	enum instrument_band band;
};

static const char *const phq9_items[] = {
	"Finding little interest or enjoyment in the things you do",
	"Feeling low, down or without hope",
	"Difficulty getting to sleep or staying asleep, or sleeping more than usual",
	"Feeling tired or low on energy",
	"Not feeling like eating, or eating more than usual",
	"Feeling bad about yourself, or that you have failed or let yourself or your family down",
	"Finding it hard to concentrate, for example when reading or watching television",
	("Moving or talking so slowly that others might notice, or the opposite: being so "
	 "restless that you move around much more than usual"),
	"Thoughts of being better off dead, or of harming yourself in any way",
};

static const char *const gad7_items[] = {
	"Feeling nervous, anxious or tense",
	"Being unable to stop worrying or to keep it under control",
	"Worrying too much about lots of different things",
	"Finding it hard to relax",
	"Feeling so restless that sitting still is hard",
	"Getting annoyed or irritated easily",
	"Feeling afraid that something terrible might happen",
};

static const char *const ucla3_items[] = {
	"How often do you feel that you have no one to keep you company?",
	"How often do you feel left out of things?",
	"How often do you feel cut off from other people?",
};

/* Answers by value - item_min. */
static const char *const frequency_answers[] = {
	"Not at all",
	"On some days",
	"On more than half of the days",
	"Nearly every day",
};

static const char *const ucla_answers[] = {
	"Hardly ever or never",
	"Sometimes",
	"Often",
};

static const struct band_row phq9_bands[] = {
	{0, 4, BAND_MINIMAL},
	{5, 9, BAND_MILD},
	{10, 14, BAND_MODERATE},
	{15, 19, BAND_MODERATELY_SEVERE},
	{20, 27, BAND_SEVERE},
};

static const struct band_row gad7_bands[] = {
	{0, 4, BAND_MINIMAL},
	{5, 9, BAND_MILD},
	{10, 14, BAND_MODERATE},
	{15, 21, BAND_SEVERE},
};

static const struct band_row ucla3_bands[] = {
	{3, 5, BAND_NOT_LONELY},
	{6, 9, BAND_LONELY},
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Invariants (checked by test_instrument.c): items <= INSTRUMENT_ITEMS_MAX;
 * answers has max - min + 1 rows; bands run from items * min to items * max
 * in order without gaps; safety_item is 0 (none) or an item number. */
static const struct {
	const char *code, *name, *about, *stem;
	int items, min, max;
	const char *const *texts;
	const char *const *answers;
	const struct band_row *bands;
	int nbands;
	int safety_item; /* the item (from 1) whose answer above min raises the flag */
} instruments[INSTRUMENT__MAX] = {
	[INSTRUMENT_PHQ9] = {"phq9", "PHQ-9", "How much low mood and depression have affected you in the last two weeks.",
			     "In the last two weeks, how often has each of these bothered you?",
			     COUNT(phq9_items), 0, 3, phq9_items, frequency_answers, phq9_bands,
			     COUNT(phq9_bands), 9},
	[INSTRUMENT_GAD7] = {"gad7", "GAD-7", "How much worry and anxiety have affected you in the last two weeks.",
			     "In the last two weeks, how often has each of these bothered you?",
			     COUNT(gad7_items), 0, 3, gad7_items, frequency_answers, gad7_bands,
			     COUNT(gad7_bands), 0},
	[INSTRUMENT_UCLA3] = {"ucla3", "UCLA-3", "How lonely you feel (the three-item UCLA loneliness scale).",
			      "Think about how you usually feel.", COUNT(ucla3_items), 1, 3,
			      ucla3_items, ucla_answers, ucla3_bands, COUNT(ucla3_bands), 0},
};

static const struct {
	const char *code, *label;
} bands[BAND__MAX] = {
	[BAND_MINIMAL] = {"minimal", "Minimal"},
	[BAND_MILD] = {"mild", "Mild"},
	[BAND_MODERATE] = {"moderate", "Moderate"},
	[BAND_MODERATELY_SEVERE] = {"moderately_severe", "Moderately severe"},
	[BAND_SEVERE] = {"severe", "Severe"},
	[BAND_NOT_LONELY] = {"not_lonely", "Not lonely"},
	[BAND_LONELY] = {"lonely", "Lonely"},
};

static bool known(enum instrument i)
{
	return (unsigned)i < INSTRUMENT__MAX;
}

const char *instrument_code(enum instrument i)
{
	return known(i) ? instruments[i].code : "";
}

const char *instrument_name(enum instrument i)
{
	return known(i) ? instruments[i].name : "Unknown questionnaire";
}

const char *instrument_about(enum instrument i)
{
	return known(i) ? instruments[i].about : "";
}

enum instrument instrument_from_code(const char *code)
{
	for (int i = 0; code && i < INSTRUMENT__MAX; i++)
		if (strcmp(code, instruments[i].code) == 0)
			return (enum instrument)i;
	return INSTRUMENT__MAX;
}

const char *instrument_stem(enum instrument i)
{
	return known(i) ? instruments[i].stem : "";
}

int instrument_items(enum instrument i)
{
	return known(i) ? instruments[i].items : 0;
}

int instrument_item_min(enum instrument i)
{
	return known(i) ? instruments[i].min : 0;
}

int instrument_item_max(enum instrument i)
{
	return known(i) ? instruments[i].max : -1;
}

int instrument_total_min(enum instrument i)
{
	return known(i) ? instruments[i].items * instruments[i].min : 0;
}

int instrument_total_max(enum instrument i)
{
	return known(i) ? instruments[i].items * instruments[i].max : -1;
}

const char *instrument_item_text(enum instrument i, int item)
{
	if (!known(i) || item < 1 || item > instruments[i].items)
		return "";
	return instruments[i].texts[item - 1];
}

const char *instrument_answer_label(enum instrument i, int value)
{
	if (!known(i) || value < instruments[i].min || value > instruments[i].max)
		return "";
	return instruments[i].answers[value - instruments[i].min];
}

const char *instrument_band_code(enum instrument_band b)
{
	return (unsigned)b < BAND__MAX ? bands[b].code : "";
}

const char *instrument_band_label(enum instrument_band b)
{
	return (unsigned)b < BAND__MAX ? bands[b].label : "Unknown band";
}

enum instrument_band instrument_band_from_code(const char *code)
{
	for (int b = 0; code && b < BAND__MAX; b++)
		if (strcmp(code, bands[b].code) == 0)
			return (enum instrument_band)b;
	return BAND__MAX;
}

enum instrument_band instrument_band_for_total(enum instrument i, int total)
{
	if (!known(i))
		return BAND__MAX;
	for (int k = 0; k < instruments[i].nbands; k++) {
		const struct band_row *r = &instruments[i].bands[k];
		if (total >= r->lo && total <= r->hi)
			return r->band;
	}
	return BAND__MAX;
}

bool instrument_band_range(enum instrument i, enum instrument_band b, int *lo, int *hi)
{
	if (!known(i))
		return false;
	for (int k = 0; k < instruments[i].nbands; k++) {
		const struct band_row *r = &instruments[i].bands[k];
		if (r->band == b) {
			*lo = r->lo;
			*hi = r->hi;
			return true;
		}
	}
	return false;
}

enum cp_err instrument_check_item(enum instrument i, int item, int value, char *msg, size_t msgn)
{
	if (!known(i)) {
		snprintf(msg, msgn, "The questionnaire is not known.");
		return CP_EINVAL;
	}
	const char *name = instruments[i].name;
	int min = instruments[i].min, max = instruments[i].max;
	if (item < 1 || item > instruments[i].items) {
		snprintf(msg, msgn, "%s has items 1 to %d; there is no item %d.", name,
			 instruments[i].items, item);
		return CP_EINVAL;
	}
	if (value == INSTRUMENT_UNANSWERED) {
		snprintf(msg, msgn, "%s item %d has no answer: choose an answer from %d to %d.", name,
			 item, min, max);
		return CP_EINVAL;
	}
	if (value < min || value > max) {
		snprintf(msg, msgn, "%s item %d: the answer must be from %d to %d, not %d.", name, item,
			 min, max, value);
		return CP_EINVAL;
	}
	if (msgn > 0)
		msg[0] = '\0';
	return CP_OK;
}

enum cp_err instrument_score(enum instrument i, const int *answers, size_t n,
			     struct instrument_result *out, char *msg, size_t msgn)
{
	if (!known(i)) {
		snprintf(msg, msgn, "The questionnaire is not known.");
		return CP_EINVAL;
	}
	if (n != (size_t)instruments[i].items) {
		snprintf(msg, msgn, "%s has %d items; %zu answers were given.", instruments[i].name,
			 instruments[i].items, n);
		return CP_EINVAL;
	}
	int total = 0;
	for (int k = 0; k < instruments[i].items; k++) {
		enum cp_err err = instrument_check_item(i, k + 1, answers[k], msg, msgn);
		if (err != CP_OK)
			return err;
		total += answers[k];
	}
	int s = instruments[i].safety_item;
	*out = (struct instrument_result){
		.instrument = i,
		.total = total,
		.band = instrument_band_for_total(i, total),
		.safety = s > 0 && answers[s - 1] > instruments[i].min,
	};
	return CP_OK;
}
