import { ruleTester } from './tester';

const massageLine = { code: '97124', modifiers: ['GP'], units: 1, minutes: 15 };
const manualLine = { code: '97140', modifiers: ['GP'], units: 1, minutes: 15 };

ruleTester('code-selection', {
  valid: [
    {
      name: '97124 with classic massage strokes',
      visit: { lines: [massageLine], note: 'Therapeutic massage 15 min to R upper trapezius: effleurage and petrissage for hypertonicity.' },
    },
    {
      name: '97140 with joint mobilization',
      visit: { lines: [manualLine], note: 'Grade III joint mobilization to the R glenohumeral joint 15 min.' },
    },
    {
      name: '97124 with both massage and manual therapy documented (a ptp/59 question, not code choice)',
      visit: { lines: [massageLine], note: 'Massage with kneading to lumbar paraspinals. Myofascial release to thoracolumbar fascia.' },
    },
    {
      name: '97140 with myofascial release and stroking in the same session',
      visit: { lines: [manualLine], note: 'Myofascial release to L hamstrings with long strokes.' },
    },
    {
      name: 'spinal manipulation on a chiropractic claim is the CMT, not 97140 work',
      visit: { lines: [{ code: '98940', units: 1 }, massageLine], note: 'Spinal manipulation to L4-5. Massage with kneading to lumbar paraspinals 15 min.' },
    },
    {
      name: 'negated and planned manual therapy does not count',
      visit: { lines: [massageLine], note: 'Massage 15 min with effleurage to the neck. No joint mobilization today; consider manual traction next visit.' },
    },
    {
      name: 'exam percussion on a 97140 claim is not a massage stroke',
      visit: { lines: [manualLine], note: 'Abdomen tympanic to percussion. Manual therapy 15 min to lumbar spine.' },
    },
    {
      name: 'an MRI finding of compression is not a massage stroke',
      visit: { lines: [manualLine], note: 'MRI: compression of the L5 nerve root. Manual therapy 15 min.' },
    },
    {
      name: 'no claim lines: nothing billed to choose between',
      visit: { note: 'Myofascial release to lumbar paraspinals 15 min.' },
    },
  ],
  invalid: [
    {
      name: '97124 billed for myofascial release; massage named only in the plan for later',
      visit: { lines: [massageLine], note: 'MFR 11 min to R piriformis.\nPlan: 2x/wk, then massage once a month.' },
      errors: [{ evidence: 'MFR', line: 0 }],
    },
    {
      name: '97124 billed for myofascial release',
      visit: { lines: [massageLine], note: 'Myofascial release to thoracolumbar fascia 15 min for restriction limiting bending.' },
      errors: [{ evidence: 'Myofascial release', line: 0, message: /97124 \(massage\) is billed \(line 1\) but the note describes manual therapy \("Myofascial release"\)/, suggestion: /Bill 97140/ }],
    },
    {
      name: '97124 billed for joint mobilization, the claim code typed in the note is not massage',
      visit: { lines: [massageLine], note: 'CPT 97124 x1.\n\nTreatment: grade II joint mobilizations to the R knee.' },
      errors: [{ evidence: 'joint mobilizations', line: 0 }],
    },
    {
      name: '97124 and 97140 both billed, only 97140 work documented',
      visit: { lines: [manualLine, massageLine], note: 'Manual lymphatic drainage to the L upper extremity 30 min.' },
      errors: [{ evidence: 'Manual lymphatic drainage', line: 1, message: /97140 is already billed/, suggestion: /Remove 97124/ }],
    },
    {
      name: '97140 billed for classic massage strokes',
      visit: { lines: [manualLine], note: 'Manual therapy 15 min: effleurage and petrissage to bilateral upper trapezius.' },
      errors: [{ evidence: 'effleurage', line: 0, message: /97140 \(manual therapy\) is billed \(line 1\) but the note describes classic massage/, suggestion: /Bill 97124/ }],
    },
    {
      name: '97140 billed for a Swedish massage in the treatment section',
      visit: { lines: [manualLine], note: 'Treatment: Swedish massage 15 min.' },
      errors: [{ evidence: 'Swedish massage', line: 0 }],
    },
    {
      name: 'lines read from the note, evidence in its part',
      visit: {
        note: [
          { id: 'billing', label: 'Billing', text: '97140 x1 (15 min)' },
          { id: 'tx', label: 'Treatment', text: 'Kneading and stroking to the calf.' },
        ],
      },
      errors: [{ evidence: 'Kneading', part: 'tx', line: 0 }],
    },
    {
      name: 'medicare uses the default level',
      profile: 'medicare',
      visit: { lines: [massageLine], note: 'STM to R upper trapezius 15 min.' },
      errors: [{ evidence: 'STM', severity: 'warning', message: /\(Medicare Part B\)/ }],
    },
  ],
});
