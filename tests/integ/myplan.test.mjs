// myplan.test.mjs - "My plan" over HTTP: the person's pages, what they
// write (About me, their own goals and steps, done and confidence, story
// and questions for review), bad input named by field with nothing
// written, stale saves refused, another person's objects answered 404, and
// a carer seeing only the granted sections, read only.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client, careplan } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

test('the person\'s front page says their actions, who to contact and their next review', async () => {
  const me = await as('person');
  const home = await me.get('/');
  assert.match(home.text, /href="\/my"/);
  const r = await me.get('/my');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>My plan<\/h1>/);
  assert.match(r.text, /My key actions this year/);
  assert.match(r.text, /Who to contact and how/);
  assert.match(r.text, /Getting back in touch quickly/);
  assert.match(r.text, /My next review/);
  for (const href of ['/my/about', '/my/goals', '/my/team', '/my/timetable', '/my/review', '/my/if-things-get-worse']) {
    assert.match(r.text, new RegExp(`href="${href}"`), `links to ${href}`);
    assert.equal((await me.get(href)).status, 200, `${href} answers`);
  }
  const acp = await me.get('/my/advance-care-plan');
  assert.equal(acp.status, 200, 'Margaret has an advance care plan');
  assert.match(acp.text, /What I want for my future care/);
  assert.ok(count(`audit where action = 'myplan.read' and person_id = 1`) >= 8, 'each read is audited');
  // "This year": an action due in two years waits on the goals page.
  const plan = q(`select c.id from care_plan c join episode e on e.id = c.episode_id where e.person_id = 1 and e.stage = 'active'`);
  const far = new Date(Date.now() + 2 * 365 * 86400000).toISOString().slice(0, 10);
  const goal = q(`select min(id) from plan_goal where plan_id = ${plan}`);
  q(`insert into plan_action(plan_id, goal_id, position, what, who_kind, due_date) values (${plan}, ${goal}, 99, 'Renew the blue badge', 'person', '${far}')`);
  const later = await me.get('/my');
  const actions = later.text.slice(later.text.indexOf('id="actions"'), later.text.indexOf('id="contact"'));
  assert.doesNotMatch(actions, /Renew the blue badge/);
  assert.match(actions, /1 more action is due later: <a href="\/my\/goals">see my goals and actions<\/a>/);
  assert.match((await me.get('/my/goals')).text, /Renew the blue badge/);
  q(`delete from plan_action where what = 'Renew the blue badge'`);
});

test('About me: the demo version, a save with history, bad input, a stale save', async () => {
  const me = await as('person');
  const page = await me.get('/my/about');
  assert.match(page.text, /David, my husband/);
  assert.match(page.text, /Written by Margaret Hughes \(the person\)/);
  const csrf = Client.csrfOf(page.text);
  const before = count('about_me');

  const empty = await me.post('/my/about', { csrf, version: '1' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /href="#important">Write something in at least one part of About me/);
  const long = await me.post('/my/about', { csrf, version: '1', wellness: 'x'.repeat(2001), also: 'Kept' });
  assert.equal(long.status, 400);
  assert.match(long.text, /href="#wellness">My wellness must be 2000 characters or fewer/);
  assert.match(long.text, />Kept<\/textarea>/);
  assert.equal(count('about_me'), before, 'nothing written');

  const ok = await me.post('/my/about', { csrf, version: '1', important: 'Bramble & David <3', support: 'After 10' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/my/about?done=about');
  const now = await me.get('/my/about?done=about');
  assert.match(now.text, /Bramble &amp; David &lt;3/);
  assert.match(now.text, /Change history/);
  assert.equal(count('about_me where person_id = 1'), 2);
  assert.equal(count(`audit where action = 'aboutme.save' and person_id = 1 and reason is null`), 1);

  const stale = await me.post('/my/about', { csrf, version: '1', important: 'Old form' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /saved About me at \d\d:\d\d, after you opened this page/);
  assert.match(stale.text, />Old form<\/textarea>/);
  assert.equal(count('about_me where person_id = 1'), 2, 'a stale save writes nothing');
});

test('a professional sees About me on the person page, marked as the person\'s', async () => {
  const kw = await as('keyworker');
  const r = await kw.get('/people/1');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="about-me"/);
  assert.match(r.text, /Written by Margaret Hughes \(the person\)/);
});

test('my goals: add a goal and a step, mark it done, say how confident; bad input and other people\'s actions', async () => {
  const me = await as('person');
  const page = await me.get('/my/goals');
  assert.equal(page.status, 200);
  const csrf = Client.csrfOf(page.text);
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const goals = count('plan_goal'); const versions = count('plan_version');

  const bad = await me.post('/my/goals', { csrf, version, goal: '', step: 'Walk', step_due: '2026-02-30' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#goal">Write your goal, in your own words/);
  assert.match(bad.text, /href="#step_due">/);
  assert.equal(count('plan_goal'), goals, 'nothing written');

  const ok = await me.post('/my/goals', { csrf, version, goal: 'Go to the garden centre with Claire', step: 'Ask Claire which Saturday suits her', step_due: '2027-01-15' });
  assert.equal(ok.status, 303);
  assert.equal(count('plan_goal'), goals + 1);
  assert.equal(count('plan_version'), versions + 1, 'one new plan version');
  assert.equal(count(`plan_own where writer = 'person'`), 2);
  const mine = await me.get('/my/goals');
  assert.match(mine.text, /Go to the garden centre with Claire/);
  assert.match(mine.text, /Added by Margaret Hughes \(the person\)/);
  const step = q(`select object_id from plan_own where section = 'action' order by id desc limit 1`);
  const v2 = mine.text.match(/name="version" value="(\d+)"/)[1];

  const stale = await me.post('/my/goals', { csrf, version, goal: 'An old form' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /after you opened this page/);

  const conf = await me.post('/my/goals/confidence', { csrf, version: v2, action: step, confidence: '11' });
  assert.equal(conf.status, 400);
  assert.match(conf.text, /href="#confidence">How confident you feel must be a whole number from 1 to 10/);
  const conf2 = await me.post('/my/goals/confidence', { csrf, version: v2, action: step, confidence: '7' });
  assert.equal(conf2.status, 303);
  assert.equal(q(`select confidence from plan_action where id = ${step}`), '7');
  const v3 = (await me.get('/my/goals')).text.match(/name="version" value="(\d+)"/)[1];
  const done = await me.post('/my/goals/done', { csrf, version: v3, action: step });
  assert.equal(done.status, 303);
  assert.equal(q(`select status from plan_action where id = ${step}`), 'done');

  // An action of another person's plan: 404, audited against that person, nothing changed.
  const other = q(`select a.id from plan_action a join care_plan p on p.id = a.plan_id join episode e on e.id = p.episode_id where e.person_id <> 1 limit 1`);
  const refusedBefore = count(`audit where action = 'access.refused'`);
  const v4 = (await me.get('/my/goals')).text.match(/name="version" value="(\d+)"/)[1];
  const before = q(`select status || confidence from plan_action where id = ${other}`);
  const guess = await me.post('/my/goals/done', { csrf, version: v4, action: other });
  assert.equal(guess.status, 404);
  assert.equal(q(`select status || confidence from plan_action where id = ${other}`), before);
  assert.equal(count(`audit where action = 'access.refused'`), refusedBefore + 1);
});

test('the key worker sees the person\'s own goal marked on the plan page', async () => {
  const kw = await as('keyworker');
  const ep = q(`select id from episode where person_id = 1 and stage not in ('discharged', 'closed')`);
  const r = await kw.get(`/episodes/${ep}/plan`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Added by Margaret Hughes \(the person\)/);
});

test('my story and questions for review reach the key worker\'s review page', async () => {
  const me = await as('person');
  const page = await me.get('/my/review');
  assert.match(page.text, /Could the walking group meet closer to home/);
  const csrf = Client.csrfOf(page.text);
  const stories = count('review_story');
  const bad = await me.post('/my/review/story', { csrf, version: '0', story: '   ' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#story">Write your story before you save it/);
  assert.equal(count('review_story'), stories);
  const ok = await me.post('/my/review/story', { csrf, version: '0', story: 'Winter has been hard.\nThe nebuliser helps.' });
  assert.equal(ok.status, 303);
  const stale = await me.post('/my/review/story', { csrf, version: '0', story: 'Again' });
  assert.equal(stale.status, 409);
  assert.equal(count('review_story'), stories + 1);

  const qs = count('review_question');
  const badq = await me.post('/my/review/questions', { csrf, question: '' });
  assert.equal(badq.status, 400);
  assert.match(badq.text, /href="#question">Write your question before you add it/);
  assert.equal(count('review_question'), qs);
  assert.equal((await me.post('/my/review/questions', { csrf, question: 'Can visits be after 10?' })).status, 303);
  assert.equal(count('review_question'), qs + 1);

  const kw = await as('keyworker');
  const ep = q(`select id from episode where person_id = 1 and stage not in ('discharged', 'closed')`);
  const rv = await kw.get(`/episodes/${ep}/reviews`);
  assert.equal(rv.status, 200);
  assert.match(rv.text, /From the person, for this review/);
  assert.match(rv.text, /Winter has been hard/);
  assert.match(rv.text, /Can visits be after 10\?/);
  assert.match(rv.text, /Written by Margaret Hughes \(the person\)/);

  // Taking back a question of another episode: 404, nothing changed.
  const other = Number(q(`select max(id) from review_question`)) + 100;
  assert.equal((await me.post('/my/review/questions/remove', { csrf, question_id: String(other) })).status, 404);
  const mine = q(`select id from review_question where question = 'Can visits be after 10?'`);
  assert.equal((await me.post('/my/review/questions/remove', { csrf, question_id: mine })).status, 303);
  assert.equal(count(`review_question where removed_ms > 0`), 1);
});

test('a carer sees the granted sections only, read only; nothing of another person', async () => {
  const carer = await as('carer');
  const list = await carer.get('/cared-for');
  assert.equal(list.status, 200);
  assert.match(list.text, /href="\/cared-for\/1">Margaret Hughes/);
  const front = await carer.get('/cared-for/1');
  assert.equal(front.status, 200);
  assert.match(front.text, /Margaret Hughes&#39;s plan/);
  // Defaults (share.def): about me, goals and contingency for carers; not the assessment or ACP.
  assert.match(front.text, /href="\/cared-for\/1\/about"/);
  assert.match(front.text, /href="\/cared-for\/1\/goals"/);
  assert.doesNotMatch(front.text, /\/cared-for\/1\/review/);
  assert.doesNotMatch(front.text, /advance-care-plan/);
  assert.doesNotMatch(front.text, /<form[^>]*action="\/my/);
  assert.equal((await carer.get('/cared-for/1/review')).status, 404);
  assert.equal((await carer.get('/cared-for/1/advance-care-plan')).status, 404);
  const about = await carer.get('/cared-for/1/about');
  assert.equal(about.status, 200);
  assert.doesNotMatch(about.text, /<textarea/);
  const goals = await carer.get('/cared-for/1/goals');
  assert.doesNotMatch(goals.text, /Mark as done/);
  // Another person: refused.
  const other = await carer.get('/cared-for/2');
  assert.notEqual(other.status, 200);
  // The person's own routes are not a carer's.
  const csrf = Client.csrfOf(about.text) || Client.csrfOf(front.text);
  assert.equal((await carer.post('/my/about', { csrf, version: '0', important: 'x' })).status, 403);
});

test('a person cannot open the carer\'s pages, and a professional has no My plan', async () => {
  const me = await as('person');
  assert.equal((await me.get('/cared-for/1')).status, 403);
  const kw = await as('keyworker');
  assert.equal((await kw.get('/my')).status, 403);
});

test('a carer whose access is withdrawn sees nothing more, at once', async () => {
  const carer = await as('carer');
  assert.equal((await carer.get('/cared-for/1')).status, 200);
  const me = await as('person');
  const page = await me.get('/my/access');
  const grant = q(`select id from carer_grant where person_id = 1 and withdrawn_ms = 0 limit 1`);
  const r = await me.post('/my/access/withdraw', { csrf: Client.csrfOf(page.text), grant });
  assert.equal(r.status, 303);
  const after = await carer.get('/cared-for/1/about');
  assert.notEqual(after.status, 200);
  assert.doesNotMatch(after.text, /David, my husband|Bramble/);
  assert.doesNotMatch((await carer.get('/cared-for')).text, /href="\/cared-for\/1"/);
});

test('a person with no plan is told so plainly, cannot add to one, and cannot reach Margaret\'s things', async () => {
  const pid = q(`select id from person where id not in (select e.person_id from episode e join care_plan p on p.episode_id = e.id)
    and id not in (select person_id from users where person_id is not null) order by id limit 1`);
  const add = careplan(['user', 'add', 'lone.person', '--role', 'person', '--name', 'Lone Person', '--person', pid, '--db', srv.db],
    { input: 'plum-orbit-canal-42\n' });
  assert.equal(add.status, 0, add.stderr);
  const me = new Client(srv.url);
  assert.equal((await me.signIn('lone.person', 'plum-orbit-canal-42')).status, 303);
  const front = await me.get('/my');
  assert.equal(front.status, 200);
  assert.match(front.text, /You do not have a care plan yet\./);
  assert.doesNotMatch(front.text, /My key actions this year/);
  assert.equal((await me.get('/my/advance-care-plan')).status, 404);
  const csrf = Client.csrfOf(front.text);
  const goals = count('plan_goal');
  const g = await me.post('/my/goals', { csrf, version: '0', goal: 'Walk more' });
  assert.ok([404, 409].includes(g.status), `no plan to add to (${g.status})`);
  assert.equal(count('plan_goal'), goals);

  // Margaret's question, taken back by someone else: not found, unchanged, audited against her.
  const hers = q(`select q.id from review_question q join episode e on e.id = q.episode_id
    where q.removed_ms = 0 and e.person_id = 1 order by q.id limit 1`);
  const tried = count(`audit where action = 'access.refused' and person_id = 1`);
  assert.equal((await me.post('/my/review/questions/remove', { csrf, question_id: hers })).status, 404);
  assert.equal(q(`select removed_ms from review_question where id = ${hers}`), '0');
  assert.equal(count(`audit where action = 'access.refused' and person_id = 1`), tried + 1);
  // Margaret's action, marked done by someone else: not found, audited against Margaret.
  const action = q(`select object_id from plan_own where section = 'action' limit 1`);
  const refused = count(`audit where action = 'access.refused' and person_id = 1`);
  assert.equal((await me.post('/my/goals/done', { csrf, version: '1', action })).status, 404);
  assert.equal(count(`audit where action = 'access.refused' and person_id = 1`), refused + 1);
});
