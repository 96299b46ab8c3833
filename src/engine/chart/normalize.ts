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

const FOLD = new Map<string, string>();
for (const row of FOLD_ROWS) for (const c of row.chars) FOLD.set(c, row.to);

// Anything that might need folding; most notes have none, and then the text is returned as it is.
const NEEDS_FOLDING = new RegExp(`[${[...FOLD.keys()].join('')}${Object.keys(LOOKALIKES).join('')}\\r\\uff01-\\uff5e]`);
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f]/;
const LETTER = /\p{L}/u;

/** Fold one word's look-alikes when the word is Latin (has a Latin letter, or is made only of look-alikes). */
function foldWord(word: string): string {
  let latin = false;
  let allLookalike = true;
  for (const c of word) {
    if (LATIN_LETTER.test(c)) latin = true;
    else if (!(c in LOOKALIKES)) allLookalike = false;
  }
  if (!latin && !allLookalike) return word;
  let out = '';
  for (const c of word) out += LOOKALIKES[c] ?? c;
  return out;
}

const identity: Normalized['toOriginal'] = (offset) => offset;

export function normalizeText(original: string): Normalized {
  if (!NEEDS_FOLDING.test(original)) return { text: original, identity: true, toOriginal: identity, fromOriginal: identity };

  const out: string[] = [];
  // toOrig[i] = original offset of folded char i; fromOrig[j] = folded offset of original char j.
  const toOrig: number[] = [];
  const fromOrig = new Int32Array(original.length + 1);
  const emit = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]!);
      toOrig.push(at);
    }
  };
  let i = 0;
  while (i < original.length) {
    const c = original[i]!;
    fromOrig[i] = toOrig.length;
    if (LETTER.test(c)) {
      // A whole word at once, so look-alikes are folded only inside Latin words. Code points keep
      // surrogate pairs together; look-alikes are single UTF-16 units, so the word's length is kept.
      let j = i;
      while (j < original.length && (LETTER.test(original[j]!) || FOLD.get(original[j]!) === '')) j++;
      let word = '';
      const at: number[] = [];
      for (let k = i; k < j; k++) {
        fromOrig[k] = toOrig.length + word.length;
        const folded = FOLD.get(original[k]!);
        if (folded === '') continue; // a soft hyphen or zero-width mark inside the word
        word += original[k]!;
        at.push(k);
      }
      const folded = foldWord(word);
      for (let k = 0; k < folded.length; k++) {
        out.push(folded[k]!);
        toOrig.push(at[k] ?? at[at.length - 1] ?? i);
      }
      i = j;
      continue;
    }
    if (c === '\r') {
      // CRLF → LF; a lone CR is a line break.
      if (original[i + 1] !== '\n') emit('\n', i);
      i++;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) {
      emit(String.fromCharCode(code - 0xfee0), i);
      i++;
      continue;
    }
    const folded = FOLD.get(c);
    emit(folded ?? c, i);
    i++;
  }
  fromOrig[original.length] = toOrig.length;
  const text = out.join('');
  toOrig.push(original.length);
  const toOriginalMap = Int32Array.from(toOrig);
  return {
    text,
    identity: false,
    toOriginal: (offset) => toOriginalMap[Math.max(0, Math.min(offset, text.length))]!,
    fromOriginal: (offset) => fromOrig[Math.max(0, Math.min(offset, original.length))]!,
  };
}
