// roles.test.mjs - which role sees which page, what an anonymous visitor
// gets, the 404 page and the health check.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { logLines, raw, rawRequest, serve, sql, waitFor } from './helpers.mjs';

const srv = await serve(after);

// Every demo login and its role code.
const LOGINS = {
  admin: 'administrator', manager: 'team_manager', keyworker: 'key_worker', 'gp.carter': 'professional',
  'nurse.reid': 'professional', 'cnurse.mensah': 'professional', 'social.walsh': 'professional',
  'ot.rahman': 'professional', 'pharm.kim': 'professional', 'link.lopez': 'professional',
  person: 'person', carer: 'carer', commissioner: 'commissioner',
};

// Who may open each page, by role code.
const ALLOWED = {
  '/users': ['administrator'],
  '/team': ['team_manager', 'key_worker', 'professional'],
  '/people': ['team_manager', 'key_worker', 'professional'],
  '/service': ['administrator', 'team_manager', 'commissioner'],
  '/': Object.values(LOGINS),
};

const clients = new Map(); // login -> signed-in Client
async function as(login) {
  if (!clients.has(login)) {
    const c = new Client(srv.url);
    const r = await c.signIn(login);
    assert.equal(r.status, 303, `${login} signs in`);
    clients.set(login, c);
  }
  return clients.get(login);
}

test('the demo logins have the roles these tests expect', () => {
  const rows = sql(srv.db, 'select username, role from users order by id').split('\n').map((l) => l.split('|'));
  assert.deepEqual(Object.fromEntries(rows), LOGINS);
});

for (const [path, roles] of Object.entries(ALLOWED)) {
  test(`${path} is open to ${path === '/' ? 'every role' : roles.join(', ')} and 403 for the rest`, async () => {
    for (const [login, role] of Object.entries(LOGINS)) {
      const r = await (await as(login)).get(path);
      const want = roles.includes(role) ? 200 : 403;
      assert.equal(r.status, want, `${login} (${role}) GET ${path}`);
      if (want === 403) {
        assert.match(r.text, /You do not have access to this page/);
        assert.match(r.text, /Your role does not include this page/);
      }
    }
  });
}

test('the menu offers only the pages the role may open', async () => {
  const links = async (login) => [...(await (await as(login)).get('/')).text.matchAll(/href="(\/(?:users|team|service|people))"/g)].map((m) => m[1]);
  assert.deepEqual(new Set(await links('admin')), new Set(['/users', '/service']));
  assert.deepEqual(new Set(await links('keyworker')), new Set(['/people', '/team']));
  assert.deepEqual(new Set(await links('manager')), new Set(['/people', '/team', '/service']));
  assert.deepEqual(new Set(await links('commissioner')), new Set(['/service']));
  assert.deepEqual(await links('person'), []);
});

test('what each page shows to those who may open it', async () => {
  const users = await (await as('admin')).get('/users');
  assert.match(users.text, /<h1>User accounts<\/h1>/);
  for (const name of ['gp.carter', 'commissioner', 'Dr Helen Carter']) assert.ok(users.text.includes(name), name);
  assert.ok(!users.text.includes('$argon2'), 'no password hashes on the page');

  const team = await (await as('keyworker')).get('/team');
  for (const name of ['Dr Helen Carter', 'Grace Mensah', 'Sam Okafor']) assert.ok(team.text.includes(name), name);

  // The commissioner sees figures, never names, and small counts blurred.
  const service = await (await as('commissioner')).get('/service');
  assert.match(service.text, /<h1>Service figures<\/h1>/);
  assert.match(service.text, /counts under 5 are shown as "fewer than 5"|counts under 5 are shown as &quot;fewer than 5&quot;/);
  const names = sql(srv.db, 'select given_name || \' \' || family_name from person').split('\n');
  for (const n of names) assert.ok(!service.text.includes(n), `${n} named on the service page`);
  assert.ok(!service.text.includes('Margaret'), 'no given names');
});

test('a denied page is logged as access.denied with the user and path', async () => {
  await (await as('carer')).get('/users?tab=all');
  const carerId = Number(sql(srv.db, "select id from users where username='carer'"));
  const line = await waitFor(() => logLines(srv).find((l) => l.event === 'access.denied' && l.user === carerId && l.path.includes('?')), 3000, 'access.denied');
  assert.equal(line.path, '/users?tab=');
  assert.equal(line.level, 'warn');
});

test('without a session, pages redirect to /login and POSTs are refused', async () => {
  const anon = new Client(srv.url);
  for (const path of ['/users', '/team', '/service', '/']) {
    const r = await anon.get(path);
    assert.equal(r.status, 303, path);
    assert.equal(r.headers.get('location'), '/login');
  }
  const r = await anon.post('/logout', { csrf: 'x' });
  assert.equal(r.status, 403);
  assert.match(r.text, /Sign in first/);
  // A cookie that was never a session counts as none, and is not trusted.
  const forged = new Client(srv.url);
  forged.cookies.set('cp_session', 'a'.repeat(64));
  assert.equal((await forged.get('/users')).headers.get('location'), '/login?ended=1');
  forged.cookies.set('cp_session', '../../etc/passwd');
  assert.equal((await forged.get('/users')).status, 303);
});

test('an unknown address gets the 404 page, signed in or not', async () => {
  for (const c of [new Client(srv.url), await as('admin')]) {
    for (const path of ['/nowhere', '/users/', '/login/extra', '/assets/', '/assets/images/']) {
      const r = await c.get(path);
      assert.equal(r.status, 404, path);
      assert.match(r.headers.get('content-type'), /^text\/html/);
      assert.match(r.text, /<title>[^<]*Page not found|Page not found/);
    }
  }
});

test('/assets does not serve files outside its folder', async () => {
  for (const path of ['/assets/../VERSION', '/assets/%2e%2e/VERSION', '/assets/..%2fsrc/main.c', '/assets/images/../../VERSION']) {
    const r = await raw(srv.port, rawRequest('GET', path));
    assert.equal(r.status, 404, path);
    assert.doesNotMatch(r.body, /^\d+\.\d+\.\d+\s*$/);
  }
});

test('/healthz answers JSON ok with the schema version, without signing in', async () => {
  const r = await fetch(`${srv.url}/healthz`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json');
  const body = await r.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.schema, Number(sql(srv.db, 'PRAGMA user_version')));
  const head = await fetch(`${srv.url}/healthz`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});
