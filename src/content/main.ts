// The content script, one instance per frame: pick an adapter, read, send the snapshot when it
// changed, re-read after DOM changes (debounced, at idle time), and answer the worker's
// highlight and re-read requests. Nothing runs at import time; the bundle entry calls main().
import { pickAdapters, readFrame, type Adapter, type PartSource } from '../adapters/index';
import { parseSelectorConfig } from '../adapters/selector-adapter';
import type { SelectorAdapterConfig } from '../adapters/selector';
import type { ContentMessage } from '../shared/messages';
import { extensionApi, type ExtensionApi } from './browser';
import { hashString } from './hash';
import { createHighlighter, type Highlighter } from './highlight';
import { parseInbound } from './inbound';
import { createScheduler } from './scheduler';

/** How long the input listener stays unhooked after a keystroke reached it. */
const TYPING_PAUSE_MS = 100;
import { createWatcher } from './watch';

export interface ContentOptions {
  window?: Window;
  api?: ExtensionApi;
  /** Quiet time after the last change before re-reading. */
  debounceMs?: number;
}

export interface ContentController {
  /** Read now; with `force`, send even when the snapshot did not change. */
  readNow(force?: boolean): void;
  highlighter: Highlighter;
  stop(): void;
}

/** Marks a frame whose content script already runs (manifest injection + executeScript). */
const RUNNING = Symbol.for('therapy-claim-guard.content');

function sourceConnected(source: PartSource): boolean {
  return source.kind === 'value' ? source.element.isConnected : source.root.isConnected;
}

export function main(options: ContentOptions = {}): ContentController | null {
  const win = options.window ?? window;
  const doc = win.document;
  const api = options.api ?? extensionApi();
  const flags = globalThis as { [RUNNING]?: boolean };
  if (flags[RUNNING] || !api.runtimeId() || !doc.documentElement) return null;
  flags[RUNNING] = true;

  let configs: SelectorAdapterConfig[] = [];
  let adapters: Adapter[] = [];
  let sources = new Map<string, PartSource>();
  let lastSent: number | undefined;
  let structural = true;
  let stopped = false;
  const cleanups: (() => void)[] = [];

  const highlighter = createHighlighter(doc);
  const scheduler = createScheduler(() => readNow(false), options.debounceMs ?? 200);
  const watcher = createWatcher((isStructural) => {
    if (isStructural) structural = true;
    scheduler.poke();
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    scheduler.cancel();
    watcher.disconnect();
    for (const cleanup of cleanups.splice(0)) cleanup();
    highlighter.destroy();
    delete flags[RUNNING];
  }

  function send(message: ContentMessage, force: boolean): void {
    const key = hashString(JSON.stringify(message));
    if (!force && key === lastSent) return;
    lastSent = key;
    api.send(message).catch(() => {
      // Not delivered (worker starting, or the extension was reloaded): resend next time.
      lastSent = undefined;
      if (!api.runtimeId()) stop();
    });
  }

  function readNow(force = false): void {
    if (stopped) return;
    // After an extension reload this script is orphaned: stop observing the page.
    if (!api.runtimeId()) {
      stop();
      return;
    }
    if (structural) {
      for (const adapter of adapters) adapter.invalidate?.(doc);
      // The URL may have changed without navigation (SPA), so pick again.
      adapters = pickAdapters(doc, win.location, configs);
      structural = false;
    }
    const frame = readFrame(doc, win.location, configs, adapters, { topFrame: win === win.top });
    sources = frame.sources;
    watcher.observe(frame.regions);
    send(frame.empty ? { type: 'cs:empty' } : { type: 'cs:snapshot', snapshot: frame.snapshot }, force);
  }

  function highlight(partId: string, start: number, end: number): boolean {
    let source = sources.get(partId);
    if (!source || !sourceConnected(source)) {
      readNow(false);
      source = sources.get(partId);
    }
    return source ? highlighter.show(source, start, end) : false;
  }

  // Keystrokes only poke the scheduler: O(1), no DOM access. During a typing burst even that is
  // too much (every event entering this isolated world costs ~0.1 ms), so after an `input` the
  // listener is unhooked for TYPING_PAUSE_MS: at most one keystroke per pause reaches this script.
  // The read still waits for the scheduler's quiet period after the last poke, so it runs after
  // the burst (a pause in typing shorter than the quiet period at worst costs one extra read).
  const onChange = (event: Event): void => {
    if (highlighter.isOverlaid(event.target)) highlighter.clear();
    scheduler.poke();
  };
  let paused: ReturnType<typeof setTimeout> | undefined;
  const onInput = (event: Event): void => {
    if (highlighter.isOverlaid(event.target)) highlighter.clear();
    scheduler.poke({ typing: true });
    doc.removeEventListener('input', onInput, { capture: true });
    paused = setTimeout(() => {
      paused = undefined;
      if (!stopped) doc.addEventListener('input', onInput, { capture: true, passive: true });
    }, TYPING_PAUSE_MS);
  };
  doc.addEventListener('input', onInput, { capture: true, passive: true });
  cleanups.push(() => {
    if (paused !== undefined) clearTimeout(paused);
    doc.removeEventListener('input', onInput, { capture: true });
  });
  // focusin: OpenEMR's Billing Manager reads the encounter the user is working in.
  for (const type of ['change', 'focusin']) {
    doc.addEventListener(type, onChange, { capture: true, passive: true });
    cleanups.push(() => doc.removeEventListener(type, onChange, { capture: true }));
  }

  cleanups.push(
    api.onMessage((message, sender) => {
      // Only our own extension (the worker) may drive this script; browser-stamped sender.id.
      const id = api.runtimeId();
      if (stopped || !id || sender.id !== id) return undefined;
      // Same acceptance as parseMessage(BackgroundToContent, message), without zod (see inbound.ts).
      const parsed = parseInbound(message);
      if (!parsed) return undefined;
      switch (parsed.type) {
        case 'bg:highlight':
          return Promise.resolve({ ok: highlight(parsed.partId, parsed.start, parsed.end) });
        case 'bg:clear-highlight':
          highlighter.clear();
          return undefined;
        case 'bg:request-snapshot':
          readNow(true);
          return undefined;
      }
    }),
  );

  const loadConfigs = (): void => {
    api
      .selectorConfigs()
      .then((raw) => {
        if (stopped) return;
        const valid: SelectorAdapterConfig[] = [];
        for (const entry of raw) {
          const config = parseSelectorConfig(entry, doc);
          if (config) valid.push(config);
        }
        if (valid.length === 0 && configs.length === 0) return; // nothing changes the pick
        configs = valid;
        structural = true;
        scheduler.soon();
      })
      .catch(() => undefined);
  };
  cleanups.push(api.onSelectorConfigsChanged(loadConfigs));
  loadConfigs();

  scheduler.soon();
  return { readNow, highlighter, stop };
}
