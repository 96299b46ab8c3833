// THE sender classifier: the only place that decides who sent a runtime message, and it reads
// browser-stamped fields only (sender.id, sender.origin, sender.tab, sender.frameId,
// sender.documentId). sender.url is never consulted: for a content script it is the page's URL,
// which the page controls (history.pushState, about:blank documents, redirects).
//
// Both supported browsers stamp sender.origin (Chrome 80+, Firefox 126+; our minimums are 120 and
// 142), so a sender without an origin fails closed instead of falling back to weaker signals.
import type { MessageSender } from '../platform/types';

export type Sender = MessageSender;

export interface ExtensionIdentity {
  /** runtime.id */
  id: string;
  /** runtime.getURL('') without the trailing slash, e.g. "chrome-extension://abc". */
  origin: string;
}

export type SenderClass =
  | { kind: 'content'; tabId: number; frameId: number; documentId?: string; origin: string }
  | { kind: 'extension-page'; tabId?: number }
  | { kind: 'reject'; reason: RejectReason };

export type RejectReason =
  | 'not-an-object'
  | 'foreign-id'
  | 'no-origin'
  | 'non-web-origin'
  | 'bad-tab'
  | 'bad-frame'
  | 'extension-frame';

export function extensionIdentity(runtime: { id: string; getURL(path: string): string }): ExtensionIdentity {
  return { id: runtime.id, origin: runtime.getURL('').replace(/\/+$/, '') };
}

/** http(s) origins only; "null" (sandboxed, data:) and browser-internal schemes are not EHR pages. */
export function isWebOrigin(origin: string): boolean {
  if (origin.length > 2048) return false;
  const match = /^(https?):\/\/([^/?#]+)$/.exec(origin);
  if (!match) return false;
  try {
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}

function isNonNegativeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function classifySender(sender: Sender | null | undefined, self: ExtensionIdentity): SenderClass {
  if (typeof sender !== 'object' || sender === null) return { kind: 'reject', reason: 'not-an-object' };
  // Another extension (or a web page through externally_connectable) is never trusted.
  if (sender.id !== self.id) return { kind: 'reject', reason: 'foreign-id' };
  const origin = sender.origin;
  if (typeof origin !== 'string' || origin === '') return { kind: 'reject', reason: 'no-origin' };

  if (origin === self.origin) {
    // Our own documents. A tab is present when popup.html is opened as a tab (end-to-end tests
    // do that); a non-zero frameId would mean our page framed inside something, which we never do.
    if (sender.frameId !== undefined && sender.frameId !== 0) return { kind: 'reject', reason: 'extension-frame' };
    const tabId = sender.tab?.id;
    return isNonNegativeInt(tabId) ? { kind: 'extension-page', tabId } : { kind: 'extension-page' };
  }

  // Anything else with our id is a content script; it speaks for a web page and gets only the
  // content catalog. It must come from a real tab and frame of a web origin.
  if (!isWebOrigin(origin)) return { kind: 'reject', reason: 'non-web-origin' };
  const tabId = sender.tab?.id;
  if (!isNonNegativeInt(tabId)) return { kind: 'reject', reason: 'bad-tab' };
  if (!isNonNegativeInt(sender.frameId)) return { kind: 'reject', reason: 'bad-frame' };
  const documentId = typeof sender.documentId === 'string' && sender.documentId.length <= 200 ? sender.documentId : undefined;
  return documentId === undefined
    ? { kind: 'content', tabId, frameId: sender.frameId, origin }
    : { kind: 'content', tabId, frameId: sender.frameId, documentId, origin };
}
