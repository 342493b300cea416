// tests/browser/letters.test.mjs - the pre-review letter pages in a real
// browser: Sam (a key worker) goes from Margaret's reviews page to her
// letter page, is told by name what is wrong with a reading, adds one and
// sets the review's time and place; then goes from the team worklist to the
// letters worklist.  axe-core runs on every page visited (see helpers.mjs),
// the error pages included.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { follow, heading, launchBrowser, newPage, signIn, submit, visit } from './helpers.mjs';

let server;
let browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `careplan exited with ${code}: ${server?.logs()}`);
});

function q(statement) {
  const r = spawnSync('sqlite3', [server.db, statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

test('the key worker sets the review\'s time and place and adds a reading, with errors named', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  const ep = Number(q("select e.id from episode e join users u on u.person_id = e.person_id where u.username = 'person' and e.stage = 'active'"));
  await visit(page, `/episodes/${ep}/reviews`);
  await follow(page, page.getByRole('link', { name: /Letter before the review/ }));
  assert.match(await heading(page), /Letter before the review: Margaret Hughes/);
  await page.getByLabel('Weight').check();
  await page.getByLabel('Date measured').fill('tomorrow');
  await page.getByLabel('Result', { exact: true }).fill('72.45');
  await submit(page, 'Add the reading', 400);
  const main = await page.locator('main').innerText();
  assert.match(main, /There is a problem/);
  assert.match(main, /Date measured/);
  assert.match(main, /Weight must be a number with at most one decimal place/);
  await page.getByLabel('Date measured').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Result', { exact: true }).fill('72.4');
  await submit(page, 'Add the reading');
  assert.match(await page.locator('main').innerText(), /The reading has been added/);
  assert.match(await page.locator('main').innerText(), /72\.4 kg/);
  await page.getByLabel('Time').fill('9 o\'clock');
  await submit(page, 'Save the time and place', 400);
  assert.match(await page.locator('main').innerText(), /Time of the review must be a 24-hour time/);
  await page.getByLabel('Time').fill('09:15');
  await page.getByLabel('Place').fill('At home');
  await submit(page, 'Save the time and place');
  assert.match(await page.locator('main').innerText(), /It is at 09:15, At home/);
});

test('the team worklist leads to the letters worklist', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await visit(page, '/worklist/team');
  await follow(page, page.getByRole('link', { name: 'Letters before reviews' }));
  assert.equal(await heading(page), 'Letters before reviews');
});
