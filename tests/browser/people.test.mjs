// tests/browser/people.test.mjs - a key worker finds Margaret Hughes, opens
// her record, adds a new person, meets the error for a wrong NHS number, puts
// it right, changes a detail and adds a contact, all in a real browser.
// axe-core runs on every page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import {
  assertNhsStyled, checkA11y, follow, heading, launchBrowser, newPage, screenshot, signIn, submit,
} from './helpers.mjs';

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

// The value shown beside a key in the page's summary list.
async function summaryValue(page, key) {
  const row = page.locator('.nhsuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) });
  return (await row.locator('dd').innerText()).trim();
}

test('a key worker finds Margaret Hughes and opens her record', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await follow(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/people');
  assert.equal(await page.title(), 'Find a person - Careplan');
  assert.equal(await heading(page), 'Find a person');
  await assertNhsStyled(page);
  assert.equal(await page.locator('#results').count(), 0, 'no results before a search');

  // Every field has a label, and its hint is tied to it.
  const name = page.getByLabel('Name', { exact: true });
  assert.equal(await name.getAttribute('aria-describedby'), 'name-hint');
  await name.fill('Margaret Hughes');
  await submit(page, 'Search');
  assert.equal(await page.locator('#results').innerText(), '1 person found');
  const table = page.getByRole('table', { name: 'People found' });
  assert.match(await table.innerText(), /Hughes, Margaret \(Maggie\)\s+22 January 1953\s+999 821 9132/);
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Margaret Hughes', 'the search is kept');

  await follow(page, table.getByRole('link', { name: 'Hughes, Margaret (Maggie)' }));
  assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/);
  assert.equal(await heading(page), 'Margaret Hughes');
  assert.equal(await page.title(), 'Margaret Hughes - Careplan');
  assert.equal(await summaryValue(page, 'NHS number'), '999 821 9132');
  assert.equal(await summaryValue(page, 'Date of birth'), '22 January 1953');
  assert.equal(await summaryValue(page, 'Preferred name'), 'Maggie');
  const contacts = page.getByRole('table', { name: 'Contacts' });
  assert.match(await contacts.innerText(), /David Hughes\s+husband\s+Carer/);
  // The People menu item is current on her record too.
  const current = page.getByRole('navigation', { name: 'Menu' }).locator('[aria-current="page"]');
  assert.equal(await current.getAttribute('href'), '/people');
  await screenshot(page, 'person-record');

  // Searching by NHS number, with spaces, finds her too.
  await follow(page, page.getByRole('link', { name: 'Find another person' }));
  await page.getByLabel('NHS number', { exact: true }).fill('999 821 9132');
  await submit(page, 'Search');
  assert.equal(await page.locator('#results').innerText(), '1 person found');
  await page.context().close();
});

test('a key worker adds a person, is told the NHS number is wrong, and puts it right', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await follow(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People', exact: true }));
  await follow(page, page.getByRole('link', { name: 'add a new person' }));
  assert.equal(await heading(page), 'Add a person');
  await assertNhsStyled(page);

  await page.getByLabel('Given name', { exact: true }).fill('Olu');
  await page.getByLabel('Family name', { exact: true }).fill('Browsertest');
  await page.getByLabel('Preferred name (optional)', { exact: true }).fill('Lu');
  await page.getByLabel('Date of birth', { exact: true }).fill('1958-07-04');
  await page.getByLabel('NHS number', { exact: true }).fill('943 476 5918'); // wrong check digit
  await page.getByLabel('Address (optional)', { exact: true }).fill('12 Station Street\nKingsmead');
  await page.getByLabel('Postcode (optional)', { exact: true }).fill('zz99 4ef');
  await page.getByLabel('Communication needs (optional)', { exact: true }).fill('Prefers letters in large print');
  await submit(page, 'Add person', 400);

  assert.equal(await page.title(), 'Error: Add a person - Careplan');
  const summary = page.locator('.nhsuk-error-summary');
  assert.equal(await summary.getAttribute('role'), 'alert');
  const link = summary.getByRole('link', { name: /NHS number 943 476 5918 is not valid: its check digit/ });
  assert.equal(await link.getAttribute('href'), '#nhs_number');
  const nhs = page.getByLabel('NHS number', { exact: true });
  assert.equal(await nhs.inputValue(), '943 476 5918', 'what was typed is kept');
  assert.equal(await nhs.getAttribute('aria-describedby'), 'nhs_number-hint nhs_number-error');
  assert.match(await page.locator('#nhs_number-error').textContent(), /^Error:\s+NHS number 943 476 5918 is not valid/);
  assert.equal(await page.getByLabel('Given name', { exact: true }).inputValue(), 'Olu');
  assert.equal(await page.getByLabel('Address (optional)', { exact: true }).inputValue(), '12 Station Street\nKingsmead');
  // The summary's link takes the keyboard to the field.
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'nhs_number');
  await checkA11y(page, 'the form with its error, focused');
  await screenshot(page, 'person-error');

  await nhs.fill('943 476 5919');
  await submit(page, 'Add person');
  assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/);
  assert.equal(await heading(page), 'Olu Browsertest');
  assert.equal(await summaryValue(page, 'NHS number'), '943 476 5919');
  assert.equal(await summaryValue(page, 'Postcode'), 'ZZ99 4EF');
  assert.equal(await summaryValue(page, 'Communication needs'), 'Prefers letters in large print');
  assert.equal(await page.getByText('No contacts recorded.').count(), 1);

  // Change a detail.
  await follow(page, page.getByRole('link', { name: 'Change personal details for Olu Browsertest' }));
  assert.equal(await heading(page), 'Change personal details');
  assert.equal(await page.getByLabel('NHS number', { exact: true }).inputValue(), '943 476 5919');
  await page.getByLabel('Phone number (optional)', { exact: true }).fill('01632 960321');
  await submit(page, 'Save changes');
  assert.equal(await summaryValue(page, 'Phone number'), '01632 960321');

  // Add a contact, first forgetting the relationship.
  await follow(page, page.getByRole('link', { name: 'Add a contact for Olu Browsertest' }));
  assert.equal(await heading(page), 'Add a contact');
  await page.getByLabel('Full name', { exact: true }).fill('Ade Browsertest');
  await page.getByLabel('Next of kin', { exact: true }).check();
  await page.getByLabel('Emergency contact', { exact: true }).check();
  await submit(page, 'Add contact', 400);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter how the contact is related/);
  assert.ok(await page.getByLabel('Next of kin', { exact: true }).isChecked(), 'ticks are kept');
  await page.getByLabel('Relationship to the person', { exact: true }).fill('brother');
  await submit(page, 'Add contact');
  const contacts = page.getByRole('table', { name: 'Contacts' });
  assert.match(await contacts.innerText(), /Ade Browsertest\s+brother\s+Next of kin\s+Emergency contact/);
  await page.context().close();
});
