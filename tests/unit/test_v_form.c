/* test_v_form.c - the shared form and table markup (src/view/v_form.c):
 * text inputs, textareas, summary-list rows and table cells, data always
 * escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "view/view_form.h"

/* One buffer for every test, emptied before each. */
static struct buf out;

static int empty_out(void **state)
{
	(void)state;
	buf_reset(&out);
	return 0;
}

static const char *text(struct buf *b)
{
	return b->data ? b->data : "";
}

static void plain_input_has_label_and_no_hint_or_error(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_text_input(b, &(struct v_text_input){.id = "name", .label = "Name", .value = "Ann"});
	assert_string_equal(text(b), "<div class=\"nhsuk-form-group\">\n"
				     "<label class=\"nhsuk-label\" for=\"name\">Name</label>\n"
				     "<input class=\"nhsuk-input\" id=\"name\" name=\"name\""
				     " type=\"text\" autocomplete=\"off\" value=\"Ann\">\n</div>\n");
}

static void input_with_hint_error_and_width_is_described_by_both(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_text_input(b, &(struct v_text_input){.id = "dose", .name = "d", .label = "Dose", .hint = "As on the box",
					       .value = "2", .error = "Enter the dose", .width = "nhsuk-input--width-10"});
	assert_string_equal(text(b),
			    "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n"
			    "<label class=\"nhsuk-label\" for=\"dose\">Dose</label>\n"
			    "<div class=\"nhsuk-hint\" id=\"dose-hint\">As on the box</div>\n"
			    "<span class=\"nhsuk-error-message\" id=\"dose-error\"><span class=\"nhsuk-u-visually-hidden\">"
			    "Error:</span> Enter the dose</span>\n"
			    "<input class=\"nhsuk-input nhsuk-input--error nhsuk-input--width-10\" id=\"dose\" name=\"d\""
			    " aria-describedby=\"dose-hint dose-error\" type=\"text\" autocomplete=\"off\" value=\"2\">\n"
			    "</div>\n");
}

static void autofill_input_leaves_out_autocomplete_off(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_text_input(b, &(struct v_text_input){.id = "phone", .label = "Phone", .autofill = true});
	assert_string_equal(text(b), "<div class=\"nhsuk-form-group\">\n"
				     "<label class=\"nhsuk-label\" for=\"phone\">Phone</label>\n"
				     "<input class=\"nhsuk-input\" id=\"phone\" name=\"phone\" type=\"text\" value=\"\">\n"
				     "</div>\n");
}

static void textarea_has_rows_bold_label_and_error_class(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_text_input(b, &(struct v_text_input){.id = "notes", .label = "Notes", .value = "line 1\nline 2",
					       .error = "Too long", .rows = 5, .bold_label = true});
	assert_string_equal(text(b),
			    "<div class=\"nhsuk-form-group nhsuk-form-group--error\">\n"
			    "<label class=\"nhsuk-label nhsuk-label--s\" for=\"notes\">Notes</label>\n"
			    "<span class=\"nhsuk-error-message\" id=\"notes-error\"><span class=\"nhsuk-u-visually-hidden\">"
			    "Error:</span> Too long</span>\n"
			    "<textarea class=\"nhsuk-textarea nhsuk-textarea--error\" id=\"notes\" name=\"notes\""
			    " aria-describedby=\"notes-error\" rows=\"5\">line 1\nline 2</textarea>\n</div>\n");
}

static void input_escapes_every_piece_of_data(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_text_input(b, &(struct v_text_input){.id = "a\"b", .label = "<b>L</b>", .hint = "x & y",
					       .value = "\" onfocus=\"alert(1)", .error = "<i>", .width = "w'"});
	const char *t = text(b);
	assert_null(strstr(t, "onfocus=\"alert"));
	assert_null(strstr(t, "<b>"));
	assert_null(strstr(t, "<i>"));
	assert_non_null(strstr(t, "for=\"a&quot;b\">&lt;b&gt;L&lt;/b&gt;</label>"));
	assert_non_null(strstr(t, "id=\"a&quot;b-hint\">x &amp; y</div>"));
	assert_non_null(strstr(t, "Error:</span> &lt;i&gt;</span>"));
	assert_non_null(strstr(t, " w&#39;\" id=\"a&quot;b\""));
	assert_non_null(strstr(t, "value=\"&quot; onfocus=&quot;alert(1)\">"));
}

static void textarea_escapes_its_text(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_text_input(b, &(struct v_text_input){.id = "t", .label = "T", .value = "</textarea><script>", .rows = 2});
	assert_non_null(strstr(text(b), " rows=\"2\">&lt;/textarea&gt;&lt;script&gt;</textarea>\n</div>\n"));
}

static void summary_row_shows_value_or_not_recorded(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_summary_row(b, "Name", "Ann & Bo");
	assert_string_equal(text(b), "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Name</dt>"
				     "<dd class=\"nhsuk-summary-list__value\">Ann &amp; Bo</dd></div>\n");
	buf_reset(b);
	v_summary_row(b, "<k>", "");
	assert_string_equal(text(b), "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">"
				     "&lt;k&gt;</dt><dd class=\"nhsuk-summary-list__value\">Not recorded</dd></div>\n");
	buf_reset(b);
	v_summary_row(b, "K", NULL);
	assert_non_null(strstr(text(b), ">Not recorded</dd>"));
}

static void summary_row_or_uses_its_own_empty_text(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_summary_row_or(b, "Key worker", NULL, "Not written down");
	assert_non_null(strstr(text(b), "<dd class=\"nhsuk-summary-list__value\">Not written down</dd></div>\n"));
	buf_reset(b);
	v_summary_row_or(b, "Key worker", "<Sam>", "Not written down");
	assert_non_null(strstr(text(b), "<dd class=\"nhsuk-summary-list__value\">&lt;Sam&gt;</dd></div>\n"));
}

static void summary_row_of_a_number_and_of_own_markup(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_summary_row_i64(b, "Added", -12);
	assert_string_equal(text(b), "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Added</dt>"
				     "<dd class=\"nhsuk-summary-list__value\">-12</dd></div>\n");
	buf_reset(b);
	v_summary_row_begin(b, "A'");
	v_summary_row_end(b);
	assert_string_equal(text(b), "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">A&#39;</dt>"
				     "<dd class=\"nhsuk-summary-list__value\"></dd></div>\n");
}

static void table_cells_escape_and_show_a_dash_for_nothing(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_th(b, "<Name>");
	v_th_numeric(b, "Days");
	v_td(b, "a&b");
	v_td(b, "");
	v_td(b, NULL);
	assert_string_equal(text(b), "<th scope=\"col\" class=\"nhsuk-table__header\">&lt;Name&gt;</th>"
				     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Days</th>"
				     "<td class=\"nhsuk-table__cell\">a&amp;b</td>"
				     "<td class=\"nhsuk-table__cell\">-</td>"
				     "<td class=\"nhsuk-table__cell\">-</td>");
}

static void hidden_number_field_escapes_its_name(void **state)
{
	(void)state;
	struct buf *b = &out;
	v_hidden_i64(b, "a\"b", 42);
	assert_string_equal(text(b), "<input type=\"hidden\" name=\"a&quot;b\" value=\"42\">\n");
}

#define T(fn) cmocka_unit_test_setup(fn, empty_out)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(plain_input_has_label_and_no_hint_or_error),
		T(input_with_hint_error_and_width_is_described_by_both),
		T(autofill_input_leaves_out_autocomplete_off),
		T(textarea_has_rows_bold_label_and_error_class),
		T(input_escapes_every_piece_of_data),
		T(textarea_escapes_its_text),
		T(summary_row_shows_value_or_not_recorded),
		T(summary_row_or_uses_its_own_empty_text),
		T(summary_row_of_a_number_and_of_own_markup),
		T(table_cells_escape_and_show_a_dash_for_nothing),
		T(hidden_number_field_escapes_its_name),
	};
	buf_init(&out, 1 << 16);
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	buf_free(&out);
	return failed;
}
