/*
 * fuzz_csvread.c - libFuzzer target for the streaming CSV reader
 * (src/util/csvread.c).
 *
 * Input: any bytes as a CSV file.  What csvread.h promises: reading ends
 * (CSVREAD_END) after finitely many records; every record has 1 to
 * CSVREAD_FIELDS_MAX fields, each NUL-terminated within CSVREAD_FIELD_MAX
 * bytes; a bad record comes with a message; line numbers never go down.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	struct csvread *r = csvread_new(f);
	if (!r) {
		fclose(f);
		return 0;
	}
	long last = 0;
	for (size_t rounds = 0;; rounds++) {
		const char *const *fields;
		size_t n;
		long line = 0;
		const char *msg;
		enum csvread_result res = csvread_next(r, &fields, &n, &line, &msg);
		if (res == CSVREAD_END || res == CSVREAD_EIO)
			break;
		if (rounds > size + 1 || line < last)
			abort();
		last = line;
		if (res == CSVREAD_BAD) {
			if (!msg || !*msg)
				abort();
			continue;
		}
		if (n < 1 || n > CSVREAD_FIELDS_MAX)
			abort();
		for (size_t i = 0; i < n; i++)
			if (strlen(fields[i]) > CSVREAD_FIELD_MAX)
				abort();
	}
	csvread_free(r);
	fclose(f);
	return 0;
}
