/*
 * h_register.h - case finding: the worklist of people on the population
 * register who may need care planning, the one step from it to entry, and
 * the register's import page (docs/case-finding.md).
 */
#ifndef CP_H_REGISTER_H
#define CP_H_REGISTER_H

#include "req.h"

void h_case_finding(struct req *r);       /* GET /case-finding?rule=ID&page=N */
void h_case_finding_start(struct req *r); /* POST /case-finding/:id/start */
void h_register_import_form(struct req *r); /* GET /register/import */
void h_register_import(struct req *r);      /* POST /register/import */

#endif
