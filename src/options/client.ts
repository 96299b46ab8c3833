// The options page's client: the user's settings in storage.sync (read through the shared
// settings model, src/settings/user.ts), site access, the policy state and the dismissal log.
// Kept apart from the popup's client (src/ui/client.ts) so the popup does not bundle the settings
// validators it never uses.
import * as z from '../engine/zod';
import { HistoryStateSchema, type HistoryState } from '../shared/across';
import { DISMISS_LIMITS, ID_LIMITS } from '../shared/limits';
import { readUserSettings, USER_KEYS, type UserSettings } from '../settings/user';
import type { UiMessage } from '../shared/messages';
import type { GetPolicyMessage, UiBrowserApi } from '../ui/client';
import { parsePolicyState, type PolicyState } from '../ui/policy-state';

/** ui:get-audit: the PHI-free dismissal log (src/background/dismissals.ts). */
const AuditEntrySchema = z.object({
  ruleId: z.string().check(z.maxLength(ID_LIMITS.rule)),
  hash: z.string().check(z.maxLength(40)),
  reason: z.string().check(z.maxLength(100)),
  at: z.number(),
});
const AuditReplySchema = z.object({ entries: z.array(AuditEntrySchema).check(z.maxLength(DISMISS_LIMITS.auditEntries)) });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export interface OptionsClient {
  readSettings(): Promise<UserSettings>;
  writeSettings(values: Partial<UserSettings>): Promise<void>;
  grantedOrigins(): Promise<string[]>;
  /** Must be called straight from a click/submit handler (user gesture). */
  requestOrigin(pattern: string): Promise<boolean>;
  removeOrigin(pattern: string): Promise<boolean>;
  /** null when the background gave no readable answer. */
  getPolicy(): Promise<PolicyState | null>;
  /** The dismissal log; null when the background gave no readable answer. */
  getAudit(): Promise<AuditEntry[] | null>;
  /** Visit history's state, or "Forget all history" then its state; null when the background gave no readable answer. */
  history(action: 'get' | 'forget'): Promise<HistoryState | null>;
}

export function createOptionsClient(api: UiBrowserApi): OptionsClient {
  return {
    async readSettings() {
      return readUserSettings(await api.storage.sync.get([...USER_KEYS])).settings;
    },
    async writeSettings(values) {
      await api.storage.sync.set({ ...values });
    },
    async grantedOrigins() {
      const all = await api.permissions.getAll();
      return [...(all.origins ?? [])].sort();
    },
    requestOrigin(pattern) {
      return api.permissions.request({ origins: [pattern] });
    },
    removeOrigin(pattern) {
      return api.permissions.remove({ origins: [pattern] });
    },
    async getPolicy() {
      try {
        return parsePolicyState(await api.runtime.sendMessage({ type: 'ui:get-policy' } satisfies GetPolicyMessage));
      } catch {
        return null;
      }
    },
    async getAudit() {
      try {
        const parsed = AuditReplySchema.safeParse(await api.runtime.sendMessage({ type: 'ui:get-audit' } satisfies UiMessage));
        return parsed.success ? parsed.data.entries : null;
      } catch {
        return null;
      }
    },
    async history(action) {
      try {
        const message: UiMessage = action === 'get' ? { type: 'ui:get-history' } : { type: 'ui:forget-history' };
        const parsed = HistoryStateSchema.safeParse(await api.runtime.sendMessage(message));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}
