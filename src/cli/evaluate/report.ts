// How `evaluate` reports: floors checked against the score, the JSON document, and the text report
// (per-rule table, totals, units agreement, then every false alarm, miss and units disagreement).
import { oneLine as flat, pad } from '../text';
import type { Score } from './score';

export type Figure = 'precision' | 'recall' | 'units' | 'errorFalseAlarms';

export interface Threshold {
  figure: Figure;
  /** The figure must be at least this (precision, recall, units share) or at most it (errorFalseAlarms). */
  bound: 'atLeast' | 'atMost';
  limit: number;
  /** null: nothing to measure (0 / 0), which cannot be below a floor. */
  value: number | null;
  met: boolean;
}

export interface EvaluateReport extends Score {
  /** The FILE and DIR arguments. */
  inputs: string[];
  /** Case files read. */
  files: number;
  /** Bad files and cases, skipped (each names its file). */
  problems: string[];
  thresholds: Threshold[];
  /** Every threshold met (true when none was given). */
  met: boolean;
}

export interface Limits {
  minPrecision?: number;
  minRecall?: number;
  minUnits?: number;
  maxErrorFalseAlarms?: number;
}

export function checkThresholds(score: Score, limits: Limits): Threshold[] {
  const out: Threshold[] = [];
  const atLeast = (figure: Figure, limit: number | undefined, value: number | null) => {
    if (limit !== undefined) out.push({ figure, bound: 'atLeast', limit, value, met: value === null || value >= limit });
  };
  atLeast('precision', limits.minPrecision, score.totals.precision);
  atLeast('recall', limits.minRecall, score.totals.recall);
  atLeast('units', limits.minUnits, score.units.codesExactShare);
  if (limits.maxErrorFalseAlarms !== undefined) {
    const value = score.falseAlarmsAtError;
    out.push({ figure: 'errorFalseAlarms', bound: 'atMost', limit: limits.maxErrorFalseAlarms, value, met: value <= limits.maxErrorFalseAlarms });
  }
  return out;
}

const fixed = (n: number | null): string => (n === null ? '–' : n.toFixed(3));

function table(report: EvaluateReport): string[] {
  const headers = ['pairs', 'TP', 'FA', 'miss', 'precision', 'recall'];
  const first = Math.max(9, ...report.rules.map((r) => r.ruleId.length)) + 2;
  const widths = headers.map((h) => Math.max(h.length, 5) + 2);
  const row = (name: string, cells: string[]) => pad(name, first) + cells.map((c, i) => pad(c, widths[i] ?? 0, true)).join('');
  const cells = (c: EvaluateReport['totals']) => [String(c.pairs), String(c.truePositives), String(c.falseAlarms), String(c.misses), fixed(c.precision), fixed(c.recall)];
  return [
    row('rule', headers),
    ...report.rules.map((r) => row(r.ruleId, cells(r))),
    row('all rules', cells(report.totals)),
  ];
}

/** The summary lines (each names its figure: precision, recall, units), as `npm run accuracy` prints them. */
export function summaryLines(report: EvaluateReport): string[] {
  const t = report.totals;
  const u = report.units;
  const fired = t.truePositives + t.falseAlarms;
  const required = t.truePositives + t.misses;
  return [
    `precision ${fixed(t.precision)} (${t.truePositives} of ${fired} findings on labelled pairs were right; ${t.falseAlarms} false alarm${t.falseAlarms === 1 ? '' : 's'})`,
    `recall ${fixed(t.recall)} (${t.truePositives} of ${required} required findings fired; ${t.misses} missed)`,
    `units: ${u.codesExact} of ${u.codes} codes exact, ${u.casesExact} of ${u.cases} cases exact, unit method agreed in ${u.methodAgreed} of ${u.cases}`,
    `false alarms at severity error: ${report.falseAlarmsAtError}`,
  ];
}

const FIGURE_LABEL: Record<Figure, string> = {
  precision: 'precision',
  recall: 'recall',
  units: 'units (share of codes exact)',
  errorFalseAlarms: 'false alarms at severity error',
};

export function thresholdLine(t: Threshold): string {
  const value = t.value === null ? 'nothing to measure' : t.figure === 'errorFalseAlarms' ? String(t.value) : fixed(t.value);
  const sign = t.bound === 'atLeast' ? '≥' : '≤';
  const limit = t.figure === 'errorFalseAlarms' ? String(t.limit) : fixed(t.limit);
  return `${t.met ? 'met' : 'NOT MET'}: ${FIGURE_LABEL[t.figure]} ${value}, required ${sign} ${limit}`;
}

function detailLines(report: EvaluateReport): string[] {
  const out: string[] = [];
  if (report.falseAlarms.length > 0) {
    out.push('', `False alarms (${report.falseAlarms.length})`);
    for (const fa of report.falseAlarms) {
      const label = fa.label === 'mustNotError' ? 'must not fire at error' : 'must not fire';
      out.push(`  ${fa.caseId}  ${fa.ruleId} [${fa.severity}] (${label})  ${fa.source}`);
      for (const f of fa.findings) {
        out.push(`      ${f.severity}${f.line === undefined ? '' : `, claim line ${f.line + 1}`}: ${flat(f.message, 300)}`);
        if (f.evidence) out.push(`        "${flat(f.evidence.text, 120)}"  [${f.evidence.part ? `${f.evidence.part} ` : ''}${f.evidence.start}-${f.evidence.end}]`);
      }
    }
  }
  if (report.misses.length > 0) {
    out.push('', `Misses (${report.misses.length})`);
    for (const miss of report.misses) {
      out.push(`  ${miss.caseId}  ${miss.ruleId} did not fire  ${miss.source}`);
      if (miss.why) out.push(`      label: ${flat(miss.why, 300)}`);
    }
  }
  const units = report.units.disagreements;
  if (units.length > 0) {
    out.push('', `Units disagreements (${units.length} case${units.length === 1 ? '' : 's'})`);
    for (const d of units) {
      const method = d.method.expected === d.method.engine ? d.method.engine : `${d.method.engine}, label says ${d.method.expected}`;
      out.push(`  ${d.caseId}  method ${method}  ${d.source}`);
      const wrong = d.codes.filter((c) => !c.exact);
      if (wrong.length > 0) out.push(`      ${wrong.map((c) => `${c.code} expected ${c.expected}, engine ${c.engine}`).join('; ')}`);
    }
  }
  return out;
}

export function formatReport(report: EvaluateReport, { summaryOnly = false } = {}): string {
  const out = [`Scored ${report.cases} labelled case${report.cases === 1 ? '' : 's'} from ${report.files} file${report.files === 1 ? '' : 's'} (${report.inputs.join(', ')})`, ''];
  out.push(...table(report), '', ...summaryLines(report));
  if (report.problems.length > 0) out.push(`skipped: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in the input (listed on stderr)`);
  if (!summaryOnly) out.push(...detailLines(report));
  if (report.thresholds.length > 0) out.push('', ...report.thresholds.map(thresholdLine));
  return `${out.join('\n')}\n`;
}
