// ops.test.mjs - what an operator relies on: the access log, the audit
// trail's hash chain, online backup and a clean shutdown.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client, careplan, startServer, tempDb } from '../lib/server.mjs';
import { FORM, RawConn, careplanAsync, logLines, raw, rawRequest, serve, sleep, sql, stopChecked, stopDrained, waitFor } from './helpers.mjs';

const SECRET_PASSWORD = 'Zebra-Quartz-Lantern-481';

// A throw-away copy of a fresh demo database.
function scratchDb(t) {
  const d = tempDb();
  t.after(d.cleanup);
  return d;
}

// ---- access log --------------------------------------------------------------------------

test('the access log has one JSON line per request: req, method, path, status, ms, user', async (t) => {
  const s = await serve(t);
  const c = new Client(s.url);
  const login = await c.get('/login?secret=s3cr3t-query-value&ended=1');
  const anonId = login.headers.get('x-request-id');
  await c.signIn('admin', SECRET_PASSWORD);
  await c.signIn('admin');
  const home = await c.get('/');
  const homeId = home.headers.get('x-request-id');
  await raw(s.port, rawRequest('BREW', '/login'));
  await raw(s.port, rawRequest('POST', '/login', { 'Content-Type': FORM, 'Content-Length': 999999 }));

  const lines = await waitFor(() => {
    const l = logLines(s).filter((x) => x.event === 'http');
    return l.length >= 7 && l.some((x) => x.status === 413) && l;
  }, 5000, 'seven access log lines');
  for (const l of lines) {
    assert.match(l.req, /^[0-9a-f]{16}$/);
    assert.equal(typeof l.method, 'string');
    assert.equal(typeof l.path, 'string');
    assert.equal(typeof l.status, 'number');
    assert.equal(typeof l.ms, 'number');
    assert.ok(l.ms >= 0);
    assert.ok('user' in l);
    assert.match(l.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  const byId = (id) => lines.find((l) => l.req === id);
  assert.deepEqual(
    { method: byId(anonId).method, path: byId(anonId).path, status: byId(anonId).status, user: byId(anonId).user },
    { method: 'GET', path: '/login?secret=&ended=', status: 200, user: null },
    'query values are stripped, keys kept');
  const adminId = Number(sql(s.db, "select id from users where username='admin'"));
  assert.equal(byId(homeId).user, adminId, 'a signed-in request logs the user id');
  assert.equal(byId(homeId).path, '/');
  // A line is written when its response completes, so requests sent one after another may log in
  // either order: compare the set of statuses, not their order.
  assert.deepEqual(lines.filter((l) => l.method === 'POST' && l.path === '/login').map((l) => l.status).sort((a, b) => a - b),
    [303, 401, 413]);
  assert.ok(lines.some((l) => l.method === 'BREW' && l.status === 405));
  assert.ok(lines.some((l) => l.method === 'POST' && l.status === 413));

  await stopChecked(s);
  const all = s.logs() + s.stdout();
  assert.ok(!all.includes('s3cr3t-query-value'), 'a query value reached the log');
  assert.ok(!all.includes(SECRET_PASSWORD), 'a password reached the log');
  assert.ok(!all.includes('demo-careplan-2026'), 'a password reached the log');
  assert.ok(!all.includes(c.cookies.get('cp_session') ?? 'no-session'), 'a session token reached the log');
  for (const line of all.split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line), line);
});

// ---- audit trail ----------------------------------------------------------------------------

test('after activity the audit chain verifies; a changed row is caught and named', async (t) => {
  const s = await serve(t);
  const c = new Client(s.url);
  await c.signIn('admin', 'wrong-password-here');
  await c.signIn('admin');
  await c.get('/');
  const person = new Client(s.url);
  await person.signIn('person');
  assert.equal((await person.get('/')).status, 200); // her own record: a person.read row
  await c.post('/logout', { csrf: Client.csrfOf((await c.get('/')).text) });
  const actions = sql(s.db, 'select distinct action from audit').split('\n');
  for (const a of ['signin', 'signin.failed', 'signout', 'person.read']) assert.ok(actions.includes(a), a);

  const ok = careplan(['audit', 'verify', '--db', s.db]);
  assert.equal(ok.status, 0, ok.stderr);
  const rows = Number(sql(s.db, 'select count(*) from audit'));
  assert.match(ok.stdout, new RegExp(`${rows} rows verified; the chain is intact`));

  // The trail refuses changes through SQL until its trigger is dropped.
  assert.throws(() => sql(s.db, "UPDATE audit SET reason='x' WHERE id=3"), /append-only/);
  sql(s.db, "DROP TRIGGER audit_no_update; UPDATE audit SET reason='x' WHERE id=3");
  const bad = careplan(['audit', 'verify', '--db', s.db]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /NOT intact/);
  assert.match(bad.stderr, /row 3\b/);
  assert.match(bad.stderr, /changed/);
});

test('a deleted audit row, in the middle or at the end, is caught', async (t) => {
  const d = scratchDb(t);
  assert.equal(careplan(['audit', 'verify', '--db', d.db]).status, 0);
  const middle = join(d.dir, 'middle.db');
  const end = join(d.dir, 'end.db');
  copyFileSync(d.db, middle);
  copyFileSync(d.db, end);

  sql(middle, 'DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id=5');
  const m = careplan(['audit', 'verify', '--db', middle]);
  assert.notEqual(m.status, 0);
  assert.match(m.stderr, /row 6: expected row 5 here; rows are missing/);

  const last = Number(sql(end, 'select max(id) from audit'));
  sql(end, `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id=${last}`);
  const e = careplan(['audit', 'verify', '--db', end]);
  assert.notEqual(e.status, 0);
  assert.match(e.stderr, new RegExp(`ends at row ${last - 1} but ${last} rows were written`));
});

// ---- backup --------------------------------------------------------------------------------

test('backup while the server runs gives a consistent copy with the same rows', async (t) => {
  const s = await serve(t);
  const c = new Client(s.url);
  await c.signIn('manager');
  await c.get('/');
  await new Client(s.url).signIn('carer');
  const to = join(s.db, '..', 'backup.db');

  // Requests keep arriving during the backup.
  let stop = false;
  let during = 0;
  const busy = (async () => { while (!stop) { assert.equal((await c.get('/team')).status, 200); during++; } })();
  const b = await careplanAsync(['backup', '--db', s.db, '--to', to]);
  stop = true;
  await busy;
  assert.equal(b.status, 0, b.stderr);
  assert.ok(during > 0, 'requests were served during the backup');
  assert.match(b.stdout, /backed up .* to .*backup\.db/);
  assert.ok(existsSync(to));
  assert.equal(sql(to, 'PRAGMA integrity_check'), 'ok');
  for (const table of ['users', 'person', 'audit'])
    assert.equal(sql(to, `select count(*) from ${table}`), sql(s.db, `select count(*) from ${table}`), table);
  assert.ok(Number(sql(to, "select count(*) from audit where action='signin'")) >= 2);
  assert.equal(careplan(['audit', 'verify', '--db', to]).status, 0, 'the copy\'s audit chain verifies');

  // The copy is a working database: a server starts on it and signs people in.
  const copy = await serve(t, { db: to });
  assert.equal((await new Client(copy.url).signIn('manager')).status, 303);
});

test('backup without --to is a usage error', () => {
  const r = careplan(['backup', '--db', '/nonexistent/x.db']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /backup needs --to FILE/);
  assert.match(r.stderr, /usage: careplan/);
});

// ---- shutdown ---------------------------------------------------------------------------------

test('SIGTERM stops the server cleanly: exit 0, "stopped" logged, database intact', async (t) => {
  const d = scratchDb(t);
  const s = await startServer({ db: d.db });
  t.after(() => s.stop());
  const c = new Client(s.url);
  assert.equal((await c.signIn('admin')).status, 303);
  assert.equal((await c.get('/')).status, 200);
  const t0 = Date.now();
  s.proc.kill('SIGTERM');
  const code = await stopDrained(s);
  const took = Date.now() - t0;
  assert.equal(code, 0);
  assert.ok(took < 5000, `stopped in ${took} ms`);
  const events = logLines(s).map((l) => l.event);
  assert.ok(events.includes('stopping'));
  assert.equal(events.at(-1), 'stopped');
  assert.equal(sql(d.db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(careplan(['audit', 'verify', '--db', d.db]).status, 0);
  assert.equal(existsSync(`${d.db}-wal`), false, 'the write-ahead log was checkpointed and removed');
});

test('SIGINT (Ctrl-C) stops the server cleanly too', async (t) => {
  const s = await serve(t);
  assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
  s.proc.kill('SIGINT');
  assert.equal(await stopDrained(s), 0);
  const stopping = logLines(s).find((l) => l.event === 'stopping');
  assert.equal(stopping.msg, 'SIGINT');
  assert.equal(logLines(s).at(-1).event, 'stopped');
});

test('a request in flight when SIGTERM arrives still gets its full response', async (t) => {
  const s = await serve(t);
  const page = new Client(s.url);
  const form = await page.get('/login');
  const csrf = Client.csrfOf(form.text);
  const body = new URLSearchParams({ csrf, username: 'admin', password: 'demo-careplan-2026' }).toString();

  // The headers arrive first; the body (and so the ~100 ms argon2id check)
  // only after SIGTERM.
  const conn = await RawConn.open(s.port);
  t.after(() => conn.close());
  await conn.send(rawRequest('POST', '/login', {
    'Content-Type': FORM, 'Content-Length': Buffer.byteLength(body), Cookie: `cp_csrf=${csrf}`,
  }));
  await sleep(150);
  s.proc.kill('SIGTERM');
  await waitFor(() => /"event":"stopping"/.test(s.logs()), 5000, 'the stopping line');
  await conn.send(body);
  const r = await conn.next({ timeout: 10000 });
  assert.ok(r, 'a response, not a dropped connection');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/');
  assert.match(r.headers['set-cookie'], /cp_session=[0-9a-f]{64}/);
  assert.equal(await stopDrained(s), 0);
  assert.equal(logLines(s).at(-1).event, 'stopped');
  const http = logLines(s).filter((l) => l.event === 'http' && l.method === 'POST');
  assert.equal(http.length, 1);
  assert.equal(http[0].status, 303);
});
