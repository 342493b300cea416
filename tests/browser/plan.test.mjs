// tests/browser/plan.test.mjs - a key worker builds a care and support plan
// in a real browser for an episode at assessment that has none yet: meets
// the errors of an empty goal form, adds a goal and an action that recurs
// every week, records the agreement, then compares two versions of the
// plan.  axe-core runs on every page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { sql } from '../integ/helpers.mjs';
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

test('a key worker builds a plan with a goal, a recurring action and the agreement, then compares versions', async () => {
  const ep = sql(server.db, "select id from episode where stage = 'assessment' and id not in (select episode_id from care_plan) limit 1");
  assert.ok(Number(ep) > 0, 'an episode at assessment without a plan');
  const today = new Date().toISOString().slice(0, 10);
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await visit(page, `/episodes/${ep}/plan`);
  assert.equal(await heading(page), 'Care and support plan');
  assert.match(await page.locator('#plan-status').innerText(), /No plan saved yet/);

  // A goal: the empty form first.
  await follow(page, page.getByRole('link', { name: 'Add a goal', exact: true }));
  assert.equal(await heading(page), 'Add a goal');
  await page.getByLabel('Goal', { exact: true }).fill('');
  await submit(page, 'Save', 400);
  assert.equal(await page.title(), 'Error: Goals - Careplan');
  const summary = page.locator('.nhsuk-error-summary');
  assert.equal(await summary.getByRole('link', { name: "Enter the goal, in the person's words" }).getAttribute('href'), '#goal_title');
  await page.getByLabel('Goal', { exact: true }).fill('I want to get to the allotment twice a week');
  await page.getByLabel('Target date').fill('2027-03-01');
  await submit(page, 'Save');
  assert.match(await page.locator('#plan-status').innerText(), /Draft, version 1/);
  assert.match(await page.locator('table', { hasText: 'Target date' }).innerText(), /I want to get to the allotment twice a week/);

  // An action that recurs.
  await follow(page, page.getByRole('link', { name: 'Add an action', exact: true }));
  await page.getByLabel('What will be done').fill('Walk to the allotment with a neighbour');
  await page.getByLabel('Goal it works towards').selectOption({ label: 'I want to get to the allotment twice a week' });
  await page.getByRole('group', { name: 'Who does it' }).getByLabel('The person').check();
  await page.getByLabel('How often (a recurrence)').fill('FREQ=WEEKLY;BYDAY=TU,SA');
  await page.getByLabel("The person's confidence (0 to 10)").fill('7');
  await submit(page, 'Save');
  assert.match(await page.locator('#plan-status').innerText(), /Draft, version 2/);
  assert.match(await page.locator('table', { hasText: 'Confidence' }).innerText(), /Every week on Tuesday and Saturday/);

  // The agreement.
  await follow(page, page.getByRole('link', { name: 'Record the agreement' }));
  assert.equal(await heading(page), 'Agreement and review');
  await page.getByRole('group', { name: 'Agreed with' }).getByLabel('The person').check();
  await page.getByLabel('Date agreed').fill(today);
  await page.getByLabel('Review every (days)').fill('90');
  const reviewer = page.getByLabel('Who is responsible for the review');
  const first = await reviewer.locator('option').nth(1).getAttribute('value');
  await reviewer.selectOption(first);
  await submit(page, 'Save');
  const status = await page.locator('#plan-status').innerText();
  assert.match(status, /Agreed, version 3/);
  assert.doesNotMatch(status, /Next review\s+Not set/);

  // Compare: the default is the last two versions; then the first with the last.
  await follow(page, page.getByRole('link', { name: 'Compare versions' }));
  assert.equal(await heading(page), 'Compare versions of the plan');
  assert.match(await page.locator('main').innerText(), /Agreement and review/);
  await page.getByLabel('Earlier version').selectOption('1');
  await page.getByLabel('Later version').selectOption('3');
  await submit(page, 'Compare');
  const text = await page.locator('main').innerText();
  assert.match(text, /Walk to the allotment with a neighbour/);
  assert.match(text, /Added/);
  assert.match(text, /Every week on Tuesday and Saturday/);
  assert.match(text, /Sam Okafor/);
});
