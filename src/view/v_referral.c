/*
 * v_referral.c - the pages from the plan to the service (view_referral.h).
 * Markup follows the NHS.UK design system as the other pages do; every
 * form carries the CSRF token, and a change of status carries the version
 * of the referral it was made from.
 */
#include <string.h>

#include "../domain/assess.h"
#include "../domain/caldate.h"
#include "html.h"
#include "view_form.h"
#include "view_referral.h"

static const char *errf(const struct person_errors *e, const char *field)
{
	return e ? person_error_for(e, field) : NULL;
}

static void day(struct buf *b, const char *iso)
{
	struct caldate d;
	char msg[CALDATE_MSG_MAX], out[CALDATE_HUMAN_MAX];
	if (iso && caldate_parse(iso, NULL, &d, msg, sizeof msg) == CP_OK) {
		caldate_format_human(d, out, sizeof out);
		html_text(b, out);
	} else {
		html_text(b, iso ? iso : "");
	}
}

static const char *domain_label(const char *code)
{
	enum assess_domain d = assess_domain_from_code(code);
	return d == ADOMAIN__MAX ? code : assess_domain_label(d);
}

/* The status as a coloured tag. */
static void status_tag(struct buf *b, const char *code)
{
	enum ref_status s = ref_status_from_code(code);
	switch (s) {
	case REF_SENT: H(b, "<strong class=\"nhsuk-tag nhsuk-tag--yellow\">"); break;
	case REF_ACCEPTED: H(b, "<strong class=\"nhsuk-tag nhsuk-tag--blue\">"); break;
	case REF_ATTENDED: H(b, "<strong class=\"nhsuk-tag nhsuk-tag--green\">"); break;
	case REF_DNA: H(b, "<strong class=\"nhsuk-tag nhsuk-tag--orange\">"); break;
	case REF_DECLINED: H(b, "<strong class=\"nhsuk-tag nhsuk-tag--red\">"); break;
	default: H(b, "<strong class=\"nhsuk-tag nhsuk-tag--grey\">"); break;
	}
	html_text(b, s == REF__MAX ? code : ref_status_label(s));
	H(b, "</strong>");
}

/* "For the action ..." / "For the need ..." in words, or NULL. */
static void what_for(struct buf *b, const struct store_sref *r)
{
	bool any = false;
	if (r->action_what) {
		H(b, "Action: ");
		html_text(b, r->action_what);
		any = true;
	} else if (r->plan_action_id) {
		H(b, "An action no longer in the plan");
		any = true;
	}
	if (r->need) {
		if (any)
			H(b, "<br>");
		H(b, "Need: ");
		html_text(b, domain_label(r->need));
		any = true;
	}
	if (!any)
		H(b, "-");
}

static void person_caption(struct buf *b, const struct store_person *p)
{
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, p->given_name);
	H(b, " ");
	html_text(b, p->family_name);
	H(b, "</span>\n");
}

/* Links carrying what a search or referral is for. */
static void for_query(struct buf *b, int64_t action, const char *need)
{
	if (action) {
		H(b, "&amp;action=");
		html_i64(b, action);
	}
	if (need) {
		H(b, "&amp;need=");
		html_text(b, need);
	}
}

/* ---- the search ------------------------------------------------------------------ */

static void search_form(struct buf *b, const struct v_ref_search *d)
{
	const struct ref_search *s = d->s;
	H(b, "<form method=\"get\" action=\"/episodes/");
	html_i64(b, s->ep.id);
	H(b, "/services\" novalidate>\n");
	if (s->action_id)
		v_hidden_i64(b, "action", s->action_id);
	if (s->need)
		v_hidden(b, "need", s->need);
	const char *qe = errf(d->errs, "q");
	v_group_begin(b, qe);
	H(b, "<label class=\"nhsuk-label\" for=\"q\">What to look for</label>\n");
	v_hint(b, "q", "Words such as walking group, lunch club, befriending or benefits advice");
	v_error_message(b, "q", qe);
	H(b, "<input class=\"nhsuk-input\" id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\"");
	v_described(b, "q", "Words such as walking group, lunch club, befriending or benefits advice", qe);
	H(b, " value=\"");
	html_text(b, s->q ? s->q : "");
	H(b, "\">\n</div>\n");
	const char *de = errf(d->errs, "domain");
	v_group_begin(b, de);
	H(b, "<label class=\"nhsuk-label\" for=\"domain\">Need it meets</label>\n");
	v_error_message(b, "domain", de);
	H(b, "<select class=\"nhsuk-select\" id=\"domain\" name=\"domain\"");
	v_described(b, "domain", NULL, de);
	H(b, ">\n<option value=\"\">Any need</option>\n");
	for (int i = 0; i < ADOMAIN__MAX; i++) {
		const char *code = assess_domain_code((enum assess_domain)i);
		H(b, "<option value=\"");
		html_text(b, code);
		if (s->domain && strcmp(s->domain, code) == 0)
			H(b, "\" selected>");
		else
			H(b, "\">");
		html_text(b, assess_domain_label((enum assess_domain)i));
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n");
	H(b, "<div class=\"nhsuk-form-group\"><div class=\"nhsuk-checkboxes\"><div class=\"nhsuk-checkboxes__item\">"
	     "<input class=\"nhsuk-checkboxes__input\" id=\"free\" name=\"free\" type=\"checkbox\" value=\"1\"");
	if (s->free_only)
		H(b, " checked");
	H(b, "><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"free\">Free of charge only</label>"
	     "</div></div></div>\n<button class=\"nhsuk-button\" type=\"submit\">Search</button>\n</form>\n");
}

static void hit(struct buf *b, const struct v_ref_search *d, const struct store_dir_hit *h)
{
	const struct ref_search *s = d->s;
	H(b, "<li class=\"nhsuk-u-margin-bottom-5\">\n<h3 id=\"service-");
	html_i64(b, h->id);
	H(b, "\">");
	html_text(b, h->name);
	H(b, "</h3>\n<p class=\"nhsuk-body-s\">");
	html_text(b, h->organisation);
	if (h->free)
		H(b, " <strong class=\"nhsuk-tag nhsuk-tag--green\">Free</strong>");
	H(b, "</p>\n<p>");
	html_text(b, h->description);
	H(b, "</p>\n");
	if (h->domains && *h->domains) {
		H(b, "<p class=\"nhsuk-body-s\">Meets needs in: ");
		/* The codes are space separated, each one word. */
		const char *p = h->domains;
		bool first = true;
		while (*p) {
			const char *e = strchr(p, ' ');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char code[64];
			if (n && n < sizeof code) {
				memcpy(code, p, n);
				code[n] = '\0';
				if (!first)
					H(b, ", ");
				html_text(b, domain_label(code));
				first = false;
			}
			p += n;
			while (*p == ' ')
				p++;
		}
		H(b, "</p>\n");
	}
	H(b, "<div class=\"nhsuk-checkboxes nhsuk-u-margin-bottom-3\"><div class=\"nhsuk-checkboxes__item\">"
	     "<input class=\"nhsuk-checkboxes__input\" form=\"pack\" id=\"pack-");
	html_i64(b, h->id);
	H(b, "\" name=\"service\" type=\"checkbox\" value=\"");
	html_i64(b, h->id);
	H(b, "\"><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"pack-");
	html_i64(b, h->id);
	H(b, "\">Put in the activities pack<span class=\"nhsuk-u-visually-hidden\"> ");
	html_text(b, h->name);
	H(b, "</span></label></div></div>\n");
	if (!s->read_only) {
		/* Signposting is one click: recorded at once as information given. */
		H(b, "<form method=\"post\" action=\"/episodes/");
		html_i64(b, s->ep.id);
		H(b, "/referrals/new\" class=\"nhsuk-u-margin-bottom-2\">\n");
		v_hidden_csrf(b, d->csrf);
		v_hidden(b, "kind", "signpost");
		v_hidden_i64(b, "service", h->id);
		if (s->action_id)
			v_hidden_i64(b, "action", s->action_id);
		if (s->need)
			v_hidden(b, "need", s->need);
		H(b, "<button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2\" type=\"submit\">"
		     "Signpost: record that information was given<span class=\"nhsuk-u-visually-hidden\"> about ");
		html_text(b, h->name);
		H(b, "</span></button>\n</form>\n<p><a href=\"/episodes/");
		html_i64(b, s->ep.id);
		H(b, "/referrals/new?service=");
		html_i64(b, h->id);
		for_query(b, s->action_id, s->need);
		H(b, "\">Refer to this service<span class=\"nhsuk-u-visually-hidden\"> (");
		html_text(b, h->name);
		H(b, ")</span></a></p>\n");
	}
	H(b, "</li>\n");
}

void v_ref_search(struct buf *b, const struct view_page *p, const struct v_ref_search *d)
{
	const struct ref_search *s = d->s;
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->msg, d->errs);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, s->ep.id);
	H(b, "/plan\">Back to the plan</a></p>\n");
	person_caption(b, &s->person);
	H(b, "<h1>Find a local service</h1>\n");
	if (s->action_what) {
		H(b, "<div class=\"nhsuk-inset-text\"><p>For the action: ");
		html_text(b, s->action_what);
		H(b, "</p></div>\n");
	} else if (s->need) {
		H(b, "<div class=\"nhsuk-inset-text\"><p>For a need in: ");
		html_text(b, domain_label(s->need));
		H(b, "</p></div>\n");
	}
	if (s->read_only)
		H(b, "<div class=\"nhsuk-inset-text\"><p>This episode has ended, so services can be looked up but "
		     "no signpost or referral can be made from it.</p></div>\n");
	if (s->person.postcode) {
		H(b, "<p>");
		html_text(b, s->person.given_name);
		H(b, " lives at postcode ");
		html_text(b, s->person.postcode);
		H(b, ".</p>\n");
	}
	search_form(b, d);
	if (s->n_needs) {
		H(b, "<h2>Needs in the assessment</h2>\n<ul class=\"nhsuk-list\">\n");
		for (size_t i = 0; i < s->n_needs; i++) {
			H(b, "<li><a href=\"/episodes/");
			html_i64(b, s->ep.id);
			H(b, "/services?need=");
			html_text(b, s->needs[i]);
			H(b, "\">Services for ");
			html_text(b, domain_label(s->needs[i]));
			H(b, "</a></li>\n");
		}
		H(b, "</ul>\n");
	}
	if (!s->searched) {
		v_page_end(b, p);
		return;
	}
	H(b, "<h2 id=\"results\">");
	if (!s->n_hits)
		H(b, "No services found");
	else if (s->n_hits == 1)
		H(b, "1 service found");
	else
		html_textf(b, "%zu services found", s->n_hits);
	H(b, "</h2>\n");
	if (!s->n_hits) {
		H(b, "<p>Try other words, or any need.</p>\n");
		v_page_end(b, p);
		return;
	}
	/* The pack's form is empty here: each result's box joins it through
	 * its form attribute, so the signpost forms need not sit inside it. */
	H(b, "<form id=\"pack\" method=\"get\" action=\"/episodes/");
	html_i64(b, s->ep.id);
	H(b, "/activities-pack.pdf\"></form>\n<ul class=\"nhsuk-list\">\n");
	for (size_t i = 0; i < s->n_hits; i++)
		hit(b, d, &s->hits[i]);
	H(b, "</ul>\n<button class=\"nhsuk-button nhsuk-button--secondary\" form=\"pack\" type=\"submit\">"
	     "Make an activities pack of the services ticked (PDF)</button>\n");
	v_page_end(b, p);
}

/* ---- the referral form -------------------------------------------------------------- */

void v_ref_form(struct buf *b, const struct view_page *p, const struct v_ref_form *d)
{
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->msg, d->errs);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, d->episode_id);
	H(b, "/services\">Back to finding a service</a></p>\n<span class=\"nhsuk-caption-l\">");
	html_text(b, d->person_name);
	H(b, "</span>\n<h1>Refer to ");
	html_text(b, d->svc->svc.name);
	H(b, "</h1>\n<dl class=\"nhsuk-summary-list\">\n");
	v_summary_row(b, "Run by", d->svc->org.name);
	v_summary_row(b, "What it is", d->svc->svc.description);
	v_summary_row(b, "Who it is for", d->svc->svc.eligibility);
	v_summary_row(b, "How to get a place", d->svc->svc.how_to_access);
	v_summary_row(b, "Referred by", d->by_name);
	H(b, "</dl>\n<form method=\"post\" action=\"/episodes/");
	html_i64(b, d->episode_id);
	H(b, "/referrals/new\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	v_hidden(b, "kind", "referral");
	v_hidden_i64(b, "service", d->svc->svc.id);
	if (d->in->action && *d->in->action)
		v_hidden(b, "action", d->in->action);
	if (d->in->need && *d->in->need)
		v_hidden(b, "need", d->in->need);
	const char *re = errf(d->errs, "reason");
	v_group_begin(b, re);
	H(b, "<label class=\"nhsuk-label\" for=\"reason\">Reason for the referral</label>\n");
	v_hint(b, "reason", "What the person hopes to get from it, in their words where you can");
	v_error_message(b, "reason", re);
	H(b, "<textarea class=\"nhsuk-textarea");
	if (re)
		H(b, " nhsuk-textarea--error");
	H(b, "\" id=\"reason\" name=\"reason\" rows=\"4\"");
	v_described(b, "reason", "What the person hopes to get from it, in their words where you can", re);
	H(b, ">");
	html_text(b, d->in->reason ? d->in->reason : "");
	H(b, "</textarea>\n</div>\n");
	const char *de = errf(d->errs, "referral_date");
	v_group_begin(b, de);
	H(b, "<label class=\"nhsuk-label\" for=\"referral_date\">Date of the referral</label>\n");
	v_hint(b, "referral_date", "For example, 2026-11-23. Today unless it was made earlier");
	v_error_message(b, "referral_date", de);
	H(b, "<input class=\"nhsuk-input nhsuk-input--width-10");
	if (de)
		H(b, " nhsuk-input--error");
	H(b, "\" id=\"referral_date\" name=\"referral_date\" type=\"text\" autocomplete=\"off\"");
	v_described(b, "referral_date", "For example, 2026-11-23. Today unless it was made earlier", de);
	H(b, " value=\"");
	html_text(b, d->in->referral_date ? d->in->referral_date : d->today);
	H(b, "\">\n</div>\n<button class=\"nhsuk-button\" type=\"submit\">Send the referral</button>\n</form>\n");
	v_page_end(b, p);
}

/* ---- a person's signposts and referrals ------------------------------------------------- */

static void history(struct buf *b, const struct store_sref_event *ev, size_t n, int64_t referral_id)
{
	H(b, "<ul class=\"nhsuk-list nhsuk-u-font-size-16\">\n");
	for (size_t i = 0; i < n; i++) {
		if (ev[i].referral_id != referral_id)
			continue;
		H(b, "<li>");
		html_time(b, ev[i].time_ms);
		H(b, ": ");
		html_text(b, ref_status_label(ref_status_from_code(ev[i].to_status)));
		if (ev[i].user_name) {
			H(b, ", by ");
			html_text(b, ev[i].user_name);
		}
		if (*ev[i].note) {
			H(b, ". ");
			html_text(b, ev[i].note);
		}
		H(b, "</li>\n");
	}
	H(b, "</ul>\n");
}

static void ref_table(struct buf *b, const struct ref_episode *e, bool referrals)
{
	size_t count = 0;
	for (size_t i = 0; i < e->n; i++)
		count += (strcmp(e->refs[i].kind, "referral") == 0) == referrals;
	if (!count) {
		if (referrals)
			H(b, "<p>No referrals yet.</p>\n");
		else
			H(b, "<p>No information given yet.</p>\n");
		return;
	}
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
	if (referrals)
		H(b, "Referrals");
	else
		H(b, "Information given");
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "Service");
	v_th(b, "Date");
	v_th(b, "For");
	if (referrals) {
		v_th(b, "Status");
		v_th(b, "History and outcome");
	} else {
		v_th(b, "By");
	}
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < e->n; i++) {
		const struct store_sref *r = &e->refs[i];
		if ((strcmp(r->kind, "referral") == 0) != referrals)
			continue;
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		if (referrals) {
			H(b, "<a href=\"/referrals/");
			html_i64(b, r->id);
			H(b, "\">");
			html_text(b, r->service_name);
			H(b, "</a>");
		} else {
			html_text(b, r->service_name);
		}
		H(b, "<br><span class=\"nhsuk-body-s\">");
		html_text(b, r->org_name);
		H(b, "</span></td><td class=\"nhsuk-table__cell\">");
		day(b, r->referral_date);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		what_for(b, r);
		H(b, "</td>");
		if (referrals) {
			H(b, "<td class=\"nhsuk-table__cell\">");
			status_tag(b, r->status);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			history(b, e->events, e->n_events, r->id);
			if (*r->outcome) {
				H(b, "<p class=\"nhsuk-body-s\"><strong>Outcome:</strong> ");
				html_text(b, r->outcome);
				H(b, "</p>");
			}
			H(b, "</td>");
		} else {
			v_td(b, r->created_by_name);
		}
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table>\n");
}

/* The pack's choice: each service once, every one ticked. */
static void pack_form(struct buf *b, const struct ref_episode *e)
{
	H(b, "<h2 id=\"pack\">Activities pack</h2>\n");
	if (!e->n) {
		H(b, "<p>Signpost or refer to a service first, or tick services in a search, to make a printed pack "
		     "of local activities.</p>\n");
		return;
	}
	H(b, "<p>A printed pack of the services chosen, in plain words: what each is, where, when, what it costs "
	     "and how to get in touch.</p>\n<form method=\"get\" action=\"/episodes/");
	html_i64(b, e->ep.id);
	H(b, "/activities-pack.pdf\">\n<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend "
	     "nhsuk-fieldset__legend--s\">Services to put in the pack</legend>\n<div class=\"nhsuk-checkboxes\">\n");
	for (size_t i = 0; i < e->n; i++) {
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = e->refs[j].service_id == e->refs[i].service_id;
		if (dup)
			continue;
		H(b, "<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"pack-");
		html_i64(b, e->refs[i].service_id);
		H(b, "\" name=\"service\" type=\"checkbox\" checked value=\"");
		html_i64(b, e->refs[i].service_id);
		H(b, "\"><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"pack-");
		html_i64(b, e->refs[i].service_id);
		H(b, "\">");
		html_text(b, e->refs[i].service_name);
		H(b, "</label></div>\n");
	}
	H(b, "</div></fieldset>\n<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\">"
	     "Make the activities pack (PDF)</button>\n</form>\n");
}

void v_ref_episode(struct buf *b, const struct view_page *p, const struct v_ref_episode *d)
{
	const struct ref_episode *e = d->e;
	v_page_begin(b, p);
	v_error_summary_full(b, d->error ? "pack" : NULL, d->error, NULL);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, e->ep.id);
	H(b, "/plan\">Back to the plan</a></p>\n");
	person_caption(b, &e->person);
	H(b, "<h1>Local services</h1>\n");
	v_notice(b, d->notice);
	if (!e->read_only) {
		H(b, "<p><a href=\"/episodes/");
		html_i64(b, e->ep.id);
		H(b, "/services\">Find a local service</a></p>\n");
	}
	H(b, "<h2 id=\"referrals\">Referrals</h2>\n");
	ref_table(b, e, true);
	H(b, "<h2 id=\"signposts\">Information given (signposts)</h2>\n");
	ref_table(b, e, false);
	pack_form(b, e);
	v_page_end(b, p);
}

/* ---- one referral ---------------------------------------------------------------------- */

void v_ref_one(struct buf *b, const struct view_page *p, const struct v_ref_one *d)
{
	const struct store_sref *r = &d->o->r;
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->msg, d->errs);
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, r->episode_id);
	H(b, "/referrals\">Back to local services</a></p>\n<span class=\"nhsuk-caption-l\">");
	html_text(b, r->person_name);
	H(b, "</span>\n<h1>");
	if (strcmp(r->kind, "referral") == 0)
		H(b, "Referral to ");
	else
		H(b, "Information given about ");
	html_text(b, r->service_name);
	H(b, "</h1>\n");
	v_notice(b, d->notice);
	H(b, "<dl class=\"nhsuk-summary-list\">\n<div class=\"nhsuk-summary-list__row\"><dt "
	     "class=\"nhsuk-summary-list__key\">Status</dt><dd class=\"nhsuk-summary-list__value\">");
	status_tag(b, r->status);
	H(b, "</dd></div>\n");
	v_summary_row(b, "Service", r->service_name);
	v_summary_row(b, "Run by", r->org_name);
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Date</dt>"
	     "<dd class=\"nhsuk-summary-list__value\">");
	day(b, r->referral_date);
	H(b, "</dd></div>\n");
	v_summary_row(b, "By", r->created_by_name);
	v_summary_row(b, "Reason", r->reason);
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">For</dt>"
	     "<dd class=\"nhsuk-summary-list__value\">");
	what_for(b, r);
	H(b, "</dd></div>\n");
	v_summary_row(b, "Outcome", r->outcome);
	H(b, "</dl>\n<h2 id=\"history\">History</h2>\n<table class=\"nhsuk-table\"><caption "
	     "class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">History</caption>\n<thead "
	     "class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "When");
	v_th(b, "What happened");
	v_th(b, "By");
	v_th(b, "Note");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < d->o->n_events; i++) {
		const struct store_sref_event *ev = &d->o->events[i];
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_time(b, ev->time_ms);
		H(b, "</td>");
		v_td(b, ref_status_label(ref_status_from_code(ev->to_status)));
		v_td(b, ev->user_name);
		v_td(b, ev->note);
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table>\n");
	enum ref_status from = ref_status_from_code(r->status);
	enum ref_status moves[REF__MAX];
	size_t nm = ref_moves_from(from, moves);
	if (d->o->read_only) {
		H(b, "<p>This episode has ended, so the referral can be read but not changed.</p>\n");
	} else if (nm) {
		const char *se = errf(d->errs, "status");
		const char *chosen = d->in ? d->in->status : NULL;
		H(b, "<h2 id=\"change\">Record what has happened</h2>\n<form method=\"post\" action=\"/referrals/");
		html_i64(b, r->id);
		H(b, "/status\" novalidate>\n");
		v_hidden_csrf(b, d->csrf);
		v_hidden_i64(b, "version", r->version);
		v_group_begin(b, se);
		H(b, "<fieldset class=\"nhsuk-fieldset\"");
		v_described(b, "status", NULL, se);
		H(b, ">\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">What has happened</legend>\n");
		v_error_message(b, "status", se);
		H(b, "<div class=\"nhsuk-radios\">\n");
		for (size_t i = 0; i < nm; i++) {
			const char *code = ref_status_code(moves[i]);
			H(b, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"status");
			if (i)
				html_textf(b, "-%zu", i + 1);
			H(b, "\" name=\"status\" type=\"radio\" value=\"");
			html_text(b, code);
			if (chosen && strcmp(chosen, code) == 0)
				H(b, "\" checked>");
			else
				H(b, "\">");
			H(b, "<label class=\"nhsuk-label nhsuk-radios__label\" for=\"status");
			if (i)
				html_textf(b, "-%zu", i + 1);
			H(b, "\">");
			html_text(b, ref_move_label(from, moves[i]));
			H(b, "</label></div>\n");
		}
		H(b, "</div></fieldset></div>\n");
		static const struct {
			const char *id, *label, *hint;
		} boxes[] = {
			{"note", "Note (optional)", "For example, who you spoke to, or a new date"},
			{"outcome", "What came of it (optional)", "Leave empty to keep what is recorded"},
		};
		for (size_t k = 0; k < 2; k++) {
			const char *e = errf(d->errs, boxes[k].id);
			const char *v = d->in ? (k ? d->in->outcome : d->in->note) : NULL;
			v_group_begin(b, e);
			H(b, "<label class=\"nhsuk-label\" for=\"");
			html_text(b, boxes[k].id);
			H(b, "\">");
			html_text(b, boxes[k].label);
			H(b, "</label>\n");
			v_hint(b, boxes[k].id, boxes[k].hint);
			v_error_message(b, boxes[k].id, e);
			H(b, "<textarea class=\"nhsuk-textarea\" id=\"");
			html_text(b, boxes[k].id);
			H(b, "\" name=\"");
			html_text(b, boxes[k].id);
			H(b, "\" rows=\"3\"");
			v_described(b, boxes[k].id, boxes[k].hint, e);
			H(b, ">");
			html_text(b, v ? v : "");
			H(b, "</textarea>\n</div>\n");
		}
		H(b, "<button class=\"nhsuk-button\" type=\"submit\">Save</button>\n</form>\n");
	} else if (from == REF_GIVEN) {
		H(b, "<p>Information given has no status to follow up.</p>\n");
	} else {
		H(b, "<p>This referral is finished: nothing more to record.</p>\n");
	}
	v_page_end(b, p);
}

/* ---- the worklist ------------------------------------------------------------------------ */

static const struct {
	const char *id, *heading, *empty, *days;
} GROUPS[RG__MAX] = {
	[RG_WAITING] = {"waiting", "Waiting for an answer", "No referrals are waiting for an answer.", "Days waiting"},
	[RG_ACCEPTED] = {"accepted", "Accepted, not yet attended", "None.", "Days since accepted"},
	[RG_DNA] = {"did-not-attend", "Did not attend: to chase", "Nobody to chase.", "Days since"},
	[RG_RECENT] = {"outcomes", "Recent outcomes", "No outcomes in the last 30 days.", "Days ago"},
};

void v_ref_worklist(struct buf *b, const struct view_page *p, const struct v_ref_worklist *d)
{
	const struct ref_worklist *w = d->w;
	v_page_begin(b, p);
	H(b, "<h1>Referrals to follow up</h1>\n<p>Referrals you made, and those for your team's people, that still "
	     "need something: an answer from the service, a first visit, or a word with someone who did not go. "
	     "Outcomes stay here for 30 days.</p>\n");
	if (w->truncated)
		H(b, "<div class=\"nhsuk-inset-text\"><p>There are more referrals than this page can show: the oldest "
		     "are shown first.</p></div>\n");
	H(b, "<ul class=\"nhsuk-list\">\n");
	for (int g = 0; g < RG__MAX; g++) {
		H(b, "<li><a href=\"#");
		html_text(b, GROUPS[g].id);
		H(b, "\">");
		html_text(b, GROUPS[g].heading);
		html_textf(b, " (%zu)", w->n[g]);
		H(b, "</a></li>\n");
	}
	H(b, "</ul>\n");
	for (int g = 0; g < RG__MAX; g++) {
		H(b, "<h2 id=\"");
		html_text(b, GROUPS[g].id);
		H(b, "\">");
		html_text(b, GROUPS[g].heading);
		H(b, "</h2>\n");
		if (!w->n[g]) {
			H(b, "<p>");
			html_text(b, GROUPS[g].empty);
			H(b, "</p>\n");
			continue;
		}
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
		html_text(b, GROUPS[g].heading);
		H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
		v_th(b, "Person");
		v_th(b, "Service");
		v_th(b, "Referred on");
		v_th(b, g == RG_RECENT ? "Outcome" : "Referred by");
		v_th(b, GROUPS[g].days);
		H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < w->n[g]; i++) {
			const struct ref_work_item *it = &w->items[g][i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"/referrals/");
			html_i64(b, it->r->id);
			H(b, "\">");
			html_text(b, it->r->person_name);
			H(b, "</a></td>");
			v_td(b, it->r->service_name);
			H(b, "<td class=\"nhsuk-table__cell\">");
			day(b, it->r->referral_date);
			H(b, "</td>");
			if (g == RG_RECENT) {
				H(b, "<td class=\"nhsuk-table__cell\">");
				status_tag(b, it->r->status);
				if (*it->r->outcome) {
					H(b, " ");
					html_text(b, it->r->outcome);
				}
				H(b, "</td>");
			} else {
				v_td(b, it->r->created_by_name);
			}
			H(b, "<td class=\"nhsuk-table__cell\">");
			html_i64(b, it->days);
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	v_page_end(b, p);
}

/* ---- the plan page's part -------------------------------------------------------------- */

void v_plan_services(struct buf *b, const struct plan_record *rec, const struct v_plan_services *d)
{
	const struct ref_episode *e = d->e;
	H(b, "<h2 id=\"local-services\">Local services</h2>\n");
	size_t open = 0, refs = 0, signs = 0;
	for (size_t i = 0; i < e->n; i++) {
		if (strcmp(e->refs[i].kind, "referral") == 0) {
			refs++;
			open += ref_status_open(ref_status_from_code(e->refs[i].status));
		} else {
			signs++;
		}
	}
	if (e->n) {
		H(b, "<ul class=\"nhsuk-list\">\n");
		for (size_t i = 0; i < e->n; i++) {
			const struct store_sref *r = &e->refs[i];
			H(b, "<li>");
			if (strcmp(r->kind, "referral") == 0) {
				H(b, "<a href=\"/referrals/");
				html_i64(b, r->id);
				H(b, "\">");
				html_text(b, r->service_name);
				H(b, "</a> ");
				status_tag(b, r->status);
			} else {
				html_text(b, r->service_name);
				H(b, " <strong class=\"nhsuk-tag nhsuk-tag--grey\">Information given</strong>");
			}
			H(b, "</li>\n");
		}
		H(b, "</ul>\n");
	} else {
		H(b, "<p>No services have been found with the person yet.</p>\n");
	}
	H(b, "<p><a href=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "/referrals\">All referrals and information given</a>");
	html_textf(b, " (%zu referral%s, %zu open; %zu signpost%s)", refs, refs == 1 ? "" : "s", open, signs,
		   signs == 1 ? "" : "s");
	H(b, "</p>\n");
	if (rec->read_only)
		return;
	H(b, "<h3>Find a local service</h3>\n<ul class=\"nhsuk-list\">\n<li><a href=\"/episodes/");
	html_i64(b, rec->ep.id);
	H(b, "/services\">Search the directory</a></li>\n");
	for (size_t i = 0; i < rec->n_items; i++) {
		const struct plan_item *it = &rec->items[i];
		if (it->section != PLS_ACTION || !it->id || !it->v[PLF_ACTION_WHAT])
			continue;
		H(b, "<li><a href=\"/episodes/");
		html_i64(b, rec->ep.id);
		H(b, "/services?action=");
		html_i64(b, it->id);
		H(b, "\">For the action: ");
		html_text(b, it->v[PLF_ACTION_WHAT]);
		H(b, "</a></li>\n");
	}
	for (size_t i = 0; d->show_needs && i < e->n_needs; i++) {
		H(b, "<li><a href=\"/episodes/");
		html_i64(b, rec->ep.id);
		H(b, "/services?need=");
		html_text(b, e->needs[i]);
		H(b, "\">For a need in ");
		html_text(b, domain_label(e->needs[i]));
		H(b, "</a></li>\n");
	}
	H(b, "</ul>\n");
}
