// The user's own settings, in storage.sync under these documented keys. No PHI ever goes here:
// only profile ids, rule ids with levels, the admin-style selector config and a switch.
//
//   defaultProfile    string | null   payer profile id used when the page shows no payer; null = built-in default
//   ruleLevels        { [ruleId]: "off" | "info" | "warning" | "error" }   only rules the user changed
//   selectorAdapters  selector-adapter config (as accepted by validateSelectorConfig) | null
//   highlightEnabled  boolean         "Show in note" may highlight the evidence in the page
//   ruleScopes        { profiles: { [profileId]: ruleId[] }, sites: { [origin]: ruleId[] } }
//                                     rules turned off for one payer profile or one site (the popup's
//                                     "Turn rule off…"; the worker writes it, the options page lists it)
import { ID_LIMITS, SETTINGS_LIMITS } from '../shared/limits';
import { LEVELS, type Level } from '../engine/types';
import * as z from '../engine/zod';

export const SYNC_KEYS = ['defaultProfile', 'ruleLevels', 'selectorAdapters', 'highlightEnabled', 'ruleScopes'] as const;
export type SyncKey = (typeof SYNC_KEYS)[number];

export { LEVELS };
export type RuleLevel = Level;

export interface RuleScopes {
  profiles: Record<string, string[]>;
  sites: Record<string, string[]>;
}

export interface SyncSettings {
  defaultProfile: string | null;
  ruleLevels: Record<string, RuleLevel>;
  selectorAdapters: unknown;
  highlightEnabled: boolean;
  ruleScopes: RuleScopes;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  defaultProfile: null,
  ruleLevels: {},
  selectorAdapters: null,
  highlightEnabled: true,
  ruleScopes: { profiles: {}, sites: {} },
};

const DefaultProfileSchema = z.nullable(z.string().check(z.minLength(1), z.maxLength(ID_LIMITS.profile)));
const RuleLevelsSchema = z.record(z.string().check(z.maxLength(ID_LIMITS.rule)), z.enum(LEVELS));
const HighlightSchema = z.boolean();
const ScopeListSchema = z.record(
  z.string().check(z.maxLength(SETTINGS_LIMITS.site)),
  z.array(z.string().check(z.maxLength(ID_LIMITS.rule))).check(z.maxLength(SETTINGS_LIMITS.entries)),
);
const RuleScopesSchema = z.object({ profiles: z.optional(ScopeListSchema), sites: z.optional(ScopeListSchema) });

/** Each key is checked on its own, so one bad value (an older version's, a hand edit) costs only itself. */
export function readSyncSettings(raw: Record<string, unknown>): SyncSettings {
  const profile = DefaultProfileSchema.safeParse(raw.defaultProfile);
  const levels = RuleLevelsSchema.safeParse(raw.ruleLevels);
  const highlight = HighlightSchema.safeParse(raw.highlightEnabled);
  const scopes = RuleScopesSchema.safeParse(raw.ruleScopes);
  return {
    defaultProfile: profile.success ? profile.data : DEFAULT_SYNC_SETTINGS.defaultProfile,
    ruleLevels: levels.success ? levels.data : DEFAULT_SYNC_SETTINGS.ruleLevels,
    // Validated by the options page against the adapters' own validator when shown.
    selectorAdapters: raw.selectorAdapters === undefined ? null : raw.selectorAdapters,
    highlightEnabled: highlight.success ? highlight.data : DEFAULT_SYNC_SETTINGS.highlightEnabled,
    // The worker validates ids entry by entry (settings.ts); here only the shape matters.
    ruleScopes: scopes.success ? { profiles: scopes.data.profiles ?? {}, sites: scopes.data.sites ?? {} } : { profiles: {}, sites: {} },
  };
}
