// Word tokens with offsets: the unit every vocabulary match and scope is counted in.
// One linear pass; lowercasing per token keeps offsets exact whatever the Unicode.

export interface Tokens {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Lowercased token text. */
  norms: string[];
  /**
   * joinable[i]: token i and i+1 may be read as one phrase (only spaces, a single line break,
   * hyphens, slashes or apostrophes between them — no sentence punctuation).
   */
  joinable: Uint8Array;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ABBREVIATION_DOT = /^\.[ \t]?$/;
const JOINING_GAP = /^[ \t\u00a0\u2009\u202f]*(?:\r?\n)?[ \t\u00a0\u2009\u202f]*$|^\s*[-\u2010\u2011\u2013/'\u2019]\s*$/;

export function tokenize(text: string): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const norms: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    norms.push(m[0].toLowerCase());
  }
  const count = norms.length;
  const joinable = new Uint8Array(count);
  for (let i = 0; i + 1 < count; i++) {
    const gapStart = ends[i]!;
    const gapEnd = starts[i + 1]!;
    // Long gaps are never one phrase; short ones are tested against the joining pattern.
    if (gapEnd - gapStart <= 6 && JOINING_GAP.test(text.slice(gapStart, gapEnd))) joinable[i] = 1;
    // An abbreviation's full stop joins too ("Ther. ex.", "Neuro. re-ed"): a short word, a dot, a space.
    else if (ends[i]! - starts[i]! <= 4 && ABBREVIATION_DOT.test(text.slice(gapStart, gapEnd))) joinable[i] = 1;
  }
  return { count, starts: Int32Array.from(starts), ends: Int32Array.from(ends), norms, joinable };
}

/** Index of the first token whose start is >= offset (count when none). */
export function tokenAtOrAfter(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
