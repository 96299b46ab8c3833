// One MutationObserver over the page (and each open shadow root the describer walked). Its callback
// only sorts the records and hands over; it never reads the page. A change inside an editor the last
// read described (typing in a contenteditable note) is an editor change: only that editor is read
// again. Anything else (elements added or removed, attributes that show or hide content, text
// outside editors) is structural: the page is described again.
import { OWN_UI_TAG } from '../adapters/dom';
import { timed } from './perf';

/** Attribute changes that can show, hide or change what the describer reads. */
const ATTRIBUTES = ['hidden', 'style', 'class', 'value', 'checked', 'selected', 'open', 'contenteditable', 'aria-selected', 'aria-valuenow', 'aria-busy', 'aria-expanded'];

export interface Change {
  /** The page's structure changed: describe it again. */
  structural: boolean;
  /** Editors whose text changed (when nothing structural did). */
  editors: Element[];
}

export interface PageWatcher {
  /** Observe these roots (the document's root element and open shadow roots); no-op when unchanged. */
  observe(roots: readonly Node[]): void;
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
 * `onChange` runs once per batch of page mutations. `editorOf(node)` names the described editor a
 * node sits in (or null): text and line changes there are editor changes, not structural ones.
 */
export function createWatcher(onChange: (change: Change) => void, editorOf: (node: Node) => Element | null = () => null): PageWatcher {
  let observed: readonly Node[] = [];
  let observer: MutationObserver | undefined;

  const callback = timed('mutations', (records: MutationRecord[]): void => {
    let relevant = false;
    let structural = false;
    const editors = new Set<Element>();
    for (const record of records) {
      if (isOwnRecord(record)) continue;
      relevant = true;
      if (record.type === 'characterData' || (record.type === 'childList' && record.target.nodeType === 1)) {
        const editor = editorOf(record.target);
        if (editor) {
          editors.add(editor);
          continue;
        }
      }
      structural = true;
      break;
    }
    if (relevant) onChange({ structural, editors: structural ? [] : [...editors] });
  });

  return {
    observe(roots: readonly Node[]): void {
      if (roots.length === observed.length && roots.every((r, i) => r === observed[i])) return;
      observer?.disconnect();
      observed = roots.slice();
      if (roots.length === 0) return;
      const doc = roots[0]?.ownerDocument ?? (roots[0] as Document);
      const view = doc?.defaultView as (Window & typeof globalThis) | null;
      const Observer = view?.MutationObserver ?? MutationObserver;
      observer = new Observer(callback);
      for (const root of roots) {
        observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
      }
    },
    disconnect(): void {
      observer?.disconnect();
      observer = undefined;
      observed = [];
    },
  };
}
