// The findings list's model: one row per rule (VS Code's Problems panel, axe DevTools' "issues
// grouped by rule"), its open instances, the counts per severity for the filter strip. Pure, so
// the grouping, ordering and quoting are unit-tested without rendering.
import type { LineLabel, Severity, TabFinding, TabResult, TabState } from '../ui/tab-state';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Instance {
  key: string;
  finding: TabFinding;
}

export interface RuleRowModel {
  ruleId: string;
  /** The worst severity among the rule's open instances. */
  severity: Severity;
  title: string;
  instances: Instance[];
  /** The claim line the first instance concerns ("97124-GP ×3"), when it concerns one. */
  line?: string;
  /** One short quote: the first instance's evidence, else its message. */
  quote: string;
  /** The quote is evidence from the note (not the message). */
  quoteIsEvidence: boolean;
  /** Instances the engine counted but did not list (its caps): the row says "+N more". */
  more: number;
}

export type Counts = Record<Severity, number>;
export type Filter = Severity | 'all';

/** Quotes longer than this are cut at a word boundary with an ellipsis (one line at 420 px). */
export const QUOTE_MAX = 90;

export function shortQuote(text: string, max = QUOTE_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "97124-GP-59 ×3": the line's code, modifiers and units; "line 2" when the line is unknown. */
export function lineLabel(lines: readonly LineLabel[] | undefined, index: number): { code: string | null; text: string } {
  const line = lines?.[index];
  if (!line) return { code: null, text: String(index + 1) };
  const codes = [line.code, ...line.modifiers].join('-');
  return { code: line.code, text: line.units === undefined ? codes : `${codes} ×${line.units}` };
}

/**
 * The open (not dismissed) findings with their keys, in the engine's order. A finding folded into
 * another one's root (`relatedTo`) is shown inside that finding ("Also …"), not as a row of its own.
 */
export function openInstances(state: TabState, result: TabResult): Instance[] {
  const dismissed = new Set(state.dismissed.map((d) => d.findingKey));
  const out: Instance[] = [];
  result.findings.forEach((finding, index) => {
    const key = state.findingKeys[index] ?? `${finding.ruleId}#${index}`;
    if (!dismissed.has(key) && !finding.relatedTo) out.push({ key, finding });
  });
  return out;
}

/** Open findings per severity; those counted past the caps are open too (`omitted`, exact). */
export function countBySeverity(instances: readonly Instance[], omitted?: Counts): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const { finding } of instances) counts[finding.severity] += 1;
  if (omitted) for (const severity of SEVERITY_ORDER) counts[severity] += omitted[severity];
  return counts;
}

const worstOf = (counts: Counts): Severity => SEVERITY_ORDER.find((severity) => counts[severity] > 0) ?? 'info';

/** Rows by rule: worst severity first, then the engine's order of each rule's first finding. */
export function buildRows(state: TabState, instances: readonly Instance[]): RuleRowModel[] {
  const byRule = new Map<string, Instance[]>();
  for (const instance of instances) {
    const list = byRule.get(instance.finding.ruleId);
    if (list) list.push(instance);
    else byRule.set(instance.finding.ruleId, [instance]);
  }
  const rows: RuleRowModel[] = [];
  const cut = state.result?.truncated?.rules ?? {};
  for (const [ruleId, list] of byRule) {
    const first = list[0] as Instance;
    const severity = list.reduce<Severity>((worst, { finding }) => (RANK[finding.severity] < RANK[worst] ? finding.severity : worst), 'info');
    const evidence = list.find((i) => i.finding.evidence)?.finding.evidence?.text;
    const withLine = list.find((i) => i.finding.line !== undefined)?.finding.line;
    const row: RuleRowModel = {
      ruleId,
      severity,
      title: state.rules[ruleId]?.title ?? first.finding.title,
      instances: list,
      quote: shortQuote(evidence ?? first.finding.message),
      quoteIsEvidence: evidence !== undefined,
      more: 0,
    };
    const omitted = cut[ruleId]?.omitted;
    if (omitted) {
      row.more = omitted.error + omitted.warning + omitted.info;
      const worst = worstOf(omitted);
      if (RANK[worst] < RANK[row.severity]) row.severity = worst;
    }
    if (withLine !== undefined) row.line = lineLabel(state.lines, withLine).text;
    rows.push(row);
  }
  // A rule the result's cap left without a listed instance still has its row, with its count.
  for (const [ruleId, rule] of Object.entries(cut)) {
    if (byRule.has(ruleId)) continue;
    const more = rule.omitted.error + rule.omitted.warning + rule.omitted.info;
    if (more === 0) continue;
    rows.push({ ruleId, severity: worstOf(rule.omitted), title: state.rules[ruleId]?.title ?? ruleId, instances: [], quote: '', quoteIsEvidence: false, more });
  }
  // Stable sort keeps the engine's order within a severity.
  return rows.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

export function filterRows(rows: readonly RuleRowModel[], filter: Filter, state?: TabState): RuleRowModel[] {
  if (filter === 'all') return [...rows];
  const cut = state?.result?.truncated?.rules ?? {};
  return rows.filter((row) => row.instances.some((i) => i.finding.severity === filter) || (cut[row.ruleId]?.omitted[filter] ?? 0) > 0);
}
