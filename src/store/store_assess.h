/*
 * store_assess.h - storage of the holistic assessment.  Part of store.h (which
 * includes it); implemented in store_sqlite_assess.c.
 */
#ifndef CP_STORE_ASSESS_H
#define CP_STORE_ASSESS_H

#endif
