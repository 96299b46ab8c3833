import { historyRuleTester } from './tester';
import { visitOf } from './notes';

const dates = ['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-09', '2026-03-11', '2026-03-13'];
/** A visit of p1 on the n-th date with these figures (notes differ only in figures; cloned-note is off here). */
const at = (n: number, pain: number, rotation: number, extra: Record<string, unknown> = {}) => visitOf('p1', dates[n]!, { pain, rotation }, extra);

historyRuleTester('massage-trend', {
  valid: [
    {
      name: 'rotation improves by more than 5 degrees over the episode',
      visits: [at(0, 6, 40), at(1, 6, 44), at(2, 6, 47), at(3, 6, 50), at(4, 6, 52)],
    },
    {
      name: 'pain falls by 2 points or more',
      visits: [at(0, 6, 40), at(1, 5, 40), at(2, 5, 40), at(3, 4, 40), at(4, 4, 40)],
    },
    {
      name: 'within the 3-visit window',
      visits: [at(0, 6, 40), at(1, 6, 40), at(2, 6, 40)],
    },
    {
      name: 'Medicare: 6 visits are within its 10-visit window (profile data)',
      visits: [0, 1, 2, 3, 4, 5].map((n) => at(n, 6, 40, { payer: 'Medicare' })),
    },
    {
      name: 'two episodes of three visits each',
      visits: [at(0, 6, 40, { episode: { id: 'neck' } }), at(1, 6, 40, { episode: { id: 'neck' } }), at(2, 6, 40, { episode: { id: 'neck' } }), at(3, 6, 40, { episode: { id: 'back' } }), at(4, 6, 40, { episode: { id: 'back' } })],
    },
    {
      name: 'no massage billed on the late visits',
      visits: [at(0, 6, 40), at(1, 6, 40), at(2, 6, 40), { ...at(3, 6, 40), lines: [{ code: '97110', units: 2 }], note: 'Therapeutic exercise 30 min: chin tucks, rows, rotation stretches. Pain 6/10, rotation R 40 deg.' }],
    },
    {
      name: 'the note documents improvement since the last visit',
      visits: [at(0, 6, 40), at(1, 6, 40), at(2, 6, 40), { ...at(3, 6, 40), note: at(3, 6, 40).note.replace('Plan:', 'Rotation improved from 40 to 48 degrees since last visit.\nPlan:') }],
    },
  ],
  invalid: [
    {
      name: 'five massage visits, pain and rotation flat: flagged from the fourth',
      visits: [at(0, 6, 40), at(1, 6, 41), at(2, 6, 40), at(3, 6, 42), at(4, 6, 42)],
      errors: [
        {
          visit: 3,
          message: /Massage billed at 4 visits of this episode since 2026-03-02, 7 days \(97124 units 1, 1, 1, 1\), past this profile's 3-visit window, and no measure improved enough to count \(pain 6\/10 → 6\/10 and ROM 40° → 42°\)/,
          suggestion: /active care/,
        },
        { visit: 4, message: /at 5 visits .* ROM 40° → 42°/ },
      ],
    },
    {
      name: 'worse, not better',
      visits: [at(0, 4, 50), at(1, 5, 48), at(2, 6, 45), at(3, 7, 40)],
      errors: [{ visit: 3, message: /pain 4\/10 → 7\/10 and ROM 50° → 40°/ }],
    },
    {
      name: 'no measures recorded at all',
      visits: [0, 1, 2, 3].map((n) => ({ patient: { id: 'p9' }, dateOfService: dates[n], lines: [{ code: '97124', units: 2 }], note: 'Massage 30 min to the low back, kneading to paraspinals for spasm. Tolerated well.' })),
      errors: [{ visit: 3, message: /97124 units 2, 2, 2, 2.*no objective measure was recorded at two of these visits/ }],
    },
    {
      name: "Aetna: 3 visits over 20 days pass its 14-day window (UNCONFIRMED, cited as such)",
      visits: [at(0, 6, 40, { payer: 'Aetna' }), { ...at(1, 6, 40, { payer: 'Aetna' }), dateOfService: '2026-03-12' }, { ...at(2, 6, 41, { payer: 'Aetna' }), dateOfService: '2026-03-22' }],
      errors: [{ visit: 2, message: /3 visits of this episode since 2026-03-02, 20 days .* past this profile's 14-day window.*\(Aetna\)/ }],
    },
  ],
});
