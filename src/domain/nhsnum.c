/* nhsnum.c - the NHS number modulus-11 check. */
#include "nhsnum.h"

#include <string.h>

int nhsnum_check_digit(const char *nine)
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		if (nine[i] < '0' || nine[i] > '9')
			return -1;
		sum += (nine[i] - '0') * (10 - i);
	}
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check == 10 ? -1 : check;
}

bool nhsnum_valid(const char *s)
{
	if (!s || strlen(s) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	int check = nhsnum_check_digit(s);
	return check >= 0 && check == s[9] - '0';
}
