// tests/lib/server.mjs - start the real careplan on a free loopback port for a
// test, with its own fresh database, and stop it afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = resolve(ROOT, process.env.CAREPLAN_BIN || 'build/release/careplan');
export const ASSETS = resolve(ROOT, 'build/assets');
export const DEMO_PASSWORD = 'demo-careplan-2026';

// Runs a careplan subcommand synchronously; returns {status, stdout, stderr}.
export function careplan(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', input: opts.input ?? '', env: { ...process.env, ...opts.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A fresh temporary folder with a database path in it.
export function tempDb(demo = true) {
  const dir = mkdtempSync(join(tmpdir(), 'careplan-test-'));
  const db = join(dir, 'test.db');
  if (demo) {
    const r = careplan(['demo', '--db', db]);
    if (r.status !== 0) throw new Error(`careplan demo failed: ${r.stderr}`);
  }
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts `careplan serve` on 127.0.0.1 with a free port.  Options: db (a
// database path; default a fresh demo database), env, args (more flags).
// Resolves to {url, port, proc, db, logs(), stop()}; stop() sends SIGTERM and
// resolves to the exit code.
export async function startServer(opts = {}) {
  const tmp = opts.db ? null : tempDb(opts.demo !== false);
  const db = opts.db || tmp.db;
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--assets', ASSETS, '--threads', '2', ...(opts.args || [])];
  const proc = spawn(BIN, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  proc.stdout.on('data', (d) => { stdout += d; });
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start: ${stderr}`)), 15000);
    proc.stderr.on('data', (d) => {
      stderr += d;
      const m = stderr.match(/"event":"listening".*?"port":(\d+)/);
      if (m) { clearTimeout(timer); res(Number(m[1])); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited ${code}: ${stderr}`)); });
  });
  const scheme = (opts.args || []).includes('--tls-cert') ? 'https' : 'http';
  let exited = null;
  const exitP = new Promise((res) => proc.on('exit', (code, sig) => { exited = code ?? sig; res(exited); }));
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port, proc, db,
    logs: () => stderr,
    stdout: () => stdout,
    async stop() {
      if (exited === null) proc.kill('SIGTERM');
      let timer;
      const code = await Promise.race([exitP, new Promise((r) => { timer = setTimeout(() => r('timeout'), 15000); })]);
      clearTimeout(timer); // a pending timer would keep the test process alive 15 s
      if (code === 'timeout') proc.kill('SIGKILL');
      if (tmp) tmp.cleanup();
      return code;
    },
  };
}

// A tiny cookie-keeping client over fetch (no redirects followed).
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim(); const v = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || v === '') this.cookies.delete(k); else this.cookies.set(k, v);
    }
  }
  async get(path, headers = {}) {
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    return { res, status: res.status, headers: res.headers, text: await res.text() };
  }
  async post(path, form, headers = {}) {
    const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
    const res = await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
    });
    this.keep(res);
    return { res, status: res.status, headers: res.headers, text: await res.text() };
  }
  // The csrf hidden field of the last page fetched from path.
  static csrfOf(html) { const m = html.match(/name="csrf" value="([0-9a-f]+)"/); return m ? m[1] : null; }
  async signIn(username, password = DEMO_PASSWORD) {
    const page = await this.get('/login');
    const csrf = Client.csrfOf(page.text);
    return this.post('/login', { csrf, username, password });
  }
}
