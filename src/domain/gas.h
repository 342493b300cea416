/*
 * gas.h - goal attainment scaling (GAS): the summary T-score across goals.
 *
 * Each goal is scored on five levels, -2 (much less than expected) .. +2
 * (much more than expected), 0 being the outcome expected.  Kiresuk and
 * Sherman's summary, with every goal weighted equally and the usual
 * correlation between goals rho = 0.3:
 *
 *     T = 50 + 10 * sum(x) / sqrt((1 - rho) * n + rho * n^2)
 *       = 50 + 10 * sum(x) / sqrt(0.7 n + 0.3 n^2)
 *
 * 50 means the goals were met as expected on the whole; each 10 is about one
 * standard deviation above or below.  Pure: no I/O, no allocation.
 */
#ifndef CP_GAS_H
#define CP_GAS_H

#include <stddef.h>

#include "../util/err.h"

#define GAS_MIN (-2)
#define GAS_MAX 2
#define GAS_RHO 0.3

/* True when v is a GAS level (-2..2). */
static inline int gas_level_valid(int v)
{
	return v >= GAS_MIN && v <= GAS_MAX;
}

/* The T-score of n goals' levels (x[0..n-1]) into *t.  CP_EINVAL when n is
 * 0, x is NULL or any level is outside -2..2 (*t untouched). */
enum cp_err gas_tscore(const int *x, size_t n, double *t);

/* The words for level v ("Much less than expected" .. "Much more than
 * expected"), "" when v is not a level. */
const char *gas_level_label(int v);

#endif
