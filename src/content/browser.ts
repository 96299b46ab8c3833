// The content script's only door to extension APIs, so tests mock one small module and nothing
// else reaches for `chrome`/`browser`. It does the little webextension-polyfill would do here
// (promises, a listener's promise as the response) without its ~10 KB: the content bundle has a
// 40 KB budget, and MV3 `chrome.*` (Chrome, Edge) and `browser.*` (Firefox) both return promises.
import type { ContentMessage } from '../shared/messages';

/** Storage key (managed policy and storage.sync) holding admin selector-adapter configs (a change to it makes the frame ask again). */
export const SELECTOR_ADAPTERS_KEY = 'selectorAdapters';

/** The browser-stamped fields of a message sender we rely on. */
export interface Sender {
  id?: string;
  frameId?: number;
  origin?: string;
}

export type InboundListener = (message: unknown, sender: Sender) => Promise<unknown> | undefined;

export interface ExtensionApi {
  /** Our extension id; undefined once the extension was reloaded or removed (context invalidated). */
  runtimeId(): string | undefined;
  send(message: ContentMessage): Promise<void>;
  /** Returns an unsubscribe function. */
  onMessage(listener: InboundListener): () => void;
  /**
   * The selector-adapter configs that apply to this frame at `href`, as the worker answers
   * cs:configs (it reads them with its settings' precedence, validates and matches them).
   */
  selectorConfigs(href: string): Promise<unknown[]>;
  /** Called when either storage area changes the configs. Returns an unsubscribe function. */
  onSelectorConfigsChanged(callback: () => void): () => void;
}

type RawListener = (message: unknown, sender: Sender, sendResponse: (response: unknown) => void) => boolean;
type ChangeListener = (changes: Record<string, unknown>, area: string) => void;

/** Managed key listing settings the user may not change (src/ui/locks.ts names). */
const LOCKED_SETTINGS_KEY = 'lockedSettings';

/** The subset of `chrome` / `browser` used here. */
export interface ExtensionNamespace {
  runtime?: {
    id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(l: RawListener): void; removeListener(l: RawListener): void };
  };
  storage?: {
    onChanged: { addListener(l: ChangeListener): void; removeListener(l: ChangeListener): void };
  };
}

/** Firefox's promise-based `browser`, else Chrome's `chrome`. */
function namespace(): ExtensionNamespace | undefined {
  const g = globalThis as { browser?: ExtensionNamespace; chrome?: ExtensionNamespace };
  return g.browser?.runtime ? g.browser : g.chrome;
}

export function extensionApi(ns: ExtensionNamespace | undefined = namespace()): ExtensionApi {
  const safely = (action: () => void): void => {
    try {
      action();
    } catch {
      // the extension context is already gone
    }
  };
  return {
    runtimeId(): string | undefined {
      try {
        return ns?.runtime?.id || undefined;
      } catch {
        return undefined;
      }
    },
    async send(message: ContentMessage): Promise<void> {
      if (!ns?.runtime) throw new Error('no extension runtime');
      await ns.runtime.sendMessage(message);
    },
    onMessage(listener: InboundListener): () => void {
      // sendResponse + `return true` keeps the channel open in every browser; a bare returned
      // promise is not understood by older Chrome versions.
      const raw: RawListener = (message, sender, sendResponse) => {
        const result = listener(message, sender);
        if (!result) return false;
        result.then(sendResponse, () => sendResponse(undefined));
        return true;
      };
      ns?.runtime?.onMessage.addListener(raw);
      return () => safely(() => ns?.runtime?.onMessage.removeListener(raw));
    },
    async selectorConfigs(href: string): Promise<unknown[]> {
      const reply = await ns?.runtime?.sendMessage({ type: 'cs:configs', href });
      return Array.isArray(reply) ? reply : [];
    },
    onSelectorConfigsChanged(callback: () => void): () => void {
      const listener: ChangeListener = (changes, area) => {
        if ((area === 'managed' || area === 'sync') && SELECTOR_ADAPTERS_KEY in changes) callback();
        else if (area === 'managed' && LOCKED_SETTINGS_KEY in changes) callback();
      };
      ns?.storage?.onChanged.addListener(listener);
      return () => safely(() => ns?.storage?.onChanged.removeListener(listener));
    },
  };
}
