// plan.test.mjs - the care and support plan over HTTP against the real
// server: every section saved through its form, refused input writing
// nothing (row counts), two people saving the same version (the second is
// refused and keeps what was typed), the agreement and its next review date
// (kept on later saves), versions and their comparison, audit rows for
// reads and writes, an ended episode's plan refusing changes, and the plan
// carried forward into a new episode on re-entry.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const audits = (action) => count(`audit where action = '${action}'`);

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const today = new Date().toISOString().slice(0, 10);

async function signedIn(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}
const kw = await signedIn('keyworker');
const other = await signedIn('keyworker'); // a second browser
async function csrf(c) {
  return Client.csrfOf((await c.get('/people/new')).text);
}

let person = 0;
let ep = 0;
const planVersion = () => Number(q(`select coalesce(max(version), 0) from care_plan where episode_id = ${ep}`));

async function save(c, section, fields, { item = 0, version = planVersion() } = {}) {
  return c.post(`/episodes/${ep}/plan/edit`, { csrf: await csrf(c), section, item: String(item),
    plan_version: String(version), ...fields });
}

async function move(to, extra = {}) {
  const v = q(`select version from episode where id = ${ep}`);
  const r = await kw.post(`/episodes/${ep}/stage`, { csrf: await csrf(kw), version: v, to_stage: to,
    stage_reason: `to ${to}`, ...extra });
  assert.equal(r.status, 303, `move to ${to}`);
}

test('an episode with no plan shows an empty plan, audited', async () => {
  let r = await kw.post('/people/new', { csrf: await csrf(kw), given_name: 'Iris', family_name: 'Planwell',
    birth_date: '1944-03-03', nhs_number: '943 476 5870' });
  assert.equal(r.status, 303);
  person = Number(r.headers.get('location').match(/(\d+)$/)[1]);
  r = await kw.post(`/people/${person}/episodes/new`, { csrf: await csrf(kw), origin: 'team', reason: 'COPD and low mood',
    level: '3', assessment_by: 'person', assessment_date: today, assessment_scope: 'Everything',
    sharing_by: 'person', sharing_date: today, sharing_scope: 'The team' });
  assert.equal(r.status, 303);
  ep = Number(r.headers.get('location').match(/(\d+)$/)[1]);
  const reads = audits('plan.read');
  const page = await kw.get(`/episodes/${ep}/plan`);
  assert.equal(page.status, 200);
  assert.match(page.text, /No plan saved yet/);
  assert.match(page.text, /Issues that matter most/);
  assert.equal(audits('plan.read'), reads + 1);
  assert.equal(count(`care_plan where episode_id = ${ep}`), 0);
});

let goal = 0;
test('every section saves through its form; the first save makes a draft at version 1', async () => {
  const saves = audits('plan.save');
  let r = await save(kw, 'issue', { issue_what: 'Breathless on the stairs', issue_importance: '9', issue_ranked_by: 'person' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), new RegExp(`/episodes/${ep}/plan#issue$`));
  assert.equal(q(`select status || ' ' || version from care_plan where episode_id = ${ep}`), 'draft 1');
  r = await save(kw, 'goal', { goal_title: 'Walk to the post box', goal_status: 'active', goal_target: addDays(today, 60),
    goal_gas_baseline: '-1', goal_gas_0: 'Walks there and back with one rest', goal_gas_p1: 'No rest' });
  assert.equal(r.status, 303);
  goal = Number(q(`select id from plan_goal where title = 'Walk to the post box'`));
  assert.equal(q(`select gas_baseline || '|' || gas_0 from plan_goal where id = ${goal}`), '-1|Walks there and back with one rest');
  const kwId = q("select id from users where username = 'keyworker'");
  const steps = [
    ['action', { action_what: 'Practise breathing exercises', action_goal: String(goal), action_who: 'person',
      action_rrule: 'freq=daily', action_status: 'in_progress', action_confidence: '7' }],
    ['action', { action_what: 'Refer to rehab', action_who: 'member', action_who_user: kwId, action_due: addDays(today, 7),
      action_status: 'not_started' }],
    ['equipment', { equip_item: 'Perching stool', equip_provider: 'Equipment service', equip_issued: today }],
    ['contingency', { cont_situation: 'Chest infection', cont_signs: 'Green phlegm', cont_do: 'Start the rescue pack',
      cont_medicines: 'Rescue pack' }],
    ['tep', { tep_ceiling: 'ward', tep_discussed: 'yes' }],
    ['acp', { acp_matters: 'Home', acp_lpa_health: 'yes', acp_lpa_health_who: 'Her son', acp_resus: 'dnacpr',
      acp_resus_review: addDays(today, 180) }],
    ['budget', { budget_allocation: '£1,000.00', budget_source: 'council', budget_direct: 'yes' }],
    ['spend', { spend_what: 'Sitting service', spend_amount: '1200', spend_goal: String(goal) }],
    ['visit', { visit_what: 'District nurse', visit_who: 'Community nurses', visit_rrule: 'FREQ=WEEKLY;BYDAY=WE',
      visit_start: today, visit_time: '10:00', visit_minutes: '30' }],
    ['contact', { contact_name: 'NHS 111', contact_kind: 'out_of_hours', contact_phone: '111' }],
    ['sos', { sos_route: 'Ring the team and say who you are', sos_phone: '0117 496 0999' }],
  ];
  for (const [section, fields] of steps) {
    r = await save(kw, section, fields);
    assert.equal(r.status, 303, `${section} saves: ${r.text.slice(0, 300)}`);
  }
  assert.equal(planVersion(), 13);
  assert.equal(count(`plan_version v join care_plan p on p.id = v.plan_id where p.episode_id = ${ep}`), 13);
  assert.equal(audits('plan.save'), saves + 13);
  assert.equal(q(`select rrule from plan_action where what = 'Practise breathing exercises'`), 'FREQ=DAILY');
  assert.equal(q(`select v.value from plan_value v join plan_item i on i.id = v.item_id where v.name = 'budget_allocation' and i.plan_id = (select id from care_plan where episode_id = ${ep})`), '100000');
  const page = await kw.get(`/episodes/${ep}/plan`);
  assert.equal(page.status, 200);
  for (const m of [/Walk to the post box/, /Every day/, /Perching stool/, /Chest infection/, /Over the allocation by £200.00/,
    /Every week on Wednesday/, /NHS 111/, /Ring the team and say who you are/, /Draft, version 13/])
    assert.match(page.text, m);
});

test('wrong input names each field, keeps what was typed and writes nothing', async () => {
  const before = [count('plan_goal'), count('plan_action'), count('plan_item'), count('plan_version'), planVersion()];
  let r = await save(kw, 'goal', { goal_title: 'Swim <again>', goal_status: 'active', goal_gas_baseline: '5',
    goal_gas_m1: 'Paddles', goal_target: '2026-02-30' });
  assert.equal(r.status, 400);
  assert.match(r.text, /must be a whole number from -2 to 2/);
  assert.match(r.text, /Describe the expected outcome \(level 0\)/);
  assert.match(r.text, /is not a date/);
  assert.match(r.text, /Swim &lt;again&gt;/);
  assert.match(r.text, /href="#goal_gas_baseline"/);
  r = await save(kw, 'action', { action_what: 'Hourly', action_who: 'carer', action_rrule: 'FREQ=HOURLY',
    action_status: 'done', action_confidence: '11' });
  assert.equal(r.status, 400);
  assert.match(r.text, /How often \(a recurrence\): /);
  assert.match(r.text, /Select the carer who does it/);
  assert.match(r.text, /confidence \(0 to 10\) must be a whole number from 0 to 10/);
  r = await save(kw, 'spend', { spend_what: 'Taxi', spend_amount: '12.345' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Amount a year must be an amount in pounds and pence/);
  r = await save(kw, 'agreement', { agree_with: 'representative', agree_date: addDays(today, 3) });
  assert.equal(r.status, 400);
  for (const m of [/Enter the name of the representative/, /Date agreed must be today or in the past/,
    /Enter how often the plan is reviewed/, /Select who is responsible for the review/])
    assert.match(r.text, m);
  assert.deepEqual([count('plan_goal'), count('plan_action'), count('plan_item'), count('plan_version'), planVersion()], before);
  assert.equal(q(`select status from care_plan where episode_id = ${ep}`), 'draft');
  // Someone else's entry through this episode's address is not found.
  const foreign = q(`select g.id from plan_goal g join care_plan p on p.id = g.plan_id where p.episode_id <> ${ep} limit 1`);
  r = await save(kw, 'goal', { goal_title: 'x', goal_status: 'active' }, { item: foreign });
  assert.equal(r.status, 404);
  assert.equal((await kw.get(`/episodes/${ep}/plan/edit?section=goal&item=${foreign}`)).status, 404);
  assert.equal((await kw.get(`/episodes/${ep}/plan/edit?section=nonsense`)).status, 404);
});

test('two people save from the same version: the second is refused, keeps what was typed and writes nothing', async () => {
  const v = planVersion();
  const f1 = await kw.get(`/episodes/${ep}/plan/edit?section=goal&item=${goal}`);
  const f2 = await other.get(`/episodes/${ep}/plan/edit?section=goal&item=${goal}`);
  assert.match(f1.text, new RegExp(`name="plan_version" value="${v}"`));
  assert.match(f2.text, /Walk to the post box/);
  let r = await save(kw, 'goal', { goal_title: 'Walk to the post box and back', goal_status: 'active',
    goal_gas_baseline: '-1', goal_gas_0: 'With one rest' }, { item: goal, version: v });
  assert.equal(r.status, 303);
  const versions = count('plan_version');
  r = await save(other, 'goal', { goal_title: 'Walk to the church', goal_status: 'active' }, { item: goal, version: v });
  assert.equal(r.status, 409);
  assert.match(r.text, /Sam Okafor saved this plan at \d\d:\d\d/);
  assert.match(r.text, /Your changes are below and have not been saved/);
  assert.match(r.text, /value="Walk to the church"|>Walk to the church</);
  assert.match(r.text, new RegExp(`name="plan_version" value="${v + 1}"`));
  assert.equal(q(`select title from plan_goal where id = ${goal}`), 'Walk to the post box and back');
  assert.equal(count('plan_version'), versions);
});

test('agreement sets the status and next review date; later saves keep the date unless the interval changes', async () => {
  const kwId = q("select id from users where username = 'keyworker'");
  let r = await save(kw, 'agreement', { agree_with: 'person', agree_date: today, agree_interval: '30', agree_reviewer: kwId });
  assert.equal(r.status, 303);
  assert.equal(q(`select status || ' ' || agreed_date || ' ' || next_review_date from care_plan where episode_id = ${ep}`),
    `agreed ${today} ${addDays(today, 30)}`);
  q(`update care_plan set next_review_date = '${addDays(today, 10)}' where episode_id = ${ep}`); // a review moved it
  r = await save(kw, 'issue', { issue_what: 'Lonely', issue_importance: '5', issue_ranked_by: 'together' });
  assert.equal(r.status, 303);
  r = await save(kw, 'agreement', { agree_with: 'person', agree_date: today, agree_interval: '30', agree_reviewer: kwId });
  assert.equal(r.status, 303);
  assert.equal(q(`select next_review_date from care_plan where episode_id = ${ep}`), addDays(today, 10));
  r = await save(kw, 'agreement', { agree_with: 'person', agree_date: today, agree_interval: '60', agree_reviewer: kwId });
  assert.equal(q(`select next_review_date from care_plan where episode_id = ${ep}`), addDays(today, 60));
  r = await save(kw, 'agreement', { agree_with: 'person', agree_date: today, agree_interval: '60',
    agree_review_date: addDays(today, 14), agree_reviewer: kwId });
  assert.equal(q(`select next_review_date from care_plan where episode_id = ${ep}`), addDays(today, 14));
  const page = await kw.get(`/episodes/${ep}/plan`);
  assert.match(page.text, new RegExp(`Agreed, version ${planVersion()}`));
});

test('versions compare side by side, audited, naming who saved each', async () => {
  const reads = audits('plan.read');
  const v = planVersion();
  const r = await kw.get(`/episodes/${ep}/plan/compare?from=1&to=${v}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Compare versions of the plan/);
  assert.match(r.text, /Added/);
  assert.match(r.text, /Walk to the post box and back/);
  assert.match(r.text, /Goals/);
  assert.match(r.text, /Sam Okafor/);
  assert.match(r.text, /Agreement and review/);
  assert.ok(audits('plan.read') > reads);
  const def = await kw.get(`/episodes/${ep}/plan/compare`);
  assert.equal(def.status, 200);
  assert.match(def.text, new RegExp(`Version ${v}`));
  assert.equal((await kw.get(`/episodes/${ep}/plan/compare?from=1&to=999`)).status, 404);
  // A removal makes a version too.
  const item = q(`select i.id from plan_item i join care_plan p on p.id = i.plan_id where p.episode_id = ${ep} and i.section = 'equipment'`);
  const rm = await kw.post(`/episodes/${ep}/plan/remove`, { csrf: await csrf(kw), item, plan_version: String(v) });
  assert.equal(rm.status, 303);
  assert.equal(planVersion(), v + 1);
  const cmp = await kw.get(`/episodes/${ep}/plan/compare?from=${v}&to=${v + 1}`);
  assert.match(cmp.text, /Removed/);
  assert.match(cmp.text, /Perching stool/);
});

test('an ended episode refuses changes; a new episode carries the plan forward as a draft', async () => {
  for (const to of ['assessment', 'planning', 'active', 'review']) await move(to);
  await move('discharged', { sos_who: 'Sam Okafor', sos_phone: '0113 496 0000', sos_how: 'Ring on weekdays' });
  const versions = count('plan_version');
  const r = await save(kw, 'issue', { issue_what: 'Too late', issue_importance: '3', issue_ranked_by: 'person' });
  assert.equal(r.status, 409);
  assert.match(r.text, /This episode has ended/);
  assert.equal(count('plan_version'), versions);
  assert.equal((await kw.get(`/episodes/${ep}/plan/edit?section=goal`)).status, 409);
  const page = await kw.get(`/episodes/${ep}/plan`);
  assert.match(page.text, /can be read but not changed/);
  assert.doesNotMatch(page.text, /plan\/edit/);

  const old = q(`select id from care_plan where episode_id = ${ep}`);
  const carried = audits('plan.carry_forward');
  const s = await kw.post(`/people/${person}/episodes/new`, { csrf: await csrf(kw), origin: 'team', reason: 'Back again',
    level: '2', assessment_by: 'person', assessment_date: today, assessment_scope: 'Everything',
    sharing_by: 'person', sharing_date: today, sharing_scope: 'The team' });
  assert.equal(s.status, 303);
  const ep2 = Number(s.headers.get('location').match(/(\d+)$/)[1]);
  assert.equal(q(`select status || ' ' || version || ' ' || carried_from_plan_id || ' ' || coalesce(agreed_date, '-') || ' ' || coalesce(next_review_date, '-') from care_plan where episode_id = ${ep2}`),
    `draft 1 ${old} - -`);
  const np = q(`select id from care_plan where episode_id = ${ep2}`);
  assert.equal(count(`plan_goal where plan_id = ${np}`), count(`plan_goal where plan_id = ${old}`));
  assert.equal(q(`select status from plan_action where plan_id = ${np} and what = 'Practise breathing exercises'`), 'in_progress');
  assert.equal(q(`select count(*) from plan_action a join plan_goal g on g.id = a.goal_id where a.plan_id = ${np} and g.plan_id = ${np}`), '1');
  assert.equal(audits('plan.carry_forward'), carried + 1);
  const page2 = await kw.get(`/episodes/${ep2}/plan`);
  assert.match(page2.text, /Draft, version 1/);
  assert.match(page2.text, /Carried forward/);
  assert.match(page2.text, /Walk to the post box and back/);
});

test('the demo plan of Margaret Hughes is agreed with history', async () => {
  const mep = q(`select e.id from episode e join person p on p.id = e.person_id where p.given_name = 'Margaret' and p.family_name = 'Hughes'`);
  const r = await kw.get(`/episodes/${mep}/plan`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Agreed, version 3/);
  assert.match(r.text, /A COPD flare-up/);
  const c = await kw.get(`/episodes/${mep}/plan/compare?from=1&to=3`);
  assert.match(c.text, /Achieved/);
});
