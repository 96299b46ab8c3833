// Validation of background → content messages without zod. The catalog in src/shared/messages.ts
// (BackgroundToContent, checked with parseMessage) stays the contract; this mirror of it keeps
// ~25 KB of zod out of the content bundle (40 KB budget), and test/content/inbound.test.ts runs
// both over the same messages to prove they accept and reject alike.
import { ID_LIMITS } from '../shared/limits';
import type { BackgroundToContentMessage } from '../shared/messages';

type Dict = Record<string, unknown>;

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The message when it is a valid background → content message, else null (fail closed). */
export function parseInbound(input: unknown): BackgroundToContentMessage | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const message = input as Dict;
  switch (message.type) {
    case 'bg:highlight': {
      const { partId, start, end } = message;
      if (typeof partId !== 'string' || partId.length > ID_LIMITS.anchor || !isOffset(start) || !isOffset(end)) return null;
      return { type: 'bg:highlight', partId, start, end };
    }
    case 'bg:highlight-element': {
      const { anchor } = message;
      if (typeof anchor !== 'string' || anchor.length > ID_LIMITS.anchor) return null;
      return { type: 'bg:highlight-element', anchor };
    }
    case 'bg:clear-highlight':
      return { type: 'bg:clear-highlight' };
    case 'bg:request-snapshot':
      return { type: 'bg:request-snapshot' };
    case 'bg:pick':
      return { type: 'bg:pick' };
    case 'bg:selectors': {
      const { anchors } = message;
      if (!Array.isArray(anchors) || anchors.length > 40 || !anchors.every((a) => typeof a === 'string' && a.length <= ID_LIMITS.anchor)) return null;
      return { type: 'bg:selectors', anchors: anchors as string[] };
    }
    default:
      return null;
  }
}
