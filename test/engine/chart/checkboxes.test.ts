// Template checkbox residue (src/engine/chart/checkboxes.ts, data/checkboxes.json): an unchecked box
// before (or, on a line of trailing boxes, after) an option says the option was not chosen; a checked box
// asserts it; any box ends a scope opened before it. Each notation with invented variants and look-alikes.
import { describe, expect, it } from 'vitest';
import { analyzeChart, check } from '../../../src/engine';
import { findBoxes } from '../../../src/engine/chart/checkboxes';

/** Whether each mention of `lexicon` reading `text` is negated, in note order. */
const negated = (note: string, lexicon: string, text: string): boolean[] =>
  (analyzeChart(note).mentions[lexicon] ?? []).filter((m) => m.text.toLowerCase() === text.toLowerCase()).map((m) => m.negated);

const massage = 'Therapeutic massage 97124 14 min to L quadratus lumborum: kneading and stroking for palpable spasm.';

describe('box marks', () => {
  it('reads bracketed, parenthesised and glyph boxes, spaces inside collapsed', () => {
    const marks = (s: string) => findBoxes(s).map((b) => `${s.slice(b.start, b.end)}:${b.checked ? 'on' : 'off'}`);
    expect(marks('[ ] a [  ] b [] c [x] d [X] e')).toEqual(['[ ]:off', '[  ]:off', '[]:off', '[x]:on', '[X]:on']);
    expect(marks('( ) a (x) b ( X ) c')).toEqual(['( ):off', '(x):on', '( X ):on']);
    expect(marks('☐ a □ b ☒ c ☑ d ✔ e')).toEqual(['☐:off', '□:off', '☒:on', '☑:on', '✔:on']);
  });
  it('leaves brackets that hold words or figures alone', () => {
    expect(findBoxes('Pt: [name withheld] (x2) [3] (see above) (X-ray) [ok]')).toEqual([]);
  });
});

describe('an unchecked box: its option is not asserted', () => {
  it('square brackets, one space or two, between checked options', () => {
    expect(negated('Goal of session: [x] reduce guarding [ ] relaxation / de-stress [x] restore rotation', 'comfort', 'relaxation')).toEqual([true]);
    expect(negated('Goal of session: [x] reduce guarding [  ] relaxation [x] restore rotation', 'comfort', 'relaxation')).toEqual([true]);
  });
  it('ballot-box glyphs, as the page reader writes HTML checkboxes', () => {
    expect(negated('Indication: ☐ stress relief ☑ trigger point deactivation', 'comfort', 'stress relief')).toEqual([true]);
    expect(negated('Indication: □ wellness □ maintenance ☒ post-op scar mobility', 'maintenance', 'maintenance')).toEqual([true]);
  });
  it('empty parentheses', () => {
    expect(negated('Reason: ( ) relaxation (x) adhesion release', 'comfort', 'relaxation')).toEqual([true]);
  });
  it('the option ends at a column gap, a spaced dash or the line end: what follows is asserted', () => {
    const note = 'Palpation: [x] taut bands [ ] edema   -- L QL, spasm grade 2\nTone: ☐ guarding\nSpasm R glute med.';
    expect(negated(note, 'objective-findings', 'edema')).toEqual([true]);
    expect(negated(note, 'objective-findings', 'guarding')).toEqual([true]);
    expect(negated(note, 'objective-findings', 'spasm')).toEqual([false, false]);
  });
  it('a line of trailing boxes ticks the words before each box', () => {
    const note = 'Purpose  relaxation [ ]   decrease hypertonicity [x]';
    expect(negated(note, 'comfort', 'relaxation')).toEqual([true]);
    expect(negated(note, 'objective-findings', 'hypertonicity')).toEqual([false]);
    const single = 'Stress relief [ ] spasm reduction [x] wellness [ ]';
    expect(negated(single, 'comfort', 'stress relief')).toEqual([true]);
    expect(negated(single, 'objective-findings', 'spasm')).toEqual([false]);
    expect(negated(single, 'comfort', 'wellness')).toEqual([true]);
  });
  it('an unchecked service line is not a service done', () => {
    const note = `${massage}\n[ ] 97140 Manual therapy  Min: __\n[x] 97110 Ther ex  Min: 20 bridges`;
    const chart = analyzeChart(note);
    expect(chart.mentions['service']!.find((m) => m.text === 'Manual therapy')!.negated).toBe(true);
    expect(Object.keys(chart.minutesByCode).sort()).toEqual(['97110', '97124']);
  });
});

describe('a checked box asserts, and every box ends a scope opened before it', () => {
  it('checked options stay asserted', () => {
    expect(negated('Goal of session: [X] relaxation [ ] lower the tone', 'comfort', 'relaxation')).toEqual([false]);
    expect(negated('☑ relaxation, stress relief', 'comfort', 'relaxation')).toEqual([false]);
  });
  it('a negation before a glyph box stops at the box', () => {
    expect(negated('Denies numbness ☒ guarding of the L rhomboids', 'objective-findings', 'guarding')).toEqual([false]);
  });
  it('words with no box are read as before', () => {
    expect(negated('Massage for relaxation of the L calf.', 'comfort', 'relaxation')).toEqual([false]);
    expect(negated('No relaxation focus today.', 'comfort', 'relaxation')).toEqual([true]);
  });
});

describe('on the rules that read wording', () => {
  const lines = [
    { code: '97124', modifiers: ['GP'], units: 1 },
    { code: '97110', modifiers: ['GP'], units: 1 },
  ];
  const ruleIds = (note: string) => check({ note, lines, payer: 'Medicare' } as never).findings.map((f) => f.ruleId);
  const body = `${massage}\nTher ex 97110 15 min: bird dog, side plank.\nGoal: lift 30 lb laundry basket without pain in 4 wks.`;
  it('comfort and maintenance options left unchecked raise nothing', () => {
    expect(ruleIds(`Purpose: [x] reduce spasm [ ] relaxation [ ] maintenance\n${body}`)).not.toContain('comfort-wording');
    expect(ruleIds(`Purpose: ☑ reduce spasm ☐ stress relief ☐ maintenance\n${body}`)).not.toContain('maintenance-language');
  });
  it('the same options checked are flagged', () => {
    expect(ruleIds(`Purpose: [ ] reduce spasm [x] relaxation\n${body}`)).toContain('comfort-wording');
    expect(ruleIds(`Purpose: ☐ reduce spasm ☑ maintenance\n${body}`)).toContain('maintenance-language');
  });
});
