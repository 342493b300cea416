/*
 * fuzz_csvread.c - libFuzzer target for the streaming CSV reader
 * (src/util/csvread.c) and the activity events row check on top of it
 * (src/domain/events.c).
 *
 * Input: any bytes as a CSV file.  What csvread.h promises: reading always
 * ends (every call either returns a row or the end); a row has 1..cells
 * cells, each NUL-terminated inside the row's byte limit; line numbers
 * never go backwards; a refused row says why.  A row events_check_row
 * accepts has a valid NHS number and a known kind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/events.h"
#include "domain/nhsnum.h"
#include "util/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 1u << 16)
		return 0;
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	struct csvread *r = csvread_open(f, 256, 6);
	if (!r) {
		fclose(f);
		return 0;
	}
	struct csvread_row row;
	long last = 0;
	size_t rows = 0;
	int got;
	while ((got = csvread_next(r, &row)) == 1) {
		if (row.line < last || ++rows > size + 1)
			abort();
		last = row.line;
		if (row.error)
			continue;
		if (row.n < 1 || row.n > 6)
			abort();
		size_t total = 0;
		for (size_t i = 0; i < row.n; i++)
			total += strlen(row.cells[i]) + 1;
		if (total > 256 + 1)
			abort();
		char nhs[11], msg[EVENTS_REASON_MAX];
		struct store_activity_event ev;
		if (events_check_row(row.cells, row.n, "2026-11-20", nhs, &ev, msg, sizeof msg) == CP_OK &&
		    (!nhsnum_valid(ev.nhs_number) || !*ev.kind || strcmp(ev.event_date, "2026-11-20") > 0))
			abort();
	}
	csvread_free(r);
	fclose(f);
	return 0;
}
