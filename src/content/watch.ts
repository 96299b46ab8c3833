// One MutationObserver over the adapter's regions. Its callback only classifies the records
// (structural or not, ours or the page's) and hands over; it never reads the page.
import { OWN_UI_TAG } from '../adapters/dom';

/** Attribute changes that can show, hide or change what an adapter reads. */
const ATTRIBUTES = ['hidden', 'style', 'class', 'value', 'checked', 'selected', 'open', 'contenteditable'];

export interface RegionWatcher {
  /** Observe these regions (no-op when they are the ones already observed). */
  observe(regions: readonly Element[]): void;
  disconnect(): void;
}

function isOwnNode(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName === OWN_UI_TAG;
}

/** Records caused by the overlay host we add and remove, which must not trigger re-reads. */
function isOwnRecord(record: MutationRecord): boolean {
  if (isOwnNode(record.target)) return true;
  if (record.type !== 'childList') return false;
  const { addedNodes, removedNodes } = record;
  if (addedNodes.length + removedNodes.length === 0) return false;
  for (const node of addedNodes) if (!isOwnNode(node)) return false;
  for (const node of removedNodes) if (!isOwnNode(node)) return false;
  return true;
}

/**
 * `onChange(structural)` runs once per batch of page mutations; `structural` is true when
 * elements were added or removed (cached candidate lists must be rebuilt).
 */
export function createWatcher(onChange: (structural: boolean) => void): RegionWatcher {
  let observed: readonly Element[] = [];
  let observer: MutationObserver | undefined;

  const callback = (records: MutationRecord[]): void => {
    let relevant = false;
    let structural = false;
    for (const record of records) {
      if (isOwnRecord(record)) continue;
      relevant = true;
      if (record.type === 'childList') {
        structural = true;
        break;
      }
    }
    if (relevant) onChange(structural);
  };

  return {
    observe(regions: readonly Element[]): void {
      if (regions.length === observed.length && regions.every((r, i) => r === observed[i])) return;
      observer?.disconnect();
      observed = regions.slice();
      if (regions.length === 0) return;
      const view = regions[0]?.ownerDocument.defaultView;
      const Observer = (view as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
      observer = new Observer(callback);
      for (const region of regions) {
        observer.observe(region, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
        // An SPA may replace a region itself (or an ancestor): watch the chain above it too.
        for (let parent = region.parentElement; parent; parent = parent.parentElement) {
          if (!regions.includes(parent)) observer.observe(parent, { childList: true });
        }
      }
    },
    disconnect(): void {
      observer?.disconnect();
      observer = undefined;
      observed = [];
    },
  };
}
