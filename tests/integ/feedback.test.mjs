// feedback.test.mjs - people and carers give feedback on care planning over
// HTTP; the team manager reads it without names; commissioners see totals
// only, with figures from fewer than five responses held back.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

test('a person gives feedback; a bad form names each field and writes nothing', async () => {
  const me = await as('person');
  const home = await me.get('/');
  assert.match(home.text, /href="\/feedback">Tell the team how care planning is going for you/);
  const form = await me.get('/feedback');
  assert.equal(form.status, 200);
  const csrf = Client.csrfOf(form.text);
  const before = count('feedback');
  const bad = await me.post('/feedback', { csrf, involved: '9', comment: 'Kept words' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#involved">Choose one of the five answers/);
  assert.match(bad.text, /href="#listened">Choose how much you agree: The team listened/);
  assert.match(bad.text, /href="#useful">Choose how much you agree/);
  assert.match(bad.text, />Kept words<\/textarea>/);
  assert.equal(count('feedback'), before);

  const ok = await me.post('/feedback', { csrf, involved: '5', listened: '4', useful: '4', comment: 'Thank you <3' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/feedback?done=1');
  assert.match((await me.get('/feedback?done=1')).text, /Thank you\. Your feedback has gone to the team/);
  assert.equal(count('feedback'), before + 1);
  assert.equal(q(`select giver || '|' || involved || listened || useful from feedback order by id desc limit 1`), 'person|544');
  assert.equal(count(`audit where action = 'feedback.create' and person_id = 1`), 8); // 7 from the demo
  assert.equal(count(`audit where reason like '%Thank you%'`), 0, 'the words are never audited');
});

test('a carer gives feedback about the person who granted access', async () => {
  const carer = await as('carer');
  const form = await carer.get('/feedback');
  assert.doesNotMatch(form.text, /Whose care planning/, 'one person: no need to choose');
  const r = await carer.post('/feedback', { csrf: Client.csrfOf(form.text), involved: '3', listened: '3', useful: '2' });
  assert.equal(r.status, 303);
  assert.equal(q(`select giver || '|' || person_id from feedback order by id desc limit 1`), 'carer|1');
});

test('the team manager reads the team\'s feedback without names', async () => {
  const manager = await as('manager');
  assert.match((await manager.get('/')).text, /href="\/team\/feedback">Read what people and carers say/);
  const page = await manager.get('/team/feedback');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Feedback from people and carers<\/h1>/);
  assert.match(page.text, /Thank you &lt;3/);
  assert.match(page.text, /From a carer, /);
  assert.doesNotMatch(page.text, /Margaret|David Hughes/);
});

test('commissioners see totals only; teams with fewer than five responses are held back', async () => {
  // A second team with two responses.
  q(`insert into team(organisation_id, name) values (1, 'Riverside Team')`);
  const team = Number(q(`select id from team where name = 'Riverside Team'`));
  q(`insert into feedback(team_id, person_id, user_id, giver, involved, listened, useful, created_ms)
     values (${team}, 2, 1, 'person', 1, 1, 1, 1), (${team}, 2, 1, 'person', 2, 2, 2, 2)`);
  const comm = await as('commissioner');
  const service = await comm.get('/service');
  assert.match(service.text, /href="\/service\/feedback">Feedback from people and carers/);
  const page = await comm.get('/service/feedback');
  assert.equal(page.status, 200);
  assert.match(page.text, /Kingsmead Integrated Care Team<\/td><td class="nhsuk-table__cell">9<\/td>/);
  assert.match(page.text, /Riverside Team<\/td><td class="nhsuk-table__cell">fewer than 5<\/td><td class="nhsuk-table__cell">not shown/);
  assert.doesNotMatch(page.text, /Thank you|From a carer/, 'no words, no single responses');
  assert.match(page.text, /11 responses across the service/);
});

test('each role reaches only its own feedback pages', async () => {
  const kw = await as('keyworker');
  assert.equal((await kw.get('/feedback')).status, 403);
  assert.equal((await kw.get('/team/feedback')).status, 403);
  const comm = await as('commissioner');
  assert.equal((await comm.get('/team/feedback')).status, 403);
  assert.equal((await comm.get('/feedback')).status, 403);
  const person = await as('person');
  assert.equal((await person.get('/service/feedback')).status, 403);
  assert.equal((await person.get('/team/feedback')).status, 403);
});
