// Settings: built-in defaults ← payer profile (applied inside the engine) ← the user's options
// (storage.sync) ← managed policy (storage.managed, which wins and locks). resolveSettings() is
// pure so the whole merge, including every rejection path, is unit-tested without a browser;
// SettingsStore is the worker's cached reader.
//
// Chrome and Edge check managed values against manifest/managed_schema.json (generated from
// ManagedSettingsSchema below, src/background/policy-schema.ts) before the extension sees them;
// Firefox checks nothing. So everything arriving here is treated as untrusted, in both areas:
// each key and each entry is validated on its own, a bad one is dropped with a reason, and
// nothing here ever throws. Nothing here holds PHI: profile ids, rule ids, payer names, site
// patterns, CSS selectors.
//
// Lock names follow src/ui/locks.ts: "profile", "ruleLevels", "ruleLevels.<ruleId>",
// "ruleOptions", "disabledRules", "payerMap", "selectorAdapters", "highlightEnabled",
// "allowedOrigins", and "dismissals" (a lock on an action, not a value: users may not dismiss).
//
// Locks explain themselves: the policy may carry `lockReason` (why settings are locked),
// `lockReasons` (lock name → reason, for one setting) and `lockContact` (who to ask). They are
// shown next to every lock in the popup and on the options page (ResolvedSettings.lockInfo).
import { SETTINGS_LIMITS } from '../shared/limits';
import { SelectorAdapterConfigSchema, validateSelectorConfig, type SelectorAdapterConfig } from '../adapters/selector';
import * as z from '../engine/zod';
import { LEVELS, type Level } from '../engine/types';
import type { StorageAreaLike, StorageChangeLike } from '../platform/types';
import { hasRuleOptions, optionNames, optionSchema, RuleOptionsSchema, type RuleOptions } from './policy-rule-options';



const RULE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** A site as the popup's "turn this rule off on this site" stores it: an http(s) origin. */
const SITE_ORIGIN = /^https?:\/\/[a-z0-9.-]{1,253}(:\d{1,5})?$/i;
/** Host permission patterns as the options page writes them: https://host/* or https://*.host/* */
const SITE_PATTERN = /^https?:\/\/(\*\.)?[a-z0-9.-]{1,253}(:\d{1,5})?\/\*$/i;

/** Size limits: a policy may be big, but never big enough to slow the worker or the popup (src/shared/limits.ts). */
export const LIMITS = SETTINGS_LIMITS;

export const RuleIdSchema = z.string().check(z.regex(RULE_ID));
export const ProfileIdSchema = z.string().check(z.regex(PROFILE_ID));
export const LevelSchema = z.enum(LEVELS);
export const PayerNameSchema = z.string().check(z.minLength(1), z.maxLength(LIMITS.payerName));
export const SitePatternSchema = z.string().check(z.regex(SITE_PATTERN));
export const SiteOriginSchema = z.string().check(z.regex(SITE_ORIGIN));
/** Limits of the lock explanations: one or two sentences, a contact line. */
export const LOCK_TEXT_MAX = LIMITS.lockText;
const LockTextSchema = z.string().check(z.minLength(1), z.maxLength(LOCK_TEXT_MAX));

export interface Settings {
  /** Profile used when the page shows no payer; null = the engine's built-in default. */
  defaultProfile: string | null;
  ruleLevels: Record<string, Level>;
  /** Per-rule option overrides (src/background/policy-rule-options.ts), merged over the profile's. */
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

/** The lock name the UI knows each setting by (src/ui/locks.ts). */
export const LOCK_NAME: Record<SettingKey, string> = {
  defaultProfile: 'profile',
  ruleLevels: 'ruleLevels',
  ruleOptions: 'ruleOptions',
  disabledRules: 'disabledRules',
  payerMap: 'payerMap',
  selectorAdapters: 'selectorAdapters',
  highlightEnabled: 'highlightEnabled',
  allowedOrigins: 'allowedOrigins',
  // Scoped offs are rule levels for one payer or site: the same locks apply.
  ruleScopes: 'ruleLevels',
};

/** Locks on actions rather than values. */
export const ACTION_LOCKS = { dismissals: 'dismissals' } as const;

const KNOWN_LOCKS: ReadonlySet<string> = new Set([...Object.values(LOCK_NAME), ...Object.values(ACTION_LOCKS)]);

export function isKnownLock(name: string): boolean {
  if (KNOWN_LOCKS.has(name)) return true;
  return name.startsWith('ruleLevels.') && RULE_ID.test(name.slice('ruleLevels.'.length));
}

export const LockNameSchema = z.string().check(
  z.maxLength(LIMITS.lockName),
  z.refine((name) => isKnownLock(name), 'not a setting that can be locked'),
);

/**
 * What storage.sync and storage.managed may hold, key by key. The managed schema shipped to
 * Chrome/Edge is generated from this (src/background/policy-schema.ts); the resolver below
 * validates the same things entry by entry so one typo costs one entry.
 */
export const ManagedSettingsSchema = z.object({
  defaultProfile: z.optional(z.nullable(ProfileIdSchema)),
  ruleLevels: z.optional(z.record(RuleIdSchema, LevelSchema)),
  ruleOptions: z.optional(RuleOptionsSchema),
  disabledRules: z.optional(z.array(RuleIdSchema).check(z.maxLength(LIMITS.entries))),
  payerMap: z.optional(z.record(PayerNameSchema, ProfileIdSchema)),
  selectorAdapters: z.optional(z.array(SelectorAdapterConfigSchema).check(z.maxLength(LIMITS.adapters))),
  highlightEnabled: z.optional(z.boolean()),
  allowedOrigins: z.optional(z.array(SitePatternSchema).check(z.maxLength(LIMITS.entries))),
  /** Managed only: lock names the user may not change even where policy sets no value. */
  lockedSettings: z.optional(z.array(LockNameSchema).check(z.maxLength(LIMITS.entries))),
  /** Managed only: why the organisation locks settings, shown next to every lock. */
  lockReason: z.optional(LockTextSchema),
  /** Managed only: lock name → why this one is locked (overrides lockReason for it). */
  lockReasons: z.optional(z.record(z.string().check(z.maxLength(LIMITS.lockName)), LockTextSchema)),
  /** Managed only: who to ask about the locks (a name, a phone number, an e-mail or an https link). */
  lockContact: z.optional(LockTextSchema),
});

export type ManagedSettings = z.infer<typeof ManagedSettingsSchema>;
/** Every top-level key a policy may carry. */
export const POLICY_KEYS = Object.keys(ManagedSettingsSchema._zod.def.shape) as Array<keyof ManagedSettings>;

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
  /** The policy's explanation of its locks (empty when it gives none). */
  lockInfo: LockInfo;
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

/** Names that would reach Object.prototype if used as keys of a plain object. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A key as it may appear in a rejection: printable and short (it is shown in the popup). */
function clip(key: string): string {
  const printable = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 99)}…` : printable;
}

/** How a wrong value is described to an admin; JSON inside a string is called out by name. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return /^\s*[[{]/.test(value) || /^\s*(true|false|null|-?\d+(\.\d+)?)\s*$/.test(value)
        ? 'text that looks like JSON (write the value itself, not JSON inside a string)'
        : 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function expected(what: string, value: unknown): string {
  return `expected ${what}, got ${describeValue(value)}`;
}

/** Characters of the value once serialized; Infinity when it can't be serialized at all. */
function serializedLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

class Resolver {
  readonly rejected: Rejection[] = [];
  readonly locked = new Set<string>();
  private unlisted = 0;

  constructor(private readonly known: KnownIds) {}

  reject(source: Source, key: string, reason: string): void {
    if (this.rejected.length < LIMITS.rejections) this.rejected.push({ source, key: clip(key), reason });
    else this.unlisted += 1;
  }

  finish(): Rejection[] {
    if (this.unlisted > 0) {
      const source = this.rejected[this.rejected.length - 1]?.source ?? 'managed';
      this.rejected.push({ source, key: '…', reason: `${this.unlisted} more invalid values are not listed` });
      this.unlisted = 0;
    }
    return this.rejected;
  }

  /** Whole-value checks every key goes through first: not absurdly large. */
  sized(source: Source, key: string, value: unknown): boolean {
    if (serializedLength(value) <= LIMITS.valueChars) return true;
    this.reject(source, key, `too large (over ${LIMITS.valueChars / 1024} KB)`);
    return false;
  }

  /** The entries of a map-like value, rejecting reserved names; null (rejected) when not an object. */
  entries(source: Source, key: string, value: unknown, what: string): Array<[string, unknown]> | null {
    if (!isPlainObject(value)) {
      this.reject(source, key, expected(what, value));
      return null;
    }
    const names = Object.keys(value);
    if (names.length > LIMITS.entries) {
      this.reject(source, key, `too many entries (${names.length}, at most ${LIMITS.entries})`);
      return null;
    }
    const out: Array<[string, unknown]> = [];
    for (const name of names) {
      if (RESERVED_KEYS.has(name)) this.reject(source, `${key}.${name}`, 'reserved name, ignored');
      else out.push([name, value[name]]);
    }
    return out;
  }

  list(source: Source, key: string, value: unknown, what: string, max: number = LIMITS.entries): unknown[] | null {
    if (!Array.isArray(value)) {
      this.reject(source, key, expected(what, value));
      return null;
    }
    if (value.length > max) {
      this.reject(source, key, `too many entries (${value.length}, at most ${max})`);
      return null;
    }
    return value as unknown[];
  }

  ruleId(source: Source, key: string, value: unknown): string | null {
    if (typeof value !== 'string') {
      this.reject(source, key, expected('a rule id', value));
      return null;
    }
    if (!RuleIdSchema.safeParse(value).success) {
      this.reject(source, key, 'not a rule id (lower-case letters, digits and dashes)');
      return null;
    }
    if (this.known.rules && !this.known.rules.has(value)) {
      this.reject(source, key, `no rule "${clip(value)}"`);
      return null;
    }
    return value;
  }

  profileId(source: Source, key: string, value: unknown): string | null {
    if (typeof value !== 'string') {
      this.reject(source, key, expected('a payer profile id', value));
      return null;
    }
    if (!ProfileIdSchema.safeParse(value).success) {
      this.reject(source, key, 'not a payer profile id (lower-case letters, digits and dashes)');
      return null;
    }
    if (this.known.profiles && !this.known.profiles.has(value)) {
      this.reject(source, key, `no payer profile "${clip(value)}"`);
      return null;
    }
    return value;
  }

  defaultProfile(source: Source, value: unknown): { ok: true; value: string | null } | { ok: false } {
    // null = "the built-in default" (the options page writes it); Chrome policy can't express null.
    if (value === null) return { ok: true, value: null };
    const id = this.profileId(source, 'defaultProfile', value);
    return id === null ? { ok: false } : { ok: true, value: id };
  }

  /** Valid entries survive; each bad one is rejected on its own ("ruleLevels.<id>"). */
  ruleLevels(source: Source, value: unknown): Record<string, Level> | null {
    const entries = this.entries(source, 'ruleLevels', value, 'an object of rule id → level');
    if (entries === null) return null;
    const out: Record<string, Level> = {};
    for (const [rule, level] of entries) {
      const key = `ruleLevels.${rule}`;
      if (this.ruleId(source, key, rule) === null) continue;
      const parsed = LevelSchema.safeParse(level);
      if (!parsed.success) {
        const levels = LEVELS.join(', ');
        this.reject(source, key, typeof level === 'string' ? `"${clip(level)}" is not one of ${levels}` : expected(`one of ${levels}`, level));
        continue;
      }
      out[rule] = parsed.data;
    }
    return out;
  }

  /** Each option on its own ("ruleOptions.<rule>.<option>"). */
  ruleOptions(source: Source, value: unknown): RuleOptions | null {
    const rules = this.entries(source, 'ruleOptions', value, 'an object of rule id → options');
    if (rules === null) return null;
    const out: RuleOptions = {};
    for (const [rule, options] of rules) {
      const key = `ruleOptions.${rule}`;
      if (this.ruleId(source, key, rule) === null) continue;
      if (!hasRuleOptions(rule)) {
        this.reject(source, key, `rule "${rule}" has no options`);
        continue;
      }
      const fields = this.entries(source, key, options, `an object of options (${optionNames(rule).join(', ')})`);
      if (fields === null) continue;
      const accepted: Record<string, unknown> = {};
      for (const [name, option] of fields) {
        const schema = optionSchema(rule, name);
        if (schema === null) {
          this.reject(source, `${key}.${name}`, `no option "${clip(name)}" (known: ${optionNames(rule).join(', ')})`);
          continue;
        }
        const parsed = schema.safeParse(option);
        if (parsed.success) accepted[name] = parsed.data;
        else this.reject(source, `${key}.${name}`, describeIssue(parsed.error.issues[0], option));
      }
      if (Object.keys(accepted).length > 0) out[rule] = accepted;
    }
    return out;
  }

  disabledRules(source: Source, value: unknown): string[] | null {
    const list = this.list(source, 'disabledRules', value, 'a list of rule ids');
    if (list === null) return null;
    const out: string[] = [];
    list.forEach((rule, index) => {
      const id = this.ruleId(source, `disabledRules.${index}`, rule);
      if (id !== null && !out.includes(id)) out.push(id);
    });
    return out;
  }

  payerMap(source: Source, value: unknown): Record<string, string> | null {
    const entries = this.entries(source, 'payerMap', value, 'an object of payer name → profile id');
    if (entries === null) return null;
    const out: Record<string, string> = {};
    for (const [name, profile] of entries) {
      const key = `payerMap.${name}`;
      if (!PayerNameSchema.safeParse(name).success) {
        this.reject(source, key, 'payer names are 1–100 characters');
        continue;
      }
      const id = this.profileId(source, key, profile);
      if (id !== null) out[name] = id;
    }
    return out;
  }

  /** Each adapter is checked with the adapters' own validator; valid ones are kept (copies). */
  selectorAdapters(source: Source, value: unknown): { ok: true; value: SelectorAdapterConfig[] | null } | { ok: false } {
    if (value === null) return { ok: true, value: null };
    // One bare object is taken as a list of one, like the options page's editor does.
    const items = isPlainObject(value) ? [value] : this.list(source, 'selectorAdapters', value, 'a list of selector adapters', LIMITS.adapters);
    if (items === null) return { ok: false };
    const out: SelectorAdapterConfig[] = [];
    items.forEach((item, index) => {
      const checked = validateSelectorConfig(item, null);
      if (checked.ok) out.push(structuredClone(checked.config));
      else this.reject(source, `selectorAdapters.${index}`, checked.errors.slice(0, 3).join('; ').slice(0, 400));
    });
    return { ok: true, value: out };
  }

  allowedOrigins(source: Source, value: unknown): string[] | null {
    const list = this.list(source, 'allowedOrigins', value, 'a list of site patterns such as https://ehr.example.org/*');
    if (list === null) return null;
    const out: string[] = [];
    list.forEach((pattern, index) => {
      if (typeof pattern === 'string' && SitePatternSchema.safeParse(pattern).success) {
        if (!out.includes(pattern)) out.push(pattern);
      } else {
        const what = typeof pattern === 'string' ? `"${clip(pattern)}" is not` : `${describeValue(pattern)} is not`;
        this.reject(source, `allowedOrigins.${index}`, `${what} a site pattern such as https://ehr.example.org/* or https://*.example.org/*`);
      }
    });
    return out;
  }

  highlightEnabled(source: Source, value: unknown): boolean | null {
    if (typeof value === 'boolean') return value;
    this.reject(source, 'highlightEnabled', expected('true or false', value));
    return null;
  }

  /** One short line of text (lockReason, lockContact); control characters are refused. */
  lockText(key: string, value: unknown): string | null {
    if (typeof value !== 'string') {
      this.reject('managed', key, expected('text', value));
      return null;
    }
    const text = value.trim();
    if (text === '' || text.length > LOCK_TEXT_MAX || /[\u0000-\u001f\u007f-\u009f]/.test(text)) {
      this.reject('managed', key, `expected one line of 1–${LOCK_TEXT_MAX} characters`);
      return null;
    }
    return text;
  }

  lockReasons(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, text] of this.entries('managed', 'lockReasons', value, 'an object of lock name → reason') ?? []) {
      const key = `lockReasons.${name}`;
      if (!isKnownLock(name)) {
        this.reject('managed', key, `"${clip(name)}" is not a setting that can be locked`);
        continue;
      }
      const checked = this.lockText(key, text);
      if (checked !== null) out[name] = checked;
    }
    return out;
  }

  /** Sync only: rule ids per profile id / site origin; unknown ids and bad origins are dropped with a reason. */
  ruleScopes(source: Source, value: unknown): RuleScopes {
    const out: RuleScopes = { profiles: {}, sites: {} };
    const entries = this.entries(source, 'ruleScopes', value, 'an object with profiles and sites');
    for (const [kind, map] of entries ?? []) {
      if (kind !== 'profiles' && kind !== 'sites') {
        this.reject(source, `ruleScopes.${kind}`, 'expected profiles or sites');
        continue;
      }
      for (const [scope, rules] of this.entries(source, `ruleScopes.${kind}`, map, 'an object of scope → rule ids') ?? []) {
        const key = `ruleScopes.${kind}.${scope}`;
        const valid = kind === 'profiles' ? this.profileId(source, key, scope) !== null : SiteOriginSchema.safeParse(scope).success;
        if (!valid) {
          if (kind === 'sites') this.reject(source, key, 'not a site origin such as https://ehr.example.org');
          continue;
        }
        const list = this.list(source, key, rules, 'a list of rule ids') ?? [];
        const ids: string[] = [];
        list.forEach((rule, index) => {
          const id = this.ruleId(source, `${key}.${index}`, rule);
          if (id !== null && !ids.includes(id)) ids.push(id);
        });
        if (ids.length > 0) out[kind][scope] = ids;
      }
    }
    return out;
  }

  lockedSettings(value: unknown): void {
    const list = this.list('managed', 'lockedSettings', value, 'a list of setting names');
    if (list === null) return;
    list.forEach((name, index) => {
      if (typeof name === 'string' && isKnownLock(name)) this.locked.add(name);
      else this.reject('managed', `lockedSettings.${index}`, `${typeof name === 'string' ? `"${clip(name)}"` : describeValue(name)} is not a setting that can be locked`);
    });
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A zod issue in an admin's words; the path inside the value ("[1]: …") when it is not the value itself. */
function describeIssue(issue: z.core.$ZodIssue | undefined, value: unknown): string {
  if (!issue) return 'invalid value';
  let at: unknown = value;
  for (const step of issue.path) at = isPlainObject(at) || Array.isArray(at) ? (at as Record<PropertyKey, unknown>)[step] : undefined;
  const where = issue.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`)).join('').replace(/^\./, '');
  const prefix = where === '' ? '' : `${clip(where)}: `;
  switch (issue.code) {
    case 'invalid_type':
      return `${prefix}${expected(TYPE_NAMES[issue.expected] ?? issue.expected, at)}`;
    case 'too_big':
      return `${prefix}too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return `${prefix}too small (at least ${String(issue.minimum)})`;
    case 'invalid_format':
      return `${prefix}${typeof at === 'string' ? `"${clip(at)}"` : 'the value'} has the wrong format`;
    case 'invalid_union':
    case 'invalid_value':
      return `${prefix}${typeof at === 'string' ? `"${clip(at)}"` : describeValue(at)} is not one of the allowed values`;
    default:
      return `${prefix}invalid value`;
  }
}

const has = (area: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(area, key);

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

  // Policy locks first: they decide which user values are read at all.
  if (has(managed, 'lockedSettings') && r.sized('managed', 'lockedSettings', managed.lockedSettings)) r.lockedSettings(managed.lockedSettings);
  for (const key of Object.keys(managed)) {
    if (RESERVED_KEYS.has(key)) r.reject('managed', key, 'reserved name, ignored');
    else if (!(POLICY_KEYS as readonly string[]).includes(key)) r.reject('managed', key, `not a known setting (known: ${POLICY_KEYS.join(', ')})`);
  }
  const userMay = (key: SettingKey) => !r.locked.has(LOCK_NAME[key]);

  const settings: Settings = {
    defaultProfile: defaults.defaultProfile,
    ruleLevels: { ...defaults.ruleLevels },
    ruleOptions: structuredClone(defaults.ruleOptions),
    disabledRules: [...defaults.disabledRules],
    payerMap: { ...defaults.payerMap },
    selectorAdapters: defaults.selectorAdapters === null ? null : structuredClone(defaults.selectorAdapters),
    highlightEnabled: defaults.highlightEnabled,
    allowedOrigins: [...defaults.allowedOrigins],
    ruleScopes: structuredClone(defaults.ruleScopes),
  };

  const layers: Array<[Source, Record<string, unknown>]> = [
    ['sync', sync],
    ['managed', managed],
  ];
  for (const [source, area] of layers) {
    const applies = (key: SettingKey) =>
      has(area, key) && (source === 'managed' || userMay(key)) && r.sized(source, key, area[key]);
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
    if (applies('ruleOptions')) {
      const options = r.ruleOptions(source, area.ruleOptions);
      for (const [rule, values] of Object.entries(options ?? {})) {
        settings.ruleOptions[rule] = { ...settings.ruleOptions[rule], ...values };
      }
      if (options !== null && Object.keys(options).length > 0) lock('ruleOptions');
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
      if (map !== null) {
        Object.assign(settings.payerMap, map);
        if (Object.keys(map).length > 0) lock('payerMap');
      }
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
  // A user's per-payer/per-site offs: user settings only, and never for a rule the policy locks.
  if (has(sync, 'ruleScopes') && r.sized('sync', 'ruleScopes', sync.ruleScopes)) {
    const scopes = r.ruleScopes('sync', sync.ruleScopes);
    const open = (rule: string) => !r.locked.has('ruleLevels') && !r.locked.has(`ruleLevels.${rule}`);
    for (const kind of ['profiles', 'sites'] as const) {
      for (const [scope, rules] of Object.entries(scopes[kind])) {
        const kept = rules.filter(open);
        if (kept.length > 0) settings.ruleScopes[kind][scope] = kept;
      }
    }
  }

  const lockInfo: LockInfo = { reasons: {} };
  if (has(managed, 'lockReason')) {
    const text = r.lockText('lockReason', managed.lockReason);
    if (text !== null) lockInfo.reason = text;
  }
  if (has(managed, 'lockContact')) {
    const text = r.lockText('lockContact', managed.lockContact);
    if (text !== null) lockInfo.contact = text;
  }
  if (has(managed, 'lockReasons') && r.sized('managed', 'lockReasons', managed.lockReasons)) lockInfo.reasons = r.lockReasons(managed.lockReasons);

  // The per-rule locks of a policy-locked rule table are implied; keep the list short.
  const locked = [...r.locked].filter((name) => !(name.startsWith('ruleLevels.') && r.locked.has('ruleLevels'))).sort();
  return { settings, rejected: r.finish(), locked, lockInfo };
}

export function isSettingLocked(resolved: ResolvedSettings, key: SettingKey): boolean {
  return resolved.locked.includes(LOCK_NAME[key]);
}

export function isRuleLevelLocked(resolved: ResolvedSettings, ruleId: string): boolean {
  return resolved.locked.includes('ruleLevels') || resolved.locked.includes(`ruleLevels.${ruleId}`);
}

/** Users may not dismiss findings ("dismissals" in lockedSettings). */
export function isDismissLocked(resolved: ResolvedSettings): boolean {
  return resolved.locked.includes(ACTION_LOCKS.dismissals);
}

/** The rules turned off for this payer profile or this site (unique, in order). */
export function scopedOffRules(settings: Settings, profileId: string | null, origin: string | null): Set<string> {
  const off = new Set<string>();
  if (profileId !== null) for (const rule of settings.ruleScopes.profiles[profileId] ?? []) off.add(rule);
  if (origin !== null) for (const rule of settings.ruleScopes.sites[origin] ?? []) off.add(rule);
  return off;
}

/** The sites the organisation's policy set (they also bound where the extension runs), else null. */
export function policyOrigins(resolved: ResolvedSettings): string[] | null {
  return isSettingLocked(resolved, 'allowedOrigins') ? resolved.settings.allowedOrigins : null;
}

export interface SettingsAreas {
  sync: StorageAreaLike;
  managed: Pick<StorageAreaLike, 'get'>;
}

export interface SettingsStoreOptions {
  known?: () => KnownIds;
  /**
   * How long a read waits for storage.managed. On a fresh Chrome profile the first answer takes
   * about 3 s; past this, the last policy seen (or none) is used and the late answer triggers
   * `onLatePolicy`, so a slow or hung policy service never stalls the checks.
   */
  managedTimeoutMs?: number;
  onLatePolicy?: () => void;
}

/** A storage answer as a record of its own keys ("__proto__" included, as data); {} for non-objects. */
function toRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

/**
 * The worker's view of the settings: read once, kept until storage.onChanged reports the sync or
 * managed area. Managed storage rejects when no policy exists (Firefox: "Managed storage manifest
 * not found") and may answer slowly on a fresh Chrome profile; both are just "no policy (yet)".
 */
export class SettingsStore {
  private cached: Promise<ResolvedSettings> | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private managedPending: Promise<Record<string, unknown>> | null = null;
  private lastManaged: Record<string, unknown> | null = null;
  private readonly known: () => KnownIds;
  private readonly managedTimeoutMs: number;
  private readonly onLatePolicy: () => void;

  constructor(
    private readonly areas: SettingsAreas,
    options: SettingsStoreOptions | (() => KnownIds) = {},
  ) {
    const opts = typeof options === 'function' ? { known: options } : options;
    this.known = opts.known ?? (() => ({}));
    this.managedTimeoutMs = opts.managedTimeoutMs ?? 4000;
    this.onLatePolicy = opts.onLatePolicy ?? (() => undefined);
  }

  get(): Promise<ResolvedSettings> {
    this.cached ??= this.read().catch((error: unknown) => {
      this.cached = null;
      throw error;
    });
    return this.cached;
  }

  /** True when the change concerns settings (the caller then re-analyzes open tabs). */
  onStorageChanged(changes: Record<string, StorageChangeLike>, areaName: string): boolean {
    if (areaName === 'managed') {
      // A managed read still in flight started before this change and may answer with the old
      // policy (Chrome's first read answers {} while the policy is still loading): read afresh.
      this.managedPending = null;
      this.cached = null;
      return true;
    }
    if (areaName === 'sync' && Object.keys(changes).some((key) => this.isSettingKey(key))) {
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
        for (const [rule, value] of Object.entries(stored)) {
          if (RULE_ID.test(rule) && !RESERVED_KEYS.has(rule) && LevelSchema.safeParse(value).success) levels[rule] = value as Level;
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

  /** ui:rule-scope: turn a rule off (or back on) for one profile or site; refused when policy locks the rule. */
  async setRuleScope(ruleId: string, kind: RuleScopeKind, scope: string, off: boolean): Promise<'ok' | 'locked'> {
    const resolved = await this.get();
    if (isRuleLevelLocked(resolved, ruleId)) return 'locked';
    const field = kind === 'profile' ? 'profiles' : 'sites';
    const next = this.writes.then(async () => {
      const stored = (await this.areas.sync.get('ruleScopes')).ruleScopes;
      // Re-read through the resolver so whatever is stored (an older version's, a hand edit) is cleaned.
      const current = resolveSettings(DEFAULT_SETTINGS, { ruleScopes: stored }, {}).settings.ruleScopes;
      const rules = (current[field][scope] ?? []).filter((rule) => rule !== ruleId);
      if (off) rules.push(ruleId);
      if (rules.length > 0) current[field][scope] = rules;
      else delete current[field][scope];
      await this.areas.sync.set({ ruleScopes: current });
      this.cached = null;
    });
    this.writes = next.catch(() => undefined);
    await next;
    return 'ok';
  }

  private isSettingKey(key: string): boolean {
    return (SETTING_KEYS as readonly string[]).includes(key);
  }

  /** One storage.managed read shared by concurrent settings reads, until it answers or a change supersedes it. */
  private managedRead(): Promise<Record<string, unknown>> {
    if (this.managedPending) return this.managedPending;
    const pending: Promise<Record<string, unknown>> = this.areas.managed
      .get(null)
      .then(toRecord, () => ({}))
      .then((value) => {
        if (this.managedPending === pending) {
          this.managedPending = null;
          this.lastManaged = value;
        }
        return value;
      });
    this.managedPending = pending;
    return pending;
  }

  /** The policy, or the last one seen when the managed area is slow to answer. */
  private async readManaged(): Promise<Record<string, unknown>> {
    const pending = this.managedRead();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.managedTimeoutMs)));
    const value = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (value !== null) return value;
    void pending.then(() => {
      this.cached = null;
      this.onLatePolicy();
    });
    return this.lastManaged ?? {};
  }

  private async read(): Promise<ResolvedSettings> {
    const [sync, managed] = await Promise.all([this.areas.sync.get(null).then(toRecord, () => ({})), this.readManaged()]);
    return resolveSettings(DEFAULT_SETTINGS, sync, managed, this.known());
  }
}
