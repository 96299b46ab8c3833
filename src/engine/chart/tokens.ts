// Word tokens with offsets: the unit every vocabulary match and scope is counted in.
// One linear pass over character codes; lowercasing per token keeps offsets exact whatever the Unicode.
import { WordTable } from './words';
import { firstAtLeast } from '../search';

export interface Tokens {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Lowercased token text. */
  norms: string[];
  /** Id of each token's lower-cased word (see WordTable; -1 for a word outside ASCII), for work done once per word. */
  ids: Int32Array;
  /** Ids are below this. */
  idCount: number;
  /**
   * joinable[i]: token i and i+1 may be read as one phrase (only spaces, a single line break,
   * hyphens, slashes or apostrophes between them — no sentence punctuation).
   */
  joinable: Uint8Array;
}

// A word is a run of letters and digits (Unicode \p{L}\p{N}, code point by code point); the units
// are classified once each and the answers kept, so the scan is a plain loop over character codes.
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
let bmpClass: Uint8Array | undefined;
const astralClass = new Map<number, boolean>();

/** UTF-16 units of the word character at `i` (2 for a letter outside the BMP), or 0. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
    const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
    let word = astralClass.get(cp);
    if (word === undefined) astralClass.set(cp, (word = WORD_CHAR.test(String.fromCodePoint(cp))));
    return word ? 2 : 0;
  }
  bmpClass ??= new Uint8Array(65536);
  let known = bmpClass[c]!;
  // A lone low surrogate is no word character (the test sees U+DC00…U+DFFF as itself).
  if (known === 0) bmpClass[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

const isGapSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f;
/** JavaScript's \s, by character code. */
export const isWhite = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isJoiner = (c: number) => c === 45 || c === 0x2010 || c === 0x2011 || c === 0x2013 || c === 47 || c === 39 || c === 0x2019;

/**
 * The gap between two words joins them into one phrase: only spaces and at most one line break
 * (CRLF or LF), or one hyphen, slash or apostrophe with any white space around it.
 */
function joiningGap(text: string, a: number, b: number): boolean {
  let k = a;
  while (k < b && isGapSpace(text.charCodeAt(k))) k++;
  if (k < b && text.charCodeAt(k) === 13 && k + 1 < b && text.charCodeAt(k + 1) === 10) k += 2;
  else if (k < b && text.charCodeAt(k) === 10) k++;
  while (k < b && isGapSpace(text.charCodeAt(k))) k++;
  if (k === b) return true;
  k = a;
  while (k < b && isWhite(text.charCodeAt(k))) k++;
  if (k >= b || !isJoiner(text.charCodeAt(k))) return false;
  k++;
  while (k < b && isWhite(text.charCodeAt(k))) k++;
  return k === b;
}

/** An abbreviation's full stop: "." alone or followed by one space or tab. */
const abbreviationDot = (text: string, a: number, b: number): boolean =>
  text.charCodeAt(a) === 46 && (b === a + 1 || (b === a + 2 && (text.charCodeAt(a + 1) === 32 || text.charCodeAt(a + 1) === 9)));

export function tokenize(text: string, words: WordTable = new WordTable(text.length)): Tokens {
  const n = text.length;
  // Sized for a word per four characters (real notes have about one per five), so the columns are
  // rarely grown, and handed out as views instead of trimmed copies.
  let starts = new Int32Array(Math.max(16, (n >> 2) + 16));
  let ends = new Int32Array(starts.length);
  let ids = new Int32Array(starts.length);
  const norms: string[] = new Array<string>(starts.length);
  let count = 0;
  let i = 0;
  while (i < n) {
    let w = wordCharLength(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    do i += w;
    while (i < n && (w = wordCharLength(text, i)) > 0);
    if (count === starts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(starts);
      starts = grown;
      const grownEnds = new Int32Array(count * 2);
      grownEnds.set(ends);
      ends = grownEnds;
      const grownIds = new Int32Array(count * 2);
      grownIds.set(ids);
      ids = grownIds;
    }
    starts[count] = start;
    ends[count] = i;
    const id = words.id(text, start, i);
    ids[count] = id;
    norms[count] = id >= 0 ? words.word(id) : text.slice(start, i).toLowerCase();
    count++;
  }
  norms.length = count;
  const joinable = new Uint8Array(count);
  for (let t = 0; t + 1 < count; t++) {
    const gapStart = ends[t]!;
    const gapEnd = starts[t + 1]!;
    // Long gaps are never one phrase; short ones are tested against the joining pattern.
    if (gapEnd - gapStart <= 6 && joiningGap(text, gapStart, gapEnd)) joinable[t] = 1;
    // An abbreviation's full stop joins too ("Ther. ex.", "Neuro. re-ed"): a short word, a dot, a space.
    else if (ends[t]! - starts[t]! <= 4 && abbreviationDot(text, gapStart, gapEnd)) joinable[t] = 1;
  }
  return { count, starts: starts.subarray(0, count), ends: ends.subarray(0, count), norms, ids: ids.subarray(0, count), idCount: words.size, joinable };
}

/** Index of the first token whose start is >= offset (count when none). */
export function tokenAtOrAfter(tokens: Tokens, offset: number): number {
  return firstAtLeast(tokens.starts, tokens.count, offset);
}
