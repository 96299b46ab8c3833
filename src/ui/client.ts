// The UI's only door to the browser: a thin layer over the webextension-polyfill API, built from
// an injected object so tests hand in a fake (the polyfill itself refuses to load outside an
// extension). Replies from the background are validated; bad ones fail closed.
import * as z from '../engine/zod';
import type { UiMessage } from '../shared/messages';
import { t } from './i18n';
import { errorTabState, parseTabState, type TabState } from './tab-state';

/** The slice of `browser` the UI uses; the polyfill's `browser` object satisfies it. */
export interface UiBrowserApi {
  runtime: { sendMessage(message: unknown): Promise<unknown>; openOptionsPage(): Promise<void> };
  tabs: {
    query(queryInfo: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number; windowId?: number }>>;
    /** The side panel follows the active tab of its window. */
    onActivated?: {
      addListener(listener: TabActivatedListener): void;
      removeListener(listener: TabActivatedListener): void;
    };
  };
  /** Chrome's side panel API (manifest side_panel); absent in Firefox. */
  sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> };
  /** Firefox's sidebar (manifest sidebar_action); absent in Chrome. */
  sidebarAction?: { open(): Promise<void> };
  permissions: {
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
    getAll(): Promise<{ origins?: string[] }>;
  };
  storage: {
    sync: {
      get(keys: string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    onChanged: {
      addListener(listener: StorageListener): void;
      removeListener(listener: StorageListener): void;
    };
  };
}

type StorageListener = (changes: Record<string, unknown>, areaName: string) => void;
type TabActivatedListener = (info: { tabId: number; windowId: number }) => void;

/** Where the worker keeps a tab's record in storage.session (src/background/state.ts). */
const TAB_KEY_PREFIX = 'tab:';

/** The options page's policy query; the background answers with a PolicyState (src/ui/policy-state.ts). */
export type GetPolicyMessage = Extract<UiMessage, { type: 'ui:get-policy' }>;

/** Actions that concern one tab; the background answers them with the tab's fresh TabState. */
export type TabAction = Exclude<Extract<UiMessage, { tabId: number }>, { type: 'ui:get-tab-state' | 'ui:show-in-note' }>;

/** The background's answer when it refuses a request: `{ ok: false, error: "locked" }`. */
const RefusalSchema = z.object({ ok: z.literal(false), error: z.string().check(z.maxLength(100)) });

export interface ActOutcome {
  state: TabState;
  /** The background's reason code when it refused the action (the state is re-read anyway). */
  refused?: string;
}


/** "ok", or the background's reason code for not highlighting ("highlight-disabled", …). */
export type ShowInNoteOutcome = 'ok' | string;

export interface PopupClient {
  /** The tab the popup was opened over; only its id is needed (no `tabs` permission). */
  activeTabId(): Promise<number | null>;
  /**
   * Calls `onChange` whenever the worker stores a new record for the tab (the note was edited,
   * another frame reported), so an open popup stays current. Returns the unsubscribe function.
   */
  watchTab(tabId: number, onChange: () => void): () => void;
  /** Never rejects: a missing or malformed reply becomes an error state. */
  getTabState(tabId: number): Promise<TabState>;
  /** Rejects when the message could not be delivered, so the popup can keep what it shows. */
  act(message: TabAction): Promise<ActOutcome>;
  showInNote(tabId: number, findingKey: string): Promise<ShowInNoteOutcome>;
  /** Must be called straight from a click handler: the browser needs the user gesture. */
  requestOrigin(pattern: string): Promise<boolean>;
  openOptions(): Promise<void>;
  /** The browser can show our side panel (Chrome) or sidebar (Firefox). */
  canOpenPanel(): boolean;
  /** Straight from a click (user gesture): opens the side panel in the popup's window. */
  openPanel(): Promise<void>;
  /** Side panel: calls `onChange` with the new tab when another tab of its window comes to the front. */
  watchActiveTab(onChange: (tabId: number) => void): () => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createPopupClient(api: UiBrowserApi): PopupClient {
  async function getTabState(tabId: number): Promise<TabState> {
    let reply: unknown;
    try {
      reply = await api.runtime.sendMessage({ type: 'ui:get-tab-state', tabId } satisfies UiMessage);
    } catch (error) {
      return errorTabState(t('errorNoBackground', describe(error)));
    }
    return parseTabState(reply) ?? errorTabState(t('errorBadReply'));
  }

  // Remembered at load, so openPanel() can call the browser synchronously inside the click.
  let windowId: number | undefined;

  return {
    async activeTabId() {
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      windowId = tab?.windowId ?? windowId;
      return tab?.id ?? null;
    },
    watchTab(tabId, onChange) {
      // The popup is a trusted context, so it sees storage.session changes (content scripts do not).
      const listener: StorageListener = (changes, areaName) => {
        if (areaName === 'session' && `${TAB_KEY_PREFIX}${tabId}` in changes) onChange();
      };
      api.storage.onChanged.addListener(listener);
      return () => api.storage.onChanged.removeListener(listener);
    },
    getTabState,
    async act(message) {
      const reply = await api.runtime.sendMessage(message);
      // A TabState reply saves a round trip; anything else means "ask again".
      const state = parseTabState(reply);
      if (state) return { state };
      const refusal = RefusalSchema.safeParse(reply);
      const fresh = await getTabState(message.tabId);
      return refusal.success ? { state: fresh, refused: refusal.data.error } : { state: fresh };
    },
    async showInNote(tabId, findingKey) {
      const reply = await api.runtime.sendMessage({ type: 'ui:show-in-note', tabId, findingKey } satisfies UiMessage);
      const refusal = RefusalSchema.safeParse(reply);
      return refusal.success ? refusal.data.error : 'ok';
    },
    requestOrigin(pattern) {
      return api.permissions.request({ origins: [pattern] });
    },
    openOptions() {
      return api.runtime.openOptionsPage();
    },
    canOpenPanel() {
      return typeof api.sidePanel?.open === 'function' || typeof api.sidebarAction?.open === 'function';
    },
    openPanel() {
      if (api.sidePanel) return api.sidePanel.open(windowId === undefined ? {} : { windowId });
      if (api.sidebarAction) return api.sidebarAction.open();
      return Promise.reject(new Error('no side panel in this browser'));
    },
    watchActiveTab(onChange) {
      const events = api.tabs.onActivated;
      if (!events) return () => undefined;
      const listener: TabActivatedListener = (info) => {
        if (windowId === undefined || info.windowId === windowId) onChange(info.tabId);
      };
      events.addListener(listener);
      return () => events.removeListener(listener);
    },
  };
}
