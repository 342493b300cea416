// sharing.test.mjs - consent-based sharing over HTTP: the person's own
// settings page and the team's, each read audited; a save writes the
// settings, their history and one audit row, or nothing at all when the
// agreement is not ticked, the form is stale or names a box the page never
// draws (an unknown part or audience, a carer without a live permission).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const audits = (action) => count(`audit where action = '${action}'`);

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

const carer = Number(q(`select id from users where username = 'carer'`));
const versionOf = (html) => (html.match(/name="version" value="(\d+)"/) ?? [])[1];

// Every box of a page as drawn: name -> ticked.
function boxes(html) {
  const out = {};
  for (const m of html.matchAll(/<input class="nhsuk-checkboxes__input" id="[^"]*" name="([^"]*)" type="checkbox" value="yes"( checked)?>/g))
    out[m[1]] = Boolean(m[2]);
  return out;
}
function formOf(html, change = {}) {
  const b = { ...boxes(html), ...change };
  const f = { csrf: Client.csrfOf(html), version: versionOf(html) };
  for (const [k, v] of Object.entries(b)) if (v && k !== 'agreed') f[k] = 'yes';
  return f;
}

test('the person sees every part with who may see it, named carers as their own boxes, audited', async () => {
  const me = await as('person');
  const before = audits('share.read');
  const r = await me.get('/my/sharing');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Who can see each part of my plan<\/h1>/);
  assert.match(r.text, /Service plan and charges/);
  assert.match(r.text, /You can always see this part: it is your plan\./);
  const b = boxes(r.text);
  // The documented defaults: service plan for social care staff only.
  assert.equal(b['a.service_plan.social'], true);
  assert.equal(b['a.service_plan.team'], false);
  assert.equal(b['a.service_plan.health'], false);
  assert.equal(b['a.notes.person'], false);
  assert.equal(b['a.assessment.person'], undefined, 'the person\'s own box is fixed on, not drawn');
  assert.equal(b[`c.goals.${carer}`], true, 'David Hughes is a column of his own');
  assert.equal(b[`c.budget.${carer}`], false);
  assert.match(r.text, /David Hughes, your carer/);
  assert.match(r.text, /Nobody has changed these settings yet/);
  assert.equal(audits('share.read'), before + 1);
  const home = await me.get('/');
  assert.match(home.text, /href="\/my\/sharing"/);
});

test('the person turns the budget on for David alone and the notes on for themself; history shows it', async () => {
  const me = await as('person');
  const page = await me.get('/my/sharing');
  const changes = audits('share.change');
  const r = await me.post('/my/sharing', formOf(page.text, { [`c.budget.${carer}`]: true, 'a.notes.person': true }));
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/my/sharing?done=saved');
  assert.equal(audits('share.change'), changes + 1);
  assert.equal(count(`share_carer where carer_user_id = ${carer} and section = 'budget' and allowed = 1`), 1);
  assert.equal(Number(q(`select audiences from share_setting where person_id = 1 and section = 'notes'`)), 1 | 16);
  const again = await me.get('/my/sharing?done=saved');
  assert.match(again.text, /Saved\. The change works straight away\./);
  assert.match(again.text, /David Hughes: may see it/);
  assert.match(again.text, /Team notes/);
  // The same form again changes nothing and says so.
  const same = await me.post('/my/sharing', formOf(again.text));
  assert.equal(same.headers.get('location'), '/my/sharing?done=same');
  assert.equal(audits('share.change'), changes + 1);
});

test('a stale form, an unknown part or audience, or a carer without permission: a clear message, nothing written', async () => {
  const me = await as('person');
  const page = await me.get('/my/sharing');
  const hist = count('share_history');
  const refused = audits('share.refused');
  const stale = await me.post('/my/sharing', { ...formOf(page.text), version: '0' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /changed by someone else after you opened this page/);
  const bad = await me.post('/my/sharing', formOf(page.text, { 'a.secrets.team': true }));
  assert.equal(bad.status, 400);
  assert.match(bad.text, /The form named a setting this page does not have \(&quot;a\.secrets\.team&quot;\)/);
  const aud = await me.post('/my/sharing', formOf(page.text, { 'a.goals.everyone': true }));
  assert.equal(aud.status, 400);
  assert.match(aud.text, /a\.goals\.everyone/);
  const kw = Number(q(`select id from users where username = 'keyworker'`));
  const forged = await me.post('/my/sharing', formOf(page.text, { [`c.budget.${kw}`]: true }));
  assert.equal(forged.status, 400);
  assert.match(forged.text, /a carer who cannot see this plan/);
  assert.equal(count('share_history'), hist);
  assert.equal(audits('share.refused'), refused + 3);
  const bare = await me.post('/my/sharing', { csrf: Client.csrfOf(page.text) });
  assert.equal(bare.status, 400);
  assert.match(bare.text, /did not say which version/);
});

test('the key worker records what the person agreed, and must tick that they agreed it', async () => {
  const kw = await as('keyworker');
  const page = await kw.get('/people/1/sharing');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Who can see each part of Margaret Hughes(&#39;|')s plan<\/h1>/);
  assert.match(page.text, /I have agreed this with Margaret Hughes/);
  const hist = count('share_history');
  const missing = await kw.post('/people/1/sharing', formOf(page.text, { 'a.budget.team': false, 'a.budget.social': true }));
  assert.equal(missing.status, 400);
  assert.match(missing.text, /href="#agreed">Tick &quot;I have agreed this with Margaret Hughes&quot;/);
  assert.equal(boxes(missing.text)['a.budget.social'], true, 'what was ticked is kept');
  assert.equal(count('share_history'), hist);
  const ok = await kw.post('/people/1/sharing', { ...formOf(page.text, { 'a.budget.team': false, 'a.budget.social': true }), agreed: 'yes' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/people/1/sharing?done=saved');
  assert.equal(Number(q(`select audiences from share_setting where person_id = 1 and section = 'budget'`)), 1 | 8);
  assert.equal(q(`select reason from audit where action = 'share.change' order by id desc limit 1`), 'agreed with the person');
  const person = await kw.get('/people/1');
  assert.match(person.text, /href="\/people\/1\/sharing"/);
  // The person sees who changed it.
  const me = await as('person');
  const mine = await me.get('/my/sharing');
  assert.match(mine.text, /Sam Okafor/);
});

test('a carer and someone outside the care team cannot open the settings', async () => {
  const c = await as('carer');
  assert.equal((await c.get('/my/sharing')).status, 403);
  assert.equal((await c.get('/people/1/sharing')).status, 403);
  const lone = Number(q(`select id from person where id not in (select e.person_id from episode e join care_team_member m on m.episode_id = e.id join users u on u.id = m.user_id where u.username = 'keyworker') and team_id is not (select team_id from users where username = 'keyworker') limit 1`) || 0);
  if (lone) {
    const kw = await as('keyworker');
    assert.equal((await kw.get(`/people/${lone}/sharing`)).status, 403);
  }
  const kw = await as('keyworker');
  assert.equal((await kw.get('/people/99999/sharing')).status, 404);
});

// ---- enforcement: what a reader may not see is not on the page at all ----

const ep = Number(q(`select id from episode where person_id = 1 and stage = 'active'`));
const latest = Number(q(`select version from care_plan where episode_id = ${ep}`));

test('a health professional in the care team cannot see the service plan and charges; a social worker can', async () => {
  const gp = await as('gp.carter');
  const sw = await as('social.walsh');
  for (const path of [`/episodes/${ep}/plan`, `/episodes/${ep}/plan/compare?from=1&to=${latest}`]) {
    const hidden = await gp.get(path);
    assert.equal(hidden.status, 200, path);
    assert.doesNotMatch(hidden.text, /Service plan and charges|45 minutes every morning|£42\.50|section=service|#service"/, `${path}: nothing of it`);
    const shown = await sw.get(path);
    assert.match(shown.text, /Service plan and charges/, path);
    assert.match(shown.text, /45 minutes every morning/, path);
  }
  assert.match((await sw.get(`/episodes/${ep}/plan`)).text, /£42\.50/);
  // The social worker may add to it; the GP may not even open its form.
  assert.equal((await gp.get(`/episodes/${ep}/plan/edit?section=service`)).status, 404);
  assert.equal((await sw.get(`/episodes/${ep}/plan/edit?section=service`)).status, 200);
});

test('a change to a hidden section is refused in plain words, audited, and writes nothing', async () => {
  const gp = await as('gp.carter');
  const page = await gp.get(`/episodes/${ep}/plan`);
  const csrf = Client.csrfOf(page.text);
  const version = q(`select version from care_plan where episode_id = ${ep}`);
  const items = count('plan_item');
  const hidden = audits('share.hidden');
  const r = await gp.post(`/episodes/${ep}/plan/edit`, { csrf, section: 'service', item: '', plan_version: version,
    service_what: 'Extra night sitting', service_provider: 'Agency', service_hours: 'Every night', service_charge: '10.00' });
  assert.equal(r.status, 404);
  assert.match(r.text, /this part of the plan is not shared with you\. Nothing was saved\./);
  const item = q(`select id from plan_item where section = 'service' limit 1`);
  const rm = await gp.post(`/episodes/${ep}/plan/remove`, { csrf, item, plan_version: version });
  assert.equal(rm.status, 404);
  assert.equal(count('plan_item'), items);
  assert.equal(q(`select version from care_plan where episode_id = ${ep}`), version);
  assert.equal(audits('share.hidden'), hidden + 2);
});

test('after the person turns a section off for the team it leaves the plan and compare pages', async () => {
  const kw = await as('keyworker');
  assert.match((await kw.get(`/episodes/${ep}/plan`)).text, /<h2 id="contingency">Contingency plans<\/h2>/);
  const me = await as('person');
  const page = await me.get('/my/sharing');
  const r = await me.post('/my/sharing', formOf(page.text, { 'a.contingency.team': false }));
  assert.equal(r.status, 303);
  for (const path of [`/episodes/${ep}/plan`, `/episodes/${ep}/plan/compare?from=1&to=${latest}`]) {
    const t = (await kw.get(path)).text;
    assert.doesNotMatch(t, /Contingency plans|Getting back in touch quickly|A COPD flare-up|0117 496 0999|#contingency|#sos/, path);
  }
  // The budget, agreed above for the social care staff only, is gone too.
  assert.doesNotMatch((await kw.get(`/episodes/${ep}/plan`)).text, /Personal budget|Planned spending/);
  const sw = await as('social.walsh');
  assert.match((await sw.get(`/episodes/${ep}/plan`)).text, /Personal budget/);
});

// ---- finding a person: only the people in the searcher's care ----

test('a search lists only people in the searcher\'s care; anyone else only by exact NHS number, as not in their care', async () => {
  const PW = 'plum-orbit-canal-42';
  q(`insert into team(organisation_id, name) values (1, 'Faraway Team')`);
  const far = Number(q(`select id from team where name = 'Faraway Team'`));
  const { careplan } = await import('../lib/server.mjs');
  const added = careplan(['user', 'add', 'ot.far', '--role', 'professional', '--discipline', 'occupational_therapist',
    '--name', 'Olu Far', '--team', String(far), '--db', srv.db], { input: `${PW}\n` });
  assert.equal(added.status, 0, added.stderr);
  const ot = new Client(srv.url);
  assert.equal((await ot.signIn('ot.far', PW)).status, 303);
  const byName = await ot.get('/people?name=Hughes');
  assert.equal(byName.status, 200);
  assert.match(byName.text, /No one found/);
  assert.doesNotMatch(byName.text, /Margaret/);
  const byDob = await ot.get('/people?birth_date=1953-01-22');
  assert.match(byDob.text, /No one found/);
  const [postcode, phone] = q(`select postcode || '|' || phone from person where id = 1`).split('|');
  const seen = count(`audit where action = 'person.search' and person_id = 1`);
  const byNhs = await ot.get('/people?nhs_number=999+821+9132');
  assert.equal(count(`audit where action = 'person.search' and person_id = 1`), seen + 1, 'shown to the person in their record log');
  assert.equal(byNhs.status, 200);
  assert.match(byNhs.text, /1 person found/);
  assert.match(byNhs.text, /Hughes, Margaret<\/td>/);
  assert.match(byNhs.text, /22 January 1953/);
  assert.match(byNhs.text, /Not in your care/);
  assert.match(byNhs.text, /href="\/people\/1">ask for break-glass access/);
  assert.doesNotMatch(byNhs.text, /Maggie/);
  assert.ok(!byNhs.text.includes(postcode), 'no postcode');
  assert.ok(!byNhs.text.includes(phone), 'no phone');
  // The route leads to the break-glass form, not the record.
  const record = await ot.get('/people/1');
  assert.equal(record.status, 403);
  assert.match(record.text, /action="\/people\/1\/break-glass"/);

  // The key worker finds her by name, with her details and a link.
  const kw = await as('keyworker');
  const mine = await kw.get('/people?name=Hughes');
  assert.match(mine.text, /<a href="\/people\/1">Hughes, Margaret \(Maggie\)<\/a>/);
  assert.doesNotMatch(mine.text, /Not in your care/);
});

// ---- the assessment: withheld parts leave the page, and cannot be changed ----

test('the PHQ-9 item 9 warning and the questionnaires show only where they are shared', async () => {
  const kw = await as('keyworker');
  const base = `/episodes/${ep}/assessment`;
  const csrf = Client.csrfOf((await kw.get(base)).text);
  const today = new Date().toISOString().slice(0, 10);
  const r = await kw.post(`${base}/questionnaire`, { csrf, instrument: 'phq9', taken_date: today, item1: '2', item2: '2',
    item3: '1', item4: '1', item5: '1', item6: '1', item7: '1', item8: '0', item9: '2' });
  assert.equal(r.status, 303);
  assert.match((await kw.get(base)).text, /Safety: PHQ-9 item 9/);
  const me = await as('person');
  const page = await me.get('/my/sharing');
  assert.equal((await me.post('/my/sharing', formOf(page.text, { 'a.instruments.team': false, 'a.assessment.team': false }))).status, 303);
  const t = (await kw.get(base)).text;
  assert.doesNotMatch(t, /Safety: PHQ-9|Questionnaire results|PHQ-9|#questionnaires|Their story|Agreed outcomes|Professionals(&#39;|')? stories|Needs, risks and strengths|#story/);
  assert.match(t, /<h2 id="medicines">Medicines<\/h2>/, 'what is still shared stays');
  assert.equal((await kw.get(`${base}/questionnaires`)).status, 404);
  assert.equal((await kw.get(`${base}/story`)).status, 404);
  // The GP, whose view is the team's, sees the same; the person sees their own.
  assert.doesNotMatch((await (await as('gp.carter')).get(base)).text, /Their story/);
});

test('a change to a withheld part of the assessment is refused and writes nothing', async () => {
  const kw = await as('keyworker');
  const base = `/episodes/${ep}/assessment`;
  const csrf = Client.csrfOf((await kw.get(base)).text);
  const outcomes = count('assess_outcome');
  const results = count('assess_instrument');
  const hidden = audits('share.hidden');
  const o = await kw.post(`${base}/outcome`, { csrf, outcome: 'To walk to the shop', agreed_with: 'person' });
  assert.equal(o.status, 404);
  assert.match(o.text, /not shared with you\. Nothing was saved\./);
  const today = new Date().toISOString().slice(0, 10);
  const i = await kw.post(`${base}/questionnaire`, { csrf, instrument: 'ucla3', taken_date: today, item1: '1', item2: '1', item3: '1' });
  assert.equal(i.status, 404);
  assert.equal(count('assess_outcome'), outcomes);
  assert.equal(count('assess_instrument'), results);
  assert.equal(audits('share.hidden'), hidden + 2);
  // Medicines are still shared with the team: the key worker may add one.
  const m = await kw.post(`${base}/medicine`, { csrf, med_name: 'Paracetamol', med_dose: '1 g when needed' });
  assert.equal(m.status, 303);
});

test('a person who withholds their goals and plan leaves the plan sections of worklists: no name, no count', async () => {
  const kw = await as('keyworker');
  const sections = (html) => [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
  const before = (await kw.get('/worklist')).text;
  const team = (await kw.get('/worklist/team')).text;
  // Margaret's plan is on the lists now (her review or agreement).
  const planPart = (html) => html.split(/<h2[^>]*>/).filter((p) => /^(Reviews due|Overdue reviews|Plans not yet agreed)/.test(p)).join('');
  const hadMine = /Hughes/.test(planPart(before));
  const hadTeam = /Hughes/.test(planPart(team));
  assert.ok(hadMine || hadTeam, `Margaret is on a plan section first: ${sections(before)}`);
  const me = await as('person');
  const page = await me.get('/my/sharing');
  assert.equal((await me.post('/my/sharing', formOf(page.text, { 'a.goals.team': false, 'a.goals.health': false, 'a.goals.social': false }))).status, 303);
  assert.doesNotMatch(planPart((await kw.get('/worklist')).text), /Hughes/);
  assert.doesNotMatch(planPart((await kw.get('/worklist/team')).text), /Hughes/);
  // And the plan page has none of her goals.
  assert.doesNotMatch((await kw.get(`/episodes/${ep}/plan`)).text, /walk to the corner shop/);
});
