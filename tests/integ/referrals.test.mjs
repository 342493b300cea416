// referrals.test.mjs - from the plan to the service over HTTP
// (docs/referrals.md): finding a local service for a person (words, a
// need, free of charge; FTS syntax typed is only words), signposting and
// referring with bad input refused by field and nothing written, every
// allowed and a refused status change with its history, a stale change
// refused, the worklist's groups, the activities pack read back with
// pdftotext, audit rows, and refusals by role and by sharing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { addServices } from '../lib/dir_fixture.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const dir = mkdtempSync(join(tmpdir(), 'careplan-referrals-'));
after(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });
const SVC = addServices(q);

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}
const csrfOf = (html) => Client.csrfOf(html);
const audits = (action) => count(`audit where action = '${action}'`);
const today = new Date().toISOString().slice(0, 10);
const inDays = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);

const PERSON = 1;
const EP = Number(q(`select id from episode where person_id = ${PERSON} and stage = 'active'`));
const LUNCH_ACTION = Number(q(`select a.id from plan_action a join care_plan c on c.id = a.plan_id
  where c.episode_id = ${EP} and a.what like 'Go to the Tuesday lunch club%'`));
const LOPEZ = Number(q(`select id from users where username = 'link.lopez'`));

test('the plan page leads to finding a service for each action and need', async () => {
  const lw = await as('link.lopez');
  const plan = await lw.get(`/episodes/${EP}/plan`);
  assert.equal(plan.status, 200);
  assert.match(plan.text, /<h2 id="local-services">Local services<\/h2>/);
  assert.match(plan.text, new RegExp(`href="/episodes/${EP}/services\\?action=${LUNCH_ACTION}">For the action: Go to the Tuesday lunch club`));
  assert.match(plan.text, new RegExp(`href="/episodes/${EP}/services\\?need=mental_wellbeing">For a need in Mental wellbeing`));
});

test('a search finds services by words, by need and free of charge; what was typed is only ever words', async () => {
  const lw = await as('link.lopez');
  const before = audits('referral.search');
  let page = await lw.get(`/episodes/${EP}/services?q=Riverside+walks`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Riverside Wednesday Walkers/, 'stemming: walks finds walking');
  assert.doesNotMatch(page.text, new RegExp(`id="service-${SVC.money}"`));
  assert.equal(audits('referral.search'), before + 1);
  // From an action: its words fill the search, and the lunch club comes first.
  page = await lw.get(`/episodes/${EP}/services?action=${LUNCH_ACTION}`);
  assert.match(page.text, /For the action: Go to the Tuesday lunch club/);
  // The best matches are lunch clubs (the directory's own demo data may
  // hold others besides the fixture's).
  const top = [...page.text.matchAll(/<h3 id="service-\d+">([^<]*)</g)].slice(0, 3).map((m) => m[1]);
  assert.ok(top.length && top.every((name) => /lunch/i.test(name)), `lunch clubs first: ${top}`);
  // From a need: the domain.
  page = await lw.get(`/episodes/${EP}/services?need=finances`);
  assert.match(page.text, /services? found/);
  assert.match(page.text, /Money and Benefits Advice/);
  const meets = [...page.text.matchAll(/Meets needs in: ([^<]*)</g)].map((m) => m[1]);
  assert.ok(meets.length > 0 && meets.every((m) => /Finances/.test(m)), 'every service found meets the need');
  assert.doesNotMatch(page.text, new RegExp(`id="service-${SVC.walk}"`));
  // Free only leaves the paid lunch club out.
  page = await lw.get(`/episodes/${EP}/services?q=Riverside+Walkers+Anne&free=1`);
  assert.doesNotMatch(page.text, new RegExp(`id="service-${SVC.lunch}"`));
  assert.match(page.text, new RegExp(`id="service-${SVC.walk}"`));
  page = await lw.get(`/episodes/${EP}/services?q=Riverside+Walkers+Anne`);
  assert.match(page.text, new RegExp(`id="service-${SVC.lunch}"`));
  // FTS5 syntax typed is searched as words: no error, no match-all.
  for (const typed of ['walk" OR *', 'NEAR(lunch club)', '"', '*', 'lunch AND NOT', '^club', "'; drop table x;--"]) {
    page = await lw.get(`/episodes/${EP}/services?q=${encodeURIComponent(typed)}`);
    assert.equal(page.status, 200, typed);
  }
  page = await lw.get(`/episodes/${EP}/services?q=${encodeURIComponent('"')}`);
  assert.doesNotMatch(page.text, /services? found/, 'no words: no search');
  // Bad input is named.
  page = await lw.get(`/episodes/${EP}/services?domain=nonsense`);
  assert.equal(page.status, 400);
  assert.match(page.text, /href="#domain">Choose a need from the list/);
  page = await lw.get(`/episodes/${EP}/services?q=${'x'.repeat(201)}`);
  assert.equal(page.status, 400);
  assert.match(page.text, /What to search for must be 200 characters or fewer/);
  // An action of another episode is not this plan's.
  const other = Number(q(`select a.id from plan_action a join care_plan c on c.id = a.plan_id where c.episode_id <> ${EP} limit 1`));
  page = await lw.get(`/episodes/${EP}/services?action=${other}`);
  assert.equal(page.status, 404);
  assert.match(page.text, /no such action in this person/);
});

test('signposting records information given in one step, audited', async () => {
  const lw = await as('link.lopez');
  const page = await lw.get(`/episodes/${EP}/services?action=${LUNCH_ACTION}`);
  const n = count('service_referral');
  const given = count(`audit where action = 'signpost.give' and person_id = ${PERSON}`);
  const r = await lw.post(`/episodes/${EP}/referrals/new`, {
    csrf: csrfOf(page.text), kind: 'signpost', service: SVC.lunch, action: LUNCH_ACTION,
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/episodes/${EP}/referrals?done=signpost#signposts`);
  assert.equal(count('service_referral'), n + 1);
  const row = q(`select kind, status, plan_action_id, created_by from service_referral order by id desc limit 1`);
  assert.equal(row, `signpost|given|${LUNCH_ACTION}|${LOPEZ}`);
  assert.equal(count(`audit where action = 'signpost.give' and person_id = ${PERSON}`), given + 1);
  const list = await lw.get(r.headers.get('location').split('#')[0]);
  assert.match(list.text, /The information given has been recorded/);
  assert.match(list.text, /St Anne&#39;s Lunch Club/);
  // A signpost has no status to change.
  const id = Number(q(`select id from service_referral order by id desc limit 1`));
  const one = await lw.get(`/referrals/${id}`);
  const ch = await lw.post(`/referrals/${id}/status`, { csrf: csrfOf(one.text), status: 'accepted', version: '1' });
  assert.equal(ch.status, 409);
  assert.match(ch.text, /signpost/);
  assert.equal(q(`select status from service_referral where id = ${id}`), 'given');
});

test('a referral refuses bad input by field and writes nothing; a good one is sent, audited, with its history', async () => {
  const lw = await as('link.lopez');
  const form = await lw.get(`/episodes/${EP}/referrals/new?service=${SVC.walk}&need=social`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Refer to Riverside Wednesday Walkers<\/h1>/);
  assert.match(form.text, /Referred by<\/dt><dd class="nhsuk-summary-list__value">Rosa Lopez/);
  assert.match(form.text, new RegExp(`name="referral_date" type="text" autocomplete="off" aria-describedby="referral_date-hint" value="${today}"`));
  const csrf = csrfOf(form.text);
  const n = count('service_referral');
  const e = count('service_referral_event');
  const a = audits('referral.create');
  const bad = [
    [{ reason: '' }, 'reason', 'Enter the reason for the referral'],
    [{ reason: 'x'.repeat(1001) }, 'reason', 'The reason must be 1000 characters or fewer'],
    [{ referral_date: inDays(2) }, 'referral_date', 'Date of the referral must be today or in the past'],
    [{ referral_date: '2026-02-30' }, 'referral_date', 'Date of the referral 2026-02-30 is not a date'],
    [{ need: 'nonsense' }, 'need', 'not one of the assessment'],
  ];
  for (const [change, field, msg] of bad) {
    const r = await lw.post(`/episodes/${EP}/referrals/new`, {
      csrf, kind: 'referral', service: SVC.walk, need: 'social', reason: 'Lonely since her husband died; would like company', referral_date: today, ...change,
    });
    assert.equal(r.status, 400, field);
    if (field !== 'need') assert.match(r.text, new RegExp(`href="#${field}">${msg}`), field);
    else assert.match(r.text, new RegExp(msg));
  }
  // A service that is not in the directory, or no longer running.
  let r = await lw.post(`/episodes/${EP}/referrals/new`, { csrf, kind: 'referral', service: '999999', reason: 'x' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Choose a service that is in the directory and running now/);
  q(`update dir_service set status = 'inactive' where id = ${SVC.money}`);
  r = await lw.post(`/episodes/${EP}/referrals/new`, { csrf, kind: 'referral', service: SVC.money, reason: 'x' });
  assert.equal(r.status, 400);
  q(`update dir_service set status = 'active' where id = ${SVC.money}`);
  r = await lw.post(`/episodes/${EP}/referrals/new`, { csrf, kind: 'nonsense', service: SVC.walk, reason: 'x' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Choose whether to signpost or to refer/);
  assert.equal(count('service_referral'), n, 'nothing written');
  assert.equal(count('service_referral_event'), e);
  assert.equal(audits('referral.create'), a);

  r = await lw.post(`/episodes/${EP}/referrals/new`, {
    csrf, kind: 'referral', service: SVC.walk, need: 'social', reason: 'Lonely since her husband died; would like company', referral_date: '',
  });
  assert.equal(r.status, 303);
  const id = Number(q(`select max(id) from service_referral`));
  assert.equal(r.headers.get('location'), `/referrals/${id}?done=created`);
  assert.equal(q(`select kind, status, referral_date, need, created_by, version from service_referral where id = ${id}`),
    `referral|sent|${today}|social|${LOPEZ}|1`);
  assert.equal(q(`select from_status is null, to_status, user_id from service_referral_event where referral_id = ${id}`), `1|sent|${LOPEZ}`);
  assert.equal(count(`audit where action = 'referral.create' and object_id = ${id} and person_id = ${PERSON}`), 1);
  const page = await lw.get(`/referrals/${id}?done=created`);
  assert.equal(page.status, 200);
  assert.match(page.text, /The referral has been recorded as sent/);
  assert.match(page.text, /Sent, waiting for an answer/);
  assert.equal(count(`audit where action = 'referral.read' and object_id = ${id}`), 1);
});

test('status changes follow referral.def: refused moves name the field and write nothing; a stale page is refused', async () => {
  const lw = await as('link.lopez');
  const form = await lw.get(`/episodes/${EP}/referrals/new?service=${SVC.befriend}`);
  let r = await lw.post(`/episodes/${EP}/referrals/new`, { csrf: csrfOf(form.text), kind: 'referral', service: SVC.befriend, reason: 'Would like a weekly call' });
  const id = Number(q(`select max(id) from service_referral`));
  let page = await lw.get(`/referrals/${id}`);
  const csrf = csrfOf(page.text);
  // The form offers only the moves allowed from "sent".
  const offered = [...page.text.matchAll(/name="status" type="radio" value="([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(offered, ['accepted', 'declined', 'attended']);
  const ev = count(`service_referral_event where referral_id = ${id}`);
  for (const [form2, field, msg] of [
    [{ status: 'did_not_attend', version: '1' }, 'status', 'cannot become'],
    [{ status: 'given', version: '1' }, 'status', 'Choose what has happened from the list'],
    [{ status: '', version: '1' }, 'status', 'Choose what has happened with the referral'],
    [{ status: 'accepted', version: '1', note: 'n'.repeat(1001) }, 'note', 'The note must be 1000 characters or fewer'],
    [{ status: 'accepted', version: '1', outcome: 'o'.repeat(1001) }, 'outcome', 'What came of it must be 1000 characters or fewer'],
  ]) {
    r = await lw.post(`/referrals/${id}/status`, { csrf, ...form2 });
    assert.equal(r.status, 400, JSON.stringify(form2).slice(0, 60));
    assert.match(r.text, new RegExp(`href="#${field}">[^<]*${msg}`));
  }
  assert.equal(q(`select status, version from service_referral where id = ${id}`), 'sent|1');
  assert.equal(count(`service_referral_event where referral_id = ${id}`), ev, 'nothing written');
  // accepted, then did not attend, then referred again, accepted, attended.
  const steps = [['accepted', 'Volunteer matched'], ['did_not_attend', 'No answer to two calls'], ['sent', 'Asked again with a new time'],
    ['accepted', ''], ['attended', 'Enjoys the calls; wants to carry on']];
  let version = 1;
  for (const [to, note] of steps) {
    r = await lw.post(`/referrals/${id}/status`, { csrf, status: to, note, outcome: to === 'attended' ? note : '', version: String(version) });
    assert.equal(r.status, 303, to);
    version++;
  }
  assert.equal(q(`select status, version, outcome from service_referral where id = ${id}`), `attended|6|Enjoys the calls; wants to carry on`);
  assert.equal(q(`select group_concat(ifnull(from_status, '-') || '>' || to_status, ' ') from (select * from service_referral_event where referral_id = ${id} order by id)`),
    '->sent sent>accepted accepted>did_not_attend did_not_attend>sent sent>accepted accepted>attended');
  assert.equal(count(`audit where action = 'referral.status' and object_id = ${id}`), 5);
  page = await lw.get(`/referrals/${id}`);
  assert.match(page.text, /This referral is finished/);
  assert.match(page.text, /No answer to two calls/);
  // A stale version is refused with the page as it is now.
  r = await lw.post(`/referrals/${id}/status`, { csrf, status: 'accepted', version: '2' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Someone else changed this referral/);
  assert.equal(q(`select version from service_referral where id = ${id}`), '6');
});

test('the worklist groups open referrals and recent outcomes, oldest waiting first', async () => {
  const lw = await as('link.lopez');
  // An old referral waiting 12 days, one accepted, one who did not attend.
  const base = Number(q(`select max(id) from service_referral`));
  const mk = (svc, status, daysAgo) => q(`insert into service_referral(episode_id, service_id, kind, reason, referral_date, status, created_by, created_ms, status_ms)
    values (${EP}, ${svc}, 'referral', 'fixture', '${inDays(-daysAgo)}', '${status}', ${LOPEZ}, ${Date.now() - daysAgo * 86400000}, ${Date.now() - daysAgo * 86400000})`);
  mk(SVC.money, 'sent', 12);
  mk(SVC.lunch, 'accepted', 3);
  mk(SVC.walk, 'did_not_attend', 5);
  const before = count(`audit where action = 'worklist.read' and reason = 'referrals'`);
  const page = await lw.get('/referrals');
  assert.equal(page.status, 200);
  assert.equal(count(`audit where action = 'worklist.read' and reason = 'referrals'`), before + 1);
  const part = (id) => page.text.split(`<h2 id="${id}">`)[1].split('<h2')[0];
  assert.match(part('waiting'), /Money and Benefits Advice[\s\S]*<td class="nhsuk-table__cell">12<\/td>/);
  assert.ok(part('waiting').indexOf('Money and Benefits') < part('waiting').indexOf('Walkers'), 'oldest waiting first');
  assert.match(part('accepted'), /St Anne&#39;s Lunch Club/);
  assert.match(part('did-not-attend'), /Riverside Wednesday Walkers/);
  assert.match(part('outcomes'), /Phone Friends[\s\S]*Enjoys the calls/);
  assert.ok(base > 0);
  // A person who withholds their goals and actions from the team leaves it.
  const me = await as('person');
  const sharing = await me.get('/my/sharing');
  const form = new URLSearchParams();
  for (const m of sharing.text.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    const name = m[1];
    const value = (tag.match(/value="([^"]*)"/) || [])[1] ?? '';
    if (/type="checkbox"/.test(tag)) {
      if (/ checked/.test(tag) && !/^a\.goals\.(team|health|social)$/.test(name)) form.append(name, value);
    } else form.append(name, value);
  }
  assert.equal((await me.post('/my/sharing', form.toString())).status, 303);
  const after2 = await lw.get('/referrals');
  assert.doesNotMatch(after2.text, /Margaret Hughes/);
  // And her referral pages are refused as not shared.
  const id = Number(q(`select max(id) from service_referral`));
  const refused = await lw.get(`/referrals/${id}`);
  assert.equal(refused.status, 404);
  assert.equal((await lw.get(`/episodes/${EP}/services`)).status, 404);
  q(`delete from share_setting where person_id = ${PERSON} and section = 'goals'`);
  assert.equal((await lw.get(`/referrals/${id}`)).status, 200);
});

let n = 0;
async function fetchFile(c, path) {
  const res = await fetch(srv.url + path, { redirect: 'manual', headers: { cookie: c.cookieHeader() } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const file = join(dir, `p${++n}.pdf`);
  writeFileSync(file, bytes);
  return { status: res.status, headers: res.headers, bytes, file, text: bytes.toString('utf8') };
}
const pdfText = (file) => {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, ' ');
};

test('the activities pack is a PDF in plain words: name and date, then each service; audited', async () => {
  const lw = await as('link.lopez');
  const before = audits('pack.print');
  const f = await fetchFile(lw, `/episodes/${EP}/activities-pack.pdf?service=${SVC.walk}&service=${SVC.lunch}&service=${SVC.befriend}&service=${SVC.walk}`);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'application/pdf');
  assert.equal(f.bytes.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(f.file);
  const day = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  for (const part of [
    'Local activities and services for you', `Made for Maggie Hughes on ${day}.`,
    'Riverside Wednesday Walkers', 'What it is', 'gentle walks of about an hour', 'Run by Kingsmead Walking for Health (test)',
    'Where Riverside Park gates, Mill Lane, Kingsmead, KM1 2AB', 'When Every week on Wednesday, 10:00 to 11:00',
    'What it costs Free', 'How to get in touch Phone: 01632 960001', 'Jan Morris (walk leader): 01632 960001',
    "St Anne's Lunch Club", 'Every week on Tuesday, 12:00 to 14:00', '£4.50 for lunch and a hot drink',
    'Phone Friends', 'Ask the service where to go.', 'A time that suits you, once a week',
  ]) assert.ok(text.includes(part), `the pack says "${part}"\n${text.slice(0, 1500)}`);
  assert.equal(text.split('Riverside Wednesday Walkers').length - 1 >= 1, true);
  assert.equal(audits('pack.print'), before + 1);
  assert.equal(q(`select reason from audit where action = 'pack.print' order by id desc limit 1`), '3 services');
  // Nothing chosen, a word for an id, a service that is not there: the page says why, nothing audited.
  for (const query of ['', '?service=abc', '?service=999999']) {
    const r = await lw.get(`/episodes/${EP}/activities-pack.pdf${query}`);
    assert.equal(r.status, 400, query);
    assert.match(r.text, /There is a problem/);
  }
  assert.equal(audits('pack.print'), before + 1);
  const many = Array.from({ length: 21 }, () => `service=${SVC.walk}`).join('&');
  assert.equal((await lw.get(`/episodes/${EP}/activities-pack.pdf?${many}`)).status, 400);
});

test('roles without referrals are refused; someone outside the team is refused the person', async () => {
  for (const login of ['person', 'carer', 'admin', 'commissioner']) {
    const c = await as(login);
    const r = await c.get('/referrals');
    assert.equal(r.status, 403, login);
  }
  const r = await (await as('carer')).get(`/episodes/${EP}/services`);
  assert.equal(r.status, 403);
  // An ended episode: the search says so, and nothing can be made from it.
  const lw = await as('link.lopez');
  const ended = Number(q(`select e.id from episode e join person p on p.id = e.person_id
    where e.stage in ('discharged', 'closed') and p.team_id = (select team_id from users where username = 'link.lopez')
    and not exists (select 1 from episode o where o.person_id = e.person_id and o.stage not in ('discharged', 'closed'))
    limit 1`));
  assert.ok(ended > 0, 'fixture: an ended episode');
  // She is in its care team (a period not ended), so she may read it.
  q(`insert into care_team_member(episode_id, user_id, role, from_date) values (${ended}, ${LOPEZ}, 'Link worker', '2026-01-01')`);
  const page = await lw.get(`/episodes/${ended}/services?q=walk`);
  assert.equal(page.status, 200);
  {
    assert.match(page.text, /This episode has ended/);
    assert.doesNotMatch(page.text, /Signpost: record/);
    const n = count('service_referral');
    const r2 = await lw.post(`/episodes/${ended}/referrals/new`, { csrf: csrfOf(page.text), kind: 'signpost', service: SVC.walk });
    assert.equal(r2.status, 409);
    assert.match(r2.text, /This episode has ended/);
    assert.equal(count('service_referral'), n);
  }
});
