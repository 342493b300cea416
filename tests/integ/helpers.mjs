// tests/integ/helpers.mjs - what the integration tests share beyond
// tests/lib/server.mjs: a server tied to a test's lifetime, raw sockets for
// requests fetch will not send, node:http requests (for TLS and a chosen
// local address), the sqlite3 command line, and the header checks every
// response must pass.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { BIN, Client, startServer } from '../lib/server.mjs';

// A careplan server stopped (and its output checked) when t ends: t is a
// test context, or node:test's `after` for a file-wide server (then call
// serve at the top level of the file: `after` called inside a hook would
// belong to that hook and run as soon as it ends).
export async function serve(t, opts = {}) {
  let s = null;
  const register = typeof t === 'function' ? t : t.after.bind(t);
  register(async () => { if (s) await stopChecked(s); });
  s = await startServer(opts);
  return s;
}

// Stops s (SIGTERM, unless it has exited) and resolves to its exit status
// once all it wrote has been read: 'exit' can come before the last output.
export async function stopDrained(s) {
  const code = await s.stop();
  await Promise.all([s.proc.stdout, s.proc.stderr].map((st) => (st.closed ? null : new Promise((r) => st.once('close', r)))));
  return code;
}

// Stops s with SIGTERM and asserts a clean exit: status 0, no sanitizer
// report, the "stopped" line.  Safe to call twice.
export async function stopChecked(s) {
  const code = await stopDrained(s);
  const logs = s.logs();
  assert.doesNotMatch(logs, /AddressSanitizer|LeakSanitizer|runtime error:/, 'sanitizer report in server output');
  assert.equal(code, 0, `server exit status\n${logs.slice(-2000)}`);
  assert.match(logs, /"event":"stopped"/);
}

// The server's JSON log lines, parsed.
export function logLines(s) {
  return s.logs().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

// Runs a careplan subcommand without blocking the event loop (so requests
// can go on meanwhile); resolves to {status, stdout, stderr}.
export function careplanAsync(args, { env, input = '' } = {}) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, args, { env: { ...process.env, ...env } });
    let stdout = ''; let stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', rej);
    p.on('close', (status) => res({ status, stdout, stderr }));
    p.stdin.end(input);
  });
}

// Runs one statement with the sqlite3 command line; returns its trimmed output.
export function sql(db, statement) {
  const r = spawnSync('sqlite3', [db, statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${db} "${statement}" failed: ${r.stderr}`);
  return r.stdout.trim();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn until it returns something truthy; that value, or throws after ms.
export async function waitFor(fn, ms = 5000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// ---- raw HTTP/1.1 over a socket ------------------------------------------------

// Parses one response from the front of buf: {status, reason, headers (name
// lower-cased -> value; repeated names joined by "\n"), body, size}, or null
// when it is not all there yet.  Bodies are framed by Content-Length only,
// which is what careplan and libmicrohttpd send; noBody for HEAD answers.
function parseResponse(buf, noBody) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = lines[0].match(/^HTTP\/1\.[01] (\d{3}) ?(.*)$/);
  if (!m) throw new Error(`not an HTTP status line: ${lines[0]}`);
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    const k = l.slice(0, i).trim().toLowerCase();
    const v = l.slice(i + 1).trim();
    headers[k] = k in headers ? `${headers[k]}\n${v}` : v;
  }
  const len = noBody ? 0 : Number(headers['content-length'] ?? 0);
  if (buf.length < end + 4 + len) return null;
  return {
    status: Number(m[1]), reason: m[2], headers,
    body: buf.subarray(end + 4, end + 4 + len).toString('utf8'),
    size: end + 4 + len,
  };
}

// One client connection driven by hand: send() bytes, next() the following
// response (null when the server closed first).
export class RawConn {
  static open(port, host = '127.0.0.1') {
    return new Promise((res, rej) => {
      const sock = net.connect({ port, host });
      sock.once('connect', () => res(new RawConn(sock)));
      sock.once('error', rej);
    });
  }

  constructor(sock) {
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.closed = false;
    this.error = null;
    this.waiters = [];
    sock.on('data', (d) => { this.buf = Buffer.concat([this.buf, d]); this.wake(); });
    sock.on('error', (e) => { this.error = e; });
    sock.on('close', () => { this.closed = true; this.wake(); });
  }

  wake() { for (const w of this.waiters.splice(0)) w(); }

  send(data) {
    return new Promise((res) => {
      if (this.closed || this.sock.destroyed) { res(false); return; }
      this.sock.write(data, (err) => res(!err));
    });
  }

  async next({ timeout = 5000, head = false } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const r = parseResponse(this.buf, head);
      if (r) { this.buf = this.buf.subarray(r.size); return r; }
      if (this.closed) return null;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no complete response within ${timeout} ms; got: ${this.buf.toString('latin1').slice(0, 300)}`);
      await new Promise((res) => { const tm = setTimeout(res, left); this.waiters.push(() => { clearTimeout(tm); res(); }); });
    }
  }

  // Resolves true once the server has closed the connection, false after ms.
  async closedWithin(ms) {
    const end = Date.now() + ms;
    while (!this.closed && Date.now() < end)
      await new Promise((res) => { const tm = setTimeout(res, end - Date.now()); this.waiters.push(() => { clearTimeout(tm); res(); }); });
    return this.closed;
  }

  close() { this.sock.destroy(); }
}

// Sends data on a new connection and returns the first response (null when
// the server closed without one), closing the connection afterwards.
export async function raw(port, data, opts = {}) {
  const c = await RawConn.open(port);
  try {
    await c.send(data);
    return await c.next(opts);
  } finally {
    c.close();
  }
}

// A request line plus headers, CRLF-terminated, and an optional body.
export function rawRequest(method, path, headers = {}, body = '') {
  const h = { Host: '127.0.0.1', ...headers };
  if (body !== '' && !Object.keys(h).some((k) => /^(content-length|transfer-encoding)$/i.test(k)))
    h['Content-Length'] = Buffer.byteLength(body);
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
}

export const FORM = 'application/x-www-form-urlencoded';

// ---- node:http requests (TLS, a chosen client address) --------------------------

// One request with node:http(s), TLS certificates not checked (the tests'
// are self-signed).  Resolves to {status, headers (a Headers), text}.
export function request(url, { method = 'GET', headers = {}, body, localAddress } = {}) {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((res, rej) => {
    const req = mod.request(u, { method, headers, localAddress, rejectUnauthorized: false, agent: false }, (r) => {
      const chunks = [];
      r.on('data', (d) => chunks.push(d));
      r.on('end', () => {
        const h = new Headers();
        for (let i = 0; i < r.rawHeaders.length; i += 2) h.append(r.rawHeaders[i], r.rawHeaders[i + 1]);
        res({ status: r.statusCode, headers: h, text: Buffer.concat(chunks).toString('utf8') });
      });
      r.on('error', rej);
    });
    req.on('error', rej);
    req.end(body);
  });
}

// The Client of tests/lib/server.mjs over node:http(s): for https with a
// self-signed certificate, or to connect from another loopback address
// (127.0.0.2, ...), which careplan sees as another client.
export class NodeClient extends Client {
  constructor(base, { localAddress } = {}) { super(base); this.localAddress = localAddress; }

  async send(method, path, headers, body) {
    const r = await request(this.base + path, {
      method, body, localAddress: this.localAddress,
      headers: { ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}), ...headers },
    });
    this.keep(r);
    return r;
  }

  get(path, headers = {}) { return this.send('GET', path, headers); }

  post(path, form, headers = {}) {
    const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
    return this.send('POST', path, { 'content-type': FORM, ...headers }, body);
  }
}

// ---- what every response must carry ------------------------------------------------

// headers: a Headers or a plain object with lower-case names.
export function assertSecurityHeaders(headers, { tls = false, what = '' } = {}) {
  const get = (k) => (typeof headers.get === 'function' ? headers.get(k) : headers[k]) ?? null;
  const csp = get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy missing`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP allows inline code`);
  assert.doesNotMatch(csp, /unsafe-eval/, `${what}: CSP allows eval`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.match(csp, /default-src 'none'/, `${what}: CSP default-src`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
  assert.match(get('x-request-id') ?? '', /^[0-9a-f]{16}$/, `${what}: X-Request-Id`);
  if (tls) assert.match(get('strict-transport-security') ?? '', /max-age=\d{7,}/, `${what}: HSTS`);
  else assert.equal(get('strict-transport-security'), null, `${what}: HSTS sent without TLS`);
}
