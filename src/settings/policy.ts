// What an organisation's policy (storage.managed) may carry, key by key. manifest/managed_schema.json
// is generated from this (./chrome-schema.ts); ./validate.ts checks the same things entry by entry,
// so one typo costs one entry.
import { SelectorAdapterConfigSchema } from '../adapters/selector';
import * as z from '../engine/zod';
import { LIMITS } from './defaults';
import { LevelSchema, PayerNameSchema, ProfileIdSchema, RuleIdSchema, SitePatternSchema } from './ids';
import { LockNameSchema, LockTextSchema } from './locks';
import { RuleOptionsSchema } from './rule-options';

export const ManagedSettingsSchema = z.object({
  defaultProfile: z.optional(z.nullable(ProfileIdSchema)),
  ruleLevels: z.optional(z.record(RuleIdSchema, LevelSchema)),
  ruleOptions: z.optional(RuleOptionsSchema),
  disabledRules: z.optional(z.array(RuleIdSchema).check(z.maxLength(LIMITS.entries))),
  payerMap: z.optional(z.record(PayerNameSchema, ProfileIdSchema)),
  selectorAdapters: z.optional(z.array(SelectorAdapterConfigSchema).check(z.maxLength(LIMITS.adapters))),
  highlightEnabled: z.optional(z.boolean()),
  allowedOrigins: z.optional(z.array(SitePatternSchema).check(z.maxLength(LIMITS.entries))),
  /** Managed only: false turns off visit history (cross-visit rules) and removes what is stored (docs/history.md). */
  historyEnabled: z.optional(z.boolean()),
  /** Managed only: days a visit's fingerprint is kept for the cross-visit rules (1 to 3650). */
  historyRetentionDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(3650))),
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
