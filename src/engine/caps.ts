// Findings caps (FINDINGS_LIMITS in src/shared/limits.ts). A rule keeps its first instances and only
// counts the rest (the finding objects are never built, so an 8 MB note costs counts, not memory);
// a result keeps its first findings in display order. Every finding left out is counted by rule and
// severity, so views can say "+N more" with the exact number. Also used by the worker, which merges
// the results of the encounters a claim list shows and drops rules turned off for a site.
import { FINDINGS_LIMITS } from '../shared/limits';
import type { CheckOptions, Finding, FindingsTruncation, Severity } from './types';

export type OmittedByRule = Map<string, Record<Severity, number>>;

const none = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

export function resolveLimits(options: CheckOptions): { perRule: number; total: number } {
  const pick = (value: number | undefined, fallback: number) =>
    value !== undefined && Number.isInteger(value) && value >= 1 ? value : fallback;
  return {
    perRule: pick(options.findingsLimits?.perRule, FINDINGS_LIMITS.perRule),
    total: pick(options.findingsLimits?.total, FINDINGS_LIMITS.total),
  };
}

export function countOmitted(omitted: OmittedByRule, ruleId: string, severity: Severity, n = 1): void {
  const counts = omitted.get(ruleId) ?? none();
  counts[severity] += n;
  omitted.set(ruleId, counts);
}

/** The counts a result's `truncated` carries, added into `omitted` (to merge results). */
export function omittedOf(truncated: FindingsTruncation | undefined, omitted: OmittedByRule = new Map()): OmittedByRule {
  for (const [ruleId, rule] of Object.entries(truncated?.rules ?? {})) {
    for (const severity of ['error', 'warning', 'info'] as const) {
      if (rule.omitted[severity] > 0) countOmitted(omitted, ruleId, severity, rule.omitted[severity]);
    }
  }
  return omitted;
}

/**
 * Keep the first `total` of findings already in display order; count the rest. A kept finding
 * folded under a root that was left out stands on its own again (its root is not there to show it).
 */
export function capTotal(findings: Finding[], total: number, omitted: OmittedByRule): Finding[] {
  if (findings.length <= total) return findings;
  const kept = findings.slice(0, total);
  for (const dropped of findings.slice(total)) countOmitted(omitted, dropped.ruleId, dropped.severity);
  for (const finding of kept) {
    const root = finding.relatedTo;
    if (!root) continue;
    const present = kept.some((f) => !f.relatedTo && f.ruleId === root.ruleId && (root.line === undefined || f.line === root.line));
    if (!present) delete finding.relatedTo;
  }
  return kept;
}

/** The exact counts for `findings` plus what was left out; undefined when nothing was. */
export function truncation(findings: readonly Finding[], omitted: OmittedByRule): FindingsTruncation | undefined {
  let left = 0;
  for (const counts of omitted.values()) left += counts.error + counts.warning + counts.info;
  if (left === 0) return undefined;
  const shownByRule = new Map<string, number>();
  for (const f of findings) shownByRule.set(f.ruleId, (shownByRule.get(f.ruleId) ?? 0) + 1);
  const result: FindingsTruncation = { total: findings.length + left, shown: findings.length, omitted: none(), rules: {} };
  for (const [ruleId, counts] of omitted) {
    const n = counts.error + counts.warning + counts.info;
    if (n === 0) continue;
    const shown = shownByRule.get(ruleId) ?? 0;
    result.rules[ruleId] = { count: shown + n, shown, omitted: { ...counts } };
    for (const severity of ['error', 'warning', 'info'] as const) result.omitted[severity] += counts[severity];
  }
  return result;
}
