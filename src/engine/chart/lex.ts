// The fact tokenizer: the folded note as numbers, words, punctuation and line breaks, with offsets.
// Unlike the word tokens used for vocabulary (tokens.ts), digits and letters are split ("15m" is
// 15 + m, "1h05m" is 1 + h + 05 + m) and punctuation is kept, because notations are made of them.
// One linear pass; typed arrays keep it cheap.

export const enum Kind {
  Num = 1,
  Word = 2,
  Punct = 3,
  Newline = 4,
}

export interface Lexed {
  text: string;
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Lower-cased text of words and punctuation; the digits as written for numbers ("05"). */
  norm: string[];
  /** Numeric value of number tokens (NaN otherwise). */
  value: Float64Array;
  /** Spaces (not line breaks) before the token: layout tells cells and columns apart. */
  spaceBefore: Uint16Array;
  /** A tab is among the spaces before the token (a tab-separated cell starts here). */
  tabBefore: Uint8Array;
  /** Index of the line (0-based) each token is on. */
  line: Int32Array;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 11 || c === 12;

function isLetterCode(text: string, i: number, c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  if (c < 128) return false;
  return /\p{L}/u.test(text[i]!);
}

export function lex(text: string): Lexed {
  const n = text.length;
  // Upper bound on tokens: one per character.
  const kind = new Uint8Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const value = new Float64Array(n);
  const spaceBefore = new Uint16Array(n);
  const tabBefore = new Uint8Array(n);
  const line = new Int32Array(n);
  const norm: string[] = [];
  let count = 0;
  let lineNo = 0;
  let spaces = 0;
  let tab = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      spaces++;
      if (c === 9) tab = 1;
      i++;
      continue;
    }
    let j = i + 1;
    let k: Kind;
    if (c === 10) {
      k = Kind.Newline;
    } else if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      // A decimal ("44.5 cm", "0.5 hr"): a point between digits, never a sentence end ("12.").
      if (j + 1 < n && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      k = Kind.Num;
    } else if (isLetterCode(text, i, c)) {
      while (j < n && isLetterCode(text, j, text.charCodeAt(j))) j++;
      k = Kind.Word;
    } else {
      // Surrogate pairs (emoji, rare symbols) stay one token.
      if (c >= 0xd800 && c <= 0xdbff && j < n) j++;
      k = Kind.Punct;
    }
    kind[count] = k;
    start[count] = i;
    end[count] = j;
    spaceBefore[count] = Math.min(spaces, 65535);
    tabBefore[count] = tab;
    line[count] = lineNo;
    const piece = text.slice(i, j);
    if (k === Kind.Num) {
      value[count] = Number(piece);
      norm.push(piece);
    } else {
      value[count] = Number.NaN;
      norm.push(k === Kind.Word ? piece.toLowerCase() : piece);
    }
    if (k === Kind.Newline) lineNo++;
    spaces = 0;
    tab = 0;
    count++;
    i = j;
  }
  return {
    text,
    count,
    kind: kind.subarray(0, count),
    start: start.subarray(0, count),
    end: end.subarray(0, count),
    norm,
    value: value.subarray(0, count),
    spaceBefore: spaceBefore.subarray(0, count),
    tabBefore: tabBefore.subarray(0, count),
    line: line.subarray(0, count),
  };
}

/** Index of the first token starting at or after `offset` (count when none). */
export function lexAt(lx: Lexed, offset: number): number {
  let lo = 0;
  let hi = lx.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lx.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
