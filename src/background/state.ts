// Per-tab state in storage.session, so results survive the worker being stopped (MV3 workers
// die when idle). storage.session lives in memory only and, at TRUSTED_CONTEXTS, is readable by
// extension pages but not content scripts: the right place for note text (PHI) and results.
//
// Writes are serialized per tab. Several frames report at once, and a read-modify-write of
// storage.session from concurrent handlers loses updates (seen in the toolchain probe), so every
// change goes through update(), which queues behind the previous change of the same tab and works
// on an in-memory copy that is then persisted.
import type { Snapshot } from '../shared/snapshot';
import type { SessionStorageAreaLike } from '../platform/types';
import type { StoredResult } from './api';

export interface FrameRecord {
  frameId: number;
  /** Browser-stamped (sender.documentId, Chrome); a new value means the frame loaded a new document. */
  documentId?: string;
  /** null: the frame's content script reports nothing to check there. */
  snapshot: Snapshot | null;
  at: number;
  /** The snapshot did not fit in storage.session; ask the frame again after a worker restart. */
  lost?: true;
}

export interface DismissalRecord {
  findingKey: string;
  ruleId: string;
  /** As sent: "<category>" or "<category>: free text". Session only (may contain PHI). */
  reason: string;
  at: number;
}

/** Outcome of the last attempt to put the content script into the tab. */
export type Access = 'unknown' | 'injected' | 'denied';

export interface TabRecord {
  tabId: number;
  /** Bumped whenever the tab shows a new visit; dismissals never cross it. */
  epoch: number;
  frames: FrameRecord[];
  result: StoredResult | null;
  /** Why the engine failed on this visit (an exception message, no PHI). */
  error: string | null;
  profileOverride: string | null;
  dismissals: DismissalRecord[];
  access: Access;
  /** Top frame origin as stamped on its messages, or from the tab when the popup asked. */
  origin: string | null;
  analyzedAt: number | null;
  /** The in-page tip's "open in Claim Guard": the finding the popup or side panel should show. */
  focus?: { findingKey: string; at: number };
  /**
   * When the frames (or the settings) changed and the result stopped being current; cleared by the
   * analysis that catches up. Stored with the change itself, so a worker stopped before or during
   * the analysis leaves it behind, and the next worker re-runs it (service.ts, recoverInterrupted).
   */
  pendingSince?: number;
  /** Re-runs a woken worker started for an interrupted analysis, so one that kills the worker stops. */
  reruns?: number;
}

/** An analysis interrupted this many times in a row (the worker stopped each time) is not re-run. */
export const MAX_RERUNS = 2;

/** The record changed in a way its result does not reflect yet. */
export function markPending(record: TabRecord, now: number): void {
  record.pendingSince ??= now;
}

export const TAB_KEY_PREFIX = 'tab:';

export function tabKey(tabId: number): string {
  return `${TAB_KEY_PREFIX}${tabId}`;
}

export function emptyTabRecord(tabId: number): TabRecord {
  return {
    tabId,
    epoch: 0,
    frames: [],
    result: null,
    error: null,
    profileOverride: null,
    dismissals: [],
    access: 'unknown',
    origin: null,
    analyzedAt: null,
  };
}

/** A new visit in the same tab: everything visit-bound goes, the epoch moves on. */
export function resetVisit(record: TabRecord): void {
  record.epoch += 1;
  record.frames = [];
  record.result = null;
  record.error = null;
  record.profileOverride = null;
  record.dismissals = [];
  record.analyzedAt = null;
  delete record.focus;
  delete record.pendingSince;
  delete record.reruns;
}

function isTabRecord(value: unknown, tabId: number): value is TabRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<TabRecord>;
  return record.tabId === tabId && Array.isArray(record.frames) && Array.isArray(record.dismissals) && typeof record.epoch === 'number';
}

export type Logger = (message: string, detail?: unknown) => void;

export class TabStore {
  private readonly cache = new Map<number, TabRecord>();
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(
    private readonly area: SessionStorageAreaLike,
    private readonly log: Logger = () => undefined,
  ) {}

  /** Only trusted contexts (our pages and worker) may read storage.session; Chrome's default, made explicit. */
  async restrictAccess(): Promise<void> {
    if (typeof this.area.setAccessLevel !== 'function') return;
    try {
      await this.area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch (error) {
      this.log('storage.session.setAccessLevel failed', error);
    }
  }

  /** The tab's record after every queued change, or null when the tab has none. */
  read(tabId: number): Promise<TabRecord | null> {
    return this.enqueue(tabId, () => this.load(tabId));
  }

  /**
   * Apply `change` to the tab's record (created when missing) and persist it. `change` runs
   * after every earlier change of this tab has been applied and stored.
   */
  update<T>(tabId: number, change: (record: TabRecord) => T): Promise<{ record: TabRecord; value: T }> {
    return this.enqueue(tabId, async () => {
      const record = (await this.load(tabId)) ?? emptyTabRecord(tabId);
      return { record, value: await this.apply(record, change) };
    });
  }

  /** Like update(), but a tab without a record (closed, cleared) stays without one: returns null. */
  updateExisting<T>(tabId: number, change: (record: TabRecord) => T): Promise<{ record: TabRecord; value: T } | null> {
    return this.enqueue(tabId, async () => {
      const record = await this.load(tabId);
      return record === null ? null : { record, value: await this.apply(record, change) };
    });
  }

  private async apply<T>(record: TabRecord, change: (record: TabRecord) => T): Promise<T> {
    let value: T;
    try {
      value = change(record);
    } catch (error) {
      // A half-applied change must not stay in memory: the next access reloads what was stored.
      this.cache.delete(record.tabId);
      throw error;
    }
    this.cache.set(record.tabId, record);
    await this.persist(record);
    return value;
  }

  remove(tabId: number): Promise<void> {
    return this.enqueue(tabId, async () => {
      this.cache.delete(tabId);
      await this.area.remove(tabKey(tabId)).catch((error: unknown) => this.log('storage.session.remove failed', error));
    });
  }

  /** Tabs with stored state (after a worker restart the cache is empty; storage knows). */
  async tabIds(): Promise<number[]> {
    const ids = new Set(this.cache.keys());
    const all = await this.area.get(null).catch(() => ({}));
    for (const key of Object.keys(all)) {
      if (!key.startsWith(TAB_KEY_PREFIX)) continue;
      const id = Number(key.slice(TAB_KEY_PREFIX.length));
      if (Number.isInteger(id) && id >= 0) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  }

  private enqueue<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(task);
    const settled = next.catch(() => undefined);
    this.queues.set(tabId, settled);
    // Drop the queue entry once idle so closed tabs do not accumulate promises.
    void settled.then(() => {
      if (this.queues.get(tabId) === settled) this.queues.delete(tabId);
    });
    return next;
  }

  private async load(tabId: number): Promise<TabRecord | null> {
    const cached = this.cache.get(tabId);
    if (cached) return cached;
    const stored = (await this.area.get(tabKey(tabId)).catch(() => ({})) as Record<string, unknown>)[tabKey(tabId)];
    if (!isTabRecord(stored, tabId)) return null;
    this.cache.set(tabId, stored);
    return stored;
  }

  private async persist(record: TabRecord): Promise<void> {
    try {
      await this.area.set({ [tabKey(record.tabId)]: record });
      return;
    } catch (error) {
      this.log('storage.session.set failed; storing the tab without note text', error);
    }
    // Most likely the session quota (10 MB in Chrome): keep results and dismissals, drop the
    // snapshots, and mark the frames so a restarted worker asks them to report again.
    const slim: TabRecord = {
      ...record,
      frames: record.frames.map((frame) => (frame.snapshot ? { ...frame, snapshot: null, lost: true as const } : frame)),
    };
    try {
      await this.area.set({ [tabKey(record.tabId)]: slim });
    } catch (error) {
      this.log('storage.session.set failed again; state is kept in memory only', error);
    }
  }
}
