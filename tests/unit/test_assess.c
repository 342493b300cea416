/*
 * test_assess.c - the holistic assessment's rules (src/domain/assess.c) and
 * its audited operations (src/domain/assess_service.c): every field's
 * messages on each form, values kept as cleaned, questionnaires scored by
 * instrument.c with the item named on a bad answer, and the operations:
 * audit rows for reads and writes, the story's versions and their conflict,
 * refusals on an ended episode with nothing written, a carer who is not a
 * carer, medicines changed, stopped and stale, and what the coverage counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/assess_service.h"
#include "fixture.h"

#define NOW 1790000000000LL /* 2026-09-21 */

static struct arena *A;

static int arena_setup(void **state)
{
	(void)state;
	A = arena_new(1 << 20);
	return A ? 0 : -1;
}

static int arena_teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static const char *msg_for(const struct person_errors *e, const char *field)
{
	const char *m = person_error_for(e, field);
	return m ? m : "(none)";
}

/* ---- validation ------------------------------------------------------------------ */

static void a_story_needs_one_part_and_who_wrote_it_and_keeps_them_trimmed(void **state)
{
	(void)state;
	struct person_errors e;
	struct store_story s;
	struct assess_story_input in = {.whats_new = "  ", .recorded_by = "cat"};
	assert_int_equal(assess_story_validate(A, &in, &s, &e), CP_EINVAL);
	assert_int_equal(e.n, 2);
	assert_string_equal(msg_for(&e, "whats_new"), "Write at least one part of their story, in their own words");
	assert_string_equal(msg_for(&e, "recorded_by"), "Select who wrote the story down");
	char big[ASSESS_STORY_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	in = (struct assess_story_input){.whats_good = big, .whats_tough = big, .matters_most = big, .whats_new = big,
					 .recorded_by = "person"};
	assert_int_equal(assess_story_validate(A, &in, &s, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "whats_new"), "What's new must be 4000 characters or fewer");
	assert_string_equal(msg_for(&e, "whats_good"), "What's good must be 4000 characters or fewer");
	assert_string_equal(msg_for(&e, "whats_tough"), "What's tough must be 4000 characters or fewer");
	assert_string_equal(msg_for(&e, "matters_most"), "What matters most to me must be 4000 characters or fewer");
	in = (struct assess_story_input){.whats_new = "\xff\xfe", .recorded_by = "person"};
	assert_int_equal(assess_story_validate(A, &in, &s, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "whats_new"), "What's new must be text");
	in = (struct assess_story_input){.matters_most = "  My garden\r\nand my cat ", .recorded_by = "with_professional"};
	assert_int_equal(assess_story_validate(A, &in, &s, &e), CP_OK);
	assert_int_equal(e.n, 0);
	assert_string_equal(s.matters_most, "My garden\nand my cat");
	assert_null(s.whats_new);
	assert_string_equal(s.recorded_by, "with_professional");
}

static void a_professional_story_needs_issues_a_past_date_and_a_discipline(void **state)
{
	(void)state;
	struct person_errors e;
	struct store_pro_story p;
	struct assess_pro_input in = {.story_date = "2026-09-22"};
	assert_int_equal(assess_pro_validate(A, &in, NULL, NOW, &p, &e), CP_EINVAL);
	assert_int_equal(e.n, 3);
	assert_non_null(strstr(msg_for(&e, "discipline"), "no discipline recorded"));
	assert_string_equal(msg_for(&e, "issues"), "Enter the issues as you see them");
	assert_string_equal(msg_for(&e, "story_date"), "Date must be today or in the past");
	in = (struct assess_pro_input){.issues = "x", .story_date = "2026-02-30"};
	assert_int_equal(assess_pro_validate(A, &in, "astrologer", NOW, &p, &e), CP_EINVAL);
	assert_non_null(person_error_for(&e, "discipline"));
	assert_non_null(strstr(msg_for(&e, "story_date"), "Date"));
	in = (struct assess_pro_input){.story_date = "2026-01-01"};
	assert_int_equal(assess_pro_validate(A, &in, "gp", NOW, &p, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "story_date"), "(none)");
	assert_string_equal(msg_for(&e, "story_date"), "(none)");
	in = (struct assess_pro_input){.issues = "Breathless", .evidence = " ", .experience = "Seen it",
				       .story_date = "2026-09-21"};
	assert_int_equal(assess_pro_validate(A, &in, "pharmacist", NOW, &p, &e), CP_OK);
	assert_string_equal(p.discipline, "pharmacist");
	assert_null(p.evidence);
	assert_string_equal(p.story_date, "2026-09-21");
	in.story_date = NULL;
	assert_int_equal(assess_pro_validate(A, &in, "gp", NOW, &p, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "story_date"), "Enter the date of your story");
}

static void an_outcome_needs_what_who_and_when(void **state)
{
	(void)state;
	struct person_errors e;
	struct store_outcome o;
	struct assess_outcome_input in = {0};
	assert_int_equal(assess_outcome_validate(A, &in, NOW, &o, &e), CP_EINVAL);
	assert_int_equal(e.n, 3);
	assert_string_equal(msg_for(&e, "outcome"), "Enter the outcome that was agreed");
	assert_string_equal(msg_for(&e, "agreed_by"), "Enter who agreed it");
	assert_string_equal(msg_for(&e, "agreed_date"), "Enter the date it was agreed");
	in = (struct assess_outcome_input){"Back to church", "Ann", "2999-01-01"};
	assert_int_equal(assess_outcome_validate(A, &in, NOW, &o, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "agreed_date"), "Date agreed must be today or in the past");
	char big[ASSESS_SHORT_MAX + 2];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	in = (struct assess_outcome_input){"Back to church", big, "2026-09-01"};
	assert_int_equal(assess_outcome_validate(A, &in, NOW, &o, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "agreed_by"), "Who agreed must be 200 characters or fewer");
	in = (struct assess_outcome_input){"Back to church", "Ann and Sam", "2026-09-01"};
	assert_int_equal(assess_outcome_validate(A, &in, NOW, &o, &e), CP_OK);
	assert_string_equal(o.agreed_date, "2026-09-01");
}

static void an_entry_needs_kind_domain_and_description_and_risks_need_likelihood_and_what_reduces_them(void **state)
{
	(void)state;
	struct person_errors e;
	struct store_assess_entry x;
	struct assess_entry_input in = {.kind = "wish", .domain = "astrology"};
	assert_int_equal(assess_entry_validate(A, &in, &x, &e), CP_EINVAL);
	assert_int_equal(e.n, 3);
	assert_string_equal(msg_for(&e, "kind"), "Select whether it is a need, a risk or a strength");
	assert_string_equal(msg_for(&e, "domain"), "Select the domain it belongs to");
	assert_string_equal(msg_for(&e, "description"), "Enter a description");
	in = (struct assess_entry_input){.kind = "risk", .domain = "daily_living", .description = "Falls",
					 .severity = "extreme", .likelihood = "certain"};
	assert_int_equal(assess_entry_validate(A, &in, &x, &e), CP_EINVAL);
	assert_int_equal(e.n, 3);
	assert_string_equal(msg_for(&e, "severity"), "Select how serious the risk is");
	assert_string_equal(msg_for(&e, "likelihood"), "Select how likely the risk is");
	assert_string_equal(msg_for(&e, "mitigation"), "Enter what reduces the risk");
	in = (struct assess_entry_input){.kind = "need", .domain = "carer", .description = "Sleep"};
	assert_int_equal(assess_entry_validate(A, &in, &x, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "severity"), "Select how serious the need is");
	/* A strength has no severity; a need has no likelihood: both ignored. */
	in = (struct assess_entry_input){.kind = "strength", .domain = "social", .description = "Family",
					 .severity = "high", .likelihood = "likely", .mitigation = "x"};
	assert_int_equal(assess_entry_validate(A, &in, &x, &e), CP_OK);
	assert_null(x.severity);
	assert_null(x.likelihood);
	assert_null(x.mitigation);
	in = (struct assess_entry_input){.kind = "risk", .domain = "medicines", .description = "Hypos",
					 .severity = "high", .likelihood = "likely", .mitigation = "Review"};
	assert_int_equal(assess_entry_validate(A, &in, &x, &e), CP_OK);
	assert_string_equal(x.kind, "risk");
	assert_string_equal(x.domain, "medicines");
	assert_string_equal(x.likelihood, "likely");
	/* Every domain of the .def round-trips through its code. */
	for (int d = 0; d < ADOMAIN__MAX; d++) {
		assert_int_equal(assess_domain_from_code(assess_domain_code((enum assess_domain)d)), d);
		assert_true(*assess_domain_label((enum assess_domain)d));
	}
	assert_int_equal(assess_domain_from_code("mental_wellbeing"), ADOMAIN_MENTAL);
	assert_int_equal(assess_domain_from_code(NULL), ADOMAIN__MAX);
	assert_string_equal(assess_domain_label(ADOMAIN__MAX), "");
}

static void a_carer_need_must_name_one_of_the_persons_carers(void **state)
{
	(void)state;
	struct store_contact ks[2] = {{.id = 7, .name = "Lily", .is_carer = false}, {.id = 9, .name = "Bob", .is_carer = true}};
	struct person_errors e;
	struct store_carer_need k;
	struct assess_carer_input in = {.contact_id = "7"};
	assert_int_equal(assess_carer_validate(A, &in, ks, 2, &k, &e), CP_EINVAL);
	assert_int_equal(e.n, 2);
	assert_string_equal(msg_for(&e, "contact_id"), "Select the carer these needs are theirs");
	assert_string_equal(msg_for(&e, "carer_needs"), "Enter the carer's own needs");
	in = (struct assess_carer_input){.contact_id = "x9", .needs = "Sleep"};
	assert_int_equal(assess_carer_validate(A, &in, ks, 2, &k, &e), CP_EINVAL);
	assert_int_equal(e.n, 1);
	in = (struct assess_carer_input){.contact_id = "9", .needs = "Sleep", .what_helps = "A break"};
	assert_int_equal(assess_carer_validate(A, &in, ks, 2, &k, &e), CP_OK);
	assert_int_equal(k.contact_id, 9);
	assert_string_equal(k.what_helps, "A break");
}

static void a_questionnaire_is_scored_by_instrument_c_and_a_bad_answer_names_its_item(void **state)
{
	(void)state;
	struct person_errors e;
	struct store_instrument_result r;
	struct assess_instrument_input in = {.instrument = "phq9", .taken_date = "2026-09-20",
					     .item = {"1", "1", "2", "0", "0", "1", "1", "0", "2"}};
	assert_int_equal(assess_instrument_validate(A, &in, NOW, &r, &e), CP_OK);
	assert_string_equal(r.instrument, "phq9");
	assert_int_equal(r.total, 8);
	assert_string_equal(r.band, "mild");
	assert_true(r.safety);
	assert_string_equal(r.items, "1,1,2,0,0,1,1,0,2");
	int back[9];
	assert_int_equal(assess_items_parse(r.items, back, 9), 9);
	assert_int_equal(back[8], 2);
	assert_int_equal(assess_items_parse("1,,2", back, 9), -1);
	assert_int_equal(assess_items_parse("", back, 9), -1);
	assert_int_equal(assess_items_parse("1,2,3", back, 2), -1);
	/* Out of range, not a number, missing, a date in the future. */
	in = (struct assess_instrument_input){.instrument = "phq9", .taken_date = "2026-09-22",
					      .item = {"4", "x", NULL, "0", "0", "0", "0", "0", "-1"}};
	assert_int_equal(assess_instrument_validate(A, &in, NOW, &r, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "taken_date"), "Date completed must be today or in the past");
	assert_string_equal(msg_for(&e, "item1"), "PHQ-9 item 1: the answer must be from 0 to 3, not 4.");
	assert_string_equal(msg_for(&e, "item2"), "PHQ-9 item 2: the answer must be a whole number from 0 to 3.");
	assert_string_equal(msg_for(&e, "item3"), "PHQ-9 item 3: select an answer");
	assert_non_null(strstr(msg_for(&e, "item9"), "PHQ-9 item 9"));
	assert_string_equal(msg_for(&e, "item4"), "(none)");
	/* UCLA-3 answers run from 1 to 3; only three items are read. */
	in = (struct assess_instrument_input){.instrument = "ucla3", .taken_date = "2026-09-01", .item = {"0", "3", "3", "9"}};
	assert_int_equal(assess_instrument_validate(A, &in, NOW, &r, &e), CP_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(msg_for(&e, "item1"), "UCLA"));
	in.item[0] = "3";
	assert_int_equal(assess_instrument_validate(A, &in, NOW, &r, &e), CP_OK);
	assert_int_equal(r.total, 9);
	assert_string_equal(r.band, "lonely");
	assert_false(r.safety);
	in = (struct assess_instrument_input){.instrument = "mmse", .taken_date = "2026-09-01"};
	assert_int_equal(assess_instrument_validate(A, &in, NOW, &r, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "instrument"), "Select the questionnaire");
	in = (struct assess_instrument_input){.instrument = "gad7", .item = {"0", "0", "0", "0", "0", "0", "0"}};
	assert_int_equal(assess_instrument_validate(A, &in, NOW, &r, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "taken_date"), "Enter the date the questionnaire was completed");
}

static void a_medicine_needs_name_and_dose_and_a_reason_when_flagged_and_stopping_needs_a_past_date(void **state)
{
	(void)state;
	struct person_errors e;
	struct store_medicine m;
	struct assess_medicine_input in = {.needs_review = "yes"};
	assert_int_equal(assess_medicine_validate(A, &in, &m, &e), CP_EINVAL);
	assert_int_equal(e.n, 3);
	assert_string_equal(msg_for(&e, "med_name"), "Enter the name of the medicine");
	assert_string_equal(msg_for(&e, "med_dose"), "Enter the dose and how it is taken");
	assert_string_equal(msg_for(&e, "review_reason"), "Enter why the medicine needs a review");
	char big[ASSESS_SHORT_MAX + 2];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	in = (struct assess_medicine_input){.name = "Metformin", .dose = "500 mg", .purpose = big};
	assert_int_equal(assess_medicine_validate(A, &in, &m, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "med_purpose"), "What it is for must be 200 characters or fewer");
	/* Not flagged: a reason typed anyway is not kept. */
	in = (struct assess_medicine_input){.name = "Metformin", .dose = "500 mg", .review_reason = "old"};
	assert_int_equal(assess_medicine_validate(A, &in, &m, &e), CP_OK);
	assert_false(m.needs_review);
	assert_null(m.review_reason);
	const char *date, *reason;
	assert_int_equal(assess_stop_validate(A, NULL, "x", NOW, &date, &reason, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "stopped_date"), "Enter the date the medicine was stopped");
	assert_int_equal(assess_stop_validate(A, "2026-10-01", NULL, NOW, &date, &reason, &e), CP_EINVAL);
	assert_string_equal(msg_for(&e, "stopped_date"), "Date stopped must be today or in the past");
	assert_int_equal(assess_stop_validate(A, "2026-09-21", " Side effects ", NOW, &date, &reason, &e), CP_OK);
	assert_string_equal(date, "2026-09-21");
	assert_string_equal(reason, "Side effects");
}

/* ---- operations ------------------------------------------------------------------------ */

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
	int64_t person, user, open_ep, closed_ep, carer, friend_;
	struct audit_actor who;
};

static int ops_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	if (!f->dir)
		return -1;
	fx_path(f->path, sizeof f->path, f->dir, "care.db");
	char msg[512];
	if (store_open(f->path, 1, &f->st, msg, sizeof msg) != CP_OK)
		return -1;
	f->c = store_acquire(f->st);
	f->a = arena_new(1 << 22);
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Ann", .family_name = "Ops",
				 .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .discipline = "nurse", .password_hash = "x", .created_ms = 1000};
	if (store_person_insert(f->c, &p, &f->person) || store_user_insert(f->c, &u, &f->user))
		return -1;
	struct store_episode e = {.person_id = f->person, .stage = "assessment", .level = 2, .started_ms = 1000};
	struct store_episode e2 = {.person_id = f->person, .stage = "discharged", .level = 1, .started_ms = 500,
				   .ended_ms = 900};
	struct store_contact k = {.person_id = f->person, .name = "Bob Ops", .relationship = "husband", .is_carer = true};
	struct store_contact k2 = {.person_id = f->person, .name = "Lily Ops", .relationship = "granddaughter", .is_carer = false};
	if (store_episode_insert(f->c, &e, &f->open_ep) || store_episode_insert(f->c, &e2, &f->closed_ep) ||
	    store_contact_insert(f->c, &k, &f->carer) || store_contact_insert(f->c, &k2, &f->friend_))
		return -1;
	f->who = (struct audit_actor){.user_id = f->user, .role = "key_worker", .client = "test"};
	*state = f;
	return 0;
}

static int ops_teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t audits(struct fx *f, const char *action)
{
	int64_t n = -1;
	assert_int_equal(store_audit_count(f->c, action, &n), CP_OK);
	return n;
}

static void the_story_saves_new_versions_and_refuses_a_stale_one_writing_nothing(void **state)
{
	struct fx *f = *state;
	struct store_story s = {.whats_new = "New hip", .recorded_by = "person"};
	char msg[ASSESS_MSG];
	int64_t v = 0;
	assert_int_equal(assess_story_save(f->c, f->a, &f->who, NOW, f->open_ep, 0, &s, &v, msg, sizeof msg), CP_OK);
	assert_int_equal(v, 1);
	s.whats_good = "Walking";
	assert_int_equal(assess_story_save(f->c, f->a, &f->who, NOW + 1, f->open_ep, 1, &s, &v, msg, sizeof msg), CP_OK);
	assert_int_equal(v, 2);
	/* A form read at version 1 comes back after version 2 was saved. */
	s.whats_good = "Stale";
	assert_int_equal(assess_story_save(f->c, f->a, &f->who, NOW + 2, f->open_ep, 1, &s, &v, msg, sizeof msg),
			 CP_ECONFLICT);
	assert_non_null(strstr(msg, "Someone else changed the person's story"));
	assert_int_equal(v, 0);
	assert_int_equal(audits(f, "assessment.story"), 2);
	struct assess_record rec;
	assert_int_equal(assess_read(f->c, f->a, &f->who, NOW, f->open_ep, "test", &rec), CP_OK);
	assert_int_equal(audits(f, "assessment.read"), 1);
	assert_true(rec.open);
	assert_true(rec.has_story);
	assert_int_equal(rec.story.version, 2);
	assert_string_equal(rec.story.whats_good, "Walking");
	assert_int_equal(rec.story.user_id, f->user);
	assert_int_equal(rec.n_story_versions, 2);
	assert_int_equal(assess_read(f->c, f->a, &f->who, NOW, 4242, "test", &rec), CP_ENOTFOUND);
	assert_int_equal(audits(f, "assessment.read"), 1);
}

static void an_ended_episode_refuses_every_change_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	char msg[ASSESS_MSG];
	int64_t id = 0, v = 0;
	int64_t before = audits(f, NULL);
	struct store_story s = {.whats_new = "x", .recorded_by = "person"};
	assert_int_equal(assess_story_save(f->c, f->a, &f->who, NOW, f->closed_ep, 0, &s, &v, msg, sizeof msg),
			 CP_EFORBIDDEN);
	assert_non_null(strstr(msg, "has ended"));
	struct store_pro_story p = {.discipline = "nurse", .issues = "x", .story_date = "2026-01-01"};
	assert_int_equal(assess_pro_add(f->c, f->a, &f->who, NOW, f->closed_ep, &p, &id, msg, sizeof msg), CP_EFORBIDDEN);
	struct store_outcome o = {.outcome = "x", .agreed_by = "y", .agreed_date = "2026-01-01"};
	assert_int_equal(assess_outcome_add(f->c, f->a, &f->who, NOW, f->closed_ep, &o, &id, msg, sizeof msg),
			 CP_EFORBIDDEN);
	struct store_assess_entry e = {.kind = "strength", .domain = "social", .description = "x"};
	assert_int_equal(assess_entry_add(f->c, f->a, &f->who, NOW, f->closed_ep, &e, &id, msg, sizeof msg), CP_EFORBIDDEN);
	struct store_carer_need k = {.contact_id = f->carer, .needs = "x"};
	assert_int_equal(assess_carer_add(f->c, f->a, &f->who, NOW, f->closed_ep, &k, &id, msg, sizeof msg), CP_EFORBIDDEN);
	struct store_instrument_result r = {.instrument = "gad7", .taken_date = "2026-01-01", .items = "0,0,0,0,0,0,0",
					    .band = "minimal"};
	assert_int_equal(assess_instrument_add(f->c, f->a, &f->who, NOW, f->closed_ep, &r, &id, msg, sizeof msg),
			 CP_EFORBIDDEN);
	struct store_medicine m = {.name = "x", .dose = "y"};
	assert_int_equal(assess_medicine_add(f->c, f->a, &f->who, NOW, f->closed_ep, &m, &id, msg, sizeof msg),
			 CP_EFORBIDDEN);
	assert_int_equal(assess_pro_add(f->c, f->a, &f->who, NOW, 4242, &p, &id, msg, sizeof msg), CP_ENOTFOUND);
	assert_int_equal(audits(f, NULL), before);
	struct assess_record rec;
	assert_int_equal(assess_read(f->c, f->a, &f->who, NOW, f->closed_ep, "test", &rec), CP_OK);
	assert_false(rec.open);
	assert_int_equal(rec.n_pros + rec.n_outcomes + rec.n_entries + rec.n_carer_needs + rec.n_results +
				 rec.n_medicines + rec.n_story_versions,
			 0);
}

static void each_record_is_added_with_its_author_and_audit_row_and_counted_in_the_coverage(void **state)
{
	struct fx *f = *state;
	char msg[ASSESS_MSG];
	int64_t id = 0;
	struct store_pro_story p = {.discipline = "nurse", .issues = "Breathless", .story_date = "2026-01-01"};
	assert_int_equal(assess_pro_add(f->c, f->a, &f->who, NOW, f->open_ep, &p, &id, msg, sizeof msg), CP_OK);
	assert_true(id > 0);
	struct store_outcome o = {.outcome = "Church", .agreed_by = "Ann", .agreed_date = "2026-01-01"};
	assert_int_equal(assess_outcome_add(f->c, f->a, &f->who, NOW, f->open_ep, &o, &id, msg, sizeof msg), CP_OK);
	struct store_assess_entry e = {.kind = "need", .domain = "clinical", .description = "x", .severity = "low"};
	assert_int_equal(assess_entry_add(f->c, f->a, &f->who, NOW, f->open_ep, &e, &id, msg, sizeof msg), CP_OK);
	e = (struct store_assess_entry){.kind = "strength", .domain = "carer", .description = "Bob"};
	assert_int_equal(assess_entry_add(f->c, f->a, &f->who, NOW, f->open_ep, &e, &id, msg, sizeof msg), CP_OK);
	/* A contact who is not a carer is refused, and nothing is written. */
	struct store_carer_need k = {.contact_id = f->friend_, .needs = "Sleep"};
	assert_int_equal(assess_carer_add(f->c, f->a, &f->who, NOW, f->open_ep, &k, &id, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(audits(f, "assessment.carer_need"), 0);
	k.contact_id = f->carer;
	assert_int_equal(assess_carer_add(f->c, f->a, &f->who, NOW, f->open_ep, &k, &id, msg, sizeof msg), CP_OK);
	struct store_instrument_result r0 = {.instrument = "phq9", .taken_date = "2026-01-01",
					     .items = "1,1,1,1,1,1,1,1,1", .total = 9, .band = "mild", .safety = true};
	struct store_instrument_result r1 = {.instrument = "phq9", .taken_date = "2026-02-01",
					     .items = "0,0,0,0,0,0,0,0,0", .total = 0, .band = "minimal"};
	assert_int_equal(assess_instrument_add(f->c, f->a, &f->who, NOW, f->open_ep, &r1, &id, msg, sizeof msg), CP_OK);
	assert_int_equal(assess_instrument_add(f->c, f->a, &f->who, NOW, f->open_ep, &r0, &id, msg, sizeof msg), CP_OK);
	struct store_medicine m = {.name = "Metformin", .dose = "500 mg", .needs_review = true, .review_reason = "Why"};
	int64_t med = 0;
	assert_int_equal(assess_medicine_add(f->c, f->a, &f->who, NOW, f->open_ep, &m, &med, msg, sizeof msg), CP_OK);
	for (const char *const *a = (const char *const[]){"assessment.pro_story", "assessment.outcome",
							   "assessment.carer_need", "assessment.medicine.add", NULL};
	     *a; a++)
		assert_int_equal(audits(f, *a), 1);
	assert_int_equal(audits(f, "assessment.entry"), 2);
	assert_int_equal(audits(f, "assessment.instrument"), 2);

	struct assess_record rec;
	assert_int_equal(assess_read(f->c, f->a, &f->who, NOW, f->open_ep, "test", &rec), CP_OK);
	assert_int_equal(rec.pros[0].user_id, f->user);
	assert_string_equal(rec.pros[0].user_name, "Sam Okafor");
	struct assess_coverage cov;
	assess_coverage_of(&rec, &cov);
	assert_false(cov.story);
	assert_int_equal(cov.pros, 1);
	assert_int_equal(cov.outcomes, 1);
	assert_int_equal(cov.entries, 2);
	assert_true(cov.domain_covered[ADOMAIN_CLINICAL]);
	assert_true(cov.domain_covered[ADOMAIN_CARER]);
	assert_false(cov.domain_covered[ADOMAIN_FINANCES]);
	assert_int_equal(cov.domains_missing, ADOMAIN__MAX - 2);
	assert_int_equal(cov.carers, 1);
	assert_int_equal(cov.carer_needs, 1);
	assert_true(cov.instrument_done[INSTRUMENT_PHQ9]);
	assert_false(cov.instrument_done[INSTRUMENT_GAD7]);
	/* The latest PHQ-9 is by date completed, not by when it was typed in. */
	assert_non_null(cov.latest_phq9);
	assert_string_equal(cov.latest_phq9->taken_date, "2026-02-01");
	assert_false(cov.latest_phq9->safety);
	assert_int_equal(cov.medicines, 1);
	assert_int_equal(cov.medicines_for_review, 1);

	/* Change, then a stale change, then stop, then a change to a stopped one. */
	struct store_medicine next = {.name = "Metformin MR", .dose = "1 g at night"};
	int64_t ep = 0;
	assert_int_equal(assess_medicine_edit(f->c, f->a, &f->who, NOW, med, 1, &next, &ep, msg, sizeof msg), CP_OK);
	assert_int_equal(ep, f->open_ep);
	assert_int_equal(assess_medicine_edit(f->c, f->a, &f->who, NOW, med, 1, &next, &ep, msg, sizeof msg),
			 CP_ECONFLICT);
	assert_non_null(strstr(msg, "Someone else changed this medicine"));
	assert_int_equal(assess_medicine_stop(f->c, f->a, &f->who, NOW, med, 2, "2026-09-01", NULL, &ep, msg, sizeof msg),
			 CP_OK);
	assert_int_equal(assess_medicine_edit(f->c, f->a, &f->who, NOW, med, 3, &next, &ep, msg, sizeof msg), CP_EINVAL);
	assert_non_null(strstr(msg, "stopped"));
	assert_int_equal(assess_medicine_edit(f->c, f->a, &f->who, NOW, 4242, 1, &next, &ep, msg, sizeof msg),
			 CP_ENOTFOUND);
	assert_int_equal(audits(f, "assessment.medicine.edit"), 1);
	assert_int_equal(audits(f, "assessment.medicine.stop"), 1);
	struct store_medicine got;
	assert_int_equal(assess_medicine_read(f->c, f->a, &f->who, NOW, med, "test", &got, &rec), CP_OK);
	assert_string_equal(got.name, "Metformin MR");
	assert_false(got.needs_review);
	assert_null(got.review_reason);
	assert_string_equal(got.stopped_date, "2026-09-01");
	assert_int_equal(rec.n_medicines, 1);
	assess_coverage_of(&rec, &cov);
	assert_int_equal(cov.medicines, 0);
	assert_int_equal(cov.medicines_for_review, 0);
}

int main(void)
{
	const struct CMUnitTest rules[] = {
		cmocka_unit_test(a_story_needs_one_part_and_who_wrote_it_and_keeps_them_trimmed),
		cmocka_unit_test(a_professional_story_needs_issues_a_past_date_and_a_discipline),
		cmocka_unit_test(an_outcome_needs_what_who_and_when),
		cmocka_unit_test(an_entry_needs_kind_domain_and_description_and_risks_need_likelihood_and_what_reduces_them),
		cmocka_unit_test(a_carer_need_must_name_one_of_the_persons_carers),
		cmocka_unit_test(a_questionnaire_is_scored_by_instrument_c_and_a_bad_answer_names_its_item),
		cmocka_unit_test(a_medicine_needs_name_and_dose_and_a_reason_when_flagged_and_stopping_needs_a_past_date),
	};
	const struct CMUnitTest ops[] = {
		cmocka_unit_test_setup_teardown(the_story_saves_new_versions_and_refuses_a_stale_one_writing_nothing,
						ops_setup, ops_teardown),
		cmocka_unit_test_setup_teardown(an_ended_episode_refuses_every_change_and_writes_nothing, ops_setup,
						ops_teardown),
		cmocka_unit_test_setup_teardown(
			each_record_is_added_with_its_author_and_audit_row_and_counted_in_the_coverage, ops_setup,
			ops_teardown),
	};
	int failed = cmocka_run_group_tests_name("rules", rules, arena_setup, arena_teardown);
	return failed + cmocka_run_group_tests_name("operations", ops, NULL, NULL);
}
