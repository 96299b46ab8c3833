// The PHI-free dismissal log in storage.local, which the compliance lead exports as CSV from the
// options page.
//
// Each entry holds exactly { ruleId, hash, reason, at }:
//   ruleId  the rule's id;
//   hash    the finding's hash (the part of its key after "<ruleId>:", src/background/engine-api.ts):
//           a short one-way hash of the evidence, the claim line's code and the message, which
//           tells two dismissed findings of one rule apart without holding any of their text;
//   reason  one of the fixed categories of src/shared/dismiss-reason.ts (never free text: a
//           person looking at a chart may type PHI into free text);
//   at      epoch milliseconds.
// storage.local is readable by content scripts and outlives the browser session, so nothing
// else may ride along; entries are rebuilt field by field on every read and write.
import { DISMISS_LIMITS } from '../shared/limits';
import type { StorageAreaLike } from '../platform/types';
import { decodeDismissReason, isDismissCategory, type DismissCategory } from '../shared/dismiss-reason';

export interface AuditEntry {
  ruleId: string;
  hash: string;
  reason: DismissCategory;
  at: number;
}

export const AUDIT_KEY = 'auditLog';
/** Oldest entries are dropped past this; the log is a local trail, not an archive. */
export const AUDIT_MAX = DISMISS_LIMITS.auditEntries;

export function reasonCategory(reason: string): DismissCategory {
  return decodeDismissReason(reason).category;
}

/** "comfort-wording:1a2b3c…#2" → "1a2b3c…#2": the finding key without its rule id (hex and # only). */
export function findingHash(ruleId: string, findingKey: string): string {
  const prefix = `${ruleId}:`;
  const rest = findingKey.startsWith(prefix) ? findingKey.slice(prefix.length) : findingKey;
  return rest.replace(/[^0-9a-f#]/g, '').slice(0, 40);
}

function toEntry(value: unknown): AuditEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  const { ruleId, at, reason } = entry;
  // Entries of the earlier log (no hash) are kept with an empty one.
  const hash = typeof entry.hash === 'string' ? entry.hash : '';
  if (typeof ruleId !== 'string' || typeof at !== 'number' || typeof reason !== 'string' || !isDismissCategory(reason)) return null;
  if (!/^[a-z0-9-]{1,100}$/.test(ruleId) || !/^[0-9a-f#]{0,40}$/.test(hash)) return null;
  return { ruleId, hash, reason, at };
}

/** Writes are serialized: two dismissals in quick succession must not overwrite each other. */
export class AuditLog {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: StorageAreaLike) {}

  append(ruleId: string, hash: string, at: number, reason: DismissCategory): Promise<void> {
    const entry: AuditEntry = { ruleId, hash, reason, at };
    return this.change((entries) => [...entries, entry]);
  }

  /** Undo of a dismissal: its latest entry goes (the finding is open again). */
  removeLatest(ruleId: string, hash: string): Promise<void> {
    return this.change((entries) => {
      const index = entries.findLastIndex((e) => e.ruleId === ruleId && e.hash === hash);
      return index < 0 ? entries : [...entries.slice(0, index), ...entries.slice(index + 1)];
    });
  }

  async read(): Promise<AuditEntry[]> {
    const stored = (await this.area.get(AUDIT_KEY))[AUDIT_KEY];
    if (!Array.isArray(stored)) return [];
    const out: AuditEntry[] = [];
    for (const value of stored) {
      const entry = toEntry(value);
      if (entry) out.push(entry);
    }
    return out;
  }

  private change(apply: (entries: AuditEntry[]) => AuditEntry[]): Promise<void> {
    const next = this.chain.then(async () => {
      const entries = apply(await this.read());
      await this.area.set({ [AUDIT_KEY]: entries.slice(-AUDIT_MAX) });
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
