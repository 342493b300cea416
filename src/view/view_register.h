/*
 * view_register.h - case-finding pages (v_register.c): the worklist of
 * people on the register who may need care planning, the refusal when one
 * already has an open episode, and the register import form and report.
 */
#ifndef CP_VIEW_REGISTER_H
#define CP_VIEW_REGISTER_H

#include "../domain/register.h"
#include "view.h"

struct v_case_finding {
	const char *csrf;
	const struct casefind_rules *rules;
	const struct store_register_entry *rows; /* in rank order */
	const char *const *reasons;              /* per row: the explanations of the rules met */
	size_t n;
	int page;                                /* from 1 */
	bool more;                               /* a later page has rows */
	const char *rule;                        /* the rule filtered by (its id), NULL for all */
	const char *error;                       /* a wrong filter, for the rule or page field */
	const char *error_field;                 /* "rule" or "page" */
	bool register_any;                       /* the register has rows */
};
void v_case_finding(struct buf *b, const struct view_page *p, const struct v_case_finding *d);

/* The register row's person already has an open episode. */
void v_case_finding_open(struct buf *b, const struct view_page *p, const char *name, int64_t episode_id);

/* A refused row of an import, as the report lists it. */
struct v_refusal {
	long line;
	const char *reason;
};

struct v_register_import {
	const char *csrf;
	const char *csv;                     /* kept on error */
	const char *error;                   /* the file as a whole was refused */
	struct store_register_import latest; /* the last import, when has_latest */
	bool has_latest;
	const struct register_report *report; /* after an import, else NULL */
	const struct v_refusal *refusals;    /* the first ones */
	size_t n_refusals;
	unsigned max_kb;                     /* the most the page takes, in KB */
};
void v_register_import(struct buf *b, const struct view_page *p, const struct v_register_import *d);

#endif
