/*
 * fuzz_episode.c - libFuzzer target for the start-an-episode and add-to-
 * the-care-team forms (episode_start_validate, team_member_validate in
 * src/domain/episode_service.c).
 *
 * The input is split at NUL bytes into field values, as a decoded form hands
 * them over (a missing piece is an absent field): first the start form's
 * fields in episode_field.def order, then the member form's seven fields.
 * What episode_service.h promises is checked beyond ASan/UBSan: a refusal
 * lists at least one error, each naming a field with a message; an accepted
 * start is at stage entry with a level from 1 to 3; an accepted member has a
 * role and a from date.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/episode_service.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW_MS 1795366800000LL /* 2026-11-22T17:00Z */

static void check_errors(const struct person_errors *errs)
{
	if (errs->n == 0 || errs->n > PERSON_ERRORS_MAX)
		abort();
	for (size_t i = 0; i < errs->n; i++)
		if (!errs->e[i].field || !*errs->e[i].field || !errs->e[i].message || !*errs->e[i].message)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	struct arena *a = arena_new(1024 * 1024);
	if (!a)
		return 0;
	char *copy = arena_alloc(a, size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	const char *piece[EF__MAX + 7] = {0};
	size_t n = 0;
	for (char *p = copy; n < sizeof piece / sizeof piece[0] && p <= copy + size; n++) {
		piece[n] = p;
		p += strlen(p) + 1;
	}
	struct episode_start_input in;
	for (int i = 0; i < EF__MAX; i++)
		in.v[i] = piece[i];
	struct episode_start s;
	struct person_errors errs;
	enum cp_err err = episode_start_validate(a, &in, NOW_MS, &s, &errs);
	if (err == CP_EINVAL)
		check_errors(&errs);
	else if (err == CP_OK && (s.ep.level < 1 || s.ep.level > 3))
		abort();

	struct store_user users[1] = {{.id = 7, .username = "keyworker", .display_name = "Sam Okafor",
					.role = "key_worker", .discipline = "nurse", .team_id = 1}};
	struct team_member_input m = {piece[EF__MAX], piece[EF__MAX + 1], piece[EF__MAX + 2], piece[EF__MAX + 3],
				      piece[EF__MAX + 4], piece[EF__MAX + 5], piece[EF__MAX + 6]};
	struct store_team_member tm;
	err = team_member_validate(a, &m, users, 1, &tm, &errs);
	if (err == CP_EINVAL)
		check_errors(&errs);
	else if (err == CP_OK && (!tm.role || !*tm.role || !tm.from_date || !*tm.from_date))
		abort();
	arena_free(a);
	return 0;
}
