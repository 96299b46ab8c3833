import { ruleTester } from './tester';

const note = 'Treatment: massage 15 min to R upper trapezius with kneading; palpable hypertonicity reduced.';

ruleTester('ptp-modifier', {
  valid: [
    {
      name: 'massage alone: no pair',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note },
    },
    {
      name: 'massage with CMT, 59 on 97124 (column 2)',
      visit: { lines: [{ code: '98940', units: 1 }, { code: '97124', modifiers: ['59'], units: 1 }], note },
    },
    {
      name: 'massage with CMT, XS on 97124',
      visit: { lines: [{ code: '98941', units: 1 }, { code: '97124', modifiers: ['XS'], units: 1 }], note },
    },
    {
      name: 'unconfirmed 97140/97124 pair: a modifier on either line is accepted',
      visit: { lines: [{ code: '97140', modifiers: ['GP', '59'], units: 1 }, { code: '97124', modifiers: ['GP'], units: 1 }], note },
    },
    {
      name: 'PT evaluation with 97140 before the 2020 edit took effect',
      visit: { dateOfService: '2019-06-03', lines: [{ code: '97161' }, { code: '97140', units: 1 }, { code: '97124', modifiers: ['59'], units: 1 }], note },
    },
    {
      name: 'a pair switched off for a payer (indicator 9)',
      visit: { lines: [{ code: '98940' }, { code: '97124', units: 1 }], note },
      options: { ruleOptions: { 'ptp-modifier': { indicators: { '98940-97124': 9 } } } },
    },
    {
      name: 'massage with exercise only: 97110 is not paired with 97124 in the data',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', modifiers: ['GP'], units: 2 }, { code: '97124', modifiers: ['GP'], units: 1 }], note },
    },
    {
      name: 'a note that lists CMT and massage with 59 on the massage line (no claim lines)',
      visit: { note: 'Billing:\n98940\n97124-59 x1\nMassage 15 min to R upper trapezius.' },
    },
  ],
  invalid: [
    {
      name: 'massage with a chiropractic adjustment, no modifier on 97124',
      visit: { lines: [{ code: '98940', units: 1 }, { code: '97124', modifiers: ['GP'], units: 1 }], note },
      errors: [{ message: /97124 is billed with 98940 on the same date with no 59\/XE\/XS\/XP\/XU on 97124, the column-2 code/, line: 1, severity: 'error', noEvidence: true, suggestion: /Append XS, XE, XU or XP to 97124/ }],
    },
    {
      name: 'modifier on the column-1 code instead of the column-2 code',
      visit: { lines: [{ code: '98942', modifiers: ['59'], units: 1 }, { code: '97124', units: 1 }], note },
      errors: [{ message: /59 is on 98942 \(column 1\)/, line: 1, suggestion: /Move the modifier to 97124/ }],
    },
    {
      name: 'massage with manual therapy and no modifier: the pair is UNCONFIRMED, so a warning that says so',
      profile: 'medicare',
      visit: { lines: [{ code: '97140', modifiers: ['GP'], units: 1 }, { code: '97124', modifiers: ['GP'], units: 1 }], note },
      errors: [{ message: /no 59\/XE\/XS\/XP\/XU on either line \(97140 or 97124\).*UNCONFIRMED/, severity: 'warning', line: 1 }],
    },
    {
      name: 'the UNCONFIRMED pair stays at the profile level when that level is lower',
      profile: 'aetna',
      options: { ruleLevels: { 'ptp-modifier': 'info' } },
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97140', units: 1 }], note },
      errors: [{ severity: 'info', line: 0, message: /Aetna/ }],
    },
    {
      name: 'CMT with both massage and manual therapy: two column-2 lines, plus the unconfirmed pair',
      visit: {
        lines: [{ code: '98941', units: 1 }, { code: '97140', units: 1 }, { code: '97124', modifiers: ['59'], units: 1 }],
        note,
      },
      errors: [{ message: /97140 is billed with 98941/, line: 1 }],
    },
    {
      name: 'PT evaluation with manual therapy on a 2026 date of service',
      visit: { dateOfService: '2026-03-02', lines: [{ code: '97162' }, { code: '97140', units: 1 }], note: 'Evaluation and joint mobilization.' },
      errors: [{ message: /97140 is billed with 97162/, line: 1 }],
    },
    {
      name: 'lines read from a note: evidence is the billing line for the column-2 code',
      visit: { note: 'Billing:\n98940\n97124-GP x1\nMassage 15 min to R upper trapezius.' },
      errors: [{ evidence: '97124-GP x1', line: 1 }],
    },
    {
      name: 'claim lines with the codes also listed in the note: evidence points at the listing',
      visit: { lines: [{ code: '98940' }, { code: '97124', units: 1 }], note: 'CMT 2 regions.\n97124 x1: massage 15 min to L QL.' },
      errors: [{ evidence: '97124 x1', line: 1 }],
    },
    {
      name: "a payer that never pays the pair (indicator 0 set in the profile's options): the modifier does not help",
      visit: { lines: [{ code: '98940' }, { code: '97124', modifiers: ['59'], units: 1 }], note },
      options: { ruleOptions: { 'ptp-modifier': { indicators: { '98940-97124': 0 } } } },
      errors: [{ message: /no modifier can bypass \(indicator 0\), so 59 on 97124 does not help/, line: 1, suggestion: /Bill only the code/ }],
    },
    {
      name: 'note in parts: the billing part lists the codes the claim carries',
      visit: {
        lines: [{ code: '98941' }, { code: '97124', modifiers: ['GP'], units: 1 }],
        note: [
          { id: 'tx', label: 'Treatment', text: 'CMT 3 regions. Massage 15 min to cervical paraspinals.' },
          { id: 'bill', label: 'Billing', text: '98941\n97124-GP x1' },
        ],
      },
      errors: [{ evidence: '97124-GP x1', part: 'bill', line: 1 }],
    },
    {
      name: 'mechanical traction with manual therapy: modifier goes on 97140',
      visit: { lines: [{ code: '97012' }, { code: '97140', units: 1 }, { code: '97124', modifiers: ['XS'], units: 1 }], note },
      errors: [{ message: /97140 is billed with 97012/, line: 1 }],
    },
  ],
});

