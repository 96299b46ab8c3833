// What the UI is told about the organisation's managed policy: which settings are locked and
// which policy values were rejected (ignored) because they did not validate. Part of TabState
// (popup) and the reply to `ui:get-policy` (options page).
import * as z from '../engine/zod';

const text = (max: number) => z.string().check(z.maxLength(max));
const level = z.enum(['off', 'info', 'warning', 'error']);

export const RejectedPolicyValueSchema = z.object({
  /** The policy key as the admin wrote it, e.g. "ruleLevels.no-such-rule". */
  key: text(200),
  /** Why it was ignored, in words an admin understands. */
  reason: text(500),
});

export const PolicyStateSchema = z.object({
  locked: z.array(text(200)).check(z.maxLength(500)),
  rejectedPolicy: z.array(RejectedPolicyValueSchema).check(z.maxLength(200)),
  /** The values policy enforces for locked settings, so the options page can show them. */
  values: z.optional(
    z.object({
      defaultProfile: z.optional(z.nullable(text(100))),
      ruleLevels: z.optional(z.record(text(100), level)),
      highlightEnabled: z.optional(z.boolean()),
    }),
  ),
});

export type RejectedPolicyValue = z.infer<typeof RejectedPolicyValueSchema>;
export type PolicyState = z.infer<typeof PolicyStateSchema>;

/** The policy reply could not be read: nothing is shown as locked, and the UI says so. */
export function parsePolicyState(reply: unknown): PolicyState | null {
  const parsed = PolicyStateSchema.safeParse(reply);
  return parsed.success ? parsed.data : null;
}
