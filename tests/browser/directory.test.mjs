// tests/browser/directory.test.mjs - the directory of local resources in a
// real browser: Rosa (a link worker) searches for a walking group near a
// postcode, opens it, is told by name what is wrong with a new entry, adds
// one, changes it, marks a stale entry as checked and imports a file with a
// broken record; a GP meets the 403 page on the maintainer pages.  axe-core
// runs on every page visited (see helpers.mjs), the error pages included.
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

test('a link worker finds a walking group near a postcode and reads its page', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'link.lopez');
  await follow(page, page.getByRole('link', { name: /Search the directory/ }));
  assert.equal(await heading(page), 'Find a local service or group');
  await page.getByLabel('What are you looking for?').fill('walking');
  await page.getByLabel('Near postcode (optional)').fill('LS6 3AB');
  await page.getByLabel('Within').selectOption('5');
  await page.getByLabel('Need it helps with').selectOption('social');
  await submit(page, 'Search');
  const main = await page.locator('main').innerText();
  assert.match(main, /services? found near LS6/);
  assert.match(page.url(), /q=walking/, 'the search is in the address, so it can be bookmarked');
  await follow(page, page.locator('main h3 a').first());
  assert.match(await heading(page), /Walking Group/);
  assert.match(await page.locator('main').innerText(), /Every week on Tuesday, 10:00 to 11:30/);
  await visit(page, '/directory?postcode=nowhere', 400);
  assert.match(await page.locator('main').innerText(), /Postcode: enter a postcode or the first part of one/);
  await visit(page, '/directory?q=&page=2');
  assert.match(await page.locator('main').innerText(), /Page 1 of 5/);
});

test('a link worker adds an entry with errors named, changes it, and checks a stale one', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'link.lopez');
  await visit(page, '/directory/services/new');
  await page.getByLabel('Name of the service').fill('Moortown Book Club');
  await page.getByLabel('Organisation name').fill('Leafield Libraries');
  await page.getByLabel('Postcode').fill('LS17');
  await page.getByLabel('How often (a repeat rule)').fill('every Tuesday');
  await submit(page, 'Save the entry', 400);
  const errors = await page.locator('.nhsuk-error-summary').innerText();
  assert.match(errors, /Postcode: enter a UK postcode/);
  assert.match(errors, /How often: /);
  assert.match(errors, /Needs it helps with: tick at least one/);
  await page.getByLabel('Postcode').fill('LS17 6AB');
  await page.getByLabel('How often (a repeat rule)').fill('FREQ=MONTHLY;BYDAY=1MO');
  await page.getByLabel('Starts at').fill('14:00');
  await page.getByLabel('Ends at').fill('15:30');
  await page.getByLabel('Cost in pounds').fill('0');
  await page.getByLabel('Social and relationships').check();
  await page.getByLabel('Mental wellbeing').check();
  await submit(page, 'Save the entry');
  assert.match(await page.locator('main').innerText(), /The entry has been saved/);
  assert.match(await page.locator('main').innerText(), /Every month on the first Monday, 14:00 to 15:30/);
  await follow(page, page.getByRole('link', { name: 'Change this entry' }));
  await page.getByLabel('Name of the service').fill('Moortown Readers');
  await submit(page, 'Save the entry');
  assert.equal(await heading(page), 'Moortown Readers');
  await visit(page, '/directory/stale');
  assert.equal(await heading(page), 'Entries to check');
  await follow(page, page.locator('main table a').first());
  assert.match(await page.locator('main').innerText(), /Check before you suggest it/);
  await submit(page, 'Mark as checked today');
  assert.match(await page.locator('main').innerText(), /The entry has been marked as checked today/);
});

test('a link worker imports a file and reads each record in the report', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'link.lopez');
  await visit(page, '/directory/import');
  await submit(page, 'Import', 400);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /paste the file here/);
  await page.getByLabel("The file's contents").fill(JSON.stringify([
    { id: 'b-1', name: 'Browser Walk', organization: { id: 'b-o', name: 'Browser Org' } },
    { id: 'b-2', name: 'No organisation' },
  ]));
  await submit(page, 'Import');
  const report = await page.getByRole('table', { name: 'Each record in the file' }).innerText();
  assert.match(report, /b-1\s+Browser Walk\s+Imported/);
  assert.match(report, /b-2\s+No organisation\s+Refused: organization/);
});

test('a GP reads the directory but meets the 403 page on the maintainer pages', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'gp.carter');
  await visit(page, '/directory/services/1');
  assert.equal(await page.getByRole('link', { name: 'Change this entry' }).count(), 0);
  for (const path of ['/directory/services/new', '/directory/import', '/directory/stale', '/directory/services/1/edit']) {
    await visit(page, path, 403);
    assert.match(await page.locator('main').innerText(), /Your role does not include this page/);
  }
  await visit(page, '/directory/services/99999', 404);
});
