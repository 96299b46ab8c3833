// CheckOptions.readLinesFromNote: the command line reads the lines a .txt note lists ("97124 x2")
// when the visit has none; the extension turns that off, because a page without claim lines has
// none and the engine must not invent lines (and then flag their missing modifiers).
import { describe, expect, it } from 'vitest';
import { check, type Visit } from '../../src/engine';

const visit: Visit = {
  payer: 'Medicare Part B',
  note: 'Pt reports neck pain 5/10. Palpable spasm R upper trapezius.\nTherapeutic massage 97124 x2, effleurage and petrissage to R upper trapezius, 25 minutes.\nPlan: continue 2x/week.',
  lines: [],
};

const lineFindings = (options: Parameters<typeof check>[1]) => check(visit, options).findings.filter((f) => f.line !== undefined);

describe('readLinesFromNote', () => {
  it('reads lines out of the note by default (the command line and a .txt note)', () => {
    expect(check(visit).units.billed).toEqual({ '97124': 2 });
    expect(lineFindings({}).length).toBeGreaterThan(0);
  });

  it('reads none when it is false: only the note checks run', () => {
    const result = check(visit, { readLinesFromNote: false });
    expect(result.units.billed).toEqual({});
    expect(lineFindings({ readLinesFromNote: false })).toEqual([]);
    expect(result.findings.some((f) => f.ruleId === 'discipline-modifier' || f.ruleId === 'units-minutes')).toBe(false);
  });

  it('changes nothing when the visit has claim lines', () => {
    const withLines: Visit = { ...visit, lines: [{ code: '97124', modifiers: ['GP'], units: 2, dx: ['M62.830'] }] };
    expect(check(withLines, { readLinesFromNote: false })).toEqual(check(withLines));
  });
});
