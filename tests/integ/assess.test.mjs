// assess.test.mjs - the holistic assessment over HTTP against the real
// server and the demo database: each kind of record created through its form
// and found in its table, a refused form writing nothing (row counts), audit
// rows for every read and write, the person's story saved as versions with a
// stale form refused, medicines changed and stopped, and every change to an
// ended episode's assessment refused.
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

const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const audits = (action) => count(`audit where action = '${action}'`);
const today = new Date().toISOString().slice(0, 10);

const ep = Number(q("select e.id from episode e join person p on p.id = e.person_id where p.nhs_number = '9998219132' "
  + "and e.stage not in ('discharged', 'closed')"));
const ended = Number(q("select id from episode where stage in ('closed', 'discharged') order by id limit 1"));
const base = `/episodes/${ep}/assessment`;

async function csrf(c, path = base) {
  const t = Client.csrfOf((await c.get(path)).text);
  assert.ok(t, `${path} carries a CSRF token`);
  return t;
}

// Posts form to path with the session's token; returns the response.
async function post(c, path, form) {
  return c.post(path, { csrf: await csrf(c, '/people/new'), ...form });
}

// Every assessment table's row count, to show a refusal wrote nothing.
const TABLES = ['assess_story', 'assess_pro_story', 'assess_outcome', 'assess_entry', 'assess_carer_need',
  'assess_instrument', 'assess_medicine'];
const rows = () => Object.fromEntries(TABLES.map((t) => [t, count(t)]));
const writes = () => count("audit where action like 'assessment.%' and action != 'assessment.read'");

test('the assessment page is audited as a read and shows what is recorded and missing', async () => {
  assert.ok(ep > 0 && ended > 0);
  const kw = await as('keyworker');
  const before = audits('assessment.read');
  const page = await kw.get(base);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Holistic assessment<\/h1>/);
  assert.match(page.text, /In Margaret&rsquo;s own words/);
  assert.match(page.text, /Still missing/);
  assert.match(page.text, new RegExp(`<li><a href="${base}/entry\\?domain=finances">Finances<span`));
  assert.equal(audits('assessment.read'), before + 1);
  const row = q(`select object_type, object_id, person_id, reason from audit where action = 'assessment.read' order by id desc limit 1`);
  assert.match(row, new RegExp(`^episode\\|${ep}\\|\\d+\\|assessment page$`));
  const results = await kw.get(`${base}/questionnaires`);
  assert.equal(results.status, 200);
  assert.equal(audits('assessment.read'), before + 2);
});

test('each kind of record is created through its form, with an audit row naming codes only', async () => {
  const kw = await as('keyworker');
  const w0 = writes();
  const carer = Number(q(`select k.id from contact k join episode e on e.person_id = k.person_id where e.id = ${ep} and k.is_carer = 1 limit 1`));
  const forms = [
    ['professional', { issues: 'Sleeping badly since the move', evidence: 'Sleep diary', story_date: today },
      'assess_pro_story', 'assessment.pro_story', /#professionals$/],
    ['outcome', { outcome: 'Sleeping through most nights', agreed_by: 'Margaret and Sam', agreed_date: today },
      'assess_outcome', 'assessment.outcome', /#outcomes$/],
    ['entry', { kind: 'risk', domain: 'finances', description: 'Scam phone calls', severity: 'moderate',
      likelihood: 'possible', mitigation: 'Call blocker' }, 'assess_entry', 'assessment.entry', /#domain-finances$/],
    ['carer', { contact_id: String(carer), carer_needs: 'Time for his own GP appointment', what_helps: 'A sitter' },
      'assess_carer_need', 'assessment.carer_need', /#carers$/],
    ['questionnaire', { instrument: 'gad7', taken_date: today, item1: '1', item2: '1', item3: '0', item4: '0',
      item5: '1', item6: '0', item7: '0' }, 'assess_instrument', 'assessment.instrument', /\/questionnaires#gad7$/],
    ['medicine', { med_name: 'Senna', med_dose: 'Two tablets at night', needs_review: 'yes',
      review_reason: 'Check still needed' }, 'assess_medicine', 'assessment.medicine.add', /#medicines$/],
  ];
  for (const [path, form, table, action, where] of forms) {
    const n = count(table);
    const a = audits(action);
    const r = await post(kw, `${base}/${path}`, form);
    assert.equal(r.status, 303, `${path}: ${r.text.slice(0, 300)}`);
    assert.match(r.headers.get('location'), where);
    assert.equal(count(table), n + 1, `${table} has one more row`);
    assert.equal(audits(action), a + 1, `${action} audited`);
  }
  assert.equal(writes(), w0 + forms.length);
  assert.equal(q("select discipline from assess_pro_story order by id desc limit 1"), 'nurse');
  assert.equal(q("select total || '|' || band || '|' || items from assess_instrument order by id desc limit 1"),
    '3|minimal|1,1,0,0,1,0,0');
  assert.equal(q("select reason from audit where action = 'assessment.instrument' order by id desc limit 1"), 'gad7');
  assert.equal(q("select reason from audit where action = 'assessment.entry' order by id desc limit 1"), 'risk finances');
  // No typed text in the audit trail.
  assert.equal(count("audit where reason like '%Scam%' or reason like '%Senna%' or reason like '%Sleep%'"), 0);
  const page = await kw.get(base);
  assert.match(page.text, /Scam phone calls/);
  assert.match(page.text, /covering 9 of 9 domains/);
  assert.doesNotMatch(page.text, /No entry yet for/);
});

test('a refused form names each field, keeps what was typed and writes nothing', async () => {
  const kw = await as('keyworker');
  const before = rows();
  const w0 = writes();
  const bad = [
    ['story', { version: '0', whats_new: '<i>moved</i>' }, /Select who wrote the story down/],
    ['professional', { story_date: '2999-01-01', evidence: 'kept text' }, /Enter the issues as you see them/],
    ['outcome', { outcome: 'kept text', agreed_date: '2026-02-30' }, /Enter who agreed it/],
    ['entry', { kind: 'need', domain: 'nowhere', description: 'kept text' }, /Select the domain it belongs to/],
    ['carer', { contact_id: '999999', what_helps: 'kept text' }, /Enter the carer&#39;s own needs/],
    ['questionnaire', { instrument: 'phq9', taken_date: today, item1: '9', item2: '0', item3: '0', item4: '0',
      item5: '0', item6: '0', item7: '0', item8: '0', item9: '0' }, /PHQ-9 item 1: the answer must be from 0 to 3, not 9\./],
    ['medicine', { med_dose: 'kept text', needs_review: 'yes' }, /Enter why the medicine needs a review/],
  ];
  for (const [path, form, message] of bad) {
    const r = await post(kw, `${base}/${path}`, form);
    assert.ok(r.status === 400 || r.status === 409, `${path} is refused (${r.status})`);
    assert.match(r.text, message, `${path} names the problem`);
    assert.match(r.text, /nhsuk-error-summary/);
    if (path !== 'story' && path !== 'questionnaire') assert.match(r.text, /kept text/, `${path} keeps what was typed`);
  }
  assert.deepEqual(rows(), before);
  assert.equal(writes(), w0);
});

test("the person's story is saved as versions and a stale form is refused without losing either", async () => {
  const kw = await as('keyworker');
  const gp = await as('gp.carter');
  const v = Number(q(`select max(version) from assess_story where episode_id = ${ep}`));
  const form = await kw.get(`${base}/story`);
  assert.match(form.text, new RegExp(`name="version" value="${v}"`));
  // The GP saves first from the same version...
  const first = await post(gp, `${base}/story`, { version: String(v), whats_new: 'GP wrote this with her',
    recorded_by: 'with_professional' });
  assert.equal(first.status, 303);
  // ...so the key worker's save from that version is refused and nothing is lost.
  const n = count(`assess_story where episode_id = ${ep}`);
  const stale = await post(kw, `${base}/story`, { version: String(v), whats_new: 'Key worker text',
    recorded_by: 'person' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /Someone else changed the person&#39;s story/);
  assert.match(stale.text, /Key worker text/);
  assert.equal(count(`assess_story where episode_id = ${ep}`), n);
  assert.equal(q(`select whats_new from assess_story where episode_id = ${ep} order by version desc limit 1`),
    'GP wrote this with her');
  // Saving again from the version shown now succeeds; every version stays.
  const again = await post(kw, `${base}/story`, { version: String(v + 1), whats_new: 'Key worker text',
    recorded_by: 'person' });
  assert.equal(again.status, 303);
  assert.equal(count(`assess_story where episode_id = ${ep}`), n + 1);
  assert.equal(q(`select group_concat(version) from (select version from assess_story where episode_id = ${ep} order by version)`),
    Array.from({ length: v + 2 }, (_, i) => i + 1).join(','));
  const page = await kw.get(base);
  assert.match(page.text, /Written by Margaret themself/);
  assert.match(page.text, /Earlier versions of their story/);
});

test('a PHQ-9 with item 9 above 0 shows the safety prompt on the result and the assessment', async () => {
  const kw = await as('keyworker');
  const r = await post(kw, `${base}/questionnaire`, { instrument: 'phq9', taken_date: today, item1: '2', item2: '2',
    item3: '1', item4: '1', item5: '1', item6: '1', item7: '1', item8: '0', item9: '2' });
  assert.equal(r.status, 303);
  const id = Number(q("select id from assess_instrument where instrument = 'phq9' order by id desc limit 1"));
  assert.equal(r.headers.get('location'), `${base}/questionnaires#result-${id}`);
  assert.equal(q(`select safety || '|' || total || '|' || band from assess_instrument where id = ${id}`), '1|11|moderate');
  const results = await kw.get(`${base}/questionnaires`);
  assert.match(results.text, new RegExp(`id="result-${id}"`));
  assert.match(results.text, /Ask them about it today/);
  const page = await kw.get(base);
  assert.match(page.text, /nhsuk-card--warning/);
  assert.match(page.text, /local safety procedure/);
});

test('a medicine is changed, a stale change refused, then stopped and kept as stopped', async () => {
  const kw = await as('keyworker');
  const id = Number(q(`select id from assess_medicine where episode_id = ${ep} and name = 'Senna'`));
  const edit = `/assessment-medicines/${id}/edit`;
  assert.equal((await kw.get(edit)).status, 200);
  const ok = await post(kw, edit, { version: '1', med_name: 'Senna', med_dose: 'One tablet at night' });
  assert.equal(ok.status, 303);
  assert.equal(q(`select version || '|' || needs_review || '|' || coalesce(review_reason, '-') from assess_medicine where id = ${id}`),
    '2|0|-');
  const stale = await post(kw, edit, { version: '1', med_name: 'Senna', med_dose: 'Three' });
  assert.equal(stale.status, 409);
  assert.equal(q(`select dose from assess_medicine where id = ${id}`), 'One tablet at night');
  const stop = await post(kw, `/assessment-medicines/${id}/stop`, { version: '2', stopped_date: today,
    stopped_reason: 'No longer needed' });
  assert.equal(stop.status, 303);
  assert.equal(q(`select stopped_date from assess_medicine where id = ${id}`), today);
  assert.equal(audits('assessment.medicine.edit'), 1);
  assert.equal(audits('assessment.medicine.stop'), 1);
  const page = await kw.get(base);
  assert.match(page.text, /Stopped<\/strong>/);
  assert.match(page.text, /No longer needed/);
  assert.equal((await kw.get(edit)).status, 409);
  assert.equal((await kw.get('/assessment-medicines/999999/edit')).status, 404);
});

test("an ended episode's assessment can be read but every change is refused and nothing is written", async () => {
  const kw = await as('keyworker');
  const b = `/episodes/${ended}/assessment`;
  const page = await kw.get(b);
  assert.equal(page.status, 200);
  assert.match(page.text, /This episode has ended/);
  assert.doesNotMatch(page.text, /Add a medicine/);
  const before = rows();
  const w0 = writes();
  const posts = [
    ['story', { version: '0', whats_new: 'x', recorded_by: 'person' }],
    ['professional', { issues: 'x', story_date: today }],
    ['outcome', { outcome: 'x', agreed_by: 'y', agreed_date: today }],
    ['entry', { kind: 'strength', domain: 'social', description: 'x' }],
    ['questionnaire', { instrument: 'ucla3', taken_date: today, item1: '1', item2: '1', item3: '1' }],
    ['medicine', { med_name: 'x', med_dose: 'y' }],
    ['carer', { contact_id: '1', carer_needs: 'x' }],
  ];
  for (const [path, form] of posts) {
    const r = await post(kw, `${b}/${path}`, form);
    assert.equal(r.status, 409, `${path} on an ended episode`);
    assert.match(r.text, /This episode has ended, so its assessment can be read but not changed/);
  }
  assert.deepEqual(rows(), before);
  assert.equal(writes(), w0);
  assert.equal((await kw.get(`${b}/story`)).status, 409);
});

test('unknown episodes are 404 and roles without access are refused', async () => {
  const kw = await as('keyworker');
  assert.equal((await kw.get('/episodes/999999/assessment')).status, 404);
  assert.equal((await kw.get(`${base}/questionnaire?instrument=nope`)).status, 404);
  const person = await as('person');
  assert.equal((await person.get(base)).status, 403);
  const commissioner = await as('commissioner');
  assert.equal((await commissioner.get(`${base}/questionnaires`)).status, 403);
});
