/*
 * store_plan.h - storage of the care and support plan.  Part of store.h (which
 * includes it); implemented in store_sqlite_plan.c.
 */
#ifndef CP_STORE_PLAN_H
#define CP_STORE_PLAN_H

#endif
