// The engine's public surface: pure TypeScript, no DOM, no browser API. Shared by the extension's
// worker, the command line, the benchmarks and the tests.
import { HISTORY_RULES } from './history/rules';
import { RULES } from './rules';
import type { RuleMeta } from './types';

export { check, DATA_VERSION } from './check';
export { analyzeChart } from './chart';
export { chooseProfile, listProfiles, namePatternMatch, resolveProfile, DEFAULT_PROFILE } from './payers';
export { calculateUnits, unitsForMinutes, unitMinuteRange } from './units';
export type { UnitsInput, UnitsResult, TimedService } from './units';
export { parseVisit, visitJsonSchema, VisitSchema } from './visit';
export type { Visit, ClaimLine, NotePart, VisitIssue, ParseVisitResult } from './visit';
export type * from './types';
export * as history from './history';

/** The visit rules: what check() runs on one visit. */
export function listRules(): RuleMeta[] {
  return RULES.map((r) => r.meta);
}

/** A rule as listAllRules() gives it: its meta, and whether it compares visits (./history). */
export type ListedRule = RuleMeta & { acrossVisits: boolean };

/**
 * Every rule a finding, a level, a kill switch or a view may name: the visit rules, then the
 * cross-visit rules (cloned-note, templated-note, massage-trend), which run on the visit history
 * and honour the same levels and disabled rules. Ids are unique across both (test/history/registry.test.ts).
 */
export function listAllRules(): ListedRule[] {
  return [...RULES.map((r) => ({ ...r.meta, acrossVisits: false })), ...HISTORY_RULES.map((r) => ({ ...r.meta, acrossVisits: true }))];
}
