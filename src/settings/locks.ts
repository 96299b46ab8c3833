// Locks: which settings a policy took out of the user's hands. Lock names follow src/ui/locks.ts:
// "profile", "ruleLevels", "ruleLevels.<ruleId>", "ruleOptions", "disabledRules", "payerMap",
// "selectorAdapters", "highlightEnabled", "allowedOrigins", and "dismissals" (a lock on an action,
// not a value: users may not dismiss).
//
// Locks explain themselves: the policy may carry `lockReason` (why settings are locked),
// `lockReasons` (lock name → reason, for one setting) and `lockContact` (who to ask). They are
// shown next to every lock in the popup and on the options page (ResolvedSettings.lockInfo).
import { SETTINGS_LIMITS } from '../shared/limits';
import * as z from '../engine/zod';
import { RULE_ID } from './ids';
import type { ResolvedSettings, SettingKey } from './model';

/** Limits of the lock explanations: one or two sentences, a contact line. */
export const LOCK_TEXT_MAX = SETTINGS_LIMITS.lockText;
export const LockTextSchema = z.string().check(z.minLength(1), z.maxLength(LOCK_TEXT_MAX));

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
  z.maxLength(SETTINGS_LIMITS.lockName),
  z.refine((name) => isKnownLock(name), 'not a setting that can be locked'),
);


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
