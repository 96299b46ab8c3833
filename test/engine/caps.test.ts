// Findings caps (FINDINGS_LIMITS): a note that repeats one problem a thousand times gives a bounded
// result whose counts stay exact, so every view can say "+N more" with the real number.
import { describe, expect, it } from 'vitest';
import { check, type Finding } from '../../src/engine';
import { capTotal, omittedOf, truncation, type OmittedByRule } from '../../src/engine/caps';
import { FINDINGS_LIMITS } from '../../src/shared/limits';
import { comfortVisit } from '../fixtures/repeated-findings';

const UNCAPPED = { findingsLimits: { perRule: 1e9, total: 1e9 } };

describe('findings caps', () => {
  it('keeps the first instances of a rule in note order and counts all 1,001 exactly', () => {
    const visit = comfortVisit(1001);
    const all = check(visit, UNCAPPED);
    expect(all.truncated).toBeUndefined();
    expect(all.findings.filter((f) => f.ruleId === 'comfort-wording')).toHaveLength(1001);

    const capped = check(visit);
    const comfort = capped.findings.filter((f) => f.ruleId === 'comfort-wording');
    expect(comfort).toHaveLength(FINDINGS_LIMITS.perRule);
    expect(comfort.map((f) => f.evidence?.start)).toEqual(
      all.findings.filter((f) => f.ruleId === 'comfort-wording').slice(0, FINDINGS_LIMITS.perRule).map((f) => f.evidence?.start),
    );
    expect(capped.truncated).toEqual({
      total: all.findings.length,
      shown: capped.findings.length,
      omitted: { error: 1001 - FINDINGS_LIMITS.perRule, warning: 0, info: 0 },
      rules: { 'comfort-wording': { count: 1001, shown: FINDINGS_LIMITS.perRule, omitted: { error: 1001 - FINDINGS_LIMITS.perRule, warning: 0, info: 0 } } },
    });
    // Every other rule is untouched.
    expect(capped.findings.filter((f) => f.ruleId !== 'comfort-wording')).toEqual(all.findings.filter((f) => f.ruleId !== 'comfort-wording'));
  });

  it('lists a rule at exactly its cap whole, and one past it as cut by one', () => {
    const at = check(comfortVisit(FINDINGS_LIMITS.perRule));
    expect(at.truncated).toBeUndefined();
    expect(at.findings.filter((f) => f.ruleId === 'comfort-wording')).toHaveLength(FINDINGS_LIMITS.perRule);
    const past = check(comfortVisit(FINDINGS_LIMITS.perRule + 1));
    expect(past.truncated?.rules['comfort-wording']).toEqual({ count: FINDINGS_LIMITS.perRule + 1, shown: FINDINGS_LIMITS.perRule, omitted: { error: 1, warning: 0, info: 0 } });
  });

  it('caps the whole result worst first and counts what it left out by rule and severity', () => {
    const visit = comfortVisit(30);
    const all = check(visit, UNCAPPED);
    const total = 20;
    const capped = check(visit, { findingsLimits: { perRule: 1e9, total } });
    expect(capped.findings).toEqual(all.findings.slice(0, total).map((f) => expect.objectContaining({ ruleId: f.ruleId, severity: f.severity, message: f.message })));
    const truncated = capped.truncated!;
    expect(truncated.total).toBe(all.findings.length);
    expect(truncated.shown).toBe(total);
    const left = all.findings.slice(total);
    for (const severity of ['error', 'warning', 'info'] as const) {
      expect(truncated.omitted[severity]).toBe(left.filter((f) => f.severity === severity).length);
    }
    for (const [ruleId, rule] of Object.entries(truncated.rules)) {
      expect(rule.count).toBe(all.findings.filter((f) => f.ruleId === ruleId).length);
      expect(rule.shown).toBe(capped.findings.filter((f) => f.ruleId === ruleId).length);
    }
  });

  it('keeps the result small for a huge note: one rule firing 20,000 times lists its cap', () => {
    const result = check(comfortVisit(20_000));
    expect(result.findings.length).toBeLessThanOrEqual(FINDINGS_LIMITS.total);
    expect(result.truncated?.rules['comfort-wording']?.count).toBe(20_000);
    // A few hundred bytes per finding: the result no longer grows with the note.
    expect(JSON.stringify(result).length).toBeLessThan(FINDINGS_LIMITS.total * 2_000);
  });

  it('merges the counts of several checks and caps the merged list again (a claim list\'s encounters)', () => {
    const finding = (ruleId: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({ ruleId, title: ruleId, severity, message: ruleId, citations: [], profile: 'p', ...extra });
    const first = check(comfortVisit(60));
    const second = check(comfortVisit(70));
    const omitted: OmittedByRule = new Map();
    omittedOf(first.truncated, omitted);
    omittedOf(second.truncated, omitted);
    const merged = capTotal([...first.findings, ...second.findings], 40, omitted);
    const counts = truncation(merged, omitted)!;
    expect(merged).toHaveLength(40);
    expect(counts.total).toBe(first.truncated!.total + second.truncated!.total);
    expect(counts.rules['comfort-wording']?.count).toBe(130);

    // A kept finding whose root was left out stands on its own (nothing would show it otherwise).
    const root = finding('root-rule', 'info', { line: 0 });
    const dependent = finding('dependent-rule', 'error', { line: 0, relatedTo: { ruleId: 'root-rule', line: 0 } });
    const none: OmittedByRule = new Map();
    const kept = capTotal([dependent, root], 1, none);
    expect(kept).toEqual([finding('dependent-rule', 'error', { line: 0 })]);
    expect(truncation(kept, none)?.rules['root-rule']).toEqual({ count: 1, shown: 0, omitted: { error: 0, warning: 0, info: 1 } });
  });
});

