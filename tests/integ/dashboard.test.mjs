// dashboard.test.mjs - the evaluation figures over HTTP: the team manager's
// dashboard and its CSV (exact, their own team, every read audited), the
// commissioner's service figures and CSV (no count from 1 to 4, no one
// named), bad filters named and refused, who may not open either, and the
// activity events import (page and command line).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { careplan, Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

// The text of a page without its markup.
const textOf = (html) => html.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

// Every table cell that is a whole number (a count).
const countCells = (html) => [...html.matchAll(/<td class="nhsuk-table__cell nhsuk-table__cell--numeric">(\d+)<\/td>/g)].map((m) => Number(m[1]));

// What could identify a demo person: names and NHS numbers.
function identifiers() {
  const rows = q("select given_name || '|' || family_name || '|' || nhs_number || '|' || birth_date from person").split('\n');
  const out = new Set();
  for (const r of rows) for (const v of r.split('|')) if (v.length >= 3) out.add(v);
  return [...out];
}

test('the team manager reads the team dashboard, exact, and each read is audited', async () => {
  const m = await as('manager');
  assert.match((await m.get('/')).text, /href="\/dashboard">See your team(&#39;|')s figures/);
  const before = count("audit where action = 'outcomes.read'");
  const r = await m.get('/dashboard');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Team dashboard<\/h1>/);
  assert.match(r.text, /Kingsmead Integrated Care Team: from/);
  for (const name of ['Open episodes by stage', 'Plans agreed each month', 'Reviews held each month, on time and late',
    'Average goal attainment T-score by month of review', 'Hospital use per person per year, before and after the plan',
    'Feedback answers each month']) {
    assert.match(r.text, new RegExp(`<svg [^>]*role="img"[^>]*aria-label="${name}"`), `chart ${name}`);
    assert.match(r.text, new RegExp(`<caption[^>]*>${name}</caption>`), `table beside ${name}`);
  }
  // Exact counts: the demo's 12 agreed plans, small numbers shown as they are.
  const agreed = Number(q("select count(*) from care_plan where status = 'agreed'"));
  assert.match(r.text, new RegExp(`Every level</th><td class="nhsuk-table__cell nhsuk-table__cell--numeric">${agreed}</td>`));
  assert.ok(countCells(r.text).some((n) => n >= 1 && n <= 4), 'the manager sees small counts');
  assert.doesNotMatch(r.text, /fewer than 5/);
  assert.equal(count("audit where action = 'outcomes.read'"), before + 1);
  assert.equal(q("select object_type || '|' || object_id || '|' || coalesce(person_id, 0) || '|' || reason from audit where action = 'outcomes.read' order by id desc limit 1"),
    `team|${q("select team_id from users where username = 'manager'")}|0|aggregate`);

  const csv = await m.get('/dashboard.csv?level=2&months=24');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /team-dashboard\.csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'figure,team,level,month,breakdown,value,people,note');
  assert.ok(lines.some((l) => l.startsWith('plans_agreed,Kingsmead Integrated Care Team,2,,,')));
  assert.ok(lines.every((l) => !/,(1|3),/.test(l.split(',')[2] ?? '') ), 'only level 2 asked for');
  assert.equal(lines.filter((l) => /^plans_agreed,[^,]*,2,\d{4}-\d{2},/.test(l)).length, 24, 'a row a month');
});

test('bad filters are named and refused, and the manager cannot choose another team', async () => {
  const m = await as('manager');
  const before = count("audit where action = 'outcomes.read'");
  for (const [path, msg] of [
    ['/dashboard?level=9', /Level of care must be 1, 2 or 3, or every level/],
    ['/dashboard?months=7', /Period must be the last 3, 6, 12 or 24 months/],
    ['/dashboard?months=12%3Bdrop', /Period must be/],
    ['/dashboard?team=1', /Team cannot be chosen here: the dashboard shows your own team/],
  ]) {
    const r = await m.get(path);
    assert.equal(r.status, 400, path);
    assert.match(r.text, msg, path);
    assert.match(r.text, /There is a problem/, path);
  }
  const r = await m.get('/dashboard.csv?level=x');
  assert.equal(r.status, 400);
  assert.match(r.text, /Level of care must be/);
  assert.equal(count("audit where action = 'outcomes.read'"), before, 'nothing read, nothing audited');
});

test('only team managers have the dashboard; the service figures are for managers, administrators and commissioners', async () => {
  for (const login of ['keyworker', 'person', 'carer', 'commissioner', 'admin']) {
    const c = await as(login);
    assert.equal((await c.get('/dashboard')).status, 403, `${login} /dashboard`);
    assert.equal((await c.get('/dashboard.csv')).status, 403, `${login} /dashboard.csv`);
  }
  for (const login of ['keyworker', 'person', 'carer']) {
    const c = await as(login);
    assert.equal((await c.get('/service')).status, 403, `${login} /service`);
    assert.equal((await c.get('/service.csv')).status, 403, `${login} /service.csv`);
  }
});

test('the commissioner sees no count from 1 to 4 and no one named, on the page or in the CSV', async () => {
  const c = await as('commissioner');
  const ids = identifiers();
  assert.ok(ids.length > 40);
  for (const path of ['/service', '/service?team=1', '/service?level=1', '/service?level=3&months=3']) {
    const r = await c.get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.text, /fewer than 5/, path);
    const small = countCells(r.text).filter((n) => n >= 1 && n <= 4);
    assert.deepEqual(small, [], `${path}: counts under 5 shown`);
    const text = textOf(r.text.replace(/<header[\s\S]*?<\/header>/, ''));
    for (const id of ids) assert.ok(!text.includes(id), `${path} shows ${id}`);
  }
  const csv = await c.get('/service.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /service-figures\.csv/);
  const rows = csv.text.trim().split('\r\n').slice(1).map((l) => l.split(','));
  assert.ok(rows.length > 50);
  for (const r of rows) {
    for (const v of [r[5], r[6]]) assert.ok(!/^[1-4]$/.test(v), `CSV row ${r.join(',')}`);
    if (r[5] === '' && r[7] !== 'no one counted') assert.match(r[7], /^fewer than 5( people)?$/);
  }
  for (const id of ids) assert.ok(!csv.text.includes(id), `CSV shows ${id}`);

  for (const [path, msg] of [['/service?team=999', /Team must be one of the teams listed/],
    ['/service?team=abc', /Team must be one of the teams listed/], ['/service?level=0', /Level of care must be/]]) {
    const r = await c.get(path);
    assert.equal(r.status, 400, path);
    assert.match(r.text, msg, path);
  }
});

test('a manager imports activity events from the page: refused rows by line, nothing written for an empty form', async () => {
  const m = await as('manager');
  const form = await m.get('/events/import');
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Import hospital activity<\/h1>/);
  const csrf = Client.csrfOf(form.text);
  const before = count('activity_event');
  const empty = await m.post('/events/import', { csrf, events: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /href="#events">Activity events: paste the rows of a CSV file/);
  assert.equal(count('activity_event'), before);

  const allBad = await m.post('/events/import', { csrf, events: '1234567890,ae_attendance,2026-01-01\n' });
  assert.equal(allBad.status, 400);
  assert.match(allBad.text, /no row could be imported/);
  assert.match(allBad.text, /NHS number &quot;1234567890&quot; is not a valid NHS number/);
  assert.equal(count('activity_event'), before);

  const nhs = q('select nhs_number from person order by id limit 1');
  const text = `nhs_number,kind,date\n${nhs},emergency_admission,2026-01-05\n${nhs},ae_attendance,2026-13-01\n${nhs},<b>,2026-01-05\n`;
  const r = await m.post('/events/import', { csrf, events: text });
  assert.equal(r.status, 200);
  assert.match(r.text, /3 rows read: 1 events added, 0 already stored, 2 refused/);
  assert.match(r.text, /<td class="nhsuk-table__cell nhsuk-table__cell--numeric">3<\/td><td class="nhsuk-table__cell">Date 2026-13-01 is not a date/);
  assert.match(r.text, /kind &quot;&lt;b&gt;&quot; is not known/);
  assert.equal(count('activity_event'), before + 1);
  const again = await m.post('/events/import', { csrf, events: text });
  assert.match(again.text, /1 events? added|0 events added, 1 already stored/);
  assert.equal(count('activity_event'), before + 1, 'a second import adds nothing');
  assert.equal(count("audit where action = 'events.import' and user_id = (select id from users where username = 'manager')"), 3, 'every import audited, the refused one too');

  const kw = await as('keyworker');
  assert.equal((await kw.get('/events/import')).status, 403);
  const admin = await as('admin');
  assert.equal((await admin.get('/events/import')).status, 200);
});

test('careplan events import reads a file, lists refused rows by line and exits 3 when any were refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careplan-events-'));
  try {
    const nhs = q('select nhs_number from person order by id limit 1 offset 1');
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${nhs},ae_attendance,2025-12-24,X1\r\n${nhs},emergency_admission,2025-12-25,X2\r\n`);
    const a = careplan(['events', 'import', good, '--db', srv.db]);
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /2 rows: 2 events added, 0 already stored, 0 refused/);
    const b = careplan(['events', 'import', good, '--db', srv.db]);
    assert.match(b.stdout, /0 events added, 2 already stored/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${nhs},ae_attendance\n${nhs},ae_attendance,2025-12-26\n`);
    const c = careplan(['events', 'import', bad, '--db', srv.db]);
    assert.equal(c.status, 3);
    assert.match(c.stderr, /bad\.csv: line 1 refused: the row has 2 cells/);
    assert.match(c.stdout, /1 events added, 0 already stored, 1 refused/);
    const missing = careplan(['events', 'import', join(dir, 'none.csv'), '--db', srv.db]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot open/);
    assert.equal(careplan(['events', 'import', '--db', srv.db]).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
