// How `check` results leave the command line: the JSON contract (only the documented fields, in
// the documented order) and a text report grouped by severity.
import type { Reading } from '../engine/explain';
import type { CheckResult, Finding, FindingsTruncation, ProfileChoice, Severity, UnitMethod } from '../engine/types';
import { readingLines } from './reading-text';
import { oneLine } from './text';

export interface CheckedVisit {
  source: string;
  result: CheckResult;
  /**
   * The findings of the cross-visit rules for this visit (docs/history.md), reported after every
   * visit's own result: no units, no evidence spans.
   */
  crossVisit?: true;
}

export interface FindingJson {
  ruleId: string;
  severity: Severity;
  message: string;
  evidence?: { part?: string; start: number; end: number; text: string };
  line?: number;
  citations: { title: string; url: string }[];
  suggestion?: string;
  /** Present when the finding follows from another one's root fact (one root cause, one problem). */
  relatedTo?: { ruleId: string; line?: number };
}

/** Findings left out at the caps (FINDINGS_LIMITS), counted exactly; absent when every one is listed. */
export interface TruncatedJson {
  /** Findings the rules reported, and of them the ones in `findings`. */
  total: number;
  shown: number;
  /** Per rule that lost instances: how many it reported, and how many are listed. */
  rules: Record<string, { count: number; shown: number }>;
}

export interface ResultJson {
  source: string;
  profile: string;
  findings: FindingJson[];
  truncated?: TruncatedJson;
  units?: {
    method: UnitMethod;
    totalTimedMinutes: number | null;
    expected: Record<string, number>;
    billed: Record<string, number>;
  };
  /** Only with --explain: what the engine read (src/engine/explain.ts). */
  reading?: Reading;
  /** Set on a visit's cross-visit result (then `units` is absent). */
  crossVisit?: true;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

// Built field by field so engine-internal fields (title, profile, minutesByCode…) never leak into
// a contract other tools parse.
// Key order follows the documented contract, for people reading the JSON.
function findingJson(finding: Finding): FindingJson {
  const { evidence, line, suggestion } = finding;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(evidence && {
      evidence: {
        ...(evidence.part !== undefined && { part: evidence.part }),
        start: evidence.start,
        end: evidence.end,
        text: evidence.text,
      },
    }),
    ...(line !== undefined && { line }),
    citations: finding.citations.map(({ title, url }) => ({ title, url })),
    ...(suggestion !== undefined && { suggestion }),
    ...(finding.relatedTo && { relatedTo: { ...finding.relatedTo } }),
  };
}

/** One visit's result in the documented JSON shape (one element of `results`, one NDJSON line). */
export function resultJson({ source, result, crossVisit }: CheckedVisit): ResultJson {
  if (crossVisit) {
    return {
      source,
      profile: result.profile.id,
      crossVisit,
      findings: result.findings.map(findingJson),
      ...(result.truncated && { truncated: truncatedJson(result.truncated) }),
    };
  }
  return {
    source,
    profile: result.profile.id,
    findings: result.findings.map(findingJson),
    ...(result.truncated && { truncated: truncatedJson(result.truncated) }),
    units: {
      method: result.units.method,
      totalTimedMinutes: result.units.totalTimedMinutes,
      expected: { ...result.units.expected },
      billed: { ...result.units.billed },
    },
    ...(result.reading && { reading: result.reading }),
  };
}

function truncatedJson(truncated: FindingsTruncation): TruncatedJson {
  const rules: TruncatedJson['rules'] = {};
  for (const [ruleId, { count, shown }] of Object.entries(truncated.rules)) rules[ruleId] = { count, shown };
  return { total: truncated.total, shown: truncated.shown, rules };
}

/** One rule's findings left out at the caps: "+951 more" of `count`, `shown` listed. */
export interface MoreOfRule {
  ruleId: string;
  more: number;
  count: number;
  shown: number;
  /** The worst severity among those left out. */
  severity: Severity;
  omitted: Record<Severity, number>;
}

/** What each rule left out, in the engine's rule order of the result (worst severity first). */
export function moreOfRules(result: CheckResult): MoreOfRule[] {
  return Object.entries(result.truncated?.rules ?? {}).map(([ruleId, rule]) => ({
    ruleId,
    more: rule.count - rule.shown,
    count: rule.count,
    shown: rule.shown,
    severity: SEVERITIES.find((severity) => rule.omitted[severity] > 0) ?? 'info',
    omitted: { ...rule.omitted },
  }));
}

/**
 * "+951 more comfort-wording findings not listed (1,001 in all)"; `n`: of one severity only.
 * `plus: false` for a spreadsheet cell, where a leading "+" reads as a formula.
 */
export function moreText(more: MoreOfRule, n = more.more, plus = true): string {
  return `${plus ? '+' : ''}${n.toLocaleString('en-US')} more ${more.ruleId} finding${n === 1 ? '' : 's'} not listed (${more.count.toLocaleString('en-US')} in all)`;
}

const METHOD_LABEL: Record<UnitMethod, string> = {
  cms: 'CMS total time',
  'per-code': 'per code (substantial portion)',
};

const GROUP_LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

function unitList(units: Record<string, number>): string {
  const entries = Object.entries(units);
  return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} ×${n}`).join(', ');
}

function quote(text: string, max = 120): string {
  return `"${oneLine(text, max)}"`;
}

function profileLine(profile: ProfileChoice): string {
  const payer = profile.payerText ? ` "${profile.payerText}"` : '';
  const why: Record<ProfileChoice['matchedBy'], string> = {
    option: 'set by --payer',
    'payer-map': `payer${payer}`,
    'payer-id': `payer${payer}`,
    'payer-name': `payer name${payer}`,
    default: 'default profile (no known payer)',
  };
  return `profile ${profile.id} (${profile.name}), ${why[profile.matchedBy]}`;
}

function findingLines(finding: Finding): string[] {
  const where = finding.line === undefined ? '' : ` (claim line ${finding.line + 1})`;
  const lines = [`    ${finding.ruleId}${where}: ${finding.message}`];
  if (finding.evidence) {
    const { part, start, end, text } = finding.evidence;
    lines.push(`        ${quote(text)}  [${part === undefined ? '' : `${part} `}${start}-${end}]`);
  }
  for (const related of finding.related ?? []) lines.push(`        Also (${related.ruleId}): ${related.message}`);
  if (finding.suggestion) lines.push(`        Fix: ${finding.suggestion}`);
  const [first] = finding.citations;
  if (first) lines.push(`        See: ${first.title} <${first.url}>`);
  return lines;
}

function unitsLine(result: CheckResult): string {
  const { method, totalTimedMinutes, expected, billed } = result.units;
  const minutes = totalTimedMinutes === null ? 'timed minutes not documented' : `${totalTimedMinutes} timed min`;
  return `  Units, ${METHOD_LABEL[method]}: ${minutes}; expected ${unitList(expected)}; billed ${unitList(billed)}`;
}

/** Findings a reader sees as problems of their own: the ones not folded under another's root cause. */
export function rootFindings(result: CheckResult): Finding[] {
  return result.findings.filter((finding) => !finding.relatedTo);
}

/** The human report for one visit: findings grouped by severity, evidence quoted, then units. */
export function visitText({ source, result, crossVisit }: CheckedVisit): string {
  const out: string[] = [`${source} — ${crossVisit ? 'across visits, ' : ''}${profileLine(result.profile)}`];
  if (result.reading) out.push(...readingLines(result.reading), '  Findings');
  if (result.findings.length === 0 && !result.truncated) out.push('  No findings.');
  const roots = rootFindings(result);
  const omitted = result.truncated?.omitted;
  const more = moreOfRules(result);
  for (const severity of SEVERITIES) {
    // A finding folded into its root is printed there ("Also …"), not again on its own.
    const group = roots.filter((finding) => finding.severity === severity);
    const left = omitted?.[severity] ?? 0;
    if (group.length === 0 && left === 0) continue;
    // The group's count is exact: the listed findings and those left out at the caps.
    out.push(`  ${GROUP_LABEL[severity]} (${(group.length + left).toLocaleString('en-US')})`);
    for (const finding of group) out.push(...findingLines(finding));
    for (const rule of more) if (rule.omitted[severity] > 0) out.push(`    ${moreText(rule, rule.omitted[severity])}`);
  }
  if (!crossVisit) out.push(unitsLine(result));
  out.push('');
  return `${out.join('\n')}\n`;
}

export interface TextTotals {
  visits: number;
  visitsWithErrors: number;
  /** Root findings per severity (as the per-visit groups count them). */
  findings: Record<Severity, number>;
}

/** The text report's last line: "3 visits checked, 1 with errors: 2 errors, 1 warning, 0 info." */
export function textSummary(totals: TextTotals): string {
  const { error, warning, info } = totals.findings;
  return `${count(totals.visits, 'visit')} checked, ${totals.visitsWithErrors} with errors: ${count(error, 'error')}, ${count(warning, 'warning')}, ${count(info, 'info')}.\n`;
}
