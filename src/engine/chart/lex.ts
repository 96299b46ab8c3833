// The fact tokenizer: the folded note as numbers, words, punctuation and line breaks, with offsets.
// Unlike the word tokens used for vocabulary (tokens.ts), digits and letters are split ("15m" is
// 15 + m, "1h05m" is 1 + h + 05 + m) and punctuation is kept, because notations are made of them.
// One linear pass; typed arrays keep it cheap.
import type { Tokens } from './tokens';
import { WordTable } from './words';
import { firstAtLeast } from '../search';

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
  /** Id of each token's norm in the analysis' WordTable (-1 for text outside ASCII), for work done once per word. */
  ids: Int32Array;
  /** Ids are below this. */
  idCount: number;
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

const LETTER = /\p{L}/u;
let letterCache: Uint8Array | undefined;
function isLetterCode(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  if (c < 128) return false;
  // One UTF-16 unit at a time (a surrogate is no letter); answers kept per unit.
  letterCache ??= new Uint8Array(65536);
  let known = letterCache[c]!;
  if (known === 0) letterCache[c] = known = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

/** Growable columns: sized for a usual note (a token per four characters) and doubled when full. */
class Columns {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  id: Int32Array;
  value: Float64Array;
  spaceBefore: Uint16Array;
  tabBefore: Uint8Array;
  line: Int32Array;
  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.id = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.spaceBefore = new Uint16Array(capacity);
    this.tabBefore = new Uint8Array(capacity);
    this.line = new Int32Array(capacity);
  }
  grow(): void {
    const bigger = new Columns(this.kind.length * 2);
    bigger.kind.set(this.kind);
    bigger.start.set(this.start);
    bigger.end.set(this.end);
    bigger.id.set(this.id);
    bigger.value.set(this.value);
    bigger.spaceBefore.set(this.spaceBefore);
    bigger.tabBefore.set(this.tabBefore);
    bigger.line.set(this.line);
    Object.assign(this, bigger);
  }
}

/** A copy of `values` long enough for index `id`, the new places NaN. */
function grownValues(values: Float64Array, id: number): Float64Array {
  const grown = new Float64Array(Math.max(64, id + 1, values.length * 2)).fill(Number.NaN);
  grown.set(values);
  return grown;
}

/**
 * `tokens`: the word tokens of the same text made with the same table, when the caller has them: a
 * word that is a whole word token too ("massage", not "15m"'s "m") takes its id from there, unhashed.
 */
export function lex(text: string, words: WordTable = new WordTable(text.length), tokens?: Tokens): Lexed {
  const n = text.length;
  const cols = new Columns(Math.max(16, (n >> 2) + 16));
  // Sized like the columns (growing a pushed array copied it again and again); trimmed at the end.
  const norm: string[] = new Array<string>(cols.kind.length);
  let count = 0;
  let lineNo = 0;
  let spaces = 0;
  let tab = 0;
  let i = 0;
  // The word token at or after the current one (tokens are in text order, as lexed tokens are).
  let t = 0;
  /** Id + 1 of each ASCII mark's word (0: not seen yet). */
  const markIds = new Int32Array(128);
  /** Value of each number word by id (NaN: not worked out yet). */
  let numberValues: Float64Array = new Float64Array(0);
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
    } else if (isLetterCode(c)) {
      while (j < n && isLetterCode(text.charCodeAt(j))) j++;
      k = Kind.Word;
    } else {
      // Surrogate pairs (emoji, rare symbols) stay one token.
      if (c >= 0xd800 && c <= 0xdbff && j < n) j++;
      k = Kind.Punct;
    }
    if (count === cols.kind.length) cols.grow();
    cols.kind[count] = k;
    cols.start[count] = i;
    cols.end[count] = j;
    cols.spaceBefore[count] = Math.min(spaces, 65535);
    cols.tabBefore[count] = tab;
    cols.line[count] = lineNo;
    // Words, numbers and ASCII marks are made once per distinct text (lower-casing leaves digits and
    // marks as they are); other marks are kept exactly as written.
    let id: number;
    if (k === Kind.Word && tokens) {
      while (t < tokens.count && tokens.starts[t]! < i) t++;
      id = t < tokens.count && tokens.starts[t] === i && tokens.ends[t] === j ? tokens.ids[t]! : words.id(text, i, j);
    } else if ((k === Kind.Punct || k === Kind.Newline) && c < 128) {
      // A mark is one ASCII character: its id is kept by character, not hashed again for every mark.
      id = markIds[c]! - 1;
      if (id < 0) markIds[c] = (id = words.id(text, i, j)) + 1;
    } else id = k !== Kind.Punct ? words.id(text, i, j) : -1;
    cols.id[count] = id;
    if (k === Kind.Num) {
      const digits = words.word(id);
      // A number's value is worked out once per distinct way of writing it.
      let value = id < numberValues.length ? numberValues[id]! : Number.NaN;
      if (value !== value) {
        value = Number(digits);
        if (id >= numberValues.length) numberValues = grownValues(numberValues, id);
        numberValues[id] = value;
      }
      cols.value[count] = value;
      norm[count] = digits;
    } else {
      cols.value[count] = Number.NaN;
      norm[count] = id >= 0 ? words.word(id) : k === Kind.Word ? text.slice(i, j).toLowerCase() : text.slice(i, j);
    }
    if (k === Kind.Newline) lineNo++;
    spaces = 0;
    tab = 0;
    count++;
    i = j;
  }
  norm.length = count;
  return {
    text,
    count,
    kind: cols.kind.subarray(0, count),
    start: cols.start.subarray(0, count),
    end: cols.end.subarray(0, count),
    norm,
    ids: cols.id.subarray(0, count),
    idCount: words.size,
    value: cols.value.subarray(0, count),
    spaceBefore: cols.spaceBefore.subarray(0, count),
    tabBefore: cols.tabBefore.subarray(0, count),
    line: cols.line.subarray(0, count),
  };
}

/**
 * Marks the tokens whose norm is in `words` (numbers never are): each distinct word is looked up once,
 * by its id, instead of once per token.
 */
export function tokensIn(lx: Lexed, words: ReadonlySet<string>): Uint8Array {
  const marks = new Uint8Array(lx.count);
  // Per id: 0 not looked up yet, 1 in the set, 2 not.
  const known = new Uint8Array(lx.idCount);
  for (let i = 0; i < lx.count; i++) {
    if (lx.kind[i] === Kind.Num) continue;
    const id = lx.ids[i]!;
    let answer = id >= 0 ? known[id]! : 0;
    if (answer === 0) {
      answer = words.has(lx.norm[i]!) ? 1 : 2;
      if (id >= 0) known[id] = answer;
    }
    if (answer === 1) marks[i] = 1;
  }
  return marks;
}

/** Index of the first token starting at or after `offset` (count when none). */
export function lexAt(lx: Lexed, offset: number): number {
  return firstAtLeast(lx.start, lx.count, offset);
}
