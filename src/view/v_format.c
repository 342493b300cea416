/* v_format.c - values written the way people read them, shared by pages. */
#include <stdio.h>
#include <string.h>

#include "view.h"

/* Digits [p, p+n) as a number, or -1 when any is not a digit. */
static int digits(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

const char *v_date_long(char out[32], const char *iso)
{
	static const char *const month[12] = {"January", "February", "March",     "April",   "May",      "June",
					      "July",    "August",   "September", "October", "November", "December"};
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return iso;
	int y = digits(iso, 4), m = digits(iso + 5, 2), d = digits(iso + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
		return iso;
	snprintf(out, 32, "%d %s %d", d, month[m - 1], y);
	return out;
}
