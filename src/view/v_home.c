/* v_home.c - the home page: who you are, your role, and what you can do next. */
#include <stdio.h>
#include <string.h>

#include "../domain/directory.h"
#include "html.h"
#include "view.h"
#include "view_form.h"

/* The NHS.UK frontend's tick, which its tick list draws from an inline icon
 * in each item (the list has no bullets of its own).  Decorative: hidden from
 * assistive technology, which reads the item's text. */
#define TICK_ICON                                                                                      \
	"<svg class=\"nhsuk-icon nhsuk-icon--tick\" xmlns=\"http://www.w3.org/2000/svg\" "              \
	"viewBox=\"0 0 24 24\" width=\"16\" height=\"16\" focusable=\"false\" aria-hidden=\"true\">"     \
	"<path d=\"M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 1.5 0 1 1 "  \
	"2.2 2l-8.9 9Z\"/></svg>"

/* Counts for people who see figures only: small ones are not shown exactly. */
static void count_cell(struct buf *b, int64_t n, bool exact)
{
	if (!exact && n > 0 && n < VIEW_SMALL_NUMBER)
		H(b, "fewer than 5");
	else
		html_i64(b, n);
}

static void person_panel(struct buf *b, const struct v_home *d)
{
	const struct store_person *ps = d->person;
	H(b, "<h2 id=\"my-record\">Your record</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	char name[512];
	snprintf(name, sizeof name, "%s %s", ps->given_name, ps->family_name);
	v_summary_row(b, "Name", name);
	v_summary_row(b, "Preferred name", ps->preferred_name);
	char nhs[16], dob[32];
	v_summary_row(b, "NHS number", person_nhs_spaced(nhs, ps->nhs_number));
	v_summary_row(b, "Date of birth", v_date_long(dob, ps->birth_date));
	v_summary_row(b, "GP practice", ps->gp_practice);
	v_summary_row(b, "Your care team", d->team_name);
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">"
	     "Long-term conditions</dt><dd class=\"nhsuk-summary-list__value\">");
	if (d->n_conditions == 0) {
		H(b, "None recorded");
	} else {
		H(b, "<ul class=\"nhsuk-list\">");
		for (size_t i = 0; i < d->n_conditions; i++) {
			H(b, "<li>");
			html_text(b, d->conditions[i]);
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	H(b, "</dd></div>\n</dl>\n"
	     "<p>If something here is wrong, tell your key worker: it is your record, and you can ask "
	     "for it to be put right.</p>\n"
	     "<p><a href=\"/my\">My plan</a>: my actions, who to contact, my next review, About me, my goals "
	     "and my questions for the review.</p>\n"
	     "<p><a href=\"/my/access\">Who can see my plan</a>: the carers you let see it, and how to stop "
	     "that.</p>\n"
	     "<p><a href=\"/my/sharing\">Who can see each part of my plan</a>: your carers, health and social "
	     "care staff, part by part, and the changes made.</p>\n"
	     "<p><a href=\"/my/record-log\">Who has seen or changed my record</a>: every look and every change, "
	     "with who and when.</p>\n");
}

static void carer_panel(struct buf *b, const struct v_home *d)
{
	H(b, "<h2 id=\"cared-for\">People you care for</h2>\n");
	if (d->n_cared == 0) {
		H(b, "<p>Nobody has given you access to their care plan yet. When someone does, they "
		     "will be listed here.</p>\n");
		return;
	}
	H(b, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
	     "nhsuk-u-visually-hidden\">People you care for</caption>\n<thead class=\"nhsuk-table__head\">"
	     "<tr class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">Name</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">You are their</th>"
	     "<th scope=\"col\" class=\"nhsuk-table__header\">NHS number</th></tr></thead>\n"
	     "<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < d->n_cared; i++) {
		H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(b, d->cared[i].name);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		html_text(b, d->cared[i].relationship);
		H(b, "</td><td class=\"nhsuk-table__cell\">");
		char nhs[16];
		html_text(b, person_nhs_spaced(nhs, d->cared[i].nhs_number));
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody></table>\n"
	     "<p><a href=\"/cared-for\">Read their plans</a>: the parts each person has chosen to share with "
	     "you.</p>\n");
}

static void team_panel(struct buf *b, const struct v_home *d)
{
	H(b, "<h2>Your team</h2>\n");
	if (!d->team_name) {
		H(b, "<p>You are not a member of a team yet. Ask your administrator to add you to one.</p>\n");
		return;
	}
	H(b, "<p>");
	html_text(b, d->team_name);
	H(b, " (");
	html_text(b, d->org_name);
	H(b, ") is responsible for ");
	html_i64(b, d->team_people);
	if (d->team_people == 1)
		H(b, " person");
	else
		H(b, " people");
	H(b, " and has ");
	html_i64(b, d->team_members);
	if (d->team_members == 1)
		H(b, " member");
	else
		H(b, " members");
	H(b, ".</p>\n<p><a href=\"/team\">See who is in your care team</a></p>\n");
}

static void figures_panel(struct buf *b, const struct v_home *d, bool exact)
{
	const struct store_stats *s = d->stats;
	H(b, "<h2>The service at a glance</h2>\n<dl class=\"nhsuk-summary-list\">\n");
	H(b, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">People</dt>"
	     "<dd class=\"nhsuk-summary-list__value\">");
	count_cell(b, s->people, exact);
	H(b, "</dd></div>\n<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">"
	     "Carers recorded</dt><dd class=\"nhsuk-summary-list__value\">");
	count_cell(b, s->carers, exact);
	H(b, "</dd></div>\n<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">"
	     "Teams</dt><dd class=\"nhsuk-summary-list__value\">");
	count_cell(b, s->teams, exact);
	H(b, "</dd></div>\n</dl>\n<p><a href=\"/service\">See figures for the whole service</a></p>\n");
}

void v_home(struct buf *b, const struct view_page *p, const struct v_home *d)
{
	const struct store_user *u = d->user;
	enum role r = role_from_code(u->role);
	v_page_begin(b, p);
	H(b, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">\n<h1>");
	html_textf(b, "Hello, %s", u->display_name);
	H(b, "</h1>\n<p class=\"nhsuk-lede-text\">You are signed in as ");
	html_text(b, role_label(r));
	enum discipline disc = discipline_from_code(u->discipline);
	if (disc != DISC_NONE && disc != DISC__MAX) {
		H(b, " (");
		html_text(b, discipline_label(disc));
		H(b, ")");
	}
	H(b, ".</p>\n<p>");
	html_text(b, role_about(r));
	H(b, "</p>\n");

	if (d->person)
		person_panel(b, d);
	if (role_can(r, CAP_CARED_FOR))
		carer_panel(b, d);
	if (role_can(r, CAP_TEAM_VIEW))
		team_panel(b, d);
	if (d->stats && role_can(r, CAP_SERVICE_FIGURES))
		figures_panel(b, d, r != ROLE_COMMISSIONER);

	/* role="list": list-style is none here, and some screen readers then stop
	 * announcing it as a list. */
	H(b, "<h2>What you can do</h2>\n<ul class=\"nhsuk-list nhsuk-list--tick\" role=\"list\">\n");
	for (int c = 0; c < CAP__MAX; c++) {
		if (c == CAP_HOME || !role_can(r, (enum cap)c))
			continue;
		/* Of professionals, only link workers maintain the directory. */
		if (c == CAP_DIRECTORY_EDIT && !directory_may_edit(d->user->role, d->user->discipline))
			continue;
		H(b, "<li>" TICK_ICON);
		switch ((enum cap)c) {
		case CAP_PEOPLE: H(b, "<a href=\"/people\">"); break;
		case CAP_USERS_VIEW: H(b, "<a href=\"/users\">"); break;
		case CAP_TEAM_VIEW: H(b, "<a href=\"/team\">"); break;
		case CAP_SERVICE_FIGURES: H(b, "<a href=\"/service\">"); break;
		case CAP_OWN_RECORD: H(b, "<a href=\"#my-record\">"); break;
		case CAP_CARED_FOR: H(b, "<a href=\"#cared-for\">"); break;
		case CAP_FEEDBACK_GIVE: H(b, "<a href=\"/feedback\">"); break;
		case CAP_FEEDBACK_READ: H(b, "<a href=\"/team/feedback\">"); break;
		case CAP_ACCESS_REVIEW: H(b, "<a href=\"/team/break-glass\">"); break;
		case CAP_REFERRALS: H(b, "<a href=\"/referrals\">"); break;
		case CAP_SELF_ASSESS: H(b, "<a href=\"/self-assessments\">"); break;
		case CAP_DIRECTORY: H(b, "<a href=\"/directory\">"); break;
		case CAP_DIRECTORY_EDIT: H(b, "<a href=\"/directory/services/new\">"); break;
		case CAP_CASE_FINDING: H(b, "<a href=\"/case-finding\">"); break;
		case CAP_REGISTER_IMPORT: H(b, "<a href=\"/register/import\">"); break;
		case CAP_DASHBOARD: H(b, "<a href=\"/dashboard\">"); break;
		case CAP_EVENTS_IMPORT: H(b, "<a href=\"/events/import\">"); break;
		default: H(b, "<a href=\"/\">"); break;
		}
		html_text(b, cap_label((enum cap)c));
		H(b, "</a></li>\n");
	}
	if (role_can(r, CAP_PEOPLE))
		H(b, "<li>" TICK_ICON "See what needs doing: <a href=\"/worklist\">my worklist</a> and the "
		     "<a href=\"/worklist/team\">team worklist</a></li>\n");
	H(b, "<li>" TICK_ICON "Sign out when you have finished, using the Sign out button at the top of "
	     "the page</li>\n</ul>\n");
	if (u->prev_signin_ms) {
		H(b, "<p class=\"nhsuk-body-s\">Your previous sign-in was on ");
		html_time(b, u->prev_signin_ms);
		H(b, ". If that was not you, tell your administrator.");
	} else {
		H(b, "<p class=\"nhsuk-body-s\">This is your first sign-in.");
	}
	H(b, " Careplan signs you out after ");
	html_i64(b, d->idle_minutes);
	if (d->idle_minutes == 1)
		H(b, " minute without activity.</p>\n");
	else
		H(b, " minutes without activity.</p>\n");
	H(b, "</div></div>\n");
	v_page_end(b, p);
}
