// Builds a part's text from a DOM subtree the way a reader sees it (blocks on their own lines,
// whitespace collapsed, hidden and non-text elements skipped) and records, for every run of
// characters, the Text node it came from, so offsets can be mapped back to a DOM Range.
import { SKIP_TAGS, isHiddenSelf } from './dom';
import type { PartSource, TextSegment } from './types';

const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const CELL_TAGS: ReadonlySet<string> = new Set(['td', 'th']);

export interface CollectOptions {
  /** Skip this element and its subtree (parts read elsewhere, claim tables, page chrome). */
  skip?: (el: Element) => boolean;
  /** Line breaks become spaces: OpenEMR's LBF report hard-wraps values at 30 characters. */
  unwrap?: boolean;
  /** Stop after this many characters. */
  maxChars?: number;
}

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

/** Text of `root` and where each character came from. */
export function collectText(root: Element, options: CollectOptions = {}): CollectedText {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  const segments: TextSegment[] = [];
  let out = '';
  let pending: Pending = Pending.None;
  let spaceNode: Text | null = null;
  let spaceOffset = 0;
  let truncated = false;

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

  const lineBreak = (): void => {
    if (options.unwrap) space(null, 0);
    else {
      pending = Pending.Line;
      spaceNode = null;
    }
  };

  function space(node: Text | null, offset: number): void {
    if (pending !== Pending.None) return;
    pending = Pending.Space;
    spaceNode = node;
    spaceOffset = offset;
  }

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

  const visitText = (node: Text, pre: boolean): void => {
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
  };

  const visit = (el: Element, pre: boolean): void => {
    const name = el.localName;
    if (SKIP_TAGS.has(name) || options.skip?.(el) || isHiddenSelf(el)) return;
    if (name === 'br') {
      lineBreak();
      return;
    }
    const block = BLOCK_TAGS.has(name);
    const cell = CELL_TAGS.has(name);
    if (block) lineBreak();
    else if (cell) space(null, 0);
    const inPre = pre || name === 'pre';
    for (let child = el.firstChild; child && !truncated; child = child.nextSibling) {
      if (child.nodeType === 3) visitText(child as Text, inPre);
      else if (child.nodeType === 1) visit(child as Element, inPre);
    }
    if (block) lineBreak();
    else if (cell) space(null, 0);
  };

  // The root itself is not skipped for being a block; only its content counts.
  for (let child = root.firstChild; child && !truncated; child = child.nextSibling) {
    if (child.nodeType === 3) visitText(child as Text, root.localName === 'pre');
    else if (child.nodeType === 1) visit(child as Element, root.localName === 'pre');
  }
  return { text: out, segments, truncated };
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
