// headers.test.mjs - the security headers every response carries, whatever
// its status, and what changes under TLS (HSTS, Secure cookies).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { FORM, NodeClient, assertSecurityHeaders, raw, rawRequest, serve } from './helpers.mjs';

const srv = await serve(after);

test('every kind of response carries the security headers, and no HSTS without TLS', async () => {
  const seen = new Map(); // status -> what gave it
  const check = (what, status, headers) => {
    assertSecurityHeaders(headers, { what });
    seen.set(status, what);
  };
  const anon = new Client(srv.url);
  for (const [path, status] of [['/login', 200], ['/healthz', 200], ['/', 303], ['/users', 303], ['/nowhere', 404],
    ['/assets/careplan.css', 200], ['/assets/nhsuk-frontend.min.css', 200], ['/assets/no-such.css', 404]]) {
    const r = await anon.get(path);
    assert.equal(r.status, status, path);
    check(`GET ${path}`, status, r.headers);
  }
  // A cached asset answered 304.
  const css = await anon.get('/assets/careplan.css');
  const etag = css.headers.get('etag');
  assert.ok(etag);
  const notModified = await anon.get('/assets/careplan.css', { 'if-none-match': etag });
  assert.equal(notModified.status, 304);
  check('304 asset', 304, notModified.headers);
  assert.match(css.headers.get('cache-control'), /max-age/);

  // Signed in: 200 home, 403 for a page outside the role, 403 for a bad csrf, 303 sign-out.
  const kw = new Client(srv.url);
  const signin = await kw.signIn('keyworker');
  check('POST /login 303', 303, signin.headers);
  const home = await kw.get('/');
  check('home', 200, home.headers);
  assert.equal(home.headers.get('cache-control'), 'no-store');
  const denied = await kw.get('/users');
  assert.equal(denied.status, 403);
  check('403 role', 403, denied.headers);
  const csrf = await kw.post('/logout', { csrf: 'nope' });
  assert.equal(csrf.status, 403);
  check('403 csrf', 403, csrf.headers);
  const wrong = await new Client(srv.url).signIn('keyworker', 'a-wrong-password-1');
  assert.equal(wrong.status, 401);
  check('401', 401, wrong.headers);

  // Refusals: 405, 413, 414, 415, 400, 431.
  const refusals = [
    [405, rawRequest('BREW', '/login')],
    [413, rawRequest('POST', '/login', { 'Content-Type': FORM, 'Content-Length': 70000 })],
    [413, rawRequest('POST', '/login', { 'Content-Type': FORM }, Array.from({ length: 70 }, (_, i) => `a${i}=1`).join('&'))],
    [414, rawRequest('GET', `/${'x'.repeat(3000)}`)],
    [415, rawRequest('POST', '/login', { 'Content-Type': 'text/plain' }, 'a=1')],
    [400, rawRequest('POST', '/login', { 'Content-Type': FORM }, 'a=%zz')],
    [431, rawRequest('GET', '/login', { Cookie: 'a'.repeat(5000) })],
  ];
  for (const [status, req] of refusals) {
    const r = await raw(srv.port, req);
    assert.equal(r.status, status);
    check(`raw ${status}`, status, r.headers);
  }
  const head = await fetch(`${srv.url}/login`, { method: 'HEAD' });
  check('HEAD', 200, head.headers);
  for (const s of [200, 303, 304, 400, 401, 403, 404, 405, 413, 414, 415, 431]) assert.ok(seen.has(s), `checked a ${s}`);
});

test('the CSP allows no inline code and no framing, and pages obey it', async () => {
  const r = await fetch(`${srv.url}/login`);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src|default-src 'none'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  const html = await r.text();
  assert.doesNotMatch(html, /<script|<style|\sstyle="|\son[a-z]+="/i, 'no inline script or style in the page');
});

test('X-Request-Id is fresh for each response and matches the access log', async () => {
  const a = await fetch(`${srv.url}/healthz`);
  const b = await fetch(`${srv.url}/healthz`);
  const ida = a.headers.get('x-request-id');
  assert.notEqual(ida, b.headers.get('x-request-id'));
  await new Promise((res) => setTimeout(res, 50));
  assert.match(srv.logs(), new RegExp(`"req":"${ida}","method":"GET","path":"/healthz","status":200`));
});

// ---- TLS -------------------------------------------------------------------------------

test('under TLS every response has HSTS and the cookies are Secure', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'careplan-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = join(dir, 'k'); const cert = join(dir, 'c');
  const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
    '-days', '1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  const s = await serve(t, { args: ['--tls-cert', cert, '--tls-key', key] });
  assert.match(s.url, /^https:/);
  assert.match(s.logs(), /"url":"https:\/\/127\.0\.0\.1:\d+"/);

  const c = new NodeClient(s.url);
  const login = await c.get('/login');
  assert.equal(login.status, 200);
  assertSecurityHeaders(login.headers, { tls: true, what: 'https /login' });
  assert.match(login.headers.get('strict-transport-security'), /^max-age=\d+; includeSubDomains$/);
  const csrfCookie = login.headers.getSetCookie().find((x) => x.startsWith('cp_csrf='));
  assert.match(csrfCookie, /; Secure/);

  const r = await c.signIn('admin');
  assert.equal(r.status, 303);
  assertSecurityHeaders(r.headers, { tls: true, what: 'https sign-in' });
  const session = r.headers.getSetCookie().find((x) => x.startsWith('cp_session='));
  const attrs = session.split(';').map((a) => a.trim());
  for (const a of ['Secure', 'HttpOnly', 'SameSite=Strict']) assert.ok(attrs.includes(a), `${a} in ${session}`);

  const home = await c.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /Alex Morgan/);
  for (const path of ['/nowhere', '/assets/careplan.css', '/healthz']) {
    const x = await c.get(path);
    assertSecurityHeaders(x.headers, { tls: true, what: `https ${path}` });
  }
  // Plain HTTP to the TLS port gets no page.
  await assert.rejects(fetch(s.url.replace('https:', 'http:') + '/login'));
});
