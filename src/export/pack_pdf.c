/*
 * pack_pdf.c - the activities pack as PDF (pack_pdf.h).
 */
#include "pack_pdf.h"

static void labelled(struct pdf_doc *d, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	pdf_add(d, PDF_LABEL, label);
	pdf_add(d, PDF_BODY, text);
}

/* A label and one line each, or the words for none. */
static void lines(struct pdf_doc *d, const char *label, const char *const *v, size_t n, const char *none)
{
	pdf_add(d, PDF_LABEL, label);
	if (!n) {
		pdf_add(d, PDF_BODY, none);
		return;
	}
	if (n == 1) {
		pdf_add(d, PDF_BODY, v[0]);
		return;
	}
	for (size_t i = 0; i < n; i++)
		pdf_add(d, PDF_BULLET, v[i]);
}

static void service(struct pdf_doc *d, const struct pack_service *s)
{
	pdf_add(d, PDF_H1, s->e.svc.name);
	labelled(d, "What it is", s->e.svc.description);
	labelled(d, "Run by", s->e.org.name);
	lines(d, "Where", s->where, s->n_where, "Ask the service where to go.");
	lines(d, "When", s->when, s->n_when, "Ask the service when it runs.");
	labelled(d, "What it costs", s->cost);
	labelled(d, "Who it is for", s->e.svc.eligibility);
	labelled(d, "Getting there and getting in", s->e.svc.accessibility);
	labelled(d, "How to join", s->e.svc.how_to_access);
	lines(d, "How to get in touch", s->contact, s->n_contact, "Ask your link worker or key worker.");
}

void pack_pdf_add(struct pdf_doc *d, const struct pack *p)
{
	pdf_add(d, PDF_TITLE, "Local activities and services for you");
	pdf_addf(d, PDF_BODY, "Made for %s on %s.", p->person_name, p->date);
	pdf_add(d, PDF_BODY, "These are places near you that we talked about. You can go to as many as you like. "
			     "If you would like help to go the first time, or something is not right, tell your link "
			     "worker or key worker.");
	for (size_t i = 0; i < p->n; i++)
		service(d, &p->s[i]);
}

enum cp_err pack_pdf_write(struct arena *a, const struct pack *p, const struct pdf_options *o, struct buf *out,
			   size_t *pages)
{
	const char *head = arena_printf(a, "%s - local activities", p->person_name);
	const char *foot = arena_printf(a, "Made on %s", p->date);
	if (!head || !foot)
		return CP_ENOMEM;
	struct pdf_doc *d = pdf_doc_new(a, o, "Local activities and services", head, foot);
	if (!d)
		return CP_ENOMEM;
	pack_pdf_add(d, p);
	return pdf_render(d, out, pages);
}
