// tests/browser/review.test.mjs - the key worker's day in a real browser:
// the worklists, recording activity against Margaret Hughes's plan (meeting
// the errors of an empty form first), updating an action's status, and
// holding a review of an episode at the review stage.  axe-core runs on every
// page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { checkA11y, follow, heading, launchBrowser, newPage, signIn, submit, visit } from './helpers.mjs';

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

function q(statement) {
  const r = spawnSync('sqlite3', [server.db, statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

// Margaret's episode, with a plan that has at least one action whichever
// branch's demo made the database.
function margaret() {
  const ep = Number(q("select e.id from episode e join users u on u.person_id = e.person_id where u.username = 'person' order by e.id desc limit 1"));
  q(`insert or ignore into care_plan(episode_id, status, review_interval_days, created_ms, updated_ms) values (${ep}, 'agreed', 90, 1, 1)`);
  const plan = Number(q(`select id from care_plan where episode_id = ${ep}`));
  if (Number(q(`select count(*) from plan_action where plan_id = ${plan}`)) === 0)
    q(`insert into plan_action(plan_id, position, what, who_kind) values (${plan}, 1, 'Walk to the corner shop twice a week', 'person')`);
  return { ep, action: q(`select what from plan_action where plan_id = ${plan} order by position, id limit 1`) };
}

test('the key worker checks the worklists, records activity and updates an action', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  await follow(page, page.getByRole('link', { name: 'my worklist' }));
  assert.equal(await heading(page), 'My worklist');
  assert.match(await page.locator('#counts').innerText(), /Reviews due in the next 14 days/);
  await follow(page, page.getByRole('link', { name: 'person\'s name' }));
  assert.match(page.url(), /\?sort=name$/);
  await follow(page, page.getByRole('link', { name: 'Go to the team worklist' }));
  assert.equal(await heading(page), 'Team worklist');

  const m = margaret();
  await visit(page, `/episodes/${m.ep}/activity`);
  assert.equal(await heading(page), 'Implementation: actions and activity');
  await submit(page, 'Record activity', 400);
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /Select what kind of activity it was/);
  assert.match(await summary.innerText(), /Enter who carried it out/);
  await page.getByLabel('Phone call').check();
  await page.getByLabel('Who carried it out').fill('Sam Okafor');
  await page.getByLabel('Minutes (optional)').fill('15');
  await page.getByLabel('The action of the plan it carries out').selectOption({ label: m.action });
  await page.getByLabel('Note (optional)').fill('Talked through how the walks are going');
  await submit(page, 'Record activity');
  assert.match(await page.locator('#log ~ table').first().innerText(), /Talked through how the walks are going/);

  const card = page.locator('.nhsuk-card').filter({ hasText: m.action }).first();
  await card.getByLabel('Status').selectOption({ label: 'In progress' });
  await card.getByLabel(/How confident they feel/).fill('8');
  // The form answers with the activity page again (303), checked like every other page.
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    card.getByRole('button', { name: /Update/ }).click()]);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/episodes/${m.ep}/activity`);
  await checkA11y(page, 'the activity page after an update');
  assert.match(await page.locator('.nhsuk-card').filter({ hasText: m.action }).first().innerText(), /8 out of 10/);
  assert.match(await page.locator('#history ~ table').first().innerText(), /In progress/);
});

test('the key worker holds a review: errors first, then the decision moves the episode on', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'keyworker');
  const ep = Number(q("select e.id from episode e join care_team_member k on k.episode_id = e.id and k.is_key_worker and k.to_date is null join users u on u.id = k.user_id where e.stage = 'review' order by u.username = 'keyworker' desc, e.id limit 1"));
  assert.ok(ep > 0, 'the demo has an episode at review');
  await visit(page, `/episodes/${ep}/reviews`);
  assert.equal(await heading(page), 'Reviews');
  await submit(page, 'Record the review', 400);
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /Select what the review decided/);
  assert.match(await summary.innerText(), /Enter why the review decided this/);
  await page.getByLabel('The person came').check();
  await page.getByLabel('The person\'s view, in their own words').fill('I am managing much better now');
  await page.getByLabel('Continue with the plan').check();
  await page.getByLabel('Why', { exact: true }).fill('Goals on track');
  const next = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Next review date').fill(next);
  await submit(page, 'Record the review');
  assert.match(await page.locator('#past ~ h3').first().innerText(), /Review on/);
  assert.match(await page.locator('blockquote').first().innerText(), /I am managing much better now/);
  assert.equal(q(`select stage from episode where id = ${ep}`), 'active');
  await follow(page, page.getByRole('link', { name: 'Back to the episode' }));
  assert.equal(await heading(page), 'Episode of care planning');
});
