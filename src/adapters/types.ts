// The adapter contract: an adapter turns one frame's DOM into Snapshot data, and remembers for
// every note part where its text came from, so a finding's offsets can be shown in the page.
// Adapters know DOMs and nothing of rules; they never modify the page.
import type { SnapshotClaimLine } from '../shared/snapshot';

/** A run of part text that maps 1:1 onto characters of one Text node. */
export interface TextSegment {
  node: Text;
  /** Offset of the run's first character in the part text. */
  start: number;
  /** Offset of that character in `node.data`. */
  nodeOffset: number;
  length: number;
}

/**
 * How a part's text was built, for mapping offsets back into the page.
 * - `value`: the text is exactly `element.value` (Ranges cannot address inside form controls).
 * - `text`: the text was assembled from Text nodes under `root`; separators the builder added
 *   (line breaks between blocks, collapsed whitespace) map to no node.
 */
export type PartSource =
  | { kind: 'value'; element: HTMLTextAreaElement | HTMLInputElement }
  | { kind: 'text'; root: Element; segments: readonly TextSegment[] };

export interface ReadPart {
  /** Frame-local id, stable across re-reads of the same element. */
  id: string;
  label?: string;
  text: string;
  source: PartSource;
}

/** Snapshot data for one frame before caps are applied, plus each part's source. */
export interface AdapterRead {
  noteParts: ReadPart[];
  claimLines: SnapshotClaimLine[];
  payerText?: string;
  providerText?: string;
  dateOfService?: string;
  /** Set when an adapter already cut text while reading (it stops at the part size cap). */
  truncated?: boolean;
}

/** Only the parts of Location an adapter needs, so tests and workers can pass a URL. */
export type LocationLike = Pick<Location, 'href'>;

export interface Adapter {
  /** "openemr", "generic", "selector:<name>". */
  id: string;
  matches(doc: Document, location: LocationLike): boolean;
  read(doc: Document): AdapterRead;
  /** Root elements whose subtrees hold everything `read` looks at; the content script observes them. */
  regions(doc: Document): Element[];
  /** Forget anything cached about the document's structure (called after childList mutations). */
  invalidate?(doc: Document): void;
}

export function emptyRead(): AdapterRead {
  return { noteParts: [], claimLines: [] };
}

export function isEmptyRead(read: AdapterRead): boolean {
  return read.noteParts.length === 0 && read.claimLines.length === 0;
}
