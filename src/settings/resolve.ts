// Resolving the layers: built-in defaults ← payer profile (applied inside the engine) ← the user's
// choices (storage.sync) ← the organisation's policy (storage.managed, which wins and locks).
// resolveSettings() is pure, so the whole merge, including every rejection path, is unit-tested
// without a browser.
import { DEFAULT_HISTORY } from './defaults';
import { LOCK_NAME, isSettingLocked } from './locks';
import type { HistorySettings, KnownIds, LockInfo, ResolvedSettings, SettingKey, Settings } from './model';
import { POLICY_KEYS } from './policy';
import { describeValue, RESERVED_KEYS, Resolver, type Source } from './validate';

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

  // Visit history: policy only. A wrong value is listed with the other rejected keys and ignored.
  const history: HistorySettings = { ...DEFAULT_HISTORY, policy: { ...DEFAULT_HISTORY.policy } };
  if (has(managed, 'historyEnabled')) {
    if (typeof managed.historyEnabled === 'boolean') {
      history.enabled = managed.historyEnabled;
      history.policy.enabled = true;
    } else {
      r.reject('managed', 'historyEnabled', `expected true or false, got ${describeValue(managed.historyEnabled)}`);
    }
  }
  if (has(managed, 'historyRetentionDays')) {
    const days = managed.historyRetentionDays;
    if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 3650) {
      history.retentionDays = days;
      history.policy.retentionDays = true;
    } else {
      r.reject('managed', 'historyRetentionDays', `expected a whole number of days from 1 to 3650, got ${describeValue(days)}`);
    }
  }

  // The per-rule locks of a policy-locked rule table are implied; keep the list short.
  const locked = [...r.locked].filter((name) => !(name.startsWith('ruleLevels.') && r.locked.has('ruleLevels'))).sort();
  return { settings, history, rejected: r.finish(), locked, lockInfo };
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
