import { ruleTester } from './tester';

const note = 'Treatment: massage 50 min to cervical, thoracic and lumbar paraspinals for palpable spasm limiting sitting and driving.';

ruleTester('massage-units', {
  valid: [
    {
      name: 'Medicare: 4 units is at the threshold',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 4 }], note: 'Massage 60 min to cervical, thoracic and lumbar paraspinals.' },
    },
    {
      name: 'commercial: 1 unit is at the threshold',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage 15 min to R upper trap.' },
    },
    {
      name: 'other codes do not count toward the massage threshold',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97110', units: 3 }, { code: '97140', units: 2 }], note: 'Massage 15 min. Ther ex 40 min. Joint mobs 25 min.' },
    },
    {
      name: 'a raised threshold from options',
      options: { ruleOptions: { 'massage-units': { maxUnits: 2 } } },
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Massage 25 min to lumbar paraspinals.' },
    },
    {
      name: 'units not given on the line',
      visit: { lines: [{ code: '97124' }], note },
    },
    {
      name: 'lines read from the note: 97124 x1',
      visit: { note: 'Treatment:\n97124-GP x1 (15 min) massage to lumbar paraspinals' },
    },
  ],
  invalid: [
    {
      name: 'commercial: 2 units above the 1-unit scrutiny threshold (info)',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Massage 25 min to lumbar paraspinals.' },
      errors: [
        {
          message: /^97124: 2 units for 25 documented minutes on one date, above this profile's review threshold of 1 unit \(a configurable scrutiny point; the CMS MUE for 97124 is unconfirmed\)/,
          severity: 'info',
          evidence: '25 min',
          line: 0,
        },
      ],
    },
    {
      name: 'Medicare: 5 units above 4',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', units: 1 }, { code: '97124', units: 5 }], note: 'Ther ex 10 min. Massage 75 min to paraspinals.' },
      errors: [{ message: /^97124: 5 units for 75 documented minutes on one date, above this profile's review threshold of 4 units/, line: 1, evidence: '75 min' }],
    },
    {
      name: 'units split across two lines of the same date add up',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 3 }, { code: '97124', units: 2 }], note: 'Massage to neck and low back.' },
      errors: [{ message: /^97124: 5 units over 2 claim lines on one date/, line: 0, noEvidence: true, suggestion: /on one line/ }],
    },
    {
      name: 'a stricter threshold from options (user or policy override)',
      profile: 'medicare',
      options: { ruleOptions: { 'massage-units': { maxUnits: 2 } } },
      visit: { lines: [{ code: '97124', units: 3 }], note },
      errors: [{ message: /threshold of 2 units/ }],
    },
    {
      name: 'a level override raises it to a warning',
      options: { ruleLevels: { 'massage-units': 'warning' } },
      visit: { lines: [{ code: '97124', units: 3 }], note },
      errors: [{ severity: 'warning', message: /3 units for 50 documented minutes/, evidence: '50 min' }],
    },
    {
      name: 'lines read from a note with no claim',
      profile: 'medicare',
      visit: { note: 'Treatment:\n97124-GP x6 massage to cervical, thoracic and lumbar paraspinals' },
      errors: [{ message: /^97124: 6 units on one date/, evidence: '97124-GP x6', line: 0 }],
    },
  ],
});
