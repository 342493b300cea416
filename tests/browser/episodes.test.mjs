// tests/browser/episodes.test.mjs - a key worker opens Kenneth Kelly's
// record (a demo person with no episode yet), starts an episode of care planning for him (meeting the errors of
// an empty form first), and moves it on to assessment, in a real browser.
// axe-core runs on every page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { checkA11y, follow, heading, launchBrowser, newPage, screenshot, signIn, submit, visit } from './helpers.mjs';

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

async function summaryValue(page, key) {
  const row = page.locator('.nhsuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) });
  return (await row.first().locator('dd').innerText()).trim();
}

test('a key worker starts an episode for Kenneth Kelly and moves it to assessment', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await visit(page, '/people?nhs_number=9996822788');
  await follow(page, page.getByRole('link', { name: 'Kelly, Kenneth' }));
  assert.equal(await heading(page), 'Kenneth Kelly');
  assert.match(await page.locator('#episodes').innerText(), /Episodes of care planning/);
  await follow(page, page.getByRole('link', { name: 'Start an episode for Kenneth Kelly' }));
  assert.equal(await heading(page), 'Start an episode');
  assert.equal(await page.title(), 'Start an episode - Careplan');

  // An empty form: every problem listed, linked to its field, nothing saved.
  await submit(page, 'Start episode', 400);
  assert.equal(await page.title(), 'Error: Start an episode - Careplan');
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /Select how they came to us/);
  assert.match(await summary.innerText(), /Select the level of care/);
  assert.equal(await summary.getByRole('link', { name: 'Enter the reason' }).getAttribute('href'), '#reason');

  await page.getByLabel('A referral').check();
  await page.getByLabel('Who referred them').fill('Dr Carter, Riverside Surgery');
  await page.getByLabel('Soon').check();
  await page.getByLabel('Date of referral').fill('2026-01-10');
  await page.getByLabel('Reason', { exact: true }).fill('Falls at home');
  await page.getByLabel('Level 2: disease-specific care management').check();
  await page.getByRole('group', { name: 'Who gave consent to assessment?' }).getByLabel('The person').check();
  await page.getByLabel('Date consent to assessment was given').fill('2026-01-12');
  await page.getByLabel('What was agreed (consent to assessment)').fill('Assessment at home');
  await page.getByRole('group', { name: 'Who gave consent to sharing information?' }).getByLabel('A representative').check();
  await page.getByLabel("Representative's name (consent to sharing)").fill('Ruth Kelly');
  await page.getByLabel('Date consent to sharing was given').fill('2026-01-12');
  await page.getByLabel('What was agreed (consent to sharing)').fill('With his GP');
  await submit(page, 'Start episode');
  assert.match(new URL(page.url()).pathname, /^\/episodes\/\d+$/);
  assert.equal(await heading(page), 'Episode of care planning');
  assert.equal(await summaryValue(page, 'Stage'), 'Entry');
  assert.equal(await summaryValue(page, 'Level of care'), 'Level 2: disease-specific care management');
  assert.equal(await summaryValue(page, 'Key worker'), 'Sam Okafor');
  await screenshot(page, 'episode-entry');

  // Only the allowed next stages are offered.
  const moveTo = page.getByRole('group', { name: 'Move the episode to' });
  assert.equal(await moveTo.getByRole('radio').count(), 2);
  await moveTo.getByLabel('Assessment').check();
  await page.getByLabel('Why', { exact: true }).fill('Assessment visit booked');
  await submit(page, 'Move stage');
  assert.equal(await summaryValue(page, 'Stage'), 'Assessment');
  const history = page.getByRole('table', { name: 'Every change of stage, level and key worker' });
  assert.match(await history.innerText(), /Stage: Entry to Assessment/);
  assert.match(await history.innerText(), /Assessment visit booked/);
  await checkA11y(page, 'episode at assessment');

  await follow(page, page.getByRole('link', { name: 'Back to Kenneth Kelly' }));
  const episodes = page.getByRole('table', { name: 'Episodes' });
  assert.match(await episodes.innerText(), /Current episode\s+Assessment\s+Level 2/);
  assert.equal(await page.getByRole('link', { name: /Start an episode/ }).count(), 0);
  assert.ok(page.checked >= 7, `axe ran on every page (${page.checked})`);
});
