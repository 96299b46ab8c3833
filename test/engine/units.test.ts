import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateUnits, MAX_ALTERNATIVES, unitMinuteRange, unitsForMinutes, type TimedService } from '../../src/engine/units';

interface CmsExample {
  id: string;
  source: string;
  method: 'cms';
  timed: TimedService[];
  untimed: string[];
  expectedUnits: Record<string, number>;
  alternatives: Record<string, number>[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cms-unit-examples.json', import.meta.url), 'utf8')) as {
  examples: CmsExample[];
};

const cms = (timed: TimedService[], untimed?: string[]) => calculateUnits({ method: 'cms', timed, untimed });
const perCode = (timed: TimedService[], untimed?: string[]) => calculateUnits({ method: 'per-code', timed, untimed });
const t = (code: string, minutes: number): TimedService => ({ code, minutes });

describe('CMS worked examples (Pub. 100-04 ch.5 §20.2)', () => {
  it('has the four confirmed examples, each with a source URL', () => {
    expect(fixture.examples.map((e) => e.id)).toEqual(['cms-ch5-ex1', 'cms-ch5-ex2', 'cms-ch5-ex3', 'cms-ch5-ex4']);
    for (const example of fixture.examples) expect(example.source).toMatch(/^https:\/\//);
  });

  it.each(fixture.examples.map((e) => [e.id, e] as const))('%s comes out exactly', (_id, example) => {
    const result = calculateUnits({ method: example.method, timed: example.timed, untimed: example.untimed });
    expect(result.units).toEqual(example.expectedUnits);
    expect(result.alternatives).toEqual(example.alternatives);
    expect(result.totalUnits).toBe(3);
    expect(result.totalTimedMinutes).toBe(example.timed.reduce((sum, s) => sum + s.minutes, 0));
  });

  it('Example 2 never bills 3 units of one code, and listing order picks the primary allocation', () => {
    const reversed = cms([t('97110', 20), t('97112', 20)]);
    expect(reversed.units).toEqual({ '97110': 2, '97112': 1 });
    expect(reversed.alternatives).toEqual([{ '97110': 1, '97112': 2 }]);
    expect(reversed.explanation.join(' ')).toMatch(/same time left over \(5 min\).*97112 instead is equally correct/);
  });

  it('Example 3 explains why the 7-minute service beats the 3 minutes left of the long one', () => {
    const { explanation } = cms([t('97110', 33), t('97140', 7)]);
    expect(explanation).toContain('1 more unit goes to the most time left over: 97140 (7 min).');
    expect(explanation).toContain("97110's last 3 min are not billed: other services had more time left over.");
  });

  it('Example 4 keeps the unbilled ultrasound at 0 and says why', () => {
    const result = cms([t('97110', 18), t('97140', 13), t('97116', 10), t('97035', 8)]);
    expect(Object.keys(result.units)).toHaveLength(4);
    expect(result.explanation.some((line) => line.startsWith('97035 (8 min) gets no unit: the 49 min total supports only 3 units'))).toBe(true);
  });
});

describe('unitsForMinutes: the 8/23/38 table', () => {
  it.each([
    [0, 0],
    [7, 0],
    [7.9, 0],
    [8, 1],
    [22, 1],
    [22.5, 1],
    [23, 2],
    [37, 2],
    [38, 3],
    [52, 3],
    [53, 4],
    [67, 4],
    [68, 5],
    [82, 5],
    [83, 6],
    [97, 6],
    [98, 7],
    [112, 7],
    [113, 8],
    [127, 8],
    [128, 9], // "the pattern remains the same for treatment times in excess of 2 hours"
    [142, 9],
    [143, 10],
  ])('%d minutes → %d units', (minutes, units) => {
    expect(unitsForMinutes(minutes)).toBe(units);
  });

  it('keeps float sums on the right side of a boundary', () => {
    expect(unitsForMinutes(7.7 + 0.3)).toBe(1);
    expect(cms([t('97110', 7.7), t('97112', 0.3)]).timedUnits).toBe(1);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d minutes', (minutes) => {
    expect(() => unitsForMinutes(minutes)).toThrow(RangeError);
    expect(() => cms([t('97110', minutes)])).toThrow(RangeError);
  });

  it('gives the minute range for a number of units', () => {
    expect(unitMinuteRange(0)).toEqual({ min: 0, max: 7 });
    expect(unitMinuteRange(1)).toEqual({ min: 8, max: 22 });
    expect(unitMinuteRange(3)).toEqual({ min: 38, max: 52 });
    expect(() => unitMinuteRange(1.5)).toThrow(RangeError);
  });
});

describe('CMS total-time allocation', () => {
  it('bills nothing for a single service under 8 minutes', () => {
    const result = cms([t('97124', 7)]);
    expect(result.units).toEqual({ '97124': 0 });
    expect(result.totalUnits).toBe(0);
    expect(result.explanation[0]).toMatch(/under 8 minutes, so no timed unit/);
  });

  it('two services of 7 minutes or less that reach 8 together earn one unit for the longer one', () => {
    const result = cms([t('97110', 3), t('97140', 5)]);
    expect(result.units).toEqual({ '97110': 0, '97140': 1 });
    expect(result.alternatives).toEqual([]);
    expect(result.explanation.join(' ')).toMatch(/97110 and 97140 were each 7 minutes or less.*the one performed longest \(97140\)/);
  });

  it('three 7-minute services: 21 minutes, one unit, any one of them', () => {
    const result = cms([t('97112', 7), t('97110', 7), t('97140', 7)]);
    expect(result.timedUnits).toBe(1);
    expect(result.units).toEqual({ '97112': 1, '97110': 0, '97140': 0 });
    expect(result.alternatives).toEqual([
      { '97112': 0, '97110': 1, '97140': 0 },
      { '97112': 0, '97110': 0, '97140': 1 },
    ]);
    expect(result.explanation.join(' ')).toContain('billed for any one of them');
    expect(result.explanation.join(' ')).toContain('97112 is listed first, but giving the unit to any of 97110 and 97140 instead is equally correct');
  });

  it('short services under 8 minutes in total earn nothing', () => {
    expect(cms([t('97110', 3), t('97140', 4)]).units).toEqual({ '97110': 0, '97140': 0 });
  });

  it('a long service’s remainder can beat short services', () => {
    // 48 min = 3 units; 97110 has 2 full units and 8 minutes left, more than either 5-minute service.
    const result = cms([t('97110', 38), t('97140', 5), t('97112', 5)]);
    expect(result.units).toEqual({ '97110': 3, '97140': 0, '97112': 0 });
    expect(result.alternatives).toEqual([]);
  });

  it('applies the floor: 15 minutes of a service always earns at least one unit', () => {
    expect(cms([t('97110', 16), t('97112', 14)]).units).toEqual({ '97110': 1, '97112': 1 });
    expect(cms([t('97110', 45), t('97112', 7)]).units).toEqual({ '97110': 3, '97112': 0 });
    expect(cms([t('97110', 30), t('97140', 8)]).units).toEqual({ '97110': 2, '97140': 1 });
  });

  it('spreads equal leftovers over equal services and lists every equally valid choice', () => {
    const result = cms([t('97110', 20), t('97112', 20), t('97140', 20)]);
    expect(result.timedUnits).toBe(4);
    expect(result.units).toEqual({ '97110': 2, '97112': 1, '97140': 1 });
    expect(result.explanation.join(' ')).toContain('97110, 97112 and 97140 have the same time left over (5 min); 97110 is listed first');
    expect(result.alternatives).toEqual([
      { '97110': 1, '97112': 2, '97140': 1 },
      { '97110': 1, '97112': 1, '97140': 2 },
    ]);
  });

  it('breaks a tie only among the tied services', () => {
    // 54 min = 4 units: full units 97110 ×1 and 97530 ×1; left 12, 5, 5, 2 → 97110 surely, then one
    // of the two 5s; 97530's 2 minutes never compete.
    const result = cms([t('97110', 27), t('97112', 5), t('97140', 5), t('97530', 17)]);
    expect(result.timedUnits).toBe(4);
    expect(result.units).toEqual({ '97110': 2, '97112': 1, '97140': 0, '97530': 1 });
    expect(result.alternatives).toEqual([{ '97110': 2, '97112': 0, '97140': 1, '97530': 1 }]);
  });

  it('caps the list of alternatives', () => {
    // Made-up codes outside every code set, so all count as timed.
    const timed = Array.from({ length: 20 }, (_, i) => t(`T${String(i).padStart(4, '0')}`, 20));
    const result = cms(timed);
    expect(result.timedUnits).toBe(unitsForMinutes(400));
    expect(result.alternatives).toHaveLength(MAX_ALTERNATIVES);
    expect(result.explanation.join(' ')).toContain(`only the first ${MAX_ALTERNATIVES} alternatives are listed`);
  });

  it('sums duplicate codes, keeping the first listing’s position', () => {
    const result = cms([t('97110', 10), t('97140', 10), t('97110', 10)]);
    expect(result.minutes).toEqual({ '97110': 20, '97140': 10 });
    expect(result.totalTimedMinutes).toBe(30);
    // 30 min = 2 units: 97110 one full unit (5 left), 97140 10 left → 97140 takes the second.
    expect(result.units).toEqual({ '97110': 1, '97140': 1 });
    expect(result.explanation).toContain('97110 was listed 2 times; its minutes are added together (20 min).');
  });

  it('keeps a code with 0 minutes in the result', () => {
    expect(cms([t('97124', 0), t('97110', 25)]).units).toEqual({ '97124': 0, '97110': 2 });
  });
});

describe('untimed codes', () => {
  it('bills 1 unit each and never adds their minutes', () => {
    const result = cms([t('97124', 20)], ['97014', '97161']);
    expect(result.totalTimedMinutes).toBe(20);
    expect(result.timedUnits).toBe(1);
    expect(result.totalUnits).toBe(3);
    expect(result.units).toEqual({ '97124': 1, '97014': 1, '97161': 1 });
    expect(result.untimed).toEqual(['97014', '97161']);
    expect(result.explanation.at(-1)).toBe('Untimed: 97014 and 97161, 1 unit each; their minutes never count toward the timed total.');
  });

  it('treats an untimed code given with minutes as untimed (AAPC: 35 timed + 20 untimed = 2 + 1)', () => {
    const result = cms([t('97110', 35), t('97014', 20)]);
    expect(result.totalTimedMinutes).toBe(35);
    expect(result.units).toEqual({ '97110': 2, '97014': 1 });
    expect(result.minutes).toEqual({ '97110': 35 });
    expect(result.explanation.join(' ')).toContain('97014 is an untimed (service-based) code: billed as 1 unit; its 20 min do not count');
  });

  it('normalises case and counts a repeated untimed code once', () => {
    const result = perCode([t(' g0283', 15)], ['G0283', '97010', '97010']);
    expect(result.units).toEqual({ G0283: 1, '97010': 1 });
    expect(result.totalUnits).toBe(2);
    expect(result.totalTimedMinutes).toBe(0);
  });

  it('appears in every alternative allocation too', () => {
    const result = cms([t('97112', 20), t('97110', 20)], ['97010']);
    expect(result.alternatives).toEqual([{ '97112': 1, '97110': 2, '97010': 1 }]);
  });
});

describe('per-code (substantial portion) method', () => {
  it('counts each code on its own', () => {
    const result = perCode([t('97124', 25), t('97140', 10)]);
    expect(result.units).toEqual({ '97124': 2, '97140': 1 });
    expect(result.timedUnits).toBe(3);
    // The same minutes under CMS: 35 total → 2 units.
    expect(cms([t('97124', 25), t('97140', 10)]).timedUnits).toBe(2);
  });

  it('does not combine short services, and says so', () => {
    const result = perCode([t('97110', 7), t('97140', 7)]);
    expect(result.units).toEqual({ '97110': 0, '97140': 0 });
    expect(result.totalUnits).toBe(0);
    expect(result.explanation).toContain('Short services are not combined under this method (97110 and 97140: 14 min together).');
  });

  it.each([
    [7, 0],
    [8, 1],
    [22, 1],
    [23, 2],
    [37, 2],
    [38, 3],
  ])('%d minutes of 97124 → %d units', (minutes, units) => {
    const result = perCode([t('97124', minutes)]);
    expect(result.units).toEqual({ '97124': units });
    expect(result.alternatives).toEqual([]);
  });
});

describe('empty input', () => {
  it.each(['cms', 'per-code'] as const)('%s: no units, a clear explanation', (method) => {
    const result = calculateUnits({ method, timed: [] });
    expect(result).toMatchObject({ method, totalTimedMinutes: 0, timedUnits: 0, totalUnits: 0, units: {}, alternatives: [] });
    expect(result.explanation).toEqual(['No timed services.']);
  });
});

describe('properties', () => {
  const codes = ['97110', '97112', '97116', '97124', '97140', '97530', '97035', '97014', '97010', 'G0283'];
  const service = fc.record({
    code: fc.constantFrom(...codes),
    minutes: fc.oneof(fc.integer({ min: 0, max: 130 }), fc.double({ min: 0, max: 130, noNaN: true, noDefaultInfinity: true })),
  });
  const input = fc.record({
    method: fc.constantFrom('cms' as const, 'per-code' as const),
    timed: fc.array(service, { maxLength: 8 }),
    untimed: fc.array(fc.constantFrom('97014', '97161', '97150', 'G0283'), { maxLength: 3 }),
  });

  it('CMS: total timed units always equal unitsForMinutes(sum of timed minutes)', () => {
    fc.assert(
      fc.property(input, ({ timed, untimed }) => {
        const result = calculateUnits({ method: 'cms', timed, untimed });
        expect(result.timedUnits).toBe(unitsForMinutes(result.totalTimedMinutes));
        const timedSum = Object.keys(result.minutes).reduce((sum, code) => sum + (result.units[code] ?? 0), 0);
        expect(timedSum).toBe(result.timedUnits);
        expect(result.totalUnits).toBe(result.timedUnits + result.untimed.length);
      }),
    );
  });

  it('no code gets more than the per-code method gives it plus one, nor less than its full 15-minute blocks', () => {
    fc.assert(
      fc.property(input, ({ timed, untimed }) => {
        const result = calculateUnits({ method: 'cms', timed, untimed });
        for (const allocation of [result.units, ...result.alternatives]) {
          for (const [code, minutes] of Object.entries(result.minutes)) {
            const units = allocation[code] ?? -1;
            expect(units).toBeLessThanOrEqual(unitsForMinutes(minutes) + 1);
            expect(units).toBeGreaterThanOrEqual(Math.floor(minutes / 15));
          }
        }
      }),
    );
  });

  it('alternatives are distinct, differ from the primary and bill the same total', () => {
    fc.assert(
      fc.property(input, ({ timed, untimed }) => {
        const result = calculateUnits({ method: 'cms', timed, untimed });
        const keys = [result.units, ...result.alternatives].map((a) => JSON.stringify(a));
        expect(new Set(keys).size).toBe(keys.length);
        for (const alt of result.alternatives) {
          expect(Object.values(alt).reduce((a, b) => a + b, 0)).toBe(result.totalUnits);
        }
      }),
    );
  });

  it('per-code: every code gets exactly the table value of its own minutes', () => {
    fc.assert(
      fc.property(input, ({ timed, untimed }) => {
        const result = calculateUnits({ method: 'per-code', timed, untimed });
        for (const [code, minutes] of Object.entries(result.minutes)) expect(result.units[code]).toBe(unitsForMinutes(minutes));
        expect(result.alternatives).toEqual([]);
      }),
    );
  });

  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(input, (value) => {
        const copy = structuredClone(value);
        const first = calculateUnits(value);
        expect(value).toEqual(copy);
        expect(calculateUnits(copy)).toEqual(first);
      }),
    );
  });

  it('untimed codes never change the timed result', () => {
    fc.assert(
      fc.property(input, ({ method, timed }) => {
        const without = calculateUnits({ method, timed });
        const withUntimed = calculateUnits({ method, timed, untimed: ['97161', '97014'] });
        expect(withUntimed.totalTimedMinutes).toBe(without.totalTimedMinutes);
        expect(withUntimed.timedUnits).toBe(without.timedUnits);
      }),
    );
  });
});
