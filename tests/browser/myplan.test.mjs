// tests/browser/myplan.test.mjs - "My plan" in a real browser: Margaret (the
// demo person) reads her plan, changes About me (meeting the error of an
// empty form first), adds a goal of her own with a first step and a
// question for her next review, and visits every My plan page; David (her
// carer) sees only the parts she shares with him, read only.  axe-core
// runs on every page visited (see helpers.mjs).
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

test('the person reads their plan, changes About me, adds a goal and a question for review', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'person');
  await follow(page, page.getByRole('link', { name: 'My plan', exact: true }));
  assert.equal(await heading(page), 'My plan');
  const main = page.locator('main');
  assert.match(await main.innerText(), /My key actions this year/);
  assert.match(await main.innerText(), /Getting back in touch quickly/);
  assert.match(await main.innerText(), /The next review of the plan is on/);

  // About me: the demo's words, then the empty form, then a change.
  await follow(page, page.getByRole('link', { name: 'About me', exact: true }));
  assert.equal(await heading(page), 'About me');
  assert.match(await main.innerText(), /Written by Margaret Hughes \(the person\)/);
  for (const label of ['What is most important to me', 'People who are important to me', 'My wellness', 'Please do and please don\'t',
    'How and when to support me', 'Also worth knowing about me', 'How I communicate and how to communicate with me']) {
    await page.getByLabel(label, { exact: true }).fill('');
  }
  await submit(page, 'Save About me', 400);
  assert.equal(await page.title(), 'Error: About me - Careplan');
  const summary = page.locator('.nhsuk-error-summary');
  assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#important');
  await page.getByLabel('What is most important to me', { exact: true }).fill('My husband David, and Bramble the dog');
  await page.getByLabel('How and when to support me', { exact: true }).fill('After 10 in the morning, please');
  await submit(page, 'Save About me');
  assert.match(await main.innerText(), /Saved\. About me has been updated\./);
  assert.match(await main.innerText(), /Bramble the dog/);
  assert.equal(await page.getByRole('table', { name: 'Every saved version of About me' }).locator('tbody tr').count(), 2);

  // A goal of her own with a first step.
  await visit(page, '/my/goals');
  assert.equal(await heading(page), 'My goals and actions');
  await page.getByLabel('My goal', { exact: true }).fill('Get to the garden centre with Claire in the spring');
  await page.getByLabel('The first step I will take (optional)').fill('Ask Claire which Saturday suits her');
  await page.getByLabel('By when').fill('2027-03-01');
  await submit(page, 'Add my goal');
  assert.match(await main.innerText(), /Your goal has been added to your plan/);
  const card = page.locator('.nhsuk-card', { hasText: 'Get to the garden centre with Claire' });
  assert.match(await card.innerText(), /Added by Margaret Hughes \(the person\)/);
  await card.getByLabel(/How confident do you feel about this/).fill('8');
  await submit(page, /^Save how confident I feel\W+Ask Claire which Saturday suits her$/);
  assert.match(await page.locator('.nhsuk-card', { hasText: 'Get to the garden centre with Claire' }).innerText(), /Confidence: 8 out of 10/);

  // A question for the next review.
  await visit(page, '/my/review');
  await page.getByLabel('A question for my review').fill('Could my visits be after 10 o\'clock?');
  await submit(page, 'Add my question');
  assert.match(await main.innerText(), /Your question has been added/);
  assert.match(await main.innerText(), /Could my visits be after 10 o'clock\?/);

  // Every other page of My plan.
  for (const [path, h1] of [['/my/team', 'My care team and contacts'], ['/my/timetable', 'My timetable of care'],
    ['/my/if-things-get-worse', 'What to do if things get worse']]) {
    await visit(page, path);
    assert.equal(await heading(page), h1);
  }
  await visit(page, '/my');
  // The plan on paper: three links, each a PDF.
  for (const name of ['My plan (PDF)', 'In large print (PDF)', 'In black and white, for photocopying (PDF)']) {
    const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
    const res = await page.request.get(server.url + href);
    assert.equal(res.status(), 200, name);
    assert.equal(res.headers()['content-type'], 'application/pdf', name);
  }
  // Margaret has an advance care plan (the demo's), so the page is there.
  await follow(page, page.getByRole('link', { name: 'My advance care plan' }));
  assert.equal(await heading(page), 'My advance care plan');
});

test('the carer sees only what Margaret shares with them, and cannot change it', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'carer');
  await follow(page, page.getByRole('link', { name: 'Read their plans' }));
  assert.equal(await heading(page), 'People you care for');
  await follow(page, page.getByRole('link', { name: 'Margaret Hughes' }));
  assert.equal(await heading(page), 'Margaret Hughes\'s plan');
  const main = page.locator('main');
  // Shared with carers by default: About me, goals and actions, if things get worse.
  assert.equal(await page.getByRole('link', { name: 'About me', exact: true }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Goals and actions' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'What to do if things get worse' }).count(), 1);
  const pdf = await page.request.get(server.url + await page.getByRole('link', { name: 'Their plan (PDF)' }).getAttribute('href'));
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  // Not shared: the story and questions, the advance care plan.
  assert.doesNotMatch(await main.innerText(), /story and questions|advance care plan/i);
  await follow(page, page.getByRole('link', { name: 'About me', exact: true }));
  assert.match(await main.innerText(), /Written by Margaret Hughes \(the person\)/);
  assert.equal(await page.locator('main textarea').count(), 0);
  await visit(page, '/cared-for/1/goals');
  assert.equal(await page.getByRole('button').filter({ hasText: /Mark as done|Add my goal/ }).count(), 0);
  await visit(page, '/cared-for/1/review', 404);
});
