// tests/browser/login.test.mjs - the sign-in page in a real browser: how it
// looks, its error states, and what someone who is not signed in sees.
// axe-core runs on every page visited (see helpers.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import {
  assertNhsStyled, checkA11y, follow, heading, launchBrowser, newPage, screenshot, signIn, styleOf, submit, visit,
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

test('the sign-in page is styled by the NHS.UK frontend and has a labelled form', async () => {
  const page = await newPage(browser, server.url);
  await visit(page, '/login');
  assert.equal(await page.title(), 'Sign in - Careplan');
  assert.equal(await heading(page), 'Sign in to Careplan');
  await assertNhsStyled(page);
  // Not signed in: no account area and no menu in the header.
  assert.equal(await page.getByRole('navigation', { name: 'Account' }).count(), 0);
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).count(), 0);
  assert.equal(await page.locator('.nhsuk-error-summary').count(), 0);
  await assert.doesNotReject(page.getByLabel('Username').waitFor());
  assert.equal(await page.getByLabel('Password').getAttribute('type'), 'password');
  assert.equal(await page.getByLabel('Password').getAttribute('autocomplete'), 'current-password');
  // The skip link is the first thing a keyboard reaches, and it becomes visible.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  const skip = await page.locator('.nhsuk-skip-link').boundingBox();
  assert.ok(skip && skip.width > 10 && skip.height > 10, 'focused skip link is shown');
  await page.keyboard.press('Enter');
  assert.ok(page.url().endsWith('#maincontent'));
  await checkA11y(page, '/login#maincontent');
  await page.goto('/login');
  await checkA11y(page, '/login');
  await screenshot(page, 'login');
  await page.context().close();
});

test('a wrong password shows an error summary that links to the password field', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'admin', 'not-the-password', 401);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.title(), 'Error: Sign in - Careplan', 'the title says there is an error');
  const summary = page.locator('.nhsuk-error-summary');
  assert.ok(await summary.isVisible(), 'error summary shown');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal(await summary.locator('h2').innerText(), 'There is a problem');
  // The summary comes before the form's heading.
  assert.equal(await page.evaluate(() => {
    const s = document.querySelector('.nhsuk-error-summary');
    return !!(s.compareDocumentPosition(document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), true);
  const link = summary.getByRole('link');
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute('href'), '#password');
  assert.match(await link.innerText(), /username or password is not right/);
  // The field itself is marked, and its message is tied to it.
  const password = page.getByLabel('Password');
  assert.equal(await password.getAttribute('aria-describedby'), 'password-error');
  assert.match(await page.locator('#password-error').innerText(), /Error:\s*The username or password is not right/);
  assert.match(await password.getAttribute('class'), /nhsuk-input--error/);
  assert.equal(await styleOf(page, '#password', 'border-top-color'), 'rgb(213, 40, 27)', 'error border is NHS red');
  // What was typed is kept, except the password.
  assert.equal(await page.getByLabel('Username').inputValue(), 'admin');
  assert.equal(await password.inputValue(), '');
  await screenshot(page, 'login-error');
  // Following the summary's link lands on the password field.
  await link.click();
  assert.ok(page.url().endsWith('#password'));
  assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'password');
  await checkA11y(page, '/login#password');
  // Put right, the same form signs in.
  await password.fill('demo-careplan-2026');
  await submit(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await heading(page), 'Hello, Alex Morgan');
  await page.context().close();
});

test('an empty form asks for the username, linking to that field', async () => {
  const page = await newPage(browser, server.url);
  await visit(page, '/login');
  await submit(page, 'Sign in', 400);
  const link = page.locator('.nhsuk-error-summary').getByRole('link');
  assert.equal(await link.getAttribute('href'), '#username');
  assert.equal(await link.innerText(), 'Enter your username');
  assert.equal(await page.getByLabel('Username').getAttribute('aria-describedby'), 'username-error');
  assert.equal(await page.locator('#password-error').count(), 0);
  // A username but no password: now the password is asked for.
  await page.getByLabel('Username').fill('manager');
  await submit(page, 'Sign in', 400);
  assert.equal(await page.locator('.nhsuk-error-summary a').getAttribute('href'), '#password');
  assert.equal(await page.locator('.nhsuk-error-summary a').innerText(), 'Enter your password');
  assert.equal(await page.getByLabel('Username').inputValue(), 'manager');
  await page.context().close();
});

test('a private page sends someone who is not signed in to the sign-in page', async () => {
  const page = await newPage(browser, server.url);
  for (const path of ['/', '/users', '/team', '/service']) {
    await visit(page, path);
    assert.equal(new URL(page.url()).pathname, '/login', `${path} leads to the sign-in page`);
    assert.equal(await heading(page), 'Sign in to Careplan');
  }
  await page.context().close();
});

test('a session that has ended is explained on the sign-in page', async () => {
  const page = await newPage(browser, server.url);
  await visit(page, '/login?ended=1');
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /Your session has ended/);
  await page.context().close();
});

test('an unknown address shows the 404 page, styled, to someone not signed in', async () => {
  const page = await newPage(browser, server.url);
  await visit(page, '/no-such-page', 404);
  assert.equal(await page.title(), 'Page not found - Careplan');
  assert.equal(await heading(page), 'Page not found');
  await assertNhsStyled(page);
  assert.equal(await page.getByRole('navigation', { name: 'Account' }).count(), 0);
  await follow(page, page.getByRole('link', { name: 'Go to the home page' }));
  assert.equal(new URL(page.url()).pathname, '/login', 'home leads to the sign-in page when not signed in');
  await page.context().close();
});

test('under the real Content-Security-Policy, pages load their styles and break no rule but the web font', async () => {
  // The other tests bypass CSP to inject axe with a script tag; this one keeps
  // the policy, so anything it would block (an inline style or script, an
  // off-site image) shows up here.
  const page = await newPage(browser, server.url, { strictCsp: true });
  const violations = [];
  await page.exposeBinding('cpViolation', (_src, v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.cpViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  const res = await visit(page, '/login');
  assert.match(res.headers()['content-security-policy'], /default-src 'none'/);
  await assertNhsStyled(page);
  await page.getByLabel('Username').fill('manager');
  await page.getByLabel('Password').fill('demo-careplan-2026');
  await submit(page, 'Sign in');
  assert.equal(await heading(page), 'Hello, Priya Shah');
  await assertNhsStyled(page);
  await visit(page, '/team');
  await visit(page, '/users', 403);
  await assertNhsStyled(page);
  // The NHS.UK stylesheet's Frutiger font lives on assets.nhs.uk, which
  // font-src 'self' refuses: text falls back to Arial.  Nothing else may be refused.
  assert.deepEqual(violations.filter((v) => !/^font-src https:\/\/assets\.nhs\.uk\/fonts\//.test(v)), []);
  await page.context().close();
});
