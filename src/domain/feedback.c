/* feedback.c - feedback on care planning (feedback.h). */
#include "feedback.h"

#include <string.h>

#include "../util/str.h"
#include "form.h"

static const struct {
	const char *field, *statement;
} questions[FQ__MAX] = {
	[FQ_INVOLVED] = {"involved", "I was as involved as I wanted to be in making the plan"},
	[FQ_LISTENED] = {"listened", "The team listened to what matters to me"},
	[FQ_USEFUL] = {"useful", "The plan helps with day-to-day life"},
};

static const char *const ratings[] = {"", "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
				      "Strongly agree"};

const char *feedback_field(enum feedback_q q)
{
	return q < FQ__MAX ? questions[q].field : "";
}

const char *feedback_statement(enum feedback_q q)
{
	return q < FQ__MAX ? questions[q].statement : "";
}

const char *feedback_rating_label(int v)
{
	return v >= 1 && v <= 5 ? ratings[v] : "";
}

bool feedback_suppressed(int64_t n)
{
	return n < FEEDBACK_SMALL;
}

int feedback_percent(int64_t part, int64_t n)
{
	return n > 0 ? (int)((part * 200 + n) / (2 * n)) : 0;
}

enum cp_err feedback_give(struct store_conn *c, struct arena *a, const struct audit_actor *who, int64_t now_ms,
			  const struct store_user *giver, const struct feedback_input *in, struct person_errors *errs,
			  int64_t *id)
{
	*id = 0;
	errs->n = 0;
	struct form_check v = {.a = a, .errs = errs, .now_ms = now_ms};
	int val[FQ__MAX] = {0};
	for (int q = 0; q < FQ__MAX; q++) {
		int64_t x = 0;
		const char *s = in->rating[q];
		if (!s || !*s)
			form_error(&v, questions[q].field, arena_printf(a, "Choose how much you agree: %s",
									questions[q].statement));
		else if (str_to_i64(s, 1, 5, &x))
			form_error(&v, questions[q].field, "Choose one of the five answers");
		val[q] = (int)x;
	}
	char *comment = form_clean(&v, in->comment);
	if (comment && utf8_count(comment, strlen(comment)) > FEEDBACK_COMMENT_MAX)
		form_error(&v, "comment", arena_printf(a, "Your comments must be %d characters or fewer",
						       FEEDBACK_COMMENT_MAX));

	/* Whose care planning. */
	bool carer = strcmp(giver->role, "carer") == 0;
	int64_t person = carer ? 0 : giver->person_id;
	enum cp_err err = CP_OK;
	if (carer) {
		struct store_grant *g = NULL;
		size_t n = 0;
		if ((err = store_grant_list_carer(c, a, giver->id, 50, &g, &n)))
			return err;
		int64_t about = 0;
		if (n == 1 && (!in->about || !*in->about))
			about = g[0].person_id;
		else if (in->about && str_to_i64(in->about, 1, INT64_MAX, &about))
			about = 0;
		for (size_t i = 0; i < n && !person; i++)
			if (g[i].person_id == about)
				person = about;
		if (!person)
			form_error(&v, "about", n ? "Choose whose care planning this is about"
						  : "Nobody has let you see their plan, so there is nothing to give "
						    "feedback on yet");
	} else if (person <= 0) {
		form_error(&v, "involved", "Your login is not linked to your record: ask your care team");
	}
	if (v.oom)
		return CP_ENOMEM;
	if (errs->n)
		return CP_EINVAL;
	struct store_person p;
	if ((err = store_person_get(c, a, person, &p)))
		return err;
	struct store_feedback f = {
		.team_id = p.team_id,
		.person_id = person,
		.user_id = giver->id,
		.giver = carer ? "carer" : "person",
		.involved = val[FQ_INVOLVED],
		.listened = val[FQ_LISTENED],
		.useful = val[FQ_USEFUL],
		.comment = comment,
		.created_ms = now_ms,
	};
	if ((err = store_begin(c)))
		return err;
	err = store_feedback_insert(c, &f, id);
	struct audit_event ev = {.action = "feedback.create", .object_type = "feedback", .object_id = *id,
				 .person_id = person};
	if (!err)
		err = audit_record(c, who, &ev, now_ms);
	if (!err)
		err = store_commit(c);
	else
		store_rollback(c);
	return err;
}
