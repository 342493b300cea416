/*
 * test_plan.c - the care and support plan's rules (src/domain/plan.c): the
 * checks of every section's fields (required fields, lengths, ranges,
 * choices, dates, recurrences, times, references, and each section's own
 * rules), money in pence, the next review date across month ends and leap
 * years, London times across the clock changes, snapshots and the
 * difference between two of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "domain/plan.h"
#include "domain/recur.h"

#define NOW 1790000000000LL /* 2026-09-21 */

static struct arena *a;
static const struct plan_ref users[] = {{7, "Sam Okafor"}, {8, "Grace Mensah"}};
static const struct plan_ref carers[] = {{30, "David Hughes"}};
static const struct plan_ref goals[] = {{12, "Walk to the shops"}};
static const struct plan_refs refs = {users, 2, carers, 1, goals, 1};

static int setup(void **state)
{
	(void)state;
	a = arena_new(1 << 22);
	return a ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

static struct person_errors errs;
static struct plan_item out;

static enum cp_err check(enum plan_section s, const struct plan_input *in)
{
	return plan_validate(a, s, in, &refs, NOW, &out, &errs);
}

static const char *msg(const char *field)
{
	return person_error_for(&errs, field);
}

static void has(const char *field, const char *part)
{
	const char *m = msg(field);
	if (!m || !strstr(m, part))
		fail_msg("field %s: wanted \"%s\", got \"%s\"", field, part, m ? m : "(none)");
}

static void sections_and_fields_are_declared_once(void **state)
{
	(void)state;
	assert_int_equal(plan_section_from_code("goal"), PLS_GOAL);
	assert_int_equal(plan_section_from_code("nope"), PLS__MAX);
	assert_int_equal(plan_section_from_code(NULL), PLS__MAX);
	assert_true(plan_section_single(PLS_ACP));
	assert_false(plan_section_single(PLS_GOAL));
	for (int s = 0; s < PLS__MAX; s++) {
		enum plan_field f0, f1;
		plan_section_fields((enum plan_section)s, &f0, &f1);
		assert_true(f0 < f1);
		for (enum plan_field f = f0; f < f1; f++) {
			assert_int_equal(plan_field(f)->section, s);
			assert_int_equal(plan_field_from_name(plan_field(f)->name), f);
		}
	}
	assert_null(plan_field(PLF__MAX));
	assert_string_equal(plan_choice_label(PCS_GOAL_STATUS, "achieved"), "Achieved");
	assert_string_equal(plan_choice_label(PCS_ACTION_STATUS, "nope"), "");
}

static void an_issue_needs_what_importance_and_who_ranked_it(void **state)
{
	(void)state;
	struct plan_input in = {0};
	assert_int_equal(check(PLS_ISSUE, &in), CP_EINVAL);
	has("issue_what", "Enter the issue");
	has("issue_importance", "from 1 to 10");
	has("issue_ranked_by", "Select who ranked it");
	in.v[PLF_ISSUE_WHAT] = "  Stairs  ";
	in.v[PLF_ISSUE_IMPORTANCE] = "11";
	in.v[PLF_ISSUE_RANKED_BY] = "professional";
	assert_int_equal(check(PLS_ISSUE, &in), CP_EINVAL);
	has("issue_importance", "must be a whole number from 1 to 10");
	has("issue_ranked_name", "Enter the name of the professional");
	in.v[PLF_ISSUE_IMPORTANCE] = "10";
	in.v[PLF_ISSUE_RANKED_NAME] = "Dr Carter";
	assert_int_equal(check(PLS_ISSUE, &in), CP_OK);
	assert_string_equal(out.v[PLF_ISSUE_WHAT], "Stairs");
	in.v[PLF_ISSUE_RANKED_BY] = "person"; /* the name goes with the choice */
	assert_int_equal(check(PLS_ISSUE, &in), CP_OK);
	assert_null(out.v[PLF_ISSUE_RANKED_NAME]);
	in.v[PLF_ISSUE_RANKED_BY] = "the cat";
	assert_int_equal(check(PLS_ISSUE, &in), CP_EINVAL);
	has("issue_ranked_by", "Select who ranked it");
}

static void a_goal_using_gas_needs_the_expected_level_and_a_baseline_in_range(void **state)
{
	(void)state;
	struct plan_input in = {.v = {[PLF_GOAL_TITLE] = "Walk to the shops", [PLF_GOAL_STATUS] = "active"}};
	assert_int_equal(check(PLS_GOAL, &in), CP_OK);
	assert_null(out.v[PLF_GOAL_GAS_BASELINE]);
	in.v[PLF_GOAL_GAS_M1] = "Gate only";
	assert_int_equal(check(PLS_GOAL, &in), CP_EINVAL);
	has("goal_gas_0", "expected outcome (level 0)");
	has("goal_gas_baseline", "level at the start");
	in.v[PLF_GOAL_GAS_0] = "Shop and back";
	in.v[PLF_GOAL_GAS_BASELINE] = "3";
	assert_int_equal(check(PLS_GOAL, &in), CP_EINVAL);
	has("goal_gas_baseline", "from -2 to 2");
	assert_null(msg("goal_gas_0"));
	in.v[PLF_GOAL_GAS_BASELINE] = "-2";
	assert_int_equal(check(PLS_GOAL, &in), CP_OK);
	assert_string_equal(out.v[PLF_GOAL_GAS_BASELINE], "-2");
	in.v[PLF_GOAL_GAS_BASELINE] = "+1";
	assert_int_equal(check(PLS_GOAL, &in), CP_OK);
	assert_string_equal(out.v[PLF_GOAL_GAS_BASELINE], "1");
	in.v[PLF_GOAL_STATUS] = "finished";
	in.v[PLF_GOAL_TARGET] = "2026-02-29";
	assert_int_equal(check(PLS_GOAL, &in), CP_EINVAL);
	has("goal_status", "Select the goal's status");
	has("goal_target", "Target date 2026-02-29 is not a date");
	char long_title[600];
	memset(long_title, 'x', sizeof long_title - 1);
	long_title[sizeof long_title - 1] = '\0';
	in.v[PLF_GOAL_TITLE] = long_title;
	in.v[PLF_GOAL_STATUS] = "active";
	in.v[PLF_GOAL_TARGET] = "2028-02-29";
	assert_int_equal(check(PLS_GOAL, &in), CP_EINVAL);
	has("goal_title", "500 characters or fewer");
	in.v[PLF_GOAL_TITLE] = "\xff\xfe";
	assert_int_equal(check(PLS_GOAL, &in), CP_EINVAL);
	has("goal_title", "must be text");
}

static void an_action_names_who_for_its_kind_and_has_a_date_or_a_recurrence(void **state)
{
	(void)state;
	struct plan_input in = {.v = {[PLF_ACTION_WHAT] = "Check sugars", [PLF_ACTION_WHO] = "carer",
				      [PLF_ACTION_STATUS] = "in_progress"}};
	assert_int_equal(check(PLS_ACTION, &in), CP_EINVAL);
	has("action_who_carer", "Select the carer");
	has("action_due", "a date, or how often");
	in.v[PLF_ACTION_WHO_CARER] = "31"; /* not one of the person's carers */
	in.v[PLF_ACTION_RRULE] = "FREQ=HOURLY";
	assert_int_equal(check(PLS_ACTION, &in), CP_EINVAL);
	has("action_who_carer", "choose one from the list");
	has("action_rrule", "How often (a recurrence): ");
	assert_null(msg("action_due"));
	in.v[PLF_ACTION_WHO_CARER] = "30";
	in.v[PLF_ACTION_RRULE] = "rrule:freq=weekly;byday=mo,th";
	in.v[PLF_ACTION_GOAL] = "12";
	in.v[PLF_ACTION_CONFIDENCE] = "0";
	assert_int_equal(check(PLS_ACTION, &in), CP_OK);
	assert_string_equal(out.v[PLF_ACTION_RRULE], "FREQ=WEEKLY;BYDAY=MO,TH");
	assert_string_equal(out.v[PLF_ACTION_CONFIDENCE], "0");
	in.v[PLF_ACTION_DUE] = "2026-10-01";
	assert_int_equal(check(PLS_ACTION, &in), CP_EINVAL);
	has("action_rrule", "not both");
	in.v[PLF_ACTION_RRULE] = NULL;
	in.v[PLF_ACTION_WHO] = "member";
	in.v[PLF_ACTION_WHO_USER] = "9";
	in.v[PLF_ACTION_CONFIDENCE] = "11";
	in.v[PLF_ACTION_GOAL] = "13";
	assert_int_equal(check(PLS_ACTION, &in), CP_EINVAL);
	has("action_who_user", "choose one from the list");
	has("action_confidence", "from 0 to 10");
	has("action_goal", "choose one from the list");
	in.v[PLF_ACTION_WHO_USER] = "8";
	in.v[PLF_ACTION_CONFIDENCE] = NULL;
	in.v[PLF_ACTION_GOAL] = NULL;
	assert_int_equal(check(PLS_ACTION, &in), CP_OK);
	assert_null(out.v[PLF_ACTION_WHO_CARER]); /* only the member is kept */
	assert_string_equal(out.v[PLF_ACTION_WHO_USER], "8");
	in.v[PLF_ACTION_WHO] = "service";
	assert_int_equal(check(PLS_ACTION, &in), CP_EINVAL);
	has("action_who_name", "Enter the name of the service");
	in.v[PLF_ACTION_WHO] = "person";
	assert_int_equal(check(PLS_ACTION, &in), CP_OK);
	assert_null(out.v[PLF_ACTION_WHO_USER]);
}

static void equipment_contingency_and_treatment_escalation(void **state)
{
	(void)state;
	struct plan_input in = {.v = {[PLF_EQUIP_ISSUED] = "2026-13-01"}};
	assert_int_equal(check(PLS_EQUIP, &in), CP_EINVAL);
	has("equip_item", "Enter the equipment");
	has("equip_issued", "is not a date");
	struct plan_input c = {.v = {[PLF_CONT_SITUATION] = "Chest infection"}};
	assert_int_equal(check(PLS_CONTINGENCY, &c), CP_EINVAL);
	has("cont_do", "Enter what should happen");
	c.v[PLF_CONT_DO] = "Start the rescue pack";
	assert_int_equal(check(PLS_CONTINGENCY, &c), CP_OK);
	struct plan_input t = {.v = {[PLF_TEP_CEILING] = "everything", [PLF_TEP_DISCUSSED] = "maybe"}};
	assert_int_equal(check(PLS_TEP, &t), CP_EINVAL);
	has("tep_ceiling", "Select the treatment");
	has("tep_discussed", "choose one of the options");
	t.v[PLF_TEP_CEILING] = "comfort";
	t.v[PLF_TEP_DISCUSSED] = "yes";
	assert_int_equal(check(PLS_TEP, &t), CP_OK);
}

static void advance_care_plan_needs_who_and_details_when_yes_and_a_review_of_resuscitation(void **state)
{
	(void)state;
	struct plan_input in = {.v = {[PLF_ACP_LPA_HEALTH] = "yes", [PLF_ACP_LPA_PROPERTY] = "yes", [PLF_ACP_ADRT] = "yes",
				      [PLF_ACP_RESUS] = "dnacpr"}};
	assert_int_equal(check(PLS_ACP, &in), CP_EINVAL);
	has("acp_lpa_health_who", "health and welfare");
	has("acp_lpa_property_who", "property and finance");
	has("acp_adrt_details", "advance decision");
	has("acp_resus_review", "reviewed");
	in.v[PLF_ACP_LPA_HEALTH] = "no";
	in.v[PLF_ACP_LPA_PROPERTY_WHO] = "Son";
	in.v[PLF_ACP_ADRT_DETAILS] = "No ventilation";
	in.v[PLF_ACP_RESUS_REVIEW] = "2027-03-01";
	assert_int_equal(check(PLS_ACP, &in), CP_OK);
	struct plan_input none = {.v = {[PLF_ACP_RESUS] = "not_discussed"}};
	assert_int_equal(check(PLS_ACP, &none), CP_OK);
}

static void budget_spend_visits_contacts_and_sos(void **state)
{
	(void)state;
	struct plan_input b = {.v = {[PLF_BUDGET_ALLOCATION] = "12.5p"}};
	assert_int_equal(check(PLS_BUDGET, &b), CP_EINVAL);
	has("budget_allocation", "pounds and pence");
	has("budget_source", "Select the funding source");
	has("budget_direct", "direct payment");
	b.v[PLF_BUDGET_ALLOCATION] = "£12,500.5";
	b.v[PLF_BUDGET_SOURCE] = "chc";
	b.v[PLF_BUDGET_DIRECT] = "no";
	assert_int_equal(check(PLS_BUDGET, &b), CP_OK);
	assert_string_equal(out.v[PLF_BUDGET_ALLOCATION], "1250050");
	struct plan_input s = {.v = {[PLF_SPEND_WHAT] = "Taxi", [PLF_SPEND_AMOUNT] = "40", [PLF_SPEND_GOAL] = "12"}};
	assert_int_equal(check(PLS_SPEND, &s), CP_OK);
	assert_string_equal(out.v[PLF_SPEND_AMOUNT], "4000");
	struct plan_input v = {.v = {[PLF_VISIT_WHAT] = "Carers", [PLF_VISIT_WHO] = "Agency", [PLF_VISIT_RRULE] = "FREQ=DAILY;BYHOUR=9",
				     [PLF_VISIT_START] = "2026-09-01", [PLF_VISIT_TIME] = "24:00", [PLF_VISIT_MINUTES] = "2"}};
	assert_int_equal(check(PLS_VISIT, &v), CP_EINVAL);
	has("visit_rrule", "How often");
	has("visit_time", "24-hour clock");
	has("visit_minutes", "from 5 to 1440");
	v.v[PLF_VISIT_RRULE] = "FREQ=DAILY";
	v.v[PLF_VISIT_TIME] = "08:30";
	v.v[PLF_VISIT_MINUTES] = "45";
	v.v[PLF_VISIT_EXCEPT] = "2026-12-25, 2026-13-01";
	assert_int_equal(check(PLS_VISIT, &v), CP_EINVAL);
	has("visit_except", "\"2026-13-01\" is not a date like 2026-12-25");
	v.v[PLF_VISIT_EXCEPT] = "Christmas";
	assert_int_equal(check(PLS_VISIT, &v), CP_EINVAL);
	has("visit_except", "\"Christmas\" is not a date");
	v.v[PLF_VISIT_EXCEPT] = " 2026-12-25,2027-01-01 ,";
	assert_int_equal(check(PLS_VISIT, &v), CP_OK);
	assert_string_equal(out.v[PLF_VISIT_EXCEPT], "2026-12-25, 2027-01-01");
	struct plan_input k = {.v = {[PLF_CONTACT_NAME] = "NHS 111", [PLF_CONTACT_KIND] = "out_of_hours"}};
	assert_int_equal(check(PLS_CONTACT, &k), CP_EINVAL);
	has("contact_phone", "Enter the phone number");
	struct plan_input sos = {0};
	assert_int_equal(check(PLS_SOS, &sos), CP_EINVAL);
	has("sos_route", "gets back in touch quickly");
}

static void agreement_rules(void **state)
{
	(void)state;
	struct plan_input in = {.v = {[PLF_AGREE_WITH] = "representative", [PLF_AGREE_DATE] = "2026-09-22",
				      [PLF_AGREE_REVIEWER] = "99"}};
	assert_int_equal(check(PLS_AGREE, &in), CP_EINVAL);
	has("agree_name", "Enter the name of the representative");
	has("agree_date", "today or in the past");
	has("agree_interval", "in days, or a review date");
	has("agree_reviewer", "choose one from the list");
	in.v[PLF_AGREE_NAME] = "Their son";
	in.v[PLF_AGREE_DATE] = "2026-09-21";
	in.v[PLF_AGREE_INTERVAL] = "731";
	in.v[PLF_AGREE_REVIEWER] = "7";
	assert_int_equal(check(PLS_AGREE, &in), CP_EINVAL);
	has("agree_interval", "from 1 to 730");
	assert_null(msg("agree_date"));
	in.v[PLF_AGREE_INTERVAL] = NULL;
	in.v[PLF_AGREE_REVIEW_DATE] = "2026-09-21";
	assert_int_equal(check(PLS_AGREE, &in), CP_EINVAL);
	has("agree_review_date", "after the date agreed");
	in.v[PLF_AGREE_REVIEW_DATE] = "2026-12-21";
	assert_int_equal(check(PLS_AGREE, &in), CP_OK);
	in.v[PLF_AGREE_WITH] = "person";
	assert_int_equal(check(PLS_AGREE, &in), CP_OK);
	assert_null(out.v[PLF_AGREE_NAME]);
}

static void money_is_whole_pence(void **state)
{
	(void)state;
	int64_t p = -1;
	assert_true(plan_money_parse("0", &p));
	assert_int_equal(p, 0);
	assert_true(plan_money_parse("1250", &p));
	assert_int_equal(p, 125000);
	assert_true(plan_money_parse("1,250.5", &p));
	assert_int_equal(p, 125050);
	assert_true(plan_money_parse("\xc2\xa3" "1,000,000.01", &p));
	assert_int_equal(p, 100000001);
	assert_true(plan_money_parse("0.07", &p));
	assert_int_equal(p, 7);
	assert_true(plan_money_parse("1000000000.00", &p));
	assert_int_equal(p, PLAN_MONEY_MAX);
	const char *bad[] = {"", "£", "-5", "1.234", "1.", ".5", "12,50", "1,2345", ",100", "1e3", "12 50", "1000000000.01",
			     "99999999999999999999", "0x10", "1,000,00"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (plan_money_parse(bad[i], &p))
			fail_msg("\"%s\" was accepted as %lld", bad[i], (long long)p);
	assert_false(plan_money_parse(NULL, &p));
	char out_[PLAN_MONEY_STR];
	plan_money_format(125050, out_, sizeof out_);
	assert_string_equal(out_, "\xc2\xa3" "1,250.50");
	plan_money_format(5, out_, sizeof out_);
	assert_string_equal(out_, "\xc2\xa3" "0.05");
	plan_money_format(-30000, out_, sizeof out_);
	assert_string_equal(out_, "-\xc2\xa3" "300.00");
	plan_money_format(PLAN_MONEY_MAX, out_, sizeof out_);
	assert_string_equal(out_, "\xc2\xa3" "1,000,000,000.00");
}

static void next_review_crosses_month_ends_and_leap_years(void **state)
{
	(void)state;
	char d[16];
	assert_int_equal(plan_next_review("2026-01-31", 1, d, sizeof d), CP_OK);
	assert_string_equal(d, "2026-02-01");
	assert_int_equal(plan_next_review("2026-01-31", 30, d, sizeof d), CP_OK);
	assert_string_equal(d, "2026-03-02");
	assert_int_equal(plan_next_review("2028-02-28", 1, d, sizeof d), CP_OK);
	assert_string_equal(d, "2028-02-29");
	assert_int_equal(plan_next_review("2027-02-28", 1, d, sizeof d), CP_OK);
	assert_string_equal(d, "2027-03-01");
	assert_int_equal(plan_next_review("2100-02-28", 1, d, sizeof d), CP_OK);
	assert_string_equal(d, "2100-03-01");
	assert_int_equal(plan_next_review("2000-02-28", 1, d, sizeof d), CP_OK);
	assert_string_equal(d, "2000-02-29");
	assert_int_equal(plan_next_review("2026-08-29", 90, d, sizeof d), CP_OK);
	assert_string_equal(d, "2026-11-27");
	assert_int_equal(plan_next_review("2026-12-31", 365, d, sizeof d), CP_OK);
	assert_string_equal(d, "2027-12-31");
	assert_int_equal(plan_next_review("2027-03-01", 730, d, sizeof d), CP_OK);
	assert_string_equal(d, "2029-02-28");
	assert_int_equal(plan_next_review("2026-02-30", 30, d, sizeof d), CP_EINVAL);
	assert_string_equal(d, "");
	assert_int_equal(plan_next_review("2026-01-01", 0, d, sizeof d), CP_EINVAL);
	assert_int_equal(plan_next_review("2026-01-01", 731, d, sizeof d), CP_EINVAL);
	assert_int_equal(plan_next_review(NULL, 10, d, sizeof d), CP_EINVAL);
	assert_int_equal(plan_next_review("9999-12-31", 1, d, sizeof d), CP_EINVAL);
}

static void london_times_follow_the_clock_changes(void **state)
{
	(void)state;
	char t[6];
	plan_london_hhmm(1768478400000LL, t); /* 2026-01-15T12:00Z, GMT */
	assert_string_equal(t, "12:00");
	plan_london_hhmm(1784116800000LL, t); /* 2026-07-15T12:00Z, BST */
	assert_string_equal(t, "13:00");
	plan_london_hhmm(1774745940000LL, t); /* 2026-03-29T00:59Z, before the change */
	assert_string_equal(t, "00:59");
	plan_london_hhmm(1774746000000LL, t); /* 2026-03-29T01:00Z, the change */
	assert_string_equal(t, "02:00");
	plan_london_hhmm(1792890000000LL, t); /* 2026-10-25T01:00Z, back to GMT */
	assert_string_equal(t, "01:00");
	plan_london_hhmm(1792889940000LL, t); /* 2026-10-25T00:59Z, still BST */
	assert_string_equal(t, "01:59");
	plan_london_hhmm(1790000000000LL, t); /* 2026-09-21T14:13:20Z */
	assert_string_equal(t, "15:13");
}

static struct plan_item goal_item(int64_t id, const char *title, const char *status)
{
	struct plan_item it = {.id = id, .section = PLS_GOAL};
	it.v[PLF_GOAL_TITLE] = title;
	it.v[PLF_GOAL_STATUS] = status;
	return it;
}

static void snapshots_are_canonical_lines_with_readable_values(void **state)
{
	(void)state;
	struct plan_item items[3];
	items[0] = goal_item(12, "Walk\tto the\nshops \\ park", "active");
	items[1] = (struct plan_item){.section = PLS_BUDGET};
	items[1].v[PLF_BUDGET_ALLOCATION] = "520000";
	items[1].v[PLF_BUDGET_SOURCE] = "council";
	items[2] = (struct plan_item){.id = 5, .section = PLS_ACTION};
	items[2].v[PLF_ACTION_WHAT] = "Check";
	items[2].v[PLF_ACTION_WHO] = "member";
	items[2].v[PLF_ACTION_WHO_USER] = "7";
	items[2].v[PLF_ACTION_RRULE] = "FREQ=DAILY";
	items[2].v[PLF_ACTION_GOAL] = "12";
	char *s = plan_snapshot(a, "agreed", items, 3, &refs);
	assert_non_null(s);
	assert_string_equal(s, "plan\tstatus\tAgreed\n"
			       "goal:12\tgoal_title\tWalk\\tto the\\nshops \\\\ park\n"
			       "goal:12\tgoal_status\tActive\n"
			       "action:5\taction_what\tCheck\n"
			       "action:5\taction_goal\tWalk to the shops\n"
			       "action:5\taction_who\tA member of the care team\n"
			       "action:5\taction_who_user\tSam Okafor\n"
			       "action:5\taction_rrule\tEvery day\n"
			       "budget\tbudget_allocation\t\xc2\xa3" "5,200.00\n"
			       "budget\tbudget_source\tLocal council (adult social care)\n");
}

static const struct plan_change *find(const struct plan_change *c, size_t n, const char *key, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].key, key) == 0 && strcmp(c[i].field_label, label) == 0)
			return &c[i];
	return NULL;
}

static void the_difference_shows_added_removed_and_changed_by_section(void **state)
{
	(void)state;
	const char *from = "plan\tstatus\tDraft\n"
			   "goal:12\tgoal_title\tWalk to the shops\n"
			   "goal:12\tgoal_status\tActive\n"
			   "goal:13\tgoal_title\tSleep better\n"
			   "goal:13\tgoal_status\tActive\n"
			   "sos\tsos_route\tRing us\n"
			   "not a snapshot line\n";
	const char *to = "plan\tstatus\tAgreed\n"
			 "issue:3\tissue_what\tStairs\n"
			 "goal:12\tgoal_title\tWalk to the shops\n"
			 "goal:12\tgoal_status\tAchieved\n"
			 "goal:12\tgoal_target\t1 March 2027\n"
			 "sos\tsos_route\tRing us\\non 0117\n"
			 "acp\tacp_place_care\tHome\n";
	struct plan_change *c;
	size_t n;
	assert_int_equal(plan_diff(a, from, to, &c, &n), CP_OK);
	assert_int_equal(n, 8);
	/* The plan's own lines first, then sections in page order. */
	assert_string_equal(c[0].key, "plan");
	assert_string_equal(c[0].title, "Plan status");
	assert_int_equal(c[0].kind, PLAN_CHANGED);
	assert_string_equal(c[0].before, "Draft");
	assert_string_equal(c[0].after, "Agreed");
	assert_string_equal(c[1].key, "issue:3");
	assert_true(c[1].item_added);
	assert_int_equal(c[1].section, PLS_ISSUE);
	assert_string_equal(c[1].title, "Stairs");
	for (size_t i = 1; i < n; i++)
		assert_true(c[i - 1].section == PLS__MAX || c[i - 1].section <= c[i].section);
	const struct plan_change *x = find(c, n, "goal:12", "Status");
	assert_non_null(x);
	assert_int_equal(x->kind, PLAN_CHANGED);
	assert_string_equal(x->before, "Active");
	assert_string_equal(x->after, "Achieved");
	assert_string_equal(x->title, "Walk to the shops");
	x = find(c, n, "goal:12", "Target date");
	assert_int_equal(x->kind, PLAN_ADDED);
	assert_false(x->item_added);
	x = find(c, n, "goal:13", "Goal");
	assert_int_equal(x->kind, PLAN_REMOVED);
	assert_true(x->item_removed);
	assert_string_equal(x->title, "Sleep better");
	x = find(c, n, "sos", "How the person gets back in touch quickly");
	assert_string_equal(x->after, "Ring us\non 0117");
	assert_string_equal(x->title, "Getting back in touch quickly");
	x = find(c, n, "acp", "Preferred place of care");
	assert_true(x->item_added);
	/* Entries stay together: goal:12's two changes are next to each other. */
	for (size_t i = 0; i + 2 < n; i++)
		if (strcmp(c[i].key, "goal:12") == 0 && strcmp(c[i + 2].key, "goal:12") == 0)
			assert_string_equal(c[i + 1].key, "goal:12");
	assert_int_equal(plan_diff(a, to, to, &c, &n), CP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(plan_diff(a, "", "", &c, &n), CP_OK);
	assert_int_equal(n, 0);
}

static void a_snapshot_compared_with_its_own_plan_changed_shows_only_the_change(void **state)
{
	(void)state;
	struct plan_item items[2] = {goal_item(1, "Walk", "active"), goal_item(2, "Sleep", "active")};
	char *v1 = plan_snapshot(a, "draft", items, 2, &refs);
	items[1].v[PLF_GOAL_STATUS] = "achieved";
	char *v2 = plan_snapshot(a, "draft", items, 2, &refs);
	struct plan_change *c;
	size_t n;
	assert_int_equal(plan_diff(a, v1, v2, &c, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].key, "goal:2");
	assert_string_equal(c[0].title, "Sleep");
	assert_string_equal(c[0].after, "Achieved");
}

static void display_and_form_values(void **state)
{
	(void)state;
	struct plan_item it = {.section = PLS_SPEND};
	it.v[PLF_SPEND_AMOUNT] = "104005";
	it.v[PLF_SPEND_GOAL] = "99";
	assert_string_equal(plan_display(a, &it, PLF_SPEND_AMOUNT, &refs), "\xc2\xa3" "1,040.05");
	assert_string_equal(plan_form_value(a, &it, PLF_SPEND_AMOUNT), "1040.05");
	assert_string_equal(plan_display(a, &it, PLF_SPEND_GOAL, &refs), "(no longer listed)");
	assert_null(plan_display(a, &it, PLF_SPEND_WHAT, &refs));
	struct plan_item g = goal_item(1, "x", "active");
	g.v[PLF_GOAL_GAS_BASELINE] = "1";
	g.v[PLF_GOAL_TARGET] = "2027-03-01";
	assert_string_equal(plan_display(a, &g, PLF_GOAL_GAS_BASELINE, &refs), "+1");
	assert_string_equal(plan_display(a, &g, PLF_GOAL_TARGET, &refs), "1 March 2027");
}

static void next_visits_come_from_the_recurrence_in_london_time(void **state)
{
	(void)state;
	struct plan_item v = {.section = PLS_VISIT};
	v.v[PLF_VISIT_RRULE] = "FREQ=WEEKLY;BYDAY=WE";
	v.v[PLF_VISIT_START] = "2026-09-01";
	v.v[PLF_VISIT_TIME] = "10:00";
	struct recur_occ occ[3];
	size_t n = 0;
	assert_int_equal(plan_visit_next(&v, NOW, occ, 3, &n), CP_OK); /* from Monday 21 September 2026 */
	assert_int_equal(n, 3);
	assert_int_equal(occ[0].local.date.d, 23);
	assert_int_equal(occ[0].local.hour, 10);
	assert_int_equal(occ[1].local.date.d, 30);
	assert_int_equal(occ[2].local.date.m, 10);
	assert_int_equal(occ[2].local.date.d, 7);
	/* A date the visit is off is left out: the next after it follows. */
	v.v[PLF_VISIT_EXCEPT] = "2026-09-30";
	assert_int_equal(plan_visit_next(&v, NOW, occ, 3, &n), CP_OK);
	assert_int_equal(n, 3);
	assert_int_equal(occ[0].local.date.d, 23);
	assert_int_equal(occ[1].local.date.d, 7);
	assert_int_equal(occ[2].local.date.d, 14);
	v.v[PLF_VISIT_EXCEPT] = NULL;
	v.v[PLF_VISIT_TIME] = NULL;
	assert_int_equal(plan_visit_next(&v, NOW, occ, 3, &n), CP_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sections_and_fields_are_declared_once),
		cmocka_unit_test(an_issue_needs_what_importance_and_who_ranked_it),
		cmocka_unit_test(a_goal_using_gas_needs_the_expected_level_and_a_baseline_in_range),
		cmocka_unit_test(an_action_names_who_for_its_kind_and_has_a_date_or_a_recurrence),
		cmocka_unit_test(equipment_contingency_and_treatment_escalation),
		cmocka_unit_test(advance_care_plan_needs_who_and_details_when_yes_and_a_review_of_resuscitation),
		cmocka_unit_test(budget_spend_visits_contacts_and_sos),
		cmocka_unit_test(agreement_rules),
		cmocka_unit_test(money_is_whole_pence),
		cmocka_unit_test(next_review_crosses_month_ends_and_leap_years),
		cmocka_unit_test(london_times_follow_the_clock_changes),
		cmocka_unit_test(snapshots_are_canonical_lines_with_readable_values),
		cmocka_unit_test(the_difference_shows_added_removed_and_changed_by_section),
		cmocka_unit_test(a_snapshot_compared_with_its_own_plan_changed_shows_only_the_change),
		cmocka_unit_test(display_and_form_values),
		cmocka_unit_test(next_visits_come_from_the_recurrence_in_london_time),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
