// Names of settings an organisation's policy can lock. The background puts them in
// TabState.locked / PolicyState.locked; the popup and the options page disable the matching
// controls and say why. The user can't change them, and the background ignores user values for
// them anyway (policy wins), so this is about honesty in the UI, not enforcement.
export const LOCK_KEYS = {
  /** The payer profile: the popup's switch and the options' default profile. */
  profile: 'profile',
  /** Every rule's level ("ruleLevels.<ruleId>" locks one; a kill-switched rule is locked that way). */
  ruleLevels: 'ruleLevels',
  /** Per-rule options (policy only; not editable in the UI). */
  ruleOptions: 'ruleOptions',
  /** Payer name → profile mapping. */
  payerMap: 'payerMap',
  selectorAdapters: 'selectorAdapters',
  highlightEnabled: 'highlightEnabled',
  /** The allowed EHR sites list (adding/removing sites). */
  allowedOrigins: 'allowedOrigins',
  /** An action lock: users may not dismiss findings. */
  dismissals: 'dismissals',
} as const;

export function isLocked(locked: readonly string[], key: string): boolean {
  return locked.includes(key);
}

/** The lock that applies to one rule: its own ("ruleLevels.<ruleId>") or the whole table's. */
export function ruleLockName(locked: readonly string[], ruleId: string): string {
  return locked.includes(`${LOCK_KEYS.ruleLevels}.${ruleId}`) ? `${LOCK_KEYS.ruleLevels}.${ruleId}` : LOCK_KEYS.ruleLevels;
}

/** One rule is locked when all rule levels are, or just this one ("ruleLevels.<ruleId>"). */
export function isRuleLocked(locked: readonly string[], ruleId: string): boolean {
  return locked.includes(LOCK_KEYS.ruleLevels) || locked.includes(`${LOCK_KEYS.ruleLevels}.${ruleId}`);
}
