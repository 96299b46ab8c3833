// What the worker answers to popup/options messages. The popup's contract is TabState
// (src/ui/tab-state.ts, validated there with its zod schema); the options page asks for
// PolicyState (src/ui/policy-state.ts). Tab actions answer with the fresh TabState; anything
// refused answers UiFailure, which the UI treats as "ask again / show an error".
import type { CheckResult } from '../engine/types';
import type { AcrossVisits, HistoryState } from '../shared/across';
import type { ReadingView } from '../shared/reading';
import type { PolicyState } from '../ui/policy-state';
import type { TabState } from '../ui/tab-state';

export type { PolicyState, TabState };

export type UiError =
  | 'invalid-message'
  | 'unknown-finding'
  | 'unknown-profile'
  | 'unknown-rule'
  | 'locked'
  | 'no-evidence'
  | 'highlight-disabled'
  | 'frame-gone'
  | 'no-site'
  | 'no-patient'
  | 'internal';

export interface UiFailure {
  ok: false;
  error: UiError;
}

export interface UiSuccess {
  ok: true;
}

export type UiReply = TabState | PolicyState | AuditReply | ReadingView | HistoryState | UiSuccess | UiFailure;

/** ui:get-audit: the dismissal log, oldest first (src/background/dismissals.ts). */
export interface AuditReply {
  entries: Array<{ ruleId: string; hash: string; reason: string; at: number }>;
}

export function fail(error: UiError): UiFailure {
  return { ok: false, error };
}

/** A claim line as the popup names it ("97124-GP ×3"): codes and counts only, no PHI. */
export interface LineLabel {
  code: string;
  modifiers: string[];
  units?: number;
}

/** A CheckResult as kept per tab: one stable finding key per finding, same order. */
export interface StoredResult {
  result: CheckResult;
  keys: string[];
  /** The visit's claim lines, by index (finding.line points here). */
  lines?: LineLabel[];
  /** Rules this tab's findings were dropped for: turned off for its payer profile or site. */
  scopedOff?: string[];
  /** The patient's visits for the popup's "Across visits" chart (history-hook.ts); no identifier. */
  across?: AcrossVisits;
}
