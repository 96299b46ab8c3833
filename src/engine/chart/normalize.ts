// Text folding before any matching: invisible characters dropped, odd spaces, dashes, quotes and
// primes made plain, Cyrillic/Greek look-alikes inside Latin words made Latin, full-width ASCII made
// ASCII. Every fact is read from the folded text; the offset map sends every span back to the
// original, so evidence always points at what the user typed.

export interface Normalized {
  /** The folded text every reader works on. */
  text: string;
  /** True when folding changed nothing (then offsets are the same in both texts). */
  identity: boolean;
  /** Offset in the original text of a folded offset (0..text.length inclusive). */
  toOriginal(offset: number): number;
  /** Offset in the folded text of an original offset (0..original.length inclusive). */
  fromOriginal(offset: number): number;
}

// One row per kind of character: what it becomes ('' = dropped). Look-alikes are handled apart,
// because they are only folded inside words that are Latin (an all-Cyrillic word stays as it is).
const FOLD_ROWS: readonly { chars: string; to: string; why: string }[] = [
  { chars: '\u00ad\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e', to: '', why: 'soft hyphen, zero-width and direction marks: invisible, but they split words' },
  { chars: '\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000', to: ' ', why: 'no-break and typographic spaces' },
  { chars: '\u2028\u2029\u0085', to: '\n', why: 'Unicode line and paragraph separators' },
  { chars: '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d', to: '-', why: 'hyphens, en/em dashes and the minus sign' },
  { chars: '\u2018\u2019\u201a\u201b\u2032\u02b9\u02bc\u00b4\u0060', to: "'", why: "curly single quotes and the prime (minutes: 12')" },
  { chars: '\u201c\u201d\u201e\u201f\u2033\u02ba', to: '"', why: 'curly double quotes and the double prime' },
  { chars: '\u00ba\u02da', to: '\u00b0', why: 'ordinal and ring signs written for degrees' },
  { chars: '\u2044\u2215', to: '/', why: 'fraction and division slashes (6\u204410)' },
];

// Cyrillic and Greek letters that look like Latin ones (Unicode confusables, the ones seen in pasted text).
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};

const FOLD = new Map<number, string>();
for (const row of FOLD_ROWS) for (const c of row.chars) FOLD.set(c.charCodeAt(0), row.to);
const LOOKALIKE = new Map<number, string>(Object.entries(LOOKALIKES).map(([from, to]) => [from.charCodeAt(0), to]));

// Anything that might need folding; most notes have none, and then the text is returned as it is.
const NEEDS_FOLDING = new RegExp(`[${FOLD_ROWS.map((r) => r.chars).join('')}${Object.keys(LOOKALIKES).join('')}\\r\\uff01-\\uff5e]`);
const LETTER = /\p{L}/u;
/** The characters the scan stops at: CR, the backtick and everything outside ASCII. */
const MAY_FOLD = /[\r`\u0080-\uffff]/g;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Letters are tested one UTF-16 unit at a time (a lone surrogate is no letter); answers are kept per unit. */
let letterCache: Uint8Array | undefined;
function isLetter(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  letterCache ??= new Uint8Array(65536);
  let known = letterCache[c]!;
  if (known === 0) letterCache[c] = known = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}
const isLatin = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
const isInvisible = (c: number) => c >= 128 && FOLD.get(c) === '';

const identity: Normalized['toOriginal'] = (offset) => offset;

/**
 * One pass over the UTF-16 units. The folded text is the original with some units replaced by one
 * unit and some dropped, never lengthened, so the offset maps need only the dropped positions: a
 * folded offset f is the original unit f + (units dropped before it), found by binary search.
 */
export function normalizeText(original: string): Normalized {
  const characters = foldCharacters(original);
  const dictation = foldDictation(characters.text);
  if (dictation.identity) return characters;
  if (characters.identity) return dictation;
  return {
    text: dictation.text,
    identity: false,
    toOriginal: (offset) => characters.toOriginal(dictation.toOriginal(offset)),
    fromOriginal: (offset) => dictation.fromOriginal(characters.fromOriginal(offset)),
  };
}

// Dictated notes speak their punctuation: "calf tight period new paragraph plan colon".
// One row per spoken mark: the words, and the mark they stand for (never longer than the words, so
// each unit is kept, replaced one for one or dropped, and the offset map stays a list of dropped positions). A note counts as dictated only when it speaks
// several marks (DICTATED), so "cert period" or "a period of rest" in a typed note stay words.
const SPOKEN_MARKS: readonly { words: string; to: string }[] = [
  { words: 'new paragraph', to: '\n\n' },
  { words: 'next paragraph', to: '\n\n' },
  { words: 'new line', to: '\n' },
  { words: 'next line', to: '\n' },
  { words: 'full stop', to: '.' },
  { words: 'period', to: '.' },
  { words: 'comma', to: ',' },
  { words: 'semicolon', to: ';' },
  { words: 'colon', to: ':' },
  { words: 'question mark', to: '?' },
];
const SPOKEN = new RegExp(`\\b(${SPOKEN_MARKS.map((m) => m.words.replace(' ', '[ \\t]+')).join('|')})\\b`, 'gi');
const DICTATED = { marks: 4, kinds: 2 };

function foldDictation(original: string): Normalized {
  const found: { start: number; end: number; to: string }[] = [];
  const kinds = new Set<string>();
  for (const m of original.matchAll(SPOKEN)) {
    const spoken = m[1]!.toLowerCase().replace(/[ \t]+/g, ' ');
    const row = SPOKEN_MARKS.find((r) => r.words === spoken)!;
    // The spaces before the spoken mark go with it ("ten period" → "ten."); walked back here, not in the
    // pattern, so a long run of spaces is not rescanned from every position.
    let start = m.index!;
    while (start > 0 && (original[start - 1] === ' ' || original[start - 1] === '\t') && (found.length === 0 || start > found[found.length - 1]!.end)) start--;
    found.push({ start, end: m.index! + m[0].length, to: row.to });
    kinds.add(row.to);
  }
  if (found.length < DICTATED.marks || kinds.size < DICTATED.kinds) return { text: original, identity: true, toOriginal: identity, fromOriginal: identity };
  const pieces: string[] = [];
  const dropped: number[] = [];
  let copied = 0;
  for (const f of found) {
    pieces.push(original.slice(copied, f.start));
    // The mark takes the first units of the spoken words (and the space before them); the rest are dropped.
    let k = f.start;
    for (const unit of f.to) {
      pieces.push(unit);
      k++;
    }
    for (; k < f.end; k++) dropped.push(k);
    copied = f.end;
  }
  pieces.push(original.slice(copied));
  return withDrops(original, pieces.join(''), dropped);
}

function foldCharacters(original: string): Normalized {
  if (!NEEDS_FOLDING.test(original)) return { text: original, identity: true, toOriginal: identity, fromOriginal: identity };

  const n = original.length;
  const pieces: string[] = [];
  const dropped: number[] = [];
  let copied = 0; // original[0, copied) is in `pieces`
  const replace = (at: number, to: string) => {
    if (at > copied) pieces.push(original.slice(copied, at));
    if (to === '') dropped.push(at);
    else pieces.push(to);
    copied = at + 1;
  };
  /** Fold the word starting at `i` (a letter); returns where it ends. */
  const foldWordAt = (i: number): number => {
    // A whole word at once (letters, and invisible marks inside it), so look-alikes are folded only
    // inside Latin words: a word with a Latin letter, or one made only of look-alikes.
    let j = i;
    let lookalikes = false;
    let invisible = false;
    let latin = false;
    let allLookalike = true;
    for (; j < n; j++) {
      const d = original.charCodeAt(j);
      if (isLetter(d)) {
        if (isLatin(d)) latin = true;
        else if (d >= 128 && LOOKALIKE.has(d)) lookalikes = true;
        else allLookalike = false;
      } else if (isInvisible(d)) invisible = true;
      else break;
    }
    const fold = lookalikes && (latin || allLookalike);
    if (fold || invisible) {
      for (let k = i; k < j; k++) {
        const d = original.charCodeAt(k);
        if (d < 128) continue;
        if (isInvisible(d)) replace(k, '');
        else if (fold && LOOKALIKE.has(d)) replace(k, LOOKALIKE.get(d)!);
      }
    }
    return j;
  };
  // Plain ASCII needs nothing: the scan jumps from one character that may need folding (CR, the
  // backtick, anything outside ASCII) to the next. ASCII letters need nothing unless the word they are
  // in holds something else, so a word is only looked at as a whole from its start (`word`: the run
  // of ASCII letters just before, back to where the scan last stopped) when such a character turns up in it.
  let i = 0;
  for (;;) {
    MAY_FOLD.lastIndex = i;
    if (!MAY_FOLD.test(original)) break;
    const at = MAY_FOLD.lastIndex - 1;
    const c = original.charCodeAt(at);
    if (c < 128) {
      if (c === 13) {
        // CRLF → LF; a lone CR is a line break.
        replace(at, original.charCodeAt(at + 1) === 10 ? '' : '\n');
      } else replace(at, FOLD.get(c)!);
      i = at + 1;
      continue;
    }
    let word = at;
    while (word > i && isAsciiLetter(original.charCodeAt(word - 1))) word--;
    if (isLetter(c) || (word < at && isInvisible(c))) {
      i = foldWordAt(word);
      continue;
    }
    if (c >= 0xff01 && c <= 0xff5e) {
      replace(at, String.fromCharCode(c - 0xfee0));
    } else {
      const folded = FOLD.get(c);
      if (folded !== undefined) replace(at, folded);
    }
    i = at + 1;
  }
  if (copied < n) pieces.push(original.slice(copied));
  return withDrops(original, pieces.join(''), dropped);
}

/** The offset maps of a folding that replaced units one for one and dropped the units in `dropped` (ascending). */
function withDrops(original: string, text: string, dropped: readonly number[]): Normalized {
  const n = original.length;
  const drops = Int32Array.from(dropped);
  return {
    text,
    identity: false,
    toOriginal: (offset) => {
      const f = Math.max(0, Math.min(offset, text.length));
      // The first drop m with drops[m] - m > f: the m drops before it all come before the unit.
      let lo = 0;
      let hi = drops.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (drops[mid]! - mid > f) hi = mid;
        else lo = mid + 1;
      }
      return f + lo;
    },
    fromOriginal: (offset) => {
      const k = Math.max(0, Math.min(offset, n));
      let lo = 0;
      let hi = drops.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (drops[mid]! < k) lo = mid + 1;
        else hi = mid;
      }
      return k - lo;
    },
  };
}
