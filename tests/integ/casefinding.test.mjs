// casefinding.test.mjs - case finding over HTTP (docs/case-finding.md): the
// ranked worklist with its reasons, paging and rule filter, every read
// audited; the one step from a row to entry (person and episode in one
// transaction, an existing person linked, an open episode refused with
// nothing written, CSRF); the import page (row refusals with line
// numbers, a header refused whole); who may do what; and the command line
// (register import, rules check, --case-finding).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client, careplan, tempDb } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

const HEADER = 'nhs_number,given_name,family_name,birth_date,postcode,conditions,frailty,' +
  'emergency_admissions_12m,ae_attendances_12m,lives_alone,is_carer,has_carer';

test('the worklist ranks people by the rules with their reasons, leaves out those entered, and is audited', async () => {
  const kw = await as('keyworker');
  assert.match((await kw.get('/')).text, /href="\/case-finding">See people on the register who may need care planning/);
  const before = count(`audit where action = 'register.read'`);
  const page = await kw.get('/case-finding');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>People who may need care planning<\/h1>/);
  assert.match(page.text, /People who may need care planning, 1 to 50/);
  assert.doesNotMatch(page.text, /Margaret<\/td>|Margaret Hughes<\/span>/, 'Margaret has an open episode');
  // Ranked: scores never rise down the page.
  const scores = [...page.text.matchAll(/Score <\/span>(\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.equal(scores.length, 50);
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i] <= scores[i - 1], 'ranked by score');
  assert.equal(scores[0], Number(q(`select max(score) from register_entry where person_id is null`)));
  assert.match(page.text, /<li>Has two or more long-term conditions<\/li>/);
  assert.match(page.text, /href="\/case-finding\?page=2"/);
  assert.equal(count(`audit where action = 'register.read'`), before + 1);
  assert.equal(q(`select reason from audit where action = 'register.read' order by id desc limit 1`),
    'case-finding worklist page 1: 50 shown');

  const p2 = await kw.get('/case-finding?page=2');
  assert.equal(p2.status, 200);
  assert.match(p2.text, /People who may need care planning, 51 to/);
  assert.match(p2.text, /href="\/case-finding\?page=1"/);

  const frail = await kw.get('/case-finding?rule=frailty');
  assert.equal(frail.status, 200);
  const reasons = [...frail.text.matchAll(/<ul class="nhsuk-list nhsuk-u-margin-bottom-0">(.*?)<\/ul>/g)];
  assert.ok(reasons.length > 0);
  for (const r of reasons) assert.match(r[1], /Has moderate or severe frailty/);

  const bad = await kw.get('/case-finding?rule=nonsense');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#rule">Select a rule from the list/);
  const deep = await kw.get('/case-finding?page=0');
  assert.equal(deep.status, 400);
  assert.match(deep.text, /The page must be a whole number from 1 to 2000/);
});

test('start care planning: one step creates the person and an episode at entry, nothing typed again', async () => {
  const kw = await as('keyworker');
  const page = await kw.get('/case-finding');
  const csrf = Client.csrfOf(page.text);
  // A fictional person not yet recorded (no person_id).
  const id = Number(q(`select id from register_entry where person_id is null and score > 0 order by score desc, id limit 1`));
  const row = q(`select nhs_number || '|' || given_name || '|' || family_name || '|' || birth_date || '|' || postcode from register_entry where id = ${id}`);
  const people = count('person');
  const noCsrf = await kw.post(`/case-finding/${id}/start`, {});
  assert.equal(noCsrf.status, 403);
  assert.equal(count('person'), people, 'no CSRF token: nothing written');

  const r = await kw.post(`/case-finding/${id}/start`, { csrf });
  assert.equal(r.status, 303);
  const ep = Number(r.headers.get('location').match(/^\/episodes\/(\d+)$/)[1]);
  assert.equal(count('person'), people + 1);
  const pid = Number(q(`select person_id from episode where id = ${ep}`));
  assert.equal(q(`select nhs_number || '|' || given_name || '|' || family_name || '|' || birth_date || '|' || postcode from person where id = ${pid}`), row);
  assert.equal(q(`select person_id from register_entry where id = ${id}`), String(pid));
  assert.equal(q(`select stage from episode where id = ${ep}`), 'entry');
  assert.match(q(`select reason from referral where episode_id = ${ep}`), /^Found by case finding: /);
  assert.equal(count(`audit where action = 'person.create' and person_id = ${pid}`), 1);
  assert.equal(count(`audit where action = 'episode.create' and person_id = ${pid}`), 1);
  assert.equal(count(`audit where action = 'register.link' and person_id = ${pid}`), 1);
  const epPage = await kw.get(`/episodes/${ep}`);
  assert.equal(epPage.status, 200);
  assert.match(epPage.text, /Not recorded yet: ask at first contact/);
  // Off the worklist now.
  assert.doesNotMatch((await kw.get('/case-finding')).text, new RegExp(`/case-finding/${id}/start`));

  // Again: refused, their open episode named, nothing written.
  const audits = count('audit');
  const again = await kw.post(`/case-finding/${id}/start`, { csrf });
  assert.equal(again.status, 409);
  assert.match(again.text, /already has an open episode/);
  assert.match(again.text, new RegExp(`href="/episodes/${ep}"`));
  assert.equal(count('audit'), audits);
  assert.equal(count('person'), people + 1);

  const none = await kw.post('/case-finding/999999/start', { csrf });
  assert.equal(none.status, 404);
});

test('a person already recorded is linked, not duplicated', async () => {
  const kw = await as('keyworker');
  const csrf = Client.csrfOf((await kw.get('/case-finding')).text);
  // One of the demo's people without an episode: on the register, linked by NHS number.
  const id = Number(q(`select r.id from register_entry r where r.person_id is not null and r.score > 0 and not exists (select 1 from episode e where e.person_id = r.person_id) order by r.id limit 1`));
  assert.ok(id > 0, 'fixture: a recorded person with no episode');
  const pid = Number(q(`select person_id from register_entry where id = ${id}`));
  const people = count('person');
  const r = await kw.post(`/case-finding/${id}/start`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(count('person'), people);
  assert.equal(count(`episode where person_id = ${pid} and stage = 'entry'`), 1);
});

test('the import page: refused rows with line numbers, good rows kept, a wrong header refused whole', async () => {
  const mgr = await as('manager');
  const form = await mgr.get('/register/import');
  assert.equal(form.status, 200);
  assert.match(form.text, /The last import was on/);
  const csrf = Client.csrfOf(form.text);
  const rows = count('register_entry');
  const csv = `${HEADER}\r\n9990000018,Ann,Able,1940-02-03,,COPD;Asthma,severe,3,0,yes,no,no\r\n` +
    '9990000026,Bob,Bell,1950-02-30,,,,0,0,no,no,no\r\n' +
    '1234567890,Cy,Coe,1950-01-01,,,,0,0,no,no,no\r\n' +
    '9990000018,Ann,Twice,1940-02-03,,,,0,0,no,no,no\r\n' +
    '9990000034,Di,Dee\r\n';
  const r = await mgr.post('/register/import', { csrf, csv });
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>The register was imported<\/h1>/);
  assert.match(r.text, /Added<\/dt><dd class="nhsuk-summary-list__value">1</);
  assert.match(r.text, /Refused<\/dt><dd class="nhsuk-summary-list__value">4</);
  assert.match(r.text, /<td class="nhsuk-table__cell">3<\/td><td class="nhsuk-table__cell">birth_date 1950-02-30 is not a date/);
  assert.match(r.text, />4<\/td><td class="nhsuk-table__cell">nhs_number is not a valid NHS number: its check digit is wrong/);
  assert.match(r.text, />5<\/td><td class="nhsuk-table__cell">the same NHS number is on an earlier row of this file/);
  assert.match(r.text, />6<\/td><td class="nhsuk-table__cell">the row has 3 fields; the header has 12/);
  assert.equal(count('register_entry'), rows + 1);
  assert.equal(q(`select audit.reason from audit where action = 'register.import' order by id desc limit 1`), 'upload');

  // The same file again: Ann is unchanged.
  const again = await mgr.post('/register/import', { csrf, csv });
  assert.match(again.text, /Unchanged<\/dt><dd class="nhsuk-summary-list__value">1</);
  assert.equal(count('register_entry'), rows + 1);

  const imports = count('register_import');
  const wrong = await mgr.post('/register/import', { csrf, csv: 'nhs_number,name\n9990000018,Ann\n' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /href="#csv">line 1: the header has no column given_name, family_name/);
  assert.match(wrong.text, /nhs_number,name/, 'what was pasted is kept');
  assert.equal(count('register_import'), imports, 'nothing written');
  const empty = await mgr.post('/register/import', { csrf, csv: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Paste the register, as CSV with a header row/);
});

test('who may: key workers and managers find; admins and managers import; others are refused', async () => {
  const admin = await as('admin');
  assert.equal((await admin.get('/register/import')).status, 200);
  assert.equal((await admin.get('/case-finding')).status, 403);
  const kw = await as('keyworker');
  assert.equal((await kw.get('/register/import')).status, 403);
  for (const login of ['gp.carter', 'person', 'carer', 'commissioner']) {
    const c = await as(login);
    assert.equal((await c.get('/case-finding')).status, 403, login);
    assert.equal((await c.get('/register/import')).status, 403, login);
  }
});

test('the command line imports a file, reports refused rows by line, and checks rules', () => {
  const t = tempDb(false);
  try {
    assert.equal(careplan(['init', '--db', t.db]).status, 0);
    const file = join(t.dir, 'reg.csv');
    writeFileSync(file, `${HEADER}\n9990000018,Ann,Able,1940-02-03,,COPD;Asthma,severe,3,0,yes,no,no\n9990000026,Bob,Bell,19500101,,,,0,0,no,no,no\n`);
    const r = careplan(['register', 'import', file, '--db', t.db]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, /^line 3: birth_date "19500101" is not in the form YYYY-MM-DD/m);
    assert.match(r.stdout, /2 rows read, 1 added, 0 updated, 0 unchanged, 1 refused/);
    const missing = careplan(['register', 'import', join(t.dir, 'none.csv'), '--db', t.db]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read .*none\.csv/);

    const rules = join(t.dir, 'mine.rules');
    writeFileSync(rules, 'rule copd\nwhen has_condition "COPD"\nweight 5\nexplain Has COPD\n');
    const ok = careplan(['rules', 'check', rules]);
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /1 rules, all correct/);
    writeFileSync(rules, 'rule copd\nwhen has_condition COPD\nweight 5\nexplain Has COPD\n');
    const bad = careplan(['rules', 'check', rules]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /mine\.rules line 2: has_condition needs a name in double quotes/);
    const serveBad = careplan(['serve', '--db', t.db, '--case-finding', rules, '--listen', '127.0.0.1:0']);
    assert.equal(serveBad.status, 2);
    assert.match(serveBad.stderr, /line 2/);
  } finally {
    t.cleanup();
  }
});
