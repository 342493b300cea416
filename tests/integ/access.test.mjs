// access.test.mjs - letting people and carers into Careplan over HTTP: a key
// worker makes invitations (a carer's needs the person's agreement), the
// letter shows the code once, the code makes a login once and signs them in,
// wrong, used and expired codes are refused and audited, and a person
// withdraws a carer's access with effect at the carer's next request.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after, { args: ['--public-url', 'https://careplan.example.org'] });
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const audits = (action) => count(`audit where action = '${action}'`);
const PW = 'plum-orbit-canal-42';

async function as(login) {
  const c = new Client(srv.url);
  const r = await c.signIn(login);
  assert.equal(r.status, 303, `${login} signs in`);
  return c;
}

async function csrfOf(c, path) {
  const t = Client.csrfOf((await c.get(path)).text);
  assert.ok(t, `${path} carries a CSRF token`);
  return t;
}

const codeOf = (html) => (html.match(/<p class="cp-code"><strong>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</) ?? [])[1];

async function redeem(form) {
  const c = new Client(srv.url);
  const csrf = await csrfOf(c, '/invitation');
  const r = await c.post('/invitation', { csrf, ...form });
  return { c, r };
}

// A person with a carer contact who has no login, and a person with no login.
const carerRow = q(`select k.person_id || '|' || k.id || '|' || k.name from contact k
  where k.is_carer and k.user_id is null and k.person_id <> 1 order by k.id limit 1`).split('|');
const [carerPerson, carerContact, carerName] = [Number(carerRow[0]), Number(carerRow[1]), carerRow[2]];
const lonePerson = Number(q(`select id from person where id not in (select person_id from users where person_id is not null)
  and id <> ${carerPerson} order by id limit 1`));

test('the access page shows who has a login and which carers can see the plan', async () => {
  const kw = await as('keyworker');
  const r = await kw.get('/people/1/access');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Access to Careplan<\/h1>/);
  assert.match(r.text, /Margaret Hughes has a login\./);
  assert.match(r.text, /David Hughes<\/td><td class="nhsuk-table__cell">Can see the plan/);
  assert.equal(q(`select reason from audit where action = 'person.read' order by id desc limit 1`), 'access page');
  const page = await kw.get('/people/1');
  assert.match(page.text, /href="\/people\/1\/access">Access to Careplan/);
});

test('a carer invitation needs the person\'s agreement; the letter shows the code once', async () => {
  const kw = await as('keyworker');
  const before = count('invitation');
  const grantsBefore = audits('grant.create');
  const csrf = await csrfOf(kw, `/people/${carerPerson}/access`);
  const nobody = await kw.post(`/people/${carerPerson}/invitations`, { csrf });
  assert.equal(nobody.status, 400);
  assert.match(nobody.text, /href="#kind">Choose who the invitation is for/);
  const noAgreement = await kw.post(`/people/${carerPerson}/invitations`, { csrf, who: `carer-${carerContact}` });
  assert.equal(noAgreement.status, 400);
  assert.match(noAgreement.text, /href="#agreed">Confirm that the person agrees/);
  assert.match(noAgreement.text, new RegExp(`value="carer-${carerContact}" checked`), 'the choice is kept');
  // Someone else's contact is not one of theirs.
  const other = Number(q(`select id from contact where person_id <> ${carerPerson} and is_carer order by id limit 1`));
  const forged = await kw.post(`/people/${carerPerson}/invitations`, { csrf, who: `carer-${other}`, agreed: 'yes' });
  assert.equal(forged.status, 400);
  assert.equal(count('invitation'), before, 'refused forms write nothing');

  const ok = await kw.post(`/people/${carerPerson}/invitations`, { csrf, who: `carer-${carerContact}`, agreed: 'yes' });
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('cache-control') ?? '', /no-store/);
  const code = codeOf(ok.text);
  assert.ok(code, 'the letter shows the code');
  assert.match(ok.text, /https:\/\/careplan\.example\.org\/invitation/);
  assert.match(ok.text, new RegExp(`Dear ${carerName},`));
  assert.equal(count('invitation'), before + 1);
  // Only a hash is kept, and the audit trail never holds the code.
  assert.equal(count(`invitation where hex(code_hash) like '%${Buffer.from(code).toString('hex').toUpperCase()}%'`), 0);
  assert.equal(count(`audit where reason like '%${code}%'`), 0);
  assert.equal(audits('invitation.create'), 1);
  // The access page now lists it as waiting, without the code.
  const page = await kw.get(`/people/${carerPerson}/access`);
  assert.match(page.text, /waiting, works until/);
  assert.doesNotMatch(page.text, new RegExp(code));

  // The carer uses it: a wrong confirmation first, then the real thing.
  const mismatch = await redeem({ code, username: 'carer.new', password: PW, confirm: 'something-else-entirely' });
  assert.equal(mismatch.r.status, 400);
  assert.match(mismatch.r.text, /href="#confirm">The two passwords are not the same/);
  assert.match(mismatch.r.text, new RegExp(`value="${code}"`), 'the code is kept');
  assert.equal(count(`users where username = 'carer.new'`), 0);

  const used = await redeem({ code: code.toLowerCase().replaceAll('-', ' '), username: 'carer.new', password: PW, confirm: PW });
  assert.equal(used.r.status, 303);
  assert.equal(used.r.headers.get('location'), '/');
  const home = await used.c.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /People you care for/);
  const personName = q(`select given_name || ' ' || family_name from person where id = ${carerPerson}`);
  assert.ok(home.text.includes(personName), 'the carer sees the person who granted access');
  assert.equal(q(`select role from users where username = 'carer.new'`), 'carer');
  assert.equal(count(`carer_grant where person_id = ${carerPerson} and withdrawn_ms = 0`), 1);
  assert.equal(audits('invitation.use'), 1);
  assert.equal(audits('grant.create'), grantsBefore + 1);

  // Used once only.
  const again = await redeem({ code, username: 'carer.two', password: PW, confirm: PW });
  assert.equal(again.r.status, 400);
  assert.match(again.r.text, /already been used/);
  assert.equal(count(`users where username = 'carer.two'`), 0);
  assert.equal(audits('invitation.refused'), 1);
});

test('a person makes their own login; wrong and expired codes are refused and audited', async () => {
  const kw = await as('keyworker');
  const csrf = await csrfOf(kw, `/people/${lonePerson}/access`);
  const ok = await kw.post(`/people/${lonePerson}/invitations`, { csrf, who: 'person' });
  assert.equal(ok.status, 200);
  const code = codeOf(ok.text);
  const refused = audits('invitation.refused');

  const wrong = await redeem({ code: 'ABCD-EFGH-JKLM', username: 'me.myself', password: PW, confirm: PW });
  assert.equal(wrong.r.status, 400);
  assert.match(wrong.r.text, /This invitation code is not right/);
  const malformed = await redeem({ code: 'hello', username: 'me.myself', password: PW, confirm: PW });
  assert.equal(malformed.r.status, 400);
  assert.match(malformed.r.text, /12 letters and numbers/);
  assert.equal(audits('invitation.refused'), refused + 1, 'a well-formed wrong code is audited');

  // Expired: the same code after its 14 days.
  q(`update invitation set expires_ms = 1 where person_id = ${lonePerson}`);
  const expired = await redeem({ code, username: 'me.myself', password: PW, confirm: PW });
  assert.equal(expired.r.status, 400);
  assert.match(expired.r.text, /has expired/);
  assert.equal(count(`users where username = 'me.myself'`), 0);
  q(`update invitation set expires_ms = 9999999999999 where person_id = ${lonePerson}`);

  const made = await redeem({ code, username: 'me.myself', password: PW, confirm: PW });
  assert.equal(made.r.status, 303);
  const home = await made.c.get('/');
  assert.match(home.text, /Your record/);
  // The same code again: used, refused, audited, no second login.
  const users = count('users');
  const refusedNow = audits('invitation.refused');
  const reused = await redeem({ code, username: 'me.again', password: PW, confirm: PW });
  assert.equal(reused.r.status, 400);
  assert.match(reused.r.text, /already been used/);
  assert.equal(count('users'), users);
  assert.equal(audits('invitation.refused'), refusedNow + 1);
  assert.equal(Number(q(`select person_id from users where username = 'me.myself'`)), lonePerson);
  // She has a login now: no second invitation for her.
  const second = await kw.post(`/people/${lonePerson}/invitations`, { csrf, who: 'person' });
  assert.equal(second.status, 400);
  assert.match(second.text, /already have a login/);
});

test('a person withdraws a carer\'s access and it takes effect at once', async () => {
  const carer = await as('carer');
  assert.match((await carer.get('/')).text, /Margaret Hughes/);
  const margaret = await as('person');
  const page = await margaret.get('/my/access');
  assert.equal(page.status, 200);
  assert.match(page.text, /David Hughes/);
  const grant = Number(q(`select id from carer_grant where person_id = 1 and withdrawn_ms = 0`));
  const csrf = Client.csrfOf(page.text);

  // Another person's grant cannot be withdrawn from here.
  const other = Number(q(`select id from carer_grant where person_id <> 1 and withdrawn_ms = 0 limit 1`));
  const refusedBefore = audits('grant.refused');
  const forged = await margaret.post('/my/access/withdraw', { csrf, grant: String(other) });
  assert.equal(forged.status, 404);
  assert.match(forged.text, /no such access to withdraw/);
  assert.equal(count(`carer_grant where id = ${other} and withdrawn_ms = 0`), 1);
  assert.equal(audits('grant.refused'), refusedBefore + 1, 'a forged grant id is audited');
  assert.equal(Number(q(`select person_id from audit where action = 'grant.refused' order by id desc limit 1`)), 1);

  const r = await margaret.post('/my/access/withdraw', { csrf, grant: String(grant) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/my/access?done=withdrawn');
  assert.match((await margaret.get('/my/access?done=withdrawn')).text, /can no longer see your plan/);
  // David's session carries on, but Margaret is gone from it.
  const after = await carer.get('/');
  assert.equal(after.status, 200);
  assert.doesNotMatch(after.text, /Margaret Hughes/);
  assert.equal(q(`select role from audit where action = 'grant.withdraw' order by id desc limit 1`), 'person');
  // Professionals cannot use the person's page; carers cannot use the team's.
  const kw = await as('keyworker');
  assert.equal((await kw.get('/my/access')).status, 403);
  // David's grant is gone: Margaret's record is not there for him at all.
  assert.equal((await carer.get('/people/1/access')).status, 404);
});

test('a person sees who has seen or changed their record, in plain words, a page at a time', async () => {
  const kw = await as('keyworker');
  assert.equal((await kw.get('/people/1')).status, 200);
  const margaret = await as('person');
  const home = await margaret.get('/');
  assert.match(home.text, /href="\/my\/record-log">Who has seen or changed my record/);
  const reads = audits('record_log.read');
  const page = await margaret.get('/my/record-log');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Who has seen or changed my record<\/h1>/);
  assert.match(page.text, /Sam Okafor \(Key worker\)<\/td><td class="nhsuk-table__cell">looked at your details/);
  assert.match(page.text, /Careplan \(the system itself\)<\/td><td class="nhsuk-table__cell">/);
  assert.match(page.text, /You<\/td><td class="nhsuk-table__cell">stopped a carer seeing your plan/);
  assert.equal(audits('record_log.read'), reads + 1, 'reading the list is audited');
  // No codes, ids or other people's rows.
  assert.doesNotMatch(page.text, /person\.read|episode\.read/);
  const rows = Number(q(`select count(*) from audit where person_id = 1`));
  const shown = (page.text.match(/<tr class="nhsuk-table__row"><td/g) ?? []).length;
  assert.equal(shown, Math.min(rows - 1, 50));
  if (rows - 1 > 50) {
    const older = page.text.match(/href="\/my\/record-log\?before=(\d+)"/);
    assert.ok(older, 'a link to older entries');
    const next = await margaret.get(`/my/record-log?before=${older[1]}`);
    assert.equal(next.status, 200);
    assert.match(next.text, /Back to the newest/);
  }
  assert.equal((await margaret.get('/my/record-log?before=x')).status, 400);
  assert.equal((await kw.get('/my/record-log')).status, 403);
  assert.equal((await (await as('carer')).get('/my/record-log')).status, 403);
});

test('a carer sees the record log of the parts they may see, and nothing once the grant is gone', async () => {
  // David's grant was withdrawn above: Margaret lets him in again.
  const david = Number(q(`select id from users where username = 'carer'`));
  q(`insert into carer_grant(person_id, carer_user_id, granted_ms) values (1, ${david}, ${Date.now()})`);
  const kw = await as('keyworker');
  const ep = Number(q(`select id from episode where person_id = 1 and stage = 'active'`));
  assert.equal((await kw.get(`/episodes/${ep}/plan`)).status, 200);
  assert.ok(audits('assessment.medicine.add') + audits('assessment.read') > 0, 'fixture: medicine or assessment rows exist');
  const carer = await as('carer');
  const front = await carer.get('/cared-for/1');
  assert.match(front.text, /href="\/cared-for\/1\/record-log">Who has seen or changed the record/);
  const reads = audits('record_log.read');
  const page = await carer.get('/cared-for/1/record-log');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Who has seen or changed Maggie(&#39;|')s record<\/h1>/, 'her preferred name');
  assert.match(page.text, /looked at your care plan/, 'the plan is shared with carers by default');
  // Not shared with a carer by default: medicines, the assessment, the team's notes; and the person's own business.
  assert.doesNotMatch(page.text, /added a medicine|looked at your assessment|recorded a visit|stopped a carer seeing your plan/);
  assert.equal(audits('record_log.read'), reads + 1);
  assert.equal(q(`select person_id from audit where action = 'record_log.read' order by id desc limit 1`), '1');
  // Margaret's own list still has all of it.
  const own = await (await as('person')).get('/my/record-log');
  assert.match(own.text, /stopped a carer seeing your plan/);
  // Another person's log is not there for David; after withdrawal, neither is Margaret's.
  const other = await carer.get('/cared-for/2/record-log');
  assert.equal(other.status, 404);
  // Withdrawn while David is signed in: his next request finds nothing, and the try is audited.
  q(`update carer_grant set withdrawn_ms = ${Date.now()} where person_id = 1 and carer_user_id = ${david} and withdrawn_ms = 0`);
  const tried = count(`audit where action = 'access.refused' and person_id = 1 and user_id = ${david}`);
  const gone = await carer.get('/cared-for/1/record-log');
  assert.equal(gone.status, 404);
  assert.doesNotMatch(gone.text, /Maggie|Margaret/);
  assert.equal(count(`audit where action = 'access.refused' and person_id = 1 and user_id = ${david}`), tried + 1);
  assert.equal((await kw.get('/cared-for/1/record-log')).status, 403);
});
