/* events.c - the activity events import (events.h). */
#include "events.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "../util/csvread.h"
#include "caldate.h"
#include "nhsnum.h"
#include "outcomes.h"
#include "worklist.h"

/* Copies s without spaces into out (11 bytes); false when that is not ten characters. */
static bool nhs_normalise(const char *s, char *out)
{
	size_t k = 0;
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (k >= 10)
			return false;
		out[k++] = *s;
	}
	out[k] = '\0';
	return k == 10;
}

/* True when s is printable ASCII and short enough to repeat in a message. */
static bool repeatable(const char *s)
{
	if (strlen(s) > 24)
		return false;
	for (; *s; s++)
		if (!isprint((unsigned char)*s))
			return false;
	return true;
}

enum cp_err events_check_row(const char *const *cells, size_t n, const char *today, char *nhs_out,
			     struct store_activity_event *ev, char *msg, size_t msgn)
{
	memset(ev, 0, sizeof *ev);
	if (n != 3 && n != 4) {
		snprintf(msg, msgn, "the row has %zu cells; it needs 3 or 4 (NHS number, kind, date, and a source reference if any)",
			 n);
		return CP_EINVAL;
	}
	if (!nhs_normalise(cells[0], nhs_out) || !nhsnum_valid(nhs_out)) {
		if (repeatable(cells[0]))
			snprintf(msg, msgn, "NHS number \"%s\" is not a valid NHS number (ten digits with a right check digit)",
				 cells[0]);
		else
			snprintf(msg, msgn, "the NHS number is not a valid NHS number (ten digits with a right check digit)");
		return CP_EINVAL;
	}
	enum outcomes_event_kind k = outcomes_event_from_code(cells[1]);
	if (k >= OEV__MAX) {
		if (repeatable(cells[1]))
			snprintf(msg, msgn, "kind \"%s\" is not known: use emergency_admission or ae_attendance", cells[1]);
		else
			snprintf(msg, msgn, "the kind is not known: use emergency_admission or ae_attendance");
		return CP_EINVAL;
	}
	struct caldate d;
	char dmsg[EVENTS_REASON_MAX];
	if (caldate_parse(cells[2], "Date", &d, dmsg, sizeof dmsg) != CP_OK) {
		snprintf(msg, msgn, "%s", dmsg);
		return CP_EINVAL;
	}
	if (strcmp(cells[2], today) > 0) {
		snprintf(msg, msgn, "Date %s is after today", cells[2]);
		return CP_EINVAL;
	}
	const char *ref = n == 4 ? cells[3] : "";
	if (strlen(ref) > EVENTS_REF_MAX) {
		snprintf(msg, msgn, "the source reference is longer than %d characters", EVENTS_REF_MAX);
		return CP_EINVAL;
	}
	ev->nhs_number = nhs_out;
	ev->kind = outcomes_event_code(k);
	ev->event_date = cells[2];
	ev->source_ref = ref;
	return CP_OK;
}

enum cp_err events_import(struct store_conn *c, const struct audit_actor *who, int64_t now_ms, FILE *f,
			  const char *batch, events_refused_fn refused, void *ctx, struct events_report *rep)
{
	memset(rep, 0, sizeof *rep);
	struct csvread *r = csvread_new(f);
	if (!r)
		return CP_ENOMEM;
	char today[CALDATE_STR];
	caldate_format(worklist_today(now_ms), today, sizeof today);
	enum cp_err err = store_begin(c);
	if (err) {
		csvread_free(r);
		return err;
	}
	char msg[EVENTS_REASON_MAX], nhs[11];
	const char *const *cells;
	size_t n;
	long line;
	const char *bad;
	enum csvread_result got;
	bool first = true;
	while ((got = csvread_next(r, &cells, &n, &line, &bad)) == CSVREAD_RECORD || got == CSVREAD_BAD) {
		bool header = first && got == CSVREAD_RECORD && strcasecmp(cells[0], "nhs_number") == 0;
		first = false;
		if (header)
			continue;
		rep->rows++;
		struct store_activity_event ev;
		if (got == CSVREAD_BAD) {
			snprintf(msg, sizeof msg, "%s", bad);
		} else if (events_check_row(cells, n, today, nhs, &ev, msg, sizeof msg) == CP_OK) {
			ev.batch = batch;
			ev.imported_ms = now_ms;
			int added = 0;
			if ((err = store_activity_event_add(c, &ev, &added)))
				goto fail;
			if (added)
				rep->added++;
			else
				rep->already++;
			continue;
		}
		rep->refused++;
		if (refused)
			refused(ctx, line, msg);
	}
	if (got == CSVREAD_EIO) {
		err = CP_EIO;
		goto fail;
	}
	char reason[160];
	snprintf(reason, sizeof reason, "%" PRId64 " added, %" PRId64 " already stored, %" PRId64 " refused", rep->added,
		 rep->already, rep->refused);
	struct audit_event ae = {.action = "events.import", .object_type = "activity_event", .reason = reason};
	if ((err = audit_record(c, who, &ae, now_ms)))
		goto fail;
	csvread_free(r);
	return store_commit(c);
fail:
	store_rollback(c);
	csvread_free(r);
	return err;
}
