// people.test.mjs - people and their contacts over HTTP against the real
// server: adding a person, a duplicate NHS number, finding people by name,
// date of birth and NHS number, changing details, a stale change refused,
// adding a contact, a bad field kept as typed, who may and may not, unknown
// and malformed ids, and the audit rows all of it leaves.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { assertSecurityHeaders, serve, sql } from './helpers.mjs';

const srv = await serve(after);

const clients = new Map(); // login -> signed-in Client
async function as(login) {
  if (!clients.has(login)) {
    const c = new Client(srv.url);
    const r = await c.signIn(login);
    assert.equal(r.status, 303, `${login} signs in`);
    clients.set(login, c);
  }
  return clients.get(login);
}

// The session's CSRF token, from any page with a form.
async function csrf(c) {
  const t = Client.csrfOf((await c.get('/people/new')).text);
  assert.ok(t, 'the page carries a CSRF token');
  return t;
}

const count = (where) => Number(sql(srv.db, `select count(*) from ${where}`));
const audits = (action) => count(`audit where action = '${action}'`);
const MARGARET_NHS = sql(srv.db, "select nhs_number from person where given_name = 'Margaret' and family_name = 'Hughes'");

// A new person's details as the form sends them.
const ANN = {
  given_name: 'Ann', family_name: 'Integration', preferred_name: 'Annie', birth_date: '1961-03-15',
  nhs_number: '943 476 5919', address: '7 Canal Side\nKingsmead', postcode: 'zz99 3cd', phone: '01632 960777',
  email: 'ann@example.org', gp_practice: 'Riverside Surgery (fictional)',
  communication_needs: 'Uses British Sign Language; book an interpreter',
  reasonable_adjustments: 'Double appointments',
};

let annId = 0;

test('a key worker adds a person and lands on their record', async () => {
  const kw = await as('keyworker');
  const before = audits('person.create');
  const r = await kw.post('/people/new', { csrf: await csrf(kw), ...ANN });
  assert.equal(r.status, 303);
  const m = r.headers.get('location').match(/^\/people\/(\d+)$/);
  assert.ok(m, `redirected to the record, not ${r.headers.get('location')}`);
  annId = Number(m[1]);
  assert.equal(audits('person.create'), before + 1);
  assert.equal(sql(srv.db, `select nhs_number || '|' || postcode || '|' || version from person where id = ${annId}`),
    '9434765919|ZZ99 3CD|1');
  assert.equal(sql(srv.db, `select person_id || '|' || object_type from audit where action = 'person.create' order by id desc limit 1`),
    `${annId}|person`);

  const page = await kw.get(`/people/${annId}`);
  assert.equal(page.status, 200);
  assertSecurityHeaders(page.headers, { what: 'record page' });
  assert.match(page.text, /<h1>Ann Integration<\/h1>/);
  assert.match(page.text, /943 476 5919/);
  assert.match(page.text, /7 Canal Side<br>Kingsmead/);
  assert.match(page.text, /Uses British Sign Language; book an interpreter/);
  assert.match(page.text, /Kingsmead Integrated Care Team/);
});

test('a duplicate NHS number is refused with a link to the existing record', async () => {
  const kw = await as('keyworker');
  const people = count('person');
  const margaret = sql(srv.db, `select id from person where nhs_number = '${MARGARET_NHS}'`);
  const spaced = `${MARGARET_NHS.slice(0, 3)} ${MARGARET_NHS.slice(3, 6)} ${MARGARET_NHS.slice(6)}`;
  const r = await kw.post('/people/new', { csrf: await csrf(kw), given_name: 'Margaret', family_name: 'Hughes',
    birth_date: '1953-01-22', nhs_number: spaced });
  assert.equal(r.status, 409);
  assert.match(r.text, new RegExp(`<a href="/people/${margaret}">go to their record</a>`));
  assert.match(r.text, /A person with this NHS number is already recorded/);
  assert.match(r.text, new RegExp(`value="${spaced}"`));
  assert.equal(count('person'), people);
});

test('people are found by name, date of birth and NHS number, and every search is audited', async () => {
  const kw = await as('keyworker');
  const before = audits('person.search');

  const empty = await kw.get('/people');
  assert.equal(empty.status, 200);
  assert.doesNotMatch(empty.text, /id="results"/);
  assert.equal(audits('person.search'), before, 'an empty search is not a search');

  const byName = await kw.get('/people?name=integ');
  assert.equal(byName.status, 200);
  assert.match(byName.text, /<h2 id="results">1 person found<\/h2>/);
  assert.match(byName.text, new RegExp(`<a href="/people/${annId}">Integration, Ann \\(Annie\\)</a>`));

  const hughes = await kw.get('/people?name=HUGHES');
  const n = Number(sql(srv.db, "select count(*) from person where lower(family_name) like 'hughes%' or lower(given_name) like 'hughes%'"));
  assert.match(hughes.text, new RegExp(`<h2 id="results">${n} people found</h2>`));
  // Ordered by family then given name.
  const names = [...hughes.text.matchAll(/<a href="\/people\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  assert.deepEqual(names, [...names].sort());

  const both = await kw.get('/people?name=ann+integration');
  assert.match(both.text, /1 person found/);

  const byDob = await kw.get('/people?birth_date=1961-03-15');
  assert.match(byDob.text, /Integration, Ann/);

  const byNhs = await kw.get('/people?nhs_number=9434765919');
  assert.match(byNhs.text, /1 person found/);
  assert.match(byNhs.text, /Integration, Ann/);

  const none = await kw.get('/people?name=nobody-called-this');
  assert.match(none.text, /No one found/);

  assert.equal(audits('person.search'), before + 6);
  const reasons = sql(srv.db, "select reason from audit where action = 'person.search' order by id desc limit 6").split('\n');
  assert.deepEqual(reasons.reverse(), ['by name; 1 found', `by name; ${n} found`, 'by name; 1 found',
    'by date of birth; 1 found', 'by NHS number; 1 found', 'by name; 0 found']);
  // The terms themselves are never written down.
  for (const term of ['integ', 'HUGHES', '1961-03-15', '9434765919', 'nobody'])
    assert.equal(count(`audit where reason like '%${term}%'`), 0, `${term} in the audit trail`);
});

test('a bad search is 400 with the fields in the wrong named', async () => {
  const kw = await as('keyworker');
  const r = await kw.get('/people?birth_date=2026-02-30&nhs_number=123');
  assert.equal(r.status, 400);
  assert.match(r.text, /<a href="#birth_date">Date of birth must be a real date/);
  assert.match(r.text, /<a href="#nhs_number">NHS number must be 10 digits/);
  assert.match(r.text, /value="2026-02-30"/);
});

test('reading a record is audited as person.read', async () => {
  const kw = await as('keyworker');
  const before = audits('person.read');
  await kw.get(`/people/${annId}`);
  assert.equal(audits('person.read'), before + 1);
  assert.equal(sql(srv.db, "select object_id || '|' || person_id || '|' || reason from audit where action = 'person.read' order by id desc limit 1"),
    `${annId}|${annId}|record page`);
});

// The hidden version of the edit form of person id.
async function editVersion(c, id) {
  const r = await c.get(`/people/${id}/edit`);
  assert.equal(r.status, 200);
  const m = r.text.match(/name="version" value="(\d+)"/);
  assert.ok(m, 'the edit form carries a version');
  return m[1];
}

test('changing details saves them and moves the version on', async () => {
  const kw = await as('keyworker');
  const version = await editVersion(kw, annId);
  assert.equal(version, '1');
  const before = audits('person.update');
  const r = await kw.post(`/people/${annId}/edit`, { csrf: await csrf(kw), version, ...ANN, phone: '01632 960888',
    reasonable_adjustments: '' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/people/${annId}`);
  assert.equal(audits('person.update'), before + 1);
  assert.equal(sql(srv.db, `select phone || '|' || coalesce(reasonable_adjustments, 'NULL') || '|' || version from person where id = ${annId}`),
    '01632 960888|NULL|2');
  assert.equal(sql(srv.db, "select reason from audit where action = 'person.update' order by id desc limit 1"),
    'changed: phone, reasonable_adjustments');
});

test('a change made from a stale version writes nothing and keeps what was typed', async () => {
  const kw = await as('keyworker');
  const mgr = await as('manager');
  const stale = await editVersion(kw, annId);
  // The manager saves first.
  const first = await mgr.post(`/people/${annId}/edit`, { csrf: await csrf(mgr), version: stale, ...ANN,
    family_name: 'Managerchange' });
  assert.equal(first.status, 303);
  const row = () => sql(srv.db, `select family_name || '|' || version || '|' || updated_ms from person where id = ${annId}`);
  const saved = row();
  const updates = audits('person.update');

  const r = await kw.post(`/people/${annId}/edit`, { csrf: await csrf(kw), version: stale, ...ANN,
    family_name: 'Keyworkerchange' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Someone else changed these details while you were working on them/);
  assert.match(r.text, /value="Keyworkerchange"/);
  assert.match(r.text, /<li>Family name: Managerchange<\/li>/);
  assert.equal(row(), saved, 'the record is as the manager left it');
  assert.equal(audits('person.update'), updates, 'no update was recorded');

  // Saving again from the page that said so replaces the manager's change, knowingly.
  const v = r.text.match(/name="version" value="(\d+)"/)[1];
  assert.equal(Number(v), Number(stale) + 1);
  const again = await kw.post(`/people/${annId}/edit`, { csrf: await csrf(kw), version: v, ...ANN,
    family_name: 'Keyworkerchange' });
  assert.equal(again.status, 303);
  assert.match(row(), /^Keyworkerchange\|/);
});

test('a bad field is 400, keeps every typed value and writes nothing', async () => {
  const kw = await as('keyworker');
  const version = await editVersion(kw, annId);
  const before = row();
  function row() { return sql(srv.db, `select * from person where id = ${annId}`); }
  const auditRows = count('audit where action = \'person.update\'');
  const typed = { ...ANN, given_name: 'Ann <script>', nhs_number: '943 476 5918', email: 'not-an-email',
    address: 'Line one\nLine two' };
  const r = await kw.post(`/people/${annId}/edit`, { csrf: await csrf(kw), version, ...typed });
  assert.equal(r.status, 400);
  assert.match(r.text, /<title>Error: Change personal details - Careplan<\/title>/);
  assert.match(r.text, /<a href="#nhs_number">NHS number 943 476 5918 is not valid: its check digit/);
  assert.match(r.text, /<a href="#email">Enter the email address in the right format/);
  assert.match(r.text, /<span class="nhsuk-u-visually-hidden">Error:<\/span> Enter the email address/);
  assert.match(r.text, /value="Ann &lt;script&gt;"/);
  assert.match(r.text, /value="943 476 5918"/);
  assert.match(r.text, /value="not-an-email"/);
  assert.match(r.text, />Line one\r?\nLine two<\/textarea>/);
  assert.match(r.text, /value="Double appointments"|>Double appointments<\/textarea>/);
  assert.equal(row(), before);
  assert.equal(count('audit where action = \'person.update\''), auditRows);
});

test('a contact is added with its roles and shown on the record', async () => {
  const kw = await as('keyworker');
  const form = await kw.get(`/people/${annId}/contacts/new`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Add a contact<\/h1>/);
  const before = audits('contact.create');

  const bad = await kw.post(`/people/${annId}/contacts/new`, { csrf: await csrf(kw), name: 'Tom Integration',
    relationship: '', is_carer: 'yes', email: 'tom@' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<a href="#relationship">Enter how the contact is related/);
  assert.match(bad.text, /value="Tom Integration"/);
  assert.match(bad.text, /id="is_carer" name="is_carer" type="checkbox" value="yes" checked>/);
  assert.equal(audits('contact.create'), before);

  const r = await kw.post(`/people/${annId}/contacts/new`, { csrf: await csrf(kw), name: 'Tom Integration',
    relationship: 'son', is_carer: 'yes', is_next_of_kin: 'yes', phone: '07700 900999', email: 'tom@example.org' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/people/${annId}`);
  assert.equal(audits('contact.create'), before + 1);
  assert.equal(sql(srv.db, `select is_carer || is_representative || is_next_of_kin || is_emergency || '|' || email from contact where person_id = ${annId}`),
    '1010|tom@example.org');
  assert.equal(sql(srv.db, "select object_type || '|' || person_id from audit where action = 'contact.create' order by id desc limit 1"),
    `contact|${annId}`);
  const page = await kw.get(`/people/${annId}`);
  assert.match(page.text, /<td class="nhsuk-table__cell">Tom Integration<\/td><td class="nhsuk-table__cell">son<\/td><td class="nhsuk-table__cell">Carer<br>Next of kin<\/td>/);
});

test('people, carers, commissioners and administrators may not find or see people', async () => {
  const paths = ['/people', '/people?name=hughes', '/people/new', '/people/1', '/people/1/edit', '/people/1/contacts/new'];
  for (const login of ['person', 'carer', 'commissioner', 'admin']) {
    const c = await as(login);
    for (const path of paths) {
      const r = await c.get(path);
      assert.equal(r.status, 403, `${login} GET ${path}`);
      const main = r.text.slice(r.text.indexOf('<main'), r.text.indexOf('</main>'));
      assert.match(main, /Your role does not include this page/);
      assert.doesNotMatch(main, /Hughes|Integration|999 821|9998/, `${login} sees nobody's details on ${path}`);
    }
    const token = Client.csrfOf((await c.get('/')).text);
    const people = count('person');
    const r = await c.post('/people/new', { csrf: token, ...ANN, nhs_number: '999 000 1006' });
    assert.equal(r.status, 403, `${login} POST /people/new`);
    const k = await c.post('/people/1/contacts/new', { csrf: token, name: 'X', relationship: 'friend' });
    assert.equal(k.status, 403, `${login} POST a contact`);
    assert.equal(count('person'), people);
  }
  // The care team may: a manager and professionals of every discipline.
  for (const login of ['manager', 'gp.carter', 'social.walsh', 'pharm.kim'])
    assert.equal((await (await as(login)).get('/people/1')).status, 200, login);
});

test('unknown and malformed ids are 404', async () => {
  const kw = await as('keyworker');
  const unknown = Number(sql(srv.db, 'select max(id) + 1000 from person'));
  for (const path of [`/people/${unknown}`, `/people/${unknown}/edit`, `/people/${unknown}/contacts/new`,
    '/people/abc', '/people/0', '/people/-1', '/people/01', '/people/1.5', '/people/1e3',
    '/people/99999999999999999999', '/people/abc/edit', '/people/1/nope', '/people//contacts/new']) {
    const r = await kw.get(path);
    assert.equal(r.status, 404, path);
    assert.match(r.text, /<h1>Page not found<\/h1>/, path);
  }
  const token = await csrf(kw);
  assert.equal((await kw.post(`/people/${unknown}/contacts/new`, { csrf: token, name: 'X', relationship: 'friend' })).status, 404);
  assert.equal((await kw.post(`/people/${unknown}/edit`, { csrf: token, version: '1', ...ANN, nhs_number: '999 000 1006' })).status, 404);
  assert.equal((await kw.post('/people/abc/edit', { csrf: token, version: '1' })).status, 404);
});

test('a POST without the session token changes nothing', async () => {
  const kw = await as('keyworker');
  const people = count('person');
  const r = await kw.post('/people/new', { ...ANN, nhs_number: '999 000 1006' });
  assert.equal(r.status, 403);
  assert.equal(count('person'), people);
});

test('every kind of audit row is there and the chain verifies', async () => {
  for (const action of ['person.create', 'person.read', 'person.search', 'person.update', 'contact.create'])
    assert.ok(audits(action) > 0, `${action} rows`);
  const { careplan } = await import('../lib/server.mjs');
  const v = careplan(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stderr + v.stdout);
});
