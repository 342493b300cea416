// pdf.test.mjs - the plan printed as PDF over HTTP: the person's copy, a
// carer's copy and a professional printing either; read back with
// poppler-utils (pdftotext, pdfinfo, pdftoppm): every section's heading in
// order, the name and date of birth and the footer on every page, A4 pages,
// nothing a carer may not see, large print and black and white, a plan with
// very long, right-to-left and accented text and 40 goals inside its
// margins, bad options named, refusals, and a plan.print audit row for each
// copy made.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const count = (where) => Number(q(`select count(*) from ${where}`));
const dir = mkdtempSync(join(tmpdir(), 'careplan-pdf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function as(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login)).status, 303, `${login} signs in`);
  return c;
}

let n = 0;
// GETs path as c; resolves to {status, headers, bytes, file (the PDF saved), text (an error page)}.
async function pdf(c, path) {
  const res = await fetch(srv.url + path, { redirect: 'manual', headers: { cookie: c.cookieHeader() } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const file = join(dir, `p${++n}.pdf`);
  writeFileSync(file, bytes);
  return { status: res.status, headers: res.headers, bytes, file, text: bytes.toString('utf8') };
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
// The text of each page, whitespace made single spaces.
const pages = (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-']).split('\f').slice(0, -1)
  .map((p) => p.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim());
const info = (file) => run('pdfinfo', ['-f', '1', '-l', '999', file]);

// Asserts each of headings appears, in this order, in the whole text.
function inOrder(text, headings) {
  let at = -1;
  for (const h of headings) {
    const i = text.indexOf(h, at + 1);
    assert.ok(i > at, `"${h}" comes after the heading before it`);
    at = i;
  }
}

function checkPages(file, head, foot) {
  const ps = pages(file);
  assert.ok(ps.length >= 2, `${ps.length} pages`);
  ps.forEach((p, i) => {
    // A head of fragments: pdftotext's reading order of mixed-direction text is its own.
    if (Array.isArray(head)) for (const h of head) assert.ok(p.includes(h), `page ${i + 1} has "${h}": ${p.slice(0, 80)}`);
    else assert.ok(p.startsWith(head), `page ${i + 1} starts with the name and date of birth: ${p.slice(0, 80)}`);
    assert.ok(p.includes(foot), `page ${i + 1} has the footer "${foot}"`);
    assert.ok(p.includes(`Page ${i + 1} of ${ps.length}`), `page ${i + 1} is numbered: ${p.slice(-40)}`);
  });
  const sizes = info(file).split('\n').filter((l) => /^Page +\d+ size:/.test(l));
  assert.equal(sizes.length, ps.length);
  for (const s of sizes) assert.match(s, /595\.27\d* x 841\.89\d* pts \(A4\)/, s);
  return ps;
}

const PERSON = 1;
const plan = () => q(`select c.id || ' ' || c.version from care_plan c join episode e on e.id = c.episode_id
  where e.person_id = ${PERSON} and e.stage = 'active'`).split(' ').map(Number);
const HEAD = 'Margaret Hughes, born 22 January 1953';
const ACP_TEXT = 'seeing her grandchildren';

test('the person\'s copy: sections in order, name and date of birth and footer on every page, A4, audited', async () => {
  const me = await as('person');
  const front = await me.get('/my');
  assert.match(front.text, /href="\/my\/plan.pdf"/);
  assert.match(front.text, /href="\/my\/plan.pdf\?large=1"/);
  assert.match(front.text, /href="\/my\/plan.pdf\?plain=1"/);
  const [planId, version] = plan();
  const before = count(`audit where action = 'plan.print'`);
  const r = await pdf(me, '/my/plan.pdf');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('content-disposition'), `inline; filename="plan-hughes-v${version}.pdf"`);
  assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
  const agreed = q(`select agreed_date from care_plan where id = ${planId}`);
  const human = new Date(`${agreed}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const ps = checkPages(r.file, HEAD, `Plan version ${version}, agreed on ${human}`);
  const all = ps.join(' ');
  // Page 1 is for a hurry: the review, every way of getting help, then the actions.
  assert.match(ps[0], /My care and support plan My next review/);
  for (const h of ['Who to contact and how', 'Getting back in touch quickly', 'Out of hours', 'In an emergency, call 999',
    'My key actions for this year']) assert.ok(ps[0].includes(h), `page 1 has ${h}`);
  inOrder(all, ['My next review', 'Who to contact and how', 'Getting back in touch quickly',
    'In an emergency, call 999', 'My key actions for this year', 'About me', 'What matters to me',
    'My goals and the steps to them', 'Who does what and when', 'My care team', 'My timetable of care',
    'What to do if things get worse', 'My advance care plan', 'What I want for my future care', 'Printed on']);
  assert.ok(all.includes(ACP_TEXT), 'the person\'s copy holds their advance care plan');
  assert.ok(all.includes('Out of hours'), 'out-of-hours contacts');
  assert.ok(!all.includes('Team notes'), 'nothing for the team alone');
  // Text is selectable with the font embedded.
  const fonts = run('pdffonts', [r.file]);
  assert.match(fonts, /DejaVuSans/);
  for (const l of fonts.split('\n').slice(2).filter(Boolean)) assert.match(l, /\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded subset: ${l}`);
  assert.equal(count(`audit where action = 'plan.print'`), before + 1);
  assert.equal(q(`select a.object_type || ' ' || a.object_id || ' ' || a.person_id || ' ' || a.reason || ' ' || u.username
    from audit a join users u on u.id = a.user_id where action = 'plan.print' order by a.id desc limit 1`),
  `care_plan ${planId} ${PERSON} version ${version} for the person person`);
  assert.ok(count(`audit where action = 'myplan.read' and reason = 'plan pdf' and person_id = ${PERSON}`) >= 1);
});

test('a carer\'s copy leaves out what the carer may not see; the wording is theirs', async () => {
  const carer = await as('carer');
  const front = await carer.get('/cared-for/1');
  assert.match(front.text, /href="\/cared-for\/1\/plan.pdf"/);
  const r = await pdf(carer, '/cared-for/1/plan.pdf');
  assert.equal(r.status, 200);
  const ps = checkPages(r.file, HEAD, 'Plan version');
  const all = ps.join(' ');
  assert.match(ps[0], /The care and support plan of Margaret Hughes/);
  assert.match(ps[0], /parts of the plan Margaret has chosen to share with you/);
  inOrder(all, ['Next review', 'Who to contact and how', 'Key actions for this year', 'About me',
    'What matters to them', 'Goals and the steps to them', 'Who does what and when', 'Care team',
    'Timetable of care', 'What to do if things get worse']);
  // Carers do not see the advance care plan by default (share.def).
  assert.ok(!all.includes('Advance care plan'), 'no advance care plan heading');
  assert.ok(!all.includes(ACP_TEXT), 'no advance care plan text');
  assert.ok(!all.includes('Treatment if'), 'no treatment escalation plan');
  const carerId = q(`select id from users where username = 'carer'`);
  assert.match(q(`select reason from audit where action = 'plan.print' and user_id = ${carerId} order by id desc limit 1`),
    new RegExp(`^version \\d+ for the carer \\(user ${carerId}\\)$`));
  // Another person's plan: nothing, as for any page of theirs.
  assert.equal((await pdf(carer, '/cared-for/2/plan.pdf')).status, 404);
  // Once the person shares the advance care plan with this carer, it is printed.
  q(`insert into share_carer(person_id, carer_user_id, section, allowed, changed_ms) values (${PERSON}, ${carerId}, 'acp', 1, 0)`);
  const shared = await pdf(carer, '/cared-for/1/plan.pdf');
  assert.ok(pages(shared.file).join(' ').includes(ACP_TEXT), 'shared: printed');
  q(`delete from share_carer where person_id = ${PERSON} and carer_user_id = ${carerId} and section = 'acp'`);
});

test('a professional prints the person\'s copy or a named carer\'s; bad options are named and nothing is audited', async () => {
  const kw = await as('keyworker');
  const ep = q(`select id from episode where person_id = ${PERSON} and stage = 'active'`);
  const carerId = q(`select id from users where username = 'carer'`);
  const page = await kw.get(`/episodes/${ep}/plan`);
  assert.match(page.text, new RegExp(`href="/episodes/${ep}/plan.pdf\\?for=person"`));
  assert.match(page.text, new RegExp(`href="/episodes/${ep}/plan.pdf\\?for=carer-${carerId}"`));
  const person = await pdf(kw, `/episodes/${ep}/plan.pdf?for=person`);
  assert.equal(person.status, 200);
  const pAll = checkPages(person.file, HEAD, 'Plan version').join(' ');
  assert.ok(pAll.includes('My advance care plan') && pAll.includes(ACP_TEXT));
  const carer = await pdf(kw, `/episodes/${ep}/plan.pdf?for=carer-${carerId}`);
  assert.equal(carer.status, 200);
  const cAll = checkPages(carer.file, HEAD, 'Plan version').join(' ');
  assert.ok(!cAll.includes(ACP_TEXT), 'the carer\'s copy leaves the advance care plan out');
  assert.ok(cAll.includes('Key actions for this year'));
  const kwId = q(`select id from users where username = 'keyworker'`);
  const reasons = q(`select reason from audit where action = 'plan.print' and user_id = ${kwId} order by id`).split('\n');
  assert.match(reasons[0], /^version \d+ for the person$/);
  assert.equal(reasons[1], reasons[0].replace('for the person', `for the carer (user ${carerId})`));

  const before = count(`audit where action = 'plan.print'`);
  for (const [query, field, status] of [['for=nobody', /\(for\)/, 400], ['for=carer-x', /\(for\)/, 400],
    ['for=person&large=2', /Large print \(large\)/, 400], ['for=person&plain=yes', /Black and white \(plain\)/, 400],
    ['for=carer-999999', /That carer cannot see this person(&#39;|')s plan/, 404]]) {
    const r = await pdf(kw, `/episodes/${ep}/plan.pdf?${query}`);
    assert.equal(r.status, status, query);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(r.text, field, query);
  }
  assert.equal(count(`audit where action = 'plan.print'`), before, 'nothing printed, nothing audited');
});

// Reads a binary PPM (P6) or PGM (P5) as {w, h, channels, data}.
function pnm(file) {
  const b = readFileSync(file);
  const parts = [];
  let i = 0;
  while (parts.length < 4) {
    while (/\s/.test(String.fromCharCode(b[i]))) i++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(b[i]))) s += String.fromCharCode(b[i++]);
    parts.push(s);
  }
  i++;
  return { channels: parts[0] === 'P6' ? 3 : 1, w: Number(parts[1]), h: Number(parts[2]), data: b.subarray(i) };
}

test('large print is 16 pt or more; black and white has no colour at all; the normal copy has some', async () => {
  const me = await as('person');
  const normal = await pdf(me, '/my/plan.pdf');
  const large = await pdf(me, '/my/plan.pdf?large=1');
  const plain = await pdf(me, '/my/plan.pdf?plain=1');
  assert.ok(pages(large.file).length > pages(normal.file).length, 'large print takes more pages');
  // Word heights from pdftotext's bounding boxes: the median word is body text.
  const median = (file) => {
    const h = [...run('pdftotext', ['-bbox', file, '-']).matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)]
      .map((m) => Number(m[2]) - Number(m[1])).sort((a, b) => a - b);
    return h[h.length >> 1];
  };
  // Boxes scale with the size: normal body text is 12 pt, large print's 16.
  const [mn, ml] = [median(normal.file), median(large.file)];
  assert.ok(ml / mn >= (16 / 12) * 0.97, `large print body ${ml} against normal ${mn}`);
  const chroma = (file) => {
    run('pdftoppm', ['-r', '30', file, join(dir, 'c')]);
    let most = 0;
    for (const f of readdirSync(dir).filter((x) => /^c-\d+\.ppm$/.test(x))) {
      const img = pnm(join(dir, f));
      for (let k = 0; k < img.data.length; k += 3) {
        const [r, g, b] = [img.data[k], img.data[k + 1], img.data[k + 2]];
        most = Math.max(most, Math.max(r, g, b) - Math.min(r, g, b));
      }
      rmSync(join(dir, f));
    }
    return most;
  };
  assert.ok(chroma(normal.file) > 100, 'the normal copy has colour (headings, the urgent box)');
  assert.ok(chroma(plain.file) <= 8, 'black and white only');
  assert.match(q(`select reason from audit where action = 'plan.print' order by id desc limit 2`),
    /large print\n.*black and white|black and white\n.*large print/s);
});

test('very long, right-to-left and accented text and 40 goals flow over pages inside the margins', async () => {
  const [planId] = plan();
  const saved = q(`select given_name || '|' || family_name from person where id = ${PERSON}`);
  q(`update person set given_name = 'Zoë-Éléonore Ångström', family_name = 'Ñúñez-בן דוד' where id = ${PERSON}`);
  const long = 'Ünïcödé '.repeat(5) + 'x'.repeat(400) + ' ' + 'lorem ipsum dolor sit amet '.repeat(60);
  const arabic = 'أريد أن أمشي إلى المتجر بمفردي مرة أخرى وأن أزور ابنتي كل يوم أحد ';
  const hebrew = 'אני רוצה ללכת לחנות לבד שוב ולבקר את הבת שלי בכל יום ראשון ';
  for (let i = 1; i <= 40; i++) {
    const title = i % 3 === 0 ? arabic.repeat(3) : i % 3 === 1 ? hebrew.repeat(3) : `Goal ${i}: ${long}`;
    q(`insert into plan_goal(plan_id, position, title, status) values (${planId}, ${1000 + i}, '${title}', 'active')`);
  }
  try {
    const me = await as('person');
    for (const path of ['/my/plan.pdf', '/my/plan.pdf?large=1&plain=1']) {
      const r = await pdf(me, path);
      assert.equal(r.status, 200, path);
      const ps = checkPages(r.file, ['Zoë-Éléonore Ångström Ñúñez-', 'בן דוד', ', born 22 January 1953'], 'Plan version');
      assert.ok(ps.length >= 10, `${path}: ${ps.length} pages`);
      const all = ps.join(' ');
      for (let i = 2; i <= 40; i += 3) assert.ok(all.includes(`Goal ${i}:`), `goal ${i} is there`);
      assert.equal(all.split(hebrew.trim().split(' ')[0]).length - 1 >= 14 * 3, true, 'every Hebrew goal is there');
      assert.ok(all.includes('Ünïcödé'), 'accents survive');
      assert.ok(/[\u0600-\u06FF]{3}/.test(all) && /[\u0590-\u05FF]{3}/.test(all), 'Arabic and Hebrew are text');
      // No ink in a 15 mm band along each edge of every page (the margin is 20 mm).
      const out = join(dir, 'g');
      run('pdftoppm', ['-r', '40', '-gray', r.file, out]);
      const imgs = readdirSync(dir).filter((x) => /^g-\d+\.pgm$/.test(x)).sort();
      assert.equal(imgs.length, ps.length);
      for (const f of imgs) {
        const img = pnm(join(dir, f));
        const band = Math.round((15 / 25.4) * 40);
        let inked = 0;
        let content = 0;
        for (let y = 0; y < img.h; y++) {
          for (let x = 0; x < img.w; x++) {
            const v = img.data[y * img.w + x];
            const edge = x < band || x >= img.w - band || y < band || y >= img.h - band;
            if (v < 200) { if (edge) inked++; else content++; }
          }
        }
        assert.equal(inked, 0, `${path} ${f}: ink in the outer margin`);
        assert.ok(content > 500, `${path} ${f}: the page has text`);
        rmSync(join(dir, f));
      }
    }
  } finally {
    q(`delete from plan_goal where plan_id = ${planId} and position > 1000`);
    const [g, f] = saved.split('|');
    q(`update person set given_name = '${g}', family_name = '${f}' where id = ${PERSON}`);
  }
});

test('no plan yet: a clear 404, nothing audited as printed', async () => {
  const kw = await as('keyworker');
  // An episode with no plan saved: the demo's people are many; find one.
  const ep = q(`select e.id from episode e where not exists (select 1 from care_plan c where c.episode_id = e.id)
    and e.stage not in ('closed') and e.id = (select max(id) from episode e2 where e2.person_id = e.person_id) limit 1`);
  assert.ok(ep, 'the demo has an episode with no plan yet');
  const before = count(`audit where action = 'plan.print'`);
  const r = await pdf(kw, `/episodes/${ep}/plan.pdf?for=person`);
  assert.ok(r.status === 404 || r.status === 403, `status ${r.status}`);
  assert.equal(count(`audit where action = 'plan.print'`), before);
});
