// RuleTester: a valid/invalid table per rule, run through the real check() with every other rule
// switched off, asserting exact findings and exact evidence spans.
import { describe, expect, it } from 'vitest';
import { check, listRules, type CheckOptions, type Finding, type Severity, type Visit } from '../../../src/engine';
import { notePartKeys } from '../../../src/engine/chart';

export type TestVisit = Partial<Visit> & { note: Visit['note'] };

export interface ValidCase {
  name: string;
  visit: TestVisit;
  /** Profile id to force (default: the visit's payer, else commercial). */
  profile?: string;
  options?: CheckOptions;
}

export interface ExpectedFinding {
  /** Substring (or pattern) the message must contain. */
  message?: string | RegExp;
  severity?: Severity;
  /** Exact evidence text; the tester also checks the offsets point at it in the note. */
  evidence?: string;
  /** Note part key of the evidence (for notes given as parts). */
  part?: string;
  /** Expected when the finding must have no evidence. */
  noEvidence?: true;
  line?: number;
  suggestion?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export function runRule(ruleId: string, c: ValidCase): Finding[] {
  const others = listRules().map((r) => r.id).filter((id) => id !== ruleId);
  const visit: Visit = { lines: [], ...c.visit } as Visit;
  const result = check(visit, { ...c.options, profile: c.profile ?? c.options?.profile, disabledRules: [...others, ...(c.options?.disabledRules ?? [])] });
  return result.findings.filter((f) => f.ruleId === ruleId);
}

function partText(visit: TestVisit, part: string | undefined): string {
  if (typeof visit.note === 'string') return visit.note;
  const idx = part === undefined ? -1 : notePartKeys(visit.note).indexOf(part);
  return visit.note[idx]?.text ?? '';
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    it('has both valid and invalid cases', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runRule(ruleId, c).map((f) => f.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runRule(ruleId, c);
        expect(found.length, `findings: ${JSON.stringify(found.map((f) => [f.message, f.evidence?.text]))}`).toBe(c.errors.length);
        c.errors.forEach((want, i) => {
          const got = found[i]!;
          if (want.message) expect(got.message).toMatch(want.message);
          if (want.severity) expect(got.severity).toBe(want.severity);
          if (want.line !== undefined) expect(got.line).toBe(want.line);
          if (want.suggestion) expect(got.suggestion ?? '').toMatch(want.suggestion);
          if (want.noEvidence) expect(got.evidence).toBeUndefined();
          if (want.evidence !== undefined) {
            expect(got.evidence?.text).toBe(want.evidence);
            if (want.part !== undefined) expect(got.evidence?.part).toBe(want.part);
            const text = partText(c.visit, got.evidence?.part);
            expect(text.slice(got.evidence!.start, got.evidence!.end)).toBe(want.evidence);
          }
          expect(got.citations.length).toBeGreaterThan(0);
        });
      });
    }
  });
}
