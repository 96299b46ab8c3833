// Built-in values (what applies when neither the user nor the policy says otherwise) and the size
// limits every layer is held to.
import type { Settings } from './model';

/** Size limits: a policy may be big, but never big enough to slow the worker or the popup. */
export const LIMITS = {
  /** Entries in any list or map (rule levels, payer names, sites, locks). */
  entries: 500,
  /** Selector adapters (same cap as the options page's editor). */
  adapters: 20,
  /** Characters of any one value once serialized. */
  valueChars: 256 * 1024,
  /** Rejections reported one by one; the rest are counted in a last entry. */
  rejections: 100,
} as const;

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
