// The shape of a cross-visit rule: `export default defineHistoryRule({ meta, check })`, one per file,
// meta.id equal to the file name (test/history/registry.test.ts enforces it). A cross-visit rule
// sees fingerprints and series numbers (VisitRecord), never a note's text.
import type { RuleMeta, Severity } from '../../types';
import type { VisitRecord } from '../record';
import type { ThresholdName, Thresholds } from '../thresholds';
import type { Sketch } from '../fingerprint';
import type { SectionKind } from '../../chart/types';

/** A section (or the whole note, kind 'note') of another patient's visit that matched. */
export interface TemplateMatch {
  kind: SectionKind | 'note';
  similarity: number;
  /** Tells the other patients apart without naming them (an opaque number, the same for one patient). */
  other: number;
  date?: string;
  /** The other visit's label when the caller may show it (the command line's file name); else absent. */
  label?: string;
}

/** Other patients' fingerprints, looked up by sketch (template-index.ts). */
export interface TemplateLookup {
  /** Visits of patients other than `patient` whose `kind` fingerprint is at least `atLeast` similar. */
  similar(patient: string, kind: SectionKind | 'note', sketch: Sketch, atLeast: number): TemplateMatch[];
}

export interface HistoryReport {
  message: string;
  suggestion?: string;
  severity?: Severity;
}

export interface HistoryRuleContext {
  current: VisitRecord;
  /** The same patient's earlier visits, oldest first (every episode). */
  earlier: readonly VisitRecord[];
  others: TemplateLookup;
  thresholds: Thresholds;
  /** A threshold's value for this rule: the caller's option, else the profile's data (undefined: off). */
  threshold(name: ThresholdName): number | undefined;
  report(report: HistoryReport): void;
}

export interface HistoryRule {
  meta: RuleMeta;
  /** Thresholds (data/history.json) the rule reads; cited with each finding. */
  thresholds: readonly ThresholdName[];
  check(ctx: HistoryRuleContext): void;
}

export function defineHistoryRule(rule: HistoryRule): HistoryRule {
  return rule;
}
