// The evidence highlighter (./highlight.ts) and its tip (./tip.ts) are two bundles the worker
// injects into a frame only when the user asks to see a finding in the page (highlight.js, then
// tip.js; src/background/service.ts): the content script runs on every EHR page and has a 40 KB
// budget. Each bundle registers itself here, in the content scripts' isolated world (the page's own
// scripts cannot see it); this file holds only the symbols and the types they share.
import type { PartSource } from '../adapters/types';

/** What a highlight is about (the tip's label): no note text, only the rule and the finding's key. */
export interface HighlightLabel {
  findingKey: string;
  title: string;
  severity: 'error' | 'warning' | 'info';
}

export type HighlightState =
  | { kind: 'range'; range: Range; via: 'highlight-api' | 'overlay' }
  | { kind: 'value'; element: HTMLTextAreaElement | HTMLInputElement; start: number; end: number; marked: string };

export interface Highlighter {
  /** Scroll to and mark [start, end) of a part; false when the text is no longer in the page. */
  show(source: PartSource, start: number, end: number): boolean;
  clear(): void;
  current(): HighlightState | null;
  /** The overlay host while an overlay is shown. */
  host(): Element | null;
  /** True when `target` is the control whose value is overlaid (its edits make the mark stale). */
  isOverlaid(target: EventTarget | null): boolean;
  destroy(): void;
}

/** What highlight.js registers: the highlighter of one document (the content script makes one, on first use). */
export interface HighlightHook {
  create(doc: Document): Highlighter;
}

/** What the tip is given while a highlight is shown. */
export interface TipTarget {
  /** The tip's own layer in the closed shadow root. */
  layer: HTMLElement;
  /** Where the evidence is now, in viewport coordinates. */
  rects(): DOMRect[];
}

export interface TipHook {
  /** The worker's label for the highlight it is about to ask for (scripting.executeScript args). */
  prepare(label: HighlightLabel): void;
  /** A highlight is shown: draw the prepared label's flag (nothing without one). */
  attach(target: TipTarget): void;
  /** The evidence moved (scroll, resize): reposition. */
  moved(): void;
  detach(): void;
}

export const HIGHLIGHT_HOOK = Symbol.for('therapy-claim-guard.highlight');
/** The worker's prepare step (service.ts prepareTipInPage) spells this symbol out: keep them equal. */
export const TIP_HOOK = Symbol.for('therapy-claim-guard.tip');

export function highlightHook(): HighlightHook | undefined {
  return (globalThis as { [HIGHLIGHT_HOOK]?: HighlightHook })[HIGHLIGHT_HOOK];
}

export function tipHook(): TipHook | undefined {
  return (globalThis as { [TIP_HOOK]?: TipHook })[TIP_HOOK];
}
