/* test_user.c - user accounts: validation, creation and password changes
 * (src/domain/user.c), against a store on a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/password.h"
#include "domain/user.h"
#include "fixture.h"
#include "util/str.h"

#define PW "violet tram ladder"

struct fx {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
	struct arena *a;
};

static const struct audit_actor cli = {.client = "cli"};

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->dir = fx_tmpdir();
	fx_path(f->path, sizeof f->path, f->dir, "user.db");
	char msg[512];
	if (!f->dir || store_open(f->path, 1, &f->st, msg, sizeof msg))
		return -1;
	f->c = store_acquire(f->st);
	f->a = arena_new(1 << 20);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	store_release(f->st, f->c);
	store_close(f->st);
	fx_rmdir(f->dir);
	free(f);
	return 0;
}

static struct user_new good(void)
{
	struct user_new u = {.username = "sam.okafor", .display_name = "Sam Okafor", .role = "key_worker",
			     .discipline = "nurse", .password = PW};
	return u;
}

static enum cp_err validate(const struct user_new *u, char *msg, size_t n)
{
	msg[0] = '\0';
	return user_validate(u, msg, n);
}

static int64_t audit_count(struct fx *f, const char *action)
{
	int64_t n = -1;
	assert_int_equal(store_audit_count(f->c, action, &n), CP_OK);
	return n;
}

/* ---- validation ------------------------------------------------------------------ */

static void complete_account_is_valid(void **state)
{
	(void)state;
	char msg[512];
	struct user_new u = good();
	assert_int_equal(validate(&u, msg, sizeof msg), CP_OK);
	u.role = "carer";
	u.discipline = NULL;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_OK);
	u.discipline = "";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_OK);
}

static void usernames_follow_the_rules(void **state)
{
	(void)state;
	char msg[512];
	struct user_new u = good();
	const char *ok[] = {"abc", "a.b_c-d", "7up", "gp.carter", "x234567890123456789012345678901234567890123456789012345678901234"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		u.username = ok[i];
		assert_true(strlen(ok[i]) <= USER_NAME_MAX);
		assert_int_equal(validate(&u, msg, sizeof msg), CP_OK);
	}
	const char *bad[] = {"ab", "Alice", ".alice", "_alice", "-alice", "al ice", "al@ice", "\xC3\xA9lise", "",
			     "x2345678901234567890123456789012345678901234567890123456789012345"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		u.username = bad[i];
		assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
		assert_true(str_starts(msg, "username \""));
	}
	u.username = NULL;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
}

static void display_name_is_one_line_of_up_to_200_characters(void **state)
{
	(void)state;
	char msg[512];
	struct user_new u = good();
	char name[2 * 201 + 1];
	for (int i = 0; i < 200; i++)
		memcpy(name + 2 * i, "\xC3\xA9", 2); /* 200 characters, 400 bytes */
	name[400] = '\0';
	u.display_name = name;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_OK);
	memcpy(name + 400, "\xC3\xA9", 3);
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "name is required: 1 to 200 characters on one line");
	const char *bad[] = {"", "Sam\nOkafor", "Sam\tOkafor", "Sam\rOkafor", "Sam \xFF"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		u.display_name = bad[i];
		assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	}
	u.display_name = NULL;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
}

static void unknown_role_is_refused_listing_the_roles(void **state)
{
	(void)state;
	char msg[512];
	struct user_new u = good();
	u.role = "superuser";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "role \"superuser\" is not known; choose one of: administrator, team_manager, "
				 "key_worker, professional, person, carer, commissioner");
	u.role = NULL;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
}

static void professionals_need_a_known_discipline(void **state)
{
	(void)state;
	char msg[512];
	struct user_new u = good();
	u.role = "professional";
	u.discipline = NULL;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_true(str_starts(msg, "discipline \"\" is required for a professional; choose one of: gp, nurse"));
	u.discipline = "surgeon";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_true(str_starts(msg, "discipline \"surgeon\" is not known"));
	u.role = "key_worker"; /* an unknown discipline is wrong for anyone */
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	u.role = "professional";
	u.discipline = "pharmacist";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_OK);
}

static void password_must_pass_the_policy(void **state)
{
	(void)state;
	char msg[512];
	struct user_new u = good();
	u.password = NULL;
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "password: is required");
	u.password = "short";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "password: Password must be at least 10 characters long");
	u.password = "Password2024!";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	u.password = "I am sam.okafor ok";
	assert_int_equal(validate(&u, msg, sizeof msg), CP_EINVAL);
	assert_string_equal(msg, "password: Password must not contain the username");
}

/* ---- creating --------------------------------------------------------------------- */

static void create_stores_a_hashed_password_and_audits(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	int64_t id = 0;
	assert_int_equal(user_create(f->c, &u, &cli, 5000, &id, msg, sizeof msg), CP_OK);
	assert_true(id > 0);
	struct store_user s;
	assert_int_equal(store_user_by_username(f->c, f->a, "sam.okafor", &s), CP_OK);
	assert_int_equal(s.id, id);
	assert_string_equal(s.display_name, "Sam Okafor");
	assert_string_equal(s.discipline, "nurse");
	assert_int_equal(s.created_ms, 5000);
	assert_true(str_starts(s.password_hash, "$argon2id$"));
	assert_null(strstr(s.password_hash, PW));
	char full[PASSWORD_HASH_MAX] = "";
	snprintf(full, sizeof full, "%s", s.password_hash);
	assert_true(password_verify(full, PW));
	assert_int_equal(audit_count(f, "user.create"), 1);
}

static void empty_discipline_is_stored_as_none(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	u.role = "carer";
	u.discipline = "";
	int64_t id;
	assert_int_equal(user_create(f->c, &u, &cli, 1, &id, msg, sizeof msg), CP_OK);
	struct store_user s;
	assert_int_equal(store_user_by_id(f->c, f->a, id, &s), CP_OK);
	assert_null(s.discipline);
}

static void invalid_account_writes_nothing(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	u.role = "wizard";
	int64_t id = 0;
	assert_int_equal(user_create(f->c, &u, &cli, 1, &id, msg, sizeof msg), CP_EINVAL);
	assert_int_equal(audit_count(f, NULL), 0);
	struct store_user s;
	assert_int_equal(store_user_by_username(f->c, f->a, "sam.okafor", &s), CP_ENOTFOUND);
}

static void taken_username_is_a_conflict_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	int64_t id;
	assert_int_equal(user_create(f->c, &u, &cli, 1, &id, msg, sizeof msg), CP_OK);
	u.display_name = "Another Sam";
	assert_int_equal(user_create(f->c, &u, &cli, 2, &id, msg, sizeof msg), CP_ECONFLICT);
	assert_string_equal(msg, "username \"sam.okafor\" is already taken");
	assert_int_equal(audit_count(f, "user.create"), 1);
	struct store_user s;
	assert_int_equal(store_user_by_username(f->c, f->a, "sam.okafor", &s), CP_OK);
	assert_string_equal(s.display_name, "Sam Okafor");
}

static void missing_team_is_not_reported_as_a_taken_username(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	u.team_id = 999;
	int64_t id;
	enum cp_err err = user_create(f->c, &u, &cli, 1, &id, msg, sizeof msg);
	assert_int_not_equal(err, CP_OK);
	assert_int_not_equal(err, CP_ECONFLICT);
	assert_null(strstr(msg, "already taken"));
	assert_non_null(strstr(msg, "sam.okafor"));
	assert_int_equal(audit_count(f, NULL), 0);
	struct store_user s;
	assert_int_equal(store_user_by_username(f->c, f->a, "sam.okafor", &s), CP_ENOTFOUND);
}

/* ---- passwords ---------------------------------------------------------------------- */

static void set_password_replaces_the_hash_and_audits(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	int64_t id;
	assert_int_equal(user_create(f->c, &u, &cli, 1, &id, msg, sizeof msg), CP_OK);
	assert_int_equal(user_set_password(f->c, f->a, "sam.okafor", "orange kettle drum", &cli, 2, msg, sizeof msg),
			 CP_OK);
	struct store_user s;
	assert_int_equal(store_user_by_id(f->c, f->a, id, &s), CP_OK);
	char full[PASSWORD_HASH_MAX] = "";
	snprintf(full, sizeof full, "%s", s.password_hash);
	assert_true(password_verify(full, "orange kettle drum"));
	assert_false(password_verify(full, PW));
	assert_int_equal(audit_count(f, "user.password"), 1);
}

static void set_password_of_an_unknown_user_is_not_found(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	assert_int_equal(user_set_password(f->c, f->a, "nobody", "orange kettle drum", &cli, 2, msg, sizeof msg),
			 CP_ENOTFOUND);
	assert_string_equal(msg, "no user is called \"nobody\"");
	assert_int_equal(audit_count(f, NULL), 0);
}

static void weak_new_password_changes_nothing(void **state)
{
	struct fx *f = *state;
	char msg[512] = "";
	struct user_new u = good();
	int64_t id;
	assert_int_equal(user_create(f->c, &u, &cli, 1, &id, msg, sizeof msg), CP_OK);
	struct store_user before, after;
	assert_int_equal(store_user_by_id(f->c, f->a, id, &before), CP_OK);
	assert_int_equal(user_set_password(f->c, f->a, "sam.okafor", "qwerty123456", &cli, 2, msg, sizeof msg),
			 CP_EINVAL);
	assert_true(str_starts(msg, "password: Password is too common"));
	assert_int_equal(user_set_password(f->c, f->a, "sam.okafor", "sam.okafor-2026", &cli, 2, msg, sizeof msg),
			 CP_EINVAL);
	assert_int_equal(store_user_by_id(f->c, f->a, id, &after), CP_OK);
	assert_string_equal(before.password_hash, after.password_hash);
	assert_int_equal(audit_count(f, "user.password"), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complete_account_is_valid),
		cmocka_unit_test(usernames_follow_the_rules),
		cmocka_unit_test(display_name_is_one_line_of_up_to_200_characters),
		cmocka_unit_test(unknown_role_is_refused_listing_the_roles),
		cmocka_unit_test(professionals_need_a_known_discipline),
		cmocka_unit_test(password_must_pass_the_policy),
		T(create_stores_a_hashed_password_and_audits),
		T(empty_discipline_is_stored_as_none),
		T(invalid_account_writes_nothing),
		T(taken_username_is_a_conflict_and_writes_nothing),
		T(missing_team_is_not_reported_as_a_taken_username),
		T(set_password_replaces_the_hash_and_audits),
		T(set_password_of_an_unknown_user_is_not_found),
		T(weak_new_password_changes_nothing),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
