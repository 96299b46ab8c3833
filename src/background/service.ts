// The worker, assembled: message handlers, tab and permission events, settings changes. Built
// from an injected Platform and engine so the whole worker runs in unit tests against the fake
// browser; main.ts passes the real ones and adds the listeners synchronously.
import type { BackgroundToContentMessage, ContentMessage } from '../shared/messages';
import type {
  InstalledHandler,
  MessageHandler,
  PermissionsHandler,
  Platform,
  StorageChangedHandler,
  TabRemovedHandler,
  TabUpdatedHandler,
} from '../platform/types';
import { fail, type TabState, type UiReply } from './api';
import { Analyzer, locateFinding, refreshBadge } from './analyze';
import { ContentScriptRegistrar, injectContentScript, injectIntoOpenTabs } from './activate';
import { clearBadge, englishTranslate, type Translate } from './badge';
import { AuditLog, findingHash, reasonCategory } from './dismissals';
import type { EngineApi } from './engine-api';
import { frameSnapshot } from './frames';
import { HistoryHook, historyState } from './history-hook';
import { readingHandlers } from './reading';
import { createRouter, type ContentSender, type UiRequest } from './router';
import { policyAwarePermissions, policySites } from './policy-origins';
import { extensionIdentity, isWebOrigin } from './sender';
import { isDismissLocked, isRuleLevelLocked, isSettingLocked } from '../settings';
import { SettingsStore } from './settings';
import { markPending, MAX_RERUNS, resetVisit, TabStore, type Logger, type TabRecord } from './state';
import { buildPolicyState, buildTabState } from './view';

export interface BackgroundDeps {
  platform: Platform;
  engine: EngineApi;
  now?: () => number;
  analyzeDelayMs?: number;
  /** How long a settings read waits for storage.managed before going on without it (settings.ts). */
  managedTimeoutMs?: number;
  log?: Logger;
}

export interface Background {
  onMessage: MessageHandler;
  onTabRemoved: TabRemovedHandler;
  onTabUpdated: TabUpdatedHandler;
  onPermissionsAdded: PermissionsHandler;
  onPermissionsRemoved: PermissionsHandler;
  onStorageChanged: StorageChangedHandler;
  onInstalled: InstalledHandler;
  onStartup: () => void;
  /** Runs at every worker start: session access level, content-script registration, recovery. */
  start(): Promise<void>;
  readonly store: TabStore;
  readonly analyzer: Analyzer;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
}

const REQUEST_SNAPSHOT: BackgroundToContentMessage = { type: 'bg:request-snapshot' };
/** Shown when an analysis stopped the worker MAX_RERUNS times in a row (no PHI). */
export const INTERRUPTED =
  'The check of this page was interrupted several times (the browser stopped the extension while it ran; the page may be too large). Rescan to try again.';
/** How often an open popup's questions may ping the tab's frames (liveness, fresh snapshots). */
const FRAME_REFRESH_MS = 5000;

export function createBackground(deps: BackgroundDeps): Background {
  const { platform, engine } = deps;
  const now = deps.now ?? Date.now;
  const log: Logger = deps.log ?? (() => undefined);
  const store = new TabStore(platform.storage.session, log);
  const settings = new SettingsStore(platform.storage, {
    known: () => ({
      rules: new Set(engine.listAllRules().map((rule) => rule.id)),
      profiles: new Set(engine.listProfiles().map((profile) => profile.id)),
    }),
    ...(deps.managedTimeoutMs !== undefined ? { managedTimeoutMs: deps.managedTimeoutMs } : {}),
    // The first storage.managed answer can arrive seconds late (fresh Chrome profile): apply it then.
    onLatePolicy: () => void policyChanged().catch((error: unknown) => log('applying a late policy failed', error)),
  });
  // The badge tooltip in the user's language; English when the browser has no string (tests, old builds).
  const translate: Translate = (key, substitutions) => {
    try {
      const text = platform.i18n?.getMessage(key, substitutions) ?? '';
      return text !== '' ? text : englishTranslate(key, substitutions);
    } catch {
      return englishTranslate(key, substitutions);
    }
  };
  const reading = readingHandlers({ store, settings, sync: platform.storage.sync, tabs: platform.tabs, scripting: platform.scripting, now });
  const history = new HistoryHook({ local: platform.storage.local, tabs: store, now, log });
  const analyzer = new Analyzer({ store, engine, settings, action: platform.action, translate, delayMs: deps.analyzeDelayMs ?? 60, now, log, history });
  const audit = new AuditLog(platform.storage.local);
  // The registrar sees the origins we may run on: with a site policy, its sites we hold access to.
  const registrar = new ContentScriptRegistrar(
    { scripting: platform.scripting, permissions: policyAwarePermissions(platform.permissions, () => settings.get()) },
    log,
  );
  let registered: string[] = [];

  async function syncRegistration(): Promise<string[]> {
    registered = await registrar.sync();
    return registered;
  }

  /** Policy changed (or arrived late): re-register, reach already open tabs of new sites, re-check. */
  async function policyChanged(): Promise<void> {
    const before = registered;
    const current = await syncRegistration();
    const added = current.filter((pattern) => !before.includes(pattern));
    if (added.length > 0) await injectIntoOpenTabs(platform, added, log);
    await reanalyzeAll();
  }

  /** Ask every frame's content script to report again (after a reset, or a worker restart). */
  async function broadcastRequestSnapshot(tabId: number): Promise<void> {
    await platform.tabs.sendMessage(tabId, REQUEST_SNAPSHOT).catch(() => undefined);
  }

  // ---- content script → worker -------------------------------------------------------------

  async function onContent(message: ContentMessage, sender: ContentSender): Promise<unknown> {
    if (message.type === 'cs:configs') return reading.frameConfigs(sender.origin, message.href);
    if (message.type === 'cs:open-finding') {
      await openFinding(sender.tabId, message.findingKey);
      return;
    }
    const { tabId, frameId, documentId, origin } = sender;
    if (message.type === 'cs:picked') {
      await reading.picked(tabId, origin, message.selector);
      return;
    }
    const { value: topReloaded } = await store.update(tabId, (record) => {
      const previous = record.frames.find((frame) => frame.frameId === frameId);
      const newDocument = documentId !== undefined && previous?.documentId !== undefined && previous.documentId !== documentId;
      let topReloaded = false;
      if (newDocument) {
        // The frame loaded another document: possibly another patient. Dismissals and the profile
        // override belong to the visit they were made on, so a new visit starts.
        if (frameId === 0) {
          resetVisit(record);
          topReloaded = true;
        } else {
          record.epoch += 1;
          record.dismissals = [];
          record.profileOverride = null;
        }
      }
      const frames = record.frames.filter((frame) => frame.frameId !== frameId);
      frames.push({
        frameId,
        ...(documentId !== undefined ? { documentId } : {}),
        snapshot: frameSnapshot(message, previous?.snapshot, origin),
        at: now(),
      });
      record.frames = frames.sort((a, b) => a.frameId - b.frameId);
      record.access = 'injected';
      if (frameId === 0) record.origin = origin;
      markPending(record, now());
      return topReloaded;
    });
    // A new top document replaced every frame; those that reported before it must report again.
    if (topReloaded) void broadcastRequestSnapshot(tabId);
    void analyzer.schedule(tabId);
  }

  /**
   * The in-page tip's "open in Claim Guard": remember the finding for the tab (the popup or side
   * panel expands it when it opens or is open), then open whatever the browser lets us open from
   * here. Chrome's side panel and Firefox's sidebar need the user's click to have reached us;
   * action.openPopup works without it in recent Chrome. When none opens, the tip tells the user
   * to click the toolbar button; the finding is waiting there.
   */
  async function openFinding(tabId: number, findingKey: string): Promise<void> {
    const record = await store.read(tabId);
    if (!record?.result?.keys.includes(findingKey)) return;
    await store.updateExisting(tabId, (rec) => {
      rec.focus = { findingKey, at: now() };
    });
    const attempts: Array<() => Promise<void> | undefined> = [
      () => platform.sidePanel?.open({ tabId }),
      () => platform.sidebarAction?.open(),
      () => platform.action.openPopup?.(),
    ];
    for (const attempt of attempts) {
      try {
        const pending = attempt();
        if (pending === undefined) continue;
        await pending;
        return;
      } catch (error) {
        log('opening the finding', error);
      }
    }
  }

  // ---- popup / options → worker --------------------------------------------------------------

  async function view(tabId: number, record?: TabRecord | null): Promise<TabState> {
    const current = record === undefined ? await store.read(tabId) : record;
    return buildTabState(current, engine, await settings.get());
  }

  async function tabOrigin(tabId: number): Promise<string | null> {
    try {
      const url = (await platform.tabs.get(tabId)).url;
      if (!url) return null;
      const origin = new URL(url).origin;
      return isWebOrigin(origin) ? origin : null;
    } catch {
      return null;
    }
  }

  /**
   * Ping each known frame on its own: a frame that answers re-sends its snapshot; one that is
   * gone (iframe removed, navigated where we may not run) is dropped from the visit.
   */
  async function refreshFrames(tabId: number): Promise<void> {
    const record = await store.read(tabId);
    if (!record) return;
    const gone: number[] = [];
    await Promise.all(
      record.frames.map(async (frame) => {
        try {
          await platform.tabs.sendMessage(tabId, REQUEST_SNAPSHOT, { frameId: frame.frameId });
        } catch {
          gone.push(frame.frameId);
        }
      }),
    );
    if (gone.length === 0) return;
    await store.updateExisting(tabId, (rec) => {
      rec.frames = rec.frames.filter((frame) => !gone.includes(frame.frameId));
      markPending(rec, now());
    });
    await analyzer.schedule(tabId);
  }

  /** When each tab's frames were last pinged for the popup (at most every FRAME_REFRESH_MS). */
  const refreshed = new Map<number, number>();

  /** The popup opened over this tab (activeTab is granted now): make sure we read it. */
  async function ensureContent(tabId: number): Promise<void> {
    const record = await store.read(tabId);
    if (record && record.frames.length > 0) {
      // An open popup asks again on every stored change; each ping makes every frame report (a
      // store write): pinging on every ask would feed back into itself while the popup is open.
      if (now() - (refreshed.get(tabId) ?? -Infinity) >= FRAME_REFRESH_MS) {
        refreshed.set(tabId, now());
        void refreshFrames(tabId);
      }
      // Only the top frame's messages stamp the site's origin; the popup needs it to offer a grant.
      if (record.origin === null) {
        const origin = await tabOrigin(tabId);
        if (origin !== null) await store.updateExisting(tabId, (rec) => void (rec.origin ??= origin));
      }
      return;
    }
    const outcome = await injectContentScript(platform.scripting, tabId, log);
    const origin = await tabOrigin(tabId);
    await store.update(tabId, (rec) => {
      rec.access = outcome;
      if (origin !== null && rec.origin === null) rec.origin = origin;
    });
  }

  async function onUi(message: UiRequest): Promise<UiReply> {
    switch (message.type) {
      case 'ui:get-tab-state': {
        await ensureContent(message.tabId);
        await catchUp(message.tabId);
        return view(message.tabId);
      }
      case 'ui:rescan': {
        const record = await store.read(message.tabId);
        if (record && record.frames.length > 0) await refreshFrames(message.tabId);
        else await ensureContent(message.tabId);
        return view(message.tabId);
      }
      case 'ui:set-profile': {
        const resolved = await settings.get();
        if (isSettingLocked(resolved, 'defaultProfile')) return fail('locked');
        const { profile } = message;
        if (profile !== null && !engine.listProfiles().some((p) => p.id === profile)) return fail('unknown-profile');
        await store.update(message.tabId, (record) => {
          record.profileOverride = profile;
        });
        return view(message.tabId, await analyzer.run(message.tabId));
      }
      case 'ui:dismiss': {
        if (isDismissLocked(await settings.get())) return fail('locked');
        const { tabId, findingKey, ruleId } = message;
        // Only the category is kept, in the session too: free text typed beside a chart may be PHI.
        const reason = reasonCategory(message.reason);
        const at = now();
        const updated = await store.updateExisting(tabId, (record) => {
          const index = record.result?.keys.indexOf(findingKey) ?? -1;
          if (index < 0 || record.result?.result.findings[index]?.ruleId !== ruleId) return false;
          record.dismissals = record.dismissals.filter((d) => d.findingKey !== findingKey);
          record.dismissals.push({ findingKey, ruleId, reason, at });
          return true;
        });
        if (!updated?.value) return fail('unknown-finding');
        await audit.append(ruleId, findingHash(ruleId, findingKey), at, reason).catch((error: unknown) => log('audit log write failed', error));
        await refreshBadge(platform.action, updated.record, translate);
        return view(tabId, updated.record);
      }
      case 'ui:undismiss': {
        const updated = await store.updateExisting(message.tabId, (record) => {
          const gone = record.dismissals.filter((d) => d.findingKey === message.findingKey);
          record.dismissals = record.dismissals.filter((d) => d.findingKey !== message.findingKey);
          return gone;
        });
        for (const dismissal of updated?.value ?? []) {
          await audit
            .removeLatest(dismissal.ruleId, findingHash(dismissal.ruleId, dismissal.findingKey))
            .catch((error: unknown) => log('audit log write failed', error));
        }
        if (updated) await refreshBadge(platform.action, updated.record, translate);
        return view(message.tabId, updated?.record ?? null);
      }
      case 'ui:rule-scope': {
        const { tabId, ruleId, scope, off } = message;
        // Turned off per payer or site: the visit's own rules (analyze.ts drops their findings after the
        // check); the cross-visit rules follow the levels and disabled rules only.
        if (!engine.listAllRules().some((rule) => rule.id === ruleId && !rule.acrossVisits)) return fail('unknown-rule');
        const record = await store.read(tabId);
        const value = scope === 'profile' ? (record?.result?.result.profile.id ?? null) : (record?.origin ?? null);
        if (value === null || (scope === 'site' && !isWebOrigin(value))) return fail(scope === 'site' ? 'no-site' : 'unknown-profile');
        const outcome = await settings.setRuleScope(ruleId, scope, value, off);
        if (outcome === 'locked') return fail('locked');
        return view(tabId, await analyzer.run(tabId));
      }
      case 'ui:get-audit':
        return { entries: await audit.read() };
      case 'ui:show-in-note':
        return showInNote(message.tabId, message.findingKey);
      case 'ui:rule-level': {
        if (!engine.listAllRules().some((rule) => rule.id === message.ruleId)) return fail('unknown-rule');
        if (isRuleLevelLocked(await settings.get(), message.ruleId)) return fail('locked');
        const outcome = await settings.setRuleLevel(message.ruleId, message.level);
        return outcome === 'ok' ? { ok: true } : fail('locked');
      }
      case 'ui:get-policy': {
        const resolved = await settings.get();
        return buildPolicyState(resolved, await policySites(platform.permissions, resolved));
      }
      case 'ui:get-reading':
        return reading.view(message.tabId);
      case 'ui:correct-reading':
        return reading.correct(message.tabId, message.action, message.part);
      case 'ui:forget-patient': {
        if (!(await history.forgetPatient(await store.read(message.tabId)))) return fail('no-patient');
        return view(message.tabId, await analyzer.run(message.tabId));
      }
      case 'ui:get-history':
        return historyState(history, await settings.get());
      case 'ui:forget-history':
        await history.forgetAll();
        await reanalyzeAll();
        return historyState(history, await settings.get());
    }
  }

  /**
   * The highlighter (src/content/highlight.ts) and the highlight's accessible flag and in-page tip
   * (src/content/tip.ts): loaded into the frame only now (the content script stays small), then the
   * tip is given the finding's label (rule title, severity, key; nothing from the note) as data.
   * A frame that cannot be scripted answers the highlight request with ok: false.
   */
  async function loadHighlighter(tabId: number, frameId: number, label: TipLabel): Promise<void> {
    const target = { tabId, frameIds: [frameId] };
    try {
      await platform.scripting.executeScript({ target, files: ['highlight.js', 'tip.js'] });
      await platform.scripting.executeScript({ target, func: prepareTipInPage, args: [label] });
    } catch (error) {
      log('loading the highlighter', error);
    }
  }

  async function showInNote(tabId: number, findingKey: string): Promise<UiReply> {
    if (!(await settings.get()).settings.highlightEnabled) return fail('highlight-disabled');
    const record = await store.read(tabId);
    const index = record?.result?.keys.indexOf(findingKey) ?? -1;
    const finding = index >= 0 ? record?.result?.result.findings[index] : undefined;
    if (!finding) return fail('unknown-finding');
    // Evidence in the note, else the claim line's row, card or list item (findings about a line).
    const target = record ? locateFinding(record, finding) : null;
    if (!target) return fail('no-evidence');
    const highlight: BackgroundToContentMessage =
      target.kind === 'text'
        ? { type: 'bg:highlight', partId: target.block, start: target.start, end: target.end }
        : { type: 'bg:highlight-element', anchor: target.anchor };
    await loadHighlighter(tabId, target.frameId, { findingKey, title: finding.title.slice(0, 300), severity: finding.severity });
    // One highlight per tab: clear any left in the tab's other frames (they may be gone; ignore).
    const clear: BackgroundToContentMessage = { type: 'bg:clear-highlight' };
    await Promise.all(
      (record?.frames ?? [])
        .filter((frame) => frame.frameId !== target.frameId)
        .map((frame) => platform.tabs.sendMessage(tabId, clear, { frameId: frame.frameId }).catch(() => undefined)),
    );
    let reply: unknown;
    try {
      reply = await platform.tabs.sendMessage(tabId, highlight, { frameId: target.frameId });
    } catch {
      return fail('frame-gone');
    }
    // The frame answers { ok: false } when the text is no longer there (or highlight.js could not be loaded).
    return (reply as { ok?: unknown } | undefined)?.ok === false ? fail('no-evidence') : { ok: true };
  }

  // ---- browser events ------------------------------------------------------------------------

  async function reanalyzeAll(): Promise<void> {
    const ids = await store.tabIds();
    await Promise.all(
      ids.map(async (id) => {
        // Settings changed: every result is stale until re-checked, even if this worker stops first.
        await store.updateExisting(id, (record) => markPending(record, now()));
        await analyzer.schedule(id);
      }),
    );
  }

  // ---- interrupted analyses ------------------------------------------------------------------
  // A change is stored with a "pending since" marker that only the analysis catching up clears.
  // A marker no run of this worker is working on was left by a stopped worker (MV3 stops idle
  // workers, and a reload or a crash can stop one mid-run): it is re-run, at worker start and
  // before the popup is answered, so the popup never shows "not an EHR page" for an EHR page
  // whose check was cut short. One that stops the worker every time is given up on, and said so.

  const recovering = new Map<number, Promise<void>>();

  /** Re-run the tab's interrupted analysis (once per worker, however many ask). */
  function recover(tabId: number): Promise<void> {
    let running = recovering.get(tabId);
    if (!running) {
      running = rerun(tabId).finally(() => recovering.delete(tabId));
      recovering.set(tabId, running);
    }
    return running;
  }

  async function rerun(tabId: number): Promise<void> {
    const updated = await store.updateExisting(tabId, (record) => {
      if (record.pendingSince === undefined) return false;
      const reruns = record.reruns ?? 0;
      if (reruns >= MAX_RERUNS) {
        delete record.pendingSince;
        delete record.reruns;
        record.result = null;
        record.error = INTERRUPTED;
        return false;
      }
      record.reruns = reruns + 1;
      return true;
    });
    if (!updated) return;
    if (updated.value) await analyzer.run(tabId);
    else await refreshBadge(platform.action, updated.record, translate);
  }

  /** Before answering the popup: let a scheduled run finish, or re-run an interrupted one. */
  async function catchUp(tabId: number): Promise<void> {
    const record = await store.read(tabId);
    if (record?.pendingSince === undefined) return;
    await (analyzer.scheduled(tabId) ?? recover(tabId));
  }

  async function recoverInterrupted(): Promise<void> {
    for (const tabId of await store.tabIds()) {
      const record = await store.read(tabId);
      if (record?.pendingSince !== undefined && analyzer.scheduled(tabId) === null) await recover(tabId);
    }
  }

  async function newVisit(tabId: number): Promise<void> {
    analyzer.cancel(tabId);
    const updated = await store.updateExisting(tabId, (record) => resetVisit(record));
    if (updated) {
      await clearBadge(platform.action, tabId, translate);
      // Same-document navigations (SPA routes) keep their content scripts: have them report.
      await broadcastRequestSnapshot(tabId);
    }
  }

  async function recoverLostFrames(): Promise<void> {
    for (const tabId of await store.tabIds()) {
      const record = await store.read(tabId);
      if (record?.frames.some((frame) => frame.lost)) await broadcastRequestSnapshot(tabId);
    }
  }

  const onMessage = createRouter(
    extensionIdentity(platform.runtime),
    { content: onContent, ui: (message) => onUi(message) },
    log,
  );

  const swallow = (what: string) => (error: unknown) => log(`${what} failed`, error);

  return {
    onMessage,
    onTabRemoved: (tabId) => {
      analyzer.cancel(tabId);
      history.dropTab(tabId);
      void store.remove(tabId).catch(swallow('clearing a closed tab'));
    },
    onTabUpdated: (tabId, changeInfo) => {
      // Top-level navigation (or an SPA route change reported as one): a new visit may start.
      // tabs.onUpdated fires without the `tabs` permission; `status` is always visible.
      if (changeInfo.status === 'loading') void newVisit(tabId).catch(swallow('resetting a navigated tab'));
    },
    onPermissionsAdded: () => {
      // Only the granted origins we may run on (a site policy can exclude some) reach open tabs.
      const before = registered;
      void syncRegistration()
        .then((current) => injectIntoOpenTabs(platform, current.filter((pattern) => !before.includes(pattern)), log))
        .catch(swallow('registering content scripts'));
    },
    onPermissionsRemoved: () => {
      void syncRegistration().catch(swallow('unregistering content scripts'));
    },
    onStorageChanged: (changes, areaName) => {
      if (!settings.onStorageChanged(changes, areaName)) return;
      if (areaName === 'managed') void policyChanged().catch(swallow('applying a policy change'));
      else void reanalyzeAll().catch(swallow('re-analyzing after a settings change'));
    },
    // Nothing to do in these two: start() runs at every worker start. They are listened to so
    // that the browser starts the worker at install and at browser start (Firefox does not keep
    // registered content scripts across sessions; start() registers them again).
    onInstalled: () => undefined,
    onStartup: () => undefined,
    async start() {
      await store.restrictAccess();
      await syncRegistration().catch(swallow('registering content scripts'));
      await recoverLostFrames().catch(swallow('recovering frames'));
      await recoverInterrupted().catch(swallow('re-running interrupted analyses'));
    },
    store,
    analyzer,
    settings,
    audit,
  };
}

interface TipLabel {
  findingKey: string;
  title: string;
  severity: 'error' | 'warning' | 'info';
}

/**
 * Runs in the page's frame (scripting.executeScript `func`), in the content scripts' isolated
 * world: hands the label to the tip tip.js registered there. Self-contained by necessity.
 */
function prepareTipInPage(label: TipLabel): void {
  const hook = (globalThis as Record<symbol, { prepare?(l: TipLabel): void } | undefined>)[Symbol.for('therapy-claim-guard.tip')];
  hook?.prepare?.(label);
}

/**
 * Adds every listener in one synchronous pass. MV3 requires this at the top level of the worker
 * script: an event that wakes a stopped worker is only delivered to listeners added in its first
 * turn.
 */
export function registerListeners(platform: Platform, background: Background): void {
  platform.runtime.onMessage.addListener(background.onMessage);
  platform.runtime.onInstalled.addListener(background.onInstalled);
  platform.runtime.onStartup.addListener(background.onStartup);
  platform.tabs.onRemoved.addListener(background.onTabRemoved);
  platform.tabs.onUpdated.addListener(background.onTabUpdated);
  platform.permissions.onAdded.addListener(background.onPermissionsAdded);
  platform.permissions.onRemoved.addListener(background.onPermissionsRemoved);
  platform.storage.onChanged.addListener(background.onStorageChanged);
}
