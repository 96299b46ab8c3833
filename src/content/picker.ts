// "The note is here": the user points at the note in the page (the popup said how before it closed).
// An outline follows the pointer over
// the block under it; a click picks it (the click does not reach the page), Escape cancels. The
// outline is drawn in a closed shadow root under one host element (the page's DOM is not touched
// otherwise) and styled through CSSOM only.
import { OWN_UI_TAG } from '../adapters/dom';
import { BLOCK_TAGS } from '../adapters/text';

import type { Picker } from './corrections-hook';

const PICKABLE_EXTRA = new Set(['td', 'li', 'textarea', 'dd', 'article', 'section']);

/** The block the pointer is over: the nearest block-level element (or an editor). */
function blockAt(target: Element): Element {
  for (let el: Element | null = target; el; el = el.parentElement) {
    if (el.localName === 'textarea' || el.hasAttribute('contenteditable')) return el;
    if (BLOCK_TAGS.has(el.localName) || PICKABLE_EXTRA.has(el.localName)) return el;
  }
  return target;
}

function set(el: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) el.style.setProperty(property, value, 'important');
}

/** `trustedOnly`: ignore events a page script made up (a synthetic click must not pick for the user). */
export function createPicker(doc: Document, onPick: (el: Element) => void, trustedOnly = true): Picker {
  const host = doc.createElement(OWN_UI_TAG);
  set(host, { all: 'initial', position: 'fixed', top: '0', left: '0', width: '0', height: '0', overflow: 'visible', 'z-index': '2147483647', 'pointer-events': 'none' });
  const root = host.attachShadow({ mode: 'closed' });
  const box = doc.createElement('div');
  set(box, { position: 'fixed', outline: '3px solid rgba(214, 120, 0, 0.95)', background: 'rgba(255, 196, 0, 0.15)', 'pointer-events': 'none', display: 'none' });
  root.append(box);
  doc.documentElement.append(host);
  let current: Element | null = null;

  const target = (event: Event): Element | null => {
    const first = event.composedPath()[0];
    return first && (first as Node).nodeType === 1 ? (first as Element) : null;
  };
  const onMove = (event: Event): void => {
    const el = target(event);
    if (!el || el === host) return;
    current = blockAt(el);
    const rect = current.getBoundingClientRect();
    set(box, { display: 'block', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
  };
  const onClick = (event: Event): void => {
    if (trustedOnly && !event.isTrusted) return;
    event.preventDefault();
    event.stopPropagation();
    const el = target(event);
    const picked = el ? blockAt(el) : current;
    cancel();
    if (picked) onPick(picked);
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && (event.isTrusted || !trustedOnly)) {
      event.preventDefault();
      cancel();
    }
  };
  doc.addEventListener('mousemove', onMove, { capture: true, passive: true });
  doc.addEventListener('click', onClick, { capture: true });
  doc.addEventListener('keydown', onKey, { capture: true });

  function cancel(): void {
    doc.removeEventListener('mousemove', onMove, { capture: true });
    doc.removeEventListener('click', onClick, { capture: true });
    doc.removeEventListener('keydown', onKey, { capture: true });
    host.remove();
  }
  return { cancel };
}
