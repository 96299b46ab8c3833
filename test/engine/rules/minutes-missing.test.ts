import { ruleTester } from './tester';

ruleTester('minutes-missing', {
  valid: [
    {
      name: 'commercial: minutes per code for every timed line',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 2 }],
        note: 'Treatment:\nTherapeutic massage -- 15 min: R upper trapezius.\nTher ex 25 min: cervical stabilization.',
      },
    },
    {
      name: 'Medicare: per-code minutes are voluntary, the totals are enough',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 2 }],
        note: 'Massage to R upper trapezius; ther ex for cervical stabilization.\nTotal timed minutes: 38\nTotal treatment time: 48 min',
      },
    },
    {
      name: 'Medicare: totals sent as structured fields',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], totalTimedMinutes: 15, totalTreatmentMinutes: 25, note: 'Massage to lumbar paraspinals.' },
    },
    {
      name: 'commercial: one timed code and a stated total (the total is its time)',
      profile: 'aetna',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Massage with kneading to L QL. Total timed minutes: 25.' },
    },
    {
      name: 'minutes on the claim line count as documented',
      visit: { lines: [{ code: '97124', units: 1, minutes: 15 }], note: 'Massage to lumbar paraspinals.' },
    },
    {
      name: 'only untimed codes billed',
      profile: 'medicare',
      visit: { lines: [{ code: '97010', units: 1 }, { code: '97161', units: 1 }], note: 'PT evaluation. Hot pack to low back.' },
    },
    {
      name: 'lines read from the note carry their minutes: "97124 x2 (25\')"',
      visit: { note: "Treatment:\n97124 x2 (25') massage to lumbar paraspinals" },
    },
    {
      name: 'clock ranges written before each service: "8:05-8:20 massage …; 8:20-8:45 ther ex"',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 2 }],
        note: 'Tx: 8:05-8:20 massage R upper trap; 8:20-8:45 ther ex scapular stabilization.',
      },
    },
    {
      name: 'a clock range followed by a colon: "Therapeutic exercise 8:20-8:45: lumbar stabilization"',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 2 }],
        note: 'Treatment:\nTherapeutic massage 8:05-8:20 to L lumbar paraspinals.\nTherapeutic exercise 8:20-8:45: lumbar stabilization.',
      },
    },
    {
      name: 'a clock range is documented time',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Therapeutic massage 8:05-8:30 to lumbar paraspinals.' },
    },
  ],
  invalid: [
    {
      name: 'time the reader could not tie to a code is unread, not missing: info, pointing at it',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Treatment:\n- 15 min to the low back.' },
      errors: [{ message: /could not tie to a code: "15 min" near "- 15 min to the low back\."/, severity: 'info', evidence: '15 min' }],
    },
    {
      name: 'commercial: a timed line with no minutes anywhere',
      visit: {
        lines: [{ code: '97124', units: 2 }, { code: '97110', units: 1 }],
        note: 'Treatment:\nTherapeutic massage to R upper trapezius.\nTher ex 12 min.',
      },
      errors: [{ message: '97124 (Therapeutic massage) is billed for 2 units but the note documents no minutes for it', evidence: 'Therapeutic massage', line: 0, severity: 'error' }],
    },
    {
      name: '"6-minute walk test", "sitting tolerance 20 minutes" and home ice are not massage minutes',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: 'Objective: 6-minute walk test 320 m; sitting tolerance 20 minutes.\nTreatment: massage to lumbar paraspinals.\nHEP: ice 15 minutes at home.',
      },
      errors: [{ message: /^97124 .* no minutes/, evidence: 'massage' }],
    },
    {
      name: 'a planned massage is not the service given: evidence is today\'s entry',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }],
        note: 'Treatment:\nTher ex 10 min.\nMassage to upper trap.\nPlan: massage 15 min next visit.',
      },
      errors: [{ message: /^97124/, evidence: 'Massage' }],
    },
    {
      name: 'Medicare: no total timed minutes and no total treatment time',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage to lumbar paraspinals with kneading.' },
      errors: [
        { message: /^Timed code 97124 billed but the note documents no total timed minutes/, severity: 'error', noEvidence: true },
        { message: /^The note does not state the total treatment time/, severity: 'warning' },
      ],
    },
    {
      name: 'Medicare: per-code minutes but no stated total (softer) — never a per-code finding',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }],
        note: 'Massage 15 min. Ther ex 10 min. Total treatment time: 25 min.',
      },
      errors: [{ message: /^The note gives minutes per code \(25 in all\) but no total timed code treatment minutes/, severity: 'warning', suggestion: /Total timed minutes: 25/ }],
    },
    {
      name: 'Medicare Advantage inherits the Medicare requirement',
      profile: 'medicare-advantage',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97010', units: 1 }], note: 'Hot pack. Massage to R upper trap. Total time 30 min.' },
      errors: [{ message: /^Timed code 97124 billed but the note documents no total timed minutes/, severity: 'error' }],
    },
    {
      name: 'Medicare: only timed services and a session total: softer, points at the total',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage to R upper trap.\nTotal time 20 min.' },
      errors: [{ message: 'The note states a total treatment time (20 min) but not the total timed code minutes', severity: 'warning', evidence: 'Total time 20 min', suggestion: /Total timed minutes: 20/ }],
    },
    {
      name: 'lines read from a note with no claim and no minutes',
      visit: { note: 'Treatment:\n97124-GP x2 massage to lumbar paraspinals' },
      errors: [{ message: /^97124 .* billed for 2 units/, evidence: '97124-GP x2', line: 0 }],
    },
    {
      name: 'commercial: a total alone does not say how it splits across two codes',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }],
        note: 'Massage and ther ex. Total timed minutes: 30.',
      },
      errors: [
        { message: /^97124/, evidence: 'Massage', line: 0 },
        { message: /^97110/, evidence: 'ther ex', line: 1 },
      ],
    },
    {
      name: 'a profile option can require total treatment time (e.g. Cigna)',
      profile: 'cigna',
      options: { ruleOptions: { 'minutes-missing': { totalTreatmentMinutes: true } } },
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage 15 min to lumbar paraspinals.' },
      errors: [{ message: /total treatment time/, severity: 'warning' }],
    },
    {
      name: 'note in parts: evidence in the right part',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: [
          { id: 's', text: 'Low back pain with sitting.' },
          { id: 'tx', text: 'Soft tissue massage to lumbar paraspinals.' },
        ],
      },
      errors: [{ evidence: 'Soft tissue massage', part: 'tx' }],
    },
  ],
});
