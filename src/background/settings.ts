// Settings: built-in defaults ← the user's options (storage.sync) ← managed policy
// (storage.managed, which wins and locks). resolveSettings() is pure so the whole merge,
// including every rejection path, is unit-tested without a browser; SettingsStore is the worker's
// cached reader.
//
// Key names are shared with the options page (src/ui/sync-settings.ts) and, later, the managed
// schema (manifest/managed_schema.json, issue 4), which should be generated from or tested
// against ManagedSettingsSchema below. Lock names follow src/ui/locks.ts: "profile",
// "ruleLevels", "ruleLevels.<ruleId>", "selectorAdapters", "highlightEnabled", "allowedOrigins",
// "payerMap". Nothing here holds PHI: profile ids, rule ids, payer names, site patterns.
import * as z from '../engine/zod';
import type { Level } from '../engine/types';
import type { StorageAreaLike, StorageChangeLike } from '../platform/types';

export const LEVEL_VALUES = ['off', 'info', 'warning', 'error'] as const satisfies readonly Level[];

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** Host permission patterns as the options page writes them: https://host/* or https://*.host/* */
const SITE_PATTERN = /^https?:\/\/(\*\.)?[a-z0-9.-]{1,253}(:\d{1,5})?\/\*$/i;
const MAX_SELECTOR_JSON = 64 * 1024;

export const RuleIdSchema = z.string().check(z.regex(RULE_ID));
export const ProfileIdSchema = z.string().check(z.regex(PROFILE_ID));
export const LevelSchema = z.enum(LEVEL_VALUES);
export const PayerNameSchema = z.string().check(z.minLength(1), z.maxLength(100));
export const SitePatternSchema = z.string().check(z.regex(SITE_PATTERN));

/** Each key as stored in storage.sync / storage.managed. Used for whole-value checks and by issue 4's schema. */
export const ManagedSettingsSchema = z.object({
  defaultProfile: z.optional(z.nullable(ProfileIdSchema)),
  ruleLevels: z.optional(z.record(RuleIdSchema, LevelSchema)),
  disabledRules: z.optional(z.array(RuleIdSchema).check(z.maxLength(500))),
  payerMap: z.optional(z.record(PayerNameSchema, ProfileIdSchema)),
  selectorAdapters: z.optional(z.unknown()),
  highlightEnabled: z.optional(z.boolean()),
  allowedOrigins: z.optional(z.array(SitePatternSchema).check(z.maxLength(500))),
  /** Managed only: lock names the user may not change even where policy sets no value. */
  lockedSettings: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(500))),
});

export interface Settings {
  /** Profile used when the page shows no payer; null = the engine's built-in default. */
  defaultProfile: string | null;
  ruleLevels: Record<string, Level>;
  disabledRules: string[];
  /** Payer name as shown on claims → profile id, checked before the profiles' own patterns. */
  payerMap: Record<string, string>;
  /** Selector-adapter config, opaque here: the adapters validate it where it is used. */
  selectorAdapters: unknown;
  /** "Show in note" may highlight evidence in the EHR page. */
  highlightEnabled: boolean;
  allowedOrigins: string[];
}

export type SettingKey = keyof Settings;
export const SETTING_KEYS: readonly SettingKey[] = [
  'defaultProfile',
  'ruleLevels',
  'disabledRules',
  'payerMap',
  'selectorAdapters',
  'highlightEnabled',
  'allowedOrigins',
];

/** The lock name the UI knows each setting by (src/ui/locks.ts). */
export const LOCK_NAME: Record<SettingKey, string> = {
  defaultProfile: 'profile',
  ruleLevels: 'ruleLevels',
  disabledRules: 'disabledRules',
  payerMap: 'payerMap',
  selectorAdapters: 'selectorAdapters',
  highlightEnabled: 'highlightEnabled',
  allowedOrigins: 'allowedOrigins',
};

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  defaultProfile: null,
  ruleLevels: {},
  disabledRules: [],
  payerMap: {},
  selectorAdapters: null,
  highlightEnabled: true,
  allowedOrigins: [],
});

export interface Rejection {
  source: 'sync' | 'managed';
  /** "ruleLevels.some-rule", "defaultProfile", "lockedSettings.3" … */
  key: string;
  reason: string;
}

export interface ResolvedSettings {
  settings: Settings;
  rejected: Rejection[];
  /** Lock names, sorted. */
  locked: string[];
}

/** Optional knowledge of the engine, so ids that do not exist are rejected, not silently kept. */
export interface KnownIds {
  rules?: ReadonlySet<string>;
  profiles?: ReadonlySet<string>;
}

type Source = Rejection['source'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own enumerable string keys; "__proto__" and friends never become keys of our objects. */
function safeEntries(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.keys(value)
    .filter((key) => key !== '__proto__' && key !== 'constructor' && key !== 'prototype')
    .map((key) => [key, value[key]]);
}

class Resolver {
  readonly rejected: Rejection[] = [];
  readonly locked = new Set<string>();

  constructor(private readonly known: KnownIds) {}

  reject(source: Source, key: string, reason: string): void {
    this.rejected.push({ source, key, reason });
  }

  ruleId(source: Source, key: string, value: unknown): string | null {
    if (!RuleIdSchema.safeParse(value).success) {
      this.reject(source, key, 'not a rule id (lower-case letters, digits and dashes)');
      return null;
    }
    const id = value as string;
    if (this.known.rules && !this.known.rules.has(id)) {
      this.reject(source, key, `no rule "${id}"`);
      return null;
    }
    return id;
  }

  profileId(source: Source, key: string, value: unknown): string | null {
    if (!ProfileIdSchema.safeParse(value).success) {
      this.reject(source, key, 'not a payer profile id');
      return null;
    }
    const id = value as string;
    if (this.known.profiles && !this.known.profiles.has(id)) {
      this.reject(source, key, `no payer profile "${id}"`);
      return null;
    }
    return id;
  }

  defaultProfile(source: Source, value: unknown): { ok: true; value: string | null } | { ok: false } {
    if (value === null) return { ok: true, value: null };
    const id = this.profileId(source, 'defaultProfile', value);
    return id === null ? { ok: false } : { ok: true, value: id };
  }

  /** Valid entries survive; each bad one is rejected on its own ("ruleLevels.<id>"). */
  ruleLevels(source: Source, value: unknown): Record<string, Level> | null {
    if (!isPlainObject(value)) {
      this.reject(source, 'ruleLevels', 'expected an object of rule id → level');
      return null;
    }
    const out: Record<string, Level> = {};
    for (const [rule, level] of safeEntries(value)) {
      const key = `ruleLevels.${rule.slice(0, 100)}`;
      if (this.ruleId(source, key, rule) === null) continue;
      const parsed = LevelSchema.safeParse(level);
      if (!parsed.success) {
        this.reject(source, key, `expected one of ${LEVEL_VALUES.join(', ')}`);
        continue;
      }
      out[rule] = parsed.data;
    }
    return out;
  }

  disabledRules(source: Source, value: unknown): string[] | null {
    if (!Array.isArray(value) || value.length > 500) {
      this.reject(source, 'disabledRules', 'expected a list of rule ids');
      return null;
    }
    const out: string[] = [];
    value.forEach((rule: unknown, index) => {
      const id = this.ruleId(source, `disabledRules.${index}`, rule);
      if (id !== null && !out.includes(id)) out.push(id);
    });
    return out;
  }

  payerMap(source: Source, value: unknown): Record<string, string> | null {
    if (!isPlainObject(value)) {
      this.reject(source, 'payerMap', 'expected an object of payer name → profile id');
      return null;
    }
    const out: Record<string, string> = {};
    for (const [name, profile] of safeEntries(value)) {
      const key = `payerMap.${name.slice(0, 100)}`;
      if (!PayerNameSchema.safeParse(name).success) {
        this.reject(source, key, 'payer names are 1–100 characters');
        continue;
      }
      const id = this.profileId(source, key, profile);
      if (id !== null) out[name] = id;
    }
    return out;
  }

  selectorAdapters(source: Source, value: unknown): { ok: true; value: unknown } | { ok: false } {
    if (value === null) return { ok: true, value: null };
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    if (json === undefined || json.length > MAX_SELECTOR_JSON || typeof value !== 'object') {
      this.reject(source, 'selectorAdapters', `expected a JSON object or list under ${MAX_SELECTOR_JSON / 1024} KB`);
      return { ok: false };
    }
    // A structural copy: the caller never shares an object with the storage layer.
    return { ok: true, value: JSON.parse(json) as unknown };
  }

  allowedOrigins(source: Source, value: unknown): string[] | null {
    if (!Array.isArray(value) || value.length > 500) {
      this.reject(source, 'allowedOrigins', 'expected a list of site patterns such as https://ehr.example.org/*');
      return null;
    }
    const out: string[] = [];
    value.forEach((pattern: unknown, index) => {
      if (SitePatternSchema.safeParse(pattern).success) {
        if (!out.includes(pattern as string)) out.push(pattern as string);
      } else {
        this.reject(source, `allowedOrigins.${index}`, 'expected a site pattern such as https://ehr.example.org/*');
      }
    });
    return out;
  }

  highlightEnabled(source: Source, value: unknown): boolean | null {
    if (typeof value === 'boolean') return value;
    this.reject(source, 'highlightEnabled', 'expected true or false');
    return null;
  }
}

const KNOWN_LOCKS = new Set(Object.values(LOCK_NAME));

function isKnownLock(name: string): boolean {
  if (KNOWN_LOCKS.has(name)) return true;
  return name.startsWith('ruleLevels.') && RULE_ID.test(name.slice('ruleLevels.'.length));
}

/**
 * Merge defaults, user (sync) and policy (managed) values. Never throws; bad values are dropped
 * with a reason. Policy values win and lock; `lockedSettings` in policy locks settings it does
 * not set (the user's value is then ignored and the default applies).
 */
export function resolveSettings(
  defaults: Settings,
  sync: Record<string, unknown>,
  managed: Record<string, unknown>,
  known: KnownIds = {},
): ResolvedSettings {
  const r = new Resolver(known);
  const has = (area: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(area, key);

  // Policy locks first: they decide which user values are read at all.
  if (has(managed, 'lockedSettings')) {
    const value = managed.lockedSettings;
    if (Array.isArray(value)) {
      value.forEach((name: unknown, index) => {
        if (typeof name === 'string' && isKnownLock(name)) r.locked.add(name);
        else r.reject('managed', `lockedSettings.${index}`, 'not a setting that can be locked');
      });
    } else {
      r.reject('managed', 'lockedSettings', 'expected a list of setting names');
    }
  }
  for (const key of Object.keys(managed)) {
    if (key !== 'lockedSettings' && !(SETTING_KEYS as readonly string[]).includes(key)) {
      r.reject('managed', key.slice(0, 200), 'not a known setting');
    }
  }
  const userMay = (key: SettingKey) => !r.locked.has(LOCK_NAME[key]);

  const settings: Settings = {
    defaultProfile: defaults.defaultProfile,
    ruleLevels: { ...defaults.ruleLevels },
    disabledRules: [...defaults.disabledRules],
    payerMap: { ...defaults.payerMap },
    selectorAdapters: defaults.selectorAdapters,
    highlightEnabled: defaults.highlightEnabled,
    allowedOrigins: [...defaults.allowedOrigins],
  };

  const layers: Array<[Source, Record<string, unknown>]> = [
    ['sync', sync],
    ['managed', managed],
  ];
  for (const [source, area] of layers) {
    const applies = (key: SettingKey) => has(area, key) && (source === 'managed' || userMay(key));
    const lock = (key: SettingKey) => {
      if (source === 'managed') r.locked.add(LOCK_NAME[key]);
    };

    if (applies('defaultProfile')) {
      const parsed = r.defaultProfile(source, area.defaultProfile);
      if (parsed.ok) {
        settings.defaultProfile = parsed.value;
        lock('defaultProfile');
      }
    }
    if (applies('ruleLevels')) {
      const levels = r.ruleLevels(source, area.ruleLevels);
      for (const [rule, level] of Object.entries(levels ?? {})) {
        // A user value for a rule the policy locked one by one is ignored.
        if (source === 'sync' && r.locked.has(`ruleLevels.${rule}`)) continue;
        settings.ruleLevels[rule] = level;
        if (source === 'managed') r.locked.add(`ruleLevels.${rule}`);
      }
    }
    if (applies('disabledRules')) {
      // A kill switch adds up: policy-disabled rules join the user's, and the user cannot re-enable them.
      for (const rule of r.disabledRules(source, area.disabledRules) ?? []) {
        if (!settings.disabledRules.includes(rule)) settings.disabledRules.push(rule);
        if (source === 'managed') r.locked.add(`ruleLevels.${rule}`);
      }
    }
    if (applies('payerMap')) {
      const map = r.payerMap(source, area.payerMap);
      if (map !== null) Object.assign(settings.payerMap, map);
    }
    if (applies('selectorAdapters')) {
      const parsed = r.selectorAdapters(source, area.selectorAdapters);
      if (parsed.ok) {
        settings.selectorAdapters = parsed.value;
        lock('selectorAdapters');
      }
    }
    if (applies('highlightEnabled')) {
      const value = r.highlightEnabled(source, area.highlightEnabled);
      if (value !== null) {
        settings.highlightEnabled = value;
        lock('highlightEnabled');
      }
    }
    if (applies('allowedOrigins')) {
      const list = r.allowedOrigins(source, area.allowedOrigins);
      if (list !== null) {
        settings.allowedOrigins = list;
        lock('allowedOrigins');
      }
    }
  }
  // The per-rule locks of a policy-locked rule table are implied; keep the list short.
  const locked = [...r.locked].filter((name) => !(name.startsWith('ruleLevels.') && r.locked.has('ruleLevels'))).sort();
  return { settings, rejected: r.rejected, locked };
}

export function isSettingLocked(resolved: ResolvedSettings, key: SettingKey): boolean {
  return resolved.locked.includes(LOCK_NAME[key]);
}

export function isRuleLevelLocked(resolved: ResolvedSettings, ruleId: string): boolean {
  return resolved.locked.includes('ruleLevels') || resolved.locked.includes(`ruleLevels.${ruleId}`);
}

export interface SettingsAreas {
  sync: StorageAreaLike;
  managed: Pick<StorageAreaLike, 'get'>;
}

/**
 * The worker's view of the settings: read once, kept until storage.onChanged reports the sync or
 * managed area. Managed storage rejects when no policy exists (Firefox: "Managed storage manifest
 * not found") and may answer slowly on a fresh Chrome profile; both are just "no policy".
 */
export class SettingsStore {
  private cached: Promise<ResolvedSettings> | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly areas: SettingsAreas,
    private readonly known: () => KnownIds = () => ({}),
  ) {}

  get(): Promise<ResolvedSettings> {
    this.cached ??= this.read().catch((error: unknown) => {
      this.cached = null;
      throw error;
    });
    return this.cached;
  }

  /** True when the change concerns settings (the caller then re-analyzes open tabs). */
  onStorageChanged(changes: Record<string, StorageChangeLike>, areaName: string): boolean {
    if (areaName === 'managed' || (areaName === 'sync' && Object.keys(changes).some((key) => this.isSettingKey(key)))) {
      this.cached = null;
      return true;
    }
    return false;
  }

  /** ui:rule-level: refused when policy locks the rule; the write is serialized read-modify-write. */
  async setRuleLevel(ruleId: string, level: Level): Promise<'ok' | 'locked'> {
    const resolved = await this.get();
    if (isRuleLevelLocked(resolved, ruleId)) return 'locked';
    const next = this.writes.then(async () => {
      const stored = (await this.areas.sync.get('ruleLevels')).ruleLevels;
      const levels: Record<string, Level> = {};
      if (isPlainObject(stored)) {
        for (const [rule, value] of safeEntries(stored)) {
          if (RULE_ID.test(rule) && LevelSchema.safeParse(value).success) levels[rule] = value as Level;
        }
      }
      levels[ruleId] = level;
      await this.areas.sync.set({ ruleLevels: levels });
      this.cached = null;
    });
    this.writes = next.catch(() => undefined);
    await next;
    return 'ok';
  }

  private isSettingKey(key: string): boolean {
    return (SETTING_KEYS as readonly string[]).includes(key);
  }

  private async read(): Promise<ResolvedSettings> {
    const [sync, managed] = await Promise.all([
      this.areas.sync.get(null).catch(() => ({})),
      this.areas.managed.get(null).catch(() => ({})),
    ]);
    return resolveSettings(DEFAULT_SETTINGS, sync, managed, this.known());
  }
}
