// tests/browser/calendar.test.mjs - calendar pages in a real browser: Margaret
// (the demo person) goes from My plan to My calendar, makes an address (shown
// once), renews it and revokes it; David (her carer) makes his for her plan;
// Sam (a key worker) goes from his worklist to his calendar of reviews.
// axe-core runs on every page visited (see helpers.mjs).
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

test('the person makes, renews and revokes their calendar address', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'person');
  await visit(page, '/my');
  await follow(page, page.getByRole('link', { name: 'My calendar', exact: true }));
  assert.equal(await heading(page), 'My calendar');
  await submit(page, 'Make a calendar address');
  const first = await page.getByLabel('Calendar address').inputValue();
  assert.match(first, /\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.match(await page.locator('main').innerText(), /shown only this once/);
  await submit(page, 'Make a new address (the old one stops working)');
  const second = await page.getByLabel('Calendar address').inputValue();
  assert.notEqual(second, first);
  await submit(page, 'Revoke the address');
  assert.match(await page.locator('main').innerText(), /The calendar address has been revoked/);
  assert.equal(await page.getByLabel('Calendar address').count(), 0);
  await visit(page, '/my/timetable');
  await follow(page, page.getByRole('link', { name: 'Put these visits in the calendar on my phone or computer' }));
  assert.equal(await heading(page), 'My calendar');
});

test('the carer makes an address for the plan shared with them', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'carer');
  await visit(page, '/cared-for/1');
  await follow(page, page.getByRole('link', { name: 'Calendar', exact: true }));
  assert.equal(await heading(page), "Calendar of Margaret's care");
  await submit(page, 'Make a calendar address');
  assert.match(await page.getByLabel('Calendar address').inputValue(), /\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
});

test('the key worker goes from the worklist to a calendar of reviews and check-ins', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await visit(page, '/worklist');
  await follow(page, page.getByRole('link', { name: 'Put my reviews and check-ins in my calendar' }));
  assert.equal(await heading(page), 'My calendar of reviews and check-ins');
  await submit(page, 'Make a calendar address');
  assert.match(await page.getByLabel('Calendar address').inputValue(), /\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
});
