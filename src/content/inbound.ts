// Validation of background → content messages without zod. The catalog in src/shared/messages.ts
// (BackgroundToContent, checked with parseMessage) stays the contract; this mirror of it keeps
// ~25 KB of zod out of the content bundle (40 KB budget), and test/content/inbound.test.ts runs
// both over the same messages to prove they accept and reject alike.
import type { BackgroundToContentMessage } from '../shared/messages';

type Dict = Record<string, unknown>;

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

type HighlightLabel = NonNullable<Extract<BackgroundToContentMessage, { type: 'bg:highlight' }>['label']>;
const SEVERITIES: ReadonlySet<unknown> = new Set(['error', 'warning', 'info']);

function parseLabel(input: unknown): HighlightLabel | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const { findingKey, title, severity } = input as Dict;
  if (typeof findingKey !== 'string' || findingKey.length > 500 || typeof title !== 'string' || title.length > 300) return null;
  if (!SEVERITIES.has(severity)) return null;
  return { findingKey, title, severity: severity as HighlightLabel['severity'] };
}

/** The message when it is a valid background → content message, else null (fail closed). */
export function parseInbound(input: unknown): BackgroundToContentMessage | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const message = input as Dict;
  switch (message.type) {
    case 'bg:highlight': {
      const { partId, start, end, label } = message;
      if (typeof partId !== 'string' || partId.length > 200 || !isOffset(start) || !isOffset(end)) return null;
      if (label === undefined) return { type: 'bg:highlight', partId, start, end };
      const checked = parseLabel(label);
      return checked === null ? null : { type: 'bg:highlight', partId, start, end, label: checked };
    }
    case 'bg:clear-highlight':
      return { type: 'bg:clear-highlight' };
    case 'bg:request-snapshot':
      return { type: 'bg:request-snapshot' };
    default:
      return null;
  }
}
