// tests/browser/casefinding.test.mjs - a key worker reads the case-finding
// worklist, filters it by a rule, pages on, and starts care planning for the
// first person in one step, landing on the new episode; a team manager
// imports a small register with a broken row.  axe-core runs on every page
// visited (see helpers.mjs).
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

test('a key worker finds people who may need care planning and starts care planning in one step', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await follow(page, page.getByRole('link', { name: /See people on the register who may need care planning/ }));
  assert.equal(await heading(page), 'People who may need care planning');
  assert.equal(await page.title(), 'People who may need care planning - Careplan');
  const table = page.getByRole('table', { name: /People who may need care planning, 1 to 50/ });
  assert.equal(await table.locator('tbody tr').count(), 50);
  await screenshot(page, 'case-finding');

  // Filter by one rule: every row gives that reason.
  await page.getByLabel('Show people who meet').selectOption({ label: 'Has moderate or severe frailty' });
  await submit(page, 'Show');
  const whys = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  assert.ok(whys.length > 0);
  for (const w of whys) assert.match(w, /Has moderate or severe frailty/);

  // Page on and back.
  await visit(page, '/case-finding');
  await follow(page, page.getByRole('link', { name: /Next/ }));
  assert.match(await page.getByRole('table').getAttribute('role'), /table/);
  assert.equal(await page.locator('caption').innerText(), 'People who may need care planning, 51 to 100');
  await follow(page, page.getByRole('link', { name: /Previous/ }));

  // One step: the first person's button, then their new episode at entry.
  const first = page.locator('tbody tr').first();
  const name = (await first.locator('td').first().innerText()).split('\n')[0].replace(/^Name\s*/, '').trim();
  await submit(page, `Start care planning for ${name}`);
  assert.match(new URL(page.url()).pathname, /^\/episodes\/\d+$/);
  assert.match(await page.locator('main').innerText(), /Found by case finding/);
  assert.match(await page.locator('main').innerText(), /Not recorded yet: ask at first contact/);
  await screenshot(page, 'case-finding-entered');
  await visit(page, '/case-finding');
  assert.doesNotMatch(await page.locator('tbody').innerText(), new RegExp(`${name}\\n`));
});

test('a team manager imports a small register; a broken row is reported with its line', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'manager');
  await follow(page, page.getByRole('link', { name: 'Import the population register' }));
  assert.equal(await heading(page), 'Import the population register');
  await submit(page, 'Import', 400);
  assert.equal(await page.title(), 'Error: Import the population register - Careplan');
  await page.getByLabel('The register, as CSV').fill(
    'nhs_number,given_name,family_name,birth_date,postcode,conditions,frailty,emergency_admissions_12m,' +
    'ae_attendances_12m,lives_alone,is_carer,has_carer\n' +
    '9990000018,Ann,Able,1940-02-03,,COPD;Asthma,severe,3,0,yes,no,no\n' +
    '9990000019,Bad,Number,1940-02-03,,,,0,0,no,no,no\n');
  await submit(page, 'Import');
  assert.equal(await heading(page), 'The register was imported');
  const refused = page.getByRole('table', { name: 'Refused rows' });
  assert.match(await refused.innerText(), /3\s+nhs_number is not a valid NHS number/);
  await checkA11y(page);
});
