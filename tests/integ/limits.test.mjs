// limits.test.mjs - every request size limit, malformed requests and
// keep-alive, over raw sockets where fetch would not send the bytes.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FORM, RawConn, assertSecurityHeaders, raw, rawRequest, serve } from './helpers.mjs';

const srv = await serve(after);
const send = (data) => raw(srv.port, data);

// The text of the error page's message paragraph.
const message = (r) => (r.body.match(/<p>([^<]*)<\/p>/) || [])[1]?.replace(/&quot;/g, '"');

// Asserts a refusal from careplan itself (its page and headers).
function refused(r, status, text) {
  assert.ok(r, `a ${status} response, not a dropped connection`);
  assert.equal(r.status, status, `${r.status} ${message(r)}`);
  assert.match(r.headers['content-type'], /^text\/html/);
  if (text) assert.match(message(r), text);
  assertSecurityHeaders(r.headers, { what: `${status}` });
}

// A form body of exactly n bytes: "csrf=x&a=xxx...", each value within 16 KiB.
function formOfSize(n) {
  const parts = ['csrf=x'];
  let len = 6;
  for (let i = 0; len < n; i++) {
    const head = `&f${i}=`;
    const take = Math.min(16000, n - len - head.length);
    parts.push(head + 'v'.repeat(Math.max(0, take)));
    len += head.length + Math.max(0, take);
  }
  const body = parts.join('');
  assert.equal(body.length, n);
  return body;
}

const chunked = (body, size = 16384) => {
  let out = '';
  for (let i = 0; i < body.length; i += size) {
    const c = body.slice(i, i + size);
    out += `${c.length.toString(16)}\r\n${c}\r\n`;
  }
  return `${out}0\r\n\r\n`;
};

// ---- size limits ----------------------------------------------------------------------

test('an address over 2048 bytes is 414, whether in the path or the query', async () => {
  refused(await send(rawRequest('GET', `/${'a'.repeat(2048)}`)), 414, /address is too long/);
  refused(await send(rawRequest('GET', `/login?q=${'a'.repeat(2040)}`)), 414);
  refused(await send(rawRequest('GET', `/login?a=1&b=${'b'.repeat(5000)}`)), 414);
  // At the limit it is served.
  assert.equal((await send(rawRequest('GET', `/login?q=${'a'.repeat(2039)}`))).status, 200);
  assert.equal((await send(rawRequest('GET', `/${'a'.repeat(2047)}`))).status, 404);
  // fetch sends long addresses too.
  assert.equal((await fetch(`${srv.url}/login?q=${'z'.repeat(3000)}`)).status, 414);
});

test('request headers over 16 KiB are 431', async () => {
  const headers = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-Filler-${i}`, 'h'.repeat(1000)]));
  refused(await send(rawRequest('GET', '/login', headers(18))), 431, /headers are larger than 16384 bytes/);
  assert.equal((await send(rawRequest('GET', '/login', headers(14)))).status, 200);
});

test('more than 64 headers are 431', async () => {
  const headers = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-H${i}`, 'v']));
  refused(await send(rawRequest('GET', '/login', headers(64))), 431, /more than 64 headers/); // + Host: 65
  assert.equal((await send(rawRequest('GET', '/login', headers(63)))).status, 200);
});

test('a Cookie header over 4096 bytes is 431', async () => {
  const cookie = (n) => `cp_csrf=${'c'.repeat(n - 8)}`;
  refused(await send(rawRequest('GET', '/login', { Cookie: cookie(4097) })), 431, /Cookie header is larger than 4096/);
  assert.equal((await send(rawRequest('GET', '/login', { Cookie: cookie(4096) }))).status, 200);
  const r = await fetch(`${srv.url}/`, { headers: { cookie: cookie(5000) }, redirect: 'manual' });
  assert.equal(r.status, 431);
});

test('a body over 64 KiB announced by Content-Length is 413 before it is sent', async () => {
  const c = await RawConn.open(srv.port);
  try {
    await c.send(rawRequest('POST', '/login', { 'Content-Type': FORM, 'Content-Length': 65537 }));
    const r = await c.next(); // no body was sent: the answer comes from the headers alone
    refused(r, 413, /body is larger than 65536 bytes/);
    assert.equal(r.headers.connection, 'close');
    assert.ok(await c.closedWithin(3000), 'the server closes the connection instead of reading the body');
  } finally { c.close(); }
  // fetch sending the whole body gets the answer too.
  const f = await fetch(`${srv.url}/login`, { method: 'POST', headers: { 'content-type': FORM }, body: formOfSize(70000) });
  assert.equal(f.status, 413);
  assertSecurityHeaders(f.headers, { what: '413 via fetch' });
  // At the limit the body is read and the request reaches the CSRF check.
  assert.equal((await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, formOfSize(65536)))).status, 403);
});

test('a chunked body over 64 KiB is 413', async () => {
  const head = { 'Content-Type': FORM, 'Transfer-Encoding': 'chunked' };
  refused(await send(rawRequest('POST', '/login', head, chunked(formOfSize(80000)))), 413, /body is larger than 65536/);
  assert.equal((await send(rawRequest('POST', '/login', head, chunked(formOfSize(65536))))).status, 403);
});

test('a chunked body far past the limit has its connection dropped', async () => {
  const c = await RawConn.open(srv.port);
  try {
    await c.send(rawRequest('POST', '/login', { 'Content-Type': FORM, 'Transfer-Encoding': 'chunked' }));
    const piece = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
    for (let i = 0; i < 64 && !c.closed; i++) // up to 4 MiB
      if (!(await c.send(piece))) break;
    assert.ok(await c.closedWithin(5000), 'connection closed');
    assert.equal(await c.next(), null, 'no response to an endless body');
  } finally { c.close(); }
  assert.equal((await fetch(`${srv.url}/healthz`)).status, 200, 'the server carries on');
});

test('a form with more than 64 fields is 413', async () => {
  const fields = (n) => Array.from({ length: n }, (_, i) => `f${i}=1`).join('&');
  refused(await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, fields(65))), 413, /more than 64 fields/);
  assert.equal((await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, fields(64)))).status, 403);
});

test('a form value over 16 KiB is 413 and names the field', async () => {
  const body = (n) => `username=${'u'.repeat(n)}`;
  refused(await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, body(16385))), 413,
    /Form field "username" is longer than 16384 bytes/);
  // %-escapes count once decoded: 16384 bytes decoded is within the limit.
  assert.equal((await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, body(16384)))).status, 403);
  refused(await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, `password=${'%41'.repeat(16385)}`)), 413,
    /"password"/);
});

// ---- malformed requests --------------------------------------------------------------

test('an unknown method is 405 with an Allow header', async () => {
  for (const [method, path] of [['BREW', '/'], ['DELETE', '/healthz'], ['PUT', '/login'], ['PATCH', '/assets/careplan.css']]) {
    const r = await send(rawRequest(method, path, {}, method === 'PUT' ? 'x=1' : ''));
    refused(r, 405);
    assert.equal(r.headers.allow, 'GET, HEAD, POST', method);
  }
  // An address that does not exist is 404 whatever the method.
  refused(await send(rawRequest('BREW', '/nowhere')), 404);
  // A known method on an address that does not take it.
  const r = await send(rawRequest('POST', '/healthz', { 'Content-Type': FORM }, 'a=1'));
  refused(r, 405);
  assert.equal(r.headers.allow, 'GET, HEAD, POST');
});

test('a bad %-escape in a form is 400 naming the field', async () => {
  for (const value of ['%zz', '%4', '%', 'ab%g1']) {
    const r = await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, `username=${value}&password=x`));
    refused(r, 400, /Form field "username" has a bad %-escape/);
  }
  refused(await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, 'user%zzname=1')), 400, /field name/);
});

test('invalid UTF-8 in a form value is 400', async () => {
  for (const value of ['%ff', '%c0%af', '%e2%82', 'ok%ed%a0%80']) {
    const r = await send(rawRequest('POST', '/login', { 'Content-Type': FORM }, `password=${value}&username=admin`));
    refused(r, 400, /Form field "password" is not valid UTF-8 text/);
  }
});

test('a POST with another Content-Type, or none, is 415', async () => {
  for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/json', 'application/x-www-form-urlencodedx', null]) {
    const r = await send(rawRequest('POST', '/login', type ? { 'Content-Type': type } : {}, 'username=admin'));
    refused(r, 415, /application\/x-www-form-urlencoded/);
  }
  // A charset parameter is fine: the request gets as far as the CSRF check.
  const ok = await send(rawRequest('POST', '/login', { 'Content-Type': `${FORM}; charset=UTF-8` }, 'username=admin'));
  assert.equal(ok.status, 403);
});

test('a non-numeric Content-Length is 400', async () => {
  for (const cl of ['abc', '12abc', '-1']) {
    const r = await send(rawRequest('POST', '/login', { 'Content-Type': FORM, 'Content-Length': cl }));
    assert.ok(r, `a response for Content-Length: ${cl}`);
    assert.equal(r.status, 400, cl);
  }
});

// ---- keep-alive -----------------------------------------------------------------------

test('several HTTP/1.1 requests on one connection are all answered on it', async () => {
  const c = await RawConn.open(srv.port);
  try {
    const asks = [
      ['GET', '/healthz', 200], ['GET', '/login', 200], ['GET', '/assets/careplan.css', 200],
      ['GET', '/nowhere', 404], ['GET', '/users', 303], ['HEAD', '/login', 200],
      ['POST', '/login', 403], ['GET', '/healthz', 200],
    ];
    const ids = new Set();
    for (const [method, path, status] of asks) {
      const body = method === 'POST' ? 'username=admin' : '';
      assert.ok(await c.send(rawRequest(method, path, method === 'POST' ? { 'Content-Type': FORM } : {}, body)));
      const r = await c.next({ head: method === 'HEAD' });
      assert.ok(r, `${method} ${path} answered`);
      assert.equal(r.status, status, `${method} ${path}`);
      assert.notEqual(r.headers.connection, 'close', `${method} ${path} keeps the connection`);
      ids.add(r.headers['x-request-id']);
    }
    assert.equal(ids.size, asks.length, 'each request has its own id');
    // Pipelined: three requests in one write, three answers in order.
    await c.send(rawRequest('GET', '/healthz') + rawRequest('GET', '/nowhere') + rawRequest('GET', '/login'));
    assert.deepEqual([(await c.next()).status, (await c.next()).status, (await c.next()).status], [200, 404, 200]);
    assert.equal(c.closed, false, 'still open');
  } finally { c.close(); }
});
