/*
 * h_dir.h - the directory of local resources (docs/directory.md): search,
 * a service's page, adding and changing entries, marking them checked,
 * import and export, and the entries to check.
 *
 * The router lets in CAP_DIRECTORY (read) or CAP_DIRECTORY_EDIT (change);
 * every handler that changes the directory, or shows a maintainer's page,
 * also asks directory_may_edit, which narrows professionals to link
 * workers, and refuses others with the router's own words.  A service id
 * is the organisation's own record (KIND_ORGANISATION): 404 when not there.
 */
#ifndef CP_H_DIR_H
#define CP_H_DIR_H

#include "req.h"

void h_dir_search(struct req *r);       /* GET /directory */
void h_dir_service(struct req *r);      /* GET /directory/services/:id */
void h_dir_new(struct req *r);          /* GET /directory/services/new */
void h_dir_create(struct req *r);       /* POST /directory/services/new */
void h_dir_edit(struct req *r);         /* GET /directory/services/:id/edit */
void h_dir_update(struct req *r);       /* POST /directory/services/:id/edit */
void h_dir_reviewed(struct req *r);     /* POST /directory/services/:id/reviewed */
void h_dir_import_form(struct req *r);  /* GET /directory/import */
void h_dir_import(struct req *r);       /* POST /directory/import */
void h_dir_export_csv(struct req *r);   /* GET /directory/export.csv */
void h_dir_export_json(struct req *r);  /* GET /directory/export.json */
void h_dir_stale(struct req *r);        /* GET /directory/stale */

/* True when the signed-in user may change the directory; otherwise the
 * request has been answered 403 as the router answers. */
bool h_dir_may_edit(struct req *r);

#endif
