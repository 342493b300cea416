/*
 * h_assess.h - the handlers of the holistic assessment (h_assess.c); their routes are in
 * routes_assess.def.
 */
#ifndef CP_H_ASSESS_H
#define CP_H_ASSESS_H

#include "req.h"

#endif
