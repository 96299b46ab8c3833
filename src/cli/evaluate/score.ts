// Scoring labelled cases, exactly as the shared labelled set's README defines it (docs/evaluate.md):
// a labelled pair is one (visit, rule) with a label. `must` + fired = true positive, `must` + not
// fired = miss, `mustNot` + fired (any severity) = false alarm, `mustNotError` + fired at severity
// error = false alarm. Precision = TP / (TP + false alarms), recall = TP / (TP + misses), over all
// pairs and per rule. Units: `units.expected` against the engine's expected units per labelled code
// (a code the engine leaves out counts as 0), and `units.method` against the method it used.
// Pure: cases and results in, numbers out.
import type { CheckResult, Evidence, Finding, Severity, UnitMethod } from '../../engine/types';
import type { LabelledCase } from './cases';

export interface Counts {
  /** Labelled pairs (visit, rule). */
  pairs: number;
  truePositives: number;
  falseAlarms: number;
  misses: number;
  /** null when nothing fired on a labelled pair (0 / 0). */
  precision: number | null;
  /** null when no pair is labelled `must` (0 / 0). */
  recall: number | null;
}

export interface RuleScore extends Counts {
  ruleId: string;
}

export interface FindingSummary {
  severity: Severity;
  message: string;
  evidence?: Pick<Evidence, 'part' | 'start' | 'end' | 'text'>;
  line?: number;
}

export interface FalseAlarm {
  caseId: string;
  source: string;
  ruleId: string;
  label: 'mustNot' | 'mustNotError';
  /** The worst severity it fired at. */
  severity: Severity;
  /** The findings that make it a false alarm (for mustNotError, the error-level ones). */
  findings: FindingSummary[];
}

export interface Miss {
  caseId: string;
  source: string;
  ruleId: string;
  /** The label's reason it should fire, when the case gives one. */
  why?: string;
}

export interface UnitsDisagreement {
  caseId: string;
  source: string;
  method: { expected: UnitMethod; engine: UnitMethod };
  /** Every labelled code, with the engine's figure (0 when it gave none). */
  codes: { code: string; expected: number; engine: number; exact: boolean }[];
}

export interface UnitsScore {
  /** Cases with a `units` label. */
  cases: number;
  /** Cases where the method and every labelled code agree. */
  casesExact: number;
  /** Labelled codes. */
  codes: number;
  codesExact: number;
  methodAgreed: number;
  /** codesExact / codes; null when no code is labelled. */
  codesExactShare: number | null;
  disagreements: UnitsDisagreement[];
}

export interface Score {
  cases: number;
  totals: Counts;
  /** Rules with at least one labelled pair, in the order given (the engine's rule order). */
  rules: RuleScore[];
  /** False alarms that fired at severity error: the ones that block a claim for nothing. */
  falseAlarmsAtError: number;
  units: UnitsScore;
  falseAlarms: FalseAlarm[];
  misses: Miss[];
}

export interface ScoredCase {
  labelled: LabelledCase;
  result: CheckResult;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function counts(pairs: number, truePositives: number, falseAlarms: number, misses: number): Counts {
  return { pairs, truePositives, falseAlarms, misses, precision: ratio(truePositives, truePositives + falseAlarms), recall: ratio(truePositives, truePositives + misses) };
}

function summary(finding: Finding): FindingSummary {
  const out: FindingSummary = { severity: finding.severity, message: finding.message };
  if (finding.evidence) {
    const { part, start, end, text } = finding.evidence;
    out.evidence = part === undefined ? { start, end, text } : { part, start, end, text };
  }
  if (finding.line !== undefined) out.line = finding.line;
  return out;
}

function worst(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), 'info');
}

function scoreUnits(scored: readonly ScoredCase[]): UnitsScore {
  const out: UnitsScore = { cases: 0, casesExact: 0, codes: 0, codesExact: 0, methodAgreed: 0, codesExactShare: null, disagreements: [] };
  for (const { labelled, result } of scored) {
    const label = labelled.units;
    if (!label) continue;
    out.cases++;
    const methodAgrees = label.method === result.units.method;
    if (methodAgrees) out.methodAgreed++;
    const codes = Object.entries(label.expected).map(([code, expected]) => {
      const engine = result.units.expected[code] ?? 0;
      return { code, expected, engine, exact: engine === expected };
    });
    out.codes += codes.length;
    out.codesExact += codes.filter((c) => c.exact).length;
    if (methodAgrees && codes.every((c) => c.exact)) out.casesExact++;
    else out.disagreements.push({ caseId: labelled.id, source: labelled.source, method: { expected: label.method, engine: result.units.method }, codes });
  }
  out.codesExactShare = ratio(out.codesExact, out.codes);
  return out;
}

/** Score checked cases. `ruleOrder` lists rule ids in display order (others follow by name). */
export function scoreCases(scored: readonly ScoredCase[], ruleOrder: readonly string[] = []): Score {
  const perRule = new Map<string, { pairs: number; tp: number; fa: number; miss: number }>();
  const tally = (ruleId: string) => {
    let row = perRule.get(ruleId);
    if (!row) perRule.set(ruleId, (row = { pairs: 0, tp: 0, fa: 0, miss: 0 }));
    row.pairs++;
    return row;
  };
  const falseAlarms: FalseAlarm[] = [];
  const misses: Miss[] = [];

  for (const { labelled, result } of scored) {
    const fired = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const list = fired.get(finding.ruleId) ?? [];
      list.push(finding);
      fired.set(finding.ruleId, list);
    }
    for (const ruleId of labelled.must) {
      const row = tally(ruleId);
      if (fired.has(ruleId)) row.tp++;
      else {
        row.miss++;
        const miss: Miss = { caseId: labelled.id, source: labelled.source, ruleId };
        const why = labelled.why[ruleId];
        if (why !== undefined) miss.why = why;
        misses.push(miss);
      }
    }
    for (const [label, list] of [['mustNot', labelled.mustNot], ['mustNotError', labelled.mustNotError]] as const) {
      for (const ruleId of list) {
        const row = tally(ruleId);
        const findings = (fired.get(ruleId) ?? []).filter((f) => label === 'mustNot' || f.severity === 'error');
        if (findings.length === 0) continue;
        row.fa++;
        falseAlarms.push({ caseId: labelled.id, source: labelled.source, ruleId, label, severity: worst(findings), findings: findings.map(summary) });
      }
    }
  }

  const rank = (id: string) => {
    const i = ruleOrder.indexOf(id);
    return i === -1 ? ruleOrder.length : i;
  };
  const rules: RuleScore[] = [...perRule]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([ruleId, r]) => ({ ruleId, ...counts(r.pairs, r.tp, r.fa, r.miss) }));
  const sum = (key: 'pairs' | 'tp' | 'fa' | 'miss') => [...perRule.values()].reduce((s, r) => s + r[key], 0);
  return {
    cases: scored.length,
    totals: counts(sum('pairs'), sum('tp'), sum('fa'), sum('miss')),
    rules,
    falseAlarmsAtError: falseAlarms.filter((f) => f.severity === 'error').length,
    units: scoreUnits(scored),
    falseAlarms,
    misses,
  };
}
