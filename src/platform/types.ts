// The slice of the WebExtension API this extension uses, typed once. The real object is the
// webextension-polyfill `browser` (src/platform/index.ts checks that it fits this shape at compile
// time); tests hand in test/background/fake-browser.ts instead. Keep it narrow: every member
// listed here is something the fake must implement and the reviewers must reason about.
import type { Manifest, Permissions, Runtime, Scripting, Tabs } from 'webextension-polyfill';

export interface EventLike<F> {
  addListener(callback: F): void;
  removeListener(callback: F): void;
  hasListener(callback: F): boolean;
}

export interface StorageChangeLike {
  oldValue?: unknown;
  newValue?: unknown;
}

export interface StorageAreaLike {
  get(keys?: null | string | string[] | Record<string, unknown>): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export type SessionAccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';

export interface SessionStorageAreaLike extends StorageAreaLike {
  /** Chrome 102+; absent in Firefox, whose session area is never exposed to content scripts. */
  setAccessLevel?(details: { accessLevel: SessionAccessLevel }): Promise<void>;
}

/** @types/webextension-polyfill 0.12 lacks `origin`, which both browsers stamp (Chrome 80+, Firefox 126+). */
export type MessageSender = Runtime.MessageSender & { origin?: string };

/** What a runtime.onMessage listener returns: a promise keeps the channel open for the reply. */
export type MessageHandler = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;

export type StorageAreaName = 'local' | 'sync' | 'session' | 'managed';
export type StorageChangedHandler = (changes: Record<string, StorageChangeLike>, areaName: string) => void;
export type TabUpdatedHandler = (tabId: number, changeInfo: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => void;
export type TabRemovedHandler = (tabId: number, removeInfo: Tabs.OnRemovedRemoveInfoType) => void;
export type PermissionsHandler = (permissions: Permissions.Permissions) => void;
export type InstalledHandler = (details: Runtime.OnInstalledDetailsType) => void;
export type BadgeColor = string | [number, number, number, number];

export interface Platform {
  runtime: {
    id: string;
    getURL(path: string): string;
    getManifest(): Manifest.WebExtensionManifest;
    onMessage: EventLike<MessageHandler>;
    onInstalled: EventLike<InstalledHandler>;
    onStartup: EventLike<() => void>;
  };
  storage: {
    local: StorageAreaLike;
    sync: StorageAreaLike;
    session: SessionStorageAreaLike;
    managed: Pick<StorageAreaLike, 'get'>;
    onChanged: EventLike<StorageChangedHandler>;
  };
  tabs: {
    /** The tab's url is visible only with host permission or an activeTab grant (no `tabs` permission). */
    get(tabId: number): Promise<Tabs.Tab>;
    sendMessage(tabId: number, message: unknown, options?: Tabs.SendMessageOptionsType): Promise<unknown>;
    query(queryInfo: Tabs.QueryQueryInfoType): Promise<Tabs.Tab[]>;
    onUpdated: EventLike<TabUpdatedHandler>;
    onRemoved: EventLike<TabRemovedHandler>;
  };
  action: {
    setBadgeText(details: { tabId?: number; text: string | null }): Promise<void>;
    setBadgeBackgroundColor(details: { tabId?: number; color: BadgeColor | null }): Promise<void>;
    setBadgeTextColor?(details: { tabId?: number; color: BadgeColor | null }): Promise<void>;
    /** The button's tooltip (badge.ts: counts per severity and the payer profile). */
    setTitle?(details: { tabId?: number; title: string | null }): Promise<void>;
    /** Chrome 127+, Firefox: opens the popup (the in-page tip's "open in Claim Guard"). */
    openPopup?(options?: { windowId?: number }): Promise<void>;
  };
  /** Chrome's side panel (manifest side_panel); absent in Firefox. */
  sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
  /** Firefox's sidebar (manifest sidebar_action); absent in Chrome. */
  sidebarAction?: { open(): Promise<void>; isOpen?(details: { windowId?: number }): Promise<boolean> };
  i18n?: { getMessage(key: string, substitutions?: string | string[]): string };
  scripting: {
    executeScript(injection: Scripting.ScriptInjection): Promise<Scripting.InjectionResult[]>;
    registerContentScripts(scripts: Scripting.RegisteredContentScript[]): Promise<void>;
    getRegisteredContentScripts(filter?: Scripting.ContentScriptFilter): Promise<Scripting.RegisteredContentScript[]>;
    unregisterContentScripts(filter?: Scripting.ContentScriptFilter): Promise<void>;
  };
  permissions: {
    getAll(): Promise<Permissions.AnyPermissions>;
    contains(permissions: Permissions.AnyPermissions): Promise<boolean>;
    onAdded: EventLike<PermissionsHandler>;
    onRemoved: EventLike<PermissionsHandler>;
  };
}
