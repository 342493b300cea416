/* v_dir.c - the directory's pages (view_dir.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../domain/caldate.h"
#include "../domain/recur.h"
#include "html.h"
#include "view_dir.h"
#include "view_form.h"

/* Appends s percent-encoded for a query string into out (n bytes). */
static void qs_add(char *out, size_t n, const char *key, const char *s)
{
	if (!s || !*s)
		return;
	size_t k = strlen(out);
	int w = snprintf(out + k, n - k, "%s%s=", k ? "&" : "?", key);
	if (w < 0 || (size_t)w >= n - k)
		return;
	k += (size_t)w;
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < n; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-_.~", *p)) {
			out[k++] = (char)*p;
		} else {
			out[k++] = '%';
			out[k++] = hex[*p >> 4];
			out[k++] = hex[*p & 15];
		}
	}
	out[k] = '\0';
}

/* A date from ms as "22 November 2026". */
static void day_text(struct buf *b, int64_t ms)
{
	struct caldate d;
	char s[CALDATE_HUMAN_MAX];
	if (caldate_from_days((int)(ms / 86400000), &d) == CP_OK) {
		caldate_format_human(d, s, sizeof s);
		html_text(b, s);
	}
}

static void stale_tag(struct buf *b)
{
	H(b, "<strong class=\"nhsuk-tag nhsuk-tag--orange\">Not checked for over a year</strong>");
}

static void text_input(struct buf *b, const char *id, const char *label, const char *hint, const char *value,
		       const char *err, const char *extra_class)
{
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, id);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>\n");
	v_hint(b, id, hint);
	v_error_message(b, id, err);
	H(b, "<input class=\"nhsuk-input");
	if (extra_class)
		html_text(b, extra_class);
	if (err)
		H(b, " nhsuk-input--error");
	H(b, "\" id=\"");
	html_text(b, id);
	H(b, "\" name=\"");
	html_text(b, id);
	H(b, "\" type=\"text\" value=\"");
	html_text(b, value);
	H(b, "\"");
	v_described(b, id, hint, err);
	H(b, ">\n</div>\n");
}

/* ---- search ---------------------------------------------------------------- */

static void select_open(struct buf *b, const char *id, const char *label, const char *err)
{
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, id);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>\n");
	v_error_message(b, id, err);
	H(b, "<select class=\"nhsuk-select\" id=\"");
	html_text(b, id);
	H(b, "\" name=\"");
	html_text(b, id);
	H(b, "\"");
	v_described(b, id, NULL, err);
	H(b, ">\n");
}

static void option(struct buf *b, const char *value, const char *label, bool selected)
{
	H(b, "<option value=\"");
	html_text(b, value);
	H(b, "\"");
	if (selected)
		H(b, " selected");
	H(b, ">");
	html_text(b, label);
	H(b, "</option>\n");
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

void v_dir_search(struct buf *b, const struct view_page *p, const struct v_dir_search *d)
{
	const struct dir_search_input *in = d->in;
	v_page_begin(b, p);
	v_error_summary(b, d->errs);
	H(b, "<h1>Find a local service or group</h1>\n"
	     "<p>Search the directory of community, voluntary and health services near the person: groups, "
	     "clubs, advice and support.</p>\n");
	if (d->may_edit)
		H(b, "<p class=\"cp-no-print\"><a href=\"/directory/services/new\">Add a service</a> &middot; "
		     "<a href=\"/directory/import\">Import a file</a> &middot; "
		     "<a href=\"/directory/stale\">Entries to check</a> &middot; "
		     "<a href=\"/directory/export.csv\">Download as CSV</a> &middot; "
		     "<a href=\"/directory/export.json\">Download as HSDS JSON</a></p>\n");
	H(b, "<form action=\"/directory\" method=\"get\" novalidate>\n");
	text_input(b, "q", "What are you looking for?", "For example: walking, befriending, benefits, memory.",
		   in->q, person_error_for(d->errs, "q"), NULL);
	const char *err = person_error_for(d->errs, "category");
	select_open(b, "category", "Category", err);
	option(b, "", "Any category", !in->category || !*in->category);
	for (size_t i = 0; i < d->n_terms; i++) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)d->terms[i].id);
		option(b, v, d->terms[i].name, same(in->category, v));
	}
	H(b, "</select>\n</div>\n");
	select_open(b, "domain", "Need it helps with", person_error_for(d->errs, "domain"));
	option(b, "", "Any need", !in->domain || !*in->domain);
	for (int i = 0; i < ADOMAIN__MAX; i++)
		option(b, assess_domain_code((enum assess_domain)i), assess_domain_label((enum assess_domain)i),
		       same(in->domain, assess_domain_code((enum assess_domain)i)));
	H(b, "</select>\n</div>\n");
	text_input(b, "postcode", "Near postcode (optional)", "The person's postcode, or its first part, like LS6.",
		   in->postcode, person_error_for(d->errs, "postcode"), " nhsuk-input--width-10");
	select_open(b, "miles", "Within", person_error_for(d->errs, "miles"));
	static const char *const miles[] = {"1", "2", "5", "10", "20"};
	for (size_t i = 0; i < sizeof miles / sizeof miles[0]; i++) {
		char label[24];
		snprintf(label, sizeof label, "%s mile%s", miles[i], strcmp(miles[i], "1") ? "s" : "");
		option(b, miles[i], label, same(in->miles, miles[i]) || (!in->miles && strcmp(miles[i], "5") == 0));
	}
	H(b, "</select>\n</div>\n"
	     "<div class=\"nhsuk-form-group\"><div class=\"nhsuk-checkboxes\"><div class=\"nhsuk-checkboxes__item\">"
	     "<input class=\"nhsuk-checkboxes__input\" id=\"free\" name=\"free\" type=\"checkbox\" value=\"yes\"");
	if (same(in->free, "yes"))
		H(b, " checked");
	H(b, "><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"free\">Free of charge only</label>"
	     "</div></div></div>\n<button class=\"nhsuk-button\" type=\"submit\">Search</button>\n</form>\n");
	if (!d->asked || (d->errs && d->errs->n)) {
		v_page_end(b, p);
		return;
	}
	H(b, "<h2 id=\"results\">");
	if (d->total == 0)
		H(b, "No services found");
	else if (d->total == 1)
		H(b, "1 service found");
	else
		html_textf(b, "%lld services found", (long long)d->total);
	if (d->district) {
		H(b, " near ");
		html_text(b, d->district);
	}
	H(b, "</h2>\n");
	if (d->total == 0)
		H(b, "<p>Try fewer or different words, a wider distance, or any category.</p>\n");
	if (d->n)
		H(b, "<ul class=\"nhsuk-list\" role=\"list\">\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct store_dir_hit *h = &d->hits[i];
		H(b, "<li class=\"nhsuk-card\"><div class=\"nhsuk-card__content\">\n<h3 class=\"nhsuk-card__heading "
		     "nhsuk-heading-m\"><a href=\"/directory/services/");
		html_i64(b, h->id);
		H(b, "\">");
		html_text(b, h->name);
		H(b, "</a></h3>\n<p class=\"nhsuk-body-s\">");
		html_text(b, h->organisation);
		if (h->town && *h->town) {
			H(b, " &middot; ");
			html_text(b, h->town);
		}
		if (h->miles >= 0)
			html_textf(b, " \xC2\xB7 %.1f miles away", h->miles);
		H(b, "</p>\n<p>");
		/* The description's first 240 bytes, cut at a word. */
		size_t len = strlen(h->description);
		if (len > 240) {
			size_t cut = 240;
			while (cut > 0 && h->description[cut] != ' ')
				cut--;
			char part[248];
			memcpy(part, h->description, cut);
			part[cut] = '\0';
			html_text(b, part);
			H(b, "&hellip;");
		} else {
			html_text(b, h->description);
		}
		H(b, "</p>\n<p>");
		if (h->free)
			H(b, "<strong class=\"nhsuk-tag nhsuk-tag--green\">Free</strong> ");
		else if (h->fees && *h->fees)
			html_text(b, h->fees);
		if (strcmp(h->status, "active") != 0) {
			H(b, " <strong class=\"nhsuk-tag nhsuk-tag--grey\">");
			html_text(b, strcmp(h->status, "temporarily closed") == 0 ? "Closed for now" : "Not running");
			H(b, "</strong>");
		}
		if (dir_is_stale(h->reviewed_ms, d->now_ms)) {
			H(b, " ");
			stale_tag(b);
		}
		H(b, "</p>\n</div></li>\n");
	}
	if (d->n)
		H(b, "</ul>\n");
	int pages = (int)((d->total + DIR_PAGE_SIZE - 1) / DIR_PAGE_SIZE);
	if (pages > 1) {
		char qs[1024] = "";
		qs_add(qs, sizeof qs, "q", in->q);
		qs_add(qs, sizeof qs, "category", in->category);
		qs_add(qs, sizeof qs, "domain", in->domain);
		qs_add(qs, sizeof qs, "postcode", in->postcode);
		qs_add(qs, sizeof qs, "miles", in->miles);
		qs_add(qs, sizeof qs, "free", in->free);
		H(b, "<nav class=\"nhsuk-pagination\" role=\"navigation\" aria-label=\"Pages of results\">\n"
		     "<ul class=\"nhsuk-list nhsuk-pagination__list\">\n");
		if (d->page > 1) {
			H(b, "<li class=\"nhsuk-pagination-item--previous\"><a class=\"nhsuk-pagination__link "
			     "nhsuk-pagination__link--prev\" href=\"/directory");
			html_text(b, qs);
			html_textf(b, "%spage=%d", qs[0] ? "&" : "?", d->page - 1);
			H(b, "\"><span class=\"nhsuk-pagination__title\">Previous</span><span "
			     "class=\"nhsuk-u-visually-hidden\">:</span><span class=\"nhsuk-pagination__page\">");
			html_textf(b, "Page %d of %d", d->page - 1, pages);
			H(b, "</span></a></li>\n");
		}
		if (d->page < pages) {
			H(b, "<li class=\"nhsuk-pagination-item--next\"><a class=\"nhsuk-pagination__link "
			     "nhsuk-pagination__link--next\" href=\"/directory");
			html_text(b, qs);
			html_textf(b, "%spage=%d", qs[0] ? "&" : "?", d->page + 1);
			H(b, "\"><span class=\"nhsuk-pagination__title\">Next</span><span "
			     "class=\"nhsuk-u-visually-hidden\">:</span><span class=\"nhsuk-pagination__page\">");
			html_textf(b, "Page %d of %d", d->page + 1, pages);
			H(b, "</span></a></li>\n");
		}
		H(b, "</ul>\n</nav>\n");
	}
	v_page_end(b, p);
}

/* ---- a service ---------------------------------------------------------------- */

/* A row of text kept with its line breaks; nothing when empty. */
static void row_text(struct buf *b, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	v_summary_row_begin(b, key);
	H(b, "<span class=\"cp-pre\">");
	html_text(b, v);
	H(b, "</span>");
	v_summary_row_end(b);
}

/* "mailto:" and "tel:" links, and web addresses the check let in
 * (http or https, nothing that breaks out of the attribute). */
static void link(struct buf *b, const char *scheme, const char *v)
{
	H(b, "<a href=\"");
	html_text(b, scheme);
	html_text(b, v);
	H(b, "\">");
	html_text(b, v);
	H(b, "</a>");
}

static void when_text(struct buf *b, const struct store_dir_schedule *x)
{
	bool any = false;
	if (x->rrule) {
		struct recur_rule rule;
		char msg[RECUR_MSG_MAX], words[RECUR_SUMMARY_MAX];
		if (recur_parse(x->rrule, &rule, msg, sizeof msg) == CP_OK && recur_summary(&rule, words, sizeof words)) {
			html_text(b, words);
			any = true;
		}
	}
	if (x->opens_at) {
		html_text(b, any ? ", " : "");
		html_text(b, x->opens_at);
		if (x->closes_at) {
			H(b, " to ");
			html_text(b, x->closes_at);
		}
		any = true;
	}
	if (x->dtstart && *x->dtstart) {
		struct caldate d;
		char msg[160], human[CALDATE_HUMAN_MAX];
		if (caldate_parse(x->dtstart, NULL, &d, msg, sizeof msg) == CP_OK) {
			caldate_format_human(d, human, sizeof human);
			html_text(b, any ? ", from " : "From ");
			html_text(b, human);
			any = true;
		}
	}
	if (x->description && *x->description) {
		html_text(b, any ? ". " : "");
		html_text(b, x->description);
	}
}

void v_dir_service(struct buf *b, const struct view_page *p, const struct v_dir_service *d)
{
	const struct store_dir_entry *e = d->e;
	const struct store_dir_service *s = &e->svc;
	v_page_begin(b, p);
	v_notice(b, d->notice);
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, e->org.name);
	H(b, "</span>\n<h1>");
	html_text(b, s->name);
	H(b, "</h1>\n");
	if (strcmp(s->status, "active") != 0) {
		H(b, "<p><strong class=\"nhsuk-tag nhsuk-tag--grey\">");
		html_text(b, strcmp(s->status, "temporarily closed") == 0 ? "Closed for now" : "Not running");
		H(b, "</strong></p>\n");
	}
	if (d->stale) {
		H(b, "<div class=\"nhsuk-warning-callout\"><h2 class=\"nhsuk-warning-callout__label\"><span "
		     "role=\"text\"><span class=\"nhsuk-u-visually-hidden\">Important: </span>Check before you "
		     "suggest it</span></h2>\n<p>Nobody has checked this entry since ");
		day_text(b, s->reviewed_ms);
		H(b, ". Phone the service to make sure it still runs as described.</p></div>\n");
	}
	H(b, "<p class=\"cp-pre\">");
	html_text(b, s->description);
	H(b, "</p>\n<h2>Details</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	row_text(b, "Who it is for", s->eligibility);
	if (s->min_age >= 0 || s->max_age >= 0) {
		v_summary_row_begin(b, "Ages");
		if (s->min_age >= 0 && s->max_age >= 0)
			html_textf(b, "%lld to %lld", (long long)s->min_age, (long long)s->max_age);
		else if (s->min_age >= 0)
			html_textf(b, "%lld and over", (long long)s->min_age);
		else
			html_textf(b, "Up to %lld", (long long)s->max_age);
		v_summary_row_end(b);
	}
	row_text(b, "How to get in", s->how_to_access);
	for (size_t i = 0; i < e->n_sched; i++) {
		v_summary_row_begin(b, "When");
		when_text(b, &e->sched[i]);
		v_summary_row_end(b);
	}
	for (size_t i = 0; i < e->n_loc; i++) {
		const struct store_dir_location *l = &e->loc[i];
		v_summary_row_begin(b, "Where");
		const char *parts[] = {l->name, l->address, l->town, l->postcode};
		bool first = true;
		for (size_t k = 0; k < 4; k++) {
			if (!parts[k] || !*parts[k])
				continue;
			if (!first)
				H(b, "<br>");
			html_text(b, parts[k]);
			first = false;
		}
		if (l->accessibility && *l->accessibility) {
			H(b, "<br>");
			html_text(b, l->accessibility);
		}
		v_summary_row_end(b);
	}
	v_summary_row_begin(b, "Cost");
	if (s->free)
		H(b, "<strong class=\"nhsuk-tag nhsuk-tag--green\">Free</strong> ");
	if (!s->free || strcasecmp(s->fees, "free") != 0)
		html_text(b, s->fees);
	for (size_t i = 0; i < e->n_cost; i++) {
		const struct store_dir_cost *x = &e->cost[i];
		if (!x->amount || strtod(x->amount, NULL) == 0.0)
			continue;
		H(b, "<br>");
		html_text(b, x->option && *x->option ? x->option : "Cost");
		H(b, ": \xC2\xA3");
		html_text(b, x->amount);
		if (x->amount_description && *x->amount_description) {
			H(b, " (");
			html_text(b, x->amount_description);
			H(b, ")");
		}
	}
	v_summary_row_end(b);
	row_text(b, "Access and adjustments", s->accessibility);
	if (s->phone || s->email || s->url || e->n_contact) {
		v_summary_row_begin(b, "How to get in touch");
		bool first = true;
		if (s->phone) {
			H(b, "Phone ");
			link(b, "tel:", s->phone);
			first = false;
		}
		if (s->email) {
			if (!first)
				H(b, "<br>");
			H(b, "Email ");
			link(b, "mailto:", s->email);
			first = false;
		}
		if (s->url) {
			if (!first)
				H(b, "<br>");
			H(b, "Website ");
			link(b, "", s->url);
			first = false;
		}
		for (size_t i = 0; i < e->n_contact; i++) {
			const struct store_dir_contact *x = &e->contact[i];
			if (!first)
				H(b, "<br>");
			first = false;
			html_text(b, x->name && *x->name ? x->name : "Contact");
			if (x->title && *x->title) {
				H(b, ", ");
				html_text(b, x->title);
			}
			if (x->phone) {
				H(b, ": ");
				link(b, "tel:", x->phone);
			}
			if (x->email) {
				H(b, " ");
				link(b, "mailto:", x->email);
			}
		}
		v_summary_row_end(b);
	}
	if (e->n_area) {
		v_summary_row_begin(b, "Area covered");
		for (size_t i = 0; i < e->n_area; i++) {
			if (i)
				H(b, ", ");
			html_text(b, e->area[i].name);
		}
		v_summary_row_end(b);
	}
	if (e->n_domain) {
		v_summary_row_begin(b, "Needs it helps with");
		bool first = true;
		for (int k = 0; k < ADOMAIN__MAX; k++)
			for (size_t i = 0; i < e->n_domain; i++) {
				if (strcmp(e->domain[i], assess_domain_code((enum assess_domain)k)) != 0)
					continue;
				if (!first)
					H(b, ", ");
				html_text(b, assess_domain_label((enum assess_domain)k));
				first = false;
			}
		v_summary_row_end(b);
	}
	if (e->n_term) {
		v_summary_row_begin(b, "Categories");
		for (size_t i = 0; i < e->n_term; i++) {
			if (i)
				H(b, ", ");
			html_text(b, e->term[i].name);
		}
		v_summary_row_end(b);
	}
	v_summary_row_begin(b, "Last checked");
	day_text(b, s->reviewed_ms);
	if (d->reviewer) {
		H(b, " by ");
		html_text(b, d->reviewer);
	}
	if (d->stale) {
		H(b, " ");
		stale_tag(b);
	}
	v_summary_row_end(b);
	H(b, "</dl>\n");
	if (d->may_edit) {
		H(b, "<div class=\"cp-no-print\">\n<h2>Keep this entry right</h2>\n<p><a href=\"/directory/services/");
		html_i64(b, s->id);
		H(b, "/edit\">Change this entry</a></p>\n<form action=\"/directory/services/");
		html_i64(b, s->id);
		H(b, "/reviewed\" method=\"post\">\n");
		v_hidden_csrf(b, d->csrf);
		H(b, "<p>If you have checked that everything here is still right, say so.</p>\n"
		     "<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\">Mark as checked "
		     "today</button>\n</form>\n</div>\n");
	}
	H(b, "<p><a href=\"/directory\">Back to the directory</a></p>\n");
	v_page_end(b, p);
}

/* ---- adding or changing an entry ---------------------------------------------- */

static void textarea(struct buf *b, const char *id, const char *label, const char *hint, const char *value,
		     const char *err)
{
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, id);
	H(b, "\">");
	html_text(b, label);
	H(b, "</label>\n");
	v_hint(b, id, hint);
	v_error_message(b, id, err);
	H(b, "<textarea class=\"nhsuk-textarea");
	if (err)
		H(b, " nhsuk-textarea--error");
	H(b, "\" id=\"");
	html_text(b, id);
	H(b, "\" name=\"");
	html_text(b, id);
	H(b, "\" rows=\"3\"");
	v_described(b, id, hint, err);
	H(b, ">");
	html_text(b, value);
	H(b, "</textarea>\n</div>\n");
}

void v_dir_form(struct buf *b, const struct view_page *p, const struct v_dir_form *d)
{
	v_page_begin(b, p);
	v_error_summary(b, d->errs);
	H(b, "<h1>");
	html_text(b, d->id ? "Change a directory entry" : "Add a service to the directory");
	H(b, "</h1>\n<form action=\"");
	if (d->id) {
		H(b, "/directory/services/");
		html_i64(b, d->id);
		H(b, "/edit");
	} else {
		H(b, "/directory/services/new");
	}
	H(b, "\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	for (int i = 0; i < DIR_F__MAX; i++) {
		const struct dir_field_info *fi = dir_field((enum dir_field)i);
		const char *err = person_error_for(d->errs, fi->name);
		const char *v = d->f->v[i];
		if (fi->section) {
			H(b, "<h2>");
			html_text(b, fi->section);
			H(b, "</h2>\n");
		}
		if (fi->kind == 'a') {
			textarea(b, fi->name, fi->label, fi->hint, v, err);
		} else if (fi->kind == 's') {
			select_open(b, fi->name, fi->label, err);
			static const char *const st[][2] = {{"active", "Yes, it is running"},
							    {"temporarily closed", "Closed for now"},
							    {"inactive", "Not running at the moment"},
							    {"defunct", "Closed for good (hidden from searches)"}};
			for (size_t k = 0; k < 4; k++)
				option(b, st[k][0], st[k][1], same(v, st[k][0]) || (k == 0 && (!v || !*v)));
			H(b, "</select>\n</div>\n");
		} else {
			text_input(b, fi->name, fi->label, fi->hint, v, err,
				   fi->kind == 'n' ? " nhsuk-input--width-3"
				   : fi->kind == 't' ? " nhsuk-input--width-5"
				   : fi->kind == 'd' ? " nhsuk-input--width-10"
						     : NULL);
		}
	}
	const char *err = person_error_for(d->errs, "domains");
	v_group_begin(b, err);
	H(b, "<fieldset class=\"nhsuk-fieldset\"");
	v_described(b, "domains", "domains", err);
	H(b, "><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">Needs it helps with</legend>\n");
	v_hint(b, "domains", "The parts of the assessment it meets: loneliness is Mental wellbeing and Social.");
	v_error_message(b, "domains", err);
	H(b, "<div class=\"nhsuk-checkboxes\">\n");
	for (int k = 0; k < ADOMAIN__MAX; k++) {
		const char *code = assess_domain_code((enum assess_domain)k);
		char id[48];
		if (k == 0)
			snprintf(id, sizeof id, "domains");
		else
			snprintf(id, sizeof id, "domain_%s", code);
		H(b, "<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"");
		html_text(b, id);
		H(b, "\" name=\"domain_");
		html_text(b, code);
		H(b, "\" type=\"checkbox\" value=\"yes\"");
		if (d->f->domain[k])
			H(b, " checked");
		H(b, "><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"");
		html_text(b, id);
		H(b, "\">");
		html_text(b, assess_domain_label((enum assess_domain)k));
		H(b, "</label></div>\n");
	}
	H(b, "</div>\n</fieldset>\n</div>\n<button class=\"nhsuk-button\" type=\"submit\">Save the entry</button>\n"
	     "</form>\n<p><a href=\"");
	if (d->id) {
		H(b, "/directory/services/");
		html_i64(b, d->id);
	} else {
		H(b, "/directory");
	}
	H(b, "\">Cancel</a></p>\n");
	v_page_end(b, p);
}

/* ---- import ------------------------------------------------------------------- */

void v_dir_import(struct buf *b, const struct view_page *p, const struct v_dir_import *d)
{
	v_page_begin(b, p);
	v_error_summary(b, d->errs);
	H(b, "<h1>Import services into the directory</h1>\n");
	const struct dir_report *r = d->report;
	if (r) {
		H(b, "<h2 id=\"report\">What the import did</h2>\n<p>");
		html_textf(b, "%zu imported, %zu updated, %zu unchanged, %zu refused.", r->count[DIR_IMPORTED],
			   r->count[DIR_UPDATED], r->count[DIR_UNCHANGED], r->count[DIR_REFUSED]);
		H(b, "</p>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Each record in the "
		     "file</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Record</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Service</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Result</th></tr></thead>\n"
		     "<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < r->n; i++) {
			const struct dir_report_row *w = &r->rows[i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_text(b, w->ref);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			if (w->id) {
				H(b, "<a href=\"/directory/services/");
				html_i64(b, w->id);
				H(b, "\">");
				html_text(b, w->name);
				H(b, "</a>");
			} else {
				html_text(b, w->name);
			}
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			static const char *const words[DIR_OUTCOME__MAX] = {"Imported", "Updated", "Unchanged",
									    "Refused"};
			html_text(b, words[w->outcome]);
			if (w->message) {
				H(b, ": ");
				html_text(b, w->message);
			}
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n<h2>Import another file</h2>\n");
	}
	H(b, "<p>Paste the contents of an Open Referral UK (HSDS) JSON file or a CSV file with the directory's "
	     "columns. Each service is imported, updated or left as it is, or refused with the reason; a refused "
	     "record changes nothing. Importing the same file again changes nothing. Files larger than 64 KB: "
	     "use the command <code>careplan directory import</code>.</p>\n"
	     "<form action=\"/directory/import\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	const char *err = person_error_for(d->errs, "format");
	v_group_begin(b, err);
	H(b, "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">"
	     "Format of the file</legend>\n");
	v_error_message(b, "format", err);
	H(b, "<div class=\"nhsuk-radios\">\n<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" "
	     "id=\"format\" name=\"format\" type=\"radio\" value=\"hsds\"");
	if (!d->format || strcmp(d->format, "csv") != 0)
		H(b, " checked");
	H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"format\">Open Referral UK / HSDS JSON</label>"
	     "</div>\n<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"format-csv\" "
	     "name=\"format\" type=\"radio\" value=\"csv\"");
	if (d->format && strcmp(d->format, "csv") == 0)
		H(b, " checked");
	H(b, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"format-csv\">CSV</label></div>\n</div>\n"
	     "</fieldset>\n</div>\n");
	err = person_error_for(d->errs, "file");
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"file\">The file's contents</label>\n");
	v_error_message(b, "file", err);
	H(b, "<textarea class=\"nhsuk-textarea");
	if (err)
		H(b, " nhsuk-textarea--error");
	H(b, "\" id=\"file\" name=\"file\" rows=\"12\" spellcheck=\"false\"");
	v_described(b, "file", NULL, err);
	H(b, ">");
	html_text(b, d->text);
	H(b, "</textarea>\n</div>\n<button class=\"nhsuk-button\" type=\"submit\">Import</button>\n</form>\n"
	     "<p><a href=\"/directory\">Back to the directory</a></p>\n");
	v_page_end(b, p);
}

/* ---- stale entries ------------------------------------------------------------ */

void v_dir_stale(struct buf *b, const struct view_page *p, const struct v_dir_stale *d)
{
	v_page_begin(b, p);
	H(b, "<h1>Entries to check</h1>\n<p>These services have not been checked for over a year. Phone or "
	     "email each one, correct the entry if needed, then mark it as checked.</p>\n");
	if (!d->n) {
		H(b, "<p>Every entry has been checked in the last year.</p>\n");
	} else {
		H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">");
		html_textf(b, "%lld entries not checked for over a year, oldest first", (long long)d->total);
		H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Service</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Organisation</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Last checked</th></tr></thead>\n"
		     "<tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < d->n; i++) {
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"/directory/services/");
			html_i64(b, d->hits[i].id);
			H(b, "\">");
			html_text(b, d->hits[i].name);
			H(b, "</a></td><td class=\"nhsuk-table__cell\">");
			html_text(b, d->hits[i].organisation);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			day_text(b, d->hits[i].reviewed_ms);
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	H(b, "<p><a href=\"/directory\">Back to the directory</a></p>\n");
	v_page_end(b, p);
}
