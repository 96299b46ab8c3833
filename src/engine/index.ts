// The engine's public surface: pure TypeScript, no DOM, no browser API. Shared by the extension's
// worker, the command line, the benchmarks and the tests.
import { RULES } from './rules';
import type { RuleMeta } from './types';

export { check, DATA_VERSION } from './check';
export { analyzeChart } from './chart';
export { chooseProfile, listProfiles, resolveProfile, DEFAULT_PROFILE } from './payers';
export { calculateUnits, unitsForMinutes, unitMinuteRange } from './units';
export type { UnitsInput, UnitsResult, TimedService } from './units';
export { parseVisit, visitJsonSchema, VisitSchema } from './visit';
export type { Visit, ClaimLine, NotePart, VisitIssue, ParseVisitResult } from './visit';
export type * from './types';
export * as history from './history';

export function listRules(): RuleMeta[] {
  return RULES.map((r) => r.meta);
}
