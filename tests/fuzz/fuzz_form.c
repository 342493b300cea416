/*
 * fuzz_form.c - libFuzzer target for req_parse_form() (src/http/req.c).
 *
 * The input is a request body as it would arrive after the server's size
 * check: any bytes, not NUL-terminated.  A fresh struct req with its own
 * bounded arena is made for every input, as the server does per request.
 *
 * Beyond what ASan/UBSan catch, the contract in req.h is checked: success
 * leaves at most REQ_FIELDS_MAX fields whose names are 1..REQ_FIELD_NAME_MAX
 * bytes and whose values are NUL-terminated, valid UTF-8 text of at most
 * REQ_FIELD_MAX bytes; failure is 400 or 413 with a message.  A broken
 * contract aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/req.h"
#include "util/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > REQ_BODY_MAX) /* the server refuses larger bodies first */
		return 0;
	struct arena *a = arena_new(REQ_ARENA_MAX);
	if (!a)
		return 0;
	struct req *r = arena_zalloc(a, sizeof *r);
	if (!r)
		abort();
	r->arena = a;
	const char *msg = NULL;
	int st = req_parse_form(r, (const char *)data, size, &msg);
	if (st == 0) {
		if (r->n_form > REQ_FIELDS_MAX || (r->n_form && !r->form))
			abort();
		for (size_t i = 0; i < r->n_form; i++) {
			const struct form_field *f = &r->form[i];
			size_t nl = strlen(f->name);
			if (nl == 0 || nl > REQ_FIELD_NAME_MAX || !utf8_text_valid(f->name, nl))
				abort();
			if (f->len > REQ_FIELD_MAX || strlen(f->value) != f->len ||
			    !utf8_text_valid(f->value, f->len))
				abort();
			if (req_field(r, f->name) == NULL) /* the first of a repeated name wins */
				abort();
		}
	} else if ((st != 400 && st != 413) || !msg) {
		abort();
	}
	arena_free(a);
	return 0;
}
