// Shared engine types: findings, rule modules, payer profiles, unit results.
import type { Chart } from './chart/types';
import type { FindingExplanation, Reading } from './explain';
import type { VisitFacts } from './facts';
import type { Visit } from './visit';
import type { VisitRecord } from './history/record';
import type { Citation, Evidence, Level, Severity, UnitMethod, UnitsSummary } from './base-types';

export type { Citation, Evidence, Level, Severity, UnitMethod, UnitsSummary } from './base-types';
export { LEVELS } from './base-types';

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  message: string;
  evidence?: Evidence;
  /** Index into visit.lines of the claim line concerned. */
  line?: number;
  citations: Citation[];
  suggestion?: string;
  /** Id of the payer profile whose settings raised this finding. */
  profile: string;
  /**
   * Findings of other rules that follow from the same root fact and are folded into this one
   * ("97124 has no minutes" also leaves its 59 unsupported): one root cause, one finding.
   */
  related?: RelatedFinding[];
  /**
   * Set on a finding that follows from another finding's root fact. It stays in the list (the rule did
   * fire), and views show it under its root instead of as a problem of its own.
   */
  relatedTo?: { ruleId: string; line?: number };
}

export interface RelatedFinding {
  ruleId: string;
  title: string;
  message: string;
}

export type RuleScope = 'line' | 'claim' | 'visit' | 'episode';

export interface RuleMeta {
  /** Equal to the file name in src/engine/rules/. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  scope: RuleScope;
  /** Why an auditor or payer cares (shown as "why it matters"). */
  rationale: string;
  /** What the biller or therapist should do (shown as "how to fix"). */
  howToFix: string;
  citations: Citation[];
}

/** What a rule hands to ctx.report(); offsets are global chart offsets (chart.text). */
export interface Report {
  message: string;
  /** Global [start, end) into chart.text. */
  span?: { start: number; end: number };
  line?: number;
  suggestion?: string;
  /** Only when the rule weighs its own finding differently from the profile level. */
  severity?: Severity;
  /**
   * This finding follows only from a fact another rule reports (its root): when that rule reports on
   * the same claim line, this one is folded into it as related instead of standing on its own.
   */
  because?: { rule: string; line?: number };
}

export interface RuleContext {
  visit: Visit;
  chart: Chart;
  facts: VisitFacts;
  profile: ResolvedProfile;
  /** The rule's options as resolved from the profile (and caller overrides). */
  options: Record<string, unknown>;
  /** The profile's reason for this rule's level, if it gives one. */
  why?: string;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export interface RuleSetting {
  level?: Level;
  /** Shown in the message: why this payer raises (or weighs) the rule. */
  why?: string;
  options?: Record<string, unknown>;
}

/** A payer profile as written in src/engine/payers/<id>.json (before `extends` is applied). */
export interface PayerProfileData {
  id: string;
  name: string;
  extends?: string;
  description: string;
  sources: Citation[];
  /** Case-insensitive phrases matched on whole words of the payer text; "a + b": every phrase, any order. */
  namePatterns: string[];
  unitMethod?: UnitMethod;
  requires?: Partial<ProfileRequirements>;
  rules?: Record<string, Level | RuleSetting>;
}

export interface ProfileRequirements {
  /** GP/GO on every therapy line. */
  disciplineModifier: boolean;
  /** CQ/CO when an assistant furnished the service. */
  assistantModifier: boolean;
  /** Minutes for each timed code. */
  perCodeMinutes: boolean;
  /** Total timed minutes in the note. */
  totalTimedMinutes: boolean;
  /** A plan of care / certification reference. */
  planOfCare: boolean;
}

export interface ResolvedRuleSetting {
  /** Undefined: the rule's own default severity applies. */
  level?: Level;
  why?: string;
  options: Record<string, unknown>;
}

export interface ResolvedProfile {
  id: string;
  name: string;
  description: string;
  /** The extends chain, most specific first: ["aetna", "commercial", "base"]. */
  chain: string[];
  sources: Citation[];
  namePatterns: string[];
  unitMethod: UnitMethod;
  requires: ProfileRequirements;
  rules: Record<string, ResolvedRuleSetting>;
}

export interface CheckOptions {
  /** Force a profile id, overriding the visit's payer. */
  profile?: string;
  /** The profile to use when the payer is unknown or absent (default "commercial"). */
  defaultProfile?: string;
  /** Per-rule level overrides (user options / managed policy), applied after the profile. */
  ruleLevels?: Record<string, Level>;
  /** Per-rule option overrides, merged over the profile's options. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Rules switched off entirely (kill switch). */
  disabledRules?: string[];
  /** Extra payer-name → profile-id mappings, checked before the profiles' own patterns. */
  payerMap?: Record<string, string>;
  /** Also return what the engine read from the visit (`CheckResult.reading`, src/engine/explain.ts). */
  explain?: boolean;
  /** Also return, per rule that fired, the short part of the reading behind it (`CheckResult.explanations`). */
  explainFindings?: boolean;
  /**
   * When the visit has no claim lines, read the lines the note lists ("97124 x2") as the claim
   * (default true: a .txt note given to the command line). The extension passes false: a page
   * without claim lines has none, and lines are never invented from its note.
   */
  readLinesFromNote?: boolean;
  /**
   * Instances kept per rule and findings kept in all (default FINDINGS_LIMITS, src/shared/limits.ts).
   * Whatever is left out is counted exactly in CheckResult.truncated.
   */
  findingsLimits?: { perRule?: number; total?: number };
  /**
   * Also return the visit's cross-visit record (`CheckResult.history`, src/engine/history): its
   * fingerprints and series numbers, for the cross-visit rules. `salt` keys the fingerprint hashes.
   */
  history?: boolean | { salt?: number };
}

export interface ProfileChoice {
  id: string;
  name: string;
  matchedBy: 'option' | 'payer-map' | 'payer-id' | 'payer-name' | 'default';
  payerText?: string;
}

export interface DataVersion {
  version: string;
  asOf: string;
}

/** How many findings of one rule there are, how many `findings` lists, and the rest by severity. */
export interface RuleTruncation {
  count: number;
  shown: number;
  omitted: Record<Severity, number>;
}

/**
 * Present only when findings were left out at a cap (FINDINGS_LIMITS): the exact counts, so every
 * view says "+N more" with the real N. Findings left out are never folded under a root finding, so
 * each of them counts as a problem of its own.
 */
export interface FindingsTruncation {
  /** Findings the rules reported. */
  total: number;
  /** Of them, the ones in `findings`. */
  shown: number;
  /** Left out, by severity (what counts strips and badges add). */
  omitted: Record<Severity, number>;
  /** Every rule that lost instances, by id. */
  rules: Record<string, RuleTruncation>;
}

export interface CheckResult {
  findings: Finding[];
  /** Counts of the findings left out at the caps; absent when every finding is listed. */
  truncated?: FindingsTruncation;
  units: UnitsSummary;
  profile: ProfileChoice;
  dataVersion: DataVersion;
  /** What the engine read (times, totals, measures, goals, signatures…), when options.explain. */
  reading?: Reading;
  /** Per rule id that fired: what the engine read behind it, in short lines (options.explainFindings). */
  explanations?: Record<string, FindingExplanation[]>;
  /** The visit's cross-visit record, when options.history. */
  history?: VisitRecord;
}
