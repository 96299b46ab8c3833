import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, type Visit } from '../../src/engine';
import { fingerprint, similarity, SKETCH_SLOTS, words } from '../../src/engine/history';
import { soapNote } from './notes';

const jaccard = (a: string, b: string): number => {
  const shingles = (t: string) => {
    const w = words(t);
    const out = new Set<string>();
    for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
    return out;
  };
  const x = shingles(a);
  const y = shingles(b);
  const both = [...x].filter((s) => y.has(s)).length;
  return both / (x.size + y.size - both);
};

describe('fingerprint', () => {
  it('is the same for the same words, whatever the case, spacing and punctuation', () => {
    const a = fingerprint('Cervical rotation R 40 deg; palpable spasm at the upper trapezius.');
    const b = fingerprint('cervical   ROTATION r 40 deg,\npalpable spasm at the upper trapezius');
    expect(similarity(a.sketch, b.sketch)).toBe(1);
    expect(a.size).toBe(b.size);
  });

  it('estimates the Jaccard similarity of three-word runs within the sketch error', () => {
    const base = soapNote({ pain: 6, rotation: 40 });
    const edits = [
      soapNote({ pain: 5, rotation: 40 }),
      soapNote({ pain: 3, rotation: 52, reports: 'Turning to reverse is easier and the ache eases by lunchtime' }),
      soapNote({ pain: 2, rotation: 60, reports: 'Drove two hours without stopping', assessment: 'Goals nearly met; discharge to home program next visit.' }),
    ];
    for (const other of edits) {
      const estimate = similarity(fingerprint(base).sketch, fingerprint(other).sketch);
      // 3 standard errors of a 64-slot estimate (≤ 0.0625 each).
      expect(Math.abs(estimate - jaccard(base, other))).toBeLessThan(0.19);
    }
  });

  it('differs with the salt: sketches of one install do not compare with another', () => {
    const text = soapNote({ pain: 6, rotation: 40 });
    expect(similarity(fingerprint(text, 1).sketch, fingerprint(text, 2).sketch)).toBeLessThan(0.2);
    expect(similarity(fingerprint(text, 7).sketch, fingerprint(text, 7).sketch)).toBe(1);
  });

  it('holds a fixed number of 16-bit integers whatever the length of the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const { sketch, size } = fingerprint(text);
        expect(sketch).toBeInstanceOf(Uint16Array);
        expect(sketch.length).toBe(SKETCH_SLOTS);
        expect(size).toBeLessThanOrEqual(255);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the visit record', () => {
  it('keeps no text of the note: only numbers, the section kinds and the caller keys', () => {
    const visit: Visit = { patient: { id: 'MRN-0042' }, dateOfService: '2026-03-02', note: soapNote({ pain: 6, rotation: 40 }), lines: [{ code: '97124', units: 1 }] };
    const record = check(visit, { history: true }).history!;
    const strings: string[] = [];
    JSON.stringify(record, (_key, value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      return value instanceof Uint16Array ? [...value] : value;
    });
    const allowed = new Set(['MRN-0042', '', 'commercial', '2026-03-02', 'subjective', 'objective', 'treatment', 'assessment', 'plan', 'pain', 'rom', 'lower', 'higher']);
    for (const s of strings) expect(allowed.has(s), s).toBe(true);
  });
});
