// tests/lib/dir_fixture.mjs - a few directory services put in through SQL,
// for tests of referrals (docs/referrals.md) that must not depend on the
// directory's own demo data.  Each row has an ext_id starting "test-", and
// the fixture adds nothing when its services are there already, so it can
// run on a database the demo filled too.  Returns the ids by key.
//
// q: runs one SQL statement on the test's database and returns its output.
export const SERVICES = [
  {
    key: 'walk', name: 'Riverside Wednesday Walkers', org: 'Kingsmead Walking for Health (test)',
    description: 'A friendly walking group: gentle walks of about an hour on the flat, then tea together.',
    domains: ['social', 'mental_wellbeing', 'lifestyle'], free: 1, fees: '',
    eligibility: 'Adults who can walk for 20 minutes; carers welcome', accessibility: 'Flat paths, benches on the way',
    how: 'Just turn up, or phone Jan first', place: 'Riverside Park gates', address: 'Mill Lane', town: 'Kingsmead',
    postcode: 'KM1 2AB', rrule: 'FREQ=WEEKLY;BYDAY=WE', opens: '10:00', closes: '11:00', phone: '01632 960001',
    contact: 'Jan Morris', title: 'walk leader', cost: null,
  },
  {
    key: 'lunch', name: 'St Anne\'s Lunch Club', org: 'St Anne\'s Community Hall (test)',
    description: 'A two-course hot lunch and a chat every Tuesday, with a quiz or music afterwards.',
    domains: ['social', 'lifestyle'], free: 0, fees: '',
    eligibility: 'Anyone over 60', accessibility: 'Step-free entrance, hearing loop',
    how: 'Phone to book a place the week before', place: 'St Anne\'s Hall', address: '4 Church View', town: 'Kingsmead',
    postcode: 'KM2 4CD', rrule: 'FREQ=WEEKLY;BYDAY=TU', opens: '12:00', closes: '14:00', phone: '01632 960002',
    contact: null, title: null, cost: { amount: '4.50', what: 'lunch and a hot drink' },
  },
  {
    key: 'befriend', name: 'Phone Friends', org: 'Age Together Kingsmead (test)',
    description: 'A volunteer rings you for a chat at the same time each week.',
    domains: ['mental_wellbeing', 'social'], free: 1, fees: '',
    eligibility: 'People living alone', accessibility: 'By phone, at home', how: 'Ask your link worker to refer you',
    place: null, rrule: null, opens: null, closes: null, when: 'A time that suits you, once a week', phone: '01632 960003',
    contact: null, title: null, cost: null,
  },
  {
    key: 'money', name: 'Money and Benefits Advice', org: 'Kingsmead Advice Centre (test)',
    description: 'Free advice on benefits, debts and bills.',
    domains: ['finances'], free: 1, fees: '', eligibility: 'Anyone in Kingsmead', accessibility: 'Ground floor',
    how: 'Phone for an appointment', place: 'Advice Centre', address: '12 Station Street', town: 'Kingsmead',
    postcode: 'KM1 5EF', rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', opens: '09:30', closes: '16:00', phone: '01632 960004',
    contact: null, title: null, cost: null,
  },
];

const lit = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

export function addServices(q) {
  const ids = {};
  const now = Date.now();
  for (const s of SERVICES) {
    const ext = `test-${s.key}`;
    let id = q(`select id from dir_service where ext_id = ${lit(ext)}`);
    if (!id) {
      q(`insert or ignore into dir_organisation(ext_id, name, updated_ms) values (${lit(`${ext}-org`)}, ${lit(s.org)}, ${now})`);
      const org = q(`select id from dir_organisation where ext_id = ${lit(`${ext}-org`)}`);
      q(`insert into dir_service(ext_id, organisation_id, name, description, phone, eligibility, accessibility, how_to_access,
          free, fees, reviewed_ms, created_ms, updated_ms)
         values (${lit(ext)}, ${org}, ${lit(s.name)}, ${lit(s.description)}, ${lit(s.phone)}, ${lit(s.eligibility)},
          ${lit(s.accessibility)}, ${lit(s.how)}, ${s.free}, ${lit(s.fees)}, ${now}, ${now}, ${now})`);
      id = q(`select id from dir_service where ext_id = ${lit(ext)}`);
      for (const d of s.domains) q(`insert into dir_service_domain(service_id, domain) values (${id}, ${lit(d)})`);
      let loc = null;
      if (s.place) {
        q(`insert into dir_location(ext_id, name, address, town, postcode) values (${lit(`${ext}-loc`)}, ${lit(s.place)},
            ${lit(s.address)}, ${lit(s.town)}, ${lit(s.postcode)})`);
        loc = q(`select id from dir_location where ext_id = ${lit(`${ext}-loc`)}`);
        q(`insert into dir_service_location(service_id, location_id) values (${id}, ${loc})`);
      }
      q(`insert into dir_schedule(service_id, location_id, rrule, dtstart, opens_at, closes_at, description)
         values (${id}, ${loc ?? 'NULL'}, ${lit(s.rrule)}, ${s.rrule ? "'2026-01-05'" : 'NULL'}, ${lit(s.opens)}, ${lit(s.closes)},
          ${lit(s.when ?? '')})`);
      if (s.contact) {
        q(`insert into dir_contact(service_id, name, title, phone) values (${id}, ${lit(s.contact)}, ${lit(s.title)}, ${lit(s.phone)})`);
      }
      if (s.cost) {
        q(`insert into dir_cost(service_id, option, amount, amount_description) values (${id}, '', ${lit(s.cost.amount)}, ${lit(s.cost.what)})`);
      }
      q(`insert into dir_service_fts(rowid, name, description, organisation, categories, place)
         values (${id}, ${lit(s.name)}, ${lit(s.description)}, ${lit(s.org)}, ${lit(s.domains.join(' '))}, ${lit(s.place ?? '')})`);
    }
    ids[s.key] = Number(id);
  }
  return ids;
}
