// The PHI-free dismissal audit log in storage.local.
//
// A dismissal's reason arrives as "<category>" or "<category>: free text" (the encoding lives in
// src/ui/dismiss-reason.ts, shared with the popup). The free text is typed by a person looking
// at a patient's chart, so it may contain PHI: it stays with the visit in storage.session
// (memory only, trusted contexts) and is never written here. Each log entry holds exactly
// { ruleId, at, reason-category } — storage.local is readable by content scripts and outlives
// the browser session, so nothing else may ride along.
import type { StorageAreaLike } from '../platform/types';
import { decodeDismissReason, isDismissCategory, type DismissCategory } from '../shared/dismiss-reason';

export interface AuditEntry {
  ruleId: string;
  at: number;
  reason: DismissCategory;
}

export const AUDIT_KEY = 'auditLog';
/** Oldest entries are dropped past this; the log is a local trail, not an archive. */
export const AUDIT_MAX = 1000;

export function reasonCategory(reason: string): DismissCategory {
  return decodeDismissReason(reason).category;
}

function isAuditEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.ruleId === 'string' &&
    typeof entry.at === 'number' &&
    typeof entry.reason === 'string' &&
    isDismissCategory(entry.reason)
  );
}

/** Appends are serialized: two dismissals in quick succession must not overwrite each other. */
export class AuditLog {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: StorageAreaLike) {}

  append(ruleId: string, at: number, reason: DismissCategory): Promise<void> {
    // Built field by field so nothing else (a note, a finding key) can ride along.
    const entry: AuditEntry = { ruleId, at, reason };
    const next = this.chain.then(async () => {
      const entries = await this.read();
      entries.push(entry);
      await this.area.set({ [AUDIT_KEY]: entries.slice(-AUDIT_MAX) });
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  async read(): Promise<AuditEntry[]> {
    const stored = (await this.area.get(AUDIT_KEY))[AUDIT_KEY];
    // Re-built on read too, so an entry with extra fields (an older version, a hand edit) is cleaned on the next write.
    return Array.isArray(stored) ? stored.filter(isAuditEntry).map(({ ruleId, at, reason }) => ({ ruleId, at, reason })) : [];
  }
}
