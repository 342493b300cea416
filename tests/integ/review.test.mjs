// review.test.mjs - implementation, reviews, worklists and exit over HTTP
// against the real server: an action's status and confidence with their
// history and audit rows, activity linked to an action or said to be outside
// the plan, reviews with each decision moving the stage (and refused ones
// refused with a message), the next review date written to the plan, the
// worklists' sections, counts and sort, the route back required for a
// discharge and shown on the person's record, the check-in plan required for
// maintenance feeding the worklist, POSTs on an ended episode refused, and
// bad input writing nothing (row counts with the sqlite3 command line).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);

const clients = new Map();
async function as(login) {
  if (!clients.has(login)) {
    const c = new Client(srv.url);
    const r = await c.signIn(login);
    assert.equal(r.status, 303, `${login} signs in`);
    clients.set(login, c);
  }
  return clients.get(login);
}
async function csrf(c) {
  const t = Client.csrfOf((await c.get('/people/new')).text);
  assert.ok(t);
  return t;
}
const q = (s) => sql(srv.db, s);
const count = (where) => Number(q(`select count(*) from ${where}`));
const audits = (action) => count(`audit where action = '${action}'`);
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const today = day(0);
const stage = (id) => q(`select stage from episode where id = ${id}`);
const version = (id) => String(q(`select version from episode where id = ${id}`));
// The number a worklist shows for a section.
const countOf = (html, section) => Number(html.match(new RegExp(`data-count="${section}">(\\d+)<`))[1]);
// The part of a worklist page from a section's heading to the next one.
const sectionOf = (html, section) => html.split(`<h2 id="${section}">`)[1].split('<h2')[0];

const START = {
  origin: 'team', reason: 'Struggling at home after a fall', level: '2',
  assessment_by: 'person', assessment_date: '2026-01-12', assessment_scope: 'Holistic assessment',
  sharing_by: 'person', sharing_date: '2026-01-12', sharing_scope: 'With the GP',
};
const NHS = ['943 476 5870', '943 476 5889', '943 476 5897'];

async function newEpisode(kw, given, family, nhs) {
  const p = await kw.post('/people/new', { csrf: await csrf(kw), given_name: given, family_name: family,
    birth_date: '1941-03-03', nhs_number: nhs });
  assert.equal(p.status, 303, p.text.slice(0, 2000));
  const person = Number(p.headers.get('location').match(/(\d+)$/)[1]);
  const e = await kw.post(`/people/${person}/episodes/new`, { csrf: await csrf(kw), ...START });
  assert.equal(e.status, 303);
  return { person, ep: Number(e.headers.get('location').match(/(\d+)$/)[1]) };
}
async function move(kw, ep, to, extra = {}) {
  return kw.post(`/episodes/${ep}/stage`, { csrf: await csrf(kw), version: version(ep), to_stage: to,
    stage_reason: `moving to ${to}`, ...extra });
}
// A plan for ep (whether or not the plan pages made one when it started):
// a GAS goal, a goal without GAS, and two actions.
function plan(ep) {
  q(`insert or ignore into care_plan(episode_id, created_ms, updated_ms) values (${ep}, 1, 1)`);
  const id = Number(q(`select id from care_plan where episode_id = ${ep}`));
  q(`update care_plan set status = 'draft', review_interval_days = 28, next_review_date = null where id = ${id}`);
  q(`insert into plan_goal(plan_id, position, title, gas_baseline, gas_m2, gas_m1, gas_0, gas_p1, gas_p2) values (${id}, 1, 'Walk to the shop', -1, 'Cannot leave the house', 'Walks to the gate', 'Walks to the shop once a week', 'Twice a week', 'Every day')`);
  q(`insert into plan_goal(plan_id, position, title) values (${id}, 2, 'Sleep better')`);
  const g = q(`select id from plan_goal where plan_id = ${id} order by position`).split('\n').map(Number);
  q(`insert into plan_action(plan_id, goal_id, position, what, who_kind, who_name) values (${id}, ${g[0]}, 1, 'Falls class each Tuesday', 'service', 'Falls service')`);
  q(`insert into plan_action(plan_id, goal_id, position, what, who_kind) values (${id}, ${g[1]}, 2, 'Keep a sleep diary', 'person')`);
  const a = q(`select id from plan_action where plan_id = ${id} order by position`).split('\n').map(Number);
  return { id, goals: g, actions: a };
}

let rita; let ritaPlan;

test('a new episode at planning with a draft plan is on the key worker\'s worklist as not agreed', async () => {
  const kw = await as('keyworker');
  rita = await newEpisode(kw, 'Rita', 'Review', NHS[0]);
  for (const to of ['assessment', 'planning']) assert.equal((await move(kw, rita.ep, to)).status, 303);
  ritaPlan = plan(rita.ep);
  const reads = audits('worklist.read');
  const w = await kw.get('/worklist');
  assert.equal(w.status, 200);
  assert.equal(audits('worklist.read'), reads + 1, 'reading a worklist is audited');
  assert.match(sectionOf(w.text, 'not-agreed'), new RegExp(`href="/people/${rita.person}">Rita Review</a>`));
  assert.match(sectionOf(w.text, 'not-agreed'), /Rita Review[\s\S]*?Open for 0 days/);
  assert.ok(countOf(w.text, 'not-agreed') >= 1);
  assert.equal(countOf(w.text, 'no-key-worker'), 0, 'on my own worklist I am the key worker');
  const home = await kw.get('/');
  assert.match(home.text, /href="\/worklist">my worklist/);
  assert.match(home.text, /href="\/worklist\/team">team worklist/);
});

test('once agreed and active, a review due soon shows with its days to go; sort by a whitelisted key only', async () => {
  const kw = await as('keyworker');
  q(`update care_plan set status = 'agreed', agreed_date = '${today}', next_review_date = '${day(5)}' where id = ${ritaPlan.id}`);
  assert.equal((await move(kw, rita.ep, 'active')).status, 303);
  const w = await kw.get('/worklist');
  assert.match(sectionOf(w.text, 'due'), /Rita Review[\s\S]*In 5 days/);
  assert.doesNotMatch(sectionOf(w.text, 'not-agreed'), /Rita Review/);
  const team = await kw.get('/worklist/team');
  assert.equal(team.status, 200);
  assert.match(sectionOf(team.text, 'due'), /Rita Review/);
  // Sorting: by name puts people in family-name order.
  const byName = await kw.get('/worklist/team?sort=name');
  assert.equal(byName.status, 200);
  const names = [...sectionOf(byName.text, 'not-agreed').matchAll(/href="\/people\/\d+">([^<]+)</g)].map((m) => m[1].split(' ').pop());
  assert.ok(names.length >= 1);
  for (let i = 1; i < names.length; i++) assert.ok(names[i - 1] <= names[i], `${names[i - 1]} before ${names[i]}`);
  const bad = await kw.get('/worklist?sort=family_name;drop');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /sorted by date or by name only/);
  // One section alone: only its heading, and the way back.
  const due = await kw.get('/worklist/team?sort=date&section=due');
  assert.equal(due.status, 200);
  assert.match(sectionOf(due.text, 'due'), /Rita Review/);
  assert.doesNotMatch(due.text, /<h2 id="not-agreed"/);
  assert.match(due.text, /Back to the whole worklist/);
  const badSection = await kw.get('/worklist/team?section=everything');
  assert.equal(badSection.status, 400);
  assert.match(badSection.text, /no worklist section of that name/);
  const person = await as('person');
  assert.equal((await person.get('/worklist')).status, 403, 'a person has no worklist');
});

test('an action\'s status and confidence change with a history row and an audit row; bad input writes nothing', async () => {
  const kw = await as('keyworker');
  const [a1] = ritaPlan.actions;
  const page = await kw.get(`/episodes/${rita.ep}/activity`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Falls class each Tuesday/);
  assert.match(page.text, /Walk to the shop/, 'the linked goal is named');
  assert.match(page.text, /2 agreed actions with no activity yet/);
  const events = count('action_event');
  const statusAudits = audits('action.status');
  const bad = await kw.post(`/plan-actions/${a1}/status`, { csrf: await csrf(kw), action_status: 'finished', confidence: '11' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Select the status of the action/);
  assert.match(bad.text, /Confidence must be a whole number from 0 to 10/);
  assert.match(bad.text, /value="11"/, 'what was typed is kept');
  assert.equal(count('action_event'), events);
  assert.equal(audits('action.status'), statusAudits);
  const ok = await kw.post(`/plan-actions/${a1}/status`, { csrf: await csrf(kw), action_status: 'in_progress', confidence: '7' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/episodes/${rita.ep}/activity#action-${a1}`);
  assert.equal(q(`select status || '|' || confidence from plan_action where id = ${a1}`), 'in_progress|7');
  assert.equal(q(`select ifnull(from_status, '-') || '>' || to_status || '|' || ifnull(from_confidence, '-') || '>' || to_confidence || '|' || (user_id is not null) from action_event where action_id = ${a1}`),
    'not_started>in_progress|->7|1');
  assert.equal(audits('action.status'), statusAudits + 1);
  const other = await as('nurse.reid');
  const byNurse = await other.post(`/plan-actions/${a1}/status`, { csrf: await csrf(other), action_status: 'done', confidence: '9' });
  assert.equal(byNurse.status, 303, 'any team member with access may update it');
  assert.equal(count(`action_event where action_id = ${a1}`), 2);
  assert.equal((await kw.post('/plan-actions/99999999/status', { csrf: await csrf(kw), action_status: 'done' })).status, 404);
});

test('activity is logged against the action it carries out, or flagged as not in the plan', async () => {
  const kw = await as('keyworker');
  const [, a2] = ritaPlan.actions;
  const before = count('activity');
  const bad = await kw.post(`/episodes/${rita.ep}/activity`, { csrf: await csrf(kw), activity_date: '2999-01-01',
    activity_who: 'Nurse Reid', activity_minutes: 'lots' });
  assert.equal(bad.status, 400);
  for (const m of [/Date must be today or in the past/, /Select what kind of activity it was/,
    /Minutes must be a whole number from 1 to 1440/, /Select the action of the plan this carries out/])
    assert.match(bad.text, m);
  assert.match(bad.text, /value="Nurse Reid"/);
  assert.equal(count('activity'), before, 'nothing written');
  const creates = audits('activity.create');
  const ok = await kw.post(`/episodes/${rita.ep}/activity`, { csrf: await csrf(kw), activity_date: today,
    activity_kind: 'home_visit', activity_who: 'Sam Okafor', activity_minutes: '45', activity_action: String(a2),
    activity_note: 'Looked at the sleep diary together' });
  assert.equal(ok.status, 303);
  assert.equal(q(`select action_id || '|' || kind || '|' || minutes from activity order by id desc limit 1`), `${a2}|home_visit|45`);
  const none = await kw.post(`/episodes/${rita.ep}/activity`, { csrf: await csrf(kw), activity_date: today,
    activity_kind: 'phone_call', activity_who: 'Sam Okafor', activity_action: 'none' });
  assert.equal(none.status, 303);
  assert.equal(q('select ifnull(action_id, 0) from activity order by id desc limit 1'), '0');
  assert.equal(audits('activity.create'), creates + 2);
  // An action of another episode's plan is refused.
  const foreign = await kw.post(`/episodes/${rita.ep}/activity`, { csrf: await csrf(kw), activity_date: today,
    activity_kind: 'clinic', activity_who: 'x', activity_action: '99999999' });
  assert.equal(foreign.status, 400);
  const page = await kw.get(`/episodes/${rita.ep}/activity`);
  assert.match(page.text, /Not in the plan<\/strong>/);
  assert.match(page.text, /1 entry of activity not linked to the plan/);
  assert.match(page.text, /0 agreed actions with no activity yet/, 'done, and one with activity');
  assert.match(page.text, /1 recorded, the last on/);
  assert.match(page.text, /Activity that carried it out<\/h4>\n<ul[^>]*>\n<li>[^<]+: Home visit by Sam Okafor<\/li>/);
});

test('a review is refused before the review stage, then held: goal progress, GAS, the next review date', async () => {
  const kw = await as('keyworker');
  const before = count('review');
  const early = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'continue', reason: 'fine' });
  assert.equal(early.status, 409);
  assert.match(early.text, /only when the episode is at the review stage; it is at Active/);
  assert.equal(count('review'), before, 'nothing written');
  assert.equal((await move(kw, rita.ep, 'review')).status, 303);
  const form = await kw.get(`/episodes/${rita.ep}/reviews`);
  assert.match(form.text, /Record this review/);
  assert.match(form.text, /Twice a week/, 'the GAS level descriptions are shown');
  const reviews = count('review');
  const [g1, g2] = ritaPlan.goals;
  const bad = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: '2026-02-30', person_view: 'I want to keep going', [`goal_gas_${g1}`]: '3' });
  assert.equal(bad.status, 400);
  for (const m of [/is not a date/, /Select what the review decided/, /Enter why the review decided this/,
    /Select the level reached for the goal/])
    assert.match(bad.text, m);
  assert.match(bad.text, /I want to keep going/, 'what was typed is kept');
  assert.equal(count('review'), reviews, 'nothing written');
  assert.equal(stage(rita.ep), 'review');
  const member = q(`select id from care_team_member where episode_id = ${rita.ep} and to_date is null limit 1`);
  const ok = await kw.post(`/episodes/${rita.ep}/reviews`, new URLSearchParams([
    ['csrf', await csrf(kw)], ['version', version(rita.ep)], ['held_date', today], ['person_attended', 'yes'],
    ['members', member], ['others', 'Her neighbour Joan'], ['person_view', 'I get out more now'],
    [`goal_note_${g1}`, 'Walks to the shop twice a week'], [`goal_gas_${g1}`, '1'], [`goal_note_${g2}`, 'Better'],
    ['what_changed', 'More confident'], ['decision', 'continue'], ['reason', 'Going well'], ['next_review', '']]).toString());
  assert.equal(ok.status, 303, ok.text.slice(0, 3000));
  assert.equal(stage(rita.ep), 'active');
  assert.equal(q(`select next_review_date from care_plan where id = ${ritaPlan.id}`), day(28), 'review date + 28 days');
  assert.equal(q(`select decision || '|' || next_review_date || '|' || person_attended from review where episode_id = ${rita.ep}`),
    `continue|${day(28)}|1`);
  assert.equal(count(`review_goal g join review r on r.id = g.review_id where r.episode_id = ${rita.ep}`), 2);
  assert.equal(count(`review_attendee a join review r on r.id = a.review_id where r.episode_id = ${rita.ep}`), 1);
  assert.equal(q(`select reason from audit where action = 'review.create' order by id desc limit 1`), 'continue');
  const page = await kw.get(`/episodes/${rita.ep}/reviews`);
  assert.match(page.text, /GAS T-score: 60\.0/);
  assert.match(page.text, /I get out more now/);
  assert.match(page.text, /In their own words/);
  assert.match(page.text, /\+1: More than expected \(started at -1\)/);
});

test('a review changing the level moves it with a reason, then one moves to maintenance with a check-in plan', async () => {
  const kw = await as('keyworker');
  assert.equal((await move(kw, rita.ep, 'review')).status, 303);
  const lv = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'change_level', level: '3', reason: 'Needs more help for now', next_review: day(30) });
  assert.equal(lv.status, 303);
  assert.equal(q(`select stage || '|' || level from episode where id = ${rita.ep}`), 'active|3');
  assert.equal(q(`select to_value || '|' || reason from episode_event where episode_id = ${rita.ep} and kind = 'level' order by id desc limit 1`),
    '3|Needs more help for now');
  assert.equal(q(`select next_review_date from care_plan where id = ${ritaPlan.id}`), day(30));
  assert.equal((await move(kw, rita.ep, 'review')).status, 303);
  const reviews = count('review');
  const noPlan = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'maintenance', reason: 'Goals met' });
  assert.equal(noPlan.status, 400);
  assert.match(noPlan.text, /Enter how many days between check-ins/);
  assert.equal(count('review'), reviews);
  assert.equal(count(`maintenance where episode_id = ${rita.ep}`), 0);
  const ok = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'maintenance', reason: 'Goals met', checkin_days: '7', next_checkin: day(3) });
  assert.equal(ok.status, 303);
  assert.equal(stage(rita.ep), 'maintenance');
  assert.equal(q(`select interval_days || '|' || next_checkin_date from maintenance where episode_id = ${rita.ep}`), `7|${day(3)}`);
  assert.equal(q(`select ifnull(next_review_date, '-') from care_plan where id = ${ritaPlan.id}`), '-');
  const w = await kw.get('/worklist');
  assert.match(sectionOf(w.text, 'checkin'), /Rita Review[\s\S]*In 3 days/);
  // A check-in moves the next one on by the interval.
  const checkins = audits('checkin.create');
  const badK = await kw.post(`/episodes/${rita.ep}/checkins`, { csrf: await csrf(kw), checkin_date: 'tomorrow' });
  assert.equal(badK.status, 400);
  assert.equal(audits('checkin.create'), checkins);
  const k = await kw.post(`/episodes/${rita.ep}/checkins`, { csrf: await csrf(kw), checkin_date: today, checkin_note: 'All fine' });
  assert.equal(k.status, 303);
  assert.equal(q(`select next_checkin_date from maintenance where episode_id = ${rita.ep}`), day(7));
  assert.equal(audits('checkin.create'), checkins + 1);
});

test('discharge needs the route back, which the person\'s record then shows first; an ended episode refuses changes', async () => {
  const kw = await as('keyworker');
  assert.equal((await move(kw, rita.ep, 'review')).status, 303);
  const no = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'discharge', reason: 'Managing well' });
  assert.equal(no.status, 400);
  for (const m of [/Enter who they should call/, /Enter the phone number to call/, /Enter how and when to get back in touch/])
    assert.match(no.text, m);
  assert.equal(stage(rita.ep), 'review');
  const ok = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'discharge', reason: 'Managing well', sos_who: 'Sam Okafor',
    sos_phone: '0113 496 0000', sos_how: 'Ring on weekdays' });
  assert.equal(ok.status, 303);
  assert.equal(stage(rita.ep), 'discharged');
  assert.equal(q(`select sos_who || '|' || sos_phone from episode_exit where episode_id = ${rita.ep}`), 'Sam Okafor|0113 496 0000');
  const rec = await kw.get(`/people/${rita.person}`);
  assert.match(rec.text, /the route back<\/h2>[\s\S]*0113 496 0000/);
  // Ended: every change is refused with a message and writes nothing.
  const counts = () => [count('activity'), count('action_event'), count('review'), count('checkin')].join();
  const was = counts();
  const act = await kw.post(`/episodes/${rita.ep}/activity`, { csrf: await csrf(kw), activity_date: today,
    activity_kind: 'phone_call', activity_who: 'x', activity_action: 'none' });
  assert.equal(act.status, 409);
  assert.match(act.text, /This episode has ended/);
  const st = await kw.post(`/plan-actions/${ritaPlan.actions[1]}/status`, { csrf: await csrf(kw), action_status: 'done' });
  assert.equal(st.status, 409);
  assert.match(st.text, /This episode has ended/);
  const rv = await kw.post(`/episodes/${rita.ep}/reviews`, { csrf: await csrf(kw), version: version(rita.ep),
    held_date: today, decision: 'continue', reason: 'x' });
  assert.equal(rv.status, 409);
  assert.match(rv.text, /This episode has ended/);
  const ck = await kw.post(`/episodes/${rita.ep}/checkins`, { csrf: await csrf(kw), checkin_date: today });
  assert.equal(ck.status, 409);
  assert.equal(counts(), was);
  assert.equal((await kw.get('/episodes/99999999/reviews')).status, 404);
  assert.equal((await kw.get('/episodes/99999999/activity')).status, 404);
});

test('the stage form needs the route back for a discharge and a check-in plan for maintenance', async () => {
  const kw = await as('keyworker');
  const { ep } = await newEpisode(kw, 'Stan', 'Stageform', NHS[1]);
  for (const to of ['assessment', 'planning', 'active', 'review']) assert.equal((await move(kw, ep, to)).status, 303);
  const no = await move(kw, ep, 'discharged', { sos_who: 'The GP practice' });
  assert.equal(no.status, 400);
  assert.match(no.text, /Enter the phone number to call/);
  assert.match(no.text, /value="The GP practice"/);
  assert.match(no.text, /value="discharged" checked>/, 'the stage chosen is kept');
  assert.equal(stage(ep), 'review');
  const noM = await move(kw, ep, 'maintenance', { checkin_days: '400' });
  assert.equal(noM.status, 400);
  assert.match(noM.text, /from 1 to 365/);
  assert.equal(count(`maintenance where episode_id = ${ep}`), 0);
  const ok = await move(kw, ep, 'maintenance', { checkin_days: '14' });
  assert.equal(ok.status, 303);
  assert.equal(q(`select next_checkin_date from maintenance where episode_id = ${ep}`), day(14));
  // The team worklist: an open episode whose key worker period ended has no key worker.
  q(`update care_team_member set to_date = '${today}' where episode_id = ${ep} and is_key_worker`);
  const team = await kw.get('/worklist/team');
  assert.match(sectionOf(team.text, 'no-key-worker'), /Stan Stageform/);
  assert.ok(countOf(team.text, 'no-key-worker') >= 1);
  assert.doesNotMatch((await kw.get('/worklist')).text, /Stan Stageform/, 'no longer on my own worklist');
});

test('a review closing the episode records the closure reason in the history', async () => {
  const kw = await as('keyworker');
  const { ep } = await newEpisode(kw, 'Clara', 'Closure', NHS[2]);
  for (const to of ['assessment', 'planning', 'active', 'review']) assert.equal((await move(kw, ep, to)).status, 303);
  const no = await kw.post(`/episodes/${ep}/reviews`, { csrf: await csrf(kw), version: version(ep), held_date: today,
    decision: 'close', reason: 'She died peacefully at home' });
  assert.equal(no.status, 400);
  assert.match(no.text, /Select why the episode is closing/);
  const ok = await kw.post(`/episodes/${ep}/reviews`, { csrf: await csrf(kw), version: version(ep), held_date: today,
    decision: 'close', closure: 'died', reason: 'She died peacefully at home' });
  assert.equal(ok.status, 303);
  assert.equal(q(`select stage || '|' || closure from episode where id = ${ep}`), 'closed|died');
  assert.equal(q(`select closure || '|' || reason from episode_event where episode_id = ${ep} and kind = 'stage' order by id desc limit 1`),
    'died|She died peacefully at home');
  assert.equal(q(`select closure || '|' || ifnull(next_review_date, '-') from review where episode_id = ${ep}`), 'died|-');
  // Closed now: refused with a message.
  assert.equal((await kw.post(`/episodes/${ep}/reviews`, { csrf: await csrf(kw), version: '1', held_date: today,
    decision: 'continue', reason: 'x' })).status, 409);
});
