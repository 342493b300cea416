// directory.test.mjs - the directory of local resources over HTTP
// (docs/directory.md): search with its filters and refusals of bad input by
// name; a service's page; adding and changing an entry (bad input named,
// nothing written; a good save audited and searchable); marking it
// checked; the import page's per-record report; the exports; who is refused
// (a professional who is not a link worker with the router's own words);
// and the command line's import, export and districts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client, careplan } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const dir = mkdtempSync(join(tmpdir(), 'careplan-dir-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  c.csrf = Client.csrfOf((await c.get('/directory/services/1')).text) ?? Client.csrfOf((await c.get('/')).text);
  return c;
}
const ROLE_REFUSAL = /Your role does not include this page/;

test('search: words, category, need, free and distance; bad filters are named and answered 400', async () => {
  const kw = await as('keyworker');
  const empty = await kw.get('/directory');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /<h1>Find a local service or group<\/h1>/);
  assert.doesNotMatch(empty.text, /services found/);
  assert.doesNotMatch(empty.text, /Add a service/, 'a key worker does not maintain the directory');
  const r = await kw.get('/directory?q=walking&postcode=ls6&miles=5');
  assert.equal(r.status, 200);
  assert.match(r.text, /services? found near LS6/);
  const first = r.text.match(/<h3 class="nhsuk-card__heading[^>]*><a href="\/directory\/services\/\d+">([^<]+)</);
  assert.match(first[1], /Walking Group/, 'a walking group comes first for "walking"');
  assert.match(r.text, /miles away/);
  const free = await kw.get('/directory?domain=finances&free=yes');
  assert.match(free.text, /Benefits Advice/);
  assert.doesNotMatch(free.text, /Lunch Club/);
  const cat = Number(q(`select id from dir_taxonomy where name = 'Walking'`));
  const byCat = await kw.get(`/directory?category=${cat}`);
  assert.match(byCat.text, /Walking Group/);
  assert.doesNotMatch(byCat.text, /Memory Cafe/);
  // Pages: 100 services, 20 a page.
  const all = await kw.get('/directory?q=');
  assert.match(all.text, /100 services found/);
  assert.match(all.text, /href="\/directory\?q=&amp;page=2"|href="\/directory\?page=2"/);
  const bad = await kw.get('/directory?q=walk&postcode=ZZ9&miles=500&domain=astrology');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /There is a problem/);
  assert.match(bad.text, /Postcode: ZZ9 is not in the area/);
  assert.match(bad.text, /Distance: choose/);
  assert.match(bad.text, /Need it helps with: choose/);
  for (const words of ['"', '*', 'NEAR(', '-', 'AND', 'walk" OR "x', '<script>alert(1)</script>']) {
    const h = await kw.get(`/directory?q=${encodeURIComponent(words)}`);
    assert.equal(h.status, 200, words);
    assert.doesNotMatch(h.text, /<script>alert/);
  }
});

test("a service's page says what, where, when, cost and how to get in touch; a stale one is flagged", async () => {
  const kw = await as('manager');
  const r = await kw.get('/directory/services/1');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>City Centre Walking Group<\/h1>/);
  assert.match(r.text, /Every week on Tuesday, 10:00 to 11:30/);
  assert.match(r.text, /href="tel:01632 960101"/);
  assert.match(r.text, /Needs it helps with/);
  assert.match(r.text, /Mental wellbeing, Social and relationships, Lifestyle/);
  assert.doesNotMatch(r.text, /Change this entry/, 'a manager only reads');
  const stale = Number(q(`select id from dir_service where reviewed_ms < ${Date.now() - 366 * 86400000} order by id limit 1`));
  const s = await kw.get(`/directory/services/${stale}`);
  assert.match(s.text, /Check before you suggest it/);
  assert.match(s.text, /Not checked for over a year/);
  assert.equal((await kw.get('/directory/services/99999')).status, 404);
});

test('who may do what: readers read, a GP is refused the maintainer pages, a person sees nothing', async () => {
  const gp = await as('gp.carter');
  for (const path of ['/directory/services/new', '/directory/services/1/edit', '/directory/import', '/directory/stale']) {
    const r = await gp.get(path);
    assert.equal(r.status, 403, path);
    assert.match(r.text, ROLE_REFUSAL, path);
  }
  const before = q('select name, reviewed_ms from dir_service where id = 1');
  for (const path of ['/directory/services/1/edit', '/directory/services/1/reviewed', '/directory/services/new', '/directory/import']) {
    const r = await gp.post(path, { csrf: gp.csrf, name: 'Hijacked', format: 'hsds', file: '[]' });
    assert.equal(r.status, 403, path);
    assert.match(r.text, ROLE_REFUSAL);
  }
  assert.equal(q('select name, reviewed_ms from dir_service where id = 1'), before, 'nothing written');
  assert.equal((await gp.get('/directory/export.csv')).status, 200);
  const person = await as('person');
  assert.equal((await person.get('/directory')).status, 403);
  assert.equal((await person.get('/directory/services/1')).status, 403);
});

const GOOD = {
  name: 'Seacroft Knit and Natter', description: 'Knitting, crochet and a cuppa.', status: 'active',
  org_name: 'Leafield Community Association', loc_name: 'Seacroft Library', loc_address: '1 Main Street',
  loc_town: 'Seacroft', loc_postcode: 'ls14 6aa', loc_latitude: '53.8290', loc_longitude: '-1.4470',
  phone: '01632 960999', email: 'knit@example.org', sched_rrule: 'FREQ=WEEKLY;BYDAY=TH', sched_opens: '14:00',
  sched_closes: '16:00', cost_amount: '0', fees: 'Free', categories: 'Hobbies; Knitting',
  domain_social: 'yes', domain_mental_wellbeing: 'yes',
};

test('a link worker adds a service: bad fields are named and nothing is written; a good one is saved and audited', async () => {
  const lw = await as('link.lopez');
  const form = await lw.get('/directory/services/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /Add a service to the directory/);
  const services = count('dir_service'), audits = count('audit');
  const bad = await lw.post('/directory/services/new', {
    ...GOOD, name: '', loc_postcode: 'LS14', sched_rrule: 'FREQ=HOURLY', cost_amount: 'three', email: 'nope',
    min_age: 'old', domain_social: '', domain_mental_wellbeing: '', csrf: lw.csrf,
  });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<title>Error: Add a service/);
  for (const [field, words] of [['name', /Service name: enter it/], ['loc_postcode', /Postcode: enter a UK postcode/],
    ['sched_rrule', /How often: /], ['cost_amount', /Amount: enter pounds and pence/], ['email', /Email: enter an email/],
    ['min_age', /Youngest age/], ['domains', /Needs it helps with: tick at least one/]]) {
    assert.match(bad.text, new RegExp(`href="#${field}"`), field);
    assert.match(bad.text, words, field);
  }
  assert.equal(count('dir_service'), services, 'nothing written');
  assert.equal(count('audit'), audits, 'nothing audited');
  const ok = await lw.post('/directory/services/new', { ...GOOD, csrf: lw.csrf });
  assert.equal(ok.status, 303);
  const id = Number(ok.headers.get('location').match(/\/directory\/services\/(\d+)\?done=saved/)[1]);
  assert.equal(count(`audit where action = 'directory.service.create' and object_id = ${id}`), 1);
  assert.equal(q(`select postcode from dir_location l join dir_service_location sl on sl.location_id = l.id where sl.service_id = ${id}`), 'LS14 6AA');
  assert.equal(q(`select free from dir_service where id = ${id}`), '1');
  const page = await lw.get(`/directory/services/${id}?done=saved`);
  assert.match(page.text, /The entry has been saved/);
  assert.match(page.text, /Every week on Thursday, 14:00 to 16:00/);
  const found = await lw.get('/directory?q=knit&postcode=LS14&miles=1');
  assert.match(found.text, /Seacroft Knit and Natter/);
  // Changing it: the search text follows the new name.
  const edit = await lw.get(`/directory/services/${id}/edit`);
  assert.match(edit.text, /value="Seacroft Knit and Natter"/);
  const up = await lw.post(`/directory/services/${id}/edit`, { ...GOOD, name: 'Seacroft Yarn Club', csrf: lw.csrf });
  assert.equal(up.status, 303);
  assert.equal(count(`audit where action = 'directory.service.update' and object_id = ${id}`), 1);
  assert.match((await lw.get('/directory?q=yarn')).text, /Seacroft Yarn Club/);
  // Saving it unchanged writes nothing.
  const same = count('audit');
  assert.equal((await lw.post(`/directory/services/${id}/edit`, { ...GOOD, name: 'Seacroft Yarn Club', csrf: lw.csrf })).status, 303);
  assert.equal(count('audit'), same);
  assert.equal((await lw.post('/directory/services/99999/edit', { ...GOOD, csrf: lw.csrf })).status, 404);
});

test('marking an entry checked takes it off the stale list', async () => {
  const admin = await as('admin');
  const stale = await admin.get('/directory/stale');
  assert.equal(stale.status, 200);
  const ids = [...stale.text.matchAll(/href="\/directory\/services\/(\d+)"/g)].map((m) => Number(m[1]));
  assert.ok(ids.length >= 5, 'the demo has stale entries');
  const r = await admin.post(`/directory/services/${ids[0]}/reviewed`, { csrf: admin.csrf });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /done=reviewed/);
  assert.equal(count(`audit where action = 'directory.service.review' and object_id = ${ids[0]}`), 1);
  const after = await admin.get('/directory/stale');
  assert.doesNotMatch(after.text, new RegExp(`href="/directory/services/${ids[0]}"`));
  const page = await admin.get(`/directory/services/${ids[0]}`);
  assert.doesNotMatch(page.text, /Check before you suggest it/);
  assert.match(page.text, /by Alex Morgan/);
  assert.equal((await admin.post('/directory/services/99999/reviewed', { csrf: admin.csrf })).status, 404);
});

test('the import page reports each record: imported, unchanged or refused with its id or line', async () => {
  const lw = await as('link.lopez');
  assert.equal((await lw.get('/directory/import')).status, 200);
  const none = await lw.post('/directory/import', { csrf: lw.csrf, format: 'xml', file: ' ' });
  assert.equal(none.status, 400);
  assert.match(none.text, /Format of the file: choose/);
  assert.match(none.text, /The file&#39;s contents: paste the file here|The file's contents: paste/);
  const notJson = await lw.post('/directory/import', { csrf: lw.csrf, format: 'hsds', file: '{"services": [' });
  assert.equal(notJson.status, 400);
  assert.match(notJson.text, /The file is not JSON/);
  const file = JSON.stringify({ services: [
    { id: 'imp-1', name: 'Imported Walk', organization: { id: 'imp-o', name: 'Import Org' } },
    { id: 'imp-2', organization: { id: 'imp-o', name: 'Import Org' } },
    { id: 'imp-3', name: 'Bad Time', organization: { id: 'imp-o', name: 'Import Org' }, schedules: [{ freq: 'WEEKLY', opens_at: '99:00' }] },
  ] });
  const before = count('dir_service');
  const r = await lw.post('/directory/import', { csrf: lw.csrf, format: 'hsds', file });
  assert.equal(r.status, 200);
  assert.match(r.text, /1 imported, 0 updated, 0 unchanged, 2 refused/);
  assert.match(r.text, /imp-2<\/td><td class="nhsuk-table__cell"><\/td><td class="nhsuk-table__cell">Refused: Service name: enter it/);
  assert.match(r.text, /imp-3.*Refused: Opens at: enter a time/);
  assert.equal(count('dir_service'), before + 1);
  assert.equal(count(`dir_service where ext_id in ('imp-2', 'imp-3')`), 0);
  const again = await lw.post('/directory/import', { csrf: lw.csrf, format: 'hsds', file });
  assert.match(again.text, /0 imported, 0 updated, 1 unchanged, 2 refused/);
  const csv = 'id,name,organisation_id,organisation,location_id,postcode\r\ncsv-1,CSV Walk,imp-o,Import Org,csv-l1,LS6 3AB\r\ncsv-2,CSV Bad,imp-o,Import Org,csv-l2,nowhere\r\n';
  const c = await lw.post('/directory/import', { csrf: lw.csrf, format: 'csv', file: csv });
  assert.match(c.text, /1 imported, 0 updated, 0 unchanged, 1 refused/);
  assert.match(c.text, /line 3<\/td>.*Refused: Postcode: enter a UK postcode/);
});

test('exports: CSV and HSDS JSON downloads, and through the command line export then import changes nothing', async () => {
  const kw = await as('keyworker');
  const csv = await kw.get('/directory/export.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="directory.csv"/);
  assert.match(csv.text.split('\r\n')[0], /^id,name,description,status,/);
  const json = await kw.get('/directory/export.json');
  assert.equal(json.status, 200);
  const doc = JSON.parse(json.text);
  assert.ok(doc.services.length >= 100);
  assert.ok(doc.services.some((s) => s.id === 'svc-001' && s.organization.id === 'org-006'));
  for (const fmt of ['hsds', 'csv']) {
    const out = careplan(['directory', 'export', '--format', fmt, '--db', srv.db]);
    assert.equal(out.status, 0, out.stderr);
    const file = join(dir, `export.${fmt}`);
    writeFileSync(file, out.stdout);
    const imp = careplan(['directory', 'import', file, '--format', fmt, '--db', srv.db]);
    assert.equal(imp.status, 0, imp.stderr);
    assert.match(imp.stdout, new RegExp(`0 imported, 0 updated, ${doc.services.length} unchanged, 0 refused`));
  }
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '[{"id": "x1", "name": "No org"}]');
  const bad = careplan(['directory', 'import', broken, '--db', srv.db]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^refused\tx1\tNo org\torganization/m);
  const districts = join(dir, 'd.csv');
  writeFileSync(districts, '# test\nLS99,53.1,-1.2\n');
  const d = careplan(['directory', 'districts', districts, '--db', srv.db]);
  assert.equal(d.status, 0, d.stderr);
  assert.equal(q(`select latitude from dir_postcode_district where district = 'LS99'`), '53.1');
  writeFileSync(districts, 'LS1,north,-1\n');
  const dbad = careplan(['directory', 'districts', districts, '--db', srv.db]);
  assert.equal(dbad.status, 1);
  assert.match(dbad.stderr, /line 1/);
});
