/* test_calfeed.c - calendar feeds (src/domain/calfeed.c) and their files
 * (src/export/ical_feed.c) on the demo database: only a token's hash is
 * kept, renewing revokes the old address, each change is audited; the
 * person's, carer's and key worker's feeds parse back without error in
 * libical, and each visit's recurrence expands to the dates the timetable
 * page lists; a reader without the goals section gets no visits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <libical/ical.h>
#include <sqlite3.h>

#include <stdio.h>
#include <string.h>

#include "domain/calfeed.h"
#include "domain/myplan.h"
#include "domain/recur.h"
#include "domain/share.h"
#include "domain/worklist.h"
#include "export/ical_feed.h"
#include "fixture.h"

#define NOW (1790000000000LL + 3600000LL)

static struct {
	struct fx_demo demo;
	struct store_conn *c;
	struct arena *a;
	struct store_user me, carer, kw;
	struct audit_actor who;
} D;

static int64_t i64(const char *sql)
{
	return fx_demo_i64(&D.demo, sql);
}

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	if (fx_demo_open(&D.demo))
		return -1;
	D.c = store_acquire(D.demo.st);
	D.a = arena_new(4 << 20);
	if (!D.c || !D.a || store_user_by_username(D.c, D.a, "person", &D.me) ||
	    store_user_by_username(D.c, D.a, "carer", &D.carer) || store_user_by_username(D.c, D.a, "keyworker", &D.kw))
		return -1;
	D.who = (struct audit_actor){.user_id = D.me.id, .role = "person", .client = "test"};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(D.a);
	store_release(D.demo.st, D.c);
	fx_demo_close(&D.demo);
	return 0;
}

static void only_well_formed_tokens_hash(void **state)
{
	(void)state;
	unsigned char h[STORE_HASH_LEN];
	assert_false(calfeed_token_hash(NULL, h));
	assert_false(calfeed_token_hash("short", h));
	assert_false(calfeed_token_hash("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/", h)); /* 43, one not base64url */
	assert_true(calfeed_token_hash("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_", h));
}

static void renewing_revokes_the_old_address_and_only_hashes_are_kept(void **state)
{
	(void)state;
	char t1[CALFEED_TOKEN_TEXT], t2[CALFEED_TOKEN_TEXT];
	int64_t id1 = 0, id2 = 0;
	int64_t pid = D.me.person_id;
	assert_int_equal(calfeed_renew(D.c, &D.who, NOW, D.me.id, CALFEED_PERSON, pid, t1, &id1), CP_OK);
	assert_int_equal(strlen(t1), CALFEED_TOKEN_CHARS);
	char q[200];
	snprintf(q, sizeof q, "select count(*) from calendar_feed where instr(token_hash, '%s') > 0 or token_hash = '%s'",
		 t1, t1);
	assert_int_equal(i64(q), 0);
	struct store_calfeed f;
	assert_int_equal(calfeed_find(D.c, D.a, t1, &f), CP_OK);
	assert_int_equal(f.id, id1);
	assert_int_equal(f.revoked_ms, 0);
	assert_int_equal(calfeed_renew(D.c, &D.who, NOW + 1, D.me.id, CALFEED_PERSON, pid, t2, &id2), CP_OK);
	assert_string_not_equal(t1, t2);
	assert_int_equal(calfeed_find(D.c, D.a, t1, &f), CP_OK);
	assert_int_equal(f.revoked_ms, NOW + 1);
	assert_int_equal(calfeed_find(D.c, D.a, t2, &f), CP_OK);
	assert_int_equal(f.revoked_ms, 0);
	bool has = false;
	assert_int_equal(calfeed_live(D.c, D.a, D.me.id, pid, &f, &has), CP_OK);
	assert_true(has);
	assert_int_equal(f.id, id2);
	assert_int_equal(calfeed_revoke(D.c, &D.who, NOW + 2, D.me.id, pid), CP_OK);
	assert_int_equal(calfeed_revoke(D.c, &D.who, NOW + 3, D.me.id, pid), CP_ENOTFOUND);
	assert_int_equal(calfeed_live(D.c, D.a, D.me.id, pid, &f, &has), CP_OK);
	assert_false(has);
	assert_int_equal(i64("select count(*) from audit where action = 'calendar.create'"), 1);
	assert_int_equal(i64("select count(*) from audit where action = 'calendar.renew'"), 1);
	assert_int_equal(i64("select count(*) from audit where action = 'calendar.revoke'"), 1);
	assert_int_equal(calfeed_find(D.c, D.a, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &f), CP_ENOTFOUND);
	assert_int_equal(calfeed_renew(D.c, &D.who, NOW, D.me.id, CALFEED_KEYWORKER, pid, t1, &id1), CP_EINVAL);
	assert_int_equal(calfeed_renew(D.c, &D.who, NOW, D.me.id, "other", pid, t1, &id1), CP_EINVAL);
}

/* Parses s with libical: no X-LIC-ERROR anywhere.  The calendar; free it. */
static icalcomponent *parse_clean(const char *s)
{
	icalcomponent *cal = icalparser_parse_string(s);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	return cal;
}

static size_t count_events(icalcomponent *cal)
{
	return (size_t)icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
}

/* True when the event's EXDATEs name the occurrence t (to the minute). */
static bool excluded(icalcomponent *ev, icaltimetype t)
{
	for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
		icaltimetype x = icalproperty_get_exdate(p);
		if (x.year == t.year && x.month == t.month && x.day == t.day && x.hour == t.hour && x.minute == t.minute)
			return true;
	}
	return false;
}

static void the_persons_feed_parses_and_expands_to_the_timetables_dates(void **state)
{
	(void)state;
	struct my_view v;
	assert_int_equal(my_read(D.c, D.a, &D.who, NOW, &D.me, ACCESS_SELF, D.me.person_id, "calendar feed", &v), CP_OK);
	struct buf b;
	buf_init(&b, 1 << 20);
	ical_feed_plan(&b, D.a, &v, true, NOW);
	assert_int_equal(b.err, CP_OK);
	icalcomponent *cal = parse_clean(b.data);
	size_t visits = 0;
	for (size_t i = 0; i < v.plan.n_items; i++)
		visits += v.plan.items[i].section == PLS_VISIT;
	assert_true(visits > 0);
	size_t counted = 0, exdates_met = 0;
	assert_int_equal(count_events(cal), visits + (v.plan.cp.next_review_date ? 1 : 0));
	for (size_t i = 0; i < v.plan.n_items; i++) {
		const struct plan_item *it = &v.plan.items[i];
		if (it->section != PLS_VISIT)
			continue;
		char uid[96];
		snprintf(uid, sizeof uid, "visit-%lld@careplan.invalid", (long long)it->id);
		icalcomponent *ev = NULL;
		for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
		     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
			if (strcmp(icalcomponent_get_uid(e), uid) == 0)
				ev = e;
		assert_non_null(ev);
		/* What the page lists: the next visits from now. */
		struct recur_occ page[5];
		size_t n = 0;
		assert_int_equal(plan_visit_next(it, NOW, page, 5, &n), CP_OK);
		/* libical's expansion of the file's DTSTART and RRULE, in
		 * London wall-clock time. */
		icaltimetype start = icalcomponent_get_dtstart(ev);
		icalproperty *rp = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
		assert_non_null(rp);
		struct icalrecurrencetype rule = icalproperty_get_rrule(rp);
		icalrecur_iterator *ri = icalrecur_iterator_new(rule, start);
		assert_non_null(ri);
		size_t k = 0;
		for (int steps = 0; k < n && steps < 5000; steps++) {
			icaltimetype t = icalrecur_iterator_next(ri);
			if (icaltime_is_null_time(t))
				break;
			if (excluded(ev, t)) {
				exdates_met++;
				continue;
			}
			struct caldate d = {t.year, t.month, t.day};
			if (caldate_cmp(d, page[0].local.date) < 0)
				continue;
			assert_int_equal(t.year, page[k].local.date.y);
			assert_int_equal(t.month, page[k].local.date.m);
			assert_int_equal(t.day, page[k].local.date.d);
			assert_int_equal(t.hour, page[k].local.hour);
			assert_int_equal(t.minute, page[k].local.minute);
			k++;
		}
		icalrecur_iterator_free(ri);
		assert_int_equal(k, n);
		/* A series with a COUNT has as many visits in the file as the
		 * plan gives it, even when its first date is not a visit. */
		if (rule.count > 0) {
			struct recur_occ all[RECUR_LIST_MAX];
			size_t na = 0;
			assert_int_equal(plan_visit_next(it, -2208988800000LL, all, RECUR_LIST_MAX, &na), CP_OK);
			ri = icalrecur_iterator_new(rule, start);
			size_t nf = 0;
			for (icaltimetype t = icalrecur_iterator_next(ri); !icaltime_is_null_time(t) && nf < 1000;
			     t = icalrecur_iterator_next(ri))
				nf += !excluded(ev, t);
			icalrecur_iterator_free(ri);
			assert_int_equal(nf, na);
			counted++;
		}
	}
	assert_true(counted > 0); /* the demo's pulmonary rehabilitation: 12 classes */
	assert_true(exdates_met > 0); /* the demo's home care is off on two days */
	icalcomponent_free(cal);
	buf_free(&b);
}

static void a_reader_without_the_goals_section_gets_no_visits(void **state)
{
	(void)state;
	struct my_view v;
	struct audit_actor cw = {.user_id = D.carer.id, .role = "carer", .client = "test"};
	assert_int_equal(my_read(D.c, D.a, &cw, NOW, &D.carer, ACCESS_CARER, D.me.person_id, "calendar feed", &v),
			 CP_OK);
	struct buf b;
	buf_init(&b, 1 << 20);
	ical_feed_plan(&b, D.a, &v, false, NOW);
	icalcomponent *cal = parse_clean(b.data);
	assert_true(count_events(cal) > 0); /* the demo's carer sees goals */
	assert_non_null(strstr(b.data, "X-WR-CALNAME:Margaret's care plan\r\n"));
	icalcomponent_free(cal);
	buf_reset(&b);
	v.mask &= ~SHARE_BIT(SHARE_GOALS);
	ical_feed_plan(&b, D.a, &v, false, NOW);
	cal = parse_clean(b.data);
	assert_int_equal(count_events(cal), 0);
	icalcomponent_free(cal);
	buf_free(&b);
}

static void the_key_workers_feed_has_each_review_and_check_in_due(void **state)
{
	(void)state;
	struct worklist w;
	struct audit_actor kw = {.user_id = D.kw.id, .role = "key_worker", .client = "test"};
	assert_int_equal(worklist_read(D.c, D.a, &kw, NOW, &D.kw, false, WL_SORT_DATE, &w), CP_OK);
	struct buf b;
	buf_init(&b, 1 << 20);
	ical_feed_worklist(&b, D.a, &w, NOW);
	icalcomponent *cal = parse_clean(b.data);
	size_t dated = 0;
	for (int s = 0; s < WL__MAX; s++)
		if (s == WL_DUE || s == WL_OVERDUE || s == WL_CHECKIN)
			for (size_t i = 0; i < w.n[s]; i++)
				dated += w.items[s][i].date != NULL;
	assert_true(dated > 0);
	assert_int_equal(count_events(cal), dated);
	icalcomponent_free(cal);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_well_formed_tokens_hash),
		cmocka_unit_test(renewing_revokes_the_old_address_and_only_hashes_are_kept),
		cmocka_unit_test(the_persons_feed_parses_and_expands_to_the_timetables_dates),
		cmocka_unit_test(a_reader_without_the_goals_section_gets_no_visits),
		cmocka_unit_test(the_key_workers_feed_has_each_review_and_check_in_due),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
