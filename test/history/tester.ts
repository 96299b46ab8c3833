// HistoryRuleTester: a valid/invalid table per cross-visit rule. Each case is a series of visits
// (any patients, any order); every visit goes through the real check() for its record, then the
// whole series through SeriesBatch with every other cross-visit rule switched off, and the findings
// of the rule under test must be exactly the ones listed (by visit index, in the batch's order).
import { describe, expect, it } from 'vitest';
import { check, type CheckOptions, type Finding, type Visit } from '../../src/engine';
import { listHistoryRules, SeriesBatch } from '../../src/engine/history';

export type SeriesVisit = Partial<Visit> & { note: Visit['note'] };

export interface SeriesCase {
  name: string;
  visits: SeriesVisit[];
  options?: CheckOptions;
}

export interface ExpectedHistoryFinding {
  /** Index into the case's visits of the visit the finding is on. */
  visit: number;
  message?: string | RegExp;
  suggestion?: string | RegExp;
}

export interface InvalidSeriesCase extends SeriesCase {
  errors: ExpectedHistoryFinding[];
}

export function runHistoryRule(ruleId: string, c: SeriesCase): { visit: number; finding: Finding }[] {
  const others = listHistoryRules().map((r) => r.id).filter((id) => id !== ruleId);
  const batch = new SeriesBatch<number>();
  c.visits.forEach((v, i) => {
    const record = check({ lines: [], ...v } as Visit, { ...c.options, history: true }).history!;
    batch.add(record, i);
  });
  const out: { visit: number; finding: Finding }[] = [];
  for (const r of batch.run({ ...c.options, disabledRules: [...others, ...(c.options?.disabledRules ?? [])] })) {
    for (const finding of r.findings) if (finding.ruleId === ruleId) out.push({ visit: r.ref, finding });
  }
  return out;
}

export function historyRuleTester(ruleId: string, cases: { valid: SeriesCase[]; invalid: InvalidSeriesCase[] }): void {
  describe(ruleId, () => {
    it('has both valid and invalid cases', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runHistoryRule(ruleId, c).map((f) => [f.visit, f.finding.message])).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runHistoryRule(ruleId, c);
        expect(found.map((f) => f.visit), JSON.stringify(found.map((f) => [f.visit, f.finding.message]))).toEqual(c.errors.map((e) => e.visit));
        c.errors.forEach((want, i) => {
          const got = found[i]!.finding;
          if (want.message) expect(got.message).toMatch(want.message);
          if (want.suggestion) expect(got.suggestion ?? '').toMatch(want.suggestion);
          expect(got.evidence).toBeUndefined();
          expect(got.citations.length).toBeGreaterThan(0);
        });
      });
    }
  });
}
