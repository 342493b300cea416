// tests/browser/cycle.test.mjs - the whole care planning cycle in a real
// browser, as a key worker: a demo person with no episode is taken through
// entry, holistic assessment, the plan and its agreement, implementation
// (activity against the plan and an action's progress), a review that
// discharges them to self-care with a route back, and re-entry with the
// plan carried forward as a draft.  axe-core runs on every page visited
// (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { sql } from '../integ/helpers.mjs';
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

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

async function summaryValue(page, key) {
  const row = page.locator('.nhsuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) });
  return (await row.first().locator('dd').innerText()).trim();
}

async function moveStage(page, to, why, extra = async () => {}) {
  await page.getByRole('group', { name: 'Move the episode to' }).getByLabel(to, { exact: true }).check();
  await extra();
  await page.getByLabel('Why', { exact: true }).fill(why);
  await submit(page, 'Move stage');
  assert.equal(await summaryValue(page, 'Stage'), to);
}

test('a key worker takes one person from entry to discharge and back again', async () => {
  // A demo person with no episode yet.
  const row = sql(server.db, `select id || '|' || given_name || '|' || family_name || '|' || nhs_number from person
    where id not in (select person_id from episode) and id not in (select person_id from users where person_id is not null)
    order by id limit 1`).split('|');
  const [pid, given, family, nhs] = [Number(row[0]), row[1], row[2], row[3]];
  const name = `${given} ${family}`;
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');

  // ---- entry: a referral with both consents ----
  await visit(page, `/people?nhs_number=${nhs}`);
  await follow(page, page.getByRole('link', { name: `${family}, ${given}` }));
  assert.equal(await heading(page), name);
  await follow(page, page.getByRole('link', { name: `Start an episode for ${name}` }));
  await page.getByLabel('A referral').check();
  await page.getByLabel('Who referred them').fill('Dr Carter, Riverside Surgery');
  await page.getByLabel('Soon').check();
  await page.getByLabel('Date of referral').fill(day(-20));
  await page.getByLabel('Reason', { exact: true }).fill('Breathless at home, two falls since the summer');
  await page.getByLabel('Level 3: case management').check();
  await page.getByRole('group', { name: 'Who gave consent to assessment?' }).getByLabel('The person').check();
  await page.getByLabel('Date consent to assessment was given').fill(day(-18));
  await page.getByLabel('What was agreed (consent to assessment)').fill('A full assessment at home');
  await page.getByRole('group', { name: 'Who gave consent to sharing information?' }).getByLabel('The person').check();
  await page.getByLabel('Date consent to sharing was given').fill(day(-18));
  await page.getByLabel('What was agreed (consent to sharing)').fill('With the GP, the district nurses and social care');
  await submit(page, 'Start episode');
  const ep = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.ok(ep > 0);
  assert.equal(await summaryValue(page, 'Stage'), 'Entry');
  assert.equal(await summaryValue(page, 'Key worker'), 'Sam Okafor');

  // ---- assessment ----
  await moveStage(page, 'Assessment', 'Home visit booked');
  await follow(page, page.getByRole('link', { name: 'Holistic assessment' }));
  assert.equal(await heading(page), 'Holistic assessment');
  await follow(page, page.getByRole('link', { name: /their story/ }).first());
  await page.getByLabel("What's new").fill('I get out of breath on the stairs now.');
  await page.getByLabel("What's good").fill('My daughter visits on Sundays.');
  await page.getByLabel("What's tough").fill('I have stopped going to the club.');
  await page.getByLabel('What matters most to me').fill('Getting back to the Tuesday club.');
  await page.getByLabel('They wrote it themself').check();
  await submit(page, 'Save their story');
  assert.match(await page.locator('body').innerText(), /Getting back to the Tuesday club/);
  await follow(page, page.getByRole('link', { name: 'Add a need, risk or strength', exact: true }));
  await page.getByRole('group', { name: 'Is it a need, a risk or a strength?' }).getByLabel('Need').check();
  await page.getByRole('group', { name: 'Domain' }).getByLabel('Mental wellbeing').check();
  await page.getByLabel('Description').fill('Lonely since stopping the club');
  await page.getByRole('group', { name: 'Severity' }).getByLabel('Moderate').check();
  await submit(page, 'Add entry');
  assert.match(await page.locator('body').innerText(), /Lonely since stopping the club/);
  await follow(page, page.getByRole('link', { name: 'Back to the episode' }));

  // ---- planning: a goal, an action, the agreement ----
  await moveStage(page, 'Planning', 'Assessment done');
  await follow(page, page.getByRole('link', { name: 'Care and support plan' }));
  assert.equal(await heading(page), 'Care and support plan');
  await follow(page, page.getByRole('link', { name: 'Add a goal', exact: true }));
  await page.getByLabel('Goal', { exact: true }).fill('Get back to the Tuesday club by the spring');
  await submit(page, 'Save');
  await follow(page, page.getByRole('link', { name: 'Add an action', exact: true }));
  await page.getByLabel('What will be done').fill('Walk to the end of the road and back each day');
  await page.getByLabel('Goal it works towards').selectOption({ label: 'Get back to the Tuesday club by the spring' });
  await page.getByRole('group', { name: 'Who does it' }).getByLabel('The person').check();
  await page.getByLabel('How often (a recurrence)').fill('FREQ=DAILY');
  await page.getByLabel("The person's confidence (0 to 10)").fill('6');
  await submit(page, 'Save');
  await follow(page, page.getByRole('link', { name: 'Record the agreement' }));
  await page.getByRole('group', { name: 'Agreed with' }).getByLabel('The person').check();
  await page.getByLabel('Date agreed').fill(day(0));
  await page.getByLabel('Review every (days)').fill('90');
  const reviewer = page.getByLabel('Who is responsible for the review');
  await reviewer.selectOption(await reviewer.locator('option').nth(1).getAttribute('value'));
  await submit(page, 'Save');
  assert.match(await page.locator('#plan-status').innerText(), /Agreed, version 3/);
  await screenshot(page, 'cycle-plan-agreed');
  await visit(page, `/episodes/${ep}`);

  // ---- implementation: activity against the plan, progress on the action ----
  await moveStage(page, 'Active', 'Plan agreed with them');
  await follow(page, page.getByRole('link', { name: 'Implementation: actions and activity' }));
  assert.equal(await heading(page), 'Implementation: actions and activity');
  await page.getByLabel('Home visit').check();
  await page.getByLabel('Who carried it out').fill('Sam Okafor');
  await page.getByLabel('The action of the plan it carries out').selectOption({ label: 'Walk to the end of the road and back each day' });
  await page.getByLabel('Note (optional)').fill('Walked to the end of the road together');
  await submit(page, 'Record activity');
  assert.match(await page.locator('body').innerText(), /Walked to the end of the road together/);
  const card = page.locator('.nhsuk-card').filter({ hasText: 'Walk to the end of the road and back each day' }).first();
  await card.getByLabel('Status').selectOption({ label: 'In progress' });
  await card.getByLabel(/How confident they feel/).fill('8');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), card.getByRole('button', { name: /Update/ }).click()]);
  await checkA11y(page, 'the activity page after an update');
  assert.match(await page.locator('.nhsuk-card').filter({ hasText: 'Walk to the end of the road' }).first().innerText(), /8 out of 10/);
  await visit(page, `/episodes/${ep}`);

  // ---- review: discharge to self-care with the route back ----
  await moveStage(page, 'Review', 'Review due');
  await follow(page, page.getByRole('link', { name: 'Reviews' }));
  await page.getByLabel('The person came').check();
  await page.getByLabel("The person's view, in their own words").fill('I am back at the club and doing fine on my own');
  await page.getByLabel('Discharge to self-care').check();
  await page.getByLabel('Why', { exact: true }).fill('Goal met; managing well');
  const exit = page.getByLabel('Who to call');
  if (await exit.count()) {
    await exit.fill('Sam Okafor, key worker');
    await page.getByLabel('Their phone number').fill('0113 496 0000');
    await page.getByLabel('How and when to get back in touch').fill('Ring on weekdays, 9 to 5, and say you were with us before');
  }
  await submit(page, 'Record the review');
  assert.equal(sql(server.db, `select stage from episode where id = ${ep}`), 'discharged');
  await screenshot(page, 'cycle-reviewed');

  // The route back shows on their record.
  await visit(page, `/people/${pid}`);
  assert.match(await page.locator('main').innerText(), /0113 496 0000/);

  // ---- re-entry: a new episode, the plan carried forward as a draft ----
  await visit(page, `/episodes/${ep}`);
  await follow(page, page.getByRole('link', { name: 'Start a new episode' }));
  await page.getByLabel('Identified by the team').check();
  await page.getByLabel('Reason', { exact: true }).fill('Rang the route back: breathless again after a chest infection');
  await page.getByLabel('Level 2: disease-specific care management').check();
  await page.getByRole('group', { name: 'Who gave consent to assessment?' }).getByLabel('The person').check();
  await page.getByLabel('Date consent to assessment was given').fill(day(0));
  await page.getByLabel('What was agreed (consent to assessment)').fill('A review of the old plan');
  await page.getByRole('group', { name: 'Who gave consent to sharing information?' }).getByLabel('The person').check();
  await page.getByLabel('Date consent to sharing was given').fill(day(0));
  await page.getByLabel('What was agreed (consent to sharing)').fill('As before');
  await submit(page, 'Start episode');
  const ep2 = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.ok(ep2 > ep);
  assert.equal(await summaryValue(page, 'Previous episode'), 'Go to the previous episode');
  await follow(page, page.getByRole('link', { name: 'Care and support plan' }));
  assert.match(await page.locator('#plan-status').innerText(), /Draft/);
  assert.match(await page.locator('main').innerText(), /Get back to the Tuesday club by the spring/);
  assert.match(await page.locator('main').innerText(), /Walk to the end of the road and back each day/);
  await screenshot(page, 'cycle-reentry-plan');
  assert.ok(page.checked >= 20, `axe ran on every page (${page.checked})`);
});
