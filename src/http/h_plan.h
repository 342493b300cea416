/*
 * h_plan.h - the handlers of the care and support plan (h_plan.c); their routes are in
 * routes_plan.def.
 */
#ifndef CP_H_PLAN_H
#define CP_H_PLAN_H

#include "req.h"

#endif
