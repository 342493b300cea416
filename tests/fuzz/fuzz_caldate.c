/*
 * fuzz_caldate.c - libFuzzer target for caldate_parse() (src/domain/caldate.c).
 *
 * Input: any bytes as a date field.  What caldate.h promises: a date it
 * accepts is valid and formats back to exactly the input; one it refuses
 * comes with a message naming the field; adding days and months to an
 * accepted date never crashes and stays valid when it succeeds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64)
		return 0;
	char s[65];
	memcpy(s, data, size);
	s[size] = '\0';
	struct caldate d;
	char msg[CALDATE_MSG_MAX];
	if (caldate_parse(s, "Review date", &d, msg, sizeof msg) != CP_OK) {
		if (strncmp(msg, "Review date", 11) != 0)
			abort();
		return 0;
	}
	if (!caldate_valid(d))
		abort();
	char back[CALDATE_STR];
	caldate_format(d, back, sizeof back);
	if (strcmp(back, s) != 0)
		abort();
	struct caldate e;
	int n = size ? (int)data[0] - 128 : 0;
	if (caldate_add_days(d, n * 97, &e) == CP_OK && !caldate_valid(e))
		abort();
	if (caldate_add_months(d, n, &e) == CP_OK && !caldate_valid(e))
		abort();
	return 0;
}
