/*
 * store_review.h - storage of implementation, reviews, worklists and exit.  Part of store.h (which
 * includes it); implemented in store_sqlite_review.c.
 */
#ifndef CP_STORE_REVIEW_H
#define CP_STORE_REVIEW_H

#endif
