// "Show in note": scroll to the evidence and mark it without modifying the EHR's DOM.
// - Text built from DOM nodes: a Range painted by the CSS Custom Highlight API, styled by a
//   constructed stylesheet adopted by the document (no <style> element is added).
// - Text inside a textarea/input value (Ranges cannot address it), or no Highlight API: an
//   overlay drawn in a closed shadow root under one host element, the only node we ever add.
// All overlay styling goes through CSSOM (`style.setProperty`), which page CSPs do not block.
//
// This module is not in the content script: it is the highlight.js bundle (./highlight-bundle.ts),
// which the worker injects into a frame only when a highlight is asked for there (the content
// script has a 40 KB budget); the content script finds it through ./highlight-hook.ts.
//
// A highlight belongs to a finding: it gets an accessible flag and, on click or focus, a small
// tip (rule title, severity, "open in Claim Guard"). That code lives in tip.ts, a separate bundle
// the worker injects with the finding's label right after this one; it registers itself under
// TIP_HOOK and draws in this highlighter's closed shadow root, on its own layer, so the page never
// gets a second element or plain nodes.
import { OWN_UI_TAG } from '../adapters/dom';
import { rangeForText } from '../adapters/text';
import type { PartSource } from '../adapters/types';
import { tipHook, type Highlighter, type HighlightState } from './highlight-hook';

/**
 * The highlight's registry name, random per page load (made when highlight.js is first loaded into
 * the frame; later injections keep the first registration, hence this name). CSS.highlights and adopted stylesheets are
 * shared with the page's own scripts: a fixed name would let any page (or a script it loads) detect
 * the extension by name. What a page can still see while a highlight is shown is a Range over its
 * own text (nothing it does not already hold); see README, Privacy and security.
 */
export const HIGHLIGHT_NAME = `h${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
const HIGHLIGHT_RULE = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(255, 196, 0, 0.55); color: inherit; }`;
const MARK_COLOR = 'rgba(255, 196, 0, 0.45)';
const MARK_OUTLINE = '2px solid rgba(214, 120, 0, 0.9)';

/** Properties that decide where text wraps inside a textarea, copied onto the mirror. */
const MIRROR_PROPERTIES = [
  'box-sizing', 'width', 'height', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'font-stretch',
  'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'text-indent', 'text-align',
  'tab-size', 'direction', 'overflow-wrap', 'word-break', 'hyphens',
];

type HighlightCtor = new (...ranges: AbstractRange[]) => Highlight;

function highlightApi(): { registry: HighlightRegistry; Ctor: HighlightCtor } | null {
  const g = globalThis as { CSS?: { highlights?: HighlightRegistry }; Highlight?: HighlightCtor };
  if (!g.CSS?.highlights || typeof g.Highlight !== 'function') return null;
  return { registry: g.CSS.highlights, Ctor: g.Highlight };
}

function set(el: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) el.style.setProperty(property, value, 'important');
}

export function createHighlighter(doc: Document): Highlighter {
  const view = doc.defaultView;
  let state: HighlightState | null = null;
  let hostEl: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  // Two layers in the shadow root: the drawn marks (redrawn on every scroll) and the tip's.
  let marks: HTMLElement | null = null;
  let tipLayer: HTMLElement | null = null;
  let tipAttached = false;
  // The value overlay's marked span, for the tip's position.
  let valueMark: HTMLElement | null = null;
  let sheet: CSSStyleSheet | null = null;
  // A pending reposition: an animation frame, or a timer where there are no frames.
  let frame: { raf: number } | { timer: ReturnType<typeof setTimeout> } | null = null;

  const onViewportChange = (): void => {
    if (tipAttached) tipHook()?.moved();
    if (frame) return;
    const raf = view?.requestAnimationFrame?.bind(view);
    frame = raf ? { raf: raf(reposition) } : { timer: setTimeout(reposition, 16) };
  };

  const listen = (on: boolean): void => {
    if (!view) return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    view[method]('scroll', onViewportChange, { capture: true, passive: true } as AddEventListenerOptions);
    view[method]('resize', onViewportChange, { passive: true } as AddEventListenerOptions);
  };

  /** The host: a custom-named element (page CSS rarely targets it) with a closed shadow root. */
  const ensureHost = (): ShadowRoot => {
    if (hostEl && shadow && hostEl.isConnected) return shadow;
    hostEl = doc.createElement(OWN_UI_TAG);
    set(hostEl, { all: 'initial', position: 'fixed', top: '0', left: '0', width: '0', height: '0', overflow: 'visible', 'z-index': '2147483647', 'pointer-events': 'none' });
    shadow = hostEl.attachShadow({ mode: 'closed' });
    marks = doc.createElement('div');
    tipLayer = doc.createElement('div');
    shadow.append(marks, tipLayer);
    doc.documentElement.append(hostEl);
    listen(true);
    return shadow;
  };

  const marksLayer = (): HTMLElement => {
    ensureHost();
    return marks as HTMLElement;
  };

  const removeHost = (): void => {
    if (frame) {
      if ('raf' in frame) view?.cancelAnimationFrame?.(frame.raf);
      else clearTimeout(frame.timer);
      frame = null;
    }
    listen(false);
    hostEl?.remove();
    hostEl = null;
    shadow = null;
    marks = null;
    tipLayer = null;
  };

  const ensureSheet = (): boolean => {
    if (sheet) return true;
    try {
      const Sheet = (view as (Window & typeof globalThis) | null)?.CSSStyleSheet ?? CSSStyleSheet;
      const created = new Sheet();
      created.replaceSync(HIGHLIGHT_RULE);
      // Read through a widened type: jsdom leaves the list undefined until first assigned.
      const adopted = (doc.adoptedStyleSheets as readonly CSSStyleSheet[] | undefined) ?? [];
      doc.adoptedStyleSheets = [...adopted, created];
      // Some isolated-world wrappers accept the assignment but drop the sheet.
      if (!doc.adoptedStyleSheets.includes(created)) return false;
      sheet = created;
      return true;
    } catch {
      return false;
    }
  };

  /** Boxes over a Range's client rects (no Highlight API). */
  const drawRangeBoxes = (range: Range): void => {
    const root = marksLayer();
    const rects = typeof range.getClientRects === 'function' ? Array.from(range.getClientRects()) : [];
    const boxes = rects.map((rect) => {
      const box = doc.createElement('div');
      set(box, { position: 'fixed', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px`, background: MARK_COLOR, 'border-radius': '2px', 'pointer-events': 'none' });
      return box;
    });
    root.replaceChildren(...boxes);
  };

  /** A mirror of the control (same box, font and wrapping) with the evidence in a marked span. */
  const drawValueMirror = (el: HTMLTextAreaElement | HTMLInputElement, start: number, end: number): HTMLElement | null => {
    const root = marksLayer();
    const rect = el.getBoundingClientRect();
    const computed = view?.getComputedStyle(el);
    const mirror = doc.createElement('div');
    if (computed) for (const property of MIRROR_PROPERTIES) mirror.style.setProperty(property, computed.getPropertyValue(property), 'important');
    const isArea = el.localName === 'textarea';
    set(mirror, {
      position: 'fixed', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px`,
      margin: '0', overflow: 'hidden', color: 'transparent', background: 'transparent', 'border-color': 'transparent',
      'white-space': isArea ? 'pre-wrap' : 'pre', 'pointer-events': 'none', 'box-sizing': 'border-box',
    });
    const mark = doc.createElement('span');
    set(mark, { background: MARK_COLOR, outline: MARK_OUTLINE, 'border-radius': '2px', color: 'transparent' });
    const value = el.value;
    mark.textContent = value.slice(start, end);
    // A trailing zero-width space keeps a final newline's line box, as the textarea has one.
    mirror.append(doc.createTextNode(value.slice(0, start)), mark, doc.createTextNode(`${value.slice(end)}\u200b`));
    root.replaceChildren(mirror);
    mirror.scrollTop = el.scrollTop;
    mirror.scrollLeft = el.scrollLeft;
    valueMark = mark;
    return mark;
  };

  function reposition(): void {
    frame = null;
    if (!state) return;
    if (state.kind === 'value') {
      if (!state.element.isConnected) {
        clear();
        return;
      }
      drawValueMirror(state.element, state.start, state.end);
    } else if (state.via === 'overlay') {
      drawRangeBoxes(state.range);
    }
  }

  function clear(): void {
    if (tipAttached) tipHook()?.detach();
    tipAttached = false;
    highlightApi()?.registry.delete(HIGHLIGHT_NAME);
    removeHost();
    state = null;
    valueMark = null;
  }

  /** Where the evidence is drawn now. */
  const currentRects = (): DOMRect[] => {
    if (state?.kind === 'range') return typeof state.range.getClientRects === 'function' ? Array.from(state.range.getClientRects()) : [];
    return valueMark ? Array.from(valueMark.getClientRects()) : [];
  };

  /** Hand the highlight to the tip, when the worker injected tip.ts into this frame. */
  const attachTip = (): void => {
    const hook = tipHook();
    if (!hook) return;
    ensureHost();
    tipAttached = true;
    hook.attach({ layer: tipLayer as HTMLElement, rects: currentRects });
  };

  const showRange = (source: Extract<PartSource, { kind: 'text' }>, start: number, end: number): boolean => {
    const range = rangeForText(source, start, end);
    if (!range) return false;
    const anchor = range.startContainer.parentElement;
    anchor?.scrollIntoView?.({ block: 'center', inline: 'nearest' });
    const api = highlightApi();
    if (api && ensureSheet()) {
      try {
        api.registry.set(HIGHLIGHT_NAME, new api.Ctor(range));
        state = { kind: 'range', range, via: 'highlight-api' };
        return true;
      } catch {
        // fall through to the overlay
      }
    }
    state = { kind: 'range', range, via: 'overlay' };
    drawRangeBoxes(range);
    return true;
  };

  const showValue = (el: HTMLTextAreaElement | HTMLInputElement, start: number, end: number): boolean => {
    if (!el.isConnected) return false;
    const length = el.value.length;
    const from = Math.min(start, length);
    const to = Math.min(end, length);
    if (to <= from) return false;
    el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
    const mark = drawValueMirror(el, from, to);
    // Scroll the control's own content (not its selection or focus) so the mark is in view.
    if (mark && el.localName === 'textarea' && el.clientHeight > 0) {
      const top = mark.offsetTop;
      if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - mark.offsetHeight) {
        el.scrollTop = Math.max(0, top - el.clientHeight / 3);
        drawValueMirror(el, from, to);
      }
    }
    state = { kind: 'value', element: el, start: from, end: to, marked: el.value.slice(from, to) };
    return true;
  };

  return {
    show(source: PartSource, start: number, end: number): boolean {
      clear();
      if (end <= start) return false;
      const shown = source.kind === 'value' ? showValue(source.element, start, end) : showRange(source, start, end);
      if (shown) attachTip();
      return shown;
    },
    clear,
    current: () => state,
    host: () => hostEl,
    isOverlaid: (target: EventTarget | null) => state?.kind === 'value' && target === state.element,
    destroy(): void {
      clear();
      if (sheet) {
        try {
          const adopted = (doc.adoptedStyleSheets as readonly CSSStyleSheet[] | undefined) ?? [];
          doc.adoptedStyleSheets = adopted.filter((s) => s !== sheet);
        } catch {
          // the document is gone
        }
        sheet = null;
      }
    },
  };
}
