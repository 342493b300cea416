/* v_lists.c - the user list, the care team and the service figures. */
#include "html.h"
#include "view.h"
#include "view_form.h"

static const char *disc_label(const char *code)
{
	enum discipline d = discipline_from_code(code);
	return d == DISC_NONE || d == DISC__MAX ? NULL : discipline_label(d);
}

void v_users(struct buf *b, const struct view_page *p, const struct store_user *users, size_t n)
{
	v_page_begin(b, p);
	H(b, "<h1>User accounts</h1>\n<p>");
	html_i64(b, (int64_t)n);
	if (n == 1)
		H(b, " account.");
	else
		H(b, " accounts.");
	H(b, " Add accounts and set passwords with <code>careplan user add</code> and "
	     "<code>careplan user passwd</code> on the server.</p>\n"
	     "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Everyone who can sign in"
	     "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "Name");
	v_th(b, "Username");
	v_th(b, "Role");
	v_th(b, "Discipline");
	v_th(b, "Last signed in");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr class=\"nhsuk-table__row\">");
		v_td(b, users[i].display_name);
		v_td(b, users[i].username);
		v_td(b, role_label(role_from_code(users[i].role)));
		v_td(b, disc_label(users[i].discipline));
		H(b, "<td class=\"nhsuk-table__cell\">");
		html_time(b, users[i].last_signin_ms);
		H(b, "</td></tr>\n");
	}
	H(b, "</tbody></table>\n");
	v_page_end(b, p);
}

void v_team(struct buf *b, const struct view_page *p, const struct store_team *team, const struct store_user *members,
	    size_t n, int64_t people)
{
	v_page_begin(b, p);
	if (!team) {
		H(b, "<h1>Care team</h1>\n<p>You are not a member of a team yet. Ask your administrator to "
		     "add you to one.</p>\n");
		v_page_end(b, p);
		return;
	}
	H(b, "<span class=\"nhsuk-caption-l\">");
	html_text(b, team->org_name);
	H(b, "</span>\n<h1>");
	html_text(b, team->name);
	H(b, "</h1>\n<p>The team is responsible for ");
	html_i64(b, people);
	if (people == 1)
		H(b, " person.");
	else
		H(b, " people.");
	H(b, "</p>\n<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Members of the team"
	     "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	v_th(b, "Name");
	v_th(b, "Role");
	v_th(b, "Discipline");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr class=\"nhsuk-table__row\">");
		v_td(b, members[i].display_name);
		v_td(b, role_label(role_from_code(members[i].role)));
		v_td(b, disc_label(members[i].discipline));
		H(b, "</tr>\n");
	}
	H(b, "</tbody></table>\n");
	v_page_end(b, p);
}
