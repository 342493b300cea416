// self_assessment.test.mjs - the self-assessment toolkit over HTTP: the
// team manager's list, starting one (bad input named by field, nothing
// written), the answers form with the live evidence beside every item,
// saving a stage (evidence stored with each answer), agreeing an action and
// marking it done, the view, the comparison, the PDF (read back with
// pdftotext) and the CSVs; refusals for other roles, other teams' records
// and missing ids; every change audited.
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
const dir = mkdtempSync(join(tmpdir(), 'careplan-sat-'));
after(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}
let n = 0;
async function fetchFile(c, path) {
  const res = await fetch(srv.url + path, { redirect: 'manual', headers: { cookie: c.cookieHeader() } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const file = join(dir, `s${++n}.pdf`);
  writeFileSync(file, bytes);
  return { status: res.status, headers: res.headers, bytes, file, text: bytes.toString('utf8') };
}
function pdfText(file) {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, ' ');
}
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
const audits = (action) => count(`audit where action = '${action}'`);

test('the manager finds the self-assessments from home; the demo has two', async () => {
  const m = await as('manager');
  assert.match((await m.get('/')).text, /href="\/self-assessments">Assess the team&#39;s care planning|href="\/self-assessments">Assess the team's care planning/);
  const list = await m.get('/self-assessments');
  assert.equal(list.status, 200);
  assert.match(list.text, /<h1>Self-assessments of care planning<\/h1>/);
  assert.match(list.text, /href="\/self-assessments\/2">Self-assessment, autumn<\/a>/);
  assert.match(list.text, /href="\/self-assessments\/1">Self-assessment, spring<\/a>/);
  assert.ok(list.text.indexOf('/self-assessments/2"') < list.text.indexOf('/self-assessments/1"'), 'newest first');
  assert.match(list.text, /Start a new self-assessment/);
});

test('other roles are refused; an unknown id or another team\'s is 404', async () => {
  for (const login of ['keyworker', 'admin', 'commissioner', 'person']) {
    const c = await as(login);
    assert.equal((await c.get('/self-assessments')).status, 403, login);
    assert.equal((await c.get('/self-assessments/1')).status, 403, login);
  }
  const m = await as('manager');
  assert.equal((await m.get('/self-assessments/999')).status, 404);
  assert.equal((await m.get('/self-assessments/999/self-assessment.pdf')).status, 404);
  // Another team's self-assessment is not there for this manager.
  q(`insert into team(organisation_id, name) values (1, 'Other Team')`);
  const other = Number(q(`select id from team where name = 'Other Team'`));
  q(`insert into self_assessment(team_id, title, assessed_on, created_by, created_ms) values (${other}, 'Theirs', '2026-01-01', 1, 1)`);
  const theirs = Number(q(`select id from self_assessment where title = 'Theirs'`));
  const r = await m.get(`/self-assessments/${theirs}`);
  assert.equal(r.status, 404);
  assert.match(r.text, /There is no self-assessment of your team at this address/);
  assert.doesNotMatch(r.text, /Theirs/);
  const csrf = Client.csrfOf((await m.get('/self-assessments')).text);
  const before = count('self_assessment_answer');
  assert.equal((await m.post(`/self-assessments/${theirs}/answers`, { csrf, stage: 'entry', 'answer-E1': 'yes' })).status, 404);
  assert.equal(count('self_assessment_answer'), before);
  assert.equal((await m.get(`/self-assessments/compare?a=1&b=${theirs}`)).status, 404);
});

test('starting one: bad input is named by field and writes nothing; good input is saved and audited', async () => {
  const m = await as('manager');
  const csrf = Client.csrfOf((await m.get('/self-assessments')).text);
  const before = count('self_assessment');
  const audited = audits('selfassess.create');
  const bad = await m.post('/self-assessments', { csrf, title: '', assessed_on: tomorrow, notes: 'Kept <notes>' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<title>Error: Self-assessments/);
  assert.match(bad.text, /href="#title">Enter a title for the self-assessment/);
  assert.match(bad.text, /href="#assessed_on">The date of the self-assessment must be today or in the past/);
  assert.match(bad.text, />Kept &lt;notes&gt;<\/textarea>/);
  const bad2 = await m.post('/self-assessments', { csrf, title: 'x'.repeat(201), assessed_on: '2026-02-30' });
  assert.match(bad2.text, /href="#title">The title must be 200 characters or fewer/);
  assert.match(bad2.text, /href="#assessed_on">The date of the self-assessment 2026-02-30 is not a date/);
  assert.equal(count('self_assessment'), before);
  assert.equal(audits('selfassess.create'), audited);

  const ok = await m.post('/self-assessments', { csrf, title: 'Test run', assessed_on: today, notes: 'By the test' });
  assert.equal(ok.status, 303);
  const id = Number(q(`select max(id) from self_assessment`));
  assert.equal(ok.headers.get('location'), `/self-assessments/${id}/answers?done=started`);
  assert.equal(q(`select title || '|' || assessed_on || '|' || team_id from self_assessment where id = ${id}`), `Test run|${today}|1`);
  assert.equal(audits('selfassess.create'), audited + 1);
});

test('the answers form shows every item by stage with its live evidence, or says there is no data', async () => {
  const m = await as('manager');
  const page = await m.get('/self-assessments/2/answers');
  assert.equal(page.status, 200);
  for (const stage of ['Entry', 'Assessment', 'Development of the care plan', 'Implementation', 'Review', 'Exit and re-entry', 'Over-arching elements and principles']) {
    assert.match(page.text, new RegExp(`<h2 id="stage-[a-z]+">${stage}</h2>`), stage);
  }
  const items = [...page.text.matchAll(/<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">([A-Z]\d+)\. /g)].map((x) => x[1]);
  assert.equal(items.length, 33);
  assert.equal(new Set(items).size, 33);
  // Live evidence with numbers where the data speaks, words where it cannot.
  const active = Number(q(`select count(*) from episode where stage in ('assessment','planning','active','review')`));
  const kw = Number(q(`select count(*) from episode e where stage in ('assessment','planning','active','review') and exists (select 1 from care_team_member m where m.episode_id = e.id and m.is_key_worker and m.to_date is null)`));
  assert.match(page.text, new RegExp(`${kw} of ${active} active episodes \\(\\d+%\\) have a named key worker now`));
  assert.match(page.text, /id="evidence-P4"><strong>What the records say now:<\/strong> Careplan holds no data on this; answer from your own knowledge\./);
  // Saved answers are shown checked.
  assert.match(page.text, /id="answer-A1" name="answer-A1" type="radio" value="yes" checked/);
});

test('saving a stage stores each answer with its evidence then; a bad form names the field and writes nothing', async () => {
  const m = await as('manager');
  const id = Number(q(`select max(id) from self_assessment where title = 'Test run'`));
  const page = await m.get(`/self-assessments/${id}/answers`);
  const csrf = Client.csrfOf(page.text);
  const audited = audits('selfassess.answers');
  const bad = await m.post(`/self-assessments/${id}/answers`, { csrf, stage: 'assessment', 'answer-A1': 'maybe', 'comment-A2': 'No answer <b>', 'answer-A3': 'yes', 'comment-A3': 'c'.repeat(2001) });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#answer-A1">Item A1: choose yes, partly or no/);
  assert.match(bad.text, /href="#answer-A2">Item A2: choose yes, partly or no for the comment to be kept/);
  assert.match(bad.text, /href="#comment-A3">Item A3: the comment must be 2000 characters or fewer/);
  assert.match(bad.text, />No answer &lt;b&gt;<\/textarea>/);
  assert.equal(count(`self_assessment_answer where assessment_id = ${id}`), 0);
  assert.equal(audits('selfassess.answers'), audited);
  const noStage = await m.post(`/self-assessments/${id}/answers`, { csrf, stage: 'nonsense', 'answer-A1': 'yes' });
  assert.equal(noStage.status, 400);
  assert.equal(count(`self_assessment_answer where assessment_id = ${id}`), 0);

  const ok = await m.post(`/self-assessments/${id}/answers`, { csrf, stage: 'assessment', 'answer-A1': 'yes', 'comment-A1': 'Everyone has one', 'answer-A5': 'no', 'answer-E1': 'yes' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/self-assessments/${id}/answers?done=saved#stage-assessment`);
  assert.equal(audits('selfassess.answers'), audited + 1);
  // Only the stage's items: E1 was not in the Assessment form.
  assert.equal(q(`select group_concat(item || '=' || answer, ',') from (select * from self_assessment_answer where assessment_id = ${id} order by item)`), 'A1=yes,A5=no');
  const active = Number(q(`select count(*) from episode where stage in ('assessment','planning','active','review')`));
  assert.equal(q(`select ev_den || '|' || ev_asof || '|' || comment from self_assessment_answer where assessment_id = ${id} and item = 'A1'`), `${active}|${today}|Everyone has one`);
});

test('actions: bad input named by field; added with an owner and due date; marked done; audited', async () => {
  const m = await as('manager');
  const id = Number(q(`select max(id) from self_assessment where title = 'Test run'`));
  const page = await m.get(`/self-assessments/${id}/answers`);
  const csrf = Client.csrfOf(page.text);
  assert.match(page.text, /<select class="nhsuk-select" id="owner_user" name="owner_user"/);
  const before = count('self_assessment_action');
  const bad = await m.post(`/self-assessments/${id}/actions`, { csrf, item: 'Z9', what: '', owner_user: '', owner_name: '', due_date: '31/12/2026' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#item">Choose the item of the toolkit the action is for/);
  assert.match(bad.text, /href="#what">Enter the action agreed/);
  assert.match(bad.text, /href="#owner_user">Choose who owns the action, or type the name of someone else/);
  assert.match(bad.text, /href="#due_date">The due date/);
  const other = await m.post(`/self-assessments/${id}/actions`, { csrf, item: 'A1', what: 'x', owner_user: '99999', due_date: '' });
  assert.match(other.text, /href="#owner_user">Choose a member of the team, or type the name of someone else/);
  assert.equal(count('self_assessment_action'), before);

  const kw = Number(q(`select id from users where username = 'keyworker'`));
  const ok = await m.post(`/self-assessments/${id}/actions`, { csrf, item: 'A5', what: 'Ask about housing at every first visit', owner_user: String(kw), owner_name: '', due_date: '2027-01-31' });
  assert.equal(ok.status, 303);
  const aid = Number(q(`select max(id) from self_assessment_action`));
  assert.equal(q(`select item || '|' || owner_user_id || '|' || due_date || '|' || ifnull(done_date, '-') from self_assessment_action where id = ${aid}`), `A5|${kw}|2027-01-31|-`);
  assert.equal(count(`audit where action = 'selfassess.action' and object_id = ${aid}`), 1);

  const view = await m.get(`/self-assessments/${id}`);
  assert.match(view.text, /Ask about housing at every first visit <span class="nhsuk-body-s">\(owner: Sam Okafor; due 31 January 2027; <strong>open<\/strong>\)/);
  const done = await m.post(`/self-assessments/${id}/actions/done`, { csrf, action_id: String(aid) });
  assert.equal(done.status, 303);
  assert.equal(q(`select done_date from self_assessment_action where id = ${aid}`), today);
  assert.equal(count(`audit where action = 'selfassess.action_done' and object_id = ${aid}`), 1);
  const again = await m.post(`/self-assessments/${id}/actions/done`, { csrf, action_id: String(aid) });
  assert.equal(again.status, 404);
  const junk = await m.post(`/self-assessments/${id}/actions/done`, { csrf, action_id: 'abc' });
  assert.equal(junk.status, 400);
  assert.match(junk.text, /Choose an action to mark as done/);
});

test('the view shows answers with the evidence then; the comparison shows what changed in words', async () => {
  const m = await as('manager');
  const view = await m.get('/self-assessments/2');
  assert.equal(view.status, 200);
  assert.match(view.text, /<h1>Self-assessment, autumn<\/h1>/);
  assert.match(view.text, /Evidence when answered: /);
  const choose = await m.get('/self-assessments/compare');
  assert.equal(choose.status, 200);
  assert.equal([...choose.text.matchAll(/<option value="\d+" selected>/g)].length, 2, 'the two newest are offered');
  const same = await m.get('/self-assessments/compare?a=1&b=1');
  assert.equal(same.status, 400);
  assert.match(same.text, /Choose two different self-assessments to compare/);
  const bad = await m.get('/self-assessments/compare?a=x&b=1');
  assert.equal(bad.status, 400);
  // Asked the wrong way round: still earlier first.
  const cmp = await m.get('/self-assessments/compare?a=2&b=1');
  assert.equal(cmp.status, 200);
  assert.match(cmp.text, /The earlier one is <a href="\/self-assessments\/1">Self-assessment, spring/);
  // A1: partly then, yes now: better, in words; its key worker figure then (12 of 20, 60%).
  const a1 = cmp.text.slice(cmp.text.indexOf('>A1. '), cmp.text.indexOf('>A2. '));
  assert.match(a1, /<strong>Partly<\/strong><br><span class="nhsuk-body-s">12 of 20 active episodes \(60%\) have a named key worker now/);
  assert.match(a1, /<strong>Better<\/strong> Figure up from 60% to 100%\./);
  const r2 = cmp.text.slice(cmp.text.indexOf('>R2. '), cmp.text.indexOf('>X1. '));
  assert.match(r2, /<strong>Worse<\/strong>/);
  const o6 = cmp.text.slice(cmp.text.indexOf('>O6. '), cmp.text.indexOf('>O7. '));
  assert.match(o6, /Answered only in the later one/);
  assert.match(cmp.text, /Better: \d+\. Worse: 1\./);
});

test('exports: the PDF reads back with pdftotext; the CSVs hold every item with its evidence', async () => {
  const m = await as('manager');
  const pdf = await fetchFile(m, '/self-assessments/2/self-assessment.pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const text = pdfText(pdf.file);
  for (const s of ['Self-assessment, autumn', 'Entry', 'Over-arching elements and principles', 'A1. Every person has a named key worker.',
    'Answer: Yes', 'Comment: Some reviews slipped over the winter.', 'Action: Add housing and money questions to the first visit. (owner: Sam Okafor',
    'Careplan holds no data on this']) {
    assert.ok(text.includes(s), `PDF has "${s}"`);
  }
  const csv = await m.get('/self-assessments/2/self-assessment.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="self-assessment.csv"/);
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], 'Self-assessment,Date,Stage,Item,Statement,Answer,Comment,Evidence numerator,Evidence denominator,Evidence per cent,Evidence as at,Evidence in words');
  assert.equal(lines.filter((l) => /^"Self-assessment, autumn",\d{4}-\d\d-\d\d,/.test(l)).length, 33);
  const a1 = lines.find((l) => l.includes(',A1,'));
  const [num, den] = q(`select ev_num || ',' || ev_den from self_assessment_answer where assessment_id = 2 and item = 'A1'`).split(',');
  assert.ok(a1.includes(`,Yes,,${num},${den},`), a1);
  assert.ok(lines.some((l) => l.startsWith('"Self-assessment, autumn",X2,Book end of life care planning training')));

  const ccsv = await m.get('/self-assessments/compare.csv?a=1&b=2');
  assert.equal(ccsv.status, 200);
  const cl = ccsv.text.split('\r\n');
  assert.match(cl[0], /^Stage,Item,Statement,Earlier \(\d{4}-\d\d-\d\d\): answer,/);
  assert.ok(cl.some((l) => /,A1,.*,Partly,,12,20,60,.*,Yes,.*,Better$/.test(l)), 'A1 row: then and now and what changed');
  assert.equal((await m.get('/self-assessments/compare.csv?a=1')).status, 400);
  const cpdf = await fetchFile(m, '/self-assessments/compare.pdf?a=1&b=2');
  assert.equal(cpdf.status, 200);
  const ct = pdfText(cpdf.file);
  assert.ok(ct.includes('Two self-assessments compared'));
  assert.ok(ct.includes('Better. Earlier: Partly. Later: Yes.'));
});
