// scripts/deps: a missing package that cannot be installed gives a clear
// message (what to run, and why), not a compiler error later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/server.mjs';

const deps = `${ROOT}/scripts/deps`;

test('with everything installed, scripts/deps does nothing and succeeds', () => {
  const r = spawnSync(deps, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
});

test('a missing package without root names the package and the command to run as root', (t) => {
  if (spawnSync('setpriv', ['--version']).status !== 0) return t.skip('setpriv is not available');
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', deps], {
    encoding: 'utf8',
    env: { ...process.env, CAREPLAN_DEPS_EXTRA: 'careplan-no-such-package' },
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /needs root/);
  assert.match(r.stderr, /apt-get install careplan-no-such-package/);
  assert.doesNotMatch(r.stderr, /error:|undefined reference/);
});

test('when apt-get cannot reach the mirror, the message says so and shows what apt-get said', (t) => {
  if (process.getuid() !== 0) return t.skip('needs root to reach the apt-get step');
  const dir = mkdtempSync(join(tmpdir(), 'careplan-deps-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A stand-in apt-get that fails the way it does with no network.
  writeFileSync(join(dir, 'apt-get'),
    '#!/bin/sh\necho "Temporary failure resolving \'deb.debian.org\'" >&2\nexit 100\n', { mode: 0o755 });
  const r = spawnSync(deps, {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, CAREPLAN_DEPS_EXTRA: 'careplan-no-such-package' },
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /could not install careplan-no-such-package with apt-get/);
  assert.match(r.stderr, /reach its Debian package mirror/);
  assert.match(r.stderr, /Temporary failure resolving/);
});
