// authz.test.mjs - the authorisation matrix: every route the server has
// (`careplan routes`, so a new route joins the matrix by itself) x every
// role x every relationship to the person whose record it is, each case
// asserted allowed or denied against a model written here, apart from the
// server's code.
//
// Relationships: a person's own record and another person's; a carer with a
// live grant, without one, and with one withdrawn; a care team member; the
// responsible team's manager; a professional outside both (non-member); one
// with live break-glass access and one whose break glass has expired; the
// commissioner and the administrator.
//
// Denied means: a role without the route's capability gets 403 "Your role
// does not include this page"; a user with the capability but no
// relationship gets 403 (a professional, with the break-glass offer) or 404
// (a person or carer: nothing to guess from) and an access.refused audit
// row.  A person or carer naming another person's object in any route's
// address gets that 404 and audit row even where their role could not use
// the route at all.  Allowed means neither: the handler ran (its own 200, 303, 400, 404
// for a missing field, and so on).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Client, careplan } from '../lib/server.mjs';
import { serve, sql } from './helpers.mjs';
import { addServices } from '../lib/dir_fixture.mjs';

const srv = await serve(after);
const q = (statement) => sql(srv.db, statement);
const num = (statement) => Number(q(statement));
const PW = 'plum-orbit-canal-42';

// ---- fixtures ------------------------------------------------------------------------------

// Professionals of another team: one with nothing, one with live break
// glass on Margaret, one whose break glass on her has expired.
q(`insert into team(organisation_id, name) values (1, 'Riverside Team')`);
const riverside = num(`select id from team where name = 'Riverside Team'`);
for (const u of ['gp.far', 'gp.glass', 'gp.expired']) {
  const r = careplan(['user', 'add', u, '--role', 'professional', '--discipline', 'gp', '--name', `Dr ${u}`,
    '--team', String(riverside), '--db', srv.db], { input: `${PW}\n` });
  assert.equal(r.status, 0, r.stderr);
}
const uid = (name) => num(`select id from users where username = '${name}'`);
const NOW = Date.now();
q(`insert into break_glass(user_id, person_id, reason, granted_ms, expires_ms) values
   (${uid('gp.glass')}, 1, 'Seen in A&E tonight, needs her plan', ${NOW - 60000}, ${NOW + 3600000}),
   (${uid('gp.expired')}, 1, 'Seen in A&E last week, needed her plan', ${NOW - 9 * 3600000}, ${NOW - 5 * 3600000})`);
// A carer whose grant from another person was withdrawn.
{
  const r = careplan(['user', 'add', 'carer.gone', '--role', 'carer', '--name', 'Former Carer', '--db', srv.db], { input: `${PW}\n` });
  assert.equal(r.status, 0, r.stderr);
}

// The two people: Margaret (person 1, the demo person, David's grant) and
// another person with an open episode, a plan action and a medicine.
const MARGARET = 1;
const OTHER = num(`select e.person_id from episode e join assess_medicine m on m.episode_id = e.id
  join care_plan c on c.episode_id = e.id join plan_action a on a.plan_id = c.id
  where e.person_id <> 1 and e.stage = 'active' limit 1`);
q(`insert into carer_grant(person_id, carer_user_id, granted_ms, withdrawn_ms) values (${OTHER}, ${uid('carer.gone')}, ${NOW - 86400000}, ${NOW - 3600000})`);

// Stored sharing settings beside the defaults: Margaret lets David see her
// advance care plan; the other person keeps their medicines to themself and
// their assessment for the social care members only.
const SA = { person: 1, carer: 2, health: 4, social: 8, team: 16 };
q(`insert into share_carer(person_id, section, carer_user_id, allowed, changed_by, changed_ms)
   values (1, 'acp', ${uid('carer')}, 1, ${uid('person')}, ${NOW})`);
q(`insert into share_setting(person_id, section, audiences, changed_by, changed_ms)
   values (${OTHER}, 'medicines', ${SA.person}, ${uid('keyworker')}, ${NOW}),
          (${OTHER}, 'assessment', ${SA.person | SA.social}, ${uid('keyworker')}, ${NOW})`);

// A referral of each target person to a directory service (the directory's
// own demo data may be absent: the fixture puts a few services in).
const SERVICES = addServices(q);
function referralOf(ep) {
  const have = num(`select ifnull(min(id), 0) from service_referral where episode_id = ${ep} and kind = 'referral'`);
  if (have) return have;
  q(`insert into service_referral(episode_id, service_id, kind, reason, referral_date, status, created_by, created_ms, status_ms)
     values (${ep}, ${SERVICES.walk}, 'referral', 'authorisation matrix', '2026-11-01', 'sent', ${uid('link.lopez')}, ${NOW}, ${NOW})`);
  return num(`select max(id) from service_referral where episode_id = ${ep}`);
}

function objectsOf(person) {
  const ep = num(`select e.id from episode e where e.person_id = ${person} and e.stage not in ('discharged', 'closed')
    and exists (select 1 from assess_medicine m where m.episode_id = e.id) order by e.id desc limit 1`);
  return {
    referral: referralOf(ep),
    person,
    episode: ep,
    plan_action: num(`select a.id from plan_action a join care_plan c on c.id = a.plan_id where c.episode_id = ${ep} limit 1`),
    assess_medicine: num(`select id from assess_medicine where episode_id = ${ep} limit 1`),
  };
}
const TARGETS = { margaret: objectsOf(MARGARET), other: objectsOf(OTHER) };
for (const t of Object.values(TARGETS)) for (const [k, v] of Object.entries(t)) assert.ok(v > 0, `fixture: ${k}`);

// ---- the model -----------------------------------------------------------------------------

// Which roles hold each capability (deny by default: a role not listed).
const CAPS = {
  home: ['administrator', 'team_manager', 'key_worker', 'professional', 'person', 'carer', 'commissioner'],
  people: ['team_manager', 'key_worker', 'professional'],
  users_view: ['administrator'],
  team_view: ['team_manager', 'key_worker', 'professional'],
  own_record: ['person'],
  cared_for: ['carer'],
  service_figures: ['administrator', 'team_manager', 'commissioner'],
  feedback_give: ['person', 'carer'],
  feedback_read: ['team_manager'],
  access_review: ['team_manager'],
  referrals: ['team_manager', 'key_worker', 'professional'],
  self_assess: ['team_manager'],
  directory: ['administrator', 'team_manager', 'key_worker', 'professional'],
  directory_edit: ['administrator', 'professional'],
  case_finding: ['team_manager', 'key_worker'],
  register_import: ['administrator', 'team_manager'],
  dashboard: ['team_manager'],
  events_import: ['administrator', 'team_manager'],
};

// Capabilities a role holds that its handlers narrow further by discipline
// (directory_may_edit in src/domain/directory.c): of professionals, only
// link workers maintain the directory.  Refused with the router's words.
const DISCIPLINE = { directory_edit: (actor) => actor.role !== 'professional' || actor.discipline === 'link_worker' };

// Each actor: username, role, and its relationship to each target (the
// label printed, and whether that relationship lets it see the record).
const ACTORS = [
  { user: 'admin', role: 'administrator', rel: { margaret: ['administrator', false], other: ['administrator', false] } },
  { user: 'commissioner', role: 'commissioner', rel: { margaret: ['commissioner', false], other: ['commissioner', false] } },
  { user: 'manager', role: 'team_manager', rel: { margaret: ['responsible team', true], other: ['responsible team', true] },
    audiences: { margaret: ['team'], other: ['team'] } },
  // Sam Okafor, key worker, is a nurse: the health members of the care team.
  { user: 'keyworker', role: 'key_worker', rel: { margaret: ['care team member', true], other: ['care team member', true] },
    audiences: { margaret: ['team', 'health'], other: ['team', 'health'] } },
  { user: 'gp.carter', role: 'professional', rel: { margaret: ['care team member', true], other: ['care team member', true] },
    audiences: { margaret: ['team', 'health'], other: ['team', 'health'] } },
  // Rosa Lopez, link worker, in the responsible team: the community sector
  // sees what is shared with the whole team.
  { user: 'link.lopez', role: 'professional', discipline: 'link_worker',
    rel: { margaret: ['responsible team', true], other: ['responsible team', true] },
    audiences: { margaret: ['team'], other: ['team'] } },
  { user: 'gp.far', role: 'professional', rel: { margaret: ['non-member', false], other: ['non-member', false] } },
  { user: 'gp.glass', role: 'professional', rel: { margaret: ['break glass', true], other: ['non-member', false] },
    audiences: { margaret: ['team'], other: [] } },
  { user: 'gp.expired', role: 'professional', rel: { margaret: ['expired break glass', false], other: ['non-member', false] } },
  { user: 'person', role: 'person', rel: { margaret: ['own record', true], other: ["other person's record", false] },
    audiences: { margaret: ['person'], other: [] } },
  { user: 'carer', role: 'carer', rel: { margaret: ['carer with a grant', true], other: ['carer without a grant', false] },
    audiences: { margaret: ['carer'], other: [] } },
  { user: 'carer.gone', role: 'carer', rel: { margaret: ['carer without a grant', false], other: ['carer, grant withdrawn', false] } },
];

// The documented default audiences of each section (docs/design.md,
// "Sharing"), the stored settings above, and which routes show or change
// one section alone (a route not listed shows the record as a whole, and
// leaves out inside the page what the reader may not see).
const DEFAULTS = {
  about_me: ['person', 'carer', 'team'], assessment: ['person', 'team'], goals: ['person', 'carer', 'team'],
  contingency: ['person', 'carer', 'team'], acp: ['person', 'team'], budget: ['person', 'team'],
  service_plan: ['person', 'social'], medicines: ['person', 'team'], instruments: ['person', 'team'], notes: ['team'],
};
const STORED = { other: { medicines: ['person'], assessment: ['person', 'social'] } };
const CARER_OWN = { margaret: { carer: { acp: true } } };
const SECTIONS = {
  '/episodes/:id/assessment/story': ['assessment'],
  '/episodes/:id/assessment/professional': ['assessment'],
  '/episodes/:id/assessment/outcome': ['assessment'],
  '/episodes/:id/assessment/entry': ['assessment'],
  '/episodes/:id/assessment/carer': ['assessment'],
  '/episodes/:id/assessment/questionnaire': ['instruments'],
  '/episodes/:id/assessment/questionnaires': ['instruments'],
  '/episodes/:id/assessment/medicine': ['medicines'],
  '/assessment-medicines/:id/edit': ['medicines'],
  '/assessment-medicines/:id/stop': ['medicines'],
  '/episodes/:id/activity': ['notes', 'goals'],
  '/episodes/:id/checkins': ['notes'],
  '/episodes/:id/reviews': ['goals', 'notes'],
  '/plan-actions/:id/status': ['goals'],
  '/episodes/:id/review-letter': ['goals'],
  '/episodes/:id/review-letter.pdf': ['goals'],
  '/episodes/:id/review-appointment': ['goals'],
  '/episodes/:id/readings': ['assessment'],
  '/cared-for/:id/about': ['about_me'],
  '/cared-for/:id/goals': ['goals'],
  '/cared-for/:id/team': ['goals'],
  '/cared-for/:id/timetable': ['goals'],
  '/cared-for/:id/review': ['assessment'],
  '/cared-for/:id/if-things-get-worse': ['contingency'],
  '/cared-for/:id/advance-care-plan': ['acp'],
  // From the plan to the service: referrals serve the plan's actions.
  '/episodes/:id/services': ['goals'],
  '/episodes/:id/referrals/new': ['goals'],
  '/episodes/:id/referrals': ['goals'],
  '/episodes/:id/activities-pack.pdf': ['goals'],
  '/referrals/:id': ['goals'],
  '/referrals/:id/status': ['goals'],
};

function sees(actor, target, section) {
  if (actor.role === 'carer' && CARER_OWN[target]?.[actor.user]?.[section] !== undefined) return CARER_OWN[target][actor.user][section];
  const audiences = STORED[target]?.[section] ?? DEFAULTS[section];
  return actor.audiences[target].some((a) => audiences.includes(a));
}

// Routes left out of the matrix, and why.
const SKIP = {
  'POST /logout': 'ends the session the matrix runs in; tests/integ/auth.test.mjs covers it',
};

function expected(actor, route, target) {
  if (!CAPS[route.cap]) throw new Error(`${route.method} ${route.path}: capability "${route.cap}" is not in the matrix's model`);
  if (!CAPS[route.cap].includes(actor.role)) {
    // A person or carer naming someone else's object learns nothing: 404,
    // audited, as for any relationship refusal.
    if (route.kind && route.kind !== 'organisation' && (actor.role === 'person' || actor.role === 'carer') && !actor.rel[target][1]) {
      return { allowed: false, why: `${actor.rel[target][0]} (id guessing)` };
    }
    return { allowed: false, why: 'role' };
  }
  if (DISCIPLINE[route.cap] && !DISCIPLINE[route.cap](actor)) return { allowed: false, why: 'role' };
  if (!route.kind || route.kind === 'organisation') return { allowed: true, why: 'role' };
  const [label, seesRecord] = actor.rel[target];
  // Breaking the glass is how someone outside the care team asks to see.
  if (route.method === 'POST' && route.path === '/people/:id/break-glass') return { allowed: true, why: label };
  if (!seesRecord) return { allowed: false, why: label };
  const hidden = (SECTIONS[route.path] ?? []).filter((sec) => !sees(actor, target, sec));
  if (hidden.length) return { allowed: false, why: `${label}, ${hidden.join(' and ')} not shared`, section: true };
  return { allowed: true, why: (SECTIONS[route.path] ? `${label}, section shared` : label) };
}

function urlOf(route, target) {
  if (!route.kind) return route.path;
  // The organisation's own records (no person's data): the first of each.
  if (route.kind === 'organisation') return route.path.replace(':id', '1');
  const id = TARGETS[target][route.kind];
  if (!id) throw new Error(`${route.path}: an :id of kind "${route.kind}" the matrix has no fixture for`);
  return route.path.replace(':id', String(id));
}

const routes = careplan(['routes']).stdout.trim().split('\n').map((l) => {
  const [method, path, access, kind = ''] = l.split('\t');
  return { method, path, public: access === 'public', cap: access, kind };
});

const refusedBy = (user) => num(`select count(*) from audit a join users u on u.id = a.user_id
  where a.action in ('access.refused', 'share.hidden') and u.username = '${user}'`);

// ---- the matrix ----------------------------------------------------------------------------

test('every route x every role x every relationship is allowed or denied as the model says', async () => {
  assert.ok(routes.length > 60, `careplan routes lists the table (${routes.length})`);
  assert.ok(routes.every((r) => r.kind !== '?'), 'every :id route says whose record it is');
  const clients = {};
  for (const a of ACTORS) {
    const c = new Client(srv.url);
    const made = ['gp.far', 'gp.glass', 'gp.expired', 'carer.gone'].includes(a.user);
    assert.equal((await c.signIn(a.user, made ? PW : undefined)).status, 303, `${a.user} signs in`);
    c.csrf = Client.csrfOf((await c.get('/')).text);
    assert.ok(c.csrf, `${a.user} has a CSRF token`);
    clients[a.user] = c;
  }
  const tally = { cases: 0, allowed: 0, denied: 0, byRelationship: {} };
  const wrong = [];
  // Reads first, then forms: a form that did change something cannot hide a page.
  const ordered = [...routes.filter((r) => r.method === 'GET'), ...routes.filter((r) => r.method === 'POST')];
  for (const route of ordered) {
    if (route.public || route.path === '/assets/' || SKIP[`${route.method} ${route.path}`]) continue;
    for (const a of ACTORS) {
      for (const target of route.kind && route.kind !== 'organisation' ? ['margaret', 'other'] : ['margaret']) {
        const want = expected(a, route, target);
        const url = urlOf(route, target);
        const c = clients[a.user];
        const before = refusedBy(a.user);
        const r = route.method === 'GET' ? await c.get(url) : await c.post(url, { csrf: c.csrf });
        const refused = refusedBy(a.user) - before;
        const roleDenied = r.status === 403 && /Your role does not include this page/.test(r.text);
        const relDenied = refused > 0 && (r.status === 403 || r.status === 404);
        const got = !(roleDenied || relDenied);
        tally.cases++;
        tally[got ? 'allowed' : 'denied']++;
        const key = `${a.role}: ${want.why.replace(/, [a-z_ ]+ not shared$/, ', a section not shared')}`;
        tally.byRelationship[key] = (tally.byRelationship[key] || 0) + 1;
        const tag = `${route.method} ${url} as ${a.user} (${want.why})`;
        if (got !== want.allowed) wrong.push(`${tag}: expected ${want.allowed ? 'allowed' : 'denied'}, got ${r.status}${refused ? ' with access.refused' : ''}`);
        else if (!want.allowed && want.why !== 'role') {
          // Refused for the relationship: a person or carer learns nothing.
          const quiet = a.role === 'person' || a.role === 'carer' || want.section;
          if (r.status !== (quiet ? 404 : 403)) wrong.push(`${tag}: refused with ${r.status}, expected ${quiet ? 404 : 403}`);
          if (refused !== 1) wrong.push(`${tag}: ${refused} access.refused rows, expected 1`);
        } else if (got && r.status >= 500) {
          wrong.push(`${tag}: server error ${r.status}`);
        }
      }
    }
  }
  console.log(`authorisation matrix: ${tally.cases} cases over ${routes.length} routes and ${ACTORS.length} users: ` +
    `${tally.allowed} allowed, ${tally.denied} denied`);
  for (const [k, n] of Object.entries(tally.byRelationship).sort()) console.log(`  ${k}: ${n}`);
  assert.deepEqual(wrong, [], `${wrong.length} cases differ from the model:\n${wrong.slice(0, 40).join('\n')}`);
  assert.ok(tally.denied > 0 && tally.allowed > 0);
});

test('careplan routes lists every route once, each with its capability or "public"', () => {
  const seen = new Set();
  for (const r of routes) {
    const k = `${r.method} ${r.path}`;
    assert.ok(!seen.has(k), `${k} twice`);
    seen.add(k);
    assert.ok(r.public || CAPS[r.cap], `${k}: ${r.cap}`);
    assert.equal(r.kind !== '', r.path.includes(':id'), `${k}: an :id route and only such has a kind`);
  }
  for (const k of ['GET /people/:id', 'POST /episodes/:id/stage', 'GET /my/record-log', 'GET /login']) assert.ok(seen.has(k), k);
});
