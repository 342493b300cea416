// plain.test.mjs - plain-language advice on the plan the person reads: a
// professional who saves a goal with jargon is brought back to it with the
// advice beside the field; a plain goal goes straight back to the plan.
// Saving is never blocked.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const episode = Number(q(`select id from episode where person_id = 1 and stage = 'active'`));

async function saveGoal(c, title) {
  const form = await c.get(`/episodes/${episode}/plan/edit?section=goal`);
  assert.equal(form.status, 200);
  const version = form.text.match(/name="plan_version" value="(\d+)"/)[1];
  return c.post(`/episodes/${episode}/plan/edit`, {
    csrf: Client.csrfOf(form.text), section: 'goal', item: '0', plan_version: version,
    goal_title: title, goal_status: 'active',
  });
}

test('jargon in a goal is saved, then shown back with plainer words beside it', async () => {
  const kw = new Client(srv.url);
  assert.equal((await kw.signIn('keyworker')).status, 303);
  const goals = Number(q(`select count(*) from plan_goal g join care_plan p on p.id = g.plan_id where p.episode_id = ${episode}`));
  const r = await saveGoal(kw, 'Reduce SOB on exertion and attend PR twice a week');
  assert.equal(r.status, 303);
  const where = r.headers.get('location');
  assert.match(where, new RegExp(`^/episodes/${episode}/plan/edit\\?section=goal&item=\\d+&saved=1$`));
  assert.equal(Number(q(`select count(*) from plan_goal g join care_plan p on p.id = g.plan_id where p.episode_id = ${episode}`)), goals + 1,
    'saved, not blocked');
  const page = await kw.get(where);
  assert.equal(page.status, 200);
  assert.match(page.text, /Saved\. Some of the words may be hard for the person to read/);
  assert.match(page.text, /<li>"SOB": try "short of breath"<\/li>/);
  assert.match(page.text, /<li>"PR": try "pulmonary rehabilitation \(exercise and breathing classes\)"<\/li>/);

  const plain = await saveGoal(kw, 'Walk to the corner shop and back by the summer');
  assert.equal(plain.status, 303);
  assert.equal(plain.headers.get('location'), `/episodes/${episode}/plan#goal`);
});
