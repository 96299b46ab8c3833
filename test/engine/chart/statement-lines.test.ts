// A line that opens with a status or an action ("- Independent with HEP") states something about the care:
// it is no heading, even when its last word is one. Invented variants, with headings that must still open
// their section.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const kinds = (note: string) => analyzeChart(note).sections.filter((s) => s.end > s.start).map((s) => s.kind);
const minutes = (note: string) => Object.fromEntries(Object.values(analyzeChart(note).minutesByCode).map((c) => [c.code, c.minutes]));

describe('status lines are not headings', () => {
  it.each([
    ['a bulleted status in a treatment list', 'Tx:\n- Ther ex 97110 10 min\n- Compliant with HEP\n- Massage 97124 13 min R glutes', ['treatment']],
    ['an action line', 'Objective:\nReviewed home exercise program\nMassage 97124 12 min L calf', ['objective']],
    ['a plan to continue', 'Plan:\n* Continue HEP\n* Massage 97124 1x/wk', ['plan']],
    ['a rating of carryover', 'Assessment:\nGood carryover of HEP\nSTM 97124 11 min', ['assessment']],
  ])('%s', (_name, note, want) => {
    expect(kinds(note)).toEqual(want);
  });

  it('the treatment after a status line keeps its minutes', () => {
    expect(minutes('Tx:\n- Massage 97124 15 min L UT\n- Indep with HEP\n- NMR 97112 9 min')).toEqual({ '97124': 15, '97112': 9 });
  });

  it.each([
    ['a known heading', 'Home exercise program\n- wall slides 10x', ['home-program']],
    ['an unseen heading ending in a heading word', 'Daily home program\n- calf stretch 3x30s', ['home-program']],
    ['a status word with a colon is a label', 'Updated HEP: wall angels, pec stretch', ['home-program']],
  ])('still a heading: %s', (_name, note, want) => {
    expect(kinds(note)).toEqual(want);
  });
});
