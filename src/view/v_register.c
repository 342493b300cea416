/* v_register.c - case-finding pages (view_register.h). */
#include <stdio.h>
#include <string.h>

#include "../domain/person.h"
#include "html.h"
#include "view_form.h"
#include "view_register.h"

static void td_begin(struct buf *b, const char *label)
{
	/* The responsive table's heading for narrow screens. */
	H(b, "<td class=\"nhsuk-table__cell\" role=\"cell\"><span class=\"nhsuk-table-responsive__heading\" "
	     "aria-hidden=\"true\">");
	html_text(b, label);
	H(b, " </span>");
}

/* The worklist address for page with the filter d->rule. */
static void page_link(struct buf *b, const struct v_case_finding *d, int page)
{
	H(b, "/case-finding?page=");
	html_i64(b, page);
	if (d->rule) {
		H(b, "&amp;rule=");
		html_text(b, d->rule);
	}
}

static void filter_form(struct buf *b, const struct v_case_finding *d)
{
	const char *err = d->error_field && strcmp(d->error_field, "rule") == 0 ? d->error : NULL;
	H(b, "<form action=\"/case-finding\" method=\"get\" novalidate>\n");
	v_group_begin(b, err);
	H(b, "<label class=\"nhsuk-label\" for=\"rule\">Show people who meet</label>\n");
	v_error_message(b, "rule", err);
	H(b, "<select class=\"nhsuk-select");
	if (err)
		H(b, " nhsuk-select--error");
	H(b, "\" id=\"rule\" name=\"rule\"");
	v_described(b, "rule", NULL, err);
	H(b, ">\n<option value=\"\">Any rule</option>\n");
	for (int i = 0; i < d->rules->n; i++) {
		const struct casefind_rule *r = &d->rules->rule[i];
		H(b, "<option value=\"");
		html_text(b, r->id);
		H(b, "\"");
		if (d->rule && strcmp(d->rule, r->id) == 0)
			H(b, " selected");
		H(b, ">");
		html_text(b, r->explain);
		H(b, "</option>\n");
	}
	H(b, "</select>\n</div>\n<button class=\"nhsuk-button nhsuk-button--secondary\" type=\"submit\">Show</button>\n"
	     "</form>\n");
}

void v_case_finding(struct buf *b, const struct view_page *p, const struct v_case_finding *d)
{
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, d->error_field, d->error);
	H(b, "<h1>People who may need care planning</h1>\n"
	     "<p>These people are on the population register and meet one or more of the case-finding rules. "
	     "Those who meet more, or more important, rules come first; then those with more emergency admissions. "
	     "People who already have an open episode are not shown.</p>\n"
	     "<p>Start care planning to add the person (if they are not already recorded) and open an episode at "
	     "entry for them, with you as key worker. Nothing needs typing again.</p>\n");
	filter_form(b, d);
	if (!d->register_any) {
		H(b, "<p>The register is empty. A team manager or administrator can "
		     "<a href=\"/register/import\">import the register</a>.</p>\n");
		v_page_end(b, p);
		return;
	}
	if (d->n == 0) {
		if (d->page > 1)
			H(b, "<p>There is nobody on this page. <a href=\"/case-finding\">Go to the first page</a>.</p>\n");
		else
			H(b, "<p>Nobody on the register meets these rules and is waiting for care planning.</p>\n");
		v_page_end(b, p);
		return;
	}
	size_t first = (size_t)(d->page - 1) * REGISTER_PAGE + 1;
	H(b, "<table class=\"nhsuk-table-responsive\" role=\"table\"><caption class=\"nhsuk-table__caption\">"
	     "People who may need care planning, ");
	html_textf(b, "%zu to %zu", first, first + d->n - 1);
	H(b, "</caption>\n<thead class=\"nhsuk-table__head\" role=\"rowgroup\"><tr class=\"nhsuk-table__row\" role=\"row\">");
	v_th(b, "Name");
	v_th(b, "Date of birth");
	v_th(b, "Why");
	v_th(b, "Emergency admissions");
	v_th(b, "Score");
	H(b, "<th scope=\"col\" class=\"nhsuk-table__header\"><span class=\"nhsuk-u-visually-hidden\">Action"
	     "</span></th>");
	H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct store_register_entry *e = &d->rows[i];
		H(b, "<tr class=\"nhsuk-table__row\" role=\"row\">");
		td_begin(b, "Name");
		html_text(b, e->given_name);
		H(b, " ");
		html_text(b, e->family_name);
		char nhs[16];
		H(b, "<br><span class=\"nhsuk-body-s\">NHS number ");
		html_text(b, person_nhs_spaced(nhs, e->nhs_number));
		H(b, "</span>");
		if (*e->conditions) {
			H(b, "<br><span class=\"nhsuk-body-s\">Conditions: ");
			for (const char *s = e->conditions; *s;) {
				const char *semi = strchr(s, ';');
				size_t l = semi ? (size_t)(semi - s) : strlen(s);
				char item[256];
				snprintf(item, sizeof item, "%.*s", (int)(l < sizeof item ? l : sizeof item - 1), s);
				html_text(b, item);
				if (!semi)
					break;
				H(b, ", ");
				s = semi + 1;
			}
			H(b, "</span>");
		}
		H(b, "</td>");
		td_begin(b, "Date of birth");
		char day[32];
		html_text(b, v_date_long(day, e->birth_date));
		H(b, "</td>");
		td_begin(b, "Why");
		H(b, "<ul class=\"nhsuk-list nhsuk-u-margin-bottom-0\">");
		const char *rs = d->reasons[i];
		for (const char *s = rs; s && *s;) {
			const char *semi = strstr(s, "; ");
			size_t l = semi ? (size_t)(semi - s) : strlen(s);
			char item[CASEFIND_EXPLAIN_MAX * 4 + 1];
			snprintf(item, sizeof item, "%.*s", (int)(l < sizeof item ? l : sizeof item - 1), s);
			H(b, "<li>");
			html_text(b, item);
			H(b, "</li>");
			if (!semi)
				break;
			s = semi + 2;
		}
		H(b, "</ul></td>");
		td_begin(b, "Emergency admissions");
		html_i64(b, e->emergency_admissions);
		H(b, "</td>");
		td_begin(b, "Score");
		html_i64(b, e->score);
		H(b, "</td>");
		td_begin(b, "Action");
		H(b, "<form action=\"/case-finding/");
		html_i64(b, e->id);
		H(b, "/start\" method=\"post\">");
		v_hidden_csrf(b, d->csrf);
		H(b, "<button class=\"nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-0\" type=\"submit\">"
		     "Start care planning<span class=\"nhsuk-u-visually-hidden\"> for ");
		html_text(b, e->given_name);
		H(b, " ");
		html_text(b, e->family_name);
		H(b, "</span></button></form></td></tr>\n");
	}
	H(b, "</tbody></table>\n");
	if (d->page > 1 || d->more) {
		H(b, "<nav class=\"nhsuk-pagination\" role=\"navigation\" aria-label=\"Pages of the worklist\">\n"
		     "<ul class=\"nhsuk-list nhsuk-pagination__list\">\n");
		if (d->page > 1) {
			H(b, "<li class=\"nhsuk-pagination-item--previous\"><a class=\"nhsuk-pagination__link "
			     "nhsuk-pagination__link--prev\" href=\"");
			page_link(b, d, d->page - 1);
			H(b, "\"><span class=\"nhsuk-pagination__title\">Previous</span><span "
			     "class=\"nhsuk-u-visually-hidden\">:</span><span class=\"nhsuk-pagination__page\">Page ");
			html_i64(b, d->page - 1);
			H(b, "</span></a></li>\n");
		}
		if (d->more) {
			H(b, "<li class=\"nhsuk-pagination-item--next\"><a class=\"nhsuk-pagination__link "
			     "nhsuk-pagination__link--next\" href=\"");
			page_link(b, d, d->page + 1);
			H(b, "\"><span class=\"nhsuk-pagination__title\">Next</span><span "
			     "class=\"nhsuk-u-visually-hidden\">:</span><span class=\"nhsuk-pagination__page\">Page ");
			html_i64(b, d->page + 1);
			H(b, "</span></a></li>\n");
		}
		H(b, "</ul>\n</nav>\n");
	}
	v_page_end(b, p);
}

void v_case_finding_open(struct buf *b, const struct view_page *p, const char *name, int64_t episode_id)
{
	v_page_begin(b, p);
	H(b, "<h1>");
	html_text(b, name);
	H(b, " already has an open episode</h1>\n<p>Nothing was changed. <a href=\"/episodes/");
	html_i64(b, episode_id);
	H(b, "\">Go to their open episode</a> or <a href=\"/case-finding\">back to the worklist</a>.</p>\n");
	v_page_end(b, p);
}

static void columns_list(struct buf *b)
{
	H(b, "<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\"><span "
	     "class=\"nhsuk-details__summary-text\">The columns the file needs</span></summary>\n"
	     "<div class=\"nhsuk-details__text\"><p>A header row naming every one of these columns, in any order:</p>\n"
	     "<ul>\n");
	static const char *const what[RC__MAX] = {
		[RC_NHS_NUMBER] = "10 digits, spaces allowed",
		[RC_GIVEN_NAME] = "required",
		[RC_FAMILY_NAME] = "required",
		[RC_BIRTH_DATE] = "YYYY-MM-DD",
		[RC_POSTCODE] = "may be empty",
		[RC_CONDITIONS] = "long-term conditions separated by ; (may be empty)",
		[RC_FRAILTY] = "fit, mild, moderate or severe, or empty when not known",
		[RC_EMERGENCY] = "emergency admissions in the last 12 months (empty is 0)",
		[RC_AE] = "A&E attendances in the last 12 months (empty is 0)",
		[RC_LIVES_ALONE] = "yes or no",
		[RC_IS_CARER] = "yes or no",
		[RC_HAS_CARER] = "yes or no",
	};
	for (int c = 0; c < RC__MAX; c++) {
		H(b, "<li><code>");
		html_text(b, register_column_name((enum register_column)c));
		H(b, "</code>: ");
		html_text(b, what[c]);
		H(b, "</li>\n");
	}
	H(b, "</ul></div></details>\n");
}

void v_register_import(struct buf *b, const struct view_page *p, const struct v_register_import *d)
{
	v_page_begin(b, p);
	if (d->error)
		v_error_summary_one(b, "csv", d->error);
	if (d->report) {
		const struct register_report *r = d->report;
		H(b, "<h1>The register was imported</h1>\n<dl class=\"nhsuk-summary-list\">\n");
		v_summary_row_i64(b, "Rows read", r->rows_read);
		v_summary_row_i64(b, "Added", r->added);
		v_summary_row_i64(b, "Updated", r->updated);
		v_summary_row_i64(b, "Unchanged", r->unchanged);
		v_summary_row_i64(b, "Refused", r->refused);
		H(b, "</dl>\n");
		if (r->refused) {
			H(b, "<p>Refused rows were skipped; every other row was kept. Correct them in the file and "
			     "import it again: rows already imported are left as they are.</p>\n"
			     "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Refused rows");
			if ((int64_t)d->n_refusals < r->refused) {
				H(b, " (the first ");
				html_i64(b, (int64_t)d->n_refusals);
				H(b, ")");
			}
			H(b, "</caption>\n<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
			v_th(b, "Line");
			v_th(b, "Why it was refused");
			H(b, "</tr></thead>\n<tbody class=\"nhsuk-table__body\">\n");
			for (size_t i = 0; i < d->n_refusals; i++) {
				H(b, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
				html_i64(b, d->refusals[i].line);
				H(b, "</td><td class=\"nhsuk-table__cell\">");
				html_text(b, d->refusals[i].reason);
				H(b, "</td></tr>\n");
			}
			H(b, "</tbody></table>\n");
		}
		H(b, "<p><a href=\"/register/import\">Import another file</a></p>\n");
		v_page_end(b, p);
		return;
	}
	H(b, "<h1>Import the population register</h1>\n"
	     "<p>The register lists the people your organisation serves, with what case finding needs to know about "
	     "them. Each row is checked: a row that is wrong is refused and reported with its line number, and every "
	     "other row is kept. A person already on the register (the same NHS number) is updated.</p>\n");
	if (d->has_latest) {
		H(b, "<p>The last import was on ");
		html_time(b, d->latest.started_ms);
		H(b, ": ");
		html_textf(b, "%lld rows read, %lld added, %lld updated, %lld unchanged, %lld refused.",
			   (long long)d->latest.rows_read, (long long)d->latest.added, (long long)d->latest.updated,
			   (long long)d->latest.unchanged, (long long)d->latest.refused);
		H(b, "</p>\n");
	}
	columns_list(b);
	H(b, "<form action=\"/register/import\" method=\"post\" novalidate>\n");
	v_hidden_csrf(b, d->csrf);
	v_group_begin(b, d->error);
	H(b, "<label class=\"nhsuk-label nhsuk-label--s\" for=\"csv\">The register, as CSV</label>\n");
	char hint[200];
	snprintf(hint, sizeof hint,
		 "Paste up to %u KB here (about 150 rows). A larger file is imported by the command careplan register "
		 "import, which has no size limit.",
		 d->max_kb);
	v_hint(b, "csv", hint);
	v_error_message(b, "csv", d->error);
	H(b, "<textarea class=\"nhsuk-textarea");
	if (d->error)
		H(b, " nhsuk-textarea--error");
	H(b, "\" id=\"csv\" name=\"csv\" rows=\"12\" spellcheck=\"false\"");
	v_described(b, "csv", hint, d->error);
	H(b, ">");
	if (d->csv)
		html_text(b, d->csv);
	H(b, "</textarea>\n</div>\n<button class=\"nhsuk-button\" type=\"submit\">Import</button>\n</form>\n");
	v_page_end(b, p);
}
