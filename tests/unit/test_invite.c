/*
 * test_invite.c - src/domain/invite.c on a real (temporary) database:
 * codes, creating invitations and what is refused, using them (a person's
 * login, a carer's login with its grant), wrong, used and expired codes
 * writing nothing but their audit row, and withdrawing a grant.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/invite.h"
#include "fixture.h"

#define NOW 1795366800000LL /* 2026-11-22 17:00 UTC */
#define DAY 86400000LL
#define GOOD_PW "plum-orbit-canal-42"

static struct {
	struct arena *a;
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	int64_t person, other, kw, carer_contact, friend_contact, other_carer;
	struct audit_actor who, anon;
} D;

static int setup(void **state)
{
	(void)state;
	memset(&D, 0, sizeof D);
	D.a = arena_new(1 << 20);
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "invite.db");
	char msg[512];
	if (!D.a || !D.dir || store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	D.c = store_acquire(D.st);
	struct store_person p = {.nhs_number = "9998219132", .given_name = "Margaret", .family_name = "Hughes",
				 .preferred_name = "Maggie", .birth_date = "1950-01-01", .created_ms = 1000};
	struct store_person o = {.nhs_number = "9990001022", .given_name = "John", .family_name = "Patel",
				 .birth_date = "1951-01-01", .created_ms = 1000};
	struct store_user u = {.username = "sam", .display_name = "Sam Okafor", .role = "key_worker",
			       .password_hash = "x", .created_ms = 1000};
	if (store_person_insert(D.c, &p, &D.person) || store_person_insert(D.c, &o, &D.other) ||
	    store_user_insert(D.c, &u, &D.kw))
		return -1;
	struct store_contact k = {.person_id = D.person, .name = "David Hughes", .relationship = "husband",
				  .is_carer = true};
	struct store_contact f = {.person_id = D.person, .name = "Jean Bell", .relationship = "friend"};
	struct store_contact ok = {.person_id = D.other, .name = "Ravi Patel", .relationship = "son",
				   .is_carer = true};
	if (store_contact_insert(D.c, &k, &D.carer_contact) || store_contact_insert(D.c, &f, &D.friend_contact) ||
	    store_contact_insert(D.c, &ok, &D.other_carer))
		return -1;
	D.who = (struct audit_actor){.user_id = D.kw, .role = "key_worker", .client = "192.0.2.1"};
	D.anon = (struct audit_actor){.client = "192.0.2.9"};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_release(D.st, D.c);
	store_close(D.st);
	fx_rmdir(D.dir);
	arena_free(D.a);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static int64_t audits(const char *action)
{
	int64_t n = -1;
	assert_int_equal(store_audit_count(D.c, action, &n), CP_OK);
	return n;
}

static void invite(const char *kind, int64_t contact, char code[INVITE_CODE_TEXT])
{
	int64_t exp = 0;
	char msg[256] = "";
	enum cp_err err = invite_create(D.c, D.a, &D.who, NOW, D.person, kind, contact, true, code, &exp, msg,
					sizeof msg);
	if (err)
		fail_msg("invite_create: %s", msg);
	assert_int_equal(exp, NOW + 14 * DAY);
}

static enum cp_err redeem(const char *code, const char *user, const char *pw, const char *confirm, int64_t now,
			  int64_t *uid, struct person_errors *errs)
{
	struct invite_redeem_input in = {.code = code, .username = user, .password = pw, .confirm = confirm};
	return invite_redeem(D.c, D.a, &D.anon, now, &in, uid, errs);
}

static const char *error_for(const struct person_errors *e, const char *field)
{
	const char *m = person_error_for(e, field);
	return m ? m : "";
}

static void codes_are_grouped_unambiguous_and_hash_whatever_the_case_and_spacing(void **state)
{
	(void)state;
	char a[INVITE_CODE_TEXT], b[INVITE_CODE_TEXT];
	invite_code_new(a);
	invite_code_new(b);
	assert_int_equal(strlen(a), 14);
	assert_true(a[4] == '-' && a[9] == '-');
	assert_string_not_equal(a, b);
	assert_null(strpbrk(a, "01OI"));
	unsigned char h1[STORE_HASH_LEN], h2[STORE_HASH_LEN];
	assert_true(invite_code_hash("ABCD-EFGH-JKLM", h1));
	assert_true(invite_code_hash(" abcd efgh jklm ", h2));
	assert_memory_equal(h1, h2, STORE_HASH_LEN);
	assert_false(invite_code_hash("ABCD-EFGH-JKL", h1));   /* too short */
	assert_false(invite_code_hash("ABCD-EFGH-JKLMN", h1)); /* too long */
	assert_false(invite_code_hash("ABCD-EFGH-JKL0", h1));  /* not in the alphabet */
	assert_false(invite_code_hash(NULL, h1));
}

static void a_person_uses_their_invitation_once_and_gets_their_own_login(void **state)
{
	(void)state;
	char code[INVITE_CODE_TEXT];
	invite("person", 0, code);
	assert_int_equal(audits("invitation.create"), 1);
	int64_t uid = 0;
	struct person_errors errs;
	assert_int_equal(redeem(code, "maggie.h", GOOD_PW, GOOD_PW, NOW + DAY, &uid, &errs), CP_OK);
	struct store_user u;
	assert_int_equal(store_user_by_id(D.c, D.a, uid, &u), CP_OK);
	assert_string_equal(u.role, "person");
	assert_string_equal(u.display_name, "Maggie Hughes");
	assert_int_equal(u.person_id, D.person);
	assert_int_equal(audits("invitation.use"), 1);
	assert_int_equal(audits("user.create"), 1);
	/* Used once: again is refused, audited, and writes nothing else. */
	int64_t users_before = 0;
	assert_int_equal(store_audit_count(D.c, NULL, &users_before), CP_OK);
	assert_int_equal(redeem(code, "maggie.two", GOOD_PW, GOOD_PW, NOW + DAY, &uid, &errs), CP_EINVAL);
	assert_non_null(strstr(error_for(&errs, "code"), "already been used"));
	assert_int_equal(audits("invitation.refused"), 1);
	assert_int_equal(audits("user.create"), 1);
	/* And a second invitation is refused: she has a login. */
	char again[INVITE_CODE_TEXT];
	int64_t exp;
	char msg[256];
	assert_int_equal(invite_create(D.c, D.a, &D.who, NOW, D.person, "person", 0, true, again, &exp, msg,
				       sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "already have a login"));
	assert_string_equal(again, "");
}

static void a_carer_invitation_needs_agreement_and_a_carer_of_that_person(void **state)
{
	(void)state;
	char code[INVITE_CODE_TEXT], msg[256];
	int64_t exp;
	assert_int_equal(invite_create(D.c, D.a, &D.who, NOW, D.person, "carer", D.carer_contact, false, code, &exp,
				       msg, sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "agrees"));
	assert_int_equal(invite_create(D.c, D.a, &D.who, NOW, D.person, "carer", D.friend_contact, true, code, &exp,
				       msg, sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "Only a carer or a representative"));
	/* Another person's carer is not one of hers. */
	assert_int_equal(invite_create(D.c, D.a, &D.who, NOW, D.person, "carer", D.other_carer, true, code, &exp, msg,
				       sizeof msg),
			 CP_EINVAL);
	assert_non_null(strstr(msg, "Choose one of their carers"));
	assert_int_equal(invite_create(D.c, D.a, &D.who, NOW, D.person, "friend", 0, true, code, &exp, msg,
				       sizeof msg),
			 CP_EINVAL);
	assert_int_equal(invite_create(D.c, D.a, &D.who, NOW, 999, "person", 0, true, code, &exp, msg, sizeof msg),
			 CP_ENOTFOUND);
	assert_int_equal(audits("invitation.create"), 0);
}

static void a_carer_gets_a_grant_the_person_can_withdraw(void **state)
{
	(void)state;
	char code[INVITE_CODE_TEXT];
	invite("carer", D.carer_contact, code);
	int64_t uid = 0;
	struct person_errors errs;
	assert_int_equal(redeem(code, "david.h", GOOD_PW, GOOD_PW, NOW, &uid, &errs), CP_OK);
	struct store_user u;
	assert_int_equal(store_user_by_id(D.c, D.a, uid, &u), CP_OK);
	assert_string_equal(u.role, "carer");
	assert_string_equal(u.display_name, "David Hughes");
	struct store_contact k;
	assert_int_equal(store_contact_get(D.c, D.a, D.carer_contact, &k), CP_OK);
	assert_int_equal(k.user_id, uid);
	bool live = false;
	assert_int_equal(store_grant_live(D.c, D.person, uid, &live), CP_OK);
	assert_true(live);
	struct store_grant *g;
	size_t n;
	assert_int_equal(store_grant_list_carer(D.c, D.a, uid, 10, &g, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].person_name, "Margaret Hughes");
	assert_int_equal(audits("grant.create"), 1);

	/* Nobody withdraws another person's grant. */
	assert_int_equal(invite_grant_withdraw(D.c, &D.who, NOW, D.other, g[0].id), CP_ENOTFOUND);
	struct audit_actor her = {.user_id = 0, .role = "person", .client = "192.0.2.5"};
	assert_int_equal(invite_grant_withdraw(D.c, &her, NOW + 1, D.person, g[0].id), CP_OK);
	assert_int_equal(store_grant_live(D.c, D.person, uid, &live), CP_OK);
	assert_false(live);
	assert_int_equal(store_grant_list_carer(D.c, D.a, uid, 10, &g, &n), CP_OK);
	assert_int_equal(n, 0);
	/* Once withdrawn it cannot be withdrawn again. */
	struct store_grant *all;
	assert_int_equal(store_grant_list_person(D.c, D.a, D.person, 10, &all, &n), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(all[0].withdrawn_ms, NOW + 1);
	assert_int_equal(invite_grant_withdraw(D.c, &her, NOW + 2, D.person, all[0].id), CP_ENOTFOUND);
	assert_int_equal(audits("grant.withdraw"), 1);
}

static void bad_forms_name_each_field_and_write_nothing(void **state)
{
	(void)state;
	char code[INVITE_CODE_TEXT];
	invite("person", 0, code);
	int64_t before = 0, uid = 0;
	assert_int_equal(store_audit_count(D.c, NULL, &before), CP_OK);
	struct person_errors errs;
	assert_int_equal(redeem("", "x", "short", "other", NOW, &uid, &errs), CP_EINVAL);
	assert_non_null(strstr(error_for(&errs, "code"), "Enter the invitation code"));
	assert_non_null(strstr(error_for(&errs, "username"), "username"));
	assert_string_not_equal(error_for(&errs, "password"), "");
	assert_int_equal(redeem(code, "maggie.h", GOOD_PW, "plum-orbit-canal-43", NOW, &uid, &errs), CP_EINVAL);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(error_for(&errs, "confirm"), "not the same"));
	assert_int_equal(redeem("ABCD", "maggie.h", GOOD_PW, GOOD_PW, NOW, &uid, &errs), CP_EINVAL);
	assert_non_null(strstr(error_for(&errs, "code"), "12 letters and numbers"));
	int64_t after = 0;
	assert_int_equal(store_audit_count(D.c, NULL, &after), CP_OK);
	assert_int_equal(after, before); /* malformed forms are not even looked up */
	assert_int_equal(uid, 0);
	/* A well-formed but wrong code is audited. */
	assert_int_equal(redeem("ABCD-EFGH-JKLM", "maggie.h", GOOD_PW, GOOD_PW, NOW, &uid, &errs), CP_EINVAL);
	assert_non_null(strstr(error_for(&errs, "code"), "not right"));
	assert_int_equal(audits("invitation.refused"), 1);
	assert_int_equal(audits("user.create"), 0);
}

static void an_expired_code_is_refused_and_a_taken_username_is_named(void **state)
{
	(void)state;
	char code[INVITE_CODE_TEXT];
	invite("person", 0, code);
	int64_t uid;
	struct person_errors errs;
	assert_int_equal(redeem(code, "maggie.h", GOOD_PW, GOOD_PW, NOW + 14 * DAY, &uid, &errs), CP_EINVAL);
	assert_non_null(strstr(error_for(&errs, "code"), "expired"));
	assert_int_equal(redeem(code, "sam", GOOD_PW, GOOD_PW, NOW + 14 * DAY - 1, &uid, &errs), CP_EINVAL);
	assert_non_null(strstr(error_for(&errs, "username"), "taken"));
	/* The code is still good after a taken username. */
	assert_int_equal(redeem(code, "maggie.h", GOOD_PW, GOOD_PW, NOW + 14 * DAY - 1, &uid, &errs), CP_OK);
	assert_int_equal(audits("user.create"), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_are_grouped_unambiguous_and_hash_whatever_the_case_and_spacing),
		T(a_person_uses_their_invitation_once_and_gets_their_own_login),
		T(a_carer_invitation_needs_agreement_and_a_carer_of_that_person),
		T(a_carer_gets_a_grant_the_person_can_withdraw),
		T(bad_forms_name_each_field_and_write_nothing),
		T(an_expired_code_is_refused_and_a_taken_username_is_named),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
