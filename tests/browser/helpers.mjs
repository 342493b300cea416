// tests/browser/helpers.mjs - shared machinery for the browser tests: Debian's
// Chromium through playwright-core, axe-core on every page, and checks that
// the NHS.UK stylesheet really applied.
//
// Every helper that lands on a page (visit, follow, submit, signIn) runs axe
// on it before returning, so a test cannot visit a page without checking it.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { DEMO_PASSWORD, ROOT } from '../lib/server.mjs';

export { DEMO_PASSWORD };
export const OUT = join(ROOT, 'tests/browser/out');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Colours the NHS.UK frontend gives its header and primary button.
export const NHS_BLUE = 'rgb(0, 94, 184)';   // #005eb8
export const NHS_GREEN = 'rgb(0, 127, 59)';  // #007f3b

// Starts headless Chromium.  launch() gives the browser a fresh temporary
// profile that Playwright deletes on close.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

// A fresh browser context (its own cookies) on the server at base.  The page
// CSP forbids inline script, so the context bypasses CSP to let axe in.
// Requests leaving the test server (the NHS.UK web fonts) are refused at once
// rather than left to time out.  The returned page carries `problems`: page
// errors, console errors and failed sub-resources, checked by every visit.
// With { strictCsp: true } the page keeps the server's policy instead.
export async function newPage(browser, base, { strictCsp = false } = {}) {
  const context = await browser.newContext({ baseURL: base, bypassCSP: !strictCsp, viewport: { width: 1280, height: 900 } });
  await context.route((url) => url.origin !== new URL(base).origin, (route) => route.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.strictCsp = strictCsp;
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The NHS.UK stylesheet asks for its Frutiger web font from assets.nhs.uk:
    // that request is refused (by the route above, or by the policy's
    // font-src 'self'), the text falls back to Arial, and the console says so.
    // "Failed to load resource" is left to the response and requestfailed
    // listeners, which know whether it was the page (an expected 403/404) or a
    // part of it.  Every other console error is a problem.
    if (m.type() === 'error' && !/assets\.nhs\.uk\/fonts\/|^Failed to load resource:/.test(m.text()))
      page.problems.push(`console: ${m.text()}`);
  });
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400)
      page.problems.push(`${res.status()} for ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).origin === new URL(base).origin) page.problems.push(`request failed: ${req.url()}`);
  });
  return page;
}

function formatViolations(violations) {
  return violations.map((v) => [
    `  ${v.id} (${v.impact}): ${v.help}`,
    `    ${v.helpUrl}`,
    ...v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  ].join('\n')).join('\n');
}

// Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; fails listing each
// violation's id, targets and help.  Also fails on any page problem seen so far.
// axe goes in as a script tag, which needs a context that bypasses CSP; on a
// page under the real policy (page.strictCsp) it is evaluated over the
// DevTools protocol instead, which the policy does not govern.
export async function checkA11y(page, label = page.url()) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    if (page.strictCsp) await page.evaluate(`${AXE_SOURCE}\n;0`);
    else await page.addScriptTag({ content: AXE_SOURCE });
  }
  // resultTypes: only violations get their full node details, which is faster.
  const result = await page.evaluate((tags) => window.axe.run(document,
    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  assert.equal(result.violations.length, 0,
    `axe found ${result.violations.length} accessibility violation(s) on ${label}:\n${formatViolations(result.violations)}`);
  assert.deepEqual(page.problems, [], `problems loading ${label}`);
  page.checked = (page.checked || 0) + 1;
}

// Goes to path, asserts the HTTP status of the final page and checks it.
export async function visit(page, path, status = 200) {
  const res = await page.goto(path);
  assert.equal(res.status(), status, `status of ${path} (ended at ${page.url()})`);
  await checkA11y(page, path);
  return res;
}

// Submits the form by clicking the button named `button`, waits for the page
// it leads to, asserts its status and checks it.
export async function submit(page, button, status = 200) {
  const [res] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button }).click(),
  ]);
  assert.equal(res.status(), status, `status after pressing "${button}" (at ${page.url()})`);
  await checkA11y(page, `after "${button}" at ${new URL(page.url()).pathname}`);
  return res;
}

// Clicks a link (a locator), waits for the page it leads to, asserts the
// status and checks it.  Returns the response.
export async function follow(page, link, status = 200) {
  const [res] = await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal(res.status(), status, `status after following a link to ${page.url()}`);
  await checkA11y(page, new URL(page.url()).pathname);
  return res;
}

// Signs in through the sign-in form the way a person would.
export async function signIn(page, username, password = DEMO_PASSWORD, status = 200) {
  await visit(page, '/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  return submit(page, 'Sign in', status);
}

// The text of the page's h1, with runs of white space collapsed.
export async function heading(page) {
  return (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
}

// The computed value of a CSS property on the first element matching selector.
export function styleOf(page, selector, prop) {
  return page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
}

// Asserts that the NHS.UK frontend stylesheet and careplan.css applied: a
// blue header, and (when the page has one) a green primary button.
export async function assertNhsStyled(page) {
  assert.equal(await styleOf(page, '.nhsuk-header', 'background-color'), NHS_BLUE, 'header is NHS blue');
  assert.equal(await styleOf(page, 'body', 'background-color'), 'rgb(240, 244, 245)', 'page background is NHS grey');
  assert.equal(await styleOf(page, '.nhsuk-header__service-name', 'font-weight'), '600', 'careplan.css applied');
  if (await page.locator('.nhsuk-button').count())
    assert.equal(await styleOf(page, '.nhsuk-button', 'background-color'), NHS_GREEN, 'primary button is NHS green');
  // Signed in, the service name sits level with the account box beside it.
  if (await page.locator('.nhsuk-header__account').count()) {
    const account = await page.locator('.nhsuk-header__account').boundingBox();
    const name = await page.locator('.nhsuk-header__service-name').boundingBox();
    const mid = (b) => b.y + b.height / 2;
    assert.ok(Math.abs(mid(name) - mid(account)) <= 3,
      `service name (middle ${mid(name)}) level with the account box (middle ${mid(account)})`);
  }
  // The skip link is off-screen until focused, not shown as a stray link.
  const skip = await page.locator('.nhsuk-skip-link').first().boundingBox({ timeout: 1000 });
  assert.ok(!skip || skip.y + skip.height <= 1 || skip.width <= 1, 'skip link is visually hidden');
}

// A full-page screenshot into tests/browser/out/<name>.png.
export async function screenshot(page, name) {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
