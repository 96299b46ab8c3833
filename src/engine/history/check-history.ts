// checkHistory: run the cross-visit rules on one visit's record against the same patient's earlier
// records and other patients' fingerprints. Findings have the single-visit Finding shape (no
// evidence span: a cross-visit finding points at no one sentence), so every view shows them as is.
import { resolveProfile } from '../payers';
import type { CheckOptions, Finding, Level, Severity } from '../types';
import type { VisitRecord } from './record';
import { HISTORY_RULES } from './rules';
import type { TemplateLookup } from './rules/define';
import { thresholdsFor, thresholdValue } from './thresholds';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface HistoryInput {
  current: VisitRecord;
  /** The same patient's earlier visits, oldest first. */
  earlier: readonly VisitRecord[];
  others: TemplateLookup;
}

/** Nobody else to compare with (a single patient's series). */
export const NO_OTHERS: TemplateLookup = { similar: () => [] };

export function checkHistory(input: HistoryInput, options: Pick<CheckOptions, 'ruleLevels' | 'ruleOptions' | 'disabledRules'> = {}): Finding[] {
  const profile = resolveProfile(input.current.profile) ?? resolveProfile('commercial')!;
  const thresholds = thresholdsFor(profile);
  const findings: Finding[] = [];
  for (const rule of HISTORY_RULES) {
    const { meta } = rule;
    const level: Level = options.disabledRules?.includes(meta.id) ? 'off' : (options.ruleLevels?.[meta.id] ?? profile.rules[meta.id]?.level ?? meta.defaultSeverity);
    if (level === 'off') continue;
    const ruleOptions = { ...profile.rules[meta.id]?.options, ...options.ruleOptions?.[meta.id] };
    // Each finding cites the thresholds it rests on, so a reader sees which are unconfirmed.
    const thresholdCitations = rule.thresholds
      .map((name) => thresholds[name])
      .filter((t) => t.value !== null)
      .map((t) => ({ title: t.unconfirmed ? `${t.source.title} (threshold UNCONFIRMED: chosen here, not published)` : t.source.title, url: t.source.url }));
    const citations = [...meta.citations, ...thresholdCitations.filter((c, i, all) => all.findIndex((o) => o.url === c.url && o.title === c.title) === i)];
    try {
      rule.check({
        current: input.current,
        earlier: input.earlier,
        others: input.others,
        thresholds,
        threshold: (name) => thresholdValue(thresholds, name, ruleOptions),
        report(r) {
          const severity: Severity = r.severity && SEVERITY_ORDER[r.severity] > SEVERITY_ORDER[level] ? r.severity : level;
          const finding: Finding = { ruleId: meta.id, title: meta.title, severity, message: `${r.message} (${profile.name})`, citations, profile: profile.id };
          if (r.suggestion) finding.suggestion = r.suggestion;
          findings.push(finding);
        },
      });
    } catch (error) {
      findings.push({
        ruleId: meta.id,
        title: meta.title,
        severity: 'info',
        message: `This cross-visit check could not run on this visit (${error instanceof Error ? error.message : String(error)}). Please report it.`,
        citations: meta.citations,
        profile: profile.id,
      });
    }
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
