// The content script, one instance per frame: describe the page (src/adapters), send the description
// when it changed, re-read after DOM changes (debounced, at idle time), and answer the worker's
// highlight, pick and selector requests. The highlighter (highlight.js) and the pick and selector
// tools (corrections.js) are not in this bundle: the worker injects them into a frame just before
// it asks for them. Nothing runs at import time; the bundle entry calls main().
//
// Per keystroke the script does O(1) work (it records which editor changed and pokes the scheduler).
// After a typing burst only the typed-in editors are read again; the whole page is described again
// only when its structure changed.
import { ElementIds, readFrame, updateBlock, type FrameRead, type PartSource } from '../adapters/index';
import { elementTextSource } from '../adapters/page/describe';
import type { SelectorAdapterConfig } from '../adapters/selector';
import type { ContentMessage } from '../shared/messages';
import { PAGE_LIMITS } from '../shared/page';
import { extensionApi, type ExtensionApi } from './browser';
import { hashString } from './hash';
import { highlightHook, type Highlighter } from './highlight-hook';
import { highlightElement } from './highlight-element';
import { parseInbound } from './inbound';
import { timed } from './perf';
import { correctionsHook, type Picker } from './corrections-hook';
import { createScheduler } from './scheduler';
import { createWatcher } from './watch';

/** How long the input listener stays unhooked after a keystroke reached it. */
const TYPING_PAUSE_MS = 100;
/** Changes unread for longer than this make the worker show the result as stale. */
const STALE_AFTER_MS = 1000;

export interface ContentOptions {
  window?: Window;
  api?: ExtensionApi;
  /** Quiet time after the last change before re-reading. */
  debounceMs?: number;
  /** Tests only: let synthetic events drive the picker (the page's own scripts never may). */
  untrustedPicks?: boolean;
}

export interface ContentController {
  /** Read now; with `force`, send even when the snapshot did not change. */
  readNow(force?: boolean): void;
  /** The frame's highlighter, once the worker loaded highlight.js and a highlight was asked for. */
  highlighter(): Highlighter | null;
  stop(): void;
}

/** Marks a frame whose content script already runs (manifest injection + executeScript). */
const RUNNING = Symbol.for('therapy-claim-guard.content');

function sourceConnected(source: PartSource): boolean {
  return source.kind === 'value' ? source.element.isConnected : source.root.isConnected;
}

/** The editor (textarea or contenteditable root) a node is in, among those last described. */
function editorAround(node: Node, editors: Map<Element, string>): Element | null {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
    if (n.nodeType === 1 && editors.has(n as Element)) return n as Element;
  }
  return null;
}

export function main(options: ContentOptions = {}): ContentController | null {
  const win = options.window ?? window;
  const doc = win.document;
  const api = options.api ?? extensionApi();
  const flags = globalThis as { [RUNNING]?: boolean };
  if (flags[RUNNING] || !api.runtimeId() || !doc.documentElement) return null;
  flags[RUNNING] = true;

  const ids = new ElementIds();
  let configs: SelectorAdapterConfig[] = [];
  /** The address the configs were asked for (a single-page app changes it without a new document). */
  let configsAt = '';
  let last: FrameRead | null = null;
  let lastSent: number | undefined;
  let structural = true;
  const dirty = new Set<Element>();
  let staleSent = false;
  let stopped = false;
  const cleanups: (() => void)[] = [];
  const top = win === win.top;

  // Made on the first highlight request, from highlight.js (the worker injects it first).
  let highlighter: Highlighter | null = null;
  const ensureHighlighter = (): Highlighter | null => (highlighter ??= highlightHook()?.create(doc) ?? null);
  let picker: Picker | null = null;
  // Timed in the demo build only (./perf.ts): the typing benchmark's per-keystroke figure.
  const scheduler = createScheduler(timed('read', () => readNow(false)), options.debounceMs ?? 200);
  const watcher = createWatcher(
    (change) => {
      if (change.structural) structural = true;
      for (const editor of change.editors) dirty.add(editor);
      poke(false);
    },
    (node) => (last ? editorAround(node, last.editors) : null),
  );

  function stop(): void {
    if (stopped) return;
    stopped = true;
    scheduler.cancel();
    watcher.disconnect();
    for (const cleanup of cleanups.splice(0)) cleanup();
    highlighter?.destroy();
    picker?.cancel();
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

  /**
   * Something changed. When the page has kept changing for a while without a read (it rewrites
   * itself, the scheduler backs off), tell the worker: what it holds is no longer current.
   */
  function poke(typing: boolean): void {
    scheduler.poke(typing ? { typing: true } : undefined);
    if (!typing && !staleSent && last && scheduler.waiting() > STALE_AFTER_MS) {
      staleSent = true;
      api.send({ type: 'cs:pending' }).catch(() => undefined);
    }
  }

  function readNow(force = false): void {
    if (stopped) return;
    // After an extension reload this script is orphaned: stop observing the page.
    if (!api.runtimeId()) {
      stop();
      return;
    }
    staleSent = false;
    const focused = doc.activeElement;
    if (focused && last?.editors.has(focused)) dirty.add(focused);
    const editorsOnly = !structural && last !== null && [...dirty].every((el) => last?.editors.has(el));
    if (editorsOnly && last) {
      // Typing: read only the editors typed in.
      for (const el of dirty) {
        const id = last.editors.get(el) as string;
        const again = elementTextSource(el);
        if (!again || !updateBlock(last.snapshot, id, again.text)) {
          structural = true;
          break;
        }
        last.sources.set(id, again.source);
      }
    }
    if (structural || !last || !editorsOnly) {
      if (win.location.href !== configsAt) loadConfigs();
      last = readFrame(doc, win.location, configs, ids, { top });
      ids.prune();
      const roots: Node[] = [doc.documentElement, ...last.shadows];
      watcher.observe(roots);
    }
    dirty.clear();
    structural = false;
    send(last.empty ? { type: 'cs:empty' } : { type: 'cs:snapshot', snapshot: last.snapshot }, force);
  }

  function highlight(blockId: string, start: number, end: number): boolean {
    const marker = ensureHighlighter();
    if (!marker) return false;
    let source = last?.sources.get(blockId);
    if (!source || !sourceConnected(source)) {
      structural = true;
      readNow(false);
      source = last?.sources.get(blockId);
    }
    return source ? marker.show(source, start, end) : false;
  }

  // Keystrokes only record their target and poke the scheduler: O(1), no DOM reads. During a
  // typing burst even that is too much (every event entering this isolated world costs ~0.1 ms),
  // so after an `input` the listener is unhooked for TYPING_PAUSE_MS: at most one keystroke per
  // pause reaches this script. The read still waits for the scheduler's quiet period after the last
  // poke, so it runs after the burst; the focused editor is always re-read then.
  let paused: ReturnType<typeof setTimeout> | undefined;
  const onInput = timed('input', (event: Event): void => {
    if (highlighter?.isOverlaid(event.target)) highlighter.clear();
    const target = event.target as Element | null;
    if (target && target.nodeType === 1) {
      if (last?.editors.has(target)) dirty.add(target);
      else structural = true; // a field or cell value: part of the page's description
    }
    poke(true);
    doc.removeEventListener('input', onInput, { capture: true });
    paused = setTimeout(() => {
      paused = undefined;
      if (!stopped) doc.addEventListener('input', onInput, { capture: true, passive: true });
    }, TYPING_PAUSE_MS);
  });
  doc.addEventListener('input', onInput, { capture: true, passive: true });
  cleanups.push(() => {
    if (paused !== undefined) clearTimeout(paused);
    doc.removeEventListener('input', onInput, { capture: true });
  });
  const onChange = timed('change', (event: Event): void => {
    if (highlighter?.isOverlaid(event.target)) highlighter.clear();
    structural = true;
    poke(false);
  });
  doc.addEventListener('change', onChange, { capture: true, passive: true });
  cleanups.push(() => doc.removeEventListener('change', onChange, { capture: true }));

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
        case 'bg:highlight-element': {
          const el = ids.element(parsed.anchor);
          const marker = ensureHighlighter();
          return Promise.resolve({ ok: el && marker ? highlightElement(marker, el) : false });
        }
        case 'bg:clear-highlight':
          highlighter?.clear();
          return undefined;
        case 'bg:request-snapshot':
          readNow(true);
          return undefined;
        case 'bg:pick': {
          // The worker injects corrections.js into this frame first; without it there is no picker.
          const tools = correctionsHook();
          if (!tools) return Promise.resolve({ ok: false });
          picker?.cancel();
          picker = tools.pick(doc, (el) => {
            picker = null;
            const selector = tools.selectorFor(el);
            if (selector) api.send({ type: 'cs:picked', selector }).catch(() => undefined);
          }, !options.untrustedPicks);
          return Promise.resolve({ ok: true });
        }
        case 'bg:selectors': {
          const tools = correctionsHook();
          return Promise.resolve({
            selectors: parsed.anchors.map((anchor) => {
              const el = ids.element(anchor);
              return el && tools ? tools.selectorFor(el) : null;
            }),
          });
        }
      }
    }),
  );

  // The worker answers with the configs that match this frame's address (it matches URLs, so this
  // bundle carries no match-pattern code); asked again when they change or the address does.
  const loadConfigs = (): void => {
    configsAt = win.location.href;
    api
      .selectorConfigs(configsAt.slice(0, PAGE_LIMITS.url))
      .then((raw) => {
        if (stopped) return;
        // (The worker validated them; this only keeps a shape every use below relies on.)
        const valid = raw.filter((c): c is SelectorAdapterConfig => typeof (c as SelectorAdapterConfig)?.name === 'string' && Array.isArray((c as SelectorAdapterConfig).noteSelectors));
        if (valid.length === 0 && configs.length === 0) return; // nothing changes the reading
        configs = valid;
        structural = true;
        scheduler.soon();
      })
      .catch(() => undefined);
  };
  cleanups.push(
    api.onSelectorConfigsChanged(() => {
      // A pick in one frame saved a correction: the pickers the other frames offered are done too.
      picker?.cancel();
      picker = null;
      loadConfigs();
    }),
  );
  loadConfigs();

  scheduler.soon();
  return { readNow, highlighter: () => highlighter, stop };
}
