/* gas.c - goal attainment scaling summary T-score (gas.h). */
#include "gas.h"

#include <math.h>

enum cp_err gas_tscore(const int *x, size_t n, double *t)
{
	if (!x || n == 0)
		return CP_EINVAL;
	long sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!gas_level_valid(x[i]))
			return CP_EINVAL;
		sum += x[i];
	}
	double dn = (double)n;
	*t = 50.0 + 10.0 * (double)sum / sqrt((1.0 - GAS_RHO) * dn + GAS_RHO * dn * dn);
	return CP_OK;
}

const char *gas_level_label(int v)
{
	static const char *const labels[] = {
		"Much less than expected", /* -2 */
		"Less than expected",      /* -1 */
		"As expected",             /*  0 */
		"More than expected",      /* +1 */
		"Much more than expected", /* +2 */
	};
	return gas_level_valid(v) ? labels[v - GAS_MIN] : "";
}
