// Scoring maths (src/cli/evaluate/score.ts) on hand-made cases whose answers are worked out by hand
// in the comments: true positives, misses, false alarms (mustNot at any severity, mustNotError only
// at error), precision and recall over all pairs and per rule, and units agreement.
import { describe, expect, it } from 'vitest';
import type { LabelledCase } from '../../src/cli/evaluate/cases';
import { scoreCases, type ScoredCase } from '../../src/cli/evaluate/score';
import type { CheckResult, Finding, Severity, UnitMethod } from '../../src/engine/types';

function labelled(id: string, labels: Partial<Pick<LabelledCase, 'must' | 'mustNot' | 'mustNotError' | 'units' | 'why'>>): LabelledCase {
  return { id, source: `${id}.json`, visit: { note: '', lines: [] }, must: [], mustNot: [], mustNotError: [], why: {}, ...labels };
}

function finding(ruleId: string, severity: Severity, text?: string): Finding {
  const f: Finding = { ruleId, title: ruleId, severity, message: `${ruleId} at ${severity}`, citations: [], profile: 'commercial' };
  if (text) f.evidence = { start: 0, end: text.length, text };
  return f;
}

function result(findings: Finding[], method: UnitMethod = 'per-code', expected: Record<string, number> = {}): CheckResult {
  return {
    findings,
    units: { method, totalTimedMinutes: null, expected, expectedTimedUnits: null, billed: {}, alternatives: [], minutesByCode: {}, timedOrder: [] },
    profile: { id: 'commercial', name: 'Commercial', matchedBy: 'default' },
    dataVersion: { version: 'test', asOf: '2026-01-01' },
  };
}

// Case A: r1 required and fired (TP), r2 required and silent (miss), r3 forbidden and fired at info
// (FA), r4 forbidden and silent, r5 fired at warning where only error is forbidden (no FA), r6
// fired but unlabelled (not scored).
// Case B: r2 required and fired at error (TP), r1 forbidden and fired at error (FA at error), r5
// fired at error and info where error is forbidden (FA at error, listing the error finding only).
const A: ScoredCase = {
  labelled: labelled('A', { must: ['r1', 'r2'], mustNot: ['r3', 'r4'], mustNotError: ['r5'], why: { r2: 'the note bills 3 units for 20 minutes' } }),
  result: result([finding('r1', 'warning'), finding('r3', 'info', 'relaxing'), finding('r5', 'warning'), finding('r6', 'error')]),
};
const B: ScoredCase = {
  labelled: labelled('B', { must: ['r2'], mustNot: ['r1'], mustNotError: ['r5'] }),
  result: result([finding('r2', 'error'), finding('r1', 'error'), finding('r5', 'error', 'maintenance'), finding('r5', 'info')]),
};

describe('scoreCases: labelled pairs', () => {
  const score = scoreCases([A, B], ['r5', 'r1']);

  it('counts pairs, true positives, false alarms and misses over all rules', () => {
    // Pairs: A 5 (r1 r2 r3 r4 r5), B 3 (r2 r1 r5). TP: A.r1, B.r2. FA: A.r3, B.r1, B.r5. Miss: A.r2.
    expect(score.cases).toBe(2);
    expect(score.totals).toEqual({ pairs: 8, truePositives: 2, falseAlarms: 3, misses: 1, precision: 2 / 5, recall: 2 / 3 });
  });

  it('scores each rule, in the given order and then by name; 0/0 is null, not 0 or 1', () => {
    expect(score.rules).toEqual([
      { ruleId: 'r5', pairs: 2, truePositives: 0, falseAlarms: 1, misses: 0, precision: 0, recall: null },
      { ruleId: 'r1', pairs: 2, truePositives: 1, falseAlarms: 1, misses: 0, precision: 0.5, recall: 1 },
      { ruleId: 'r2', pairs: 2, truePositives: 1, falseAlarms: 0, misses: 1, precision: 1, recall: 0.5 },
      { ruleId: 'r3', pairs: 1, truePositives: 0, falseAlarms: 1, misses: 0, precision: 0, recall: null },
      { ruleId: 'r4', pairs: 1, truePositives: 0, falseAlarms: 0, misses: 0, precision: null, recall: null },
    ]);
    // An unlabelled rule that fired is not scored at all.
    expect(score.rules.map((r) => r.ruleId)).not.toContain('r6');
  });

  it('lists each false alarm with its case, rule, label, worst severity, message and evidence', () => {
    expect(score.falseAlarms).toEqual([
      { caseId: 'A', source: 'A.json', ruleId: 'r3', label: 'mustNot', severity: 'info', findings: [{ severity: 'info', message: 'r3 at info', evidence: { start: 0, end: 8, text: 'relaxing' } }] },
      { caseId: 'B', source: 'B.json', ruleId: 'r1', label: 'mustNot', severity: 'error', findings: [{ severity: 'error', message: 'r1 at error' }] },
      // mustNotError: only the error-level finding makes the false alarm, so only it is listed.
      { caseId: 'B', source: 'B.json', ruleId: 'r5', label: 'mustNotError', severity: 'error', findings: [{ severity: 'error', message: 'r5 at error', evidence: { start: 0, end: 11, text: 'maintenance' } }] },
    ]);
    expect(score.falseAlarmsAtError).toBe(2);
  });

  it('lists each miss with the label\'s reason when it gives one', () => {
    expect(score.misses).toEqual([{ caseId: 'A', source: 'A.json', ruleId: 'r2', why: 'the note bills 3 units for 20 minutes' }]);
  });

  it('counts a mustNot rule at its worst severity: warning plus error is an error false alarm', () => {
    const mixed = scoreCases([{ labelled: labelled('C', { mustNot: ['r1'] }), result: result([finding('r1', 'warning'), finding('r1', 'error')]) }]);
    expect(mixed.falseAlarms[0]?.severity).toBe('error');
    expect(mixed.falseAlarms[0]?.findings).toHaveLength(2);
    expect(mixed.falseAlarmsAtError).toBe(1);
    expect(mixed.totals).toMatchObject({ pairs: 1, falseAlarms: 1, precision: 0, recall: null });
  });

  it('has nothing to measure on an empty set', () => {
    const empty = scoreCases([]);
    expect(empty.totals).toEqual({ pairs: 0, truePositives: 0, falseAlarms: 0, misses: 0, precision: null, recall: null });
    expect(empty.units).toMatchObject({ cases: 0, codes: 0, codesExactShare: null });
  });
});

describe('scoreCases: units', () => {
  // A: 97124 agrees, 97110 left out by the engine (counts as 0, label says 1): 1 of 2 codes.
  // B: the code agrees but the label says per-code and the engine used cms: code exact, case not.
  // C: no units label: not counted. D: 97140 labelled 0 and left out by the engine: exact.
  const cases: ScoredCase[] = [
    { labelled: labelled('A', { units: { method: 'cms', expected: { '97124': 2, '97110': 1 } } }), result: result([], 'cms', { '97124': 2, '97014': 1 }) },
    { labelled: labelled('B', { units: { method: 'per-code', expected: { '97124': 1 } } }), result: result([], 'cms', { '97124': 1 }) },
    { labelled: labelled('C', {}), result: result([], 'cms', { '97124': 4 }) },
    { labelled: labelled('D', { units: { method: 'per-code', expected: { '97124': 1, '97140': 0 } } }), result: result([], 'per-code', { '97124': 1 }) },
  ];
  const { units } = scoreCases(cases);

  it('compares labelled codes only, a code the engine leaves out counting as 0', () => {
    expect(units).toMatchObject({ cases: 3, codes: 5, codesExact: 4, codesExactShare: 4 / 5 });
  });

  it('counts a case exact only when the method and every code agree', () => {
    expect(units.casesExact).toBe(1);
    expect(units.methodAgreed).toBe(2);
  });

  it('lists each disagreeing case with every labelled code and the method both ways', () => {
    expect(units.disagreements).toEqual([
      {
        caseId: 'A',
        source: 'A.json',
        method: { expected: 'cms', engine: 'cms' },
        // Code-like keys come out of a JSON object in numeric order, whatever order the file wrote.
        codes: [
          { code: '97110', expected: 1, engine: 0, exact: false },
          { code: '97124', expected: 2, engine: 2, exact: true },
        ],
      },
      { caseId: 'B', source: 'B.json', method: { expected: 'per-code', engine: 'cms' }, codes: [{ code: '97124', expected: 1, engine: 1, exact: true }] },
    ]);
  });
});
