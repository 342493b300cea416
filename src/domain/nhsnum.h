/*
 * nhsnum.h - NHS numbers: ten digits, the last a modulus-11 check digit.
 */
#ifndef CP_NHSNUM_H
#define CP_NHSNUM_H

#include <stdbool.h>

/* True when s is exactly ten digits (spaces allowed in 3-3-4 groups are NOT
 * accepted here; normalise first) whose check digit is right. */
bool nhsnum_valid(const char *s);

/* The check digit for the first nine digits of s, or -1 when those nine give
 * 10 (no valid number has them). */
int nhsnum_check_digit(const char *nine);

#endif
