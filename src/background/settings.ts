// The worker's settings store: reads the user's choices (storage.sync) and the organisation's
// policy (storage.managed), resolves them with the shared settings model (src/settings/), caches
// the result until storage.onChanged reports either area, and serializes the popup's writes.
import { grammarSelectorCheck } from '../adapters/selector-grammar';
import type { Level } from '../engine/types';
import type { StorageAreaLike, StorageChangeLike } from '../platform/types';
import { DEFAULT_SETTINGS, isRuleLevelLocked, readUserSettings, resolveSettings, SETTING_KEYS, type KnownIds, type ResolvedSettings, type RuleScopeKind } from '../settings';

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
      // Re-read through the user model so whatever is stored (an older version's, a hand edit) is cleaned.
      const levels = readUserSettings(await this.areas.sync.get('ruleLevels')).settings.ruleLevels;
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
      // Re-read through the user model so whatever is stored (an older version's, a hand edit) is cleaned.
      const current = readUserSettings(await this.areas.sync.get('ruleScopes')).settings.ruleScopes;
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
    // The worker has no DOM: CSS selectors in settings are checked by their grammar here.
    return resolveSettings(DEFAULT_SETTINGS, sync, managed, { checkSelector: grammarSelectorCheck, ...this.known() });
  }
}
