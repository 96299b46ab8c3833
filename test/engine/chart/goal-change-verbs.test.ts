// Goal items headed by a change verb (raise, better, increase, improve … to): the verb is the change, and
// what follows decides whether the goal names an activity or only an impairment. Invented variants,
// with the ones that must stay impairment goals.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const kindsOf = (note: string) => analyzeChart(note).goals.map((g) => [g.kind, g.source, g.text]);

describe('goal items headed by a change verb', () => {
  const rows: { name: string; item: string; kind: 'functional' | 'impairment' }[] = [
    { name: 'raise, with a reach that names the activity', item: 'raise L arm overhead to get mugs off the top shelf in 3 wks', kind: 'functional' },
    { name: 'raise, with only a motion target', item: 'raise R arm to 145 deg flexion', kind: 'impairment' },
    { name: 'raising, a motion with a time frame', item: 'raising L shoulder abduction to 110 deg by wk 5', kind: 'impairment' },
    { name: 'better, with an activity', item: 'better sleep on her L side', kind: 'functional' },
    { name: 'better, a strength target', item: 'Better L grip to 35 lb in 4 wks', kind: 'impairment' },
    { name: 'better, posture alone', item: 'better posture', kind: 'impairment' },
    { name: 'better, a tolerance for an activity', item: 'better tolerance for kneeling to weed the beds 15 min', kind: 'functional' },
    { name: 'increase, a motion', item: 'increase knee flexion to 115 deg', kind: 'impairment' },
    { name: 'increase, an activity with a target', item: 'increase stair climbing to 2 flights without rail', kind: 'functional' },
    { name: 'improve … to, a motion', item: 'improve R ER to 55 deg', kind: 'impairment' },
    { name: 'improve … to, a motion for an activity', item: 'improve R ER to 55 deg to fasten a necklace', kind: 'functional' },
  ];
  for (const row of rows) {
    it(`${row.name}: "${row.item}"`, () => {
      expect(kindsOf(`Goals:\n- ${row.item}`)).toEqual([[row.kind, 'goal', row.item]]);
    });
  }
});

describe('the purpose stated with the treatment, by a change verb after "to"', () => {
  const rows: { name: string; note: string; want: [string, string][] }[] = [
    { name: 'to raise, an activity', note: 'STM to L UT to raise the arm overhead for hanging laundry.', want: [['functional', 'to raise the arm overhead for hanging laundry']] },
    { name: 'to better, an activity', note: 'Massage to B calves to better tolerate a 3 hr hike.', want: [['functional', 'to better tolerate a 3 hr hike']] },
    { name: 'to increase, an activity', note: 'Massage to R forearm to increase typing time to 1 hr.', want: [['functional', 'to increase typing time to 1 hr']] },
    { name: 'to increase, only a motion', note: 'Massage to R UT to increase cervical rotation.', want: [['impairment', 'to increase cervical rotation']] },
    { name: 'to raise, only a motion target', note: 'Massage to L pec to raise the arm to 160 deg.', want: [['impairment', 'to raise the arm to 160 deg']] },
    // "to" before a region is where the massage went, not a purpose; "raised" reports a change, not a purpose.
    { name: 'no change verb, no purpose', note: 'Massage to R UT 12 min.', want: [] },
    { name: 'a change reported, not a purpose', note: 'Massage to R UT; arm raised to 150 deg after.', want: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(analyzeChart(row.note).goals.filter((g) => g.source === 'purpose').map((g) => [g.kind, g.text])).toEqual(row.want);
    });
  }
});
