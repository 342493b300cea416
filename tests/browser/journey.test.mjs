// tests/browser/journey.test.mjs - a person and their carer from the
// invitation letter onwards, in a real browser.  The key worker makes
// invitations for Desmond Davies and for his daughter Linda (his carer); each
// uses the code to make a login.  Desmond reads his plan, adds a goal and a
// question for his review, keeps "if things get worse" from Linda, and sees
// who can see his plan and who has looked.  Linda then sees only what he
// shares.  axe-core runs on every page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { follow, heading, launchBrowser, newPage, signIn, submit, visit } from './helpers.mjs';

let server;
let browser;
const PW = 'kettle-harbour-violet-7';

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `careplan exited with ${code}: ${server?.logs()}`);
});

// Desmond Davies: a demo person with an agreed plan, no login yet, and a carer
// (Linda Davies) among his contacts.
async function desmond(page) {
  await visit(page, '/people?name=Davies');
  await follow(page, page.getByRole('link', { name: 'Davies, Desmond' }));
  return new URL(page.url()).pathname.split('/').pop();
}

// Uses an invitation code in a fresh page; returns the signed-in page.
async function redeem(code, username) {
  const page = await newPage(browser, server.url);
  await visit(page, '/invitation');
  assert.equal(await heading(page), 'Use your invitation');
  await page.getByLabel('Invitation code').fill(code);
  await page.getByLabel('Choose a username').fill(username);
  await page.getByLabel('Choose a password').fill(PW);
  await page.getByLabel('Type the password again').fill(PW);
  await submit(page, 'Make my login');
  return page;
}

let personId;
const codes = {};

test('the key worker makes invitation letters for Desmond and for Linda, his carer', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  personId = await desmond(page);
  await visit(page, `/people/${personId}/access`);
  await page.getByLabel(/Desmond Davies \(the person\)/).check();
  await submit(page, 'Make the invitation');
  codes.person = (await page.locator('.cp-code strong').innerText()).trim();
  assert.match(codes.person, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  await visit(page, `/people/${personId}/access`);
  await page.getByLabel(/Linda Davies/).check();
  await page.getByLabel(/agrees that this carer may see their plan/).check();
  await submit(page, 'Make the invitation');
  codes.carer = (await page.locator('.cp-code strong').innerText()).trim();
  assert.notEqual(codes.carer, codes.person);
});

test('Linda makes her login with her code', async () => {
  const page = await redeem(codes.carer, 'linda.davies');
  assert.match(await page.locator('main').innerText(), /Desmond Davies/);
});

test('Desmond makes his login, reads his plan, adds a goal and a question, and chooses what Linda sees', async () => {
  const page = await redeem(codes.person, 'desmond.davies');
  const main = page.locator('main');
  await follow(page, page.getByRole('link', { name: 'My plan', exact: true }));
  assert.equal(await heading(page), 'My plan');
  assert.match(await main.innerText(), /My key actions this year/);

  await follow(page, page.getByRole('link', { name: 'My goals and actions' }));
  await page.getByLabel('My goal', { exact: true }).fill('Walk to the post office and back on my own');
  await page.getByLabel('The first step I will take (optional)').fill('Walk to the end of the road with Linda');
  await page.getByLabel('By when').fill('2027-04-30');
  await submit(page, 'Add my goal');
  assert.match(await main.innerText(), /Your goal has been added to your plan/);
  assert.match(await page.locator('.nhsuk-card', { hasText: 'Walk to the post office' }).innerText(), /Added by Desmond Davies \(the person\)/);

  await visit(page, '/my/review');
  await page.getByLabel('A question for my review').fill('Can the physio come on a Tuesday?');
  await submit(page, 'Add my question');
  assert.match(await main.innerText(), /Can the physio come on a Tuesday\?/);

  // Keep "if things get worse" from Linda.
  await visit(page, '/my');
  await follow(page, page.getByRole('link', { name: 'Who can see each part of my plan' }));
  const worse = page.getByRole('group', { name: 'If things get worse' });
  const linda = worse.getByRole('checkbox', { name: /Linda Davies/ });
  assert.equal(await linda.isChecked(), true, 'shared with carers by default');
  await linda.uncheck();
  await submit(page, 'Save who can see each part');
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /Saved/);
  assert.match(await page.getByRole('table', { name: 'Changes to who can see each part' }).innerText(), /If things get worse/);

  // Who can see the plan, and who has looked.
  await visit(page, '/my/access');
  assert.equal(await heading(page), 'Who can see my plan');
  assert.match(await main.innerText(), /Linda Davies/);
  await visit(page, '/my/record-log');
  assert.match(await main.innerText(), /Sam Okafor \(Key worker\)/);
  assert.match(await main.innerText(), /made an invitation to Careplan/);
});

test('Linda sees only what Desmond shares with her, and cannot change it', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'linda.davies', PW);
  await follow(page, page.getByRole('link', { name: 'Read their plans' }));
  await follow(page, page.getByRole('link', { name: 'Desmond Davies' }));
  const main = page.locator('main');
  assert.equal(await page.getByRole('link', { name: 'Goals and actions' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'What to do if things get worse' }).count(), 0, 'kept from her');
  await follow(page, page.getByRole('link', { name: 'Goals and actions' }));
  assert.match(await main.innerText(), /Walk to the post office and back on my own/);
  assert.match(await main.innerText(), /Added by Desmond Davies \(the person\)/);
  assert.equal(await page.getByRole('button').filter({ hasText: /Mark as done|Add my goal/ }).count(), 0);
  await visit(page, `/cared-for/${personId}/if-things-get-worse`, 404);
  await visit(page, `/cared-for/${personId}/review`, 404);
  await visit(page, '/cared-for/1', 404);
  await visit(page, `/cared-for/${personId}/record-log`);
  assert.match(await heading(page), /Who has seen or changed Desmond(’|')s record/);
});
