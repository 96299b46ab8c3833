// Text the way a reader sees it (blocks on their own lines, whitespace collapsed), recording for
// every run of characters the Text node it came from, so offsets map back to a DOM Range. The page
// describer (./page/describe.ts) drives the builder; the highlighter maps offsets back.
import type { PartSource, TextSegment } from './types';

export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

export interface CollectedText {
  text: string;
  segments: TextSegment[];
  truncated: boolean;
}

// What separator is owed before the next emitted character.
const Pending = { None: 0, Space: 1, Line: 2 } as const;
type Pending = (typeof Pending)[keyof typeof Pending];

function isSpace(code: number): boolean {
  // space, \t, \n, \v, \f, \r, no-break space
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

export interface TextBuilder {
  /** The text so far. */
  text(): string;
  /** A line break is owed (block edge, <br>); collapses with any other owed separator. */
  lineBreak(): void;
  /** A space is owed; `node` and `offset` map it to the page when it is a real space character. */
  space(node?: Text | null, offset?: number): void;
  /** Text that maps to no node (a form control's value shown inside a table cell). */
  literal(chunk: string): void;
  /** Append a Text node; `pre` keeps its whitespace as is. */
  append(node: Text, pre?: boolean): void;
  /** Drop the first `count` characters (a label that opens the text) and the space after them. */
  dropLead(count: number): void;
  truncated(): boolean;
  /** What was built: the text and where each run came from. */
  result(): CollectedText;
}

/**
 * Builds readable text from Text nodes the way a reader sees it (whitespace collapsed, a line break
 * owed at block edges) and records, for every run of characters, the node it came from. One builder
 * per text under construction; the page describer keeps a stack of them (one per open block).
 */
export function textBuilder(maxChars = Number.POSITIVE_INFINITY): TextBuilder {
  let out = '';
  const segments: TextSegment[] = [];
  let truncated = false;
  let pending: Pending = Pending.None;
  let spaceNode: Text | null = null;
  let spaceOffset = 0;

  const push = (node: Text, nodeOffset: number, chunk: string): void => {
    const last = segments[segments.length - 1];
    if (last && last.node === node && last.nodeOffset + last.length === nodeOffset && last.start + last.length === out.length) {
      last.length += chunk.length;
    } else {
      segments.push({ node, start: out.length, nodeOffset, length: chunk.length });
    }
    out += chunk;
  };

  const flush = (): void => {
    if (out.length > 0 && pending !== Pending.None) {
      if (pending === Pending.Line) out += '\n';
      else if (spaceNode) push(spaceNode, spaceOffset, ' ');
      else out += ' ';
    }
    pending = Pending.None;
    spaceNode = null;
  };

  const space = (node: Text | null = null, offset = 0): void => {
    if (pending !== Pending.None) return;
    pending = Pending.Space;
    spaceNode = node;
    spaceOffset = offset;
  };

  const emit = (node: Text, nodeOffset: number, chunk: string): void => {
    flush();
    const room = maxChars - out.length;
    if (chunk.length > room) {
      if (room > 0) push(node, nodeOffset, chunk.slice(0, room));
      truncated = true;
      return;
    }
    push(node, nodeOffset, chunk);
  };

  return {
    text: () => out,
    truncated: () => truncated,
    space,
    lineBreak(): void {
      pending = Pending.Line;
      spaceNode = null;
    },
    literal(chunk: string): void {
      if (!chunk) return;
      flush();
      const room = maxChars - out.length;
      out += chunk.slice(0, Math.max(0, room));
      if (chunk.length > room) truncated = true;
    },
    append(node: Text, pre = false): void {
      const data = node.data;
      if (pre) {
        if (data.length > 0) emit(node, 0, data);
        return;
      }
      const n = data.length;
      let i = 0;
      while (i < n && !truncated) {
        let j = i;
        while (j < n && isSpace(data.charCodeAt(j))) j++;
        if (j > i) {
          // A lone ASCII space keeps its mapping so a run of words stays one segment.
          space(j - i === 1 && data.charCodeAt(i) === 32 ? node : null, i);
          i = j;
          continue;
        }
        while (j < n && !isSpace(data.charCodeAt(j))) j++;
        emit(node, i, data.slice(i, j));
        i = j;
      }
    },
    dropLead(count: number): void {
      const rest = out.slice(count).replace(/^\s+/, '');
      const shift = out.length - rest.length;
      out = rest;
      const kept = segments.filter((s) => s.start + s.length > shift);
      for (const s of kept) {
        if (s.start < shift) {
          s.nodeOffset += shift - s.start;
          s.length -= shift - s.start;
          s.start = 0;
        } else s.start -= shift;
      }
      segments.splice(0, segments.length, ...kept);
    },
    result: () => ({ text: out, segments, truncated }),
  };
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/** Index of the first segment that ends after `offset` (binary search). */
function segmentAfter(segments: readonly TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const seg = segments[mid] as TextSegment;
    if (seg.start + seg.length <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Map [start, end) of a part's text to DOM points. A start inside an added separator moves
 * forward to the next mapped character, an end moves back to the previous one.
 */
export function mapTextRange(segments: readonly TextSegment[], start: number, end: number): { start: DomPoint; end: DomPoint } | null {
  if (end <= start || segments.length === 0) return null;
  const first = segmentAfter(segments, start);
  const a = segments[first];
  if (!a || a.start >= end) return null;
  const startInSeg = Math.max(0, start - a.start);
  // The last segment that starts before `end`.
  let lastIndex = segmentAfter(segments, end - 1);
  let b = segments[lastIndex];
  if (!b || b.start >= end) {
    lastIndex -= 1;
    b = segments[lastIndex];
  }
  if (!b || lastIndex < first) return null;
  const endInSeg = Math.min(b.length, end - b.start);
  const clamp = (node: Text, offset: number): number => Math.min(offset, node.length);
  return {
    start: { node: a.node, offset: clamp(a.node, a.nodeOffset + startInSeg) },
    end: { node: b.node, offset: clamp(b.node, b.nodeOffset + endInSeg) },
  };
}

/** A live Range over [start, end) of a text-built part, or null when the page changed under it. */
export function rangeForText(source: Extract<PartSource, { kind: 'text' }>, start: number, end: number): Range | null {
  const points = mapTextRange(source.segments, start, end);
  if (!points || !points.start.node.isConnected || !points.end.node.isConnected) return null;
  const range = points.start.node.ownerDocument.createRange();
  range.setStart(points.start.node, points.start.offset);
  range.setEnd(points.end.node, points.end.offset);
  return range;
}
