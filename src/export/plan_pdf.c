/*
 * plan_pdf.c - the person-held plan as PDF (plan_pdf.h).
 *
 * Each section is one function that adds its blocks to the document when
 * the reader may see it; the words mirror the My plan pages (v_my.c) so
 * paper and screen say the same thing.
 */
#include "plan_pdf.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../domain/caldate.h"
#include "../domain/recur.h"
#include "../domain/share.h"
#include "../util/str.h"

#define NEXT_VISITS 3

struct ctx {
	struct arena *a;
	struct pdf_doc *d;
	const struct my_view *v;
	int64_t now_ms;
	bool self; /* the person's own copy */
};

static bool shows(const struct ctx *x, enum share_section s)
{
	return (x->v->mask & SHARE_BIT(s)) != 0;
}

/* "My x" for the person, "Their x" otherwise. */
static const char *mine(const struct ctx *x, const char *my, const char *their)
{
	return x->self ? my : their;
}

/* "12 May 2026" for "2026-05-12" (arena); the text itself when it is not a date. */
static const char *human(struct arena *a, const char *iso)
{
	struct caldate d;
	char msg[8];
	if (!iso || caldate_parse(iso, NULL, &d, msg, sizeof msg) != CP_OK)
		return iso;
	char out[CALDATE_HUMAN_MAX];
	caldate_format_human(d, out, sizeof out);
	return arena_strdup(a, out);
}

static const char *full_name(struct arena *a, const struct store_person *p)
{
	return arena_printf(a, "%s %s", p->given_name ? p->given_name : "", p->family_name ? p->family_name : "");
}

const char *plan_pdf_head(struct arena *a, const struct my_view *v)
{
	const char *born = human(a, v->person.birth_date);
	return arena_printf(a, "%s, born %s", full_name(a, &v->person), born ? born : "(date of birth not recorded)");
}

const char *plan_pdf_foot(struct arena *a, const struct my_view *v)
{
	const struct store_care_plan *cp = &v->plan.cp;
	if (cp->status && strcmp(cp->status, "agreed") == 0 && cp->agreed_date)
		return arena_printf(a, "Plan version %lld, agreed on %s", (long long)cp->version,
				    human(a, cp->agreed_date));
	return arena_printf(a, "Plan version %lld, not yet agreed", (long long)cp->version);
}

const char *plan_pdf_filename(struct arena *a, const struct my_view *v)
{
	const char *fam = v->person.family_name ? v->person.family_name : "";
	char name[41];
	size_t n = 0;
	for (const char *p = fam; *p && n < sizeof name - 1; p++) {
		unsigned char ch = (unsigned char)*p;
		if (isascii(ch) && isalnum(ch))
			name[n++] = (char)tolower(ch);
		else if (n && name[n - 1] != '-' && (ch == ' ' || ch == '-'))
			name[n++] = '-';
	}
	while (n && name[n - 1] == '-')
		n--;
	name[n] = '\0';
	return arena_printf(a, "plan-%s%sv%lld.pdf", name, n ? "-" : "", (long long)v->plan.cp.version);
}

/* ---- the parts of a section ------------------------------------------------------ */

static void label_value(struct ctx *x, const char *label, const char *value)
{
	pdf_add(x->d, PDF_LABEL, label);
	pdf_add(x->d, PDF_BODY, value && *value ? value : "Not written down");
}

static size_t count(const struct my_view *v, enum plan_section s)
{
	size_t n = 0;
	for (size_t i = 0; i < v->plan.n_items; i++)
		n += v->plan.items[i].section == s;
	return n;
}

static bool action_open(const struct plan_item *it)
{
	const char *s = it->v[PLF_ACTION_STATUS];
	return !s || (strcmp(s, "done") != 0 && strcmp(s, "stopped") != 0);
}

/* Who does action it ("You" on the person's copy). */
static const char *who_text(const struct ctx *x, const struct plan_item *it)
{
	const struct plan_refs *refs = &x->v->plan.refs;
	const char *kind = it->v[PLF_ACTION_WHO];
	if (!kind)
		return NULL;
	if (strcmp(kind, "person") == 0)
		return x->self ? "You" : x->v->person.given_name;
	const char *name = NULL;
	if (strcmp(kind, "carer") == 0)
		name = plan_display(x->a, it, PLF_ACTION_WHO_CARER, refs);
	else if (strcmp(kind, "member") == 0)
		name = plan_display(x->a, it, PLF_ACTION_WHO_USER, refs);
	else if (strcmp(kind, "service") == 0)
		name = plan_display(x->a, it, PLF_ACTION_WHO_NAME, refs);
	return name ? name : plan_display(x->a, it, PLF_ACTION_WHO, refs);
}

static const char *when_text(const struct ctx *x, const struct plan_item *it)
{
	if (it->v[PLF_ACTION_RRULE])
		return plan_display(x->a, it, PLF_ACTION_RRULE, &x->v->plan.refs);
	const char *dd = plan_display(x->a, it, PLF_ACTION_DUE, &x->v->plan.refs);
	return dd ? arena_printf(x->a, "By %s", dd) : NULL;
}

/* "Walk to the shops. Who: You. When: every Monday." */
static const char *action_line(const struct ctx *x, const struct plan_item *it, bool status)
{
	const char *who = who_text(x, it), *when = when_text(x, it);
	const char *st = status ? plan_display(x->a, it, PLF_ACTION_STATUS, &x->v->plan.refs) : NULL;
	return arena_printf(x->a, "%s%s%s%s%s%s%s", it->v[PLF_ACTION_WHAT] ? it->v[PLF_ACTION_WHAT] : "",
			    who ? ". Who: " : "", who ? who : "", when ? ". When: " : "", when ? when : "",
			    st ? ". Status: " : "", st ? st : "");
}

static const struct plan_item *single(const struct my_view *v, enum plan_section s)
{
	return v->plan.exists ? plan_find(&v->plan, s, 0) : NULL;
}

/* ---- page 1 -------------------------------------------------------------------- */

static void key_actions(struct ctx *x)
{
	const struct my_view *v = x->v;
	if (!shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "My key actions for this year", "Key actions for this year"));
	/* As the My plan front page: open actions that recur, have no date,
	 * are overdue or are due in the next 12 months. */
	char horizon[CALDATE_STR] = "9999-12-31";
	struct caldate today, last;
	if (caldate_from_days((int)(x->now_ms / 86400000LL), &today) == CP_OK &&
	    caldate_add_days(today, 365, &last) == CP_OK)
		caldate_format(last, horizon, sizeof horizon);
	size_t n = 0, later = 0;
	for (size_t i = 0; i < v->plan.n_items; i++) {
		const struct plan_item *it = &v->plan.items[i];
		if (it->section != PLS_ACTION || !action_open(it))
			continue;
		const char *due = it->v[PLF_ACTION_DUE];
		if (due && *due && !(it->v[PLF_ACTION_RRULE] && *it->v[PLF_ACTION_RRULE]) && strcmp(due, horizon) > 0) {
			later++;
			continue;
		}
		n++;
		pdf_add(x->d, PDF_BULLET, action_line(x, it, false));
	}
	if (!n)
		pdf_add(x->d, PDF_BODY, "There are no open actions for the next 12 months.");
	if (later)
		pdf_addf(x->d, PDF_BODY, "%zu more %s due later: see \"Who does what and when\".", later,
			 later == 1 ? "action is" : "actions are");
}

static void contacts(struct ctx *x)
{
	const struct my_view *v = x->v;
	pdf_add(x->d, PDF_H1, "Who to contact and how");
	if (shows(x, SHARE_GOALS) && v->has_key_worker) {
		const char *kw = v->key_worker.user_name ? v->key_worker.user_name : v->key_worker.name;
		pdf_addf(x->d, PDF_BODY, "%s: %s", mine(x, "My key worker", "Key worker"), kw ? kw : "");
	}
	const struct plan_item *sos = shows(x, SHARE_CONTINGENCY) ? single(v, PLS_SOS) : NULL;
	if (sos) {
		pdf_add(x->d, PDF_H2, "Getting back in touch quickly");
		/* One box: the route and its number belong together. */
		if (sos->v[PLF_SOS_PHONE])
			pdf_addf(x->d, PDF_URGENT, "%s\nPhone: %s", sos->v[PLF_SOS_ROUTE] ? sos->v[PLF_SOS_ROUTE] : "",
				 sos->v[PLF_SOS_PHONE]);
		else
			pdf_add(x->d, PDF_URGENT, sos->v[PLF_SOS_ROUTE]);
	}
	if (shows(x, SHARE_GOALS) && count(v, PLS_CONTACT)) {
		pdf_add(x->d, PDF_H2, "Contacts, including out of hours");
		for (size_t i = 0; i < v->plan.n_items; i++) {
			const struct plan_item *it = &v->plan.items[i];
			if (it->section != PLS_CONTACT)
				continue;
			const char *kind = plan_display(x->a, it, PLF_CONTACT_KIND, &v->plan.refs);
			const char *when = it->v[PLF_CONTACT_WHEN];
			/* One line each: page 1 has to hold actions, contacts and the review. */
			pdf_addf(x->d, PDF_BULLET, "%s: %s%s%s%s%s%s", kind && *kind ? kind : "Contact",
				 it->v[PLF_CONTACT_NAME] ? it->v[PLF_CONTACT_NAME] : "", it->v[PLF_CONTACT_PHONE] ? ", " : "",
				 it->v[PLF_CONTACT_PHONE] ? it->v[PLF_CONTACT_PHONE] : "", when ? " (" : "", when ? when : "",
				 when ? ")" : "");
		}
	}
	pdf_add(x->d, PDF_H2, "In an emergency");
	pdf_add(x->d, PDF_URGENT, "In an emergency, call 999. For urgent help that is not an emergency, call 111.");
}

static void next_review(struct ctx *x)
{
	if (!shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "My next review", "Next review"));
	const char *nr = x->v->plan.cp.next_review_date;
	if (nr)
		pdf_addf(x->d, PDF_BODY, "The next review of the plan is on %s.", human(x->a, nr));
	else
		pdf_add(x->d, PDF_BODY, "No review date has been set yet.");
}

/* ---- the sections that follow ---------------------------------------------------- */

static void about_me(struct ctx *x)
{
	if (!shows(x, SHARE_ABOUT))
		return;
	pdf_add(x->d, PDF_H1, "About me");
	if (!x->v->has_about) {
		pdf_add(x->d, PDF_BODY, "Nothing has been written in About me yet.");
		return;
	}
	for (int i = 0; i < ABOUT__MAX; i++)
		if (x->v->about.item[i] && i != ABOUT_IMPORTANT)
			label_value(x, about_label((enum about_item)i), x->v->about.item[i]);
}

static void what_matters(struct ctx *x)
{
	bool about = shows(x, SHARE_ABOUT) && x->v->has_about && x->v->about.item[ABOUT_IMPORTANT];
	bool issues = shows(x, SHARE_GOALS) && count(x->v, PLS_ISSUE);
	if (!shows(x, SHARE_ABOUT) && !shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "What matters to me", "What matters to them"));
	if (about)
		label_value(x, about_label(ABOUT_IMPORTANT), x->v->about.item[ABOUT_IMPORTANT]);
	if (issues) {
		pdf_add(x->d, PDF_LABEL, "The issues that matter most, most important first");
		for (size_t i = 0; i < x->v->plan.n_items; i++)
			if (x->v->plan.items[i].section == PLS_ISSUE)
				pdf_add(x->d, PDF_BULLET, x->v->plan.items[i].v[PLF_ISSUE_WHAT]);
	}
	if (!about && !issues)
		pdf_add(x->d, PDF_BODY, "Nothing has been written here yet.");
}

static void goals(struct ctx *x)
{
	const struct my_view *v = x->v;
	if (!shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "My goals and the steps to them", "Goals and the steps to them"));
	size_t ng = 0;
	for (size_t g = 0; g < v->plan.n_items; g++) {
		const struct plan_item *goal = &v->plan.items[g];
		if (goal->section != PLS_GOAL)
			continue;
		ng++;
		pdf_add(x->d, PDF_H2, goal->v[PLF_GOAL_TITLE]);
		const char *st = plan_display(x->a, goal, PLF_GOAL_STATUS, &v->plan.refs);
		const char *target = plan_display(x->a, goal, PLF_GOAL_TARGET, &v->plan.refs);
		pdf_addf(x->d, PDF_BODY, "Status: %s%s%s%s", st ? st : "not set", target ? ". Target date: " : "",
			 target ? target : "", my_own(v, PLS_GOAL, goal->id) ? ". Added by the person" : "");
		for (size_t i = 0; i < v->plan.n_items; i++) {
			const struct plan_item *it = &v->plan.items[i];
			int64_t gid = 0;
			if (it->section != PLS_ACTION || !it->v[PLF_ACTION_GOAL] ||
			    str_to_i64(it->v[PLF_ACTION_GOAL], 1, INT64_MAX, &gid) || gid != goal->id)
				continue;
			pdf_add(x->d, PDF_BULLET, action_line(x, it, true));
		}
	}
	if (!ng)
		pdf_add(x->d, PDF_BODY, "There are no goals in the plan yet.");
}

static void who_does_what(struct ctx *x)
{
	const struct my_view *v = x->v;
	if (!shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, "Who does what and when");
	if (!count(v, PLS_ACTION)) {
		pdf_add(x->d, PDF_BODY, "There are no actions in the plan yet.");
		return;
	}
	for (size_t i = 0; i < v->plan.n_items; i++)
		if (v->plan.items[i].section == PLS_ACTION)
			pdf_add(x->d, PDF_BULLET, action_line(x, &v->plan.items[i], true));
}

static void care_team(struct ctx *x)
{
	const struct my_view *v = x->v;
	if (!shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "My care team", "Care team"));
	if (!v->n_team) {
		pdf_add(x->d, PDF_BODY, "No one is in the care team yet.");
		return;
	}
	for (size_t i = 0; i < v->n_team; i++) {
		const struct store_team_member *m = &v->team[i];
		const char *name = m->user_name ? m->user_name : m->name;
		label_value(x, m->role,
			    arena_printf(x->a, "%s%s%s%s", name ? name : "", m->organisation ? ", " : "",
					 m->organisation ? m->organisation : "", m->is_key_worker ? " (key worker)" : ""));
	}
}

static void timetable(struct ctx *x)
{
	const struct my_view *v = x->v;
	if (!shows(x, SHARE_GOALS))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "My timetable of care", "Timetable of care"));
	if (!count(v, PLS_VISIT)) {
		pdf_add(x->d, PDF_BODY, "There are no regular visits or services in the plan.");
		return;
	}
	pdf_add(x->d, PDF_NOTE, "Times are UK time.");
	for (size_t i = 0; i < v->plan.n_items; i++) {
		const struct plan_item *it = &v->plan.items[i];
		if (it->section != PLS_VISIT)
			continue;
		pdf_add(x->d, PDF_H2, it->v[PLF_VISIT_WHAT]);
		const char *how = plan_display(x->a, it, PLF_VISIT_RRULE, &v->plan.refs);
		pdf_addf(x->d, PDF_BODY, "Who comes: %s. How often: %s%s%s%s.",
			 it->v[PLF_VISIT_WHO] ? it->v[PLF_VISIT_WHO] : "not written down", how ? how : "not written down",
			 it->v[PLF_VISIT_MINUTES] ? ", for " : "", it->v[PLF_VISIT_MINUTES] ? it->v[PLF_VISIT_MINUTES] : "",
			 it->v[PLF_VISIT_MINUTES] ? " minutes" : "");
		struct recur_occ occ[NEXT_VISITS];
		size_t n = 0;
		if (plan_visit_next(it, x->now_ms, occ, NEXT_VISITS, &n) != CP_OK || !n) {
			pdf_add(x->d, PDF_BODY, "Next visits: none to come.");
			continue;
		}
		char list[3 * (CALDATE_HUMAN_MAX + 16)] = "";
		size_t used = 0;
		for (size_t k = 0; k < n; k++) {
			char day[CALDATE_HUMAN_MAX];
			caldate_format_human(occ[k].local.date, day, sizeof day);
			int w = snprintf(list + used, sizeof list - used, "%s%s at %02d:%02d", k ? "; " : "", day,
					 occ[k].local.hour % 24, occ[k].local.minute % 60);
			if (w < 0 || (size_t)w >= sizeof list - used)
				break;
			used += (size_t)w;
		}
		pdf_addf(x->d, PDF_BODY, "Next visits: %s.", list);
	}
}

static void if_worse(struct ctx *x)
{
	const struct my_view *v = x->v;
	if (!shows(x, SHARE_CONTINGENCY))
		return;
	pdf_add(x->d, PDF_H1, "What to do if things get worse");
	if (!count(v, PLS_CONTINGENCY))
		pdf_add(x->d, PDF_BODY, "No plans for when things get worse have been written yet.");
	static const struct {
		enum plan_field f;
		const char *label;
	} parts[] = {
		{PLF_CONT_SIGNS, "Early warning signs"}, {PLF_CONT_TRIGGERS, "What can set it off"},
		{PLF_CONT_DO, "What to do"},             {PLF_CONT_CONTACT, "Who to contact"},
		{PLF_CONT_COPING, "What helps"},         {PLF_CONT_MEDICINES, "Medicines to have ready"},
		{PLF_CONT_EQUIPMENT, "Equipment to have ready"},
	};
	for (size_t i = 0; i < v->plan.n_items; i++) {
		const struct plan_item *it = &v->plan.items[i];
		if (it->section != PLS_CONTINGENCY)
			continue;
		pdf_addf(x->d, PDF_H2, "If: %s", it->v[PLF_CONT_SITUATION] ? it->v[PLF_CONT_SITUATION] : "");
		for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
			if (it->v[parts[k].f])
				label_value(x, parts[k].label, it->v[parts[k].f]);
	}
}

static void single_section(struct ctx *x, enum plan_section s, const char *heading)
{
	const struct plan_item *it = single(x->v, s);
	if (!it)
		return;
	pdf_add(x->d, PDF_H2, heading);
	enum plan_field f, end;
	plan_section_fields(s, &f, &end);
	for (; f < end; f++)
		if (it->v[f])
			label_value(x, plan_field(f)->label, plan_display(x->a, it, f, &x->v->plan.refs));
}

static void advance_care_plan(struct ctx *x)
{
	if (!shows(x, SHARE_ACP) || (!single(x->v, PLS_ACP) && !single(x->v, PLS_TEP)))
		return;
	pdf_add(x->d, PDF_H1, mine(x, "My advance care plan", "Advance care plan"));
	single_section(x, PLS_ACP, mine(x, "What I want for my future care", "What they want for their future care"));
	single_section(x, PLS_TEP, mine(x, "Treatment if I become very unwell", "Treatment if they become very unwell"));
}

enum cp_err plan_pdf_write(struct arena *a, const struct my_view *v, const struct pdf_options *o, int64_t now_ms,
			   struct buf *out, size_t *pages)
{
	if (pages)
		*pages = 0;
	if (!v->plan.exists)
		return CP_ENOTFOUND;
	struct ctx x = {.a = a, .v = v, .now_ms = now_ms, .self = v->basis == ACCESS_SELF};
	const char *name = full_name(a, &v->person);
	const char *title = x.self ? "My care and support plan" : arena_printf(a, "The care and support plan of %s", name);
	const char *head = plan_pdf_head(a, v), *foot = plan_pdf_foot(a, v);
	if (!name || !title || !head || !foot || !(x.d = pdf_doc_new(a, o, title, head, foot)))
		return CP_ENOMEM;
	pdf_add(x.d, PDF_TITLE, title);
	if (!x.self)
		pdf_addf(x.d, PDF_NOTE,
			 "This copy holds the parts of the plan %s has chosen to share with you. Keep it safe: it is "
			 "about them.",
			 v->person.given_name ? v->person.given_name : name);
	/* Page 1 is for a hurry: the shortest first, so that the review date
	 * and every way of getting help are on it; the actions follow and
	 * may run on to page 2 on a long plan. */
	next_review(&x);
	contacts(&x);
	key_actions(&x);
	pdf_page_break(x.d);
	about_me(&x);
	what_matters(&x);
	goals(&x);
	who_does_what(&x);
	care_team(&x);
	timetable(&x);
	if_worse(&x);
	advance_care_plan(&x);
	char today[CALDATE_HUMAN_MAX] = "";
	struct caldate td;
	if (caldate_from_days((int)(now_ms / 86400000LL), &td) == CP_OK)
		caldate_format_human(td, today, sizeof today);
	pdf_addf(x.d, PDF_NOTE, "Printed on %s. The plan may have changed since: the care team has the latest version.",
		 today);
	return pdf_render(x.d, out, pages);
}
