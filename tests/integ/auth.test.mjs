// auth.test.mjs - signing in and out, throttling, session expiry and CSRF,
// against the real server over HTTP.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client, DEMO_PASSWORD } from '../lib/server.mjs';
import { NodeClient, serve, sleep, sql } from './helpers.mjs';

const WRONG_PASSWORD = 'not-the-right-password-7';
const WRONG_MESSAGE = 'The username or password is not right';

const srv = await serve(after); // for the tests that do not trip throttling

// The Set-Cookie for cp_session in a response from Client or NodeClient.
function sessionCookie(r) {
  return r.headers.getSetCookie().find((c) => c.startsWith('cp_session=')) ?? null;
}

// "HH:MM" of ms since the epoch, in UTC, as the sign-in page writes it.
const hm = (ms) => new Date(ms).toISOString().slice(11, 16);

test('signing in redirects to / with an HttpOnly, SameSite=Strict session cookie', async () => {
  const c = new Client(srv.url);
  const r = await c.signIn('admin');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/');
  const cookie = sessionCookie(r);
  assert.ok(cookie, 'a cp_session cookie is set');
  assert.match(cookie, /^cp_session=[0-9a-f]{64};/);
  const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), cookie);
  assert.ok(attrs.includes('samesite=strict'), cookie);
  assert.ok(attrs.includes('path=/'), cookie);
  assert.ok(!attrs.includes('secure'), 'no Secure flag over plain HTTP');
});

test('the home page shows the signed-in user\'s name and role', async () => {
  for (const [login, name, role] of [['admin', 'Alex Morgan', 'Administrator'], ['keyworker', 'Sam Okafor', 'Key worker']]) {
    const c = new Client(srv.url);
    assert.equal((await c.signIn(login)).status, 303);
    const home = await c.get('/');
    assert.equal(home.status, 200);
    assert.match(home.text, new RegExp(`${name}\\s*\\(${role}\\)`));
  }
});

test('signing out destroys the session: the old cookie no longer works', async () => {
  const c = new Client(srv.url);
  await c.signIn('manager');
  const old = c.cookies.get('cp_session');
  const home = await c.get('/');
  assert.equal(home.status, 200);
  const csrf = Client.csrfOf(home.text);
  assert.ok(csrf);
  const hash = sql(srv.db, 'select count(*) from session');
  const out = await c.post('/logout', { csrf });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/login?signed_out=1');
  assert.match(sessionCookie(out), /^cp_session=;.*Max-Age=0/);
  assert.equal(Number(sql(srv.db, 'select count(*) from session')), Number(hash) - 1, 'the session row is deleted');
  assert.equal(sql(srv.db, 'select action from audit order by id desc limit 1'), 'signout');
  assert.match((await c.get('/login?signed_out=1')).text, /You have signed out/);

  // The old cookie, replayed, is refused.
  const replay = new Client(srv.url);
  replay.cookies.set('cp_session', old);
  const r = await replay.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login?ended=1');
  const again = await replay.post('/logout', { csrf });
  assert.equal(again.status, 403, 'a POST with the old cookie is not accepted either');
});

test('a wrong password gets a 401 page with the error and no session cookie', async () => {
  const c = new Client(srv.url);
  const r = await c.signIn('nurse.reid', WRONG_PASSWORD);
  assert.equal(r.status, 401);
  assert.match(r.text, new RegExp(WRONG_MESSAGE));
  assert.match(r.text, /<title>Error: Sign in/);
  assert.equal(sessionCookie(r), null);
  assert.equal(c.cookies.has('cp_session'), false);
  assert.equal((await c.get('/')).headers.get('location'), '/login');
});

test('an unknown username gets the same 401 message as a wrong password', async () => {
  const c = new Client(srv.url);
  const unknown = await c.signIn('nobody.here', WRONG_PASSWORD);
  const wrong = await c.signIn('pharm.kim', WRONG_PASSWORD);
  assert.equal(unknown.status, 401);
  assert.equal(sessionCookie(unknown), null);
  const msg = (t) => t.match(/<div class="nhsuk-error-summary__body">[\s\S]*?<\/div>/)[0];
  assert.equal(msg(unknown.text), msg(wrong.text));
  assert.equal(sql(srv.db, "select reason from audit where action='signin.failed' order by id desc limit 2"),
    'wrong password\nunknown username');
});

test('a POST without a csrf field, or with a wrong one, is 403 and changes nothing', async () => {
  const c = new Client(srv.url);
  await c.signIn('gp.carter');
  const good = Client.csrfOf((await c.get('/')).text);
  const before = sql(srv.db, 'select count(*) from session');

  const none = await c.post('/logout', {});
  assert.equal(none.status, 403);
  assert.match(none.text, /This form has expired or did not come from Careplan/);
  const wrong = await c.post('/logout', { csrf: good.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) });
  assert.equal(wrong.status, 403);
  const empty = await c.post('/logout', { csrf: '' });
  assert.equal(empty.status, 403);
  assert.equal(sql(srv.db, 'select count(*) from session'), before, 'no session was deleted');
  assert.equal((await c.get('/')).status, 200, 'the session is still alive');

  // The real token still works, so the 403s were about the token alone.
  assert.equal((await c.post('/logout', { csrf: good })).status, 303);
});

test('POST /login with a wrong or missing csrf is 403 and does not sign in', async () => {
  const c = new Client(srv.url);
  const page = await c.get('/login');
  const csrf = Client.csrfOf(page.text);
  assert.match(csrf, /^[0-9a-f]{64}$/);
  const signins = sql(srv.db, "select count(*) from audit where action='signin'");
  for (const form of [
    { username: 'admin', password: DEMO_PASSWORD },
    { csrf: '0'.repeat(64), username: 'admin', password: DEMO_PASSWORD },
    { csrf: csrf.slice(0, 63), username: 'admin', password: DEMO_PASSWORD },
  ]) {
    const r = await c.post('/login', form);
    assert.equal(r.status, 403, JSON.stringify(form));
    assert.equal(sessionCookie(r), null);
  }
  // The right token in the form but no cp_csrf cookie to match it.
  const bare = new Client(srv.url);
  const r = await bare.post('/login', { csrf, username: 'admin', password: DEMO_PASSWORD });
  assert.equal(r.status, 403);
  assert.equal(sessionCookie(r), null);
  assert.equal(sql(srv.db, "select count(*) from audit where action='signin'"), signins, 'nobody signed in');
  assert.equal((await c.get('/')).headers.get('location'), '/login');
});

// ---- throttling: each test has its own server, as it locks out 127.0.0.1 ----

test('ten failures for one username: the 11th attempt, even with the right password, is 429', async (t) => {
  const s = await serve(t);
  const local = new NodeClient(s.url, { localAddress: '127.0.0.1' });
  const t0 = Date.now();
  for (let i = 0; i < 10; i++)
    assert.equal((await local.signIn('keyworker', WRONG_PASSWORD)).status, 401, `failure ${i + 1}`);
  const t1 = Date.now();

  // From another address, so only the username's count can be the reason.
  const other = new NodeClient(s.url, { localAddress: '127.0.0.2' });
  const r = await other.signIn('keyworker', DEMO_PASSWORD);
  assert.equal(r.status, 429);
  const m = r.text.match(/try again at (\d\d:\d\d)/);
  assert.ok(m, 'the page says when to try again');
  // The oldest failure leaves the 15-minute window then.
  assert.ok([hm(t0 + 900e3), hm(t1 + 900e3)].includes(m[1]), `${m[1]} is about 15 minutes from now`);
  assert.equal(sessionCookie(r), null);
  assert.equal((await other.get('/')).status, 303, 'not signed in');

  // Another username from that other address is not affected.
  assert.equal((await new NodeClient(s.url, { localAddress: '127.0.0.3' }).signIn('manager')).status, 303);

  assert.equal(sql(s.db, "select count(*) from audit where action='signin.failed'"), '10');
  assert.equal(sql(s.db, "select count(*) from audit where action='signin.throttled'"), '1');
  assert.equal(sql(s.db, "select reason from audit where action='signin.throttled'"),
    'too many failed sign-ins for this username');
});

test('ten failures from one address across usernames: that address gets 429', async (t) => {
  const s = await serve(t);
  const local = new NodeClient(s.url, { localAddress: '127.0.0.1' });
  const names = ['admin', 'manager', 'gp.carter', 'nurse.reid', 'cnurse.mensah', 'social.walsh',
    'ot.rahman', 'pharm.kim', 'no.such.user', 'another.nobody'];
  for (const n of names) assert.equal((await local.signIn(n, WRONG_PASSWORD)).status, 401, n);

  const r = await local.signIn('link.lopez', DEMO_PASSWORD);
  assert.equal(r.status, 429, 'a fresh username, right password, same address');
  assert.match(r.text, /Too many failed sign-ins\. For your security, try again at \d\d:\d\d/);
  assert.equal(sessionCookie(r), null);

  // The same username from another address signs in: it was the address.
  assert.equal((await new NodeClient(s.url, { localAddress: '127.0.0.2' }).signIn('link.lopez')).status, 303);
  assert.equal(sql(s.db, "select count(*) from audit where action='signin.failed'"), '10');
  assert.equal(sql(s.db, "select reason from audit where action='signin.throttled'"),
    'too many failed sign-ins from this address');
});

// ---- session expiry --------------------------------------------------------------

test('a session idle longer than --session-idle ends: / then redirects to /login?ended=1', async (t) => {
  const s = await serve(t, { args: ['--session-idle', '2'] });
  const c = new Client(s.url);
  assert.equal((await c.signIn('admin')).status, 303);
  const cookie = c.cookies.get('cp_session');
  assert.equal((await c.get('/')).status, 200);
  await sleep(2300);
  const r = await c.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login?ended=1');
  assert.match(sessionCookie(r), /Max-Age=0/, 'the dead cookie is cleared');
  assert.match((await c.get('/login?ended=1')).text, /Your session has ended/);
  const replay = new Client(s.url);
  replay.cookies.set('cp_session', cookie);
  assert.equal((await replay.get('/')).headers.get('location'), '/login?ended=1');
});

test('a session older than --session-lifetime ends even while in use', async (t) => {
  const s = await serve(t, { args: ['--session-lifetime', '3'] });
  const c = new Client(s.url);
  const start = Date.now();
  assert.equal((await c.signIn('manager')).status, 303);
  while (Date.now() - start < 2500) { // busy, never idle
    assert.equal((await c.get('/')).status, 200);
    await sleep(400);
  }
  await sleep(Math.max(0, 3500 - (Date.now() - start)));
  const r = await c.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login?ended=1');
});
