// Built-in values (what applies when neither the user nor the policy says otherwise) and the size
// limits every layer is held to.
import { SETTINGS_LIMITS } from '../shared/limits';
import type { HistorySettings, Settings } from './model';

/** Size limits: a policy may be big, but never big enough to slow the worker or the popup (src/shared/limits.ts). */
export const LIMITS = SETTINGS_LIMITS;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  defaultProfile: null,
  ruleLevels: {},
  ruleOptions: {},
  disabledRules: [],
  payerMap: {},
  selectorAdapters: null,
  highlightEnabled: true,
  allowedOrigins: [],
  ruleScopes: { profiles: {}, sites: {} },
});

/**
 * Days a visit's fingerprint is kept for the cross-visit rules when the policy does not say: long
 * enough for an episode of care and its audit window.
 */
export const DEFAULT_HISTORY_RETENTION_DAYS = 180;

export const DEFAULT_HISTORY: HistorySettings = Object.freeze({
  enabled: true,
  retentionDays: DEFAULT_HISTORY_RETENTION_DAYS,
  policy: Object.freeze({ enabled: false, retentionDays: false }),
});
