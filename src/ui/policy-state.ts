// What the UI is told about the organisation's managed policy: which settings are locked, which
// policy values were rejected (ignored) because they did not validate, what the policy enforces,
// and the EHR sites it allows with whether the browser has given the extension access to each.
// Rejections and locks are also part of TabState (popup); the whole of it answers
// `ui:get-policy` (options page).
import * as z from '../engine/zod';
import { ID_LIMITS as ID, MAX_LOCKS, MAX_REJECTIONS_SHOWN, SETTINGS_LIMITS as S } from '../shared/limits';

const text = (max: number) => z.string().check(z.maxLength(max));
const level = z.enum(['off', 'info', 'warning', 'error']);

export const RejectedPolicyValueSchema = z.object({
  /** The policy key as the admin wrote it, e.g. "ruleLevels.no-such-rule". */
  key: text(200),
  /** Why it was ignored, in words an admin understands. */
  reason: text(500),
});

/** The policy's explanation of its locks (settings.ts LockInfo): shown next to each lock. */
export const LockInfoSchema = z.object({
  reason: z.optional(text(S.lockText)),
  contact: z.optional(text(S.lockText)),
  reasons: z.record(text(S.lockName), text(S.lockText)),
});

export const PolicySiteSchema = z.object({
  /** A site pattern such as "https://ehr.example.org/*". */
  pattern: text(S.site),
  /** The browser gives the extension access (granted at force-install, or by a user's click). */
  granted: z.boolean(),
});

export const PolicyStateSchema = z.object({
  locked: z.array(text(S.lockName)).check(z.maxLength(MAX_LOCKS)),
  rejectedPolicy: z.array(RejectedPolicyValueSchema).check(z.maxLength(MAX_REJECTIONS_SHOWN)),
  lockInfo: z.optional(LockInfoSchema),
  /** The values policy enforces for locked settings, so the options page can show them. */
  values: z.optional(
    z.object({
      defaultProfile: z.optional(z.nullable(text(ID.profile))),
      ruleLevels: z.optional(z.record(text(ID.rule), level)),
      /** Rules the organisation switched off (kill switch). */
      disabledRules: z.optional(z.array(text(ID.rule)).check(z.maxLength(S.entries))),
      /** Payer name → profile id set by the organisation. */
      payerMap: z.optional(z.record(text(S.payerName), text(ID.profile))),
      highlightEnabled: z.optional(z.boolean()),
    }),
  ),
  /** The organisation's allowed EHR sites; absent when the policy sets none. */
  sites: z.optional(z.array(PolicySiteSchema).check(z.maxLength(S.entries))),
});

export type RejectedPolicyValue = z.infer<typeof RejectedPolicyValueSchema>;
export type LockInfo = z.infer<typeof LockInfoSchema>;
export type PolicySite = z.infer<typeof PolicySiteSchema>;
export type PolicyState = z.infer<typeof PolicyStateSchema>;

/** The policy reply could not be read: nothing is shown as locked, and the UI says so. */
export function parsePolicyState(reply: unknown): PolicyState | null {
  const parsed = PolicyStateSchema.safeParse(reply);
  return parsed.success ? parsed.data : null;
}
