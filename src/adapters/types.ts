// Where described text came from: every block of the page description remembers its source, so a
// finding's offsets can be shown in the page. The describer never modifies the page.

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

/** Only the parts of Location the reader needs, so tests and workers can pass a URL. */
export type LocationLike = Pick<Location, 'href'>;
