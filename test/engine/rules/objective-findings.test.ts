import { ruleTester } from './tester';

const massageLine = [{ code: '97124', modifiers: ['GP'], units: 1, minutes: 15 }];
const bare = 'Therapeutic massage 15 min to R upper trapezius with effleurage and kneading.';

ruleTester('objective-findings', {
  valid: [
    {
      name: 'palpable hypertonicity and guarding',
      visit: { lines: massageLine, note: `${bare} Palpable hypertonicity and guarding R upper trap.` },
    },
    {
      name: 'ROM in degrees only',
      visit: { lines: massageLine, note: `${bare} R cervical rotation 40 degrees.` },
    },
    {
      name: 'pain rating only',
      visit: { lines: massageLine, note: `${bare} Pain 6/10 with driving.` },
    },
    {
      name: 'outcome-measure score only',
      visit: { lines: massageLine, note: `${bare} NDI 32%.` },
    },
    {
      name: 'graded tenderness',
      visit: { lines: massageLine, note: `${bare} Tenderness grade 2 over the levator scapulae.` },
    },
    {
      name: 'girth for edema',
      visit: { lines: massageLine, note: `${bare} Ankle girth 26 cm, edema present.` },
    },
    {
      name: 'a negated finding next to a real one',
      visit: { lines: massageLine, note: `${bare} No palpable spasm, but trigger points noted in upper trap.` },
    },
    {
      name: 'no massage billed: out of scope',
      visit: { lines: [{ code: '97110', units: 2 }], note: 'Therapeutic exercise 30 min.' },
    },
    {
      name: 'no claim lines and massage only mentioned as a symptom modifier',
      visit: { note: 'Neck pain better with massage. Plan: follow up in 2 weeks.' },
    },
  ],
  invalid: [
    {
      name: 'no findings at all: points at the 97124 line, no evidence',
      visit: { lines: massageLine, note: bare },
      errors: [{ line: 0, noEvidence: true, message: /97124 is billed \(line 1\) but the note records no objective impairment/ }],
    },
    {
      name: 'negated findings only',
      visit: { lines: massageLine, note: `${bare} No palpable spasm or guarding noted. Abdomen soft, non-tender.` },
      errors: [{ line: 0, noEvidence: true }],
    },
    {
      name: 'hypothetical and historical findings only',
      visit: { lines: massageLine, note: `${bare} History of muscle spasm. Will assess for trigger points next visit.` },
      errors: [{ line: 0 }],
    },
    {
      name: 'the massage line is the second claim line',
      visit: {
        lines: [{ code: '97110', units: 1, minutes: 15 }, ...massageLine],
        note: `Therapeutic exercise 15 min. ${bare} Patient reports feeling looser.`,
      },
      errors: [{ line: 1, message: /line 2/ }],
    },
    {
      name: 'lines read from a note with no claim lines',
      visit: { note: `97124 x1 (15 min)\n${bare}` },
      errors: [{ line: 0, noEvidence: true }],
    },
    {
      name: 'no claim lines, massage performed today (technique named)',
      visit: { note: [{ id: 'tx', label: 'Treatment', text: 'Massage with effleurage to the low back.' }] },
      errors: [{ noEvidence: true, message: /Massage is documented but the note records no objective impairment/ }],
    },
    {
      name: 'cigna uses the default level',
      profile: 'cigna',
      visit: { lines: massageLine, note: bare },
      errors: [{ severity: 'warning', message: /\(Cigna\)/ }],
    },
  ],
});
