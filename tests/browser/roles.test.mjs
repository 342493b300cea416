// tests/browser/roles.test.mjs - every demo role, end to end in a real
// browser: sign in through the form, land on the home page, follow every menu
// link the role is shown, meet the 403 page on the pages it must not see and
// the 404 page, then sign out with the header button.  axe-core runs on every
// page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import {
  assertNhsStyled, follow, heading, launchBrowser, newPage, screenshot, signIn, submit, visit,
} from './helpers.mjs';

const TEAM = 'Kingsmead Integrated Care Team';

// The pages behind the menu, with the heading each one shows.
const PAGES = {
  '/': { link: 'Home' },
  '/people': { link: 'People', h1: 'Find a person' },
  '/team': { link: 'Care team', h1: TEAM },
  '/users': { link: 'User accounts', h1: 'User accounts' },
  '/service': { link: 'Service figures', h1: 'Service figures' },
};

// What each demo login is, written out here rather than read from the server,
// so that a change to who may see what has to be made on purpose in both.
// menu: the header menu links, in order.  shot: a screenshot to take.
const CLINICAL = ['/', '/people', '/team'];
const ROLES = [
  { user: 'admin', name: 'Alex Morgan', role: 'Administrator', menu: ['/', '/users', '/service'] },
  { user: 'manager', name: 'Priya Shah', role: 'Team manager', menu: ['/', '/people', '/team', '/service'] },
  { user: 'keyworker', name: 'Sam Okafor', role: 'Key worker', discipline: 'Nurse', menu: CLINICAL },
  { user: 'gp.carter', name: 'Dr Helen Carter', role: 'Professional', discipline: 'GP', menu: CLINICAL,
    shot: 'home-professional' },
  { user: 'nurse.reid', name: 'Tom Reid', role: 'Professional', discipline: 'Nurse', menu: CLINICAL },
  { user: 'cnurse.mensah', name: 'Grace Mensah', role: 'Professional', discipline: 'Nurse', menu: CLINICAL },
  { user: 'social.walsh', name: 'Joe Walsh', role: 'Professional', discipline: 'Social worker', menu: CLINICAL },
  { user: 'ot.rahman', name: 'Aisha Rahman', role: 'Professional', discipline: 'Occupational therapist',
    menu: CLINICAL },
  { user: 'pharm.kim', name: 'Daniel Kim', role: 'Professional', discipline: 'Pharmacist', menu: CLINICAL },
  { user: 'link.lopez', name: 'Rosa Lopez', role: 'Professional', discipline: 'Link worker', menu: CLINICAL },
  { user: 'person', name: 'Margaret Hughes', role: 'Person', menu: ['/'], shot: 'home-person' },
  { user: 'carer', name: 'David Hughes', role: 'Carer', menu: ['/'], shot: 'home-carer' },
  { user: 'commissioner', name: 'Neil Foster', role: 'Commissioner', menu: ['/', '/service'] },
];

// Pages outside the menu that a role's home page links to.
const REFERRALS = ['/referrals'];
const HOME_LINKS = {
  manager: ['/team/feedback', '/team/break-glass', ...REFERRALS, '/self-assessments', '/directory', '/case-finding', '/register/import', '/dashboard', '/events/import'],
  person: ['/my', '/my/access', '/my/sharing', '/my/record-log', '/feedback'],
  carer: ['/cared-for', '/feedback'],
  // The directory of local services: everyone in the care team finds it;
  // administrators and link workers also maintain it.
  admin: ['/directory', '/directory/services/new', '/register/import', '/events/import'],
  keyworker: [...REFERRALS, '/directory', '/case-finding'],
  'gp.carter': [...REFERRALS, '/directory'],
  'nurse.reid': [...REFERRALS, '/directory'],
  'cnurse.mensah': [...REFERRALS, '/directory'],
  'social.walsh': [...REFERRALS, '/directory'],
  'ot.rahman': [...REFERRALS, '/directory'],
  'pharm.kim': [...REFERRALS, '/directory'],
  'link.lopez': [...REFERRALS, '/directory', '/directory/services/new'],
};

// What the home page must show for some roles, beyond the name and role.
const HOME_EXTRA = {
  person: async (page) => {
    assert.equal(await page.getByRole('heading', { name: 'Your record' }).count(), 1);
    const record = page.locator('#my-record + dl');
    assert.match(await record.innerText(), /NHS number/);
    assert.match(await record.innerText(), new RegExp(TEAM));
  },
  carer: async (page) => {
    const table = page.getByRole('table', { name: 'People you care for' });
    assert.match(await table.innerText(), /Margaret Hughes\s+husband/);
  },
  commissioner: async (page) => {
    assert.equal(await page.getByRole('heading', { name: 'The service at a glance' }).count(), 1);
  },
};

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

// The header's menu links as [text, path] pairs.
async function menuLinks(page) {
  return page.getByRole('navigation', { name: 'Menu' }).getByRole('link').evaluateAll(
    (as) => as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
}

// The menu item marked as the current page, or null.
async function currentItem(page) {
  const cur = page.getByRole('navigation', { name: 'Menu' }).locator('[aria-current="page"]');
  return (await cur.count()) === 1 ? cur.getAttribute('href') : null;
}

for (const r of ROLES) {
  const asRole = r.discipline ? `${r.role} (${r.discipline})` : r.role;

  test(`${r.user} (${asRole}) signs in, sees only their own pages, and signs out`, async () => {
    const page = await newPage(browser, server.url);

    // Sign in through the form; land on the home page.
    await signIn(page, r.user);
    assert.equal(new URL(page.url()).pathname, '/', 'signing in lands on the home page');
    assert.equal(await page.title(), 'Home - Careplan');
    assert.equal(await heading(page), `Hello, ${r.name}`);
    assert.equal(await page.locator('.nhsuk-lede-text').innerText(), `You are signed in as ${asRole}.`);
    const account = page.getByRole('navigation', { name: 'Account' });
    assert.match(await account.innerText(), new RegExp(`${r.name} \\(${r.role}\\)`));
    await assertNhsStyled(page);
    await HOME_EXTRA[r.user]?.(page);
    // "What you can do" is a tick list: every item shows the NHS.UK green tick.
    const can = page.locator('ul.nhsuk-list--tick > li');
    assert.ok(await can.count() >= 2, 'what you can do lists something and signing out');
    for (const li of await can.all()) {
      const tick = li.locator('svg.nhsuk-icon--tick');
      assert.equal(await tick.getAttribute('aria-hidden'), 'true', 'the tick is decoration');
      const box = await tick.boundingBox();
      assert.ok(box && box.width >= 16 && box.height >= 16, 'the tick is drawn');
      assert.equal(await tick.evaluate((el) => getComputedStyle(el).fill), 'rgb(0, 127, 59)', 'the tick is NHS green');
    }
    if (r.shot) await screenshot(page, r.shot);

    // The menu shows exactly this role's sections, the home page marked current.
    assert.deepEqual(await menuLinks(page), r.menu.map((p) => [PAGES[p].link, p]));
    assert.equal(await currentItem(page), '/');

    // Follow every menu link, as a person would, from the page before.
    for (const path of r.menu.slice(1).concat('/')) {
      await follow(page, page.getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: PAGES[path].link, exact: true }));
      assert.equal(new URL(page.url()).pathname, path);
      assert.equal(await currentItem(page), path, `${path} is marked current in the menu`);
      assert.equal(await heading(page), PAGES[path].h1 ?? `Hello, ${r.name}`, `heading of ${path}`);
      assert.deepEqual(await menuLinks(page), r.menu.map((p) => [PAGES[p].link, p]), `menu on ${path}`);
    }

    // The home page's own links go only to pages this role may see.
    const homeLinks = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // Besides the menu, roles that see people get their worklists (review.test.mjs), and some roles
    // have pages of their own reached from the home page.
    const worklists = r.menu.includes('/people') ? ['/worklist', '/worklist/team'] : [];
    const own = HOME_LINKS[r.user] ?? [];
    for (const href of homeLinks) {
      assert.ok(r.menu.includes(href) || worklists.includes(href) || own.includes(href), `home page links to ${href}`);
    }
    for (const href of own) assert.ok(homeLinks.includes(href), `home page has its link to ${href}`);

    // Every section not in the menu answers with the 403 page, still signed in.
    const forbidden = Object.keys(PAGES).filter((p) => !r.menu.includes(p));
    for (const path of forbidden) {
      await visit(page, path, 403);
      assert.equal(await page.title(), 'You do not have access to this page - Careplan');
      assert.equal(await heading(page), 'You do not have access to this page');
      assert.match(await page.locator('main').innerText(), /Your role does not include this page/);
      assert.match(await account.innerText(), new RegExp(r.name), 'still signed in on the 403 page');
      assert.equal(await currentItem(page), null, 'no menu item is current on the 403 page');
      if (r.user === 'person' && path === '/users') {
        await assertNhsStyled(page);
        await screenshot(page, 'forbidden');
      }
    }

    // An unknown address: the 404 page, with the header still there.
    await visit(page, `/no-such-page-for-${r.user}`, 404);
    assert.equal(await heading(page), 'Page not found');
    assert.match(await account.innerText(), new RegExp(r.name));
    await follow(page, page.getByRole('link', { name: 'Go to the home page' }));
    assert.equal(new URL(page.url()).pathname, '/');

    // Sign out with the header's button: the sign-in page says so.
    await submit(page, 'Sign out');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match(await page.locator('.nhsuk-inset-text').innerText(), /You have signed out\./);
    assert.equal(await page.getByRole('navigation', { name: 'Account' }).count(), 0, 'no account area once signed out');
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).count(), 0, 'no menu once signed out');

    // And the pages this role could see are closed again.
    await visit(page, r.menu.at(-1));
    assert.equal(new URL(page.url()).pathname, '/login', `${r.menu.at(-1)} needs signing in again`);

    await page.context().close();
  });
}
