/* demo_plan.c - the demo's care and support plans (demo.h). */
#include "demo.h"

enum cp_err demo_plan(const struct demo_ctx *d)
{
	(void)d; /* filled in with the area's work */
	return CP_OK;
}
