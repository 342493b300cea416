/*
 * fuzz_dir.c - libFuzzer target for the directory's edge (src/util/
 * csvread.c over the text in memory, as dir_csv.c reads it; dir_fts_query,
 * dir_district_of, dir_entry_check in src/domain/directory.c).
 *
 * The input is read as a CSV file: every record's cells become an entry's
 * fields in the order of dir_csv.def's first columns, checked by
 * dir_entry_check; the first cell of each record is also a search and a
 * postcode.  Beyond ASan/UBSan: the reader's line numbers only grow (a
 * broken record too) and every record has a cell; an FTS query holds only quoted words, each
 * quote paired, and ends in '*'; a district is 2 to 4 upper-case letters
 * and digits; a refusal names a field with a message; an accepted entry
 * has a name and a known status.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/directory.h"
#include "util/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_query(const char *q)
{
	if (!q)
		return;
	size_t n = strlen(q), quotes = 0;
	if (n < 4 || q[n - 1] != '*' || q[0] != '"')
		abort();
	for (size_t i = 0; i + 1 < n; i++)
		quotes += q[i] == '"';
	if (quotes % 2)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	struct arena *a = arena_new(8 * 1024 * 1024);
	if (!a)
		return 0;
	FILE *f = size ? fmemopen((void *)data, size, "r") : NULL;
	struct csvread *r = f ? csvread_new(f) : NULL;
	const char *const *cells = NULL, *msg = NULL;
	size_t n = 0;
	long line = 0, last = 0;
	enum csvread_result got;
	while (r && (got = csvread_next(r, &cells, &n, &line, &msg)) != CSVREAD_END && got != CSVREAD_EIO) {
		if (line <= last)
			abort();
		last = line;
		if (got == CSVREAD_BAD) {
			if (!msg || !*msg)
				abort();
			continue;
		}
		if (n == 0)
			abort();
		const char *q = NULL;
		if (dir_fts_query(a, cells[0], &q) == CP_OK)
			check_query(q);
		const char *d = dir_district_of(a, cells[0]);
		if (d && (strlen(d) < 2 || strlen(d) > 4))
			abort();
		struct store_dir_entry *e = arena_zalloc(a, sizeof *e);
		if (!e)
			break;
		const char *v[16] = {0};
		for (size_t i = 0; i < n && i < 16; i++)
			v[i] = cells[i];
		e->svc = (struct store_dir_service){.name = v[0], .description = v[1], .status = v[2], .url = v[3],
						    .email = v[4], .phone = v[5], .min_age = -1, .max_age = -1};
		e->org = (struct store_dir_org){.name = v[6] ? v[6] : "Org"};
		e->loc[0] = (struct store_dir_location){.postcode = v[7], .latitude = v[8], .longitude = v[9]};
		e->n_loc = 1;
		e->sched[0] = (struct store_dir_schedule){.rrule = v[10], .opens_at = v[11], .closes_at = v[12],
							  .dtstart = v[13]};
		e->n_sched = 1;
		e->cost[0] = (struct store_dir_cost){.amount = v[14]};
		e->n_cost = 1;
		e->domain[0] = v[15] ? v[15] : "social";
		e->n_domain = 1;
		struct person_errors errs;
		enum cp_err err = dir_entry_check(a, e, &errs);
		if (err == CP_EINVAL) {
			if (errs.n == 0)
				abort();
			for (size_t i = 0; i < errs.n; i++)
				if (!errs.e[i].field || !*errs.e[i].field || !errs.e[i].message || !*errs.e[i].message)
					abort();
		} else if (err == CP_OK) {
			if (!e->svc.name || !*e->svc.name || !e->svc.status)
				abort();
		}
	}
	csvread_free(r);
	if (f)
		fclose(f);
	arena_free(a);
	return 0;
}
