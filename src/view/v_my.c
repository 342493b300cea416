/* v_my.c - the "My plan" pages (view_my.h). */
#include <stdio.h>
#include <string.h>

#include "../domain/caldate.h"
#include "../domain/episode.h"
#include "../domain/recur.h"
#include "../domain/share.h"
#include "../util/str.h"
#include "html.h"
#include "view_form.h"
#include "view_my.h"

#define NEXT_VISITS 3

static bool shows(const struct v_my *d, enum share_section s)
{
	return (d->v->mask & SHARE_BIT(s)) != 0;
}

static bool self(const struct v_my *d)
{
	return d->v->basis == ACCESS_SELF;
}

static void heading(struct buf *b, const struct v_my *d, const char *mine, const char *theirs)
{
	H(b, "<h1>");
	if (!self(d)) {
		H(b, "<span class=\"nhsuk-caption-l\">");
		html_text(b, d->v->person.given_name);
		H(b, " ");
		html_text(b, d->v->person.family_name);
		H(b, "<span class=\"nhsuk-u-visually-hidden\"> - </span></span>");
	}
	html_text(b, self(d) ? mine : theirs);
	H(b, "</h1>\n");
}

static void back(struct buf *b, const struct v_my *d)
{
	H(b, "<p><a href=\"");
	html_text(b, d->base);
	H(b, "\">");
	html_text(b, self(d) ? "Back to my plan" : "Back to their plan");
	H(b, "</a></p>\n");
}

void v_written_by(struct buf *b, const char *name, const char *writer, int64_t ms)
{
	H(b, "<p class=\"nhsuk-body-s nhsuk-u-secondary-text-color\">Written by ");
	html_text(b, name ? name : "someone");
	html_text(b, writer && strcmp(writer, "carer") == 0 ? " (their carer)" : " (the person)");
	if (ms) {
		H(b, ", ");
		html_time(b, ms);
	}
	H(b, "</p>\n");
}

static void own_tag(struct buf *b, const struct store_plan_own *o)
{
	if (!o)
		return;
	H(b, " <strong class=\"nhsuk-tag nhsuk-tag--blue\">Added by ");
	html_text(b, o->user_name ? o->user_name : "the person");
	html_text(b, strcmp(o->writer, "carer") == 0 ? " (their carer)" : " (the person)");
	H(b, "</strong>");
}

/* Who does action it, in words for the reader ("You" for the person). */
static const char *who_text(const struct v_my *d, const struct plan_item *it)
{
	struct arena *a = d->a;
	const struct plan_refs *refs = &d->v->plan.refs;
	const char *kind = it->v[PLF_ACTION_WHO];
	if (!kind)
		return NULL;
	if (strcmp(kind, "person") == 0)
		return d->v->basis == ACCESS_SELF ? "You" : d->v->person.given_name;
	const char *name = NULL;
	if (strcmp(kind, "carer") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_CARER, refs);
	else if (strcmp(kind, "member") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_USER, refs);
	else if (strcmp(kind, "service") == 0)
		name = plan_display(a, it, PLF_ACTION_WHO_NAME, refs);
	return name ? name : plan_display(a, it, PLF_ACTION_WHO, refs);
}

static const char *when_text(struct arena *a, const struct plan_item *it, const struct plan_refs *refs)
{
	if (it->v[PLF_ACTION_RRULE])
		return plan_display(a, it, PLF_ACTION_RRULE, refs);
	const char *dd = plan_display(a, it, PLF_ACTION_DUE, refs);
	return dd ? arena_printf(a, "By %s", dd) : NULL;
}

static bool action_open(const struct plan_item *it)
{
	const char *s = it->v[PLF_ACTION_STATUS];
	return !s || (strcmp(s, "done") != 0 && strcmp(s, "stopped") != 0);
}

static size_t count(const struct my_view *v, enum plan_section s)
{
	size_t n = 0;
	for (size_t i = 0; i < v->plan.n_items; i++)
		n += v->plan.items[i].section == s;
	return n;
}

/* The plan's item of a one-per-plan section, or NULL. */
static const struct plan_item *single(const struct my_view *v, enum plan_section s)
{
	return v->plan.exists ? plan_find(&v->plan, s, 0) : NULL;
}

static void no_plan(struct buf *b, const struct v_my *d)
{
	H(b, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span><p>");
	if (self(d))
		H(b, "You do not have a care plan yet. ");
	else
		H(b, "There is no care plan yet. ");
	if (d->v->has_key_worker) {
		html_text(b, self(d) ? "Your key worker is " : "Their key worker is ");
		html_text(b, d->v->key_worker.user_name ? d->v->key_worker.user_name : d->v->key_worker.name);
		H(b, ": they will make the plan with you. Contact them if you have questions.");
	} else {
		H(b, "The team will make one with you. Until then, contact your GP practice if you need help.");
	}
	H(b, "</p></div>\n");
}

static void sos_card(struct buf *b, const struct v_my *d)
{
	const struct plan_item *sos = single(d->v, PLS_SOS);
	if (!sos)
		return;
	H(b, "<div class=\"nhsuk-card nhsuk-card--care nhsuk-card--care--urgent\"><div class=\"nhsuk-card--care__heading-"
	     "container\"><h2 class=\"nhsuk-card--care__heading\"><span role=\"text\"><span class=\"nhsuk-u-visually-"
	     "hidden\">Urgent: </span>Getting back in touch quickly</span></h2><span class=\"nhsuk-card--care__arrow\" "
	     "aria-hidden=\"true\"></span></div>\n<div class=\"nhsuk-card__content\">\n<p>");
	html_text(b, sos->v[PLF_SOS_ROUTE]);
	H(b, "</p>\n");
	if (sos->v[PLF_SOS_PHONE]) {
		H(b, "<p>Phone: <strong>");
		html_text(b, sos->v[PLF_SOS_PHONE]);
		H(b, "</strong></p>\n");
	}
	H(b, "<p>In an emergency, call 999. For urgent help that is not an emergency, call 111.</p>\n</div></div>\n");
}

static void contacts_list(struct buf *b, const struct v_my *d)
{
	const struct my_view *v = d->v;
	H(b, "<dl class=\"nhsuk-summary-list\">\n");
	if (v->has_key_worker) {
		const char *kw = v->key_worker.user_name ? v->key_worker.user_name : v->key_worker.name;
		v_summary_row_or(b, "Key worker", kw, "Not written down");
	}
	for (size_t i = 0; i < v->plan.n_items; i++) {
		const struct plan_item *it = &v->plan.items[i];
		if (it->section != PLS_CONTACT)
			continue;
		const char *kind = plan_display(d->a, it, PLF_CONTACT_KIND, &v->plan.refs);
		const char *when = it->v[PLF_CONTACT_WHEN];
		const char *val = arena_printf(d->a, "%s%s%s%s%s", it->v[PLF_CONTACT_NAME] ? it->v[PLF_CONTACT_NAME] : "",
					       it->v[PLF_CONTACT_PHONE] ? ", " : "",
					       it->v[PLF_CONTACT_PHONE] ? it->v[PLF_CONTACT_PHONE] : "", when ? " (" : "",
					       when ? arena_printf(d->a, "%s)", when) : "");
		v_summary_row_or(b, kind && *kind ? kind : "Contact", val, "Not written down");
	}
	H(b, "</dl>\n");
}

static void link_item(struct buf *b, const struct v_my *d, const char *sub, const char *text, const char *about)
{
	H(b, "<li><a href=\"");
	html_text(b, d->base);
	html_text(b, sub);
	H(b, "\">");
	html_text(b, text);
	H(b, "</a>");
	if (about) {
		H(b, ": ");
		html_text(b, about);
	}
	H(b, "</li>\n");
}

void v_my_front(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	v_notice(b, d->notice);
	if (self(d)) {
		H(b, "<h1>My plan</h1>\n");
	} else {
		H(b, "<h1>");
		html_text(b, v->person.given_name);
		H(b, " ");
		html_text(b, v->person.family_name);
		H(b, "&#39;s plan</h1>\n<p>You can read the parts of the plan ");
		html_text(b, v->person.given_name);
		H(b, " has chosen to share with you.</p>\n");
	}
	if (!v->plan.exists)
		no_plan(b, d);
	if (v->plan.exists && shows(d, SHARE_GOALS)) {
		char dd[32];
		H(b, "<h2 id=\"review\">");
		html_text(b, self(d) ? "My next review" : "Next review");
		H(b, "</h2>\n<p>");
		if (v->plan.cp.next_review_date) {
			H(b, "The next review of the plan is on <strong>");
			html_text(b, v_date_long(dd, v->plan.cp.next_review_date));
			H(b, "</strong>.");
		} else {
			H(b, "No review date has been set yet.");
		}
		H(b, "</p>\n<h2 id=\"actions\">");
		html_text(b, self(d) ? "My key actions this year" : "Key actions this year");
		H(b, "</h2>\n");
		/* This year: open actions that recur, have no date, are due within
		 * the next 12 months or are overdue.  Later ones are on the goals
		 * page. */
		char horizon[CALDATE_STR] = "9999-12-31";
		struct caldate today, last;
		int64_t days = d->now_ms / 86400000LL;
		if (caldate_from_days((int)days, &today) == CP_OK && caldate_add_days(today, 365, &last) == CP_OK)
			caldate_format(last, horizon, sizeof horizon);
		size_t n = 0, later = 0;
		for (size_t i = 0; i < v->plan.n_items; i++) {
			const struct plan_item *it = &v->plan.items[i];
			if (it->section != PLS_ACTION || !action_open(it))
				continue;
			const char *due = it->v[PLF_ACTION_DUE];
			if (due && *due && !(it->v[PLF_ACTION_RRULE] && *it->v[PLF_ACTION_RRULE]) &&
			    strcmp(due, horizon) > 0) {
				later++;
				continue;
			}
			if (!n++)
				H(b, "<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
			H(b, "<li>");
			html_text(b, it->v[PLF_ACTION_WHAT]);
			const char *who = who_text(d, it), *when = when_text(d->a, it, &v->plan.refs);
			if (who) {
				H(b, ". <strong>Who:</strong> ");
				html_text(b, who);
			}
			if (when) {
				H(b, ". <strong>When:</strong> ");
				html_text(b, when);
			}
			own_tag(b, my_own(v, PLS_ACTION, it->id));
			H(b, "</li>\n");
		}
		if (n)
			H(b, "</ul>\n");
		else
			H(b, "<p>There are no open actions for the next 12 months.</p>\n");
		if (later) {
			H(b, "<p>");
			html_textf(b, "%zu more %s due later: ", later, later == 1 ? "action is" : "actions are");
			H(b, "<a href=\"");
			html_text(b, d->base);
			H(b, "/goals\">see ");
			html_text(b, self(d) ? "my goals and actions" : "goals and actions");
			H(b, "</a>.</p>\n");
		}
	}
	if (shows(d, SHARE_GOALS) || shows(d, SHARE_CONTINGENCY)) {
		H(b, "<h2 id=\"contact\">Who to contact and how</h2>\n");
		if (shows(d, SHARE_CONTINGENCY))
			sos_card(b, d);
		if (shows(d, SHARE_GOALS))
			contacts_list(b, d);
	}
	H(b, "<h2 id=\"pages\">");
	html_text(b, self(d) ? "More about my plan" : "More about the plan");
	H(b, "</h2>\n<ul class=\"nhsuk-list\">\n");
	if (shows(d, SHARE_ABOUT))
		link_item(b, d, "/about", "About me", "what matters to me and how to support me");
	if (shows(d, SHARE_GOALS)) {
		link_item(b, d, "/goals", self(d) ? "My goals and actions" : "Goals and actions", NULL);
		link_item(b, d, "/team", self(d) ? "My care team and contacts" : "Care team and contacts", NULL);
		link_item(b, d, "/timetable", self(d) ? "My timetable of care" : "Timetable of care", NULL);
	}
	/* The calendar page is there whatever is shared: it says what the
	 * calendar holds, which may be nothing. */
	link_item(b, d, "/calendar", self(d) ? "My calendar" : "Calendar",
		  self(d) ? "put my visits and review dates in the calendar on my phone or computer"
			  : "put the visits and review dates in the calendar on your phone or computer");
	if (shows(d, SHARE_ASSESSMENT))
		link_item(b, d, "/review", self(d) ? "My story and questions for my next review"
						   : "Their story and questions for the next review", NULL);
	if (shows(d, SHARE_CONTINGENCY))
		link_item(b, d, "/if-things-get-worse", "What to do if things get worse", NULL);
	if (shows(d, SHARE_ACP) && (single(v, PLS_ACP) || single(v, PLS_TEP)))
		link_item(b, d, "/advance-care-plan", self(d) ? "My advance care plan" : "Advance care plan", NULL);
	if (self(d)) {
		H(b, "<li><a href=\"/my/access\">Who can see my plan</a></li>\n"
		     "<li><a href=\"/my/sharing\">Who can see each part of my plan</a></li>\n"
		     "<li><a href=\"/my/record-log\">Who has seen or changed my record</a></li>\n");
	} else {
		link_item(b, d, "/record-log", "Who has seen or changed the record", "for the parts you may see");
	}
	H(b, "</ul>\n");
	if (v->plan.exists) {
		/* The plan on paper (h_pdf.c): the same parts as these pages. */
		H(b, "<h2 id=\"print\">");
		html_text(b, self(d) ? "My plan on paper" : "The plan on paper");
		H(b, "</h2>\n<p>");
		html_text(b, self(d) ? "Print your plan to take with you, for example to appointments or to hospital."
				     : "Print the parts of the plan you can see, to keep with you.");
		H(b, "</p>\n<ul class=\"nhsuk-list\">\n");
		link_item(b, d, "/plan.pdf", self(d) ? "My plan (PDF)" : "Their plan (PDF)", NULL);
		link_item(b, d, "/plan.pdf?large=1", "In large print (PDF)", NULL);
		link_item(b, d, "/plan.pdf?plain=1", "In black and white, for photocopying (PDF)", NULL);
		H(b, "</ul>\n");
	}
	v_page_end(b, p);
}

/* ---- About me ------------------------------------------------------------------ */

/* A textarea under a small bold label. */
static void textarea(struct buf *b, const char *field, const char *label, const char *hint, const char *value,
		     const char *err, int rows)
{
	v_text_input(b, &(struct v_text_input){.id = field, .label = label, .hint = hint, .value = value,
					       .error = err, .rows = rows, .bold_label = true});
}

static const char *err_of(const struct v_my *d, const char *form, const char *field)
{
	if (!d->form || strcmp(d->form, form) != 0)
		return NULL;
	return person_error_for(d->errs, field);
}

static void form_begin(struct buf *b, const struct v_my *d, const char *action)
{
	H(b, "<form method=\"post\" novalidate action=\"");
	html_text(b, action);
	H(b, "\">\n");
	v_hidden_csrf(b, d->csrf);
}

static void version_field(struct buf *b, int64_t v)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)v);
	v_hidden(b, "version", s);
}

static void button(struct buf *b, const char *text, bool secondary)
{
	H(b, "<button class=\"nhsuk-button");
	if (secondary)
		H(b, " nhsuk-button--secondary");
	H(b, "\" data-module=\"nhsuk-button\" type=\"submit\">");
	html_text(b, text);
	H(b, "</button>\n");
}

void v_my_about(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->error, d->errs);
	v_notice(b, d->notice);
	heading(b, d, "About me", "About them");
	if (self(d))
		H(b, "<p>Tell the people who support you what matters to you and how to help you well. You write this "
		     "part of your plan yourself, and you can change it whenever you like. Your care team can read "
		     "it.</p>\n");
	if (v->has_about) {
		v_written_by(b, v->about.user_name, v->about.writer, v->about.saved_ms);
		H(b, "<dl class=\"nhsuk-summary-list\">\n");
		for (int i = 0; i < ABOUT__MAX; i++)
			v_summary_row_or(b, about_label((enum about_item)i), v->about.item[i], "Not written down");
		H(b, "</dl>\n");
	} else {
		H(b, "<p>Nothing has been written in About me yet.</p>\n");
	}
	if (d->can_write) {
		H(b, "<h2 id=\"change\">");
		html_text(b, v->has_about ? "Change About me" : "Write About me");
		H(b, "</h2>\n");
		form_begin(b, d, "/my/about");
		/* After a refused stale save this is the newest version: saving again
		 * replaces it with what the person has now checked. */
		version_field(b, v->has_about ? v->about.version : 0);
		for (int i = 0; i < ABOUT__MAX; i++) {
			const char *f = about_field((enum about_item)i);
			const char *val = d->about_in ? d->about_in[i] : (v->has_about ? v->about.item[i] : NULL);
			textarea(b, f, about_label((enum about_item)i), about_hint((enum about_item)i), val,
				 err_of(d, "about", f), 3);
		}
		button(b, "Save About me", false);
		H(b, "</form>\n");
	}
	if (v->n_history) {
		H(b, "<h2 id=\"history\">Change history</h2>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__"
		     "caption nhsuk-u-visually-hidden\">Every saved version of About me</caption><thead class=\"nhsuk-"
		     "table__head\"><tr class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">Version"
		     "</th><th scope=\"col\" class=\"nhsuk-table__header\">Saved</th><th scope=\"col\" class=\"nhsuk-"
		     "table__header\">By</th></tr></thead><tbody class=\"nhsuk-table__body\">\n");
		for (size_t i = 0; i < v->n_history; i++) {
			const struct store_about_me *h = &v->history[i];
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_i64(b, h->version);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_time(b, h->saved_ms);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, h->user_name ? h->user_name : "");
			html_text(b, strcmp(h->writer, "carer") == 0 ? " (their carer)" : " (the person)");
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
	}
	back(b, d);
	v_page_end(b, p);
}

/* ---- goals and actions --------------------------------------------------------- */

/* A text input the browser may offer to fill. */
static void input(struct buf *b, const char *field, const char *label, const char *hint, const char *value,
		  const char *err, const char *width)
{
	v_text_input(b, &(struct v_text_input){.id = field, .label = label, .hint = hint, .value = value,
					       .error = err, .width = width, .autofill = true});
}

static void action_forms(struct buf *b, const struct v_my *d, const struct plan_item *it)
{
	char action[48];
	snprintf(action, sizeof action, "%lld", (long long)it->id);
	if (it->v[PLF_ACTION_WHO] && strcmp(it->v[PLF_ACTION_WHO], "person") == 0 && action_open(it)) {
		form_begin(b, d, "/my/goals/done");
		version_field(b, d->v->plan.cp.version);
		v_hidden(b, "action", action);
		H(b, "<button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2\" data-module=\""
		     "nhsuk-button\" type=\"submit\">Mark as done<span class=\"nhsuk-u-visually-hidden\">: ");
		html_text(b, it->v[PLF_ACTION_WHAT]);
		H(b, "</span></button>\n</form>\n");
	}
	if (!action_open(it))
		return;
	char field[48];
	snprintf(field, sizeof field, "confidence-%lld", (long long)it->id);
	bool mine = d->form && strcmp(d->form, "confidence") == 0 && d->err_action == it->id;
	const char *err = mine ? person_error_for(d->errs, "confidence") : NULL;
	form_begin(b, d, "/my/goals/confidence");
	version_field(b, d->v->plan.cp.version);
	v_hidden(b, "action", action);
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"");
	html_text(b, field);
	H(b, "\">How confident do you feel about this, from 1 to 10?<span class=\"nhsuk-u-visually-hidden\"> (");
	html_text(b, it->v[PLF_ACTION_WHAT]);
	H(b, ")</span></label>\n");
	v_hint(b, field, "1 is not at all confident, 10 is completely confident");
	if (err)
		v_error_message(b, field, err);
	H(b, "<input class=\"nhsuk-input nhsuk-input--width-2");
	if (err)
		H(b, " nhsuk-input--error");
	H(b, "\" id=\"");
	html_text(b, field);
	H(b, "\" name=\"confidence\" type=\"text\" inputmode=\"numeric\" value=\"");
	html_text(b, mine && d->confidence_in ? d->confidence_in
					       : (it->v[PLF_ACTION_CONFIDENCE] ? it->v[PLF_ACTION_CONFIDENCE] : ""));
	H(b, "\"");
	v_described(b, field, "x", err);
	H(b, ">\n</div>\n");
	H(b, "<button class=\"nhsuk-button nhsuk-button--secondary\" data-module=\"nhsuk-button\" type=\"submit\">"
	     "Save how confident I feel<span class=\"nhsuk-u-visually-hidden\">: ");
	html_text(b, it->v[PLF_ACTION_WHAT]);
	H(b, "</span></button>\n</form>\n");
}

void v_my_goals(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->error, d->errs);
	v_notice(b, d->notice);
	heading(b, d, "My goals and actions", "Goals and actions");
	if (!v->plan.exists) {
		no_plan(b, d);
		back(b, d);
		v_page_end(b, p);
		return;
	}
	size_t ng = 0;
	for (size_t g = 0; g < v->plan.n_items; g++) {
		const struct plan_item *goal = &v->plan.items[g];
		if (goal->section != PLS_GOAL)
			continue;
		ng++;
		H(b, "<div class=\"nhsuk-card\"><div class=\"nhsuk-card__content\">\n<h2 class=\"nhsuk-card__heading "
		     "nhsuk-heading-m\">");
		html_text(b, goal->v[PLF_GOAL_TITLE]);
		H(b, "</h2>\n<p>Status: ");
		html_text(b, plan_display(d->a, goal, PLF_GOAL_STATUS, &v->plan.refs));
		own_tag(b, my_own(v, PLS_GOAL, goal->id));
		H(b, "</p>\n");
		size_t na = 0;
		for (size_t i = 0; i < v->plan.n_items; i++) {
			const struct plan_item *it = &v->plan.items[i];
			int64_t gid = 0;
			if (it->section != PLS_ACTION || !it->v[PLF_ACTION_GOAL] ||
			    str_to_i64(it->v[PLF_ACTION_GOAL], 1, INT64_MAX, &gid) || gid != goal->id)
				continue;
			if (!na++)
				H(b, "<h3 class=\"nhsuk-heading-s\">Steps</h3>\n<ul class=\"nhsuk-list\">\n");
			H(b, "<li class=\"nhsuk-u-margin-bottom-4\"><p class=\"nhsuk-u-margin-bottom-1\"><strong>");
			html_text(b, it->v[PLF_ACTION_WHAT]);
			H(b, "</strong>");
			own_tag(b, my_own(v, PLS_ACTION, it->id));
			H(b, "</p>\n<p class=\"nhsuk-u-margin-bottom-1\">");
			const char *who = who_text(d, it), *when = when_text(d->a, it, &v->plan.refs);
			html_text(b, who ? who : "");
			if (when) {
				H(b, ". ");
				html_text(b, when);
			}
			H(b, ". ");
			html_text(b, plan_display(d->a, it, PLF_ACTION_STATUS, &v->plan.refs));
			H(b, ".");
			if (it->v[PLF_ACTION_CONFIDENCE]) {
				H(b, " Confidence: ");
				html_text(b, it->v[PLF_ACTION_CONFIDENCE]);
				H(b, " out of 10.");
			}
			H(b, "</p>\n");
			if (d->can_write)
				action_forms(b, d, it);
			H(b, "</li>\n");
		}
		if (na)
			H(b, "</ul>\n");
		H(b, "</div></div>\n");
	}
	if (!ng)
		H(b, "<p>There are no goals in the plan yet.</p>\n");
	if (d->can_write && !v->plan.read_only) {
		H(b, "<h2 id=\"add\">Add a goal of my own</h2>\n<p>Write a goal in your own words, and the first step "
		     "you will take towards it if you like. It goes into your plan, marked as yours, and your key "
		     "worker will see it.</p>\n");
		form_begin(b, d, "/my/goals");
		version_field(b, v->plan.cp.version);
		const struct my_goal_input *in = d->goal_in;
		textarea(b, "goal", "My goal", "For example, to walk to the shops on my own again",
			 in ? in->goal : NULL, err_of(d, "goal", "goal"), 2);
		textarea(b, "step", "The first step I will take (optional)", NULL, in ? in->step : NULL,
			 err_of(d, "goal", "step"), 2);
		input(b, "step_due", "By when", "Needed with a first step. Year, month and day, like 2026-01-22",
		      in ? in->step_due : NULL, err_of(d, "goal", "step_due"), "nhsuk-input--width-10");
		button(b, "Add my goal", false);
		H(b, "</form>\n");
		H(b, "<p><a href=\"/my/actions.csv\" download>Download my actions as a spreadsheet (CSV file)</a></p>\n");
	}
	back(b, d);
	v_page_end(b, p);
}

/* ---- story and questions for the review ------------------------------------------ */

void v_review_written(struct buf *b, const struct store_review_story *story, bool has_story,
		      const struct store_review_question *q, size_t n)
{
	if (!has_story && !n)
		return;
	H(b, "<div class=\"nhsuk-card\" id=\"person-written\"><div class=\"nhsuk-card__content\">\n<h2 class=\"nhsuk-"
	     "card__heading\">From the person, for this review</h2>\n");
	if (has_story) {
		H(b, "<h3>Their story</h3>\n");
		v_written_by(b, story->user_name, story->writer, story->saved_ms);
		H(b, "<p class=\"cp-pre\">");
		html_text(b, story->story);
		H(b, "</p>\n");
	}
	if (n) {
		H(b, "<h3>Their questions</h3>\n<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
		for (size_t i = 0; i < n; i++) {
			H(b, "<li>");
			html_text(b, q[i].question);
			H(b, " <span class=\"nhsuk-u-secondary-text-color\">(asked by ");
			html_text(b, q[i].user_name ? q[i].user_name : "");
			html_text(b, strcmp(q[i].writer, "carer") == 0 ? ", their carer)" : ", the person)");
			H(b, "</span></li>\n");
		}
		H(b, "</ul>\n");
	}
	H(b, "</div></div>\n");
}

void v_my_review(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	v_error_summary_full(b, NULL, d->error, d->errs);
	v_notice(b, d->notice);
	heading(b, d, "My story and questions for my next review", "Their story and questions for the next review");
	if (self(d))
		H(b, "<p>Before your review, write down how things have been and anything you want to ask. Your key "
		     "worker reads it before and during the review.</p>\n");
	if (v->plan.exists && v->plan.cp.next_review_date && shows(d, SHARE_GOALS)) {
		char dd[32];
		H(b, "<p>The next review is on <strong>");
		html_text(b, v_date_long(dd, v->plan.cp.next_review_date));
		H(b, "</strong>.</p>\n");
	}
	H(b, "<h2 id=\"story\">");
	html_text(b, self(d) ? "My story" : "Their story");
	H(b, "</h2>\n");
	if (v->has_story) {
		v_written_by(b, v->story.user_name, v->story.writer, v->story.saved_ms);
		if (!d->can_write) {
			H(b, "<p class=\"cp-pre\">");
			html_text(b, v->story.story);
			H(b, "</p>\n");
		}
	} else if (!d->can_write) {
		H(b, "<p>Nothing has been written yet.</p>\n");
	}
	bool open = v->has_episode && episode_stage_open(episode_stage_from_code(v->ep.stage));
	if (d->can_write && open) {
		form_begin(b, d, "/my/review/story");
		version_field(b, v->has_story ? v->story.version : 0);
		textarea(b, "story", "How things have been since the plan was made", "What has gone well, what has "
			 "been hard, and what has changed", d->story_in ? d->story_in : (v->has_story ? v->story.story : NULL),
			 err_of(d, "story", "story"), 6);
		button(b, "Save my story", false);
		H(b, "</form>\n");
	}
	H(b, "<h2 id=\"questions\">");
	html_text(b, self(d) ? "My questions" : "Their questions");
	H(b, "</h2>\n");
	if (v->n_questions) {
		H(b, "<ul class=\"nhsuk-list nhsuk-list--bullet\">\n");
		for (size_t i = 0; i < v->n_questions; i++) {
			const struct store_review_question *q = &v->questions[i];
			H(b, "<li>");
			html_text(b, q->question);
			H(b, " <span class=\"nhsuk-u-secondary-text-color\">(asked by ");
			html_text(b, q->user_name ? q->user_name : "");
			html_text(b, strcmp(q->writer, "carer") == 0 ? ", their carer)" : ", the person)");
			H(b, "</span>");
			if (d->can_write && open) {
				char id[24];
				snprintf(id, sizeof id, "%lld", (long long)q->id);
				form_begin(b, d, "/my/review/questions/remove");
				v_hidden(b, "question_id", id);
				H(b, "<button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2\" data-"
				     "module=\"nhsuk-button\" type=\"submit\">Take this question back<span class=\"nhsuk-u-"
				     "visually-hidden\">: ");
				html_text(b, q->question);
				H(b, "</span></button>\n</form>\n");
			}
			H(b, "</li>\n");
		}
		H(b, "</ul>\n");
	} else {
		H(b, "<p>No questions yet.</p>\n");
	}
	if (d->can_write && open) {
		form_begin(b, d, "/my/review/questions");
		textarea(b, "question", "A question for my review", "For example, can I try a different time for my visits?",
			 d->question_in, err_of(d, "question", "question"), 2);
		button(b, "Add my question", false);
		H(b, "</form>\n");
	} else if (d->can_write) {
		H(b, "<p>You are not being supported by the team at the moment, so there is no review to get ready "
		     "for.</p>\n");
	}
	back(b, d);
	v_page_end(b, p);
}

/* ---- team, timetable, if things get worse, advance care plan -------------------------- */

void v_my_team(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	heading(b, d, "My care team and contacts", "Care team and contacts");
	H(b, "<h2 id=\"team\">The care team</h2>\n");
	if (v->n_team) {
		H(b, "<dl class=\"nhsuk-summary-list\">\n");
		for (size_t i = 0; i < v->n_team; i++) {
			const struct store_team_member *m = &v->team[i];
			const char *name = m->user_name ? m->user_name : m->name;
			const char *val = arena_printf(d->a, "%s%s%s%s", name ? name : "", m->organisation ? ", " : "",
						       m->organisation ? m->organisation : "",
						       m->is_key_worker ? " (key worker)" : "");
			v_summary_row_or(b, m->role, val, "Not written down");
		}
		H(b, "</dl>\n");
	} else {
		H(b, "<p>No one is in the care team yet.</p>\n");
	}
	H(b, "<h2 id=\"contacts\">Contacts</h2>\n");
	if (count(v, PLS_CONTACT) || v->has_key_worker)
		contacts_list(b, d);
	else
		H(b, "<p>No contacts have been written in the plan yet.</p>\n");
	if (shows(d, SHARE_CONTINGENCY))
		sos_card(b, d);
	back(b, d);
	v_page_end(b, p);
}

void v_my_timetable(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	heading(b, d, "My timetable of care", "Timetable of care");
	if (!count(v, PLS_VISIT)) {
		H(b, "<p>There are no regular visits or services in the plan.</p>\n");
	} else {
		H(b, "<p>Times are UK time.</p>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">"
		     "Visits and services</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">What</th><th scope=\"col\" class=\"nhsuk-table__"
		     "header\">Who comes</th><th scope=\"col\" class=\"nhsuk-table__header\">How often</th><th scope=\""
		     "col\" class=\"nhsuk-table__header\">Next visits</th></tr></thead><tbody class=\"nhsuk-table__body"
		     "\">\n");
		for (size_t i = 0; i < v->plan.n_items; i++) {
			const struct plan_item *it = &v->plan.items[i];
			if (it->section != PLS_VISIT)
				continue;
			H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_text(b, it->v[PLF_VISIT_WHAT]);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, it->v[PLF_VISIT_WHO]);
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			html_text(b, plan_display(d->a, it, PLF_VISIT_RRULE, &v->plan.refs));
			if (it->v[PLF_VISIT_MINUTES]) {
				H(b, ", for ");
				html_text(b, it->v[PLF_VISIT_MINUTES]);
				H(b, " minutes");
			}
			H(b, "</td><td class=\"nhsuk-table__cell\">");
			struct recur_occ occ[NEXT_VISITS];
			size_t n = 0;
			if (plan_visit_next(it, d->now_ms, occ, NEXT_VISITS, &n) != CP_OK || !n) {
				H(b, "None to come");
			} else {
				H(b, "<ul class=\"nhsuk-list nhsuk-u-margin-bottom-0\">");
				for (size_t k = 0; k < n; k++) {
					char day[CALDATE_HUMAN_MAX];
					caldate_format_human(occ[k].local.date, day, sizeof day);
					H(b, "<li>");
					html_text(b, day);
					html_textf(b, " at %02d:%02d", occ[k].local.hour % 24, occ[k].local.minute % 60);
					H(b, "</li>");
				}
				H(b, "</ul>");
			}
			H(b, "</td></tr>\n");
		}
		H(b, "</tbody></table>\n");
		H(b, "<p><a href=\"");
		html_text(b, d->base);
		H(b, "/calendar\">");
		html_text(b, self(d) ? "Put these visits in the calendar on my phone or computer"
				     : "Put these visits in the calendar on your phone or computer");
		H(b, "</a></p>\n");
	}
	back(b, d);
	v_page_end(b, p);
}

void v_my_worse(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	heading(b, d, "What to do if things get worse", "What to do if things get worse");
	sos_card(b, d);
	if (!count(v, PLS_CONTINGENCY))
		H(b, "<p>No plans for when things get worse have been written yet.</p>\n");
	for (size_t i = 0; i < v->plan.n_items; i++) {
		const struct plan_item *it = &v->plan.items[i];
		if (it->section != PLS_CONTINGENCY)
			continue;
		H(b, "<h2>If: ");
		html_text(b, it->v[PLF_CONT_SITUATION]);
		H(b, "</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		static const struct {
			enum plan_field f;
			const char *label;
		} parts[] = {
			{PLF_CONT_SIGNS, "Early warning signs"}, {PLF_CONT_TRIGGERS, "What can set it off"},
			{PLF_CONT_DO, "What to do"},             {PLF_CONT_CONTACT, "Who to contact"},
			{PLF_CONT_COPING, "What helps"},         {PLF_CONT_MEDICINES, "Medicines to have ready"},
			{PLF_CONT_EQUIPMENT, "Equipment to have ready"},
		};
		for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
			if (it->v[parts[k].f])
				v_summary_row_or(b, parts[k].label, it->v[parts[k].f], "Not written down");
		H(b, "</dl>\n");
	}
	back(b, d);
	v_page_end(b, p);
}

void v_my_acp(struct buf *b, const struct view_page *p, const struct v_my *d)
{
	const struct my_view *v = d->v;
	v_page_begin(b, p);
	heading(b, d, "My advance care plan", "Advance care plan");
	const struct plan_item *acp = single(v, PLS_ACP), *tep = single(v, PLS_TEP);
	if (acp) {
		H(b, "<h2>What I want for my future care</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		enum plan_field f, end;
		plan_section_fields(PLS_ACP, &f, &end);
		for (; f < end; f++)
			if (acp->v[f])
				v_summary_row_or(b, plan_field(f)->label, plan_display(d->a, acp, f, &v->plan.refs), "Not written down");
		H(b, "</dl>\n");
	}
	if (tep) {
		H(b, "<h2>Treatment if I become very unwell</h2>\n<dl class=\"nhsuk-summary-list\">\n");
		enum plan_field f, end;
		plan_section_fields(PLS_TEP, &f, &end);
		for (; f < end; f++)
			if (tep->v[f])
				v_summary_row_or(b, plan_field(f)->label, plan_display(d->a, tep, f, &v->plan.refs), "Not written down");
		H(b, "</dl>\n");
	}
	back(b, d);
	v_page_end(b, p);
}

void v_cared_for(struct buf *b, const struct view_page *p, const struct store_grant *g, size_t n)
{
	v_page_begin(b, p);
	H(b, "<h1>People you care for</h1>\n");
	if (!n) {
		H(b, "<p>No one has let you see their plan at the moment. A person can let you see it through their "
		     "care team.</p>\n");
	} else {
		H(b, "<p>These people have let you see parts of their plan. They choose which parts, and can change "
		     "that at any time.</p>\n<ul class=\"nhsuk-list\">\n");
		for (size_t i = 0; i < n; i++) {
			H(b, "<li><a href=\"/cared-for/");
			html_i64(b, g[i].person_id);
			H(b, "\">");
			html_text(b, g[i].person_name);
			H(b, "</a></li>\n");
		}
		H(b, "</ul>\n");
	}
	v_page_end(b, p);
}

void v_about_card(struct buf *b, const struct store_about_me *m)
{
	H(b, "<div class=\"nhsuk-card\" id=\"about-me\"><div class=\"nhsuk-card__content\">\n<h2 class=\"nhsuk-card__"
	     "heading\">About me</h2>\n");
	v_written_by(b, m->user_name, m->writer, m->saved_ms);
	H(b, "<dl class=\"nhsuk-summary-list\">\n");
	for (int i = 0; i < ABOUT__MAX; i++)
		if (m->item[i])
			v_summary_row_or(b, about_label((enum about_item)i), m->item[i], "Not written down");
	H(b, "</dl>\n</div></div>\n");
}
