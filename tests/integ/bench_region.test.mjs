// bench_region.test.mjs - the region benchmark's generator (bench/gen_region.c)
// at a small size: it makes a database `careplan` accepts as its own (schema
// version, audit chain, foreign keys, integrity), with the contents the
// benchmark relies on (valid distinct NHS numbers, every stage, one current
// key worker on most open episodes, plans with goals and actions and review
// dates around today; assessments, reviews, maintenance check-ins, routes
// back, the activity log and action history, consistent with the episode's
// stage and plan), the same database from the same seed, and a key worker
// who can sign in over HTTP with the demo password and open an episode of
// theirs with its assessment, activity and reviews.  The test builds the generator for the mode under test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { careplan, Client, ROOT } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const MODE = process.env.CAREPLAN_MODE || 'release';
const GEN = resolve(ROOT, `build/${MODE}/gen_region`);
const TODAY = '2026-11-22';
const SIZE = ['--people', '3000', '--episodes', '600', '--audit', '20000', '--today', TODAY];
const dir = mkdtempSync(join(tmpdir(), 'careplan-region-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function gen(db, seed = '7') {
  const r = spawnSync(GEN, ['--db', db, '--seed', seed, ...SIZE], { encoding: 'utf8' });
  assert.equal(r.status, 0, `gen_region failed: ${r.stderr}`);
  return r.stdout;
}
function info(db) {
  return Object.fromEntries(readFileSync(`${db}.info`, 'utf8').trim().split('\n').map((l) => l.split('=')));
}

const db = join(dir, 'a.db');
let out = '';
before(() => {
  const b = spawnSync('make', ['-s', `MODE=${MODE}`, `build/${MODE}/gen_region`], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, `building gen_region failed: ${b.stderr}`);
  out = gen(db);
});

function nhsValid(s) {
  if (!/^\d{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(s[i]) * (10 - i);
  const c = 11 - (sum % 11);
  const check = c === 11 ? 0 : c;
  return check !== 10 && check === Number(s[9]);
}

test('the database is complete, at the schema careplan init makes, with its summary printed', () => {
  assert.ok(existsSync(db) && !existsSync(`${db}.part`), 'renamed into place');
  assert.match(out, /3000 people/);
  assert.match(out, /600 episodes/);
  assert.match(out, /20000 audit rows/);
  assert.match(out, /time: [\d.]+ s/);
  assert.match(out, /size: \d+ MiB/);
  const version = sql(db, 'PRAGMA user_version');
  const init = careplan(['init', '--db', db]);
  assert.equal(init.status, 0, init.stderr);
  assert.match(init.stdout, new RegExp(`schema version ${version}\\b`), 'init has nothing to add');
  assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, 'PRAGMA foreign_key_check'), '');
});

test('careplan audit verify accepts the whole chain, and the head is its last row', () => {
  const r = careplan(['audit', 'verify', '--db', db]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /20000 rows verified; the chain is intact/);
  assert.equal(sql(db, 'SELECT last_id = (SELECT max(id) FROM audit) FROM audit_head'), '1');
});

test('people: distinct valid NHS numbers, conditions, contacts and carers', () => {
  const nums = sql(db, 'SELECT nhs_number FROM person').split('\n');
  assert.equal(nums.length, 3000);
  assert.equal(new Set(nums).size, 3000);
  assert.deepEqual(nums.filter((n) => !nhsValid(n)), []);
  assert.equal(sql(db, 'SELECT count(*) FROM person WHERE id NOT IN (SELECT person_id FROM person_condition)'), '0');
  assert.ok(Number(sql(db, 'SELECT count(*) FROM contact WHERE is_carer')) > 100);
  assert.equal(sql(db, 'SELECT count(*) FROM team'), '40');
  assert.equal(sql(db, "SELECT count(*) FROM users WHERE role IN ('key_worker', 'professional', 'team_manager')"), '400');
});

test('episodes: every stage, history, referral and two consents each, one current key worker on most open ones', () => {
  const stages = sql(db, 'SELECT DISTINCT stage FROM episode ORDER BY stage').split('\n');
  assert.deepEqual(stages, ['active', 'assessment', 'closed', 'discharged', 'entry', 'maintenance', 'planning', 'review']);
  assert.equal(sql(db, 'SELECT count(*) FROM episode WHERE id NOT IN (SELECT episode_id FROM referral)'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM episode e WHERE (SELECT count(*) FROM consent c WHERE c.episode_id = e.id) <> 2'), '0');
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE NOT EXISTS (SELECT 1 FROM episode_event v WHERE v.episode_id = e.id AND v.kind = 'stage' AND v.to_value = e.stage)"), '0');
  const kw = "(SELECT count(*) FROM care_team_member m WHERE m.episode_id = e.id AND m.is_key_worker AND m.to_date IS NULL)";
  const open = "e.stage NOT IN ('discharged', 'closed')";
  assert.equal(sql(db, `SELECT count(*) FROM episode e WHERE ${open} AND ${kw} > 1`), '0');
  const n = Number(sql(db, `SELECT count(*) FROM episode e WHERE ${open}`));
  const one = Number(sql(db, `SELECT count(*) FROM episode e WHERE ${open} AND ${kw} = 1`));
  assert.ok(one >= 0.9 * n && one < n, `${one} of ${n} open episodes have one current key worker`);
  assert.equal(sql(db, 'SELECT count(*) FROM care_team_member WHERE to_date < from_date'), '0');
});

test('plans: one per episode past assessment, 3-5 goals and 6-10 actions, review dates from -60 to +120 days', () => {
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE EXISTS (SELECT 1 FROM episode_event v WHERE v.episode_id = e.id AND v.to_value = 'planning') AND NOT EXISTS (SELECT 1 FROM care_plan p WHERE p.episode_id = e.id)"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM care_plan p JOIN episode e ON e.id = p.episode_id WHERE e.stage IN ('entry', 'assessment')"), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM care_plan p WHERE (SELECT count(*) FROM plan_goal g WHERE g.plan_id = p.id) NOT BETWEEN 3 AND 5'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM care_plan p WHERE (SELECT count(*) FROM plan_action a WHERE a.plan_id = p.id) NOT BETWEEN 6 AND 10'), '0');
  const range = sql(db, "SELECT min(julianday(next_review_date) - julianday('" + TODAY + "')), max(julianday(next_review_date) - julianday('" + TODAY + "')) FROM care_plan WHERE status = 'agreed' AND next_review_date IS NOT NULL").split('|').map(Number);
  assert.ok(range[0] >= -60 && range[0] < -30, `earliest review ${range[0]} days`);
  assert.ok(range[1] <= 120 && range[1] > 90, `latest review ${range[1]} days`);
  assert.equal(sql(db, "SELECT count(*) FROM care_plan WHERE status = 'agreed' AND (agreed_date IS NULL OR review_interval_days IS NULL)"), '0');
});

test('assessments, reviews and activity: every new table has rows, consistent with stage and plan', () => {
  const tables = ['assess_story', 'assess_pro_story', 'assess_outcome', 'assess_entry', 'assess_carer_need', 'assess_instrument',
    'assess_medicine', 'action_event', 'activity', 'review', 'review_goal', 'review_attendee', 'episode_exit',
    'maintenance', 'checkin'];
  for (const t of tables) assert.ok(Number(sql(db, `SELECT count(*) FROM ${t}`)) > 0, `${t} has rows`);
  assert.equal(sql(db, 'PRAGMA foreign_key_check'), '');
  // Assessment: a story for every episode past entry, a full set past assessment.
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE EXISTS (SELECT 1 FROM episode_event v WHERE v.episode_id = e.id AND v.to_value = 'assessment') AND NOT EXISTS (SELECT 1 FROM assess_story s WHERE s.episode_id = e.id)"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM assess_story s JOIN episode e ON e.id = s.episode_id WHERE e.stage = 'entry'"), '0');
  const per = (t, lo, hi) => sql(db, `SELECT count(*) FROM care_plan p WHERE (SELECT count(*) FROM ${t} x WHERE x.episode_id = p.episode_id) NOT BETWEEN ${lo} AND ${hi}`);
  assert.equal(per('assess_pro_story', 1, 2), '0');
  assert.equal(per('assess_entry', 3, 6), '0');
  assert.equal(per('assess_instrument', 1, 2), '0');
  assert.equal(per('assess_medicine', 2, 5), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM assess_carer_need n JOIN episode e ON e.id = n.episode_id JOIN contact k ON k.id = n.contact_id WHERE k.person_id <> e.person_id OR NOT k.is_carer'), '0');
  // Reviews: decisions fit the stage the episode is at now; one maintenance
  // review for each episode in maintenance or discharged, a discharge review
  // for each discharged one; none for episodes without an agreed plan.
  assert.equal(sql(db, "SELECT count(*) FROM review r JOIN episode e ON e.id = r.episode_id WHERE (r.decision = 'maintenance' AND e.stage NOT IN ('maintenance', 'discharged')) OR (r.decision = 'discharge' AND e.stage <> 'discharged') OR r.decision NOT IN ('continue', 'modify_plan', 'maintenance', 'discharge')"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE e.stage IN ('maintenance', 'discharged') AND (SELECT count(*) FROM review r WHERE r.episode_id = e.id AND r.decision = 'maintenance') <> 1"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE e.stage = 'discharged' AND (SELECT count(*) FROM review r WHERE r.episode_id = e.id AND r.decision = 'discharge') <> 1"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM review r WHERE NOT EXISTS (SELECT 1 FROM care_plan p WHERE p.episode_id = r.episode_id AND p.status = 'agreed' AND p.agreed_date <= r.held_date)"), '0');
  assert.equal(sql(db, `SELECT count(*) FROM review WHERE held_date > '${TODAY}'`), '0');
  assert.ok(Number(sql(db, "SELECT count(*) FROM review r JOIN episode e ON e.id = r.episode_id WHERE e.stage = 'active' AND r.decision = 'continue'")) > 0, 'active episodes after a first review');
  // Each review moves the date on: the last one held while active sets the plan's next review date.
  assert.equal(sql(db, "SELECT count(*) FROM care_plan p JOIN review r ON r.id = (SELECT max(id) FROM review x WHERE x.episode_id = p.episode_id AND x.decision IN ('continue', 'modify_plan')) JOIN episode e ON e.id = p.episode_id WHERE e.stage IN ('active', 'review') AND r.next_review_date IS NOT p.next_review_date"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM care_plan p JOIN episode e ON e.id = p.episode_id WHERE e.stage = 'maintenance' AND p.next_review_date IS NOT NULL"), '0');
  // Goal progress for every goal of the plan, a GAS level exactly for the goals with a baseline.
  assert.equal(sql(db, 'SELECT count(*) FROM review r JOIN care_plan p ON p.episode_id = r.episode_id WHERE (SELECT count(*) FROM review_goal g WHERE g.review_id = r.id) <> (SELECT count(*) FROM plan_goal g WHERE g.plan_id = p.id)'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM review_goal WHERE (gas_baseline IS NULL) <> (gas_level IS NULL)'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM review_goal rg JOIN plan_goal g ON g.id = rg.goal_id WHERE rg.gas_baseline IS NOT g.gas_baseline'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM review r WHERE NOT EXISTS (SELECT 1 FROM review_attendee a WHERE a.review_id = r.id)'), '0');
  // Maintenance and exit: one check-in plan per episode in maintenance, some due or overdue; a route back per discharge.
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE (e.stage = 'maintenance') <> EXISTS (SELECT 1 FROM maintenance m WHERE m.episode_id = e.id)"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM episode e WHERE (e.stage = 'discharged') <> EXISTS (SELECT 1 FROM episode_exit x WHERE x.episode_id = e.id)"), '0');
  assert.ok(Number(sql(db, `SELECT count(*) FROM maintenance WHERE next_checkin_date <= '${TODAY}'`)) > 0, 'check-ins due');
  assert.ok(Number(sql(db, `SELECT count(*) FROM maintenance WHERE next_checkin_date > '${TODAY}'`)) > 0, 'check-ins ahead');
  assert.equal(sql(db, "SELECT count(*) FROM checkin c JOIN episode e ON e.id = c.episode_id WHERE e.stage NOT IN ('maintenance', 'discharged')"), '0');
  // Activity: against the episode's own plan actions or none; action history ends at the action's status.
  assert.equal(sql(db, 'SELECT count(*) FROM activity a JOIN plan_action x ON x.id = a.action_id JOIN care_plan p ON p.id = x.plan_id WHERE p.episode_id <> a.episode_id'), '0');
  assert.ok(Number(sql(db, 'SELECT count(*) FROM activity WHERE action_id IS NULL')) > 0, 'some activity not in the plan');
  assert.equal(sql(db, `SELECT count(*) FROM activity WHERE activity_date > '${TODAY}'`), '0');
  assert.equal(sql(db, "SELECT count(*) FROM plan_action a WHERE a.status <> 'not_started' AND a.status IS NOT (SELECT to_status FROM action_event v WHERE v.action_id = a.id ORDER BY v.id DESC LIMIT 1)"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM plan_action a WHERE a.status = 'not_started' AND EXISTS (SELECT 1 FROM action_event v WHERE v.action_id = a.id)"), '0');
});

test('the same seed makes the same database; another seed another', () => {
  const again = join(dir, 'b.db');
  gen(again);
  const digest = (f) => sql(f, "SELECT hex(last_hash) FROM audit_head") + sql(f, 'SELECT group_concat(nhs_number) FROM (SELECT nhs_number FROM person ORDER BY id LIMIT 20)') +
    sql(f, "SELECT group_concat(held_date || decision, ',') FROM (SELECT held_date, decision FROM review ORDER BY id)") +
    sql(f, "SELECT (SELECT count(*) FROM assess_entry) || '/' || (SELECT count(*) FROM activity) || '/' || (SELECT count(*) FROM checkin) || '/' || (SELECT group_concat(total) FROM (SELECT total FROM assess_instrument ORDER BY id LIMIT 50))");
  assert.equal(digest(again), digest(db));
  const other = join(dir, 'c.db');
  gen(other, '8');
  assert.notEqual(digest(other), digest(db));
});

test('the key worker it names signs in with the demo password and opens their episode', async (t) => {
  const i = info(db);
  assert.match(i.keyworker, /^kw\d\.t\d\d$/);
  assert.ok(Number(i.keyworker_caseload) > 0);
  assert.equal(sql(db, `SELECT count(*) FROM care_team_member m JOIN users u ON u.id = m.user_id JOIN episode e ON e.id = m.episode_id WHERE u.username = '${i.keyworker}' AND m.is_key_worker AND m.to_date IS NULL AND e.stage NOT IN ('discharged', 'closed')`), i.keyworker_caseload);
  assert.equal(sql(db, `SELECT status FROM care_plan WHERE episode_id = ${Number(i.plan_episode)}`), 'agreed');
  const copy = join(dir, 'serve.db');
  spawnSync('cp', [db, copy]);
  const srv = await serve(t, { db: copy });
  const c = new Client(srv.url);
  assert.equal((await c.signIn(i.keyworker)).status, 303);
  const ep = await c.get(`/episodes/${Number(i.plan_episode)}`);
  assert.equal(ep.status, 200);
  for (const page of ['plan', 'assessment', 'activity', 'reviews']) {
    const r = await c.get(`/episodes/${Number(i.plan_episode)}/${page}`);
    assert.equal(r.status, 200, `/episodes/:id/${page}`);
  }
  // Their episodes in maintenance and discharged (when they have any) show reviews and check-ins.
  for (const stage of ['maintenance', 'discharged']) {
    const id = sql(db, `SELECT e.id FROM episode e JOIN care_team_member m ON m.episode_id = e.id JOIN users u ON u.id = m.user_id WHERE u.username = '${i.keyworker}' AND m.is_key_worker AND e.stage = '${stage}' ORDER BY e.id LIMIT 1`);
    if (!id) continue;
    const r = await c.get(`/episodes/${Number(id)}/reviews`);
    assert.equal(r.status, 200, `/episodes/${id}/reviews (${stage})`);
  }
  const search = await c.get(`/people?name=${i.search_prefix}`);
  assert.equal(search.status, 200);
  assert.match(search.text, new RegExp(i.search_prefix));
});

test('hospital activity events: valid NHS numbers of its people, more in the year before a plan than after, and the dashboards open', async (t) => {
  const i = info(db);
  assert.ok(Number(sql(db, 'SELECT count(*) FROM activity_event')) > 1000);
  assert.equal(sql(db, 'SELECT count(*) FROM activity_event WHERE nhs_number NOT IN (SELECT nhs_number FROM person)'), '0');
  assert.equal(sql(db, `SELECT count(*) FROM activity_event WHERE event_date > '${TODAY}'`), '0');
  const before = Number(sql(db, "SELECT count(*) FROM activity_event ev JOIN person p ON p.nhs_number = ev.nhs_number JOIN episode e ON e.person_id = p.id JOIN care_plan cp ON cp.episode_id = e.id WHERE cp.status = 'agreed' AND ev.event_date BETWEEN date(cp.agreed_date, '-365 days') AND date(cp.agreed_date, '-1 days')"));
  const afterN = Number(sql(db, "SELECT count(*) FROM activity_event ev JOIN person p ON p.nhs_number = ev.nhs_number JOIN episode e ON e.person_id = p.id JOIN care_plan cp ON cp.episode_id = e.id WHERE cp.status = 'agreed' AND ev.event_date BETWEEN cp.agreed_date AND date(cp.agreed_date, '+364 days')"));
  assert.ok(before > afterN, `before ${before} > after ${afterN}`);
  const copy = join(dir, 'dash.db');
  spawnSync('cp', [db, copy]);
  const srv = await serve(t, { db: copy });
  const m = new Client(srv.url);
  assert.equal((await m.signIn(`manager.t${String(i.keyworker_team).padStart(2, '0')}`)).status, 303);
  const d = await m.get('/dashboard');
  assert.equal(d.status, 200);
  assert.match(d.text, /Hospital use per person per year, before and after the plan/);
  const c = new Client(srv.url);
  assert.equal((await c.signIn('commissioner')).status, 303);
  const s = await c.get('/service');
  assert.equal(s.status, 200);
  assert.match(s.text, /Headline figures by team/);
});
