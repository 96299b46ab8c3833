// An in-memory stand-in for the slice of `browser` the UI uses. Every runtime message is checked
// against the shared UI→background catalog, so a test fails if the UI sends something the
// background would drop.
import { vi } from 'vitest';
import { parseMessage, UiToBackground } from '../../../src/shared/messages';
import type { UiBrowserApi } from '../../../src/ui/client';
import type { TabState } from '../../../src/ui/tab-state';

export interface FakeOptions {
  tabId?: number | null;
  /** What `ui:get-tab-state` answers (a function to vary it per call). */
  tabState?: unknown;
  /** What the ui:* actions answer; by default the current tab state. */
  actionReply?: (message: { type: string }) => unknown;
  granted?: boolean;
  origins?: string[];
  sync?: Record<string, unknown>;
  policy?: unknown;
  /** What `ui:get-audit` answers. */
  audit?: unknown;
}

export function fakeBrowser(options: FakeOptions = {}) {
  const sent: Array<Record<string, unknown>> = [];
  const invalid: unknown[] = [];
  let tabState: unknown = options.tabState;
  const sync: Record<string, unknown> = { ...(options.sync ?? {}) };
  let origins = [...(options.origins ?? [])];
  const storageListeners = new Set<(changes: Record<string, unknown>, areaName: string) => void>();

  const api = {
    runtime: {
      sendMessage: vi.fn(async (message: unknown) => {
        const record = message as Record<string, unknown>;
        sent.push(record);
        if (record.type === 'ui:get-policy') return options.policy;
        if (record.type === 'ui:get-audit') return options.audit ?? { entries: [] };
        if (parseMessage(UiToBackground, message) === null) invalid.push(message);
        if (record.type === 'ui:get-tab-state') return tabState;
        if (record.type === 'ui:show-in-note') return undefined;
        return options.actionReply ? options.actionReply(record as { type: string }) : tabState;
      }),
      openOptionsPage: vi.fn(async () => undefined),
    },
    tabs: {
      query: vi.fn(async () => (options.tabId === null ? [] : [{ id: options.tabId ?? 7, windowId: 3 }])),
    },
    permissions: {
      request: vi.fn(async ({ origins: wanted }: { origins: string[] }) => {
        const granted = options.granted ?? true;
        if (granted) origins = [...new Set([...origins, ...wanted])];
        return granted;
      }),
      remove: vi.fn(async ({ origins: gone }: { origins: string[] }) => {
        origins = origins.filter((o) => !gone.includes(o));
        return true;
      }),
      getAll: vi.fn(async () => ({ origins: [...origins], permissions: ['storage'] })),
    },
    storage: {
      sync: {
        get: vi.fn(async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in sync).map((k) => [k, sync[k]]))),
        set: vi.fn(async (items: Record<string, unknown>) => {
          Object.assign(sync, items);
        }),
      },
      onChanged: {
        addListener: vi.fn((listener: (changes: Record<string, unknown>, areaName: string) => void) => storageListeners.add(listener)),
        removeListener: vi.fn((listener: (changes: Record<string, unknown>, areaName: string) => void) => storageListeners.delete(listener)),
      },
    },
  } satisfies UiBrowserApi;

  return {
    api,
    sent,
    /** Messages the shared catalog would reject. */
    invalid,
    sync,
    setTabState(next: TabState | unknown) {
      tabState = next;
    },
    /** What the worker's storage.session write looks like to a listening page. */
    emitStorageChange(changes: Record<string, unknown>, areaName: string) {
      for (const listener of storageListeners) listener(changes, areaName);
    },
    listenerCount: () => storageListeners.size,
    ofType(type: string) {
      return sent.filter((m) => m.type === type);
    },
  };
}
