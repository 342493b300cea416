// letters.test.mjs - the pre-review letter over HTTP (docs/review-letters.md):
// the episode's letter page with its forms (bad input named, nothing
// written), the letter as PDF read back with pdftotext (the review's date,
// time and place, results with the previous value, goals, the question
// sheet with the person's own questions, the name and date of birth on
// every page), the team's letters worklist and its one-PDF batch that
// empties it, audit rows, and refusals.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const dir = mkdtempSync(join(tmpdir(), 'careplan-letters-'));
after(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}
let n = 0;
async function fetchFile(c, path, init = {}) {
  const res = await fetch(srv.url + path, { redirect: 'manual', ...init, headers: { cookie: c.cookieHeader(), ...(init.headers || {}) } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const file = join(dir, `l${++n}.pdf`);
  writeFileSync(file, bytes);
  return { status: res.status, headers: res.headers, bytes, file, text: bytes.toString('utf8') };
}
function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const pages = (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-']).split('\f').slice(0, -1)
  .map((p) => p.replace(/\s+/g, ' ').replace(/\/ /g, '/').trim());
function inOrder(text, parts) {
  let at = -1;
  for (const h of parts) {
    const i = text.indexOf(h, at + 1);
    assert.ok(i > at, `"${h}" comes after what is before it`);
    at = i;
  }
}
const human = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const today = new Date().toISOString().slice(0, 10);
const inDays = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);

const PERSON = 1;
const EP = Number(q(`select id from episode where person_id = ${PERSON} and stage = 'active'`));
const HEAD = 'Margaret Hughes, born 22 January 1953';

test('the letter page: the forms refuse bad input by name and write nothing; good input is saved and audited', async () => {
  const kw = await as('keyworker');
  const page = await kw.get(`/episodes/${EP}/review-letter`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Time and place of the review/);
  assert.match(page.text, /Add a reading/);
  assert.match(page.text, new RegExp(`href="/episodes/${EP}/review-letter.pdf"`));
  const csrf = Client.csrfOf(page.text);
  const readings = count('reading'), audits = count(`audit where action = 'reading.add'`);
  const cases = [
    [{ kind: 'bp', taken_date: today, value: 'abc', value2: '' }, /Systolic blood pressure \(the top number\) must be a number/, /Enter the Diastolic blood pressure/],
    [{ kind: 'bp', taken_date: today, value: '120', value2: '130' }, /must be lower than the systolic/],
    [{ kind: 'weight', taken_date: inDays(3), value: '70.25' }, /Date measured must be today or in the past/, /Weight must be a number with at most one decimal place/],
    [{ kind: 'hba1c', taken_date: '2026-02-30', value: '500' }, /Date measured 2026-02-30 is not a date/, /HbA1c must be between 20 and 195 mmol\/mol/],
    [{ taken_date: today, value: '60' }, /Select what was measured/],
  ];
  for (const [form, ...msgs] of cases) {
    const r = await kw.post(`/episodes/${EP}/readings`, { csrf, ...form });
    assert.equal(r.status, 400, JSON.stringify(form));
    assert.match(r.text, /There is a problem/);
    for (const m of msgs) assert.match(r.text, m);
  }
  assert.equal(count('reading'), readings, 'nothing written');
  assert.equal(count(`audit where action = 'reading.add'`), audits);
  const ok = await kw.post(`/episodes/${EP}/readings`, { csrf, kind: 'weight', taken_date: today, value: '65.5' });
  assert.equal(ok.status, 303);
  assert.equal(q(`select value_tenths || ' ' || taken_date from reading order by id desc limit 1`), `655 ${today}`);
  assert.equal(count(`audit where action = 'reading.add'`), audits + 1);
  assert.equal(q(`select object_type || ' ' || person_id || ' ' || reason from audit where action = 'reading.add' order by id desc limit 1`),
    `reading ${PERSON} weight`);

  // The appointment: the plan's review date, with a time and place.
  const appts = count(`audit where action = 'review_appointment.set'`);
  let r = await kw.post(`/episodes/${EP}/review-appointment`, { csrf, review_time: '25:00', place: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Time of the review must be a 24-hour time/);
  assert.match(r.text, /Enter where the review will be held/);
  assert.equal(count(`audit where action = 'review_appointment.set'`), appts);
  r = await kw.post(`/episodes/${EP}/review-appointment`, { csrf, review_time: '14:30', place: 'Health Centre, room 4' });
  assert.equal(r.status, 303);
  assert.equal(q(`select review_time || '|' || place || '|' || (review_date = (select next_review_date from care_plan where episode_id = ${EP})) from review_appointment where episode_id = ${EP}`),
    '14:30|Health Centre, room 4|1');
  assert.equal(count(`audit where action = 'review_appointment.set'`), appts + 1);
  const again = await kw.get(`/episodes/${EP}/review-letter?done=appointment`);
  assert.match(again.text, /It is at 14:30, Health Centre, room 4/);
  // Without the CSRF field nothing is saved.
  r = await kw.post(`/episodes/${EP}/review-appointment`, { review_time: '09:00', place: 'Elsewhere' });
  assert.equal(r.status, 403);
  assert.equal(q(`select review_time from review_appointment where episode_id = ${EP}`), '14:30');
});

test('the letter PDF: date, time and place, results with the previous value, goals, question sheet; audited', async () => {
  const kw = await as('keyworker');
  const question = q(`select question from review_question where episode_id = ${EP} and removed_ms = 0 order by id limit 1`);
  assert.ok(question, 'the demo has a question of Margaret\'s own');
  const review = q(`select next_review_date from care_plan where episode_id = ${EP}`);
  const goal = q(`select title from plan_goal g join care_plan c on c.id = g.plan_id where c.episode_id = ${EP} order by g.position, g.id limit 1`);
  const sent = count('letter_sent'), audits = count(`audit where action = 'letter.print'`);
  const r = await fetchFile(kw, `/episodes/${EP}/review-letter.pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const ps = pages(r.file);
  assert.ok(ps.length >= 2);
  ps.forEach((p, i) => {
    assert.ok(p.startsWith(HEAD), `page ${i + 1} has the name and date of birth`);
    assert.ok(p.includes(`Page ${i + 1} of ${ps.length}`));
  });
  const all = ps.join(' ');
  inOrder(all, ['Before your review', 'Your review', human(review), '14:30', 'Health Centre, room 4',
    'Your latest results', 'HbA1c', '51 mmol/mol', 'Before that: 56 mmol/mol', 'Blood pressure', '136/82 mmHg',
    'Before that: 148/90 mmHg', 'Weight', '65.5 kg', 'Before that: 66.9 kg', 'PHQ-9 questionnaire score',
    'What your goals were', goal, 'Status:', 'What I want to talk about', 'Questions you have already written',
    question.replace(/\s+/g, ' '), 'My questions and notes']);
  assert.ok(ps[ps.length - 1].includes('What I want to talk about'), 'the question sheet starts a page of its own');
  assert.equal(count('letter_sent'), sent + 1);
  assert.equal(q(`select review_date from letter_sent order by id desc limit 1`), review);
  assert.equal(count(`audit where action = 'letter.print'`), audits + 1);
  assert.equal(q(`select object_type || ' ' || object_id || ' ' || person_id || ' ' || reason from audit where action = 'letter.print' order by id desc limit 1`),
    `episode ${EP} ${PERSON} ${review}`);
});

test('the letters worklist lists the team\'s reviews in 14 days without a letter; one PDF produces them all and empties it', async () => {
  // Reviews for a handful of the team's agreed plans in the next days.
  q(`update care_plan set next_review_date = '${inDays(5)}' where status = 'agreed' and episode_id in
     (select id from episode where stage in ('active', 'review') and person_id <> ${PERSON} order by id limit 4)`);
  const kw = await as('keyworker');
  const page = await kw.get('/worklist/letters');
  assert.equal(page.status, 200);
  assert.match(page.text, /Letters before reviews/);
  const listed = [...page.text.matchAll(/href="\/episodes\/(\d+)\/review-letter"/g)].map((m) => Number(m[1]));
  assert.ok(listed.length >= 4, `${listed.length} letters listed`);
  assert.ok(!listed.includes(EP), 'Margaret\'s letter for this review has been produced already');
  const due = Number(q(`select count(*) from episode e join care_plan c on c.episode_id = e.id where e.team_id = 1
    and c.status = 'agreed' and e.stage in ('active', 'review') and c.next_review_date <= '${inDays(14)}'
    and not exists (select 1 from letter_sent s where s.episode_id = e.id and s.review_date = c.next_review_date)`));
  assert.ok(listed.length <= due);
  const audits = count(`audit where action = 'letter.print'`), sent = count('letter_sent');
  const r = await fetchFile(kw, '/worklist/letters', { method: 'POST', body: new URLSearchParams({ csrf: Client.csrfOf(page.text) }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const ps = pages(r.file);
  // Each letter starts on a page of its own, numbered from 1.
  const starts = ps.filter((p) => /Page 1 of \d+/.test(p));
  assert.equal(starts.length, listed.length);
  for (const p of starts) assert.match(p, /Before your review/);
  assert.equal(count(`audit where action = 'letter.print'`), audits + listed.length, 'one audit row a letter');
  assert.equal(count('letter_sent'), sent + listed.length);
  const after = await kw.get('/worklist/letters');
  assert.match(after.text, /There are no letters to produce/);
  // Nothing left: the button is gone, and a POST says so.
  const none = await kw.post('/worklist/letters', { csrf: Client.csrfOf(after.text) });
  assert.equal(none.status, 303);
  assert.equal(none.headers.get('location'), '/worklist/letters?done=none');
});

test('refusals: the person and a carer cannot reach the letter pages; no CSRF, no batch', async () => {
  const me = await as('person');
  for (const path of ['/worklist/letters', `/episodes/${EP}/review-letter`, `/episodes/${EP}/review-letter.pdf`]) {
    const r = await me.get(path);
    assert.equal(r.status, 403, path);
  }
  const kw = await as('keyworker');
  const sent = count('letter_sent');
  const r = await kw.post('/worklist/letters', {});
  assert.equal(r.status, 403);
  assert.equal(count('letter_sent'), sent);
  const missing = await kw.get('/episodes/999999/review-letter.pdf');
  assert.equal(missing.status, 404);
});

test('sharing: what the person does not share with the professional stays off their letter and the pages', async () => {
  const kw = await as('keyworker');
  // Questionnaires for the person alone: the scores leave the letter, the readings stay.
  q(`insert or replace into share_setting(person_id, section, audiences, changed_ms) values (${PERSON}, 'instruments', 1, 0)`);
  let r = await fetchFile(kw, `/episodes/${EP}/review-letter.pdf`);
  assert.equal(r.status, 200);
  let all = pages(r.file).join(' ');
  assert.ok(all.includes('HbA1c'), 'readings are the assessment\'s, still shared');
  assert.ok(!all.includes('PHQ-9'), 'no questionnaire score');
  // The assessment for the person alone: no readings, no form to add one, and a POST is refused.
  q(`insert or replace into share_setting(person_id, section, audiences, changed_ms) values (${PERSON}, 'assessment', 1, 0)`);
  r = await fetchFile(kw, `/episodes/${EP}/review-letter.pdf`);
  all = pages(r.file).join(' ');
  assert.ok(!all.includes('HbA1c') && !all.includes('Your latest results'), 'no results section at all');
  const page = await kw.get(`/episodes/${EP}/review-letter`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Add a reading/);
  const readings = count('reading');
  const post = await kw.post(`/episodes/${EP}/readings`, { csrf: Client.csrfOf(page.text), kind: 'weight', taken_date: today, value: '70' });
  assert.equal(post.status, 404);
  assert.equal(count('reading'), readings);
  // Goals for the person alone: the letter page is refused, and the refusal audited.
  const hidden = count(`audit where action = 'share.hidden'`);
  q(`insert or replace into share_setting(person_id, section, audiences, changed_ms) values (${PERSON}, 'goals', 1, 0)`);
  assert.equal((await kw.get(`/episodes/${EP}/review-letter`)).status, 404);
  assert.equal(count(`audit where action = 'share.hidden'`), hidden + 1);
  q(`delete from share_setting where person_id = ${PERSON} and section in ('instruments', 'assessment', 'goals')`);
});
