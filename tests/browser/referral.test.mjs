// tests/browser/referral.test.mjs - from the plan to the service in a real
// browser (docs/referrals.md): Rosa Lopez, the link worker, goes from
// Margaret's plan to the services for her need in mental wellbeing (her
// assessment records loneliness), finds a walking group, refers her (told
// by name what is missing first), records that the group accepted her and
// that she went, signposts her to a lunch club, and makes an activities
// pack; then her worklist.  The walking group and the other services are
// put in through SQL (tests/lib/dir_fixture.mjs), so the test does not
// depend on the directory's demo data.  axe-core runs on every page
// visited, error pages included (see helpers.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { addServices } from '../lib/dir_fixture.mjs';
import { startServer } from '../lib/server.mjs';
import { checkA11y, follow, heading, launchBrowser, newPage, signIn, submit, visit } from './helpers.mjs';

let server;
let browser;
let SVC;

function q(statement) {
  const r = spawnSync('sqlite3', [server.db, statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  SVC = addServices(q);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `careplan exited with ${code}: ${server?.logs()}`);
});

test('a link worker finds a walking group for a lonely person, refers her and records that she went', async () => {
  const ep = Number(q("select e.id from episode e join users u on u.person_id = e.person_id where u.username = 'person' and e.stage = 'active'"));
  // Her assessment shows loneliness, a need in mental wellbeing.
  assert.equal(q(`select count(*) from assess_entry where episode_id = ${ep} and kind = 'need' and domain = 'mental_wellbeing' and description like '%loneliness%'`), '1');
  const page = await newPage(browser, server.url);
  await signIn(page, 'link.lopez');
  // Her worklist is one link from home.
  await follow(page, page.getByRole('link', { name: /Follow up referrals to local services/ }));
  assert.equal(await heading(page), 'Referrals to follow up');

  await visit(page, `/episodes/${ep}/plan`);
  await follow(page, page.getByRole('link', { name: 'For a need in Mental wellbeing' }));
  assert.match(await heading(page), /Find a local service/);
  let main = await page.locator('main').innerText();
  assert.match(main, /For a need in: Mental wellbeing/);
  assert.match(main, /services? found/);
  // A search in her words (the group by the river she knows of: the
  // directory's own demo data may hold many walking groups).
  await page.getByLabel('What to look for').fill('walking group by the Riverside');
  await submit(page, 'Search');
  main = await page.locator('main').innerText();
  assert.match(main, /services? found/);
  assert.match(main, /Riverside Wednesday Walkers/);
  assert.match(main, /Meets needs in: .*Mental wellbeing/);

  await follow(page, page.getByRole('link', { name: /Refer to this service \(Riverside Wednesday Walkers\)/ }));
  assert.equal(await heading(page), 'Refer to Riverside Wednesday Walkers');
  assert.match(await page.locator('main').innerText(), /Referred by\s+Rosa Lopez/);
  await submit(page, 'Send the referral', 400);
  main = await page.locator('main').innerText();
  assert.match(main, /There is a problem/);
  assert.match(main, /Enter the reason for the referral/);
  await page.getByLabel('Reason for the referral').fill('Lonely since her sister died; would like to get out and meet people');
  await submit(page, 'Send the referral');
  assert.equal(await heading(page), 'Referral to Riverside Wednesday Walkers');
  main = await page.locator('main').innerText();
  assert.match(main, /The referral has been recorded as sent/);
  assert.match(main, /Sent, waiting for an answer/);
  const id = Number(new URL(page.url()).pathname.split('/')[2]);

  // Saving without a choice names the field.
  await submit(page, 'Save', 400);
  assert.match(await page.locator('main').innerText(), /Choose what has happened with the referral/);
  await page.getByLabel('The service has accepted them').check();
  await page.getByLabel('Note (optional)').fill('Jan rang: a place on Wednesday');
  await submit(page, 'Save');
  main = await page.locator('main').innerText();
  assert.match(main, /What has happened has been saved/);
  assert.match(main, /Accepted, not yet attended/);
  await page.getByLabel('They went', { exact: true }).check();
  await page.getByLabel('What came of it (optional)').fill('Went on the first walk and enjoyed the tea after; going again');
  await submit(page, 'Save');
  main = await page.locator('main').innerText();
  assert.match(main, /Attended/);
  assert.match(main, /Went on the first walk and enjoyed the tea after/);
  assert.match(main, /This referral is finished/);
  assert.equal(q(`select status from service_referral where id = ${id}`), 'attended');
  assert.equal(q(`select count(*) from service_referral_event where referral_id = ${id}`), '3');

  // Information given about a lunch club, from a search.
  await visit(page, `/episodes/${ep}/services?q=${encodeURIComponent("St Anne's lunch club")}`);
  await submit(page, /Signpost: record that information was given about St Anne's Lunch Club/);
  assert.equal(await heading(page), 'Local services');
  main = await page.locator('main').innerText();
  assert.match(main, /The information given has been recorded/);
  assert.match(main, /St Anne's Lunch Club/);

  // The activities pack: the PDF, and the page that says why when nothing is chosen.
  const pdf = await page.context().request.get(`/episodes/${ep}/activities-pack.pdf?service=${SVC.walk}&service=${SVC.lunch}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  await visit(page, `/episodes/${ep}/activities-pack.pdf`, 400);
  assert.match(await page.locator('main').innerText(), /Choose at least one service for the pack/);

  // The plan page shows where things stand, and so does the worklist.
  await visit(page, `/episodes/${ep}/plan`);
  assert.match(await page.locator('#local-services ~ ul').first().innerText(), /Riverside Wednesday Walkers\s+Attended/);
  await visit(page, '/referrals');
  main = await page.locator('main').innerText();
  assert.match(main, /Recent outcomes[\s\S]*Margaret Hughes\s+Riverside Wednesday Walkers/);
  await visit(page, `/referrals/${id}`);
  await visit(page, `/episodes/${ep}/services?domain=nonsense`, 400);
  assert.match(await page.locator('main').innerText(), /Choose a need from the list/);
  await checkA11y(page);
});
