// The settings model: what each setting is, how a policy explains its locks, and what resolving
// the layers gives back. One model for the worker (src/background/settings.ts, the cached store),
// the options page (src/ui/client.ts reads storage.sync through ./user.ts) and the command line
// (--policy, src/cli/engine-options.ts). Nothing here holds PHI: profile ids, rule ids, payer
// names, site patterns, CSS selectors.
//
//   ./defaults.ts  built-in values and size limits      ./ids.ts       id and site formats
//   ./locks.ts     lock names and the lock queries      ./policy.ts    what a policy may carry
//   ./user.ts      what a user's storage.sync holds      ./validate.ts  key-by-key checks with reasons
//   ./resolve.ts   defaults ← user ← policy, with locks  ./chrome-schema.ts  manifest/managed_schema.json
import type { SelectorAdapterConfig, SelectorCheck } from '../adapters/selector';
import type { Level } from '../engine/types';
import type { RuleOptions } from './rule-options';

export interface Settings {
  /** Profile used when the page shows no payer; null = the engine's built-in default. */
  defaultProfile: string | null;
  ruleLevels: Record<string, Level>;
  /** Per-rule option overrides (src/settings/rule-options.ts), merged over the profile's. */
  ruleOptions: RuleOptions;
  disabledRules: string[];
  /** Payer name as shown on claims → profile id, checked before the profiles' own patterns. */
  payerMap: Record<string, string>;
  /** Admin selector adapters (validated configs), null when none are set. */
  selectorAdapters: SelectorAdapterConfig[] | null;
  /** "Show in note" may highlight evidence in the EHR page. */
  highlightEnabled: boolean;
  /** EHR sites as host-permission patterns; from policy they also bound where the extension runs. */
  allowedOrigins: string[];
  /**
   * Rules a user turned off for one payer profile or one site (the popup's "turn this rule off
   * for this payer/site"). User settings only (storage.sync); a rule the policy locks is never
   * turned off this way.
   */
  ruleScopes: RuleScopes;
}

/** Rule ids turned off per payer profile id and per site origin. */
export interface RuleScopes {
  profiles: Record<string, string[]>;
  sites: Record<string, string[]>;
}

export type RuleScopeKind = 'profile' | 'site';

/** What a policy says about its locks, shown next to each one. */
export interface LockInfo {
  reason?: string;
  contact?: string;
  /** Lock name ("profile", "ruleLevels.comfort-wording", "dismissals"…) → its own reason. */
  reasons: Record<string, string>;
}

export type SettingKey = keyof Settings;
export const SETTING_KEYS: readonly SettingKey[] = [
  'defaultProfile',
  'ruleLevels',
  'ruleOptions',
  'disabledRules',
  'payerMap',
  'selectorAdapters',
  'highlightEnabled',
  'allowedOrigins',
  'ruleScopes',
];


export interface Rejection {
  source: 'sync' | 'managed';
  /** "ruleLevels.some-rule", "defaultProfile", "lockedSettings.3" … */
  key: string;
  reason: string;
}

/**
 * Visit history (cross-visit rules), set by policy only (historyEnabled, historyRetentionDays); the
 * worker's history hook (src/background/history-hook.ts) and the options page follow it.
 */
export interface HistorySettings {
  enabled: boolean;
  /** Days a visit's fingerprint is kept and compared (1 to 3650). */
  retentionDays: number;
  /** Which of the two the organisation's policy sets (the options page shows them locked). */
  policy: { enabled: boolean; retentionDays: boolean };
}

export interface ResolvedSettings {
  settings: Settings;
  history: HistorySettings;
  rejected: Rejection[];
  /** Lock names, sorted. */
  locked: string[];
  /** The policy's explanation of its locks (empty when it gives none). */
  lockInfo: LockInfo;
}

/**
 * What the caller knows beyond the values: the engine's ids, so ids that do not exist are rejected
 * rather than silently kept, and how to check a CSS selector where it runs (the worker passes a
 * grammar parser, src/adapters/selector-grammar.ts; without one, selectors are checked at use).
 */
export interface KnownIds {
  rules?: ReadonlySet<string>;
  profiles?: ReadonlySet<string>;
  checkSelector?: SelectorCheck;
}
