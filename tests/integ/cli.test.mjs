// cli.test.mjs - the careplan command line: usage errors, user accounts,
// version, database versions and where settings come from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, Client, ROOT, careplan, tempDb } from '../lib/server.mjs';
import { NodeClient, serve, sql } from './helpers.mjs';

const NEW_PASSWORD = 'plum-orbit-canal-42';

function scratch(t, demo = true) {
  const d = tempDb(demo);
  t.after(d.cleanup);
  return d;
}

// ---- usage errors ---------------------------------------------------------------------------

test('an unknown command exits 2 with the usage on stderr', () => {
  for (const args of [['bogus'], ['user', 'frobnicate'], ['audit', 'explode'], []]) {
    const r = careplan(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^careplan: /);
    assert.match(r.stderr, /usage: careplan COMMAND/);
    assert.equal(r.stdout, '');
  }
  assert.match(careplan(['bogus']).stderr, /unknown command "bogus"/);
  assert.match(careplan([]).stderr, /no command given/);
});

test('an unknown flag exits 2 with the usage on stderr', () => {
  for (const args of [['version', '--bogus'], ['serve', '--nope', '1'], ['init', '-x'], ['user', 'list', '--db']]) {
    const r = careplan(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /usage: careplan COMMAND/);
  }
  assert.match(careplan(['version', '--bogus']).stderr, /unknown option "--bogus"/);
  assert.match(careplan(['user', 'list', '--db']).stderr, /option "--db" needs a value/);
});

test('help lists every command and setting on stdout', () => {
  const r = careplan(['help']);
  assert.equal(r.status, 0);
  for (const word of ['serve', 'init', 'demo', 'user add', 'user passwd', 'user list', 'audit verify', 'backup', 'version',
    '--db', '--listen', '--session-idle', '--signin-failures', 'CAREPLAN_DB'])
    assert.ok(r.stdout.includes(word), word);
  assert.equal(careplan(['--help']).status, 0);
});

test('version prints the version from the VERSION file', () => {
  const r = careplan(['version']);
  assert.equal(r.status, 0);
  const v = readFileSync(join(ROOT, 'VERSION'), 'utf8').trim();
  assert.match(r.stdout, new RegExp(`^careplan ${v.replace(/\./g, '\\.')} \\(schema \\d+, SQLite, libmicrohttpd, libsodium [\\d.]+\\)\\n$`));
});

test('bad numeric settings for serve exit 2 naming the setting', (t) => {
  const d = scratch(t);
  for (const [flag, value] of [['--session-idle', '0'], ['--threads', 'many'], ['--signin-failures', '-1'], ['--cache-mib', '0'], ['--cache-mib', '5000']]) {
    const r = spawnSync(BIN, ['serve', '--db', d.db, '--listen', '127.0.0.1:0', flag, value], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2, `${flag} ${value}`);
    assert.match(r.stderr, new RegExp(`${flag} "${value}" must be a whole number`));
  }
  const r = spawnSync(BIN, ['serve', '--db', d.db, '--listen', 'localhost'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /listen address "localhost" needs a port/);
});

// ---- user accounts ------------------------------------------------------------------------------

test('user add refuses a bad role, a short or common password and a bad username, naming the field', (t) => {
  const d = scratch(t);
  const add = (args, pw = NEW_PASSWORD) => careplan(['user', 'add', ...args, '--db', d.db], { input: `${pw}\n` });
  const users = sql(d.db, 'select count(*) from users');
  const cases = [
    [['new.user', '--role', 'wizard'], NEW_PASSWORD, /role "wizard" is not known; choose one of: administrator, /],
    [['new.user', '--role', 'key_worker'], 'short', /password: Password must be at least 10 characters/],
    [['new.user', '--role', 'key_worker'], 'password123', /password: Password is too common/],
    [['new.user', '--role', 'key_worker'], '1234567890123', /password: Password is too common/],
    [['New User', '--role', 'key_worker'], NEW_PASSWORD, /username "New User" is not valid/],
    [['new.user', '--role', 'professional'], NEW_PASSWORD, /discipline "" is required for a professional/],
    [['new.user', '--role', 'professional', '--discipline', 'wizardry'], NEW_PASSWORD, /discipline "wizardry" is not known/],
  ];
  for (const [args, pw, msg] of cases) {
    const r = add(args, pw);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^careplan: cannot add user: /);
    assert.match(r.stderr, msg);
  }
  assert.equal(sql(d.db, 'select count(*) from users'), users, 'nothing was added');
  // Usage errors: no --role, no username.
  assert.equal(careplan(['user', 'add', 'x.y', '--db', d.db], { input: `${NEW_PASSWORD}\n` }).status, 2);
  assert.equal(careplan(['user', 'add', '--role', 'carer', '--db', d.db], { input: `${NEW_PASSWORD}\n` }).status, 2);
  // The same username twice.
  const dup = add(['admin', '--role', 'administrator']);
  assert.equal(dup.status, 1);
  assert.match(dup.stderr, /admin/);
});

test('user add, then signing in with the new account works; user passwd changes the password', async (t) => {
  const d = scratch(t);
  const add = careplan(['user', 'add', 'tess.worker', '--role', 'key_worker', '--name', 'Tess Worker', '--team', '1', '--db', d.db],
    { input: `${NEW_PASSWORD}\n` });
  assert.equal(add.status, 0, add.stderr);
  assert.match(add.stdout, /^added user tess\.worker \(id \d+, Key worker\)/);
  assert.equal(sql(d.db, "select action from audit order by id desc limit 1"), 'user.create');

  const s = await serve(t, { db: d.db });
  const c = new Client(s.url);
  assert.equal((await c.signIn('tess.worker', NEW_PASSWORD)).status, 303);
  const home = await c.get('/');
  assert.match(home.text, /Tess Worker\s*\(Key worker\)/);
  assert.equal((await c.get('/team')).status, 200, 'a key worker may see the team');

  // While the server runs, change the password.
  const changed = 'velvet-harbour-moss-93';
  const pw = careplan(['user', 'passwd', 'tess.worker', '--db', d.db], { input: `${changed}\n` });
  assert.equal(pw.status, 0, pw.stderr);
  assert.match(pw.stdout, /password changed for tess\.worker/);
  assert.equal((await new NodeClient(s.url, { localAddress: '127.0.0.2' }).signIn('tess.worker', NEW_PASSWORD)).status, 401);
  assert.equal((await new Client(s.url).signIn('tess.worker', changed)).status, 303);

  // passwd checks the policy and the user.
  const weak = careplan(['user', 'passwd', 'tess.worker', '--db', d.db], { input: 'short\n' });
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /at least 10 characters/);
  const nobody = careplan(['user', 'passwd', 'no.such.user', '--db', d.db], { input: `${changed}\n` });
  assert.equal(nobody.status, 1);
  assert.match(nobody.stderr, /no user is called "no\.such\.user"/);
  const empty = careplan(['user', 'passwd', 'tess.worker', '--db', d.db], { input: '' });
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /no password given on standard input/);
});

test('user list shows every account with its role', (t) => {
  const d = scratch(t);
  careplan(['user', 'add', 'ops.admin', '--role', 'administrator', '--name', 'Opal Smith', '--db', d.db], { input: `${NEW_PASSWORD}\n` });
  const r = careplan(['user', 'list', '--db', d.db]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^id\s+username\s+role\s+discipline\s+name$/);
  assert.equal(lines.length - 1, Number(sql(d.db, 'select count(*) from users')));
  assert.ok(lines.some((l) => /^\d+\s+ops\.admin\s+administrator\s+-\s+Opal Smith$/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /^\d+\s+gp\.carter\s+professional\s+gp\s+Dr Helen Carter$/.test(l)), r.stdout);
  assert.ok(!r.stdout.includes('$argon2'), 'no password hashes');
});

// ---- databases and settings --------------------------------------------------------------------

test('a database from a newer version is refused, naming the newer version', (t) => {
  const d = scratch(t);
  sql(d.db, 'PRAGMA user_version=99');
  for (const args of [['user', 'list'], ['init'], ['audit', 'verify']]) {
    const r = careplan([...args, '--db', d.db]);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, /schema version 99/);
    assert.match(r.stderr, /newer version/);
  }
  const s = spawnSync(BIN, ['serve', '--db', d.db, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(s.status, 1, 'serve refuses to start');
  assert.match(s.stderr, /newer version/);
  assert.equal(sql(d.db, 'PRAGMA user_version'), '99', 'the database was not touched');
});

test('settings come from CAREPLAN_* variables, and flags win over them', (t) => {
  const d = scratch(t, false);
  const envDb = join(d.dir, 'from-env.db');
  const r = careplan(['init'], { env: { CAREPLAN_DB: envDb } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /from-env\.db is ready/);
  assert.ok(existsSync(envDb));
  const flagDb = join(d.dir, 'from-flag.db');
  assert.equal(careplan(['init', '--db', flagDb], { env: { CAREPLAN_DB: join(d.dir, 'unused.db') } }).status, 0);
  assert.ok(existsSync(flagDb));
  assert.ok(!existsSync(join(d.dir, 'unused.db')), 'the flag won');
  assert.equal(careplan(['version'], { env: { CAREPLAN_LOG_LEVEL: 'loud' } }).status, 2, 'bad values from the environment are checked');
});

test('settings come from --config FILE, below the environment', async (t) => {
  const d = scratch(t);
  const conf = join(d.dir, 'careplan.conf');
  writeFileSync(conf, `# careplan settings\ndb = ${d.db}\nsignin-failures = 2\n`);
  const list = careplan(['user', 'list', '--config', conf]);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /admin\s+administrator/);
  // CAREPLAN_CONFIG names the file too; CAREPLAN_DB overrides its db.
  assert.equal(careplan(['user', 'list'], { env: { CAREPLAN_CONFIG: conf } }).status, 0);
  const other = join(d.dir, 'other.db');
  careplan(['init', '--config', conf], { env: { CAREPLAN_DB: other } });
  assert.ok(existsSync(other), 'the environment won over the file');

  // serve takes the file's signin-failures: two failures lock the username.
  const s = await serve(t, { args: ['--config', conf] });
  const c = new Client(s.url);
  for (let i = 0; i < 2; i++) assert.equal((await c.signIn('pharm.kim', 'wrong-password-abc')).status, 401);
  assert.equal((await c.signIn('pharm.kim')).status, 429);

  // A bad file is refused, naming the problem.
  const bad = join(d.dir, 'bad.conf');
  writeFileSync(bad, 'colour = blue\n');
  const r = careplan(['version', '--config', bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown setting "colour"/);
  const missing = careplan(['version', '--config', join(d.dir, 'nope.conf')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.conf/);
});

// ---- the plain-language glossary --------------------------------------------------------------

test('glossary prints the built-in list, extended by an organisation file; a broken file names its line', (t) => {
  const builtIn = careplan(['glossary']);
  assert.equal(builtIn.status, 0);
  const lines = builtIn.stdout.trimEnd().split('\n');
  assert.ok(lines.filter((l) => /^[^\t]+\t.+$/.test(l)).length >= 150, 'at least 150 explained terms');
  assert.ok(lines.includes('SOB\tshort of breath'));

  const d = scratch(t, false);
  const file = join(d.dir, 'glossary.tsv');
  writeFileSync(file, '# ours\nCGA\tan all-round assessment of an older person\nSOB\tbreathless\n');
  const ours = careplan(['glossary', '--glossary', file]);
  assert.equal(ours.status, 0, ours.stderr);
  assert.ok(ours.stdout.includes('CGA\tan all-round assessment of an older person\n'));
  assert.ok(ours.stdout.includes('SOB\tbreathless\n'));
  assert.equal(ours.stdout.trimEnd().split('\n').length, lines.length + 1);

  writeFileSync(file, 'CGA\tfine\njust words\n');
  const broken = careplan(['glossary'], { env: { CAREPLAN_GLOSSARY: file } });
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /glossary .*glossary\.tsv, line 2: expected a term, a tab/);
  const serve = careplan(['serve', '--db', d.db, '--listen', '127.0.0.1:0', '--glossary', join(d.dir, 'none.tsv')]);
  assert.equal(serve.status, 2);
  assert.match(serve.stderr, /glossary .*none\.tsv: cannot read it/);
});
