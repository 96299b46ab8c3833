// The engine's leaf types: severities and levels, citations, evidence spans, unit methods and
// results. They import nothing, so every engine module (codes, units, facts, explain, the chart)
// can use them without reaching up to ./types.ts, which gathers the whole API on top of them.

export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';
/** Every level a rule can be set to, mildest first: the one list the UI, settings and policy use. */
export const LEVELS = ['off', 'info', 'warning', 'error'] as const satisfies readonly Level[];

export interface Citation {
  title: string;
  url: string;
}

/** Where a finding points in the note: offsets are into the part's own text (half-open). */
export interface Evidence {
  /** The note part (its id, else its label, else its index) when the note came in parts. */
  part?: string;
  start: number;
  end: number;
  text: string;
  /**
   * The sentence the evidence sits in (at most ~240 characters around it), so a reader sees what
   * caused the finding; `start` is its offset in the part, like the evidence's own.
   */
  context?: { start: number; text: string };
}

export type UnitMethod = 'cms' | 'per-code';

export interface UnitsSummary {
  method: UnitMethod;
  /** null when neither the claim nor the note gives the timed minutes. */
  totalTimedMinutes: number | null;
  /** Units the documented minutes support, per code (timed codes with known minutes, untimed = 1). */
  expected: Record<string, number>;
  /** Total timed units the minutes support (known even when per-code minutes are not). */
  expectedTimedUnits: number | null;
  /** Units billed on the claim, per code. */
  billed: Record<string, number>;
  /** Other allocations that are equally correct (CMS ties). */
  alternatives: Record<string, number>[];
  minutesByCode: Record<string, number>;
  /** Timed codes in claim order, then ones only the note documents (object keys lose this order). */
  timedOrder: string[];
}
