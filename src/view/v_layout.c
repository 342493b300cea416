/* v_layout.c - the page frame: head, header with account and menu, footer. */
#include <string.h>

#include "html.h"
#include "view.h"

/* The menu: a row per section, shown to roles with its capability. */
static const struct {
	const char *key, *href, *label;
	enum cap cap;
} menu[] = {
	{"home", "/", "Home", CAP_HOME},
	{"people", "/people", "People", CAP_PEOPLE},
	{"team", "/team", "Care team", CAP_TEAM_VIEW},
	{"users", "/users", "User accounts", CAP_USERS_VIEW},
	{"service", "/service", "Service figures", CAP_SERVICE_FIGURES},
};

void v_page_begin(struct buf *b, const struct view_page *p)
{
	H(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_text(b, p->title);
	H(b, " - Careplan</title>\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<meta name=\"theme-color\" content=\"#005eb8\">\n"
	     "<link rel=\"icon\" href=\"/assets/images/favicon.ico\" sizes=\"48x48\">\n"
	     "<link rel=\"icon\" href=\"/assets/images/favicon.svg\" sizes=\"any\" type=\"image/svg+xml\">\n"
	     "<link rel=\"stylesheet\" href=\"/assets/nhsuk-frontend.min.css\">\n"
	     "<link rel=\"stylesheet\" href=\"/assets/careplan.css\">\n"
	     "</head>\n<body>\n"
	     "<a class=\"nhsuk-skip-link\" href=\"#maincontent\">Skip to main content</a>\n"
	     "<header class=\"nhsuk-header\" role=\"banner\">\n"
	     "<div class=\"nhsuk-header__container nhsuk-width-container\">\n"
	     "<div class=\"nhsuk-header__service\">"
	     "<a class=\"nhsuk-header__service-name\" href=\"/\">Careplan</a></div>\n");
	if (p->user_name) {
		H(b, "<nav class=\"nhsuk-header__account\" aria-label=\"Account\">\n"
		     "<ul class=\"nhsuk-header__account-list\">\n"
		     "<li class=\"nhsuk-header__account-item\">");
		html_text(b, p->user_name);
		H(b, " (");
		html_text(b, role_label(p->role));
		H(b, ")</li>\n<li class=\"nhsuk-header__account-item\">"
		     "<form class=\"nhsuk-header__account-form\" action=\"/logout\" method=\"post\">"
		     "<input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, p->csrf);
		H(b, "\"><button class=\"nhsuk-header__account-button\">Sign out</button></form></li>\n"
		     "</ul>\n</nav>\n");
	}
	H(b, "</div>\n");
	if (p->user_name) {
		H(b, "<nav class=\"nhsuk-header__navigation\" aria-label=\"Menu\">\n"
		     "<div class=\"nhsuk-header__navigation-container nhsuk-width-container\">\n"
		     "<ul class=\"nhsuk-header__navigation-list\">\n");
		for (size_t i = 0; i < sizeof menu / sizeof menu[0]; i++) {
			if (!role_can(p->role, menu[i].cap))
				continue;
			bool cur = p->nav && strcmp(p->nav, menu[i].key) == 0;
			if (cur)
				H(b, "<li class=\"nhsuk-header__navigation-item "
				     "nhsuk-header__navigation-item--current\">"
				     "<a class=\"nhsuk-header__navigation-link\" aria-current=\"page\" href=\"");
			else
				H(b, "<li class=\"nhsuk-header__navigation-item\">"
				     "<a class=\"nhsuk-header__navigation-link\" href=\"");
			html_text(b, menu[i].href);
			H(b, "\">");
			html_text(b, menu[i].label);
			H(b, "</a></li>\n");
		}
		H(b, "</ul>\n</div>\n</nav>\n");
	}
	H(b, "</header>\n<div class=\"nhsuk-width-container\">\n"
	     "<main class=\"nhsuk-main-wrapper\" id=\"maincontent\">\n");
}

void v_page_end(struct buf *b, const struct view_page *p)
{
	(void)p;
	H(b, "</main>\n</div>\n"
	     "<footer class=\"nhsuk-footer\" role=\"contentinfo\">\n"
	     "<div class=\"nhsuk-width-container\">\n"
	     "<div class=\"nhsuk-footer__meta\">\n"
	     "<p class=\"nhsuk-body-s\">Careplan: shared care and support planning for people with "
	     "long-term conditions. Every look at and change to a person's record is recorded.</p>\n"
	     "</div>\n</div>\n</footer>\n</body>\n</html>\n");
}
