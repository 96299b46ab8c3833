// One frame → one Snapshot: the page description (./page/describe.ts) with the selector
// configurations that match the frame applied (./page/config.ts; the worker matched them to the
// frame's address, ./selector-adapter.ts matchingConfigs), plus the source map the
// highlighter needs. The content script is the only caller in the extension; the worker classifies.
import { PAGE_LIMITS } from '../shared/page';
import type { Snapshot } from '../shared/snapshot';
import type { SelectorAdapterConfig } from './selector';
import { addConfigured, configMarks } from './page/config';
import { describePage, type DescribeResult } from './page/describe';
import type { ElementIds } from './page/ids';
import type { LocationLike, PartSource } from './types';

export type { LocationLike, PartSource, TextSegment } from './types';
export { ElementIds } from './page/ids';

export interface FrameRead {
  snapshot: Snapshot;
  /** Block id → where its text came from, for `bg:highlight`. */
  sources: Map<string, PartSource>;
  /** Editors (textarea, contenteditable) → their block id: a keystroke re-reads only these. */
  editors: Map<Element, string>;
  /** Open shadow roots the description walked into (observed for changes too). */
  shadows: ShadowRoot[];
  /** Nothing to read in the frame. */
  empty: boolean;
}

/** Read one frame. `matching`: the selector configurations that apply to its address (already matched). */
export function readFrame(
  doc: Document,
  location: LocationLike,
  matching: readonly SelectorAdapterConfig[],
  ids: ElementIds,
  options: { top: boolean },
): FrameRead {
  const result: DescribeResult = describePage(doc, { ids, top: options.top, ...(matching.length > 0 ? { config: configMarks(doc, matching) } : {}) });
  if (matching.length > 0) addConfigured(doc, matching, result.page, ids);
  const adapter = matching.length > 0 ? `page+${matching.map((c) => `selector:${c.name}`).join('+')}`.slice(0, 200) : 'page';
  const { page } = result;
  if (location.href) page.frame.url = location.href.slice(0, PAGE_LIMITS.url);
  // A page still loading is reported even with nothing in it yet: the popup then says it is loading.
  const empty = page.blocks.length === 0 && page.tables.length === 0 && page.records.length === 0 && page.fields.length === 0 && !page.frame.loading;
  return { snapshot: { adapter, page }, sources: result.sources, editors: result.editors, shadows: result.shadows, empty };
}

/** Replace one block's text (an editor typed in) without describing the page again. */
export function updateBlock(snapshot: Snapshot, blockId: string, text: string): boolean {
  const block = snapshot.page.blocks.find((b) => b.id === blockId);
  if (!block) return false;
  const total = snapshot.page.blocks.reduce((n, b) => n + b.text.length, 0) - block.text.length + text.length;
  if (total > PAGE_LIMITS.text) return false;
  block.text = text;
  return true;
}
