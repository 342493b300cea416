/* review_exit.c - the route back and the check-in plan (review_exit.h). */
#include "review_exit.h"

#include <stdio.h>
#include <string.h>

#include "../util/str.h"
#include "caldate.h"
#include "form.h"
#include "review.h"

enum cp_err exit_validate(struct arena *a, enum episode_stage to, const struct exit_input *in, int64_t now_ms,
			  struct exit_details *out, struct person_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	size_t before = errs->n;
	if (to == STAGE_DISCHARGED) {
		out->route.sos_who = review_text(&v, "sos_who", "Who to call", EXIT_WHO_MAX, in->sos_who,
						 "Enter who they should call if they need help again");
		out->route.sos_phone = review_text(&v, "sos_phone", "Their phone number", EXIT_PHONE_MAX,
						   in->sos_phone, "Enter the phone number to call");
		if (out->route.sos_phone) {
			bool ok = true;
			for (const char *p = out->route.sos_phone; *p; p++)
				ok &= (*p >= '0' && *p <= '9') || *p == ' ' || *p == '+' || *p == '(' || *p == ')' ||
				      *p == '-';
			if (!ok) {
				form_error(&v, "sos_phone",
					   "Their phone number must contain only numbers, spaces, brackets, + and -");
				out->route.sos_phone = NULL;
			}
		}
		out->route.sos_how = review_text(&v, "sos_how", "How to get back in touch", EXIT_HOW_MAX, in->sos_how,
						 "Enter how and when to get back in touch");
		out->has_route = true;
	} else if (to == STAGE_MAINTENANCE) {
		int64_t days = 0;
		const char *ds = form_clean(&v, in->checkin_days);
		if (!ds)
			form_error(&v, "checkin_days", "Enter how many days between check-ins");
		else if (str_to_i64(ds, 1, EXIT_INTERVAL_MAX, &days))
			form_error(&v, "checkin_days", "Days between check-ins must be a whole number from 1 to 365");
		out->maintenance.interval_days = (int)days;
		struct caldate next;
		const char *ns = form_clean(&v, in->next_checkin);
		if (ns) {
			char msg[CALDATE_MSG_MAX];
			if (caldate_parse(ns, "Next check-in date", &next, msg, sizeof msg) != CP_OK)
				form_error(&v, "next_checkin", arena_strdup(a, msg));
			else if (caldate_cmp(next, review_today(now_ms)) < 0)
				form_error(&v, "next_checkin", "Next check-in date must be today or in the future");
			else
				out->maintenance.next_checkin_date = arena_strdup(a, ns);
		} else if (days > 0 && caldate_add_days(review_today(now_ms), (int)days, &next) == CP_OK) {
			char buf[CALDATE_STR];
			caldate_format(next, buf, sizeof buf);
			out->maintenance.next_checkin_date = arena_strdup(a, buf);
		}
		out->has_maintenance = true;
	}
	if (v.oom)
		return CP_ENOMEM;
	return errs->n > before ? CP_EINVAL : CP_OK;
}

bool exit_complete(enum episode_stage to, const struct exit_details *x)
{
	if (to == STAGE_DISCHARGED)
		return x && x->has_route && x->route.sos_who && x->route.sos_phone && x->route.sos_how;
	if (to == STAGE_MAINTENANCE)
		return x && x->has_maintenance && x->maintenance.interval_days > 0 && x->maintenance.next_checkin_date;
	return true;
}

enum cp_err exit_write(struct store_conn *c, int64_t episode_id, const struct exit_details *x, int64_t user_id,
		       int64_t now_ms)
{
	enum cp_err err = CP_OK;
	if (x && x->has_route) {
		struct store_exit r = x->route;
		r.episode_id = episode_id;
		r.user_id = user_id;
		r.recorded_ms = now_ms;
		err = store_exit_put(c, &r);
	}
	if (!err && x && x->has_maintenance) {
		struct store_maintenance m = x->maintenance;
		m.episode_id = episode_id;
		m.updated_ms = now_ms;
		err = store_maintenance_put(c, &m);
	}
	return err;
}
