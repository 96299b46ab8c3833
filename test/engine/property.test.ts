// Property tests: any note that passes the schema is checked without throwing, and hostile 1 MB
// inputs (patterns built to provoke regex backtracking) finish: a blow-up would hang past the timeout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, parseVisit, type Visit } from '../../src/engine';
import { notePartKeys } from '../../src/engine/chart';

const vocabulary = [
  'massage', 'relaxation', 'no', 'not', 'denies', 'palpable', 'spasm', 'guarding', '97124', '97110', '97140', 'GP', 'CQ', '59',
  'x2', '15', 'min', "'", '8:05-8:35', 'Total timed minutes:', 'Pre:', 'Post:', '6/10', '40 degrees', 'PTA', 'J. Smith, PT',
  'Visit 3', 'onset 01/02/2026', 'plan of care', 'at home', 'if', 'will', 'history of', '\n', '. ', ', ', ':', '-', '(', ')',
  'İ', '\u00a0', '\u200b', '\uFEFF', 'é', '🙂', '\r\n', 'maintenance', 'prn', 'effleurage', 'trapezius', 'driving', 'goal',
];
const noteArb = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.constantFrom(...vocabulary), { maxLength: 120 }).map((w) => w.join(' ')),
  fc.array(fc.record({ id: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), text: fc.string({ maxLength: 200 }) }), { maxLength: 5 }),
);
const lineArb = fc.record({
  code: fc.constantFrom('97124', '97140', '97110', '97112', '97530', '97010', '98940', 'G0283', '99213'),
  modifiers: fc.option(fc.subarray(['GP', 'GO', 'CQ', 'CO', '59', 'XS', 'XE', 'KX']), { nil: undefined }),
  units: fc.option(fc.nat({ max: 12 }), { nil: undefined }),
  minutes: fc.option(fc.nat({ max: 200 }), { nil: undefined }),
  dx: fc.option(fc.array(fc.constantFrom('M62.830', 'R52', 'M54.5', 'M54.50', 'bogus', ''), { maxLength: 3 }), { nil: undefined }),
});
const visitArb = fc.record({
  payer: fc.option(fc.constantFrom('medicare', 'Aetna Choice POS II', 'Cigna', 'Blue Cross', 'whatever', ''), { nil: undefined }),
  note: noteArb,
  lines: fc.array(lineArb, { maxLength: 6 }),
  totalTimedMinutes: fc.option(fc.nat({ max: 300 }), { nil: undefined }),
  totalTreatmentMinutes: fc.option(fc.nat({ max: 300 }), { nil: undefined }),
  provider: fc.option(fc.record({ credentials: fc.array(fc.constantFrom('PT', 'PTA', 'OT', 'OTA', 'LMT', 'DC', 'xx'), { maxLength: 2 }) }), { nil: undefined }),
  episode: fc.option(fc.record({ visitNumber: fc.integer({ min: 1, max: 60 }) }), { nil: undefined }),
});

describe('check() on random visits', () => {
  it('points evidence at exactly one part when two parts share an id (found by this property)', () => {
    const visit: Visit = { note: [{ id: 'p', text: 'Goals: none.' }, { id: 'p', text: 'Massage 9m for relaxation.' }], lines: [{ code: '97124' }] };
    const comfort = check(visit).findings.find((f) => f.ruleId === 'comfort-wording');
    expect(comfort?.evidence?.part).toBe('p#1');
    expect(notePartKeys(visit.note)).toEqual(['p', 'p#1']);
  });

  it('never throws and every evidence span points at its text', () => {
    fc.assert(
      fc.property(visitArb, (raw) => {
        const parsed = parseVisit(raw);
        if (!parsed.ok) return;
        const visit: Visit = parsed.visit;
        const result = check(visit);
        for (const f of result.findings) {
          expect(f.message).not.toMatch(/could not run/);
          if (!f.evidence) continue;
          const parts = typeof visit.note === 'string' ? [{ key: undefined as string | undefined, text: visit.note }] : visit.note.map((p, i) => ({ key: notePartKeys(visit.note)[i], text: p.text }));
          const part = parts.find((p) => p.key === f.evidence!.part) ?? parts[0]!;
          expect(part.text.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.text);
        }
      }),
      { numRuns: 400 },
    );
  });
});

const MB = 1_000_000;
const repeat = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
const hostile: Record<string, string> = {
  'one long word': repeat('a'),
  digits: repeat('1'),
  'clock ranges': repeat('8:05-8:35 '),
  colons: repeat('1:1:1:'),
  'capitalised names without commas': repeat('Aaaa Bbbb Cccc Dddd '),
  'negation triggers': repeat('no '),
  'hypothetical triggers': repeat('if '),
  'home triggers': repeat('daily '),
  'exception phrases': repeat('relaxation in preparation for '),
  'codes with modifiers': repeat('97124-GP-GP-GP x'),
  'from-to changes': repeat('from 1 to 2 degrees '),
  'total labels': repeat('Total timed minutes: '),
  'newline capitals': repeat('\nA'),
  'slash ratings': repeat('6/10 '),
  'provider mentions in one sentence': repeat('LMT and '),
  whitespace: repeat(' \t'),
  unicode: repeat('ﬁİ𝔸é\u00a0\u200b'),
};

describe('hostile 1 MB notes', () => {
  for (const [name, note] of Object.entries(hostile)) {
    it(`finishes on ${name}`, () => {
      const r = check({ note, lines: [{ code: '97124', units: 2 }] });
      expect(Array.isArray(r.findings)).toBe(true);
    }, 60_000);
  }
});
