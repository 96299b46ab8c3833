// check(visit, options): the one entry point. Chooses the payer profile, analyses the note once,
// reconciles claim and note into facts, runs every enabled rule, and returns sorted findings.
import { capTotal, countOmitted, resolveLimits, truncation, type OmittedByRule } from './caps';
import { analyzeChart, type Chart } from './chart';
import dataMeta from './data/meta.json';
import { buildReading, explainRules } from './explain';
import { buildFacts } from './facts';
import { buildVisitRecord } from './history/record';
import { chooseProfile, resolveProfile } from './payers';
import { localeOrder } from './order';
import { RULES } from './rules';
import type { CheckOptions, CheckResult, DataVersion, Evidence, Finding, Level, ResolvedProfile, Severity } from './types';
import type { Visit } from './visit';

export const DATA_VERSION: DataVersion = { version: dataMeta.version, asOf: dataMeta.asOf };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Map a global chart span back to the note part it lies in (offsets relative to that part, in the text as given). */
export function toEvidence(chart: Chart, start: number, end: number, partsGiven: boolean): Evidence {
  let part = chart.parts[0]!;
  for (const p of chart.parts) if (p.start <= start) part = p;
  const s = Math.max(part.start, Math.min(start, part.end));
  const e = Math.max(s, Math.min(end, part.end));
  // Folded offsets → the text as the user wrote it (zero-width characters, look-alikes and all).
  const original = (from: number, to: number): [number, number] => {
    const a = chart.toOriginal(from);
    const b = to > from ? chart.toOriginal(to - 1) + 1 : a;
    return [Math.max(part.originalStart, Math.min(a, part.originalEnd)), Math.max(part.originalStart, Math.min(b, part.originalEnd))];
  };
  const [os, oe] = original(s, e);
  const evidence: Evidence = { start: os - part.originalStart, end: oe - part.originalStart, text: chart.original.slice(os, oe) };
  if (partsGiven) evidence.part = part.key;
  const sentence = chart.sentences[chart.sentenceAt(s)];
  if (sentence && sentence.start <= s && sentence.end >= e) {
    // A long sentence (or an unpunctuated note) is windowed around the evidence.
    const from = Math.max(sentence.start, part.start, Math.min(s - CONTEXT_AROUND, sentence.end - 2 * CONTEXT_AROUND));
    const to = Math.min(sentence.end, part.end, Math.max(e + CONTEXT_AROUND, from + 2 * CONTEXT_AROUND));
    if (to - from > e - s) {
      const [cs, ce] = original(from, to);
      evidence.context = { start: cs - part.originalStart, text: chart.original.slice(cs, ce) };
    }
  }
  return evidence;
}

/** Characters of context kept on each side of the evidence when its sentence is long. */
const CONTEXT_AROUND = 120;

/**
 * One root cause, one finding: a dependent finding whose root rule reported on its line is listed in
 * that finding's `related`, and marked `relatedTo` so views show it under its root, not beside it.
 */
function foldRelated(findings: Finding[], dependent: Map<Finding, { rule: string; line?: number }>): void {
  for (const [finding, because] of dependent) {
    const root = findings.find((f) => f.ruleId === because.rule && !dependent.has(f) && (because.line === undefined || f.line === because.line));
    if (!root) continue;
    (root.related ??= []).push({ ruleId: finding.ruleId, title: finding.title, message: finding.message });
    finding.relatedTo = { ruleId: root.ruleId, ...(root.line !== undefined ? { line: root.line } : {}) };
  }
}

function levelFor(ruleId: string, fallback: Severity, profile: ResolvedProfile, options: CheckOptions): Level {
  if (options.disabledRules?.includes(ruleId)) return 'off';
  return options.ruleLevels?.[ruleId] ?? profile.rules[ruleId]?.level ?? fallback;
}

export function check(visit: Visit, options: CheckOptions = {}): CheckResult {
  const choice = chooseProfile(visit.payer, options);
  const profile = resolveProfile(choice.id)!;
  const chart = analyzeChart(visit.note, { billedCodes: visit.lines.map((l) => l.code) });
  const facts = buildFacts(visit, chart, profile.unitMethod, options.readLinesFromNote !== false);
  const partsGiven = typeof visit.note !== 'string';
  const findings: Finding[] = [];
  // Global note offset of each finding's evidence: the sort key that follows the note's order.
  const at = new Map<Finding, number>();
  // Findings that follow from another rule's root fact, folded into the root's finding below.
  const dependent = new Map<Finding, { rule: string; line?: number }>();
  // Past the caps findings are only counted (src/engine/caps.ts): exact "+N more", bounded memory.
  const limits = resolveLimits(options);
  const omitted: OmittedByRule = new Map();

  for (const rule of RULES) {
    const { meta } = rule;
    const level = levelFor(meta.id, meta.defaultSeverity, profile, options);
    if (level === 'off') continue;
    const setting = profile.rules[meta.id];
    const why = setting?.why;
    const seen = new Set<string>();
    let kept = 0;
    try {
      rule.check({
        visit,
        chart,
        facts,
        profile,
        options: { ...setting?.options, ...options.ruleOptions?.[meta.id] },
        why,
        report(r) {
          const key = `${r.span?.start}:${r.span?.end}:${r.line}:${r.message}`;
          if (seen.has(key)) return;
          seen.add(key);
          // The profile's level is the ceiling a rule may lower (e.g. a softer variant), never raise.
          const severity: Severity = r.severity && SEVERITY_ORDER[r.severity] > SEVERITY_ORDER[level] ? r.severity : level;
          if (kept >= limits.perRule) {
            countOmitted(omitted, meta.id, severity);
            return;
          }
          kept += 1;
          const finding: Finding = {
            ruleId: meta.id,
            title: meta.title,
            severity,
            message: `${r.message} (${profile.name}${why ? `: ${why}` : ''})`,
            citations: meta.citations,
            profile: profile.id,
          };
          if (r.span) {
            finding.evidence = toEvidence(chart, r.span.start, r.span.end, partsGiven);
            at.set(finding, r.span.start);
          }
          if (r.line !== undefined) finding.line = r.line;
          if (r.suggestion) finding.suggestion = r.suggestion;
          if (r.because) dependent.set(finding, r.because);
          findings.push(finding);
        },
      });
    } catch (error) {
      // A rule bug must not hide every other finding: report it and carry on.
      findings.push({
        ruleId: meta.id,
        title: meta.title,
        severity: 'info',
        message: `This check could not run on this visit (${error instanceof Error ? error.message : String(error)}). Please report it.`,
        citations: meta.citations,
        profile: profile.id,
      });
    }
  }

  foldRelated(findings, dependent);

  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.evidence ? 0 : 1) - (b.evidence ? 0 : 1) ||
      (at.get(a) ?? 0) - (at.get(b) ?? 0) ||
      localeOrder(a.ruleId, b.ruleId) ||
      (a.line ?? -1) - (b.line ?? -1),
  );
  const listed = capTotal(findings, limits.total, omitted);
  const result: CheckResult = { findings: listed, units: facts.units, profile: choice, dataVersion: DATA_VERSION };
  const truncated = truncation(listed, omitted);
  if (truncated) result.truncated = truncated;
  if (options.history) {
    const salt = typeof options.history === 'object' ? options.history.salt : undefined;
    result.history = buildVisitRecord(visit, chart, facts, { profile: profile.id, ...(salt !== undefined && { salt }) });
  }
  if (options.explain || options.explainFindings) {
    const reading = buildReading(chart, facts, (span) => toEvidence(chart, span.start, span.end, partsGiven));
    if (options.explain) result.reading = reading;
    if (options.explainFindings) result.explanations = explainRules(reading, listed.map((f) => f.ruleId));
  }
  return result;
}
