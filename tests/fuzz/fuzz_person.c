/*
 * fuzz_person.c - libFuzzer target for the validation of a person, a contact
 * and a search (person_validate, contact_validate, person_query_validate in
 * src/domain/person.c).
 *
 * The input is split at NUL bytes into field values, as a decoded form would
 * hand them over (a missing piece is an absent field): first the person's
 * fields in person_field.def order, then the search's name, date of birth and
 * NHS number, then the contact's fields.  The first byte's low bits tick the
 * contact's four flags.
 *
 * Beyond what ASan/UBSan catch, the contract in person.h is checked: on
 * success every value is valid single-line (or, for PK_LINES, multi-line)
 * text within its limit with no white space at either end, an NHS number is
 * 10 digits with the right check digit, a date of birth is YYYY-MM-DD and
 * required fields are set; on refusal there is at least one error, at most
 * one per field, each naming a field of the form with a message.  A broken
 * contract aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/nhsnum.h"
#include "domain/person.h"
#include "util/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW_MS 1795366800000LL /* 2026-11-22T17:00Z */

static void check_value(const struct person_field_info *f, const char *v)
{
	if (!v) {
		if (f->missing)
			abort();
		return;
	}
	size_t n = strlen(v);
	if (n == 0 || !utf8_text_valid(v, n) || utf8_count(v, n) > f->max)
		abort();
	if (strchr(" \t\r\n", v[0]) || strchr(" \t\r\n", v[n - 1]) || strchr(v, '\r') || strchr(v, '\t'))
		abort();
	if (f->kind != PK_LINES && strchr(v, '\n'))
		abort();
	if (f->kind == PK_NHS && !nhsnum_valid(v))
		abort();
	if (f->kind == PK_DATE && (n != 10 || v[4] != '-' || v[7] != '-' || strcmp(v, "2026-11-22") > 0 ||
				   strcmp(v, "1900-01-01") < 0))
		abort();
}

/* Every error names a different field of the form, with a message. */
static void check_errors(const struct person_errors *errs, const char *const *names, size_t n_names)
{
	if (errs->n == 0 || errs->n > PERSON_ERRORS_MAX)
		abort();
	for (size_t i = 0; i < errs->n; i++) {
		if (!errs->e[i].message || !*errs->e[i].message || !errs->e[i].field)
			abort();
		bool known = false;
		for (size_t k = 0; k < n_names; k++)
			known |= strcmp(errs->e[i].field, names[k]) == 0;
		if (!known)
			abort();
		for (size_t j = 0; j < i; j++)
			if (strcmp(errs->e[i].field, errs->e[j].field) == 0)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(1u << 20);
	if (!a)
		return 0;
	/* The pieces, NUL-terminated, in the arena. */
	enum { PIECES = PF__MAX + PS__MAX + CF__MAX };
	const char *piece[PIECES] = {0};
	char *copy = arena_strndup(a, (const char *)data, size);
	if (!copy)
		abort();
	size_t k = 0;
	for (size_t i = 0, start = 0; i <= size && k < PIECES; i++) {
		if (i == size || data[i] == 0) {
			copy[i < size ? i : size] = '\0';
			piece[k++] = copy + start;
			start = i + 1;
		}
	}

	struct person_input pin = {0};
	for (int f = 0; f < PF__MAX; f++)
		pin.v[f] = piece[f];
	struct store_person p;
	struct person_errors errs;
	enum cp_err err = person_validate(a, &pin, NOW_MS, &p, &errs);
	if (err == CP_OK) {
		if (errs.n)
			abort();
		for (int f = 0; f < PF__MAX; f++)
			check_value(person_field((enum person_field)f), person_field_value(&p, (enum person_field)f));
	} else if (err == CP_EINVAL) {
		const char *names[PF__MAX];
		for (int f = 0; f < PF__MAX; f++)
			names[f] = person_field((enum person_field)f)->name;
		check_errors(&errs, names, PF__MAX);
	} else if (err != CP_ENOMEM) {
		abort();
	}

	struct person_query_input qin = {piece[PF__MAX], piece[PF__MAX + 1], piece[PF__MAX + 2]};
	struct store_person_query q;
	bool empty = false;
	err = person_query_validate(a, &qin, NOW_MS, &q, &empty, &errs);
	if (err == CP_OK) {
		bool used = q.birth_date || q.nhs_number;
		for (int i = 0; i < STORE_NAME_TERMS; i++) {
			if (q.name[i] && (!*q.name[i] || strchr(q.name[i], ' ')))
				abort();
			used |= q.name[i] != NULL;
		}
		if (used == empty)
			abort();
		check_value(person_search_field(PS_BIRTH_DATE), q.birth_date);
		check_value(person_search_field(PS_NHS_NUMBER), q.nhs_number);
	} else if (err == CP_EINVAL) {
		const char *names[PS__MAX];
		for (int f = 0; f < PS__MAX; f++)
			names[f] = person_search_field((enum person_search_field)f)->name;
		check_errors(&errs, names, PS__MAX);
	} else if (err != CP_ENOMEM) {
		abort();
	}

	struct contact_input cin = {0};
	for (int f = 0; f < CF__MAX; f++)
		cin.v[f] = piece[PF__MAX + PS__MAX + f];
	unsigned flags = size ? data[0] : 0;
	cin.is_carer = flags & 1;
	cin.is_representative = flags & 2;
	cin.is_next_of_kin = flags & 4;
	cin.is_emergency = flags & 8;
	struct store_contact c;
	err = contact_validate(a, &cin, &c, &errs);
	if (err == CP_OK) {
		check_value(contact_field(CF_NAME), c.name);
		check_value(contact_field(CF_RELATIONSHIP), c.relationship);
		check_value(contact_field(CF_PHONE), c.phone);
		check_value(contact_field(CF_EMAIL), c.email);
		if (c.is_carer != cin.is_carer || c.is_emergency != cin.is_emergency)
			abort();
	} else if (err == CP_EINVAL) {
		const char *names[CF__MAX];
		for (int f = 0; f < CF__MAX; f++)
			names[f] = contact_field((enum contact_field)f)->name;
		check_errors(&errs, names, CF__MAX);
	} else if (err != CP_ENOMEM) {
		abort();
	}
	arena_free(a);
	return 0;
}
