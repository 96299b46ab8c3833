// Spelling slips in the massage entry are read as the technique or region they plainly mean; other
// words one letter away from the vocabulary, short words and words outside massage sentences are not.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';
import { buildSlipIndex, slipOf } from '../../../src/engine/chart/spelling-slips';

const entries = (note: string, lexicon: string) => (analyzeChart(note).mentions[lexicon] ?? []).map((m) => `${m.entry}:${m.text}`);

describe('spelling slips', () => {
  const read: { note: string; lexicon: string; found: string[] }[] = [
    { note: 'Massage 12 min with efleurage to R calf.', lexicon: 'massage-technique', found: ['effleurage:efleurage'] },
    { note: 'Massage with petrissge and kneadng, 10 min.', lexicon: 'massage-technique', found: ['petrissage:petrissge', 'petrissage:kneadng'] },
    { note: 'Therapeutic massage to R trapeizus, 15 min.', lexicon: 'body-region', found: ['shoulder-girdle:trapeizus'] },
    { note: 'Massage 97124 to lumbar paraspnals with stroking.', lexicon: 'body-region', found: ['thoracic-lumbar:paraspnals'] },
  ];
  for (const c of read) {
    it(`reads "${c.found.map((f) => f.split(':')[1]).join('", "')}"`, () => {
      for (const f of c.found) expect(entries(c.note, c.lexicon)).toContain(f);
    });
  }

  const notRead: { name: string; note: string; lexicon: string; word: string }[] = [
    { name: 'a short word one letter from a technique', note: 'Massage 10 min; kinesio taping to R knee.', lexicon: 'massage-technique', word: 'taping' },
    { name: 'a slip outside any massage sentence', note: 'Pt reports efleurage helped at the spa.\nTher ex 20 min.', lexicon: 'massage-technique', word: 'efleurage' },
  ];
  for (const c of notRead) {
    it(`does not read ${c.name}`, () => {
      expect(entries(c.note, c.lexicon).some((e) => e.endsWith(`:${c.word}`))).toBe(false);
    });
  }

  describe('one edit away, same first letter, long words only', () => {
    const index = buildSlipIndex([
      { id: 'body-region', description: '', entries: [{ id: 'front', phrases: ['anterior', 'paraspinal*'], source: '' }] },
      { id: 'massage-technique', description: '', entries: [{ id: 'stroke', phrases: ['gliding', 'effleurage'], source: '' }] },
    ] as never);
    const cases: [string, string | undefined][] = [
      ['anteroir', 'anterior'], // two letters swapped
      ['anteior', 'anterior'], // a letter dropped
      ['anterrior', 'anterior'], // a letter added
      ['paraspinl', 'paraspinal'], // a star phrase's stem
      ['interior', undefined], // the first letter differs
      ['anterior', undefined], // exact: the lexicon matcher's
      ['sliding', undefined], // short: "gliding" is not read by slips
      ['effleurge', 'effleurage'],
      ['efflurge', undefined], // two edits
    ];
    for (const [word, expected] of cases) {
      it(`${word} → ${expected ?? 'nothing'}`, () => expect(slipOf(index, word)?.word).toBe(expected));
    }
  });
});
