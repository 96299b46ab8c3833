import { ruleTester } from './tester';

const lines = [{ code: '97124', units: 1 }, { code: '97110', units: 2 }];

ruleTester('time-totals', {
  valid: [
    {
      name: 'per-code minutes add up to the totals',
      profile: 'medicare',
      visit: { lines, note: 'Treatment:\nMassage 15 min\nTher ex 23 min\nTotal timed minutes: 38\nTotal treatment time: 48 min (incl. hot pack 10 min)' },
    },
    {
      name: 'AAPC example: 35 timed + 20 untimed = 55 total treatment',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }, { code: '97010', units: 1 }],
        note: 'Massage 15 min. Ther ex 20 min. Hot pack 20 min.\nTotal timed minutes: 35\nTotal treatment time: 55 min',
      },
    },
    {
      name: 'a timed service done without stated minutes may hold the rest of the total',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: 'Treatment: massage 15 min to lumbar paraspinals; gait training with cane.\nTotal timed minutes: 30',
      },
    },
    {
      name: 'minutes that are not treatment time stay out of the sum',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: 'Objective: 6-minute walk test 300 m. Sitting tolerance 20 minutes.\nTreatment: massage 15 min.\nHEP: ice 15 minutes at home.\nTotal timed minutes: 15',
      },
    },
    {
      name: 'the same minutes repeated in a billing summary',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Treatment: massage 15 min to R upper trap.\nBilling: 97124 x1 massage 15 min' },
    },
    {
      name: 'claim line minutes agree with the note',
      visit: { lines: [{ code: '97124', units: 1, minutes: 15 }], note: 'Massage 15 min to R upper trap.' },
    },
    {
      name: 'tolerance option absorbs a one-minute rounding difference',
      options: { ruleOptions: { 'time-totals': { toleranceMinutes: 1 } } },
      visit: { lines, note: 'Massage 15 min. Ther ex 23 min. Total timed minutes: 37' },
    },
    {
      name: 'no totals at all: nothing to compare',
      visit: { lines, note: 'Massage 15 min. Ther ex 23 min.' },
    },
    // Hands-on time written under another name: the claim's massage line and the note's manual-therapy
    // entry are the same minutes, counted once (code-selection reports the name/code mismatch).
    {
      name: 'soft tissue mobilisation time on a massage line with the claim minutes (assistant note)',
      profile: 'medicare',
      visit: {
        lines: [{ code: '97124', modifiers: ['GP', 'CQ'], units: 1, minutes: 14 }, { code: '97110', units: 1, minutes: 20 }, { code: '97112', units: 1, minutes: 14 }],
        note: 'Seen by PTA per POC.\nSTM to L lumbar paraspinals and QL 14 min.\nTher ex 20 min: bridges, bird dogs.\nNMR 14 min: single-leg stance on foam.\nTotal timed 48 min.\nR. Okafor, PTA',
      },
    },
    {
      name: 'myofascial release time on a massage line, against the total treatment time',
      visit: {
        lines: [{ code: '97124', units: 1, minutes: 20 }, { code: '97110', units: 1, minutes: 15 }],
        note: 'MFR to R pec minor and anterior deltoid, supine, 20 min.\nTher ex 15 min: wall angels, rows.\nTotal treatment time: 35 min',
      },
    },
    {
      name: 'massage strokes on a manual-therapy line',
      visit: {
        lines: [{ code: '97140', units: 1, minutes: 12 }, { code: '97110', units: 1, minutes: 18 }],
        note: 'Effleurage and kneading to R gastroc/soleus 12 min. Ther ex 18 min: calf raises, step-downs. Total timed minutes: 30',
      },
    },
    {
      name: 'no minutes on the claim: the renamed entry is the billed line\u2019s time',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }],
        note: 'IASTM R ITB 11 min; ther ex 20 min.\nTotal timed: 31 min. Session time 31 min.',
      },
    },
  ],
  invalid: [
    {
      name: 'a pipe flowsheet and the narrative give the massage different times',
      visit: { lines, note: "Service | Min\nMassage L QL (kneading) | 10'\nTher ex | 25'\nNarrative: massage to L QL x 16 min with stripping, then ther ex." },
      errors: [{ message: /97124 is documented as 10 minutes in one place and 16 in another/ }],
    },
    {
      name: 'an exercise flowsheet that lists the massage, and the narrative',
      visit: { lines, note: "Exercise | Sets | Min\nTherapeutic massage R UT | - | 11'\nRows | 3x12 | 20'\nA: massage to the R UT x 15 min with kneading." },
      errors: [{ message: /97124 is documented as 11 minutes in one place and 15 in another/ }],
    },
    {
      name: 'a tab-separated flowsheet and a dictated sentence disagree',
      visit: { lines, note: 'CPT\tService\tMinutes\n97124\tMassage\t14\n97110\tTher ex\t24\nI performed massage to the calf for twenty minutes before exercise.' },
      errors: [{ message: /97124 is documented as 14 minutes in one place and 20 in another/ }],
    },
    {
      name: 'a total the page also read into the visit still quotes the note that states it',
      visit: { lines, totalTimedMinutes: 44, note: 'Massage to L rhomboids 12 min.\nTher ex 25 min: rows, wall slides.\nTimed minutes total - 44' },
      errors: [{ message: /add up to 37, but the total timed minutes are 44/, evidence: 'Timed minutes total - 44' }],
    },
    {
      name: 'hands-on time under another name still counts once against a smaller total',
      visit: {
        lines: [{ code: '97124', units: 2, minutes: 25 }, { code: '97110', units: 1, minutes: 15 }],
        note: 'MFR to R ITB 25 min. Ther ex 15 min: clamshells. Total treatment time: 30 min',
      },
      errors: [{ message: /timed minutes \(40\) exceed the total treatment time \(30\)/, evidence: 'Total treatment time: 30 min' }],
    },
    {
      name: 'per-code minutes do not add up to the total timed minutes',
      visit: { lines, note: 'Treatment:\nMassage 15 min\nTher ex 23 min\nTotal timed minutes: 45' },
      errors: [{ message: /^The minutes per timed code \(97124 15 min, 97110 23 min\) add up to 38, but the total timed minutes are 45/, evidence: 'Total timed minutes: 45' }],
    },
    {
      name: 'untimed minutes counted in the timed total',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }, { code: '97010', units: 1 }],
        note: 'Massage 15 min. Ther ex 20 min. Hot pack 15 min.\nTotal timed minutes: 50',
      },
      errors: [{ message: /^The total timed minutes \(50\) include untimed services: .*add up to 35, plus 97010 15 min untimed/, evidence: 'Total timed minutes: 50', suggestion: /total timed minutes 35/ }],
    },
    {
      name: 'total timed greater than total treatment time',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Massage to lumbar paraspinals.\nTotal timed minutes: 30\nTotal treatment time: 25 min' },
      errors: [{ message: 'The timed minutes (30) exceed the total treatment time (25)', evidence: 'Total timed minutes: 30' }],
    },
    {
      name: 'timed plus documented untimed exceed the session',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97010', units: 1 }],
        note: 'Massage 15 min. Hot pack 15 min.\nTotal timed minutes: 15\nTotal treatment time: 20 min',
      },
      errors: [{ message: /^Timed 15 min plus untimed 97010 15 min come to 30, more than the total treatment time \(20\)/, evidence: 'Total treatment time: 20 min' }],
    },
    {
      name: 'the same code documented with different minutes',
      visit: { lines: [{ code: '97124', units: 1 }], note: 'Treatment: massage 15 min to R upper trap.\nBilling: 97124 x1 massage 20 min' },
      errors: [{ message: '97124 is documented as 15 minutes in one place and 20 in another', evidence: '20 min' }],
    },
    {
      name: 'claim line minutes differ from the note',
      visit: { lines: [{ code: '97124', units: 2, minutes: 25 }], note: 'Massage 15 min to R upper trap.' },
      errors: [{ message: '97124: the claim line gives 25 minutes but the note documents 15', evidence: '15 min', line: 0 }],
    },
    {
      name: 'the claim\'s total differs from the note\'s',
      visit: { lines: [{ code: '97124', units: 1 }], totalTimedMinutes: 20, note: 'Massage to R upper trap. Total timed minutes: 15' },
      errors: [{ message: /^The total timed minutes sent with the claim \(20\) differs from the note's 15/, evidence: 'Total timed minutes: 15' }],
    },
    {
      name: 'Cigna raises it as an error (profile level)',
      profile: 'cigna',
      visit: { lines, note: 'Massage 15 min. Ther ex 23 min. Total timed minutes: 30' },
      errors: [{ severity: 'error', message: /add up to 38, but the total timed minutes are 30/ }],
    },
    {
      name: 'note in parts, lines read from the note',
      visit: {
        note: [
          { id: 'tx', label: 'Treatment', text: '97124-GP x1 (15 min) massage\n97110-GP x2 (25 min) ther ex' },
          { id: 'time', label: 'Time', text: 'Total timed minutes: 50\nTotal treatment time: 50 min' },
        ],
      },
      errors: [{ message: /add up to 40, but the total timed minutes are 50/, evidence: 'Total timed minutes: 50', part: 'time' }],
    },
  ],
});
