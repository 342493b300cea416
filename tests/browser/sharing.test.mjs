// tests/browser/sharing.test.mjs - the sharing settings in a real browser:
// the person ticks who may see each part of their plan and sees the change
// listed; the key worker records an agreement, meets the error when the
// agreement tick is missing, and puts it right.  axe-core runs on every page
// visited, the error state included (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { assertNhsStyled, follow, heading, launchBrowser, newPage, signIn, submit } from './helpers.mjs';

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

test('the person opens the budget to David and sees the change listed', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'person');
  await follow(page, page.getByRole('link', { name: 'Who can see each part of my plan' }));
  assert.equal(await heading(page), 'Who can see each part of my plan');
  await assertNhsStyled(page);
  const budget = page.getByRole('group', { name: 'Personal budget' });
  const david = budget.getByRole('checkbox', { name: 'David Hughes, your carer' });
  assert.equal(await david.isChecked(), false);
  await david.check();
  await submit(page, 'Save who can see each part');
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /Saved/);
  assert.equal(await page.getByRole('group', { name: 'Personal budget' })
    .getByRole('checkbox', { name: 'David Hughes, your carer' }).isChecked(), true);
  const changes = page.getByRole('table', { name: 'Changes to who can see each part' });
  assert.match(await changes.innerText(), /Personal budget[\s\S]*David Hughes: may see it/);
});

test('the key worker must tick the agreement; the error names it and nothing is saved', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await page.goto(`${server.url}/people/1`);
  await follow(page, page.getByRole('link', { name: /Who can see each part of the plan/ }));
  assert.equal(await heading(page), 'Who can see each part of Margaret Hughes\'s plan');
  await page.getByRole('group', { name: 'Team notes' }).getByRole('checkbox', { name: 'The person themself' }).check();
  await submit(page, 'Save who can see each part', 400);
  assert.equal(await page.title(), 'Error: Who can see each part of the plan - Careplan');
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /I have agreed this with Margaret Hughes/);
  await page.getByRole('checkbox', { name: 'I have agreed this with Margaret Hughes' }).check();
  await submit(page, 'Save who can see each part');
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /Saved/);
});
