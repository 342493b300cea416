// tests/browser/assess.test.mjs - the key worker opens Margaret Hughes's
// holistic assessment from her record, records her story in her own words,
// adds a need (meeting the errors of an empty form first) and records a
// PHQ-9 whose item 9 is above 0, then sees the safety prompt on the result
// and on the assessment.  axe-core runs on every page visited (helpers.mjs).
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

test("the key worker records Margaret's story, a need and a PHQ-9 and sees the safety prompt", async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await visit(page, '/people?nhs_number=9998219132');
  await follow(page, page.getByRole('link', { name: 'Hughes, Margaret' }));
  await follow(page, page.getByRole('link', { name: 'Current episode' }));
  await follow(page, page.getByRole('link', { name: 'Holistic assessment' }));
  assert.equal(await heading(page), 'Holistic assessment');
  assert.equal(await page.title(), 'Holistic assessment - Careplan');
  assert.match(await page.locator('#story').locator('xpath=following-sibling::p[1]').innerText(), /In Margaret’s own words/);
  assert.match(await page.locator('#domains-missing').innerText(), /Finances/);
  await screenshot(page, 'assessment-margaret');

  // Her story, in her own words, written by her.
  await follow(page, page.getByRole('link', { name: 'Change their story' }));
  assert.equal(await heading(page), 'Change their story');
  await page.getByLabel("What's new").fill('The new inhaler helps and I walked to the post box.');
  await page.getByLabel('What matters most to me').fill('Seeing Lily graduate in the summer.');
  await page.getByLabel('They wrote it themself').check();
  await submit(page, 'Save their story');
  assert.match(new URL(page.url()).pathname, /\/assessment$/);
  const story = await page.locator('dl').filter({ hasText: "What's new" }).first().innerText();
  assert.match(story, /walked to the post box/);
  assert.match(story, /Seeing Lily graduate/);
  assert.match(await page.locator('body').innerText(), /Written by Margaret themself/);

  // A need in the domain still missing: the empty form first.
  await follow(page, page.getByRole('link', { name: 'Add a need, risk or strength', exact: true }));
  await submit(page, 'Add entry', 400);
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /Select whether it is a need, a risk or a strength/);
  assert.equal(await summary.getByRole('link', { name: 'Enter a description' }).getAttribute('href'), '#description');
  await page.getByRole('group', { name: 'Is it a need, a risk or a strength?' }).getByLabel('Need').check();
  await page.getByRole('group', { name: 'Domain' }).getByLabel('Finances').check();
  await page.getByLabel('Description').fill('Help to claim Attendance Allowance');
  await page.getByRole('group', { name: 'Severity' }).getByLabel('Moderate').check();
  await submit(page, 'Add entry');
  assert.match(await page.locator('#domain-finances').locator('xpath=following-sibling::table[1]').innerText(),
    /Attendance Allowance/);
  assert.equal(await page.locator('#domains-missing').count(), 0);

  // A PHQ-9 with item 9 above 0.
  await follow(page, page.getByRole('link', { name: 'Record a PHQ-9' }));
  assert.equal(await heading(page), 'Record a PHQ-9');
  const answers = ['On some days', 'On some days', 'Not at all', 'On some days', 'Not at all', 'On some days',
    'Not at all', 'Not at all', 'On some days'];
  for (const [i, label] of answers.entries())
    await page.getByRole('group', { name: new RegExp(`^${i + 1}\\. `) }).getByLabel(label, { exact: true }).check();
  await submit(page, 'Save and score');
  assert.equal(await heading(page), 'Questionnaire results');
  const prompt = page.locator(`${new URL(page.url()).hash}.nhsuk-card--warning`);
  assert.match(await prompt.innerText(), /Ask them about it today/);
  assert.match(await prompt.innerText(), /local safety procedure/);
  await screenshot(page, 'assessment-phq9-safety');

  await follow(page, page.getByRole('link', { name: 'Back to the assessment' }));
  const callout = page.locator('#safety');
  assert.match(await callout.innerText(), /Safety: PHQ-9 item 9/);
  assert.match(await callout.innerText(), /Ask them about it today/);
  await checkA11y(page, 'assessment with the safety prompt');
  assert.ok(page.checked >= 11, `axe ran on every page (${page.checked})`);
});
