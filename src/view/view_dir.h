/*
 * view_dir.h - the directory's pages (v_dir.c): search with results, a
 * service's page, the form that adds or changes an entry, the import page
 * with its report, and the stale entries.
 */
#ifndef CP_VIEW_DIR_H
#define CP_VIEW_DIR_H

#include "../domain/dir_hsds.h"
#include "../domain/directory.h"
#include "view.h"

struct v_dir_search {
	const struct dir_search_input *in;   /* as typed */
	const struct person_errors *errs;    /* NULL or empty when none */
	bool asked;                          /* something was asked: show results */
	const struct store_dir_hit *hits;
	size_t n;
	int64_t total;
	int page;                            /* 1-based */
	const struct store_dir_term *terms;  /* the category filter's choices */
	size_t n_terms;
	const char *district;                /* the postcode district searched near, or NULL */
	int64_t now_ms;
	bool may_edit;
};
void v_dir_search(struct buf *b, const struct view_page *p, const struct v_dir_search *d);

struct v_dir_service {
	const struct store_dir_entry *e;
	bool stale;
	bool may_edit;
	const char *csrf;
	const char *notice;      /* after a save or a review, else NULL */
	const char *reviewer;    /* who last reviewed it, or NULL */
};
void v_dir_service(struct buf *b, const struct view_page *p, const struct v_dir_service *d);

struct v_dir_form {
	const char *csrf;
	int64_t id;                       /* 0 when adding */
	const struct dir_form *f;         /* what to show */
	const struct person_errors *errs; /* NULL or empty when none */
};
void v_dir_form(struct buf *b, const struct view_page *p, const struct v_dir_form *d);

struct v_dir_import {
	const char *csrf;
	const char *format;             /* "hsds" or "csv" as chosen */
	const char *text;               /* what was pasted, kept on error */
	const struct person_errors *errs;
	const struct dir_report *report; /* after an import, else NULL */
};
void v_dir_import(struct buf *b, const struct view_page *p, const struct v_dir_import *d);

struct v_dir_stale {
	const struct store_dir_hit *hits;
	size_t n;
	int64_t total;
	int64_t now_ms;
};
void v_dir_stale(struct buf *b, const struct view_page *p, const struct v_dir_stale *d);

#endif
