/* req.c - per-request helpers: form and cookie parsing, the db connection. */
#include "req.h"

#include <string.h>

#include "../util/str.h"
#include "server.h"

struct store_conn *req_db(struct req *r)
{
	if (!r->db)
		r->db = store_acquire(r->app->store);
	return r->db;
}

const char *req_field(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->n_form; i++)
		if (strcmp(r->form[i].name, name) == 0)
			return r->form[i].value;
	return NULL;
}

const char *req_query(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->n_query; i++)
		if (strcmp(r->query[i].name, name) == 0)
			return r->query[i].value;
	return NULL;
}

bool req_add_query(struct req *r, const char *name, const char *value)
{
	if (r->n_query == REQ_FIELDS_MAX)
		return false;
	if (!r->query) {
		r->query = arena_alloc(r->arena, REQ_FIELDS_MAX * sizeof *r->query);
		if (!r->query)
			return false;
	}
	struct form_field *f = &r->query[r->n_query];
	f->name = arena_strdup(r->arena, name);
	f->value = arena_strdup(r->arena, value ? value : "");
	if (!f->name || !f->value)
		return false;
	f->len = strlen(f->value);
	r->n_query++;
	return true;
}

struct audit_actor req_actor(const struct req *r)
{
	struct audit_actor a = {
		.user_id = r->session ? r->session->user.id : 0,
		.role = r->session ? r->session->user.role : NULL,
		.request_id = r->id,
		.client = r->client,
	};
	return a;
}

int req_parse_form(struct req *r, const char *body, size_t n, const char **msg)
{
	size_t cap = 8, count = 0;
	struct form_field *f = arena_alloc(r->arena, cap * sizeof *f);
	if (!f) {
		*msg = "The server is out of memory for this request";
		return 413;
	}
	const char *p = body, *end = body + n;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *pe = amp ? amp : end;
		if (pe == p) { /* empty pair ("a=1&&b=2") is harmless */
			p = pe + 1;
			continue;
		}
		if (count == REQ_FIELDS_MAX) {
			*msg = arena_printf(r->arena, "The form has more than %d fields", REQ_FIELDS_MAX);
			return 413;
		}
		const char *eq = memchr(p, '=', (size_t)(pe - p));
		const char *ne = eq ? eq : pe;
		char *name, *value;
		size_t nl, vl;
		enum cp_err err = url_decode(r->arena, p, (size_t)(ne - p), &name, &nl);
		if (err == CP_ENOMEM) {
			*msg = "The server is out of memory for this request";
			return 413;
		}
		if (err) {
			*msg = "A form field name has a bad %-escape";
			return 400;
		}
		if (nl == 0 || nl > REQ_FIELD_NAME_MAX || !utf8_text_valid(name, nl) || strpbrk(name, "\r\n\t")) {
			*msg = "A form field name is empty, too long or not valid text";
			return 400;
		}
		err = url_decode(r->arena, eq ? eq + 1 : pe, eq ? (size_t)(pe - eq - 1) : 0, &value, &vl);
		if (err == CP_ENOMEM) {
			*msg = "The server is out of memory for this request";
			return 413;
		}
		if (err) {
			*msg = arena_printf(r->arena, "Form field \"%s\" has a bad %%-escape", name);
			return 400;
		}
		if (vl > REQ_FIELD_MAX) {
			*msg = arena_printf(r->arena, "Form field \"%s\" is longer than %u bytes", name,
					    (unsigned)REQ_FIELD_MAX);
			return 413;
		}
		if (!utf8_text_valid(value, vl)) {
			*msg = arena_printf(r->arena, "Form field \"%s\" is not valid UTF-8 text", name);
			return 400;
		}
		if (count == cap) {
			struct form_field *g = arena_alloc(r->arena, 2 * cap * sizeof *g);
			if (!g) {
				*msg = "The server is out of memory for this request";
				return 413;
			}
			memcpy(g, f, cap * sizeof *f);
			f = g;
			cap *= 2;
		}
		f[count].name = name;
		f[count].value = value;
		f[count].len = vl;
		count++;
		p = pe + 1;
	}
	r->form = f;
	r->n_form = count;
	return 0;
}

const char *req_cookie(struct arena *a, const char *header, const char *name)
{
	if (!header)
		return NULL;
	size_t nl = strlen(name);
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (eq && (size_t)(eq - p) == nl && memcmp(p, name, nl) == 0) {
			const char *v = eq + 1, *ve = end;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
				v++;
				ve--;
			}
			return arena_strndup(a, v, (size_t)(ve - v));
		}
		p = end;
	}
	return NULL;
}
