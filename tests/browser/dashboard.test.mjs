// tests/browser/dashboard.test.mjs - the evaluation figures in a real
// browser: the team manager reads the team dashboard (charts with their
// tables, a filter by level and period, a bad period named), and the
// commissioner reads the service view of the same figures with small
// numbers hidden and no one named.  axe-core runs on every page visited
// (helpers.mjs), the error page included.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { follow, heading, launchBrowser, newPage, screenshot, signIn, submit, visit } from './helpers.mjs';

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

test('the team manager reads the dashboard from home, filters it, and is told a bad period by name', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'manager');
  await follow(page, page.getByRole('link', { name: /See your team's figures/ }));
  assert.equal(await heading(page), 'Team dashboard');
  const main = page.locator('main');
  // Every chart is an image with a name, and its table has a caption.
  const charts = page.getByRole('img', { name: 'Plans agreed each month' });
  assert.equal(await charts.count(), 1);
  assert.match(await page.locator('svg desc').first().textContent(), /Episodes of care planning open today/);
  const table = page.getByRole('table', { name: 'Plans agreed each month' });
  assert.equal(await table.count(), 1);
  assert.match(await page.getByRole('table', { name: 'Plans agreed in the period, by level of care' }).innerText(),
    /Every level\s+12\s/);
  assert.match(await main.innerText(), /Hospital use per person per year, before and after the plan/);
  await screenshot(page, 'dashboard-manager');

  await page.getByLabel('Level of care', { exact: true }).selectOption('2');
  await page.getByLabel('Period', { exact: true }).selectOption('24');
  await submit(page, 'Show figures');
  assert.match(page.url(), /level=2/);
  const levels = await page.getByRole('table', { name: 'Open episodes by level of care and stage' }).innerText();
  assert.match(levels, /Level 2/);
  assert.doesNotMatch(levels, /Level 1|Level 3/);

  await visit(page, '/dashboard?months=7', 400);
  assert.match(await main.innerText(), /There is a problem/);
  assert.match(await main.innerText(), /Period must be the last 3, 6, 12 or 24 months/);
  assert.equal(await page.getByRole('link', { name: /Period must be/ }).getAttribute('href'), '#months');
  assert.equal(await page.getByLabel('Period', { exact: true }).getAttribute('aria-describedby'), 'months-error');
});

test('the commissioner reads the service figures with small numbers hidden and no one named', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'commissioner');
  await follow(page, page.getByRole('link', { name: 'See figures for the whole service, with no names' }));
  assert.equal(await heading(page), 'Service figures');
  const text = await page.locator('main').innerText();
  assert.match(text, /fewer than 5/);
  assert.doesNotMatch(text, /Margaret|Hughes|\b999 ?\d{3} ?\d{4}\b/);
  assert.equal(await page.getByRole('img', { name: 'Reviews held each month, on time and late' }).count(), 1);
  await page.getByLabel('Team', { exact: true }).selectOption({ index: 1 });
  await submit(page, 'Show figures');
  assert.match(page.url(), /team=1/);
  await screenshot(page, 'dashboard-commissioner');
});
