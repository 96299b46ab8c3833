// An in-memory browser that implements src/platform/types.ts Platform, for worker tests.
// Storage areas clone on the way in and out (like the real structured-clone boundary) and fire
// storage.onChanged; tabs hold frames whose "content scripts" are plain functions; scripting and
// permissions keep what was registered and granted so tests can assert on it.
import type { Manifest, Permissions, Runtime, Scripting, Tabs } from 'webextension-polyfill';
import type {
  BadgeColor,
  EventLike,
  MessageHandler,
  MessageSender,
  Platform,
  SessionAccessLevel,
  SessionStorageAreaLike,
  StorageAreaLike,
  StorageChangeLike,
  StorageChangedHandler,
} from '../../src/platform/types';

export class FakeEvent<F extends (...args: never[]) => unknown> implements EventLike<F> {
  readonly listeners: F[] = [];
  addListener(callback: F): void {
    if (!this.listeners.includes(callback)) this.listeners.push(callback);
  }
  removeListener(callback: F): void {
    const i = this.listeners.indexOf(callback);
    if (i >= 0) this.listeners.splice(i, 1);
  }
  hasListener(callback: F): boolean {
    return this.listeners.includes(callback);
  }
  fire(...args: Parameters<F>): Array<ReturnType<F>> {
    return this.listeners.map((listener) => listener(...args) as ReturnType<F>);
  }
}

function keysOf(keys: null | undefined | string | string[] | Record<string, unknown>): string[] | null {
  if (keys === null || keys === undefined) return null;
  if (typeof keys === 'string') return [keys];
  if (Array.isArray(keys)) return keys;
  return Object.keys(keys);
}

export class FakeStorageArea implements SessionStorageAreaLike {
  readonly data = new Map<string, unknown>();
  accessLevel: SessionAccessLevel | null = null;
  /** Make set() fail (e.g. a quota) when this returns an error for the items. */
  failSet: ((items: Record<string, unknown>) => Error | null) | null = null;
  /** Make get() reject, as Firefox's managed area does without a policy. */
  failGet: Error | null = null;
  sets = 0;

  constructor(
    readonly name: string,
    private readonly changed: FakeEvent<StorageChangedHandler>,
  ) {}

  async get(keys?: null | string | string[] | Record<string, unknown>): Promise<Record<string, unknown>> {
    await Promise.resolve();
    if (this.failGet) throw this.failGet;
    const wanted = keysOf(keys);
    const out: Record<string, unknown> = {};
    for (const [key, value] of this.data) {
      // An own data property even for "__proto__", as a structured clone or JSON.parse makes it.
      if (wanted === null || wanted.includes(key)) Object.defineProperty(out, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    await Promise.resolve();
    const failure = this.failSet?.(items) ?? null;
    if (failure) throw failure;
    this.sets += 1;
    const changes: Record<string, StorageChangeLike> = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.data.get(key), newValue: structuredClone(value) };
      this.data.set(key, structuredClone(value));
    }
    this.changed.fire(changes, this.name);
  }

  async remove(keys: string | string[]): Promise<void> {
    await Promise.resolve();
    const changes: Record<string, StorageChangeLike> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.data.has(key)) changes[key] = { oldValue: this.data.get(key) };
      this.data.delete(key);
    }
    if (Object.keys(changes).length > 0) this.changed.fire(changes, this.name);
  }

  async setAccessLevel(details: { accessLevel: SessionAccessLevel }): Promise<void> {
    this.accessLevel = details.accessLevel;
  }

  /** Policy changes arrive from outside the extension; tests call this to simulate one. */
  replaceAll(items: Record<string, unknown>): void {
    const changes: Record<string, StorageChangeLike> = {};
    for (const key of new Set([...this.data.keys(), ...Object.keys(items)])) {
      changes[key] = { oldValue: this.data.get(key), newValue: items[key] };
    }
    this.data.clear();
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
    this.changed.fire(changes, this.name);
  }
}

/** A frame's content script: receives bg:* messages, returns what it would sendResponse. */
export type FrameReceiver = (message: unknown) => unknown;

export interface FakeTab {
  id: number;
  url: string;
  /** frameId → receiver; a frame without one has no content script (sendMessage fails). */
  frames: Map<number, FrameReceiver | null>;
  /** Whether scripting.executeScript may run here (activeTab / host permission). */
  injectable: boolean;
}

const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';

export interface SentMessage {
  tabId: number;
  message: unknown;
  frameId?: number;
}

export interface FakeBadge {
  text: string;
  color?: BadgeColor | null;
  textColor?: BadgeColor | null;
  title?: string | null;
}

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

function matchesPattern(url: string, pattern: string): boolean {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (scheme !== '*' && `${scheme}:` !== parsed.protocol) return false;
  const hostOk =
    host === '*' ||
    host === parsed.hostname ||
    (host?.startsWith('*.') === true && (parsed.hostname === host.slice(2) || parsed.hostname.endsWith(host.slice(1))));
  const pathRe = new RegExp(`^${(path ?? '/*').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return hostOk && pathRe.test(parsed.pathname);
}

/**
 * Does a granted host pattern cover a requested one, as permissions.contains() decides? A broad
 * grant ("https://*\/*", "<all_urls>", as an enterprise build's host_permissions) covers the
 * specific sites under it.
 */
export function patternCovers(granted: string, requested: string): boolean {
  if (granted === requested || granted === '<all_urls>') return true;
  const g = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(granted);
  const r = /^(https?):\/\/([^/]+)\/\*$/.exec(requested);
  if (!g || !r) return false;
  const [, gScheme, gHost = ''] = g;
  const [, rScheme, rHost = ''] = r;
  if (gScheme !== '*' && gScheme !== rScheme) return false;
  if (gHost === '*') return true;
  if (gHost.startsWith('*.')) {
    const base = gHost.slice(2);
    const host = rHost.startsWith('*.') ? rHost.slice(2) : rHost;
    return host === base || host.endsWith(`.${base}`);
  }
  return gHost === rHost;
}

export class FakeBrowser implements Platform {
  readonly storageChanged = new FakeEvent<StorageChangedHandler>();
  readonly tabsById = new Map<number, FakeTab>();
  readonly sent: SentMessage[] = [];
  readonly badges = new Map<number, FakeBadge>();
  readonly executed: Scripting.ScriptInjection[] = [];
  registered: Scripting.RegisteredContentScript[] = [];
  granted = new Set<string>();
  /** Called after a successful executeScript, e.g. to let the test's content script report. */
  onInject: ((tabId: number) => void) | null = null;

  readonly localArea = new FakeStorageArea('local', this.storageChanged);
  readonly syncArea = new FakeStorageArea('sync', this.storageChanged);
  readonly sessionArea = new FakeStorageArea('session', this.storageChanged);
  readonly managedArea = new FakeStorageArea('managed', this.storageChanged);

  readonly runtime = {
    id: EXTENSION_ID,
    getURL: (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`,
    getManifest: (): Manifest.WebExtensionManifest => ({ manifest_version: 3, name: 'Therapy Claim Guard', version: '0.0.0' }),
    onMessage: new FakeEvent<MessageHandler>(),
    onInstalled: new FakeEvent<(details: Runtime.OnInstalledDetailsType) => void>(),
    onStartup: new FakeEvent<() => void>(),
  };

  readonly storage = {
    local: this.localArea as StorageAreaLike,
    sync: this.syncArea as StorageAreaLike,
    session: this.sessionArea as SessionStorageAreaLike,
    managed: this.managedArea as Pick<StorageAreaLike, 'get'>,
    onChanged: this.storageChanged,
  };

  readonly tabs = {
    get: async (tabId: number): Promise<Tabs.Tab> => {
      const tab = this.tabsById.get(tabId);
      if (!tab) throw new Error(`No tab with id: ${tabId}.`);
      return { id: tab.id, url: tab.url, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
    },
    sendMessage: async (tabId: number, message: unknown, options?: Tabs.SendMessageOptionsType): Promise<unknown> => {
      await Promise.resolve();
      this.sent.push(options?.frameId === undefined ? { tabId, message } : { tabId, message, frameId: options.frameId });
      const tab = this.tabsById.get(tabId);
      if (!tab) throw new Error(NO_RECEIVER);
      const receivers =
        options?.frameId === undefined
          ? [...tab.frames.values()].filter((r): r is FrameReceiver => r !== null)
          : [tab.frames.get(options.frameId) ?? null].filter((r): r is FrameReceiver => r !== null);
      if (receivers.length === 0) throw new Error(NO_RECEIVER);
      const replies = receivers.map((receive) => receive(structuredClone(message)));
      return replies[0];
    },
    query: async (queryInfo: Tabs.QueryQueryInfoType): Promise<Tabs.Tab[]> => {
      const patterns = queryInfo.url === undefined ? null : Array.isArray(queryInfo.url) ? queryInfo.url : [queryInfo.url];
      const out: Tabs.Tab[] = [];
      for (const tab of this.tabsById.values()) {
        if (patterns === null || patterns.some((p) => matchesPattern(tab.url, p))) out.push(await this.tabs.get(tab.id));
      }
      return out;
    },
    onUpdated: new FakeEvent<(tabId: number, changeInfo: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => void>(),
    onRemoved: new FakeEvent<(tabId: number, removeInfo: Tabs.OnRemovedRemoveInfoType) => void>(),
  };

  readonly action = {
    setBadgeText: async (details: { tabId?: number; text: string | null }): Promise<void> => {
      const tabId = details.tabId ?? -1;
      if (tabId >= 0 && !this.tabsById.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
      const badge = this.badges.get(tabId) ?? { text: '' };
      badge.text = details.text ?? '';
      this.badges.set(tabId, badge);
    },
    setBadgeBackgroundColor: async (details: { tabId?: number; color: BadgeColor | null }): Promise<void> => {
      const tabId = details.tabId ?? -1;
      const badge = this.badges.get(tabId) ?? { text: '' };
      badge.color = details.color;
      this.badges.set(tabId, badge);
    },
    setBadgeTextColor: async (details: { tabId?: number; color: BadgeColor | null }): Promise<void> => {
      const tabId = details.tabId ?? -1;
      const badge = this.badges.get(tabId) ?? { text: '' };
      badge.textColor = details.color;
      this.badges.set(tabId, badge);
    },
    setTitle: async (details: { tabId?: number; title: string | null }): Promise<void> => {
      const tabId = details.tabId ?? -1;
      const badge = this.badges.get(tabId) ?? { text: '' };
      badge.title = details.title;
      this.badges.set(tabId, badge);
    },
  };

  /** Chrome's side panel: records each open; `panelRefuses` makes it throw (no user gesture). */
  readonly panelOpens: Array<{ tabId?: number; windowId?: number }> = [];
  panelRefuses = false;
  readonly sidePanel = {
    open: async (options: { tabId?: number; windowId?: number }): Promise<void> => {
      if (this.panelRefuses) throw new Error('sidePanel.open() may only be called in response to a user gesture.');
      this.panelOpens.push(options);
    },
  };

  readonly scripting = {
    executeScript: async (injection: Scripting.ScriptInjection): Promise<Scripting.InjectionResult[]> => {
      await Promise.resolve();
      this.executed.push(injection);
      const tab = this.tabsById.get(injection.target.tabId);
      if (!tab) throw new Error(`No tab with id: ${injection.target.tabId}`);
      if (!tab.injectable) throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
      const result = [...tab.frames.keys()].map((frameId) => ({ frameId, documentId: `doc-${tab.id}-${frameId}` }));
      queueMicrotask(() => this.onInject?.(tab.id));
      return result;
    },
    registerContentScripts: async (scripts: Scripting.RegisteredContentScript[]): Promise<void> => {
      await Promise.resolve();
      for (const script of scripts) {
        if (this.registered.some((r) => r.id === script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        if (!script.matches || script.matches.length === 0) throw new Error('Script must specify matches');
        for (const pattern of script.matches) {
          if (!this.holds(pattern)) throw new Error(`Missing host permission for ${pattern}`);
        }
      }
      this.registered.push(...structuredClone(scripts));
    },
    getRegisteredContentScripts: async (filter?: Scripting.ContentScriptFilter): Promise<Scripting.RegisteredContentScript[]> => {
      await Promise.resolve();
      const ids = filter?.ids;
      return structuredClone(this.registered.filter((r) => ids === undefined || ids.includes(r.id)));
    },
    unregisterContentScripts: async (filter?: Scripting.ContentScriptFilter): Promise<void> => {
      await Promise.resolve();
      const ids = filter?.ids;
      this.registered = this.registered.filter((r) => ids !== undefined && !ids.includes(r.id));
    },
  };

  readonly permissions = {
    getAll: async (): Promise<Permissions.AnyPermissions> => ({ permissions: ['storage', 'activeTab', 'scripting'], origins: [...this.granted] }),
    contains: async (permissions: Permissions.AnyPermissions): Promise<boolean> => (permissions.origins ?? []).every((origin) => this.holds(origin)),
    onAdded: new FakeEvent<(permissions: Permissions.Permissions) => void>(),
    onRemoved: new FakeEvent<(permissions: Permissions.Permissions) => void>(),
  };

  /** Some granted pattern covers `pattern` (exact grants and broad host_permissions alike). */
  holds(pattern: string): boolean {
    return [...this.granted].some((granted) => patternCovers(granted, pattern));
  }

  // ---- test controls ------------------------------------------------------------------------

  addTab(tab: Partial<FakeTab> & { id: number; url: string }): FakeTab {
    const full: FakeTab = { frames: new Map([[0, null]]), injectable: true, ...tab };
    this.tabsById.set(full.id, full);
    return full;
  }

  closeTab(tabId: number): void {
    this.tabsById.delete(tabId);
    this.tabs.onRemoved.fire(tabId, { windowId: 1, isWindowClosing: false });
  }

  grant(origins: string[]): void {
    for (const origin of origins) this.granted.add(origin);
    this.permissions.onAdded.fire({ origins });
  }

  revoke(origins: string[]): void {
    for (const origin of origins) this.granted.delete(origin);
    this.permissions.onRemoved.fire({ origins });
  }

  /** Deliver a runtime message the way the browser does: to the (single) worker listener. */
  async send(message: unknown, sender: MessageSender): Promise<unknown> {
    const [listener] = this.runtime.onMessage.listeners;
    if (!listener) throw new Error('no runtime.onMessage listener');
    return listener(structuredClone(message), sender);
  }
}

/** The sender a content script in (tab, frame) gets stamped with. */
export function contentSender(
  tabId: number,
  frameId: number,
  origin = 'https://ehr.example.org',
  documentId?: string,
): MessageSender {
  const sender: MessageSender = {
    id: EXTENSION_ID,
    origin,
    url: `${origin}/encounter`,
    frameId,
    tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
  };
  if (documentId !== undefined) sender.documentId = documentId;
  return sender;
}

/** The sender the popup gets stamped with (no tab). */
export function popupSender(): MessageSender {
  return { id: EXTENSION_ID, origin: EXTENSION_ORIGIN, url: `${EXTENSION_ORIGIN}/popup.html` };
}
