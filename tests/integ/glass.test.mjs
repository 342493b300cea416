// glass.test.mjs - the one access check over HTTP: a professional outside a
// person's care team and team is refused every page and form of theirs
// (audited), breaks the glass with a reason for a limited time, and the
// person and the team manager see it with the reason.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client, careplan } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const PW = 'plum-orbit-canal-42';

// A GP in another team.
q(`insert into team(organisation_id, name) values (1, 'Riverside Team')`);
const other = Number(q(`select id from team where name = 'Riverside Team'`));
const added = careplan(['user', 'add', 'gp.far', '--role', 'professional', '--discipline', 'gp', '--name', 'Dr Far Away',
  '--team', String(other), '--db', srv.db], { input: `${PW}\n` });
assert.equal(added.status, 0, added.stderr);

const ep = Number(q(`select id from episode where person_id = 1 and stage = 'active'`));
const action = Number(q(`select a.id from plan_action a join care_plan c on c.id = a.plan_id where c.episode_id = ${ep} limit 1`));
const medicine = Number(q(`select id from assess_medicine where episode_id = ${ep} limit 1`));

async function signIn(user, pw) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(user, pw)).status, 303, `${user} signs in`);
  return c;
}

test('outside the care team and the team, every page and form of the person is refused and audited', async () => {
  const far = await signIn('gp.far', PW);
  const refused = count(`audit where action = 'access.refused'`);
  for (const path of ['/people/1', '/people/1/edit', `/episodes/${ep}`, `/episodes/${ep}/plan`, `/episodes/${ep}/assessment`,
    `/episodes/${ep}/activity`, `/episodes/${ep}/reviews`, '/people/1/access', `/assessment-medicines/${medicine}/edit`]) {
    const r = await far.get(path);
    assert.equal(r.status, 403, path);
    assert.match(r.text, /You are not in this person(’|'|&#39;)s care team/, path);
    assert.match(r.text, /action="\/people\/1\/break-glass"/, path);
    assert.doesNotMatch(r.text, /Margaret|Hughes/, `${path} shows nothing of her record`);
  }
  assert.equal(count(`audit where action = 'access.refused' and person_id = 1`) - refused >= 9, true);
  // Forms are refused before they run, and write nothing.
  const csrf = Client.csrfOf((await far.get('/people')).text);
  const v = q(`select version from episode where id = ${ep}`);
  const stages = count('episode_event');
  const r = await far.post(`/episodes/${ep}/stage`, { csrf, version: v, to_stage: 'review', stage_reason: 'x' });
  assert.equal(r.status, 403);
  const s = await far.post(`/plan-actions/${action}/status`, { csrf, status: 'done', confidence: '3' });
  assert.equal(s.status, 403);
  assert.equal(count('episode_event'), stages);
  assert.equal(q(`select version from episode where id = ${ep}`), v);
  // Unknown ids are still 404, not a hint that something is there.
  assert.equal((await far.get('/people/99999')).status, 404);
  assert.equal((await far.get('/episodes/99999')).status, 404);
});

test('the key worker, in the care team and the team, is let in', async () => {
  const kw = await signIn('keyworker');
  assert.equal((await kw.get('/people/1')).status, 200);
  assert.equal((await kw.get(`/episodes/${ep}/plan`)).status, 200);
});

test('breaking the glass needs a reason, lets in for a while, and is shown to the person and the manager', async () => {
  const far = await signIn('gp.far', PW);
  const page = await far.get(`/episodes/${ep}/plan`);
  const csrf = Client.csrfOf(page.text);
  const short = await far.post('/people/1/break-glass', { csrf, reason: 'urgent', back: `/episodes/${ep}/plan` });
  assert.equal(short.status, 400);
  assert.match(short.text, /href="#reason">Give your reason in 10 to 500 characters/);
  assert.equal(count('break_glass'), 0);

  const why = 'Seen in A&E out of hours, needs her medicines list';
  const ok = await far.post('/people/1/break-glass', { csrf, reason: why, back: `/episodes/${ep}/plan` });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/episodes/${ep}/plan`);
  assert.equal((await far.get(`/episodes/${ep}/plan`)).status, 200);
  assert.equal((await far.get('/people/1')).status, 200);
  assert.equal(count(`audit where action = 'breakglass.grant' and person_id = 1`), 1);
  assert.equal(count(`audit where reason like '%A&E%'`), 0, 'the reason lives in the grant, not the audit row');
  // Somewhere else is not a place to be sent back to.
  const offsite = await far.post('/people/1/break-glass', { csrf, reason: why, back: '//evil.example/' });
  assert.equal(offsite.headers.get('location'), '/people/1');

  const margaret = await signIn('person');
  const log = await margaret.get('/my/record-log');
  assert.match(log.text, /Dr Far Away \(Professional\)<\/td><td class="nhsuk-table__cell">used break-glass access to see your record, though not in your care team\. The reason they gave: "Seen in A&amp;E out of hours, needs her medicines list"/);

  const manager = await signIn('manager');
  const list = await manager.get('/team/break-glass');
  assert.equal(list.status, 200);
  assert.match(list.text, /Dr Far Away \(Professional\)/);
  assert.match(list.text, /Seen in A&amp;E out of hours/);
  assert.match(list.text, /Open until/);

  // When it runs out, the door closes again.
  q(`update break_glass set expires_ms = granted_ms + 1`);
  assert.equal((await far.get(`/episodes/${ep}/plan`)).status, 403);
  assert.match((await manager.get('/team/break-glass')).text, /Ended/);
  // Only professionals may break the glass; others never reach the form.
  const carer = await signIn('carer');
  assert.equal((await carer.get('/team/break-glass')).status, 403);
});
