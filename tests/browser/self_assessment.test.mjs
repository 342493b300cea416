// tests/browser/self_assessment.test.mjs - the self-assessment toolkit in a
// real browser: the team manager goes from home to the self-assessments,
// starts one (told by name what is wrong first), answers the Assessment
// stage with the live evidence beside each item, agrees an action, reads it
// all back on the self-assessment's page, and compares it with the demo's
// earlier one.  axe-core runs on every page visited (see helpers.mjs), the
// error pages included.
import assert from 'node:assert/strict';
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

const today = new Date().toISOString().slice(0, 10);

test('the team manager records a self-assessment, reads it back and compares it', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'manager');
  await follow(page, page.getByRole('link', { name: /Assess the team's care planning/ }));
  assert.equal(await heading(page), 'Self-assessments of care planning');
  assert.match(await page.locator('main').innerText(), /Self-assessment, autumn/);

  // Start one: a missing title is named.
  await page.getByLabel('Title').fill('');
  await page.getByLabel('Date it is for').fill(today);
  await submit(page, 'Start the self-assessment', 400);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter a title for the self-assessment/);
  await page.getByLabel('Title').fill('Browser check');
  await submit(page, 'Start the self-assessment');
  assert.match(await heading(page), /Answer the self-assessment: Browser check/);
  const main = await page.locator('main').innerText();
  assert.match(main, /The self-assessment has been started/);
  assert.match(main, /active episodes \(\d+%\) have a named key worker now/);
  assert.match(main, /Careplan holds no data on this; answer from your own knowledge/);

  // Answer two items of the Assessment stage, with a comment.
  const a1 = page.getByRole('group', { name: /^A1\. Every person has a named key worker/ });
  await a1.getByLabel('Yes').check();
  await page.getByLabel('Comment on A1 (optional)').fill('Checked at the weekly meeting');
  const a5 = page.getByRole('group', { name: /^A5\. / });
  await a5.getByLabel('Partly').check();
  await submit(page, 'Save the answers for Assessment');
  assert.match(await page.locator('main').innerText(), /The answers have been saved/);
  assert.equal(await page.getByRole('group', { name: /^A1\. / }).getByLabel('Yes').isChecked(), true);

  // An action: missing words are named, then it is added.
  await page.getByLabel('Item of the toolkit').selectOption('A5');
  await page.getByLabel('Who owns it', { exact: true }).selectOption({ label: 'Sam Okafor' });
  await submit(page, 'Add the action', 400);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter the action agreed/);
  await page.getByLabel('What will be done').fill('Ask about housing and money at the first visit');
  await page.getByLabel('Due date (optional)').fill('2027-03-31');
  await submit(page, 'Add the action');
  assert.match(await page.locator('main').innerText(), /The action has been added/);

  // Read it back.
  await follow(page, page.getByRole('link', { name: 'Back to the self-assessment' }));
  assert.equal(await heading(page), 'Browser check');
  const view = await page.locator('main').innerText();
  assert.match(view, /2 of 33 items answered/);
  assert.match(view, /Checked at the weekly meeting/);
  assert.match(view, /Evidence when answered: \d+ of \d+ active episodes/);
  assert.match(view, /Ask about housing and money at the first visit\s+\(owner: Sam Okafor; due 31 March 2027; open\)/);
  await submit(page, /^Mark as done.*Ask about housing/);
  assert.match(await page.locator('main').innerText(), /The action has been marked as done/);

  // Compare with the demo's spring self-assessment.
  await follow(page, page.getByRole('link', { name: 'Compare with another self-assessment' }));
  await page.getByLabel('Earlier self-assessment').selectOption('1') // the demo's spring one;
  await submit(page, 'Compare');
  const cmp = await page.locator('main').innerText();
  assert.match(cmp, /The earlier one is Self-assessment, spring/);
  const row = await page.getByRole('row', { name: /^A1\. / }).innerText();
  assert.match(row, /Partly[\s\S]*Yes[\s\S]*Better/);
  assert.match(await page.getByRole('row', { name: /^E2\. / }).innerText(), /Answered only in the earlier one/);
});

test('other roles are refused the self-assessments', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await visit(page, '/self-assessments', 403);
});
