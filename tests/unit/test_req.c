/* test_req.c - form and cookie parsing and the per-request helpers
 * (src/http/req.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "fixture.h"
#include "http/req.h"
#include "http/server.h"

static int setup(void **state)
{
	struct req *r = fx_req_new(NULL, HTTP_POST, "/login");
	*state = r;
	return r ? 0 : -1;
}

static int teardown(void **state)
{
	fx_req_free(*state);
	return 0;
}

static int parse(struct req *r, const char *body, const char **msg)
{
	*msg = NULL;
	return req_parse_form(r, body, strlen(body), msg);
}

/* ---- query fields ------------------------------------------------------------------ */

static void query_fields_are_kept_and_found_by_name(void **state)
{
	struct req *r = *state;
	assert_null(req_query(r, "name"));
	assert_true(req_add_query(r, "name", "Marg Hug"));
	assert_true(req_add_query(r, "flag", NULL));
	assert_true(req_add_query(r, "name", "second"));
	assert_int_equal(r->n_query, 3);
	assert_string_equal(req_query(r, "name"), "Marg Hug"); /* the first of two */
	assert_string_equal(req_query(r, "flag"), "");
	assert_int_equal(r->query[0].len, 8);
	assert_null(req_query(r, "Name"));
	assert_null(req_field(r, "name")); /* a query field is not a form field */
}

static void sixty_fifth_query_field_is_too_many(void **state)
{
	struct req *r = *state;
	for (int i = 0; i < REQ_FIELDS_MAX; i++) {
		char k[16];
		snprintf(k, sizeof k, "k%d", i);
		assert_true(req_add_query(r, k, "v"));
	}
	assert_false(req_add_query(r, "one", "more"));
	assert_int_equal(r->n_query, REQ_FIELDS_MAX);
	assert_string_equal(req_query(r, "k63"), "v");
}

/* ---- forms ----------------------------------------------------------------------- */

static void fields_are_decoded_in_order(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "username=alice&password=two+words%21&note=caf%C3%A9", &msg), 0);
	assert_int_equal(r->n_form, 3);
	assert_string_equal(r->form[0].name, "username");
	assert_string_equal(r->form[0].value, "alice");
	assert_int_equal(r->form[0].len, 5);
	assert_string_equal(r->form[1].value, "two words!");
	assert_string_equal(r->form[2].value, "caf\xC3\xA9");
	assert_int_equal(r->form[2].len, 5);
	assert_string_equal(req_field(r, "password"), "two words!");
	assert_null(req_field(r, "csrf"));
}

static void plus_is_a_space_in_names_and_values(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "full+name=Sam+Okafor&a=%2B1", &msg), 0);
	assert_string_equal(r->form[0].name, "full name");
	assert_string_equal(r->form[0].value, "Sam Okafor");
	assert_string_equal(req_field(r, "a"), "+1");
}

static void empty_pairs_are_skipped(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "&&a=1&&&b=2&", &msg), 0);
	assert_int_equal(r->n_form, 2);
	assert_string_equal(req_field(r, "b"), "2");
}

static void empty_body_has_no_fields(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "", &msg), 0);
	assert_int_equal(r->n_form, 0);
	assert_null(req_field(r, "a"));
}

static void field_without_equals_has_an_empty_value(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "remember&a=", &msg), 0);
	assert_int_equal(r->n_form, 2);
	assert_string_equal(req_field(r, "remember"), "");
	assert_string_equal(req_field(r, "a"), "");
	assert_int_equal(r->form[1].len, 0);
}

static void repeated_field_answers_with_the_first(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "csrf=one&csrf=two", &msg), 0);
	assert_int_equal(r->n_form, 2);
	assert_string_equal(req_field(r, "csrf"), "one");
}

static void multi_line_text_is_allowed(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "notes=line+one%0D%0Aline%09two", &msg), 0);
	assert_string_equal(req_field(r, "notes"), "line one\r\nline\ttwo");
}

static void sixty_four_fields_are_allowed(void **state)
{
	struct req *r = *state;
	struct buf b;
	buf_init(&b, 4096);
	for (int i = 0; i < REQ_FIELDS_MAX; i++)
		buf_printf(&b, "%sf%d=v%d", i ? "&&" : "", i, i);
	const char *msg;
	assert_int_equal(req_parse_form(r, b.data, b.len, &msg), 0);
	assert_int_equal(r->n_form, 64);
	for (int i = 0; i < 64; i++) {
		char name[16], value[16];
		snprintf(name, sizeof name, "f%d", i);
		snprintf(value, sizeof value, "v%d", i);
		assert_string_equal(req_field(r, name), value);
	}
	buf_free(&b);
}

static void sixty_fifth_field_is_too_many(void **state)
{
	struct req *r = *state;
	struct buf b;
	buf_init(&b, 4096);
	for (int i = 0; i <= REQ_FIELDS_MAX; i++)
		buf_printf(&b, "%sf%d=v", i ? "&" : "", i);
	const char *msg;
	assert_int_equal(req_parse_form(r, b.data, b.len, &msg), 413);
	assert_string_equal(msg, "The form has more than 64 fields");
	buf_free(&b);
}

static void value_of_16_kib_is_allowed_and_one_more_byte_is_too_big(void **state)
{
	struct req *r = *state;
	size_t n = 2 + REQ_FIELD_MAX + 1;
	char *body = malloc(n + 1);
	memcpy(body, "v=", 2);
	memset(body + 2, 'x', REQ_FIELD_MAX + 1);
	body[n] = '\0';
	const char *msg;
	assert_int_equal(req_parse_form(r, body, n - 1, &msg), 0);
	assert_int_equal(r->form[0].len, REQ_FIELD_MAX);
	assert_int_equal(req_parse_form(r, body, n, &msg), 413);
	assert_string_equal(msg, "Form field \"v\" is longer than 16384 bytes");
	free(body);
}

static void value_size_is_counted_after_decoding(void **state)
{
	struct req *r = *state;
	/* 16384 bytes sent as %41: three times as long on the wire, still fine. */
	size_t n = 2 + 3 * REQ_FIELD_MAX;
	char *body = malloc(n + 4);
	memcpy(body, "v=", 2);
	for (size_t i = 0; i < REQ_FIELD_MAX; i++)
		memcpy(body + 2 + 3 * i, "%41", 3);
	const char *msg;
	assert_int_equal(req_parse_form(r, body, n, &msg), 0);
	assert_int_equal(r->form[0].len, REQ_FIELD_MAX);
	assert_int_equal(r->form[0].value[0], 'A');
	memcpy(body + n, "%41", 3);
	assert_int_equal(req_parse_form(r, body, n + 3, &msg), 413);
	free(body);
}

static void bad_escape_in_a_value_is_a_bad_request_naming_the_field(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "a=1&nhs=94%ZZ", &msg), 400);
	assert_string_equal(msg, "Form field \"nhs\" has a bad %-escape");
	assert_int_equal(parse(r, "a=1&b=%4", &msg), 400);
	assert_int_equal(parse(r, "b=%", &msg), 400);
}

static void bad_escape_in_a_name_is_a_bad_request(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "a%G1=1", &msg), 400);
	assert_string_equal(msg, "A form field name has a bad %-escape");
}

static void invalid_utf8_is_a_bad_request(void **state)
{
	struct req *r = *state;
	const char *msg;
	const char *bad[] = {"name=%FF", "name=%C3", "name=%C0%AF", "name=%ED%A0%80", "name=a%00b", "name=%01",
			     "name=%7F", "name=%1B%5B0m"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse(r, bad[i], &msg), 400);
		assert_string_equal(msg, "Form field \"name\" is not valid UTF-8 text");
	}
	assert_int_equal(parse(r, "%FF=1", &msg), 400);
	assert_string_equal(msg, "A form field name is empty, too long or not valid text");
}

static void names_must_be_short_single_line_text(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "=value", &msg), 400);
	assert_int_equal(parse(r, "a%0Ab=1", &msg), 400);
	assert_int_equal(parse(r, "a%09b=1", &msg), 400);
	char body[80];
	memset(body, 'n', 64);
	memcpy(body + 64, "=1", 3);
	assert_int_equal(parse(r, body, &msg), 0);
	memset(body, 'n', 65);
	memcpy(body + 65, "=1", 3);
	assert_int_equal(parse(r, body, &msg), 400);
}

static void failed_parse_does_not_half_fill_the_form(void **state)
{
	struct req *r = *state;
	const char *msg;
	assert_int_equal(parse(r, "a=1&b=%ZZ", &msg), 400);
	assert_int_equal(r->n_form, 0);
	assert_null(req_field(r, "a"));
}

static void body_is_read_only_up_to_n(void **state)
{
	struct req *r = *state;
	const char *msg;
	const char body[] = "a=1&b=2&c=%ZZ";
	assert_int_equal(req_parse_form(r, body, 7, &msg), 0);
	assert_int_equal(r->n_form, 2);
	assert_string_equal(req_field(r, "b"), "2");
}

static void full_arena_is_out_of_memory_not_a_bad_escape(void **state)
{
	(void)state;
	struct req r;
	memset(&r, 0, sizeof r);
	r.arena = arena_new(1024);
	static char body[4096];
	memset(body, 'x', sizeof body);
	memcpy(body, "v=", 2);
	const char *msg = NULL;
	assert_int_equal(req_parse_form(&r, body, sizeof body, &msg), 413);
	assert_string_equal(msg, "The server is out of memory for this request");
	assert_int_equal(r.n_form, 0);
	arena_free(r.arena);
}

/* ---- cookies ----------------------------------------------------------------------- */

static void cookie_is_found_among_others(void **state)
{
	struct req *r = *state;
	assert_string_equal(req_cookie(r->arena, "cp_session=abc", "cp_session"), "abc");
	assert_string_equal(req_cookie(r->arena, "a=1; cp_session=xyz; b=2", "cp_session"), "xyz");
	assert_string_equal(req_cookie(r->arena, "a=1;cp_csrf=t1;cp_session=s1", "cp_csrf"), "t1");
	assert_string_equal(req_cookie(r->arena, "a=1;\tcp_session=s1  ", "cp_session"), "s1");
}

static void quoted_cookie_value_is_unquoted(void **state)
{
	struct req *r = *state;
	assert_string_equal(req_cookie(r->arena, "cp_session=\"abc\"", "cp_session"), "abc");
	assert_string_equal(req_cookie(r->arena, "cp_session=\"\"", "cp_session"), "");
	/* A lone quote is kept as it is. */
	assert_string_equal(req_cookie(r->arena, "cp_session=\"abc", "cp_session"), "\"abc");
}

static void cookie_names_must_match_exactly(void **state)
{
	struct req *r = *state;
	assert_null(req_cookie(r->arena, "xcp_session=1", "cp_session"));
	assert_null(req_cookie(r->arena, "cp_session_old=1", "cp_session"));
	assert_null(req_cookie(r->arena, "CP_SESSION=1", "cp_session"));
	assert_string_equal(req_cookie(r->arena, "xcp_session=1; cp_session=2", "cp_session"), "2");
}

static void malformed_pairs_are_skipped(void **state)
{
	struct req *r = *state;
	assert_string_equal(req_cookie(r->arena, "garbage; ;; =x; cp_session=ok", "cp_session"), "ok");
	assert_null(req_cookie(r->arena, "cp_session", "cp_session"));
	assert_null(req_cookie(r->arena, "cp_session; other=1", "cp_session"));
	assert_null(req_cookie(r->arena, "", "cp_session"));
	assert_null(req_cookie(r->arena, ";;;", "cp_session"));
	assert_null(req_cookie(r->arena, NULL, "cp_session"));
}

static void cookie_value_may_be_empty_or_hold_equals(void **state)
{
	struct req *r = *state;
	assert_string_equal(req_cookie(r->arena, "cp_session=", "cp_session"), "");
	assert_string_equal(req_cookie(r->arena, "cp_session=a=b; c=d", "cp_session"), "a=b");
}

static void first_of_two_same_named_cookies_wins(void **state)
{
	struct req *r = *state;
	assert_string_equal(req_cookie(r->arena, "cp_session=first; cp_session=second", "cp_session"), "first");
}

/* ---- the request's helpers ------------------------------------------------------- */

static void actor_names_the_signed_in_user(void **state)
{
	struct req *r = *state;
	struct audit_actor a = req_actor(r);
	assert_int_equal(a.user_id, 0);
	assert_null(a.role);
	assert_string_equal(a.request_id, "00112233aabbccdd");
	assert_string_equal(a.client, "192.0.2.1");
	struct auth_session s;
	memset(&s, 0, sizeof s);
	s.user.id = 42;
	s.user.role = "carer";
	r->session = &s;
	a = req_actor(r);
	assert_int_equal(a.user_id, 42);
	assert_string_equal(a.role, "carer");
	r->session = NULL;
}

static void db_connection_is_taken_once_and_given_back(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	char path[600], msg[512];
	fx_path(path, sizeof path, dir, "req.db");
	struct store *st;
	assert_int_equal(store_open(path, 1, &st, msg, sizeof msg), CP_OK);
	struct app app = {.store = st};
	struct req *r = fx_req_new(&app, HTTP_GET, "/");
	assert_null(r->db);
	struct store_conn *c = req_db(r);
	assert_non_null(c);
	assert_ptr_equal(req_db(r), c);
	fx_req_free(r); /* gives it back: the pool of one is free again */
	struct store_conn *c2 = store_acquire(st);
	assert_ptr_equal(c2, c);
	store_release(st, c2);
	store_close(st);
	fx_rmdir(dir);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(query_fields_are_kept_and_found_by_name),
		T(sixty_fifth_query_field_is_too_many),
		T(fields_are_decoded_in_order),
		T(plus_is_a_space_in_names_and_values),
		T(empty_pairs_are_skipped),
		T(empty_body_has_no_fields),
		T(field_without_equals_has_an_empty_value),
		T(repeated_field_answers_with_the_first),
		T(multi_line_text_is_allowed),
		T(sixty_four_fields_are_allowed),
		T(sixty_fifth_field_is_too_many),
		T(value_of_16_kib_is_allowed_and_one_more_byte_is_too_big),
		T(value_size_is_counted_after_decoding),
		T(bad_escape_in_a_value_is_a_bad_request_naming_the_field),
		T(bad_escape_in_a_name_is_a_bad_request),
		T(invalid_utf8_is_a_bad_request),
		T(names_must_be_short_single_line_text),
		T(failed_parse_does_not_half_fill_the_form),
		T(body_is_read_only_up_to_n),
		cmocka_unit_test(full_arena_is_out_of_memory_not_a_bad_escape),
		T(cookie_is_found_among_others),
		T(quoted_cookie_value_is_unquoted),
		T(cookie_names_must_match_exactly),
		T(malformed_pairs_are_skipped),
		T(cookie_value_may_be_empty_or_hold_equals),
		T(first_of_two_same_named_cookies_wins),
		T(actor_names_the_signed_in_user),
		cmocka_unit_test(db_connection_is_taken_once_and_given_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
