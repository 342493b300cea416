/*
 * view_assess.h - the pages of the holistic assessment (v_assess.c): the
 * assessment of an episode with its summary, the form of each kind of
 * record, the history of questionnaire results, and changing or stopping a
 * medicine.  Views read what the handlers hand them and do no I/O.
 */
#ifndef CP_VIEW_ASSESS_H
#define CP_VIEW_ASSESS_H

#include "../domain/assess_service.h"
#include "view.h"

/* The assessment page.  notice: NULL, or a line to confirm what was saved. */
struct v_assessment {
	const char *csrf;
	const struct assess_record *rec;
};
void v_assessment(struct buf *b, const struct view_page *p, const struct v_assessment *d);

/* Every questionnaire result of the episode, by questionnaire, with the
 * change from the result before and the safety prompt where PHQ-9 item 9
 * was above 0. */
void v_assess_results(struct buf *b, const struct view_page *p, const struct assess_record *rec);

/* The forms, each on its own page. */
enum vaf {
	VAF_STORY,      /* the person's story */
	VAF_PRO,        /* a professional's story */
	VAF_OUTCOME,    /* an agreed outcome */
	VAF_ENTRY,      /* a need, risk or strength */
	VAF_CARER,      /* a carer's own needs */
	VAF_INSTRUMENT, /* a questionnaire */
	VAF_MEDICINE,   /* adding or changing a medicine */
	VAF__MAX
};

struct v_assess_form {
	const char *csrf;
	const struct assess_record *rec;
	enum vaf form;
	const struct person_errors *errs; /* NULL or empty when none */
	const char *error;                /* a problem with the whole form (e.g. a stale version), or NULL */
	/* What to show in the fields (as typed, or as stored); only the one of
	 * `form` is read, and may be NULL for an empty form. */
	const struct assess_story_input *story;
	int64_t story_version;            /* the version the story form changes (0: none yet) */
	const struct assess_pro_input *pro;
	const char *discipline;           /* the author's discipline code, NULL when none */
	const struct assess_outcome_input *outcome;
	const struct assess_entry_input *entry;
	const struct assess_carer_input *carer;
	const struct assess_instrument_input *instrument; /* instrument code required */
	const struct assess_medicine_input *medicine;
	const struct store_medicine *med; /* changing: the medicine as stored; NULL when adding */
	const char *stopped_date;         /* the stop form as typed */
	const char *stopped_reason;
	const struct person_errors *stop_errs;
};
void v_assess_form(struct buf *b, const struct view_page *p, const struct v_assess_form *d);

/* The page title of each form ("Record their story", ...). */
const char *v_assess_form_title(enum vaf f, bool changing);

#endif
