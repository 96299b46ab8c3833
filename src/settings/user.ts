// The user's own choices, in storage.sync under these documented keys. No PHI ever goes here:
// only profile ids, rule ids with levels, the admin-style selector config and a switch.
//
//   defaultProfile    string | null   payer profile id used when the page shows no payer; null = built-in default
//   ruleLevels        { [ruleId]: "off" | "info" | "warning" | "error" }   only rules the user changed
//   selectorAdapters  selector-adapter config (as accepted by validateSelectorConfig) | null
//   highlightEnabled  boolean         "Show in note" may highlight the evidence in the page
//   ruleScopes        { profiles: { [profileId]: ruleId[] }, sites: { [origin]: ruleId[] } }
//                                     rules turned off for one payer profile or one site (the popup's
//                                     "Turn rule off…"; the worker writes it, the options page lists it)
//
// The options page and the worker read these through the same validators (./validate.ts via
// ./resolve.ts), so a bad stored value (an older version's, a hand edit) costs only itself.
import type { Level } from '../engine/types';
import { DEFAULT_SETTINGS } from './defaults';
import type { KnownIds, Rejection, RuleScopes } from './model';
import { resolveSettings } from './resolve';

export const USER_KEYS = ['defaultProfile', 'ruleLevels', 'selectorAdapters', 'highlightEnabled', 'ruleScopes'] as const;
export type UserKey = (typeof USER_KEYS)[number];

export interface UserSettings {
  defaultProfile: string | null;
  ruleLevels: Record<string, Level>;
  /**
   * As stored, unvalidated: the options page's editor shows exactly what the user saved (nothing
   * typed is ever lost) and validates it there with a DOM at hand.
   */
  selectorAdapters: unknown;
  highlightEnabled: boolean;
  ruleScopes: RuleScopes;
}

export interface UserSettingsRead {
  settings: UserSettings;
  /** Stored values that were ignored, with why. */
  rejected: Rejection[];
}

/** The user's stored choices, each key and entry checked on its own (no policy applied). */
export function readUserSettings(raw: Record<string, unknown>, known: KnownIds = {}): UserSettingsRead {
  const stored: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of USER_KEYS) if (Object.prototype.hasOwnProperty.call(raw, key) && key !== 'selectorAdapters') stored[key] = raw[key];
  const { settings, rejected } = resolveSettings(DEFAULT_SETTINGS, stored, {}, known);
  return {
    settings: {
      defaultProfile: settings.defaultProfile,
      ruleLevels: settings.ruleLevels,
      selectorAdapters: raw.selectorAdapters === undefined ? null : raw.selectorAdapters,
      highlightEnabled: settings.highlightEnabled,
      ruleScopes: settings.ruleScopes,
    },
    rejected,
  };
}
