// The user's own settings, in storage.sync under these documented keys. No PHI ever goes here:
// only profile ids, rule ids with levels, the admin-style selector config and a switch.
//
//   defaultProfile    string | null   payer profile id used when the page shows no payer; null = built-in default
//   ruleLevels        { [ruleId]: "off" | "info" | "warning" | "error" }   only rules the user changed
//   selectorAdapters  selector-adapter config (as accepted by validateSelectorConfig) | null
//   highlightEnabled  boolean         "Show in note" may highlight the evidence in the page
import { LEVELS, type Level } from '../engine/types';
import * as z from '../engine/zod';

export const SYNC_KEYS = ['defaultProfile', 'ruleLevels', 'selectorAdapters', 'highlightEnabled'] as const;
export type SyncKey = (typeof SYNC_KEYS)[number];

export { LEVELS };
export type RuleLevel = Level;

export interface SyncSettings {
  defaultProfile: string | null;
  ruleLevels: Record<string, RuleLevel>;
  selectorAdapters: unknown;
  highlightEnabled: boolean;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  defaultProfile: null,
  ruleLevels: {},
  selectorAdapters: null,
  highlightEnabled: true,
};

const DefaultProfileSchema = z.nullable(z.string().check(z.minLength(1), z.maxLength(100)));
const RuleLevelsSchema = z.record(z.string().check(z.maxLength(100)), z.enum(LEVELS));
const HighlightSchema = z.boolean();

/** Each key is checked on its own, so one bad value (an older version's, a hand edit) costs only itself. */
export function readSyncSettings(raw: Record<string, unknown>): SyncSettings {
  const profile = DefaultProfileSchema.safeParse(raw.defaultProfile);
  const levels = RuleLevelsSchema.safeParse(raw.ruleLevels);
  const highlight = HighlightSchema.safeParse(raw.highlightEnabled);
  return {
    defaultProfile: profile.success ? profile.data : DEFAULT_SYNC_SETTINGS.defaultProfile,
    ruleLevels: levels.success ? levels.data : DEFAULT_SYNC_SETTINGS.ruleLevels,
    // Validated by the options page against the adapters' own validator when shown.
    selectorAdapters: raw.selectorAdapters === undefined ? null : raw.selectorAdapters,
    highlightEnabled: highlight.success ? highlight.data : DEFAULT_SYNC_SETTINGS.highlightEnabled,
  };
}
