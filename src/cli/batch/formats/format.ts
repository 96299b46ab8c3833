// What a batch output format provides. result() and problem() run wherever the item is processed
// (worker threads included), so they are pure functions of their arguments; begin() and end() run
// on the main thread around them, with the run's counts.
import type { DataVersion, RuleMeta } from '../../../engine/types';
import type { Summary } from '../summary';
import type { CheckedItem, ProblemEntry } from '../types';

/** What every format call may read; plain data, handed to each worker once. */
export interface FormatEnv {
  /** The working folder: SARIF file locations are relative to it. */
  cwd: string;
  /** Every rule, in the engine's order (SARIF results point at their rule by index). */
  rules: RuleMeta[];
}

export interface RunInfo {
  env: FormatEnv;
  tool: { version: string; data: DataVersion };
  /** The FILE, DIR and GLOB arguments as given. */
  inputs: string[];
  startedAt: Date;
}

export interface Format {
  /** Whether result() reads CheckedItem.regions (where each finding sits in its file). */
  locates: boolean;
  /** Written before the first non-empty result or problem text, and between two of them. */
  first: string;
  between: string;
  begin(run: RunInfo): string;
  /** One checked visit ('' for nothing). */
  result(item: CheckedItem, env: FormatEnv): string;
  /** An input that gave no result, in its place in the order ('' when end() reports it). */
  problem(problem: ProblemEntry, env: FormatEnv): string;
  /** `written`: how many non-empty result and problem texts were written. */
  end(summary: Summary, run: RunInfo, written: number): string;
  /**
   * The format opens with counts only known at the end (the HTML report). The pipeline then
   * spools result() texts to a private temporary file and writes begin(), end() (the summary),
   * the spooled results, and tail(), in that order.
   */
  summaryFirst?: { tail(): string };
}

/** A problem as structured formats carry it: {source, problem: kind, messages}. */
export function problemJson(problem: ProblemEntry): { source: string; problem: ProblemEntry['kind']; messages: string[] } {
  return { source: problem.source, problem: problem.kind, messages: [...problem.messages] };
}
