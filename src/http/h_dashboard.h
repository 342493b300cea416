/* h_dashboard.h - the evaluation dashboard, the commissioner's view and the events import (h_dashboard.c). */
#ifndef CP_H_DASHBOARD_H
#define CP_H_DASHBOARD_H

#include "req.h"

void h_dashboard(struct req *r);      /* GET /dashboard: the manager's own team, exact */
void h_dashboard_csv(struct req *r);  /* GET /dashboard.csv */
void h_service(struct req *r);        /* GET /service: every team or one, small numbers hidden */
void h_service_csv(struct req *r);    /* GET /service.csv */
void h_events_form(struct req *r);    /* GET /events/import */
void h_events_import(struct req *r);  /* POST /events/import */

#endif
