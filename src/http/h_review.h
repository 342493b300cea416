/*
 * h_review.h - the handlers of implementation, reviews, worklists and exit (h_review.c); their routes are in
 * routes_review.def.
 */
#ifndef CP_H_REVIEW_H
#define CP_H_REVIEW_H

#include "req.h"

#endif
