import { ruleTester } from './tester';

const massage = 'Therapeutic massage 15 min to L QL with kneading to reduce palpable spasm.';

ruleTester('assistant-modifier', {
  valid: [
    {
      name: 'PT furnished and signed, no CQ',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `${massage}\nJane Roe, DPT` },
    },
    {
      name: 'PTA signed, CQ with GP',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP', 'CQ'], units: 1 }], note: `${massage}\nSam Poe, PTA` },
    },
    {
      name: 'OTA on the claim, CO with GO',
      profile: 'medicare',
      visit: { provider: { credentials: ['COTA'] }, lines: [{ code: '97124', modifiers: ['GO', 'CO'], units: 1 }], note: 'Retrograde massage 15 min to R hand for edema.' },
    },
    {
      name: 'negated: no PTA involved',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `${massage} No PTA involved in this session.\nJane Roe, PT` },
    },
    {
      name: '"PTA" meaning prior to admission in a medication list',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `Medications: ibuprofen taken PTA.\n${massage}\nJane Roe, PT` },
    },
    {
      name: 'evaluation line with a PTA signature: assistants never furnish evaluations',
      profile: 'medicare',
      visit: { lines: [{ code: '97161', modifiers: ['GP'] }], note: 'Initial evaluation.\nSam Poe, PTA' },
    },
    {
      name: 'historical mention of a PTA',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `History: previously treated by a PTA at another clinic.\n${massage}\nJane Roe, PT` },
    },
    {
      name: 'CQ with nobody named anywhere: nothing to compare against',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP', 'CQ'], units: 1 }], note: massage },
    },
  ],
  invalid: [
    {
      name: 'Medicare: PTA signed, no CQ (evidence is the signature)',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `${massage}\nSam Poe, PTA` },
      errors: [{ message: /97124 has no CQ although "Sam Poe, PTA" shows a PTA furnished the visit; CQ\/CO apply when the assistant furnished more than 10% of the service/, evidence: 'Sam Poe, PTA', severity: 'error', line: 0 }],
    },
    {
      name: 'Medicare: "co-treated with PTA" mention is weaker: warning',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `${massage} Co-treated with PTA for soft tissue work.\nJane Roe, PT` },
      errors: [{ message: /the note says a PTA took part \("Co-treated with PTA"\)/, evidence: 'Co-treated with PTA', severity: 'warning', line: 0, suggestion: /more than 10%/ }],
    },
    {
      name: 'commercial: assistant modifiers not required, so missing CQ is info',
      profile: 'cigna',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: `${massage}\nSam Poe, PTA` },
      errors: [{ severity: 'info', evidence: 'Sam Poe, PTA', line: 0 }],
    },
    {
      name: 'CQ paired with GO',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GO', 'CQ'], units: 1 }], note: `${massage}\nSam Poe, PTA` },
      errors: [{ message: /pairs CQ \(physical therapist assistant\) with GO; CQ goes with GP/, line: 0 }],
    },
    {
      name: 'CO paired with GP, and the assistant is a PTA',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP', 'CO'], units: 1 }], note: `${massage}\nSam Poe, PTA` },
      errors: [
        { message: /the assistant in the note is a PTA, whose modifier is CQ/, evidence: 'Sam Poe, PTA', line: 0 },
        { message: /pairs CO \(occupational therapy assistant\) with GP/, noEvidence: true, line: 0 },
      ],
    },
    {
      name: 'CQ with no assistant involved: signed by a PT',
      profile: 'aetna',
      visit: { lines: [{ code: '97124', modifiers: ['GP', 'CQ'], units: 1 }], note: `${massage}\nJane Roe, DPT` },
      errors: [{ message: /carries CQ, but the note names no PTA; it is signed by a PT/, evidence: 'Jane Roe, DPT', severity: 'warning', line: 0 }],
    },
    {
      name: 'lines read from the note: a PTA-signed note lists 97124 without CQ',
      profile: 'medicare',
      visit: { note: `${massage}\n97124-GP x1\nSam Poe, PTA` },
      errors: [{ evidence: 'Sam Poe, PTA', line: 0, message: /no CQ/ }],
    },
    {
      name: 'note in parts: the signature part is the evidence',
      profile: 'medicare-advantage',
      visit: {
        lines: [{ code: '97124', modifiers: ['GP'], units: 1 }, { code: '97110', modifiers: ['GP', 'CQ'], units: 2 }],
        note: [
          { id: 'tx', label: 'Treatment', text: massage },
          { id: 'sig', label: 'Signature', text: 'Sam Poe, PTA' },
        ],
      },
      errors: [{ evidence: 'Sam Poe, PTA', part: 'sig', line: 0, message: /Medicare Advantage/ }],
    },
  ],
});
