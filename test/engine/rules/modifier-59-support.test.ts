import { ruleTester } from './tester';

const cmtMassage = (mods: string[]) => [
  { code: '98940', units: 1 },
  { code: '97124', modifiers: mods, units: 1 },
];
const manualMassage = (mods: string[]) => [
  { code: '97140', modifiers: ['GP'], units: 1 },
  { code: '97124', modifiers: ['GP', ...mods], units: 1 },
];

ruleTester('modifier-59-support', {
  valid: [
    {
      name: 'no distinct-service modifier: nothing to support',
      visit: { lines: manualMassage([]), note: 'Massage and joint mobilization to the low back.' },
    },
    {
      name: '59 on massage with CMT: massage minutes documented (region separation not required for this pair)',
      visit: { lines: cmtMassage(['59']), note: 'CMT to lumbar spine.\nTherapeutic massage 15 min to lumbar paraspinals with kneading.' },
    },
    {
      name: '59 on massage with manual therapy: two regions tied to the two services and minutes for each',
      visit: {
        lines: manualMassage(['59']),
        note: 'Treatment:\nTherapeutic massage 15 min to R upper trapezius, effleurage and kneading.\nJoint mobilization 10 min, grade III PA glides to the lumbar spine.',
      },
    },
    {
      name: 'XS with an explicit separate-region statement and minutes for each',
      visit: {
        lines: manualMassage(['XS']),
        note: 'Massage 12 min and manual therapy 10 min performed on separate regions (neck vs. ankle).',
      },
    },
    {
      name: 'XE with a separate session documented',
      visit: {
        lines: manualMassage(['XE']),
        note: 'AM: manual therapy 10 min to the lumbar spine.\nPatient returned later in the day for massage 15 min to the cervical paraspinals.',
      },
    },
    {
      name: 'XP with two practitioners signing',
      visit: {
        lines: cmtMassage(['XP']),
        note: 'CMT to lumbar spine. John Roe, DC\nMassage 15 min to lumbar paraspinals. Ann Lee, LMT',
      },
    },
    {
      name: 'regions mentioned only in a negated way do not tie a service, but explicit separate time does for XU',
      visit: {
        lines: manualMassage(['XU']),
        note: 'Massage 15 min and manual therapy 10 min were performed in separate time blocks.',
      },
    },
  ],
  invalid: [
    {
      name: '59 on massage with manual therapy to the same region, no minutes',
      visit: { lines: manualMassage(['59']), note: 'Massage and joint mobilization to the lumbar spine.' },
      errors: [
        {
          message: /59 on 97124 \(billed with 97140\) is not supported: the note does not document a separate body region for 97124 and 97140; nor separate minutes for 97124; nor separate minutes for 97140/,
          evidence: 'Massage',
          line: 1,
        },
      ],
    },
    {
      name: 'the note says the services overlapped',
      visit: {
        lines: manualMassage(['59']),
        note: 'Massage 15 min and joint mobilization 10 min to the same region (lumbar).',
      },
      errors: [{ message: /contradicted by the note: "same region"/, evidence: 'same region', line: 1, suggestion: /remove the modifier/ }],
    },
    {
      name: '59 together with XS on one line, and XS unsupported',
      visit: { lines: manualMassage(['59', 'XS']), note: 'Massage 15 min and manual therapy 10 min to the low back.' },
      errors: [
        { message: /XS on 97124 \(billed with 97140\) is not supported: the note does not document a separate body region/, evidence: 'Massage', line: 1 },
        { message: /97124 carries 59 and XS: 59 is not reported together with an X modifier/, noEvidence: true, line: 1 },
      ],
    },
    {
      name: '59 on massage with CMT but no massage minutes (Medicare)',
      profile: 'medicare',
      visit: { lines: cmtMassage(['59']), note: 'CMT to lumbar spine. Massage to lumbar paraspinals with kneading.' },
      errors: [{ message: /59 on 97124 \(billed with 98940\) is not supported: the note does not document separate minutes for 97124/, severity: 'warning', evidence: 'Massage', line: 1 }],
    },
    {
      name: 'XE without a separate encounter',
      visit: { lines: manualMassage(['XE']), note: 'Massage 15 min to the neck; manual therapy 10 min to the ankle.' },
      errors: [{ message: /XE on 97124 .* a separate encounter/, line: 1 }],
    },
    {
      name: 'XP with one signer',
      visit: { lines: cmtMassage(['XP']), note: 'CMT to lumbar spine. Massage 15 min to the lumbar paraspinals.\nJohn Roe, DC' },
      errors: [{ message: /XP on 97124 .* a second practitioner/, line: 1 }],
    },
    {
      name: 'a negated separate-region claim does not count',
      visit: { lines: manualMassage(['XS']), note: 'Massage 15 min and manual therapy 10 min, not to separate regions.' },
      errors: [{ message: /XS on 97124 .* separate body region/, line: 1 }],
    },
    {
      name: 'a modifier on a code that forms no pair with anything billed',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', modifiers: ['GP'], units: 2 }, { code: '97124', modifiers: ['GP', '59'], units: 1 }], note: 'Massage 15 min; exercise 30 min.' },
      errors: [{ message: /59 is on 97124, but none of the other codes billed \(97110\) forms a bundled pair/, severity: 'info', line: 1 }],
    },
    {
      name: 'lines read from a note (no claim lines): evidence is the billing line',
      visit: { note: 'Massage to the low back.\nJoint mobs to the low back.\n97140\n97124-59 x1' },
      errors: [{ evidence: '97124-59 x1', message: /separate body region/, line: 1 }],
    },
    {
      name: 'note in parts: the contradiction is found in the treatment part',
      visit: {
        lines: manualMassage(['XS']),
        note: [
          { id: 'subjective', label: 'Subjective', text: 'Low back pain 6/10.' },
          { id: 'treatment', label: 'Treatment', text: 'Massage 15 min and joint mobs 10 min, same area.' },
        ],
      },
      errors: [{ evidence: 'same area', part: 'treatment', line: 1 }],
    },
  ],
});
