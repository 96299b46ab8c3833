// Turns the engine's UnitsSummary into rows for the units panel: per code minutes, units the
// minutes support, units billed, and whether billed and supported disagree.
import type { TabUnits } from '../ui/tab-state';

export interface UnitsRow {
  /** A CPT/HCPCS code, or null for the "all timed codes" total row. */
  code: string | null;
  minutes: number | null;
  supported: number | null;
  billed: number;
  /** Untimed codes are one unit per session, whatever the minutes. */
  untimed: boolean;
  mismatch: boolean;
}

/** Minutes needed for n units under the 8-minute thresholds: 8, 23, 38, 53… (15n − 7). */
export function minutesForUnits(units: number): number {
  return units <= 0 ? 0 : 15 * units - 7;
}

/** Threshold minutes up to and including the first one at or above `max`. */
export function thresholdsUpTo(max: number): number[] {
  const ticks: number[] = [];
  for (let n = 1; ticks.length === 0 || (ticks[ticks.length - 1] ?? 0) < max; n++) ticks.push(minutesForUnits(n));
  return ticks;
}

const sortCodes = (codes: Iterable<string>) => [...new Set(codes)].sort();

/**
 * Timed codes, from the summary's own semantics: every code with minutes, every code in a CMS
 * allocation, and billed codes the engine could not assign units to (timed without minutes).
 * Untimed codes are the ones with expected units but no minutes.
 */
function timedCodes(units: TabUnits): Set<string> {
  const timed = new Set(Object.keys(units.minutesByCode));
  for (const alternative of units.alternatives) for (const code of Object.keys(alternative)) timed.add(code);
  for (const code of Object.keys(units.billed)) if (!(code in units.expected)) timed.add(code);
  return timed;
}

export interface UnitsModel {
  rows: UnitsRow[];
  /** The total-time row (CMS method, or whenever the total is known). */
  total: UnitsRow | null;
  /** The billed allocation is one of several equally valid CMS allocations. */
  billedIsAlternative: boolean;
}

export function buildUnitsModel(units: TabUnits): UnitsModel {
  const timed = timedCodes(units);
  const billedOf = (code: string) => units.billed[code] ?? 0;
  // Under CMS the total decides; any of the equally valid allocations is correct billing.
  const allocations = [units.expected, ...units.alternatives];
  const matching = allocations.find(
    (allocation) => Object.keys(allocation).length > 0 && Object.keys(allocation).every((c) => allocation[c] === billedOf(c)),
  );

  const rows = sortCodes([...Object.keys(units.minutesByCode), ...Object.keys(units.expected), ...Object.keys(units.billed)]).map(
    (code): UnitsRow => {
      const supported = units.expected[code] ?? null;
      const billed = billedOf(code);
      const acceptedByAllocation = matching !== undefined && code in matching;
      return {
        code,
        minutes: units.minutesByCode[code] ?? null,
        supported,
        billed,
        untimed: !timed.has(code),
        mismatch: supported !== null && billed !== supported && !acceptedByAllocation,
      };
    },
  );

  let total: UnitsRow | null = null;
  if (units.totalTimedMinutes !== null || units.expectedTimedUnits !== null) {
    const billed = [...timed].reduce((sum, code) => sum + billedOf(code), 0);
    total = {
      code: null,
      minutes: units.totalTimedMinutes,
      supported: units.expectedTimedUnits,
      billed,
      untimed: false,
      mismatch: units.expectedTimedUnits !== null && billed !== units.expectedTimedUnits,
    };
  }

  return { rows, total, billedIsAlternative: matching !== undefined && matching !== units.expected };
}
