import { ruleTester } from './tester';

const massageLine = [{ code: '97124', modifiers: ['GP'], units: 1, minutes: 15 }];
const bare = 'Therapeutic massage 15 min to R upper trapezius with effleurage and kneading for palpable hypertonicity limiting driving.';

ruleTester('treatment-response', {
  valid: [
    {
      name: 'a pair of sides with units better than its bracketed earlier pair is a response',
      visit: { lines: massageLine, note: `${bare}\nO: cervical rot R/L 62\u00b0/66\u00b0 (55\u00b0/58\u00b0 two wks ago).` },
    },
    {
      name: 'a functional change written as "can now …"',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 1 }], note: 'Massage 12 min to R infraspinatus, kneading. Pt can now reach the second shelf without pain (could not last week).' },
    },
    {
      name: 'a change that names a deficit word after it is still a change',
      visit: { lines: massageLine, note: `${bare} Afterward pain decreased to 2/10 with gripping a mug.` },
    },
    {
      name: 'pre and post measures of the same kind (seed example)',
      visit: { lines: massageLine, note: `${bare} Pre: pain 6/10; rotation 40 degrees. Post: pain 3/10; rotation 52 degrees. Patient tolerated well.` },
    },
    // Objective progress written as a landmark reached or a walking speed.
    ...[
      ['a reach behind the back to a higher level than at eval', 'Hand behind back R to T9, was L2 at IE.'],
      ['internal rotation to a vertebra from a lower one', 'Functional IR L thumb to T11 from L3.'],
      ['a reach from the sacrum up to a lumbar level', 'Reaching behind back to L1 (sacrum at eval).'],
      ['gait speed in m/s against the eval', '10-meter walk 1.04 m/s (0.86 m/s at eval).'],
      ['gait speed in ft/s, up from before', 'Comfortable gait speed 3.1 ft/s, up from 2.5 ft/s.'],
      ['a walk test distance against the eval', '6MWT 372 m today, 301 m at initial eval.'],
    ].map(([name, change]) => ({ name: name!, visit: { lines: massageLine, note: `${bare} ${change}` } })),
    // Pre/post within the session, an activity against its bracketed earlier value, an arrow with a phase word.
    ...[
      ['a length of jaw opening at the outset and after the work', 'Interincisal opening 26 mm at the outset, 31 mm after the intraoral release.'],
      ['a motion to begin with and following the named work', 'Popliteal angle 40 deg to begin, 28 deg following STM.'],
      ['a distance today against the bracketed earlier one', 'Hiked 4 mi Saturday, no soreness (was 1.5 mi at IE).'],
      ['a time at an activity against the bracketed earlier one', 'Cycling 30 min (15 min at eval).'],
      ['an ASCII arrow on an abbreviated motion with "post"', 'Lx ext 12 -> 20 deg post.'],
      ['bare pain figures joined by an arrow with "after"', 'Pain 6 => 3 after.'],
    ].map(([name, change]) => ({ name: name!, visit: { lines: massageLine, note: `${bare} ${change}` } })),
    // A scale by its abbreviation, two figures joined by an arrow: a before/after measure, known scale or not.
    ...[
      ['a scar scale by its capitals with "post"', 'Hypertrophic scar L wrist, POSAS 44 -> 38 post.'],
      ['a tone grade with a plus and "after"', 'Hamstring MAS 3 → 2+ after.'],
      ['a functional scale with a unicode arrow', 'PSFS 3 → 5.'],
      ['an unknown capitalised scale', 'Scar mVSS 10 => 8 post; CSS 7 -> 5 post.'],
    ].map(([name, change]) => ({ name: name!, visit: { lines: massageLine, note: `${bare} ${change}` } })),
    // What the patient felt after the session, in a comparative: a reported response.
    ...[
      ['less ache, noted by the client after the visit', 'Less ache noted by client after.'],
      ['felt looser afterwards', 'Felt looser afterwards per pt.'],
      ['less tight post-tx, stated', 'She states less tight in the shoulder post-tx.'],
      ['less stiff after the session', 'Less stiff after the session.'],
      ['moves freer after the work', 'Pt notes neck moves freer after.'],
    ].map(([name, change]) => ({ name: name!, visit: { lines: massageLine, note: `${bare} ${change}` } })),
    {
      name: 'a measured change over visits',
      visit: { lines: massageLine, note: `${bare} Cervical rotation 40 → 55 degrees over 3 visits.` },
    },
    {
      name: 'pain change written with an arrow',
      visit: { lines: massageLine, note: `${bare} Pain 6/10 -> 3/10.` },
    },
    {
      name: 'measures with the phase written after them',
      visit: { lines: massageLine, note: `${bare} Pain 6/10 pre-treatment, 3/10 post-treatment.` },
    },
    {
      name: 'response wording: change since last visit',
      visit: { lines: massageLine, note: `${bare} Pt reports less pain with driving since last visit.` },
    },
    {
      name: 'a function the patient performed, written under the response',
      visit: { lines: massageLine, note: `${bare}\nPost: buttoned her coat and reached behind back to tuck in shirt.` },
    },
    {
      name: 'less soreness since the last session, beside "tolerated well"',
      visit: { lines: massageLine, note: `${bare}\nPt says her neck has been less sore... she notes less soreness with typing since the last session. Tolerated well.` },
    },
    {
      name: 'an activity done today that was not possible at the evaluation',
      visit: { lines: massageLine, note: `${bare}\nUnable at eval to fasten seat belt; fastened it without help today.` },
    },
    {
      name: 'the first time since the injury',
      visit: { lines: massageLine, note: `${bare}\nWalked the dog around the block, the first time since the fall. Tolerated well.` },
    },
    {
      name: 'progress wording beside something unchanged still counts',
      visit: { lines: massageLine, note: `${bare}\nProgressing toward goals; grip unchanged.` },
    },
    {
      name: 'a discharge grid: the outcome measures under eval and discharge columns',
      visit: { lines: massageLine, note: `Outcome     Initial     D/C\nNDI         38%         16%\nR rotation  45 deg      70 deg\n${bare}` },
    },
    {
      name: 'a progress grid with eval, last visit and today columns',
      visit: { lines: massageLine, note: `Measure\tEval\tLast visit\tToday\nLEFS\t31\t44\t52\n${bare}` },
    },
    {
      name: 'no massage billed: out of scope',
      visit: { lines: [{ code: '97110', units: 2 }], note: 'Therapeutic exercise. Tolerated well.' },
    },
  ],
  invalid: [
    {
      name: 'a pair of sides with units unchanged from its bracketed earlier pair is no response',
      visit: { lines: massageLine, note: `${bare}\nO: cervical rot R/L 55\u00b0/58\u00b0 (55\u00b0/58\u00b0 two wks ago).` },
      errors: [{}],
    },
    {
      name: 'comparison words framing no-change wording are no progress',
      visit: { lines: massageLine, note: `${bare}\nNo improvement in neck stiffness since the last session per pt.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: '"about the same as last visit" is no progress',
      visit: { lines: massageLine, note: `${bare}\nPt says her shoulder is about the same as last visit. Tolerated well.` },
      errors: [{ evidence: 'Tolerated well' }],
    },
    {
      name: 'a flowsheet title with "progress" in it is no progress',
      visit: { lines: massageLine, note: `Progress flow sheet, visit 4\n${bare}\nTolerated well.` },
      errors: [{ evidence: 'Tolerated well' }],
    },
    {
      name: 'a pair of values beside an unchanged earlier pair',
      visit: { lines: massageLine, note: `Shoulder ER R 40 deg / L 62 deg (40/62 at visit 3).\n${bare}` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'a grid row that did not change is no response',
      visit: { lines: massageLine, note: `Measure     Eval     Today\nR rotation  48 deg   48 deg\n${bare}` },
      errors: [{ noEvidence: true }],
    },
    // A deficit listed as the problem is not a change after treatment.
    {
      name: 'deficits in the diagnosis line are not a response',
      visit: { lines: massageLine, note: `Dx: L distal radius fx s/p ORIF; decreased grip and pinch.\n${bare}\nPt tolerated session well.` },
      errors: [{ evidence: 'Pt tolerated session well' }],
    },
    {
      name: 'an impairment list with decreased endurance and balance',
      visit: { lines: massageLine, note: `Impairments: decreased endurance, decreased balance, decreased flexibility.\n${bare}` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'reduced dexterity and grip strength in the assessment',
      visit: { lines: massageLine, note: `${bare}\nA: reduced R hand dexterity and reduced grip strength persist. Tolerated tx without complaint.` },
      errors: [{ evidence: 'Tolerated tx without complaint' }],
    },
    {
      name: 'diminished proprioception and coordination',
      visit: { lines: massageLine, note: `O: diminished proprioception L ankle; diminished coordination with heel-shin.\n${bare}` },
      errors: [{ noEvidence: true }],
    },
    {
      name: '"tolerated well" alone is not a response: evidence is the phrase',
      visit: { lines: massageLine, note: `${bare} Patient tolerated treatment well.` },
      errors: [{ evidence: 'Patient tolerated treatment well', message: /is the only response documented/ }],
    },
    {
      name: 'nothing at all: no evidence',
      visit: { lines: massageLine, note: bare },
      errors: [{ noEvidence: true, message: /no response to the massage/ }],
    },
    {
      name: 'a function written as a plan is not a response',
      visit: { lines: massageLine, note: `${bare}\nPlan: practise buttoning a coat next visit.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'a value named after weeks of massage is no within-session response',
      visit: { lines: massageLine, note: `${bare} Pain 4/10 after 6 weeks of massage.` },
      errors: [{ noEvidence: true }],
    },
    // A capitalised program, treatment or unit before two figures is no scale.
    ...[
      ['a home program count', 'HEP 2 -> 3 post.'],
      ['a treatment name before figures', 'STM 10 -> 12 post.'],
    ].map(([name, change]) => ({ name: name!, visit: { lines: massageLine, note: `${bare} ${change}` }, errors: [{ noEvidence: true as const }] })),
    // A documented lack of change after the session stays no response.
    ...[
      ['no change after', 'Client reports no change after.'],
      ['the same after', 'Pt states neck feels the same after.'],
    ].map(([name, change]) => ({ name: name!, visit: { lines: massageLine, note: `${bare} ${change}` }, errors: [{ noEvidence: true as const }] })),
    {
      name: 'a count of sets after an arrow is no measured change',
      visit: { lines: massageLine, note: `${bare} Bridges for hip ext 2 -> 3 sets.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'a pre measure without a post measure',
      visit: { lines: massageLine, note: `${bare} Pre: pain 6/10. Tolerated session without complaint.` },
      errors: [{ evidence: 'Tolerated session without complaint' }],
    },
    {
      name: 'pre and post of different measures do not compare',
      visit: { lines: massageLine, note: `${bare} Pre: pain 6/10. Post: rotation 52 degrees.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'impairment wording is not a response',
      visit: { lines: massageLine, note: `${bare} Decreased cervical rotation and increased muscle tone. Progress note.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'a goal is not a response, nor a plan to progress',
      visit: { lines: massageLine, note: `${bare}\nGoals: pain decreased to 2/10.\nPlan: progress exercises as tolerated.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'negated and hypothetical responses',
      visit: { lines: massageLine, note: `${bare} No decreased pain reported. Will check for improved rotation next visit.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'first visit: softened to info',
      visit: { lines: massageLine, episode: { visitNumber: 1 }, note: `${bare} Pt tolerated well.` },
      errors: [{ evidence: 'Pt tolerated well', severity: 'info' }],
    },
    {
      name: 'cigna: error',
      profile: 'cigna',
      visit: { lines: massageLine, note: bare },
      errors: [{ severity: 'error', message: /Cigna requires documented functional improvement/ }],
    },
    {
      name: 'lines read from the note, evidence in its part',
      visit: {
        note: [
          { id: 'tx', label: 'Treatment', text: '97124 x1 (15 min): massage to low back with kneading. Spasm L QL.' },
          { id: 'a', label: 'Assessment', text: 'Tolerated massage well.' },
        ],
      },
      errors: [{ evidence: 'Tolerated massage well', part: 'a' }],
    },
  ],
});
