// bench_region.test.mjs - the region benchmark's generator (bench/gen_region.c)
// at a small size: it makes a database `careplan` accepts as its own (schema
// version, audit chain, foreign keys, integrity), with the contents the
// benchmark relies on (valid distinct NHS numbers, every stage, one current
// key worker on most open episodes, plans with goals and actions and review
// dates around today), the same database from the same seed, and a key
// worker who can sign in over HTTP with the demo password and open an
// episode of theirs.  The test builds the generator for the mode under test.
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

test('the same seed makes the same database; another seed another', () => {
  const again = join(dir, 'b.db');
  gen(again);
  const digest = (f) => sql(f, "SELECT hex(last_hash) FROM audit_head") + sql(f, 'SELECT group_concat(nhs_number) FROM (SELECT nhs_number FROM person ORDER BY id LIMIT 20)');
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
  const search = await c.get(`/people?name=${i.search_prefix}`);
  assert.equal(search.status, 200);
  assert.match(search.text, new RegExp(i.search_prefix));
});
