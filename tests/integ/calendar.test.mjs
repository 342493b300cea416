// calendar.test.mjs - calendar feeds and CSV downloads over HTTP: the
// person's feed made on /my/calendar, shown once, fetched without a session
// (text/calendar, no-store, CRLF, folded at 75 octets), parsed by node-ical
// (an independent parser) and expanded to the dates /my/timetable lists;
// renewing and revoking stop the old address at once (404, audited as a
// refused feed); a carer's feed without the goals section has no visits; a
// key worker's feed of reviews and check-ins; the worklists and action
// lists as CSV, with spreadsheet formulas neutralised.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import ical from 'node-ical';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

// Makes (or renews) a feed from the page at path; the feed's path.
async function makeFeed(c, path) {
  const page = await c.get(path);
  assert.equal(page.status, 200);
  const r = await c.post(path, { csrf: Client.csrfOf(page.text) });
  assert.equal(r.status, 200);
  assert.match(r.text, /It is\s+shown only this once/);
  const m = r.text.match(/id="calendar-url"[^>]*value="https?:\/\/[^"/]+(\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/);
  assert.ok(m, 'the new address is shown');
  const again = await c.get(path);
  assert.doesNotMatch(again.text, /\/calendar\/[A-Za-z0-9_-]{43}\.ics/, 'and not shown again');
  assert.match(again.text, /You have a calendar address, made on/);
  return m[1];
}

// Fetches a feed with no session at all; checks the wire format.
async function fetchFeed(path) {
  const res = await fetch(srv.url + path);
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, text };
  assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const bytes = Buffer.from(text, 'utf8');
  assert.ok(text.endsWith('\r\n'));
  assert.doesNotMatch(text, /[^\r]\n/, 'every line ends in CRLF');
  for (const line of bytes.toString('latin1').split('\r\n')) assert.ok(line.length <= 75, `a line of ${line.length} octets`);
  const parsed = ical.sync.parseICS(text);
  return { status: 200, text, parsed, events: Object.values(parsed).filter((e) => e.type === 'VEVENT') };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function londonText(d) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year} at ${parts.hour}:${parts.minute}`;
}
const unescape = (s) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('the person makes a feed; it parses in node-ical and expands to the dates the timetable lists', async () => {
  const me = await as('person');
  const creates = count(`audit where action = 'calendar.create' and person_id = 1`);
  const feed = await makeFeed(me, '/my/calendar');
  assert.equal(count(`audit where action = 'calendar.create' and person_id = 1`), creates + 1);
  assert.equal(count(`calendar_feed where token_hash = '${feed.slice(10, 53)}'`), 0, 'the token itself is not stored');
  const reads = count(`audit a join users u on u.id = a.user_id where a.action = 'calendar.read' and u.username = 'person'`);
  const f = await fetchFeed(feed);
  assert.equal(f.status, 200);
  assert.equal(count(`audit a join users u on u.id = a.user_id where a.action = 'calendar.read' and u.username = 'person'`), reads + 1,
    'opening the feed is audited against its owner');
  assert.equal(count(`audit where action = 'myplan.read' and reason = 'calendar feed' and person_id = 1`) >= 1, true);
  const visits = f.events.filter((e) => e.rrule);
  assert.ok(visits.length >= 3);
  for (const e of visits) assert.match(e.uid, /^visit-\d+@careplan\.invalid$/);
  assert.ok(f.events.some((e) => e.uid === 'plan-review-1@careplan.invalid' && e.datetype === 'date'));

  const page = await me.get('/my/timetable');
  const rows = [...page.text.matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">([^<]*)<\/td>.*?<\/tr>/g)];
  assert.ok(rows.length >= visits.length);
  const now = new Date();
  let compared = 0;
  for (const [row, what] of rows) {
    const listed = [...row.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => unescape(m[1]));
    const ev = visits.find((e) => e.summary === unescape(what));
    assert.ok(ev, `${what} is in the feed`);
    const got = ical.expandRecurringEvent(ev, { from: now, to: new Date(now.getTime() + 400 * 86400000) })
      .map((i) => i.start).filter((d) => d >= now).slice(0, listed.length);
    assert.deepEqual(got.map(londonText), listed, `${what}: the same next visits`);
    compared += listed.length;
  }
  assert.ok(compared >= 6, 'several visits compared');
});

test('renewing stops the old address at once; revoking stops the new one; both 404 and audited as refused', async () => {
  const me = await as('person');
  const old = await makeFeed(me, '/my/calendar');
  assert.equal((await fetchFeed(old)).status, 200);
  const renews = count(`audit where action = 'calendar.renew' and person_id = 1`);
  const fresh = await makeFeed(me, '/my/calendar');
  assert.notEqual(fresh, old);
  assert.equal(count(`audit where action = 'calendar.renew' and person_id = 1`), renews + 1);
  const refused = count(`audit where action = 'calendar.refused' and reason = 'revoked' and person_id = 1`);
  assert.equal((await fetchFeed(old)).status, 404);
  assert.equal(count(`audit where action = 'calendar.refused' and reason = 'revoked' and person_id = 1`), refused + 1);
  assert.equal((await fetchFeed(fresh)).status, 200);

  const page = await me.get('/my/calendar');
  const r = await me.post('/my/calendar/revoke', { csrf: Client.csrfOf(page.text) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/my/calendar?done=revoked');
  assert.match((await me.get('/my/calendar?done=revoked')).text, /The calendar address has been revoked/);
  assert.equal(count(`calendar_feed where person_id = 1 and owner_user_id = (select id from users where username = 'person') and revoked_ms = 0`), 0);
  assert.equal((await fetchFeed(fresh)).status, 404);
  assert.equal(count(`audit where action = 'calendar.refused' and reason = 'revoked' and person_id = 1`), refused + 2);
  // A token that names no feed: 404, nothing to audit against.
  const all = count('audit');
  assert.equal((await fetchFeed('/calendar/' + 'A'.repeat(43) + '.ics')).status, 404);
  assert.equal((await fetchFeed('/calendar/short.ics')).status, 404);
  assert.equal((await fetchFeed('/calendar/')).status, 404);
  assert.equal(count('audit'), all);
  // Without a session the management page is not open.
  assert.equal((await new Client(srv.url).get('/my/calendar')).status, 303);
  // The access log never holds the secret.
  assert.doesNotMatch(srv.logs(), new RegExp(fresh.slice(10, 53)));
});

test('a carer\'s feed follows what the person shares: no visits without the goals section, refused once access ends', async () => {
  const carer = await as('carer');
  const feed = await makeFeed(carer, '/cared-for/1/calendar');
  const f = await fetchFeed(feed);
  assert.ok(f.events.some((e) => e.rrule), 'goals shared: the visits are there');
  assert.match(f.text, /X-WR-CALNAME:Margaret's care plan/);
  const carerId = q(`select id from users where username = 'carer'`);
  q(`insert or replace into share_carer(person_id, section, carer_user_id, allowed, changed_by, changed_ms) values (1, 'goals', ${carerId}, 0, ${carerId}, 0)`);
  const hidden = await fetchFeed(feed);
  assert.equal(hidden.status, 200);
  assert.equal(hidden.events.length, 0, 'no visits and no review date');
  assert.doesNotMatch(hidden.text, /BEGIN:VEVENT/);
  assert.match((await carer.get('/cared-for/1/calendar')).text, /has not shared their goals and timetable with you/);
  q(`delete from share_carer where person_id = 1 and section = 'goals' and carer_user_id = ${carerId}`);
  // Another person's calendar page: 404 as for any other record.
  assert.equal((await carer.get('/cared-for/2/calendar')).status, 404);
  // Access withdrawn: the feed is refused and audited.
  const grant = q(`select id from carer_grant where person_id = 1 and carer_user_id = ${carerId} and withdrawn_ms = 0`);
  q(`update carer_grant set withdrawn_ms = 1 where id = ${grant}`);
  const before = count(`audit where action = 'calendar.refused' and reason = 'no access' and user_id = ${carerId}`);
  assert.equal((await fetchFeed(feed)).status, 404);
  assert.equal(count(`audit where action = 'calendar.refused' and reason = 'no access' and user_id = ${carerId}`), before + 1);
  q(`update carer_grant set withdrawn_ms = 0 where id = ${grant}`);
});

test('a key worker\'s feed has the reviews and check-ins due on their worklist', async () => {
  const kw = await as('keyworker');
  const feed = await makeFeed(kw, '/my-calendar');
  const f = await fetchFeed(feed);
  const wl = await kw.get('/worklist');
  const due = Number(wl.text.match(/data-count="due">(\d+)</)[1]);
  const overdue = Number(wl.text.match(/data-count="overdue">(\d+)</)[1]);
  const reviews = f.events.filter((e) => /^kw-review-\d+@careplan\.invalid$/.test(e.uid));
  assert.equal(reviews.length, due + overdue);
  assert.ok(reviews.every((e) => e.datetype === 'date' && /^Review/.test(e.summary)));
  assert.equal(count(`audit a join users u on u.id = a.user_id where a.action = 'worklist.read' and u.username = 'keyworker'`) >= 2, true);
  // The person's pages are not the key worker's.
  assert.equal((await kw.get('/my/calendar')).status, 403);
  assert.equal((await (await as('person')).get('/my-calendar')).status, 403);
  // A form from elsewhere (no CSRF token) makes nothing.
  const feeds = count('calendar_feed');
  assert.equal((await kw.post('/my-calendar', {})).status, 403);
  assert.equal(count('calendar_feed'), feeds);
});

test('worklists download as CSV with every row; formulas are neutralised; the download is audited', async () => {
  const kw = await as('keyworker');
  const reads = count(`audit where action = 'worklist.read'`);
  const r = await kw.get('/worklist.csv');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="my-worklist.csv"');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(count(`audit where action = 'worklist.read'`), reads + 1);
  const lines = r.text.split('\r\n');
  assert.equal(lines.pop(), '', 'ends in CRLF');
  assert.equal(lines[0], 'Section,Person,Person ID,Episode ID,Stage,Level,Key worker,Date,When');
  const page = await kw.get('/worklist');
  const total = [...page.text.matchAll(/data-count="[a-z-]+">(\d+)</g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.equal(lines.length - 1, total, 'a row for each row of each section');
  const only = await kw.get('/worklist.csv?section=overdue');
  assert.ok(only.text.split('\r\n').slice(1, -1).every((l) => l.startsWith('Overdue reviews,')));
  assert.equal((await kw.get('/worklist.csv?section=nope')).status, 400);
  const team = await kw.get('/worklist/team.csv');
  assert.equal(team.status, 200);
  assert.equal(team.headers.get('content-disposition'), 'attachment; filename="team-worklist.csv"');

  // A name that a spreadsheet would run as a formula arrives as text.
  const pid = Number(lines[1].split(',')[2]);
  const [given, family] = q(`select given_name || '|' || family_name from person where id = ${pid}`).split('|');
  q(`update person set given_name = '=HYPERLINK("http://evil.example","x")', family_name = '@SUM(1,2)' where id = ${pid}`);
  const evil = await kw.get('/worklist.csv');
  assert.match(evil.text, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\) @SUM\(1,2\)",/);
  assert.doesNotMatch(evil.text, /,=HYPERLINK|,"=HYPERLINK/);
  q(`update person set given_name = '${given.replace(/'/g, "''")}', family_name = '${family.replace(/'/g, "''")}' where id = ${pid}`);
  // Not a key worker's: the person is refused.
  assert.equal((await (await as('person')).get('/worklist.csv')).status, 403);
});

test('the person\'s actions and the team\'s plan actions download as CSV, within what the reader may see', async () => {
  const me = await as('person');
  const reads = count(`audit where action = 'myplan.read' and reason = 'actions csv'`);
  const r = await me.get('/my/actions.csv');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="my-actions.csv"');
  assert.equal(count(`audit where action = 'myplan.read' and reason = 'actions csv'`), reads + 1);
  assert.match(r.text, /^Goal,What will be done,Who does it,By when,How often,Status,Confidence \(0 to 10\)\r\n/);
  assert.match(r.text, /"Walk a little further each day, using the breathing exercises",The person,,Every day,In progress,7\r\n/);
  const plan = q(`select c.id from care_plan c join episode e on e.id = c.episode_id where e.person_id = 1 and e.stage = 'active'`);
  const goal = q(`select min(id) from plan_goal where plan_id = ${plan}`);
  q(`insert into plan_action(plan_id, goal_id, position, what, who_kind, status) values (${plan}, ${goal}, 98, '+44 call "now", then -1', 'person', 'not_started')`);
  const evil = await me.get('/my/actions.csv');
  assert.match(evil.text, /,"'\+44 call ""now"", then -1",/);
  q(`delete from plan_action where position = 98 and plan_id = ${plan}`);

  const ep = q(`select episode_id from care_plan where id = ${plan}`);
  const kw = await as('keyworker');
  const team = await kw.get(`/episodes/${ep}/plan/actions.csv`);
  assert.equal(team.status, 200);
  assert.equal(count(`audit where action = 'plan.read' and reason = 'actions csv'`) >= 1, true);
  assert.equal(team.text.split('\r\n').length, r.text.split('\r\n').length);
  // Goals withheld from the team: the file has only its headings.
  q(`insert or replace into share_setting(person_id, section, audiences, changed_by, changed_ms) values (1, 'goals', 1, NULL, 0)`);
  const hidden = await kw.get(`/episodes/${ep}/plan/actions.csv`);
  assert.equal(hidden.text, 'Goal,What will be done,Who does it,By when,How often,Status,Confidence (0 to 10)\r\n');
  q(`delete from share_setting where person_id = 1 and section = 'goals'`);
  assert.equal((await kw.get('/episodes/999999/plan/actions.csv')).status, 404);
});
