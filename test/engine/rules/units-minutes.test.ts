import { readFileSync } from 'node:fs';
import type { ClaimLine } from '../../../src/engine';
import { ruleTester, type InvalidCase, type ValidCase } from './tester';

interface CmsExample {
  id: string;
  timed: { code: string; minutes: number }[];
  expectedUnits: Record<string, number>;
  alternatives: Record<string, number>[];
}
const { examples } = JSON.parse(readFileSync(new URL('../../fixtures/cms-unit-examples.json', import.meta.url), 'utf8')) as {
  examples: CmsExample[];
};

/** A claim as the example says to code it, with the minutes documented in the note (not the claim). */
function exampleVisit(example: CmsExample, units: Record<string, number>) {
  const lines: ClaimLine[] = example.timed.filter((t) => (units[t.code] ?? 0) > 0).map((t) => ({ code: t.code, modifiers: ['GP'], units: units[t.code] }));
  const note = `Treatment:\n${example.timed.map((t) => `${t.code}: ${t.minutes} min`).join('\n')}`;
  return { lines, note };
}

// Every CMS worked example (and every equally correct allocation) is a clean claim under Medicare.
const cmsValid: ValidCase[] = examples.flatMap((example) =>
  [example.expectedUnits, ...example.alternatives].map((units, i) => ({
    name: `${example.id}${i > 0 ? ` (alternative ${i})` : ''}: ${Object.entries(units).map(([c, u]) => `${c}×${u}`).join(' ')}`,
    profile: 'medicare',
    visit: exampleVisit(example, units),
  })),
);

const ex2 = examples.find((e) => e.id === 'cms-ch5-ex2')!;
const ex4 = examples.find((e) => e.id === 'cms-ch5-ex4')!;

const cmsInvalid: InvalidCase[] = [
  {
    name: 'CMS example 2: 3 units of one code is never correct',
    profile: 'medicare',
    visit: exampleVisit(ex2, { '97112': 3, '97110': 0 }),
    errors: [{ message: /^97112: 3 units billed, 20 documented minutes \(of 40 total timed minutes = 3 units across 97112, 97110\) support 2 under the CMS 8-minute rule; equally correct allocations: 97112 ×2 \+ 97110 ×1, or 97112 ×1 \+ 97110 ×2/, evidence: '20 min', line: 0 }],
  },
  {
    name: 'CMS example 4: billing the ultrasound as a fourth unit',
    profile: 'medicare',
    visit: exampleVisit(ex4, { '97110': 1, '97140': 1, '97116': 1, '97035': 1 }),
    errors: [{ message: /^97035: 1 unit billed, 8 documented minutes \(of 49 total timed minutes = 3 units across 97110, 97140, 97116, 97035\) support 0/, evidence: '8 min', line: 3, severity: 'error' }],
  },
];

ruleTester('units-minutes', {
  valid: [
    ...cmsValid,
    {
      name: 'per-code: 97124 25 min billed as 2 units (commercial)',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Therapeutic massage 25 min to lumbar paraspinals.' },
    },
    {
      name: 'per-code: each code on its own (97110 10 min ×1, 97124 10 min ×1 — CMS would allow only 1)',
      visit: { lines: [{ code: '97110', units: 1 }, { code: '97124', units: 1 }], note: 'Ther ex 10 min. Massage 10 min.' },
    },
    {
      name: 'Medicare with only the total timed minutes: 2 timed units for 38 minutes',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97110', units: 2 }, { code: '97124', units: 1 }],
        note: 'Ther ex and massage to cervical paraspinals. Total timed minutes: 38. Total treatment time: 38 min.',
      },
      // 38 minutes support 3 units; 2 + 1 = 3.
    },
    {
      name: 'untimed code billed once, its minutes ignored',
      profile: 'medicare',
      visit: { lines: [{ code: '97010', units: 1 }, { code: '97124', units: 1 }], note: 'Hot pack 15 min. Massage 15 min.' },
    },
    {
      name: 'one timed code and a documented total: the total is its time',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Massage to L upper trap with kneading. Total timed minutes: 25.' },
    },
    {
      name: '"6-minute walk test" and "sitting tolerance 20 minutes" are not massage time',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Objective: 6-minute walk test 320 m. Sitting tolerance 20 minutes.\nTreatment: massage 10 min to lumbar paraspinals.' },
    },
    {
      name: 'ice 15 minutes at home is not treatment time',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Treatment: massage 12 min to R upper trap.\nHEP: ice 15 minutes at home twice a day.' },
    },
    {
      name: 'no minutes anywhere: nothing to compare (minutes-missing reports it)',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Massage to lumbar paraspinals.' },
    },
    {
      name: 'CMS: an unbilled documented service still counts (ther ex 20 + massage 20 → massage ×2 is an allowed allocation)',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Treatment: ther ex 20 min; massage 20 min to lumbar paraspinals.' },
    },
    {
      name: 'minutes in the next sentence belong to something else ("Pt walked 10 minutes")',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage to R upper trap 15 min. Pt walked 10 minutes on treadmill.' },
    },
    {
      name: 'a clock range with the am/pm only at its end',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage 1:50-2:05pm to lumbar paraspinals.' },
    },
    {
      name: 'CMS: a timed line with neither units nor minutes leaves nothing to allocate (and never throws)',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97110' }], note: 'Massage 15 min. Ther ex.' },
    },
    {
      name: 'a line billed without units is not compared',
      visit: { lines: [{ code: '97124' }], note: 'Massage 40 min.' },
    },
    {
      name: 'lines read from a note with no claim: 97124 x2 (25 min)',
      visit: { note: 'Treatment:\n97124-GP x2 (25 min) massage to lumbar paraspinals\n97110-GP x1 (10 min) ther ex' },
    },
    {
      name: 'units follow a late entry\u2019s correction, not the minutes marked in error',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Tx:\n97124 massage L glutes - 31 min - error\n\nAddendum 03/04: correct time for the massage, 13 min.' },
    },
    {
      name: 'units follow "corrected to" on the entry line',
      visit: { lines: [{ code: '97110', units: 1 }], note: 'Tx:\nTher ex 97110 40 min, corrected to 14 min' },
    },
  ],
  invalid: [
    ...cmsInvalid,
    {
      name: 'a correction can call for more units too',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Tx:\n97124 massage R calf 12 min.\nLate entry: massage time amended to 26 min.' },
      errors: [{ evidence: '26 min' }],
    },
    {
      name: 'the brief example: 2 units for 15 minutes under Medicare',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 2 }], note: 'Therapeutic massage -- 15 min: R upper trapezius.' },
      errors: [
        {
          message: '97124: 2 units billed, 15 documented minutes support 1 under the CMS 8-minute rule',
          evidence: '15 min',
          line: 0,
          severity: 'error',
          suggestion: /Bill 97124 × 1, or, if more time was spent, document it \(2 units need 23–37 minutes\)/,
        },
      ],
    },
    {
      name: 'under-billing is a (softer) finding too',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage 30 minutes to lumbar paraspinals.' },
      errors: [{ message: /^97124: 1 unit billed, 30 documented minutes support 2 under the per-code/, severity: 'warning', evidence: '30 minutes' }],
    },
    {
      name: 'a timed service under 8 minutes billed alone',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Massage 6 min to R upper trap.' },
      errors: [{ message: /6 documented minutes is under 8 minutes, which cannot be billed/, evidence: '6 min' }],
    },
    {
      name: 'per-code vs CMS: the same claim is fine under commercial but over-billed under Medicare',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', units: 1 }, { code: '97124', units: 1 }], note: 'Ther ex 10 min. Massage 10 min.' },
      errors: [{ message: /^97124: 1 unit billed, 10 documented minutes \(of 20 total timed minutes = 1 unit across 97110, 97124\) support 0.*equally correct/ }],
    },
    {
      name: 'Medicare, only the total known: 4 timed units for 40 minutes',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97110', units: 2 }, { code: '97124', units: 2 }],
        note: 'Ther ex and massage to the lumbar paraspinals.\nTotal timed minutes: 40',
      },
      errors: [{ message: '4 timed units billed (97110 ×2, 97124 ×2), but 40 documented total timed minutes support 3 under the CMS 8-minute rule', evidence: 'Total timed minutes: 40' }],
    },
    {
      name: 'totals from the claim, not the note: no evidence span',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', units: 1 }, { code: '97124', units: 1 }], totalTimedMinutes: 40, note: 'Ther ex and massage.' },
      errors: [{ message: /2 timed units billed .* support 3/, severity: 'warning', noEvidence: true }],
    },
    {
      name: 'per-code: a code with minutes is checked even when another code has none',
      profile: 'uhc',
      visit: { lines: [{ code: '97124', units: 2 }, { code: '97110', units: 1 }], note: 'Massage 15 min to R upper trap. Ther ex for scapular control.' },
      errors: [{ message: /^97124: 2 units billed, 15 documented minutes support 1 under the per-code \(substantial portion\) method \(UnitedHealthcare/, evidence: '15 min', line: 0 }],
    },
    {
      name: 'untimed code billed with several units',
      visit: { lines: [{ code: '97010', units: 2 }, { code: '97124', units: 1 }, { code: '97110', units: 1 }], note: 'Hot pack. Massage 10 min. Ther ex 12 min.' },
      errors: [{ message: /^97010 is an untimed \(service-based\) code: 2 units billed/, line: 0, noEvidence: true }],
    },
    {
      name: 'claim-line minutes (no note minutes): finding without evidence',
      visit: { lines: [{ code: '97124', units: 3, minutes: 25 }], note: 'Massage to lumbar.' },
      errors: [{ message: /^97124: 3 units billed, 25 documented minutes support 2/, noEvidence: true }],
    },
    {
      name: 'a documented total below the per-code sum caps the units (Medicare)',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97110', units: 2 }, { code: '97124', units: 1 }],
        note: 'Treatment:\nTher ex 25 min\nMassage 15 min\nTotal timed minutes: 35',
      },
      errors: [{ message: '3 timed units billed, but the documented total of 35 timed minutes supports 2 under the CMS 8-minute rule', evidence: 'Total timed minutes: 35' }],
    },
    {
      name: 'lines read from the note, units over the note minutes',
      visit: { note: 'Treatment:\n97124-GP x3 (25 min) massage to lumbar paraspinals' },
      errors: [{ message: /^97124: 3 units billed, 25 documented minutes support 2/, evidence: '25 min', line: 0 }],
    },
    {
      name: 'note in parts: evidence in the treatment part',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97124', units: 2 }],
        note: [
          { id: 's', label: 'Subjective', text: 'Neck pain limits driving.' },
          { id: 'tx', label: 'Treatment', text: 'Massage to R upper trapezius 14 min with kneading.' },
        ],
      },
      errors: [{ evidence: '14 min', part: 'tx', message: /14 documented minutes support 1/ }],
    },
  ],
});
