import { ruleTester } from './tester';

const note = 'Therapeutic massage 15 min to R upper trapezius to reduce hypertonicity.\nJane Roe, DPT';

ruleTester('discipline-modifier', {
  valid: [
    {
      name: 'Medicare: GP on every therapy line, signed by a PT',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }, { code: '97110', modifiers: ['GP'], units: 2 }], note },
    },
    {
      name: 'Medicare: GO on a line furnished by an OT',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GO'], units: 1 }], note: 'Retrograde massage 15 min to the R hand for edema.\nAnn Lee, OTR/L' },
    },
    {
      name: 'chiropractic manipulation carries no discipline modifier',
      profile: 'medicare',
      visit: { lines: [{ code: '98940' }, { code: '97124', modifiers: ['GP', '59'], units: 1 }], note },
    },
    {
      name: 'PT signature and a PTA co-signing: still the PT plan, GP fits',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP', 'CQ'], units: 1 }], note: 'Massage 15 min to L QL.\nSam Poe, PTA\nJane Roe, PT' },
    },
    {
      name: 'a PT and an OT on one note: discipline unknown, so a GO line is not called a mismatch',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GO'], units: 1 }], note: 'Massage 15 min to the forearm.\nJane Roe, PT\nAnn Lee, OTR/L' },
    },
    {
      name: 'no therapy lines at all',
      profile: 'medicare',
      visit: { lines: [{ code: '98941' }], note: 'CMT 3 regions.' },
    },
    {
      name: '"Continue PT, OT" in a plan is not an OT signature',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: 'Plan: Continue PT, OT as ordered.\nJane Roe, DPT' },
    },
  ],
  invalid: [
    {
      name: 'Medicare: no GP/GO on the massage line',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97110', modifiers: ['GP'], units: 2 }], note },
      errors: [{ message: /97124 has no discipline modifier \(GP\/GO\), which this payer requires.*Medicare Part B/, severity: 'error', line: 0, suggestion: /Append GP \(physical therapy plan of care, furnished by a PT\)/ }],
    },
    {
      name: 'commercial: missing GP/GO is one info finding for the claim',
      profile: 'aetna',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97110', units: 2 }], note },
      errors: [{ message: /No GP\/GO on 97124, 97110; not required by this payer/, severity: 'info', line: 0 }],
    },
    {
      name: 'GP and GO on one line',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP', 'GO'], units: 1 }], note },
      errors: [{ message: /97124 carries GP and GO/, severity: 'error', line: 0, suggestion: /Keep GP/ }],
    },
    {
      name: 'GO on a line furnished by a PT: evidence is the signature',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GO'], units: 1 }], note },
      errors: [{ message: /carries GO \(occupational therapy\) but the service was furnished by a PT, which calls for GP/, evidence: 'Jane Roe, DPT', line: 0 }],
    },
    {
      name: 'GP on a line furnished by a COTA (claim provider credentials)',
      profile: 'medicare',
      visit: { provider: { credentials: ['COTA/L'] }, lines: [{ code: '97124', modifiers: ['GP', 'CO'], units: 1 }], note: 'Retrograde massage 15 min to the R hand.' },
      errors: [{ message: /carries GP \(physical therapy\) but the service was furnished by an OTA, which calls for GO/, noEvidence: true, line: 0 }],
    },
    {
      name: 'note in parts: the mismatch points at the signature part',
      profile: 'medicare-advantage',
      visit: {
        lines: [{ code: '97124', modifiers: ['GP'], units: 1 }],
        note: [
          { id: 'tx', label: 'Treatment', text: 'Retrograde massage 15 min to the R hand for edema.' },
          { id: 'sig', label: 'Signature', text: 'Ann Lee, OTR/L' },
        ],
      },
      errors: [{ evidence: 'Ann Lee, OTR/L', part: 'sig', message: /furnished by an OT, which calls for GO/, line: 0 }],
    },
    {
      name: 'lines read from the note: evidence is the listing',
      profile: 'medicare',
      visit: { note: 'Massage 15 min to L QL.\n97124 x1\nJane Roe, PT' },
      errors: [{ evidence: '97124 x1', message: /no discipline modifier/, line: 0 }],
    },
  ],
});
