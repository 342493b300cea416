/*
 * test_person.c - a person and their contacts (src/domain/person.c):
 * validating what was typed into typed values with a message per bad field,
 * the NHS number and date rules, searches, and the audited operations
 * (create, duplicate NHS number, update, stale version, read, search, add a
 * contact) on a temporary database, each with its audit row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "domain/person.c"
#include "fixture.h"

/* 2026-11-22 17:00 UTC, the tests' "now". */
#define NOW 1795366800000LL

static struct arena *A;

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

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
	A = NULL;
	return 0;
}

/* A complete, valid person as a form would send it. */
static struct person_input good(void)
{
	struct person_input in = {0};
	in.v[PF_GIVEN_NAME] = "Margaret";
	in.v[PF_FAMILY_NAME] = "Hughes";
	in.v[PF_BIRTH_DATE] = "1953-01-22";
	in.v[PF_NHS_NUMBER] = "999 821 9132";
	return in;
}

/* The message for field after validating in (NULL: none). */
static const char *error_of(const struct person_input *in, const char *field)
{
	struct store_person p;
	struct person_errors errs;
	person_validate(A, in, NOW, &p, &errs);
	return person_error_for(&errs, field);
}

/* ---- the field table ------------------------------------------------------------ */

static void every_field_is_declared_once_with_a_label_and_limit(void **state)
{
	(void)state;
	for (int f = 0; f < PF__MAX; f++) {
		const struct person_field_info *i = person_field((enum person_field)f);
		assert_non_null(i);
		assert_true(strlen(i->name) > 0 && strlen(i->label) > 0 && i->max > 0);
		for (int g = 0; g < f; g++)
			assert_string_not_equal(i->name, person_field((enum person_field)g)->name);
	}
	assert_null(person_field(PF__MAX));
	assert_null(contact_field(CF__MAX));
	assert_string_equal(person_field(PF_NHS_NUMBER)->name, "nhs_number");
	assert_int_equal(person_field(PF_GIVEN_NAME)->max, 100);
	assert_int_equal(person_field(PF_COMMUNICATION_NEEDS)->max, 2000);
	assert_int_equal(person_field(PF_REASONABLE_ADJUSTMENTS)->max, 2000);
}

/* ---- validating a person ---------------------------------------------------------- */

static void a_valid_person_becomes_typed_normalised_values(void **state)
{
	(void)state;
	struct person_input in = good();
	in.v[PF_GIVEN_NAME] = "  Margaret \t";
	in.v[PF_PREFERRED_NAME] = "   ";
	in.v[PF_ADDRESS] = "101 Orchard Close\r\nKingsmead\r\n";
	in.v[PF_POSTCODE] = "zz99 7ac";
	in.v[PF_PHONE] = "+44 (0)1632 960538";
	in.v[PF_EMAIL] = "maggie.hughes@example.org";
	in.v[PF_COMMUNICATION_NEEDS] = "Hard of hearing.\nFace her when speaking.";
	struct store_person p;
	struct person_errors errs;
	assert_int_equal(person_validate(A, &in, NOW, &p, &errs), CP_OK);
	assert_int_equal(errs.n, 0);
	assert_string_equal(p.given_name, "Margaret");
	assert_string_equal(p.family_name, "Hughes");
	assert_null(p.preferred_name); /* blank is not recorded */
	assert_string_equal(p.birth_date, "1953-01-22");
	assert_string_equal(p.nhs_number, "9998219132");
	assert_string_equal(p.address, "101 Orchard Close\nKingsmead");
	assert_string_equal(p.postcode, "ZZ99 7AC");
	assert_string_equal(p.phone, "+44 (0)1632 960538");
	assert_string_equal(p.email, "maggie.hughes@example.org");
	assert_string_equal(p.communication_needs, "Hard of hearing.\nFace her when speaking.");
	assert_null(p.reasonable_adjustments);
	assert_null(p.gp_practice);
	assert_int_equal(p.id, 0);
	assert_int_equal(p.team_id, 0);
}

static void nhs_number_is_taken_with_or_without_spaces(void **state)
{
	(void)state;
	const char *ok[] = {"999 821 9132", "9998219132", " 999821 9132 ", "999  821  9132"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct person_input in = good();
		in.v[PF_NHS_NUMBER] = ok[i];
		struct store_person p;
		struct person_errors errs;
		assert_int_equal(person_validate(A, &in, NOW, &p, &errs), CP_OK);
		assert_string_equal(p.nhs_number, "9998219132");
	}
}

static void a_wrong_check_digit_is_refused_saying_so(void **state)
{
	(void)state;
	struct person_input in = good();
	in.v[PF_NHS_NUMBER] = "999 821 9133";
	const char *m = error_of(&in, "nhs_number");
	assert_non_null(m);
	assert_non_null(strstr(m, "check digit"));
	assert_non_null(strstr(m, "999 821 9133"));
}

static void an_nhs_number_that_is_not_ten_digits_is_refused(void **state)
{
	(void)state;
	const char *bad[] = {"999 821 913", "99982191320", "999-821-9132", "999 821 913A", "NHS9998219132",
			     "９９９８２１９１３２"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct person_input in = good();
		in.v[PF_NHS_NUMBER] = bad[i];
		const char *m = error_of(&in, "nhs_number");
		if (!m || !strstr(m, "NHS number must be 10 digits"))
			fail_msg("%s: %s", bad[i], m ? m : "accepted");
	}
	struct person_input in = good();
	in.v[PF_NHS_NUMBER] = "";
	assert_string_equal(error_of(&in, "nhs_number"), "Enter their NHS number");
}

static void date_of_birth_must_be_a_real_past_date(void **state)
{
	(void)state;
	const struct {
		const char *typed, *says; /* says NULL: accepted */
	} cases[] = {
		{"2026-02-30", "Date of birth must be a real date, and 2026-02-30 is not"},
		{"2023-02-29", "must be a real date"},
		{"1953-13-01", "must be a real date"},
		{"1953-00-10", "must be a real date"},
		{"1953-04-31", "must be a real date"},
		{"1953-01-00", "must be a real date"},
		{"2024-02-29", NULL},
		{"2000-02-29", NULL},
		{"1900-02-29", "must be a real date"},
		{"1900-01-01", NULL},
		{"1899-12-31", "must be in 1900 or later"},
		{"2026-11-22", NULL}, /* today */
		{"2026-11-23", "Date of birth must be today or in the past"},
		{"2027-01-01", "must be today or in the past"},
		{"22/01/1953", "must be written as year-month-day"},
		{"1953-1-22", "must be written as year-month-day"},
		{"1953-01-22T00:00", "must be written as year-month-day"},
		{"19530122", "must be written as year-month-day"},
		{"", "Enter their date of birth"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct person_input in = good();
		in.v[PF_BIRTH_DATE] = cases[i].typed;
		const char *m = error_of(&in, "birth_date");
		if (!cases[i].says && m)
			fail_msg("%s refused: %s", cases[i].typed, m);
		if (cases[i].says && (!m || !strstr(m, cases[i].says)))
			fail_msg("%s: expected \"%s\", got %s", cases[i].typed, cases[i].says, m ? m : "accepted");
	}
}

static void today_is_the_utc_date(void **state)
{
	(void)state;
	char d[16];
	date_of_ms(0, d);
	assert_string_equal(d, "1970-01-01");
	date_of_ms(NOW, d);
	assert_string_equal(d, "2026-11-22");
	date_of_ms(951782400000LL, d); /* 2000-02-29T00:00Z */
	assert_string_equal(d, "2000-02-29");
	date_of_ms(951868799999LL, d); /* the last millisecond of that day */
	assert_string_equal(d, "2000-02-29");
	date_of_ms(-1, d);
	assert_string_equal(d, "1969-12-31");
}

static void every_bad_field_is_reported_at_once_in_form_order(void **state)
{
	(void)state;
	struct person_input in = {0};
	in.v[PF_GIVEN_NAME] = "";
	in.v[PF_FAMILY_NAME] = NULL;
	in.v[PF_BIRTH_DATE] = "2026-02-30";
	in.v[PF_NHS_NUMBER] = "999 821 9133";
	in.v[PF_EMAIL] = "not an email";
	in.v[PF_POSTCODE] = "ZZ99 7A!";
	struct store_person p;
	struct person_errors errs;
	assert_int_equal(person_validate(A, &in, NOW, &p, &errs), CP_EINVAL);
	const char *order[] = {"given_name", "family_name", "birth_date", "nhs_number", "postcode", "email"};
	assert_int_equal(errs.n, sizeof order / sizeof order[0]);
	for (size_t i = 0; i < errs.n; i++)
		assert_string_equal(errs.e[i].field, order[i]);
	assert_string_equal(errs.e[0].message, "Enter their given name");
	assert_string_equal(errs.e[1].message, "Enter their family name");
	assert_string_equal(errs.e[4].message, "Postcode must contain only letters, numbers and spaces");
	assert_string_equal(errs.e[5].message, "Enter the email address in the right format, like name@example.com");
	assert_null(person_error_for(&errs, "address"));
}

/* n copies of the UTF-8 character ch, in the arena. */
static const char *repeat(const char *ch, size_t n)
{
	size_t l = strlen(ch);
	char *s = arena_zalloc(A, l * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * l, ch, l);
	return s;
}

static void lengths_are_counted_in_characters(void **state)
{
	(void)state;
	struct person_input in = good();
	in.v[PF_GIVEN_NAME] = repeat("é", 100); /* 200 bytes, 100 characters */
	assert_null(error_of(&in, "given_name"));
	in.v[PF_GIVEN_NAME] = repeat("é", 101);
	assert_string_equal(error_of(&in, "given_name"), "Given name must be 100 characters or fewer");
	in.v[PF_FAMILY_NAME] = repeat("x", 101);
	assert_string_equal(error_of(&in, "family_name"), "Family name must be 100 characters or fewer");
	in.v[PF_PREFERRED_NAME] = repeat("x", 101);
	assert_non_null(error_of(&in, "preferred_name"));
	in = good();
	in.v[PF_COMMUNICATION_NEEDS] = repeat("a", 2000);
	in.v[PF_REASONABLE_ADJUSTMENTS] = repeat("b", 2000);
	assert_null(error_of(&in, "communication_needs"));
	assert_null(error_of(&in, "reasonable_adjustments"));
	in.v[PF_COMMUNICATION_NEEDS] = repeat("a", 2001);
	in.v[PF_REASONABLE_ADJUSTMENTS] = repeat("b", 2001);
	assert_string_equal(error_of(&in, "communication_needs"),
			    "Communication needs must be 2000 characters or fewer");
	assert_string_equal(error_of(&in, "reasonable_adjustments"),
			    "Reasonable adjustments must be 2000 characters or fewer");
	in = good();
	in.v[PF_ADDRESS] = repeat("a", 501);
	in.v[PF_GP_PRACTICE] = repeat("a", 201);
	in.v[PF_POSTCODE] = "ZZ99 7AC ZZ";
	in.v[PF_PHONE] = repeat("1", 31);
	assert_non_null(error_of(&in, "address"));
	assert_non_null(error_of(&in, "gp_practice"));
	assert_non_null(error_of(&in, "postcode"));
	assert_non_null(error_of(&in, "phone"));
}

static void one_line_fields_refuse_line_breaks_and_control_characters(void **state)
{
	(void)state;
	struct person_input in = good();
	in.v[PF_GIVEN_NAME] = "Mar\ngaret";
	assert_string_equal(error_of(&in, "given_name"), "Given name must be on one line");
	in.v[PF_GIVEN_NAME] = "Mar\x01garet";
	assert_string_equal(error_of(&in, "given_name"), "Given name must be text without control characters");
	in.v[PF_GIVEN_NAME] = "Mar\xffgaret";
	assert_non_null(error_of(&in, "given_name"));
	in = good();
	in.v[PF_ADDRESS] = "1 Mill Lane\nKingsmead";
	assert_null(error_of(&in, "address"));
}

static void email_phone_and_postcode_have_a_basic_shape(void **state)
{
	(void)state;
	const char *emails_ok[] = {"a@b.co", "first.last+tag@example.org", "x@mail.example.co.uk"};
	const char *emails_bad[] = {"a", "a@", "@b.co", "a@b", "a@b.", "a@.b.co", "a@@b.co", "a b@c.co", "a@b..co",
				    "a@b.co,c@d.co", "<a@b.co>"};
	for (size_t i = 0; i < sizeof emails_ok / sizeof emails_ok[0]; i++) {
		struct person_input in = good();
		in.v[PF_EMAIL] = emails_ok[i];
		if (error_of(&in, "email"))
			fail_msg("%s refused", emails_ok[i]);
	}
	for (size_t i = 0; i < sizeof emails_bad / sizeof emails_bad[0]; i++) {
		struct person_input in = good();
		in.v[PF_EMAIL] = emails_bad[i];
		if (!error_of(&in, "email"))
			fail_msg("%s accepted", emails_bad[i]);
	}
	struct person_input in = good();
	in.v[PF_PHONE] = "01632 960 123";
	assert_null(error_of(&in, "phone"));
	in.v[PF_PHONE] = "call 01632 960123";
	assert_non_null(strstr(error_of(&in, "phone"), "must contain only numbers"));
	in.v[PF_PHONE] = "+ ( ) -";
	assert_non_null(error_of(&in, "phone"));
	in.v[PF_POSTCODE] = "ZZ99-7AC";
	assert_non_null(error_of(&in, "postcode"));
}

/* ---- validating a contact and a search ------------------------------------------------ */

static void a_contact_needs_a_name_and_a_relationship(void **state)
{
	(void)state;
	struct contact_input in = {.is_carer = true, .is_emergency = true};
	in.v[CF_PHONE] = "07700 900123";
	struct store_contact k;
	struct person_errors errs;
	assert_int_equal(contact_validate(A, &in, &k, &errs), CP_EINVAL);
	assert_int_equal(errs.n, 2);
	assert_string_equal(errs.e[0].field, "name");
	assert_string_equal(errs.e[0].message, "Enter the contact's full name");
	assert_string_equal(errs.e[1].field, "relationship");

	in.v[CF_NAME] = " David Hughes ";
	in.v[CF_RELATIONSHIP] = "husband";
	in.v[CF_EMAIL] = "david@example.org";
	assert_int_equal(contact_validate(A, &in, &k, &errs), CP_OK);
	assert_string_equal(k.name, "David Hughes");
	assert_string_equal(k.relationship, "husband");
	assert_string_equal(k.phone, "07700 900123");
	assert_string_equal(k.email, "david@example.org");
	assert_true(k.is_carer && k.is_emergency);
	assert_false(k.is_representative || k.is_next_of_kin);
	assert_int_equal(k.person_id, 0);

	in.v[CF_EMAIL] = "david@";
	in.v[CF_RELATIONSHIP] = repeat("x", 51);
	assert_int_equal(contact_validate(A, &in, &k, &errs), CP_EINVAL);
	assert_int_equal(errs.n, 2);
	assert_string_equal(errs.e[0].field, "relationship");
	assert_string_equal(errs.e[1].field, "email");
}

static void a_search_is_split_into_name_words_and_checked(void **state)
{
	(void)state;
	struct person_query_input in = {.name = "  Marg   Hug "};
	struct store_person_query q;
	struct person_errors errs;
	bool empty = true;
	assert_int_equal(person_query_validate(A, &in, NOW, &q, &empty, &errs), CP_OK);
	assert_false(empty);
	assert_string_equal(q.name[0], "Marg");
	assert_string_equal(q.name[1], "Hug");
	assert_null(q.name[2]);
	assert_null(q.birth_date);
	assert_null(q.nhs_number);

	struct person_query_input both = {.birth_date = "1953-01-22", .nhs_number = "999 821 9132", .name = ""};
	assert_int_equal(person_query_validate(A, &both, NOW, &q, &empty, &errs), CP_OK);
	assert_false(empty);
	assert_null(q.name[0]);
	assert_string_equal(q.birth_date, "1953-01-22");
	assert_string_equal(q.nhs_number, "9998219132");

	struct person_query_input none = {.name = " ", .birth_date = "", .nhs_number = NULL};
	assert_int_equal(person_query_validate(A, &none, NOW, &q, &empty, &errs), CP_OK);
	assert_true(empty);

	struct person_query_input bad = {.name = "a b c d", .birth_date = "2026-02-30", .nhs_number = "999 821 9133"};
	assert_int_equal(person_query_validate(A, &bad, NOW, &q, &empty, &errs), CP_EINVAL);
	assert_false(empty);
	assert_int_equal(errs.n, 3);
	assert_string_equal(errs.e[0].field, "name");
	assert_string_equal(errs.e[0].message, "Enter at most 3 words of the name, like Margaret Hughes");
	assert_string_equal(errs.e[1].field, "birth_date");
	assert_string_equal(errs.e[2].field, "nhs_number");
	assert_non_null(strstr(errs.e[2].message, "check digit"));
}

static void nhs_numbers_are_shown_in_groups_of_three_three_four(void **state)
{
	(void)state;
	char b[16];
	assert_string_equal(person_nhs_spaced(b, "9998219132"), "999 821 9132");
	assert_string_equal(person_nhs_spaced(b, "999821913"), "999821913");
	assert_string_equal(person_nhs_spaced(b, "999821913x"), "999821913x");
	assert_string_equal(person_nhs_spaced(b, NULL), "");
}

/* ---- operations on a database ----------------------------------------------------------------- */

struct db {
	char *dir;
	char path[600];
	struct store *st;
	struct store_conn *c;
};
static struct db D;
static const struct audit_actor WHO = {.user_id = 3, .role = "key_worker", .request_id = "00112233aabbccdd",
				       .client = "192.0.2.1"};

static int db_setup(void **state)
{
	arena_setup(state);
	memset(&D, 0, sizeof D);
	D.dir = fx_tmpdir();
	fx_path(D.path, sizeof D.path, D.dir, "people.db");
	char msg[512];
	if (store_open(D.path, 1, &D.st, msg, sizeof msg) != CP_OK)
		return -1;
	D.c = store_acquire(D.st);
	return 0;
}

static int db_teardown(void **state)
{
	store_release(D.st, D.c);
	store_close(D.st);
	fx_rmdir(D.dir);
	return arena_teardown(state);
}

/* The newest audit row, strings copied to the arena. */
struct last {
	struct store_audit r;
};
static int keep_last(void *ctx, const struct store_audit *r)
{
	struct last *l = ctx;
	l->r = *r;
	l->r.action = arena_strdup(A, r->action);
	l->r.object_type = arena_strdup(A, r->object_type);
	l->r.reason = arena_strdup(A, r->reason);
	l->r.role = arena_strdup(A, r->role);
	return 0;
}
static struct store_audit last_audit(void)
{
	struct last l;
	memset(&l, 0, sizeof l);
	assert_int_equal(store_audit_walk(D.c, keep_last, &l), CP_OK);
	return l.r;
}

/* The operation left no transaction open (store_begin refuses a second). */
static void no_tx_open(void)
{
	assert_int_equal(store_begin(D.c), CP_OK);
	store_rollback(D.c);
}

static int64_t audit_rows(const char *action)
{
	int64_t n = -1;
	assert_int_equal(store_audit_count(D.c, action, &n), CP_OK);
	return n;
}

/* Validates in and creates the person; returns the id. */
static int64_t create(struct person_input in)
{
	struct store_person p;
	struct person_errors errs;
	assert_int_equal(person_validate(A, &in, NOW, &p, &errs), CP_OK);
	p.created_ms = NOW;
	int64_t id = 0, existing = -1;
	assert_int_equal(person_create(D.c, A, &WHO, NOW, &p, &id, &existing), CP_OK);
	assert_int_equal(existing, 0);
	return id;
}

static void creating_a_person_writes_it_and_its_audit_row(void **state)
{
	(void)state;
	int64_t id = create(good());
	assert_true(id > 0);
	struct store_person p;
	assert_int_equal(store_person_get(D.c, A, id, &p), CP_OK);
	assert_string_equal(p.nhs_number, "9998219132");
	assert_int_equal(p.version, 1);
	struct store_audit r = last_audit();
	assert_string_equal(r.action, "person.create");
	assert_string_equal(r.object_type, "person");
	assert_int_equal(r.object_id, id);
	assert_int_equal(r.person_id, id);
	assert_int_equal(r.user_id, 3);
	assert_string_equal(r.role, "key_worker");
	assert_int_equal(r.time_ms, NOW);
	no_tx_open();
}

static void a_duplicate_nhs_number_is_refused_naming_the_existing_person(void **state)
{
	(void)state;
	int64_t first = create(good());
	int64_t rows = audit_rows(NULL);
	struct person_input in = good();
	in.v[PF_GIVEN_NAME] = "Someone";
	in.v[PF_NHS_NUMBER] = "9998219132";
	struct store_person p;
	struct person_errors errs;
	assert_int_equal(person_validate(A, &in, NOW, &p, &errs), CP_OK);
	int64_t id = -1, existing = 0;
	assert_int_equal(person_create(D.c, A, &WHO, NOW, &p, &id, &existing), CP_ECONFLICT);
	assert_int_equal(existing, first);
	assert_int_equal(id, 0);
	assert_int_equal(audit_rows(NULL), rows); /* nothing written */
	struct store_person_query q = {.nhs_number = "9998219132"};
	struct store_person *out;
	size_t n;
	int64_t total;
	assert_int_equal(store_person_search(D.c, A, &q, 5, &out, &n, &total), CP_OK);
	assert_int_equal(total, 1);
	no_tx_open();
}

static struct store_person edited(int64_t id, const char *family, const char *nhs)
{
	struct person_input in = good();
	in.v[PF_FAMILY_NAME] = family;
	in.v[PF_NHS_NUMBER] = nhs;
	in.v[PF_ADDRESS] = "2 Mill Lane";
	struct store_person p;
	struct person_errors errs;
	assert_int_equal(person_validate(A, &in, NOW, &p, &errs), CP_OK);
	p.id = id;
	return p;
}

static void an_update_names_the_changed_fields_in_its_audit_row(void **state)
{
	(void)state;
	int64_t id = create(good());
	struct store_person p = edited(id, "Jones", "999 821 9132");
	int64_t existing = -1, current = 0;
	assert_int_equal(person_update(D.c, A, &WHO, NOW + 5, &p, 1, &existing, &current), CP_OK);
	assert_int_equal(existing, 0);
	assert_int_equal(current, 2);
	struct store_person got;
	assert_int_equal(store_person_get(D.c, A, id, &got), CP_OK);
	assert_string_equal(got.family_name, "Jones");
	assert_int_equal(got.version, 2);
	assert_int_equal(got.updated_ms, NOW + 5);
	struct store_audit r = last_audit();
	assert_string_equal(r.action, "person.update");
	assert_int_equal(r.person_id, id);
	assert_string_equal(r.reason, "changed: family_name, address");
	assert_null(strstr(r.reason, "Jones")); /* never the values */

	/* Saving the same details again changes nothing but is still recorded. */
	assert_int_equal(person_update(D.c, A, &WHO, NOW + 6, &p, 2, &existing, &current), CP_OK);
	assert_string_equal(last_audit().reason, "no changes");
	assert_int_equal(current, 3);
}

static void an_update_from_a_stale_version_writes_nothing(void **state)
{
	(void)state;
	int64_t id = create(good());
	struct store_person mine = edited(id, "Jones", "9998219132");
	struct store_person theirs = edited(id, "Smith", "9998219132");
	int64_t existing, current;
	assert_int_equal(person_update(D.c, A, &WHO, NOW, &theirs, 1, &existing, &current), CP_OK);
	int64_t rows = audit_rows(NULL);
	assert_int_equal(person_update(D.c, A, &WHO, NOW, &mine, 1, &existing, &current), CP_ECONFLICT);
	assert_int_equal(existing, 0);
	assert_int_equal(current, 2);
	assert_int_equal(audit_rows(NULL), rows);
	struct store_person got;
	assert_int_equal(store_person_get(D.c, A, id, &got), CP_OK);
	assert_string_equal(got.family_name, "Smith");
	assert_int_equal(got.version, 2);
	no_tx_open();
}

static void an_update_to_someone_elses_nhs_number_names_them(void **state)
{
	(void)state;
	int64_t a = create(good());
	struct person_input other = good();
	other.v[PF_GIVEN_NAME] = "John";
	other.v[PF_NHS_NUMBER] = "943 476 5919";
	int64_t b = create(other);
	struct store_person p = edited(a, "Hughes", "9434765919");
	int64_t existing = 0, current = 0;
	int64_t rows = audit_rows(NULL);
	assert_int_equal(person_update(D.c, A, &WHO, NOW, &p, 1, &existing, &current), CP_ECONFLICT);
	assert_int_equal(existing, b);
	assert_int_equal(audit_rows(NULL), rows);
}

static void an_update_of_nobody_is_not_found(void **state)
{
	(void)state;
	struct store_person p = edited(404, "Jones", "9998219132");
	int64_t existing, current;
	assert_int_equal(person_update(D.c, A, &WHO, NOW, &p, 1, &existing, &current), CP_ENOTFOUND);
	assert_int_equal(audit_rows(NULL), 0);
	no_tx_open();
}

static void reading_a_record_is_audited_with_its_reason(void **state)
{
	(void)state;
	int64_t id = create(good());
	struct store_contact k = {.person_id = id, .name = "David Hughes", .relationship = "husband", .is_carer = true};
	int64_t kid;
	assert_int_equal(contact_add(D.c, A, &WHO, NOW, &k, &kid), CP_OK);
	struct person_record rec;
	assert_int_equal(person_read(D.c, A, &WHO, NOW, id, "record page", &rec), CP_OK);
	assert_string_equal(rec.person.given_name, "Margaret");
	assert_int_equal(rec.n_contacts, 1);
	assert_string_equal(rec.contacts[0].name, "David Hughes");
	struct store_audit r = last_audit();
	assert_string_equal(r.action, "person.read");
	assert_string_equal(r.object_type, "person");
	assert_int_equal(r.object_id, id);
	assert_int_equal(r.person_id, id);
	assert_string_equal(r.reason, "record page");

	int64_t rows = audit_rows(NULL);
	assert_int_equal(person_read(D.c, A, &WHO, NOW, 999, "record page", &rec), CP_ENOTFOUND);
	assert_int_equal(audit_rows(NULL), rows);
	no_tx_open();
}

static void a_search_is_audited_by_the_fields_used_never_their_values(void **state)
{
	(void)state;
	int64_t pid = create(good());
	struct person_query_input in = {.name = "Marg Hughes", .birth_date = "1953-01-22"};
	struct store_person_query q;
	struct person_errors errs;
	bool empty;
	assert_int_equal(person_query_validate(A, &in, NOW, &q, &empty, &errs), CP_OK);
	/* A search keeps to the people the searcher may see: here by live
	 * break-glass access. */
	struct store_user u = {.username = "kw", .display_name = "K W", .role = "key_worker", .password_hash = "x",
			       .created_ms = 1};
	int64_t uid = 0, gid = 0;
	assert_int_equal(store_user_insert(D.c, &u, &uid), CP_OK);
	struct store_break_glass g = {.user_id = uid, .person_id = pid, .reason = "A reason given", .granted_ms = NOW,
				      .expires_ms = NOW + 1000};
	assert_int_equal(store_break_glass_insert(D.c, &g, &gid), CP_OK);
	q.user_id = uid;
	q.now_ms = NOW;
	q.today = "2026-11-22";
	struct store_person *out;
	size_t n;
	int64_t total;
	assert_int_equal(person_search(D.c, A, &WHO, NOW, &q, PERSON_SEARCH_MAX, &out, &n, &total), CP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	struct store_audit r = last_audit();
	assert_string_equal(r.action, "person.search");
	assert_null(r.object_type);
	assert_int_equal(r.person_id, 0);
	assert_string_equal(r.reason, "by name, date of birth; 1 found");
	assert_null(strstr(r.reason, "Marg"));
	assert_null(strstr(r.reason, "1953"));

	struct person_query_input by_nhs = {.nhs_number = "999 821 9132"};
	assert_int_equal(person_query_validate(A, &by_nhs, NOW, &q, &empty, &errs), CP_OK);
	assert_int_equal(person_search(D.c, A, &WHO, NOW, &q, PERSON_SEARCH_MAX, &out, &n, &total), CP_OK);
	assert_string_equal(last_audit().reason, "by NHS number; 1 found");
	assert_null(strstr(last_audit().reason, "999"));
}

static void adding_a_contact_is_audited_against_the_person(void **state)
{
	(void)state;
	int64_t id = create(good());
	struct contact_input in = {.is_next_of_kin = true};
	in.v[CF_NAME] = "Anna Hughes";
	in.v[CF_RELATIONSHIP] = "daughter";
	struct store_contact k;
	struct person_errors errs;
	assert_int_equal(contact_validate(A, &in, &k, &errs), CP_OK);
	k.person_id = id;
	int64_t kid = 0;
	assert_int_equal(contact_add(D.c, A, &WHO, NOW, &k, &kid), CP_OK);
	assert_true(kid > 0);
	struct store_audit r = last_audit();
	assert_string_equal(r.action, "contact.create");
	assert_string_equal(r.object_type, "contact");
	assert_int_equal(r.object_id, kid);
	assert_int_equal(r.person_id, id);

	int64_t rows = audit_rows(NULL);
	k.person_id = 404;
	assert_int_equal(contact_add(D.c, A, &WHO, NOW, &k, &kid), CP_ENOTFOUND);
	assert_int_equal(kid, 0);
	assert_int_equal(audit_rows(NULL), rows);
	no_tx_open();
}

static void the_audit_chain_holds_after_every_operation(void **state)
{
	(void)state;
	int64_t id = create(good());
	struct store_person p = edited(id, "Jones", "9998219132");
	int64_t existing, current;
	assert_int_equal(person_update(D.c, A, &WHO, NOW, &p, 1, &existing, &current), CP_OK);
	assert_int_equal(person_update(D.c, A, &WHO, NOW, &p, 1, &existing, &current), CP_ECONFLICT);
	struct person_record rec;
	assert_int_equal(person_read(D.c, A, &WHO, NOW, id, "record page", &rec), CP_OK);
	struct audit_verify_result res;
	assert_int_equal(audit_verify(D.c, &res), CP_OK);
	assert_int_equal(res.rows, 3);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, arena_setup, arena_teardown)
#define TD(fn) cmocka_unit_test_setup_teardown(fn, db_setup, db_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(every_field_is_declared_once_with_a_label_and_limit),
		T(a_valid_person_becomes_typed_normalised_values),
		T(nhs_number_is_taken_with_or_without_spaces),
		T(a_wrong_check_digit_is_refused_saying_so),
		T(an_nhs_number_that_is_not_ten_digits_is_refused),
		T(date_of_birth_must_be_a_real_past_date),
		T(today_is_the_utc_date),
		T(every_bad_field_is_reported_at_once_in_form_order),
		T(lengths_are_counted_in_characters),
		T(one_line_fields_refuse_line_breaks_and_control_characters),
		T(email_phone_and_postcode_have_a_basic_shape),
		T(a_contact_needs_a_name_and_a_relationship),
		T(a_search_is_split_into_name_words_and_checked),
		T(nhs_numbers_are_shown_in_groups_of_three_three_four),
		TD(creating_a_person_writes_it_and_its_audit_row),
		TD(a_duplicate_nhs_number_is_refused_naming_the_existing_person),
		TD(an_update_names_the_changed_fields_in_its_audit_row),
		TD(an_update_from_a_stale_version_writes_nothing),
		TD(an_update_to_someone_elses_nhs_number_names_them),
		TD(an_update_of_nobody_is_not_found),
		TD(reading_a_record_is_audited_with_its_reason),
		TD(a_search_is_audited_by_the_fields_used_never_their_values),
		TD(adding_a_contact_is_audited_against_the_person),
		TD(the_audit_chain_holds_after_every_operation),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
