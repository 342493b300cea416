/*
 * demo_my.c - what the demo person writes themself (demo.h): Margaret
 * Hughes's About me, and one question for her next review (her open
 * episode).  Saved as her own login, so the pages mark them as hers; each
 * row audited as d->who with "demo data", as the other demo records are.
 * All fictional.
 */
#include "demo.h"

#include <string.h>

#include "myplan.h"

enum cp_err demo_my(const struct demo_ctx *d)
{
	struct arena *a = arena_new(64 * 1024);
	if (!a)
		return CP_ENOMEM;
	int64_t person = d->person_ids[0];
	int64_t me = 0;
	enum cp_err err = store_user_of_person(d->c, person, &me);
	if (err)
		goto done;
	struct store_about_me m = {
		.person_id = person, .version = 1, .user_id = me, .writer = "person", .saved_ms = d->now_ms,
		.item = {
			[ABOUT_IMPORTANT] = "David, my husband, and Bramble our dog. The garden centre on Saturdays.",
			[ABOUT_PEOPLE] = "David; my daughter Claire, who rings on Sundays; Joan next door.",
			[ABOUT_COMMUNICATE] = "I hear better on my right. Give me time to get my breath before I answer.",
			[ABOUT_WELLNESS] = "A short walk every day keeps me well. Cold damp weather makes my chest worse.",
			[ABOUT_DO_DONT] = "Please do tell me what is happening and why. Please don't talk to David over me.",
			[ABOUT_SUPPORT] = "Mornings are slow for me: visits after 10 o'clock suit me best.",
			[ABOUT_ALSO] = "I was a school secretary for 30 years, and I like things written down.",
		}};
	int64_t id = 0;
	struct audit_event ev = {.action = "aboutme.save", .object_type = "about_me", .person_id = person,
				 .reason = "demo data"};
	if ((err = store_about_me_insert(d->c, &m, &id)))
		goto done;
	ev.object_id = id;
	if ((err = audit_record(d->c, d->who, &ev, d->now_ms)))
		goto done;
	struct store_episode ep;
	err = store_episode_open_of(d->c, a, person, &ep);
	if (err == CP_ENOTFOUND) {
		err = CP_OK; /* no open episode: no review to ask about */
		goto done;
	}
	if (err)
		goto done;
	struct store_review_question q = {.episode_id = ep.id, .user_id = me, .writer = "person",
					  .question = "Could the walking group meet closer to home in the winter?",
					  .created_ms = d->now_ms};
	if ((err = store_review_question_insert(d->c, &q, &id)))
		goto done;
	ev = (struct audit_event){.action = "review_question.add", .object_type = "review_question",
				  .object_id = id, .person_id = person, .reason = "demo data"};
	err = audit_record(d->c, d->who, &ev, d->now_ms);
done:
	arena_free(a);
	return err;
}
